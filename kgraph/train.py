"""Training the relation classifier and calibrating the rules' confidence.

``kgraph train`` reproduces the shipped ``kgraph/models/relations.json.gz`` in
one command from the CoNLL04 training split (Roth & Yih 2004, SpERT JSON,
922 sentences, given with ``--data``). Nothing of the data's text is stored:
the file holds feature strings (dependency labels, lemmas of path and
context words) with one weight per class, and each rule's measured
precision.

The classifier is a multinomial logistic regression over the pairs of
mentions in a sentence, trained by full-batch gradient descent (Adam) in
numpy. Its classes are the CoNLL04 relations; :mod:`kgraph.extraction.relations` maps
them onto the core predicates.
"""

from __future__ import annotations

import os
from collections import Counter

from kgraph.sources.datasets import read_conll04  # noqa: F401  (part of this module's API)
from kgraph.extraction.logistic import softmax  # noqa: F401  (part of this module's API)
from kgraph.extraction.relations import MODEL_PATH  # noqa: F401  (part of this module's API)
from kgraph.extraction import logistic
from kgraph.extraction.rules import CALIBRATION_PRIOR
from kgraph.core.terms import EntityType, Predicate

#: The classifier's classes; index 0 means "no relation".
CLASSES = ("none", "Work_For", "Live_In", "OrgBased_In", "Located_In", "Kill")

#: Where the shipped model lives (package data).

#: Our entity types as CoNLL04 types.
_CONLL_TYPE = {EntityType.Person: "Peop", EntityType.Organization: "Org", EntityType.Place: "Loc", EntityType.Country: "Loc"}


def conll_label(predicate: str, subject_type: str, object_type: str) -> str | None:
    """Return the CoNLL04 relation a core predicate between two typed mentions counts as."""
    s, o = _CONLL_TYPE.get(subject_type), _CONLL_TYPE.get(object_type)
    if s == "Peop" and o == "Org" and predicate in (Predicate.worksFor, Predicate.memberOf, Predicate.leaderOf):
        return "Work_For"
    if s == "Peop" and o == "Loc" and predicate in (Predicate.citizenOf, Predicate.livesIn, Predicate.bornIn, Predicate.leaderOf, Predicate.worksFor):
        return "Live_In"
    if s == "Org" and o == "Loc" and predicate == Predicate.basedIn:
        return "OrgBased_In"
    if s == "Loc" and o == "Loc" and predicate in (Predicate.locatedIn, Predicate.partOf):
        return "Located_In"
    if s == "Peop" and o == "Peop" and predicate == Predicate.killed:
        return "Kill"
    return None


def _gold_spans(item: dict) -> tuple[list[tuple[int, int]], dict[tuple[int, int], str]]:
    """Return the character span of each gold entity and the relation of each (head, tail) pair."""
    starts, pos = [], 0
    for tok in item["tokens"]:
        starts.append(pos)
        pos += len(tok) + 1
    spans = [(starts[e["start"]], starts[e["end"] - 1] + len(item["tokens"][e["end"] - 1]))
             for e in item["entities"]]
    rels = {(r["head"], r["tail"]): r["type"] for r in item["relations"]}
    return spans, rels


def _align(mention, spans: list[tuple[int, int]]) -> int | None:
    """Return the gold entity a mention stands for: same span, or overlapping with the same start or end."""
    for i, (s, e) in enumerate(spans):
        if mention.start == s and mention.end == e:
            return i
    for i, (s, e) in enumerate(spans):
        if mention.start < e and s < mention.end and (abs(mention.end - e) <= 1 or mention.start == s):
            return i
    return None


def examples(data: list[dict], model: str | None = None) -> tuple[list[list[str]], list[int], list[tuple]]:
    """Return (features, class index, (sentence, method, predicate, gold label)) for every mention pair.

    The third list records, for each relation the rules find, whether it is
    right; it feeds the rules' calibration. ``model`` names the spaCy
    pipeline the sentences are parsed with (the default one when None).
    """
    from kgraph.extraction.examples import sentence_pairs

    feats, labels, rule_hits, groups = [], [], [], []
    found = sentence_pairs([" ".join(item["tokens"]) for item in data], model)
    for n, (item, sent) in enumerate(zip(data, found)):
        spans, rels = _gold_spans(item)
        gold_of = [_align(m, spans) for m in sent.mentions]
        for (i, j), pair_feats in zip(sent.pairs, sent.features):
            ga, gb = gold_of[i], gold_of[j]
            label = rels.get((ga, gb), "none") if ga is not None and gb is not None else "none"
            feats.append(list(pair_feats))
            labels.append(CLASSES.index(label))
            groups.append(n)
        for rel, (i, j) in zip(sent.relations, sent.relation_mentions):
            ga = gold_of[i] if i is not None else None
            gb = gold_of[j] if j is not None else None
            gold = rels.get((ga, gb)) if ga is not None and gb is not None else None
            rule_hits.append((rel.method, conll_label(rel.predicate, rel.subject.type, rel.object.type), gold))
    return feats, labels, rule_hits, groups


def predict(weights: dict[str, list[float]], feats: list[str]) -> list[float]:
    """Return the class probabilities of one pair's features."""
    return logistic.probabilities(weights, feats)


#: Lower edges of the probability bins the classifier is calibrated in.
CALIBRATION_BINS = (0.3, 0.45, 0.6, 0.75, 0.9)


def monotone_precision(cells: list[dict]) -> dict[int, float]:
    """Return each bin's smoothed precision, adjacent bins pooled until it never falls as the score rises.

    ``cells`` are the bins in rising score order, each ``{"n": statements, "tp": right ones}``.
    """
    merged: list[list] = []
    for j, c in enumerate(cells):
        merged.append([c["tp"] + 0.5, c["n"] + 1.0, [j]])
        while len(merged) > 1 and merged[-2][0] / merged[-2][1] > merged[-1][0] / merged[-1][1]:
            tp, n, js = merged.pop()
            merged[-1][0] += tp
            merged[-1][1] += n
            merged[-1][2] += js
    return {j: round(tp / n, 3) for tp, n, js in merged for j in js}


def calibrate_classifier(feats, labels, groups, folds: int = 3, steps: int = 300) -> dict[str, list]:
    """Measure the classifier's precision per class and probability bin, out of fold.

    Sentences are split into ``folds``; each is predicted by a model trained
    on the others. A bin's precision is made non-decreasing in probability
    (pool-adjacent-violators), so a higher threshold never means a lower
    promise.
    """
    tally: dict[str, list[Counter]] = {c: [Counter() for _ in CALIBRATION_BINS] for c in CLASSES[1:]}
    for k in range(folds):
        train_idx = [i for i, g in enumerate(groups) if g % folds != k]
        test_idx = [i for i, g in enumerate(groups) if g % folds == k]
        w = fit([feats[i] for i in train_idx], [labels[i] for i in train_idx], steps=steps)
        for i in test_idx:
            probs = predict(w, feats[i])
            best = max(range(len(probs)), key=probs.__getitem__)
            if best == 0 or probs[best] < CALIBRATION_BINS[0]:
                continue
            b = max(j for j, low in enumerate(CALIBRATION_BINS) if probs[best] >= low)
            tally[CLASSES[best]][b]["n"] += 1
            tally[CLASSES[best]][b]["tp"] += labels[i] == best
    out = {}
    for label, bins in tally.items():
        value = monotone_precision(bins)
        out[label] = [[low, value[j]] for j, low in enumerate(CALIBRATION_BINS)]
    return out


def fit(feats: list[list[str]], labels: list[int], min_count: int = 2, l2: float = 1e-3,
        steps: int = 300, rate: float = 0.1) -> dict[str, list[float]]:
    """Fit the relation classifier (:func:`kgraph.extraction.logistic.fit`); return {feature: weight per class}."""
    return logistic.fit(feats, labels, len(CLASSES), min_count=min_count, l2=l2, steps=steps, rate=rate)


_PINNED = []


def pin_blas_threads() -> None:
    """Limit the numerical libraries to one thread for the rest of the process.

    Why: sums taken in another order give other float weights, so a rebuild
    is byte-identical only when the thread count is the same on every machine.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # only the train extra brings it; numpy then keeps its own thread count
        return
    _PINNED.append(threadpool_limits(1))


def gold_hits(gold_dir: str | os.PathLike, model: str | None = None) -> list[tuple[str, bool]]:
    """Return (method, right) for every statement the rules make in annotated articles (shared gold format).

    Each article is built on its own; a fact is judged only when both its
    arguments match required gold entities (see :func:`kgraph.evaluate.fact_verdicts`).
    """
    from kgraph.sources import ingest
    from kgraph.evaluate import fact_verdicts, gold_files, load_gold
    from kgraph.extraction.examples import extractions
    from kgraph.linking.link import link_extractions

    from kgraph.extraction.docrel import rules_only
    from kgraph.extraction.sentrel import switched_off

    hits = []
    for path in gold_files(gold_dir):
        gold = load_gold(path)
        # The rules are judged on their own statements, not on the document model's they feed.
        with rules_only(), switched_off():
            kb = link_extractions(extractions(list(ingest.read_inputs([gold["document"]])), model))
        for fact, right in fact_verdicts(gold, kb):
            for method in sorted({rel.method for _aid, rel in fact.evidence}):
                hits.append((method, right))
    return hits


def _fresh_gold_hits(gold, model, weights, calibration, threshold) -> list[tuple[str, bool]]:
    """Return :func:`gold_hits` judged with this run's classifier and every rule at the prior confidence.

    Why: judged with the shipped file's rule precisions, the result would
    depend on the previous training run, and a rebuild would not reproduce itself.
    """
    from kgraph.extraction import relations as rel_mod

    before = rel_mod._MODEL
    rel_mod._MODEL = {"calibration": calibration, "classes": list(CLASSES), "threshold": threshold,
                      "weights": weights}
    try:
        return gold_hits(gold, model)
    finally:
        rel_mod._MODEL = before


def calibrate(rule_hits: list[tuple], prior: float = CALIBRATION_PRIOR, strength: float = 4.0,
              extra: list[tuple[str, bool]] = ()) -> dict[str, dict]:
    """Return each rule's precision on the data, shrunk towards ``prior`` when it fired rarely.

    ``rule_hits`` are CoNLL04 statements (only those with a CoNLL04
    counterpart count); ``extra`` are judged statements from annotated
    articles. A rule that never fired on either keeps the prior.
    """
    tally: dict[str, Counter] = {}
    for method, label, gold in rule_hits:
        if label is None:
            continue
        c = tally.setdefault(method, Counter())
        c["n"] += 1
        c["tp"] += label == gold
    for method, right in extra:
        if method.startswith("rule:"):
            c = tally.setdefault(method, Counter())
            c["n"] += 1
            c["tp"] += right
    return {m: {"fired": c["n"], "correct": c["tp"],
                "precision": round((c["tp"] + prior * strength) / (c["n"] + strength), 3)}
            for m, c in sorted(tally.items())}


def train(data: str | os.PathLike, output: str | os.PathLike = MODEL_PATH, model: str | None = None,
          steps: int = 300, threshold: float = 0.5, gold: str | os.PathLike | None = None) -> dict:
    """Train the classifier on a CoNLL04 split and write it (with rule calibration) to ``output``.

    The rules' confidence is their precision on the CoNLL04 sentences and,
    when ``gold`` names a folder of annotated articles, on those too.

    Returns:
        A summary: sentences, pairs, features kept, per-class counts, rule precision.

    Raises:
        InputError: The data file cannot be read.
        ModelError: The spaCy pipeline cannot be loaded.
    """
    from kgraph.core import modelfile
    from kgraph.evaluate import gold_files

    from kgraph.sources.datasets import require_relations

    items = read_conll04(data)
    require_relations(items, data)
    feats, labels, rule_hits, groups = examples(items, model)
    calibration = calibrate_classifier(feats, labels, groups, steps=steps)
    weights = fit(feats, labels, steps=steps)
    rules = calibrate(rule_hits, extra=_fresh_gold_hits(gold, model, weights, calibration, threshold) if gold else ())
    payload = {
        "about": "kgraph relation classifier: multinomial logistic regression over mention-pair features; "
                 "trained by `kgraph train` on the CoNLL04 train split (SpERT JSON, 922 sentences); "
                 "rule precision also measured on " + (f"{len(gold_files(gold))} annotated articles"
                                                       if gold else "no annotated articles"),
        "calibration": calibration,
        "classes": list(CLASSES),
        "threshold": threshold,
        "rules": rules,
        "weights": weights,
    }
    modelfile.write_json(output, payload)
    return {"sentences": len(items), "pairs": len(labels), "features": len(weights) - 1,
            "classes": {CLASSES[i]: n for i, n in sorted(Counter(labels).items())}, "rules": rules,
            "calibration": calibration,
            "output": str(output)}
