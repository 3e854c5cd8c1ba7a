"""The twelfth adversarial pass (stop 74): queries and graph files, not article text.

Each test failed on the code before its fix. Invented inputs only.
"""

from __future__ import annotations

import json
import random
import re
import string

import pytest

from kgraph.core.errors import GraphError, QueryError
from kgraph.graph import safe_rdf
from kgraph.sparql import sparql_guard

# ---------------------------------------------------------------- a query whose strings never close

#: 20,000 quotes on one line, each escaped in the string the first one opens: no string closes.
OPEN_STRINGS = ["SELECT * WHERE { ?s ?p ?o } " + q + ("\\" + q) * 20_000 for q in ('"', "'")]
OPEN_STRINGS += ["SELECT * WHERE { ?s ?p ?o } " + '"\\' * 20_000, 'SELECT * { } """' + '\\"""' * 10_000]


@pytest.mark.parametrize("text", OPEN_STRINGS, ids=["double", "single", "backslashed", "long"])
def test_an_unclosed_string_is_one_piece_of_noise_for_the_endpoints_keyword_search(text):
    # The endpoint reads a query's first keyword in its own process, before a worker gets it: the search for
    # strings tried again from each later quote, reading the rest of the line each time, and held the server's
    # every thread meanwhile (32 kB of '"\' took 13 s; the 1 MB a POST may carry, hours).
    start = text.index("}") + 2
    m = sparql_guard._NOISE.match(text, start)
    assert m is not None and m.end() == len(text)
    assert sparql_guard.query_form(text) == "SELECT"
    # closed strings are read as before
    assert sparql_guard.query_form('PREFIX x: <http://e/> # SELECT\n"SELECT" ASK {}') == "ASK"
    assert sparql_guard.query_form('"""SELECT""" DESCRIBE <x>') == "DESCRIBE"
    assert sparql_guard.query_form("'SELECT \\' DELETE' CONSTRUCT {} WHERE {}") == "CONSTRUCT"


class _Spy:
    """A compiled pattern that notes each string it was asked to read from a quote and found open (or none)."""

    def __init__(self, real, calls):
        self.real, self.calls = real, calls

    def match(self, text, pos=0, *args):
        m = self.real.match(text, pos, *args)
        if text[pos:pos + 1] in ("'", '"') and (m is None or m.end() - pos == 1 or text[m.end() - 1] != text[pos]):
            self.calls.append(pos)  # read on to the end of the line (or text) for no string
        return m


@pytest.mark.parametrize("text", OPEN_STRINGS[:3], ids=["double", "single", "backslashed"])
def test_the_gate_reads_a_line_of_unclosed_strings_once(text, monkeypatch):
    # The gate's lexer looked for each quote's closing one to the end of the line: 16 kB of '"\' took 3.6 s of
    # `kgraph query`'s time limit, 1 MB hours (each quote costs one more read of the line).
    calls: list = []
    for name in dir(sparql_guard):
        value = getattr(sparql_guard, name)
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(sparql_guard, name, _Spy(value, calls))
        elif isinstance(value, dict) and value and all(isinstance(v, re.Pattern) for v in value.values()):
            monkeypatch.setattr(sparql_guard, name, {k: _Spy(v, calls) for k, v in value.items()})
    sparql_guard.scan(text)
    assert len(calls) <= 4
    # closed strings are read as before, and SERVICE after an open string is still seen
    sparql_guard.scan('SELECT ?s WHERE { ?s ?p "a \\" b" . ?s ?p \'c \\\' d\' . ?s ?p """one "" two\n three""" }')
    for hidden in ('SELECT * { ?s ?p "x" } "\\"\\" SERVICE <http://e/> { }', 'SELECT * { ?s ?p "x \n SERVICE <http://e/> {} " }'):
        with pytest.raises(QueryError, match="SERVICE"):
            sparql_guard.scan(hidden)


# ---------------------------------------------------------------- prefixes that expand every name of a file


def _long_iri(n: int = 100_000) -> str:
    rng = random.Random(7)  # incompressible: the store on disk grew as the expanded text
    return "http://veltria.example/" + "".join(rng.choice(string.ascii_letters) for _ in range(n)) + "#"


def _turtle_by_prefix(tmp_path):
    lines = [f"@prefix a: <{_long_iri()}> ."] + [f"a:s{i} a:p a:o{i} ." for i in range(2000)]
    return "prefix.ttl", "\n".join(lines) + "\n"


def _turtle_by_growing_base(tmp_path):
    # Each relative base adds to the one before: 40,000 of them took rdflib three minutes and gigabytes.
    return "base.ttl", "".join(f"@base <k{i}/> .\n<a> <b> <c> .\n" for i in range(40_000))


def _trig_by_prefix(tmp_path):
    body = " ".join(f"a:s{i} a:p a:o{i} ." for i in range(2000))
    return "prefix.trig", f"PREFIX a: <{_long_iri()}>\na:g {{ {body} }}\n"


def _jsonld_by_context(tmp_path):
    doc = {"@context": {"a": _long_iri()},
           "@graph": [{"@id": f"a:s{i}", "a:p": {"@id": f"a:o{i}"}} for i in range(2000)]}
    return "context.jsonld", json.dumps(doc)


def _rdfxml_by_namespace(tmp_path):
    iri = _long_iri()
    nodes = "".join(f'<rdf:Description rdf:about="s{i}"><a:p{i} rdf:resource="o{i}"/></rdf:Description>'
                    for i in range(2000))
    return "namespace.rdf", (f'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
                             f' xmlns:a="{iri}" xml:base="{iri}">{nodes}</rdf:RDF>')


EXPANSIVE = [_turtle_by_prefix, _turtle_by_growing_base, _trig_by_prefix, _jsonld_by_context, _rdfxml_by_namespace]


@pytest.mark.parametrize("make", EXPANSIVE, ids=lambda f: f.__name__)
def test_a_file_whose_prefixes_expand_its_names_without_bound_is_refused_before_parsing(make, tmp_path):
    # 142 kB of Turtle (a prefix of 100 kB used by 4,000 names) became 383 MB of Oxigraph store on disk; ten times
    # the names, 4 GB of `kgraph view`'s memory.
    name, text = make(tmp_path)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphError, match="could expand its IRIs"):
        safe_rdf.check_file(path)


@pytest.mark.parametrize("make", EXPANSIVE, ids=lambda f: f.__name__)
def test_an_expansive_file_is_one_error_line_for_every_command(make, tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import main

    name, text = make(tmp_path)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for args in (["view", str(path), "-o", str(tmp_path / "p.html")], ["review", str(path)],
                 ["query", "ASK {}", "--store", "oxigraph", str(path)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1 and "could expand its IRIs" in result.output, (args, result.output)
    assert not (tmp_path / "p.html").exists() and not list(tmp_path.glob("*.oxigraph"))


def test_the_budget_follows_the_file_size(tmp_path, monkeypatch):
    # A small configured budget: a prefix used by many names is refused, the same file under budget is read.
    monkeypatch.setattr(safe_rdf, "EXPANSION_FLOOR", 1000)
    monkeypatch.setattr(safe_rdf, "EXPANSION_PER_BYTE", 1)
    path = tmp_path / "small.ttl"
    path.write_text("@prefix a: <http://veltria.example/" + "x" * 200 + "#> .\n"
                    + "".join(f"a:s{i} a:p a:o{i} .\n" for i in range(50)), encoding="utf-8")
    with pytest.raises(GraphError, match="could expand its IRIs"):
        safe_rdf.check_file(path)
    monkeypatch.setattr(safe_rdf, "EXPANSION_PER_BYTE", 64)
    safe_rdf.check_file(path)
    from kgraph.graph import rdf

    assert len(rdf.load(path)) == 50
