"""Atomic file output: write to a temporary file beside the target, then rename.

A build that fails or is killed part-way leaves every earlier output intact.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import GraphError


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write text as UTF-8 to ``path`` atomically; return the path."""
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write bytes to ``path`` atomically (temporary file, fsync, rename); return the path.

    Raises:
        GraphError: The folder cannot be created or written.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise GraphError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise GraphError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise
    return target
