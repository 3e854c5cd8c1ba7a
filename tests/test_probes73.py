"""Invented news probes, eighteenth round: each case an error class found in invented articles."""

from __future__ import annotations

from kgraph.core.model import Article
from kgraph.core.terms import EntityType
from kgraph.extraction.extract import extract_doc


def _entities(nlp, text):
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    return {(e.name, e.type) for e in ex.mentions}


def test_a_match_result_is_no_part_of_the_name_before_it(nlp):
    names = {n for n, _ in _entities(nlp, "Serbia's Tomas Vidal beat Spain's Carlos Ibarra 6-4 7-5 on Sunday.")}
    assert "Carlos Ibarra" in names and not any(n[-1].isdigit() for n in names)
    names = {n for n, _ in _entities(nlp, "Plateau United beat Heartland 3-1 in Jos on Saturday.")}
    assert "Heartland" in names and not any(n[-1].isdigit() for n in names)


def test_a_capitalized_preposition_inside_a_sentence_joins_the_name(nlp):
    text = "PARIS - Reporters Without Borders on Monday condemned the arrest. Lawyers Without Borders said the " \
        "trial was unfair."
    found = _entities(nlp, text)
    assert ("Reporters Without Borders", EntityType.Organization) in found
    assert ("Lawyers Without Borders", EntityType.Organization) in found
    assert not any(n in ("Borders", "Without Borders") for n, _ in found)
