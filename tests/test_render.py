"""Render stage: marks, sections, templates, the fetcher that refuses the network, atomic writes."""

from __future__ import annotations

import io
import json
import os
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing import atomic, render
from briefing.errors import ConfigError, InputError
from briefing.render_marks import NumberIndex, split_text
from briefing.render_pdf import AssetFetcher
from briefing.render_view import (
    build_excerpt,
    cited_sentence_ids,
    escape_markdown,
    format_produced_at,
)
from briefing.schema import Brief, Claim, Fact, NumberCheck, Sentence, Source

DATA = Path(__file__).parent / "data"
SECTIONS = [
    "Bottom line up front",
    "Key judgments",
    "Key facts",
    "Actors",
    "Timeline",
    "Numbers checked",
    "Removed claims",
    "Source excerpts",
    "Run information",
]


def load_brief(name: str) -> Brief:
    return Brief.model_validate_json((DATA / f"brief_{name}.json").read_text(encoding="utf-8"))


def load_sources() -> list[Source]:
    raw = json.loads((DATA / "brief_seed.sources.json").read_text(encoding="utf-8"))
    return [Source.model_validate(item) for item in raw]


def all_checks(brief: Brief) -> list[NumberCheck]:
    return [row.check for row in NumberIndex(brief).rows]


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with whitespace collapsed (line breaks fall anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def squeeze(text: str) -> str:
    """Text without any whitespace: long names wrap at hyphens, so compare without breaks."""
    return re.sub(r"\s+", "", text)


def checked(text: str, number: str, status: str = "exact") -> NumberCheck:
    start = text.index(number)
    supported = status not in ("unsupported", "mismatch")
    return NumberCheck(
        text=number,
        start=start,
        end=start + len(number),
        status=status,  # type: ignore[arg-type]
        supported=supported,
        how=status if supported else None,
    )


@pytest.fixture(scope="module")
def seed() -> Brief:
    return load_brief("seed")


@pytest.fixture(scope="module")
def sources() -> list[Source]:
    return load_sources()


@pytest.fixture(scope="module")
def seed_pdf(seed: Brief, sources: list[Source]) -> bytes:
    html = render.to_html(seed, sources, render.load_report_env(None))
    return render.to_pdf(html)


class CountingHandler(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared by the server's handler instances on purpose

    def do_GET(self) -> None:
        CountingHandler.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request it receives."""
    CountingHandler.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", CountingHandler.hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- marks ---------------------------------------------------------------------------------------


def test_split_text_cuts_at_recorded_offsets() -> None:
    text = "Of 10,000 troops, 80% are in Kursk."
    checks = [checked(text, "10,000"), checked(text, "80%", "unsupported")]
    segments = split_text(text, checks, ["N1", "N2"])
    assert [s.text for s in segments] == ["Of ", "10,000", " troops, ", "80%", " are in Kursk."]
    assert [s.glyph for s in segments] == ["", "✓", "", "⚠", ""]
    assert [s.flagged for s in segments if s.check] == [False, True]


def test_split_text_finds_a_number_whose_offsets_drifted() -> None:
    text = "Now about 1,200 casualties per day."
    drifted = checked(text, "1,200").model_copy(update={"start": 0, "end": 5})
    segments = split_text(text, [drifted], ["N1"])
    assert [(s.text, s.glyph) for s in segments if s.check] == [("1,200", "✓")]
    assert "".join(s.text for s in segments) == text


def test_a_drifted_number_does_not_hide_one_placed_correctly() -> None:
    text = "First 80% then 10,000 then 80% again."
    good = checked(text, "10,000")
    drifted = checked(text, "80%").model_copy(update={"start": 40, "end": 43})
    segments = split_text(text, [drifted, good, checked(text, "again")], ["N1", "N2", "N3"])
    assert [(s.text, s.ref) for s in segments if s.check] == [
        ("80%", "N1"),
        ("10,000", "N2"),
        ("again", "N3"),
    ]
    assert "".join(s.text for s in segments) == text


def test_mismatch_has_its_own_glyph() -> None:
    text = "It flew 620 km."
    (segment,) = [
        s for s in split_text(text, [checked(text, "620 km", "mismatch")], ["N1"]) if s.check
    ]
    assert (segment.glyph, segment.mark) == ("✗", "bad")


def test_number_index_counts_removed_claims_apart(seed: Brief) -> None:
    index = NumberIndex(seed)
    assert len(index.rows) == seed.verification.numbers + 1  # plus the removed claim's number
    assert len(index.in_brief) == seed.verification.numbers
    assert index.count("ok") == seed.verification.supported
    assert [row.ref for row in index.rows[:3]] == ["N1", "N2", "N3"]


# --- views ---------------------------------------------------------------------------------------


def test_excerpt_keeps_cited_sentences_with_context_and_gaps() -> None:
    sentences = [Sentence(id=f"S{i}", text=f"Sentence {i}.", start=0, end=1) for i in range(1, 9)]
    source = Source(name="x", text="", sentences=sentences, sha256="0")
    excerpt = build_excerpt(source, {"S4"})
    shown = [line.sentence.id if line.sentence else "gap" for line in excerpt.lines]
    assert shown == ["gap", "S3", "S4", "S5", "gap"]
    assert [line.cited for line in excerpt.lines if line.sentence] == [False, True, False]


def test_cited_ids_include_citations_and_evidence(seed: Brief) -> None:
    ids = cited_sentence_ids(seed)
    assert {"S1", "S3", "S20"} <= ids


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2024-11-01T14:03:27Z", "1 November 2024, 14:03 UTC"),
        ("2024-11-01T16:03:27+02:00", "1 November 2024, 14:03 UTC"),
        ("yesterday", "yesterday"),
    ],
)
def test_production_time_reads_as_a_date(stamp: str, expected: str) -> None:
    assert format_produced_at(stamp) == expected


def test_markdown_escape_neutralises_links_html_and_newlines() -> None:
    assert escape_markdown("![x](http://e/x.png) <b>*hi*</b>\nnext") == (
        "!\\[x\\](http://e/x.png) \\<b\\>\\*hi\\*\\</b\\> next"
    )


# --- text formats --------------------------------------------------------------------------------


def test_json_round_trips_with_sorted_maps(seed: Brief) -> None:
    shuffled = seed.model_copy(
        update={"run": seed.run.model_copy(update={"prompt_hashes": {"b": "2", "a": "1"}})}
    )
    text = render.to_json(shuffled)
    assert text.endswith("}\n")
    assert list(json.loads(text)["run"]["prompt_hashes"]) == ["a", "b"]
    assert Brief.model_validate_json(text).facts == seed.facts
    checks = json.loads(text)["facts"][0]["numbers"][0]
    assert {"text", "supported", "how", "evidence"} <= set(checks)


def test_html_marks_every_number_and_links_flagged_ones(seed: Brief, sources: list[Source]) -> None:
    html = render.to_html(seed, sources, render.load_report_env(None))
    assert html.count('class="num num-') == len(all_checks(seed)) + 3  # + the legend's samples
    assert '12,000<span class="mark" aria-label="not found in the source">⚠</span>' in html
    assert '<a class="ref" href="#N16">N16</a>' in html
    assert 'id="N16"' in html
    assert 'id="src-S20"' in html
    assert 'href="#src-S20"' in html
    assert "Demonstration tier" in html
    assert "<link" not in html
    assert "src=" not in html


@pytest.mark.parametrize(("removed", "excerpts"), [(True, "C"), (False, "B")])
def test_the_legend_names_the_excerpt_appendix_actually_rendered(
    seed: Brief, sources: list[Source], removed: bool, excerpts: str
) -> None:
    brief = seed if removed else seed.model_copy(update={"dropped": []})
    assert bool(brief.dropped) is removed
    html = render.to_html(brief, sources, render.load_report_env(None))
    assert f"[S3] cites source sentence S3 (Appendix {excerpts})." in html
    labels = re.findall(r'appendix-label">(Appendix [A-Z])</span> ([A-Z][a-z]+ [a-z]+)', html)
    expected = [("Appendix A", "Numbers checked")]
    expected += [("Appendix B", "Removed claims")] if removed else []
    expected += [(f"Appendix {excerpts}", "Source excerpts")]
    assert labels == expected


def test_markdown_mirrors_the_sections_and_marks(seed: Brief, sources: list[Source]) -> None:
    markdown = render.to_markdown(seed, sources, render.load_report_env(None))
    for section in SECTIONS:
        assert f"## {section}" in markdown
    assert markdown.startswith("**UNCLASSIFIED**")
    assert "about 8,000✓ North Korean" in markdown
    assert "**12,000⚠N16**" in markdown
    assert "**620 km✗N14**" in markdown
    for check in all_checks(seed):
        assert check.text in markdown


def test_demo_notice_only_for_the_demonstration_tier(seed: Brief, sources: list[Source]) -> None:
    real = seed.model_copy(update={"run": seed.run.model_copy(update={"demo_tier": False})})
    env = render.load_report_env(None)
    assert "Demonstration tier" not in render.to_html(real, sources, env)
    assert "Demonstration tier" not in render.to_markdown(real, sources, env)


# --- PDF -----------------------------------------------------------------------------------------


def test_pdf_holds_every_section_and_number(seed_pdf: bytes, seed: Brief) -> None:
    text = pdf_text(seed_pdf)
    for section in SECTIONS:
        assert section.upper() in text.upper()
    for check in all_checks(seed):
        assert check.text in text, check.text
    assert seed.title in text
    assert "1 November 2024, 14:03 UTC" in text
    assert "SmolLM2-135M-Instruct" in text
    assert "3f1c0a9b2e71" in text


def test_pdf_pages_carry_banner_and_page_x_of_y(seed_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(seed_pdf))
    pages = len(reader.pages)
    assert 3 <= pages <= 10
    assert len(seed_pdf) < 500_000
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert text.count("UNCLASSIFIED") == 2
        assert f"Page {number} of {pages}" in text


def test_pdf_embeds_the_shipped_font(seed_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(seed_pdf))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    assert any("Inter" in name for name in fonts)
    assert all(fonts.values()), fonts


def test_letter_and_a4_page_sizes(seed: Brief, sources: list[Source]) -> None:
    env = render.load_report_env(None)
    letter = render.to_pdf(render.to_html(seed, sources, env, page_size="Letter"))
    box = PdfReader(io.BytesIO(letter)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    with pytest.raises(ConfigError, match="unknown page size"):
        render.to_html(seed, sources, env, page_size="A5")


def test_a4_page_size(seed_pdf: bytes) -> None:
    box = PdfReader(io.BytesIO(seed_pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_sixty_facts_and_forty_actors_lay_out_without_cuts(sources: list[Source]) -> None:
    brief = load_brief("large")
    assert (len(brief.facts), len(brief.actors)) == (60, 40)
    pdf = render.to_pdf(render.to_html(brief, sources, render.load_report_env(None)))
    text = squeeze(pdf_text(pdf))
    unmarked = re.sub(r"[✓⚠✗](N\d+)?", "", text)  # the glyph and appendix ref after numbers
    for fact in brief.facts:
        assert squeeze(fact.text) in unmarked
    for actor in brief.actors:
        assert squeeze(actor.name) in text
        assert squeeze(actor.role) in text
    assert len(pdf) < 1_000_000


# --- no fetching ---------------------------------------------------------------------------------


def hostile_brief(seed: Brief, url: str) -> Brief:
    payload = (
        f'<script>alert(1)</script><img src="{url}/pixel.png"> <img src="file:///etc/passwd">'
        f"<style>@import url({url}/evil.css);</style> 8,000 troops"
    )
    fact = Fact(id="F1", text=payload, citations=["S1"], numbers=[checked(payload, "8,000")])
    return seed.model_copy(
        update={"title": payload, "facts": [fact], "bluf": Claim(text=payload), "actors": []}
    )


def test_hostile_text_is_escaped_and_nothing_is_fetched(
    seed: Brief, sources: list[Source], counting_server: tuple[str, list[str]]
) -> None:
    url, hits = counting_server
    brief = hostile_brief(seed, url)
    env = render.load_report_env(None)
    html = render.to_html(brief, sources, env, banner=f'<img src="{url}/b.png">SECRET')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert f'<img src="{url}' not in html
    text = squeeze(pdf_text(render.to_pdf(html)))  # long URLs wrap anywhere
    assert "<script>alert(1)</script>" in text
    assert '<imgsrc="file:///etc/passwd">' in text
    markdown = render.to_markdown(brief, sources, env)
    assert "<script>" not in markdown
    assert "![" not in markdown
    assert hits == []


def test_fetcher_refuses_network_and_files_even_in_raw_markup(
    counting_server: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, hits = counting_server
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }", encoding="utf-8")
    html = f"""<html><head><link rel="stylesheet" href="{url}/a.css">
      <link rel="stylesheet" href="{secret.as_uri()}">
      <style>@import url("{url}/b.css"); body {{ background: url("{url}/c.png") }}</style></head>
      <body><img src="{url}/d.png"><img src="file:///etc/passwd"><p>text</p></body></html>"""
    pdf = render.to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert hits == []


def test_fetcher_serves_only_template_assets_and_data_uris(tmp_path: Path) -> None:
    root = render.default_templates_dir()
    fetcher = AssetFetcher([tmp_path, root])
    font = fetcher.fetch((tmp_path / "fonts" / "Inter-Regular.otf").as_uri())
    assert font.read()[:4] == b"OTTO"  # found in the defaults, through the override root
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    for url in (
        "file:///etc/passwd",
        (root / ".." / ".." / ".." / "etc" / "passwd").as_uri(),
        f"{root.as_uri()}/../pyproject.toml",
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "ftp://example.org/x",
    ):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 6


# --- templates -----------------------------------------------------------------------------------


def test_override_folder_changes_one_template_and_inherits_the_rest(
    seed: Brief, sources: list[Source], tmp_path: Path
) -> None:
    default_css = (render.default_templates_dir() / "brief.css").read_text(encoding="utf-8")
    (tmp_path / "brief.css").write_text(default_css + "\n/* house style 7f3a */\n", "utf-8")
    env = render.load_report_env(tmp_path)
    html = render.to_html(seed, sources, env)
    assert "house style 7f3a" in html
    assert "Key judgments" in html
    assert render.to_markdown(seed, sources, env).startswith("**UNCLASSIFIED**")


def test_override_markdown_template_only(
    seed: Brief, sources: list[Source], tmp_path: Path
) -> None:
    (tmp_path / "brief.md.j2").write_text("# {{ brief.title | md }}\n", "utf-8")
    env = render.load_report_env(tmp_path)
    assert render.to_markdown(seed, sources, env) == f"# {seed.title}\n"
    assert "Key judgments" in render.to_html(seed, sources, env)


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        ("<p>\n{% if brief %}\n<b>{{ brief.title }</b>\n", 3, "unexpected"),
        ("<p>\n{{ brief.title }}\n{{ no_such_variable }}\n", 3, "no_such_variable"),
    ],
)
def test_template_error_names_file_and_line(
    seed: Brief, sources: list[Source], tmp_path: Path, source: str, line: int, words: str
) -> None:
    (tmp_path / "brief.html.j2").write_text(source, "utf-8")
    env = render.load_report_env(tmp_path)
    with pytest.raises(ConfigError) as caught:
        render.to_html(seed, sources, env)
    assert f"brief.html.j2:{line}" in caught.value.problem
    assert words in caught.value.problem


def test_missing_templates_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        render.load_report_env(tmp_path / "nope")


def test_default_templates_ship_every_file() -> None:
    root = render.default_templates_dir()
    for name in ("brief.html.j2", "brief.css", "brief.md.j2", "fonts.css", "fonts/OFL.txt"):
        assert (root / name).is_file(), name


def test_templates_inside_the_wheel_win_over_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "briefing"
    (package / "_data" / "templates").mkdir(parents=True)
    (package / "_data" / "templates" / "brief.html.j2").write_text("wheel", "utf-8")
    monkeypatch.setattr(render, "PACKAGE_DIR", package)
    assert render.default_templates_dir() == package / "_data" / "templates"


# --- writing -------------------------------------------------------------------------------------


def test_write_outputs_writes_every_format_beside_the_pdf(
    seed: Brief, sources: list[Source], tmp_path: Path
) -> None:
    pdf_path = tmp_path / "new" / "brief.pdf"
    paths = render.write_outputs(
        seed,
        sources,
        pdf_path=pdf_path,
        formats=["json", "md", "html"],
        templates_dir=None,
        page_size="A4",
        banner="OFFICIAL",
    )
    assert [p.name for p in paths] == ["brief.json", "brief.md", "brief.html"]
    assert sorted(os.listdir(pdf_path.parent)) == ["brief.html", "brief.json", "brief.md"]
    assert "OFFICIAL" in (tmp_path / "new" / "brief.md").read_text(encoding="utf-8")


def test_a_template_error_writes_nothing(
    seed: Brief, sources: list[Source], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.md.j2").write_text("{{ missing }}", "utf-8")
    out = tmp_path / "out"
    with pytest.raises(ConfigError, match=r"brief\.md\.j2:1"):
        render.write_outputs(
            seed,
            sources,
            pdf_path=out / "x.pdf",
            formats=["json", "html", "md"],
            templates_dir=templates,
            page_size="A4",
            banner="UNCLASSIFIED",
        )
    assert not out.exists() or list(out.iterdir()) == []


def test_a_failed_rename_leaves_old_files_whole_and_no_temp_files(
    seed: Brief, sources: list[Source], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("x.json", "x.md"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(render.os, "replace", failing_replace)
    with pytest.raises(InputError, match=r"cannot write .*x\.md: no space left on device"):
        render.write_outputs(
            seed,
            sources,
            pdf_path=tmp_path / "x.pdf",
            formats=["json", "md"],
            templates_dir=None,
            page_size="A4",
            banner="UNCLASSIFIED",
        )
    assert sorted(os.listdir(tmp_path)) == ["x.json", "x.md"]
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["title"] == seed.title
    assert (tmp_path / "x.md").read_text(encoding="utf-8") == "old"


def test_unwritable_folder_is_an_input_error(
    seed: Brief, sources: list[Source], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(InputError) as caught:
        render.write_outputs(
            seed,
            sources,
            pdf_path=tmp_path / "x.pdf",
            formats=["json"],
            templates_dir=None,
            page_size="A4",
            banner="UNCLASSIFIED",
        )
    assert str(caught.value) == (
        f"cannot write {tmp_path / 'x.json'}: permission denied. Choose another --out folder"
    )


def test_output_folder_that_is_a_file_is_an_input_error(
    seed: Brief, sources: list[Source], tmp_path: Path
) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="cannot write"):
        render.write_outputs(
            seed,
            sources,
            pdf_path=blocker / "x.pdf",
            formats=["md"],
            templates_dir=None,
            page_size="A4",
            banner="UNCLASSIFIED",
        )


def test_unknown_format_is_a_config_error(
    seed: Brief, sources: list[Source], tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match="unknown output format 'docx'"):
        render.write_outputs(
            seed,
            sources,
            pdf_path=tmp_path / "x.pdf",
            formats=["pdf", "docx"],
            templates_dir=None,
            page_size="A4",
            banner="UNCLASSIFIED",
        )
    assert list(tmp_path.iterdir()) == []
