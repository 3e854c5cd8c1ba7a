"""Property-graph exports: GraphML and GEXF (via networkx) and CSV node/edge lists.

For tools that do not read RDF: Gephi, yEd, Cytoscape, Neo4j and
spreadsheets. Nodes are entities (``Id`` is the entity IRI), edges are
relations (one per subject, predicate and object, with the number of
articles stating it as ``weight``). The same facts as the RDF output are
exported: relations whose types do not fit the ontology are left out there
and here. Output is deterministic.
"""

from __future__ import annotations

import csv
import io
import re

import networkx as nx

from kgraph.core import iri
from kgraph.core.model import KnowledgeBase, well_typed_facts
from kgraph.core.terms import EntityType

#: CSV columns of ``nodes.csv`` and ``edges.csv``; Gephi's spreadsheet import
#: recognises ``Id``/``Label`` and ``Source``/``Target``/``Weight``.
NODE_COLUMNS = ("Id", "Label", "Type", "Aliases", "Mentions", "Articles", "GeoNames", "IsoCode",
                "CountryCode", "Latitude", "Longitude", "SameAs", "Corrections", "DifferentFrom")
EDGE_COLUMNS = ("Source", "Target", "Predicate", "Label", "Weight", "Confidence", "Roles", "Methods",
                "Articles", "Sentence")

_SEP = " | "


def to_networkx(kb: KnowledgeBase) -> nx.MultiDiGraph:
    """Return the knowledge base as a networkx MultiDiGraph (edge key: the predicate).

    Node attributes: ``label``, ``type``, ``aliases``, ``mentions``,
    ``articles`` and, where the gazetteer knows them, ``geonames``,
    ``iso_code``, ``country_code``, ``latitude``, ``longitude``; ``same_as`` (the IRIs of the entities
    merged into it or it had before, the graph's ``owl:sameAs`` of kgraph IRIs), ``corrections`` (the
    analyst's items that changed it, as the graph's ``rdfs:comment`` says) and ``different_from`` (the IRIs
    an analyst's ``different`` item said are other things, the graph's ``owl:differentFrom``). Edge
    attributes: ``predicate``, ``label``, ``weight`` (articles stating it),
    ``confidence`` (highest), ``roles``, ``methods``, ``articles`` and
    ``sentence`` (the first evidence sentence). Absent values are left out,
    as GraphML and GEXF have no null.
    """

    g = nx.MultiDiGraph()
    for e in kb.entities:
        # Plain strings: a type or predicate may arrive as its enum, which GEXF's writer refuses.
        attrs = {"label": e.label, "type": str(e.type), "aliases": _SEP.join(e.aliases), "mentions": e.mentions,
                 "articles": _SEP.join(e.articles)}
        if e.geonames_id:
            attrs["geonames"] = str(iri.geonames_iri(e.geonames_id))  # the owl:sameAs IRI of the RDF graph
        if e.iso_code and e.type == EntityType.Country:
            attrs["iso_code"] = e.iso_code
        if e.country_code and e.type != EntityType.Country:
            attrs["country_code"] = e.country_code
        if e.latitude is not None and e.longitude is not None:
            attrs["latitude"] = round(e.latitude, 5)
            attrs["longitude"] = round(e.longitude, 5)
        if e.same_as:  # a merged, renamed or retyped entity's old IRIs keep naming it here too
            attrs["same_as"] = _SEP.join(str(iri.entity_iri(k)) for k in e.same_as)
        if e.corrections:
            attrs["corrections"] = _SEP.join(f"correction {note}" for note in e.corrections)
        if e.different_from:  # the entities an analyst said are other things (owl:differentFrom)
            attrs["different_from"] = _SEP.join(str(iri.entity_iri(k)) for k in e.different_from)
        g.add_node(str(iri.entity_iri(e.key)), **attrs)
    # One edge per subject, predicate and object: an analyst's assert of a relation the articles state too is a
    # second fact of the same triple, whose evidence (articles, sentence) the edge keeps beside "correction".
    triples: dict[tuple[str, str, str], list] = {}
    for f in well_typed_facts(kb):
        triples.setdefault((f.subject, str(f.predicate), f.object), []).append(f)
    for (subject, predicate, obj), facts in triples.items():
        evidence = [ev for f in facts for ev in f.evidence]
        articles = sorted({aid for aid, _r in evidence})
        roles = sorted({r.role for _a, r in evidence if r.role})
        methods = sorted({r.method for _a, r in evidence} | {f.method or "gazetteer" for f in facts if not f.evidence})
        attrs = {"predicate": predicate, "label": predicate, "weight": max(len(articles), 1),
                 "confidence": round(max(f.confidence for f in facts), 2), "roles": _SEP.join(roles),
                 "methods": _SEP.join(methods), "articles": _SEP.join(articles)}
        if evidence:
            attrs["sentence"] = evidence[0][1].sentence
        g.add_edge(str(iri.entity_iri(subject)), str(iri.entity_iri(obj)), key=predicate, **attrs)
    return g


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Replace characters XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD."""
    def clean(v):
        return _XML_BAD.sub("\ufffd", v) if isinstance(v, str) else v

    h = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        h.add_node(clean(n), **{k: clean(v) for k, v in d.items()})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(clean(u), clean(v), key=k, **{a: clean(b) for a, b in d.items()})
    return h


def graphml(kb: KnowledgeBase) -> str:
    """Return the knowledge base as GraphML text."""
    return "\n".join(nx.generate_graphml(_xml_safe(to_networkx(kb)), prettyprint=True)) + "\n"


def gexf(kb: KnowledgeBase) -> str:
    """Return the knowledge base as GEXF 1.2 text (without the date networkx stamps, for reproducible output)."""
    g = _xml_safe(to_networkx(kb))
    for _n, d in g.nodes(data=True):  # Gephi shows the GEXF "label" attribute as the node's name
        d.setdefault("label", "")
    text = "\n".join(nx.generate_gexf(g, prettyprint=True)) + "\n"
    return re.sub(r'\s+lastmodifieddate="[^"]*"', "", text, count=1)


def _cell(v) -> str:
    """Return a CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if v is None:
        return ""
    if isinstance(v, str):
        v = _XML_BAD.sub("\ufffd", v)
        if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + v
        return v
    return str(v)


def csv_tables(kb: KnowledgeBase) -> tuple[str, str]:
    """Return ``(nodes.csv, edges.csv)`` texts: UTF-8, comma-separated, one header row.

    Text cells that start like a spreadsheet formula (``=``, ``+``, ``-``,
    ``@``) get a leading apostrophe so that opening the file runs nothing.
    """
    g = to_networkx(kb)
    keys = {"Label": "label", "Type": "type", "Aliases": "aliases", "Mentions": "mentions",
            "Articles": "articles", "GeoNames": "geonames", "IsoCode": "iso_code",
            "CountryCode": "country_code", "Latitude": "latitude", "Longitude": "longitude", "SameAs": "same_as",
            "Corrections": "corrections", "DifferentFrom": "different_from"}
    nodes = io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(NODE_COLUMNS)
    for n, d in sorted(g.nodes(data=True)):
        w.writerow([n] + [d.get(keys[c]) if c in ("Mentions", "Latitude", "Longitude") else _cell(d.get(keys[c]))
                          for c in NODE_COLUMNS[1:]])
    edges = io.StringIO()
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(EDGE_COLUMNS)
    for u, v, _k, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        w.writerow([u, v, d["predicate"], d["label"], d["weight"], d["confidence"], _cell(d["roles"]),
                    _cell(d["methods"]), _cell(d["articles"]), _cell(d.get("sentence"))])
    return nodes.getvalue(), edges.getvalue()
