"""The learned entity decision: its run-time arithmetic, its training, and the shipped model on invented text."""

from __future__ import annotations

import dataclasses
import json

import pytest

from kgraph.extraction import entity_model
from kgraph.extraction.extract import _candidates, _decide, extract_doc
from kgraph.core.model import Article
from kgraph.core.terms import EntityType


def mentions_of(nlp, text):
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    return [(m.text, m.type, m.name) for m in ex.mentions]


# ---------------------------------------------------------------- run-time arithmetic

def test_probabilities_sum_to_one_and_follow_weights():
    model = {"weights": {"__bias__": [0.0, 0.0, 0.0, 0.0, 0.0], "last=fc": [0.0, 0.0, 3.0, 0.0, 0.0]}}
    probs = entity_model.probabilities(model, ["last=fc", "unknown-feature"])
    assert sum(probs) == pytest.approx(1.0)
    assert max(range(5), key=probs.__getitem__) == entity_model.CLASSES.index("Organization")
    flat = entity_model.probabilities(model, [])
    assert flat == pytest.approx([0.2] * 5)


def _model(type_weights: dict, edge_weights: dict | None = None, threshold: float = 0.5) -> dict:
    return {"types": {"threshold": threshold, "weights": {"__bias__": [0.0] * 5, **type_weights}},
            "edges": {"threshold": 0.5, "weights": {"__bias__": [0.0, -5.0], **(edge_weights or {})}}}


def test_decide_retypes_a_name_in_all_its_mentions(nlp):
    text = "Kalvor Trade Union met on Monday. Later Kalvor Trade Union voted."
    cands = _decide(_candidates(nlp(text), 0))
    assert cands
    # Every candidate looks like an organization to this model.
    kept = entity_model.decide(cands, _model({"bias": [0.0, 0.0, 4.0, 0.0, 0.0]}))
    assert kept and {c.type for c in kept} == {"Organization"}


def test_decide_drops_a_name_whose_none_probability_passes_the_threshold(nlp):
    text = "Marta Velloso spoke in Brastow on Friday."
    cands = _decide(_candidates(nlp(text), 0))
    assert cands
    kept = entity_model.decide(cands, _model({"bias": [6.0, 0.0, 0.0, 0.0, 0.0]}))
    assert kept == []


def test_trim_cuts_an_edge_word_the_edge_model_rejects(nlp):
    doc = nlp("Dorvik Fennel 2-1 was the result.")
    cand = entity_model_cand(doc, 0, 3)
    # Only a number-like edge word is cut.
    [cut] = entity_model.trim([cand], {"threshold": 0.5, "weights": {"__bias__": [0.0, -5.0], "Rnumber": [0.0, 10.0]}})
    assert cut.text == "Dorvik Fennel"
    assert cut.name == "Dorvik Fennel"
    assert (cand.start, cand.end) == (0, 3)  # the candidate record itself is never changed


def test_trim_renames_the_aliases_of_a_cut_name(nlp):
    from dataclasses import replace

    doc = nlp("Dorvik Fennel 2-1 (DFC) won, and the DFC said so.")
    owner = entity_model_cand(doc, 0, 3)
    acro = [replace(entity_model_cand(doc, i, i + 1), name=owner.name, source="acronym")
            for i, t in enumerate(doc) if t.text == "DFC"]
    out = entity_model.trim([owner] + acro,
                            {"threshold": 0.5, "weights": {"__bias__": [0.0, -5.0], "Rnumber": [0.0, 10.0]}})
    assert [c.name for c in out] == ["Dorvik Fennel", "Dorvik Fennel", "Dorvik Fennel"]
    assert [c.text for c in out[1:]] == ["DFC", "DFC"]


def entity_model_cand(doc, start, end):
    from kgraph.extraction.extract import _Cand

    return _Cand(doc, 0, start, end, "Organization", doc[start:end].text, "ner", "ORG")


# ---------------------------------------------------------------- training

def _dwie_doc(i: int) -> dict:
    """Return an invented article in DWIE's JSON shape."""
    text = (f"Harlo Benning{i} visited Tavrion on Monday.\nHowever Benning{i} said the Quellmark "
            f"Party would win.\nThe Quellmark Party beat Ostrel FC 2-1.\n")
    def span(s, k=0):
        b = text.index(s, k)
        return b, b + len(s)
    mentions = []
    for surface, concept in ((f"Harlo Benning{i}", 0), ("Tavrion", 1), ("Quellmark Party", 2),
                             ("Ostrel FC", 3)):
        b, e = span(surface)
        mentions.append({"begin": b, "end": e, "text": surface, "concept": concept})
    b, e = span(f"Benning{i} said")
    mentions.append({"begin": b, "end": b + len(f"Benning{i}"), "text": f"Benning{i}", "concept": 0})
    concepts = [{"concept": 0, "text": f"Harlo Benning{i}", "tags": ["type::person"]},
                {"concept": 1, "text": "Tavrion", "tags": ["type::gpe0", "type::location"]},
                {"concept": 2, "text": "Quellmark Party", "tags": ["type::organization"]},
                {"concept": 3, "text": "Ostrel FC", "tags": ["type::organization"]}]
    return {"id": f"DW_{i}", "content": text, "mentions": mentions, "concepts": concepts, "relations": []}


def test_dwie_article_maps_mentions_onto_the_built_text():
    doc = _dwie_doc(3)
    art, gold = entity_model.dwie_article(doc)
    assert all(art.text[s:e] for s, e, _c in gold)
    assert ("Tavrion", "Country") in {(art.text[s:e], c) for s, e, c in gold}


@pytest.mark.slow
def test_train_entities_is_deterministic(tmp_path, nlp):
    src = tmp_path / "dwie"
    src.mkdir()
    for i in range(1, 7):
        (src / f"DW_{i}.json").write_text(json.dumps(_dwie_doc(i)), encoding="utf-8")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    summary = entity_model.train_entities(src, output=a, first=6, folds=2, steps=30)
    entity_model.train_entities(src, output=b, first=6, folds=2, steps=30)
    assert a.read_bytes() == b.read_bytes()
    model = json.loads(a.read_text())
    assert summary["articles"] == 6 and summary["candidates"] > 0
    assert set(model) >= {"types", "edges", "cross_validation"}
    assert 0.0 < model["types"]["threshold"] < 1.0


def _labels(nlp, text, gold_names):
    """Return {candidate text: training label} of one invented article whose gold mentions are ``gold_names``."""
    from kgraph.core.model import Article

    gold = []
    for surface, cls in gold_names:
        b = text.index(surface)
        gold.append((b, b + len(surface), cls))
    records, _edges = entity_model.examples([(Article("t", text), [(0, nlp(text))], sorted(gold))])
    return {r["text"]: r["label"] for r in records}


def test_training_labels_a_titled_person_annotated_with_the_title_as_a_person(nlp):
    text = "Ferro Lask , who shot Governor Tamsin Orle , was a clerk ."
    labels = _labels(nlp, text, [("Ferro Lask", "Person"), ("Governor Tamsin Orle", "Person")])
    assert labels.get("Tamsin Orle") == "Person"


def test_training_labels_the_parts_of_a_place_annotated_whole_as_places(nlp):
    text = "Ada Wren moved to Leeds , England , last spring ."
    labels = _labels(nlp, text, [("Ada Wren", "Person"), ("Leeds , England", "Place")])
    assert labels.get("Leeds") == "Place"


def test_training_labels_a_person_ending_a_longer_annotated_person_as_a_person(nlp):
    text = "The case went to Lakeside County Judge Ann Vale on Friday ."
    labels = _labels(nlp, text, [("Lakeside County Judge Ann Vale", "Person")])
    assert labels.get("Ann Vale") == "Person"


def test_training_labels_a_place_inside_an_organization_name_as_junk(nlp):
    text = "Officials of the Leeds Harbour Trust met on Monday ."
    labels = _labels(nlp, text, [("Leeds Harbour Trust", "Organization")])
    inside = {t: lab for t, lab in labels.items() if t != "Leeds Harbour Trust"}
    assert all(lab == "none" for lab in inside.values())


def test_train_entities_rejects_a_folder_without_articles(tmp_path):
    from kgraph.core.errors import InputError

    with pytest.raises(InputError):
        entity_model.train_entities(tmp_path, output=tmp_path / "m.json")


# ---------------------------------------------------------------- the shipped model on invented text

shipped = pytest.mark.skipif(entity_model.load() is None, reason="no shipped entity model")


@shipped
def test_town_club_in_a_match_is_an_organization(nlp):
    text = ("Werlingen beat Ostrel 3-0 in the league on Saturday. The Werlingen coach praised his "
            "strikers after the match, and Werlingen fans celebrated.")
    types = {name: typ for _t, typ, name in mentions_of(nlp, text)}
    assert types.get("Werlingen") == "Organization", types


@shipped
def test_leading_connective_is_no_part_of_a_name(nlp):
    text = "However Halvard Brenstrup rejected the plan. Brenstrup said the city council had no money."
    names = {name for _t, _typ, name in mentions_of(nlp, text)}
    assert not any(n.lower().startswith("however") for n in names), names


@shipped
def test_score_is_no_part_of_a_name(nlp):
    text = "Bayern Werlingen 2-1 Ostrel City: the hosts won with a late goal."
    names = {name for _t, _typ, name in mentions_of(nlp, text)}
    assert not any("2-1" in n or "2" in n.split() for n in names), names


# ---------------------------------------------------------------- context rules (invented sentences)

def _types(kept):
    return {c.text: str(c.type) for c in kept}


@pytest.mark.parametrize("text", ["Kremlin adviser Boris Antonov said the talks would resume in spring.",
                                  "The Kremlin said on Tuesday that the talks would resume."])
def test_seat_of_power_used_as_an_actor_is_an_organization(nlp, text):
    cands = _decide(_candidates(nlp(text), 0))
    # A model that calls every name a place: the actor use still makes the seat of power the body.
    kept = entity_model.decide(cands, _model({"bias": [0.0, 0.0, 0.0, 4.0, 0.0]}))
    assert _types(kept)["Kremlin"] == "Organization"


def test_seat_of_power_named_as_a_place_stays_a_place(nlp):
    cands = _decide(_candidates(nlp("Tourists queued outside the Kremlin on Sunday."), 0))
    kept = entity_model.decide(cands, _model({"bias": [0.0, 0.0, 0.0, 4.0, 0.0]}))
    assert _types(kept).get("Kremlin") == "Place"


@shipped
@pytest.mark.parametrize("text, name", [("Brenmoor AG said sales rose.", "Brenmoor AG"),
                                        ("Kessler AG said on Monday that its sales rose.", "Kessler AG"),
                                        ("Kessler Airlines said on Monday it would cut 500 jobs.", "Kessler Airlines"),
                                        ("Brenmoor Motors, the carmaker, reported record profits.", "Brenmoor Motors")])
def test_a_name_ending_in_a_legal_form_or_company_head_is_an_organization(nlp, text, name):
    # The shipped model reads a name that "said" something as a person's; the company's ending says otherwise.
    assert (name, "Organization") in {(t, str(k)) for t, k, _n in mentions_of(nlp, text)}


def test_city_used_as_an_actor_stays_a_place(nlp):
    cands = _decide(_candidates(nlp("Berlin said on Tuesday that the talks would resume."), 0))
    kept = entity_model.decide(cands, _model({"bias": [0.0, 0.0, 0.0, 4.0, 0.0]}))
    assert _types(kept).get("Berlin") == "Place"


@pytest.mark.parametrize("text, org", [
    ("Lena Varga, spokesperson for Estonian naval intelligence, said the convoy had left.",
     "Estonian naval intelligence"),
    ("Tomas Brel, spokesman for the Danish defense ministry, said the drills were over.", "Danish defense ministry")])
def test_descriptive_organization_a_role_ties_a_person_to_is_kept(nlp, text, org):
    cands = _decide(_candidates(nlp(text), 0))
    # A model that calls every name junk, and an edge model that would cut every edge word.
    model = _model({"bias": [6.0, 0.0, 0.0, 0.0, 0.0]}, {"bias": [0.0, 10.0]})
    kept = entity_model.decide(cands, model)
    assert _types(kept) == {org: "Organization"}


def test_descriptive_organization_without_a_person_is_left_to_the_model(nlp):
    cands = _decide(_candidates(nlp("The Danish defense ministry said the drills were over."), 0))
    assert entity_model.decide(cands, _model({"bias": [6.0, 0.0, 0.0, 0.0, 0.0]})) == []


def test_a_pool_does_not_drop_a_full_name_its_own_mentions_keep(nlp):
    cands = _decide(_candidates(nlp("Lena Marr opened the gallery on Monday. Marr said it was late."), 0))
    assert {c.text for c in cands} >= {"Lena Marr", "Marr"}
    # One-word names look like junk to this model, two-word names like persons; the pool's mean is junk.
    model = _model({"ntok=1": [4.0, 0.0, 0.0, 0.0, 0.0], "hand=Person": [0.0, 2.0, 0.0, 0.0, 0.0]}, threshold=0.45)
    kept = {(c.text, c.type) for c in entity_model.decide(cands, model)}
    assert ("Lena Marr", "Person") in kept and "Marr" not in {t for t, _k in kept}


def test_full_name_takes_the_type_votes_of_its_surname():
    from types import SimpleNamespace as NS

    def group(name, kind, label):
        return [(NS(name=name, type=kind, label=label), None)]

    groups = {"ilse varga": group("Ilse Varga", "Place", "FAC"), "varga": group("Varga", "Person", "PERSON"),
              "munich": group("Munich", "Place", "GPE"), "bayern munich": group("Bayern Munich", "Organization", "ORG")}
    pools = entity_model._person_pools(groups)
    assert pools["ilse varga"] == pools["varga"] == ["ilse varga", "varga"]
    assert "munich" not in pools and "bayern munich" not in pools


def test_propn_candidates_cover_only_untouched_capitalized_proper_nouns(nlp):
    doc = nlp('He joined the militant group "Crimson Dawn" (CD) in 2012, Mira Holm said.')
    cands = _decide(_candidates(doc, 0))
    covered = {i for c in cands for i in range(c.start, c.end)}
    extra = entity_model.propn_candidates(cands)
    assert extra
    for c in extra:
        assert c.source == "propn" and c.type is None
        assert not covered & set(range(c.start, c.end))
        assert all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in c.span)


def test_propn_candidates_leave_titles_out_of_names(nlp):
    doc = nlp("On Sunday the Veldt Archbishop Anton Moreau blessed the bells of Skarholm.")
    cands = [c for c in _decide(_candidates(doc, 0)) if "Moreau" not in c.text and "Archbishop" not in c.text]
    texts = [c.text for c in entity_model.propn_candidates(cands)]
    assert "Anton Moreau" in texts
    assert not any("Archbishop" in t for t in texts)


def test_propn_candidates_read_a_piece_where_no_finder_proposed_anything(nlp):
    # A one-sentence text whose names no finder tagged: the run is still offered to the model.
    doc = nlp("On Sunday the Veldt Archbishop Anton Moreau blessed the bells of Skarholm.")
    assert entity_model.propn_candidates([]) == []
    texts = [c.text for c in entity_model.propn_candidates([], [(0, doc)])]
    assert "Anton Moreau" in texts


def test_lexicon_learns_given_names_and_common_words(nlp):
    text = ("Anton Moreau met Lise Varga in Skarholm. The council will meet again, and the council "
            "said the meeting went well. Anton Moreau Foundation paid. Anton Moreau spoke; the council agreed.")
    starts = [("Anton Moreau", "Person"), ("Lise Varga", "Person"), ("Skarholm", "Place")]
    gold = [(text.index(n), text.index(n) + len(n), t) for n, t in starts]
    lex = entity_model.Lexicon.learn([(Article("t", text), [(0, nlp(text))], gold)])
    assert lex.given == {"anton", "lise"}
    assert "council" in lex.common and "skarholm" not in lex.common
    doc = nlp("Eventually Lise Torvald agreed.")
    feats = lex.features(list(doc[1:3]), "Person")
    assert "given-first&hand=Person" in feats and "common=no|2" in feats
    assert entity_model.Lexicon.of({"lexicon": lex.payload()}).given == lex.given
    assert entity_model.Lexicon.of({}) is None
    # Whole annotated names are not learned: the stored lexicon holds word lists only.
    assert set(lex.payload()) == {"common", "given"}


@pytest.mark.parametrize("text, phrase, sides", [
    ("He prayed in the Mosque of Vell on Friday.", "Vell", ["of-after"]),
    ("The Battle of Vell ended in the spring.", "Battle", ["of-before"]),
    ("She was the Vell High Commissioner then.", "Vell", ["cap-after"]),
    ("Anton Moreau drove to Vell on Friday.", "Vell", []),
])
def test_inside_longer_name_reads_capitals_joined_past_the_span(nlp, text, phrase, sides):
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == phrase)
    assert entity_model._inside_longer_name(doc, start, start + 1) == sides


def test_a_title_before_a_name_is_no_longer_name(nlp):
    doc = nlp("The note says: Dear Anton Moreau, happy birthday.")
    start = next(t.i for t in doc if t.text == "Anton")
    assert entity_model._inside_longer_name(doc, start, start + 2) == []


def test_threshold_balances_junk_and_found_names():
    trade = [{"threshold": 0.3, "junk": 0.02, "found": 0.80}, {"threshold": 0.5, "junk": 0.05, "found": 0.95},
             {"threshold": 0.7, "junk": 0.15, "found": 0.99}]
    assert entity_model.choose_threshold(trade) == 0.5


def test_edge_feature_named_elsewhere_needs_another_mention(nlp):
    from collections import Counter

    doc = nlp("Eventually Varnholt Group signed the deal.")
    cand = entity_model_cand(doc, 0, 3)
    key = entity_model._akey(cand.text)
    once = entity_model.edge_features(cand, 0, "L", 0, 3, Counter({key: 1}))
    twice = entity_model.edge_features(cand, 0, "L", 0, 3, Counter({key: 2}))
    assert "Lall-named-elsewhere" not in once and "Lall-named-elsewhere" in twice
    lower = entity_model.edge_features(cand, 0, "L", 0, 3, Counter(), {"eventually"})
    assert "Llower-elsewhere" in lower


def test_a_name_written_once_is_dropped_at_its_own_threshold(nlp):
    text = "Orlan Vesk met the press on Monday. Then the minister Brisco Tamm arrived, and Brisco Tamm spoke."
    cands = _decide(_candidates(nlp(text), 0))
    assert {c.name for c in cands} >= {"Orlan Vesk", "Brisco Tamm"}
    # Every name is a person with a "none" probability of about 0.3.
    model = _model({"bias": [0.0, 0.85, 0.0, -5.0, -5.0]}, threshold=0.5)
    assert {c.name for c in entity_model.decide(cands, model)} >= {"Orlan Vesk", "Brisco Tamm"}
    model["types"]["threshold_once"] = 0.2
    kept = {c.name for c in entity_model.decide(cands, model)}
    assert "Brisco Tamm" in kept and "Orlan Vesk" not in kept


def test_tradeoff_gives_single_mentions_their_own_threshold():
    records = [{"article": 0, "key": "a", "label": "Person"}, {"article": 0, "key": "a", "label": "Person"},
               {"article": 0, "key": "b", "label": "none"}, {"article": 1, "key": "c", "label": "Place"}]
    probs = [[0.4, 0.6, 0, 0, 0], [0.4, 0.6, 0, 0, 0], [0.35, 0.65, 0, 0, 0], [0.1, 0, 0, 0.9, 0]]
    rows = entity_model.node_tradeoff(records, probs, [0.5], [0.3, 0.5])
    by_once = {r["threshold_once"]: r for r in rows}
    # At 0.3 the junk name written once goes, the good names stay.
    assert by_once[0.3]["junk"] == 0.0 and by_once[0.3]["found"] == 1.0
    assert by_once[0.5]["junk"] == pytest.approx(1 / 3, abs=1e-3)
    assert entity_model.choose_row(rows)["threshold_once"] == 0.3


@pytest.mark.parametrize("text, phrase, expected", [
    ("The head of the Vellmark institute in Brastow, Anton Moreau, criticized the plan.", "Anton Moreau", True),
    ("Anton Moreau, the spokesman of the council, declined.", "Anton Moreau", True),
    ("The museum in Brastow, Vellmark Hall, opened on Monday.", "Vellmark Hall", False),
])
def test_role_apposition_reads_a_role_noun_beside_the_name(nlp, text, phrase, expected):
    doc = nlp(text)
    start = text.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert entity_model._role_apposition(span) is expected


def test_edge_features_join_the_edge_word_with_the_other_end(nlp):
    from collections import Counter

    doc = nlp("The German Roads Ministry said the bridge was closed.")
    cand = entity_model_cand(doc, 1, 4)
    feats = entity_model.edge_features(cand, 1, "L", 1, 4, Counter())
    assert "Lkind&far=gaz=demonym|ministry" in feats


def _split_texts(nlp, text, lex=None):
    cands = _decide(_candidates(nlp(text), 0))
    return [c.text for c in entity_model.split_runs(cands + entity_model.propn_candidates(cands), lex)]


def test_split_runs_splits_two_place_names_run_together(nlp):
    texts = _split_texts(nlp, "Skarholm's rowing club sent two boats to a regatta held near Oslo Norway "
                              "last spring. Oslo is cold.")
    assert "Oslo Norway" not in texts
    assert "Norway" in texts and texts.count("Oslo") == 2


def test_split_runs_leaves_a_name_ending_in_a_kind_of_place_whole(nlp):
    texts = _split_texts(nlp, "Fishermen say oil spills have ruined the creeks of the Niger Delta for years.")
    assert "Niger Delta" in texts and "Delta" not in texts


def test_split_runs_leaves_a_club_and_a_repeated_name_whole(nlp):
    texts = _split_texts(nlp, "Bayern Munich beat Hamburg on Sunday. Bayern were better in the second half.")
    assert "Bayern Munich" in texts
    texts = _split_texts(nlp, "Crowds gathered in Oslo Norway on Monday. By Friday Oslo Norway was quiet again.")
    assert "Norway" not in texts


def test_split_runs_leaves_a_city_and_its_clubs_short_name_whole(nlp):
    # "United" written alone as the club: the city before it names the club, not a place run into it.
    texts = _split_texts(nlp, "United lost again. Bayern head to a crisis-hit Leeds United on Tuesday.")
    assert "Leeds United" in texts and "Leeds" not in texts


def test_split_runs_leaves_a_club_named_by_a_word_and_its_city_whole(nlp):
    from kgraph.extraction.extract import _Cand

    # "Kingston", a town's name too, written alone as the club: with the city after it, it names the club.
    doc = nlp("They faced Kingston Oslo on Sunday. Kingston scored first.")
    cands = [_Cand(doc, 0, 2, 4, "Organization", "Kingston Oslo", "ner", "ORG"),
             _Cand(doc, 0, 7, 8, "Organization", "Kingston", "ner", "ORG")]
    assert [t.text for t in doc[7:8]] == ["Kingston"]
    assert [c.text for c in entity_model.split_runs(cands)] == ["Kingston Oslo", "Kingston"]
    persons = [_Cand(doc, 0, 2, 4, "Person", "Kingston Oslo", "ner", "PERSON"),
               _Cand(doc, 0, 7, 8, "Person", "Kingston", "ner", "PERSON")]
    assert [c.text for c in entity_model.split_runs(persons)] == ["Kingston Oslo", "Kingston"]
    # Written alone as the town, it is a place run into another one.
    cands[1] = _Cand(doc, 0, 7, 8, "Place", "Kingston", "ner", "GPE")
    assert "Kingston Oslo" not in [c.text for c in entity_model.split_runs(cands)]
    # A word the article writes alone before a city of two words: the club named after that city.
    texts = _split_texts(nlp, "The striker scored against Hollin Tel Aviv on Sunday. Hollin lost again.")
    assert "Hollin Tel Aviv" in texts and "Tel Aviv" not in texts


def test_split_runs_leaves_a_given_name_before_a_towns_name_whole(nlp):
    # Both words are towns' names, but the first is a given name and the article never writes it alone.
    lex = entity_model.Lexicon(given=["florence"])
    assert _split_texts(nlp, "Florence Tarbes was awarded a prize in 2007.") == ["Florence", "Tarbes"]
    assert _split_texts(nlp, "Florence Tarbes was awarded a prize in 2007.", lex) == ["Florence Tarbes"]
    # Written alone elsewhere as a place, it is a place run into another one.
    texts = _split_texts(nlp, "Rain fell in Florence on Monday. Florence Tarbes roads were closed.", lex)
    assert "Florence Tarbes" not in texts


def test_split_runs_cuts_a_nationality_word_off_a_given_name(nlp):
    lex = entity_model.Lexicon(given=["anton"])
    texts = _split_texts(nlp, "The shop was founded in 1980 by the Italian Anton Morello Varga.", lex)
    assert "Anton Morello Varga" in texts
    assert not any(t.startswith("Italian ") for t in texts)


def test_split_runs_splits_two_people_joined_by_a_hyphen(nlp):
    text = ("Ilse Varga met Anton Moreau in Skarholm on Monday. Varga said the talks went well, and Moreau agreed. "
            "Observers called the Varga-Moreau meeting a success.")
    cands = _decide(_candidates(nlp(text), 0))
    cands = cands + entity_model.propn_candidates(cands)
    joined = [c for c in cands if c.text == "Varga-Moreau"]
    assert joined  # the finders join the two surnames into one name
    texts = [c.text for c in entity_model.split_runs(cands)]
    assert "Varga-Moreau" not in texts
    assert texts.count("Varga") == 2 and texts.count("Moreau") == 2


def test_split_runs_reads_a_title_before_a_name_the_article_writes_alone_as_a_person(nlp):
    from kgraph.extraction.extract import _Cand

    doc = nlp("General Harlan visited the base. Harlan said the troops were ready. General Motors made the trucks.")
    cands = [_Cand(doc, 0, 0, 2, "Organization", "General Harlan", "ner", "ORG"),
             _Cand(doc, 0, 6, 7, "Person", "Harlan", "ner", "PERSON"),
             _Cand(doc, 0, 13, 15, "Organization", "General Motors", "ner", "ORG")]
    assert [t.text for t in doc[13:15]] == ["General", "Motors"]
    out = [(c.text, c.type) for c in entity_model.split_runs(cands)]
    assert ("Harlan", "Person") in out and out.count(("Harlan", "Person")) == 2
    assert ("General Motors", "Organization") in out


def test_split_runs_keeps_a_given_name_that_is_a_towns_when_the_surname_is_a_persons(nlp):
    from kgraph.extraction.extract import _Cand

    # "Paris" is a city's name too; tagged an organization, "Paris Vellin" is still the person "Vellin" is.
    doc = nlp("Paris Vellin won the final on Saturday. Vellin said she was tired.")
    cands = [_Cand(doc, 0, 0, 2, "Organization", "Paris Vellin", "ner", "ORG"),
             _Cand(doc, 0, 8, 9, "Person", "Vellin", "ner", "PERSON")]
    assert [t.text for t in doc[8:9]] == ["Vellin"]
    assert [c.text for c in entity_model.split_runs(cands)] == ["Paris Vellin", "Vellin"]
    # Written alone elsewhere, the town stays a name of its own: "Paris Vellin" is a run of two names.
    doc = nlp("Paris Vellin won the final on Saturday. Vellin said she loved Paris.")
    cands = [_Cand(doc, 0, 0, 2, "Organization", "Paris Vellin", "ner", "ORG"),
             _Cand(doc, 0, 8, 9, "Person", "Vellin", "ner", "PERSON"),
             _Cand(doc, 0, 12, 13, "Place", "Paris", "ner", "GPE")]
    assert [t.text for t in doc[12:13]] == ["Paris"]
    assert "Paris Vellin" not in [c.text for c in entity_model.split_runs(cands)]


@pytest.mark.parametrize("text, kept", [
    ("Austrian Chancellor Erich Lanz hosted the summit on Friday.", True),
    ("Danish Finance Minister Ola Brant resigned.", True),
    ("Austrian wine sold well in the summit's week.", False),  # no office: the model decides
    ("The Austrian chancellor hosted the summit.", False),  # no person holds the office in the text
])
def test_a_country_naming_whose_office_a_person_holds_stays_whatever_the_model_says(nlp, text, kept):
    cands = _decide(_candidates(nlp(text), 0))
    # A model that calls every name "none": only the country of a person's office is kept.
    got = _types(entity_model.decide(cands, _model({"bias": [6.0, 0.0, 0.0, 0.0, 0.0]})))
    country = {n: t for n, t in got.items() if t == "Country"}
    assert bool(country) == kept, got


@pytest.mark.parametrize("text, name, kind", [
    ("Vellox said on Monday it would cut 400 jobs at its plants.", "Vellox", "it"),
    ("Anton Moreau said he would stay in Tarsk.", "Anton Moreau", "he"),
    ("The Tarsk Greens said they would vote against the plan.", "Tarsk Greens", "they"),
    ("Anton Moreau said the firm would cut its jobs.", "Anton Moreau", None),  # another subject comes first
    ("The minister thanked Anton Moreau for his work.", "Anton Moreau", None),  # no subject
])
def test_pronoun_back_reads_the_pronoun_a_clause_refers_to_its_subject_with(nlp, text, name, kind):
    doc = nlp(text)
    at = text.index(name)
    assert entity_model._pronoun_back(doc.char_span(at, at + len(name))) == kind


@pytest.mark.parametrize("text, name, kind", [
    ("Anton Moreau could win the vote. Soon he led the polls.", "Anton Moreau", "he"),
    ("Vellox reported a loss. It also cut 400 jobs.", "Vellox", "it"),
    ("Anton Moreau could win the vote. The polls show a close race.", "Anton Moreau", None),  # no pronoun
    ("The minister thanked Anton Moreau. He left.", "Anton Moreau", None),  # not the subject
    ("Anton Moreau won.", "Anton Moreau", None),  # no next sentence
])
def test_pronoun_next_reads_the_next_sentences_subject_pronoun(nlp, text, name, kind):
    doc = nlp(text)
    at = text.index(name)
    assert entity_model._pronoun_next(doc.char_span(at, at + len(name))) == kind


def test_parsed_dwie_reads_its_cache_only_under_the_same_parse_key(tmp_path, nlp, monkeypatch):
    from kgraph.extraction import nlp as nlp_mod

    src, cache = tmp_path / "dwie", tmp_path / "cache"
    src.mkdir()
    for i in range(1, 3):
        (src / f"DW_{i}.json").write_text(json.dumps(_dwie_doc(i)), encoding="utf-8")
    first = entity_model.parsed_dwie(src, first=2, nlp=nlp, cache_dir=cache)
    again = entity_model.parsed_dwie(src, first=2, nlp=nlp, cache_dir=cache)
    assert [a.id for a, _p, _g in again] == [a.id for a, _p, _g in first]
    assert len(list(cache.glob("dwie-2-*.spacy"))) == 1
    # A change to how sentences are cut (nlp.py) is a new key: the old parses are not read back.
    monkeypatch.setattr(nlp_mod, "parse_key", lambda _nlp: "changedcode1")
    entity_model.parsed_dwie(src, first=2, nlp=nlp, cache_dir=cache)
    assert len(list(cache.glob("dwie-2-*.spacy"))) == 2


def test_parsed_dwie_does_not_read_another_folders_parses_of_as_many_articles(tmp_path, nlp):
    # Two folders of two articles each (a slice held out, say): the second must get its own parses.
    cache = tmp_path / "cache"
    for name, ids in (("a", (1, 2)), ("b", (5, 6))):
        (tmp_path / name).mkdir()
        for i in ids:
            (tmp_path / name / f"DW_{i}.json").write_text(json.dumps(_dwie_doc(i)), encoding="utf-8")
    entity_model.parsed_dwie(tmp_path / "a", first=2, nlp=nlp, cache_dir=cache)
    got = entity_model.parsed_dwie(tmp_path / "b", first=2, nlp=nlp, cache_dir=cache)
    assert [a.id for a, _p, _g in got] == ["DW_5", "DW_6"]
    assert all("Benning5" in p[0][1].text for a, p, _g in got if a.id == "DW_5")
    assert len(list(cache.glob("dwie-2-*.spacy"))) == 2


def test_a_bracket_gloss_after_a_name_the_model_found_is_that_organization(nlp):
    # The acronym outside the bracket is found by the learned decision (no NER tag): the gloss, with a demonym
    # the NER cut off it, still names it (extract._bracket_glosses, run again after the decision).
    found = mentions_of(nlp, "Soldiers of the TDF [Polish Homeland Defense Army] fired back. "
                              "The TDF said it lost two men.")
    assert ("Homeland Defense Army", "Organization", "TDF") in found
    found = mentions_of(nlp, "Tarsk (Veltria Central Province) voted on Monday.")
    assert not any(name == "Tarsk" and text != "Tarsk" for text, _t, name in found)


def test_rows_nearly_as_balanced_as_the_best_go_to_the_one_with_fewer_junk_nodes():
    # F-beta (0.7) 0.96566 against 0.96564: a tie within the cross-validation's noise; the cleaner row wins.
    trade = [{"threshold": 0.35, "threshold_once": 0.4, "junk": 0.0406, "found": 0.9787},
             {"threshold": 0.35, "threshold_once": 0.35, "junk": 0.0375, "found": 0.9721},
             {"threshold": 0.3, "threshold_once": 0.1, "junk": 0.0169, "found": 0.8714}]
    assert entity_model.choose_row(trade)["threshold_once"] == 0.35
    # 0.96564 against 0.96535: a later train's rows, 0.0003 apart, still a tie.
    later = [{"threshold": 0.3, "threshold_once": 0.4, "junk": 0.0402, "found": 0.9778},
             {"threshold": 0.3, "threshold_once": 0.35, "junk": 0.0374, "found": 0.971}]
    assert entity_model.choose_row(later)["threshold_once"] == 0.35
    # A clear winner still wins.
    trade[1]["found"] = 0.95
    assert entity_model.choose_row(trade)["threshold_once"] == 0.4


@pytest.mark.parametrize("text, org", [("The Vellgard union, which represents dock workers, called a strike.", "Vellgard"),
                                       ("The charity Open Hands said it would help.", "Open Hands")])
def test_a_name_a_kind_noun_stands_beside_is_a_kept_organization(nlp, text, org):
    cands = _decide(_candidates(nlp(text), 0))
    # A model that calls every name junk, and one that calls every name a place: the kind noun decides.
    assert _types(entity_model.decide(cands, _model({"bias": [6.0, 0.0, 0.0, 0.0, 0.0]}))).get(org) == "Organization"
    assert _types(entity_model.decide(cands, _model({"bias": [0.0, 0.0, 0.0, 4.0, 0.0]}))).get(org) == "Organization"


@pytest.mark.parametrize("text, side", [
    ("Gunnery beat Holmvik United 2-1 on Sunday to go top.", "Gunnery"),
    ("Holmvik United lost 0-2 to Gunnery on Sunday.", "Gunnery"),
])
def test_a_side_of_a_result_against_an_organization_is_a_kept_organization(nlp, text, side):
    cands = _decide(_candidates(nlp(text), 0))
    if not any(c.label == "ORG" and "Holmvik" in c.text for c in cands):
        pytest.skip("spaCy did not tag the club")
    # A model that calls every name junk: the result's other side decides.
    assert _types(entity_model.decide(cands, _model({"bias": [6.0, 0.0, 0.0, 0.0, 0.0]}))).get(side) == "Organization"


def test_a_result_between_two_persons_makes_no_organization(nlp):
    cands = _decide(_candidates(nlp("Anton Moreau beat Ilse Varga 6-3 in the final on Sunday."), 0))
    got = _types(entity_model.decide(cands, _model({"bias": [0.0, 4.0, 0.0, 0.0, 0.0]})))
    assert got.get("Anton Moreau") == "Person" and got.get("Ilse Varga") == "Person"


def test_a_person_the_company_clause_names_is_no_organization(nlp):
    cands = _decide(_candidates(nlp("The company Ann Roe founded in 1990 went bankrupt."), 0))
    assert _types(entity_model.decide(cands, _model({"bias": [0.0, 4.0, 0.0, 0.0, 0.0]}))).get("Ann Roe") == "Person"


@pytest.mark.parametrize("text", [
    "Shares of Orvane fell on Friday. Orvane chief executive Marcus Delane said the company would cut jobs.",
    "Orvane spokesman Peter Lanz said the talks would go on.",  # the tagger reads the word as a noun
    "Markets were calm. Shares in Orvane, whose chips power most phones, rose 2 percent.",
])
def test_a_firms_role_before_a_person_makes_an_unknown_word_a_firm(nlp, text):
    assert ("Orvane", "Organization", "Orvane") in mentions_of(nlp, text)


def test_a_two_word_name_after_shares_of_is_a_firm_whatever_the_ner_said(nlp):
    # spaCy-small reads an unknown two-word name as a person's; nobody owns shares of a person.
    text = "Shares of Tarvelo Kamrin rose 3 percent in early trading on Tuesday."
    assert ("Tarvelo Kamrin", "Organization", "Tarvelo Kamrin") in mentions_of(nlp, text)
    # the article's other mention, read as a person's, is the firm too
    text = "Tarvelo Kamrin, the Tarskian maker of tools, hired staff. Shares of Tarvelo Kamrin rose 3 percent."
    assert {m[1] for m in mentions_of(nlp, text) if m[0] == "Tarvelo Kamrin"} == {"Organization"}


def test_the_owner_before_a_firm_after_shares_of_stays_a_person(nlp):
    text = "Shares of Marcus Delane's carmaker fell on Friday, and Marcus Delane said nothing."
    assert not any(m[0] == "Marcus Delane" and m[1] == "Organization" for m in mentions_of(nlp, text))


def test_shares_in_a_known_place_are_its_market_not_a_firm(nlp):
    assert ("Tokyo", "Place", "Tokyo") in mentions_of(nlp, "Markets were calm. Shares in Tokyo rose 2 percent.")


@pytest.mark.parametrize("text", [
    "Tarsk mayor Ana Torvik opened the bridge.",  # a town's office
    "Orvane chief executive officers met.",  # no person after the role
])
def test_no_firm_is_read_without_a_firms_role_and_a_person(nlp, text):
    assert not any(m[0] in ("Tarsk", "Orvane") and m[1] == "Organization" for m in mentions_of(nlp, text))


def test_a_field_bodys_name_written_once_is_kept(nlp):
    # A long name with a hyphen, written once: the model alone drops it.
    text = "Observers from the Agency for Water and Co-operation in Africa said the vote was fair."
    assert ("Agency for Water and Co-operation in Africa", "Organization",
            "Agency for Water and Co-operation in Africa") in mentions_of(nlp, text)


def test_a_name_listed_after_a_kind_of_organization_is_kept(nlp):
    # Written once and untagged, the model alone drops "Tutorbase"; the list's kind noun vouches for it.
    text = "Rival firms such as Tutorbase and Lernwerk have also raised money this year."
    assert ("Tutorbase", "Organization", "Tutorbase") in mentions_of(nlp, text)


def test_an_untagged_company_name_written_once_is_kept(nlp):
    text = ("Chipmaker Velmont names new chief\n\nVelmont Semiconductors, the Dutch chipmaker, on Friday named "
            "Claire Duval as chief executive, replacing Henrik Maas, who retired after ten years.")
    assert ("Velmont Semiconductors", "Organization", "Velmont Semiconductors") in mentions_of(nlp, text)


def test_a_company_name_the_ner_read_as_a_person_keeps_its_company_word(nlp):
    cands = _decide(_candidates(nlp("Prosecutors said the bribes came from Telmar Networks last year."), 0))
    cands = [c if c.name != "Telmar Networks" else dataclasses.replace(c, type=EntityType.Person) for c in cands]
    if not any(c.name == "Telmar Networks" for c in cands):
        pytest.skip(f"spaCy found other names: {[c.name for c in cands]}")
    # A model that trims every edge and calls every name a person: the company word keeps the name whole.
    model = _model({"bias": [0.0, 4.0, 0.0, 0.0, 0.0]}, {"__bias__": [0.0, 5.0]})
    assert _types(entity_model.decide(cands, model)).get("Telmar Networks") == "Organization"


def test_sub_saharan_africa_is_one_place_name(nlp):
    # The edge model alone cuts the lower-case "sub-" off, leaving "Saharan Africa", which names nothing.
    text = "Poverty in sub-Saharan Africa fell last year. Growth in sub-Saharan Africa was slow."
    got = [m for m in mentions_of(nlp, text) if "Africa" in m[0]]
    assert got == [("sub-Saharan Africa", "Place", "sub-Saharan Africa")] * 2


def test_split_runs_leaves_a_given_name_and_a_surname_a_particle_opens_whole(nlp):
    from kgraph.extraction.extract import _Cand

    # "El Varossi" written alone, read as a body (as "El" opens a newspaper's name), and once after the given name.
    doc = nlp("Vice President Tareck El Varossi denied it. El Varossi left. Tareck spoke.")
    cands = [_Cand(doc, 0, 2, 5, "Person", "Tareck El Varossi", "ner", "PERSON"),
             _Cand(doc, 0, 8, 10, "Organization", "El Varossi", "ner", "ORG"),
             _Cand(doc, 0, 12, 13, "Place", "Tareck", "ner", "GPE")]
    assert [c.text for c in entity_model.split_runs(cands)] == ["Tareck El Varossi", "El Varossi", "Tareck"]
