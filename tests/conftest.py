"""Shared fixtures: the small English pipeline is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true",
                     help="also run the tests marked slow (signals, packaging); CI and the README's command do")


def pytest_collection_modifyitems(config, items):
    # Slow tests (real processes killed by signals, building the wheel) run in CI
    # and with --run-slow; a developer's default run stays short.
    if config.getoption("--run-slow") or os.environ.get("CI") == "true":
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
SEED = ROOT / "seeds" / "000_4f5ffafcc3e29aa6.txt"


@pytest.fixture(scope="session")
def nlp():
    from kgraph.extraction.nlp import load

    return load()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Build the seed article once; return the build result and its output folder."""
    from kgraph.build.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    result = build([SEED], output=out)
    return result, out
