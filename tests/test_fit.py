"""The synthesis prompt fits the model's context, however long the article."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
import respx

from briefing import dryrun, pipeline
from briefing.config import Settings
from briefing.fit import message_tokens, spread
from briefing.profiles import ModelProfile
from briefing.summarize import MergedFact, StyleLimits
from tests.openai_fakes import Notes, chat_completion, sent_body, synthesis_json

LINE = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
N_CTX, ANSWER = 2000, 400  # a prompt may take (2000 - 400) x 0.8 = 1280 tokens


def long_article(sentences: int = 240) -> str:
    return "\n\n".join(
        f"Convoy {n} carried {100 + n} tonnes of grain to the port of Valmere on day {n}."
        for n in range(1, sentences + 1)
    )


@pytest.fixture
def tiny_context(monkeypatch: pytest.MonkeyPatch) -> None:
    original = pipeline.style_limits

    def limits(profile: ModelProfile) -> StyleLimits:
        found = original(profile)
        return StyleLimits(**{**found.__dict__, "n_ctx": N_CTX, "answer_tokens": ANSWER})

    monkeypatch.setattr(pipeline, "style_limits", limits)
    monkeypatch.setattr(dryrun, "style_limits", limits)


def every_sentence_a_fact(request: httpx.Request) -> httpx.Response:
    body = sent_body(request)
    if body["response_format"]["json_schema"]["name"] == "ChunkNotes":
        article = body["messages"][1]["content"].split("<article>", 1)[1]
        facts = [{"text": text, "citations": [sid]} for sid, text in LINE.findall(article)]
        content = json.dumps({"facts": facts, "actors": [], "events": []})
    else:
        content = synthesis_json(title="Grain convoys reach Valmere", bluf="", key_facts=["F1"])
    return httpx.Response(200, json=chat_completion(content))


@pytest.mark.usefixtures("tiny_context")
def test_the_synthesis_of_a_long_article_fits_the_context(
    tmp_path: Path, model_api: respx.MockRouter, settings: Settings
) -> None:
    article = tmp_path / "long.txt"
    article.write_text(long_article(), encoding="utf-8")
    route = model_api.post("/chat/completions").mock(side_effect=every_sentence_a_fact)
    quick = settings.model_copy(
        update={"formats": ("json",), "chunk_tokens": 300, "use_cache": False}
    )
    progress = Notes()
    result = pipeline.run([str(article)], quick, progress=progress)
    bodies = [sent_body(call.request) for call in route.calls]
    [synthesis] = [b for b in bodies if b["response_format"]["json_schema"]["name"] == "Synthesis"]
    assert message_tokens(synthesis["messages"]) <= (N_CTX - ANSWER) * 0.8
    user = synthesis["messages"][1]["content"]
    assert "F1: Convoy 1 carried" in user  # the lead is always read
    kept = re.findall(r"^F(\d+): ", user, re.MULTILINE)
    [warning] = [line for line in progress.lines if line.startswith("warning:")]
    found = re.search(r"reads (\d+) of (\d+) facts", warning)
    assert found is not None
    read, total = int(found.group(1)), int(found.group(2))
    assert read == len(kept)
    assert 10 < read < total
    assert int(kept[-1]) > 0.8 * total  # ... and so is the end of the article
    assert "2,000-token context" in warning
    assert result.brief.warnings == [warning.removeprefix("warning: ")]


@pytest.mark.usefixtures("tiny_context")
def test_dry_run_warns_about_prompts_that_exceed_the_context(
    tmp_path: Path, settings: Settings
) -> None:
    article = tmp_path / "long.txt"
    article.write_text(long_article(), encoding="utf-8")
    report = dryrun.format_plan(
        dryrun.plan([str(article)], settings.model_copy(update={"chunk_tokens": 3000}))
    )
    warnings = [line for line in report.splitlines() if line.startswith("warning: extract")]
    assert warnings
    assert "more than fit with a 400-token answer in the model's 2,000-token context" in warnings[0]
    # Small chunks fit; their many notes are cut for the synthesis, and the plan says so.
    report = dryrun.format_plan(
        dryrun.plan([str(article)], settings.model_copy(update={"chunk_tokens": 300}))
    )
    assert "warning: extract" not in report
    assert "note: the synthesis reads " in report
    synthesis = re.search(r"^ +synthesize +~([\d,]+) tokens", report, re.MULTILINE)
    assert synthesis is not None
    assert int(synthesis.group(1).replace(",", "")) <= (N_CTX - ANSWER) * 0.8


def test_a_prompt_that_fits_is_left_alone(
    tmp_path: Path, model_api: respx.MockRouter, settings: Settings
) -> None:
    article = tmp_path / "short.txt"
    article.write_text(long_article(12), encoding="utf-8")
    model_api.post("/chat/completions").mock(side_effect=every_sentence_a_fact)
    quick = settings.model_copy(update={"formats": ("json",), "use_cache": False})
    result = pipeline.run([str(article)], quick, progress=Notes())
    assert result.brief.warnings == []


def test_spread_keeps_the_first_fact_and_reaches_the_end() -> None:
    facts = [MergedFact(id=f"F{n}", text=str(n), citations=[]) for n in range(1, 101)]
    kept = [f.id for f in spread(facts, 5)]
    assert kept == ["F1", "F21", "F41", "F61", "F81"]
    assert spread(facts, 0) == []
    assert spread(facts, 200) == facts
