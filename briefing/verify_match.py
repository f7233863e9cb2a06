"""How one claim quantity relates to one source quantity: same kind of thing? same value, rounded,
converted? These are the building blocks `briefing.verify` tries sentence by sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

from briefing.numbers_grammar import PASSING
from briefing.schema import Quantity
from briefing.units import convert, unit_dimension

Relation = Literal["exact", "rounded", "converted"]
Fit = Literal["ok", "conflict"]

UPWARD = frozenset(
    {
        "more than",
        "over",
        "above",
        "at least",
        "upwards of",
        "in excess of",
        "just over",
        "well over",
        "no fewer than",
        "not less than",
        "not fewer than",
        "a little over",
        "exceed",
        "exceeds",
        "exceeding",
        "surpass",
        "exceeded",
        "plus",
        ">",
    }
    | PASSING
)
DOWNWARD = frozenset(
    {
        "less than",
        "fewer than",
        "under",
        "below",
        "up to",
        "at most",
        "nearly",
        "almost",
        "just under",
        "no more than",
        "just shy of",
        "a little under",
        "not more than",
        "as many as",
        "as much as",
        "<",
    }
)
AROUND = frozenset(
    {
        "about",
        "approximately",
        "approx",
        "around",
        "roughly",
        "some",
        "circa",
        "estimated",
        "an estimated",
        "close to",
        "~",
        "almost exactly",
    }
)
JUST_BELOW = frozenset({"nearly", "almost", "just under", "just shy of"})
COUNT_KINDS = frozenset({"count", "ordinal"})
# Nouns that name people: "two men" may be "two people" in the source.
PEOPLE = frozenset(
    {
        "person",
        "man",
        "woman",
        "child",
        "adult",
        "resident",
        "civilian",
        "victim",
        "individual",
        "passenger",
        "worker",
        "student",
        "soldier",
        "troop",
        "boy",
        "girl",
        "member",
        "employee",
        "officer",
        "player",
        "fan",
        "patient",
        "migrant",
        "lawmaker",
        "official",
        "politician",
        "suspect",
        "tourist",
        "pilot",
        "crew",
        "prisoner",
        "inmate",
        "protester",
        "teen",
        "teenager",
        "doctor",
        "nurse",
        "journalist",
        "refugee",
        "jumper",
        "climber",
        "hiker",
        "driver",
        "staff",
        "people",
    }
)


# Nouns that stand for the people they count ("14 dead", "claimed 14 lives"), and plain synonyms.
STAND_FOR_PEOPLE = frozenset(
    {
        "dead",
        "death",
        "life",
        "injured",
        "injury",
        "wounded",
        "casualty",
        "fatality",
        "missing",
        "survivor",
    }
)
SYNONYMS = frozenset(
    {
        frozenset({"home", "house"}),
        frozenset({"car", "vehicle"}),
        frozenset({"kid", "child"}),
        frozenset({"firm", "company"}),
        frozenset({"ship", "vessel"}),
        frozenset({"aircraft", "plane"}),
        frozenset({"job", "role"}),
        frozenset({"job", "position"}),
        frozenset({"job", "post"}),
        frozenset({"store", "shop"}),
        frozenset({"boat", "vessel"}),
        frozenset({"staff", "employee"}),
        frozenset({"staff", "worker"}),
        frozenset({"worker", "employee"}),
    }
)

OPPOSITES = {
    "man": "woman",
    "woman": "man",
    "boy": "girl",
    "girl": "boy",
    "adult": "child",
    "child": "adult",
}


def kind_fit(claim: Quantity, source: Quantity) -> Fit:
    """Whether the two quantities measure the same kind of thing (unit, kind and noun)."""
    if claim.kind == "time" and _is_bare_hour(claim, source):
        return "ok"
    if _bare_year(claim) and source.kind == "date" and source.unit == "year":
        return "ok"  # "Hollywood's Biggest 2011 Flops": a headline's bare year
    if claim.kind == "date" and claim.unit == "year" and _bare_year(source):
        return "ok"  # "our forecast for 2021 remains": a year the parser took for a count
    if {claim.kind, source.kind} == {"count", "ordinal"}:
        return "conflict"  # "three words" is not "the third word"
    if claim.kind in ("date", "time") or source.kind in ("date", "time"):
        return "ok" if (claim.kind, claim.unit) == (source.kind, source.unit) else "conflict"
    if claim.unit == "code" or source.unit == "code":
        return "ok" if claim.unit == source.unit else "conflict"
    if "times" in (claim.unit, source.unit):  # "doubled" is no count of two
        return "ok" if claim.unit == source.unit else "conflict"
    return "ok" if _units_fit(claim, source) else "conflict"


# Words that give a period without a number: "the annual total", "tickets each week".
PERIOD_WORDS: dict[str, re.Pattern[str]] = {
    period: re.compile(rf"\b(?:{words})\b", re.I)
    for period, words in {
        "year": r"annual|annually|yearly|a year|per year|each year|every year|per annum|a yr",
        "month": r"monthly|a month|per month|each month|every month",
        "week": r"weekly|a week|per week|each week|every week",
        "day": r"daily|a day|per day|each day|every day",
        "hour": r"hourly|an hour|per hour|each hour|every hour",
    }.items()
}


def period_said_apart(claim: Quantity, source: Quantity, claim_text: str, sentence: str) -> bool:
    """A rate whose period the other side gives in words apart from its number: "$22,500 a
    year" restates "the annual total to $22,500"; "350 tickets ... each week" restates "three
    hundred and fifty tickets a week"."""
    claim_per, source_per = _period(claim), _period(source)
    if (claim_per is None) == (source_per is None):
        return False
    if claim_per is not None:
        same = _rate_base(claim) == (source.unit or "")
        words, period = sentence, claim_per
    else:
        same = _rate_base(source) == (claim.unit or "")
        words, period = claim_text, source_per or ""
    pattern = PERIOD_WORDS.get(period)
    return same and pattern is not None and pattern.search(words) is not None


def _period(quantity: Quantity) -> str | None:
    unit = f" {quantity.unit}" if quantity.unit else ""
    return unit.split(" per ")[1] if " per " in unit else None


def _rate_base(quantity: Quantity) -> str:
    """What a rate counts out of its period: "USD" for "USD per year", "" for "per week"."""
    unit = f" {quantity.unit}" if quantity.unit else ""
    return unit.split(" per ")[0].strip()


def _bare_year(quantity: Quantity) -> bool:
    return (
        quantity.kind == "count"
        and quantity.unit is None
        and quantity.text.isdigit()
        and 1800 <= quantity.value <= 2100
        and quantity.noun not in PEOPLE  # "2024 men" counts men
    )


def _base(unit: str) -> str:
    return unit.split(" per ")[0]


def _is_bare_hour(claim: Quantity, source: Quantity) -> bool:
    """ "let's make it 7" supports "7 pm": a bare hour in the source, the claim adds am/pm; so
    does "I thought we said 7:30" for "7:30 pm", a clock time with no am/pm said."""
    hour, minutes = divmod(claim.value, 60)
    if source.kind == "time" and source.unit == "clock" and not MERIDIEM.search(source.text):
        return claim.unit == "clock" and source.value < 780 and source.value + 720 == claim.value
    return (
        source.kind == "count"
        and source.unit is None
        and minutes == 0
        and (source.value in (hour, hour - 12))
    )


MERIDIEM = re.compile(r"[ap]\.?\s?m\b\.?|\b(?:noon|midnight)\b", re.I)


DEGREES = frozenset({"deg", "degC", "degF"})
DOLLARS = frozenset({"USD", "CAD", "AUD", "SGD", "TWD", "NZD", "HKD"})


def _units_fit(claim: Quantity, source: Quantity) -> bool:
    if claim.unit is None or source.unit is None:
        # A bare claim number may drop the source's unit ("spent 400,000"), but a counted noun
        # cannot be a percentage, an amount of money or a measure ("460 troops" vs 460 sq mi).
        if claim.unit is None and source.unit is not None:
            return claim.noun is None or source.kind in COUNT_KINDS
        if source.unit is None and claim.unit is not None:
            if claim.kind == "percent" and (claim.approx in UPWARD or claim.approx in DOWNWARD):
                return False  # "shot below 35%" is no bound on the source's "scored 24"
            return source.noun is None or claim.kind == "money" or claim.unit == "age"
        return True
    if claim.unit == source.unit:
        return True
    if {claim.unit, source.unit} <= DOLLARS and "USD" in (claim.unit, source.unit):
        return True  # "$200" may write "C$200": "$" is every dollar's sign
    if "deg" in (claim.unit, source.unit) and {claim.unit, source.unit} <= DEGREES:
        return True  # "65 degrees" names no scale: it may restate 64.94F or 18C as written
    if _base(claim.unit) == _base(source.unit):
        return " per " not in claim.unit  # "$499" restates "$499/month"; "£600m a year" not £600m
    if {claim.unit, source.unit} <= {"%", "pp"}:
        return True
    if claim.unit == "age" or source.unit == "age":
        return {claim.unit, source.unit} <= {"age", "year"}
    return unit_dimension(claim.unit) is not None and (
        unit_dimension(claim.unit) == unit_dimension(source.unit)
    )


def nouns_fit(claim: Quantity, source: Quantity, sentence: str) -> bool:
    """False when the two numbers plainly count different things ("two men" vs "two women")."""
    if claim.noun is None or source.noun is None or claim.noun == source.noun:
        return True
    if OPPOSITES.get(claim.noun) == source.noun:
        return False
    people = PEOPLE | STAND_FOR_PEOPLE
    if claim.noun in people and source.noun in people:
        return True
    if frozenset({claim.noun, source.noun}) in SYNONYMS:
        return True
    # The claim's noun may sit elsewhere in the source sentence ("460 of the troops").
    return claim.noun[:5] in sentence.lower()


def noun_follows(
    noun: str, sentence: str, source: Quantity, beside: Sequence[Quantity] = ()
) -> bool:
    """Whether the noun (by its first five letters) is among the four words after the number,
    before any next number: in "360,000 hospitalizations and 21,000 deaths" the deaths are the
    21,000's."""
    stop = min((other.start for other in beside if other.start >= source.end), default=None)
    following = " ".join(sentence[source.end : stop].split()[:4]).lower()
    return noun[:5] in following


NOUN_REACH = 60  # characters: a rival count of the claim's noun stands this close at most


def noun_counted_by_other(
    claim: Quantity, source: Quantity, beside: list[Quantity], sentence: str
) -> bool:
    """ "About 50 fire engines" against "Eight fire engines and about 50 firefighters": the
    claim's noun is counted by another number close by, the matched one counts others."""
    if claim.noun is None or source.noun is None or claim.noun == source.noun:
        return False
    if noun_follows(claim.noun, sentence, source, beside):
        return False  # "2,990 Vievu-brand LE-5 cameras": the noun comes after a modifier
    people = PEOPLE | STAND_FOR_PEOPLE
    if frozenset({claim.noun, source.noun}) in SYNONYMS or (
        claim.noun in people and source.noun in people
    ):
        return False
    return any(
        other is not source
        and other.noun == claim.noun
        and other.kind == source.kind  # "8.2-mile Crestline" counts no Crestline contracts
        and not same_number(claim, other)
        and abs(other.start - source.start) <= NOUN_REACH
        for other in beside
    )


def nouns_clash(claim: Quantity, source: Quantity) -> bool:
    """ "2,500 women" against "2,500 men": nouns that name opposite things."""
    return claim.noun is not None and OPPOSITES.get(claim.noun) == source.noun


def relate_values(claim: Quantity, source: Quantity) -> Relation | None:
    """Exact, rounded or converted when the values agree (units already known to fit)."""
    if claim.kind == "time" and _is_bare_hour(claim, source):
        return "exact"
    source_value = _source_value_in_claim_unit(claim, source)
    if source_value is None:
        return None
    converted = (
        source.unit is not None
        and claim.unit is not None
        and source.unit != claim.unit
        and unit_dimension(claim.unit) is not None
    )
    # a point is no range: "5%" does not restate "5-12%" (only "at least 5%" does, below)
    point = claim.low is None and source.low is None
    if _same_bounds(claim, source) or (point and _equal(claim.value, source_value)):
        if converted and not _equal(claim.value, source.value):
            return "converted"
        return "exact" if _hedges_agree(claim, source) else None
    if claim.low is not None and source.low is None:
        return _relate_range(claim, source_value)
    if source.low is not None and claim.low is None:
        # "up to 12%" is the top of "5-12%", "at least 5%" its bottom
        top = source.high if source.high is not None else source.low
        if (claim.approx in UP_TO and _equal(claim.value, top)) or (
            claim.approx in AT_LEAST and _equal(claim.value, source.low)
        ):
            return "rounded"
        # "millions" or "dozens" in the source backs only a hedged claim, not "£10m" or "24".
        inside = source.low <= claim.value <= (source.high or source.low)
        if inside and _rounds_an_end(claim, source, top):
            return "rounded"
        return "rounded" if inside and claim.approx in AROUND else None
    if claim.low is not None:
        return None
    if source.approx is not None and not converted:
        # A hedged source value is already a rounding: "over 100" is not "over 80", and
        # "approximately $7.50" is not "approximately $7.60". Only a plain rounding may restate it.
        plain = claim.model_copy(update={"approx": None})
        if _just_below(claim, source, source_value) or _bound_loosened(claim, source, source_value):
            return "rounded"
        same_way = claim.approx is None or claim.approx in AROUND or _hedges_agree(claim, source)
        # A bound is cut nowhere: "not more than 12.50 euros" is no "maximum of 12 euros".
        bound = source.approx in UPWARD or source.approx in DOWNWARD
        return "rounded" if same_way and covers(plain, source_value, truncate=not bound) else None
    if not covers(claim, source_value, loose=converted):
        return None
    return "converted" if converted else "rounded"


def _rounds_an_end(claim: Quantity, source: Quantity, top: float) -> bool:
    """ "IRS gave out $12B" for "between $11.6 billion and $13.6 billion": a plain figure written
    coarser than the range rounds one of its ends, as a headline does. "5%" for "5-12%", written
    as finely as the range, states a point the source does not."""
    if claim.approx is not None or source.vague or source.low is None:
        return False
    if claim.precision is None or source.precision is None or claim.precision <= source.precision:
        return False
    return any(covers(claim, end) for end in (source.low, top))


def _just_below(claim: Quantity, source: Quantity, source_value: float) -> bool:
    """ "almost 70 years" is 69 years as a whole number: the one just below is a fair reading."""
    whole = source_value == int(source_value) and source_value >= 10
    return (
        source.approx in JUST_BELOW
        and claim.approx is None
        and whole
        and claim.value == source_value - 1
    )


# a claim's bound that only loosens the source's: "more than 400,000" for "more than 410,000"
LOWER_BOUNDS = frozenset(
    {
        "more than",
        "over",
        "above",
        "at least",
        "upwards of",
        "in excess of",
        "no fewer than",
        "not less than",
        "not fewer than",
    }
)
UPPER_BOUNDS = frozenset(
    {
        "less than",
        "fewer than",
        "under",
        "below",
        "up to",
        "at most",
        "no more than",
        "not more than",
    }
)
LOOSENED = 0.9  # the loosened bound keeps at least this share of the source's


def _bound_loosened(claim: Quantity, source: Quantity, source_value: float) -> bool:
    """A bound the source's bound implies, written at the claim's coarser place: "more than
    2,000" for "more than 2,100", "fewer than 3,000" for "fewer than 2,950"; never "over 80"
    for "over 100", nor "below $30 billion" for a target "below $25 billion"."""
    if claim.precision is None or source_value <= 0:
        return False
    step = claim.precision
    if claim.approx in LOWER_BOUNDS and source.approx in UPWARD:
        cut = math.floor(source_value / step + 1e-9) * step
        return _equal(cut, claim.value) and claim.value >= LOOSENED * source_value
    if claim.approx in UPPER_BOUNDS and source.approx in DOWNWARD:
        cut = math.ceil(source_value / step - 1e-9) * step
        return _equal(cut, claim.value) and LOOSENED * claim.value <= source_value
    return False


def _relate_range(claim: Quantity, source_value: float) -> Relation | None:
    low, high = claim.low or claim.value, claim.high or claim.value
    spans_years = claim.kind == "date" and claim.unit == "year"  # "the 1890s" holds 1893
    if (claim.vague or spans_years) and low <= source_value <= high:
        return "rounded"
    return None


def _source_value_in_claim_unit(claim: Quantity, source: Quantity) -> float | None:
    if claim.unit and source.unit and claim.unit != source.unit and unit_dimension(claim.unit):
        return convert(source.value, source.unit, claim.unit)
    return source.value


def covers(
    claim: Quantity, source_value: float, *, loose: bool = False, truncate: bool = True
) -> bool:
    """Whether the claim, at its own precision and hedge, is a fair rounding of the source value.

    A plain claim rounds at the place of its last written digit ("20%" does not round 19%, "$100
    million" does not round $101 million); a hedge or a unit conversion allows the looser place of
    its last non-zero digit ("about 20%" for 19%, "about 1,000 km" for 620 miles).
    """
    value = claim.value
    if value == 0:
        return source_value == 0
    hedge = claim.approx or ""
    precision = (claim.precision or 1.0) if hedge or loose else written_precision(claim)
    if hedge in AT_LEAST:
        # "at least 14 dead" reports a count of 14 that may rise: 16 is a different report.
        high = min(1.25 * value, value + precision)
        return value <= source_value < high or _equal(source_value, value)
    if hedge in UPWARD:
        high = max(1.25 * value, min(1.5 * value, value + precision))
        return value <= source_value <= high + 1e-9 * abs(value)
    if hedge in DOWNWARD:
        # "up to 20 inches" names the most there will be, as "nearly" does: 15 is not it
        floor = 0.9 if hedge in NEARLY or hedge in UP_TO else 0.67
        return value * floor <= source_value <= value
    relative = abs(source_value - value) / abs(value)
    if hedge in AROUND:
        return relative <= 0.05 or (relative <= 0.15 and abs(source_value - value) <= precision / 2)
    rounded = math.floor(source_value / precision + 0.5 + 1e-9) * precision
    truncated = int(source_value / precision + 1e-9) * precision
    may_truncate = truncate and _may_truncate(claim) and not loose
    return relative <= _rounding_cap(value, precision) and (
        _equal(rounded, value) or (may_truncate and _equal(truncated, value))
    )


AT_LEAST = frozenset({"at least", "no fewer than", "not fewer than", "not less than"})
UP_TO = frozenset({"up to", "as many as", "as much as", "at most"})
NEARLY = frozenset({"nearly", "almost", "just under", "just shy of", "a little under"})
DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def written_precision(quantity: Quantity) -> float:
    """The place of the last digit as written, trailing zeros included: "8,000" -> 1, "2K" -> 1000.

    `Quantity.precision` takes trailing zeros as rounding ("8,000" -> 1000), which is right for a
    hedged number; a plain "20%" or "$1000" states its units digit.
    """
    precision = quantity.precision or 1.0
    match = DIGITS.search(quantity.text)
    if match is None or "." in match.group():
        return precision
    digits = match.group().replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0 or digits.strip("0") == "":
        return precision
    return max(precision / float(10**zeros), min(precision, 1.0))


def _may_truncate(claim: Quantity) -> bool:
    """Headlines cut, not round: "$16K" for $16,600, "68" for 68.73, but never "$3 billion" for
    $3.515 billion or "11,200" for 11,250: the claim keeps two digits and ends in a non-zero one.
    """
    match = DIGITS.search(claim.text)
    if match is None or "." in match.group():
        return False
    digits = match.group().replace(",", "")
    return len(digits) >= 2 and digits[-1] != "0"


def _rounding_cap(value: float, precision: float) -> float:
    """How far a plain claim may sit from the source value it rounds.

    One significant digit of a large number ("2K miles" for 2,300, "$1B" for $1.1 billion) is a
    writer's deliberate rounding; otherwise a claim that moved more than 5% changed the number.
    """
    return 0.25 if abs(value) >= 1000 and abs(value) / precision < 10 else 0.05


def _hedges_agree(claim: Quantity, source: Quantity) -> bool:
    """ "fewer than 100" does not restate "over 100"."""
    if claim.approx in UPWARD:
        return source.approx not in DOWNWARD
    if claim.approx in DOWNWARD:
        return source.approx not in UPWARD
    return True


def _same_bounds(claim: Quantity, source: Quantity) -> bool:
    return (
        claim.low is not None
        and source.low is not None
        and _equal(claim.low, source.low)
        and _equal(claim.high or 0.0, source.high or 0.0)
    )


def _equal(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def same_number(claim: Quantity, source: Quantity) -> bool:
    """The same value, to floating-point noise."""
    return abs(claim.value - source.value) <= 1e-9 * max(1.0, abs(claim.value))
