from __future__ import annotations

import pytest

from briefing.backends import choose_backend, connect
from briefing.config import load_settings
from briefing.errors import BackendError, ConfigError


@pytest.mark.parametrize(
    ("flags", "backend"),
    [
        ({}, "local"),
        ({"api_key": "sk"}, "openai"),
        ({"base_url": "http://127.0.0.1:8080/v1"}, "openai"),
        ({"api_key": "sk", "backend": "local"}, "local"),
        ({"model": "gpt-4o-mini"}, "openai"),  # only a server answers to a model's name
        ({"model": "mine", "model_file": "mine.gguf"}, "local"),
    ],
)
def test_backend_choice(flags: dict[str, object], backend: str) -> None:
    assert choose_backend(load_settings(flags, env={}, toml={})) == backend


def test_local_runs_keep_one_call_in_flight_and_start_nothing_until_asked() -> None:
    notes: list[str] = []
    chosen = load_settings({"concurrency": 8}, env={}, toml={})
    with connect(chosen, on_note=notes.append) as connection:
        assert connection.adjust(chosen).concurrency == 1
        assert connection._opened is None  # the server starts on the first cache miss only
    assert notes == [
        "Model: embedded SmolLM2-135M-Instruct.Q4_1 on 127.0.0.1, no API key needed "
        "(a demonstration tier: use a bigger model for real work)"
    ]


def test_remote_runs_keep_their_concurrency() -> None:
    chosen = load_settings({"concurrency": 8, "api_key": "sk"}, env={}, toml={})
    with connect(chosen, on_note=lambda _: None) as connection:
        assert connection.adjust(chosen).concurrency == 8
        assert connection.profile.name == "hosted"


def test_openai_without_key_or_url_is_refused() -> None:
    with pytest.raises(ConfigError, match="no API key"):
        connect(load_settings({"backend": "openai"}, env={}, toml={}), on_note=lambda _: None)


def test_a_closed_connection_is_never_opened_again() -> None:
    """After Ctrl-C a straggling worker must not start a second embedded server."""
    chosen = load_settings({"api_key": "sk"}, env={}, toml={})
    with connect(chosen, on_note=lambda _: None) as connection:
        connection.get()
    with pytest.raises(BackendError, match="stopped"):
        connection.get()


def test_a_hosted_model_without_a_key_is_refused_not_run_on_the_embedded_one() -> None:
    chosen = load_settings({"model": "gpt-4o-mini"}, env={}, toml={})
    with pytest.raises(ConfigError) as caught:
        connect(chosen, on_note=lambda _: None)
    assert str(caught.value) == (
        "no API key for gpt-4o-mini. Set OPENAI_API_KEY, or drop --model to use the embedded model"
    )


def test_the_embedded_backend_answers_only_to_its_own_name() -> None:
    chosen = load_settings({"backend": "local", "model": "gpt-4o-mini"}, env={}, toml={})
    with pytest.raises(ConfigError, match="the embedded backend runs SmolLM2"):
        connect(chosen, on_note=lambda _: None)


@pytest.mark.parametrize(
    "env",
    [
        {"AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com"},
        {"BRIEFING_BACKEND": "azure", "OPENAI_BASE_URL": "https://x.openai.azure.com"},
        {"BRIEFING_BACKEND": "azure"},
    ],
)
def test_azure_without_a_key_names_the_azure_variable(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError) as caught:
        connect(load_settings({}, env=env, toml={}), on_note=lambda _: None)
    assert str(caught.value) == (
        "no API key for Azure OpenAI. Set AZURE_OPENAI_API_KEY, or use --backend local"
    )


def test_azure_without_an_endpoint_is_a_config_error() -> None:
    chosen = load_settings({"backend": "azure", "api_key": "k"}, env={}, toml={})
    with pytest.raises(ConfigError, match="Azure OpenAI needs an endpoint"):
        connect(chosen, on_note=lambda _: None)
