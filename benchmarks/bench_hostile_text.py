"""Benchmark: time and peak memory of extraction on texts built to be slow, at two sizes.

An article can hold thousands of distinct names (a list of candidates, of
victims, a results table) or one endless sentence. Every per-article step
must then grow about linearly: this prints, for each kind of text, the
seconds and mentions at SIZE and at 4x SIZE names, each size in a fresh
subprocess (so peaks do not mix), through the path ``kgraph build`` takes
(:func:`kgraph.extraction.nlp.in_sections`, 50 kB sections).

The texts are generated from invented syllables (fixed seed); nothing is
stored. Run::

    nice .venv/bin/python benchmarks/bench_hostile_text.py [--size 1000] [--kinds name-list,one-sentence]

A growth near 4x (not 16x) between the two sizes is what to look for.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time

SYLLABLES = "ka lo mi ra ven tor sel an dru fe gi ho ul ber mar tin os el ne vi".split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def text_of(kind: str, n: int) -> str:
    """Return a generated text of ``kind`` holding about ``n`` names."""
    rng = random.Random(7)
    name = lambda: _name(rng)  # noqa: E731
    if kind == "news":  # many distinct people, firms and towns, one sentence each
        return " ".join(f"{name()} {name()}, a spokesperson for the {name()} Institute, said that talks in "
                        f"{name()} would go on." for _ in range(n // 3))
    if kind == "name-list":  # one sentence listing people
        return "The list names " + ", ".join(f"{name()} {name()}" for _ in range(n)) + "."
    if kind == "one-sentence":  # one sentence of people, firms and places
        return " and ".join(f"{name()} {name()} of the {name()} Bank in {name()}" for _ in range(n // 3)) + " met."
    if kind == "capitalized-run":  # capitalized words with no punctuation
        return " ".join(name() for _ in range(n)) + "."
    if kind == "shared-surname":  # many people sharing a surname, each named alone too
        return " ".join(f"{name()} Varga said so. Varga left." for _ in range(n))
    if kind == "acronyms":  # names with bracketed acronyms
        return " ".join(f"The {name()} {name()} {name()} ({''.join(rng.choice('ABCDEFGH') for _ in range(3))}) "
                        f"met." for _ in range(n))
    if kind == "bracket-run":  # one space-free run of brackets around a name
        return "(" * (4 * n) + name() + ")" * (4 * n) + " said so."
    if kind == "word-repeated":  # one word written over and over (the NER tags the run one long name)
        return "walrus " * (3 * n)
    if kind == "tiny-sentences":  # one-letter sentences
        return "A b. " * (4 * n)
    if kind == "short-lines":  # a name per line, no punctuation
        return "\n".join(name() for _ in range(n)) + "\n"
    if kind == "nested-quotes":  # names inside nested quotes and brackets
        return " ".join(f"\"(['{{{name()} said}}'])\"" for _ in range(n))
    if kind == "scores":  # a results table
        return " ".join(f"{name()} {rng.randint(0, 9)}-{rng.randint(0, 9)} {name()}," for _ in range(n // 2)) + "."
    raise SystemExit(f"unknown kind: {kind}")


KINDS = ("news", "name-list", "one-sentence", "capitalized-run", "shared-surname", "acronyms", "scores",
         "bracket-run", "word-repeated", "tiny-sentences", "short-lines", "nested-quotes")


def _child(kind: str, n: int) -> None:
    import resource

    from kgraph.core.model import Article
    from kgraph.extraction import nlp as nlp_mod
    from kgraph.extraction.extract import extract_articles

    text = text_of(kind, n)
    pipeline = nlp_mod.load(None)
    start = time.perf_counter()
    out = list(nlp_mod.in_sections(extract_articles, [Article(id=kind, text=text)], nlp=pipeline))
    seconds = time.perf_counter() - start
    print(json.dumps({"chars": len(text), "mentions": len(out[0].mentions), "relations": len(out[0].relations),
                      "seconds": round(seconds, 1),
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


def main() -> None:
    """Print seconds, mentions and peak memory per kind of text at SIZE and 4x SIZE names."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000, help="names in the smaller text")
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated kinds: " + ", ".join(KINDS))
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return
    print(f"{'kind':16s} {'names':>6s} {'chars':>8s} {'mentions':>8s} {'seconds':>8s} {'peak MB':>8s}  growth")
    for kind in args.kinds.split(","):
        first = None
        for n in (args.size, 4 * args.size):
            res = subprocess.run([sys.executable, __file__, "--child", kind, str(n)], capture_output=True, text=True)
            if res.returncode:
                print(f"{kind:16s} {n:6d} failed: {res.stderr.strip().splitlines()[-1:]}")
                break
            r = json.loads(res.stdout.strip().splitlines()[-1])
            growth = f"x{r['seconds'] / first:.1f} time" if first else ""
            first = first or max(r["seconds"], 0.1)
            print(f"{kind:16s} {n:6d} {r['chars']:8d} {r['mentions']:8d} {r['seconds']:8.1f} {r['peak_mb']:8d}  {growth}",
                  flush=True)


if __name__ == "__main__":
    main()
