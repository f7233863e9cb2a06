"""A headline's tally of what befell people, summed across the article.

"18 Killed in Baghdad Blasts" adds the "at least five" of one bombing to the "13 women" of another;
"Jordan Executes 15" adds the 10 men of the first sentence to the "five others" of the fourth. A
news story reports each incident in its own paragraph, so unlike general arithmetic (neighbouring
sentences only) the two operands may sit anywhere, but each must be said with a word of the same
fate as the claim's: deaths add to deaths, injuries to injuries, never to each other.
"""

from __future__ import annotations

import re

from briefing.numbers_words import NUMBER_WORDS
from briefing.schema import Quantity
from briefing.verify_derive import VICTIMS, Derivation
from briefing.verify_index import SourceIndex
from briefing.verify_match import PEOPLE

# Words that name one fate each, by how they begin ("killed", "killing", "kills").
FATES: dict[str, re.Pattern[str]] = {
    "death": re.compile(r"(?:dead|die[sd]?|dying|kill|death|execut|slain|fatal|murder)", re.I),
    "harm": re.compile(r"(?:injur|wound|hurt|hospital(?:i[sz]|s$))", re.I),
    "custody": re.compile(r"(?:arrest|detain|detention)", re.I),
    "saved": re.compile(r"(?:rescu|evacu|safe$|safely)", re.I),
    "missing": re.compile(r"(?:missing|unaccounted)", re.I),
}
WORD = re.compile(r"[^\W\d_]+")
CLAUSE_BREAK = re.compile(r"[,;\n]|[.!?](?=\s)|\b(?:and|while|but|whereas)\b", re.I)
FATE_REACH = 40  # characters between a number and the word that says what befell them
NOT_FATES = frozenset({"diet", "diets", "diesel", "killer", "killers", "deadline"})
OPERAND_BOUNDS = frozenset({"at least", "more than", "over"})  # a lower bound still adds up
MAX_VICTIMS = 10_000


def tally_fate(claim: Quantity, claim_text: str, index: SourceIndex) -> Derivation | None:
    """Two source counts of people who met the claim's fate, anywhere in the text, summed; for
    "17 dead or injured", a count of each of its two fates."""
    if not is_head_count(claim) or claim.value > MAX_VICTIMS:
        return None
    fates = joined_fates(claim_text, claim)
    if not fates:
        fate = fate_near(claim_text, claim)
        if fate is None:
            return None
        fates = {fate}
    counts = [
        (q, fate_near(index.sentences[q.sentence_id or ""].text, q)) for q in _people_counts(index)
    ]
    counts = [(q, f) for q, f in counts if f in fates]
    for i, (a, fate_a) in enumerate(counts):
        for b, fate_b in counts[i + 1 :]:
            # Equal operands ("two men ... two men") are most often one group named twice.
            apart = len(fates) == 1 or fate_a != fate_b
            if a.value + b.value == claim.value and a.value != b.value and apart:
                shown = f"{a.text} + {b.text} = {a.value + b.value:,.0f}"
                return Derivation(shown, a)
    return None


def fate_near(text: str, quantity: Quantity) -> str | None:
    """The fate named by the word nearest the number ("killing one and injuring nine": harm).

    A fate word in the number's own clause wins ("12 were arrested and 4 officers injured": the
    4 were injured, though "arrested" is nearer); failing that, the nearest with no other number
    between them.
    """
    starts = [0, *(m.end() for m in CLAUSE_BREAK.finditer(text, 0, quantity.start))]
    stop = CLAUSE_BREAK.search(text, quantity.end)
    clause_start, clause_end = starts[-1], stop.start() if stop else len(text)
    clause = text[clause_start:clause_end]
    if len(_fates_in(clause)) > 1:
        return None  # "eight killed or wounded": both fates, so neither alone
    own = _nearest_fate(clause, quantity, clause_start)
    return own if own is not None else _nearest_fate(text, quantity, 0)


# "17 dead or injured", "3 Dead or Missing", "12 people killed and wounded"
JOINED = re.compile(r"\s+(?:[a-z]+\s+)?([^\W\d_]+)\s+(?:or|and|and/or)\s+([^\W\d_]+)\b", re.I)


def joined_fates(text: str, quantity: Quantity) -> set[str]:
    """The two fates a number is said of at once ("17 dead or injured"), or none."""
    match = JOINED.match(text, quantity.end)
    if match is None:
        return set()
    fates = {_fate_of(match.group(1)), _fate_of(match.group(2))}
    return {f for f in fates if f is not None} if None not in fates and len(fates) == 2 else set()


def _fates_in(text: str) -> set[str]:
    return {fate for match in WORD.finditer(text) if (fate := _fate_of(match.group()))}


def _fate_of(word: str) -> str | None:
    """The fate a word names ("killed": death), if any; "diesel" and "deadline" name none."""
    if word.lower() in NOT_FATES:
        return None
    return next((fate for fate, pattern in FATES.items() if pattern.match(word)), None)


def _nearest_fate(text: str, quantity: Quantity, offset: int) -> str | None:
    start, end = quantity.start - offset, quantity.end - offset
    best: tuple[int, str] | None = None
    for match in WORD.finditer(text):
        fate = _fate_of(match.group())
        if fate is None:
            continue
        gap = max(match.start() - end, start - match.end())
        between = text[min(end, match.end()) : max(start, match.start())]
        if _holds_number(between):
            continue  # "3,000 civilians and 40 wounded": the wounding is the 40's
        if gap <= FATE_REACH and (best is None or gap < best[0]):
            best = (gap, fate)
    return None if best is None else best[1]


def _holds_number(text: str) -> bool:
    return any(c.isdigit() for c in text) or any(
        w.lower() in NUMBER_WORDS and w.lower() not in ("a", "an") for w in WORD.findall(text)
    )


def is_head_count(quantity: Quantity) -> bool:
    """A whole count of people, or of nothing named: what a fate word may be said of."""
    return (
        quantity.kind == "count"
        and quantity.unit is None
        and quantity.value == int(quantity.value)
        and quantity.low is None
        and (
            quantity.noun is None
            or quantity.noun in PEOPLE
            or quantity.noun in VICTIMS
            or quantity.noun == "other"
        )
    )


def _people_counts(index: SourceIndex) -> list[Quantity]:
    found: list[Quantity] = []
    for sid, quantities in index.quantities.items():
        for k, quantity in enumerate(quantities):
            if (sid, k) in index.paired or (sid, k) in index.markers:
                continue
            bounded_ok = quantity.approx is None or quantity.approx in OPERAND_BOUNDS
            if bounded_ok and is_head_count(quantity):
                found.append(quantity)
    return found
