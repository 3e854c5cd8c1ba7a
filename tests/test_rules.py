"""Tests generated from the rule declarations in :mod:`kgraph.extraction.rules`, and checks of the word lists."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from kgraph.extraction import lexicon

from kgraph.extraction import relations
from kgraph.extraction.extract import extract_doc, find_mentions
from kgraph.core.model import Article
from kgraph.extraction.relations import MentionIndex, rule_relations
from kgraph.extraction.rules import REGISTRY, rules_of
from kgraph.core.terms import PREDICATES


@pytest.fixture(autouse=True)
def hand_rules_only(monkeypatch):
    """Test the rules as declared: the learned entity decision (tests/test_entity_model.py) is off here."""
    from kgraph.extraction import entity_model

    monkeypatch.setattr(entity_model, "load", lambda path=None: None)


def _norm(fact):
    """Compare names without a leading article: mentions may or may not keep "the"."""
    s, p, o = fact
    return s.removeprefix("the "), str(p), o.removeprefix("the ")


def _facts_of(nlp, rule, text) -> set:
    """Return the (subject, predicate, object) names the rule alone finds in an invented sentence."""
    if rule.scope == "article":
        ex = extract_doc(Article("t", text), [(0, nlp(text))])
        return {_norm((r.subject.name, r.predicate, r.object.name)) for r in ex.relations if r.method == rule.id}
    doc = nlp(text)
    index = MentionIndex(find_mentions(doc, 0))
    found = rule.func(doc, index, 0) if rule.scope == "sentence" else rule.func(rule_relations(doc, index, 0))
    out = set()
    for r in found:
        assert r.method == rule.id, f"{rule.id} emitted {r.method}"
        assert r.predicate in rule.predicates, f"{rule.id} emitted undeclared {r.predicate}"
        out.add(_norm((r.subject.name, r.predicate, r.object.name)))
    return out


EXAMPLES = [pytest.param(r, e, id=f"{r.id}-{n}") for r in REGISTRY.values() for n, e in enumerate(r.examples)]
COUNTERS = [pytest.param(r, e, id=f"{r.id}-{n}") for r in REGISTRY.values() for n, e in enumerate(r.counter_examples)]


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_rule_fires_on_its_example(nlp, rule, example):
    found = _facts_of(nlp, rule, example.text)
    assert _norm(example.fact) in found, f"{example.fact} not in {sorted(found)}"


@pytest.mark.parametrize("rule, example", COUNTERS)
def test_rule_leaves_its_counter_example_alone(nlp, rule, example):
    assert _norm(example.fact) not in _facts_of(nlp, rule, example.text)


def test_every_rule_is_declared_in_full():
    assert REGISTRY
    for r in REGISTRY.values():
        assert r.id.startswith("rule:") and r.reason.strip(), r.id
        assert r.examples and r.counter_examples, r.id
        assert r.predicates and all(p in PREDICATES for p in r.predicates), r.id
        for e in r.examples + r.counter_examples:
            assert e.fact[1] in r.predicates, (r.id, e)


def test_every_emitted_method_is_a_registered_rule():
    # Every "rule:..." string the relation code can write is the id of a registered rule.
    source = Path(relations.__file__).read_text(encoding="utf-8")
    methods = set(re.findall(r'"(rule:[a-z-]+)"', source))
    assert methods and methods <= set(REGISTRY), sorted(methods - set(REGISTRY))
    assert set(relations.RULE_ORDER) == {r.id for r in rules_of("sentence")}
    assert len(relations.RULE_ORDER) == len(set(relations.RULE_ORDER))


def test_shipped_calibration_names_only_registered_rules():
    assert set(relations.load_model().get("rules", {})) <= set(REGISTRY)


def test_word_lists_meant_to_be_disjoint_are():
    for group, names in lexicon.DISJOINT.items():
        for a, b in itertools.combinations(names, 2):
            shared = getattr(lexicon, a) & getattr(lexicon, b)
            assert not shared, f"{group}: {a} and {b} share {sorted(shared)}"


def test_word_lists_are_lower_case_words():
    for name in dir(lexicon):
        value = getattr(lexicon, name)
        if name.isupper() and isinstance(value, frozenset) and name != "LEGAL_FORMS":  # that one: as written
            # A phrase is a tuple of such words ("prime", "minister").
            words = [x for w in value for x in (w if isinstance(w, tuple) else (w,))]
            assert value and all(w == w.lower() and " " not in w and w.strip() for w in words), name


def test_rule_confidence_comes_from_calibration_only():
    from kgraph.core.model import Mention, Relation
    from kgraph.extraction.rules import CALIBRATION_PRIOR, UNCALIBRATED

    m = Mention("Ann Roe", "Person", 0, 7, "Ann Roe")
    raw = Relation(m, "killed", m, UNCALIBRATED, "rule:kill-verb", "Ann Roe.", 0, 8)
    measured = {"rules": {"rule:kill-verb": {"fired": 10, "correct": 9, "precision": 0.85}}}
    assert relations._calibrated(raw, measured).confidence == 0.85
    # A rule that never fired on the training data gets the prior calibration shrinks towards.
    assert relations._calibrated(raw, {"rules": {}}).confidence == CALIBRATION_PRIOR


def test_no_relation_leaves_extraction_uncalibrated(nlp):
    from kgraph.extraction.rules import UNCALIBRATED

    for r in REGISTRY.values():
        for e in r.examples:
            ex = extract_doc(Article("t", e.text), [(0, nlp(e.text))])
            assert all(rel.confidence != UNCALIBRATED for rel in ex.relations), (r.id, e.text)
