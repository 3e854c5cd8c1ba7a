"""The shuffled-corpora script (benchmarks/shuffled_corpora.py): its pure parts."""

import pytest

from .benchmark_scripts import load


def _files(tmp_path, n):
    for i in range(1, n + 1):
        (tmp_path / f"DW_{i * 7}.json").write_text("{}")
    return load("shuffled_corpora").dev_files(tmp_path, 3)


def test_the_held_out_articles_are_never_drawn(tmp_path):
    bench = load("shuffled_corpora")
    files = _files(tmp_path, 12)
    assert [f.stem for f in files][-1] == "DW_63"  # 12 by numeric id, the last 3 held out
    drawn = {f for d in bench.draws(files, 5, 6, 10) for f in d}
    assert drawn <= set(files) and not any(f.stem in ("DW_70", "DW_77", "DW_84") for f in drawn)


def test_draws_depend_on_the_seed_only(tmp_path):
    bench = load("shuffled_corpora")
    files = _files(tmp_path, 12)
    assert bench.draws(files, 2, 4, 10) == bench.draws(list(reversed(files)), 2, 4, 10)
    assert bench.draws(files, 2, 4, 10) != bench.draws(files, 2, 4, 11)


def test_a_draw_larger_than_the_pool_is_an_error(tmp_path):
    with pytest.raises(ValueError):
        load("shuffled_corpora").draws(_files(tmp_path, 5), 1, 9, 0)


def test_unseen_names_must_leave_articles_to_draw(tmp_path, capsys):
    _files(tmp_path, 12)  # 9 development articles once the last 3 are held out
    bench = load("shuffled_corpora")
    assert bench.main(["--src", str(tmp_path), "--held", "3", "--unseen-names", "9"]) == 1
    assert capsys.readouterr().err.startswith("Error: --unseen-names 9 leaves none")
    assert bench.main(["--src", str(tmp_path), "--held", "3", "--unseen-names", "5", "--size", "6"]) == 1
    assert "cannot draw 6 of 4 articles" in capsys.readouterr().err
