"""The Typer app: flags -> settings -> pipeline -> summary. Errors become exit codes here."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from briefing import __version__, dryrun, pipeline
from briefing import cli_options as opt
from briefing.cli_daily import register as register_daily
from briefing.cli_numbers import register as register_numbers
from briefing.cli_prompts import register as register_prompts
from briefing.cli_support import reported_errors
from briefing.config import load_settings
from briefing.summary import StderrProgress, echo_summary

app = typer.Typer(
    name="briefing",
    help=(
        "Turn news articles into verified PDF intelligence briefs. An LLM writes the summary; "
        "the program checks every number against the source and marks it.\n\n"
        "Examples:\n\n"
        "  briefing generate seeds/kursk-north-korean-troops.txt\n\n"
        "  briefing generate a.txt b.html -o out/today.pdf --format pdf,html\n\n"
        "  briefing check source.txt draft.md --strict\n\n"
        "Exit codes: 0 ok, 1 bug, 2 bad input or configuration, 3 numbers failed, "
        "4 model backend failed, 5 budget exceeded, 6 partial, 130 interrupted."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=show_version, is_eager=True, help="Print the version."),
    ] = None,
) -> None:
    """Verified intelligence briefs from news articles."""


Inputs = Annotated[
    list[str],
    typer.Argument(
        metavar="INPUT",
        help="Article files (.txt, .md, .html); - reads stdin. Several inputs make one brief.",
        show_default=False,
    ),
]


@app.command(
    epilog=(
        "Examples: briefing generate seeds/kursk-north-korean-troops.txt  |  "
        "briefing generate a.txt b.md -o out/today.pdf --format all  |  "
        "OPENAI_API_KEY=... briefing generate article.html --model gpt-4o-mini  |  "
        "briefing generate article.txt --base-url http://127.0.0.1:8080/v1"
    )
)
def generate(
    inputs: Inputs,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output PDF path, or a folder [default: out/]."),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help="Comma-separated formats: pdf,json,md,html or all [default: pdf,json,md].",
        ),
    ] = None,
    title: opt.Title = None,
    backend: opt.Backend = None,
    model: opt.Model = None,
    base_url: opt.BaseUrl = None,
    model_file: opt.ModelFile = None,
    chunk_tokens: opt.ChunkTokens = None,
    on_unsupported: opt.OnUnsupported = None,
    strict: opt.Strict = False,
    prompts: opt.Prompts = None,
    templates: opt.Templates = None,
    banner: opt.Banner = None,
    page_size: opt.PageSize = None,
    cache: opt.Cache = None,
    no_cache: opt.NoCache = False,
    max_cost: opt.MaxCost = None,
    prices: opt.Prices = None,
    concurrency: Annotated[
        int | None, typer.Option(help="Model calls in flight at once [default: 4].")
    ] = None,
    config: opt.Config = None,
    verbose: opt.Verbose = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only output paths.")] = False,
    debug: opt.Debug = False,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Render every prompt and print the calls, prompt tokens and estimated cost; "
            "call no model.",
        ),
    ] = False,
) -> None:
    """Write a verified brief (PDF, plus JSON, Markdown, HTML) for one or more articles."""
    flags = opt.settings_flags(
        out=out,
        formats=output_format,
        title=title,
        backend=backend,
        model=model,
        base_url=base_url,
        model_file=model_file,
        chunk_tokens=chunk_tokens,
        on_unsupported=on_unsupported,
        prompts_dir=prompts,
        templates_dir=templates,
        banner=banner,
        page_size=page_size,
        cache_dir=cache,
        max_cost_usd=max_cost,
        prices_file=prices,
        concurrency=concurrency,
        no_cache=no_cache,
        strict=strict,
        verbose=verbose,
        debug=debug,
    )
    with reported_errors(debug=debug):
        settings = load_settings(flags, config_file=config)
        if dry_run:
            typer.echo(dryrun.format_plan(dryrun.plan(inputs, settings)))
            return
        progress = StderrProgress(quiet=quiet)
        result = pipeline.run(inputs, settings, progress=progress)
        echo_summary(result, quiet=quiet)
        pipeline.enforce_numbers(result, settings)


register_numbers(app)
register_daily(app)
register_prompts(app)
