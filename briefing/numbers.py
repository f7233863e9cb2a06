"""Find quantities in text: digits, number words, scales, percentages, money, units, ranges, dates.

`find_quantities` walks the tokens of `briefing.numbers_words` left to right and reads, at each
position, the longest quantity it can: a hedge ("about", "more than"), a currency, the number
itself (digits or words), a scale ("million", "bn", "k"), a range end, then percent / currency /
unit words, a rate ("per day"), and finally the noun the number counts ("troops").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.numbers_dates import parse_date_like
from briefing.numbers_grammar import (
    parse_approx,
    parse_currency_prefix,
    parse_noun,
    parse_suffix,
)
from briefing.numbers_words import (
    ORDINALS,
    VAGUE,
    Token,
    parse_fraction_tail,
    parse_words,
    place_value,
    tokenize,
)
from briefing.schema import Quantity, QuantityKind
from briefing.units import SCALES

VULGAR_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
DIGIT_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion", "crore", "lakh",
                          "lakhs", "crores", "k", "m", "bn", "b", "mn", "mln", "tn", "mil", "grand"})
ADJACENT_ONLY_SCALES = frozenset({"k", "m", "b", "mil"})
METRE_CONTEXT = frozenset({"sprint", "race", "hurdles", "freestyle", "relay", "butterfly",
                           "backstroke", "breaststroke", "medley", "dash", "high", "long", "tall",
                           "deep", "wide", "away", "metres", "meters", "final", "title", "world"})
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
NAMES_BEFORE_NUMBERS = ("covid -", "covid", "sars - cov -", "formula", "windows", "iphone",
                        "galaxy s", "boeing", "airbus a", "mp -")
SKIPPED_ALONE = frozenset({"one", "zero", "a", "an"})  # "one of the", "a few": not quantities


@dataclass
class _Number:
    value: float
    precision: float
    end: int  # index of the token after the number
    low: float | None = None
    high: float | None = None
    words: bool = False
    scaled: bool = False
    vague: bool = False


@dataclass
class _Draft:
    start_token: int
    number: _Number
    approx: str | None = None
    unit: str | None = None
    kind: QuantityKind = "count"
    noun: str | None = None


def find_quantities(text: str, *, sentence_id: str | None = None) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text`."""
    tokens = tokenize(text)
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        quantity, end = _read_quantity(text, tokens, i, sentence_id)
        if quantity is not None:
            found.append(quantity)
        i = max(end, i + 1)
    return found


def _read_quantity(
    text: str, tokens: list[Token], i: int, sentence_id: str | None
) -> tuple[Quantity | None, int]:
    date = parse_date_like(tokens, i)
    if date is not None:
        kind: QuantityKind = "time" if date.kind == "time" else "date"
        span = text[tokens[i].start : tokens[date.end - 1].end]
        return Quantity(text=span, start=tokens[i].start, end=tokens[date.end - 1].end,
                        value=date.value, unit=date.unit, kind=kind, precision=date.precision,
                        sentence_id=sentence_id), date.end
    draft = _read_amount(tokens, i)
    if draft is None:
        return None, i + 1
    end = draft.number.end
    start = tokens[draft.start_token].start
    number = draft.number
    return Quantity(
        text=text[start : tokens[end - 1].end], start=start, end=tokens[end - 1].end,
        value=number.value, low=number.low, high=number.high, unit=draft.unit, kind=draft.kind,
        approx=draft.approx, precision=1.0 if draft.unit == "year" and number.low is None else number.precision,
        sentence_id=sentence_id, noun=draft.noun, vague=number.vague,
    ), end


def _read_amount(tokens: list[Token], i: int) -> _Draft | None:
    approx, j = parse_approx(tokens, i)
    if approx is not None and parse_date_like(tokens, j) is not None:
        return None  # "between 7pm and 7am": the clock times are read on their own
    currency, j = parse_currency_prefix(tokens, j)
    number = read_number(tokens, j, money=currency is not None)
    if number is None:
        return _read_ordinal_word(tokens, i)
    if _is_name(tokens, j):
        return None
    if approx is None and currency is None and _skipped_alone(tokens, j, number):
        return None
    if _is_code(tokens, j, number):
        return _Draft(j, replace(number, end=_code_end(tokens, j)), unit="code", kind="other")
    number = _read_range(tokens, number, approx)
    if approx == "between" and number.low is None:
        return _read_amount(tokens, j)  # "between two women": no range follows
    draft = _Draft(i, number, approx=approx, unit=currency, kind="money" if currency else "count")
    _read_suffixes(tokens, draft)
    if draft.kind == "count" and _is_short_year(tokens, j, draft):
        draft.start_token = j - 1
        year = number.value + (2000 if number.value < 30 else 1900)
        draft.kind, draft.unit = "date", "year"
        draft.number = _read_decade(tokens, replace(number, value=year, precision=1.0))
    elif draft.kind == "count" and _is_year(tokens, j, draft):
        draft.kind, draft.unit = "date", "year"
        draft.number = _read_decade(tokens, draft.number)
    draft.noun = parse_noun(tokens, draft.number.end, vague=number.low is not None)
    return draft


def read_number(tokens: list[Token], i: int, *, money: bool = False) -> _Number | None:
    """The number at token i (digits or words) with any scale words after it, or None."""
    if i >= len(tokens):
        return None
    number = _read_digits(tokens, i) if tokens[i].is_digits else _read_words(tokens, i)
    if number is None:
        return None
    return _read_scale(tokens, number, money=money)


def _read_words(tokens: list[Token], i: int) -> _Number | None:
    if tokens[i].text in VULGAR_FRACTIONS:
        return _Number(VULGAR_FRACTIONS[tokens[i].text], 0.25, i + 1)
    parsed = parse_words(tokens, i)
    if parsed is None:
        return None
    vague = parsed.low is not None
    return _Number(parsed.value, parsed.precision, parsed.end, parsed.low, parsed.high, True,
                   vague=vague)


def _read_digits(tokens: list[Token], i: int) -> _Number:
    value, precision = parse_digits(tokens[i].text)
    end = i + 1
    if _is_space_group(tokens, i):
        value, end = value * 1000 + float(tokens[i + 1].text), i + 2
        precision = place_value(value)
    fraction = _read_fraction(tokens, end, whole=value)
    if fraction is not None:
        return fraction
    tail = parse_fraction_tail(tokens, end)
    if tail is not None and value == int(value):
        return _Number(value + tail[0], 0.5, tail[1])
    return _Number(value, precision, end)


def parse_digits(text: str) -> tuple[float, float]:
    """Value and precision of a digit run: "8,000" -> (8000, 1000); "1.234,5" -> (1234.5, 0.1)."""
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", text) and (text.count(".") > 1 or "," in text):
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
    return gap_ok and re.fullmatch(r"\d{3}", nxt.text) is not None and not joined and not previous_digit


def _read_fraction(tokens: list[Token], i: int, whole: float) -> _Number | None:
    """"1/2" after a number or as the number: "5 1/2"; "3/4"."""
    if i < len(tokens) and tokens[i].text in VULGAR_FRACTIONS:
        return _Number(whole + VULGAR_FRACTIONS[tokens[i].text], 0.25, i + 1)
    start = i - 1
    if _low(tokens, i) == "/" and i + 1 < len(tokens) and tokens[i + 1].text in ("2", "3", "4", "8"):
        numerator, denominator = whole, float(tokens[i + 1].text)
        if numerator < denominator and tokens[i].start == tokens[start].end:
            return _Number(numerator / denominator, 0.25 / denominator, i + 2)
    if i + 2 < len(tokens) and tokens[i].is_digits and _low(tokens, i + 1) == "/":
        fraction = _read_fraction(tokens, i + 1, whole=float(tokens[i].text.replace(",", "")))
        if fraction is not None and whole == int(whole) and fraction.value < 1:
            return _Number(whole + fraction.value, fraction.precision, fraction.end)
    return None


def _read_scale(tokens: list[Token], number: _Number, *, money: bool = False) -> _Number:
    j = number.end
    while j < len(tokens) and tokens[j].low in DIGIT_SCALES:
        word = tokens[j].low
        if word in ADJACENT_ONLY_SCALES and not _tight(tokens, j) and not money:
            break  # "£ 50 m" is money in tokenized text; a bare "46 m" is metres
        if word == "m" and _low(tokens, j + 1) in METRE_CONTEXT:
            break
        if number.words and word in ("hundred", "thousand", "million", "billion", "trillion"):
            break
        scale = SCALES[word]
        number = _scaled(number, scale, j + 1)
        number.scaled = True
        j += 1
    return number


def _scaled(number: _Number, factor: float, end: int) -> _Number:
    return replace(
        number, value=number.value * factor, precision=number.precision * factor, end=end,
        low=None if number.low is None else number.low * factor,
        high=None if number.high is None else number.high * factor,
    )


def _read_range(tokens: list[Token], first: _Number, approx: str | None) -> _Number:
    """"10-15", "10 - 15 million", "between 66,939 and 73,253"."""
    j = first.end
    joiner = _low(tokens, j)
    if not (joiner in ("-", "–", "—") or (joiner == "and" and approx == "between")):
        return first
    second = read_number(tokens, j + 1)
    if second is None:
        return first
    low = first.value
    if second.scaled and not first.scaled and first.value < second.value:
        low = first.value * (second.value / _unscaled(second, tokens, j + 1))
    if not low < second.value or second.low is not None:
        return first
    return _Number(low, min(first.precision, second.precision), second.end, low, second.value,
                   first.words, second.scaled)


def _unscaled(number: _Number, tokens: list[Token], i: int) -> float:
    plain = read_number_plain(tokens, i)
    return plain if plain else number.value


def read_number_plain(tokens: list[Token], i: int) -> float | None:
    """The number at token i without its scale words."""
    if tokens[i].is_digits:
        return _read_digits(tokens, i).value
    words = _read_words(tokens, i)
    return None if words is None else words.value


def _read_suffixes(tokens: list[Token], draft: _Draft) -> None:
    suffix = parse_suffix(tokens, draft.number.end, has_currency=draft.unit is not None)
    if suffix is None:
        return
    number = draft.number
    factor = suffix.factor
    draft.number = _scaled(number, factor, suffix.end)
    if suffix.unit is not None and (draft.unit is None or suffix.kind != "money"):
        draft.unit = suffix.unit if draft.unit is None or suffix.kind != "rate" else \
            f"{draft.unit} {suffix.unit}"
    draft.kind = suffix.kind if draft.kind != "money" or suffix.kind == "rate" else "money"


def _is_year(tokens: list[Token], i: int, draft: _Draft) -> bool:
    text = tokens[i].text
    number = draft.number
    return (re.fullmatch(r"1[0-9]{3}|20[0-9]{2}|2100", text) is not None and draft.unit is None
            and not number.scaled and number.low is None and draft.approx is None)


def _is_short_year(tokens: list[Token], i: int, draft: _Draft) -> bool:
    """ "'91", "'70s": an apostrophe glued to two digits."""
    apostrophe = i > 0 and tokens[i - 1].text in ("'", "’") and _tight(tokens, i)
    return apostrophe and re.fullmatch(r"\d\d", tokens[i].text) is not None and draft.unit is None


def _read_decade(tokens: list[Token], number: _Number) -> _Number:
    j = number.end
    if _low(tokens, j) == "s" and _tight(tokens, j) and number.value % 10 == 0:
        return _Number(number.value, 10, j + 1, number.value, number.value + 9)
    return number


def _read_ordinal_word(tokens: list[Token], i: int) -> _Draft | None:
    word = tokens[i].low
    if word not in ORDINALS:
        return None
    return _Draft(i, _Number(ORDINALS[word], 1, i + 1, words=True), kind="ordinal")


def _is_name(tokens: list[Token], j: int) -> bool:
    """"COVID-19", "Formula 1": the number is part of a name, and names are not checked."""
    before = " ".join(t.low for t in tokens[max(0, j - 2) : j])
    return tokens[j].is_digits and before.endswith(NAMES_BEFORE_NUMBERS)


def _skipped_alone(tokens: list[Token], j: int, number: _Number) -> bool:
    """A bare "one" (or "a") is a pronoun or article far more often than a count."""
    if tokens[j].low not in SKIPPED_ALONE or number.end != j + 1:
        return False
    return parse_suffix(tokens, number.end, has_currency=False) is None


def _is_code(tokens: list[Token], j: int, number: _Number) -> bool:
    """Digits glued to letters ("3D", "G20", "5G") name things; they are not amounts."""
    if not tokens[j].is_digits:
        return False
    before = j > 0 and tokens[j - 1].is_word and tokens[j - 1].end == tokens[j].start
    nxt = tokens[number.end] if number.end < len(tokens) else None
    after = (nxt is not None and nxt.is_word and nxt.start == tokens[number.end - 1].end
             and number.end == j + 1 and not _is_known_suffix(nxt.low))
    return before or after


def _is_known_suffix(word: str) -> bool:
    return (word in ORDINAL_SUFFIXES or word in DIGIT_SCALES or word in ("s", "am", "pm", "p")
            or parse_suffix([Token(word, word, 0, len(word))], 0, has_currency=False) is not None)


def _code_end(tokens: list[Token], j: int) -> int:
    end = j + 1
    while end < len(tokens) and tokens[end].start == tokens[end - 1].end and tokens[end].text.isalnum():
        end += 1
    return end


def _tight(tokens: list[Token], j: int) -> bool:
    return tokens[j].start == tokens[j - 1].end


def _low(tokens: list[Token], i: int) -> str:
    return tokens[i].low if 0 <= i < len(tokens) else ""
