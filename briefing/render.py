"""Render a checked brief as PDF, HTML, Markdown and JSON, and write the files atomically.

Report templates live in `templates/` (shipped in the wheel as `briefing/_data/templates`); a
user's `--templates DIR` overrides any of them and falls back to the defaults for the rest.
Every requested format is rendered in memory before anything is written, and each file goes
to a temp file in the target folder and is renamed into place: a failed run leaves no partial
output and no stray temp file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import traceback
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2

from briefing import atomic
from briefing.errors import BriefingError, ConfigError, InputError
from briefing.render_view import (
    build_context,
    css_page_size,
    escape_markdown,
    format_thousands,
)
from briefing.schema import Brief, Source

FORMATS = ("pdf", "json", "md", "html")
HTML_TEMPLATE = "brief.html.j2"
MARKDOWN_TEMPLATE = "brief.md.j2"
PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATE_HINT = "Fix the template, or remove it from your templates folder to use the default"


def default_templates_dir() -> Path:
    """The shipped templates: inside the wheel, else the repository's `templates/`."""
    for candidate in (PACKAGE_DIR / "_data" / "templates", PACKAGE_DIR.parent / "templates"):
        if (candidate / HTML_TEMPLATE).is_file():
            return candidate
    raise BriefingError("the default report templates are missing", "Reinstall briefing")


def template_dirs(templates_dir: Path | None) -> list[Path]:
    """The template search path: the user's folder first (when given), then the defaults."""
    dirs = [default_templates_dir()]
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise ConfigError(
                f"templates folder {templates_dir} does not exist",
                "Pass a folder holding the templates you changed (e.g. brief.css)",
            )
        dirs.insert(0, templates_dir)
    return dirs


def load_report_env(templates_dir: Path | None) -> jinja2.Environment:
    """A Jinja environment over the user's templates, then the defaults; HTML is autoescaped."""
    loaders = [jinja2.FileSystemLoader(str(path)) for path in template_dirs(templates_dir)]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "html.j2", "htm", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["thousands"] = format_thousands
    return env


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render one template; any template mistake becomes a ConfigError naming file and line."""
    with template_errors(env, name):
        return env.get_template(name).render(context)


@contextlib.contextmanager
def template_errors(env: jinja2.Environment, name: str) -> Iterator[None]:
    """Jinja's exceptions as one-line ConfigErrors with the template's file and line."""
    try:
        yield
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        raise ConfigError(f"template error at {where}: {exc.message}", TEMPLATE_HINT) from None
    except jinja2.TemplateNotFound as exc:
        raise ConfigError(f"template {exc.name} not found", TEMPLATE_HINT) from None
    except jinja2.TemplateError as exc:
        where = template_location(exc, env) or name
        raise ConfigError(f"template error at {where}: {exc.message}", TEMPLATE_HINT) from None


def template_location(exc: BaseException, env: jinja2.Environment) -> str | None:
    """ "file:line" of the innermost template frame of a runtime error, if any."""
    roots = [
        str(Path(path).resolve())
        for loader in getattr(env.loader, "loaders", [])
        for path in getattr(loader, "searchpath", [])
    ]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if any(str(Path(frame.filename).resolve()).startswith(root) for root in roots):
            return f"{frame.filename}:{frame.lineno}"
    return None


def to_json(brief: Brief) -> str:
    """The brief as JSON: field order as in the schema, map keys sorted, so reruns diff cleanly."""
    hashes = dict(sorted(brief.run.prompt_hashes.items()))
    run = brief.run.model_copy(update={"prompt_hashes": hashes})
    verification = brief.verification.model_copy(
        update={"by_status": dict(sorted(brief.verification.by_status.items()))}
    )
    stable = brief.model_copy(update={"run": run, "verification": verification})
    return stable.model_dump_json(indent=2) + "\n"


def to_markdown(
    brief: Brief, sources: list[Source], env: jinja2.Environment, *, banner: str = "UNCLASSIFIED"
) -> str:
    """The brief as Markdown, mirroring the PDF's sections and number marks."""
    context = build_context(brief, sources, banner=banner, page_size="A4")
    return render_template(env, MARKDOWN_TEMPLATE, context)


def to_html(
    brief: Brief,
    sources: list[Source],
    env: jinja2.Environment,
    *,
    page_size: str = "A4",
    banner: str = "UNCLASSIFIED",
) -> str:
    """A self-contained HTML brief (CSS inlined, no external references), the PDF's source."""
    if css_page_size(page_size) is None:
        raise ConfigError(f"unknown page size {page_size!r}", "Use A4 or Letter")
    context = build_context(brief, sources, banner=banner, page_size=page_size)
    return render_template(env, HTML_TEMPLATE, context)


def to_pdf(html: str, *, templates_dir: Path | None = None) -> bytes:
    """Lay out `to_html` output as PDF, with the shipped font embedded; fetches nothing else."""
    # Imported here: WeasyPrint takes about a second to import, and JSON/Markdown runs skip it.
    from briefing.render_pdf import html_to_pdf

    return html_to_pdf(html, template_dirs(templates_dir))


def output_paths(pdf_path: Path, formats: Sequence[str]) -> dict[str, Path]:
    """`out/x.pdf` -> {"pdf": out/x.pdf, "json": out/x.json, ...} in the requested order."""
    unknown = [name for name in formats if name not in FORMATS]
    if unknown:
        raise ConfigError(f"unknown output format {unknown[0]!r}", "Use pdf, json, md or html")
    return {name: pdf_path.with_suffix(f".{name}") for name in dict.fromkeys(formats)}


def check_inputs_kept(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Refuse, before any model call, an output file that is one of the input articles."""
    originals = list(inputs)
    for path in outputs:
        for original in originals:
            if is_same_file(path, original):
                raise InputError(
                    f"output {path} would overwrite input article {original}",
                    "Choose another -o",
                )


def is_same_file(a: Path, b: Path) -> bool:
    """The same path once resolved, or the same file by another name (link, case)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist: nothing to overwrite
        return False


def check_folder_writable(folder: Path) -> None:
    """Create the folder (and its parents) and a temp file in it, then remove what was made.

    Permission bits alone do not say it (root, read-only mounts, /proc), so try it.
    """
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".briefing-probe-"):
            pass
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise InputError(
            f"cannot write to {folder}: it is not a writable folder ({reason})",
            "Choose another --out folder",
        ) from None
    finally:
        for made in missing:  # deepest first
            with contextlib.suppress(OSError):
                made.rmdir()


def check_templates(templates_dir: Path | None, formats: Sequence[str]) -> None:
    """Parse the report templates the formats need, so a bad one stops the run before a call."""
    env = load_report_env(templates_dir)
    needed = [HTML_TEMPLATE] if {"pdf", "html"} & set(formats) else []
    needed += [MARKDOWN_TEMPLATE] if "md" in formats else []
    for name in needed:
        with template_errors(env, name):
            env.get_template(name)


def render_formats(
    brief: Brief,
    sources: list[Source],
    formats: Sequence[str],
    *,
    templates_dir: Path | None,
    page_size: str,
    banner: str,
) -> dict[str, bytes]:
    """Render every requested format into memory; nothing touches the disk here."""
    env = load_report_env(templates_dir)
    rendered: dict[str, bytes] = {}
    html = ""
    if "html" in formats or "pdf" in formats:
        html = to_html(brief, sources, env, page_size=page_size, banner=banner)
    for name in formats:
        if name == "json":
            rendered[name] = to_json(brief).encode("utf-8")
        elif name == "md":
            rendered[name] = to_markdown(brief, sources, env, banner=banner).encode("utf-8")
        elif name == "html":
            rendered[name] = html.encode("utf-8")
        elif name == "pdf":
            rendered[name] = to_pdf(html, templates_dir=templates_dir)
    return rendered


def write_outputs(
    brief: Brief,
    sources: list[Source],
    *,
    pdf_path: Path,
    formats: Sequence[str],
    templates_dir: Path | None,
    page_size: str,
    banner: str,
) -> list[Path]:
    """Render the brief in every format, then write `<stem>.<format>` files beside pdf_path."""
    paths = output_paths(pdf_path, formats)
    rendered = render_formats(
        brief,
        sources,
        list(paths),
        templates_dir=templates_dir,
        page_size=page_size,
        banner=banner,
    )
    write_atomically({paths[name]: rendered[name] for name in paths})
    return list(paths.values())


def write_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temp file beside it, then rename them all into place.

    All temp files are written before the first rename, so a full disk or a permission error
    leaves the previous outputs untouched and no temp file behind.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            staged.append((stage_file(path, data), path))
        for temp, path in staged:
            replace_file(temp, path)
    finally:
        for temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()


def stage_file(path: Path, data: bytes) -> Path:
    """Write data to a new temp file in path's folder (created if missing) and return it."""
    try:
        return atomic.stage_file(path, data)
    except OSError as exc:
        raise unwritable(path, exc) from None


def replace_file(temp: Path, path: Path) -> None:
    """Rename the temp file over the final name (atomic on POSIX and Windows)."""
    try:
        os.replace(temp, path)
    except OSError as exc:
        raise unwritable(path, exc) from None


def unwritable(path: Path, exc: OSError) -> InputError:
    """`cannot write out/x.pdf: permission denied. Choose another --out folder`."""
    reason = (exc.strerror or type(exc).__name__).lower()
    return InputError(f"cannot write {path}: {reason}", "Choose another --out folder")
