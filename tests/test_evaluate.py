"""Scoring against gold files: the matching rules, and `kgraph evaluate` end to end."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import main
from kgraph.core.errors import InputError
from kgraph.evaluate import Counts, evaluate, fact_verdicts, load_gold, normalize_name, score_kb
from kgraph.core.model import Entity, Fact, KnowledgeBase

GOLD = {
    "document": "a.txt",
    "entities": [
        {"id": "p", "type": ["Person"], "names": ["Maria Lopez", "Lopez"]},
        {"id": "o", "type": ["Organization"], "names": ["World Health Organization", "WHO"]},
        {"id": "c", "type": ["Country"], "names": ["Switzerland"]},
        {"id": "g", "type": ["Place"], "names": ["Geneva"]},
    ],
    "optional_entities": [{"id": "x", "type": ["Organization"], "names": ["United Nations"]}],
    "relations": [
        {"subject": "p", "predicate": ["worksFor", "memberOf"], "object": "o"},
        {"subject": "o", "predicate": ["basedIn"], "object": "g"},
    ],
    "optional_relations": [{"subject": "o", "predicate": ["partOf"], "object": "x"}],
}


def _kb(entities, facts):
    return KnowledgeBase(entities=tuple(Entity(k, t, label, tuple(al)) for k, t, label, al in entities),
                         facts=tuple(Fact(s, p, o) for s, p, o in facts))


@pytest.mark.parametrize("a, b", [
    pytest.param("The World Health Organization", "world health organization", id="leading-the-and-case"),
    pytest.param("Russia's", "Russia", id="trailing-possessive"),
    pytest.param("U.S.", "US", id="dots"),
    pytest.param("Clutton-Brock", "Clutton Brock", id="hyphen"),
    pytest.param("Procter & Gamble", "Procter and Gamble", id="ampersand"),
])
def test_names_match_after_normalisation(a, b):
    assert normalize_name(a) == normalize_name(b)


def test_perfect_build_scores_one():
    kb = _kb([("p", "Person", "Maria Lopez", []), ("o", "Organization", "WHO", []),
              ("c", "Country", "Switzerland", []), ("g", "Place", "Geneva", [])],
             [("p", "worksFor", "o"), ("o", "basedIn", "g")])
    s = score_kb(GOLD, kb)
    assert (s.entities, s.relations) == (Counts(4, 0, 0), Counts(2, 0, 0))


def test_duplicate_node_is_false_positive():
    kb = _kb([("p1", "Person", "Maria Lopez", []), ("p2", "Person", "Lopez", [])], [])
    s = score_kb(GOLD, kb)
    assert s.entities == Counts(1, 1, 3)
    assert any("duplicate" in f for f in s.false)


def test_country_fits_place_but_place_not_country():
    kb = _kb([("g", "Country", "Geneva", []), ("c", "Place", "Switzerland", [])], [])
    s = score_kb(GOLD, kb)
    assert s.entities == Counts(1, 1, 3)
    assert any("wrong type" in f and "Switzerland" in f for f in s.false)


def test_optional_items_neither_reward_nor_penalise():
    kb = _kb([("o", "Organization", "WHO", []), ("x", "Organization", "United Nations", [])],
             [("o", "partOf", "x")])
    s = score_kb(GOLD, kb)
    assert s.entities == Counts(1, 0, 3)
    assert s.relations == Counts(0, 0, 2)


def test_wrong_predicate_and_unknown_argument_are_false():
    kb = _kb([("p", "Person", "Maria Lopez", []), ("o", "Organization", "WHO", []),
              ("z", "Place", "Zurich", [])],
             [("p", "leaderOf", "o"), ("o", "basedIn", "z")])
    s = score_kb(GOLD, kb)
    assert s.relations == Counts(0, 2, 2)
    assert s.by_predicate["leaderOf"] == Counts(0, 1, 0)
    assert s.by_predicate["worksFor"] == Counts(0, 0, 1)


def test_a_fact_the_graph_does_not_state_is_not_scored():
    # "Maria Lopez" retyped an organization after extraction: her worksFor no longer fits, the graph leaves it out.
    kb = _kb([("p", "Organization", "Maria Lopez", []), ("o", "Organization", "WHO", []),
              ("g", "Place", "Geneva", [])],
             [("p", "worksFor", "o"), ("o", "basedIn", "g")])
    s = score_kb(GOLD, kb)
    assert s.relations == Counts(1, 0, 1)
    assert not any("worksFor" in f for f in s.false)
    assert [right for _f, right in fact_verdicts(GOLD, kb)] == [True]


def test_alias_matches_gold_name():
    kb = _kb([("o", "Organization", "W.H.O. agency", ["World Health Organization"])], [])
    assert score_kb(GOLD, kb).entities.tp == 1


def _write_gold(tmp_path, gold=GOLD, text="Maria Lopez, spokesperson for the World Health Organization, "
                                        "spoke in Geneva, Switzerland.\n"):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_evaluate_builds_and_scores(tmp_path, nlp):
    report = evaluate(_write_gold(tmp_path), nlp=nlp)
    assert len(report.documents) == 1
    assert report.entities.tp >= 3
    assert report.relations.tp >= 1
    dropped = evaluate(tmp_path, nlp=nlp, min_confidence=1.0)
    assert dropped.relations.tp + dropped.relations.fp <= report.relations.tp + report.relations.fp


def test_cli_evaluate_prints_figures_and_json(tmp_path):
    _write_gold(tmp_path)
    out = tmp_path / "report.json"
    res = CliRunner().invoke(main, ["evaluate", "--gold", str(tmp_path), "--json", str(out), "-v"])
    assert res.exit_code == 0, res.output
    assert "micro over 1 documents: relations P" in res.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"entities", "relations", "by_predicate", "documents"}


@pytest.mark.parametrize("content, message", [
    pytest.param("{not json", "not a readable gold JSON", id="not-json"),
    pytest.param("[" * 100_000 + "]" * 100_000, "nested too deeply", id="nested-too-deeply"),
    pytest.param(json.dumps({"entities": []}), "needs 'document'", id="no-document"),
    pytest.param(json.dumps({"document": "missing.txt", "entities": []}), "article not found", id="no-article"),
    pytest.param(json.dumps({"document": "a.txt", "entities": [],
                             "relations": [{"subject": "p", "predicate": ["worksFor"], "object": "o"}]}),
                 "unknown entity", id="dangling-relation"),
    pytest.param(json.dumps({"document": 5, "entities": []}), "'document' must be", id="document-number"),
    pytest.param(json.dumps({"document": "a\0.txt", "entities": []}), "'document' must be", id="document-nul"),
    pytest.param(json.dumps({"document": "loop", "entities": []}), "article not found", id="document-symlink-loop"),
    pytest.param(json.dumps({"document": "a.txt", "entities": [{"id": ["p"], "type": "Person", "names": ["A"]}]}),
                 "'id' must be", id="id-list"),
    pytest.param(json.dumps({"document": "a.txt", "entities": [{"id": "p", "type": "Person", "names": []}]}),
                 "'names' a string", id="names-empty"),
    pytest.param(json.dumps({"document": "a.txt", "entities": [{"id": "p", "type": 5, "names": [7]}]}),
                 "'names' a string", id="type-and-names-numbers"),
    pytest.param(json.dumps({"document": "a.txt", "entities": [], "relations": 5}), "'relations' must be a list",
                 id="relations-number"),
    pytest.param(json.dumps({"document": "a.txt", "entities": [{"id": "p", "type": "Person", "names": "A"}],
                             "relations": [{"subject": "p", "predicate": 5, "object": "p"}]}),
                 "'predicate' must be", id="predicate-number"),
    pytest.param(json.dumps({"document": "a.txt", "entities": [{"id": "p", "type": "Person", "names": "A"}],
                             "relations": [{"subject": ["p"], "predicate": "worksFor", "object": "p"}]}),
                 "unknown entity", id="subject-list"),
])
def test_bad_gold_is_a_clear_error(tmp_path, content, message):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    (tmp_path / "g.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_gold(tmp_path / "g.json")
    res = CliRunner().invoke(main, ["evaluate", "--gold", str(tmp_path / "g.json")])
    assert res.exit_code == 1
    assert res.output.startswith("Error: ") and "Traceback" not in res.output


@pytest.mark.parametrize("gold, message", [
    ({"entities": [{"id": "p", "type": "Planet", "names": "Velt"}]}, "type 'Planet' of 'p' is none of Person"),
    ({"entities": [{"id": "p", "type": "Person", "names": "A"}, {"id": "p", "type": "Person", "names": "B"}]},
     "entity id 'p' is used twice"),
    ({"entities": [{"id": "p", "type": "Person", "names": "A"}],
      "relations": [{"subject": "p", "predicate": "owns", "object": "p"}]}, "predicate 'owns' is none of kgraph's"),
])
def test_a_gold_file_that_cannot_mean_what_it_says_is_a_warning(tmp_path, gold, message):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "g.json").write_text(json.dumps({"document": "a.txt", **gold}), encoding="utf-8")
    with pytest.warns(UserWarning, match=message):
        load_gold(tmp_path / "g.json")


def test_missing_gold_folder_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(main, ["evaluate", "--gold", str(tmp_path / "nope")])
    assert res.exit_code == 1 and "gold path not found" in res.output


def test_verbose_report_shows_escape_sequences_of_gold_names_as_text():
    # A gold name holding ESC ]52 (a clipboard write), ESC [2J or U+202E reached the terminal raw before.
    from kgraph.evaluate import DocumentScore, Report, format_report

    doc = DocumentScore("gold\x1b[2J", Counts(), Counts(), missed=("entity Ilse \x1b]52;c;SGk=\x07Varga ['Person']",),
                        false=("entity Tarvo\u202e [Place] (not in gold)",))
    text = format_report(Report((doc,)), verbose=True)
    assert not any(c in text for c in "\x1b\x07\u202e")
    assert "Ilse \\x1b]52;c;SGk=\\x07Varga" in text and text.endswith("\n") and text.count("\n") == 5
