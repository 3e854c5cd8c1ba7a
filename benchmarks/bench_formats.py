"""Benchmark: every output format of a build, its size, triples, re-parse check, and SHACL validation time.

Builds the inputs once (extraction through the normal pipeline), then writes
each format with ``kgraph.graph.rdf.write_formats``, re-parses every RDF file in
pyoxigraph and counts quads, distinct triples and graphs, and validates
``graph.ttl`` and ``graph.trig`` against ``ontology/shapes.ttl``.

Usage::

    nice .venv/bin/python benchmarks/bench_formats.py seeds/
    nice .venv/bin/python benchmarks/bench_formats.py corpus.jsonl
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyoxigraph

from kgraph.graph import rdf
from kgraph.build.pipeline import build
from kgraph.graph.validate import validate_file

OX = {".ttl": pyoxigraph.RdfFormat.TURTLE, ".trig": pyoxigraph.RdfFormat.TRIG, ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
      ".nq": pyoxigraph.RdfFormat.N_QUADS, ".jsonld": pyoxigraph.RdfFormat.JSON_LD}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    t0 = time.perf_counter()
    result = build(args.inputs, output=out)
    kb = result.kb
    print(f"build: {len(kb.articles)} articles, {len(kb.entities)} entities, {len(kb.facts)} facts "
          f"in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    files = rdf.write_formats(kb, out, ["ttl,trig,nt,nq,jsonld,graphml,gexf,csv"])
    print(f"all formats written in {time.perf_counter() - t0:.2f} s")
    print(f"{'file':<16}{'bytes':>10}{'quads':>9}{'triples':>9}{'graphs':>8}{'parse s':>9}")
    for f in files:
        line = f"{f.name:<16}{f.stat().st_size:>10}"
        if f.suffix in OX:
            t0 = time.perf_counter()
            quads = list(pyoxigraph.parse(f.read_bytes(), format=OX[f.suffix]))
            dt = time.perf_counter() - t0
            triples = len({(q.subject, q.predicate, q.object) for q in quads})
            line += f"{len(quads):>9}{triples:>9}{len({q.graph_name for q in quads}):>8}{dt:>9.3f}"
        print(line)
    for name in ("graph.ttl", "graph.trig"):
        report = validate_file(out / name)
        print(f"validate {name}: conforms={report.conforms} triples={report.triples} "
              f"shacl={report.seconds:.2f} s, violations={len(report.violations)}")


if __name__ == "__main__":
    main()
