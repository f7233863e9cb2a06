"""A percent change or a multiple computed from a move the source states: "from $33 per share to
$35.80" is a rise of 8%, "fell to $310 million from $450 million" a fall of 31%, "$12.1bn,
compared with $10.4bn" a rise of 16%; "from 120 ms to 30 ms" is four times less, "rose to 900
from 300" three times as many.

General arithmetic does not try ratios of any two neighbouring numbers: too many pairs make
almost any percentage by chance. A phrase that names one move gives one change.
"""

from __future__ import annotations

import itertools
import re

from briefing.schema import Quantity
from briefing.verify_derive import Derivation
from briefing.verify_index import SourceIndex
from briefing.verify_match import covers

FROM_BEFORE = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,5}$", re.I)
TO_BETWEEN = re.compile(r"^(?:\s+[a-z]+){0,2}\s+to\s+$", re.I)
# "fell to $310 million from $450 million": the later value first.
TO_BEFORE = re.compile(r"\bto\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?$", re.I)
FROM_BETWEEN = re.compile(
    r"^(?:\s+[a-z]+){0,3}\s*,?\s+from\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,4}$", re.I
)
# "$12.1bn, compared with $10.4bn a year earlier", "22.5%, up from 21%".
AGAINST_BETWEEN = re.compile(
    r"^(?:\s+[a-z]+){0,5}\s*,?\s+(?:(?:up|down)\s+from|compared\s+(?:with|to)|versus|vs\.?|"
    r"against)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,3}$",
    re.I,
)


def percent_change(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """The source's "from X to Y" whose relative change the claim's percentage rounds."""
    if claim.kind != "percent" or claim.unit != "%" or claim.low is not None or claim.value <= 0:
        return None
    for before, after in moves(index):
        change = abs(after.value - before.value) / before.value * 100
        if _rounds_to(claim, change):
            shown = f"({after.text} - {before.text}) / {before.text} = {change:.1f}%"
            return Derivation(shown, before)
    # "doubled" is a rise of 100%, "halved" a fall of 50%
    for quantities in index.quantities.values():
        for times in quantities:
            if times.unit == "times" and times.low is None and times.approx is None:
                change = abs(times.value - 1) * 100
                if change and _rounds_to(claim, change):
                    return Derivation(f"{times.text}: {change:.0f}%", times)
    return None


def multiple(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """ "doubled", "four times faster", "3x": the ratio of a move's two values, either way."""
    if claim.unit != "times" or claim.low is not None or claim.value <= 0:
        return None
    for before, after in moves(index):
        big, small = (after, before) if after.value >= before.value else (before, after)
        ratio = big.value / small.value
        up = after.value >= before.value
        if claim.value < 1:  # "halved": a fall to that share
            ratio, wanted = small.value / big.value, not up
        else:
            wanted = True
        if wanted and _rounds_to(claim, ratio):
            return Derivation(f"{big.text} / {small.text} = {ratio:.2f}x", before)
    return None


def moves(index: SourceIndex) -> list[tuple[Quantity, Quantity]]:
    """Every (before, after) pair the source states as one thing's move."""
    found: list[tuple[Quantity, Quantity]] = []
    for sid, quantities in index.quantities.items():
        text = index.sentences[sid].text
        for first, second in itertools.pairwise(quantities):
            if not _like(first, second) or first.value <= 0 or second.value <= 0:
                continue
            between = text[first.end : second.start]
            if FROM_BEFORE.search(text[: first.start]) and TO_BETWEEN.match(between):
                found.append((first, second))
            elif _later_first(text[: first.start], between):
                found.append((second, first))
    return found


def _rounds_to(claim: Quantity, change: float) -> bool:
    """A computed change is rounded at the claim's written place ("8%" for 8.48%), never cut."""
    if claim.approx is not None:
        return covers(claim, change)
    return abs(change - claim.value) <= (claim.precision or 1.0) / 2 + 1e-9


def _later_first(before: str, between: str) -> bool:
    """ "to $310 million from $450 million", "$12.1bn, compared with $10.4bn"."""
    to_from = TO_BEFORE.search(before) is not None and FROM_BETWEEN.match(between) is not None
    return to_from or AGAINST_BETWEEN.match(between) is not None


def _like(before: Quantity, after: Quantity) -> bool:
    """Two values of one thing, in like units ("from $33 per share to $35.80")."""
    if before.low is not None or after.low is not None or before.kind in ("date", "time"):
        return False
    base = (before.unit or "").split(" per ")[0]
    if after.unit is None:
        return after.kind == "count"  # "from 169 minutes to 130": the unit is said once
    return before.kind == after.kind and base == after.unit.split(" per ")[0]
