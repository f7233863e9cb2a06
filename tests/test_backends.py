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
