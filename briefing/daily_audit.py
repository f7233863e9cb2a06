"""The audit of a multi-article brief: citations within a claim's own articles, numbers
against all of them.

A fact stated by articles A2 and A7 has its citations checked (and repaired) among A2's and A7's
sentences only, so a repaired citation never points into an unrelated article. Its numbers are
checked against every article, cited sentences first, through one index of the whole day: the
sources are indexed once, however many articles a run has. The rules are the single-article
audit's (`briefing.audit`); only the sentences a claim's citations may point at differ.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from briefing.audit import Evidence, audit_bluf, audit_claim, name_in_source, with_totals
from briefing.schema import Actor, Brief, DroppedClaim, Sentence, Source


@dataclass(frozen=True)
class ClaimOrigins:
    """The source ids each claim came from."""

    facts: dict[str, list[str]]  # fact id -> source ids
    actors: list[list[str]]  # parallel to Brief.actors
    timeline: list[list[str]]  # parallel to Brief.timeline


@dataclass(frozen=True)
class EvidenceBook:
    """The day's evidence, indexed once, and its sentences by article."""

    everything: Evidence
    by_article: dict[str, dict[str, Sentence]]

    @classmethod
    def of(cls, sources: Sequence[Source], *, exclude: Collection[str] = ()) -> EvidenceBook:
        by_article = {
            source.id: {s.id: s for s in source.sentences if s.id not in exclude}
            for source in sources
        }
        return cls(Evidence.of(sources, exclude=exclude), by_article)

    def for_articles(self, source_ids: Iterable[str]) -> Evidence:
        """Citations among the named articles' sentences (all, when none is known); numbers
        against the whole day."""
        known = [i for i in dict.fromkeys(source_ids) if i in self.by_article]
        if not known:
            return self.everything
        sentences = {k: v for i in known for k, v in self.by_article[i].items()}
        return Evidence(sentences=sentences, index=self.everything.index, text=self.everything.text)


def cited_articles(citations: Iterable[str]) -> list[str]:
    """'A3.S5' -> 'A3': the articles a claim's citations point into."""
    return list(dict.fromkeys(c.split(".", 1)[0] for c in citations if "." in c))


def audit_day(brief: Brief, book: EvidenceBook, origins: ClaimOrigins) -> Brief:
    """Check every citation and number; actors no article names are dropped."""
    everything = book.everything
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
