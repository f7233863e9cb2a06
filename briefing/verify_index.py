"""The source side of verification: every sentence's quantities, their contexts and neighbours,
extracted once so that checking many claims never re-reads the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from briefing.numbers import find_quantities
from briefing.numbers_digits import separators_of
from briefing.numbers_names import canonical_names
from briefing.schema import Quantity, Sentence, Source
from briefing.sentences import split_sentences
from briefing.units import UNIT_WORDS, unit_dimension
from briefing.verify_alternatives import last_scale, read_alternatives, scale_said_before
from briefing.verify_context import STOP_WORDS, in_pair, lead_words, source_context, stems
from briefing.verify_dates import dateline_year, relative_years
from briefing.verify_derive import Pool
from briefing.verify_labels import find_choices, find_markers, find_scorelines
from briefing.verify_match import DOWNWARD, UPWARD
from briefing.verify_moves import find_moves
from briefing.verify_owners import age_owner, ages_named, rank_holder
from briefing.verify_owners_clauses import Part, parts_of
from briefing.verify_pairs import PairTable, build_pairs
from briefing.verify_periods import Period, read_period
from briefing.verify_products import Basis
from briefing.verify_said_by import LABEL, Turns, read_turns
from briefing.verify_speakers import Speakers, read_speakers

BOUNDS = UPWARD | DOWNWARD
LOWER_WORD = re.compile(r"\b[a-z][a-z-]*\b")
CAPITALISED = re.compile(r"\b[A-Z][\w-]*[a-z][\w-]*")  # a capital and a small letter: "Samsung"
OPENER = re.compile(r"^\W*([A-Z][\w-]*)")
# "$1,150 each", "$38 per seat per month", "twenty-four dollars a user a month": a price of one
# thing, and the period it is paid for, if any
PRICED_AFTER = re.compile(
    r"\s*(?:(?P<each>each|apiece|a\s+piece)\b|(?:per|an?)\s+(?P<noun>[a-z]+)\b)"
    r"(?:\s*(?:per|an?|/)\s*(?P<period>month|year|week|day|hour|quarter)\b)?",
    re.I,
)
ANY_COUNT = frozenset({"person", "head", "unit", "item", "ticket"})  # "per person": any head count
PERIOD_NOUNS = frozenset({"month", "year", "week", "day", "hour", "quarter", "minute", "night"})
UP_WORDS = re.compile(
    r"\b(?:rais|rose|rise|rising|up\b|increas|grew|grow|gain|higher|hike|boost|climb|jump)", re.I
)
DOWN_WORDS = re.compile(
    r"\b(?:cut|fell|fall|down\b|off\b|discount|lower|declin|drop|reduc|less\b|sav|shr[ui]nk)",
    re.I,
)
# words by which a percentage may add to or take from a value without saying which way
ADDED_WORDS = re.compile(
    r"\b(?:premium|mark-?up|surcharge|tax|vat|tip|interest|inflation|more|extra|above|below|"
    r"under|over|cheaper|dearer|plus|change|differ|gap|margin)",
    re.I,
)
CODE_STRIP = re.compile(r"[\s\-]")
BIRTH = re.compile(r"\b(?:born|birth|b\.|n[ée]e)", re.I)
DOUBLING = re.compile(
    r"\b(?:each|both|twice|double[ds]?|doubling|half|halved|halving|apiece|pairs? of)\b", re.I
)


HEDGED_SPANS = frozenset({"more than", "over", "at least", "nearly", "almost", "about", "around"})


@dataclass(frozen=True)
class SourceIndex:
    """Every source sentence with its quantities and their contexts, extracted once."""

    sentences: dict[str, Sentence]
    quantities: dict[str, list[Quantity]]  # sentence id -> its quantities, in order
    contexts: dict[str, list[frozenset[str]]]  # sentence id -> context stems, one per quantity
    years: list[Quantity] = field(default_factory=list)
    flat_text: str = ""  # lower-cased text without spaces or hyphens, for codes like "G20"
    order: dict[str, int] = field(default_factory=dict)  # sentence id -> position in the source
    values: list[float] = field(default_factory=list)  # every quantity's value, sorted
    refs: list[tuple[str, int]] = field(default_factory=list)  # (sentence id, position), as values
    always: list[tuple[str, int]] = field(default_factory=list)  # ranges: no single value to sort
    ids: list[str] = field(default_factory=list)  # sentence ids in source order
    dimensions: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # "length" -> refs
    # "length" -> (values in the dimension's base unit, sorted; their refs), for conversions
    base_values: dict[str, tuple[list[float], list[tuple[str, int]]]] = field(default_factory=dict)
    pairs: PairTable = field(default_factory=PairTable)  # sums and differences of neighbours
    # Numbers that are labels, not amounts: score and vote halves ("4-1", "12-8") and list markers
    # ("3. CollaborateX"); a marker maps to True when it is the last of its list (it counts them).
    paired: frozenset[tuple[str, int]] = frozenset()
    markers: dict[tuple[str, int], bool] = field(default_factory=dict)
    operands: dict[str, list[Quantity]] = field(default_factory=dict)  # amounts, for arithmetic
    speakers: Speakers = field(default_factory=Speakers)  # who talks, when the source is a dialogue
    turns: Turns = field(default_factory=lambda: Turns({}, ()))  # whose line each sentence is
    # (sentence id, position) -> the period the number is said of, read on first use
    periods: dict[tuple[str, int], Period] = field(default_factory=dict)

    _parts: dict[str, list[Part]] = field(default_factory=dict, init=False, repr=False)
    _priced: dict[int, Basis | None] = field(default_factory=dict, init=False, repr=False)
    # the (change, level) pairs of each sentence, read once by `verify_partners`
    changes: dict[str, list[tuple[Quantity, Quantity]]] = field(
        default_factory=dict, init=False, repr=False
    )
    changed: list[str] = field(default_factory=list, init=False, repr=False)  # ids with any
    _near: dict[str, list[Quantity]] = field(default_factory=dict, init=False, repr=False)
    _directions: dict[tuple[str, int], str | None] = field(
        default_factory=dict, init=False, repr=False
    )

    def ages_of(self, surname: str) -> list[Quantity]:
        """The ages the source states in the sentences that name `surname`."""
        sentences = [(s.text, self.quantities[sid]) for sid, s in self.sentences.items()]
        return ages_named(surname, sentences)

    @cached_property
    def _leads(self) -> dict[tuple[str, ...], list[Quantity]]:
        found: dict[tuple[str, ...], list[Quantity]] = {}
        for sid, qs in self.quantities.items():
            for q in qs:
                lead = lead_words(self.sentences[sid].text, q)
                if lead is not None:
                    found.setdefault(lead, []).append(q)
        return found

    def stated_as(self, claim: Quantity, lead: tuple[str, ...] | None) -> Quantity | None:
        """A source number of the claim's unit after the same words but of another value, when
        no number after those words has the claim's value ("Grand Slam in nine years")."""
        if lead is None:
            return None
        same = [
            q
            for q in self._leads.get(lead, [])
            if (q.kind, q.unit, q.noun) == (claim.kind, claim.unit, claim.noun) and q.low is None
        ]
        if not same or any(abs(q.value - claim.value) < 1e-9 for q in same):
            return None
        return same[0]

    def owners_of_age(self, value: float) -> list[tuple[Quantity, str | None]]:
        """The source ages of this value, each with the person named beside it, if any."""
        return [
            (q, age_owner(self.sentences[sid].text, q))
            for sid, qs in self.quantities.items()
            for q in qs
            if q.unit == "age" and abs(q.value - value) < 1e-9
        ]

    def rank_of(self, sid: str, position: int) -> tuple[bool, str | None]:
        """Whether a source number is a rank, and whose ("third seed Kei Nishikori")."""
        return rank_holder(self.sentences[sid].text, self.quantities[sid][position])

    def period_of(self, sid: str, position: int) -> Period:
        """The reporting period a source number is said of ("$2.75 in the third quarter")."""
        key = (sid, position)
        if key not in self.periods:
            quantities = self.quantities[sid]
            self.periods[key] = read_period(
                self.sentences[sid].text, quantities[position], quantities
            )
        return self.periods[key]

    @cached_property
    def texts(self) -> list[tuple[str, str]]:
        """(id, text) of every sentence, in source order."""
        return [(sid, sentence.text) for sid, sentence in self.sentences.items()]

    @cached_property
    def pool(self) -> Pool:
        quantities = self.all_quantities()
        # A headline rounds a hedged span into another unit ("more than 43 hours": "2 days").
        spans = tuple(
            q
            for qs in self.quantities.values()
            for q in qs
            if q.kind == "duration" and q.low is None and q.approx in HEDGED_SPANS
        )
        return Pool(
            quantities,
            self.years,
            self.near,
            self.pairs,
            self.doubling,
            self.born,
            spans,
            self.direction,
            self.priced,
        )

    def pool_of(self, hints: frozenset[str]) -> Pool:
        """The pool of the sentences a claim's other numbers were found in, however far apart
        ("41 stores ... closed nine": the claim's "net gain of 32" adds up what it cites)."""
        operands = [q for sid in self.ids if sid in hints for q in self.operands.get(sid, [])]
        return replace(
            self.pool,
            operands=operands,
            years=[],  # amounts only: a year and any span the claim quotes make any year
            near=lambda _: operands,
            pairs=build_pairs([operands]),
        )

    @cached_property
    def _contexts_by_id(self) -> dict[int, frozenset[str]]:
        return {
            id(q): self.contexts[sid][k]
            for sid, qs in self.quantities.items()
            for k, q in enumerate(qs)
        }

    def context_of(self, quantity: Quantity) -> frozenset[str]:
        """The context stems of a source quantity of this index."""
        return self._contexts_by_id.get(id(quantity), frozenset())

    @cached_property
    def _doubling_ids(self) -> frozenset[str]:
        return frozenset(sid for sid, s in self.sentences.items() if DOUBLING.search(s.text))

    @cached_property
    def _birth_ids(self) -> frozenset[str]:
        return frozenset(sid for sid, s in self.sentences.items() if BIRTH.search(s.text))

    def born(self, quantity: Quantity) -> bool:
        """Whether the quantity's sentence speaks of a birth ("born in 1924", "b. 1931")."""
        return quantity.sentence_id in self._birth_ids

    def doubling(self, quantity: Quantity) -> bool:
        """Whether the quantity's sentence doubles or halves it in words ("six on each hand")."""
        return quantity.sentence_id in self._doubling_ids

    def direction(self, quantity: Quantity) -> str | None:
        """ "up" or "down" when the words just before a source percentage say which way it moves
        a value ("raised by 10%", "15% off" reads after); "still" when no word near it moves a
        value at all ("roughly 15% of the network"); else None."""
        key = (quantity.sentence_id or "", quantity.start)
        if key not in self._directions:
            self._directions[key] = self._direction(quantity)
        return self._directions[key]

    def _direction(self, quantity: Quantity) -> str | None:
        text = self.sentences[quantity.sentence_id or ""].text
        before = text[max(0, quantity.start - 30) : quantity.start]
        after = text[quantity.end : quantity.end + 12]
        both = before + " " + after
        if not any(words.search(both) for words in (UP_WORDS, DOWN_WORDS, ADDED_WORDS)):
            return "still"  # "roughly 15% of the network" moves nothing
        return way_of(before, both)

    def parts(self, sid: str) -> list[Part]:
        """The part of its sentence each quantity of sentence `sid` belongs to (computed once)."""
        found = self._parts.get(sid)
        if found is None:
            found = parts_of(self.sentences[sid].text, self.quantities[sid])
            self._parts[sid] = found
        return found

    def priced(self, quantity: Quantity) -> Basis | None:
        """What a source price is paid for: ("seat", "month") for "$38 per seat per month",
        (None, None) for "$1,150 each" or "$25 a head", None when it is no price of one thing.
        Read once per quantity."""
        key = id(quantity)
        if key not in self._priced:
            self._priced[key] = self._read_priced(quantity)
        return self._priced[key]

    def _read_priced(self, quantity: Quantity) -> Basis | None:
        text = self.sentences[quantity.sentence_id or ""].text
        match = PRICED_AFTER.match(text, quantity.end)
        if match is None:
            return None
        noun = (match.group("noun") or "").lower()
        if noun in PERIOD_NOUNS or noun in STOP_WORDS:
            return None  # "$5 an hour" is a rate; "$5 a year earlier", "a the" no price
        period = (match.group("period") or "").lower() or None
        return (None if not noun or noun in ANY_COUNT else noun), period

    @cached_property
    def words_written(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words the source writes in lower case, with the capitalised words it only ever
        writes first in a sentence or line ("First-quarter earnings ..."): ordinary words as far
        as the source shows; and every capitalised word it writes. Read once per source."""
        lower = {w for s in self.sentences.values() for w in LOWER_WORD.findall(s.text)}
        inner: set[str] = set()
        openers: set[str] = set()
        for sentence in self.sentences.values():
            for line in sentence.text.splitlines():
                first = OPENER.match(line)
                for found in CAPITALISED.finditer(line):
                    if first is not None and found.start() == first.start(1):
                        openers.add(found.group())
                    else:
                        inner.add(found.group())
        return frozenset(lower | {w.lower() for w in openers - inner}), frozenset(inner | openers)

    @cached_property
    def moves(self) -> list[tuple[Quantity, Quantity]]:
        """Every (before, after) pair the source states as one thing's move, read once."""
        return find_moves(self.sentences, self.quantities)

    @cached_property
    def move_sides(self) -> tuple[frozenset[int], frozenset[int]]:
        """The ids of the quantities that start a move, and of those that end one."""
        return (
            frozenset(id(before) for before, _ in self.moves),
            frozenset(id(after) for _, after in self.moves),
        )

    def all_quantities(self) -> list[Quantity]:
        """Every amount that arithmetic may use (no scores, no list markers)."""
        return [q for quantities in self.operands.values() for q in quantities]

    def near(self, quantity: Quantity) -> list[Quantity]:
        """The amounts of a source quantity's sentence and of the sentences either side."""
        sid = quantity.sentence_id or ""
        found = self._near.get(sid)
        if found is None:
            at = self.order.get(sid, -9)
            ids = self.ids[max(0, at - 1) : at + 2] if at >= 0 else []
            found = self._near[sid] = [q for near in ids for q in self.operands[near]]
        return found

    def by_dimension(self, dimension: str) -> list[tuple[str, int]]:
        return self.dimensions.get(dimension, [])

    def candidates(self, claim: Quantity) -> list[tuple[str, int]]:
        """Source quantities whose value could relate to the claim's, in source order.

        A claim with a convertible unit, a time of day or a range may relate to any value; any
        other claim only to values within its widest tolerance (a hedge can reach 2x).
        """
        if claim.low is not None or claim.kind == "time":
            return list(self.refs)
        low, high = reach(claim)
        found = _between(self.values, self.refs, low, high) + self.always
        if claim.kind in ("percent", "money"):  # "fell 4.2%" may restate "-4.2%", and back
            found += _between(self.values, self.refs, -high, -low)
        unit = UNIT_WORDS.get(claim.unit or "")
        if unit is not None and unit.dimension == "temperature":
            found += self.by_dimension(unit.dimension)
        elif unit is not None:
            values, refs = self.base_values.get(unit.dimension, ([], []))
            found += _between(values, refs, low * unit.factor, high * unit.factor)
        return sorted(set(found), key=lambda ref: (self.order[ref[0]], ref[1]))


def reach(claim: Quantity) -> tuple[float, float]:
    """The widest span of source values the claim could be a rounding or a bound of."""
    value, precision = abs(claim.value), claim.precision or 1.0
    if claim.approx in UPWARD:
        return value, 2 * value + precision
    if claim.approx in DOWNWARD:
        return 0.5 * value, value
    width = max(0.25 * value, precision)
    return value - width, value + width


def _between(
    values: list[float], refs: list[tuple[str, int]], low: float, high: float
) -> list[tuple[str, int]]:
    return refs[bisect.bisect_left(values, low - 1e-9) : bisect.bisect_right(values, high + 1e-9)]


def _base_values(
    quantities: dict[str, list[Quantity]],
) -> dict[str, tuple[list[float], list[tuple[str, int]]]]:
    ranked: dict[str, list[tuple[float, tuple[str, int]]]] = {}
    for sid, found in quantities.items():
        for k, quantity in enumerate(found):
            unit = UNIT_WORDS.get(quantity.unit or "")
            if unit is not None:
                ranked.setdefault(unit.dimension, []).append(
                    (quantity.value * unit.factor, (sid, k))
                )
    return {
        dimension: ([value for value, _ in sorted(pairs)], [ref for _, ref in sorted(pairs)])
        for dimension, pairs in ranked.items()
    }


def way_of(up_text: str, down_text: str) -> str | None:
    """ "up" when only `up_text` has a word of rising, "down" when only `down_text` has one of
    falling, else None: both or neither say nothing of the way."""
    ups, downs = UP_WORDS.search(up_text) is not None, DOWN_WORDS.search(down_text) is not None
    return "up" if ups and not downs else "down" if downs and not ups else None


def index_sources(sources: list[Source]) -> SourceIndex:
    """Extract the quantities of every sentence of every source, once."""
    sentences: dict[str, Sentence] = {}
    quantities: dict[str, list[Quantity]] = {}
    contexts: dict[str, list[frozenset[str]]] = {}
    for source in sources:
        # "2,5 Milliarden ... 1.200 Kommunen": one convention for the whole document
        with separators_of(source.text):
            _read_source(source, sentences, quantities, contexts)
    scores = find_scorelines(sentences, quantities)
    paired = frozenset(
        (sid, k)
        for sid, qs in quantities.items()
        for k, q in enumerate(qs)
        if in_pair(sentences[sid].text, q) or (sid, k) in scores
    )
    markers = find_markers(sentences, quantities)
    # Bounds ("over 50") are no operands either: arithmetic on them proves nothing, and nor do
    # alternatives ("hit the two or the three"): they are choices, not amounts to add.
    choices = find_choices(sentences, quantities)
    operands = {
        sid: [
            q
            for k, q in enumerate(qs)
            if (sid, k) not in paired
            and (sid, k) not in markers
            and (sid, k) not in choices
            and q.approx not in BOUNDS
        ]
        for sid, qs in quantities.items()
    }
    years = [q for qs in quantities.values() for q in qs if q.unit == "year" and q.kind == "date"]
    flat = CODE_STRIP.sub("", canonical_names(" ".join(s.text for s in sentences.values())))
    order = {sid: k for k, sid in enumerate(sentences)}
    ranked = sorted((q.value, sid, k) for sid, qs in quantities.items() for k, q in enumerate(qs))
    always = [
        (sid, k) for sid, qs in quantities.items() for k, q in enumerate(qs) if q.low is not None
    ]
    dimensions: dict[str, list[tuple[str, int]]] = {}
    for sid, qs in quantities.items():
        for k, q in enumerate(qs):
            dimension = unit_dimension(q.unit)
            if dimension is not None:
                dimensions.setdefault(dimension, []).append((sid, k))
    return SourceIndex(
        sentences,
        quantities,
        contexts,
        years,
        flat,
        order,
        [value for value, _, _ in ranked],
        [(sid, k) for _, sid, k in ranked],
        always,
        list(sentences),
        dimensions,
        _base_values(quantities),
        build_pairs(list(operands.values())),
        paired,
        markers,
        operands,
        # Speakers are counted per text: labels of two transcripts do not add up to one talk.
        read_speakers(sources[0].sentences) if len(sources) == 1 else Speakers(),
        read_turns(sources[0].sentences) if len(sources) == 1 else Turns({}, ()),
    )


def _read_source(
    source: Source,
    sentences: dict[str, Sentence],
    quantities: dict[str, list[Quantity]],
    contexts: dict[str, list[frozenset[str]]],
) -> None:
    """Every sentence of one source with its quantities and their contexts."""
    previous = frozenset[str]()
    asked = False  # the sentence before asked a question
    anchor: int | None = None
    scale: float | None = None  # the scale last said in words: "two point four million"
    for k, sentence in enumerate(source.sentences):
        sentences[sentence.id] = sentence
        found = find_quantities(sentence.text, sentence_id=sentence.id)
        carried = scale_said_before(found, scale)
        scale = last_scale(found) or scale
        found = _drop_superseded(
            found + read_alternatives(sentence.text, sentence.id, found) + carried
        )
        if k == 0:
            anchor = dateline_year([sentence], {sentence.id: found})
        if anchor is not None:
            found += relative_years(sentence, anchor)
        quantities[sentence.id] = found
        # "She was 83.": a number alone in a short sentence is said of the one before; so is
        # one that opens the answer to a question ("what, three locations?" "Four, actually").
        contexts[sentence.id] = [
            here
            if len(here) >= 2 and not (asked and _opens_answer(sentence.text, q))
            else here | previous
            for q, here in ((q, source_context(sentence.text, q)) for q in found)
        ]
        previous = stems(sentence.text)
        asked = sentence.text.rstrip().endswith("?")


def _opens_answer(text: str, quantity: Quantity) -> bool:
    """Whether the number is the first word of its sentence, past any speaker's label."""
    label = LABEL.match(text)
    start = label.end() if label is not None else 0
    return not text[start : quantity.start].strip()


def _drop_superseded(found: list[Quantity]) -> list[Quantity]:
    """ "twelve Euros and fifty centimes" is 12.50 euros, not also 12 euros."""
    longer = [q for q in found if q.kind == "money" and q.precision == 0.01]
    return [
        q
        for q in found
        if not any(
            q.kind == "money" and q.start == m.start and q.end < m.end and q is not m
            for m in longer
        )
    ]


def split_source(text: str) -> list[Sentence]:
    """Sentences of a source text, split the way ingest splits an article."""
    return split_sentences(text)
