"""Corrections, a sixth pass (round corr78): an analyst's file on a real corpus, rebuilt and grown."""

from __future__ import annotations

import warnings

from kgraph.core.model import Article, Extraction, Mention, Relation
from kgraph.extraction.implied import implied_relations
from kgraph.linking.link import link_extractions

from .test_corrections import by_label, fixes


def art(aid, text, *names, stated=()):
    """Build an extraction of text: (name, type) mentions at each name's first place, stated (i, predicate, j)
    relations between them, and what the shipped implications add to those."""
    ms = []
    for name, kind in names:
        i = text.index(name)
        ms.append(Mention(name, kind, i, i + len(name), name))
    rels = [Relation(ms[i], p, ms[j], 0.9, "model:doc", text, 0, len(text)) for i, p, j in stated]
    rels += implied_relations(rels, ms)
    return Extraction(Article(aid, text), tuple(ms), tuple(rels))


LEADER = art("a1", "President Ilse Varga of Veltria opened the new harbour in the capital on Monday.",
             ("Ilse Varga", "Person"), ("Veltria", "Country"), stated=[(0, "leaderOf", 1)])
CITIZEN = art("a2", "Ilse Varga, a Veltria citizen since birth, toured the northern mines.",
              ("Ilse Varga", "Person"), ("Veltria", "Country"), stated=[(0, "citizenOf", 1)])


def _facts(kb):
    return {(f.subject, f.predicate, f.object): f for f in kb.facts}


def test_a_rejected_relation_takes_what_its_article_implied_from_it():
    """Rejecting "Ilse Varga leaderOf Veltria" left "citizenOf Veltria", which the article only implied from
    that very statement (method implied:leader-citizen): before round corr78 the rejected reading stayed in
    the graph under another predicate."""
    key = ("person/Ilse_Varga", "citizenOf", "country/Veltria")
    assert key in _facts(link_extractions([LEADER]))  # the article implies it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kb = link_extractions([LEADER], fixes({"action": "reject", "subject": "Ilse Varga",
                                               "predicate": "leaderOf", "object": "Veltria"}))
    assert _facts(kb) == {}
    assert by_label(kb)["Ilse Varga"].corrections == (
        "#1 reject Ilse Varga leaderOf Veltria; also removed what the articles implied from it: "
        "person/Ilse_Varga citizenOf country/Veltria",)


def test_a_statement_another_article_states_keeps_that_evidence_only():
    """The citizenship a second article states itself stays, with that article's evidence alone."""
    kb = link_extractions([LEADER, CITIZEN], fixes({"action": "reject", "subject": "person/Ilse_Varga",
                                                    "predicate": "leaderOf", "object": "Veltria"}))
    facts = _facts(kb)
    assert set(facts) == {("person/Ilse_Varga", "citizenOf", "country/Veltria")}
    fact = facts["person/Ilse_Varga", "citizenOf", "country/Veltria"]
    assert [(aid, r.method) for aid, r in fact.evidence] == [("a2", "model:doc")]
    assert by_label(kb)["Ilse Varga"].corrections == ("#1 reject person/Ilse_Varga leaderOf Veltria",)


def test_a_merge_the_corpus_has_made_itself_stays_in_provenance():
    """A merge whose names a grown corpus already joins ("Varga" is read as Ilse Varga) did nothing, and its
    item vanished from the entity's provenance: before round corr78 the graph forgot the analyst's word
    after an incremental build, though the same file had recorded it on the smaller corpus."""
    item = {"action": "merge", "entities": ["Ilse Varga", "Varga"], "note": "one person", "author": "ed"}
    alone = art("a3", "Varga spoke in the port.", ("Varga", "Person"))
    both = art("a4", "Ilse Varga arrived late; Varga then spoke in the port.", ("Ilse Varga", "Person"),
               ("Varga", "Person"))
    small = link_extractions([LEADER, alone], fixes(item))
    assert by_label(small)["Ilse Varga"].corrections == ("#1 merge Ilse Varga, Varga (by ed; one person)",)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        grown = link_extractions([both], fixes(item))
    assert "nothing to merge" in str(w[0].message)
    assert by_label(grown)["Ilse Varga"].corrections == ("#1 merge Ilse Varga, Varga (by ed; one person)",)
