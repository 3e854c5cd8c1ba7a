"""Property-graph exports: GraphML, GEXF and CSV read back with the facts of the RDF graph."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest

from kgraph.graph import export

from kgraph.graph import rdf
from kgraph.core.model import Article, Entity, Extraction, Fact, KnowledgeBase, Mention, Relation, well_typed_facts


def _kb() -> KnowledgeBase:
    """A small hand-made knowledge base with hostile text in names and sentences."""
    art = Article("a1", "=1+1 <b>", title="t")
    m1, m2 = Mention("X", "Person", 0, 1, "X"), Mention("Y", "Organization", 5, 6, "Y")
    rel = Relation(m1, "worksFor", m2, 0.8, "rule:test", "=HYPERLINK(\"http://evil\") <script>\x01", 0, 10,
                   role="-spokesperson")
    return KnowledgeBase(
        articles=(art,),
        entities=(Entity("organization/Acme", "Organization", "@Acme <Corp>", ("ACME",), ("a1",), 2),
                  Entity("person/Ann", "Person", "=cmd|' /C calc'!A0", ("Ann",), ("a1",), 3),
                  Entity("place/Kursk", "Place", "Kursk", (), ("a1",), 1, geonames_id=538560,
                         latitude=51.73, longitude=36.18, country_code="RU")),
        facts=(Fact("person/Ann", "worksFor", "organization/Acme", (("a1", rel),)),
               Fact("person/Ann", "worksFor", "person/Ann", (("a1", rel),))))  # ill-typed: left out


def test_networkx_graph_has_entities_and_well_typed_facts():
    g = export.to_networkx(_kb())
    assert g.number_of_nodes() == 3
    assert g.number_of_edges() == 1
    (u, v, k, d), = g.edges(keys=True, data=True)
    assert (u.rsplit("/", 1)[-1], v.rsplit("/", 1)[-1], k) == ("Ann", "Acme", "worksFor")
    assert d["weight"] == 1 and d["confidence"] == 0.8 and d["roles"] == "-spokesperson"
    assert g.nodes["https://w3id.org/kgraph/id/place/Kursk"]["geonames"] == "https://sws.geonames.org/538560/"


def test_graphml_reads_back():
    g = nx.read_graphml(io.BytesIO(export.graphml(_kb()).encode("utf-8")))
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 1
    assert g.nodes["https://w3id.org/kgraph/id/organization/Acme"]["label"] == "@Acme <Corp>"
    (_u, _v, d), = g.edges(data=True)
    assert d["sentence"].startswith('=HYPERLINK("http://evil") <script>')  # control char replaced, XML valid


def test_gexf_reads_back_and_has_no_date():
    text = export.gexf(_kb())
    assert "lastmodifieddate" not in text
    g = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 1
    assert {d["label"] for _n, d in g.nodes(data=True)} == {"@Acme <Corp>", "=cmd|' /C calc'!A0", "Kursk"}


def test_gexf_takes_types_and_predicates_given_as_enums():
    from dataclasses import replace

    from kgraph.core.terms import EntityType, Predicate

    kb = _kb()
    kb = replace(kb, entities=tuple(replace(e, type=EntityType(e.type)) for e in kb.entities),
                 facts=kb.facts + (Fact("place/Kursk", Predicate.locatedIn, "place/Kursk", ()),
                                   Fact("person/Ann", Predicate.worksFor, "organization/Acme", ())))
    g = nx.read_gexf(io.BytesIO(export.gexf(kb).encode("utf-8")))
    assert {d["type"] for _n, d in g.nodes(data=True)} == {"Organization", "Person", "Place"}
    assert {d["predicate"] for _u, _v, d in g.edges(data=True)} == {"locatedIn", "worksFor"}


def test_csv_tables_are_gephi_and_spreadsheet_safe():
    nodes, edges = export.csv_tables(_kb())
    rows = list(csv.DictReader(io.StringIO(nodes)))
    assert list(rows[0]) == list(export.NODE_COLUMNS)
    labels = {r["Label"] for r in rows}
    assert labels == {"'@Acme <Corp>", "'=cmd|' /C calc'!A0", "Kursk"}  # no cell starts a formula
    kursk = next(r for r in rows if r["Label"] == "Kursk")
    assert (kursk["Latitude"], kursk["Longitude"], kursk["CountryCode"]) == ("51.73", "36.18", "RU")
    erows = list(csv.DictReader(io.StringIO(edges)))
    assert len(erows) == 1
    e = erows[0]
    assert e["Source"].endswith("person/Ann") and e["Target"].endswith("organization/Acme")
    assert e["Predicate"] == "worksFor" and e["Weight"] == "1"
    assert e["Sentence"].startswith("'=HYPERLINK") and e["Roles"] == "'-spokesperson"


def test_exports_are_deterministic():
    assert export.graphml(_kb()) == export.graphml(_kb())
    assert export.gexf(_kb()) == export.gexf(_kb())
    assert export.csv_tables(_kb()) == export.csv_tables(_kb())


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "trig", "nq", "nt", "jsonld"])
def test_write_formats_writes_atomically_named_files(tmp_path, fmt):
    files = rdf.write_formats(_kb(), tmp_path, [fmt])
    assert files and all(p.is_file() and p.stat().st_size > 0 for p in files)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_seed_exports_match_the_rdf_graph(seed_build):
    result, _out = seed_build
    kb = result.kb
    g = nx.read_graphml(io.BytesIO(export.graphml(kb).encode("utf-8")))
    assert g.number_of_nodes() == len(kb.entities)
    assert g.number_of_edges() == len(well_typed_facts(kb))
    russia = g.nodes["https://w3id.org/kgraph/id/country/Russia"]
    assert russia["geonames"] == "https://sws.geonames.org/2017370/" and russia["iso_code"] == "RU"


def test_every_export_keeps_the_merged_iris_and_the_corrections_of_a_node():
    """A merge's absorbed IRI (owl:sameAs in RDF) and the items that changed a node are in CSV, GraphML and GEXF."""
    from kgraph.linking import corrections
    from kgraph.linking.link import link_extractions

    def ex(aid, *names):
        text = " ".join(n for n, _t in names)
        pos, ms = 0, []
        for n, t in names:
            ms.append(Mention(n, t, pos, pos + len(n), n))
            pos += len(n) + 1
        return Extraction(Article(aid, text), tuple(ms))

    kb = link_extractions(
        [ex("a", ("Orvik Lines", "Organization")), ex("b", ("Tarsvik Shipping", "Organization"))],
        corrections.parse({"corrections": [
            {"action": "merge", "entities": ["Orvik Lines", "Tarsvik Shipping"], "keep": "Orvik Lines"}]}))
    base = "https://w3id.org/kgraph/id/organization/"
    rows = list(csv.DictReader(io.StringIO(export.csv_tables(kb)[0])))
    assert [(r["Id"], r["SameAs"], r["Corrections"]) for r in rows] == [
        (base + "Orvik_Lines", base + "Tarsvik_Shipping", "correction #1 merge Orvik Lines, Tarsvik Shipping")]
    for g in (nx.read_graphml(io.BytesIO(export.graphml(kb).encode())),
              nx.read_gexf(io.BytesIO(export.gexf(kb).encode()))):
        d = g.nodes[base + "Orvik_Lines"]
        assert d["same_as"] == base + "Tarsvik_Shipping" and d["corrections"].startswith("correction #1 merge")


def test_exports_carry_the_entities_an_analyst_said_are_other_things():
    """A "different" item's owl:differentFrom is in nodes.csv, GraphML and GEXF too (stop 65)."""
    import csv
    import io

    import networkx as nx

    from kgraph.graph import export
    from kgraph.linking import corrections
    from kgraph.core.model import Article, Extraction, Mention
    from kgraph.linking.link import link_extractions

    kb = link_extractions(
        [Extraction(Article("a", "Orvik Lines"), (Mention("Orvik Lines", "Organization", 0, 11, "Orvik Lines"),)),
         Extraction(Article("b", "Orvik Line"), (Mention("Orvik Line", "Organization", 0, 10, "Orvik Line"),))],
        corrections.parse({"corrections": [{"action": "different", "entities": ["Orvik Lines", "Orvik Line"]}]}))
    base = "https://w3id.org/kgraph/id/organization/"
    rows = {r["Id"]: r["DifferentFrom"] for r in csv.DictReader(io.StringIO(export.csv_tables(kb)[0]))}
    assert rows == {base + "Orvik_Line": base + "Orvik_Lines", base + "Orvik_Lines": base + "Orvik_Line"}
    for g in (nx.read_graphml(io.BytesIO(export.graphml(kb).encode())),
              nx.read_gexf(io.BytesIO(export.gexf(kb).encode()))):
        assert g.nodes[base + "Orvik_Lines"]["different_from"] == base + "Orvik_Line"
