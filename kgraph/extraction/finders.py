"""The registry of candidate finders: each step that proposes or cuts mention candidates, declared with examples.

Mentions start as candidates (:func:`kgraph.extraction.extract._candidates`):
the NER's entities, cut and typed, and what other finders add (countries the
NER missed, organizations named by noun phrases, acronyms in brackets,
datelines). Each finder is registered with :func:`finder`: its id, a one-line
reason, what kind of step it is, invented sentences with a phrase it must
make a candidate of (and the type it gets), and invented sentences with a
phrase it must not. ``tests/test_finders.py`` generates one test per example:
the phrase must be a candidate with the finder on and not with it off (a
counter-example's phrase must not appear by switching it on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kgraph.core.terms import EntityType

#: What a finder does, and so how the tests switch it off: ``adds`` returns new candidates (off: none),
#: ``rewrites`` returns the candidates passed last with some changed or added (off: them unchanged),
#: ``splits`` returns the token spans an entity span is cut into (off: the span whole).
KINDS = ("adds", "rewrites", "splits")


@dataclass(frozen=True)
class FinderExample:
    """An invented sentence, a phrase in it, the type its candidate gets and its name (None: the phrase)."""

    text: str
    phrase: str
    type: str | None = None  # None for a counter-example
    name: str | None = None


@dataclass(frozen=True)
class Finder:
    """A candidate finder: id, why, kind, the function's name in :mod:`kgraph.extraction.extract`, its examples."""

    id: str
    reason: str
    kind: str
    func_name: str
    examples: tuple[FinderExample, ...]
    counter_examples: tuple[FinderExample, ...]

    def off(self) -> Callable:
        """Return a stand-in for the finder that does nothing (see :data:`KINDS`)."""
        if self.kind == "adds":
            return lambda *args: []
        if self.kind == "rewrites":
            return lambda *args: list(args[-1])
        return lambda doc, start, end, *rest: [(start, end)]


#: Every finder by id, in registration order.
FINDERS: dict[str, Finder] = {}


def finder(id: str, reason: str, kind: str, examples=(), counter_examples=()):
    """Register the decorated function as the candidate finder ``id``; examples are ``(text, phrase, type)``.

    Raises:
        ValueError: The id is taken, or the kind or an example's type is unknown.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown finder kind {kind!r}")
    ex = tuple(FinderExample(*e) for e in examples)
    if any(e.type not in set(EntityType) for e in ex):
        raise ValueError(f"finder {id!r}: an example's type is unknown")

    def register(func: Callable) -> Callable:
        if id in FINDERS:
            raise ValueError(f"finder {id!r} is registered twice")
        FINDERS[id] = Finder(id, reason, kind, func.__name__, ex, tuple(FinderExample(*e) for e in counter_examples))
        return func

    return register
