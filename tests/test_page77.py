"""Round page77: the network page's faults left by page76 (a namesake's facts on a line of their own, the legend's
lines, a small community far out, *only leader of* in the whole map's frame), each fixed with a test that fails on
the code before it. Invented corpora only; see the round's section in docs/development.md.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from kgraph.core.model import Article, Entity, Fact, KnowledgeBase
from kgraph.graph import rdf
from kgraph.page import visualize
from kgraph.page.visualize import analyse

from .benchmark_scripts import load
from .test_browser import browser, open_page  # noqa: F401 (fixtures)
from .test_visualize import _stated


def _hub_with_rings(hub: int, second: int, rings: int) -> tuple[int, Counter]:
    """A hub named with ``hub`` others, a second hub with ``second`` linked to it, rings of 6 each named once with one
    of the first hub's neighbours."""
    stated, n = Counter(), 1
    for _ in range(hub):
        stated[(0, n)] += 1
        n += 1
    other, n = n, n + 1
    for _ in range(second):
        stated[(other, n)] += 1
        n += 1
    stated[(0, other)] += 1
    for r in range(rings):
        for k in range(5):
            stated[(n + k, n + k + 1)] += 1
        stated[(n, n + 5)] += 1
        stated[(1 + 7 * r, n)] += 1
        n += 6
    return n, stated


def _widest_gap(result) -> float:
    """Return the widest gap between a community's disc (about its members' mean) and the nearest other one."""
    pos, discs = result["positions"], []
    for members in result["communities"]:
        cx = sum(pos[i][0] for i in members) / len(members)
        cy = sum(pos[i][1] for i in members) / len(members)
        discs.append((cx, cy, max(math.hypot(pos[i][0] - cx, pos[i][1] - cy) for i in members)))
    return max(min(math.hypot(x - px, y - py) - r - pr for b, (px, py, pr) in enumerate(discs) if b != a)
               for a, (x, y, r) in enumerate(discs))


def test_a_small_community_is_placed_near_the_rest_not_far_out():
    # With the communities packed where their own layout wanted them, a ring of 7 lay 1,070 px beyond the hub's disc
    # with nothing between, and fit-to-screen shrank the whole map to show it.
    n, stated = _hub_with_rings(900, 500, 20)
    result = analyse(n, stated, set(), [1] * n)
    assert len(result["communities"]) > 20
    assert _widest_gap(result) < 500  # 1,073 before; a ring's disc is about 200 across
    assert analyse(n, stated, set(), [1] * n)["positions"] == result["positions"]  # the same input, the same places


def _namesake_page(tmp_path):
    """A country and its football team, named alike, each in a relation of its own."""
    land = Entity("country/veltria", "Country", "Veltria", articles=("v1",), mentions=9)
    team = Entity("organization/veltria_team", "Organization", "Veltria (national team)", aliases=("Veltria",),
                  articles=("v1",), mentions=24)
    coach = Entity("person/orla", "Person", "Orla Brenvik", articles=("v1",), mentions=2)
    text = "Orla Brenvik of Veltria coaches Veltria (national team)."
    kb = KnowledgeBase(articles=(Article("v1", text, title="Brenvik stays"),), entities=(land, team, coach), facts=(
        Fact(coach.key, "worksFor", team.key, evidence=(("v1", _stated(coach, "worksFor", team, text)),)),
        Fact(coach.key, "citizenOf", land.key, evidence=(("v1", _stated(coach, "citizenOf", land, text)),))))
    return visualize.write_page(rdf.to_graph(kb), tmp_path / "namesake.html")[0]


#: The top of the line where each text of the "Same name as" row starts and ends, in order.
TEXT_LINES = """() => {
  const row = document.querySelector('#details .same-named'), out = [];
  const walk = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    const s = t.textContent, first = s.search(/\\S/);
    if (first < 0) continue;
    const r = document.createRange();
    r.setStart(t, first); r.setEnd(t, first + 1);
    const top = r.getClientRects()[0].top;
    r.setStart(t, s.trimEnd().length - 1); r.setEnd(t, s.trimEnd().length);
    out.push([s.trim(), top, r.getClientRects()[0].top]);
  }
  return out;
}"""


@pytest.mark.browser
def test_a_namesakes_facts_do_not_begin_a_line_of_their_own(open_page, tmp_path):
    # Germany's panel at 1280x800 on 450 development articles: "Same name as: Germany (national team)" wrapped so that
    # ", Organization, 24 mentions" began a line of its own, a comma first, cut from the name it describes.
    page = open_page(_namesake_page(tmp_path), viewport=(1280, 800))
    land = page.js("kgraph.data.nodes.find(n => n.label === 'Veltria').id")
    page.js("id => kgraph.selectNode(id)", land)
    texts = page.js(TEXT_LINES)
    facts = [k for k, (text, _top, _end) in enumerate(texts) if "Organization, 24 mentions" in text]
    assert len(facts) == 1 and facts[0] > 0, texts
    before, after = texts[facts[0] - 1], texts[facts[0]]
    assert before[0].endswith("team)"), texts  # the name, then its facts
    assert abs(after[1] - before[2]) < 6, texts  # the facts begin on the line where the name ends (a line is 18 px)
    page.check_clean()


LEGEND_LINES = """() => {
  const key = document.getElementById('net-legend'), line = parseFloat(getComputedStyle(key).lineHeight);
  const lines = e => Math.round(e.getBoundingClientRect().height / line);
  return {text: key.textContent, types: lines(key.querySelector('.legend-types')), how: lines(key.querySelector('.legend-how'))};
}"""


@pytest.mark.browser
def test_the_networks_key_is_a_line_for_the_nodes_and_one_for_the_lines(open_page, tmp_path):
    # At 1280x800 the key said what shapes, colours and lines mean in one sentence after the types, wrapped in the
    # middle of a phrase onto a third line ("... (wider: more / articles) · pale: confidence under 0.7").
    kb = load("bench_page").make_kb(300, 600, n_articles=80)
    path = visualize.write_page(rdf.quads(kb), tmp_path / "key.html")[0]
    page = open_page(path, viewport=(1280, 800))
    key = page.js(LEGEND_LINES)
    assert all(t in key["text"] for t in ("Person", "Organization", "Country", "Place", "colour: community")), key
    assert "pale: confidence under" in key["text"], key  # the longest key: some lines are pale
    assert key["types"] == 1 and key["how"] == 1, key
    page.check_clean()


@pytest.mark.browser
def test_only_one_kind_of_relation_frames_what_it_shows(open_page, tmp_path):
    # "only leader of" on 450 development articles kept the whole map's frame: its 253 short lines lay scattered in
    # a view framed for 1,845 entities. Shown alone, a kind is framed as Fit to screen frames it.
    kb = load("bench_page").make_kb(300, 600, n_articles=80)
    path = visualize.write_page(rdf.quads(kb), tmp_path / "only.html")[0]
    page = open_page(path, viewport=(1280, 800))
    whole = page.js("kgraph.network.getScale()")
    kinds = page.js("kgraph.data.predicates.map(p => p.name)")
    framed = {}
    for kind in kinds:
        page.page.click(f'#pred-filters label:has(input[data-predicate="{kind}"]) button.only')
        page.settle()
        scale, view = page.js("kgraph.network.getScale()"), page.js("kgraph.network.getViewPosition()")
        page.page.click("#fit")
        page.settle()
        assert page.js("kgraph.network.getScale()") == pytest.approx(scale, rel=0.01), kind  # fit twice differs a little
        assert page.js("kgraph.network.getViewPosition()") == pytest.approx(view, abs=20 / scale), kind
        framed[kind] = scale / whole
        page.page.click(f'#pred-filters label:has(input[data-predicate="{kind}"]) button.only')  # every kind again
        page.settle()
    assert max(framed.values()) > 1.1, framed  # at least one kind is drawn larger than in the whole map's frame
    page.check_clean()
