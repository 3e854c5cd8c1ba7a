"""Invented news probes, twenty-first round: obituaries, court reports, festivals, transport and aid reports."""

from __future__ import annotations

import pytest

from kgraph.core.terms import EntityType, Predicate
from tests.probe import graph_of


# (article, a nationality word of a country no gazetteer knows that must be no node)
_ADJECTIVES = {
    "before a role and a person": (
        "The Brask Film Festival has given its lifetime award to the Korvanian director Alma Tern. Tern, 77, is "
        "best known for a war drama. She received the award from the festival's president on Sunday.",
        "Korvanian"),
    "in a headline and before a lower-case noun": (
        "Korvanian airline Skyward sold to investor group\n\nThe Korvanian government has sold its stake in the "
        "national airline Skyward Air to a group of investors. Skyward Air, based in Port Ardel, employs 4,000 "
        "people. Its unions have called for guarantees on jobs.",
        "Korvanian"),
    "before a portfolio and a minister": (
        "More than 20,000 people have fled fighting in northern Dravia in the past week, the United Nations "
        "refugee agency said on Tuesday. Most have crossed into neighbouring Korvania, where the government has "
        "opened three camps near the border town of Eskberg. Korvanian Interior Minister Tobias Ahl said the "
        "country could house up to 50,000 people.",
        "Korvanian Interior"),
}


@pytest.mark.parametrize("case", sorted(_ADJECTIVES))
def test_an_unknown_countrys_adjective_is_no_organization(nlp, case):
    text, word = _ADJECTIVES[case]
    nodes, facts = graph_of(nlp, text)
    assert not any(label == word for label, _ in nodes)
    assert not any(o == word for _, _, o in facts)


def test_the_country_a_minister_serves_is_a_place(nlp):
    text = ("Harald Grunvik, who served as finance minister of Veltria for nine years, has died in Lenmark at the "
            "age of 81. Grunvik studied economics in Tarsk. Prime Minister Ilona Vesk called him a builder.")
    nodes, _ = graph_of(nlp, text)
    assert ("Veltria", EntityType.Place) in nodes


def test_a_transport_firm_is_an_organization(nlp):
    text = ("Ferries between Port Ardel and the island have been cancelled, Velmor Lines says. The storm is "
            "expected to last until Friday. Police said a man had died near the coast.")
    nodes, _ = graph_of(nlp, text)
    assert ("Velmor Lines", EntityType.Organization) in nodes


def test_born_in_a_town_named_after_its_kind(nlp):
    text = ("Harald Grunvik has died at the age of 81. He was born in the fishing town of Oskarby in 1945 and "
            "studied economics in Tarsk. He joined the Social Party in 1970.")
    _, facts = graph_of(nlp, text)
    assert ("Harald Grunvik", str(Predicate.bornIn), "Oskarby") in facts
