"""Numbers computed from source numbers in one step: a sum, a difference (years apart too), percent
of a total, the points between two rates, a share, a ratio, a product (rate x time) or a quotient
(268 days / 30 = 9 months).

Every search is a sorted-array lookup per operand, so a claim costs O(n log n) in the number of
source quantities, not O(n^2).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from briefing.schema import Quantity
from briefing.verify_match import AROUND, DOWNWARD, PEOPLE, STAND_FOR_PEOPLE, UPWARD, covers
from briefing.verify_pairs import PairTable
from briefing.verify_products import Basis, average_speed, unit_total

Neighbours = Callable[[Quantity], list[Quantity]]  # source quantities in nearby sentences
Fits = Callable[[Quantity], bool]  # whether a source operand is said of what the claim counts

# Durations a headline counts in ("9 months" from "268 days"): divisor from the source unit.
DIVISORS: dict[tuple[str, str], float] = {
    ("day", "month"): 30.0,
    ("day", "week"): 7.0,
    ("day", "year"): 365.0,
    ("month", "year"): 12.0,
    ("week", "month"): 4.0,
    ("h", "day"): 24.0,
    ("min", "h"): 60.0,
    ("year", "decade"): 10.0,
}
BOUNDS = UPWARD | DOWNWARD
VICTIMS = frozenset(
    {
        "dead",
        "killed",
        "injured",
        "wounded",
        "hurt",
        "executed",
        "missing",
        "arrested",
        "detained",
        "rescued",
        "evacuated",
        "safe",
    }
)
SCALED_MONEY = re.compile(r"\d\.\d\s*(?:[kmb]n?|million|billion|trillion)\b", re.I)
FAR_SHARE_MAX = 6  # counts of one noun that may pair across the whole source for a share
# "nearly 92%" for 56 of 61: a hedge that sits just below its value is an approximation, not a
# bound, so a worked-out figure may carry it
CLOSE_BELOW = frozenset({"nearly", "almost", "just under", "just shy of"})
GENERIC_PEOPLE = frozenset({"person", "people", "individual"})
YEAR_WORDS = frozenset({"year", "years", "yr", "anniversary", "decade"})


@dataclass(frozen=True)
class Derivation:
    arithmetic: str
    operand: Quantity  # the source quantity whose sentence is shown as evidence


@dataclass(frozen=True)
class Pool:
    """The source side of a derivation: its amounts, years, neighbours and precomputed pairs."""

    operands: list[Quantity]
    years: list[Quantity]
    near: Neighbours
    pairs: PairTable
    doubling: Callable[[Quantity], bool]  # the operand's sentence says "each", "twice", "half"
    born: Callable[[Quantity], bool] = lambda _: True  # the year's sentence speaks of a birth
    hedged_spans: tuple[Quantity, ...] = ()  # "more than 43 hours": durations with a hedge
    direction: Callable[[Quantity], str | None] = lambda _: None  # a percentage's "up"/"down"
    priced: Callable[[Quantity], Basis | None] = lambda _: None  # "$38 per seat per month"

    @cached_property
    def percents(self) -> list[Quantity]:
        """The operands that are percentages, found once rather than once per claim."""
        return [q for q in self.operands if q.kind == "percent" and q.unit == "%"]

    @cached_property
    def percent_products(self) -> PercentTable:
        return build_percent_table(self.percents, self.near, self.direction)

    @cached_property
    def by_sentence(self) -> dict[str | None, list[Quantity]]:
        found: dict[str | None, list[Quantity]] = {}
        for quantity in self.operands:
            found.setdefault(quantity.sentence_id, []).append(quantity)
        return found

    @cached_property
    def by_value(self) -> dict[float, list[Quantity]]:
        found: dict[float, list[Quantity]] = {}
        for quantity in self.operands:
            found.setdefault(quantity.value, []).append(quantity)
        return found


def derive(claim: Quantity, pool: Pool, fits: Fits | None) -> Derivation | None:
    """The first one-step derivation of the claim's value from source quantities, or None.

    Two operands must sit in the same or neighbouring sentences (`near`): a writer adds or divides
    numbers the article puts side by side, and numbers far apart combine into almost any small
    value by chance. Looking only at neighbours also keeps every search linear. Every operand must
    also be said of what the claim speaks of (`fits`): "three venues" is not eight episodes less
    five tours, nor "$2,000" twice a $1,000 deductible unless the source says "each" or "twice".
    A bounded claim ("more than 75") is no arithmetic result.
    """
    if claim.low is not None or claim.value <= 0 or claim.approx in BOUNDS - CLOSE_BELOW:
        return None
    operands = pool.operands if fits is None else [q for q in pool.operands if fits(q)]
    return (
        _years_apart(claim, pool.years, pool.born)
        or _year_shifted(claim, pool)
        or _duration_quotient(claim, [*operands, *pool.hedged_spans])
        or _halved(claim, pool, fits)
        or _percent_of(claim, pool, fits)
        or _share(claim, operands, pool.near)
        or _point_change(claim, operands, pool.near)
        or _pairwise(claim, pool.pairs, fits, _close)
        or _product(claim, operands, pool.near)
        or _per_period(claim, operands, pool.near)
        or _whole_of_part(claim, pool, fits)
        or _worked_out(claim, operands, pool)
    )


def derive_from_quoted(claim: Quantity, pool: Pool) -> Derivation | None:
    """A sum, a difference or the points between two rates, from the few sentences one claim
    quotes: no percent-of, share or product, which far-apart numbers make by chance."""
    if claim.low is not None or claim.value <= 0 or claim.approx in BOUNDS - CLOSE_BELOW:
        return None
    return _pairwise(claim, pool.pairs, None, _tight) or _point_change(
        claim, pool.operands, pool.near
    )


TOTAL_WORDS = re.compile(r"\b(?:combined|in total|a total of|altogether|together|in all)\b", re.I)


def combined_total(claim: Quantity, claim_text: str, operands: list[Quantity]) -> Derivation | None:
    """ "Toyota, Honda recall a combined 1.4M vehicles": a claim that says it adds may add two
    counts of its own noun from anywhere in the source (1.1 million + 330,000 vehicles)."""
    if claim.kind != "count" or claim.noun is None or claim.low is not None:
        return None
    if not TOTAL_WORDS.search(claim_text[max(0, claim.start - 40) : claim.end + 40]):
        return None
    same = [q for q in operands if q.noun == claim.noun and q.low is None and q.kind == "count"]
    # "Murray added 24 points and Porter Jr. had 18": a bare count beside one of the noun's
    # counts in its sentence counts the same thing
    named = {q.sentence_id for q in same}
    bare = [
        q
        for q in operands
        if q.noun is None
        and q.unit is None
        and q.kind == "count"
        and q.low is None
        and q.sentence_id in named
        and q.value == int(q.value)
    ]
    for k, a in enumerate(same):
        for b in same[k + 1 :] + [q for q in bare if q.sentence_id == a.sentence_id]:
            total = a.value + b.value
            near = abs(total - claim.value) <= 0.05 * claim.value  # "1.4M" for 1.43 million
            if a.value != b.value and near and covers(claim, total):
                return Derivation(f"{_show(a)} + {_show(b)} = {_show_value(total)}", a)
    return None


def _worked_out(claim: Quantity, operands: list[Quantity], pool: Pool) -> Derivation | None:
    found = unit_total(claim, operands, pool.priced, _close, pool.near) or average_speed(
        claim, operands, _close
    )
    return None if found is None else Derivation(*found)


NAME = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
LISTING = re.compile(rf"^[\w\s-]{{0,30}}?[,:(]\s*({NAME}(?:,\s*{NAME})*,?\s+and\s+{NAME})")


def count_listed(claim: Quantity, claim_text: str, flat_source: str) -> str | None:
    """ "Two friends, Steve and Carly": the claim names what it counts; the source has the names."""
    if claim.kind != "count" or not 2 <= claim.value <= 10 or claim.value != int(claim.value):
        return None
    match = LISTING.match(claim_text[claim.end :])
    if match is None:
        return None
    names = [n.strip() for n in re.split(r",\s*|\s+and\s+", match.group(1)) if n.strip()]
    present = all(re.sub(r"[\s-]", "", name.lower()) in flat_source for name in names)
    if len(names) != claim.value or not present:
        return None
    return f"{' + '.join(names)} = {len(names)}"


def _years_apart(
    claim: Quantity, years: list[Quantity], born: Callable[[Quantity], bool]
) -> Derivation | None:
    if not _counts_years(claim) or claim.value != int(claim.value) or claim.value > 300:
        return None
    years = [year for year in years if not year.text.rstrip().endswith("s")]  # not "the 1920s"
    found = _find_pair(years, claim.value, lambda a, b: a - b)
    if found is None:
        return None
    later, earlier = found
    person = claim.noun is None or claim.noun in PEOPLE
    if claim.unit == "age" and person and not born(earlier):
        # A person's "19 years old" is their birth year from an event, not any two years apart;
        # a thing's age ("114-year-old scotch") is its making or finding year to the article's.
        return None
    return Derivation(
        f"{_show(later)} - {_show(earlier)} = {_show_value(claim.value)} years", later
    )


def _year_shifted(claim: Quantity, pool: Pool) -> Derivation | None:
    """ "by 2038": a source year and a span of years beside it ("in 2008 ... within 30 years")."""
    if claim.kind != "date" or claim.unit != "year":
        return None
    for year in pool.years:
        for span in pool.near(year):
            if span.kind != "duration" or span.unit != "year" or span.low is not None:
                continue
            for sign, result in (("+", year.value + span.value), ("-", year.value - span.value)):
                if result == claim.value:
                    shown = f"{_show(year)} {sign} {_show(span)} = {result:.0f}"  # a year: no comma
                    return Derivation(shown, year)
    return None


def _counts_years(claim: Quantity) -> bool:
    return claim.unit in ("year", "age", "decade") or (
        claim.unit is None and claim.noun in YEAR_WORDS
    )


def _duration_quotient(claim: Quantity, operands: list[Quantity]) -> Derivation | None:
    if claim.kind != "duration" or claim.unit is None:
        return None
    for source in operands:
        divisor = DIVISORS.get((source.unit or "", claim.unit))
        if divisor is not None and covers(_loose(claim), source.value / divisor):
            text = (
                f"{_show(source)} / {_show_value(divisor)} = {_show_value(source.value / divisor)}"
            )
            return Derivation(text, source)
    return None


def _percent_of(claim: Quantity, pool: Pool, fits: Fits | None) -> Derivation | None:
    """p% of a neighbouring total, or that total after a p% cut or rise ("15% off $499 is
    $424.15"): a bisection in the pool's table of every such product, then the first product
    in source order whose total is of the claim's kind and whose percentage fits it."""
    if claim.kind == "percent" or claim.value == 0:
        return None
    table = pool.percent_products
    # _close never accepts a result a fifth away: only that window of the table is read
    lo = bisect.bisect_left(table.values, claim.value - 0.2 * abs(claim.value))
    hi = bisect.bisect_right(table.values, claim.value + 0.2 * abs(claim.value))
    family: dict[int, bool] = {}  # each total's fit, asked once rather than once per product
    best: PercentProduct | None = None
    for product in table.products[lo:hi]:
        if best is not None and product.order >= best.order:
            continue
        total = product.total
        fit = family.get(id(total))
        if fit is None:
            fit = family[id(total)] = same_family(claim, total)
        if fit and (fits is None or fits(product.percent)) and _close(claim, product.value):
            best = product
    if best is None:
        return None
    text = f"({best.shown}{_show(best.percent)}) x {_show(best.total)} = {_show_value(best.value)}"
    return Derivation(text, best.total)


@dataclass(frozen=True)
class PercentProduct:
    value: float
    percent: Quantity
    total: Quantity
    shown: str  # "", "100% - " or "100% + "
    order: tuple[int, int, int]  # percentage, total, factor: the order the search once took


@dataclass(frozen=True)
class PercentTable:
    values: list[float]
    products: list[PercentProduct]


def build_percent_table(
    percents: list[Quantity], near: Neighbours, direction: Callable[[Quantity], str | None]
) -> PercentTable:
    """Every p% of a neighbour, and the neighbour less or plus p% the way the source moves it
    ("raised by 10% to 55 cents" was never 49.5 cents; a share said with no word of moving
    moves nothing), sorted by value."""
    found: list[PercentProduct] = []
    for i, percent in enumerate(percents):
        way = direction(percent)
        factors = [(percent.value / 100, "")]
        if way not in ("up", "still"):
            factors.append((1 - percent.value / 100, "100% - "))
        if way not in ("down", "still"):
            factors.append((1 + percent.value / 100, "100% + "))
        for j, total in enumerate(near(percent)):
            for k, (factor, shown) in enumerate(factors):
                if shown and total.sentence_id != percent.sentence_id:
                    continue  # a move is said of its own value: "rose 7%" moves its sentence's
                found.append(PercentProduct(factor * total.value, percent, total, shown, (i, j, k)))
    found.sort(key=lambda product: product.value)
    return PercentTable([product.value for product in found], found)


def _point_change(claim: Quantity, operands: list[Quantity], near: Neighbours) -> Derivation | None:
    """ "fell 0.2 percentage points" from "to 3.9% from 4.1%": the gap between two rates."""
    if claim.kind != "percent" or claim.unit != "pp":
        return None
    members = {id(q) for q in operands}
    for a in operands:
        if a.unit != "%":
            continue
        for b in near(a):
            lower = id(b) in members and b is not a and b.unit == "%" and b.value < a.value
            if lower and _close(claim, a.value - b.value):
                text = f"{_show(a)} - {_show(b)} = {_show_value(a.value - b.value)} pp"
                return Derivation(text, a)
    return None


def _share(claim: Quantity, operands: list[Quantity], near: Neighbours) -> Derivation | None:
    if claim.kind != "percent" or claim.unit != "%":
        return None
    parts = [q for q in operands if q.kind in ("count", "money", "measure") and q.low is None]
    # A share of like things ($ of $, men of men) from neighbouring sentences; and of one noun
    # at any distance ("140,000 customers" ... "about 1.2 million customers"), unless the noun
    # is counted everywhere ("people") and would make ratios by chance.
    kinds = dict.fromkeys((q.kind, q.unit) for q in parts)  # in source order: a set's order
    # changes with each run's string hashing, and with it the arithmetic shown
    groups: list[tuple[list[Quantity], Neighbours | None]] = [
        ([q for q in parts if (q.kind, q.unit) == kind], near) for kind in kinds
    ]
    by_noun: dict[str, list[Quantity]] = {}
    for q in parts:
        if q.kind == "count" and q.noun is not None:
            by_noun.setdefault(q.noun, []).append(q)
    groups += [(same, None) for same in by_noun.values() if 2 <= len(same) <= FAR_SHARE_MAX]
    for group, reach in groups:
        found = _find_pair(group, claim.value / 100, _ratio, claim=claim, near=reach, scale=100)
        if found is not None:
            part, whole = found
            shown = _show_value(part.value / whole.value * 100)
            return Derivation(f"{_show(part)} / {_show(whole)} = {shown}%", part)
    return None


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _product(claim: Quantity, operands: list[Quantity], near: Neighbours) -> Derivation | None:
    if claim.kind == "percent":
        return None
    rates = [q for q in operands if q.kind == "rate"]
    for rate in rates:
        for span in near(rate):
            result = rate.value * span.value
            if span.kind in ("duration", "count") and _close(claim, result):
                return Derivation(f"{_show(rate)} x {_show(span)} = {_show_value(result)}", rate)
    return None


def _per_period(claim: Quantity, operands: list[Quantity], near: Neighbours) -> Derivation | None:
    """ "averages $70 million a year" from "a 10-year, $700 million contract", "about 64 per
    person" from "2,900 for 45 people": an amount over a span of the claim's own period, or
    shared among the people it counts, in the same or a neighbouring sentence."""
    unit = claim.unit or ""
    if claim.kind != "rate" or "per " not in unit:
        return None
    base, period = unit.rsplit("per ", 1)
    for amount in operands:
        if amount.kind not in ("money", "count", "measure"):  # "53 km a day" of 320 km
            continue
        if (amount.unit or "") != base.strip() and (base.strip() or amount.kind != "money"):
            continue  # "about 64 per person" may leave out the currency of "$2,900"
        for span in near(amount):
            if span is not amount and span.value > 1 and _counts_per(span, period):
                result = amount.value / span.value
                if _close(claim, result):
                    shown = f"{_show(amount)} / {_show(span)} = {_show_value(result)}"
                    return Derivation(shown, amount)
    return None


PART_REACH = 40  # characters between a part and its share ("by about 6%, or roughly 450 jobs")


def _whole_of_part(claim: Quantity, pool: Pool, fits: Fits | None) -> Derivation | None:
    """ "roughly 7,500 employees" from "cut headcount by about 6%, or roughly 450 positions":
    the whole that a part and its share, said side by side, imply."""
    if claim.kind not in ("count", "money") or claim.low is not None:
        return None
    for share in pool.percents:
        if share.low is not None or not 0 < share.value < 100:
            continue
        if fits is not None and not fits(share):
            continue
        for part in pool.by_sentence.get(share.sentence_id, []):
            if abs(part.start - share.start) > PART_REACH or part.low is not None:
                continue
            if (part.kind, part.unit) != (claim.kind, claim.unit):
                continue
            if fits is not None and not fits(part):
                continue
            whole = part.value / (share.value / 100)
            if whole > part.value and _close(claim, whole):
                shown = f"{_show(part)} / {_show(share)} = {_show_value(whole)}"
                return Derivation(shown, part)
    return None


def _counts_per(span: Quantity, period: str) -> bool:
    """Whether the source figure counts what the claim's rate is per: a span of its period
    ("10-year" for "a year"), or the people it is shared among ("45 people" for "per person")."""
    if span.kind == "duration":
        return span.unit == period
    if span.kind != "count" or span.unit is not None or span.noun is None:
        return False
    return span.noun == period or (period in GENERIC_PEOPLE and span.noun in PEOPLE)


def _halved(claim: Quantity, pool: Pool, fits: Fits | None) -> Derivation | None:
    """ "$350B" for half of "$700 billion", "12 fingers" for twice six ("on each hand")."""
    if claim.kind not in ("count", "money") or claim.value < 10:
        return None
    for factor, sign in ((0.5, "/ 2"), (2.0, "x 2")):
        for source in pool.by_value.get(claim.value / factor, []):
            usable = source.low is None and (fits is None or fits(source))
            if usable and same_family(claim, source) and pool.doubling(source):
                shown = f"{_show(source)} {sign} = {_show_value(source.value * factor)}"
                return Derivation(shown, source)
    return None


def _pairwise(
    claim: Quantity,
    pairs: PairTable,
    fits: Fits | None,
    close: Callable[[Quantity, float], bool],
) -> Derivation | None:
    if claim.kind not in ("count", "money", "duration", "measure") or claim.unit == "pp":
        return None
    pair = pairs.find(claim, close, lambda q: same_family(claim, q) and (fits is None or fits(q)))
    if pair is None:
        return None
    shown = f"{_show(pair.a)} {pair.sign} {_show(pair.b)} = {_show_value(pair.value)}"
    return Derivation(shown, pair.a)


def _find_pair(
    pool: list[Quantity],
    target: float,
    op: Callable[[float, float], float],
    *,
    claim: Quantity | None = None,
    near: Neighbours | None = None,
    scale: float = 1.0,
) -> tuple[Quantity, Quantity] | None:
    """Two distinct quantities a, b with op(a, b) == target, or covered by the claim's rounding."""
    members = {id(q) for q in pool}
    for a in pool:
        partners = pool if near is None else [b for b in near(a) if id(b) in members]
        for b in partners:
            if b is a or (b.text == a.text and b.sentence_id == a.sentence_id):
                continue
            result = op(a.value, b.value) * scale
            if claim is None:
                if abs(result - target * scale) < 1e-9:
                    return a, b
            elif _close(claim, result):
                return a, b
    return None


def _close(claim: Quantity, value: float) -> bool:
    """Covered by the claim's rounding, and within 1% unless the claim hedges ("about 80") or
    writes a scaled sum to one decimal ("$1.3B" for $800 million + $528 million)."""
    return _near(claim, value, scaled_slack=_scaled_money(claim))


def _tight(claim: Quantity, value: float) -> bool:
    """As `_close` without the 5% slack for "$1.3B": numbers from far apart must add up closer
    than neighbours."""
    return _near(claim, value, scaled_slack=False)


def _near(claim: Quantity, value: float, *, scaled_slack: bool) -> bool:
    gap = abs(value - claim.value) / abs(claim.value)
    hedged = claim.approx in AROUND or claim.approx in CLOSE_BELOW  # "nearly 2,700" for 2,658
    near = hedged or gap <= 0.01 or (scaled_slack and gap <= 0.05)
    return near and covers(claim, value)


def _scaled_money(claim: Quantity) -> bool:
    return claim.kind == "money" and SCALED_MONEY.search(claim.text) is not None


def same_family(claim: Quantity, source: Quantity) -> bool:
    if claim.kind in ("count", "ordinal") and claim.unit is None:
        # "18 killed" names what befell them, not what they are: any people noun may add up.
        loose = claim.noun is None or claim.noun in VICTIMS
        # "Three soldiers were killed and five wounded": the five are soldiers too.
        # "50 people aboard": 48 passengers and two drivers; "50 passengers" counts those alone.
        people = (claim.noun in PEOPLE and source.noun in STAND_FOR_PEOPLE) or (
            claim.noun in GENERIC_PEOPLE and source.noun in PEOPLE
        )
        return (
            source.kind == "count"
            and source.unit is None
            and (loose or people or source.noun is None or claim.noun == source.noun)
        )
    if claim.kind == "money" and source.kind == "rate":  # "$424.15" from "$499/month" less 15%
        return (source.unit or "").split(" per ")[0] == claim.unit
    if claim.unit == "year" and claim.kind == "duration" and source.unit == "age":
        return True  # "16 years older" is the gap of two ages
    if claim.unit == "deg" and source.unit in ("degC", "degF"):
        return source.kind == claim.kind  # "two degrees below the record" of 46.6C and 44.6C
    return source.kind == claim.kind and source.unit == claim.unit


def _loose(claim: Quantity) -> Quantity:
    """Headlines round derived durations freely: treat "9 months" as "about 9 months". A
    fraction is meant as said: "five and a half years" is not five years and three months."""
    if claim.approx or claim.value != int(claim.value):
        return claim
    return claim.model_copy(update={"approx": "about"})


def _show(quantity: Quantity) -> str:
    return quantity.text


def _show_value(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.4g}"
