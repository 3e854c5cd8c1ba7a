"""Multinomial logistic regression over feature strings: the one training loop and its prediction.

Every learned linear model of the package (the sentence relation
classifier, the document relation model, the entity model) is a
``{feature: [weight per class]}`` table with a ``"__bias__"`` row, fitted
here by full-batch Adam in numpy and applied by :func:`probabilities`.
"""

from __future__ import annotations

import math
from collections import Counter


def softmax(scores: list[float]) -> list[float]:
    """Return the softmax of a list of scores."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def probabilities(weights: dict[str, list[float]], feats) -> list[float]:
    """Return the class probabilities of one example's features under a fitted weight table."""
    bias = weights["__bias__"]
    rows = [w for w in map(weights.get, feats) if w is not None]
    if len(bias) == 5:
        # The five classes of the entity model and the sentence classifier, summed in locals: the same additions
        # in the same order as below, a fifth of the time (the entity model scores every candidate).
        s0, s1, s2, s3, s4 = bias
        for w in rows:
            s0 += w[0]
            s1 += w[1]
            s2 += w[2]
            s3 += w[3]
            s4 += w[4]
        return softmax([s0, s1, s2, s3, s4])
    scores = []
    for i, s in enumerate(bias):
        for w in rows:
            s += w[i]
        scores.append(s)
    return softmax(scores)


def fit(feats: list[list[str]], labels: list[int], classes: int, min_count: int = 2, l2: float = 1e-3,
        steps: int = 300, rate: float = 0.1) -> dict[str, list[float]]:
    """Fit a multinomial logistic regression (full-batch Adam in numpy); return {feature: weight per class}.

    Features seen in fewer than ``min_count`` examples are left out; weights
    are rounded to 4 places and rows that round to zero dropped, so the same
    input gives the same table.
    """
    import numpy as np

    counts = Counter(f for fs in feats for f in set(fs))
    # Row 0 is the bias, the last row a zero pad for the shorter feature lists.
    vocab = {f: i + 1 for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    pad = len(vocab) + 1
    rows = [[0] + sorted({vocab[f] for f in fs if f in vocab}) for fs in feats]
    width = max(len(r) for r in rows)
    idx = np.full((len(rows), width), pad, dtype=np.int64)
    for r, cols in enumerate(rows):
        idx[r, :len(cols)] = cols
    flat = idx.ravel()
    y = np.array(labels)
    n, k = len(labels), classes
    w = np.zeros((pad + 1, k))
    m1, m2 = np.zeros_like(w), np.zeros_like(w)
    onehot = np.eye(k)[y]
    for step in range(1, steps + 1):
        logits = w[idx].sum(axis=1)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        d = (p - onehot) / n
        g = np.stack([np.bincount(flat, weights=np.repeat(d[:, j], width), minlength=pad + 1) for j in range(k)],
                     axis=1)
        g[1:pad] += l2 * w[1:pad]
        g[pad] = 0.0
        m1 = 0.9 * m1 + 0.1 * g
        m2 = 0.999 * m2 + 0.001 * g * g
        w -= rate * (m1 / (1 - 0.9 ** step)) / (np.sqrt(m2 / (1 - 0.999 ** step)) + 1e-8)
    out = {"__bias__": [round(float(x), 4) for x in w[0]]}
    for f, i in sorted(vocab.items()):
        row = [round(float(x), 4) for x in w[i]]
        if any(abs(x) >= 1e-3 for x in row):
            out[f] = row
    return out
