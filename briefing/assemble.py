"""Turn merged notes and the model's synthesis into an unchecked draft of the brief.

The program guards against what small models do: copy the prompt's own wording into a field,
repeat a judgment, or cite by writing "[S3]" into the text. What it cannot trust it replaces
with text taken from the facts, which the audit then checks like everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from briefing.audit import names_in
from briefing.injection import looks_like_instruction
from briefing.llm_schemas import Synthesis
from briefing.schema import Actor, Claim, Fact, Implication, Source, TimelineEvent
from briefing.summarize import (
    STATEMENT_ENDS,
    MergedNotes,
    StyleLimits,
    clean_claim,
    looks_like_headline,
    pick_key_facts,
    same_text,
    split_markers,
    words,
)

BLUF_FACTS = 2  # facts a BLUF is built from when the model's cannot be used


@dataclass(frozen=True)
class Draft:
    title: str
    bluf: Claim
    facts: list[Fact]
    actors: list[Actor]
    implications: list[Implication]
    timeline: list[TimelineEvent]


def echoes(text: str, instructions: Sequence[str]) -> bool:
    """True when `text` merely repeats a line of the prompt or schema it was asked with."""
    mine = words(text)
    if len(mine) < 3:
        return False
    return any(
        len(mine & words(line)) >= 0.8 * len(mine)
        for block in instructions
        for line in block.splitlines()
    )


def choose_title(
    synthesis: Synthesis,
    sources: Sequence[Source],
    instructions: Sequence[str],
    override: str | None,
    *,
    extractive: bool = False,
    fallback: str | None = None,
) -> str:
    """The model's title if it is its own and in the article's words; else `fallback`, else
    the first article's own title or headline."""
    if override:
        return override
    title, _ = split_markers(synthesis.title)
    own_words = words(title) and not echoes(title, instructions)
    own_words = own_words and not looks_like_instruction(title)
    if not extractive and own_words and grounded(title, sources):
        return title
    # A small model's headline misspells names; the article's own is better.
    return fallback or fallback_title(sources[0])


def grounded(text: str, sources: Sequence[Source]) -> bool:
    """At least half of the title's content words occur in the sources."""
    content = [w for w in words(text) if len(w) > 3]
    if not content:
        return False
    corpus = " ".join(source.text.lower() for source in sources)
    return sum(w in corpus for w in content) * 2 >= len(content)


def names_known(text: str, sources: Sequence[Source]) -> bool:
    """Every name the text uses occurs in the sources (a small model invents agencies)."""
    corpus = " ".join(source.text.lower() for source in sources)
    return all(name in corpus for name in names_in(text))


def fallback_title(source: Source) -> str:
    """The article's own title, else its first headline-like line, else its first sentence."""
    if source.title:
        return source.title
    # Instruction-like text is no title, even when the article puts it first.
    sentences = [s for s in source.sentences if not looks_like_instruction(s.text)]
    for sentence in sentences[:6]:
        if len(sentence.text.split()) >= 3 and looks_like_headline(sentence.text):
            return sentence.text
    if not sentences:
        return source.name
    first = sentences[0].text
    return first if len(first) <= 90 else first[:90].rsplit(" ", 1)[0] + "\u2026"


class Quotable(Protocol):
    """A fact from the notes or from the brief: text and the sentences it cites."""

    @property
    def text(self) -> str: ...

    @property
    def citations(self) -> list[str]: ...


def compose_bluf(facts: Sequence[Quotable]) -> str:
    return " ".join(f.text if f.text.endswith(STATEMENT_ENDS) else f"{f.text}." for f in facts)


def choose_bluf(
    synthesis: Synthesis,
    key_facts: Sequence[Quotable],
    limits: StyleLimits,
    instructions: Sequence[str],
) -> Claim:
    """The model's BLUF, unless the profile is extractive or the model echoed its prompt."""
    top = key_facts[:BLUF_FACTS]
    citations = list(dict.fromkeys(c for f in key_facts[:3] for c in f.citations))
    text, _ = split_markers(synthesis.bluf)
    if limits.style == "extractive" or not words(text) or echoes(text, instructions):
        text = compose_bluf(top)
        citations = list(dict.fromkeys(c for f in top for c in f.citations))
    return Claim(text=text, citations=citations)


def draft_implications(
    synthesis: Synthesis,
    sources: Sequence[Source],
    limits: StyleLimits,
    instructions: Sequence[str],
) -> list[Implication]:
    """The model's judgments, without echoes and repeats; a small model's only when grounded."""
    extractive = limits.style == "extractive"
    implications: list[Implication] = []
    for item in synthesis.implications:
        text, citations = clean_claim(item.text, item.citations)
        if not words(text) or echoes(text, instructions):
            continue
        if extractive and not (grounded(text, sources) and names_known(text, sources)):
            continue  # a small model's judgment in words or names the article never uses
        if any(same_text(text, kept.text) for kept in implications):
            continue
        implications.append(
            Implication(
                text=text,
                likelihood=item.likelihood,
                # A demonstration-tier model cannot earn more than low confidence.
                confidence="low" if extractive else item.confidence,
                citations=citations,
            )
        )
    return implications[: limits.max_implications]


def draft_brief(
    merged: MergedNotes,
    synthesis: Synthesis,
    sources: Sequence[Source],
    limits: StyleLimits,
    *,
    instructions: Sequence[str],
    title: str | None = None,
) -> Draft:
    """Every part of the brief, before citations and numbers are checked."""
    key_facts = pick_key_facts(merged, synthesis, limits.max_key_facts)
    bluf = choose_bluf(synthesis, key_facts, limits, instructions)
    # A BLUF built from facts quotes them whole; listing them again would repeat it word for word.
    listed = [f for f in key_facts if f.text not in bluf.text] or key_facts
    facts = [Fact(id=f"F{i + 1}", text=f.text, citations=f.citations) for i, f in enumerate(listed)]
    actors = []
    for a in merged.actors:
        if words(a.action) and not echoes(a.action, instructions):
            action = Claim(text=a.action, citations=list(a.citations))
            actors.append(Actor(name=a.name, kind=a.kind, role=a.role.strip(), action=action))
    implications = draft_implications(synthesis, sources, limits, instructions)
    timeline = [
        TimelineEvent(when=e.when, text=e.text, citations=list(e.citations)) for e in merged.events
    ]
    return Draft(
        title=choose_title(
            synthesis, sources, instructions, title, extractive=limits.style == "extractive"
        ),
        bluf=bluf,
        facts=facts,
        actors=actors,
        implications=implications,
        timeline=timeline,
    )
