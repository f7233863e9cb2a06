"""Time the render stage: HTML, Markdown and PDF for the seed-like brief and the 60-fact brief.

    .venv/bin/python benchmarks/bench_render.py [--repeat 3]

Prints, per fixture: import time (once), the first render (fonts loaded, caches cold), the best
of the following renders, page count and PDF size. Budget (issue 5): the seed brief renders in
under 2 s after import and its PDF is under 500 KB.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing, like eval_numbers.py
DATA = ROOT / "tests" / "data"
FIXTURES = {"seed-like": "brief_seed.json", "60 facts, 40 actors": "brief_large.json"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="warm renders per fixture")
    args = parser.parse_args()

    started = time.perf_counter()
    import weasyprint  # noqa: F401 - imported here to time it apart from rendering
    from pypdf import PdfReader

    from briefing import render
    from briefing.schema import Brief, Source

    print(f"import (briefing.render + weasyprint): {time.perf_counter() - started:.2f} s")
    raw_sources = json.loads((DATA / "brief_seed.sources.json").read_text(encoding="utf-8"))
    sources = [Source.model_validate(item) for item in raw_sources]
    print(f"{'fixture':<22}{'first':>9}{'best':>9}{'html':>9}{'md':>9}{'pages':>7}{'PDF KB':>9}")
    for label, name in FIXTURES.items():
        brief = Brief.model_validate_json((DATA / name).read_text(encoding="utf-8"))
        timings: list[float] = []
        html_s = md_s = 0.0
        pdf = b""
        for _ in range(1 + args.repeat):
            t0 = time.perf_counter()
            env = render.load_report_env(None)
            html = render.to_html(brief, sources, env)
            t1 = time.perf_counter()
            render.to_markdown(brief, sources, env)
            t2 = time.perf_counter()
            pdf = render.to_pdf(html)
            timings.append(time.perf_counter() - t0)
            html_s, md_s = t1 - t0, t2 - t1
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        best = min(timings[1:]) if len(timings) > 1 else timings[0]
        print(
            f"{label:<22}{timings[0]:>8.2f}s{best:>8.2f}s{html_s:>8.3f}s{md_s:>8.3f}s"
            f"{pages:>7}{len(pdf) / 1024:>9.0f}"
        )


if __name__ == "__main__":
    main()
