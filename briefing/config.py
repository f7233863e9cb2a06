"""Settings: CLI flags > environment (BRIEFING_*, OPENAI_*) > briefing.toml > defaults.

This is the only module that reads `os.environ`; `load_settings` takes the environment and the
TOML table as arguments so the precedence is tested with plain dicts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from briefing.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

Backend = Literal["auto", "local", "openai", "azure"]
Policy = Literal["flag", "drop", "repair", "fail"]
Format = Literal["pdf", "json", "md", "html"]
PageSize = Literal["A4", "Letter"]

ALL_FORMATS: tuple[Format, ...] = ("pdf", "json", "md", "html")
DEFAULT_FORMATS: tuple[Format, ...] = ("pdf", "json", "md")
CONFIG_FILE = "briefing.toml"


class Settings(BaseModel):
    """Everything a run needs to know; built once by `load_settings`, never changed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    backend: Backend = "auto"
    model: str | None = None  # None: the backend's default
    base_url: str | None = None
    api_key: SecretStr | None = None
    api_version: str | None = None  # Azure OpenAI
    model_file: Path | None = None  # a GGUF file for the local backend

    out: Path | None = None  # a .pdf path or a folder; None: out/
    formats: tuple[Format, ...] = DEFAULT_FORMATS
    title: str | None = None
    banner: str = "UNCLASSIFIED"
    page_size: PageSize = "A4"

    encoding: str = "o200k_base"
    chunk_tokens: int | None = Field(default=None, ge=64)  # None: the model profile's
    chunk_overlap: int = Field(default=1, ge=0)  # sentences shared by neighbouring chunks
    concurrency: int = Field(default=4, ge=1, le=64)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    max_repairs: int = Field(default=2, ge=0, le=5)  # re-asks after invalid JSON
    max_retries: int = Field(default=3, ge=0, le=10)  # HTTP retries (429, 5xx, timeouts)
    timeout_s: float = Field(default=300.0, gt=0)

    on_unsupported: Policy | None = None  # None: the model profile's default
    strict: bool = False

    prompts_dir: Path | None = None
    templates_dir: Path | None = None
    cache_dir: Path = Path(".briefing-cache")
    use_cache: bool = True
    max_cost_usd: float | None = Field(default=None, ge=0)
    prices_file: Path | None = None

    verbose: bool = False
    debug: bool = False


# environment variable -> setting name; earlier names win over later ones for the same setting
ENV_VARS: dict[str, str] = {
    "BRIEFING_BACKEND": "backend",
    "BRIEFING_MODEL": "model",
    "OPENAI_MODEL": "model",
    "BRIEFING_BASE_URL": "base_url",
    "OPENAI_BASE_URL": "base_url",
    "AZURE_OPENAI_ENDPOINT": "base_url",
    "BRIEFING_API_KEY": "api_key",
    "OPENAI_API_KEY": "api_key",
    "AZURE_OPENAI_API_KEY": "api_key",
    "OPENAI_API_VERSION": "api_version",
    "BRIEFING_MODEL_FILE": "model_file",
    "BRIEFING_OUT": "out",
    "BRIEFING_FORMAT": "formats",
    "BRIEFING_BANNER": "banner",
    "BRIEFING_PAGE_SIZE": "page_size",
    "BRIEFING_ENCODING": "encoding",
    "BRIEFING_CHUNK_TOKENS": "chunk_tokens",
    "BRIEFING_CHUNK_OVERLAP": "chunk_overlap",
    "BRIEFING_CONCURRENCY": "concurrency",
    "BRIEFING_TEMPERATURE": "temperature",
    "BRIEFING_MAX_REPAIRS": "max_repairs",
    "BRIEFING_MAX_RETRIES": "max_retries",
    "BRIEFING_TIMEOUT": "timeout_s",
    "BRIEFING_ON_UNSUPPORTED": "on_unsupported",
    "BRIEFING_PROMPTS": "prompts_dir",
    "BRIEFING_TEMPLATES": "templates_dir",
    "BRIEFING_CACHE": "cache_dir",
    "BRIEFING_MAX_COST": "max_cost_usd",
    "BRIEFING_PRICES": "prices_file",
}


def read_toml(path: Path) -> dict[str, Any]:
    """Read a briefing.toml; a missing file is an empty table."""
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        hint = "Fix the TOML syntax or remove the file"
        raise ConfigError(f"cannot read {path}: {exc}", hint) from None
    table = data.get("briefing", data)
    if not isinstance(table, dict):
        hint = "See the README's configuration table"
        raise ConfigError(f"{path}: [briefing] must be a table", hint)
    return table


def env_values(env: Mapping[str, str]) -> dict[str, Any]:
    """The settings named by environment variables (empty values are ignored)."""
    values: dict[str, Any] = {}
    for var, name in ENV_VARS.items():
        raw = env.get(var, "")
        if raw.strip() and name not in values:
            values[name] = raw.strip()
    if "AZURE_OPENAI_ENDPOINT" in env and env.get("AZURE_OPENAI_ENDPOINT", "").strip():
        values.setdefault("backend", "azure")
    return values


def parse_formats(value: Any) -> tuple[str, ...]:
    """Accept "pdf,md", ["pdf", "md"] or "all"."""
    items = value.split(",") if isinstance(value, str) else list(value)
    names = [str(item).strip().lower() for item in items if str(item).strip()]
    if names == ["all"]:
        return ALL_FORMATS
    names = ["md" if name == "markdown" else name for name in names]
    unknown = [name for name in names if name not in ALL_FORMATS]
    if unknown or not names:
        raise ConfigError(
            f"unknown output format {', '.join(unknown) or '(none)'!r}",
            "Use a comma-separated list of pdf, json, md, html (or all)",
        )
    return tuple(dict.fromkeys(names))


def load_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    toml: Mapping[str, Any] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Merge the layers: flags > env > toml > defaults. `None` flags are "not given"."""
    if env is None:
        env = os.environ
    if toml is None:
        if config_file is not None and not config_file.is_file():
            raise ConfigError(
                f"cannot read config file {config_file}: no such file",
                "Pass an existing briefing.toml to --config, or drop --config",
            )
        toml = read_toml(config_file or Path(CONFIG_FILE))
    merged: dict[str, Any] = {}
    for layer in (toml, env_values(env), flags or {}):
        merged.update({key: value for key, value in layer.items() if value is not None})
    if "formats" in merged:
        merged["formats"] = parse_formats(merged["formats"])
    if isinstance(merged.get("page_size"), str):
        merged["page_size"] = {"a4": "A4", "letter": "Letter"}.get(
            merged["page_size"].lower(), merged["page_size"]
        )
    if merged.get("base_url") is not None:
        check_base_url(str(merged["base_url"]))
    try:
        return Settings(**merged)
    except ValidationError as exc:
        hint = "Check the flag, environment variable or briefing.toml"
        raise ConfigError(describe_invalid(exc), hint) from None


def check_base_url(url: str) -> None:
    """A server URL is http(s)://host[:port]/...; anything else could never be reached."""
    parts = urlsplit(url.strip())
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        port_ok = False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or not port_ok:
        raise ConfigError(
            f"invalid base URL {url!r}",
            "Use http(s)://host[:port]/..., e.g. --base-url http://127.0.0.1:8080/v1",
        )


def describe_invalid(exc: ValidationError) -> str:
    """One line naming the first bad setting."""
    first = exc.errors()[0]
    name = ".".join(str(part) for part in first["loc"]) or "settings"
    if first["type"] == "extra_forbidden":
        return f"unknown setting {name!r}"
    return f"invalid value for {name}: {first['msg']} (got {first.get('input')!r})"
