"""The small schemas the model fills. Field descriptions are prompt text, written for the model.

The program, not the model, decides what reaches the reader: these answers are merged, their
citations checked and their numbers verified before anything becomes part of a `Brief`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefing.schema import ActorKind, Confidence, Likelihood

CITATIONS = (
    'Ids of the article sentences this comes from, exactly as shown in brackets, e.g. ["S3"].'
)


DATED = re.compile(r"\w", re.UNICODE)  # a letter or digit: "," or "-" dates nothing


class ModelAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")


def dated(when: str) -> str:
    """A `when` as the model wrote it, or '' (an undated event, left out of the timeline)
    when it holds no letter or digit: a small model answers "," or "-" for "no date"."""
    text = " ".join(when.split())
    return text if DATED.search(text.replace("_", "")) else ""


class NoteFact(ModelAnswer):
    text: str = Field(
        description="One fact from the article in one short sentence. Copy every number, name "
        "and unit exactly as the article writes it; add nothing the article does not say."
    )
    citations: list[str] = Field(description=CITATIONS)


class NoteActor(ModelAnswer):
    name: str = Field(description="The actor's name exactly as the article writes it.")
    kind: ActorKind = Field(description="What the actor is.")
    role: str = Field(description="Their title or affiliation as the article gives it, or ''.")
    action: str = Field(description="What they said or did, in one short sentence.")
    citations: list[str] = Field(description=CITATIONS)


class NoteEvent(ModelAnswer):
    when: str = Field(description="The date or time as the article writes it, e.g. 'Thursday'.")
    text: str = Field(description="What happened then, in one short sentence.")
    citations: list[str] = Field(description=CITATIONS)

    _dated = field_validator("when")(dated)


class ChunkNotes(ModelAnswer):
    """Map step: what one part of the article says."""

    facts: list[NoteFact] = Field(description="The most important facts, most important first.")
    actors: list[NoteActor] = Field(description="People, states, organizations and armed forces.")
    events: list[NoteEvent] = Field(description="Dated events, in the article's order.")


SENTENCE = 'The id of one article sentence, exactly as shown in brackets, e.g. "S3".'


class PickedFact(ModelAnswer):
    sentence: str = Field(description="The id of an article sentence that states a key fact.")


class PickedActor(ModelAnswer):
    name: str = Field(description="The actor's name exactly as the article writes it.")
    kind: ActorKind = Field(description="What the actor is.")
    role: str = Field(description="Their title or affiliation as the article gives it, or ''.")
    sentence: str = Field(description="The id of the sentence saying what they said or did.")


class PickedEvent(ModelAnswer):
    when: str = Field(description="The date or time as the article writes it, e.g. 'Thursday'.")
    sentence: str = Field(description="The id of the sentence saying what happened then.")

    _dated = field_validator("when")(dated)


class PickedNotes(ModelAnswer):
    """Map step for small models: choose article sentences by id; the program copies them."""

    facts: list[PickedFact] = Field(description="The most important facts, most important first.")
    actors: list[PickedActor] = Field(description="People, states, organizations, armed forces.")
    events: list[PickedEvent] = Field(description="Dated events, in the article's order.")


class DraftImplication(ModelAnswer):
    text: str = Field(description="A key judgment: what this means or what is likely to follow.")
    likelihood: Likelihood = Field(description="Estimative word for how likely it is.")
    confidence: Confidence = Field(description="Confidence in the judgment given the sources.")
    citations: list[str] = Field(description=CITATIONS)


class Synthesis(ModelAnswer):
    """Reduce step: the brief's top, written from the merged notes."""

    title: str = Field(description="A short, factual headline for the brief.")
    bluf: str = Field(
        description="Bottom line up front: 2-3 sentences with the most important facts. "
        "Use only numbers that appear in the notes, written the same way."
    )
    key_facts: list[str] = Field(
        description='Ids of the notes\' facts that matter most (e.g. ["F2", "F1"]), most '
        "important first."
    )
    implications: list[DraftImplication] = Field(description="Key judgments, most important first.")


class RevisedClaim(ModelAnswer):
    id: str = Field(description="The claim's id, unchanged.")
    text: str = Field(description="The corrected claim, using only numbers from the evidence.")


class Revision(ModelAnswer):
    """Repair step for --on-unsupported repair: claims rewritten against the evidence."""

    claims: list[RevisedClaim]


def json_schema_for(
    model: type[BaseModel],
    caps: dict[str, int] | None = None,
    sentence_ids: Sequence[str] | None = None,
) -> dict[str, Any]:
    """A strict JSON Schema for `model`: every field required, no extra properties.

    `caps` adds `maxItems`/`maxLength` limits by field name (small local models need them to
    stop; hosted models get none, as strict-mode servers reject some of these keywords).
    `sentence_ids` turns every `sentence` field into an enum, so a grammar-constrained model
    can only name sentences that exist.
    """
    schema = copy.deepcopy(model.model_json_schema())
    for node in (schema, *schema.get("$defs", {}).values()):
        tighten(node, caps or {})
        if sentence_ids:
            restrict_sentences(node, list(sentence_ids))
    return schema


def restrict_sentences(node: dict[str, Any], ids: list[str]) -> None:
    sentence = node.get("properties", {}).get("sentence")
    if isinstance(sentence, dict) and sentence.get("type") == "string":
        sentence["enum"] = ids
        sentence.pop("maxLength", None)


def tighten(node: dict[str, Any], caps: dict[str, int]) -> None:
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return
    node["additionalProperties"] = False
    node["required"] = list(properties)
    for name, prop in properties.items():
        prop.pop("title", None)
        prop.pop("default", None)
        cap = caps.get(name)
        if cap is None:
            continue
        if prop.get("type") == "array":
            prop["maxItems"] = cap
        elif prop.get("type") == "string":
            prop["maxLength"] = cap
