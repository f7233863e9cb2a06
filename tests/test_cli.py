"""`briefing generate` end to end through the CLI, with the model mocked at the HTTP level."""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest
import respx
from pypdf import PdfReader
from typer.testing import CliRunner

from briefing.cli import app
from tests.conftest import SEED
from tests.fake_model import FakeModel
from tests.openai_fakes import MODEL_URL, chat_completion

ENV = {"OPENAI_API_KEY": "sk-test", "BRIEFING_MAX_RETRIES": "0"}
MODEL_ARGS = ["--base-url", MODEL_URL, "--model", "test-model"]


def generate(*args: str, env: dict[str, str] | None = None) -> object:
    runner = CliRunner()
    return runner.invoke(app, ["generate", *args], env={**ENV, **(env or {})})


def outputs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_seed_brief_end_to_end(model_api: respx.MockRouter, tmp_path: Path) -> None:
    fake = FakeModel()
    model_api.post("/chat/completions").mock(side_effect=fake)
    out = tmp_path / "out"
    result = generate(str(SEED), "-o", str(out), "--format", "all", *MODEL_ARGS)
    assert result.exit_code == 0, result.stderr
    stem = "kursk-north-korean-troops"
    assert outputs(out) == [f"{stem}.{ext}" for ext in ("html", "json", "md", "pdf")]
    assert result.stdout.split() == [
        str(out / f"{stem}.{ext}") for ext in ("pdf", "json", "md", "html")
    ]
    assert "Numbers: " in result.stderr

    brief = json.loads((out / f"{stem}.json").read_text())
    assert brief["title"] == "North Korean troops set to fight in Kursk"
    numbers = [n for f in brief["facts"] for n in f["numbers"]]
    assert {"text", "supported", "how", "evidence"} <= set(numbers[0])
    assert all(n["supported"] for n in numbers)
    assert brief["run"]["prompt_hashes"]["extract.user"]
    assert brief["run"]["calls"][0]["stage"] == "extract"

    text = " ".join(page.extract_text() for page in PdfReader(out / f"{stem}.pdf").pages)
    for needle in ("8,000", "10,000", "460", "1,200", "620", "Antony Blinken", "Lloyd Austin"):
        assert needle in text
    markdown = (out / f"{stem}.md").read_text()
    assert "Ukraine has captured around 460 square miles" in markdown

    extract = fake.calls("ChunkNotes")[0]
    assert extract["temperature"] == 0
    user = extract["messages"][1]["content"]
    assert "<article>\n[S1] U.S. Secretary of State" in user
    assert user.rstrip().endswith("as JSON.")


def test_unsupported_number_is_marked_and_strict_exits_3(
    model_api: respx.MockRouter, tmp_path: Path
) -> None:
    fake = FakeModel(facts=[("About 9,500 North Korean soldiers will fight in Kursk.", ["S1"])])
    model_api.post("/chat/completions").mock(side_effect=fake)
    out = tmp_path / "out"
    result = generate(str(SEED), "-o", str(out / "b.pdf"), "--strict", *MODEL_ARGS)
    assert result.exit_code == 3, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: 1 of ")
    brief = json.loads((out / "b.json").read_text())
    [number] = [n for n in brief["facts"][0]["numbers"] if n["text"].endswith("9,500")]
    assert number["supported"] is False
    assert number["how"] is None
    assert "9,500" in (out / "b.md").read_text()


def test_drop_policy_removes_failing_claims(model_api: respx.MockRouter, tmp_path: Path) -> None:
    facts = [
        ("About 9,500 soldiers will fight.", ["S1"]),
        ("Ukraine captured around 460 square miles.", ["S4"]),
    ]
    model_api.post("/chat/completions").mock(side_effect=FakeModel(facts=facts))
    out = tmp_path / "out"
    result = generate(str(SEED), "-o", str(out), "--on-unsupported", "drop", *MODEL_ARGS)
    assert result.exit_code == 0, result.stderr
    brief = json.loads((out / "kursk-north-korean-troops.json").read_text())
    assert [f["text"] for f in brief["facts"]] == ["Ukraine captured around 460 square miles."]
    assert any("9,500" in d["text"] for d in brief["dropped"])


def test_strict_fails_when_the_drop_policy_removed_a_claim_for_its_number(
    model_api: respx.MockRouter, tmp_path: Path
) -> None:
    facts = [
        ("About 9,500 soldiers will fight.", ["S1"]),
        ("Ukraine captured around 460 square miles.", ["S4"]),
    ]
    model_api.post("/chat/completions").mock(side_effect=FakeModel(facts=facts))
    out = tmp_path / "out"
    args = ["-o", str(out), "--on-unsupported", "drop", "--format", "json", "--strict"]
    result = generate(str(SEED), *args, *MODEL_ARGS)
    assert result.exit_code == 3, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "error: 1 number(s) not supported by the source were dropped with their claims (report "
        f"written to {out / 'kursk-north-korean-troops.json'}). Read the 'Removed claims' "
        "appendix, or rerun without --strict"
    )
    assert outputs(out) == ["kursk-north-korean-troops.json"]


def test_wrong_citation_is_repaired(model_api: respx.MockRouter, tmp_path: Path) -> None:
    facts = [("Ukraine has captured around 460 square miles of territory.", ["S20", "S99"])]
    model_api.post("/chat/completions").mock(side_effect=FakeModel(facts=facts))
    out = tmp_path / "out"
    assert generate(str(SEED), "-o", str(out), *MODEL_ARGS).exit_code == 0
    fact = json.loads((out / "kursk-north-korean-troops.json").read_text())["facts"][0]
    assert (fact["citations"], fact["citation_status"]) == (["S4"], "repaired")


def test_stdin_input(model_api: respx.MockRouter, tmp_path: Path) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel())
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["generate", "-", "-o", str(tmp_path / "o"), "--format", "json", *MODEL_ARGS],
        input=SEED.read_bytes(),
        env=ENV,
    )
    assert result.exit_code == 0, result.stderr
    assert outputs(tmp_path / "o") == ["stdin.json"]


@pytest.mark.parametrize(
    ("setup", "args", "line"),
    [
        (
            None,
            ["missing.txt"],
            "error: cannot read missing.txt: no such file. Pass a .txt, .md or .html file, or - for stdin.",
        ),
        (
            "empty.txt",
            ["empty.txt"],
            "error: empty.txt holds only whitespace. Pass an article with some text.",
        ),
        (
            "binary.txt",
            ["binary.txt"],
            "error: cannot read binary.txt: it looks like a binary file, not text.",
        ),
        (None, [str(SEED), "--format", "docx"], "error: unknown output format 'docx'"),
        (
            None,
            [str(SEED), "--on-unsupported", "ignore"],
            "error: invalid value for on_unsupported",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, setup: str | None, args: list[str], line: str
) -> None:
    if setup == "empty.txt":
        (tmp_path / setup).write_text("  \n")
    elif setup == "binary.txt":
        (tmp_path / setup).write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    result = generate(*args, "-o", str(tmp_path / "out"), *MODEL_ARGS)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(line)
    assert "Traceback" not in result.stderr
    assert outputs(tmp_path / "out") == []


def test_no_key_for_openai_is_a_config_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["generate", str(SEED), "--backend", "openai", "-o", str(tmp_path)], env={}
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: no API key for the OpenAI backend. Set OPENAI_API_KEY, pass --base-url for an "
        "OpenAI-compatible server, or use --backend local"
    )


def test_a_hosted_model_without_a_key_is_exit_2_not_the_embedded_model(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["generate", str(SEED), "--model", "gpt-4o-mini", "-o", str(tmp_path / "o")], env={}
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no API key for gpt-4o-mini. Set OPENAI_API_KEY, or drop --model to use the "
        "embedded model\n"
    )
    assert outputs(tmp_path / "o") == []


def test_a_dry_run_of_a_hosted_model_without_a_key_prices_it_and_warns() -> None:
    result = CliRunner().invoke(
        app, ["generate", str(SEED), "--model", "gpt-4o-mini", "--dry-run"], env={}
    )
    assert result.exit_code == 0, result.stderr
    assert "warning: no API key is set, so generate would stop here" in result.stdout
    assert "Estimated cost (gpt-4o-mini at $0.15 in" in result.stdout
    assert "$0 (the embedded local model)" not in result.stdout


def test_azure_without_a_key_is_exit_2_naming_its_variable(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["generate", str(SEED), "-o", str(tmp_path)],
        env={"AZURE_OPENAI_ENDPOINT": "https://x.openai.azure.com"},
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: no API key for Azure OpenAI. Set AZURE_OPENAI_API_KEY, or use --backend local\n"
    )


@pytest.mark.parametrize("command", [["generate", str(SEED)], ["cache", "info"]])
def test_a_missing_config_file_is_exit_2(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--config", "/nonexistent.toml"], env={})
    assert result.exit_code == 2
    assert result.stderr == (
        "error: cannot read config file /nonexistent.toml: no such file. "
        "Pass an existing briefing.toml to --config, or drop --config\n"
    )


@pytest.mark.parametrize("url", ["not-a-url", "ftp://x/v1"])
def test_a_base_url_that_is_not_http_is_exit_2(url: str) -> None:
    result = generate_without_model_calls(str(SEED), "--base-url", url)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: invalid base URL {url!r}. "
        "Use http(s)://host[:port]/..., e.g. --base-url http://127.0.0.1:8080/v1\n"
    )


def test_unreachable_server_exits_4_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with respx.mock(base_url=MODEL_URL) as router:
        router.post("/chat/completions").mock(side_effect=httpx.ConnectError("refused"))
        result = generate(str(SEED), "-o", str(out), *MODEL_ARGS)
    assert result.exit_code == 4
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: cannot reach the model at {MODEL_URL}. Check --base-url and that the server is running"
    )
    assert outputs(out) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = generate(str(SEED), "-o", str(locked / "x"), *MODEL_ARGS)
    assert result.exit_code == 2
    assert "is not a writable folder" in result.stderr


def test_output_path_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = generate(str(SEED), "-o", str(blocker / "brief.pdf"), *MODEL_ARGS)
    assert result.exit_code == 2
    assert "is not a writable folder" in result.stderr


def generate_without_model_calls(*args: str, env: dict[str, str] | None = None) -> object:
    """Run generate with the model mocked; fail if any call reaches it."""
    with respx.mock(base_url=MODEL_URL, assert_all_called=False) as router:
        route = router.post("/chat/completions").mock(side_effect=FakeModel())
        result = generate(*args, env=env)
    assert not route.calls, "the model was called before the options were checked"
    return result


@pytest.mark.parametrize(("name", "fmt"), [("md.md", "md"), ("page.html", "html")])
def test_an_output_that_would_overwrite_the_input_is_refused(
    tmp_path: Path, name: str, fmt: str
) -> None:
    article = tmp_path / name
    text = SEED.read_text() if fmt == "md" else f"<html><body><p>{SEED.read_text()}</p></body>"
    article.write_text(text)
    result = generate_without_model_calls(
        str(article), "-o", str(tmp_path), "--format", fmt, *MODEL_ARGS
    )
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: output {article} would overwrite input article {article}. Choose another -o\n"
    )
    assert article.read_text() == text


def test_an_output_that_is_the_input_by_another_name_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "brief.md"
    article.write_text(SEED.read_text())
    (tmp_path / "link.md").symlink_to(article)
    result = generate_without_model_calls(
        str(tmp_path / "link.md"), "-o", str(tmp_path / "brief.pdf"), "--format", "md", *MODEL_ARGS
    )
    assert result.exit_code == 2
    assert "would overwrite input article" in result.stderr
    assert article.read_text() == SEED.read_text()


def test_a_missing_templates_folder_is_refused_before_any_model_call(tmp_path: Path) -> None:
    result = generate_without_model_calls(
        str(SEED), "--no-cache", "--templates", str(tmp_path / "none"), *MODEL_ARGS
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: templates folder {tmp_path / 'none'} does not exist")


def test_a_broken_report_template_is_refused_before_any_model_call(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "brief.md.j2").write_text("# {{ title }\n")
    result = generate_without_model_calls(
        str(SEED), "--format", "md", "--templates", str(mine), *MODEL_ARGS
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: template error at {mine / 'brief.md.j2'}:1")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_an_output_folder_that_cannot_be_created_is_refused_before_any_model_call() -> None:
    result = generate_without_model_calls(str(SEED), "-o", "/proc/briefing-x/", *MODEL_ARGS)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write to /proc/briefing-x: it is not a writable")


def test_checking_the_output_folder_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper"
    result = generate_without_model_calls(
        str(SEED), "-o", str(out), "--templates", str(tmp_path / "none"), *MODEL_ARGS
    )
    assert result.exit_code == 2
    assert not (tmp_path / "new").exists()


def test_help_is_complete_with_examples() -> None:
    result = CliRunner().invoke(app, ["generate", "--help"])
    assert result.exit_code == 0
    for option in (
        "--out",
        "--format",
        "--model",
        "--base-url",
        "--chunk-tokens",
        "--title",
        "Examples",
    ):
        assert option in result.stdout


def test_repair_policy_sends_failing_claims_back_once(
    model_api: respx.MockRouter, tmp_path: Path
) -> None:
    class Repairing(FakeModel):
        def __call__(self, request: httpx.Request) -> httpx.Response:
            body = json.loads(request.content)
            if body["response_format"]["json_schema"]["name"] != "Revision":
                return super().__call__(request)
            self.bodies.append(body)
            fixed = {"claims": [{"id": "F1", "text": "About 8,000 soldiers will fight."}]}
            return httpx.Response(200, json=chat_completion(json.dumps(fixed)))

    fake = Repairing(facts=[("About 9,500 soldiers will fight.", ["S1"])])
    model_api.post("/chat/completions").mock(side_effect=fake)
    out = tmp_path / "out"
    result = generate(str(SEED), "-o", str(out), "--on-unsupported", "repair", *MODEL_ARGS)
    assert result.exit_code == 0, result.stderr
    [revision] = fake.calls("Revision")
    prompt = revision["messages"][1]["content"]
    assert "Claim F1: About 9,500 soldiers will fight." in prompt
    assert "[S1] U.S. Secretary of State Antony Blinken" in prompt
    fact = json.loads((out / "kursk-north-korean-troops.json").read_text())["facts"][0]
    assert fact["text"] == "About 8,000 soldiers will fight."
    assert all(n["supported"] for n in fact["numbers"])


def test_max_cost_stops_before_the_first_call(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with respx.mock(base_url=MODEL_URL, assert_all_called=False) as router:
        route = router.post("/chat/completions").mock(side_effect=FakeModel())
        result = generate(
            str(SEED),
            "-o",
            str(out),
            "--max-cost",
            "0.000001",
            "--base-url",
            MODEL_URL,
            "--model",
            "gpt-4o-mini",
        )
    assert result.exit_code == 5, result.stderr
    assert "stopped before exceeding --max-cost $0.0000: 0 model calls made" in result.stderr
    assert route.call_count == 0
    assert outputs(out) == []


def test_missing_model_file_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["generate", str(SEED), "--model-file", "nope.gguf", "-o", str(tmp_path)], env={}
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: cannot read model file nope.gguf: no such file. "
        "Pass a .gguf model file with --model-file or BRIEFING_MODEL_FILE\n"
    )


@pytest.mark.parametrize(
    ("title", "warned"),
    [
        ("Top 3 stories", "'3'"),
        ("Kursk: 50,000 troops deployed", "'50,000'"),
        ("8,000 North Korean soldiers head for Kursk", None),
    ],
)
def test_title_flag_is_kept_verbatim_and_unsupported_numbers_are_warned_once(
    model_api: respx.MockRouter, tmp_path: Path, title: str, warned: str | None
) -> None:
    model_api.post("/chat/completions").mock(side_effect=FakeModel())
    out = tmp_path / "out"
    result = generate(
        str(SEED), "-o", str(out), "--title", title, "--format", "md,json", *MODEL_ARGS
    )
    assert result.exit_code == 0, result.stderr
    stem = "kursk-north-korean-troops"
    markdown = (out / f"{stem}.md").read_text()
    assert f"# {title}\n" in markdown
    brief = json.loads((out / f"{stem}.json").read_text())
    assert brief["title"] == title
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    if warned is None:
        assert warnings == []
        assert brief["warnings"] == []
    else:
        assert len(warnings) == 1
        assert title in warnings[0]
        assert warned in warnings[0]
        assert brief["warnings"] == [warnings[0].removeprefix("warning: ")]
