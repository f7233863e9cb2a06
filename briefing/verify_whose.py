"""Whose figure is it, seen from the claim: the words of the claim's part, and whether another
figure of the source sentence owns them, a fate excludes an operand, a percentage strays from
another sentence, or two scores are the same score. `verify` asks; the source side is in
`verify_owners_clauses`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from briefing.schema import Quantity
from briefing.verify_context import pair_around, stems
from briefing.verify_index import DOWN_WORDS, UP_WORDS, SourceIndex
from briefing.verify_match import same_number
from briefing.verify_owners_clauses import Part, contrasted, parts_of, said_of_other
from briefing.verify_tally import fate_near


def with_fate(
    fits: Callable[[Quantity], bool] | None, fate: str, index: SourceIndex
) -> Callable[[Quantity], bool]:
    """An operand filter that also keeps to the claim's fate ("killed eight" adds the dead only)."""

    def fitting(operand: Quantity) -> bool:
        sentence = index.sentences[operand.sentence_id or ""].text
        same_fate = fate_near(sentence, operand) in (None, fate)
        return same_fate and (fits is None or fits(operand))

    return fitting


MOVE_BEFORE = re.compile(rf"(?:{UP_WORDS.pattern})|(?:{DOWN_WORDS.pattern})", re.I)


def way_before(text: str, quantity: Quantity) -> str | None:
    """ "up" or "down": the move word nearest before a percentage, with no number between
    ("gross margin was 33.1%, down 40 basis points" moves the 40 down)."""
    window = text[max(0, quantity.start - 25) : quantity.start]
    moves = list(MOVE_BEFORE.finditer(window))
    if not moves or re.search(r"\d", window[moves[-1].end() :]):
        return None
    last = moves[-1]
    return "up" if UP_WORDS.match(last.group()) else "down"


def moved_the_other_way(
    claim_way: str | None, claim: Quantity, sentence: str, source: Quantity
) -> bool:
    """A change said to rise in the claim and to fall in the source, or the other way round."""
    if claim_way is None or claim.kind != "percent":
        return False
    source_way = way_before(sentence, source)
    return source_way is not None and source_way != claim_way


def stray_percent(claim: Quantity, part: frozenset[str], sentence: str, claim_text: str) -> bool:
    """Percentages recur all over a text: one backs a claim only from a sentence sharing at
    least one content word with the claim's part ("ridership rose 40%" is not "fares rose 40%"),
    an acronym of the claim spelled out there counting as one ("ARR": annual recurring revenue)."""
    if claim.kind != "percent" or len(part) < 2:
        return False
    return not part & stems(sentence) and not spelled_out(claim_text, sentence)


ACRONYM = re.compile(r"\b[A-Z]{3,5}\b")


def spelled_out(claim_text: str, sentence: str) -> bool:
    """Whether an acronym of the claim ("ARR", "NII") is written out word by word in the source."""
    for match in ACRONYM.finditer(claim_text):
        words = r"[\w-]*\s+".join(match.group())
        if re.search(rf"\b{words}", sentence, re.I):
            return True
    return False


# After the claim's last figure, words that name no owner of it: the party it is measured
# against ("a 7.7-point lead over the Conservatives", "9 points ahead of Tran") or a part the
# whole holds ("including VAT", "bike hire included").
RIVAL_TAIL = re.compile(
    r"\b(?:(?<=lead )|(?<=victory )|(?<=win )|(?<=edge )|(?<=advantage ))over\b"
    r"|\b(?:ahead\s+of|behind|beating|against|versus|vs\.?|including|excluding)(?=\s)"
    r"|,(?=[^,.;]{1,40}\b(?:included|excluded)\b)",
    re.I,
)


PERIOD_STEMS = stems("quarter quarters")  # when, which periods say
MINUTE_STEMS = stems("minute minutes")  # "in the 88th minute": when a goal came


def claim_part(text: str, claim: Quantity, quantities: list[Quantity]) -> frozenset[str]:
    """The content stems of the claim number's part of its sentence (empty if it shares it),
    less the party it is measured against after the last figure ("... ahead of Tran")."""
    spots = [k for k, q in enumerate(quantities) if q.start == claim.start]
    part = _parts(text, tuple(quantities))[spots[0]] if spots else None
    # "climbed to $12.1bn from $10.4bn": words shared by two figures point to neither.
    if part is None or not part.alone:
        return frozenset()
    words = part.words - PERIOD_STEMS  # "in the third quarter" says when, not whose
    if claim.kind == "ordinal":
        words -= MINUTE_STEMS
    last = max((q.end for q in quantities), default=claim.end)
    rival = RIVAL_TAIL.search(text, last)
    if rival is None:
        return words
    return words - (stems(text[rival.end() :]) - stems(text[: rival.start()]))


def owned_by_other(
    claim: Quantity,
    part: frozenset[str],
    fate: str | None,
    index: SourceIndex,
    ref: tuple[str, int],
) -> bool:
    """Whether another figure of the source sentence, of the same kind, owns the claim's words."""
    sid, position = ref
    quantities = index.quantities[sid]
    source = quantities[position]
    sentence = index.sentences[sid].text
    parts = index.parts(sid)
    for k, other in enumerate(quantities):
        rival = (
            k != position
            and (other.kind, other.unit) == (source.kind, source.unit)
            # a figure of other things ("55 trees") is no rival, unless the claim names them
            and (
                other.noun is None or source.noun is None or other.noun in (source.noun, claim.noun)
            )
            and not same_number(claim, other)
            # a figure a hundred times bigger or smaller is no one a writer mixes up with it
            and comparable(other.value, source.value)
            # "8 dead" is not claimed by the "two dozen injured" after "eight people were killed"
            and (fate is None or fate_near(sentence, other) in (None, fate))
        )
        contrast = rival and contrasted(sentence, source, other)
        if rival and said_of_other(part, parts[position], parts[k], contrast=contrast):
            return True
    return False


RIVAL_RATIO = 100.0


def comparable(a: float, b: float) -> bool:
    """Within a hundredfold of each other: figures a writer could mix up."""
    small, big = sorted((abs(a), abs(b)))
    return small > 0 and big / small <= RIVAL_RATIO


@functools.lru_cache(maxsize=32)
def _parts(text: str, quantities: tuple[Quantity, ...]) -> list[Part]:
    """A claim's parts, cut once for all its numbers."""
    return parts_of(text, list(quantities))


TALLY_WORDS = re.compile(r"\b(?:votes?|in\s+favou?r|against|for|ayes|noes|nays)\b", re.I)


def tally_spelled_out(
    claim_text: str, claim: Quantity, sentence: str, source: Quantity, beside: list[Quantity]
) -> bool:
    """ "passed the bill 218-212" against "received 218 votes in favor and 212 against": a vote
    the source writes out in words, its two sides in the claim's order."""
    ours = pair_around(claim_text, claim)
    if (
        ours is None
        or pair_around(sentence, source) is not None
        or not TALLY_WORDS.search(sentence)
    ):
        return False
    first, second = (float(half) for half in ours)
    counts = [q for q in beside if q.kind == "count" and q.low is None]
    firsts = [q for q in counts if q.value == first]
    seconds = [q for q in counts if q.value == second]
    in_order = any(a.start < b.start for a in firsts for b in seconds)
    return in_order and source.value in (first, second)


def same_pair(claim_text: str, claim: Quantity, sentence: str, source: Quantity) -> bool:
    """Whether a claim's score half and a source's belong to the same whole score ("5-2")."""
    ours, theirs = pair_around(claim_text, claim), pair_around(sentence, source)
    return ours is not None and theirs is not None and ours in (theirs, theirs[::-1])
