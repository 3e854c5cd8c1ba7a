"""Benchmark: the layout the page gives explored entities, at 1x and 10x size, in headless Chromium.

Exploring (*Explore from here*, *Expand neighbours*) lays the explored entities out
on their own with a force layout (``exploreLayout`` in ``kgraph/page/page.js``:
every pair up to 1,000 entities, a quadtree beyond, Barnes-Hut). This script opens
a small generated page, then times that function in the browser on generated
inputs of ``--size`` entities and ten times as many (positions packed as the
corpus layout packs a community, about 30 units apart; links: a heavy-tailed tree
plus half as many again, as a hub's neighbourhood): as the page runs it, with the
quadtree alone, with every pair alone, and the former layout (every pair, a hard
cut at 4 edges; the page used it up to 800 entities), unless ``--no-quadratic``.
For each it prints the time (best of ``--runs``), whether the runs gave the same
positions, and what the layout looks like: the median link length and the share
of entities closer than a quarter edge to another (110 units an edge).

Then (unless ``--no-page``) it writes a generated corpus page (``--corpus``
entities) and times what an analyst does: explore from the most central entity and
expand every explored entity's neighbours until at least ``--explore`` are drawn.

Run on demand (not a timed unit test)::

    .venv/bin/python benchmarks/bench_explore.py [--size 500] [--runs 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench_page import ARGS, CHROMIUM, make_kb

from kgraph.graph import rdf
from kgraph.page import visualize

#: Inputs made in the page: n entities in discs of about 30 units apart, a tree whose parents are mostly the first
#: (hubs) and n/2 more links; a fixed linear congruential generator, so the same n gives the same input.
MAKE = """n => {
  let s = 12345;
  const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
  const x = new Float64Array(n), y = new Float64Array(n), links = [];
  const discs = Math.max(1, Math.round(n / 120));
  for (let i = 0; i < n; i++) {
    const d = i % discs, r = 30 * Math.sqrt(120 * rnd() / Math.PI), a = 2 * Math.PI * rnd();
    x[i] = 900 * (d % 8) + r * Math.cos(a); y[i] = 900 * Math.floor(d / 8) + r * Math.sin(a);
  }
  for (let i = 1; i < n; i++) links.push([Math.floor(i * rnd() ** 3), i]);
  for (let k = 0; k < n / 2; k++) { const a = Math.floor(n * rnd() ** 2), b = Math.floor(n * rnd()); if (a !== b) links.push([a, b]); }
  return {x, y, links};
}"""

#: The former layout (page.js before the quadtree): every pair within 4 edge lengths, 120 rounds.
QUADRATIC = """(x, y, links) => {
  const n = x.length, L = 110, CUT2 = 16 * L * L, dx = new Float64Array(n), dy = new Float64Array(n);
  let cx = 0, cy = 0;
  for (let i = 0; i < n; i++) { cx += x[i]; cy += y[i]; }
  cx /= n; cy /= n;
  let temp = L * Math.max(2, Math.sqrt(n) / 2);
  for (let it = 0; it < 120; it++) {
    dx.fill(0); dy.fill(0);
    for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) {
      let ex = x[a] - x[b], ey = y[a] - y[b], d2 = ex * ex + ey * ey;
      if (d2 > CUT2) continue;
      if (d2 < 1e-4) { ex = 0.01 * ((a * 7 + b * 3) % 5 - 2) + 0.01; ey = 0.01 * ((a * 3 + b * 7) % 5 - 2); d2 = ex * ex + ey * ey; }
      const f = L * L / d2;
      dx[a] += ex * f; dy[a] += ey * f; dx[b] -= ex * f; dy[b] -= ey * f;
    }
    for (const l of links) {
      const ex = x[l[0]] - x[l[1]], ey = y[l[0]] - y[l[1]], d = Math.sqrt(ex * ex + ey * ey) || 1e-3, f = d / L;
      dx[l[0]] -= ex * f; dy[l[0]] -= ey * f; dx[l[1]] += ex * f; dy[l[1]] += ey * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= 0.02 * (x[i] - cx); dy[i] -= 0.02 * (y[i] - cy);
      const m = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (m > temp) { dx[i] *= temp / m; dy[i] *= temp / m; }
      x[i] += dx[i]; y[i] += dy[i];
    }
    temp = Math.max(1, temp * 0.95);
  }
}"""

#: Time one layout of n entities (quadratic: the former one) twice; return seconds, sameness and the look.
RUN = """([n, how, runs]) => {
  const make = %s, former = %s;
  const layout = how === 'former' ? former : (x, y, links) => kgraph.exploreLayout(x, y, links, how === 'auto' ? undefined : how === 'tree');
  let best = Infinity, first = null, same = true, last = null;
  for (let r = 0; r < runs; r++) {
    const inp = make(n), t = performance.now();
    layout(inp.x, inp.y, inp.links);
    best = Math.min(best, (performance.now() - t) / 1000);
    const pos = Array.from(inp.x).concat(Array.from(inp.y));
    if (first === null) first = pos; else same = same && pos.every((v, i) => v === first[i]);
    last = inp;
  }
  const {x, y, links} = last, L = 110;
  const lens = links.map(l => Math.hypot(x[l[0]] - x[l[1]], y[l[0]] - y[l[1]])).sort((a, b) => a - b);
  // entities closer than L/4 to another: a grid of cells L/4 wide, each entity against its 3x3 cells
  const cell = L / 4, grid = new Map();
  for (let i = 0; i < x.length; i++) {
    const k = Math.floor(x[i] / cell) + ',' + Math.floor(y[i] / cell);
    if (!grid.has(k)) grid.set(k, []);
    grid.get(k).push(i);
  }
  let close = 0;
  for (let i = 0; i < x.length; i++) {
    const gx = Math.floor(x[i] / cell), gy = Math.floor(y[i] / cell);
    let near = false;
    for (let a = -1; a <= 1 && !near; a++) for (let b = -1; b <= 1 && !near; b++)
      for (const j of grid.get((gx + a) + ',' + (gy + b)) || []) if (j !== i && Math.hypot(x[i] - x[j], y[i] - y[j]) < cell) { near = true; break; }
    if (near) close++;
  }
  return {seconds: best, same, medianLink: lens[Math.floor(lens.length / 2)] / L, close: close / x.length};
}""" % (MAKE, QUADRATIC)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=500, help="Entities at 1x (10x is ten times as many).")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-quadratic", action="store_true", help="Do not time every pair (nor the former layout).")
    ap.add_argument("--no-page", action="store_true", help="Do not time exploring a generated corpus page.")
    ap.add_argument("--corpus", type=int, default=8000, help="Entities of the generated corpus page.")
    ap.add_argument("--explore", type=int, default=2000, help="Expand until at least this many are drawn.")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"no {CHROMIUM}: nothing timed")
        return 0
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp())
    small, _ = visualize.write_page(rdf.quads(make_kb(50, 100, n_articles=20)), tmp / "small.html")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1600, "height": 1000})
        pg.goto(small.as_uri())
        pg.wait_for_selector('body[data-ready="1"]', state="attached", timeout=120_000)
        print(f"explore layout, best of {args.runs} runs (the former one at 10x: one run); positions of every run compared:")
        names = {"auto": "now (pairs up to 1,000, tree beyond)", "tree": "quadtree alone", "pairs": "every pair alone",
                 "former": "former (every pair, hard cut)"}
        for how in ("auto", "tree", "pairs", "former"):
            if how in ("pairs", "former") and args.no_quadratic:
                continue
            times = []
            for n in (args.size, 10 * args.size):
                r = pg.evaluate(RUN, [n, how, args.runs if how in ("auto", "tree") or n == args.size else 1])
                times.append(r["seconds"])
                print(f"  {names[how]:<38} {n:>6,} entities: {r['seconds']:6.3f} s, same positions each run: "
                      f"{r['same']}, median link {r['medianLink']:.2f} edges, {100 * r['close']:.1f} % closer "
                      "than a quarter edge to another")
            print(f"  {names[how]}: 10x the entities took {times[1] / times[0]:.1f}x the time")
        pg.close()
        if not args.no_page:
            explore_page(browser, tmp, args.corpus, args.explore)
        browser.close()
    return 0


def explore_page(browser, tmp: Path, entities: int, want: int) -> None:
    """Explore from the most central entity of a generated corpus and expand all until ``want`` are drawn."""
    t = time.perf_counter()
    path, data = visualize.write_page(rdf.quads(make_kb(entities, int(2.5 * entities), n_articles=entities // 5)),
                                      tmp / "corpus.html")
    print(f"generated corpus page: {len(data.nodes):,} entities, {len(data.edges):,} relations "
          f"({time.perf_counter() - t:.1f} s)")
    pg = browser.new_page(viewport={"width": 1600, "height": 1000})
    pg.goto(path.as_uri())
    pg.wait_for_selector('body[data-ready="1"]', state="attached", timeout=300_000)
    hub = min(data.nodes, key=lambda n: n["rank"])["id"]
    t = time.perf_counter()
    pg.evaluate("id => kgraph.exploreFrom(id)", hub)
    steps = [(time.perf_counter() - t, len(pg.evaluate("kgraph.drawn()")))]
    while steps[-1][1] < want and len(steps) < 8:
        t = time.perf_counter()
        pg.click("#explore-bar button.act-expand-all")
        steps.append((time.perf_counter() - t, len(pg.evaluate("kgraph.drawn()"))))
    moved = pg.evaluate("""() => { const pos = kgraph.network.getPositions(), home = {};
        kgraph.data.nodes.forEach(n => { home[n.id] = [n.x, n.y]; });
        return Object.keys(pos).filter(id => home[id] && (home[id][0] !== pos[id].x || home[id][1] !== pos[id].y)).length; }""")
    for k, (secs, drawn) in enumerate(steps):
        print(f"  {'explore from the hub' if k == 0 else 'expand all'}: {drawn:,} drawn, {secs:.2f} s "
              "(the whole refresh: filters, vis-network's data, the layout)")
    print(f"  {moved:,} of {steps[-1][1]:,} drawn are off their corpus places (laid out on their own)")
    pg.close()


if __name__ == "__main__":
    sys.exit(main())
