"""Invented news probes for relation recall: a university's new rector, a nationality noun, a runner of a country."""

from __future__ import annotations

from kgraph.core.terms import EntityType, Predicate
from tests.probe import graph_of


def test_a_universitys_new_rector_leads_it(nlp):
    text = ("Korva University named Henrik Aalto as its new rector on Friday. Aalto, a physicist, replaces Mona "
            "Brekke, who retired in June. The university has 22,000 students.")
    _nodes, facts = graph_of(nlp, text)
    assert ("Henrik Aalto", str(Predicate.leaderOf), "Korva University") in facts


def test_a_nationality_noun_before_a_name_is_the_persons_country(nlp):
    text = ("Swede Anna Lindqvist took the title ahead of Kari Moen in Oslo on Sunday. It was her third win of the "
            "season. Moen finished second for the second year running.")
    nodes, facts = graph_of(nlp, text)
    assert ("Sweden", EntityType.Country) in nodes
    assert ("Anna Lindqvist", str(Predicate.citizenOf), "Sweden") in facts


def test_a_person_of_a_country_tagged_one_organization_is_a_person(nlp):
    text = ("Nadia Petrov of Norway won the women's race in 2 hours 21 minutes. She finished ahead of Lise Brandt "
            "of Sweden. The race started in Bergen.")
    nodes, facts = graph_of(nlp, text)
    assert ("Nadia Petrov", EntityType.Person) in nodes
    assert not any(label.startswith("Nadia Petrov of") for label, _ in nodes)
    assert ("Nadia Petrov", str(Predicate.citizenOf), "Norway") in facts
