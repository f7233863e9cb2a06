"""Run the embedded model through the real pipeline and measure speed and brief quality.

    .venv/bin/python benchmarks/bench_local_model.py [ARTICLES...] [--model-file X.gguf]

Runs `briefing generate` (pipeline.run, no cache, PDF + JSON + Markdown into a temporary
folder) on the seed article and on every article given, one brief each, and prints per brief:

- speed: model load time, prompt and generation tokens/s (llama.cpp's own counters, read from
  the server's /metrics before it stops), wall time, model calls, peak RSS of the CLI process
  and of the server process;
- quality, measured by the program on the brief it wrote:
    numbers ok  share of facts with numbers whose numbers are all supported by the source
    actors ok   share of actors whose name (or its last word) occurs in the source text
    cited ok    share of facts whose citations exist and hold the fact: each supported number's
                evidence sentence is cited, and a fact without numbers shares >= 40% of its
                content words with the cited sentences
    repeats     sentences of the brief that repeat an earlier one (same words, Jaccard >= 0.8)

Under the small profile's "drop" policy, failing claims are removed before this is measured;
the "dropped" column says how many.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from briefing import backends, local_server, profiles  # noqa: E402
from briefing.config import load_settings  # noqa: E402
from briefing.pipeline import run  # noqa: E402
from briefing.schema import Brief, Source  # noqa: E402

SEED = ROOT / "seeds" / "kursk-north-korean-troops.txt"
WORD = re.compile(r"[a-z0-9%$€£]+(?:[.,][0-9]+)*")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "with",
        "by",
        "from",
        "as",
        "it",
        "its",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "them",
        "which",
        "who",
        "said",
        "says",
    ]
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass
class ServerStats:
    pid: int
    metrics: dict[str, float]
    peak_rss_kb: int | None


SERVER_STATS: list[ServerStats] = []


@contextlib.contextmanager
def metered_serve(*args: Any, **kwargs: Any) -> Iterator[local_server.LocalEndpoint]:
    """The pipeline's `serve`, plus a look at the server's counters just before it stops."""
    with local_server.serve(*args, **kwargs) as endpoint:
        try:
            yield endpoint
        finally:
            SERVER_STATS.append(
                ServerStats(endpoint.pid, read_metrics(endpoint), peak_rss_kb(endpoint.pid))
            )


def read_metrics(endpoint: local_server.LocalEndpoint) -> dict[str, float]:
    """llama.cpp's Prometheus counters, e.g. `prompt_tokens_total` -> 1014.0."""
    url = endpoint.base_url.removesuffix("/v1") + "/metrics"
    reply = httpx.get(url, headers={"Authorization": f"Bearer {endpoint.api_key}"}, timeout=10)
    reply.raise_for_status()
    metrics = {}
    for line in reply.text.splitlines():
        if line.startswith("llamacpp:"):
            name, _, value = line.removeprefix("llamacpp:").partition(" ")
            metrics[name] = float(value)
    return metrics


def peak_rss_kb(pid: int) -> int | None:
    """The process's peak resident set (Linux /proc; None elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else None


class QuietProgress:
    def note(self, message: str) -> None:
        pass

    def advance(self, done: int, total: int) -> None:
        pass


# --- quality figures ----------------------------------------------------------------------


def content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in STOPWORDS}


def similar(a: str, b: str) -> bool:
    wa, wb = content_words(a), content_words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.8


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} {100 * hits / total:.0f}%" if total else "n/a"


def numbers_ok(brief: Brief) -> tuple[int, int]:
    with_numbers = [f for f in brief.facts if f.numbers]
    return sum(all(n.supported for n in f.numbers) for f in with_numbers), len(with_numbers)


def actors_ok(brief: Brief, sources: list[Source]) -> tuple[int, int]:
    text = " ".join(s.text for s in sources).lower()

    def named(name: str) -> bool:
        last = name.split()[-1] if name.split() else ""
        return name.lower() in text or (len(last) > 3 and last.lower() in text)

    return sum(named(a.name) for a in brief.actors), len(brief.actors)


def cited_ok(brief: Brief, sources: list[Source]) -> tuple[int, int]:
    sentences = {s.id: s.text for source in sources for s in source.sentences}

    def holds(fact: Any) -> bool:
        if not fact.citations or any(c not in sentences for c in fact.citations):
            return False
        supported = [n for n in fact.numbers if n.supported and n.evidence]
        if supported:
            return all(n.evidence.sentence_id in fact.citations for n in supported)
        cited = content_words(" ".join(sentences[c] for c in fact.citations))
        words = content_words(fact.text)
        return bool(words) and len(words & cited) / len(words) >= 0.4

    return sum(holds(f) for f in brief.facts), len(brief.facts)


def brief_sentences(brief: Brief) -> list[str]:
    texts = [
        brief.bluf.text,
        *(f.text for f in brief.facts),
        *(a.action.text for a in brief.actors),
    ]
    texts += [i.text for i in brief.implications] + [e.text for e in brief.timeline]
    return [s for text in texts for s in SENTENCE_END.split(text) if content_words(s)]


def repeated_sentences(brief: Brief) -> int:
    seen: list[str] = []
    repeats = 0
    for sentence in brief_sentences(brief):
        if any(similar(sentence, earlier) for earlier in seen):
            repeats += 1
        seen.append(sentence)
    return repeats


# --- the run ----------------------------------------------------------------------------------


def run_one(article: Path, model_file: Path | None, out: Path) -> dict[str, str]:
    settings = load_settings(
        {"backend": "local", "model_file": model_file, "use_cache": False, "out": out},
        env={},
        toml={},
    )
    started = time.perf_counter()
    result = run([article], settings, progress=QuietProgress())
    wall_s = time.perf_counter() - started
    brief, sources = result.brief, result.sources
    stats = SERVER_STATS[-1]
    m = stats.metrics
    tokens = f"{m.get('prompt_tokens_total', 0):.0f}+{m.get('tokens_predicted_total', 0):.0f}"
    return {
        "article": article.stem[:28],
        "load s": f"{brief.run.generated.model_load_s or 0:.2f}",
        "prompt t/s": rate(m, "prompt_tokens_total", "prompt_seconds_total"),
        "gen t/s": rate(m, "tokens_predicted_total", "tokens_predicted_seconds_total"),
        "tokens p+g": tokens,
        "wall s": f"{wall_s:.1f}",
        "calls": str(brief.run.generated.model_calls),
        "RSS MB cli/srv": f"{self_peak_mb():.0f}/{(stats.peak_rss_kb or 0) / 1024:.0f}",
        "facts": str(len(brief.facts)),
        "dropped": str(len(brief.dropped)),
        "numbers ok": share(*numbers_ok(brief)),
        "actors ok": share(*actors_ok(brief, sources)),
        "cited ok": share(*cited_ok(brief, sources)),
        "repeats": str(repeated_sentences(brief)),
    }


def rate(metrics: dict[str, float], tokens: str, seconds: str) -> str:
    return f"{metrics[tokens] / metrics[seconds]:.0f}" if metrics.get(seconds) else "n/a"


def self_peak_mb() -> float:
    # ru_maxrss is in KiB on Linux (bytes on macOS, where this figure reads 1024x too high)
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def print_table(rows: list[dict[str, str]]) -> None:
    columns = list(rows[0])
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for row in rows:
        print("  ".join(row[c].ljust(widths[c]) for c in columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="*", type=Path, help="more articles besides the seed")
    parser.add_argument("--model-file", type=Path, help="a GGUF file [default: SmolLM2-135M]")
    parser.add_argument("--keep", type=Path, help="write the briefs here instead of a temp dir")
    parser.add_argument(
        "--sampling",
        type=json.loads,
        help="replace the small profile's llama.cpp sampling, e.g. '{\"repeat_penalty\": 1.1}'",
    )
    args = parser.parse_args()
    if args.sampling is not None:
        profiles.SMALL_LLAMA_CPP_SAMPLING = args.sampling

    backends.serve = metered_serve  # type: ignore[attr-defined]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        out_root = args.keep or Path(scratch)
        for index, article in enumerate([SEED, *args.articles]):
            rows.append(run_one(article, args.model_file, out_root / f"{index}-{article.stem}"))
            print(f"done: {article}", file=sys.stderr)
    print_table(rows)


if __name__ == "__main__":
    main()
