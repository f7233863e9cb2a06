"""The reporting period a number is said of: "$3.69 for the third quarter of 2021" is not the
claim's "third quarter of 2020 ... $3.69", and "up 40.6% from last year" is not "from the previous
quarter". Earnings texts state many figures per sentence, each bound to its own period.

A number's period is read from the words right after it ("$2.75 in the third quarter of 2020")
or, when none follow, from the words before it back to the previous amount ("Third quarter EPS
was $0.34"). Two periods conflict only when both state the same slot (year, quarter, span or
comparison base) with different values; a missing slot never conflicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.schema import Quantity

FORWARD = 45  # characters after a number in which its period phrase must start
BACKWARD = 70  # characters before a number searched when nothing follows it
FORWARD_CUT = re.compile(r"[,;.!?]\s|\s(?:and|but|while|which|whereas)\s")
BACKWARD_CUT = re.compile(r"[;.!?]\s")
CHANGE_GAP = re.compile(
    r",?\s*(?:(?:which is |that is )?(?:up|down|rising|falling|an? (?:increase|decrease|rise|"
    r"drop|decline|growth) of|(?:increased|decreased|grew|rose|fell|declined) (?:by )?))\s*",
    re.I,
)
HALF_SPAN = re.compile(r"\bhalf[\s-]year\b|\b(?:first|second) half\b|\bH[12]\b", re.I)
QUARTER_SPAN = re.compile(r"\b(?:the|this|that) quarter\b", re.I)
YEAR_SPAN = re.compile(r"\b(?:full|fiscal|whole)[\s-]year\b", re.I)
CHANGE_FROM = r"(?:from|over|versus|vs\.?|compared (?:to|with)|than)\s+(?:the\s+)?"
YEAR_BASE = re.compile(
    r"\byear[\s-]over[\s-]year|\byoy\b|\byear[\s-]ago\b|"
    + CHANGE_FROM
    + r"(?:(?:previous|prior|last|preceding) year|same (?:quarter|period) (?:of )?"
    r"(?:last|previous|prior|a) year)",
    re.I,
)
QUARTER_BASE = re.compile(
    r"\bquarter[\s-]over[\s-]quarter|\bsequential(?:ly)?\b|"
    + CHANGE_FROM
    + r"(?:previous|prior|last|linked|preceding) quarter",
    re.I,
)


@dataclass(frozen=True)
class Period:
    """What a text says of a number's period; None is "not stated"."""

    year: int | None = None
    quarter: int | None = None
    month: int | None = None  # "4.1% in June" is not the claim's "4.1% in May"
    span: str | None = None  # "quarter", "half" or "year"
    base: str | None = None  # the comparison base of a change: "quarter" or "year"

    @property
    def stated(self) -> bool:
        slots = (self.year, self.quarter, self.month, self.span, self.base)
        return any(slot is not None for slot in slots)


def periods_conflict(claim: Period, source: Period) -> bool:
    """Whether the two periods state the same slot with different values."""
    pairs = [
        (claim.year, source.year),
        (claim.quarter, source.quarter),
        (claim.month, source.month),
        (claim.span, source.span),
        (claim.base, source.base),
    ]
    return any(a is not None and b is not None and a != b for a, b in pairs)


def read_period(text: str, quantity: Quantity, quantities: list[Quantity]) -> Period:
    """The period `quantity` of `text` is said of (`quantities`: all of the text's quantities)."""
    if quantity.kind in ("date", "time"):
        return Period()
    amounts = [q for q in quantities if q.kind not in ("date", "time") and q is not quantity]
    end = min([quantity.end + FORWARD] + [q.start for q in amounts if q.start >= quantity.end])
    ahead = text[quantity.end : end]
    cut = FORWARD_CUT.search(ahead)
    if cut is not None:
        ahead = ahead[: cut.start()]
    found = _read(ahead, quantity.end, quantities)
    if any(slot is not None for slot in (found.year, found.quarter, found.month, found.span)):
        return found
    previous_end = max([q.end for q in amounts if q.end <= quantity.start], default=-1)
    start = max(quantity.start - BACKWARD, previous_end)
    behind = text[max(0, start) : quantity.start]
    cuts = list(BACKWARD_CUT.finditer(behind))
    offset = max(0, start)
    if cuts:
        offset += cuts[-1].end()
        behind = behind[cuts[-1].end() :]
    elif previous_end >= 0 and start == previous_end:
        # "244 million in 2021, and an estimated 608,000 deaths": the period said right after
        # the figure before, up to a cut, is that figure's
        own = FORWARD_CUT.search(behind)
        if own is not None:
            offset += own.end()
            behind = behind[own.end() :]
    # a month before the number is often the other end's: "to 3.2% in October from 3.7%"
    before = replace(_read(behind, offset, quantities), month=None)
    if not before.stated and quantity.unit in ("%", "pp"):
        before = _read_changed(text, quantity, amounts, quantities)
    return replace(before, base=found.base or before.base)


def _read_changed(
    text: str, quantity: Quantity, amounts: list[Quantity], quantities: list[Quantity]
) -> Period:
    """ "EPS was $0.34 in Q3, up 17%": a change is said of the period of the amount it changes."""
    previous = [q for q in amounts if q.end <= quantity.start]
    if not previous or not CHANGE_GAP.fullmatch(text[previous[-1].end : quantity.start]):
        return Period()
    return replace(read_period(text, previous[-1], quantities), base=None)


def _read(segment: str, offset: int, quantities: list[Quantity]) -> Period:
    inside = [
        q
        for q in quantities
        if q.kind == "date" and offset <= q.start and q.end <= offset + len(segment)
    ]
    years = {int(q.value) for q in inside if q.unit == "year"}
    quarters = {int(q.value) for q in inside if q.unit == "quarter"}
    months = {int(q.value) for q in inside if q.unit == "month"}
    months |= {int(q.value) // 100 for q in inside if q.unit == "month-day"}
    halves = [q for q in inside if q.unit == "half-year"]
    span = None
    if quarters or QUARTER_SPAN.search(segment):
        span = "quarter"
    elif halves or HALF_SPAN.search(segment):
        span = "half"
    elif YEAR_SPAN.search(segment):
        span = "year"
    base = None
    if YEAR_BASE.search(segment):
        base = "year"  # first: "from the same quarter last year" compares years
    elif QUARTER_BASE.search(segment):
        base = "quarter"
    return Period(
        year=next(iter(years)) if len(years) == 1 else None,
        quarter=next(iter(quarters)) if len(quarters) == 1 else None,
        month=next(iter(months)) if len(months) == 1 else None,
        span=span,
        base=base,
    )
