"""kgraph push against a real Oxigraph server started on a free localhost port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from kgraph.core.errors import GraphError, InputError
from kgraph.sparql.push import partition, push, read_quads

OXIGRAPH = Path(sys.executable).with_name("oxigraph")
pytestmark = pytest.mark.skipif(shutil.which("oxigraph") is None and not OXIGRAPH.exists(),
                                reason="the oxigraph server (PyPI package oxigraph) is not installed")
ARTICLE = "https://w3id.org/kgraph/article/000_4f5ffafcc3e29aa6"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path):
    """An Oxigraph server on a free localhost port with a temporary store; stopped after."""
    port = _free_port()
    exe = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[:500]}")
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    proc.stderr.close()


def _select(base, text):
    req = urllib.request.Request(f"{base}/query", data=urllib.parse.urlencode({"query": text}).encode(),
                                 headers={"Accept": "application/sparql-results+json",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)["results"]["bindings"]


def _counts(base) -> dict:
    rows = _select(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    named = {r["g"]["value"]: int(r["n"]["value"]) for r in rows}
    default = int(_select(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]["value"])
    return {None: default, **named}


def test_push_seed_one_named_graph_per_article(seed_build, oxigraph_server):
    _result, out = seed_build
    graph = out / "graph.ttl"
    result = push(graph, f"{oxigraph_server}/store")
    counts = _counts(oxigraph_server)
    assert counts == result.triples and set(counts) == {None, ARTICLE}
    assert sum(counts.values()) == len(Graph().parse(graph))  # every triple sent once
    # the article's graph holds the direct triple, its evidence and the article itself
    rows = _select(oxigraph_server, f"""
        PREFIX kg: <https://w3id.org/kgraph/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?ev WHERE {{ GRAPH <{ARTICLE}> {{
          ?p kg:leaderOf ?o . ?ev a kg:Evidence ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#object> ?o .
          <{ARTICLE}> a kg:Article . }}
          ?p rdfs:label "Vladimir Putin" . ?o rdfs:label "Russia" . }}""")
    assert rows
    # pushing again replaces the graphs instead of adding to them
    push(graph, f"{oxigraph_server}/store")
    assert _counts(oxigraph_server) == counts


def test_cli_push(seed_build, oxigraph_server):
    _result, out = seed_build
    proc = subprocess.run([sys.executable, "-m", "kgraph", "push", str(out / "graph.ttl"),
                           "--endpoint", f"{oxigraph_server}/store"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "1 article graph(s)" in proc.stdout


def test_trig_keeps_its_named_graphs(tmp_path, oxigraph_server):
    ds = Dataset()
    for i in range(3):
        g = ds.graph(URIRef(f"https://w3id.org/kgraph/article/a{i}"))
        for j in range(i + 1):
            g.add((URIRef(f"urn:s{j}"), URIRef("urn:p"), Literal(f"fact {i}.{j}")))
    ds.add((URIRef("urn:e"), URIRef("urn:p"), Literal("default"), ds.default_graph.identifier))
    path = tmp_path / "g.trig"
    path.write_text(ds.serialize(format="trig"), encoding="utf-8")
    push(path, f"{oxigraph_server}/store")
    counts = _counts(oxigraph_server)
    assert counts == {None: 1, **{f"https://w3id.org/kgraph/article/a{i}": i + 1 for i in range(3)}}


def test_partition_of_seed_puts_evidence_with_its_article(seed_build):
    _result, out = seed_build
    graphs = partition(read_quads(out / "graph.ttl"))
    art = {(t.subject.value, t.predicate.value) for t in graphs[ARTICLE]}
    assert any(p == "http://www.w3.org/ns/prov#wasDerivedFrom" for _s, p in art)
    default_preds = {t.predicate.value for t in graphs[None]}
    assert "http://www.w3.org/2000/01/rdf-schema#label" in default_preds
    assert "http://www.w3.org/ns/prov#wasDerivedFrom" not in default_preds or all(
        t.object.value == "https://www.geonames.org/" for t in graphs[None]
        if t.predicate.value == "http://www.w3.org/ns/prov#wasDerivedFrom")


def test_unreachable_or_bad_endpoint_is_a_clear_error(seed_build):
    _result, out = seed_build
    with pytest.raises(GraphError, match="cannot reach"):
        push(out / "graph.ttl", f"http://127.0.0.1:{_free_port()}/store", timeout=5)
    with pytest.raises(InputError, match="http"):
        push(out / "graph.ttl", "ftp://127.0.0.1/store")
    proc = subprocess.run([sys.executable, "-m", "kgraph", "push", str(out / "graph.ttl"), "--endpoint",
                           f"http://127.0.0.1:{_free_port()}/store"], capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stderr.startswith("Error: ") and proc.stderr.count("\n") == 1


def test_refusing_store_is_reported(seed_build, oxigraph_server):
    _result, out = seed_build
    with pytest.raises(GraphError, match="refused"):
        push(out / "graph.ttl", f"{oxigraph_server}/query")  # not a Graph Store endpoint
