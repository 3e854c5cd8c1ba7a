"""Benchmark: words per second of spaCy's ``nlp.pipe`` alone vs full extraction over the same texts.

The texts are generated, never stored: the sentences of the seed article and
of the shared gold news articles are shuffled (fixed seed) into N articles.
The overhead of extraction (mentions, rules, classifier) is measured on the
parsed Docs, so both figures share the parsing cost, which is timed once.

With ``--short`` each text is one or two sentences: there the sentence
encoder (on by default) decides the mention pairs, and extraction is also
timed with it switched off (``KGRAPH_SENTREL=0``). Longer articles are decided
by the document model and run the encoder only with ``KGRAPH_ARTICLE_TYPES=1``
(``kgraph build --encoder-types``), for their names' types.

``--folder DIR`` times the first ``--articles`` .txt files of a folder instead
(real news), with the encoder on and off: set ``KGRAPH_ARTICLE_TYPES=1`` to
time the article type head.

Run: ``nice .venv/bin/python benchmarks/bench_extract.py [--articles 200] [--repeat 3] [--short | --folder DIR]``
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
    ap.add_argument("--short", action="store_true",
                    help="texts of one or two sentences (where the sentence encoder runs), with it on and off")
    ap.add_argument("--folder", type=Path, help="read the first --articles .txt files of this folder (real "
                                                "articles) instead of generating texts; the encoder on and off")
    args = ap.parse_args()

    from kgraph.extraction.extract import extract_doc
    from kgraph.core.model import Article
    from kgraph.extraction.nlp import load
    from kgraph.extraction.relations import load_model

    nlp = load()
    load_model()
    if args.folder:
        texts = [p.read_text(encoding="utf-8") for p in sorted(args.folder.glob("*.txt"))[:args.articles]]
    elif args.short:
        texts = [t.replace("\n\n", " ") for t in articles(args.articles, per_article=2)]
    else:
        texts = articles(args.articles)
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:8]))  # warm up

    parse_best, docs = float("inf"), []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=64))
        parse_best = min(parse_best, time.perf_counter() - t0)
    def extract_time() -> tuple[float, int]:
        best, n_rel = float("inf"), 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            n_rel = sum(len(extract_doc(Article(f"a{i}", t), [(0, d)]).relations)
                        for i, (t, d) in enumerate(zip(texts, docs)))
            best = min(best, time.perf_counter() - t0)
        return best, n_rel

    from kgraph.extraction import sentrel

    if args.short or args.folder:
        sentrel.enabled()
        extract_doc(Article("warm", texts[0]), [(0, docs[0])])  # loads the encoder outside the timing
    extract_best, n_rel = extract_time()
    label = "nlp.pipe + extraction:" if not args.short else \
        f"... with the encoder {'on' if sentrel.enabled() else 'off (not available or KGRAPH_SENTREL=0)'}:"
    kind = "texts of two sentences" if args.short else "articles"
    where = f"from {args.folder}" if args.folder else f"shuffled sentences of {len(sentences())}"
    print(f"texts: {len(texts)} {kind}, {words} words ({where})")
    print(f"nlp.pipe alone:          {words / parse_best:8.0f} words/s ({parse_best:.2f} s)")
    print(f"{label:<24} {words / (parse_best + extract_best):8.0f} words/s "
          f"({parse_best + extract_best:.2f} s; extraction {extract_best:.2f} s, {n_rel} relations)"
          f" = {100 * parse_best / (parse_best + extract_best):.0f} % of nlp.pipe alone")
    print(f"extraction overhead:     {100 * extract_best / parse_best:8.1f} % of nlp.pipe (target <= 25 %)")
    if (args.short or args.folder) and sentrel.enabled():
        with sentrel.switched_off():
            off_best, off_rel = extract_time()
        print(f"... with the encoder off: {words / (parse_best + off_best):7.0f} words/s "
              f"({parse_best + off_best:.2f} s; extraction {off_best:.2f} s, {off_rel} relations)"
              f" = {100 * parse_best / (parse_best + off_best):.0f} % of nlp.pipe alone")


if __name__ == "__main__":
    main()
