"""RDF output: provenance, named graphs, formats, round trips, determinism, GeoNames links."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kgraph.graph import rdf
from kgraph.core.iri import article_iri
from kgraph.core.vocab import GEO, KG, KGR, SCHEMA

from .conftest import SEED

ALL = ["trig,nt,nq", "jsonld", "graphml,gexf,csv"]
OX = {".ttl": pyoxigraph.RdfFormat.TURTLE, ".trig": pyoxigraph.RdfFormat.TRIG, ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
      ".nq": pyoxigraph.RdfFormat.N_QUADS, ".jsonld": pyoxigraph.RdfFormat.JSON_LD}
RDF_FILES = ["graph.ttl", "graph.trig", "graph.nt", "graph.nq", "graph.jsonld"]

# Short articles written for these tests: two share "Vladimir Putin" / "Putin".
ARTICLES = [
    {"id": "a1", "title": "Kremlin speaks", "url": "https://example.org/news/a1", "date": "2024-11-02",
     "text": "Russian President Vladimir Putin spoke in Moscow on Tuesday. Kremlin spokesman Dmitry Peskov "
             "said Russia would respond."},
    {"id": "a2", "text": "Putin met the leaders of Gazprom in St. Petersburg. Ukraine said Kyiv was attacked."},
]


def _diff(a: Graph, b: Graph) -> str:
    _both, first, second = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return ("only in first:\n" + "\n".join(sorted(f"{t}" for t in first)[:20])
            + "\nonly in second:\n" + "\n".join(sorted(f"{t}" for t in second)[:20]))




def _union(path: Path) -> Graph:
    ds = rdf.load(path)
    g = Graph()
    for s, p, o, _c in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.fixture(scope="module")
def seed_all(tmp_path_factory):
    """Build the seed twice in every format; return both folders."""
    from kgraph.build.pipeline import build

    outs = []
    for _ in range(2):
        out = tmp_path_factory.mktemp("seed-all")
        build([SEED], output=out, formats=ALL)
        outs.append(out)
    return outs


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    p = tmp_path_factory.mktemp("corpus")
    for a in ARTICLES:
        (p / f"{a['id']}.jsonl").write_text(json.dumps(a) + "\n", encoding="utf-8")
    return p


def test_every_format_is_written_and_reparses_in_rdflib_and_oxigraph(seed_all):
    out = seed_all[0]
    ttl = _union(out / "graph.ttl")
    assert len(ttl) > 100
    for name in RDF_FILES:
        path = out / name
        g = _union(path)
        assert isomorphic(g, ttl), f"{name}:\n{_diff(g, ttl)}"
        quads = list(pyoxigraph.parse(path.read_bytes(), format=OX[path.suffix]))
        assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(ttl), name


def test_building_twice_gives_byte_identical_files(seed_all):
    a, b = seed_all
    names = sorted(p.name for p in a.iterdir() if p.is_file())
    assert {"graph.ttl", "graph.trig", "graph.nt", "graph.nq", "graph.jsonld", "graph.graphml", "graph.gexf",
            "nodes.csv", "edges.csv"} <= set(names)
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_turtle_trig_turtle_round_trip_is_isomorphic(seed_all):
    out = seed_all[0]
    g1 = Graph().parse(out / "graph.ttl", format="turtle")
    ds = Dataset()
    for t in g1:
        ds.add(t)
    trig = ds.serialize(format="trig")
    back = Dataset(default_union=True).parse(data=trig, format="trig")
    ttl2 = Graph()
    for s, p, o, _c in back.quads((None, None, None, None)):
        ttl2.add((s, p, o))
    g2 = Graph().parse(data=ttl2.serialize(format="turtle"), format="turtle")
    assert isomorphic(g1, g2), _diff(g1, g2)
    # And the tool's own TriG holds the same triples as its Turtle.
    own = _union(out / "graph.trig")
    assert isomorphic(own, g1), _diff(own, g1)


def test_trig_has_one_named_graph_per_article(tmp_path, corpus):
    from kgraph.build.pipeline import build

    build([corpus], output=tmp_path, formats=["trig", "nq"])
    for name in ("graph.trig", "graph.nq"):
        ds = Dataset()
        ds.parse(str(tmp_path / name), format="trig" if name.endswith("trig") else "nquads")
        named = {str(c.identifier) for c in ds.graphs() if c.identifier != ds.default_graph.identifier}
        assert named == {str(article_iri("a1")), str(article_iri("a2"))}, name
        a1 = ds.graph(article_iri("a1"))
        assert (article_iri("a1"), RDF.type, KG.Article) in a1
        # An article's evidence sits in its own graph, entity data in the default graph.
        for ev in a1.subjects(RDF.type, KG.Evidence):
            assert a1.value(ev, PROV.wasDerivedFrom) == article_iri("a1")
        assert (KGR["person/Vladimir_Putin"], RDF.type, KG.Person) in ds.default_graph


def test_provenance_of_every_relation(seed_build):
    _result, out = seed_build
    g = _union(out / "graph.ttl")
    from kgraph.sources.ingest import read_inputs

    text = next(iter(read_inputs([SEED]))).text  # offsets index the article text after ingest's cleaning
    preds = {KG[p] for p in ("worksFor", "memberOf", "leaderOf", "citizenOf", "livesIn", "bornIn", "basedIn",
                             "partOf", "locatedIn", "killed")}
    direct = [(s, p, o) for s, p, o in g if p in preds]
    assert len(direct) >= 4
    for s, p, o in direct:
        evs = [ev for ev in g.subjects(RDF.subject, s)
               if g.value(ev, RDF.predicate) == p and g.value(ev, RDF.object) == o]
        assert evs, f"no evidence for {s} {p} {o}"
        for ev in evs:
            assert (ev, RDF.type, KG.Evidence) in g
            assert 0 <= float(g.value(ev, KG.confidence)) <= 1
            assert g.value(ev, KG.method)
            src = g.value(ev, PROV.wasDerivedFrom)
            if str(src) == "https://www.geonames.org/":
                assert str(g.value(ev, KG.method)).startswith("gazetteer")
                continue
            assert (src, RDF.type, KG.Article) in g
            assert g.value(src, DCTERMS.identifier) == Literal("000_4f5ffafcc3e29aa6")
            assert g.value(src, DCTERMS.title)
            start, end = int(g.value(ev, KG.start)), int(g.value(ev, KG.end))
            assert text[start:end] == str(g.value(ev, KG.sentence))
            s0, s1 = int(g.value(ev, KG.subjectStart)), int(g.value(ev, KG.subjectEnd))
            o0, o1 = int(g.value(ev, KG.objectStart)), int(g.value(ev, KG.objectEnd))
            # Mentions usually lie in the sentence, but a rule may rest on another mention
            # (an organization named after a country points at that country's mention).
            assert 0 <= s0 < s1 <= len(text) and 0 <= o0 < o1 <= len(text)


def test_article_metadata(tmp_path, corpus):
    from kgraph.build.pipeline import build

    build([corpus], output=tmp_path)
    g = _union(tmp_path / "graph.ttl")
    a1 = article_iri("a1")
    assert g.value(a1, DCTERMS.title) == Literal("Kremlin speaks")
    assert str(g.value(a1, SCHEMA.url)) == "https://example.org/news/a1"
    assert str(g.value(a1, DCTERMS.date)) == "2024-11-02"


def test_seed_places_and_countries_carry_geonames_links(seed_build):
    _result, out = seed_build
    g = _union(out / "graph.ttl")
    by_label = {str(g.value(e, RDFS.label)): e for e in g.subjects(RDF.type, None) if g.value(e, RDFS.label)}
    for name, code in (("Russia", "RU"), ("Ukraine", "UA")):
        e = by_label[name]
        assert (e, RDF.type, KG.Country) in g
        assert str(g.value(e, OWL.sameAs)).startswith("https://sws.geonames.org/")
        assert g.value(e, KG.isoCode) == Literal(code)
    assert g.value(by_label["Russia"], OWL.sameAs) == URIRef("https://sws.geonames.org/2017370/")
    # A country's coordinates are its representative point (GeoNames: Russia 60 N 100 E).
    assert (float(g.value(by_label["Russia"], GEO.lat)), float(g.value(by_label["Russia"], GEO.long))) == (60, 100)
    assert 44 < float(g.value(by_label["Ukraine"], GEO.lat)) < 53
    kursk = by_label["Kursk"]
    assert g.value(kursk, OWL.sameAs) == URIRef("https://sws.geonames.org/538560/")
    assert abs(float(g.value(kursk, GEO.lat)) - 51.73) < 0.05
    assert abs(float(g.value(kursk, GEO.long)) - 36.19) < 0.05
    assert g.value(kursk, KG.countryCode) == Literal("RU")
    assert (kursk, KG.locatedIn, by_label["Russia"]) in g


def test_a_citys_country_comes_from_the_gazetteer_and_says_so(tmp_path, corpus):
    from kgraph.build.pipeline import build

    build([corpus / "a1.jsonl"], output=tmp_path)
    g = _union(tmp_path / "graph.ttl")
    moscow, russia = KGR["place/Moscow"], KGR["country/Russia"]
    assert (moscow, KG.locatedIn, russia) in g
    evs = [ev for ev in g.subjects(RDF.subject, moscow) if g.value(ev, RDF.object) == russia]
    assert evs
    assert all(str(g.value(ev, PROV.wasDerivedFrom)) == "https://www.geonames.org/" for ev in evs)
    assert all(str(g.value(ev, KG.method)) == "gazetteer:geonames" for ev in evs)


def test_together_and_one_after_the_other_give_the_same_graph(tmp_path, corpus):
    """Building two articles together, and one then the other with ``into``, gives isomorphic graphs."""
    from kgraph.build.pipeline import build

    build([corpus / "a1.jsonl", corpus / "a2.jsonl"], output=tmp_path / "together", formats=["trig"])
    build([corpus / "a1.jsonl"], output=tmp_path / "steps", formats=["trig"])
    build([corpus / "a2.jsonl"], output=tmp_path / "steps", into=True, formats=["trig"])
    build([corpus / "a2.jsonl"], output=tmp_path / "reverse", formats=["trig"])
    build([corpus / "a1.jsonl"], output=tmp_path / "reverse", into=True, formats=["trig"])
    together = _union(tmp_path / "together" / "graph.trig")
    for other in ("steps", "reverse"):
        g = _union(tmp_path / other / "graph.trig")
        assert isomorphic(together, g), f"{other}:\n{_diff(together, g)}"
        assert (tmp_path / other / "graph.ttl").read_bytes() == (tmp_path / "together" / "graph.ttl").read_bytes()
    putins = [e for e in together.subjects(RDF.type, KG.Person) if "Putin" in str(together.value(e, RDFS.label))]
    assert len(putins) == 1
    assert (putins[0], SKOS.altLabel, Literal("Putin")) in together
    assert len(set(together.objects(putins[0], KG.mentionedIn))) == 2


def test_jsonld_is_plain_json_with_the_projects_context(seed_all):
    doc = json.loads((seed_all[0] / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == "https://w3id.org/kgraph/ontology#"
    named = [n for n in doc["@graph"] if "@graph" in n]
    assert [n["@id"] for n in named] == ["https://w3id.org/kgraph/article/000_4f5ffafcc3e29aa6"]


def test_unknown_format_is_an_input_error():
    from kgraph.core.errors import InputError

    assert rdf.parse_formats(["nq,ttl", "TriG", "json-ld"]) == ("ttl", "trig", "nq", "jsonld")
    with pytest.raises(InputError, match="unknown output format 'xml'"):
        rdf.parse_formats(["ttl,xml"])


def test_cli_build_into_matches_a_build_of_both(tmp_path, corpus):
    """``kgraph build A -o D; kgraph build B --into D`` gives the graph of ``kgraph build A B``."""
    from click.testing import CliRunner

    from kgraph.cli import main

    run = CliRunner().invoke
    a, b = str(corpus / "a1.jsonl"), str(corpus / "a2.jsonl")
    assert run(main, ["build", a, b, "-q", "-o", str(tmp_path / "both"), "--format", "nq"]).exit_code == 0
    assert run(main, ["build", a, "-q", "-o", str(tmp_path / "d"), "--format", "nq"]).exit_code == 0
    res = run(main, ["build", b, "-q", "--into", str(tmp_path / "d"), "--format", "nq"])
    assert res.exit_code == 0, res.output
    for name in ("graph.ttl", "graph.nq"):
        g1, g2 = _union(tmp_path / "both" / name), _union(tmp_path / "d" / name)
        assert isomorphic(g1, g2), f"{name}:\n{_diff(g1, g2)}"
    bad = run(main, ["build", a, "-q", "-o", str(tmp_path / "x"), "--format", "ttl,xml"])
    assert bad.exit_code == 1 and "unknown output format 'xml'" in bad.output
    assert not (tmp_path / "x" / "graph.ttl").exists()
