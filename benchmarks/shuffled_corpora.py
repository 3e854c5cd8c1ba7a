"""Corpus identity on shuffled corpora: random draws of development articles built as one corpus each.

A corpus-level error (a split, a wrong merge) needs two articles built
together. Fixed slices by position ("articles 1-150") have been read while
designing for a long time, so their pairings are worn; a random draw of the
same development articles pairs them anew and shows errors of the kind the
held-out articles meet. The held-out articles (the last ``--held`` by numeric
id) are never drawn.

Each corpus is a folder of links to the drawn DWIE files, scored by the shared
``score_corpus.py`` as is (it builds the folder with ``kgraph build``). The
draws depend on ``--seed`` only, so a run before and after a change compares
like with like.

Usage::

    python benchmarks/shuffled_corpora.py --src ../shared/data/dwie --corpora 4 --size 100 [-v]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

SCORER = Path("/work/shared/tools/score_corpus.py")

#: The lines of the scorer's report kept in the summary.
SUMMARY = re.compile(r"^(found|junk|identity)")


def dev_files(src: Path, held: int) -> list[Path]:
    """Return the DWIE files of ``src`` by numeric id, without the last ``held`` (the held-out slice)."""
    files = sorted(src.glob("DW_*.json"), key=lambda f: int(f.stem.split("_")[1]))
    return files[:len(files) - held] if held else files


def draws(files: list[Path], corpora: int, size: int, seed: int) -> list[list[Path]]:
    """Return ``corpora`` random draws of ``size`` files each (draw k seeded with ``seed + k``)."""
    if size > len(files):
        raise ValueError(f"cannot draw {size} of {len(files)} articles")
    pool = sorted(files, key=lambda f: f.name)  # by name: the draws do not depend on the order given
    return [sorted(random.Random(seed + k).sample(pool, size), key=lambda f: int(f.stem.split("_")[1]))
            for k in range(1, corpora + 1)]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", required=True, help="folder of DWIE DW_*.json files")
    ap.add_argument("--held", type=int, default=100, help="last articles by id never drawn (default 100)")
    ap.add_argument("--corpora", type=int, default=4)
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the scorer's splits, merges and junk too")
    args = ap.parse_args(argv)
    files = dev_files(Path(args.src), args.held)
    try:
        picked = draws(files, args.corpora, args.size, args.seed)
    except ValueError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    for k, chosen in enumerate(picked, 1):
        with tempfile.TemporaryDirectory() as tmp:
            for f in chosen:
                (Path(tmp) / f.name).symlink_to(f.resolve())
            run = subprocess.run([sys.executable, str(SCORER), "--src", tmp] + (["-v"] if args.verbose else []),
                                 capture_output=True, text=True)
        lines = [ln for ln in run.stdout.splitlines() if args.verbose and not ln.startswith("  ") or SUMMARY.match(ln)]
        print(f"== corpus {k} (seed {args.seed + k}, {len(chosen)} articles)")
        print("\n".join(lines) if run.returncode == 0 else f"scorer failed: {run.stderr.strip()[-300:]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
