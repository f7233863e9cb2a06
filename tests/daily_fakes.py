"""A fake model for daily-brief tests: answers from the prompt it is sent, like a careful model.

Notes: every article sentence holding a digit becomes a fact citing that sentence; "X Y said"
makes an actor. Synthesis: the first two facts make the BLUF, the first three are key facts.
Requests whose text contains a `failing` marker get HTTP 500, as a model that keeps failing on
one article would.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.openai_fakes import chat_completion

DAILY = Path(__file__).parent / "data" / "daily"
LINE = re.compile(r"^\[(S\d+)\] (.*)$", re.MULTILINE)
FACT_LINE = re.compile(r"^(F\d+): (.*) \(sentences: (.*)\)$", re.MULTILINE)
SPEAKER = re.compile(r"((?:[A-Z][a-z]+ )?[A-Z][a-z]+ [A-Z][a-z]+) said")


def notes_for(user: str) -> dict[str, Any]:
    article = user.split("<article>", 1)[-1]
    facts, actors = [], []
    for sid, text in LINE.findall(article):
        if any(ch.isdigit() for ch in text):
            facts.append({"text": text, "citations": [sid]})
        speaker = SPEAKER.search(text)
        if speaker:
            name = speaker.group(1).split()[-2:]
            actors.append(
                {
                    "name": " ".join(name),
                    "kind": "person",
                    "role": "",
                    "action": text,
                    "citations": [sid],
                }
            )
    return {"facts": facts, "actors": actors, "events": []}


def synthesis_for(
    user: str, extra_bluf: str = "", title: str = "Black Sea transport under strain"
) -> dict[str, Any]:
    facts = FACT_LINE.findall(user)
    bluf = " ".join(text for _, text, _ in facts[:2])
    first_cite = facts[0][2].split(", ")[0] if facts else "S1"
    return {
        "title": title,
        "bluf": f"{bluf} {extra_bluf}".strip(),
        "key_facts": [fid for fid, _, _ in facts[:3]],
        "implications": [
            {
                "text": "Delays at the port are likely to continue.",
                "likelihood": "likely",
                "confidence": "moderate",
                "citations": [first_cite],
            }
        ],
    }


@dataclass
class FakeModel:
    """A respx side effect; records what it was asked and how many calls were in flight."""

    failing: str | None = None  # requests containing this text get HTTP 500
    extra_bluf: str = ""  # appended to the BLUF (e.g. a number no article supports)
    delay_s: float = 0.0
    title: str = "Black Sea transport under strain"
    completion_tokens: int = 50
    event_whens: list[str] = field(default_factory=list)  # one event per fact, in order
    schemas: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        user = body["messages"][-1]["content"]
        name = body["response_format"]["json_schema"]["name"]
        with self._lock:
            self.schemas.append(name)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay_s:
                time.sleep(self.delay_s)
            if self.failing and self.failing in user:
                return httpx.Response(500, json={"error": {"message": "model crashed"}})
            if name == "ChunkNotes":
                answer = notes_for(user)
                answer["events"] = [
                    {"when": when, "text": fact["text"], "citations": fact["citations"]}
                    for when, fact in zip(self.event_whens, answer["facts"], strict=False)
                ]
            else:
                answer = synthesis_for(user, self.extra_bluf, self.title)
            tokens = len(request.content) // 4
            return httpx.Response(
                200,
                json=chat_completion(
                    json.dumps(answer),
                    prompt_tokens=tokens,
                    completion_tokens=self.completion_tokens,
                ),
            )
        finally:
            with self._lock:
                self.in_flight -= 1

    def count(self, name: str) -> int:
        return self.schemas.count(name)


def copy_articles(target: Path, names: list[str] | None = None) -> Path:
    """The daily fixtures (or some of them) in a folder of their own."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(DAILY.iterdir()):
        if names is None or path.name in names:
            (target / path.name).write_bytes(path.read_bytes())
    return target


def without_generated(json_text: str) -> dict[str, Any]:
    """brief.json minus `run.generated`, the one field allowed to differ between reruns."""
    data = json.loads(json_text)
    del data["run"]["generated"]
    return dict(data)
