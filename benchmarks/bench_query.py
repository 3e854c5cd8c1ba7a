"""Benchmark: load time and saved-query time, rdflib against the on-disk Oxigraph store.

Generates a graph in the proportions of kgraph's output (``--shape news``, measured on
a real build; or ``--shape dense``, a stress case) (entities with types, labels,
other names and mention counts; articles; direct relation triples, each with
an evidence node: sentence, offsets, confidence, method, role, source
article; ``kg:mentionedIn`` links), with synthetic names and sentences, then
times:

* loading the Turtle file: rdflib (``kgraph.graph.rdf.load``) against the bulk load
  into ``graph.oxigraph/`` (``kgraph.sparql.store.build_oxigraph``);
* three saved queries: ``people`` (typed lookup), ``person-org-country``
  (2-hop person -> organization -> country) and ``count-by-type`` (GROUP BY),
  on both engines, checking the answers agree.

rdflib queries run in a forked child killed after ``--rdflib-timeout``
seconds, reported as a lower bound.

Usage::

    nice .venv/bin/python benchmarks/bench_query.py --triples 1000000
    nice .venv/bin/python benchmarks/bench_query.py --triples 100000 --rdflib-timeout 600
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from kgraph.sparql import query as q
from kgraph.sparql.store import OxigraphStore, RdflibStore, build_oxigraph

QUERIES = ("people", "person-org-country", "count-by-type")

_SYL = ["ka", "lo", "mi", "ren", "dar", "vo", "sel", "tan", "bri", "gor", "ul", "es", "nik", "ra", "mon", "fe",
        "zu", "hal", "per", "in", "os", "ta", "vel", "kor", "li", "an", "bo", "sha", "ter", "yu"]
_WORDS = ["the", "council", "said", "on", "monday", "that", "talks", "with", "officials", "would", "continue",
          "after", "a", "meeting", "in", "capital", "spokesperson", "for", "reported", "new", "plans", "minister"]
_ROLES = ["spokesperson", "adviser", "director", "minister", "chief executive", "analyst", "commander"]
_PREFIXES = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix kg: <https://w3id.org/kgraph/ontology#> .
@prefix kgr: <https://w3id.org/kgraph/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(_SYL) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(words))


def _article(rng: random.Random, a: int, out: list[str]) -> str:
    """Append article number ``a`` (4 triples) to ``out``; return its IRI."""
    art = f"<https://w3id.org/kgraph/article/a{a:07d}>"
    title = " ".join(rng.choice(_WORDS) for _ in range(8))
    out.append(f'{art} a kg:Article ;\n    dcterms:identifier "a{a:07d}" ;\n    dcterms:title "{title}" ;\n'
               f'    dcterms:date "2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" .\n')
    return art


def _evidence(rng: random.Random, name: str, s: str, p: str, o: str, art: str, with_role: bool,
              out: list[str]) -> int:
    """Append an evidence node for ``s p o`` to ``out``; return its number of triples."""
    start = rng.randint(0, 4000)
    sentence = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(12, 30))).capitalize() + "."
    role = f' ;\n    kg:role "{rng.choice(_ROLES)}"' if with_role else ""
    out.append(f"<https://w3id.org/kgraph/evidence/{name}> a kg:Evidence ;\n    rdf:subject {s} ;\n"
               f"    rdf:predicate kg:{p} ;\n    rdf:object {o} ;\n    prov:wasDerivedFrom {art} ;\n"
               f'    kg:sentence "{sentence}" ;\n    kg:start {start} ;\n    kg:end {start + len(sentence)} ;\n'
               f'    kg:confidence "0.{rng.randint(50, 95)}"^^xsd:decimal ;\n'
               f'    kg:method "rule:{rng.choice(["apposition", "possessive", "title-premodifier"])}"{role} .\n')
    return 10 + (1 if role else 0)


def generate_dense(path: Path, triples: int, seed: int = 7) -> int:
    """Write a dense stress graph of about ``triples`` triples; return the exact count.

    Six distinct random relations per article between uniformly chosen
    entities: about five times the relations per article of real output and
    no repetition, so joins return far more rows (the 2-hop query: 61,105 rows
    at 1M triples) than a real graph of that size.
    """
    rng = random.Random(seed)
    n_articles = max(1, triples // 100)
    n_countries = 200
    n_people, n_orgs, n_places = n_articles * 3 // 2, n_articles * 3 // 4, n_articles // 2
    count = 0
    out = [_PREFIXES]

    def entity(kind: str, i: int, words: int) -> str:
        nonlocal count
        iri = f"<https://w3id.org/kgraph/id/{kind.lower()}/{kind[0]}{i}>"
        label = _name(rng, words)
        alts = [label.split()[-1]] if words > 1 and rng.random() < 0.6 else []
        parts = [f"a kg:{kind}", f'rdfs:label "{label}"', f"kg:mentionCount {rng.randint(1, 40)}"]
        parts += [f'skos:altLabel "{a}"' for a in alts]
        count += len(parts)
        out.append(f"{iri} " + " ;\n    ".join(parts) + " .\n")
        return iri

    countries = [entity("Country", i, 1) for i in range(n_countries)]
    people = [entity("Person", i, 2) for i in range(n_people)]
    orgs = [entity("Organization", i, 3) for i in range(n_orgs)]
    places = [entity("Place", i, 1) for i in range(n_places)]

    a = 0
    while count < triples:
        art = _article(rng, a, out)
        count += 4
        mentioned = set()
        for r in range(6):
            kind = rng.random()
            if kind < 0.45:
                s, p, o = rng.choice(people), "worksFor", rng.choice(orgs)
            elif kind < 0.6:
                s, p, o = rng.choice(people), "citizenOf", rng.choice(countries)
            elif kind < 0.8:
                s, p, o = rng.choice(orgs), "basedIn", rng.choice(countries)
            elif kind < 0.9:
                s, p, o = rng.choice(places), "locatedIn", rng.choice(countries)
            else:
                s, p, o = rng.choice(people), "leaderOf", rng.choice(countries + orgs)
            mentioned.update((s, o))
            out.append(f"{s} kg:{p} {o} .\n")
            count += 1 + _evidence(rng, f"e{a:07d}x{r}", s, p, o, art, p == "worksFor" and rng.random() < 0.7, out)
        for e in sorted(mentioned):
            out.append(f"{e} kg:mentionedIn {art} .\n")
            count += 1
        a += 1
    path.write_text("".join(out), encoding="utf-8")
    return count


#: Proportions measured on kgraph's own output: ``bench_build.py``'s 2,000 generated news
#: articles built into 133,036 triples: per article 19.1 mentionedIn links and 2.14 evidence
#: nodes; 6,822 entities for 38,211 mentions (a mention names a new entity 18 % of the time,
#: otherwise one already named, the popular more often); predicates of the evidence below.
_MENTIONS_PER_ARTICLE = 19
_EVIDENCE_PER_ARTICLE = 2.14
_NEW_ENTITY = 0.18
_NEW_COUNTRY = 0.05  # the world has about 200: 157 of them were named in those 2,000 articles
_TYPE_MIX = (("Person", 0.38), ("Organization", 0.33), ("Place", 0.17), ("Country", 0.12))
_PREDICATE_MIX = (("citizenOf", "Person", "Country", 0.26), ("worksFor", "Person", "Organization", 0.25),
                  ("locatedIn", "Place", "Country", 0.17), ("basedIn", "Organization", "Country", 0.16),
                  ("leaderOf", "Person", "Country", 0.10), ("leaderOf", "Person", "Organization", 0.04),
                  ("memberOf", "Person", "Organization", 0.01), ("livesIn", "Person", "Place", 0.01))


def generate(path: Path, triples: int, seed: int = 7) -> int:
    """Write a Turtle graph of about ``triples`` triples in the proportions of kgraph's output; return the count.

    Entities recur across articles by preferential attachment (popular names
    come back), so relations repeat with new evidence as they do in a real
    corpus; see the measured figures above.
    """
    rng = random.Random(seed)
    count = 0
    out = [_PREFIXES]
    pool: dict[str, list[str]] = {k: [] for k, _w in _TYPE_MIX}
    seen: dict[str, list[str]] = {k: [] for k, _w in _TYPE_MIX}  # one entry per mention: popular ones recur
    kinds, weights = zip(*_TYPE_MIX)
    direct: set[tuple[str, str, str]] = set()
    home: dict[tuple[str, str], str] = {}

    def new_entity(kind: str) -> str:
        nonlocal count
        i = len(pool[kind])
        iri = f"<https://w3id.org/kgraph/id/{kind.lower()}/{kind[0]}{i}>"
        label = _name(rng, {"Person": 2, "Organization": 3}.get(kind, 1))
        parts = [f"a kg:{kind}", f'rdfs:label "{label}"', f"kg:mentionCount {rng.randint(1, 40)}"]
        if rng.random() < 0.13:
            parts.append(f'skos:altLabel "{label.split()[-1]}"')
        if kind in ("Place", "Country"):
            parts += [f'geo:lat "{rng.uniform(-60, 70):.4f}"^^xsd:decimal',
                      f'geo:long "{rng.uniform(-170, 170):.4f}"^^xsd:decimal']
        count += len(parts)
        out.append(f"{iri} " + " ;\n    ".join(parts) + " .\n")
        pool[kind].append(iri)
        return iri

    def mention(kind: str) -> str:
        if not seen[kind] or rng.random() < (_NEW_COUNTRY if kind == "Country" else _NEW_ENTITY):
            iri = new_entity(kind)
        else:
            iri = rng.choice(seen[kind])
        seen[kind].append(iri)
        return iri

    a = 0
    while count < triples:
        art = _article(rng, a, out)
        count += 4
        named: dict[str, list[str]] = {k: [] for k in kinds}
        for kind in rng.choices(kinds, weights, k=_MENTIONS_PER_ARTICLE):
            named[kind].append(mention(kind))
        n_ev = int(_EVIDENCE_PER_ARTICLE) + (rng.random() < _EVIDENCE_PER_ARTICLE % 1)
        for r in range(n_ev):
            p, st, ot, _w = rng.choices(_PREDICATE_MIX, [w for *_x, w in _PREDICATE_MIX])[0]
            s = rng.choice(named[st]) if named[st] else mention(st)
            # Facts are stable: an organization is based in one country, a person works for the same
            # employer, article after article (the first choice sticks, with some variation).
            o = home.get((s, ot)) if rng.random() < 0.9 else None
            if o is None:
                o = rng.choice(named[ot]) if named[ot] else mention(ot)
                home.setdefault((s, ot), o)
            named[st].append(s)
            named[ot].append(o)
            if (s, p, o) not in direct:
                direct.add((s, p, o))
                out.append(f"{s} kg:{p} {o} .\n")
                count += 1
            count += _evidence(rng, f"e{a:07d}x{r}", s, p, o, art, rng.random() < 0.47, out)
        for e in sorted({e for group in named.values() for e in group}):
            out.append(f"{e} kg:mentionedIn {art} .\n")
            count += 1
        a += 1
    path.write_text("".join(out), encoding="utf-8")
    return count


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn):
    t = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - t


def _child(store, text, conn):
    res, secs = _timed(lambda: store.query(text))
    conn.send((secs, q.canonical(res), len(res.rows)))


def _rdflib_query(store, text, timeout):
    """Run a query in a forked child; return (seconds, canonical answer, rows) or None past the timeout."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(store, text, child))
    proc.start()
    try:
        if parent.poll(timeout):
            return parent.recv()
        return None
    finally:
        proc.kill()
        proc.join()


def main(argv=None):
    """Generate the graph, load it into both engines, run the saved queries, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the generated graph")
    ap.add_argument("--skip-rdflib", action="store_true", help="time only Oxigraph")
    ap.add_argument("--skip-rdflib-queries", action="store_true", help="time rdflib's load but not its queries")
    ap.add_argument("--rdflib-timeout", type=float, default=300, help="seconds before an rdflib query is stopped")
    ap.add_argument("--shape", choices=("news", "dense"), default="news",
                    help="news: the proportions of kgraph's output (default); dense: six distinct random "
                         "relations per article, a stress case with far larger join results")
    ap.add_argument("--keep", help="folder to keep the generated graph in (default: a temporary folder)")
    args = ap.parse_args(argv)

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    graph = folder / "graph.ttl"
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    try:
        gen = generate if args.shape == "news" else generate_dense
        n, secs = _timed(lambda: gen(graph, args.triples))
        print(f"generated {n:,} triples, {args.shape} shape ({graph.stat().st_size / 1e6:.1f} MB Turtle) in {secs:.1f} s")
        shutil.rmtree(folder / "graph.oxigraph", ignore_errors=True)
        os.sync()  # the generated file reaches the disk before any load is timed, not during the first
        time.sleep(1)

        _, ox_load = _timed(lambda: build_oxigraph(graph))
        ox = OxigraphStore(graph)
        print(f"oxigraph  load (bulk load into graph.oxigraph/): {ox_load:8.2f} s")
        ox_answers = {}
        for name in QUERIES:
            text = q.saved_queries()[name]
            ox.query(text)  # warm the cache as a served store would be
            res, secs = _timed(lambda: ox.query(text))
            ox_answers[name] = q.canonical(res)
            print(f"oxigraph  {name:20s} {secs:8.3f} s  ({len(res.rows):,} rows)")

        import pyoxigraph

        from kgraph.sparql.store import _ox_format

        def mem_load():
            st = pyoxigraph.Store()
            st.bulk_load(path=str(graph), format=_ox_format(graph))
            return OxigraphStore(store=st)

        mem, mem_load_s = _timed(mem_load)
        print(f"oxigraph  load (in memory, no store folder):   {mem_load_s:8.2f} s")
        for name in QUERIES:
            text = q.saved_queries()[name]
            mem.query(text)
            res, secs = _timed(lambda: mem.query(text))
            print(f"oxigraph  {name:20s} {secs:8.3f} s  in memory")
        del mem
        if args.skip_rdflib:
            return
        rss0 = _rss_mb()
        rd, rd_load = _timed(lambda: RdflibStore(graph))
        print(f"rdflib    load (kgraph.graph.rdf.load):              {rd_load:8.2f} s  (peak RSS {_rss_mb():,.0f} MB, "
              f"was {rss0:,.0f} MB)")
        print(f"load speed-up vs rdflib: on-disk store {rd_load / ox_load:.1f}x, "
              f"in memory {rd_load / mem_load_s:.1f}x (a built store is reopened in ~0 s)")
        if args.skip_rdflib_queries:
            return
        for name in QUERIES:
            got = _rdflib_query(rd, q.saved_queries()[name], args.rdflib_timeout)
            if got is None:
                print(f"rdflib    {name:20s} > {args.rdflib_timeout:.0f} s (stopped)")
                continue
            secs, answer, rows = got
            same = "same answer" if answer == ox_answers[name] else "DIFFERENT ANSWER"
            print(f"rdflib    {name:20s} {secs:8.3f} s  ({rows:,} rows, {same} as oxigraph)")
    finally:
        print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
