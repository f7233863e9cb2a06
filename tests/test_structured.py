"""The model path: one test for each way a model can fail, and what is sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import respx

from briefing.backends import Connection, connect
from briefing.config import Settings, load_settings
from briefing.errors import BackendError, ExitCode
from briefing.llm_schemas import ChunkNotes
from briefing.pipeline import build_caller
from briefing.prompts import load_prompts
from briefing.structured import ModelCaller
from tests.openai_fakes import chat_completion, notes_json, sent_body, sent_messages

MESSAGES = [
    {"role": "system", "content": "Take notes."},
    {"role": "user", "content": "<article>\n[S1] 8,000 troops arrived.\n</article>"},
]
GOOD = notes_json(facts=[("8,000 troops arrived.", ["S1"])])


@pytest.fixture
def connection(settings: Settings) -> Iterator[Connection]:
    with connect(settings, on_note=lambda _: None) as conn:
        yield conn


@pytest.fixture
def caller(connection: Connection, settings: Settings) -> ModelCaller:
    return build_caller(connection, load_prompts(None), settings)[0]


def complete(caller: ModelCaller) -> ChunkNotes:
    return caller.complete(ChunkNotes, MESSAGES, stage="extract", chunk_id="A1#1")


def test_request_asks_for_a_strict_json_schema_at_temperature_zero(
    model_api: respx.MockRouter, caller: ModelCaller
) -> None:
    route = model_api.post("/chat/completions").respond(json=chat_completion(GOOD))
    notes = complete(caller)
    assert [f.text for f in notes.facts] == ["8,000 troops arrived."]
    body = sent_body(route.calls[0].request)
    assert body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    schema = body["response_format"]["json_schema"]
    assert schema["strict"] is True
    assert schema["name"] == "ChunkNotes"
    assert set(schema["schema"]["required"]) == {"facts", "actors", "events"}
    assert caller.usage[0].prompt_tokens == 100


def test_invalid_json_is_repaired_once(model_api: respx.MockRouter, caller: ModelCaller) -> None:
    route = model_api.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(200, json=chat_completion("{not json")),
            httpx.Response(200, json=chat_completion(GOOD)),
        ]
    )
    assert complete(caller).facts[0].citations == ["S1"]
    repair = sent_messages(route.calls[1].request)
    assert repair[-2] == {"role": "assistant", "content": "{not json"}
    assert "not valid JSON" in repair[-1]["content"]
    assert caller.usage[0].attempts == 2


def test_schema_violation_is_shown_to_the_model(
    model_api: respx.MockRouter, caller: ModelCaller
) -> None:
    bad = json.dumps({"facts": [{"text": "x"}], "actors": [], "events": []})
    route = model_api.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(200, json=chat_completion(bad)),
            httpx.Response(200, json=chat_completion(GOOD)),
        ]
    )
    complete(caller)
    assert "facts.0.citations" in sent_messages(route.calls[1].request)[-1]["content"]


def test_empty_content_is_retried(model_api: respx.MockRouter, caller: ModelCaller) -> None:
    model_api.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(200, json=chat_completion(None)),
            httpx.Response(200, json=chat_completion(GOOD)),
        ]
    )
    assert len(complete(caller).facts) == 1


def test_truncated_answer_is_never_parsed(model_api: respx.MockRouter, caller: ModelCaller) -> None:
    cut = chat_completion(GOOD[:-5], finish_reason="length")
    # Even a cut-off answer that happens to parse must not be used.
    whole_but_cut = chat_completion(GOOD, finish_reason="length")
    model_api.post("/chat/completions").mock(
        side_effect=[httpx.Response(200, json=whole_but_cut)] + [httpx.Response(200, json=cut)] * 2
    )
    with pytest.raises(BackendError) as info:
        complete(caller)
    assert "lower --chunk-tokens" in str(info.value)
    assert info.value.exit_code == ExitCode.BACKEND


def test_401_names_the_key(model_api: respx.MockRouter, caller: ModelCaller) -> None:
    model_api.post("/chat/completions").respond(401, json={"error": {"message": "bad key"}})
    with pytest.raises(BackendError, match=r"rejected the API key \(401\)\. Check OPENAI_API_KEY"):
        complete(caller)


@pytest.mark.parametrize("status", [500, 503])
def test_server_errors(model_api: respx.MockRouter, caller: ModelCaller, status: int) -> None:
    model_api.post("/chat/completions").respond(status, json={"error": {"message": "down"}})
    with pytest.raises(BackendError, match=rf"failed \(HTTP {status}\): down"):
        complete(caller)


def test_timeout_says_cannot_reach(model_api: respx.MockRouter, caller: ModelCaller) -> None:
    model_api.post("/chat/completions").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(
        BackendError, match=r"cannot reach the model at http://model\.test/v1: timed out"
    ):
        complete(caller)


def test_429_is_retried_honouring_retry_after(
    model_api: respx.MockRouter, settings: Settings
) -> None:
    retrying = settings.model_copy(update={"max_retries": 2})
    with connect(retrying, on_note=lambda _: None) as conn:
        caller = build_caller(conn, load_prompts(None), retrying)[0]
        route = model_api.post("/chat/completions").mock(
            side_effect=[
                httpx.Response(429, headers={"retry-after-ms": "1"}, json={"error": {}}),
                httpx.Response(200, json=chat_completion(GOOD)),
            ]
        )
        assert len(complete(caller).facts) == 1
    assert route.call_count == 2


def test_429_that_persists_is_a_backend_error(
    model_api: respx.MockRouter, caller: ModelCaller
) -> None:
    model_api.post("/chat/completions").respond(
        429, headers={"retry-after-ms": "1"}, json={"error": {"message": "slow down"}}
    )
    with pytest.raises(BackendError, match="429"):
        complete(caller)


def test_server_without_json_schema_gets_json_object(
    model_api: respx.MockRouter, caller: ModelCaller
) -> None:
    route = model_api.post("/chat/completions").mock(
        side_effect=[
            httpx.Response(
                400, json={"error": {"message": "response_format json_schema unsupported"}}
            ),
            httpx.Response(200, json=chat_completion(GOOD)),
            httpx.Response(200, json=chat_completion(GOOD)),
        ]
    )
    complete(caller)
    fallback = sent_body(route.calls[1].request)
    assert fallback["response_format"] == {"type": "json_object"}
    assert "JSON Schema" in fallback["messages"][0]["content"]
    other = [MESSAGES[0], {"role": "user", "content": "<article>\n[S1] Other.\n</article>"}]
    caller.complete(ChunkNotes, other, stage="extract")  # remembered: straight to json_object
    assert sent_body(route.calls[2].request)["response_format"] == {"type": "json_object"}


def test_answers_are_cached(model_api: respx.MockRouter, caller: ModelCaller) -> None:
    route = model_api.post("/chat/completions").respond(json=chat_completion(GOOD))
    first, second = complete(caller), complete(caller)
    assert first == second
    assert route.call_count == 1
    assert (caller.model_calls, caller.cache_hits) == (1, 1)
    assert caller.usage[1].prompt_tokens == caller.usage[0].prompt_tokens


@pytest.mark.usefixtures("no_sockets")
def test_unmocked_calls_never_reach_a_socket(settings: Settings) -> None:
    # respx refuses any request it has no route for: the canary for every other test.
    with respx.mock(assert_all_called=False), connect(settings, on_note=lambda _: None) as conn:
        caller = build_caller(conn, load_prompts(None), settings)[0]
        with pytest.raises(BackendError, match="cannot reach the model"):
            complete(caller)


def test_azure_openai_uses_the_deployment_url_and_api_version(tmp_path: Path) -> None:
    azure = load_settings(
        {"max_retries": 0, "cache_dir": tmp_path / "c"},
        env={
            "AZURE_OPENAI_ENDPOINT": "https://example-resource.openai.azure.com",
            "AZURE_OPENAI_API_KEY": "azure-key",
            "OPENAI_API_VERSION": "2024-10-21",
            "BRIEFING_MODEL": "my-deployment",
        },
        toml={},
    )
    with (
        respx.mock(assert_all_called=True) as router,
        connect(azure, on_note=lambda _: None) as conn,
    ):
        route = router.post(
            "https://example-resource.openai.azure.com/openai/deployments/my-deployment/chat/completions"
        ).respond(json=chat_completion(GOOD))
        caller = build_caller(conn, load_prompts(None), azure)[0]
        assert len(complete(caller).facts) == 1
    request = route.calls[0].request
    assert request.url.params["api-version"] == "2024-10-21"
    assert request.headers["api-key"] == "azure-key"
    assert "max_completion_tokens" in sent_body(request)


@pytest.mark.parametrize(("when", "kept"), [(",", ""), (" -- ", ""), ("  Thursday ", "Thursday")])
def test_an_event_date_without_letters_or_digits_parses_as_undated(when: str, kept: str) -> None:
    answer = ChunkNotes.model_validate_json(
        notes_json(events=[{"when": when, "text": "Talks began.", "citations": ["S1"]}])
    )
    assert [event.when for event in answer.events] == [kept]
