"""The word a figure is said of, and another figure of the source said of that word.

"Crestview must pay a $25 million penalty" against "a $9.5 million penalty ... spend $25 million
on grid upgrades": the claim's $25 million is a penalty; the source's penalty is $9.5 million and
its $25 million is spent. "A £22m pre-tax loss" against "a pre-tax loss of £18 million from a
profit of £22 million": the £22 million was a profit. A figure's head is the word it is written
against: the noun just after it ("$25 million penalty", past a modifier or two), the noun a
linking word ties it to ("a profit of £22 million"), or the verb just before it ("sought 12
years", "spend $25 million").
"""

from __future__ import annotations

import functools
import re

from briefing.schema import Quantity
from briefing.verify_context import CLAIM_WINDOW, STOP_WORDS, stem, stems
from briefing.verify_index import SourceIndex
from briefing.verify_match import same_number
from briefing.verify_owners_clauses import MOVE_STEMS
from briefing.verify_whose import comparable

WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
HEAD_AFTER = 3  # words after a figure that may name its noun ("$1.2 billion pre-tax loss")
# "a profit of £22 million", "sales were €2 billion": the word before a linking word
LINKED_BEFORE = re.compile(
    r"([^\W\d_]+)\s+(?:of|at|was|were|is|are|totall?ed|reached|stood\s+at|came\s+to)"
    r"(?:\s+(?:about|around|nearly|almost|some|roughly|approximately|just|over|under|a|an))*\s*$",
    re.I,
)
# "sought 12 years", "spend $25 million": the word just before
JUST_BEFORE = re.compile(
    r"([^\W\d_]+)(?:\s+(?:about|around|nearly|almost|some|roughly|a|an))*\s*$", re.I
)
STOP_AFTER = frozenset(
    {"in", "on", "for", "from", "by", "with", "to", "at", "as", "than", "of", "and", "or", "but"}
    | {"while", "which", "that", "who", "after", "before", "when", "since", "over", "under"}
    | {"was", "were", "is", "are", "had", "have", "has", "will", "would", "could", "been"}
)
MODIFIERS = frozenset(
    {"annual", "net", "gross", "total", "new", "additional", "extra", "other", "quarterly"}
    | {"monthly", "daily", "weekly", "yearly", "adjusted", "operating", "average", "more"}
)
# "earnings per share in the quarter were $6.86": a period is when, not what
PERIODS = frozenset(
    {"quarter", "quarters", "half", "period", "season", "week", "month", "year", "day", "today"}
)
AMOUNTS = frozenset({"money", "percent", "measure", "duration", "rate"})


def heads(text: str, quantity: Quantity) -> frozenset[str]:
    """The stems of the words a figure is written against (see the module's docstring)."""
    return _heads(text, quantity.start, quantity.end)


@functools.lru_cache(maxsize=4096)
def _heads(text: str, start: int, end: int) -> frozenset[str]:
    found: set[str] = set(_words_after(text[end : end + 40]))
    before = text[max(0, start - 50) : start]
    for pattern in (LINKED_BEFORE, JUST_BEFORE):
        match = pattern.search(before)
        if match is not None and _content(match.group(1)):
            found.add(stem(match.group(1).lower()))
    return frozenset(found)


def _words_after(text: str) -> list[str]:
    """The noun right after a figure, past a modifier or two ("pre-tax", "annual"), before any
    break, preposition, conjunction, auxiliary or number."""
    position = 0
    for skipped, match in enumerate(WORD.finditer(text)):
        gap = text[position : match.start()]
        word = match.group()
        low = word.lower()
        stops = low in STOP_AFTER or any(c in gap for c in ".,;:!?()\n")
        if stops or any(c.isdigit() for c in gap) or skipped > HEAD_AFTER:
            break
        if _content(word) and "-" not in word and low not in MODIFIERS:
            return [stem(low)]
        position = match.end()
    return []


def _content(word: str) -> bool:
    low = word.lower()
    if len(low) <= 2 or low in STOP_WORDS or low in PERIODS or not word[:1].islower():
        return False
    return stem(low) not in MOVE_STEMS and stem(low) not in LINKS


# "subscribers reached 6.8 mln", "revenue hit $3bn": verbs that only say a figure is a level
LINKS = frozenset(stem(w) for w in ("reached", "hit", "totaled", "totalled", "stood", "came"))


def head_of_other(
    claim: Quantity, claim_text: str, source: Quantity, sentence: str, index: SourceIndex
) -> str | None:
    """Why the claim's figure is refused, when the claim writes it against a word that the source
    writes against another figure of its kind, in the same or a neighbouring sentence, while the
    claim says none of the matched figure's own words; else None. Counts are left to their
    counted nouns (`noun_counted_by_other`): "the five missing" may well be the claim's "five
    babies"."""
    if source.kind not in AMOUNTS:
        return None
    wanted = heads(claim_text, claim)
    own = heads(sentence, source)
    if not wanted or wanted & own:
        return None
    if not own and wanted & stems(sentence):
        return None  # "earnings per share in the quarter were $6.86": the word is there
    around = claim_text[max(0, claim.start - CLAIM_WINDOW) : claim.end + CLAIM_WINDOW]
    if own & stems(around):
        return None  # "earnings per share in the quarter": the claim says "quarter" too
    for other in index.near(source):
        if other is source or (other.kind, other.unit) != (source.kind, source.unit):
            continue
        if same_number(claim, other) or not comparable(other.value, source.value):
            continue
        if wanted & heads(index.sentences[other.sentence_id or ""].text, other):
            return f"the claim's words fit the source's {other.text!r}, not {source.text!r}"
    return None
