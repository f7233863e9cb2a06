"""The source side of verification: every sentence's quantities, their contexts and neighbours,
extracted once so that checking many claims never re-reads the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.numbers import find_quantities
from briefing.schema import Quantity, Sentence, Source
from briefing.sentences import split_sentences
from briefing.verify_context import source_context

CODE_STRIP = re.compile(r"[\s\-]")


@dataclass(frozen=True)
class SourceIndex:
    """Every source sentence with the quantities found in it (and their contexts), extracted once."""

    sentences: dict[str, Sentence]
    quantities: dict[str, list[Quantity]]  # sentence id -> its quantities, in order
    contexts: dict[str, list[frozenset[str]]]  # sentence id -> context stems, one per quantity
    windows: dict[str, list[Quantity]]  # sentence id -> quantities of it and its neighbours
    years: list[Quantity] = field(default_factory=list)
    flat_text: str = ""  # lower-cased text without spaces or hyphens, for codes like "G20"

    def all_quantities(self) -> list[Quantity]:
        return [q for quantities in self.quantities.values() for q in quantities]


def index_sources(sources: list[Source]) -> SourceIndex:
    """Extract the quantities of every sentence of every source, once."""
    sentences: dict[str, Sentence] = {}
    quantities: dict[str, list[Quantity]] = {}
    contexts: dict[str, list[frozenset[str]]] = {}
    windows: dict[str, list[Quantity]] = {}
    for source in sources:
        for sentence in source.sentences:
            sentences[sentence.id] = sentence
            found = find_quantities(sentence.text, sentence_id=sentence.id)
            found += read_alternatives(sentence.text, sentence.id, found)
            quantities[sentence.id] = found
            contexts[sentence.id] = [source_context(sentence.text, q) for q in found]
        windows.update(_neighbourhoods([s.id for s in source.sentences], quantities))
    years = [q for qs in quantities.values() for q in qs if q.unit == "year" and q.kind == "date"]
    flat = CODE_STRIP.sub("", " ".join(s.text for s in sentences.values()).lower())
    return SourceIndex(sentences, quantities, contexts, windows, years, flat)


def _neighbourhoods(ids: list[str], quantities: dict[str, list[Quantity]]) -> dict[str, list[Quantity]]:
    """For each sentence, the quantities of it and the sentence on either side."""
    return {
        sid: [q for near in ids[max(0, k - 1) : k + 2] for q in quantities[near]]
        for k, sid in enumerate(ids)
    }


def read_alternatives(text: str, sentence_id: str, found: list[Quantity]) -> list[Quantity]:
    """Second readings a careless text allows: "7. 5" for 7.5, "twelve fifty" for 12.50."""
    extra: list[Quantity] = []
    for match in re.finditer(r"(?<![\d.,])(\d+)\. (\d{1,2})(?![\d,])", text):
        value = float(f"{match.group(1)}.{match.group(2)}")
        extra.append(Quantity(text=match.group(), start=match.start(), end=match.end(),
                              value=value, precision=10.0 ** -len(match.group(2)),
                              sentence_id=sentence_id))
    for first, second in zip(found, found[1:]):
        gap = text[first.end : second.start]
        words = first.text.isalpha() and second.text.split()[0].isalpha()
        if words and gap == " " and 1 <= first.value <= 99 and 10 <= second.value <= 99:
            for value in (first.value + second.value / 100, first.value * 100 + second.value):
                extra.append(second.model_copy(update={
                    "text": text[first.start : second.end], "start": first.start, "value": value,
                    "precision": 0.01 if value < 100 else 1.0,
                }))
    extra.extend(_read_money_and_cents(text, found))
    return extra


def _read_money_and_cents(text: str, found: list[Quantity]) -> list[Quantity]:
    """"twelve Euros and fifty centimes" is 12.50 euros."""
    extra: list[Quantity] = []
    for money, cents in zip(found, found[1:]):
        gap = text[money.end : cents.start]
        if money.kind == "money" and re.fullmatch(r"\s+and\s+(?:\w\s+)?", gap) and cents.value < 100:
            extra.append(money.model_copy(update={
                "text": text[money.start : cents.end], "end": cents.end,
                "value": money.value + cents.value / 100, "precision": 0.01,
            }))
    return extra


def split_source(text: str) -> list[Sentence]:
    """Sentences of a source text, split the way ingest splits an article."""
    return split_sentences(text)
