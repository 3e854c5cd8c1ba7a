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


def test_a_build_ceiling_is_the_setting_or_at_least_4_gib(monkeypatch):
    from kgraph.core.limits import build_ceiling

    monkeypatch.setenv("KGRAPH_MAX_MEMORY", "2G")
    assert build_ceiling() == 2 << 30
    monkeypatch.delenv("KGRAPH_MAX_MEMORY")
    assert build_ceiling() >= 4 << 30


def test_a_build_runs_under_its_ceiling_and_the_ceiling_is_lifted_after(monkeypatch, tmp_path):
    import resource

    from click.testing import CliRunner

    from kgraph import cli
    from kgraph.build import pipeline

    seen = []

    def grow(*args, **kwargs):
        seen.append(resource.getrlimit(resource.RLIMIT_AS)[0])
        raise MemoryError

    before = resource.getrlimit(resource.RLIMIT_AS)
    monkeypatch.setenv("KGRAPH_MAX_MEMORY", "3G")
    monkeypatch.setattr(pipeline, "build", grow)
    (tmp_path / "a.txt").write_text("Ola Brand works for Tarsk Bank.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["build", str(tmp_path / "a.txt"), "--output", str(tmp_path / "out")])
    assert seen == [3 << 30]
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: the build ran out of memory at its ceiling of 3.0 GiB: build fewer articles, or raise "
        "KGRAPH_MAX_MEMORY (such as 16G) where the machine has the memory; earlier outputs are unchanged"]


@pytest.mark.parametrize("error, one_line", [
    (ImportError("libx.so: failed to map segment from shared object"), True),  # a library's code under the ceiling
    (ImportError("No module named 'libx'"), False),  # a missing module is a bug: its traceback stays
])
def test_a_library_that_cannot_map_under_the_ceiling_is_the_ceiling_too(monkeypatch, tmp_path, error, one_line):
    from click.testing import CliRunner

    from kgraph import cli
    from kgraph.build import pipeline

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setenv("KGRAPH_MAX_MEMORY", "2G")
    monkeypatch.setattr(pipeline, "build", fail)
    (tmp_path / "a.txt").write_text("Ola Brand works for Tarsk Bank.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["build", str(tmp_path / "a.txt"), "--output", str(tmp_path / "out")])
    if one_line:
        assert result.exit_code == 1 and result.output.startswith("Error: the build ran out of memory at its ceiling")
    else:
        assert isinstance(result.exception, ImportError) and "Error:" not in result.output


#: A build whose work grows without bound (64 MiB at a time), run by the real CLI in a fresh interpreter.
_BUILD_THAT_GROWS = """
import sys
from kgraph import cli
from kgraph.build import pipeline

def grow(*args, **kwargs):
    block = []
    while True:
        block.append(bytearray(64 << 20))

pipeline.build = grow
cli.main(["build", sys.argv[1], "--quiet", "--output", sys.argv[2]])
"""


def test_a_build_past_its_ceiling_is_stopped_there_with_one_error_line(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("Ola Brand works for Tarsk Bank.\n", encoding="utf-8")
    env = dict(os.environ, KGRAPH_MAX_MEMORY="1G")
    proc = subprocess.run([sys.executable, "-c", _BUILD_THAT_GROWS, str(tmp_path / "a.txt"), str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert proc.stderr.strip().splitlines() == [
        "Error: the build ran out of memory at its ceiling of 1.0 GiB: build fewer articles, or raise "
        "KGRAPH_MAX_MEMORY (such as 16G) where the machine has the memory; earlier outputs are unchanged"]
    assert not (tmp_path / "out" / "graph.ttl").exists()
