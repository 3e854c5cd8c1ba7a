"""SPARQL over a built graph: saved queries, safety checks, and the result formats.

The project's prefixes (:data:`kgraph.core.vocab.PREFIXES`) are predefined by
passing them to the engine, not by prepending text, so a syntax error is
reported at the line and column of the user's own query.
"""

from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kgraph.core.errors import QueryError
from kgraph.sparql.sparql_guard import is_update, query_form  # noqa: F401  (part of this module's API)
from kgraph.sparql.store import RdflibStore, Result

#: Output formats, by name.
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle")
#: Media types of the result formats.
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
}

def uses_service(text: str) -> bool:
    """Return True if the query calls SERVICE (a call to another SPARQL endpoint), as its parsed form tells."""
    try:
        check(text)
    except QueryError as exc:
        return str(exc).startswith("SERVICE")
    return False


def check(text: str):
    """Refuse what kgraph never runs, deciding on the parsed query (see :mod:`kgraph.sparql.sparql_guard`).

    Updates (graphs are read-only), SERVICE (no network), queries nested or
    grown past the limits, lone surrogates and malformed queries are refused.

    Returns:
        rdflib's parsed query (its algebra), with the project's prefixes.

    Raises:
        QueryError: The text is refused or does not parse.
    """
    from kgraph.sparql.sparql_guard import parse
    from kgraph.core.vocab import PREFIXES

    return parse(text, PREFIXES)


# ---------------------------------------------------------------- saved queries


def saved_queries() -> dict[str, str]:
    """Return the saved queries shipped with kgraph, by name."""
    folder = resources.files("kgraph.queries")
    return {p.name[:-3]: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".rq")}


def description(text: str) -> str:
    """Return a query's description: its first comment line."""
    for line in text.splitlines():
        s = line.strip()
        if s.startswith("#"):
            return s.lstrip("#").strip()
        if s:
            break
    return ""


def list_saved() -> str:
    """Return the saved queries, one per line, with their descriptions."""
    saved = saved_queries()
    width = max(len(n) for n in saved)
    return "".join(f"{name.ljust(width)}  {description(text)}\n" for name, text in saved.items())


def resolve(query: str) -> str:
    """Return the text of a query given inline, as a ``.rq`` file, or by saved name.

    Raises:
        QueryError: A ``.rq`` file is missing or unreadable.
    """
    saved = saved_queries()
    if query in saved:
        return saved[query]
    if query.endswith(".rq"):
        from kgraph.core import userfile
        from kgraph.sparql.sparql_guard import MAX_LENGTH

        # A FIFO, a device or a file of gigabytes is refused before it is read (a query has at most
        # MAX_LENGTH characters, of at most four bytes each).
        text = userfile.read_text(query, QueryError, "query file", limit=4 * MAX_LENGTH)
        return text[1:] if text.startswith("\ufeff") else text  # the byte-order mark Notepad writes
    if re.fullmatch(r"[\w-]+", query.strip()):
        raise QueryError(f"no saved query named {query!r} (see `kgraph query --list`)")
    return query


def run(graph, query: str) -> Result:
    """Run a SPARQL query on a store or an rdflib graph; the project's prefixes are predefined.

    Args:
        graph: A store from :func:`kgraph.sparql.store.open_store`, or an rdflib Graph/Dataset.
        query: The query text.

    Raises:
        QueryError: The query is malformed, is an update, or uses SERVICE.
    """
    store = graph if hasattr(graph, "engine") else RdflibStore(dataset=graph)
    return store.query(query)  # every store passes the query through the gate (kgraph.sparql.sparql_guard) first


# ---------------------------------------------------------------- output formats


def _plain(t) -> str:
    if t is None:
        return ""
    if isinstance(t, BNode):
        return f"_:{t}"
    return str(t)


#: A cell a spreadsheet would read as a formula; a bare number ("-3.5") is read as the number and stays.
_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _unformula(text: str) -> str:
    """Return text with a leading apostrophe when a spreadsheet opening the results would run it as a formula."""
    return "'" + text if _FORMULA.match(text) and not _NUMBER.fullmatch(text) else text


def _csv_cell(t) -> str:
    return _unformula(_plain(t))


def _tsv_cell(t) -> str:
    # A string's quotes are stripped by a spreadsheet, which would run what they hold; a typed literal
    # ("-3"^^xsd:integer) is text with its datatype after the quotes, no formula.
    if isinstance(t, Literal) and t.datatype in (None, XSD.string) and (guarded := _unformula(str(t))) != str(t):
        t = Literal(guarded, lang=t.language, datatype=t.datatype)
    return _nt(t)


def _short(t) -> str:
    from kgraph.graph.rdf import term

    if isinstance(t, URIRef):
        shown = term(t)
        return shown[1:-1] if shown.startswith("<") else shown
    return _plain(t)


def _nt(t) -> str:
    from kgraph.graph.rdf import term

    return "" if t is None else term(t, short=False)


def _json_term(t) -> dict:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    out = {"type": "literal", "value": str(t)}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype is not None and t.datatype != XSD.string:
        out["datatype"] = str(t.datatype)
    return out


def _xml_term(t) -> str:
    if isinstance(t, URIRef):
        return f"<uri>{escape(str(t))}</uri>"
    if isinstance(t, BNode):
        return f"<bnode>{escape(str(t))}</bnode>"
    attrs = ""
    if t.language:
        attrs = f" xml:lang={quoteattr(t.language)}"
    elif t.datatype is not None and t.datatype != XSD.string:
        attrs = f" datatype={quoteattr(str(t.datatype))}"
    return f"<literal{attrs}>{escape(str(t))}</literal>"


def _shown(text: str) -> str:
    """Return a cell as the terminal should show it: line breaks as spaces, other non-printables escaped.

    A graph file is not trusted: an escape sequence in a label (``\\x1b]52;...``
    writes the clipboard, ``\\x1b[2J`` clears the screen) or a bidirectional
    override must reach the terminal as visible text, not act on it.
    """
    text = text.replace("\n", " ")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _table(vars_: list[str], rows: list[tuple]) -> str:
    cells = [[_shown(_short(c)) for c in r] for r in rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(vars_)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(vars_, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    n = len(rows)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


class ResultError(QueryError):
    """A result holds text no output format can carry (a lone surrogate from the graph file)."""


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a result: SELECT/ASK as table, CSV, TSV, SPARQL JSON or XML; CONSTRUCT/DESCRIBE as Turtle.

    The text is always encodable as UTF-8.

    Raises:
        QueryError: The format does not fit the kind of result.
        ResultError: The result holds a lone surrogate (no character: it cannot be written).
    """
    cells = result.rows if result.type == "SELECT" else result.triples
    for row in cells:
        for t in row:
            if t is not None and _SURROGATE.search(str(t)):
                _refuse_surrogate(str(t))
    text = _format_result(result, fmt)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        _refuse_surrogate(text[exc.start:])
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters XML 1.0 cannot hold (lone surrogates are refused for every format above).
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _refuse_surrogate(text: str):
    m = _SURROGATE.search(text)
    code = ord(m.group()) if m else 0xD800
    raise ResultError(f"the result holds U+{code:04X}, a lone surrogate that no output format can carry "
                      "(the graph file has it as an escape)")


def _format_result(result: Result, fmt: str) -> str:
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if fmt not in ("turtle", "table"):
            raise QueryError(f"a {result.type} query gives a graph: use --format turtle")
        from kgraph.graph.rdf import serialize_quads

        return serialize_quads((s, p, o, None) for s, p, o in result.triples)
    if fmt == "turtle":
        raise QueryError(f"a {result.type} query gives no graph: use --format table, csv, tsv, json or xml")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
        if fmt == "xml":
            return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
                    f"  <head/>\n  <boolean>{'true' if result.boolean else 'false'}</boolean>\n</sparql>\n")
        return ("true" if result.boolean else "false") + "\n"
    vars_, rows = result.vars, result.rows
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(vars_)
        w.writerows([_csv_cell(c) for c in r] for r in rows)
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in vars_)] + ["\t".join(_tsv_cell(c) for c in r) for r in rows]
        return "\n".join(lines) + "\n"
    if fmt == "json":
        bindings = [{v: _json_term(c) for v, c in zip(vars_, r) if c is not None} for r in rows]
        doc = {"head": {"vars": vars_}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if fmt == "xml":
        for r in rows:  # XML 1.0 has no way to write these, not even as &#1;: the document would be broken
            for c in r:
                if c is not None and (m := _XML_BAD.search(str(c))):
                    raise ResultError(f"the result holds U+{ord(m.group()):04X}, a character that XML "
                                      "cannot carry; ask for JSON, CSV or TSV results instead")
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n  <head>\n']
        out += [f"    <variable name={quoteattr(v)}/>\n" for v in vars_]
        out.append("  </head>\n  <results>\n")
        for r in rows:
            out.append("    <result>\n")
            out += [f"      <binding name={quoteattr(v)}>{_xml_term(c)}</binding>\n"
                    for v, c in zip(vars_, r) if c is not None]
            out.append("    </result>\n")
        out.append("  </results>\n</sparql>\n")
        return "".join(out)
    return _table(vars_, rows)


def canonical(result: Result) -> tuple:
    """Return an engine-independent form of a result, for comparing answers (rows as a sorted multiset)."""
    def key(t):
        if t is None:
            return ""
        if isinstance(t, Literal) and t.datatype is not None and t.datatype != XSD.string:
            if t.datatype in _NUMERIC:
                from decimal import Decimal, InvalidOperation

                try:
                    return f"{Decimal(str(t)).normalize()}^^number"
                except InvalidOperation:
                    return _nt(t)
            return _nt(t)
        return _nt(t)

    if result.type == "ASK":
        return ("ASK", result.boolean)
    if result.type == "SELECT":
        return ("SELECT", tuple(result.vars), tuple(sorted(tuple(key(c) for c in r) for r in result.rows)))
    return (result.type, tuple(sorted(tuple(key(c) for c in t) for t in result.triples)))


_NUMERIC = {XSD.integer, XSD.decimal, XSD.double, XSD.float}
