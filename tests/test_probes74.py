"""Invented news probes, nineteenth round: each case an error class found in invented articles."""

from __future__ import annotations

import pytest

from kgraph.core.model import Article
from kgraph.core.terms import EntityType, Predicate
from kgraph.extraction.extract import extract_doc


def _extract(nlp, text):
    return extract_doc(Article("t", text), [(0, nlp(text))])


def _entities(nlp, text):
    return {(m.name, m.type) for m in _extract(nlp, text).mentions}


# (article, the (name, type) mentions it must give)
_TYPED = {
    "a coined firm name is an organization by its officers and results": (
        "Quillon reported a loss for the third quarter as sales of its smartphones slowed. The company said it "
        "would close two factories in Veltria. Quillon's chief financial officer, Ada Rask, said costs would "
        "fall next year.",
        {("Quillon", EntityType.Organization)}),
    "a firm named with an ampersand is an organization": (
        "Brannock & Sons, the family-owned brewer, said profits fell 12 percent last year. The brewer is run by "
        "Tomas Brannock. Brannock & Sons sells its beer in 30 countries.",
        {("Brannock & Sons", EntityType.Organization), ("Tomas Brannock", EntityType.Person)}),
    "a team name with the word team is an organization": (
        "Brenna Cycling Club rider Pavel Ruus won the third stage of the Tour of Korvania on Tuesday. Ruus beat "
        "Dane Forsell of Veltria Team Korva in a sprint. Team Korva still leads the team classification. The Tour "
        "of Korvania ends in Tarsk on Sunday.",
        {("Veltria Team Korva", EntityType.Organization)}),
    "a club of an unknown town beaten by a club is a club": (
        "Lenmark Stars lost 3-0 at home to Korva Rovers on Sunday. Lenmark Stars captain Jonas Ekberg was sent "
        "off in the first half. Korva Rovers remain top of the league.",
        {("Lenmark Stars", EntityType.Organization), ("Jonas Ekberg", EntityType.Person)}),
}


@pytest.mark.parametrize("case", sorted(_TYPED))
def test_a_name_is_typed_by_what_the_article_says_of_it(nlp, case):
    text, wanted = _TYPED[case]
    found = _entities(nlp, text)
    for mention in sorted(wanted):
        assert mention in found


def test_a_membership_the_sentence_denies_is_no_relation(nlp):
    text = ("Reports that Finance Minister Karl Vennberg would resign were denied on Friday. Vennberg is not a "
            "member of the Green Alliance, a spokesman said. Opposition leader Nora Falk said Vennberg had lost the "
            "trust of parliament. Falk heads the Veltrian Democratic Union.")
    rels = {(r.subject.name, r.predicate, r.object.name) for r in _extract(nlp, text).relations}
    assert not any(s == "Karl Vennberg" and o == "Green Alliance" for s, _p, o in rels)
    assert ("Nora Falk", Predicate.leaderOf, "Veltrian Democratic Union") in rels


def test_a_body_named_after_its_members_is_one_organization(nlp):
    text = ("Friends of the Valley, an environmental group based in Lenmark, said the new dam would flood three "
            "villages. \"This project must stop,\" said Ilse Varga, director of Friends of the Valley. Keepers of the "
            "Coast, a smaller charity, joined the protest. Teachers for Tomorrow, a union of 30,000 teachers, called "
            "a strike.")
    found = _entities(nlp, text)
    for name in ("Friends of the Valley", "Keepers of the Coast", "Teachers for Tomorrow"):
        assert (name, EntityType.Organization) in found
    assert not any(n in ("Valley", "Coast", "Tomorrow") for n, _ in found)


def test_a_body_named_after_its_members_keeps_its_type_in_the_corpus():
    from collections import Counter

    from kgraph.linking import identity

    org = Counter({EntityType.Organization: 2})
    assert identity._decide_type("keepers of the coast", org) == EntityType.Organization
    assert identity._decide_type("friends of the valley", org) == EntityType.Organization
    # a place's own name keeps its head word's reading
    assert identity._decide_type("valley of the kings", org) == EntityType.Place
    assert identity._decide_type("islands of the north", org) == EntityType.Place
