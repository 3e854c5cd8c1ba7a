"""Extraction on a Dask cluster gives the graph of a local build."""

from __future__ import annotations

import pytest

from kgraph.build import cache
from kgraph.core.errors import KGraphError
from kgraph.build.pipeline import build

from .test_pipeline import TEXTS, _same, _write

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    """A local in-process cluster: one worker, two threads (each thread loads its own pipeline)."""
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None,
                                  silence_logs=50) as lc:
        yield lc


def test_dask_build_equals_local_build(cluster, tmp_path):
    src = _write(tmp_path / "src", TEXTS)
    local = build([src], output=tmp_path / "local")
    remote = build([src], output=tmp_path / "dask", dask=cluster.scheduler_address)
    assert (remote.parsed, local.parsed) == (len(TEXTS), len(TEXTS))
    _same(tmp_path / "local", tmp_path / "dask")
    # The partitions' extractions were merged into the cache like local ones.
    assert cache.read_manifest(tmp_path / "dask") == cache.read_manifest(tmp_path / "local")


def test_dask_build_reuses_the_cache_and_grows_with_into(cluster, tmp_path):
    src = _write(tmp_path / "src", {k: TEXTS[k] for k in "ab"})
    out = tmp_path / "out"
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        first = build([src / "a.txt"], output=out, dask=client)
        second = build([src], output=out, dask=client, into=True)
    assert (first.parsed, second.parsed, second.cached) == (1, 1, 1)
    build([src], output=tmp_path / "local")
    _same(out, tmp_path / "local")


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    from kgraph.build import parallel

    monkeypatch.setattr(parallel, "DASK_TIMEOUT", "1s")
    src = _write(tmp_path / "src", {"a": TEXTS["a"]})
    with pytest.raises(KGraphError, match="Dask scheduler"):
        build([src], output=tmp_path / "out", dask="tcp://127.0.0.1:1")
    assert not (tmp_path / "out").exists()


def test_cli_dask_option(cluster, tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import main

    src = _write(tmp_path / "src", {"d": TEXTS["d"]})
    r = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "-q",
                                  "--dask", cluster.scheduler_address])
    assert r.exit_code == 0, r.output
    assert "articles: 1 (1 parsed, 0 from cache)" in r.output
    assert (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize("address", ["nonsense", "tcp://10.0.0.5", "tcp://10.0.0.5:99999", "foo://10.0.0.5:8786",
                                     "tcp://[::1:8786"])
def test_malformed_scheduler_address_is_refused_before_a_client_is_made(tmp_path, monkeypatch, address):
    from kgraph.build import parallel

    class NoClient:
        def __init__(self, *a, **kw):
            raise AssertionError("a Client was made of a malformed address")

    monkeypatch.setattr(distributed, "Client", NoClient)
    with pytest.raises(KGraphError, match="not a Dask scheduler address"):
        list(parallel.run_dask(iter([("k", "article")]), address))
