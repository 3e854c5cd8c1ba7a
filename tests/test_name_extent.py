"""Tests of where a name ends over "and" and over hyphens (invented sentences, invented names)."""

from __future__ import annotations

import pytest

from kgraph.extraction import extract
from kgraph.extraction.entity_model import _in_hyphened_word

#: (sentence, the ORG entity's first word, the name's full text) where the name goes on over "and".
EXTENDS = [
    ("A spokesman for the Ministry of Foreign Affairs and International Cooperation denied the report.",
     "Ministry", "Ministry of Foreign Affairs and International Cooperation"),
    ("The Institute for Coastal Research and Marine Policy said the dunes were shrinking.",
     "Institute", "Institute for Coastal Research and Marine Policy"),
]
#: (sentence, the ORG entity's first word) where "and" joins two names, so the first one ends before it.
STOPS = [
    ("The Office for Water Supply and Mayor Lena Voss met in Tallin.", "Office"),
    ("The Ministry of Health and Ostrava Hospital signed a deal.", "Ministry"),
    ("The Council of Elders and Berlin police agreed.", "Council"),
]


def _org(doc, first):
    return next(e for e in doc.ents if e.label_ == "ORG" and first in e.text)


@pytest.mark.parametrize("sentence,first,full", EXTENDS)
def test_descriptive_name_goes_on_over_and(nlp, sentence, first, full):
    doc = nlp(sentence)
    ent = _org(doc, first)
    end = extract._and_extent(doc, ent)
    assert doc[ent.start:end].text.removeprefix("the ").removeprefix("The ") == full
    assert full in {c.name for c in extract._candidates(doc, 0)}


@pytest.mark.parametrize("sentence,first", STOPS)
def test_and_before_another_name_ends_the_name(nlp, sentence, first):
    doc = nlp(sentence)
    ent = _org(doc, first)
    end = extract._and_extent(doc, ent)
    assert "and" not in doc[ent.start:end].text.split()[1:-1] or doc[end - 1].lower_ == "and"
    assert not any(" and " in c.name for c in extract._candidates(doc, 0))


def test_no_edge_cut_inside_a_hyphened_word(nlp):
    doc = nlp("The Vellmark Co-operation Board met.")
    i = next(t.i for t in doc if t.text == "-")
    start, end = 1, i + 3  # "Vellmark Co-operation Board"
    assert _in_hyphened_word(doc, i + 1, start, i + 2)  # "operation" at the right edge of "Vellmark Co-operation"
    assert _in_hyphened_word(doc, i - 1, i - 1, end)  # "Co" at the left edge of "Co-operation Board"
    assert not _in_hyphened_word(doc, end - 1, start, end)  # "Board" stands apart
    assert not _in_hyphened_word(doc, start, start, end)  # "Vellmark" stands apart


def test_two_capitalized_parts_may_be_cut_apart(nlp):
    doc = nlp("The Vell-Ostrava pipeline opened.")
    i = next(t.i for t in doc if t.text == "-")
    assert not _in_hyphened_word(doc, i + 1, i - 1, i + 2)


def _with_ents(nlp, sentence, spans):
    """Return the sentence's doc with the given (phrase, label) entities in place of the NER's.

    A third item, n, tags the phrase's n-th occurrence (from 0) instead of its first.
    """
    from spacy.tokens import Span

    doc = nlp(sentence)
    ents = []
    for phrase, label, *nth in spans:
        at = -1
        for _ in range(nth[0] + 1 if nth else 1):
            at = sentence.index(phrase, at + 1)
        span = doc.char_span(at, at + len(phrase))
        ents.append(Span(doc, span.start, span.end, label=label))
    doc.ents = ents
    return doc


@pytest.mark.parametrize("sentence,spans,full", [
    # the NER cut one long name at its "for" / "on" into two organizations, or left the rest untagged
    ("The Tarsk Agency for Rural Development paid.", [("Tarsk Agency for", "ORG"), ("Rural Development", "ORG")],
     "Tarsk Agency for Rural Development"),
    ("Veltria's Central Office for the Study of Old Crimes is searching.",
     [("Central Office", "ORG"), ("the Study of Old Crimes", "ORG")], "Central Office for the Study of Old Crimes"),
    ("The Tarsk Committee on the Elimination of Noise met.", [("The Tarsk Committee", "ORG")],
     "Tarsk Committee on the Elimination of Noise"),
])
def test_long_name_goes_on_over_for_and_on(nlp, sentence, spans, full):
    doc = _with_ents(nlp, sentence, spans)
    ent = doc.ents[0]
    assert doc[ent.start:extract._joiner_extent(doc, ent)].text.removeprefix("The ") == full


@pytest.mark.parametrize("sentence,spans", [
    ("The Tarsk Committee on Monday met.", [("The Tarsk Committee", "ORG"), ("Monday", "DATE")]),
    ("The Tarsk Council on Veltria met.", [("The Tarsk Council", "ORG"), ("Veltria", "GPE")]),
    ("The Tarsk Bank for Vell Motors Group paid.", [("Tarsk Bank", "ORG"), ("Vell Motors Group", "ORG")]),
    ("The Tarsk Bank for Vellmotors paid.", [("Tarsk Bank", "ORG"), ("Vellmotors", "ORG")]),
    ("Ilse Varga for Tarsk Union spoke.", [("Ilse Varga", "PERSON"), ("Tarsk Union", "ORG")]),
])
def test_for_and_on_before_another_name_end_the_name(nlp, sentence, spans):
    doc = _with_ents(nlp, sentence, spans)
    ent = doc.ents[0]
    assert extract._joiner_extent(doc, ent) == ent.end


@pytest.mark.parametrize("sentence,spans,one", [
    ("The Tarsk-Posten newspaper printed the cartoons.", [("Tarsk", "GPE")], True),
    ("The Vell-Orvik clan fought.", [("Vell", "ORG")], True),
    # two names qualifying a noun: a country, a demonym, an acronym or two people stay apart
    ("The Tarsk-Norway deal fell through.", [("Tarsk", "GPE")], False),
    ("The Tarsk-German ties grew.", [("Tarsk", "GPE")], False),
    ("The Tarsk-EU deal fell through.", [("Tarsk", "GPE")], False),
    ("The Moreau-Varga plan failed.", [("Moreau", "PERSON")], False),
])
def test_a_hyphened_name_before_a_noun(nlp, sentence, spans, one):
    doc = _with_ents(nlp, sentence, spans)
    ent = doc.ents[0]
    end = extract._hyphen_extent(doc, ent.end)
    assert end == ent.end + 2
    assert extract._one_hyphened_name(doc, ent, end) is one


@pytest.mark.parametrize("sentence,cut,full", [
    ("Lower Saxony and Hesse sent rescue teams.", "Saxony", "Lower Saxony"),
    ("Farmers in Upper Austria lost their harvest.", "Austria", "Upper Austria"),
])
def test_a_region_cut_after_its_first_word_starts_with_it(nlp, sentence, cut, full):
    from spacy.tokens import Span

    doc = nlp(sentence)
    i = next(t.i for t in doc if t.text == cut)
    doc.ents = [Span(doc, i, i + 1, label="GPE")]
    assert doc[extract._region_start(doc, doc.ents[0], 0):i + 1].text == full


@pytest.mark.parametrize("sentence,first,words", [
    ("Poverty in sub-Saharan Africa fell.", "Saharan", 2),  # the NER took "Saharan Africa"
    ("Poverty in sub-Saharan Africa fell.", "Africa", 1),  # the NER took "Africa" alone
])
def test_sub_before_a_region_opens_its_name(nlp, sentence, first, words):
    from spacy.tokens import Span

    doc = nlp(sentence)
    i = next(t.i for t in doc if t.text == first)
    doc.ents = [Span(doc, i, i + words, label="LOC")]
    assert doc[extract._region_start(doc, doc.ents[0], 0):i + words].text == "sub-Saharan Africa"


def test_sub_before_one_word_other_than_a_region_stays_out(nlp):
    from spacy.tokens import Span

    doc = nlp("The sub-Tarsk league folded.")
    i = next(t.i for t in doc if t.text == "Tarsk")
    doc.ents = [Span(doc, i, i + 1, label="GPE")]
    assert extract._region_start(doc, doc.ents[0], 0) == i


def test_a_word_before_a_region_that_makes_no_region_stays_out(nlp):
    from spacy.tokens import Span

    doc = nlp("On Sunday Saxony sent rescue teams.")
    i = next(t.i for t in doc if t.text == "Saxony")
    doc.ents = [Span(doc, i, i + 1, label="GPE")]
    assert extract._region_start(doc, doc.ents[0], 0) == i
