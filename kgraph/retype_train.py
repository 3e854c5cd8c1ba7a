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

from kgraph.core.terms import EntityType
from kgraph.extraction.retype import (ARTICLE_MODEL_PATH, CLASSES, INPUT_TYPES, MODEL_PATH, feature_size,
                                     pooled_change, probabilities)
from kgraph.sentrel_train import _write_npz, cached, conll_cache_name, fit_head

#: CoNLL04 entity types as head classes.
_GOLD = {"Peop": 0, "Org": 1, "Loc": 2}

#: Thresholds tried for a change of type.
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98)


def conll04_mentions(path, encoder, model: str | None = None) -> dict[str, np.ndarray]:
    """Return the feature rows of the mentions kgraph finds in a CoNLL04 split that are exactly gold entities."""
    from kgraph.extraction.examples import sentence_mention_rows
    from kgraph.train import _gold_spans, read_conll04

    items = read_conll04(path)
    exact = [{span: g for g, span in enumerate(_gold_spans(item)[0])} for item in items]

    def label(n, m):
        g = exact[n].get((m.start, m.end))
        y = _GOLD.get(items[n]["entities"][g]["type"]) if g is not None else None
        return y if y is not None and m.type in INPUT_TYPES else None

    xs, ys, cur, groups = [], [], [], []
    for found in sentence_mention_rows([" ".join(item["tokens"]) for item in items], label, encoder, model):
        for m, y in zip(found.mentions, found.labels):
            ys.append(y)
            cur.append(min(INPUT_TYPES.index(m.type), 2))
            groups.append(found.text)
        xs.append(found.x.astype(np.float16))
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

    t0 = time.time()
    enc = enc_mod.Encoder(encoder_dir) if encoder_dir is not None else enc_mod.load()
    data = cached(conll_cache_name(conll) + "-mentions", cache, lambda: conll04_mentions(conll, enc, model), enc)
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
    about = "kgraph entity type head for short texts over all-MiniLM-L6-v2 encodings; trained by `kgraph train` " \
            "on CoNLL04 train"
    return _save(summary, output, lambda: fit_head(x, every, target, hidden=hidden, epochs=epochs),
                 {"about": about, "hidden": hidden, "epochs": epochs}, t0)


def _save(summary: dict, output, fit, config: dict, t0: float) -> dict:
    """Fit the head on every example (``fit``) and write it with its config, or remove a stale file; return summary.

    The summary's threshold and out-of-fold table go into the config; without a threshold no change of type
    pays, and run time keeps the types it finds.
    """
    threshold, table = summary["threshold"], summary["out_of_fold"]
    if threshold is not None:
        head = fit()
        config = dict(config, classes=list(CLASSES), threshold=threshold,
                      out_of_fold={str(k): v for k, v in table.items()})
        arrays = {n: v.astype(np.float16) if n == "w1" else v for n, v in head.items()}

        def write(tmp):
            np.savez_compressed(tmp, config_json=np.array(json.dumps(config, sort_keys=True)), **arrays)

        _write_npz(output, write)
        summary["output"] = str(output)
    elif Path(output).exists():
        Path(output).unlink()
    summary["seconds"] = round(time.time() - t0, 1)
    return summary


# ---------------------------------------------------------------- the article head

#: Folds by article that give the article head's out-of-fold probabilities.
ARTICLE_FOLDS = 3


def dwie_mentions(dwie, encoder, cache: str | os.PathLike | None = None, first: int | None = None,
                  model: str | None = None) -> dict[str, np.ndarray]:
    """Return feature rows of the names kgraph finds in the DWIE training articles (the ``first`` ones only).

    Each row carries the gold class of a mention whose span is exactly an
    annotated name's (-1 for any other mention), its type, its article, its
    name and whether the relation scorer encodes its sentence (only those are
    read at run time; the others still teach the head), and per class
    whether a word holds the mention's type against it (:func:`retype.held`).
    """
    from kgraph.extraction.examples import dwie_article_mentions
    from kgraph.train_doc import DWIE_TRAIN

    gold_class = {EntityType.Person: 0, EntityType.Organization: 1, EntityType.Place: 2, EntityType.Country: 2}
    found = dwie_article_mentions(dwie, min(first or DWIE_TRAIN, DWIE_TRAIN), encoder, cache, model)
    xs, ys, cur, arts, names, read, hold = [], [], [], [], [], [], []
    for art in found:
        exact = {(s, e): c for s, e, c in art.gold}
        xs.append(art.x.astype(np.float16))
        for m, seen, kept in zip(art.mentions, art.read, art.held):
            ys.append(gold_class.get(exact.get((m.start, m.end)), -1))
            cur.append(min(INPUT_TYPES.index(m.type), 2))
            arts.append(art.article)
            names.append(m.name)
            read.append(seen)
            hold.append(list(kept))
    x = np.concatenate(xs) if xs else np.zeros((0, feature_size()), np.float16)
    return {"x": x, "y": np.array(ys, np.int64), "current": np.array(cur, np.int64), "article": np.array(arts, np.int64),
            "name": np.array(names, dtype=str), "read": np.array(read, bool),
            "held": np.array(hold, bool).reshape(-1, len(CLASSES))}


def name_gains(probs: np.ndarray, data: dict[str, np.ndarray]) -> dict[float, dict]:
    """Return, per threshold, how many names change type and how many annotated mentions they make right or wrong.

    ``probs`` are the rows' out-of-fold probabilities; only rows the run time reads are evidence, and a change
    counts at every annotated mention of the name in its article.
    """
    y, current, article, name, read, hold = (data[k] for k in ("y", "current", "article", "name", "read", "held"))
    groups: dict[tuple[int, str], list[int]] = {}
    for i in range(len(y)):
        groups.setdefault((int(article[i]), str(name[i])), []).append(i)
    table = {}
    for th in THRESHOLDS:
        names = right = wrong = 0
        for rows in groups.values():
            seen = [i for i in rows if read[i]]
            if not seen:
                continue
            now = int(np.bincount(current[rows], minlength=len(CLASSES)).argmax())
            best = pooled_change(probs[seen].mean(axis=0), now, th)
            if best is None or hold[rows, best].any():
                continue
            names += 1
            right += sum(1 for i in rows if y[i] == best and current[i] != best)
            wrong += sum(1 for i in rows if y[i] >= 0 and current[i] == y[i])
        table[th] = {"names": names, "right": right, "wrong": wrong}
    return table


def train_article_retype(dwie: str | os.PathLike, output: str | os.PathLike = ARTICLE_MODEL_PATH,
                         model: str | None = None, cache: str | os.PathLike | None = None,
                         encoder_dir: str | os.PathLike | None = None, hidden: int = 64, epochs: int = 20,
                         first: int | None = None) -> dict:
    """Train the article type head on DWIE training articles and write it to ``output`` (removed when nothing gains).

    ``first`` keeps only the first articles by id (to measure the head on the others).

    Three folds by article give out-of-fold probabilities; the threshold is the one whose name changes type
    the most annotated mentions right rather than wrong (the highest on a tie); the head is then fitted on all.

    Raises:
        ModelError: The spaCy pipeline or the encoder cannot be loaded.
    """
    from kgraph.extraction import encoder as enc_mod

    t0 = time.time()
    enc = enc_mod.Encoder(encoder_dir) if encoder_dir is not None else enc_mod.load()
    data = cached(f"dwie-article-mentions-{first or 'all'}", cache,
                  lambda: dwie_mentions(dwie, enc, cache, first, model), enc)
    y, article = data["y"], data["article"]
    labelled = y >= 0
    target = np.zeros((len(y), len(CLASSES)), bool)
    target[np.flatnonzero(labelled), y[labelled]] = True
    oof = np.zeros((len(y), len(CLASSES)))
    for k in range(ARTICLE_FOLDS):
        test = article % ARTICLE_FOLDS == k
        fit = labelled & ~test
        head = fit_head(data["x"][fit], np.ones_like(target[fit]), target[fit], hidden=hidden, epochs=epochs)
        oof[test] = probabilities(head, data["x"][test].astype(np.float32))
    table = name_gains(oof, data)
    gains = {th: t["right"] - t["wrong"] for th, t in table.items()}
    best = max(gains.values(), default=0)
    threshold = max(th for th, g in gains.items() if g == best) if best > 0 else None
    summary = {"mentions": int(labelled.sum()), "threshold": threshold, "out_of_fold": table, "output": None}
    about = "kgraph entity type head for articles over all-MiniLM-L6-v2 encodings; trained by `kgraph train --dwie` " \
            "on DWIE training articles"
    return _save(summary, output, lambda: fit_head(data["x"][labelled], np.ones_like(target[labelled]),
                                                   target[labelled], hidden=hidden, epochs=epochs),
                 {"about": about, "hidden": hidden, "epochs": epochs}, t0)
