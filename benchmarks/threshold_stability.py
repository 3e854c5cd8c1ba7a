"""How far the document model's thresholds move when the training data move a little.

Reads the fitted scores :mod:`benchmarks.nested_docrel` keeps in its
``--cache`` (``scores-unseen.pkl`` or ``scores-shipped.pkl``): for each of the
four training sets there (three 150-article slices of DWIE 1-602 plus the
CoNLL04 rows) the 5-fold out-of-fold scores of every predicate. Each repeat
drops a random share of the articles (``--drop``, 5 % by default) and chooses
the thresholds again with :func:`kgraph.train_doc.choose`; each threshold is
then applied to the whole training set. Printed per predicate, averaged over
the four training sets: the standard deviation and the largest move of each
threshold (per evidence tier for the tiered predicates), and those of the
number of statements the thresholds make on the whole training set, as a share
of the statements made by the thresholds of the whole set; and the lowest
calibration band of any repeat less the predicate's statement precision (how
far a shown confidence fell under the promise).

``--rule bands`` measures the rule before issue 14's stability round instead
(the threshold rises to the first of five quantile bands measured at the
predicate's statement precision), for comparison.

Usage (after one ``nested_docrel.py`` run has filled the cache)::

    python benchmarks/threshold_stability.py --cache /tmp/nested [--rule bands] [--repeats 20]
"""

from __future__ import annotations

import argparse
import pickle
from pathlib import Path

import numpy as np


def bands_rule(scores, ys, threshold: float, pred: str | None = None):
    """Return (threshold, curve) by the rule before the stability round: the first of five bands at the minimum."""
    from kgraph import train_doc as td

    curve = td._curve(scores, ys, threshold)
    floor = td.statement_precision(pred)
    for j, (low, p) in enumerate(curve):
        if p >= floor:
            start = max(float(low), float(threshold))
            return start, [[round(start, 4), p]] + [row for row in curve[j + 1:]]
    return 1.01, [[1.01, 0.0]]


def thresholds(spec: dict) -> list[float]:
    """Return a chosen spec's thresholds: one, or one per evidence tier."""
    return [t["threshold"] for t in spec["tiers"]] if "tiers" in spec else [spec["threshold"]]


def statements(spec: dict, oof, y, dw, tiers) -> int:
    """Return how many judged rows (DWIE's where DWIE annotates the predicate) the spec's thresholds state."""
    judged = dw if y[dw].sum() > 0 else np.ones_like(dw)
    ts = thresholds(spec)
    if len(ts) == 1:
        return int((judged & (oof >= ts[0])).sum())
    return int(sum((judged & (tiers == k) & (oof >= t)).sum() for k, t in enumerate(ts)))


def lowest_band(spec: dict) -> float:
    """Return the lowest measured precision of a spec's calibration curves (1 when it states nothing)."""
    curves = [t["calibration"] for t in spec["tiers"]] if "tiers" in spec else [spec["calibration"]]
    return min([c[0][1] for c in curves if c[0][0] <= 1.0] or [1.0])


def run(res: dict, repeats: int, drop: float, seed: int = 0) -> dict:
    """Return per predicate the spread figures, averaged over the training sets."""
    from kgraph import train_doc as td

    out = {}
    for pred, r in sorted(res.items()):
        rows = []
        for s in range(4):
            tr = r["sl"] != s
            oof, y, dw, g, tiers = r["oof"][s], r["y"][tr], r["dw"][tr], r["g"][tr], r["tiers"][tr]
            whole = td.choose(pred, oof, y, dw, g, tiers)
            base_t, base_n = thresholds(whole), statements(whole, oof, y, dw, tiers)
            rng = np.random.default_rng(seed + s)
            groups = np.unique(g)
            ts, ns, lows = [], [], []
            for _ in range(repeats):
                gone = rng.choice(groups, size=int(round(drop * len(groups))), replace=False)
                keep = ~np.isin(g, gone)
                spec = td.choose(pred, oof[keep], y[keep], dw[keep], g[keep], tiers[keep])
                ts.append(thresholds(spec))
                ns.append(statements(spec, oof, y, dw, tiers))
                lows.append(lowest_band(spec) - td.statement_precision(pred))
            ts, ns = np.asarray(ts), np.asarray(ns, dtype=float)
            rows.append((base_t, base_n, ts.std(axis=0), np.abs(ts - base_t).max(axis=0),
                         ns.std() / max(base_n, 1), np.abs(ns - base_n).max() / max(base_n, 1), min(lows)))
        out[pred] = rows
    return out


def report(out: dict) -> None:
    """Print the spread of thresholds and statements per predicate (means over the training sets)."""
    print("predicate   thresholds (4 sets)                         t sd         t max move   statements sd  max move"
          "  lowest band - minimum")
    for pred, rows in out.items():
        base = "; ".join("/".join(f"{t:.2f}" for t in r[0]) for r in rows)
        tsd = "/".join(f"{v:.3f}" for v in np.mean([r[2] for r in rows], axis=0))
        tmx = "/".join(f"{v:.3f}" for v in np.mean([r[3] for r in rows], axis=0))
        nsd = np.mean([r[4] for r in rows])
        nmx = np.mean([r[5] for r in rows])
        low = min(r[6] for r in rows)
        print(f"{pred:10s}  {base:43s} {tsd:12s} {tmx:12s} {nsd:6.1%}        {nmx:6.1%}    {low:+.3f}")


def main(argv=None) -> None:
    from kgraph import train_doc as td

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", required=True, help="nested_docrel.py's --cache")
    ap.add_argument("--entities", choices=("shipped", "unseen"), default="unseen")
    ap.add_argument("--rule", choices=("current", "bands"), default="current")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--drop", type=float, default=0.05, help="share of the articles each repeat drops")
    a = ap.parse_args(argv)
    res = pickle.loads((Path(a.cache) / f"scores-{a.entities}.pkl").read_bytes())
    if a.rule == "bands":
        td._statement_threshold = bands_rule
    report(run(res, a.repeats, a.drop))


if __name__ == "__main__":
    main()
