"""Corrections, a fourth pass (stop 66): what an analyst's file met on an invented corpus that grew."""

from __future__ import annotations

import warnings

from kgraph.core.iri import ENTITY_BASE
from kgraph.linking.link import link_extractions

from .test_corrections import by_label, ex, fixes

#: The build joins the town "Velmora" (typed an organization where its club plays) to the club "Velmora FC".
TOWN_IN_CLUB = [
    ex("v1", ("Velmora FC", "Organization", "Velmora FC"), ("Velmora", "Organization", "Velmora")),
    ex("v2", ("Velmora", "Organization", "Velmora"), ("Harlow", "Place", "Harlow")),
    ex("v3", ("Velmora", "Organization", "Velmora"), ("Ostrava", "Place", "Ostrava"),
       ("Tomas Brandt", "Person", "Tomas Brandt"), relations=[(2, "worksFor", 0)]),
]


def test_a_different_item_naming_a_key_parts_that_entity_under_the_keys_type():
    """ "place/Velmora" written against the earlier graph, the corpus now joins the town to its club: the part
    parted off is the town again, a Place under that IRI; before stop 66, "organization/Velmora"."""
    assert {e.key for e in link_extractions(TOWN_IN_CLUB).entities} == {
        "organization/Velmora_FC", "place/Harlow", "place/Ostrava", "person/Tomas_Brandt"}
    for ref in ("place/Velmora", ENTITY_BASE + "place/Velmora"):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            kb = link_extractions(TOWN_IN_CLUB, fixes({"action": "different", "entities": [ref, "Velmora FC"]}))
        e = by_label(kb)
        assert e["Velmora"].key == "place/Velmora" and e["Velmora"].type == "Place"
        assert e["Velmora"].articles == ("v2", "v3")
        assert e["Velmora FC"].different_from == ("place/Velmora",)
        assert e["Velmora FC"].type == "Organization"
        # the relation a Place cannot hold goes from the graph, as a retype's does: with a warning and a note
        assert any("drops 1 relation that does not fit a Place: Tomas Brandt worksFor Velmora" in str(x.message)
                   for x in w)
        assert e["Velmora"].corrections[0].endswith(": dropped 1 relation that does not fit a Place: "
                                                     "Tomas Brandt worksFor Velmora")


def test_an_earlier_builds_key_parted_off_by_a_different_item_is_of_its_type_again():
    """The incremental form: the earlier build gave "place/Velmora" (its anchors are in v2 and v3)."""
    published = {"place/Velmora": (("v2", 0, 7, "Velmora"), ("v3", 0, 7, "Velmora"))}
    kb = link_extractions(TOWN_IN_CLUB, fixes({"action": "different", "entities": ["place/Velmora", "Velmora FC"]}),
                          published=published)
    e = by_label(kb)
    assert e["Velmora"].key == "place/Velmora" and e["Velmora"].type == "Place"
    assert "place/Velmora" not in e["Velmora FC"].same_as


def test_two_entities_are_never_owl_same_as_one_iri():
    """An earlier build gave the town "organization/Velmora" (its anchors in v2 and v3); a split by article makes
    the town a Place again while the club keeps its v1 mention of the org-typed name "Velmora". Before stop 66
    both said owl:sameAs organization/Velmora, which to a reasoner makes the town and the club one thing."""
    published = {"organization/Velmora": (("v2", 0, 7, "Velmora"), ("v3", 0, 7, "Velmora"))}
    kb = link_extractions(TOWN_IN_CLUB, fixes({"action": "split", "entity": "Velmora", "articles": ["v2", "v3"],
                                               "label": "Velmora", "type": "Place"}), published=published)
    holders = [e.key for e in kb.entities if "organization/Velmora" in e.same_as]
    assert holders == ["place/Velmora"]  # the entity holding that IRI's mentions


def test_a_key_written_with_the_labels_spaces_names_that_entity():
    """ "organization/Borvik Mills" (or "%20" in an IRI) is the key "organization/Borvik_Mills"; before stop 66
    the block was skipped: "no entity 'organization/Borvik Mills' in the graph"."""
    from .test_corrections import CORPUS

    for ref in ("organization/Borvik Mills", ENTITY_BASE + "organization/Borvik%20Mills",
                "<" + ENTITY_BASE + "organization/Borvik Mills>"):
        c = fixes({"action": "block", "entity": ref})
        assert c.items[0].entity.endswith("organization/Borvik_Mills")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no "no entity" warning
            kb = link_extractions(CORPUS, c)
        assert "Borvik Mills" not in by_label(kb)
    kb = link_extractions(CORPUS, fixes({"action": "reject", "subject": "person/Marta Quell", "predicate": "worksFor",
                                         "object": "organization/Borvik Mills"}))
    assert not kb.facts


def test_the_saved_corrections_query_lists_items_in_file_order_on_both_engines(tmp_path):
    """Before stop 66 the rows came as text sorts them: #1, #10, #11, #2, ..."""
    import subprocess
    import sys

    from kgraph.graph import rdf

    from .test_corrections import CORPUS

    items = [{"action": "retype", "entity": "Tarnholm", "type": "Place", "note": f"look {i}"} for i in range(1, 12)]
    (tmp_path / "graph.ttl").write_text(rdf.serialize(link_extractions(CORPUS, fixes(*items))), encoding="utf-8")
    for store in ("rdflib", "oxigraph"):
        out = subprocess.run([sys.executable, "-m", "kgraph", "query", "corrections", str(tmp_path), "--store", store,
                              "--format", "csv"], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[1:]
        assert [int(r.split()[1][1:]) for r in rows] == list(range(1, 12)), store


def test_a_misspelt_required_field_is_named_in_the_error():
    """Before stop 66: "a merge needs 'entities'" beside an item that has 'entitys', which was ignored."""
    import pytest

    from kgraph.core.errors import InputError
    from kgraph.linking import corrections as corr

    with pytest.raises(InputError, match=r"a merge needs 'entities' \(it has 'entitys': a misspelling\?\)"):
        fixes({"action": "merge", "entitys": ["A", "B"]})
    with pytest.raises(InputError, match=r"row 2: a split needs 'entity' \(it has 'entiy'"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corr.parse_csv("action,entiy,articles\nsplit,Kim,a1\n")
    with pytest.raises(InputError, match=r"a block needs 'entity'$"):
        fixes({"action": "block", "colour": "red"})


def test_a_reject_that_found_no_relation_says_so_on_its_subject():
    """Before stop 66 the subject's comment read "#1 reject ..." as if a statement had been removed."""
    from .test_corrections import CORPUS

    kb = link_extractions(CORPUS, fixes({"action": "reject", "subject": "Marta Quell", "predicate": "worksFor",
                                         "object": "Borvik Mills"},
                                        {"action": "reject", "subject": "Oskar Venn", "predicate": "livesIn",
                                         "object": "Tarnholm"}))
    e = by_label(kb)
    assert e["Marta Quell"].corrections == ("#1 reject Marta Quell worksFor Borvik Mills",)
    assert e["Oskar Venn"].corrections == ("#2 reject Oskar Venn livesIn Tarnholm: the graph held no such relation",)


def test_a_different_item_is_not_blamed_for_a_relation_that_never_fitted():
    """A coach read as citizenOf the team the build made of a country's name in a match report: the graph drops
    that relation with or without the item that keeps the team apart from the country, so the item's warning
    does not list it (it did: "drops 1 relation that does not fit an Organization")."""
    import re

    from kgraph.core.model import Article, Extraction, Mention, Relation

    def story(aid, text, names, rels=()):
        ms = sorted((Mention(n, k, m.start(), m.end(), n) for n, k in names for m in re.finditer(re.escape(n), text)),
                    key=lambda m: m.start)
        first = {m.name: m for m in reversed(ms)}
        return Extraction(Article(aid, text), tuple(ms), tuple(
            Relation(first[a], p, first[b], 0.8, "rule", text, 0, len(text)) for a, p, b in rels))

    report = ("Chile beat Norway 2-1 in the semi-final. Chile coach Arvo Tamm said the striker scored twice and "
              "the goalkeeper saved a penalty.")
    corpus = [story("a", report, [("Chile", "Country"), ("Norway", "Country"), ("Arvo Tamm", "Person")],
                    [("Arvo Tamm", "citizenOf", "Chile")]),
              story("b", "Chile signed a trade deal with Norway.", [("Chile", "Country"), ("Norway", "Country")])]
    keys = {e.key for e in link_extractions(corpus).entities}
    assert {"organization/Chile", "country/Chile"} <= keys
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kb = link_extractions(corpus, fixes({"action": "different", "entities": ["organization/Chile", "country/Chile"]}))
    assert not [str(x.message) for x in w if "drops" in str(x.message)]
    assert not any("dropped" in n for e in kb.entities for n in e.corrections)
