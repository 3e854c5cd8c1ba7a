"""The answers remembered for speed (round speed79) are those the plain computation gives."""

from __future__ import annotations

import pytest

from kgraph.extraction import docrel, entity_model, extract, relations

ROLE_TEXTS = [
    # a role joined by a hyphen to a word that is none ("vice-president"), a leader's compound, abbreviations
    "The vice-president of Orlin Bank, Ann Roe, met the secretary-general and Gov. Tom Brask in Tarsk.",
    "Deputy Prime Minister Lena Vask and the personnel chief of Velmor Steel spoke; Sen. Piet Moll said no.",
    # a hyphen with spaces round it, a hyphen opening and closing the text, a party member
    "- Korvania's chief - executive Ida Lund, a party member, left the co-op of Lindqvist Farms -",
]


def test_a_role_read_by_index_is_the_role_its_token_gives_in_any_order(nlp):
    for text in ROLE_TEXTS:
        plain = [relations._read_role_of_token(t) for t in nlp(text)]
        doc = nlp(text)  # asked by index first, with nothing remembered
        assert [relations.role_at(doc, i) for i in range(len(doc))] == plain, text
        assert [relations.role_of_token(t) for t in doc] == plain, text  # and by Token, from what was kept
        doc = nlp(text)  # asked by Token first, then by index
        assert [relations.role_of_token(t) for t in doc] == plain, text
        assert [relations.role_at(doc, i) for i in range(len(doc))] == plain, text
    doc = nlp(ROLE_TEXTS[0])
    vice = next(t.i for t in doc if t.lower_ == "vice")
    assert relations.role_at(doc, vice) == docrel.Predicate.worksFor  # "vice" is a role only by its hyphen


NAMES = ["Paris", "PARIS", "paris", "Germany", "German", "Bavaria", "Texas", "Munich", "München", "Korvania",
         "Tarsk Motors", "Georgia", "Victoria", "", "New York"]


def test_the_gazetteer_readings_of_a_name_are_those_read_afresh_and_the_memo_is_bounded():
    entity_model._gaz.cache_clear()
    for _round in range(2):  # read, then from the memo
        for name in NAMES:
            assert entity_model._gaz(name) == tuple(entity_model._gaz.__wrapped__(name)), name
    kinds = {g for name in NAMES for g in entity_model._gaz(name)}
    assert {"gaz=country", "gaz=demonym", "gaz=none"} <= kinds
    assert isinstance(entity_model._gaz("Paris"), tuple)  # a caller cannot change what the memo holds
    assert entity_model._gaz.cache_info().maxsize is not None


def test_an_entitys_body_class_asked_for_every_pair_is_the_one_a_fresh_view_gives(nlp):
    text = ("The European Union and the Freedom Party met in Orlin. The Korvanian Ministry of Finance and "
            "Tarsk Council spoke.\n\nAnna Lindqvist of the United Nations said the Velmor Institute would help.")
    mentions = extract.article_mentions([(0, nlp(text))])
    shared = docrel.ArticleView(mentions, [], {})
    found = set()
    for a in shared.keys:
        for b in shared.keys:
            if a != b:
                docrel._base_vector(shared, a, b)
    for a in reversed(shared.keys):
        fresh = docrel.ArticleView(extract.article_mentions([(0, nlp(text))]), [], {})
        assert shared.head_class(a) == fresh.head_class(a), a
        found.add(shared.head_class(a))
    assert len(found) >= 3


def test_every_column_read_in_one_pass_is_each_tokens_attribute_whichever_is_asked_first(nlp):
    from kgraph.extraction.nlp import TOKEN_COLUMNS, token_column

    text = "Greta Solberg's firm, Tarsk Motors, was hired by Korvania's MINISTRY.\n\nShe shot the films in Orlin."
    for first in sorted(TOKEN_COLUMNS):
        doc = nlp(text)
        token_column(doc, first)
        for name, read in TOKEN_COLUMNS.items():
            assert token_column(doc, name) == [read(t) for t in doc], (first, name)
    with pytest.raises(KeyError):
        token_column(nlp(text), "shape")
    assert token_column(nlp(""), "lemma") == []


def test_finders_reading_the_columns_first_find_what_their_token_walks_found(nlp):
    # _recover_persons, firm_candidates and _org_phrase_candidates now test each word from the columns and the
    # word flags before making its Token; what they find is pinned (the same on the Token walk before).
    T = extract.EntityType
    doc = nlp("Martin Richter met Ida Lund in Orlin. Later, Richter thanked Ukraine's Special Operations Forces, "
              "and Ukrainian military intelligence said Lund would stay.\n\nVelmorix spokesman Peter Lanz said "
              "the Tarsk Anti-Doping Agency agreed. Richter Hall was shut; the richter scale read 4.")

    def names(cands):
        return [(doc[c.start:c.end].text, c.type, c.name) for c in cands]

    assert names(extract._org_phrase_candidates(doc, 0, {}, set())) == [
        ("Special Operations Forces", T.Organization, "Special Operations Forces"),
        ("Ukrainian military intelligence", T.Organization, "Ukrainian military intelligence"),
        ("Tarsk Anti-Doping Agency", T.Organization, "Tarsk Anti-Doping Agency")]
    spans = [doc.char_span(doc.text.index(name), doc.text.index(name) + len(name)) for name in ("Martin Richter", "Peter Lanz")]
    people = [extract._Cand(doc, 0, s.start, s.end, T.Person, s.text, "ner") for s in spans]
    found = names(extract._recover_persons(people, [(0, doc)]))[len(people):]
    assert found == [("Richter", T.Person, "Martin Richter")]  # not "Richter Hall", not "richter"
    firms = entity_model.firm_candidates(people, [(0, doc)], {(id(doc), spans[1].start)})
    assert [doc[c.start:c.end].text for c in firms] == ["Velmorix"]


def test_a_spans_text_cut_from_the_text_joined_with_the_columns_is_the_spans_own(nlp):
    from kgraph.extraction.nlp import span_text, token_column

    text = "  Greta Solberg  met Tom Brask.\n\nKorvania's MINISTRY  said:\t\"no\" \n"
    for columns_first in (True, False):
        doc = nlp(text)
        if columns_first:
            token_column(doc, "pos")
        spans = [doc[i:j] for i in range(len(doc)) for j in range(i + 1, len(doc) + 1)]
        assert [span_text(s) for s in spans] == [s.text for s in spans]
