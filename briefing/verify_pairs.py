"""Every sum and difference of two neighbouring source numbers of one kind, computed once per
source and sorted, so that "75 arrested" = 24 + 51 is a bisection, not a search per claim.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.schema import Quantity

Close = Callable[[Quantity, float], bool]


@dataclass(frozen=True)
class Pair:
    value: float
    a: Quantity
    b: Quantity
    sign: str  # "+" or "-"


@dataclass(frozen=True)
class PairTable:
    values: list[float] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)

    def find(self, claim: Quantity, close: Close, fits: Callable[[Quantity], bool]) -> Pair | None:
        """The first pair whose result the claim rounds to, with both operands fitting the claim."""
        width = max(0.15 * abs(claim.value), (claim.precision or 1.0) / 2)
        lo = bisect.bisect_left(self.values, claim.value - width)
        hi = bisect.bisect_right(self.values, claim.value + width)
        for pair in self.pairs[lo:hi]:
            if fits(pair.a) and fits(pair.b) and close(claim, pair.value):
                return pair
        return None


def build_pairs(sentences: list[list[Quantity]]) -> PairTable:
    """Sums and differences of same-kind amounts in one sentence or two adjacent ones."""
    found: list[Pair] = []
    for k, here in enumerate(sentences):
        after = sentences[k + 1] if k + 1 < len(sentences) else []
        for i, a in enumerate(here):
            for b in here[i + 1 :] + after:
                if _pairable(a, b):
                    big, small = (a, b) if a.value >= b.value else (b, a)
                    found.append(Pair(a.value + b.value, a, b, "+"))
                    found.append(Pair(big.value - small.value, big, small, "-"))
    found.sort(key=lambda pair: pair.value)
    return PairTable([pair.value for pair in found], found)


TRIVIAL = 1e-3  # an operand this small beside the other changes nothing: "$171 million - $1.04"


def _pairable(a: Quantity, b: Quantity) -> bool:
    if a.low is not None or b.low is not None or a.text == b.text:
        return False
    small, big = sorted((abs(a.value), abs(b.value)))
    if small < TRIVIAL * big:
        return False
    if a.kind == b.kind == "count":
        return a.unit is None and b.unit is None
    if a.kind == b.kind == "duration":
        # "10 inches in 60 minutes, then 5 more in 30 minutes" adds up; "10 minutes ... ten
        # minutes" is one span said twice.
        return a.unit == b.unit and a.value != b.value
    if a.unit == b.unit == "age":  # "16 years older": the 37-year-old and the 21-year-old
        return a.value != b.value
    if a.kind == b.kind == "measure":  # "112.7 million tonnes, up from 107.7 million tonnes"
        return a.unit == b.unit
    return a.kind == b.kind == "money" and a.unit == b.unit
