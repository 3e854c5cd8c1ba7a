"""The entity model's scores: kept on each mention, cached, summed per entity, and stated in the graph."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from kgraph.build import cache
from kgraph.core.iri import entity_iri
from kgraph.core.model import SCORE_CLASSES, SCORE_DIGITS, Article, Extraction, Mention
from kgraph.core.vocab import KG
from kgraph.extraction import entity_model
from kgraph.graph import rdf
from kgraph.graph.validate import validate_graph
from kgraph.linking.link import link_extractions


def _ex(aid: str, *mentions: tuple[str, str, tuple | None]) -> Extraction:
    """Return an extraction of the names written one after another, each with its scores (or None)."""
    out, pos = [], 0
    for text, kind, scores in mentions:
        out.append(Mention(text, kind, pos, pos + len(text), text, scores))
        pos += len(text) + 1
    return Extraction(Article(aid, " ".join(t for t, _k, _s in mentions)), tuple(out))


_UNSURE = (0.4, 0.1, 0.4, 0.05, 0.05)  # "none" 0.4: the model was 0.6 sure it is a name
_SURE = (0.1, 0.0, 0.8, 0.1, 0.0)


def _kb():
    return link_extractions([
        _ex("a", ("Tarsk Mining", "Organization", _UNSURE), ("Tarsk Mining", "Organization", _UNSURE),
            ("Velmora", "Place", None)),
        _ex("b", ("Tarsk Mining", "Organization", _SURE))])


def test_scores_are_no_part_of_a_mentions_identity():
    """Two mentions that differ only in their scores are one: relations and caches find each other's."""
    a = Mention("Tarsk", "Place", 0, 5, "Tarsk", _SURE)
    b = Mention("Tarsk", "Place", 0, 5, "Tarsk")
    assert a == b and hash(a) == hash(b) and a.scores == _SURE and b.scores is None


def test_the_cache_keeps_a_mentions_scores():
    """A scored mention goes through the cache with its scores; an unscored one stays a row of 5 fields."""
    ex = _ex("a", ("Tarsk Mining", "Organization", _UNSURE), ("Velmora", "Place", None))
    back = cache.loads(cache.dumps(ex))
    assert [m.scores for m in back.mentions] == [_UNSURE, None]
    assert cache.extraction_to_json(ex)["mentions"][1] == ["Velmora", "Place", 13, 20, "Velmora"]
    assert cache.dumps(back) == cache.dumps(ex)
    row = cache.extraction_to_json(ex)
    for bad in ([0.5, 0.5], [2.0, 0, 0, 0, 0], ["0.4", 0, 0, 0, 0], None):
        row["mentions"][0] = ["Tarsk Mining", "Organization", 0, 12, "Tarsk Mining", bad]
        with pytest.raises(ValueError, match="scores are malformed"):  # a damaged row: parsed again
            cache.extraction_from_json(row)


def test_extraction_gives_each_name_the_models_averaged_scores(nlp):
    """The names the entity model decided carry its class probabilities, rounded, one set per name and article."""
    from kgraph.extraction.extract import extract_articles

    art = Article("s", "Halvard Tessen, the chief of Orvanta Freight, spoke in Berlin on Monday. "
                       "Tessen said Orvanta Freight would hire 200 people in Berlin.")
    [ex] = extract_articles([art], nlp=nlp)
    scored = [m for m in ex.mentions if m.scores is not None]
    assert SCORE_CLASSES == entity_model.CLASSES  # the scores are the model's classes, in its order
    assert len(scored) >= 3
    for m in scored:
        assert len(m.scores) == len(SCORE_CLASSES)
        assert all(round(x, SCORE_DIGITS) == x and 0.0 <= x <= 1.0 for x in m.scores)
        assert abs(sum(m.scores) - 1.0) < 0.01
    by_name: dict = {}
    for m in scored:
        by_name.setdefault(m.name, set()).add(m.scores)
    assert all(len(s) == 1 for s in by_name.values())  # a name's mentions in one article share its scores
    [again] = extract_articles([art], nlp=nlp)
    assert [m.scores for m in again.mentions] == [m.scores for m in ex.mentions]


def test_an_entitys_name_confidence_is_its_surest_article_and_its_votes_the_sum():
    """Name confidence: 1 - "none", the highest over the articles; type votes: each type's scores summed."""
    kb = _kb()
    by_label = {e.label: e for e in kb.entities}
    tarsk = by_label["Tarsk Mining"]
    assert tarsk.name_confidence == 0.9  # article b (0.9) over article a (0.6)
    assert tarsk.type_votes == (("Person", 0.2), ("Organization", 1.6), ("Place", 0.2), ("Country", 0.1))
    assert by_label["Velmora"].name_confidence is None and by_label["Velmora"].type_votes == ()


def test_the_graph_states_name_confidence_and_votes_and_conforms():
    """kg:nameConfidence and the votes are decimals on the entity; a graph with them conforms to the shapes."""
    kb = _kb()
    text = rdf.serialize(kb)
    g = Graph().parse(data=text, format="turtle")
    tarsk = next(e for e in kb.entities if e.label == "Tarsk Mining")
    ent = entity_iri(tarsk.key)
    assert g.value(ent, KG.nameConfidence) == Literal(Decimal("0.900"), datatype=XSD.decimal)
    assert g.value(ent, KG.organizationVotes) == Literal(Decimal("1.600"), datatype=XSD.decimal)
    assert g.value(ent, KG.countryVotes) == Literal(Decimal("0.100"), datatype=XSD.decimal)
    velmora = entity_iri(next(e for e in kb.entities if e.label == "Velmora").key)
    assert g.value(velmora, KG.nameConfidence) is None
    assert validate_graph(g).conforms
    g.set((ent, KG.nameConfidence, Literal(Decimal("1.5"), datatype=XSD.decimal)))
    assert not validate_graph(g).conforms  # a confidence is at most 1


def test_the_same_extractions_give_the_same_bytes_in_any_order():
    """The summed votes do not depend on the order the articles come in."""
    exs = [_ex("a", ("Tarsk Mining", "Organization", (0.333, 0.111, 0.222, 0.111, 0.223))),
           _ex("b", ("Tarsk Mining", "Organization", (0.101, 0.303, 0.404, 0.091, 0.101))),
           _ex("c", ("Tarsk Mining", "Organization", (0.07, 0.13, 0.7, 0.05, 0.05)))]
    first = rdf.serialize(link_extractions(exs))
    assert "kg:nameConfidence" in first
    assert rdf.serialize(link_extractions(list(reversed(exs)))) == first
    assert rdf.serialize(link_extractions(exs[1:] + exs[:1])) == first
