"""A figure said with a word whose opposite the source says beside it."""

from __future__ import annotations

import pytest

from briefing.verify import check_document

GAME = "The Wolves beat the Storm 4-1 on Tuesday, snapping a five-game losing streak."
TRADE = (
    "Japan's exports rose 4.3% in September to 9.2 trillion yen. Imports fell 16.3% to 8.9 "
    "trillion yen, leaving a trade surplus of 62.4 billion yen."
)


@pytest.mark.parametrize(
    ("source", "claim", "status"),
    [
        (GAME, "The Wolves came into the game on a five-game winning streak.", "mismatch"),
        (GAME, "The win ended a five-game losing streak.", "exact"),
        (TRADE, "Japan posted a trade deficit of 62.4 billion yen.", "mismatch"),
        (TRADE, "Japan posted a 62.4 billion yen trade surplus.", "exact"),
        # another clause's opposite word is not the figure's own
        (TRADE, "Exports rose 4.3% and imports fell 16.3%.", "exact"),
    ],
)
def test_an_opposite_word_beside_the_figure(source: str, claim: str, status: str) -> None:
    checks = [c for c in check_document(source, claim) if c.kind != "date"]
    assert checks[0].status == status


def test_the_note_says_which_word_the_source_has() -> None:
    check = check_document(GAME, "The Wolves came in on a five-game winning streak.")[0]
    assert check.note == "the source says 'losing' beside 'five', not 'winning'"
