"""RDF: a knowledge base becomes quads, and quads become files.

Layout of the graph (terms from ``ontology/kgraph.ttl``):

* every entity: ``rdf:type`` its class, ``rdfs:label`` its preferred name,
  ``skos:altLabel`` its other names, ``kg:mentionCount``, the entity
  model's ``kg:nameConfidence`` and type votes (``kg:personVotes``,
  ``kg:organizationVotes``, ``kg:placeVotes``, ``kg:countryVotes``) when it
  scored the entity's mentions, and for places
  the gazetteer's ``owl:sameAs`` GeoNames IRI, ``kg:isoCode`` (countries),
  ``kg:countryCode`` (places), ``geo:lat`` and ``geo:long``; these sit in
  the default graph;
* every article: a ``kg:Article`` with ``dcterms:identifier``, title, URL,
  date and publisher (``dcterms:publisher``) when known, in the named graph
  of that article;
* every relation: the direct triple (``:putin kg:leaderOf :russia``) and a
  ``kg:Evidence`` node (a reified ``rdf:Statement``) with ``kg:sentence``,
  ``kg:start``/``kg:end`` (the sentence), ``kg:subjectStart``/``kg:subjectEnd``
  and ``kg:objectStart``/``kg:objectEnd`` (the two mentions), ``kg:confidence``,
  ``kg:method``, ``kg:role``
  and ``prov:wasDerivedFrom`` the article, in that article's named graph;
  gazetteer facts sit in the default graph and derive from GeoNames;
* the build record: ``kg:Build`` (``iri.BUILD``) with ``dcterms:title``, a
  ``kg:skipped`` ``kg:SkippedInput`` (``kg:inputName``, ``kg:skipReason``)
  for each input the build took nothing from, and a ``kg:outvotedHome`` or
  ``kg:rovingDateline`` line for each statement it left out;
* a relation whose entity types do not fit the ontology's domain and range
  (linking may re-type an entity after a rule fired) is left out, so every
  graph conforms to ``ontology/shapes.ttl``.

Serialisers here are deterministic: the same knowledge base gives the same
bytes, whatever the order it was built in.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from decimal import Decimal

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kgraph.core import iri
from kgraph.core.model import KnowledgeBase, well_typed_facts
from kgraph.core.vocab import GEO, KG, PREFIXES, SCHEMA, Terms

# Each term made once (see Terms): the quads of a graph read them millions of times.
DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, GEO, KG, SCHEMA = (
    Terms(ns) for ns in (DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, GEO, KG, SCHEMA))
from kgraph.core.terms import EntityType

Quad = tuple  # (subject, predicate, object, graph IRI or None)

GEONAMES_SOURCE = iri.GEONAMES_SOURCE
#: What an analyst's correction derives from: the corrections file of the build (see kgraph.linking.corrections).
CORRECTIONS_SOURCE = iri.CORRECTIONS

#: File formats :func:`serialize` writes, by name, with their file suffix.
FORMATS = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nquads": ".nq", "json-ld": ".jsonld"}

#: Output formats of ``kgraph build --format``: short name -> (what, files written).
OUTPUT_FORMATS = {
    "ttl": ("Turtle", ("graph.ttl",)),
    "trig": ("TriG, one named graph per article", ("graph.trig",)),
    "nt": ("N-Triples", ("graph.nt",)),
    "nq": ("N-Quads, one named graph per article", ("graph.nq",)),
    "jsonld": ("JSON-LD, one named graph per article", ("graph.jsonld",)),
    "graphml": ("GraphML (Gephi, yEd, Cytoscape, networkx)", ("graph.graphml",)),
    "gexf": ("GEXF (Gephi)", ("graph.gexf",)),
    "csv": ("CSV node and edge lists (Gephi, Neo4j, spreadsheets)", ("nodes.csv", "edges.csv")),
}
_FORMAT_ALIASES = {"turtle": "ttl", "n-triples": "nt", "ntriples": "nt", "nquads": "nq", "n-quads": "nq",
                   "json-ld": "jsonld", "json": "jsonld"}
_RDF_FORMAT = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}


#: The property that holds the entity model's votes for each core type (:attr:`Entity.type_votes`).
_VOTES = {EntityType.Person: KG.personVotes, EntityType.Organization: KG.organizationVotes,
          EntityType.Place: KG.placeVotes, EntityType.Country: KG.countryVotes}


def _decimal(x: float, places: int = 2) -> Literal:
    return _decimal_literal(f"{x:.{places}f}")


@lru_cache(maxsize=1 << 12)
def _decimal_literal(text: str) -> Literal:
    """Return the xsd:decimal literal of a written number, made once (rdflib's typed literals are slow to make)."""
    return Literal(Decimal(text), datatype=XSD.decimal)


def _coord(x: float) -> Literal:
    return Literal(Decimal(f"{x:.5f}"), datatype=XSD.decimal)


def well_typed(kb: KnowledgeBase) -> KnowledgeBase:
    """Return the knowledge base without the facts whose types do not fit the ontology (what the graph holds)."""
    from dataclasses import replace

    facts = tuple(well_typed_facts(kb))
    return kb if len(facts) == len(kb.facts) else replace(kb, facts=facts)


def quads(kb: KnowledgeBase) -> Iterator[Quad]:
    """Yield the quads of a knowledge base (graph None is the default graph)."""
    yield from _entity_quads(kb)
    for line in kb.removed:  # a blocked entity is gone: the corrections source says what went
        yield CORRECTIONS_SOURCE, RDFS.comment, Literal(f"correction {line}"), None
    yield from _record_quads(kb)
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
        if art.publisher:
            yield a, DCTERMS.publisher, Literal(art.publisher), g
    for e in kb.entities:
        ent = iri.entity_iri(e.key)
        for aid in e.articles:
            yield ent, KG.mentionedIn, iri.article_iri(aid), iri.article_iri(aid)
    for f in well_typed_facts(kb):
        s, p, o = iri.entity_iri(f.subject), KG[f.predicate], iri.entity_iri(f.object)
        if not f.evidence:
            ev = iri.evidence_iri(f.subject, f.predicate, f.object, f.method)
            yield s, p, o, None
            yield from _statement(ev, s, p, o, None)
            yield ev, KG.method, Literal(f.method or "gazetteer"), None
            yield ev, KG.confidence, _decimal(1.0), None
            if f.method == "correction":
                yield ev, PROV.wasDerivedFrom, CORRECTIONS_SOURCE, None
                if f.note:
                    yield ev, RDFS.comment, Literal(f.note), None
            else:
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
            yield ev, KG.subjectStart, Literal(rel.subject.start), g
            yield ev, KG.subjectEnd, Literal(rel.subject.end), g
            yield ev, KG.objectStart, Literal(rel.object.start), g
            yield ev, KG.objectEnd, Literal(rel.object.end), g
            yield ev, KG.confidence, _decimal(rel.confidence), g
            yield ev, KG.method, Literal(rel.method), g
            if rel.role:
                yield ev, KG.role, Literal(rel.role), g


def _record_quads(kb: KnowledgeBase) -> Iterator[Quad]:
    """Yield the build record: what the build was called, took nothing from and left out (the page shows it)."""
    if kb.record is None and not kb.outvoted and not kb.roving:
        return
    b = iri.BUILD
    yield b, RDF.type, KG.Build, None
    if kb.record is not None:
        yield b, DCTERMS.title, Literal(kb.record.title), None
        for name, why in kb.record.skipped:
            s = iri.skipped_iri(name, why)
            yield b, KG.skipped, s, None
            yield s, RDF.type, KG.SkippedInput, None
            yield s, KG.inputName, Literal(name), None
            yield s, KG.skipReason, Literal(why), None
    for line in kb.outvoted:
        yield b, KG.outvotedHome, Literal(line), None
    for line in kb.roving:
        yield b, KG.rovingDateline, Literal(line), None


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
        if e.name_confidence is not None:
            yield ent, KG.nameConfidence, _decimal(e.name_confidence, 3), None
        for t, votes in e.type_votes:
            yield ent, _VOTES[t], _decimal(votes, 3), None
        if e.geonames_id:
            yield ent, OWL.sameAs, iri.geonames_iri(e.geonames_id), None
        for key in e.same_as:  # a merged entity's IRI keeps resolving to the one kept
            yield ent, OWL.sameAs, iri.entity_iri(key), None
        for key in e.different_from:  # an analyst said these are two things (a "different" correction)
            yield ent, OWL.differentFrom, iri.entity_iri(key), None
        if e.corrections:  # an analyst changed this entity: say so, and which items did
            yield ent, PROV.wasInfluencedBy, CORRECTIONS_SOURCE, None
            for note in e.corrections:
                yield ent, RDFS.comment, Literal(f"correction {note}"), None
        if e.iso_code and e.type == EntityType.Country:
            yield ent, KG.isoCode, Literal(e.iso_code), None
        if e.country_code and e.type != EntityType.Country:
            yield ent, KG.countryCode, Literal(e.country_code), None
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


#: The characters a Turtle string cannot hold as they are: one search finds them, most strings have none.
_STRING_BAD = re.compile('[\\\\"\x00-\x1f\x7f\ud800-\udfff]')


def _escaped_char(m: re.Match) -> str:
    ch = m.group()
    got = _ESCAPES.get(ch)
    if got is not None:
        return got
    if 0xD800 <= ord(ch) <= 0xDFFF:  # a lone surrogate is no character: U+FFFD stands in
        return "\uFFFD"
    return f"\\u{ord(ch):04X}"


def _escape_string(s: str) -> str:
    return '"' + _STRING_BAD.sub(_escaped_char, s) + '"'


def _iri(u: str) -> str:
    return "<" + _IRI_BAD.sub(lambda m: f"\\u{ord(m.group()):04X}", u) + ">"


@lru_cache(maxsize=1 << 17)
def _uri_term(u: str, short: bool) -> str:
    """Render an IRI (memoized: the same IRIs recur in every triple of a subject)."""
    if short:
        for prefix, ns in _PREFIX_ITEMS:
            if u.startswith(ns) and _PN_LOCAL.match(u[len(ns):]):
                return f"{prefix}:{u[len(ns):]}"
    return _iri(u)


def term(t, short: bool = True) -> str:
    """Render one RDF term as Turtle (``short``: with the project's prefixes) or N-Triples."""
    if isinstance(t, URIRef):
        return _uri_term(str(t), short)
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
        # Not gathered into a set of triples first: _turtle_block keeps each subject's objects in sets of
        # their text, which drops a triple repeated in several graphs just the same (and hashing rdflib's
        # terms cost more than writing them again).
        return _prefix_header() + "\n".join(_turtle_block((s, p, o) for s, p, o, _g in qs))
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
        return _jsonld(qs)
    raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(FORMATS)}")


_JSONLD_SAFE = re.compile(r"^[A-Za-z0-9_][^\s]*$")


def _jsonld_iri(u: str) -> str:
    """Return an IRI as a JSON-LD compact IRI where a project prefix fits, else in full."""
    for prefix, ns in _PREFIX_ITEMS:
        if u.startswith(ns) and _JSONLD_SAFE.match(u[len(ns):]):
            return f"{prefix}:{u[len(ns):]}"
    return u


def _jsonld_value(o):
    if isinstance(o, URIRef):
        return {"@id": _jsonld_iri(str(o))}
    if isinstance(o, BNode):
        return {"@id": f"_:{o}"}
    lex = "".join("\uFFFD" if 0xD800 <= ord(c) <= 0xDFFF else c for c in str(o))
    if o.language:
        return {"@value": lex, "@language": o.language}
    if o.datatype is not None and o.datatype != XSD.string:
        return {"@value": lex, "@type": _jsonld_iri(str(o.datatype))}
    return lex


def _jsonld_nodes(triples) -> list[dict]:
    nodes: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        sid = f"_:{s}" if isinstance(s, BNode) else _jsonld_iri(str(s))
        if p == RDF.type and isinstance(o, URIRef):
            nodes[sid]["@type"].append(_jsonld_iri(str(o)))
        else:
            nodes[sid][_jsonld_iri(str(p))].append(_jsonld_value(o))
    out = []
    for sid in sorted(nodes):
        node = {"@id": sid}
        for key, values in nodes[sid].items():
            node[key] = sorted(values, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
        out.append(node)
    return out


def _jsonld(qs: Iterable[Quad]) -> str:
    """Serialise quads as JSON-LD 1.1: the default graph's nodes, then one named graph per article."""
    graphs: dict = defaultdict(set)
    for s, p, o, g in qs:
        graphs[g].add((s, p, o))
    top = _jsonld_nodes(graphs.pop(None, set()))
    for g in sorted(graphs, key=str):
        top.append({"@id": _jsonld_iri(str(g)), "@graph": _jsonld_nodes(graphs[g])})
    doc = {"@context": dict(sorted(PREFIXES.items())), "@graph": top}
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def parse_formats(specs: Iterable[str]) -> tuple[str, ...]:
    """Return the output formats named in ``specs`` (repeated or comma-separated), in a fixed order.

    Raises:
        InputError: A name is not one of :data:`OUTPUT_FORMATS`.
    """
    from kgraph.core.errors import InputError

    wanted = set()
    for spec in specs:
        for name in str(spec).split(","):
            name = name.strip().lower().lstrip(".")
            if not name:
                continue
            name = _FORMAT_ALIASES.get(name, name)
            if name not in OUTPUT_FORMATS:
                raise InputError(f"unknown output format {name!r}; choose from {', '.join(OUTPUT_FORMATS)}")
            wanted.add(name)
    return tuple(f for f in OUTPUT_FORMATS if f in wanted)


def format_texts(kb: KnowledgeBase, output, formats: Iterable[str], made: list | None = None) -> dict:
    """Return ``{path: text}`` of the knowledge base in each of ``formats`` inside the folder ``output``.

    ``ttl`` is left out: ``kgraph build`` always writes ``graph.ttl`` itself.
    Every text is deterministic.

    Args:
        kb: The knowledge base.
        output: The folder.
        formats: Names from :data:`OUTPUT_FORMATS` (see :func:`parse_formats`).
        made: ``list(quads(kb))``, when the caller made them already.
    """
    from pathlib import Path

    from kgraph.graph import export

    out = Path(output)
    texts = {}
    for fmt in parse_formats(formats):
        if fmt in _RDF_FORMAT and fmt != "ttl":
            texts[out / OUTPUT_FORMATS[fmt][1][0]] = serialize_quads(quads(kb) if made is None else made,
                                                                     _RDF_FORMAT[fmt])
        elif fmt == "graphml":
            texts[out / "graph.graphml"] = export.graphml(kb)
        elif fmt == "gexf":
            texts[out / "graph.gexf"] = export.gexf(kb)
        elif fmt == "csv":
            texts[out / "nodes.csv"], texts[out / "edges.csv"] = export.csv_tables(kb)
    return texts


def write_formats(kb: KnowledgeBase, output, formats: Iterable[str]) -> list:
    """Write the knowledge base into the folder ``output`` in each of ``formats``; return the paths.

    Unlike :func:`format_texts`, ``ttl`` is written too when asked for.
    Every file is written atomically.
    """
    from pathlib import Path

    from kgraph.core import atomic

    formats = parse_formats(formats)
    files = []
    if "ttl" in formats:
        files.append(atomic.write_text(Path(output) / "graph.ttl", serialize(kb, "turtle")))
    for path, text in format_texts(kb, output, formats).items():
        files.append(atomic.write_text(path, text))
    return files


def load(path) -> Dataset:
    """Read a graph file (Turtle, TriG, N-Triples, N-Quads or JSON-LD) into an rdflib Dataset.

    Raises:
        GraphError: The file is missing or is not valid RDF.
    """
    from rdflib.util import guess_format

    from kgraph.core.errors import GraphError
    from kgraph.core.userfile import regular_file

    p = regular_file(path, GraphError, "graph file")  # "not found", or what it is instead (a FIFO, a device)
    fmt = guess_format(str(p)) or ("json-ld" if p.suffix == ".jsonld" else "turtle")
    from kgraph.graph.safe_rdf import check_file

    from kgraph.core.userfile import binary_kind

    try:
        with open(p, "rb") as fh:
            what = binary_kind(fh.read(16))
    except OSError as exc:
        raise GraphError(f"cannot read graph file {p}: {exc.strerror or exc}") from None
    if what is not None:  # say what the file is, not which byte the RDF parser choked on
        said = f"it is {what}: decompress it first" if what.endswith("-compressed") else f"it looks like {what}"
        raise GraphError(f"cannot read {p} as RDF: {said}, not a graph file")
    check_file(p, fmt)  # no DTD, no remote JSON-LD context, bounded nesting
    ds = Dataset(default_union=True)
    bind_prefixes(ds)
    try:
        ds.parse(str(p), format=fmt)
    except MemoryError:
        raise  # the caller's ceiling: reported as such, not as a file that is no RDF
    except Exception as exc:  # rdflib raises many parser-specific types
        from kgraph.core.errors import one_line

        raise GraphError(f"cannot read {p} as RDF ({fmt}): {one_line(exc)}") from None
    _in_file_order(ds)
    return _stable_blank_nodes(ds)


def _stable_blank_nodes(ds: Dataset) -> Dataset:
    """Return the dataset with its blank nodes named ``b0``, ``b1``... in the order the file first uses them.

    rdflib's parsers name each blank node after a random UUID drawn per parse: the same ``SELECT ?s ?o WHERE
    { ?s ?p ?o }`` printed other labels (and a ``CONSTRUCT`` wrote its triples in another order) in each run. A
    graph without blank nodes (kgraph writes none) is returned as it is, after one look at its terms.
    """
    quads = list(ds.quads((None, None, None, None)))
    if not any(isinstance(t, BNode) for q in quads for t in q):
        return ds
    names: dict = {}

    def stable(t):
        if isinstance(t, BNode):
            if t not in names:
                names[t] = BNode(f"b{len(names)}")
            return names[t]
        return t

    out = Dataset(default_union=True)
    for prefix, ns in ds.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    for s, p, o, g in quads:
        out.graph(stable(g)).add((stable(s), stable(p), stable(o)))
    _in_file_order(out)
    return out


class _OrderedSet(dict):
    """A set of rdflib's store that iterates in the order its members were added."""

    def add(self, item) -> None:
        self[item] = None

    def remove(self, item) -> None:
        del self[item]

    def discard(self, item) -> None:
        self.pop(item, None)

    def copy(self) -> _OrderedSet:
        return _OrderedSet(self)


def _in_file_order(ds: Dataset) -> None:
    """Make rdflib's in-memory store list a whole graph's triples, and its graphs, in the same order every run.

    Its ``Memory`` store keeps them in sets, whose order follows Python's per-process string hashing: the same
    ``SELECT ?s ?p ?o WHERE { ?s ?p ?o }`` (and a ``LIMIT`` without ``ORDER BY``) answered differently each run.
    The triples are put back in the order of its subject index (the file's order), graphs by name.
    """
    from rdflib.plugins.stores.memory import Memory

    store = ds.store
    if type(store) is not Memory:  # another store keeps its own order
        return
    by_context = store._Memory__contextTriples
    contexts = store._Memory__tripleContexts
    default = store._Memory__defaultContexts
    ordered = {ctx: _OrderedSet() for ctx in by_context}
    for s, po in store._Memory__spo.items():
        for p, objects in po.items():
            for o in objects:
                triple = (s, p, o)
                for ctx in contexts.get(triple, default) or ():
                    if ctx in ordered:
                        ordered[ctx][triple] = None
                ordered[None][triple] = None
    if all(len(ordered[ctx]) == len(by_context[ctx]) for ctx in by_context):  # else leave rdflib's sets as they are
        store._Memory__contextTriples = ordered
    graphs = store._Memory__all_contexts
    store._Memory__all_contexts = _OrderedSet((g, None) for g in sorted(graphs, key=lambda g: str(g.identifier)))
