"""The threshold stability script of the document model (benchmarks/threshold_stability.py): its pure parts."""

import numpy as np

from .benchmark_scripts import load


def _bench():
    return load("threshold_stability")


def _res(n: int = 3000, seed: int = 5) -> dict:
    """Fitted scores as nested_docrel.py keeps them, for one untiered predicate: rows right more often higher up."""
    rng = np.random.default_rng(seed)
    scores = rng.uniform(0.05, 0.95, n)
    y = (rng.uniform(size=n) < scores ** 1.5).astype(int)
    g = np.arange(n) // 5  # 600 articles of five pairs
    sl = np.minimum(g // 150, 3)
    return {"leaderOf": {"y": y, "g": g, "dw": np.ones(n, dtype=bool), "sl": sl, "tiers": np.zeros(n, dtype=int),
                         "oof": {s: scores[sl != s] for s in range(4)}}}


def test_thresholds_and_statements_of_a_spec():
    bench = _bench()
    oof, y = np.array([0.2, 0.5, 0.7, 0.9]), np.array([0, 1, 0, 1])
    dw, tiers = np.ones(4, dtype=bool), np.array([0, 1, 0, 1])
    plain = {"threshold": 0.6, "calibration": [[0.6, 0.7]]}
    assert bench.thresholds(plain) == [0.6] and bench.statements(plain, oof, y, dw, tiers) == 2
    tiered = {"threshold": 0.4, "calibration": [[0.4, 0.7]],
              "tiers": [{"threshold": 0.8, "calibration": [[0.8, 0.6]]}, {"threshold": 0.4, "calibration": [[0.4, 0.9]]}]}
    assert bench.thresholds(tiered) == [0.8, 0.4] and bench.statements(tiered, oof, y, dw, tiers) == 2
    assert bench.lowest_band(tiered) == 0.6
    assert bench.lowest_band({"threshold": 1.01, "calibration": [[1.01, 0.0]]}) == 1.0


def test_the_band_rule_of_before_jumps_to_the_next_band():
    bench = _bench()
    # Rows right 40 % of the time up to the first fifth, 90 % above: the old rule leaves out the whole fifth.
    scores = np.linspace(0.3, 0.9, 500)
    ys = np.where(scores < 0.42, np.arange(500) % 5 < 2, np.arange(500) % 10 < 9).astype(int)
    t, curve = bench.bands_rule(scores, ys, 0.3, "leaderOf")
    assert t >= 0.41 and curve[0][1] >= 0.5


def test_spread_figures_per_predicate():
    bench = _bench()
    out = bench.run(_res(), repeats=3, drop=0.05)
    rows = out["leaderOf"]
    assert len(rows) == 4
    for base_t, base_n, t_sd, t_max, n_sd, n_max, low in rows:
        assert len(base_t) == 1 and base_n > 0
        assert 0 <= t_sd[0] <= t_max[0] < 0.2 and 0 <= n_sd <= n_max < 0.3
        assert low >= 0  # no shown confidence under the minimum
