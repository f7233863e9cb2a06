"""A respx side effect that answers like a model: notes for extract calls, a synthesis for reduce."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.openai_fakes import chat_completion, notes_json, synthesis_json

SEED_FACTS = [
    ("About 8,000 North Korean soldiers in Russia are expected to fight in Kursk.", ["S1"]),
    ("80% of the 10,000 North Korean troops training in Russia are in the Kursk area.", ["S3"]),
    ("Ukraine has captured around 460 square miles of territory.", ["S4"]),
    ("Russia faces about 1,200 casualties per day in eastern Ukraine.", ["S12"]),
    ("North Korea's ICBM traveled approximately 620 miles over 86 minutes.", ["S20"]),
]
SEED_ACTORS = [
    {
        "name": "Antony Blinken",
        "kind": "person",
        "role": "U.S. Secretary of State",
        "action": "Said 8,000 North Korean soldiers will fight in Kursk.",
        "citations": ["S1"],
    },
    {
        "name": "Lloyd Austin",
        "kind": "person",
        "role": "U.S. Secretary of Defense",
        "action": "Said Ukraine can hold the Kursk territory.",
        "citations": ["S16"],
    },
]
SEED_EVENTS = [
    {"when": "Thursday", "text": "North Korea launched its longest ICBM.", "citations": ["S20"]}
]
SEED_SYNTHESIS = synthesis_json(
    title="North Korean troops set to fight in Kursk",
    bluf="About 8,000 North Korean soldiers are expected to fight Ukrainian forces in Kursk. "
    "Russia faces about 1,200 casualties per day.",
    key_facts=["F1", "F2", "F3", "F4", "F5"],
    implications=[
        {
            "text": "North Korean troops will likely enter combat in Kursk within days.",
            "likelihood": "likely",
            "confidence": "moderate",
            "citations": ["S1"],
        }
    ],
)


class FakeModel:
    """Routes by the requested schema name; records every request body."""

    def __init__(
        self,
        facts: list[tuple[str, list[str]]] | None = None,
        synthesis: str = SEED_SYNTHESIS,
        actors: list[dict[str, Any]] | None = None,
        events: list[dict[str, Any]] | None = None,
    ) -> None:
        self.facts = SEED_FACTS if facts is None else facts
        self.synthesis = synthesis
        self.actors = SEED_ACTORS if actors is None else actors
        self.events = SEED_EVENTS if events is None else events
        self.bodies: list[dict[str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.bodies.append(body)
        fmt = body.get("response_format", {})
        name = fmt.get("json_schema", {}).get("name", "")
        if name == "ChunkNotes":
            content = notes_json(self.facts, self.actors, self.events)
        elif name == "Synthesis":
            content = self.synthesis
        elif name == "Revision":
            content = json.dumps({"claims": []})
        else:
            return httpx.Response(400, json={"error": {"message": f"unexpected {name}"}})
        return httpx.Response(200, json=chat_completion(content))

    def calls(self, schema: str) -> list[dict[str, Any]]:
        return [
            b
            for b in self.bodies
            if b["response_format"].get("json_schema", {}).get("name") == schema
        ]
