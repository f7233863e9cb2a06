"""Shares written in words: "half the voters", "a third of", "two thirds of", "one in five adults".

They are read as percentages, so that "50%" in a summary can be checked against "half" in the
source and the other way round.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.numbers_words import FRACTIONS, WORD_SCALES, Token, low_at, parse_words

# What may follow a share word for it to be a share of something ("half the", "a third of").
OF_WORDS = frozenset({"of", "the", "their", "his", "her", "its", "our", "your", "all", "those"})
SINGULAR = frozenset({"half", "third", "quarter", "fifth", "tenth"})
ARTICLES = frozenset({"a", "one"})
SCALE_WORDS = frozenset({*WORD_SCALES, "dozen"})
# Plural fractions that are shares even without "of" ("three quarters" may be three periods).
PLAIN_PLURALS = frozenset({"thirds", "fifths", "tenths"})


class Share(NamedTuple):
    percent: float
    end: int  # index of the token after the share words


# "the second half of 2020", "the other half of": a part of a period or a pair, not a share.
NOT_SHARES_AFTER = frozenset({"first", "second", "last", "latter", "other", "back", "front"})


def parse_share(tokens: list[Token], i: int) -> Share | None:
    """A share at token i, as a percentage, or None."""
    if i > 0 and tokens[i - 1].low in NOT_SHARES_AFTER:
        return None
    return _fraction_word(tokens, i) or _one_in(tokens, i)


def _fraction_word(tokens: list[Token], i: int) -> Share | None:
    word = low_at(tokens, i)
    by = _after_by(tokens, i)  # "fell by a third", "cut by more than half": a share
    if word in SINGULAR and word == "half":
        return _share_of(tokens, i + 1, FRACTIONS[word], by=by)
    if word in ARTICLES:
        k = _after_hyphen(tokens, i + 1)
        if low_at(tokens, k) in SINGULAR:
            return _share_of(tokens, k + 1, FRACTIONS[low_at(tokens, k)], by=by)
    count = parse_words(tokens, i) if word.isalpha() else None
    if count is None or count.low is not None or not 2 <= count.value <= 9:
        return None
    k = _after_hyphen(tokens, count.end)
    plural = low_at(tokens, k)
    if plural not in FRACTIONS or plural in SINGULAR:
        return None
    share = count.value * FRACTIONS[plural]
    if plural in PLAIN_PLURALS:  # "roughly two-thirds": no "of" needed, "thirds" says it
        return Share(100 * share, k + 1)
    return _share_of(tokens, k + 1, share)


HEDGE_WORDS = frozenset({"more", "less", "than", "nearly", "almost", "about", "roughly", "over"})


def _after_by(tokens: list[Token], i: int) -> bool:
    """Whether "by" comes before token i, past any hedge ("by more than a third")."""
    k = i - 1
    while k >= 0 and tokens[k].low in HEDGE_WORDS and i - k <= 3:
        k -= 1
    return k >= 0 and tokens[k].low == "by"


def _after_hyphen(tokens: list[Token], k: int) -> int:
    """ "two-thirds", "one-fifth": the fraction word after a glued hyphen."""
    glued = 0 < k < len(tokens) - 1 and tokens[k].low == "-"
    return k + 1 if glued and tokens[k - 1].end == tokens[k].start == tokens[k + 1].start - 1 else k


def _share_of(tokens: list[Token], j: int, fraction: float, *, by: bool = False) -> Share | None:
    if low_at(tokens, j + 1) in ("a", "an") and low_at(tokens, j + 2) in SCALE_WORDS:
        return None  # "a quarter of a billion" is an amount, read as a number
    if _points_follow(tokens, j):
        return None  # "a quarter (of a) percentage point", "half a point": 0.25, 0.5 points
    if by and low_at(tokens, j) in ("a", "an"):
        return None  # "by half a million": an amount follows
    return Share(100 * fraction, j) if by or low_at(tokens, j) in OF_WORDS else None


POINT_WORDS = frozenset({"percentage", "point", "points"})


def _points_follow(tokens: list[Token], j: int) -> bool:
    """ "percentage point", "point", "a point", "of a point" next: a fraction of a point."""
    words = [low_at(tokens, k) for k in range(j, j + 3)]
    if words[0] == "of":
        words = words[1:]
    if words[0] in ("a", "an"):
        words = words[1:]
    return words[0] in POINT_WORDS


def _one_in(tokens: list[Token], i: int) -> Share | None:
    """ "one in five adults", "nine out of 10": a part in a whole, both small whole numbers."""
    part = _small_number(tokens, i)
    if part is None:
        return None
    joiner = 1 if low_at(tokens, part[1]) == "in" else 0
    if (low_at(tokens, part[1]), low_at(tokens, part[1] + 1)) == ("out", "of"):
        joiner = 2
    if joiner == 0:
        return None
    whole = _small_number(tokens, part[1] + joiner)
    if whole is None or not part[0] < whole[0] <= 100:
        return None
    return Share(100 * part[0] / whole[0], whole[1])


def _small_number(tokens: list[Token], i: int) -> tuple[float, int] | None:
    if i >= len(tokens):
        return None
    token = tokens[i]
    if token.is_digits and token.text.isdigit():
        return float(token.text), i + 1
    parsed = parse_words(tokens, i) if token.text.isalpha() else None
    if parsed is None or parsed.low is not None or parsed.value != int(parsed.value):
        return None
    return parsed.value, parsed.end
