"""A figure of another named subject, in another sentence: "Apple led the market with a 22% share"
when the source says "Apple ... giving it a 21% share" and then "Samsung shipped 53.5 million
units for a 22% share". Each figure is in the source; the claim gave Samsung's to Apple.

The claim's subject is a name in the claim's clause before its number that the source also writes.
The matched figure is questioned only when its own sentence does not name that subject but names
another one before the figure, in the figure's clause, and another sentence that names the
claim's subject gives a figure of the same kind. A name after the figure ("..., analysts at Morgan
Stanley said") is a source, not a subject, and never counts.
"""

from __future__ import annotations

import re

from briefing.schema import Quantity
from briefing.verify_index import CAPITALISED, LOWER_WORD, SourceIndex
from briefing.verify_match import same_number
from briefing.verify_possessors import NOT_OWNERS, says
from briefing.verify_whose import comparable

CLAUSE_CUT = re.compile(r"[.;:!?]\s|\s[-\u2013\u2014]\s|,\s+(?:while|but|whereas|and)\s|\bwhile\b")


def named_elsewhere(
    claim: Quantity,
    claim_text: str,
    wanted: frozenset[str],
    index: SourceIndex,
    ref: tuple[str, int],
) -> bool:
    """Whether the claim's named subject has its own figure of this kind, about the same thing
    (`wanted`: the claim's context stems), in another sentence, while the matched figure's
    sentence gives it to another named subject."""
    if claim.kind in ("date", "time"):
        return False  # a year or a day is shared by every subject of a story
    sid, position = ref
    source = index.quantities[sid][position]
    sentence = index.sentences[sid].text
    ordinary, written = index.words_written
    claim_words = frozenset(LOWER_WORD.findall(claim_text))
    subjects = {
        name
        for name in _names_before(claim_text, claim.start, ordinary, claim_words)
        if name in written
    }
    if not subjects or any(says(sentence, name) for name in subjects):
        return False
    if not _names_before(sentence, source.start, ordinary, claim_words) - subjects:
        return False
    for other_id, other_sentence in index.sentences.items():
        if other_id == sid or not any(says(other_sentence.text, name) for name in subjects):
            continue
        for rival in index.quantities.get(other_id, []):
            alike = (rival.kind, rival.unit) == (source.kind, source.unit)
            rival_of_it = alike and not same_number(rival, source)
            # the rival measures what the claim and the matched figure speak of ("share")
            about_it = index.context_of(rival) & index.context_of(source) & wanted
            if rival_of_it and comparable(rival.value, source.value) and about_it:
                return True
    return False


def _names_before(
    text: str, end: int, ordinary: frozenset[str], claim_words: frozenset[str]
) -> set[str]:
    """Names in the clause before `end`: capitalised words neither the source nor the claim
    writes in lower case ("Revenue" opening a sentence is the word "revenue"; "Samsung" is a
    name)."""
    clause = CLAUSE_CUT.split(text[:end])[-1]
    return {
        word
        for word in CAPITALISED.findall(clause)
        if word.lower() not in ordinary and word.lower() not in claim_words
    } - NOT_OWNERS
