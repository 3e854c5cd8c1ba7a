"""The relation classifier's training and the rules' calibration (small, synthetic data)."""

from __future__ import annotations

import pytest

from kgraph.core.errors import InputError
from kgraph.train import CLASSES, calibrate, conll_label, fit, predict, read_conll04


def test_fit_learns_a_separable_toy_problem():
    feats = [["T=Per>Org", "BS=works_for"]] * 20 + [["T=Per>Org", "BS=met"]] * 20 + \
            [["T=Per>Per", "D=nsubj^dobj|kill"]] * 20
    labels = [CLASSES.index("Work_For")] * 20 + [0] * 20 + [CLASSES.index("Kill")] * 20
    w = fit(feats, labels, steps=150)
    assert max(range(len(CLASSES)), key=predict(w, ["T=Per>Org", "BS=works_for"]).__getitem__) == 1
    assert max(range(len(CLASSES)), key=predict(w, ["T=Per>Org", "BS=met"]).__getitem__) == 0
    assert predict(w, ["T=Per>Per", "D=nsubj^dobj|kill"])[CLASSES.index("Kill")] > 0.8


def test_calibration_shrinks_rare_rules_towards_the_prior():
    hits = [("rule:a", "Kill", "Kill")] * 40 + [("rule:a", "Kill", None)] * 10 + \
           [("rule:b", "Kill", None)] + [("rule:c", None, None)] * 5
    out = calibrate(hits, prior=0.7, strength=4)
    assert out["rule:a"]["precision"] == pytest.approx((40 + 2.8) / 54, abs=1e-3)
    assert 0.5 < out["rule:b"]["precision"] < 0.7  # one miss pulls the prior down only a little
    assert "rule:c" not in out  # no CoNLL04 counterpart: not counted
    extra = calibrate([], extra=[("rule:d", True)] * 9 + [("rule:d", False)])
    assert extra["rule:d"]["precision"] == pytest.approx((9 + 2.8) / 14, abs=1e-3)


@pytest.mark.parametrize("predicate, s, o, label", [
    pytest.param("worksFor", "Person", "Organization", "Work_For", id="works-for-org"),
    pytest.param("citizenOf", "Person", "Country", "Live_In", id="citizen-is-live-in"),
    pytest.param("basedIn", "Organization", "Place", "OrgBased_In", id="based-in"),
    pytest.param("locatedIn", "Place", "Country", "Located_In", id="located-in"),
    pytest.param("killed", "Person", "Person", "Kill", id="killed"),
    pytest.param("partOf", "Organization", "Organization", None, id="org-part-of-has-no-counterpart"),
])
def test_predicates_map_to_conll04(predicate, s, o, label):
    assert conll_label(predicate, s, o) == label


def test_bad_training_file_is_an_input_error(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('[{"tokens": ["a"]}]', encoding="utf-8")
    with pytest.raises(InputError, match="not a CoNLL04"):
        read_conll04(bad)
    with pytest.raises(InputError):
        read_conll04(tmp_path / "missing.json")


@pytest.mark.parametrize("text, message", [
    ('[{"tokens": 5, "entities": [], "relations": []}]', "not a CoNLL04"),
    ('[{"tokens": ["Ilse"], "entities": [{"type": "Peop", "start": 0, "end": 3}], "relations": []}]', "not a CoNLL04"),
    ('[{"tokens": ["Ilse"], "entities": [], "relations": [{"type": "Kill", "head": 0, "tail": 1}]}]', "not a CoNLL04"),
    ('{"tokens": []}', "not a CoNLL04"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_a_training_file_of_wrong_shapes_is_one_input_error(tmp_path, text, message):
    bad = tmp_path / "x.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_conll04(bad)


def test_a_training_file_that_is_a_fifo_is_refused_before_it_is_opened(tmp_path):
    import os

    os.mkfifo(tmp_path / "train.json")
    with pytest.raises(InputError, match="FIFO"):
        read_conll04(tmp_path / "train.json")  # opening it would wait for a writer for ever


def test_dwie_gold_for_rule_calibration_is_written_from_the_data_folder(tmp_path):
    import json as _json

    from kgraph.train_doc import write_dwie_gold

    data = tmp_path / "data" / "dwie"
    tools = tmp_path / "tools"
    data.mkdir(parents=True)
    tools.mkdir()
    # A stand-in for the shared mapping tool: the article text up to its footer, and a fixed gold.
    (tools / "dwie_to_gold.py").write_text(
        "def footer_start(doc):\n    return doc['content'].find('Author:')\n"
        "def convert(doc):\n    return {'entities': [], 'relations': [], 'document': 'x'}\n", encoding="utf-8")
    for n in (3, 20, 100):
        (data / f"DW_{n}.json").write_text(_json.dumps(
            {"id": f"DW_{n}", "content": f"Ann Roe of Acme spoke {n}.\nAuthor: Bo Li"}), encoding="utf-8")
    out = write_dwie_gold(data, tmp_path / "gold", first=2)
    assert sorted(p.name for p in out.iterdir()) == ["DW_20.json", "DW_20.txt", "DW_3.json", "DW_3.txt"]
    assert (out / "DW_3.txt").read_text(encoding="utf-8") == "Ann Roe of Acme spoke 3.\n"
    assert _json.loads((out / "DW_20.json").read_text(encoding="utf-8"))["document"] == "DW_20.txt"


def test_train_without_scikit_learn_stops_before_rewriting_any_model(tmp_path, monkeypatch):
    import importlib.util

    from click.testing import CliRunner

    from kgraph.cli import main
    from kgraph.extraction import entity_model

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "sklearn" else real(name, *a))
    before = entity_model.MODEL_PATH.read_bytes()
    conll = tmp_path / "c.json"
    conll.write_text("[]", encoding="utf-8")
    (tmp_path / "dwie").mkdir()
    result = CliRunner().invoke(main, ["train", "--data", str(conll), "--dwie", str(tmp_path / "dwie"),
                                       "--output", str(tmp_path / "out.json")])
    assert result.exit_code == 1
    assert "Error: training the document model needs scikit-learn" in result.output
    assert not (tmp_path / "out.json").exists()
    assert entity_model.MODEL_PATH.read_bytes() == before


def test_training_pins_the_numerical_libraries_to_one_thread():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from kgraph.train import _PINNED, pin_blas_threads

    try:
        pin_blas_threads()
        pools = [p for p in threadpoolctl.threadpool_info() if p.get("user_api") == "blas"]
        assert pools and all(p["num_threads"] == 1 for p in pools)
    finally:
        while _PINNED:
            _PINNED.pop().restore_original_limits()


@pytest.mark.parametrize("text", ["[]", '[{"tokens": ["A"], "entities": [], "relations": []}]'])
def test_training_data_with_no_relation_is_one_input_error_before_any_model_loads(tmp_path, text):
    from kgraph.train import train

    data = tmp_path / "x.json"
    data.write_text(text, encoding="utf-8")
    assert read_conll04(data) is not None  # the entity and type heads read such files
    with pytest.raises(InputError, match="holds no annotated relations to train on"):
        train(data, output=tmp_path / "m.json", model="no-such-spacy-model")


def test_training_parses_are_cached_once_and_read_back_the_same(tmp_path):
    from kgraph.extraction import nlp as nlp_mod

    pipeline = nlp_mod.load()
    items = [{"id": "a", "text": "Ola Brand works for Tarsk Bank in Velt."},
             {"id": "b", "text": "Mia Orvik leads the Orvik Party.\n\nShe spoke in Tarsk."}]
    first = nlp_mod.parse_cached(items, pipeline, tmp_path)
    (cached,) = tmp_path.glob("parses-*.spacy")
    again = nlp_mod.parse_cached(items, pipeline, tmp_path)
    assert [[(off, d.text, [t.tag_ for t in d]) for off, d in p] for p in again] == \
        [[(off, d.text, [t.tag_ for t in d]) for off, d in p] for p in first]
    assert list(tmp_path.glob("parses-*.spacy")) == [cached]
    # another corpus is another file
    nlp_mod.parse_cached(items[:1], pipeline, tmp_path)
    assert len(list(tmp_path.glob("parses-*.spacy"))) == 2
