"""Benchmark: corpus-level identity and linking at 1x and 10x a generated corpus (near-linear?).

Articles come from ``make_corpus.py`` (real sentences shuffled; nothing is
committed). spaCy is left out so that only the corpus step is timed:
mentions are the capitalized word runs of each text, typed by a fixed rule
(a run that ends in an organization word is an organization, a run the
gazetteer knows is a place, two or more words a person, else a person),
which gives the identity step realistic work: many names, acronyms, short
names and repeats across articles. For each size the script times
``kgraph.linking.identity.resolve`` and the whole ``link_extractions`` (corrections
included: a file of 50 items), and prints the growth factor from 1x to 10x.
Near-linear means the 10x time is about 10-15 times the 1x time, not 100.

Usage::

    nice .venv/bin/python benchmarks/bench_identity.py               # 1,000 and 10,000 articles
    nice .venv/bin/python benchmarks/bench_identity.py --articles 200 --shared ../shared
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402

from kgraph.sources import gazetteer  # noqa: E402
from kgraph.linking.corrections import parse  # noqa: E402
from kgraph.linking.identity import ORG_WORDS, resolve  # noqa: E402
from kgraph.linking.link import link_extractions  # noqa: E402
from kgraph.core.model import Article, Extraction, Mention  # noqa: E402

_RUN = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w\-]+(?:\s+(?:of\s+)?[A-Z][\w\-]+)*)")


def extraction(row: dict) -> Extraction:
    """Return an extraction of a generated article: its capitalized runs as mentions."""
    text = row["text"]
    mentions = []
    for m in _RUN.finditer(text):
        name = m.group(1)
        last = name.split()[-1].casefold()
        if last in ORG_WORDS or (name.isupper() and len(name) <= 6):
            kind = "Organization"
        elif gazetteer.place(name) is not None:
            kind = "Place"
        else:
            kind = "Person"
        mentions.append(Mention(name, kind, m.start(1), m.end(1), name))
    return Extraction(Article(row["id"], text, title=row.get("title")), tuple(mentions))


def corrections(exs: list[Extraction]):
    """Return 50 corrections naming entities of the corpus (merges, retypes, blocks)."""
    names = sorted({m.name for ex in exs[:200] for m in ex.mentions})[:150]
    items = []
    for i in range(0, min(len(names) - 1, 150), 3):
        items.append({"action": "merge", "entities": [names[i], names[i + 1]]})
        items.append({"action": "block", "entity": names[i + 2]} if i % 2 else
                     {"action": "retype", "entity": names[i + 2], "type": "Organization"})
    return parse({"version": 1, "corrections": items[:50]})


def measure(n: int, pool: list[str]) -> dict:
    rows = make_corpus.articles(n, pool=pool)
    exs = [extraction(r) for r in rows]
    mentions = sum(len(ex.mentions) for ex in exs)
    t0 = time.perf_counter()
    res = resolve(exs)
    t1 = time.perf_counter()
    kb = link_extractions(exs, corrections(exs))
    t2 = time.perf_counter()
    return {"articles": n, "mentions": mentions, "groups": len(res.groups), "entities": len(kb.entities),
            "resolve": t1 - t0, "link": t2 - t1}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000, help="size of the 1x corpus")
    ap.add_argument("--shared", default=str(make_corpus.SHARED),
                    help="the shared benchmark folder whose texts give the sentences")
    args = ap.parse_args()
    shared = Path(args.shared)
    pool = make_corpus.sentences((str(make_corpus.ROOT / "seeds" / "*.txt"), str(shared / "gold" / "news" / "*.txt"),
                                  str(shared / "data" / "dwie" / "*.json")))
    import warnings

    warnings.simplefilter("ignore")  # corrections naming merged-away entities warn; not timed here
    gazetteer.place("Berlin")  # load the gazetteer before timing
    results = [measure(args.articles, pool), measure(10 * args.articles, pool)]
    for r in results:
        print(f"{r['articles']:>6} articles, {r['mentions']:>7} mentions -> {r['groups']:>6} groups, "
              f"{r['entities']:>6} entities: resolve {r['resolve']:.2f} s, link (with corrections) {r['link']:.2f} s")
    a, b = results
    print(f"10x articles: resolve x{b['resolve'] / max(a['resolve'], 1e-9):.1f}, "
          f"link x{b['link'] / max(a['link'], 1e-9):.1f} (mentions x{b['mentions'] / max(a['mentions'], 1):.1f})")


if __name__ == "__main__":
    main()
