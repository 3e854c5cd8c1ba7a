"""Tests generated from the name-shape rules declared in :mod:`kgraph.extraction.name_shape`.

Each example is an invented sentence and a phrase a candidate covers: the
first rule (in declared order) that changes it must be the one declaring the
example, and the names it leaves must be the example's. On a counter-example
the declaring rule must leave the phrase alone. The article context is read
from the sentence itself: every run of capitalized words is a name the article
writes, and a small invented given-name list stands in for the model's lexicon.
"""

from __future__ import annotations

from collections import Counter

import pytest

from kgraph.core.terms import EntityType
from kgraph.extraction import name_shape as ns
from kgraph.extraction.extract import _Cand

#: Stand-in for the model lexicon's given names (invented people of the examples).
GIVEN = frozenset({"anton", "ilse", "lena"})

#: Stand-in for the model lexicon's common words (words news writes in lower case) the examples need.
COMMON = frozenset({"turnout", "festival", "gunmen"})


def _phrase(nlp, example):
    doc = nlp(example.text)
    at = example.text.index(example.phrase)
    span = doc.char_span(at, at + len(example.phrase))
    assert span is not None, f"{example.phrase!r} is no token span of {example.text!r}"
    return doc, span.start, span.end


def _context(doc, start, end, types=None) -> ns.Context:
    """Return the context of an invented article: its capitalized runs (the phrase once) as written names."""
    counts: Counter = Counter({ns.key(doc[start:end].text): 1})
    run: list = []
    for tok in list(doc) + [None]:
        if tok is not None and tok.is_alpha and tok.text[:1].isupper() and not start <= tok.i < end:
            run.append(tok)
            continue
        if run:
            counts[ns.key(doc[run[0].i:run[-1].i + 1].text)] += 1
        run = []
    lower = frozenset(t.lower_ for t in doc if t.is_lower and t.is_alpha)
    return ns.Context(counts, lower, COMMON, GIVEN, types or {})


EXAMPLES = [pytest.param(r, e, id=f"{r.id}-{n}") for r in ns.SHAPE_RULES for n, e in enumerate(r.examples)]
COUNTERS = [pytest.param(r, e, id=f"{r.id}-{n}") for r in ns.SHAPE_RULES for n, e in enumerate(r.counter_examples)]


@pytest.mark.parametrize("rule, example", EXAMPLES)
def test_shape_rule_decides_its_example(nlp, rule, example):
    doc, start, end = _phrase(nlp, example)
    decided, spans = ns.reshape(doc, start, end, _context(doc, start, end))
    assert decided == rule.id
    assert tuple(doc[s:e].text for s, e in spans) == example.result


@pytest.mark.parametrize("rule, example", COUNTERS)
def test_shape_rule_leaves_its_counter_example(nlp, rule, example):
    doc, start, end = _phrase(nlp, example)
    assert rule.apply(doc, start, end, _context(doc, start, end)) is None


def test_every_shape_rule_is_declared_in_full():
    ids = [r.id for r in ns.SHAPE_RULES]
    assert len(ids) == len(set(ids))
    for r in ns.SHAPE_RULES:
        assert r.id.startswith("shape:") and r.reason.strip() and "\n" not in r.reason, r.id
        assert r.kind in ns.KINDS and r.examples and r.counter_examples, r.id
        for e in r.examples:
            assert (e.result == ()) == (r.kind == "drop"), r.id
    with pytest.raises(ValueError):
        ns.shape_rule("shape:x", "Why.", "rename")


def test_a_word_before_a_city_names_a_club(nlp):
    doc = nlp("Sporting Tarsk won again, and the sporting press cheered. Tarsk is a city.")
    place = {ns.key("Tarsk"): EntityType.Place}
    club = _context(doc, 0, 2, {ns.key("Sporting Tarsk"): EntityType.Organization, **place})
    assert ns.reshape(doc, 0, 2, club) == (None, [(0, 2)])
    # a club's first word keeps it whole however typed; another common word typed a person is cut off the place
    person = _context(doc, 0, 2, {ns.key("Sporting Tarsk"): EntityType.Person, **place})
    assert ns.reshape(doc, 0, 2, person) == (None, [(0, 2)])
    doc = nlp("Singing Tarsk won again, and the singing press cheered. Tarsk is a city.")
    person = _context(doc, 0, 2, {ns.key("Singing Tarsk"): EntityType.Person, **place})
    assert [doc[s:e].text for s, e in ns.reshape(doc, 0, 2, person)[1]] == ["Tarsk"]


def test_apply_rewrites_candidates_and_keeps_aliases(nlp):
    doc = nlp("Flights to Tarsk or Orlin were cancelled. Tarsk is cold. Orlin is warm.")
    run = doc.char_span(11, 25)
    tarsk = doc.char_span(42, 47)
    orlin = doc.char_span(57, 62)
    cands = [_Cand(doc, 0, run.start, run.end, EntityType.Organization, run.text, "ner", "ORG"),
             _Cand(doc, 0, tarsk.start, tarsk.end, EntityType.Place, "Tarsk", "ner", "GPE"),
             _Cand(doc, 0, orlin.start, orlin.end, EntityType.Place, "Orlin", "ner", "GPE"),
             # an alias named by the article elsewhere is left alone
             _Cand(doc, 0, tarsk.start, tarsk.end, EntityType.Place, "Tarsk City", "ner", "GPE")]
    out = ns.apply(cands)
    assert [c.name for c in out] == ["Tarsk", "Orlin", "Tarsk", "Orlin", "Tarsk City"]
    # the parts of a run read as one organization take the type the article gives each name
    assert all(c.type == EntityType.Place for c in out)


def test_the_word_index_is_the_parsing_pipelines(nlp):
    from kgraph.extraction import nlp as nlp_mod

    doc = nlp("Calm, Tarvo said, is rare; statistically, funders agree.")
    classes = {t.text: nlp_mod.word_classes(t) for t in doc}
    assert {"verb", "adj"} <= classes["Calm"] and "adv" in classes["statistically"]
    assert classes["Tarvo"] == frozenset()
    # a doc of a pipeline loaded without kgraph's loader has no index: the rule cannot fire
    import spacy

    blank = spacy.blank("en")("Calm, she said.")
    assert nlp_mod.word_classes(blank[0]) == frozenset()


def test_dictionary_word_person_reads_only_persons_written_twice_at_most(nlp):
    doc = nlp("Calm, composed and smiling, she walked on stage.")
    assert ns.reshape(doc, 0, 1, _context(doc, 0, 1))[1] == []
    org = _context(doc, 0, 1, {ns.key("Calm"): EntityType.Organization})
    assert ns.reshape(doc, 0, 1, org) == (None, [(0, 1)])
    thrice = ns.Context(Counter({ns.key("Calm"): 3}), frozenset(), frozenset(), GIVEN, {})
    assert ns.reshape(doc, 0, 1, thrice) == (None, [(0, 1)])



def test_a_candidate_is_no_full_name_of_its_own_last_word(nlp):
    doc = nlp("Anton Moreau flew Norwegian Air on Monday.")
    person = _context(doc, 3, 5, {ns.key("Norwegian Air"): EntityType.Person})
    assert ns.reshape(doc, 3, 5, person) == (None, [(3, 5)])
    # a full name of another person of the article ending in the word makes it a surname
    doc = nlp("Papers called him the Norwegian Moreau. Anton Moreau denied it.")
    assert [doc[s:e].text for s, e in ns.reshape(doc, 4, 6, _context(doc, 4, 6))[1]] == ["Moreau"]


def test_a_kind_noun_cut_off_leaves_an_organization(nlp):
    doc = nlp("Insurer Daxo cut its forecast on Monday.")
    cand = _Cand(doc, 0, 0, 2, EntityType.Person, "Insurer Daxo", "ner", "PERSON")
    out = ns.apply([cand])
    assert [(c.name, c.type) for c in out] == [("Daxo", EntityType.Organization)]


def test_a_demonym_cut_off_a_ministry_stays_a_mention_of_its_country(nlp):
    from kgraph.core.model import Article
    from kgraph.extraction.extract import extract_doc

    text = "The Norwegian Defense Ministry said the drills would go ahead."
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    got = {(m.text, m.name, m.type) for m in ex.mentions}
    assert {("Norwegian", "Norway", "Country"), ("Defense Ministry", "Defense Ministry", "Organization")} <= got, got


def test_a_demonym_before_a_portfolio_and_a_title_stays_a_mention_of_its_country(nlp):
    doc = nlp("Fires spread. Norwegian Interior Minister Ilse Varga said boats were at sea.")
    start = [t.i for t in doc if t.text == "Norwegian"][0]
    cand = _Cand(doc, 0, start, start + 2, EntityType.Organization, "Norwegian Interior", "ner", "ORG")
    assert [(c.name, c.type) for c in ns.apply([cand])] == [("Norway", EntityType.Country)]


def test_the_acronym_of_a_dropped_document_name_goes_with_it(nlp):
    from kgraph.core.model import Article
    from kgraph.extraction.extract import extract_doc

    text = ("Ostmark signed the Nuclear Test Limitation Treaty (NTLT) in 1994. Critics say the NTLT has failed, "
            "and the Velmar Fund for Peace (VFP) wants it rewritten.")
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    names = {m.text for m in ex.mentions}
    assert "NTLT" not in names and "Nuclear Test Limitation Treaty" not in names, names
    # an organization's acronym stays
    assert {"Velmar Fund for Peace", "VFP"} <= names, names
