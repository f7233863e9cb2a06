"""Arithmetic the claim announces may use figures from anywhere in the source."""

from __future__ import annotations

import pytest

from briefing.verify import check_document

COURT = (
    "A former care worker who stole £38,500 from elderly residents was jailed on Friday. "
    "She took money from four residents over 26 months. The thefts came to light in March. "
    "She had worked at the home for 14 years. The court heard £12,000 has since been repaid."
)
OFFSITE = (
    "ana: budget for the offsite is 12k\n"
    "ben: venue quote came in at 7,400\n"
    "ana: what about the photographer?\n"
    "ben: not booked yet\n"
    "ana: catering?\n"
    "ben: 2,900 for 45 people"
)
FUND = (
    "Mr Dunmore: How much of the four hundred and twenty million pound fund has been spent?\n"
    "Minister: Let me check.\n"
    "Minister: The supply chain issues set us back.\n"
    "Minister: As of September, two hundred and sixty million pounds has been committed."
)


@pytest.mark.parametrize(
    ("source", "claim", "supported"),
    [
        (COURT, "She stole £38,500, £26,500 of which has yet to be repaid.", True),
        (COURT, "She stole £38,500, £24,500 of which has yet to be repaid.", False),
        (OFFSITE, "Venue and catering together come to 10,300.", True),
        (OFFSITE, "Venue and catering together come to 11,300.", False),
        (FUND, "Roughly 62% of the £420 million fund has been committed.", True),
        (FUND, "Roughly 70% of the £420 million fund has been committed.", False),
    ],
)
def test_a_sum_difference_or_share_the_claim_announces(
    source: str, claim: str, supported: bool
) -> None:
    assert all(check.supported for check in check_document(source, claim)) is supported


def test_without_a_cue_far_figures_are_not_combined() -> None:
    # the same £26,500 said plainly is no arithmetic: far-apart figures make it by chance
    claim = "She was ordered to pay £26,500."
    assert not check_document(COURT, claim)[0].supported


def test_the_arithmetic_is_shown() -> None:
    check = check_document(OFFSITE, "Venue and catering together come to 10,300.")[0]
    assert (check.status, check.arithmetic) == ("derived", "7,400 + 2,900 = 10,300")


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Fibers and fragments together accounted for 88% of particles.", True),
        ("Fibers and fragments together accounted for 90% of particles.", False),
        ("The revised offer is 12.5% lower than the original $96,000 quote.", True),
        ("The revised offer is 15% lower than the original $96,000 quote.", False),
    ],
)
def test_percent_sums_and_relative_differences_the_claim_announces(
    claim: str, supported: bool
) -> None:
    source = (
        "Fibers made up 61% of particles, fragments 27% and films 12%. Most were small. "
        "The original offer was $96,000 per year. The team met twice. "
        "The revised offer is $84,000 per year for the same 80 users."
    )
    assert all(check.supported for check in check_document(source, claim)) is supported


RANGE = (
    "SkyVela now expects pre-tax profit of between €310m and €340m. "
    "That is down from a previous range of €400m to €450m."
)
BID = (
    "The bid came in at $2.35 million. Work would take 14 weeks. "
    "We have $2.1 million in the capital reserve for this."
)


@pytest.mark.parametrize(
    ("source", "claim", "supported"),
    [
        (RANGE, "The new forecast lowers the top of the range by €110m.", True),
        (RANGE, "The new forecast lowers the top of the range by €150m.", False),
        (BID, "The bid exceeds the capital reserve by $250,000.", True),
        (BID, "The bid exceeds the capital reserve by $350,000.", False),
        # a bound is no arithmetic result, cue or not
        (BID, "The bid exceeds the capital reserve by more than $200,000.", False),
    ],
)
def test_a_change_by_an_amount_is_a_cued_difference(
    source: str, claim: str, supported: bool
) -> None:
    assert all(check.supported for check in check_document(source, claim)) is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Mahomes threw for 55 more yards than Allen.", True),
        ("Mahomes threw for 65 more yards than Allen.", False),
    ],
)
def test_the_unit_after_more_is_the_figures(claim: str, supported: bool) -> None:
    source = (
        "Patrick Mahomes threw for 320 yards and three touchdowns. Travis Kelce caught nine "
        "passes. Butker kicked two field goals. Josh Allen passed for 265 yards for Buffalo."
    )
    assert check_document(source, claim)[0].supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("It guided revenue to a midpoint of $885 million.", True),
        ("It guided revenue to a midpoint of $887 million.", False),
        ("Adjusted EPS guidance has a midpoint of $3.65.", True),
        ("Adjusted EPS guidance has a midpoint of $3.60.", False),
    ],
)
def test_a_midpoint_is_the_middle_of_a_range(claim: str, supported: bool) -> None:
    source = (
        "For fiscal 2025 we expect revenue of $880 million to $890 million. We see adjusted EPS "
        "of $3.55-$3.75."
    )
    checks = [c for c in check_document(source, claim) if c.kind == "money"]
    assert checks[0].supported is supported


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("The internet bill is going up by £6 a month.", True),  # £38 - £32
        ("The internet bill is going up by £8 a month.", False),
    ],
)
def test_a_rate_going_up_by_an_amount_is_a_cued_difference(claim: str, supported: bool) -> None:
    source = (
        "Leah: Also the internet goes up from £32 to £38 a month from March. Amir: Can we "
        "switch? Tom: Only if there's no exit fee, ours is £60 if we leave before June."
    )
    checks = [c for c in check_document(source, claim) if c.kind == "rate"]
    assert checks[0].supported is supported
