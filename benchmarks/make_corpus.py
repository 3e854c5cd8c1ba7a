"""Generate a news-like JSONL corpus from real sentences, shuffled (for benchmarks only).

Sentences are read at run time from the repository's ``seeds/``, the shared
gold news texts and the DWIE articles (``../shared/...`` beside the checkout), split at
sentence ends, shuffled with a fixed seed and dealt into articles of 8-20
sentences in paragraphs of 1-4, titled with the first words of the first
sentence. Nothing generated here is committed: the corpus is written
where you ask (a temporary folder by default).

Usage::

    .venv/bin/python benchmarks/make_corpus.py --articles 2000 --out /tmp/corpus.jsonl
    .venv/bin/python benchmarks/make_corpus.py --from /tmp/corpus.jsonl --change 10 --out /tmp/changed.jsonl
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The workplace's benchmark data beside the checkout: read at run time, never committed.
SHARED = ROOT.parent / "shared"
SOURCES = (str(ROOT / "seeds" / "*.txt"), str(SHARED / "gold" / "news" / "*.txt"),
           str(SHARED / "data" / "dwie" / "*.json"))
_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"\u201d']))\s+(?=[\"\u201c']?[A-Z])")


def sentences(patterns=SOURCES) -> list[str]:
    """Return the distinct sentences of the source texts (5 to 60 words each)."""
    seen, out = set(), []
    for pattern in patterns:
        for path in sorted(glob.glob(pattern)):
            raw = Path(path).read_text(encoding="utf-8", errors="replace")
            text = json.loads(raw).get("content", "") if path.endswith(".json") else raw
            for line in text.splitlines():
                for s in _SPLIT.split(line.strip()):
                    s = " ".join(s.split())
                    if 5 <= len(s.split()) <= 60 and s not in seen:
                        seen.add(s)
                        out.append(s)
    return out


def articles(n: int, seed: int = 7, pool: list[str] | None = None) -> list[dict]:
    """Return ``n`` articles as ``{"id", "title", "text"}`` dicts dealt from the shuffled sentences."""
    rng = random.Random(seed)
    pool = list(pool if pool is not None else sentences())
    rng.shuffle(pool)
    out, i = [], 0
    for k in range(n):
        count = rng.randint(8, 20)
        body = []
        for _ in range(count):
            body.append(pool[i % len(pool)])
            i += 1
            if i % len(pool) == 0:
                rng.shuffle(pool)
        paras, j = [], 0
        while j < len(body):
            step = rng.randint(1, 4)
            paras.append(" ".join(body[j:j + step]))
            j += step
        title = " ".join(body[0].split()[:8]).rstrip(".,;:")
        out.append({"id": f"bench-{k:05d}", "title": title, "date": f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}",
                    "text": "\n\n".join(paras)})
    return out


def change(rows: list[dict], count: int, seed: int = 11) -> list[dict]:
    """Return the rows with ``count`` of them changed (a paragraph dropped and one sentence added)."""
    rng = random.Random(seed)
    rows = [dict(r) for r in rows]
    extra = sentences()
    for r in rng.sample(rows, count):
        paras = r["text"].split("\n\n")
        if len(paras) > 2:
            paras.pop(rng.randrange(1, len(paras)))
        paras.append(rng.choice(extra))
        r["text"] = "\n\n".join(paras)
    return rows


def write(rows: list[dict], path: Path) -> Path:
    """Write rows as JSON Lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def read(path: Path) -> list[dict]:
    """Read rows of JSON Lines."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--from", dest="source", type=Path, help="change articles of this corpus instead")
    ap.add_argument("--change", type=int, default=0, help="articles to change (with --from)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    rows = change(read(args.source), args.change) if args.source else articles(args.articles, args.seed)
    write(rows, args.out)
    words = sum(len(r["text"].split()) for r in rows)
    print(f"wrote {args.out}: {len(rows)} articles, {words} words")


if __name__ == "__main__":
    main()
