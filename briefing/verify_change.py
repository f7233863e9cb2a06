"""A percent change or a multiple computed from a move the source states: "from $33 per share to
$35.80" is a rise of 8%, "fell to $310 million from $450 million" a fall of 31%, "$12.1bn,
compared with $10.4bn" a rise of 16%; "from 120 ms to 30 ms" is four times less, "rose to 900
from 300" three times as many.

General arithmetic does not try ratios of any two neighbouring numbers: too many pairs make
almost any percentage by chance. A phrase that names one move gives one change.
"""

from __future__ import annotations

from briefing.schema import Quantity
from briefing.verify_derive import Derivation
from briefing.verify_index import SourceIndex
from briefing.verify_match import covers


def percent_change(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """The source's "from X to Y" whose relative change the claim's percentage rounds."""
    if claim.kind != "percent" or claim.unit != "%" or claim.low is not None or claim.value <= 0:
        return None
    for before, after in index.moves:
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
    for before, after in index.moves:
        up = after.value >= before.value
        big, small = (after, before) if up else (before, after)
        if claim.value >= 1:
            top, bottom = big, small
        elif up:
            continue  # "halved" is a fall to that share, never a rise
        else:
            top, bottom = small, big
        ratio = top.value / bottom.value
        if _rounds_to(claim, ratio):
            return Derivation(f"{top.text} / {bottom.text} = {ratio:.2f}x", before)
    return None


def _rounds_to(claim: Quantity, change: float) -> bool:
    """A computed change is rounded at the claim's written place ("8%" for 8.48%), never cut."""
    if claim.approx is not None:
        return covers(claim, change)
    return abs(change - claim.value) <= (claim.precision or 1.0) / 2 + 1e-9
