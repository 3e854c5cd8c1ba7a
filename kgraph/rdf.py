"""RDF: a knowledge base becomes quads, and quads become files.

Layout of the graph (terms from ``ontology/kgraph.ttl``):

* every entity: ``rdf:type`` its class, ``rdfs:label`` its preferred name,
  ``skos:altLabel`` its other names, ``kg:mentionCount``, and for places
  the gazetteer's ``owl:sameAs`` GeoNames IRI, ``kg:isoCode``, ``geo:lat``
  and ``geo:long``; these sit in the default graph;
* every article: a ``kg:Article`` with ``dcterms:identifier``, title, URL
  and date when known, in the named graph of that article;
* every relation: the direct triple (``:putin kg:leaderOf :russia``) and a
  ``kg:Evidence`` node (a reified ``rdf:Statement``) with ``kg:sentence``,
  ``kg:start``/``kg:end``, ``kg:confidence``, ``kg:method``, ``kg:role``
  and ``prov:wasDerivedFrom`` the article, in that article's named graph;
  gazetteer facts sit in the default graph and derive from GeoNames.

Serialisers here are deterministic: the same knowledge base gives the same
bytes, whatever the order it was built in.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from . import iri
from .model import KnowledgeBase
from .vocab import GEO, GN, KG, PREFIXES, SCHEMA

Quad = tuple  # (subject, predicate, object, graph IRI or None)

GEONAMES_SOURCE = URIRef("https://www.geonames.org/")

#: File formats :func:`serialize` writes, by name, with their file suffix.
FORMATS = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "json-ld": ".jsonld"}


def _decimal(x: float, places: int = 2) -> Literal:
    return Literal(Decimal(f"{x:.{places}f}"), datatype=XSD.decimal)


def _coord(x: float) -> Literal:
    return Literal(Decimal(f"{x:.5f}"), datatype=XSD.decimal)


def quads(kb: KnowledgeBase) -> Iterator[Quad]:
    """Yield the quads of a knowledge base (graph None is the default graph)."""
    yield from _entity_quads(kb)
    for art in kb.articles:
        g = iri.article_iri(art.id)
        a = g
        yield a, RDF.type, KG.Article, g
        yield a, DCTERMS.identifier, Literal(art.id), g
        yield a, KG.contentHash, Literal(art.sha), g
        if art.title:
            yield a, DCTERMS.title, Literal(art.title), g
        if art.url:
            yield a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI), g
        if art.date:
            yield a, DCTERMS.date, Literal(art.date), g
    for e in kb.entities:
        ent = iri.entity_iri(e.key)
        for aid in e.articles:
            yield ent, KG.mentionedIn, iri.article_iri(aid), iri.article_iri(aid)
    for f in kb.facts:
        s, p, o = iri.entity_iri(f.subject), KG[f.predicate], iri.entity_iri(f.object)
        if not f.evidence:
            ev = iri.evidence_iri(f.subject, f.predicate, f.object, f.method)
            yield s, p, o, None
            yield from _statement(ev, s, p, o, None)
            yield ev, KG.method, Literal(f.method or "gazetteer"), None
            yield ev, KG.confidence, _decimal(1.0), None
            yield ev, PROV.wasDerivedFrom, GEONAMES_SOURCE, None
            continue
        for aid, rel in f.evidence:
            g = iri.article_iri(aid)
            ev = iri.evidence_iri(aid, f.subject, f.predicate, f.object, rel.sentence_start,
                                  rel.subject.start, rel.object.start)
            yield s, p, o, g
            yield from _statement(ev, s, p, o, g)
            yield ev, PROV.wasDerivedFrom, g, g
            yield ev, KG.sentence, Literal(rel.sentence), g
            yield ev, KG.start, Literal(rel.sentence_start), g
            yield ev, KG.end, Literal(rel.sentence_end), g
            yield ev, KG.confidence, _decimal(rel.confidence), g
            yield ev, KG.method, Literal(rel.method), g
            if rel.role:
                yield ev, KG.role, Literal(rel.role), g


def _statement(ev, s, p, o, g) -> Iterator[Quad]:
    yield ev, RDF.type, KG.Evidence, g
    yield ev, RDF.subject, s, g
    yield ev, RDF.predicate, p, g
    yield ev, RDF.object, o, g


def _entity_quads(kb: KnowledgeBase) -> Iterator[Quad]:
    for e in kb.entities:
        ent = iri.entity_iri(e.key)
        yield ent, RDF.type, KG[e.type], None
        yield ent, RDFS.label, Literal(e.label), None
        for alias in e.aliases:
            yield ent, SKOS.altLabel, Literal(alias), None
        yield ent, KG.mentionCount, Literal(e.mentions), None
        if e.geonames_id:
            yield ent, OWL.sameAs, GN[f"{e.geonames_id}/"], None
        if e.iso_code:
            yield ent, KG.isoCode, Literal(e.iso_code), None
        if e.latitude is not None and e.longitude is not None:
            yield ent, GEO.lat, _coord(e.latitude), None
            yield ent, GEO.long, _coord(e.longitude), None


def to_dataset(kb: KnowledgeBase) -> Dataset:
    """Return the knowledge base as an rdflib Dataset, one named graph per article."""
    ds = Dataset()
    bind_prefixes(ds)
    for s, p, o, g in quads(kb):
        ds.add((s, p, o, g if g is not None else ds.default_graph.identifier))
    return ds


def to_graph(kb: KnowledgeBase) -> Graph:
    """Return the knowledge base as one rdflib Graph (all named graphs merged)."""
    g = Graph()
    bind_prefixes(g)
    for s, p, o, _g in quads(kb):
        g.add((s, p, o))
    return g


def bind_prefixes(g: Graph) -> None:
    """Bind the project's prefixes on a graph."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, URIRef(ns), override=True, replace=True)
    g.bind("kgr", URIRef(iri.ENTITY_BASE), override=True, replace=True)


# ---------------------------------------------------------------- deterministic serialisation

_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_PREFIX_ITEMS = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _escape_string(s: str) -> str:
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F or 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(f"\\u{ord(ch) & 0xFFFF:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _iri(u: str) -> str:
    return "<" + _IRI_BAD.sub(lambda m: f"\\u{ord(m.group()):04X}", u) + ">"


def term(t, short: bool = True) -> str:
    """Render one RDF term as Turtle (``short``: with the project's prefixes) or N-Triples."""
    if isinstance(t, URIRef):
        u = str(t)
        if short:
            for prefix, ns in _PREFIX_ITEMS:
                if u.startswith(ns) and _PN_LOCAL.match(u[len(ns):]):
                    return f"{prefix}:{u[len(ns):]}"
        return _iri(u)
    if isinstance(t, Literal):
        lex = _escape_string(str(t))
        if t.language:
            return f"{lex}@{t.language}"
        if t.datatype is not None and t.datatype != XSD.string:
            return f"{lex}^^{term(t.datatype, short)}"
        return lex
    if isinstance(t, BNode):
        return f"_:{t}"
    raise TypeError(f"not an RDF term: {t!r}")


def _turtle_block(triples: Iterable[tuple], indent: str = "") -> list[str]:
    by_subject: dict = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        by_subject[term(s)][term(p)].add(term(o))
    lines = []
    for s in sorted(by_subject):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p != "rdf:type", p))
        parts = [f"{p if p != 'rdf:type' else 'a'} {' , '.join(sorted(preds[p]))}" for p in order]
        lines.append(f"{indent}{s} " + f" ;\n{indent}    ".join(parts) + " .\n")
    return lines


def _prefix_header() -> str:
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"


def serialize(kb: KnowledgeBase, fmt: str = "turtle") -> str:
    """Serialise a knowledge base deterministically.

    Args:
        kb: The knowledge base.
        fmt: One of ``turtle``, ``trig`` (one named graph per article),
            ``nt``, ``nquads`` or ``json-ld``.
    """
    return serialize_quads(quads(kb), fmt)


def serialize_quads(qs: Iterable[Quad], fmt: str = "turtle") -> str:
    """Serialise quads deterministically in one of :data:`FORMATS`."""
    if fmt == "turtle":
        triples = {(s, p, o) for s, p, o, _g in qs}
        return _prefix_header() + "\n".join(_turtle_block(triples))
    if fmt == "trig":
        graphs: dict = defaultdict(set)
        for s, p, o, g in qs:
            graphs[g].add((s, p, o))
        out = [_prefix_header()]
        out += _turtle_block(graphs.pop(None, set()))
        for g in sorted(graphs, key=str):
            out.append(f"\n{term(g)} {{\n" + "".join(_turtle_block(graphs[g], "    ")) + "}\n")
        return "".join(out)
    if fmt == "nt":
        return "".join(sorted({f"{term(s, False)} {term(p, False)} {term(o, False)} .\n" for s, p, o, _g in qs}))
    if fmt == "nquads":
        return "".join(sorted({f"{term(s, False)} {term(p, False)} {term(o, False)}"
                               + (f" {term(g, False)}" if g is not None else "") + " .\n" for s, p, o, g in qs}))
    if fmt == "json-ld":
        ds = Dataset()
        bind_prefixes(ds)
        for s, p, o, g in qs:
            ds.add((s, p, o, g if g is not None else ds.default_graph.identifier))
        import json
        data = json.loads(ds.serialize(format="json-ld", context=dict(PREFIXES)))
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")


def load(path) -> Dataset:
    """Read a graph file (Turtle, TriG, N-Triples, N-Quads or JSON-LD) into an rdflib Dataset.

    Raises:
        GraphError: The file is missing or is not valid RDF.
    """
    from pathlib import Path

    from rdflib.util import guess_format

    from .errors import GraphError

    p = Path(path)
    if not p.is_file():
        raise GraphError(f"graph file not found: {p}")
    fmt = guess_format(str(p)) or ("json-ld" if p.suffix == ".jsonld" else "turtle")
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    try:
        ds.parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphError(f"cannot read {p} as RDF ({fmt}): {msg}") from None
    return ds
