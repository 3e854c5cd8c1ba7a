"""Round page78: the network page read as an analyst would (450 development articles), page77's leftovers and the
review's findings, each fixed with a test that fails on the code before it. Invented corpora only; see the round's
section in docs/development.md.
"""

from __future__ import annotations

import pytest

from kgraph.core.model import Article, Entity, Fact, KnowledgeBase
from kgraph.graph import rdf
from kgraph.page import visualize

from .benchmark_scripts import load
from .test_browser import browser, open_page  # noqa: F401 (fixtures)
from .test_page77 import _namesake_page
from .test_visualize import _stated

#: Where "merge?" of the "Same name as" row begins, beside the line where the text before it ends.
MERGE_LINE = """() => {
  const b = document.querySelector('#details .same-named .act-merge-with'), r = document.createRange();
  const walk = document.createTreeWalker(document.querySelector('#details .same-named'), NodeFilter.SHOW_TEXT);
  let last = null;
  for (let t = walk.nextNode(); t && !b.contains(t); t = walk.nextNode()) if (t.textContent.trim()) last = t;
  const s = last.textContent.trimEnd();
  r.setStart(last, s.length - 1); r.setEnd(last, s.length);
  return [r.getClientRects()[0].top, b.getClientRects()[0].top, s];
}"""


@pytest.mark.browser
def test_merge_never_wraps_to_a_line_of_its_own(open_page, tmp_path):
    # "Germany (national team), Organization, 24 mentions merge?": in a narrow panel "merge?" could begin a line of
    # its own, away from the name it acts on. Every panel width from a phone's to a laptop's.
    page = open_page(_namesake_page(tmp_path), viewport=(1280, 800))
    land = page.js("kgraph.data.nodes.find(n => n.label === 'Veltria').id")
    alone = []
    for width in range(360, 1400, 4):
        page.page.set_viewport_size({"width": width, "height": 800})
        page.js("id => kgraph.selectNode(id)", land)
        before, merge, text = page.js(MERGE_LINE)
        if abs(merge - before) > 6:  # a line is 18 px
            alone.append((width, text))
    assert not alone, alone
    page.check_clean()


#: Invented lands, each with its leader among its citizens and places: the leader sits in the land's community.
LANDS = ("Veltria", "Korvania", "Sarnia", "Ostmark", "Lindor", "Brevia", "Calmora", "Dunholt", "Essaria", "Fennick",
         "Galdor", "Harwen")


def _leaders_page(tmp_path):
    """Twelve lands, each the hub of its citizens and places, one of the citizens its leader."""
    entities, facts, articles = [], [], []
    for k, land_name in enumerate(LANDS):
        aid, lines, rels = f"a{k}", [], []
        land = Entity(f"country/{land_name.lower()}", "Country", land_name, articles=(aid,), mentions=20)
        people = [Entity(f"person/{land_name.lower()}_{j}", "Person", f"{land_name[:3]}ra Moll{'e' * (j + 1)}n",
                         articles=(aid,), mentions=2) for j in range(12)]
        places = [Entity(f"place/{land_name.lower()}_{j}", "Place", f"{land_name[:4]}holm {'I' * (j + 1)}",
                         articles=(aid,), mentions=2) for j in range(4)]
        entities += [land, *people, *places]
        for m, (s, p) in enumerate([(people[0], "leaderOf")] + [(x, "citizenOf") for x in people]
                                   + [(x, "locatedIn") for x in places]):
            sentence = f"{s.label} is linked to {land.label} in the report."
            start = sum(len(line) + 1 for line in lines)
            lines.append(sentence)
            rels.append(Fact(s.key, p, land.key, evidence=((aid, _stated(s, p, land, sentence, start=start)),)))
        facts += rels
        articles.append(Article(aid, "\n".join(lines), title=f"Report from {land_name}"))
    kb = KnowledgeBase(articles=tuple(articles), entities=tuple(entities), facts=tuple(facts))
    return visualize.write_page(rdf.to_graph(kb), tmp_path / "leaders.html")[0]


EDGE_PX = """() => {
  const net = kgraph.network, body = net.body, out = [];
  body.edgeIndices.forEach(id => {
    const e = body.edges[id];
    if (!e.connected) return;
    const a = net.canvasToDOM({x: e.from.x, y: e.from.y}), b = net.canvasToDOM({x: e.to.x, y: e.to.y});
    out.push(Math.hypot(a.x - b.x, a.y - b.y));
  });
  return out.sort((x, y) => x - y);
}"""
PLACES = "kgraph.network.getPositions()"
ONLY_LEADER = '#pred-filters label:has(input[data-predicate="leaderOf"]) button.only'


@pytest.mark.browser
def test_one_kind_of_relation_shown_alone_is_laid_out_on_its_own_and_listed(open_page, tmp_path):
    # "only leader of" on 450 development articles: 261 short lines scattered over the whole map (each leader sits in
    # his own community beside his country), 6 px long at the filter's frame, and the panel went on describing the
    # corpus. Shown alone, a small part of the map is laid out on its own, and the kind is listed in the panel.
    path = _leaders_page(tmp_path)
    page = open_page(path, viewport=(1280, 800))
    home = page.js(PLACES)
    page.page.click(ONLY_LEADER)
    page.settle()
    lines = page.js(EDGE_PX)
    assert len(lines) == len(LANDS)
    assert lines[len(lines) // 2] > 60, lines  # each line long enough to see which name is at which end (39 px before)
    assert "Every leader of relation" in page.js("document.getElementById('details').innerText"), "the kind is listed"
    laid = page.js(PLACES)
    again = open_page(path, viewport=(1280, 800))  # the same page, the same layout
    again.page.click(ONLY_LEADER)
    again.settle()
    assert again.js(PLACES) == laid
    page.page.click(ONLY_LEADER)  # every kind again: each entity back at its place
    page.settle()
    assert page.js(PLACES) == home
    page.check_clean()


@pytest.mark.browser
def test_fit_to_screen_after_a_filters_frame_frames_it_the_same(open_page, tmp_path):
    # Fit to screen pressed after "only <kind>" had framed what it shows moved the view by up to 0.8 % in scale: a fit
    # spanned the nodes at the sizes drawn for the scale the view had before.
    for path in (_leaders_page(tmp_path), visualize.write_page(rdf.quads(load("bench_page").make_kb(300, 600, n_articles=80)),
                                                               tmp_path / "only.html")[0]):
        page = open_page(path, viewport=(1280, 800))
        moved = []
        for kind in page.js("kgraph.data.predicates.map(p => p.name)"):
            page.page.click(f'#pred-filters label:has(input[data-predicate="{kind}"]) button.only')
            page.settle()
            framed = page.js("[kgraph.network.getScale(), kgraph.network.getViewPosition()]")
            page.page.click("#fit")
            page.settle()
            fit = page.js("[kgraph.network.getScale(), kgraph.network.getViewPosition()]")
            if fit != framed:
                moved.append((kind, framed, fit))
            page.page.click(f'#pred-filters label:has(input[data-predicate="{kind}"]) button.only')
            page.settle()
        assert not moved, moved
        page.check_clean()


@pytest.mark.browser
def test_the_merge_forms_choice_of_what_to_keep_stays_inside_the_panel(open_page, tmp_path):
    # "merge?" beside a namesake (450 development articles: the Security Council, 2 and 17 mentions) opened the form
    # with "keep Security Council (Organization, 17 mentions)", a list as wide as that option: it ran off the panel's
    # right edge and the window's, its arrow out of sight.
    name = "Veltrian Council for Maritime Boundaries"
    big = Entity("organization/council", "Organization", name, articles=("c1",), mentions=17)
    small = Entity("organization/council_2", "Organization", name, articles=("c2",), mentions=2)
    land = Entity("country/veltria", "Country", "Veltria", articles=("c1",), mentions=3)
    sentence = f"The {name} is based in Veltria, its chair said."
    kb = KnowledgeBase(articles=(Article("c1", sentence, title="Council meets"), Article("c2", f"The {name} met.", title="Met")),
                       entities=(big, small, land),
                       facts=(Fact(big.key, "basedIn", land.key, evidence=(("c1", _stated(big, "basedIn", land, sentence)),)),))
    path = visualize.write_page(rdf.to_graph(kb), tmp_path / "keep.html")[0]
    page = open_page(path, viewport=(1280, 800))
    page.js("id => kgraph.selectNode(id)", page.js("kgraph.data.nodes.find(n => n.mentions === 2).id"))
    page.page.click("#details .act-merge-with")
    keep = page.js("""() => { const s = document.querySelector('#details [data-corr="merge-keep"]'),
                              side = document.getElementById('side').getBoundingClientRect();
                              return [s.hidden, s.getBoundingClientRect().right, side.right - 14, s.options[0].text]; }""")
    assert not keep[0] and "17 mentions" in keep[3], keep
    assert keep[1] <= keep[2], keep  # within the panel's padding
    page.check_clean()


ON_SCREEN = """() => {
  const net = kgraph.network, box = net.body.container.getBoundingClientRect(), pos = net.getPositions();
  return Object.keys(pos).filter(k => net.body.nodes[k] && net.body.nodeIndices.includes(k)).every(k => {
    const d = net.canvasToDOM(pos[k]);
    return d.x >= 0 && d.y >= 0 && d.x <= box.width && d.y <= box.height;
  });
}"""


@pytest.mark.browser
def test_kinds_unticked_one_by_one_get_the_same_view_as_only(open_page, tmp_path):
    # Unticking the other kinds of relation one by one leaves what "only leader of" leaves: the same layout of its
    # own, framed, and the whole map framed again when they are ticked back.
    page = open_page(_leaders_page(tmp_path), viewport=(1280, 800))
    others = page.js("kgraph.data.predicates.map(p => p.name).filter(p => p !== 'leaderOf')")
    for name in others:
        page.page.uncheck(f'#pred-filters input[data-predicate="{name}"]')
        page.settle()
    lines = page.js(EDGE_PX)
    assert len(lines) == len(LANDS) and lines[len(lines) // 2] > 60, lines  # 46 px before, in the whole map's frame
    assert page.js(ON_SCREEN)
    for name in others:
        page.page.check(f'#pred-filters input[data-predicate="{name}"]')
        page.settle()
    assert page.js(ON_SCREEN)
    page.check_clean()
