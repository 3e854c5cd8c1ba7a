"""The line and sentence readers that read a Doc's columns give what walking its Tokens gives."""

from __future__ import annotations

import pytest

from kgraph.extraction import docrel, extract, relations
from kgraph.extraction.lexicon import SMALL_WORDS
from kgraph.extraction.nlp import SPACE, token_flags

_BULLETS = frozenset("- * \u2022 \u2013 \u2014 \u25aa \u25cf \u00b7".split())


def _walked_headline_tokens(doc) -> set[int]:
    # The headline lines as read Token by Token before the columns (written apart from the code under test).
    out: set[int] = set()
    line: list = []
    for tok in list(doc) + [None]:
        if tok is not None and not (tok.is_space and "\n" in tok.text):
            line.append(tok)
            if "\n" not in tok.whitespace_:
                continue
        words = [t for t in line if t.is_alpha]
        bullet = bool(line) and line[0].text in _BULLETS
        if 3 <= len(words) <= 20 and not bullet and not (line[-1].is_punct and line[-1].text in ".!?:;\"\u201d"):
            caps = sum(1 for t in words if t.is_title or t.is_upper or t.lower_ in SMALL_WORDS)
            if caps >= 0.85 * len(words) and sum(1 for t in words if t.is_title) >= 2:
                out.update(t.i for t in line)
        line = []
    return out


def _walked_source_line_start(sent) -> int:
    first = next((t for t in sent if not t.is_space), None)
    if first is None:
        return sent.start
    code = next((t.i for t in sent if relations.is_source_code(t.text) or relations.is_document_code(t.text)), None)
    return code + 1 if code is not None else first.i


HEADLINE_TEXTS = [
    # a headline, its story, a title-case line of 22 words (too long), a bullet item, a line ending in a colon
    "Veltria Opens New Bridge to Korvania\n\nThe bridge over the Lind river opened on Monday, officials said.\n"
    "Anna Lindqvist Of The Tarsk Rowing Club Wins The Cup Again After Seven Long Years Of Trying Hard "
    "In The Cold North Sea Waters Today\n- Finance Minister Ann Roe Speaks\nWhat The Orlin Council Said:\n"
    "Two Words\n\n\nKORVANIA VOTES ON NEW LAW TODAY\nTarsk Motors to Cut Jobs in the North",
    # no line break at all, and a Doc opening and closing with line breaks
    "Korvania Wins Again In Orlin",
    "\nThe Velmor Times Names New Editor\n \nShe starts in May.\n",
    # a line of exactly 20 and one of 21 title-case words
    " ".join(["Tarsk"] * 20) + "\n" + " ".join(["Orlin"] * 21),
]


def test_headline_lines_are_those_a_walk_of_the_tokens_finds(nlp):
    found = []
    for text in HEADLINE_TEXTS:
        doc = nlp(text)
        got = extract._read_headline_tokens(doc)
        assert got == _walked_headline_tokens(doc), text
        found.append({doc[i].text for i in got})
    assert {"Bridge", "Jobs"} <= found[0] and not {"Rowing", "Minister", "Council", "KORVANIA"} & found[0]
    assert found[1] == {"Korvania", "Wins", "Again", "In", "Orlin"}
    assert "Editor" in found[2] and "starts" not in found[2]
    assert "Tarsk" in found[3] and "Orlin" not in found[3]  # 20 words may be a headline, 21 are a paragraph


SOURCE_TEXTS = [
    "Fog Closes Airports LD0303121294 Tartu LETA in English 1200 GMT 3 Mar 94.",
    "95XY0042B Leeds VELL in English. Lindqvist said the plan would fail.",
    "\n\nVeltria and Korvania signed a treaty on Monday in Orlin.",
    "The code AB12345 is short, and so is 9XY0042B; the firm OW1102132994 is no firm at all.",
    "Lindqvist left Orlin on Monday. OW1102132994 Tartu LETA in English 1200 GMT.",  # a code opening the next one
]


def test_source_line_starts_are_those_a_walk_of_the_tokens_finds(nlp):
    starts = []
    for text in SOURCE_TEXTS:
        doc = nlp(text)
        for sent in doc.sents:
            got = relations._source_line_start(sent)
            assert got == _walked_source_line_start(sent), (text, sent.text)
            starts.append(doc[got].text if got < len(doc) else "")
    assert "Tartu" in starts and "Leeds" in starts and "Veltria" in starts


def test_code_tokens_are_every_source_code_and_document_number_in_order(nlp):
    doc = nlp("LD0303121294 Tartu LETA. The file 95XY0042B and OW1102132994 arrived; AB12345 and 9XY0042B did not.")
    assert [doc[i].text for i in relations._code_tokens(doc)] == ["LD0303121294", "95XY0042B", "OW1102132994"]


@pytest.mark.parametrize("text", [
    "Fire Hits Orlin\n\nMARLTON, Ecuador\n\nTroops left.",  # the line break ends the dateline's sentence
    "\n\nMARLTON, Ecuador -- Troops left the city.\n\n",  # a sentence of space tokens alone comes first
])
def test_a_dateline_between_line_breaks_is_read_past_its_space_tokens(nlp, text):
    doc = nlp(text)
    cands = extract._dateline_candidates(doc, 0)
    assert [(doc[c.start:c.end].text, c.type) for c in cands] == [
        ("MARLTON", extract.EntityType.Place), ("Ecuador", extract.EntityType.Country)]
    for sent in doc.sents:
        words = [t.i for t in sent if not t.is_space]
        assert [k for k in range(sent.start, sent.end) if not token_flags(doc, k)[SPACE]] == words


@pytest.mark.parametrize("names", [
    ("Europe", "Korvania"), ("Eastern Europe", "Europe"), ("Korvania", "Europe"), ("Asia", "Southeast Asia"),
    ("Africa", "South Africa"), ("Orlin", "Veltria"),
])
def test_a_continent_is_placed_within_no_smaller_thing_asked_in_any_order(names):
    from kgraph.sources import gazetteer

    pairs = [names, names[::-1], (names[0], names[0]), (names[1], names[1])]
    for subject, obj in pairs + pairs:
        assert docrel._spans_countries(subject, obj) == (
            gazetteer.continent(subject) and not gazetteer.continent(obj))
    assert docrel._spans_countries("Europe", "Korvania") and not docrel._spans_countries("Korvania", "Europe")


KILLING_TEXTS = [
    "Police said Ann Roe's killers shot Victor Hale twice; the slayings shocked Veltria's capital.",
    "The assassin who murdered the mayor of Orlin was executed, and the killings stopped.",
    "Tom Brask shot wide, shot a film about Tarsk and called for the release of the shooters.",
    "An assassination plot against Korvania's president was foiled; the Velko slaying is unsolved.",
]


def test_a_sentences_killing_and_report_words_are_those_a_walk_of_its_tokens_finds(nlp):
    kinds = set()
    for text in KILLING_TEXTS:
        doc = nlp(text)
        view = object.__new__(docrel.ArticleView)  # only its sentences and their remembered answers are read
        view._sents, view._sent_feats = {}, {}
        for sent in doc.sents:
            key = (id(doc), sent.start)
            view._sents[key] = sent
            kill, report, _done = view.sentence_feats(key)
            assert [t.i for t in kill] == [t.i for t in sent if docrel._kill_word(t)], sent.text
            assert report == any(t.lemma_.lower() in docrel._REPORT_WORDS for t in sent)
            kinds |= {t.lower_ for t in kill}
    assert {"killers", "shot", "slayings", "assassin", "murdered", "killings", "assassination"} <= kinds


def test_a_tokens_role_read_by_index_is_the_tokens_role(nlp):
    doc = nlp("Deputy Prime Minister Ann Roe met the chief executive of Tarsk Motors, a party member and a "
              "secretary-general; the vice president and personnel chief of Orlin Bank left.")
    by_index = [relations.role_at(doc, i) for i in range(len(doc))]  # before any Token was asked
    assert by_index == [relations._read_role_of_token(t) for t in doc]
    assert by_index == [relations.role_at(doc, i) for i in range(len(doc))]  # and again, from what was kept
    assert {docrel.Predicate.leaderOf, docrel.Predicate.worksFor, docrel.Predicate.memberOf} <= set(by_index)


def _walked_pair_distances(view, a: str, b: str) -> tuple:
    # Every pair of the two entities' mentions compared, as the features were read before.
    min_tok, min_gap, best, both = 99, 99, None, set()
    for f1 in view.ents[a].info:
        i1 = view.sent_index.get(f1.sent, 0)
        for f2 in view.ents[b].info:
            min_gap = min(min_gap, abs(i1 - view.sent_index.get(f2.sent, 0)))
            if f1.sent == f2.sent:
                both.add(i1)
                if f1.start < f2.end and f2.start < f1.end:
                    continue
                d = f2.start - f1.end if f1.start < f2.start else f1.start - f2.end
                if d < min_tok:
                    min_tok, best = d, (f1, f2)
    if best is None:
        return min(len(both), 10), min_tok, min(min_gap, 20), None
    s1, s2 = best[0].span, best[1].span
    lo, hi = (s1, s2) if s1.start < s2.start else (s2, s1)
    between = s1.doc[lo.end:hi.start]
    words = [t.lower_ for t in between]
    roles = [relations._read_role_of_token(t) for t in between]
    read = (min(len(between), 40), float(any(t.pos_ == "VERB" for t in between)), float("of" in words),
            float("," in words), float("in" in words or "at" in words),
            float(docrel.Predicate.leaderOf in roles),
            float(docrel.Predicate.worksFor in roles or docrel.Predicate.memberOf in roles))
    return min(len(both), 10), min_tok, min(min_gap, 20), read


def test_a_pairs_sentence_distances_are_those_every_pair_of_mentions_gives(nlp):
    text = ("Anna Lindqvist met Tom Brask in Orlin on Monday. Lindqvist heads Tarsk Motors, a carmaker based in "
            "Orlin.\n\nBrask said Tarsk Motors would stay in Veltria. Korvania and Veltria signed a treaty.\n\n"
            "Later, Brask and Lindqvist flew from Orlin to Korvania, where Tarsk Motors builds cars. "
            "Orlin fans cried when Veltria beat Orlin.\n\nA storm hit Lund on Friday.")
    doc = nlp(text)
    view = docrel.ArticleView(extract.article_mentions([(0, doc)]), [], {})
    F = docrel._F
    seen, kinds = set(), set()
    for a in view.keys:
        for b in view.keys:
            if a == b:
                continue
            v = docrel._base_vector(view, a, b)
            co, min_tok, gap, between = _walked_pair_distances(view, a, b)
            assert (v[F["co_sents"]], v[F["min_tok"]], v[F["min_sent_gap"]]) == (co, min_tok, gap), (a, b)
            names = ("between_len", "between_verb", "between_of", "between_comma", "between_in", "lead_between",
                     "work_between")
            assert (tuple(v[F[n]] for n in names) if between is not None else v[F["between_len"]]) == \
                (between if between is not None else 99), (a, b)
            if between is not None:
                kinds |= {n for n, x in zip(names[1:], between[1:]) if x}
            seen.add((co > 0, gap > 0, min_tok < 99))
    assert {(True, False, True), (False, True, False)} <= seen  # pairs named together and pairs never together
    assert {"between_verb", "between_comma", "between_in", "lead_between"} <= kinds


def test_lower_word_tokens_are_the_lower_case_words_a_walk_of_the_tokens_finds(nlp):
    from kgraph.extraction.nlp import lower_word_tokens

    for text in ["The tanker Clara Dunmore left Orlin; HMS Veltria and the ship's crew stayed.\n\nHurricane Elna hit.",
                 "ann roe, 12 ships, e-mail and naïve words: ÉLAN élan Ørsted's ørsted"]:
        doc = nlp(text)
        assert lower_word_tokens(doc) == [t.i for t in doc if t.is_lower and t.is_alpha], text
        assert lower_word_tokens(doc) == [t.i for t in doc if t.is_lower and t.is_alpha]  # and from what was kept


def test_storms_ships_and_nicknames_are_found_where_their_words_stand(nlp):
    doc = nlp("Hurricane Elna and Tropical Storm Bret hit Orlin; the storm Veltria did not. The tanker Clara Dunmore "
              "and MV Kestrel Bay sailed, the tanker Norway seized them. Lukas 'Luki' Brenner and "
              "Jean-Marc \"Papa Vel\" Orlande watched from the ship.")
    assert extract._storm_names(doc) == {"Elna", "Bret"}  # "the storm Veltria": no title-case storm word
    assert extract._vessel_names(doc) == {"Clara Dunmore", "Kestrel Bay", "MV Kestrel Bay"}
    assert [doc[s:e].text for s, _o, _c, e in extract._nickname_spans(doc)] == [
        "Lukas 'Luki' Brenner", 'Jean-Marc "Papa Vel" Orlande']


def test_finders_that_read_only_the_words_their_first_test_accepts_find_what_they_found(nlp):
    # Each of these finders now reads only the tokens its first test can accept (a region noun's neighbour, a
    # joiner, a kind noun's lemma, a capitalized word, the word after a place); what they find is unchanged.
    doc = nlp("Officials in the Tambov region and Reporters Without Borders met in Morgan City, La., on Monday. "
              "The charity Open Hands and the Verdal union joined them in Aiken, S.C., and UKRAINE sent ministers.")

    def names(cands):
        return [(doc[c.start:c.end].text, c.type) for c in cands]

    T = extract.EntityType
    assert names(extract._region_candidates(doc, 0, {}, set())) == [("Tambov", T.Place)]
    assert names(extract._capitalized_joiner_candidates(doc, 0, set())) == [("Reporters Without Borders", T.Organization)]
    assert names(extract._kind_noun_candidates(doc, 0, {}, set())) == [("Open Hands", T.Organization),
                                                                      ("Verdal", T.Organization)]
    assert names(extract._gazetteer_candidates(doc, 0, set(), set())) == [("UKRAINE", T.Country)]
    places = [extract._Cand(doc, 0, e.start, e.end, T.Place, e.text, "ner") for e in doc.ents if e.label_ == "GPE"]
    assert names(extract._state_candidates(doc, 0, places)) == [
        ("Morgan City", T.Place), ("La.", T.Place), ("Aiken", T.Place), ("S.C.", T.Place)]
