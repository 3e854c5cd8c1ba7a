"""The tenth adversarial pass, second part (stop 72): the page's new texts read by a hostile corpus.

Each test failed on the code before its fix (main at caa80bc). Invented inputs only.
"""

from __future__ import annotations

import urllib.parse

import pytest

from kgraph.core.model import Article, Entity, Fact, KnowledgeBase
from kgraph.graph import rdf
from kgraph.page import visualize

from .test_browser import browser, open_page  # noqa: F401 - the fixtures
from .test_visualize import PAYLOAD_IMG, _stated

pytestmark = pytest.mark.browser

#: Names a page's script might look up on a plain object: each is a property every object inherits.
PROTO_NAMES = ("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf")


def _publishers_kb() -> KnowledgeBase:
    """One relation per publisher, each publisher named as an object's inherited property (and one payload)."""
    hub = Entity("organization/hub", "Organization", "Orsk Mills", articles=tuple(f"a{i}" for i in range(6)), mentions=6)
    ents, facts, arts = [hub], [], []
    for i, pub in enumerate(PROTO_NAMES + (PAYLOAD_IMG,)):
        person = Entity(f"person/p{i}", "Person", f"Lena Varo{'x' * i}", articles=(f"a{i}",), mentions=1)
        sentence = f"{person.label} works for {hub.label}."
        ents.append(person)
        facts.append(Fact(person.key, "worksFor", hub.key, evidence=((f"a{i}", _stated(person, "worksFor", hub, sentence)),)))
        arts.append(Article(f"a{i}", "", title=f"Story {i}", url=f"https://n{i}.example/{i}", date=f"2024-01-0{i + 1}",
                            publisher=pub))
    return KnowledgeBase(articles=tuple(arts), entities=tuple(ents), facts=tuple(facts))


@pytest.fixture
def publishers_page(tmp_path):
    return visualize.write_page(rdf.to_graph(_publishers_kb()), tmp_path / "pubs.html")[0]


def _sources(page):
    return page.js("""Array.from(document.querySelectorAll('#source-filters label')).map(l =>
        [l.querySelector('input').getAttribute('data-source'), l.querySelector('.count').textContent])""")


def test_publishers_named_as_object_properties_each_get_their_box_and_count(open_page, publishers_page):
    """A publisher "constructor" counted "function Object() { [native code] }1 articles"; "__proto__" had no box."""
    page = open_page(publishers_page)
    assert sorted(_sources(page)) == sorted([name, "1 article"] for name in PROTO_NAMES + (PAYLOAD_IMG,))
    assert page.js("window.__pwned") is None and page.js("document.querySelectorAll('img').length") == 0


@pytest.mark.parametrize("publisher", PROTO_NAMES)
def test_unticking_a_publisher_named_as_an_object_property_hides_what_it_states(open_page, publishers_page, publisher):
    page = open_page(publishers_page)
    before = len(page.js("kgraph.visible().relations"))
    page.page.uncheck(f'#source-filters input[data-source="{publisher}"]')
    page.settle()
    assert len(page.js("kgraph.visible().relations")) == before - 1
    # kept in the view's URL and restored from it
    fragment = page.js("location.hash")
    assert urllib.parse.quote(publisher) in fragment or publisher in urllib.parse.unquote(fragment)
    again = open_page(publishers_page, fragment=fragment)
    assert not again.page.is_checked(f'#source-filters input[data-source="{publisher}"]')
    assert len(again.js("kgraph.visible().relations")) == before - 1
