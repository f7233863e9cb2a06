"""The example GitHub Actions workflow: scheduled, cached, runs `briefing daily`, uploads the PDF."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from briefing.cli_daily import register

WORKFLOW = (
    Path(__file__).resolve().parent.parent / "examples" / "github-actions" / "daily-brief.yml"
)
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    (job,) = workflow["jobs"].values()
    return list(job["steps"])


def step(steps: list[dict[str, Any]], uses: str) -> dict[str, Any]:
    return next(s for s in steps if s.get("uses", "").startswith(uses))


def briefing_commands(steps: list[dict[str, Any]]) -> list[list[str]]:
    """Every `briefing ...` command line in the run steps, expressions replaced by a word."""
    commands = []
    for s in steps:
        script = EXPRESSION.sub("X", s.get("run", ""))
        for line in script.replace("\\\n", " ").splitlines():
            words = shlex.split(line.split(">", 1)[0])
            if words[:1] == ["briefing"]:
                commands.append(words[1:])
    return commands


def options_of(*names: str) -> set[str]:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    command: Any = typer.main.get_command(app)
    for name in names:
        command = command.commands[name]
    return {opt for param in command.params for opt in param.opts if opt.startswith("--")}


def test_runs_on_a_daily_schedule_and_by_hand(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    (schedule,) = triggers["schedule"]
    fields = schedule["cron"].split()
    assert len(fields) == 5
    assert fields[2:] == ["*", "*", "*"]  # every day
    assert "date" in triggers["workflow_dispatch"]["inputs"]


def test_installs_briefing_and_the_pdf_libraries(steps: list[dict[str, Any]]) -> None:
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "pip install" in scripts
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert package in scripts
    assert step(steps, "actions/setup-python@")["with"]["python-version"] >= "3.10"


def test_restores_and_saves_the_response_cache(
    workflow: dict[Any, Any], steps: list[dict[str, Any]]
) -> None:
    (job,) = workflow["jobs"].values()
    restore = step(steps, "actions/cache/restore@")
    save = step(steps, "actions/cache/save@")
    assert restore["with"]["path"] == save["with"]["path"] == job["env"]["BRIEFING_CACHE"]
    assert restore["with"]["key"] == save["with"]["key"]
    assert restore["with"]["restore-keys"].strip() in restore["with"]["key"]
    assert save.get("if") == "always()"  # answers paid for survive a failed run
    names = [s.get("uses", s.get("run", "")) for s in steps]
    daily_at = next(i for i, s in enumerate(steps) if "briefing daily" in s.get("run", ""))
    assert names.index(restore["uses"]) < daily_at < names.index(save["uses"])


def test_runs_the_daily_brief_with_options_the_cli_has(steps: list[dict[str, Any]]) -> None:
    commands = briefing_commands(steps)
    daily = next(c for c in commands if c[0] == "daily")
    used = {word for word in daily if word.startswith("--")}
    assert {"--date", "--out", "--max-cost", "--strict", "--json"} <= used
    assert used <= options_of("daily")
    prune = next(c for c in commands if c[:2] == ["cache", "prune"])
    assert {w for w in prune if w.startswith("--")} <= options_of("cache", "prune")


def test_uploads_the_days_brief_even_when_the_run_fails(steps: list[dict[str, Any]]) -> None:
    upload = step(steps, "actions/upload-artifact@")
    assert upload["if"] == "always()"
    paths = upload["with"]["path"].splitlines()
    assert "out/${{ steps.day.outputs.date }}/" in paths
    assert "daily-brief-" in upload["with"]["name"]
