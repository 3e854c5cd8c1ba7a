"""Invented news probes, twentieth round: names whose words are also common words, kept whole in the graph."""

from __future__ import annotations

import pytest

from kgraph.core.model import Article
from kgraph.core.terms import EntityType
from kgraph.extraction.extract import extract_doc
from kgraph.linking.link import link_extractions


def _nodes(nlp, text):
    """Return the (label, type) of every node one invented article gives."""
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    return {(e.label, e.type) for e in link_extractions([ex]).entities}


# (article, the node it must give, a cut label it must not give)
_WHOLE_NAMES = {
    "a given name that is also a preposition stays in the name": (
        "Sandvik & Roth, the Veltrian law firm, has hired former justice minister Per Ahlberg as a partner. "
        "Ahlberg left the government in January.",
        ("Per Ahlberg", EntityType.Person), "Ahlberg"),
    "a body whose name ends in a time word keeps it": (
        "Teachers for Tomorrow, a union of 30,000 teachers, called a strike on Monday. Erik Solberg, who leads "
        "Teachers for Tomorrow, said schools in Tarsk would close.",
        ("Teachers for Tomorrow", EntityType.Organization), "Teachers"),
    "a club named by a plural is one organization in a result": (
        "The Shooting Stars beat Tarsk United 2-1 on Saturday. The win lifted them to third in the league. "
        "Their coach said the players had earned it.",
        ("Shooting Stars", EntityType.Organization), "Stars"),
}


@pytest.mark.parametrize("case", sorted(_WHOLE_NAMES))
def test_a_name_whose_words_are_also_common_words_is_kept_whole(nlp, case):
    text, node, cut = _WHOLE_NAMES[case]
    found = _nodes(nlp, text)
    assert node in found
    assert not any(label == cut for label, _ in found)


def test_a_side_a_player_played_for_is_a_club(nlp):
    text = ("Jonas Ekberg played for Lenmark Stars for six years. He retired in May. The club thanked him on "
            "Friday.")
    found = _nodes(nlp, text)
    assert ("Lenmark Stars", EntityType.Organization) in found
    assert ("Jonas Ekberg", EntityType.Person) in found
