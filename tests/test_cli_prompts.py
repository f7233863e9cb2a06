"""`briefing prompts list|show|init|render|check`, through a Typer app of our own."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from briefing.cli_prompts import register
from briefing.prompt_check import header_vars
from briefing.prompts import PROMPT_NAMES, default_dir, load_prompts
from briefing.tokens import count_tokens
from tests.conftest import SEED

HEADER_LINE = re.compile(r"^=== (\w+) \(([\w.]+)\.j2, ([\d,]+) tokens\) ===$", re.MULTILINE)


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    register(app)
    return app


def invoke(*args: str) -> Result:
    return CliRunner().invoke(make_app(), ["prompts", *args])


def override(tmp_path: Path, files: dict[str, str], name: str = "mine") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for filename, text in files.items():
        (folder / filename).write_text(text, encoding="utf-8")
    return folder


def messages_of(output: str) -> list[tuple[str, str, int, str]]:
    """(role, template, tokens, content) of each message `prompts render` printed."""
    heads = list(HEADER_LINE.finditer(output))
    found = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else output.rindex("\n=== ")
        content = output[head.end() + 1 : end].rstrip("\n")
        found.append((head.group(1), head.group(2), int(head.group(3).replace(",", "")), content))
    return found


# --- list and show --------------------------------------------------------------------------


def test_list_names_every_prompt_with_origin_and_hash() -> None:
    result = invoke("list")
    assert result.exit_code == 0, result.stderr
    defaults = load_prompts(None)
    for name in (*PROMPT_NAMES, "_rules"):
        row = re.search(rf"^{re.escape(name)}\s+(\S+)\s+(\w+)\s+(\S+)$", result.stdout, re.M)
        assert row is not None, name
        assert row.groups() == ("default", defaults.hash(name), str(defaults.origin(name)))
    assert "Search path:" in result.stderr


def test_list_shows_an_override_and_its_new_hash(tmp_path: Path) -> None:
    mine = override(tmp_path, {"extract.user.j2": "{# vars: article #}\n{{ article }}"})
    result = invoke("list", "--prompts", str(mine))
    row = re.search(r"^extract\.user\s+override\s+(\w+)\s+(\S+)$", result.stdout, re.M)
    assert row is not None
    assert row.group(1) == load_prompts(mine).hash("extract.user")
    assert row.group(1) != load_prompts(None).hash("extract.user")
    assert re.search(r"^extract\.system\s+default\s", result.stdout, re.M)


def test_list_follows_briefing_prompts_and_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # conftest runs every test in tmp_path, so ./prompts is tmp_path/prompts
    override(tmp_path, {"repair.user.j2": "{# vars: error, schema_name #}{{ error }}"}, "prompts")
    assert re.search(r"^repair\.user\s+\./prompts\s", invoke("list").stdout, re.M)
    env_dir = override(tmp_path, {"repair.user.j2": "{# vars: error #}E {{ error }}"}, "env")
    monkeypatch.setenv("BRIEFING_PROMPTS", str(env_dir))
    listed = invoke("list").stdout
    assert re.search(rf"^repair\.user\s+override\s+\w+\s+{re.escape(str(env_dir))}", listed, re.M)


def test_list_marks_a_template_that_does_not_parse(tmp_path: Path) -> None:
    mine = override(tmp_path, {"repair.user.j2": "{% if %}"})
    result = invoke("list", "--prompts", str(mine))
    assert result.exit_code == 0
    assert re.search(r"^repair\.user\s+override\s+\(broken\)", result.stdout, re.M)
    assert "briefing prompts check" in result.stderr


def test_show_prints_the_resolved_source(tmp_path: Path) -> None:
    result = invoke("show", "extract.system")
    assert result.stdout == (default_dir() / "extract.system.j2").read_text(encoding="utf-8")
    mine = override(tmp_path, {"extract.system.j2": "{# vars: style #}\nMine."})
    result = invoke("show", "extract.system.j2", "--prompts", str(mine))
    assert result.stdout == "{# vars: style #}\nMine."
    assert "override" in result.stderr


def test_show_unknown_template_is_a_usage_error() -> None:
    result = invoke("show", "extract.usr")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no prompt template named 'extract.usr'. Use one of:")
    assert result.stderr.count("\n") == 1


def test_a_missing_prompts_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("list", "--prompts", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


# --- init -------------------------------------------------------------------------------------


def test_init_copies_every_default(tmp_path: Path) -> None:
    result = invoke("init", str(tmp_path / "new" / "prompts"))
    assert result.exit_code == 0, result.stderr
    for default in default_dir().glob("*.j2"):
        copy = tmp_path / "new" / "prompts" / default.name
        assert copy.read_bytes() == default.read_bytes()
        assert f"wrote {copy}" in result.stdout
    assert not list((tmp_path / "new" / "prompts").glob(".*"))  # no temp files left


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "p"
    invoke("init", str(target))
    edited = target / "extract.user.j2"
    edited.write_text("{# vars: article #}my edit", encoding="utf-8")
    again = invoke("init", str(target))
    assert again.exit_code == 0
    assert edited.read_text(encoding="utf-8") == "{# vars: article #}my edit"
    assert f"kept {edited} (it exists; --force overwrites it)" in again.stdout
    assert "wrote" not in again.stdout
    forced = invoke("init", str(target), "--force")
    assert f"wrote {edited}" in forced.stdout
    assert edited.read_bytes() == (default_dir() / "extract.user.j2").read_bytes()


def test_init_onto_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = invoke("init", str(tmp_path / "file"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write to")


def test_copied_defaults_keep_their_hashes(tmp_path: Path) -> None:
    invoke("init", str(tmp_path / "p"))
    assert load_prompts(tmp_path / "p").hashes() == load_prompts(None).hashes()


# --- render -----------------------------------------------------------------------------------


def test_render_extract_prints_both_messages_with_their_token_counts() -> None:
    result = invoke("render", "extract.user", "--input", str(SEED))
    assert result.exit_code == 0, result.stderr
    messages = messages_of(result.stdout)
    assert [(role, template) for role, template, _, _ in messages] == [
        ("system", "extract.system"),
        ("user", "extract.user"),
    ]
    for _, _, tokens, content in messages:
        assert tokens == count_tokens(content)
    user = messages[1][3]
    assert "<article>\n[S1] U.S. Secretary of State Antony Blinken" in user
    assert result.stdout.rstrip().endswith("===")
    assert result.stderr == ""  # exact prompts: nothing stands in


def test_render_picks_the_chunk() -> None:
    first = invoke("render", "extract", "-i", str(SEED), "--chunk-tokens", "200")
    second = invoke("render", "extract", "-i", str(SEED), "--chunk-tokens", "200", "--chunk", "2")
    assert second.exit_code == 0, second.stderr
    assert "[S1] " in messages_of(first.stdout)[1][3]
    assert "[S1] " not in messages_of(second.stdout)[1][3]
    assert "extract A1#2" in second.stdout


def test_render_a_chunk_that_does_not_exist() -> None:
    result = invoke("render", "extract.user", "-i", str(SEED), "--chunk", "99")
    assert result.exit_code == 2
    assert re.fullmatch(
        r"error: there is no chunk 99: the input makes \d+ chunk\(s\)\. .*\n", result.stderr
    )


def test_render_synthesize_says_what_stands_in() -> None:
    result = invoke("render", "synthesize.user", "-i", str(SEED))
    assert result.exit_code == 0, result.stderr
    assert "article's sentences stand in for the notes" in result.stderr
    user = messages_of(result.stdout)[1][3]
    assert "F1: U.S. Secretary of State Antony Blinken" in user


def test_render_uses_the_override(tmp_path: Path) -> None:
    mine = override(tmp_path, {"repair.user.j2": "{# vars: error, schema_name #}Fix: {{ error }}"})
    result = invoke("render", "repair.user", "-i", str(SEED), "--prompts", str(mine))
    [(role, template, _, content)] = messages_of(result.stdout)
    assert (role, template) == ("user", "repair.user")
    assert content.startswith("Fix: the JSON does not match the schema")


def test_render_unknown_prompt() -> None:
    result = invoke("render", "_rules", "-i", str(SEED))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown prompt '_rules'")


def test_render_reports_a_broken_template_with_file_and_line(tmp_path: Path) -> None:
    mine = override(tmp_path, {"extract.user.j2": "{# vars: article #}\n\n{{ nope }}"})
    result = invoke("render", "extract.user", "-i", str(SEED), "--prompts", str(mine))
    assert result.exit_code == 2
    assert f"{mine / 'extract.user.j2'}:3: 'nope' is undefined" in result.stderr


def test_extract_prompt_counts_parts_from_one() -> None:
    result = invoke("render", "extract.user", "-i", str(SEED))
    assert ", part 1 of 1:" in messages_of(result.stdout)[1][3]


# --- check ------------------------------------------------------------------------------------


def test_check_passes_on_the_defaults() -> None:
    result = invoke("check")
    assert result.exit_code == 0, result.stdout
    assert result.stdout == (
        f"ok: 7 templates checked ({default_dir()}): 0 error(s), 0 warning(s)\n"
    )


def test_check_reports_a_syntax_error_with_file_and_line(tmp_path: Path) -> None:
    mine = override(tmp_path, {"repair.user.j2": "{# vars: error #}\n{{ error }}\n{% if %}\n"})
    result = invoke("check", str(mine))
    assert result.exit_code == 2
    assert f"{mine / 'repair.user.j2'}:3: error: syntax error:" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("FAILED: 7 templates checked")


def test_check_finds_undefined_variables_in_every_branch(tmp_path: Path) -> None:
    text = (
        "{# vars: title, part, parts, article #}\n"
        "{% if parts > 100 %}{{ secret }}{% endif %}\n"
        "<article>\n{{ article }}\n</article>\n"
        "{{ title.subtitle }}\n"
    )
    mine = override(tmp_path, {"extract.user.j2": text})
    result = invoke("check", "--prompts", str(mine))
    path = mine / "extract.user.j2"
    assert result.exit_code == 2
    # A branch the sample never takes is still checked; an attribute error is found by rendering.
    assert f"{path}:2: error: 'secret' is undefined (not passed to extract.user)" in result.stdout
    assert f"{path}:6: error: 'str object' has no attribute 'subtitle'" in result.stdout


def test_check_points_into_the_included_file(tmp_path: Path) -> None:
    mine = override(tmp_path, {"_rules.j2": "{# vars: (none) #}\nRules.\n{{ house_style }}\n"})
    result = invoke("check", str(mine))
    assert result.exit_code == 2
    lines = [line for line in result.stdout.splitlines() if "house_style" in line]
    assert lines == [
        f"{mine / '_rules.j2'}:3: error: 'house_style' is undefined (not passed to extract.system)"
    ]


def test_check_warns_about_headers(tmp_path: Path) -> None:
    mine = override(
        tmp_path,
        {
            "repair.user.j2": "Again: {{ error }}",
            "synthesize.system.j2": "{# vars: style, tone #}{{ style }}",
            "extract.system.j2": "{# vars: style #}{{ style }} {{ max_facts }}",
        },
    )
    result = invoke("check", str(mine))
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    assert f"{mine / 'repair.user.j2'}:1: warning: no `{{# vars: ... #}}` header" in out
    assert "synthesize.system.j2:1: warning: the header documents 'tone'" in out
    assert "extract.system.j2:1: warning: uses 'max_facts', which its header does not" in out
    assert out.splitlines()[-1].endswith("0 error(s), 3 warning(s)")


def test_check_warns_about_a_misnamed_override(tmp_path: Path) -> None:
    mine = override(tmp_path, {"extract.usr.j2": "{# vars: article #}{{ article }}"})
    result = invoke("check", str(mine))
    assert result.exit_code == 0
    assert (
        f"{mine / 'extract.usr.j2'}: warning: no prompt uses this template: "
        "did you mean extract.user.j2?"
    ) in result.stdout


def test_check_warns_when_the_article_can_escape_its_block(tmp_path: Path) -> None:
    text = (
        "{# vars: title, part, parts, article #}\n{{ title }}\n<article>\n{{ article }}\n</article>"
    )
    mine = override(tmp_path, {"extract.user.j2": text})
    result = invoke("check", str(mine))
    assert result.exit_code == 0
    assert "warning: the article is not delimited by exactly one <article>" in result.stdout
    assert "`data` filter" in result.stdout


def test_check_wants_one_folder(tmp_path: Path) -> None:
    a = override(tmp_path, {}, "a")
    b = override(tmp_path, {}, "b")
    result = invoke("check", str(a), "--prompts", str(b))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: two folders given")


def test_default_headers_name_the_variables() -> None:
    prompts = load_prompts(None)
    assert header_vars(prompts.source("extract.system")) == [
        "style",
        "max_facts",
        "max_actors",
        "max_events",
    ]
    assert header_vars(prompts.source("extract.user")) == ["title", "part", "parts", "article"]
    assert header_vars(prompts.source("synthesize.user")) == ["sources", "facts", "actors"]
    assert header_vars(prompts.source("revise.user")) == ["claims"]
    assert header_vars(prompts.source("_rules")) == []
    assert header_vars("no header {{ x }}") is None
    assert header_vars("{# vars:\n  title - the title\n  part: which part\n#}") == ["title", "part"]


def test_check_reports_a_missing_include_and_a_failing_expression(tmp_path: Path) -> None:
    mine = override(
        tmp_path,
        {
            "repair.user.j2": '{# vars: error, schema_name #}\nA\n{% include "_house.j2" %}\n',
            "revise.user.j2": "{# vars: claims #}\n{{ claims | length / 0 }}\n",
        },
    )
    result = invoke("check", str(mine))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[:2] == [
        f"{mine / 'repair.user.j2'}:3: error: the included template _house.j2 is not in the "
        "search path",
        f"{mine / 'revise.user.j2'}:2: error: ZeroDivisionError: division by zero",
    ]


def test_render_names_the_included_file_of_an_undefined_variable(tmp_path: Path) -> None:
    mine = override(tmp_path, {"_rules.j2": "{# vars: (none) #}\nRules.\n{{ house_style }}\n"})
    result = invoke("render", "extract.system", "-i", str(SEED), "--prompts", str(mine))
    assert result.exit_code == 2
    assert f"{mine / '_rules.j2'}:3: 'house_style' is undefined" in result.stderr
