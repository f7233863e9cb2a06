"""Temperature differences: "1.5C above pre-industrial levels" is 2.7F of warming, not 34.7F.

A temperature reading converts with the scales' offset (0C is 32F); a difference between two
temperatures converts by the ratio of the degrees alone (1C of warming is 1.8F of warming). The
text says which: "above pre-industrial levels", "warmer than", "rose by", "warming of".
"""

from __future__ import annotations

import re

from briefing.schema import Quantity
from briefing.verify_match import Relation, covers

DEGREE_RATIO = {("degC", "degF"): 9 / 5, ("degF", "degC"): 5 / 9}

# "1.5C above pre-industrial levels", "2F warmer than", "3C (5.4F) below the 1991-2020 average";
# not "above freezing", "below zero", whose degrees are readings.
AFTER = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:of\s+warming\b|warmer|hotter|cooler|colder"
    r"|(?:higher|lower|above|below)(?!\s+(?:freezing|zero|0)\b))",
    re.I,
)
# "warming of 1.5C", "cap warming at 2.7F", "rose by 2F", "an increase of 3C", "heated up by"
BEFORE = re.compile(
    r"(?:\bwarming|\bwarmed|\bcooling|\bcooled|\b(?:rise|rose|risen|rising|increase[ds]?|"
    r"climb(?:ed|s)?|jump(?:ed|s)?|fell|fall(?:en|s)?|drop(?:ped|s)?|decrease[ds]?)\s+by"
    r"|\b(?:rise|increase|drop|fall|decrease|anomaly)\s+of)"
    r"(?:\s+(?:of|to|at|by|about|around|nearly|almost|more\s+than|some|roughly|just|over|under))*"
    r"\s*$",
    re.I,
)


def is_difference(text: str, quantity: Quantity) -> bool:
    """Whether the text speaks of this temperature as a difference, not a reading."""
    before = text[max(0, quantity.start - 60) : quantity.start]
    return bool(AFTER.match(text, quantity.end) or BEFORE.search(before))


def relate_temperatures(
    claim: Quantity, claim_text: str, source: Quantity, sentence: str, reading: Relation | None
) -> Relation | None:
    """How a temperature in the other scale restates the source's: as a reading (`reading`, with
    the offset) or, when either text says it is a difference, by the ratio alone. "2.7F above
    pre-industrial levels" restates "1.5C above"; "34.7F above" does not."""
    ratio = DEGREE_RATIO.get((source.unit or "", claim.unit or ""))
    if ratio is None:
        return reading
    if not (is_difference(claim_text, claim) or is_difference(sentence, source)):
        return reading
    if claim.low is not None or source.low is not None:
        return None
    return "converted" if covers(claim, source.value * ratio, loose=True) else None
