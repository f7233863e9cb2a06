"""A figure credited to the wrong speaker of a transcript: the claim names who said it
(`verify_said_by.credited`), and none of that speaker's lines gives it."""

from __future__ import annotations

from briefing.schema import Quantity
from briefing.verify_index import SourceIndex
from briefing.verify_partners import quotes_giving
from briefing.verify_said_by import credited, said_by


def said_by_other(
    claim: Quantity, claim_text: str, quantities: list[Quantity], index: SourceIndex
) -> tuple[Quantity, str] | None:
    """The source's statement of the figure and the label of who says it, when the claim
    credits it to a speaker who never says it; None when it credits nobody, or the right one."""
    speaker = credited(claim_text, claim, quantities, index.turns)
    if speaker is None:
        return None
    quotes = quotes_giving(claim, index)
    if not quotes or said_by(speaker, {sid for sid, _ in quotes}, index.turns):
        return None
    first, quote = quotes[0]
    return quote, index.turns.labels.get(first, "")
