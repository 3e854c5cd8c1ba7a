"""Hostile input found by the ninth adversarial audit: each test failed on the code before its fix."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgraph.cli import main

# ---------------------------------------------------------------- an output that names an input

GOLD = {"document": "a.txt",
        "entities": [{"id": "p", "type": ["Person"], "names": ["Mara Quell"]},
                     {"id": "o", "type": ["Organization"], "names": ["Tolvenna Works"]}],
        "relations": [{"subject": "p", "predicate": ["worksFor"], "object": "o"}]}


@pytest.mark.parametrize("target", ["a.json", "a.txt", "link.txt"])
def test_the_evaluation_report_never_replaces_a_gold_file_or_its_article(tmp_path, monkeypatch, target):
    (tmp_path / "a.txt").write_text("Mara Quell works for Tolvenna Works in Brask.\n", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.chdir(tmp_path)
    # `kgraph evaluate --gold a.json --json a.json` read the gold, built the article, then wrote the report over it.
    res = CliRunner().invoke(main, ["evaluate", "--gold", "a.json", "--json", target])
    assert res.exit_code == 1, res.output
    assert "Error:" in res.output and "which it would replace" in res.output
    assert "Traceback" not in res.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_train_refuses_to_write_its_model_over_its_data(tmp_path):
    data = tmp_path / "train.json"
    data.write_text("[]", encoding="utf-8")
    for option in ("--output", "--doc-output"):
        res = CliRunner().invoke(main, ["train", "--data", str(data), option, str(data)])
        assert res.exit_code == 2 and "names the --data file" in res.output, res.output
        assert data.read_text(encoding="utf-8") == "[]"


def test_same_file_sees_links_and_tells_missing_files_apart(tmp_path):
    from kgraph.core.atomic import same_file

    a = tmp_path / "a.ttl"
    a.write_text("x", encoding="utf-8")
    (tmp_path / "hard.ttl").hardlink_to(a)
    (tmp_path / "soft.ttl").symlink_to(a)
    assert same_file(a, tmp_path / "hard.ttl") and same_file(a, tmp_path / "soft.ttl")
    assert not same_file(a, tmp_path / "missing.ttl") and not same_file(tmp_path / "x\0", a)
