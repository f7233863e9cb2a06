"""Whose figure is it, when the source says so with a possessive: "It was Saka's 14th goal of the
season" does not back "Kulusevski's equalizer was his 14th goal", nor "one behind Mbappe's eight"
"Messi finished with eight goals".

The source's owner is a capitalised name with "'s" at most three words before its number (a day
or month owns nothing: "Sunday's 3-1 win"). The claim's owner is its own possessive before the
number, else the last capitalised word before it in its clause; it must be a name the matched
source sentence also writes, so that the sentence itself sets the two owners side by side. A
claim that names the source's owner anywhere is left alone: "Saka scored in Arsenal's 14th win"
may well speak of Arsenal's win.
"""

from __future__ import annotations

import re

from briefing.schema import Quantity

POSSESSOR = re.compile(
    r"\b(?P<name>(?:[A-Z][\w-]+\s+){0,3})([A-Z][\w-]+)['\u2019]s\s+(?:[a-z][\w-]*\s+){0,3}$"
)
CAPITALISED = re.compile(r"\b[A-Z][\w-]+")
CLAUSE_START = re.compile(r"[.;:!?]\s|\s[-\u2013\u2014]\s|,\s+(?:while|but|whereas)\s")
REACH = 60  # characters before a number searched for its possessor
NOT_OWNERS = frozenset(
    {"The", "A", "An", "It", "He", "She", "They", "His", "Her", "Its", "Their", "This", "That"}
    # "Sunday's 3-1 win", "March's figure": a time owns nothing
    | {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Today"}
    | {"January", "February", "March", "April", "May", "June", "July", "August", "September"}
    | {"October", "November", "December", "Yesterday", "Tonight"}
)


def possessor(text: str, quantity: Quantity) -> str | None:
    """The name a possessive gives the number to: "Saka's 14th goal" -> "Saka"."""
    found = POSSESSOR.search(text[max(0, quantity.start - REACH) : quantity.start])
    return None if found is None or found.group(2) in NOT_OWNERS else found.group(2)


def possessed_by_other(claim: Quantity, claim_text: str, source: Quantity, sentence: str) -> bool:
    """Whether the source sentence gives its figure to someone the claim does not name, while the
    claim gives it to another name of that sentence."""
    owner = possessor(sentence, source)
    if owner is None or owner.lower() in claim_text.lower():
        return False
    claimed = _claim_owner(claim_text, claim, sentence)
    # "Halvorsen's revenue" for "Halvorsen Industrial's": one owner, named shorter
    return claimed is not None and claimed != owner and claimed not in _full_name(sentence, source)


def _full_name(text: str, quantity: Quantity) -> list[str]:
    """Every word of the possessor's name: "Halvorsen Industrial's" -> Halvorsen, Industrial."""
    found = POSSESSOR.search(text[max(0, quantity.start - REACH) : quantity.start])
    return [] if found is None else [*found.group("name").split(), found.group(2)]


def _claim_owner(text: str, claim: Quantity, sentence: str) -> str | None:
    own = possessor(text, claim)
    if own is not None:
        return own if own in sentence else None
    clause = CLAUSE_START.split(text[: claim.start])[-1]
    words: list[str] = CAPITALISED.findall(clause)
    for word in reversed(words):
        if word not in NOT_OWNERS and says(sentence, word):
            return word
    return None


def says(text: str, name: str) -> bool:
    """Whether the text writes the name as a whole word."""
    return re.search(rf"\b{re.escape(name)}\b", text) is not None
