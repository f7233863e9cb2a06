"""Whose number is it, when one source sentence gives two of a kind: "Core inflation was 4.1%,
while headline inflation was 3.1%" does not back "core inflation was 3.1%", nor "Germany shrank
0.3% while France grew 0.1%" "France's economy contracted 0.3%".

The sentence is cut into parts at words that join or set statements against each other ("and",
"while", "but", "up from", "beating", ";"); a part without a number belongs to the next part that
has one (the subject comes before its figure). A claim's number is said of another figure's part
when the claim names that part's entity (a capitalised name) while the matched part names an
entity of its own the claim does not, or when the claim shares a word with only the other part
("core") and none with its own (after a plain "and", names shared as a subject do not count).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from briefing.schema import Quantity
from briefing.verify_context import STOP_WORDS, WORD_RE, stem, stems

# Words that set one figure against another: "while", "but", "up from 19%", "beating ... $820m",
# "took 13,844 votes, ahead of Helen Harrison with 7,408".
_SET_AGAINST = (
    r"while|whereas|but|compared\s+with|against|versus|(?:up|down)\s+from|beating|topping|"
    r"ahead\s+of|followed\s+by|trailed\s+by|"
    r"missing(?=\s+(?:\w+'?s?\s+){0,2}(?:estimate|expectation|forecast|consensus|target|guidance|"
    r"projection))|from(?=\s+(?:an?\s+|the\s+)?[\d$\u00a3\u20ac])"
)
# "Provision was $1.1bn, including a reserve build of $250m": a part of a whole has words of its own
_WITHIN = r"including|excluding|of\s+which"
JOINS = re.compile(rf";|\b(?:and|{_WITHIN}|{_SET_AGAINST})\b", re.I)
CONTRAST = re.compile(rf";|\b(?:{_SET_AGAINST})\b", re.I)
SENTENCE_END = re.compile(r"[.!?](?=\s)")
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


# How a figure moved says nothing of whose it is: "net interest income rose 14%" is not the
# 14% of "non-interest income rose 14%" for sharing "rose" with it.
MOVE_STEMS = stems(
    "rose rise rises rising risen fell fall falls falling fallen grew grow grows growing "
    "increased increase increases decreased decrease declined decline dropped drop climbed "
    "climb jumped jump gained gain slipped slid eased edged surged soared plunged"
)


@dataclass(frozen=True)
class Part:
    words: frozenset[str]  # content stems
    names: frozenset[str]  # stems of capitalised words other than stop words
    alone: bool = True  # the only number of its kind in its part: its words are its own


def parts_of(text: str, quantities: list[Quantity]) -> list[Part]:
    """The part of its sentence each quantity belongs to, in the quantities' order."""
    regions: dict[int, list[tuple[int, int]]] = {}
    for a, b in _sentences(text):
        _assign(text, a, b, quantities, regions)
    found: list[Part] = []
    for k in range(len(quantities)):
        start = quantities[k].start
        key = next((j for j in regions if any(a <= start < b for a, b in regions[j])), k)
        spans = regions.get(key, [])
        chunk = " ".join(text[a:b] for a, b in spans)
        kind = (quantities[k].kind, quantities[k].unit)
        sharing = sum(
            1
            for q in quantities
            if (q.kind, q.unit) == kind and any(a <= q.start < b for a, b in spans)
        )
        found.append(Part(stems(chunk) - MOVE_STEMS, _names(chunk), sharing <= 1))
    return found


def _sentences(text: str) -> list[tuple[int, int]]:
    cuts = [0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _assign(
    text: str, a: int, b: int, quantities: list[Quantity], regions: dict[int, list[tuple[int, int]]]
) -> None:
    """Give each part of one sentence to its quantity; a part without one goes to the next part
    that has one, else to the last one before it. Nothing crosses the sentence's end."""
    if RESPECTIVELY.search(text, a, b):  # "19% and 38%, respectively": one part for all
        for k, q in enumerate(quantities):
            if a <= q.start < b:
                regions.setdefault(k, []).append((a, b))
        return
    cuts = [a, *(m.start() for m in JOINS.finditer(text, a, b)), b]
    waiting: list[tuple[int, int]] = []
    last: int | None = None
    for lo, hi in itertools.pairwise(cuts):
        if hi <= lo:
            continue
        inside = [k for k, q in enumerate(quantities) if lo <= q.start < hi]
        if not inside:
            waiting.append((lo, hi))
            continue
        regions.setdefault(inside[0], []).extend([*waiting, (lo, hi)])
        waiting, last = [], inside[0]
    if waiting and last is not None:
        regions[last].extend(waiting)


def _names(chunk: str) -> frozenset[str]:
    """Stems of capitalised words, a sentence's first word too unless it is a stop word
    ("Germany's economy shrank" names Germany; "The" names nothing)."""
    return frozenset(
        stem(word.lower())
        for word in WORD_RE.findall(chunk)
        if word[0].isupper() and word.lower() not in STOP_WORDS
    )


def said_of_other(claim_words: frozenset[str], own: Part, other: Part, *, contrast: bool) -> bool:
    """Whether the claim's words point to the other figure's part rather than the matched one.

    `contrast`: the two parts are set against each other ("while", "but", "compared with"), so
    even a name they begin with is theirs alone; after a plain "and" a name before both figures
    ("Apple reported revenue of $90bn and profit of $25bn") is the subject of both.
    """
    named_other = (claim_words & other.names) - own.words
    if named_other and own.names - claim_words:
        return True  # "France ... 0.3%" when the 0.3% is Germany's
    plain_other = claim_words & (other.words - own.words)
    if not contrast:
        plain_other -= other.names
    return bool(plain_other) and not claim_words & (own.words - other.words)


def contrasted(text: str, a: Quantity, b: Quantity) -> bool:
    """Whether a contrasting word ("while", "but", ";") stands between two figures."""
    lo, hi = sorted((a, b), key=lambda q: q.start)
    return CONTRAST.search(text, lo.end, hi.start) is not None
