"""A winning margin worked out from a score or a vote: "won by six" from "118-112", "passed by
four votes" from "52-48" or "218 votes in favour and 212 against"; and places gained or lost
between two positions ("started eighth, finished fourth": gained four places)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from briefing.schema import Quantity
from briefing.verify_derive import Derivation
from briefing.verify_index import SourceIndex

BY_BEFORE = re.compile(r"\bby\s+(?:a\s+margin\s+of\s+|just\s+|only\s+)?$", re.I)
# "a 13-point win", "a three-goal victory": the margin named before what it won
MARGIN_AFTER = re.compile(
    r"[\s-]*(?:point|goal|run|stroke|shot|vote|seat|game|wicket)s?\s+(?:win|victory|lead|margin)\b",
    re.I,
)
FOR_AGAINST = re.compile(r"\b(?:in\s+favou?r|for)\b.*\bagainst\b", re.I)


def margin(claim: Quantity, claim_text: str, index: SourceIndex) -> Derivation | None:
    """The gap between the two halves of a source score or vote, when the claim says "by N"."""
    if claim.kind != "count" or claim.unit is not None or claim.low is not None:
        return None
    by = BY_BEFORE.search(claim_text[max(0, claim.start - 25) : claim.start]) is not None
    if by and claim.noun == "point":
        return _share_gap(claim, index)  # "won by 8 points" of the vote
    if not by and not MARGIN_AFTER.match(claim_text, claim.end):
        return None
    for sid, quantities in index.quantities.items():
        counts = [(k, q) for k, q in enumerate(quantities) if q.kind == "count" and q.low is None]
        tally = FOR_AGAINST.search(index.sentences[sid].text) is not None
        for (i, a), (j, b) in itertools.pairwise(counts):
            halves = (sid, i) in index.paired and (sid, j) in index.paired and j == i + 1
            if (halves or tally) and abs(a.value - b.value) == claim.value:
                return Derivation(f"{a.text} - {b.text} = {abs(a.value - b.value):,.0f}", a)
    return None


# "2:10 behind", "by 3:09", "a 1:08 lead": a time said as a gap between two others
GAP_WORDS = re.compile(r"\b(?:behind|ahead|back|adrift|clear|lead|leads|led|gap|margin|by)\b", re.I)


def time_gap(claim: Quantity, claim_text: str, index: SourceIndex) -> Derivation | None:
    """ "Evenepoel is 2:10 behind Vingegaard" from "leads by 3:09 ..., Evenepoel third at 5:19":
    the gap between two times of one source sentence, when the claim says it is a gap."""
    if claim.kind != "time" or claim.unit != "clock" or claim.value <= 0:
        return None
    window = claim_text[max(0, claim.start - 20) : claim.end + 20]
    if GAP_WORDS.search(window) is None:
        return None
    found = _gap(
        index,
        lambda q: q.kind == "time" and q.unit == "clock",
        lambda gap: abs(gap - claim.value) < 1e-9,
    )
    if found is None:
        return None
    a, b, _ = found
    return Derivation(f"{b.text} - {a.text} = {claim.text}", a)


MINUTES = {"min": 1.0, "h": 60.0, "s": 1 / 60}
HEDGE_BEFORE = re.compile(r"\b(?:around|about|roughly|approximately)\s*$", re.I)
DAY = 24 * 60


def clock_shift(claim: Quantity, claim_text: str, index: SourceIndex) -> Derivation | None:
    """ "should arrive around 7:05 pm" from "18:45 but it's delayed about 20 min": a clock time
    and a span of the same or the next sentence, added or taken away. A hedge on either side
    allows five minutes either way."""
    if claim.kind != "time" or claim.unit != "clock":
        return None
    hedged = claim.approx is not None or HEDGE_BEFORE.search(claim_text[: claim.start]) is not None
    for quantities in index.quantities.values():
        for clock in (q for q in quantities if q.kind == "time" and q.unit == "clock"):
            for span in index.near(clock):
                step = MINUTES.get(span.unit or "")
                if span.kind != "duration" or step is None or span.low is not None:
                    continue
                slack = 5.0 if hedged or span.approx is not None else 0.0
                for sign in (1, -1):
                    shifted = (clock.value + sign * span.value * step) % DAY
                    gap = abs(shifted - claim.value)
                    if min(gap, DAY - gap) <= slack:
                        way = "+" if sign > 0 else "-"
                        return Derivation(f"{clock.text} {way} {span.text} = {claim.text}", clock)
    return None


PLACE_NOUNS = frozenset({"place", "position", "spot", "rung"})


def places_moved(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """ "gained four places" from "started eighth, finished fourth": two positions of one
    sentence, the claim counting places between them."""
    if claim.kind != "count" or claim.noun not in PLACE_NOUNS or claim.low is not None:
        return None
    found = _gap(index, lambda q: q.kind == "ordinal", lambda gap: gap == claim.value)
    if found is None:
        return None
    a, b, gap = found
    return Derivation(f"{a.text} - {b.text} = {gap:,.0f}", a)


def _share_gap(claim: Quantity, index: SourceIndex) -> Derivation | None:
    """ "won by 8 points" from "52.4% of the vote to 44.1%": two shares of one sentence whose gap
    rounds to the claim's points."""
    # "10 points" is rounded to the point, not to the ten its digits would allow
    slack = min(claim.precision or 1.0, 1.0) / 2 + 1e-9
    found = _gap(
        index,
        lambda q: q.unit == "%" and q.low is None,
        lambda gap: abs(gap - claim.value) <= slack,
    )
    if found is None:
        return None
    a, b, gap = found
    return Derivation(f"{a.text} - {b.text} = {gap:.1f} points", a)


def _gap(
    index: SourceIndex, keep: Callable[[Quantity], bool], fits: Callable[[float], bool]
) -> tuple[Quantity, Quantity, float] | None:
    """The first two neighbouring kept figures of one sentence whose gap fits."""
    for quantities in index.quantities.values():
        for a, b in itertools.pairwise([q for q in quantities if keep(q)]):
            if fits(abs(a.value - b.value)):
                return a, b, abs(a.value - b.value)
    return None


CLAUSE_MARK = re.compile(r"[;,.!?]")
VOTE_AGAINST = re.compile(r"\b(?:against|dissent\w*|oppos\w*|no\b|nay)", re.I)
VOTE_FOR = re.compile(r"\b(?:for|in\s+favou?r|support\w*|yes|aye)\b", re.I)


def tally_half(
    claim: Quantity, claim_text: str, paired: bool, index: SourceIndex, ref: tuple[str, int]
) -> bool:
    """ "one of the four dissenting votes" counts the losing half of the source's "voted 7-4"; a
    half of a vote is a count of votes, as no half of a football score is."""
    if paired or claim.noun != "vote" or ref not in index.paired:
        return False
    sid, position = ref
    halves = [q for k, q in enumerate(index.quantities[sid]) if (sid, k) in index.paired]
    if len(halves) != 2 or "vote" not in index.sentences[sid].text.lower():
        return False
    low, high = sorted(halves, key=lambda q: q.value)
    source = index.quantities[sid][position]
    cuts = [m.end() for m in CLAUSE_MARK.finditer(claim_text, 0, claim.start)]
    ahead = CLAUSE_MARK.search(claim_text, claim.end)
    words = claim_text[cuts[-1] if cuts else 0 : ahead.start() if ahead else len(claim_text)]
    if VOTE_AGAINST.search(words):
        return source is low
    if VOTE_FOR.search(words):
        return source is high
    return True
