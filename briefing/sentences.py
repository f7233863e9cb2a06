"""Split plain text into sentences with stable ids and character offsets.

Rule based, so that the same text always gives the same ids and offsets:

1. Paragraphs. Blank lines separate blocks. Inside a block a line break ends a paragraph
   (news text often puts a headline such as "North Korean Reinforcements in Kursk" on its own
   line, with no final punctuation), unless the block looks hard-wrapped at a fixed width, in
   which case a full line continues on the next one.
2. Sentences. Inside a paragraph a sentence ends at `.`, `!`, `?` or an ellipsis, after any
   closing quotes or brackets, when whitespace and a word that can start a sentence follow.
   A period after an abbreviation (Mr., Dr., e.g., No. 1, Jan. 15), an initial (J. R. R.) or a
   dotted acronym (U.S.) ends a sentence only when an obvious sentence opener ("The", "He", ...)
   follows; decimals (3.5) never do, since no whitespace follows their point.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefing.schema import Sentence

Span = tuple[int, int]

# A line of a hard-wrapped block is "full" when it reaches this share of the block's width.
WRAP_FILL = 0.6
# Plain text wrapped by an editor or mailer is 50-100 characters wide; wider lines are paragraphs.
WRAP_WIDTH_MIN = 50
WRAP_WIDTH_MAX = 100

BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
LINE_BREAK = re.compile(r"\n")
WORD = re.compile(r"\S+")
LIST_MARKER = re.compile(r"\s*(?:[-*+\u2022\u2013]|\d{1,3}[.)])\s")  # - * + bullet en-dash 1. 1)
CLOSING = "\"'\u201d\u2019\u00bb)]"  # straight and curly closing quotes, guillemet, brackets
OPENING = "\"'\u201c\u2018\u00ab([\u00bf\u00a1"  # the opening ones, and Spanish inverted marks
DASHES = "-\u2014\u2013"
TERMINATOR = re.compile(r"(?:\.{2,}|\u2026|[.!?])+[" + re.escape(CLOSING) + r"]*(?=\s|$)")

# Titles that precede a name and never end a sentence, and Latin abbreviations used mid-sentence.
NEVER_FINAL = frozenset({
    "mr", "mrs", "ms", "mme", "mmes", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gov",
    "gen", "lt", "col", "maj", "capt", "cmdr", "cdr", "adm", "sgt", "cpl", "pvt", "brig", "rev",
    "hon", "pres", "supt", "insp", "det", "amb", "atty", "mt", "ft", "e.g", "i.e", "cf", "vs",
    "v", "viz", "approx", "ca", "nos", "vol", "vols", "pp", "fig", "figs", "ch", "para", "paras",
    "art", "sec", "est", "dept", "univ"
})  # fmt: skip
# Abbreviations that end a sentence when the next word is a sentence opener.
AMBIGUOUS = frozenset({
    "etc", "inc", "ltd", "co", "corp", "bros", "jr", "sr", "st", "ave", "blvd", "rd", "no", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "a.m", "p.m"
})  # fmt: skip
# Words that start sentences far more often than they follow an abbreviation or a name.
OPENERS = frozenset({
    "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "here", "his", "her", "its", "their", "our", "my", "your", "but", "and",
    "or", "so", "yet", "in", "on", "at", "for", "from", "with", "by", "as", "if", "when", "while",
    "after", "before", "since", "although", "though", "however", "meanwhile", "still", "then",
    "now", "what", "why", "how", "who", "where", "which", "according", "officials", "some",
    "many", "most", "no", "not", "one", "two", "three", "all", "both", "each", "few", "several",
    "despite", "during"
})  # fmt: skip


def split_sentences(text: str, *, prefix: str = "") -> list[Sentence]:
    """Split `text` into sentences "S1", "S2", ... (with `prefix` "A2." -> "A2.S1")."""
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(find_paragraphs(text)):
        for s_start, s_end in find_sentence_spans(text, start, end):
            sentences.append(
                Sentence(
                    id=f"{prefix}S{len(sentences) + 1}",
                    text=text[s_start:s_end],
                    start=s_start,
                    end=s_end,
                    paragraph=paragraph,
                )
            )
    return sentences


def find_paragraphs(text: str) -> list[Span]:
    """Paragraph spans, stripped, in order; paragraphs with no letter or digit are skipped."""
    paragraphs: list[Span] = []
    for block_start, block_end in split_spans(text, BLANK_LINE, 0, len(text)):
        spans = split_spans(text, LINE_BREAK, block_start, block_end)
        lines = [(s, e) for s, e in (strip_span(text, s, e) for s, e in spans) if s < e]
        paragraphs.extend(join_wrapped_lines(text, lines))
    return [(s, e) for s, e in paragraphs if has_word(text[s:e])]


def join_wrapped_lines(text: str, lines: list[Span]) -> Iterator[Span]:
    """Merge a block's lines into paragraphs: a full line of a hard-wrapped block continues."""
    if not lines:
        return
    width = max(e - s for s, e in lines)
    full = [e - s >= WRAP_FILL * width for s, e in lines]
    wrapped = WRAP_WIDTH_MIN <= width <= WRAP_WIDTH_MAX and looks_wrapped(text, lines, full)
    start, end = lines[0]
    for index, (line_start, line_end) in enumerate(lines[1:]):
        if not (wrapped and full[index]) or LIST_MARKER.match(text, line_start):
            yield start, end
            start = line_start
        end = line_end
    yield start, end


def looks_wrapped(text: str, lines: list[Span], full: list[bool]) -> bool:
    """Whether most full lines end mid-sentence, as lines cut at a fixed width do.

    In text with one paragraph per line, full lines end with a sentence's final punctuation.
    """
    endings = [
        ends_with_terminator(text[s:e])
        for (s, e), is_full in zip(lines[:-1], full[:-1], strict=True)
        if is_full
    ]
    return endings.count(False) > endings.count(True)


def ends_with_terminator(line: str) -> bool:
    return line.rstrip(CLOSING).endswith((".", "!", "?", "\u2026"))


def find_sentence_spans(text: str, start: int, end: int) -> Iterator[Span]:
    """Sentence spans inside one paragraph, stripped."""
    sentence_start = start
    for match in TERMINATOR.finditer(text, start, end):
        if match.end() < end and ends_sentence(text, match, sentence_start, end):
            span = strip_span(text, sentence_start, match.end())
            if has_word(text[span[0] : span[1]]):
                yield span
                sentence_start = span[1]
            # A terminator alone (e.g. "..." opening a paragraph) stays with what follows.
    span = strip_span(text, sentence_start, end)
    if has_word(text[span[0] : span[1]]):
        yield span


def ends_sentence(text: str, match: re.Match[str], sentence_start: int, end: int) -> bool:
    """Whether the terminator `match` ends a sentence, judged by the words around it."""
    next_word = word_after(text, match.end(), end)
    if not next_word or not can_open_sentence(next_word):
        return False
    marks = match.group().rstrip(CLOSING)
    if marks != ".":
        return True  # "!", "?", "..." and "?!" always end when a capitalised word follows
    word = word_before(text, match.start(), sentence_start)
    kind = classify_word(word)
    if kind == "never":
        return False
    if kind == "list-marker":
        return text[sentence_start : match.start()].strip() != word
    if kind == "ambiguous":
        return next_word.strip(OPENING).lower() in OPENERS
    return True


def classify_word(word: str) -> str:
    """Say what a word followed by a period is: an abbreviation, an initial, an acronym, ..."""
    lowered = word.lower()
    if lowered in NEVER_FINAL:
        return "never"
    if lowered in AMBIGUOUS:
        return "ambiguous"
    if len(word) == 1 and word.isalpha() and word.isupper():
        return "ambiguous"  # an initial, as in "J. R. R. Tolkien"
    if "." in word and all(len(part) <= 2 and part.isalpha() for part in word.split(".")):
        return "ambiguous"  # a dotted acronym such as "U.S" or "U.N", never "4.5%" or "1.2"
    if word.isdigit() and len(word) <= 3:
        return "list-marker"  # "1." at the start of a line numbers a list item
    return "plain"


def word_before(text: str, position: int, floor: int) -> str:
    """The word that ends at `position` (a period's index), without opening punctuation."""
    start = position
    while start > floor and not text[start - 1].isspace():
        start -= 1
    return text[start:position].lstrip(OPENING + DASHES)


def word_after(text: str, position: int, end: int) -> str:
    """The next whitespace-delimited word at or after `position`, within the paragraph."""
    match = WORD.search(text, position, end)
    return match.group() if match else ""


def can_open_sentence(word: str) -> bool:
    """A capitalised word, a number, or a letter of a caseless script, after opening quotes."""
    core = word.lstrip(OPENING)
    if not core:
        return False
    first = core[0]
    return first.isdigit() or (first.isalpha() and not first.islower())


def split_spans(text: str, separator: re.Pattern[str], start: int, end: int) -> Iterator[Span]:
    """The spans of text[start:end] between matches of `separator`."""
    position = start
    for match in separator.finditer(text, start, end):
        yield position, match.start()
        position = match.end()
    yield position, end


def strip_span(text: str, start: int, end: int) -> Span:
    """Shrink a span so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def has_word(text: str) -> bool:
    return any(char.isalnum() for char in text)
