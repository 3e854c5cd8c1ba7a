"""The vocabulary in code is generated from the ontology and matches it."""

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
