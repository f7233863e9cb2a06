"""Source numbers that are labels or choices, not amounts: list markers ("3. CollaborateX"),
the scores of a result line ("Match ends, Ipswich Town 3, QPR 0."), and counts offered as
alternatives ("the two or the three"). The index keeps them out of matching or arithmetic.
"""

from __future__ import annotations

import re

from briefing.schema import Quantity, Sentence

TEAM = r"[A-Z][\w.'&]*(?:\s+[A-Z][\w.'&]*)*"
RESULT = r"(?:Match ends|Full time|Half time|(?:First|Second) Half ends|Goal!)"
SCORELINE = re.compile(rf"(?:{RESULT},?\s*)?{TEAM}\s+(\d+),\s+{TEAM}\s+(\d+)\s*\.?\s*")
# Live text run together ("... Hamilton 1.Second Half ends, ..."): a result word must lead.
RESULT_LINE = re.compile(rf"{RESULT},?\s*{TEAM}\s+(\d+),\s+{TEAM}\s+(\d+)\b")


def find_scorelines(
    sentences: dict[str, Sentence], quantities: dict[str, list[Quantity]]
) -> frozenset[tuple[str, int]]:
    """The two scores of a live-text result line ("Match ends, Ipswich Town 3, QPR 0.")."""
    found: set[tuple[str, int]] = set()
    for sid, qs in quantities.items():
        line = SCORELINE.fullmatch(sentences[sid].text.strip())
        lines = [line] if line is not None else list(RESULT_LINE.finditer(sentences[sid].text))
        starts = {m.start(g) for m in lines for g in (1, 2)}
        offset = len(sentences[sid].text) - len(sentences[sid].text.lstrip()) if line else 0
        found.update((sid, k) for k, q in enumerate(qs) if q.start - offset in starts)
    return frozenset(found)


CHOICE_GAP = re.compile(r"\s*,?\s*or\s+(?:the\s+|a\s+)?")


def find_choices(
    sentences: dict[str, Sentence], quantities: dict[str, list[Quantity]]
) -> frozenset[tuple[str, int]]:
    """Bare counts offered as alternatives ("the one or the two or the three")."""
    found: set[tuple[str, int]] = set()
    for sid, qs in quantities.items():
        text = sentences[sid].text
        for k in range(len(qs) - 1):
            a, b = qs[k], qs[k + 1]
            bare = all(q.kind == "count" and q.unit is None and q.noun is None for q in (a, b))
            if bare and a.end <= b.start and CHOICE_GAP.fullmatch(text[a.end : b.start]):
                found.update({(sid, k), (sid, k + 1)})
    return frozenset(found)


def find_markers(
    sentences: dict[str, Sentence], quantities: dict[str, list[Quantity]]
) -> dict[tuple[str, int], bool]:
    """List markers ("1. Treadmill", "2) Dumbbells"), each with whether it ends its list."""
    found: list[tuple[str, float]] = []
    for sid, qs in quantities.items():
        first = qs[0] if qs else None
        text = sentences[sid].text
        if first is not None and first.start == 0 and text[first.end : first.end + 1] in ".)":
            found.append((sid, first.value))
    markers: dict[tuple[str, int], bool] = {}
    for k, (sid, value) in enumerate(found):
        following = found[k + 1][1] if k + 1 < len(found) else None
        markers[(sid, 0)] = following != value + 1
    return markers
