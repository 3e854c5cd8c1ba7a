"""Tests generated from the type-context rules declared in :mod:`kgraph.extraction.type_context`.

Each example is an invented sentence and a name in it: a candidate for the name typed as the rule's first
changeable type must come out of :func:`type_context.apply` with the rule's type. On a counter-example the
candidate keeps its type.
"""

from __future__ import annotations

import pytest

from kgraph.extraction import type_context as tc
from kgraph.extraction.extract import _Cand

def _cand(nlp, sentence, phrase, kind):
    doc = nlp(sentence)
    start = next(t.i for t in doc if doc[t.i:].text.startswith(phrase))
    end = next(j for j in range(start + 1, len(doc) + 1) if doc[start:j].text == phrase)
    return _Cand(doc, 0, start, end, kind, phrase, "ner")


CASES = [(r, ex) for r in tc.CONTEXT_RULES for ex in r.examples]
COUNTER = [(r, ex) for r in tc.CONTEXT_RULES for ex in r.counter_examples]


@pytest.mark.parametrize("rule,example", CASES, ids=[f"{r.id}:{e[1]}" for r, e in CASES])
def test_context_rule_retypes_its_example(nlp, rule, example):
    sentence, phrase = example
    c = _cand(nlp, sentence, phrase, rule.changes[0])
    assert tc.decide([c]) == {tc.key(phrase): (rule.id, rule.gives)}
    assert tc.apply([c])[0].type == rule.gives


@pytest.mark.parametrize("rule,example", COUNTER, ids=[f"{r.id}:{e[1]}" for r, e in COUNTER])
def test_context_rule_leaves_its_counter_example(nlp, rule, example):
    sentence, phrase = example
    c = _cand(nlp, sentence, phrase, rule.changes[0])
    assert tc.apply([c])[0].type == rule.changes[0]


def test_a_name_typed_two_ways_is_left_alone(nlp):
    a = _cand(nlp, "Shares of the carmaker Vellox fell.", "Vellox", "Person")
    b = _cand(nlp, "Vellox said on Monday it would cut jobs.", "Vellox", "Place")
    assert tc.apply([a, b]) == [a, b]


def test_every_context_rule_is_declared_in_full():
    ids = [r.id for r in tc.CONTEXT_RULES]
    assert len(ids) == len(set(ids))
    for r in tc.CONTEXT_RULES:
        assert r.id.startswith("context:") and r.reason and r.examples and r.counter_examples
        assert r.gives not in r.changes


def _cands(nlp, text, typed):
    """Candidates for each (phrase, type) of ``typed`` at every place the phrase is written alone."""
    doc = nlp(text)
    out = []
    for phrase, kind in typed:
        n = len(nlp.tokenizer(phrase))
        for t in doc:
            if doc[t.i:t.i + n].text == phrase and not (t.i > 0 and doc[t.i - 1].is_title and n == 1
                                                       and doc[t.i - 1].text + " " + phrase in dict(typed)):
                out.append(_Cand(doc, 0, t.i, t.i + n, kind, phrase, "ner"))
    return out


def test_a_full_name_read_as_an_organization_is_the_person_its_surname_mentions_name(nlp):
    text = ("Tarvo Keskula resigned on Monday. Keskula said he was tired. "
            "Later Keskula thanked his staff.")
    cands = _cands(nlp, text, [("Tarvo Keskula", "Organization"), ("Keskula", "Person")])
    assert tc.surname_persons(cands) == {tc.key("Tarvo Keskula")}
    assert {c.type for c in tc.apply(cands)} == {"Person"}


def test_a_surname_written_once_or_an_organization_word_leaves_the_full_name_alone(nlp):
    once = _cands(nlp, "Tarvo Keskula resigned on Monday. Keskula said he was tired.",
                  [("Tarvo Keskula", "Organization"), ("Keskula", "Person")])
    assert tc.surname_persons(once) == set()
    body = _cands(nlp, "Vellox Bank cut jobs. Bank said it was fine. Bank also said so.",
                  [("Vellox Bank", "Organization"), ("Bank", "Person")])
    assert tc.surname_persons(body) == set()
    legal = _cands(nlp, "S.A. Keskula cut jobs. Keskula said it was fine. Keskula also said so.",
                   [("S.A. Keskula", "Organization"), ("Keskula", "Person")])
    assert tc.surname_persons(legal) == set()


def test_a_surname_read_as_an_organization_is_the_person_named_in_full(nlp):
    text = "Chancellor Olaf Brenner spoke first. Brenner's Social Democrats came third."
    cands = _cands(nlp, text, [("Olaf Brenner", "Person"), ("Brenner", "Organization"),
                               ("Social Democrats", "Organization")])
    assert tc.person_surnames(cands) == {tc.key("Brenner")}
    assert {c.name: c.type for c in tc.apply(cands)}["Brenner"] == "Person"


def test_a_surname_that_is_also_a_firm_or_a_place_or_opens_a_name_stays(nlp):
    firm = _cands(nlp, "Henry Vellox founded Vellox Motors. Vellox cut jobs.",
                  [("Henry Vellox", "Person"), ("Vellox Motors", "Organization"), ("Vellox", "Organization")])
    assert tc.person_surnames(firm) == set()
    place = _cands(nlp, "Anna Berlin spoke. Berlin answered.", [("Anna Berlin", "Person"), ("Berlin", "Place")])
    assert tc.person_surnames(place) == set()
    opens = _cands(nlp, "Tarvo Keskula met Keskula Orlin. Keskula won.",
                   [("Tarvo Keskula", "Person"), ("Keskula Orlin", "Person"), ("Keskula", "Organization")])
    assert tc.person_surnames(opens) == set()


def test_a_company_short_name_read_as_a_person_is_the_company(nlp):
    text = "Tarsana Industries reported a loss. Tarsana will close a plant in Holmvik."
    cands = _cands(nlp, text, [("Tarsana Industries", "Organization"), ("Tarsana", "Person")])
    assert tc.company_short_names(cands) == {tc.key("Tarsana")}
    assert {c.type for c in tc.apply(cands)} == {"Organization"}


def test_a_founder_or_a_name_written_before_the_company_stays_a_person(nlp):
    founder = _cands(nlp, "Henry Vellox founded Vellox Motors. Vellox said he was proud.",
                     [("Henry Vellox", "Person"), ("Vellox Motors", "Organization"), ("Vellox", "Person")])
    assert tc.company_short_names(founder) == set()
    before = _cands(nlp, "Keskula spoke first. Keskula Shipping then cut jobs.",
                    [("Keskula", "Person"), ("Keskula Shipping", "Organization")])
    assert tc.company_short_names(before) == set()
    no_company = _cands(nlp, "The Keskula Foundation gave money. Keskula said he was proud.",
                        [("Keskula Foundation", "Organization"), ("Keskula", "Person")])
    assert tc.company_short_names(no_company) == set()


def test_the_odd_items_of_a_list_of_organizations_take_their_type(nlp):
    text = "Rivals such as Vellsoft, Soundwave, Orlindo, Deezla, Tidora and Kyralink offer similar plans."
    typed = [("Vellsoft", "Organization"), ("Soundwave", "Organization"), ("Orlindo", "Organization"),
             ("Deezla", "Person"), ("Tidora", "Person"), ("Kyralink", "Organization")]
    cands = _cands(nlp, text, typed)
    assert tc.list_types(cands) == {tc.key("Deezla"): "Organization", tc.key("Tidora"): "Organization"}
    assert {c.type for c in tc.apply(cands)} == {"Organization"}


def test_a_list_too_mixed_or_an_odd_item_with_a_word_of_its_own_keeps_its_types(nlp):
    text = "Rivals such as Vellsoft, Soundwave, Deezla and Tidora offer similar plans."
    mixed = _cands(nlp, text, [("Vellsoft", "Organization"), ("Soundwave", "Organization"),
                               ("Deezla", "Person"), ("Tidora", "Person")])
    assert tc.list_types(mixed) == {}
    text = "Guests were Anton Moreau, Ilse Varga, Tarvo Keskula and Vellox Bank."
    bank = _cands(nlp, text, [("Anton Moreau", "Person"), ("Ilse Varga", "Person"), ("Tarvo Keskula", "Person"),
                              ("Vellox Bank", "Organization")])
    assert tc.list_types(bank) == {}
    apart = _cands(nlp, "Vellsoft and Soundwave grew. Orlindo fell. Deezla rose.",
                   [("Vellsoft", "Organization"), ("Soundwave", "Organization"), ("Orlindo", "Organization"),
                    ("Deezla", "Person")])
    assert tc.list_types(apart) == {}


def test_a_club_name_the_ner_took_with_its_score_is_read_without_it(nlp):
    c = _cand(nlp, "Holmvik beat Orlin Rovers 2-0 on Saturday.", "Orlin Rovers 2-0", "Person")
    assert tc.name_end(c.doc, c.start, c.end) == c.end - 3
    assert tc.apply([c])[0].type == "Organization"
    bracket = _cand(nlp, "Orlin Rovers (1:2) lost at home.", "Orlin Rovers (1:2)", "Person")
    assert tc.apply([bracket])[0].type == "Organization"


def test_a_name_ending_in_a_number_keeps_its_span(nlp):
    c = _cand(nlp, "Schalke 04 won again on Saturday.", "Schalke 04", "Organization")
    assert tc.name_end(c.doc, c.start, c.end) == c.end
    one = _cand(nlp, "Anton Moreau 2-0 said so.", "Moreau 2-0", "Person")
    assert tc.name_end(one.doc, one.start, one.end) == one.start + 1


def test_a_club_short_name_read_as_a_person_is_the_club(nlp):
    text = "Varnholt coach Piet Moll praised FC Varnholt on Sunday. Varnholt moved to third place."
    cands = _cands(nlp, text, [("FC Varnholt", "Organization"), ("Varnholt", "Person"), ("Piet Moll", "Person")])
    assert tc.club_short_names(cands) == {tc.key("Varnholt")}
    assert {c.type for c in tc.apply(cands) if c.name == "Varnholt"} == {"Organization"}
    ending = _cands(nlp, "Orlin United lost. Orlin said the referee erred.",
                    [("Orlin United", "Organization"), ("Orlin", "Person")])
    assert tc.club_short_names(ending) == {tc.key("Orlin")}


def test_a_club_short_name_is_the_club_whose_full_name_a_rule_retyped(nlp):
    # "Orlin SK" is a club only by context:club-name (the NER read a person); "Orlin" alone follows it.
    cands = _cands(nlp, "Orlin SK held Varnholt to a draw. Orlin remain bottom.",
                   [("Orlin SK", "Person"), ("Orlin", "Person")])
    assert {c.name: c.type for c in tc.apply(cands)} == {"Orlin SK": "Organization", "Orlin": "Organization"}


def test_a_short_name_of_a_person_with_a_trailing_state_code_stays_a_person(nlp):
    cands = _cands(nlp, "Anton Orlin SC spoke. Orlin smiled.", [("Anton Orlin SC", "Person"), ("Orlin", "Person")])
    assert {c.name: c.type for c in tc.apply(cands)} == {"Anton Orlin SC": "Person", "Orlin": "Person"}


def test_a_player_sharing_a_club_word_or_a_lowercase_mark_stays_a_person(nlp):
    player = _cands(nlp, "Jonas Varnholt joined FC Varnholt. Varnholt scored twice.",
                    [("Jonas Varnholt", "Person"), ("FC Varnholt", "Organization"), ("Varnholt", "Person")])
    assert tc.club_short_names(player) == set()
    mark = _cands(nlp, "Sv Orlin spoke. Orlin smiled.", [("Sv Orlin", "Organization"), ("Orlin", "Person")])
    assert tc.club_short_names(mark) == set()
    typed = _cands(nlp, "FC Varnholt won. Fans in Varnholt cheered.",
                   [("FC Varnholt", "Organization"), ("Varnholt", "Place")])
    assert tc.club_short_names(typed) == set()
