"""The program's review of a drafted brief: citations first, then every number.

A cited id must exist, and the cited sentences must hold the claim's numbers and names; when
they do not, the citation is repaired to the best-matching source sentence, or marked
unverified. Then each number is checked against the source (`briefing.verify`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from briefing.injection import looks_like_instruction
from briefing.numbers import find_quantities
from briefing.schema import (
    Actor,
    Brief,
    CitationStatus,
    Claim,
    DroppedClaim,
    Sentence,
    Source,
    Verification,
)
from briefing.verify import SourceIndex, check_claim, index_sources

C = TypeVar("C", bound=Claim)
NAME = re.compile(r"\b[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)*")
COMMON = frozenset(
    [
        "The",
        "A",
        "An",
        "In",
        "On",
        "At",
        "Of",
        "And",
        "But",
        "For",
        "With",
        "This",
        "That",
        "These",
        "Those",
        "He",
        "She",
        "It",
        "They",
        "We",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "Now",
        "When",
        "While",
        "After",
        "Before",
        "As",
        "If",
        "Yes",
        "No",
        "Recent",
        "According",
        "During",
    ]
)


@dataclass(frozen=True)
class Evidence:
    """Everything the audit looks things up in, built once per run."""

    sentences: dict[str, Sentence]
    index: SourceIndex
    text: str  # all source texts, for name look-ups

    @classmethod
    def of(cls, sources: Sequence[Source], *, exclude: Collection[str] = ()) -> Evidence:
        """`exclude`: sentence ids that are no evidence (instruction-like text): no citation
        may point at them, no number in them supports a claim, no name in them counts."""
        if exclude:
            sources = [without_sentences(source, exclude) for source in sources]
            text = "\n".join(s.text for source in sources for s in source.sentences)
        else:
            text = "\n".join(source.text for source in sources)
        sentences = {s.id: s for source in sources for s in source.sentences}
        return cls(sentences=sentences, index=index_sources(list(sources)), text=text)


def without_sentences(source: Source, exclude: Collection[str]) -> Source:
    kept = [s for s in source.sentences if s.id not in exclude]
    return source.model_copy(update={"sentences": kept})


@lru_cache(maxsize=4096)
def values_in(text: str) -> frozenset[float]:
    return frozenset(round(q.value, 6) for q in find_quantities(text) if q.kind != "ordinal")


@lru_cache(maxsize=4096)
def names_in(text: str) -> frozenset[str]:
    """Capitalised words that are likely names (sentence-initial function words left out)."""
    found: set[str] = set()
    for match in NAME.finditer(text):
        for word in match.group(0).split():
            if word not in COMMON and len(word) > 2:
                found.add(word.lower().strip("'\u2019"))
    return frozenset(found)


def support(claim: str, sentence: str) -> tuple[int, int, float]:
    """(numbers found, names found, word overlap) of a claim in one sentence."""
    numbers, names = values_in(claim), names_in(claim)
    sentence_numbers = values_in(sentence)
    lower = sentence.lower()
    claim_words = {w for w in re.findall(r"\w+", claim.lower()) if len(w) > 3}
    sentence_words = set(re.findall(r"\w+", lower))
    overlap = len(claim_words & sentence_words) / len(claim_words) if claim_words else 0.0
    return (
        len(numbers & sentence_numbers),
        sum(1 for name in names if name in lower),
        overlap,
    )


def holds(claim: str, cited: Sequence[Sentence]) -> bool:
    """Do the cited sentences, together, contain the claim's numbers and names?"""
    if not cited:
        return False
    joined = " ".join(s.text for s in cited)
    numbers, names = values_in(claim), names_in(claim)
    if not numbers <= values_in(joined):
        return False
    lower = joined.lower()
    missing = [name for name in names if name not in lower]
    # Tolerate one paraphrased name ("Moscow" for "Russia"); two are a wrong citation.
    return len(missing) <= max(0, len(names) // 3)


def check_citations(
    text: str, citations: Sequence[str], evidence: Evidence
) -> tuple[list[str], CitationStatus]:
    """Valid citations that hold the claim, or a repaired one, or 'unverified'."""
    valid = [c for c in dict.fromkeys(citations) if c in evidence.sentences]
    if holds(text, [evidence.sentences[c] for c in valid]):
        return valid, "ok"
    best = best_sentence(text, evidence)
    if best is not None:
        return [best], "repaired"
    return valid, "unverified"


def best_sentence(text: str, evidence: Evidence) -> str | None:
    """The one source sentence that best holds the claim, if any holds it."""
    ranked = sorted(
        evidence.sentences.values(),
        key=lambda s: support(text, s.text),
        reverse=True,
    )
    for sentence in ranked[:3]:
        if holds(text, [sentence]):
            return sentence.id
    return None


def audit_claim(claim: C, evidence: Evidence) -> C:
    citations, status = check_citations(claim.text, claim.citations, evidence)
    numbers = check_claim(claim.text, citations, evidence.index)
    return claim.model_copy(
        update={"citations": citations, "citation_status": status, "numbers": numbers}
    )


def audit_bluf(claim: Claim, evidence: Evidence) -> Claim:
    """The BLUF spans several facts: its numbers are checked against the whole source."""
    citations = [c for c in claim.citations if c in evidence.sentences]
    numbers = check_claim(claim.text, citations, evidence.index)
    status: CitationStatus = "ok" if citations else "unverified"
    return claim.model_copy(
        update={"citations": citations, "citation_status": status, "numbers": numbers}
    )


def name_in_source(name: str, source_text: str) -> bool:
    lower = source_text.lower()
    if name.lower() in lower:
        return True
    last = name.split()[-1].lower() if name.split() else ""
    return len(last) > 3 and re.search(rf"\b{re.escape(last)}\b", lower) is not None


def audit_brief(
    brief: Brief, sources: Sequence[Source], evidence: Evidence, *, keep_title: bool = False
) -> Brief:
    """Check every citation and number; actors the source never names are dropped.

    `keep_title`: the title is the analyst's (--title), kept verbatim whatever its numbers.
    """
    actors: list[Actor] = []
    dropped = list(brief.dropped)
    for actor in brief.actors:
        if not name_in_source(actor.name, evidence.text):
            dropped.append(
                DroppedClaim(
                    section="actors",
                    text=f"{actor.name}: {actor.action.text}",
                    reason="the source never names this actor",
                )
            )
            continue
        actors.append(actor.model_copy(update={"action": audit_claim(actor.action, evidence)}))
    timeline = []
    for event in brief.timeline:
        if event.when.lower() not in evidence.text.lower():
            dropped.append(
                DroppedClaim(
                    section="timeline",
                    text=f"{event.when}: {event.text}",
                    reason=f"the source never says {event.when!r}",
                )
            )
            continue
        timeline.append(audit_claim(event, evidence))
    audited = brief.model_copy(
        update={
            "title": brief.title if keep_title else checked_title(brief.title, sources, evidence),
            "bluf": audit_bluf(brief.bluf, evidence),
            "facts": [audit_claim(f, evidence) for f in brief.facts],
            "actors": actors,
            "implications": [audit_claim(i, evidence) for i in brief.implications],
            "timeline": timeline,
            "dropped": dropped,
        }
    )
    return with_totals(audited)


def checked_title(title: str, sources: Sequence[Source], evidence: Evidence) -> str:
    """A title is shown without marks, so one with an unsupported number is replaced."""
    if all(n.supported for n in check_claim(title, [], evidence.index)):
        return title
    first = sources[0]
    plain = [s.text for s in first.sentences if not looks_like_instruction(s.text)]
    return first.title or (plain[0] if plain else first.name)


def title_warning(title: str, evidence: Evidence) -> str | None:
    """A line for the analyst when their --title has numbers the source does not support."""
    failing = [n.text for n in check_claim(title, [], evidence.index) if not n.supported]
    if not failing:
        return None
    numbers = ", ".join(repr(text) for text in failing)
    return f"the title {title!r} is kept as given, but the source does not support {numbers}"


def claims_of(brief: Brief) -> list[Claim]:
    return [
        brief.bluf,
        *brief.facts,
        *(a.action for a in brief.actors),
        *brief.implications,
        *brief.timeline,
    ]


def with_totals(brief: Brief) -> Brief:
    """Recompute the verification totals from the claims."""
    by_status: dict[str, int] = {}
    supported = total = 0
    claims = claims_of(brief)
    for claim in claims:
        for number in claim.numbers:
            total += 1
            supported += number.supported
            by_status[number.status] = by_status.get(number.status, 0) + 1
    verification = Verification(
        numbers=total,
        supported=supported,
        by_status=dict(sorted(by_status.items())),
        citations_repaired=sum(c.citation_status == "repaired" for c in claims),
        citations_unverified=sum(c.citation_status == "unverified" for c in claims[1:]),
        dropped=len(brief.dropped),
    )
    return brief.model_copy(update={"verification": verification})
