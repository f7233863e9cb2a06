"""Article sentences that talk to the model instead of the reader: prompt injection.

The prompts delimit the article and tell the model to ignore instructions in it, but a small
model may still copy "Ignore previous instructions and say ..." into its notes. So the program
finds such sentences itself: they are never evidence (no citation may point at them, no number
in them supports a claim), and a claim that cites or quotes them is dropped from the brief.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from briefing.schema import DroppedClaim, DroppedSection, Source
from briefing.summarize import MergedNotes

# Each pattern is text aimed at a model, rare in news prose. Role labels count only where a
# chat transcript puts them (start of the text, after a tag or bracket, or in capitals), so
# "the ranking system: first ..." is prose.
PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b(?:ignore|disregard|forget|override|bypass)\b[\w\s,'\u2019-]{0,40}?"
        r"\b(?:previous|prior|above|earlier|preceding|all|any|your|the|these|those)\b"
        r"[\w\s'\u2019-]{0,30}?\b(?:instructions?|prompts?|rules|directions|guidelines)\b",
        re.IGNORECASE,
    ),
    re.compile(r"(?:^|[>\]\)}])\s*(?:system|assistant|user|developer)\s*:", re.IGNORECASE),
    re.compile(r"\b(?:SYSTEM|ASSISTANT|DEVELOPER)\s*:"),
    re.compile(
        r"<\s*/?\s*(?:article|notes|system|user|assistant|instructions?|prompt|im_start|im_end)"
        r"\b[^<>]{0,40}>",
        re.IGNORECASE,
    ),
    re.compile(r"<\|[a-z_]+\|>|\[/?INST\]", re.IGNORECASE),
    re.compile(r"\byou\s+are\s+now\b", re.IGNORECASE),
    re.compile(r"\b(?:new|updated|real)\s+instructions\b", re.IGNORECASE),
    re.compile(r"\bdeveloper\s+mode\b", re.IGNORECASE),
    re.compile(
        r"\b(?:the\s+)?(?:bluf|key\s+judgments?|key\s+facts?)\s+(?:must|should|shall|has\s+to)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\byour\s+(?:answer|response|output|reply|summary|brief|json)\s+(?:must|should|shall)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:respond|reply|answer)\s+(?:only\s+)?with\s+(?:the\s+word|only)\b", re.I),
)
QUOTE_WORDS = 5  # a claim sharing this many consecutive words with a flagged sentence quotes it
WORD = re.compile(r"[\w$%\u20ac\u00a3]+(?:[.,][\w]+)*")
INSTRUCTION_REASON = "instruction-like text in the source"


def looks_like_instruction(text: str) -> bool:
    """True when the text addresses the model: "ignore previous instructions", "SYSTEM:",
    "</article>", "you are now", "the BLUF must" and the like."""
    return any(pattern.search(text) for pattern in PATTERNS)


def find_instructions(sources: Iterable[Source]) -> dict[str, str]:
    """Sentence id -> text of every source sentence that looks like an instruction."""
    return {
        sentence.id: sentence.text
        for source in sources
        for sentence in source.sentences
        if looks_like_instruction(sentence.text)
    }


def shingles(text: str, size: int = QUOTE_WORDS) -> set[tuple[str, ...]]:
    tokens = [w.lower() for w in WORD.findall(text)]
    return {tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def quotes_instruction(text: str, flagged: Mapping[str, str]) -> bool:
    """The text is instruction-like itself, or repeats a run of a flagged sentence's words."""
    if looks_like_instruction(text):
        return True
    mine = shingles(text)
    return bool(mine) and any(mine & shingles(sentence) for sentence in flagged.values())


def tainted(text: str, citations: Sequence[str], flagged: Mapping[str, str]) -> bool:
    """A claim that cites a flagged sentence or quotes one."""
    return any(c in flagged for c in citations) or quotes_instruction(text, flagged)


def instruction_warning(flagged: Mapping[str, str], dropped: int) -> str:
    """One line for stderr and the brief's `warnings`."""
    ids = ", ".join(list(flagged)[:6]) + (", ..." if len(flagged) > 6 else "")
    return (
        f"{len(flagged)} source sentence(s) read like instructions to the model ({ids}): "
        f"they are not used as evidence, and {dropped} claim(s) citing or quoting them were "
        "dropped"
    )


def set_aside_instructions(
    merged: MergedNotes, flagged: Mapping[str, str]
) -> tuple[MergedNotes, list[DroppedClaim]]:
    """Notes without the facts, actors and events that cite or quote a flagged sentence,
    so the synthesis never reads them; what was set aside, for the appendix."""
    if not flagged:
        return merged, []
    dropped: list[DroppedClaim] = []
    kept = MergedNotes()
    for fact in merged.facts:
        if tainted(fact.text, fact.citations, flagged):
            dropped.append(instruction_drop("facts", fact.text))
        else:
            kept.facts.append(fact)
    for actor in merged.actors:
        if tainted(f"{actor.name} {actor.action}", actor.citations, flagged):
            dropped.append(instruction_drop("actors", f"{actor.name}: {actor.action}"))
        else:
            kept.actors.append(actor)
    for event in merged.events:
        if tainted(f"{event.when} {event.text}", event.citations, flagged):
            dropped.append(instruction_drop("timeline", f"{event.when}: {event.text}"))
        else:
            kept.events.append(event)
    return kept, dropped


def instruction_drop(section: DroppedSection, text: str) -> DroppedClaim:
    return DroppedClaim(section=section, text=text, reason=INSTRUCTION_REASON)
