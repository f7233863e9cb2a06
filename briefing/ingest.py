"""Read articles (.txt, .md, .html or stdin) into Sources split into sentences.

The only stage that reads input files. Article text is data: nothing in it is followed, fetched
or executed, whatever links, scripts or instructions it contains.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Literal

import charset_normalizer

from briefing.errors import InputError
from briefing.ingest_html import extract_html, looks_like_html
from briefing.ingest_markdown import extract_markdown
from briefing.schema import Source
from briefing.sentences import split_sentences

__all__ = ["read_source", "read_sources", "split_sentences"]

Format = Literal["txt", "md", "html"]

STDIN = "-"
SUPPORTED_HINT = "Pass a .txt, .md or .html file, or - for stdin."
MAX_INPUT_BYTES = 64 * 1024 * 1024  # far above any article; stops a mistaken multi-GB read

SUFFIX_FORMATS: dict[str, Format] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".mdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}  # fmt: skip
# Formats people try to pass, named so the error can say what they are.
UNSUPPORTED_SUFFIXES = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument", ".rtf": "RTF",
    ".epub": "EPUB", ".pages": "Pages", ".ppt": "PowerPoint", ".pptx": "PowerPoint",
    ".xls": "Excel", ".xlsx": "Excel", ".zip": "ZIP", ".gz": "gzip", ".png": "image",
    ".jpg": "image", ".jpeg": "image", ".gif": "image", ".webp": "image", ".eml": "e-mail",
}  # fmt: skip
MAGIC_FORMATS = ((b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP-based (e.g. Word)"), (b"{\\rtf", "RTF"))
BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)  # fmt: skip
# Legacy single-byte encodings decode the same bytes equally "well"; for Western news text
# windows-1252 is by far the likeliest (and what browsers assume for latin-1).
PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
ARTICLE_WANTED = "Pass an article with some text."
MAX_CONTROL_SHARE = 0.02  # more control characters than this and it is not prose
# C0/C1 controls other than whitespace, lone surrogates and private-use characters.
CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")


def read_sources(paths: Sequence[str | Path], *, stdin: BinaryIO | None = None) -> list[Source]:
    """Read the inputs of one brief as sources "A1", "A2", ...; with several, ids are "A2.S1"."""
    if not paths:
        raise InputError("no input given", SUPPORTED_HINT)
    if sum(str(path) == STDIN for path in paths) > 1:
        raise InputError("- (stdin) is given more than once", "Pass - at most once.")
    several = len(paths) > 1
    return [
        read_source(
            path,
            source_id=f"A{k}",
            stdin=stdin,
            sentence_prefix=f"A{k}." if several else "",
        )
        for k, path in enumerate(paths, start=1)
    ]


def read_source(
    path: str | Path,
    *,
    source_id: str = "A1",
    stdin: BinaryIO | None = None,
    sentence_prefix: str = "",
    wanted: str = ARTICLE_WANTED,
) -> Source:
    """Read one article (a file, or "-" for stdin) into a Source with its sentences.

    `wanted` is the hint an empty input gets: what the user should pass instead.

    Raises:
        InputError: missing, unreadable, empty, binary, undecodable or unsupported input.
    """
    from_stdin = str(path) == STDIN
    label = "stdin" if from_stdin else str(path)
    data = read_stdin_bytes(stdin) if from_stdin else read_file_bytes(Path(path))
    check_not_empty(data, label, wanted)
    suffix_format = None if from_stdin else format_from_suffix(Path(path))
    reject_document_formats(data, label)
    text, encoding = decode_bytes(data, label, html_hint=suffix_format == "html")
    fmt = suffix_format or ("html" if looks_like_html(text) else "txt")
    body, title = extract_text(text, fmt)
    body = normalize_text(body)
    sentences = split_sentences(body, prefix=sentence_prefix)
    if not sentences:
        raise no_text_error(label, fmt, bool(body), wanted)
    return Source(
        id=source_id,
        name="stdin" if from_stdin else Path(path).stem,
        path=None if from_stdin else str(path),
        title=title,
        text=body,
        sentences=sentences,
        sha256=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        encoding=encoding,
        format=fmt,
    )


def read_file_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError that says why they cannot be read."""
    try:
        if path.is_dir():
            raise InputError(
                f"cannot read {path}: it is a directory", "Pass the article files in it."
            )
        with path.open("rb") as stream:  # also a pipe such as <(command): read with a bound
            return read_bounded(stream, str(path))
    except FileNotFoundError:
        raise InputError(f"cannot read {path}: no such file", SUPPORTED_HINT) from None
    except PermissionError:
        raise InputError(
            f"cannot read {path}: permission denied", "Check the file's permissions."
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}", SUPPORTED_HINT) from None


def read_stdin_bytes(stdin: BinaryIO | None) -> bytes:
    """All of stdin; refuses an interactive terminal rather than waiting on it."""
    stream = stdin
    if stream is None:
        if sys.stdin is None or sys.stdin.closed:
            raise InputError(
                "cannot read stdin: there is none", "Pipe an article in, or pass a file."
            )
        if sys.stdin.isatty():
            raise InputError(
                "cannot read stdin: it is a terminal, not an article",
                "Pipe an article in, e.g. cat article.txt | briefing generate -",
            )
        stream = sys.stdin.buffer
    return read_bounded(stream, "stdin")


def read_bounded(stream: BinaryIO, label: str) -> bytes:
    """Read to the end, refusing more than MAX_INPUT_BYTES (a mistaken multi-GB file or device)."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        limit_mb = MAX_INPUT_BYTES // 2**20
        raise InputError(
            f"cannot read {label}: it is over the {limit_mb} MB limit for one article",
            "Pass the article text only.",
        )
    return data


def check_not_empty(data: bytes, label: str, wanted: str = ARTICLE_WANTED) -> None:
    if not data:
        raise InputError(f"{label} is empty", wanted)


def format_from_suffix(path: Path) -> Format | None:
    """The format a known suffix names; None to sniff the content instead."""
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        kind = UNSUPPORTED_SUFFIXES[suffix]
        raise InputError(
            f"cannot read {path}: {kind} files ({suffix}) are not supported",
            "Supported formats: .txt, .md and .html, or - for stdin; convert it to text first.",
        )
    return SUFFIX_FORMATS.get(suffix)


def reject_document_formats(data: bytes, label: str) -> None:
    """Name a PDF, Word or RTF file by its content, whatever its name says."""
    for magic, kind in MAGIC_FORMATS:
        if data.startswith(magic):
            raise InputError(
                f"cannot read {label}: it is a {kind} file, which is not supported",
                "Supported formats: .txt, .md and .html, or - for stdin; convert it to text first.",
            )


def decode_bytes(data: bytes, label: str, *, html_hint: bool = False) -> tuple[str, str]:
    """Decode by BOM, then UTF-8, then an HTML meta charset, then charset-normalizer.

    Returns (text, encoding name). Raises InputError for binary or undecodable data.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return check_text(decode_strict(data, encoding, label), label), encoding
    if b"\x00" in data:
        raise binary_error(label)
    candidates = ["utf-8"]
    if html_hint or data.lstrip()[:1] == b"<":
        candidates += declared_charsets(data)
    for encoding in candidates:
        try:
            return check_text(data.decode(encoding), label), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    text, encoding = detect_encoding(data, label)
    return check_text(text, label), encoding


def decode_strict(data: bytes, encoding: str, label: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise undecodable_error(label, f"it starts with a {encoding} byte-order mark") from None


def declared_charsets(data: bytes) -> list[str]:
    """The charset an HTML page declares in a <meta> tag near its start."""
    match = META_CHARSET.search(data[:4096])
    return [match.group(1).decode("ascii", "replace")] if match else []


def detect_encoding(data: bytes, label: str) -> tuple[str, str]:
    """Guess a legacy encoding with charset-normalizer, preferring cp1252 among equals."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise undecodable_error(label, "it is not UTF-8 and no other text encoding fits")
    best = matches[0]
    equals = [
        match
        for match in matches
        if match.chaos <= best.chaos + 0.01 and match.coherence >= best.coherence - 0.01
    ]
    for preferred in PREFERRED_LEGACY:
        for match in equals:
            if match.encoding == preferred:
                return str(match), preferred
    return str(best), str(best.encoding)


def check_text(text: str, label: str) -> str:
    """Refuse decoded text that is mostly control characters: a binary file, not prose."""
    controls = len(CONTROL_CHARS.findall(text))
    if controls > MAX_CONTROL_SHARE * max(len(text), 1):
        raise binary_error(label)
    return text


def extract_text(text: str, fmt: Format) -> tuple[str, str | None]:
    """The readable text of a decoded document and its title, if it has one."""
    if fmt == "html":
        return extract_html(text)
    if fmt == "md":
        return extract_markdown(text)
    return text, None


def normalize_text(text: str) -> str:
    """One newline convention, composed Unicode, no trailing spaces: what offsets point into."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def binary_error(label: str) -> InputError:
    return InputError(f"cannot read {label}: it looks like a binary file, not text", SUPPORTED_HINT)


def undecodable_error(label: str, why: str) -> InputError:
    return InputError(f"cannot decode {label}: {why}", "Save it as UTF-8 and try again.")


def no_text_error(
    label: str, fmt: Format, has_characters: bool, wanted: str = ARTICLE_WANTED
) -> InputError:
    if fmt == "html":
        return InputError(
            f"{label}: no article text found in the HTML",
            "Pass the article's own page, or save its text as .txt.",
        )
    if has_characters:
        return InputError(f"{label} has no words or numbers", wanted)
    return InputError(f"{label} holds only whitespace", wanted)
