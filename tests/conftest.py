from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import respx

from briefing.config import Settings, load_settings
from tests.openai_fakes import MODEL_URL

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "kursk-north-korean-troops.txt"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No BRIEFING_*/OPENAI_* from the developer's shell; cache and out dirs in tmp_path."""
    for name in list(os.environ):
        if name.startswith(("BRIEFING_", "OPENAI_", "AZURE_OPENAI_")):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a real connection fails the test."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a test tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def model_api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=MODEL_URL, assert_all_called=True) as router:
        yield router


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        {
            "backend": "openai",
            "base_url": MODEL_URL,
            "api_key": "sk-test",
            "model": "test-model",
            "max_retries": 0,
            "cache_dir": tmp_path / "cache",
            "out": tmp_path / "out",
        },
        env={},
        toml={},
    )
