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

The shipped entity model learned from every development article, so it has
seen the drawn articles' names. With ``--unseen-names N`` the corpora are
built by a copy of the package whose entity model is trained on DWIE
articles 1..N only (about 90 seconds, the ``train`` extra and a parse cache
of ``kgraph train`` help), and drawn from the development articles after N:
names the entity model never saw, as in new news.

Usage::

    python benchmarks/shuffled_corpora.py --src ../shared/data/dwie --corpora 4 --size 100 [-v]
    python benchmarks/shuffled_corpora.py --src ../shared/data/dwie --corpora 5 --size 100 --seed 2000 \
        --unseen-names 300 --conll04 ../shared/data/conll04/train.json --cache /tmp/kgraph-parses
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SCORER = Path("/work/shared/tools/score_corpus.py")
ROOT = Path(__file__).resolve().parent.parent

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


def unseen_package(work: Path, src: Path, first: int, conll04: str | None, cache: str | None) -> Path:
    """Copy the package into ``work`` with an entity model trained on DWIE articles 1..``first`` only; return ``work``."""
    shutil.copytree(ROOT / "kgraph", work / "kgraph", ignore=shutil.ignore_patterns("__pycache__", "minilm"))
    os.symlink(ROOT / "kgraph" / "models" / "minilm", work / "kgraph" / "models" / "minilm")
    shutil.copytree(ROOT / "ontology", work / "ontology")
    # Trained in a child process that imports the copy: the model file is written inside it, never the worktree's.
    code = ("import sys; from kgraph.extraction import entity_model as m; "
            "m.train_entities(sys.argv[1], output=sys.argv[2], first=int(sys.argv[3]), "
            "conll04=sys.argv[4] or None, cache_dir=sys.argv[5] or None)")
    subprocess.run([sys.executable, "-c", code, str(src), str(work / "kgraph" / "models" / "entities.json.gz"),
                    str(first), conll04 or "", cache or ""], env=dict(os.environ, PYTHONPATH=str(work)),
                   cwd=work, check=True, stdout=subprocess.DEVNULL)
    return work


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", required=True, help="folder of DWIE DW_*.json files")
    ap.add_argument("--held", type=int, default=100, help="last articles by id never drawn (default 100)")
    ap.add_argument("--corpora", type=int, default=4)
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("-v", "--verbose", action="store_true", help="print the scorer's splits, merges and junk too")
    ap.add_argument("--unseen-names", type=int, default=0, metavar="N",
                    help="build with an entity model trained on articles 1..N only, and draw after N")
    ap.add_argument("--conll04", help="with --unseen-names: CoNLL04 train split the entity model also learns from")
    ap.add_argument("--cache", help="with --unseen-names: parse cache of `kgraph train`")
    args = ap.parse_args(argv)
    files = dev_files(Path(args.src), args.held)
    try:
        if args.unseen_names >= len(files):
            raise ValueError(f"--unseen-names {args.unseen_names} leaves none of {len(files)} articles to draw")
        picked = draws(files[args.unseen_names:], args.corpora, args.size, args.seed)
    except ValueError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as pkg:
        # The scorer runs `kgraph build`: the one of this interpreter's environment, not whichever PATH finds.
        env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
        if args.unseen_names:
            env["PYTHONPATH"] = str(unseen_package(Path(pkg), Path(args.src), args.unseen_names, args.conll04,
                                                   args.cache))
            print(f"entity model trained on articles 1-{args.unseen_names}; drawing from the "
                  f"{len(files) - args.unseen_names} after them")
        for k, chosen in enumerate(picked, 1):
            report(k, chosen, args, env)
    return 0


def report(k: int, chosen: list[Path], args, env: dict) -> None:
    """Build one drawn corpus with the shared scorer and print its summary (and with -v its errors)."""
    with tempfile.TemporaryDirectory() as tmp:
        for f in chosen:
            (Path(tmp) / f.name).symlink_to(f.resolve())
        run = subprocess.run([sys.executable, str(SCORER), "--src", tmp] + (["-v"] if args.verbose else []),
                             capture_output=True, text=True, env=env)
    lines = [ln for ln in run.stdout.splitlines() if args.verbose and not ln.startswith("  ") or SUMMARY.match(ln)]
    print(f"== corpus {k} (seed {args.seed + k}, {len(chosen)} articles)", flush=True)
    why = (run.stderr.strip() or run.stdout.strip())[-300:]  # the scorer reports a failed build on stdout
    print("\n".join(lines) if run.returncode == 0 else f"scorer failed: {why}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
