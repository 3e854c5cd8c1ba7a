"""The fourteenth adversarial pass (round hostile76): each test failed on the code before its fix.

Invented inputs only.
"""

from __future__ import annotations

import pytest

from kgraph.core.errors import InputError
from kgraph.sources.ingest import read_inputs


# ---------------------------------------------------------------- a tiny article ceiling says what it is


@pytest.mark.parametrize("value, said", [("0.000004", "over the 4 bytes an article"),
                                         ("0.00000095367431640625", "over the 1 byte an article")])
def test_a_tiny_article_ceiling_is_named_in_bytes_not_as_0_mb(tmp_path, monkeypatch, value, said):
    # "the file is over the 0 MB an article may have" (and "3.81e-06 MB") named no ceiling a reader could use.
    monkeypatch.setenv("KGRAPH_MAX_ARTICLE_MB", value)
    (tmp_path / "a.txt").write_text("Ilse Varga spoke in Tarvo. " * 500, encoding="utf-8")
    with pytest.raises(InputError, match=said):
        list(read_inputs([tmp_path / "a.txt"]))


@pytest.mark.parametrize("value", ["1e-9", "0.0000001"])
def test_an_article_ceiling_below_one_byte_is_refused_as_such(tmp_path, monkeypatch, value):
    # It was a ceiling of 0 bytes: every article "over the 0 MB", even a one-letter file.
    monkeypatch.setenv("KGRAPH_MAX_ARTICLE_MB", value)
    (tmp_path / "a.txt").write_text("I", encoding="utf-8")
    with pytest.raises(InputError, match="less than one byte"):
        list(read_inputs([tmp_path / "a.txt"]))


# ---------------------------------------------------------------- the endpoint after a query is stopped


def _graph(tmp_path, n: int = 60):
    """Write a small Turtle graph of ``n`` labelled things; return its path."""
    path = tmp_path / "graph.ttl"
    path.write_text("@prefix ex: <http://example.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    + "".join(f'ex:t{i} rdfs:label "Tarsk item {i}" .\n' for i in range(n)), encoding="utf-8")
    return path


ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h . ?i ?t ?j }"


def test_a_worker_stopped_at_its_time_limit_is_loaded_again_before_the_next_query_and_closed_with_the_pool(
        tmp_path):
    # The successor of a killed worker was loaded inside the next request (the whole load, past that request's
    # time limit: up to 600 s), and, never listed, it outlived the pool's close().
    import time

    from kgraph.sparql.serve import QueryTimeout, WorkerPool

    pool = WorkerPool(_graph(tmp_path), "rdflib", size=1)
    try:
        with pytest.raises(QueryTimeout):
            pool.run(ENDLESS, "json", "turtle", timeout=0.5)
        for _ in range(600):  # the successor loads with no request waiting for it
            with pool._cond:
                if pool._idle:
                    break
            time.sleep(0.1)
        with pool._cond:
            assert len(pool._idle) == 1
            successor = pool._idle[0].proc
        fmt, body = pool.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "json", "turtle", timeout=60)
        assert '"60"' in body
    finally:
        pool.close()
    assert not successor.is_alive()


# ---------------------------------------------------------------- HTML: text no reader sees


def _page_text(fragment: str) -> str:
    from kgraph.sources.ingest import html_to_text

    from .test_audit10 import _FILLER

    page = (f"<html><head><title>Harbour</title></head><body><article><h1>Harbour board</h1>{_FILLER}"
            f"<p>At the meeting, the members spoke.</p>{fragment}<p>The board agreed.</p>{_FILLER}</article></body>"
            "</html>")
    return html_to_text(page)[0]


PLANTED = "Oskar Venn works for Hollow Ridge Capital."


@pytest.mark.parametrize("fragment", [
    f'<p style="color:transparent">{PLANTED}</p>',
    f'<p style="color:rgba(0, 0, 0, 0)">{PLANTED}</p>',
    f'<p style="color:#ffffff00">{PLANTED}</p>',
    f'<div style="background:#fff"><p style="color:#ffffff">{PLANTED}</p></div>',
    f'<div style="background-color:white;color:white"><p>{PLANTED}</p></div>',
    f'<div style="background:rgb(10 20 30)"><p style="color:#0a141e">{PLANTED}</p></div>',
    f'<style>.w{{color:#fff;background:#fff}}</style><p class="w">{PLANTED}</p>',
    f'<p style="opacity:0">{PLANTED}</p>',
    f'<style>.o{{opacity:0}}</style><div class="o"><p style="opacity:1">{PLANTED}</p></div>',
    f'<style>.k + p{{display:none}}</style><span class="k"></span><p>{PLANTED}</p>',
    f'<style>h2 ~ .z{{display:none}}</style><h2>Tarvo</h2><div></div><p class="z">{PLANTED}</p>',
    f'<style>@media screen {{ .m{{display:none}} }}</style><p class="m">{PLANTED}</p>',
    f'<style>@media only all {{ .m{{visibility:hidden}} }}</style><p class="m">{PLANTED}</p>',
    f'<style>@layer base {{ .m{{display:none}} }}</style><p class="m">{PLANTED}</p>',
    f'<style>.m{{display:none}} @media print {{ .m{{display:block}} }}</style><p class="m">{PLANTED}</p>',
])
def test_text_in_no_ink_at_opacity_zero_or_hidden_by_sibling_and_screen_rules_is_not_read(fragment):
    text = _page_text(fragment)
    assert "The board agreed." in text
    assert "Oskar Venn" not in text


@pytest.mark.parametrize("fragment", [
    f'<p style="color:#fff">{PLANTED}</p>',  # the canvas may be dark (a linked stylesheet is never read)
    f'<div style="background:url(sea.png) #fff"><p style="color:white">{PLANTED}</p></div>',  # on an image
    f'<div style="background:#fff;color:#fff"><p style="color:#333">{PLANTED}</p></div>',  # its own colour
    f'<div style="color:transparent"><p style="color:black">{PLANTED}</p></div>',
    f'<div style="background:#fff;color:#fff"><p style="background:#000">{PLANTED}</p></div>',  # its own paper
    f'<p style="opacity:0;transition:opacity 1s">{PLANTED}</p>',  # a fade-in
    f'<style>.fade{{opacity:0;animation:in 1s forwards}}</style><p class="fade">{PLANTED}</p>',
    f'<p style="opacity:0.5;color:rgba(0,0,0,.5)">{PLANTED}</p>',
    f'<style>.k + p{{display:none}}</style><span class="k"></span><i></i><p>{PLANTED}</p>',  # not the next
    f'<style>h2 ~ .z{{display:none}}</style><p class="z">{PLANTED}</p><h2>Tarvo</h2>',  # before it
    f'<style>.k ~ p{{display:none}}</style><div><span class="k"></span></div><p>{PLANTED}</p>',  # not a sibling
    f'<style>@media print {{ .m{{display:none}} }}</style><p class="m">{PLANTED}</p>',
    f'<style>.m{{display:none}} @media (min-width: 30em) {{ .m{{display:block}} }}</style><p class="m">{PLANTED}</p>',
])
def test_text_a_reader_sees_beside_colours_opacity_siblings_and_media_is_read(fragment):
    # beside it, text hidden by colour: read before the fix
    text = _page_text('<p style="color:transparent">Pell Arden hid here.</p>' + fragment)
    assert PLANTED in text and "Pell Arden" not in text


# ---------------------------------------------------------------- push leaves no copy of a graph behind


def test_push_removes_the_body_folders_of_killed_pushes_and_no_live_ones(tmp_path, monkeypatch):
    # A SIGKILLed push (no clean-up runs) left /tmp/kgraph-push-*/ holding a copy of the graph, for good.
    import os
    import subprocess
    import sys
    import tempfile

    from kgraph.core.errors import GraphError
    from kgraph.sparql.push import push

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = tmp_path / f"kgraph-push-{gone.pid}-x1"
    live = tmp_path / f"kgraph-push-{os.getpid()}-x2"
    other = tmp_path / "kgraph-pushed-notes"
    for folder in (stale, live, other):
        folder.mkdir()
        (folder / "0.ttl").write_text("<http://example.org/a> <http://example.org/b> 1 .\n", encoding="utf-8")
    graph = tmp_path / "g.ttl"
    graph.write_text("<http://example.org/a> <http://example.org/b> 1 .\n", encoding="utf-8")
    with pytest.raises(GraphError):
        push(graph, "http://127.0.0.1:9/store", timeout=5)  # nothing listens there
    assert not stale.exists() and live.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["g.ttl", live.name, other.name])


# ---------------------------------------------------------------- files that report no size are not read


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/status"), reason="no /proc")
@pytest.mark.parametrize("name", ["/proc/self/status", "/proc/self/cgroup"])
def test_a_kernel_file_reporting_no_size_is_not_read_as_an_article(tmp_path, name):
    # A gold file's "document" (or a named input) of /proc/kmsg waited for ever for the kernel's next message,
    # and /proc/self/* files were read as articles (the machine's state into a graph).
    from pathlib import Path

    from kgraph.sources.ingest import IngestWarning

    with pytest.warns(IngestWarning, match="empty, skipped"):
        assert list(read_inputs([Path(name)])) == []
    link = tmp_path / "kernel.jsonl"
    link.symlink_to(name)
    assert list(read_inputs([link])) == []


# ---------------------------------------------------------------- file names printed on a terminal


def test_the_files_a_build_or_view_wrote_are_named_without_the_controls_of_their_names(tmp_path):
    # "wrote v<ESC>[2J.html" cleared the screen; an output folder named with ESC ]52 wrote the clipboard, and one
    # with a line break printed a line of its own.
    import subprocess
    import sys

    from .conftest import ROOT

    (tmp_path / "a.txt").write_text("Mara Quell met Odo Brandt in Tarvo on Monday.", encoding="utf-8")
    out = "od\x1b]52;c;aGk=\x07x\nFAKE"
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "kgraph", "build", "a.txt", "--output", out, "--jobs", "1",
                          "--format", "ttl"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "wrote od\\x1b]52;c;aGk=\\x07x\\nFAKE/graph.ttl" in run.stdout
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout and "\nFAKE" not in run.stdout
    view = subprocess.run([sys.executable, "-m", "kgraph", "view", f"{out}/graph.ttl", "--output", "v\x1b[2J.html"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert view.returncode == 0, view.stderr
    assert "wrote v\\x1b[2J.html" in view.stdout and "\x1b" not in view.stdout
