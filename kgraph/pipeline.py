"""The build: articles in, graph and page out.

``build`` runs the stages in order (ingest -> nlp -> extract -> link -> rdf
-> visualize) and writes every output atomically, so a failed build leaves
the previous outputs as they were.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import atomic, ingest, rdf, visualize
from .link import link_extractions
from .extract import extract_articles
from .model import Extraction, KnowledgeBase, Mention


@dataclass
class BuildResult:
    """What a build produced: the knowledge base and the files written."""

    kb: KnowledgeBase
    files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """Return the short summary printed after a build."""
        types = Counter(e.type for e in self.kb.entities)
        preds = Counter(f.predicate for f in self.kb.facts)
        lines = [f"articles: {len(self.kb.articles)}",
                 f"entities: {len(self.kb.entities)} (" + ", ".join(
                     f"{t} {types[t]}" for t in ("Person", "Organization", "Country", "Place") if types[t]) + ")",
                 f"relations: {len(self.kb.facts)} (" + ", ".join(
                     f"{p} {n}" for p, n in sorted(preds.items())) + ")"]
        lines += [f"wrote {p}" for p in self.files]
        return "\n".join(lines)


def extractions(inputs: Iterable[str | os.PathLike], model: str | None = None,
                skip_bad: bool = False, batch_size: int = 64,
                min_confidence: float = 0.0) -> Iterator[Extraction]:
    """Read the inputs and yield one extraction per article.

    Relations whose confidence is below ``min_confidence`` are dropped.
    """
    from . import nlp as nlp_mod

    articles = ingest.read_inputs(inputs, skip_bad=skip_bad)
    first = next(articles, None)
    if first is None:
        return
    pipeline = nlp_mod.load(model)

    def chain():
        yield first
        yield from articles

    for ex in extract_articles(chain(), nlp=pipeline, batch_size=batch_size):
        yield filter_confidence(ex, min_confidence)


def filter_confidence(ex: Extraction, min_confidence: float) -> Extraction:
    """Return the extraction without the relations whose confidence is below ``min_confidence``."""
    if min_confidence <= 0:
        return ex
    kept = tuple(r for r in ex.relations if r.confidence >= min_confidence)
    return Extraction(ex.article, ex.mentions, kept)


def build(inputs: Iterable[str | os.PathLike], output: str | os.PathLike = "output", model: str | None = None,
          skip_bad: bool = False, min_confidence: float = 0.0) -> BuildResult:
    """Build the graph of the inputs and write ``graph.ttl`` and ``graph.html`` into ``output``.

    Raises:
        InputError: No article could be read, or an input is bad.
        ModelError: The spaCy pipeline cannot be loaded.
    """
    from .errors import InputError

    exs = list(extractions(inputs, model=model, skip_bad=skip_bad, min_confidence=min_confidence))
    if not exs:
        raise InputError("no articles found in the inputs")
    kb = link_extractions(exs)
    out = Path(output)
    ttl = rdf.serialize(kb, "turtle")
    page = visualize.render(rdf.to_graph(kb), title="kgraph")
    files = [atomic.write_text(out / "graph.ttl", ttl), atomic.write_text(out / "graph.html", page)]
    return BuildResult(kb, files)


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
