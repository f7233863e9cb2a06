"""Second readings of source text that careless writing allows: "7. 5" for 7.5, "twelve fifty"
for 12.50, "a quarter century" for 25 years, "$3 and 50 cents" for $3.50. The index adds them
beside the first readings, so a claim may match either.
"""

from __future__ import annotations

import itertools
import re

from briefing.schema import Quantity


def read_alternatives(text: str, sentence_id: str, found: list[Quantity]) -> list[Quantity]:
    """Second readings a careless text allows: "7. 5" for 7.5, "twelve fifty" for 12.50."""
    extra: list[Quantity] = []
    for match in re.finditer(r"(?<![\d.,])(\d+)\. (\d{1,2})(?![\d,])", text):
        value = float(f"{match.group(1)}.{match.group(2)}")
        extra.append(
            Quantity(
                text=match.group(),
                start=match.start(),
                end=match.end(),
                value=value,
                precision=10.0 ** -len(match.group(2)),
                sentence_id=sentence_id,
            )
        )
    for first, second in itertools.pairwise(found):
        gap = text[first.end : second.start]
        words = first.text.isalpha() and second.text.split()[0].isalpha()
        if words and gap == " " and 1 <= first.value <= 99 and 10 <= second.value <= 99:
            for value in (first.value + second.value / 100, first.value * 100 + second.value):
                extra.append(
                    second.model_copy(
                        update={
                            "text": text[first.start : second.end],
                            "start": first.start,
                            "value": value,
                            "precision": 0.01 if value < 100 else 1.0,
                        }
                    )
                )
    extra.extend(_read_money_and_cents(text, found))
    extra.extend(_read_century_parts(text, sentence_id))
    extra.extend(_read_compound_spans(text, found))
    return extra


SPAN_STEPS = {("h", "min"): 60.0, ("min", "s"): 60.0}
SPAN_GAP = re.compile(r"\s*(?:,|and)?\s*", re.I)


def _read_compound_spans(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "3 minutes 9 seconds" is 189 seconds, "2 hours and 41 minutes" 161 minutes: one time."""
    extra: list[Quantity] = []
    for big, small in itertools.pairwise(found):
        step = SPAN_STEPS.get((big.unit or "", small.unit or ""))
        if (
            step is None
            or big.kind != small.kind
            or not SPAN_GAP.fullmatch(text[big.end : small.start])
        ):
            continue
        extra.append(
            small.model_copy(
                update={
                    "text": text[big.start : small.end],
                    "start": big.start,
                    "value": big.value * step + small.value,
                    "approx": None,
                }
            )
        )
    return extra


CENTURY_PARTS = re.compile(r"\b(quarter|half)[\s-]+(?:a\s+)?century\b", re.I)


def _read_century_parts(text: str, sentence_id: str) -> list[Quantity]:
    """ "a quarter-century" is 25 years, "half a century" 50: the parser reads no fraction words."""
    return [
        Quantity(
            text=match.group(),
            start=match.start(),
            end=match.end(),
            value=25.0 if match.group(1).lower() == "quarter" else 50.0,
            unit="year",
            kind="duration",
            sentence_id=sentence_id,
        )
        for match in CENTURY_PARTS.finditer(text)
    ]


def _read_money_and_cents(text: str, found: list[Quantity]) -> list[Quantity]:
    """ "twelve Euros and fifty centimes" is 12.50 euros."""
    extra: list[Quantity] = []
    for money, cents in itertools.pairwise(found):
        gap = text[money.end : cents.start]
        if (
            money.kind == "money"
            and re.fullmatch(r"\s+and\s+(?:\w\s+)?", gap)
            and cents.value < 100
        ):
            extra.append(
                money.model_copy(
                    update={
                        "text": text[money.start : cents.end],
                        "end": cents.end,
                        "value": money.value + cents.value / 100,
                        "precision": 0.01,
                    }
                )
            )
    return extra
