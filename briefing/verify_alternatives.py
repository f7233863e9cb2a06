"""Second readings of source text that careless writing allows: "7. 5" for 7.5, "twelve fifty"
for 12.50, "a quarter century" for 25 years, "$3 and 50 cents" for $3.50. The index adds them
beside the first readings, so a claim may match either.
"""

from __future__ import annotations

import itertools
import re

from briefing.numbers_words import UNITS, WORD_SCALES
from briefing.schema import Quantity


def read_alternatives(text: str, sentence_id: str, found: list[Quantity]) -> list[Quantity]:
    """Second readings a careless text allows: "7. 5" for 7.5, "twelve fifty" for 12.50."""
    extra: list[Quantity] = []
    for match in re.finditer(r"(?<![\d.,])(\d+)\. (\d{1,2})(?![\d,])", text):
        value = float(f"{match.group(1)}.{match.group(2)}")
        extra.append(
            Quantity(
                text=match.group(),
                start=match.start(),
                end=match.end(),
                value=value,
                precision=10.0 ** -len(match.group(2)),
                sentence_id=sentence_id,
            )
        )
    for first, second in itertools.pairwise(found):
        extra.extend(_read_spoken_pair(text, first, second))
    extra.extend(_read_hundreds_unsaid(text, found))
    extra.extend(read_spoken_years(text, found))
    extra.extend(_read_money_and_cents(text, found))
    extra.extend(_read_century_parts(text, sentence_id))
    extra.extend(read_race_times(text, sentence_id))
    extra.extend(read_compound_spans(text, found))
    return extra


def _is_word(quantity: Quantity) -> bool:
    return quantity.text.replace("-", "").isalpha()


def _read_spoken_pair(text: str, first: Quantity, second: Quantity) -> list[Quantity]:
    """ "twelve fifty" may be 12.50 or 1,250; "nineteen seventy-five" and "twenty nineteen" are
    years, "nineteen oh five" too: speech says four digits as two numbers."""
    gap = text[first.end : second.start]
    if first.text.endswith("-") and not gap:
        gap = " "  # "Twenty-eleven": the hyphen was read with the first word
    if not (_is_word(first) and _is_word(second) and first.value == int(first.value)):
        return []
    whole = first.value * 100 + second.value
    span = {"text": text[first.start : second.end], "start": first.start}
    if gap.lower() == " oh " and 16 <= first.value <= 20 and 1 <= second.value <= 9:
        return [second.model_copy(update={**span, "value": whole, "kind": "date", "unit": "year"})]
    if gap != " " or not (1 <= first.value <= 99 and 10 <= second.value <= 99):
        return []
    readings = [
        second.model_copy(update={**span, "value": value, "precision": precision})
        for value, precision in ((first.value + second.value / 100, 0.01), (whole, 1.0))
    ]
    if 1 <= first.value <= 12 and second.value < 60:  # "two fourteen": 2:14
        readings.append(_clock(second, span, first.value, second.value))
    if 16 <= first.value <= 20:
        readings.append(
            second.model_copy(
                update={**span, "value": whole, "precision": 1.0, "kind": "date", "unit": "year"}
            )
        )
    return readings


UNIT_WORD = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine)\s+$", re.I)
UNIT_VALUES = {word: n for word, n in UNITS.items() if 1 <= n <= 9}


def _read_hundreds_unsaid(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "one twenty-one to one thirteen": 121 and 113 with the hundred left unsaid."""
    extra: list[Quantity] = []
    for second in found:
        if not (
            _is_word(second) and 10 <= second.value <= 99 and second.value == int(second.value)
        ):
            continue
        match = UNIT_WORD.search(text, max(0, second.start - 8), second.start)
        if match is None or any(q.start == match.start(1) for q in found):
            continue  # a unit word read as its own number is paired above
        hours = UNIT_VALUES[match.group(1).lower()]
        span = {"text": text[match.start(1) : second.end], "start": match.start(1)}
        extra.append(
            second.model_copy(
                update={**span, "value": hours * 100 + second.value, "precision": 1.0}
            )
        )
        if second.value < 60:  # "first half was one fifty-eight": 1:58
            extra.append(_clock(second, span, hours, second.value))
    return extra


def _clock(like: Quantity, span: dict[str, object], hours: float, minutes: float) -> Quantity:
    """A time said as hours and minutes ("two fourteen"), read as the m:ss or h:mm it may be."""
    reading = {"value": hours * 60 + minutes, "precision": 1.0, "kind": "time", "unit": "clock"}
    return like.model_copy(update={**span, **reading})


def read_spoken_years(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "December forty-seven": a month followed by a number past 31 names a year (1947); "in
    fifty-eight", said, may too."""
    extra: list[Quantity] = []
    for month, year in itertools.pairwise(found):
        if month.kind != "date" or month.unit != "month" or text[month.end : year.start] != " ":
            continue
        if _is_word(year) and 32 <= year.value <= 99 and year.value == int(year.value):
            span = {"text": text[month.start : year.end], "start": month.start}
            reading = {"value": 1900 + year.value, "kind": "date", "unit": "year"}
            extra.append(year.model_copy(update={**span, **reading, "precision": 1.0}))
    for year in found:
        # "when it launched in fifty-eight": a spoken two-digit number after "in" may be a year
        spoken = _is_word(year) and year.kind == "count" and year.noun is None
        if spoken and 10 <= year.value <= 99 and IN_BEFORE.search(text[: year.start]):
            reading = {"value": 1900 + year.value, "kind": "date", "unit": "year", "precision": 1.0}
            extra.append(year.model_copy(update=reading))
    return extra


IN_BEFORE = re.compile(r"\b(?:in|since|by|from|until)\s+$", re.I)


SPAN_STEPS = {
    ("h", "min"): 60.0,
    ("min", "s"): 60.0,
    ("year", "month"): 12.0,  # "three years and four months" is 40 months
    ("week", "day"): 7.0,
    ("day", "h"): 24.0,
}
SPAN_GAP = re.compile(r"\s*(?:,|and)?\s*", re.I)


def read_compound_spans(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "3 minutes 9 seconds" is 189 seconds, "2 hours and 41 minutes" 161 minutes: one time."""
    extra: list[Quantity] = []
    for big, small in itertools.pairwise(found):
        step = SPAN_STEPS.get((big.unit or "", small.unit or ""))
        if (
            step is None
            or big.kind != small.kind
            or not SPAN_GAP.fullmatch(text[big.end : small.start])
        ):
            continue
        extra.append(
            small.model_copy(
                update={
                    "text": text[big.start : small.end],
                    "start": big.start,
                    "value": big.value * step + small.value,
                    "approx": None,
                }
            )
        )
    return extra


# "1:54.06", "3:53.9" (a clock never shows tenths) and "2:12:33": a time taken, in seconds
RACE_TIME = re.compile(
    r"(?<![\d:.])(?:(\d{1,2}):(\d{2}):(\d{2}(?:\.\d+)?)|(\d{1,2}):(\d{2}\.\d+))(?![\d:])"
)


def read_race_times(text: str, sentence_id: str | None) -> list[Quantity]:
    """Race and record times as one duration in seconds, so that their gaps may be worked out
    ("beat Scott by 1.25 seconds" from 1:54.06 and 1:55.31)."""
    found: list[Quantity] = []
    for match in RACE_TIME.finditer(text):
        if match.group(1) is not None:
            hours, minutes, seconds = match.group(1), match.group(2), match.group(3)
        else:
            hours, minutes, seconds = "0", match.group(4), match.group(5)
        value = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
        decimals = len(seconds.split(".")[1]) if "." in seconds else 0
        found.append(
            Quantity(
                text=match.group(),
                start=match.start(),
                end=match.end(),
                value=round(value, decimals),
                unit="s",
                kind="duration",
                precision=10.0**-decimals,
                sentence_id=sentence_id,
            )
        )
    return found


CENTURY_PARTS = re.compile(r"\b(quarter|half)[\s-]+(?:a\s+)?century\b", re.I)


def _read_century_parts(text: str, sentence_id: str) -> list[Quantity]:
    """ "a quarter-century" is 25 years, "half a century" 50: the parser reads no fraction words."""
    return [
        Quantity(
            text=match.group(),
            start=match.start(),
            end=match.end(),
            value=25.0 if match.group(1).lower() == "quarter" else 50.0,
            unit="year",
            kind="duration",
            sentence_id=sentence_id,
        )
        for match in CENTURY_PARTS.finditer(text)
    ]


def _read_money_and_cents(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "twelve Euros and fifty centimes" is 12.50 euros, and so is "one euro sixty"."""
    extra: list[Quantity] = []
    for money, cents in itertools.pairwise(found):
        gap = text[money.end : cents.start]
        said = (  # "one euro sixty": the cents follow the currency word with no "and"
            gap == " "
            and money.text[-1:].isalpha()
            and cents.kind == "count"
            and cents.unit is None
            and _is_word(cents)
            and cents.value == int(cents.value)
        )
        if (
            money.kind == "money"
            and (said or re.fullmatch(r"\s+and\s+(?:\w\s+)?", gap))
            and cents.value < 100
        ):
            # "fifty centimes" is a count of them; "seventy cents" already reads as 0.70
            part = cents.value if cents.kind == "money" and cents.value < 1 else cents.value / 100
            extra.append(
                money.model_copy(
                    update={
                        "text": text[money.start : cents.end],
                        "end": cents.end,
                        "value": round(money.value + part, 2),
                        "precision": 0.01,
                    }
                )
            )
    return extra


SCALE_WORD = re.compile(rf"\b({'|'.join(WORD_SCALES)})\b", re.I)


def scale_said_before(found: list[Quantity], scale: float | None) -> list[Quantity]:
    """ "two point four million ... the last model did one point nine": speech says the scale
    once, so a spoken decimal with none may carry the one said just before (1.9 million)."""
    if scale is None:
        return []
    return [
        q.model_copy(update={"value": q.value * scale, "precision": (q.precision or 0.1) * scale})
        for q in found
        if q.kind == "count"
        and q.unit is None
        and q.low is None
        and q.value != int(q.value)
        and q.value < 1000
        and _spoken(q)
        and " point " in f" {q.text.lower()} "
    ]


def last_scale(found: list[Quantity]) -> float | None:
    """The scale word of the last scaled spoken number of a sentence, if any."""
    for q in reversed(found):
        word = SCALE_WORD.search(q.text)
        if word is not None and _spoken(q):
            return float(WORD_SCALES[word.group(1).lower()])
    return None


def _spoken(quantity: Quantity) -> bool:
    """Said in words throughout: "one point nine", "two point four million"."""
    words = quantity.text.replace("-", " ").split()
    return bool(words) and all(word.isalpha() for word in words)
