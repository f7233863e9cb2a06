"""Signs and words of falling: "fell 4.2%" restates "-4.2%", and "-4.2%" restates "fell 4.2%";
"fell to 4.2%" gives a level and restates neither."""

from __future__ import annotations

import re

from briefing.schema import Quantity
from briefing.verify_whose import way_before


def signed_alike(
    claim: Quantity, source: Quantity, claim_way: str | None, claim_text: str, sentence: str
) -> Quantity:
    """ "fell 4.2%" restates "-4.2%", and "-4.2%" restates "fell 4.2%": a minus and a word of
    falling say the same. Any other pair of opposite signs stays apart ("rose 4.2%")."""
    if claim.kind not in ("percent", "money") or (claim.value < 0) == (source.value < 0):
        return source
    if claim.value >= 0 and claim_way == "down" and not _to_level(claim_text, claim):
        return source.model_copy(update={"value": -source.value})
    falls = way_before(sentence, source) == "down" and not _to_level(sentence, source)
    if claim.value < 0 and falls:
        return source.model_copy(update={"value": -source.value})
    return source


TO_LEVEL = re.compile(r"\bto\s+(?:about\s+|around\s+|nearly\s+)?$", re.I)


def _to_level(text: str, quantity: Quantity) -> bool:
    """ "fell to 3%" gives a level, not a change: its fall says nothing of a sign."""
    return TO_LEVEL.search(text[max(0, quantity.start - 20) : quantity.start]) is not None
