"""The build state kept beside a graph: a content-addressed extraction cache and a manifest.

An output folder ``DIR`` holds ``DIR/.kgraph/``:

* ``cache.sqlite``: one JSON :class:`~kgraph.core.model.Extraction` per key, the
  key being a digest of the article (id, text and metadata), the spaCy
  pipeline (name and version) and the extractor's own version (a digest of
  the code and data that turn a Doc into mentions and relations). An
  article that has not changed is never parsed again; changing the
  extraction rules or the model invalidates every entry by itself.
* ``manifest.json``: the articles the graph in ``DIR`` holds, as
  ``[id, key]`` pairs sorted by id. A build re-links every article of the
  manifest from the cache, so the graph is a function of the manifest alone
  and does not depend on the order articles were added in. The manifest is
  committed with the outputs (see :func:`prepare_manifest`): a build killed
  at any instant leaves a graph and a manifest that agree.

Both are validated on read: a damaged cache row counts as missing (the
build parses its article again), a damaged manifest is a one-line error.

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

from kgraph.core import atomic, userfile
from kgraph.core.errors import GraphError, KGraphError
from kgraph.core.iri import is_entity_key
from kgraph.core.model import Article, Extraction, Mention, Relation

#: Name of the state folder inside an output folder.
STATE_DIR = ".kgraph"
#: Version of the cache and manifest layout; bump when it changes.
FORMAT = 1

# What an Extraction depends on: the layers below linking (records, sources and the
# gazetteer, extraction) and the shipped model files. The layers above them run after
# extraction, so changing them does not invalidate the cache.
_EXTRACTION_PARTS = frozenset(("core", "sources", "extraction", "models"))


# ---------------------------------------------------------------- JSON

def article_to_json(a: Article) -> dict:
    """Return an article as a JSON-ready dict."""
    return {"id": a.id, "text": a.text, "title": a.title, "url": a.url, "date": a.date, "source": a.source,
            "publisher": a.publisher}


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise ValueError(what)


def _str(v, what: str, optional: bool = False):
    _need(isinstance(v, str) or (optional and v is None), f"{what} is not a string")
    return v


def _int(v, what: str) -> int:
    _need(isinstance(v, int) and not isinstance(v, bool) and v >= 0, f"{what} is not a non-negative integer")
    return v


def article_from_json(d: dict) -> Article:
    """Return the article of :func:`article_to_json`.

    Raises:
        ValueError: A field is missing or of the wrong type.
    """
    _need(isinstance(d, dict), "the article is not an object")
    _need(isinstance(d.get("id"), str) and d["id"] != "", "the article id is not a non-empty string")
    return Article(id=d["id"], text=_str(d.get("text"), "the article text"),
                   title=_str(d.get("title"), "the title", True), url=_str(d.get("url"), "the url", True),
                   date=_str(d.get("date"), "the date", True), source=_str(d.get("source"), "the source", True),
                   publisher=_str(d.get("publisher"), "the publisher", True))


def _mention_list(m: Mention) -> list:
    out = [m.text, m.type, m.start, m.end, m.name]
    if m.scores is not None:  # a sixth field only when the model scored it: unscored rows read as before
        out.append(list(m.scores))
    return out


def _scores(v) -> tuple[float, ...] | None:
    """Return a mention's scores read from a cache row: a list of one probability per class, or None."""
    from kgraph.core.model import SCORE_CLASSES

    _need(isinstance(v, list) and len(v) == len(SCORE_CLASSES)
          and all(type(x) in (int, float) and 0.0 <= x <= 1.0 for x in v), "a mention's scores are malformed")
    return tuple(float(x) for x in v)


def _mention(v: list, text_len: int) -> Mention:
    from kgraph.core.model import ENTITY_TYPES

    _need(isinstance(v, list) and len(v) in (5, 6), "a mention is not a list of 5 or 6 fields")
    _need(v[1] in ENTITY_TYPES, f"unknown entity type {str(v[1])[:40]!r}")
    start, end = _int(v[2], "a mention start"), _int(v[3], "a mention end")
    _need(start <= end, "a mention ends before it starts")
    _need(end <= text_len, "a mention ends past the article's text")  # linking reads the text at these offsets
    return Mention(_str(v[0], "a mention text"), v[1], start, end, _str(v[4], "a mention name"),
                   _scores(v[5]) if len(v) == 6 else None)


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
    """Return the extraction of :func:`extraction_to_json`, equal to the original.

    Every field is checked (a row edited by hand or damaged on disk must
    not reach linking).

    Raises:
        ValueError: A field is missing, of the wrong type, or out of range.
    """
    import math

    from kgraph.core.model import PREDICATES

    _need(isinstance(d, dict), "the extraction is not an object")
    _need(isinstance(d.get("mentions"), list) and isinstance(d.get("relations"), list),
          "mentions or relations are not lists")
    article = article_from_json(d.get("article"))
    mentions = tuple(_mention(v, len(article.text)) for v in d["mentions"])

    def ref(v):
        if isinstance(v, int) and not isinstance(v, bool):
            _need(0 <= v < len(mentions), "a relation names a mention that does not exist")
            return mentions[v]
        return _mention(v, len(article.text))

    rels = []
    for r in d["relations"]:
        _need(isinstance(r, dict), "a relation is not an object")
        _need(r.get("p") in PREDICATES, f"unknown predicate {str(r.get('p'))[:40]!r}")
        conf = r.get("confidence")
        _need(isinstance(conf, (int, float)) and not isinstance(conf, bool) and math.isfinite(conf)
              and 0 <= conf <= 1, "a confidence is not a number from 0 to 1")
        rels.append(Relation(ref(r.get("s")), r["p"], ref(r.get("o")), conf, _str(r.get("method"), "a method"),
                             _str(r.get("sentence"), "a sentence"), _int(r.get("start"), "a sentence start"),
                             _int(r.get("end"), "a sentence end"), _str(r.get("role"), "a role", True)))
    return Extraction(article, mentions, tuple(rels))


def dumps(ex: Extraction) -> str:
    """Return an extraction as one line of compact JSON."""
    return json.dumps(extraction_to_json(ex), separators=(",", ":"))


def loads(text: str) -> Extraction:
    """Return the extraction of :func:`dumps`."""
    return extraction_from_json(json.loads(text))


# ---------------------------------------------------------------- keys

def extractor_version() -> str:
    """Return a digest of the code and data that turn parsed text into an Extraction.

    The modules of the layers extraction stands on (``core``, ``sources``,
    ``extraction``) and the shipped model files count, so editing a rule or
    retraining a component invalidates the cache without anyone bumping a
    number; the layers above (linking, RDF, the page, the CLI, ...) do not.
    So does ``--encoder-types``, which extracts otherwise.
    """
    from kgraph.extraction.retype import article_types_on

    code = _code_version()
    return code if not article_types_on() else hashlib.sha256(f"{code} article types".encode()).hexdigest()[:16]


@cache
def _code_version() -> str:
    """Return the digest of the extraction code and model files (see :func:`extractor_version`)."""
    from kgraph import __version__

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"kgraph {__version__} cache {FORMAT}\n".encode())
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or rel.parts[0] not in _EXTRACTION_PARTS:
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

    from kgraph.extraction import nlp

    name = model or nlp.default_model()
    if not Path(name).is_dir() and not _importable(name):
        from kgraph.core.errors import ModelError

        raise ModelError(f"cannot load spaCy pipeline {name!r}: no such package or folder")
    meta_file = _meta_file(name)
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


def _meta_file(name: str) -> Path | None:
    """Return where a spaCy pipeline's ``meta.json`` should be (a folder's own, else its package's), or None."""
    path = Path(name)
    if path.is_dir():
        return path / "meta.json"
    try:
        import importlib.util

        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            for loc in spec.submodule_search_locations:
                cands = sorted(Path(loc).glob("*/meta.json")) + [Path(loc) / "meta.json"]
                meta_file = next((c for c in cands if c.is_file()), None)
                if meta_file:
                    return meta_file
    except (ImportError, ValueError):
        pass
    return None


def needs_torch(model: str | None) -> bool:
    """Return whether a spaCy pipeline may need torch: False only when its ``config.cfg`` names no torch or transformer."""
    from kgraph.extraction import nlp

    try:
        meta_file = _meta_file(model or nlp.default_model())
        text = (meta_file.parent / "config.cfg").read_text(encoding="utf-8") if meta_file is not None else None
    except (OSError, ValueError, UnicodeError, KGraphError):
        return True  # unknown: the pipeline loads as it always did
    if text is None:
        return True
    text = text.lower()
    return "torch" in text or "transformer" in text


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

#: The objects of an extraction cache's database, as ``(type, name, sql)`` rows of ``sqlite_master``.
_SCHEMA = {("table", "extraction", "CREATE TABLE extraction (key TEXT PRIMARY KEY, data TEXT NOT NULL)"),
           ("index", "sqlite_autoindex_extraction_1", None)}


class ExtractionCache:
    """A content-addressed store of extractions in one SQLite file.

    Writes are batched in transactions; a build killed part-way keeps every
    committed entry and loses nothing else (SQLite is crash-safe).
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):  # locked, read-only, ...: not damage
                raise GraphError(f"cannot open the extraction cache {self.path}: {exc}") from None
            self._db = self._set_aside(exc)
        except OSError as exc:
            raise GraphError(f"cannot open the extraction cache {self.path}: {exc}") from None
        self._pending: list[tuple[str, str]] = []

    def _open(self) -> sqlite3.Connection:
        if self.path.is_symlink():  # from an unpacked archive: SQLite would write to the database it leads to
            raise sqlite3.DatabaseError("it is a symbolic link, which kgraph never creates")
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
            cols = [r[1] for r in db.execute("PRAGMA table_info(extraction)")]
            if cols != ["key", "data"]:
                raise sqlite3.DatabaseError(f"unexpected columns {cols}")
            # A cache unpacked from someone's output folder may hold triggers, views or indexes that run on
            # every insert or read (a trigger counting a cross join hung a build, deaf to Ctrl-C): only the
            # table kgraph creates, and its key's index, may be there.
            rows = db.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
            extra = sorted(f"{kind} {name}" for kind, name, sql in rows if (kind, name, sql) not in _SCHEMA)
            if extra:
                raise sqlite3.DatabaseError(f"it holds {', '.join(extra)[:200]}, which kgraph never creates")
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, exc: BaseException) -> sqlite3.Connection:
        """Move a damaged cache file aside (warning) and start an empty one: a cache only saves work."""
        import warnings

        aside = self.path.with_name(self.path.name + ".damaged")
        warnings.warn(f"the extraction cache {self.path} is damaged ({exc}); moved it to {aside.name} and "
                      "starting an empty one (articles are parsed again)", stacklevel=3)
        try:
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(self.path) + suffix)
                if src.exists():
                    os.replace(src, Path(str(aside) + suffix))
            return self._open()
        except (OSError, sqlite3.Error) as err:
            raise GraphError(f"cannot open the extraction cache {self.path}: {err}") from None

    def __contains__(self, key: str) -> bool:
        if any(k == key for k, _ in self._pending):
            return True
        return self._db.execute("SELECT 1 FROM extraction WHERE key=?", (key,)).fetchone() is not None

    def keys(self) -> set[str]:
        """Return every key held."""
        try:
            held = {k for (k,) in self._db.execute("SELECT key FROM extraction") if isinstance(k, str)}
        except sqlite3.Error as exc:
            raise GraphError(f"cannot read the extraction cache {self.path}: {exc}; delete it and build again "
                             "(it only saves work)") from None
        return held | {k for k, _ in self._pending}

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
        """Return the extraction under a key, or None (also when the row is damaged: see :meth:`check`)."""
        return self.check(key)[0]

    def check(self, key: str) -> tuple[Extraction | None, str | None]:
        """Return ``(extraction, None)``, ``(None, None)`` if the key is absent, or ``(None, why)`` if the row is bad."""
        self.flush()
        try:
            row = self._db.execute("SELECT data FROM extraction WHERE key=?", (key,)).fetchone()
        except sqlite3.Error as exc:
            return None, f"unreadable ({exc})"
        if row is None:
            return None, None
        try:
            _need(isinstance(row[0], str), "not text")
            return loads(row[0]), None
        except RecursionError:
            return None, "nested too deeply"
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
            return None, str(exc)[:200] or type(exc).__name__

    def discard(self, key: str) -> None:
        """Delete one entry (a damaged row, before it is parsed again)."""
        self.flush()
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.execute("DELETE FROM extraction WHERE key=?", (key,))
        except sqlite3.Error as exc:
            raise GraphError(f"cannot write the extraction cache {self.path}: {exc}") from None

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


_KEY_CHARS = frozenset("0123456789abcdef")


def _manifest_articles(data) -> dict[str, str]:
    """Return the ``{article id: cache key}`` of parsed manifest JSON; raise ValueError if it is malformed."""
    _need(isinstance(data, dict), "not a JSON object")
    _need(data.get("format") == FORMAT, f"format {str(data.get('format'))[:20]!r}, expected {FORMAT}")
    rows = data.get("articles")
    _need(isinstance(rows, list), "no list of articles")
    out = {}
    for row in rows:
        _need(isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) for x in row),
              "an article entry is not an [id, key] pair of strings")
        aid, key = row
        _need(aid != "" and len(key) == 64 and set(key) <= _KEY_CHARS, "an article entry has a malformed key")
        _need(aid not in out, f"article {aid[:60]!r} is listed twice")
        out[aid] = key
    return out


#: Largest manifest read (bytes): about ten million articles.
MAX_MANIFEST_BYTES = 1 << 30


def _load_manifest(path: Path) -> dict:
    """Parse a manifest file; a FIFO, a device, a huge or deeply nested file is a ValueError (damaged)."""
    return userfile.loads(userfile.read_text(path, ValueError, "manifest", limit=MAX_MANIFEST_BYTES),
                          ValueError, str(path))


def read_manifest(output: str | os.PathLike, parsed: dict | None = None) -> dict[str, str] | None:
    """Return the ``{article id: cache key}`` manifest of the graph in ``output``, or None if it has none.

    A build killed between renaming its outputs and its manifest is settled
    first (see :func:`settle`), so the manifest read always describes the
    graph in ``output``. ``parsed``, when given, keeps the parsed file for
    :func:`read_previous` (a manifest of millions of articles is read once).

    Raises:
        GraphError: The manifest exists but is damaged (one line, with advice that works for ``build``).
    """
    settle(output)
    path = state_dir(output) / "manifest.json"
    if not path.exists():
        return None
    try:
        data = _load_manifest(path)
        if parsed is not None:
            parsed[path] = data
        return _manifest_articles(data)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise GraphError(f"{path} is damaged ({str(exc)[:200]}): kgraph cannot tell which articles the graph "
                         f"holds; build the folder again from all its sources without --into "
                         f"(kgraph build SOURCES --output {output})") from None


#: The graph file whose digest ties a pending manifest to the outputs it belongs to.
GRAPH_FILE = "graph.ttl"
_PENDING = "manifest.pending.json"


def _manifest_text(manifest: dict[str, str], model_id: str, graph_sha: str | None = None,
                   anchors: tuple = (), formats: tuple = (), record: dict | None = None) -> str:
    from kgraph import __version__

    data = {"format": FORMAT, "kgraph": __version__, "model": model_id, "extractor": extractor_version()}
    if graph_sha is not None:
        data["graph_sha256"] = graph_sha
    if formats:
        data["formats"] = sorted(formats)  # the extra formats written beside graph.ttl: later builds refresh them
    if record is not None:
        data["record"] = record  # the inputs' names, given title and skipped inputs: an --into build keeps them
    head = json.dumps(data, ensure_ascii=False)[:-1]
    rows = ",\n".join(json.dumps([aid, manifest[aid]], ensure_ascii=False) for aid in sorted(manifest))
    text = f'{head}, "articles": [\n{rows}\n]'
    if anchors:
        keys = ",\n".join(json.dumps([key, [list(a) for a in marks]], ensure_ascii=False) for key, marks in anchors)
        text += f', "published": [\n{keys}\n]'
    return text + "}\n"


#: Most anchor mentions read per published key (the build keeps 8; more is not kgraph's state).
_MAX_ANCHORS = 64


def _published(data: dict) -> dict[str, tuple]:
    """Return the ``{key: anchor mentions}`` of parsed manifest JSON ({} if it has none); ValueError if malformed."""
    rows = data.get("published", [])
    _need(isinstance(rows, list), "'published' is not a list")
    out: dict[str, tuple] = {}
    for row in rows:
        _need(isinstance(row, list) and len(row) == 2 and isinstance(row[0], str) and isinstance(row[1], list)
              and len(row[1]) <= _MAX_ANCHORS, "a published key is malformed")
        # The key becomes an owl:sameAs IRI: only the shape kgraph gives ("person/Kim_Jong-un") is kgraph's state.
        _need(is_entity_key(row[0]), f"{row[0][:60]!r} is not an entity key")
        marks = []
        for m in row[1]:
            _need(isinstance(m, list) and len(m) == 4 and isinstance(m[0], str) and isinstance(m[3], str)
                  and all(type(x) is int and x >= 0 for x in m[1:3]), "an anchor mention is malformed")
            marks.append((m[0], m[1], m[2], m[3]))
        out[row[0]] = tuple(marks)
    return out


def read_previous(output: str | os.PathLike, parsed: dict | None = None) -> tuple[dict[str, tuple], tuple[str, ...]]:
    """Return what the last build of ``output`` left for the next: its keys' anchor mentions and its extra formats.

    A later build finds each entity again by the anchors (see
    :func:`kgraph.linking.link.link_extractions`) and rewrites the formats, so
    that no file of the folder describes an older graph. A damaged part is a
    warning and is ignored: the IRIs then follow the new build alone, the
    formats are those asked for. ``parsed`` holds the file :func:`read_manifest` parsed, if it did.
    """
    import warnings

    settle(output)
    path = state_dir(output) / "manifest.json"
    if not path.exists():
        return {}, ()
    try:
        data = (parsed or {}).get(path)
        if data is None:
            data = _load_manifest(path)
        formats = data.get("formats", [])
        _need(isinstance(formats, list) and all(isinstance(f, str) and len(f) < 20 for f in formats)
              and len(formats) < 50, "'formats' is not a list of names")
        return _published(data), tuple(formats)
    except (OSError, ValueError, UnicodeDecodeError, AttributeError) as exc:
        warnings.warn(f"{path}: the keys the graph gave are unreadable ({str(exc)[:200]}); IRIs follow this build "
                      f"alone", stacklevel=2)
        return {}, ()


#: Most skipped inputs a manifest's record may list (more is not kgraph's state).
_MAX_SKIPPED = 1_000_000


def read_record(output: str | os.PathLike, parsed: dict | None = None) -> dict:
    """Return the record the last build of ``output`` kept: input ``names``, ``title`` (given, or None), ``skipped`` pairs.

    {} when there is none; a damaged record is a warning and is ignored (the build names the graph afresh).
    """
    import warnings

    settle(output)
    path = state_dir(output) / "manifest.json"
    if not path.exists():
        return {}
    try:
        data = (parsed or {}).get(path)
        if data is None:
            data = _load_manifest(path)
        rec = data.get("record", {})
        _need(isinstance(rec, dict), "'record' is not an object")
        names, title, skipped = rec.get("names", []), rec.get("title"), rec.get("skipped", [])
        _need(isinstance(names, list) and len(names) <= _MAX_SKIPPED
              and all(isinstance(n, str) and len(n) <= 1000 for n in names), "the record's names are not strings")
        _need(title is None or (isinstance(title, str) and len(title) <= 1000), "the record's title is not a string")
        _need(isinstance(skipped, list) and len(skipped) <= _MAX_SKIPPED
              and all(isinstance(x, list) and len(x) == 2 and all(isinstance(y, str) and len(y) <= 4000 for y in x)
                      for x in skipped), "the record's skipped inputs are malformed")
        return {"names": names, "title": title, "skipped": [tuple(x) for x in skipped]}
    except (OSError, ValueError, UnicodeDecodeError, AttributeError) as exc:
        warnings.warn(f"{path}: the graph's record is unreadable ({str(exc)[:200]}); this build names the graph "
                      f"and lists what it skipped afresh", stacklevel=2)
        return {}


def write_manifest(output: str | os.PathLike, manifest: dict[str, str], model_id: str) -> Path:
    """Write the manifest atomically; return its path."""
    return atomic.write_text(state_dir(output) / "manifest.json", _manifest_text(manifest, model_id))


def prepare_manifest(output: str | os.PathLike, manifest: dict[str, str], model_id: str, graph_text: str,
                     anchors: tuple = (), formats: tuple = (), record: dict | None = None) -> Path:
    """Write the next manifest as *pending*, with the digest of the graph it goes with, before the outputs move.

    The commit of a build is: :func:`prepare_manifest`, rename the outputs
    (``graph.ttl`` last), :func:`commit_manifest`. A kill at any instant
    leaves either the old graph (the pending manifest's digest does not
    match it: :func:`settle` drops it) or the new one (it matches:
    :func:`settle` makes it the manifest), so the manifest read next always
    describes the graph on disk.
    """
    sha = hashlib.sha256(graph_text.encode("utf-8")).hexdigest()
    return atomic.write_text(state_dir(output) / _PENDING, _manifest_text(manifest, model_id, sha, anchors, formats, record))


def commit_manifest(output: str | os.PathLike) -> Path:
    """Make the pending manifest the manifest (after the outputs were renamed); return its path."""
    state = state_dir(output)
    try:
        os.replace(state / _PENDING, state / "manifest.json")
    except OSError as exc:
        raise GraphError(f"cannot write {state / 'manifest.json'}: {exc.strerror or exc}") from None
    return state / "manifest.json"


def settle(output: str | os.PathLike) -> None:
    """Finish or undo the commit of a build that was killed: keep the manifest that matches the graph on disk."""
    state = state_dir(output)
    pending = state / _PENDING
    if not pending.exists():
        return
    try:
        data = _load_manifest(pending)
        _manifest_articles(data)
        sha = data.get("graph_sha256")
    except (OSError, ValueError, UnicodeDecodeError):
        sha = None
    try:
        if sha is not None and sha == userfile.sha256_file(Path(output) / GRAPH_FILE):
            os.replace(pending, state / "manifest.json")  # the outputs were committed: so is the manifest
        else:
            os.unlink(pending)  # the outputs were not (all) renamed: the old manifest still describes them
    except OSError as exc:
        raise GraphError(f"cannot settle {pending}: {exc.strerror or exc}") from None
