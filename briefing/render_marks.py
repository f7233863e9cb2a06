"""Inline number marks: split a claim's text around its checked numbers and index every number.

The verifier records where each number sits in its claim (`NumberCheck.start`/`end`); the
renderers need the text cut into plain pieces and number pieces, each number carrying its
status glyph and a reference ("N4") to its row in the "Numbers checked" appendix. Templates
escape the pieces themselves, so no markup is ever built from article or model text here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from briefing.schema import Brief, CheckStatus, DroppedClaim, NumberCheck

Mark = Literal["ok", "warn", "bad"]

# Not colour alone: each status has its own glyph, so the marks survive black-and-white printing.
GLYPHS: dict[Mark, str] = {"ok": "✓", "warn": "⚠", "bad": "✗"}
MARK_LABELS: dict[Mark, str] = {
    "ok": "supported by the source",
    "warn": "not found in the source",
    "bad": "contradicts the source",
}
STATUS_LABELS: dict[CheckStatus, str] = {
    "exact": "exact",
    "rounded": "rounded",
    "converted": "converted",
    "derived": "derived",
    "unsupported": "unsupported",
    "mismatch": "mismatch",
}


class TextWithNumbers(Protocol):
    """Anything with a text and the checks of the numbers in it (Claim, DroppedClaim)."""

    @property
    def text(self) -> str: ...

    @property
    def numbers(self) -> list[NumberCheck]: ...


def mark_of(check: NumberCheck) -> Mark:
    """The glyph family of a check: supported, not found, or contradicted."""
    if check.supported:
        return "ok"
    return "bad" if check.status == "mismatch" else "warn"


@dataclass(frozen=True)
class Segment:
    """A piece of claim text; number pieces carry their check and appendix reference."""

    text: str
    check: NumberCheck | None = None
    ref: str | None = None

    @property
    def mark(self) -> Mark | None:
        return mark_of(self.check) if self.check else None

    @property
    def glyph(self) -> str:
        return GLYPHS[self.mark] if self.mark else ""

    @property
    def flagged(self) -> bool:
        return self.mark in ("warn", "bad")

    @property
    def title(self) -> str:
        """A tooltip for the HTML output: status and evidence id."""
        if self.check is None:
            return ""
        where = f" ({self.check.evidence.sentence_id})" if self.check.evidence else ""
        return f"{self.ref}: {STATUS_LABELS[self.check.status]}{where}"


@dataclass(frozen=True)
class NumberRow:
    """One row of the "Numbers checked" appendix."""

    ref: str  # "N4"
    where: str  # "BLUF", "F3", "Actor: Antony Blinken", "Judgment 2", "Timeline 1", "Removed 1"
    check: NumberCheck
    removed: bool = False  # the claim was dropped by the policy: listed, but not in the brief

    @property
    def evidence_parts(self) -> tuple[str, str, str]:
        """The evidence sentence cut around the quoted source number: (before, quote, after)."""
        evidence = self.check.evidence
        if evidence is None:
            return "", "", ""
        quote = evidence.quote or ""
        at = evidence.text.find(quote) if quote else -1
        if at < 0:
            return evidence.text, "", ""
        return evidence.text[:at], quote, evidence.text[at + len(quote) :]

    @property
    def mark(self) -> Mark:
        return mark_of(self.check)

    @property
    def glyph(self) -> str:
        return GLYPHS[self.mark]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.check.status]


Span = tuple[int, int]


def recorded_span(text: str, check: NumberCheck) -> Span | None:
    """The check's own offsets, when they still point at its written form."""
    start, end = check.start, check.end
    if 0 <= start < end <= len(text) and text[start:end] == check.text:
        return start, end
    return None


def free_occurrence(text: str, written: str, taken: Sequence[Span]) -> Span | None:
    """The first occurrence of `written` that overlaps no span already placed."""
    at = text.find(written) if written else -1
    while at >= 0:
        span = (at, at + len(written))
        if not any(span[0] < other[1] and other[0] < span[1] for other in taken):
            return span
        at = text.find(written, at + 1)
    return None


def place_numbers(text: str, checks: Sequence[NumberCheck]) -> list[tuple[Span, int]]:
    """Where each number sits, by index into checks, in text order, without overlaps.

    Offsets come from another stage; if they drifted (the text was edited after checking), the
    number is found by its written form, so that it is still marked and never shown bare.
    """
    placed: list[tuple[Span, int]] = []
    for index, check in enumerate(checks):
        span = recorded_span(text, check)
        if span and not any(span[0] < o[1] and o[0] < span[1] for o, _ in placed):
            placed.append((span, index))
    done = {index for _, index in placed}
    for index, check in enumerate(checks):
        if index not in done:
            span = free_occurrence(text, check.text, [o for o, _ in placed])
            if span:
                placed.append((span, index))
    return sorted(placed)


def split_text(
    text: str, checks: Sequence[NumberCheck], refs: Sequence[str | None]
) -> list[Segment]:
    """Cut text into plain and number segments, in text order."""
    segments: list[Segment] = []
    cursor = 0
    for (start, end), index in place_numbers(text, checks):
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        segments.append(Segment(text[start:end], checks[index], refs[index]))
        cursor = end
    if cursor < len(text):
        segments.append(Segment(text[cursor:]))
    return segments


def walk_claims(brief: Brief) -> Iterator[tuple[str, TextWithNumbers]]:
    """Every checked piece of text in reading order, with a short label saying where it is."""
    yield "BLUF", brief.bluf
    for number, implication in enumerate(brief.implications, start=1):
        yield f"Judgment {number}", implication
    for fact in brief.facts:
        yield fact.id, fact
    for actor in brief.actors:
        yield f"Actor: {actor.name}", actor.action
    for number, event in enumerate(brief.timeline, start=1):
        yield f"Timeline {number}", event
    for number, dropped in enumerate(brief.dropped, start=1):
        yield f"Removed {number}", dropped


class NumberIndex:
    """Numbers of a brief, each with a stable reference N1, N2, ... in reading order."""

    def __init__(self, brief: Brief) -> None:
        self.rows: list[NumberRow] = []
        self._refs: dict[int, list[str]] = {}
        for where, piece in walk_claims(brief):
            refs: list[str] = []
            for check in piece.numbers:
                ref = f"N{len(self.rows) + 1}"
                row = NumberRow(ref, where, check, removed=isinstance(piece, DroppedClaim))
                self.rows.append(row)
                refs.append(row.ref)
            self._refs[id(piece)] = refs

    def segments(self, piece: TextWithNumbers) -> list[Segment]:
        """The piece's text split around its numbers, each number with its appendix reference."""
        refs: Sequence[str | None] = self._refs.get(id(piece)) or [None] * len(piece.numbers)
        return split_text(piece.text, piece.numbers, refs)

    @property
    def in_brief(self) -> list[NumberRow]:
        """The rows of numbers that are part of the brief (not of removed claims)."""
        return [row for row in self.rows if not row.removed]

    def count(self, mark: Mark) -> int:
        """How many numbers in the brief (removed claims aside) carry this mark."""
        return sum(1 for row in self.in_brief if row.mark == mark)
