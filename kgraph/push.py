"""Push a graph to an external SPARQL store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each article becomes one named graph (its article IRI) and the rest (entities,
gazetteer facts) goes to the default graph, each sent as Turtle with
``PUT ?graph=<IRI>`` / ``PUT ?default``: a push replaces those graphs, so
pushing again after a rebuild does not duplicate facts. Works with Oxigraph
server (``http://host:7878/store``), Fuseki (``/DATASET/data``), GraphDB
(``/repositories/REPO/rdf-graphs/service``) and Virtuoso
(``/sparql-graph-crud``).

A TriG or N-Quads file keeps its own named graphs. A Turtle file from
``kgraph build`` is split the way :mod:`kgraph.rdf` lays it out: an
article's graph holds the article, the evidence derived from it, the direct
triples that evidence states and its ``kg:mentionedIn`` links.
"""

from __future__ import annotations

import base64
import http.client
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from .errors import GraphError, InputError
from .vocab import KG_IRI, PREFIXES

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
_RDF_PREDICATE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate"
_RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_ARTICLE = KG_IRI + "Article"
_MENTIONED_IN = KG_IRI + "mentionedIn"


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

    from .store import _first_line, _ox_format

    p = Path(graph_path)
    if not p.is_file():
        raise GraphError(f"graph file not found: {p}")
    from .safe_rdf import check_file

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


class _Client:
    """One keep-alive HTTP connection to the Graph Store endpoint."""

    def __init__(self, endpoint: str, timeout: float):
        url = urlsplit(endpoint)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise InputError(f"--endpoint must be an http:// or https:// URL, not {endpoint!r}")
        self.endpoint, self.url, self.timeout = endpoint, url, timeout
        self.headers = {"Content-Type": "text/turtle; charset=utf-8"}
        if url.username is not None:
            cred = f"{unquote(url.username)}:{unquote(url.password or '')}".encode("utf-8")
            self.headers["Authorization"] = "Basic " + base64.b64encode(cred).decode("ascii")
        self.conn = None

    def _connect(self):
        cls = http.client.HTTPSConnection if self.url.scheme == "https" else http.client.HTTPConnection
        return cls(self.url.hostname, self.url.port, timeout=self.timeout)

    def put(self, graph: str | None, body: bytes) -> None:
        target = "default" if graph is None else "graph=" + quote(graph, safe="")
        path = (self.url.path or "/") + ("?" + self.url.query + "&" if self.url.query else "?") + target
        for attempt in (1, 2):  # a kept-alive connection the server closed gets one retry
            if self.conn is None:
                self.conn = self._connect()
            try:
                self.conn.request("PUT", path, body=body, headers=self.headers)
                resp = self.conn.getresponse()
                text = resp.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
                self.close()
                if attempt == 2:
                    raise GraphError(f"cannot push to {self.endpoint}: {exc}") from None
            except OSError as exc:
                self.close()
                raise GraphError(f"cannot reach {self.endpoint}: {exc.strerror or exc}") from None
        if resp.status not in (200, 201, 204):
            first = text.strip().splitlines()[0][:200] if text.strip() else resp.reason
            where = "the default graph" if graph is None else f"graph <{graph}>"
            raise GraphError(f"{self.endpoint} refused {where}: HTTP {resp.status} {first}")

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
    import pyoxigraph as ox

    client = _Client(endpoint, timeout)
    graphs = partition(read_quads(graph_path))
    sent = {}
    try:
        for g in sorted(graphs, key=lambda k: "" if k is None else "\x01" + k):
            body = ox.serialize(graphs[g], format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
            client.put(g, body)
            sent[g] = len(graphs[g])
    finally:
        client.close()
    return PushResult(endpoint, sent)
