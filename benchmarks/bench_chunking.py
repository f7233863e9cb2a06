"""Time ingest and chunking on a large synthetic article.

    .venv/bin/python benchmarks/bench_chunking.py [--words 200000] [--chunk-tokens 1200]

Prints the time to load the token encoding (once per process), to read and split the article
(.txt and .html), and to chunk it, with tokens per second for each step.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

from briefing import tokens
from briefing.chunking import chunk
from briefing.ingest import read_source

T = TypeVar("T")

SUBJECTS = ["Officials", "The ministry", "Dr. A. Novak", "U.S. envoys", "Local police", "Analysts"]
VERBS = ["said", "reported", "estimated", "confirmed", "denied", "warned"]
OBJECTS = [
    "that {n:,} troops had moved {d} km",
    "losses of about ${m}.{k} million",
    "a rise of {p}% since Jan. {day}",
    "that No. {day} brigade lost {n:,} vehicles",
    "“{p} of the {d} sites were hit…”",
]


def make_article(n_words: int, seed: int = 7) -> str:
    """Deterministic news-like text: headlines, abbreviations, numbers, quotes, paragraphs."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    words = 0
    while words < n_words:
        sentences = [f"Update {len(paragraphs) + 1} From The Front"]  # a headline line
        for _ in range(rng.randint(2, 6)):
            obj = rng.choice(OBJECTS).format(
                n=rng.randint(100, 90_000),
                d=rng.randint(2, 900),
                m=rng.randint(1, 99),
                k=rng.randint(0, 9),
                p=rng.randint(1, 99),
                day=rng.randint(1, 28),
            )
            sentences.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {obj}.")
        paragraphs.append(sentences[0] + "\n" + " ".join(sentences[1:]))
        words += sum(len(s.split()) for s in sentences)
    return "\n".join(paragraphs) + "\n"


def as_html(text: str) -> str:
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
    return (
        "<!doctype html><html><head><title>Benchmark</title><script>var x = 1;</script></head>"
        f"<body><nav><a href='/'>Home</a></nav><article>{body}</article>"
        "<footer>© Example</footer></body></html>"
    )


def timed(label: str, n_tokens: int, action: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    rate = f"{n_tokens / seconds:>12,.0f} tokens/s" if n_tokens else ""
    print(f"{label:<34} {seconds:8.3f} s {rate}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--chunk-tokens", type=int, default=1200)
    parser.add_argument("--overlap", type=int, default=1)
    args = parser.parse_args()

    timed("load o200k_base (first use)", 0, tokens.get_encoding)
    text = make_article(args.words)
    n_tokens = tokens.count_tokens(text)
    print(f"article: {len(text.split()):,} words, {len(text):,} chars, {n_tokens:,} tokens")

    with tempfile.TemporaryDirectory() as folder:
        txt = Path(folder) / "article.txt"
        txt.write_text(text, encoding="utf-8")
        html = Path(folder) / "article.html"
        html.write_text(as_html(text), encoding="utf-8")

        source = timed("ingest .txt (read, decode, split)", n_tokens, lambda: read_source(txt))
        timed("ingest .html (trafilatura, split)", n_tokens, lambda: read_source(html))
    print(f"sentences: {len(source.sentences):,}")
    chunks = timed(
        f"chunk ({args.chunk_tokens} tokens, overlap {args.overlap})",
        n_tokens,
        lambda: chunk(source, max_tokens=args.chunk_tokens, overlap=args.overlap),
    )
    sizes = [piece.n_tokens for piece in chunks]
    print(
        f"chunks: {len(chunks):,}, tokens per chunk min {min(sizes)} / "
        f"mean {sum(sizes) / len(sizes):.0f} / max {max(sizes)} (budget {args.chunk_tokens})"
    )


if __name__ == "__main__":
    main()
