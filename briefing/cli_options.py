"""Options shared by `generate` and `daily`, declared once.

Every option defaults to None ("not given") so that `config.load_settings` alone applies the
precedence flags > environment > briefing.toml > defaults.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

Title = Annotated[str | None, typer.Option(help="Title of the brief [default: the model's].")]
Backend = Annotated[
    str | None,
    typer.Option(
        help="local (embedded model), openai or azure [default: local, unless a key or URL is set]."
    ),
]
Model = Annotated[str | None, typer.Option(help="Model name [default: gpt-4o-mini on OpenAI].")]
BaseUrl = Annotated[
    str | None,
    typer.Option(help="OpenAI-compatible server URL, e.g. http://127.0.0.1:8080/v1."),
]
ModelFile = Annotated[Path | None, typer.Option(help="A .gguf model for the embedded backend.")]
ChunkTokens = Annotated[
    int | None, typer.Option(help="Largest chunk of article sent in one call, in tokens.")
]
OnUnsupported = Annotated[
    str | None,
    typer.Option(
        help="What to do with claims whose numbers fail: flag, drop, repair or fail (exit 3)."
    ),
]
Strict = Annotated[
    bool,
    typer.Option("--strict", help="Exit 3 if any number is unsupported (report still written)."),
]
Prompts = Annotated[
    Path | None,
    typer.Option("--prompts", help="Folder of prompt templates overriding the defaults."),
]
Templates = Annotated[
    Path | None,
    typer.Option("--templates", help="Folder of report templates overriding the defaults."),
]
Banner = Annotated[
    str | None, typer.Option(help="Handling banner on every page [default: UNCLASSIFIED].")
]
PageSize = Annotated[str | None, typer.Option(help="A4 or Letter [default: A4].")]
Cache = Annotated[
    Path | None,
    typer.Option("--cache", help="Response cache folder [default: .briefing-cache/]."),
]
NoCache = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the response cache.")
]
MaxCost = Annotated[
    float | None, typer.Option(help="Stop before spending more than this many USD (exit 5).")
]
Prices = Annotated[
    Path | None,
    typer.Option(help="TOML/JSON price table (USD per 1M tokens) overriding the defaults."),
]
Config = Annotated[
    Path | None, typer.Option("--config", help="Settings file [default: ./briefing.toml].")
]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Show the model server's log.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks for internal errors.")]


def settings_flags(
    *,
    no_cache: bool = False,
    strict: bool = False,
    verbose: bool = False,
    debug: bool = False,
    **given: Any,
) -> dict[str, Any]:
    """Flags as `load_settings` takes them: switches left off are "not given" (None)."""
    return {
        **given,
        "use_cache": False if no_cache else None,
        "strict": strict or None,
        "verbose": verbose or None,
        "debug": debug or None,
    }
