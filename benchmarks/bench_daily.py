"""Time `briefing daily` over many generated articles against a stand-in model with latency.

    .venv/bin/python benchmarks/bench_daily.py [--latency-ms 200] [--sizes 10,50,200]
        [--concurrency 4,8] [--format json,md,html] [--chunk-tokens 300]

A stand-in OpenAI-compatible server (benchmarks/standin_server.py) answers every call after
`--latency-ms`. Each run is a fresh process with the cache off, so its peak RSS is its own.
Prints, per run: articles, chunks, model calls, wall time, the ideal (calls / concurrency) x
latency, their ratio, the most calls the server saw in flight at once, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "benchmarks"))

PLACES = ["Varna", "Constanta", "Odesa", "Burgas", "Ruse", "Galati", "Izmail", "Giurgiu"]
THINGS = ["containers", "lorries", "tonnes of grain", "passengers", "ships", "wagons"]
FILLER = [
    "Officials said the situation was being monitored closely.",
    "Local businesses described the mood as cautious.",
    "The ministry did not respond to a request for comment.",
    "Analysts expect more detail later in the week.",
]


def sentence(rng: random.Random) -> str:
    place, thing = rng.choice(PLACES), rng.choice(THINGS)
    forms = [
        f"The port of {place} handled {rng.randint(2, 900) * 100:,} {thing} last month.",
        f"Freight rates to {place} rose {rng.randint(2, 40)}% in {rng.randint(2, 9)} weeks.",
        f"Repairs in {place} will cost ${rng.randint(2, 90)} million, the operator said.",
        f"About {rng.randint(2, 60) * 100:,} workers in {place} joined the strike.",
        rng.choice(FILLER),
    ]
    return rng.choice(forms)


def write_articles(folder: Path, count: int, seed: int = 1) -> None:
    """`count` articles of 6-40 sentences; every fifth repeats a sentence of the one before."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    previous: list[str] = []
    for k in range(count):
        lines = [sentence(rng) for _ in range(rng.randint(6, 40))]
        if k % 5 == 1 and previous:
            lines.insert(1, previous[0])  # the same fact in two articles
        (folder / f"article-{k:03}.txt").write_text(" ".join(lines) + "\n", encoding="utf-8")
        previous = lines


def child(args: argparse.Namespace) -> None:
    """One run of the daily pipeline in this process; prints a JSON line."""
    from briefing.config import load_settings
    from briefing.daily import run_daily

    class Silent:
        def note(self, _message: str) -> None:
            return

        def advance(self, _done: int, _total: int) -> None:
            return

    settings = load_settings(
        {
            "backend": "openai",
            "base_url": args.base_url,
            "api_key": "standin",
            "model": "standin-model",
            "use_cache": False,
            "concurrency": args.concurrency,
            "chunk_tokens": args.chunk_tokens,
            "formats": args.format,
            "out": Path(args.out),
        },
        env={},
        toml={},
    )
    started = time.perf_counter()
    result = run_daily([args.child], settings, day="2024-11-01", progress=Silent())
    wall_s = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    brief = result.brief
    print(
        json.dumps(
            {
                "wall_s": wall_s,
                "articles": result.articles,
                "chunks": result.chunks,
                "model_calls": brief.run.generated.model_calls,
                "facts": len(brief.facts),
                "numbers": brief.verification.numbers,
                "peak_rss_mb": peak_kb / 1024,
            }
        )
    )


def server_stats(base_url: str) -> dict[str, int]:
    with urllib.request.urlopen(base_url.removesuffix("/v1") + "/stats") as response:
        return dict(json.load(response))


def reset(base_url: str) -> None:
    request = urllib.request.Request(base_url.removesuffix("/v1") + "/reset", method="POST")
    with urllib.request.urlopen(request):
        pass


def run_once(
    base_url: str, folder: Path, concurrency: int, args: argparse.Namespace
) -> dict[str, Any]:
    out = Path(tempfile.mkdtemp(prefix="bench-daily-out-"))
    command = [
        sys.executable,
        __file__,
        "--child",
        str(folder),
        *("--base-url", base_url, "--concurrency", str(concurrency)),
        *("--chunk-tokens", str(args.chunk_tokens), "--format", args.format, "--out", str(out)),
    ]
    reset(base_url)
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    shutil.rmtree(out, ignore_errors=True)
    if done.returncode != 0:
        raise SystemExit(f"run failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    figures = dict(json.loads(done.stdout.strip().splitlines()[-1]))
    figures.update(server_stats(base_url))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=200.0)
    parser.add_argument("--sizes", default="10,50,200")
    parser.add_argument("--concurrency", default="4,8")
    parser.add_argument("--format", default="json,md,html")
    parser.add_argument("--chunk-tokens", type=int, default=300)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.concurrency = int(args.concurrency)
        child(args)
        return

    from standin_server import serve

    latency_s = args.latency_ms / 1000
    sizes = [int(s) for s in args.sizes.split(",")]
    levels = [int(c) for c in args.concurrency.split(",")]
    work = Path(tempfile.mkdtemp(prefix="bench-daily-"))
    print(
        f"stand-in latency {args.latency_ms:.0f} ms; chunk tokens {args.chunk_tokens}; "
        f"formats {args.format}; cache off; one fresh process per run"
    )
    header = (
        f"{'articles':>8}{'conc':>6}{'chunks':>8}{'calls':>7}{'wall s':>9}{'ideal s':>9}"
        f"{'ratio':>7}{'in flight':>11}{'peak MB':>9}"
    )
    print(header)
    try:
        with serve(latency_s) as server:
            for size in sizes:
                folder = work / f"n{size}"
                write_articles(folder, size)
                for level in levels:
                    f = run_once(server.base_url, folder, level, args)
                    ideal = f["calls"] / level * latency_s
                    ratio = f"{f['wall_s'] / ideal:>7.2f}" if ideal >= 0.01 else f"{'-':>7}"
                    print(
                        f"{f['articles']:>8}{level:>6}{f['chunks']:>8}{f['calls']:>7}"
                        f"{f['wall_s']:>9.2f}{ideal:>9.2f}{ratio}"
                        f"{f['max_in_flight']:>11}{f['peak_rss_mb']:>9.0f}"
                    )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
