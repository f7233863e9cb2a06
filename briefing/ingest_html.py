"""HTML to plain text: the article's main text, without navigation, footers, scripts or ads.

trafilatura finds the main text and drops boilerplate. When it finds nothing (a page too small
or too unusual for its heuristics), a plain lxml walk over the visible block elements is used.
Neither fetches anything: the page is parsed from the string given, links and images are never
followed, and lxml's parser is told not to touch the network (no external DTDs or entities).
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import trafilatura

BLOCK_SEPARATOR = "\n\n"  # each HTML block (paragraph, heading, list item) is its own paragraph

# Elements whose text is never article text, removed before the fallback walk.
INVISIBLE_TAGS = (
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
    "form", "button", "select", "iframe", "svg", "canvas", "object", "embed", "audio", "video",
)  # fmt: skip
BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p",
    "pre", "section", "summary", "table", "td", "th", "tr", "ul"
})  # fmt: skip
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
LEADING_COMMENTS = re.compile(r"^(<!--.*?-->\s*|<\?xml[^>]*\?>\s*)+", re.DOTALL)
CLOSING_BLOCK_TAG = re.compile(r"</(?:p|div|article|section|main|h[1-6]|li|table)\s*>", re.I)


def extract_html(html: str) -> tuple[str, str | None]:
    """Return (main text, title); the text is empty when the page has none."""
    html = XML_DECLARATION.sub("", html)  # lxml refuses str input that declares an encoding
    text = extract_with_trafilatura(html) or extract_with_lxml(html)
    return text, find_title(html)


def extract_with_trafilatura(html: str) -> str:
    """trafilatura's main text, one block per line turned into one paragraph per block."""
    text = trafilatura.extract(html, include_comments=False, include_tables=True, deduplicate=False)
    if not text:
        return ""
    return BLOCK_SEPARATOR.join(line.strip() for line in text.splitlines() if line.strip())


def extract_with_lxml(html: str) -> str:
    """The visible text of the page's block elements, boilerplate containers removed."""
    root = parse_html(html)
    if root is None:
        return ""
    lxml.etree.strip_elements(root, *INVISIBLE_TAGS, with_tail=False)
    blocks: list[str] = []
    collect_blocks(root, blocks, [])
    return BLOCK_SEPARATOR.join(blocks)


def collect_blocks(element: lxml.html.HtmlElement, blocks: list[str], current: list[str]) -> None:
    """Append the text of `element` to `current`, flushing a block at block-element edges."""
    is_block = isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS
    if is_block:
        flush_block(blocks, current)
    if isinstance(element.tag, str) and element.text:
        current.append(element.text)
    for child in element:
        collect_blocks(child, blocks, current)
        if child.tail:
            current.append(child.tail)
    if is_block:
        flush_block(blocks, current)


def flush_block(blocks: list[str], current: list[str]) -> None:
    text = " ".join("".join(current).split())
    if text:
        blocks.append(text)
    current.clear()


def find_title(html: str) -> str | None:
    """The page title: og:title, else <title>, else the first <h1>."""
    root = parse_html(html)
    if root is None:
        return None
    candidates = (
        root.xpath("//meta[@property='og:title' or @name='og:title']/@content")
        + root.xpath("//title//text()")
        + [h1.text_content() for h1 in root.xpath("//h1")]
    )
    for candidate in candidates:
        title = " ".join(str(candidate).split())
        if title:
            return title
    return None


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """Parse without network access; None when lxml finds no document at all."""
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(html, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return None


def looks_like_html(text: str) -> bool:
    """Whether text read from stdin or an unknown suffix is an HTML document or fragment."""
    head = text.lstrip("\ufeff \t\r\n")[:512].lower()
    head = LEADING_COMMENTS.sub("", head)
    if head.startswith(("<!doctype html", "<html", "<head", "<body")):
        return True
    return head.startswith("<") and CLOSING_BLOCK_TAG.search(text, 0, 65536) is not None
