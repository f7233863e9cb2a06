"""A stand-in OpenAI-compatible server on 127.0.0.1 with artificial latency, for benchmarks.

It answers `/v1/chat/completions` with valid ChunkNotes or Synthesis JSON built from the prompt
(every article sentence holding a digit becomes a fact citing it), sleeps `latency_s` per
request, and counts requests and the most it ever had in flight, so a benchmark can compare
the concurrency it asked for with the concurrency it got. `GET /stats` returns the counts;
`POST /reset` zeroes them.

    python benchmarks/standin_server.py --latency-ms 200 --port 8089
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LINE = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
FACT_LINE = re.compile(r"^(F\d+): (.*) \(sentences: (.*)\)$", re.MULTILINE)
MAX_FACTS = 8


class Counters:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls = 0
        self.in_flight = 0
        self.max_in_flight = 0

    def enter(self) -> None:
        with self.lock:
            self.calls += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def reset(self) -> None:
        with self.lock:
            self.calls = self.max_in_flight = 0

    def snapshot(self) -> dict[str, int]:
        with self.lock:
            return {"calls": self.calls, "max_in_flight": self.max_in_flight}


def notes_answer(user: str) -> dict[str, Any]:
    article = user.split("<article>", 1)[-1]
    facts = [
        {"text": text, "citations": [sid]}
        for sid, text in LINE.findall(article)
        if any(ch.isdigit() for ch in text)
    ]
    return {"facts": facts[:MAX_FACTS], "actors": [], "events": []}


def synthesis_answer(user: str) -> dict[str, Any]:
    facts = FACT_LINE.findall(user)
    return {
        "title": "Stand-in daily brief",
        "bluf": " ".join(text for _, text, _ in facts[:2]),
        "key_facts": [fid for fid, _, _ in facts[:6]],
        "implications": [
            {
                "text": "The trends reported are likely to continue.",
                "likelihood": "likely",
                "confidence": "low",
                "citations": [facts[0][2].split(", ")[0]] if facts else [],
            }
        ],
    }


def completion(request: dict[str, Any]) -> dict[str, Any]:
    messages = request["messages"]
    user = messages[-1]["content"]
    schema = request.get("response_format", {}).get("json_schema", {}).get("name", "")
    answer = synthesis_answer(user) if schema == "Synthesis" else notes_answer(user)
    content = json.dumps(answer)
    prompt_tokens = sum(len(m["content"]) for m in messages) // 4
    return {
        "id": "chatcmpl-standin",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "standin"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": len(content) // 4,
            "total_tokens": prompt_tokens + len(content) // 4,
        },
    }


def make_handler(latency_s: float, counters: Counters) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real server would allow
        disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms stall

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path.endswith("/reset"):
                counters.reset()
                self.reply({"ok": True})
                return
            if not self.path.endswith("/chat/completions"):
                self.reply({"error": {"message": "not found"}}, status=404)
                return
            counters.enter()
            try:
                time.sleep(latency_s)
                self.reply(completion(json.loads(body)))
            finally:
                counters.leave()

        def do_GET(self) -> None:
            self.reply(counters.snapshot())

        def reply(self, data: dict[str, Any], status: int = 200) -> None:
            payload = json.dumps(data).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_: Any) -> None:  # quiet: a benchmark prints its own table
            return

    return Handler


class StandinServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, latency_s: float, port: int = 0) -> None:
        self.counters = Counters()
        super().__init__(("127.0.0.1", port), make_handler(latency_s, self.counters))

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/v1"


@contextmanager
def serve(latency_s: float, port: int = 0) -> Iterator[StandinServer]:
    """Run the server in a background thread for the duration of the block."""
    server = StandinServer(latency_s, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=200.0)
    parser.add_argument("--port", type=int, default=8089)
    args = parser.parse_args()
    with serve(args.latency_ms / 1000, args.port) as server:
        print(f"Stand-in model at {server.base_url} ({args.latency_ms:.0f} ms per call)")
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
