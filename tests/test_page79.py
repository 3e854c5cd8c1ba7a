"""Round page79: the network page read as an analyst would (451 development articles): search as people type names,
and the names a screen reader gives the page's buttons, each fixed with a test that fails on the code before it.
Invented corpora only; see the round's section in docs/development.md.
"""

from __future__ import annotations

import pytest

from kgraph.core.model import Article, Entity, Fact, KnowledgeBase
from kgraph.graph import rdf
from kgraph.page import visualize

from .test_browser import browser, open_page  # noqa: F401 (fixtures)
from .test_visualize import _stated


def _veltria_page(tmp_path):
    """A small invented land: its chancellor, a namesake, a German name with an umlaut, a chancellery."""
    E = Entity
    land = E("country/veltria", "Country", "Veltria", articles=("a1", "a2"), mentions=9)
    henrik = E("person/henrik", "Person", "Henrik Lindqvist", articles=("a1", "a2"), mentions=6)
    joerg = E("person/joerg", "Person", "Jörg Brückner", articles=("a2",), mentions=3)
    anna = E("person/anna", "Person", "Anna Brueckner", articles=("a2",), mentions=1)
    office = E("organization/chancellery", "Organization", "Chancellery of Veltria", articles=("a1",), mentions=2)
    city = E("place/korva", "Place", "Korva", articles=("a1",), mentions=2)
    s1 = "Henrik Lindqvist was born in Veltria and leads Veltria from Korva."
    s2 = "Jörg Brückner, a citizen of Veltria, met Anna Brueckner of the Chancellery of Veltria."
    text2 = s2
    facts = [Fact(henrik.key, p, land.key, evidence=(("a1", _stated(henrik, p, land, s1)),))
             for p in ("citizenOf", "leaderOf", "worksFor")]
    facts += [Fact(city.key, "locatedIn", land.key, evidence=(("a1", _stated(city, "locatedIn", land, s1)),)),
              Fact(joerg.key, "citizenOf", land.key, evidence=(("a2", _stated(joerg, "citizenOf", land, s2)),)),
              Fact(anna.key, "worksFor", office.key, evidence=(("a2", _stated(anna, "worksFor", office, s2)),)),
              Fact(office.key, "basedIn", land.key, evidence=(("a2", _stated(office, "basedIn", land, s2)),))]
    articles = (Article("a1", s1, title="Veltria's chancellor at home"), Article("a2", text2, title="A meeting in Korva"))
    kb = KnowledgeBase(articles=articles, entities=(land, henrik, joerg, anna, office, city), facts=tuple(facts))
    return visualize.write_page(rdf.to_graph(kb), tmp_path / "veltria.html")[0]


FIRST = "q => { const s = document.querySelector('#search'); s.value = q; s.dispatchEvent(new Event('input')); " \
        "const b = document.querySelector('#results li button'); return b ? b.innerText.trim() : null; }"


@pytest.mark.browser
def test_a_name_is_found_as_people_type_it(open_page, tmp_path):
    # "President Obama", "Chancellor Merkel", "Mrs Merkel", "Merkel's", "Obama Barack" found no entity on 451
    # articles (only sentences, or nothing), and "Schroeder" found another man than Gerhard Schröder.
    page = open_page(_veltria_page(tmp_path), viewport=(1280, 800))
    for query in ("Chancellor Lindqvist", "Mr Henrik Lindqvist", "Lindqvist's", "lindqvist henrik"):
        assert page.js(FIRST, query).startswith("Henrik Lindqvist"), query
    # a title dropped is said, so that the reader knows what was matched
    assert "found by “lindqvist”" in page.js(FIRST, "Chancellor Lindqvist")
    assert sorted(page.js("kgraph.find('Brueckner').map(n => n.label)")) == ["Anna Brueckner", "Jörg Brückner"]
    assert page.js("kgraph.find('Brückner').map(n => n.label)") == ["Jörg Brückner"]
    # a person's whole words only once a word is dropped: no chancellery, and a misspelt word is not dropped
    assert page.js("kgraph.find('Veltrian Chancellery').map(n => n.label)") == []
    assert page.js(FIRST, "Henrk Lindqvist") == "Henrik Lindqvist · close spelling"
    page.check_clean()


@pytest.mark.browser
def test_buttons_are_named_in_words_and_say_what_they_act_on(open_page, tmp_path):
    # A screen reader read the "only" buttons as the graph's code ("Show only leaderOf"), and a person's facts about
    # one country as "evidence, evidence, evidence".
    page = open_page(_veltria_page(tmp_path), viewport=(1280, 800))
    names = page.js("Array.from(document.querySelectorAll('#pred-filters button.only, #type-filters button.only'))"
                    ".map(b => [b.getAttribute('aria-label'), b.title])")
    assert ["Show only leader of relations", "Show only leader of relations (again: every kind)"] in names
    assert ["Show only people", "Show only people (again: every type)"] in names
    code = page.js("kgraph.data.predicates.map(p => p.name)")
    assert not [n for n in names if any(c in " ".join(n) for c in code)], names
    page.js("id => kgraph.selectNode(id)", page.js("kgraph.data.nodes.find(n => n.label === 'Henrik Lindqvist').id"))
    page.settle()
    said = page.js("Array.from(document.querySelectorAll('#details button')).filter(b => b.textContent === 'evidence')"
                   ".map(b => b.getAttribute('aria-label') || b.textContent)")
    assert len(said) == 3 and len(set(said)) == 3, said
    assert "Evidence: Henrik Lindqvist leader of Veltria" in said
    page.check_clean()


@pytest.mark.browser
def test_a_communitys_members_are_saved_as_a_list(open_page, tmp_path):
    # "what is in this community": its panel listed 50 members at a time, and the whole list as a file took the
    # Export panel's "Only what is highlighted", in another part of the page.
    page = open_page(_veltria_page(tmp_path), viewport=(1280, 800))
    page.page.click("#community-list button.community-link")
    page.settle()
    assert page.page.locator("#details button.act-community-csv").count() == 1
    rows = page.download("#details button.act-community-csv").splitlines()
    listed = page.js("Array.from(document.querySelectorAll('#details .community-members li button')).map(b => b.textContent)")
    assert rows[0].startswith("id,label,type,community,mentions")
    assert [r.split(",")[1] for r in rows[1:]] == listed and len(listed) >= 3, (rows, listed)
    page.check_clean()
