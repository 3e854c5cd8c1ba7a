"""Reading the benchmark data kgraph trains on: CoNLL04 in SpERT JSON."""

from __future__ import annotations

import os

from kgraph.core.errors import InputError


def read_conll04(path: str | os.PathLike) -> list[dict]:
    """Read a CoNLL04 split in SpERT JSON: sentences with tokens, entities and relations.

    Raises:
        InputError: The file is missing or not in that format.
    """
    from kgraph.core import userfile

    # A FIFO or a device (/dev/zero) is refused before it is opened: reading one hung or grew without end.
    data = userfile.loads(userfile.read_text(path, InputError, "CoNLL04 file"), InputError, str(path))
    if not isinstance(data, list) or not all(_sentence(item) for item in data):
        raise InputError(f"{path}: not a CoNLL04 SpERT JSON file (a list of sentences, each with \"tokens\", "
                         "\"entities\" and \"relations\" that point at its tokens and entities)")
    return data


def require_relations(items: list[dict], path) -> None:
    """Refuse CoNLL04 data with no annotated relation: a relation classifier has nothing to learn from it.

    Raises:
        InputError: No sentence holds a relation (the entity and type heads read such files).
    """
    if not any(item["relations"] for item in items):
        raise InputError(f"{path}: holds no annotated relations to train on ({len(items)} sentences)")


def _sentence(item: object) -> bool:
    """Return True if a SpERT sentence has the fields training reads, with indexes inside it."""
    if not isinstance(item, dict):
        return False
    tokens, entities, relations = item.get("tokens"), item.get("entities"), item.get("relations")
    if not (isinstance(tokens, list) and all(isinstance(t, str) for t in tokens)
            and isinstance(entities, list) and isinstance(relations, list)):
        return False
    for e in entities:
        if not (isinstance(e, dict) and isinstance(e.get("type"), str) and _index(e.get("start"), len(tokens))
                and _index(e.get("end"), len(tokens) + 1) and e["start"] < e["end"]):
            return False
    return all(isinstance(r, dict) and isinstance(r.get("type"), str) and _index(r.get("head"), len(entities))
               and _index(r.get("tail"), len(entities)) for r in relations)


def _index(x: object, size: int) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and 0 <= x < size
