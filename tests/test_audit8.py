"""Hostile input found by the eighth adversarial audit (stop 67): each test failed on the code before its fix."""

from __future__ import annotations

import unicodedata

import pytest

# ---------------------------------------------------------------- a storm of combining marks

#: "a", then marks of combining class 230 and 220 in the order normalising must reverse: CPython sorts such a run
#: by insertion, its time growing with the run squared (80,000 marks, 160 kB, took 16 s).
STORM = "a" + "\u0301" * 2000 + "\u0316" * 2000


def test_a_storm_of_combining_marks_is_cut_before_text_is_normalised():
    from kgraph.sources.ingest import sanitize

    text = sanitize(f"Mara Quell visited Tolvenna{STORM} on Monday.")
    assert len(text) < 100, len(text)  # 30 marks kept (and the first composed with its letter)
    assert text.startswith("Mara Quell visited Tolvenna\u00e1") and text.endswith(" on Monday.")
    # Real text of many marks keeps every one: Vietnamese, Devanagari, Tibetan (a vowel made of two marks).
    real = "Nguyễn Thị Minh Khai met ज्ञानेश्वर in བོད་ཡིག ཀཱི and a\u0301\u0316."
    assert sanitize(real) == unicodedata.normalize("NFC", real)


def test_a_label_of_a_graph_file_is_cut_the_same_before_its_lookup_key_is_made():
    from kgraph.evaluate import normalize_name
    from kgraph.sources import gazetteer

    # `review` reads labels from any graph file (not sanitized): two 160 kB labels took it 54 s.
    assert len(gazetteer.norm(f"Zed {STORM}")) < 100
    assert len(normalize_name(f"Zed {STORM}")) < 100  # a gold file's names, in `evaluate`
    assert gazetteer.norm("Nguyễn Thị Minh Khai") == unicodedata.normalize("NFKC", "Nguyễn Thị Minh Khai").casefold()


# ---------------------------------------------------------------- characters that show nothing


def test_characters_that_show_nothing_do_not_make_a_second_entity_that_looks_the_same():
    from kgraph.sources.ingest import sanitize

    # the Arabic letter mark (a bidirectional mark, as LRM and RLM are), soft hyphen, combining grapheme joiner,
    # Hangul fillers, deprecated format characters, a musical format character, tag characters ("AB" hidden)
    for c in ("\u061c", "\u00ad", "\u034f", "\u3164", "\uffa0", "\u206a", "\U0001d173", "\U000e0041\U000e0042",
              "\U000e0001"):
        assert sanitize(f"Ma{c}ra Quell of Corvex{c} Labs") == "Mara Quell of Corvex Labs", repr(c)
    # joiners that scripts need stay: a Devanagari conjunct, a Persian word, an emoji sequence
    for kept in ("क्\u200dष", "می\u200cخواهم", "\U0001f468\u200d\U0001f469", "葛\U000e0100"):
        assert sanitize(kept) == kept


# ---------------------------------------------------------------- bidirectional controls of a graph file on the page


def test_bidirectional_controls_of_a_graph_file_show_as_replacement_characters_on_the_page():
    import json

    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

    from kgraph.core.vocab import KG
    from kgraph.page.visualize import graph_data, render_data

    # `kgraph view` of someone's graph file: "\u202egnp.exe" reads "exe.png", and the override runs on into
    # the text after the name in its panel row
    g = Graph()
    a, b, art = (URIRef(f"http://example.org/{x}") for x in ("a", "b", "art"))
    g.add((a, RDF.type, KG.Person))
    g.add((a, RDFS.label, Literal("\u202egnp.exe")))
    g.add((a, SKOS.altLabel, Literal("Ivo \u2067Brandt")))
    g.add((b, RDF.type, KG.Organization))
    g.add((b, RDFS.label, Literal("Corvex Labs")))
    g.add((a, KG.worksFor, b))
    g.add((art, RDF.type, KG.Article))
    g.add((art, DCTERMS.title, Literal("Headline \u202dsdrawkcab")))
    data = graph_data(g).data
    shown = json.dumps([[n["label"], n["alt"]] for n in data["nodes"]] + [a["title"] for a in data["articles"]],
                       ensure_ascii=False)
    assert "\u202e" not in shown and "\u2067" not in shown and "\u202d" not in shown
    assert "\ufffdgnp.exe" in shown and "Headline \ufffdsdrawkcab" in shown
    page = render_data(graph_data(g), title="graph\u202eltt.html")
    assert "\u202e" not in page and "\u2067" not in page


# ---------------------------------------------------------------- names marked in a sentence holding emoji


def test_the_names_marked_in_a_sentence_holding_characters_beyond_the_bmp_are_the_names():
    from rdflib import BNode, Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS

    from kgraph.core.vocab import KG
    from kgraph.page.visualize import graph_data

    # The graph counts code points; the page's strings count UTF-16 units, two for an emoji or a bold letter.
    sentence = "The \U0001d401\U0001d42b\U0001d422\U0001d41e\U0001d41f \U0001f1fa\U0001f1e6 says Mara Quell works for Corvex Labs."
    a, b = URIRef("http://example.org/a"), URIRef("http://example.org/b")
    g = Graph()
    for node, kind, label in ((a, KG.Person, "Mara Quell"), (b, KG.Organization, "Corvex Labs")):
        g.add((node, RDF.type, kind))
        g.add((node, RDFS.label, Literal(label)))
    g.add((a, KG.worksFor, b))
    ev, start = BNode(), 100
    for p, o in ((RDF.type, KG.Evidence), (RDF.subject, a), (RDF.predicate, KG.worksFor), (RDF.object, b),
                 (KG.sentence, Literal(sentence)), (KG.start, Literal(start))):
        g.add((ev, p, o))
    for p, name in ((KG.subjectStart, "Mara Quell"), (KG.objectStart, "Corvex Labs")):
        at = start + sentence.index(name)
        g.add((ev, p, Literal(at)))
        g.add((ev, KG.subjectEnd if p == KG.subjectStart else KG.objectEnd, Literal(at + len(name))))
    (edge,) = graph_data(g).data["edges"]
    units = sentence.encode("utf-16-le")
    marked = [units[2 * i:2 * j].decode("utf-16-le", "replace") for i, j in edge["evidence"][0]["marks"]]
    assert marked == ["Mara Quell", "Corvex Labs"]


# ---------------------------------------------------------------- a disk too full for the Oxigraph store


def _small_files(limit: int):
    """Return a preexec_fn giving the child a file-size limit: its writes past ``limit`` bytes fail (EFBIG)."""
    def set_limit():
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return set_limit


def test_a_query_on_a_disk_too_full_for_its_store_is_answered_from_memory(tmp_path):
    import subprocess
    import sys

    graph = tmp_path / "graph.ttl"
    graph.write_text("@prefix ex: <http://example.org/> .\n"
                     + "".join(f"ex:n{i} ex:p ex:n{i + 1} ; ex:label \"node {i} of a chain\" .\n" for i in range(300)),
                     encoding="utf-8")
    # The store cannot be written (a full disk; here a file-size limit): the worker tried to build it again and
    # ended in "Error: cannot load the graph: AssertionError: daemonic processes are not allowed to have children".
    done = subprocess.run([sys.executable, "-m", "kgraph", "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                           "--graph", str(graph), "--store", "oxigraph", "--format", "csv"],
                          capture_output=True, text=True, timeout=120, preexec_fn=_small_files(40_000))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["n", "600"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]  # no half-built store left


# ---------------------------------------------------------------- text a browser never shows


PAGE = ("<html><head><title>Plant closes</title></head><body><article><h1>Plant closes</h1><p>Mara Quell, the "
        "spokesperson for Corvex Labs, said the plant in Tolvenna would close on Monday after talks failed with the "
        "unions of the region.</p>{}<p>Ivo Brandt of Corvex Labs agreed and said the workers would be paid until "
        "the end of the year.</p></article></body></html>")
PLANTED = "Oskar Venn works for Hollow Ridge Capital in the town"


def test_text_a_browser_never_shows_is_no_article_text():
    from kgraph.sources.ingest import html_to_text

    # A page could plant relations its reader never sees: trafilatura read these (it drops only "display:none"
    # and "display: none" written just so, scripts, styles and noscript).
    for hidden in (f"<template><p>{PLANTED}.</p></template>", f"<p hidden>{PLANTED}.</p>",
                   f"<div hidden=''><p>{PLANTED}.</p></div>", f"<p style='color: red; DISPLAY : none'>{PLANTED}.</p>",
                   f"<p style='Visibility:\tHidden'>{PLANTED}.</p>",
                   f"<p>The talks went on <span hidden>{PLANTED}</span> and the visible tail stays.</p>"):
        text = html_to_text(PAGE.format(hidden))[0]
        assert "Oskar Venn" not in text, hidden
        assert "Mara Quell" in text and "Ivo Brandt" in text
    assert "the visible tail stays" in text  # an element's tail is the page's, not the hidden element's
    # Text a reader can open stays: a hidden="until-found" section (shown by the browser's search), <details>.
    for shown in (f"<div hidden='until-found'><p>{PLANTED}.</p></div>",
                  f"<details><summary>More</summary><p>{PLANTED}.</p></details>"):
        assert "Oskar Venn" in html_to_text(PAGE.format(shown))[0]


# ---------------------------------------------------------------- the page's index of names


@pytest.mark.browser
def test_the_page_indexes_entities_sharing_a_name_without_scanning_the_name_s_list(tmp_path):
    from pathlib import Path

    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, RDFS, SKOS

    from kgraph.core.vocab import KG
    from kgraph.page.visualize import write_page

    if not Path("/usr/bin/chromium").exists():
        pytest.skip("/usr/bin/chromium not installed")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    # A graph file whose entities all carry one other name: the page looked each entity up in that name's list
    # while indexing names, the entities squared (100,000 held the page 32 s before it was drawn).
    n, base = 300, "http://example.org/entity/"
    g = Graph()
    for i in range(n):
        e = URIRef(f"{base}{i}")
        g.add((e, RDF.type, KG.Person))
        g.add((e, RDFS.label, Literal(f"Person {i}")))
        g.add((e, SKOS.altLabel, Literal("Spokesperson")))
    page = tmp_path / "graph.html"
    write_page(g, page)
    # Count the list entries that indexOf scans looking for an entity's IRI while the page loads.
    count = ("(() => { window.__scanned = 0; const f = Array.prototype.indexOf; Array.prototype.indexOf = function (x) {"
             f" if (typeof x === 'string' && x.startsWith('{base}')) window.__scanned += this.length;"
             " return f.apply(this, arguments); }; })()")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        try:
            p = b.new_page(bypass_csp=True)
            p.add_init_script(count)
            p.goto(page.resolve().as_uri())
            p.wait_for_selector('body[data-ready="1"]', state="attached", timeout=60_000)
            scanned = p.evaluate("window.__scanned")
            assert p.evaluate("kgraph.data.nodes.length") == n
        finally:
            b.close()
    assert scanned < 10 * n, scanned  # each entity's names once: no list scanned per entity
