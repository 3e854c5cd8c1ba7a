"""Benchmark: are ``kgraph review``'s suggestions the corrections an analyst must make on a real corpus?

Builds the first COUNT DWIE articles of a folder as one corpus (footer cut, as
``../shared/tools/score_corpus.py`` does) or reads a graph built so already
(``--graph``), matches its nodes to the annotated entities with that script's
rules, and scores ``review``'s suggestions against what it finds:

  JUNK        nodes that match no annotated entity, required or optional
  SPLIT       one linked thing (one Wikipedia page) over several nodes; every
              two of its nodes are a SPLIT pair
  WRONG TYPE  nodes matched only to entities whose type does not fit theirs

A junk suggestion (``block``, ``rename``, or a merge into the name it wraps)
is right when its node is JUNK, a merge suggestion when its two nodes are a
SPLIT pair, a retype when the node is WRONG TYPE and the new type fits.
Printed per kind: precision of the top 20 and top 50 in review's order,
recall of the lists over all suggestions and over the first ``--limit``
(review's default 50) of all kinds interleaved as ``kgraph review`` prints.

Usage::

    python benchmarks/bench_review_quality.py /tmp/dwie 150 --jobs 2
    python benchmarks/bench_review_quality.py /tmp/dwie 150 --graph OUT   # OUT built from those articles
    python benchmarks/bench_review_quality.py /tmp/dwie 150 --graph OUT -v  # and list the misses

Nothing of the corpus is written into the project.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

#: score_corpus.py's folder: ``shared/tools`` beside the checkout (or beside a worktree's parent folder).
TOOLS = next((p / "shared" / "tools" for p in Path(__file__).resolve().parents if (p / "shared" / "tools").is_dir()),
             Path("shared/tools"))


def gold_view(src: Path, count: int, graph: Path, tools: Path) -> dict:
    """Return JUNK nodes, SPLIT pairs, WRONG TYPE nodes (with the fitting types) and labels, as score_corpus reads them."""
    sys.path.insert(0, str(tools))
    from dwie_to_gold import convert  # noqa: PLC0415
    from score_corpus import article_ids  # noqa: PLC0415
    from score_graph import graph_entities_and_relations, load_graph, norm, type_ok  # noqa: PLC0415

    files = sorted(src.glob("DW_*.json"), key=lambda f: int(f.stem.split("_")[1]))[:count]
    gold, links = {}, {}
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        gold[doc["id"]] = convert(doc)
        for c in doc["concepts"]:
            if c.get("link"):
                links[(doc["id"], f"c{c['concept']}")] = c["link"]
    ds, _ = load_graph(graph, "graph.ttl")
    entities, _relations = graph_entities_and_relations(ds)
    mentioned, _ = article_ids(ds)
    by_article = defaultdict(list)
    node_names = {n: {norm(x) for x in e["names"]} - {""} for n, e in entities.items()}
    for n, arts in mentioned.items():
        if n in entities:
            for a in arts:
                by_article[a].append(n)

    def match(article: str, spec: dict):
        names = {norm(x) for x in spec["names"]} - {""}
        cands = [n for n in by_article.get(article, ()) if node_names[n] & names]
        if not cands:
            return None
        return max(sorted(cands), key=lambda n: (type_ok(entities[n]["types"], spec["type"]),
                                                 len(node_names[n] & names)))

    explained, required, item_node = set(), set(), {}
    gold_types: dict[str, list] = defaultdict(list)
    for a, g in gold.items():
        for spec in g["entities"]:
            n = match(a, spec)
            if n is not None:
                item_node[(a, spec["id"])] = n
                explained.add(n)
                required.add(n)
                gold_types[n].append(spec["type"])
        for spec in g["optional_entities"]:
            n = match(a, spec)
            if n is not None:
                explained.add(n)
    junk = {n for n in entities if mentioned.get(n) and n not in explained}
    nodes_of_link = defaultdict(set)
    articles_of_link = defaultdict(set)
    for (a, e), n in item_node.items():
        if (a, e) in links:
            nodes_of_link[links[(a, e)]].add(n)
            articles_of_link[links[(a, e)]].add(a)
    splits = {lk: ns for lk, ns in nodes_of_link.items() if len(ns) > 1 and len(articles_of_link[lk]) > 1}
    wrong = {n: ts for n, ts in gold_types.items() if not any(type_ok(entities[n]["types"], t) for t in ts)}
    linked = defaultdict(set)
    for (a, e), n in item_node.items():
        if (a, e) in links:
            linked[n].add(links[(a, e)])
    label = {n: (e["pref"] or min(e["names"], default=n)) for n, e in entities.items()}
    # Matched only to optional entities: things of no core type ("Islam", "English"), no junk to score_corpus
    other = {n for n in explained - required if mentioned.get(n)}
    return {"junk": junk, "splits": splits, "wrong": wrong, "label": label, "types": entities,
            "type_ok": type_ok, "other": other, "linked": linked}


def build(src: Path, count: int, out: Path, jobs: int, tools: Path) -> None:
    """Write the first ``count`` articles footer cut and build them as one corpus into ``out``."""
    sys.path.insert(0, str(tools))
    from dwie_to_gold import footer_start  # noqa: PLC0415

    files = sorted(src.glob("DW_*.json"), key=lambda f: int(f.stem.split("_")[1]))[:count]
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            doc = json.loads(f.read_text(encoding="utf-8"))
            Path(tmp, f"{doc['id']}.txt").write_text(doc["content"][: footer_start(doc)].rstrip() + "\n",
                                                     encoding="utf-8")
        subprocess.run([sys.executable, "-m", "kgraph", "build", tmp, "--output", str(out), "--quiet",
                        "--jobs", str(jobs)], check=True)


def verdicts(found: list, view: dict) -> list[tuple[str, bool | None, tuple]]:
    """Return (kind, right, key) per suggestion in review's order; key names the node or pair it is about.

    A merge of two nodes one of which holds no linked thing, neither JUNK, is unjudged (``right`` None): the annotations
    do not say whether they are one.
    """
    pairs = {frozenset(p) for ns in view["splits"].values() for p in combinations(sorted(ns), 2)}
    out = []
    for s in found:
        item = s.item
        if s.kind == "namesake":
            continue  # a ``different`` item: review says "check", not "merge"
        if item["action"] == "retype":
            n = item["entity"]
            right = n in view["wrong"] and any(view["type_ok"]({item["type"]}, t) for t in view["wrong"][n])
            out.append(("retype", right, (n,)))
        elif s.kind == "junk":
            n = item["entity"] if "entity" in item else item["entities"][-1]
            right = n in view["junk"] or (item["action"] == "merge" and frozenset(item["entities"]) in pairs)
            out.append(("junk", right, (n,)))
        elif item["action"] == "merge":
            a, b = item["entities"]
            right = frozenset(item["entities"]) in pairs
            if not right and not (view["linked"].get(a) and view["linked"].get(b)) \
                    and not ({a, b} & view["junk"]):
                right = None
            out.append(("merge", right, tuple(sorted(item["entities"]))))
    return out


def main(argv=None) -> int:
    """Print review's precision and recall against a DWIE corpus's annotations."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", type=Path, help="folder of DWIE DW_*.json files")
    ap.add_argument("count", type=int, help="the first COUNT articles by id")
    ap.add_argument("--graph", type=Path, help="an output folder built from those articles (else build one)")
    ap.add_argument("--tools", type=Path, default=TOOLS, help="folder of score_corpus.py")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--limit", type=int, default=50, help="what kgraph review prints by default")
    ap.add_argument("-v", "--verbose", action="store_true", help="list wrong suggestions and missed nodes")
    args = ap.parse_args(argv)
    from kgraph.review import review  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            graph = Path(tmp) / "out"
            build(args.src, args.count, graph, args.jobs, args.tools)
        view = gold_view(args.src, args.count, graph, args.tools)
        found = review(graph, limit=None)
    judged = verdicts(found, view)
    shown = verdicts(found[: args.limit], view)
    lab = view["label"]
    print(f"graph: {len(view['types'])} nodes; JUNK {len(view['junk'])}, SPLIT {len(view['splits'])} things, "
          f"WRONG TYPE {len(view['wrong'])}; review: {len(found)} suggestions")
    wanted = {"junk": view["junk"], "merge": view["splits"], "retype": view["wrong"]}
    for kind in ("junk", "merge", "retype"):
        mine = [(r, k) for kd, r, k in judged if kd == kind]
        p = {top: sum(bool(r) for r, _ in mine[:top]) for top in (20, 50)}
        unjudged = sum(r is None for r, _ in mine)
        other = sum(k[0] in view["other"] for r, k in mine[:50] if kind == "junk" and not r)

        def recall(items) -> int:
            if kind == "merge":
                hit = {k for kd, r, k in items if kd == kind and r}
                return sum(any(frozenset(p) in {frozenset(h) for h in hit} for p in combinations(sorted(ns), 2))
                           for ns in view["splits"].values())
            return len({k[0] for kd, r, k in items if kd == kind and r})
        print(f"{kind:7} suggested {len(mine):4}  P@20 {p[20]:2}/{min(20, len(mine)):2}  "
              f"P@50 {p[50]:2}/{min(50, len(mine)):2}  all right {sum(bool(r) for r, _ in mine):3}  "
              f"recall {recall(judged):3}/{len(wanted[kind])}  in first {args.limit}: {recall(shown)}"
              + (f"  (unjudged {unjudged})" if kind == "merge" else "")
              + (f"  (of the top 50's wrong, {other} are non-core things)" if kind == "junk" else ""))
    if args.verbose:
        for kd, r, k in judged:
            if not r:
                print(f"  {'unjudged' if r is None else 'wrong'} {kd}: " + " | ".join(f"{lab[n]!r} {sorted(view['types'][n]['types'])}" for n in k))
        hit = {k[0] for kd, r, k in judged if r and kd == "junk"}
        for n in sorted(view["junk"] - hit, key=lambda n: lab[n]):
            print(f"  missed JUNK {lab[n]!r} {sorted(view['types'][n]['types'])}")
        for n in sorted(set(view["wrong"]) - {k[0] for kd, r, k in judged if r and kd == "retype"}, key=lambda n: lab[n]):
            print(f"  missed WRONG TYPE {lab[n]!r} {sorted(view['types'][n]['types'])} gold {view['wrong'][n]}")
        for lk, ns in sorted(view["splits"].items()):
            print(f"  SPLIT {lk}: " + " | ".join(sorted(lab[n] for n in ns)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
