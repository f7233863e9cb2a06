"""Other readings of an ambiguous claim number, tried when its first reading is unsupported.

"nearly 400 pounds" is money to the grammar but a weight beside "180 kilograms"; "rose 9 points"
counts points, which beside "28%, up from 19%" are percentage points. The checker keeps the first
reading unless another one is supported: an analyst's "pounds" is whichever the source backs.
"""

from __future__ import annotations

import re

from briefing.schema import Quantity

RACE_TIME = re.compile(r"\d{1,2}:\d\d")
GLUED_M = re.compile(r"\d[\d,]*m")


def other_readings(claim: Quantity) -> list[Quantity]:
    """The claim read as the other things its words may mean, if any."""
    text = claim.text.lower()
    if claim.unit == "GBP" and "pound" in text and "\u00a3" not in text and "sterling" not in text:
        return [claim.model_copy(update={"unit": "lb", "kind": "measure"})]
    if claim.kind == "count" and claim.unit is None and claim.noun == "point":
        return [claim.model_copy(update={"unit": "pp", "kind": "percent"})]
    if claim.unit is None and claim.kind == "count" and GLUED_M.fullmatch(claim.text):
        # "the 1500m": a bare "m" is millions to money writers and metres to everyone else
        return [
            claim.model_copy(update={"value": claim.value / 1e6, "unit": "m", "kind": "measure"})
        ]
    if claim.unit == "clock" and RACE_TIME.fullmatch(claim.text):
        # "leads by 3:09": minutes and seconds, or hours and minutes, as often as a time of day
        return [
            claim.model_copy(update={"unit": "s", "kind": "duration"}),
            claim.model_copy(update={"unit": "min", "kind": "duration"}),
        ]
    return []
