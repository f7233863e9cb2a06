"""Years a dated article names in words: in a piece dated "(Feb 25, 2009)", "last year" is 2008
and "next year" 2010. Read as source years, they back a headline's "2010" and the arithmetic of
"11-year high" (last year less 1997).
"""

from __future__ import annotations

import re

from briefing.schema import Quantity, Sentence

DATELINE_CHARS = 40  # a dateline opens the article: its year must sit this close to the start
RELATIVE = re.compile(
    r"\b(?:(?P<next>next year)|(?P<last>last year|a year ago)|(?P<this>this year)|"
    r"(?P<ago>\w+) years ago)\b",
    re.I,
)
SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def dateline_year(sentences: list[Sentence], quantities: dict[str, list[Quantity]]) -> int | None:
    """The year of the date that opens the article ("(Oct 11, 2010 8:01 AM CDT) ..."), if any."""
    if not sentences:
        return None
    first = sentences[0]
    for quantity in quantities.get(first.id, []):
        if quantity.start > DATELINE_CHARS:
            break
        if quantity.kind == "date" and quantity.unit == "year":
            return int(quantity.value)
    return None


def relative_years(sentence: Sentence, anchor: int) -> list[Quantity]:
    """The years that "last year", "next year", "this year" and "N years ago" name."""
    found: list[Quantity] = []
    for match in RELATIVE.finditer(sentence.text):
        if match.group("next"):
            year = anchor + 1
        elif match.group("last"):
            year = anchor - 1
        elif match.group("this"):
            year = anchor
        else:
            count = match.group("ago").lower()
            back = int(count) if count.isdigit() else SMALL.get(count)
            if back is None or back > 200:
                continue
            year = anchor - back
        found.append(
            Quantity(
                text=match.group(),
                start=match.start(),
                end=match.end(),
                value=float(year),
                kind="date",
                unit="year",
                sentence_id=sentence.id,
            )
        )
    return found
