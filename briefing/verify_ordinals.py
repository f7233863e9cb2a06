"""Where a position also gives a count, and where "second" is a position at all.

"Three words" is not "the third word", so a count and an ordinal never match in general. Two kinds
of sentence are exceptions: "a third person has died" means three are dead by now, and "on the
fourth launch attempt" means four tries. Both need the ordinal to name the person or the attempt
directly, and the claim to count the same fate or the attempts.

"second" is no ordinal for the parser (it is as often a unit of time), so "Obama's 2nd state
dinner" is read against the source's "the second state dinner" here, by the words around it.
"""

from __future__ import annotations

import re

from briefing.numbers_nouns import singular
from briefing.schema import Quantity
from briefing.verify_context import SOURCE_WINDOW, stem, stems
from briefing.verify_match import noun_follows
from briefing.verify_tally import fate_near

ATTEMPT_NOUNS = frozenset({"attempt", "try", "bid", "tries", "attempts", "bids"})
PERSON_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?:person|people|victim|man|woman|child|boy|girl|worker|body|death)\b", re.I
)
ATTEMPT_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:attempt|try|bid)\b", re.I)
GOALS_LINE = re.compile(r"\bGoals?\s*:")
SCORER_BEFORE = re.compile(r"([A-Z][\w'-]+)\s+(?:\d+\s*,\s*)*$")  # "Austin 12, 78"
NUMBERED = re.compile(r"\bNo\.\s*$")
SECOND = re.compile(r"\bsecond\s+(?!half\b|quarter\b|hand\b|thought)([a-z]+)", re.I)


def ordinal_counts(claim: Quantity, claim_text: str, source: Quantity, sentence: str) -> bool:
    """Whether the source ordinal, a head count so far ("a third person has died"), backs the
    claim's count ("3 dead") of the same fate, or its tally of attempts ("4 tries")."""
    if claim.kind != "count" or source.kind != "ordinal" or claim.value != source.value:
        return False
    after = sentence[source.end :]
    if _owned_so_far(claim, sentence, source):
        return True
    if claim.noun in ATTEMPT_NOUNS:
        return ATTEMPT_AFTER.match(after) is not None
    fate = fate_near(claim_text, claim)
    return (
        fate is not None
        and PERSON_AFTER.match(after) is not None
        and fate_near(sentence, source) == fate
    )


# a milestone: "collected its 24th sample", "won his 24th title", "opened its fourth location";
# "Our third product is a scanner" enumerates, it counts nothing so far
POSSESSIVE_BEFORE = re.compile(
    r"\b(?:collected|gathered|opened|won|claimed|scored|recorded|earned|launched|secured|"
    r"clinched|captured|reached|added|signed|played|completed|hit|made)\s+(?:its|his|her|their)\s+$",
    re.I,
)


def _owned_so_far(claim: Quantity, sentence: str, source: Quantity) -> bool:
    """ "collected its 24th rock sample" has 24 samples, "his 24th PGA Tour title" 24 titles:
    a possessive ordinal counts its own noun so far ("the 5th floor" is no five floors)."""
    if claim.noun is None or not POSSESSIVE_BEFORE.search(sentence[: source.start]):
        return False
    return noun_follows(claim.noun, sentence, source)


def goal_minute(claim: Quantity, claim_text: str, source: Quantity, sentence: str) -> bool:
    """ "Goals: Phillips 7; Hill 55; Austin 78": a match report's scorer line gives the minute
    that a claim's "Austin scored in the 78th minute" names, when the claim names the scorer."""
    if claim.kind != "ordinal" or claim.noun != "minute" or claim.value != source.value:
        return False
    if source.kind != "count" or GOALS_LINE.search(sentence) is None:
        return False
    scorer = SCORER_BEFORE.search(sentence[: source.start])
    return scorer is not None and scorer.group(1).lower() in claim_text.lower()


def second_in(
    claim: Quantity, claim_text: str, context: frozenset[str], sentences: list[tuple[str, str]]
) -> str | None:
    """The id of a source sentence whose "second <noun>" is the claim's "2nd" (or "No. 2"),
    said among the claim's own words; None when there is none."""
    ordinal = claim.kind == "ordinal" or _numbered(claim, claim_text)
    if claim.value != 2 or not ordinal or not context:
        return None
    for sid, text in sentences:
        for match in SECOND.finditer(text):
            if claim.noun is not None:  # "2nd state dinner": the same thing is second
                if stem(claim.noun) == stem(singular(match.group(1).lower())):
                    return sid
                continue
            window = text[max(0, match.start() - SOURCE_WINDOW) : match.end() + SOURCE_WINDOW]
            if len(context & stems(window)) >= 2:
                return sid
    return None


def _numbered(claim: Quantity, claim_text: str) -> bool:
    """ "Baby No. 2": a count the parser read after "No." is a position."""
    return claim.kind == "count" and NUMBERED.search(claim_text[: claim.start]) is not None
