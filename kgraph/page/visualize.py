"""The interactive network page: a graph becomes one self-contained HTML file.

The page is drawn by vis-network, the library pyvis ships (``pyvis/lib/vis-9.1.2``),
inlined together with the page's own script and style (``kgraph/page/``), so it
works from disk with no network. (pyvis's own ``Network`` template is not used:
it links vis-network, Bootstrap and tom-select from CDNs and puts raw text into
HTML tooltips.) A Content-Security-Policy admits exactly those two scripts, by
hash, and no fetch. The graph travels as one JSON document inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped, and the
page's script shows every name and sentence through ``textContent``: article
text is data, never markup.

Reading the graph (layout of :mod:`kgraph.graph.rdf`): entities are the subjects typed
``kg:Person``/``Organization``/``Country``/``Place``; edges are the direct
triples of the core predicates between them; each edge collects its
``kg:Evidence`` nodes (sentence, confidence, role words, method, article).

Analysis is done here, deterministically, so the same graph gives the same
bytes: PageRank over the relations stated in articles ranks the nodes whose
labels the page draws first; Louvain communities (fixed seed) colour the
nodes and can be collapsed; the layout keeps each community together (the
communities are laid out as one small graph, each community's members
around its centre, discs packed without overlap), so a large graph needs no
physics in the browser and time grows about linearly with its size.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kgraph.sources.ingest import iso_date, publisher_of
from kgraph.core.iri import BUILD, CORRECTIONS, ENTITY_BASE
from kgraph.core.model import ENTITY_TYPES, PREDICATES
from kgraph.core.vocab import GEO, GN, KG, KG_IRI as KG_NS, SCHEMA, Terms

# Each term made once (see Terms): a page reads them for every quad of the graph.
DCTERMS, OWL, PROV, RDF, RDFS, SKOS, GEO, GN, KG, SCHEMA = (
    Terms(ns) for ns in (DCTERMS, OWL, PROV, RDF, RDFS, SKOS, GEO, GN, KG, SCHEMA))
from kgraph.core.terms import EntityType

#: Colour of each entity type on the page and in its legend (Tableau 10, colour-blind aware).
COLORS = {EntityType.Person: "#e15759", EntityType.Organization: "#4e79a7", EntityType.Country: "#59a14f", EntityType.Place: "#f28e2b"}
#: vis-network shape of each entity type, so types differ without colour too.
SHAPES = {EntityType.Person: "dot", EntityType.Organization: "square", EntityType.Country: "diamond", EntityType.Place: "triangle"}
#: Graphs with more nodes than this get no physics in the browser: the precomputed layout is final.
PHYSICS_MAX_NODES = 200
#: Pull of the layout's centre: keeps separate components and lone nodes near the rest.
GRAVITY = 3.0
#: Up to this many nodes the layout's repulsion is exact; beyond, it is estimated from a sample this big.
LAYOUT_SAMPLE = 1000
#: How many left-out names the page lists when ``max_nodes`` drops some.
OMITTED_NAMES_SHOWN = 25
#: Seed of the community detection (Louvain) and of every layout.
SEED = 7
#: How many members name a community (in its collapsed node and its legend entry): the most mentioned.
COMMUNITY_NAMES = 3
#: The first colours of communities (Tableau 20 without the greys and a second brown: its first ten are made to stay apart for
#: colour-blind readers); :func:`community_palette` continues it, so that every community has one of its own.
COMMUNITY_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                    "#9c755f", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d", "#f1ce63", "#86bcb6", "#d37295",
                    "#fabfd2", "#d4a6c8", "#d7b5a6")
#: Colour of the entities in no community (no relation at all; page.js gives it): no community has it.
NO_COMMUNITY_COLOR = "#b0b0b0"
#: Least OKLab distance between the colours of two communities side by side (Tableau 10's closest two: 0.10).
NEIGHBOUR_COLOUR_DISTANCE = 0.1

# Type precedence when an entity carries several classes: the most specific first (a Country is a Place).
_TYPE_ORDER = (EntityType.Person, EntityType.Organization, EntityType.Country, EntityType.Place)
#: The entity model's votes for each core type, in _TYPE_ORDER (the page's ``votes``: percent of their sum).
_VOTES = (KG.personVotes, KG.organizationVotes, KG.countryVotes, KG.placeVotes)


@cache
def _asset(name: str) -> str:
    if name == "vis-network.min.js":
        lib = _pyvis_dir().joinpath("lib/vis-9.1.2/vis-network.min.js")
    else:
        lib = resources.files("kgraph").joinpath("page", name)
    return lib.read_text(encoding="utf-8")


def _pyvis_dir():
    """Return pyvis's package folder, found without importing pyvis (its import, jinja2's, cost 0.1 s a build)."""
    import importlib.util

    spec = importlib.util.find_spec("pyvis")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    for loc in locations:
        if Path(loc, "lib").is_dir():
            return Path(loc)
    return resources.files("pyvis")  # an unusual install (a zip): its own reader


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

    def summary(self) -> str:
        """Return what the page draws, e.g. ``entities: 500 drawn of 2000 (1500 left out)``."""
        lines = []
        for name, shown, total in (("entities", len(self.nodes), self.total_nodes),
                                   ("relations", len(self.edges), self.total_edges)):
            left = f" ({total - shown} left out by --max-nodes)" if shown < total else ""
            lines.append(f"{name}: {shown} drawn of {total}{left}")
        return "\n".join(lines)


def _num(lit) -> float | None:
    try:
        x = float(lit.toPython()) if isinstance(lit, Literal) else None
    except (TypeError, ValueError, OverflowError):
        return None
    # "NaN" and "INF" are valid xsd:double in a graph file, but no number JSON (or int()) can hold.
    return x if x is None or math.isfinite(x) else None


def _int(lit) -> int | None:
    x = _num(lit)
    return int(x) if x is not None else None


#: Bidirectional embeddings, overrides and isolates in a graph file's text (a graph kgraph builds has none): on the
#: page they would reorder what they stand in and what follows ("\u202egnp.exe" reads "exe.png"), so they are shown
#: as U+FFFD, one character for one, which keeps the offsets of the names marked in a sentence.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _shown(text: str) -> str:
    """Return text as the page shows it: bidirectional controls replaced by U+FFFD."""
    return _BIDI.sub("\ufffd", text)


def _utf16_index(text: str, i: int) -> int:
    """Return where code point ``i`` of text stands in the page's strings, which count UTF-16 units.

    A character beyond the Basic Multilingual Plane (an emoji, a flag, a mathematical bold letter) is two units
    there: five bold letters before "Mara Quell" in a sentence had "says Mara " marked in its place.
    """
    return i if text.isascii() else i + sum(1 for ch in text[:i] if ch > "\uffff")


def _str(lit) -> str | None:
    return _shown(str(lit)) if lit is not None else None


def _entity_type(types: set) -> str | None:
    for t in _TYPE_ORDER:
        if KG[t] in types:
            return t
    return None


def graph_data(g: Graph | Iterable[tuple], max_nodes: int | None = None,
               since: Graph | Iterable[tuple] | None = None, since_name: str = "") -> PageData:
    """Return the network of a graph as the page's JSON document.

    Args:
        g: A graph in the layout of :mod:`kgraph.graph.rdf`: a Graph, a union Dataset, or
            any iterable of triples or quads (such as :func:`kgraph.graph.rdf.quads`).
        max_nodes: Keep only this many nodes, the most central ones (highest
            degree, then most mentions); the document records what was left out.
        since: An older graph of the corpus: the document marks the entities and
            relations it did not hold and lists those it held that are gone.
        since_name: What the page calls the older graph (its file name).
    """
    import networkx as nx

    # One pass over the triples, indexed by subject: rdflib lookups one by one are slow on big graphs.
    props: dict = defaultdict(lambda: defaultdict(set))
    for t in (g.triples((None, None, None)) if isinstance(g, Graph) else g):
        props[t[0]][t[1]].add(t[2])

    def many(s, p) -> set:
        d = props.get(s)
        return d.get(p, set()) if d is not None else set()

    def one(s, p):
        vals = many(s, p)
        if len(vals) <= 1:
            return next(iter(vals), None)
        return min(vals, key=lambda v: (str(v), repr(v)))

    # ---- entities
    wanted_types = {KG[t] for t in ENTITY_TYPES}
    types = {s: _entity_type(d[RDF.type]) for s, d in props.items()
             if isinstance(s, URIRef) and d.get(RDF.type, set()) & wanted_types}
    iris = sorted(types)

    # ---- direct triples between entities
    preds = {KG[p]: p for p in PREDICATES}
    triples = set()
    for s in iris:
        for pred, p in preds.items():
            for o in many(s, pred):
                if o in types:
                    triples.add((s, p, o))

    # ---- importance: degree centrality over the undirected simple graph, then mentions
    nxg = nx.Graph()
    nxg.add_nodes_from(iris)
    nxg.add_edges_from((s, o) for s, _p, o in triples if s != o)
    centrality = nx.degree_centrality(nxg) if len(iris) > 1 else {s: 0.0 for s in iris}
    mentions = {s: int(_num(one(s, KG.mentionCount)) or 0) for s in iris}
    labels = {s: _shown(str(one(s, RDFS.label) or _local_name(s))) for s in iris}
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
                   "names": [labels[s] for s in left[:OMITTED_NAMES_SHOWN]], "maxNodes": max_nodes,
                   # every left-out name, so that a search can say the entity exists but is not drawn
                   "all": sorted({labels[s] for s in left} | {_shown(str(a)) for s in left for a in many(s, SKOS.altLabel)})}
    total_nodes, total_edges = len(iris), len(triples)
    changed = _changes(props, types, triples, labels, since) if since is not None else None
    triples = sorted((t for t in triples if t[0] in kept and t[2] in kept), key=lambda t: (str(t[0]), t[1], str(t[2])))
    iris = [s for s in iris if s in kept]

    # ---- articles and evidence
    article_iris = sorted((s for s, d in props.items() if KG.Article in d.get(RDF.type, ())), key=str)
    art_index: dict = {}
    articles = []
    for a in article_iris:
        art_index[a] = len(articles)
        url, date = _str(one(a, SCHEMA.url)), _str(one(a, DCTERMS.date))
        articles.append({"id": _str(one(a, DCTERMS.identifier)) or _shown(_local_name(a)),
                         "title": _str(one(a, DCTERMS.title)), "url": url, "date": date, "day": iso_date(date),
                         "publisher": publisher_of(url, _str(one(a, DCTERMS.publisher)))})
    wanted = {(s, KG[p], o): (s, p, o) for s, p, o in triples}
    evidence: dict[tuple, list] = defaultdict(list)
    for ev, d in props.items():
        if KG.Evidence not in d.get(RDF.type, ()):
            continue
        key = wanted.get((one(ev, RDF.subject), one(ev, RDF.predicate), one(ev, RDF.object)))
        if key is None:
            continue
        src = one(ev, PROV.wasDerivedFrom)
        start = _int(one(ev, KG.start))
        item = {"sentence": _str(one(ev, KG.sentence)), "role": _str(one(ev, KG.role)),
                "method": _str(one(ev, KG.method)), "confidence": _num(one(ev, KG.confidence)),
                "start": start, "article": art_index.get(src)}
        # where the two names sit in the sentence, so that the page marks exactly them
        spans = [_int(one(ev, p)) for p in (KG.subjectStart, KG.subjectEnd, KG.objectStart, KG.objectEnd)]
        n = len(item["sentence"] or "")
        if start is not None and None not in spans and all(0 <= x - start <= n for x in spans):
            at = [_utf16_index(item["sentence"] or "", x - start) for x in spans]
            item["marks"] = [[at[0], at[1]], [at[2], at[3]]]
        if item["article"] is None and src is not None:
            item["source"] = str(src)
        if src == CORRECTIONS:  # an analyst's assert: which item, with its note ("#4 assert A livesIn B: ...")
            item["note"] = _str(one(ev, RDFS.comment))
        evidence[key].append(item)

    # ---- analysis and layout over the kept nodes: the graph of relations stated in articles
    index = {s: i for i, s in enumerate(iris)}
    stated = Counter()
    gazetteer_pairs = set()
    for s, p, o in triples:
        if s == o:
            continue
        pair = (min(index[s], index[o]), max(index[s], index[o]))
        arts = {e["article"] for e in evidence.get((s, p, o), ()) if e["article"] is not None}
        if arts:
            stated[pair] += len(arts)  # a relation stated by more articles weighs more
        else:
            gazetteer_pairs.add(pair)
    analysis = analyse(len(iris), stated, gazetteer_pairs, [mentions[s] for s in iris])
    pos = analysis["positions"]
    communities = []
    colours = community_colours(analysis["communities"], pos)
    for c, members in enumerate(analysis["communities"]):
        # the names an analyst knows the group by: its most mentioned members (the most central first on a tie)
        top = sorted(members, key=lambda i: (-mentions[iris[i]], analysis["rank"][i]))[:COMMUNITY_NAMES]
        communities.append({"id": c, "size": len(members), "names": [labels[iris[i]] for i in top],
                            "color": colours[c]})

    degree = {s: nxg.degree(s) for s in iris}
    # "not the same thing" (a correction's `different` item) is one statement either way round
    apart: dict = defaultdict(set)
    for s, d in props.items():
        for o in d.get(OWL.differentFrom, ()):
            apart[s].add(str(o))
            apart[o].add(str(s))
    nodes = []
    for s, (x, y) in zip(iris, pos):
        same = sorted(str(o) for o in many(s, OWL.sameAs))
        alt = sorted({_shown(str(a)) for a in many(s, SKOS.altLabel) | many(s, RDFS.label)} - {labels[s]},
                     key=lambda a: (a.casefold(), a))
        lat, lon = _num(one(s, GEO.lat)), _num(one(s, GEO.long))
        nodes.append({
            "id": str(s), "label": labels[s], "alt": alt, "type": types[s], "x": x, "y": y,
            "degree": degree[s], "centrality": round(centrality.get(s, 0.0), 6), "mentions": mentions[s],
            "rank": analysis["rank"][index[s]], "community": analysis["community"][index[s]],
            "articles": sorted(art_index[a] for a in many(s, KG.mentionedIn) if a in art_index),
            "geonames": next((u for u in same if u.startswith(str(GN))), None),
            "sameAs": same, "iso": _str(one(s, KG.isoCode)),
            # the analyst's items that changed it (merge, split, rename, retype, a relation rejected or asserted)
            "corrections": sorted((_shown(str(c)) for c in many(s, RDFS.comment) if str(c).startswith("correction #")),
                                  key=_item_order) if CORRECTIONS in many(s, PROV.wasInfluencedBy) else [],
            "coords": [lat, lon] if lat is not None and lon is not None else None,
        })
        # the entity model's evidence (absent for an entity only rules found), for an analyst judging a node with no
        # relation (a name or junk, which type): [name confidence or null, then each type's percent of its votes in
        # _TYPE_ORDER], one short list (about 25 bytes an entity: 110 kB of the 602 development articles' 4.2 MB)
        name_conf = _num(one(s, KG.nameConfidence))
        name_conf = round(name_conf, 2) if name_conf is not None and 0 <= name_conf <= 1 else None
        votes = [max(0.0, _num(one(s, v)) or 0.0) for v in _VOTES]
        if name_conf is not None or sum(votes) > 0:
            nodes[-1]["model"] = [name_conf] + ([round(100 * v / sum(votes)) for v in votes] if sum(votes) > 0 else [])
        if apart.get(s):
            nodes[-1]["differentFrom"] = sorted(apart[s])  # only where a correction said so: no bytes elsewhere
        if changed and s in changed[0]:
            nodes[-1]["new"] = True  # only on a page drawn --since an older graph, as the fields below
    edges = []
    for i, (s, p, o) in enumerate(triples):
        evs = sorted(evidence.get((s, p, o), []),
                     key=lambda e: (e["article"] if e["article"] is not None else -1, e["start"] or 0,
                                    e["sentence"] or "", e["role"] or "", e["method"] or "", e.get("marks") or [],
                                    e["confidence"] or 0.0, e.get("source") or "", e.get("note") or ""))
        arts = sorted({e["article"] for e in evs if e["article"] is not None})
        confs = [e["confidence"] for e in evs if e["confidence"] is not None]
        days = sorted(d for d in (articles[a]["day"] for a in arts) if d)
        edges.append({"id": i, "from": str(s), "to": str(o), "predicate": p, "articles": arts,
                      "confidence": max(confs) if confs else None, "evidence": evs,
                      "first": days[0] if days else None, "last": days[-1] if days else None,
                      "sources": len({_source_key(articles[a], a) for a in arts})})
        if changed and (s, p, o) in changed[1]:
            edges[-1]["new"] = True
    type_counts = Counter(n["type"] for n in nodes)
    pred_counts = Counter(e["predicate"] for e in edges)
    publishers = Counter(a["publisher"] for a in articles if a["publisher"])
    data = {
        "types": [{"name": t, "color": COLORS[t], "shape": SHAPES[t], "count": type_counts[t]}
                  for t in _TYPE_ORDER],
        "predicates": [{"name": p, "label": _predicate_label(p), "count": pred_counts[p]}
                       for p in PREDICATES if pred_counts[p]],
        "articles": articles, "nodes": nodes, "edges": edges, "omitted": omitted, "communities": communities,
        "publishers": [{"name": k, "count": publishers[k]} for k in sorted(publishers, key=lambda k: (-publishers[k], k))],
        "physics": len(nodes) <= PHYSICS_MAX_NODES,
        # The precomputed layout is already good: physics only polishes it, within about a second.
        "physicsIterations": max(40, min(200, 30_000 // max(1, len(nodes)))),
        "totals": {"nodes": total_nodes, "edges": total_edges, "articles": len(articles)},
        "allPredicates": list(PREDICATES),
        "ns": {"kg": str(KG_NS), "rdfs": str(RDFS), "skos": str(SKOS), "owl": str(OWL), "id": ENTITY_BASE},
    }
    if changed:
        data["changes"] = dict(changed[2], since=_shown(since_name), nodes=len(changed[0]), edges=len(changed[1]))
    record = _build_record(props, many, one)
    if record:
        data["build"] = record  # only where the graph keeps one: no bytes elsewhere
    return PageData(data, total_nodes, total_edges)


#: A predicate's name in a build record's line ("Tarsk Democrats basedIn Veltria: 1 article, Ostmark 12").
_PREDICATE_WORD = re.compile(r"(?<= )(" + "|".join(PREDICATES) + r")(?= )")


def _build_record(props, many, one) -> dict:
    """Return the graph's build record for the page: its title, skipped inputs and left-out statements ({} if none).

    Each list is sorted, so that a graph file in any order gives the same page.
    """
    if not props.get(BUILD):
        return {}
    out = {}
    title = _str(one(BUILD, DCTERMS.title))
    if title and title.strip():
        out["title"] = title
    skipped = sorted({(_str(one(s, KG.inputName)) or _shown(_local_name(s)), _str(one(s, KG.skipReason)) or "")
                      for s in many(BUILD, KG.skipped)})
    if skipped:
        out["skipped"] = [list(x) for x in skipped]
    for key, prop in (("outvoted", KG.outvotedHome), ("roving", KG.rovingDateline)):
        lines = sorted(_PREDICATE_WORD.sub(lambda m: _predicate_label(m.group()), _shown(str(x))) for x in many(BUILD, prop))
        if lines:
            out[key] = lines
    return out


def default_title(name: str, articles: int) -> str:
    """Return a page's title when none is given: what the graph is of and how many articles ("news: 300 articles")."""
    return f"{name}: {articles:,} article{'' if articles == 1 else 's'}"


#: Names of what a newer graph no longer holds that the page lists (its counts are whole).
GONE_SHOWN = 200


def _changes(props, types, triples, labels, since) -> tuple[set, set, dict]:
    """Return the entities and relations an older graph did not hold, and what it held that is gone.

    An older IRI that the newer graph keeps as an entity's ``owl:sameAs`` (see *Stable IRIs*) is that entity.
    """
    old: dict = defaultdict(lambda: defaultdict(set))
    for t in (since.triples((None, None, None)) if isinstance(since, Graph) else since):
        old[t[0]][t[1]].add(t[2])
    wanted_types = {KG[t] for t in ENTITY_TYPES}
    old_types = {s for s, d in old.items() if isinstance(s, URIRef) and d.get(RDF.type, set()) & wanted_types}
    now = {s: s for s in types}
    for s in sorted(types, key=str):
        for o in sorted(props[s].get(OWL.sameAs, ()), key=str):
            now.setdefault(o, s)
    kept = {now[s] for s in old_types if s in now}
    old_rel = {(now.get(s, s), p, now.get(o, o)) for s in old_types for p in PREDICATES
               for o in old[s].get(KG[p], ()) if o in old_types}

    def old_label(s) -> str:  # shown as the newer graph's labels are: an older graph is a file from anywhere too
        return _shown(str(min(old[s].get(RDFS.label) or {_local_name(s)}, key=str)))

    gone_nodes = sorted(old_label(s) for s in old_types if s not in now)
    gone_edges = sorted([labels.get(s) or old_label(s), p, labels.get(o) or old_label(o)]
                        for s, p, o in old_rel - set(triples))
    gone = {"goneNodes": gone_nodes[:GONE_SHOWN], "goneNodeCount": len(gone_nodes),
            "goneEdges": gone_edges[:GONE_SHOWN], "goneEdgeCount": len(gone_edges)}
    return set(types) - kept, set(triples) - old_rel, gone


def _item_order(comment: str) -> tuple:
    """Order a node's correction comments by item number ("correction #9 ..." before "correction #10 ...")."""
    m = re.match(r"correction #(\d+)", comment)
    return (int(m.group(1)) if m else 0, comment)


def _source_key(article: dict, index: int) -> str:
    """Return what makes a source independent: its publisher, else the article itself."""
    return "p:" + article["publisher"] if article["publisher"] else f"a:{index}"


def analyse(n: int, stated: Counter, other_pairs: set, mentions: list[int]) -> dict:
    """Return the ranks, communities and positions of ``n`` nodes (deterministic, about linear time).

    Args:
        n: Number of nodes (0..n-1).
        stated: ``{(i, j): weight}`` of the links stated in articles (i < j): the
            number of articles stating each relation between the two, summed.
        other_pairs: Other links (the gazetteer's); they place a node with no stated
            relation beside its neighbour but do not rank or group.
        mentions: Mentions of each node, to break ties.

    Returns:
        ``rank`` (0 is the most central by PageRank over the stated relations,
        then mentions), ``community`` (index into ``communities``, -1 for a node
        with no link at all), ``communities`` (lists of nodes, largest first) and
        ``positions`` (pixel ``(x, y)`` per node).
    """
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from((i, j, w) for (i, j), w in sorted(stated.items()))
    pr = pagerank(n, stated)
    order = sorted(range(n), key=lambda i: (-round(pr[i], 12), -mentions[i], i))
    rank = [0] * n
    for r, i in enumerate(order):
        rank[i] = r
    linked = g.subgraph([i for i in range(n) if g.degree(i)])
    groups = nx.community.louvain_communities(linked, weight="weight", seed=SEED) if linked.number_of_nodes() else []
    groups = [sorted(c) for c in groups]
    groups.sort(key=lambda c: (-len(c), c[0]))
    community = [-1] * n
    for c, members in enumerate(groups):
        for i in members:
            community[i] = c
    # a node linked only by the gazetteer joins the community of its best-ranked neighbour
    extra: dict[int, list[int]] = defaultdict(list)
    for i, j in sorted(other_pairs):
        for a, b in ((i, j), (j, i)):
            if community[a] == -1 and community[b] >= 0:
                extra[a].append(b)
    for a, nbrs in sorted(extra.items()):
        if community[a] == -1:
            community[a] = community[min(nbrs, key=lambda b: rank[b])]
            groups[community[a]].append(a)
    groups = [sorted(c) for c in groups]
    return {"rank": rank, "community": community, "communities": groups,
            "positions": _community_layout(n, groups, stated, other_pairs, community, rank)}


def _oklab_to_srgb(lab):
    """Return the sRGB values (0-1, not clipped) of OKLab colours, rows of ``(L, a, b)``."""
    import numpy as np

    m1 = np.array([[1.0, 0.3963377774, 0.2158037573], [1.0, -0.1055613458, -0.0638541728],
                   [1.0, -0.0894841775, -1.2914855480]])
    m2 = np.array([[4.0767416621, -3.3077115913, 0.2309699292], [-1.2684380046, 2.6097574011, -0.3413193965],
                   [-0.0041960863, -0.7034186147, 1.7076147010]])
    linear = (lab @ m1.T) ** 3 @ m2.T
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * np.abs(linear) ** (1 / 2.4) - 0.055)


def _srgb_to_oklab(rgb):
    """Return the OKLab colours of sRGB values (0-1), rows of ``(r, g, b)``."""
    import numpy as np

    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    m1 = np.array([[0.4122214708, 0.5363325363, 0.0514459929], [0.2119034982, 0.6806995451, 0.1073969566],
                   [0.0883024619, 0.2817188376, 0.6299787005]])
    m2 = np.array([[0.2104542553, 0.7936177850, -0.0040720468], [1.9779984951, -2.4285922050, 0.4505937099],
                   [0.0259040371, 0.7827717662, -0.8086757660]])
    return np.cbrt(linear @ m1.T) @ m2.T


def _luminance(rgb):
    """Return the relative luminance (WCAG) of sRGB values (0-1), rows of ``(r, g, b)``."""
    import numpy as np

    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def _hex_rgb(colours):
    """Return the sRGB values (0-1) of ``#rrggbb`` colours, one row each."""
    import numpy as np

    return np.array([[int(c[k:k + 2], 16) / 255 for k in (1, 3, 5)] for c in colours])


@cache
def community_palette() -> tuple[str, ...]:
    """Return the community colours in the order they are handed out: :data:`COMMUNITY_COLORS`, then more.

    The rest are picked one at a time from a grid of OKLCH colours (lightness 0.5-0.78, chroma 0.09-0.17, a hue
    every 4 degrees) that are readable on the page's white: the node's outline (the colour at 72 %, as the page
    draws it) has a contrast of at least 3:1 with white, and the colour is clearly not grey. Each pick is the
    candidate farthest (in OKLab, where distance follows what the eye sees) from every colour picked before, so
    the first colours differ most and each new one differs as much as the grid allows (about 460 colours).
    """
    import numpy as np

    fixed = list(COMMUNITY_COLORS)
    grid = np.array([(lig, c * math.cos(math.radians(h)), c * math.sin(math.radians(h)))
                     for lig in (0.5, 0.57, 0.64, 0.71, 0.78) for c in (0.09, 0.13, 0.17) for h in range(0, 360, 4)])
    rgb = _oklab_to_srgb(grid)
    ok = np.all((rgb >= 0) & (rgb <= 1), axis=1)
    rgb = np.round(np.clip(rgb[ok], 0, 1) * 255) / 255
    outline = np.round(np.round(rgb * 255) * 0.72) / 255
    rgb = rgb[(1.05 / (_luminance(outline) + 0.05) >= 3.0)]
    hexes = ["#" + "".join(f"{round(v * 255):02x}" for v in row) for row in rgb]
    rgb = rgb[[h not in fixed for h in hexes]]
    hexes = [h for h in hexes if h not in fixed]
    lab = _srgb_to_oklab(rgb)
    near = np.min(np.linalg.norm(lab[:, None, :] - _srgb_to_oklab(_hex_rgb(fixed))[None, :, :], axis=2), axis=1)
    taken = np.zeros(len(hexes), dtype=bool)
    out = fixed
    for _ in range(len(hexes)):
        k = int(np.argmax(np.where(taken, -1.0, near)))  # the first of the farthest: the same order every time
        taken[k] = True
        out.append(hexes[k])
        near = np.minimum(near, np.linalg.norm(lab - lab[k], axis=1))
    return tuple(out)


def community_colours(groups: list[list[int]], pos: list[tuple[int, int]]) -> list[str]:
    """Return a colour of its own for each community (largest first), those side by side on the page far apart.

    The communities are taken largest first; each takes the first colour of :func:`community_palette` not yet
    taken (among its first as many as there are communities) that is at least :data:`NEIGHBOUR_COLOUR_DISTANCE`
    (OKLab) from the colours of its neighbours already coloured (communities whose discs touch or nearly touch in
    the layout ``pos``), else the free one farthest from them. So the largest communities get the palette's first
    colours, and two side by side do not look alike. Past the palette's length colours are reused, as far as
    possible from the neighbours'. Deterministic.
    """
    import numpy as np

    palette = community_palette()
    if not groups:
        return []
    lab = _srgb_to_oklab(_hex_rgb(palette))
    xy = np.array(pos, dtype=np.float64).reshape(-1, 2)
    centre = np.array([xy[g].mean(axis=0) for g in groups])
    radius = np.array([max(40.0, float(np.max(np.linalg.norm(xy[g] - centre[c], axis=1))))
                       for c, g in enumerate(groups)])
    # neighbours: centres closer than their discs' radii and a margin (a sweep along x, not every pair)
    near: list[list[int]] = [[] for _ in groups]
    order = np.argsort(centre[:, 0], kind="stable")
    reach = 1.25 * radius + 60.0
    widest = float(reach.max())
    for a_pos, a in enumerate(order):
        for b in order[a_pos + 1:]:
            if centre[b, 0] - centre[a, 0] > reach[a] + widest:
                break
            if np.hypot(*(centre[a] - centre[b])) < reach[a] + reach[b]:
                near[a].append(int(b))
                near[b].append(int(a))
    chosen = [-1] * len(groups)
    free = np.zeros(len(palette), dtype=bool)
    free[:len(groups)] = True
    for c in range(len(groups)):
        if not free.any():
            free[:] = True  # more communities than colours: reuse them
        seen = [chosen[b] for b in near[c] if chosen[b] >= 0]
        k = int(np.argmax(free))
        if seen:
            far = np.round(np.min(np.linalg.norm(lab[:, None, :] - lab[seen][None, :, :], axis=2), axis=1), 6)
            apart = free & (far >= NEIGHBOUR_COLOUR_DISTANCE)
            k = int(np.argmax(apart)) if apart.any() else int(np.argmax(np.where(free, far, -1.0)))
        chosen[c] = k
        free[k] = False
    return [palette[k] for k in chosen]


def pagerank(n: int, weights: Counter, damping: float = 0.85, iterations: int = 60) -> list[float]:
    """Return the PageRank of ``n`` nodes over undirected weighted links ``{(i, j): weight}`` (power iteration)."""
    import numpy as np

    if n == 0:
        return []
    items = sorted(weights.items())
    ii = np.array([i for (i, _j), _w in items] + [j for (_i, j), _w in items], dtype=np.intp)
    jj = np.array([j for (_i, j), _w in items] + [i for (i, _j), _w in items], dtype=np.intp)
    ww = np.array([w for _p, w in items] * 2, dtype=np.float64)
    out = np.bincount(ii, weights=ww, minlength=n)
    dangling = out == 0
    r = np.full(n, 1.0 / n)
    for _ in range(iterations):
        share = np.where(dangling, 0.0, r / np.where(dangling, 1.0, out))
        nxt = np.bincount(jj, weights=share[ii] * ww, minlength=n) if len(ii) else np.zeros(n)
        r = (1 - damping) / n + damping * (nxt + r[dangling].sum() / n)
    return [float(x) for x in r]


def _community_layout(n, groups, stated, other_pairs, community, rank) -> list[tuple[int, int]]:
    """Lay out each community around its centre, the communities by their links, isolated nodes in a grid below."""
    pos: list[tuple[int, int]] = [(0, 0)] * n
    if not n:
        return []
    # each community on its own, centred on 0
    local, radius = [], []
    links = sorted(set(stated) | set(other_pairs))
    inner: dict[int, list] = defaultdict(list)
    between = Counter()
    for i, j in links:
        ci, cj = community[i], community[j]
        if ci >= 0 and ci == cj:
            inner[ci].append((i, j))
        elif ci >= 0 and cj >= 0:
            between[(min(ci, cj), max(ci, cj))] += 1
    for c, members in enumerate(groups):
        at = {m: k for k, m in enumerate(members)}
        if len(members) <= 3:  # fixed shapes: a force layout per pair or triangle would cost thousands of runs
            h = EDGE_LENGTH / 2
            pts = [[(0, 0)], [(-h, 0), (h, 0)], [(0, -1.15 * h), (-h, 0.58 * h), (h, 0.58 * h)]][len(members) - 1]
        else:
            pts = layout(len(members), sorted((at[i], at[j]) for i, j in inner[c]), seed=SEED,
                         spacing=EDGE_LENGTH * community_room(len(members)))
        local.append(pts)
        radius.append(max((math.hypot(x, y) for x, y in pts), default=0) + NODE_GAP)
    # the communities as one graph, then packed without overlap from there outwards, largest first
    k = len(groups)
    centres = layout(k, sorted(between), seed=SEED)
    spread = max((math.hypot(x, y) for x, y in centres), default=1) or 1
    area = math.sqrt(sum(r * r for r in radius)) * 1.2
    desired = [(x / spread * area, y / spread * area) for x, y in centres]
    placed: list[tuple[float, float, float]] = []
    # a disc is filed under every grid cell its bounding box covers, so a check reads only the cells it covers
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    cell = 2 * sorted(radius)[len(radius) // 2] if radius else 1.0

    def covered(x, y, r):
        return [(gx, gy) for gx in range(math.floor((x - r) / cell), math.floor((x + r) / cell) + 1)
                for gy in range(math.floor((y - r) / cell), math.floor((y + r) / cell) + 1)]

    def free(x, y, r):
        seen = set()
        for key in covered(x, y, r):
            for o in grid.get(key, ()):
                if o not in seen:
                    seen.add(o)
                    px, py, pr = placed[o]
                    if (x - px) ** 2 + (y - py) ** 2 < (r + pr) ** 2:
                        return False
        return True

    extent = 0.0  # every disc lies within this distance of the origin
    for c in range(k):
        x0, y0 = desired[c] if c else (0.0, 0.0)
        r = radius[c]
        angle, dist, tries = 0.0, 0.0, 0
        while True:
            x, y = x0 + dist * math.cos(angle), y0 + dist * math.sin(angle)
            if free(x, y, r):
                break
            tries += 1
            if tries == 1000:  # crowded here: go on from just outside everything placed, in the same direction
                angle, dist = math.atan2(y0, x0), extent + r
                x0 = y0 = 0.0
            step = min(0.5, r / max(dist, r))
            angle += step
            dist += r * step / math.pi  # an Archimedean spiral: rings one diameter apart
        # then towards the middle until within its own diameter of another: the communities' own layout, scaled to
        # the discs' area, could want a small one beyond the rest with a gap wider than the map's middle, and
        # fit-to-screen shrank everything to show it (a ring of 7 placed 1,070 px out from a hub's disc)
        x, y = _inward(x, y, r, free, 2 * r)
        for key in covered(x, y, r):
            grid[key].append(len(placed))
        placed.append((x, y, r))
        extent = max(extent, math.hypot(x, y) + r)
        for m, (lx, ly) in zip(groups[c], local[c]):
            pos[m] = (int(round(x + lx)), int(round(y + ly)))
    # Nodes with no link at all: a grid below, by rank, in rows of dots GRID_COLUMN apart with a lane GRID_ROW deep
    # between rows, where the page draws the names: rows two gaps apart under names beside each node made 1,168
    # unlinked entities of DWIE 300 one grey block, the names over the dots. The grid is as wide as it takes to
    # make the whole about square (a screen's network pane is), and never narrower than the communities.
    alone = sorted((i for i in range(n) if community[i] == -1), key=lambda i: rank[i])
    if alone:
        bottom = max((p[1] + p[2] for p in placed), default=0) + 4 * NODE_GAP
        left = min((p[0] - p[2] for p in placed), default=0)
        width = max((p[0] + p[2] for p in placed), default=0) - left
        height = bottom - min((p[1] - p[2] for p in placed), default=0) if placed else 0
        area = len(alone) * GRID_COLUMN * GRID_ROW
        side = (height + math.sqrt(height * height + 4 * area)) / 2  # width = height of the whole
        cols = max(1, int(max(width, side) // GRID_COLUMN))
        if placed:  # centred under the communities
            left += (width - (min(cols, len(alone)) - 1) * GRID_COLUMN) / 2
        for q, i in enumerate(alone):
            pos[i] = (int(round(left + (q % cols) * GRID_COLUMN)), int(round(bottom + (q // cols) * GRID_ROW)))
    return pos


def _inward(x: float, y: float, r: float, free, room: float) -> tuple[float, float]:
    """Return a disc's centre moved towards 0 while ``free`` takes the disc grown by ``room`` (a quarter radius a step)."""
    dist = math.hypot(x, y)
    if not dist:
        return x, y
    ux, uy, step = x / dist, y / dist, r / 4
    while dist > step and free(ux * (dist - step), uy * (dist - step), r + room):
        dist -= step
    return ux * dist, uy * dist


def _local_name(u) -> str:
    return re.split(r"[/#]", str(u).rstrip("/"))[-1]


@cache
def _predicate_label(p: str) -> str:
    from kgraph.core.vocab import ontology_graph

    return str(ontology_graph().value(KG[p], RDFS.label) or p)


#: Ideal length of an edge inside a community, in pixels.
EDGE_LENGTH = 90.0
#: Communities of more members than this are laid out with longer edges, by their size over it to this power (see
#: :func:`community_room`).
ROOM_FROM, ROOM_POWER = 30, 0.35


def community_room(members: int) -> float:
    """Return how much longer than :data:`EDGE_LENGTH` a community's edges are laid out, by its size.

    Every community was laid out at one density, so at fit-to-screen the largest (a country and its 350 entities in
    450 news articles) was one blot of dots 5 px apart, crossed by its hub's 350 lines, while the small ones were
    clusters with room around them. The size over :data:`ROOM_FROM` to the power :data:`ROOM_POWER` gives a large
    community more room and costs the rest of the map little: that country's entities lie 116 units from the nearest
    (49 before), 9 px at fit-to-screen at 1280x800 (5 before); names drawn there 14 -> 26, on the whole map 175 -> 171.
    """
    return max(1.0, (members / ROOM_FROM) ** ROOM_POWER)


#: Room around a community's disc, in pixels.
NODE_GAP = 40.0
#: Distance between the unlinked entities of a row of their grid, and between two rows (a lane for their names).
GRID_COLUMN, GRID_ROW = 120.0, 320.0


def layout(n: int, pairs: list[tuple[int, int]], seed: int = 7, spacing: float = 150.0) -> list[tuple[int, int]]:
    """Return deterministic pixel positions for ``n`` nodes joined by ``pairs`` (force-directed).

    A Fruchterman-Reingold layout in numpy, started from seeded random positions,
    with a weak pull to the centre so that separate components stay near. Repulsion
    is exact up to :data:`LAYOUT_SAMPLE` nodes and estimated from a seeded sample of
    that many nodes beyond, so time grows linearly with the graph.
    """
    import numpy as np

    if n == 0:
        return []
    if n == 1:
        return [(0, 0)]
    rng = np.random.default_rng(seed)
    f32 = np.float32
    x = (rng.random(n) - 0.5).astype(f32)
    y = (rng.random(n) - 0.5).astype(f32)
    k = f32(1.0 / math.sqrt(n))
    sample = min(n, LAYOUT_SAMPLE)
    iterations = 80
    ii = np.array([a for a, _b in pairs], dtype=np.intp)
    jj = np.array([b for _a, b in pairs], dtype=np.intp)
    temp = 0.1
    block = 512
    fx, fy = np.zeros(n, f32), np.zeros(n, f32)
    for step in range(iterations):
        if sample < n:
            anchors = np.sort(rng.choice(n, size=sample, replace=False))
            weight = f32(n / sample)
        else:
            anchors, weight = np.arange(n), f32(1.0)
        ax, ay = x[anchors], y[anchors]
        for lo in range(0, n, block):
            hi = min(n, lo + block)
            dx = x[lo:hi, None] - ax[None, :]
            dy = y[lo:hi, None] - ay[None, :]
            d2 = dx * dx
            d2 += dy * dy
            np.maximum(d2, f32(1e-9), out=d2)
            np.reciprocal(d2, out=d2)  # repulsion k^2/d along the unit vector: k^2 * (dx, dy) / d^2
            fx[lo:hi] = np.einsum("ij,ij->i", dx, d2)
            fy[lo:hi] = np.einsum("ij,ij->i", dy, d2)
        fx *= k * k * weight
        fy *= k * k * weight
        if len(ii):  # attraction d^2/k along each edge
            ex, ey = x[jj] - x[ii], y[jj] - y[ii]
            dist = np.sqrt(ex * ex + ey * ey) / k
            ax_, ay_ = ex * dist, ey * dist
            fx += (np.bincount(ii, weights=ax_, minlength=n) - np.bincount(jj, weights=ax_, minlength=n)).astype(f32)
            fy += (np.bincount(ii, weights=ay_, minlength=n) - np.bincount(jj, weights=ay_, minlength=n)).astype(f32)
        fx -= f32(GRAVITY) * x
        fy -= f32(GRAVITY) * y
        disp = np.sqrt(fx * fx + fy * fy)
        np.maximum(disp, f32(1e-12), out=disp)
        step_len = np.minimum(disp, f32(temp)) / disp
        x += fx * step_len
        y += fy * step_len
        temp = 0.1 * (1 - (step + 1) / iterations) + 0.002
    pos = np.stack([x, y], axis=1).astype(np.float64)
    pos -= pos.mean(axis=0)
    scale = spacing * math.sqrt(n)  # the ideal edge length k becomes ``spacing`` px
    return [(int(round(a * scale)), int(round(b * scale))) for a, b in pos]


#: A lone surrogate (a ``\uD800`` escape in a graph file, an undecodable byte in ``--title``): no character,
#: so the page, written as UTF-8, shows U+FFFD in its place.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_for_script(data) -> str:
    """Return JSON safe to place inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    text = _SURROGATE.sub("\ufffd", text)
    # "<", ">" and "&" occur only inside JSON strings, where \\uXXXX means the same character:
    # no "</script>", "<!--" or "<script" can reach the HTML parser.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(g: Graph | Iterable[tuple], title: str | None = None, max_nodes: int | None = None,
           name: str = "kgraph") -> str:
    """Return the page for a graph as one self-contained HTML string.

    Args:
        g: The graph (see :func:`graph_data`).
        title: The page's title, shown in its header; by default the graph's own (its build record's),
            else :func:`default_title` of ``name``.
        max_nodes: Draw only the most central nodes (see :func:`graph_data`).
    """
    return render_data(graph_data(g, max_nodes=max_nodes), title, name)


def page_title(page: PageData, title: str | None = None, name: str = "kgraph") -> str:
    """Return the title a page gets: the one given, else the graph's own, else what ``name`` and the article count say."""
    if title is not None and title.strip():
        return title
    return page.data.get("build", {}).get("title") or default_title(name, page.data["totals"]["articles"])


def render_data(page: PageData, title: str | None = None, name: str = "kgraph") -> str:
    """Return the page for prepared :class:`PageData` (``title`` and ``name``: see :func:`page_title`)."""
    title = _shown(page_title(page, title, name))  # a graph file's name, in `kgraph view`
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
        "@TITLE@": html.escape(_SURROGATE.sub("\ufffd", title)),
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


def write_page(g: Graph | Iterable[tuple], path: str | os.PathLike, title: str | None = None,
               max_nodes: int | None = None, since: Graph | Iterable[tuple] | None = None,
               since_name: str = "", name: str = "kgraph") -> tuple[Path, PageData]:
    """Render a graph's page and write it atomically as UTF-8; return the path and what was drawn.

    ``title`` and ``name``: see :func:`page_title`.
    """
    from kgraph.core import atomic

    page = graph_data(g, max_nodes=max_nodes, since=since, since_name=since_name)
    return atomic.write_text(path, render_data(page, title, name)), page
