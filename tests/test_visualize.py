"""The network page: data read from the graph, max-nodes, safety, self-containment, determinism."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgraph.graph import rdf

from kgraph.page import visualize
from kgraph.cli import main
from kgraph.core.iri import entity_iri
from kgraph.core.model import Article, Entity, Fact, KnowledgeBase, Mention, Relation
from kgraph.core.vocab import KG

PAYLOAD_IMG = "<img src=x onerror=window.__pwned=1>"
PAYLOAD_SCRIPT = "<script>window.__pwned=1</script>"


def _rel(s: Entity, p: str, o: Entity, sentence: str, conf: float = 0.85, role: str | None = None, start: int = 0):
    return Relation(Mention(s.label, s.type, 0, len(s.label), s.label), p,
                    Mention(o.label, o.type, 0, len(o.label), o.label), conf, "rule:test", sentence, start,
                    start + len(sentence), role=role)


def small_kb(putin_label: str = "Vladimir Putin", sentence: str = "Russian President Vladimir Putin spoke.",
             title: str = "Putin speaks", url: str = "https://news.example/1") -> KnowledgeBase:
    """Return a hand-made knowledge base: 5 entities, 3 relations, 2 articles, one gazetteer fact."""
    putin = Entity("person/putin", "Person", putin_label, aliases=("Putin",), articles=("a1", "a2"), mentions=5)
    ushakov = Entity("person/ushakov", "Person", "Yuri Ushakov", articles=("a2",), mentions=1)
    kremlin = Entity("organization/kremlin", "Organization", "Kremlin", articles=("a2",), mentions=2)
    russia = Entity("country/russia", "Country", "Russia", articles=("a1", "a2"), mentions=7, geonames_id=2017370,
                    iso_code="RU", latitude=60.0, longitude=100.0)
    kursk = Entity("place/kursk", "Place", "Kursk", articles=("a1",), mentions=1, geonames_id=538560)
    facts = (
        Fact("person/putin", "leaderOf", "country/russia",
             evidence=(("a1", _rel(putin, "leaderOf", russia, sentence, 0.9, "President")),
                       ("a2", _rel(putin, "leaderOf", russia, "Putin, Russia's leader, said.", 0.8, "leader")))),
        Fact("person/ushakov", "worksFor", "organization/kremlin",
             evidence=(("a2", _rel(ushakov, "worksFor", kremlin, "Kremlin adviser Yuri Ushakov said.", 0.6,
                                   "adviser")),)),
        Fact("place/kursk", "locatedIn", "country/russia", method="gazetteer"),
    )
    arts = (Article("a1", "", title=title, url=url, date="2024-11-01"), Article("a2", "", title="Second"))
    return KnowledgeBase(articles=arts, entities=(kremlin, russia, putin, ushakov, kursk), facts=facts)


def _start_tags(page: str) -> list[str]:
    """Return the start tags an HTML parser sees (script contents are text to it, as to a browser)."""
    from html.parser import HTMLParser

    tags = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    P().feed(page)
    return tags


def _data_json(page: str) -> dict:
    m = re.search(r'<script id="kgraph-data" type="application/json">(.*?)</script>', page, re.S)
    assert m, "no data element"
    return json.loads(m.group(1))


def test_graph_data_holds_every_entity_and_relation_with_evidence():
    g = rdf.to_graph(small_kb())
    data = visualize.graph_data(g).data
    assert {n["label"] for n in data["nodes"]} == {"Vladimir Putin", "Yuri Ushakov", "Kremlin", "Russia", "Kursk"}
    assert {(e["from"].rsplit("/", 1)[1], e["predicate"], e["to"].rsplit("/", 1)[1]) for e in data["edges"]} == {
        ("putin", "leaderOf", "russia"), ("ushakov", "worksFor", "kremlin"), ("kursk", "locatedIn", "russia")}
    nodes = {n["label"]: n for n in data["nodes"]}
    assert nodes["Vladimir Putin"]["alt"] == ["Putin"]
    assert nodes["Russia"]["geonames"] == "https://sws.geonames.org/2017370/"
    assert nodes["Russia"]["iso"] == "RU" and nodes["Russia"]["coords"] == [60.0, 100.0]
    assert nodes["Russia"]["type"] == "Country" and nodes["Kursk"]["type"] == "Place"
    assert nodes["Russia"]["degree"] == 2 and nodes["Kremlin"]["degree"] == 1
    edges = {e["predicate"]: e for e in data["edges"]}
    leader = edges["leaderOf"]
    assert len(leader["articles"]) == 2 and leader["confidence"] == 0.9
    assert {ev["role"] for ev in leader["evidence"]} == {"President", "leader"}
    assert {data["articles"][ev["article"]]["title"] for ev in leader["evidence"]} == {"Putin speaks", "Second"}
    gaz = edges["locatedIn"]
    assert gaz["articles"] == [] and gaz["evidence"][0]["method"] == "gazetteer"
    assert gaz["evidence"][0]["source"].startswith("https://www.geonames.org")


def test_graph_data_reads_a_loaded_dataset_like_the_built_graph(tmp_path):
    kb = small_kb()
    path = tmp_path / "g.trig"
    path.write_text(rdf.serialize(kb, "trig"), encoding="utf-8")
    from_file = visualize.graph_data(rdf.load(path)).data
    from_graph = visualize.graph_data(rdf.to_graph(kb)).data
    assert from_file == from_graph


def test_page_from_quads_equals_page_from_graph():
    kb = small_kb()
    assert visualize.render(rdf.quads(kb)) == visualize.render(rdf.to_graph(kb))


def test_country_wins_over_place_when_an_entity_has_both_types():
    g = rdf.to_graph(small_kb())
    g.add((entity_iri("country/russia"), RDF.type, KG.Place))
    nodes = {n["label"]: n for n in visualize.graph_data(g).nodes}
    assert nodes["Russia"]["type"] == "Country"


def test_max_nodes_keeps_the_most_central_and_notes_what_was_left_out():
    page = visualize.graph_data(rdf.to_graph(small_kb()), max_nodes=2)
    # Russia has 2 neighbours; Putin and Kursk 1 each, Putin has more mentions.
    assert [n["label"] for n in page.nodes] == ["Russia", "Vladimir Putin"]
    assert [e["predicate"] for e in page.edges] == ["leaderOf"]
    om = page.data["omitted"]
    assert om["nodes"] == 3 and om["edges"] == 2 and om["maxNodes"] == 2
    assert om["byType"] == {"Person": 1, "Organization": 1, "Place": 1}
    assert om["names"][0] in {"Kursk", "Yuri Ushakov", "Kremlin"} and len(om["names"]) == 3
    assert "3 left out" in page.summary()
    assert visualize.graph_data(rdf.to_graph(small_kb()), max_nodes=50).data["omitted"] is None


def test_page_is_self_contained_utf8_with_no_remote_resource(tmp_path):
    path, _page = visualize.write_page(rdf.to_graph(small_kb(putin_label="Влади́мир Пу́тин")), tmp_path / "p.html")
    raw = path.read_bytes()
    text = raw.decode("utf-8")  # written as UTF-8 whatever the locale
    assert "Влади́мир Пу́тин" in text
    assert '<meta charset="utf-8">' in text
    assert not re.search(r"<script[^>]*\bsrc\s*=", text, re.I)
    assert not re.search(r"<link\b", text, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text, re.I)
    assert "cdnjs" not in text and "cdn.jsdelivr" not in text and "unpkg" not in text
    assert "vis.Network" in text and "vis-network" in text  # the library itself is inlined


def test_csp_admits_exactly_the_pages_own_scripts():
    page = visualize.render(rdf.to_graph(small_kb()))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2
    for js in scripts:
        digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp


@pytest.mark.parametrize("where", ["name", "sentence", "title", "url"])
@pytest.mark.parametrize("payload", [PAYLOAD_IMG, PAYLOAD_SCRIPT, "</script><script>window.__pwned=1</script>",
                                     "<!--<script>", "javascript:window.__pwned=1"],
                         ids=["img-onerror", "script", "close-script", "comment-script", "js-url"])
def test_hostile_text_stays_data(where, payload):
    kw = {"name": {"putin_label": "Putin " + payload}, "sentence": {"sentence": "He said " + payload},
          "title": {"title": payload}, "url": {"url": payload}}[where]
    page = visualize.render(rdf.to_graph(small_kb(**kw)))
    # The payload appears nowhere as markup: an HTML parser finds only the page's own elements ...
    assert _start_tags(page) == _start_tags(visualize.render(rdf.to_graph(small_kb())))
    assert "img" not in _start_tags(page) and _start_tags(page).count("script") == 3
    # ... and it survives as data, character for character.
    assert payload in json.dumps(_data_json(page), ensure_ascii=False)


def test_title_is_escaped():
    page = visualize.render(rdf.to_graph(small_kb()), title=PAYLOAD_SCRIPT)
    assert PAYLOAD_SCRIPT not in page and "&lt;script&gt;" in page
    assert _data_json(page)["title"] == PAYLOAD_SCRIPT


def test_same_graph_gives_the_same_bytes_whatever_the_triple_order():
    triples = list(rdf.to_graph(small_kb()))
    g1, g2 = Graph(), Graph()
    for t in triples:
        g1.add(t)
    for t in reversed(sorted(triples)):
        g2.add(t)
    assert visualize.render(g1) == visualize.render(g2)


def test_layout_is_deterministic_spread_and_linear_beyond_the_sample():
    pairs = [(i, i + 1) for i in range(29)]
    a, b = visualize.layout(30, pairs), visualize.layout(30, pairs)
    assert a == b and len(a) == 30 and len(set(a)) == 30
    # linked nodes sit closer than the average pair
    import math

    d = lambda p, q: math.dist(a[p], a[q])  # noqa: E731
    linked = sum(d(i, i + 1) for i in range(29)) / 29
    allpairs = sum(d(i, j) for i in range(30) for j in range(i + 1, 30)) / (30 * 29 / 2)
    assert linked < allpairs / 2
    assert visualize.layout(0, []) == [] and visualize.layout(1, []) == [(0, 0)]
    big = visualize.layout(visualize.LAYOUT_SAMPLE + 50, [(0, 1)])
    assert len(big) == visualize.LAYOUT_SAMPLE + 50


def test_empty_graph_renders():
    page = visualize.render(Graph())
    data = _data_json(page)
    assert data["nodes"] == [] and data["edges"] == []


def test_labels_and_alt_labels_from_a_foreign_graph():
    g = Graph()
    s = URIRef("https://example.org/x")
    g.add((s, RDF.type, KG.Person))
    g.add((s, RDFS.label, Literal("B name")))
    g.add((s, RDFS.label, Literal("A name")))
    g.add((s, SKOS.altLabel, Literal("Alias")))
    (node,) = visualize.graph_data(g).nodes
    assert node["label"] == "A name" and node["alt"] == ["Alias", "B name"]


# ---------------------------------------------------------------- kgraph view

def test_view_writes_the_page_beside_the_graph(tmp_path):
    graph = tmp_path / "graph.ttl"
    graph.write_text(rdf.serialize(small_kb()), encoding="utf-8")
    res = CliRunner().invoke(main, ["view", str(graph), "--max-nodes", "2", "--title", "My graph"])
    assert res.exit_code == 0, res.output
    assert "entities: 2 drawn of 5" in res.output
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    data = _data_json(page)
    assert data["title"] == "My graph" and data["omitted"]["nodes"] == 3
    assert "<title>My graph</title>" in page


def test_view_output_option_and_same_bytes_as_render(tmp_path):
    graph = tmp_path / "g.ttl"
    graph.write_text(rdf.serialize(small_kb()), encoding="utf-8")
    out = tmp_path / "sub" / "page.html"
    res = CliRunner().invoke(main, ["view", str(graph), "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8") == visualize.render(rdf.load(graph), name="g")
    assert "<title>g: 2 articles</title>" in out.read_text(encoding="utf-8")  # no title of its own: the file's name


@pytest.mark.parametrize("args,code,message", [
    (["missing.ttl"], 1, "Error: graph file not found"),
    (["--max-nodes", "0"], 2, "--max-nodes"),
], ids=["missing-graph", "zero-max-nodes"])
def test_view_bad_input(tmp_path, args, code, message):
    res = CliRunner().invoke(main, ["view", *[str(tmp_path / a) if a.endswith(".ttl") else a for a in args]])
    assert res.exit_code == code
    assert message in res.output
    assert "Traceback" not in res.output
    assert not list(tmp_path.glob("*.html"))


def test_view_rejects_a_broken_graph_without_writing(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    res = CliRunner().invoke(main, ["view", str(bad)])
    assert res.exit_code == 1 and "Error: cannot read" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "bad.html").exists()


def test_build_max_nodes_limits_the_page_not_the_graph(seed_build, tmp_path):
    from kgraph.build.pipeline import build

    from .conftest import SEED

    result, _out = seed_build
    build([SEED], output=tmp_path, max_nodes=3)
    data = _data_json((tmp_path / "graph.html").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 3
    assert data["omitted"]["nodes"] == len(result.kb.entities) - 3
    g = Graph().parse(tmp_path / "graph.ttl")
    assert len({s for t in ("Person", "Organization", "Place", "Country") for s in g.subjects(RDF.type, KG[t])}) == len(
        result.kb.entities)


# ---------------------------------------------------------------- the analyst's corpus page

def _stated(s: Entity, p: str, o: Entity, sentence: str, conf: float = 0.8, start: int = 0) -> Relation:
    """Return a relation whose mentions point at the names in the sentence."""
    si, oi = sentence.index(s.label), sentence.index(o.label)
    return Relation(Mention(s.label, s.type, start + si, start + si + len(s.label), s.label), p,
                    Mention(o.label, o.type, start + oi, start + oi + len(o.label), o.label), conf, "rule:test",
                    sentence, start, start + len(sentence))


def analyst_kb() -> KnowledgeBase:
    """Return a small invented corpus with dates, publishers, parallel relations, a path and look-alike names."""
    E = Entity
    ada = E("person/ada", "Person", "Ada Quill", aliases=("Quill",), articles=("n1", "n2"), mentions=4)
    boris = E("person/boris", "Person", "Boris Tamm", articles=("n3",), mentions=2)
    cora = E("person/cora", "Person", "Cora Vint", articles=("n2",), mentions=2)
    dan = E("person/dan", "Person", "Dan Ruse", articles=("n4",), mentions=1)
    orion = E("organization/orion", "Organization", "Orion Mills", articles=("n1", "n2", "n3"), mentions=5)
    tallow = E("organization/tallow", "Organization", "Tallow Bank", articles=("n2",), mentions=2)
    us = E("country/us", "Country", "United States", aliases=("US", "U.S."), articles=("n1",), mentions=3)
    russia = E("country/russia", "Country", "Russia", articles=("n3",), mentions=2)
    belarus = E("country/belarus", "Country", "Belarus", articles=("n3",), mentions=1)
    india = E("country/india", "Country", "India", articles=("n4",), mentions=1)
    indiana = E("place/indiana", "Place", "Indiana", articles=("n4",), mentions=1)
    bay = E("place/bay", "Place", "Kestrel Bay", articles=("n4",), mentions=1)
    s1 = "Ada Quill, who works for Orion Mills, spoke in Vantor."
    s2 = "Orion Mills said Ada Quill would stay."
    s3 = "Boris Tamm joined Orion Mills last year."
    s4 = "Boris Tamm now leads Russia, officials said."
    s5 = "Cora Vint of Tallow Bank, a member of its board, spoke."
    s6 = "Ada Quill is a citizen of United States."
    s7 = "Dan Ruse lives in Indiana."
    facts = (
        Fact("person/ada", "worksFor", "organization/orion",
             evidence=(("n1", _stated(ada, "worksFor", orion, s1, 0.9, 0)), ("n2", _stated(ada, "worksFor", orion, s2, 0.7, 40)))),
        Fact("person/ada", "citizenOf", "country/us", evidence=(("n1", _stated(ada, "citizenOf", us, s6, 0.8, 60)),)),
        Fact("person/boris", "worksFor", "organization/orion", evidence=(("n3", _stated(boris, "worksFor", orion, s3)),)),
        Fact("person/boris", "leaderOf", "country/russia", evidence=(("n3", _stated(boris, "leaderOf", russia, s4, 0.9, 50)),)),
        Fact("person/cora", "worksFor", "organization/tallow", evidence=(("n2", _stated(cora, "worksFor", tallow, s5, 0.6, 0)),)),
        Fact("person/cora", "memberOf", "organization/tallow", evidence=(("n2", _stated(cora, "memberOf", tallow, s5, 0.6, 0)),)),
        Fact("person/dan", "livesIn", "place/indiana", evidence=(("n4", _stated(dan, "livesIn", indiana, s7)),)),
        Fact("place/indiana", "locatedIn", "country/us", method="gazetteer"),
    )
    arts = (Article("n1", "", title="Orion Mills hires", url="https://north.example/n1", date="2024-01-05",
                    publisher="North Post"),
            Article("n2", "", title="Tallow Bank board", url="https://south.example/n2", date="2024-02-10",
                    publisher="South Times"),
            Article("n3", "", title="Tamm moves on", url="https://north.example/n3", date="2024-03-15",
                    publisher="North Post"),
            Article("n4", "", title="Undated note"))
    return KnowledgeBase(articles=arts, entities=(ada, boris, cora, dan, orion, tallow, us, russia, belarus, india,
                                                  indiana, bay), facts=facts)


def test_edges_carry_dates_and_independent_sources_and_articles_their_publisher():
    data = visualize.graph_data(rdf.to_graph(analyst_kb())).data
    by = {(e["from"].rsplit("/", 1)[1], e["predicate"], e["to"].rsplit("/", 1)[1]): e for e in data["edges"]}
    works = by[("ada", "worksFor", "orion")]
    assert (works["first"], works["last"], works["sources"]) == ("2024-01-05", "2024-02-10", 2)
    boris = [by[("boris", "worksFor", "orion")], by[("boris", "leaderOf", "russia")]]
    assert [(e["first"], e["sources"]) for e in boris] == [("2024-03-15", 1)] * 2
    assert by[("indiana", "locatedIn", "us")]["sources"] == 0
    arts = {a["id"]: a for a in data["articles"]}
    assert arts["n1"]["publisher"] == "North Post" and arts["n1"]["day"] == "2024-01-05"
    assert arts["n4"]["publisher"] is None and arts["n4"]["day"] is None
    assert [p["name"] for p in data["publishers"]] == ["North Post", "South Times"]
    # the names' places in the sentence come from the evidence offsets
    ev = [v for v in works["evidence"] if v["sentence"].startswith("Orion")][0]
    (s0, s1), (o0, o1) = ev["marks"]
    assert ev["sentence"][s0:s1] == "Ada Quill" and ev["sentence"][o0:o1] == "Orion Mills"


def test_ranks_and_communities_follow_the_relations_stated_in_articles():
    data = visualize.graph_data(rdf.to_graph(analyst_kb())).data
    nodes = {n["label"]: n for n in data["nodes"]}
    assert sorted(n["rank"] for n in data["nodes"]) == list(range(len(nodes)))
    # the hub of the stated relations (two articles name Ada Quill's job there) ranks high; no relation ranks low
    assert nodes["Orion Mills"]["rank"] < 2 and nodes["Ada Quill"]["rank"] < 2
    linked = [n["rank"] for n in data["nodes"] if n["label"] not in ("Belarus", "India", "Kestrel Bay", "Indiana")]
    assert max(linked) < min(nodes[x]["rank"] for x in ("Belarus", "India", "Kestrel Bay"))
    assert nodes["Ada Quill"]["community"] == nodes["Orion Mills"]["community"] >= 0
    assert nodes["Cora Vint"]["community"] == nodes["Tallow Bank"]["community"] != nodes["Ada Quill"]["community"]
    assert nodes["Kestrel Bay"]["community"] == -1  # no relation at all
    # a place linked only by the gazetteer sits with its country's community
    assert nodes["Indiana"]["community"] >= 0
    coms = data["communities"]
    assert all(c["names"] and c["color"].startswith("#") for c in coms)
    assert sum(c["size"] for c in coms) == sum(1 for n in data["nodes"] if n["community"] >= 0)


def test_layout_keeps_communities_together_and_is_deterministic():
    import math

    # three dense groups of 30, joined by single links
    stated = Counter()
    for g in range(3):
        for i in range(30):
            for j in range(i + 1, 30):
                stated[(g * 30 + i, g * 30 + j)] = 1
    stated[(0, 30)] = stated[(30, 60)] = 1
    a = visualize.analyse(95, stated, set(), [1] * 95)
    assert a == visualize.analyse(95, stated, set(), [1] * 95)
    com, pos = a["community"], a["positions"]
    assert len({com[i] for i in range(30)}) == 1 and com[0] != com[30] != com[60]
    assert all(com[i] == -1 for i in range(90, 95))
    inside = [math.dist(pos[i], pos[j]) for (i, j) in stated if com[i] == com[j]]
    across = [math.dist(pos[i], pos[j]) for i in range(0, 90, 3) for j in range(1, 90, 3) if com[i] != com[j]]
    assert sum(inside) / len(inside) < 0.5 * sum(across) / len(across)
    # isolated nodes sit below everything else
    assert min(pos[i][1] for i in range(90, 95)) > max(pos[i][1] for i in range(90))


def test_pagerank_sums_to_one_and_favours_the_hub():
    pr = visualize.pagerank(4, Counter({(0, 1): 1, (0, 2): 1, (0, 3): 2}))
    assert abs(sum(pr) - 1) < 1e-9 and pr[0] == max(pr) and pr[3] > pr[1]
    assert visualize.pagerank(0, Counter()) == []


def test_same_bytes_when_one_sentence_states_a_relation_twice():
    # two mentions of the same entity in one sentence: the evidence differs only in where the names are
    kb = analyst_kb()
    ada, orion = kb.entities[0], kb.entities[4]
    s = "Orion Mills (Orion Mills) hired Ada Quill."
    r1 = _stated(ada, "worksFor", orion, s)
    r2 = Relation(r1.subject, "worksFor", Mention("Orion Mills", "Organization", 13, 24, "Orion Mills"), 0.8,
                  "rule:test", s, 0, len(s))
    from dataclasses import replace

    fact = Fact("person/ada", "worksFor", "organization/orion", evidence=(("n1", r1), ("n1", r2)))
    kb = replace(kb, facts=(fact,))
    triples = list(rdf.to_graph(kb))
    pages = set()
    for order in (sorted(triples), sorted(triples, reverse=True)):
        pages.add(visualize.render(iter(order)))  # triples in this order, as from a file or a store
    assert len(pages) == 1


def test_view_of_a_graph_file_with_a_lone_surrogate_writes_u_fffd_not_a_traceback(tmp_path):
    g = tmp_path / "g.ttl"
    g.write_text('@prefix kg: <https://w3id.org/kgraph/ontology#> .\n'
                 '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n'
                 '<https://w3id.org/kgraph/id/person/Anton_Moreau> a kg:Person ; rdfs:label "Anton Moreau\\uD800" .\n',
                 encoding="utf-8")
    out = tmp_path / "g.html"
    result = CliRunner().invoke(main, ["view", str(g), "--output", str(out), "--title", "Tarsk \udcff news"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Anton Moreau\ufffd" in page and "<title>Tarsk \ufffd news</title>" in page


def test_view_of_a_graph_file_with_nan_and_infinite_numbers_leaves_them_out(tmp_path):
    g = tmp_path / "g.ttl"
    g.write_text('@prefix kg: <https://w3id.org/kgraph/ontology#> .\n'
                 '@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .\n'
                 '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                 '<https://w3id.org/kgraph/id/place/Vell> a kg:Place ; geo:lat "NaN"^^xsd:double ;\n'
                 '    geo:long "INF"^^xsd:double ; kg:mentionCount "1e999"^^xsd:double .\n', encoding="utf-8")
    out = tmp_path / "g.html"
    result = CliRunner().invoke(main, ["view", str(g), "--output", str(out)])
    assert result.exit_code == 0, result.output
    (node,) = visualize.graph_data(rdf.load(g)).data["nodes"]
    assert node["coords"] is None and node["mentions"] == 0


def test_an_ill_typed_literal_in_a_graph_file_prints_no_library_traceback(tmp_path):
    import subprocess
    import sys

    g = tmp_path / "g.ttl"
    g.write_text('<https://w3id.org/kgraph/id/person/Ilse_Varga> a <https://w3id.org/kgraph/ontology#Person> ;\n'
                 '    <http://www.w3.org/2000/01/rdf-schema#label> "Ilse Varga" ;\n'
                 '    <https://w3id.org/kgraph/ontology#mentionCount> "many"^^<http://www.w3.org/2001/XMLSchema#integer> .\n',
                 encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kgraph", "view", str(g), "--output", str(tmp_path / "g.html")],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and proc.stderr == "", proc.stderr  # rdflib logged it with its traceback


def test_community_colours_are_each_their_own_and_neighbours_far_apart():
    # 60 communities in a row, each touching the next: every one its own colour, the first ones Tableau's, and
    # two side by side at least 0.1 apart in OKLab (the palette's least distance among its first 60 is about 0.02).
    import numpy as np

    groups = [[3 * c, 3 * c + 1, 3 * c + 2] for c in range(60)]
    pos = [(200 * c + dx, dy) for c in range(60) for dx, dy in ((0, 0), (50, 0), (0, 50))]
    colours = visualize.community_colours(groups, pos)
    assert colours == visualize.community_colours(groups, pos)
    assert len(set(colours)) == 60 and colours[0] == visualize.COMMUNITY_COLORS[0]
    lab = visualize._srgb_to_oklab(visualize._hex_rgb(colours))
    side_by_side = np.linalg.norm(lab[1:] - lab[:-1], axis=1)
    assert side_by_side.min() >= visualize.NEIGHBOUR_COLOUR_DISTANCE, side_by_side.min()
    palette = visualize.community_palette()
    assert len(set(palette)) == len(palette) >= 400 and visualize.NO_COMMUNITY_COLOR not in palette


def test_page_data_says_which_correction_changed_a_node_and_asserted_a_relation():
    """A node's correction items and an assert's item and note reach the page's data (the graph's rdfs:comment)."""
    from kgraph.core.model import Extraction
    from kgraph.linking import corrections
    from kgraph.linking.link import link_extractions

    text = "Ilse Varn Orvik Lines"
    mentions = (Mention("Ilse Varn", "Person", 0, 9, "Ilse Varn"),
                Mention("Orvik Lines", "Organization", 10, 21, "Orvik Lines"))
    kb = link_extractions([Extraction(Article("a", text), mentions)], corrections.parse({"corrections": [
        {"action": "rename", "entity": "Orvik Lines", "label": "Orvik Line"},
        {"action": "assert", "subject": "Ilse Varn", "predicate": "worksFor", "object": "Orvik Line",
         "note": "her profile"}]}))
    data = visualize.graph_data(rdf.to_graph(kb)).data
    nodes = {n["label"]: n for n in data["nodes"]}
    assert nodes["Orvik Line"]["corrections"] == ["correction #1 rename Orvik Lines -> Orvik Line"]
    assert nodes["Ilse Varn"]["corrections"] == ["correction #2 assert Ilse Varn worksFor Orvik Line (her profile)"]
    (edge,) = data["edges"]
    assert [(v["method"], v["note"]) for v in edge["evidence"]] == [
        ("correction", "#2 assert Ilse Varn worksFor Orvik Line: her profile")]


def _older_kb() -> KnowledgeBase:
    """Return analyst_kb as an earlier build saw it: no Cora Vint, Ada Quill under another IRI, one relation since gone."""
    from dataclasses import replace

    kb = analyst_kb()
    ada = next(e for e in kb.entities if e.key == "person/ada")
    gus = Entity("person/gus", "Person", "Gus Fenn", articles=("n1",), mentions=1)
    old_ada = replace(ada, key="person/a_quill")
    s = "Gus Fenn, who works for Orion Mills, spoke."
    orion = next(e for e in kb.entities if e.key == "organization/orion")
    facts = tuple(replace(f, subject="person/a_quill") if f.subject == "person/ada" else f
                  for f in kb.facts if "person/cora" not in (f.subject, f.object))
    facts += (Fact("person/gus", "worksFor", "organization/orion",
                   evidence=(("n1", _stated(gus, "worksFor", orion, s, 0.9, 0)),)),)
    entities = tuple(old_ada if e.key == "person/ada" else e for e in kb.entities if e.key != "person/cora") + (gus,)
    return replace(kb, entities=entities, facts=facts)


def test_a_page_drawn_since_an_older_graph_marks_what_is_new_and_lists_what_is_gone():
    g = rdf.to_graph(analyst_kb())
    ada = entity_iri("person/ada")
    g.add((ada, OWL.sameAs, entity_iri("person/a_quill")))  # the IRI the older build gave her stays (Stable IRIs)
    data = visualize.graph_data(g, since=rdf.to_graph(_older_kb()), since_name="last-week.ttl").data
    label = {n["id"]: n["label"] for n in data["nodes"]}
    assert sorted(label[n["id"]] for n in data["nodes"] if n.get("new")) == ["Cora Vint"]
    assert sorted((label[e["from"]], e["predicate"], label[e["to"]]) for e in data["edges"] if e.get("new")) == [
        ("Cora Vint", "memberOf", "Tallow Bank"), ("Cora Vint", "worksFor", "Tallow Bank")]
    assert data["changes"] == {"since": "last-week.ttl", "nodes": 1, "edges": 2, "goneNodes": ["Gus Fenn"],
                               "goneNodeCount": 1, "goneEdges": [["Gus Fenn", "worksFor", "Orion Mills"]],
                               "goneEdgeCount": 1}
    # a page drawn without it carries none of these fields: its bytes are those of before
    plain = visualize.graph_data(g).data
    assert "changes" not in plain and not any("new" in x for x in plain["nodes"] + plain["edges"])


def test_view_since_writes_the_changes_and_refuses_a_missing_older_graph(tmp_path):
    new, old = tmp_path / "new.ttl", tmp_path / "old.ttl"
    rdf.to_graph(analyst_kb()).serialize(new, format="turtle")
    rdf.to_graph(_older_kb()).serialize(old, format="turtle")
    res = CliRunner().invoke(main, ["view", str(new), "--since", str(tmp_path / "nope.ttl"), "--output", str(tmp_path / "p.html")])
    assert res.exit_code == 1 and res.output.startswith("Error: ") and "nope.ttl" in res.output
    assert not (tmp_path / "p.html").exists()
    runs = []
    for name in ("a.html", "b.html"):
        res = CliRunner().invoke(main, ["view", str(new), "--since", str(old), "--output", str(tmp_path / name)])
        assert res.exit_code == 0, res.output
        runs.append((tmp_path / name).read_bytes())
    assert runs[0] == runs[1] and b'"since":"old.ttl"' in runs[0]
