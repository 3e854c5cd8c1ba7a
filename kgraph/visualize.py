"""The interactive network page: a graph becomes one self-contained HTML file.

The page is drawn by vis-network, the library pyvis ships (``pyvis/lib/vis-9.1.2``),
inlined together with the page's own script and style (``kgraph/page/``), so it
works from disk with no network. The graph travels as one JSON document inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and the
page's script shows every name and sentence through ``textContent``: article
text is data, never markup.

Reading the graph (layout of :mod:`kgraph.rdf`): entities are the subjects typed
``kg:Person``/``Organization``/``Country``/``Place``; edges are the direct
triples of the core predicates between them; each edge collects its
``kg:Evidence`` nodes (sentence, confidence, role words, method, article).

Layout is computed here, deterministically (a seeded Fruchterman-Reingold in
numpy), so the same graph gives the same bytes and a large graph needs no
physics in the browser; small graphs are polished by vis-network's physics,
which then stops.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from .model import ENTITY_TYPES, PREDICATES
from .vocab import GEO, GN, KG, SCHEMA

#: Colour of each entity type on the page and in its legend (Tableau 10, colour-blind aware).
COLORS = {"Person": "#e15759", "Organization": "#4e79a7", "Country": "#59a14f", "Place": "#f28e2b"}
#: vis-network shape of each entity type, so types differ without colour too.
SHAPES = {"Person": "dot", "Organization": "square", "Country": "diamond", "Place": "triangle"}
#: Graphs with more nodes than this get no physics in the browser: the precomputed layout is final.
PHYSICS_MAX_NODES = 400
#: Pull of the layout's centre: keeps separate components and lone nodes near the rest.
GRAVITY = 3.0
#: How many left-out names the page lists when ``max_nodes`` drops some.
OMITTED_NAMES_SHOWN = 25

# Type precedence when an entity carries several classes: the most specific first (a Country is a Place).
_TYPE_ORDER = ("Person", "Organization", "Country", "Place")


@cache
def _asset(name: str) -> str:
    if name == "vis-network.min.js":
        lib = resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js")
    else:
        lib = resources.files("kgraph").joinpath("page", name)
    return lib.read_text(encoding="utf-8")


@dataclass(frozen=True)
class PageData:
    """What the page shows: the JSON document embedded in it, plus what was left out."""

    data: dict
    total_nodes: int
    total_edges: int

    @property
    def nodes(self) -> list[dict]:
        """Return the nodes drawn."""
        return self.data["nodes"]

    @property
    def edges(self) -> list[dict]:
        """Return the edges drawn."""
        return self.data["edges"]


def _num(lit) -> float | None:
    try:
        return float(lit.toPython()) if isinstance(lit, Literal) else None
    except (TypeError, ValueError):
        return None


def _int(lit) -> int | None:
    x = _num(lit)
    return int(x) if x is not None else None


def _str(lit) -> str | None:
    return str(lit) if lit is not None else None


def _entity_type(types: set) -> str | None:
    for t in _TYPE_ORDER:
        if KG[t] in types:
            return t
    return None


def graph_data(g: Graph, max_nodes: int | None = None) -> PageData:
    """Return the network of a graph as the page's JSON document.

    Args:
        g: A graph in the layout of :mod:`kgraph.rdf` (a Graph or a union Dataset).
        max_nodes: Keep only this many nodes, the most central ones (highest
            degree, then most mentions); the document records what was left out.
    """
    import networkx as nx

    # ---- entities
    entity_types: dict[URIRef, set] = defaultdict(set)
    for t in ENTITY_TYPES:
        for s in g.subjects(RDF.type, KG[t]):
            if isinstance(s, URIRef):
                entity_types[s].add(KG[t])
    types = {s: _entity_type(ts) for s, ts in entity_types.items()}
    iris = sorted(types)

    # ---- direct triples between entities
    triples = set()
    for p in PREDICATES:
        for s, o in g.subject_objects(KG[p]):
            if s in types and o in types:
                triples.add((s, p, o))

    # ---- importance: degree centrality over the undirected simple graph, then mentions
    nxg = nx.Graph()
    nxg.add_nodes_from(iris)
    nxg.add_edges_from((s, o) for s, _p, o in triples if s != o)
    centrality = nx.degree_centrality(nxg) if len(iris) > 1 else {s: 0.0 for s in iris}
    mentions = {s: int(_num(g.value(s, KG.mentionCount)) or 0) for s in iris}
    labels = {s: str(g.value(s, RDFS.label) or _local_name(s)) for s in iris}
    rank = sorted(iris, key=lambda s: (-nxg.degree(s), -mentions[s], labels[s].casefold(), str(s)))

    omitted = None
    kept = set(iris)
    if max_nodes is not None and max_nodes < len(iris):
        kept = set(rank[:max_nodes])
        left = rank[max_nodes:]
        dropped_edges = sum(1 for s, _p, o in triples if s not in kept or o not in kept)
        by_type = Counter(types[s] for s in left)
        omitted = {"nodes": len(left), "edges": dropped_edges,
                   "byType": {t: by_type[t] for t in _TYPE_ORDER if by_type[t]},
                   "names": [labels[s] for s in left[:OMITTED_NAMES_SHOWN]], "maxNodes": max_nodes}
    total_nodes, total_edges = len(iris), len(triples)
    triples = sorted((t for t in triples if t[0] in kept and t[2] in kept), key=lambda t: (str(t[0]), t[1], str(t[2])))
    iris = [s for s in iris if s in kept]

    # ---- articles and evidence
    article_iris = sorted({a for a in g.subjects(RDF.type, KG.Article)}, key=str)
    art_index: dict = {}
    articles = []
    for a in article_iris:
        art_index[a] = len(articles)
        articles.append({"id": _str(g.value(a, DCTERMS.identifier)) or _local_name(a),
                         "title": _str(g.value(a, DCTERMS.title)), "url": _str(g.value(a, SCHEMA.url)),
                         "date": _str(g.value(a, DCTERMS.date))})
    wanted = {(s, KG[p], o): (s, p, o) for s, p, o in triples}
    evidence: dict[tuple, list] = defaultdict(list)
    for ev in g.subjects(RDF.type, KG.Evidence):
        key = wanted.get((g.value(ev, RDF.subject), g.value(ev, RDF.predicate), g.value(ev, RDF.object)))
        if key is None:
            continue
        src = g.value(ev, PROV.wasDerivedFrom)
        item = {"sentence": _str(g.value(ev, KG.sentence)), "role": _str(g.value(ev, KG.role)),
                "method": _str(g.value(ev, KG.method)), "confidence": _num(g.value(ev, KG.confidence)),
                "start": _int(g.value(ev, KG.start)), "article": art_index.get(src)}
        if item["article"] is None and src is not None:
            item["source"] = str(src)
        evidence[key].append(item)

    # ---- layout over the kept nodes
    index = {s: i for i, s in enumerate(iris)}
    pairs = sorted({(min(index[s], index[o]), max(index[s], index[o])) for s, _p, o in triples if s != o})
    pos = layout(len(iris), pairs)

    degree = {s: nxg.degree(s) for s in iris}
    nodes = []
    for s, (x, y) in zip(iris, pos):
        same = sorted(str(o) for o in g.objects(s, OWL.sameAs))
        alt = sorted({str(a) for a in g.objects(s, SKOS.altLabel)} - {labels[s]}, key=lambda a: (a.casefold(), a))
        lat, lon = _num(g.value(s, GEO.lat)), _num(g.value(s, GEO.long))
        nodes.append({
            "id": str(s), "label": labels[s], "alt": alt, "type": types[s], "x": x, "y": y,
            "degree": degree[s], "centrality": round(centrality.get(s, 0.0), 6), "mentions": mentions[s],
            "articles": sorted(art_index[a] for a in g.objects(s, KG.mentionedIn) if a in art_index),
            "geonames": next((u for u in same if u.startswith(str(GN))), None),
            "sameAs": same, "iso": _str(g.value(s, KG.isoCode)),
            "coords": [lat, lon] if lat is not None and lon is not None else None,
        })
    edges = []
    for i, (s, p, o) in enumerate(triples):
        evs = sorted(evidence.get((s, p, o), []),
                     key=lambda e: (e["article"] if e["article"] is not None else -1, e["start"] or 0,
                                    e["sentence"] or "", e["role"] or "", e["method"] or ""))
        arts = sorted({e["article"] for e in evs if e["article"] is not None})
        confs = [e["confidence"] for e in evs if e["confidence"] is not None]
        edges.append({"id": i, "from": str(s), "to": str(o), "predicate": p, "articles": arts,
                      "confidence": max(confs) if confs else None, "evidence": evs})
    type_counts = Counter(n["type"] for n in nodes)
    pred_counts = Counter(e["predicate"] for e in edges)
    data = {
        "types": [{"name": t, "color": COLORS[t], "shape": SHAPES[t], "count": type_counts[t]}
                  for t in _TYPE_ORDER],
        "predicates": [{"name": p, "label": _predicate_label(p), "count": pred_counts[p]}
                       for p in PREDICATES if pred_counts[p]],
        "articles": articles, "nodes": nodes, "edges": edges, "omitted": omitted,
        "physics": len(nodes) <= PHYSICS_MAX_NODES,
        "totals": {"nodes": total_nodes, "edges": total_edges, "articles": len(articles)},
    }
    return PageData(data, total_nodes, total_edges)


def _local_name(u) -> str:
    return re.split(r"[/#]", str(u).rstrip("/"))[-1]


@cache
def _predicate_label(p: str) -> str:
    from .vocab import ontology_graph

    return str(ontology_graph().value(KG[p], RDFS.label) or p)


def layout(n: int, pairs: list[tuple[int, int]], seed: int = 7) -> list[tuple[int, int]]:
    """Return deterministic pixel positions for ``n`` nodes joined by ``pairs`` (force-directed).

    A Fruchterman-Reingold layout in numpy, started from seeded random positions,
    with a weak pull to the centre so that separate components stay near. Repulsion
    is exact up to 1,500 nodes and estimated from a seeded sample of 1,500 nodes
    beyond, so time grows linearly with the graph.
    """
    import numpy as np

    if n == 0:
        return []
    if n == 1:
        return [(0, 0)]
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) - 0.5
    k = 1.0 / math.sqrt(n)
    sample = min(n, 1500)
    iterations = 80 if n <= 2000 else 50
    ii = np.array([a for a, _b in pairs], dtype=np.intp)
    jj = np.array([b for _a, b in pairs], dtype=np.intp)
    temp = 0.1
    block = 512
    for step in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        fx, fy = np.zeros(n), np.zeros(n)
        if sample < n:
            anchors = np.sort(rng.choice(n, size=sample, replace=False))
            weight = n / sample
        else:
            anchors, weight = np.arange(n), 1.0
        ax, ay = x[anchors], y[anchors]
        for lo in range(0, n, block):
            hi = min(n, lo + block)
            dx = x[lo:hi, None] - ax[None, :]
            dy = y[lo:hi, None] - ay[None, :]
            d2 = dx * dx + dy * dy
            np.maximum(d2, 1e-9, out=d2)
            inv = (k * k * weight) / d2
            fx[lo:hi] = (dx * inv).sum(axis=1)
            fy[lo:hi] = (dy * inv).sum(axis=1)
        if len(ii):
            ex, ey = x[jj] - x[ii], y[jj] - y[ii]
            dist = np.sqrt(ex * ex + ey * ey)
            ax_, ay_ = ex * dist / k, ey * dist / k
            fx += np.bincount(ii, weights=ax_, minlength=n) - np.bincount(jj, weights=ax_, minlength=n)
            fy += np.bincount(ii, weights=ay_, minlength=n) - np.bincount(jj, weights=ay_, minlength=n)
        fx -= GRAVITY * x
        fy -= GRAVITY * y
        disp = np.sqrt(fx * fx + fy * fy)
        np.maximum(disp, 1e-12, out=disp)
        step_len = np.minimum(disp, temp) / disp
        pos[:, 0] += fx * step_len
        pos[:, 1] += fy * step_len
        temp = 0.1 * (1 - (step + 1) / iterations) + 0.002
    pos -= pos.mean(axis=0)
    scale = 150.0 / k  # the ideal edge length k becomes 150 px
    return [(int(round(a * scale)), int(round(b * scale))) for a, b in pos]


def _json_for_script(data) -> str:
    """Return JSON safe to place inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    # "<", ">" and "&" occur only inside JSON strings, where \\uXXXX means the same character:
    # no "</script>", "<!--" or "<script" can reach the HTML parser.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(g: Graph, title: str = "kgraph", max_nodes: int | None = None) -> str:
    """Return the page for a graph as one self-contained HTML string.

    Args:
        g: The graph (see :func:`graph_data`).
        title: The page's title, shown in its header.
        max_nodes: Draw only the most central nodes (see :func:`graph_data`).
    """
    return render_data(graph_data(g, max_nodes=max_nodes), title)


def render_data(page: PageData, title: str = "kgraph") -> str:
    """Return the page for prepared :class:`PageData`."""
    data = dict(page.data, title=title)
    vis_js = _asset("vis-network.min.js").replace("</script", "<\\/script")
    app_js = _asset("page.js")
    # Only the page's own two scripts may run: an injected inline script or event handler is refused
    # by the browser even if some text ever escaped into markup; nothing may be fetched.
    hashes = " ".join(f"'sha256-{_sha256(js)}'" for js in (vis_js, app_js))
    csp = (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
           "font-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'")
    parts = {
        "@CSP@": csp,
        "@TITLE@": html.escape(title),
        "@STYLE@": _asset("page.css"),
        "@VIS@": vis_js,
        "@DATA@": _json_for_script(data),
        "@APP@": app_js,
    }
    return re.sub("|".join(re.escape(k) for k in parts), lambda m: parts[m.group()], _asset("page.html"))


def _sha256(text: str) -> str:
    import base64
    import hashlib

    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def write_page(g: Graph, path: str | os.PathLike, title: str = "kgraph",
               max_nodes: int | None = None) -> tuple[Path, PageData]:
    """Render a graph's page and write it atomically as UTF-8; return the path and what was drawn."""
    from . import atomic

    page = graph_data(g, max_nodes=max_nodes)
    return atomic.write_text(path, render_data(page, title)), page
