"""Tokens with offsets, and numbers written in words ("twenty - five", "a dozen", "two and a half").

The quantity grammar in `briefing.numbers` works on these tokens rather than raw characters, so
tokenized text ("23 - year - old", "$ 7million") and normal text parse the same way.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Digit runs (with separators), words (with an apostrophe: "'s"), or one other character.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['\u2019][^\W\d_]+)?|\S")


class Token(NamedTuple):
    text: str
    low: str  # lower-cased text
    start: int
    end: int

    @property
    def is_digits(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


class WordNumber(NamedTuple):
    value: float
    end: int  # index of the token after the number
    precision: float
    low: float | None = None  # vague quantifiers ("dozens", "tens of thousands") are ranges
    high: float | None = None


def tokenize(text: str) -> list[Token]:
    """Split text into digit runs, words and single punctuation marks, keeping offsets."""
    return [
        Token(m.group(), m.group().lower(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)
    ]


UNITS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
TENS: dict[str, int] = {
    word: 10 * n
    for n, word in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
WORD_SCALES: dict[str, int] = {
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
ORDINALS: dict[str, int] = {
    word: n
    for n, word in enumerate(
        [
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        3,
    )
}
ORDINALS.update({"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100})
# With the two that are other words too ("at first", "a second"): read where a position is sure
ALL_ORDINALS: dict[str, int] = {"first": 1, "second": 2, **ORDINALS}
FRACTIONS: dict[str, float] = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
# "dozens of", "hundreds of", "tens of thousands of": a range, not a value.
VAGUE: dict[str, tuple[float, float]] = {
    "dozens": (24, 144),
    "scores": (40, 200),
    "hundreds": (200, 1000),
    "thousands": (2000, 10_000),
    "millions": (2e6, 1e7),
    "billions": (2e9, 1e10),
}
NUMBER_WORDS: frozenset[str] = frozenset(
    {*UNITS, *TENS, *WORD_SCALES, "hundred", "dozen", "dozens", "a", "an"}
)


def place_value(value: float) -> float:
    """The place value of the last non-zero digit of an integer (8000 -> 1000, 2998 -> 1)."""
    if value <= 0 or value != int(value):
        return 1.0
    place, rest = 1.0, int(value)
    while rest % 10 == 0 and rest >= 10:
        place, rest = place * 10, rest // 10
    return place


def parse_words(tokens: list[Token], i: int) -> WordNumber | None:
    """Read a number written in words starting at token i, or None."""
    vague = _parse_vague(tokens, i)
    if vague is not None:
        return vague
    part = _parse_part_of_scale(tokens, i)
    if part is not None:
        return part
    if tokens[i].low in ("a", "an"):
        return _parse_article_number(tokens, i)
    if tokens[i].low == "point":
        return _parse_bare_decimal(tokens, i)
    if tokens[i].low not in UNITS and tokens[i].low not in TENS:
        return None
    value, end = _parse_cardinal(tokens, i)
    fraction = parse_fraction_tail(tokens, end)
    if fraction is not None:
        scale = WORD_SCALES.get(low_at(tokens, fraction[1])) if value < 1000 else None
        if scale is not None:  # "nine and a half thousand"
            whole = (value + fraction[0]) * scale
            return WordNumber(whole, fraction[1] + 1, 0.5 * scale)
        return WordNumber(value + fraction[0], fraction[1], 0.5)
    decimal = _parse_spoken_decimal(tokens, end)
    if decimal is not None:
        whole, end, precision = value + decimal[0], decimal[1], decimal[2]
        scale = WORD_SCALES.get(low_at(tokens, end))
        if scale is not None:  # "three point two million"
            return WordNumber(whole * scale, end + 1, precision * scale)
        return WordNumber(whole, end, precision)
    return WordNumber(value, end, place_value(value))


def _parse_spoken_decimal(tokens: list[Token], i: int) -> tuple[float, int, float] | None:
    """ "point five" (.5), "point two five" (.25), "dot fifty" (.50)."""
    if low_at(tokens, i) not in ("point", "dot"):
        return None
    digits, j = "", i + 1
    while low_at(tokens, j) in UNITS and UNITS[low_at(tokens, j)] < 10:
        digits, j = digits + str(UNITS[low_at(tokens, j)]), j + 1
    if digits:
        return float("0." + digits), j, 10.0 ** -len(digits)
    if low_at(tokens, j) in TENS or low_at(tokens, j) in UNITS:
        cents, end = _parse_cardinal(tokens, j)
        if cents < 100:
            return cents / 100, end, 0.01
    return None


def _parse_bare_decimal(tokens: list[Token], i: int) -> WordNumber | None:
    """ "point seven one" (0.71): speech drops the zero. One digit word ("point two") is too
    often an agenda item or "at one point"; two or more are a decimal."""
    if i > 0 and (tokens[i - 1].is_digits or tokens[i - 1].low in UNITS):
        return None  # "four point two" is read whole from its first word
    decimal = _parse_spoken_decimal(tokens, i)
    if decimal is None or decimal[2] > 0.01 or low_at(tokens, i + 1) not in UNITS:
        return None
    if UNITS[low_at(tokens, i + 1)] >= 10:
        return None  # "dot fifty" is cents, said after a whole
    return WordNumber(decimal[0], decimal[1], decimal[2])


def parse_fraction_tail(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """Read "and a half" / "and three quarters" after a whole number."""
    if low_at(tokens, i) != "and":
        return None
    j = i + 1
    count = 1
    if low_at(tokens, j) in ("a", "an"):
        j += 1
    elif low_at(tokens, j) in UNITS:
        count, j = UNITS[low_at(tokens, j)], j + 1
    if low_at(tokens, j) in FRACTIONS:
        return count * FRACTIONS[low_at(tokens, j)], j + 1
    return None


def _parse_part_of_scale(tokens: list[Token], i: int) -> WordNumber | None:
    """ "half a million", "half a dozen", "a quarter of a billion", "two-thirds of a million"."""
    word = tokens[i].low
    if word == "half" and low_at(tokens, i + 1) in ("a", "an"):
        whole = _scale_at(tokens, i + 2)
        return None if whole is None else WordNumber(whole / 2, i + 3, place_value(whole / 2))
    count, j = (1.0, i + 1) if word in ("a", "one") else (float(UNITS.get(word, 0)), i + 1)
    if not 1 <= count <= 9:
        return None
    if low_at(tokens, j) == "-" and tokens[j - 1].end == tokens[j].start:
        j += 1
    fraction = FRACTIONS.get(low_at(tokens, j))
    if (
        fraction is None
        or low_at(tokens, j + 1) != "of"
        or low_at(tokens, j + 2) not in ("a", "an")
    ):
        return None
    whole = _scale_at(tokens, j + 3)
    if whole is None:
        return None
    value = count * fraction * whole
    return WordNumber(value, j + 4, place_value(round(value)))


def _scale_at(tokens: list[Token], k: int) -> float | None:
    word = low_at(tokens, k)
    if word == "dozen":
        return 12.0
    return float(WORD_SCALES[word]) if word in WORD_SCALES else None


def _parse_article_number(tokens: list[Token], i: int) -> WordNumber | None:
    """'a dozen', 'a hundred', 'a thousand', 'a million'."""
    nxt = low_at(tokens, i + 1)
    if nxt == "dozen":
        return WordNumber(12, i + 2, 1)
    if nxt == "hundred" or nxt in WORD_SCALES:
        value, end = _parse_cardinal(tokens, i + 1, start_value=1)
        return WordNumber(value, end, place_value(value))
    return None


def _parse_vague(tokens: list[Token], i: int) -> WordNumber | None:
    word = tokens[i].low
    if word == "tens" and low_at(tokens, i + 1) == "of" and low_at(tokens, i + 2) in VAGUE:
        low, high = VAGUE[low_at(tokens, i + 2)]
        return WordNumber(low * 5, i + 3, low * 5, low * 5, high * 10)
    if (
        word == "hundreds"
        and low_at(tokens, i + 1) == "of"
        and low_at(tokens, i + 2) == "thousands"
    ):
        return WordNumber(2e5, i + 3, 1e5, 2e5, 1e6)
    if word in VAGUE and low_at(tokens, i + 1) == "of":
        low, high = VAGUE[word]
        return WordNumber(low, i + 1, low, low, high)
    return None


def _parse_cardinal(tokens: list[Token], i: int, start_value: int = 0) -> tuple[float, int]:
    """Standard total/current accumulation over unit, tens, hundred and scale words."""
    total, current, j = 0, start_value, i
    last = "unit" if start_value else ""
    while j < len(tokens):
        word = tokens[j].low
        if (
            word in UNITS
            and last not in ("unit", "teen")
            and not (last == "tens" and UNITS[word] >= 10)
        ):  # "twenty nineteen" is a year said in two numbers, never 39
            current += UNITS[word]
            last = "teen" if UNITS[word] >= 10 else "unit"
        elif word in TENS and last in ("", "hundred", "scale"):
            current += TENS[word]
            last = "tens"
        elif word == "dozen" and last == "unit" and 1 < current < 10:
            current *= 12  # "two dozen"
            last = "hundred"
        elif word == "hundred" and last in ("unit", "teen", "tens", "scale") and current % 100:
            current *= 100
            last = "hundred"
        elif word in WORD_SCALES and last != "scale" and current:
            total += current * WORD_SCALES[word]
            current, last = 0, "scale"
        elif (word == "-" and last == "tens" and low_at(tokens, j + 1) in UNITS) or (
            word == "and" and last in ("hundred", "scale") and _is_small_word(tokens, j + 1)
        ):
            pass
        else:
            break
        j += 1
    return total + current, j


def _is_small_word(tokens: list[Token], j: int) -> bool:
    return low_at(tokens, j) in UNITS or low_at(tokens, j) in TENS


def low_at(tokens: list[Token], i: int) -> str:
    """The lower-cased token at i, or "" past either end: lets readers look ahead freely."""
    return tokens[i].low if 0 <= i < len(tokens) else ""
