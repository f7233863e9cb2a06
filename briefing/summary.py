"""What a run prints: progress on stderr, a one-screen summary, output paths on stdout."""

from __future__ import annotations

import sys
import textwrap

import typer

from briefing.audit import claims_of
from briefing.pipeline import Result


class StderrProgress:
    """Notes on stderr; a counter that redraws itself only on a terminal."""

    def __init__(self, *, quiet: bool = False, counting: str = "Chunks read") -> None:
        self.quiet = quiet
        self.counting = counting
        self.tty = sys.stderr.isatty()

    def note(self, message: str) -> None:
        if not self.quiet:
            typer.echo(message, err=True)

    def advance(self, done: int, total: int) -> None:
        if self.quiet or not self.tty:
            return
        typer.echo(f"\r{self.counting}: {done}/{total}", err=True, nl=done == total)


def echo_summary(result: Result, *, quiet: bool = False) -> None:
    """The brief at a glance on stderr; the written paths on stdout (for scripts)."""
    brief = result.brief
    if not quiet:
        v = brief.verification
        lines = [
            "",
            brief.title,
            *textwrap.wrap(brief.bluf.text, width=96),
            "",
            f"{len(brief.facts)} key facts, {len(brief.actors)} actors, "
            f"{len(brief.implications)} judgments, {len(brief.timeline)} dated events",
            f"Numbers: {v.supported} of {v.numbers} supported by the source"
            + (f"; {v.unsupported} NOT supported (marked in the brief)" if v.unsupported else ""),
        ]
        if v.dropped:
            lines.append(
                f"Dropped {v.dropped} claim(s) that failed their checks (listed in the appendix)"
            )
        if v.citations_repaired:
            lines.append(f"Citations repaired: {v.citations_repaired}")
        for claim_text, number in unsupported_numbers(result):
            lines.append(f"  ! {number}: {claim_text[:80]}")
        run = brief.run
        cost = f", ~${run.cost_usd:.4f}" if run.cost_usd else ""
        lines.append(
            f"Model {run.model} ({run.backend}): {run.prompt_tokens + run.completion_tokens} tokens"
            f"{cost}, {run.generated.model_calls} calls, {run.generated.cache_hits} cached, "
            f"{run.generated.wall_s:.1f} s"
        )
        typer.echo("\n".join(lines), err=True)
    for path in result.outputs:
        typer.echo(str(path))


def unsupported_numbers(result: Result) -> list[tuple[str, str]]:
    return [
        (claim.text, f"{n.text} ({n.status})")
        for claim in claims_of(result.brief)
        for n in claim.numbers
        if not n.supported
    ]
