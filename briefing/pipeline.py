"""The only module that knows the stage order: ingest, chunk, extract, synthesize, audit,
apply the policy, render."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Protocol

from briefing.assemble import draft_brief
from briefing.audit import Evidence, audit_brief, title_warning
from briefing.backends import Connection, connect
from briefing.budget import Budget
from briefing.cache import ResponseCache
from briefing.chunking import chunk
from briefing.config import Settings
from briefing.errors import InputError, NumbersFailedError
from briefing.fit import FittedNotes
from briefing.ingest import read_sources
from briefing.injection import (
    INSTRUCTION_REASON,
    find_instructions,
    instruction_warning,
    set_aside_instructions,
)
from briefing.llm_schemas import ChunkNotes, Synthesis, json_schema_for
from briefing.policy import drop_failing, drop_instructions, repair_failing
from briefing.pricing import cost_usd, load_prices, price_for
from briefing.profiles import ModelProfile
from briefing.prompts import PromptSet, load_prompts
from briefing.render import (
    check_folder_writable,
    check_inputs_kept,
    check_templates,
    output_paths,
    write_outputs,
)
from briefing.schema import (
    Brief,
    Chunk,
    RunClock,
    RunInfo,
    Source,
    SourceRef,
)
from briefing.structured import CallOptions, ModelCaller
from briefing.summarize import (
    StyleLimits,
    extract_all,
    fit_synthesis,
    merge_notes,
    synthesize,
)


class Progress(Protocol):
    def note(self, message: str) -> None: ...

    def advance(self, done: int, total: int) -> None: ...


@dataclass(frozen=True)
class Result:
    brief: Brief
    sources: list[Source]
    outputs: list[Path]


def output_pdf_path(out: Path | None, sources: Sequence[Source]) -> Path:
    """`-o x.pdf` names the PDF; `-o DIR` (or nothing: out/) takes the stem from the input."""
    stem = (
        sources[0].name if len(sources) == 1 else f"{sources[0].name}-and-{len(sources) - 1}-more"
    )
    if out is None:
        return Path("out") / f"{stem}.pdf"
    if out.suffix.lower() == ".pdf":
        return out
    if out.suffix and not out.is_dir():
        raise InputError(
            f"cannot write {out}: the brief's path must end in .pdf or name a folder",
            "Pass -o out/brief.pdf or -o out/",
        )
    return out / f"{stem}.pdf"


def check_outputs(pdf_path: Path, settings: Settings, inputs: Sequence[Path]) -> None:
    """Fail before any model call on an output that cannot be written, that would overwrite an
    input article, or whose report template is missing or broken."""
    paths = output_paths(pdf_path, settings.formats)
    check_inputs_kept(paths.values(), inputs)
    check_templates(settings.templates_dir, settings.formats)
    check_folder_writable(pdf_path.parent)


def call_options(settings: Settings, profile: ModelProfile) -> CallOptions:
    return CallOptions(
        temperature=settings.temperature,
        max_tokens=profile.max_tokens,
        max_tokens_param=profile.max_tokens_param,
        max_repairs=settings.max_repairs,
        extra_body=dict(profile.extra_body),
        caps=profile.caps,
    )


def style_limits(profile: ModelProfile) -> StyleLimits:
    return StyleLimits(
        style=profile.style,
        max_facts=profile.max_facts,
        max_actors=profile.max_actors,
        max_events=profile.max_events,
        max_key_facts=profile.max_key_facts,
        max_implications=profile.max_implications,
        n_ctx=profile.n_ctx,
        answer_tokens=profile.max_tokens,
    )


def make_chunks(
    sources: Sequence[Source], settings: Settings, profile: ModelProfile
) -> list[Chunk]:
    max_tokens = settings.chunk_tokens or profile.chunk_tokens
    return [
        piece
        for source in sources
        for piece in chunk(
            source,
            max_tokens=max_tokens,
            overlap=settings.chunk_overlap,
            encoding=settings.encoding,
        )
    ]


def build_caller(
    connection: Connection, prompts: PromptSet, settings: Settings
) -> tuple[ModelCaller, Budget]:
    prices = load_prices(settings.prices_file)
    price = price_for(connection.model, connection.backend, prices)
    budget = Budget(settings.max_cost_usd, price, connection.model)
    cache = ResponseCache(settings.cache_dir) if settings.use_cache else None
    caller = ModelCaller(
        connection=connection,
        prompts=prompts,
        options=call_options(settings, connection.profile),
        cache=cache,
        budget=budget,
        model_id=connection.model_id,
    )
    return caller, budget


def instructions_for(caller: ModelCaller) -> list[str]:
    """Texts a model might echo back instead of answering: the prompts and field descriptions."""
    texts = [caller.prompts.source(name) for name in ("extract.system", "synthesize.system")]
    for schema in (ChunkNotes, Synthesis):
        texts.extend(descriptions(json_schema_for(schema)))
    return texts


def descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [str(node["description"])] if isinstance(node.get("description"), str) else []
        return found + [d for value in node.values() for d in descriptions(value)]
    if isinstance(node, list):
        return [d for value in node for d in descriptions(value)]
    return []


def run(
    inputs: Sequence[str | Path],
    settings: Settings,
    *,
    progress: Progress,
    stdin: BinaryIO | None = None,
) -> Result:
    """Make one verified brief from the inputs and write it in every requested format."""
    started = time.perf_counter()
    sources = read_sources(inputs, stdin=stdin)
    pdf_path = output_pdf_path(settings.out, sources)
    check_outputs(pdf_path, settings, [Path(s.path) for s in sources if s.path is not None])
    prompts = load_prompts(settings.prompts_dir)
    prompts.hashes()  # parses every template: a broken one stops the run before a paid call
    with connect(settings, on_note=progress.note) as connection:
        settings = connection.adjust(settings)
        profile = connection.profile
        chunks = make_chunks(sources, settings, profile)
        caller, budget = build_caller(connection, prompts, settings)
        limits = style_limits(profile)
        progress.note(f"Reading {len(sources)} article(s) in {len(chunks)} chunk(s)")
        done = [0]

        def chunk_done(_: Chunk) -> None:
            done[0] += 1
            progress.advance(done[0], len(chunks))

        notes = extract_all(
            caller,
            chunks,
            limits,
            titles={s.id: s.title or s.name for s in sources},
            concurrency=settings.concurrency,
            on_done=chunk_done,
        )
        flagged = find_instructions(sources)
        merged, set_aside = set_aside_instructions(merge_notes(notes), flagged)
        fitted = fit_synthesis(caller, merged, sources, limits)
        synthesis = synthesize(caller, fitted.notes, sources, limits)
        draft = draft_brief(
            merged,
            synthesis,
            sources,
            limits,
            instructions=instructions_for(caller),
            title=settings.title,
        )
        policy = settings.on_unsupported or profile.on_unsupported
        unchecked = Brief(
            title=draft.title,
            bluf=draft.bluf,
            facts=draft.facts,
            actors=draft.actors,
            implications=draft.implications,
            timeline=draft.timeline,
            dropped=set_aside,
            sources=[source_ref(s) for s in sources],
            run=run_info(connection, caller, prompts, policy, started, budget.spent_usd),
        )
        unchecked = drop_instructions(unchecked, flagged)
        # Indexed once for the audit and the policy; instruction-like sentences are no evidence.
        evidence = Evidence.of(sources, exclude=flagged)
        brief = audit_brief(unchecked, sources, evidence, keep_title=bool(settings.title))
        if policy == "drop":
            brief = drop_failing(brief, evidence)
        elif policy == "repair":
            brief = repair_failing(brief, evidence, caller)
        warnings = brief_warnings(brief, flagged, evidence, settings, fitted, limits)
        for warning in warnings:
            progress.note(f"warning: {warning}")
        run = run_info(connection, caller, prompts, policy, started, budget.spent_usd)
        brief = brief.model_copy(update={"run": run, "warnings": warnings})
    outputs = write_brief(brief, sources, pdf_path, settings)
    return Result(brief=brief, sources=list(sources), outputs=outputs)


def brief_warnings(
    brief: Brief,
    flagged: Mapping[str, str],
    evidence: Evidence,
    settings: Settings,
    fitted: FittedNotes,
    limits: StyleLimits,
) -> list[str]:
    """What the reader must know about the run, one line each: for stderr and the JSON."""
    warnings = list(brief.warnings)
    if fitted.cut and limits.n_ctx is not None:
        warnings.append(fitted.note(limits.n_ctx))
    if flagged:
        dropped = sum(d.reason == INSTRUCTION_REASON for d in brief.dropped)
        warnings.append(instruction_warning(flagged, dropped))
    if settings.title:
        warnings.extend(w for w in [title_warning(brief.title, evidence)] if w)
    return warnings


def write_brief(
    brief: Brief, sources: Sequence[Source], pdf_path: Path, settings: Settings
) -> list[Path]:
    """Every requested format beside `pdf_path`, with the run's report settings."""
    return write_outputs(
        brief,
        list(sources),
        pdf_path=pdf_path,
        formats=settings.formats,
        templates_dir=settings.templates_dir,
        page_size=settings.page_size,
        banner=settings.banner,
    )


def enforce_numbers(result: Result, settings: Settings) -> None:
    """--strict / --on-unsupported fail: exit 3 once the report is written.

    A claim dropped by the policy had a number that failed its check, so it fails --strict
    as a flagged one does: the brief is shorter, but the model still got a number wrong.
    """
    brief = result.brief
    verification = brief.verification
    failing = settings.strict or brief.run.on_unsupported == "fail"
    dropped = sum(len(claim.numbers) for claim in brief.dropped)
    if not failing or not (verification.unsupported or dropped):
        return
    where = result.outputs[0] if result.outputs else "the report"
    if not verification.unsupported:
        raise NumbersFailedError(
            f"{dropped} number(s) not supported by the source were dropped with their claims "
            f"(report written to {where})",
            "Read the 'Removed claims' appendix, or rerun without --strict",
        )
    also = f"; {dropped} more were dropped with their claims" if dropped else ""
    raise NumbersFailedError(
        f"{verification.unsupported} of {verification.numbers} numbers are not supported "
        f"by the source{also} (report written to {where})",
        "Read the 'Numbers checked' appendix, or rerun with --on-unsupported drop",
    )


def source_ref(source: Source) -> SourceRef:
    return SourceRef(
        id=source.id,
        name=source.name,
        path=source.path,
        title=source.title,
        sha256=source.sha256,
        n_sentences=len(source.sentences),
    )


def run_info(
    connection: Connection,
    caller: ModelCaller,
    prompts: PromptSet,
    policy: str,
    started: float,
    spent_usd: float,
) -> RunInfo:
    prompt_tokens = sum(u.prompt_tokens for u in caller.usage)
    completion_tokens = sum(u.completion_tokens for u in caller.usage)
    prices = load_prices(connection.settings.prices_file)
    price = price_for(connection.model, connection.backend, prices)
    return RunInfo(
        model=connection.model,
        backend=connection.backend,
        base_url=None if connection.backend == "local" else connection.settings.base_url,
        demo_tier=connection.profile.small,
        prompt_hashes=prompts.hashes(),
        calls=sorted(caller.usage, key=lambda u: (u.stage != "extract", u.stage, u.chunk_id or "")),
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cost_usd=cost_usd(price, prompt_tokens, completion_tokens),
        on_unsupported=policy,
        generated=RunClock(
            at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            wall_s=round(time.perf_counter() - started, 3),
            model_calls=caller.model_calls,
            cache_hits=caller.cache_hits,
            model_load_s=connection.load_s,
            spent_usd=round(spent_usd, 6) if price is not None else None,
        ),
    )
