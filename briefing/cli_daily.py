"""`briefing daily` (many articles, one brief, for CI) and `briefing cache prune|info`."""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from briefing import cli_options as opt
from briefing.cache import ResponseCache
from briefing.ci_summary import (
    append_step_summary,
    error_summary,
    machine_summary,
    step_summary_markdown,
    unsupported_numbers,
)
from briefing.cli_support import print_note, reported_errors
from briefing.config import ALL_FORMATS, Settings, load_settings
from briefing.daily import DailyResult, enforce_daily, parse_day, run_daily
from briefing.errors import BriefingError, InputError
from briefing.summary import StderrProgress

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$", re.IGNORECASE)
SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

cache_app = typer.Typer(
    name="cache",
    help="Inspect and prune the response cache (default .briefing-cache/).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def parse_duration(text: str) -> float:
    """'30d', '12h', '90m', '45s' -> seconds."""
    found = DURATION.match(text)
    if not found:
        raise InputError(
            f"invalid --older-than {text!r}", "Use a number and a unit s, m, h or d, e.g. 30d"
        )
    return float(found.group(1)) * SECONDS[found.group(2).lower()]


def daily_settings(flags: dict[str, Any], config: Path | None) -> Settings:
    """The run's settings; the daily brief is written in all four formats unless a flag, the
    environment or briefing.toml names them."""
    settings = load_settings(flags, config_file=config)
    if "formats" not in settings.model_fields_set:
        settings = settings.model_copy(update={"formats": ALL_FORMATS})
    return settings


def verdict_of(
    result: DailyResult, settings: Settings, allow_partial: bool
) -> BriefingError | None:
    """The error the written brief earns (numbers failed, partial), if any."""
    try:
        enforce_daily(result, settings, allow_partial=allow_partial)
    except BriefingError as exc:
        return exc
    return None


def echo_report(result: DailyResult) -> None:
    """The day at a glance on stderr: top, counts, unsupported numbers, per-article cost."""
    brief, run = result.brief, result.brief.run
    v = brief.verification
    lines = ["", brief.title, *textwrap.wrap(brief.bluf.text, width=96), ""]
    lines.append(
        f"{len(brief.sections)} of {result.articles} articles ({len(brief.failed)} failed), "
        f"{result.chunks} chunks; {len(brief.facts)} facts, {len(brief.actors)} actors, "
        f"{len(brief.implications)} judgments"
    )
    lines.append(
        f"Numbers: {v.supported} of {v.numbers} supported by the sources"
        + (f"; {v.unsupported} NOT supported (marked in the brief)" if v.unsupported else "")
    )
    lines += [f"  ! {n['where']}: {n['text']} ({n['status']})" for n in unsupported_numbers(brief)]
    for section in brief.sections:
        cost = f", ~${section.cost_usd:.4f}" if section.cost_usd is not None else ""
        tokens = section.prompt_tokens + section.completion_tokens
        lines.append(
            f"  {section.source_id} {section.path or section.title}: {section.chunks} chunk(s), "
            f"{tokens:,} tokens{cost}"
        )
    lines += [f"  failed {f.path}: {f.reason}" for f in brief.failed]
    cost = f", ~${run.cost_usd:.4f}" if run.cost_usd is not None else ""
    lines.append(
        f"Total: {run.prompt_tokens + run.completion_tokens:,} tokens{cost}; "
        f"{run.generated.model_calls} model calls, {run.generated.cache_hits} cached, "
        f"{run.generated.wall_s:.1f} s"
    )
    typer.echo("\n".join(lines), err=True)


def publish(summary: dict[str, Any], *, as_json: bool, step_summary: Path | None) -> None:
    if as_json:
        typer.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    if step_summary is not None:
        try:
            append_step_summary(step_summary, step_summary_markdown(summary))
        except InputError as exc:  # a summary that cannot be written must not fail the job
            print_note(f"warning: {exc}")


def daily(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Article files, or folders of .txt/.md/.html articles (sorted, not recursive).",
            show_default=False,
        ),
    ],
    day: Annotated[
        str | None,
        typer.Option("--date", help="The brief's day, YYYY-MM-DD [default: today, UTC]."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="Title [default: the model's].")] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder for DATE/brief.* [default: out/]."),
    ] = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", help="Comma-separated formats: pdf,json,md,html [default: all]."),
    ] = None,
    concurrency: Annotated[
        int | None, typer.Option(help="Model calls (and articles) in flight at once [default: 4].")
    ] = None,
    cache: opt.Cache = None,
    no_cache: opt.NoCache = False,
    max_cost: opt.MaxCost = None,
    prices: opt.Prices = None,
    allow_partial: Annotated[
        bool,
        typer.Option("--allow-partial", help="Exit 0, not 6, when some articles failed."),
    ] = False,
    strict: opt.Strict = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON summary on stdout (for machines).")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No notes or report on stderr.")
    ] = False,
    step_summary: Annotated[
        Path | None,
        typer.Option(
            "--step-summary",
            envvar="GITHUB_STEP_SUMMARY",
            help="Append a Markdown summary to this file [default: $GITHUB_STEP_SUMMARY].",
            show_envvar=False,
        ),
    ] = None,
    backend: opt.Backend = None,
    model: opt.Model = None,
    base_url: opt.BaseUrl = None,
    model_file: opt.ModelFile = None,
    chunk_tokens: opt.ChunkTokens = None,
    on_unsupported: opt.OnUnsupported = None,
    prompts: opt.Prompts = None,
    templates: opt.Templates = None,
    banner: opt.Banner = None,
    page_size: opt.PageSize = None,
    config: opt.Config = None,
    verbose: opt.Verbose = False,
    debug: opt.Debug = False,
) -> None:
    """Write one verified brief for a day's articles to out/DATE/brief.{pdf,json,md,html}.

    Exit codes: 0 ok, 2 bad input, 3 numbers failed (--strict), 4 model backend failed,
    5 budget exceeded, 6 partial (some articles failed; --allow-partial accepts it).
    """
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
        when: str | None = None
        try:
            when = parse_day(day)
            settings = daily_settings(flags, config)
            result = run_daily(
                inputs,
                settings,
                day=when,
                progress=StderrProgress(quiet=quiet, counting="Articles"),
            )
        except BriefingError as exc:
            publish(error_summary(exc, date=when), as_json=as_json, step_summary=step_summary)
            raise
        verdict = verdict_of(result, settings, allow_partial)
        if not quiet:
            echo_report(result)
        publish(machine_summary(result, verdict), as_json=as_json, step_summary=step_summary)
        if not as_json:
            for path in result.outputs:
                typer.echo(str(path))
        if verdict is not None:
            raise verdict


@cache_app.command("prune")
def prune(
    older_than: Annotated[
        str,
        typer.Option("--older-than", help="Remove answers unused for this long: 30d, 12h, 90m."),
    ],
    cache: opt.Cache = None,
    config: opt.Config = None,
) -> None:
    """Delete cached model answers that no run has used for a while."""
    with reported_errors():
        seconds = parse_duration(older_than)
        root = load_settings({"cache_dir": cache}, config_file=config).cache_dir
        removed, kept = ResponseCache(root).prune(seconds)
        typer.echo(
            f"Removed {removed} cached answer(s) unused for {older_than}; kept {kept} ({root})"
        )


@cache_app.command("info")
def info(
    cache: opt.Cache = None,
    config: opt.Config = None,
) -> None:
    """Where the cache is, how many answers it holds, their size and last use."""
    with reported_errors():
        root = load_settings({"cache_dir": cache}, config_file=config).cache_dir
        entries = sorted(root.glob("*/*.json")) if root.is_dir() else []
        stats = [entry.stat() for entry in entries if not entry.name.startswith(".")]
        size_kb = sum(s.st_size for s in stats) / 1024
        lines = [f"Cache: {root}", f"Answers: {len(stats)} ({size_kb:,.1f} KiB)"]
        if stats:
            oldest = min(s.st_mtime for s in stats)
            newest = max(s.st_mtime for s in stats)
            lines.append(f"Last used: {days_ago(newest)} (least recently: {days_ago(oldest)})")
        typer.echo("\n".join(lines))


def days_ago(moment: float) -> str:
    age = max(0.0, time.time() - moment)
    if age < 3600:
        return f"{age / 60:.0f} min ago"
    if age < 86400:
        return f"{age / 3600:.1f} h ago"
    return f"{age / 86400:.1f} days ago"


def register(app: typer.Typer) -> None:
    """Add `daily` and the `cache` commands to the main app."""
    app.command(
        "daily",
        epilog=(
            "Examples: briefing daily articles/  |  "
            "briefing daily articles/ --date 2024-11-01 --max-cost 0.50 --json  |  "
            "briefing daily a.txt b.html --out site/briefs --allow-partial"
        ),
    )(daily)
    app.add_typer(cache_app, name="cache")
