"""Model files stored gzip-compressed: read either way, written so the same model gives the same bytes.

The shipped JSON models (``entities.json.gz``, ``relations.json.gz``,
``docrel.json.gz``) and the encoder's ``tokenizer.json.gz`` are gzip files
of compact JSON, a quarter of the size or less. :func:`write_json` compresses
when the target's name ends in ``.gz`` (level 9, modification time 0 and no
file name in the header, so two runs of ``kgraph train`` write the same bytes)
and writes plain text otherwise; :func:`read_text` and :func:`read_json` read
a gzip file (by its magic bytes, whatever its name) or a plain one.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from kgraph.core import atomic

_MAGIC = b"\x1f\x8b"


def gzip_bytes(data: bytes) -> bytes:
    """Return ``data`` gzip-compressed, the same bytes for the same data (mtime 0, no file name, level 9)."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def read_bytes(path: str | os.PathLike) -> bytes:
    """Return the bytes of ``path``, decompressed when it is a gzip file.

    Raises:
        OSError: The file cannot be read, or it is a damaged gzip file (``gzip.BadGzipFile``).
        EOFError: A gzip file is cut short.
    """
    data = Path(path).read_bytes()
    return gzip.decompress(data) if data[:2] == _MAGIC else data


def read_text(path: str | os.PathLike) -> str:
    """Return the UTF-8 text of ``path``, decompressed when it is a gzip file."""
    return read_bytes(path).decode("utf-8")


def read_json(path: str | os.PathLike):
    """Return the JSON value in ``path``, a gzip file or plain text."""
    return json.loads(read_text(path))


def model_bytes(path: str | os.PathLike, payload) -> bytes:
    """Return the bytes :func:`write_json` writes: compact sorted JSON and a newline, gzipped for a ``.gz`` name."""
    data = (json.dumps(payload, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")
    return gzip_bytes(data) if str(path).endswith(".gz") else data


def write_json(path: str | os.PathLike, payload) -> Path:
    """Write a model as compact sorted JSON to ``path`` atomically (gzip-compressed when it ends in ``.gz``)."""
    return atomic.write_bytes(path, model_bytes(path, payload))
