"""Sentence-level relation scorer: MiniLM encodings of a sentence, a small numpy head per mention pair.

Each sentence holding a candidate pair is encoded once (:mod:`kgraph.extraction.encoder`);
every ordered pair of its mentions is then described by pooled wordpiece
vectors (the mean of layers 4 and 6 over each mention), their product, the
mean of the wordpieces between them, the two entity types, their order and
distance, and which predicate the hand rules state for the pair. A
one-hidden-layer network (weights in ``kgraph/models/sentrel.npz``) gives a
probability for "no relation" and each core predicate the two types allow.

``kgraph train`` rebuilds the head (see :func:`train_sentrel`); spaCy objects
stay inside extraction: callers pass a Doc and its (Mention, Span) pairs.
"""

from __future__ import annotations

import contextlib
import json
import os
from bisect import bisect_left, bisect_right
from pathlib import Path

import numpy as np

from kgraph.core.errors import InputError, ModelError
from kgraph.core.model import PREDICATES
from kgraph.core.terms import EntityType, Predicate

#: The head's classes; index 0 means "no relation".
CLASSES = ("none",) + PREDICATES

#: Predicates each (subject type, object type) pair can hold; other type pairs are not scored.
TYPE_PREDICATES = {
    (EntityType.Person, EntityType.Organization): (Predicate.worksFor, Predicate.memberOf, Predicate.leaderOf),
    (EntityType.Person, EntityType.Country): (Predicate.citizenOf, Predicate.livesIn, Predicate.bornIn, Predicate.leaderOf, Predicate.worksFor),
    (EntityType.Person, EntityType.Place): (Predicate.citizenOf, Predicate.livesIn, Predicate.bornIn, Predicate.leaderOf, Predicate.worksFor),
    (EntityType.Organization, EntityType.Country): (Predicate.basedIn, Predicate.partOf),
    (EntityType.Organization, EntityType.Place): (Predicate.basedIn, Predicate.partOf),
    (EntityType.Organization, EntityType.Organization): (Predicate.partOf,),
    (EntityType.Place, EntityType.Country): (Predicate.locatedIn, Predicate.partOf),
    (EntityType.Place, EntityType.Place): (Predicate.locatedIn, Predicate.partOf),
    (EntityType.Person, EntityType.Person): (Predicate.killed,),
}
TYPE_PAIRS = tuple(sorted(TYPE_PREDICATES))

#: Encoder layers pooled for each mention (6 is the last).
LAYERS = (4, 6)

#: Pairs further apart than this many spaCy tokens are not scored.
MAX_PAIR_DISTANCE = 40

#: Pairs scored together: bounds the feature matrix (about 12 KB a pair) on a text listing thousands of names.
PAIR_BLOCK = 2048

#: Where the shipped head lives (package data).
MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "sentrel.npz"

#: Environment variable naming a head file to use instead of the shipped one.
ENV_HEAD = "KGRAPH_SENTREL_HEAD"

_DIM = 384 * len(LAYERS)

#: Version of the pair features; cached training features of another version are rebuilt.
FEATURE_VERSION = 1


def allowed_mask(subject_type: str, object_type: str) -> np.ndarray:
    """Return which classes a pair of these types can take ("none" always)."""
    mask = np.zeros(len(CLASSES), dtype=bool)
    mask[0] = True
    for p in TYPE_PREDICATES.get((subject_type, object_type), ()):
        mask[CLASSES.index(p)] = True
    return mask


def near_by_start(starts: list[int], distance: int) -> list[list[int]]:
    """Return, for each position, the positions whose start is at most ``distance`` away, in order.

    Looked up by start, so a sentence listing thousands of names costs a
    window per name, not all pairs.
    """
    order = sorted(range(len(starts)), key=lambda k: (starts[k], k))
    by_start = [starts[k] for k in order]
    return [sorted(order[bisect_left(by_start, s - distance):bisect_right(by_start, s + distance)]) for s in starts]


def candidate_pairs(mentions) -> list[tuple[int, int]]:
    """Return the ordered index pairs of (Mention, Span) items in one sentence whose types can relate."""
    sent = [sa.sent.start for _m, sa in mentions]
    near = near_by_start([sa.start for _m, sa in mentions], MAX_PAIR_DISTANCE)
    out = []
    for i, (a, sa) in enumerate(mentions):
        for j in near[i]:
            b, sb = mentions[j]
            if i == j or a.name == b.name or (a.type, b.type) not in TYPE_PREDICATES:
                continue
            if sent[i] != sent[j]:
                continue
            if sa.start < sb.end and sb.start < sa.end:
                continue
            out.append((i, j))
    return out


def _pieces(offsets: np.ndarray, start: int, end: int) -> np.ndarray:
    """Return the indices of the wordpieces overlapping characters [start, end) ([CLS]/[SEP] never)."""
    return np.nonzero((offsets[:, 0] < end) & (offsets[:, 1] > start) & (offsets[:, 1] > offsets[:, 0]))[0]


def _pool(states: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Return the mean over ``idx`` of each layer, concatenated (zeros when idx is empty)."""
    if len(idx) == 0:
        return np.zeros(_DIM, dtype=np.float32)
    return states[:, idx].mean(axis=1).reshape(-1)


def rule_hints(relations, mentions) -> dict[tuple[int, int], set[str]]:
    """Return the predicates the rules state for each ordered pair of ``mentions`` (by index)."""
    at = {(m.start, m.end): i for i, (m, _s) in enumerate(mentions)}
    out: dict[tuple[int, int], set[str]] = {}
    for r in relations:
        i, j = at.get((r.subject.start, r.subject.end)), at.get((r.object.start, r.object.end))
        if i is not None and j is not None:
            out.setdefault((i, j), set()).add(r.predicate)
    return out


def pair_matrix(doc, mentions, pairs: list[tuple[int, int]], hints=None, encoder=None) -> np.ndarray:
    """Return the feature rows of ordered mention pairs of a Doc, encoding each sentence once.

    Args:
        doc: The spaCy Doc the mentions' spans belong to.
        mentions: (Mention, Span) items.
        pairs: Index pairs into ``mentions``, both in one sentence.
        hints: The rules' predicates per pair (:func:`rule_hints`), or None.
        encoder: A :class:`kgraph.extraction.encoder.Encoder`; the shared one when None.
    """
    from kgraph.extraction import encoder as enc_mod

    enc = encoder if encoder is not None else enc_mod.load()
    hints = hints or {}
    # One sentence lookup per mention, not per pair: each walks the sentence, which may be long.
    sent_of_mention = {i: mentions[i][1].sent for i in sorted({i for p in pairs for i in p})}
    sent_of = {s.start: s for s in sent_of_mention.values()}
    sents = sorted(sent_of)
    encoded = dict(zip(sents, enc.encode([sent_of[s].text for s in sents], layers=LAYERS)))
    rows = np.zeros((len(pairs), feature_size()), dtype=np.float32)
    cache: dict[int, np.ndarray] = {}
    for r, (i, j) in enumerate(pairs):
        (a, sa), (b, sb) = mentions[i], mentions[j]
        sent = sent_of_mention[i]
        e = encoded[sent.start]
        base = sent.start_char
        spans = {}
        for k, span in ((i, sa), (j, sb)):
            idx = _pieces(e.offsets, span.start_char - base, span.end_char - base)
            spans[k] = idx
            if k not in cache:
                cache[k] = _pool(e.states, idx)
        lo, hi = (sa, sb) if sa.start < sb.start else (sb, sa)
        between = _pieces(e.offsets, lo.end_char - base, hi.start_char - base)
        va, vb = cache[i], cache[j]
        extra = np.zeros(_EXTRA, dtype=np.float32)
        extra[TYPE_PAIRS.index((a.type, b.type))] = 1.0
        o = len(TYPE_PAIRS)
        extra[o] = 1.0 if sa.start < sb.start else 0.0
        extra[o + 1] = np.log1p(len(between))
        extra[o + 2] = 1.0 if len(between) == 0 else 0.0
        extra[o + 3] = 1.0 if any(t.pos_ == "VERB" for t in doc[lo.end:hi.start]) else 0.0
        o += 4
        for p in hints.get((i, j), ()):
            extra[o + PREDICATES.index(p)] = 1.0
        for p in hints.get((j, i), ()):
            extra[o + len(PREDICATES) + PREDICATES.index(p)] = 1.0
        rows[r] = np.concatenate([va, vb, va * vb, _pool(e.states, between), extra])
    return rows


_EXTRA = len(TYPE_PAIRS) + 4 + 2 * len(PREDICATES)


def feature_size() -> int:
    """Return the length of a pair's feature row."""
    return 4 * _DIM + _EXTRA


def hinted_rows(x: np.ndarray) -> np.ndarray:
    """Return which feature rows carry a rule's predicate (either order): pairs a kept rule already states."""
    return x[:, -2 * len(PREDICATES):].any(axis=1)


# ---------------------------------------------------------------- the head


def _forward(head: dict, x: np.ndarray) -> np.ndarray:
    """Return the head's logits for standardized-on-the-fly rows."""
    z = (x - head["mean"]) / head["std"]
    h = np.maximum(z @ head["w1"] + head["b1"], 0.0)
    return h @ head["w2"] + head["b2"]


def _softmax(head: dict, x: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """Return one network's class probabilities over the allowed classes."""
    logits = _forward(head, x).astype(np.float64)
    logits = np.where(masks, logits, -np.inf)
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def members(head: dict) -> list[dict]:
    """Return the networks of a head: one, or several fitted with different seeds (stacked weights)."""
    if head["w1"].ndim == 2:
        return [head]
    return [{**head, "w1": head["w1"][k], "b1": head["b1"][k], "w2": head["w2"][k], "b2": head["b2"][k]}
            for k in range(head["w1"].shape[0])]


def probabilities(head: dict, x: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """Return class probabilities (rows sum to 1 over the allowed classes; others are 0).

    A head of several networks gives the mean of their probabilities: one
    network's answers move by about 0.01 pair F1 with its random seed, and the
    mean of three is steadier and better out of fold.
    """
    nets = members(head)
    return sum(_softmax(net, x, masks) for net in nets) / len(nets)


_HEAD: dict | None = None


def read_head(target: Path, what: str) -> dict:
    """Return a numpy head as training saved it: float arrays as float32, its JSON config parsed."""
    try:
        with np.load(target, allow_pickle=False) as z:
            head = {k: z[k].astype(np.float32) if z[k].dtype.kind == "f" else z[k] for k in z.files}
        head["config"] = json.loads(str(head.pop("config_json")))
        if "w1_scale" in head:  # first-layer weights stored as int8 with one scale per hidden unit
            head["w1"] = head["w1"].astype(np.float32) * head.pop("w1_scale")
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"{target}: no readable {what} ({exc})") from None
    return head


def forget_head() -> None:
    """Drop the head loaded before (training wrote a new one that later steps must read)."""
    global _HEAD
    _HEAD = None


def load_head(path: str | os.PathLike | None = None) -> dict:
    """Return the shipped head (or ``KGRAPH_SENTREL_HEAD``'s; loaded once), or the one at ``path``.

    Raises:
        ModelError: The file is missing or unreadable.
    """
    global _HEAD
    if path is None and _HEAD is not None:
        return _HEAD
    target = Path(path) if path is not None else Path(os.environ.get(ENV_HEAD) or MODEL_PATH)
    head = read_head(target, "sentence relation head")
    if path is None:
        _HEAD = head
    return head


def available() -> bool:
    """Return whether the head and the encoder can be loaded (no error is raised)."""
    try:
        load_head()
        from kgraph.extraction import encoder

        encoder.load()
    except (ModelError, ImportError):
        return False
    return True


def pairs_to_score(mentions, skip=frozenset()) -> list[tuple[int, int]]:
    """Return the index pairs of (Mention, Span) items :func:`score_pairs` scores (their sentences are encoded)."""
    by_sent: dict[int, list[int]] = {}
    for k, (_m, span) in enumerate(mentions):
        by_sent.setdefault(span.sent.start, []).append(k)
    pairs = []
    for ks in by_sent.values():
        sub = [mentions[k] for k in ks]
        pairs += [(ks[i], ks[j]) for i, j in candidate_pairs(sub) if (ks[i], ks[j]) not in skip]
    return pairs


def score_pairs(doc, mentions, relations=None, head=None, encoder=None,
                skip=frozenset()) -> dict[tuple[int, int], dict[str, float]]:
    """Return {(i, j): {predicate: probability}} for the candidate pairs of (Mention, Span) items of a Doc.

    Args:
        doc: A spaCy Doc (one piece of an article).
        mentions: (Mention, Span) items whose spans lie in ``doc``.
        relations: The hand rules' relations in this Doc (they enter as features), or None.
        head: A head from :func:`load_head`; the shipped one when None.
        encoder: A :class:`kgraph.extraction.encoder.Encoder`; the shared one when None.
        skip: Index pairs not to score (a sentence none of whose pairs is left is not encoded).

    Raises:
        ModelError: The head or the encoder cannot be loaded.
    """
    head = head if head is not None else load_head()
    pairs = pairs_to_score(mentions, skip)
    if not pairs:
        return {}
    hints = rule_hints(relations or (), mentions)
    out = {}
    # A pair's row is 12 KB: score a sentence listing thousands of names a block at a time.
    for s in range(0, len(pairs), PAIR_BLOCK):
        block = pairs[s:s + PAIR_BLOCK]
        x = pair_matrix(doc, mentions, block, hints, encoder)
        masks = np.stack([allowed_mask(mentions[i][0].type, mentions[j][0].type) for i, j in block])
        probs = probabilities(head, x, masks)
        for (i, j), p, m in zip(block, probs, masks):
            out[(i, j)] = {CLASSES[c]: round(float(p[c]), 4) for c in range(1, len(CLASSES)) if m[c]}
    return out


# ---------------------------------------------------------------- statements

#: Set to "0" to switch the scorer off (the older feature classifier then scores the pairs).
ENV_SWITCH = "KGRAPH_SENTREL"


def enabled() -> bool:
    """Return whether extraction uses the scorer: head and encoder present, not switched off."""
    if os.environ.get(ENV_SWITCH, "1") == "0" or _OFF:
        return False
    global _AVAILABLE
    if _AVAILABLE is None:
        _AVAILABLE = available()
    return _AVAILABLE


_AVAILABLE: bool | None = None
_OFF = False


@contextlib.contextmanager
def switched_off():
    """Extract without the scorer inside the block (as with ``KGRAPH_SENTREL=0``)."""
    global _OFF
    before, _OFF = _OFF, True
    try:
        yield
    finally:
        _OFF = before


def calibrated(head: dict, predicate: str, p: float) -> float:
    """Return the precision the head showed out of fold for this predicate at this probability."""
    bins = head["config"].get("calibration", {}).get(predicate)
    if not bins:
        return round(p, 3)
    value = bins[0][1]
    for low, precision, *_n in bins:
        if p >= low:
            value = precision
    return value
