"""Entity types of short texts read again from their MiniLM encoding: a small numpy head per mention.

spaCy-small types a name from little context: a surname after "native of"
may come out as a place, a town as an organization. In texts of one or two
sentences (where :mod:`kgraph.extraction.sentrel` encodes the sentences
anyway) each mention is described by its pooled wordpieces (layers 4 and 6),
its first wordpiece, the sentence's mean, the wordpieces just before and
after it and the type it has; a one-hidden-layer head (weights in
``kgraph/models/retype.npz``) gives Person, Organization or Place, and a
mention changes type only when the head is surer than the threshold
``kgraph train`` measured out of fold. ``KGRAPH_SENTREL=0`` switches it off
with the relation scorer.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import numpy as np

from kgraph.core.terms import EntityType
from kgraph.extraction.sentrel import _pieces, _pool, read_head  # the relation head's pooling and file reader
from kgraph.extraction.lexicon import STRONG_ORG_HEADS
from kgraph.extraction.type_rules import ROLE_WORDS

#: The head's classes (a Country mention counts as a Place).
CLASSES = (EntityType.Person, EntityType.Organization, EntityType.Place)

#: Types a mention can have on input, in the order of its one-hot feature.
INPUT_TYPES = (EntityType.Person, EntityType.Organization, EntityType.Place, EntityType.Country)

#: Encoder layers pooled (as for the relation scorer, so a sentence is encoded once for both).
LAYERS = (4, 6)

#: Characters of context read on each side of a mention.
CONTEXT_CHARS = 30

#: Names a sentence must hold for its names to be read again.
MIN_NAMES = 2

#: Where the shipped head lives (package data).
MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "retype.npz"

_DIM = 384 * len(LAYERS)


def feature_size() -> int:
    """Return the length of a mention's feature row."""
    return 5 * _DIM + len(INPUT_TYPES)


def mention_rows(mentions, encoder=None) -> np.ndarray:
    """Return the feature rows of (Mention, Span) items, encoding each of their sentences once."""
    from kgraph.extraction import encoder as enc_mod

    enc = encoder if encoder is not None else enc_mod.load()
    rows = np.zeros((len(mentions), feature_size()), dtype=np.float32)
    if not mentions:
        return rows
    sents: dict[tuple[int, int], object] = {}
    for _m, span in mentions:
        sents.setdefault((id(span.doc), span.sent.start), span.sent)
    keys = sorted(sents, key=lambda k: (k[0], k[1]))
    encoded = dict(zip(keys, enc.encode([sents[k].text for k in keys], layers=LAYERS)))
    for r, (m, span) in enumerate(mentions):
        sent = span.sent
        e = encoded[(id(span.doc), sent.start)]
        lo, hi = span.start_char - sent.start_char, span.end_char - sent.start_char
        idx = _pieces(e.offsets, lo, hi)
        first = e.states[:, idx[0]].reshape(-1) if len(idx) else np.zeros(_DIM, np.float32)
        every = np.nonzero(e.offsets[:, 1] > e.offsets[:, 0])[0]
        before = _pieces(e.offsets, max(0, lo - CONTEXT_CHARS), lo)
        after = _pieces(e.offsets, hi, hi + CONTEXT_CHARS)
        current = np.zeros(len(INPUT_TYPES), np.float32)
        current[INPUT_TYPES.index(m.type)] = 1.0
        rows[r] = np.concatenate([_pool(e.states, idx), first, _pool(e.states, every), _pool(e.states, before),
                                  _pool(e.states, after), current])
    return rows


def probabilities(head: dict, x: np.ndarray) -> np.ndarray:
    """Return each row's probability of each class in :data:`CLASSES`."""
    z = (x - head["mean"]) / head["std"]
    h = np.maximum(z @ head["w1"] + head["b1"], 0.0)
    logits = (h @ head["w2"] + head["b2"]).astype(np.float64)
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


_HEAD: dict | None = None


def load_head(path: str | os.PathLike | None = None) -> dict | None:
    """Return the shipped head (loaded once) or the one at ``path``; None when the shipped file is absent.

    Raises:
        ModelError: The file exists but cannot be read.
    """
    global _HEAD
    if path is None and _HEAD is not None:
        return _HEAD
    target = Path(path) if path is not None else MODEL_PATH
    if path is None and not target.is_file():
        return None
    head = read_head(target, "entity type head")
    if path is None:
        _HEAD = head
    return head


def _as(m, new_type: str):
    """Return the mention with another type (a place the gazetteer knows as a country becomes that country)."""
    if new_type == EntityType.Place:
        from kgraph.sources import gazetteer

        found = gazetteer.country(m.text)
        if found is not None:
            return replace(m, type=EntityType.Country, name=found.name)
    return replace(m, type=new_type)


def retype(pairs, head: dict | None = None, encoder=None, sentences=None) -> list:
    """Return (Mention, Span) items with the types the head is sure of (others unchanged).

    Args:
        pairs: (Mention, Span) items of a short text.
        head: A head from :func:`load_head`; the shipped one when None (no change without one).
        encoder: A :class:`kgraph.extraction.encoder.Encoder`; the shared one when None.
        sentences: (id of Doc, sentence start) of the sentences whose names are read again (those the
            relation scorer encodes), with those naming :data:`MIN_NAMES` or more where one is an
            organization; when None, every sentence naming :data:`MIN_NAMES` or more.
    """
    head = head if head is not None else load_head()
    names = {}
    for k, (m, span) in enumerate(pairs):
        if m.type in INPUT_TYPES and span.root.pos_ != "PRON":  # "she" stands for a name typed elsewhere
            names.setdefault((id(span.doc), span.sent.start), []).append(k)
    # A lone name is left as it is. An organization is the type most often wrong, and a rule may state a relation
    # of it (its sentence then goes unscored): its sentence is read whenever it names two or more.
    many = {key for key, ks in names.items() if len(ks) >= MIN_NAMES}
    wanted = many if sentences is None else set(sentences) | {
        key for key in many if any(pairs[k][0].type == EntityType.Organization for k in names[key])}
    todo = sorted(k for key, ks in names.items() if key in wanted for k in ks)
    if head is None or not todo:
        return list(pairs)
    threshold = head["config"]["threshold"]
    probs = probabilities(head, mention_rows([pairs[k] for k in todo], encoder))
    out = list(pairs)
    sure: dict = {}  # mention index -> the type the head is sure of, or None where it keeps the type
    for k, p in zip(todo, probs):
        m, span = pairs[k]
        best = CLASSES[int(np.argmax(p))]
        now = EntityType.Place if m.type == EntityType.Country else m.type
        sure[k] = best if best != now and float(p.max()) >= threshold and not _org_by_head(m, span) \
            and not _place_by_context(m, span, best) and not _org_before_role(m, span) \
            and not _typed_by_context(m, span) else None
    # A name keeps one type in its text: it changes only where the head is sure of the same type at every
    # mention of it ("Werlingen beat Ostrel ... Werlingen fans": one reading at the third mention is not enough).
    by_name: dict = {}
    for k, (m, _span) in enumerate(pairs):
        by_name.setdefault(m.name, []).append(k)
    for k, new in sure.items():
        if new is not None and all(sure.get(j) == new for j in by_name[pairs[k][0].name]):
            out[k] = (_as(pairs[k][0], new), pairs[k][1])
    return out


def _org_by_head(m, span) -> bool:
    """True for an organization whose last word names a kind of organization ("Coastal Defence Forces")."""
    return m.type == EntityType.Organization and span[-1].lower_ in STRONG_ORG_HEADS


def _org_before_role(m, span) -> bool:
    """True for an organization right before a role noun: "Vellmark Director X" is Vellmark's director.

    The entity model keeps such a name an organization (a declared context rule); the type head, reading
    a person's sentence, made it a person.
    """
    return m.type == EntityType.Organization and span.end < len(span.doc) \
        and span.doc[span.end].lower_.rstrip(".") in ROLE_WORDS


def _typed_by_context(m, span) -> bool:
    """True for a person a declared context rule made one ("Tarsk Institute economist Ilse Varga").

    A word next to the name says what it is; the head, reading an
    institution's sentence, made such a person an organization again. Held
    for persons only: holding places and organizations too cost two right
    relations on the held CoNLL04 folds (0.604 -> 0.603).
    """
    from kgraph.extraction import type_context

    return m.type == EntityType.Person and type_context.context_type(span.doc, span.start, span.end) == m.type


def _place_by_context(m, span, best) -> bool:
    """True for a place the head would make an organization while a place word ends its name or a US state follows.

    Why: "the plant in Vell Falls, Ohio", "Tarsk Highway": the words say a
    place, and the head, reading a firm's sentence, turned such places into
    firms (on the held CoNLL04 folds it made four places organizations, none
    rightly). A place word (:data:`kgraph.extraction.type_context.PLACE_LAST_WORDS`)
    or the rule :func:`kgraph.extraction.type_context.followed_by_state` decides.
    """
    from kgraph.extraction import type_context

    if m.type != EntityType.Place or best != EntityType.Organization:
        return False
    return span[-1].lower_ in type_context.PLACE_LAST_WORDS or type_context.followed_by_state(span.doc, span.end)
