"""Training examples leave extraction as plain data: what kgraph.extraction.examples returns holds no spaCy object."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from kgraph.core.model import Article, Mention
from kgraph.extraction import examples, sentrel

needs_encoder = pytest.mark.skipif(not sentrel.available(), reason="sentence encoder not installed")

TEXTS = ["Mara Quill , a spokeswoman for the Delton Freight Company , said the barges were late .",
         "The Harlow Shipping Company , based in Tarnow , hired Peter Vance ."]


def _spacy_objects(value, seen: set | None = None) -> list[str]:
    """Return the types of the spaCy (or thinc) objects reachable from a value through records and containers."""
    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, (str, bytes, int, float, bool, type(None))):
        return []
    seen.add(id(value))
    kind = type(value)
    if kind.__module__.split(".")[0] in ("spacy", "thinc"):
        return [f"{kind.__module__}.{kind.__name__}"]
    if dataclasses.is_dataclass(value):
        parts = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        parts = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        parts = list(value)
    elif isinstance(value, np.ndarray):
        parts = list(value.ravel()) if value.dtype == object else []
    else:
        parts = []
    return [t for p in parts for t in _spacy_objects(p, seen)]


def test_the_walk_finds_a_span(nlp):
    doc = nlp("Mara Quill works in Tarnow.")
    assert _spacy_objects((Mention("Mara Quill", "Person", 0, 10, "Mara Quill"), [{"span": doc[0:2]}])) == \
        ["spacy.tokens.span.Span"]


def test_sentence_pairs_are_plain_records():
    got = examples.sentence_pairs(TEXTS)
    assert len(got) == 2 and not _spacy_objects(got)
    first = got[0]
    assert {m.text for m in first.mentions} >= {"Mara Quill", "Delton Freight Company"}
    assert len(first.pairs) == len(first.features) and first.pairs
    assert all(isinstance(f, str) for pair in first.features for f in pair)
    assert len(first.relation_mentions) == len(first.relations)


def test_doc_pairs_are_plain_records(tmp_path):
    items = [{"id": "a", "text": TEXTS[0]}, {"id": "b", "text": TEXTS[1]}]
    got = examples.doc_pairs(items, cache=tmp_path)
    assert len(got) == 2 and not _spacy_objects(got)
    keys = {e.key for e in got[1].entities}
    assert got[1].pairs and all(p.subject in keys and p.object in keys for p in got[1].pairs)
    assert all((p.killing_stated is None) == (p.predicate != "killed") for p in got[1].pairs)
    # only the items selected, from the same cached parse
    again = examples.doc_pairs(items, cache=tmp_path, select=[1])
    assert again == got[1:] and len(list(tmp_path.glob("parses-*.spacy"))) == 1


@needs_encoder
def test_encoded_examples_are_plain_arrays():
    from kgraph.extraction.encoder import load

    enc = load()
    none = np.zeros(len(sentrel.CLASSES), dtype=bool)
    none[0] = True
    seen = []

    def target(n, a, b):
        seen.append((n, a, b))
        return none

    pairs = examples.sentence_pair_rows(TEXTS, target, enc)
    assert pairs and not _spacy_objects(pairs) and not _spacy_objects(seen)
    assert sum(len(r.x) for r in pairs) == len(seen)
    named = examples.named_pair_rows(TEXTS[:1], [[(0, 10, "Person"), (35, 57, "Organization")]], target, enc)
    assert len(named) == 1 and len(named[0].x) == 1 and not _spacy_objects(named)  # person -> organization only
    articles = examples.article_pair_rows([Article("a", TEXTS[1])], target, enc)
    assert articles and not _spacy_objects(articles)
    mentions = examples.sentence_mention_rows(TEXTS, lambda n, m: m.type if m.type == "Person" else None, enc)
    assert [m.text for r in mentions for m in r.mentions] == ["Mara Quill", "Peter Vance"]
    assert not _spacy_objects(mentions)
