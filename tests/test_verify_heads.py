"""A figure said of one word in the claim and of another in the source."""

from __future__ import annotations

import pytest

from briefing.numbers import find_quantities
from briefing.verify import check_document
from briefing.verify_heads import heads

CRESTVIEW = (
    "Regulators ordered Crestview Utilities to pay a $9.5 million penalty over a 2022 outage. "
    "The settlement also requires the company to spend $25 million on grid upgrades."
)
ELLERY = "The group swung to a pre-tax loss of £18 million from a profit of £22 million."


def figure(text: str, written: str) -> frozenset[str]:
    quantity = next(q for q in find_quantities(text) if q.text == written)
    return heads(text, quantity)


@pytest.mark.parametrize(
    ("text", "written", "expected"),
    [
        ("They must pay a $25 million penalty.", "$25 million", {"pay", "penal"}),
        ("It swung to a £22m pre-tax loss.", "£22m", {"loss"}),  # past the modifier
        (ELLERY, "£22 million", {"profi"}),  # "a profit of"
        ("Prosecutors had sought 12 years.", "12 years", {"sough"}),
        ("Sales rose 9.4% to £412m.", "9.4%", set()),  # a move verb says no what
        ("Earnings per share in the quarter were $6.86.", "$6.86", set()),  # a period says when
    ],
)
def test_the_word_a_figure_is_written_against(text: str, written: str, expected: set[str]) -> None:
    assert figure(text, written) == expected


@pytest.mark.parametrize(
    ("source", "claim", "status"),
    [
        (CRESTVIEW, "Crestview must pay a $25 million penalty.", "mismatch"),
        (CRESTVIEW, "Crestview must pay a $9.5 million penalty.", "exact"),
        (CRESTVIEW, "Crestview will spend $25 million on its grid.", "exact"),
        (ELLERY, "Ellery Home swung to a £22m pre-tax loss.", "mismatch"),
        (ELLERY, "Ellery Home swung to an £18m pre-tax loss.", "exact"),
        (ELLERY, "It made a £22m profit a year earlier.", "exact"),
    ],
)
def test_a_figure_the_source_gives_another_word_is_refused(
    source: str, claim: str, status: str
) -> None:
    found = [c for c in check_document(source, claim) if c.text.startswith(("$", "£"))]
    assert found[0].status == status


def test_a_claim_that_also_says_the_sources_word_keeps_its_match() -> None:
    source = (
        "Net of this adjusting item, earnings per share in the quarter were $6.86. "
        "Earnings per share were $5.50 a year earlier."
    )
    claim = "Capital One reported earnings per share of $6.86 in the quarter."
    assert check_document(source, claim)[0].status == "exact"


def test_the_note_names_the_figure_the_claims_words_fit() -> None:
    check = check_document(CRESTVIEW, "Crestview must pay a $25 million penalty.")[0]
    assert check.note == "the claim's words fit the source's '$9.5 million', not '$25 million'"
