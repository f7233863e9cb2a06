"""`briefing daily` and `briefing cache`, end to end through a Typer app of our own."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import httpx
import pytest
import respx
import typer
from typer.testing import CliRunner, Result

from briefing.cli_daily import parse_duration, register
from briefing.errors import InputError
from tests.daily_fakes import FakeModel, copy_articles
from tests.openai_fakes import MODEL_URL

DAY = "2024-11-01"
MODEL = ["--backend", "openai", "--base-url", MODEL_URL, "--model", "test-model"]


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    return app


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    environment = {"OPENAI_API_KEY": "sk-test", "BRIEFING_MAX_RETRIES": "0", **(env or {})}
    return CliRunner().invoke(make_app(), list(args), env=environment)


def daily(articles: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    return invoke("daily", str(articles), "--date", DAY, *MODEL, *extra, env=env)


def written(root: Path) -> list[str]:
    """Every file under root (hidden temp files included), relative."""
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return copy_articles(tmp_path / "articles")


# --- a good day ---------------------------------------------------------------------------------


def test_daily_writes_the_four_files_in_the_days_folder(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel())
    result = daily(articles, "--out", str(tmp_path / "site"))
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "site" / DAY
    assert result.stdout.splitlines() == [
        str(folder / f"brief.{suffix}") for suffix in ("pdf", "json", "md", "html")
    ]
    assert (folder / "brief.pdf").read_bytes().startswith(b"%PDF-")
    assert written(tmp_path / "site") == [
        f"{DAY}/brief.html",
        f"{DAY}/brief.json",
        f"{DAY}/brief.md",
        f"{DAY}/brief.pdf",
    ]
    # the report on stderr: per-article tokens and the total
    assert "3 of 3 articles (0 failed)" in result.stderr
    assert "  A2 " in result.stderr
    assert "Total: " in result.stderr
    assert "4 model calls, 0 cached" in result.stderr


def test_json_summary_on_stdout_for_machines(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel())
    result = daily(articles, "--json", "--format", "json", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["status"] == "ok"
    assert summary["exit_code"] == 0
    assert summary["date"] == DAY
    assert summary["articles"] == {"total": 3, "done": 3, "failed": 0}
    assert summary["outputs"] == {"json": str(tmp_path / "out" / DAY / "brief.json")}
    assert summary["model_calls"] == 4
    assert summary["cache_hits"] == 0
    assert summary["numbers"]["unsupported"] == 0
    assert [a["id"] for a in summary["per_article"]] == ["A1", "A2", "A3"]
    assert all(a["prompt_tokens"] > 0 for a in summary["per_article"])
    assert summary["tokens"]["total"] > 0


def test_quiet_prints_only_the_paths(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel())
    result = daily(articles, "--quiet", "--format", "md", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == f"{tmp_path / 'out' / DAY / 'brief.md'}\n"


def test_a_github_step_summary_is_appended(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel(extra_bluf="It cost $7.7bn."))
    page = tmp_path / "step-summary.md"
    page.write_text("# Earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(page)}
    result = daily(articles, "--format", "json", "--out", str(tmp_path / "out"), env=env)
    assert result.exit_code == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n### ✅ Daily brief written for 2024-11-01 (exit 0)")
    assert "| 3 of 3 | 0 | 3 |" in text
    assert "**Unsupported numbers** (1)" in text
    assert "BLUF: **$7.7bn** (unsupported)" in text


def test_claims_removed_by_the_drop_policy_are_listed_for_machines(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel(extra_bluf="It cost $7.7bn."))
    page = tmp_path / "step-summary.md"
    args = ("--on-unsupported", "drop", "--json", "--format", "json")
    result = daily(articles, *args, "--step-summary", str(page), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["numbers"]["unsupported"] == 0
    assert summary["unsupported"] == []
    assert [(d["section"], d["text"]) for d in summary["dropped"]] == [("bluf", "It cost $7.7bn.")]
    assert "'$7.7bn' is unsupported" in summary["dropped"][0]["reason"]
    text = page.read_text(encoding="utf-8")
    assert "**Removed claims** (1)" in text
    assert "bluf: “It cost $7.7bn.”" in text


def test_progress_is_not_drawn_when_stderr_is_not_a_terminal(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel())
    result = daily(articles, "--format", "json", "--out", str(tmp_path / "out"))
    assert "\r" not in result.stderr
    assert "Articles: " not in result.stderr


# --- exit codes ---------------------------------------------------------------------------------


def test_no_articles_is_exit_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = daily(tmp_path / "empty")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: no articles found in {tmp_path / 'empty'}. "
        "Pass article files, or a folder holding .txt, .md or .html files\n"
    )


def test_a_brief_that_would_overwrite_an_input_article_is_refused(tmp_path: Path) -> None:
    folder = copy_articles(tmp_path / "out" / DAY)
    article = folder / "brief.md"
    article.write_text("The ministry said 1,200 people were evacuated on Monday.\n")
    with respx.mock(base_url=MODEL_URL, assert_all_called=False) as router:
        route = router.post("/chat/completions").mock(side_effect=FakeModel())
        result = daily(folder, "--out", str(tmp_path / "out"))
    assert not route.calls
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: output {article} would overwrite input article {article}. Choose another -o\n"
    )
    assert article.read_text().startswith("The ministry said")


def test_a_bad_date_is_exit_2(articles: Path) -> None:
    result = invoke("daily", str(articles), "--date", "tomorrow", *MODEL)
    assert result.exit_code == 2
    assert result.stderr == "error: invalid --date 'tomorrow'. Write it as YYYY-MM-DD\n"


def test_numbers_that_fail_with_strict_are_exit_3_after_writing(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel(extra_bluf="It cost $7.7bn."))
    result = daily(articles, "--strict", "--format", "json", "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    assert result.stderr.splitlines()[-1].startswith(
        "error: 1 of 16 numbers are not supported by the source"
    )
    assert written(tmp_path / "out") == [f"{DAY}/brief.json"]


def test_an_unreachable_backend_is_exit_4_and_writes_nothing(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=httpx.ConnectError("refused"))
    result = daily(articles, "--json", "--out", str(tmp_path / "out"))
    assert result.exit_code == 4
    assert result.stderr.splitlines()[-1] == (
        "error: no article could be summarized (3 of 3 failed): cannot reach the model at "
        f"{MODEL_URL}. Check the model server and --base-url, then rerun"
    )
    summary = json.loads(result.stdout)
    assert summary["status"] == "error"
    assert summary["exit_code"] == 4
    assert written(tmp_path / "out") == []


def test_the_budget_is_exit_5_says_how_far_it_got_and_writes_nothing(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    prices = tmp_path / "prices.toml"
    prices.write_text("test-model = { input = 0.0, output = 10.0 }\n", encoding="utf-8")
    model_api.post("/chat/completions").mock(side_effect=FakeModel(completion_tokens=3000))
    page = tmp_path / "step-summary.md"
    result = daily(
        articles,
        *("--max-cost", "0.09", "--prices", str(prices), "--concurrency", "1"),
        *("--out", str(tmp_path / "out")),
        env={"GITHUB_STEP_SUMMARY": str(page)},
    )
    assert result.exit_code == 5
    last = result.stderr.splitlines()[-1]
    assert last.startswith("error: stopped before exceeding --max-cost $0.0900: 2 model calls")
    assert "; 2 of 3 articles done. Raise --max-cost, or rerun" in last
    assert written(tmp_path / "out") == []
    assert "❌ Daily brief not written for 2024-11-01 (exit 5)" in page.read_text(encoding="utf-8")


def test_a_failing_article_is_exit_6_unless_partial_is_allowed(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel(failing="Giurgiu-Ruse"))
    out = str(tmp_path / "out")
    result = daily(articles, "--json", "--format", "json", "--out", out)
    assert result.exit_code == 6
    assert result.stderr.splitlines()[-1] == (
        "error: 1 of 3 articles failed and are left out of the brief (report written to "
        f"{tmp_path / 'out' / DAY / 'brief.json'}). See 'failed' in brief.json, or pass "
        "--allow-partial to accept a partial brief"
    )
    summary = json.loads(result.stdout)
    assert summary["status"] == "partial"
    assert summary["articles"] == {"total": 3, "done": 2, "failed": 1}
    assert summary["failed"][0]["path"].endswith("c-bridge.html")
    allowed = daily(articles, "--allow-partial", "--format", "json", "--out", out)
    assert allowed.exit_code == 0, allowed.stderr
    assert "failed " in allowed.stderr


def test_a_rerun_is_free_and_says_so(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    fake = FakeModel()
    model_api.post("/chat/completions").mock(side_effect=fake)
    out = str(tmp_path / "out")
    first = daily(articles, "--json", "--format", "json", "--out", out)
    second = daily(articles, "--json", "--format", "json", "--out", out)
    assert json.loads(first.stdout)["model_calls"] == 4
    rerun = json.loads(second.stdout)
    assert rerun["model_calls"] == 0
    assert rerun["cache_hits"] == 4
    assert rerun["spent_usd"] is None  # test-model has no price
    assert len(fake.schemas) == 4


# --- the cache commands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"), [("30d", 2_592_000), ("12h", 43_200), ("90m", 5_400), ("45s", 45)]
)
def test_durations_take_s_m_h_d(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


def test_a_bad_duration_is_exit_2(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        parse_duration("3 weeks")
    result = invoke("cache", "prune", "--older-than", "3w", "--cache", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        "error: invalid --older-than '3w'. Use a number and a unit s, m, h or d, e.g. 30d\n"
    )


def test_prune_removes_answers_unused_for_longer_than_asked(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old_entry = cache / "ab" / "ab01.json"
    new_entry = cache / "cd" / "cd02.json"
    for entry in (old_entry, new_entry):
        entry.parent.mkdir(parents=True)
        entry.write_text("{}", encoding="utf-8")
    forty_days_ago = time.time() - 40 * 86400
    os.utime(old_entry, (forty_days_ago, forty_days_ago))
    result = invoke("cache", "prune", "--older-than", "30d", "--cache", str(cache))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Removed 1 cached answer(s) unused for 30d; kept 1 ({cache})\n"
    assert not old_entry.exists()
    assert not old_entry.parent.exists()
    assert new_entry.exists()


def test_cache_info_counts_the_answers(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel())
    cache = tmp_path / "cache"
    daily(articles, "--cache", str(cache), "--format", "json", "--out", str(tmp_path / "o"))
    result = invoke("cache", "info", "--cache", str(cache))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Cache: {cache}"
    assert lines[1].startswith("Answers: 4 (")
    assert lines[2].startswith("Last used: ")


def test_formats_named_in_briefing_toml_are_kept_even_when_they_are_the_default(
    model_api: respx.MockRouter, articles: Path, tmp_path: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel())
    config = tmp_path / "briefing.toml"
    config.write_text('formats = "pdf,json,md"\n', encoding="utf-8")
    result = daily(articles, "--out", str(tmp_path / "site"), "--config", str(config))
    assert result.exit_code == 0, result.stderr
    assert written(tmp_path / "site") == [f"{DAY}/brief.{s}" for s in ("json", "md", "pdf")]
