"""Shared fixtures: the small English pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_4f5ffafcc3e29aa6.txt"


@pytest.fixture(scope="session")
def nlp():
    from kgraph.nlp import load

    return load()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Build the seed article once; return the build result and its output folder."""
    from kgraph.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    result = build([SEED], output=out)
    return result, out
