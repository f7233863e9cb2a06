"""Bodies of OpenAI chat completion responses, for respx routes."""

from __future__ import annotations

import json
from typing import Any

MODEL_URL = "http://model.test/v1"


def chat_completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    prompt_tokens: int = 100,
    completion_tokens: int = 50,
    model: str = "test-model",
) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def notes_json(
    facts: list[tuple[str, list[str]]] | None = None,
    actors: list[dict[str, Any]] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> str:
    return json.dumps(
        {
            "facts": [{"text": t, "citations": c} for t, c in (facts or [])],
            "actors": actors or [],
            "events": events or [],
        }
    )


def synthesis_json(
    title: str = "Test brief",
    bluf: str = "",
    key_facts: list[str] | None = None,
    implications: list[dict[str, Any]] | None = None,
) -> str:
    return json.dumps(
        {
            "title": title,
            "bluf": bluf,
            "key_facts": key_facts or [],
            "implications": implications or [],
        }
    )


def sent_messages(request: Any) -> list[dict[str, str]]:
    """The messages of a recorded respx request."""
    return list(json.loads(request.content)["messages"])


def sent_body(request: Any) -> dict[str, Any]:
    return dict(json.loads(request.content))


class Notes:
    """A progress reporter that keeps the notes a run prints (warnings, cuts) for assertions."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def note(self, message: str) -> None:
        self.lines.append(message)

    def advance(self, done: int, total: int) -> None:
        pass
