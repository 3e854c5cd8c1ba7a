"""SHACL validation: built graphs conform; broken graphs are reported, readably."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kgraph.graph import rdf
from kgraph.cli import main
from kgraph.core.errors import ValidationError
from kgraph.core.model import Entity, Fact, KnowledgeBase
from kgraph.graph.validate import check, fits, signatures, validate_file, validate_graph
from kgraph.core.vocab import KG, KGR

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD_TEXTS = sorted((SHARED / "gold" / "news").glob("*.txt")) if SHARED.is_dir() else []


@pytest.fixture()
def seed_graph(seed_build):
    _result, out = seed_build
    return rdf.load(out / "graph.ttl")


def test_seed_graph_conforms(seed_build):
    _result, out = seed_build
    report = validate_file(out / "graph.ttl")
    assert report.conforms, report.text()
    assert report.triples > 100


@pytest.mark.skipif(not GOLD_TEXTS, reason="../shared/gold/news is not beside the checkout")
def test_graphs_of_other_articles_conform(tmp_path):
    from kgraph.build.pipeline import build

    build(GOLD_TEXTS, output=tmp_path, formats=["trig"])
    for name in ("graph.ttl", "graph.trig"):
        report = validate_file(tmp_path / name)
        assert report.conforms, report.text()


def _broken(g, triple):
    g.add(triple)
    return validate_graph(g)


PUTIN, USHAKOV, RUSSIA, KURSK = (KGR["person/Vladimir_Putin"], KGR["person/Yuri_Ushakov"],
                                  KGR["country/Russia"], KGR["place/Kursk"])


@pytest.mark.parametrize("triple, words", [
    ((USHAKOV, KG.worksFor, PUTIN), "object of kg:worksFor must be an Organization or a Country"),
    ((PUTIN, KG.citizenOf, KURSK), "object of kg:citizenOf must be a Country"),
    ((RUSSIA, KG.memberOf, KGR["organization/Kremlin"]), "subject of kg:memberOf must be a Person"),
    ((PUTIN, KG.killed, RUSSIA), "object of kg:killed must be a Person"),
    ((KURSK, KG.locatedIn, PUTIN), "object of kg:locatedIn must be a Place or a Country"),
    ((PUTIN, RDF.type, KG.Organization), "exactly one of the classes"),
    ((PUTIN, RDFS.label, Literal("Putin")), "exactly one non-empty rdfs:label"),
    ((RUSSIA, KG.isoCode, Literal("Russia")), "one ISO 3166 code"),
], ids=["worksFor-person", "citizenOf-place", "memberOf-from-country", "killed-country",
        "locatedIn-person", "two-classes", "two-labels", "bad-iso-code"])
def test_broken_graphs_are_reported(seed_graph, triple, words):
    report = _broken(seed_graph, triple)
    assert not report.conforms
    assert any(words in v.message for v in report.violations), report.text()


@pytest.mark.parametrize("inference", ["rdfs", "owlrl"])
def test_seed_graph_conforms_under_inference(seed_graph, inference):
    # A validator that reasons first makes every Country a Place and every
    # owl:sameAs symmetric and reflexive; the shapes must still hold.
    report = validate_graph(seed_graph, inference=inference)
    assert report.conforms, report.text()


@pytest.mark.parametrize("inference", ["none", "rdfs"])
@pytest.mark.parametrize("triple", [(PUTIN, RDF.type, KG.Organization), (RUSSIA, RDF.type, KG.Person),
                                    (KURSK, RDF.type, KG.Organization)], ids=["person-org", "country-person",
                                                                             "place-org"])
def test_two_core_classes_are_reported_under_inference(seed_graph, triple, inference):
    seed_graph.add(triple)
    report = validate_graph(seed_graph, inference=inference)
    assert any("exactly one of the classes" in v.message for v in report.violations), report.text()


def test_evidence_with_two_subjects_is_reported(seed_graph):
    ev = next(seed_graph.subjects(RDF.type, KG.Evidence))
    seed_graph.add((ev, RDF.subject, KGR["person/Someone_Else"]))
    report = validate_graph(seed_graph)
    assert any("exactly one rdf:subject and one rdf:object" in v.message for v in report.violations), report.text()


def test_evidence_checks(seed_graph):
    ev = next(seed_graph.subjects(RDF.type, KG.Evidence))
    seed_graph.set((ev, KG.confidence, Literal(1.5)))
    seed_graph.remove((ev, KG.sentence, None))
    report = validate_graph(seed_graph)
    messages = " / ".join(v.message for v in report.violations)
    assert "kg:confidence decimal between 0 and 1" in messages
    assert "must have kg:sentence" in messages


def test_evidence_without_its_direct_triple_is_reported(seed_graph):
    ev = next(seed_graph.subjects(RDF.type, KG.Evidence))
    s, p, o = (seed_graph.value(ev, x) for x in (RDF.subject, RDF.predicate, RDF.object))
    seed_graph.remove((s, p, o))
    report = validate_graph(seed_graph)
    assert any("direct triple" in v.message for v in report.violations), report.text()


def test_check_raises_validation_error(seed_graph):
    seed_graph.add((USHAKOV, KG.worksFor, PUTIN))
    with pytest.raises(ValidationError, match="worksFor"):
        check(seed_graph)


def test_signatures_come_from_the_ontology():
    assert signatures()["worksFor"] == (frozenset({"Person"}), frozenset({"Organization", "Country"}))
    assert fits("livesIn", "Person", "Country")  # a Country is a Place
    assert not fits("worksFor", "Person", "Person")
    assert not fits("locatedIn", "Organization", "Place")


def test_ill_typed_facts_are_left_out_of_the_graph():
    kb = KnowledgeBase(entities=(Entity("person/A", "Person", "A"), Entity("person/B", "Person", "B"),
                                 Entity("organization/C", "Organization", "C")),
                       facts=(Fact("person/A", "worksFor", "person/B", method="test"),
                              Fact("person/A", "worksFor", "organization/C", method="test")))
    g = rdf.to_graph(kb)
    assert (KGR["person/A"], KG.worksFor, KGR["person/B"]) not in g
    assert (KGR["person/A"], KG.worksFor, KGR["organization/C"]) in g
    assert validate_graph(g).conforms, validate_graph(g).text()
    assert [f.object for f in rdf.well_typed(kb).facts] == ["organization/C"]


def test_cli_validate(seed_build, tmp_path):
    _result, out = seed_build
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(out / "graph.ttl")])
    assert ok.exit_code == 0 and "conforms" in ok.output
    ok = runner.invoke(main, ["validate", str(out)])  # a build folder
    assert ok.exit_code == 0 and "conforms" in ok.output

    g = rdf.load(out / "graph.ttl")
    g.add((USHAKOV, KG.worksFor, PUTIN))
    bad = tmp_path / "bad.nt"
    bad.write_text(g.serialize(format="nt"), encoding="utf-8")
    res = runner.invoke(main, ["validate", str(bad)])
    assert res.exit_code == 1
    assert "kgr:person/Yuri_Ushakov kg:worksFor: the object of kg:worksFor must be an Organization" in res.output
    assert "Error:" in res.output and "does not conform" in res.output

    missing = runner.invoke(main, ["validate", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 1 and "Error: graph file not found" in missing.output
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    res = runner.invoke(main, ["validate", str(garbage)])
    assert res.exit_code == 1 and "Error: cannot read" in res.output and "Traceback" not in res.output


def test_every_ontology_term_is_documented_and_typed():
    from rdflib.namespace import OWL, SKOS

    from kgraph.core.model import ENTITY_TYPES, PREDICATES
    from kgraph.core.vocab import KG_IRI, ontology_graph

    g = ontology_graph()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_IRI)}
    assert len(terms) > 25
    for t in terms:
        assert g.value(t, RDFS.label) is not None and g.value(t, RDFS.comment) is not None, t
        kinds = set(g.objects(t, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, t
        if kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}:
            assert g.value(t, RDFS.domain) is not None and g.value(t, RDFS.range) is not None, t
    for t in ENTITY_TYPES:  # aligned to schema.org and Wikidata
        assert g.value(KG[t], OWL.equivalentClass) is not None
        assert g.value(KG[t], SKOS.exactMatch) or g.value(KG[t], SKOS.closeMatch), t
    assert (KG.worksFor, SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/P108")) in g
    assert all(any(g.objects(KG[p], m) for m in (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch))
               for p in PREDICATES)


def test_ontology_and_shapes_parse_in_oxigraph():
    import pyoxigraph

    from kgraph.core.vocab import ontology_path

    for name in ("kgraph.ttl", "shapes.ttl"):
        quads = list(pyoxigraph.parse(ontology_path(name).read_bytes(), format=pyoxigraph.RdfFormat.TURTLE))
        assert len(quads) > 100, name


def test_inference_a_small_file_makes_endless_is_stopped_at_its_time_limit(tmp_path):
    """A chain of subproperties (10 kB) makes RDFS inference run for hours: one Error line at --timeout."""
    lines = ["@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .", "@prefix ex: <http://example.org/> ."]
    lines += [f"ex:p{i} rdfs:subPropertyOf ex:p{i + 1} ." for i in range(300)] + ["ex:a ex:p0 ex:b ."]
    path = tmp_path / "chain.ttl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path), "--inference", "rdfs", "--timeout", "1"])
    assert result.exit_code == 1
    assert "Error: validation stopped after its time limit of 1 s" in result.output
    assert "Traceback" not in result.output


def test_validation_in_its_child_process_answers_as_before(seed_build):
    """The limited run gives the same report as the direct one, and a graph error as the same Error line."""
    graph = seed_build[1] / "graph.ttl"
    result = CliRunner().invoke(main, ["validate", str(graph)])
    assert result.exit_code == 0 and result.output.startswith(f"{graph} " + validate_file(graph).text().split(" in ")[0])
    missing = graph.parent / "no-such.ttl"
    result = CliRunner().invoke(main, ["validate", str(missing), "--timeout", "0"])
    assert result.exit_code == 1 and result.output.startswith("Error:") and "Traceback" not in result.output


def test_violation_lines_show_escape_sequences_from_the_file_as_text(tmp_path):
    g = tmp_path / "g.ttl"
    g.write_text('<https://w3id.org/kgraph/id/organization/C\\u001b]52;c;ZXZpbA==\\u0007> '
                 '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/kgraph/ontology#Organization> ;\n'
                 '    <https://w3id.org/kgraph/ontology#mentionCount> "x\\u001b[2J\\nline" .\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(g)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    lines = result.output.splitlines()
    assert any("C\\x1b]52;c;ZXZpbA==\\x07" in line for line in lines)
    assert all(line.startswith(("Violation: ", "Warning: ", "Info: ", "Error: ")) for line in lines), lines
