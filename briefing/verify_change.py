"""A percent change or a multiple computed from a move the source states: "from $33 per share to
$35.80" is a rise of 8%, "fell to $310 million from $450 million" a fall of 31%, "$12.1bn,
compared with $10.4bn" a rise of 16%; "from 120 ms to 30 ms" is four times less, "rose to 900
from 300" three times as many.

General arithmetic does not try ratios of any two neighbouring numbers: too many pairs make
almost any percentage by chance. A phrase that names one move gives one change; or the claim
names it: "p95 latency rose about 21% to 340 ms" points at the source's 340ms, and its change
is worked out only from that value and a like figure beside it ("was 280 before"). A multiple
may also set two like figures of one sentence side by side ("0.5% with 10 mg and 1.4% with 20
mg": "nearly three times as common on the higher dose"), when that sentence shares a word with
the claim.
"""

from __future__ import annotations

import itertools
import re

from briefing.schema import Quantity
from briefing.verify_context import stems
from briefing.verify_derive import Derivation
from briefing.verify_index import SourceIndex, way_of
from briefing.verify_match import covers, relate_values, same_number
from briefing.verify_moves import like_values

ANCHOR_KINDS = frozenset({"count", "money", "measure", "rate", "duration"})
RATIO_KINDS = frozenset({"count", "money", "measure", "rate", "percent"})
# "up 8% to $4.2bn", "rose 25% from May to June, to nearly 4,800", "fell 3% from 150k"
END_AFTER = re.compile(
    r"^[^.;!?]{0,30}?\b(?:to|from)\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?$", re.I
)
# "180k a year, up 20%", "$4.2bn, 8% higher": the value, then at most a few words and the move
END_BEFORE = re.compile(r"^(?:\s*[\w/-]+){0,3}\s*,?\s*(?:up|down|a rise of|a fall of)?\s*$", re.I)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?$", re.I)


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


def anchored_change(
    claim: Quantity, claim_quantities: list[Quantity], claim_text: str, index: SourceIndex
) -> Derivation | None:
    """A claim's "up 20% to 180k" or "rose 25% from 3,820": the named value is found in the
    source, the other end is a like figure of the same or a neighbouring sentence, and the
    change between them rounds to the claim's percentage, the way the claim says it moved."""
    times = claim.unit == "times"
    if claim.unit not in ("%", "times") or claim.low is not None or claim.value <= 0:
        return None
    way = "up" if times and claim.value > 1 else _claimed_way(claim_text[: claim.start])
    for anchor in claim_quantities:
        if anchor.kind not in ANCHOR_KINDS or anchor.low is not None or anchor.value <= 0:
            continue
        if not _names_move_end(claim_text, claim, anchor):
            continue
        later = FROM_BEFORE.search(claim_text[: anchor.start]) is None
        for sid, position in index.candidates(anchor):
            named = index.quantities[sid][position]
            if relate_values(anchor, named) not in ("exact", "rounded"):
                continue
            for other in index.near(named):
                if other is named or same_number(other, named) or other.value <= 0:
                    continue
                if not (like_values(other, named) or like_values(named, other)):
                    continue
                before, after = (other, named) if later else (named, other)
                if way is not None and (after.value > before.value) != (way == "up"):
                    continue
                if times:  # "more than double the minimum wage, to $15" from $7.25
                    ratio = after.value / before.value
                    if claim.value > 1 and _rounds_to(claim, ratio):
                        shown = _times(after, before)
                        return Derivation(shown, named)
                    continue
                change = abs(after.value - before.value) / before.value * 100
                if _rounds_to(claim, change):
                    shown = f"({after.text} - {before.text}) / {before.text} = {change:.1f}%"
                    return Derivation(shown, named)
    return None


def _names_move_end(text: str, claim: Quantity, anchor: Quantity) -> bool:
    """Whether the claim's words tie the value to the percentage's move, as its start or end."""
    if anchor.start > claim.start:
        return END_AFTER.match(text[claim.end : anchor.start]) is not None
    return END_BEFORE.match(text[anchor.end : claim.start]) is not None


def _claimed_way(before: str) -> str | None:
    """ "rose", "up", "fell": the way the claim's words just before its percentage move it."""
    words = before[-30:]
    return way_of(words, words)


def multiple(
    claim: Quantity, index: SourceIndex, context: frozenset[str] = frozenset()
) -> Derivation | None:
    """ "doubled", "four times faster", "3x": the ratio of a move's two values, either way."""
    if claim.unit != "times" or claim.low is not None or claim.value <= 0:
        return None
    if claim.value < 1 and claim.approx is not None:
        # "more than halved" is a fall to under half: "more than" twice as much before as after
        claim = claim.model_copy(update={"value": 1 / claim.value, "precision": None})
        falls_only = True
    else:
        falls_only = False
    for before, after in index.moves:
        up = after.value >= before.value
        if falls_only and up:
            continue
        big, small = (after, before) if up else (before, after)
        if claim.value >= 1:
            top, bottom = big, small
        elif up:
            continue  # "halved" is a fall to that share, never a rise
        else:
            top, bottom = small, big
        ratio = top.value / bottom.value
        if _rounds_to(claim, ratio):
            return Derivation(_times(top, bottom), before)
    if falls_only:
        return None
    return _compared_ratio(claim, index, context) or _neighbour_ratio(claim, index)


# "6.2% on the drug, compared with 2.9% on placebo", "0.5% with 10 mg and 1.4% with 20 mg"
SET_SIDE_BY_SIDE = re.compile(
    r"\b(?:compared\s+(?:with|to)|versus|vs\.?|against|while|whereas|and)\b"
)
SIDE_BY_SIDE_CHARS = 100  # at most this much text between the two figures


def _compared_ratio(
    claim: Quantity, index: SourceIndex, context: frozenset[str]
) -> Derivation | None:
    """ "more than twice as common on the drug": the ratio of two like figures one source
    sentence sets side by side, with nothing of their kind between them; the sentence shares
    a word with the claim, or any two rates in a text would do."""
    for sid, here in index.quantities.items():
        text = index.sentences[sid].text
        if not context & stems(text):
            continue
        kinds: dict[tuple[str, str | None], list[Quantity]] = {}
        for quantity in here:
            kinds.setdefault((quantity.kind, quantity.unit), []).append(quantity)
        pairs = (pair for same in kinds.values() for pair in itertools.pairwise(same))
        for first, second in pairs:
            if first.low is not None or second.low is not None:
                continue
            if min(first.value, second.value) <= 0 or first.kind not in RATIO_KINDS:
                continue
            between = text[first.end : second.start]
            if len(between) > SIDE_BY_SIDE_CHARS or not SET_SIDE_BY_SIDE.search(between):
                continue
            top, bottom = (first, second) if first.value >= second.value else (second, first)
            ratio = top.value / bottom.value
            if _rounds_to(claim, ratio):
                return Derivation(_times(top, bottom), top)
    return None


def _neighbour_ratio(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """ "about 2.25 times the unit's annual sales": a multiple written to two decimals is too
    exact to arise by chance, so two like amounts side by side may give it (€4.5bn / €2bn)."""
    if claim.value < 1 or (claim.precision or 1.0) > 0.01:
        return None
    for top in index.all_quantities():
        if top.kind not in ("money", "count", "measure") or top.low is not None:
            continue
        for bottom in index.near(top):
            alike = (bottom.kind, bottom.unit) == (top.kind, top.unit) and bottom is not top
            if alike and bottom.value > 0 and bottom.low is None:
                ratio = top.value / bottom.value
                if abs(ratio - claim.value) <= 0.005 + 1e-9:
                    return Derivation(_times(top, bottom), top)
    return None


def _times(top: Quantity, bottom: Quantity) -> str:
    """A multiple as shown to the reader: "€4.5bn / €2bn = 2.25x"."""
    return f"{top.text} / {bottom.text} = {top.value / bottom.value:.2f}x"


def _rounds_to(claim: Quantity, change: float) -> bool:
    """A computed change is rounded at the claim's written place ("8%" for 8.48%), never cut."""
    if claim.approx is not None:
        return covers(claim, change)
    return abs(change - claim.value) <= (claim.precision or 1.0) / 2 + 1e-9
