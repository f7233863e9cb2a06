"""The words around a number: hedges before it, currency, percent, units and rates after it, and the
noun it counts.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from briefing.numbers_nouns import POINT_IN_TIME, RATE_LEADS, RATE_PERIODS
from briefing.numbers_words import Token, low_at, parse_fraction_tail
from briefing.schema import QuantityKind
from briefing.units import CURRENCY_PREFIXES, CURRENCY_WORDS, QUALIFIED_CURRENCIES, UNIT_WORDS

# Verbs that say a total went past a milestone ("tops 50K"): a lower bound; "passed 5 of 6
# tests" and "passed 218-212" are no milestones.
PASSING = frozenset(
    {"tops", "topped", "passes", "passed", "crosses", "crossed", "surpasses", "surpassed"}
)
# Longest first, so "more than" wins over "more".
APPROX_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(phrase.split())
            for phrase in (
                "about",
                "approximately",
                "approx",
                "around",
                "roughly",
                "nearly",
                "almost",
                "some",
                "circa",
                "estimated",
                "an estimated",
                "close to",
                "just over",
                "just under",
                "more than",
                "over",
                "less than",
                "fewer than",
                "under",
                "at least",
                "at most",
                "up to",
                "as many as",
                "as much as",
                "upwards of",
                "no more than",
                "not more than",
                "not less than",
                "not fewer than",
                "no fewer than",
                "in excess of",
                "above",
                "below",
                "exceed",
                "exceeds",
                "exceeding",
                "surpass",
                "exceeded",
                *PASSING,
                "between",
                "almost exactly",
                "well over",
                "just shy of",
                "a little over",
                "a little under",
                "~",
                "<",
                ">",
            )
        ),
        key=len,
        reverse=True,
    )
)
# Single letters are units only right after the number ("5g", "24h"); "m" also after a space,
# since tokenized text writes "46 m well" (million is read before units, so "$ 7 m" stays money).
APPROX_FIRST_WORDS = frozenset(phrase[0] for phrase in APPROX_PHRASES)
# Phrases by first word, longest first as in APPROX_PHRASES: a lookup, not a scan of them all.
APPROX_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(phrase for phrase in APPROX_PHRASES if phrase[0] == first)
    for first in APPROX_FIRST_WORDS
}
# Verbs after which "up to" is a move that reached the number, not a bound on it.
MOVED_UP = frozenset({
    "ticked", "tick", "ticks", "went", "go", "goes", "gone", "moved", "move", "moves", "shot",
    "crept", "creeps", "edged", "edges", "inched", "climbed", "jumped", "ramped", "revised",
    "revises", "pushed", "bumped", "rounded", "rounds", "stepped", "marked", "notched", "bid",
    "drifted",
})  # fmt: skip
SINGLE_LETTER_UNITS = frozenset({"g", "t", "l", "h", "p"})
SPEEDS = {("km", "per h"): "km/h", ("mi", "per h"): "mph", ("m", "per s"): "m/s"}


class Suffix(NamedTuple):
    unit: str | None
    kind: QuantityKind
    factor: float
    end: int


def parse_approx(tokens: list[Token], i: int) -> tuple[str | None, int]:
    """A hedge or bound before a number ("about", "more than", "up to"), and the index after it."""
    if i >= len(tokens) or tokens[i].low not in APPROX_FIRST_WORDS:
        return None, i
    for phrase in APPROX_BY_FIRST[tokens[i].low]:
        words = tuple(low_at(tokens, i + k) for k in range(len(phrase)))
        after = i + len(phrase)
        if words != phrase:
            continue
        if phrase == ("up", "to") and i > 0 and tokens[i - 1].low in MOVED_UP:
            return None, i  # "ticked up to 4.1%" reached 4.1%; it is no bound
        if phrase[0] in PASSING and not _milestone(tokens, after):
            return None, i  # "passed 218-212", "passed 5 of 6 tests": no bound
        if phrase == ("over",) and _spread_over(tokens, i):
            return None, i  # "320 kilometres over six days": the span it took, no bound
        bound = phrase in (("up", "to"), ("at", "least"))
        if bound and low_at(tokens, after) in ("a", "an") and after + 1 < len(tokens):
            nxt = tokens[after + 1]
            year = re.fullmatch(r"(?:1[89]|20)\d\d", nxt.text) is not None
            if nxt.is_digits and not year:  # "up to a 12% lower risk", not "at least a 2019 car"
                return " ".join(phrase), after + 1
        if _starts_number(tokens, after):
            return " ".join(phrase), after
    return None, i


SPAN_WORDS = frozenset(
    {"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"}
    | {"hour", "hours", "minute", "minutes", "quarter", "quarters", "season", "seasons"}
)


def _spread_over(tokens: list[Token], i: int) -> bool:
    """ "320 kilometres over six days", "$2.3 billion over five years": "over" after an amount
    and before a span is the time the amount is spread over, not "more than"."""
    amount_before = any(
        tokens[k].is_digits or tokens[k].low in UNIT_WORDS or tokens[k].low in ("%", "percent")
        for k in range(max(0, i - 3), i)
    )
    span_after = any(low_at(tokens, k) in SPAN_WORDS for k in range(i + 2, i + 4))
    return amount_before and span_after


def _milestone(tokens: list[Token], i: int) -> bool:
    """A big round figure a total goes past ("passes 50K", "crossed 1 million"); not a tally."""
    if low_at(tokens, i) in CURRENCY_PREFIXES:
        i += 1  # "topped $1 billion"
    if low_at(tokens, i + 1) in ("-", "\u2013", "to", "and", "of"):
        return False
    text = tokens[i].low if i < len(tokens) else ""
    scaled = low_at(tokens, i + 1) in ("thousand", "million", "billion", "trillion", "k", "m", "bn")
    return (
        scaled
        or re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d{4,}|\d+(?:\.\d+)?(?:k|m|bn)", text) is not None
    )


def _starts_number(tokens: list[Token], i: int) -> bool:
    if i >= len(tokens):
        return False
    token = tokens[i]
    return token.is_digits or token.low in CURRENCY_PREFIXES or token.text[0].isalpha()


def parse_currency_prefix(tokens: list[Token], i: int) -> tuple[str | None, int]:
    """A currency sign or code before a number ("$", "US$", "£", "USD"), and the index after."""
    if i >= len(tokens):
        return None, i
    token = tokens[i]
    pair = token.low + low_at(tokens, i + 1)
    if (
        pair in CURRENCY_PREFIXES
        and len(pair) > 1
        and tokens[i + 1].start == token.end
        and _is_digit_at(tokens, i + 2)
    ):
        return CURRENCY_PREFIXES[pair], i + 2
    if token.low in CURRENCY_PREFIXES and (
        len(token.low) == 1 or token.text.isupper() or token.low == "rs"
    ):
        j = i + 2 if low_at(tokens, i + 1) == "." and token.low == "rs" else i + 1
        if _is_digit_at(tokens, j) or (token.low != "#" and _is_word_number_at(tokens, j)):
            return CURRENCY_PREFIXES[token.low], j
    return None, i


def _is_digit_at(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].is_digits


def _is_word_number_at(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].is_word


# money words that may follow a number with a hyphen; "a 10-pound bag" weighs, so no pounds
HYPHENED_MONEY = frozenset({"cent", "pence", "penny", "dollar", "euro", "yen"})


def parse_suffix(tokens: list[Token], i: int, *, has_currency: bool) -> Suffix | None:
    """Percent, currency word, unit or ordinal suffix after a number, with any rate ("per day")."""
    found = _parse_unit_word(tokens, i)
    if found is None:
        return _parse_rate(tokens, i, None, "money" if has_currency else "count", 1.0)
    rate = _parse_rate(tokens, found.end, found.unit, found.kind, found.factor)
    return rate or found


def is_glued_scale(tokens: list[Token], i: int) -> bool:
    """ "18.3C", "64.94F": a capital C or F glued to a number, and nothing glued after it."""
    glued_on = i + 1 < len(tokens) and tokens[i + 1].start == tokens[i].end
    return tokens[i].text in ("C", "F") and not (glued_on and tokens[i + 1].text.isalnum())


def _parse_unit_word(tokens: list[Token], i: int) -> Suffix | None:
    if i >= len(tokens):
        return None
    token = tokens[i]
    tight = i > 0 and tokens[i - 1].end == token.start
    if token.low in ("st", "nd", "rd", "th") and tight:
        return Suffix(None, "ordinal", 1.0, i + 1)
    if tight and is_glued_scale(tokens, i):
        return Suffix("degC" if token.text == "C" else "degF", "measure", 1.0, i + 1)
    percent = _parse_percent(tokens, i)
    if percent is not None:
        return percent
    age = _parse_age(tokens, i)
    if age is not None:
        return age
    qualified = QUALIFIED_CURRENCIES.get((token.low, low_at(tokens, i + 1) or ""))
    if qualified is not None:
        return Suffix(qualified, "money", 1.0, i + 2)  # "5.6 billion Swiss francs"
    if token.low in CURRENCY_WORDS and not (token.low == "p" and not tight):
        code, factor = CURRENCY_WORDS[token.low]
        return Suffix(code, "money", factor, i + 1)
    if token.text in ("USD", "EUR", "GBP"):
        return Suffix(token.text, "money", 1.0, i + 1)
    coin = low_at(tokens, i + 1)
    if token.low == "-" and tight and coin in HYPHENED_MONEY:  # "a 12-cent rise", "a 5-euro note"
        code, factor = CURRENCY_WORDS[coin]
        return Suffix(code, "money", factor, i + 2)
    j = i + 1 if token.low == "-" and tight else i  # "10-year", "100-mile"
    return _parse_measure(tokens, j, tight=tight or j > i)


def _parse_percent(tokens: list[Token], i: int) -> Suffix | None:
    word, nxt = tokens[i].low, low_at(tokens, i + 1)
    if word in ("%", "percent", "pct", "prozent") or (word == "per" and nxt == "cent"):
        end = i + 2 if word == "per" else i + 1
        return Suffix("%", "percent", 1.0, end)
    if word == "percentage" and nxt in ("point", "points"):
        return Suffix("pp", "percent", 1.0, i + 2)
    if word == "pp" or (word == "basis" and nxt in ("point", "points")) or word == "bps":
        factor = 1.0 if word == "pp" else 0.01
        return Suffix("pp", "percent", factor, i + 1 if word in ("pp", "bps") else i + 2)
    return None


def _parse_age(tokens: list[Token], i: int) -> Suffix | None:
    """ "23-year-old", "23 - year - old", "23 years old"."""
    j = i + 1 if tokens[i].low == "-" else i
    if low_at(tokens, j) not in ("year", "years", "yr"):
        return None
    k = j + 2 if low_at(tokens, j + 1) == "-" else j + 1
    if low_at(tokens, k) == "old":
        return Suffix("age", "other", 1.0, k + 1)
    return None


def _parse_measure(tokens: list[Token], i: int, *, tight: bool) -> Suffix | None:
    for size in (3, 2, 1):
        words = [low_at(tokens, i + k) for k in range(size)]
        if "" in words:
            continue
        glued = (
            "".join(words)
            if all(tokens[i + k].start == tokens[i + k - 1].end for k in range(1, size))
            else " ".join(words)
        )
        unit = UNIT_WORDS.get(glued) or UNIT_WORDS.get(" ".join(words))
        if unit is None:
            continue
        if size == 1 and words[0] == "s" and not (tight and "." in tokens[i - 1].text):
            continue  # "1990s" is a decade, "5 s" too rare to risk; "9.58s" is a time
        if size == 1 and words[0] in SINGLE_LETTER_UNITS | {"in", "mi", "st"} and not tight:
            continue
        return Suffix(unit.name, unit.kind, 1.0, i + size)
    if low_at(tokens, i) == "degrees" or low_at(tokens, i) == "°":
        scale = low_at(tokens, i + 1)
        degrees = {"c": "degC", "celsius": "degC", "f": "degF", "fahrenheit": "degF"}.get(scale)
        return Suffix(degrees or "deg", "measure", 1.0, i + 2 if degrees else i + 1)
    return None


def _parse_rate(
    tokens: list[Token], i: int, unit: str | None, kind: QuantityKind, factor: float
) -> Suffix | None:
    if low_at(tokens, i) not in RATE_LEADS or low_at(tokens, i + 1) not in RATE_PERIODS:
        return None
    if low_at(tokens, i) in ("a", "an") and kind not in ("money", "measure", "percent", "duration"):
        return None  # "three a day" is rare; "one a year" reads as a count of years
    after = low_at(tokens, i + 2)
    if after in POINT_IN_TIME and not (after == "before" and low_at(tokens, i + 3).isalpha()):
        return None  # "$10.4bn a year earlier" is a point in time; "per month before tax" a rate
    per = f"per {RATE_PERIODS[low_at(tokens, i + 1)]}"
    if unit is not None and (unit, per) in SPEEDS:
        return Suffix(SPEEDS[unit, per], "measure", factor, i + 2)
    return Suffix(f"{unit} {per}" if unit else per, "rate", factor, i + 2)


LONG_SPANS = frozenset({"decade", "century"})


def parse_hours_minutes(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """ "2h25", "1h30m": hours and minutes written together, in minutes."""
    if i + 2 >= len(tokens) or not tokens[i].text.isdigit() or tokens[i + 1].low != "h":
        return None
    minutes = tokens[i + 2]
    glued = tokens[i].end == tokens[i + 1].start and tokens[i + 1].end == minutes.start
    if not glued or not minutes.text.isdigit() or len(minutes.text) != 2 or int(minutes.text) > 59:
        return None
    end = i + 3
    if end < len(tokens) and tokens[end].low in ("m", "min") and tokens[end].start == minutes.end:
        end += 1
    return int(tokens[i].text) * 60 + int(minutes.text), end


def parse_unit_and_fraction(tokens: list[Token], i: int) -> tuple[float, Suffix] | None:
    """ "a year and a half", "an hour and a quarter", "a mile and a half": one unit and a part;
    "half an hour", "half a percentage point": half of one."""
    point = part_of_a_point(tokens, i)
    if point is not None:
        return point
    if low_at(tokens, i) == "half" and low_at(tokens, i + 1) in ("a", "an"):
        half = UNIT_WORDS.get(low_at(tokens, i + 2))
        return None if half is None else (0.5, Suffix(half.name, half.kind, 1.0, i + 3))
    if (
        low_at(tokens, i) in ("a", "past", "last", "previous")
        and low_at(tokens, i + 1) in LONG_SPANS
    ):
        span = UNIT_WORDS[low_at(tokens, i + 1)]  # "over the past decade", "a century ago"
        tail = parse_fraction_tail(tokens, i + 2)
        whole = 1.0 + (tail[0] if tail else 0.0)
        return whole, Suffix(span.name, span.kind, 1.0, tail[1] if tail else i + 2)
    if low_at(tokens, i) not in ("a", "an"):
        return None
    unit = UNIT_WORDS.get(low_at(tokens, i + 1))
    tail = parse_fraction_tail(tokens, i + 2) if unit is not None else None
    if unit is None or tail is None:
        return None
    return 1.0 + tail[0], Suffix(unit.name, unit.kind, 1.0, tail[1])


POINT_PARTS = {
    ("half", "a"): 0.5,
    ("a", "half"): 0.5,
    ("a", "quarter"): 0.25,
    ("three", "quarters"): 0.75,
}


def part_of_a_point(tokens: list[Token], i: int) -> tuple[float, Suffix] | None:
    """ "half a percentage point", "a quarter (of a) percentage point", "half a point", "a
    quarter-point cut": part of a point, which a rate moves by. A whole "3 points" may be a score;
    a part of one is a rate's."""
    part = POINT_PARTS.get((low_at(tokens, i), low_at(tokens, i + 1)))
    if part is None:
        return None
    j = i + 2
    if (low_at(tokens, j), low_at(tokens, j + 1)) == ("of", "a"):
        j += 2
    elif low_at(tokens, j) == "-" and tokens[j - 1].end == tokens[j].start:
        j += 1
    if (low_at(tokens, j), low_at(tokens, j + 1)) == ("percentage", "point"):
        return part, Suffix("pp", "percent", 1.0, j + 2)
    if low_at(tokens, j) == "point":
        return part, Suffix("pp", "percent", 1.0, j + 1)
    return None
