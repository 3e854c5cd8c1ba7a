"""Benchmark: time for a large graph's page to become interactive in headless Chromium.

Generates a graph shaped like the tool's output (default 2,000 entities, 5,000
relations, each with evidence from 1-3 of 400 articles over a year, from six
publishers), renders ``graph.html`` and opens it in Debian's chromium through
playwright at 1600x1000. Prints the time to render the page in Python and, in
the browser, the time from navigation until the page reports ready (network
drawn, physics settled: time to interactive), the number of labels drawn at
fit-to-screen, the time until a search answers, and the time (in the page, performance.now) and frames from
choosing the most central entity until the view comes to rest. ``--page FILE`` times an
existing page instead (e.g. a real corpus's ``graph.html``).

Run::

    .venv/bin/python benchmarks/bench_page.py [--nodes 2000] [--edges 5000] [--keep FILE] [--shared-alias NAME]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from kgraph.graph import rdf

from kgraph.page import visualize
from kgraph.core.iri import slug
from kgraph.core.model import PREDICATES, Article, Entity, Fact, KnowledgeBase, Mention, Relation

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

FIRST = ["Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hana", "Ivan", "Jae", "Karim", "Lena",
         "Maria", "Nikolai", "Olga", "Pavel", "Qiang", "Rosa", "Sergei", "Tomas", "Uma", "Viktor", "Wei", "Yuri"]
LAST = ["Petrov", "Kim", "Garcia", "Novak", "Ivanova", "Haddad", "Park", "Smith", "Sato", "Kowalski", "Rossi",
        "Horvat", "Jensen", "Moreau", "Silva", "Tanaka", "Weber", "Yilmaz", "Zhang", "Lindqvist"]
ORG = ["Ministry of", "Agency for", "Council of", "Bank of", "Institute of", "Union of", "Office of"]
TOPIC = ["Defence", "Energy", "Trade", "Health", "Transport", "Finance", "Culture", "Science", "Water", "Labour"]

TYPES_FOR = {"worksFor": ("Person", "Organization"), "memberOf": ("Person", "Organization"),
             "leaderOf": ("Person", "Country"), "citizenOf": ("Person", "Country"), "livesIn": ("Person", "Place"),
             "bornIn": ("Person", "Place"), "basedIn": ("Organization", "Place"),
             "partOf": ("Organization", "Organization"), "locatedIn": ("Place", "Country"), "killed": ("Person", "Person")}


def make_kb(n_nodes: int, n_edges: int, n_articles: int = 400, seed: int = 1, shared_alias: str | None = None
            ) -> KnowledgeBase:
    """Return a synthetic knowledge base with a heavy-tailed degree distribution.

    ``shared_alias``: another name every entity carries too (a graph file made so; the page once looked each entity
    up in that name's list, its time the entities squared).
    """
    rng = random.Random(seed)
    shares = {"Person": 0.5, "Organization": 0.25, "Place": 0.17, "Country": 0.08}
    entities, by_type = [], {t: [] for t in shares}
    for t, share in shares.items():
        for i in range(int(n_nodes * share) + (1 if t == "Person" else 0)):
            if len(entities) >= n_nodes:
                break
            if t == "Person":
                label = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            elif t == "Organization":
                label = f"{rng.choice(ORG)} {rng.choice(TOPIC)} {i}"
            else:
                label = f"{t} {i}"
            aliases = (label.split()[1] + f" {i}",) if t == "Person" else ()
            aliases += (shared_alias,) if shared_alias else ()
            e = Entity(key=f"{t.lower()}/{slug(label)}", type=t, label=label, aliases=aliases,
                       articles=(f"a{rng.randrange(n_articles)}",), mentions=rng.randint(1, 30))
            entities.append(e)
            by_type[t].append(e)
    hosts = ["north.example", "south.example", "east.example", "west.example", "wire.example", "daily.example"]
    articles = tuple(Article(id=f"a{i}", text="", title=f"Article number {i}", url=f"https://{hosts[i % 6]}/{i}",
                             date=f"2024-{1 + i * 12 // n_articles:02d}-{1 + i % 28:02d}",
                             publisher=hosts[i % 6]) for i in range(n_articles))
    facts, seen = [], set()
    preds = list(PREDICATES)
    while len(facts) < n_edges:
        p = rng.choice(preds)
        st, ot = TYPES_FOR[p]
        # Skewed choice: a few hubs, a long tail of entities named once (as in news graphs).
        s = by_type[st][int(len(by_type[st]) * rng.random() ** 2.2)]
        o = by_type[ot][int(len(by_type[ot]) * rng.random() ** 3)]
        if s is o or (s.key, p, o.key) in seen:
            continue
        seen.add((s.key, p, o.key))
        evidence = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            aid = f"a{rng.randrange(n_articles)}"
            sent = f"{o.label} said that {s.label} is linked to it, according to officials."
            sm = Mention(s.label, s.type, len(o.label) + 11, len(o.label) + 11 + len(s.label), s.label)
            om = Mention(o.label, o.type, 0, len(o.label), o.label)
            evidence.append((aid, Relation(sm, p, om, round(rng.uniform(0.4, 0.95), 2), "rule:bench", sent,
                                           rng.randrange(5000), 0, role=rng.choice((None, "adviser", "head")))))
        facts.append(Fact(s.key, p, o.key, evidence=tuple(evidence)))
    return KnowledgeBase(articles=articles, entities=tuple(sorted(entities, key=lambda e: e.key)),
                         facts=tuple(sorted(facts, key=lambda f: (f.subject, f.predicate, f.object))))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=5000)
    ap.add_argument("--max-nodes", type=int, default=None)
    ap.add_argument("--keep", default=None, help="Also write the page here.")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--page", default=None, help="Time this existing page instead of a generated one.")
    ap.add_argument("--shared-alias", default=None, metavar="NAME", help="Give every entity this other name too.")
    args = ap.parse_args(argv)
    if args.page:
        return browse(Path(args.page), args.runs, None)

    t0 = time.perf_counter()
    kb = make_kb(args.nodes, args.edges, shared_alias=args.shared_alias)
    n_quads = sum(1 for _q in rdf.quads(kb))
    t1 = time.perf_counter()
    page = visualize.graph_data(rdf.quads(kb), max_nodes=args.max_nodes)  # as kgraph build does
    t2 = time.perf_counter()
    text = visualize.render_data(page, "bench")
    t3 = time.perf_counter()
    print(f"graph: {len(page.nodes)} nodes, {len(page.edges)} edges drawn ({n_quads} quads; generated in {t1 - t0:.1f} s)")
    print(f"python: page data + layout {t2 - t1:.2f} s, render {t3 - t2:.2f} s, page {len(text.encode()) / 1e6:.1f} MB")

    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp()) / "bench.html"
    out.write_text(text, encoding="utf-8")
    return browse(out, args.runs, page.nodes[-1]["label"])


def browse(out: Path, runs: int, label: str | None) -> int:
    """Open the page in chromium ``runs`` times; print time to interactive, labels drawn and search time."""
    if not Path(CHROMIUM).exists():
        print(f"no {CHROMIUM}: browser timing skipped")
        return 0
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for run in range(runs):
            pg = browser.new_page(viewport={"width": 1600, "height": 1000})
            errors = []
            pg.on("pageerror", lambda e: errors.append(str(e)))
            start = time.perf_counter()
            pg.goto(out.as_uri(), wait_until="domcontentloaded", timeout=120_000)
            loaded = time.perf_counter()
            pg.wait_for_selector('body[data-ready="1"]', state="attached", timeout=120_000)
            ready = time.perf_counter()
            labels = pg.evaluate("kgraph.labels().length")
            if label is None:
                label = pg.evaluate("kgraph.data.nodes[kgraph.data.nodes.length - 1].label")
            pg.fill("#search", label)
            pg.press("#search", "Enter")
            while not pg.evaluate("kgraph.network.getSelectedNodes().length === 1"):  # the page's CSP bars
                pg.wait_for_timeout(10)                                             # wait_for_function
            searched = time.perf_counter()
            # the most central entity chosen: measured in the page (performance.now) until the view is at rest
            pg.wait_for_selector('body[data-idle="1"]', state="attached", timeout=120_000)
            pg.evaluate("""() => { window.benchFrames = 0; kgraph.network.on('afterDrawing', () => { window.benchFrames += 1; });
                const hub = kgraph.data.nodes.reduce((a, b) => (b.rank < a.rank ? b : a));
                window.benchStart = performance.now(); kgraph.selectNode(hub.id); }""")
            pg.wait_for_selector('body[data-idle="1"]', state="attached", timeout=120_000)
            hub_ms, hub_frames = pg.evaluate("[performance.now() - window.benchStart, window.benchFrames]")
            print(f"run {run + 1}: DOM loaded {loaded - start:.2f} s, interactive (drawn, settled) "
                  f"{ready - start:.2f} s, labels drawn at fit-to-screen {labels}, "
                  f"search+select+highlight {searched - ready:.2f} s, "
                  f"hub chosen to rest {hub_ms / 1000:.2f} s ({hub_frames} frames)"
                  + (f"  ERRORS: {errors}" if errors else ""))
            pg.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
