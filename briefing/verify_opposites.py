"""A figure the claim says with a word whose opposite the source says beside it.

"a five-game winning streak" against "snapping a five-game losing streak"; "a £22m profit" against
"a £22m loss"; "exports of $3bn" against "imports of $3bn". The words right around a figure say
what it is; a claim that turns one of them into its opposite states another fact with the same
number.
"""

from __future__ import annotations

import re

from briefing.schema import Quantity

PAIRS = (
    ("winning", "losing"),
    ("win", "loss"),
    ("wins", "losses"),
    ("profit", "loss"),
    ("profits", "losses"),
    ("surplus", "deficit"),
    ("exports", "imports"),
    ("export", "import"),
    ("inflows", "outflows"),
    ("buy", "sell"),
    ("bought", "sold"),
    ("purchases", "sales"),
    ("gains", "losses"),
    ("gained", "lost"),
    ("hired", "fired"),
    ("hires", "layoffs"),
    ("births", "deaths"),
    ("home", "away"),
    ("north", "south"),
    ("east", "west"),
    ("northern", "southern"),
    ("eastern", "western"),
    ("upstream", "downstream"),
    ("minimum", "maximum"),
    ("lowest", "highest"),
    ("oldest", "youngest"),
    ("domestic", "international"),
    ("inbound", "outbound"),
    ("men's", "women's"),
    ("male", "female"),
)
OPPOSITE: dict[str, str] = {**dict(PAIRS), **{b: a for a, b in PAIRS}}
WORD = re.compile(r"[A-Za-z][\w']*")
BREAK = re.compile(r"[.;:!?,()]|\b(?:and|but|while|whereas|as|with|against|versus)\b")
BEFORE, AFTER = 3, 3  # words either side of a figure, within its clause


def beside(text: str, quantity: Quantity) -> frozenset[str]:
    """The lower-cased words right around a figure, up to a clause break."""
    left = BREAK.split(text[max(0, quantity.start - 50) : quantity.start])[-1]
    right = BREAK.split(text[quantity.end : quantity.end + 50])[0]
    words = WORD.findall(left)[-BEFORE:] + WORD.findall(right.replace("-", " "))[:AFTER]
    return frozenset(word.lower() for word in words)


def said_opposite(claim: Quantity, claim_text: str, source: Quantity, sentence: str) -> str | None:
    """Why the claim's figure is refused, when it has a word beside it whose opposite the
    source's figure has, and the source's figure lacks the claim's word; else None."""
    theirs = beside(sentence, source)
    for word in sorted(beside(claim_text, claim)):
        opposite = OPPOSITE.get(word)
        if opposite in theirs and word not in theirs:
            return f"the source says {opposite!r} beside {source.text!r}, not {word!r}"
    return None
