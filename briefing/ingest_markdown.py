"""Markdown to plain text: the words a reader sees, one block per paragraph.

markdown-it-py parses the CommonMark structure, so emphasis, links, images, tables and nested
lists are handled by a real parser rather than by regular expressions over the source.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.ingest_html import extract_with_lxml

BLOCK_SEPARATOR = "\n\n"  # a blank line: each Markdown block becomes its own paragraph
CELL_SEPARATOR = " | "


def extract_markdown(markdown: str) -> tuple[str, str | None]:
    """Return (plain text, title); the title is the first heading's text, if any."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    blocks: list[str] = []
    title: str | None = None
    row: list[str] | None = None
    in_heading = False
    for token in parser.parse(markdown):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(CELL_SEPARATOR.join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            text = render_inline(token.children or [])
            if row is not None:
                row.append(text)
            elif text:
                blocks.append(text)
                if in_heading and title is None:
                    title = text
        elif token.type in ("fence", "code_block"):
            # Article text is never dropped silently: a code block keeps its lines.
            blocks.append(token.content.strip("\n"))
        elif token.type == "html_block":
            blocks.append(extract_with_lxml(token.content))  # its visible text, no markup
    return BLOCK_SEPARATOR.join(block for block in blocks if block.strip()), title


def render_inline(children: Sequence[Token]) -> str:
    """The visible text of an inline run: link text without its URL, image alt text, no markup."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append(render_inline(child.children or []))
        # html_inline tags and the *_open / *_close markers carry no visible text.
    return "".join(parts).strip()
