"""What every CLI command shares: error reporting, exit codes and terminal output."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from briefing.errors import BriefingError, ExitCode
from briefing.pools import abandon_calls_in_flight


def print_error(message: str) -> None:
    """One line on stderr, prefixed with `error:`."""
    line = " ".join(message.split())
    typer.echo(f"error: {line}", err=True)


def print_note(message: str) -> None:
    """A progress or status line on stderr (stdout is kept for results)."""
    typer.echo(message, err=True)


@contextmanager
def reported_errors(*, debug: bool = False) -> Iterator[None]:
    """Turn BriefingError into one stderr line plus its exit code; a bug into one line too."""
    try:
        yield
    except BriefingError as exc:
        print_error(str(exc))
        raise typer.Exit(int(exc.exit_code)) from None
    except KeyboardInterrupt:
        print_error("interrupted; no partial output was written")
        abandon_calls_in_flight(int(ExitCode.INTERRUPTED))
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
    except BrokenPipeError:
        # The reader closed the pipe (`| head`): its choice, not an error.
        silence_stdout()
        raise typer.Exit(int(ExitCode.OK)) from None
    except typer.Exit:
        raise
    except Exception as exc:
        if debug:
            raise
        name = type(exc).__name__
        print_error(f"internal error: {name}: {exc}. Rerun with --debug and report it")
        raise typer.Exit(int(ExitCode.BUG)) from None


def silence_stdout() -> None:
    """Point stdout at devnull, so that the interpreter's last flush into the closed pipe does
    not print "Exception ignored ... BrokenPipeError" (the recipe in Python's `signal` docs)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test runner's buffer)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
