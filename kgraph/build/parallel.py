"""Running extraction: in this process, on a pool of processes, or on a Dask cluster.

Each runner takes a stream of ``(key, article)`` pairs and yields ``(key,
extraction JSON)`` pairs, in any order; the JSON is what
:func:`kgraph.build.cache.dumps` makes, ready to store under the key. Workers load the spaCy pipeline once and keep it;
at most a few batches of articles are in flight at any time, so memory does
not grow with the corpus.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from kgraph.core.model import Article

#: Articles sent to a worker process or Dask task at once.
CHUNK = 16
#: How long to try reaching a Dask scheduler.
DASK_TIMEOUT = "20s"

_local = threading.local()


def _pipeline(model: str | None):
    """Return this thread's pipeline for ``model``, loading it the first time."""
    pipes = getattr(_local, "pipes", None)
    if pipes is None:
        pipes = _local.pipes = {}
    if model not in pipes:
        from kgraph.build.cache import needs_torch
        from kgraph.extraction import nlp

        pipes[model] = nlp.load(model, hide_torch=not needs_torch(model))
    return pipes[model]


Item = tuple[str, Article]


def extract_chunk(items: list[Item], model: str | None = None, batch_size: int = 64) -> list[tuple[str, str]]:
    """Parse and extract a list of ``(key, article)``; return ``(key, extraction JSON)`` in the same order.

    This is the task that pool workers and Dask workers run.
    """
    from kgraph.build.cache import dumps

    nlp = _pipeline(model)
    arts = [a for _k, a in items]
    exs = _extract(arts, nlp, max(1, min(batch_size, len(arts))))
    return [(key, dumps(ex)) for (key, _a), ex in zip(items, exs)]


def _chunks(articles: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def _ceiling_said() -> str:
    """Return " at the ceiling of 4.0 GiB (KGRAPH_MAX_MEMORY)" when this process runs under one (workers share it)."""
    try:
        import resource

        soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, ValueError, OSError):
        return ""
    if soft == resource.RLIM_INFINITY:
        return ""
    from kgraph.core.limits import gib

    return f" at the ceiling of {gib(soft)} (KGRAPH_MAX_MEMORY)"


def run_local(items: Iterable[Item], model: str | None = None, batch_size: int = 64) -> Iterator[tuple[str, str]]:
    """Extract in this process with one ``nlp.pipe`` stream (the pipeline loads on the first article)."""
    from kgraph.build.cache import dumps

    it = iter(items)
    first = next(it, None)
    if first is None:
        return
    keys: deque[str] = deque()

    def articles():
        for key, art in _chain(first, it):
            keys.append(key)
            yield art

    nlp = _pipeline(model)
    for ex in _extract(articles(), nlp, batch_size):
        yield keys.popleft(), dumps(ex)


def _extract(articles: Iterable[Article], nlp, batch_size: int):
    """Extract articles in order; long ones section by section where :mod:`kgraph.extraction.nlp` offers it."""
    from kgraph.extraction import nlp as nlp_mod
    from kgraph.extraction.extract import extract_articles

    return nlp_mod.in_sections(extract_articles, articles, nlp=nlp, batch_size=batch_size)


def _chain(first, rest):
    yield first
    yield from rest


def _init_worker(model: str | None) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _pipeline(model)


def run_pool(articles: Iterable[Item], model: str | None = None, jobs: int = 2,
             batch_size: int = 64, chunk: int = CHUNK) -> Iterator[tuple[str, str]]:
    """Extract on ``jobs`` worker processes, each loading the pipeline once.

    The pool starts on the first article, so a build with nothing to parse
    starts no process; at most ``2 * jobs`` chunks are in flight.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(articles, chunk)
    first = next(chunks, None)
    if first is None:
        return
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(model,))
    try:
        pending = {pool.submit(extract_chunk, first, model, batch_size)}
        exhausted = False
        while pending:
            while not exhausted and len(pending) < 2 * jobs:
                nxt = next(chunks, None)
                if nxt is None:
                    exhausted = True
                    break
                pending.add(pool.submit(extract_chunk, nxt, model, batch_size))
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    from kgraph.core.errors import KGraphError

                    raise KGraphError(f"a parsing worker process died (out of memory{_ceiling_said()} or killed?); "
                                      "run again: finished articles are cached") from None
                yield from result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _check_address(address: str) -> None:
    """Refuse a scheduler address Dask cannot parse before a Client is made of it.

    A Client made of "nonsense" fails, and closing the half-made Client when it is
    collected waits 40 s and prints a traceback after kgraph's own error line.

    Raises:
        KGraphError: The address is malformed.
    """
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port
    from distributed.comm.registry import get_backend

    from kgraph.core.errors import KGraphError

    try:
        scheme, location = parse_address(str(address))
        get_backend(scheme)
        if scheme in ("tcp", "tls", "ws", "wss") and not 0 < parse_host_port(location)[1] < 65536:
            raise ValueError("port out of range")
    except (ValueError, TypeError) as exc:
        raise KGraphError(f"not a Dask scheduler address: {address} ({exc}); give one such as "
                          "tcp://10.0.0.5:8786") from None


def run_dask(articles: Iterable[Item], address, model: str | None = None,
             batch_size: int = 64, chunk: int = CHUNK * 2) -> Iterator[tuple[str, str]]:
    """Extract on a Dask cluster: each partition of articles is one task, results stream back.

    Args:
        articles: The ``(key, article)`` pairs to extract.
        address: Scheduler address (``tcp://host:8786``) or a
            ``distributed.Client`` to use as is.
        model: Pipeline name; it must be installed on every worker, as kgraph must.

    Raises:
        KGraphError: Dask is not installed or the scheduler cannot be reached.
    """
    from kgraph.core.errors import KGraphError

    try:
        from distributed import Client, as_completed
    except ImportError:
        raise KGraphError('--dask needs Dask: pip install "kgraph[dask]"') from None
    chunks = _chunks(articles, chunk)
    first = next(chunks, None)
    if first is None:
        return
    own = not isinstance(address, Client)
    if own:
        _check_address(address)
        try:
            client = Client(address, timeout=DASK_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise KGraphError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    else:
        client = address
    try:
        slots = max(2, 2 * sum(client.nthreads().values()))
        futures = as_completed([client.submit(extract_chunk, first, model, batch_size, pure=False)],
                               loop=client.loop)
        in_flight = 1
        for nxt in islice(chunks, slots - 1):
            futures.add(client.submit(extract_chunk, nxt, model, batch_size, pure=False))
            in_flight += 1
        for fut in futures:
            result = fut.result()
            fut.release()
            nxt = next(chunks, None)
            if nxt is not None:
                futures.add(client.submit(extract_chunk, nxt, model, batch_size, pure=False))
            yield from result
    finally:
        if own:
            client.close()
