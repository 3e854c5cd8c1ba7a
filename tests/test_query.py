"""SPARQL: saved queries on both engines, result formats, errors, and queries that must not reach out."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kgraph.sparql import query as q
from kgraph.core.errors import GraphError, QueryError
from kgraph.sparql.store import OxigraphStore, RdflibStore, choose_engine, is_fresh, open_store, store_path

SAVED = sorted(q.saved_queries())


@pytest.fixture()
def graph_file(seed_build, tmp_path):
    """A private copy of the seed's graph (the Oxigraph store is written next to it)."""
    _result, out = seed_build
    return shutil.copy(out / "graph.ttl", tmp_path / "graph.ttl")


@pytest.fixture()
def stores(graph_file):
    return RdflibStore(graph_file), OxigraphStore(graph_file)


def _kgraph(*args):
    return subprocess.run([sys.executable, "-m", "kgraph", *args], capture_output=True, text=True)


# ---------------------------------------------------------------- saved queries


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_same_answer_on_rdflib_and_oxigraph(stores, name):
    rd, ox = stores
    a, b = rd.query(q.saved_queries()[name]), ox.query(q.saved_queries()[name])
    assert a.type == b.type == "SELECT"
    assert q.canonical(a) == q.canonical(b), f"rdflib:\n{q.format_result(a)}\noxigraph:\n{q.format_result(b)}"


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_has_a_description(name):
    assert q.description(q.saved_queries()[name])


def _rows(store, name):
    res = store.query(q.saved_queries()[name])
    return {tuple(str(c) if c is not None else None for c in r) for r in res.rows}


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_saved_queries_answer_the_seed(graph_file, engine):
    store = open_store(graph_file, engine)
    # The saved query answers exactly the graph's worksFor statements (whatever the extractor found).
    from rdflib import Graph
    from rdflib.namespace import RDFS

    from kgraph.core.vocab import KG

    g = Graph().parse(graph_file)
    stated = {(str(g.value(s, RDFS.label)), str(g.value(o, RDFS.label))) for s, o in g.subject_objects(KG.worksFor)}
    works = {(p, o) for p, o, _role in _rows(store, "works-for")}
    assert works == stated and works
    leaders = {(p, o) for p, o, _role in _rows(store, "leaders")}
    assert {("Vladimir Putin", "Russia"), ("Kim Jong Un", "North Korea")} <= leaders
    counts = dict(_rows(store, "count-by-type"))
    assert int(counts["Person"]) >= 4 and int(counts["Country"]) >= 3
    people = {r[0] for r in _rows(store, "people")}
    assert {"Vladimir Putin", "Yuri Ushakov", "Kim Jong Un"} <= people
    evidence = [r for r in _rows(store, "evidence") if r[:3] == ("Vladimir Putin", "leaderOf", "Russia")]
    assert evidence and "Putin" in evidence[0][7]


def test_two_hop_query_joins_person_organization_country():
    g = Graph().parse(format="turtle", data="""
        @prefix kg: <https://w3id.org/kgraph/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:p> a kg:Person ; rdfs:label "Ann Lee" ; kg:worksFor <urn:o> .
        <urn:o> a kg:Organization ; rdfs:label "Acme" ; kg:basedIn <urn:c> .
        <urn:c> a kg:Country ; rdfs:label "Freedonia" .
        <urn:q> a kg:Person ; rdfs:label "Bo Ng" ; kg:worksFor <urn:x> .
        <urn:x> a kg:Organization ; rdfs:label "NoCountry" .""")
    res = q.run(g, q.saved_queries()["person-org-country"])
    assert [tuple(map(str, r)) for r in res.rows] == [("Ann Lee", "Acme", "Freedonia")]


def test_the_corrections_query_says_who_corrected_what_and_a_rejected_relation_is_gone():
    """Stop 65: a user querying worksFor after a reject does not see it; the saved query lists each item."""
    from kgraph.graph import rdf
    from kgraph.linking import corrections
    from kgraph.linking.link import link_extractions
    from kgraph.core.model import Article, Extraction, Mention, Relation

    text = "Ann Lee Acme"
    ms = (Mention("Ann Lee", "Person", 0, 7, "Ann Lee"), Mention("Acme", "Organization", 8, 12, "Acme"))
    ex = Extraction(Article("a1", text), ms, (Relation(ms[0], "worksFor", ms[1], 0.8, "rule", text, 0, 12),))
    fixes = corrections.parse({"corrections": [
        {"action": "reject", "subject": "ann lee", "predicate": "worksFor", "object": "Acme", "author": "ed",
         "note": "she left"},
        {"action": "block", "entity": "Nobody", "author": "ed"}]})
    g = Graph().parse(format="turtle", data=rdf.serialize(link_extractions([ex], fixes)))
    assert not list(q.run(g, q.saved_queries()["works-for"]).rows)
    assert list(q.run(Graph().parse(format="turtle", data=rdf.serialize(link_extractions([ex]))),
                      q.saved_queries()["works-for"]).rows)
    rows = [tuple(map(str, r)) for r in q.run(g, q.saved_queries()["corrections"]).rows]
    assert rows == [("correction #1 reject ann lee worksFor Acme (by ed; she left)",
                     "https://w3id.org/kgraph/id/person/Ann_Lee", "Ann Lee")]


def test_list_shows_every_saved_query_with_its_description():
    proc = _kgraph("query", "--list")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert [ln.split()[0] for ln in lines] == SAVED
    assert all(len(ln.split(None, 1)) == 2 for ln in lines)


# ---------------------------------------------------------------- query forms and formats


SELECT_COUNTRIES = "SELECT ?c ?name WHERE { ?c a kg:Country ; rdfs:label ?name } ORDER BY ?name"


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_csv_and_tsv_follow_sparql_results_formats(graph_file, engine):
    store = open_store(graph_file, engine)
    res = q.run(store, SELECT_COUNTRIES)
    rows = list(csv.reader(io.StringIO(q.format_result(res, "csv"), newline="")))
    assert rows[0] == ["c", "name"] and ["https://w3id.org/kgraph/id/country/Russia", "Russia"] in rows
    tsv = q.format_result(res, "tsv").splitlines()
    assert tsv[0] == "?c\t?name"
    assert '<https://w3id.org/kgraph/id/country/Russia>\t"Russia"' in tsv


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_csv_and_tsv_cells_never_start_a_spreadsheet_formula(tmp_path, engine):
    (tmp_path / "g.ttl").write_text(
        '<http://x.example/a> <http://www.w3.org/2000/01/rdf-schema#label> "=HYPERLINK(\\"http://x.invalid\\")", '
        '"@SUM(A1)"@en, "+1+cmd", "-2+3", "\\tTab" ; <http://x.example/n> -3.5 .\n', encoding="utf-8")
    res = q.run(open_store(tmp_path / "g.ttl", engine), "SELECT ?v WHERE { ?s ?p ?v } ORDER BY STR(?v)")
    cells = {r[0] for r in csv.reader(io.StringIO(q.format_result(res, "csv"), newline=""))}
    assert cells == {"v", "-3.5", "'-2+3", "'+1+cmd", "'=HYPERLINK(\"http://x.invalid\")", "'@SUM(A1)", "'\tTab"}
    tsv = set(q.format_result(res, "tsv").splitlines()[1:])
    assert {'"\'-2+3"', '"\'@SUM(A1)"@en', '"\'\\tTab"', '"-3.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'} <= tsv
    assert not any(c[1] in "=+-@" for c in tsv if "^^" not in c)


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_json_and_xml_results(graph_file, engine):
    store = open_store(graph_file, engine)
    res = q.run(store, "SELECT ?c ?n ?unbound WHERE { ?c a kg:Country ; kg:mentionCount ?n } LIMIT 1")
    doc = json.loads(q.format_result(res, "json"))
    assert doc["head"]["vars"] == ["c", "n", "unbound"]
    b = doc["results"]["bindings"][0]
    assert b["c"]["type"] == "uri" and "unbound" not in b
    assert b["n"] == {"type": "literal", "value": b["n"]["value"], "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(q.format_result(res, "xml"))
    assert [v.get("name") for v in root.findall("s:head/s:variable", ns)] == ["c", "n", "unbound"]
    assert root.find("s:results/s:result/s:binding[@name='c']/s:uri", ns).text == b["c"]["value"]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_ask(graph_file, engine):
    store = open_store(graph_file, engine)
    assert q.format_result(q.run(store, "ASK { ?p a kg:Person }")) == "true\n"
    no = q.run(store, "ASK { ?p a kg:Person ; rdfs:label 'Nobody Atall' }")
    assert json.loads(q.format_result(no, "json")) == {"head": {}, "boolean": False}
    assert "<boolean>false</boolean>" in q.format_result(no, "xml")


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_construct_and_describe_give_turtle(graph_file, engine):
    store = open_store(graph_file, engine)
    text = "CONSTRUCT { ?p kg:leaderOf ?c } WHERE { ?p kg:leaderOf ?c ; a kg:Person }"
    got = Graph().parse(data=q.format_result(q.run(store, text), "turtle"), format="turtle")
    want = Graph()
    for s, o in RdflibStore(graph_file).dataset.query("SELECT ?p ?c WHERE { ?p <https://w3id.org/kgraph/ontology#leaderOf> ?c }"):
        want.add((s, URIRef("https://w3id.org/kgraph/ontology#leaderOf"), o))
    if not isomorphic(got, want):
        _both, first, second = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(f"only in result:\n{first.serialize()}\nonly expected:\n{second.serialize()}")
    described = q.run(store, "DESCRIBE ?c WHERE { ?c rdfs:label 'Russia' }")
    assert described.type == "DESCRIBE" and described.triples
    with pytest.raises(QueryError, match="turtle"):
        q.format_result(q.run(store, text), "csv")


def test_table_is_aligned_and_counts_rows(graph_file):
    out = q.format_result(q.run(RdflibStore(graph_file), SELECT_COUNTRIES), "table").splitlines()
    assert out[0].split() == ["c", "name"] and set(out[1]) <= {"-", " "}
    assert out[-1].endswith("rows)")
    starts = {ln.rindex("Russia") for ln in out if ln.endswith("Russia")}
    assert len(starts) == 1 and out[0].index("name") in starts


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_syntax_error_gives_the_users_line_and_column(graph_file, engine):
    store = open_store(graph_file, engine)
    with pytest.raises(QueryError, match=r"line 3, column \d+") as err:
        q.run(store, "SELECT ?s\nWHERE {\n  ?s ?p }\n")
    assert "\n" not in str(err.value)


def test_cli_syntax_error_is_one_line_with_line_and_column(graph_file):
    proc = _kgraph("query", "SELECT *\nWHERE { ?s ?p }", "--graph", str(graph_file), "--store", "oxigraph")
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: syntax error at line 2, column") and proc.stderr.count("\n") == 1


@pytest.mark.parametrize("text", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX ex: <urn:x#>\nDELETE WHERE { ?s ?p ?o }",
    "LOAD <http://127.0.0.1:9/x.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <urn:g>",
], ids=["insert", "delete", "load", "clear", "drop"])
def test_updates_are_refused(graph_file, text):
    with pytest.raises(QueryError, match="read-only"):
        q.run(open_store(graph_file, "rdflib"), text)


def test_keywords_in_strings_and_iris_do_not_count():
    assert not q.uses_service('SELECT * { ?s rdfs:label "SERVICE desk" ; ?p <urn:SERVICE> }  # SERVICE')
    assert q.query_form('PREFIX insert: <urn:x#> SELECT * { ?s insert:p "DELETE" }') == "SELECT"
    assert q.uses_service("SELECT * { service <urn:x> { ?s ?p ?o } }")


class _Counter(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.end_headers()
        self.wfile.write(b"<urn:a> <urn:b> <urn:c> .")

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture()
def listener():
    """A local HTTP server that counts the requests it gets."""
    _Counter.hits = 0
    srv = HTTPServer(("127.0.0.1", 0), _Counter)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/", _Counter
    srv.shutdown()
    srv.server_close()


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_service_is_refused_without_any_request(graph_file, listener, engine):
    url, counter = listener
    with pytest.raises(QueryError, match="SERVICE"):
        q.run(open_store(graph_file, engine), f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}")
    assert counter.hits == 0


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_from_never_fetches_a_remote_graph(graph_file, listener, engine):
    url, counter = listener
    for text in (f"SELECT * FROM <{url}g.ttl> WHERE {{ ?s ?p ?o }}",
                 f"SELECT * FROM NAMED <{url}g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"):
        with pytest.raises(QueryError, match="FROM"):
            q.run(open_store(graph_file, engine), text)
    assert counter.hits == 0


def test_unknown_saved_name_and_missing_file(tmp_path):
    with pytest.raises(QueryError, match="no saved query"):
        q.resolve("works-for-typo")
    with pytest.raises(QueryError, match="not found"):
        q.resolve(str(tmp_path / "nope.rq"))
    f = tmp_path / "mine.rq"
    f.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert q.resolve(str(f)) == "ASK { ?s ?p ?o }"


# ---------------------------------------------------------------- the Oxigraph store


def test_store_is_built_once_and_rebuilt_when_the_graph_changes(graph_file):
    assert choose_engine(graph_file) == "rdflib"  # small graph, no store yet
    OxigraphStore(graph_file)
    assert is_fresh(graph_file) and store_path(graph_file).is_dir()
    assert choose_engine(graph_file) == "oxigraph"  # a fresh store is reused
    text = graph_file.read_text(encoding="utf-8") + '\n<urn:new> a kg:Person ; rdfs:label "Zed Added" .\n'
    graph_file.write_text(text, encoding="utf-8")
    st = os.stat(graph_file)
    os.utime(graph_file, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert not is_fresh(graph_file)
    res = OxigraphStore(graph_file).query("ASK { ?p rdfs:label 'Zed Added' }")
    assert res.boolean and is_fresh(graph_file)
    assert [p.name for p in graph_file.parent.iterdir() if p.name.startswith(".")] == []


def test_an_edit_that_keeps_the_graphs_size_and_time_still_rebuilds_the_store(graph_file):
    OxigraphStore(graph_file)
    text = graph_file.read_text(encoding="utf-8")
    name = next(n for n in ("Putin", "Scholz", "Yerin", "Ushakov") if n in text)
    st = os.stat(graph_file)
    graph_file.write_text(text.replace(name, name[::-1].capitalize()), encoding="utf-8")  # same length
    os.utime(graph_file, ns=(st.st_atime_ns, st.st_mtime_ns))  # `touch -r`: same size, same time
    assert os.stat(graph_file).st_size == st.st_size and not is_fresh(graph_file)
    assert OxigraphStore(graph_file).query(f"ASK {{ ?p rdfs:label ?l FILTER(CONTAINS(?l, '{name}')) }}").boolean is False


def test_broken_graph_is_a_graph_error(tmp_path):
    bad = tmp_path / "graph.ttl"
    bad.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    with pytest.raises(GraphError, match="cannot read"):
        OxigraphStore(bad)
    assert not store_path(bad).exists()
    with pytest.raises(GraphError, match="not found"):
        open_store(tmp_path / "missing.ttl", "oxigraph")


def test_cli_query_formats_and_store(graph_file):
    proc = _kgraph("query", "works-for", "--graph", str(graph_file), "--format", "csv", "--store", "oxigraph")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "person,organization,role"
    proc = _kgraph("query", "CONSTRUCT { ?s a kg:Person } WHERE { ?s a kg:Person }", "--graph", str(graph_file),
                   "--format", "turtle")
    assert proc.returncode == 0 and "kg:Person" in proc.stdout
    proc = _kgraph("query", "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "--graph", str(graph_file))
    assert proc.returncode == 1 and proc.stderr.startswith("Error: SERVICE")


def test_an_aggregate_over_an_unbound_optional_is_answered_in_auto_mode(graph_file):
    """rdflib fails on GROUP_CONCAT of a variable an OPTIONAL left unbound; kgraph's own choice falls back."""
    text = ("SELECT ?e (GROUP_CONCAT(DISTINCT ?a; separator='|') AS ?aliases) WHERE { ?e a kg:Person "
            "OPTIONAL { ?e <urn:kgraph-test:never> ?a } } GROUP BY ?e")
    assert choose_engine(graph_file) == "rdflib"  # a small graph: auto picks rdflib first
    proc = _kgraph("query", text, "--graph", str(graph_file), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "e,aliases" and len(proc.stdout.splitlines()) > 1
    proc = _kgraph("query", text, "--graph", str(graph_file), "--store", "rdflib")  # asked for: said, not switched
    assert proc.returncode == 1 and proc.stderr.startswith("Error: cannot run query")


def test_an_output_folder_stands_for_its_graph(graph_file, tmp_path):
    """`kgraph query NAME DIR` and `kgraph validate DIR` read DIR/graph.ttl, as `kgraph review DIR` does."""
    folder = graph_file.parent
    proc = _kgraph("query", "count-by-type", str(folder), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == _kgraph("query", "count-by-type", str(graph_file), "--format", "csv").stdout
    assert _kgraph("validate", str(folder)).returncode == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = _kgraph("query", "count-by-type", str(empty))
    assert proc.returncode == 1 and proc.stderr.startswith("Error: graph file not found") and "graph.ttl" in proc.stderr


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_named_graphs_are_queried_as_one_default_graph(tmp_path, engine):
    f = tmp_path / "graph.trig"
    f.write_text("""@prefix kg: <https://w3id.org/kgraph/ontology#> .
        <urn:p> a kg:Person .
        <https://w3id.org/kgraph/article/a1> { <urn:p> kg:worksFor <urn:o> . }
        <https://w3id.org/kgraph/article/a2> { <urn:o> a kg:Organization . }""", encoding="utf-8")
    store = open_store(f, engine)
    res = q.run(store, "SELECT ?p WHERE { ?p a kg:Person ; kg:worksFor ?o . ?o a kg:Organization }")
    assert [str(r[0]) for r in res.rows] == ["urn:p"]
    g = q.run(store, "SELECT ?g WHERE { GRAPH ?g { ?s kg:worksFor ?o } }")
    assert [str(r[0]) for r in g.rows] == ["https://w3id.org/kgraph/article/a1"]


# ---------------------------------------------------------------- ORDER BY done in Python for Oxigraph


@pytest.mark.parametrize("text,expected", [
    ("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a", [("a", False)]),
    ("SELECT * WHERE { ?a ?p ?b }\nORDER BY DESC(?b) ?a\n# trailing comment\n", [("b", True), ("a", False)]),
    ("select ?a where { ?a ?p ?b } order by asc( $a )", [("a", False)]),
], ids=["one-var", "desc-then-asc-with-comment-after", "lower-case-and-dollar"])
def test_final_order_by_on_variables_is_split_off(text, expected):
    from kgraph.sparql.store import split_order

    body, keys = split_order(text)
    assert keys == expected and "ORDER" not in body.upper().split("}")[-1]


@pytest.mark.parametrize("text", [
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 10",
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a OFFSET 5",
    "SELECT ?a WHERE { ?a ?p ?b } ORDER BY STRLEN(?a)",
    "SELECT ?a WHERE { ?a ?p ?b } # ORDER BY ?a",
    "CONSTRUCT { ?a ?p ?b } WHERE { ?a ?p ?b } ORDER BY ?a",
    "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 3 } }",
    "SELECT ?a WHERE { ?a ?p ?b }",
], ids=["limit", "offset", "expression", "in-comment", "construct", "in-subquery", "none"])
def test_order_by_stays_with_the_engine(text):
    from kgraph.sparql.store import split_order

    assert split_order(text) is None


# Kinds whose order SPARQL defines: unbound < blank node < IRI < literal; numbers by
# value; strings by code point. (Between numbers and strings, or booleans and
# dates, the order is the engine's choice, and Oxigraph's own is not consistent.)
_MIXED = """@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:r1 ex:v 10 ; ex:w "b" .
ex:r2 ex:v 9.5 ; ex:w "a" .
ex:r3 ex:v "1e1"^^xsd:double ; ex:w "a" .
ex:r4 ex:v "zebra" ; ex:w "a" .
ex:r5 ex:v "Zebra" ; ex:w "b" .
ex:r6 ex:v "Ärger" ; ex:w "c" .
ex:r7 ex:v ex:iri ; ex:w "a" .
ex:r8 ex:v [] ; ex:w "d" .
ex:r9 ex:w "e" .
ex:r12 ex:v -3 ; ex:w "c" .
"""


@pytest.mark.parametrize("order", ["?v ?r", "DESC(?v) ?r", "?w DESC(?v) ?r", "DESC(?w) ?r"],
                         ids=["kinds-numbers-strings", "descending", "two-keys", "strings-descending"])
def test_python_order_matches_oxigraphs_own_order(tmp_path, order):
    f = tmp_path / "mixed.ttl"
    f.write_text(_MIXED, encoding="utf-8")
    store = OxigraphStore(f)
    text = ("SELECT ?r ?v ?w WHERE { ?r <http://example.org/w> ?w OPTIONAL { ?r <http://example.org/v> ?v } }"
            f" ORDER BY {order}")
    ours, engines = store._query(text), store._query(text, sort_here=False)
    blank = lambda rows: [tuple("_" if type(c).__name__ == "BNode" else c for c in r) for r in rows]  # noqa: E731
    assert blank(ours.rows) == blank(engines.rows), "\n".join(map(str, ours.rows))


def test_order_by_a_variable_that_is_not_selected(tmp_path):
    f = tmp_path / "mixed.ttl"
    f.write_text(_MIXED, encoding="utf-8")
    res = q.run(OxigraphStore(f), "SELECT ?r WHERE { ?r <http://example.org/v> ?v FILTER(isNumeric(?v)) } ORDER BY ?v")
    names = [str(r[0]).rsplit("/", 1)[1] for r in res.rows]
    assert names[:2] == ["r12", "r2"] and sorted(names[2:]) == ["r1", "r3"]  # -3, 9.5, then 10 and 1e1 (equal)


@pytest.mark.parametrize("name", SAVED)
def test_saved_query_order_is_oxigraphs_own(graph_file, name):
    store = OxigraphStore(graph_file)
    text = q.saved_queries()[name]
    assert store._query(text).rows == store._query(text, sort_here=False).rows


# ---------------------------------------------------------------- parallel bulk load


def _turtle(n: int, *, middle: str = "") -> str:
    head = "@prefix ex: <http://example.org/> .\n# a comment in the head\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n\n"
    body = [f'ex:s{i} a ex:Thing ;\n    ex:label "thing {i}" ;\n    ex:n "{i}"^^xsd:integer .\n' for i in range(n)]
    body.insert(n // 2, middle)
    return head + "".join(body)


def _canonical(store) -> list[str]:
    return sorted(str(q) for q in store)


@pytest.mark.parametrize("fmt,text,quads", [
    ("TURTLE", _turtle(40), 120),
    ("N_TRIPLES", "".join(f"<http://e/s{i}> <http://e/p> \"{i}\" .\n" for i in range(40)), 40),
    ("N_QUADS", "".join(f"<http://e/s{i}> <http://e/p> \"{i}\" <http://e/g{i % 3}> .\n" for i in range(40)), 40),
], ids=["turtle-with-prefix-head", "n-triples", "n-quads"])
def test_large_graph_is_cut_at_statement_ends(fmt, text, quads):
    import pyoxigraph as ox

    from kgraph.sparql.store import split_statements

    parts = split_statements(text.encode(), 4, fmt)
    assert parts is not None and len(parts) == 4
    whole, pieces = ox.Store(), ox.Store()
    whole.load(text.encode(), getattr(ox.RdfFormat, fmt))
    for part in parts:  # each part parses on its own
        pieces.load(part, getattr(ox.RdfFormat, fmt))
    assert len(whole) == quads and _canonical(pieces) == _canonical(whole)


@pytest.mark.parametrize("fmt,text", [
    ("TURTLE", "@prefix ex: <http://example.org/> .\n_:b1 ex:p 1 .\nex:a ex:q _:b1 .\n"),
    ("TURTLE", _turtle(10, middle="@prefix late: <http://example.org/late#> .\n")),
    ("TRIG", "<http://e/g> { <http://e/s> <http://e/p> 1 . }\n"),
    ("TURTLE", "@prefix ex: <http://example.org/> .\nex:a ex:p 1 .\n"),
], ids=["labelled-blank-nodes", "directive-after-the-head", "trig", "one-statement"])
def test_graph_that_cannot_be_cut_safely_loads_in_one_piece(fmt, text):
    from kgraph.sparql.store import split_statements

    assert split_statements(text.encode(), 4, fmt) is None


def _load_both(tmp_path, monkeypatch, text):
    import pyoxigraph as ox

    import kgraph.sparql.store as st

    f = tmp_path / "g.ttl"
    f.write_text(text, encoding="utf-8")
    single = ox.Store()
    single.bulk_load(path=str(f), format=ox.RdfFormat.TURTLE)
    monkeypatch.setattr(st, "PARALLEL_LOAD_BYTES", 0)
    return single, OxigraphStore(f).store


def test_parallel_load_gives_the_same_store(tmp_path, monkeypatch):
    single, parallel = _load_both(tmp_path, monkeypatch, _turtle(200))
    assert len(parallel) == 600 and _canonical(parallel) == _canonical(single)


def test_a_cut_inside_a_long_string_falls_back_to_one_piece(tmp_path, monkeypatch):
    trap = 'ex:long ex:text """a sentence that ends with a dot.\n<http://example.org/x> looks like a statement .\nend""" .\n'
    text = _turtle(2, middle=trap * 50)  # the middle of the file is inside long strings
    from kgraph.sparql.store import split_statements

    assert split_statements(text.encode(), 4, "TURTLE") is not None  # it is cut, and a part fails to parse
    single, parallel = _load_both(tmp_path, monkeypatch, text)
    assert _canonical(parallel) == _canonical(single) and len(single) == 7


def test_syntax_error_in_a_large_graph_names_the_files_line(tmp_path, monkeypatch):
    import kgraph.sparql.store as st

    text = _turtle(100).replace('ex:s70 a ex:Thing ;', 'ex:s70 a ex:Thing ;;; ex:oops', 1)
    f = tmp_path / "g.ttl"
    f.write_text(text, encoding="utf-8")
    line = text[:text.index("ex:oops")].count("\n") + 1  # the error is found on this line or the next
    monkeypatch.setattr(st, "PARALLEL_LOAD_BYTES", 0)
    with pytest.raises(GraphError, match=rf"line ({line}|{line + 1})\b"):  # in its part it is line 50 or so
        OxigraphStore(f)


def test_a_prefix_redefined_after_the_head_is_honoured(tmp_path, monkeypatch):
    text = _turtle(100, middle="@prefix ex: <http://other.example/> .\n")  # later statements mean other IRIs
    single, parallel = _load_both(tmp_path, monkeypatch, text)
    assert _canonical(parallel) == _canonical(single)
    assert any("other.example" in q for q in _canonical(single))


def test_a_graph_over_the_memory_bound_is_streamed_in_one_piece(tmp_path, monkeypatch):
    import kgraph.sparql.store as st

    monkeypatch.setattr(st, "split_statements", lambda *a, **k: pytest.fail("a large file must not be read whole"))
    monkeypatch.setattr(st, "PARALLEL_LOAD_BYTES", 0)
    monkeypatch.setattr(st, "PARALLEL_LOAD_MAX_BYTES", 100)
    f = tmp_path / "g.ttl"
    f.write_text(_turtle(20), encoding="utf-8")
    assert len(OxigraphStore(f).store) == 60


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_xml_results_refuse_a_control_character_xml_cannot_carry(tmp_path, engine):
    g = tmp_path / "ctl.ttl"
    g.write_text('<https://example.org/tarsk> <http://www.w3.org/2000/01/rdf-schema#label> "Tarsk\\u0001 \\u001b[31m" .\n',
                 encoding="utf-8")
    res = q.run(open_store(g, engine), "SELECT ?l WHERE { ?s ?p ?l }")
    with pytest.raises(q.ResultError, match="U\\+0001, a character that XML cannot carry"):
        q.format_result(res, "xml")
    assert json.loads(q.format_result(res, "json"))["results"]["bindings"][0]["l"]["value"] == "Tarsk\x01 \x1b[31m"
    ok = q.run(open_store(g, engine), "SELECT ?s WHERE { ?s ?p ?l }")  # the IRI alone is fine
    ET.fromstring(q.format_result(ok, "xml"))


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_graph_file_that_does_not_parse_says_where_and_why_in_one_line(tmp_path, engine):
    bad = tmp_path / "graph.ttl"
    bad.write_text('@prefix : <http://x/> .\n:a :b "never closed .\n', encoding="utf-8")
    with pytest.raises(GraphError) as err:
        open_store(bad, engine).query("ASK { ?s ?p ?o }")
    message = str(err.value)
    assert "\n" not in message and "line 2" in message and len(message) < 400
    assert not message.rstrip().endswith(":")  # the reason follows the position


def test_a_query_file_with_a_byte_order_mark_reads_as_the_query(tmp_path, graph_file):
    f = tmp_path / "notepad.rq"
    f.write_bytes("\ufeffASK { ?s ?p ?o }".encode("utf-8"))
    assert q.resolve(str(f)) == "ASK { ?s ?p ?o }"
    assert q.run(open_store(graph_file, "rdflib"), q.resolve(str(f))).boolean
