"""Model files stored gzip-compressed: the same model gives the same bytes, read back either way."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kgraph.core import modelfile

MODELS = Path(modelfile.__file__).resolve().parent.parent / "models"
PAYLOAD = {"weights": {"b": [0.1, -2.5e-07], "a": 1}, "about": "caf\u00e9 model"}


def test_a_gz_target_is_written_compressed_and_the_same_twice(tmp_path):
    one, two = tmp_path / "one" / "m.json.gz", tmp_path / "two" / "m.json.gz"
    modelfile.write_json(one, PAYLOAD)
    modelfile.write_json(two, dict(reversed(list(PAYLOAD.items()))))
    data = one.read_bytes()
    assert data == two.read_bytes()
    assert data[:2] == b"\x1f\x8b" and data[4:8] == b"\0\0\0\0"  # gzip, modification time 0
    assert not data[3] & 0x08  # no file name in the header
    assert gzip.decompress(data) == b'{"about":"caf\\u00e9 model","weights":{"a":1,"b":[0.1,-2.5e-07]}}\n'
    assert modelfile.read_json(one) == PAYLOAD


def test_a_plain_target_is_written_as_text_and_either_is_read(tmp_path):
    plain = tmp_path / "m.json"
    modelfile.write_json(plain, PAYLOAD)
    assert plain.read_bytes()[:1] == b"{"
    assert modelfile.read_json(plain) == PAYLOAD
    renamed = tmp_path / "m2.json"  # a gzip file is known by its magic bytes, not its name
    renamed.write_bytes(modelfile.gzip_bytes(plain.read_bytes()))
    assert modelfile.read_text(renamed) == plain.read_text(encoding="utf-8")


def test_a_damaged_gzip_file_fails_to_read(tmp_path):
    bad = tmp_path / "m.json.gz"
    bad.write_bytes(modelfile.gzip_bytes(b"{}\n")[:-6])
    with pytest.raises((OSError, EOFError)):
        modelfile.read_json(bad)


@pytest.mark.parametrize("name", ["entities.json.gz", "relations.json.gz", "docrel.json.gz"])
def test_shipped_json_models_are_what_the_writer_writes(name):
    path = MODELS / name
    data = path.read_bytes()
    assert modelfile.model_bytes(path, json.loads(gzip.decompress(data))) == data
    assert not (MODELS / name.removesuffix(".gz")).exists()


def test_shipped_tokenizer_is_compressed_the_same_way():
    data = (MODELS / "minilm" / "tokenizer.json.gz").read_bytes()
    assert modelfile.gzip_bytes(gzip.decompress(data)) == data
    assert not (MODELS / "minilm" / "tokenizer.json").exists()


def test_shipped_model_files_total_under_40_mb():
    total = sum(p.stat().st_size for p in MODELS.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total <= 38_000_000, total
