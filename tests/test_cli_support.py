"""What every command shares: errors mapped to one line and an exit code, in one place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from briefing.cli_support import reported_errors
from tests.conftest import REPO, SEED


def test_a_closed_pipe_is_the_readers_choice_not_an_error() -> None:
    app = typer.Typer()

    @app.command()
    def talk() -> None:
        with reported_errors():
            raise BrokenPipeError(32, "Broken pipe")

    result = CliRunner().invoke(app, [])
    assert (result.exit_code, result.stderr) == (0, "")


# A command that leaves output in stdout's buffer when the pipe breaks: without the devnull
# recipe, the interpreter's final flush prints "Exception ignored ... BrokenPipeError".
UNFLUSHED = """
import sys, typer
from briefing.cli_support import reported_errors
app = typer.Typer()
@app.command()
def talk() -> None:
    with reported_errors():
        sys.stdout.write("left in the buffer")
        raise BrokenPipeError(32, "Broken pipe")
app()
"""


@pytest.mark.parametrize(
    "args",
    [
        ["-c", UNFLUSHED],
        ["prompts", "list"],
        ["numbers", "big.txt"],
        ["numbers", "big.txt", "--json"],
    ],
)
def test_a_reader_that_stops_early_gets_no_error_and_no_shutdown_noise(
    tmp_path: Path, args: list[str]
) -> None:
    (tmp_path / "big.txt").write_text(SEED.read_text() * 20)
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head -1` once it has its line: every write now fails (EPIPE)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    try:
        done = subprocess.run(
            [sys.executable, *(args if args[0] == "-c" else ["-m", "briefing", *args])],
            stdout=write_end,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr.decode()) == (0, "")
