"""A qualifier that belongs to another sentence's figure: "core inflation fell to 3.2%" when the
source's 3.2% is plain inflation and core inflation is given, with its own figure, elsewhere;
"net interest income fell 2% to 4.7bn" when 4.7bn was net profit and net interest income has a
sentence of its own.

Only the two-word name just before the claim's number is asked about (its subject, "core
inflation"), and only when the matched sentence names half of it and another sentence names all
of it beside a figure of the same kind. A summary that merely brings in words from elsewhere
("the lowest since 2021") names no such pair and is never flagged by this.
"""

from __future__ import annotations

import functools
import itertools
import re

from briefing.schema import Quantity
from briefing.verify_context import STOP_WORDS, stem
from briefing.verify_index import SourceIndex
from briefing.verify_match import same_number
from briefing.verify_owners_clauses import MOVE_STEMS
from briefing.verify_whose import comparable

CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|\s--\s")
SUBJECT_WORDS = 4  # words before the claim's number that may name what it measures
# A hyphened compound is one word: "like-for-like sales" is a qualifier and its noun.
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def qualified_elsewhere(
    claim: Quantity, claim_text: str, index: SourceIndex, ref: tuple[str, int]
) -> bool:
    """Whether the claim's subject ("core inflation") is named in full only in another sentence
    that gives a figure of the matched one's kind, while the matched sentence names half of it."""
    if claim_text.islower():
        return False  # a text without capitals cannot tell "jordan spieth" from "core inflation"
    before = _after_last_figure(CLAUSE_END.split(claim_text[: claim.start])[-1])
    subject = _subject_pairs(before)
    if not subject:
        return False
    sid, position = ref
    source = index.quantities[sid][position]
    here = _pairs_and_words(index.sentences[sid].text)
    for pair in subject:
        if pair in here[0] or not set(pair) & here[1]:
            continue  # the matched sentence names it in full, or names nothing of it
        for other_id, sentence in index.sentences.items():
            if other_id == sid or pair not in _pairs_and_words(sentence.text)[0]:
                continue
            if any(_rival(source, claim, q) for q in index.quantities.get(other_id, [])):
                return True
    return False


# the unit of a figure before the claim's: "slipped 0.6 percentage points to 15.8%" measures
# the 0.6 in percentage points; they are no subject of the 15.8%
UNIT_AFTER_FIGURE = re.compile(
    r"^[\d.,]*\s*(?:(?:percentage|percent|per|cent|basis|points?|pp|bps|million|billion|"
    r"thousand|trillion|bn|m|k)\b\s*)*",
    re.I,
)


def _after_last_figure(before: str) -> str:
    """The words after the last figure before the claim's number, past that figure's unit."""
    digits = list(re.finditer(r"\d", before))
    if not digits:
        return before
    rest = before[digits[-1].start() :]
    unit = UNIT_AFTER_FIGURE.match(rest)
    return rest if unit is None else rest[unit.end() :]


def _rival(source: Quantity, claim: Quantity, other: Quantity) -> bool:
    if (other.kind, other.unit) != (source.kind, source.unit) or same_number(claim, other):
        return False
    return comparable(other.value, source.value)


def _subject_pairs(before: str) -> list[tuple[str, str]]:
    """Adjacent lower-case content-word stems among the last few words before the number: a
    qualifier and its noun ("core inflation"), never a name ("Sabine Lisicki")."""
    words = WORD_RE.findall(before)[-SUBJECT_WORDS:]
    kept = [None if _skip(w.lower()) or not w.islower() else stem(w.lower()) for w in words]
    return [(a, b) for a, b in itertools.pairwise(kept) if a is not None and b is not None]


@functools.lru_cache(maxsize=1024)
def _pairs_and_words(text: str) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """A sentence's adjacent content-word stem pairs, and its content-word stems."""
    words = [w.lower() for w in WORD_RE.findall(text)]
    kept = [None if _skip(w) else stem(w) for w in words]
    pairs = frozenset(
        (a, b) for a, b in itertools.pairwise(kept) if a is not None and b is not None
    )
    return pairs, frozenset(k for k in kept if k is not None)


def _skip(word: str) -> bool:
    return len(word) <= 2 or word in STOP_WORDS or stem(word) in MOVE_STEMS
