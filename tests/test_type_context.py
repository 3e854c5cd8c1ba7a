"""Tests generated from the type-context rules declared in :mod:`kgraph.extraction.type_context`.

Each example is an invented sentence and a name in it: a candidate for the name typed as the rule's first
changeable type must come out of :func:`type_context.apply` with the rule's type. On a counter-example the
candidate keeps its type.
"""

from __future__ import annotations

import pytest

from kgraph.extraction import type_context as tc
from kgraph.extraction.extract import _Cand

def _cand(nlp, sentence, phrase, kind):
    doc = nlp(sentence)
    start = next(t.i for t in doc if doc[t.i:].text.startswith(phrase))
    end = next(j for j in range(start + 1, len(doc) + 1) if doc[start:j].text == phrase)
    return _Cand(doc, 0, start, end, kind, phrase, "ner")


CASES = [(r, ex) for r in tc.CONTEXT_RULES for ex in r.examples]
COUNTER = [(r, ex) for r in tc.CONTEXT_RULES for ex in r.counter_examples]


@pytest.mark.parametrize("rule,example", CASES, ids=[f"{r.id}:{e[1]}" for r, e in CASES])
def test_context_rule_retypes_its_example(nlp, rule, example):
    sentence, phrase = example
    c = _cand(nlp, sentence, phrase, rule.changes[0])
    assert tc.decide([c]) == {tc.key(phrase): (rule.id, rule.gives)}
    assert tc.apply([c])[0].type == rule.gives


@pytest.mark.parametrize("rule,example", COUNTER, ids=[f"{r.id}:{e[1]}" for r, e in COUNTER])
def test_context_rule_leaves_its_counter_example(nlp, rule, example):
    sentence, phrase = example
    c = _cand(nlp, sentence, phrase, rule.changes[0])
    assert tc.apply([c])[0].type == rule.changes[0]


def test_a_name_typed_two_ways_is_left_alone(nlp):
    a = _cand(nlp, "Shares of the carmaker Vellox fell.", "Vellox", "Person")
    b = _cand(nlp, "Vellox said on Monday it would cut jobs.", "Vellox", "Place")
    assert tc.apply([a, b]) == [a, b]


def test_every_context_rule_is_declared_in_full():
    ids = [r.id for r in tc.CONTEXT_RULES]
    assert len(ids) == len(set(ids))
    for r in tc.CONTEXT_RULES:
        assert r.id.startswith("context:") and r.reason and r.examples and r.counter_examples
        assert r.gives not in r.changes
