"""Stores that answer SPARQL: rdflib in memory, or an on-disk Oxigraph store for large graphs.

Both engines give the same :class:`Result` (rdflib terms), so output
formats and answers do not depend on the engine. The Oxigraph store of
``output/graph.ttl`` lives in ``output/graph.oxigraph/``: it is built once
(bulk load, written to a temporary folder and renamed) and reused while it
is newer than the graph file it was built from.

Neither engine reaches the network: every query passes the gate of
:mod:`kgraph.sparql.sparql_guard` first (``SERVICE`` refused on the parsed query,
``FROM`` only for the file's own graphs, nesting capped), rdflib evaluates
the very query the gate parsed, and its SERVICE and ``FROM`` loading are
switched off as well.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kgraph.core.limits import gib, how_it_ended, limit_memory, memory_ceiling  # noqa: F401 - used here and by serve
from kgraph.core.errors import GraphError, LimitError, QueryError
from kgraph.core.vocab import PREFIXES

#: Graph files at least this large are queried through Oxigraph by ``--store auto``.
AUTO_OXIGRAPH_BYTES = 1_000_000
#: Graph files at least this large are bulk-loaded in parallel parts (N-Triples, N-Quads, Turtle).
PARALLEL_LOAD_BYTES = 8_000_000
#: ... and at most this large: the parts are held in memory (twice the file); larger files are streamed.
PARALLEL_LOAD_MAX_BYTES = 2_000_000_000
#: Suffix of the on-disk Oxigraph store folder kept next to a graph file.
STORE_SUFFIX = ".oxigraph"
_STAMP = "kgraph-source.json"
ENGINES = ("auto", "rdflib", "oxigraph")

_OX_FORMATS = {".ttl": "TURTLE", ".turtle": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES", ".nq": "N_QUADS",
               ".jsonld": "JSON_LD", ".json": "JSON_LD", ".rdf": "RDF_XML", ".owl": "RDF_XML", ".xml": "RDF_XML",
               ".n3": "N3"}


@dataclass(frozen=True)
class Result:
    """The answer to a query, whatever engine gave it.

    Attributes:
        type: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
        vars: Variable names of a SELECT, in order.
        rows: Solutions of a SELECT: one tuple per row, ``None`` for unbound.
        boolean: The answer of an ASK.
        triples: The triples of a CONSTRUCT or DESCRIBE.
    """

    type: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)


def store_path(graph_path) -> Path:
    """Return the folder of the Oxigraph store kept next to a graph file (``graph.oxigraph``)."""
    p = Path(graph_path)
    return p.with_name(p.stem + STORE_SUFFIX)


def _stamp_of(graph: Path) -> dict:
    st = graph.stat()
    return {"source": graph.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": _sha256(graph)}


#: Digests of graph files read in this process, by what their status says: a query checks the store's
#: freshness up to three times (choosing the engine, starting the pool, opening the store in a worker).
_DIGESTS: dict = {}


def _sha256(path: Path) -> str | None:
    """Return the digest of a graph file: an edit that keeps its size and time (``touch -r``) still shows.

    Read once per process for one status; the change time is in the key, which any write moves and
    ``touch`` cannot set back.
    """
    from kgraph.core.userfile import sha256_file

    st = path.stat()
    key = (str(path.resolve()), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    if key not in _DIGESTS:
        _DIGESTS.clear()  # one graph at a time: the memo never grows
        _DIGESTS[key] = sha256_file(path)
    return _DIGESTS[key]


def is_fresh(graph_path) -> bool:
    """Return True if the Oxigraph store next to ``graph_path`` was built from its current content."""
    from kgraph.core import userfile

    folder = store_path(graph_path)
    try:  # a stamp that is a FIFO, huge or nested 100,000 deep (an unpacked archive) counts as stale
        stamp = userfile.loads(userfile.read_text(folder / _STAMP, GraphError, "store stamp", limit=1 << 16),
                               GraphError, _STAMP)
        st = Path(graph_path).stat()
        if not isinstance(stamp, dict) or (stamp.get("size"), stamp.get("mtime_ns")) != (st.st_size, st.st_mtime_ns):
            return False  # the cheap test first: the digest reads the whole file
        return stamp == _stamp_of(Path(graph_path))
    except (OSError, GraphError):
        return False


def choose_engine(graph_path, engine: str = "auto") -> str:
    """Return ``rdflib`` or ``oxigraph`` for a graph file (``auto``: Oxigraph for large or already-stored graphs)."""
    if engine not in ENGINES:
        raise QueryError(f"unknown store {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine != "auto":
        return engine
    p = Path(graph_path)
    if is_fresh(p):
        return "oxigraph"
    try:
        return "oxigraph" if p.stat().st_size >= AUTO_OXIGRAPH_BYTES else "rdflib"
    except OSError:
        return "rdflib"


def _ox_format(path: Path):
    import pyoxigraph as ox

    name = _OX_FORMATS.get(path.suffix.lower())
    if name is None:
        raise GraphError(f"cannot read {path}: unknown RDF file suffix {path.suffix!r} "
                         f"(use one of {', '.join(sorted(_OX_FORMATS))})")
    return getattr(ox.RdfFormat, name)


def _check_graph(graph_path) -> Path:
    from kgraph.core.userfile import regular_file

    return regular_file(graph_path, GraphError, "graph file")


def _load_parts() -> int:
    """Return how many parts a large graph is bulk-loaded in: one per usable core, 2 to 4.

    More parts than cores load no faster but leave more overlapping files to
    read (2 cores, 1M triples: 5.2 s in one piece, 2.8 s in two, 2.6 s in
    four, but the 2-hop saved query then takes 0.65 s after two parts and
    0.9 s after four).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(2, min(4, cores))


# A directive anywhere but the head of a Turtle file would not reach the parts after it.
_TTL_DIRECTIVE = re.compile(rb"[ \t]*(?:@prefix|@base|[Pp][Rr][Ee][Ff][Ii][Xx][ \t]|[Bb][Aa][Ss][Ee][ \t])")
_TTL_LATE_DIRECTIVE = re.compile(b"\n" + _TTL_DIRECTIVE.pattern)  # anchored on "\n": 4x faster than re.M
# A statement's end: a line ending in "." followed by a line that starts a new statement.
_TTL_CUT = re.compile(rb"\.[ \t]*\r?\n(?=[^\s#])")


def _turtle_head_end(data: bytes) -> int:
    """Return where a Turtle document's head (prefix and base lines, comments, blank lines) ends."""
    pos = 0
    while pos < len(data):
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end + 1
        line = data[pos:end].strip()
        if line and not line.startswith(b"#") and not _TTL_DIRECTIVE.match(line):
            break
        pos = end
    return pos


def _late_directive(data: bytes, head_end: int) -> bool:
    """Return True if a Turtle document has a prefix or base directive after its head."""
    return _TTL_LATE_DIRECTIVE.search(data, max(0, head_end - 1)) is not None


def split_statements(data: bytes, parts: int, fmt_name: str, *, check: bool = True) -> list[bytes] | None:
    """Cut an N-Triples, N-Quads or Turtle document into ``parts`` documents at statement ends.

    Each Turtle part starts with the document's own prefix lines. Returns None
    when the document cannot be cut safely: another format, labelled blank
    nodes (``_:b1`` names one node in one document, but each part is parsed
    on its own), or directives after the head. A cut inside a multi-line
    string leaves an unterminated string, so that part does not parse and the
    caller loads the file in one piece instead.

    Args:
        data: The document.
        parts: How many parts to make.
        fmt_name: ``N_TRIPLES``, ``N_QUADS`` or ``TURTLE`` (other formats are not cut).
        check: Look for directives after the head; a caller that does it
            itself (while the parts load) passes False.
    """
    if parts < 2 or b"_:" in data or fmt_name not in ("N_TRIPLES", "N_QUADS", "TURTLE"):
        return None
    turtle = fmt_name == "TURTLE"
    head_end = _turtle_head_end(data) if turtle else 0
    if turtle and check and _late_directive(data, head_end):
        return None
    head, body = data[:head_end], len(data) - head_end
    out, start = [], head_end
    for k in range(1, parts):
        target = max(start, head_end + body * k // parts)
        if turtle:
            m = _TTL_CUT.search(data, target)
            cut = m.end() if m else -1
        else:
            cut = data.find(b"\n", target) + 1 or -1
        if cut <= start:
            break
        out.append(data[:cut] if start == head_end else head + data[start:cut])
        start = cut
    if not out:
        return None
    out.append(head + data[start:])
    return out


def bulk_load(store, path: Path) -> None:
    """Bulk-load a graph file into an Oxigraph store, in parallel parts when it is large.

    Oxigraph's bulk loader keeps about one core busy; a large N-Triples,
    N-Quads or Turtle file cut at statement ends loads in one thread per part
    (1M triples of Turtle, 2 cores: 5.2 s in one piece, 2.8 s in two). If any
    part fails to parse, or a Turtle file turns out to have a directive after
    its head (looked for while the parts load), the store is emptied and the
    file loaded in one piece, so an error names the file's own line.

    Raises:
        SyntaxError, ValueError: The file is not valid RDF (from Oxigraph).
    """
    from concurrent.futures import ThreadPoolExecutor

    from kgraph.graph.safe_rdf import check_file

    fmt, name = _ox_format(path), _OX_FORMATS[path.suffix.lower()]
    check_file(path)  # no DTD, no remote JSON-LD context, bounded nesting: before Oxigraph reads a byte
    if PARALLEL_LOAD_BYTES <= path.stat().st_size <= PARALLEL_LOAD_MAX_BYTES:
        data = path.read_bytes()
        pieces = split_statements(data, _load_parts(), name, check=False)
        if pieces:
            with ThreadPoolExecutor(len(pieces)) as pool:
                futures = [pool.submit(store.bulk_load, input=piece, format=fmt) for piece in pieces]
                del pieces
                failed = name == "TURTLE" and _late_directive(data, _turtle_head_end(data))
                for f in futures:
                    exc = f.exception()
                    if isinstance(exc, (SyntaxError, ValueError)):
                        failed = True
                    elif exc is not None:
                        raise exc
            if not failed:
                return
            store.clear()
    store.bulk_load(path=str(path), format=fmt)


def build_oxigraph(graph_path, deadline: float | None = None) -> Path:
    """Bulk-load a graph file into its on-disk Oxigraph store (next to it) unless that is fresh.

    The store is written to a temporary folder and renamed, so readers never
    see half a store. ``deadline``: the ``time.monotonic()`` by which the load must be done.

    Raises:
        GraphError: The file is missing, is not valid RDF, or the folder cannot be written.
        LimitError: The load ran past ``deadline`` (it was stopped; nothing was written).
    """
    p = _check_graph(graph_path)
    folder = store_path(p)
    if is_fresh(p):
        return folder
    _ox_format(p)  # an unknown suffix is reported before anything is written
    with _building(p):
        if is_fresh(p):  # another kgraph built it while this one waited
            return folder
        return _build_store(p, folder, deadline)


#: Longest wait (seconds) for another process building the same store before building it anyway.
BUILD_WAIT = 600.0


@contextlib.contextmanager
def _building(graph: Path):
    """Hold an exclusive lock on the graph file (read-only, advisory) while its store is built and put in place.

    Two ``kgraph query`` runs on a graph with no store each built one; the second replaced the folder
    while the first read it, which ended in RocksDB's "Corruption: Sst file size mismatch".
    """
    import fcntl
    import time

    try:
        fd = os.open(graph, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        yield
        return
    try:
        end = time.monotonic() + BUILD_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > end:
                    break  # held for too long (a process stopped, not killed): build without it
                time.sleep(0.1)
            except OSError:
                break  # a file system without locks
        yield
    finally:
        os.close(fd)  # releases the lock


def _build_store(p: Path, folder: Path, deadline: float | None = None) -> Path:
    """Bulk-load the graph into a temporary folder and rename it to the store's; return the store's folder."""
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=p.parent))
    except OSError as exc:
        raise GraphError(f"cannot write {folder}: {exc.strerror or exc}") from None
    try:
        stamp = _stamp_of(p)
        load_bounded(tmp, p, deadline)
        (tmp / _STAMP).write_text(json.dumps(stamp, sort_keys=True), encoding="utf-8")
        old = None
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=p.parent))
            os.replace(folder, old / "store")
        os.replace(tmp, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        if is_fresh(p):  # another process built the same store meanwhile
            return folder
        raise GraphError(f"cannot write {folder}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _load_child(conn, folder: str, graph: str, ceiling: int) -> None:
    """In a child process under a memory ceiling: bulk-load ``graph`` into a new store in ``folder``."""
    import pyoxigraph as ox

    from kgraph.core.netguard import forbid_network, seal_process

    forbid_network()
    seal_process()  # a parser in here cannot open an Internet socket, native code included
    try:  # a native abort prints its own lines: the parent reports the failure as one Error line
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    except OSError:
        pass
    limit_memory(ceiling)
    try:
        store = ox.Store(folder)
        bulk_load(store, Path(graph))
        store.flush()
        del store
        conn.send(("ok", ""))
    except (SyntaxError, ValueError) as exc:
        conn.send(("error", f"cannot read {graph} as RDF: {_first_line(exc)}"))
    except GraphError as exc:
        conn.send(("error", str(exc)))
    except MemoryError as exc:  # the ceiling, or a term over Oxigraph's own 16 MB limit (it says so)
        conn.send(("memory", _first_line(exc) if str(exc).strip() else ""))
    except OSError as exc:
        conn.send(("oserror", f"{exc.strerror or exc}"))
    except Exception as exc:  # noqa: BLE001 - reported by the parent as one line
        conn.send(("error", f"cannot read {graph}: {type(exc).__name__}: {_first_line(exc)}"))


def load_bounded(folder: Path, graph: Path, deadline: float | None = None) -> None:
    """Bulk-load a graph file into a new on-disk store in a child process that cannot pass :func:`memory_ceiling`.

    A parser that grows without bound, or crashes, ends that child, not
    kgraph: the caller gets one GraphError. Past ``deadline`` (a ``time.monotonic()``) the child is stopped.

    Raises:
        GraphError: The file is not valid RDF, is refused, or the load passed the ceiling or crashed.
        LimitError: The load ran past ``deadline``.
        OSError: The store folder cannot be written.
    """
    import multiprocessing as mp
    import time

    ceiling = memory_ceiling(graph)
    ctx = mp.get_context("spawn")  # never fork: a forked copy of Oxigraph's or rdflib's threads can deadlock
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_load_child, args=(send, str(folder), str(graph), ceiling), daemon=True)
    proc.start()
    send.close()
    try:
        while proc.is_alive():
            if deadline is not None and time.monotonic() > deadline:
                raise LimitError(f"loading {graph} was stopped at its time limit")
            proc.join(0.2)
    finally:
        if proc.is_alive():
            proc.kill()
            proc.join()
    try:
        status, message = recv.recv() if recv.poll() else (None, "")
    except (EOFError, OSError):
        status, message = None, ""
    finally:
        recv.close()
    if status == "ok":
        return
    if status == "error":
        raise GraphError(message)
    if status == "oserror":
        raise OSError(message)
    if status == "memory" and message:
        raise GraphError(f"cannot read {graph} with Oxigraph: {message} (one term, a literal or an IRI, "
                         "is too long for it; --store rdflib reads the file)")
    raise GraphError(f"cannot read {graph}: loading it stopped ({how_it_ended(proc.exitcode)}) at the memory "
                     f"ceiling of {gib(ceiling)} (KGRAPH_MAX_MEMORY) or in the parser")


def _first_line(exc: BaseException) -> str:
    from kgraph.core.errors import one_line

    return one_line(exc)


def _interruptible(fn, *args):
    """Run fn in a helper thread while the main thread waits, so Ctrl-C always stops a long query.

    rdflib's evaluator swallows KeyboardInterrupt in places, and a long Oxigraph
    aggregate runs in Rust; the waiting main thread gets the interrupt either way.
    """
    import threading

    box: dict = {}

    def work():
        try:
            box["value"] = fn(*args)
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    t = threading.Thread(target=work, name="kgraph-query", daemon=True)
    t.start()
    while t.is_alive():
        t.join(0.2)
    if "error" in box:
        raise box["error"]
    return box["value"]


def _gate(text: str, local_graphs):
    """Parse and check a query (see :mod:`kgraph.sparql.sparql_guard`); return rdflib's parsed query."""
    from kgraph.sparql.sparql_guard import check_dataset, parse

    parsed = parse(text, PREFIXES)
    check_dataset(parsed, local_graphs)
    return parsed


class ResultTooLarge(QueryError):
    """A query's result has more rows (or triples) than the caller takes."""


def _capped(items, max_rows: int | None, what: str) -> list:
    """Return the items of a result as a list, stopping with ResultTooLarge past ``max_rows`` (None: no cap)."""
    if max_rows is None:
        return list(items)
    from itertools import islice

    kept = list(islice(items, max_rows + 1))
    if len(kept) > max_rows:
        raise ResultTooLarge(f"the result has over {max_rows:,} {what}, the most this endpoint returns "
                             "(kgraph serve --max-rows); add LIMIT or narrow the query")
    return kept


class _Queryable:
    def query(self, text: str, max_rows: int | None = None) -> Result:
        """Run a query (the project's prefixes predefined) once the gate let it through; raise QueryError if not.

        ``max_rows``: the most rows (or triples) the result may have; past it ResultTooLarge is raised as soon as
        the engine gives one more, so an endless result is neither held nor computed to its end.
        """
        def gated():
            return self._query(text, _gate(text, self._graph_names), max_rows=max_rows)

        try:
            return _interruptible(gated)
        except MemoryError:
            raise QueryError("the query needs more memory than it is allowed (KGRAPH_MAX_MEMORY sets the ceiling "
                             "of query processes); narrow it down") from None
        except RecursionError:
            raise QueryError("the query nests too deeply to evaluate") from None


class RdflibStore(_Queryable):
    """A graph file parsed into an rdflib Dataset (default graph = union of all graphs)."""

    engine = "rdflib"

    def __init__(self, graph_path=None, *, dataset=None):
        from kgraph.graph import rdf

        self.dataset = dataset if dataset is not None else rdf.load(graph_path)

    def _graph_names(self) -> list[str]:
        ds = self.dataset
        graphs = ds.graphs() if hasattr(ds, "graphs") else ds.contexts() if hasattr(ds, "contexts") else ()
        return [str(g.identifier) for g in graphs]

    def _query(self, text: str, parsed, max_rows: int | None = None) -> Result:
        """Evaluate the parsed query the gate checked (never the text again); raise QueryError if it fails."""
        from kgraph.sparql.sparql_guard import disarm_rdflib

        disarm_rdflib()
        try:
            res = self.dataset.query(parsed)
            if res.type == "SELECT":
                names = [str(v) for v in res.vars]
                return Result("SELECT", names, _capped((tuple(row) for row in res), max_rows, "rows"))
            if res.type == "ASK":
                return Result("ASK", boolean=bool(res.askAnswer))
            return Result(res.type, triples=_capped(iter(res.graph), max_rows, "triples"))
        except (QueryError, MemoryError, RecursionError):
            raise
        except Exception as exc:  # pyparsing and rdflib raise many types
            raise QueryError(_rdflib_message(exc)) from None


def _rdflib_message(exc: BaseException) -> str:
    from kgraph.sparql.sparql_guard import rdflib_message

    return rdflib_message(exc, PREFIXES)


class OxigraphStore(_Queryable):
    """A graph in Oxigraph: the on-disk store next to the graph file, or in memory if that cannot be written."""

    engine = "oxigraph"

    def __init__(self, graph_path=None, *, store=None, read_only: bool = True):
        import pyoxigraph as ox

        if store is not None:
            self.store = store
            return
        p = _check_graph(graph_path)
        import multiprocessing as mp

        folder = None
        # A query worker starts no process to build the store in (it may not: "daemonic processes are not allowed
        # to have children"): the server or `kgraph query` built it before starting the worker, and a store that
        # is not fresh now could not be written (a full disk).
        if not mp.current_process().daemon or is_fresh(p):
            try:
                folder = build_oxigraph(p)
            except GraphError as exc:
                if "cannot write" not in str(exc):
                    raise
        if folder is None:
            self.store = ox.Store()  # a read-only folder or a full disk: load in memory instead
            try:
                bulk_load(self.store, p)
            except (SyntaxError, ValueError) as err:
                raise GraphError(f"cannot read {p} as RDF: {_first_line(err)}") from None
            return
        self.store = ox.Store.read_only(str(folder)) if read_only else ox.Store(str(folder))

    def _union(self) -> bool:
        # The default graph is the union of all graphs, as in rdflib; a file without named
        # graphs (Turtle) needs no union, and Oxigraph answers faster without it.
        if not hasattr(self, "_has_named"):
            self._has_named = next(iter(self.store.named_graphs()), None) is not None
        return self._has_named

    def _graph_names(self) -> list[str]:
        return [g.value for g in self.store.named_graphs() if hasattr(g, "value")]

    def _query(self, text: str, parsed=None, sort_here: bool = True, max_rows: int | None = None) -> Result:
        """Run a query the gate let through (the project's prefixes predefined); raise QueryError if it fails."""
        import pyoxigraph as ox

        order = split_order(text) if sort_here else None
        try:
            res = self.store.query(order[0] if order else text, prefixes=PREFIXES,
                                   use_default_graph_as_union=self._union())
            if isinstance(res, ox.QueryBoolean):
                return Result("ASK", boolean=bool(res))
            if isinstance(res, ox.QuerySolutions):
                names = [v.value for v in res.variables]
                if order and not all(var in names for var, _desc in order[1]):
                    return self._query(text, parsed, sort_here=False, max_rows=max_rows)  # by an unprojected variable
                conv = _Converter()
                rows = _capped((tuple(conv(t) for t in sol) for sol in res), max_rows, "rows")
                if order:
                    sort_rows(rows, [(names.index(var), desc) for var, desc in order[1]])
                return Result("SELECT", names, rows)
            conv = _Converter()
            triples = _capped(((conv(tr.subject), conv(tr.predicate), conv(tr.object)) for tr in res), max_rows,
                              "triples")
            kind = "DESCRIBE" if parsed is not None and parsed.algebra.name == "DescribeQuery" else "CONSTRUCT"
            return Result(kind, triples=triples)
        except SyntaxError as exc:
            raise QueryError(_rdflib_syntax(text) or _oxigraph_message(exc)) from None
        except OSError as exc:
            raise QueryError(f"cannot run query: {_first_line(exc)}") from None


# The final ORDER BY of a query, on plain variables only: "ORDER BY DESC(?n) ?name" at the very end.
_TAIL_ORDER = re.compile(r"\bORDER\s+BY((?:\s*(?:[?$]\w+|(?:ASC|DESC)\s*\(\s*[?$]\w+\s*\)))+)\s*$", re.I)
_ORDER_KEY = re.compile(r"(?:(ASC|DESC)\s*\(\s*)?[?$](\w+)", re.I)


def split_order(text: str) -> tuple[str, list[tuple[str, bool]]] | None:
    """Split a SELECT's final ORDER BY on plain variables off the query; return None if there is none.

    Oxigraph's on-disk sort reads each long string back from the store at
    every comparison: ordering 20,245 rows by three labels took 0.6 s there
    and 0.03 s in Python (bench_query.py, 1M triples). An ORDER BY followed by
    LIMIT, OFFSET or VALUES, or on an expression, stays with the engine.

    Returns:
        The query without its ORDER BY, and the (variable, descending) sort keys in order.
    """
    from kgraph.sparql.sparql_guard import query_form

    lines = text.rstrip().split("\n")
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()  # trailing comment lines
    body = "\n".join(lines)
    m = _TAIL_ORDER.search(body)
    if m is None or "#" in body[body.rfind("\n", 0, m.start()) + 1:m.start()]:
        return None  # no final ORDER BY, or it may sit in a comment
    if query_form(text) != "SELECT":
        return None
    keys = [(name, (word or "").upper() == "DESC") for word, name in _ORDER_KEY.findall(m.group(1))]
    return body[:m.start()], keys


def _order_key(t):
    """Return a sort key giving SPARQL's ORDER BY order: unbound, blank nodes, IRIs, then literals.

    Literals: numbers by value, then booleans, then plain and language strings
    by code point (then language tag), then other datatypes by datatype and
    lexical form. SPARQL fixes the order within numbers and within strings;
    across kinds it is the engine's choice (Oxigraph's own is not a total
    order there), and this one is total, so mixed columns sort the same way
    every run.
    """
    if t is None:
        return (0,)
    if isinstance(t, BNode):
        return (1, str(t))
    if isinstance(t, URIRef):
        return (2, str(t))
    dt = t.datatype
    if dt is None or dt == XSD.string or dt == RDF.langString:
        return (3, 2, str(t), t.language or "")
    if dt == XSD.boolean:
        return (3, 1, str(t) in ("true", "1"))
    v = t.toPython() if dt in _NUMERIC_TYPES else None
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool) and not (isinstance(v, float) and math.isnan(v)):
        return (3, 0, v)
    return (3, 3, str(dt), str(t))


def sort_rows(rows: list[tuple], keys: list[tuple[int, bool]]) -> None:
    """Sort result rows in place by (column, descending) keys with SPARQL's ORDER BY order (stable)."""
    memo: dict = {}

    def key_of(t):
        try:
            return memo[t]
        except KeyError:
            k = memo[t] = _order_key(t)
            return k

    for col, desc in reversed(keys):
        rows.sort(key=lambda r: key_of(r[col]), reverse=desc)


def _rdflib_syntax(text: str) -> str | None:
    """Return rdflib's parser's report (line, column, token found) for a malformed query, or None.

    Oxigraph's parser often reports the end of the query; pyparsing names the
    construct that fails, so both engines report syntax errors alike.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        translateQuery(parseQuery(text), initNs=PREFIXES)
    except Exception as exc:  # pyparsing's ParseException and friends
        if getattr(exc, "lineno", None) is not None or "Unknown namespace prefix" in str(exc):
            return _rdflib_message(exc)
    return None


def _oxigraph_message(exc: BaseException) -> str:
    import re

    msg = _first_line(exc)
    m = re.match(r"error at (\d+):(\d+)(?:-\d+:\d+)?: (.*)", msg)
    if m:
        return f"syntax error at line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return f"syntax error: {msg}"


def _first_keyword(text: str) -> str:
    from kgraph.sparql.sparql_guard import query_form

    return query_form(text)


_NUMERIC_TYPES = {XSD.integer, XSD.decimal, XSD.double, XSD.float, XSD.int, XSD.long, XSD.short, XSD.byte,
                  XSD.nonNegativeInteger, XSD.nonPositiveInteger, XSD.positiveInteger, XSD.negativeInteger,
                  XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort, XSD.unsignedByte}
_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


def from_oxigraph(t):
    """Return the rdflib term of a pyoxigraph term (None stays None)."""
    import pyoxigraph as ox

    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        return Literal(t.value) if dt in (_XSD_STRING, _LANG_STRING) else Literal(t.value, datatype=URIRef(dt))
    raise QueryError(f"unsupported RDF term in a result: {t!r}")


class _Converter(dict):
    """from_oxigraph with a memo: labels and IRIs repeat across rows, and rdflib terms are slow to make."""

    def __call__(self, t):
        if t is None:
            return None
        try:
            return self[t]
        except KeyError:
            v = self[t] = from_oxigraph(t)
            return v


def open_store(graph_path, engine: str = "auto"):
    """Open a graph file for querying with the chosen engine (``auto``, ``rdflib`` or ``oxigraph``).

    Raises:
        GraphError: The file is missing or not valid RDF.
        QueryError: The engine name is unknown.
    """
    chosen = choose_engine(graph_path, engine)
    return OxigraphStore(graph_path) if chosen == "oxigraph" else RdflibStore(graph_path)
