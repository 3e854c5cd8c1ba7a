"""Steps run in a child process under a memory ceiling and a time limit (kgraph.core.limits)."""

from __future__ import annotations

import subprocess
import sys
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


#: Sixteen threads churn small allocations (numpy lets go of the GIL, so they meet in malloc and ask for
#: arenas), then one 300 MB block is asked for: all under a 1 GiB ceiling set by ``limit_memory``.
_THREADS_UNDER_A_CEILING = """
import threading
import numpy as np
from kgraph.core.limits import limit_memory

limit_memory(1 << 30)

def churn():
    for _ in range(2000):
        [np.ones(3000) for _ in range(20)]

threads = [threading.Thread(target=churn) for _ in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(np.ones((300 << 20) // 8)))
"""


def test_threads_under_the_ceiling_leave_room_for_the_work():
    # Unbounded, sixteen threads reserve about 1.3 GiB in malloc arenas: under 1 GiB they cannot even start.
    # A fresh interpreter: a child forked from the test run would inherit whatever its threads hold.
    proc = subprocess.run([sys.executable, "-c", _THREADS_UNDER_A_CEILING], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == str((300 << 20) // 8)


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


@pytest.mark.parametrize("value", ["1", "1K", "63M", "99999999999999999999G", "5000T"])
def test_a_memory_ceiling_out_of_range_is_one_graph_error(monkeypatch, value):
    from kgraph.core.errors import GraphError
    from kgraph.core.limits import memory_ceiling

    monkeypatch.setenv("KGRAPH_MAX_MEMORY", value)
    with pytest.raises(GraphError, match="KGRAPH_MAX_MEMORY=.* is out of range: give between 64M and 4096T"):
        memory_ceiling(__file__)
