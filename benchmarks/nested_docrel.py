"""Nested measurement of the document relation model on DWIE 1-602 (never the held-out last 100).

The first 602 DWIE articles by id are cut into four slices (1-150, 151-300,
301-450, 451-602). For each slice, the document model is fitted as ``kgraph
train`` fits it (5-fold out-of-fold scores for thresholds and calibration,
then one ensemble on all rows) from the other three slices and the CoNLL04
training sentences, and scores the slice's entity pairs. Printed per
predicate: pair precision / recall pooled and per slice (recall of the pairs
reachable as candidates), and all DWIE predicates' P / R / F1.

Two ways to find the scored slice's mentions:

* ``--entities shipped``: with the shipped entity model, which was trained
  on these articles (optimistic: typing errors are rarer than on unseen text);
* ``--entities unseen``: with an entity model trained without the slice
  (``train_entities`` on the other 451 articles and CoNLL04), as on unseen
  articles. The rows the thresholds are chosen on stay as ``kgraph train``
  makes them (shipped entity model).

Usage (needs the ``train`` extra; keep scratch outside the repository)::

    python benchmarks/nested_docrel.py --dwie ../shared/data/dwie \\
        --conll ../shared/data/conll04/train.json --cache /tmp/nested --entities unseen

Rows, slice entity models and fitted scores are kept in ``--cache``; a
re-run only re-chooses thresholds (``--reuse``), so a change to
:mod:`kgraph.train_doc`'s threshold rules is measured in seconds. Fitting
takes about 4 minutes on one core, rows about 3, each slice entity model 2.

``--losses`` adds where each predicate's recall is lost: right pairs stated,
right pairs scored under the threshold (by score band, and how many of
them no sentence names both of), against the gold relations listing the
predicate (the rest had no candidate pair: an entity missed, split or
mistyped). ``--compare OTHER.pkl`` (fitted scores of the same rows, e.g. an
earlier ``scores-unseen.pkl`` kept aside) prints the all-predicate F1 of
both and a paired bootstrap over the 602 articles of the difference: a
change within about two standard deviations of it is noise.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np

SLICE = 150


def slice_of(g):
    """Return the slice (0-3) of DWIE article positions ``g``."""
    return np.minimum(np.asarray(g) // SLICE, 3)


def make_rows(dwie: str, conll: str, cache: Path) -> dict:
    """Return :func:`kgraph.train_doc.rows` of DWIE 1-602 and CoNLL04 train with the shipped entity model."""
    from kgraph import train_doc as td

    path = cache / "rows-shipped.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    items = td.dwie_training(dwie) + td.conll_training(conll)
    data = td.rows(items, td.article_pairs(items, td.sentence_fold_models(conll), cache=cache))
    path.write_bytes(pickle.dumps(data))
    return data


def make_unseen_rows(dwie: str, conll: str, cache: Path) -> dict:
    """Return each slice's DWIE rows made with an entity model trained without that slice."""
    from kgraph import train_doc as td
    from kgraph.extraction import entity_model as em

    path = cache / "rows-unseen.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    whole = em.parsed_dwie
    models = []
    for s in range(4):
        out = cache / f"entities-without-{s}.json"
        if not out.exists():
            def without(src, first=td.DWIE_TRAIN, nlp=None, cache_dir=None, s=s):
                return [d for i, d in enumerate(whole(src, first=td.DWIE_TRAIN, nlp=nlp, cache_dir=cache_dir))
                        if slice_of(i) != s]
            em.parsed_dwie = without
            try:
                em.train_entities(dwie, output=out, conll04=conll, cache_dir=cache)
            finally:
                em.parsed_dwie = whole
        models.append(out)
    items = td.dwie_training(dwie) + td.conll_training(conll)
    shipped = em.MODEL_PATH
    merged: dict = {}
    try:
        for s in range(4):
            em.MODEL_PATH = models[s]
            em.load.cache_clear()
            idx = [i for i in range(td.DWIE_TRAIN) if slice_of(i) == s]
            data = td.rows([items[i] for i in idx], td.article_pairs(items, cache=cache, select=idx))
            for pred, d in data.items():
                d["g"] = [idx[j] for j in d["g"]]
                into = merged.setdefault(pred, {k: [] for k in d})
                for k in d:
                    into[k].extend(d[k])
    finally:
        em.MODEL_PATH = shipped
        em.load.cache_clear()
    path.write_bytes(pickle.dumps(merged))
    return merged


def inner_folds(g, split: int = 0):
    """Return the inner fold (0-4) of each training row's article: ``g % 5`` as ``kgraph train`` cuts them (split 0),
    or another grouping of the same articles (split 1, 2, ...) to see how much refitting alone moves the figures."""
    from kgraph import train_doc as td

    g = np.asarray(g)
    if split == 0:
        return g % td.FOLDS
    order = np.random.default_rng(split).permutation(int(g.max()) + 1)
    return order[g] % td.FOLDS


def fit(train: dict, test: dict, split: int = 0, repeats: int = 1) -> dict:
    """Fit per predicate and slice: out-of-fold scores of the training rows and the slice's test scores.

    With ``repeats`` > 1 the out-of-fold scores are made that many times, the articles dealt into the folds
    as ``kgraph train`` deals them (:func:`kgraph.train_doc.fold_of`), and kept per repeat in ``oofs``.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    from kgraph import train_doc as td
    from kgraph.extraction.docrel import evidence_tier

    res = {}
    with threadpool_limits(1):
        for pred in sorted(train):
            d, e = train[pred], test.get(pred)
            if e is None or sum(d["y"]) < 5:
                continue
            X, y, g = np.asarray(d["X"], dtype=np.float64), np.asarray(d["y"]), np.asarray(d["g"])
            dw = np.asarray(d["dwie"], dtype=bool)
            sl = np.where(dw, slice_of(g), -1)
            XT, yT, gT = np.asarray(e["X"], dtype=np.float64), np.asarray(e["y"]), np.asarray(e["g"])
            r = {"y": y, "g": g, "dw": dw, "sl": sl, "test_g": gT, "tiers": np.asarray([evidence_tier(x) for x in d["X"]]),
                 "test_y": yT, "test_sl": slice_of(gT), "test_tiers": np.asarray([evidence_tier(x) for x in e["X"]]),
                 "test": np.zeros(len(yT)), "oof": {}, "oofs": {}}
            for s in range(4):
                tr = sl != s
                Xt, yt, gt = X[tr], y[tr], g[tr]
                r["oofs"][s] = []
                for repeat in range(repeats):
                    oof = np.zeros(len(yt))
                    folds = inner_folds(gt, split) if repeats == 1 else td.fold_of(gt, repeat)
                    for k in range(td.FOLDS):
                        te = folds == k
                        clf = HistGradientBoostingClassifier(**td.PARAMS).fit(Xt[~te], yt[~te])
                        oof[te] = clf.predict_proba(Xt[te])[:, 1]
                    r["oofs"][s].append(oof)
                r["oof"][s] = r["oofs"][s][0]
                m = r["test_sl"] == s
                if m.any():
                    clf = HistGradientBoostingClassifier(**td.PARAMS).fit(Xt, yt)
                    r["test"][m] = clf.predict_proba(XT[m])[:, 1]
            res[pred] = r
            print(f"{pred}: fitted", file=sys.stderr, flush=True)
    return res


def stated(spec: dict, scores, tiers, pred: str):
    """Return which scored pairs the model states, as :func:`kgraph.extraction.docrel.doc_relations` decides."""
    from kgraph.extraction.docrel import KILL_PRECISION, calibrated

    out = np.zeros(len(scores), dtype=bool)
    for i, (p, t) in enumerate(zip(scores, tiers)):
        threshold, curve = spec["threshold"], spec["calibration"]
        if "tiers" in spec:
            threshold, curve = spec["tiers"][t]["threshold"], spec["tiers"][t]["calibration"]
        out[i] = p >= threshold and not (pred == "killed" and calibrated(curve, p) < KILL_PRECISION)
    return out


#: Which fitted repeats of the out-of-fold scores the thresholds read: None, all of them stacked (as ``kgraph
#: train`` reads its :data:`kgraph.train_doc.REPEATS`); an int, that one repeat alone (the rule before).
USE_REPEAT: int | None = None


def stated_all(res: dict) -> dict:
    """Return per predicate which test pairs are stated (each slice with thresholds chosen on its training set)."""
    from kgraph import train_doc as td

    out = {}
    for pred, r in sorted(res.items()):
        sel = np.zeros(len(r["test_y"]), dtype=bool)
        for s in range(4):
            tr = r["sl"] != s
            oofs = r.get("oofs", {}).get(s) or [r["oof"][s]]
            oofs = oofs if USE_REPEAT is None else [oofs[USE_REPEAT]]
            k = len(oofs)
            spec = td.choose(pred, np.concatenate(oofs), np.tile(r["y"][tr], k), np.tile(r["dw"][tr], k),
                             np.tile(r["g"][tr], k), np.tile(r["tiers"][tr], k), k)
            te = r["test_sl"] == s
            sel[te] = stated(spec, r["test"][te], r["test_tiers"][te], pred)
        out[pred] = sel
    return out


def measure(res: dict) -> dict:
    """Return per predicate the stated pairs (tp, n, reachable positives) per slice, thresholds chosen as now."""
    out = {}
    for pred, sel in stated_all(res).items():
        r = res[pred]
        per = []
        for s in range(4):
            te = r["test_sl"] == s
            yt = r["test_y"][te]
            per.append((int((sel[te] & (yt == 1)).sum()), int(sel[te].sum()), int(yt.sum())))
        out[pred] = per
    return out


#: Score bands the right pairs left unstated are counted in (``--losses``).
LOSS_BANDS = (0.1, 0.3, 0.5)

#: Predicates DWIE annotates (the all-predicate figures count these).
DWIE_PREDICATES = ("basedIn", "citizenOf", "leaderOf", "locatedIn", "partOf", "worksFor")


def losses(res: dict, co_sents: dict | None = None) -> dict:
    """Return per predicate: right pairs (reachable), stated right, and the unstated right pairs per score band.

    ``co_sents`` (per predicate, each test row's count of sentences naming
    both entities) adds how many unstated right pairs no sentence names both of.
    """
    out = {}
    for pred, sel in stated_all(res).items():
        r = res[pred]
        y, p = r["test_y"] == 1, r["test"]
        miss = y & ~sel
        edges = (0.0,) + LOSS_BANDS + (1.01,)
        row = {"reachable": int(y.sum()), "stated": int((sel & y).sum()),
               "missed": [int((miss & (p >= lo) & (p < hi)).sum()) for lo, hi in zip(edges, edges[1:])]}
        if co_sents is not None and pred in co_sents:
            row["missed_apart"] = int((miss & (np.asarray(co_sents[pred]) == 0)).sum())
        out[pred] = row
    return out


def article_counts(res: dict, preds=DWIE_PREDICATES, n: int = 602):
    """Return an (articles, 3) array of stated right, stated and reachable right pairs per test article."""
    sels = stated_all(res)
    a = np.zeros((n, 3))
    for pred in preds:
        if pred not in res:
            continue
        r, sel = res[pred], sels[pred]
        g, y = np.asarray(r["test_g"]), r["test_y"] == 1
        np.add.at(a[:, 0], g, sel & y)
        np.add.at(a[:, 1], g, sel)
        np.add.at(a[:, 2], g, y)
    return a


def f1_of(counts) -> float:
    """Return pooled F1 from per-article (stated right, stated, reachable right) counts."""
    tp, n, pos = np.asarray(counts).sum(axis=0)
    p, r = tp / max(n, 1), tp / max(pos, 1)
    return float(2 * p * r / max(p + r, 1e-9))


def paired_bootstrap(a, b, repeats: int = 1000, seed: int = 0) -> tuple[float, float]:
    """Return the mean and standard deviation of F1(b) - F1(a) over articles drawn with replacement (same draws)."""
    rng = np.random.default_rng(seed)
    a, b = np.asarray(a), np.asarray(b)
    d = []
    for _ in range(repeats):
        i = rng.integers(0, len(a), len(a))
        d.append(f1_of(b[i]) - f1_of(a[i]))
    return float(np.mean(d)), float(np.std(d))


def report(out: dict) -> None:
    """Print pair precision / recall per predicate, pooled and per slice, and all DWIE predicates together."""
    TP = N = POS = 0
    for pred, per in out.items():
        tp, n, pos = (sum(x[i] for x in per) for i in range(3))
        if pred not in ("livesIn", "killed"):  # DWIE annotates neither
            TP, N, POS = TP + tp, N + n, POS + pos
        cells = "  ".join(f"{a / max(b, 1):.3f}/{a / max(c, 1):.3f} ({b})" for a, b, c in per)
        print(f"{pred:10s} P {tp / max(n, 1):.3f} R {tp / max(pos, 1):.3f} ({n} stated) | {cells}")
    p, r = TP / max(N, 1), TP / max(POS, 1)
    print(f"all DWIE predicates P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.4f}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dwie", required=True)
    ap.add_argument("--conll", required=True)
    ap.add_argument("--cache", required=True, help="scratch folder for parses, rows, entity models and scores")
    ap.add_argument("--entities", choices=("shipped", "unseen"), default="unseen")
    ap.add_argument("--reuse", action="store_true", help="reuse the fitted scores in --cache; only choose again")
    ap.add_argument("--split", type=int, default=0,
                    help="inner 5-fold grouping of the training articles (0: as kgraph train; 1, 2, ...: others); "
                         "fitted scores go to scores-<entities>-split<N>.pkl")
    ap.add_argument("--repeats", type=int, default=1,
                    help="make the out-of-fold scores this many times over different folds and read them stacked, "
                         "as kgraph train does (fitted scores go to scores-<entities>-r<N>.pkl)")
    ap.add_argument("--each", action="store_true",
                    help="with --repeats: also print the figures of each repeat read alone (the rule before)")
    ap.add_argument("--losses", action="store_true", help="also print where each predicate's recall is lost")
    ap.add_argument("--compare", help="fitted scores (a scores-*.pkl) of the same rows to compare all-predicate F1 with")
    ap.add_argument("--dwie-gold", action="store_true",
                    help="with --losses: count the gold relations listing each predicate (reads DWIE 1-602's gold)")
    a = ap.parse_args(argv)
    cache = Path(a.cache)
    cache.mkdir(parents=True, exist_ok=True)
    scores = cache / (f"scores-{a.entities}-r{a.repeats}.pkl" if a.repeats > 1 else
                      f"scores-{a.entities}.pkl" if a.split == 0 else f"scores-{a.entities}-split{a.split}.pkl")
    if a.reuse and scores.exists():
        res = pickle.loads(scores.read_bytes())
    else:
        train = make_rows(a.dwie, a.conll, cache)
        test = train if a.entities == "shipped" else make_unseen_rows(a.dwie, a.conll, cache)
        if a.entities == "shipped":
            test = {p: {k: [v for v, dw in zip(d[k], d["dwie"]) if dw] for k in d} for p, d in train.items()}
        res = fit(train, test, a.split, a.repeats)
        scores.write_bytes(pickle.dumps(res))
    rows_file = cache / ("rows-unseen.pkl" if a.entities == "unseen" else "rows-shipped.pkl")
    need_rows = (a.losses or a.compare) and rows_file.exists()
    rows_ = pickle.loads(rows_file.read_bytes()) if need_rows else None
    if rows_ is not None and a.entities == "shipped":
        rows_ = {p: {k: [v for v, dw in zip(d[k], d["dwie"]) if dw] for k in d} for p, d in rows_.items()}
    global USE_REPEAT
    if a.each and a.repeats > 1:
        for j in range(a.repeats):
            USE_REPEAT = j
            print(f"-- repeat {j} alone")
            report(measure(res))
        USE_REPEAT = None
        print(f"-- {a.repeats} repeats stacked")
    report(measure(res))
    if a.losses:
        from kgraph.extraction.docrel import _F

        co = {p: [x[_F["co_sents"]] for x in d["X"]] for p, d in rows_.items()} if rows_ else None
        gold = gold_counts(a.dwie) if a.dwie_gold else {}
        print_losses(losses(res, co), gold)
    if a.compare:
        other = pickle.loads(Path(a.compare).read_bytes())
        for r in (res, other):
            for pred, d in r.items():
                if "test_g" not in d and rows_ is not None:  # scores fitted before test_g was kept
                    d["test_g"] = np.asarray(rows_[pred]["g"])
        base, new = article_counts(other), article_counts(res)
        mean, sd = paired_bootstrap(base, new)
        print(f"all DWIE predicates F1 {f1_of(base):.4f} ({a.compare}) -> {f1_of(new):.4f}; "
              f"paired bootstrap over articles: difference {mean:+.4f}, sd {sd:.4f}")


def gold_counts(dwie: str) -> dict:
    """Return how many gold relations of DWIE 1-602 list each predicate (the held-out last 100 are never opened)."""
    from kgraph import train_doc as td

    out: dict = {}
    for item in td.dwie_training(dwie):
        for rel in item["gold"]["relations"]:
            for p in rel["predicate"]:
                out[p] = out.get(p, 0) + 1
    return out


def print_losses(rows: dict, gold: dict) -> None:
    """Print each predicate's right pairs stated and unstated by score band (and gold relations when known)."""
    edges = ("0",) + tuple(str(b) for b in LOSS_BANDS) + ("1",)
    bands = " ".join(f"{lo}-{hi}" for lo, hi in zip(edges, edges[1:]))
    print(f"recall lost (right pairs unstated by score band: {bands})")
    for pred, r in rows.items():
        if pred not in DWIE_PREDICATES:
            continue
        extra = f"; {r['missed_apart']} unstated named in no common sentence" if "missed_apart" in r else ""
        g = f"gold {gold[pred]}, " if pred in gold else ""
        print(f"{pred:10s} {g}reachable {r['reachable']}, stated {r['stated']}, unstated "
              f"{' / '.join(str(m) for m in r['missed'])}{extra}")


if __name__ == "__main__":
    main()
