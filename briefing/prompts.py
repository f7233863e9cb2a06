"""The prompt templates: where they are found, how they render, and their version hashes.

Lookup, first match wins per template: an override folder (`--prompts` / BRIEFING_PROMPTS), then
`./prompts/` in the working directory when it holds briefing templates, then the defaults
shipped with the package. A user's folder may hold only the templates they changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta

from briefing.errors import ConfigError
from briefing.schema import Chunk

PROMPT_NAMES: tuple[str, ...] = (
    "extract.system",
    "extract.user",
    "synthesize.system",
    "synthesize.user",
    "repair.user",
    "revise.user",
)
SUFFIX = ".j2"
PACKAGE_DIR = Path(__file__).resolve().parent
# "</article" inside article text would close our delimiter early; "<article" could open a fake
# one. Notes quote the article, so the synthesis prompt's <notes> block is defended the same way.
DELIMITER = re.compile(r"<\s*(/?)\s*(article|notes)", re.IGNORECASE)


def default_dir() -> Path:
    """The shipped templates: inside the wheel, or the repo folder for an editable install."""
    for candidate in (PACKAGE_DIR / "_data" / "prompts", PACKAGE_DIR.parent / "prompts"):
        if (candidate / f"extract.system{SUFFIX}").is_file():
            return candidate
    raise ConfigError(
        "the default prompt templates are missing from the installation",
        "Reinstall briefing (pip install --force-reinstall briefing)",
    )


def holds_templates(folder: Path) -> bool:
    """True when a folder has at least one briefing prompt template in it."""
    return any((folder / f"{name}{SUFFIX}").is_file() for name in PROMPT_NAMES)


def search_path(override: Path | None, *, cwd: Path | None = None) -> list[Path]:
    """Folders searched for templates, most specific first."""
    folders: list[Path] = []
    if override is not None:
        if not override.is_dir():
            raise ConfigError(
                f"prompts folder {override} does not exist",
                "Create it with `briefing prompts init DIR` or fix --prompts",
            )
        folders.append(override)
    local = (cwd or Path.cwd()) / "prompts"
    if local.is_dir() and holds_templates(local) and local.resolve() != default_dir().resolve():
        folders.append(local)
    folders.append(default_dir())
    return list(dict.fromkeys(folders))


def neutralize_delimiters(text: str) -> str:
    """Defuse `<article>`/`</article>` inside untrusted text so it cannot end the data block."""
    return DELIMITER.sub(lambda m: f"<{m.group(1)}{m.group(2)[0]}\u200b{m.group(2)[1:]}", text)


@dataclass
class PromptSet:
    """Rendered prompt templates with strict undefined variables and per-template hashes."""

    folders: list[Path]
    env: jinja2.Environment = field(init=False)

    def __post_init__(self) -> None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(f)) for f in self.folders])
        self.env = jinja2.Environment(
            loader=loader,
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["data"] = neutralize_delimiters

    def render(self, name: str, variables: Mapping[str, Any]) -> str:
        """Render one template; errors name the file and line."""
        try:
            return self.env.get_template(f"{name}{SUFFIX}").render(**variables).strip()
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or exc.name}:{exc.lineno}"
            raise ConfigError(f"prompt template error at {where}: {exc.message}", FIX) from None
        except jinja2.UndefinedError as exc:
            where = failing_location(exc, self.origin(name))
            raise ConfigError(f"prompt template error at {where}: {exc.message}", FIX) from None
        except jinja2.TemplateNotFound as exc:
            raise ConfigError(f"prompt template {exc.name} not found", FIX) from None

    def origin(self, name: str) -> Path:
        """The file a template name resolves to."""
        for folder in self.folders:
            path = folder / (name if name.endswith(SUFFIX) else f"{name}{SUFFIX}")
            if path.is_file():
                return path
        raise ConfigError(f"prompt template {name} not found", FIX)

    def source(self, name: str) -> str:
        return self.origin(name).read_text(encoding="utf-8")

    def hash(self, name: str) -> str:
        """sha256 (12 hex digits) of a template and everything it includes or imports."""
        digest = hashlib.sha256()
        for part in sorted(self.closure(name)):
            digest.update(part.encode())
            digest.update(b"\0")
            digest.update(self.source(part).encode())
        return digest.hexdigest()[:12]

    def closure(self, name: str) -> set[str]:
        """The template plus every template it references, transitively."""
        seen: set[str] = set()
        todo = [name if name.endswith(SUFFIX) else f"{name}{SUFFIX}"]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            path = self.origin(current)
            try:
                ast = self.env.parse(path.read_text(encoding="utf-8"), current, str(path))
            except jinja2.TemplateSyntaxError as exc:
                where = f"{path}:{exc.lineno}"
                raise ConfigError(f"prompt template error at {where}: {exc.message}", FIX) from None
            todo.extend(ref for ref in meta.find_referenced_templates(ast) if ref)
        return seen

    def hashes(self, names: Iterable[str] = PROMPT_NAMES) -> dict[str, str]:
        return {name: self.hash(name) for name in names}


FIX = "Fix the template, or check it with `briefing prompts check`"


def failing_location(exc: BaseException, fallback: Path) -> str:
    """`file:line` of the innermost template frame of a render error (includes too)."""
    where = str(fallback)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(SUFFIX):
            where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return where


def load_prompts(override: Path | None = None, *, cwd: Path | None = None) -> PromptSet:
    return PromptSet(search_path(override, cwd=cwd))


def article_lines(chunk: Chunk) -> str:
    """The chunk's `[S3] sentence` lines, with delimiters in the text defused."""
    return neutralize_delimiters(chunk.text)
