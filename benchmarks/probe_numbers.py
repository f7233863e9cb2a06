"""Score the number checker on restatements written for this project, per set and domain.

    python benchmarks/probe_numbers.py [--show wrong] [probes/heldout.jsonl]

`probes/restatements.jsonl` holds 1,781 source/claim pairs for development, each written and
labelled by a separate session that never saw the checker's code (`expected` is true when every
number of the claim is supported): set a, 342 short cases across news, business, science,
sports, transcripts, units and hedges; set b, 248 claims over multi-sentence passages; set c,
138 summaries of news, meeting and podcast transcripts, sales calls and earnings calls; set d,
173 headlines with derived numbers, sports reports and earnings bullets; set e, 160 news, LLM
summaries, meetings, podcasts, sales, earnings, chats and headlines; set k, 240 news, earnings,
meetings, podcasts, sales, headlines, sports and science claims; set m, 240 earnings calls,
local news, weather, elections, medicine, sports, meeting minutes and chats; set p, 240
podcasts, sales calls, earnings Q&A, family chats, headlines, courts, health and energy.

`probes/heldout.jsonl` (sets c2, c3, f, g, h, i, j, l, n, o: 1,893 claims, in the style of the
public summary-factuality benchmarks and of an analyst's brief) is for measuring only: never
read its failures while changing the checker, or it stops telling how the checker does on text
nobody tuned it to.

These are our own text, not benchmark data, so they may live in the repository; use them beside
`eval_numbers.py` on the public benchmarks.

A claim counts as supported when every check is supported (and it has at least one).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.verify import check_document

PROBES = Path(__file__).resolve().parent / "probes" / "restatements.jsonl"


def judge(row: dict[str, Any]) -> tuple[bool, list[str]]:
    checks = check_document(row["source"], row["claim"])
    shown = [f"{c.text!r}:{c.status}" for c in checks]
    return bool(checks) and all(c.supported for c in checks), shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=["wrong"])
    parser.add_argument("path", nargs="?", type=Path, default=PROBES)
    args = parser.parse_args()
    text = args.path.read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line]
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # right, total, alarms, misses
    for row in rows:
        supported, shown = judge(row)
        right = supported == row["expected"]
        for key in (f"set {row['set']}", f"  {row['set']}/{row['domain']}"):
            cell = table[key]
            cell[0] += right
            cell[1] += 1
            cell[2] += not right and row["expected"]
            cell[3] += not right and not row["expected"]
        if args.show and not right:
            wanted = "supported" if row["expected"] else "flagged"
            print(f"--- want {wanted}: {row['claim']}\n    {shown}")
            print(f"    SOURCE: {row['source'][:300]}")
    print(f"{'set / domain':28} {'right':>12} {'false alarms':>13} {'misses':>7}")
    for key in sorted(table, key=_order):
        right, total, alarms, misses = table[key]
        print(f"{key:28} {right:4}/{total:<4} {100 * right / total:5.1f}% {alarms:6} {misses:7}")


def _order(key: str) -> tuple[str, bool, str]:
    """Each set's total, then its domains."""
    return key.strip().split("/")[0][-1], not key.startswith("set"), key


if __name__ == "__main__":
    main()
