"""The README documents every option of every command (help and docs must not drift)."""

from __future__ import annotations

import re
from typing import Any

import typer
import typer.main

from briefing.cli import app
from tests.conftest import REPO


def all_commands(command: Any, path: str = "") -> list[tuple[str, Any]]:
    found = [(path, command)]
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            found += all_commands(sub, f"{path} {name}".strip())
    return found


def test_every_help_option_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    missing = []
    for path, command in all_commands(typer.main.get_command(app)):
        for param in command.params:
            for option in getattr(param, "opts", []):
                if (
                    option.startswith("--")
                    and option != "--help"
                    and not re.search(rf"{re.escape(option)}\b", readme)
                ):
                    missing.append(f"{path or 'briefing'} {option}")
    assert missing == []


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    names = [path for path, _ in all_commands(typer.main.get_command(app)) if path]
    assert [name for name in names if f"briefing {name}" not in readme] == []


def test_quick_start_is_two_commands_that_exist() -> None:
    readme = (REPO / "README.md").read_text()
    block = readme.split("## Quick start", 1)[1].split("```console", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make brief", "make test"]
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^brief:", makefile, re.M)
    assert re.search(r"^test:", makefile, re.M)
