"""Numbers as written: digit runs with separators, decimals and fractions, number words, and the
scale words after them ("3.2 million", "$1.5bn", "20k").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace

from briefing.numbers_words import Token, low_at, parse_fraction_tail, parse_words, place_value
from briefing.units import SCALES

VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
DIGIT_SCALES = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "crore",
        "lakh",
        "lakhs",
        "crores",
        "k",
        "m",
        "bn",
        "b",
        "mn",
        "mln",
        "bln",
        "milliarden",
        "mrd",
        "millionen",
        "mio",
        "trn",
        "tn",
        "mil",
        "grand",
    }
)
ADJACENT_ONLY_SCALES = frozenset({"k", "m", "b", "mil"})
METRE_CONTEXT = frozenset(
    {
        "sprint",
        "race",
        "hurdles",
        "freestyle",
        "relay",
        "butterfly",
        "backstroke",
        "breaststroke",
        "medley",
        "dash",
        "high",
        "long",
        "tall",
        "deep",
        "wide",
        "away",
        "metres",
        "meters",
        "final",
        "title",
        "world",
    }
)


@dataclass
class Number:
    value: float
    precision: float
    end: int  # index of the token after the number
    low: float | None = None
    high: float | None = None
    words: bool = False
    scaled: bool = False
    vague: bool = False


def read_number(tokens: list[Token], i: int, *, money: bool = False) -> Number | None:
    """The number at token i (digits or words) with any scale words after it, or None."""
    if i >= len(tokens):
        return None
    number = _read_digits(tokens, i, money) if tokens[i].is_digits else _read_words(tokens, i)
    if number is None:
        return None
    return _read_scale(tokens, number, money=money)


def _read_words(tokens: list[Token], i: int) -> Number | None:
    if tokens[i].text in VULGAR_FRACTIONS:
        return Number(VULGAR_FRACTIONS[tokens[i].text], 0.25, i + 1)
    parsed = parse_words(tokens, i)
    if parsed is None:
        return None
    vague = parsed.low is not None
    return Number(
        parsed.value, parsed.precision, parsed.end, parsed.low, parsed.high, True, vague=vague
    )


def _read_digits(tokens: list[Token], i: int, money: bool = False) -> Number:
    value, precision = parse_digits(tokens[i].text)
    end = i + 1
    if _is_space_group(tokens, i):
        value, end = value * 1000 + float(tokens[i + 1].text), i + 2
        precision = place_value(value)
    elif _is_spaced_comma_group(tokens, i, money):
        value, end = value * 1000 + float(tokens[i + 2].text), i + 3
        precision = place_value(value)
    fraction = _read_fraction(tokens, end, whole=value)
    if fraction is not None:
        return fraction
    tail = parse_fraction_tail(tokens, end)
    if tail is not None and value == int(value):
        return Number(value + tail[0], 0.5, tail[1])
    return Number(value, precision, end)


# Whether the text being read writes decimals with a comma ("2,5 Milliarden"): then "1.200" is
# 1,200, not 1.2. Set for a whole document (`decimal_commas`); None reads each run on its own.
_DECIMAL_COMMA: ContextVar[bool | None] = ContextVar("decimal_comma", default=None)
DECIMAL_COMMA_EVIDENCE = re.compile(
    r"(?<![\d.,])\d+,\d{1,2}(?![\d,])|\d{1,3}(?:\.\d{3}){2,}(?!\d)|\d\.\d{3},\d"
)


def writes_decimal_commas(text: str) -> bool:
    """Whether a text shows a decimal comma ("2,4 Prozent") or dot-grouped thousands
    ("1.234.567", "1.234,5"): its other "1.200" are thousands too."""
    return DECIMAL_COMMA_EVIDENCE.search(text) is not None


def separators_of(text: str) -> AbstractContextManager[None]:
    """Read every digit run inside the block by the convention `text` shows (see above)."""
    return decimal_commas(writes_decimal_commas(text))


def current_decimal_comma() -> bool | None:
    return _DECIMAL_COMMA.get()


@contextmanager
def decimal_commas(flag: bool) -> Iterator[None]:
    """Read every digit run inside the block by one document's convention."""
    token = _DECIMAL_COMMA.set(flag)
    try:
        yield
    finally:
        _DECIMAL_COMMA.reset(token)


def parse_digits(text: str) -> tuple[float, float]:
    """Value and precision of a digit run: "8,000" -> (8000, 1000); "1.234,5" -> (1234.5, 0.1);
    "1.200" -> 1200 in a document that writes decimal commas, else 1.2."""
    grouped = re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text) is not None
    if grouped and (text.count(".") > 1 or "," in text or _DECIMAL_COMMA.get()):
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")
    else:
        text = text.replace(",", "")
    if text.count(".") > 1:
        text = text.split(".")[0]
    value = float(text)
    if "." in text:
        return value, 10.0 ** -len(text.split(".")[1])
    return value, place_value(value)


def _is_space_group(tokens: list[Token], i: int) -> bool:
    if i + 1 >= len(tokens) or not re.fullmatch(r"\d{1,3}", tokens[i].text):
        return False
    gap_ok = tokens[i + 1].start - tokens[i].end == 1
    nxt = tokens[i + 1]
    follows = tokens[i + 2] if i + 2 < len(tokens) else None
    joined = follows is not None and follows.start == nxt.end and follows.is_digits
    previous_digit = i > 0 and tokens[i - 1].is_digits
    return (
        gap_ok
        and re.fullmatch(r"\d{3}", nxt.text) is not None
        and not joined
        and not previous_digit
    )


def _is_spaced_comma_group(tokens: list[Token], i: int, money: bool) -> bool:
    """ "£50, 000" in careless text: a group that starts with 0 cannot be a list's next number, and
    after a currency sign ("$ 143, 500") nor can any group of three digits: amounts are not listed
    that way."""
    if i + 2 >= len(tokens) or not re.fullmatch(r"\d{1,3}", tokens[i].text):
        return False
    comma, group = tokens[i + 1], tokens[i + 2]
    return (
        comma.text == ","
        and comma.start == tokens[i].end
        and group.start == comma.end + 1
        and re.fullmatch(r"0\d\d" if not money else r"\d{3}", group.text) is not None
    )


def _read_fraction(tokens: list[Token], i: int, whole: float) -> Number | None:
    """ "1/2" after a number or as the number: "5 1/2"; "3/4"."""
    if i < len(tokens) and tokens[i].text in VULGAR_FRACTIONS:
        return Number(whole + VULGAR_FRACTIONS[tokens[i].text], 0.25, i + 1)
    start = i - 1
    if (
        low_at(tokens, i) == "/"
        and i + 1 < len(tokens)
        and tokens[i + 1].text in ("2", "3", "4", "8")
    ):
        numerator, denominator = whole, float(tokens[i + 1].text)
        if numerator < denominator and tokens[i].start == tokens[start].end:
            return Number(numerator / denominator, 0.25 / denominator, i + 2)
    if i + 2 < len(tokens) and tokens[i].is_digits and low_at(tokens, i + 1) == "/":
        fraction = _read_fraction(tokens, i + 1, whole=float(tokens[i].text.replace(",", "")))
        if fraction is not None and whole == int(whole) and fraction.value < 1:
            return Number(whole + fraction.value, fraction.precision, fraction.end)
    return None


def _read_scale(tokens: list[Token], number: Number, *, money: bool = False) -> Number:
    j = number.end
    while j < len(tokens) and tokens[j].low in DIGIT_SCALES:
        word = tokens[j].low
        spoken_k = number.words and tokens[j].text == "K"  # "seventy-five K" in a transcript
        if word in ADJACENT_ONLY_SCALES and not _tight(tokens, j) and not money and not spoken_k:
            break  # "£ 50 m" is money in tokenized text; a bare "46 m" is metres
        if word == "m" and (low_at(tokens, j + 1) in METRE_CONTEXT or _an_event(tokens, j, money)):
            break
        if number.words and word in ("hundred", "thousand", "million", "billion", "trillion"):
            break
        scale = SCALES[word]
        number = scale_number(number, scale, j + 1)
        number.scaled = True
        j += 1
    return number


def _an_event(tokens: list[Token], j: int, money: bool) -> bool:
    """ "second in the 200m.": "the" before, nothing named after: a race distance in metres."""
    after = low_at(tokens, j + 1)
    ends = after is None or not after[:1].isalnum() or after in ("in", "at", "on", "for", "and")
    return not money and j >= 2 and tokens[j - 2].low == "the" and ends


def scale_number(number: Number, factor: float, end: int) -> Number:
    return replace(
        number,
        value=number.value * factor,
        precision=number.precision * factor,
        end=end,
        low=None if number.low is None else number.low * factor,
        high=None if number.high is None else number.high * factor,
    )


def read_number_plain(tokens: list[Token], i: int) -> float | None:
    """The number at token i without its scale words."""
    if tokens[i].is_digits:
        return _read_digits(tokens, i).value
    words = _read_words(tokens, i)
    return None if words is None else words.value


def _tight(tokens: list[Token], j: int) -> bool:
    return tokens[j].start == tokens[j - 1].end
