"""Namespaces; the kgraph terms are generated from ``ontology/kgraph.ttl``.

The ontology is the single source of truth: :class:`KG` is a closed
``DefinedNamespace`` generated from it (:mod:`kgraph.core.namespace`), holding
exactly the terms the ontology defines, so a misspelt term fails at once
instead of producing a silently wrong graph.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

import rdflib.term
from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kgraph.core.iri import ENTITY_BASE as ID_IRI, GEONAMES_BASE
from kgraph.core.namespace import KG

_XSD_DECIMAL = re.compile(r"\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")


def _decimal(lexical: str) -> Decimal:
    """Return the value of an ``xsd:decimal`` lexical form; ValueError for any other text.

    rdflib reads it with ``Decimal()``, which takes exponents ("1e999999999", not a decimal's lexical form)
    and then writes the value out in full: a 60-byte literal in a graph file grew to gigabytes in ``view``,
    ``validate``, ``review`` and query results. An ill-typed literal keeps its text instead.
    """
    if not _XSD_DECIMAL.fullmatch(lexical):
        raise ValueError(f"not an xsd:decimal lexical form: {lexical[:40]!r}")
    return Decimal(lexical)


rdflib.term._toPythonMapping[XSD.decimal] = _decimal  # rdflib.term.bind() would log a warning and add a rule

KG_IRI = str(KG)
ONTOLOGY_IRI = KG_IRI.rstrip("#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GN = Namespace(GEONAMES_BASE)
KGR = Namespace(ID_IRI)


class Terms:
    """A namespace whose terms are made once each: ``Terms(RDF).type`` is ``RDF.type``.

    rdflib's namespaces make a term on every read (and closed ones check the name first, in Python): writing a
    graph's files read them millions of times, a tenth of the time.
    """

    def __init__(self, ns):
        self._ns = ns
        self._items: dict = {}

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        got = getattr(self._ns, name)
        setattr(self, name, got)  # read as a plain attribute from now on
        return got

    def __getitem__(self, name):
        got = self._items.get(name)
        if got is None:
            got = self._items[name] = self._ns[name]
        return got

    def __str__(self) -> str:
        return str(self._ns)


def ontology_path(name: str = "kgraph.ttl"):
    """Return the path of a file shipped in the ontology folder.

    An installed kgraph carries the folder as package data
    (``kgraph.ontology``); a source checkout imported from its own folder
    (``python -m pytest`` in the checkout puts it first on ``sys.path``)
    has it at the top level, beside the package.
    """
    try:
        return resources.files("kgraph.ontology").joinpath(name)
    except ModuleNotFoundError:
        here = Path(__file__).resolve()
        return next((p / "ontology" / name for p in here.parents if (p / "ontology" / name).is_file()),
                    here.parent / "ontology" / name)


@cache
def ontology_graph() -> Graph:
    """Return the ontology as an rdflib graph (parsed once)."""
    g = Graph()
    g.parse(data=ontology_path().read_text(encoding="utf-8"), format="turtle")
    return g


#: Prefixes bound in every graph and predefined in every query.
PREFIXES = {
    "kg": KG_IRI,
    "kgr": ID_IRI,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "geo": str(GEO),
    "wd": str(WD),
}


def sparql_prologue() -> str:
    """Return the PREFIX lines every query gets."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
