"""Find quantities in text: digits, number words, scales, percentages, money, units, ranges, dates.

`find_quantities` walks the tokens of `briefing.numbers_words` left to right and reads, at each
position, the longest quantity it can: a hedge ("about", "more than"), a currency, the number
itself (digits or words), a scale ("million", "bn", "k"), a range end, then percent / currency /
unit words, a rate ("per day"), and finally the noun the number counts ("troops").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.numbers_ages import read_age_phrase
from briefing.numbers_dates import parse_date_like, shared_meridiem
from briefing.numbers_digits import (
    DIGIT_SCALES,
    Number,
    current_decimal_comma,
    read_number,
    read_number_plain,
    scale_number,
    separators_of,
)
from briefing.numbers_grammar import (
    is_glued_scale,
    parse_approx,
    parse_currency_prefix,
    parse_hours_minutes,
    parse_suffix,
    parse_unit_and_fraction,
    part_of_a_point,
)
from briefing.numbers_names import fiscal_year, fold_word, multiplier_end, war_name_span
from briefing.numbers_nouns import (
    inherit_elided_nouns,
    inherit_elided_units,
    parse_noun,
    parse_noun_rate,
    points_of_a_rate,
    singular,
)
from briefing.numbers_shares import OF_WORDS, Share, parse_share
from briefing.numbers_words import ALL_ORDINALS, NUMBER_WORDS, ORDINALS, Token, low_at, tokenize
from briefing.schema import Quantity, QuantityKind

ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
NAMES_BEFORE_NUMBERS = (
    "covid -",
    "covid",
    "sars - cov -",
    "formula",
    "windows",
    "iphone",
    "boeing",
    "mp -",
)
SKIPPED_ALONE = frozenset({"one", "zero", "a", "an"})  # "one of the", "a few": not quantities


@dataclass
class _Draft:
    start_token: int
    number: Number
    approx: str | None = None
    unit: str | None = None
    kind: QuantityKind = "count"
    noun: str | None = None


def find_quantities(text: str, *, sentence_id: str | None = None) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text`. Outside a document's
    `decimal_commas` block, the text's own separators decide how "1.200" reads."""
    if current_decimal_comma() is None:
        with separators_of(text):
            return find_quantities(text, sentence_id=sentence_id)
    tokens = tokenize(text)
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        quantity, end = _read_quantity(text, tokens, i, sentence_id)
        if quantity is not None:
            found.append(read_age_phrase(text, quantity))
        i = max(end, i + 1)
    found = inherit_elided_units(text, inherit_elided_nouns(text, found))
    return shared_meridiem(text, points_of_a_rate(text, found))


def _read_quantity(
    text: str, tokens: list[Token], i: int, sentence_id: str | None
) -> tuple[Quantity | None, int]:
    date = parse_date_like(tokens, i)
    if date is not None:
        kind: QuantityKind = "time" if date.kind == "time" else "date"
        span = text[tokens[i].start : tokens[date.end - 1].end]
        return Quantity(
            text=span,
            start=tokens[i].start,
            end=tokens[date.end - 1].end,
            value=date.value,
            unit=date.unit,
            kind=kind,
            precision=date.precision,
            sentence_id=sentence_id,
        ), date.end
    approx, j = parse_approx(tokens, i)
    share = parse_share(tokens, j)
    if share is not None:
        return _share_quantity(text, tokens, i, share, approx, sentence_id), share.end
    draft = _read_amount(tokens, i)
    if draft is None:
        return None, i + 1
    end = draft.number.end
    start = tokens[draft.start_token].start
    number = draft.number
    return Quantity(
        text=text[start : tokens[end - 1].end],
        start=start,
        end=tokens[end - 1].end,
        value=number.value,
        low=number.low,
        high=number.high,
        unit=draft.unit,
        kind=draft.kind,
        approx=draft.approx,
        # "20 years" states its units digit; "5K years" is rounded to thousands as written.
        precision=number.precision
        if number.scaled or draft.unit != "year" or number.low is not None
        else 1.0,
        sentence_id=sentence_id,
        noun=draft.noun,
        vague=number.vague,
    ), end


def _share_quantity(
    text: str,
    tokens: list[Token],
    i: int,
    share: Share,
    approx: str | None,
    sentence_id: str | None,
) -> Quantity:
    end = tokens[share.end - 2].end if tokens[share.end - 1].low in OF_WORDS else None
    end = end or tokens[share.end - 1].end
    whole = share.percent == round(share.percent, 2)
    return Quantity(
        text=text[tokens[i].start : end],
        start=tokens[i].start,
        end=end,
        value=share.percent,
        unit="%",
        kind="percent",
        approx=approx or (None if whole else "about"),
        precision=1.0,
        sentence_id=sentence_id,
    )


def _read_amount(tokens: list[Token], i: int) -> _Draft | None:
    approx, j = parse_approx(tokens, i)
    if approx is not None and parse_date_like(tokens, j) is not None:
        return None  # "between 7pm and 7am": the clock times are read on their own
    span = parse_hours_minutes(tokens, j)
    if span is not None:  # "2h25": 145 minutes
        return _Draft(i, Number(span[0], 1.0, span[1]), approx=approx, unit="min", kind="duration")
    negative, j = _parse_sign(tokens, j)
    after_hedge = j
    currency, j = parse_currency_prefix(tokens, j)
    if not negative:
        negative, j = _parse_sign(tokens, j)  # "$-4m" as well as "-$4m"
    point = None if currency is not None else part_of_a_point(tokens, j)
    if point is not None:  # "three quarters of a point": read before "three" is
        part = Number(point[0], 0.25, point[1].end, words=True)
        return _Draft(i, part, approx=approx, unit="pp", kind="percent")
    number = read_number(tokens, j, money=currency is not None)
    if number is None:
        if negative:
            return None
        return _read_wordless(tokens, i, j, approx, money=currency is not None)
    if negative and number.low is None:
        number = replace(number, value=-number.value)
    special = _read_special(tokens, i, j, number, approx, money=currency is not None)
    if special is not None:
        return special
    name = _name_before(tokens, j)
    if name:  # "Boeing 737", "COVID-19": checked whole, as a code
        end = _code_end(tokens, j)
        return _Draft(j - name, replace(number, end=end), unit="code", kind="other")
    if approx is None and currency is None and _skipped_alone(tokens, j, number):
        return None
    if _hyphened_code(tokens, j):  # "F-35", "I-80", "MH-17"
        return _Draft(j - 2, replace(number, end=_code_end(tokens, j)), unit="code", kind="other")
    if _is_code(tokens, j, number):
        start = j - 1 if j > 0 and _tight(tokens, j) and tokens[j - 1].is_word else j
        return _Draft(start, replace(number, end=_code_end(tokens, j)), unit="code", kind="other")
    if not _tally(tokens, j, number):
        number = _read_range(tokens, number, approx, currency)
    if approx == "between" and number.low is None:
        return _read_amount(tokens, after_hedge)  # "between two women": no range follows
    number, approx = _read_plus(tokens, number, approx)
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
    if approx == "over" and draft.kind == "money" and draft.noun is not None:
        # "Sorry Over $43 Water": a price before a noun names the thing; "over" is "about".
        draft.start_token, draft.approx = after_hedge, None
    rate = parse_noun_rate(tokens, draft.number.end) if draft.kind == "count" else None
    if rate is not None and draft.noun is not None:
        draft.kind, draft.unit = "rate", rate
    return draft


SIGNS = frozenset({"-", "\u2212"})
SIGN_NEIGHBOURS = frozenset(
    {"(", "[", ":", "=", "$", "\u20ac", "\u00a3", "\u00a5"}
)  # "(-3.2%)", "$-0.12"


def _parse_sign(tokens: list[Token], j: int) -> tuple[bool, int]:
    """A minus before a number: "-4%", "\u22123C", "negative 4%", "minus 3 degrees". A dash joined
    to a word or a number before it ("COVID-19", "2020-21") or spaced from the number after it
    (a list's "- 250 users") is no sign."""
    if j >= len(tokens):
        return False, j
    if tokens[j].low in ("minus", "negative") and j + 1 < len(tokens):
        following = tokens[j + 1]
        if following.is_digits or following.low in NUMBER_WORDS:
            return True, j + 1
        return False, j
    if tokens[j].text not in SIGNS or j + 1 >= len(tokens):
        return False, j
    if not (tokens[j + 1].is_digits or tokens[j + 1].text in SIGN_NEIGHBOURS):
        return False, j
    joined_after = tokens[j + 1].start == tokens[j].end
    joined_before = (
        j > 0 and tokens[j - 1].end == tokens[j].start and tokens[j - 1].text not in SIGN_NEIGHBOURS
    )
    if joined_after and not joined_before:
        return True, j + 1
    return False, j


def _read_wordless(
    tokens: list[Token], i: int, j: int, approx: str | None, *, money: bool
) -> _Draft | None:
    """Amounts with no number word of their own: "a year and a half", "fourfold", "doubled",
    or an ordinal word."""
    part = parse_unit_and_fraction(tokens, j) if not money else None
    if part is not None:
        value, unit = part
        number = Number(value, 0.25, unit.end, words=True)
        return _Draft(i, number, approx=approx, unit=unit.unit, kind=unit.kind)
    fold = fold_word(tokens[j].low) if not money else None
    # "twice the unit's sales", "roughly double the prior-year level": a multiple; "met twice"
    # and "a double murder" are not
    comparing = (
        tokens[j].low in COMPARING_TIMES
        and low_at(tokens, j + 1) in COMPARED_AFTER
        and not _as_conjunction(tokens, j + 1)
    )
    if fold is None and not money and comparing:
        fold = COMPARING_TIMES[tokens[j].low]
    if fold is not None:
        return _Draft(i, Number(fold, 1.0, j + 1, words=True), approx=approx, unit="times")
    if tokens[j].low in ("twice", "thrice") and j > 0 and tokens[j - 1].low in SCORED:
        # "Haaland scored twice": two goals, a count the source may give as "two goals"
        count = 2.0 if tokens[j].low == "twice" else 3.0
        return _Draft(i, Number(count, 1.0, j + 1, words=True), approx=approx)
    return _read_ordinal_word(tokens, i)


def _as_conjunction(tokens: list[Token], j: int) -> bool:
    """ "scored twice as City won": the "as" after "twice" starts a clause (a name, "the", "he")
    rather than a comparison ("twice as many", "twice as likely")."""
    if low_at(tokens, j) != "as" or j + 1 >= len(tokens):
        return False
    following = tokens[j + 1].text
    title_case = tokens[j - 1].text[:1].isupper()  # "Twice As Many Voters"
    return following.lower() in CLAUSE_OPENERS or (following[:1].isupper() and not title_case)


CLAUSE_OPENERS = frozenset(
    {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "their", "its"}
    | {"our", "this", "these", "those", "there", "part", "well"}
)
SCORED = frozenset({"scored", "scores", "scoring", "score", "netted", "nets", "struck", "strikes"})
COMPARING_TIMES = {"twice": 2.0, "thrice": 3.0, "double": 2.0, "triple": 3.0, "quadruple": 4.0}
COMPARED_AFTER = frozenset({"as", "the", "that", "its", "their", "his", "her", "what", "this"})


def _read_special(
    tokens: list[Token], i: int, j: int, number: Number, approx: str | None, *, money: bool
) -> _Draft | None:
    """A number its surroundings make something other than an amount: "twenty-first", "World
    War Two", "FY2020", "4x" / "3-fold" / "four times faster"."""
    ordinal = _compound_ordinal(tokens, j, number)
    if ordinal is not None:
        return ordinal
    war = war_name_span(tokens, j, number.end)
    if war is not None:
        return _Draft(war[0], replace(number, end=war[1]), unit="code", kind="other")
    fiscal = fiscal_year(tokens, j, number)
    if fiscal is not None:
        return _Draft(j - 1, replace(number, value=fiscal, precision=1.0), unit="year", kind="date")
    times = multiplier_end(tokens, number.end, digits=tokens[j].is_digits)
    if times is not None and not money:
        return _Draft(i, replace(number, end=times), approx=approx, unit="times")
    return None


# "lost 1-3", "passed the bill 212-218", "a 1-3 defeat": two sides of a score or a vote, however
# they are ordered, not a range
TALLY_BEFORE = frozenset(
    {"lost", "lose", "loses", "losing", "passed", "won", "beat", "beats", "drew", "draw"}
    | {"approved", "rejected", "defeated", "voted", "trailed", "trailing", "led", "leading"}
)
TALLY_AFTER = frozenset(
    {"defeat", "loss", "win", "victory", "draw", "vote", "decision", "scoreline", "verdict"}
)


def _tally(tokens: list[Token], j: int, first: Number) -> bool:
    """Whether "A-B" at token j is a tally: a score or vote verb up to three words before, or
    its noun after."""
    if low_at(tokens, first.end) not in ("-", "\u2013") or not tokens[j].is_digits:
        return False
    before = {tokens[k].low for k in range(max(0, j - 3), j)}  # "passed the bill 212-218"
    return bool(before & TALLY_BEFORE) or low_at(tokens, first.end + 2) in TALLY_AFTER


def _read_range(
    tokens: list[Token], first: Number, approx: str | None, currency: str | None = None
) -> Number:
    """ "10-15", "10 - 15 million", "between 66,939 and 73,253", "between €310m and €340m"."""
    j = first.end
    joiner = low_at(tokens, j)
    if not (joiner in ("-", "\u2013", "\u2014") or (joiner == "and" and approx == "between")):
        return first
    again, k = parse_currency_prefix(tokens, j + 1)
    if again is not None and again != currency:
        return first  # "$5-€6" is no range
    second = read_number(tokens, k, money=currency is not None)
    if second is None:
        return first
    low = first.value
    if second.scaled and not first.scaled and first.value < second.value:
        low = first.value * (second.value / _unscaled(second, tokens, k))
    if not low < second.value or second.low is not None:
        return first
    return Number(
        low,
        min(first.precision, second.precision),
        second.end,
        low,
        second.value,
        first.words,
        second.scaled,
    )


def _read_plus(
    tokens: list[Token], number: Number, approx: str | None
) -> tuple[Number, str | None]:
    """ "70-plus tackles", "5+ years": a lower bound written after the number."""
    j = number.end
    words = (low_at(tokens, j), low_at(tokens, j + 1))
    step = 2 if words == ("-", "plus") else 1 if words[0] in ("plus", "+") else 0
    after = tokens[j + step] if j + step < len(tokens) else None
    if step == 0 or approx is not None or number.low is not None:
        return number, approx
    if after is not None and (after.is_digits or after.low in NUMBER_WORDS):
        return number, approx  # "2 + 2", "70 plus five": arithmetic, not a bound
    return replace(number, end=j + step), "plus"


def _unscaled(number: Number, tokens: list[Token], i: int) -> float:
    plain = read_number_plain(tokens, i)
    return plain if plain else number.value


def _read_suffixes(tokens: list[Token], draft: _Draft) -> None:
    suffix = parse_suffix(tokens, draft.number.end, has_currency=draft.unit is not None)
    if suffix is None or (draft.kind == "money" and suffix.kind in ("duration", "measure")):
        return  # "$15.5M Days Before Arrest": a sum of money is never measured in days
    number = draft.number
    factor = suffix.factor
    draft.number = scale_number(number, factor, suffix.end)
    if suffix.unit is not None and (draft.unit is None or suffix.kind != "money"):
        draft.unit = (
            suffix.unit
            if draft.unit is None or suffix.kind != "rate"
            else f"{draft.unit} {suffix.unit}"
        )
    draft.kind = suffix.kind if draft.kind != "money" or suffix.kind == "rate" else "money"


def _is_year(tokens: list[Token], i: int, draft: _Draft) -> bool:
    text = tokens[i].text
    number = draft.number
    return (
        re.fullmatch(r"1[0-9]{3}|20[0-9]{2}|2100", text) is not None
        and draft.unit is None
        and not number.scaled
        and number.low is None
        and draft.approx is None
        and not _counts_plural(tokens, number.end)
    )


def _counts_plural(tokens: list[Token], j: int) -> bool:
    """ "2024 men", "1500 soldiers": a plural noun right after four digits makes them a count."""
    word = low_at(tokens, j)
    return len(word) > 2 and tokens[j].is_word and (singular(word) != word or word == "police")


def _is_short_year(tokens: list[Token], i: int, draft: _Draft) -> bool:
    """ "'91", "'70s": an apostrophe glued to two digits."""
    apostrophe = i > 0 and tokens[i - 1].text in ("'", "\u2019") and _tight(tokens, i)
    return apostrophe and re.fullmatch(r"\d\d", tokens[i].text) is not None and draft.unit is None


def _read_decade(tokens: list[Token], number: Number) -> Number:
    j = number.end
    if low_at(tokens, j) == "s" and _tight(tokens, j) and number.value % 10 == 0:
        # "the 1800s" is the century (1800-1899); "the 2000s" is as often the decade.
        century = number.value % 100 == 0 and number.value < 2000
        width = 99 if century else 9
        return Number(number.value, width + 1, j + 1, number.value, number.value + width)
    return number


UNIT_ORDINALS = {w: n for w, n in ALL_ORDINALS.items() if n < 10}


def _compound_ordinal(tokens: list[Token], j: int, number: Number) -> _Draft | None:
    """ "the twenty-first", "forty-second": tens, a hyphen and an ordinal word."""
    k = number.end
    tens = number.words and number.value in (20, 30, 40, 50, 60, 70, 80, 90)
    if not tens or low_at(tokens, k) != "-" or low_at(tokens, k + 1) not in UNIT_ORDINALS:
        return None
    value = number.value + UNIT_ORDINALS[low_at(tokens, k + 1)]
    return _Draft(j, Number(value, 1, k + 2, words=True), kind="ordinal")


# "finished second", "second place", "the second-seeded": "second" as a position, not a time
# unit or "another"; "first" stays unread ("the first time", "won" says it)
PLACED_BEFORE = frozenset(
    {"finished", "finishes", "finish", "came", "comes", "placed", "ranked", "ranks", "sits"}
    | {"lies", "lay", "stood", "stands", "ended", "ends"}
)
PLACED_AFTER = frozenset({"place", "placed", "ranked", "seeded", "seed"})


def _placed_second(tokens: list[Token], i: int) -> bool:
    if tokens[i].low != "second":
        return False
    after = low_at(tokens, i + 2) if low_at(tokens, i + 1) == "-" else low_at(tokens, i + 1)
    return (i > 0 and tokens[i - 1].low in PLACED_BEFORE) or after in PLACED_AFTER


def _read_ordinal_word(tokens: list[Token], i: int) -> _Draft | None:
    word = tokens[i].low
    if _placed_second(tokens, i):
        return _Draft(i, Number(2, 1, i + 1, words=True), kind="ordinal")
    if word not in ORDINALS:
        return None
    war = war_name_span(tokens, i, i + 1)
    if war is not None:
        return _Draft(i, Number(ORDINALS[word], 1, war[1], words=True), unit="code", kind="other")
    return _Draft(i, Number(ORDINALS[word], 1, i + 1, words=True), kind="ordinal")


def _name_before(tokens: list[Token], j: int) -> int:
    """ "COVID-19", "Formula 1", "Boeing 737": how many tokens of a name the number ends, or 0."""
    if not tokens[j].is_digits:
        return 0
    before = " ".join(t.low for t in tokens[max(0, j - 4) : j])
    name = next((n for n in NAMES_BEFORE_NUMBERS if before.endswith(n)), None)
    return 0 if name is None else len(name.split())


def name_of_code(text: str) -> str | None:
    """The name a named code starts with ("boeing" for "Boeing 787"), or None."""
    low = " ".join(re.findall(r"[a-z]+|-", text.lower()))
    return next((n for n in NAMES_BEFORE_NUMBERS if low.startswith(n)), None)


def _skipped_alone(tokens: list[Token], j: int, number: Number) -> bool:
    """A bare "one" (or "a") is a pronoun or article far more often than a count."""
    if tokens[j].low not in SKIPPED_ALONE or number.end != j + 1:
        return False
    return parse_suffix(tokens, number.end, has_currency=False) is None


def _is_code(tokens: list[Token], j: int, number: Number) -> bool:
    """Digits glued to letters ("3D", "G20", "5G") name things; they are not amounts."""
    if not tokens[j].is_digits:
        return False
    before = j > 0 and tokens[j - 1].is_word and tokens[j - 1].end == tokens[j].start
    nxt = tokens[number.end] if number.end < len(tokens) else None
    after = (
        nxt is not None
        and nxt.is_word
        and nxt.start == tokens[number.end - 1].end
        and number.end == j + 1
        and not _is_known_suffix(nxt.low)
        and not is_glued_scale(tokens, number.end)
    )
    return before or after


def _hyphened_code(tokens: list[Token], j: int) -> bool:
    """Capitals, a hyphen and digits written as one word name a thing: "F-35", "I-80", "MH-17"."""
    if j < 2 or not tokens[j].is_digits or tokens[j - 1].text != "-":
        return False
    letters = tokens[j - 2]
    glued = _tight(tokens, j) and _tight(tokens, j - 1)
    return glued and letters.is_word and letters.text.isupper() and len(letters.text) <= 4


def _is_known_suffix(word: str) -> bool:
    return (
        word in ORDINAL_SUFFIXES
        or word in DIGIT_SCALES
        or word in ("s", "am", "pm", "p")
        or parse_suffix([Token(word, word, 0, len(word))], 0, has_currency=False) is not None
    )


def _code_end(tokens: list[Token], j: int) -> int:
    end = j + 1
    while (
        end < len(tokens)
        and tokens[end].start == tokens[end - 1].end
        and tokens[end].text.isalnum()
    ):
        end += 1
    return end


def _tight(tokens: list[Token], j: int) -> bool:
    return tokens[j].start == tokens[j - 1].end
