"""Why a source figure with the claim's value is still not the claim's: the refusals.

`verify._match_in` finds source figures whose value restates the claim's (exact, rounded,
converted). Each is then asked, in order, whether the source says it of something else: another
fate, another counted noun, the other direction, another owner, qualifier, subject, possessor,
word, clause or period. The first refusal that applies is the candidate's; a refused candidate
becomes the claim's `mismatch` evidence when nothing else matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from briefing.schema import Quantity
from briefing.units import CURRENCIES
from briefing.verify_context import needs_context, stem
from briefing.verify_contrast import contrasted_away
from briefing.verify_entities import named_elsewhere
from briefing.verify_heads import head_of_other
from briefing.verify_index import SourceIndex
from briefing.verify_match import SYNONYMS, noun_counted_by_other, nouns_clash, nouns_fit
from briefing.verify_opposites import said_opposite
from briefing.verify_periods import Period, periods_conflict
from briefing.verify_possessors import possessed_by_other
from briefing.verify_qualifiers import qualified_elsewhere
from briefing.verify_roles import roles_differ
from briefing.verify_tally import fate_near
from briefing.verify_whose import moved_the_other_way, owned_by_other, stray_percent

QUESTION_END = re.compile(r"\?[\s.]*$")  # "8? ." in a chat log joined with " . "
SHORT_TURN = 6  # words: a chat turn this short has no room to say what its number counts
PARTICIPLE_LENGTH = 6  # shorter -ed words are nouns: "bed", "shed", "seed", "speed", "breed"


class ClaimSide(Protocol):
    """What the claim's text says around its number (`verify._Side`)."""

    @property
    def context(self) -> frozenset[str]: ...
    @property
    def period(self) -> Period: ...
    @property
    def text(self) -> str: ...
    @property
    def fate(self) -> str | None: ...
    @property
    def part(self) -> frozenset[str]: ...
    @property
    def way(self) -> str | None: ...
    @property
    def quantities(self) -> tuple[Quantity, ...]: ...


@dataclass(frozen=True)
class Refusal:
    """A refused candidate, and what the rule that refused it says of the source, if anything."""

    why: str | None = None


def refusal(
    claim: Quantity,
    side: ClaimSide,
    source: Quantity,
    index: SourceIndex,
    ref: tuple[str, int],
) -> Refusal | None:
    """The refusal of a source figure whose value fits the claim's, or None when it is the
    claim's own."""
    sid, position = ref
    sentence = index.sentences[sid].text
    if side.fate is not None and fate_near(sentence, source) not in (None, side.fate):
        return Refusal()  # "killed 40" is not the source's 40 injured
    if noun_counted_by_other(claim, source, index.quantities[sid], sentence):
        return Refusal()  # "50 fire engines": the 50 were firefighters
    if moved_the_other_way(side.way, claim, sentence, source):
        return Refusal()  # "up 40 basis points": the source's fell
    if stray_percent(claim, side.part, sentence, side.text):
        return Refusal()  # "40%" said of another thing, elsewhere
    if side.part and owned_by_other(claim, side.part, side.fate, index, ref):
        return Refusal()  # "core inflation was 3.1%": headline's 3.1%
    if side.text and qualified_elsewhere(claim, side.text, index, ref):
        return Refusal()  # "core inflation": named in full elsewhere
    if side.text and roles_differ(claim, side.text, source, sentence):
        return Refusal()  # "up 18%": the source's 18% is a share
    if side.text and named_elsewhere(claim, side.text, side.context, index, ref):
        return Refusal()  # "Apple ... 22%": the 22% was Samsung's
    if side.text and possessed_by_other(claim, side.text, source, sentence):
        return Refusal()  # "Messi's eight": the source's is Mbappe's
    if side.text:
        why = (
            said_opposite(claim, side.text, source, sentence)  # "winning": it was losing
            or head_of_other(claim, side.text, source, sentence, index)  # "$25m penalty"
            or contrasted_away(  # "Okafor clocked 3:55.97": that was Lind's time
                claim, side.text, list(side.quantities), source, sentence, index.quantities[sid]
            )
        )
        if why:
            return Refusal(why)
    same_fate = _same_fate(side.fate, sentence, source) and not nouns_clash(claim, source)
    words = index.contexts[sid][position]
    # "Nine of the fourteen economists" is the source's "9 of 14": the pair says what it is
    pair = _same_part_of_whole(claim, side, source, sentence, index.quantities[sid])
    if not (same_fate or pair) and not _said_of_same(claim, source, sentence, side.context, words):
        return Refusal()
    if side.period.stated and periods_conflict(side.period, index.period_of(sid, position)):
        return Refusal()  # "4.1% in May": the source's 4.1% was April's
    return None


PART_OF = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?$", re.I)


def _part_of_whole(
    text: str, quantity: Quantity, beside: Sequence[Quantity]
) -> tuple[str, float] | None:
    """ "9 of 14": the 9 is the part of a whole of 14, the 14 the whole of a part of 9."""
    for other in beside:
        if other.end <= quantity.start and PART_OF.fullmatch(text[other.end : quantity.start]):
            return "whole", other.value
        if quantity.end <= other.start and PART_OF.fullmatch(text[quantity.end : other.start]):
            return "part", other.value
    return None


def _same_part_of_whole(
    claim: Quantity, side: ClaimSide, source: Quantity, sentence: str, beside: list[Quantity]
) -> bool:
    """Both say "N of M" with the same partner: the pair itself says what the figure is."""
    ours = _part_of_whole(side.text, claim, side.quantities)
    return ours is not None and ours == _part_of_whole(sentence, source, beside)


def _same_fate(fate: str | None, sentence: str, source: Quantity) -> bool:
    """ "12 Hurt" and "Twelve others were taken to hospitals": one fate says what both count."""
    return fate is not None and fate_near(sentence, source) == fate


def _said_of_same(
    claim: Quantity,
    source: Quantity,
    sentence: str,
    context: frozenset[str],
    source_words: frozenset[str],
) -> bool:
    """Whether the source says this value of the same thing: same noun, or shared context words.

    Small counts recur all over a text, so they need shared words; a value with a unit needs them
    too when the source number is bare ("four years" is not the source's "four" men). A large
    value rarely recurs by chance: only a plainly opposite noun ("men" vs "women") refutes it.
    """
    if claim.noun is not None and claim.noun == source.noun:
        return True
    if frozenset({claim.noun, source.noun}) in SYNONYMS:
        return True  # "roughly 60 staff": the source's "about sixty employees"
    if index_marker_count(source, sentence):
        return True
    shared = len(context & source_words)
    if claim.kind == "time" and source.kind == "count":
        # "Let's make it 7." backs "meet at 7 pm": a bare hour in a short turn or a shared word;
        # "7? 8?" only asks, it settles nothing.
        short = len(sentence.split()) <= SHORT_TURN and not QUESTION_END.search(sentence)
        return source.noun is None and (shared >= 1 or short)
    small = needs_context(claim)
    if claim.noun == "time" and source.noun is not None and stem(source.noun) in context:
        return True  # "shot three times" counts the source's "three shots"
    if _participle(source.noun) and stem(source.noun or "") in context:
        return True  # "Four players are confirmed" says what the source's "4 confirmed" are
    if claim.kind == "count" and not nouns_fit(claim, source, sentence):
        return shared >= 2 if small else not nouns_clash(claim, source)
    priced = claim.kind == "money" or (claim.unit or "").split(" per ")[0] in CURRENCIES
    if claim.unit is not None and source.unit is None and not priced and claim.unit != "age":
        return shared >= 1 or not context
    return shared >= 1 or not context or not small


def _participle(noun: str | None) -> bool:
    """ "confirmed" in "so 4 confirmed": the word after a number is a participle, not a noun."""
    return noun is not None and noun.endswith("ed") and len(noun) >= PARTICIPLE_LENGTH


def index_marker_count(source: Quantity, sentence: str) -> bool:
    return source.start == 0 and sentence[source.end : source.end + 1] in (".", ")")
