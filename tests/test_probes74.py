"""Invented news probes, nineteenth round: each case an error class found in invented articles."""

from __future__ import annotations

from kgraph.core.model import Article
from kgraph.core.terms import EntityType, Predicate
from kgraph.extraction.extract import extract_doc


def _extract(nlp, text):
    return extract_doc(Article("t", text), [(0, nlp(text))])


def _entities(nlp, text):
    return {(m.name, m.type) for m in _extract(nlp, text).mentions}


def test_a_coined_firm_name_is_an_organization_by_its_officers_and_results(nlp):
    text = ("Quillon reported a loss for the third quarter as sales of its smartphones slowed. The company said it "
            "would close two factories in Veltria. Quillon's chief financial officer, Ada Rask, said costs would "
            "fall next year.")
    assert ("Quillon", EntityType.Organization) in _entities(nlp, text)


def test_a_firm_named_with_an_ampersand_is_an_organization(nlp):
    text = ("Brannock & Sons, the family-owned brewer, said profits fell 12 percent last year. The brewer is run by "
            "Tomas Brannock. Brannock & Sons sells its beer in 30 countries.")
    found = _entities(nlp, text)
    assert ("Brannock & Sons", EntityType.Organization) in found
    assert ("Tomas Brannock", EntityType.Person) in found


def test_a_team_name_with_the_word_team_is_an_organization(nlp):
    text = ("Brenna Cycling Club rider Pavel Ruus won the third stage of the Tour of Korvania on Tuesday. Ruus beat "
            "Dane Forsell of Veltria Team Korva in a sprint. Team Korva still leads the team classification. The Tour "
            "of Korvania ends in Tarsk on Sunday.")
    found = _entities(nlp, text)
    assert ("Veltria Team Korva", EntityType.Organization) in found


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


def test_a_club_of_an_unknown_town_beaten_by_a_club_is_a_club(nlp):
    text = ("Lenmark Stars lost 3-0 at home to Korva Rovers on Sunday. Lenmark Stars captain Jonas Ekberg was sent "
            "off in the first half. Korva Rovers remain top of the league.")
    found = _entities(nlp, text)
    assert ("Lenmark Stars", EntityType.Organization) in found
    assert ("Jonas Ekberg", EntityType.Person) in found


def test_a_body_named_after_its_members_keeps_its_type_in_the_corpus():
    from collections import Counter

    from kgraph.linking import identity

    org = Counter({EntityType.Organization: 2})
    assert identity._decide_type("keepers of the coast", org) == EntityType.Organization
    assert identity._decide_type("friends of the valley", org) == EntityType.Organization
    # a place's own name keeps its head word's reading
    assert identity._decide_type("valley of the kings", org) == EntityType.Place
    assert identity._decide_type("islands of the north", org) == EntityType.Place
