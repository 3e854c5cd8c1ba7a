"""Tests generated from the entity-typing rules declared in :mod:`kgraph.extraction.type_rules`.

Each example is an invented sentence, a phrase in it and the NER label the
rule is to read it with: the phrase is trimmed as extraction trims an NER
span, and the first rule (in declared order) that applies must be the one
declaring the example; on a counter-example another rule must decide.
"""

from __future__ import annotations

import pytest

from kgraph.core.terms import EntityType
from kgraph.extraction.extract import _headline_tokens, _trim
from kgraph.extraction.type_rules import DROP, LABEL_TYPES, NAME_LABELS, TYPE_RULES, Span, deciding_rule, type_span


def _span(nlp, example) -> Span:
    """Return the example's phrase as a trimmed Span read with the example's label."""
    doc = nlp(example.text)
    at = example.text.index(example.phrase)
    chars = doc.char_span(at, at + len(example.phrase))
    assert chars is not None, f"{example.phrase!r} is no token span of {example.text!r}"
    start, end, salute = _trim(doc, chars.start, chars.end, example.label)
    return Span(doc, start, end, example.label, salute, _headline_tokens(doc))


EXAMPLES = [pytest.param(r, e, id=f"{r.id}-{n}") for r in TYPE_RULES for n, e in enumerate(r.examples)]
COUNTERS = [pytest.param(r, e, id=f"{r.id}-{n}") for r in TYPE_RULES for n, e in enumerate(r.counter_examples)]


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_type_rule_decides_its_example(nlp, rule, example):
    s = _span(nlp, example)
    assert deciding_rule(s).id == rule.id
    typed = type_span(s.doc, s.start, s.end, s.label, s.salute, s.headlines)
    assert (typed is None) if rule.type == DROP else (typed is not None and typed[0] == rule.type), typed


@pytest.mark.parametrize("rule, example", COUNTERS)
def test_type_rule_leaves_its_counter_example_to_another_rule(nlp, rule, example):
    assert deciding_rule(_span(nlp, example)).id != rule.id


def test_every_type_rule_is_declared_in_full():
    ids = [r.id for r in TYPE_RULES]
    assert len(ids) == len(set(ids))
    for r in TYPE_RULES:
        assert r.id.startswith("type:") and r.reason.strip() and "\n" not in r.reason, r.id
        assert r.examples and r.counter_examples, r.id
        assert r.type == DROP or r.type in set(EntityType), r.id
        assert r.labels is None or r.labels <= NAME_LABELS | {"NORP"}, r.id
        for e in r.examples + r.counter_examples:
            assert e.phrase in e.text, (r.id, e)


def test_the_last_rules_decide_every_label():
    # Whatever the NER says, some rule decides: the label rules close the order.
    tail = {label for r in TYPE_RULES[-3:] for label in r.labels}
    dropped = next(r for r in TYPE_RULES if r.id == "type:other-label")
    assert tail | {"GPE", "LOC"} == set(LABEL_TYPES)
    assert dropped.test(Span(None, 0, 0, "DATE")) and not dropped.test(Span(None, 0, 0, "ORG"))

