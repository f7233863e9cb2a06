"""Model prices (USD per million tokens) and cost estimates, in one place.

The table is a default; `--prices FILE` / BRIEFING_PRICES (a TOML or JSON table of
`model = {input = X, output = Y}`) overrides or extends it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from briefing.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class Price(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    input: float  # USD per 1M prompt tokens
    output: float  # USD per 1M completion tokens


# Public list prices at the time of writing; check your provider and override with --prices.
DEFAULT_PRICES: dict[str, Price] = {
    "gpt-4o-mini": Price(input=0.15, output=0.60),
    "gpt-4o": Price(input=2.50, output=10.00),
    "gpt-4.1": Price(input=2.00, output=8.00),
    "gpt-4.1-mini": Price(input=0.40, output=1.60),
    "gpt-4.1-nano": Price(input=0.10, output=0.40),
    "gpt-5": Price(input=1.25, output=10.00),
    "gpt-5-mini": Price(input=0.25, output=2.00),
    "gpt-5-nano": Price(input=0.05, output=0.40),
}
FREE = Price(input=0.0, output=0.0)


def load_prices(path: Path | None) -> dict[str, Price]:
    """The default table, updated from a user's TOML or JSON file."""
    prices = dict(DEFAULT_PRICES)
    if path is None:
        return prices
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
        prices.update({name: Price(**value) for name, value in raw.items()})
    except (OSError, ValueError, TypeError, ValidationError) as exc:
        raise ConfigError(
            f"cannot read prices from {path}: {str(exc).splitlines()[0]}",
            "Write one table per model: name = { input = 0.15, output = 0.60 } (USD per 1M tokens)",
        ) from None
    return prices


def price_for(model: str, backend: str, prices: dict[str, Price]) -> Price | None:
    """The model's price; local models are free; None when the model is not in the table."""
    if backend == "local":
        return FREE
    if model in prices:
        return prices[model]
    # "gpt-4o-mini-2024-07-18" is priced like "gpt-4o-mini": take the longest matching prefix.
    matches = [name for name in prices if model.startswith(name)]
    return prices[max(matches, key=len)] if matches else None


def cost_usd(price: Price | None, prompt_tokens: int, completion_tokens: int) -> float | None:
    if price is None:
        return None
    return (prompt_tokens * price.input + completion_tokens * price.output) / 1_000_000
