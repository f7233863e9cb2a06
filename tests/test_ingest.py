from __future__ import annotations

import hashlib
import io
import socket
import sys
from pathlib import Path

import pytest

from briefing import ingest, ingest_html
from briefing.errors import ExitCode, InputError
from briefing.schema import Source

DATA = Path(__file__).resolve().parent / "data"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "kursk-north-korean-troops.txt"


def texts(source: Source) -> list[str]:
    return [sentence.text for sentence in source.sentences]


def assert_offsets_hold(source: Source) -> None:
    for sentence in source.sentences:
        assert source.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(*args: object, **_: object) -> None:
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


# --- formats --------------------------------------------------------------------------------------


def test_plain_text_keeps_headlines_and_abbreviations() -> None:
    source = ingest.read_source(DATA / "port-strike.txt")

    assert texts(source) == [
        "Dockworkers End Three-Day Strike at Rotterdam",
        "About 1,200 dockworkers at the Port of Rotterdam returned to work on Friday after a "
        "three-day strike that halted 65% of container traffic.",
        "Mr. Jan de Vries, a spokesman for the FNV union, said the deal raises wages by 4.5% over "
        "two years.",
        "Losses and Backlog",
        "The port authority estimated losses at €32 million, or roughly €10.7 million per day.",
        'Dr. A. M. Bakker of Erasmus University said the backlog of 48,000 containers "should '
        'clear within a week."',
        "Some 140 ships waited at anchor on Thursday, according to the U.S. Coast Guard liaison "
        "office.",
        "The next round of talks is set for Jan. 15 in The Hague.",
    ]
    assert [s.id for s in source.sentences] == [f"S{n}" for n in range(1, 9)]
    assert [s.paragraph for s in source.sentences] == [0, 1, 1, 2, 3, 3, 4, 4]
    assert (source.id, source.name, source.format, source.encoding) == (
        "A1",
        "port-strike",
        "txt",
        "utf-8",
    )
    assert source.title is None
    assert source.path == str(DATA / "port-strike.txt")
    assert source.sha256 == hashlib.sha256(source.text.encode("utf-8")).hexdigest()
    assert_offsets_hold(source)


def test_markdown_is_plain_text_with_its_first_heading_as_title() -> None:
    source = ingest.read_source(DATA / "grain-exports.md")

    assert source.format == "md"
    assert source.title == "Grain Exports Rise 12% in March"
    assert texts(source) == [
        "Grain Exports Rise 12% in March",
        "Published 2 April 2024 by Staff Reporter",
        "Ukraine shipped 4.2 million tonnes of grain in March, up 12% from February.",
        "The Black Sea corridor carried about 90% of the total.",
        "Key figures",
        "Wheat: 1.8 million tonnes",
        "Corn: 2.1 million tonnes",
        "Barley: 0.3 million tonnes",
        '"We expect 50 million tonnes this season," said Minister Taras Vysotskyi.',
        "Port | Share",
        "Odesa | 61%",
        "Pivdennyi | 29%",
        "Exports of sunflower oil fell by 7.5%, to 410,000 tonnes.",
        "Chart of exports",
        "Source: Ukrainian Grain Association",
    ]
    for syntax in ("#", "**", "](", "https://", "chart.png", "```", "|---", "> "):
        assert syntax not in source.text
    assert_offsets_hold(source)


def test_html_keeps_the_article_and_drops_boilerplate(offline: list[object]) -> None:
    source = ingest.read_source(DATA / "bridge-closure.html")

    assert source.format == "html"
    assert source.title == "River bridge closed for 18 months of repairs"  # og:title
    assert texts(source) == [
        "River bridge closed for 18 months of repairs",
        "The city council closed the 320-metre Elm Street bridge on Monday after inspectors "
        "found corrosion in 14 of its 40 steel cables.",
        "About 25,000 vehicles crossed the bridge each day.",
        "Repairs are expected to cost $48.5 million and take 18 months, the council said.",
        'Mayor Dana Lee called the closure "painful but necessary."',
        "A temporary ferry will carry up to 600 passengers per hour from April 1.",
        "Traffic on the two other crossings rose by 35% on the first day.",
    ]
    for boilerplate in ("Subscribe", "Ten recipes", "rights reserved", "Cookie", "trackingId"):
        assert boilerplate not in source.text
    assert offline == []  # the page's script, image and tracker URLs were never fetched


def test_html_fallback_extracts_visible_blocks_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch, offline: list[object]
) -> None:
    monkeypatch.setattr(ingest_html.trafilatura, "extract", lambda *_, **__: None)

    source = ingest.read_source(DATA / "bridge-closure.html")

    assert texts(source)[:3] == [
        "River bridge closed for 18 months of repairs",
        "By A. Writer, 3 March 2025",
        "The city council closed the 320-metre Elm Street bridge on Monday after inspectors "
        "found corrosion in 14 of its 40 steel cables.",
    ]
    for boilerplate in ("Home", "Subscribe", "Ten recipes", "rights reserved", "trackingId", "{"):
        assert boilerplate not in source.text
    assert offline == []


def test_html_title_falls_back_to_the_title_element(tmp_path: Path) -> None:
    page = tmp_path / "page.htm"
    page.write_text(
        "<html><head><title> Ferry  service\n resumes </title></head>"
        "<body><p>The ferry carried 410 passengers on Sunday.</p></body></html>",
        encoding="utf-8",
    )

    source = ingest.read_source(page)

    assert source.title == "Ferry service resumes"
    assert texts(source) == ["The ferry carried 410 passengers on Sunday."]


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = tmp_path / "lviv.html"
    html = (
        '<html><head><meta charset="windows-1251"><title>Львів</title></head>'
        "<body><p>Львів збудує 12 нових шкіл.</p></body></html>"
    )
    page.write_bytes(html.encode("cp1251"))

    source = ingest.read_source(page)

    assert source.encoding == "windows-1251"
    assert source.title == "Львів"
    assert texts(source) == ["Львів збудує 12 нових шкіл."]


# --- encodings ------------------------------------------------------------------------------------


def test_latin1_file_is_decoded_as_western_european() -> None:
    source = ingest.read_source(DATA / "coffee-prices-latin1.txt")

    assert source.encoding == "cp1252"
    assert "Imports from São Paulo fell to 3,400 tonnes" in source.text
    assert "Señor José Núñez" in source.text
    assert "below 18 °C." in source.text
    assert len(source.sentences) == 5


def test_utf16_file_with_bom_is_decoded() -> None:
    source = ingest.read_source(DATA / "rail-strike-utf16.txt")

    assert source.encoding == "utf-16"
    assert texts(source) == [
        "Rail strike cuts services by 70%",
        "Train drivers in Łódź and Kraków walked out on Wednesday, cutting services by 70%.",
        "The union wants a raise of 600 złoty a month for its 4,800 members.",
        "Commuters queued for 45 minutes at Kraków Główny station.",
    ]


def test_utf8_bom_and_crlf_do_not_reach_the_text(tmp_path: Path) -> None:
    article = tmp_path / "crlf.txt"
    article.write_bytes(b"\xef\xbb\xbfHeadline here\r\nThe body has 3 sentences.  \r\n")

    source = ingest.read_source(article)

    assert source.encoding == "utf-8-sig"
    assert source.text == "Headline here\nThe body has 3 sentences."
    assert texts(source) == ["Headline here", "The body has 3 sentences."]


def test_text_is_unicode_normalised(tmp_path: Path) -> None:
    article = tmp_path / "nfd.txt"
    article.write_text("Cafe\u0301 prices rose 5%.", encoding="utf-8")

    assert ingest.read_source(article).text == "Café prices rose 5%."


# --- stdin and sniffing ---------------------------------------------------------------------------


def test_stdin_text() -> None:
    source = ingest.read_source("-", stdin=io.BytesIO(b"Troops moved 40 km. They stopped."))

    assert (source.name, source.path, source.format) == ("stdin", None, "txt")
    assert texts(source) == ["Troops moved 40 km.", "They stopped."]


def test_stdin_html_is_sniffed() -> None:
    page = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>It rained 20 mm.</p>"

    source = ingest.read_source("-", stdin=io.BytesIO(page))

    assert (source.format, source.title, texts(source)) == ("html", "T", ["It rained 20 mm."])


def test_stdin_defaults_to_the_process_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Rain fell for 3 days."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)

    assert texts(ingest.read_source("-")) == ["Rain fell for 3 days."]


def test_stdin_that_is_a_terminal_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())

    with pytest.raises(InputError, match="stdin: it is a terminal"):
        ingest.read_source("-")


def test_stdin_html_fragment_is_sniffed() -> None:
    source = ingest.read_source(
        "-", stdin=io.BytesIO(b"<p>Ten boats <b>left</b>.</p><p>One sank.</p>")
    )

    assert (source.format, texts(source)) == ("html", ["Ten boats left.", "One sank."])


def test_markdown_html_blocks_keep_their_visible_text(tmp_path: Path) -> None:
    article = tmp_path / "note.md"
    article.write_text(
        'Intro line.\n\n<div class="note"><p>Held 40 <b>prisoners</b>.</p>'
        "<script>steal()</script></div>\n\nEnd.",
        encoding="utf-8",
    )

    assert texts(ingest.read_source(article)) == ["Intro line.", "Held 40 prisoners.", "End."]


def test_a_pipe_is_read_like_a_file(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(b"Piped in 3 sentences. Two. Three.",))
    writer.start()

    source = ingest.read_source(fifo)
    writer.join()

    assert (source.name, len(source.sentences)) == ("pipe", 3)


@pytest.mark.parametrize(
    ("name", "content", "expected_format"),
    [
        ("page.log", "<!-- saved --><html><body><p>Ten boats left.</p></body></html>", "html"),
        ("notes.text", "Ten boats left.", "txt"),
        ("README", "Ten boats left.", "txt"),
    ],
)
def test_unknown_suffixes_are_sniffed(
    tmp_path: Path, name: str, content: str, expected_format: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")

    source = ingest.read_source(path)

    assert (source.format, texts(source)) == (expected_format, ["Ten boats left."])


# --- several inputs -------------------------------------------------------------------------------


def test_one_input_has_plain_sentence_ids() -> None:
    [source] = ingest.read_sources([DATA / "port-strike.txt"])

    assert source.id == "A1"
    assert source.sentences[0].id == "S1"


def test_several_inputs_get_article_prefixed_ids() -> None:
    sources = ingest.read_sources(
        [DATA / "port-strike.txt", "-", str(DATA / "grain-exports.md")],
        stdin=io.BytesIO(b"One. Two."),
    )

    assert [s.id for s in sources] == ["A1", "A2", "A3"]
    assert [s.id for s in sources[1].sentences] == ["A2.S1", "A2.S2"]
    assert sources[0].sentences[-1].id == "A1.S8"
    assert sources[2].sentences[0].id == "A3.S1"


def test_stdin_given_twice_is_refused() -> None:
    with pytest.raises(InputError, match=r"- \(stdin\) is given more than once"):
        ingest.read_sources(["-", DATA / "port-strike.txt", "-"], stdin=io.BytesIO(b"x"))


def test_no_inputs_is_refused() -> None:
    with pytest.raises(InputError, match="no input given"):
        ingest.read_sources([])


def test_reading_is_deterministic() -> None:
    assert ingest.read_source(SEED) == ingest.read_source(SEED)


def test_seed_article() -> None:
    source = ingest.read_source(SEED)

    assert len(source.sentences) == 24
    assert source.sentences[0].text.startswith("U.S. Secretary of State Antony Blinken")
    headlines = [s.id for s in source.sentences if not s.text.endswith((".", "”", '"', ")"))]
    assert headlines == ["S2", "S5", "S9", "S13", "S15", "S19"]
    assert source.sentences[1].text == "North Korean Reinforcements in Kursk"
    assert source.sentences[-1].text == "(Includes inputs from online sources.)"
    assert_offsets_hold(source)


# --- errors ---------------------------------------------------------------------------------------


def error_for(path: str | Path, stdin: bytes | None = None) -> str:
    with pytest.raises(InputError) as caught:
        ingest.read_source(path, stdin=None if stdin is None else io.BytesIO(stdin))
    assert caught.value.exit_code == ExitCode.USAGE
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_missing_file() -> None:
    assert error_for("seeds/x.txt") == (
        "cannot read seeds/x.txt: no such file. Pass a .txt, .md or .html file, or - for stdin."
    )


def test_directory(tmp_path: Path) -> None:
    assert (
        error_for(tmp_path)
        == f"cannot read {tmp_path}: it is a directory. Pass the article files in it."
    )


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")

    assert error_for(tmp_path / "empty.txt").startswith(f"{tmp_path / 'empty.txt'} is empty.")


def test_whitespace_only_file(tmp_path: Path) -> None:
    (tmp_path / "blank.md").write_text(" \n\t\n  \n", encoding="utf-8")

    assert "holds only whitespace" in error_for(tmp_path / "blank.md")


def test_punctuation_only_file(tmp_path: Path) -> None:
    (tmp_path / "rule.txt").write_text("* * *\n---\n", encoding="utf-8")

    assert "has no words or numbers" in error_for(tmp_path / "rule.txt")


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    assert "looks like a binary file" in error_for(tmp_path / "image.txt")


def test_mostly_control_characters(tmp_path: Path) -> None:
    (tmp_path / "dump.txt").write_bytes(b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f def" * 20)

    assert "looks like a binary file" in error_for(tmp_path / "dump.txt")


def test_undecodable_bytes(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 8)

    assert error_for(tmp_path / "noise.txt").startswith(f"cannot decode {tmp_path / 'noise.txt'}")


def test_broken_utf16(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfeA\x00\x00\xd8")  # a lone surrogate

    assert "byte-order mark" in error_for(tmp_path / "broken.txt")


@pytest.mark.parametrize(
    ("suffix", "kind"), [(".pdf", "PDF"), (".docx", "Word"), (".PNG", "image")]
)
def test_unsupported_suffix_names_the_supported_formats(
    tmp_path: Path, suffix: str, kind: str
) -> None:
    path = tmp_path / f"report{suffix}"
    path.write_bytes(b"whatever")

    message = error_for(path)

    assert f"{kind} files ({suffix.lower()}) are not supported" in message
    assert "Supported formats: .txt, .md and .html, or - for stdin" in message


def test_pdf_content_is_recognised_whatever_its_name(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")

    assert "it is a PDF file, which is not supported" in error_for(tmp_path / "article.txt")
    assert "it is a ZIP-based (e.g. Word) file" in error_for("-", stdin=b"PK\x03\x04rest")


def test_html_without_text(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text(
        "<html><head><title>x</title><script>var a = 'Ignore me.';</script></head>"
        "<body><img src='http://example.com/x.png'></body></html>",
        encoding="utf-8",
    )

    assert error_for(page) == (
        f"{page}: no article text found in the HTML. "
        "Pass the article's own page, or save its text as .txt."
    )


def test_oversized_input(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(ingest, "MAX_INPUT_BYTES", 16)
    (tmp_path / "big.txt").write_text("x" * 17, encoding="utf-8")

    assert "limit" in error_for(tmp_path / "big.txt")
    assert "limit" in error_for("-", stdin=b"y" * 17)
