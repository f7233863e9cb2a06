"""The audit of a multi-article brief: each claim against the articles it came from.

A fact stated by articles A2 and A7 has its citations checked (and repaired) among A2's and A7's
sentences only, so a repaired citation never points into an unrelated article; the BLUF spans
the day and its numbers are checked against every article. The rules are the single-article
audit's (`briefing.audit`); only the evidence each claim is held to differs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefing.audit import Evidence, audit_bluf, audit_claim, name_in_source, with_totals
from briefing.schema import Actor, Brief, DroppedClaim, Source

EVIDENCE_KEPT = 8  # indexed article sets kept at once; claims come in article order


@dataclass(frozen=True)
class ClaimOrigins:
    """The source ids each claim came from."""

    facts: dict[str, list[str]]  # fact id -> source ids
    actors: list[list[str]]  # parallel to Brief.actors
    timeline: list[list[str]]  # parallel to Brief.timeline


@dataclass
class EvidenceBook:
    """Evidence for a set of articles, built on demand and kept for the last few sets."""

    sources: dict[str, Source]
    _kept: OrderedDict[tuple[str, ...], Evidence] = field(default_factory=OrderedDict)

    @classmethod
    def of(cls, sources: Sequence[Source]) -> EvidenceBook:
        return cls({source.id: source for source in sources})

    def for_articles(self, source_ids: Iterable[str]) -> Evidence:
        """Evidence over the named articles (every article when none of them is known)."""
        wanted = set(source_ids)
        key = tuple(i for i in self.sources if i in wanted) or tuple(self.sources)
        if key in self._kept:
            self._kept.move_to_end(key)
            return self._kept[key]
        evidence = Evidence.of([self.sources[i] for i in key])
        self._kept[key] = evidence
        if len(self._kept) > EVIDENCE_KEPT:
            self._kept.popitem(last=False)
        return evidence


def cited_articles(citations: Iterable[str]) -> list[str]:
    """'A3.S5' -> 'A3': the articles a claim's citations point into."""
    return list(dict.fromkeys(c.split(".", 1)[0] for c in citations if "." in c))


def audit_day(brief: Brief, sources: Sequence[Source], origins: ClaimOrigins) -> Brief:
    """Check every citation and number; actors no article names are dropped."""
    book = EvidenceBook.of(sources)
    everything = book.for_articles(book.sources)
    key_origins = [o for fid in brief.key_fact_ids for o in origins.facts.get(fid, [])]
    facts = [audit_claim(f, book.for_articles(origins.facts.get(f.id, []))) for f in brief.facts]
    implications = [
        audit_claim(i, book.for_articles(cited_articles(i.citations) or key_origins))
        for i in brief.implications
    ]
    timeline = [
        audit_claim(event, book.for_articles(where))
        for event, where in zip(brief.timeline, origins.timeline, strict=True)
    ]
    actors: list[Actor] = []
    dropped = list(brief.dropped)
    for actor, where in zip(brief.actors, origins.actors, strict=True):
        if not name_in_source(actor.name, everything.text):
            dropped.append(
                DroppedClaim(
                    section="actors",
                    text=f"{actor.name}: {actor.action.text}",
                    reason="no article names this actor",
                )
            )
            continue
        action = audit_claim(actor.action, book.for_articles(where))
        actors.append(actor.model_copy(update={"action": action}))
    audited = brief.model_copy(
        update={
            "bluf": audit_bluf(brief.bluf, everything),
            "facts": facts,
            "actors": actors,
            "implications": implications,
            "timeline": timeline,
            "dropped": dropped,
        }
    )
    return with_totals(audited)


def keep_references(brief: Brief) -> Brief:
    """After a policy dropped facts: key facts and sections name only facts still present."""
    present = {fact.id for fact in brief.facts}
    sections = [
        s.model_copy(update={"fact_ids": [i for i in s.fact_ids if i in present]})
        for s in brief.sections
    ]
    key = [i for i in brief.key_fact_ids if i in present]
    return brief.model_copy(update={"sections": sections, "key_fact_ids": key})
