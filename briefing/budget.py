"""Spending limit for a run (--max-cost): checked before every model call, thread-safe."""

from __future__ import annotations

import threading

from briefing.errors import BudgetExceededError, ConfigError
from briefing.pricing import Price, cost_usd


class Budget:
    """Tracks spend; refuses a call whose worst-case cost would cross the limit."""

    def __init__(self, max_usd: float | None, price: Price | None, model: str) -> None:
        if max_usd is not None and price is None:
            raise ConfigError(
                f"--max-cost needs a price for model {model!r}, and the price table has none",
                "Add it with --prices FILE: model = { input = X, output = Y } (USD per 1M tokens)",
            )
        self.max_usd = max_usd
        self.price = price
        self.spent_usd = 0.0
        self.reserved_usd = 0.0
        self.calls = 0
        self._lock = threading.Lock()

    def reserve(self, prompt_tokens: int, max_completion_tokens: int) -> float:
        """Reserve the worst case of one call; raises BudgetExceededError past the limit."""
        worst = cost_usd(self.price, prompt_tokens, max_completion_tokens) or 0.0
        with self._lock:
            if (
                self.max_usd is not None
                and self.spent_usd + self.reserved_usd + worst > self.max_usd
            ):
                raise BudgetExceededError(
                    f"stopped before exceeding --max-cost ${self.max_usd:.4f}: "
                    f"{self.calls} model calls made, ${self.spent_usd:.4f} spent, the next call "
                    f"could cost up to ${worst:.4f}",
                    "Raise --max-cost, or rerun: cached answers cost nothing",
                )
            self.reserved_usd += worst
        return worst

    def settle(self, reserved: float, prompt_tokens: int, completion_tokens: int) -> None:
        """Replace a reservation with the call's actual cost."""
        actual = cost_usd(self.price, prompt_tokens, completion_tokens) or 0.0
        with self._lock:
            self.reserved_usd = max(0.0, self.reserved_usd - reserved)
            self.spent_usd += actual
            self.calls += 1

    def release(self, reserved: float) -> None:
        with self._lock:
            self.reserved_usd = max(0.0, self.reserved_usd - reserved)
