"""A read-only SPARQL 1.1 Protocol endpoint for a graph, plus its network page.

Routes: ``/`` (and ``/graph.html``) serves the page written next to the
graph; ``/sparql`` answers queries by GET (``?query=``) and POST (form
``query=`` or an ``application/sparql-query`` body), with content
negotiation over SPARQL JSON, XML, CSV, TSV and Turtle. Nothing else is
served: no path is ever mapped to a file.

Safety: bound to 127.0.0.1 unless told otherwise; a request is answered
only if its ``Host`` names the listening address (or a name given with
``allowed_hosts``), and a cross-site request (an ``Origin`` other than the
endpoint's own, ``Sec-Fetch-Site: cross-site`` or ``same-site``) is refused
(403), so neither DNS rebinding nor another web page can reach it. SPARQL
Update is refused (403); SERVICE is refused (403) on the parsed query, so
no query reaches another host; queries run in worker processes that cannot
open network connections, and one that passes its time limit is stopped
(its worker is killed and replaced) and reported (503), as is a request that
waits longer than that for a free worker. A client that goes away mid-reply
costs one quiet log line, never a traceback. At most :data:`MAX_CONNECTIONS`
connections are served at once, and a request must arrive whole within
:data:`REQUEST_DEADLINE` seconds, so a flood of slow or idle sockets holds
neither threads nor memory without bound.
"""

from __future__ import annotations

import ipaddress
import multiprocessing as mp
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kgraph.core.errors import GraphError, KGraphError, LimitError, QueryError
from kgraph.core.limits import MAX_REPLY_MB, MAX_ROWS

#: Largest request body accepted, in bytes.
MAX_BODY = 1_000_000
#: Seconds a worker may take to load the graph before the server gives up.
STARTUP_TIMEOUT = 600
#: Seconds an idle or slow client may hold a connection between reads.
CONNECTION_TIMEOUT = 30
#: Seconds a request may take to arrive whole (line, headers, body), however steadily it trickles in.
REQUEST_DEADLINE = 30
#: Connections served at once; past it the one waiting longest for its request is dropped (503 when all are busy).
MAX_CONNECTIONS = 64
#: A Content-Length value accepted: ASCII digits only (Python's int() also takes "+5", "0_5", " 5", Arabic-Indic
#: digits, each a length a proxy in front reads otherwise).
_LENGTH = re.compile(r"[0-9]{1,18}")
#: Errors of a client that went away: logged as one line, never as a traceback.
_GONE = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)

#: Headers of every reply. No other site may frame a reply (clickjacking the form), load one with a tag of its own
#: (``Cross-Origin-Resource-Policy``) or learn this address from a link followed from it (``Referrer-Policy``:
#: the page sends no referrer at all; the query form only to this endpoint, as under ``no-referrer`` a browser
#: sends the form's POST with ``Origin: null``, which the cross-site check refuses).
_SECURITY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-store"),
                     ("X-Frame-Options", "DENY"), ("Cross-Origin-Resource-Policy", "same-origin"),
                     ("Cross-Origin-Opener-Policy", "same-origin"))
#: The Content-Security-Policy of every reply but the page: nothing is loaded or run, and the query form posts here.
REPLY_CSP = "default-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
#: The page's own policy (a ``<meta>`` near its start, written by ``kgraph view``/``build``) is read from this many
#: bytes at its head.
_PAGE_HEAD = 16 << 10
_META_CSP = re.compile(rb'<meta\s+http-equiv=["\']?Content-Security-Policy["\']?\s+content="([^"]*)"', re.I)
_SCRIPT_HASH = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")


def page_csp(head: bytes) -> str:
    """Return the Content-Security-Policy header of a page whose first bytes are ``head``.

    The header repeats the page's own ``<meta>`` policy and adds what a ``<meta>`` cannot say
    (``frame-ancestors``). Only the page's script hashes are taken from the file; any other source it
    names (a host, ``'unsafe-inline'``, ``'unsafe-eval'``) is not, so a ``graph.html`` from elsewhere runs no
    more than its own hashed inline scripts, and a page without a policy runs none. The page queries
    nothing (``connect-src 'none'``): its data are inside it.
    """
    hashes: list[str] = []
    m = _META_CSP.search(head)
    if m:
        for directive in m.group(1).decode("ascii", "replace").split(";"):
            name, _, value = directive.strip().partition(" ")
            if name.lower() == "script-src":
                hashes = _SCRIPT_HASH.findall(value)
    scripts = " ".join(dict.fromkeys(hashes)) or "'none'"
    return (f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; font-src data:; "
            "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

_BINDINGS_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/plain": "table",
}
_GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "text/plain": "turtle"}
_FORMAT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
}

_FORM = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>kgraph SPARQL</title></head>
<body><h1>kgraph SPARQL endpoint</h1>
<form method="post" action="/sparql">
<textarea name="query" rows="12" cols="80">SELECT ?person ?organization WHERE {
  ?p kg:worksFor ?o ; rdfs:label ?person .
  ?o rdfs:label ?organization .
}</textarea><br>
<select name="format"><option>table</option><option>json</option><option>xml</option>
<option>csv</option><option>tsv</option><option>turtle</option></select>
<button type="submit">Run</button></form>
<p>Read-only. The prefixes kg:, kgr:, rdf:, rdfs:, owl:, xsd:, skos:, prov:, dcterms:, schema:, geo:, wd: are predefined.</p>
</body></html>
"""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class ServerError(QueryError):
    """A valid query failed in the worker (HTTP 500)."""


def negotiate(accept: str | None, graph_result: bool) -> str | None:
    """Return the output format for an Accept header, or None if nothing acceptable can be given.

    Bindings default to SPARQL JSON and graphs to Turtle when the client accepts anything.
    """
    table = _GRAPH_TYPES if graph_result else _BINDINGS_TYPES
    default = "turtle" if graph_result else "json"
    if not accept or not accept.strip():
        return default
    offers = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            offers.append((-q, i, media))
    for _q, _i, media in sorted(offers):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*") or (media == "text/*" and graph_result):
            return default
        if media == "text/*":
            return "csv"
    return None


# ---------------------------------------------------------------- worker processes


def _die_with_parent(parent: int, now: bool) -> None:
    """End this worker when the process that started it is gone (killed with SIGKILL: nothing else stops it).

    ``now``: also ask Linux to kill it the instant the starting thread dies
    (PR_SET_PDEATHSIG; only for a worker started by a thread that lives as
    long as the process, as ``kgraph query``'s). Otherwise, and besides, a
    thread checks every second whether the parent is still there.
    """
    if now and sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch():
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent:  # gone already, before the request above took effect
        os._exit(1)
    threading.Thread(target=watch, name="kgraph-parent-watch", daemon=True).start()


def _worker_main(conn, graph_path: str, engine: str, ceiling: int, parent: int = 0, bound: bool = False) -> None:
    from kgraph.core.errors import quiet_library_logs
    from kgraph.core.netguard import forbid_network, seal_process
    from kgraph.sparql.query import ResultError, format_result
    from kgraph.sparql.store import gib, limit_memory, open_store

    if parent:
        _die_with_parent(parent, bound)
    quiet_library_logs()  # a spawned worker: no traceback of rdflib's in the server's log
    forbid_network()  # this process only reads a file and answers over its pipe:
    seal_process()  # not even Oxigraph's native code can open an Internet socket here
    limit_memory(ceiling)  # a query that builds ever larger values or rows ends here, not in the machine's memory
    try:  # a native abort (Oxigraph out of memory) prints its own lines: the parent reports it as one line
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    except OSError:
        pass
    try:
        store = open_store(graph_path, engine)
    except KGraphError as exc:
        conn.send(("error", (400, str(exc))))
        return
    except Exception as exc:  # noqa: BLE001 - reported to the server as one line
        conn.send(("error", (500, f"cannot load the graph: {type(exc).__name__}: {exc}")))
        return
    conn.send(("ready", store.engine))
    while True:
        try:
            text, bindings_fmt, graph_fmt, max_rows, max_bytes = conn.recv()
        except (EOFError, OSError):
            return
        try:
            res = store.query(text, max_rows=max_rows)
            fmt = graph_fmt if res.type in ("CONSTRUCT", "DESCRIBE") else bindings_fmt
            if max_bytes is not None:  # the values alone first: a result far too large is never written out
                _within(max_bytes, sum(len(t) for row in (res.rows or res.triples) for t in row if t is not None))
            body = format_result(res, fmt)
            res = None  # the rows are not held beside their text
            if max_bytes is not None:
                _within(max_bytes, len(body.encode("utf-8")))
            reply = ("ok", (fmt, body))
        except ResultError as exc:
            reply = ("error", (500, str(exc)))
        except KGraphError as exc:
            reply = ("error", (400, str(exc)))
        except MemoryError:
            res = None
            reply = ("error", (503, f"the query needs more memory than the ceiling of {gib(ceiling)} "
                                    "(KGRAPH_MAX_MEMORY)"))
        except Exception as exc:  # noqa: BLE001 - a bug or an engine's own failure: the server answers 500
            reply = ("error", (500, f"the query failed: {type(exc).__name__}: {str(exc)[:200]}"))
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return


def _within(max_bytes: int, size: int) -> None:
    """Raise ResultTooLarge when ``size`` (a result's text, counted before or after it is written) passes
    ``max_bytes``."""
    from kgraph.sparql.store import ResultTooLarge

    if size > max_bytes:
        raise ResultTooLarge(f"the result is over {max_bytes / (1 << 20):.3g} MB, the most this endpoint returns "
                             "(kgraph serve --max-mb); add LIMIT, or ask for fewer or shorter values")


class _Worker:
    def __init__(self, graph_path: str, engine: str, ceiling: int, start: str = "spawn",
                 startup: float = STARTUP_TIMEOUT):
        ctx = mp.get_context(start)
        self.conn, child = ctx.Pipe()
        # A forked worker belongs to kgraph query's main thread: it may die with that thread at once.
        self.proc = ctx.Process(target=_worker_main, daemon=True,
                                args=(child, graph_path, engine, ceiling, os.getpid(), start == "fork"))
        self.proc.start()
        child.close()
        if not self.conn.poll(startup):
            self.kill()
            raise LimitError(f"loading {graph_path} took more than {startup:g} s")
        try:
            status, payload = self.conn.recv()
        except EOFError:
            self.kill()
            raise GraphError(f"the query worker for {graph_path} stopped while loading it") from None
        if status != "ready":
            self.kill()
            raise GraphError(payload[1] if isinstance(payload, tuple) else payload)
        self.engine = payload

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


class WorkerPool:
    """Query workers, each holding the graph; a worker whose query passes the time limit is killed."""

    def __init__(self, graph_path, engine: str = "auto", size: int = 2, start: str = "spawn",
                 load_timeout: float | None = None, max_rows: int | None = None, max_bytes: int | None = None):
        """Start the first worker (``start``: how; "fork" only from a process that runs no other threads).

        ``load_timeout``: seconds loading the graph may take (the Oxigraph store's build and the first worker's
        load together; :data:`STARTUP_TIMEOUT` when None). ``max_rows``, ``max_bytes``: the largest result a
        query may give (None: any); past either the query is an error (ResultTooLarge).

        Raises:
            LimitError: Loading ran past ``load_timeout``.
        """
        import time

        from kgraph.sparql.store import build_oxigraph, choose_engine, memory_ceiling

        deadline = time.monotonic() + (load_timeout or STARTUP_TIMEOUT)
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self.graph_path = str(graph_path)
        self.engine = choose_engine(graph_path, engine)
        self.ceiling = memory_ceiling(graph_path)
        if self.engine == "oxigraph":
            try:
                build_oxigraph(graph_path, deadline)  # once, here: workers then open it read-only
            except GraphError as exc:
                if "cannot write" not in str(exc):
                    raise
        self._slots = threading.Semaphore(size)
        # Idle workers (the last used first), loads under way, requests waiting for a worker, a load's failure.
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._loading = self._waiting = 0
        self._failure: str | None = None
        self._closed = False
        self._all: list[_Worker] = []
        self.start = start
        # A worker killed after a time-out is loaded again in a thread, not inside the next request (which would
        # wait for a whole load past its own time limit); "fork" is only safe without other threads.
        self._background = start != "fork"
        # fail now if the graph cannot be loaded
        self._put(_Worker(self.graph_path, self.engine, self.ceiling, start,
                          startup=max(0.1, deadline - time.monotonic())))

    def _put(self, w: _Worker) -> None:
        with self._cond:
            if self._closed:
                w.kill()
                return
            if w not in self._all:
                self._all.append(w)
            self._idle.append(w)
            self._cond.notify()

    def _load(self) -> None:
        """Load one more worker (called in its own thread, with ``_loading`` counted up); an idle one when done."""
        try:
            w = _Worker(self.graph_path, self.engine, self.ceiling, self.start)
        except KGraphError as exc:
            with self._cond:
                self._loading -= 1
                self._failure = str(exc)
                self._cond.notify_all()
            return
        with self._cond:
            self._loading -= 1
        self._put(w)

    def _load_soon(self) -> None:
        # called holding self._cond
        self._loading += 1
        threading.Thread(target=self._load, name="kgraph-serve-load", daemon=True).start()

    def _take(self, timeout: float) -> _Worker:
        """Return an idle worker, waiting at most ``timeout`` seconds for one being loaded.

        The wait is not the query's: a query's time limit bounds what it costs, and a request arriving while
        the graph loads into a worker (the successor of one stopped, or a second worker for a second query at
        once) is answered once it has loaded, as before, rather than refused; the load began when the worker
        it replaces was stopped, so the request pays at most what is left of it.
        """
        import time

        if not self._background:
            with self._cond:
                if self._idle:
                    return self._idle.pop()
            w = _Worker(self.graph_path, self.engine, self.ceiling, self.start)
            with self._cond:
                self._all.append(w)
            return w
        deadline = time.monotonic() + timeout
        with self._cond:
            self._waiting += 1
            try:
                while True:
                    if self._idle:
                        return self._idle.pop()
                    if self._failure is not None:
                        failure, self._failure = self._failure, None
                        raise GraphError(failure)
                    if self._loading < self._waiting:
                        self._load_soon()
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise QueryTimeout(f"no query worker loaded the graph within {timeout:g} s; try again later")
                    self._cond.wait(left)
            finally:
                self._waiting -= 1

    def run(self, text: str, bindings_fmt: str, graph_fmt: str, timeout: float,
            wait: float | None = None) -> tuple[str, str]:
        """Run a query in a worker; return (format, body).

        Args:
            wait: Seconds to wait for a free worker (``timeout`` when None).

        Raises:
            QueryError: The query is malformed.
            QueryTimeout: It ran past ``timeout`` seconds (it was stopped), or no worker was free in time, or
                none loaded within :data:`STARTUP_TIMEOUT`.
            ServerError: The worker failed on a valid query (an unwritable result, an engine failure).
        """
        wait = timeout if wait is None else wait
        if not self._slots.acquire(timeout=wait):
            raise QueryTimeout(f"every query worker stayed busy for {wait:g} s; try again later")
        try:
            return self._run(text, bindings_fmt, graph_fmt, timeout)
        finally:
            self._slots.release()

    def _run(self, text: str, bindings_fmt: str, graph_fmt: str, timeout: float) -> tuple[str, str]:
        w = self._take(STARTUP_TIMEOUT)
        ok = False
        try:
            w.conn.send((text, bindings_fmt, graph_fmt, self.max_rows, self.max_bytes))
            if not w.conn.poll(timeout):
                raise QueryTimeout(f"query stopped after its time limit of {timeout:g} s")
            status, payload = w.conn.recv()
            ok = True
        except (EOFError, OSError, BrokenPipeError):
            from kgraph.sparql.store import gib, how_it_ended

            w.proc.join(5)
            raise ServerError(f"the query worker stopped ({how_it_ended(w.proc.exitcode)}): the query may need "
                              f"more memory than the ceiling of {gib(self.ceiling)} (KGRAPH_MAX_MEMORY)") from None
        finally:
            if ok:
                self._put(w)
            else:
                with self._cond:
                    if w in self._all:
                        self._all.remove(w)
                    if self._background and not self._closed:
                        self._load_soon()  # its successor, ready for the next query
                w.kill()
        if status == "error":
            code, message = payload
            raise (ServerError if code >= 500 else QueryError)(message)
        return payload

    def close(self) -> None:
        """Stop every worker (one still loading is stopped when its load ends)."""
        with self._cond:
            self._closed = True
            workers, self._all, self._idle = self._all, [], []
        for w in workers:
            w.kill()


# ---------------------------------------------------------------- HTTP


def _split_host(value: str) -> tuple[str, int | None] | None:
    """Split a Host header (``name``, ``name:port``, ``[v6]:port``) into a lower-case host and port; None if malformed."""
    value = value.strip().lower()
    if not value or any(c in value for c in " /\\@?#\t\r\n"):
        return None
    port = None
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        host, rest = value[1:end], value[end + 1:]
        if rest:
            if not rest.startswith(":"):
                return None
            port = rest[1:]
    elif value.count(":") > 1:
        return None  # an IPv6 address must be bracketed
    else:
        host, colon, port = value.partition(":")
        port = port if colon else None
    if port is not None and (not port.isdigit() or not 0 < int(port) < 65536):
        return None
    host = host.rstrip(".")
    return (host, int(port) if port is not None else None) if host else None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


class KGraphServer(ThreadingHTTPServer):
    """The endpoint's HTTP server: holds the worker pool, the page and the settings."""

    daemon_threads = True
    # socketserver's 5 made a burst of connections wait on the kernel's SYN retries (200 took 30 s).
    request_queue_size = 128

    def __init__(self, address, pool: WorkerPool, page: Path | None, timeout: float, quiet: bool = False,
                 allowed_hosts=()):
        self.pool, self.page, self.query_timeout, self.quiet = pool, page, timeout, quiet
        self.extra_hosts = {h.strip().lower().rstrip(".") for h in allowed_hosts if h.strip()}
        # Each open connection: [when its current request began to arrive, whether a query of it is running].
        self._conns: dict = {}
        self._conns_lock = threading.Lock()
        self._stopped = threading.Event()
        super().__init__(address, _Handler)
        threading.Thread(target=self._reap, name="kgraph-serve-reaper", daemon=True).start()

    def process_request(self, request, client_address) -> None:
        """Serve a new connection in its own thread, within :data:`MAX_CONNECTIONS` (a flood holds no more)."""
        import time

        with self._conns_lock:
            full = len(self._conns) >= MAX_CONNECTIONS
            waiting = [(since, sock) for sock, (since, busy) in self._conns.items() if not busy] if full else []
            if waiting:
                oldest = min(waiting, key=lambda item: item[0])[1]
                del self._conns[oldest]
                _drop(oldest)
            if not full or waiting:
                self._conns[request] = [time.monotonic(), False]
        if full and not waiting:  # every connection is running a query: this one is told so at once
            _refuse(request)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def connection_state(self, request, busy: bool) -> None:
        """Record that a connection runs a query (``busy``) or waits for its next request (from now)."""
        import time

        with self._conns_lock:
            if request in self._conns:
                self._conns[request] = [time.monotonic(), busy]

    def shutdown_request(self, request) -> None:
        with self._conns_lock:
            self._conns.pop(request, None)
        super().shutdown_request(request)

    def _reap(self) -> None:
        """Drop connections whose request has not arrived whole within :data:`REQUEST_DEADLINE` seconds."""
        import time

        while not self._stopped.wait(1.0):
            now = time.monotonic()
            with self._conns_lock:
                late = [s for s, (since, busy) in self._conns.items() if not busy and now - since > REQUEST_DEADLINE]
                for sock in late:
                    self._conns.pop(sock, None)
            for sock in late:  # a trickle of one byte a second kept a thread for days between socket timeouts
                _drop(sock)

    def host_allowed(self, host: str) -> bool:
        """Return True if ``host`` (from a Host or Origin header) names this server.

        Its own listening address, ``localhost`` when it listens on a loopback
        address, and the names given with ``allowed_hosts``. When it listens on
        every address (0.0.0.0, ::), any IP address literal names it too: a
        DNS-rebinding page always comes with a name, never a literal address.
        """
        bound = str(self.server_address[0]).lower()
        if host == bound or host in self.extra_hosts:
            return True
        try:
            ip = ipaddress.ip_address(bound)
        except ValueError:
            return False
        if ip.is_loopback and host == "localhost":
            return True
        if ip.is_unspecified:
            return _is_ip(host) or host == "localhost"
        return False

    def origin_allowed(self, origin: str) -> bool:
        """Return True if an Origin header is this endpoint's own (http, a host that names it, its port)."""
        from urllib.parse import urlsplit as _split

        try:
            url = _split(origin.strip())
            port = url.port or (80 if url.scheme == "http" else 443)
        except ValueError:
            return False
        if url.scheme != "http" or not url.hostname or url.path not in ("", "/"):
            return False
        return port == self.server_address[1] and self.host_allowed(url.hostname.lower().rstrip("."))

    def handle_error(self, request, client_address) -> None:
        """Log a failed connection as one line: a client that went away is routine, never a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, _GONE):
            return
        if not self.quiet:
            sys.stderr.write(f"kgraph serve: request from {client_address[0]} failed: "
                             f"{type(exc).__name__}: {str(exc)[:200]}\n")

    def server_close(self) -> None:
        self._stopped.set()
        super().server_close()
        self.pool.close()


def _drop(sock) -> None:
    """End a connection its handler thread is reading from: the read returns at once and the thread ends."""
    import socket

    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already gone
        pass


def _refuse(sock) -> None:
    """Tell a connection over the cap that the endpoint is busy, without ever blocking the accepting thread."""
    body = b"Error: too many connections; try again shortly\n"
    try:
        sock.setblocking(False)
        headers = "".join(f"{k}: {v}\r\n" for k, v in (*_SECURITY_HEADERS, ("Content-Security-Policy", REPLY_CSP)))
        sock.send(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n%s"
                  b"Retry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
                  % (headers.encode("ascii"), len(body), body))
    except OSError:
        pass


#: Largest page served (bytes); the page of a million-triple graph is under 1 MB (it draws the central nodes).
MAX_PAGE = 256 << 20


def _own_page(page: Path | None):
    """Return the page written next to the graph, opened for reading with its size, or None if there is none to serve.

    Only a regular file whose real place is the graph's own folder is served:
    a ``graph.html`` that is a symlink to ``/etc/passwd`` or to a file of the
    user's (an unpacked archive of someone's output folder) is not, and a
    FIFO or a device is never opened.
    """
    import stat

    if page is None:
        return None
    try:
        real = page.resolve(strict=True)
        st = real.stat()
        if real.parent != page.parent.resolve() or not stat.S_ISREG(st.st_mode) or st.st_size > MAX_PAGE:
            return None
        fh = open(real, "rb")
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_PAGE:  # replaced since the check
            fh.close()
            return None
        return fh, size
    except (OSError, RuntimeError):
        return None


class _Handler(BaseHTTPRequestHandler):
    server: KGraphServer
    server_version = "kgraph"
    sys_version = ""
    protocol_version = "HTTP/1.1"
    timeout = CONNECTION_TIMEOUT  # a client that stops sending loses its connection

    def handle_one_request(self):
        try:
            super().handle_one_request()
        except _GONE:
            self.close_connection = True
        self.server.connection_state(self.request, busy=False)  # the next request's time starts now

    def _framing(self) -> tuple[int, str] | None:
        """Return (status, message) if where the request's body ends is not certain, else None.

        A proxy in front that reads the end of a body otherwise than this server (by Transfer-Encoding, by
        another of two Content-Lengths, by "+5" or "0_5" that int() takes, or a GET whose body this server left
        to be read as the next request) lets a client smuggle a request past it on a shared connection.
        """
        headers = self.headers
        if headers.defects or headers.get_payload():  # a line that is no header ("Content-Length : 5")
            return 400, "malformed header line"
        if any("\r" in v or "\n" in v for v in headers.values()):
            return 400, "folded header lines (obs-fold) are not accepted"
        if headers.get_all("Transfer-Encoding"):
            return 501, "Transfer-Encoding is not supported: send the body with one Content-Length"
        lengths = headers.get_all("Content-Length") or []
        if len(lengths) > 1:
            return 400, "give at most one Content-Length header"
        if lengths and not _LENGTH.fullmatch(lengths[0].strip(" \t")):
            return 400, "bad Content-Length"
        if lengths and int(lengths[0]) > 0 and self.command in ("GET", "HEAD"):
            return 400, f"a {self.command} request carries no body"
        return None

    def _refused(self) -> bool:
        """Answer 400/403/501 and return True if the request is framed ambiguously or comes from another site."""
        framing = self._framing()
        if framing is not None:
            self._error(*framing)
            return True
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1:
            self._error(400, "give exactly one Host header")
            return True
        parsed = _split_host(hosts[0])
        if parsed is None:
            self._error(400, "malformed Host header")
            return True
        host, port = parsed
        if not self.server.host_allowed(host) or port not in (None, self.server.server_address[1]):
            self._error(403, "this endpoint answers only requests addressed to it by its own address "
                             "(see kgraph serve --allow-host)")
            return True
        origin = self.headers.get("Origin")
        if origin is not None and not self.server.origin_allowed(origin):
            self._error(403, "cross-site requests are refused: open the endpoint's own page instead")
            return True
        site = (self.headers.get("Sec-Fetch-Site") or "").strip().lower()
        if site in ("cross-site", "same-site"):
            self._error(403, "cross-site requests are refused: open the endpoint's own page instead")
            return True
        return False

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        if not self.server.quiet:
            line = (format % args).encode("ascii", "backslashreplace").decode("ascii")
            line = "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)  # no terminal escapes
            sys.stderr.write(f"{self.address_string()} - - [{self.log_date_time_string()}] {line}\n")

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8", extra=None) -> None:
        self._replied = True
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in _SECURITY_HEADERS + (("Content-Security-Policy", REPLY_CSP), ("Referrer-Policy", "same-origin")):
            self.send_header(k, v)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code, message=None, explain=None):  # noqa: ARG002 - signature of the base class
        """Answer the standard library's own refusals (a malformed request line, 414, 431) as every other error:
        one plain-text line with the same headers (its HTML page carried no policy and echoed the request)."""
        self._error(code, str(message or self.responses.get(code, ("request refused",))[0]))

    def _error(self, status: int, message: str, extra=None) -> None:
        text = f"Error: {message}".replace("\r", " ").replace("\n", " ") + "\n"
        # A refused request's body may be unread: read as the next request on the connection it would be
        # answered (a PUT carrying a GET). Every error ends the connection.
        self.close_connection = True
        self._send(status, text.encode("utf-8", "replace"), extra={**(extra or {}), "Connection": "close"})

    def _guarded(self, route) -> None:
        """Run a route once the request passed the Host and cross-site checks; any failure is an HTTP error."""
        self._replied = False
        try:
            if self._refused():
                self.close_connection = True  # its body, if any, is left unread
                return
            route()
        except _GONE:
            self.close_connection = True
        except Exception as exc:  # noqa: BLE001 - a bug must still get an answer, not an empty reply
            if not self.server.quiet:
                sys.stderr.write(f"kgraph serve: {self.command} {self.path[:100]!r} failed: "
                                 f"{type(exc).__name__}: {str(exc)[:200]}\n")
            if not self._replied:
                try:
                    self._error(500, f"internal error: {type(exc).__name__}")
                except _GONE:
                    pass
            self.close_connection = True

    # ---- routes

    def do_GET(self):  # noqa: N802 - http.server naming
        self._guarded(self._get)

    def _get(self):
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html", "/graph.html"):
            return self._page()
        if url.path == "/sparql":
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                return self._error(403, "SPARQL Update is not allowed: this endpoint is read-only")
            if "query" not in params:
                return self._send(200, _FORM, "text/html; charset=utf-8")
            return self._query(params)
        return self._error(404, "not found")

    do_HEAD = do_GET

    def do_POST(self):  # noqa: N802
        self._guarded(self._post)

    def _post(self):
        url = urlsplit(self.path)
        if url.path != "/sparql":
            if url.path not in ("/", "/graph.html"):
                return self._error(404, "not found")
            return self._error(405, "this endpoint is read-only", {"Allow": "GET, HEAD, POST"})
        length = int(self.headers.get("Content-Length") or 0)  # digits only: checked by _framing
        if length > MAX_BODY:
            self.close_connection = True
            return self._error(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length) if length > 0 else b""
        if len(body) != length:  # the client went away (or was dropped) mid-body: no query of a fragment
            self.close_connection = True
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "request body is not UTF-8")
        if ctype == "application/sparql-update":
            return self._error(403, "SPARQL Update is not allowed: this endpoint is read-only")
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(text, keep_blank_values=True)
            if "update" in form:
                return self._error(403, "SPARQL Update is not allowed: this endpoint is read-only")
            params.update(form)
        elif ctype == "application/sparql-query":
            params["query"] = [text]
        else:
            return self._error(415, "send application/sparql-query or application/x-www-form-urlencoded")
        if "query" not in params:
            return self._error(400, "missing query parameter")
        return self._query(params)

    def _read_only(self):
        self._guarded(lambda: self._error(405, "this endpoint is read-only", {"Allow": "GET, HEAD, POST"}))

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _read_only

    def _page(self):
        opened = _own_page(self.server.page)
        if opened is None:
            return self._send(200, _FORM, "text/html; charset=utf-8")
        fh, size = opened
        # Sent in pieces from the file: read whole, each slow reader of a 200 MB page held 200 MB (12 held 2.4 GB).
        with fh:
            head = fh.read(min(size, _PAGE_HEAD))
            self._replied = True
            self.send_response(200)
            for name, value in (("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(size)),
                                *_SECURITY_HEADERS, ("Content-Security-Policy", page_csp(head)),
                                ("Referrer-Policy", "no-referrer")):
                self.send_header(name, value)
            self.end_headers()
            if self.command == "HEAD":
                return
            self.wfile.write(head)
            left = size - len(head)
            while left > 0:
                chunk = fh.read(min(left, 1 << 16))
                if not chunk:  # the file shrank while sent: the reply cannot be whole
                    self.close_connection = True
                    return
                self.wfile.write(chunk)
                left -= len(chunk)

    def _query(self, params: dict) -> None:
        from kgraph.sparql.query import query_form, saved_queries
        from kgraph.sparql.sparql_guard import expand_escapes

        texts = params.get("query", [])
        if len(texts) != 1:
            return self._error(400, "give exactly one query parameter")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(400, "default-graph-uri and named-graph-uri are not supported; "
                                    "use FROM / GRAPH in the query")
        text = texts[0]
        saved = saved_queries()
        if text.strip() in saved:  # a saved query by name, as `kgraph query NAME` takes it
            text = saved[text.strip()]
        # The query is parsed and checked in the worker, under the time limit: rdflib's parser spends half a
        # minute on a 1 MB query, and in this process it held every other request's parse (one at a time) too.
        # Only the first keyword is read here, to choose the result's type.
        try:
            graph_result = query_form(expand_escapes(text)) in ("CONSTRUCT", "DESCRIBE")  # "\u0043ONSTRUCT" too
        except QueryError as exc:
            return self._error(400, str(exc))
        wanted = (params.get("format") or [None])[0]
        if wanted:
            if wanted not in _FORMAT_TYPES:
                return self._error(400, f"unknown format {wanted!r}; choose one of {', '.join(_FORMAT_TYPES)}")
            fmt = wanted
        else:
            fmt = negotiate(self.headers.get("Accept"), graph_result)
            if fmt is None:
                kinds = _GRAPH_TYPES if graph_result else _BINDINGS_TYPES
                return self._error(406, f"cannot answer in the accepted types; offered: {', '.join(kinds)}")
        bindings_fmt = fmt if fmt != "turtle" else "json"
        graph_fmt = "turtle"
        self.server.connection_state(self.request, busy=True)  # a running query is not a slow client
        try:
            out_fmt, body = self.server.pool.run(text, bindings_fmt, graph_fmt, self.server.query_timeout)
        except QueryTimeout as exc:
            return self._error(503, str(exc))
        except ServerError as exc:
            return self._error(500, str(exc))
        except QueryError as exc:
            refused = str(exc).startswith(("SERVICE", "SPARQL Update", "FROM"))
            return self._error(403 if refused else 400, str(exc))
        except KGraphError as exc:
            return self._error(500, str(exc))
        finally:
            self.server.connection_state(self.request, busy=False)
        self._send(200, body.encode("utf-8"), _FORMAT_TYPES[out_fmt])


def make_server(graph_path="output/graph.ttl", host: str = "127.0.0.1", port: int = 8000, engine: str = "auto",
                timeout: float = 30.0, workers: int = 2, quiet: bool = False,
                allowed_hosts=(), max_rows: int | None = MAX_ROWS,
                max_mb: float | None = MAX_REPLY_MB) -> KGraphServer:
    """Load a graph into query workers and return a bound (not yet serving) endpoint server.

    ``allowed_hosts``: further names clients may use in ``Host`` (a DNS name
    of this machine); the listening address is always accepted. ``max_rows``, ``max_mb``: the largest
    result a query may give (rows or triples, and megabytes of reply; None or 0: no cap); a larger one is
    answered 400 with one line saying which cap it passed.

    Raises:
        GraphError: The graph cannot be loaded.
        KGraphError: The address cannot be bound.
    """
    from kgraph.core.userfile import regular_file

    p = regular_file(graph_path, GraphError, "graph file")
    if timeout <= 0:
        raise QueryError("the time limit must be a positive number of seconds")
    pool = WorkerPool(p, engine, size=max(1, workers), max_rows=max_rows or None,
                      max_bytes=int(max_mb * (1 << 20)) if max_mb else None)
    try:
        return KGraphServer((host, port), pool, p.with_suffix(".html"), timeout, quiet=quiet,
                            allowed_hosts=allowed_hosts)
    except OSError as exc:
        pool.close()
        raise KGraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def serve_forever(server: KGraphServer) -> None:
    """Serve until interrupted (Ctrl-C), then stop the workers."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
