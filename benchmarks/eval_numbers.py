"""Score the number checker on the shared numeric-claims set, per dataset.

    python benchmarks/eval_numbers.py [PATH.jsonl] [--show misses|false-flags] [--dataset NAME]

A summary is "flagged" when any of its numbers is unsupported or a mismatch. Per dataset it prints
recall on numeric errors, the false-flag rate on consistent summaries and the share of other errors
flagged anyway; NumHG (consistent headlines with derived numbers) gets its own line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.verify import check_document

DEFAULT_PATH = Path(__file__).resolve().parent.parent.parent / "shared/eval/numeric_claims.jsonl"


def judge(row: dict[str, Any]) -> dict[str, Any]:
    """Check one summary against its source; keep what a reader of the misses needs."""
    checks = check_document(row["source"], row["summary"])
    bad = [f"{c.text!r}:{c.status}" for c in checks if not c.supported]
    good = [
        f"{c.text!r}:{c.status}" + (f"[{c.arithmetic}]" if c.arithmetic else "")
        for c in checks
        if c.supported
    ]
    return {"id": row["id"], "flagged": bool(bad), "bad": bad, "good": good}


def group(row: dict[str, Any]) -> str:
    if row["label"] == "consistent":
        return "consistent"
    return "numeric" if row["numeric_error"] is True else "other"


def rate(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f}% ({hits}/{total})" if total else "    -"


def report(rows: list[dict[str, Any]], results: dict[str, dict[str, Any]]) -> None:
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in rows:
        cell = table[row["dataset"]][group(row)]
        cell[0] += results[row["id"]]["flagged"]
        cell[1] += 1
    print(
        f"{'dataset':24} {'recall (numeric errors)':>24} {'false flags (consistent)':>25} "
        f"{'flagged anyway (other)':>24}"
    )
    for dataset in sorted(d for d in table if d != "numhg"):
        cells = table[dataset]
        print(
            f"{dataset:24} {rate(*cells['numeric']):>24} {rate(*cells['consistent']):>25} "
            f"{rate(*cells['other']):>24}"
        )
    if "numhg" in table:
        print(f"{'numhg (flagged)':24} {rate(*table['numhg']['consistent']):>24}")


def show(rows: list[dict[str, Any]], results: dict[str, dict[str, Any]], what: str) -> None:
    for row in rows:
        result = results[row["id"]]
        kind = group(row)
        miss = what == "misses" and kind == "numeric" and not result["flagged"]
        false_flag = what == "false-flags" and kind == "consistent" and result["flagged"]
        if miss or false_flag:
            why = row["meta"].get("numeric_evidence") or row["meta"].get("derivation", "")
            print(f"--- {row['id']}  {why}")
            print(f"    SUMMARY: {row['summary'][:400]}")
            print(f"    bad: {result['bad']}  good: {result['good']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--show", choices=["misses", "false-flags"])
    parser.add_argument("--dataset", help="only rows whose dataset starts with this")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line]
    if args.dataset:
        rows = [row for row in rows if row["dataset"].startswith(args.dataset)]
    started = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        results = {r["id"]: r for r in pool.map(judge, rows, chunksize=16)}
    if args.show:
        show(rows, results, args.show)
    report(rows, results)
    print(f"{len(rows)} summaries checked in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
