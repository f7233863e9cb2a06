"""`generate --dry-run`: renders what generate sends, counts and prices it, calls nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from pydantic import SecretStr

from briefing import backends, pipeline
from briefing.config import Settings
from briefing.dryrun import DryRunPlan, format_plan, plan
from briefing.errors import ConfigError
from briefing.pricing import DEFAULT_PRICES
from briefing.prompts import load_prompts
from briefing.tokens import count_tokens
from tests.conftest import SEED
from tests.openai_fakes import MODEL_URL, chat_completion, notes_json, sent_body, synthesis_json


class SilentProgress:
    def note(self, message: str) -> None:
        pass

    def advance(self, done: int, total: int) -> None:
        pass


def answer(request: httpx.Request) -> httpx.Response:
    body = sent_body(request)
    if body["response_format"]["json_schema"]["name"] == "ChunkNotes":
        content = notes_json(facts=[("About 8,000 North Korean soldiers are in Russia.", ["S1"])])
    else:
        content = synthesis_json(title="Kursk", bluf="About 8,000 soldiers.", key_facts=["F1"])
    return httpx.Response(200, json=chat_completion(content))


def generate(model_api: respx.MockRouter, settings: Settings, inputs: list[str]) -> list[Any]:
    """Run the real pipeline against the mocked model; the messages of every request."""
    route = model_api.post("/chat/completions").mock(side_effect=answer)
    pipeline.run(
        inputs, settings.model_copy(update={"formats": ("json",)}), progress=SilentProgress()
    )
    return [sent_body(call.request)["messages"] for call in route.calls]


def planned_messages(dry: DryRunPlan) -> list[Any]:
    return [c.call.messages for c in dry.calls]


@pytest.fixture
def small_chunks(settings: Settings) -> Settings:
    return settings.model_copy(update={"chunk_tokens": 200})


def test_plan_renders_the_extract_prompts_generate_sends(
    model_api: respx.MockRouter, small_chunks: Settings, tmp_path: Path
) -> None:
    second = tmp_path / "second.txt"
    second.write_text("The port said 42 ships were waiting.\n\nTalks are set for Thursday.\n")
    inputs = [str(SEED), str(second)]
    dry = plan(inputs, small_chunks.model_copy(update={"use_cache": False}))
    sent = generate(model_api, small_chunks, inputs)
    extracts = [c for c in dry.calls if c.call.stage == "extract"]
    assert dry.n_chunks == len(extracts) > 2
    # Extract calls run concurrently, so they reach the model in any order.
    assert sorted(map(json.dumps, [c.call.messages for c in extracts])) == sorted(
        map(json.dumps, sent[: len(extracts)])
    )
    assert len(dry.calls) == len(sent) == len(extracts) + 1


def test_plan_counts_calls_and_prompt_tokens(small_chunks: Settings) -> None:
    dry = plan([str(SEED)], small_chunks)
    for planned in dry.calls:
        texts = [count_tokens(m["content"]) for m in planned.call.messages]
        assert planned.message_tokens == texts
        assert planned.prompt_tokens == sum(texts) + 3 * len(texts) + 3
    assert dry.prompt_tokens == sum(c.prompt_tokens for c in dry.calls)
    synthesize = dry.calls[-1]
    assert synthesize.call.stage == "synthesize"
    assert synthesize.estimated
    assert "F1: U.S. Secretary of State" in synthesize.call.messages[1]["content"]


@pytest.mark.usefixtures("no_sockets")
def test_plan_calls_no_model_and_starts_no_server(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the dry run started the embedded server")

    monkeypatch.setattr(backends, "serve", refuse)
    local = settings.model_copy(
        update={"backend": "local", "api_key": None, "base_url": None, "model": None}
    )
    dry = plan([str(SEED)], local)
    assert dry.backend == "local"
    assert dry.profile == "small"
    assert dry.prompt_cost_usd == 0.0
    text = format_plan(dry)
    assert "Estimated cost: $0 (the embedded local model)" in text
    assert text.startswith("Dry run: nothing was sent to a model.")
    with respx.mock(assert_all_called=False) as router:  # any HTTP at all would be recorded
        plan([str(SEED)], settings)
    assert not router.calls


def test_plan_prices_a_known_model(settings: Settings) -> None:
    priced = settings.model_copy(update={"model": "gpt-4o-mini"})
    dry = plan([str(SEED)], priced)
    price = DEFAULT_PRICES["gpt-4o-mini"]
    assert dry.price == price
    assert dry.prompt_cost_usd == pytest.approx(dry.prompt_tokens * price.input / 1e6)
    worst = (dry.prompt_tokens * price.input + len(dry.calls) * dry.max_tokens * price.output) / 1e6
    assert dry.max_cost_usd_estimate == pytest.approx(worst)
    text = format_plan(dry)
    assert f"${dry.prompt_cost_usd:.4f} for the prompts" in text
    assert f"at most ${worst:.4f}" in text
    assert f"Model calls: {len(dry.calls)} to send; {dry.prompt_tokens:,} prompt tokens" in text


def test_plan_says_when_the_price_is_unknown(settings: Settings, tmp_path: Path) -> None:
    dry = plan([str(SEED)], settings)  # "test-model" is in no price table
    assert dry.price is None
    assert dry.prompt_cost_usd is None
    assert "Estimated cost: unknown: test-model is not in the price table" in format_plan(dry)
    prices = tmp_path / "prices.toml"
    prices.write_text('"test-model" = { input = 1.0, output = 2.0 }\n')
    dry = plan([str(SEED)], settings.model_copy(update={"prices_file": prices}))
    assert dry.prompt_cost_usd == pytest.approx(dry.prompt_tokens / 1e6)


def test_plan_warns_when_the_worst_case_exceeds_the_budget(settings: Settings) -> None:
    tight = settings.model_copy(update={"model": "gpt-4o", "max_cost_usd": 0.0001})
    assert "warning: the worst case exceeds --max-cost $0.0001" in format_plan(
        plan([str(SEED)], tight)
    )


def test_plan_needs_no_api_key(settings: Settings) -> None:
    keyless = settings.model_copy(update={"api_key": None, "base_url": None})
    dry = plan([str(SEED)], keyless)
    assert dry.backend == "openai"
    assert any("no API key is set" in note for note in dry.notes)


def test_cached_answers_cost_nothing_and_make_the_synthesis_exact(
    model_api: respx.MockRouter, settings: Settings
) -> None:
    sent = generate(model_api, settings, [str(SEED)])
    dry = plan([str(SEED)], settings)
    assert all(c.cached for c in dry.calls)
    assert not dry.calls[-1].estimated  # the cached notes were merged, as generate would
    assert planned_messages(dry) == sent
    assert dry.prompt_tokens == 0
    assert f"0 to send ({len(sent)} answered from the cache)" in format_plan(dry)


def test_editing_one_prompt_invalidates_only_its_answers(
    model_api: respx.MockRouter, settings: Settings, tmp_path: Path
) -> None:
    generate(model_api, settings, [str(SEED)])
    mine = tmp_path / "mine"
    mine.mkdir()
    default = load_prompts(None).source("synthesize.user")
    (mine / "synthesize.user.j2").write_text(default + "\nBe brief.", encoding="utf-8")
    dry = plan([str(SEED)], settings.model_copy(update={"prompts_dir": mine}))
    assert [c.cached for c in dry.calls] == [True] * (len(dry.calls) - 1) + [False]
    assert dry.calls[-1].call.messages[1]["content"].endswith("Be brief.")
    assert dry.prompt_hashes["synthesize.user"] != load_prompts(None).hash("synthesize.user")
    assert dry.prompt_hashes["extract.user"] == load_prompts(None).hash("extract.user")
    assert dry.prompt_origins["synthesize.user"] == mine / "synthesize.user.j2"


def test_plan_renders_the_calls_made_only_when_needed(settings: Settings) -> None:
    dry = plan([str(SEED)], settings.model_copy(update={"on_unsupported": "repair"}))
    assert [c.call.stage for c in dry.conditional] == ["repair", "revise"]
    assert "1 revision call" in format_plan(dry)
    assert [c.call.stage for c in plan([str(SEED)], settings).conditional] == ["repair"]


def test_a_broken_template_fails_the_dry_run_with_file_and_line(
    settings: Settings, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "repair.user.j2").write_text("{# vars: error #}\n{% if %}\n")
    with pytest.raises(ConfigError, match=r"repair\.user\.j2:2"):
        plan([str(SEED)], settings.model_copy(update={"prompts_dir": mine}))


def test_plan_reads_stdin(settings: Settings) -> None:
    stdin = io.BytesIO(b"The ministry said 1,200 people were evacuated on Tuesday.\n")
    dry = plan(["-"], settings, stdin=stdin)
    assert dry.sources[0].name == "stdin"
    assert "[S1] The ministry said 1,200 people" in dry.calls[0].call.messages[1]["content"]


def test_secret_key_never_appears_in_the_plan(settings: Settings) -> None:
    keyed = settings.model_copy(update={"api_key": SecretStr("sk-very-secret")})
    assert "sk-very-secret" not in format_plan(plan([str(SEED)], keyed))


def test_generate_refuses_a_broken_template_before_any_model_call(
    settings: Settings, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "repair.user.j2").write_text("{# vars: error #}\n{% if %}\n")
    broken = settings.model_copy(update={"prompts_dir": mine, "formats": ("json",)})
    with respx.mock(base_url=MODEL_URL, assert_all_called=False) as router:
        route = router.post("/chat/completions").mock(side_effect=answer)
        with pytest.raises(ConfigError, match=r"repair\.user\.j2:2"):
            pipeline.run([str(SEED)], broken, progress=SilentProgress())
    assert not route.calls, "model calls were made before the templates were checked"
