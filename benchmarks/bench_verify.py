"""Time checking a 10,000-word synthetic source against 200 claims.

    python benchmarks/bench_verify.py

Prints the time to index the source and to check the claims; the goal is well under a second.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.schema import Source
from briefing.sentences import split_sentences
from briefing.verify import check_claim, index_sources

NOUNS = ["troops", "civilians", "tanks", "villages", "drones", "people", "soldiers", "shells"]
UNITS = ["km", "miles", "square miles", "tonnes", "per cent", "days"]
FILLER = [
    "officials",
    "said",
    "the",
    "situation",
    "near",
    "the",
    "border",
    "remained",
    "tense",
    "as",
    "forces",
    "moved",
    "along",
    "the",
    "river",
    "while",
    "analysts",
    "in",
    "the",
    "capital",
    "warned",
    "of",
    "further",
    "escalation",
]


def make_sentence(rng: random.Random) -> str:
    """About 25 words with two or three numbers of different kinds."""
    words = rng.sample(FILLER, 18)
    words.insert(3, f"{rng.randint(2, 90_000):,} {rng.choice(NOUNS)}")
    words.insert(9, f"{rng.randint(1, 900)} {rng.choice(UNITS)}")
    if rng.random() < 0.5:
        words.insert(14, f"${rng.randint(1, 99)}.{rng.randint(1, 9)} million")
    if rng.random() < 0.3:
        words.insert(2, f"in {rng.randint(1990, 2024)}")
    return " ".join(words).capitalize() + "."


def make_source(rng: random.Random, n_words: int) -> str:
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < n_words:
        sentences.append(make_sentence(rng))
    return " ".join(sentences)


def main() -> None:
    rng = random.Random(4)
    text = make_source(rng, 10_000)
    sentences = split_sentences(text)
    claims = [make_sentence(rng) for _ in range(150)]
    claims += [rng.choice(sentences).text for _ in range(50)]  # copied claims: matched early
    started = time.perf_counter()
    index = index_sources([Source(name="bench", text=text, sentences=sentences, sha256="")])
    indexed = time.perf_counter()
    checks = [check for claim in claims for check in check_claim(claim, [], index)]
    done = time.perf_counter()
    print(
        f"source: {len(text.split()):,} words, {len(sentences)} sentences, "
        f"{len(index.all_quantities()):,} quantities"
    )
    print(f"index:  {1000 * (indexed - started):7.1f} ms")
    print(
        f"check:  {1000 * (done - indexed):7.1f} ms for {len(claims)} claims, {len(checks)} numbers"
    )
    print(f"total:  {1000 * (done - started):7.1f} ms")


if __name__ == "__main__":
    main()
