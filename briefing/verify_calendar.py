"""Months counted from the article's own date: in a piece dated "(Jul 31, 2008)", a primary "set
for Sept. 17" is "in 2 months", and universities shut "until next April" in a June piece close for
10 months.

Every article names many dates, and some month count lies between the dateline and almost any of
them; so the date must be a deadline ("until", "by", "set for", ...) and its sentence must share a
word with the claim.
"""

from __future__ import annotations

import re

from briefing.schema import Quantity
from briefing.verify_context import stems
from briefing.verify_derive import Derivation
from briefing.verify_index import SourceIndex

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
