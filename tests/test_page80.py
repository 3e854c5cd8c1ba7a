"""Round page80: page79's leftovers on the network page: how a trained model's statement is said, a search after a
leading article ("the EU"), and what a search that finds nothing says it searched, each with a test that fails on
the code before it. Invented corpora only; see the round's section in docs/development.md.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from kgraph.core.model import Article, Entity, Fact, KnowledgeBase, Mention, Relation
from kgraph.graph import rdf
from kgraph.page import visualize

from .test_browser import browser, open_page  # noqa: F401 (fixtures)
from .test_visualize import _stated

E = Entity


def _korvania_page(tmp_path):
    """An invented union, its parliament's members, a chancellor one sentence names with her land, one it does not."""
    union = E("organization/ku", "Organization", "Korvanian Union", aliases=("KU",), articles=("a1",), mentions=4)
    mps = E("organization/mps", "Organization", "Members of the Korvanian Parliament", articles=("a1",), mentions=2)
    hague = E("place/hague", "Place", "The Hague", articles=("a1",), mentions=1)
    land = E("country/veltria", "Country", "Veltria", articles=("a1", "a2"), mentions=5)
    anna = E("person/anna", "Person", "Anna Lindqvist", articles=("a1",), mentions=3)
    boris = E("person/boris", "Person", "Boris Tamm", articles=("a2",), mentions=2)
    s1 = "Veltria's Chancellor Anna Lindqvist told the KU and Members of the Korvanian Parliament in The Hague."
    s3 = "The Korvanian Union sits in The Hague."
    t1 = s1 + " " + s3
    # a model's statement of an article with no sentence naming both: the sentence names Boris Tamm, Veltria is
    # named in the next one (the object's offsets lie outside the evidence sentence)
    t2 = "Boris Tamm spoke for an hour. Veltria's parliament then voted."
    s2 = t2[:t2.index(".") + 1]
    tamm = Mention("Boris Tamm", "Person", 0, 10, "Boris Tamm")
    velt = Mention("Veltria", "Country", t2.index("Veltria"), t2.index("Veltria") + 7, "Veltria")
    facts = (
        Fact(anna.key, "leaderOf", land.key, evidence=(("a1", replace(_stated(anna, "leaderOf", land, s1), method="model:doc")),)),
        Fact(boris.key, "leaderOf", land.key, evidence=(("a2", Relation(tamm, "leaderOf", velt, 0.7, "model:doc", s2, 0, len(s2))),)),
        Fact(mps.key, "basedIn", hague.key, evidence=(("a1", _stated(mps, "basedIn", hague, s1)),)),
        Fact(union.key, "basedIn", hague.key, evidence=(("a1", _stated(union, "basedIn", hague, s3, start=len(s1) + 1)),)))
    articles = (Article("a1", t1, title="Lindqvist before the parliament"), Article("a2", t2, title="A long speech"))
    kb = KnowledgeBase(articles=articles, entities=(union, mps, hague, land, anna, boris), facts=facts)
    return visualize.write_page(rdf.to_graph(kb), tmp_path / "korvania.html")[0]


@pytest.mark.browser
def test_a_models_statement_says_whether_one_sentence_states_it(open_page, tmp_path):
    # "German Chancellor Angela Merkel" under leaderOf read "inferred by a trained model from the article": beside
    # the key's "stated or inferred", a guess, though the sentence says it outright.
    page = open_page(_korvania_page(tmp_path), viewport=(1280, 800))
    metas = {}
    for who in ("Anna Lindqvist", "Boris Tamm"):
        eid = page.js("w => { const n = kgraph.data.nodes.find(x => x.label === w).id; "
                      "return kgraph.data.edges.find(e => e.from === n && e.predicate === 'leaderOf').id; }", who)
        page.js("id => kgraph.selectEdge(id)", eid)
        meta = page.page.locator("#details .evidence .meta").first
        metas[who] = (meta.inner_text(), meta.get_attribute("title"))
    assert metas["Anna Lindqvist"] == ("confidence 0.80 · read in this sentence by a trained model", "method: model:doc")
    assert metas["Boris Tamm"] == ("confidence 0.70 · inferred by a trained model from the article: no one sentence names both",
                                   "method: model:doc")
    # the key says the two kinds in the evidence's words
    key = page.page.inner_text("#net-legend")
    assert "a relation read in a sentence or inferred ·" in key, key
    page.check_clean()


FIRST = "q => { const s = document.querySelector('#search'); s.value = q; s.dispatchEvent(new Event('input')); " \
        "const b = document.querySelector('#results li button'); return b ? b.innerText.trim() : null; }"


@pytest.mark.browser
def test_a_leading_article_is_dropped_before_names_are_matched(open_page, tmp_path):
    # "the EU" listed "Members of the European Parliament" (a substring) and not European Union.
    page = open_page(_korvania_page(tmp_path), viewport=(1280, 800))
    for query in ("the KU", "The KU", "a KU", "the Korvanian Union", "KU"):
        assert page.js("q => kgraph.find(q).map(n => n.label)", query)[0] == "Korvanian Union", query
        assert page.js(FIRST, query).startswith("Korvanian Union"), query
    assert "Members of the Korvanian Parliament" not in page.js("kgraph.find('the KU').map(n => n.label)")
    # the other name it matched is said beside it, as for "KU"
    assert page.js(FIRST, "the KU") == page.js(FIRST, "KU")
    # a name beginning with an article still matches from its start, first
    assert page.js("kgraph.find('the hague').map(n => n.label)")[0] == "The Hague"
    assert page.js("kgraph.find('Hague').map(n => n.label)")[0] == "The Hague"
    # the parliament's members are still found by their own words
    assert page.js("kgraph.find('the Korvanian Parliament').map(n => n.label)") == ["Members of the Korvanian Parliament"]
    page.check_clean()


@pytest.mark.browser
def test_a_search_that_finds_nothing_says_what_it_searched(open_page, tmp_path):
    # "No entity or article title has that name." was said though the sentences were searched too.
    page = open_page(_korvania_page(tmp_path), viewport=(1280, 800))
    said = lambda q: page.js("q => { const s = document.querySelector('#search'); s.value = q; "  # noqa: E731
                             "s.dispatchEvent(new Event('input')); return document.querySelector('#results').innerText.trim(); }", q)
    nothing = said("zzqx")
    assert nothing.startswith("No entity name, article title or sentence stating a relation holds “zzqx”"), nothing
    assert "not the articles' whole text" in nothing
    # a word of a sentence is found: the sentences were searched
    assert "1 sentence stating a relation holds “hour”" in said("hour")
    # under 3 letters only the names are searched, and it says so
    short = said("qz")
    assert short.startswith("No entity name matches “qz”") and "from 3 letters" in short, short
    page.check_clean()
