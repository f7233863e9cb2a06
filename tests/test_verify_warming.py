"""Temperature differences convert by the ratio of the degrees, readings with the offset too."""

from __future__ import annotations

import pytest

from briefing.verify import check_document

PARIS = (
    "The Paris accord aims to limit warming to 1.5C above pre-industrial levels. "
    "On Tuesday it was 30C in the city."
)


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("The accord aims to cap warming at 2.7F above pre-industrial levels.", "converted"),
        ("The accord aims to cap warming at about 3F.", "converted"),
        # the offset belongs to readings: 1.5C of warming is not 34.7F of warming
        ("The accord aims to cap warming at 34.7F above pre-industrial levels.", "unsupported"),
        ("On Tuesday it was 86F in the city.", "converted"),
        ("On Tuesday it was 54F in the city.", "unsupported"),
    ],
)
def test_a_difference_converts_without_the_offset(claim: str, status: str) -> None:
    assert check_document(PARIS, claim)[-1].status == status


@pytest.mark.parametrize(
    ("source", "claim", "supported"),
    [
        ("Temperatures rose by 2C over the century.", "Temperatures rose by 3.6F.", True),
        ("The lake was 4F warmer than average.", "The lake was about 2.2C warmer.", True),
        ("It stayed 5C above freezing all night.", "It stayed at 41F all night.", True),
        ("It stayed 5C above freezing all night.", "It stayed at 9F all night.", False),
    ],
)
def test_the_text_says_which_a_temperature_is(source: str, claim: str, supported: bool) -> None:
    assert check_document(source, claim)[0].supported is supported
