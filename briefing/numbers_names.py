"""Numbers whose surroundings say what they are rather than how many: a war's name ("World War
Two", read as a code and matched in any spelling: "World War II", "WW2", "the Second World War"),
a fiscal year ("FY2020", "FY21"), and a multiplier ("4x", "3-fold", "fourfold").
"""

from __future__ import annotations

import re

from briefing.numbers_digits import Number
from briefing.numbers_words import TENS, UNITS, Token, low_at

WAR_NUMBERS = {"one": 1, "two": 2, "1": 1, "2": 2, "i": 1, "ii": 2}
WAR_ORDINALS = {"first": 1, "second": 2, "1st": 1, "2nd": 2}
_WAR_FORMS = re.compile(
    r"\b(?:world\s*-?\s*war\s*-?\s*(?P<n>one|two|ii|i|1|2)"
    r"|(?P<o>first|second|1st|2nd)\s+world\s*-?\s*war"
    r"|ww\s*-?\s*(?P<w>ii|i|1|2))\b",
    re.I,
)


def war_name_span(tokens: list[Token], j: int, end: int) -> tuple[int, int] | None:
    """Token span of a world war's name around the number at tokens[j:end], if it is one."""
    word = tokens[j].low
    if end != j + 1:
        return None
    before = tuple(t.low for t in tokens[max(0, j - 2) : j])
    after = tuple(t.low for t in tokens[end : end + 2])
    if word in WAR_NUMBERS and before == ("world", "war"):
        return j - 2, end
    if word in WAR_ORDINALS and after == ("world", "war"):
        return j, end + 2
    return None


INTERSTATE = re.compile(r"\binterstate\s+(?=\d)", re.I)


def canonical_names(text: str) -> str:
    """Lower-cased text with every spelling of a world war's name made one ("world war 2"), and
    of an interstate highway ("Interstate 80" is "i-80")."""

    def one(match: re.Match[str]) -> str:
        word = (match.group("n") or match.group("w") or "").lower()
        number = WAR_NUMBERS.get(word) or WAR_ORDINALS.get((match.group("o") or "").lower())
        return f"world war {number}"

    return INTERSTATE.sub("i-", _WAR_FORMS.sub(one, text.lower()))


FOLD_WORD = re.compile(r"([a-z]+?)-?fold")
TIMES_SIGNS = frozenset({"x", "\u00d7"})
# "four times faster", "three times as many": a multiple; "shot three times" is a count.
COMPARATIVES = frozenset(
    {
        "as",
        "more",
        "less",
        "faster",
        "slower",
        "higher",
        "lower",
        "larger",
        "bigger",
        "smaller",
        "greater",
        "fewer",
        "cheaper",
        "longer",
        "shorter",
        "the",
    }
)


def fiscal_year(tokens: list[Token], j: int, number: Number) -> float | None:
    """The year of "FY2020", "FY 2020", "FY21" (a fiscal year, not a code or a count)."""
    text = tokens[j].text
    if j < 1 or tokens[j - 1].low != "fy" or number.end != j + 1:
        return None
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return float(text)
    return 2000.0 + int(text) if re.fullmatch(r"\d\d", text) else None


def multiplier_end(tokens: list[Token], end: int, *, digits: bool) -> int | None:
    """The token after "x", "-fold" or "fold" right behind a number ("4x", "3-fold"), if any.

    "4x4" and "x86"-like codes are left alone: nothing may be glued after the sign.
    """
    if end < len(tokens) and tokens[end].low == "times":
        return end + 1 if _times_what(tokens, end + 1) else None
    if end >= len(tokens) or tokens[end].start != tokens[end - 1].end:
        return None
    sign = tokens[end]
    if (sign.low in TIMES_SIGNS and digits) or sign.low == "fold":
        glued = end + 1 < len(tokens) and tokens[end + 1].start == sign.end
        return None if glued and tokens[end + 1].text.isalnum() else end + 1
    after = end + 1 < len(tokens) and tokens[end + 1].start == sign.end
    if sign.low == "-" and after and tokens[end + 1].low == "fold":
        return end + 2
    return None


OWNED_BY = frozenset({"its", "their", "his", "her", "our", "your", "what"})  # never "that night"


def _times_what(tokens: list[Token], i: int) -> bool:
    """ "four times faster", "five times the 312 cases", "ten times its original budget": a
    multiple of something; "shot three times last year" counts shots."""
    word = low_at(tokens, i)
    return word in COMPARATIVES or word in OWNED_BY


MULTIPLYING_VERBS = {
    # Verb forms only: "doubles" (tennis), "triples" and "halves" (of a match) are nouns too.
    **dict.fromkeys(("doubled", "doubling"), 2.0),
    **dict.fromkeys(("tripled", "tripling", "trebled", "trebling"), 3.0),
    **dict.fromkeys(("quadrupled", "quadrupling"), 4.0),
    **dict.fromkeys(("halved", "halving"), 0.5),
}


def fold_word(word: str) -> float | None:
    """ "fourfold", "tenfold", "two-fold" as one word, or a verb that multiplies ("doubled",
    "halved"): the multiplier, or None."""
    if word in MULTIPLYING_VERBS:
        return MULTIPLYING_VERBS[word]
    match = FOLD_WORD.fullmatch(word)
    if match is None:
        return None
    stem = match.group(1)
    if stem in UNITS and UNITS[stem] > 1:
        return float(UNITS[stem])
    if stem in TENS:
        return float(TENS[stem])
    return {"hundred": 100.0, "thousand": 1000.0}.get(stem)
