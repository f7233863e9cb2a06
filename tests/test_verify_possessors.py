"""A figure the source gives to someone with a possessive is not another name's."""

from __future__ import annotations

import pytest

from briefing.verify import check_document

FINAL = (
    "Argentina won the final on penalties. The 35-year-old Messi finished with seven goals in "
    "the tournament, one behind Mbappe's eight. Messi said Sunday's 3 goals were his best."
)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Messi finished the tournament with seven goals.", True),
        ("Messi finished the tournament with eight goals.", False),  # Mbappe's eight
        ("Mbappe finished the tournament with eight goals.", True),
        ("Messi scored seven, one fewer than Mbappe's eight.", True),  # names the owner
        # a time owns nothing: "Sunday's 3 goals" may be anyone's
        ("Messi added 3 goals.", True),
    ],
)
def test_a_possessive_gives_the_figure_its_owner(claim: str, supported: bool) -> None:
    checks = [c for c in check_document(FINAL, claim) if c.kind != "date"]
    assert all(check.supported for check in checks) is supported, checks


def test_an_owner_the_sentence_does_not_name_is_no_rival() -> None:
    source = "It was Saka's 14th goal of the season."
    # Kulusevski is not in the sentence: nothing says whose the claim's 14th is against
    assert check_document(source, "Kulusevski scored his 14th goal.")[0].supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Halvorsen's third-quarter revenue was $1.42 billion.", True),  # the name, shorter
        ("Lindqvist's third-quarter revenue was $1.42 billion.", False),  # another name of it
    ],
)
def test_an_owner_named_shorter_is_the_same_owner(claim: str, supported: bool) -> None:
    source = (
        "Welcome to Halvorsen Industrial's third-quarter call, hosted by Maria Lindqvist. "
        "Revenue for the quarter was $1.42 billion."
    )
    assert all(c.supported for c in check_document(source, claim)) is supported
