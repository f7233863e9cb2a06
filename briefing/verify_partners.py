"""A move's two figures belong together. "Fuel costs rose 11% to €1.1 billion" ties a change to
the level it reached; "eased to 4.2% from 4.3%" ties a level to the one before it. Each figure
may be in the source and the pair still false: the source's "Fuel costs rose 4% to €1.1 billion"
gives that level its own change, and the 11% belongs to "Revenue climbed 11%".

A pair is questioned only when no source sentence gives its two figures together, and then only
when the source states one of them in a move of the same shape with another partner of the same
kind. Figures found in different sentences with no such rival move are left to the other rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from briefing.schema import Quantity, Sentence
from briefing.verify_derive import Derivation
from briefing.verify_index import SourceIndex
from briefing.verify_match import covers, relate_values
from briefing.verify_moves import TO_BEFORE, find_moves, like_values

Role = Literal["change", "move"]  # (change, level reached) or (value before, value after)

MOVED = re.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|grew|grow(?:s|n|ing)?|increase[sd]?|"
    r"decrease[sd]?|decline[sd]?|dropp?(?:ed|s)?|climb(?:ed|s)?|jump(?:ed|s)?|gain(?:ed|s)?|"
    r"slip(?:ped|s)?|slid(?:es)?|ease[sd]|edge[sd]|surge[sd]|soar(?:ed|s)?|plunge[sd]|"
    r"tumble[sd]|dip(?:ped|s)?|sank|sinks|advance[sd]|expand(?:ed|s)|shr[ai]nks?|up|down|"
    r"higher|lower)"
    r"(?:\s+(?:by|a|an|some|about|around|nearly|roughly|almost|just|over|more\s+than))*\s*$",
    re.I,
)
# "rose 4% to €1.1 billion", "fell 2% year on year to 4.7bn": the change, then its level
CHANGE_THEN_LEVEL = re.compile(
    r"^(?:\s+[a-z-]+){0,4}?\s+to\s+(?:about\s+|around\s+|nearly\s+|roughly\s+|some\s+|a\s+)?$",
    re.I,
)
# "98,500 tonnes, down 6%", "18.2 million passengers in the quarter, up 6%": the level, then its
# change
LEVEL_THEN_CHANGE = re.compile(
    r"^(?:\s+(?!(?:and|while|but|whereas|as|with|against|although|after)\b)[\w'-]+){0,6}?"
    r"\s*,?\s*(?:(?:up|down)|(?:an?\s+)?(?:rise|fall|increase|decrease|drop|gain|decline)\s+of)"
    r"\s+(?:about\s+|around\s+|nearly\s+|roughly\s+|some\s+|almost\s+)?$",
    re.I,
)
RISES = re.compile(
    r"\b(?:rose|ris|grew|grow|increas|climb|jump|gain|surg|soar|advanc|expand|widen|up\b|higher)",
    re.I,
)
FALLS = re.compile(
    r"\b(?:fell|fall|declin|decreas|drop|slip|slid|eas|dip|sank|tumbl|plung|shr[ai]nk|contract|"
    r"narrow|down\b|lower)",
    re.I,
)
BY_BEFORE = re.compile(r"\bby\s+(?:about\s+|around\s+|nearly\s+|roughly\s+|some\s+)?$", re.I)
LEVEL_KINDS = frozenset({"count", "money", "measure", "rate", "duration", "percent"})
TIED: tuple[str, ...] = ("exact", "rounded", "converted")


@dataclass(frozen=True)
class Partner:
    """A claim figure whose pairing the source contradicts, and the source figure that shows it."""

    position: int  # index of the questioned figure among the claim's quantities
    rival: Quantity  # the source's partner of the other figure
    other: Quantity  # the other figure of the claim's pair


def pairs_in(text: str, quantities: list[Quantity]) -> list[tuple[Quantity, Quantity, Role]]:
    """The (change, level) and (before, after) pairs one sentence states."""
    found: list[tuple[Quantity, Quantity, Role]] = []
    for change in quantities:
        if not _is_change(change, text):
            continue
        for level in quantities:
            if level is change or level.kind not in LEVEL_KINDS or level.low is not None:
                continue
            if change.unit not in ("%", "pp") and not _alike(change, level):
                continue  # "rose by $100 to $899": an amount moves a level of its own kind
            if _tied(text, change, level):
                found.append((change, level, "change"))
    sentence = Sentence(id="_", text=text, start=0, end=len(text))
    found += [(a, b, "move") for a, b in find_moves({"_": sentence}, {"_": quantities})]
    return found


def mispaired(
    text: str, quantities: list[Quantity], fine: list[bool], found: list[bool], index: SourceIndex
) -> list[Partner]:
    """Claim figures paired against the source: each was found (`found`; `fine` when stated
    rather than worked out), never together, and the source ties the stated figure of the pair
    to a different partner of the other's kind."""
    questioned: list[Partner] = []
    for first, second, role in pairs_in(text, quantities):
        k, j = quantities.index(first), quantities.index(second)
        if not (fine[k] or fine[j]) or not (found[k] and found[j]):
            continue
        first_at, second_at = sentences_giving(first, index), sentences_giving(second, index)
        if first_at & second_at:
            continue  # some source sentence gives both
        # the figure the source states is kept; a worked-out one ("derived") may be the wrong one
        rival = _rival_partner(second, first, second_at, role, index, second_is_kept=True)
        if fine[j] and rival is not None:
            questioned.append(Partner(k, rival, second))
            continue
        rival = _rival_partner(first, second, first_at, role, index, second_is_kept=False)
        if fine[k] and rival is not None:
            questioned.append(Partner(j, rival, first))
    return questioned


def _rival_partner(
    kept: Quantity,
    asked: Quantity,
    where: set[str],
    role: Role,
    index: SourceIndex,
    *,
    second_is_kept: bool,
) -> Quantity | None:
    """A source figure of `asked`'s kind that a source pair of the same role ties to `kept`."""
    for sid in sorted(where, key=lambda s: index.order[s]):
        here = index.quantities[sid]
        for first, second, source_role in pairs_in(index.sentences[sid].text, here):
            if source_role != role:
                continue
            own, partner = (second, first) if second_is_kept else (first, second)
            if relate_values(kept, own) not in TIED or not _alike(own, kept):
                continue
            if _alike(partner, asked) and relate_values(asked, partner) not in TIED:
                return partner
    return None


def quotes_giving(claim: Quantity, index: SourceIndex) -> list[tuple[str, Quantity]]:
    """The source figures that state the claim's figure, in like units, with their sentences,
    in source order."""
    found: list[tuple[str, Quantity]] = []
    for sid, position in index.candidates(claim):
        quote = index.quantities[sid][position]
        if _alike(quote, claim) and relate_values(claim, quote) in TIED:
            found.append((sid, quote))
    return found


def sentences_giving(claim: Quantity, index: SourceIndex) -> set[str]:
    """The source sentences that state the claim's figure, in like units."""
    return {sid for sid, _ in quotes_giving(claim, index)}


def _alike(a: Quantity, b: Quantity) -> bool:
    return a.kind == b.kind and (a.unit == b.unit or like_values(a, b) or like_values(b, a))


def _is_change(q: Quantity, text: str) -> bool:
    """A percentage, or an amount said as "by $100", that may be a move's size."""
    if q.low is not None or q.value <= 0:
        return False
    if q.kind == "percent":
        return q.unit in ("%", "pp")
    return (
        q.kind in LEVEL_KINDS and BY_BEFORE.search(text[max(0, q.start - 12) : q.start]) is not None
    )


def _tied(text: str, change: Quantity, level: Quantity) -> bool:
    """Whether the words make `change` the move that brought the figure to `level`."""
    if change.start < level.start:
        moved = MOVED.search(text[max(0, change.start - 40) : change.start]) is not None
        return moved and CHANGE_THEN_LEVEL.match(text[change.end : level.start]) is not None
    return LEVEL_THEN_CHANGE.match(text[level.end : change.start]) is not None


def earlier_value(before: Quantity, after: Quantity, index: SourceIndex) -> Derivation | None:
    """The claim's "rose to 22.5% from 21%" when the source gives only the move to its after
    value: "expanded 150 basis points to 22.5%" started at 22.5 - 1.5 = 21."""
    ids = sorted(sentences_giving(after, index), key=lambda s: index.order[s])
    return _start_of_move(before, after, ids, index)


def move_start(claim: Quantity, claim_text: str, index: SourceIndex) -> Derivation | None:
    """A claim's figure alone that is where a move the source states started: "Cloud revenue
    grew 19% to $1.64 billion" was about $1.38 billion before. A claim that says "to" before
    its figure names where a move ended, never where it started."""
    if claim.low is not None or claim.value <= 0 or TO_BEFORE.search(claim_text[: claim.start]):
        return None
    if not index.changed:  # read every sentence once, then cached (a text without any: re-asked)
        index.changed[:] = [sid for sid in index.sentences if _changes_of(index, sid)]
    return _start_of_move(claim, None, index.changed, index)


def _changes_of(index: SourceIndex, sid: str) -> list[tuple[Quantity, Quantity]]:
    """The (change, level) pairs of a source sentence, read once per index: asking every
    sentence for every claim figure would cost more than all other checks together."""
    found = index.changes.get(sid)
    if found is None:
        text, quantities = index.sentences[sid].text, index.quantities[sid]
        found = [(c, level) for c, level, role in pairs_in(text, quantities) if role == "change"]
        index.changes[sid] = found
    return found


def _start_of_move(
    before: Quantity, after: Quantity | None, ids: list[str], index: SourceIndex
) -> Derivation | None:
    for sid in ids:
        text = index.sentences[sid].text
        for change, level in _changes_of(index, sid):
            if after is not None and (
                relate_values(after, level) not in TIED or not _alike(level, after)
            ):
                continue
            if not _alike(level, before):
                continue
            up = _moved_up(text, change)
            if up is None:
                continue  # the words say nothing of the way, or both ways
            sign = 1.0 if up else -1.0
            if change.unit == "%":
                start = level.value / (1 + sign * change.value / 100)
            elif change.unit == "pp" and level.unit != "%":
                continue
            else:
                start = level.value - sign * change.value
            if start > 0 and covers(before, start):
                if change.unit == "%":
                    factor = 1 + sign * change.value / 100
                    shown = f"{level.text} / {factor:.4g} ({change.text}) = {_scaled(start)}"
                else:
                    way = "-" if sign > 0 else "+"
                    shown = f"{level.text} {way} {change.text} = {_scaled(start)}"
                return Derivation(shown, change)
    return None


def _moved_up(text: str, change: Quantity) -> bool | None:
    """True when the words just before a source change say it rose, False when they say it
    fell, None when they say neither or both."""
    words = text[max(0, change.start - 40) : change.start]
    ups, downs = RISES.search(words) is not None, FALLS.search(words) is not None
    return None if ups == downs else ups


def percent_of_move(
    change: Quantity, level: Quantity, way: str | None, index: SourceIndex
) -> Derivation | None:
    """The claim's "up 7% to $212M" when the source gives the move as an amount: "rise by $14
    million to $212 million" is 14 / (212 - 14) = 7.1%. `way`: "up" or "down" as the claim
    says it moved, if it says."""
    if change.unit != "%":
        return None
    for sid in sorted(sentences_giving(level, index), key=lambda s: index.order[s]):
        text = index.sentences[sid].text
        for amount, reached, role in pairs_in(text, index.quantities[sid]):
            if role != "change" or amount.unit in ("%", "pp") or not _alike(reached, level):
                continue
            if relate_values(level, reached) not in TIED:
                continue
            up = _moved_up(text, amount)
            if up is None or (way is not None and (way == "up") != up):
                continue
            start = reached.value - amount.value if up else reached.value + amount.value
            if start <= 0:
                continue
            percent = amount.value / start * 100
            if covers(change, percent):
                shown = f"{amount.text} / ({reached.text} {'-' if up else '+'} {amount.text})"
                return Derivation(f"{shown} = {percent:.1f}%", amount)
    return None


# "rises to 5.9%", "grows to $1.09B", "reached 2.6%": the value a move arrived at
REACHED_BEFORE = re.compile(
    r"(?:\bto|\breach(?:ed|es)?|\bhit(?:s|ting)?|\bstands?\s+at|\bstood\s+at)\s+"
    r"(?:about\s+|around\s+|nearly\s+|roughly\s+|some\s+|a\s+(?:record\s+)?)?$",
    re.I,
)


def arrived_from(claim: Quantity, claim_text: str, index: SourceIndex) -> Quantity | None:
    """The source figure, when the claim says a move arrived at a value the source gives only as
    where a move started: "jobless rate rises to 5.9%" for "rose to 6.4% from 5.9%"."""
    before = claim_text[max(0, claim.start - 60) : claim.start]
    reached = REACHED_BEFORE.search(before)
    if reached is None:
        return None
    lead = before[: reached.start()]
    verb = reached.group().lower().startswith(("reach", "hit", "stand", "stood"))
    if not verb and RISES.search(lead) is None and FALLS.search(lead) is None:
        return None  # "to 5.9%" after no move word: "cut to", "sold to", "from 2 to 5"
    quotes = [quote for _, quote in quotes_giving(claim, index)]
    starts, ends = index.move_sides
    if not quotes or any(id(q) not in starts or id(q) in ends for q in quotes):
        return None  # stated as a level, or as an end, somewhere: no case to answer
    return quotes[0]


def range_said_apart(low: Quantity, high: Quantity, index: SourceIndex) -> Quantity | None:
    """The source range whose two ends the claim writes as two figures: "within the range of
    $11,100 million and $11,250 million" for "between $11.1 billion and $11.25 billion"."""
    if low.low is not None or high.low is not None or not low.value < high.value:
        return None
    for sid, position in index.candidates(low):
        found = index.quantities[sid][position]
        if found.low is None or found.high is None or found.vague:
            continue
        ends = [
            found.model_copy(update={"value": value, "low": None, "high": None, "approx": None})
            for value in (found.low, found.high)
        ]
        if all(
            _alike(end, claim) and relate_values(claim, end) in TIED
            for end, claim in zip(ends, (low, high), strict=True)
        ):
            return found
    return None


def _scaled(value: float) -> str:
    """A worked value as a reader writes it: "3.51 billion", "21", "1,250"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:.3g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.3g}"
