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
