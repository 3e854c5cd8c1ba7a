"""Name boundaries in pre-tokenized sentences (words and punctuation written apart), invented sentences."""

from __future__ import annotations

from kgraph.core.model import Article
from kgraph.core.terms import EntityType, Predicate
from kgraph.extraction import docrel
from kgraph.extraction.extract import extract_doc


def _extract(nlp, text):
    with docrel.rules_only():
        return extract_doc(Article("t", text), [(0, nlp(text))])


def test_state_abbreviation_keeps_its_stop_written_apart(nlp):
    text = "The painter Ilse Varga grew up in Tillford , Minn ."
    ex = _extract(nlp, text)
    states = [m for m in ex.mentions if m.name == "Minnesota"]
    assert [(m.text, m.type) for m in states] == [("Minn .", EntityType.Place)]
    assert text[states[0].start:states[0].end] == "Minn ."
    assert ("Tillford", Predicate.locatedIn, "Minnesota") in {
        (r.subject.name, r.predicate, r.object.name) for r in ex.relations}


def test_state_abbreviation_written_joined_is_unchanged(nlp):
    ex = _extract(nlp, "The painter Ilse Varga grew up in Tillford, Minn., and left at nine.")
    assert "Minn ." not in {m.text for m in ex.mentions}


def test_lone_stop_after_a_word_that_is_no_state_stays_out(nlp):
    ex = _extract(nlp, "The painter Ilse Varga grew up in Tillford , Dorrance .")
    assert all(not m.text.endswith(" .") for m in ex.mentions)
