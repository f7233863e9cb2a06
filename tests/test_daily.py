"""The daily pipeline: many articles, one brief; cache, budget, retries, partial failure."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import httpx
import pytest
import respx

from briefing.articles import find_articles
from briefing.config import Settings
from briefing.daily import DailyResult, enforce_daily, parse_day, run_daily
from briefing.daily_merge import FactPool
from briefing.errors import BackendError, BudgetExceededError, InputError, PartialError
from briefing.prompts import default_dir
from briefing.summarize import MergedFact, same_text
from tests.daily_fakes import FakeModel, copy_articles, without_generated

DAY = "2024-11-01"
SHARED = "About 3,200 workers joined the strike, the union said."


class Quiet:
    def __init__(self) -> None:
        self.notes: list[str] = []
        self.steps: list[tuple[int, int]] = []

    def note(self, message: str) -> None:
        self.notes.append(message)

    def advance(self, done: int, total: int) -> None:
        self.steps.append((done, total))


@pytest.fixture
def daily_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"formats": ("json", "md", "html")})


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return copy_articles(tmp_path / "articles")


def run(
    model_api: respx.MockRouter, settings: Settings, inputs: list[Path], fake: FakeModel
) -> DailyResult:
    model_api.post("/chat/completions").mock(side_effect=fake)
    return run_daily(inputs, settings, day=DAY, progress=Quiet())


def brief_json(result: DailyResult) -> str:
    return next(p for p in result.outputs if p.suffix == ".json").read_text(encoding="utf-8")


def out_files(settings: Settings) -> list[Path]:
    assert settings.out is not None
    return sorted(p for p in settings.out.rglob("*") if p.is_file())


# --- inputs -------------------------------------------------------------------------------------


def test_a_folder_gives_its_articles_sorted_and_not_recursively(tmp_path: Path) -> None:
    folder = copy_articles(tmp_path / "in")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "sub").mkdir()
    (folder / "sub" / "z.txt").write_text("Ignored 1.", encoding="utf-8")
    extra = tmp_path / "extra.txt"
    extra.write_text("One more 2.", encoding="utf-8")
    assert [p.name for p in find_articles([folder, extra])] == [
        "a-port-strike.txt",
        "b-shipping.md",
        "c-bridge.html",
        "extra.txt",
    ]


def test_no_articles_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no articles found in"):
        find_articles([tmp_path / "empty"])


def test_date_defaults_to_today_and_rejects_other_shapes() -> None:
    from datetime import date

    assert parse_day(None, today=date(2024, 2, 29)) == "2024-02-29"
    assert parse_day("2024-11-01") == "2024-11-01"
    with pytest.raises(InputError, match="invalid --date '1/11/2024'"):
        parse_day("1/11/2024")


# --- one brief across articles ------------------------------------------------------------------


def test_one_brief_with_a_section_per_article_in_the_days_folder(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    fake = FakeModel()
    result = run(model_api, daily_settings, [articles], fake)
    assert daily_settings.out is not None
    folder = daily_settings.out / DAY
    assert result.outputs == [folder / "brief.json", folder / "brief.md", folder / "brief.html"]
    brief = result.brief
    assert brief.date == DAY
    assert [s.source_id for s in brief.sections] == ["A1", "A2", "A3"]
    assert [s.title for s in brief.sections][1:] == [
        "Black Sea shipping slows",
        "Danube bridge closes for repairs",
    ]
    assert fake.count("ChunkNotes") == 3
    assert fake.count("Synthesis") == 1
    # every fact is traced to its article and sentence, and every number checks out
    for fact in brief.facts:
        assert fact.citations
        assert all(c[0] == "A" and ".S" in c for c in fact.citations)
    assert brief.verification.numbers > 0
    assert brief.verification.unsupported == 0
    markdown = (folder / "brief.md").read_text(encoding="utf-8")
    assert "## Articles" in markdown
    assert "### A3 Danube bridge closes for repairs" in markdown
    assert "Daily intelligence brief · 2024-11-01" in markdown


def test_the_prompts_show_plain_ids_and_the_brief_qualified_ones(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    route = model_api.post("/chat/completions").mock(side_effect=FakeModel())
    result = run_daily([articles], daily_settings, day=DAY, progress=Quiet())
    extract_users = [
        json.loads(call.request.content)["messages"][-1]["content"]
        for call in route.calls
        if json.loads(call.request.content)["response_format"]["json_schema"]["name"]
        == "ChunkNotes"
    ]
    assert all("[S1]" in user and "[A1." not in user for user in extract_users)
    cited = {c for f in result.brief.facts for c in f.citations}
    assert {"A1.S3", "A2.S3", "A3.S3"} <= cited


def test_a_fact_two_articles_share_is_one_fact_citing_both(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    result = run(model_api, daily_settings, [articles], FakeModel())
    shared = [f for f in result.brief.facts if f.text == SHARED]
    assert len(shared) == 1
    assert shared[0].citations == ["A1.S2", "A2.S2"]
    sections = {s.source_id: s.fact_ids for s in result.brief.sections}
    assert shared[0].id in sections["A1"]
    assert shared[0].id in sections["A2"]
    assert shared[0].id not in sections["A3"]
    assert shared[0].numbers[0].supported


def test_tokens_and_cost_are_stored_per_article_and_in_total(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path, tmp_path: Path
) -> None:
    prices = tmp_path / "prices.toml"
    prices.write_text("test-model = { input = 1.0, output = 2.0 }\n", encoding="utf-8")
    priced = daily_settings.model_copy(update={"prices_file": prices})
    brief = run(model_api, priced, [articles], FakeModel()).brief
    for section in brief.sections:
        assert section.prompt_tokens > 0
        assert section.completion_tokens == 50
        expected = (section.prompt_tokens * 1.0 + 50 * 2.0) / 1e6
        assert section.cost_usd == pytest.approx(expected)
    synth = [c for c in brief.run.calls if c.stage == "synthesize"]
    articles_prompt = sum(s.prompt_tokens for s in brief.sections)
    assert brief.run.prompt_tokens == articles_prompt + synth[0].prompt_tokens
    assert brief.run.cost_usd == pytest.approx(
        (brief.run.prompt_tokens + 2 * brief.run.completion_tokens) / 1e6
    )


def test_calls_in_flight_never_exceed_the_concurrency(
    model_api: respx.MockRouter, daily_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(12):
        (folder / f"n{k:02}.txt").write_text(
            f"Item {k} cost {k + 10} dollars. It weighed {k + 3} kg.", encoding="utf-8"
        )
    fake = FakeModel(delay_s=0.02)
    settings = daily_settings.model_copy(update={"concurrency": 3})
    progress = Quiet()
    model_api.post("/chat/completions").mock(side_effect=fake)
    result = run_daily([folder], settings, day=DAY, progress=progress)
    assert len(result.brief.sections) == 12
    assert fake.max_in_flight == 3
    assert progress.steps[-1] == (12, 12)
    assert [done for done, _ in progress.steps] == list(range(1, 13))


# --- the cache ----------------------------------------------------------------------------------


def test_a_rerun_makes_no_calls_and_the_same_json(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    fake = FakeModel()
    first = run(model_api, daily_settings, [articles], fake)
    calls = len(fake.schemas)
    again = run_daily([articles], daily_settings, day=DAY, progress=Quiet())
    assert len(fake.schemas) == calls  # not one more request
    assert again.brief.run.generated.model_calls == 0
    assert again.brief.run.generated.cache_hits == calls
    assert without_generated(brief_json(again)) == without_generated(brief_json(first))


def test_the_json_differs_only_in_run_generated(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    first = brief_json(run(model_api, daily_settings, [articles], FakeModel()))
    second = brief_json(run_daily([articles], daily_settings, day=DAY, progress=Quiet()))
    differing = [
        key
        for key in json.loads(first)["run"]
        if json.loads(first)["run"][key] != json.loads(second)["run"][key]
    ]
    assert set(differing) <= {"generated"}
    first_lines, second_lines = first.splitlines(), second.splitlines()
    assert len(first_lines) == len(second_lines)
    changed = [a for a, b in zip(first_lines, second_lines, strict=True) if a != b]
    assert all(
        any(k in line for k in ('"at"', '"wall_s"', '"model_calls"', '"cache_hits"', "spent"))
        for line in changed
    )


def test_no_cache_asks_again(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    fake = FakeModel()
    run(model_api, daily_settings, [articles], fake)
    uncached = daily_settings.model_copy(update={"use_cache": False})
    run_daily([articles], uncached, day=DAY, progress=Quiet())
    assert len(fake.schemas) == 8


def edited_prompt(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / f"prompts-{name}"
    folder.mkdir()
    text = (default_dir() / f"{name}.j2").read_text(encoding="utf-8")
    (folder / f"{name}.j2").write_text(text + "\nBe brief.\n", encoding="utf-8")
    return folder


def test_editing_the_synthesis_prompt_re_asks_only_the_synthesis(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path, tmp_path: Path
) -> None:
    fake = FakeModel()
    run(model_api, daily_settings, [articles], fake)
    edited = daily_settings.model_copy(
        update={"prompts_dir": edited_prompt(tmp_path, "synthesize.system")}
    )
    fake.schemas.clear()
    result = run_daily([articles], edited, day=DAY, progress=Quiet())
    assert fake.schemas == ["Synthesis"]
    assert result.brief.run.generated.cache_hits == 3


def test_editing_the_extract_prompt_re_asks_every_article_and_nothing_else(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path, tmp_path: Path
) -> None:
    fake = FakeModel()
    run(model_api, daily_settings, [articles], fake)
    edited = daily_settings.model_copy(
        update={"prompts_dir": edited_prompt(tmp_path, "extract.user")}
    )
    fake.schemas.clear()
    run_daily([articles], edited, day=DAY, progress=Quiet())
    # the same notes come back, so the synthesis prompt is unchanged and stays cached
    assert fake.schemas == ["ChunkNotes"] * 3


def test_adding_an_article_asks_only_about_it_and_the_synthesis(
    model_api: respx.MockRouter, daily_settings: Settings, tmp_path: Path
) -> None:
    folder = copy_articles(tmp_path / "in", ["b-shipping.md", "c-bridge.html"])
    fake = FakeModel()
    run(model_api, daily_settings, [folder], fake)
    copy_articles(folder, ["a-port-strike.txt"])  # sorts first: every other article moves up
    fake.schemas.clear()
    result = run_daily([folder], daily_settings, day=DAY, progress=Quiet())
    assert sorted(fake.schemas) == ["ChunkNotes", "Synthesis"]
    assert [s.source_id for s in result.brief.sections] == ["A1", "A2", "A3"]


# --- budget, retries, failures ------------------------------------------------------------------


def priced(settings: Settings, tmp_path: Path, *, max_cost_usd: float) -> Settings:
    """$10 per 1M completion tokens: a 3,000-token answer costs $0.03, and each call reserves
    the worst case of the hosted profile's 4,096 tokens ($0.041) before it is sent."""
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps({"test-model": {"input": 0.0, "output": 10.0}}))
    return settings.model_copy(
        update={"prices_file": prices, "max_cost_usd": max_cost_usd, "concurrency": 1}
    )


def test_the_budget_stops_the_run_before_it_is_exceeded_and_says_how_far_it_got(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path, tmp_path: Path
) -> None:
    budget = priced(daily_settings, tmp_path, max_cost_usd=0.09)
    fake = FakeModel(completion_tokens=3000)
    with pytest.raises(BudgetExceededError) as stopped:
        run(model_api, budget, [articles], fake)
    message = str(stopped.value)
    assert "stopped before exceeding --max-cost $0.0900" in message
    assert "$0.0600 spent" in message
    assert "2 of 3 articles done" in message
    assert fake.count("ChunkNotes") == 2
    assert out_files(budget) == []


def test_a_budget_rerun_resumes_from_the_cache(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path, tmp_path: Path
) -> None:
    tight = priced(daily_settings, tmp_path, max_cost_usd=0.09)
    fake = FakeModel(completion_tokens=3000)
    with pytest.raises(BudgetExceededError):
        run(model_api, tight, [articles], fake)
    roomy = tight.model_copy(update={"max_cost_usd": 1.0})
    result = run_daily([articles], roomy, day=DAY, progress=Quiet())
    assert fake.count("ChunkNotes") == 3  # two articles' answers came from the cache
    assert result.brief.run.generated.cache_hits == 2
    assert result.brief.run.generated.spent_usd == pytest.approx(0.06)


def test_429_is_retried_after_the_servers_retry_after(
    model_api: respx.MockRouter, daily_settings: Settings, tmp_path: Path
) -> None:
    folder = copy_articles(tmp_path / "in", ["c-bridge.html"])
    fake = FakeModel()
    seen: list[float] = []

    def limited(request: httpx.Request) -> httpx.Response:
        seen.append(time.monotonic())
        if len(seen) == 1:
            return httpx.Response(429, headers={"Retry-After": "0.05"}, json={"error": {}})
        return fake(request)

    retrying = daily_settings.model_copy(update={"max_retries": 2})
    model_api.post("/chat/completions").mock(side_effect=limited)
    result = run_daily([folder], retrying, day=DAY, progress=Quiet())
    assert len(seen) == 3  # 429, then the notes, then the synthesis
    # waited what the server asked, not the client's own backoff (0.375 s or more)
    assert 0.05 <= seen[1] - seen[0] < 0.35
    assert result.brief.failed == []


def test_an_article_that_keeps_failing_is_left_out_and_listed(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    fake = FakeModel(failing="Giurgiu-Ruse")
    result = run(model_api, daily_settings, [articles], fake)
    brief = result.brief
    assert [s.source_id for s in brief.sections] == ["A1", "A2"]
    assert len(brief.failed) == 1
    assert brief.failed[0].path.endswith("c-bridge.html")
    assert "HTTP 500" in brief.failed[0].reason
    assert "model crashed" in brief.failed[0].reason
    data = json.loads(brief_json(result))
    assert data["failed"] == [{"path": brief.failed[0].path, "reason": brief.failed[0].reason}]
    html = next(p for p in result.outputs if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Partial brief: 1 article left out." in html
    with pytest.raises(PartialError, match="1 of 3 articles failed"):
        enforce_daily(result, daily_settings, allow_partial=False)
    enforce_daily(result, daily_settings, allow_partial=True)


def test_an_unreadable_article_is_left_out_with_its_reason(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    (articles / "d-empty.txt").write_bytes(b"")
    result = run(model_api, daily_settings, [articles], FakeModel())
    assert [(Path(f.path).name, f.reason) for f in result.brief.failed] == [
        ("d-empty.txt", f"{articles / 'd-empty.txt'} is empty")
    ]


def test_a_backend_failing_for_every_article_stops_the_run_and_writes_nothing(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    model_api.post("/chat/completions").respond(500, json={"error": {"message": "down"}})
    with pytest.raises(BackendError, match=r"no article could be summarized \(3 of 3 failed\)"):
        run_daily([articles], daily_settings, day=DAY, progress=Quiet())
    assert out_files(daily_settings) == []


def test_a_backend_that_fails_article_after_article_stops_early(
    model_api: respx.MockRouter, daily_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for k in range(20):
        (folder / f"n{k:02}.txt").write_text(f"Item {k} cost {k} dollars.", encoding="utf-8")
    route = model_api.post("/chat/completions").respond(503, json={"error": {"message": "x"}})
    serial = daily_settings.model_copy(update={"concurrency": 1})
    with pytest.raises(BackendError, match=r"failed for 3 articles in a row \(0 of 20"):
        run_daily([folder], serial, day=DAY, progress=Quiet())
    assert route.call_count == 3


def test_unreachable_backend_is_exit_4_material(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    model_api.post("/chat/completions").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(BackendError, match=r"cannot reach the model at http://model\.test/v1"):
        run_daily([articles], daily_settings, day=DAY, progress=Quiet())


# --- the fact pool ------------------------------------------------------------------------------


def test_the_fact_pool_finds_what_a_linear_scan_finds() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(30)] + ["3,200", "12%", "troops", "the"]
    texts = [" ".join(rng.sample(vocabulary, rng.randint(1, 9))) for _ in range(400)]
    texts += [t + " the" for t in texts[:50]]  # near-duplicates
    pool = FactPool()
    kept: list[str] = []
    for text in texts:
        expected = next((i for i, k in enumerate(kept) if same_text(k, text)), None)
        index = pool.add(MergedFact(id="F0", text=text, citations=[]), "A1")
        if expected is None:
            kept.append(text)
            assert index == len(kept) - 1
        else:
            assert index == expected


def test_a_title_that_echoes_the_prompt_becomes_the_days_name(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path
) -> None:
    fake = FakeModel(title="A short, factual headline for the brief.")
    result = run(model_api, daily_settings, [articles], fake)
    assert result.brief.title == f"Daily brief, {DAY}"
    assert result.brief.date == DAY


@pytest.mark.parametrize("when", [",", " - ", "()", "—"])
def test_a_timeline_date_with_no_letter_or_digit_is_left_out(
    model_api: respx.MockRouter, daily_settings: Settings, articles: Path, when: str
) -> None:
    fake = FakeModel(event_whens=[when, "Monday"])
    result = run(model_api, daily_settings, [articles], fake)
    whens = [event.when for event in result.brief.timeline]
    assert whens
    assert set(whens) == {"Monday"}
    markdown = (result.outputs[1]).read_text(encoding="utf-8")
    assert f"| {when.strip()} |" not in markdown
