"""Running a step that reads a user's file under an address-space ceiling and a time limit.

A graph file or a query can ask for unbounded work: a chain of a few hundred
``rdfs:subPropertyOf`` makes RDFS inference run for hours, an N-Triples file
can make a parser grow without bound. Such steps run in a child process that
cannot pass :func:`memory_ceiling` and is stopped after its time limit; the
caller gets one :class:`~kgraph.core.errors.LimitError` line.
"""

from __future__ import annotations

import os
import sys
import traceback
from contextlib import contextmanager
from pathlib import Path

from kgraph.core.errors import GraphError, LimitError


#: The ceilings ``KGRAPH_MAX_MEMORY`` may set (bytes).
MIN_CEILING = 64 << 20
MAX_CEILING = 4096 << 40
#: Most rows (or triples) of one query's result the endpoint returns (``kgraph serve --max-rows``).
MAX_ROWS = 100_000
#: Most bytes of one query's reply the endpoint returns (``kgraph serve --max-mb``): a reply is held whole in the
#: worker and in the server while it is sent, so this bounds the memory a query costs beyond the worker's ceiling.
MAX_REPLY_MB = 64


def memory_ceiling(graph_path, *more) -> int:
    """Return the address-space ceiling (bytes) for loading graph files: ``KGRAPH_MAX_MEMORY`` or the default.

    The default, the larger of 4 GiB and 64 times the files (a file not there counts 0), leaves room for a
    legitimate bulk load (an 18 MB N-Triples file peaks at 1.3 GB of address
    space, threads included) and stops a parser that grows without bound.
    """
    return _env_ceiling() or max(4 << 30, 64 * sum(_size(p) for p in (graph_path, *more)))


def _size(path) -> int:
    """Return a file's size in bytes; 0 for one that cannot be looked at (its reader says why, later)."""
    try:
        return Path(path).stat().st_size
    except (OSError, ValueError):
        return 0


def build_ceiling() -> int:
    """Return the address-space ceiling (bytes) of a build: ``KGRAPH_MAX_MEMORY`` or the default.

    The default, the larger of 4 GiB and three quarters of the machine's memory, leaves a corpus of tens of
    thousands of articles room (8,000 one-sentence stories build under 1.4 GB of address space) and stops one
    that would fill the machine (200,000 took over 7 GB) with one error line, before the kernel's killer.
    """
    ceiling = _env_ceiling()
    if ceiling:
        return ceiling
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # no sysconf (Windows) or no such name
        physical = 0
    return max(4 << 30, physical * 3 // 4)


@contextmanager
def time_limit(seconds: float | None, error: BaseException):
    """Raise ``error`` in the calling (main) thread once ``seconds`` of wall time have passed inside the block.

    For pure-Python work the caller cannot hand to a child process before it knows the work is sound (rdflib's
    parse of a query: a 1 MB query takes it half a minute). Outside the main thread, or with no signals
    (Windows), or with ``seconds`` None or 0, the block runs unbounded.
    """
    import signal
    import threading

    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(_signum, _frame):
        raise _Expired  # no Exception: a parser's "except Exception" (rdflib retries as an update) lets it through

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise error from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


class _Expired(BaseException):
    """The time of a :func:`time_limit` block ran out."""


def _env_ceiling() -> int | None:
    """Return the ceiling ``KGRAPH_MAX_MEMORY`` sets (bytes), or None when it is not set."""
    raw = os.environ.get("KGRAPH_MAX_MEMORY", "").strip().upper()
    if raw:
        units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}
        try:
            size = int(float(raw[:-1]) * units[raw[-1]]) if raw[-1] in units else int(raw)
        except (ValueError, OverflowError):  # "abc", "infG", "1e400G"
            size = 0
        if size <= 0:  # 0 would stop every load at once, and setrlimit refuses a negative one (no ceiling at all)
            raise GraphError(f"KGRAPH_MAX_MEMORY={raw!r} is not a size such as 8G")
        # Under 64 MiB the libraries do not even map (an ImportError, not a ceiling); far above, setrlimit overflows.
        if not MIN_CEILING <= size <= MAX_CEILING:
            raise GraphError(f"KGRAPH_MAX_MEMORY={raw!r} is out of range: give between 64M and 4096T (such as 8G)")
        return size
    return None


def gib(size: int) -> str:
    """Return a memory ceiling as people read it: ``4.0 GiB``."""
    return f"{size / (1 << 30):.1f} GiB"


def how_it_ended(exitcode: int | None) -> str:
    """Return how a child process ended, from its exit code: ``signal 9`` or ``exit 1``."""
    return f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit {exitcode}"


def limit_memory(ceiling: int) -> None:
    """Set this process's address-space ceiling (RLIMIT_AS) to ``ceiling`` bytes, unless a lower one is set.

    Only for processes that are kgraph's alone (the Oxigraph loader, query workers). glibc's malloc arenas
    are capped first: each thread that meets a busy arena may open one of its own, and each reserves 64 MiB of
    address space, so sixteen threads on a 2-core machine fill a 1 GiB ceiling before any real allocation.
    """
    _few_malloc_arenas()
    _lower_address_space(ceiling)


@contextmanager
def address_ceiling(ceiling: int):
    """Hold this process under an address-space ceiling of ``ceiling`` bytes while the block runs, then restore it.

    For a step in the calling process (a build): past the ceiling an allocation raises ``MemoryError``, which the
    CLI reports in one line, instead of the machine swapping until the kernel kills a process. A lower ceiling
    already set stays; worker processes started inside the block inherit it.
    """
    import resource

    before = _lower_address_space(ceiling)
    try:
        yield
    finally:
        if before is not None:
            resource.setrlimit(resource.RLIMIT_AS, before)


@contextmanager
def under_ceiling(ceiling: int, what: str, advice: str):
    """Run the block under :func:`address_ceiling`; a ``MemoryError`` in it becomes one LimitError line.

    The line names the step (``what``: "the build"), the ceiling, what to do (``advice``: "build fewer articles")
    and ``KGRAPH_MAX_MEMORY``. Every command that reads a user's file in its own process (``build``, ``view``,
    ``review``, ``push``) runs under this one helper.
    """
    with address_ceiling(ceiling):
        try:
            yield
        except (MemoryError, ImportError) as exc:
            # Under a low ceiling a library's code cannot even be mapped ("failed to map segment"): the same cause.
            if isinstance(exc, ImportError) and "failed to map" not in str(exc):
                raise
            raise LimitError(f"{what} ran out of memory at its ceiling of {gib(ceiling)}: {advice}, or raise "
                             "KGRAPH_MAX_MEMORY (such as 16G) where the machine has the memory; earlier outputs are "
                             "unchanged") from None


def _lower_address_space(ceiling: int) -> tuple[int, int] | None:
    """Lower RLIMIT_AS's soft limit to ``ceiling`` (never past the hard one); return the limits it replaced, if any."""
    import resource

    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if (soft == resource.RLIM_INFINITY or ceiling < soft) and (hard == resource.RLIM_INFINITY or ceiling <= hard):
            resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
            return soft, hard
    except (ValueError, OSError):
        pass
    return None


#: glibc's ``mallopt`` parameter for the most malloc arenas a process opens (``M_ARENA_MAX``).
_M_ARENA_MAX = -8


def _few_malloc_arenas() -> None:
    """Cap this process at two malloc arenas where the C library is glibc (elsewhere do nothing)."""
    import ctypes

    try:
        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 2)
    except (OSError, AttributeError):  # no C library to load, or one without mallopt (musl, macOS)
        pass


def _child(conn, fn, args: tuple, ceiling: int) -> None:
    """In a child process under ``ceiling``: send ``fn(*args)``, or the error it raised, over ``conn``."""
    from kgraph.core.errors import KGraphError
    from kgraph.core.netguard import forbid_network

    forbid_network()
    limit_memory(ceiling)
    if sys.platform.startswith("linux"):
        # The child dies with the thread that waits for it: a SIGKILLed push had left it writing a copy of the
        # graph into a temporary folder no one would read.
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    try:
        reply = ("ok", fn(*args))
    except MemoryError:
        reply = ("memory", None)
    except KGraphError as exc:
        reply = ("error", exc)
    except Exception:  # noqa: BLE001 - a bug: the parent raises it with this traceback
        reply = ("bug", traceback.format_exc())
    try:
        conn.send(reply)
    except Exception:  # noqa: BLE001 - an answer that cannot be pickled is a bug too
        conn.send(("bug", traceback.format_exc()))


def run_limited(fn, args: tuple, *, what: str, timeout: float | None, ceiling: int):
    """Return ``fn(*args)`` computed in a child process under ``ceiling`` bytes and ``timeout`` seconds.

    ``fn`` must be a module-level function and its result picklable. A
    kgraph error it raises is raised here; a bug is raised as a
    RuntimeError carrying the child's traceback.

    Raises:
        LimitError: The step ran past ``timeout`` (it was stopped) or past the memory ceiling.
    """
    import multiprocessing as mp

    # fork where there is one: the child starts at once with what the parent has loaded (no thread runs yet)
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args, ceiling), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            raise LimitError(f"{what} stopped after its time limit of {timeout:g} s")
        try:
            status, payload = recv.recv()
        except (EOFError, OSError):
            status, payload = None, None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()
    if status == "ok":
        return payload
    if status == "error":
        raise payload
    if status == "bug":
        raise RuntimeError(f"{what} failed in its child process:\n{payload}")
    raise LimitError(f"{what} stopped ({how_it_ended(proc.exitcode)}) at the memory ceiling of {gib(ceiling)} "
                     "(KGRAPH_MAX_MEMORY)" if status == "memory" or proc.exitcode else
                     f"{what} ended without an answer")
