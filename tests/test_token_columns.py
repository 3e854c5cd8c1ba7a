"""A Doc's token attributes read once into columns give what reading each spaCy Token gives."""

from __future__ import annotations

import pytest

from kgraph.extraction.nlp import FLAG_COLUMNS, TOKEN_COLUMNS, token_column, token_flags, tokens_where

#: How a rule reads each column from a Token, written apart from the code under test.
READS = {
    "text": lambda t: t.text,
    "lower": lambda t: t.lower_,
    "lemma": lambda t: t.lemma_.lower(),
    "pos": lambda t: t.pos_,
    "tag": lambda t: t.tag_,
    "dep": lambda t: t.dep_,
}

#: How the entity model and the line readers read each word flag from a Token.
FLAGS = {
    "is_alpha": lambda t: t.is_alpha,
    "is_punct": lambda t: t.is_punct,
    "is_lower": lambda t: t.is_lower,
    "is_upper": lambda t: t.is_upper,
    "is_title": lambda t: t.is_title,
    "like_num": lambda t: t.like_num,
    "is_stop": lambda t: t.is_stop,
    "is_space": lambda t: t.is_space,
}

TEXTS = [
    "Greta Solberg was born in Veltria, Korvania, and grew up in the Lindqvist Valley.\n\n"
    "The Korvanian carmaker Tarsk Motors, based in Orlin, hired Tom Brask as its head in 2019.",
    "Police said Ann Roe's killers shot Victor Hale twice; the murders shocked Veltria's capital.",
    "MINISTERS MET IN ORLIN. They were leading the talks on the Lindqvist dam's headquarters.",
    "Korvania's 3rd-largest bank, KVB, lost 12.5 % (about ten million) -- \"no!\" said Ann O'Hara ... in 2,019.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp(text) for text in TEXTS]


def test_the_columns_are_the_ones_the_rules_read():
    assert set(TOKEN_COLUMNS) == set(READS)


@pytest.mark.parametrize("column", sorted(READS))
def test_a_column_holds_each_tokens_attribute_in_order(docs, column):
    for doc in docs:
        assert token_column(doc, column) == [READS[column](t) for t in doc]


@pytest.mark.parametrize("column, values", [
    ("dep", "prep"), ("dep", ("appos", "conj")), ("lower", ","), ("lower", "in"),
    ("lemma", frozenset({"be", "bear", "shoot", "lead", "kill", "murder", "hire"})), ("text", ","),
    ("lemma", frozenset({"no-such-lemma"})), ("pos", {"VERB", "AUX"}), ("tag", "VBN"),
])
def test_tokens_where_gives_exactly_the_tokens_with_that_value_in_order(docs, column, values):
    wanted = {values} if isinstance(values, str) else set(values)
    for doc in docs:
        found = tokens_where(doc, column, values)
        assert [t.i for t in found] == [t.i for t in doc if READS[column](t) in wanted]
        assert all(t.doc is doc for t in found)


def test_a_column_is_never_another_docs(nlp):
    first, second = nlp("Ann Roe lives in Orlin."), nlp("Tom Brask was born in Veltria last year.")
    assert token_column(first, "lower") == ["ann", "roe", "lives", "in", "orlin", "."]
    assert token_column(second, "lower")[:3] == ["tom", "brask", "was"]
    assert [t.text for t in tokens_where(second, "lemma", "bear")] == ["born"]
    assert tokens_where(first, "lemma", "bear") == []


def test_a_lemma_is_compared_in_lower_case(nlp):
    doc = nlp("Lindqvist said Veltria would grow.")
    assert token_column(doc, "lemma") == [t.lemma_.lower() for t in doc]
    assert [t.text for t in tokens_where(doc, "lemma", "veltria")] == ["Veltria"]


def test_the_flags_are_the_ones_the_entity_model_reads():
    assert FLAG_COLUMNS == tuple(FLAGS)


def test_a_tokens_flags_are_what_the_token_says(docs, nlp):
    seen = set()
    for doc in docs + [nlp("iPhone, O'Hara: 1,000 ten PM -- Veltria!")]:
        for t in doc:
            got = token_flags(doc, t.i)
            assert got == tuple(read(t) for read in FLAGS.values()), t.text
            assert all(type(v) is bool for v in got)
            seen |= {name for name, v in zip(FLAGS, got) if v}
    assert seen == set(FLAGS)  # each flag is seen set somewhere


def test_tokens_where_finds_a_value_asked_first_after_the_docs_index_was_made(nlp):
    doc = nlp("Tom Brask met Ann Roe in Orlin, and Roe hired Brask.")
    assert [t.i for t in tokens_where(doc, "text", "Brask")] == [1, 11]
    # The index held only the values asked so far; a new one must still be found, and the old ones kept.
    assert [t.i for t in tokens_where(doc, "text", ("Roe", "Orlin"))] == [4, 6, 9]
    assert [t.i for t in tokens_where(doc, "text", "Brask")] == [1, 11]
    other = nlp("Roe stayed in Orlin.")
    assert [t.text for t in tokens_where(other, "text", {"Roe", "Orlin", "Brask"})] == ["Roe", "Orlin"]
