"""Check every number of a claim against the source: exact, rounded, converted, derived, or
unsupported / mismatch.

The source is indexed once (`index_sources`): every sentence's quantities are extracted up front, so
checking a claim is a scan over pre-built quantities. A claim's cited sentences are tried first,
then the whole source; derivations and the mismatch verdict come last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from briefing.numbers import find_quantities
from briefing.numbers_digits import separators_of
from briefing.numbers_names import canonical_names
from briefing.schema import SUPPORTED_STATUSES, CheckStatus, Evidence, NumberCheck, Quantity, Source
from briefing.verify_calendar import days_between, months_until
from briefing.verify_change import anchored_change, multiple, percent_change
from briefing.verify_claim_text import (
    is_label,
    model_number,
    name_numbered_elsewhere,
    unnamed_in_source,
    whole_times,
)
from briefing.verify_context import (
    claim_context,
    in_pair,
    lead_words,
    needs_context,
)
from briefing.verify_cued import cued_arithmetic
from briefing.verify_derive import (
    VICTIMS,
    Derivation,
    combined_total,
    count_listed,
    derive,
    derive_from_quoted,
)
from briefing.verify_index import CODE_STRIP, SourceIndex, index_sources, split_source
from briefing.verify_margins import (
    clock_shift,
    margin,
    places_moved,
    tally_half,
    time_gap,
)
from briefing.verify_match import (
    PEOPLE,
    Relation,
    kind_fit,
    period_said_apart,
    relate_values,
    same_number,
)
from briefing.verify_ordinals import goal_minute, ordinal_counts, second_in
from briefing.verify_owners import age_owner, rank_holder, ranks_fit
from briefing.verify_partners import move_start
from briefing.verify_periods import Period, read_period
from briefing.verify_readings import other_readings
from briefing.verify_refusals import refusal
from briefing.verify_signs import signed_alike
from briefing.verify_speakers import count_speakers
from briefing.verify_tally import fate_near, is_head_count, tally_fate
from briefing.verify_together import review_together
from briefing.verify_warming import relate_temperatures
from briefing.verify_whose import (
    claim_part,
    same_pair,
    tally_spelled_out,
    way_before,
    with_fate,
)

__all__ = ["SourceIndex", "check_claim", "check_document", "check_quantity", "index_sources"]

# Stems of words that say what befell people: a headline's "9 dead" or "75 arrested" sums the
# people nouns of the source.
CASUALTIES = frozenset(
    {"dead", "die", "died", "kill", "kille", "injur", "wound", "execu", "victi", "death", "hurt"}
    | {"arres", "detai", "rescu", "evacu"}
)
RANK: dict[str, int] = {"exact": 0, "rounded": 1, "converted": 2}
SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")


@dataclass(frozen=True)
class _Side:
    """What the claim's text says around a number: its context stems, and whether it is a score."""

    context: frozenset[str]
    paired: bool = False
    period: Period = field(default_factory=Period)
    rank: tuple[bool, str | None] = (False, None)  # a rank ("number two"), and whose
    text: str = ""  # the claim's whole text
    fate: str | None = None  # what befell the people counted ("killed": death), if said
    part: frozenset[str] = frozenset()  # content stems of the number's part of the claim
    way: str | None = None  # "up" or "down": how the claim says a percentage moved
    quantities: tuple[Quantity, ...] = ()  # every number of the claim's text, read once


@dataclass(frozen=True)
class _Found:
    status: CheckStatus
    source: Quantity
    arithmetic: str | None = None
    nearest: Quantity | None = None  # the closest value of the claim's own kind, if elsewhere
    why: str | None = None  # what a mismatch's words say of the source's figure


def check_claim(text: str, citations: list[str], index: SourceIndex) -> list[NumberCheck]:
    """One NumberCheck per quantity in `text`; cited sentences are tried first, then the source.

    Each sentence of a longer text is checked on its own, so that one claim's words never
    decide another's verdict ("Floods killed 40." is not excused by a later "injured").
    """
    with separators_of(text):
        return _check_sentences(text, citations, index)


def _check_sentences(text: str, citations: list[str], index: SourceIndex) -> list[NumberCheck]:
    sentences = split_source(text)
    if len(sentences) <= 1:
        return _check_sentence(text, citations, index)
    checks: list[NumberCheck] = []
    for sentence in sentences:
        for check in _check_sentence(sentence.text, citations, index):
            start, end = check.start + sentence.start, check.end + sentence.start
            checks.append(check.model_copy(update={"start": start, "end": end}))
    return checks


def _check_sentence(text: str, citations: list[str], index: SourceIndex) -> list[NumberCheck]:
    found = whole_times(
        [
            q
            for q in find_quantities(text)
            if not is_label(q, text, index) and not unnamed_in_source(q, index)
        ],
        text,
    )
    checks = [_check_quantity(q, citations, index, text, found) for q in found]
    for k, check in enumerate(checks):
        if check.status == "unsupported" and found[k].kind not in ("date", "time"):
            checks[k] = _from_quoted(found, k, checks, text, index) or check
    return review_together(found, checks, text, index, _verdict)


def _from_quoted(
    found: list[Quantity], k: int, checks: list[NumberCheck], text: str, index: SourceIndex
) -> NumberCheck | None:
    """A figure worked from numbers the same claim sentence quotes, however far apart they sit
    in the source: "opened 41 stores and closed nine, a net gain of 32"."""
    hints = frozenset(
        other.evidence.sentence_id
        for j, other in enumerate(checks)
        if j != k
        and other.evidence is not None
        and other.status in ("exact", "rounded", "converted")
        and not SENTENCE_END.search(text, *sorted((found[j].end, found[k].start)))
    )
    derivation = derive_from_quoted(found[k], index.pool_of(hints)) if hints else None
    if derivation is None:
        return None
    return _checked(found[k], _Found("derived", derivation.operand, derivation.arithmetic), index)


def check_document(source_text: str, claims_text: str) -> list[NumberCheck]:
    """Check every number of a free text (a draft, another tool's summary) against a source text."""
    source = Source(name="source", text=source_text, sentences=split_source(source_text), sha256="")
    return check_claim(claims_text, [], index_sources([source]))


def check_quantity(
    claim: Quantity, citations: list[str], index: SourceIndex, *, claim_text: str = ""
) -> NumberCheck:
    """The status of one claim quantity, with the source sentence that supports or refutes it."""
    return _check_quantity(claim, citations, index, claim_text, None)


def _check_quantity(
    claim: Quantity,
    citations: list[str],
    index: SourceIndex,
    claim_text: str,
    claim_quantities: list[Quantity] | None,
) -> NumberCheck:
    """The check of the claim's reading, or of another reading its words allow when that one
    is supported: "400 pounds" may weigh, "9 points" may be percentage points."""
    check = _check_reading(claim, citations, index, claim_text, claim_quantities)
    if check.supported:
        return check
    for reading in other_readings(claim):
        other = _check_reading(reading, citations, index, claim_text, claim_quantities)
        if other.supported:
            return other.model_copy(update={"unit": reading.unit, "kind": reading.kind})
    return check


def _check_reading(
    claim: Quantity,
    citations: list[str],
    index: SourceIndex,
    claim_text: str,
    claim_quantities: list[Quantity] | None,
) -> NumberCheck:
    if claim.unit == "code":
        return _check_code(claim, index)
    listed = count_listed(claim, claim_text, index.flat_text) or count_speakers(
        claim, claim_text, index.speakers
    )
    if listed is not None:
        return _checked(claim, _Found("derived", _listing_quote(claim, index), listed), index)
    owner = age_owner(claim_text, claim) if claim_text else None
    if owner is not None:
        ages = index.ages_of(owner)
        if ages and all(not same_number(claim, age) for age in ages):
            return _checked(claim, _Found("mismatch", ages[0]), index)
        # "buhari, 17-year-old": every 17-year-old of the source is someone else, named there.
        others = index.owners_of_age(claim.value)
        if others and all(other is not None and other != owner for _, other in others):
            return _checked(claim, _Found("mismatch", others[0][0]), index)
    period = Period()
    part: frozenset[str] = frozenset()
    quantities: list[Quantity] = []
    if claim_text and claim.kind not in ("date", "time"):
        quantities = find_quantities(claim_text) if claim_quantities is None else claim_quantities
        period = read_period(claim_text, claim, quantities)
        part = claim_part(claim_text, claim, quantities)
    context = _Side(
        claim_context(claim_text, claim),
        in_pair(claim_text, claim),
        period,
        rank_holder(claim_text, claim) if claim_text else (False, None),
        claim_text,
        fate_near(claim_text, claim) if claim_text and is_head_count(claim) else None,
        part,
        way_before(claim_text, claim) if claim_text else None,
        tuple(quantities),
    )
    check = _check_value(claim, citations, index, context, claim_text)
    if check.supported or claim.low is None or claim.vague or claim.high is None:
        return check
    # A range spans figures that each have their own part: ownership is not asked of its ends.
    ends = replace(context, part=frozenset())
    return _check_range_ends(claim, citations, index, ends) or check


def _check_range_ends(
    claim: Quantity, citations: list[str], index: SourceIndex, context: _Side
) -> NumberCheck | None:
    """ "4-7%" holds when the source gives 4% and 7%, even in other words."""
    ends = [
        claim.model_copy(update={"value": value, "low": None, "high": None, "approx": None})
        for value in (claim.low, claim.high)
    ]
    checks = [_check_value(end, citations, index, context) for end in ends]
    if not all(check.supported for check in checks):
        return None
    worst = max(checks, key=lambda check: RANK.get(check.status, 3))
    return worst.model_copy(
        update={"text": claim.text, "start": claim.start, "end": claim.end, "value": claim.value}
    )


def _listing_quote(claim: Quantity, index: SourceIndex) -> Quantity:
    first = next(iter(index.sentences), None)
    return claim.model_copy(update={"sentence_id": first})


def _check_value(
    claim: Quantity, citations: list[str], index: SourceIndex, context: _Side, claim_text: str = ""
) -> NumberCheck:
    cited = [sid for sid in citations if sid in index.quantities]
    scopes = [cited, list(index.quantities)] if cited else [list(index.quantities)]
    elsewhere: _Found | None = None
    candidates = index.candidates(claim)
    for scope in scopes:
        in_scope = set(scope)
        refs = [ref for ref in candidates if ref[0] in in_scope]
        found, other = _match_in(claim, refs, index, context)
        if found is not None:
            return _checked(claim, found, index)
        elsewhere = elsewhere or other
    fits = None
    if needs_context(claim) and context.context:
        fits = lambda q: _operand_fits(claim, q, index, context)  # noqa: E731
    if context.fate is not None:
        # "killed eight" adds the dead only: "three killed and five wounded" is not eight dead.
        fits = with_fate(fits, context.fate, index)
    # A rank is a position, not an amount: no arithmetic yields "world number two".
    derivation = None
    if not context.rank[0]:
        derivation = (
            derive(claim, index.pool, fits)
            or tally_fate(claim, claim_text, index)
            or percent_change(claim, index)
            or _anchored(claim, context, index)
            or multiple(claim, index, context.context)
            or (move_start(claim, claim_text, index) if claim_text else None)
            or months_until(claim, context.context, index)
            or days_between(claim, index)
            or combined_total(claim, claim_text, index.pool.operands)
            or cued_arithmetic(claim, claim_text, index)
        )
        if (
            derivation is not None
            and elsewhere is not None
            and _said_as_other(claim, elsewhere)
            and not _change_of_a_move(claim, claim_text, derivation, index)
        ):
            derivation = None  # arithmetic that happens to equal a figure said of something else
        # "beat them by three goals" from "6-3": the claim says it is a margin, so a "three
        # assists" elsewhere is no rival explanation
        derivation = (
            derivation
            or (margin(claim, claim_text, index) if claim_text else None)
            or places_moved(claim, index)
            or (time_gap(claim, claim_text, index) if claim_text else None)
            or clock_shift(claim, claim_text, index)
        )
    # "a third Grand Slam in four years" is no difference of years when the source says
    # "a third Grand Slam in nine years": a direct statement vetoes the arithmetic.
    lead = lead_words(claim_text, claim) if derivation is not None and claim_text else None
    if lead is not None and index.stated_as(claim, lead) is not None:
        derivation = None
    if derivation is not None:
        return _checked(claim, _Found("derived", derivation.operand, derivation.arithmetic), index)
    model = model_number(claim, claim_text, index)
    if model is not None:
        return _checked(claim, _Found("exact", model), index)
    second = second_in(claim, claim_text, context.context, index.texts) if claim_text else None
    if second is not None:
        quote = claim.model_copy(update={"text": "second", "sentence_id": second})
        return _checked(claim, _Found("exact", quote), index)
    alike = _nearest_alike(claim, candidates, index)
    if elsewhere is None:
        elsewhere = alike  # "rose 3 metres": the source gives 3.5 metres
    elif alike is not None and kind_fit(claim, elsewhere.source) == "conflict":
        # "rose 3 metres" against "3.5 metres ... 3 died": the 3 is a count of people, and the
        # value of the claim's own kind is worth showing beside it.
        elsewhere = replace(elsewhere, nearest=alike.source)
    return _checked(claim, elsewhere, index)


def _nearest_alike(
    claim: Quantity, candidates: list[tuple[str, int]], index: SourceIndex
) -> _Found | None:
    """The source value closest to the claim's among those of its kind and unit, if any."""
    if claim.unit is None or claim.kind in ("date", "time"):
        return None
    alike = [
        index.quantities[sid][k]
        for sid, k in candidates
        if (index.quantities[sid][k].kind, index.quantities[sid][k].unit)
        == (claim.kind, claim.unit)
    ]
    if not alike:
        return None
    nearest = min(alike, key=lambda q: abs(q.value - claim.value))
    return _Found("unsupported", nearest)


def _said_as_other(claim: Quantity, elsewhere: _Found) -> bool:
    """The source states the claim's very value, of its kind and unit, of something else: a sum
    that happens to equal it explains nothing ("38,000 full-time jobs" when 38,000 were
    part-time). A value of another kind ("a fifth") leaves the arithmetic standing."""
    other = elsewhere.source
    return same_number(claim, other) and (other.kind, other.unit) == (claim.kind, claim.unit)


# "lost 28 seats", "shed 1,200 jobs": the claim says its figure is a change
CHANGE_BEFORE = re.compile(
    r"\b(?:lost|lose|loses|losing|gained|gains?|shed|sheds|added|adds|dropped|fell|rose|grew"
    r"|cut|down|up|declined|increased|decreased|slipped|climbed|jumped)\b[^.;\d]{0,20}$",
    re.I,
)


def _change_of_a_move(
    claim: Quantity, claim_text: str, derivation: Derivation, index: SourceIndex
) -> bool:
    """ "The Social Democrats lost 28 seats" worked out from "dropped to 97 seats from 125":
    a change the claim names, computed from a move the source states, explains the figure
    better than the Greens' 28 seats elsewhere."""
    if claim.kind not in ("count", "money", "measure") or " - " not in derivation.arithmetic:
        return False  # a difference of amounts: a percentage has its own change rules
    if not claim_text or not CHANGE_BEFORE.search(claim_text[: claim.start]):
        return False
    starts, ends = index.move_sides
    return id(derivation.operand) in starts or id(derivation.operand) in ends


def _each_per_person(claim: Quantity, source: Quantity, index: SourceIndex) -> bool:
    """ "€128 per person" is the source's "€128 each" or "£38 a head": one person's share."""
    if claim.kind != "rate" or not (claim.unit or "").endswith(" per person"):
        return False
    if source.kind != "money" or (claim.unit or "").split(" per ")[0] != source.unit:
        return False
    return index.priced(source) == (None, None)


def _anchored(claim: Quantity, side: _Side, index: SourceIndex) -> Derivation | None:
    if claim.unit not in ("%", "times") or not side.text:
        return None
    return anchored_change(claim, list(side.quantities), side.text, index)


def _match_in(
    claim: Quantity, refs: list[tuple[str, int]], index: SourceIndex, side: _Side
) -> tuple[_Found | None, _Found | None]:
    """The best supporting source quantity said of the same thing; else a mismatch, if any."""
    best: tuple[int, Relation, Quantity] | None = None
    off_context: Quantity | None = None
    off_why: str | None = None  # why the first refused candidate was refused, when a rule says
    conflict: Quantity | None = None
    for sid, position in refs:
        source = index.quantities[sid][position]
        if not _labels_fit(claim, side, index, (sid, position)):
            off_context = off_context or (source if same_number(claim, source) else None)
            continue
        sentence = index.sentences[sid].text
        if ordinal_counts(claim, side.text, source, sentence) or goal_minute(
            claim, side.text, source, sentence
        ):
            return _Found("exact", source), None
        if tally_half(claim, side.text, side.paired, index, (sid, position)) and same_number(
            claim, source
        ):
            return _Found("exact", source), None  # "four dissenting votes" of "voted 7-4"
        # "World No. 23" is the source's "ranked 23rd": a rank said as a count or an ordinal
        rank_as_ordinal = side.rank[0] and {claim.kind, source.kind} == {"count", "ordinal"}
        if (
            kind_fit(claim, source) == "conflict"
            and not rank_as_ordinal
            and not period_said_apart(claim, source, side.text, sentence)
            and not _each_per_person(claim, source, index)
        ):
            if conflict is None and same_number(claim, source):
                conflict = source
            continue
        source = signed_alike(claim, source, side.way, side.text, sentence)
        relation = relate_temperatures(
            claim, side.text, source, sentence, relate_values(claim, source)
        )
        if relation is None:
            continue
        if side.paired and same_pair(side.text, claim, sentence, source):
            return _Found("exact", source), None  # "a 5-2 win" is the source's "beat them 5-2"
        if _vote_written_out(claim, side, index, (sid, position)):
            return _Found("exact", source), None  # "218-212": "218 votes in favor and 212 against"
        refused = refusal(claim, side, source, index, (sid, position))
        if refused is not None:
            if off_context is None:
                off_context, off_why = source, refused.why
        elif best is None or RANK[relation] < best[0]:
            best = (RANK[relation], relation, source)
            if best[0] == 0:
                break
    if best is not None:
        return _Found(best[1], best[2]), None
    if off_context is not None:
        return None, _Found("mismatch", off_context, why=off_why)
    return None, None if conflict is None else _Found("mismatch", conflict)


def _labels_fit(claim: Quantity, side: _Side, index: SourceIndex, ref: tuple[str, int]) -> bool:
    """A score half matches only a score half; a list marker only a plain count of the items, and
    only the last marker of its list does ("4. Vertical File Storage": four products)."""
    if (
        (ref in index.paired) != side.paired
        and not tally_half(claim, side.text, side.paired, index, ref)
        and not _vote_written_out(claim, side, index, ref)
    ):
        return False
    if side.rank[0] and not ranks_fit(side.rank, index.rank_of(*ref)):
        return False
    last = index.markers.get(ref)
    return last is None or (last and claim.kind == "count" and claim.unit is None)


def _vote_written_out(
    claim: Quantity, side: _Side, index: SourceIndex, ref: tuple[str, int]
) -> bool:
    sid, position = ref
    source = index.quantities[sid][position]
    return side.paired and tally_spelled_out(
        side.text, claim, index.sentences[sid].text, source, index.quantities[sid]
    )


def _operand_fits(claim: Quantity, operand: Quantity, index: SourceIndex, side: _Side) -> bool:
    """A small count is derived only from numbers said of the same thing: a shared noun or
    context word; larger values and amounts with units are specific enough on their own."""
    if claim.noun is not None and claim.noun == operand.noun:
        return True
    victims = claim.noun is None or claim.noun in PEOPLE or claim.noun in VICTIMS
    if (
        side.context & CASUALTIES
        and victims
        and (operand.noun in PEOPLE or operand.noun == "other")
    ):
        return True  # "9 dead": three crew and six passengers
    return bool(side.context & index.context_of(operand))


def _check_code(claim: Quantity, index: SourceIndex) -> NumberCheck:
    code = CODE_STRIP.sub("", canonical_names(claim.text))
    if code in index.flat_text:
        for sid, sentence in index.sentences.items():
            if code in CODE_STRIP.sub("", canonical_names(sentence.text)):
                quote = Quantity(
                    text=claim.text, start=0, end=0, value=claim.value, sentence_id=sid
                )
                return _checked(claim, _Found("exact", quote), index)
    other = name_numbered_elsewhere(claim, index)
    if other is not None:  # "Boeing 787" where the source's plane is a "Boeing 737"
        why = f"the source names {other.text!r}, not {claim.text!r}"
        return _checked(claim, _Found("mismatch", other, why=why), index)
    return _checked(claim, None, index)


def _checked(claim: Quantity, found: _Found | None, index: SourceIndex) -> NumberCheck:
    status: CheckStatus = "unsupported" if found is None else found.status
    supported = status in SUPPORTED_STATUSES
    evidence = None
    if found is not None and found.source.sentence_id in index.sentences:
        sentence = index.sentences[found.source.sentence_id]
        evidence = Evidence(sentence_id=sentence.id, text=sentence.text, quote=found.source.text)
    return NumberCheck(
        text=claim.text,
        start=claim.start,
        end=claim.end,
        value=claim.value,
        unit=claim.unit,
        kind=claim.kind,
        status=status,
        supported=supported,
        how=status if supported else None,
        evidence=evidence,
        arithmetic=None if found is None else found.arithmetic,
        note=_note(status, found),
    )


def _verdict(
    claim: Quantity,
    status: CheckStatus,
    source: Quantity,
    index: SourceIndex,
    *,
    arithmetic: str | None = None,
    note: str | None = None,
) -> NumberCheck:
    """A verdict reached by reading a claim sentence's numbers together (`verify_together`)."""
    check = _checked(claim, _Found(status, source, arithmetic), index)
    return check if note is None else check.model_copy(update={"note": note})


def _note(status: str, found: _Found | None) -> str | None:
    if status == "mismatch" and found is not None and found.nearest is not None:
        return (
            f"the source's {found.source.text!r} is another kind of number; "
            f"the nearest of this kind is {found.nearest.text!r}"
        )
    if status == "mismatch" and found is not None and found.why is not None:
        return found.why
    if status == "mismatch" and found is not None:
        return f"the source's {found.source.text!r} is said of something else"
    if status == "unsupported" and found is not None:
        return f"the source gives {found.source.text!r}, not this value"
    if status == "unsupported":
        return "no source number gives this value"
    return None
