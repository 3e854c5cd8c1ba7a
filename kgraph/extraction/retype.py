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
from collections import Counter
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

#: Where the article head lives (package data): trained on the names kgraph finds in DWIE articles.
ARTICLE_MODEL_PATH = MODEL_PATH.with_name("retype_article.npz")

#: Set to "1" (``kgraph build --encoder-types``) to read articles' names again with the article head: better
#: types at about half the extraction speed, so off by default (see the README, "Entity types read again in
#: articles").
ARTICLE_SWITCH = "KGRAPH_ARTICLE_TYPES"


def article_types_on() -> bool:
    """Return whether articles' names are read again with the article head (:data:`ARTICLE_SWITCH`)."""
    return os.environ.get(ARTICLE_SWITCH, "0") == "1"

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
    first: dict[tuple[int, int], int] = {}  # sentence -> its first mention's offset in the text: a stable order
    for m, span in mentions:
        key = (id(span.doc), span.sent.start)
        sents.setdefault(key, span.sent)
        first[key] = min(first.get(key, m.start), m.start)
    keys = sorted(sents, key=lambda k: (first[k], k[1]))
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


_HEADS: dict[Path, dict] = {}  # shipped file -> its head, once read


def load_head(path: str | os.PathLike | None = None, shipped: Path = MODEL_PATH) -> dict | None:
    """Return the shipped head (loaded once) or the one at ``path``; None when the shipped file is absent.

    Raises:
        ModelError: The file exists but cannot be read.
    """
    if path is None and shipped in _HEADS:
        return _HEADS[shipped]
    target = Path(path) if path is not None else shipped
    if path is None and not target.is_file():
        return None
    head = read_head(target, "entity type head")
    if path is None:
        _HEADS[shipped] = head
    return head


def load_article_head(path: str | os.PathLike | None = None) -> dict | None:
    """Return the shipped article head (:data:`ARTICLE_MODEL_PATH`, loaded once) or the one at ``path``."""
    return load_head(path, ARTICLE_MODEL_PATH)


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
        sure[k] = best if best != now and float(p.max()) >= threshold and not held(m, span, best) else None
    # A name keeps one type in its text: it changes only where the head is sure of the same type at every
    # mention of it ("Werlingen beat Ostrel ... Werlingen fans": one reading at the third mention is not enough).
    by_name: dict = {}
    for k, (m, _span) in enumerate(pairs):
        by_name.setdefault(m.name, []).append(k)
    for k, new in sure.items():
        if new is not None and all(sure.get(j) == new for j in by_name[pairs[k][0].name]):
            out[k] = (_as(pairs[k][0], new), pairs[k][1])
    return out


def pooled_change(mean: np.ndarray, now: int, threshold: float) -> int | None:
    """Return the class (index into :data:`CLASSES`) a name's mean probabilities change it to, or None.

    None when the most probable class is its type ``now`` or falls short of ``threshold``; run time
    (:func:`name_changes`) and training (:func:`kgraph.retype_train.name_gains`) decide by this one rule.
    """
    best = int(np.argmax(mean))
    return best if best != now and float(mean[best]) >= threshold else None


def name_changes(pairs, evidence: list[int], probs: np.ndarray, threshold: float,
                 hold=lambda m, span, best: False) -> dict[str, str]:
    """Return name -> the type every mention of that name takes, from the head's probabilities at some of them.

    A name's probabilities are averaged over its mentions in ``evidence``
    (indices into ``pairs``, rows of ``probs``); it changes type when the
    average's class is not the type most of its mentions have (a country
    counting as a place), reaches ``threshold``, and ``hold`` holds the type
    at none of its mentions (see :func:`held`).
    """
    pooled: dict[str, list[int]] = {}
    for r, k in enumerate(evidence):
        pooled.setdefault(pairs[k][0].name, []).append(r)
    kinds: dict[str, Counter] = {}
    for m, _span in pairs:
        if m.type in INPUT_TYPES:
            kinds.setdefault(m.name, Counter())[EntityType.Place if m.type == EntityType.Country else m.type] += 1
    out = {}
    for name, rows in sorted(pooled.items()):
        now = min(kinds[name], key=lambda t: (-kinds[name][t], CLASSES.index(t)))
        best = pooled_change(probs[rows].mean(axis=0), CLASSES.index(now), threshold)
        if best is not None and not any(m.name == name and m.type in INPUT_TYPES and hold(m, span, CLASSES[best])
                                        for m, span in pairs):
            out[name] = CLASSES[best]
    return out


def retype_article(pairs, sentences, head: dict | None = None, encoder=None) -> list:
    """Return an article's (Mention, Span) items with each name's type read again where the article head is sure.

    Why: spaCy-small tags many unseen names by their look ("Rodrigo Tavares"
    an organization, a club's city a place in a match report), and the entity
    model, whose words come from the training articles, often follows it. The
    head reads each mention's encoding in the sentences the relation scorer
    encodes anyway (``sentences``: (id of Doc, sentence start)), so the
    encoder reads no sentence more; a name's mentions there are pooled
    (:func:`name_changes`) and all its mentions in the article change together.

    Args:
        pairs: (Mention, Span) items of an article.
        sentences: The sentences whose mentions are read.
        head: A head from :func:`load_article_head`; the shipped one when None (no change without one).
        encoder: A :class:`kgraph.extraction.encoder.Encoder`; the shared one when None.
    """
    head = head if head is not None else load_article_head()
    if head is None:
        return list(pairs)
    evidence = [k for k, (m, span) in enumerate(pairs) if m.type in INPUT_TYPES and span.root.pos_ != "PRON"
                and (id(span.doc), span.sent.start) in sentences]
    if not evidence:
        return list(pairs)
    probs = probabilities(head, mention_rows([pairs[k] for k in evidence], encoder))
    changes = name_changes(pairs, evidence, probs, head["config"]["threshold"],
                           lambda m, span, best: span.root.pos_ != "PRON" and held(m, span, best))
    return [(_as(m, changes[m.name]), span) if m.name in changes and m.type in INPUT_TYPES else (m, span)
            for m, span in pairs]


def held(m, span, best: str) -> bool:
    """True when a word at or beside the mention decides its type, whatever the head reads (the rules below)."""
    return _org_by_head(m, span) or _place_by_context(m, span, best) or _org_before_role(m, span) \
        or _typed_by_context(m, span)


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
