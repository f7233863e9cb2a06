"""What every CLI command shares: error reporting, exit codes and terminal output."""

from __future__ import annotations

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
    except typer.Exit:
        raise
    except Exception as exc:
        if debug:
            raise
        name = type(exc).__name__
        print_error(f"internal error: {name}: {exc}. Rerun with --debug and report it")
        raise typer.Exit(int(ExitCode.BUG)) from None
