"""The nested measurement script of the document model (benchmarks/nested_docrel.py): its pure parts."""

import numpy as np

from .benchmark_scripts import load


def _bench():
    return load("nested_docrel")


def test_four_slices_of_the_first_602_articles():
    bench = _bench()
    assert list(bench.slice_of([0, 149, 150, 299, 300, 449, 450, 601])) == [0, 0, 1, 1, 2, 2, 3, 3]


def test_statements_are_decided_as_at_run_time():
    bench = _bench()
    plain = {"threshold": 0.5, "calibration": [[0.5, 0.6], [0.8, 0.95]]}
    assert list(bench.stated(plain, np.array([0.4, 0.5, 0.9]), np.array([0, 1, 0]), "basedIn")) == [False, True, True]
    tiered = {"threshold": 0.3, "calibration": [[0.3, 0.6]],
              "tiers": [{"threshold": 0.7, "calibration": [[0.7, 0.6]]}, {"threshold": 0.3, "calibration": [[0.3, 0.6]]}]}
    # A pair without its own evidence (tier 0) needs the higher threshold.
    assert list(bench.stated(tiered, np.array([0.5, 0.5]), np.array([0, 1]), "worksFor")) == [False, True]
    # A killing also needs a calibrated 0.9 where it is made.
    kill = {"threshold": 0.5, "calibration": [[0.5, 0.8], [0.9, 0.95]]}
    assert list(bench.stated(kill, np.array([0.6, 0.95]), np.array([0, 0]), "killed")) == [False, True]


def _scores(test, test_y, g, threshold_rows=200):
    """Fitted scores of one predicate shaped as the script keeps them (training rows give a 0.5 threshold)."""
    rng = np.random.default_rng(0)
    oof = rng.random(threshold_rows)
    y = (oof > 0.5).astype(int)
    n = len(test)
    return {"y": y, "g": np.arange(threshold_rows) % 7, "dw": np.ones(threshold_rows, dtype=bool),
            "sl": np.full(threshold_rows, -1), "tiers": np.zeros(threshold_rows, dtype=int),
            "oof": {s: oof for s in range(4)}, "test": np.asarray(test, dtype=float),
            "test_y": np.asarray(test_y), "test_sl": np.zeros(n, dtype=int), "test_g": np.asarray(g),
            "test_tiers": np.zeros(n, dtype=int)}


def test_recall_losses_count_right_pairs_left_unstated_by_score_band():
    bench = _bench()
    res = {"basedIn": _scores([0.95, 0.05, 0.2, 0.4, 0.9], [1, 1, 1, 1, 0], [0, 0, 1, 1, 2])}
    got = bench.losses(res, {"basedIn": [2, 0, 0, 1, 1]})["basedIn"]
    assert got["reachable"] == 4 and got["stated"] == 1
    assert got["missed"] == [1, 1, 1, 0]  # one right pair in each band under 0.5
    assert got["missed_apart"] == 2  # the two never named in one sentence


def test_the_paired_bootstrap_tells_a_real_gain_from_none():
    bench = _bench()
    same = np.array([[1, 2, 2]] * 50, dtype=float)
    assert bench.f1_of(same) == 0.5
    assert bench.paired_bootstrap(same, same) == (0.0, 0.0)
    better = same.copy()
    better[:, 0] = 2  # every article's statements all right
    mean, sd = bench.paired_bootstrap(same, better, repeats=50)
    assert mean > 0.4 and sd < 0.01


def test_article_counts_add_up_the_stated_pairs_per_article():
    bench = _bench()
    res = {"basedIn": _scores([0.95, 0.05, 0.9], [1, 1, 0], [0, 0, 2])}
    counts = bench.article_counts(res, n=3)
    assert counts.tolist() == [[1, 1, 2], [0, 0, 0], [0, 1, 0]]


def test_another_split_regroups_whole_articles_into_five_folds():
    bench = _bench()
    g = np.repeat(np.arange(40), 3)  # three rows per article
    assert (bench.inner_folds(g) == g % 5).all()  # split 0 cuts as kgraph train does
    other = bench.inner_folds(g, 1)
    assert set(other.tolist()) == {0, 1, 2, 3, 4}
    assert all(len(set(other[g == a].tolist())) == 1 for a in range(40))  # an article stays in one fold
    assert (other != g % 5).any()
    assert (bench.inner_folds(g, 1) == other).all()  # the same split each time
