"""Cross-validated end-to-end CoNLL04 figure on sentences none of the learned models was fitted on.

CoNLL04 train (922 sentences) is cut into ``--folds`` folds by sentence
position (``i % folds``). For each fold, a copy of the ``kgraph`` package is
made in ``--work`` and its CoNLL04-fitted models are rebuilt as ``kgraph
train`` builds them, from DWIE 1-602 and the other folds' sentences:

* the entity model (``entities.json.gz``: lexicon, typing and edge models,
  thresholds cross-validated inside the training data);
* the sentence classifier and the rules' measured precision
  (``relations.json.gz``; rules also judged on DWIE 1-100 as ``kgraph train --dwie`` does);
* the sentence encoder's head (``sentrel.npz``: CoNLL04 pairs on the fold
  entity model's names, the annotated-name rows of the training sentences,
  the DWIE pairs; calibration out of fold inside the training data);
* the short-text type head (``retype.npz``);
* the document model (``docrel.json.gz``: DWIE 1-602 rows made once with the
  shipped models, the fold's sentences' rows with the fold's models).

The held fold is then scored end to end by the shared
``score_conll04.py`` as is (``kgraph extract`` of the package copy, run from
the fold's folder: ``python -m`` puts the working directory before
``PYTHONPATH``). Not rebuilt: the DWIE pairs' encodings of the sentence head
(made with the shipped entity model, which saw all of CoNLL04 train). The
hand rules and extraction code were written while reading CoNLL04 train and
dev: the folds take out the learned models' part only. The models learn
from two thirds of the CoNLL04 sentences (with 3 folds), so the figure
leans pessimistic against a model trained on all of them (CoNLL04 dev: 0.628
with fold 0's models, 0.655 with the shipped ones).

Usage (needs the ``train`` extra; about 15 minutes per fold on the loaded 2-core
machine with a warm ``--cache`` of ``kgraph train``)::

    python benchmarks/cv_conll04.py --data ../shared/data/conll04/train.json \\
        --dwie ../shared/data/dwie --cache /tmp/kgraph-parses --work /tmp/cv

``--fold K`` runs one fold; ``--score-only`` re-scores folds already trained
(after a change to extraction code only: the package copy is refreshed, its
models kept); ``--doc-only`` rebuilds only the document models, then scores.
``--rows-key`` names the cache key of the DWIE pairs and annotated-name rows
the last ``kgraph train`` encoded (default: the newest ``dwie602-*.npz``; a
copied cache loses the files' times, so name it). Per-fold scorer output
and the extractor's output are kept in ``--work``; the pooled figure is
printed last.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = Path("/work/shared/tools/score_conll04.py")
TRAINED = ("entities.json.gz", "relations.json.gz", "sentrel.npz", "retype.npz", "docrel.json.gz")

def copy_package(dest: Path, keep_models: bool) -> None:
    """Copy the worktree's ``kgraph`` package to ``dest/kgraph`` (the encoder pack linked, not copied)."""
    pkg = dest / "kgraph"
    saved = {}
    if keep_models and pkg.exists():
        saved = {n: (pkg / "models" / n).read_bytes() for n in TRAINED if (pkg / "models" / n).exists()}
    if pkg.exists():
        shutil.rmtree(pkg)
    shutil.copytree(ROOT / "kgraph", pkg, ignore=shutil.ignore_patterns("__pycache__", "minilm"))
    os.symlink(ROOT / "kgraph" / "models" / "minilm", pkg / "models" / "minilm")
    for n, b in saved.items():
        (pkg / "models" / n).write_bytes(b)

def split(data: Path, folds: int, k: int, work: Path) -> tuple[Path, Path, list[int]]:
    items = json.loads(data.read_text(encoding="utf-8"))
    train_idx = [i for i in range(len(items)) if i % folds != k]
    test_idx = [i for i in range(len(items)) if i % folds == k]
    tr, te = work / "train.json", work / "test.json"
    tr.write_text(json.dumps([items[i] for i in train_idx]), encoding="utf-8")
    te.write_text(json.dumps([items[i] for i in test_idx]), encoding="utf-8")
    return tr, te, train_idx

def train_fold(args) -> None:
    """Run inside the package copy (PYTHONPATH): rebuild its CoNLL04-fitted models from the fold's training part."""
    import numpy as np

    import kgraph
    from kgraph.extraction import encoder as enc_mod
    from kgraph.extraction import entity_model
    from kgraph.extraction.relations import load_model
    from kgraph import sentrel_train as st
    from kgraph.retype_train import train_retype
    from kgraph.train import pin_blas_threads, train as run_train
    from kgraph.train_doc import write_dwie_gold

    assert str(Path(kgraph.__file__).resolve()).startswith(str(Path(args.work).resolve())), kgraph.__file__
    pin_blas_threads()
    work, cache = Path(args.work), Path(args.cache)
    train_idx = json.loads((work / "train_idx.json").read_text())
    enc = enc_mod.load()
    # DWIE pairs and annotated-name rows as the last `kgraph train` cached them (shipped entity model).
    key0 = args.rows_key or max(cache.glob("dwie602-*.npz"), key=lambda p: p.stat().st_mtime).stem.split("-")[-1]
    log = {}
    s = entity_model.train_entities(args.dwie, conll04=str(work / "train.json"), cache_dir=str(cache))
    entity_model.load.cache_clear()
    log["entities"] = {"threshold": s["threshold"], "threshold_once": s["threshold_once"]}
    print("entity model", log["entities"], flush=True)
    gold = write_dwie_gold(args.dwie, work / "dwie-gold")
    r = run_train(str(work / "train.json"), gold=str(gold))
    load_model(reset=True)
    print("relations", r["sentences"], r["pairs"], flush=True)
    fold_train = str(work / "train.json")
    conll = st.cached(st.conll_cache_name(fold_train), cache, lambda: st.conll04_examples(fold_train, enc), enc)
    with np.load(cache / f"dwie602-{key0}.npz") as z:
        dwie = {k: z[k] for k in z.files}
    with np.load(cache / f"{st.conll_cache_name(args.data)}-gold-{key0}.npz") as z:
        written = {k: z[k] for k in z.files}
    pos = {g: j for j, g in enumerate(train_idx)}
    keep = np.array([int(g) in pos for g in written["group"]], bool)
    written = {k: v[keep] for k, v in written.items()}
    written["group"] = np.array([pos[int(g)] for g in written["group"]], np.int64)
    got = st.fit_parts([conll, dwie], ["conll04", "dwie"], st.MODEL_PATH, "cross-validation fold",
                       train_only=[(written, 0)])
    print("sentence head", got["sources"], got["out_of_fold"], flush=True)
    typed = train_retype(fold_train, cache=cache)
    print("type head", typed["threshold"], flush=True)

def dwie_doc_rows(args) -> Path:
    """Write the document model's DWIE 1-602 rows (shipped models) once; return the pickle's path."""
    import pickle

    from kgraph import train_doc as td

    Path(args.work).mkdir(parents=True, exist_ok=True)
    path = Path(args.work) / "dwie-docrel-rows.pkl"
    if not path.exists():
        dwie_items = td.dwie_training(args.dwie)
        # The DocBin cache of `kgraph train` holds DWIE and CoNLL04 train parsed together.
        both = dwie_items + td.conll_training(args.data)
        data = td.rows(dwie_items, td.article_pairs(both, cache=Path(args.cache), select=range(len(dwie_items))))
        path.write_bytes(pickle.dumps({"n": len(dwie_items), "rows": data}))
    return path

def train_fold_doc(args) -> None:
    """Run inside the package copy: rebuild its document model from the DWIE rows and the fold's sentences."""
    import pickle

    import kgraph
    from kgraph.core import modelfile
    from kgraph import train_doc as td
    from kgraph.extraction.docrel import DOC_MODEL_PATH, FEATURES
    from kgraph.train import pin_blas_threads

    assert str(Path(kgraph.__file__).resolve()).startswith(str(Path(args.work).resolve())), kgraph.__file__
    pin_blas_threads()
    work = Path(args.work)
    got = pickle.loads((work.parent / "dwie-docrel-rows.pkl").read_bytes())
    fold_train = str(work / "train.json")
    items = td.conll_training(fold_train)
    conll = td.rows(items, td.article_pairs(items, td.sentence_fold_models(fold_train), cache=Path(args.cache)))
    data = {}
    for pred in sorted(set(got["rows"]) | set(conll)):
        a, b = got["rows"].get(pred), conll.get(pred)
        parts = [x for x in (a, b) if x]
        d = {k: [v for x in parts for v in x[k]] for k in ("X", "y", "dwie", "pair")}
        d["g"] = (list(a["g"]) if a else []) + ([g + got["n"] for g in b["g"]] if b else [])
        data[pred] = d
    preds = td.fit_predicates(data, log=lambda *_a: None)
    payload = {"about": "cross-validation fold", "features": list(FEATURES), "predicates": preds}
    modelfile.write_json(DOC_MODEL_PATH, payload)
    print("document model", {p: v.get("threshold_sentence") for p, v in preds.items()}, flush=True)

def score(work: Path, env: dict) -> str:
    """Run the shared scorer on the held fold with the package copy; keep its output and the extractor's."""
    check = subprocess.run([sys.executable, "-c", "import kgraph; print(kgraph.__file__)"], capture_output=True,
                           text=True, env=env, cwd=str(work), check=True).stdout
    assert check.startswith(str(work)), check  # the package copy with the fold's models
    cmd = f"sh -c '{sys.executable} -m kgraph extract {{input}} --format jsonl | tee {work / 'pred.jsonl'}'"
    # Run from the fold's folder: `python -m` puts the working directory first on sys.path, before PYTHONPATH
    # (from the repository it would import the worktree's package and its shipped models).
    out = subprocess.run([sys.executable, str(SCORER), "--data", str(work / "test.json"), "--cmd", cmd, "-v"],
                         capture_output=True, text=True, env=env, check=False, cwd=str(work))

    (work / "score.txt").write_text(out.stdout + out.stderr, encoding="utf-8")
    return out.stdout

def pooled(works: list[Path]) -> str:
    """Return entity and relation P / R / F1 over all scored folds (counts rebuilt from each fold's figures)."""
    ent = [0, 0, 0]
    rel = [0, 0, 0]
    kinds: dict[str, list[int]] = {}
    for work in works:
        text = (work / "score.txt").read_text(encoding="utf-8")
        items = json.loads((work / "test.json").read_text(encoding="utf-8"))
        n_ent = sum(1 for it in items for e in it["entities"] if e["type"] != "Other")
        n_rel = sum(len(it["relations"]) for it in items)
        m = re.search(r"entity\(Peop/Org/Loc\) P ([\d.]+) R ([\d.]+) F1 [\d.]+ \| relation P ([\d.]+) R ([\d.]+)", text)
        ep, er, rp, rr = (float(x) for x in m.groups())
        for acc, p, r, n in ((ent, ep, er, n_ent), (rel, rp, rr, n_rel)):
            tp = round(r * n)
            acc[0] += tp
            acc[1] += round(tp / p) - tp if p else 0
            acc[2] += n - tp
        for k, tp, fp, fn in re.findall(r"^(\w+)\s+P [\d.]+ R [\d.]+ F1 [\d.]+ \(tp (\d+) fp (\d+) fn (\d+)\)",
                                        text, re.M):
            c = kinds.setdefault(k, [0, 0, 0])
            for j, v in enumerate((tp, fp, fn)):
                c[j] += int(v)

    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r) if p + r else 0.0:.3f} (tp {tp} fp {fp} fn {fn})"

    lines = [f"{k:12s} {prf(*c)}" for k, c in kinds.items()]
    lines.append(f"pooled over {len(works)} folds: entities {prf(*ent)} | relations {prf(*rel)}")
    return "\n".join(lines)

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--dwie", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--fold", type=int, action="append")
    ap.add_argument("--score-only", action="store_true")
    ap.add_argument("--rows-key", help="cache key of the DWIE pairs and annotated-name rows (default: newest)")
    ap.add_argument("--doc-only", action="store_true", help="only rebuild the folds' document models, then score")
    ap.add_argument("--train-fold", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--train-fold-doc", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.train_fold:
        train_fold(args)
        return 0
    if args.train_fold_doc:
        train_fold_doc(args)
        return 0
    if not (args.score_only or args.doc_only or args.rows_key or any(Path(args.cache).glob("dwie602-*.npz"))):
        # The folds reuse the DWIE rows a full `kgraph train` encodes: say so before any work, not in a traceback.
        print(f"Error: {args.cache} holds no DWIE rows (dwie602-*.npz); run `kgraph train --data {args.data} "
              f"--dwie {args.dwie} --cache {args.cache}` first", file=sys.stderr)
        return 1
    if not args.score_only:
        dwie_doc_rows(args)
    for k in args.fold or range(args.folds):
        work = Path(args.work) / f"fold{k}"
        work.mkdir(parents=True, exist_ok=True)
        copy_package(work, keep_models=args.score_only or args.doc_only)
        _tr, _te, train_idx = split(Path(args.data), args.folds, k, work)
        (work / "train_idx.json").write_text(json.dumps(train_idx))
        env = dict(os.environ, PYTHONPATH=str(work), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
                   MKL_NUM_THREADS="1")
        env.pop("KGRAPH_SENTREL_HEAD", None)
        common = ["--data", args.data, "--dwie", args.dwie, "--cache", args.cache, "--work", str(work)]
        if not (args.score_only or args.doc_only):
            subprocess.run([sys.executable, __file__, "--train-fold"] + common
                           + (["--rows-key", args.rows_key] if args.rows_key else []), env=env, check=True)
        if not args.score_only:
            subprocess.run([sys.executable, __file__, "--train-fold-doc"] + common, env=env, check=True)
        print(f"fold {k}:", score(work, env).strip().splitlines()[-1], flush=True)
    works = [Path(args.work) / f"fold{k}" for k in range(args.folds)]
    done = [w for w in works if (w / "score.txt").exists()]
    print(pooled(done))
    return 0

if __name__ == "__main__":
    sys.exit(main())
