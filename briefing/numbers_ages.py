"""Bare numbers that are someone's age: "dead at 89", "aged 41", "Adam Leheup, 34,"."""

from __future__ import annotations

import re

from briefing.numbers_dates import MONTHS, WEEKDAYS
from briefing.numbers_words import NUMBER_WORDS
from briefing.schema import Quantity

AGE_BEFORE = re.compile(
    r"\b(?:(?:dead|died|dies|dying|death|retired?|retiring)\s+at(?:\s+the\s+age\s+of|\s+age)?"
    r"|aged?|at\s+age|at\s+the\s+age\s+of"
    # "the average age of participants was 67", "median age was 41"
    r"|\bage\b(?:\s+of\s+(?:the\s+)?[a-z]+)?\s+(?:was|is|were|of))\s+$",
    re.I,
)
MAX_AGE = 125


def read_age_phrase(text: str, quantity: Quantity) -> Quantity:
    """ "dead at 89", "died at age 89", "aged 41": a bare number that is someone's age."""
    bare = quantity.kind == "count" and quantity.unit is None and quantity.low is None
    if not bare or not 0 < quantity.value <= MAX_AGE or quantity.approx is not None:
        return quantity
    before = text[max(0, quantity.start - 40) : quantity.start]
    if not AGE_BEFORE.search(before) and not _in_apposition(text, quantity, before):
        return quantity
    return quantity.model_copy(update={"unit": "age", "kind": "other"})


APPOSITION_BEFORE = re.compile(r"\b([A-Za-z][a-z]+)\s*,\s*$")
APPOSITION_AFTER = re.compile(r"^\s*,(?!\s*\d)")  # "Tom, 5, 6, 7" is a list


def _in_apposition(text: str, quantity: Quantity, before: str) -> bool:
    """ "Adam Leheup, 34, arranged" (or lower-cased "robert gentile , 78 ,"): a whole number set
    off by commas right after a name is the named person's age."""
    name = APPOSITION_BEFORE.search(before)
    if (
        name is None
        or quantity.value != int(quantity.value)
        or quantity.text != str(int(quantity.value))
    ):
        return False
    capitalised = name.group(1)[0].isupper() or not any(c.isupper() for c in text)
    return (
        capitalised
        and name.group(1).lower() not in NUMBER_WORDS
        and name.group(1).lower() not in MONTHS
        and name.group(1).lower() not in WEEKDAYS
        and APPOSITION_AFTER.match(text[quantity.end :]) is not None
    )
