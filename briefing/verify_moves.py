"""Moves a source states: one thing's value before and after, said as "from X to Y", "to Y from
X" or "Y, compared with X". Read once per source; percent changes and multiples are worked out
from them (`verify_change`).
"""

from __future__ import annotations

import itertools
import re

from briefing.schema import Quantity, Sentence

FROM_BEFORE = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,5}$", re.I)
TO_BETWEEN = re.compile(r"^(?:\s+[a-z]+){0,3}\s+to\s+$", re.I)
# "fell to $310 million from $450 million": the later value first.
TO_BEFORE = re.compile(r"\bto\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?$", re.I)
FROM_BETWEEN = re.compile(
    r"^(?:\s+[a-z]+){0,5}\s*,?\s+from\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,4}$", re.I
)
# "$12.1bn, compared with $10.4bn a year earlier", "22.5%, up from 21%".
AGAINST_BETWEEN = re.compile(
    r"^(?:\s+[a-z]+){0,5}\s*,?\s+(?:(?:up|down)\s+from|compared\s+(?:with|to)|versus|vs\.?|"
    r"against)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,3}$",
    re.I,
)


def find_moves(
    sentences: dict[str, Sentence], quantities: dict[str, list[Quantity]]
) -> list[tuple[Quantity, Quantity]]:
    """Every (before, after) pair the source states as one thing's move."""
    found: list[tuple[Quantity, Quantity]] = []
    for sid, here in quantities.items():
        text = sentences[sid].text
        # "from around twelve thousand in January to just under five thousand": a month
        # between the two values is no third figure of the move
        amounts = [q for q in here if q.kind not in ("date", "time")]
        for first, second in itertools.pairwise(amounts):
            if not like_values(first, second) or first.value <= 0 or second.value <= 0:
                continue
            between = text[first.end : second.start]
            if FROM_BEFORE.search(text[: first.start]) and TO_BETWEEN.match(between):
                found.append((first, second))
            elif _later_first(text[: first.start], between):
                found.append((second, first))
    return found


def _later_first(before: str, between: str) -> bool:
    """ "to $310 million from $450 million", "$12.1bn, compared with $10.4bn"."""
    to_from = TO_BEFORE.search(before) is not None and FROM_BETWEEN.match(between) is not None
    return to_from or AGAINST_BETWEEN.match(between) is not None


def like_values(before: Quantity, after: Quantity) -> bool:
    """Two values of one thing, in like units ("from $33 per share to $35.80")."""
    if before.low is not None or after.low is not None or before.kind in ("date", "time"):
        return False
    base = (before.unit or "").split(" per ")[0]
    if after.unit is None:
        return after.kind == "count"  # "from 169 minutes to 130": the unit is said once
    priced = {before.kind, after.kind} <= {"money", "rate"}  # "$15 an hour ... from $7.25"
    return (before.kind == after.kind or priced) and base == after.unit.split(" per ")[0]
