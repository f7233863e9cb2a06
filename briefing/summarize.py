"""Map and reduce: per-chunk notes from the model, merged by the program, then a synthesis.

The model writes notes and the brief's top; the program merges, de-duplicates and numbers
the facts, merges actors, and keeps every citation, so nothing the model adds escapes checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from briefing.fit import FittedNotes, fit_notes, prompt_budget
from briefing.llm_schemas import (
    ChunkNotes,
    NoteActor,
    NoteEvent,
    NoteFact,
    PickedNotes,
    Synthesis,
)
from briefing.pools import call_pool
from briefing.prompts import article_lines
from briefing.schema import Chunk, Source
from briefing.structured import Message, ModelCaller

WORD = re.compile(r"[\w%$€£¥.,]+", re.UNICODE)
# Small models copy the prompt's "[S3]" markers into their text; they are citations, not prose.
ID_MARKER = re.compile(r"\s*\[\s*((?:A\d+\.)?S\d+(?:\s*[,;]\s*(?:A\d+\.)?S\d+)*)\s*\]\s*", re.I)


@dataclass(frozen=True)
class StyleLimits:
    """What a model profile decides about the notes and the synthesis."""

    style: str = "abstractive"  # "extractive" for small models: choose and condense sentences
    max_facts: int = 12  # per chunk
    max_actors: int = 10
    max_events: int = 8
    max_key_facts: int = 12
    max_implications: int = 4
    n_ctx: int | None = None  # the model's context in tokens; None: no limit is known
    answer_tokens: int = 0  # what a call leaves of the context for the answer (max_tokens)

    @property
    def prompt_budget(self) -> int | None:
        """Prompt tokens (tiktoken) a call may take so that it and its answer fit."""
        return prompt_budget(self.n_ctx, self.answer_tokens)


@dataclass
class MergedFact:
    id: str
    text: str
    citations: list[str]


@dataclass
class MergedNotes:
    facts: list[MergedFact] = field(default_factory=list)
    actors: list[NoteActor] = field(default_factory=list)
    events: list[NoteEvent] = field(default_factory=list)


def extract_messages(
    caller: ModelCaller, chunk: Chunk, limits: StyleLimits, *, title: str, parts: int
) -> list[Message]:
    """The map prompt for one chunk."""
    system = caller.prompts.render(
        "extract.system",
        {
            "style": limits.style,
            "max_facts": limits.max_facts,
            "max_actors": limits.max_actors,
            "max_events": limits.max_events,
        },
    )
    user = caller.prompts.render(
        "extract.user",
        {"title": title, "part": chunk.index + 1, "parts": parts, "article": article_lines(chunk)},
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def extract(
    caller: ModelCaller, chunk: Chunk, limits: StyleLimits, *, title: str, parts: int
) -> ChunkNotes:
    """Map: structured notes for one chunk.

    In the extractive style (small models) the model only picks sentence ids, constrained to
    the chunk's own, and the program copies those sentences: the notes cannot misquote.
    """
    messages = extract_messages(caller, chunk, limits, title=title, parts=parts)
    if limits.style != "extractive":
        return caller.complete(ChunkNotes, messages, stage="extract", chunk_id=chunk.id)
    picks = caller.complete(
        PickedNotes,
        messages,
        stage="extract",
        chunk_id=chunk.id,
        sentence_ids=list(dict.fromkeys(chunk.sentence_ids)),
    )
    return notes_from_picks(picks, chunk_sentences(chunk), min_facts=min(4, limits.max_facts))


def chunk_sentences(chunk: Chunk) -> dict[str, str]:
    """Sentence id -> text, from the chunk's `[S3] text` lines (split sentences rejoined)."""
    parts: dict[str, list[str]] = {}
    for line in chunk.text.splitlines():
        found = CHUNK_LINE.match(line)
        if found:
            parts.setdefault(found.group(1), []).append(found.group(2))
    return {sid: " ".join(texts) for sid, texts in parts.items()}


def looks_like_headline(text: str) -> bool:
    """A short line without final punctuation: a headline or subhead, not a statement."""
    return len(text.split()) <= 12 and not text.rstrip().endswith(
        (".", "!", "?", ":", "\u201d", '"')
    )


ACTION_WORDS = 16


def grounded_role(role: str, sentence: str) -> str:
    """A picked actor's role, kept only when its words are in the sentence about them."""
    role_words = [w for w in words(role.replace("_", " ")) if len(w) > 3]
    sentence_words = words(sentence)
    return role if role_words and all(w in sentence_words for w in role_words) else ""


def condense_action(sentence: str, name: str) -> str:
    """What the sentence says the actor did: the words after their name, cut with an ellipsis.

    The whole sentence is already a key fact; the actors table should not repeat it.
    """
    lower = sentence.lower()
    ends = [
        lower.find(part.lower()) + len(part)
        for part in name.split()
        if len(part) > 3 and part.lower() in lower
    ]
    rest = sentence[max(ends) :].lstrip(" ,;:") if ends else sentence
    kept = rest.split()
    if len(kept) < 4:  # the name ends the sentence ("..., said Blinken."): keep it whole
        return sentence
    text = " ".join(kept[:ACTION_WORDS])
    return text if len(kept) <= ACTION_WORDS else f"{text.rstrip(',;:')}\u2026"


def notes_from_picks(
    picks: PickedNotes, sentences: dict[str, str], *, min_facts: int = 0
) -> ChunkNotes:
    """The picked sentences as notes; ids that do not exist and headlines are left out.

    A small model often picks one sentence and stops; news puts its key facts first, so the
    leading statements fill the notes up to `min_facts`.
    """
    picked = [normalize_id(p.sentence) for p in picks.facts]
    leads = [sid for sid in sentences if sid not in picked]
    chosen = [
        sid
        for sid in dict.fromkeys(picked)
        if sid in sentences and not looks_like_headline(sentences[sid])
    ]
    for sid in leads:
        if len(chosen) >= min_facts:
            break
        if not looks_like_headline(sentences[sid]):
            chosen.append(sid)
    facts = [NoteFact(text=sentences[sid], citations=[sid]) for sid in chosen]
    actors = []
    for actor in picks.actors:
        sid = normalize_id(actor.sentence)
        text = sentences.get(sid, "")
        named = any(w.lower() in text.lower() for w in actor.name.split() if len(w) > 3)
        if text and named and not looks_like_headline(text):
            actors.append(
                NoteActor(
                    name=actor.name,
                    kind=actor.kind,
                    role=grounded_role(actor.role, text),
                    action=condense_action(text, actor.name),
                    citations=[sid],
                )
            )
    events = []
    for event in picks.events:
        sid = normalize_id(event.sentence)
        text = sentences.get(sid, "")
        if text and event.when.strip() and event.when.strip().lower() in text.lower():
            events.append(NoteEvent(when=event.when.strip(), text=text, citations=[sid]))
    return ChunkNotes(facts=facts, actors=actors, events=events)


def extract_all(
    caller: ModelCaller,
    chunks: Sequence[Chunk],
    limits: StyleLimits,
    *,
    titles: dict[str, str],
    concurrency: int,
    on_done: Callable[[Chunk], None] | None = None,
) -> list[ChunkNotes]:
    """Map over every chunk, at most `concurrency` calls at once; results in chunk order."""
    parts = count_parts(chunks)

    def run(chunk: Chunk) -> ChunkNotes:
        notes = extract(
            caller,
            chunk,
            limits,
            title=titles.get(chunk.source_id, ""),
            parts=parts[chunk.source_id],
        )
        if on_done is not None:
            on_done(chunk)
        return notes

    if concurrency <= 1 or len(chunks) <= 1:
        return [run(chunk) for chunk in chunks]
    with call_pool(min(concurrency, len(chunks)), "extract") as pool:
        return list(pool.map(run, chunks))


def count_parts(chunks: Sequence[Chunk]) -> dict[str, int]:
    parts: dict[str, int] = {}
    for chunk in chunks:
        parts[chunk.source_id] = parts.get(chunk.source_id, 0) + 1
    return parts


def merge_notes(notes: Sequence[ChunkNotes]) -> MergedNotes:
    """Reduce, program side: de-duplicate facts (uniting citations), actors and events."""
    merged = MergedNotes()
    for note in notes:
        for fact in note.facts:
            add_fact(merged, fact)
        for actor in note.actors:
            add_actor(merged, actor)
        for event in note.events:
            text, citations = clean_claim(event.text, event.citations)
            when, _ = split_markers(event.when)
            if words(text) and when and not any(same_text(text, e.text) for e in merged.events):
                merged.events.append(
                    event.model_copy(update={"text": text, "when": when, "citations": citations})
                )
    return merged


STATEMENT_ENDS = (".", "!", "?", ":", "\u201d", '"', ".)")
CHUNK_LINE = re.compile(r"^\[([^\]]+)\] (.*)$")
DANGLING = re.compile(r"\s*\[[^\]]*$")  # a marker the model began but never closed


def split_markers(text: str) -> tuple[str, list[str]]:
    """Text without "[S3]" markers, and the ids those markers named."""
    ids = [normalize_id(i) for m in ID_MARKER.finditer(text) for i in re.split(r"[,;]", m.group(1))]
    clean = DANGLING.sub("", ID_MARKER.sub(" ", text))
    return " ".join(clean.split()), ids


def clean_claim(text: str, citations: Sequence[str]) -> tuple[str, list[str]]:
    """Claim text without id markers; citations normalised, marker ids added."""
    clean, marked = split_markers(text)
    ids = [normalize_id(c) for c in citations] + marked
    return clean, [c for c in dict.fromkeys(ids) if c]


def add_fact(merged: MergedNotes, fact: NoteFact) -> None:
    text, citations = clean_claim(fact.text, fact.citations)
    if not words(text):
        return
    for existing in merged.facts:
        if same_text(existing.text, text):
            existing.citations.extend(c for c in citations if c not in existing.citations)
            return
    merged.facts.append(MergedFact(id=f"F{len(merged.facts) + 1}", text=text, citations=citations))


def add_actor(merged: MergedNotes, actor: NoteActor) -> None:
    name, _ = split_markers(actor.name)
    action, citations = clean_claim(actor.action, actor.citations)
    if not words(name):
        return
    actor = actor.model_copy(update={"action": action, "citations": citations})
    for index, existing in enumerate(merged.actors):
        if same_actor(existing.name, name):
            longer = name if len(name) > len(existing.name) else existing.name
            citations = list(dict.fromkeys([*existing.citations, *actor.citations]))
            merged.actors[index] = existing.model_copy(
                update={"name": longer, "role": existing.role or actor.role, "citations": citations}
            )
            return
    merged.actors.append(actor.model_copy(update={"name": name}))


def normalize_id(raw: str) -> str:
    """'[S3]', 's3 ', 'S03' -> 'S3'; 'A2.S5' keeps its source prefix."""
    text = raw.strip().strip("[]() ").upper()
    found = re.fullmatch(r"(A\d+\.)?S0*(\d+)", text)
    return f"{found.group(1) or ''}S{found.group(2)}" if found else text


def words(text: str) -> set[str]:
    return {w.strip(".,").lower() for w in WORD.findall(text) if w.strip(".,")}


def same_text(a: str, b: str) -> bool:
    """Near-duplicates: the same words, allowing small edits (Jaccard >= 0.8)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= 0.8


def same_actor(a: str, b: str) -> bool:
    """'Blinken' and 'Antony Blinken' are one actor; 'South Korea' and 'North Korea' are not."""
    ta, tb = a.lower().split(), b.lower().split()
    if ta == tb:
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return len(short) == 1 and short[0] == long[-1] and len(short[0]) > 3


def synthesize_messages(
    caller: ModelCaller, merged: MergedNotes, sources: Sequence[Source], limits: StyleLimits
) -> list[Message]:
    """The reduce prompt over the merged notes, cut to fit the model's context."""
    notes = fit_synthesis(caller, merged, sources, limits).notes
    return render_synthesis(caller, notes, sources, limits)


def fit_synthesis(
    caller: ModelCaller, merged: MergedNotes, sources: Sequence[Source], limits: StyleLimits
) -> FittedNotes:
    """The notes the synthesis reads: all of them, unless its prompt would not fit."""
    return fit_notes(
        merged,
        lambda notes: render_synthesis(caller, notes, sources, limits),
        budget=limits.prompt_budget,
        max_actors=limits.max_actors,
    )


def render_synthesis(
    caller: ModelCaller, merged: MergedNotes, sources: Sequence[Source], limits: StyleLimits
) -> list[Message]:
    """The reduce prompt over exactly these notes."""
    system = caller.prompts.render(
        "synthesize.system",
        {
            "style": limits.style,
            "max_key_facts": limits.max_key_facts,
            "max_implications": limits.max_implications,
        },
    )
    user = caller.prompts.render(
        "synthesize.user",
        {
            "sources": [{"id": s.id, "name": s.name, "title": s.title} for s in sources],
            "facts": [{"id": f.id, "text": f.text, "citations": f.citations} for f in merged.facts],
            "actors": [{"name": a.name, "role": a.role, "action": a.action} for a in merged.actors],
        },
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def synthesize(
    caller: ModelCaller, merged: MergedNotes, sources: Sequence[Source], limits: StyleLimits
) -> Synthesis:
    """Reduce, model side: title, BLUF, the key facts' order and the implications."""
    messages = synthesize_messages(caller, merged, sources, limits)
    return caller.complete(Synthesis, messages, stage="synthesize")


def pick_key_facts(merged: MergedNotes, synthesis: Synthesis, limit: int) -> list[MergedFact]:
    """The model's choice first (unknown ids ignored), then the rest in source order."""
    by_id = {fact.id: fact for fact in merged.facts}
    chosen = [
        by_id[i]
        for i in dict.fromkeys(normalize_fact_id(k) for k in synthesis.key_facts)
        if i in by_id
    ]
    rest = [fact for fact in merged.facts if fact not in chosen]
    return (chosen + rest)[:limit]


def normalize_fact_id(raw: str) -> str:
    found = re.search(r"F0*(\d+)", raw.upper())
    return f"F{found.group(1)}" if found else raw
