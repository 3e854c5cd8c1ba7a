"""Reliability of kgraph's confidences: per predicate, stated confidence against measured precision.

Builds each article of a gold folder on its own (as ``kgraph evaluate`` does),
bins every judged statement by its confidence and prints, per predicate and
bin, how many statements fell there and what share of them the gold states.
A calibrated tool has measured precision close to the bin's confidence.
Run it on articles the models did not train on, e.g. gold made by
``../shared/tools/dwie_to_gold.py`` from the last 100 DWIE articles by id:

    python benchmarks/bench_calibration.py --gold /tmp/held-out-gold
"""

from __future__ import annotations

import argparse
from collections import defaultdict

BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, help="folder of gold JSON files (shared gold format)")
    args = ap.parse_args()

    from kgraph.build.pipeline import filter_confidence
    from kgraph.evaluate import fact_verdicts, gold_files, load_gold
    from kgraph.extraction import nlp as nlp_mod
    from kgraph.extraction.extract import extract_articles
    from kgraph.linking.link import link_extractions
    from kgraph.sources import ingest

    pipeline = nlp_mod.load()
    cells: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for path in gold_files(args.gold):
        g = load_gold(path)
        exs = [filter_confidence(ex, 0.0) for ex in extract_articles(list(ingest.read_inputs([g["document"]])),
                                                                      nlp=pipeline)]
        for fact, right in fact_verdicts(g, link_extractions(exs)):
            if not fact.evidence:
                continue  # gazetteer facts carry no measured confidence
            b = next(i for i in range(len(BINS) - 1) if BINS[i] <= fact.confidence < BINS[i + 1])
            cells[(str(fact.predicate), b)][0] += 1
            cells[(str(fact.predicate), b)][1] += int(right)
    print(f"{'predicate':10s} {'confidence':>11s} {'statements':>10s} {'precision':>9s}")
    for (pred, b), (n, ok) in sorted(cells.items()):
        hi = min(BINS[b + 1], 1.0)
        print(f"{pred:10s} {BINS[b]:.2f}-{hi:.2f} {n:10d} {ok / n:9.3f}")


if __name__ == "__main__":
    main()
