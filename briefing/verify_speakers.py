"""Counts of the people in a conversation, read from the shape of a transcript.

A chat log or meeting transcript never says "two people" or "three speakers": it shows them, one
speaker label per turn ("Alex: ...", "Professor B: ..."). Counting the distinct labels is the same
derivation as counting the names a sentence lists, so "a chat between three friends" is supported
by a transcript with exactly three speakers. A transcript without labels (a podcast recording)
still shows a dialogue; a dialogue has at least two parties, so only "between two" follows from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.schema import Quantity, Sentence

LABEL = re.compile(r"^\s*([A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,2}):\s")
# A turn-taking text: most sentences open with a label.
LABELLED_SHARE = 0.5
# Words that name the participants of a talk, not a role the labels might name.
GROUP_NOUNS = frozenset(
    {
        "people",
        "person",
        "persons",
        "individual",
        "individuals",
        "party",
        "parties",
        "participant",
        "participants",
        "speaker",
        "speakers",
        "friend",
        "friends",
        "voice",
        "voices",
        "host",
        "hosts",
        "man",
        "men",
        "woman",
        "women",
        "colleague",
        "colleagues",
        "user",
        "users",
    }
)
TALK = re.compile(
    r"\b(?:conversation|dialogue|dialog|discussion|exchange|talk|chat|call|meeting|interview|"
    r"debate|tete-a-tete)s?\s+(?:between|among|amongst|involving|with)\s+$",
    re.IGNORECASE,
)
SECOND_PERSON = re.compile(r"\byou\b", re.IGNORECASE)
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Speakers:
    """Who talks in a source: its distinct speaker labels, or only that it is a dialogue."""

    labels: tuple[str, ...] = ()
    dialogue: bool = False


def read_speakers(sentences: list[Sentence]) -> Speakers:
    """The speaker labels of a transcript, or whether an unlabelled text reads as a dialogue."""
    if not sentences:
        return Speakers()
    found = [LABEL.match(sentence.text) for sentence in sentences]
    labels = [match.group(1) for match in found if match is not None]
    if len(set(labels)) >= 2 and len(labels) >= LABELLED_SHARE * len(sentences):
        return Speakers(tuple(dict.fromkeys(labels)), dialogue=True)
    text = " ".join(sentence.text for sentence in sentences)
    words = len(WORD.findall(text))
    questions = text.count("?")
    # Spoken back-and-forth: people ask and address each other ("you") far more than prose does.
    spoken = questions >= 3 and len(SECOND_PERSON.findall(text)) * 100 >= words
    return Speakers(dialogue=spoken)


def count_speakers(claim: Quantity, claim_text: str, speakers: Speakers) -> str | None:
    """The arithmetic behind "a conversation between two people", or None when it does not hold."""
    if claim.kind != "count" or claim.unit is not None or claim.low is not None:
        return None
    if claim.approx is not None or not speakers.dialogue or claim.value != int(claim.value):
        return None
    noun = _noun_after(claim_text, claim)
    talk = TALK.search(claim_text[: claim.start]) is not None
    if noun is not None and noun not in GROUP_NOUNS:
        return None
    if noun is None and not talk:
        return None
    if speakers.labels:
        if claim.value != len(speakers.labels) or _names_a_role(noun, speakers.labels):
            return None
        return f"{' + '.join(speakers.labels)} = {len(speakers.labels)} speakers"
    if talk and claim.value == 2:
        return "a dialogue: at least 2 speakers"
    return None


def _noun_after(text: str, claim: Quantity) -> str | None:
    match = re.match(r"\s+([A-Za-z]+)", text[claim.end :])
    return match.group(1).lower() if match else None


def _names_a_role(noun: str | None, labels: tuple[str, ...]) -> bool:
    """ "two hosts" against labels "Host: ... Guest: ...": the labels count hosts, not people."""
    if noun is None:
        return False
    stem = noun.rstrip("s")
    return any(stem in label.lower() for label in labels)
