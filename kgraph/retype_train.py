"""Training the short-text entity type head (:mod:`kgraph.extraction.retype`) in numpy.

Examples are kgraph's own mentions in CoNLL04 training sentences whose span
is exactly a gold entity's (Peop, Org or Loc); mentions cut differently and
gold ``Other`` names are left out. Three folds by sentence give out-of-fold
probabilities; the threshold is the one at which changing a mention's type
gained most on them (right changes minus wrong ones), and the shipped head
is then fitted on every example.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np

from kgraph.extraction.retype import CLASSES, INPUT_TYPES, MODEL_PATH, feature_size, mention_rows, probabilities
from kgraph.sentrel_train import _write_npz, cached, conll_cache_name, fit_head

#: CoNLL04 entity types as head classes.
_GOLD = {"Peop": 0, "Org": 1, "Loc": 2}

#: Thresholds tried for a change of type.
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98)


def conll04_mentions(path, nlp, encoder) -> dict[str, np.ndarray]:
    """Return the feature rows of the mentions kgraph finds in a CoNLL04 split that are exactly gold entities."""
    from kgraph.extraction.extract import find_mentions
    from kgraph.train import _gold_spans, read_conll04

    items = read_conll04(path)
    xs, ys, cur, groups = [], [], [], []
    texts = [" ".join(item["tokens"]) for item in items]
    for n, (item, doc) in enumerate(zip(items, nlp.pipe(texts, batch_size=64))):
        spans, _rels = _gold_spans(item)
        exact = {span: g for g, span in enumerate(spans)}
        keep = []
        for m, span in find_mentions(doc, 0):
            g = exact.get((m.start, m.end))
            label = _GOLD.get(item["entities"][g]["type"]) if g is not None else None
            if label is not None and m.type in INPUT_TYPES:
                keep.append((m, span))
                ys.append(label)
                cur.append(min(INPUT_TYPES.index(m.type), 2))
                groups.append(n)
        if keep:
            xs.append(mention_rows(keep, encoder).astype(np.float16))
    x = np.concatenate(xs) if xs else np.zeros((0, feature_size()), np.float16)
    return {"x": x, "y": np.array(ys, np.int64), "current": np.array(cur, np.int64),
            "group": np.array(groups, np.int64)}


def choose_threshold(probs: np.ndarray, y: np.ndarray, current: np.ndarray) -> tuple[float | None, dict]:
    """Return the threshold whose type changes gain most (right minus wrong; the highest on a tie), or None."""
    best, table = None, {}
    pred, conf = probs.argmax(axis=1), probs.max(axis=1)
    gain_best = 0
    for th in THRESHOLDS:
        change = (pred != current) & (conf >= th)
        right = int((change & (pred == y)).sum())
        wrong = int((change & (current == y)).sum())
        other = int(change.sum()) - right - wrong
        table[th] = {"changes": int(change.sum()), "right": right, "wrong": wrong, "still_wrong": other}
        if right - wrong > 0 and right - wrong >= gain_best:  # a tie goes to the surer threshold
            best, gain_best = th, right - wrong
    return best, table


def train_retype(conll: str | os.PathLike, output: str | os.PathLike = MODEL_PATH, model: str | None = None,
                 cache: str | os.PathLike | None = None, encoder_dir: str | os.PathLike | None = None,
                 hidden: int = 64, epochs: int = 20, folds: int = 3) -> dict:
    """Train the entity type head on CoNLL04 train and write it to ``output`` (removed when no threshold gains).

    Returns:
        A summary: examples, out-of-fold type accuracy before and after, the threshold and its changes.

    Raises:
        InputError: The data file cannot be read.
        ModelError: The spaCy pipeline or the encoder cannot be loaded.
    """
    from kgraph.extraction import encoder as enc_mod
    from kgraph.extraction import nlp as nlp_mod

    t0 = time.time()
    pipeline = nlp_mod.load(model)
    enc = enc_mod.Encoder(encoder_dir) if encoder_dir is not None else enc_mod.load()
    data = cached(conll_cache_name(conll) + "-mentions", cache, lambda: conll04_mentions(conll, pipeline, enc), enc)
    x, y, current, groups = data["x"], data["y"], data["current"], data["group"]
    target = np.zeros((len(y), len(CLASSES)), bool)
    target[np.arange(len(y)), y] = True
    every = np.ones_like(target)
    oof = np.zeros((len(y), len(CLASSES)))
    for k in range(folds):
        test = groups % folds == k
        head = fit_head(x[~test], every[~test], target[~test], hidden=hidden, epochs=epochs)
        oof[test] = probabilities(head, x[test].astype(np.float32))
    threshold, table = choose_threshold(oof, y, current)
    summary = {"mentions": int(len(y)), "accuracy_before": round(float((current == y).mean()), 4),
               "threshold": threshold, "out_of_fold": table, "output": None}
    if threshold is not None:
        head = fit_head(x, every, target, hidden=hidden, epochs=epochs)
        config = {"about": "kgraph entity type head for short texts over all-MiniLM-L6-v2 encodings; trained by "
                           "`kgraph train` on CoNLL04 train", "classes": list(CLASSES), "threshold": threshold,
                  "out_of_fold": {str(k): v for k, v in table.items()}, "hidden": hidden, "epochs": epochs}
        arrays = {n: v.astype(np.float16) if n == "w1" else v for n, v in head.items()}

        def write(tmp):
            np.savez_compressed(tmp, config_json=np.array(json.dumps(config, sort_keys=True)), **arrays)

        _write_npz(output, write)
        summary["output"] = str(output)
    elif Path(output).exists():
        Path(output).unlink()  # no change of type pays: run time keeps the types it finds
    summary["seconds"] = round(time.time() - t0, 1)
    return summary
