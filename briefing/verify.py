"""Check every number of a claim against the source: exact, rounded, converted, derived, or
unsupported / mismatch.

The source is indexed once (`index_sources`): every sentence's quantities are extracted up front, so
checking a claim is a scan over pre-built quantities. A claim's cited sentences are tried first,
then the whole source; derivations and the mismatch verdict come last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.numbers import find_quantities
from briefing.schema import SUPPORTED_STATUSES, Evidence, NumberCheck, Quantity, Sentence, Source
from briefing.verify_derive import derive
from briefing.verify_match import Relation, kind_fit, relate_values

RANK: dict[str, int] = {"exact": 0, "rounded": 1, "converted": 2}
CODE_STRIP = re.compile(r"[\s\-]")


@dataclass(frozen=True)
class SourceIndex:
    """Every source sentence with the quantities found in it, extracted once."""

    sentences: dict[str, Sentence]
    quantities: dict[str, list[Quantity]]  # sentence id -> its quantities, in order
    years: list[Quantity] = field(default_factory=list)
    flat_text: str = ""  # lower-cased text without spaces or hyphens, for codes like "G20"

    def all_quantities(self) -> list[Quantity]:
        return [q for quantities in self.quantities.values() for q in quantities]


@dataclass(frozen=True)
class _Found:
    status: str
    source: Quantity
    arithmetic: str | None = None


def index_sources(sources: list[Source]) -> SourceIndex:
    """Extract the quantities of every sentence of every source, once."""
    sentences: dict[str, Sentence] = {}
    quantities: dict[str, list[Quantity]] = {}
    for source in sources:
        for sentence in source.sentences:
            sentences[sentence.id] = sentence
            found = find_quantities(sentence.text, sentence_id=sentence.id)
            quantities[sentence.id] = found + read_alternatives(sentence.text, sentence.id, found)
    years = [q for qs in quantities.values() for q in qs if q.unit == "year" and q.kind == "date"]
    flat = CODE_STRIP.sub("", " ".join(s.text for s in sentences.values()).lower())
    return SourceIndex(sentences, quantities, years, flat)


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
    return extra


def check_claim(text: str, citations: list[str], index: SourceIndex) -> list[NumberCheck]:
    """One NumberCheck per quantity in `text`; cited sentences are tried first, then the source."""
    return [check_quantity(q, citations, index) for q in find_quantities(text)]


def check_document(source_text: str, claims_text: str) -> list[NumberCheck]:
    """Check every number of a free text (a draft, another tool's summary) against a source text."""
    source = Source(name="source", text=source_text, sentences=split_source(source_text), sha256="")
    return check_claim(claims_text, [], index_sources([source]))


def split_source(text: str) -> list[Sentence]:
    """Sentences of a source text, from `briefing.ingest` when it is there."""
    try:
        from briefing.ingest import split_sentences  # type: ignore[attr-defined]
    except ImportError:
        return _split_sentences(text)
    sentences: list[Sentence] = split_sentences(text)
    return sentences


def _split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for match in re.finditer(r"[^\n]+?(?:[.!?](?=\s+[\"'(\[A-Z0-9])|$|\n)", text, re.MULTILINE):
        body = match.group().strip()
        if body:
            start = match.start() + match.group().index(body)
            sentences.append(Sentence(id=f"S{len(sentences) + 1}", text=body, start=start,
                                      end=start + len(body)))
    return sentences


def check_quantity(claim: Quantity, citations: list[str], index: SourceIndex) -> NumberCheck:
    """The status of one claim quantity, with the source sentence that supports or contradicts it."""
    if claim.unit == "code":
        return _check_code(claim, index)
    cited = [sid for sid in citations if sid in index.quantities]
    scopes = [cited, list(index.quantities)] if cited else [list(index.quantities)]
    conflict: Quantity | None = None
    for scope in scopes:
        found, clash = _match_in(claim, scope, index)
        if found is not None:
            return _checked(claim, found, index)
        conflict = conflict or clash
    operands = [q for sid in _unique(cited + list(index.quantities)) for q in index.quantities[sid]]
    derivation = derive(claim, operands, index.years)
    if derivation is not None:
        return _checked(claim, _Found("derived", derivation.operand, derivation.arithmetic), index)
    if conflict is not None:
        return _checked(claim, _Found("mismatch", conflict), index)
    return _checked(claim, None, index)


def _match_in(claim: Quantity, scope: list[str], index: SourceIndex) -> tuple[_Found | None, Quantity | None]:
    best: tuple[int, Relation, Quantity] | None = None
    conflict: Quantity | None = None
    for sid in scope:
        sentence = index.sentences[sid].text
        for source in index.quantities[sid]:
            if kind_fit(claim, source, sentence) == "conflict":
                if conflict is None and _same_number(claim, source):
                    conflict = source
                continue
            relation = relate_values(claim, source)
            if relation is not None and (best is None or RANK[relation] < best[0]):
                best = (RANK[relation], relation, source)
        if best is not None and best[0] == 0:
            break
    return (None if best is None else _Found(best[1], best[2])), conflict


def _same_number(claim: Quantity, source: Quantity) -> bool:
    return abs(claim.value - source.value) <= 1e-9 * max(1.0, abs(claim.value))


def _check_code(claim: Quantity, index: SourceIndex) -> NumberCheck:
    code = CODE_STRIP.sub("", claim.text.lower())
    if code not in index.flat_text:
        return _checked(claim, None, index)
    for sid, sentence in index.sentences.items():
        if code in CODE_STRIP.sub("", sentence.text.lower()):
            quote = Quantity(text=claim.text, start=0, end=0, value=claim.value, sentence_id=sid)
            return _checked(claim, _Found("exact", quote), index)
    return _checked(claim, None, index)


def _checked(claim: Quantity, found: _Found | None, index: SourceIndex) -> NumberCheck:
    status = "unsupported" if found is None else found.status
    supported = status in SUPPORTED_STATUSES
    evidence = None
    if found is not None and found.source.sentence_id in index.sentences:
        sentence = index.sentences[found.source.sentence_id]
        evidence = Evidence(sentence_id=sentence.id, text=sentence.text, quote=found.source.text)
    return NumberCheck(
        text=claim.text, start=claim.start, end=claim.end, value=claim.value, unit=claim.unit,
        kind=claim.kind, status=status,  # type: ignore[arg-type]
        supported=supported, how=status if supported else None, evidence=evidence,
        arithmetic=None if found is None else found.arithmetic,
        note=_note(status, found),
    )


def _note(status: str, found: _Found | None) -> str | None:
    if status == "mismatch" and found is not None:
        what = found.source.noun or found.source.unit or found.source.kind
        return f"the source's {found.source.text!r} is about {what}, not this"
    if status == "unsupported":
        return "no source number gives this value"
    return None


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))
