"""The thing a number counts: the head noun after it ("11,000 North Korean troops" -> "troop"),
the noun a coordinated count leaves out ("3 plants in Ohio and 2 in Texas"), and a rate said
after that noun ("300 shells per day").
"""

from __future__ import annotations

import re

from briefing.numbers_words import Token, low_at
from briefing.schema import Quantity

RATE_PERIODS = {
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "hour": "h",
    "annum": "year",
    "night": "day",
    "minute": "min",
    "second": "s",
    "capita": "person",
    "person": "person",
    "head": "person",
}
RATE_LEADS = frozenset({"per", "a", "an", "each", "every", "/"})
# Words after a number that are not the thing it counts.
NOT_NOUNS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "as",
        "than",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        # verbs and adjectives that follow a number without naming what it counts
        "got",
        "get",
        "gets",
        "went",
        "came",
        "made",
        "took",
        "short",
        "shy",
        "ahead",
        "behind",
        "higher",
        "lower",
        "fewer",
        "better",
        "worse",
        "remain",
        "remained",
        "remains",
        "should",
        "do",
        "does",
        "did",
        "not",
        "no",
        "per",
        "who",
        "which",
        "what",
        "when",
        "where",
        "while",
        "after",
        "before",
        "since",
        "until",
        "into",
        "onto",
        "over",
        "under",
        "up",
        "down",
        "out",
        "off",
        "about",
        "around",
        "more",
        "less",
        "most",
        "least",
        "only",
        "just",
        "also",
        "still",
        "even",
        "again",
        "ago",
        "each",
        "every",
        "all",
        "both",
        "some",
        "any",
        "other",
        "such",
        "said",
        "says",
        "say",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "them",
        "him",
        "us",
        "me",
        "there",
        "here",
        "then",
        "so",
        "if",
        "because",
        "been",
        "later",
        "earlier",
        "last",
        "next",
        "new",
        "old",
    ]
)
IRREGULAR_SINGULARS = {
    "men": "man",
    "women": "woman",
    "people": "person",
    "children": "child",
    "persons": "person",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "lives": "life",
    "wives": "wife",
    "police": "police",
    "staff": "staff",
}


POINT_IN_TIME = frozenset({"earlier", "ago", "before", "later", "previously", "prior"})


def parse_noun_rate(tokens: list[Token], i: int) -> str | None:
    """ "300 shells per day": a rate said after the counted noun, as "per day"."""
    j = i
    while j < len(tokens) and j < i + 3 and tokens[j].is_word and tokens[j].low not in RATE_LEADS:
        j += 1
    if low_at(tokens, j) in ("per", "each", "every", "a") and low_at(tokens, j + 1) in RATE_PERIODS:
        if low_at(tokens, j + 2) in POINT_IN_TIME:
            return None  # "1,855 officers a year earlier": then, not a rate
        return f"per {RATE_PERIODS[low_at(tokens, j + 1)]}"
    return None


def parse_noun(tokens: list[Token], i: int, *, vague: bool = False) -> str | None:
    """The head noun a number counts, from the run of words after it ("troops")."""
    if vague and low_at(tokens, i) == "of":
        i += 1
    compound = _compound_word(tokens, i)
    if compound is not None:
        return singular(compound)  # "a five-storey hotel" counts storeys, not hotels
    words: list[str] = []
    while i < len(tokens) and len(words) < 3:
        token = tokens[i]
        if token.low == "-" and words:
            i += 1
            continue
        if not token.is_word or token.low in NOT_NOUNS:
            break
        if low_at(tokens, i + 1) == ":":
            break  # "so 12\nGran: I've ordered": the next speaker's name counts nothing
        words.append(token.low)
        i += 1
    if not words:
        return None
    # "North Korean troops arrived": the plural is the head; without one, the first word.
    plural = [w for w in words if w in IRREGULAR_SINGULARS or (w.endswith("s") and w[-2:] != "ss")]
    return singular(plural[0] if plural else words[0])


def _compound_word(tokens: list[Token], i: int) -> str | None:
    """The word glued to the number by a hyphen ("five-storey", "12-man"), if any."""
    if i < 1 or i + 1 >= len(tokens) or tokens[i].low != "-":
        return None
    hyphen, word = tokens[i], tokens[i + 1]
    glued = tokens[i - 1].end == hyphen.start and hyphen.end == word.start
    if not glued or not word.is_word or word.low in NOT_NOUNS or word.low.endswith("ed"):
        return None  # "a 3-based podcast", "two-pronged": adjectives name no counted thing
    return word.low


def singular(word: str) -> str:
    """A crude singular, enough to compare "troops" with "troop" and "men" with "man"."""
    if word in IRREGULAR_SINGULARS:
        return IRREGULAR_SINGULARS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]  # "illnesses", "losses", "businesses"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# "3 factories in Ohio and 2 in Texas", "killed 12 people and injured 40": the second count's
# noun is the first's when a conjunction joins them and nothing of its own follows the number.
ELIDED_BETWEEN = re.compile(r"[^.;:!?\d]{0,60}?(?:\band|\bbut|\bwhile|,)\s+(?:[a-z]+\s+)?$")
ELIDED_AFTER = re.compile(r"\s*(?:$|[.,;:)!?]|(?:in|at|on|from|for|of|to|by|with|each)\b)")


def inherit_elided_nouns(text: str, found: list[Quantity]) -> list[Quantity]:
    """The quantities with a left-out noun filled in from the count it is coordinated with."""
    result = list(found)
    for k in range(1, len(result)):
        before, here = result[k - 1], result[k]
        plain = here.kind == before.kind == "count" and here.unit is None and before.unit is None
        if not plain or here.noun is not None or before.noun is None:
            continue
        if ELIDED_BETWEEN.fullmatch(text[before.end : here.start]) and ELIDED_AFTER.match(
            text, here.end
        ):
            result[k] = here.model_copy(update={"noun": before.noun})
    return result


# "47 minutes in February, down from 58 in January", "fell to 1.14 billion euros, missing the
# forecast of 1.29 billion", "our alerting target is 5": a bare figure set against a measured
# one in the same sentence is in its unit.
ELIDED_UNIT_LINK = re.compile(
    r"[^.!?\d]{0,80}?\b(?:from|than|versus|vs\.?|against|of|is|was|were|at|(?:clos|near)er\s+to)\s+"
    r"(?:about|around|roughly|nearly|almost|some|just|only|a|an)?\s*$",
    re.I,
)
MOVE_HEDGE = r"(?:about|around|roughly|nearly|almost|some|just)?"  # "from about 47 to 35"
FROM_END = re.compile(rf"\bfrom\s+{MOVE_HEDGE}\s*$", re.I)
MOVE_TO = re.compile(rf"\s*(?:to|and)\s+{MOVE_HEDGE}\s*", re.I)
ELIDED_UNIT_AFTER = re.compile(r"\s*(?:$|[.,;:)!?]|(?:in|at|on|for|a|an|the|last|this|and|but)\b)")
DATES_BETWEEN = re.compile(r"\d[\d:,./]*")  # the digits of a date or time passed over
UNIT_KINDS = frozenset({"money", "duration", "measure", "percent"})
SUBUNITS = ("cent", "pence", "penny")


def inherit_elided_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """The quantities with a left-out unit filled in from the measured figure before them, past
    any dates between ("47 minutes in February, down from 58"); and a move's start priced by
    the period its end is priced by ("from £32 to £38 a month")."""
    result = _rates_of_a_move(text, found)
    before: Quantity | None = None  # the last figure read that is no date or time
    for k, here in enumerate(result):
        if before is not None and _takes_unit_of(text, before, here):
            here = result[k] = here.model_copy(update={"unit": before.unit, "kind": before.kind})
        if here.kind not in ("date", "time"):
            before = here
    return result


def _rates_of_a_move(text: str, found: list[Quantity]) -> list[Quantity]:
    result = list(found)
    for k in range(len(found) - 1):
        start, end = found[k], found[k + 1]
        if start.kind != "money" or end.kind != "rate" or start.low is not None:
            continue
        if (end.unit or "").split(" per ")[0] != start.unit:
            continue
        if FROM_END.search(text[: start.start]) and MOVE_TO.fullmatch(text[start.end : end.start]):
            result[k] = start.model_copy(update={"unit": end.unit, "kind": "rate"})
    return result


def _takes_unit_of(text: str, before: Quantity, here: Quantity) -> bool:
    bare = here.kind == "count" and here.unit is None and here.noun is None
    if not bare or here.low is not None or before.kind not in UNIT_KINDS:
        return False
    if before.unit is None or before.low is not None or _in_subunits(before):
        return False
    big, small = max(here.value, before.value), min(here.value, before.value)
    if small <= 0 or big / small > 100:
        return False
    between = DATES_BETWEEN.sub(" ", text[before.end : here.start])
    if not ELIDED_UNIT_AFTER.match(text, here.end):
        return False
    # "from 47 minutes to 35": a move's two ends; "grew to 1,430" after "$100,000" is no end
    move = FROM_END.search(text[: before.start]) and MOVE_TO.fullmatch(between)
    return bool(ELIDED_UNIT_LINK.fullmatch(between) or move)


def _in_subunits(quantity: Quantity) -> bool:
    """ "84 cents", "50p": written in a coin, not in the unit a bare figure would take ("per
    cent" and "percent" are no cents)."""
    words = re.findall(r"[a-z]+", quantity.text.lower())
    return any(word.rstrip("s") in SUBUNITS for word in words) and "per" not in words


# "occupancy fell 2 points, to 71%", "71%, down 2 points": points beside a rate are its points
POINTS_BESIDE = re.compile(
    r"\s*(?:points?\b)?\s*[,(]?\s*(?:(?:to|from|at|down|up|off|a\s+(?:drop|fall|rise|gain)\s+of)\s+)*",
    re.I,
)


def points_of_a_rate(text: str, found: list[Quantity]) -> list[Quantity]:
    """Counts of "points" next to a percentage read as percentage points."""
    result = list(found)
    for k, here in enumerate(result):
        if here.kind != "count" or here.noun != "point" or here.unit is not None:
            continue
        if here.value >= 100 or here.low is not None:
            continue
        after = result[k + 1] if k + 1 < len(result) else None
        before = result[k - 1] if k > 0 else None
        if _a_rate_beside(text, here, after, after_it=True) or _a_rate_beside(
            text, here, before, after_it=False
        ):
            result[k] = here.model_copy(update={"unit": "pp", "kind": "percent", "noun": None})
    return result


def _a_rate_beside(text: str, points: Quantity, other: Quantity | None, *, after_it: bool) -> bool:
    """Whether `other` is a percentage right after (or before) the points, with only a link
    between ("2 points, to 71%", "71%, down 2 points")."""
    if other is None or other.unit != "%":
        return False
    between = text[points.end : other.start] if after_it else text[other.end : points.start]
    return POINTS_BESIDE.fullmatch(between) is not None
