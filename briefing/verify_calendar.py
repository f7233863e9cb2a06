"""Months counted from the article's own date: in a piece dated "(Jul 31, 2008)", a primary "set
for Sept. 17" is "in 2 months", and universities shut "until next April" in a June piece close for
10 months.

Every article names many dates, and some month count lies between the dateline and almost any of
them; so the date must be a deadline ("until", "by", "set for", ...) and its sentence must share a
word with the claim.
"""

from __future__ import annotations

import re
from datetime import date

from briefing.schema import Quantity
from briefing.verify_context import stems
from briefing.verify_derive import Derivation
from briefing.verify_index import SourceIndex
from briefing.verify_match import covers

DATELINE_CHARS = 40  # the dateline's date opens the article
DEADLINE = re.compile(
    r"\b(?:until|till|by|through|set for|scheduled for|due|expires?|ends?|on)\s+"
    r"(?:next\s+|early\s+|late\s+|mid-?)?$",
    re.I,
)
MONTH_DAYS = 30.4375


def months_until(claim: Quantity, context: frozenset[str], index: SourceIndex) -> Derivation | None:
    """The dateline-to-deadline span, in months, that the claim's "in N months" rounds."""
    if claim.kind != "duration" or claim.unit != "month" or claim.low is not None:
        return None
    start = _dateline(index)
    if start is None or not context:
        return None
    for sid, quantities in index.quantities.items():
        text = index.sentences[sid].text
        for target in quantities:
            if target.kind != "date" or target.unit not in ("month", "month-day"):
                continue
            if target is start or DEADLINE.search(text[: target.start]) is None:
                continue
            if not context & stems(text):
                continue
            months = _months_between(start, target)
            if abs(months - claim.value) <= 0.5:
                shown = f"{start.text} to {target.text} = {months:.1f} months"
                return Derivation(shown, target)
    return None


def _dateline(index: SourceIndex) -> Quantity | None:
    first = next(iter(index.quantities.values()), [])
    for quantity in first:
        if quantity.start > DATELINE_CHARS:
            return None
        if quantity.kind == "date" and quantity.unit == "month-day":
            return quantity
    return None


def _months_between(start: Quantity, target: Quantity) -> float:
    """Months from a month-day to the next occurrence of a month or month-day."""
    month, day = divmod(int(start.value), 100)
    if target.unit == "month":
        return float((int(target.value) - month) % 12)
    to_month, to_day = divmod(int(target.value), 100)
    return (to_month - month) % 12 + (to_day - day) / MONTH_DAYS


SPAN_DAYS = {"day": 1.0, "week": 7.0, "month": MONTH_DAYS}
LEAP_YEAR = 2024  # a year with a 29 February, so that every month-day the text writes exists


def days_between(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """ "The ceasefire lasted two weeks" from "agreed on 3 March, collapsed on 17 March": the
    span between two dates of one sentence or two neighbouring ones, in the claim's unit."""
    per = SPAN_DAYS.get(claim.unit or "")
    if claim.kind != "duration" or per is None or claim.low is not None:
        return None
    dates = [
        (index.order.get(sid, -9), q)
        for sid, quantities in index.quantities.items()
        for q in quantities
        if q.kind == "date" and q.unit == "month-day"
    ]
    for k, (at, first) in enumerate(dates):
        for near, second in dates[k + 1 :]:
            if near - at > 1:
                break
            days = _days(first, second)
            if days is None or days <= 0:
                continue
            if covers(claim, days / per, loose=claim.unit != "day"):
                return Derivation(f"{first.text} to {second.text} = {days} days", first)
    return None


def _days(first: Quantity, second: Quantity) -> int | None:
    """Days from one month-day to a later one of the same year, as the text orders them."""
    try:
        start = date(LEAP_YEAR, *divmod(int(first.value), 100))
        end = date(LEAP_YEAR, *divmod(int(second.value), 100))
    except ValueError:
        return None
    return (end - start).days
