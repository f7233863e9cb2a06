"""The one place that talks to a model: the `openai` client, its errors, and raw replies.

Every backend (OpenAI, Azure OpenAI, any OpenAI-compatible server, the embedded llama.cpp
server) goes through the same client, so the embedded default exercises the production path.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import openai

from briefing.errors import BackendError

Client = openai.OpenAI
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
DEFAULT_OPENAI_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class Endpoint:
    """Where a model is served and how to reach it."""

    backend: str  # "local", "openai", "azure"
    model: str
    base_url: str | None = None  # None: the client's default (api.openai.com)
    api_key: str | None = field(default=None, repr=False)
    api_version: str | None = None  # Azure only

    @property
    def url(self) -> str:
        return self.base_url or DEFAULT_OPENAI_URL


@dataclass(frozen=True)
class Reply:
    """A raw chat completion, reduced to what the pipeline uses."""

    content: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int


def make_client(
    endpoint: Endpoint,
    *,
    timeout_s: float,
    max_retries: int,
    http_client: httpx.Client | None = None,
) -> openai.OpenAI:
    """Build the client. This is the only place a client is constructed."""
    if endpoint.backend == "azure":
        if not endpoint.base_url:
            raise BackendError(
                "Azure OpenAI needs an endpoint", "Set AZURE_OPENAI_ENDPOINT or --base-url"
            )
        return openai.AzureOpenAI(
            azure_endpoint=endpoint.base_url,
            api_key=endpoint.api_key,
            api_version=endpoint.api_version or "2024-10-21",
            timeout=timeout_s,
            max_retries=max_retries,
            http_client=http_client,
        )
    return openai.OpenAI(
        base_url=endpoint.base_url,
        # A local OpenAI-compatible server usually needs no key, but the client insists on one.
        api_key=endpoint.api_key or "not-needed",
        timeout=timeout_s,
        max_retries=max_retries,
        http_client=http_client,
    )


def send(
    client: openai.OpenAI,
    endpoint: Endpoint,
    request: dict[str, Any],
) -> Reply:
    """Send one chat completion request; every `openai` error becomes a BackendError."""
    with mapped_errors(endpoint):
        response = client.chat.completions.create(**request)
    if not response.choices:
        raise BackendError(f"the model at {endpoint.url} returned no choices", RETRY_HINT)
    choice = response.choices[0]
    usage = response.usage
    return Reply(
        content=choice.message.content or "",
        finish_reason=choice.finish_reason or "stop",
        prompt_tokens=usage.prompt_tokens if usage else 0,
        completion_tokens=usage.completion_tokens if usage else 0,
    )


RETRY_HINT = "Try again, or use another model with --model"


@contextmanager
def mapped_errors(endpoint: Endpoint) -> Iterator[None]:
    """Translate the openai exception tree into one-line BackendErrors, once, here."""
    url = endpoint.url
    try:
        yield
    except openai.APITimeoutError:
        raise BackendError(
            f"cannot reach the model at {url}: timed out", "Check the server or raise --timeout"
        ) from None
    except openai.APIConnectionError:
        raise BackendError(
            f"cannot reach the model at {url}", "Check --base-url and that the server is running"
        ) from None
    except openai.AuthenticationError:
        raise BackendError(
            f"the model server at {url} rejected the API key (401)", "Check OPENAI_API_KEY"
        ) from None
    except openai.PermissionDeniedError:
        raise BackendError(
            f"the model server at {url} refused access (403)", "Check the key's permissions"
        ) from None
    except openai.NotFoundError:
        raise BackendError(
            f"model {endpoint.model!r} was not found at {url} (404)",
            "Check --model and --base-url",
        ) from None
    except openai.RateLimitError:
        raise BackendError(
            f"the model server at {url} kept answering 429 (rate limited or out of quota)",
            "Wait and rerun (cached answers are reused), or lower --concurrency",
        ) from None
    except openai.BadRequestError as exc:
        raise SchemaRejected(describe(exc)) from None
    except openai.APIStatusError as exc:
        raise BackendError(
            f"the model server at {url} failed (HTTP {exc.status_code}): {describe(exc)}",
            RETRY_HINT,
        ) from None


class SchemaRejected(BackendError):
    """HTTP 400: often a server without JSON Schema support; the caller may fall back."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"the model server rejected the request (400): {detail}", RETRY_HINT)
        self.detail = detail


def describe(exc: openai.APIStatusError) -> str:
    """The server's own error message, shortened to one line."""
    body = exc.body
    message = ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = str(inner.get("message", "")) if isinstance(inner, dict) else str(inner)
    return " ".join((message or exc.message).split())[:200]
