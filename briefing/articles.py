"""One article of a daily brief: find it, read it, cut it, take its notes, keep what is small.

Each article is read and extracted on its own, with plain sentence ids ("S3") in its prompts, so
its cached answers do not depend on which other articles share the day: adding an article to the
folder re-asks nothing about the others. Only after extraction are its ids qualified with its
place in the run ("A3.S3"), and only the compact notes and the sentences the audit needs are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path

from briefing.chunking import chunk
from briefing.errors import InputError
from briefing.ingest import read_source
from briefing.llm_schemas import ChunkNotes, NoteActor, NoteEvent
from briefing.schema import Chunk, Source
from briefing.structured import ModelCaller
from briefing.summarize import MergedFact, StyleLimits, extract, merge_notes, normalize_id

FOLDER_SUFFIXES = (".txt", ".md", ".html")
PLAIN_ID = re.compile(r"S\d+")


@dataclass(frozen=True)
class ArticleNotes:
    """What a run keeps of one article once its notes are taken."""

    source: Source  # with qualified sentence ids ("A3.S1" when the run has several articles)
    facts: list[MergedFact]  # de-duplicated within the article, citations qualified
    actors: list[NoteActor]
    events: list[NoteEvent]
    chunks: int


@dataclass(frozen=True)
class ArticleFailure:
    """An article left out of the brief, and the one-line reason."""

    index: int  # 1-based place in the run, as in "A3"
    path: str
    reason: str
    backend: bool  # the model failed (rather than the file)


def find_articles(inputs: Sequence[str | Path]) -> list[Path]:
    """Files as given; a folder gives its .txt, .md and .html files, sorted, not recursively.

    Raises:
        InputError: an input does not exist, or there is no article at all.
    """
    found: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise InputError(
                f"cannot read {path}: no such file or folder",
                "Pass article files, or a folder of .txt, .md and .html files",
            )
    if not found:
        where = ", ".join(str(raw) for raw in inputs) or "the command line"
        raise InputError(
            f"no articles found in {where}",
            "Pass article files, or a folder holding .txt, .md or .html files",
        )
    return list(dict.fromkeys(found))


def qualify(citation: str, prefix: str) -> str:
    """'S3' -> 'A2.S3' in a multi-article run; anything else is left for the audit to judge."""
    normalized = normalize_id(citation)
    return f"{prefix}{normalized}" if PLAIN_ID.fullmatch(normalized) else normalized


def qualified_source(source: Source, index: int, prefix: str) -> Source:
    sentences = [s.model_copy(update={"id": f"{prefix}{s.id}"}) for s in source.sentences]
    return source.model_copy(update={"id": f"A{index}", "sentences": sentences})


def compact_notes(
    source: Source, notes: Sequence[ChunkNotes], *, index: int, several: bool, chunks: int
) -> ArticleNotes:
    """Merge one article's chunk notes and qualify every citation with the article's id."""
    prefix = f"A{index}." if several else ""
    merged = merge_notes(notes)
    facts = [
        MergedFact(id=f.id, text=f.text, citations=[qualify(c, prefix) for c in f.citations])
        for f in merged.facts
    ]
    actors = [
        a.model_copy(update={"citations": [qualify(c, prefix) for c in a.citations]})
        for a in merged.actors
    ]
    events = [
        e.model_copy(update={"citations": [qualify(c, prefix) for c in e.citations]})
        for e in merged.events
    ]
    return ArticleNotes(
        source=qualified_source(source, index, prefix),
        facts=facts,
        actors=actors,
        events=events,
        chunks=chunks,
    )


@dataclass(frozen=True)
class ArticleReader:
    """Reads and extracts articles; chunk calls go to a shared pool that bounds concurrency."""

    caller: ModelCaller
    limits: StyleLimits
    calls: Executor
    max_tokens: int
    overlap: int
    encoding: str
    several: bool

    def take_notes(self, index: int, path: Path) -> ArticleNotes:
        """Read, chunk and extract one article; its working state ends with this call."""
        source = read_source(path, source_id="A1")
        pieces = chunk(
            source, max_tokens=self.max_tokens, overlap=self.overlap, encoding=self.encoding
        )
        title = source.title or source.name
        ask = self.ask_for(index, title, len(pieces))
        futures = [self.calls.submit(ask, piece) for piece in pieces]
        try:
            notes = [future.result() for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()  # the article has failed: its queued calls would be wasted
            raise
        return compact_notes(source, notes, index=index, several=self.several, chunks=len(pieces))

    def ask_for(self, index: int, title: str, parts: int) -> Callable[[Chunk], ChunkNotes]:
        def ask(piece: Chunk) -> ChunkNotes:
            # The chunk id names the article's place in the run only in usage records, which
            # are not part of the cache key: "A7#2" is article 7's second chunk.
            labelled = piece.model_copy(update={"id": f"A{index}#{piece.index + 1}"})
            return extract(self.caller, labelled, self.limits, title=title, parts=parts)

        return ask
