"""How a claim's own text is read before its numbers are checked: a time written in pieces is
one time ("2:12:33", "3 minutes 27 seconds"), the brief's own labels are no numbers ("see S2"),
a bare number after a capitalised word may name a model the source skipped ("a Boeing 737"),
and a named number ("Windows 11") is checked only where the source writes that name with one.
"""

from __future__ import annotations

import re

from briefing.numbers import name_of_code
from briefing.numbers_names import canonical_names
from briefing.schema import Quantity
from briefing.verify_alternatives import read_compound_spans, read_race_times
from briefing.verify_index import CODE_STRIP, SourceIndex

NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")


def whole_times(found: list[Quantity], text: str) -> list[Quantity]:
    """A claim's "2:12:33" or "3 minutes 27 seconds" is one time, checked whole, not its pieces."""
    times = read_race_times(text, None) + read_compound_spans(text, found)
    if not times:
        return found
    kept = [q for q in found if not any(t.start <= q.start and q.end <= t.end for t in times)]
    return sorted(kept + times, key=lambda q: q.start)


LABEL = re.compile(r"(?:A\d+\.)?[SF]\d{1,4}")


def is_label(quantity: Quantity, text: str, index: SourceIndex) -> bool:
    """The brief's own labels written into a claim ("see S2 and F3"): a source sentence's id,
    or a fact's beside one, is a reference, not a number about the world."""
    if quantity.unit != "code" or not LABEL.fullmatch(quantity.text):
        return False
    ids = {match.group() for match in LABEL.finditer(text)}
    return quantity.text in index.sentences or bool(ids & index.sentences.keys())


def name_numbered_elsewhere(claim: Quantity, index: SourceIndex) -> Quantity | None:
    """The source's own number of the name a claim's code starts with: its "Boeing 737" for
    the claim's "Boeing 787"."""
    name = name_of_code(claim.text)
    if name is None:
        return None
    return next(
        (
            q
            for quantities in index.quantities.values()
            for q in quantities
            if q.unit == "code" and name_of_code(q.text) == name
        ),
        None,
    )


def unnamed_in_source(quantity: Quantity, index: SourceIndex) -> bool:
    """A name with a number ("COVID-19", "Windows 11") that the source never writes with a
    number of its own: a name, not a figure the source could support or refute."""
    if quantity.unit != "code" or name_of_code(quantity.text) is None:
        return False
    code = CODE_STRIP.sub("", canonical_names(quantity.text))
    return code not in index.flat_text and name_numbered_elsewhere(quantity, index) is None


def model_number(claim: Quantity, claim_text: str, index: SourceIndex) -> Quantity | None:
    """A bare number the source writes only inside a name ("a Boeing 737", "the iPhone 15"),
    which the source's reading skips as no amount: "a Sky Atlantic 737" names that model."""
    if claim.kind != "count" or claim.unit or not claim.text.isdigit():
        return None
    if claim.noun is not None and not NAME_BEFORE.search(claim_text[: claim.start]):
        return None  # "737 planes" counts planes; "Atlantic 737 dived" names a model
    pattern = re.compile(rf"\b[A-Z][\w-]*\s+({claim.text})\b(?![.,]\d)")
    for sid, sentence in index.sentences.items():
        match = pattern.search(sentence.text)
        if match is not None and not any(q.start == match.start(1) for q in index.quantities[sid]):
            return claim.model_copy(
                update={"text": match.group(), "sentence_id": sid, "start": match.start()}
            )
    return None
