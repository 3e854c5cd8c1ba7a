"""Type-context rules: a word next to a name that says what kind of thing it is overrides the learned type.

The learned decision (:mod:`kgraph.extraction.entity_model`) types a name by
averaged features; for a name it has never seen ("Vellox", "Tarsk") spaCy-small
often says Person, and a noun the writer puts right before the name ("the
carmaker Vellox", "the village of Tarsk") is one feature among many. Each rule
here reads such a noun at one mention and retypes every candidate of that name
in the article. A rule is declared with :func:`context_rule`: its id, a
one-line reason, the types it may change, the type it gives, invented sentences
with the name it must retype and invented sentences with a name it must leave
alone; ``tests/test_type_context.py`` generates one test per example. Rules run
in declared order after the learned decision and before the name-shape rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from kgraph.core.terms import EntityType
from kgraph.extraction import lexicon
from kgraph.sources import gazetteer

#: Nouns that say the name after them is an organization's ("the carmaker Vellox", "the daily Tarsker Bote"); nouns
#: that also name a person's trade ("film-maker", "producer", "publisher") are left out.
ORG_KIND_NOUNS = (lexicon.ORG_NOUNS | lexicon.MEDIA_NOUNS
                  | frozenset("carmaker automaker chipmaker drugmaker steelmaker planemaker shipbuilder".split())) \
    - frozenset("news agency maker producer publisher developer builder contractor operator".split())

#: Nouns that say the name after them (directly or after "of") is a place's ("the village of Tarsk").
PLACE_KIND_NOUNS = frozenset("town village city suburb district municipality hamlet island region province "
                             "county resort port".split())

#: First words that make a known place's name the name of its part ("East Vellberg").
COMPASS_WORDS = frozenset("north south east west northern southern eastern western central".split())


@dataclass(frozen=True)
class ContextRule:
    """A declared rule: what it reads, the types it changes, the type it gives, and invented examples."""

    id: str
    reason: str
    changes: tuple[str, ...]
    gives: str
    test: Callable
    examples: tuple[tuple[str, str], ...]  # (sentence, name the rule must retype)
    counter_examples: tuple[tuple[str, str], ...]  # (sentence, name the rule must leave alone)


CONTEXT_RULES: list[ContextRule] = []


def context_rule(rule_id: str, reason: str, changes, gives, examples, counter_examples):
    """Declare a type-context rule (a function of a candidate's doc, start and end)."""
    def wrap(fn):
        CONTEXT_RULES.append(ContextRule(rule_id, reason, tuple(changes), gives, fn, tuple(examples),
                                         tuple(counter_examples)))
        return fn
    return wrap


def _prev(doc, start: int, k: int = 1):
    return doc[start - k] if start - k >= 0 else None


@context_rule("context:org-noun-before", "A noun naming a kind of organization right before a name makes it an "
              "organization's (\"the carmaker Vellox\").", (EntityType.Person, EntityType.Place),
              EntityType.Organization,
              examples=[("Shares of the carmaker Vellox fell on Monday.", "Vellox"),
                        ("The Austrian daily Tarsker Bote wrote that talks had failed.", "Tarsker Bote")],
              counter_examples=[("Company founder Anton Moreau spoke on Monday.", "Anton Moreau"),
                                ("Film-maker Anton Moreau spoke on Monday.", "Anton Moreau"),
                                ("The club will welcome back playmaker Vellox on Sunday.", "Vellox"),
                                ("The group's leader Anton Moreau spoke on Monday.", "Anton Moreau")])
def _org_noun_before(doc, start: int, end: int) -> bool:
    p = _prev(doc, start)
    if p is not None and p.is_quote:
        p = _prev(doc, start, 2)  # the newspaper "Vell Bote"
    if p is None or not p.is_lower or p.pos_ != "NOUN":
        return False
    return p.lemma_.lower() in ORG_KIND_NOUNS


@context_rule("context:place-noun-before", "A noun naming a kind of place right before a name, or before \"of\" "
              "and the name, makes it a place's (\"the village of Tarsk\").", (EntityType.Person,), EntityType.Place,
              examples=[("He grew up in the fishing village of Tarsk near the coast.", "Tarsk"),
                        ("Six inmates sit in a prison in the Vellberg suburb Orlinsee.", "Orlinsee")],
              counter_examples=[("The town mayor Anton Moreau opened the fair.", "Anton Moreau"),
                                ("Anton Moreau of the city council opened the fair.", "Anton Moreau")])
def _place_noun_before(doc, start: int, end: int) -> bool:
    p = _prev(doc, start)
    if p is not None and p.lower_ == "of":
        p = _prev(doc, start, 2)
    return p is not None and p.is_lower and p.lower_ in PLACE_KIND_NOUNS


@context_rule("context:compass-place", "A compass word before a known place names part of that place "
              "(\"East Berlin\").", (EntityType.Person, EntityType.Organization), EntityType.Place,
              examples=[("The painter settled in East Berlin after the war.", "East Berlin")],
              counter_examples=[("West Vellox won the cup on Sunday.", "West Vellox")])
def _compass_place(doc, start: int, end: int) -> bool:
    if end - start < 2 or doc[start].lower_ not in COMPASS_WORDS:
        return False
    rest = doc[start + 1:end].text
    return gazetteer.city(rest) is not None or gazetteer.region(rest) is not None


#: Last words of place names besides :data:`lexicon.PLACE_HEADS` ("Vell Circuit", "Tarsk Highway").
PLACE_LAST_WORDS = lexicon.PLACE_HEADS | frozenset("highway motorway hotel plaza platz strasse straße "
                                                   "allee damm brücke".split())

#: German place words written onto the end of a name ("Vellstrasse", "Tarskbrücke").
PLACE_SUFFIXES = ("strasse", "straße", "platz", "brücke", "damm", "allee")


@context_rule("context:place-head", "A name whose last word names a kind of place is a place's, though the NER "
              "read it as a person or an organization (\"Tarsk Highway\", \"Vellstrasse\"; \"circuit\" is left out: "
              "appeal courts are named so).",
              (EntityType.Person, EntityType.Organization), EntityType.Place,
              examples=[("The race at the Tarsk International Highway starts on Sunday.", "Tarsk International Highway"),
                        ("The shop on Orlinstrasse closed.", "Orlinstrasse")],
              counter_examples=[("The Tarsk Highway Racing Club said it would appeal.", "Tarsk Highway Racing Club"),
                                ("Anton Platz said he would appeal.", "Anton Platz")])
def _place_head(doc, start: int, end: int) -> bool:
    last = doc[end - 1]
    word = last.lower_.rsplit("-", 1)[-1]
    if end - start >= 2 and last.is_title and word in PLACE_LAST_WORDS:
        return not (word in ("platz", "damm") and doc[start].pos_ == "PROPN" and end - start == 2
                    and doc[start].ent_type_ == "PERSON")  # "Anton Platz": a surname
    return end - start == 1 and len(word) > len(PLACE_SUFFIXES[0]) + 2 and word.endswith(PLACE_SUFFIXES)


#: Media nouns that, right after a name typed Person, make it a paper's ("the \"Vellbote\" newspaper").
MEDIA_AFTER = frozenset("newspaper daily magazine tabloid weekly paper".split())


@context_rule("context:media-noun-after", "A newspaper word right after a name read as a person's makes it a "
              "paper's (\"the Vellbote newspaper\").", (EntityType.Person,), EntityType.Organization,
              examples=[("According to the \"Vellbote\" newspaper, talks failed.", "Vellbote")],
              counter_examples=[("Anton Moreau said in a newspaper interview that talks failed.", "Anton Moreau")])
def _media_noun_after(doc, start: int, end: int) -> bool:
    j = end + 1 if end < len(doc) and doc[end].is_quote else end
    return j < len(doc) and doc[j].lower_ in MEDIA_AFTER and j + 1 < len(doc) and doc[j + 1].lower_ not in (
        "interview", "article", "report", "column", "op-ed")


def key(name: str) -> str:
    """Return the key a name's candidates are grouped under (case, spaces and punctuation folded)."""
    return gazetteer.norm(name)


def decide(cands: list) -> dict[str, tuple[str, str]]:
    """Return, by name key, the (rule id, type) the first rule that fires at one of the name's mentions gives."""
    groups: dict[str, list] = defaultdict(list)
    for c in cands:
        groups[key(c.name)].append(c)
    out = {}
    for k, items in sorted(groups.items()):
        types = {c.type for c in items}
        if len(types) != 1:
            continue  # a name typed two ways in one article is left to the corpus vote
        now = next(iter(types))
        for rule in CONTEXT_RULES:
            if now in rule.changes and any(c.source != "pronoun" and rule.test(c.doc, c.start, c.end)
                                           for c in items):
                out[k] = (rule.id, rule.gives)
                break
    return out


def apply(cands: list) -> list:
    """Return the candidates with the types the context rules give their names."""
    new = decide(cands)
    if not new:
        return cands
    return [replace(c, type=new[key(c.name)][1]) if key(c.name) in new else c for c in cands]
