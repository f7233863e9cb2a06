"""Who said a number, when the source is a transcript: "Dev said about 18,000 runners finished"
is wrong when it was Mike who said "about eighteen thousand finished". Meeting and podcast
summaries credit figures to speakers, and a figure given to the wrong one is a mismatch.

A source is a transcript when most of its lines open with a speaker label ("Grad A (Tomas):",
"Chair (Ms Okafor):", "ana:"); a sentence belongs to the label of its line. A claim credits a
figure when a name or role stands right before a verb of saying ("Ines reported", "the project
manager said"). Only a credit to someone the transcript labels is questioned, and only when none
of that speaker's lines gives the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.schema import Quantity, Sentence

# "Priya:", "Grad A (Tomas):", "Ravi Menon, CFO:", "Jennifer Alvarado, Chief Executive Officer:"
LABEL = re.compile(
    r"^\s*(?P<name>[A-Za-z][\w'.-]*(?:\s[A-Z][\w'.-]*){0,3})\s*"
    r"(?:\((?P<aside>[^()]{1,40})\)|,\s*(?P<role>[A-Z][\w'.&-]*(?:\s[A-Za-z&][\w'.&-]*){0,4}))?:\s"
)
LABELLED_SHARE = 0.5  # a transcript: at least this share of its lines open with a label
SAYING = (
    r"said|says|reported|reports|noted|notes|told|mentioned|suggested|pointed\s+out|estimated|"
    r"calculated|argued|explained|confirmed|added|claimed|stated|proposed|announced|revealed|"
    r"recalled|warned|insisted|admitted|asked|put\s+(?:it|the\s+figure)|quoted|highlighted|"
    r"recommended|offered|cited|predicted|guessed|recounted"
)
# "Ines reported", "Dev said", "the project manager said", "The user interface designer noted"
CREDIT = re.compile(
    rf"(?:^|[\s,(])(?P<who>(?:[Tt]he\s+)?(?:[A-Za-z][\w'-]*\s+){{0,3}}[A-Za-z][\w'-]*)"
    rf"\s+(?:{SAYING})\b"
)
SKIP_WORDS = frozenset(
    {"the", "a", "an", "mr", "mrs", "ms", "dr", "and", "of", "he", "she", "they", "it", "who"}
)
# Words of a role a claim may use for a label's person ("the project manager" for "Project
# Manager:"); each must be in the label for the credit to name that speaker.
GENERIC = frozenset({"team", "group", "company", "everyone", "someone", "speaker", "speakers"})


@dataclass(frozen=True)
class Turns:
    """The speaker of each labelled sentence of a transcript, as sets of lower-case name words."""

    by_sentence: dict[str, frozenset[str]]
    speakers: tuple[frozenset[str], ...]
    labels: dict[str, str] = field(default_factory=dict)  # sentence id -> its line's label


def read_turns(sentences: list[Sentence]) -> Turns:
    """Speaker words per sentence id, when most lines (paragraphs) open with a label."""
    firsts: dict[int, Sentence] = {}
    for sentence in sentences:
        firsts.setdefault(sentence.paragraph, sentence)
    labelled = sum(LABEL.match(first.text) is not None for first in firsts.values())
    if len(firsts) < 2 or labelled < LABELLED_SHARE * len(firsts):
        return Turns({}, ())
    by_sentence: dict[str, frozenset[str]] = {}
    labels: dict[str, str] = {}
    speaker: frozenset[str] = frozenset()
    label = ""
    for sentence in sentences:
        match = LABEL.match(sentence.text)
        if match is not None:
            speaker = _words(match.group("name"), match.group("aside") or match.group("role"))
            label = match.group().strip().rstrip(":")
        elif firsts[sentence.paragraph] is sentence:
            speaker, label = frozenset(), ""  # a new line with no label: nobody known
        if speaker:
            by_sentence[sentence.id], labels[sentence.id] = speaker, label
    speakers = tuple(dict.fromkeys(by_sentence.values()))
    return Turns(by_sentence, speakers if len(speakers) >= 2 else (), labels)


def credited(
    claim_text: str, claim: Quantity, quantities: list[Quantity], turns: Turns
) -> frozenset[str] | None:
    """The name words of the labelled speaker the claim credits with its number, if any. Only
    the first figure after the verb of saying is credited: "the minister said around 9,500 ...,
    about 1,500 fewer than the 11,000 promised" may quote others for the rest."""
    if not turns.speakers or claim.kind in ("date", "time"):
        return None
    before = re.split(r"[.;!?]\s", claim_text[: claim.start])[-1]
    matches = list(CREDIT.finditer(before))
    if not matches:
        return None
    verb_end = claim.start - len(before) + matches[-1].end()
    if any(verb_end <= q.start < claim.start for q in quantities if q.kind not in ("date", "time")):
        return None
    who = [w.lower() for w in re.findall(r"[\w'-]+", matches[-1].group("who"))]
    words = frozenset(w.removesuffix("'s") for w in who) - SKIP_WORDS
    if not words or words & GENERIC:
        return None
    named = [speaker for speaker in turns.speakers if words <= speaker]
    if not named:
        # a name alone ("Ines") may be the last of a credit's words ("Grad B Ines" is rare)
        last = who[-1].removesuffix("'s")
        named = [speaker for speaker in turns.speakers if last in speaker]
    return named[0] if len(named) == 1 else None


def said_by(speaker: frozenset[str], sentence_ids: set[str], turns: Turns) -> bool:
    """Whether any of the sentences is a line of that speaker, or of an unlabelled voice."""
    return any(turns.by_sentence.get(sid, speaker) == speaker for sid in sentence_ids)


def _words(name: str, aside: str | None) -> frozenset[str]:
    words = re.findall(r"[A-Za-z][\w'-]*", f"{name} {aside or ''}")
    return frozenset(w.lower() for w in words if w.lower() not in SKIP_WORDS)
