"""Errors that reach the user, each with its exit code.

    BriefingError                 exit 1 (a bug; only for errors without a better class)
     ├── InputError               exit 2  bad usage, unreadable or empty input, unwritable output
     ├── ConfigError              exit 2  bad setting, unknown option value, broken template
     ├── NumbersFailedError       exit 3  numbers did not check out (--strict)
     ├── BackendError             exit 4  model backend unreachable, refusing or answering garbage
     ├── BudgetExceededError      exit 5  --max-cost would be exceeded
     └── PartialError             exit 6  some articles failed (without --allow-partial)

Library code raises these; only `briefing.cli` prints them (one line on stderr) and exits.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, documented in the README."""

    OK = 0
    BUG = 1
    USAGE = 2
    NUMBERS_FAILED = 3
    BACKEND = 4
    BUDGET = 5
    PARTIAL = 6
    INTERRUPTED = 130


class BriefingError(Exception):
    """A problem the user can act on: what is wrong, then what to do."""

    exit_code: ExitCode = ExitCode.BUG

    def __init__(self, problem: str, hint: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.problem}. {self.hint}"
        return self.problem


class InputError(BriefingError):
    exit_code = ExitCode.USAGE


class ConfigError(BriefingError):
    exit_code = ExitCode.USAGE


class NumbersFailedError(BriefingError):
    exit_code = ExitCode.NUMBERS_FAILED


class BackendError(BriefingError):
    exit_code = ExitCode.BACKEND


class BudgetExceededError(BriefingError):
    exit_code = ExitCode.BUDGET


class PartialError(BriefingError):
    exit_code = ExitCode.PARTIAL
