"""Invented news probes, eighteenth round: each case an error class found in invented articles."""

from __future__ import annotations

from kgraph.core.model import Article
from kgraph.core.terms import EntityType
from kgraph.extraction.extract import extract_doc


def _entities(nlp, text):
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    return {(e.name, e.type) for e in ex.mentions}


def test_a_match_result_is_no_part_of_the_name_before_it(nlp):
    names = {n for n, _ in _entities(nlp, "Serbia's Tomas Vidal beat Spain's Carlos Ibarra 6-4 7-5 on Sunday.")}
    assert "Carlos Ibarra" in names and not any(n[-1].isdigit() for n in names)
    names = {n for n, _ in _entities(nlp, "Plateau United beat Heartland 3-1 in Jos on Saturday.")}
    assert "Heartland" in names and not any(n[-1].isdigit() for n in names)


def test_a_capitalized_preposition_inside_a_sentence_joins_the_name(nlp):
    text = "PARIS - Reporters Without Borders on Monday condemned the arrest. Lawyers Without Borders said the " \
        "trial was unfair."
    found = _entities(nlp, text)
    assert ("Reporters Without Borders", EntityType.Organization) in found
    assert ("Lawyers Without Borders", EntityType.Organization) in found
    assert not any(n in ("Borders", "Without Borders") for n, _ in found)


def test_a_date_after_a_capitalized_preposition_is_no_part_of_a_name(nlp):
    found = _entities(nlp, "Speech awaited from Harlan On Thursday, Harlan is due to speak in Tarsk.")
    assert not any("On" in n.split() for n, _ in found)


def test_a_city_after_in_stays_the_city_beside_its_club(nlp):
    from dataclasses import replace

    from kgraph.extraction import extract

    doc = nlp("On Friday Velno edged Werder Bremen 3-2 in Bremen. Bremen's defense was beaten when the striker scored the "
              "only goal of the league match.")
    cands = [replace(c, type=EntityType.Organization) for c in extract._candidates(doc, 0)]
    names = {(c.start, c.name) for c in extract._club_short_forms(cands)}
    at = [t.i for t in doc if t.text == "Bremen"]
    assert (at[1], "Bremen") in names and (at[2], "Werder Bremen") in names


def test_a_city_and_plural_noun_beside_a_club_cue_is_a_club(nlp):
    text = ("Enugu Rangers beat Kano Pillars 2-0 on Sunday to go top of the league. Kano Pillars coach Ibrahim Musa "
            "said his side had been unlucky. Fans of Kano Pillars protested.")
    found = _entities(nlp, text)
    assert ("Enugu Rangers", EntityType.Organization) in found and ("Kano Pillars", EntityType.Organization) in found
    assert not any(n in ("Enugu Rangers", "Kano Pillars") and t == EntityType.Person for n, t in found)


def test_a_paper_named_for_its_city_is_one_organization(nlp):
    found = _entities(nlp, "Ohio's governor said he was disappointed. The Detroit Free Press first reported the plan.")
    assert ("Detroit Free Press", EntityType.Organization) in found and "Free Press" not in {n for n, _ in found}
    found = _entities(nlp, "The Chicago Tribune said the closure was the largest in the state this year.")
    assert ("Chicago Tribune", EntityType.Organization) in found


def test_a_body_named_after_a_person_keeps_the_given_name(nlp):
    found = _entities(nlp, "The office opened on Monday. Heinrich Boell Foundation director Anna Kessler attended.")
    assert ("Heinrich Boell Foundation", EntityType.Organization) in found
    assert "Boell Foundation" not in {n for n, _ in found}


def test_a_quoted_title_in_title_case_is_no_organization(nlp):
    text = 'Tarsk Biennale: "No Idle Art From Clever Virtuosos"\nAnna Vell, the director of the show, spoke on Monday.'
    assert "No Idle Art From Clever Virtuosos" not in {n for n, _ in _entities(nlp, text)}


def test_a_dateline_the_parser_cuts_after_a_headline_stays_one_place(nlp):
    text = "Storm floods capital\nMEXICO CITY (Reuters) - Heavy rain flooded parts of the capital on Sunday.\n"
    found = _entities(nlp, text)
    assert ("MEXICO CITY", EntityType.Place) in found and ("Reuters", EntityType.Organization) in found
    assert "CITY" not in {n for n, _ in found}


def test_a_country_written_as_its_namesake_state_is_the_state():
    from tests.test_identity import marked
    from kgraph.linking.link import link_extractions

    kb = link_extractions([
        marked("a", "Floods killed six people in the state of [Mexico|Country] on Sunday. [Mexico|Country] state "
                    "governor Delfina Ortega asked [Mexico|Country] for help."),
        marked("b", "The [State of Mexico|Place] said 2,000 people were evacuated."),
    ])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Place", "State of Mexico")] == ("a", "b"), got
    assert got[("Country", "Mexico")] == ("a",), got


def test_an_energy_or_oil_company_named_short_is_the_company(nlp):
    text = ("Vantor Energy agreed to buy Northgate Oil for $4 billion. Vantor chief executive Greg Halvorsen said the "
            "deal would save money. Shares of Northgate rose 3 percent. Dock operator Valmora Terminals said it offered "
            "6 percent.")
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    names = {(m.text, m.name, m.type) for m in ex.mentions}
    assert ("Vantor", "Vantor Energy", EntityType.Organization) in names
    assert ("Northgate", "Northgate Oil", EntityType.Organization) in names
    assert ("Valmora Terminals", "Valmora Terminals", EntityType.Organization) in names


def test_a_company_named_after_a_small_town_keeps_its_short_name(nlp):
    text = ("Union vows to fight plant closure\nThe union vowed on Friday to fight Halden Motors' plan to close its plant. "
            "Union leader Shawn Fain said Halden had received $60 million in tax breaks. Halden said it would offer "
            "workers jobs at its plant in Michigan.")
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    assert {(m.name, m.type) for m in ex.mentions if m.text == "Halden"} == {("Halden Motors", EntityType.Organization)}
