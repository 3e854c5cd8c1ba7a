"""A Doc's token attributes read once into columns give what reading each spaCy Token gives."""

from __future__ import annotations

import pytest

from kgraph.extraction.nlp import TOKEN_COLUMNS, token_column, tokens_where

#: How a rule reads each column from a Token, written apart from the code under test.
READS = {
    "text": lambda t: t.text,
    "lower": lambda t: t.lower_,
    "lemma": lambda t: t.lemma_.lower(),
    "pos": lambda t: t.pos_,
    "tag": lambda t: t.tag_,
    "dep": lambda t: t.dep_,
}

TEXTS = [
    "Greta Solberg was born in Veltria, Korvania, and grew up in the Lindqvist Valley.\n\n"
    "The Korvanian carmaker Tarsk Motors, based in Orlin, hired Tom Brask as its head in 2019.",
    "Police said Ann Roe's killers shot Victor Hale twice; the murders shocked Veltria's capital.",
    "MINISTERS MET IN ORLIN. They were leading the talks on the Lindqvist dam's headquarters.",
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
