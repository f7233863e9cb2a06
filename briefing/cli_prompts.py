"""`briefing prompts ...`: list, show, copy, preview and check the prompt templates.

Thin, like the rest of the CLI: the work is in `briefing.prompts`, `briefing.previews`,
`briefing.prompt_check` and `briefing.dryrun`. Results go to stdout, notes to stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from briefing import atomic
from briefing.cli_support import print_note, reported_errors
from briefing.config import Settings, load_settings
from briefing.dryrun import RunSetup, setup_run
from briefing.errors import ConfigError, InputError
from briefing.previews import (
    PreviewCall,
    call_kind,
    extract_calls,
    repair_call,
    revise_call,
    synthesize_call,
    template_hash,
)
from briefing.prompt_check import check_prompts, effective_templates
from briefing.prompts import PROMPT_NAMES, SUFFIX, PromptSet, default_dir, load_prompts
from briefing.tokens import prompt_tokens

PromptsOption = Annotated[
    Path | None,
    typer.Option(
        "--prompts",
        help="Folder of prompt templates overriding the defaults [default: BRIEFING_PROMPTS, "
        "then ./prompts when it holds templates].",
        show_default=False,
    ),
]

prompts_app = typer.Typer(
    name="prompts",
    help=(
        "List, show, copy, preview and check the prompt templates.\n\n"
        "Lookup order: --prompts DIR, BRIEFING_PROMPTS, ./prompts (when it holds templates), "
        "the defaults shipped with briefing. A folder may hold only the templates you changed.\n\n"
        "Examples:\n\n"
        "  briefing prompts init my-prompts\n\n"
        "  briefing prompts check my-prompts\n\n"
        "  briefing prompts render extract.user --input article.txt --prompts my-prompts"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def register(app: typer.Typer) -> None:
    """Add the `prompts` command group to the main app."""
    app.add_typer(prompts_app, name="prompts")


def settings_for(prompts: Path | None, **flags: Any) -> Settings:
    """Settings with the usual precedence (flags > env > briefing.toml > defaults)."""
    return load_settings({"prompts_dir": prompts, **flags})


def loaded(prompts: Path | None) -> PromptSet:
    return load_prompts(settings_for(prompts).prompts_dir)


def origin_label(path: Path) -> str:
    """Where a template comes from: the shipped defaults, ./prompts, or an override folder."""
    folder = path.parent.resolve()
    if folder == default_dir().resolve():
        return "default"
    if folder == (Path.cwd() / "prompts").resolve():
        return "./prompts"
    return "override"


def template_name(name: str) -> str:
    """Accept `extract.user`, `extract.user.j2` or `_rules`."""
    return name.removesuffix(SUFFIX)


def existing_template(prompt_set: PromptSet, name: str) -> str:
    """The template name, once the search path is known to hold it."""
    names = [template_name(f) for f in effective_templates(prompt_set)]
    if template_name(name) not in names:
        raise InputError(f"no prompt template named {name!r}", f"Use one of: {', '.join(names)}")
    return template_name(name)


@prompts_app.command("list")
def list_templates(prompts: PromptsOption = None) -> None:
    """List every prompt template: name, where it comes from, and its version hash.

    The hash covers the template and everything it includes; it is stored in each brief's
    metadata and in the response-cache key.
    """
    with reported_errors():
        prompt_set = loaded(prompts)
        names = [*PROMPT_NAMES]
        names += [
            template_name(f)
            for f in effective_templates(prompt_set)
            if template_name(f) not in PROMPT_NAMES
        ]
        width = max(len(n) for n in names)
        typer.echo(f"{'NAME':<{width}}  {'FROM':<9}  {'HASH':<12}  PATH")
        broken = False
        for name in names:
            path = prompt_set.origin(name)
            digest = template_hash(prompt_set, name) or "(broken)"
            broken = broken or digest == "(broken)"
            typer.echo(f"{name:<{width}}  {origin_label(path):<9}  {digest:<12}  {path}")
        print_note("Search path: " + " > ".join(str(f) for f in prompt_set.folders))
        if broken:
            print_note("Some templates do not parse: run `briefing prompts check` to see where")


@prompts_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="Template name, e.g. extract.user.")],
    prompts: PromptsOption = None,
) -> None:
    """Print a template's source, as the search path resolves it."""
    with reported_errors():
        prompt_set = loaded(prompts)
        name = existing_template(prompt_set, name)
        path = prompt_set.origin(name)
        digest = template_hash(prompt_set, name) or "none: it does not parse"
        print_note(f"{path} ({origin_label(path)}, hash {digest})")
        typer.echo(path.read_text(encoding="utf-8"), nl=False)


@prompts_app.command("init")
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to copy the default templates into.")],
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite templates that already exist there.")
    ] = False,
) -> None:
    """Copy the default templates into FOLDER to edit them; existing files are kept.

    Delete the copies you do not change: a missing template falls back to the default.
    """
    with reported_errors():
        written, kept = copy_defaults(folder, force=force)
        for path in written:
            typer.echo(f"wrote {path}")
        for path in kept:
            typer.echo(f"kept {path} (it exists; --force overwrites it)")
        print_note(
            f"Edit them, then: briefing prompts check {folder}  and  "
            f"briefing generate ARTICLE --prompts {folder}"
        )


def copy_defaults(folder: Path, *, force: bool) -> tuple[list[Path], list[Path]]:
    """Copy every default template into `folder`; (written, kept) paths."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"cannot write to {folder}: it is not a folder", "Pass a folder path")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written, kept = [], []
        for source in sorted(default_dir().glob(f"*{SUFFIX}")):
            target = folder / source.name
            if target.exists() and not force:
                kept.append(target)
                continue
            write_atomically(target, source.read_text(encoding="utf-8"))
            written.append(target)
    except OSError as exc:
        raise InputError(
            f"cannot write to {folder}: {exc.strerror or exc}", "Choose a writable folder"
        ) from None
    return written, kept


def write_atomically(path: Path, text: str) -> None:
    """Temp file + rename, so an interrupted copy never leaves a half-written template."""
    atomic.write_atomic(path, text.encode("utf-8"))


@prompts_app.command("render")
def render(
    name: Annotated[
        str,
        typer.Argument(
            help="Template (extract.user, synthesize.system, ...) or call "
            "(extract, synthesize, repair, revise)."
        ),
    ],
    inputs: Annotated[
        list[str],
        typer.Option(
            "--input", "-i", help="Article file (.txt, .md, .html) or - for stdin; repeatable."
        ),
    ],
    chunk: Annotated[
        int, typer.Option("--chunk", min=1, help="Which chunk's extract call to show.")
    ] = 1,
    prompts: PromptsOption = None,
    backend: Annotated[
        str | None, typer.Option(help="Backend whose model profile to use: local or openai.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model whose profile to use.")] = None,
    chunk_tokens: Annotated[
        int | None, typer.Option(help="Largest chunk of article per call, in tokens.")
    ] = None,
) -> None:
    """Print the exact messages the model would receive for an article, with token counts.

    No model is called. The synthesis and revision calls read what earlier calls answer, so
    they are shown with the article's sentences standing in (a note on stderr says so).
    """
    with reported_errors():
        settings = settings_for(prompts, backend=backend, model=model, chunk_tokens=chunk_tokens)
        setup = setup_run(inputs, settings)
        call = preview_for(template_name(name), setup, chunk)
        tokens = call.message_tokens(settings.encoding)
        if call.stand_in:
            print_note(f"note: {call.stand_in}")
        if call.stage == "repair":
            print_note("note: this message follows the failed call's messages and its answer")
        typer.echo(format_messages(call, tokens))


def preview_for(name: str, setup: RunSetup, chunk: int) -> PreviewCall:
    """The call a template (or call kind) takes part in, rendered for this run."""
    kind = call_kind(name) if "." in name else name
    if kind == "extract":
        calls = extract_calls(setup.caller, setup.inputs)
        if chunk > len(calls):
            raise InputError(
                f"there is no chunk {chunk}: the input makes {len(calls)} chunk(s)",
                f"Pass --chunk between 1 and {len(calls)}",
            )
        return calls[chunk - 1]
    if kind == "synthesize":
        return synthesize_call(setup.caller, setup.inputs)
    if kind == "repair":
        return repair_call(setup.caller)
    if kind == "revise":
        return revise_call(setup.caller, setup.inputs)
    raise ConfigError(
        f"unknown prompt {name!r}",
        f"Use one of: {', '.join(PROMPT_NAMES)} (or extract, synthesize, repair, revise)",
    )


def format_messages(call: PreviewCall, tokens: list[int]) -> str:
    """Each message under a header naming its role, template and token count."""
    blocks = []
    for message, template, count in zip(call.messages, call.templates, tokens, strict=True):
        blocks.append(f"=== {message['role']} ({template}{SUFFIX}, {count:,} tokens) ===")
        blocks.append(message["content"])
    total = prompt_tokens(tokens)
    blocks.append(
        f"=== {call.label}: {len(tokens)} message(s), {sum(tokens):,} tokens of text, "
        f"about {total:,} with the chat format ==="
    )
    return "\n".join(blocks)


@prompts_app.command("check")
def check(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Folder to check, like --prompts [default: the search path]."),
    ] = None,
    prompts: PromptsOption = None,
) -> None:
    """Parse every template and render it on a sample article; exit 2 on any error.

    Reports syntax errors and undefined variables with file:line, and warns when a template's
    `{# vars: ... #}` header is missing or documents variables it does not receive.
    """
    with reported_errors():
        if folder is not None and prompts is not None and folder != prompts:
            raise InputError(
                f"two folders given ({folder} and --prompts {prompts})", "Pass one of them"
            )
        prompt_set = loaded(folder or prompts)
        report = check_prompts(prompt_set.folders)
        for finding in report.findings:
            typer.echo(str(finding))
        errors, warnings = len(report.errors), len(report.warnings)
        where = " > ".join(str(f) for f in prompt_set.folders)
        verdict = "ok" if not errors else "FAILED"
        typer.echo(
            f"{verdict}: {len(report.templates)} templates checked ({where}): "
            f"{errors} error(s), {warnings} warning(s)"
        )
    if errors:
        raise typer.Exit(2)
