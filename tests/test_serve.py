"""The SPARQL endpoint: protocol, content negotiation, read-only, no outside requests, time limit, no stray files."""

from __future__ import annotations

import csv
import io
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph

from kgraph.core.errors import GraphError
from kgraph.sparql.serve import make_server, negotiate

from .test_query import listener  # noqa: F401 - fixture

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def _start(graph, **kw):
    server = make_server(graph, host="127.0.0.1", port=0, quiet=True, **kw)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def endpoint(request, seed_build, tmp_path_factory):
    """A running endpoint on the seed's graph (and page), on a free localhost port; stopped after."""
    _result, out = seed_build
    folder = tmp_path_factory.mktemp(f"serve-{request.param}")
    graph = shutil.copy(out / "graph.ttl", folder / "graph.ttl")
    shutil.copy(out / "graph.html", folder / "graph.html")
    server, thread, base = _start(graph, engine=request.param, timeout=3)
    yield base
    server.shutdown()
    server.server_close()
    thread.join(5)


def _get(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8")


def _post(url, data: bytes, ctype: str, headers=None, method="POST"):
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": ctype, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read().decode("utf-8")


def _query_url(base, text, **params):
    return f"{base}/sparql?" + urllib.parse.urlencode({"query": text, **params})


LEADERS = "SELECT ?who ?of WHERE { ?p kg:leaderOf ?x ; rdfs:label ?who . ?x rdfs:label ?of } ORDER BY ?who"


def test_get_answers_sparql_json_by_default(endpoint):
    status, ctype, body = _get(_query_url(endpoint, LEADERS))
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    rows = {(b["who"]["value"], b["of"]["value"]) for b in json.loads(body)["results"]["bindings"]}
    assert ("Vladimir Putin", "Russia") in rows


@pytest.mark.parametrize("accept,ctype", [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("text/html;q=0.9, text/csv;q=0.5, */*;q=0.1", "text/csv"),
])
def test_content_negotiation(endpoint, accept, ctype):
    status, got, body = _get(_query_url(endpoint, LEADERS), {"Accept": accept})
    assert status == 200 and got.startswith(ctype), (got, body)
    if ctype == "text/csv":
        assert ["Vladimir Putin", "Russia"] in list(csv.reader(io.StringIO(body)))
    elif ctype.endswith("xml"):
        assert ET.fromstring(body).tag == "{http://www.w3.org/2005/sparql-results#}sparql"


def test_unacceptable_type_is_406(endpoint):
    status, _ctype, body = _get(_query_url(endpoint, LEADERS), {"Accept": "image/png"})
    assert status == 406 and "Error:" in body


def test_post_form_and_direct_query(endpoint):
    form = urllib.parse.urlencode({"query": LEADERS}).encode()
    status, _ctype, body = _post(f"{endpoint}/sparql", form, "application/x-www-form-urlencoded",
                                 {"Accept": "text/csv"})
    assert status == 200 and "Vladimir Putin,Russia" in body
    status, _ctype, body = _post(f"{endpoint}/sparql", "ASK { ?p a kg:Person }".encode(), "application/sparql-query")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_construct_answers_turtle(endpoint):
    text = "CONSTRUCT { ?p a kg:Person } WHERE { ?p a kg:Person }"
    status, ctype, body = _get(_query_url(endpoint, text), {"Accept": "text/turtle"})
    assert status == 200 and ctype.startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) >= 4


@pytest.mark.parametrize("how", ["form-update", "sparql-update-body", "update-as-query", "get-update"])
def test_updates_are_refused(endpoint, how):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if how == "form-update":
        res = _post(f"{endpoint}/sparql", urllib.parse.urlencode({"update": update}).encode(),
                    "application/x-www-form-urlencoded")
    elif how == "sparql-update-body":
        res = _post(f"{endpoint}/sparql", update.encode(), "application/sparql-update")
    elif how == "update-as-query":
        res = _get(_query_url(endpoint, update))
    else:
        res = _get(f"{endpoint}/sparql?" + urllib.parse.urlencode({"update": update}))
    status, _ctype, body = res
    assert status == 403 and "read-only" in body
    status, _c, body = _get(_query_url(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }"))
    assert json.loads(body)["boolean"] is False


def test_put_and_delete_are_refused(endpoint):
    assert _post(f"{endpoint}/sparql", b"<urn:a> <urn:b> <urn:c> .", "text/turtle", method="PUT")[0] == 405
    assert _post(f"{endpoint}/", b"", "text/plain", method="DELETE")[0] == 405


def test_service_is_refused_and_reaches_nobody(endpoint, listener):  # noqa: F811
    url, counter = listener
    status, _ctype, body = _get(_query_url(endpoint, f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
    assert status == 403 and "SERVICE" in body
    status, _ctype, _body = _get(_query_url(endpoint, f"SELECT * FROM <{url}x.ttl> WHERE {{ ?s ?p ?o }}"))
    assert counter.hits == 0


def test_malformed_query_is_400_with_position(endpoint):
    status, _ctype, body = _get(_query_url(endpoint, "SELECT *\nWHERE { ?s ?p }"))
    assert status == 400 and "line 2" in body and body.count("\n") == 1


@pytest.mark.slow  # waits out the server's time limit twice: run by .ci/run (--run-slow)
def test_query_past_the_time_limit_is_stopped_and_the_server_goes_on(endpoint):
    status, _ctype, body = _get(_query_url(endpoint, HEAVY))
    assert status == 503 and "time limit" in body
    status, _ctype, body = _get(_query_url(endpoint, "ASK { ?p a kg:Person }"))
    assert status == 200 and json.loads(body)["boolean"] is True


def test_page_is_served_at_root(endpoint):
    status, ctype, body = _get(f"{endpoint}/")
    assert status == 200 and ctype.startswith("text/html") and "vis.Network" in body


def _raw(base, path: str) -> tuple[int, bytes]:
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/graph.html/../../../../etc/passwd",
    "//etc/passwd",
    "/graph.ttl",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/sparql/../../etc/passwd",
])
def test_no_file_outside_its_own(endpoint, path):
    status, data = _raw(endpoint, path)
    assert status == 404 and b"root:" not in data


@pytest.mark.parametrize("head", ["PUT /sparql HTTP/1.1", "POST /graph.html HTTP/1.1"])
def test_a_refused_requests_body_is_never_read_as_another_request(endpoint, head):
    """A body smuggling a GET behind a refused request gets no answer of its own: the connection ends."""
    host, port = urllib.parse.urlsplit(endpoint).hostname, urllib.parse.urlsplit(endpoint).port
    inner = f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode("latin-1")
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(f"{head}\r\nHost: {host}:{port}\r\nContent-Length: {len(inner)}\r\n\r\n".encode("latin-1") + inner)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    assert data.count(b"HTTP/1.1 ") == 1 and data.split(b" ", 2)[1] == b"405"
    assert b"Connection: close" in data


def test_negotiate():
    assert negotiate(None, False) == "json" and negotiate("*/*", True) == "turtle"
    assert negotiate("text/csv;q=0.2, application/sparql-results+xml", False) == "xml"
    assert negotiate("application/json;q=0, text/csv", False) == "csv"
    assert negotiate("image/png", False) is None


def test_binds_localhost_by_default_and_reports_a_missing_graph(seed_build, tmp_path):
    _result, out = seed_build
    server = make_server(out / "graph.ttl", port=0, quiet=True)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()
    with pytest.raises(GraphError, match="not found"):
        make_server(tmp_path / "nope.ttl", port=0)


def test_saved_query_names_answer_over_http(endpoint):
    status, ctype, body = _get(_query_url(endpoint, "leaders"), headers={"Accept": "text/csv"})
    assert status == 200 and body.splitlines()[0] == "leader,of,role" and "Vladimir Putin,Russia" in body
    # Only names: a path is a query text like any other, never a file read by the server.
    status, _ctype, _body = _get(_query_url(endpoint, "/etc/passwd.rq"))
    assert status == 400


def _as_from_a_terminal():
    """Start the child as a shell starts a foreground command: Ctrl-C and SIGTERM at their defaults, not held.

    A child inherits ignored and blocked signals; a test run whose parent ignores SIGINT (some CI
    launchers do) would otherwise test a server that was told to ignore Ctrl-C, as under nohup.
    """
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_serve_is_a_normal_exit(seed_build, tmp_path, sig):
    _result, out = seed_build
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kgraph", "serve", str(out / "graph.ttl"), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_as_from_a_terminal)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", timeout=5):
                    break
            except OSError:
                time.sleep(0.3)
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "Error" not in err and "Traceback" not in err and "server stopped" in err
