"""Push a graph to an external SPARQL store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each article becomes one named graph (its article IRI) and the rest (entities,
gazetteer facts) goes to the default graph, each sent as Turtle with
``PUT ?graph=<IRI>`` / ``PUT ?default``: a push replaces those graphs, so
pushing again after a rebuild does not duplicate facts. Works with Oxigraph
server (``http://host:7878/store``), Fuseki (``/DATASET/data``), GraphDB
(``/repositories/REPO/rdf-graphs/service``) and Virtuoso
(``/sparql-graph-crud``).

A TriG or N-Quads file keeps its own named graphs. A Turtle file from
``kgraph build`` is split the way :mod:`kgraph.graph.rdf` lays it out: an
article's graph holds the article, the evidence derived from it, the direct
triples that evidence states and its ``kg:mentionedIn`` links.
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import socket
import threading
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from rdflib.namespace import PROV, RDF

from kgraph.core.errors import GraphError, InputError
from kgraph.core.vocab import KG, PREFIXES

# Plain strings: pyoxigraph's terms are compared by their .value.
_RDF_TYPE = str(RDF.type)
_RDF_SUBJECT = str(RDF.subject)
_RDF_PREDICATE = str(RDF.predicate)
_RDF_OBJECT = str(RDF.object)
_DERIVED = str(PROV.wasDerivedFrom)
_ARTICLE = str(KG.Article)
_MENTIONED_IN = str(KG.mentionedIn)


@dataclass(frozen=True)
class PushResult:
    """What a push sent: named graphs, triples per graph (None = default graph), and the endpoint."""

    endpoint: str
    triples: dict

    def summary(self) -> str:
        """Return a one-line summary."""
        named = sum(1 for g in self.triples if g is not None)
        total = sum(self.triples.values())
        return (f"pushed {total:,} triples to {self.endpoint}: {named:,} article graph(s) "
                f"and the default graph ({self.triples.get(None, 0):,} triples)")


def read_quads(graph_path) -> list:
    """Read a graph file with pyoxigraph; return its quads.

    Raises:
        GraphError: The file is missing or not valid RDF.
    """
    import pyoxigraph as ox

    from kgraph.sparql.store import _first_line, _ox_format

    from kgraph.core.userfile import regular_file

    p = regular_file(graph_path, GraphError, "graph file")
    from kgraph.graph.safe_rdf import check_file

    fmt = _ox_format(p)
    check_file(p)  # no DTD, no remote JSON-LD context, bounded nesting
    try:
        return list(ox.parse(path=str(p), format=fmt))
    except (SyntaxError, ValueError, OSError) as exc:
        raise GraphError(f"cannot read {p} as RDF: {_first_line(exc)}") from None


def partition(quads) -> dict:
    """Split quads into graphs: ``{graph IRI or None (default graph): [pyoxigraph Triple, ...]}``.

    Named graphs in the input are kept; triples of a plain (Turtle) kgraph
    graph are assigned to the article they come from.
    """
    import pyoxigraph as ox

    graphs: dict = defaultdict(list)
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        for q in quads:
            key = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            graphs[key].append(q.triple)
        return dict(graphs)

    articles = {q.subject for q in quads if q.predicate.value == _RDF_TYPE and q.object.value == _ARTICLE
                and isinstance(q.subject, ox.NamedNode)}
    evidence_of: dict = {}  # evidence node -> article
    for q in quads:
        if q.predicate.value == _DERIVED and q.object in articles:
            evidence_of[q.subject] = q.object
    stated: dict = defaultdict(dict)  # evidence node -> {subject|predicate|object: term}
    for q in quads:
        if q.subject in evidence_of and q.predicate.value in (_RDF_SUBJECT, _RDF_PREDICATE, _RDF_OBJECT):
            stated[q.subject][q.predicate.value] = q.object
    direct: dict = defaultdict(set)  # (s, p, o) -> articles stating it
    for ev, parts in stated.items():
        if len(parts) == 3:
            direct[(parts[_RDF_SUBJECT], parts[_RDF_PREDICATE], parts[_RDF_OBJECT])].add(evidence_of[ev])
    for q in quads:
        t = q.triple
        if q.subject in articles:
            graphs[q.subject.value].append(t)
        elif q.subject in evidence_of:
            graphs[evidence_of[q.subject].value].append(t)
        elif q.predicate.value == _MENTIONED_IN and q.object in articles:
            graphs[q.object.value].append(t)
        elif (q.subject, q.predicate, q.object) in direct:
            for art in sorted(direct[(q.subject, q.predicate, q.object)], key=lambda a: a.value):
                graphs[art.value].append(t)
        else:
            graphs[None].append(t)
    graphs.setdefault(None, [])
    return dict(graphs)


#: Most bytes of a store's reply read (the first line is shown on an error).
_MAX_REPLY = 65536
_USERINFO = re.compile(r"(?<=://)[^\s]*@")
_SECRET_PARAM = re.compile(r"(?i)([?&;][^=&;#]*(?:token|key|pass|secret|auth|sig|session|cred)[^=&;#]*=)[^&;#]*")


def redact(url: str) -> str:
    """Return a URL fit to print: user and password replaced by ``***``, secret-looking query values too."""
    text = _USERINFO.sub("***@", str(url))
    return _SECRET_PARAM.sub(lambda m: m.group(1) + "***", text)


def parse_endpoint(endpoint: str):
    """Return the ``urlsplit`` of a Graph Store endpoint URL after checking every part of it.

    Raises:
        InputError: Not an http(s) URL, or malformed: a bad port, a space or
            control character, broken IPv6 brackets, no host. The message
            never holds the user or password.
    """
    shown = redact(endpoint)
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in endpoint):
        raise InputError(f"--endpoint {shown!r} holds a space or control character; percent-encode it")
    try:
        url = urlsplit(endpoint)
        port = url.port
        host = url.hostname
    except ValueError as exc:
        # The library's own words may quote a piece of the password: say what is wrong in ours.
        why = str(exc)
        reason = ("its port is not a number from 1 to 65535" if "Port" in why
                  else "its IPv6 address brackets are broken" if "IPv6" in why or "[" in endpoint
                  else "its host is malformed")
        raise InputError(f"--endpoint {shown!r} is not a valid URL: {reason}") from None
    if url.scheme not in ("http", "https"):
        raise InputError(f"--endpoint must be an http:// or https:// URL, not {shown!r}")
    if not host:
        raise InputError(f"--endpoint {shown!r} names no host")
    if port == 0:
        raise InputError(f"--endpoint {shown!r}: port 0 is not a port one can connect to")
    if "[" in url.netloc.rsplit("@", 1)[-1] and ":" not in host:
        raise InputError(f"--endpoint {shown!r} has brackets around a host that is not an IPv6 address")
    try:
        host.encode("idna")
    except UnicodeError:
        raise InputError(f"--endpoint {shown!r} has a host name that cannot be encoded") from None
    return url


def _scrub(text: str, endpoint: str, secrets=()) -> str:
    """Return a message with every credential of the endpoint removed."""
    out = str(text).replace(endpoint, redact(endpoint))
    try:
        url = urlsplit(endpoint)
        found = [url.username, url.password] + ([unquote(url.username or ""), unquote(url.password or "")])
        found.append(url.netloc.rpartition("@")[0])
    except ValueError:
        found = []
    for secret in sorted({s for s in [*found, *secrets] if s and len(s) >= 2}, key=len, reverse=True):
        out = out.replace(secret, "***")
    return redact(out)


class _Client:
    """One keep-alive HTTP connection to the Graph Store endpoint."""

    def __init__(self, endpoint: str, timeout: float):
        url = parse_endpoint(endpoint)
        self.raw, self.url, self.timeout = endpoint, url, timeout
        self.endpoint = redact(endpoint)  # what messages show
        self.headers = {"Content-Type": "text/turtle; charset=utf-8"}
        self.secrets: tuple = ()
        if url.username is not None:
            cred = f"{unquote(url.username)}:{unquote(url.password or '')}".encode("utf-8")
            token = base64.b64encode(cred).decode("ascii")
            self.headers["Authorization"] = "Basic " + token
            self.secrets = (token, cred.decode("utf-8", "replace"))
        self.conn = None

    def scrub(self, text) -> str:
        """Return text fit to print: no user, password or Authorization value in it."""
        return _scrub(str(text), self.raw, self.secrets)

    def _connect(self):
        cls = http.client.HTTPSConnection if self.url.scheme == "https" else http.client.HTTPConnection
        return cls(self.url.hostname, self.url.port, timeout=self.timeout)

    def put(self, graph: str | None, body: bytes) -> None:
        target = "default" if graph is None else "graph=" + quote(graph, safe="")
        path = (self.url.path or "/") + ("?" + self.url.query + "&" if self.url.query else "?") + target
        reply = None
        for attempt in (1, 2):  # a kept-alive connection the server closed gets one retry
            if self.conn is None:
                self.conn = self._connect()
                try:
                    self.conn.connect()  # bounded by the socket's time-out; the timer below needs the socket
                except OSError as exc:
                    self.close()
                    raise GraphError(self.scrub(f"cannot reach {self.endpoint}: {exc.strerror or exc}")) from None
            # The socket's time-out bounds each read, not the reply: a store that sends a byte a second, or
            # "100 Continue" without end, held push for good. The whole request gets `timeout` seconds.
            expired = threading.Event()
            timer = threading.Timer(self.timeout, self._expire, (self.conn, expired))
            timer.daemon = True
            timer.start()
            try:
                reply = self._send(path, body, attempt)
            except Exception:
                if not expired.is_set():
                    raise
            finally:
                timer.cancel()
            if expired.is_set():  # a reply cut short by the shut socket can look whole: it is not taken
                self.close()
                raise GraphError(self.scrub(f"{self.endpoint} did not answer within {self.timeout:g} s "
                                            "(--timeout)"))
            if reply is not None:
                break
        resp, text = reply
        if resp.status not in (200, 201, 204):
            first = text.strip().splitlines()[0][:200] if text.strip() else resp.reason
            where = "the default graph" if graph is None else f"graph <{graph}>"
            hint = ""
            if 300 <= resp.status < 400:
                hint = f" (redirected to {redact(resp.getheader('Location') or '?')}; kgraph follows no redirects)"
            raise GraphError(self.scrub(f"{self.endpoint} refused {where}: HTTP {resp.status} {first}{hint}"))

    def _send(self, path: str, body: bytes, attempt: int) -> tuple | None:
        """Send one PUT and return its (response, text); None when a closed connection should be retried."""
        try:
            self.conn.request("PUT", path, body=body, headers=self.headers)
            resp = self.conn.getresponse()
            text = resp.read(_MAX_REPLY).decode("utf-8", "replace")  # a store's reply is short; never all
            if not resp.isclosed():  # more than that: drop the connection rather than read it
                self.close()
            return resp, text
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
            self.close()
            if attempt == 2:
                raise GraphError(self.scrub(f"cannot push to {self.endpoint}: {exc}")) from None
            return None
        except OSError as exc:
            self.close()
            raise GraphError(self.scrub(f"cannot reach {self.endpoint}: {exc.strerror or exc}")) from None
        except (http.client.HTTPException, ValueError, UnicodeError) as exc:
            self.close()
            raise GraphError(self.scrub(f"cannot push to {self.endpoint}: {type(exc).__name__}: "
                                        f"{str(exc)[:200]}")) from None

    @staticmethod
    def _expire(conn, expired: threading.Event) -> None:
        """End a request that ran past its time: its socket is shut, so the read waiting on it returns."""
        expired.set()
        sock = getattr(conn, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def push(graph_path, endpoint: str, timeout: float = 60.0) -> PushResult:
    """Send a graph file to a Graph Store Protocol endpoint, one named graph per article.

    Args:
        graph_path: Turtle, TriG, N-Triples, N-Quads or JSON-LD file.
        endpoint: The store's Graph Store endpoint, e.g. ``http://127.0.0.1:7878/store``.
        timeout: Seconds to wait for each request.

    Raises:
        GraphError: The file cannot be read, or the store cannot be reached or refuses a graph.
        InputError: The endpoint is not an http(s) URL.
    """
    import tempfile
    from pathlib import Path

    from kgraph.core.limits import memory_ceiling, run_limited

    client = _Client(endpoint, timeout)  # a malformed URL is reported before the graph is read
    ceiling = memory_ceiling(graph_path)
    sent = {}
    _sweep_stale_folders()
    with tempfile.TemporaryDirectory(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-") as folder:
        # Read in a child process under the ceiling of a query worker: pyoxigraph's quads each hold their own
        # copy of every term, so a 2 MB Turtle file of one 1 MB subject with 100,000 objects asked for 100 GB,
        # and past an address-space ceiling its allocator aborts the whole process (SIGABRT), no MemoryError.
        bodies = run_limited(write_bodies, (str(graph_path), folder), what=f"reading {graph_path}", timeout=None,
                             ceiling=ceiling)
        try:
            for g, count, name in bodies:
                body_file = Path(folder) / name
                body = body_file.read_bytes()
                body_file.unlink()  # the disk is given back as the push goes, not only at its end
                client.put(g, body)
                sent[g] = count
        finally:
            client.close()
    return PushResult(client.endpoint, sent)


#: The start of the name of push's folder of bodies in the temporary folder; the process id follows.
_FOLDER_PREFIX = "kgraph-push-"


def _sweep_stale_folders() -> None:
    """Remove the folders of bodies left by pushes whose process was killed (SIGKILL runs no clean-up): each holds
    a copy of a graph. Only this user's folders named with the id of a process that is gone are touched."""
    import shutil
    import tempfile

    root = tempfile.gettempdir()
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(_FOLDER_PREFIX):
            continue
        pid = entry.name[len(_FOLDER_PREFIX):].partition("-")[0]
        try:
            if not pid.isdigit() or not entry.is_dir(follow_symlinks=False) or entry.stat(
                    follow_symlinks=False).st_uid != os.getuid():
                continue
            os.kill(int(pid), 0)
            continue  # its process still runs (or the id was taken again: the folder is left, never a live one's)
        except ProcessLookupError:
            shutil.rmtree(entry.path, ignore_errors=True)
        except (OSError, ValueError, OverflowError):
            continue


def write_bodies(graph_path: str, folder: str) -> list[tuple[str | None, int, str]]:
    """Write each graph of a graph file as a Turtle body into ``folder``; return (graph, triples, file name) each,
    in the order they are sent (the default graph first). Run in a child process (:func:`push`): its standard
    error is closed, since an allocation failing at the ceiling prints a Rust backtrace there before it aborts."""
    import pyoxigraph as ox

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
    except OSError:
        pass

    graphs = partition(read_quads(graph_path))
    out = []
    for i, g in enumerate(sorted(graphs, key=lambda k: "" if k is None else "\x01" + k)):
        name = f"{i}.ttl"
        ox.serialize(graphs[g], output=os.path.join(folder, name), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        out.append((g, len(graphs[g]), name))
    return out
