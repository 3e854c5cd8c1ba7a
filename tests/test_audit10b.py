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


def _proto_names_kb() -> KnowledgeBase:
    """Entities named as inherited properties: "constructor" a person and an organization, "__proto__", "toString"."""
    E = Entity
    ctor_p = E("person/ctor", "Person", "constructor", articles=("a1",), mentions=2)
    ctor_o = E("organization/ctor", "Organization", "constructor", articles=("a1",), mentions=1)
    proto = E("person/proto", "Person", "__proto__", articles=("a1",), mentions=1)
    tostr = E("organization/tostr", "Organization", "toString", articles=("a1",), mentions=1)
    ann = E("person/ann", "Person", "Ann Roe", articles=("a1",), mentions=1)
    s1, s2, s3 = "__proto__ works for toString.", "constructor works for toString.", "Ann Roe works for constructor."
    facts = (Fact(proto.key, "worksFor", tostr.key, evidence=(("a1", _stated(proto, "worksFor", tostr, s1)),)),
             Fact(ctor_p.key, "worksFor", tostr.key, evidence=(("a1", _stated(ctor_p, "worksFor", tostr, s2)),)),
             Fact(ann.key, "worksFor", ctor_o.key, evidence=(("a1", _stated(ann, "worksFor", ctor_o, s3)),)))
    return KnowledgeBase(articles=(Article("a1", "", title="Names"),), entities=(ctor_p, ctor_o, proto, tostr, ann),
                         facts=facts)


@pytest.fixture
def proto_names_page(tmp_path):
    return visualize.write_page(rdf.to_graph(_proto_names_kb()), tmp_path / "proto.html")[0]


def test_names_of_object_properties_are_listed_once_per_entity_in_the_name_boxes(open_page, proto_names_page):
    """Two entities named "constructor" were one option (the other unreachable); "__proto__" was no option."""
    page = open_page(proto_names_page)
    options = page.js("Array.from(document.querySelectorAll('#names option')).map(o => o.value)")
    assert sorted(options) == ["Ann Roe", "__proto__", "constructor (Organization)", "constructor (Person)", "toString"]


def test_a_path_between_entities_named_as_object_properties_is_found(open_page, proto_names_page):
    """A path from "__proto__" threw "Cannot read properties of undefined (reading 'articles')"."""
    page = open_page(proto_names_page)
    page.page.fill("#path-from", "__proto__")
    page.page.fill("#path-to", "constructor (Person)")
    page.page.click("#path-find")
    text = page.page.inner_text("#details")
    assert "Paths from __proto__ to constructor (Person)" in text and "1 path" in text
    assert page.errors == []


def test_the_correction_form_names_the_entity_picked_by_an_object_property_name(open_page, proto_names_page):
    page = open_page(proto_names_page)
    ann = "https://w3id.org/kgraph/id/person/ann"
    page.js("id => kgraph.selectNode(id)", ann)
    page.page.click("#details details.correct summary")
    page.page.fill('#details [data-corr="merge-input"]', "constructor (Organization)")
    page.page.click("#details button.corr-merge")
    assert page.js("kgraph.corrections().corrections") == [
        {"action": "merge", "entities": [ann, "https://w3id.org/kgraph/id/organization/ctor"], "keep": ann}]
