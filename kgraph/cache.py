"""The build state kept beside a graph: a content-addressed extraction cache and a manifest.

An output folder ``DIR`` holds ``DIR/.kgraph/``:

* ``cache.sqlite``: one JSON :class:`~kgraph.model.Extraction` per key, the
  key being a digest of the article (id, text and metadata), the spaCy
  pipeline (name and version) and the extractor's own version (a digest of
  the code and data that turn a Doc into mentions and relations). An
  article that has not changed is never parsed again; changing the
  extraction rules or the model invalidates every entry by itself.
* ``manifest.json``: the articles the graph in ``DIR`` holds, as
  ``[id, key]`` pairs sorted by id. A build re-links every article of the
  manifest from the cache, so the graph is a function of the manifest alone
  and does not depend on the order articles were added in. The manifest is
  written last, atomically, after the outputs.

Extractions travel to and from JSON losslessly (:func:`extraction_to_json`
and :func:`extraction_from_json`), which also carries them between processes
and Dask workers.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from . import atomic
from .errors import GraphError
from .model import Article, Extraction, Mention, Relation

#: Name of the state folder inside an output folder.
STATE_DIR = ".kgraph"
#: Version of the cache and manifest layout; bump when it changes.
FORMAT = 1

# Modules that run after extraction: changing them does not change an
# Extraction, so they are left out of the extractor version.
_NOT_EXTRACTION = frozenset("""__init__ __main__ atomic cache cli errors evaluate ingest iri link parallel pipeline query
rdf serve store push validate visualize vocab export formats shapes train""".split())
_NOT_EXTRACTION_DIRS = frozenset(("queries", "page", "ontology", "static", "templates"))


# ---------------------------------------------------------------- JSON

def article_to_json(a: Article) -> dict:
    """Return an article as a JSON-ready dict."""
    return {"id": a.id, "text": a.text, "title": a.title, "url": a.url, "date": a.date, "source": a.source,
            "publisher": a.publisher}


def article_from_json(d: dict) -> Article:
    """Return the article of :func:`article_to_json`."""
    return Article(id=d["id"], text=d["text"], title=d.get("title"), url=d.get("url"), date=d.get("date"),
                   source=d.get("source"), publisher=d.get("publisher"))


def _mention_list(m: Mention) -> list:
    return [m.text, m.type, m.start, m.end, m.name]


def _mention(v: list) -> Mention:
    return Mention(v[0], v[1], v[2], v[3], v[4])


def extraction_to_json(ex: Extraction) -> dict:
    """Return an extraction as a JSON-ready dict (mentions as compact lists)."""
    mentions = list(ex.mentions)
    index = {m: i for i, m in enumerate(mentions)}
    rels = []
    for r in ex.relations:
        rels.append({
            # A relation's mentions are usually among the article's: store their index.
            "s": index[r.subject] if r.subject in index else _mention_list(r.subject),
            "p": r.predicate,
            "o": index[r.object] if r.object in index else _mention_list(r.object),
            "confidence": r.confidence, "method": r.method, "sentence": r.sentence,
            "start": r.sentence_start, "end": r.sentence_end, "role": r.role,
        })
    return {"article": article_to_json(ex.article), "mentions": [_mention_list(m) for m in mentions],
            "relations": rels}


def extraction_from_json(d: dict) -> Extraction:
    """Return the extraction of :func:`extraction_to_json`, equal to the original."""
    mentions = tuple(_mention(v) for v in d["mentions"])

    def ref(v):
        return mentions[v] if isinstance(v, int) else _mention(v)

    rels = tuple(Relation(ref(r["s"]), r["p"], ref(r["o"]), r["confidence"], r["method"], r["sentence"],
                          r["start"], r["end"], r.get("role")) for r in d["relations"])
    return Extraction(article_from_json(d["article"]), mentions, rels)


def dumps(ex: Extraction) -> str:
    """Return an extraction as one line of compact JSON."""
    return json.dumps(extraction_to_json(ex), separators=(",", ":"))


def loads(text: str) -> Extraction:
    """Return the extraction of :func:`dumps`."""
    return extraction_from_json(json.loads(text))


# ---------------------------------------------------------------- keys

@cache
def extractor_version() -> str:
    """Return a digest of the code and data that turn parsed text into an Extraction.

    Every module of the package except those that only run after extraction
    (linking, RDF, the page, the CLI, ...) and every data file shipped inside
    the package count, so editing a rule or retraining a component
    invalidates the cache without anyone bumping a number.
    """
    from . import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"kgraph {__version__} cache {FORMAT}\n".encode())
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or rel.parts[0] in _NOT_EXTRACTION_DIRS:
            continue
        if path.suffix == ".py" and len(rel.parts) == 1 and path.stem in _NOT_EXTRACTION:
            continue
        if path.suffix in (".pyc", ".tmp") or path.name.startswith("."):
            continue
        h.update(rel.as_posix().encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


@cache
def model_fingerprint(model: str | None) -> str:
    """Return ``name==version`` of a spaCy pipeline without loading it.

    Args:
        model: Package name or folder; the default pipeline when None.
    """
    from importlib import metadata

    from . import nlp

    name = model or nlp.default_model()
    path = Path(name)
    meta_file = path / "meta.json" if path.is_dir() else None
    if meta_file is None and not _importable(name):
        from .errors import ModelError

        raise ModelError(f"cannot load spaCy pipeline {name!r}: no such package or folder")
    if meta_file is None:
        try:
            import importlib.util

            spec = importlib.util.find_spec(name)
            if spec is not None and spec.submodule_search_locations:
                for loc in spec.submodule_search_locations:
                    cands = sorted(Path(loc).glob("*/meta.json")) + [Path(loc) / "meta.json"]
                    meta_file = next((c for c in cands if c.is_file()), None)
                    if meta_file:
                        break
        except (ImportError, ValueError):
            meta_file = None
    if meta_file is not None and meta_file.is_file():
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
            h = hashlib.sha256(meta_file.read_bytes()).hexdigest()[:8]
            return f"{meta.get('lang', '')}_{meta.get('name', name)}=={meta.get('version', '?')}#{h}"
        except (OSError, ValueError):
            pass
    try:
        return f"{name}=={metadata.version(name.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return f"{name}==?"


def _importable(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def cache_key(article: Article, model_id: str, extractor: str | None = None) -> str:
    """Return the cache key of an article under a model fingerprint and extractor version."""
    h = hashlib.sha256()
    for part in (article.sha, model_id, extractor or extractor_version()):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


# ---------------------------------------------------------------- cache

class ExtractionCache:
    """A content-addressed store of extractions in one SQLite file.

    Writes are batched in transactions; a build killed part-way keeps every
    committed entry and loses nothing else (SQLite is crash-safe).
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            raise GraphError(f"cannot open the extraction cache {self.path}: {exc}") from None
        self._pending: list[tuple[str, str]] = []

    def __contains__(self, key: str) -> bool:
        if any(k == key for k, _ in self._pending):
            return True
        return self._db.execute("SELECT 1 FROM extraction WHERE key=?", (key,)).fetchone() is not None

    def keys(self) -> set[str]:
        """Return every key held."""
        return {k for (k,) in self._db.execute("SELECT key FROM extraction")} | {k for k, _ in self._pending}

    def put(self, key: str, ex: Extraction | str) -> None:
        """Store an extraction (or its :func:`dumps` text) under a key; committed by :meth:`flush`."""
        self._pending.append((key, ex if isinstance(ex, str) else dumps(ex)))
        if len(self._pending) >= 200:
            self.flush()

    def flush(self) -> None:
        """Commit the pending entries."""
        if not self._pending:
            return
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO extraction VALUES (?, ?)", self._pending)
        except sqlite3.Error as exc:
            raise GraphError(f"cannot write the extraction cache {self.path}: {exc}") from None
        self._pending.clear()

    def get(self, key: str) -> Extraction | None:
        """Return the extraction under a key, or None."""
        self.flush()
        row = self._db.execute("SELECT data FROM extraction WHERE key=?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return loads(row[0])
        except (ValueError, KeyError, TypeError, IndexError):
            return None

    def get_many(self, keys: Iterable[str]) -> Iterator[tuple[str, Extraction | None]]:
        """Yield ``(key, extraction or None)`` for each key, in order."""
        self.flush()
        for key in keys:
            yield key, self.get(key)

    def prune(self, keep: Iterable[str]) -> int:
        """Delete every entry whose key is not in ``keep``; return how many went."""
        self.flush()
        keep = set(keep)
        gone = [k for k in self.keys() if k not in keep]
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM extraction WHERE key=?", [(k,) for k in gone])
        return len(gone)

    def close(self) -> None:
        """Commit and close."""
        try:
            self.flush()
        finally:
            self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()
            return
        try:  # every pending entry is a whole extraction: keep them, so a re-run resumes
            self.flush()
        except GraphError:
            pass
        finally:
            self._db.close()


# ---------------------------------------------------------------- manifest

def state_dir(output: str | os.PathLike) -> Path:
    """Return the state folder of an output folder."""
    return Path(output) / STATE_DIR


def read_manifest(output: str | os.PathLike) -> dict[str, str] | None:
    """Return the ``{article id: cache key}`` manifest of the graph in ``output``, or None if it has none.

    Raises:
        GraphError: The manifest exists but cannot be read.
    """
    path = state_dir(output) / "manifest.json"
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        return {str(aid): str(key) for aid, key in data["articles"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GraphError(f"{path}: unreadable manifest ({exc}); rebuild without --into") from None


def write_manifest(output: str | os.PathLike, manifest: dict[str, str], model_id: str) -> Path:
    """Write the manifest atomically; return its path."""
    from . import __version__

    data = {"format": FORMAT, "kgraph": __version__, "model": model_id, "extractor": extractor_version(),
            "articles": [[aid, manifest[aid]] for aid in sorted(manifest)]}
    head = json.dumps({k: v for k, v in data.items() if k != "articles"}, ensure_ascii=False)[:-1]
    rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in data["articles"])
    text = f'{head}, "articles": [\n{rows}\n]}}\n'

    return atomic.write_text(state_dir(output) / "manifest.json", text)
