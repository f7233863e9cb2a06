"""Whose age is it: "Abdelkrim Elmezayen, 8," is wrong when the source gives Elmezayen as the
13-year-old and another boy as the eight-year-old. An age names its person right beside it
("Name, 8," / "Name, the 17-year-old" / "17-year-old Name"); when the source states ages in the
sentences that name that person, the claim's age must be one of them; when every source age of
that value is named for someone else, it is not the claim's person's.
"""

from __future__ import annotations

import re

from briefing.numbers_nouns import singular
from briefing.schema import Quantity
from briefing.verify_match import PEOPLE

NAME = r"[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)*"
NAME_BEFORE = re.compile(rf"({NAME})\s?,\s*(?:the\s+|a\s+)?$")  # " , ": tokenized text
# After an age, only a full name: "78-year-old Connecticut man" is no person called Connecticut.
NAME_AFTER = re.compile(r"\s+([A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)+)")
AGE_AFTER_COMMA = re.compile(r"\s*(?:[,)]|and\b|$)")
SURNAME_MIN = 3  # letters: shorter capitalised words are initials or titles
MAX_AGE = 120
NOT_NAMES = frozenset({"The", "A", "An", "He", "She", "They", "His", "Her", "Mr", "Mrs", "Ms"})


def age_owner(text: str, quantity: Quantity) -> str | None:
    """The surname of the person a claim's age belongs to, when the text names one beside it.

    A lower-cased summary ("muhammadu buhari, 17-year-old,") is read title-cased; the surname
    then only matches where the source writes it as a name.
    """
    titled = text.title()
    lowered = text == text.lower() and len(titled) == len(text)
    if lowered:
        text = titled
    if not _may_be_age(text, quantity):
        return None
    before = NAME_BEFORE.search(text[max(0, quantity.start - 60) : quantity.start])
    if before is not None:
        return _surname(before.group(1))
    if quantity.unit == "age" and not lowered:  # title-cased, every following word is a "name"
        after = NAME_AFTER.match(text, quantity.end)
        if after is not None:
            return _surname(after.group(1))
    return None


def ages_named(surname: str, sentences: list[tuple[str, list[Quantity]]]) -> list[Quantity]:
    """The ages stated in the source sentences (text, quantities) that name `surname`, and in the
    sentence after each: "... Dave Chappelle. The 41-year-old comedian ..." """
    # "Berg" is not "Berger", but "the Gavers" are Gavers and "Gaver's" is Gaver.
    base = _base(surname)
    word = re.compile(rf"\b{re.escape(base)}(?:s|'s)?\b")
    named = [word.search(text) is not None for text, _ in sentences]
    return [
        quantity
        for k, (text, quantities) in enumerate(sentences)
        if named[k] or (k > 0 and named[k - 1])
        for quantity in quantities
        if _may_be_age(text, quantity)
    ]


def _may_be_age(text: str, quantity: Quantity) -> bool:
    if quantity.unit == "age":
        return True
    bare = quantity.kind == "count" and quantity.unit is None and quantity.noun is None
    if not bare or not 0 < quantity.value <= MAX_AGE or quantity.value != int(quantity.value):
        return False
    appositive = NAME_BEFORE.search(text[max(0, quantity.start - 60) : quantity.start])
    return appositive is not None and bool(AGE_AFTER_COMMA.match(text, quantity.end))


def _surname(name: str) -> str | None:
    words = [word for word in name.split() if word not in NOT_NAMES]
    if not words or len(words[-1]) < SURNAME_MIN:
        return None
    if singular(words[-1].lower()) in PEOPLE:
        return None  # a title-cased headline's "Woman, 90," names nobody
    return _base(words[-1])


def _base(surname: str) -> str:
    """ "Gavers", "Gaver's" and "Gaver" are one family name; compared in this form on both sides."""
    if surname.endswith("'s"):
        surname = surname[:-2]
    return surname[:-1] if surname.endswith("s") and len(surname) > SURNAME_MIN + 1 else surname


RANK_BEFORE = re.compile(r"(?:\b(?:[Nn]umber|No\.?|no\.|ranked|seeded)|#)\s*$")
SEED_AFTER = re.compile(r"[\s-]*(?:seed(?:ed)?|ranked)\b", re.I)  # "third seed", "23rd-ranked"
HOLDER_AFTER = re.compile(rf"(?:[\s-]*(?:seed(?:ed)?|ranked))?\s+({NAME})")


HOLDER_BEFORE = re.compile(
    r"\b([A-Z][a-z'\-]+),\s+(?:the\s+)?(?:(?i:world)\s+)?(?i:ranked|no\.|number|seeded)\s*$"
)


def rank_holder(text: str, quantity: Quantity) -> tuple[bool, str | None]:
    """Whether the number is a rank ("world number two", "third seed", "No. 3"), and the surname
    of the player it ranks when one follows it ("third seed Kei Nishikori")."""
    if quantity.kind not in ("count", "ordinal") or quantity.unit is not None:
        return False, None
    before = text[max(0, quantity.start - 12) : quantity.start]
    if not RANK_BEFORE.search(before) and not SEED_AFTER.match(text, quantity.end):
        return False, None
    holder = HOLDER_AFTER.match(text, quantity.end)
    if holder is not None:
        return True, _surname(holder.group(1))
    # "Okafor, ranked 23rd," and "Okafor, the world No. 23,": the holder before the rank
    named = HOLDER_BEFORE.search(text[max(0, quantity.start - 40) : quantity.start])
    return True, None if named is None else named.group(1)


def ranks_fit(claim: tuple[bool, str | None], source: tuple[bool, str | None]) -> bool:
    """A rank is backed only by a rank of the same player: "world number two" is not a
    "two-time winner", and "third seed Wawrinka" is not "third seed Nishikori"."""
    if not claim[0]:
        return True
    return source[0] and (claim[1] is None or source[1] is None or claim[1] == source[1])
