"""The extraction cache and manifest: exact JSON round trips, keys, storage."""

from __future__ import annotations

import json

import pytest

from kgraph.build import cache
from kgraph.core.errors import GraphError
from kgraph.core.model import Article, Extraction, Mention, Relation

_PUTIN = Mention("Putin", "Person", 30, 35, "Vladimir Putin")
_RUSSIA = Mention("Russian", "Country", 12, 19, "Russia")


def _extraction(**article) -> Extraction:
    art = Article(**{"id": "a1", "text": "Yesterday, Russian President Putin spoke.", **article})
    rel = Relation(_PUTIN, "leaderOf", _RUSSIA, 0.9, "rule:title-premodifier", "Russian President Putin spoke.",
                   11, 41, role="President")
    return Extraction(art, (_RUSSIA, _PUTIN), (rel,))


@pytest.mark.parametrize("ex", [
    _extraction(),
    _extraction(title="Héadline – “quoted”", url="https://example.org/a?b=1&c=2", date="2024-01-02",
                source="corpus.jsonl:3"),
    _extraction(text="Lone surrogate \ud800 and emoji \U0001F600 and NUL-free Ω"),
    Extraction(Article("empty", "No entities here.")),
    # A relation whose mention is not in the article's mention list is stored inline.
    Extraction(Article("x", "Yesterday, Russian President Putin spoke."), (_RUSSIA,),
               (Relation(_PUTIN, "citizenOf", _RUSSIA, 0.5, "m", "s", 0, 1, None),)),
], ids=["plain", "metadata-unicode", "surrogate-emoji", "no-mentions", "inline-mention"])
def test_extraction_json_round_trips_exactly(ex):
    text = cache.dumps(ex)
    assert "\n" not in text
    back = cache.loads(text)
    assert back == ex
    assert back.article.sha == ex.article.sha
    assert cache.loads(cache.dumps(back)) == back


def test_real_extraction_round_trips(nlp):
    from kgraph.extraction.extract import extract_articles

    art = Article("s", "Kremlin foreign policy adviser Yuri Ushakov met Kim Jong Un in Pyongyang, North Korea.")
    [ex] = extract_articles([art], nlp=nlp)
    assert ex.mentions
    assert cache.loads(cache.dumps(ex)) == ex


def test_cache_key_depends_on_text_metadata_model_and_extractor():
    a = Article("a", "Some text.")
    base = cache.cache_key(a, "m==1", "x1")
    assert base == cache.cache_key(Article("a", "Some text.", source="elsewhere"), "m==1", "x1")  # path is not content
    others = [cache.cache_key(Article("a", "Some text!"), "m==1", "x1"),
              cache.cache_key(Article("b", "Some text."), "m==1", "x1"),
              cache.cache_key(Article("a", "Some text.", title="T"), "m==1", "x1"),
              cache.cache_key(Article("a", "Some text.", date="2024"), "m==1", "x1"),
              cache.cache_key(a, "m==2", "x1"),
              cache.cache_key(a, "m==1", "x2")]
    assert len({base, *others}) == 7


def test_extractor_version_is_stable_hex():
    v = cache.extractor_version()
    assert len(v) == 16 and int(v, 16) >= 0
    cache._code_version.cache_clear()
    assert cache.extractor_version() == v


def test_extractor_version_says_whether_names_are_read_again(monkeypatch):
    from kgraph.extraction.retype import ARTICLE_SWITCH

    monkeypatch.delenv(ARTICLE_SWITCH, raising=False)
    off = cache.extractor_version()
    monkeypatch.setenv(ARTICLE_SWITCH, "1")
    on = cache.extractor_version()
    assert on != off and len(on) == 16


def test_model_fingerprint_names_version_and_rejects_missing():
    from kgraph.core.errors import ModelError

    fp = cache.model_fingerprint(None)
    assert "==" in fp and "?" not in fp
    with pytest.raises(ModelError):
        cache.model_fingerprint("no_such_pipeline_xyz")


def test_store_put_get_prune(tmp_path):
    ex1, ex2 = _extraction(), _extraction(id="a2")
    with cache.ExtractionCache(tmp_path / "c.sqlite") as store:
        store.put("k1", ex1)
        store.put("k2", cache.dumps(ex2))
        assert "k1" in store and "k3" not in store
        assert store.get("k1") == ex1 and store.get("k3") is None
    with cache.ExtractionCache(tmp_path / "c.sqlite") as store:  # committed on close
        assert store.keys() == {"k1", "k2"}
        assert store.get("k2") == ex2
        assert store.prune(["k2"]) == 1
        assert store.keys() == {"k2"}


def test_store_keeps_finished_entries_after_an_error(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        with cache.ExtractionCache(tmp_path / "c.sqlite") as store:
            store.put("k1", _extraction())
            raise KeyboardInterrupt
    with cache.ExtractionCache(tmp_path / "c.sqlite") as store:
        assert store.keys() == {"k1"}
        assert store.get("k1") == _extraction()


def test_manifest_round_trip_sorted(tmp_path):
    m = {"b": "2" * 64, "a": "1" * 64, "ünïcode": "3" * 64}
    path = cache.write_manifest(tmp_path, m, "m==1")
    assert cache.read_manifest(tmp_path) == m
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [row[0] for row in data["articles"]] == ["a", "b", "ünïcode"]
    assert cache.read_manifest(tmp_path / "none") is None


def test_unreadable_manifest_is_a_clear_error(tmp_path):
    (tmp_path / ".kgraph").mkdir()
    (tmp_path / ".kgraph" / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(GraphError, match="manifest"):
        cache.read_manifest(tmp_path)


@pytest.mark.parametrize("where", ["mentions", "relation"])
def test_a_cached_mention_past_the_text_is_damage_not_a_crash_in_linking(tmp_path, where):
    data = json.loads(cache.dumps(_extraction()))
    bad = ["Putin", "Person", 1_000_000, 1_000_005, "Vladimir Putin"]
    if where == "mentions":
        data["mentions"][1] = bad
    else:
        data["relations"][0]["s"] = bad
    with pytest.raises(ValueError, match="past the article's text"):
        cache.loads(json.dumps(data))
    with cache.ExtractionCache(tmp_path / "c.sqlite") as store:
        store.put("k1", json.dumps(data))
        ex, why = store.check("k1")
    assert ex is None and "past the article's text" in why

