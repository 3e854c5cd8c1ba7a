"""Training examples read from parsed text, handed on as plain data.

The training modules (``kgraph/train*.py``) fit models on what these
functions return (frozen records, tuples, numpy arrays) and never hold a spaCy
object: the pipeline is loaded, texts parsed and every parse walked here. Where
a training set decides which mentions or pairs are encoded (the encoder's cost),
it says so with a function of plain :class:`~kgraph.core.model.Mention` records.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from kgraph.core.model import Article, Extraction, Mention, Relation
from kgraph.core.terms import EntityType


@lru_cache(maxsize=1)
def _pipeline(model: str | None):
    """Return the spaCy pipeline ``model`` names (the default one when None), loaded once for the calls in a row.

    Why: a training step parses its corpora in several calls (the CoNLL04
    sentences, then each annotated article the rules are judged on); the
    pipeline is loaded once for them, as when the step held it itself.
    """
    from kgraph.extraction import nlp as nlp_mod

    return nlp_mod.load(model)


def extractions(articles: Iterable[Article], model: str | None = None) -> Iterator[Extraction]:
    """Extract articles as :func:`kgraph.extraction.extract.extract_articles` does, with the pipeline ``model`` names."""
    from kgraph.extraction.extract import extract_articles

    return extract_articles(articles, nlp=_pipeline(model))


# ---------------------------------------------------------------- the relation classifier


@dataclass(frozen=True)
class SentencePairs:
    """One text's mentions, its candidate mention pairs with their classifier features, and the rules' relations.

    Attributes:
        mentions: The mentions found, in order.
        pairs: (subject, object) indexes into ``mentions`` of each candidate pair.
        features: The classifier's feature strings of each pair (:func:`kgraph.extraction.relations.pair_features`).
        relations: What the hand rules state in the text.
        relation_mentions: Per relation, the indexes of its subject and object in ``mentions`` (None for a
            mention the rule made itself).
    """

    mentions: tuple[Mention, ...]
    pairs: tuple[tuple[int, int], ...]
    features: tuple[tuple[str, ...], ...]
    relations: tuple[Relation, ...]
    relation_mentions: tuple[tuple[int | None, int | None], ...]


def sentence_pairs(texts: Sequence[str], model: str | None = None) -> list[SentencePairs]:
    """Return each text's mentions, candidate pairs with their features, and rule relations, one text a Doc."""
    from kgraph.extraction.extract import find_mentions
    from kgraph.extraction.relations import MentionIndex, candidate_pairs, pair_features, rule_relations

    out = []
    for doc in _pipeline(model).pipe(list(texts), batch_size=64):
        found = find_mentions(doc, 0)  # each mention already carries its in-article name
        index = MentionIndex(found)
        at = {id(m): k for k, (m, _s) in enumerate(found)}
        pairs, feats = [], []
        for a, sa, b, sb in candidate_pairs(found):
            pairs.append((at[id(a)], at[id(b)]))
            feats.append(tuple(pair_features(doc, a, sa, b, sb)))
        rels = tuple(rule_relations(doc, index, 0))
        out.append(SentencePairs(tuple(m for m, _s in found), tuple(pairs), tuple(feats), rels,
                                 tuple((at.get(id(r.subject)), at.get(id(r.object))) for r in rels)))
    return out


# ---------------------------------------------------------------- the document model


@dataclass(frozen=True)
class DocEntity:
    """An entity of an article as the document model groups it: its key, in-article name, type and names written."""

    key: str
    name: str
    type: str
    texts: tuple[str, ...]
    first: Mention


@dataclass(frozen=True)
class DocPair:
    """One candidate statement of the document model: an ordered entity pair, a predicate and its feature row.

    ``killing_stated`` (killed rows only, else None): whether a sentence
    naming both states the killing as done (:func:`kgraph.extraction.docrel.may_kill`).
    """

    subject: str
    object: str
    predicate: str
    vector: tuple[float, ...]
    killing_stated: bool | None


@dataclass(frozen=True)
class DocPairs:
    """An article's entities and every candidate statement the document model scores in it."""

    entities: tuple[DocEntity, ...]
    pairs: tuple[DocPair, ...]


def doc_pairs(items: Sequence[dict], sentence_models: Sequence[dict | None] | None = None, model: str | None = None,
              cache: str | os.PathLike | None = None, progress: Callable[[int], None] | None = None,
              select: Sequence[int] | None = None) -> list[DocPairs]:
    """Return the document model's candidate statements of each ``{"id", "text"}`` item, parses cached in ``cache``.

    ``sentence_models[g]`` is the sentence classifier that scores item ``g``
    (the shipped one when None); ``progress(g)`` is called after each item.
    ``select``: only these items' statements, in this order (every item is
    still parsed, so the cache file is the whole list's).
    """
    from kgraph.core.terms import Predicate
    from kgraph.extraction import nlp as nlp_mod
    from kgraph.extraction.docrel import ArticleView, article_inputs, candidates, may_kill, pair_vector
    from kgraph.extraction.extract import article_mentions

    parsed = nlp_mod.parse_cached(list(items), _pipeline(model), Path(cache) if cache else None)
    out = []
    for g in range(len(parsed)) if select is None else select:
        pieces = parsed[g]
        pairs = article_mentions(pieces)
        sent_model = sentence_models[g] if sentence_models else None
        rules, probs = article_inputs(pieces, pairs, sent_model)
        view = ArticleView(pairs, rules, probs)
        rows = tuple(DocPair(a, b, pred, tuple(pair_vector(view, a, b, pred)),
                             may_kill(view, a, b) if pred == Predicate.killed else None)
                     for a, b, pred in candidates(view))
        ents = tuple(DocEntity(k, e.name, e.type, tuple(m.text for m, _s in e.mentions), e.mentions[0][0])
                     for k, e in view.ents.items())
        out.append(DocPairs(ents, rows))
        if progress:
            progress(g)
    return out


# ---------------------------------------------------------------- the sentence relation head

#: ``target(n, subject, object)``: the class row of a pair in the n-th text, or None to leave the pair out.
Target = Callable[[int, Mention, Mention], "np.ndarray | None"]


@dataclass(frozen=True)
class PairRows:
    """Encoded candidate pairs of one text (or one parsed piece of an article) and their target rows."""

    text: int
    x: np.ndarray
    mask: np.ndarray
    y: np.ndarray


def _pair_rows(n: int, doc, found, offset: int, target: Target, encoder) -> PairRows | None:
    """Return the encoded pairs of one Doc's (mention, span) items that ``target`` keeps, or None."""
    from kgraph.extraction.relations import MentionIndex, rule_relations
    from kgraph.extraction.sentrel import allowed_mask, candidate_pairs, pair_matrix, rule_hints

    hints = rule_hints(rule_relations(doc, MentionIndex(found), offset), found)
    by_sent: dict[int, list[int]] = {}
    for k, (_m, span) in enumerate(found):
        by_sent.setdefault(span.sent.start, []).append(k)
    pairs, targets = [], []
    for ks in by_sent.values():
        for i, j in candidate_pairs([found[k] for k in ks]):
            row = target(n, found[ks[i]][0], found[ks[j]][0])
            if row is None:
                continue
            pairs.append((ks[i], ks[j]))
            targets.append(row)
    if not pairs:
        return None
    x = pair_matrix(doc, found, pairs, hints, encoder)
    masks = np.stack([allowed_mask(found[i][0].type, found[j][0].type) for i, j in pairs])
    return PairRows(n, x, masks, np.stack(targets))


def sentence_pair_rows(texts: Sequence[str], target: Target, encoder, model: str | None = None) -> list[PairRows]:
    """Return the encoded candidate pairs of the mentions found in each text (one Doc each) that ``target`` keeps."""
    from kgraph.extraction.extract import find_mentions

    out = []
    for n, doc in enumerate(_pipeline(model).pipe(list(texts), batch_size=64)):
        got = _pair_rows(n, doc, find_mentions(doc, 0), 0, target, encoder)
        if got:
            out.append(got)
    return out


def named_pair_rows(texts: Sequence[str], names: Sequence[Sequence[tuple[int, int, str | None]]], target: Target,
                    encoder, model: str | None = None) -> list[PairRows]:
    """Return the encoded pairs of each text's given names instead of those found (spans and types as written).

    ``names[n]`` are the n-th text's names as (start, end, type); a name of
    no type, or one no token covers, is left out, and a place the gazetteer
    knows as a country becomes a Country.
    """
    from kgraph.extraction.type_rules import gazetteer_type

    out = []
    for n, (given, doc) in enumerate(zip(names, _pipeline(model).pipe(list(texts), batch_size=64))):
        found = []
        for s, e, typ in given:
            span = doc.char_span(s, e, alignment_mode="expand") if typ else None
            if span is None:
                continue
            text = doc.text[s:e]
            if typ == EntityType.Place and (gazetteer_type(text) or ("",))[0] == EntityType.Country:
                typ = EntityType.Country
            found.append((Mention(text, typ, s, e, text), span))
        got = _pair_rows(n, doc, found, 0, target, encoder) if found else None
        if got:
            out.append(got)
    return out


def article_pair_rows(articles: Sequence[Article], target: Target, encoder, model: str | None = None
                      ) -> list[PairRows]:
    """Return the encoded candidate pairs of the mentions found in each article, one entry per parsed piece."""
    from kgraph.extraction.extract import article_mentions
    from kgraph.extraction.nlp import parse

    out = []
    for n, (_art, pieces) in enumerate(parse(_pipeline(model), articles, batch_size=16)):
        by_doc: dict[int, list] = {}
        for m, span in article_mentions(pieces):
            by_doc.setdefault(id(span.doc), []).append((m, span))
        for offset, doc in pieces:
            found = by_doc.get(id(doc), [])
            got = _pair_rows(n, doc, found, offset, target, encoder) if found else None
            if got:
                out.append(got)
    return out


# ---------------------------------------------------------------- the entity type heads


@dataclass(frozen=True)
class MentionRows:
    """Encoded mentions of one text and what the caller's ``label`` gave each."""

    text: int
    mentions: tuple[Mention, ...]
    labels: tuple
    x: np.ndarray


def sentence_mention_rows(texts: Sequence[str], label: Callable[[int, Mention], object], encoder,
                          model: str | None = None) -> list[MentionRows]:
    """Return the encoded mentions found in each text (one Doc each) to which ``label(n, mention)`` gives a label.

    A mention labelled None is left out (and not encoded).
    """
    from kgraph.extraction.extract import find_mentions
    from kgraph.extraction.retype import mention_rows

    out = []
    for n, doc in enumerate(_pipeline(model).pipe(list(texts), batch_size=64)):
        keep, labels = [], []
        for m, span in find_mentions(doc, 0):
            y = label(n, m)
            if y is not None:
                keep.append((m, span))
                labels.append(y)
        if keep:
            out.append(MentionRows(n, tuple(m for m, _s in keep), tuple(labels), mention_rows(keep, encoder)))
    return out


@dataclass(frozen=True)
class ArticleMentions:
    """The names found in one DWIE article that the type heads read, encoded, with its annotated spans.

    Attributes:
        article: The article's place among those read.
        gold: The annotated names as (start, end, type).
        mentions: The mentions of a type the heads change (pronouns left out).
        x: Their feature rows.
        read: Whether the relation scorer encodes each one's sentence (only those are read at run time).
        held: Per mention and class, whether a word holds its type against the head (:func:`retype.held`).
    """

    article: int
    gold: tuple[tuple[int, int, str], ...]
    mentions: tuple[Mention, ...]
    x: np.ndarray
    read: tuple[bool, ...]
    held: tuple[tuple[bool, ...], ...]


def dwie_article_mentions(dwie: str | os.PathLike, first: int, encoder, cache: str | os.PathLike | None = None,
                          model: str | None = None) -> list[ArticleMentions]:
    """Return the encoded names of the first ``first`` DWIE articles that hold any (parses cached in ``cache``)."""
    from kgraph.extraction import entity_model
    from kgraph.extraction.extract import article_mentions, statement_pairs
    from kgraph.extraction.relations import encoded_sentences
    from kgraph.extraction.retype import CLASSES, INPUT_TYPES, held, mention_rows

    data = entity_model.parsed_dwie(dwie, first=first, nlp=_pipeline(model), cache_dir=cache)
    out = []
    for a, (_art, pieces, gold) in enumerate(data):
        pairs = article_mentions(pieces)
        sentences = encoded_sentences(pieces, statement_pairs(pairs))
        keep = [(m, span) for m, span in pairs if m.type in INPUT_TYPES and span.root.pos_ != "PRON"]
        if not keep:
            continue
        x = mention_rows(keep, encoder)
        out.append(ArticleMentions(
            a, tuple(tuple(g) for g in gold), tuple(m for m, _s in keep), x,
            tuple((id(span.doc), span.sent.start) in sentences for _m, span in keep),
            tuple(tuple(held(m, span, c) for c in CLASSES) for m, span in keep)))
    return out
