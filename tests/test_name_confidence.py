"""The entity model's scores: kept on each mention and cached."""

from __future__ import annotations

import pytest

from kgraph.build import cache
from kgraph.extraction import entity_model
from kgraph.core.model import SCORE_CLASSES, SCORE_DIGITS, Article, Extraction, Mention


def _ex(aid: str, *mentions: tuple[str, str, tuple | None]) -> Extraction:
    """Return an extraction of the names written one after another, each with its scores (or None)."""
    out, pos = [], 0
    for text, kind, scores in mentions:
        out.append(Mention(text, kind, pos, pos + len(text), text, scores))
        pos += len(text) + 1
    return Extraction(Article(aid, " ".join(t for t, _k, _s in mentions)), tuple(out))


_UNSURE = (0.4, 0.1, 0.4, 0.05, 0.05)  # "none" 0.4: the model was 0.6 sure it is a name
_SURE = (0.1, 0.0, 0.8, 0.1, 0.0)


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
