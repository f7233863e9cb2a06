"""Numbers that are part of a name rather than an amount: "World War Two", "the Second World War".

Such a number is read as a code: the claim is supported when the source names the same thing in
any of its spellings ("World War II", "WW2", "the Second World War"), and never compared as a count.
"""

from __future__ import annotations

import re

from briefing.numbers_words import Token

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


def canonical_names(text: str) -> str:
    """Lower-cased text with every spelling of a world war's name made one: "world war 2"."""

    def one(match: re.Match[str]) -> str:
        word = (match.group("n") or match.group("w") or "").lower()
        number = WAR_NUMBERS.get(word) or WAR_ORDINALS.get((match.group("o") or "").lower())
        return f"world war {number}"

    return _WAR_FORMS.sub(one, text.lower())
