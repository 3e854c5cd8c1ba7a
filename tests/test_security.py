"""Safe on an analyst's machine: no query or file reaches the network, crashes kgraph or eats its memory.

"Reached the network" is measured with a listener on a free 127.0.0.1 port
that counts every connection it accepts: every hostile query and file below
points at it, and it must count zero. Crashes are measured on real
processes: one ``Error:`` line, exit status 1, never a signal.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kgraph.build import cache
from kgraph.sparql import query as q
from kgraph.core.errors import GraphError, InputError, KGraphError, QueryError
from kgraph.sparql.store import open_store

KGRAPH = [sys.executable, "-m", "kgraph"]
ROOT = Path(__file__).resolve().parent.parent

GRAPH = """@prefix kg: <https://w3id.org/kgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/kgraph/id/person/ada_quill> a kg:Person ; rdfs:label "Ada Quill" ;
    kg:worksFor <https://w3id.org/kgraph/id/organization/tarnwick_mills> .
<https://w3id.org/kgraph/id/organization/tarnwick_mills> a kg:Organization ; rdfs:label "Tarnwick Mills" .
"""
TRIG = """@prefix kg: <https://w3id.org/kgraph/ontology#> .
<https://w3id.org/kgraph/article/a1> { <https://w3id.org/kgraph/article/a1> a kg:Article . }
"""


class Listener:
    """A TCP listener on a free loopback port that counts the connections it accepts (an HTTP 200 to each)."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            try:
                conn.settimeout(1)
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/turtle\r\nContent-Length: 26\r\n"
                             b"Connection: close\r\n\r\n<urn:a> <urn:b> <urn:c> .\n")
            except OSError:
                pass
            finally:
                conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture()
def listener():
    lis = Listener()
    yield lis
    lis.close()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("sec") / "graph.ttl"
    p.write_text(GRAPH, encoding="utf-8")
    return p


def _run(*args, timeout=120, cwd=None, env=None):
    proc = subprocess.run(KGRAPH + [str(a) for a in args], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd, env={**os.environ, "OMP_NUM_THREADS": "1", **(env or {})},
                          errors="backslashreplace")
    return proc


def _one_error(proc) -> str:
    """Assert a process ended with exit 1 (no signal) and exactly one Error: line, no traceback; return it."""
    assert proc.returncode == 1, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), proc.stderr[-2000:]
    return lines[0]


# ---------------------------------------------------------------- 1. SERVICE, LOAD, FROM on the parsed query

def _service_queries(url: str) -> dict[str, str]:
    u = url + "sparql"
    return {
        "plain": f"SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
        "lower-silent": f"select * where {{ service silent <{u}> {{ ?s ?p ?o }} }}",
        "issue-iri-swallow": f"SELECT * WHERE {{ BIND(1 AS ?v) FILTER(?v<2)SERVICE#>\n<{u}> {{ ?x ?y ?z }} }}",
        "u-escape": f"SELECT * WHERE {{ \\u0053ERVICE <{u}> {{ ?s ?p ?o }} }}",
        "U-escape": f"SELECT * WHERE {{ \\U00000053ERVICE <{u}> {{ ?s ?p ?o }} }}",
        "u8-ambiguity": f"SELECT * WHERE {{ \\u00000053ERVICE <{u}> {{ ?s ?p ?o }} }}",
        "escaped-iri": "SELECT * WHERE { SERVICE <" + "".join(f"\\u{ord(c):04X}" for c in u) + "> { ?s ?p ?o } }",
        "subselect": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }} }}",
        "exists": f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
        "not-exists": f"SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ SERVICE <{u}> {{ ?a ?b ?c }} }} }}",
        "optional": f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{u}> {{ ?s ?q ?r }} }} }}",
        "union": f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
        "minus": f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
        "graph": f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
        "var-values": f"SELECT * WHERE {{ VALUES ?e {{ <{u}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
        "path": f"SELECT * WHERE {{ ?s kg:worksFor/rdfs:label ?o SERVICE <{u}> {{ ?s ?p ?o }} }}",
        "ask": f"ASK {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
        "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
        "describe": f"DESCRIBE ?s WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
        "comment-split": f"SELECT * WHERE {{ SERVICE # a remark\n <{u}> {{ ?s ?p ?o }} }}",
        "iri-like-operand": f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<1&&SERVICE>0) SERVICE <{u}> {{ ?s ?p ?o }} }}",
    }


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_service_in_every_form_is_refused_and_reaches_nobody(graph_file, listener, engine):
    store = open_store(graph_file, engine)
    for name, text in _service_queries(listener.url).items():
        with pytest.raises(QueryError, match="SERVICE"):
            q.run(store, text)
    assert listener.hits == 0


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_updates_and_load_are_refused_and_reach_nobody(graph_file, listener, engine):
    store = open_store(graph_file, engine)
    for text in (f"LOAD <{listener.url}g.ttl>", f"LOAD SILENT <{listener.url}g.ttl> INTO GRAPH <urn:g>",
                 "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL",
                 "\\u004cOAD <" + listener.url + "g.ttl>", "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }"):
        with pytest.raises(QueryError, match="read-only"):
            q.run(store, text)
    assert listener.hits == 0


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_remote_from_is_refused_and_a_graph_of_the_file_is_not(tmp_path, listener, engine):
    g = tmp_path / "graph.trig"
    g.write_text(TRIG, encoding="utf-8")
    store = open_store(g, engine)
    for text in (f"SELECT * FROM <{listener.url}g.ttl> WHERE {{ ?s ?p ?o }}",
                 f"SELECT * FROM NAMED <{listener.url}g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                 f"ASK FROM <file:///etc/passwd> {{ ?s ?p ?o }}"):
        with pytest.raises(QueryError, match="FROM"):
            q.run(store, text)
    res = q.run(store, "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    local = "SELECT ?s FROM NAMED <https://w3id.org/kgraph/article/a1> WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert len(q.run(store, local).rows) == 1 and len(res.rows) == 1
    assert listener.hits == 0


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_service_as_data_is_not_refused(graph_file, engine):
    store = open_store(graph_file, engine)
    for text in ('SELECT * WHERE { ?s rdfs:label "SERVICE desk" ; ?p <urn:SERVICE> }  # SERVICE',
                 "SELECT * WHERE { ?s a <https://schema.org/Service> }",
                 "SELECT * WHERE { ?s ?p ?o FILTER(?o = <https://schema.org/Service>) }",
                 "PREFIX service: <urn:x#> SELECT ?service WHERE { ?service service:p ?o }",
                 "SELECT * WHERE { ?s ?p ?o FILTER(STRLEN(STR(?o)) < 30) }",
                 'SELECT ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "\\u0053ERVICE")) }'):
        q.run(store, text)


def test_rdflib_service_and_from_loading_are_disarmed(graph_file, listener):
    """Even a parsed SERVICE handed to rdflib directly (past the gate) reaches nobody."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    from kgraph.sparql.sparql_guard import disarm_rdflib

    disarm_rdflib()
    ds = open_store(graph_file, "rdflib").dataset
    parsed = translateQuery(parseQuery(f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
    with pytest.raises(Exception, match="SERVICE"):
        list(ds.query(parsed))
    list(ds.query(translateQuery(parseQuery(f"SELECT * FROM <{listener.url}x.ttl> WHERE {{ ?s ?p ?o }}"))))
    assert listener.hits == 0


# ---------------------------------------------------------------- 2. the endpoint

def _start(graph, **kw):
    from kgraph.sparql.serve import make_server

    server = make_server(graph, host="127.0.0.1", port=0, quiet=True, **kw)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def endpoint(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"ep-{request.param}")
    g = folder / "graph.ttl"
    g.write_text(GRAPH, encoding="utf-8")
    server, thread = _start(g, engine=request.param, timeout=3, allowed_hosts=("kgraph.test",))
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def _raw(server, request: bytes, read=True) -> tuple[int, bytes]:
    with socket.create_connection(server.server_address[:2], timeout=30) as s:
        s.sendall(request)
        data = b""
        while read and (chunk := s.recv(65536)):
            data += chunk
    return (int(data.split(b" ", 2)[1]) if data else 0), data


def _get(server, path="/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", headers=None, host=None):
    port = server.server_address[1]
    hdrs = {"Host": host or f"127.0.0.1:{port}", "Connection": "close", **(headers or {})}
    head = "".join(f"{k}: {v}\r\n" for k, v in hdrs.items() if v is not None)
    return _raw(server, f"GET {path} HTTP/1.1\r\n{head}\r\n".encode("latin-1"))


def test_endpoint_answers_its_own_host_only(endpoint):
    port = endpoint.server_address[1]
    for host in (f"127.0.0.1:{port}", "127.0.0.1", f"localhost:{port}", f"kgraph.test:{port}"):
        assert _get(endpoint, host=host)[0] == 200, host
    for host in (f"evil.example:{port}", "attacker.test", f"127.0.0.1.nip.io:{port}", f"127.0.0.1:{port + 1}",
                 "127.0.0.1:99999", "[::1", "a b", f"localhost.evil.example:{port}"):
        status, body = _get(endpoint, host=host)
        assert status in (400, 403) and b"Error: " in body, (host, body[:300])
    status, _ = _raw(endpoint, b"GET /sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D HTTP/1.1\r\nConnection: close\r\n\r\n")
    assert status == 400  # no Host at all


def test_endpoint_refuses_cross_site_requests(endpoint):
    port = endpoint.server_address[1]
    own = f"http://127.0.0.1:{port}"
    assert _get(endpoint, headers={"Origin": own, "Sec-Fetch-Site": "same-origin"})[0] == 200
    assert _get(endpoint, headers={"Sec-Fetch-Site": "none"})[0] == 200
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Origin": f"http://127.0.0.1:{port + 1}"},
                    {"Origin": f"https://127.0.0.1:{port}"}, {"Sec-Fetch-Site": "cross-site"},
                    {"Sec-Fetch-Site": "same-site"}):
        status, body = _get(endpoint, headers=headers)
        assert status == 403 and b"cross-site" in body, headers
    # a cross-site form POST: refused before the query is even read
    form = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode()
    req = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\n"
           f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(form)}\r\n"
           "Connection: close\r\n\r\n").encode() + form
    assert _raw(endpoint, req)[0] == 403


def test_endpoint_refuses_service_in_every_form_and_reaches_nobody(endpoint, listener):
    port = endpoint.server_address[1]
    for name, text in _service_queries(listener.url).items():
        status, body = _get(endpoint, "/sparql?" + urllib.parse.urlencode({"query": text}))
        assert status == 403 and b"SERVICE" in body, (name, body[:300])
        form = urllib.parse.urlencode({"query": text}).encode()
        req = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded"
               f"\r\nContent-Length: {len(form)}\r\nConnection: close\r\n\r\n").encode() + form
        assert _raw(endpoint, req)[0] == 403, name
    assert listener.hits == 0


def test_endpoint_gives_an_error_body_for_crashing_queries(endpoint):
    for text, want in (("SELECT * WHERE { FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }", 400),
                       ("SELECT * WHERE " + "{" * 100000 + "?s ?p ?o" + "}" * 100000, 400),
                       ('SELECT * WHERE { BIND("a\\uD800b" AS ?x) }', 400)):
        body = urllib.parse.urlencode({"query": text}).encode()
        port = endpoint.server_address[1]
        req = (f"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded"
               f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
        status, data = _raw(endpoint, req)
        assert status == want and b"\r\n\r\nError: " in data, data[:300]


def test_result_with_a_lone_surrogate_is_an_error_in_every_format(tmp_path, listener):
    g = tmp_path / "graph.ttl"
    g.write_text('<urn:a> <urn:b> "bad \\uD800 text" .\n', encoding="utf-8")
    store = open_store(g, "rdflib")
    for fmt in ("table", "csv", "tsv", "json", "xml"):
        with pytest.raises(QueryError, match="surrogate"):
            q.format_result(q.run(store, "SELECT ?o WHERE { ?s ?p ?o }"), fmt)
    with pytest.raises(QueryError, match="surrogate"):
        q.format_result(q.run(store, "CONSTRUCT WHERE { ?s ?p ?o }"), "turtle")
    for fmt in ("table", "json", "xml"):
        proc = _run("query", "SELECT ?o WHERE { ?s ?p ?o }", "--graph", g, "--store", "rdflib", "--format", fmt)
        assert "surrogate" in _one_error(proc)
    server, thread = _start(g, engine="rdflib", timeout=5)
    try:
        for accept in ("application/sparql-results+json", "text/csv", "application/sparql-results+xml"):
            status, data = _get(server, "/sparql?query=SELECT%20%3Fo%20%7B%3Fs%20%3Fp%20%3Fo%7D",
                                headers={"Accept": accept})
            assert status == 500 and b"Error: " in data and b"surrogate" in data
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_a_request_waits_a_bounded_time_for_a_worker(tmp_path):
    from kgraph.sparql.serve import QueryTimeout, WorkerPool

    g = tmp_path / "graph.ttl"
    g.write_text(GRAPH, encoding="utf-8")
    pool = WorkerPool(g, "rdflib", size=1)
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"
    try:
        assert pool._slots.acquire(timeout=5)  # the only worker is busy
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="busy"):
            pool.run(heavy, "json", "turtle", timeout=30, wait=0.5)
        assert time.monotonic() - started < 5
        pool._slots.release()
        assert pool.run("ASK { ?s ?p ?o }", "json", "turtle", timeout=30)[0] == "json"
    finally:
        pool.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
def test_server_log_has_no_traceback_when_clients_go_away(tmp_path):
    g = tmp_path / "graph.ttl"
    g.write_text(GRAPH + "".join(f'<urn:s{i}> <urn:p> "{"long text " * 50}{i}" .\n' for i in range(3000)),
                 encoding="utf-8")
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as err:
        proc = subprocess.Popen(KGRAPH + ["serve", str(g), "--port", str(port), "--store", "rdflib"],
                                stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, "OMP_NUM_THREADS": "1"})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
                time.sleep(0.2)
        req = (f"GET /sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               "Accept: text/csv\r\n\r\n").encode()
        for i in range(6):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(req)
            if i % 2:
                s.recv(10)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset, not close
            s.close()
        s = socket.create_connection(("127.0.0.1", port), timeout=30)
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1:" + str(port).encode()
                  + b"\r\nContent-Type: application/sparql-query\r\nContent-Length: 500\r\n\r\nASK")
        s.close()  # gone before its body arrived
        time.sleep(3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D", timeout=30) as r:
            assert r.status == 200  # still serving
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    text = log.read_text()
    assert "Traceback" not in text and "BrokenPipe" not in text and "ConnectionReset" not in text, text[-3000:]


# ---------------------------------------------------------------- 3. crashes: nesting and length

DEEP = {
    "parens-6000": "SELECT * WHERE { FILTER(" + "(" * 6000 + "1" + ")" * 6000 + ") }",
    "braces-100000": "SELECT * WHERE " + "{" * 100000 + "?s ?p ?o" + "}" * 100000,
    "brackets-20000": "SELECT * WHERE { ?s ?p " + "[ ?p " * 20000 + "?o" + " ]" * 20000 + " }",
    "plus-10000": "SELECT * WHERE { ?s ?p ?o FILTER(" + "+".join(["?o"] * 10000) + ") }",
    "union-10000": "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10000) + " }",
    "bind-5000": "SELECT * WHERE { ?s ?p ?o " + " ".join(f"BIND(1 AS ?v{i})" for i in range(5000)) + " }",
    "path-10000": "SELECT * WHERE { ?s " + "/".join(["kg:worksFor"] * 10000) + " ?o }",
    "not-10000": "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * 10000 + "?o) }",
    "iri-hidden-plus": "SELECT * WHERE { ?s ?p ?o FILTER(?o<" + "+".join(["1"] * 10000) + "&&1>0) }",
}


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_or_long_query_is_one_error_line_on_oxigraph(name, graph_file, tmp_path):
    rq = tmp_path / "deep.rq"  # over 128 KB: too long for one command-line argument
    rq.write_text(DEEP[name], encoding="utf-8")
    proc = _run("query", rq, "--graph", graph_file, "--store", "oxigraph")
    assert "nest" in _one_error(proc) or "operators" in proc.stderr


def test_deep_query_is_refused_on_rdflib_and_moderate_nesting_runs(graph_file):
    store = open_store(graph_file, "rdflib")
    for text in DEEP.values():
        with pytest.raises(QueryError):
            q.run(store, text)
    ok = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 40 + "true" + ")" * 40 + ") }"
    for engine in ("rdflib", "oxigraph"):
        assert q.run(open_store(graph_file, engine), ok).type == "SELECT"


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_lone_surrogate_in_a_query_is_one_error_line(fmt, graph_file):
    for engine in ("rdflib", "oxigraph"):
        proc = _run("query", 'SELECT * WHERE { BIND("a\\uD800b" AS ?x) }', "--graph", graph_file,
                    "--store", engine, "--format", fmt)
        assert "surrogate" in _one_error(proc)


# ---------------------------------------------------------------- 4. hostile graph files

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="urn:e#">
  <rdf:Description rdf:about="urn:a"><e:p>&h;</e:p></rdf:Description>
</rdf:RDF>
"""
_RDFXML_HEAD = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="urn:e#">'


def _hostile_files(url: str) -> dict[str, str | bytes]:
    return {
        "bomb.rdf": BOMB,
        "bomb.owl": BOMB,
        "bomb-utf16.rdf": ("\ufeff" + BOMB.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'))
        .encode("utf-16-le"),
        "external-dtd.rdf": f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{url}x.dtd">\n{_RDFXML_HEAD}</rdf:RDF>\n',
        "external-entity.xml": (f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "{url}e">]>\n'
                                f'{_RDFXML_HEAD}<rdf:Description rdf:about="urn:a"><e:p>&x;</e:p>'
                                "</rdf:Description></rdf:RDF>\n"),
        "deep.rdf": (f'<?xml version="1.0"?>\n{_RDFXML_HEAD}<rdf:Description rdf:about="urn:a">'
                     + "<e:p><rdf:Description>" * 5000 + "<e:q>x</e:q>" + "</rdf:Description></e:p>" * 5000
                     + "</rdf:Description></rdf:RDF>\n"),
        "remote.jsonld": json.dumps({"@context": url + "ctx.jsonld", "@id": "urn:a", "p": "x"}),
        "remote-list.jsonld": json.dumps({"@context": [{"p": "urn:p"}, url + "c"], "@id": "urn:a", "p": "x"}),
        "import.jsonld": json.dumps({"@context": {"@import": url + "c", "p": "urn:p"}, "@id": "urn:a", "p": "x"}),
        "scoped.jsonld": json.dumps({"@context": {"p": {"@id": "urn:p", "@context": url + "c"}},
                                     "@id": "urn:a", "p": {"urn:q": "x"}}),
        "nested.json": json.dumps({"@graph": [{"@id": "urn:a", "urn:p": {"@context": url + "c", "urn:q": "x"}}]}),
        "deep.jsonld": '{"@id": "urn:a", "urn:p": ' + "[" * 100000 + '"x"' + "]" * 100000 + "}",
    }


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile-files")


def _write_hostile(folder: Path, url: str) -> list[Path]:
    paths = []
    for name, content in _hostile_files(url).items():
        p = folder / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        paths.append(p)
    return paths


def test_hostile_graph_files_are_refused_in_process(tmp_path, listener):
    from kgraph.graph import rdf
    from kgraph.sparql.push import read_quads

    for p in _write_hostile(tmp_path, listener.url):
        for engine in ("rdflib", "oxigraph"):
            with pytest.raises(GraphError):
                open_store(p, engine)
        with pytest.raises(GraphError):
            rdf.load(p)
        with pytest.raises(GraphError):
            read_quads(p)
    assert listener.hits == 0


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
@pytest.mark.parametrize("name", ["bomb.rdf", "bomb-utf16.rdf", "remote.jsonld", "deep.jsonld"])
def test_hostile_graph_file_is_one_error_line_for_every_command(name, tmp_path, listener):
    paths = {p.name: p for p in _write_hostile(tmp_path, listener.url)}
    p = paths[name]
    for args in (("query", "ASK { ?s ?p ?o }", "--graph", p, "--store", "rdflib"),
                 ("query", "ASK { ?s ?p ?o }", "--graph", p, "--store", "oxigraph"),
                 ("view", p, "--output", tmp_path / "page.html"),
                 ("validate", p),
                 ("push", p, "--endpoint", listener.url + "store")):
        _one_error(_run(*args, timeout=120))
    assert listener.hits == 0
    assert not (tmp_path / "page.html").exists()


def test_xml_and_jsonld_without_danger_still_load(tmp_path):
    from kgraph.graph import rdf

    ok_xml = tmp_path / "ok.rdf"
    ok_xml.write_text(f'<?xml version="1.0"?>\n{_RDFXML_HEAD}<rdf:Description rdf:about="urn:a"><e:p>x</e:p>'
                      "</rdf:Description></rdf:RDF>\n", encoding="utf-8")
    ok_json = tmp_path / "ok.jsonld"
    ok_json.write_text(json.dumps({"@context": {"p": "urn:p"}, "@id": "urn:a", "p": "x"}), encoding="utf-8")
    for p in (ok_xml, ok_json):
        assert len(rdf.load(p)) == 1
        assert q.run(open_store(p, "oxigraph"), "ASK { ?s ?p ?o }").boolean


def _declaring(n: int, suffix: str) -> str:
    """Return a graph file's text of one triple that declares ``n`` prefixes (namespaces, context terms)."""
    if suffix == ".jsonld":
        return json.dumps({"@context": {f"p{i}": f"urn:x:{i}:" for i in range(n)}, "@id": "urn:a", "p1:b": "c"})
    if suffix == ".rdf":
        spaces = " ".join(f'xmlns:p{i}="urn:x:{i}:"' for i in range(n))
        return (f'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" {spaces}>'
                '<rdf:Description rdf:about="urn:a"><p1:b>c</p1:b></rdf:Description></rdf:RDF>')
    body = "".join(f"@prefix p{i}: <urn:x:{i}:> .\n" if i % 2 else f"PREFIX p{i}: <urn:x:{i}:> " for i in range(n))
    return body + ("<urn:g> { p1:a p1:b p1:c . }\n" if suffix == ".trig" else "p1:a p1:b p1:c .\n")


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".rdf", ".jsonld"])
def test_a_graph_file_declaring_thousands_of_prefixes_is_refused(suffix, tmp_path):
    # rdflib files each prefix in a trie at a cost of their number squared: 100,000 @prefix lines (3 MB) had
    # view, validate, review and rdflib queries working for minutes; 8,000 took 3 s in every format.
    from kgraph.graph import rdf
    from kgraph.graph.safe_rdf import MAX_PREFIXES

    many, few = tmp_path / f"many{suffix}", tmp_path / f"few{suffix}"
    many.write_text(_declaring(MAX_PREFIXES + 10, suffix), encoding="utf-8")
    few.write_text(_declaring(MAX_PREFIXES // 4, suffix), encoding="utf-8")
    with pytest.raises(GraphError, match=r"refusing .*more than 2,000 (prefixes|namespaces|terms)"):
        rdf.load(many)
    assert len(rdf.load(few)) == 1


def test_commands_that_read_files_cannot_open_network_connections(listener):
    from kgraph.core.netguard import no_network

    with no_network():
        with pytest.raises(OSError):
            urllib.request.urlopen(listener.url, timeout=5)
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", listener.port), timeout=5)
    with urllib.request.urlopen(listener.url, timeout=5) as r:  # inert outside the block
        assert r.status == 200
    assert listener.hits == 1


# ---------------------------------------------------------------- 5. push: no secrets, malformed URLs

SECRET = "Hunter2-s3cr3t"


class _Store:
    """A fake Graph Store on loopback: answers each PUT with a chosen status; echoes the request headers."""

    def __init__(self, status: int, delay: float = 0.0):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        outer = self

        class H(BaseHTTPRequestHandler):
            def do_PUT(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                time.sleep(outer.delay)
                body = ("echo: " + str(self.headers).replace("\n", " | ")).encode()
                self.send_response(outer.status)
                if 300 <= outer.status < 400:
                    self.send_header("Location", f"http://user:{SECRET}@127.0.0.1:1/elsewhere")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        self.status, self.delay = status, delay
        self.srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.thread = threading.Thread(target=self.srv.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://alice:{SECRET}@127.0.0.1:{self.srv.server_address[1]}/store"

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


def _secrets() -> list[str]:
    import base64

    return [SECRET, base64.b64encode(f"alice:{SECRET}".encode()).decode(), "alice:"]


@pytest.mark.parametrize("status,delay", [(204, 0), (500, 0), (403, 0), (302, 0),
                                          pytest.param(204, 3, marks=pytest.mark.slow)],  # waits out a timeout
                         ids=["ok", "500", "403", "redirect", "timeout"])
def test_push_never_prints_the_credentials(graph_file, status, delay):
    store = _Store(status, delay)
    try:
        proc = _run("push", graph_file, "--endpoint", store.url, "--timeout", "1")
    finally:
        store.close()
    out = proc.stdout + proc.stderr
    assert not any(s in out for s in _secrets()), out
    assert "Traceback" not in out
    if status == 204 and not delay:
        assert proc.returncode == 0 and "***@127.0.0.1" in proc.stdout
    else:
        _one_error(proc)


@pytest.mark.parametrize("url", [
    f"http://alice:{SECRET}@127.0.0.1:99999/store", f"http://alice:{SECRET}@127.0.0.1:abc/store",
    f"http://alice:{SECRET}@127.0.0.1:7878/my store", f"http://alice:{SECRET}@127.0.0.1:7878/a\r\nX-Evil: 1",
    "http://[::1/store", f"http://alice:{SECRET}@[::1/store", f"http://alice:{SECRET}@[zz]:1/x",
    f"http://alice:{SECRET[:4]}/{SECRET[4:]}@127.0.0.1/x", f"ftp://alice:{SECRET}@127.0.0.1/x", "http:///store",
    "http://127.0.0.1:0/store", "not a url", f"http://alice:{SECRET}@127.0.0.1:7878/\tx", f"http://alice:{SECRET}@127.0.0.1:7878/\x7f",
])
def test_malformed_push_url_is_one_line_without_secrets(url, graph_file):
    proc = _run("push", graph_file, "--endpoint", url, "--timeout", "2")
    line = _one_error(proc)
    assert not any(s in line for s in _secrets()) and SECRET[4:] not in line, line


def test_push_redacts_in_process_errors(graph_file):
    from kgraph.sparql.push import push, redact

    assert redact(f"https://u:{SECRET}@h.example/x?token=abc&x=1") == "https://***@h.example/x?token=***&x=1"
    with pytest.raises(KGraphError) as err:
        push(graph_file, f"http://alice:{SECRET}@127.0.0.1:{_free_port()}/store", timeout=2)
    assert SECRET not in str(err.value) and "***@" in str(err.value)
    with pytest.raises(InputError):
        push(graph_file, f"http://alice:{SECRET}@127.0.0.1:99999/store")


# ---------------------------------------------------------------- 6. tampered state files

SEED = ROOT / "seeds" / "000_4f5ffafcc3e29aa6.txt"
ARTICLES = {
    "a1.txt": "Ada Quill, spokesperson for Tarnwick Mills, said on Monday in Lisbon that work would go on.",
    "a2.txt": "Borin Vale met Mira Castell in Porto to talk about the harbour.",
    "a3.txt": "Tarnwick Mills hired Ada Quill as its chief engineer in Lisbon.",
}


@pytest.fixture(scope="module")
def base_build(tmp_path_factory):
    from kgraph.build.pipeline import build

    src = tmp_path_factory.mktemp("sources")
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("built") / "out"
    build([src / "a1.txt", src / "a2.txt"], output=out)
    return src, out


def _copy_build(base_build, tmp_path) -> tuple[Path, Path]:
    import shutil

    src, out = base_build
    dst = tmp_path / "out"
    shutil.copytree(out, dst)
    return src, dst


def _graph_articles(out: Path) -> set[str]:
    from rdflib import Graph, URIRef

    g = Graph().parse(out / "graph.ttl", format="turtle")
    art = URIRef("https://w3id.org/kgraph/ontology#Article")
    ident = URIRef("http://purl.org/dc/terms/identifier")
    return {str(g.value(s, ident)) for s in g.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                                         art)}


MANIFESTS = {"list": b"[]", "null": b"null", "number": b"42", "string": b'"x"',
             "deep": b"[" * 100000 + b"]" * 100000, "ints": b'{"format": 1, "articles": [[1, 2]]}',
             "dict": b'{"format": 1, "articles": {}}', "badkey": b'{"format": 1, "articles": [["a1", "k"]]}',
             "binary": b"\xff\xfe garbage", "format": b'{"format": 99, "articles": []}'}


@pytest.mark.parametrize("name", sorted(MANIFESTS))
def test_damaged_manifest_is_a_clear_error(name, base_build, tmp_path):
    from kgraph.build.pipeline import build

    src, out = _copy_build(base_build, tmp_path)
    (out / ".kgraph" / "manifest.json").write_bytes(MANIFESTS[name])
    with pytest.raises(GraphError, match=r"damaged.*build the folder again from all its sources without --into"):
        build([src / "a3.txt"], output=out, into=True)


def test_damaged_manifest_is_one_line_with_advice_that_works(base_build, tmp_path):
    src, out = _copy_build(base_build, tmp_path)
    (out / ".kgraph" / "manifest.json").write_bytes(MANIFESTS["deep"])
    line = _one_error(_run("build", src / "a3.txt", "--into", out, "--quiet"))
    assert "without --into" in line and "damaged" in line
    proc = _run("build", src / "a1.txt", src / "a2.txt", src / "a3.txt", "--output", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert _agree(out) == {"a1", "a2", "a3"}


def _rows(out: Path) -> dict[str, str]:
    import sqlite3

    with sqlite3.connect(out / ".kgraph" / "cache.sqlite") as db:
        return dict(db.execute("SELECT key, data FROM extraction"))


def _set_row(out: Path, key: str, data) -> None:
    import sqlite3

    db = sqlite3.connect(out / ".kgraph" / "cache.sqlite")
    with db:
        db.execute("UPDATE extraction SET data=? WHERE key=?", (data, key))
    db.close()


def _tamper(d: dict, how: str):
    if how == "type":
        d["mentions"][0][1] = "Spaceship"
    elif how == "predicate":
        d["relations"] = [{"s": 0, "p": "ownsSpaceship", "o": 0, "confidence": 0.5, "method": "m",
                           "sentence": "s", "start": 0, "end": 1, "role": None}]
    elif how == "confidence":
        d["relations"] = [{"s": 0, "p": "worksFor", "o": 0, "confidence": "high", "method": "m",
                           "sentence": "s", "start": 0, "end": 1, "role": None}]
    elif how == "null-name":
        d["mentions"][0][4] = None
    elif how == "index":
        d["relations"] = [{"s": 999, "p": "worksFor", "o": 0, "confidence": 0.5, "method": "m",
                           "sentence": "s", "start": 0, "end": 1, "role": None}]
    elif how == "other-article":
        d["article"]["id"] = "a9"
    return json.dumps(d)


HOWS = ["type", "predicate", "confidence", "null-name", "index", "other-article", "not-json", "deep", "number"]


def _damage(out: Path, how: str) -> str:
    key = cache.read_manifest(out)["a1"]
    row = json.loads(_rows(out)[key])
    assert row["mentions"], "the test article must have a mention"
    data = {"not-json": "{broken", "deep": "[" * 100000 + "]" * 100000, "number": "7"}.get(how)
    _set_row(out, key, data if data is not None else _tamper(row, how))
    return key


@pytest.mark.parametrize("how", HOWS)
def test_damaged_cache_row_is_parsed_again_with_a_warning(how, base_build, tmp_path):
    from kgraph.build.pipeline import build

    src, out = _copy_build(base_build, tmp_path)
    before = (out / "graph.ttl").read_bytes()
    _damage(out, how)
    with pytest.warns(UserWarning, match="'a1' is damaged"):
        result = build([src / "a1.txt", src / "a2.txt"], output=out)
    assert result.parsed == 1 and (out / "graph.ttl").read_bytes() == before
    # --into, with the damaged article's source not given: a clear error whose advice works
    _damage(out, how)
    with pytest.raises(GraphError, match="'a1' is damaged.*--into"):
        build([src / "a3.txt"], output=out, into=True)
    with pytest.warns(UserWarning, match="'a1' is damaged"):
        build([src / "a1.txt"], output=out, into=True)
    assert (out / "graph.ttl").read_bytes() == before


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
def test_damaged_cache_row_on_the_command_line(base_build, tmp_path):
    src, out = _copy_build(base_build, tmp_path)
    before = (out / "graph.ttl").read_bytes()
    _damage(out, "null-name")
    line = _one_error(_run("build", src / "a3.txt", "--into", out, "--quiet"))
    assert "a1" in line and "--into" in line
    proc = _run("build", src / "a1.txt", src / "a2.txt", "--output", out, "--quiet")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert [ln for ln in proc.stderr.splitlines() if ln.startswith("Warning: ")] and "a1" in proc.stderr
    assert (out / "graph.ttl").read_bytes() == before


def test_damaged_cache_database_is_set_aside(base_build, tmp_path):
    from kgraph.build.pipeline import build

    src, out = _copy_build(base_build, tmp_path)
    for suffix in ("-wal", "-shm"):
        (out / ".kgraph" / f"cache.sqlite{suffix}").unlink(missing_ok=True)
    (out / ".kgraph" / "cache.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.warns(UserWarning, match="damaged"):
        result = build([src / "a1.txt", src / "a2.txt"], output=out)
    assert result.parsed == 2 and _agree(out) == {"a1", "a2"}


def test_a_decimal_written_with_an_exponent_stays_its_text_in_every_reader(tmp_path):
    # "1e999999999"^^xsd:decimal (60 bytes in a graph file) was read with Decimal() and written out in full:
    # view took 3.9 GB, validate stopped at the memory ceiling, review ran for minutes deaf to SIGTERM.
    # xsd:decimal has no exponent: such a literal is ill-typed and keeps its text (here a million digits).
    import pyoxigraph as ox

    from kgraph.graph import rdf
    from kgraph.sparql.store import from_oxigraph

    path = tmp_path / "g.ttl"
    path.write_text('<https://w3id.org/kgraph/id/place/Tarvo> <http://www.w3.org/2003/01/geo/wgs84_pos#lat> '
                    '"1e999999"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n', encoding="utf-8")
    (lit,) = [q[2] for q in rdf.load(path).quads((None, None, None, None))]
    assert str(lit) == "1e999999" and lit.ill_typed
    term = from_oxigraph(ox.Literal("-1e-999999", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))
    assert str(term) == "-1e-999999"
    assert str(from_oxigraph(ox.Literal(" 1.50", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")))) \
        == "1.50"  # a decimal's own lexical form is read as before


_TABLE = "CREATE TABLE extraction (key TEXT PRIMARY KEY, data TEXT NOT NULL)"


@pytest.mark.parametrize("plant", [
    [_TABLE, "CREATE TRIGGER t AFTER INSERT ON extraction BEGIN SELECT RAISE(ABORT, 'a planted trigger ran'); END"],
    [_TABLE, "CREATE TABLE t (x)", "CREATE TRIGGER t2 BEFORE DELETE ON extraction BEGIN DELETE FROM t; END"],
    ["CREATE TABLE rows (key TEXT, data TEXT)", "CREATE VIEW extraction AS SELECT key, data FROM rows"],
    [_TABLE, "CREATE INDEX i ON extraction (length(zeroblob(1000)))"],
], ids=["trigger-on-insert", "trigger-on-delete", "view", "expression-index"])
def test_a_cache_database_holding_what_kgraph_never_creates_is_set_aside(plant, tmp_path):
    # An output folder unpacked from someone's archive: before, a planted trigger ran on every insert (one
    # counting a cross join of 20,000 rows hung a build for good, deaf to Ctrl-C and SIGTERM).
    import sqlite3

    path = tmp_path / "cache.sqlite"
    db = sqlite3.connect(path)
    for sql in plant:
        db.execute(sql)
    db.commit()
    db.close()
    with pytest.warns(UserWarning, match="damaged .*which kgraph never creates"):
        store = cache.ExtractionCache(path)
    with store:
        store.put("k1", '{"tampered": true}')
        store.flush()
        assert store.keys() == {"k1"}
    assert (tmp_path / "cache.sqlite.damaged").exists()


def test_a_cache_that_is_a_symlink_leaves_the_database_it_leads_to_untouched(tmp_path):
    # Before, SQLite followed the link: a table was created in the other database and its journal set to WAL.
    import sqlite3

    theirs = tmp_path / "their.sqlite"
    db = sqlite3.connect(theirs)
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.close()
    before = theirs.read_bytes()
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "cache.sqlite").symlink_to(theirs)
    with pytest.warns(UserWarning, match="damaged .*symbolic link"):
        with cache.ExtractionCache(tmp_path / "state" / "cache.sqlite") as store:
            store.put("k1", '{"x": 1}')
            store.flush()
    assert theirs.read_bytes() == before and not (tmp_path / "state" / "cache.sqlite").is_symlink()


# ---------------------------------------------------------------- 7. kills at any instant

class _Killed(BaseException):
    pass


def _agree(out: Path) -> set[str]:
    manifest = cache.read_manifest(out)
    assert set(manifest) == _graph_articles(out)
    return set(manifest)


@pytest.mark.parametrize("where", ["before-pending", "after-pending", "after-first-rename", "before-commit"])
def test_commit_interrupted_at_each_step_leaves_graph_and_manifest_agreeing(where, base_build, tmp_path,
                                                                            monkeypatch):
    from kgraph.core import atomic
    from kgraph.build import pipeline

    src, out = _copy_build(base_build, tmp_path)
    real_replace, renames = os.replace, []

    def replace(a, b):
        if where == "after-first-rename" and Path(b).parent == out and renames:
            raise _Killed()
        real_replace(a, b)
        if Path(b).parent == out:
            renames.append(b)

    if where == "before-pending":
        monkeypatch.setattr(cache, "prepare_manifest", lambda *a: (_ for _ in ()).throw(_Killed()))
    elif where == "after-pending":
        monkeypatch.setattr(atomic, "write_files", lambda *a: (_ for _ in ()).throw(_Killed()))
    elif where == "after-first-rename":
        monkeypatch.setattr(atomic.os, "replace", replace)
    else:
        monkeypatch.setattr(cache, "commit_manifest", lambda *a: (_ for _ in ()).throw(_Killed()))
    with pytest.raises(_Killed):
        pipeline.build([src / "a3.txt"], output=out, into=True)
    monkeypatch.undo()
    held = _agree(out)
    assert held == ({"a1", "a2", "a3"} if where == "before-commit" else {"a1", "a2"})
    pipeline.build([SEED], output=out, into=True)
    assert _agree(out) == held | {"000_4f5ffafcc3e29aa6"}


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
def test_sigkill_at_random_instants_loses_no_article(base_build, tmp_path):
    """SIGKILL an --into build as soon as graph.ttl changes, and at other instants; the next build loses nothing."""
    src, out = _copy_build(base_build, tmp_path)
    graph = out / "graph.ttl"
    expected = {"a1", "a2"}
    for attempt, delay in enumerate((None, None, 0.5, 2.0, 4.0, 8.0)):
        before = graph.stat().st_mtime_ns
        proc = subprocess.Popen(KGRAPH + ["build", str(src / "a3.txt"), "--into", str(out), "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "OMP_NUM_THREADS": "1"})
        started = time.monotonic()
        while proc.poll() is None and time.monotonic() - started < 120:
            if delay is None and graph.stat().st_mtime_ns != before:
                break  # the instant of the issue: graph renamed, manifest not yet
            if delay is not None and time.monotonic() - started >= delay:
                break
            time.sleep(0.001)
        proc.kill()
        proc.wait()
        held = _agree(out)
        assert expected <= held <= {"a1", "a2", "a3"}, (attempt, held)
        expected = held  # once in the graph, an article stays
    proc = _run("build", SEED, "--into", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    held = _agree(out)
    assert {"a1", "a2", "000_4f5ffafcc3e29aa6"} <= held


def test_oxigraph_load_past_the_memory_ceiling_is_one_error_line(tmp_path):
    g = tmp_path / "graph.nt"
    g.write_text("".join(f'<urn:s{i}> <urn:p> "value {i}" .\n' for i in range(20000)), encoding="utf-8")
    proc = _run("query", "ASK { ?s ?p ?o }", "--graph", g, "--store", "oxigraph", env={"KGRAPH_MAX_MEMORY": "64M"})
    assert "memory ceiling" in _one_error(proc)
    assert not (tmp_path / "graph.oxigraph").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]  # no half-built store left
    proc = _run("query", "ASK { ?s ?p ?o }", "--graph", g, "--store", "oxigraph")
    assert proc.returncode == 0 and proc.stdout.strip() == "true", proc.stderr


def test_first_build_killed_mid_commit_lets_the_next_into_build_run(tmp_path, monkeypatch):
    from kgraph.core import atomic
    from kgraph.build import pipeline

    src = tmp_path / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    real_replace = os.replace

    def replace(a, b):
        if Path(b) == out / "graph.ttl":
            raise _Killed()  # graph.html is already in place, graph.ttl not yet
        real_replace(a, b)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(_Killed):
        pipeline.build([src / "a1.txt"], output=out)
    monkeypatch.undo()
    assert (out / "graph.html").exists() and not (out / "graph.ttl").exists()
    pipeline.build([src / "a2.txt"], output=out, into=True)
    assert _agree(out) == {"a2"}


def _sealed_child(port: int, results) -> None:
    import pyoxigraph as ox

    from kgraph.core.netguard import seal_process

    out = [seal_process()]
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"))
        out.append("ran")
    except OSError as exc:
        out.append(type(exc).__name__)
    a, b = socket.socketpair()  # Unix sockets (the workers' pipes) still work
    a.send(b"x")
    out.append(b.recv(1))
    results.put(out)


def test_sealed_process_cannot_connect_even_from_native_code(listener):
    """The endpoint's workers and the Oxigraph loader are sealed: Oxigraph's own SERVICE call fails there."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    proc = ctx.Process(target=_sealed_child, args=(listener.port, results))
    proc.start()
    sealed, outcome, unix = results.get(timeout=120)
    proc.join(30)
    if not sealed:
        pytest.skip("seccomp is not available here")
    assert outcome == "PermissionError" and unix == b"x"
    assert listener.hits == 0


# ---------------------------------------------------------------- queries that grow without bound (audit)

#: A value doubled forty times: 2**40 copies of a 10 kB string, far past any machine's memory.
BALLOON = ('SELECT (STRLEN(?a40) AS ?n) WHERE { BIND("' + "x" * 10_000 + '" AS ?a0) '
           + "".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1}) " for i in range(40)) + "}")


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_query_that_grows_a_value_without_bound_stops_at_the_memory_ceiling(graph_file, engine):
    proc = _run("query", BALLOON, "--graph", graph_file, "--store", engine, env={"KGRAPH_MAX_MEMORY": "1G"})
    assert "memory" in _one_error(proc)


def test_endpoint_worker_stops_at_the_memory_ceiling_and_is_replaced(graph_file, monkeypatch):
    from kgraph.sparql.serve import WorkerPool

    monkeypatch.setenv("KGRAPH_MAX_MEMORY", "1G")
    pool = WorkerPool(graph_file, "oxigraph", size=1)
    try:
        with pytest.raises(QueryError, match="memory"):
            pool.run(BALLOON, "json", "turtle", timeout=60)
        fmt, body = pool.run("ASK { ?s ?p ?o }", "json", "turtle", timeout=60)  # a new worker answers
        assert json.loads(body)["boolean"] is True
    finally:
        pool.close()


def test_query_past_its_time_limit_is_stopped_with_one_error_line(graph_file):
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"
    t = time.monotonic()
    proc = _run("query", cartesian, "--graph", graph_file, "--store", "rdflib", "--timeout", "1")
    assert "time limit of 1 s" in _one_error(proc)
    assert time.monotonic() - t < 30


def test_table_output_shows_escape_sequences_from_a_graph_file_as_text(tmp_path):
    g = tmp_path / "g.ttl"
    g.write_text('<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> '
                 '"red\\u001b[31m\\u001b]52;c;ZXZpbA==\\u0007 \\u202eevil" .\n', encoding="utf-8")
    proc = _run("query", "SELECT ?l WHERE { ?s rdfs:label ?l }", g, "--store", "rdflib")
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout and "\u202e" not in proc.stdout
    assert "red\\x1b[31m\\x1b]52;c;ZXZpbA==\\x07 \\u202eevil" in proc.stdout


def test_a_term_too_long_for_oxigraph_is_one_error_line_naming_rdflib(tmp_path):
    g = tmp_path / "g.ttl"  # Oxigraph's Turtle reader holds at most 16 MB of one token
    g.write_text('<urn:a> <urn:p> "' + "A" * (17 << 20) + '" .\n', encoding="utf-8")
    proc = _run("query", "ASK { ?s ?p ?o }", g, "--store", "oxigraph")
    assert "--store rdflib" in _one_error(proc)
    proc = _run("query", "ASK { ?s ?p ?o }", g, "--store", "rdflib")
    assert proc.returncode == 0 and proc.stdout.strip() == "true", proc.stderr


def test_query_file_that_is_a_fifo_or_huge_is_refused_before_it_is_read(tmp_path, graph_file):
    fifo = tmp_path / "q.rq"
    os.mkfifo(fifo)  # reading it would block forever
    assert "FIFO" in _one_error(_run("query", fifo, graph_file))
    big = tmp_path / "big.rq"
    with big.open("wb") as fh:
        fh.truncate(5 << 20)  # sparse: past the 4,000,000 bytes a query of 1,000,000 characters can take
    assert "larger than 4,000,000 bytes" in _one_error(_run("query", big, graph_file))
    assert "query file not found" in _one_error(_run("query", tmp_path / "none.rq", graph_file))


@pytest.mark.parametrize("stamp", ["fifo", "deep"])
def test_a_hostile_store_stamp_next_to_the_graph_counts_as_stale(tmp_path, stamp):
    from kgraph.sparql.store import is_fresh, store_path

    g = tmp_path / "graph.ttl"
    g.write_text(GRAPH, encoding="utf-8")
    folder = store_path(g)
    folder.mkdir()
    if stamp == "fifo":
        os.mkfifo(folder / "kgraph-source.json")  # reading it would block forever
    else:
        (folder / "kgraph-source.json").write_text("[" * 100_000, encoding="utf-8")
    assert is_fresh(g) is False
    proc = _run("query", "ASK { ?s ?p ?o }", g, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == "true", proc.stderr


def test_concurrent_queries_build_one_store_and_none_replaces_it_under_another(tmp_path, monkeypatch):
    # Before, each of three `kgraph query` runs started together built a store and renamed it into place, one
    # under another's open store: "Corruption: Sst file size mismatch" about once in four tries.
    from kgraph.sparql import store as st

    g = tmp_path / "graph.ttl"
    g.write_text(GRAPH, encoding="utf-8")
    real, loads = st.load_bounded, []

    def slow_load(folder, graph, deadline=None):
        loads.append(folder)
        time.sleep(0.5)
        real(folder, graph, deadline)

    monkeypatch.setattr(st, "load_bounded", slow_load)
    folders: list = []
    threads = [threading.Thread(target=lambda: folders.append(st.build_oxigraph(g))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(loads) == 1 and folders == [st.store_path(g)] * 3 and st.is_fresh(g)


def test_state_files_that_are_fifos_are_damaged_not_a_hang(tmp_path):
    out = tmp_path / "out"
    state = cache.state_dir(out)
    state.mkdir(parents=True)
    os.mkfifo(state / "manifest.json")  # an unpacked archive of an output folder could hold one
    with pytest.raises(GraphError, match="is damaged"):
        cache.read_manifest(out)
    os.unlink(state / "manifest.json")
    (state / "manifest.pending.json").write_text(json.dumps({"graph_sha256": "0" * 64, "articles": []}),
                                                 encoding="utf-8")
    os.mkfifo(out / "graph.ttl")  # hashing it would block forever
    assert cache.read_manifest(out) is None
    assert not (state / "manifest.pending.json").exists()


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_lock_file_that_is_not_a_file_stops_the_build_with_one_line(tmp_path, kind):
    from kgraph.build.pipeline import _locked

    state = tmp_path / "out" / ".kgraph"
    state.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(state / "lock")  # opening it for writing would block until someone reads
    else:
        (state / "lock").symlink_to("/dev/null")
    with pytest.raises(GraphError, match="lock is not a regular file; remove it"):
        with _locked(tmp_path / "out"):
            pass


def test_a_state_folder_that_is_a_symlink_stops_the_build_with_one_line(tmp_path):
    from kgraph.build.pipeline import _locked

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".kgraph").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(GraphError, match=r"\.kgraph is a symbolic link, not kgraph's own folder; remove it"):
        with _locked(tmp_path / "out"):
            pass
    assert list(elsewhere.iterdir()) == []  # nothing written where the link leads


def test_endpoint_serves_no_page_that_leads_outside_the_graph_folder(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Tova Brenn's private notes", encoding="utf-8")
    folder = tmp_path / "unpacked"
    folder.mkdir()
    g = folder / "graph.ttl"
    g.write_text(GRAPH, encoding="utf-8")
    (folder / "graph.html").symlink_to(secret)  # as an archive of someone's output folder could hold
    server, _thread = _start(g, engine="rdflib", timeout=3)
    try:
        status, data = _get(server, "/")
        assert status == 200 and b"private notes" not in data
        (folder / "graph.html").unlink()
        os.mkfifo(folder / "graph.html")  # never opened: opening it would block the handler
        status, data = _get(server, "/")
        assert status == 200
        (folder / "graph.html").unlink()
        (folder / "graph.html").write_text("<!doctype html><title>own page</title>", encoding="utf-8")
        status, data = _get(server, "/")
        assert status == 200 and b"own page" in data
    finally:
        server.shutdown()
        server.server_close()


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_query_worker_ends_when_kgraph_query_is_killed(graph_file):
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(8)) + " }"
    proc = subprocess.Popen(KGRAPH + ["query", cartesian, str(graph_file), "--store", "rdflib"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        kids: list[int] = []
        deadline = time.monotonic() + 60
        while not kids and time.monotonic() < deadline:
            time.sleep(0.2)
            kids = _children(proc.pid)
        assert kids, "the query worker never started"
        time.sleep(1.0)
        proc.kill()  # SIGKILL: kgraph cannot stop its worker itself
        proc.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(map(_alive, kids)):
            time.sleep(0.2)
        assert not any(map(_alive, kids)), "the worker outlived kgraph query"
    finally:
        if proc.poll() is None:
            proc.kill()
