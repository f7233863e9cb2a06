"""What the report templates receive: the brief plus the views computed from it.

Templates stay simple (loops and escaping); anything that needs logic, such as which source
sentences make up the excerpt appendix or how a timestamp reads, is computed here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from briefing.render_marks import GLYPHS, MARK_LABELS, STATUS_LABELS, NumberIndex, walk_claims
from briefing.schema import ArticleSection, Brief, Claim, Fact, Sentence, Source

CSS_PAGE_SIZES = {"a4": "A4", "letter": "letter"}
EXCERPT_CONTEXT = 1  # uncited sentences shown on each side of a cited one


@dataclass(frozen=True)
class ExcerptLine:
    """A source sentence in the excerpt appendix, or a gap (`sentence is None`) between runs."""

    sentence: Sentence | None
    cited: bool = False


@dataclass(frozen=True)
class Excerpt:
    source: Source
    lines: list[ExcerptLine]


def cited_sentence_ids(brief: Brief) -> set[str]:
    """Sentence ids the brief points at: citations and the evidence of every number."""
    ids: set[str] = set()
    for _, piece in walk_claims(brief):
        if isinstance(piece, Claim):
            ids.update(piece.citations)
        ids.update(check.evidence.sentence_id for check in piece.numbers if check.evidence)
    return ids


def build_excerpt(source: Source, cited: set[str], context: int = EXCERPT_CONTEXT) -> Excerpt:
    """The cited sentences of one source with `context` neighbours each side, gaps marked."""
    keep: set[int] = set()
    for index, sentence in enumerate(source.sentences):
        if sentence.id in cited:
            keep.update(range(index - context, index + context + 1))
    lines: list[ExcerptLine] = []
    previous = -1
    for index, sentence in enumerate(source.sentences):
        if index not in keep:
            continue
        if index != previous + 1:
            lines.append(ExcerptLine(None))
        lines.append(ExcerptLine(sentence, cited=sentence.id in cited))
        previous = index
    if lines and previous != len(source.sentences) - 1:
        lines.append(ExcerptLine(None))
    return Excerpt(source, lines)


@dataclass(frozen=True)
class SectionView:
    """A multi-article brief's section with its facts looked up by id."""

    section: ArticleSection
    facts: list[Fact]


def key_facts(brief: Brief) -> list[Fact]:
    """The facts the brief leads with: those named in `key_fact_ids`, or every fact."""
    if not brief.key_fact_ids:
        return list(brief.facts)
    by_id = {fact.id: fact for fact in brief.facts}
    return [by_id[i] for i in brief.key_fact_ids if i in by_id]


def section_views(brief: Brief) -> list[SectionView]:
    by_id = {fact.id: fact for fact in brief.facts}
    return [
        SectionView(section, [by_id[i] for i in section.fact_ids if i in by_id])
        for section in brief.sections
    ]


def format_produced_at(generated_at: str) -> str:
    """ "2024-11-01T14:03:27Z" -> "1 November 2024, 14:03 UTC"; unparseable text is kept as is."""
    try:
        moment = datetime.fromisoformat(generated_at.strip().replace("Z", "+00:00"))
    except ValueError:
        return generated_at
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc)
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"


def css_page_size(page_size: str) -> str | None:
    """The CSS `size` value for a page size name, or None when the name is unknown."""
    return CSS_PAGE_SIZES.get(page_size.strip().lower())


MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>|#~])")
WHITESPACE = re.compile(r"\s+")  # newlines would end a list item or a table row


def escape_markdown(text: object) -> str:
    """Article and model text as literal Markdown: no links, images, HTML or emphasis."""
    flat = WHITESPACE.sub(" ", str(text))
    return MARKDOWN_SPECIALS.sub(r"\\\1", flat)


def format_thousands(value: object) -> str:
    """3415 -> "3,415"; anything else as text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def appendix_letters(brief: Brief) -> dict[str, str]:
    """The letter of each appendix the report renders, in order: "Removed claims" only when
    claims were removed, so the source excerpts are B or C."""
    parts = ["numbers", *(["removed"] if brief.dropped else []), "excerpts"]
    return {part: chr(ord("A") + index) for index, part in enumerate(parts)}


def build_context(
    brief: Brief, sources: list[Source], *, banner: str, page_size: str
) -> dict[str, Any]:
    """Everything a report template may use; documented at the top of each template."""
    cited = cited_sentence_ids(brief)
    return {
        "brief": brief,
        "sources": sources,
        "numbers": NumberIndex(brief),
        "key_facts": key_facts(brief),
        "sections": section_views(brief),
        "excerpts": [build_excerpt(source, cited) for source in sources],
        "appendix": appendix_letters(brief),
        "produced_at": format_produced_at(brief.run.generated.at),
        "banner": banner,
        "page_size": css_page_size(page_size) or "A4",
        "glyphs": GLYPHS,
        "mark_labels": MARK_LABELS,
        "status_labels": STATUS_LABELS,
    }
