"""Totals and speeds a summary works out: "40 laptops at $1,150 each" is about $46,000, "45 seats
at $38 per seat per month" $1,710 a month, and "621 km in 2.5 hours" an average of about 250 km/h.
Both operands sit in one sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from briefing.schema import Quantity
from briefing.units import convert, unit_dimension
from briefing.verify_context import stem

# What a price is paid for: the thing ("seat"; None for "each") and the period ("month"), if any
Basis = tuple[str | None, str | None]


def unit_total(
    claim: Quantity,
    operands: list[Quantity],
    priced: Callable[[Quantity], Basis | None],
    close: Callable[[Quantity, float], bool],
    near: Callable[[Quantity], list[Quantity]] = lambda _: [],
) -> tuple[str, Quantity] | None:
    """A price of one thing times the count of those things in its sentence: "40 laptops at
    $1,150 each", "45 seats at $38 per seat per month" ($1,710 a month). A price paid per period
    makes a total per that period only. A price that names what it is per ("$36 per seat") may
    take the count of that noun from a neighbouring sentence ("Dana asked for 350 seats")."""
    base, _, period = (claim.unit or "").partition(" per ")
    if claim.kind not in ("money", "rate") or (claim.kind == "rate") != bool(period):
        return None
    prices = [
        (price, basis)
        for price in operands
        if price.kind == "money" and price.unit == base
        for basis in [priced(price)]
        if basis is not None and basis[1] == (period or None)
    ]
    if not prices:
        return None
    counts = _by_sentence(q for q in operands if q.kind == "count" and q.unit is None)
    for price, basis in prices:
        beside = counts.get(price.sentence_id, [])
        if basis[0] is not None:
            beside = beside + [
                q
                for q in near(price)
                if q.sentence_id != price.sentence_id
                and q.kind == "count"
                and q.unit is None
                and q.noun is not None
                and stem(q.noun) == stem(basis[0])
            ]
        for count in beside:
            if basis[0] is not None and (count.noun is None or stem(count.noun) != stem(basis[0])):
                continue  # "$9 per vehicle" times vehicles, not seats
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
