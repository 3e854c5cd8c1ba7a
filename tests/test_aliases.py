"""Tests of the names a short form stands for inside one article, with the shipped entity model (invented text)."""

from __future__ import annotations

import pytest

from kgraph.core.model import Article
from kgraph.extraction.extract import extract_doc


def _extract(nlp, text):
    return extract_doc(Article("t", text), [(0, nlp(text))])


def _read(nlp, text) -> set:
    """Return the (text, name) pairs of an invented article's mentions."""
    return {(m.text, m.name) for m in _extract(nlp, text).mentions}


def test_first_of_two_surnames_alone_is_the_person(nlp):
    ex = _extract(nlp, "Prosecutors said Ramiro Ortega Salas paid two men. Ortega denies the charges.")
    assert {m.name for m in ex.mentions if m.type == "Person"} == {"Ramiro Ortega Salas"}


def test_a_lone_word_ending_another_persons_name_is_that_person_not_a_middle_name(nlp):
    text = "Lena Ruiz Cano met Tomas Ruiz on Monday. Ruiz said the talks went well."
    ex = _extract(nlp, text)
    assert ("Ruiz", "Tomas Ruiz") in {(m.text, m.name) for m in ex.mentions}, sorted((m.text, m.name) for m in ex.mentions)


def test_an_inner_name_of_a_long_name_alone_is_the_person(nlp):
    text = "Brazilian President Luiz Inacio Lula da Silva opened the fair. Later Lula said the harvest was good."
    ex = _extract(nlp, text)
    assert ("Lula", "Luiz Inacio Lula da Silva") in {(m.text, m.name) for m in ex.mentions}, \
        sorted((m.text, m.name) for m in ex.mentions)


@pytest.mark.parametrize("text, short, full", [
    ("Opposition leader Omar al-Tarrouk met the envoys on Monday. Tarrouk said the talks had failed.",
     "Tarrouk", "Omar al-Tarrouk"),
    ("Rebels loyal to Khaled el-Mansouri took the port. Mansouri later told reporters the city was calm.",
     "Mansouri", "Khaled el-Mansouri"),
    ("Opposition leader Omar Tarrouk met the envoys on Monday. Later al-Tarrouk said the talks had failed.",
     "al-Tarrouk", "Omar Tarrouk"),
])
def test_a_surname_with_or_without_its_arabic_article_is_the_person_named_in_full(nlp, text, short, full):
    assert (short, full) in _read(nlp, text), sorted(_read(nlp, text))


@pytest.mark.parametrize("word, bare", [
    ("al-Tarrouk", "Tarrouk"), ("El-Mansouri", "Mansouri"), ("ash-Shami", "Shami"),
    ("Alvarez", None), ("al-fresco", None), ("an-Na", None), ("Tarrouk", None),
])
def test_only_a_hyphened_arabic_article_before_a_capital_is_dropped_from_a_surname(word, bare):
    from kgraph.extraction.extract import _without_article

    assert _without_article(word) == bare


def test_initials_of_an_organization_the_article_names_are_that_organization(nlp):
    # "WHO" is also a question word: the NER leaves it untagged.
    text = "The Western Harbour Office warned on Tuesday that fees were rising.\n\nWHO Director-General Anna Berg said ships waited."
    ex = _extract(nlp, text)
    assert ("WHO", "Western Harbour Office") in {(m.text, m.name) for m in ex.mentions}, \
        sorted((m.text, m.name) for m in ex.mentions)


def test_initials_two_organizations_share_stay_unread(nlp):
    text = ("The Western Harbour Office and the Western Housing Office met on Tuesday. WHO director Anna Berg said "
            "ships waited.")
    ex = _extract(nlp, text)
    assert not any(m.text == "WHO" and m.name != "WHO" for m in ex.mentions)


def test_a_title_alone_in_the_headline_is_the_one_person_the_article_gives_that_title(nlp):
    text = "Pope urges peace in Tarsland\n\nPope Leo called for peace in Tarsland on Sunday. The pontiff spoke to pilgrims.\n"
    got = _read(nlp, text)
    assert ("Pope", "Leo") in got, sorted(got)


def test_a_title_alone_shared_by_two_titled_people_stays_unread(nlp):
    text = ("President visits Tarsk\n\nPresident Ilan Dorsky met President Mara Velk in Tarsk on Monday. "
            "The two leaders signed a trade pact.")
    got = _read(nlp, text)
    assert not [m for m in got if m[0] == "President" and m[1] != "President"], sorted(got)


def test_a_city_alone_in_a_match_report_is_the_club_named_by_an_english_word_and_that_city(nlp):
    text = ("Royal Lyon beat Olten Nantes 2-0 on Saturday. Striker Ana Velt scored twice before halftime, and "
            "goalkeeper Tom Brisk saved a penalty.\n\nLyon are now top of the league with five games of the season "
            "left. Their coach Pierre Domas said the title was close.\n")
    got = _read(nlp, text)
    assert ("Lyon", "Royal Lyon") in got, sorted(got)


def test_outside_a_match_report_an_english_word_and_a_city_is_no_club(nlp):
    text = ("Royal Lyon, a bank, reported higher profits on Monday. Its shares rose in Paris.\n\n"
            "Lyon officials said the bank would open two branches in the city.\n")
    assert ("Lyon", "Royal Lyon") not in _read(nlp, text)


def test_outside_sport_a_city_alone_is_no_club_named_after_it(nlp):
    text = ("Dortmund council approves tram line\n\nThe city council of Dortmund on Tuesday approved a new tram "
            "line at a cost of 240 million euros. Mayor Karin Vogt said the line would open in 2029. Velmar "
            "Dortmund, the football club, said the line would help its fans.")
    got = _read(nlp, text)
    assert not [m for m in got if m[0] == "Dortmund" and m[1] == "Velmar Dortmund"], sorted(got)


def test_a_kind_noun_or_its_opening_a_sentence_is_the_organization_the_sentence_before_is_about(nlp):
    text = ("Tarvel Motors cut 2,000 jobs on Monday. The Velgrad-based company said demand had fallen. "
            "Its chief executive, Ann Roe, blamed rivals.")
    got = _read(nlp, text)
    assert {("company", "Tarvel Motors"), ("Its", "Tarvel Motors")} <= got, sorted(got)


def test_a_kind_noun_after_a_sentence_about_a_person_is_the_one_organization_named(nlp):
    text = ("Tarvel Motors makes buses in Velgrad. Chief executive Ann Roe told analysts that demand fell. "
            "The company employs 900 people.")
    assert ("company", "Tarvel Motors") in _read(nlp, text)


@pytest.mark.parametrize("text", [
    # The sentence before is about a person and two organizations are named: "the company" may be either.
    "Ann Roe left Tarvel Motors for Brenmoor Bank on Monday. The company said demand had fallen.",
    # A name follows the kind noun: it names a body of its own.
    "Tarvel Motors cut 2,000 jobs on Monday. The group Last Stand said the cuts were unfair.",
    # A name comes before the kind noun in the subject: the body is named there ("The Velt Metall union").
    "Tarvel Motors cut 2,000 jobs on Monday. The Velt Metall union said it would fight the plans.",
])
def test_a_kind_noun_that_names_or_follows_a_person_stands_for_nothing(nlp, text):
    got = _read(nlp, text)
    assert not [m for m in got if m[0] in ("company", "group", "union")], sorted(got)


@pytest.mark.parametrize("text,pair", [
    # "Party leader X" opening a sentence: the party named before, as "Club president X" is the club
    ("The opposition Tarsk Liberty Party won the election on Sunday. Party leader Ann Roe is expected to become "
     "prime minister.", ("Party", "Tarsk Liberty Party")),
    # a kind noun that fits the name it stands for
    ("The University of Tarsk opened a lab. The university said it cost five million.",
     ("university", "University of Tarsk")),
])
def test_a_kind_noun_of_the_body_named_before_stands_for_it(nlp, text, pair):
    got = _read(nlp, text)
    assert pair in got, sorted(got)


def test_a_kind_noun_of_another_kind_than_the_name_stands_for_nothing(nlp):
    text = ("Scientists at the University of Tarsk found a new antibiotic. The team, led by Ann Roe, "
            "published its results.")
    got = _read(nlp, text)
    assert not [m for m in got if m[0] == "team"], sorted(got)


def test_a_kind_noun_opening_a_title_is_the_body_named_before_not_a_body_of_its_own(nlp):
    text = ("Vellox FC signed a new striker on Monday. The player had scored ten goals last season. "
            "Club president Ann Roe said the fee was fair.")
    got = _read(nlp, text)
    assert ("Club", "Vellox FC") in got, sorted(got)
    assert ("Club", "Club") not in got, sorted(got)
