"""Identity round 76: a large city the tagger read as a body, a city named before a newspaper."""

from __future__ import annotations

import pytest

from kgraph.core.model import Article, Extraction, Mention
from kgraph.linking.link import link_extractions
from tests.probe import found_words


def types_of(kb, label):
    """Return the types of the entities labelled ``label``."""
    return sorted(str(e.type) for e in kb.entities if e.label == label)


_NEWS = ["Arvo Keskula will fly into {c} on Sunday to meet his family.",
         "With fifteen million people, {c} is growing faster than its roads."]
_MATCH = ("{c} beat Velden 2-1 on Saturday. The striker scored twice before the coach made a substitution, "
          "and the relegation fight goes on for the league's last club.")


@pytest.mark.parametrize("city, texts, kind", [
    # Example: a city of millions the tagger read as an organization in every story, none about sport.
    ("Lagos", _NEWS, "Place"),
    # Counter-examples: a match report names it (a club goes by its city's name there), a name the gazetteer
    # lists only as another city's short form, a name no gazetteer city of that size has.
    ("Lagos", _NEWS + [_MATCH], "Organization"),
    ("Roma", _NEWS, "Organization"),
    ("Velmora", _NEWS, "Organization"),
])
def test_a_large_city_tagged_a_body_outside_sport_is_the_city(city, texts, kind):
    kb = link_extractions([found_words(f"a{i}", t.format(c=city), (city, "Organization"), ("Arvo Keskula", "Person"),
                                 ("Velden", "Organization"))
                           for i, t in enumerate(texts)])
    assert {str(e.type) for e in kb.entities if e.label == city} == {kind}


@pytest.mark.parametrize("story, nodes", [
    # Example: "a weekly Brennock magazine" says where the magazine is; the town stays one node.
    ("Arvo Keskula studied in Brennock. He writes for a weekly Brennock magazine.", 1),
    # Counter-example: a kind word before the name and none after it is the company ("the carmaker Brennock").
    ("Arvo Keskula studied in Brennock. He now works for the carmaker Brennock.", 2),
])
def test_a_city_before_a_newspaper_is_no_company(story, nodes):
    town = found_words("a", "Floods hit the village of Brennock on Monday.", ("Brennock", "Place"))
    words = story.split("Brennock")
    # the story's second mention tagged an organization, its first a place
    first = len(words[0])
    second = story.index("Brennock", first + 1)
    b = Extraction(Article("b", story), (Mention("Arvo Keskula", "Person", 0, 12, "Arvo Keskula"),
                                         Mention("Brennock", "Place", first, first + 8, "Brennock"),
                                         Mention("Brennock", "Organization", second, second + 8, "Brennock")))
    kb = link_extractions([town, b])
    assert len([e for e in kb.entities if e.label == "Brennock"]) == nodes


_REPORT = ("{a} beat {b} 2-1 on Saturday. The striker scored twice before the coach made a substitution, "
           "and the relegation fight goes on in the league.")


@pytest.mark.parametrize("club, kind", [
    ("Hollin Lagos", "Organization"),  # Example: a club named after its city, taken for a place the gazetteer lacks.
    ("East Lagos", "Place"),  # Counter-example: a part of the city.
])
def test_a_place_named_after_a_city_in_match_reports_is_a_club(club, kind):
    kb = link_extractions([found_words(f"a{i}", _REPORT.format(a=club, b="Velden"), (club, "Place"), ("Velden", "Organization"))
                           for i in range(2)])
    assert types_of(kb, club) == [kind]


@pytest.mark.parametrize("clubs, kind", [
    (["Hollin Velden"], "Organization"),  # Example: "Hollin" opens one club's name of the corpus.
    (["Hollin Velden", "Hollin Tarsk"], "Place"),  # Counter-example: it opens two; which one is not said.
])
def test_a_place_word_opening_one_clubs_name_in_match_reports_is_the_club(clubs, kind):
    exs = [found_words(f"c{i}", _REPORT.format(a=club, b="Korvik"), (club, "Organization"), ("Korvik", "Organization"))
           for i, club in enumerate(clubs)]
    exs += [found_words(f"s{i}", _REPORT.format(a="Hollin", b="Korvik"), ("Hollin", "Place"), ("Korvik", "Organization"))
            for i in range(2)]
    kb = link_extractions(exs)
    assert types_of(kb, "Hollin") == [kind]


@pytest.mark.parametrize("name, nodes", [
    ("US Federal Bureau of Statistics", 1),  # Example: the name says its country ("us" is no pronoun there).
    ("Federal Bureau of Statistics", 2),  # Counter-example: a name every country's stories may use, read per country.
])
def test_an_institution_named_with_its_country_is_one_body_in_stories_about_other_countries(name, nodes):
    stories = [("p", "Portugal", f"Portugal said on Monday that the {name} had sent figures. Portugal welcomed them."),
               ("f", "France", f"France said on Tuesday that the {name} had sent figures. France thanked it.")]
    kb = link_extractions([found_words(aid, text, (country, "Country"), (name, "Organization"))
                           for aid, country, text in stories])
    assert len([e for e in kb.entities if e.label.startswith(name)]) == nodes
