"""The thirteenth adversarial pass (round hostile75): each test failed on the code before its fix.

Invented inputs only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import ROOT
from .test_audit10 import _FILLER, PLANTED


def _graph(tmp_path, n: int = 60):
    """Write a small Turtle graph of ``n`` labelled things; return its path."""
    path = tmp_path / "graph.ttl"
    path.write_text("@prefix ex: <http://example.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    + "".join(f'ex:t{i} rdfs:label "Tarsk item {i}" .\n' for i in range(n)), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the endpoint: a result's size is capped


def _ask(base: str, text: str) -> tuple[int, str]:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": text})
    req = urllib.request.Request(url, headers={"Accept": "*/*"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


CARTESIAN = "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"  # 60^3 rows: 216,000


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_the_endpoint_refuses_a_result_past_its_row_or_byte_cap_in_one_line(tmp_path, engine):
    # A cartesian SELECT built a reply of any size: held whole in the worker and in the server, then sent.
    from kgraph.sparql.serve import make_server

    server = make_server(_graph(tmp_path), port=0, quiet=True, engine=engine, timeout=60, max_rows=500, max_mb=0.02)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        status, body = _ask(base, CARTESIAN)
        assert status == 400 and body.startswith("Error: the result has over 500 rows") and "--max-rows" in body
        assert body.count("\n") == 1
        status, body = _ask(base, "CONSTRUCT { ?a ?p ?d } WHERE { ?a ?p ?b . ?c ?q ?d }")
        assert status == 400 and "over 500 triples" in body
        # under the row cap, over 0.02 MB of text: the values alone are counted before anything is written
        status, body = _ask(base, 'SELECT (CONCAT(?b, ?b, ?b, ?b, ?b, ?b, ?b, ?b) AS ?x) WHERE { ?a ?p ?b . ?c ?q ?d }'
                                  " LIMIT 400")
        assert status == 400 and body.startswith("Error: the result is over 0.02 MB") and "--max-mb" in body
        status, body = _ask(base, "SELECT ?b WHERE { ?a ?p ?b } LIMIT 5")
        assert status == 200 and body.count('"literal"') == 5
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_serve_caps_results_by_default_and_says_so_in_its_help():
    from click.testing import CliRunner

    from kgraph import cli
    from kgraph.sparql.serve import MAX_REPLY_MB, MAX_ROWS

    text = CliRunner().invoke(cli.main, ["serve", "--help"]).output
    assert "--max-rows" in text and "--max-mb" in text
    assert MAX_ROWS == 100_000 and MAX_REPLY_MB == 64


# ---------------------------------------------------------------- kgraph query: --timeout counts the load


def test_query_timeout_counts_the_time_spent_loading_the_graph(tmp_path, monkeypatch):
    # The time limit began with the query: a graph file that took rdflib minutes to read was waited for up to
    # 600 s whatever --timeout said. The worker is forked, so it loads with this (slow) loader.
    import time

    from click.testing import CliRunner

    from kgraph import cli
    from kgraph.core.errors import GraphError
    from kgraph.sparql import store

    def slow(*args, **kwargs):
        time.sleep(30)
        raise GraphError("loaded too late")

    monkeypatch.setattr(store, "open_store", slow)
    result = CliRunner().invoke(cli.main, ["query", "SELECT * WHERE { ?s ?p ?o }", str(_graph(tmp_path)),
                                           "--store", "rdflib", "--timeout", "1"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: query stopped after its time limit of 1 s while the graph was loaded (--timeout sets another "
        "limit; 0 for none)"]


def test_query_timeout_default_grows_with_the_graph_file():
    from click.testing import CliRunner

    from kgraph import cli

    text = " ".join(CliRunner().invoke(cli.main, ["query", "--help"]).output.split())
    assert "loading the graph and running the query" in text and "per MB of graph file" in text


# ---------------------------------------------------------------- view, review, push: a memory ceiling


@pytest.mark.parametrize("command", ["view", "review"])
def test_view_and_review_read_a_graph_under_the_memory_ceiling(tmp_path, monkeypatch, command):
    import resource

    from click.testing import CliRunner

    from kgraph import cli
    from kgraph.graph import rdf

    seen = []

    def grow(*args, **kwargs):
        seen.append(resource.getrlimit(resource.RLIMIT_AS)[0])
        raise MemoryError

    before = resource.getrlimit(resource.RLIMIT_AS)
    monkeypatch.setenv("KGRAPH_MAX_MEMORY", "3G")
    monkeypatch.setattr(rdf, "load", grow)
    result = CliRunner().invoke(cli.main, [command, str(_graph(tmp_path))])
    assert seen == [3 << 30]
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: reading the graph ran out of memory at its ceiling of 3.0 GiB: the graph file is too large for this "
        "machine, or raise KGRAPH_MAX_MEMORY (such as 16G) where the machine has the memory; earlier outputs are "
        "unchanged"]


def _two_gib():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # should the ceiling not hold, the machine does


def test_push_of_a_file_that_multiplies_in_memory_ends_at_the_ceiling_in_one_line(tmp_path):
    # One 1 MB subject with 100,000 objects: a 2 MB Turtle file. pyoxigraph's quads each hold a copy of the subject
    # (100 GB); in push's own process, without a ceiling, then at one, Rust's allocator aborted with a backtrace.
    subject = "<http://example.org/" + "a" * (1 << 20) + ">"
    path = tmp_path / "wide.ttl"
    path.write_text(subject + " <http://example.org/p> " + ", ".join(f'"{i}"' for i in range(100_000)) + " .\n",
                    encoding="utf-8")
    env = dict(os.environ, KGRAPH_MAX_MEMORY="1G", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "kgraph", "push", str(path), "--endpoint", "http://127.0.0.1:9/store"],
                          capture_output=True, text=True, env=env, timeout=600, preexec_fn=_two_gib)
    assert proc.returncode == 1, proc.stderr[-2000:]
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: reading {path} stopped")
    assert "memory ceiling of 1.0 GiB (KGRAPH_MAX_MEMORY)" in lines[0]


# ---------------------------------------------------------------- HTML: text a reader cannot see


def _page_text(fragment: str) -> str:
    """Return the text read from an article with ``fragment`` between two of its paragraphs."""
    from kgraph.sources.ingest import html_to_text

    page = (f"<html><head><title>Harbour</title></head><body><article><h1>Harbour board</h1>{_FILLER}"
            f"<p>At the meeting, the members spoke.</p>{fragment}<p>The board agreed.</p>{_FILLER}</article></body>"
            "</html>")
    return html_to_text(page)[0]


@pytest.mark.parametrize("fragment", [
    f'<p style="position:absolute;left:-9999px">{PLANTED}</p>',
    f'<div style="position: fixed; top: -200em"><p>{PLANTED}</p></div>',
    f'<p style="position:absolute;left:-30in">{PLANTED}</p>',
    f'<p style="font-size:0">{PLANTED}</p>',
    f'<p style="font-size:0px"><b>{PLANTED}</b></p>',
    f'<p style="font-size:0"><b style="font-size:1.5em">{PLANTED}</b></p>',  # relative to zero: still zero
    f'<style>.off{{position:absolute;left:-10000px}}</style><p class="off">{PLANTED}</p>',
    f'<style>.a .b{{display:none}}</style><div class="a"><div><p class="b">{PLANTED}</p></div></div>',
    f'<style>div.x > p{{display:none}}</style><div class="x"><p>{PLANTED}</p></div>',
    f'<style>.w > .k{{font-size:0}}</style><div class="w"><p class="k">{PLANTED}</p></div>',
    f'<style>.w *{{visibility:hidden}}</style><div class="w"><p>{PLANTED}</p></div>',
    f'<style>article .z {{ content-visibility: hidden }}</style><div class="z"><p>{PLANTED}</p></div>',
    f'<style>.b{{display:block}} #m .b{{display:none}}</style><div id="m"><p class="b">{PLANTED}</p></div>',
])
def test_text_placed_off_screen_sized_zero_or_hidden_by_a_compound_selector_is_not_read(fragment):
    text = _page_text(fragment)
    assert "The board agreed." in text
    assert "Oskar Venn" not in text


@pytest.mark.parametrize("fragment", [
    f'<p style="position:absolute;left:-20px">{PLANTED}</p>',  # a little to the left: drawn
    f'<p style="position:relative;left:-9999px">Quay.</p><p>{PLANTED}</p>',  # relative: its box is left where it was
    f'<p style="font-size:0"><b style="font-size:14px">{PLANTED}</b></p>',  # a row of inline blocks
    f'<style>.r{{font-size:0}} .r > p{{font-size:1rem}}</style><div class="r"><p>{PLANTED}</p></div>',
    f'<style>.a .b{{display:none}}</style><div class="c"><p class="b">{PLANTED}</p></div>',  # no .a above
    f'<style>div.x > p{{display:none}}</style><div class="x"><div><p>{PLANTED}</p></div></div>',  # not a child
    f'<style>.b{{display:none}} .a .b{{display:block}}</style><div class="a"><p class="b">{PLANTED}</p></div>',
    f'<style>.skip{{position:absolute;left:-9999px}} .skip:focus{{left:0}}</style><p class="skip">{PLANTED}</p>',
])
def test_text_a_reader_sees_beside_such_styles_is_read(fragment):
    # beside it, text those styles do hide: read before the fix
    text = _page_text('<style>main .gone{display:none}</style><main><p class="gone">Pell Arden hid here.</p></main>'
                      '<p style="font-size:0">Pell Arden was here.</p>' + fragment)
    assert PLANTED in text and "Pell Arden" not in text


def test_compound_rules_are_matched_in_one_bounded_walk(monkeypatch):
    """Past the page's budget of look-ups the rest is read without them, with a warning, never slower."""
    import warnings

    from kgraph.sources import ingest

    sheet = ingest._StyleSheet()
    sheet.read(".a .b{display:none} div > .c{font-size:0}" + "".join(f".n{i} .m{{display:none}}" for i in range(50)))
    assert len(sheet.complex) == 52 and not sheet.rules
    monkeypatch.setattr(ingest, "MAX_MATCH_WORK", 100)
    rows = "".join(f'<div class="a"><p class="b">Row {i}.</p></div>' for i in range(200))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ingest._without_hidden(f"<html><body><style>.a .b{{display:none}}</style>{rows}</body></html>", "rows.html")
    assert any("too many rules of compound selectors" in str(w.message) for w in caught)


# ---------------------------------------------------------------- the fresh pass: corrections and query files


def test_a_corrections_or_query_file_in_utf16_with_its_mark_is_read(tmp_path):
    # Excel's "Unicode text" and PowerShell write UTF-16 with a byte-order mark: "'utf-8' codec can't decode byte
    # 0xff in position 0" before.
    from kgraph.core.errors import InputError
    from kgraph.core.userfile import read_text
    from kgraph.linking import corrections

    for encoding in ("utf-16", "utf-16-be", "utf-32"):
        path = tmp_path / f"fixes-{encoding}.csv"
        path.write_bytes("\ufeffaction,entity,reason\nblock,Tarsk Bank,a bank of no story\n".encode(encoding)
                         if encoding != "utf-16" else "action,entity,reason\nblock,Tarsk Bank,x\n".encode(encoding))
        assert len(corrections.load(path).items) == 1
    query = tmp_path / "q.rq"
    query.write_bytes("SELECT ?s WHERE { ?s ?p ?o }".encode("utf-16"))
    assert read_text(query, InputError, "query file") == "SELECT ?s WHERE { ?s ?p ?o }"


def test_a_corrections_file_in_a_spreadsheets_own_encoding_says_to_save_it_as_utf8(tmp_path):
    from kgraph.core.errors import InputError
    from kgraph.linking import corrections

    path = tmp_path / "fixes.csv"
    path.write_bytes("action,entity,reason\nblock,Tarsk Bank,Jürgen said so\n".encode("cp1252"))
    with pytest.raises(InputError, match=r"it is not UTF-8 text \(byte 0xfc at offset 39.*save it as UTF-8$"):
        corrections.load(path)


# ---------------------------------------------------------------- a compressed or binary file given as a graph


@pytest.mark.parametrize("head, said", [
    (None, "it is gzip-compressed: decompress it first, not a graph file"),
    (b"PK\x03\x04rest", "it looks like a ZIP archive"),
    (b"%PDF-1.7\n", "it looks like a PDF document"),
])
def test_a_compressed_or_binary_file_named_as_a_graph_says_what_it_is(tmp_path, head, said):
    # A gzip file named graph.ttl gave the parser's "'utf-8' codec can't decode byte 0x8b in position 1".
    import gzip

    from click.testing import CliRunner

    from kgraph import cli

    (tmp_path / "src").mkdir()
    plain = _graph(tmp_path / "src").read_bytes()
    path = tmp_path / "graph.ttl"
    path.write_bytes(gzip.compress(plain) if head is None else head)
    for args in (["query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(path)],
                 ["view", str(path), "--output", str(tmp_path / "page.html")]):
        result = CliRunner().invoke(cli.main, args)
        assert result.exit_code == 1, result.output
        assert said in result.output and "codec" not in result.output and result.output.count("\n") == 1
    assert not (tmp_path / "page.html").exists()
