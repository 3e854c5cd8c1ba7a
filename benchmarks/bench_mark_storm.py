"""Benchmark: seconds to read text holding one long run of combining marks (a "Zalgo" storm), at two sizes.

Normalising Unicode sorts each run of combining marks by insertion (CPython's
``unicodedata``, in C and deaf to Ctrl-C), so its time grows with the run
squared. kgraph keeps the first 30 marks of a run (Unicode's stream-safe
limit) before it normalises: article text (:func:`kgraph.sources.ingest.sanitize`)
and the lookup key of a name read from a graph file (:func:`kgraph.sources.gazetteer.norm`).
This prints, for a run of SIZE and 4x SIZE marks (two classes, in the order
normalising must reverse), the seconds of each step and of bare
``unicodedata.normalize``. Run::

    nice .venv/bin/python benchmarks/bench_mark_storm.py [--size 20000]

A growth near 4x (not 16x) between the two sizes is what to look for; bare
normalising shows the 16x.
"""

from __future__ import annotations

import argparse
import time
import unicodedata


def storm(n: int) -> str:
    """Return a sentence whose one word carries ``n`` combining marks."""
    return "Mara Quell visited Tolvenna" + "\u0301" * (n // 2) + "\u0316" * (n - n // 2) + " on Monday."


def seconds(fn, text: str) -> float:
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def main() -> None:
    """Print seconds per step at SIZE and 4x SIZE marks."""
    from kgraph.sources import gazetteer, ingest

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=20_000, help="marks in the smaller run")
    args = ap.parse_args()
    steps = {"sanitize": ingest.sanitize, "gazetteer.norm": gazetteer.norm,
             "bare NFC": lambda t: unicodedata.normalize("NFC", t)}
    ingest.sanitize("\u00e9")  # the table of marks is built once per process: not part of a read
    print(f"{'step':16s} {'marks':>8s} {'bytes':>9s} {'seconds':>8s}  growth")
    for name, fn in steps.items():
        first = None
        for n in (args.size, 4 * args.size):
            text = storm(n)
            s = seconds(fn, text)
            growth = f"x{s / first:.1f} time" if first else ""
            first = first or max(s, 1e-4)
            print(f"{name:16s} {n:8d} {len(text.encode()):9d} {s:8.3f}  {growth}", flush=True)


if __name__ == "__main__":
    main()
