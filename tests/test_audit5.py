"""Hostile input found by the fifth adversarial audit (stop 64): each test failed on the code before its fix."""

from __future__ import annotations

import json

import pytest

from kgraph.build import cache
from kgraph.core import iri


# ---------------------------------------------------------------- an earlier build's manifest


@pytest.mark.parametrize("key", [
    'person/x> <http://evil.example/p> "y" .\n<http://evil.example/s',  # breaks out of the IRI
    "person/Yuri Ushakov",  # a space: no IRI
    "person/a{b}",
    "planet/Tarsk",  # no entity type
    "person/",
    "person/" + "a" * 5000,
])
def test_a_manifest_key_kgraph_never_gives_is_not_carried_into_the_graph(tmp_path, key):
    # A published key becomes an owl:sameAs IRI of the entity holding its anchors: one holding ">" and a line break
    # was written as \u003E escapes that Oxigraph refuses ("Invalid IRI code point"), so `query` failed on the graph.
    cache.write_manifest(tmp_path, {"a1": "1" * 64}, "m==1")
    path = tmp_path / ".kgraph" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["published"] = [["person/Oskar_Venn", [["a1", 0, 10, "Oskar Venn"]]], [key, [["a1", 0, 10, "Oskar Venn"]]]]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.warns(UserWarning, match="not an entity key"):
        published, _formats = cache.read_previous(tmp_path)
    assert published == {}


@pytest.mark.parametrize("name", ["Kim Jong-un", "", " . ", "Tarsk 2", "A" * 300, "a>b\n{c}", "\u202eRLO", "ﷺ x"])
def test_every_key_kgraph_gives_is_an_entity_key(name):
    for t in ("Person", "Organization", "Place", "Country"):
        assert iri.is_entity_key(iri.entity_key(t, name))
