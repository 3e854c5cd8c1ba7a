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
