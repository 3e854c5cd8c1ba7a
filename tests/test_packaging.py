"""The installed (non-editable) package carries its data files."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{proc.stderr[-2000:]}")
    (whl,) = out.glob("kgraph-*.whl")
    return whl


@pytest.mark.parametrize("member", [
    "kgraph/ontology/kgraph.ttl",
    "kgraph/ontology/shapes.ttl",
    "kgraph/queries/count-by-type.rq",
    "kgraph/models/relations.json.gz",
    "kgraph/models/sentrel.npz",
    "kgraph/models/retype.npz",
    "kgraph/models/retype_article.npz",
    "kgraph/models/minilm/model.safetensors",
    "kgraph/models/minilm/tokenizer.json.gz",
    "kgraph/models/minilm/config.json",
    "kgraph/models/minilm/NOTICE",
    "kgraph/models/entities.json.gz",
    "kgraph/models/docrel.json.gz",
    "kgraph/page/page.html",
    "kgraph/page/page.js",
])
def test_wheel_ships_data(wheel, member):
    names = zipfile.ZipFile(wheel).namelist()
    assert member in names, sorted(n for n in names if not n.endswith(".py"))


def _install_elsewhere(wheel, tmp_path):
    """Install the wheel into a folder of its own; return it and an empty folder to run from."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    return target, elsewhere


def test_installed_package_finds_its_ontology_from_another_folder(wheel, tmp_path):
    target, elsewhere = _install_elsewhere(wheel, tmp_path)
    env = dict(os.environ, PYTHONPATH=str(target))
    code = ("import kgraph, kgraph.core.vocab as v; "
            "print(kgraph.__file__); print(v.ontology_path()); print(len(v.ontology_graph()))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    module_file, onto, triples = proc.stdout.split("\n")[:3]
    assert module_file.startswith(str(target))
    assert onto.startswith(str(target))
    assert int(triples) > 100


def test_installed_package_encodes_with_its_own_encoder_pack(wheel, tmp_path):
    target, elsewhere = _install_elsewhere(wheel, tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "KGRAPH_ENCODER_DIR"}
    env.update(PYTHONPATH=str(target), HF_HUB_OFFLINE="1")
    code = ("from kgraph.extraction import encoder, sentrel; print(encoder.model_dir()); "
            "print(sentrel.enabled()); print(encoder.load().encode(['Ivo Brandt left Tarn.'])[0].states.shape)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    folder, enabled, shape = proc.stdout.split("\n")[:3]
    assert folder.startswith(str(target)) and folder.endswith("minilm")
    assert enabled == "True" and shape.endswith("384)")
