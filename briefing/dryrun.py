"""`generate --dry-run`: every prompt a run would send, counted and priced, with no model call.

The inputs are read and chunked, the model and its profile chosen, and every extract prompt
rendered exactly as `generate` renders it (the same functions build the messages). The
synthesis reads notes that only a model can write, so its prompt is estimated with the
article's sentences standing in for them, unless every extract answer is already in the
response cache: then the cached notes are merged and the synthesis is rendered exactly too.
No server is started (the backend connection is lazy and never opened).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pydantic import SecretStr

from briefing.backends import Connection, choose_backend, connect
from briefing.cache import ResponseCache
from briefing.config import Settings
from briefing.errors import ConfigError
from briefing.ingest import read_sources
from briefing.llm_schemas import ChunkNotes, Synthesis, json_schema_for
from briefing.pipeline import call_options, make_chunks, style_limits
from briefing.previews import (
    NoModel,
    PreviewCall,
    PreviewInputs,
    extract_calls,
    repair_call,
    revise_call,
    stand_in_notes,
    synthesize_call,
    template_hashes,
)
from briefing.pricing import Price, cost_usd, load_prices, price_for
from briefing.profiles import ModelProfile
from briefing.prompts import PROMPT_NAMES, PromptSet, load_prompts
from briefing.schema import Source
from briefing.structured import ModelCaller, parse_answer
from briefing.summarize import MergedNotes, StyleLimits, fit_synthesis, merge_notes
from briefing.tokens import prompt_tokens


@dataclass(frozen=True)
class RunSetup:
    """What a run would work with, found without calling a model."""

    sources: list[Source]
    inputs: PreviewInputs
    prompts: PromptSet
    caller: ModelCaller  # renders and computes cache keys; its opener refuses to connect
    backend: str
    model: str
    base_url: str | None
    profile: ModelProfile
    notes: list[str]  # what generate would say about the model, and warnings


@dataclass(frozen=True)
class PlannedCall:
    """One model call of the plan, with its exact (or estimated) prompt size."""

    call: PreviewCall
    message_tokens: list[int]
    cached: bool = False  # its answer is in the response cache: it costs nothing

    @property
    def prompt_tokens(self) -> int:
        return prompt_tokens(self.message_tokens)

    @property
    def estimated(self) -> bool:
        return self.call.stand_in is not None


@dataclass(frozen=True)
class DryRunPlan:
    """The calls a run would make, their prompt tokens and the estimated cost."""

    sources: list[Source]
    n_chunks: int
    chunk_tokens: int
    backend: str
    model: str
    base_url: str | None
    profile: str
    encoding: str
    calls: list[PlannedCall]
    # Rendered too, so a broken template shows now, but made only when needed: not counted.
    conditional: list[PlannedCall]
    max_tokens: int  # completion tokens allowed per call
    price: Price | None  # None: the model is not in the price table
    prompt_hashes: dict[str, str]
    prompt_origins: dict[str, Path]
    policy: str
    max_repairs: int
    max_cost_usd: float | None = None
    notes: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)  # what does not fit the model's context

    @property
    def to_send(self) -> list[PlannedCall]:
        return [c for c in self.calls if not c.cached]

    @property
    def prompt_tokens(self) -> int:
        """Prompt tokens of the calls that would reach the model (cached ones cost nothing)."""
        return sum(c.prompt_tokens for c in self.to_send)

    @property
    def max_completion_tokens(self) -> int:
        return self.max_tokens * len(self.to_send)

    @property
    def prompt_cost_usd(self) -> float | None:
        return cost_usd(self.price, self.prompt_tokens, 0)

    @property
    def max_cost_usd_estimate(self) -> float | None:
        """The worst case: every answer as long as the completion limit allows."""
        return cost_usd(self.price, self.prompt_tokens, self.max_completion_tokens)


def open_connection(settings: Settings, notes: list[str]) -> Connection:
    """Choose the backend and model as generate does; a dry run needs no API key."""
    try:
        return connect(settings, on_note=notes.append)
    except ConfigError as exc:
        if choose_backend(settings) == "local" or settings.api_key is not None:
            raise
        notes.append(f"warning: no API key is set, so generate would stop here. {exc.hint}")
    placeholder = settings.model_copy(update={"api_key": SecretStr("dry-run")})
    return connect(placeholder, on_note=notes.append)


def setup_run(
    inputs: Sequence[str | Path], settings: Settings, *, stdin: BinaryIO | None = None
) -> RunSetup:
    """Read and chunk the inputs and choose the model, as `pipeline.run` does, with no call."""
    sources = read_sources(inputs, stdin=stdin)
    prompts = load_prompts(settings.prompts_dir)
    notes: list[str] = []
    with open_connection(settings, notes) as connection:
        profile = connection.profile
        caller = ModelCaller(
            connection=NoModel(connection.backend, connection.model),
            prompts=prompts,
            options=call_options(settings, profile),
            cache=ResponseCache(settings.cache_dir) if settings.use_cache else None,
            model_id=connection.model_id,
        )
        chunks = make_chunks(sources, settings, profile)
        return RunSetup(
            sources=sources,
            inputs=PreviewInputs(sources, chunks, style_limits(profile)),
            prompts=prompts,
            caller=caller,
            backend=connection.backend,
            model=connection.model,
            base_url=connection.base_url,
            profile=profile,
            notes=notes,
        )


def cached_notes(caller: ModelCaller, calls: Sequence[PreviewCall]) -> list[ChunkNotes] | None:
    """The notes of every extract call when all of them are in the cache, else None."""
    if caller.cache is None:
        return None
    schema = json_schema_for(ChunkNotes, caller.options.caps)
    notes = []
    for call in calls:
        entry = caller.cache.get(caller.key_for(ChunkNotes, schema, call.messages))
        if entry is None:
            return None
        try:
            notes.append(parse_answer(ChunkNotes, entry.content))
        except ValueError:
            return None  # generate would treat it as a miss too
    return notes


def is_cached(caller: ModelCaller, call: PreviewCall) -> bool:
    if caller.cache is None or call.stand_in is not None:
        return False
    schema_type = ChunkNotes if call.stage == "extract" else Synthesis
    schema = json_schema_for(schema_type, caller.options.caps)
    return caller.cache.get(caller.key_for(schema_type, schema, call.messages)) is not None


def planned_calls(setup: RunSetup, encoding: str) -> tuple[list[PlannedCall], list[str]]:
    """Every extract call, then the synthesis (exact when the notes are cached), and what
    the synthesis would leave out to fit the model's context."""
    extracts = extract_calls(setup.caller, setup.inputs)
    notes = cached_notes(setup.caller, extracts)
    merged: MergedNotes | None = merge_notes(notes) if notes is not None else None
    calls = [*extracts, synthesize_call(setup.caller, setup.inputs, merged)]
    planned = [
        PlannedCall(call, call.message_tokens(encoding), is_cached(setup.caller, call))
        for call in calls
    ]
    limits = setup.inputs.limits
    fitted = fit_synthesis(
        setup.caller, merged or stand_in_notes(setup.inputs), setup.sources, limits
    )
    cut = [f"note: {fitted.note(limits.n_ctx)}"] if fitted.cut and limits.n_ctx else []
    return planned, cut


def context_warnings(calls: Sequence[PlannedCall], limits: StyleLimits) -> list[str]:
    """A line for each call whose prompt and answer may not fit in the model's context."""
    budget = limits.prompt_budget
    if budget is None or limits.n_ctx is None:
        return []
    return [
        f"warning: {planned.call.label} sends {planned.prompt_tokens:,} prompt tokens, more "
        f"than fit with a {limits.answer_tokens:,}-token answer in the model's "
        f"{limits.n_ctx:,}-token context (at most ~{budget:,}); lower --chunk-tokens"
        for planned in calls
        if planned.prompt_tokens > budget
    ]


def plan(
    inputs: Sequence[str | Path], settings: Settings, *, stdin: BinaryIO | None = None
) -> DryRunPlan:
    """What `generate` would send for these inputs and settings, and what it would cost."""
    setup = setup_run(inputs, settings, stdin=stdin)
    hashes = template_hashes(setup.prompts)
    calls, cut = planned_calls(setup, settings.encoding)
    policy = settings.on_unsupported or setup.profile.on_unsupported
    conditional = [repair_call(setup.caller)]
    if policy == "repair":
        conditional.append(revise_call(setup.caller, setup.inputs))
    price = price_for(setup.model, setup.backend, load_prices(settings.prices_file))
    return DryRunPlan(
        sources=setup.sources,
        n_chunks=len(setup.inputs.chunks),
        chunk_tokens=settings.chunk_tokens or setup.profile.chunk_tokens,
        backend=setup.backend,
        model=setup.model,
        base_url=setup.base_url,
        profile=setup.profile.name,
        encoding=settings.encoding,
        calls=calls,
        conditional=[PlannedCall(c, c.message_tokens(settings.encoding)) for c in conditional],
        max_tokens=setup.profile.max_tokens,
        price=price,
        prompt_hashes=hashes,
        prompt_origins={name: setup.prompts.origin(name) for name in PROMPT_NAMES},
        policy=policy,
        max_repairs=settings.max_repairs,
        max_cost_usd=settings.max_cost_usd,
        notes=setup.notes,
        context=[*cut, *context_warnings(calls, setup.inputs.limits)],
    )


def format_plan(plan: DryRunPlan) -> str:
    """The plan as a short report for the terminal."""
    lines = ["Dry run: nothing was sent to a model.", *plan.notes]
    lines.append(f"Model profile: {plan.profile}")
    for source in plan.sources:
        lines.append(
            f"Input {source.id}: {source.path or source.name} ({len(source.sentences)} sentences)"
        )
    lines.append(f"{plan.n_chunks} chunk(s) of at most {plan.chunk_tokens} tokens")
    lines.append("Prompts:")
    for name, digest in plan.prompt_hashes.items():
        lines.append(f"  {name:<18} {digest}  {plan.prompt_origins[name]}")
    lines.append(f"Calls (prompt tokens counted with tiktoken {plan.encoding}):")
    for planned in plan.calls:
        lines.append(format_call(planned))
    lines.extend(plan.context)
    lines.extend(format_totals(plan))
    return "\n".join(lines)


def format_call(planned: PlannedCall) -> str:
    tokens = f"{'~' if planned.estimated else ''}{planned.prompt_tokens:,}"
    status = "  cached: costs nothing" if planned.cached else ""
    if planned.estimated:
        status = f"  estimate: {planned.call.stand_in}"
    return f"  {planned.call.label:<34} {tokens:>9} tokens{status}"


def format_totals(plan: DryRunPlan) -> list[str]:
    sent, total = len(plan.to_send), len(plan.calls)
    cached = f" ({total - sent} answered from the cache)" if sent < total else ""
    lines = [
        f"Model calls: {sent} to send{cached}; {plan.prompt_tokens:,} prompt tokens, "
        f"answers up to {plan.max_tokens:,} tokens each"
    ]
    lines.append(format_cost(plan))
    if (
        plan.max_cost_usd is not None
        and plan.max_cost_usd_estimate is not None
        and plan.max_cost_usd_estimate > plan.max_cost_usd
    ):
        lines.append(
            f"warning: the worst case exceeds --max-cost ${plan.max_cost_usd:.4f}; "
            "generate may stop early with exit code 5"
        )
    repair = plan.conditional[0].prompt_tokens if plan.conditional else 0
    extra = [
        f"up to {plan.max_repairs} re-ask(s) per call after an invalid answer "
        f"(each resends the call plus ~{repair:,} tokens)"
    ]
    if len(plan.conditional) > 1:
        extra.append(
            f"1 revision call (~{plan.conditional[1].prompt_tokens:,} tokens) if some numbers "
            "fail their checks (--on-unsupported repair)"
        )
    lines.append(f"Not counted: {'; '.join(extra)}.")
    return lines


def format_cost(plan: DryRunPlan) -> str:
    if plan.backend == "local":
        return "Estimated cost: $0 (the embedded local model)"
    if plan.price is None or plan.prompt_cost_usd is None:
        return (
            f"Estimated cost: unknown: {plan.model} is not in the price table "
            "(add it with --prices FILE: model = { input = X, output = Y }, USD per 1M tokens)"
        )
    worst = plan.max_cost_usd_estimate or 0.0
    return (
        f"Estimated cost ({plan.model} at ${plan.price.input:g} in / ${plan.price.output:g} out "
        f"per 1M tokens): ${plan.prompt_cost_usd:.4f} for the prompts, "
        f"at most ${worst:.4f} with every answer at its limit"
    )
