"""Arithmetic the claim announces, on figures anywhere in the source.

General arithmetic looks at neighbouring sentences only, because far-apart numbers add up to
almost anything by chance. A claim that says what it computed earns a wider search: "55 more
yards than Allen" is a difference, "venue and catering together come to 10,300" a sum, "£26,500
of which has yet to be repaid" what is left, "roughly 62% of the £420 million fund" a share,
"a midpoint of $885 million" the middle of a range. The
result must then match as the claim writes it, with no slack for rounding beyond its own.
"""

from __future__ import annotations

import itertools
import re

from briefing.schema import Quantity
from briefing.units import UNIT_WORDS
from briefing.verify_derive import BOUNDS, CLOSE_BELOW, Derivation, same_family
from briefing.verify_index import SourceIndex
from briefing.verify_match import covers

# "55 more yards than", "12 fewer seats than", "$3m less than"
DIFFERENCE_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s+){0,2}?(?:more|fewer|less|longer|shorter|higher|lower|bigger|smaller"
    r"|faster|slower|older|younger)\b[^.;]{0,40}?\bthan\b",
    re.I,
)
# "£26,500 of which has yet to be repaid", "leaving 1,800 to go", "1,700 left", "short by"
REMAINDER = re.compile(
    r"\b(?:left|remaining|remain|yet\s+to|still\s+(?:to|owed|outstanding)|outstanding|to\s+go"
    r"|leaving|short\s+of|shortfall|gap)\b",
    re.I,
)
# "lowers the top of its range by €110m", "exceeds the reserve by $250,000", "improved by $25m"
BY_BEFORE = re.compile(
    r"\b(?:cut|cuts|lower(?:s|ed|ing)?|rais(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|exceed(?:s|ed|ing)?"
    r"|beat(?:s)?|miss(?:es|ed)?|trail(?:s|ed)?|led|leads?|improv(?:e|es|ed)|widen(?:s|ed)?"
    r"|narrow(?:s|ed)?|overshot|outspent|outsold|top(?:s|ped)?"
    r"|(?:go(?:es|ing)?|went|gone)\s+(?:up|down))\b[^.;]{0,60}\bby\s+"
    r"(?:about|around|roughly|nearly|almost|some|just|over|more\s+than)?\s*$",
    re.I,
)
TOGETHER = re.compile(
    r"\b(?:together|combined|in\s+total|a\s+total\s+of|altogether|in\s+all)\b", re.I
)
SHARE = re.compile(r"\bof\s+(?:which|the|its|their|this|that)\b", re.I)
RANGE_JOIN = re.compile(r"\s*(?:to|-|\u2013|and)\s*", re.I)
MIDPOINT_BEFORE = re.compile(r"\b(?:mid-?point|middle)\b[^.;\d]{0,20}$", re.I)
CUE_REACH = 50  # characters either side of the claim's number a cue must sit within
AMOUNT_KINDS = frozenset({"count", "money", "measure", "duration", "rate"})
MAX_OPERANDS = 400  # a source with more figures than this is searched by neighbours only


def cued_arithmetic(claim: Quantity, claim_text: str, index: SourceIndex) -> Derivation | None:
    """A sum, a difference or a share the claim's words announce, from any two source figures."""
    if claim.low is not None or claim.value <= 0 or not claim_text:
        return None
    if claim.approx in BOUNDS - CLOSE_BELOW:
        return None  # "led by more than 20 points" is a bound, no arithmetic result
    around = claim_text[max(0, claim.start - CUE_REACH) : claim.end + CUE_REACH]
    operands = index.pool.operands
    if len(operands) > MAX_OPERANDS:
        return None
    after = claim_text[claim.end : claim.end + CUE_REACH]
    before = claim_text[max(0, claim.start - 2 * CUE_REACH) : claim.start]
    if MIDPOINT_BEFORE.search(before):  # "guided revenue to a midpoint of $885 million"
        return _midpoint(claim, index)
    differs = bool(DIFFERENCE_AFTER.match(after) or BY_BEFORE.search(before))
    if claim.kind == "percent":
        rates = [q for q in operands if q.kind == "percent" and q.unit == "%" and q.low is None]
        if claim.unit == "pp":  # "0.7 percentage points higher than the rate on his savings"
            return _pair(claim, rates, "-") if differs or REMAINDER.search(around) else None
        if claim.unit != "%":
            return None
        if TOGETHER.search(around):  # "fibers and fragments together accounted for 88%"
            return _pair(claim, rates, "+")
        if differs:  # "12.5% lower than its original $96,000 quote"
            return _relative(claim, operands)
        return _share(claim, operands) if SHARE.search(around) else None
    if claim.kind not in AMOUNT_KINDS:
        return None
    claim = _with_unit_after(claim, after)
    same = [end for q in operands if same_family(claim, q) for end in _ends(q)]
    if differs or REMAINDER.search(around):
        return _pair(claim, same, "-")
    if TOGETHER.search(around):
        return _pair(claim, same, "+")
    return None


UNIT_AFTER = re.compile(r"^\s*(?:more|fewer|less|longer|shorter)\s+([a-z]+)\b", re.I)


def _with_unit_after(claim: Quantity, after: str) -> Quantity:
    """ "55 more yards than Allen": the unit said after the comparative is the figure's."""
    match = UNIT_AFTER.match(after)
    unit = UNIT_WORDS.get(match.group(1).lower()) if match and claim.unit is None else None
    if unit is None or claim.kind != "count":
        return claim
    return claim.model_copy(update={"unit": unit.name, "kind": unit.kind, "noun": None})


def _ends(quantity: Quantity) -> list[Quantity]:
    """A figure, or both ends of a range ("€400m to €450m": the top of the range is €450m)."""
    if quantity.low is None:
        return [quantity]
    top = quantity.high if quantity.high is not None else quantity.low
    return [
        quantity.model_copy(update={"value": end, "low": None, "high": None, "text": text})
        for end, text in (
            (quantity.low, f"{quantity.text} (low)"),
            (top, f"{quantity.text} (high)"),
        )
    ]


def _pair(claim: Quantity, same: list[Quantity], sign: str) -> Derivation | None:
    for k, a in enumerate(same):
        for b in same[k + 1 :]:
            if a.value == b.value:
                continue
            big, small = (a, b) if a.value > b.value else (b, a)
            value = big.value + small.value if sign == "+" else big.value - small.value
            if _exact(claim, value):
                shown = f"{big.text} {sign} {small.text} = {_show(value)}"
                return Derivation(shown, big)
    return None


def _midpoint(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """The middle of a source range of the claim's kind: one figure ("$880-890 million") or two
    joined by "to" ("$880 million to $890 million")."""
    for sid, here in index.quantities.items():
        text = index.sentences[sid].text
        spans = [(q.low, q.high, q) for q in here if q.low is not None and q.high is not None]
        spans += [
            (a.value, b.value, a)
            for a, b in itertools.pairwise(here)
            if _alike(a, b)
            and a.low is None
            and b.low is None
            and a.value < b.value
            and RANGE_JOIN.fullmatch(text[a.end : b.start])
        ]
        for low, high, span in spans:
            if span.vague or not (same_family(claim, span) or _alike(claim, span)):
                continue
            middle = (low + high) / 2
            if _exact(claim, middle):
                return Derivation(f"({_show(low)} + {_show(high)}) / 2 = {_show(middle)}", span)
    return None


def _relative(claim: Quantity, operands: list[Quantity]) -> Derivation | None:
    """How much one amount is below or above another, as a percentage of the other."""
    amounts = [q for q in operands if q.kind in ("count", "money", "rate") and q.low is None]
    for base in amounts:
        for other in amounts:
            if other is base or not _alike(other, base):
                continue
            if base.value <= 0 or other.value == base.value:
                continue
            change = abs(other.value - base.value) / base.value * 100
            if _exact(claim, change):
                shown = f"({other.text} - {base.text}) / {base.text} = {change:.1f}%"
                return Derivation(shown, other)
    return None


def _share(claim: Quantity, operands: list[Quantity]) -> Derivation | None:
    wholes = [q for q in operands if q.kind in ("count", "money") and q.low is None]
    for whole in wholes:
        for part in wholes:
            if part is whole or part.value >= whole.value or not _alike(part, whole):
                continue
            share = part.value / whole.value * 100
            if _exact(claim, share):
                return Derivation(f"{part.text} / {whole.text} = {share:.1f}%", part)
    return None


def _alike(a: Quantity, b: Quantity) -> bool:
    return (a.kind, a.unit) == (b.kind, b.unit)


def _exact(claim: Quantity, value: float) -> bool:
    """The claim's own rounding, or its hedge, covers the value: no extra slack."""
    return value > 0 and covers(claim, value)


def _show(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
