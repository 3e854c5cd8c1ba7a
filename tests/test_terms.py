"""The vocabulary in code is generated from the ontology, matches it, and no other module writes its terms as strings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kgraph.core import _gen_terms
from kgraph.core.namespace import KG
from kgraph.core.terms import ENTITY_TYPES, PREDICATES, Predicate
from kgraph.core.vocab import ontology_path


def test_generated_modules_match_the_ontology():
    for target, text in zip(_gen_terms.TARGETS, _gen_terms.generate(ontology_path().read_text(encoding="utf-8"))):
        assert target.read_text(encoding="utf-8") == text, f"{target.name}: run python -m kgraph.core._gen_terms"


def test_a_new_ontology_term_changes_the_generated_modules():
    ttl = ontology_path().read_text(encoding="utf-8")
    extra = ttl + """
kg:advises
    a owl:ObjectProperty ;
    rdfs:label "advises"@en ;
    rdfs:domain kg:Person ;
    rdfs:range kg:Person .
"""
    terms, namespace = _gen_terms.generate(extra)
    assert 'advises = "advises"' in terms and "    advises: URIRef" in namespace


def test_core_vocabulary_in_display_order():
    assert ENTITY_TYPES == ("Person", "Organization", "Place", "Country")
    assert PREDICATES[:3] == ("worksFor", "memberOf", "leaderOf") and PREDICATES[-1] == "killed"
    assert "mentionedIn" not in PREDICATES  # links an entity to an article, not to an entity


def test_namespace_is_closed():
    assert str(KG.worksFor).endswith("#worksFor") and KG["Person"] == KG.Person
    with pytest.raises(AttributeError):
        KG.workFor  # noqa: B018  (a misspelt term)


def test_predicates_are_plain_strings_in_output():
    import json

    assert json.dumps({"p": Predicate.worksFor}) == '{"p": "worksFor"}' and f"{Predicate.killed}" == "killed"


def test_importing_the_records_loads_no_heavy_library():
    code = "import sys, kgraph.core.model; print(sorted(m for m in ('rdflib', 'networkx', 'spacy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


#: Modules that define the vocabulary (generated from the ontology) and mint the IRIs.
_VOCABULARY_MODULES = {"core/terms.py", "core/namespace.py", "core/_gen_terms.py", "core/iri.py"}


def _code_strings(path):
    """Yield (line, text) of the string constants of a module that are not docstrings (f-string parts included)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {id(n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}
    for n in ast.walk(tree):
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip:
            yield n.lineno, n.value


def _term_strings(path) -> list[tuple[int, str]]:
    """Return (line, text) of each string of a module that writes an ontology term or a kgraph IRI."""
    import re

    terms = set(KG.__annotations__)
    # Lower-case one-word properties ("start", "role") are ordinary words in code; a class, a predicate
    # or a two-word property ("mentionedIn") is the term.
    names = set(ENTITY_TYPES) | set(PREDICATES) | {t for t in terms if not t.islower()}
    written = re.compile(r"\bkg:(" + "|".join(sorted(terms, key=len, reverse=True)) + r")\b|w3id\.org/kgraph")
    return sorted((line, text) for line, text in _code_strings(path) if text in names or written.search(text))


def test_no_term_or_kgraph_iri_is_written_as_a_string_outside_the_vocabulary():
    from pathlib import Path

    pkg = Path(__file__).resolve().parent.parent / "kgraph"
    found = []
    for path in sorted(pkg.rglob("*.py")):
        rel = path.relative_to(pkg).as_posix()
        if rel in _VOCABULARY_MODULES or rel == "__init__.py":  # the root lists Python names ("Article"), not terms
            continue
        found += [f"kgraph/{rel}:{line}: {text[:60]!r}" for line, text in _term_strings(path)]
    assert not found, "use Predicate, EntityType, KG or kgraph.core.iri instead of strings: " + "; ".join(found)


def test_a_term_written_as_a_string_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('"""Docstrings may name worksFor."""\n\nP = "worksFor"\nQ = f"?s kg:Person {1}"\n'
                   'BASE = "https://w3id.org/kgraph/id/"\nM = "mentionedIn"\nS = "start"\n', encoding="utf-8")
    assert [line for line, _text in _term_strings(bad)] == [3, 4, 5, 6]
