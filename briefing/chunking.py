"""Cut a Source into Chunks of whole sentences that fit the model's token budget.

A chunk's text is what the prompt shows: one `[S3] sentence text` line per sentence, whitespace
inside a sentence collapsed to single spaces. Chunks end on sentence boundaries, never exceed
`max_tokens` (counted exactly on the chunk text), and neighbouring chunks share `overlap` lines,
so a fact that straddles a boundary is seen whole at least once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import tiktoken

from briefing.errors import ConfigError
from briefing.schema import Chunk, Sentence, Source
from briefing.tokens import DEFAULT_ENCODING, get_encoding

WORD = re.compile(r"\S+")
# The longest a single character can encode to (a 4-byte UTF-8 character, one token per byte).
MAX_TOKENS_PER_CHAR = 4
# Longer than any token in tiktoken's vocabularies is long; bounds the search for a cut.
MAX_CHARS_PER_TOKEN = 128


@dataclass(frozen=True)
class Line:
    """One prompt line: a sentence, or a part of a sentence too long for one chunk."""

    sentence_id: str
    text: str  # "[S3] sentence text"
    start: int  # char offsets into Source.text
    end: int
    n_tokens: int  # tokens of `text` alone, as the last line of a chunk
    n_tokens_joined: int  # tokens of `text` plus the newline that joins it to the next line


def chunk(
    source: Source, *, max_tokens: int, overlap: int = 1, encoding: str = DEFAULT_ENCODING
) -> list[Chunk]:
    """Cut `source` into chunks "A1#1", "A1#2", ... in sentence order.

    Neighbouring chunks share `overlap` lines, fewer only when the shared lines and the next new
    one would not fit `max_tokens` together. A sentence whose line alone exceeds `max_tokens` is
    cut at word boundaries into parts, each as many words as fit: every part is a line of its
    own that carries the same id (`[S7] the first words` then `[S7] the next words`), so the
    model can still cite S7; the chunk offsets of a part point at its own words, and its parts
    are consecutive lines that chunks pack and overlap like whole sentences. A single word
    longer than the budget (a URL, a long run of digits) is cut between characters.

    Raises:
        ConfigError: unknown encoding, negative `overlap`, or `max_tokens` too small for a line.
    """
    if overlap < 0:
        raise ConfigError(
            f"chunk overlap must be 0 or more, not {overlap}",
            "Set it to 0 for none, or to a few sentences.",
        )
    enc = get_encoding(encoding)
    check_budget(source, max_tokens, enc)
    lines = [
        line for sentence in source.sentences for line in make_lines(sentence, max_tokens, enc)
    ]
    spans = pack_lines(lines, max_tokens=max_tokens, overlap=overlap, enc=enc)
    return [
        make_chunk(source, index, lines[start:end], n_tokens)
        for index, (start, end, n_tokens) in enumerate(spans)
    ]


def check_budget(source: Source, max_tokens: int, enc: tiktoken.Encoding) -> None:
    """Refuse a budget too small for a sentence id and one character."""
    longest_id = max((s.id for s in source.sentences), key=len, default="S1")
    needed = len(enc.encode_ordinary(line_prefix(longest_id))) + MAX_TOKENS_PER_CHAR
    if max_tokens < needed:
        raise ConfigError(
            f"a chunk of {max_tokens} tokens cannot hold one sentence line (needs {needed})",
            "Raise --chunk-tokens.",
        )


def line_prefix(sentence_id: str) -> str:
    return f"[{sentence_id}] "


def make_lines(sentence: Sentence, max_tokens: int, enc: tiktoken.Encoding) -> Iterator[Line]:
    """The sentence as one line, or as parts cut at word boundaries when it is too long."""
    text = line_prefix(sentence.id) + " ".join(sentence.text.split())
    n_tokens = count(text, enc)
    if n_tokens <= max_tokens:
        yield make_line(sentence.id, text, sentence.start, sentence.end, enc, n_tokens)
        return
    words = [(m.start(), m.end()) for m in WORD.finditer(sentence.text)]
    for start, end in cut_words(sentence, words, max_tokens, enc):
        part = line_prefix(sentence.id) + " ".join(sentence.text[start:end].split())
        offset = sentence.start
        yield make_line(sentence.id, part, offset + start, offset + end, enc)


def make_line(
    sentence_id: str,
    text: str,
    start: int,
    end: int,
    enc: tiktoken.Encoding,
    n_tokens: int | None = None,
) -> Line:
    if n_tokens is None:
        n_tokens = count(text, enc)
    return Line(sentence_id, text, start, end, n_tokens, count(text + "\n", enc))


def cut_words(
    sentence: Sentence, words: Sequence[tuple[int, int]], max_tokens: int, enc: tiktoken.Encoding
) -> Iterator[tuple[int, int]]:
    """Spans (offsets into the sentence) of the longest runs of words that fit, in order."""
    first = 0
    while first < len(words):
        # Every word adds at least one token, so no part holds more than max_tokens words.
        high = min(len(words) - 1, first + max_tokens)
        fits = functools.partial(words_fit, sentence, words, first, max_tokens, enc)
        last = last_fitting(first, high, fits)
        if last < first:  # the word alone is too long: cut it between characters
            yield from cut_characters(sentence, words[first], max_tokens, enc)
            first += 1
            continue
        yield words[first][0], words[last][1]
        first = last + 1


def words_fit(
    sentence: Sentence,
    words: Sequence[tuple[int, int]],
    first: int,
    max_tokens: int,
    enc: tiktoken.Encoding,
    last: int,
) -> bool:
    part = " ".join(sentence.text[words[first][0] : words[last][1]].split())
    return fits_budget(line_prefix(sentence.id) + part, max_tokens, enc)


def cut_characters(
    sentence: Sentence, word: tuple[int, int], max_tokens: int, enc: tiktoken.Encoding
) -> Iterator[tuple[int, int]]:
    """Spans of one over-long word, each as many characters as fit."""
    start, end = word
    while start < end:
        high = min(end, start + max_tokens * MAX_CHARS_PER_TOKEN)
        fits = functools.partial(characters_fit, sentence, start, max_tokens, enc)
        stop = max(last_fitting(start + 1, high, fits), start + 1)  # one character always fits
        yield start, stop
        start = stop


def characters_fit(
    sentence: Sentence, start: int, max_tokens: int, enc: tiktoken.Encoding, stop: int
) -> bool:
    return fits_budget(line_prefix(sentence.id) + sentence.text[start:stop], max_tokens, enc)


def last_fitting(low: int, high: int, fits: Callable[[int], bool]) -> int:
    """The largest n in [low, high] with fits(n), given fits is monotone; low - 1 if none."""
    if not fits(low):
        return low - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def pack_lines(
    lines: Sequence[Line], *, max_tokens: int, overlap: int, enc: tiktoken.Encoding
) -> list[tuple[int, int, int]]:
    """Greedy spans [start, end) of lines, one per chunk, with their exact token counts."""
    spans: list[tuple[int, int, int]] = []
    start = 0
    while start < len(lines):
        end, n_tokens = fill(lines, start, max_tokens, enc)
        if spans and end <= spans[-1][1]:
            start += 1  # the exact count left no new line: share one line fewer
            continue
        spans.append((start, end, n_tokens))
        if end == len(lines):
            break
        start = next_start(lines, start, end, overlap, max_tokens)
    return spans


def fill(
    lines: Sequence[Line], start: int, max_tokens: int, enc: tiktoken.Encoding
) -> tuple[int, int]:
    """The end of the longest run of lines from `start` whose joined text fits, and its count."""
    end, joined = start + 1, lines[start].n_tokens_joined
    while end < len(lines) and joined + lines[end].n_tokens <= max_tokens:
        joined += lines[end].n_tokens_joined
        end += 1
    # The estimate equals the exact count for tiktoken's patterns (a newline never merges
    # with the "[" that starts the next line); the exact count makes the budget a guarantee.
    while True:
        n_tokens = count(join(lines[start:end]), enc)
        if n_tokens <= max_tokens or end == start + 1:  # a line alone always fits
            return end, n_tokens
        end -= 1


def next_start(lines: Sequence[Line], start: int, end: int, overlap: int, max_tokens: int) -> int:
    """Where the next chunk starts: `overlap` lines back, fewer if they crowd out new text."""
    candidate = max(end - overlap, start + 1)
    joined = sum(line.n_tokens_joined for line in lines[candidate:end]) + lines[end].n_tokens
    while candidate < end and joined > max_tokens:
        joined -= lines[candidate].n_tokens_joined
        candidate += 1
    return candidate


def make_chunk(source: Source, index: int, lines: Sequence[Line], n_tokens: int) -> Chunk:
    text = join(lines)
    sentence_ids = list(dict.fromkeys(line.sentence_id for line in lines))
    return Chunk(
        id=f"{source.id}#{index + 1}",
        source_id=source.id,
        index=index,
        sentence_ids=sentence_ids,
        text=text,
        n_tokens=n_tokens,
        start=lines[0].start,
        end=lines[-1].end,
    )


def join(lines: Sequence[Line]) -> str:
    return "\n".join(line.text for line in lines)


def count(text: str, enc: tiktoken.Encoding) -> int:
    return len(enc.encode_ordinary(text))


def fits_budget(text: str, max_tokens: int, enc: tiktoken.Encoding) -> bool:
    return count(text, enc) <= max_tokens
