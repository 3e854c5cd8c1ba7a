"""The cross-validation script of the CoNLL04 figure (benchmarks/cv_conll04.py): its pure parts."""

import json

from .benchmark_scripts import load


def _bench():
    return load("cv_conll04")


def _item(n_rel: int) -> dict:
    # Invented tokens; only the counts matter here.
    return {"tokens": ["Ann", "Vale", "left", "Brackwell"],
            "entities": [{"type": "Peop", "start": 0, "end": 2}, {"type": "Loc", "start": 3, "end": 4},
                         {"type": "Other", "start": 2, "end": 3}],
            "relations": [{"type": "Live_In", "head": 0, "tail": 1}] * n_rel}


def test_folds_split_by_sentence_position(tmp_path):
    bench = _bench()
    data = tmp_path / "all.json"
    data.write_text(json.dumps([_item(i) for i in range(7)]))
    work = tmp_path / "f1"
    work.mkdir()
    _tr, _te, idx = bench.split(data, 3, 1, work)
    assert idx == [0, 2, 3, 5, 6]
    held = json.loads((work / "test.json").read_text())
    assert [len(it["relations"]) for it in held] == [1, 4]


def test_pooled_figures_add_the_folds_counts(tmp_path):
    bench = _bench()
    works = []
    for k, (ent, rel) in enumerate((("P 1.000 R 0.500", "P 0.500 R 0.500"), ("P 0.500 R 1.000", "P 1.000 R 1.000"))):
        w = tmp_path / f"fold{k}"
        w.mkdir()
        # Four scored entities (Other is not scored) and two relations per fold.
        (w / "test.json").write_text(json.dumps([_item(1), _item(1)]))
        (w / "score.txt").write_text(
            f"Live_In      P 0.500 R 0.500 F1 0.500 (tp {1 + k} fp {1 - k} fn {1 - k})\n"
            f"conll04 strict micro: entity(Peop/Org/Loc) {ent} F1 0.667 | relation {rel} F1 0.500\n")
        works.append(w)
    out = bench.pooled(works)
    # Entities: fold 0 tp 2 fp 0 fn 2, fold 1 tp 4 fp 4 fn 0.
    assert "entities P 0.600 R 0.750 F1 0.667 (tp 6 fp 4 fn 2)" in out
    # Relations: fold 0 tp 1 fp 1 fn 1, fold 1 tp 2 fp 0 fn 0.
    assert "relations P 0.750 R 0.750 F1 0.750 (tp 3 fp 1 fn 1)" in out
    assert "Live_In      P 0.750 R 0.750 F1 0.750 (tp 3 fp 1 fn 1)" in out


def test_a_cold_cache_is_a_one_line_error_before_any_work(tmp_path, capsys):
    bench = _bench()
    work = tmp_path / "work"
    rc = bench.main(["--data", str(tmp_path / "train.json"), "--dwie", str(tmp_path / "dwie"),
                     "--cache", str(tmp_path / "cache"), "--work", str(work)])
    err = capsys.readouterr().err
    assert rc == 1 and err.startswith("Error: ") and err.count("\n") == 1
    assert not work.exists()  # nothing started
