"""Steps run in a child process under a memory ceiling and a time limit (kgraph.core.limits)."""

from __future__ import annotations

import time

import pytest

from kgraph.core.errors import InputError, LimitError
from kgraph.core.limits import run_limited


def _double(x):
    return 2 * x


def _refuse(name):
    raise InputError(f"{name}: not a corrections file")


def _grow():
    block = []
    while True:
        block.append(bytearray(64 << 20))


def _sleep():
    time.sleep(30)


def _bug():
    return {}["missing"]


def _busy_threads_then_a_block():
    import threading

    import numpy as np

    def churn():
        for _ in range(2000):  # numpy lets go of the GIL: threads meet in malloc and ask for arenas
            [np.ones(3000) for _ in range(20)]

    threads = [threading.Thread(target=churn) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(np.ones((300 << 20) // 8))


def test_a_step_answers_from_its_child_process():
    assert run_limited(_double, (21,), what="doubling", timeout=30, ceiling=4 << 30) == 42


def test_a_kgraph_error_in_the_child_is_raised_as_itself():
    with pytest.raises(InputError, match="x.json: not a corrections file"):
        run_limited(_refuse, ("x.json",), what="reading", timeout=30, ceiling=4 << 30)


def test_a_step_past_its_time_limit_is_stopped():
    t0 = time.monotonic()
    with pytest.raises(LimitError, match="sleeping stopped after its time limit of 0.5 s"):
        run_limited(_sleep, (), what="sleeping", timeout=0.5, ceiling=4 << 30)
    assert time.monotonic() - t0 < 10


def test_a_step_past_its_memory_ceiling_is_one_limit_error():
    with pytest.raises(LimitError, match="memory ceiling of 1.0 GiB"):
        run_limited(_grow, (), what="growing", timeout=60, ceiling=1 << 30)


def test_threads_under_the_ceiling_leave_room_for_the_work():
    # Unbounded, sixteen threads reserve about 1.3 GiB in malloc arenas: under 1 GiB they cannot even start.
    assert run_limited(_busy_threads_then_a_block, (), what="threads", timeout=120, ceiling=1 << 30) \
        == (300 << 20) // 8


def test_a_bug_in_the_child_keeps_its_traceback():
    with pytest.raises(RuntimeError, match="KeyError"):
        run_limited(_bug, (), what="a step", timeout=30, ceiling=4 << 30)


@pytest.mark.parametrize("value", ["lots", "0", "-5G", "infG", "1e400G", "nanM"])
def test_a_bad_memory_ceiling_is_one_graph_error(monkeypatch, value):
    from kgraph.core.errors import GraphError
    from kgraph.core.limits import memory_ceiling

    monkeypatch.setenv("KGRAPH_MAX_MEMORY", value)
    with pytest.raises(GraphError, match="KGRAPH_MAX_MEMORY=.* is not a size such as 8G"):
        memory_ceiling(__file__)


def test_a_memory_ceiling_in_units_is_read(monkeypatch):
    from kgraph.core.limits import memory_ceiling

    monkeypatch.setenv("KGRAPH_MAX_MEMORY", "1.5G")
    assert memory_ceiling(__file__) == 3 << 29
