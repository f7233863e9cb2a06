"""A figure whose sentence gives it to another named subject, while the claim's subject has its
own figure of that kind in another sentence."""

from __future__ import annotations

import pytest

from briefing.verify import check_document

MARKET = (
    "Apple sold an estimated 52.2 million iPhones in the quarter, giving it a 21% share of the "
    "global smartphone market. Rival Samsung shipped 53.5 million units for a 22% share. Overall "
    "shipments fell 8% to 243 million, analysts at Canalys said, and demand for Apple phones "
    "held up."
)


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Apple led the smartphone market with a 22% share.", False),  # Samsung's 22%
        ("Apple had a 21% share of the smartphone market.", True),
        ("Samsung led the smartphone market with a 22% share.", True),
        ("Apple said overall shipments fell 8%.", True),  # no rival figure of Apple's
        ("Apple shipped 52.2 million iPhones.", True),
    ],
)
def test_a_figure_of_another_named_subject(claim: str, supported: bool) -> None:
    checks = [c for c in check_document(MARKET, claim) if c.kind != "date"]
    assert all(check.supported for check in checks) is supported, checks


def test_a_sentence_opening_word_is_no_name() -> None:
    source = (
        "First-quarter earnings per share were $3.50, up 40.6% from last year. Acme's organic "
        "sales rose 16.3% in the period."
    )
    # "First-quarter" opens a sentence: it names nobody, so Acme's 40.6% is not refused
    assert check_document(source, "Acme's earnings per share rose 40.6%.")[0].supported
