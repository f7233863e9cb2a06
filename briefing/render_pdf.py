"""HTML -> PDF with WeasyPrint, through a fetcher that can read only the templates' own assets.

The HTML holds article text, and article text is data: even if markup slipped through escaping,
the renderer must not fetch `http://...` (a tracking pixel, an internal service) or read
`file:///etc/passwd`. WeasyPrint 70 takes a `URLFetcher` subclass; ours serves `data:` URIs and
files inside the template folders (the user's override folder first, then the defaults, the
same order as the template loader), and refuses everything else.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_FONTS_CSS = "fonts.css"  # @font-face rules for the shipped font; the PDF needs the files


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serves `data:` URIs and files under the template folders; refuses every other URL."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=1)
        self.roots = [root.resolve() for root in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
        """Answer one URL WeasyPrint asks for, or raise so WeasyPrint skips the resource."""
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.find_asset(url) if scheme == "file" else None
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only the templates' own files are allowed")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def find_asset(self, url: str) -> Path | None:
        """The file a `file:` URL names, looked up by its path relative to a template root."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        relative = self.relative_path(Path(unquote(parts.path)))
        if relative is None:
            return None
        for root in self.roots:
            candidate = (root / relative).resolve()
            # resolve() follows symlinks and "..", so this also stops escapes out of the root.
            if candidate.is_relative_to(root) and candidate.is_file():
                return candidate
        return None

    def relative_path(self, path: Path) -> Path | None:
        """The path inside whichever root it points into, or None when it is outside all."""
        for root in self.roots:
            if path.is_relative_to(root):
                return path.relative_to(root)
        return None


def html_to_pdf(html: str, asset_dirs: Sequence[Path]) -> bytes:
    """Lay out the HTML and return the PDF bytes; fonts come from `fonts.css` in asset_dirs."""
    fetcher = AssetFetcher(asset_dirs)
    base_url = fetcher.roots[0].as_uri() + "/"
    font_config = FontConfiguration()
    stylesheets = []
    fonts_css = fetcher.find_asset(base_url + PDF_FONTS_CSS)
    if fonts_css is not None:
        stylesheets.append(
            CSS(
                string=fonts_css.read_text(encoding="utf-8"),
                base_url=fonts_css.parent.as_uri() + "/",
                url_fetcher=fetcher,
                font_config=font_config,
            )
        )
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    pdf: bytes = document.write_pdf(stylesheets=stylesheets, font_config=font_config)
    return pdf
