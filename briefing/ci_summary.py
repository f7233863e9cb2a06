"""What a daily run tells machines: the `--json` summary and the GitHub step summary.

Both are built from one dict, so a CI job reads the same numbers in its log, its JSON and
its job page. The dict is plain JSON types; its keys are part of the CLI's contract.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefing.daily import DailyResult
from briefing.errors import BriefingError, ExitCode, InputError
from briefing.render_marks import walk_claims
from briefing.render_view import escape_markdown
from briefing.schema import Brief

STATUS_BY_CODE: dict[int, str] = {
    ExitCode.OK: "ok",
    ExitCode.NUMBERS_FAILED: "numbers_failed",
    ExitCode.PARTIAL: "partial",
}
LISTED = 20  # unsupported numbers and failed articles listed in the Markdown summary


def status_of(error: BriefingError | None) -> tuple[str, int]:
    code = int(error.exit_code) if error is not None else int(ExitCode.OK)
    return STATUS_BY_CODE.get(code, "error"), code


def unsupported_numbers(brief: Brief) -> list[dict[str, str]]:
    """Every number in the brief that the sources do not support, with where it is."""
    return [
        {"where": where, "text": check.text, "status": check.status, "claim": piece.text}
        for where, piece in walk_claims(brief)
        if not where.startswith("Removed")
        for check in piece.numbers
        if not check.supported
    ]


def machine_summary(result: DailyResult, error: BriefingError | None) -> dict[str, Any]:
    """The `--json` summary of a run that wrote its brief (exit 0, 3 or 6)."""
    brief, run = result.brief, result.brief.run
    status, code = status_of(error)
    verification = brief.verification
    return {
        "status": status,
        "exit_code": code,
        "error": str(error) if error is not None else None,
        "date": brief.date,
        "title": brief.title,
        "outputs": {path.suffix.lstrip("."): str(path) for path in result.outputs},
        "articles": {
            "total": result.articles,
            "done": len(brief.sections),
            "failed": len(brief.failed),
        },
        "chunks": result.chunks,
        "model_calls": run.generated.model_calls,
        "cache_hits": run.generated.cache_hits,
        "tokens": {
            "prompt": run.prompt_tokens,
            "completion": run.completion_tokens,
            "total": run.prompt_tokens + run.completion_tokens,
        },
        "cost_usd": run.cost_usd,
        "spent_usd": run.generated.spent_usd,
        "wall_s": run.generated.wall_s,
        "numbers": {
            "checked": verification.numbers,
            "supported": verification.supported,
            "unsupported": verification.unsupported,
            "by_status": dict(verification.by_status),
        },
        "unsupported": unsupported_numbers(brief),
        "dropped": [
            {"section": d.section, "text": d.text, "reason": d.reason} for d in brief.dropped
        ],
        "failed": [{"path": f.path, "reason": f.reason} for f in brief.failed],
        "per_article": [
            {
                "id": s.source_id,
                "path": s.path,
                "title": s.title,
                "chunks": s.chunks,
                "facts": len(s.fact_ids),
                "prompt_tokens": s.prompt_tokens,
                "completion_tokens": s.completion_tokens,
                "cost_usd": s.cost_usd,
            }
            for s in brief.sections
        ],
    }


def error_summary(error: BriefingError, *, date: str | None = None) -> dict[str, Any]:
    """The `--json` summary of a run that stopped before writing (exit 2, 4, 5, ...)."""
    status, code = status_of(error)
    return {"status": status, "exit_code": code, "error": str(error), "date": date}


STATUS_LINES = {
    "ok": "✅ Daily brief written",
    "partial": "⚠️ Daily brief written without some articles",
    "numbers_failed": "❌ Daily brief written, but numbers failed their checks",
    "error": "❌ Daily brief not written",
}


def step_summary_markdown(summary: dict[str, Any]) -> str:
    """The GitHub job-page summary: counts, unsupported numbers, removed claims, failed
    articles, cost."""
    day = f" for {summary['date']}" if summary.get("date") else ""
    lines = [f"### {STATUS_LINES[summary['status']]}{day} (exit {summary['exit_code']})", ""]
    if summary["status"] == "error" or "articles" not in summary:
        lines += [f"`{escape_markdown(summary['error'])}`", ""]
        return "\n".join(lines)
    lines += [f"**{escape_markdown(summary['title'])}**", "", *counts_table(summary), ""]
    if summary["error"]:
        lines += [escape_markdown(summary["error"]), ""]
    lines += listed(
        "Unsupported numbers",
        [
            f"{escape_markdown(n['where'])}: **{escape_markdown(n['text'])}** ({n['status']})"
            f" in “{escape_markdown(n['claim'][:120])}”"
            for n in summary["unsupported"]
        ],
    )
    lines += listed(
        "Removed claims",
        [
            f"{escape_markdown(d['section'])}: “{escape_markdown(d['text'][:120])}”"
            f" ({escape_markdown(d['reason'])})"
            for d in summary["dropped"]
        ],
    )
    lines += listed(
        "Failed articles",
        [
            f"`{escape_markdown(f['path'])}`: {escape_markdown(f['reason'])}"
            for f in summary["failed"]
        ],
    )
    if summary["outputs"]:
        lines += ["Outputs: " + ", ".join(f"`{p}`" for p in summary["outputs"].values()), ""]
    return "\n".join(lines)


def counts_table(summary: dict[str, Any]) -> list[str]:
    articles, numbers, tokens = summary["articles"], summary["numbers"], summary["tokens"]
    cost = "n/a" if summary["cost_usd"] is None else f"${summary['cost_usd']:.4f}"
    spent = "n/a" if summary["spent_usd"] is None else f"${summary['spent_usd']:.4f}"
    return [
        "| Articles | Failed | Chunks | Numbers checked | Unsupported | Model calls | Cached "
        "| Tokens | Cost (this run) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {articles['done']} of {articles['total']} | {articles['failed']} | "
        f"{summary['chunks']} | {numbers['checked']} | {numbers['unsupported']} | "
        f"{summary['model_calls']} | {summary['cache_hits']} | {tokens['total']:,} | "
        f"{cost} ({spent}) |",
    ]


def listed(heading: str, items: list[str]) -> list[str]:
    if not items:
        return []
    more = [f"- … and {len(items) - LISTED} more"] if len(items) > LISTED else []
    return [f"**{heading}** ({len(items)})", "", *(f"- {i}" for i in items[:LISTED]), *more, ""]


def append_step_summary(path: Path, markdown: str) -> None:
    """Append to $GITHUB_STEP_SUMMARY (a file the runner shows on the job page)."""
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(markdown.rstrip("\n") + "\n\n")
    except OSError as exc:
        raise InputError(
            f"cannot append the step summary to {path}: {exc.strerror or exc}",
            "Check GITHUB_STEP_SUMMARY or --step-summary",
        ) from None
