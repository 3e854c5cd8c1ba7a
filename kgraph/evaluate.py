"""Evaluation: score builds against gold annotations of articles.

A gold file is the JSON of the shared gold format: the article it annotates
(``document``, relative to the file), its ``entities`` and ``relations``, and
``optional_entities``/``optional_relations`` that are neither rewarded nor
penalised. Each article is built on its own and its knowledge base is
compared with the gold:

* a node matches the gold entity it shares a normalised name with, preferring
  one whose type fits, then a required one, then the one with most shared
  names; a Country node fits a gold Place, a Place node does not fit a gold
  Country;
* a second node matching a gold entity already matched is a false positive
  (an unmerged duplicate), as is a node of the wrong type;
* a relation matches through the entity matching, with a predicate among
  those the gold allows; only relations the graph states are scored (their
  argument types fit the predicate), as the shared scorer reads the graph.

So users can measure the tool on their own annotated articles::

    kgraph evaluate --gold my-gold/
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kgraph.core.errors import InputError
from kgraph.core.model import ENTITY_TYPES, PREDICATES, Entity, KnowledgeBase, well_typed_facts
from kgraph.core.terms import EntityType
from kgraph.sources.ingest import bounded_marks


# ---------------------------------------------------------------- counts

@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """Return tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Return tp / (tp + fn), 0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        """Return "P .. R .. F1 .. (tp fp fn)" for a report."""
        return (f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} "
                f"(tp {self.tp} fp {self.fp} fn {self.fn})")


@dataclass(frozen=True)
class DocumentScore:
    """The score of one article: counts, per-predicate counts and the listed errors."""

    name: str
    entities: Counts
    relations: Counts
    by_predicate: dict[str, Counts] = field(default_factory=dict)
    missed: tuple[str, ...] = ()
    false: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """The scores of every gold file and their micro-averaged totals."""

    documents: tuple[DocumentScore, ...]

    @property
    def entities(self) -> Counts:
        """Return the entity counts summed over the documents."""
        return sum((d.entities for d in self.documents), Counts())

    @property
    def relations(self) -> Counts:
        """Return the relation counts summed over the documents."""
        return sum((d.relations for d in self.documents), Counts())

    def by_predicate(self) -> dict[str, Counts]:
        """Return relation counts per predicate, summed over the documents."""
        out: dict[str, Counts] = {}
        for d in self.documents:
            for p, c in d.by_predicate.items():
                out[p] = out.get(p, Counts()) + c
        return {p: out[p] for p in PREDICATES if p in out}

    def to_json(self) -> dict:
        """Return the report as plain JSON data."""
        def counts(c: Counts) -> dict:
            return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                    "recall": round(c.recall, 4), "f1": round(c.f1, 4)}
        return {
            "entities": counts(self.entities),
            "relations": counts(self.relations),
            "by_predicate": {p: counts(c) for p, c in self.by_predicate().items()},
            "documents": [{"name": d.name, "entities": counts(d.entities), "relations": counts(d.relations),
                           "missed": list(d.missed), "false": list(d.false)} for d in self.documents],
        }


# ---------------------------------------------------------------- gold

def normalize_name(name: str) -> str:
    """Normalise a name for matching: case, dots, commas, brackets, hyphens, "&", "the ...", "...'s"."""
    s = unicodedata.normalize("NFKC", bounded_marks(name)).casefold().strip()  # a run of marks: quadratic
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"'s?$", "", s)
    s = re.sub(r"^the\s+", "", s)
    s = s.replace(".", "").replace("&", " and ")
    s = re.sub(r"[,()\"\u201c\u201d]", " ", s)
    return re.sub(r"[\s\-\u2010\u2011\u2013\u2014_]+", " ", s).strip()


def gold_files(path: str | os.PathLike) -> list[Path]:
    """Return the gold JSON files of a folder (sorted), or the one file named.

    Raises:
        InputError: The path does not exist or holds no gold file.
    """
    p = Path(path)
    if p.is_dir():
        files = sorted(p.glob("*.json"))
    elif p.is_file():
        files = [p]
    else:
        raise InputError(f"gold path not found: {p}")
    if not files:
        raise InputError(f"no gold files (*.json) in {p}")
    return files


_TYPES = tuple(str(t.value) for t in ENTITY_TYPES)  # plain strings, to name them in a message
_PREDICATES = tuple(str(p.value) for p in PREDICATES)


def _gold_warning(path: Path, message: str) -> None:
    """Warn about a gold file that parses but cannot mean what it says (a typo scores as a miss, silently)."""
    import warnings

    warnings.warn(f"{path}: {message}", stacklevel=3)


def load_gold(path: Path, documents: tuple[str | os.PathLike, ...] = ()) -> dict:
    """Read one gold file and check its shape.

    Args:
        path: The gold JSON file.
        documents: Folders besides the gold file's own that its article may lie in.

    Raises:
        InputError: The file is not JSON, lacks ``document`` or ``entities``,
            or its article is missing or outside the gold file's folder and ``documents``.
    """
    from kgraph.core import userfile

    gold = userfile.loads(userfile.read_text(path, InputError, "gold file"), InputError,
                          f"{path}: not a readable gold JSON file")
    if not isinstance(gold, dict) or "document" not in gold or not isinstance(gold.get("entities"), list):
        raise InputError(f"{path}: a gold file needs 'document' and 'entities'")
    ids = set()
    for key in ("entities", "optional_entities"):
        items = gold.get(key, [])
        if not isinstance(items, list):
            raise InputError(f"{path}: {key!r} must be a list")
        for e in items:
            if not isinstance(e, dict) or not {"id", "type", "names"} <= e.keys():
                raise InputError(f"{path}: each of {key} needs 'id', 'type' and 'names'")
            if not _is_id(e["id"]) or not _strings(e["type"]) or not _strings(e["names"]):
                raise InputError(f"{path}: in {key}, 'id' must be a string or a number and 'type' and 'names' "
                                 "a string or a non-empty list of strings")
            if e["id"] in ids:
                _gold_warning(path, f"entity id {e['id']!r} is used twice; its relations name either")
            unknown = [t for t in _as_list(e["type"]) if t not in _TYPES]
            if unknown:
                _gold_warning(path, f"type {unknown[0]!r} of {e['id']!r} is none of {', '.join(_TYPES)}: "
                                    "no node can match it")
            ids.add(e["id"])
    for key in ("relations", "optional_relations"):
        items = gold.get(key, [])
        if not isinstance(items, list):
            raise InputError(f"{path}: {key!r} must be a list")
        for r in items:
            if not isinstance(r, dict) or not {"subject", "predicate", "object"} <= r.keys():
                raise InputError(f"{path}: each of {key} needs 'subject', 'predicate' and 'object'")
            if not _strings(r["predicate"]):
                raise InputError(f"{path}: in {key}, 'predicate' must be a string or a non-empty list of strings")
            unknown = [q for q in _as_list(r["predicate"]) if q not in _PREDICATES]
            if unknown:
                _gold_warning(path, f"predicate {unknown[0]!r} is none of kgraph's ({', '.join(_PREDICATES)}): "
                                    "no statement can match it")
            if not _is_id(r["subject"]) or not _is_id(r["object"]) or r["subject"] not in ids or r["object"] not in ids:
                raise InputError(f"{path}: relation {r['subject']!r} -> {r['object']!r} names an unknown entity")
    if not isinstance(gold["document"], str) or not gold["document"].strip() or "\0" in gold["document"]:
        raise InputError(f"{path}: 'document' must be the article's file name")
    try:
        document = (path.parent / gold["document"]).resolve()
        found = document.is_file()
    except (OSError, RuntimeError):  # a symlink loop (RuntimeError before Python 3.13), a name too long
        document, found = path.parent / gold["document"], False
    if not found:
        raise InputError(f"{path}: article not found: {document}")
    # A gold file names the article to build and report on; one from elsewhere must not make kgraph read
    # any file the user can (/etc/passwd, ../../secret): its words would come back as the report's false
    # entities. The article lies in the gold file's folder or a folder the user names (links followed).
    roots = [path.parent, *(Path(d) for d in documents)]
    try:
        inside = any(document.is_relative_to(Path(r).resolve()) for r in roots)
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise InputError(f"{path}: the article {document} is outside the gold file's folder "
                         f"{path.parent.resolve()}; an article must lie in that folder (or below it) or in a "
                         "folder named with --documents DIR")
    gold["document"] = document
    return gold


def _strings(x) -> bool:
    """Return True for a non-empty string or a non-empty list of strings (a gold type, names or predicate)."""
    return bool(x) and (isinstance(x, str) or isinstance(x, list) and all(isinstance(v, str) for v in x))


def _is_id(x) -> bool:
    return isinstance(x, (str, int)) and not isinstance(x, bool)


def _as_list(x) -> list[str]:
    return [x] if isinstance(x, str) else list(x)


def _type_fits(node_type: str, gold_types: Iterable[str]) -> bool:
    """A node's type fits the gold when listed, or when it is a Country and the gold says Place."""
    gold_types = set(gold_types)
    return node_type in gold_types or (node_type == EntityType.Country and EntityType.Place in gold_types)


# ---------------------------------------------------------------- scoring

def fact_verdicts(gold: dict, kb: KnowledgeBase) -> list[tuple[object, bool]]:
    """Return (fact, right) for each fact whose arguments both match required gold entities.

    Only facts the graph states are judged (types fitting the predicate, as
    :func:`kgraph.core.model.well_typed_facts` keeps). A fact touching an
    unmatched or optional entity, or matching an optional relation, gets no
    verdict; the rest are right when the gold states them.
    """
    node_gold, required = _match_nodes(gold, kb)
    stated = [(r["subject"], set(_as_list(r["predicate"])), r["object"]) for r in gold.get("relations", [])]
    optional = [(r["subject"], set(_as_list(r["predicate"])), r["object"])
                for r in gold.get("optional_relations", [])]
    out = []
    for f in well_typed_facts(kb):
        s, o = node_gold.get(f.subject), node_gold.get(f.object)
        if s not in required or o not in required:
            continue
        if any(s == gs and f.predicate in gp and o == go for gs, gp, go in optional):
            continue
        out.append((f, any(s == gs and f.predicate in gp and o == go for gs, gp, go in stated)))
    return out


def _match_nodes(gold: dict, kb: KnowledgeBase) -> tuple[dict[str, str], dict]:
    """Return {entity key: gold id} by shared names (type fit first) and the required gold entities."""
    required = {e["id"]: e for e in gold["entities"]}
    optional = {e["id"]: e for e in gold.get("optional_entities", []) if e["id"] not in required}
    specs = {**optional, **required}
    by_name: dict[str, set[str]] = {}
    for gid, e in specs.items():
        for n in _as_list(e["names"]):
            by_name.setdefault(normalize_name(n), set()).add(gid)
    node_gold: dict[str, str] = {}
    for ent in kb.entities:
        shared = Counter(gid for n in {ent.label, *ent.aliases} for gid in by_name.get(normalize_name(n), ()))
        if shared:
            label_ids = by_name.get(normalize_name(ent.label), set())
            node_gold[ent.key] = max(sorted(shared), key=lambda g: (
                _type_fits(ent.type, _as_list(specs[g]["type"])), g in required, shared[g], g in label_ids))
    return node_gold, required


def score_kb(gold: dict, kb: KnowledgeBase, name: str = "") -> DocumentScore:
    """Score a knowledge base against one gold annotation (see the module docstring)."""
    required = {e["id"]: e for e in gold["entities"]}
    optional = {e["id"]: e for e in gold.get("optional_entities", []) if e["id"] not in required}
    specs = {**optional, **required}

    def show(gid: str) -> str:
        return _as_list(specs[gid]["names"])[0]

    # Each node goes to the gold entity it shares most evidence with.
    node_gold, _required = _match_nodes(gold, kb)
    entities: dict[str, Entity] = {e.key: e for e in kb.entities}

    missed: list[str] = []
    false: list[str] = []
    tp = fp = 0
    matched: set[str] = set()
    for key, ent in sorted(entities.items()):
        gid = node_gold.get(key)
        if gid is None:
            fp += 1
            false.append(f"entity {ent.label} [{ent.type}] (not in gold)")
        elif gid in optional:
            continue
        elif not _type_fits(ent.type, _as_list(required[gid]["type"])):
            fp += 1
            false.append(f"entity {ent.label} [{ent.type}] (wrong type for {show(gid)!r})")
        elif gid in matched:
            fp += 1
            false.append(f"entity {ent.label} [{ent.type}] (duplicate of {show(gid)!r})")
        else:
            tp += 1
            matched.add(gid)
    for gid in required:
        if gid not in matched:
            missed.append(f"entity {show(gid)} {_as_list(required[gid]['type'])}")
    entity_counts = Counts(tp, fp, len(required) - len(matched))

    # Relations through the entity matching; optional gold relations are ignored.
    gold_rels = [(r["subject"], set(_as_list(r["predicate"])), r["object"]) for r in gold.get("relations", [])]
    opt_rels = [(r["subject"], set(_as_list(r["predicate"])), r["object"])
                for r in gold.get("optional_relations", [])]
    predicted: set[tuple[str, str, str]] = set()
    per: dict[str, Counter] = {}
    rfp = 0
    # Only what the graph states: a fact whose argument was retyped after extraction ("Tarsk Oil citizenOf
    # Veltria" once Tarsk Oil is an organization) is not written, so it is neither right nor wrong.
    for f in well_typed_facts(kb):
        gs, go = node_gold.get(f.subject), node_gold.get(f.object)
        if gs is None or go is None:
            rfp += 1
            per.setdefault(f.predicate, Counter())["fp"] += 1
            false.append(f"relation {entities[f.subject].label} {f.predicate} {entities[f.object].label} "
                         "(argument not in gold)")
            continue
        predicted.add((gs, f.predicate, go))
    for s, p, o in sorted(predicted):
        if not any(s == gs and p in gp and o == go for gs, gp, go in gold_rels + opt_rels):
            rfp += 1
            per.setdefault(p, Counter())["fp"] += 1
            false.append(f"relation {show(s)} {p} {show(o)} (not in gold)")
    rtp = 0
    for gs, gp, go in gold_rels:
        hit = next((p for s, p, o in sorted(predicted) if s == gs and o == go and p in gp), None)
        first = sorted(gp, key=PREDICATES.index if gp <= set(PREDICATES) else str)[0]
        if hit:
            rtp += 1
            per.setdefault(hit, Counter())["tp"] += 1
        else:
            per.setdefault(first, Counter())["fn"] += 1
            missed.append(f"relation {show(gs)} {'|'.join(sorted(gp))} {show(go)}")
    by_predicate = {p: Counts(c["tp"], c["fp"], c["fn"]) for p, c in per.items()}
    return DocumentScore(name, entity_counts, Counts(rtp, rfp, len(gold_rels) - rtp), by_predicate,
                         tuple(missed), tuple(false))


def evaluate(gold: str | os.PathLike, model: str | None = None, min_confidence: float = 0.0,
             nlp=None, report_path: str | os.PathLike | None = None,
             documents: tuple[str | os.PathLike, ...] = ()) -> Report:
    """Build each gold file's article on its own and score it against the gold.

    Args:
        gold: A gold JSON file or a folder of them.
        model: spaCy pipeline to load when ``nlp`` is None.
        min_confidence: Drop relations below this confidence, as ``kgraph build`` does.
        nlp: An already loaded pipeline.
        report_path: Where the caller will write the report: refused before any article is built when it
            names a gold file or an article (the report would replace it).
        documents: Folders besides each gold file's own that its article may lie in.

    Raises:
        InputError: A gold file or its article cannot be read, or ``report_path`` names one.
        ModelError: The spaCy pipeline cannot be loaded.
    """
    from kgraph.sources import ingest
    from kgraph.extraction import nlp as nlp_mod
    from kgraph.extraction.extract import extract_articles
    from kgraph.linking.link import link_extractions
    from kgraph.build.pipeline import filter_confidence

    golds = [(f, load_gold(f, documents)) for f in gold_files(gold)]
    if report_path is not None:
        from kgraph.core.atomic import same_file

        for path, g in golds:
            for kind, used in (("gold file", path), ("article", g["document"])):
                if same_file(report_path, used):
                    raise InputError(f"the report file {report_path} is the {kind} {used}, which it would "
                                     "replace; choose another file")
    pipeline = nlp if nlp is not None else nlp_mod.load(model)
    scores = []
    for path, g in golds:
        articles = list(ingest.read_inputs([g["document"]]))
        exs = [filter_confidence(ex, min_confidence) for ex in extract_articles(articles, nlp=pipeline)]
        scores.append(score_kb(g, link_extractions(exs, min_confidence=min_confidence), name=path.stem))
    return Report(tuple(scores))


def format_report(report: Report, verbose: bool = False) -> str:
    """Return the text report: one line per document, per-predicate figures and the micro totals."""
    lines = []
    for d in report.documents:
        lines.append(f"{d.name}: entities F1 {d.entities.f1:.3f}  relations F1 {d.relations.f1:.3f} "
                     f"(tp {d.relations.tp} fp {d.relations.fp} fn {d.relations.fn})")
        if verbose:
            lines += [f"    missed {m}" for m in d.missed] + [f"    false {f}" for f in d.false]
    for p, c in report.by_predicate().items():
        lines.append(f"  {p:10s} {c.line()}")
    lines.append(f"micro over {len(report.documents)} documents: entities {report.entities.line()}")
    lines.append(f"micro over {len(report.documents)} documents: relations {report.relations.line()}")
    # Names come from gold files and articles: an escape sequence in one (ESC ]52 writes the clipboard, U+202E
    # reverses the line) is shown as text, as the other commands show theirs; the JSON report keeps the data.
    return "".join(ch if ch.isprintable() or ch == "\n" else ch.encode("unicode_escape").decode("ascii")
                   for ch in "\n".join(lines)) + "\n"


__all__ = ["Counts", "DocumentScore", "Report", "evaluate", "fact_verdicts", "format_report", "gold_files",
           "load_gold", "normalize_name", "score_kb"]
