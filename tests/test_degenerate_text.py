"""Guards that keep degenerate text (lists of names, a word repeated, thousands of names in one article) cheap.

Invented text, small sizes; no timing here: benchmarks/bench_hostile_text.py prints the seconds.
"""

from __future__ import annotations

import pytest

from kgraph.core.model import Article, Extraction, Mention
from kgraph.extraction import docrel
from kgraph.extraction import extract as extract_mod
from kgraph.extraction.extract import extract_doc
from kgraph.linking.link import link_extractions

_LIST = ("Arvo Tarsk, a spokesman for the Ventor Press Group, Lena Vaher, Omar Keld and Piotr Ilves met Grace Orrin "
         "in Tarvola.")
_STATEMENT = "Carla Ruiz, who works for the Ventor Press Group, declined to comment."


def _extract(nlp, text, aid="t"):
    with docrel.rules_only():
        return extract_doc(Article(aid, text), [(0, nlp(text))])


def test_a_sentence_listing_more_names_than_the_cap_keeps_its_names_but_states_no_relation(nlp, monkeypatch, capsys):
    text = f"{_LIST} {_STATEMENT}"
    whole = _extract(nlp, text, "whole")
    list_end = text.index(_STATEMENT)
    assert any(r.subject.start < list_end for r in whole.relations)  # the list sentence pairs its names
    monkeypatch.setattr(extract_mod, "LIST_SENTENCE_MENTIONS", 4)
    capped = _extract(nlp, text, "capped")
    assert [m for m in capped.mentions] == [m for m in whole.mentions]  # every name is still there
    assert capped.relations and all(r.subject.start >= list_end and r.object.start >= list_end
                                    for r in capped.relations)
    assert {(r.subject.name, r.predicate, r.object.name) for r in capped.relations} == {
        (r.subject.name, r.predicate, r.object.name) for r in whole.relations if r.subject.start >= list_end}
    err = capsys.readouterr().err
    assert err.count("Warning: article 'capped'") == 1 and "list or table" in err


def test_statement_pairs_are_the_pairs_themselves_when_no_sentence_is_a_list(nlp):
    doc = nlp(_STATEMENT)
    pairs = extract_mod.find_mentions(doc)
    assert extract_mod.statement_pairs(pairs) is pairs


def test_the_list_warning_is_said_once_per_article_however_many_sections(capsys):
    for _ in range(3):
        extract_mod.warn_list_sentences("sectioned-article", 70)
    assert capsys.readouterr().err.count("sectioned-article") == 1


def test_an_entity_tagged_longer_than_the_name_cap_is_no_candidate(nlp, monkeypatch):
    doc = nlp("Carla Ruiz met Tomas Berg of the Ventor Press Group in Tarvola.")
    assert any(c.end - c.start > 1 for c in extract_mod._ner_candidates(doc, 0, set()))
    monkeypatch.setattr(extract_mod, "MAX_NAME_TOKENS", 1)
    assert all(c.end - c.start == 1 for c in extract_mod._ner_candidates(doc, 0, set()))


def test_a_word_repeated_gives_no_name_longer_than_the_cap(nlp):
    text = "walrus " * 600
    ex = _extract(nlp, text)
    assert all(len(m.text.split()) <= extract_mod.MAX_NAME_TOKENS for m in ex.mentions)


def _many_names(n):
    syllables = "ka lo mi ra ven tor sel an dru fe gi ho ul ber mar tin os el ne vi".split()
    names = []
    for i in range(n):
        a, b, c = syllables[i % 20], syllables[(i // 20) % 20], syllables[(i // 400) % 20]
        names.append(f"{(a + b).capitalize()} {(c + a + 'x').capitalize()}")
    return names


def _article(aid, spans, filler):
    """An extraction whose text writes each (surface, type) in turn, after ``filler`` invented persons."""
    parts, out, pos = [], [], 0
    for surface, kind in [(f, "Person") for f in filler] + list(spans):
        s = pos
        parts.append(surface + " spoke. ")
        out.append(Mention(surface, kind, s, s + len(surface), surface))
        pos += len(surface) + len(" spoke. ")
    return Extraction(Article(aid, "".join(parts)), tuple(out))


@pytest.mark.parametrize("filler", [0, 400], ids=["alone", "among-400-names"])
def test_a_short_form_tagged_a_place_joins_its_one_full_person_name_among_many_names(filler):
    spans = [("Arvo Keskulanen", "Person"), ("Keskulanen", "Place")]
    kb = link_extractions([_article("a", spans, _many_names(filler))])
    labels = {(e.type, e.label) for e in kb.entities}
    assert ("Person", "Arvo Keskulanen") in labels and ("Place", "Keskulanen") not in labels


@pytest.mark.parametrize("filler", [0, 400], ids=["alone", "among-400-names"])
def test_a_piece_tagged_an_organization_joins_its_one_full_person_name_among_many_names(filler):
    spans = [("Arvo Ilves Keskulanen", "Person"), ("Ilves Keskulanen", "Organization")]
    kb = link_extractions([_article("a", spans, _many_names(filler))])
    labels = {(e.type, e.label) for e in kb.entities}
    assert ("Person", "Arvo Ilves Keskulanen") in labels and ("Organization", "Ilves Keskulanen") not in labels


def test_a_one_sentence_list_is_no_short_text_for_the_type_head(nlp, monkeypatch):
    calls = []
    monkeypatch.setattr(extract_mod.sentrel, "enabled", lambda: True)
    monkeypatch.setattr(extract_mod, "encoded_sentences", lambda pieces, pairs: None)
    monkeypatch.setattr(extract_mod.retype, "retype", lambda pairs, sentences=None: calls.append(1) or pairs)
    _extract(nlp, _LIST)
    assert calls == [1]  # a short text's names are typed again by the sentence encoder
    monkeypatch.setattr(extract_mod, "LIST_SENTENCE_MENTIONS", 4)
    _extract(nlp, _LIST)
    assert calls == [1]  # a list is not


def test_sentence_keys_are_each_spans_doc_and_sentence_start(nlp):
    doc = nlp(f"{_STATEMENT}\n\nLena Vaher left Tarvola. {_LIST}")
    pairs = extract_mod.find_mentions(doc)
    assert len({s.sent.start for _m, s in pairs}) == 3
    assert extract_mod.sentence_keys(pairs) == [(id(s.doc), s.sent.start) for _m, s in pairs]
