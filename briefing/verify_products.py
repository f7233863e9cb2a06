"""Totals and speeds a summary works out: "40 laptops at $1,150 each" is about $46,000, and
"621 km in 2.5 hours" an average of about 250 km/h. Both operands sit in one sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from briefing.schema import Quantity
from briefing.units import convert, unit_dimension


def unit_total(
    claim: Quantity,
    operands: list[Quantity],
    each: Callable[[Quantity], bool],
    close: Callable[[Quantity, float], bool],
) -> tuple[str, Quantity] | None:
    """A price said "each" or "apiece" times the count in its sentence."""
    if claim.kind != "money":
        return None
    prices = [q for q in operands if q.kind == "money" and q.unit == claim.unit and each(q)]
    if not prices:
        return None
    counts = _by_sentence(q for q in operands if q.kind == "count" and q.unit is None)
    for price in prices:
        for count in counts.get(price.sentence_id, []):
            total = price.value * count.value
            if close(claim, total):
                return f"{price.text} x {count.text} = {total:,.2f}", price
    return None


def average_speed(
    claim: Quantity, operands: list[Quantity], close: Callable[[Quantity, float], bool]
) -> tuple[str, Quantity] | None:
    """A distance over the time it took, in the claim's unit of speed."""
    if claim.unit is None or unit_dimension(claim.unit) != "speed":
        return None
    distances = [q for q in operands if q.unit and unit_dimension(q.unit) == "length"]
    times = _by_sentence(q for q in operands if q.kind == "duration" and q.low is None)
    for distance in distances:
        km = convert(distance.value, distance.unit or "", "km")
        for time in times.get(distance.sentence_id, []):
            hours = convert(time.value, time.unit or "", "h")
            if km is None or not hours:
                continue
            speed = convert(km / hours, "km/h", claim.unit)
            if speed is not None and close(claim, speed):
                return f"{distance.text} / {time.text} = {speed:,.1f} {claim.unit}", distance
    return None


def _by_sentence(quantities: Iterable[Quantity]) -> dict[str | None, list[Quantity]]:
    found: dict[str | None, list[Quantity]] = {}
    for quantity in quantities:
        found.setdefault(quantity.sentence_id, []).append(quantity)
    return found
