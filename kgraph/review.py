"""Review: list a graph's likely duplicates, junk and wrong types, ranked by impact, as corrections to paste.

``kgraph review OUTPUT`` reads ``OUTPUT/graph.ttl`` (or any graph file) and
suggests corrections items (see :mod:`kgraph.linking.corrections`): a ``merge`` for
two nodes that look like one thing (the same name under two types, a
company's name with and without its legal form, an acronym and the one name
it spells, near-identical spellings, a short name and the one longer name
ending with it or the one its articles name, a person's surname typed a
place or a body beside the person its article names), a ``block`` or
``rename`` for a node whose name does not look like a name or that the
entity model was unsure of (its ``kg:nameConfidence``, which also orders the
weak suggestions), and a ``retype``
for a person's name typed a place or a body. Impact is the mentions and
relations a suggestion touches. Candidates are found by key (folded name,
initials, last word, 3-letter prefix), never by comparing all pairs.
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from rdflib import OWL, PROV, RDF, RDFS, SKOS, Literal, URIRef

from kgraph.linking.identity import _LEGAL_FORMS, TITLES, _given_names, _initials, clean_name, fold
from kgraph.linking.link import _a
from kgraph.core.iri import ENTITY_BASE
from kgraph.core.model import ENTITY_TYPES
from kgraph.core.vocab import KG
from kgraph.core.terms import EntityType, Predicate
from kgraph.extraction.lexicon import ORG_HEADS, PLACE_HEADS
from kgraph.extraction.name_shape import EVENT_HEADS, PARTY_MEMBERS
from kgraph.sources import gazetteer

#: Similarity at which review shows two spellings (lower than linking's: a person decides).
REVIEW_SIMILARITY = 0.82

#: How alike the one word two names of several words differ in must be spelt ("Hessen" and "Hesse" 0.91; "Force"
#: and "France" 0.73, "Bank" and "Bahn" 0.75: two things), unless they share a stem of five letters.
WORD_SIMILARITY = 0.8

#: How alike two persons' surnames must be spelt besides (transliterations such as "Morsi" and "Morsy" are 0.8;
#: "Urin" and "Putin", two people, 0.67; "Tarvinger" and "Tarvert", two people, 0.75).
SURNAME_SIMILARITY = 0.78
#: Longest name review reads as one: the longest a build makes is about 40 words. A graph file holding labels of
#: kilobytes had review working for minutes per megabyte (difflib compares up to 80 x 80 such labels a block, and
#: cleaning a label costs its words squared); a longer label is "too long for a name", compared with none.
MAX_NAME_CHARS = 400
_GENERIC = frozenset("""state government ministry parliament police army party group company agency council
commission court union office committee church bank institute university association league club federation
foundation energy politics software success group development""".split())


@dataclass(frozen=True)
class Node:
    """An entity as the review sees it."""

    iri: str
    type: str
    label: str
    names: tuple[str, ...]
    mentions: int
    articles: int
    edges: int
    corrected: bool = False  # an analyst's correction already changed it (prov:wasInfluencedBy the corrections)
    splits: frozenset = frozenset()  # the analyst's splits it took part in ("correction #4 split A -> B")
    retyped: bool = False  # an analyst's retype gave it its type ("correction #3 retype A -> Organization")
    different: frozenset = frozenset()  # IRIs an analyst said are other things (owl:differentFrom, a "different" item)
    in_articles: frozenset = frozenset()  # the IRIs of the articles that mention it (kg:mentionedIn)
    confidence: float | None = None  # the entity model's kg:nameConfidence (None in a graph without it)

    @property
    def weight(self) -> int:
        """Return the mentions and relations the node carries (what a correction of it touches)."""
        return self.mentions + self.edges


@dataclass(frozen=True)
class Suggestion:
    """One suggested correction with its reason and impact."""

    kind: str  # "duplicate", "junk", "retype" or "namesake"
    impact: int
    reason: str
    item: dict
    alternative: dict | None = None  # the item to paste instead when the suggested one is wrong (a namesake's merge)
    weak: bool = False  # read from thin evidence (one mention, nothing else): listed after the others
    rank: float = 1.0  # the weak are listed by it, lowest first: the entity model's confidence in what the node is

    def line(self) -> str:
        """Return the suggestion as two lines: the reason, then the item to paste.

        A place and its namesake body (:data:`NAMESAKE`), most often two things, get a third: the
        ``different`` item that says so beside the merge, or the merge beside that item (:func:`review`'s).
        """
        text = (f"{self.kind.upper():9} impact {self.impact:>4}  {_printable(self.reason)}\n"
                f"    {_printable(json.dumps(self.item, ensure_ascii=False))},")
        other = self.alternative
        if other is None and NAMESAKE in self.reason and self.item.get("action") == "merge":
            other = _apart(self.item)
        if other is not None:
            text += f"\n    {_printable(json.dumps(other, ensure_ascii=False))},"
        return text


def _printable(text: str) -> str:
    """Return text for the terminal: a control or format character from the graph file (U+009B starts an
    escape sequence, U+202E reverses the line) as its JSON escape, which the pasted item reads back the same."""
    return "".join(c if c.isprintable() else json.dumps(c)[1:-1] for c in text)


#: The provenance comment a split leaves on both the entity it split and the one it made.
_SPLIT_COMMENT = re.compile(r"correction #\d+ split ")
#: The provenance comment a retype leaves on the entity it gave a type.
_RETYPE_COMMENT = re.compile(r"correction #\d+ retype ")


def _count(o) -> int:
    """Return a mention count read from a graph file; 0 when it is no whole number ("NaN", "INF", "many", an IRI)."""
    try:
        return int(o.toPython()) if isinstance(o, Literal) else 0
    except (TypeError, ValueError, OverflowError):
        return 0


def _confidence(o) -> float | None:
    """Return a name confidence read from a graph file; None when it is no number from 0 to 1 ("NaN", "2", an IRI)."""
    try:
        x = float(o.toPython()) if isinstance(o, Literal) else None
    except (TypeError, ValueError, OverflowError):
        return None
    return x if x is not None and 0.0 <= x <= 1.0 else None


def read_nodes(path: str | Path) -> list[Node]:
    """Return the entities of a graph file or output folder."""
    from kgraph.graph import rdf

    p = Path(path)
    if p.is_dir():
        p = p / "graph.ttl"
    ds = rdf.load(p)
    types = {KG[t]: t for t in ENTITY_TYPES}
    info: dict = defaultdict(lambda: {"type": None, "label": None, "names": set(), "mentions": 0, "articles": set(),
                                      "edges": 0, "corrected": False, "splits": set(), "retyped": False,
                                      "different": set(), "confidence": None})
    corrections = rdf.CORRECTIONS_SOURCE
    preds = {KG[p] for p in (Predicate.worksFor, Predicate.memberOf, Predicate.leaderOf, Predicate.citizenOf, Predicate.livesIn, Predicate.bornIn, Predicate.basedIn,
                             Predicate.partOf, Predicate.locatedIn, Predicate.killed)}
    for s, p, o in ds.triples((None, None, None)):
        if not isinstance(s, URIRef) or not str(s).startswith(ENTITY_BASE):
            continue
        d = info[str(s)]
        if p == RDF.type and o in types:
            if d["type"] is None or types[o] != EntityType.Place:  # a Country is also a Place
                d["type"] = types[o]
        elif p == RDFS.label:
            d["label"] = str(o)
        elif p == SKOS.altLabel:
            d["names"].add(str(o))
        elif p == PROV.wasInfluencedBy and o == corrections:
            d["corrected"] = True
        elif p == RDFS.comment and _SPLIT_COMMENT.match(str(o)):
            d["splits"].add(str(o))
        elif p == RDFS.comment and _RETYPE_COMMENT.match(str(o)):
            d["retyped"] = True
        elif p == OWL.differentFrom:
            d["different"].add(str(o))
            info[str(o)]["different"].add(str(s))
        elif p == KG.mentionCount:
            d["mentions"] = _count(o)
        elif p == KG.mentionedIn:
            d["articles"].add(str(o))
        elif p == KG.nameConfidence:
            d["confidence"] = _confidence(o)
        elif p in preds:
            d["edges"] += 1
            if str(o) in info or str(o).startswith(ENTITY_BASE):
                info[str(o)]["edges"] += 1
    return [Node(iri, d["type"], d["label"], tuple(sorted(d["names"] | {d["label"]})), d["mentions"],
                 len(d["articles"]), d["edges"], d["corrected"], frozenset(d["splits"]), d["retyped"],
                 frozenset(d["different"]), frozenset(d["articles"]), d["confidence"])
            for iri, d in sorted(info.items()) if d["type"] and d["label"]]


def _compatible(a: str, b: str) -> bool:
    return a == b or {a, b} <= {EntityType.Place, EntityType.Country} or {a, b} <= {EntityType.Organization, EntityType.Country}


def _merge(a: Node, b: Node, reason: str, keep_first: bool = False) -> Suggestion:
    """Return the merge of two nodes keeping the heavier one (``a``, whose type is the right one, with ``keep_first``)."""
    keep, other = (a, b) if keep_first else sorted((a, b), key=lambda n: (-n.weight, n.iri))
    item = {"action": "merge", "entities": [keep.iri, other.iri], "keep": keep.iri,
            "note": f"{reason}: {keep.label!r} / {other.label!r}"}
    return Suggestion("duplicate", other.weight, f"{other.label!r} ({other.type}, {other.mentions} mentions) "
                      f"~ {keep.label!r} ({keep.type}, {keep.mentions}): {reason}", item)


#: What a place and an organization of one name may be: the build reads a country's or a city's team or club in a
#: match report as its own node beside the place, on purpose (on 600 DWIE articles the top 8 suggestions were such
#: pairs, "Germany" the national team beside the country); review lists them after the other suggestions.
NAMESAKE = "or a team or body named after the place: check before merging"

#: The note of the ``different`` item review prints beside the merge of a place and its namesake body (paste
#: one of the two; pasted both, the ``different`` wins and the merge is skipped with a warning).
TWO_THINGS = "two things: a place and a team or body named after it"


def _same_name_reason(a: str, b: str) -> str:
    """Return why two nodes of one name look like one thing, with the caveat a place's namesake needs."""
    if a == b:
        return "same spelling"
    if EntityType.Organization in (a, b) and {a, b} & {EntityType.Place, EntityType.Country}:
        # A club, a team or a city council is often named after its place: merging them is a wrong merge.
        return f"same name under two types ({NAMESAKE})"
    return "same name under two types"


def duplicates(nodes: list[Node]) -> list[Suggestion]:
    """Suggest merges of nodes that look like one thing."""
    out: dict[tuple[str, str], Suggestion] = {}

    def add(a: Node, b: Node, reason: str, keep_first: bool = False) -> None:
        if a.iri == b.iri or a.splits & b.splits or b.iri in a.different or a.iri in b.different:
            return  # one node, two an analyst's split made of one, or two an analyst said are not one
        if a.type != b.type and (a.retyped or b.retyped):
            return  # an analyst gave one of them its type: two types on purpose (a town and the club retyped so)
        key = tuple(sorted((a.iri, b.iri)))
        if key not in out:
            out[key] = _merge(a, b, reason, keep_first)

    given = _given_names()
    by_fold: dict[str, list] = defaultdict(list)
    by_initials: dict[str, list] = defaultdict(list)
    by_last: dict[tuple, list] = defaultdict(list)
    blocks: dict[tuple, list] = defaultdict(list)
    for n in nodes:
        f = fold(n.label)
        by_fold[f].append(n)
        # The build's qualifier is no word of the name: "Socialist Party (Spain)" is not called "Spain".
        words = _unqualified(n.label).split()
        if len(words) >= 2:
            by_initials[_initials(" ".join(words))].append(n)
            # A body's name "X of Y" is never called "Y" alone ("University of Hamburg" is not the club "Hamburg");
            # a person's particle is no such word ("Ludwig van Beethoven" is "Beethoven").
            if n.type == EntityType.Person or not words[-2].islower():
                by_last[(n.type, fold(words[-1]))].append(n)
        if 5 <= len(f) <= MAX_NAME_CHARS:
            blocks[(n.type, f[:3])].append(n)
            # and by its last three letters: a misspelling in the first three ("Shalke" / "Schalke") or a mark
            # before the name ("FC Tarsk" / "Tarsk") leaves them alike
            blocks[(n.type, "", f[-3:])].append(n)
    for group in by_fold.values():
        for b in group[1:]:
            add(group[0], b, _same_name_reason(group[0].type, b.type))
    for n in nodes:
        # A company written with and without its legal form ("Tarsk Mining Ltd" / "Tarsk Mining"): the build joins
        # two organizations so, not a bare name extraction typed a person or a place.
        words = n.label.split()
        if n.type == EntityType.Organization and len(words) >= 2 and words[-1].casefold() in _LEGAL_FORMS:
            for c in by_fold.get(fold(" ".join(words[:-1])), ()):
                if c.type != EntityType.Country:
                    add(n, c, "same name with its legal form" + (" (under two types)" if c.type != n.type else ""),
                        keep_first=c.type != n.type)  # the company, not a person or place extraction made of it
    for n in nodes:
        if n.label.isupper() and 2 <= len(n.label) <= 6 and n.type != EntityType.Person:
            cands = [c for c in by_initials.get(n.label, ()) if c.type != EntityType.Person]
            if len(cands) == 1:
                add(cands[0], n, "acronym")
        # A country's own name as an organization is its team or state, not the short name of a body named
        # after it ("Falconets Nigeria", "Greenpeace Veltria").
        if " " not in n.label and n.type in (EntityType.Person, EntityType.Organization) \
                and not (n.type == EntityType.Organization and gazetteer.country(n.label) is not None):
            # An acronym is not the last word written as a word ("SAP" is no short name of "Tonle Sap").
            cands = [c for c in by_last.get((n.type, fold(n.label)), ()) if c.iri != n.iri
                     and not (n.label.isupper() and len(n.label) > 1
                              and not _last_word(c.label).isupper())]
            if len(cands) > 1:
                # Several longer names end so ("Tarsk" for "FC Tarsk" and "Credit Tarsk"): the one its own
                # articles name is the one it stands for there.
                cands = [c for c in cands if c.in_articles & n.in_articles]
                if len(cands) > 1 and all(SequenceMatcher(None, fold(c.label), fold(cands[0].label)).ratio()
                                          >= REVIEW_SIMILARITY for c in cands[1:]):
                    # Spellings of one name, a duplicate review lists too ("Ivo Tarsk" / "Ivon Tarsk"): the most
                    # used one, which that merge keeps.
                    cands = sorted(cands, key=lambda c: (-c.weight, c.iri))[:1]
                if len(cands) == 1 and n.label.casefold() not in _GENERIC:
                    add(cands[0], n, "short name of the one longer name its articles name")
            elif len(cands) == 1 and n.label.casefold() not in _GENERIC \
                    and (gazetteer.norm(n.label) not in given or cands[0].in_articles & n.in_articles):
                # A given name alone ("Lena") is more often another person's, unless its story names the one
                add(cands[0], n, "short name")
        if " " not in n.label and n.type in (EntityType.Organization, EntityType.Place) and len(n.label) > 2 \
                and not n.label.isupper() and gazetteer.place(n.label) is None \
                and gazetteer.country(n.label) is None and n.label.casefold() not in _GENERIC:
            # A person's surname alone, typed a body or a place ("Velden" beside "Arvo Velden" in one story): the
            # person's mentions, extraction's type is the wrong one. A place the gazetteer knows stays a place.
            cands = [c for c in by_last.get((EntityType.Person, fold(n.label)), ()) if c.in_articles & n.in_articles]
            if len(cands) == 1:
                add(cands[0], n, "surname of the one person its articles name (under two types)", keep_first=True)
    compared: set[tuple[str, str]] = set()
    for group in blocks.values():
        if len(group) > 80:
            continue
        for i, a in enumerate(group):
            fa = fold(a.label)
            for b in group[i + 1:]:
                fb = fold(b.label)
                pair = (a.iri, b.iri) if a.iri < b.iri else (b.iri, a.iri)
                if pair in compared:
                    continue  # in both of their blocks
                compared.add(pair)
                if fa != fb and abs(len(fa) - len(fb)) <= 3 and a.type != EntityType.Country and \
                        SequenceMatcher(None, fa, fb).ratio() >= REVIEW_SIMILARITY and _may_be_one(a, b):
                    add(a, b, "similar spelling")
    by_iri = {n.iri: n for n in nodes}
    return [s for s in out.values()
            if "two types" in s.reason or _compatible(*(by_iri[e].type for e in s.item["entities"]))]


def _unqualified(label: str) -> str:
    """Return a label without the build's qualifier ("Socialist Party (Spain)": "Socialist Party")."""
    qualified = _QUALIFIED.fullmatch(label)
    return qualified.group(1) if qualified else label


def _last_word(label: str) -> str:
    """Return a label's last word, the build's qualifier set aside ("Socialist Party (Spain)": "Party")."""
    return _unqualified(label).split()[-1]


#: A label's qualifier, which linking adds to tell namesakes apart ("Tarsk (Velt)", "Veltria (women)").
_QUALIFIED = re.compile(r"(.+?) \(([^()]+)\)")

#: Digits that do not belong to a name: a score ("Tarsk 2-1"), a year or a date glued to it ("Velt 2015"),
#: digits alone. Names carry digits of their own ("G7", "Tarsk 04", "Channel 4", "A380").
_JUNK_DIGITS = re.compile(r"\d+\s*[-:\u2013]\s*\d+|(?:^|\s)(?:1[89]|20)\d\d(?:\s|$)|^[\d\W]+$")

#: More capitalized words than this make no name ("Tarsk Board for the Study of Old Coastal Maps" has six; a
#: run of headline words glued together has more).
_MAX_NAME_WORDS = 7


_WORDS = re.compile(r"[^\s()]+")


def _may_be_one(a: Node, b: Node) -> bool:
    """False when two similar names differ where they name different things.

    Two persons' surnames must be spelt alike too ("Vladimir Tarin" is no "Vladimir Marin"); two names that
    differ by a country's or place's name are of two places ("Communist Party of Veltria" and "... of Ostmark",
    "Foreign Ministry (Veltria)" and "Foreign Ministry (Ostmark)", which the build kept apart).
    """
    wa, wb = _WORDS.findall(a.label), _WORDS.findall(b.label)  # a qualifier's brackets are no part of its word
    if a.type == b.type and a.type in (EntityType.Place, EntityType.Country):
        pa, pb = gazetteer.place(a.label), gazetteer.place(b.label)
        if pa is not None and pb is not None and (pa.iso_code, pa.geonames_id) != (pb.iso_code, pb.geonames_id):
            return False  # the gazetteer knows both, as two places ("Olympia" and "Olympic")
    diff = [(x.casefold(), y.casefold()) for x, y in zip(wa, wb) if x != y]
    if len(wa) == len(wb) and len(diff) == 1 and diff[0][0] in _HEADS and diff[0][1] in _HEADS:
        return False  # two head words, two things: "Tarsk Film Academy" and "Tarsk Film Awards"
    if len(wa) == len(wb) and len(diff) == 1 and diff[0][0] in _QUARTERS and diff[0][1] in _QUARTERS:
        return False  # two quarters of one place, two places: "Eastern Velt" and "Western Velt"
    if len(wa) == len(wb) > 1 and len(diff) == 1:
        # One word differs: a misspelling keeps it alike ("Hessen Rail" / "Hesse Rail"), or its stem ("Muslim
        # Brothers" / "Muslim Brotherhood"); two words are two things ("Air France" / "Air Force", "Deutsche
        # Bank" / "Deutsche Bahn", "European Council" / "European Community").
        x, y = fold(diff[0][0]), fold(diff[0][1])
        if SequenceMatcher(None, x, y).ratio() < WORD_SIMILARITY and len(os.path.commonprefix([x, y])) < 5:
            return False
    if len(wa) == len(wb) > 1 and any(
            x[:1].isupper() and y[:1].isupper() and SequenceMatcher(None, fold(x), fold(y)).ratio() < WORD_SIMILARITY
            and len(os.path.commonprefix([fold(x), fold(y)])) < 5 for x, y in zip(wa, wb) if x != y):
        # So does a name word replaced by another where others differ too ("Velt Council of Tarsk Affairs" /
        # "Ostmark Council on Tarsk Affairs": the connective differs as well).
        return False
    if a.type == b.type == EntityType.Person and len(wa) > 1 and len(wb) > 1 \
            and SequenceMatcher(None, fold(wa[-1]), fold(wb[-1])).ratio() < SURNAME_SIMILARITY:
        return False
    qa, qb = _QUALIFIED.fullmatch(a.label), _QUALIFIED.fullmatch(b.label)
    if qa and qb and qa.group(2) != qb.group(2) and gazetteer.place(qa.group(2)) and gazetteer.place(qb.group(2)):
        return False  # the build read them as two countries' bodies
    only_a = {w for w in wa if w not in wb and not w.islower()}
    only_b = {w for w in wb if w not in wa and not w.islower()}
    if len(wa) < 2 or len(wb) < 2 or not only_a or not only_b:
        return True
    pa, pb = {_named_place(w) for w in only_a}, {_named_place(w) for w in only_b}
    return None in pa | pb or bool(pa & pb)  # "Hessen" and "Hesse" are one region


#: Words that say what kind of thing a name is ("Academy", "Awards", "Square"); two names differing in one such
#: word are two things, not one misspelt.
_HEADS = frozenset(w for w in ORG_HEADS | PLACE_HEADS | EVENT_HEADS if len(w) > 2)


#: Words naming a quarter of a place ("Eastern Velt" and "Western Velt" are two regions, spelt alike).
_QUARTERS = frozenset("""north south east west northern southern eastern western northeast northwest southeast
southwest north-east north-west south-east south-west upper lower central inner outer""".split())


def _named_place(word: str):
    """Return the key of the country or sizeable city a word names, or None (a word like "Eastern" names no such)."""
    c = gazetteer.country(word)
    if c is not None:
        return c.iso_code or c.name
    if gazetteer.continent(word):
        return ("continent", gazetteer.norm(word))  # "North America" and "North Africa" are two regions
    city = gazetteer.city(word)
    return city.geonames_id if city is not None and city.population >= PLACE_WORD_POPULATION else None


#: Least population of a city whose name, differing between two names, makes them two places' bodies.
PLACE_WORD_POPULATION = 50_000


def junk(nodes: list[Node]) -> list[Suggestion]:
    """Suggest blocking (or renaming) nodes whose name does not look like a name.

    A name with extra words around another node's name ("Following Tarsk" beside "Tarsk") is merged into it:
    renamed, it would be a second node of that name, which the build numbers ("Tarsk_2") and asks to merge.
    """
    out = []
    by_fold: dict[str, list] = defaultdict(list)
    holding: dict[str, int] = defaultdict(int)  # how many nodes have a word in their name
    for m in nodes:
        by_fold[fold(m.label)].append(m)
        for w in set(fold(m.label).split()):
            holding[w] += 1
    given = _given_names()
    for n in nodes:
        if n.corrected:  # an analyst has seen it already (and may have named it so)
            continue
        # The qualifier is the build's own ("Williams (sport)"): the name before it is what to judge. A doubled
        # name in the graph ("Abdullah Abdullah") was written so on one line, or the build would have cut it.
        label = _unqualified(n.label)
        qualified = label != n.label
        reason = None
        long = len(label) > MAX_NAME_CHARS  # no build makes such a name, and cleaning one costs its words squared
        cleaned = label if long else clean_name(label, n.type, doubled=True)
        if long:
            reason = "too long for a name"
        elif cleaned is None:
            reason = "not a name (lowercase, a title or a connective)"
        elif cleaned != label:
            new = cleaned + n.label[len(label):]
            same = [m for m in by_fold.get(fold(new), ()) if m.iri != n.iri and _compatible(m.type, n.type)]
            if len(same) == 1:
                out.append(Suggestion("junk", n.weight, f"{n.label!r} ({n.type}): extra words around the name of "
                                      f"{same[0].label!r} ({same[0].type}, {same[0].mentions} mentions)",
                                      {"action": "merge", "entities": [same[0].iri, n.iri], "keep": same[0].iri,
                                       "note": f"extra words around the name {same[0].label!r}"}))
                continue
            out.append(Suggestion("junk", n.weight, f"{n.label!r} ({n.type}): extra words around a name",
                                  {"action": "rename", "entity": n.iri, "label": new,
                                   "note": "extra words around the name"}))
            continue
        elif _JUNK_DIGITS.search(label):
            reason = "a score, a year or digits, not a name"
        elif label.casefold() in _GENERIC | TITLES and not qualified:
            reason = "a common noun, not a name"  # "Army (Veltria)" is the build's reading of whose army
        elif sum(w[:1].isupper() for w in label.split()) > _MAX_NAME_WORDS or len(label.split()) > 2 * _MAX_NAME_WORDS:
            reason = "too long for a name"
        elif n.mentions <= 1 and n.edges == 0 and n.articles <= 1 and n.label.isupper() and len(n.label) <= 3 \
                and n.type == EntityType.Person:
            reason = "initials, likely a byline"
        elif _people_word(label):
            reason = "a people's or a party member's word, not a name"
        elif _lone_word(n, given, holding):
            out.append(_weak_junk(n, f"{n.label!r} ({n.type}, {n.mentions} mention): a lone word written once, "
                                  "with no relation, no given name, no place and no longer name in the graph holding "
                                  "it: a word or a thing of another type, or a person to keep" + _sure(n),
                                  "a lone word read as a person once"))
            continue
        elif _unsure(n):
            out.append(_weak_junk(n, f"{n.label!r} ({n.type}, {n.mentions} mention"
                                  f"{'s' if n.mentions != 1 else ''}): the entity model was {n.confidence:.2f} sure "
                                  "it is a name, one article, no relation: a word, a thing of no core type, or a "
                                  "name to keep", "a name the entity model was unsure of"))
            continue
        if reason:
            out.append(Suggestion("junk", n.weight, f"{n.label!r} ({n.type}, {n.mentions} mentions): {reason}",
                                  {"action": "block", "entity": n.iri, "note": reason}))
    return out


#: Below this name confidence (kg:nameConfidence) a node of one article and no relation is listed as likely
#: junk. The build drops a name the model scores 0.3 "none" or more (0.35 written once) unless a rule keeps it, so
#: most kept names stand above 0.65. Chosen on DWIE dwie_0 (150 articles, docs/development.md, stop 72): 0.8 lists
#: 42 such nodes, 8 of them junk; 0.9 lists 118, 18 junk: a lower share right (15 % against 19 %) for a longer list.
LOW_NAME_CONFIDENCE = 0.8

#: Most mentions a node the model was unsure of may have to be listed (a name written often is seldom a word).
UNSURE_MENTIONS = 1


def _unsure(n: Node) -> bool:
    """Return whether the entity model was unsure a node's name is one and nothing else vouches for it."""
    return n.confidence is not None and n.confidence < LOW_NAME_CONFIDENCE and n.articles <= 1 and n.edges == 0 \
        and n.mentions <= UNSURE_MENTIONS


def _weak_junk(n: Node, reason: str, note: str) -> Suggestion:
    """Return a weak suggestion to block a node, listed among the weak by the model's name confidence."""
    return Suggestion("junk", n.weight, reason, {"action": "block", "entity": n.iri, "note": note}, weak=True,
                      rank=_rank(n))


def _rank(n: Node) -> float:
    """Return where a weak suggestion about a node goes among the weak: the model's name confidence, lowest first."""
    return n.confidence if n.confidence is not None else 1.0


def _sure(n: Node) -> str:
    """Return the model's name confidence as a reason's tail ("" in a graph without it)."""
    return f" (the entity model was {n.confidence:.2f} sure it is a name)" if n.confidence is not None else ""


#: First parts of a compound demonym ("Franco-German", "Anglo-Saxon"): no name of their own.
_DEMONYM_PREFIXES = frozenset("franco anglo afro euro sino indo austro russo german greco italo judeo".split())


def _people_word(label: str) -> bool:
    """Return whether a one-word label names a people or a party's member ("Swabians", "Democrat", "Franco-German").

    A country's own name ("Bahamas") and a word no demonym list knows are left alone.
    """
    if " " in label or not label[:1].isupper():
        return False
    parts = label.split("-")
    return all(gazetteer.demonym(p) is not None and gazetteer.country(p) is None
               or p.casefold() in PARTY_MEMBERS or p.casefold() in _DEMONYM_PREFIXES and i < len(parts) - 1
               for i, p in enumerate(parts))


def _lone_word(n: Node, given, holding: dict[str, int]) -> bool:
    """Return whether a person node is one word written once, with nothing that makes it a person's name.

    On 150 DWIE articles six in ten such nodes were no person (a word, a village, a product); a full name
    holding the word ("Strauss" beside "Botho Strauss") makes it a short name, which duplicates lists instead.
    """
    return n.type == EntityType.Person and " " not in n.label and "-" not in n.label and n.mentions <= 1 \
        and n.edges == 0 and n.articles <= 1 and gazetteer.norm(n.label) not in given \
        and gazetteer.place(n.label) is None and gazetteer.country(n.label) is None \
        and holding.get(fold(n.label), 0) <= 1


#: Words before a name that only a person carries ("Prophet Tarvo" is a person whatever extraction typed it).
_HONORIFICS = frozenset("prophet pope sheikh imam ayatollah rabbi mr mrs ms dr sir".split())

#: Words that make a name opening with a given name a building's, a prize's or a body's ("Arvo Hotel", "Lena
#: Prize"), besides the head words of :data:`_HEADS`.
_NOT_A_PERSON = frozenset("hotel hotels centre center prize award awards house hall gallery museum theatre theater "
                          "cup trophy fund brothers sisters".split())


def retypes(nodes: list[Node]) -> list[Suggestion]:
    """Suggest retyping a place named as a person is (a given name, then a name) or a place or body an honorific opens.

    Extraction types such a name a place or an organization now and then ("Detlev Arno" read as a place); a name
    the gazetteer knows, one with a head word ("Arvo Hotel", "Lena Tarsk Institute") or a legal form, and one a
    person node of the same name carries (review suggests that merge) are left alone.
    """
    given = _given_names()
    persons = {fold(n.label) for n in nodes if n.type == EntityType.Person}
    out = []
    for n in nodes:
        if n.type == EntityType.Person or n.corrected or n.retyped or fold(n.label) in persons:
            continue
        words = _unqualified(n.label).split()
        if not 2 <= len(words) <= 3 or any(w.casefold().strip(".") in _HEADS | _NOT_A_PERSON | _LEGAL_FORMS
                                           for w in words):
            continue
        first = words[0].casefold().strip(".")
        if first in _HONORIFICS:
            reason = f"an honorific ({words[0]!r}) before a name: a person, not {_a(n.type).lower()}"
        elif n.type == EntityType.Place and gazetteer.norm(words[0]) in given and words[0][:1].isupper() \
                and words[-1][:1].isupper():
            # A place only: a company is often named after its founder ("Tomas Velk" the publisher)
            reason = f"a given name ({words[0]!r}) and a surname: a person, not {_a(n.type).lower()}"
        else:
            continue
        if gazetteer.place(n.label) is not None or gazetteer.country(n.label) is not None:
            continue  # a place named after a person is still a place ("Charlotte", "San Marino" are places)
        out.append(Suggestion("retype", n.weight, f"{n.label!r} ({n.type}, {n.mentions} mentions): {reason}",
                              {"action": "retype", "entity": n.iri, "type": EntityType.Person, "note": reason}))
    return out


def _apart(merge: dict) -> dict:
    """Return the ``different`` item that keeps a merge item's entities apart."""
    return {"action": "different", "entities": merge["entities"], "note": TWO_THINGS}


def _namesake(merge: Suggestion) -> Suggestion:
    """Return a place and its namesake body's suggestion as the ``different`` item, the merge its alternative."""
    return Suggestion("namesake", merge.impact, merge.reason, _apart(merge.item), alternative=merge.item)


def review(path: str | Path, limit: int | None = 50) -> list[Suggestion]:
    """Return the suggestions for a graph, highest impact first (duplicates, junk and retypes interleaved).

    A place and an organization of one name (:data:`NAMESAKE`: mostly a team the build kept apart on
    purpose) come after the others, by impact among themselves, as the ``different`` item that keeps them
    apart, the merge beside it in the text: on three DWIE corpora of 150 articles 36 of 37 such pairs were
    two things, so pasting every item of ``--json`` merged the team into its country 36 times.
    """
    nodes = read_nodes(path)
    bad = junk(nodes)
    merged = {frozenset(s.item["entities"]) for s in bad if s.item["action"] == "merge"}
    found = [s for s in duplicates(nodes) if frozenset(s.item["entities"]) not in merged] + bad + retypes(nodes)
    found = [_namesake(s) if NAMESAKE in s.reason and s.item["action"] == "merge" else s for s in found]
    # The weak are read from one mention each (impact 1): the entity model's confidence orders them.
    found.sort(key=lambda s: (NAMESAKE in s.reason, s.weak, s.rank if s.weak else 0.0, -s.impact, s.kind,
                              json.dumps(s.item, sort_keys=True)))
    return found[:limit] if limit else found
