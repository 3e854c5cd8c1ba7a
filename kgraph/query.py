"""SPARQL over a built graph, with the project's prefixes predefined."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

from .errors import QueryError
from .vocab import sparql_prologue


def saved_queries() -> dict[str, str]:
    """Return the saved queries shipped with kgraph, by name."""
    folder = resources.files("kgraph.queries")
    return {p.name[:-3]: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".rq")}


def resolve(query: str) -> str:
    """Return the text of a query given inline, as a ``.rq`` file, or by saved name."""
    saved = saved_queries()
    if query in saved:
        return saved[query]
    if query.endswith(".rq"):
        p = Path(query)
        if not p.is_file():
            raise QueryError(f"query file not found: {p}")
        return p.read_text(encoding="utf-8")
    return query


def run(graph, query: str):
    """Run a SPARQL query on an rdflib graph; the project's prefixes are predefined.

    Raises:
        QueryError: The query is malformed.
    """
    text = sparql_prologue() + query
    try:
        return graph.query(text)
    except Exception as exc:  # pyparsing and rdflib raise many types
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise QueryError(f"malformed query: {msg}") from None


def _cell(v) -> str:
    return "" if v is None else str(v)


def format_result(result, fmt: str = "table") -> str:
    """Render a query result as an aligned table, CSV or SPARQL JSON."""
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")
    if result.type == "ASK":
        return ("true" if result.askAnswer else "false") + "\n"
    vars_ = [str(v) for v in result.vars]
    rows = [[_cell(r[v]) for v in result.vars] for r in result]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(vars_)
        w.writerows(rows)
        return buf.getvalue()
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8") + "\n"
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(vars_)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(vars_, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"
