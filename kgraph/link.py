"""Linking: mentions of all articles become entities; relations become facts.

Names are merged inside an article first (``extract`` already resolved
surnames and acronyms), then across articles by type and normalised name, a
lone surname joining the one full name of that type it ends. Countries and
places the gazetteer knows take its canonical name and GeoNames data. The
result depends only on the set of extractions, not on their order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from . import gazetteer
from .iri import entity_key
from .model import Entity, Extraction, Fact, KnowledgeBase, Mention

_TYPE_RANK = {"Country": 0, "Person": 1, "Organization": 2, "Place": 3}


def _norm(name: str) -> str:
    return gazetteer.norm(name)


_PRONOUNS = frozenset("he she him her his hers they them it i we you".split())


def _is_name(text: str) -> bool:
    """True for a surface form worth keeping as an alias: not a pronoun ("He" stands for Yerin)."""
    return text.casefold() not in _PRONOUNS and any(ch.isupper() for ch in text[:1])


def _article_types(ex: Extraction) -> dict[str, str]:
    """Give each name one type inside an article: the most frequent one it was tagged with."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in ex.mentions:
        votes[_norm(m.name)][m.type] += 1
    return {n: min(c, key=lambda t: (-c[t], _TYPE_RANK[t])) for n, c in votes.items()}


def _canonical(type_: str, name: str) -> tuple[str, str]:
    """Return (type, canonical name) of a name, the gazetteer's where it knows it."""
    if type_ in ("Country", "Place"):
        c = gazetteer.country(name)
        if c is not None:
            return "Country", c.name
    return type_, name


def link_extractions(extractions: Iterable[Extraction]) -> KnowledgeBase:
    """Merge the extractions of many articles into one knowledge base.

    Args:
        extractions: One extraction per article; an article id seen twice
            keeps its last extraction.
    """
    by_id: dict[str, Extraction] = {}
    for ex in extractions:
        by_id[ex.article.id] = ex
    exs = [by_id[k] for k in sorted(by_id)]

    # 1-2. Corpus-level identity: each kept mention -> its group (see kgraph.identity).
    from .identity import resolve

    res = resolve(exs)
    local = res.mention_group
    clusters = {gid: g.names for gid, g in res.groups.items()}
    cl_articles = {gid: g.articles for gid, g in res.groups.items()}
    cl_aliases = {gid: g.aliases for gid, g in res.groups.items()}

    def target(cid):
        return cid

    # 3. Entities with labels, aliases and gazetteer data; keys unique.
    entities: dict[tuple[str, str], Entity] = {}
    used: set[str] = set()
    for cid in sorted(clusters):
        t = res.groups[cid].type
        counter = clusters[cid]
        label = _choose_label(t, counter)
        key = entity_key(t, label)
        i = 2
        while key in used:
            key = entity_key(t, f"{label} {i}")
            i += 1
        used.add(key)
        names_seen = {n for n in set(counter) | cl_aliases[cid]
                      if n != label and _norm(n) != "" and not gazetteer.is_demonym(n)}
        geo = gazetteer.country(label) if t == "Country" else (gazetteer.place(label) if t == "Place" else None)
        if t == "Country" and geo is not None and geo.iso_code:
            # "Palestinian Territory" (GeoNames) is also "State of Palestine" (ISO): both names are searchable.
            names_seen.update(n for n in gazetteer.country_names(geo.iso_code) if _norm(n) != _norm(label))
        aliases = tuple(sorted(names_seen))
        if geo is not None and geo.type == "Country" and t != "Country":
            geo = None
        entities[cid] = Entity(
            key=key, type=t, label=label, aliases=aliases, articles=tuple(sorted(cl_articles[cid])),
            mentions=sum(counter.values()), same_as=tuple(sorted(
                k for k in (entity_key(st, sn) for st, sn in res.same_as.get(cid, ())) if k != key)),
            geonames_id=geo.geonames_id if geo else None, iso_code=geo.iso_code if geo else None,
            latitude=geo.latitude if geo else None, longitude=geo.longitude if geo else None,
            country_code=geo.country_code if geo and t == "Place" else None)

    # 4. Facts from relations, grouped by (subject, predicate, object).
    grouped: dict[tuple[str, str, str], list] = defaultdict(list)
    for ex in exs:
        for r in ex.relations:
            s = local.get((ex.article.id, r.subject.start, r.subject.end))
            o = local.get((ex.article.id, r.object.start, r.object.end))
            if s is None or o is None:
                continue
            se, oe = entities[target(s)], entities[target(o)]
            if se.key == oe.key:
                continue
            grouped[(se.key, r.predicate, oe.key)].append((ex.article.id, r))
    facts = [Fact(s, p, o, tuple(sorted(ev, key=lambda e: (e[0], e[1].sentence_start, e[1].subject.start))))
             for (s, p, o), ev in grouped.items()]

    # 5. A gazetteer place lies in its country, when that country is in the graph.
    by_iso = {e.iso_code: e for e in entities.values() if e.type == "Country" and e.iso_code}
    for e in entities.values():
        if e.type == "Place" and e.country_code in by_iso and (e.key, "locatedIn", by_iso[e.country_code].key) not in grouped:
            facts.append(Fact(e.key, "locatedIn", by_iso[e.country_code].key, (), method="gazetteer:geonames"))

    return KnowledgeBase(
        articles=tuple(ex.article for ex in exs),
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
        facts=tuple(sorted(facts, key=lambda f: (f.subject, f.predicate, f.object))),
    )


def _choose_label(type_: str, counter: Counter) -> str:
    """Pick the preferred name: the gazetteer's for countries, else the fullest frequent name."""
    candidates = [n for n in counter if not gazetteer.is_demonym(n)] or list(counter)
    if type_ == "Country":
        for n in candidates:
            c = gazetteer.country(n)
            if c is not None:
                return c.name
    if type_ == "Person":
        return max(sorted(candidates), key=lambda n: (len(n.split()), counter[n], len(n)))
    if type_ == "Organization":
        # Prefer a spelled-out name to an acronym, then the most frequent.
        return max(sorted(candidates), key=lambda n: (not n.isupper(), counter[n], len(n)))
    return max(sorted(candidates), key=lambda n: (counter[n], len(n)))


def mention_entity(kb: KnowledgeBase, article_id: str, mention: Mention) -> Entity | None:
    """Return the entity a mention was linked to (slow: for tests and tools)."""
    t, name = _canonical(mention.type, mention.name)
    for e in kb.entities:
        if e.type == t and (_norm(e.label) == _norm(name) or _norm(name) in {_norm(a) for a in e.aliases}):
            return e
    return None
