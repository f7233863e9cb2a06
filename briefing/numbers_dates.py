"""Dates and times as quantities: "June 26th", "26 June", "Thursday", "in August", "1:34 PM", "Q3".

They are kept apart from counts (kind "date" or "time", units "month-day", "month", "weekday",
"clock", "quarter", "half-year") so that a year or a day of the month is never matched against a
troop count.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from briefing.numbers_words import ALL_ORDINALS, ORDINALS, TENS, UNITS, Token, low_at
from briefing.schema import Quantity

MONTHS: dict[str, int] = {
    name: n
    for n, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
# German sources are read too ("2,5 Milliarden", "im Oktober", "am Mittwoch")
MONTHS.update(
    {
        name: n
        for n, name in enumerate(
            [
                "januar",
                "februar",
                "märz",
                "april",
                "mai",
                "juni",
                "juli",
                "august",
                "september",
                "oktober",
                "november",
                "dezember",
            ],
            1,
        )
    }
)
MONTHS["maerz"] = 3
GERMAN_ONLY_MONTHS = frozenset(
    {"januar", "februar", "märz", "maerz", "mai", "juni", "juli", "oktober", "dezember"}
)
MONTH_ABBREVIATIONS: dict[str, int] = {
    name: n
    for n, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
MONTH_ABBREVIATIONS["sept"] = 9
WEEKDAYS: dict[str, int] = {
    name: n
    for n, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
WEEKDAYS.update(
    {
        name: n
        for n, name in enumerate(
            ["montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"]
        )
    }
)
WEEKDAYS["sonnabend"] = WEEKDAYS["samstag"]
# "Thank God it's Friday": a chat's way of saying which day it is.
WEEKDAY_PHRASES: dict[str, int] = {"tgif": WEEKDAYS["friday"]}
# Words before "May" or "March" that make it a month rather than a verb.
MONTH_LEADS = frozenset(
    {
        "starting",
        "beginning",
        "ending",
        "effective",
        "in",
        "on",
        "since",
        "until",
        "till",
        "by",
        "of",
        "early",
        "late",
        "last",
        "next",
        "mid",
        "-",
        "from",
        "through",
        "before",
        "after",
        "during",
        "this",
        "between",
        "and",
    }
)
DAY_SUFFIX = frozenset({"st", "nd", "rd", "th"})
QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
CLOCK_RE = re.compile(r"\d{1,2}")


class DatePart(NamedTuple):
    value: float
    unit: str
    kind: str  # "date" or "time"
    end: int  # index of the token after it
    precision: float = 1.0


def parse_date_like(tokens: list[Token], i: int) -> DatePart | None:
    """Read a date, weekday, month, clock time or fiscal period starting at token i."""
    for parse in (
        _parse_clock,
        _parse_month_day,
        _parse_day_month,
        _parse_quarter_ended,
        _parse_quarter,
        _parse_named,
    ):
        found = parse(tokens, i)
        if found is not None:
            return found
    return None


def _parse_month_day(tokens: list[Token], i: int) -> DatePart | None:
    month = _month(tokens, i)
    j = i + 1
    if month and j < len(tokens) and tokens[j].text == ".":
        j += 1
    day = _day(tokens, j)
    if month is None or day is None:
        return None
    return DatePart(month * 100 + day[0], "month-day", "date", day[1])


def _parse_day_month(tokens: list[Token], i: int) -> DatePart | None:
    day = _day(tokens, i)
    if day is None:
        return None
    # "3 of October"; "3. Oktober" as German writes the day, glued dot and all
    glued_dot = (
        low_at(tokens, day[1]) == "."
        and tokens[day[1]].start == tokens[day[1] - 1].end
        and low_at(tokens, day[1] + 1) in GERMAN_ONLY_MONTHS
    )
    j = day[1] + 1 if low_at(tokens, day[1]) == "of" or glued_dot else day[1]
    month = _month(tokens, j)
    if month is None:
        return None
    return DatePart(month * 100 + day[0], "month-day", "date", j + 1)


def _parse_named(tokens: list[Token], i: int) -> DatePart | None:
    word = tokens[i].low
    day = _weekday(word)
    if day is not None:
        end = i + 2 if low_at(tokens, i + 1) == "s" else i + 1  # "Thursday 's" in tokenized text
        return DatePart(day, "weekday", "date", end)
    if word in MONTHS and tokens[i].text[0].isupper() and _is_month_here(tokens, i):
        return DatePart(MONTHS[word], "month", "date", i + 1)
    return None


def _weekday(word: str) -> int | None:
    """ "sunday", "Sunday's" (one token with its possessive), "TGIF"."""
    for possessive in ("'s", "\u2019s"):
        word = word.removesuffix(possessive)
    return WEEKDAYS.get(word, WEEKDAY_PHRASES.get(word))


def _is_month_here(tokens: list[Token], i: int) -> bool:
    if tokens[i].low not in ("may", "march"):
        return True
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if low_at(tokens, i - 1) in MONTH_LEADS or (after is not None and after.is_digits):
        return True
    # "at the March meeting", "the May figures": a month before a common noun
    noun = after is not None and after.text.islower() and after.low not in FUNCTION_WORDS
    return low_at(tokens, i - 1) == "the" and noun


# "the March on Washington", "the May of old": no month before these
FUNCTION_WORDS = frozenset(
    {"on", "of", "to", "in", "for", "at", "and", "or", "is", "was", "were", "are", "had", "has"}
)


def _parse_clock(tokens: list[Token], i: int) -> DatePart | None:
    hour_word = UNITS.get(tokens[i].low)
    if hour_word is not None and 1 <= hour_word <= 12:  # "nine a.m.", "eleven pm"
        half = _meridiem(tokens, i + 1)
        if half is None:
            return None
        return DatePart(
            (hour_word % 12 + (12 if half[0] == "pm" else 0)) * 60, "clock", "time", half[1]
        )
    if not tokens[i].is_digits or not CLOCK_RE.fullmatch(tokens[i].text):
        return None
    hours, minutes, j = int(tokens[i].text), 0, i + 1
    glued = j + 1 < len(tokens) and _adjacent(tokens, i, j + 1)
    if low_at(tokens, j) in (":", ".") and glued and re.fullmatch(r"\d\d", tokens[j + 1].text):
        minutes, j = int(tokens[j + 1].text), j + 2
    half = _meridiem(tokens, j)
    if half is None and j == i + 1:
        return None
    if half is not None:
        hours, j = hours % 12 + (12 if half[0] == "pm" else 0), half[1]
    if hours > 24 or minutes > 59 or (half is None and tokens[i + 1].text != ":"):
        return None
    return DatePart(hours * 60 + minutes, "clock", "time", j)


def _meridiem(tokens: list[Token], j: int) -> tuple[str, int] | None:
    word = low_at(tokens, j)
    if word in ("am", "pm"):
        return word, j + 1
    if word in ("a", "p") and low_at(tokens, j + 1) == "." and low_at(tokens, j + 2) == "m":
        return word + "m", j + 4 if low_at(tokens, j + 3) == "." else j + 3
    return None


def _parse_quarter_ended(tokens: list[Token], i: int) -> DatePart | None:
    """ "the quarter ended Sept. 30", "the three months to June", "the September quarter": a
    calendar quarter by its end."""
    named = _month(tokens, i)
    if named is not None and named % 3 == 0 and low_at(tokens, i + 1) == "quarter":
        return DatePart(named // 3, "quarter", "date", i + 2)
    if tokens[i].low == "quarter":
        j = i + 1
    elif (tokens[i].low, low_at(tokens, i + 1)) in (("three", "months"), ("3", "months")):
        j = i + 2
    else:
        return None
    if low_at(tokens, j) not in ("ended", "ending", "to", "through", "thru"):
        return None
    month = _month(tokens, j + 1)
    if month is None or month % 3:
        return None
    end = j + 2
    if low_at(tokens, end) == ".":
        end += 1
    day = _day(tokens, end)
    return DatePart(month // 3, "quarter", "date", day[1] if day else end)


def _parse_quarter(tokens: list[Token], i: int) -> DatePart | None:
    word = tokens[i].low
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if (
        word in ("q", "h")
        and nxt is not None
        and nxt.text in ("1", "2", "3", "4")
        and _adjacent(tokens, i, i + 1)
    ):
        return DatePart(int(nxt.text), "quarter" if word == "q" else "half-year", "date", i + 2)
    if (
        tokens[i].text in ("1", "2", "3", "4")
        and nxt is not None
        and nxt.low in ("q", "h")
        and _adjacent(tokens, i, i + 1)
        and not (
            i + 2 < len(tokens) and tokens[i + 2].is_digits and _adjacent(tokens, i + 1, i + 2)
        )
    ):  # "4Q", "1H" (but "2h25" is two hours 25)
        return DatePart(
            int(tokens[i].text), "quarter" if nxt.low == "q" else "half-year", "date", i + 2
        )
    number = QUARTER_ORDINALS.get(word) or ORDINALS.get(word)
    if number is None and tokens[i].text.isdigit() and low_at(tokens, i + 1) in DAY_SUFFIX:
        number, i = int(tokens[i].text), i + 1
    j = i + 2 if low_at(tokens, i + 1) == "-" else i + 1
    if number is not None and number <= 4 and low_at(tokens, j) == "quarter":
        return DatePart(number, "quarter", "date", j + 1)
    if number in (1, 2) and low_at(tokens, j) == "half" and _half_of_a_year(tokens, j + 1):
        return DatePart(number, "half-year", "date", j + 1)  # "the first half of the year": H1
    return None


# "first-half profit", "second-half sales": a half-year of accounts, not of a match
HALF_YEAR_NOUNS = frozenset(
    {"profit", "profits", "revenue", "revenues", "sales", "earnings", "results", "loss", "losses"}
)
OF_A_YEAR = frozenset({"year", "fiscal", "financial", "calendar"})


def _half_of_a_year(tokens: list[Token], k: int) -> bool:
    """Whether "first half" at k is a half-year: "of the year", "of 2024", "of its fiscal year",
    or before an accounts noun ("first-half profit")."""
    if low_at(tokens, k) in HALF_YEAR_NOUNS:
        return True
    if low_at(tokens, k) != "of":
        return False
    k += 1
    if low_at(tokens, k) in ("the", "its", "this", "last", "next", "their"):
        k += 1
    word = low_at(tokens, k)
    return word in OF_A_YEAR or (word is not None and len(word) == 4 and word.isdigit())


def _month(tokens: list[Token], i: int) -> int | None:
    word = low_at(tokens, i)
    return MONTHS.get(word) or MONTH_ABBREVIATIONS.get(word)


DAY_WORDS = ALL_ORDINALS


def _day_word(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """ "tenth", "twenty-first", "thirty first": a day said as an ordinal word."""
    word = low_at(tokens, i)
    if word in DAY_WORDS and DAY_WORDS[word] <= 31:
        return DAY_WORDS[word], i + 1
    if word in ("twenty", "thirty"):
        j = i + 2 if low_at(tokens, i + 1) == "-" else i + 1
        unit = DAY_WORDS.get(low_at(tokens, j))
        if unit is not None and unit <= 9 and TENS[word] + unit <= 31:
            return TENS[word] + unit, j + 1
    return None


def _day(tokens: list[Token], i: int) -> tuple[int, int] | None:
    if i < len(tokens) and tokens[i].text.isalpha():
        return _day_word(tokens, i)
    if i >= len(tokens) or not tokens[i].is_digits or not tokens[i].text.isdigit():
        return None
    day = int(tokens[i].text)
    if not 1 <= day <= 31 or len(tokens[i].text) > 2:
        return None
    end = i + 2 if low_at(tokens, i + 1) in DAY_SUFFIX and _adjacent(tokens, i, i + 1) else i + 1
    return day, end


def _adjacent(tokens: list[Token], i: int, j: int) -> bool:
    return tokens[j - 1].end == tokens[j].start and j > i


# "8 or 9pm", "from 9 to 11am": a bare hour before a time shares its half of the day
HOUR_BEFORE_TIME = re.compile(r"\s*(?:or|and|to|until|till|[-\u2013])\s*$", re.I)
MERIDIEM_IN = re.compile(r"(?:[ap]\.?\s*m\.?)\s*$", re.I)


def shared_meridiem(text: str, found: list[Quantity]) -> list[Quantity]:
    """A bare hour written before a time with "am"/"pm" ("8 or 9pm") is a time of the same half
    of the day, or of the morning before an afternoon time it is later than ("11 to 1pm")."""
    result = list(found)
    for k, (hour, time) in enumerate(itertools.pairwise(found)):
        bare = hour.kind == "count" and hour.unit is None and hour.low is None
        if not bare or time.kind != "time" or time.unit != "clock":
            continue
        if not (hour.value == int(hour.value) and 1 <= hour.value <= 12):
            continue
        if not MERIDIEM_IN.search(time.text) or not HOUR_BEFORE_TIME.fullmatch(
            text[hour.end : time.start]
        ):
            continue
        afternoon = time.value >= 12 * 60
        later_hour = hour.value % 12 > (time.value // 60) % 12
        pm = afternoon and not later_hour
        minutes = (hour.value % 12 + (12 if pm else 0)) * 60
        result[k] = hour.model_copy(
            update={"value": minutes, "unit": "clock", "kind": "time", "noun": None}
        )
    return result
