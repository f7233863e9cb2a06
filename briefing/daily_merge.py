"""Across articles: one pool of facts, actors and events, what the synthesis reads, and the
brief's parts numbered for the reader.

The same fact from two articles becomes one fact citing both articles' sentences, and every
pooled item remembers the articles it came from (`origins`), so the audit can check it against
those articles. Matching is the single-article rule (`summarize.same_text`, `same_actor`) made
fast for hundreds of articles by an index that yields only the items that could match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.articles import ArticleNotes
from briefing.llm_schemas import NoteActor, NoteEvent, Synthesis
from briefing.schema import Actor, Claim, Fact, TimelineEvent
from briefing.summarize import (
    MergedFact,
    MergedNotes,
    normalize_id,
    pick_key_facts,
    same_actor,
    same_text,
    words,
)

SECTION_FACTS = 6  # facts shown per article section: the article's first (most important) ones
SYNTHESIS_FACTS = 60  # facts the synthesis reads: enough to choose from, bounded in tokens
KEY_ACTORS = 16  # actors in the brief's table: those most articles mention first
TIMELINE_EVENTS = 20


@dataclass
class PooledFact:
    text: str
    citations: list[str]
    origins: list[str]  # source ids ("A3") of the articles that state it


class FactPool:
    """Facts de-duplicated across articles; a repeated fact unites its citations and origins."""

    def __init__(self) -> None:
        self.facts: list[PooledFact] = []
        self._by_word: dict[str, list[int]] = {}

    def add(self, fact: MergedFact, origin: str) -> int | None:
        """The pool index of this fact (new or matched); None for an empty fact."""
        text = " ".join(fact.text.split())
        if not text:
            return None
        found = self.find(text)
        if found is not None:
            pooled = self.facts[found]
            pooled.citations.extend(c for c in fact.citations if c not in pooled.citations)
            if origin not in pooled.origins:
                pooled.origins.append(origin)
            return found
        self.facts.append(PooledFact(text, list(dict.fromkeys(fact.citations)), [origin]))
        index = len(self.facts) - 1
        for word in words(text):
            self._by_word.setdefault(word, []).append(index)
        return index

    def find(self, text: str) -> int | None:
        """The first pooled fact that `same_text` matches, as a linear scan would find it.

        A match shares at least ceil(4/5 of our words) with us (Jaccard >= 0.8), so by
        pigeonhole it holds one of any (n - that + 1) of our words: the rarest are probed.
        """
        mine = words(text)
        if not mine:
            return None
        needed = -(-4 * len(mine) // 5)
        probe = sorted(mine, key=lambda w: (len(self._by_word.get(w, ())), w))
        candidates = {i for w in probe[: len(mine) - needed + 1] for i in self._by_word.get(w, ())}
        return next((i for i in sorted(candidates) if same_text(self.facts[i].text, text)), None)


@dataclass
class ActorPool:
    """Actors merged across articles ('Blinken' and 'Antony Blinken' are one)."""

    actors: list[NoteActor] = field(default_factory=list)
    origins: list[list[str]] = field(default_factory=list)
    _by_last: dict[str, list[int]] = field(default_factory=dict)

    def add(self, actor: NoteActor, origin: str) -> None:
        name = " ".join(actor.name.split())
        if not name:
            return
        last = name.lower().split()[-1]  # same_actor never matches names that end differently
        for index in self._by_last.get(last, []):
            existing = self.actors[index]
            if same_actor(existing.name, name):
                longer = name if len(name) > len(existing.name) else existing.name
                citations = list(dict.fromkeys([*existing.citations, *actor.citations]))
                self.actors[index] = existing.model_copy(
                    update={
                        "name": longer,
                        "role": existing.role or actor.role,
                        "citations": citations,
                    }
                )
                if origin not in self.origins[index]:
                    self.origins[index].append(origin)
                return
        self.actors.append(actor.model_copy(update={"name": name}))
        self.origins.append([origin])
        self._by_last.setdefault(last, []).append(len(self.actors) - 1)

    def most_mentioned(self, limit: int) -> list[int]:
        """Indices of the actors most articles mention, first mention breaking ties."""
        ranked = sorted(range(len(self.actors)), key=lambda i: (-len(self.origins[i]), i))
        return [i for i in ranked if self.actors[i].action.strip()][:limit]


@dataclass
class DayNotes:
    """Every article's notes pooled; `sections[k]` lists article k's facts as pool indices."""

    facts: FactPool = field(default_factory=FactPool)
    actors: ActorPool = field(default_factory=ActorPool)
    events: list[tuple[NoteEvent, list[str]]] = field(default_factory=list)
    sections: list[list[int]] = field(default_factory=list)


def pool_notes(articles: Sequence[ArticleNotes]) -> DayNotes:
    """Pool the articles' notes in article order (the order decides ids, so reruns agree)."""
    day = DayNotes()
    for article in articles:
        origin = article.source.id
        indices = [day.facts.add(fact, origin) for fact in article.facts]
        day.sections.append(list(dict.fromkeys(i for i in indices if i is not None)))
        for actor in article.actors:
            day.actors.add(actor, origin)
        for event in article.events:
            add_event(day, event, origin)
    return day


def add_event(day: DayNotes, event: NoteEvent, origin: str) -> None:
    if not (event.text.strip() and event.when.strip()):
        return
    for kept, origins in day.events:
        if same_text(kept.text, event.text):
            if origin not in origins:
                origins.append(origin)
            return
    if len(day.events) < TIMELINE_EVENTS:
        day.events.append((event, [origin]))


def synthesis_input(day: DayNotes, limit: int = SYNTHESIS_FACTS) -> list[int]:
    """The facts the synthesis reads: corroborated ones, then each article's best in turn."""
    corroborated = [i for i, f in enumerate(day.facts.facts) if len(f.origins) > 1]
    by_rank = [
        section[rank]
        for rank in range(max((len(s) for s in day.sections), default=0))
        for section in day.sections
        if rank < len(section)
    ]
    return list(dict.fromkeys([*corroborated[: limit // 2], *by_rank]))[:limit]


def synthesis_notes(day: DayNotes, chosen: Sequence[int]) -> MergedNotes:
    """The chosen facts as F1..Fn, with the most-mentioned actors."""
    facts = [
        MergedFact(id=f"F{n}", text=day.facts.facts[i].text, citations=day.facts.facts[i].citations)
        for n, i in enumerate(chosen, start=1)
    ]
    actors = [day.actors.actors[i] for i in day.actors.most_mentioned(KEY_ACTORS)]
    return MergedNotes(facts=facts, actors=actors)


@dataclass(frozen=True)
class NumberedFacts:
    """The brief's facts: key facts first, then each section's in article order."""

    facts: list[Fact]
    origins: dict[str, list[str]]  # fact id -> source ids
    key_ids: list[str]
    section_ids: list[list[str]]  # per article, parallel to DayNotes.sections


def number_facts(
    day: DayNotes, chosen: Sequence[int], synthesis: Synthesis, max_key_facts: int
) -> NumberedFacts:
    notes = synthesis_notes(day, chosen)
    key = [chosen[int(f.id[1:]) - 1] for f in pick_key_facts(notes, synthesis, max_key_facts)]
    shown = [section[:SECTION_FACTS] for section in day.sections]
    order = list(dict.fromkeys([*key, *(i for section in shown for i in section)]))
    ids = {index: f"F{n}" for n, index in enumerate(order, start=1)}
    pooled = day.facts.facts
    facts = [Fact(id=ids[i], text=pooled[i].text, citations=pooled[i].citations) for i in order]
    return NumberedFacts(
        facts=facts,
        origins={ids[i]: list(pooled[i].origins) for i in order},
        key_ids=[ids[i] for i in key],
        section_ids=[[ids[i] for i in section] for section in shown],
    )


def brief_actors(day: DayNotes) -> tuple[list[Actor], list[list[str]]]:
    """The actors' table and each actor's origins, most-mentioned first."""
    chosen = day.actors.most_mentioned(KEY_ACTORS)
    actors = [
        Actor(
            name=day.actors.actors[i].name,
            kind=day.actors.actors[i].kind,
            role=day.actors.actors[i].role.strip(),
            action=Claim(
                text=day.actors.actors[i].action.strip(),
                citations=[normalize_id(c) for c in day.actors.actors[i].citations],
            ),
        )
        for i in chosen
    ]
    return actors, [list(day.actors.origins[i]) for i in chosen]


def brief_timeline(day: DayNotes) -> tuple[list[TimelineEvent], list[list[str]]]:
    events = [
        TimelineEvent(
            when=event.when.strip(),
            text=event.text.strip(),
            citations=[normalize_id(c) for c in event.citations],
        )
        for event, _ in day.events
    ]
    return events, [list(origins) for _, origins in day.events]
