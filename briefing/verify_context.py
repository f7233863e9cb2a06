"""The words around a number, to tell whether a claim's "three" is the source's "three".

A value that occurs in the source is only support when the source says it of the same thing. The
context of a number is the set of content-word stems near it; a claim number whose context shares no
stem with any source occurrence of its value is a mismatch, not a match.
"""

from __future__ import annotations

import re

from briefing.numbers_nouns import NOT_NOUNS
from briefing.numbers_words import NUMBER_WORDS, ORDINALS
from briefing.schema import Quantity

WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
CLAUSE_END = re.compile(r"[.;!?]\s|\n")
STOP_WORDS = (
    NOT_NOUNS
    | NUMBER_WORDS
    | ORDINALS.keys()
    | frozenset(
        [
            "also",
            "like",
            "just",
            "really",
            "very",
            "much",
            "many",
            "well",
            "yeah",
            "okay",
            "know",
            "think",
            "going",
            "get",
            "got",
            "make",
            "made",
            "well",
            "said",
            "says",
            "told",
            "year",
            "years",
            "month",
            "months",
            "week",
            "weeks",
            "day",
            "days",
            "time",
            "times",
            "percent",
            "per",
            "cent",
            "million",
            "billion",
            "trillion",
            "bln",
            "mln",
            "trn",
            "thousand",
            "dollars",
            "first",
            "second",
            "total",
            "around",
            "approximately",
            "about",
            "nearly",
        ]
    )
)
STEM_LENGTH = 5
CLAIM_WINDOW = 40  # characters either side of a claim number
SOURCE_WINDOW = 90  # characters either side of a source number


def stems(text: str) -> frozenset[str]:
    """Content-word stems: lower-cased words of 3+ letters, minus stop words, cut to 5 letters."""
    return frozenset(
        stem(word)
        for word in (w.lower() for w in WORD_RE.findall(text))
        if len(word) > 2 and word not in STOP_WORDS
    )


def stem(word: str) -> str:
    """A crude stem: "works" and "worked" -> "work", "babies" -> "baby", "charged" -> "charg"."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"  # "babies" and "baby" share a stem
    elif len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:STEM_LENGTH]


def needs_context(claim: Quantity) -> bool:
    """Small plain counts recur all over a text; a date or "$4.3 billion" says enough alone."""
    if claim.kind not in ("count", "ordinal") or claim.unit is not None:
        return False
    return claim.value == int(claim.value) and claim.value < 100


def claim_context(text: str, quantity: Quantity) -> frozenset[str]:
    """Stems near a claim number, within its clause."""
    return stems(_window(text, quantity, CLAIM_WINDOW))


def source_context(text: str, quantity: Quantity) -> frozenset[str]:
    """Stems near a source number, within its sentence (`text` is the sentence)."""
    return stems(_window(text, quantity, SOURCE_WINDOW))


def _window(text: str, quantity: Quantity, width: int) -> str:
    left = text[max(0, quantity.start - width) : quantity.start]
    right = text[quantity.end : quantity.end + width]
    ends = list(CLAUSE_END.finditer(left))
    if ends:
        left = left[ends[-1].end() :]
    cut = CLAUSE_END.search(right)
    if cut:
        right = right[: cut.start()]
    return f"{left} {right}"


PAIR_LEFT = re.compile(r"\d\s*[-\u2013]\s*$")
PAIR_RIGHT = re.compile(r"\s*[-\u2013]\s*\d")
# "a vote of 52 to 48", "won by three votes to two": a tally said with "to", not a range.
TALLY = re.compile(
    r"\b(?:vot(?:e|es|ed|ing)|won|wins?|beat(?:s|en)?|lost|loses|defeat(?:s|ed)?|score[ds]?|"
    r"margin|ruled|passed|approved|rejected|tally)\b[^.;:]*$",
    re.I,
)
TALLY_TO_LEFT = re.compile(
    r"\b(?:vot(?:e|es|ed|ing)|won|wins?|beat(?:s|en)?|lost|defeat(?:s|ed)?|score[ds]?|margin|"
    r"ruled|passed|approved|rejected|tally)\b[^.;:\d]{0,20}\d+\s+(?:votes?\s+)?to\s+$",
    re.I,
)
# "by 3 votes to 1": the word "votes" between the two makes the tally on its own
VOTES_TO_LEFT = re.compile(r"\b\d+\s+votes\s+to\s+$", re.I)
VOTES_TO_RIGHT = re.compile(r"\s+votes\s+to\s+\d+\b", re.I)
TALLY_TO_RIGHT = re.compile(r"\s+(?:votes?\s+)?to\s+\d+\b(?!\s*(?:%|percent|per\s+cent))")


def in_pair(text: str, quantity: Quantity) -> bool:
    """ "won 4-1", "a vote of 12-8", "6-7 (2-7)": half of a score, not an amount.

    A rising pair such as "10-15" is read as a range before this is asked, so a plain count with
    a digit joined by a dash on either side is a score, a vote or a line-up number.
    """
    if quantity.kind != "count" or quantity.unit is not None or quantity.low is not None:
        return False
    left = text[max(0, quantity.start - 4) : quantity.start]
    if PAIR_LEFT.search(left) or PAIR_RIGHT.match(text, quantity.end):
        return True
    before = text[max(0, quantity.start - 50) : quantity.start]
    if TALLY_TO_LEFT.search(before) or VOTES_TO_LEFT.search(before):
        return True  # "voted 52 to 48", "by 3 votes to 1": the 48, the 1
    if VOTES_TO_RIGHT.match(text, quantity.end):
        return True  # "by 3 votes to 1": the 3
    return TALLY_TO_RIGHT.match(text, quantity.end) is not None and TALLY.search(before) is not None


PAIR_AROUND = re.compile(r"(\d+)(?:\s*[-\u2013]\s*|\s+votes\s+to\s+)(\d+)", re.I)


def pair_around(text: str, quantity: Quantity) -> tuple[str, str] | None:
    """The whole score or vote a half belongs to ("5-2" for either half), if written with a dash
    or as "3 votes to 1"."""
    for match in PAIR_AROUND.finditer(text, max(0, quantity.start - 16), quantity.end + 16):
        if match.start() <= quantity.start < match.end():
            return match.group(1), match.group(2)
    return None


LEAD_WORDS = 3  # words right before a number that say what it is ("Grand Slam in")
LEAD_MIN = 4  # letters: a lead needs one real word, not just "in the"


def lead_words(text: str, quantity: Quantity) -> tuple[str, ...] | None:
    """The lower-cased words just before a number, in its clause, when one is a content word."""
    left = text[max(0, quantity.start - 60) : quantity.start]
    ends = list(CLAUSE_END.finditer(left))
    if ends:
        left = left[ends[-1].end() :]
    words = tuple(word.lower() for word in WORD_RE.findall(left)[-LEAD_WORDS:])
    if len(words) < LEAD_WORDS or not any(
        len(word) >= LEAD_MIN and word not in STOP_WORDS for word in words
    ):
        return None
    return words
