"""The network page in a real browser: Debian's chromium driven by playwright.

Skipped when /usr/bin/chromium is missing, unless KGRAPH_REQUIRE_BROWSER is set
(as in CI), where a missing browser fails. Every test checks that the page logs
no error and that no request leaves the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kgraph.graph import rdf

from kgraph.page import visualize
from kgraph.core.model import ENTITY_TYPES, PREDICATES
from kgraph.core.vocab import KG

from .conftest import ROOT
from .test_visualize import PAYLOAD_IMG, PAYLOAD_SCRIPT, small_kb

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = ROOT / "test-artifacts"
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")

HOSTILE_ARTICLE = f"""Kremlin talks {PAYLOAD_SCRIPT}

Russian President Vladimir Putin {PAYLOAD_IMG} met officials in Moscow on Monday.

Kremlin foreign policy adviser Yuri Ushakov said {PAYLOAD_SCRIPT} that the talks went well.

Yevgen Yerin, spokesperson for {PAYLOAD_IMG} Ukrainian military intelligence, disagreed.
"""


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("KGRAPH_REQUIRE_BROWSER"):
            pytest.fail(f"KGRAPH_REQUIRE_BROWSER is set but {CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} not installed")
    if os.environ.get("KGRAPH_REQUIRE_BROWSER"):
        from playwright.sync_api import sync_playwright
    else:
        sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page opened from disk, with its console errors and every request it tried."""

    def __init__(self, browser, path: Path, bypass_csp: bool = False, fragment: str = "",
                 viewport: tuple[int, int] = (1400, 900)):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]}, bypass_csp=bypass_csp,
                                     accept_downloads=True)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(Path(path).resolve().as_uri() + fragment)
        # A selector, not wait_for_function: the page's CSP forbids the eval that the latter needs.
        self.page.wait_for_selector('body[data-ready="1"]', state="attached", timeout=30_000)
        self.js("document.querySelectorAll('#panel details').forEach(d => { d.open = true; })")  # every control reachable
        self.settle()

    def settle(self, timeout: float = 30_000):
        """Wait until the view has come to rest: no move (animation, physics, key, drag, wheel zoom) running, no
        redraw or save of the view pending, and the last frame (with its names) drawn. The page says so in
        body[data-idle="1"], which it sets to "0" the moment something starts: call this after the action."""
        self.page.wait_for_selector('body[data-idle="1"]', state="attached", timeout=timeout)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            route.abort()

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)

    def drawn_nodes(self) -> list[str]:
        return self.js("kgraph.network.body.nodeIndices.slice()")

    def drawn_edges(self) -> list[dict]:
        """Return the relations drawn (several between two nodes share one drawn edge)."""
        return self.js("""kgraph.network.body.edgeIndices.filter(id => kgraph.network.body.edges[id].connected)
                          .flatMap(id => kgraph.groups(id)).map(i => kgraph.data.edges[i])""")

    def download(self, selector: str) -> str:
        """Click a button that saves a file; return the file's text."""
        with self.page.expect_download() as info:
            self.page.click(selector)
        return Path(info.value.path()).read_bytes().decode("utf-8")  # line ends as written

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def check_clean(self):
        """Assert no error was logged and nothing was fetched from outside the machine."""
        leaks = [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]
        assert not leaks, f"requests left the machine: {leaks}"
        assert not self.errors, f"browser errors: {self.errors}"

    def close(self):
        self.page.close()


@pytest.fixture
def open_page(browser):
    pages = []

    def _open(path, bypass_csp=False, fragment="", viewport=(1400, 900)):
        p = Page(browser, path, bypass_csp, fragment, viewport)
        pages.append(p)
        return p

    yield _open
    for p in pages:
        p.check_clean()
        p.close()


def _entities(g: Graph) -> dict[str, str]:
    out = {}
    for t in reversed(ENTITY_TYPES):  # Person/Organization/Place/Country; Country wins over Place
        for s in g.subjects(RDF.type, KG[t]):
            out[str(s)] = t if out.get(str(s)) != "Country" else "Country"
    return out


def _relations(g: Graph) -> set[tuple[str, str, str]]:
    ents = _entities(g)
    return {(str(s), p, str(o)) for p in PREDICATES for s, o in g.subject_objects(KG[p])
            if str(s) in ents and str(o) in ents}


def _from_articles(g: Graph) -> set[tuple[str, str, str]]:
    """Return the relations with evidence from an article (not only from the gazetteer)."""
    out = set()
    for ev in g.subjects(RDF.type, KG.Evidence):
        if (g.value(ev, PROV.wasDerivedFrom), RDF.type, KG.Article) in g:
            out.add((str(g.value(ev, RDF.subject)), str(g.value(ev, RDF.predicate))[len(str(KG)):],
                     str(g.value(ev, RDF.object))))
    return out


@pytest.fixture(scope="module")
def seed_graph(seed_build):
    _result, out = seed_build
    return Graph().parse(out / "graph.ttl"), out / "graph.html"


def test_seed_page_holds_one_node_per_entity_and_one_edge_per_relation(open_page, seed_graph):
    g, html_path = seed_graph
    page = open_page(html_path)
    ents, rels = _entities(g), _relations(g)
    assert len(ents) >= 10 and len(rels) >= 4
    # by default: the entities with a relation stated in an article, without the gazetteer's links
    stated = {(s, p, o) for s, p, o in rels if (s, p, o) in _from_articles(g)}
    assert stated
    assert {(e["from"], e["predicate"], e["to"]) for e in page.drawn_edges()} == stated
    assert set(page.drawn_nodes()) == {x for s, _p, o in stated for x in (s, o)}
    page.screenshot("seed-page.png")
    # one click each shows the rest: every entity, every relation
    page.page.check("#show-isolated")
    page.page.check("#show-gazetteer")
    assert sorted(page.drawn_nodes()) == sorted(ents)
    assert {(e["from"], e["predicate"], e["to"]) for e in page.drawn_edges()} == rels
    assert len(page.drawn_edges()) == len(rels)
    # every node keeps its preferred name; physics has settled and stopped
    labels = {str(s): str(g.value(s, RDFS.label)) for s in map(URIRef, ents)}
    assert page.js("Object.fromEntries(kgraph.data.nodes.map(n => [n.id, n.label]))") == labels
    assert page.js("kgraph.network.physics.physicsEnabled") is False
    assert f"Showing {len(ents)} of {len(ents)} entities · {len(rels)} of {len(rels)} relations" in \
        page.page.inner_text("#stats")
    assert (page.screenshot("seed-page-all.png")).stat().st_size > 10_000


def test_searching_putin_selects_the_putin_node(open_page, seed_graph):
    g, html_path = seed_graph
    (putin,) = [str(s) for s in g.subjects(RDF.type, KG.Person) if "Putin" in str(g.value(s, RDFS.label))]
    page = open_page(html_path)
    page.page.fill("#search", "Putin")
    assert "Putin" in page.page.inner_text("#results")
    page.page.press("#search", "Enter")
    assert page.js("kgraph.network.getSelectedNodes()") == [putin]
    assert "Putin" in page.page.inner_text("#details h3")
    # its neighbourhood is highlighted: Putin and the nodes he is linked to
    neighbours = {str(o) for p in PREDICATES for o in g.objects(URIRef(putin), KG[p])}
    assert set(page.js("kgraph.focus()")) == {putin} | neighbours
    page.settle()  # the focus animation has ended
    page.screenshot("seed-page-putin.png")


def test_search_finds_alternative_names(open_page, tmp_path):
    path, _ = visualize.write_page(rdf.to_graph(small_kb()), tmp_path / "p.html")
    page = open_page(path)
    page.page.fill("#search", "putin")  # only the altLabel "Putin" and the label contain it
    page.page.press("#search", "Enter")
    (sel,) = page.js("kgraph.network.getSelectedNodes()")
    assert sel.endswith("/person/putin")
    page.page.fill("#search", "nobody-has-this-name")
    assert "No entity" in page.page.inner_text("#results")


def test_filtering_out_person_hides_every_person(open_page, seed_graph):
    g, html_path = seed_graph
    ents = _entities(g)
    persons = {s for s, t in ents.items() if t == "Person"}
    assert persons
    page = open_page(html_path, fragment="#isolated=1&gazetteer=1")
    page.page.uncheck('input[data-type="Person"]')
    drawn = set(page.drawn_nodes())
    assert drawn == set(ents) - persons
    assert not [e for e in page.drawn_edges() if e["from"] in persons or e["to"] in persons]
    page.page.check('input[data-type="Person"]')
    assert set(page.drawn_nodes()) == set(ents)


def test_predicate_and_confidence_filters(open_page, tmp_path):
    path, _ = visualize.write_page(rdf.to_graph(small_kb()), tmp_path / "p.html")
    page = open_page(path, fragment="#isolated=1&gazetteer=1")
    assert {e["predicate"] for e in page.drawn_edges()} == {"leaderOf", "worksFor", "locatedIn"}
    page.page.uncheck('input[data-predicate="leaderOf"]')
    assert {e["predicate"] for e in page.drawn_edges()} == {"worksFor", "locatedIn"}
    page.page.check('input[data-predicate="leaderOf"]')
    # worksFor has confidence 0.6, leaderOf 0.9, the gazetteer's locatedIn 1.0
    page.js("v => { const r = document.getElementById('min-conf'); r.value = v; r.dispatchEvent(new Event('input')); }",
            "0.7")
    assert {e["predicate"] for e in page.drawn_edges()} == {"leaderOf", "locatedIn"}
    assert len(page.drawn_nodes()) == 5  # nodes stay; only their weak edges go


def test_clicking_a_node_highlights_its_neighbourhood_and_shows_its_names(open_page, tmp_path):
    path, _ = visualize.write_page(rdf.to_graph(small_kb()), tmp_path / "p.html")
    page = open_page(path, fragment="#gazetteer=1")
    russia = page.js("kgraph.data.nodes.find(n => n.label === 'Russia').id")
    x, y = page.js("""id => { const p = kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id]);
                              const r = document.getElementById('net').getBoundingClientRect();
                              return [p.x + r.left, p.y + r.top]; }""", russia)
    page.page.mouse.click(x, y)
    assert page.js("kgraph.network.getSelectedNodes()") == [russia]
    focus = page.js("kgraph.focus().map(id => kgraph.data.nodes.find(n => n.id === id).label)")
    assert sorted(focus) == ["Kursk", "Russia", "Vladimir Putin"]
    details = page.page.inner_text("#details")
    assert "Country" in details and "https://sws.geonames.org/2017370/" in details and "RU" in details
    assert page.page.get_attribute("#details a[href^='https://sws.geonames.org']", "href") == \
        "https://sws.geonames.org/2017370/"
    # an edge shows its role words, evidence sentences with confidence, and source articles
    page.js("kgraph.selectEdge(kgraph.data.edges.find(e => e.predicate === 'leaderOf').id)")
    details = page.page.inner_text("#details")
    for text in ("President", "leader", "Russian President Vladimir Putin spoke.", "confidence 0.90",
                 "Putin speaks", "Second", "2 evidence sentences"):
        assert text.lower() in details.lower()
    assert "2024-11-01" in details  # first and last date stated
    page.page.click("#details button.link-button >> text=Putin speaks")  # the article panel
    assert page.page.inner_text("#details h3") == "Putin speaks"
    assert page.page.get_attribute("#details a", "href") == "https://news.example/1"
    assert "noopener" in page.page.get_attribute("#details a", "rel")
    page.page.click("#clear")
    assert page.js("kgraph.focus()") == [] and page.js("kgraph.network.getSelectedNodes()") == []


def test_max_nodes_page_notes_what_was_left_out(open_page, tmp_path):
    path, _ = visualize.write_page(rdf.to_graph(small_kb()), tmp_path / "p.html", max_nodes=2)
    page = open_page(path)
    assert len(page.drawn_nodes()) == 2
    note = page.page.inner_text("#omitted")
    assert page.page.is_visible("#omitted")
    assert "Left out: 3 entities" in note and "2 relations" in note and "Kremlin" in note
    page.page.fill("#search", "kreml")  # a left-out entity: the search says so
    assert "Left out of this page by --max-nodes: Kremlin" in page.page.inner_text("#results")


def _exercise(page):
    """Open every node's, edge's and article's details, paths, exports and tooltips; search for the payloads."""
    page.page.check("#show-isolated")
    page.page.check("#show-gazetteer")
    page.js("""() => { kgraph.data.nodes.forEach(n => kgraph.selectNode(n.id));
                       kgraph.data.edges.forEach(e => kgraph.selectEdge(e.id));
                       kgraph.data.articles.forEach((a, i) => kgraph.showArticle(i));
                       kgraph.data.predicates.forEach(p => kgraph.showKind(p.name));
                       ['<img', '<script', 'pwned', 'onerror'].forEach(q => kgraph.showSentences(q));
                       kgraph.data.nodes.forEach(n => kgraph.expand(n.id)); }""")
    page.page.click("#explore-bar button >> text=Show everything")
    for q in ("<img", "<script", "pwned"):
        page.page.fill("#search", q)
        page.page.press("#search", "Enter")
    ids = page.js("kgraph.data.nodes.map(n => n.label)")
    if len(ids) >= 2:
        page.page.fill("#path-from", ids[0])
        page.page.fill("#path-to", ids[-1])
        page.page.click("#path-find")
    for sel in ("#export-gexf", "#export-nodes", "#export-edges", "#export-evidence", "#export-ttl"):
        page.download(sel)
    page.page.click("#share")
    page.page.click("#collapse-all")
    page.page.click("#expand-all")
    for node in page.drawn_nodes():
        x, y = page.js("""id => { const p = kgraph.network.canvasToDOM(kgraph.network.getPositions([id])[id]);
                                  const r = document.getElementById('net').getBoundingClientRect();
                                  return [p.x + r.left, p.y + r.top]; }""", node)
        page.page.mouse.move(x, y)
        page.page.mouse.click(x, y)
    page.settle()


# The page's Content-Security-Policy would block an injected script anyway; with it bypassed the
# tests show that the page itself never turns text into markup.
CSP_MODES = pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "csp-bypassed"])


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    """Build the hostile article with the real pipeline; return its page."""
    from kgraph.build.pipeline import build

    tmp = tmp_path_factory.mktemp("hostile")
    src = tmp / "hostile.txt"
    src.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    build([src], output=tmp / "out")
    return tmp / "out" / "graph.html"


@CSP_MODES
def test_hostile_article_runs_no_script(open_page, hostile_page, bypass_csp):
    page = open_page(hostile_page, bypass_csp)
    sentences = page.js("kgraph.data.edges.flatMap(e => e.evidence.map(v => v.sentence))")
    assert any("<img src=x" in s for s in sentences) and any("<script>" in s for s in sentences), sentences
    _exercise(page)
    assert page.js("window.__pwned") is None
    assert page.js("document.querySelectorAll('img').length") == 0
    assert page.js("document.scripts.length") == 3
    page.js("kgraph.selectEdge(kgraph.data.edges.find(e => e.evidence.some(v => v.sentence.includes('<script>'))).id)")
    assert PAYLOAD_SCRIPT in page.page.inner_text("#details")  # shown as text
    # found by its words, marked as text too
    page.js("kgraph.showSentences('<script>')")
    assert PAYLOAD_SCRIPT in page.page.inner_text("#details")
    assert "<script>" in page.js("[...document.querySelectorAll('#details mark.hit')].map(m => m.textContent)")
    assert page.js("document.scripts.length") == 3


@CSP_MODES
def test_hostile_names_titles_and_urls_run_no_script(open_page, tmp_path, bypass_csp):
    kb = small_kb(putin_label=f"Putin {PAYLOAD_IMG}", sentence=f"He said {PAYLOAD_SCRIPT} today.",
                  title=f"</script><script>window.__pwned=1</script>", url="javascript:window.__pwned=1")
    g = rdf.to_graph(kb)
    g.add((next(iter(g.subjects(RDFS.label, None))), SKOS.altLabel, Literal("<!--<script>")))
    for art in g.subjects(RDF.type, KG.Article):  # publisher and date as well
        g.add((art, DCTERMS.publisher, Literal(PAYLOAD_IMG)))
        g.set((art, DCTERMS.date, Literal(PAYLOAD_SCRIPT)))
    path, _ = visualize.write_page(g, tmp_path / "p.html", title=PAYLOAD_IMG)
    page = open_page(path, bypass_csp)
    _exercise(page)
    page.js("kgraph.selectEdge(kgraph.data.edges.find(e => e.predicate === 'leaderOf').id)")
    # the javascript: URL is shown as text, never as a link
    assert page.js("Array.from(document.querySelectorAll('a')).filter(a => !/^https?:/.test(a.href)).length") == 0
    page.page.click("#details button.link-button")
    assert page.js("window.__pwned") is None
    assert page.js("document.querySelectorAll('img').length") == 0
    assert f"Putin {PAYLOAD_IMG}" in page.page.inner_text("#details")
    assert page.page.title() == PAYLOAD_IMG
    page.js("kgraph.showArticle(0)")
    assert PAYLOAD_IMG in page.page.inner_text("#details") and PAYLOAD_IMG in page.page.inner_text("#source-filters")
    assert page.js("window.__pwned") is None and page.js("document.querySelectorAll('img').length") == 0
