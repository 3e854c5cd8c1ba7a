"""A read-only SPARQL 1.1 Protocol endpoint for a graph, plus its network page.

Routes: ``/`` (and ``/graph.html``) serves the page written next to the
graph; ``/sparql`` answers queries by GET (``?query=``) and POST (form
``query=`` or an ``application/sparql-query`` body), with content
negotiation over SPARQL JSON, XML, CSV, TSV and Turtle. Nothing else is
served: no path is ever mapped to a file.

Safety: bound to 127.0.0.1 unless told otherwise; SPARQL Update is refused
(403); SERVICE is refused (403), so no query reaches another host; queries
run in worker processes, and one that passes its time limit is stopped (its
worker is killed and replaced) and reported (503).
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errors import GraphError, KGraphError, QueryError

#: Largest request body accepted, in bytes.
MAX_BODY = 1_000_000
#: Seconds a worker may take to load the graph before the server gives up.
STARTUP_TIMEOUT = 600

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


def _worker_main(conn, graph_path: str, engine: str) -> None:
    from .query import format_result, run
    from .store import open_store

    try:
        store = open_store(graph_path, engine)
    except KGraphError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", store.engine))
    while True:
        try:
            text, bindings_fmt, graph_fmt = conn.recv()
        except (EOFError, OSError):
            return
        try:
            res = run(store, text)
            fmt = graph_fmt if res.type in ("CONSTRUCT", "DESCRIBE") else bindings_fmt
            conn.send(("ok", (fmt, format_result(res, fmt))))
        except KGraphError as exc:
            conn.send(("error", str(exc)))


class _Worker:
    def __init__(self, graph_path: str, engine: str):
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, graph_path, engine), daemon=True)
        self.proc.start()
        child.close()
        if not self.conn.poll(STARTUP_TIMEOUT):
            self.kill()
            raise GraphError(f"loading {graph_path} took more than {STARTUP_TIMEOUT} s")
        try:
            status, payload = self.conn.recv()
        except EOFError:
            self.kill()
            raise GraphError(f"the query worker for {graph_path} stopped while loading it") from None
        if status != "ready":
            self.kill()
            raise GraphError(payload)
        self.engine = payload

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


class WorkerPool:
    """Query workers, each holding the graph; a worker whose query passes the time limit is killed."""

    def __init__(self, graph_path, engine: str = "auto", size: int = 2):
        from .store import build_oxigraph, choose_engine

        self.graph_path = str(graph_path)
        self.engine = choose_engine(graph_path, engine)
        if self.engine == "oxigraph":
            try:
                build_oxigraph(graph_path)  # once, here: workers then open it read-only
            except GraphError as exc:
                if "cannot write" not in str(exc):
                    raise
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._slots = threading.Semaphore(size)
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        self._put(_Worker(self.graph_path, self.engine))  # fail now if the graph cannot be loaded

    def _put(self, w: _Worker) -> None:
        with self._lock:
            if w not in self._all:
                self._all.append(w)
        self._idle.put(w)

    def run(self, text: str, bindings_fmt: str, graph_fmt: str, timeout: float) -> tuple[str, str]:
        """Run a query in a worker; return (format, body).

        Raises:
            QueryError: The query is malformed.
            QueryTimeout: It ran past ``timeout`` seconds; it was stopped.
        """
        with self._slots:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                w = _Worker(self.graph_path, self.engine)
            ok = False
            try:
                w.conn.send((text, bindings_fmt, graph_fmt))
                if not w.conn.poll(timeout):
                    raise QueryTimeout(f"query stopped after its time limit of {timeout:g} s")
                status, payload = w.conn.recv()
                ok = True
            except (EOFError, OSError, BrokenPipeError):
                raise QueryError("the query worker stopped unexpectedly") from None
            finally:
                if ok:
                    self._idle.put(w)
                else:
                    with self._lock:
                        if w in self._all:
                            self._all.remove(w)
                    w.kill()
        if status == "error":
            raise QueryError(payload)
        return payload

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = self._all, []
        for w in workers:
            w.kill()


# ---------------------------------------------------------------- HTTP


class KGraphServer(ThreadingHTTPServer):
    """The endpoint's HTTP server: holds the worker pool, the page and the settings."""

    daemon_threads = True

    def __init__(self, address, pool: WorkerPool, page: Path | None, timeout: float, quiet: bool = False):
        self.pool, self.page, self.query_timeout, self.quiet = pool, page, timeout, quiet
        super().__init__(address, _Handler)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: KGraphServer
    server_version = "kgraph"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8", extra=None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str, extra=None) -> None:
        self._send(status, f"Error: {message}\n".encode("utf-8"), extra=extra)

    # ---- routes

    def do_GET(self):  # noqa: N802 - http.server naming
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
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, "not found") if url.path not in ("/", "/graph.html") else self._read_only()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self._error(400, "bad Content-Length")
        if length > MAX_BODY:
            self.close_connection = True
            return self._error(413, f"request body over {MAX_BODY} bytes")
        body = self.rfile.read(length) if length > 0 else b""
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
        return self._error(405, "this endpoint is read-only", {"Allow": "GET, HEAD, POST"})

    do_PUT = do_DELETE = do_PATCH = _read_only

    def _page(self):
        page = self.server.page
        if page is None or not page.is_file():
            return self._send(200, _FORM, "text/html; charset=utf-8")
        return self._send(200, page.read_bytes(), "text/html; charset=utf-8")

    def _query(self, params: dict) -> None:
        from .query import check, query_form

        texts = params.get("query", [])
        if len(texts) != 1:
            return self._error(400, "give exactly one query parameter")
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(400, "default-graph-uri and named-graph-uri are not supported; "
                                    "use FROM / GRAPH in the query")
        text = texts[0]
        try:
            check(text)
        except QueryError as exc:
            status = 400 if "empty" in str(exc) else 403
            return self._error(status, str(exc))
        graph_result = query_form(text) in ("CONSTRUCT", "DESCRIBE")
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
        try:
            out_fmt, body = self.server.pool.run(text, bindings_fmt, graph_fmt, self.server.query_timeout)
        except QueryTimeout as exc:
            return self._error(503, str(exc))
        except QueryError as exc:
            return self._error(400, str(exc))
        self._send(200, body.encode("utf-8"), _FORMAT_TYPES[out_fmt])


def make_server(graph_path="output/graph.ttl", host: str = "127.0.0.1", port: int = 8000, engine: str = "auto",
                timeout: float = 30.0, workers: int = 2, quiet: bool = False) -> KGraphServer:
    """Load a graph into query workers and return a bound (not yet serving) endpoint server.

    Raises:
        GraphError: The graph cannot be loaded.
        KGraphError: The address cannot be bound.
    """
    p = Path(graph_path)
    if not p.is_file():
        raise GraphError(f"graph file not found: {p}")
    if timeout <= 0:
        raise QueryError("the time limit must be a positive number of seconds")
    pool = WorkerPool(p, engine, size=max(1, workers))
    try:
        return KGraphServer((host, port), pool, p.with_suffix(".html"), timeout, quiet=quiet)
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
