"""Benchmark: corpus-scale builds (speed against bare nlp.pipe, --jobs 2, memory, incremental re-runs).

Generates a corpus of news-like articles from real sentences, shuffled (see
``make_corpus.py``; nothing is committed), then measures, each in a fresh
process:

1. bare ``nlp.pipe`` (batch 64) with the very pipeline kgraph loads
   (``kgraph.extraction.nlp.load``: same model, same components) over the same texts:
   words per second of the parsing alone, model load excluded;
2. ``kgraph build CORPUS --jobs 1``: the whole build, wall clock, start-up,
   reading, parsing, extraction, linking and writing included;
3. ``kgraph build CORPUS --jobs 2`` into a fresh folder;
4. the same corpus with ``--change`` articles changed, built into the
   folder of (2): only those are parsed again.

Peak memory is the largest sum of the resident memory of the process and
all its children (pool workers included), sampled every 0.1 s; the per
process maximum (``ru_maxrss``) is printed too. The machine's load average
is printed before each run: other work on the machine slows the figures.

Usage::

    nice .venv/bin/python benchmarks/bench_build.py               # 2,000 articles
    nice .venv/bin/python benchmarks/bench_build.py --articles 200  # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_corpus  # noqa: E402

KGRAPH = [sys.executable, "-m", "kgraph"]


def _bare(corpus: str, batch_size: int) -> None:
    """Child mode: time nlp.pipe alone over the corpus texts; print JSON."""
    from kgraph.extraction import nlp as nlp_mod

    texts = [r["text"] for r in make_corpus.read(Path(corpus))]
    t0 = time.perf_counter()
    nlp = nlp_mod.load()
    load = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"seconds": secs, "cpu": cpu, "load": load, "tokens": tokens, "pipes": nlp.pipe_names}))


class Sampler(threading.Thread):
    """Sample the resident memory of a process tree until stopped; keep the peak sum."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.procs, self._halt = pid, 0, 1, threading.Event()

    def run(self):
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._halt.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                total = 0
                for p in tree:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
                if total > self.peak:
                    self.peak, self.procs = total, len(tree)
            except psutil.Error:
                return
            self._halt.wait(0.1)

    def stop(self):
        self._halt.set()
        self.join()


def run(cmd: list[str], label: str) -> dict:
    """Run a command, timing it and sampling its memory; return the figures."""
    import resource

    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop()
    if proc.returncode != 0:
        sys.exit(f"{label} failed ({proc.returncode}):\n{err[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    maxrss = after.ru_maxrss / 1024
    print(f"  {label}: {wall:.1f} s wall, {cpu:.1f} s CPU (all processes), peak RSS {sampler.peak / 2**20:.0f} MB over {sampler.procs} "
          f"process(es) (largest single process so far {maxrss:.0f} MB), load before {load:.2f}", flush=True)
    return {"wall": wall, "cpu": cpu, "peak_mb": sampler.peak / 2**20, "stdout": out, "load": load}


def main() -> None:
    ap = argparse.ArgumentParser(description="kgraph build benchmark")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--change", type=int, default=10)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--work", type=Path, default=None, help="folder for corpus and outputs (temporary by default)")
    ap.add_argument("--skip-bare", action="store_true")
    ap.add_argument("--_bare", dest="bare", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.bare:
        _bare(args.bare, args.batch_size)
        return

    work = args.work or Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
    corpus = make_corpus.write(make_corpus.articles(args.articles), work / "corpus.jsonl")
    rows = make_corpus.read(corpus)
    words = sum(len(r["text"].split()) for r in rows)
    changed = make_corpus.write(make_corpus.change(rows, args.change), work / "changed.jsonl")
    del rows
    print(f"corpus: {args.articles} articles, {words} words ({corpus}); {os.cpu_count()} CPUs", flush=True)
    print(f"kgraph: {subprocess.run(KGRAPH + ['--version'], capture_output=True, text=True).stdout.strip()}")

    res = {}
    if not args.skip_bare:
        r = run([sys.executable, __file__, "--_bare", str(corpus), "--batch-size", str(args.batch_size)],
                "bare nlp.pipe")
        bare = json.loads(r["stdout"].strip().splitlines()[-1])
        res["bare"] = words / bare["seconds"]
        res["bare_cpu"] = words / bare["cpu"]
        print(f"    pipes {bare['pipes']}: parse {bare['seconds']:.1f} s (+{bare['load']:.1f} s model load) "
              f"= {res['bare']:.0f} words/s; {bare['cpu']:.1f} s CPU = {res['bare_cpu']:.0f} words per CPU second",
              flush=True)
    out1, out2 = work / "out-j1", work / "out-j2"
    r1 = run(KGRAPH + ["build", str(corpus), "-o", str(out1), "--quiet", "--jobs", "1"], "kgraph build --jobs 1")
    j1 = words / r1["wall"]
    print(f"    {j1:.0f} words/s" + (f" = {100 * j1 / res['bare']:.0f} % of bare nlp.pipe" if "bare" in res else ""),
          flush=True)
    if "bare" in res:
        print(f"    CPU: {words / r1['cpu']:.0f} words per CPU second = {100 * words / r1['cpu'] / res['bare_cpu']:.0f} % "
              "of bare nlp.pipe's (the figure to trust on a busy machine)", flush=True)
    r2 = run(KGRAPH + ["build", str(corpus), "-o", str(out2), "--quiet", "--jobs", "2"], "kgraph build --jobs 2")
    print(f"    {words / r2['wall']:.0f} words/s = {r1['wall'] / r2['wall']:.2f}x --jobs 1", flush=True)
    same = all((out1 / n).read_bytes() == (out2 / n).read_bytes() for n in ("graph.ttl", "graph.html"))
    print(f"    --jobs 2 graph byte-identical to --jobs 1: {same}", flush=True)
    versions = {json.loads((o / ".kgraph" / "manifest.json").read_text())["extractor"] for o in (out1, out2)}
    if len(versions) > 1:
        print("    (kgraph's extraction code changed between the two builds: the comparison is void)")
    r3 = run(KGRAPH + ["build", str(changed), "-o", str(out1), "--quiet", "--jobs", "1"],
             f"re-run, {args.change} articles changed")
    print(f"    {100 * r3['wall'] / r1['wall']:.1f} % of the full --jobs 1 build's wall time, "
          f"{100 * r3['cpu'] / r1['cpu']:.1f} % of its CPU time; summary: "
          + r3["stdout"].splitlines()[0], flush=True)
    r4 = run(KGRAPH + ["build", str(changed), "-o", str(out1), "--quiet"], "re-run, nothing changed")
    print(f"    {100 * r4['wall'] / r1['wall']:.1f} % of the full build's wall time, "
          f"{100 * r4['cpu'] / r1['cpu']:.1f} % of its CPU time", flush=True)
    peak = max(r["peak_mb"] for r in (r1, r2, r3))
    print(f"peak memory of any build: {peak:.0f} MB")
    print(f"outputs in {work}")


if __name__ == "__main__":
    main()
