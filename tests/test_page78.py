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
