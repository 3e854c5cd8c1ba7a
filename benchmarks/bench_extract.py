"""Benchmark: words per second of spaCy's ``nlp.pipe`` alone vs full extraction over the same texts.

The texts are generated, never stored: the sentences of the seed article and
of the shared gold news articles are shuffled (fixed seed) into N articles.
The overhead of extraction (mentions, rules, classifier) is measured on the
parsed Docs, so both figures share the parsing cost, which is timed once.

Run: ``nice .venv/bin/python benchmarks/bench_extract.py [--articles 200] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import random
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "gold" / "news"]


def sentences() -> list[str]:
    """Return the sentences of the seed and shared news articles."""
    out = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            out += [s.strip() for s in re.split(r"(?<=[.!?\u201d])\s+", text) if len(s.split()) >= 5]
    return out


def articles(n: int, per_article: int = 25, seed: int = 7) -> list[str]:
    """Return n articles of shuffled real sentences, a paragraph every five sentences."""
    pool = sentences()
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        picked = rng.sample(pool, min(per_article, len(pool)))
        texts.append("\n\n".join(" ".join(picked[i:i + 5]) for i in range(0, len(picked), 5)))
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best is kept")
    args = ap.parse_args()

    from kgraph.extraction.extract import extract_doc
    from kgraph.core.model import Article
    from kgraph.extraction.nlp import load
    from kgraph.extraction.relations import load_model

    nlp = load()
    load_model()
    texts = articles(args.articles)
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:8]))  # warm up

    parse_best, docs = float("inf"), []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=64))
        parse_best = min(parse_best, time.perf_counter() - t0)
    extract_best = float("inf")
    n_rel = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_rel = sum(len(extract_doc(Article(f"a{i}", t), [(0, d)]).relations)
                    for i, (t, d) in enumerate(zip(texts, docs)))
        extract_best = min(extract_best, time.perf_counter() - t0)

    print(f"texts: {len(texts)} articles, {words} words (shuffled sentences of {len(sentences())})")
    print(f"nlp.pipe alone:          {words / parse_best:8.0f} words/s ({parse_best:.2f} s)")
    print(f"nlp.pipe + extraction:   {words / (parse_best + extract_best):8.0f} words/s "
          f"({parse_best + extract_best:.2f} s; extraction {extract_best:.2f} s, {n_rel} relations)")
    print(f"extraction overhead:     {100 * extract_best / parse_best:8.1f} % of nlp.pipe (target <= 25 %)")


if __name__ == "__main__":
    main()
