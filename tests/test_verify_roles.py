"""A percentage said as a change is not the source's share, nor the other way round."""

from __future__ import annotations

import pytest

from briefing.numbers import find_quantities
from briefing.verify import check_document
from briefing.verify_roles import role_of

SOURCE = "Digital sales grew 11% and now account for 18% of total sales. Margins were 9%."


@pytest.mark.parametrize(
    ("claim", "supported"),
    [
        ("Digital sales were up 11%.", True),
        ("Digital sales were up 18%.", False),  # 18% is a share
        ("Digital sales made up 18% of total sales.", True),
        ("Digital sales made up 11% of total sales.", False),  # 11% is a change
        ("Digital sales reached 18%.", True),  # the claim does not say which
        ("Margins rose 9%.", True),  # the source does not say which
    ],
)
def test_a_change_is_not_a_share(claim: str, supported: bool) -> None:
    assert check_document(SOURCE, claim)[0].supported is supported


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("sales grew 11%", "change"),
        ("an 18% rise in sales", "change"),
        ("accounted for about 18% of sales", "share"),
        ("18% of total sales", "share"),
        ("a margin of 18%", None),
    ],
)
def test_the_words_beside_a_percentage_say_its_role(text: str, role: str | None) -> None:
    percent = next(q for q in find_quantities(text) if q.kind == "percent")
    assert role_of(text, percent) == role
