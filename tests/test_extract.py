"""Extraction rules, each with a sentence of its own."""

from __future__ import annotations

import pytest

from kgraph.extract import extract_doc
from kgraph.model import Article


def relations_of(nlp, text):
    art = Article("t", text)
    ex = extract_doc(art, [(0, nlp(text))])
    return {(r.subject.name, r.predicate, r.object.name) for r in ex.relations}, ex


@pytest.mark.parametrize("text,expected", [
    pytest.param("Kremlin foreign policy adviser Yuri Ushakov hinted at further cooperation.",
                 ("Yuri Ushakov", "worksFor", "Kremlin"), id="title-premodifier-org"),
    pytest.param("Russian President Vladimir Putin met the delegation on Monday.",
                 ("Vladimir Putin", "leaderOf", "Russia"), id="title-premodifier-demonym-leader"),
    pytest.param("South Korea's National Intelligence Service said the troops lacked experience.",
                 ("National Intelligence Service", "basedIn", "South Korea"), id="possessive-org"),
    pytest.param("Jean Charest is the leader of the Quebec Liberal Party.",
                 ("Jean Charest", "leaderOf", "Quebec Liberal Party"), id="copula-role"),
    pytest.param("Lee Harvey Oswald killed John Kennedy in Dallas.",
                 ("Lee Harvey Oswald", "killed", "John Kennedy"), id="kill-verb"),
    pytest.param("Angela Merkel was born in Hamburg.",
                 ("Angela Merkel", "bornIn", "Hamburg"), id="born-in"),
])
def test_rule_finds_relation(nlp, text, expected):
    found, _ex = relations_of(nlp, text)
    assert expected in found, found


def test_demonym_names_its_country(nlp):
    _found, ex = relations_of(nlp, "North Korean troops arrived at the front.")
    assert [(m.text, m.type, m.name) for m in ex.mentions] == [("North Korean", "Country", "North Korea")]


def test_surname_takes_full_name(nlp):
    _found, ex = relations_of(nlp, "Vladimir Putin spoke first. Later, Putin left the hall.")
    assert {m.name for m in ex.mentions if m.type == "Person"} == {"Vladimir Putin"}


def test_mention_offsets_match_text(nlp):
    text = "Ukraine's Special Operations Forces shared a photograph, said Yevgen Yerin."
    _found, ex = relations_of(nlp, text)
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text
