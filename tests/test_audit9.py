"""Hostile input found by the ninth adversarial audit: each test failed on the code before its fix."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import main

from .test_browser import browser  # noqa: F401 - the fixture

# ---------------------------------------------------------------- an output that names an input

GOLD = {"document": "a.txt",
        "entities": [{"id": "p", "type": ["Person"], "names": ["Mara Quell"]},
                     {"id": "o", "type": ["Organization"], "names": ["Tolvenna Works"]}],
        "relations": [{"subject": "p", "predicate": ["worksFor"], "object": "o"}]}


@pytest.mark.parametrize("target", ["a.json", "a.txt", "link.txt"])
def test_the_evaluation_report_never_replaces_a_gold_file_or_its_article(tmp_path, monkeypatch, target):
    (tmp_path / "a.txt").write_text("Mara Quell works for Tolvenna Works in Brask.\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.chdir(tmp_path)
    # `kgraph evaluate --gold a.json --json a.json` read the gold, built the article, then wrote the report over it.
    res = CliRunner().invoke(main, ["evaluate", "--gold", "a.json", "--json", target])
    assert res.exit_code == 1, res.output
    assert "Error:" in res.output and "which it would replace" in res.output
    assert "Traceback" not in res.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_train_refuses_to_write_its_model_over_its_data(tmp_path):
    data = tmp_path / "train.json"
    data.write_text("[]", encoding="utf-8")
    for option in ("--output", "--doc-output"):
        res = CliRunner().invoke(main, ["train", "--data", str(data), option, str(data)])
        assert res.exit_code == 2 and "names the --data file" in res.output, res.output
        assert data.read_text(encoding="utf-8") == "[]"


def test_same_file_sees_links_and_tells_missing_files_apart(tmp_path):
    from kgraph.core.atomic import same_file

    a = tmp_path / "a.ttl"
    a.write_text("x", encoding="utf-8")
    (tmp_path / "hard.ttl").hardlink_to(a)
    (tmp_path / "soft.ttl").symlink_to(a)
    assert same_file(a, tmp_path / "hard.ttl") and same_file(a, tmp_path / "soft.ttl")
    assert not same_file(a, tmp_path / "missing.ttl") and not same_file(tmp_path / "x\0", a)


# ---------------------------------------------------------------- lookalike letters of another script

def test_a_word_mixing_latin_with_cyrillic_or_greek_lookalikes_is_read_in_its_main_script():
    from kgraph.sources.ingest import sanitize

    # "Mаra" with a Cyrillic a (U+0430), "Vlаdimir" likewise, "Москвa" with a Latin a, "Αthens" with a Greek Alpha:
    # each made a second entity that looks like the first on the page and that no search for the name finds.
    text = "M\u0430ra Quell met Vl\u0430dimir Petrov in \u041c\u043e\u0441\u043a\u0432a and \u0391thens."
    out = sanitize(text)
    assert out == "Mara Quell met Vladimir Petrov in \u041c\u043e\u0441\u043a\u0432\u0430 and Athens."
    assert len(out) == len(text)  # one character for one: offsets stay
    # A word of one script, or mixing in letters with no twin in the other, stays as written.
    for kept in ("\u0395\u03bb\u03bb\u03ac\u03b4\u03b1", "\u0394Hf", "X\u0434", "\u03b2-carotene", "\u041c\u043e\u0441\u043a\u0432\u0430",
                 "\u03a9mega", "iPhone"):
        assert sanitize(kept) == kept


def test_unmixing_scripts_is_linear_on_a_long_word_of_both(tmp_path):
    import time

    from kgraph.sources.ingest import unmixed_scripts

    started = time.perf_counter()
    assert unmixed_scripts("a\u0434" * 200_000) == "a\u0434" * 200_000  # \u0434 has no Latin twin: kept
    assert unmixed_scripts(("x" * 50 + "\u0430 ") * 8_000).count("\u0430") == 0
    assert time.perf_counter() - started < 10  # each word looked at once (a rescan per letter took minutes)


def test_two_articles_naming_one_person_with_a_lookalike_letter_give_one_entity(tmp_path):
    from kgraph.sources.ingest import read_inputs

    (tmp_path / "a.txt").write_text("Mara Quell works for Tolvenna Works in Brask.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("M\u0430ra Quell met the mayor of Brask.\n", encoding="utf-8")
    texts = sorted(a.text for a in read_inputs([tmp_path]))
    assert all("\u0430" not in t for t in texts) and any(t.startswith("Mara Quell met") for t in texts)


def test_review_suggests_merging_labels_that_differ_by_a_lookalike_letter(tmp_path):
    path = tmp_path / "g.ttl"
    path.write_text('@prefix kg: <https://w3id.org/kgraph/ontology#> .\n'
                    '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                    '<https://w3id.org/kgraph/id/person/Mara_Quell> a kg:Person ; rdfs:label "Mara Quell" ;\n'
                    '    kg:mentionCount 4 .\n'
                    '<https://w3id.org/kgraph/id/person/M_ra_Quell> a kg:Person ; rdfs:label "M\\u0430ra Quell" ;\n'
                    '    kg:mentionCount 1 .\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(path), "--json"])
    assert result.exit_code == 0, result.output
    merges = [i for i in json.loads(result.output)["corrections"] if i["action"] == "merge"]
    assert len(merges) == 1 and merges[0]["keep"].endswith("/Mara_Quell"), result.output


# ---------------------------------------------------------------- bidirectional controls from an older graph, in IRIs

def _bidi_graphs():
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from kgraph.core.vocab import KG

    new, old = Graph(), Graph()
    a, b = URIRef("https://w3id.org/kgraph/id/person/\u202egnp.exe"), URIRef("https://w3id.org/kgraph/id/organization/Corvex")
    for g in (new, old):
        g.add((a, RDF.type, KG.Person))
        g.add((a, RDFS.label, Literal("Ivo Brandt")))
        g.add((b, RDF.type, KG.Organization))
        g.add((b, RDFS.label, Literal("Corvex Labs")))
        g.add((a, KG.worksFor, b))
    gone = URIRef("https://w3id.org/kgraph/id/person/Gone")
    old.add((gone, RDF.type, KG.Person))
    old.add((gone, RDFS.label, Literal("\u202egnp.exe Gone\u2067 One")))
    old.add((gone, KG.worksFor, b))
    return new, old


def test_the_names_an_older_graph_held_show_bidirectional_controls_as_replacement_characters():
    from kgraph.page.visualize import graph_data

    # `kgraph view NEW --since OLD`: the page listed what is gone with OLD's labels as they were ("\u202egnp.exe"
    # reads "exe.png"), while the newer graph's labels were already shown with U+FFFD.
    new, old = _bidi_graphs()
    changes = graph_data(new, since=old, since_name="old\u202elttl.ttl").data["changes"]
    text = json.dumps(changes, ensure_ascii=False)
    assert "\u202e" not in text and "\u2067" not in text, text
    assert "\ufffdgnp.exe Gone\ufffd One" in changes["goneNodes"] and changes["since"] == "old\ufffdlttl.ttl"
    # an article with no dcterms:identifier is listed by its IRI's last part
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from kgraph.core.vocab import KG

    new.add((URIRef("https://w3id.org/kgraph/article/\u202efdp.exe"), RDF.type, KG.Article))
    assert [a["id"] for a in graph_data(new).data["articles"]] == ["\ufffdfdp.exe"]


@pytest.mark.browser
def test_an_iri_holding_bidirectional_controls_shows_them_as_replacement_characters_in_its_panel(browser, tmp_path):
    from urllib.parse import quote

    from kgraph.page.visualize import write_page

    new, _old = _bidi_graphs()
    path, _page = write_page(new, tmp_path / "graph.html")
    page = browser.new_page()
    errors: list = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri() + "#sel=" + quote("https://w3id.org/kgraph/id/person/\u202egnp.exe", safe=""))
    page.wait_for_function("document.body.innerText.indexOf('gnp.exe') >= 0")
    text = page.inner_text("body")
    page.close()
    assert not errors
    assert "\u202e" not in text and "person/\ufffdgnp.exe" in text  # the IRI row, and the data keeps the IRI


# ---------------------------------------------------------------- a graph file that is no file

@pytest.mark.parametrize("args", [["view", "{g}", "-o", "{d}/x.html"], ["validate", "{g}"], ["review", "{g}"],
                                  ["query", "people", "{g}"], ["push", "{g}", "--endpoint", "http://127.0.0.1:9/s"],
                                  ["view", "{d}/ok.ttl", "--since", "{g}", "-o", "{d}/y.html"]])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_graph_file_that_is_a_fifo_or_a_device_is_named_as_such(tmp_path, args, kind):
    import os

    g = tmp_path / "graph.ttl"
    if kind == "fifo":
        os.mkfifo(g)
    else:
        g.symlink_to("/dev/null")
    (tmp_path / "ok.ttl").write_text("", encoding="utf-8")
    # It said "graph file not found: graph.ttl" of a file that is there, as if a typo were to blame.
    res = CliRunner().invoke(main, [a.format(g=g, d=tmp_path) for a in args])
    assert res.exit_code == 1, res.output
    what = "a FIFO (named pipe)" if kind == "fifo" else "a character device"
    assert f"Error: cannot read graph file {g}: it is {what}, not a file" in res.output, res.output
