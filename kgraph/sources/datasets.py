"""Reading the benchmark data kgraph trains on: CoNLL04 in SpERT JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

from kgraph.core.errors import InputError


def read_conll04(path: str | os.PathLike) -> list[dict]:
    """Read a CoNLL04 split in SpERT JSON: sentences with tokens, entities and relations.

    Raises:
        InputError: The file is missing or not in that format.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for item in data:
            item["tokens"], item["entities"], item["relations"]  # noqa: B018 - shape check
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise InputError(f"{path}: not a CoNLL04 SpERT JSON file ({exc})") from None
    return data
