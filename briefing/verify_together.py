"""Verdicts that read a claim sentence's numbers together, after each was checked alone.

A figure can be right alone and wrong beside its neighbour: a change taken from one move and a
level from another, the start of a move claimed as its end, a figure credited to a speaker who
never gave it. And a figure unsupported alone can be worked out from its neighbour: a range
written as two figures, a start from a stated change and level, a percent change from the
amount a level moved by.
"""

from __future__ import annotations

import itertools
from typing import Protocol

from briefing.schema import CheckStatus, NumberCheck, Quantity
from briefing.verify_credit import said_by_other
from briefing.verify_index import SourceIndex
from briefing.verify_partners import (
    arrived_from,
    earlier_value,
    mispaired,
    pairs_in,
    percent_of_move,
    range_said_apart,
)
from briefing.verify_whose import way_before

FOUND: tuple[CheckStatus, ...] = ("exact", "rounded", "converted")


class Verdict(Protocol):
    """How the checker words a verdict: the claim's figure, its status, the source figure behind
    it, and any arithmetic and note."""

    def __call__(
        self,
        claim: Quantity,
        status: CheckStatus,
        source: Quantity,
        index: SourceIndex,
        *,
        arithmetic: str | None = None,
        note: str | None = None,
    ) -> NumberCheck: ...


def review_together(
    found: list[Quantity],
    checks: list[NumberCheck],
    text: str,
    index: SourceIndex,
    verdict: Verdict,
) -> list[NumberCheck]:
    """The checks of one claim sentence's numbers, revised in the light of each other."""
    checks = list(checks)
    for k, (low, high) in enumerate(itertools.pairwise(found)):
        statuses = {checks[k].status, checks[k + 1].status}
        if "unsupported" in statuses and statuses <= {"unsupported", "rounded"}:
            span = range_said_apart(low, high, index)
            if span is not None:  # "the range of $11,100 million and $11,250 million"
                checks[k] = verdict(low, "exact", span, index)
                checks[k + 1] = verdict(high, "exact", span, index)
    fine = [check.status in FOUND for check in checks]
    for k, claim in enumerate(found):
        if not fine[k]:
            continue
        start = arrived_from(claim, text, index)
        if start is not None:  # "rises to 5.9%" for "rose to 6.4% from 5.9%"
            note = f"the source's {start.text!r} is where a move started, not where it ended"
            checks[k], fine[k] = verdict(claim, "mismatch", start, index, note=note), False
            continue
        said = said_by_other(claim, text, found, index)
        if said is not None:
            note = f"the source gives this figure to another speaker ({said[1] or 'unnamed'})"
            checks[k], fine[k] = verdict(claim, "mismatch", said[0], index, note=note), False
    for first, second, role in pairs_in(text, found):
        k = found.index(first)
        if checks[k].status != "unsupported" or not fine[found.index(second)]:
            continue
        if role == "move":  # "rose to 22.5% from 21%": the start, from the change to 22.5%
            derivation = earlier_value(first, second, index)
        else:  # "up 7% to $212M": the change, from the amount it rose by
            derivation = percent_of_move(first, second, way_before(text, first), index)
        if derivation is not None:
            checks[k] = verdict(
                first, "derived", derivation.operand, index, arithmetic=derivation.arithmetic
            )
    supported = [check.supported for check in checks]
    for partner in mispaired(text, found, fine, supported, index):
        note = f"the source pairs {partner.other.text!r} with {partner.rival.text!r}"
        checks[partner.position] = verdict(
            found[partner.position], "mismatch", partner.rival, index, note=note
        )
    return checks
