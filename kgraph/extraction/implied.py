"""Statements an article's own statements imply, declared as data.

An implication joins one or two statements of the same article on a shared
entity (by in-article name) and states its conclusion when the article does
not already state it. A derived statement keeps the evidence sentence of
its first premise, ``method`` ``implied:<id>:<premise methods>``, and a
confidence that is the implication's own calibrated figure: the lower end
of a one-sided 80 % interval of the precision of its derived statements
(not a product with the premises' confidences: those already passed their
thresholds, and what is measured is the derived statements themselves).
``right``/``made`` count the statements each one added to kgraph's output
(``kgraph evaluate``'s scoring) on DWIE 1-150, 301-450 and 451-602, each
slice extracted with a document model trained without it; kgraph applies
those at >= 0.75 precision whose lower bound reaches 0.70 and that raised
relation F1 on two slices or more. The rest stay declared with their figures.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from kgraph.core.model import Relation
from kgraph.core.terms import EntityType, Predicate

#: A statement pattern: (subject variable, predicate, object variable).
Pattern = tuple[str, str, str]
#: An invented statement of an example: ((name, type), predicate, (name, type)).
Stated = tuple[tuple[str, str], str, tuple[str, str]]


@dataclass(frozen=True)
class Implication:
    """One implication: premises joined on shared variables give the conclusion."""

    id: str
    premises: tuple[Pattern, ...]
    conclusion: Pattern
    types: tuple[tuple[str, frozenset], ...]
    reason: str
    right: int
    made: int
    slices_gained: int
    example: tuple[Stated, ...]
    counter_example: tuple[Stated, ...]

    @property
    def precision(self) -> float:
        """Return the measured precision of the statements it added (0.0 when it added none)."""
        return self.right / self.made if self.made else 0.0

    @property
    def confidence(self) -> float:
        """Return the lower end of a one-sided 80 % Wilson interval of its precision: what a statement states."""
        return round(wilson_lower(self.right, self.made), 3)

    def allowed(self, var: str) -> frozenset | None:
        """Return the entity types a variable may take, or None for any."""
        return dict(self.types).get(var)


#: One-sided 80 % interval, as the document model's floors use.
_Z = 0.8416


def wilson_lower(right: int, made: int, z: float = _Z) -> float:
    """Return the lower end of the Wilson interval of right/made (0.0 when nothing was made)."""
    if made <= 0:
        return 0.0
    p = right / made
    den = 1.0 + z * z / made
    centre = p + z * z / (2 * made)
    spread = z * ((p * (1 - p) / made + z * z / (4 * made * made)) ** 0.5)
    return (centre - spread) / den


_PLACES = frozenset({EntityType.Place})
_COUNTRY = frozenset({EntityType.Country})
_ORG = frozenset({EntityType.Organization})
_PERSON = frozenset({EntityType.Person})

IMPLICATIONS: tuple[Implication, ...] = (
    Implication(
        id="based-in-town-country",
        premises=(("X", Predicate.basedIn, "P"), ("P", Predicate.locatedIn, "C")),
        conclusion=("X", Predicate.basedIn, "C"),
        types=(("X", _ORG), ("P", _PLACES), ("C", _COUNTRY)),
        reason="An organization based in a town the article places in a country is based in that country.",
        right=3, made=4, slices_gained=2,
        example=((("Talvero University", EntityType.Organization), Predicate.basedIn, ("Brenmoor", EntityType.Place)),
                 (("Brenmoor", EntityType.Place), Predicate.locatedIn, ("Ostravia", EntityType.Country))),
        counter_example=((("Talvero University", EntityType.Organization), Predicate.basedIn,
                          ("Brenmoor", EntityType.Place)),
                         (("Kesslund", EntityType.Place), Predicate.locatedIn, ("Ostravia", EntityType.Country))),
    ),
    Implication(
        id="leader-works-for",
        premises=(("X", Predicate.leaderOf, "Y"),),
        conclusion=("X", Predicate.worksFor, "Y"),
        types=(("X", _PERSON), ("Y", _COUNTRY | _ORG)),
        reason="Whoever leads a state or an organization works for it (DWIE's agent_of covers its heads).",
        right=16, made=28, slices_gained=2,
        example=((("Mira Costell", EntityType.Person), Predicate.leaderOf, ("Ostravia", EntityType.Country)),),
        counter_example=((("Mira Costell", EntityType.Person), Predicate.citizenOf, ("Ostravia", EntityType.Country)),),
    ),
    Implication(
        id="leader-citizen",
        premises=(("X", Predicate.leaderOf, "C"),),
        conclusion=("X", Predicate.citizenOf, "C"),
        types=(("X", _PERSON), ("C", _COUNTRY)),
        reason="Whoever leads a country is its citizen.",
        right=5, made=5, slices_gained=3,
        example=((("Mira Costell", EntityType.Person), Predicate.leaderOf, ("Ostravia", EntityType.Country)),),
        counter_example=((("Mira Costell", EntityType.Person), Predicate.leaderOf,
                          ("Talvero Union", EntityType.Organization)),),
    ),
    Implication(
        id="works-for-state-citizen",
        premises=(("X", Predicate.worksFor, "C"),),
        conclusion=("X", Predicate.citizenOf, "C"),
        types=(("X", _PERSON), ("C", _COUNTRY)),
        reason="Whoever works for a state (a minister, an official) is its citizen.",
        right=5, made=8, slices_gained=1,
        example=((("Jon Brask", EntityType.Person), Predicate.worksFor, ("Ostravia", EntityType.Country)),),
        counter_example=((("Jon Brask", EntityType.Person), Predicate.worksFor,
                          ("Talvero Union", EntityType.Organization)),),
    ),
    Implication(
        id="located-in-chain",
        premises=(("A", Predicate.locatedIn, "B"), ("B", Predicate.locatedIn, "C")),
        conclusion=("A", Predicate.locatedIn, "C"),
        types=(("A", _PLACES), ("B", _PLACES), ("C", _COUNTRY)),
        reason="A town in a region of a country lies in that country.",
        right=2, made=4, slices_gained=2,
        example=((("Brenmoor", EntityType.Place), Predicate.locatedIn, ("Vallis", EntityType.Place)),
                 (("Vallis", EntityType.Place), Predicate.locatedIn, ("Ostravia", EntityType.Country))),
        counter_example=((("Brenmoor", EntityType.Place), Predicate.locatedIn, ("Vallis", EntityType.Place)),
                         (("Brenmoor", EntityType.Place), Predicate.locatedIn, ("Ostravia", EntityType.Country))),
    ),
    Implication(
        id="employer-of-citizens",
        premises=(("X", Predicate.worksFor, "O"), ("X", Predicate.citizenOf, "C")),
        conclusion=("O", Predicate.basedIn, "C"),
        types=(("X", _PERSON), ("O", _ORG), ("C", _COUNTRY)),
        reason="An organization a citizen of a country works for is based in that country.",
        right=20, made=48, slices_gained=3,
        example=((("Jon Brask", EntityType.Person), Predicate.worksFor, ("Talvero Union", EntityType.Organization)),
                 (("Jon Brask", EntityType.Person), Predicate.citizenOf, ("Ostravia", EntityType.Country))),
        counter_example=((("Jon Brask", EntityType.Person), Predicate.worksFor,
                          ("Talvero Union", EntityType.Organization)),
                         (("Mira Costell", EntityType.Person), Predicate.citizenOf, ("Ostravia", EntityType.Country))),
    ),
    Implication(
        id="led-by-citizen",
        premises=(("X", Predicate.leaderOf, "O"), ("X", Predicate.citizenOf, "C")),
        conclusion=("O", Predicate.basedIn, "C"),
        types=(("X", _PERSON), ("O", _ORG), ("C", _COUNTRY)),
        reason="An organization led by a citizen of a country is based in that country.",
        right=12, made=20, slices_gained=2,
        example=((("Jon Brask", EntityType.Person), Predicate.leaderOf, ("Talvero Union", EntityType.Organization)),
                 (("Jon Brask", EntityType.Person), Predicate.citizenOf, ("Ostravia", EntityType.Country))),
        counter_example=((("Jon Brask", EntityType.Person), Predicate.worksFor,
                          ("Talvero Union", EntityType.Organization)),
                         (("Jon Brask", EntityType.Person), Predicate.citizenOf, ("Ostravia", EntityType.Country))),
    ),
    Implication(
        id="leader-of-local-body-citizen",
        premises=(("X", Predicate.leaderOf, "O"), ("O", Predicate.basedIn, "C")),
        conclusion=("X", Predicate.citizenOf, "C"),
        types=(("X", _PERSON), ("O", _ORG), ("C", _COUNTRY)),
        reason="Whoever leads an organization based in a country is its citizen.",
        right=15, made=23, slices_gained=2,
        example=((("Jon Brask", EntityType.Person), Predicate.leaderOf, ("Talvero Union", EntityType.Organization)),
                 (("Talvero Union", EntityType.Organization), Predicate.basedIn, ("Ostravia", EntityType.Country))),
        counter_example=((("Jon Brask", EntityType.Person), Predicate.leaderOf,
                          ("Talvero Union", EntityType.Organization)),
                         (("Vellin Group", EntityType.Organization), Predicate.basedIn,
                          ("Ostravia", EntityType.Country))),
    ),
)

#: An implication kgraph applies was measured at this precision or more ...
MIN_PRECISION = 0.75
#: ... with the lower end of its interval at the document model's floor or more ...
MIN_CONFIDENCE = 0.70
#: ... and raised relation F1 on this many 150-article DWIE dev slices.
MIN_SLICES = 2


def shipped(implications=IMPLICATIONS) -> tuple[Implication, ...]:
    """Return the implications measured well enough to apply (see :data:`MIN_PRECISION`)."""
    return tuple(i for i in implications if i.precision >= MIN_PRECISION and i.confidence >= MIN_CONFIDENCE
                 and i.slices_gained >= MIN_SLICES)


def _matches(imp: Implication, pattern: Pattern, r: Relation, binding: dict) -> dict | None:
    s, p, o = pattern
    if r.predicate != p:
        return None
    new = dict(binding)
    for var, m in ((s, r.subject), (o, r.object)):
        allowed = imp.allowed(var)
        if allowed is not None and m.type not in allowed:
            return None
        if var in new and new[var].name != m.name:
            return None
        new.setdefault(var, m)
    return new


def derive(imp: Implication, relations: list[Relation]) -> list[Relation]:
    """Return the statements one implication derives from an article's relations."""
    found: list[tuple[dict, list[Relation]]] = [({}, [])]
    for pattern in imp.premises:
        found = [(b2, used + [r]) for b, used in found for r in relations
                 if (b2 := _matches(imp, pattern, r, b)) is not None]
    s, p, o = imp.conclusion
    out = []
    for b, used in found:
        if b[s].name == b[o].name:
            continue
        first = used[0]
        method = "implied:" + imp.id + ":" + "+".join(u.method for u in used)
        out.append(dataclasses.replace(first, subject=b[s], predicate=p, object=b[o], confidence=imp.confidence,
                                       method=method, role=None))
    return out


def _gazetteer_located(relations: list[Relation], mentions) -> list[Relation]:
    """Return a locatedIn premise for each place of a relation whose gazetteer country the article names."""
    from kgraph.extraction.relations import _country_code, _countries_named

    countries = _countries_named(mentions)
    out = []
    seen = set()
    for r in relations:
        m = r.object
        if m.type != EntityType.Place or m.name in seen:
            continue
        seen.add(m.name)
        c = countries.get(_country_code(m) or "")
        if c is not None:
            out.append(dataclasses.replace(r, subject=m, predicate=Predicate.locatedIn, object=c, confidence=1.0,
                                           method="gazetteer:geonames", role=None))
    return out


def implied_relations(relations: list[Relation], mentions=(), implications=None) -> list[Relation]:
    """Return the statements the shipped implications add to an article's relations.

    ``mentions`` (the article's) let a town's gazetteer country serve as a
    locatedIn premise when the article names that country; such premises
    are never stated themselves.

    A conclusion the article already states (same names, same predicate) is
    not added again, so a model's statement keeps its own confidence; one
    statement per (subject name, predicate, object name), from the surest
    implication (then the first premise sentence).
    """
    imps = shipped() if implications is None else implications
    have = {(r.subject.name, r.predicate, r.object.name) for r in relations}
    premises = list(relations) + [g for g in _gazetteer_located(relations, mentions)
                                  if (g.subject.name, g.predicate, g.object.name) not in have]
    best: dict[tuple, Relation] = {}
    for imp in imps:
        for r in derive(imp, premises):
            key = (r.subject.name, r.predicate, r.object.name)
            if key in have:
                continue
            old = best.get(key)
            if old is None or (r.confidence, -r.sentence_start, -r.subject.start) > (
                    old.confidence, -old.sentence_start, -old.subject.start):
                best[key] = r
    return [best[k] for k in sorted(best)]
