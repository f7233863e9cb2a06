"""A percent change computed from a move the source states: "from $33 per share to $35.80" is a
rise of 8%, "trimmed from 169 minutes to 130" a cut of 23%.

General arithmetic does not try ratios of any two neighbouring numbers: too many pairs make
almost any percentage by chance. A "from X to Y" phrase names one move, so its change is one value.
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


def percent_change(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """The source's "from X to Y" whose relative change the claim's percentage rounds."""
    if claim.kind != "percent" or claim.unit != "%" or claim.low is not None or claim.value <= 0:
        return None
    for sid, quantities in index.quantities.items():
        text = index.sentences[sid].text
        if "from" not in text.lower():
            continue
        for before, after in itertools.pairwise(quantities):
            if not _a_move(text, before, after) or before.value <= 0:
                continue
            change = abs(after.value - before.value) / before.value * 100
            if _rounds_to(claim, change):
                shown = f"({after.text} - {before.text}) / {before.text} = {change:.1f}%"
                return Derivation(shown, before)
    return None


def _rounds_to(claim: Quantity, change: float) -> bool:
    """A computed change is rounded at the claim's written place ("8%" for 8.48%), never cut."""
    if claim.approx is not None:
        return covers(claim, change)
    return abs(change - claim.value) <= (claim.precision or 1.0) / 2 + 1e-9


def _a_move(text: str, before: Quantity, after: Quantity) -> bool:
    """ "from $33 per share to $35.80": one thing's value before and after, in like units."""
    if FROM_BEFORE.search(text[: before.start]) is None:
        return False
    if TO_BETWEEN.match(text[before.end : after.start]) is None:
        return False
    if before.low is not None or after.low is not None or before.kind in ("date", "time"):
        return False
    base = (before.unit or "").split(" per ")[0]
    if after.unit is None:
        return after.kind == "count"  # "from 169 minutes to 130": the unit is said once
    return before.kind == after.kind and base == after.unit.split(" per ")[0]
