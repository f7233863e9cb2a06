"""The daily brief: many articles in, one verified brief out, for unattended runs.

    find_articles -> per article, at most `concurrency` at a time: read, chunk, extract
    (chunk calls share one pool of `concurrency`), compact -> pool the notes across articles
    -> synthesize -> audit each claim against its articles -> policy -> out/DAY/brief.*

Only a few articles' working state is alive at once: an article's text, chunks and answers
are reduced to its compact notes and sentences as soon as its calls are done. An article
that fails is left out and listed; the budget, a backend that fails article after article, or
no article at all stop the run before anything is written.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path

from briefing.articles import ArticleFailure, ArticleNotes, ArticleReader, find_articles
from briefing.assemble import choose_bluf, choose_title, draft_implications
from briefing.backends import connect
from briefing.config import Settings
from briefing.daily_audit import ClaimOrigins, EvidenceBook, audit_day, keep_references
from briefing.daily_merge import (
    DayNotes,
    brief_actors,
    brief_timeline,
    number_facts,
    pool_notes,
    synthesis_input,
    synthesis_notes,
)
from briefing.errors import (
    BackendError,
    BudgetExceededError,
    InputError,
    PartialError,
)
from briefing.injection import find_instructions, set_aside_instructions
from briefing.llm_schemas import Synthesis
from briefing.pipeline import (
    Progress,
    Result,
    brief_warnings,
    build_caller,
    check_outputs,
    enforce_numbers,
    instructions_for,
    run_info,
    source_ref,
    style_limits,
    write_brief,
)
from briefing.policy import drop_failing, drop_instructions, repair_failing
from briefing.pools import call_pool
from briefing.pricing import cost_usd, load_prices, price_for
from briefing.prompts import load_prompts
from briefing.schema import (
    ArticleSection,
    Brief,
    CallUsage,
    DroppedClaim,
    FailedSource,
    RunInfo,
)
from briefing.structured import ModelCaller
from briefing.summarize import MergedNotes, StyleLimits, fit_synthesis, synthesize
from briefing.tokens import get_encoding


@dataclass(frozen=True)
class DailyResult:
    brief: Brief
    outputs: list[Path]
    articles: int  # inputs found, including failed ones
    chunks: int


@dataclass(frozen=True)
class ReadResult:
    articles: list[ArticleNotes]  # in input order
    failures: list[ArticleFailure]  # in input order
    total: int


def parse_day(text: str | None, *, today: date | None = None) -> str:
    """--date YYYY-MM-DD, or today (UTC)."""
    if text is None:
        return (today or datetime.now(timezone.utc).date()).isoformat()
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise InputError(f"invalid --date {text!r}", "Write it as YYYY-MM-DD") from None


def brief_path(out: Path | None, day: str) -> Path:
    """out/DAY/brief.pdf; --out names the folder the day's folder goes in."""
    folder = out if out is not None else Path("out")
    if folder.suffix.lower() == ".pdf" or (folder.exists() and not folder.is_dir()):
        raise InputError(
            f"cannot write the daily brief into {folder}: it must be a folder",
            "Pass --out out/ (the brief goes to out/YYYY-MM-DD/brief.pdf)",
        )
    return folder / day / "brief.pdf"


def run_daily(
    inputs: Sequence[str | Path], settings: Settings, *, day: str, progress: Progress
) -> DailyResult:
    """Make the day's brief from every article and write it in every requested format."""
    started = time.perf_counter()
    paths = find_articles(inputs)
    pdf_path = brief_path(settings.out, day)
    check_outputs(pdf_path, settings, paths)
    prompts = load_prompts(settings.prompts_dir)
    with connect(settings, on_note=progress.note) as connection:
        settings = connection.adjust(settings)
        caller, budget = build_caller(connection, prompts, settings)
        limits = style_limits(connection.profile)
        progress.note(
            f"Reading {len(paths)} article(s), at most {settings.concurrency} model calls at once"
        )
        chunk_tokens = settings.chunk_tokens or connection.profile.chunk_tokens
        # Load the tokenizer once here: its cache is not a lock, and workers racing to fill it
        # would each spend a second building the same encoding.
        get_encoding(settings.encoding)
        read = read_articles(paths, caller, limits, settings, progress, chunk_tokens=chunk_tokens)
        sources = [article.source for article in read.articles]
        flagged = find_instructions(sources)
        read, set_aside = set_aside_in_articles(read, flagged)
        day_notes = pool_notes(read.articles)
        chosen = synthesis_input(day_notes)
        with (
            ThreadPoolExecutor(1, thread_name_prefix="briefing-index") as indexer,
            stopped_at(f"{len(read.articles)} of {read.total} articles read, not synthesized"),
        ):
            # Index the day's sentences for the audit while the synthesis call is in flight.
            book = indexer.submit(partial(EvidenceBook.of, exclude=flagged), sources)
            fitted = fit_synthesis(caller, synthesis_notes(day_notes, chosen), sources, limits)
            synthesis = synthesize(caller, fitted.notes, sources, limits)
        policy = settings.on_unsupported or connection.profile.on_unsupported
        run = run_info(connection, caller, prompts, policy, started, budget.spent_usd)
        draft, origins = draft_day(
            day_notes, chosen, synthesis, read, caller, limits, settings, run, day=day
        )
        draft = drop_instructions(
            draft.model_copy(update={"dropped": set_aside}), flagged, with_notes=False
        )
        evidence = book.result()
        brief = audit_day(draft, evidence, origins)
        if policy == "drop":
            brief = drop_failing(brief, evidence.everything)
        elif policy == "repair":
            with stopped_at("the brief was made; the repair of failing claims was not"):
                brief = repair_failing(brief, evidence.everything, caller)
        warnings = brief_warnings(brief, flagged, evidence.everything, settings, fitted, limits)
        for warning in warnings:
            progress.note(f"warning: {warning}")
        run = run_info(connection, caller, prompts, policy, started, budget.spent_usd)
        brief = keep_references(brief).model_copy(update={"run": run, "warnings": warnings})
    outputs = write_brief(brief, sources, pdf_path, settings)
    chunks = sum(article.chunks for article in read.articles)
    return DailyResult(brief=brief, outputs=outputs, articles=read.total, chunks=chunks)


def set_aside_in_articles(
    read: ReadResult, flagged: Mapping[str, str]
) -> tuple[ReadResult, list[DroppedClaim]]:
    """Each article's notes without what cites or quotes instruction-like text."""
    if not flagged:
        return read, []
    articles, dropped = [], []
    for article in read.articles:
        notes = MergedNotes(
            facts=list(article.facts), actors=list(article.actors), events=list(article.events)
        )
        kept, removed = set_aside_instructions(notes, flagged)
        dropped.extend(removed)
        articles.append(replace(article, facts=kept.facts, actors=kept.actors, events=kept.events))
    return replace(read, articles=articles), dropped


@contextmanager
def stopped_at(where: str) -> Iterator[None]:
    """Say how far the run got when the budget stops it."""
    try:
        yield
    except BudgetExceededError as exc:
        raise BudgetExceededError(f"{exc.problem}; {where}", exc.hint) from None


def read_articles(
    paths: Sequence[Path],
    caller: ModelCaller,
    limits: StyleLimits,
    settings: Settings,
    progress: Progress,
    *,
    chunk_tokens: int,
) -> ReadResult:
    """Take every article's notes, at most `concurrency` articles in memory at once."""
    concurrency = settings.concurrency
    articles: dict[int, ArticleNotes] = {}
    failures: dict[int, ArticleFailure] = {}
    in_a_row = 0  # backend failures since the last article that worked
    with call_pool(concurrency, "call") as calls, call_pool(concurrency, "article") as workers:
        reader = ArticleReader(
            caller=caller,
            limits=limits,
            calls=calls,
            max_tokens=chunk_tokens,
            overlap=settings.chunk_overlap,
            encoding=settings.encoding,
            several=len(paths) > 1,
        )
        queue = iter(enumerate(paths, start=1))
        pending: dict[Future[ArticleNotes], tuple[int, Path]] = {}
        while True:
            for index, path in queue:
                pending[workers.submit(reader.take_notes, index, path)] = (index, path)
                if len(pending) >= concurrency:
                    break
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: pending[f][0]):
                index, path = pending.pop(future)
                failure = take_result(future, index, path, articles, len(paths))
                if failure is not None:
                    failures[index] = failure
                    in_a_row = in_a_row + 1 if failure.backend else in_a_row
                    progress.note(f"Left out {failure.path}: {failure.reason}")
                else:
                    in_a_row = 0
                progress.advance(len(articles) + len(failures), len(paths))
            if in_a_row >= max(3, concurrency):
                raise backend_down(in_a_row, failures, len(articles), len(paths))
    found = ReadResult(
        articles=[articles[i] for i in sorted(articles)],
        failures=[failures[i] for i in sorted(failures)],
        total=len(paths),
    )
    check_any_read(found)
    return found


def take_result(
    future: Future[ArticleNotes],
    index: int,
    path: Path,
    articles: dict[int, ArticleNotes],
    total: int,
) -> ArticleFailure | None:
    """Keep an article's notes, or the reason it failed; budget and bugs stop the run."""
    try:
        articles[index] = future.result()
    except BudgetExceededError as exc:
        raise BudgetExceededError(
            f"{exc.problem}; {len(articles)} of {total} articles done", exc.hint
        ) from None
    except BackendError as exc:
        return ArticleFailure(index, str(path), exc.problem, backend=True)
    except InputError as exc:
        return ArticleFailure(index, str(path), exc.problem, backend=False)
    return None


def backend_down(
    in_a_row: int, failures: dict[int, ArticleFailure], done: int, total: int
) -> BackendError:
    last = failures[max(failures)]
    return BackendError(
        f"the model backend failed for {in_a_row} articles in a row "
        f"({done} of {total} articles done): {last.reason}",
        "Check the model server, then rerun: answers already received are cached",
    )


def check_any_read(read: ReadResult) -> None:
    """No article made it: the backend is down (exit 4), or no input was readable (exit 2)."""
    if read.articles:
        return
    first = read.failures[0]
    if any(failure.backend for failure in read.failures):
        reason = next(f for f in read.failures if f.backend).reason
        raise BackendError(
            f"no article could be summarized ({read.total} of {read.total} failed): {reason}",
            "Check the model server and --base-url, then rerun",
        )
    raise InputError(
        f"none of the {read.total} articles could be read: {first.reason}",
        "Pass .txt, .md or .html articles with some text",
    )


def draft_day(
    day_notes: DayNotes,
    chosen: list[int],
    synthesis: Synthesis,
    read: ReadResult,
    caller: ModelCaller,
    limits: StyleLimits,
    settings: Settings,
    run: RunInfo,
    *,
    day: str,
) -> tuple[Brief, ClaimOrigins]:
    """The unchecked brief: the synthesis' top, the pooled facts, a section per article."""
    numbered = number_facts(day_notes, chosen, synthesis, limits.max_key_facts)
    by_id = {fact.id: fact for fact in numbered.facts}
    key_facts = [by_id[i] for i in numbered.key_ids]
    actors, actor_origins = brief_actors(day_notes)
    timeline, timeline_origins = brief_timeline(day_notes)
    sources = [article.source for article in read.articles]
    instructions = instructions_for(caller)
    implications = draft_implications(synthesis, sources, limits, instructions)
    brief = Brief(
        title=choose_title(
            synthesis,
            sources,
            instructions,
            settings.title,
            extractive=limits.style == "extractive",
            fallback=f"Daily brief, {day}",
        ),
        bluf=choose_bluf(synthesis, key_facts, limits, instructions),
        date=day,
        facts=numbered.facts,
        actors=actors,
        implications=implications,
        timeline=timeline,
        sources=[source_ref(s) for s in sources],
        run=run,
        key_fact_ids=numbered.key_ids,
        sections=article_sections(read, numbered.section_ids, caller, settings),
        failed=[FailedSource(path=f.path, reason=f.reason) for f in read.failures],
    )
    origins = ClaimOrigins(facts=numbered.origins, actors=actor_origins, timeline=timeline_origins)
    return brief, origins


def article_sections(
    read: ReadResult, section_ids: list[list[str]], caller: ModelCaller, settings: Settings
) -> list[ArticleSection]:
    """A section per article, with the tokens and estimated cost of its notes."""
    price = price_for(
        caller.connection.model, caller.connection.backend, load_prices(settings.prices_file)
    )
    usage = usage_by_article(caller.usage)
    sections = []
    for article, fact_ids in zip(read.articles, section_ids, strict=True):
        prompt_tokens, completion_tokens = usage.get(article.source.id, (0, 0))
        sections.append(
            ArticleSection(
                source_id=article.source.id,
                title=article.source.title or article.source.name,
                path=article.source.path,
                fact_ids=fact_ids,
                chunks=article.chunks,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                cost_usd=cost_usd(price, prompt_tokens, completion_tokens),
            )
        )
    return sections


def usage_by_article(calls: Sequence[CallUsage]) -> dict[str, tuple[int, int]]:
    """(prompt, completion) tokens of each article's notes; chunk "A7#2" belongs to A7."""
    totals: dict[str, tuple[int, int]] = {}
    for call in calls:
        if call.stage != "extract" or not call.chunk_id:
            continue
        article = call.chunk_id.split("#", 1)[0]
        prompt_tokens, completion_tokens = totals.get(article, (0, 0))
        totals[article] = (
            prompt_tokens + call.prompt_tokens,
            completion_tokens + call.completion_tokens,
        )
    return totals


def enforce_daily(result: DailyResult, settings: Settings, *, allow_partial: bool) -> None:
    """Exit codes once the report is written: 3 numbers failed (--strict), then 6 partial."""
    enforce_numbers(Result(brief=result.brief, sources=[], outputs=result.outputs), settings)
    failed = result.brief.failed
    if failed and not allow_partial:
        where = result.outputs[0] if result.outputs else "the report"
        raise PartialError(
            f"{len(failed)} of {result.articles} articles failed and are left out of the brief "
            f"(report written to {where})",
            "See 'failed' in brief.json, or pass --allow-partial to accept a partial brief",
        )
