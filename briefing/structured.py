"""Structured output: ask for JSON Schema, validate with pydantic, re-ask with the error.

`ModelCaller.complete(Schema, messages)` is how every stage talks to a model. It sends a
`json_schema` response_format (falling back to `json_object` for servers without schema
support), validates the reply, shows the model its own error at most `max_repairs` times,
treats `finish_reason == "length"` as a failure (never parses a cut-off answer), caches
validated answers, accounts tokens and respects the budget.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from briefing.budget import Budget
from briefing.cache import CachedReply, ResponseCache, cache_key
from briefing.errors import BackendError
from briefing.llm import Client, Endpoint, Reply, SchemaRejected, send
from briefing.llm_schemas import json_schema_for
from briefing.prompts import PromptSet
from briefing.schema import SCHEMA_VERSION, CallUsage
from briefing.tokens import count_tokens

T = TypeVar("T", bound=BaseModel)
Message = dict[str, str]
Stage = Literal["extract", "synthesize", "repair"]
FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$")


@dataclass(frozen=True)
class CallOptions:
    """Per-model request settings (from the model profile and the run's settings)."""

    temperature: float = 0.0
    max_tokens: int = 2048
    max_tokens_param: str = "max_tokens"  # "max_completion_tokens" for OpenAI's newer models
    max_repairs: int = 2
    extra_body: dict[str, Any] = field(default_factory=dict)
    caps: dict[str, int] = field(default_factory=dict)


class Opener(Protocol):
    """Gives the client and endpoint, opening the backend on first use."""

    backend: str
    model: str

    def get(self) -> tuple[Client, Endpoint]: ...


@dataclass
class ModelCaller:
    connection: Opener
    prompts: PromptSet
    options: CallOptions
    cache: ResponseCache | None = None
    budget: Budget | None = None
    model_id: str = ""  # what identifies the model in cache keys (name + file size for GGUF)
    usage: list[CallUsage] = field(default_factory=list)
    model_calls: int = 0  # HTTP round trips this run
    cache_hits: int = 0
    schema_supported: bool = True
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def complete(
        self,
        schema: type[T],
        messages: list[Message],
        *,
        stage: Stage,
        chunk_id: str | None = None,
        sentence_ids: Sequence[str] | None = None,
    ) -> T:
        """One validated answer of type `schema` (from the cache when possible).

        `sentence_ids` limits every `sentence` field to those ids (see `json_schema_for`).
        """
        json_schema = json_schema_for(schema, self.options.caps, sentence_ids)
        key = self.key_for(schema, json_schema, messages) if self.cache else None
        cached = self.cache.get(key) if self.cache and key else None
        if cached is not None:
            try:
                answer = parse_answer(schema, cached.content)
            except ValueError:
                pass  # an entry that no longer validates (schema changed) is a miss
            else:
                usage = CallUsage(
                    stage=stage,
                    chunk_id=chunk_id,
                    prompt_tokens=cached.prompt_tokens,
                    completion_tokens=cached.completion_tokens,
                    attempts=cached.attempts,
                )
                self.record(usage, cached=True)
                return answer
        answer, usage, content = self.ask(
            schema, json_schema, list(messages), stage=stage, chunk_id=chunk_id
        )
        if self.cache and key:
            entry = CachedReply(
                content, usage.prompt_tokens, usage.completion_tokens, usage.attempts
            )
            self.cache.put(key, entry)
        return answer

    def ask(
        self,
        schema: type[T],
        json_schema: dict[str, Any],
        messages: list[Message],
        *,
        stage: Stage,
        chunk_id: str | None,
    ) -> tuple[T, CallUsage, str]:
        attempts = prompt_tokens = completion_tokens = 0
        problem = ""
        truncated = False
        for _ in range(self.options.max_repairs + 1):
            attempts += 1
            reply = self.send_once(schema, json_schema, messages)
            prompt_tokens += reply.prompt_tokens
            completion_tokens += reply.completion_tokens
            truncated = reply.finish_reason == "length"
            try:
                if truncated:
                    raise ValueError(
                        f"the answer was cut off at {self.options.max_tokens} tokens "
                        "before the JSON was complete"
                    )
                answer = parse_answer(schema, reply.content)
            except ValueError as exc:
                problem = str(exc)
                messages = [
                    *messages,
                    {"role": "assistant", "content": reply.content[:4000]},
                    {"role": "user", "content": self.repair_prompt(problem, schema)},
                ]
                continue
            usage = CallUsage(
                stage=stage,
                chunk_id=chunk_id,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                attempts=attempts,
            )
            self.record(usage)
            return answer, usage, reply.content
        self.record(
            CallUsage(
                stage=stage,
                chunk_id=chunk_id,
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                attempts=attempts,
            )
        )
        where = f" for {chunk_id}" if chunk_id else ""
        hint = (
            "The answer was truncated; lower --chunk-tokens"
            if truncated
            else "Try again, or use a stronger model with --model"
        )
        raise BackendError(
            f"the model gave no valid {schema.__name__}{where} after {attempts} attempts "
            f"({prompt_tokens + completion_tokens} tokens): {problem[:160]}",
            hint,
        )

    def send_once(
        self, schema: type[BaseModel], json_schema: dict[str, Any], messages: list[Message]
    ) -> Reply:
        """One HTTP round trip; switches to json_object mode if the server rejects schemas."""
        reserved = 0.0
        if self.budget is not None:
            prompt_estimate = sum(count_tokens(m["content"]) for m in messages) + 8 * len(messages)
            reserved = self.budget.reserve(prompt_estimate, self.options.max_tokens)
        try:
            try:
                client, endpoint = self.connection.get()
                reply = send(client, endpoint, self.request(schema, json_schema, messages))
            except SchemaRejected:
                if not self.schema_supported:
                    raise
                self.schema_supported = False  # remember: later calls go straight to json_object
                reply = send(client, endpoint, self.request(schema, json_schema, messages))
        except BaseException:
            if self.budget is not None:
                self.budget.release(reserved)
            raise
        if self.budget is not None:
            self.budget.settle(reserved, reply.prompt_tokens, reply.completion_tokens)
        return reply

    def request(
        self, schema: type[BaseModel], json_schema: dict[str, Any], messages: list[Message]
    ) -> dict[str, Any]:
        """The chat completion request body."""
        if self.schema_supported:
            response_format: dict[str, Any] = {
                "type": "json_schema",
                "json_schema": {"name": schema.__name__, "schema": json_schema, "strict": True},
            }
        else:
            response_format = {"type": "json_object"}
            messages = with_schema_in_prompt(messages, json_schema)
        request: dict[str, Any] = {
            "model": self.connection.model,
            "messages": messages,
            "temperature": self.options.temperature,
            "response_format": response_format,
            self.options.max_tokens_param: self.options.max_tokens,
        }
        if self.options.extra_body:
            request["extra_body"] = dict(self.options.extra_body)
        return request

    def key_for(
        self, schema: type[BaseModel], json_schema: dict[str, Any], messages: list[Message]
    ) -> str:
        return cache_key(
            {
                "backend": self.connection.backend,
                "model": self.model_id or self.connection.model,
                "schema_version": SCHEMA_VERSION,
                "schema": [schema.__name__, json_schema],
                "messages": messages,
                "temperature": self.options.temperature,
                "max_tokens": self.options.max_tokens,
                "extra_body": self.options.extra_body,
            }
        )

    def repair_prompt(self, problem: str, schema: type[BaseModel]) -> str:
        return self.prompts.render(
            "repair.user", {"error": problem[:1500], "schema_name": schema.__name__}
        )

    def record(self, usage: CallUsage, *, cached: bool = False) -> None:
        with self._lock:
            self.usage.append(usage)
            if cached:
                self.cache_hits += 1
            else:
                self.model_calls += usage.attempts


def parse_answer(schema: type[T], content: str) -> T:
    """Validate a reply; raises ValueError with a message meant for the model to read."""
    text = FENCE.sub("", content.strip())
    if not text:
        raise ValueError("the answer was empty; expected one JSON object")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"the answer is not valid JSON ({exc.msg} at char {exc.pos})") from None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'answer'}: {err['msg']}"
            for err in exc.errors()[:5]
        )
        raise ValueError(f"the JSON does not match the schema: {problems}") from None


def with_schema_in_prompt(messages: list[Message], json_schema: dict[str, Any]) -> list[Message]:
    """For json_object mode: state the schema in the system message instead."""
    schema_text = json.dumps(json_schema, separators=(",", ":"))
    note = f"\n\nThe JSON object must match this JSON Schema:\n{schema_text}"
    if messages and messages[0]["role"] == "system":
        return [{"role": "system", "content": messages[0]["content"] + note}, *messages[1:]]
    return [{"role": "system", "content": note.strip()}, *messages]
