"""`briefing numbers` and `briefing check`, through a Typer app of our own."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner, Result

from briefing.cli_numbers import register

SOURCE = "About 11,000 troops arrived on Thursday. Ukraine holds 460 square miles.\n"
GOOD = "Some 11,000 troops came on Thursday.\n"
BAD = "Some 11,000 troops came. They hold 460 troops and 9,000 tanks.\n"


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    return app


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(make_app(), list(args), input=stdin)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_numbers_lists_one_line_per_quantity(tmp_path: Path) -> None:
    result = invoke("numbers", write(tmp_path, "a.txt", SOURCE))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "S1  About 11,000  = 11,000  [count]  (about)  of troop"
    assert lines[2] == "S2  460 square miles  = 460  mi2  [measure]"


def test_numbers_json_reads_stdin() -> None:
    result = invoke("numbers", "-", "--json", stdin=SOURCE)
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert [q["value"] for q in found] == [11000, 3, 460]
    assert found[1]["kind"] == "date"


def test_check_prints_status_and_evidence(tmp_path: Path) -> None:
    result = invoke("check", write(tmp_path, "s.txt", SOURCE), write(tmp_path, "c.txt", BAD))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("exact        Some 11,000  <- S1: About 11,000 troops")
    assert lines[1].startswith("mismatch     460  (the source's '460 square miles' is said of")
    assert "<- S2:" in lines[1]
    assert lines[2] == "unsupported  9,000  (no source number gives this value)"


def test_check_json_keeps_the_contract(tmp_path: Path) -> None:
    result = invoke(
        "check", write(tmp_path, "s.txt", SOURCE), write(tmp_path, "c.txt", GOOD), "--json"
    )
    checks = json.loads(result.stdout)
    assert {"text", "supported", "how", "evidence"} <= set(checks[0])
    assert [(c["text"], c["supported"], c["how"]) for c in checks] == [
        ("Some 11,000", True, "exact"),
        ("Thursday", True, "exact"),
    ]


def test_check_reads_claims_from_stdin(tmp_path: Path) -> None:
    result = invoke("check", write(tmp_path, "s.txt", SOURCE), "-", "--strict", stdin=GOOD)
    assert result.exit_code == 0


def test_strict_exits_3_when_a_number_is_unsupported(tmp_path: Path) -> None:
    result = invoke(
        "check", write(tmp_path, "s.txt", SOURCE), write(tmp_path, "c.txt", BAD), "--strict"
    )
    assert result.exit_code == 3
    assert result.stderr == (
        "error: 2 of 3 numbers are not supported by the source. "
        "Fix them, or rerun without --strict to only list them.\n"
    )


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path / "nope.txt"), write(tmp_path, "c.txt", GOOD))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot read ")
    assert result.stderr.count("\n") == 1


def test_empty_claims_are_named_as_the_text_to_check(tmp_path: Path) -> None:
    claims = write(tmp_path, "c.txt", "")
    result = invoke("check", write(tmp_path, "s.txt", SOURCE), claims)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {claims} is empty. Pass the text whose numbers to check: a draft or a summary.\n"
    )


def test_an_empty_source_still_asks_for_an_article(tmp_path: Path) -> None:
    source = write(tmp_path, "s.txt", "  \n")
    result = invoke("check", source, write(tmp_path, "c.txt", GOOD))
    assert result.exit_code == 2
    assert (
        result.stderr == f"error: {source} holds only whitespace. Pass an article with some text.\n"
    )


def test_both_inputs_from_stdin_is_refused() -> None:
    result = invoke("check", "-", "-", stdin=SOURCE)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: SOURCE and CLAIMS cannot both be - (stdin). Pass one of them as a file.\n"
    )


def test_spans_of_years_keep_their_fraction_and_years_their_digits(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The war began in 2022, over two and a half years ago.", encoding="utf-8")
    result = CliRunner().invoke(make_app(), ["numbers", str(article)])
    assert result.exit_code == 0
    assert "over two and a half years  = 2.5  year  [duration]" in result.stdout
    assert "2022  = 2022  year  [date]" in result.stdout
