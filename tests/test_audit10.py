"""The tenth adversarial pass (stop 72): each test failed on the code before its fix.

Invented inputs only.
"""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.request

import pytest

from kgraph.graph import rdf
from kgraph.page import visualize
from kgraph.sparql.serve import make_server

from .test_browser import browser  # noqa: F401 - the fixture
from .test_visualize import PAYLOAD_SCRIPT, small_kb


# ---------------------------------------------------------------- serve: a Content-Security-Policy header


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """An endpoint (rdflib, one worker) on a small graph with its page, a label carrying a script."""
    folder = tmp_path_factory.mktemp("served")
    g = rdf.to_graph(small_kb(putin_label=f"Vladimir {PAYLOAD_SCRIPT} Putin"))
    g.serialize(folder / "graph.ttl", format="turtle")
    visualize.write_page(g, folder / "graph.html")
    server = make_server(folder / "graph.ttl", host="127.0.0.1", port=0, quiet=True, engine="rdflib", workers=1,
                         timeout=20)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", folder
    server.shutdown()
    server.server_close()
    thread.join(5)


def _headers(url: str, method: str = "GET"):
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            resp.read()
            return resp.status, resp.headers
    except urllib.error.HTTPError as err:
        return err.code, err.headers


def _directives(csp: str) -> dict[str, str]:
    return {d.strip().split(" ", 1)[0]: d.strip().partition(" ")[2] for d in csp.split(";") if d.strip()}


@pytest.mark.parametrize("path", ["/", "/graph.html", "/sparql", "/sparql?query=ASK%7B%7D", "/nowhere"])
def test_every_reply_of_serve_carries_a_strict_policy_and_its_companion_headers(served, path):
    base, _folder = served
    status, headers = _headers(base + path)
    assert status in (200, 404)
    csp = _directives(headers.get("Content-Security-Policy", ""))
    assert csp.get("default-src") == "'none'"
    assert csp.get("frame-ancestors") == "'none'"
    assert csp.get("base-uri") == "'none'"
    assert "http" not in headers["Content-Security-Policy"]
    assert "unsafe" not in csp.get("script-src", "")
    assert headers.get("X-Content-Type-Options") == "nosniff"
    # The page sends no referrer; the form only to the endpoint (under no-referrer its POST says "Origin: null").
    assert headers.get("Referrer-Policy") == ("no-referrer" if path in ("/", "/graph.html") else "same-origin")
    assert headers.get("X-Frame-Options") == "DENY"
    assert headers.get("Cross-Origin-Resource-Policy") == "same-origin"


def test_the_page_policy_admits_exactly_the_pages_own_scripts(served):
    base, folder = served
    _status, headers = _headers(base + "/")
    csp = _directives(headers["Content-Security-Policy"])
    page = (folder / "graph.html").read_text(encoding="utf-8")
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert csp["script-src"] == _directives(meta)["script-src"]
    assert csp["connect-src"] == "'none'"
    _status, head = _headers(base + "/", method="HEAD")
    assert head["Content-Security-Policy"] == headers["Content-Security-Policy"]


def test_a_page_from_elsewhere_gets_only_its_script_hashes(tmp_path):
    from kgraph.sparql.serve import page_csp

    digest = "'sha256-" + "A" * 43 + "='"
    head = (f"<meta http-equiv='Content-Security-Policy' content=\"default-src *; script-src {digest} "
            "'unsafe-inline' 'unsafe-eval' https://evil.example; connect-src *\">").encode()
    csp = _directives(page_csp(head))
    assert csp["script-src"] == digest and csp["connect-src"] == "'none'" and csp["default-src"] == "'none'"
    assert _directives(page_csp(b"<html><script>alert(1)</script>"))["script-src"] == "'none'"


def test_the_served_page_works_under_its_policy_in_a_browser(browser, served):  # noqa: F811 - the fixture
    base, _folder = served
    requests, errors = [], []
    page = browser.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        requests.append(r.request.url)
        if r.request.url.startswith((base + "/", "data:", "about:", "blob:")):
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    try:
        response = page.goto(base + "/")
        assert response.headers["content-security-policy"].startswith("default-src 'none'")
        page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=30_000)
        page.evaluate("document.addEventListener('securitypolicyviolation', e => window.__csp = e.violatedDirective)")
        nodes = page.evaluate("kgraph.network.body.nodeIndices.length")
        assert nodes >= 4
        assert page.evaluate("window.__csp || null") is None
        assert page.evaluate("window.__pwned || null") is None  # the label's script never ran
        # The query form still posts to the endpoint under its own policy.
        page.goto(base + "/sparql")
        page.fill("textarea[name=query]", "SELECT ?l WHERE { ?s rdfs:label ?l } ORDER BY ?l LIMIT 2")
        page.select_option("select[name=format]", "table")
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert "Kremlin" in page.content() or "Kursk" in page.content()
    finally:
        page.close()
    assert not [u for u in requests if not u.startswith(base + "/")], requests
    assert not errors, errors  # a refused script or style is logged as an error


# ---------------------------------------------------------------- HTML: text a reader never sees, and text a reader sees

PLANTED = "Oskar Venn works for Hollow Ridge Capital."
_FILLER = ("<p>The Marlow harbour board met on Tuesday to discuss the new ferry timetable for the coming winter "
           "season. Members of the board said the changes would help commuters who travel early.</p>") * 3


def _text(fragment: str) -> str:
    from kgraph.sources.ingest import html_to_text

    page = (f"<html><head><title>Harbour</title></head><body><article><h1>Harbour board</h1>{_FILLER}"
            f"<p>At the meeting, {fragment} The board agreed.</p>{_FILLER}</article></body></html>")
    return html_to_text(page)[0]


@pytest.mark.parametrize("fragment", [
    f"<span/hidden>{PLANTED}</span>",  # "/" parsed as white space between attributes
    f'<span class="x"hidden>{PLANTED}</span>',  # an attribute straight after a quoted value
    f'<span style="displ\\61y:none">{PLANTED}</span>',  # a CSS escape in the property's name
    f'<span style="display:\\6e one">{PLANTED}</span>',  # ... and in its value
    f'<span style="visibility:collapse">{PLANTED}</span>',
    f'<span style="visibility:hidden">{PLANTED} <b style="visibility:visible">Quay news.</b></span>',
])
def test_text_a_browser_never_draws_is_not_read(fragment):
    text = _text(fragment)
    assert "The board agreed" in text
    assert "Oskar Venn" not in text
    if "Quay" in fragment:
        assert "Quay news." in text  # a child drawn again by visibility: visible


@pytest.mark.parametrize("fragment", [
    # screen-reader-only text by inline style: the main-text finder dropped any style holding "hidden"
    f'<span style="position:absolute;clip:rect(0 0 0 0);width:1px;height:1px;overflow:hidden">{PLANTED}</span>',
    f'<span style="overflow: hidden">{PLANTED}</span>',
    f'<span style="backface-visibility:hidden">{PLANTED}</span>',  # a flip card's face: drawn
    f'<span hidden="UNTIL-FOUND">{PLANTED}</span>',  # a search of the page shows it (the value has no case)
    f'<span style="display:none; display:inline">{PLANTED}</span>',  # the last declaration wins
    f'<span style="/* display:none */ color:#333">{PLANTED}</span>',  # a comment
    f'<span style="visibility:hidden"><i style="visibility:visible">{PLANTED}</i></span>',
])
def test_text_a_reader_sees_is_read(fragment):
    assert "Oskar Venn works for Hollow Ridge Capital." in _text(fragment)


@pytest.mark.parametrize("fragment", [f'<span class="sr-only">{PLANTED}</span>',
                                      f'<span class="fade-in">{PLANTED}</span>',
                                      f'<span class="visually-hidden">{PLANTED}</span>'])
def test_screen_reader_and_fade_in_classes_stay(fragment):
    assert "Oskar Venn" in _text(fragment)


# ---------------------------------------------------------------- data printed on a terminal

ESC_LABEL = "A\\u001b]52;c;aGk=\\u0007B\\u009b31mC\\u202eD"


def _on_a_terminal(args: list[str], cwd) -> bytes:
    """Run kgraph with its standard output on a pseudo-terminal; return what the terminal received."""
    import os
    import pty
    import subprocess
    import sys

    from .conftest import ROOT

    main, sub = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "kgraph", *args], stdout=sub, stderr=subprocess.PIPE, cwd=cwd,
                            env=env)
    os.close(sub)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    proc.wait(120)
    os.close(main)
    assert proc.returncode == 0, proc.stderr.read()
    return out


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "turtle"])
def test_query_results_on_a_terminal_show_control_characters_as_text(tmp_path, fmt):
    graph = tmp_path / "g.ttl"
    graph.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                     f'<http://e.x/a> rdfs:label "{ESC_LABEL}" .\n', encoding="utf-8")
    q = ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }" if fmt == "turtle"
         else "SELECT ?l WHERE { ?s rdfs:label ?l }")
    out = _on_a_terminal(["query", q, "--graph", str(graph), "--format", fmt, "--store", "rdflib"], tmp_path)
    assert b"\x1b" not in out and b"\x07" not in out
    assert "\u009b".encode() not in out and "\u202e".encode() not in out
    assert b"52;c;aGk=" in out  # the text is there, shown


def test_query_results_to_a_pipe_keep_their_data(tmp_path):
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    graph = tmp_path / "g.ttl"
    graph.write_text('@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                     f'<http://e.x/a> rdfs:label "{ESC_LABEL}" .\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "kgraph", "query", "SELECT ?l WHERE { ?s rdfs:label ?l }", "--graph",
                          str(graph), "--format", "csv", "--store", "rdflib"], capture_output=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=True).stdout
    assert "A\x1b]52;c;aGk=\x07B\u009b31mC\u202eD".encode() in out


# ---------------------------------------------------------------- build: an output that is an input


ARTICLE_HTML = "<html><body><p>Mara Quell met Oskar Venn in Lisbon on Monday.</p></body></html>"


@pytest.mark.parametrize("case", ["article", "hard link", "corrections"])
def test_build_never_writes_over_an_input_or_its_corrections_file(tmp_path, case):
    import os

    from kgraph.build.pipeline import build
    from kgraph.core.errors import GraphError

    out = tmp_path / "out"
    out.mkdir()
    kept = out / ("nodes.csv" if case == "corrections" else "graph.html")
    if case == "corrections":
        kept.write_text("action,entity,into\n", encoding="utf-8")
        article = tmp_path / "a.html"
        article.write_text(ARTICLE_HTML, encoding="utf-8")
        kwargs = {"inputs": [article], "corrections": kept, "formats": ("csv",)}
    else:
        kept.write_text(ARTICLE_HTML, encoding="utf-8")
        given = kept
        if case == "hard link":
            given = out / "story.html"
            os.link(kept, given)
        kwargs = {"inputs": [given]}
    before = kept.read_bytes()
    with pytest.raises(GraphError, match="would be replaced by the build's"):
        build(output=out, jobs=1, **kwargs)
    assert kept.read_bytes() == before
    assert not (out / "graph.ttl").exists()


def test_reading_a_pages_styles_keeps_nothing_for_the_next_page_and_stays_linear():
    import time

    from kgraph.sources import ingest

    started = time.monotonic()
    style = "/*" * 200_000 + "x:" + "\\6e " * 100_000  # unclosed comments, then escapes
    text = _text(f'<span style="{style}">{PLANTED}</span>')
    assert time.monotonic() - started < 20
    assert "Oskar Venn" in text
    assert ingest._declarations.cache_info().currsize == 0
    assert "Oskar Venn" in _text(f'<span style="display:none x">{PLANTED}</span>')  # not a valid display: drawn


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: HOST\r\n\r\n", 414),
    (b"GET / HTTP/1.1\r\nHost: HOST\r\n" + b"X-Pad: y\r\n" * 200 + b"\r\n", 431),
    (b"BREW /<script>x</script> HTTP/1.1\r\nHost: HOST\r\n\r\n", 501),
])
def test_the_standard_librarys_own_refusals_are_plain_text_with_the_policy(served, request_bytes, status):
    import socket
    from urllib.parse import urlsplit

    base, _folder = served
    host = urlsplit(base).netloc
    sock = socket.create_connection(("127.0.0.1", urlsplit(base).port), timeout=30)
    sock.sendall(request_bytes.replace(b"HOST", host.encode()))
    reply = b""
    while chunk := sock.recv(65536):
        reply += chunk
    sock.close()
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 %d" % status)
    assert b"Content-Type: text/plain" in head and b"Content-Security-Policy: default-src 'none'" in head
    assert body.startswith(b"Error: ") and b"<" not in body.split(b"'")[0]
