"""Validation: check a graph against the SHACL shapes in ``ontology/shapes.ttl``.

Uses pyshacl, without inference by default; the shapes give the same answer
under RDFS and OWL-RL inference (with the ontology as extra axioms), so a
validator that infers first does not see false violations. It checks the union of all named graphs, so a TriG or N-Quads file is checked as
the one graph it describes: entity types in the default graph, evidence in
each article's graph.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from kgraph.core.errors import ValidationError
from kgraph.core.model import SIGNATURES, fits  # noqa: F401  (fits is part of this module's API)
from kgraph.core.vocab import ontology_path


@dataclass(frozen=True)
class Violation:
    """One result of a failed check: which node, which property, what is wrong."""

    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str | None = None
    severity: str = "Violation"

    def line(self) -> str:
        """Return the violation as one readable line."""
        where = self.focus + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value is not None and self.value != self.focus else ""
        text = f"{self.severity}: {where}: {self.message}{value}"
        # IRIs and values come from an untrusted file: an escape sequence (ESC ]52 writes the clipboard, ESC [2J
        # clears the screen), a line break or a bidirectional override is shown as text, not sent to the terminal.
        return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


@dataclass(frozen=True)
class Report:
    """The outcome of validating one graph."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int
    seconds: float

    def text(self) -> str:
        """Return the report as the lines ``kgraph validate`` prints."""
        if self.conforms:
            return f"conforms: {self.triples} triples checked in {self.seconds:.2f} s"
        lines = [f"does not conform: {len(self.violations)} violation(s) in {self.triples} triples"]
        lines += [v.line() for v in self.violations]
        return "\n".join(lines)


@cache
def shapes_graph() -> Graph:
    """Return the shapes as an rdflib graph (parsed once)."""
    g = Graph()
    g.parse(data=ontology_path("shapes.ttl").read_text(encoding="utf-8"), format="turtle")
    return g


def signatures() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Return, for each relation predicate, the entity types its subject and object may have.

    Generated from the ontology's ``rdfs:domain`` and ``rdfs:range`` (unions
    included), with subclasses: a range of Place accepts a Country.
    """
    return SIGNATURES


def _short(t) -> str | None:
    if t is None:
        return None
    from kgraph.core.vocab import PREFIXES

    if isinstance(t, Literal):
        s = str(t)
        return repr(s if len(s) <= 60 else s[:57] + "...")
    if isinstance(t, URIRef):
        u = str(t)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if u.startswith(ns) and len(u) > len(ns):
                return f"{prefix}:{u[len(ns):]}"
        return f"<{u}>"
    return "[]"  # a blank node: a complex path or an anonymous shape


def _union(graph: Graph) -> Graph:
    """Return all the triples of a graph or dataset as one plain Graph."""
    if type(graph) is Graph:
        return graph
    g = Graph()
    for s, p, o, *_ in graph.quads((None, None, None, None)) if hasattr(graph, "quads") else graph:
        g.add((s, p, o))
    return g


#: Inference regimes pyshacl can apply before checking ("none", RDFS, OWL-RL).
INFERENCE = ("none", "rdfs", "owlrl")


def validate_graph(graph: Graph, inference: str = "none") -> Report:
    """Check a graph (or dataset: all its named graphs together) against the shapes.

    Args:
        graph: The graph or dataset.
        inference: One of :data:`INFERENCE`; with inference the ontology's
            axioms are added to the data first (on a copy).

    Returns:
        A :class:`Report`; it does not raise when the graph does not conform
        (use :func:`check` for that).
    """
    import pyshacl

    from kgraph.core.vocab import ontology_graph

    if inference not in INFERENCE:
        raise ValueError(f"inference must be one of {', '.join(INFERENCE)}")
    data = _union(graph)
    t0 = time.perf_counter()
    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference=inference, advanced=False, abort_on_first=False,
        ont_graph=ontology_graph() if inference != "none" else None,
        allow_infos=True, allow_warnings=True)
    seconds = time.perf_counter() - t0
    violations = []
    # Only the report's own results: nested sh:detail results repeat them less readably.
    top = [r for rep in results.subjects(RDF.type, SH.ValidationReport) for r in results.objects(rep, SH.result)]
    for r in top:
        msgs = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        severity = results.value(r, SH.resultSeverity)
        violations.append(Violation(
            focus=_short(results.value(r, SH.focusNode)) or "?",
            path=_short(results.value(r, SH.resultPath)),
            value=_short(results.value(r, SH.value)),
            message=msgs[0] if msgs else "constraint not met",
            shape=_short(results.value(r, SH.sourceShape)),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"))
    uniq = sorted(set(violations), key=lambda v: (v.focus, v.path or "", v.message, v.value or ""))
    return Report(conforms=bool(conforms), violations=tuple(uniq), triples=len(data), seconds=seconds)


def validate_file(path: str | Path, inference: str = "none") -> Report:
    """Read a graph file (any RDF format :func:`kgraph.graph.rdf.load` reads) and validate it.

    A folder stands for the ``graph.ttl`` a build wrote into it.

    Raises:
        GraphError: The file is missing or is not RDF.
    """
    from kgraph.graph.rdf import load

    p = Path(path)
    return validate_graph(load(p / "graph.ttl" if p.is_dir() else p), inference=inference)


def check(graph: Graph) -> Report:
    """Validate a graph and raise when it does not conform.

    Raises:
        ValidationError: The graph does not conform; the message lists the violations.
    """
    report = validate_graph(graph)
    if not report.conforms:
        raise ValidationError(report.text())
    return report
