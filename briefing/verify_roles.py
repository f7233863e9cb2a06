"""A percentage's role: a change ("grew 11%", "an 18% rise") or a share ("account for 18% of
total sales", "made up 14% of"). "Digital sales up 18%" misreads "digital sales grew 11% and now
account for 18% of total sales": the source's 18% is a share, the claim's a change.

Only the words right beside the number are read, and a percentage whose role its words do not
say has none; a claim is refused for this only when both roles are said and they differ.
"""

from __future__ import annotations

import re
from typing import Literal

from briefing.schema import Quantity
from briefing.verify_partners import MOVED

Role = Literal["change", "share"]

# "grew 11%", "an increase of 11%": a move word right before the percentage
CHANGE_NOUN_BEFORE = re.compile(
    r"\b(?:an?\s+)?(?:increase|decrease|rise|fall|drop|gain|decline|growth|jump)\s+of"
    r"(?:\s+(?:about|around|nearly|roughly|almost|just|over|more\s+than))*\s*$",
    re.I,
)
CHANGE_AFTER = re.compile(
    r"^\s*(?:higher|lower|more|less|increase|decrease|rise|fall|drop|gain|decline|growth|jump|"
    r"year[\s-]on[\s-]year|year[\s-]over[\s-]year|y/y|yoy)\b",
    re.I,
)
SHARE_BEFORE = re.compile(
    r"\b(?:accounts?\s+for|accounted\s+for|makes?\s+up|made\s+up|represents?|represented|"
    r"comprises?|comprised|(?:a\s+|its\s+|their\s+)?share\s+of|equal\s+to)"
    r"(?:\s+(?:about|around|nearly|roughly|almost|just|over|more\s+than|some))*\s*$",
    re.I,
)
SHARE_AFTER = re.compile(
    r"^\s*of\s+(?:the\s+|its\s+|their\s+|all\s+)?(?:total|overall|all)\b", re.I
)
REACH = 40


def role_of(text: str, quantity: Quantity) -> Role | None:
    """ "change", "share", or None when the words beside the percentage do not say."""
    if quantity.kind != "percent" or quantity.unit != "%":
        return None
    before = text[max(0, quantity.start - REACH) : quantity.start]
    after = text[quantity.end : quantity.end + REACH]
    share_before = SHARE_BEFORE.search(before) is not None
    share = share_before or SHARE_AFTER.match(after) is not None
    # "made up 14%": the "up" of a share is no rise
    moved = MOVED.search(before) is not None or CHANGE_NOUN_BEFORE.search(before) is not None
    change = (not share_before and moved) or CHANGE_AFTER.match(after) is not None
    if share == change:
        return None
    return "share" if share else "change"


def roles_differ(claim: Quantity, claim_text: str, source: Quantity, sentence: str) -> bool:
    """Whether the claim says its percentage is a change and the source's is a share, or back."""
    mine = role_of(claim_text, claim)
    if mine is None:
        return False
    theirs = role_of(sentence, source)
    return theirs is not None and theirs != mine
