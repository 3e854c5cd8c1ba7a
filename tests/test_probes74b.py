"""Invented news probes, twentieth round: names whose words are also common words, kept whole in the graph."""

from __future__ import annotations

from kgraph.core.model import Article
from kgraph.core.terms import EntityType
from kgraph.extraction.extract import extract_doc
from kgraph.linking.link import link_extractions


def _nodes(nlp, text):
    """Return the (label, type) of every node one invented article gives."""
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    return {(e.label, e.type) for e in link_extractions([ex]).entities}


def test_a_given_name_that_is_also_a_preposition_stays_in_the_name(nlp):
    text = ("Sandvik & Roth, the Veltrian law firm, has hired former justice minister Per Ahlberg as a partner. "
            "Ahlberg left the government in January.")
    found = _nodes(nlp, text)
    assert ("Per Ahlberg", EntityType.Person) in found
    assert not any(label == "Ahlberg" for label, _ in found)


def test_a_body_whose_name_ends_in_a_time_word_keeps_it(nlp):
    text = ("Teachers for Tomorrow, a union of 30,000 teachers, called a strike on Monday. Erik Solberg, who leads "
            "Teachers for Tomorrow, said schools in Tarsk would close.")
    found = _nodes(nlp, text)
    assert ("Teachers for Tomorrow", EntityType.Organization) in found
    assert not any(label == "Teachers" for label, _ in found)


def test_a_club_named_by_a_plural_is_one_organization_in_a_result(nlp):
    text = ("The Shooting Stars beat Tarsk United 2-1 on Saturday. The win lifted them to third in the league. "
            "Their coach said the players had earned it.")
    found = _nodes(nlp, text)
    assert ("Shooting Stars", EntityType.Organization) in found
    assert not any(label == "Stars" for label, _ in found)


def test_a_side_a_player_played_for_is_a_club(nlp):
    text = ("Jonas Ekberg played for Lenmark Stars for six years. He retired in May. The club thanked him on "
            "Friday.")
    found = _nodes(nlp, text)
    assert ("Lenmark Stars", EntityType.Organization) in found
    assert ("Jonas Ekberg", EntityType.Person) in found
