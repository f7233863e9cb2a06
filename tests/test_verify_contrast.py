"""Figures set against each other in one sentence, each in its own clause."""

from __future__ import annotations

import pytest

from briefing.numbers import find_quantities
from briefing.verify import check_document
from briefing.verify_contrast import clause_of, words

SEGMENTS = (
    "Larkfield said organic sales rose 5%. "
    "Beauty organic sales rose 9%, Health Care 7%, and Fabric Care 4%."
)
RACE = (
    "Kenya's Ruth Amani won in 3:49.04. Ethiopia's Dina Okafor clocked 3:53.37, "
    "while Sweden's Maja Lind ran 3:55.97."
)


@pytest.mark.parametrize(
    ("source", "claim", "status"),
    [
        (SEGMENTS, "Beauty organic sales up 7%", "mismatch"),  # the 7% was Health Care's
        (SEGMENTS, "Beauty organic sales up 9%", "exact"),
        (SEGMENTS, "Health Care organic sales grew 7%", "exact"),
        (SEGMENTS, "Fabric Care sales rose 9%", "mismatch"),
        (RACE, "Okafor clocked 3:55.97.", "mismatch"),  # Lind's time
        (RACE, "Okafor finished in 3:53.37.", "exact"),
    ],
)
def test_a_figure_said_with_the_other_clauses_words_is_refused(
    source: str, claim: str, status: str
) -> None:
    assert check_document(source, claim)[-1].status == status


@pytest.mark.parametrize(
    ("source", "claim"),
    [
        # the claim gives both figures: it may borrow words from either clause
        (SEGMENTS, "Health Care grew 7%, behind Beauty's 9%."),
        # "five of the seven board members": the noun after the whole is the part's too
        (
            "We spoke to five of the seven board members, and four were in favor.",
            "Four of the five board members consulted backed the plan.",
        ),
        # ends of one range
        ("It could mean 50,000 to 70,000 fewer deaths a year.", "It could save 70,000 lives."),
    ],
)
def test_figures_that_are_not_set_against_each_other_pass(source: str, claim: str) -> None:
    assert all(check.status != "mismatch" for check in check_document(source, claim))


def test_a_clause_is_a_few_content_words_between_cuts() -> None:
    sentence = "In the north, 230 people died in the floods; in the south, 45."
    found = find_quantities(sentence)
    assert words(clause_of(sentence, found[0], found[1:])) == {"peopl", "died", "flood"}
    assert words(clause_of(sentence, found[1], found[:1])) == {"south"}
