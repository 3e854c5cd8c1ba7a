"""Implications declared as data: each example fires, each counter-example does not (invented names)."""
from __future__ import annotations

import dataclasses

import pytest

from kgraph.core.model import Mention, Relation
from kgraph.core.terms import EntityType, Predicate
from kgraph.extraction import implied
from kgraph.extraction.implied import IMPLICATIONS, implied_relations, shipped, wilson_lower


def _relations(stated) -> list[Relation]:
    """Return relations for invented statements, one mention offset per name."""
    where: dict[str, int] = {}

    def mention(name, type_):
        start = where.setdefault(name, 100 * len(where))
        return Mention(name, type_, start, start + len(name), name)

    out = []
    for i, ((sn, st), p, (on, ot)) in enumerate(stated):
        out.append(Relation(mention(sn, st), p, mention(on, ot), 0.8, f"model:doc{i}", f"Sentence {i}.", 10 * i,
                            10 * i + 9))
    return out


def _triples(rels):
    return {(r.subject.name, r.predicate, r.object.name) for r in rels}


@pytest.mark.parametrize("imp", IMPLICATIONS, ids=[i.id for i in IMPLICATIONS])
def test_example_fires(imp):
    (s, p, o) = imp.conclusion
    got = implied_relations(_relations(imp.example), implications=(imp,))
    assert len(got) == 1
    r = got[0]
    assert r.predicate == p
    assert r.method.startswith(f"implied:{imp.id}:model:doc0")
    assert r.confidence == imp.confidence
    assert (r.subject.name, r.predicate, r.object.name) not in _triples(_relations(imp.example))


@pytest.mark.parametrize("imp", IMPLICATIONS, ids=[i.id for i in IMPLICATIONS])
def test_counter_example_does_not_fire(imp):
    assert implied_relations(_relations(imp.counter_example), implications=(imp,)) == []


@pytest.mark.parametrize("imp", IMPLICATIONS, ids=[i.id for i in IMPLICATIONS])
def test_stated_conclusion_is_not_stated_again(imp):
    rels = _relations(imp.example)
    derived = implied_relations(rels, implications=(imp,))
    assert implied_relations(rels + derived, implications=(imp,)) == []


def test_premise_evidence_is_the_first_premise_sentence():
    imp = next(i for i in IMPLICATIONS if len(i.premises) == 2)
    rels = _relations(imp.example)
    (r,) = implied_relations(rels, implications=(imp,))
    assert (r.sentence, r.sentence_start) == (rels[0].sentence, rels[0].sentence_start)
    assert r.method == f"implied:{imp.id}:model:doc0+model:doc1"


def test_shipped_are_those_measured_well_enough():
    for imp in IMPLICATIONS:
        ok = imp.precision >= 0.75 and imp.confidence >= 0.70 and imp.slices_gained >= 2
        assert (imp in shipped()) == ok
    base = IMPLICATIONS[0]
    assert shipped((dataclasses.replace(base, right=3, made=4, slices_gained=2),)) == ()  # 0.75 but few
    assert shipped((dataclasses.replace(base, right=40, made=44, slices_gained=1),)) == ()  # one slice
    assert len(shipped((dataclasses.replace(base, right=40, made=44, slices_gained=2),))) == 1


def test_default_applies_only_shipped():
    ids = {i.id for i in shipped()}
    for imp in IMPLICATIONS:
        got = implied_relations(_relations(imp.example))
        fired = {r.method.split(":")[1] for r in got}
        assert fired <= ids
        if imp.id in ids:
            assert imp.id in fired


def test_wilson_lower():
    assert wilson_lower(0, 0) == 0.0
    assert wilson_lower(5, 5) == pytest.approx(0.876, abs=0.001)
    assert wilson_lower(30, 40) < 0.75 < wilson_lower(300, 400) + 0.02


def test_gazetteer_country_serves_as_premise():
    imp = next(i for i in IMPLICATIONS if i.id == "based-in-town-country")
    rels = _relations(((("Harlow Brick Works", EntityType.Organization), Predicate.basedIn,
                        ("Toronto", EntityType.Place)),))
    canada = Mention("Canada", EntityType.Country, 900, 906, "Canada")
    got = implied_relations(rels, [canada, rels[0].subject, rels[0].object], implications=(imp,))
    assert _triples(got) == {("Harlow Brick Works", Predicate.basedIn, "Canada")}
    assert "gazetteer:geonames" in got[0].method
    assert implied_relations(rels, [rels[0].subject, rels[0].object], implications=(imp,)) == []


def test_declared_types_fit_the_ontology():
    for imp in IMPLICATIONS:
        assert imp.reason and imp.id
        for _var, types in imp.types:
            assert types <= set(EntityType)
        for s, p, o in (*imp.premises, imp.conclusion):
            assert p in set(Predicate)
    assert implied.MIN_PRECISION == 0.75


def _extract_with_stated_leader(nlp, monkeypatch, text):
    """Extract an invented article whose document model states only that its person leads Norway."""
    from kgraph.core.model import Article
    from kgraph.extraction import docrel, entity_model
    from kgraph.extraction.extract import extract_doc

    monkeypatch.setattr(entity_model, "load", lambda path=None: None)
    monkeypatch.setattr(docrel, "load_doc_model", lambda reset=False: {"predicates": {}})

    def stated(pieces, pairs):
        ms = {m.name: m for m, _s in pairs}
        return [Relation(ms["Edda Varnholt"], Predicate.leaderOf, ms["Norway"], 0.8, "model:doc", "s", 0, 1)]

    monkeypatch.setattr(docrel, "doc_relations", stated)
    return extract_doc(Article("t", text), [(0, nlp(text))])


def test_extraction_states_what_the_model_implies(nlp, monkeypatch):
    text = ("Norwegian Prime Minister Edda Varnholt opened the harbour fair on Monday. "
            "She spoke for an hour about ferries. The fair closes on Sunday.")
    ex = _extract_with_stated_leader(nlp, monkeypatch, text)
    (r,) = [r for r in ex.relations if r.predicate == Predicate.citizenOf]
    assert (r.subject.name, r.object.name) == ("Edda Varnholt", "Norway")
    assert r.method == "implied:leader-citizen:model:doc"
    assert r.confidence == next(i for i in IMPLICATIONS if i.id == "leader-citizen").confidence


def test_short_text_gets_no_implied_statement(nlp, monkeypatch):
    text = "Norwegian Prime Minister Edda Varnholt opened the harbour fair on Monday. She spoke for an hour."
    ex = _extract_with_stated_leader(nlp, monkeypatch, text)
    assert [r.predicate for r in ex.relations] == [Predicate.leaderOf]
