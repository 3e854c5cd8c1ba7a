"""The registry of relation rules: each rule declared with its id, reason and examples.

A rule is a function ``func(doc, index, offset)`` yielding
:class:`~kgraph.core.model.Relation` records whose ``method`` is the rule's id.
It is registered with :func:`rule`, which records why it exists, the
predicates it may emit, invented sentences it must read (with the fact it
must find in each) and invented sentences it must leave alone. The tests in
``tests/test_rules.py`` are generated from these declarations, so adding a
rule with its examples adds its tests.

Rules of two other kinds are registered the same way: a ``derived`` rule
reads the relations the sentence rules found (``func(found)``), and an
``article`` rule reads an article's relations and mentions
(``func(relations, mentions)``).

A rule's confidence is never written in code: rules emit
:data:`UNCALIBRATED` and :func:`kgraph.extraction.relations.calibrate` replaces it with
the precision the rule measured on training data (``kgraph train``), or with
:data:`CALIBRATION_PRIOR` for a rule that never fired there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kgraph.core.terms import Predicate

#: The confidence a rule's relation carries before calibration (never seen in any output).
UNCALIBRATED = 0.0

#: The precision assumed for a rule that never fired on the training data; measured precision is
#: shrunk towards it for rules that fired rarely (see :func:`kgraph.train.calibrate`).
CALIBRATION_PRIOR = 0.7

#: Where a rule reads: one parsed sentence piece, the relations the sentence rules found, or a whole article.
SCOPES = ("sentence", "derived", "article")


@dataclass(frozen=True)
class Example:
    """An invented sentence and the (subject name, predicate, object name) fact a rule must (or must not) find in it."""

    text: str
    fact: tuple[str, str, str]


@dataclass(frozen=True)
class Rule:
    """A relation rule: its id (the ``method`` written in the graph), why it exists, what it emits, its examples."""

    id: str
    reason: str
    predicates: tuple[Predicate, ...]
    examples: tuple[Example, ...]
    counter_examples: tuple[Example, ...]
    func: Callable
    scope: str = "sentence"


#: Every registered rule by id, in registration order (the order rules run in).
REGISTRY: dict[str, Rule] = {}


def rule(id: str, reason: str, predicates, examples=(), counter_examples=(), scope: str = "sentence"):
    """Register the decorated function as the rule ``id``; examples are ``(text, (subject, predicate, object))``.

    Raises:
        ValueError: The id is taken, or the scope or a predicate is unknown.
    """
    if scope not in SCOPES:
        raise ValueError(f"unknown rule scope {scope!r}")
    preds = tuple(Predicate(p) for p in predicates)

    def register(func: Callable) -> Callable:
        if id in REGISTRY:
            raise ValueError(f"rule {id!r} is registered twice")
        REGISTRY[id] = Rule(id, reason, preds, tuple(Example(t, tuple(f)) for t, f in examples),
                            tuple(Example(t, tuple(f)) for t, f in counter_examples), func, scope)
        return func

    return register


def rules_of(scope: str) -> tuple[Rule, ...]:
    """Return the registered rules of one scope, in registration order."""
    return tuple(r for r in REGISTRY.values() if r.scope == scope)
