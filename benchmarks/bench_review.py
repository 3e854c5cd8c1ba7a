"""Benchmark: ``kgraph review``'s suggestion step at 1x and 10x a generated node list (near-linear?).

Nodes are made up of syllables (nothing is read or committed): persons of two
or three words and their surnames alone, organizations with a mark or a
legal form and their acronyms, places, a few misspellings, each mentioned in
a few of a corpus's articles (about 25 nodes an article), so that every
index of the review (folded name, initials, last word, first and last three
letters, shared articles) has realistic work. For each size the script times
``duplicates``, ``junk`` and ``retypes`` and prints the growth factor from
1x to 10x: near-linear means the 10x time is about 10-15 times the 1x time,
not 100.

Usage::

    nice .venv/bin/python benchmarks/bench_review.py                # 5,000 and 50,000 nodes
    nice .venv/bin/python benchmarks/bench_review.py --nodes 2000
"""

from __future__ import annotations

import argparse
import random
import time

from kgraph.core.iri import ENTITY_BASE
from kgraph.review import Node, duplicates, junk, retypes

_SYLLABLES = "ka ro ve lin tar os mi del ur va sen bri kol an te fu pe mar ilo dra".split()
_GIVEN = "Petra Lena Tomas Ivo Arvo Marta Elin Oskar".split()


def _word(rng: random.Random) -> str:
    """Return an invented capitalized word of two to four syllables."""
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def nodes(count: int, seed: int = 7) -> list[Node]:
    """Return ``count`` generated review nodes (about 25 an article)."""
    rng = random.Random(seed)
    articles = max(1, count // 25)
    out: dict[str, Node] = {}
    while len(out) < count:
        kind = rng.random()
        if kind < 0.35:
            t, label = "Person", f"{rng.choice(_GIVEN)} {_word(rng)}"
        elif kind < 0.45:
            t, label = rng.choice(("Person", "Place", "Organization")), _word(rng)  # a surname or name alone
        elif kind < 0.7:
            t = "Organization"
            label = rng.choice(("FC {}", "{} Lines", "{} Group Ltd", "{} {} Council")).format(_word(rng), _word(rng))
        elif kind < 0.8:
            t, label = "Organization", "".join(rng.choice("ABCDEFGHKLMNOPRST") for _ in range(3))
        else:
            t, label = "Place", _word(rng)
        if rng.random() < 0.05:  # a misspelling: a letter dropped
            i = rng.randrange(1, len(label))
            label = label[:i] + label[i + 1:]
        arts = frozenset(f"a{rng.randrange(articles)}" for _ in range(rng.randint(1, 3)))
        iri = f"{ENTITY_BASE}{t.lower()}/{label.replace(' ', '_')}"
        out[iri] = Node(iri, t, label, (label,), rng.randint(1, 9), len(arts), rng.randint(0, 3), in_articles=arts)
    return sorted(out.values(), key=lambda n: n.iri)


def timed(made: list[Node]) -> tuple[float, int]:
    """Return the seconds the three suggestion steps take on the nodes, and how many suggestions they make."""
    t0 = time.perf_counter()
    found = len(duplicates(made)) + len(junk(made)) + len(retypes(made))
    return time.perf_counter() - t0, found


def main() -> None:
    """Time the review's suggestion steps at 1x and 10x and print the growth."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000, help="nodes at 1x (10x is ten times as many)")
    args = ap.parse_args()
    timed(nodes(200, seed=1))  # loads the gazetteer and the entity model's lexicon, which is no part of the growth
    results = []
    for size in (args.nodes, 10 * args.nodes):
        made = nodes(size)
        seconds, found = timed(made)
        results.append(seconds)
        print(f"{size:>7} nodes: {seconds:6.2f} s, {found} suggestions")
    print(f"growth 1x -> 10x: {results[1] / max(results[0], 1e-9):.1f}x (near-linear is about 10-15x)")


if __name__ == "__main__":
    main()
