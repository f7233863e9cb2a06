"""Choosing the model backend and opening it, lazily: the embedded server starts only on a
cache miss, once per run, and is always shut down."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from briefing.config import Settings
from briefing.errors import BackendError, ConfigError
from briefing.llm import DEFAULT_OPENAI_MODEL, Client, Endpoint, make_client
from briefing.local_server import check_model_file, default_model_file, serve
from briefing.profiles import ModelProfile, profile_for


def choose_backend(settings: Settings) -> str:
    """auto: a configured key or URL means a remote server, and so does a model named without
    a model file (only a server can answer to it); otherwise the embedded model."""
    if settings.backend != "auto":
        return settings.backend
    if settings.api_key is not None or settings.base_url:
        return "openai"
    if settings.model and settings.model_file is None:
        return "openai"
    return "local"


def check_remote(settings: Settings, backend: str) -> None:
    """A hosted backend needs a key (a server of one's own at --base-url may not)."""
    if settings.api_key is not None:
        return
    if backend == "azure":
        raise ConfigError(
            "no API key for Azure OpenAI", "Set AZURE_OPENAI_API_KEY, or use --backend local"
        )
    if settings.base_url:
        return
    if settings.backend == "auto":  # chosen because --model names a model the embedded one is not
        raise ConfigError(
            f"no API key for {settings.model}",
            "Set OPENAI_API_KEY, or drop --model to use the embedded model",
        )
    raise ConfigError(
        "no API key for the OpenAI backend",
        "Set OPENAI_API_KEY, pass --base-url for an OpenAI-compatible server, "
        "or use --backend local",
    )


@dataclass
class Connection:
    """A model endpoint that is opened on first use and closed with the run."""

    backend: str
    model: str  # the name sent in requests and shown in the brief
    model_id: str  # what identifies the model's answers in cache keys
    profile: ModelProfile
    settings: Settings
    model_file: Path | None = None
    on_note: Callable[[str], None] = print
    load_s: float | None = None
    _stack: ExitStack = field(default_factory=ExitStack)
    _opened: tuple[Client, Endpoint] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _closed: bool = False

    def get(self) -> tuple[Client, Endpoint]:
        with self._lock:
            if self._closed:
                raise BackendError("the run was stopped", "Start it again")
            if self._opened is None:
                self._opened = self.open()
            return self._opened

    def open(self) -> tuple[Client, Endpoint]:
        settings = self.settings
        if self.backend == "local":
            assert self.model_file is not None
            local = self._stack.enter_context(
                serve(self.model_file, n_ctx=self.profile.n_ctx, verbose=settings.verbose)
            )
            self.load_s = local.load_s
            endpoint = Endpoint("local", local.model, local.base_url, local.api_key)
        else:
            key = settings.api_key.get_secret_value() if settings.api_key else None
            endpoint = Endpoint(
                self.backend, self.model, settings.base_url, key, settings.api_version
            )
        client = make_client(
            endpoint, timeout_s=settings.timeout_s, max_retries=settings.max_retries
        )
        self._stack.callback(client.close)
        return client, endpoint

    def adjust(self, settings: Settings) -> Settings:
        """The embedded server answers one request at a time: calls beyond one only queue up
        and run into the timeout, so a local run keeps one call in flight."""
        if self.backend == "local" and settings.concurrency > 1:
            return settings.model_copy(update={"concurrency": 1})
        return settings

    @property
    def base_url(self) -> str | None:
        return self._opened[1].base_url if self._opened else self.settings.base_url

    def close(self) -> None:
        """Stop the backend for good: a call after this fails instead of opening it again."""
        with self._lock:
            self._closed = True
            self._stack.close()
            self._opened = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(settings: Settings, *, on_note: Callable[[str], None]) -> Connection:
    """Pick the backend and model, and describe the run's model in one line."""
    backend = choose_backend(settings)
    if backend == "local":
        model_file = check_model_file(settings.model_file or default_model_file())
        profile = profile_for(model_file.stem, backend="local", model_file=model_file)
        if settings.model and settings.model_file is None and settings.model != model_file.stem:
            raise ConfigError(
                f"the embedded backend runs {model_file.stem}, not {settings.model}",
                "Drop --model, pass --model-file, or set OPENAI_API_KEY and --backend openai",
            )
        model = settings.model or model_file.stem
        model_id = f"{model_file.name}:{model_file.stat().st_size}"
        tier = " (a demonstration tier: use a bigger model for real work)" if profile.small else ""
        on_note(f"Model: embedded {model} on 127.0.0.1, no API key needed{tier}")
        return Connection(backend, model, model_id, profile, settings, model_file, on_note)
    check_remote(settings, backend)
    if backend == "azure" and not settings.base_url:
        raise ConfigError(
            "Azure OpenAI needs an endpoint", "Set AZURE_OPENAI_ENDPOINT or --base-url"
        )
    model = settings.model or DEFAULT_OPENAI_MODEL
    profile = profile_for(model, backend=backend, model_file=None)
    where = settings.base_url or "api.openai.com"
    on_note(f"Model: {model} via {backend} at {where}")
    return Connection(backend, model, f"{backend}:{model}", profile, settings, None, on_note)
