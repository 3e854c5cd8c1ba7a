"""Peak memory and time for one very large article (the 100 MB case of issue 8).

Generates a news-like article of SIZE megabytes (sentences assembled from
name, role, organization and place lists, shuffled; no benchmark text), then
measures, each in a fresh subprocess so peaks do not mix:

* ``ingest``: read_inputs (decode + clean) alone;
* ``sections``: ingest, then extraction through ``kgraph.extraction.nlp.in_sections``
  (the long article parsed section by section), then linking and Turtle;
* ``build`` (with ``--build``): the ``kgraph build`` command as it stands.

Usage::

    python benchmarks/bench_big_article.py --size 5          # MB
    python benchmarks/bench_big_article.py --size 20 --build

Prints the peak RSS (ru_maxrss) and wall time of each. 100 MB works the same
way but takes hours of parsing on 2 cores (spaCy ~5k words/s).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FIRST = "Anna Tomas Lena Omar Yuki Piotr Grace Ivan Maria Chen Fatima Lucas Noor Sven Aiko Diego".split()
LAST = "Berg Ruiz Ortiz Haddad Sato Nowak Obi Petrov Silva Wei Khan Moreau Aziz Larsen Mori Vega".split()
ROLES = ["a spokesperson for", "the head of", "an adviser to", "a senior official at", "a researcher at"]
ORGS = ["the Ministry of Defence", "the United Nations", "the World Bank", "Reuters", "the Red Cross",
        "the European Commission", "the National Bank", "the Foreign Ministry"]
PLACES = ["Kyiv", "Moscow", "Paris", "Berlin", "Seoul", "Nairobi", "Lima", "Geneva", "Warsaw", "Cairo"]
FILLER = ["Talks are expected to continue next week.", "Officials declined to comment further.",
          "The statement was published on Monday.", "Prices rose sharply over the summer.",
          "Several roads were closed because of the weather.", "The committee will meet again in spring."]


def make_article(path: Path, megabytes: float, seed: int = 0) -> int:
    """Write an article of about ``megabytes`` MB in paragraphs; return its size in bytes."""
    rnd = random.Random(seed)
    target = int(megabytes * 1_000_000)
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        while size < target:
            sents = []
            for _ in range(rnd.randint(3, 7)):
                if rnd.random() < 0.4:
                    sents.append(f"{rnd.choice(FIRST)} {rnd.choice(LAST)}, {rnd.choice(ROLES)} {rnd.choice(ORGS)}, "
                                 f"said in {rnd.choice(PLACES)} that the talks would continue.")
                else:
                    sents.append(rnd.choice(FILLER))
            para = " ".join(sents) + "\n\n"
            fh.write(para)
            size += len(para.encode("utf-8"))
    return size


STAGES = {
    "ingest": """
from kgraph.sources.ingest import read_inputs
arts = list(read_inputs([PATH]))
print(len(arts[0].text))
""",
    "sections": """
from kgraph.extraction import nlp
from kgraph.graph import rdf
from kgraph.extraction.extract import extract_articles
from kgraph.sources.ingest import read_inputs
from kgraph.linking.link import link_extractions
pipe = nlp.load()
exs = list(nlp.in_sections(extract_articles, read_inputs([PATH]), nlp=pipe, batch_size=64))
kb = link_extractions(exs)
ttl = rdf.serialize(kb, "turtle")
print(len(exs[0].mentions), "mentions", len(kb.entities), "entities", len(kb.facts), "facts")
""",
}


def run_stage(code: str, path: Path) -> tuple[float, float, str]:
    """Run code in a fresh interpreter; return (peak RSS MB, seconds, its output)."""
    script = "import resource, sys\nPATH = sys.argv[1]\n" + code + \
             "\nprint('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    t = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True)
    secs = time.monotonic() - t
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    lines = proc.stdout.strip().splitlines()
    peak = int(lines[-1].split()[1]) / 1024
    return peak, secs, " ".join(lines[:-1])


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=float, default=5.0, help="article size in MB (default 5)")
    ap.add_argument("--build", action="store_true", help="also time the kgraph build command")
    ap.add_argument("--stages", default="ingest,sections", help="comma-separated stages to run")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        size = make_article(path, args.size)
        print(f"article: {size / 1e6:.1f} MB, {len(path.read_text(encoding='utf-8').split()):,} words")
        results = {}
        for stage in args.stages.split(","):
            peak, secs, out = run_stage(STAGES[stage], path)
            results[stage] = {"peak_rss_mb": round(peak), "seconds": round(secs, 1)}
            print(f"{stage:9s} peak RSS {peak:8.0f} MB  {secs:8.1f} s  {out}")
        if args.build:
            code = ("from kgraph.cli import main\nimport tempfile\n"
                    "try:\n    main(['build', '--quiet', PATH, '--output', tempfile.mkdtemp()], standalone_mode=False)\n"
                    "except SystemExit:\n    pass\n")
            peak, secs, out = run_stage(code, path)
            results["build"] = {"peak_rss_mb": round(peak), "seconds": round(secs, 1)}
            print(f"build     peak RSS {peak:8.0f} MB  {secs:8.1f} s  {out.splitlines()[0] if out else ''}")
        print(json.dumps(results))


if __name__ == "__main__":
    main()
