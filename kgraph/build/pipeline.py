"""The build: articles in, graph and page out.

``build`` runs the stages in order (ingest -> nlp -> extract -> link -> rdf
-> visualize) and writes every output atomically, so a failed build leaves
the previous outputs as they were.

Builds are incremental. The output folder keeps its state in
``DIR/.kgraph/`` (see :mod:`kgraph.build.cache`): a content-addressed cache of
extractions and the manifest of the articles the graph holds. Articles are
streamed from the inputs; only those whose text, metadata, model or
extractor changed are parsed (in this process, on ``jobs`` processes or on
a Dask cluster), then every article of the manifest is re-linked from the
cache and the outputs rewritten, the manifest last. The graph is therefore
a function of the set of articles only: two articles built together or one
after the other with ``into`` give byte-identical files.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from kgraph.core import atomic

from kgraph.sources import ingest
from kgraph.core.model import Article, BuildRecord, Extraction, KnowledgeBase, Mention
from kgraph.core.terms import EntityType


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the knowledge base, the files written and how much was parsed."""

    kb: KnowledgeBase
    files: list[Path] = field(default_factory=list)
    parsed: int = 0
    cached: int = 0
    kept: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """Return the short summary printed after a build."""
        types = Counter(e.type for e in self.kb.entities)
        # Distinct statements: an analyst's assert of a relation extraction found too is one relation.
        triples = {(f.subject, f.predicate, f.object) for f in self.kb.facts}
        preds = Counter(p for _s, p, _o in triples)
        how = f"{self.parsed} parsed, {self.cached} from cache"
        if self.kept:
            how += f", {self.kept} already in the graph"
        for why, ids in self.skipped().items():
            # Said again here: the warnings scroll away on a big build, and a skipped article adds nothing.
            how += f"; {len(ids)} skipped, {why}: " + ", ".join(ids[:3]) + (", ..." if len(ids) > 3 else "")
        lines = [f"articles: {len(self.kb.articles)} ({how})",
                 f"entities: {len(self.kb.entities)} (" + ", ".join(
                     f"{t} {types[t]}" for t in (EntityType.Person, EntityType.Organization, EntityType.Country, EntityType.Place) if types[t]) + ")",
                 f"relations: {len(triples)} (" + ", ".join(
                     f"{p} {n}" for p, n in sorted(preds.items())) + ")"]
        if self.kb.outvoted:
            # A guess left out is still a choice made for the analyst: say so, and name the first few.
            lines.append(f"left out: {len(self.kb.outvoted)} home countries one article stated and the corpus "
                         f"outvoted (" + "; ".join(self.kb.outvoted[:3]) + ("; ..." if len(self.kb.outvoted) > 3 else "") + ")")
        if self.kb.roving:
            n = len(self.kb.roving)
            lines.append(f"left out: the dateline homes of {n} news {'agency' if n == 1 else 'agencies'} filing from "
                         f"several countries or towns (" + "; ".join(self.kb.roving[:3]) + ("; ..." if n > 3 else "") + ")")
        lines += [f"wrote {ingest.shown(p)}" for p in self.files]  # a folder named with ESC [2J clears no screen
        return "\n".join(lines)

    def skipped(self) -> dict[str, list[str]]:
        """Return the ids of the graph's articles extraction skipped, sorted, by why: "not English", "written in capitals"."""
        if self.kb.record is not None:  # the build worked it out once, for the graph
            out: dict[str, list[str]] = {}
            for name, why in self.kb.record.skipped:
                if why in ARTICLE_SKIPS:
                    out.setdefault(why, []).append(name)
            return {why: out[why] for why in ARTICLE_SKIPS if why in out}
        return unread_articles(self.kb.articles)


#: Why extraction takes nothing from an article it read, in the order the summary says them.
ARTICLE_SKIPS = ("not English", "written in capitals")


def unread_articles(articles: Iterable[Article], read: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Return the ids of the articles extraction skips, sorted, by why: "not English", "written in capitals".

    ``read`` holds ids of articles known to pass both tests (see :func:`read_whole`): not tested again.
    """
    from kgraph.extraction.docrel import in_capitals, language_of

    out: dict[str, list[str]] = {}
    for a in articles:  # the tests extract_doc makes, in its order
        if a.id in read:
            continue
        why = "not English" if language_of(a.text) != "en" else "written in capitals" if in_capitals(a.text) else None
        if why:
            out.setdefault(why, []).append(a.id)
    return {why: sorted(out[why]) for why in ARTICLE_SKIPS if why in out}


def input_names(inputs: Iterable[str | os.PathLike]) -> list[str]:
    """Return what the page's default title calls a build's inputs, sorted: folders' names, corpora's, "standard input".

    An article file stands for its folder, so that ``build a.txt``, then ``b.txt --into``, is ``build .``.
    """
    names: list[str] = []
    for raw in inputs:
        if str(raw) == "-":
            name = "standard input"
        else:
            path = Path(raw)
            try:
                path = path.resolve()  # "." and "news/" have a name too
            except (OSError, RuntimeError, ValueError):
                pass
            kind = ingest._kind(path)
            if kind == "jsonl":
                name = path.name[: -len(next(s for s in ingest.JSONL_SUFFIXES if path.name.lower().endswith(s)))]
            elif kind is not None and not path.is_dir():
                name = path.parent.name
            else:
                name = path.name
        name = " ".join(ingest.shown(name).split())[:80]
        if name and name not in names:
            names.append(name)
    return sorted(names)


def joined_names(names: list[str]) -> str:
    """Return names as a title says them: "news", "news and wires", "a, b and 3 more" ("kgraph" for none)."""
    if not names:
        return "kgraph"
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} more"


def extractions(inputs: Iterable[str | os.PathLike], model: str | None = None,
                skip_bad: bool = False, batch_size: int = 64,
                min_confidence: float = 0.0) -> Iterator[Extraction]:
    """Read the inputs and yield one extraction per article.

    Relations whose confidence is below ``min_confidence`` are dropped.
    """
    from kgraph.extraction import nlp as nlp_mod
    from kgraph.extraction.extract import extract_articles

    articles = ingest.read_inputs(inputs, skip_bad=skip_bad)
    first = next(articles, None)
    if first is None:
        return
    pipeline = nlp_mod.load(model)

    def chain():
        yield first
        yield from articles

    # Long articles go section by section, so a 100 MB article parses in bounded memory.
    for ex in nlp_mod.in_sections(extract_articles, chain(), nlp=pipeline, batch_size=batch_size):
        yield filter_confidence(ex, min_confidence)


def filter_confidence(ex: Extraction, min_confidence: float) -> Extraction:
    """Return the extraction without the relations whose confidence is below ``min_confidence``."""
    if min_confidence <= 0:
        return ex
    kept = tuple(r for r in ex.relations if r.confidence >= min_confidence)
    return Extraction(ex.article, ex.mentions, kept)


# ---------------------------------------------------------------- progress

class Progress:
    """Articles done, rate and ETA: a tqdm bar on a terminal, plain lines every few seconds otherwise.

    Args:
        total: Articles expected, or None when unknown.
        enabled: False prints nothing (``--quiet``).
        stream: Where to write (standard error by default).
        every: Seconds between plain lines.
    """

    def __init__(self, total: int | None = None, enabled: bool = True, stream=None, every: float = 10.0):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.total = total
        self.done = 0
        self.every = every
        self._start = self._last = time.monotonic()
        self._first: tuple[float, int] | None = None  # (time, count) at the first update: rates skip start-up
        self._bar = None
        if enabled and _isatty(self.stream):
            from tqdm import tqdm

            # No total (so no ETA) until the rate is measured over enough articles: see _eta_ready.
            self._bar = tqdm(total=None, unit="article", file=self.stream, dynamic_ncols=True,
                             desc="extracting", smoothing=0.1, mininterval=0.5, leave=False)

    def update(self, n: int = 1) -> None:
        """Count ``n`` more articles done."""
        self.done += n
        if self._first is None:
            self._first = (time.monotonic(), self.done)
        if not self.enabled:
            return
        if self._bar is not None:
            if self.total and self._bar.total is None and self._eta_ready(time.monotonic()):
                self._bar.total = self.total
            self._bar.update(n)
            return
        now = time.monotonic()
        if now - self._last >= self.every:
            self._last = now
            self._line(now)

    #: An ETA is shown only once the rate rests on this many articles and seconds after the first:
    #: the first article carries the pipeline's start-up, so a rate from it alone is a guess.
    MIN_ARTICLES, MIN_SECONDS = 5, 2.0

    def _eta_ready(self, now: float) -> bool:
        t1, n1 = self._first or (now, self.done)
        return self.done - n1 >= self.MIN_ARTICLES and now - t1 >= self.MIN_SECONDS

    def _line(self, now: float) -> None:
        elapsed = max(now - self._start, 1e-9)
        t1, n1 = self._first or (now, self.done)
        rate = (self.done - n1) / (now - t1) if now - t1 > 0.5 and self.done > n1 else self.done / elapsed
        msg = f"kgraph: {self.done}"
        if self.total:
            msg += f"/{self.total} articles ({100 * self.done / self.total:.0f}%)"
        else:
            msg += " articles"
        msg += f", {rate:.1f} articles/s, elapsed {_hms(elapsed)}"
        if self.total and rate > 0 and self.done < self.total and self._eta_ready(now):
            msg += f", ETA {_hms((self.total - self.done) / rate)}"
        print(msg, file=self.stream, flush=True)

    def note(self, text: str) -> None:
        """Print a one-line note about the current phase."""
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.set_description_str(text)
        else:
            print(f"kgraph: {text}", file=self.stream, flush=True)

    def close(self, finished: bool = True) -> None:
        """Remove the bar; when the work finished, print the count and the elapsed time."""
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if not finished or not self.done:
            return
        # The bar goes; the count and the elapsed time stay on screen.
        print(f"kgraph: {self.done} article{'s' if self.done != 1 else ''} extracted in "
              f"{_hms(time.monotonic() - self._start)}", file=self.stream, flush=True)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _hms(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def count_articles(inputs: Iterable[str | os.PathLike]) -> int | None:
    """Return how many articles the inputs hold, cheaply (files counted, corpus lines counted), or None.

    Used for the progress bar's ETA only; None when an input is standard
    input or cannot be counted.
    """
    import warnings

    total = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the real read reports skipped files, once
            total = _count(inputs)
    except Exception:  # only an estimate: any trouble is reported by the real read
        return None
    return total


def _count(inputs) -> int | None:
    total = 0
    for raw in inputs:
        if str(raw) == "-":
            return None
        path = Path(raw)
        files = ingest._walk(path) if path.is_dir() else [path]
        for f in files:
            if not f.is_file():  # a FIFO or device: never opened here (it could block)
                continue
            if ingest._kind(f) == "jsonl":
                with ingest._open_lines(f) as fh:
                    # In 1 MB pieces: a 1 MB .jsonl.gz can hold a line of a gigabyte, which iterating held whole.
                    total += sum(1 for line in ingest._bounded_lines(fh, 1 << 20) if line is None or line.strip())
            else:
                total += 1
    return total


# ---------------------------------------------------------------- build

@contextmanager
def _locked(out: Path):
    """Hold an exclusive lock on the output folder's state for the build."""
    from kgraph.core.errors import GraphError

    import os
    import stat

    state = out / ".kgraph"
    if state.is_symlink():
        # An output folder unpacked from someone's archive: the cache, manifest and corrections would be
        # written (and old ones replaced) wherever the link leads.
        raise GraphError(f"cannot write {out}: {state} is a symbolic link, not kgraph's own folder; remove it")
    try:
        state.mkdir(parents=True, exist_ok=True)
        # Non-blocking: a FIFO named lock (an unpacked archive of an output folder) would block a plain open.
        fd = os.open(state / "lock", os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NONBLOCK, 0o644)
    except OSError as exc:
        import errno

        if exc.errno == errno.ENXIO:  # a FIFO nobody reads
            raise GraphError(f"cannot write {out}: {state / 'lock'} is not a regular file; remove it") from None
        raise GraphError(f"cannot write {out}: {exc.strerror or exc}") from None
    fh = os.fdopen(fd, "a")
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        fh.close()
        raise GraphError(f"cannot write {out}: {state / 'lock'} is not a regular file; remove it")
    try:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            raise GraphError(f"another kgraph build is writing {out}; wait for it to finish") from None
        yield
    finally:
        fh.close()


def _runner(jobs: int, dask, model: str | None, batch_size: int):
    from kgraph.build import parallel

    if dask is not None:
        return lambda arts: parallel.run_dask(arts, dask, model=model, batch_size=batch_size)
    if jobs > 1:
        return lambda arts: parallel.run_pool(arts, model=model, jobs=jobs, batch_size=batch_size)
    return lambda arts: parallel.run_local(arts, model=model, batch_size=batch_size)


def _refuse_replacing_inputs(out: Path, inputs: list, corrections) -> None:
    """Raise GraphError if an input named on the command line or the corrections file is a file the build writes.

    ``kgraph build news/graph.html --output news`` replaced the article with the page, and ``--corrections
    out/nodes.csv --format csv`` the analyst's corrections with the node table, both with exit 0. A link (soft
    or hard) to such a file counts; a folder's own ``graph.html`` is skipped when the folder is read.
    """
    from kgraph.core.errors import GraphError
    from kgraph.graph.rdf import OUTPUT_FORMATS

    names = sorted({"graph.ttl", "graph.html", *(f for _what, files in OUTPUT_FORMATS.values() for f in files)})
    paths, inodes = {}, {}
    for name in names:
        target = out / name
        try:
            paths[target.resolve()] = target
            st = target.stat()
            inodes[(st.st_dev, st.st_ino)] = target
        except (OSError, RuntimeError, ValueError):  # not written yet, a link loop: compared by path only
            pass
    given = [("input", p) for p in inputs if str(p) != "-"]
    if corrections is not None:
        given.append(("corrections file", corrections))
    for what, p in given:
        try:
            hit = paths.get(Path(p).resolve())
            if hit is None:
                st = os.stat(p)
                hit = inodes.get((st.st_dev, st.st_ino))
        except (OSError, RuntimeError, ValueError, TypeError):
            continue  # a missing input is reported where it is read
        if hit is not None:
            raise GraphError(f"the {what} {ingest.shown(p)} would be replaced by the build's {hit.name} in "
                             f"{ingest.shown(out)}; move it or choose another --output folder")


def build(inputs: Iterable[str | os.PathLike], output: str | os.PathLike = "output", model: str | None = None,
          skip_bad: bool = False, min_confidence: float = 0.0, *, into: bool = False, jobs: int = 1,
          dask=None, progress: bool = False, batch_size: int = 64, max_nodes: int | None = None,
          formats: Iterable[str] = (), corrections: str | os.PathLike | None = None,
          title: str | None = None) -> BuildResult:
    """Build the graph of the inputs and write ``graph.ttl`` and ``graph.html`` into ``output``.

    Args:
        inputs: Files, folders, corpora or ``-``.
        output: Output folder; its ``.kgraph/`` state makes re-runs parse
            only new or changed articles.
        model: spaCy pipeline; the default one when None.
        skip_bad: Skip unreadable inputs with a warning.
        min_confidence: Drop relations below this confidence.
        into: Add the inputs to the graph already in ``output`` (an article
            with the same id replaces its earlier version) instead of
            building the graph of the inputs alone.
        jobs: Worker processes for parsing (1: this process).
        dask: A Dask scheduler address or ``distributed.Client``: parse there.
        progress: Show progress on standard error.
        batch_size: Texts per ``nlp.pipe`` batch.
        max_nodes: Draw only this many entities, the most central, on the page (the graph keeps all).
        formats: Further outputs besides graph.ttl and graph.html (names from
            ``kgraph.graph.rdf.OUTPUT_FORMATS``: trig, nt, nq, jsonld, graphml, gexf, csv).
        corrections: A corrections file, JSON or CSV (see
            :mod:`kgraph.linking.corrections`); by default
            ``output/corrections.json`` (or ``.csv``) when present, else the
            file a previous build of ``output`` was given.
        title: The page's title, kept in the graph's build record; by default
            the inputs' name and the article count ("news: 300 articles").
            With ``into``, the graph's earlier title (its name, with the count
            updated) unless one is given.

    Raises:
        InputError: No article could be read, or an input is bad.
        ModelError: The spaCy pipeline cannot be loaded.
        GraphError: The output folder cannot be written, or ``into`` names
            a folder whose graph kgraph cannot grow.
    """
    from kgraph.core.errors import GraphError

    if not str(output).strip():  # Path("") is the working folder: an empty --output would write there
        raise GraphError("the output folder is empty: name one (--output DIR)")
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise GraphError(f"{out} is a file, not a folder")
    inputs = list(inputs)
    _refuse_replacing_inputs(out, inputs, corrections)
    fixes = _corrections(out, corrections)  # a bad file stops the build before any parsing
    fresh = not out.exists()
    counts = {"parsed": 0, "cached": 0}
    try:
        result = _build(inputs, out, model, skip_bad, min_confidence, into, jobs, dask, progress, batch_size,
                        counts, max_nodes, formats, fixes, title)
        from kgraph.linking import corrections as corr

        remembered = out / ".kgraph" / corr.DEFAULT_FILE
        if corrections is not None and Path(corrections).resolve() not in {p.resolve() for p in _own_corrections(out)}:
            # Remembered (as JSON, whatever the given form), so that a later incremental build applies them too;
            # a file given earlier is replaced, and its items this one lacks are said to stop applying.
            if remembered.is_file():
                _forget_remembered(remembered, fixes)
            atomic.write_text(remembered, corr.dump(fixes))
        elif any(p.is_file() for p in _own_corrections(out)) and remembered.is_file():
            # The folder's own file now holds the corrections: a file given earlier no longer comes back
            # when the analyst deletes it.
            _forget_remembered(remembered, fixes)
        return result
    except BaseException:
        if fresh and not counts["parsed"] and out.is_dir() and {p.name for p in out.iterdir()} <= {".kgraph"}:
            # A failed first build leaves no folder behind, only the error (but one that
            # parsed something keeps its cache, so that running it again resumes).
            import shutil

            shutil.rmtree(out, ignore_errors=True)
        raise


def _forget_remembered(remembered: Path, fixes) -> None:
    """Drop the corrections remembered from an earlier ``--corrections FILE``.

    The folder has its own corrections file now, or another file was given.
    Items of the remembered file that the new corrections do not hold stop applying: that is said in a
    warning (``kgraph review DIR --json > DIR/corrections.json`` after a build given ``--corrections``
    replaces them, so does ``--into DIR --corrections new-items.json``), and the remembered file is kept as
    ``.kgraph/corrections.replaced.json`` to copy them from.
    """
    import json
    import warnings

    from kgraph.core.errors import InputError
    from kgraph.linking import corrections as corr

    def items(c) -> list[str]:
        return [json.dumps(x.as_item(), sort_keys=True) for x in (c.items if c else ())]

    try:
        old = corr.load(remembered)
    except InputError:
        old = None
    held = set(items(fixes))
    lost = [x for x in items(old) if x not in held]
    if lost:
        kept = remembered.with_name("corrections.replaced.json")
        os.replace(remembered, kept)
        own = fixes.source if fixes is not None and fixes.source else "the folder's corrections file"
        warnings.warn(f"{own} replaces the corrections given earlier with --corrections: {len(lost)} of their "
                      f"items it does not hold are no longer applied (kept in {kept}; copy the ones to keep "
                      f"into {Path(own).name})", stacklevel=3)
    else:
        remembered.unlink()


def _own_corrections(out: Path) -> list[Path]:
    """Return the corrections files a build of ``out`` reads by itself (JSON, then YAML, then CSV)."""
    from kgraph.linking import corrections as corr

    return [out / corr.DEFAULT_FILE, *(out / n for n in corr.DEFAULT_YAML), out / corr.DEFAULT_CSV]


def _corrections(out: Path, path):
    """Load the corrections a build applies: the given file, else OUTPUT/corrections.json (or .csv), else the remembered one."""
    from kgraph.core.errors import InputError
    from kgraph.linking import corrections as corr

    if path is not None:
        return corr.load(path)
    # Anything by that name counts, so that a folder, a FIFO or a link to a device is an error that says
    # what it is (by `load`), not a file silently passed over.
    own = [p for p in _own_corrections(out) if os.path.lexists(p)]
    if len(own) > 1:
        raise InputError(f"{out} holds both {own[0].name} and {own[1].name}; keep one, "
                         "or name the one to apply with --corrections")
    for p in own + [out / ".kgraph" / corr.DEFAULT_FILE]:
        if os.path.lexists(p):
            return corr.load(p)
    return None


def _build(inputs, out: Path, model, skip_bad, min_confidence, into, jobs, dask, progress, batch_size,
           counts: dict, max_nodes=None, formats=(), fixes=None, title=None) -> BuildResult:
    from kgraph.build import cache
    from kgraph.core.errors import GraphError, InputError

    started = time.monotonic()
    with _locked(out):
        cache.settle(out)  # a build killed while committing: keep the manifest that matches the graph
        parsed: dict = {}  # the manifest file, parsed once for both reads
        old = cache.read_manifest(out, parsed) if into else None
        # graph.ttl alone: a page without it is what a first build killed mid-commit leaves (it is renamed last)
        if into and old is None and (out / "graph.ttl").exists():
            raise GraphError(f"{out} holds a graph without a kgraph manifest; rebuild it without --into")
        manifest: dict[str, str] = dict(old or {})
        # The keys the folder's graph gave (its IRIs stay resolvable) and the formats written beside it (rewritten
        # too, where their files are still there: no file of the folder describes an older graph).
        published, had = cache.read_previous(out, parsed)
        # What the graph is called and which inputs it took nothing from: an incremental build adds its inputs' names
        # to the earlier builds' (sorted: building a then b --into gives the title of building both), keeps a title
        # given, and keeps the skipped inputs but those read now (a file mended since).
        earlier = cache.read_record(out, parsed) if into else {}
        names = sorted(set(earlier.get("names", ())) | set(input_names(inputs)))
        given = title if title is not None else earlier.get("title")
        from kgraph.graph.rdf import OUTPUT_FORMATS, parse_formats

        formats = parse_formats([*formats, *(f for f in had if f in OUTPUT_FORMATS
                                             and all((out / n).exists() for n in OUTPUT_FORMATS[f][1]))])
        model_id = cache.model_fingerprint(model)
        bar = Progress(count_articles(inputs) if progress and inputs else None, enabled=progress)
        with cache.ExtractionCache(cache.state_dir(out) / "cache.sqlite") as store, \
                ingest.recording(n for n, _w in earlier.get("skipped", ())) as skips:
            known = store.keys()
            new: dict[str, str] = {}
            queued: set[str] = set()
            loaded: dict[str, Extraction] = {}
            # Extraction reads the text alone: an article whose text another one queued already has (the same
            # story under several ids, or a .jsonl.gz of one line repeated, where 3.6 kB held 20,000 articles
            # that took over ten minutes) is parsed once and takes its twin's mentions and relations.
            first_of_text: dict[bytes, str] = {}
            twins: list[tuple[str, Article, str]] = []

            def todo() -> Iterator[tuple[str, Article]]:
                for art in ingest.read_inputs(inputs, skip_bad=skip_bad):
                    key = cache.cache_key(art, model_id)
                    new[art.id] = key
                    if key in known and key not in loaded and key not in queued:
                        _check_cached(store, key, art.id, known, loaded)
                    if key in known or key in queued:
                        counts["cached"] += 1
                        bar.update(1)
                        continue
                    queued.add(key)
                    digest = hashlib.sha256(art.text.encode("utf-8", "surrogatepass")).digest()
                    if digest in first_of_text:
                        twins.append((key, art, first_of_text[digest]))
                        continue
                    first_of_text[digest] = key
                    yield key, art

            try:
                for key, text in _runner(jobs, dask, model, batch_size)(todo()):
                    store.put(key, text)
                    counts["parsed"] += 1
                    bar.update(1)
                twin_of: dict[str, Extraction] = {}
                for key, art, first in twins:
                    if first not in twin_of:
                        twin_of[first] = store.get(first)
                    store.put(key, replace(twin_of[first], article=art))
                    counts["parsed"] += 1
                    bar.update(1)
            except BaseException:
                bar.close(finished=False)  # the error is the one line to read
                raise
            bar.close()
            store.flush()
            if not new and not manifest:
                from kgraph.sources.ingest import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES

                kinds = ", ".join(TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES)
                raise InputError(f"no articles found in the inputs (kgraph reads {kinds} files; others are passed over)")
            kept = sum(1 for aid in manifest if aid not in new)
            manifest.update(new)
            exs = []
            with collector_paused():
                for aid, key in sorted(manifest.items()):
                    ex = loaded.pop(key, None)
                    why = None
                    if ex is None:
                        ex, why = store.check(key)
                    if ex is None or ex.article.id != aid:
                        what = "missing" if ex is None and why is None else f"damaged ({why or 'another article'})"
                        raise GraphError(f"{out}: the cached extraction of article {aid!r} is {what} and its source "
                                         f"was not given: add it to the inputs (kgraph build SOURCE --into {out}) "
                                         f"or build the folder from all its sources without --into")
                    exs.append(filter_confidence(ex, min_confidence))
        unread = {n: w for n, w in earlier.get("skipped", ()) if n not in skips.read}
        unread.update(skips.skipped)  # skipped again: this build's reason
        files_skipped = tuple(sorted(unread.items()))
        record = {"names": names, "title": given, "skipped": [list(x) for x in files_skipped]}
        # Extracted by this code: the key this build gave the article's input is the one the graph holds.
        read = read_whole(exs, (aid for aid, key in manifest.items() if new.get(aid) == key))
        kb, files = _link_and_write(exs, out, max_nodes=max_nodes, formats=formats, corrections=fixes,
                                    min_confidence=min_confidence, published=published,
                                    record=lambda kb: build_record(kb, joined_names(names), given, files_skipped,
                                                                   read),
                                    before_rename=lambda ttl, kb: cache.prepare_manifest(
                                        out, manifest, model_id, ttl, kb.anchors,
                                        tuple(f for f in formats if f != "ttl"), record))
        cache.commit_manifest(out)
    return BuildResult(kb, files, parsed=counts["parsed"], cached=counts["cached"], kept=kept,
                       seconds=time.monotonic() - started)


def _check_cached(store, key: str, aid: str, known: set, loaded: dict) -> None:
    """Load a cached extraction into ``loaded``; a damaged row is dropped (warning) so the article is parsed again."""
    import warnings

    ex, why = store.check(key)
    if ex is not None and ex.article.id == aid:
        loaded[key] = ex
        return
    warnings.warn(f"the cached extraction of article {aid!r} is damaged ({why or 'it names another article'}); "
                  "parsing the article again", stacklevel=2)
    store.discard(key)
    known.discard(key)


def read_whole(exs: Iterable[Extraction], current: Iterable[str] = ()) -> frozenset[str]:
    """Return the ids of the articles whose extraction shows they passed extraction's skip tests.

    Extraction of a skipped article finds nothing, so an article with mentions passed both tests, when this
    code extracted it (its id in ``current``: its cache key is this extractor's) and as one text (no longer
    than a section: a long article's sections are tested apart). Testing every text again took a second per
    2,000 articles.
    """
    from kgraph.extraction.nlp import SECTION

    current = set(current)
    return frozenset(ex.article.id for ex in exs
                     if ex.mentions and ex.article.id in current and len(ex.article.text) <= SECTION)


def build_record(kb: KnowledgeBase, name: str, title: str | None = None,
                 files_skipped: Iterable[tuple[str, str]] = (), read: frozenset[str] = frozenset()) -> BuildRecord:
    """Return the build record of a linked graph: its title (given, else the name and article count) and what it skipped.

    ``read``: see :func:`unread_articles`.
    """
    from kgraph.page.visualize import default_title

    articles = [(aid, why) for why, ids in unread_articles(kb.articles, read).items() for aid in ids]
    return BuildRecord(title if title is not None else default_title(name, len(kb.articles)),
                       tuple(sorted(set(files_skipped) | set(articles))))


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector for the block (as it was after).

    Loading, linking and writing a corpus make millions of objects that live to the end, and a full collection
    walks every one of them: at 2,000 articles the collector took a fifth of linking and a third of writing
    (2.4 s). The few cycles they leave (about 20 MB at 2,000 articles) are collected after.
    """
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _link_and_write(exs: list[Extraction], out: Path, max_nodes: int | None = None,
                    formats: Iterable[str] = (), corrections=None, min_confidence: float = 0.0,
                    before_rename=None, published: dict | None = None,
                    record=None) -> tuple[KnowledgeBase, list[Path]]:
    """Link the extractions and write the outputs atomically; return the knowledge base and the files (:func:`_write`)."""
    with collector_paused():
        return _write(exs, out, max_nodes, formats, corrections, min_confidence, before_rename, published, record)


def _write(exs: list[Extraction], out: Path, max_nodes: int | None = None,
           formats: Iterable[str] = (), corrections=None, min_confidence: float = 0.0,
           before_rename=None, published: dict | None = None,
           record=None) -> tuple[KnowledgeBase, list[Path]]:
    """Link the extractions and write the outputs atomically; return the knowledge base and the files.

    ``before_rename(graph_text, kb)`` runs once every output is ready, before
    any is renamed; ``graph.ttl`` is renamed last (see ``cache.prepare_manifest``).
    ``published`` holds the keys an earlier build of the folder gave (see ``cache.read_previous``).
    ``record(kb)`` gives the build record the graph keeps (see :func:`build_record`).
    """
    from kgraph.graph import rdf
    from kgraph.page import visualize
    from kgraph.linking.link import link_extractions

    kb = rdf.well_typed(link_extractions(exs, corrections, min_confidence, published=published))  # the summary counts what the graph holds
    del exs
    if record is not None:
        kb = replace(kb, record=record(kb))
    # The quads made once for the graph, the page and the other formats (making them took as long as writing Turtle).
    quads = list(rdf.quads(kb))
    ttl = rdf.serialize_quads(quads, "turtle")
    page = visualize.render(quads, max_nodes=max_nodes)  # no rdflib Graph needed; titled by the record
    files = {out / "graph.html": page}
    files.update(rdf.format_texts(kb, out, formats, made=quads))
    del quads
    files[out / "graph.ttl"] = ttl  # renamed last: its digest tells a killed build's commit from its start
    if before_rename is not None:
        before_rename(ttl, kb)
    write_files = getattr(atomic, "write_files", None)
    if write_files is not None:  # all outputs replaced together, or none
        written = write_files(files)
    else:
        written = [atomic.write_text(p, t) for p, t in files.items()]
    return kb, written[-1:] + written[:-1]  # graph.ttl first, as it is reported


def mention_json(m: Mention) -> dict:
    """Return a mention as the JSON of ``kgraph extract``."""
    return {"text": m.text, "type": m.type, "start": m.start, "end": m.end, "name": m.name}


def extraction_json(ex: Extraction) -> dict:
    """Return an extraction as one object of ``kgraph extract --format jsonl``."""
    return {
        "id": ex.article.id,
        "entities": [mention_json(m) for m in ex.mentions],
        "relations": [{"predicate": r.predicate, "confidence": r.confidence, "method": r.method,
                       "role": r.role, "sentence": [r.sentence_start, r.sentence_end],
                       "subject": mention_json(r.subject), "object": mention_json(r.object)}
                      for r in ex.relations],
    }
