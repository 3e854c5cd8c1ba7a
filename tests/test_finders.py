"""Tests generated from the candidate finders declared in :mod:`kgraph.extraction.finders`.

A finder's example phrase must be a candidate (with its declared type and
name) when the finder runs and must not be one when it is switched off; a
counter-example's phrase must not become a candidate by switching it on.
"""

from __future__ import annotations

import pytest

from kgraph.core.terms import EntityType
from kgraph.extraction import extract
from kgraph.extraction.finders import FINDERS, KINDS


def _found(nlp, text: str) -> set[tuple[str, str, str]]:
    """Return (text, type, name) of every candidate of an invented sentence."""
    doc = nlp(text)
    return {(doc[c.start:c.end].text, c.type, c.name) for c in extract._candidates(doc, 0)}


def _on_and_off(nlp, monkeypatch, finder, text):
    on = _found(nlp, text)
    with monkeypatch.context() as m:
        m.setattr(extract, finder.func_name, finder.off())
        off = _found(nlp, text)
    return on, off


EXAMPLES = [pytest.param(f, e, id=f"{f.id}-{n}") for f in FINDERS.values() for n, e in enumerate(f.examples)]
COUNTERS = [pytest.param(f, e, id=f"{f.id}-{n}") for f in FINDERS.values() for n, e in enumerate(f.counter_examples)]


@pytest.mark.parametrize("finder, example", EXAMPLES)
def test_finder_finds_its_example(nlp, monkeypatch, finder, example):
    on, off = _on_and_off(nlp, monkeypatch, finder, example.text)
    want = (example.phrase, example.type, example.name or example.phrase)
    assert want in on, sorted(on, key=str)
    assert want not in off, "found without the finder too"


@pytest.mark.parametrize("finder, example", COUNTERS)
def test_finder_leaves_its_counter_example_alone(nlp, monkeypatch, finder, example):
    on, off = _on_and_off(nlp, monkeypatch, finder, example.text)
    assert not {c for c in on - off if c[0] == example.phrase}, sorted(on - off, key=str)


def test_every_finder_is_declared_in_full_and_called_by_candidates():
    import inspect

    body = inspect.getsource(extract._candidates) + inspect.getsource(extract._ner_candidates)
    for f in FINDERS.values():
        assert f.id.startswith("finder:") and f.reason.strip() and f.kind in KINDS, f.id
        assert f.examples and f.counter_examples, f.id
        assert all(e.type in set(EntityType) for e in f.examples), f.id
        assert callable(getattr(extract, f.func_name)) and f.func_name + "(" in body, f.id
