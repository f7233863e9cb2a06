"""Check prompt templates before a paid call: syntax, undefined variables, headers, delimiters.

Every template in the search path is parsed. Every prompt is then rendered the way a run
renders it (through `briefing.previews`, so with exactly the variables the pipeline passes)
against a built-in sample article, in each prompt style. Undefined variables are found twice:
statically, in every branch of the template and of what it includes, and by rendering, which
also catches attribute and filter errors. Each finding names the file and line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

import jinja2
from jinja2 import meta, nodes

from briefing.chunking import chunk
from briefing.errors import ConfigError
from briefing.previews import (
    PreviewInputs,
    extract_calls,
    preview_caller,
    repair_call,
    revise_call,
    sample_notes,
    sample_source,
    synthesize_call,
)
from briefing.prompts import PROMPT_NAMES, SUFFIX, PromptSet, default_dir
from briefing.summarize import MergedNotes, StyleLimits

Severity = Literal["error", "warning"]
HEADER = re.compile(r"\A\s*\{#\s*vars:(.*?)#\}", re.DOTALL)
HEADER_NAME = re.compile(r"^([A-Za-z_]\w*)\s*(?:[:=\-\u2013\u2014].*)?$", re.DOTALL)
BRACKETED = re.compile(r"\([^()]*\)|\{[^{}]*\}|\[[^\[\]]*\]|\"[^\"]*\"")
STYLES = ("extractive", "abstractive")
SAMPLE_CHUNK_TOKENS = 4096


@dataclass(frozen=True)
class Finding:
    """One problem in one template, with where it is."""

    severity: Severity
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)  # file names checked, in order

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def add(self, finding: Finding) -> None:
        if finding not in self.findings:
            self.findings.append(finding)


class RecordingPrompts(PromptSet):
    """A PromptSet that records what each template receives and renders, and keeps going
    after an error (recording it) so one check run reports every broken template."""

    received: dict[str, set[str]]
    rendered: dict[str, list[str]]
    failures: dict[str, list[Finding]]

    def __post_init__(self) -> None:
        super().__post_init__()
        self.received, self.rendered, self.failures = {}, {}, {}

    def render(self, name: str, variables: Mapping[str, Any]) -> str:
        self.received.setdefault(name, set()).update(variables)
        try:
            text = self.env.get_template(f"{name}{SUFFIX}").render(**variables).strip()
        except jinja2.TemplateSyntaxError:
            return ""  # reported, with its line, when every template is parsed
        except Exception as exc:  # any render failure is a finding, whatever raised it
            path, line = failing_frame(exc.__traceback__, self.origin(name))
            self.failures.setdefault(name, []).append(
                Finding("error", path, line, describe_failure(exc))
            )
            return ""
        self.rendered.setdefault(name, []).append(text)
        return text


def describe_failure(exc: Exception) -> str:
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"the included template {exc.name} is not in the search path"
    if isinstance(exc, jinja2.TemplateError) and exc.message:
        return exc.message
    return f"{type(exc).__name__}: {exc}"


def failing_frame(tb: TracebackType | None, fallback: Path) -> tuple[Path, int | None]:
    """The innermost template file and line in a traceback (jinja rewrites frames to them)."""
    path, line = fallback, None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(SUFFIX):
            path, line = Path(filename), tb.tb_lineno
        tb = tb.tb_next
    return path, line


def check_prompts(folders: list[Path]) -> CheckReport:
    """Parse, render and lint every template the search path resolves to."""
    prompts = RecordingPrompts(folders)
    report = CheckReport()
    broken = parse_all(prompts, report)
    render_samples(prompts)
    for name in PROMPT_NAMES:
        closure = safe_closure(prompts, name, broken)
        if closure is None:  # a syntax error (already a finding) or a missing include
            for finding in prompts.failures.get(name, []):
                report.add(finding)
            continue
        find_undefined(prompts, name, closure, report)
        static = {(f.path, f.line) for f in report.errors}
        for finding in prompts.failures.get(name, []):
            if (finding.path, finding.line) not in static:  # the same error, found by rendering
                report.add(finding)
        check_header(prompts, f"{name}{SUFFIX}", prompts.received.get(name, set()), report)
    check_partials(prompts, broken, report)
    check_delimiters(prompts, report)
    return report


def effective_templates(prompts: PromptSet) -> list[str]:
    """Every template file name the search path resolves, default ones included."""
    return sorted(n for n in prompts.env.list_templates() if n.endswith(SUFFIX))


def parse_all(prompts: PromptSet, report: CheckReport) -> set[str]:
    """Parse each template; the names of those with syntax errors."""
    broken: set[str] = set()
    for filename in effective_templates(prompts):
        report.templates.append(filename)
        path = prompts.origin(filename)
        try:
            prompts.env.parse(path.read_text(encoding="utf-8"), filename, str(path))
        except jinja2.TemplateSyntaxError as exc:
            broken.add(filename)
            report.add(Finding("error", path, exc.lineno, f"syntax error: {exc.message}"))
    return broken


def safe_closure(prompts: PromptSet, name: str, broken: set[str]) -> set[str] | None:
    """The template and what it includes; None when one of them does not parse or exist."""
    try:
        closure = prompts.closure(name)
    except (jinja2.TemplateSyntaxError, ConfigError):  # ConfigError: an include is missing
        return None
    return None if closure & broken else closure


def render_samples(prompts: RecordingPrompts) -> None:
    """Render every call of a run on the sample article, once per prompt style."""
    source = sample_source()
    chunks = chunk(source, max_tokens=SAMPLE_CHUNK_TOKENS)
    caller = preview_caller(prompts)
    for style in STYLES:
        inputs = PreviewInputs([source], chunks, StyleLimits(style=style))
        extract_calls(caller, inputs)
        synthesize_call(caller, inputs, sample_notes(source))
        synthesize_call(caller, inputs, MergedNotes(facts=sample_notes(source).facts))
    repair_call(caller)
    revise_call(caller, PreviewInputs([source], chunks))


def find_undefined(
    prompts: RecordingPrompts, name: str, closure: set[str], report: CheckReport
) -> None:
    """Names used in any branch of the template (or its includes) that it never receives."""
    known = prompts.received.get(name, set()) | set(prompts.env.globals)
    for filename in sorted(closure):
        path = prompts.origin(filename)
        ast = prompts.env.parse(path.read_text(encoding="utf-8"))
        for var in sorted(meta.find_undeclared_variables(ast) - known):
            line = first_use(ast, var)
            report.add(Finding("error", path, line, f"'{var}' is undefined (not passed to {name})"))


def used_variables(prompts: PromptSet, filename: str) -> set[str]:
    """The variables a template reads from its context (not ones it sets itself)."""
    ast = prompts.env.parse(prompts.origin(filename).read_text(encoding="utf-8"))
    return set(meta.find_undeclared_variables(ast))


def first_use(ast: nodes.Template, var: str) -> int | None:
    lines = [n.lineno for n in ast.find_all(nodes.Name) if n.name == var and n.ctx == "load"]
    return min(lines) if lines else None


def header_vars(source: str) -> list[str] | None:
    """The variable names a `{# vars: ... #}` header documents; None when there is no header.

    Descriptions in brackets or quotes are skipped, and so are entries that are prose rather
    than a name (`{# vars: (none) — shared rules #}` documents no variables).
    """
    found = HEADER.match(source)
    if found is None:
        return None
    body = found.group(1)
    while BRACKETED.search(body):
        body = BRACKETED.sub(" ", body)
    pieces = (piece.strip() for piece in re.split(r"[,\n]", body))
    return [m.group(1) for m in (HEADER_NAME.match(p) for p in pieces) if m]


def check_header(
    prompts: PromptSet, filename: str, received: set[str], report: CheckReport
) -> None:
    """Warn when the header is missing, or documents what the template is never given."""
    path = prompts.origin(filename)
    documented = header_vars(path.read_text(encoding="utf-8"))
    if documented is None:
        report.add(
            Finding(
                "warning",
                path,
                1,
                "no `{# vars: ... #}` header: document the variables the template receives",
            )
        )
        return
    for var in sorted(used_variables(prompts, filename) & received - set(documented)):
        report.add(Finding("warning", path, 1, f"uses '{var}', which its header does not document"))
    for var in documented:
        if var not in received:
            given = ", ".join(sorted(received)) or "none"
            report.add(
                Finding(
                    "warning",
                    path,
                    1,
                    f"the header documents '{var}', which it does not receive (it gets: {given})",
                )
            )


def check_partials(prompts: RecordingPrompts, broken: set[str], report: CheckReport) -> None:
    """Included pieces get their includers' variables; unused files are probably misnamed."""
    used: dict[str, set[str]] = {}
    for name in PROMPT_NAMES:
        for filename in safe_closure(prompts, name, broken) or set():
            used.setdefault(filename, set()).update(prompts.received.get(name, set()))
    for filename in effective_templates(prompts):
        if filename.removesuffix(SUFFIX) in PROMPT_NAMES or filename in broken:
            continue
        if filename in used:
            check_header(prompts, filename, used[filename], report)
            continue
        if prompts.origin(filename).parent.resolve() == default_dir().resolve():
            continue  # a shipped piece that the user's own templates no longer include
        guess = difflib.get_close_matches(filename.removesuffix(SUFFIX), PROMPT_NAMES, n=1)
        hint = f": did you mean {guess[0]}{SUFFIX}?" if guess else ""
        report.add(
            Finding(
                "warning",
                prompts.origin(filename),
                None,
                f"no prompt uses this template{hint}",
            )
        )


def check_delimiters(prompts: RecordingPrompts, report: CheckReport) -> None:
    """The sample article contains `</article>`: it must not close the data block early."""
    for text in prompts.rendered.get("extract.user", []):
        opens = len(re.findall(r"<article>", text))
        closes = len(re.findall(r"</article>", text))
        if (opens, closes) != (1, 1):
            report.add(
                Finding(
                    "warning",
                    prompts.origin("extract.user"),
                    None,
                    "the article is not delimited by exactly one <article> ... </article> "
                    f"block (found {opens} opening, {closes} closing): put {{{{ article }}}} "
                    "between them, and pass other untrusted text through the `data` filter",
                )
            )
            return
