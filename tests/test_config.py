from __future__ import annotations

from pathlib import Path

import pytest

from briefing.config import load_settings, read_toml
from briefing.errors import ConfigError


def test_flags_beat_env_beat_toml_beat_defaults() -> None:
    toml = {"model": "from-toml", "banner": "SECRET", "concurrency": 2}
    env = {"BRIEFING_MODEL": "from-env", "BRIEFING_BANNER": "CONFIDENTIAL"}
    settings = load_settings({"model": "from-flag", "banner": None}, env=env, toml=toml)
    assert settings.model == "from-flag"
    assert settings.banner == "CONFIDENTIAL"
    assert settings.concurrency == 2
    assert settings.page_size == "A4"


def test_openai_env_names_are_understood() -> None:
    env = {"OPENAI_API_KEY": "sk-x", "OPENAI_BASE_URL": "http://127.0.0.1:8080/v1"}
    settings = load_settings({}, env=env, toml={})
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "sk-x"
    assert "sk-x" not in repr(settings)
    assert settings.base_url == "http://127.0.0.1:8080/v1"


def test_briefing_names_win_over_openai_names() -> None:
    env = {"BRIEFING_BASE_URL": "http://a/v1", "OPENAI_BASE_URL": "http://b/v1"}
    assert load_settings({}, env=env, toml={}).base_url == "http://a/v1"


def test_azure_endpoint_selects_azure() -> None:
    env = {"AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com", "AZURE_OPENAI_API_KEY": "k"}
    assert load_settings({}, env=env, toml={}).backend == "azure"


def test_formats_parse() -> None:
    assert load_settings({"formats": "pdf, md"}, env={}, toml={}).formats == ("pdf", "md")
    assert load_settings({"formats": "all"}, env={}, toml={}).formats == (
        "pdf",
        "json",
        "md",
        "html",
    )


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ({"formats": "pdf,docx"}, "unknown output format 'docx'"),
        ({"on_unsupported": "ignore"}, "invalid value for on_unsupported"),
        ({"chunk_tokens": 3}, "invalid value for chunk_tokens"),
        ({"colour": "red"}, "unknown setting 'colour'"),
    ],
)
def test_bad_settings_are_one_line_config_errors(flags: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        load_settings(flags, env={}, toml={})
    assert "\n" not in str(info.value)


def test_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "briefing.toml"
    path.write_text('[briefing]\nmodel = "m"\nchunk_tokens = 800\n')
    assert load_settings({}, env={}, config_file=path).chunk_tokens == 800
    path.write_text("model = \n")
    with pytest.raises(ConfigError, match="cannot read"):
        read_toml(path)


def test_a_config_file_that_is_not_there_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nonexistent.toml"
    with pytest.raises(ConfigError) as info:
        load_settings({}, env={}, config_file=missing)
    assert str(info.value) == (
        f"cannot read config file {missing}: no such file. "
        "Pass an existing briefing.toml to --config, or drop --config"
    )


def test_no_briefing_toml_in_the_working_directory_is_fine() -> None:
    assert load_settings({}, env={}).model is None


@pytest.mark.parametrize("url", ["not-a-url", "ftp://x/v1", "http://", "127.0.0.1:8080/v1"])
def test_a_base_url_that_is_not_http_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings({"base_url": url}, env={}, toml={})
    assert str(info.value) == (
        f"invalid base URL {url!r}. "
        "Use http(s)://host[:port]/..., e.g. --base-url http://127.0.0.1:8080/v1"
    )


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080/v1", "https://x.openai.azure.com", "HTTP://model.test/v1"]
)
def test_http_base_urls_are_kept(url: str) -> None:
    assert load_settings({"base_url": url}, env={}, toml={}).base_url == url
