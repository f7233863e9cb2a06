"""A move's two figures are checked as a pair: a change taken from one move and a level from
another is a mismatch, and a start worked back from a stated change and level is derived."""

from __future__ import annotations

import pytest

from briefing.numbers import find_quantities
from briefing.verify import check_document
from briefing.verify_partners import pairs_in

RESULTS = (
    "Revenue climbed 11% to €3.9 billion. Fuel costs rose 4% to €1.1 billion. "
    "Second-quarter output was 98,500 tonnes, down 6% from a year earlier. "
    "Shares fell 8% on the news. Core inflation eased to 4.2% from 4.5%. "
    "Headline inflation was 4.3% in September."
)


@pytest.mark.parametrize(
    ("claim", "statuses"),
    [
        # each figure is in the source, the pair is not
        ("Fuel costs rose 11% to €1.1 billion.", ["mismatch", "exact"]),
        ("Output fell 8% to 98,500 tonnes.", ["mismatch", "exact"]),
        ("Core inflation eased to 4.2% from 4.3%.", ["exact", "mismatch"]),
        # the source's own pairs, in either order of words
        ("Fuel costs rose 4% to €1.1 billion.", ["exact", "exact"]),
        ("Output was 98,500 tonnes, down 6%.", ["exact", "exact"]),
        ("Revenue reached €3.9 billion, up 11%.", ["exact", "exact"]),
        ("Core inflation eased to 4.2% from 4.5%.", ["exact", "exact"]),
    ],
)
def test_a_change_belongs_to_the_level_it_reached(claim: str, statuses: list[str]) -> None:
    assert [check.status for check in check_document(RESULTS, claim)] == statuses


def test_a_level_taken_from_another_move_is_the_one_questioned() -> None:
    source = (
        "Net profit was 4.7 billion kronor. Net interest income slipped 2% to 9.8 billion kronor."
    )
    checks = check_document(source, "Net interest income fell 2% to 4.7 billion kronor.")
    assert [check.status for check in checks] == ["exact", "mismatch"]
    level = checks[1]
    assert level.evidence is not None
    assert level.evidence.quote == "9.8 billion kronor"  # Swedish kronor: money, not a count
    assert level.note == "the source pairs '2%' with '9.8 billion kronor'"


@pytest.mark.parametrize(
    "source",
    [
        # the pair is split over two sentences with no rival move: nothing contradicts it
        "Revenue was €3.9 billion. That was 11% more than a year ago.",
        # one change shared by two moves: the claim's own pair is in the source
        "Revenue rose 4% to €10 billion, and costs rose 4% to €8 billion.",
    ],
)
def test_a_pair_nothing_contradicts_is_left_alone(source: str) -> None:
    claim = "Costs rose 4% to €8 billion." if "costs" in source else "Revenue rose 11% to €3.9bn."
    assert all(check.supported for check in check_document(source, claim))


@pytest.mark.parametrize(
    ("source", "claim", "arithmetic"),
    [
        (
            "Operating margin expanded 150 basis points to 22.5%.",
            "Operating margin rose to 22.5% from 21%.",
            "22.5% - 150 basis points = 21",
        ),
        (
            "Revenue climbed 11% to €3.9 billion.",
            "Revenue rose to €3.9 billion from €3.5 billion.",
            "€3.9 billion / 1.11 (11%) = 3.51 billion",
        ),
        (
            "The airline carried 18.2 million passengers in the quarter, up 6% on a year earlier.",
            "Passengers rose to just over 18 million from about 17.2 million.",
            "18.2 million / 1.06 (6%) = 17.2 million",
        ),
        (
            "Attendance fell 20% to 4,000.",
            "Attendance fell from 5,000 to 4,000.",
            "4,000 / 0.8 (20%) = 5,000",
        ),
    ],
)
def test_a_start_is_worked_back_from_the_change_and_the_level(
    source: str, claim: str, arithmetic: str
) -> None:
    checks = check_document(source, claim)
    assert [check.arithmetic for check in checks if check.status == "derived"] == [arithmetic]


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Operating margin rose to 22.5% from 20%.", False),  # 22.5 - 1.5 is 21, not 20
        ("Operating margin fell to 22.5% from 24%.", False),  # the source's move was up
    ],
)
def test_a_wrong_start_is_not_worked_back(claim: str, supported: bool) -> None:
    source = "Operating margin expanded 150 basis points to 22.5%."
    checks = check_document(source, claim)
    assert all(check.supported for check in checks) is supported, checks


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Margins were 8% and revenue $4.2bn; sales rose 5% to $3bn.", [("5%", "$3bn")]),
        ("Starts fell to 1.24 million while permits edged up 0.6%.", []),
        ("It carried 18.2 million people in the quarter, up 6%.", [("6%", "18.2 million")]),
    ],
)
def test_only_words_of_a_move_tie_a_change_to_a_level(
    text: str, pairs: list[tuple[str, str]]
) -> None:
    found = pairs_in(text, find_quantities(text))
    assert [(a.text, b.text) for a, b, role in found if role == "change"] == pairs


@pytest.mark.parametrize(
    ("claim", "statuses"),
    [
        ("Police funding is up 7% to $212M.", ["derived", "exact"]),  # 14 / (212 - 14)
        ("Police funding is up 9% to $212M.", ["unsupported", "exact"]),
        ("Police funding is down 7% to $212M.", ["unsupported", "exact"]),  # it rose
    ],
)
def test_a_percent_change_is_worked_from_an_amount_moved(claim: str, statuses: list[str]) -> None:
    source = "Police funding will rise by $14 million to $212 million next year."
    assert [check.status for check in check_document(source, claim)] == statuses


GUIDANCE = "The company expects full-year revenue of between $11.1 billion and $11.25 billion."


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Revenue is seen in the range of $11,100 million and $11,250 million.", True),
        ("Revenue is seen from $11.1 billion to $11.25 billion.", True),
        ("Revenue is seen from $11.1 billion to $11.5 billion.", False),
        ("Revenue is seen at $11.25 billion.", False),  # one end is no point forecast
        ("Revenue is seen at about $11.2 billion.", True),
        ("Revenue is seen at $11B.", False),  # below the range
    ],
)
def test_a_range_said_as_its_two_ends(claim: str, supported: bool) -> None:
    checks = check_document(GUIDANCE, claim)
    assert all(check.supported for check in checks) is supported, checks


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("IRS gave out $12B in improper refunds", True),  # rounds the low end, as headlines do
        ("IRS gave out $14B in improper refunds", False),
        ("IRS gave out $13.6 billion in improper refunds", False),  # an end is no point
    ],
)
def test_a_headline_may_round_an_end_of_a_range(claim: str, supported: bool) -> None:
    source = "An audit shows it paid between $11.6 billion and $13.6 billion in improper refunds."
    assert check_document(source, claim)[0].supported is supported


def test_a_worked_out_level_is_questioned_when_the_source_pairs_the_change_otherwise() -> None:
    source = "Patients waiting more than a year rose by 1,140 to 18,760."
    checks = check_document(source, "Patients waiting more than a year rose by 1,140 to 19,900.")
    assert [check.status for check in checks] == ["exact", "mismatch"]  # 18,760 + 1,140 is no level
    assert check_document(source, "Waits rose by 1,140 to 18,760.")[1].status == "exact"


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("Unemployment rises to 5.9%.", "mismatch"),  # 5.9% is where it rose from
        ("Unemployment rose to 6.4%.", "exact"),
        ("Churn fell 0.5 percentage points to 2.6%.", "mismatch"),
        ("Churn reached 2.1%.", "exact"),
    ],
)
def test_the_start_of_a_move_is_not_where_it_arrived(claim: str, status: str) -> None:
    source = (
        "Unemployment in the region rose to 6.4% in the third quarter from 5.9% in the second. "
        "Churn improved to 2.1% from 2.6% a year ago."
    )
    checks = [c for c in check_document(source, claim) if c.kind == "percent" and c.unit == "%"]
    assert checks[-1].status == status, checks


def test_present_tense_headlines_tie_a_change_to_its_level() -> None:
    source = "Passengers rose 12% in July. Cargo volumes fell 3% to 41,000 tonnes."
    checks = check_document(source, "Meridia cargo drops 12% to 41,000 tonnes")
    assert [check.status for check in checks] == ["mismatch", "exact"]
