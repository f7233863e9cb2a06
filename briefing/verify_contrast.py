"""Two figures of one kind set against each other in one sentence, each in its own clause.

"In the north, 230 people died; in the south, 45." A claim that "230 people died in the south"
takes the words of the 45's clause for the 230. "Serious side effects occurred in 8.4% of
patients taking the drug and 7.9% of those on placebo": "8.4% of placebo patients" is the 7.9%'s.
The words that tell the two clauses apart decide: the claim must not say the other clause's own
words while saying none of the matched clause's own words.
"""

from __future__ import annotations

import re

from briefing.schema import Quantity
from briefing.verify_context import STOP_WORDS, stem
from briefing.verify_match import relate_values, same_number
from briefing.verify_owners_clauses import MOVE_STEMS
from briefing.verify_whose import comparable

# Where one figure's clause ends and the next one's begins.
CUT = re.compile(
    r"[;,:]\s|\s[-\u2013\u2014]\s|\b(?:and|but|while|whereas|against|versus|vs|compared\s+with"
    r"|compared\s+to)\b",
    re.I,
)
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
REACH = 5  # content words either side of a figure, within its clause, that may set it apart
RIVAL_REACH = 120  # characters: figures set against each other stand this close
KINDS = frozenset({"count", "money", "percent", "measure", "duration", "rate", "time"})


def clause_of(text: str, quantity: Quantity, others: list[Quantity]) -> str:
    """The content words that belong to this figure: up to five either side, from the cut before
    it to the cut after it, and never past another figure (`others`)."""
    left_stop = max((q.end for q in others if q.end <= quantity.start), default=0)
    right_stop = min((q.start for q in others if q.start >= quantity.end), default=len(text))
    cuts = [m.end() for m in CUT.finditer(text, left_stop, quantity.start)]
    start = cuts[-1] if cuts else left_stop
    ahead = CUT.search(text, quantity.end, right_stop)
    end = ahead.start() if ahead else right_stop
    before = [w for w in WORD.findall(text[start : quantity.start]) if _content(w)][-REACH:]
    after = [w for w in WORD.findall(text[quantity.end : end]) if _content(w)][:REACH]
    if not before and not after and len(cuts) > 1:
        # "in the south, 45": a bare figure takes the words of the stretch just before it
        before = [w for w in WORD.findall(text[cuts[-2] : start]) if _content(w)][-REACH:]
    return " ".join([*before, *after])


def _names(clause: str) -> bool:
    return any(word[:1].isupper() for word in clause.split())


def _subject(sentence: str, beside: list[Quantity]) -> frozenset[str]:
    """The words of a sentence before its first figure and its first cut: what it is about."""
    first = min((q.start for q in beside), default=len(sentence))
    cut = CUT.search(sentence, 0, first)
    return words(sentence[: cut.start() if cut else first])


def _restates(said: Quantity, rival: Quantity) -> bool:
    """The claim gives the rival figure too ("after growing by about 431,000"): it has both."""
    return same_number(said, rival) or (
        said.kind == rival.kind and relate_values(said, rival) is not None
    )


JOINS = frozenset({"to", "-", "\u2013", "and", "or", "of", "of the", "of its", "out of"})


def _joined(text: str, a: Quantity, b: Quantity) -> bool:
    """ "50,000 to 70,000": two ends of one range; "five of the seven board members": a part of
    a whole, whose noun is both's. Neither is two figures set against each other."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return text[first.end : second.start].strip().lower() in JOINS


def words(text: str) -> frozenset[str]:
    """Content stems, less the words of a move ("an increase of sales from $437 million"): they
    say how two figures relate, not which is which."""
    return frozenset(stem(w.lower()) for w in WORD.findall(text) if _content(w)) - MOVE_STEMS


def _content(word: str) -> bool:
    return len(word) > 2 and word.lower() not in STOP_WORDS


def contrasted_away(
    claim: Quantity,
    claim_text: str,
    claim_beside: list[Quantity],
    source: Quantity,
    sentence: str,
    beside: list[Quantity],
) -> str | None:
    """Why the claim's figure is refused, when the claim's clause says what sets another figure
    of the matched sentence apart, and nothing that sets the matched figure apart; else None."""
    if source.kind not in KINDS:
        return None
    rivals = [
        q
        for q in beside
        if q is not source
        and (q.kind, q.unit) == (source.kind, source.unit)
        and (q.kind != "count" or None in (q.noun, source.noun) or q.noun == source.noun)
        and not any(_restates(said, q) for said in claim_beside)
        and not _joined(sentence, source, q)
        and abs(q.start - source.start) <= RIVAL_REACH
        and comparable(q.value, source.value)  # "thirty-two" is no rival of "seventy-five K"
    ]
    if not rivals:
        return None
    own_clause = clause_of(sentence, source, [q for q in beside if q is not source])
    own = words(own_clause)
    if not own:
        return None  # "so 172 total": nothing sets the matched figure apart
    # "Digital sales grew 11% and now account for 18%": a clause with no name of its own shares
    # the sentence's subject
    shared = frozenset() if _names(own_clause) else _subject(sentence, beside)
    said = words(clause_of(claim_text, claim, [q for q in claim_beside if q is not claim]))
    for rival in rivals:
        theirs = words(clause_of(sentence, rival, [q for q in beside if q is not rival])) - shared
        if said & (theirs - own) and not said & (own - theirs):
            return f"the claim's words fit the source's {rival.text!r}, not {source.text!r}"
    return None
