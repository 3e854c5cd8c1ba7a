"""Linking: mentions of all articles become entities; relations become facts.

Names are merged inside an article first (``extract`` already resolved
surnames and acronyms), then across articles by type and normalised name, a
lone surname joining the one full name of that type it ends. Countries and
places the gazetteer knows take its canonical name and GeoNames data. The
result depends only on the set of extractions, not on their order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache

from kgraph.sources import gazetteer
from kgraph.core.iri import entity_key
from kgraph.core.model import SCORE_CLASSES, SCORE_DIGITS, Entity, Extraction, Fact, KnowledgeBase, Mention, Relation
from kgraph.core.terms import EntityType, Predicate
from kgraph.linking.identity import (NATIONAL_TEAM, _SPORT_READING, _WOMEN_READING, _canonical, _city_named_region,
                                     _city_named_state, articles_per_name, national_team_name)

_TYPE_RANK = {EntityType.Country: 0, EntityType.Person: 1, EntityType.Organization: 2, EntityType.Place: 3}


def _norm(name: str) -> str:
    return gazetteer.norm(name)


def _fold(name: str) -> str:
    """Return a name's lookup key without accents ("Élise Daré" -> "elise dare"): a name typed without them."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", _norm(name)) if not unicodedata.combining(ch))


#: The German way of typing an umlaut without it ("Schroeder" for "Schröder"; ß is "ss" once casefolded).
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _folds(name: str) -> tuple[str, ...]:
    """Return the lookup keys of a name typed without its accents: without them, and with umlauts spelt out.

    "Schröder" is found as "Schroder" and as "Schroeder", "Wolfgang Schaeuble" as "Wolfgang Schäuble".
    """
    spelt = unicodedata.normalize("NFC", _norm(name)).translate(_UMLAUTS)
    return tuple(dict.fromkeys((_fold(name), _fold(spelt))))


def _folded(index: dict, ref: str) -> list:
    """Return what ``index`` (built with :func:`_folds`) holds for a name typed without its accents."""
    return next((hits for key in _folds(ref) if (hits := index.get(key))), [])


def _article_types(ex: Extraction) -> dict[str, str]:
    """Give each name one type inside an article: the most frequent one it was tagged with."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in ex.mentions:
        votes[_norm(m.name)][m.type] += 1
    return {n: min(c, key=lambda t: (-c[t], _TYPE_RANK[t])) for n, c in votes.items()}




def name_evidence(exs: list[Extraction], mention_group: dict) -> dict:
    """Return {group id: (name confidence, type votes)} read from the entity model's scores of the group's mentions.

    The name confidence is 1 - the "none" score, averaged per article, of the article the entity model was surest
    of (one good article makes a name; a mean over every mention ranked review's list the same on DWIE 1-150,
    docs/development.md, stop 72); the type votes sum each core
    type's score over the scored mentions, as (type, votes) in :data:`SCORE_CLASSES` order. Why: review ranks
    likely junk and wrong types by them; the extraction computed them and, before, threw them away.
    """
    sure: dict = defaultdict(lambda: defaultdict(list))
    votes: dict = defaultdict(lambda: [0.0] * (len(SCORE_CLASSES) - 1))
    for ex in sorted(exs, key=lambda ex: ex.article.id):
        aid = ex.article.id
        for m in sorted(ex.mentions, key=lambda m: (m.start, m.end)):  # one summing order: the same bytes each run
            gid = mention_group.get((aid, m.start, m.end))
            if gid is None or m.scores is None:
                continue
            sure[gid][aid].append(1.0 - m.scores[0])
            for i, x in enumerate(m.scores[1:]):
                votes[gid][i] += x
    out = {}
    for gid, by_article in sure.items():
        conf = max(sum(xs) / len(xs) for xs in by_article.values())
        summed = ((t, round(v, SCORE_DIGITS)) for t, v in zip(SCORE_CLASSES[1:], votes[gid]))
        out[gid] = (round(conf, SCORE_DIGITS), tuple((t, v) for t, v in summed if v > 0))
    return out


#: Mentions kept per entity to find it again in a later build (its first in each article, the first articles).
ANCHORS_PER_ENTITY = 8


def link_extractions(extractions: Iterable[Extraction], corrections=None, min_confidence: float = 0.0,
                     published: dict | None = None) -> KnowledgeBase:
    """Merge the extractions of many articles into one knowledge base.

    Args:
        extractions: One extraction per article; an article id seen twice
            keeps its last extraction.
        corrections: A :class:`kgraph.linking.corrections.Corrections` to apply, or None.
        min_confidence: Leave out the statements linking itself makes below this confidence (the
            extractions' own are filtered before, see :func:`kgraph.build.pipeline.filter_confidence`).
        published: The keys an earlier build of the same graph gave, each with its anchor mentions
            (``KnowledgeBase.anchors``): a key this build no longer gives (a grown corpus outvotes a label
            or a type) stays ``owl:sameAs`` of the entity that holds most of its mentions, and corrections
            may name it.
    """
    by_id: dict[str, Extraction] = {}
    for ex in extractions:
        by_id[ex.article.id] = ex
    exs = [by_id[k] for k in sorted(by_id)]

    # 1-2. Corpus-level identity: each kept mention -> its group (see kgraph.linking.identity).
    from kgraph.linking.identity import container_country, resolve, stated_locations

    res = resolve(exs)
    corrections = _without_repeats(corrections)
    carried = _carried_keys(res, published or {})
    forced_label: dict = {}
    notes: dict = defaultdict(list)
    blocked: dict = {}
    kept_keys: dict = {gid: set(keys) for gid, keys in carried.items()}
    removed: list = []
    apart: list = []
    # Each mention's type before the corrections: a correction's losses are the relations it made misfit.
    typed_before = {k: res.groups[g].type for k, g in res.mention_group.items() if g in res.groups} \
        if corrections else {}
    if corrections:
        forced_label, notes, blocked, kept_keys, removed, apart = _apply_entity_corrections(
            res, corrections, {ex.article.id: ex.article.text for ex in exs}, carried)
        # An earlier build's key stays sameAs of the entity that holds its anchor mentions once the items have
        # moved them (a split takes them out of the entity a merge had put them in), not of their first group.
        carried = _carried_keys(res, published or {})
        for gid, keys in carried.items():
            kept_keys[gid] = kept_keys.get(gid, set()) | keys
    local = res.mention_group
    clusters = {gid: g.names for gid, g in res.groups.items()}
    cl_articles = {gid: g.articles for gid, g in res.groups.items()}
    cl_aliases = {gid: g.aliases for gid, g in res.groups.items()}

    def target(cid):
        return cid

    # The countries each article names: the context a place name is read in.
    article_countries: dict[str, set] = defaultdict(set)
    for cid, g in res.groups.items():
        c = gazetteer.country(_choose_label(g.type, g.names)) if g.type == EntityType.Country else None
        if c is None and g.type == EntityType.Place:
            # A first-level region that is no town's name names its country too: "Ontario" beside "Manitoba".
            label = _choose_label(g.type, g.names)
            c = gazetteer.region(label) if gazetteer.city(label) is None else None
            c = gazetteer.country_by_code(c.country_code) if c is not None and c.country_code else None
        if c is not None and c.iso_code:
            for a in g.articles:
                article_countries[a].add(c.iso_code)

    # The countries the articles' own statements put each place in ("Valencia, Spain", "Paris, Texas"): which
    # namesake it is.
    stated: dict = defaultdict(set)
    for _aid, s, o in stated_locations(exs, local):
        if o not in res.groups:
            continue
        code = container_country((o[0], _choose_label(o[0], res.groups[o].names)))
        if code:
            stated[s].add(code)

    # 3. Entities with labels, aliases and gazetteer data; keys unique.
    evidence = name_evidence(exs, res.mention_group)
    entities: dict[tuple[str, str], Entity] = {}
    used: set[str] = set()
    # An entity an analyst renamed (or split off under a label) takes its key after the others: a new label
    # that another entity already carries never takes that entity's IRI.
    relabelled = {cid for cid, lab in forced_label.items() if cid in res.groups and lab != _group_label(res.groups[cid])}
    for cid in sorted(clusters, key=lambda c: (c in relabelled, c)):
        t = res.groups[cid].type
        counter = clusters[cid]
        label = forced_label.get(cid) or _group_label(res.groups[cid])
        key = entity_key(t, label)
        i = 2
        while key in used:
            key = entity_key(t, f"{label} {i}")
            i += 1
        if i > 2 and cid in relabelled:
            import warnings

            made = next((n for n in reversed(notes.get(cid, ())) if re.match(r"#\d+ (?:rename|split) ", n)), None)
            warnings.warn(f"correction{' ' + made if made else ''}: another entity is already "
                          f"{entity_key(t, label)!r}; the corrected one is "
                          f"{key!r} (merge them if they are one thing)", stacklevel=2)
        used.add(key)
        names_seen = {n for n in set(counter) | cl_aliases[cid]
                      if n != label and _norm(n) != "" and not gazetteer.is_demonym(n)}
        # A national team shows that it is one ("Veltria (national team)"); its key stays the name's, and the
        # name stays an altLabel: what the team is called, and how a search or a scorer finds it.
        shown = label if cid in relabelled else _shown_label(res.groups[cid], label)
        if shown != label:
            names_seen.add(label)
        geo = gazetteer.country(label) if t == EntityType.Country else (
            _place_in_context(_choose_label(t, counter) if res.groups[cid].qualifier and not forced_label.get(cid)
                              else label, set().union(*(article_countries[a] for a in cl_articles[cid])),
                              frozenset(stated.get(cid, ())))
            if t == EntityType.Place else None)
        if t == EntityType.Country and geo is not None and geo.iso_code:
            # "Palestinian Territory" (GeoNames) is also "State of Palestine" (ISO): both names are searchable.
            names_seen.update(n for n in gazetteer.country_names(geo.iso_code) if _norm(n) != _norm(label))
        aliases = tuple(sorted(names_seen))
        if geo is not None and geo.type == EntityType.Country and t != EntityType.Country:
            geo = None
        entities[cid] = Entity(
            key=key, type=t, label=shown, aliases=aliases, articles=tuple(sorted(cl_articles[cid])),
            mentions=sum(counter.values()), same_as=_same_as(key, res.same_as.get(cid, ()), kept_keys.get(cid, ())),
            geonames_id=geo.geonames_id if geo else None, iso_code=geo.iso_code if geo else None,
            latitude=geo.latitude if geo else None, longitude=geo.longitude if geo else None,
            country_code=geo.country_code if geo and t == EntityType.Place else None,
            corrections=tuple(notes.get(cid, ())),
            name_confidence=evidence[cid][0] if cid in evidence else None,
            type_votes=evidence[cid][1] if cid in evidence else ())
    # One node per GeoNames place: two nodes sameAs one place would be one thing to a reasoner (OWL-RL merges
    # them, with two labels and counts); the most mentioned keeps the link, the others keep their own readings.
    by_place: dict = defaultdict(list)
    for cid, e in entities.items():
        if e.geonames_id is not None:
            by_place[e.geonames_id].append(cid)
    for cids in by_place.values():
        for cid in sorted(cids, key=lambda c: (-entities[c].mentions, entities[c].key))[1:]:
            entities[cid] = replace(entities[cid], geonames_id=None)
    if corrections or carried:
        # A split can hand back a name a merge had absorbed, a key an earlier build gave can be another entity's
        # now: an entity is never sameAs another one in the graph.
        live = {e.key for e in entities.values()}
        for cid, e in entities.items():
            if live.intersection(e.same_as):
                entities[cid] = replace(e, same_as=tuple(k for k in e.same_as if k not in live))
        # Nor are two entities sameAs one IRI (to a reasoner that makes them one): a name one absorbed and an
        # IRI an earlier build gave the other ("organization/Velmora", after a different item parted the town
        # from its club) stays with the entity holding that IRI's mentions, else with the most mentioned.
        claims: dict = defaultdict(list)
        for cid, e in entities.items():
            for k in e.same_as:
                claims[k].append(cid)
        for k, cids in claims.items():
            if len(cids) > 1:
                keep = min(cids, key=lambda c: (k not in carried.get(c, ()), -entities[c].mentions, entities[c].key))
                for cid in cids:
                    if cid != keep:
                        entities[cid] = replace(entities[cid], same_as=tuple(x for x in entities[cid].same_as if x != k))

    # Entities an analyst said are not one thing (a different item): owl:differentFrom each other.
    differ: dict = defaultdict(set)
    for a, b, _c in apart:
        if a in entities and b in entities and entities[a].key != entities[b].key:
            differ[a].add(entities[b].key)
            differ[b].add(entities[a].key)
    for cid, keys in differ.items():
        entities[cid] = replace(entities[cid], different_from=tuple(sorted(keys)))

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
    by_key = {e.key: e for e in entities.values()}
    facts, outvoted = drop_outvoted_homes(facts, by_key)
    facts, roving = drop_roving_datelines(facts, by_key)

    # 5. A gazetteer place lies in its country, when that country is in the graph.
    by_iso = {e.iso_code: e for e in entities.values() if e.type == EntityType.Country and e.iso_code}
    for e in entities.values():
        if e.type == EntityType.Place and e.country_code in by_iso and (e.key, Predicate.locatedIn, by_iso[e.country_code].key) not in grouped:
            facts.append(Fact(e.key, Predicate.locatedIn, by_iso[e.country_code].key, (), method="gazetteer:geonames"))

    # 6. A state body read in a country ("Interior Ministry (Veltria)") is based in it.
    if HOME_BODY_PRECISION >= min_confidence:
        homed = {(f.subject, f.predicate) for f in facts}
        facts.extend(f for f in _state_body_homes(exs, local, entities) if (f.subject, f.predicate) not in homed)

    if corrections:
        facts = _apply_fact_corrections(facts, entities, corrections, blocked)
        _report_retype_losses(facts, entities, typed_before)

    return KnowledgeBase(
        articles=tuple(ex.article for ex in exs),
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
        anchors=_anchors(res, entities),
        facts=tuple(sorted(facts, key=lambda f: (f.subject, f.predicate, f.object))),
        removed=tuple(removed),
        outvoted=outvoted,
        roving=roving,
    )


_RETYPE_NOTE = re.compile(r"#\d+ (?:retype|merge|different) ")  # the items that can give an entity another type


def _report_retype_losses(facts: list, entities: dict, typed_before: dict | None = None) -> None:
    """Say which relations a retyped or merged entity loses because they no longer fit its type (the graph drops them).

    Each such item warns once with the count and the first three, and the entity's provenance notes it:
    a relation that vanishes because an analyst changed a type (or merged a person into a firm) is never silent.
    ``typed_before`` maps each mention ((article, start, end)) to its entity's type before the corrections: a
    relation whose mentions did not fit without them is dropped whatever the file says and is not put down
    to an item ("Austria coach X" read as citizenOf the team the build made of "Austria", beside a
    ``different`` that keeps the team apart from the country).
    """
    typed_before = typed_before or {}

    def fitted_before(f, end: str, fits) -> bool | None:
        """Whether the relation's mentions at one end fitted before the corrections (None: not known)."""
        types = {typed_before.get((aid, getattr(r, end).start, getattr(r, end).end)) for aid, r in f.evidence}
        if not types or None in types:
            return None
        return any(t in fits for t in types)

    import warnings

    from kgraph.core.model import SIGNATURES

    by_key = {e.key: cid for cid, e in entities.items()}
    lost: dict = defaultdict(list)  # retyped entity -> the relations its new type cannot hold, as short lines
    for f in facts:
        s, o = entities.get(by_key.get(f.subject)), entities.get(by_key.get(f.object))
        if s is None or o is None:
            continue
        dom, rng = SIGNATURES[f.predicate]
        for e, fits, end in ((s, dom, "subject"), (o, rng, "object")):
            if e.type in fits or not any(_RETYPE_NOTE.match(n) for n in e.corrections):
                continue
            if fitted_before(f, end, fits) is not False:  # else dropped whatever the file says: not the item's
                lost[by_key[e.key]].append(f"{s.label} {f.predicate} {o.label}")
    for cid, lines in sorted(lost.items()):
        e = entities[cid]
        item = next(n for n in reversed(e.corrections) if _RETYPE_NOTE.match(n))
        lines = sorted(set(lines))
        shown = ", ".join(lines[:3]) + (f" and {len(lines) - 3} more" if len(lines) > 3 else "")
        what = (f"{len(lines)} relation{'s' * (len(lines) != 1)} that {'do' if len(lines) != 1 else 'does'} "
                f"not fit {_a(e.type)}: {shown}")
        warnings.warn(f"correction {item}: drops {what}", stacklevel=3)
        notes = list(e.corrections)
        notes[len(notes) - 1 - notes[::-1].index(item)] = f"{item}: dropped {what}"
        entities[cid] = replace(e, corrections=tuple(notes))


def _a(type_: str) -> str:
    """Return a type with its indefinite article ("an Organization", "a Place")."""
    return f"{'an' if type_[:1] in 'AEIOU' else 'a'} {type_}"


def _carried_keys(res, published: dict) -> dict:
    """Return group -> the keys an earlier build gave that this one does not, found by their anchor mentions.

    A key goes to the group holding most of its anchors (a mention counts only where it still reads the
    same name: a changed article's offsets may point elsewhere); a key none of whose anchors is held now
    (its articles left, or a block removed it) is not carried.
    """
    out: dict = defaultdict(set)
    for key, anchors in sorted(published.items()):
        votes: Counter = Counter()
        for aid, start, end, name in anchors:
            k = (aid, start, end)
            gid = res.mention_group.get(k)
            if gid is not None and res.mention_names.get(k) == name:
                votes[gid] += 1
        if votes:
            out[min(votes, key=lambda g: (-votes[g], str(g)))].add(key)
    return out


def _anchors(res, entities: dict) -> tuple:
    """Return (key, anchor mentions) for every key the graph gives, its own and its ``owl:sameAs`` ones.

    An entity's anchors are its first mention in each of its first ``ANCHORS_PER_ENTITY`` articles, as
    (article id, start, end, name): enough for a later build to find the entity whatever it is called then.
    """
    first: dict = {}
    for k in sorted(res.mention_group):
        gid = res.mention_group[k]
        if gid in entities and res.mention_names.get(k):
            per = first.setdefault(gid, {})
            if k[0] not in per and len(per) < ANCHORS_PER_ENTITY:
                per[k[0]] = (k[0], k[1], k[2], res.mention_names[k])
    out = []
    for gid, per in first.items():
        e = entities[gid]
        anchors = tuple(per[a] for a in sorted(per))
        out.extend((key, anchors) for key in (e.key, *e.same_as))
    return tuple(sorted(out))


#: The precision of a state body's home (:func:`_state_body_homes`), its statements' confidence: measured on
#: DWIE 1-602 built article by article, 46 of 54 statements in the gold (a rule: nothing was trained on them;
#: parties read the same way were 5 of 16 and are left out, see :func:`kgraph.linking.identity.state_body`).
HOME_BODY_PRECISION = 0.85


def _state_body_homes(exs: list, local: dict, entities: dict) -> list[Fact]:
    """Return basedIn facts of the state bodies identity read in a country, one statement per article.

    Identity reads a state body's generic name in a country ("the Interior Ministry" of a story about
    Veltria, see :func:`kgraph.linking.identity.resolve`) and the label says so; the graph states it too.
    Each statement cites the body's first mention in an article that names the country, and the country's
    mention nearest to it.
    """
    from kgraph.linking.identity import home_reading, state_body

    grouped: dict = defaultdict(list)
    for ex in exs:
        aid = ex.article.id
        by_group: dict = defaultdict(list)
        for m in ex.mentions:
            gid = local.get((aid, m.start, m.end))
            if gid is not None:
                by_group[gid].append(m)
        for gid, ms in sorted(by_group.items()):
            home = home_reading(gid)
            if home is None or gid not in entities or entities[gid].type != EntityType.Organization \
                    or home not in entities or not state_body(gid[1]) or not by_group.get(home):
                continue
            body = min(ms, key=lambda m: m.start)
            country = min(by_group[home], key=lambda m: (abs(m.start - body.start), m.start))
            lo, hi = _sentence_span(ex.article.text, body.start, body.end)
            grouped[(entities[gid].key, entities[home].key)].append((aid, Relation(
                subject=body, predicate=Predicate.basedIn, object=country, confidence=HOME_BODY_PRECISION,
                method="identity:home-country", sentence=ex.article.text[lo:hi], sentence_start=lo,
                sentence_end=hi)))
    return [Fact(s, Predicate.basedIn, o, tuple(ev)) for (s, o), ev in sorted(grouped.items())]


#: Predicates that give an entity's home country: a party, firm or person has one, seldom two.
HOME_PREDICATES = (Predicate.basedIn, Predicate.citizenOf)

#: How many articles must state another home country before a home the model guessed in one article goes.
#: On DWIE 1-602 built as one corpus (models trained on it) and 453-602 (models of 1-452), outvoted 3 to 1
#: removed 11 statements, 10 of them not in the article's gold; 2 to 1 removed 17, 6 of them right.
OUTVOTE = 3


def drop_outvoted_homes(facts: list, entities: dict) -> tuple[list, tuple[str, ...]]:
    """Drop a home country one article's model guessed when the corpus states another one OUTVOTE times as often.

    Returns the facts kept and one line per fact left out ("Tarsk Democrats basedIn Veltria: 1 article,
    Ostmark 12"), for the build's summary. ``entities`` maps entity keys to entities.

    "Tarsk Democrats basedIn Veltria", stated in one story about Veltria that quotes the party, while 12 other
    stories state the party is based in Ostmark: the one guess is the story's country, not the party's. A
    statement a rule made, an analyst asserted or two articles state stays; so does any home of an entity
    with no clear main home.
    """
    homes: dict = defaultdict(list)
    for f in facts:
        o = entities.get(f.object)
        if f.predicate in HOME_PREDICATES and f.evidence and o is not None and o.type == EntityType.Country:
            homes[(f.subject, f.predicate)].append(f)
    gone: dict = {}
    for found in homes.values():
        if len(found) < 2:
            continue
        support = [len({a for a, _r in f.evidence}) for f in found]
        top = max(support)
        best = found[support.index(top)]
        for f, n in zip(found, support):
            if n == 1 and top >= OUTVOTE * n and all(r.method.startswith("model:") for _a, r in f.evidence):
                gone[(f.subject, f.predicate, f.object)] = (
                    f"{entities[f.subject].label} {f.predicate} {entities[f.object].label}: 1 article, "
                    f"{entities[best.object].label} {top}")
    kept = [f for f in facts if (f.subject, f.predicate, f.object) not in gone]
    return kept, tuple(gone[k] for k in sorted(gone))


#: Countries an organization's datelines must name before its dateline homes go: a wire service files from
#: everywhere ("BANGKOK, Thailand (AP)", "LIMA, Peru (AP)"), a national agency from home.
ROVING_COUNTRIES = 2

#: Towns and regions (no country) an organization's datelines must name, in one country, before its dateline
#: homes go: "AUSTIN, Texas (AP)", "LUBBOCK, Texas (AP)" make no agency based in three places.
ROVING_PLACES = 3


def drop_roving_datelines(facts: list, entities: dict) -> tuple[list, tuple[str, ...]]:
    """Drop the dateline homes of an organization whose datelines, across the corpus, name several countries or towns.

    Returns the facts kept and one line per organization ("AP: datelines in 3 countries"), for the build's
    summary. ``entities`` maps entity keys to entities.

    `rule:dateline` reads "SOFIA, May 3 (Tarsk News Agency)" as the agency based in Sofia, as CoNLL04
    annotates it (17 of 29 "(AP)" datelines of its training sentences), and a national agency's datelines
    are mostly at home. An agency whose stories are filed from two countries or more is a wire service
    reporting from where the news is: "AP basedIn Bangkok, Lima, Nairobi" would be a false hub. A home that
    any other statement gives stays.
    """
    read = {i: [_from_dateline(r) for _a, r in f.evidence]  # per basedIn fact, which statements a dateline gave
            for i, f in enumerate(facts) if f.predicate == Predicate.basedIn}
    countries: dict = defaultdict(set)
    places: dict = defaultdict(set)
    for i, flags in read.items():
        o = entities.get(facts[i].object)
        if o is not None and any(flags):
            code = o.iso_code if o.type == EntityType.Country else o.country_code
            if code:
                countries[facts[i].subject].add(code)
            if o.type != EntityType.Country:
                places[facts[i].subject].add(facts[i].object)
    roving = {s for s, codes in countries.items() if len(codes) >= ROVING_COUNTRIES}
    roving |= {s for s, found in places.items() if len(found) >= ROVING_PLACES}
    kept = [f for i, f in enumerate(facts) if not (f.subject in roving and read.get(i) and all(read[i]))]
    return kept, tuple(f"{entities[s].label}: datelines in {len(countries[s])} countries"
                       if len(countries[s]) >= ROVING_COUNTRIES else
                       f"{entities[s].label}: datelines in {len(places[s])} places" for s in sorted(roving))


#: A dateline up to its agency's opening bracket: "TARSK, Veltria (", "Tarsk, May 3 (", "TARSK, Va. (" (a state's
#: abbreviation) at a sentence's start.
_DATELINE_HEAD = re.compile(r"\s*[A-Z](?:[^()\n.!?;]|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z][a-z]{2})\."
                            r"|(?<=\b[A-Z][a-z]{3})\.|(?<=\b[A-Z][a-z]{4})\.){0,60}\(\s*")


def _from_dateline(r) -> bool:
    """True for a statement read from a dateline: the agency in brackets after the place it files from.

    By `rule:dateline`, or by the document model, which reads that rule's output as a feature.
    """
    if r.method == "rule:dateline":
        return True
    head = r.subject.start - r.sentence_start
    if not 0 < head <= len(r.sentence):
        return False
    line = r.sentence.rfind("\n", 0, head) + 1  # a byline or headline the parser left in the sentence
    return r.sentence_start + line <= r.object.start < r.subject.start \
        and _DATELINE_HEAD.fullmatch(r.sentence[line:head]) is not None \
        and r.sentence[head + r.subject.end - r.subject.start:].lstrip().startswith(")")


@cache
def _primary_places() -> dict[str, int]:
    """Return the gazetteer row of each place's own name (not an alternate name), the most populous first."""
    rows, _index = gazetteer._place_rows()  # noqa: SLF001 - the compiled table; its public lookup mixes in alternate names
    out: dict[str, int] = {}
    for i, row in enumerate(rows):
        out.setdefault(gazetteer.norm(row[0]), i)
    return out


#: People below which a town in a country its articles never name is not taken for a name they write.
SMALL_ABROAD = 50_000


def _place_in_context(label: str, countries: set, stated: frozenset = frozenset()):
    """Return the gazetteer place a name denotes in articles naming these countries (ISO codes), or None.

    A city of that own name in a country the articles state it lies in
    (``stated``, ISO codes of their locatedIn statements, a US state's or a
    region's country included) beats a larger namesake ("Valencia, Spain",
    "Paris, Texas"). Else a place's own name beats another place's alternate
    name ("Islamabad" is the capital, not a city once called so); a reading in
    a country the articles name beats one elsewhere; an alternate-name reading
    from a country the articles do not name is dropped ("Borno" beside
    Nigeria). A first-level region in a country the articles name beats a town
    of that name in a country they do not name ("Ontario" beside Canada).
    """
    stem = label[:-len(" State")] if label.endswith(" State") else None
    if stem is not None and gazetteer.us_state_name(stem):
        return gazetteer.place(stem)  # "Washington State": identity names a state so where its city shares the name
    if stem is not None and _city_named_region(stem):
        return gazetteer.region(stem)  # "Sao Paulo State", the region, not its capital city
    if _city_named_state(label):
        # bare "Washington" is the city: identity renamed the stories that write the state "Washington State"
        return next(c for c in gazetteer.cities_named(label) if c.country_code == "US")
    found = gazetteer.place(label)
    if found is None or found.type == EntityType.Country:
        return found
    key = gazetteer.norm(label)
    if stated and found.country_code not in stated:
        # "Valencia, Spain" is the Spanish city, not the larger Venezuelan one; "Paris, Texas" the American
        # Paris. Only where the articles say so: a country merely named ("Moscow" in a story naming the US
        # alone) is no reason for Moscow, Idaho.
        here = next((c for c in gazetteer.cities_named(label) + gazetteer.regions_named(label)
                     if c.country_code in stated), None)  # "Pakistan's Punjab": its province, not India's state
        if here is not None:
            return here
    own = gazetteer.norm(found.name) == key
    if own and (not countries or found.country_code in countries):
        return found
    region = gazetteer.region(label)
    if region is not None and region.country_code in countries and found.country_code not in countries:
        return region  # "Ontario" beside Canada is the province, not the Californian town
    if countries and found.country_code not in countries and found.population < SMALL_ABROAD \
            and not any(c.country_code in countries for c in gazetteer.cities_named(label)):
        # "the island of Tarsa" in a story naming only Veltria is no small town of that name in a country the
        # story never names: leave it unplaced rather than place it there
        return None
    row = _primary_places().get(key)
    if row is not None:
        primary = gazetteer._place_row(row)  # noqa: SLF001
        if primary.country_code in countries or found.country_code not in countries:
            return primary
    if region is not None and region.country_code in countries:
        return region
    if countries and found.country_code not in countries and not own:
        return None
    return found


class _Refs:
    """Find the group an analyst names: by IRI, key, label or alias (label first, then the most mentioned)."""

    def __init__(self, res):
        from kgraph.core.iri import ENTITY_BASE

        self.base = ENTITY_BASE
        self.res = res
        self.redirect: dict = {}
        self.by_key: dict = {}
        self.key_of: dict = {}  # group -> the key it was last given (its IRI in the graph: "place/Tarsk_2")
        self.by_label: dict = defaultdict(list)
        self.by_alias: dict = defaultdict(list)
        self.by_folded: dict = defaultdict(list)  # labels and aliases without accents: the last resort
        for gid in sorted(res.groups):
            self.add(gid)
        for gid, absorbed in res.same_as.items():
            for st, sn in absorbed:
                self.by_key.setdefault(entity_key(st, sn), gid)

    def add(self, gid, label: str | None = None) -> None:
        g = self.res.groups[gid]
        self.name(gid, label or _group_label(g))
        shown = label or _shown_label(g, _group_label(g))
        if gid not in self.by_label[_norm(shown)]:
            # the label the graph shows ("Veltria (national team)") names it as its key's label does
            self.by_label[_norm(shown)].append(gid)
            for key in _folds(shown):
                self.by_folded[key].append(gid)
        for n in set(g.names) | g.aliases:
            self.by_alias[_norm(n)].append(gid)
            for key in _folds(n):
                self.by_folded[key].append(gid)

    def name(self, gid, label: str) -> None:
        """Let a label, and the key the graph gives it, name ``gid`` (its first label, a new one, a new type).

        A key another live entity holds as its own gets a number, as in the graph ("place/Tarsk_2"), so later
        items find an entity by the IRI the analyst reads in the graph. A key that is only an ``owl:sameAs``
        (of an entity a merge absorbed, or one renamed since) goes to the entity now labelled so, as in the
        graph: a split that hands a merged-away name back gives it its IRI.
        """
        t, i = self.res.groups[gid].type, 2
        key = entity_key(t, label)
        while (owner := self.by_key.get(key)) is not None and owner != gid and owner in self.res.groups \
                and self.key_of.get(owner) == key:
            key, i = entity_key(t, f"{label} {i}"), i + 1
        self.by_key[key] = gid
        self.key_of[gid] = key
        if gid not in self.by_label[_norm(label)]:
            self.by_label[_norm(label)].append(gid)
            for key in _folds(label):
                self.by_folded[key].append(gid)

    def hits(self, ref: str) -> list:
        """Return the groups a reference names: by key or IRI, else label, else alias, else either without accents."""
        key = ref[len(self.base):] if ref.startswith(self.base) else ref
        if key in self.by_key:
            return [self.by_key[key]]
        return (self.by_label.get(_norm(ref)) or self.by_alias.get(_norm(ref))
                or _folded(self.by_folded, ref))

    def absorbed_into(self, ref: str, gid) -> bool:
        """Return whether ref names ``gid`` only as an entity an earlier merge absorbed into it."""
        hits = self.hits(ref)
        return bool(hits) and gid not in hits and any(self.find(h) == gid for h in hits)

    def find(self, gid):
        while gid in self.redirect:
            gid = self.redirect[gid]
        return gid

    def candidates(self, ref: str) -> list:
        """Return the live groups a reference names, the most mentioned first."""
        hits = self.hits(ref)
        live = [g for g in dict.fromkeys(self.find(h) for h in hits) if g in self.res.groups]
        return sorted(live, key=lambda g: (sum(self.res.groups[g].names.values()), g), reverse=True)

    def readings(self, ref: str) -> list:
        """Return every live group a name may mean: those it labels, then those it is an alias of (no key or IRI)."""
        key = ref[len(self.base):] if ref.startswith(self.base) else ref
        if key in self.by_key and _KEY_REF.fullmatch(key):
            return []
        hits = (self.by_label.get(_norm(ref), []) + self.by_alias.get(_norm(ref), [])
                or _folded(self.by_folded, ref))
        live = [g for g in dict.fromkeys(self.find(h) for h in hits) if g in self.res.groups]
        return sorted(live, key=lambda g: (sum(self.res.groups[g].names.values()), g), reverse=True)

    def get(self, ref: str):
        """Return the live group a reference names (the most mentioned of several), or None."""
        live = self.candidates(ref)
        return live[0] if live else None


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*")


def _sentence_around(text: str, start: int, end: int) -> str:
    """Return the sentence of text that holds the span start:end, where a split looks for its context words.

    A punctuation split, but the dot of an initial, a title or a month before its day ends no sentence:
    "Kim joined the U.S. club" is one sentence, so a split by the context "club" finds Kim there.
    """
    lo, hi = _sentence_span(text, start, end, _ends_sentence)
    return text[lo:hi]


#: A word whose dot ends no sentence: an initial ("U.S.", "George W. Bush"), a title before a name ("Dr.",
#: "Sen."), a month before its day ("Sept. 11").
_NO_END = re.compile(r"(?:(?<![^\W\d_])[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Gen|Gov|Rep|Lt|Col|Capt|Sgt|Jr|Sr))\.\Z")
_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\Z")


def _ends_sentence(text: str, m: re.Match) -> bool:
    """Return whether a match of :data:`_SENTENCE_END` ends a sentence (not the dot of "U.S." or "Dr.")."""
    if text[m.start() - 1:m.start()] != "." or m.group().count("\n"):
        return True
    before = max(0, m.start() - 6)
    return not (_NO_END.search(text, before, m.start())
                or _MONTH.search(text, before, m.start()) and text[m.end():m.end() + 1].isdigit())


def _every_end(_text: str, _m: re.Match) -> bool:
    return True


def _sentence_span(text: str, start: int, end: int, ends=_every_end) -> tuple[int, int]:
    """Return the offsets of the sentence of text that holds the span start:end (a plain punctuation split).

    ``ends`` says whether a match of :data:`_SENTENCE_END` ends a sentence (each does by default).
    The sentence ends of a text are found once (:func:`_sentence_ends`): scanning the text from its start for
    each mention cost a split by context the square of an article's length (4,000 mentions in 116 kB: 49 s).
    """
    every, starts, stops = _sentence_ends(text, ends)
    i = bisect_left(every, (start, start))  # the first match starting at or after the span
    j = bisect_left(every, (end, end))
    if (i and every[i - 1][1] > start) or (j and every[j - 1][1] > end):
        return _sentence_span_scan(text, start, end, ends)  # a match straddles the span's edge: read as before
    i, j = bisect_right(stops, start), bisect_left(starts, end)
    return (stops[i - 1] if i else 0), (starts[j] if j < len(starts) else len(text))


@lru_cache(maxsize=4)
def _sentence_ends(text: str, ends) -> tuple[list, list[int], list[int]]:
    """Return every match of :data:`_SENTENCE_END` in text as (start, end), and the starts and ends of those
    ``ends`` accepts."""
    every = [(m.start(), m.end(), ends(text, m)) for m in _SENTENCE_END.finditer(text)]
    return [(a, b) for a, b, _ok in every], [a for a, _b, ok in every if ok], [b for _a, b, ok in every if ok]


def _sentence_span_scan(text: str, start: int, end: int, ends) -> tuple[int, int]:
    """:func:`_sentence_span` read by scanning the text up to the span (exact where a match straddles its edge)."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        if ends(text, m):
            lo = m.end()
    m = next((m for m in _SENTENCE_END.finditer(text, end) if ends(text, m)), None)
    return lo, m.start() if m else len(text)


def _context_pattern(words: tuple[str, ...]) -> re.Pattern:
    """Return a pattern matching any of the words or phrases as whole words, case folded."""
    alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


def _without_repeats(corrections):
    """Return the corrections without an item that repeats an earlier one, each skipped with a warning.

    A file pasted into twice, or two analysts' files joined, repeats items: applied again, a split would part
    the split-off entity and an assert or a retype would be recorded twice, under two item numbers.
    """
    import warnings

    if not corrections:
        return corrections
    seen: dict = {}
    kept = []
    for c in corrections.items:
        # Written as the file wrote it, but for white space and the order of a list: a key's case is its own.
        same = tuple((f, tuple(sorted(" ".join(x.split()) for x in v)) if isinstance(v, (list, tuple))
                      else " ".join(v.split()) if isinstance(v, str) else v)
                     for f, v in sorted(c.as_item().items()))  # a note of its own makes an item no repeat
        if same in seen:
            warnings.warn(f"correction {c.describe()}: repeats #{seen[same].index + 1}; skipped", stacklevel=3)
            continue
        seen[same] = c
        kept.append(c)
    return replace(corrections, items=tuple(kept))


def _story_kind_readings(groups: dict) -> dict:
    """Return each group's groups the build parted off by kind of story ("Orvell (sport)" of "Orvell")."""
    out: dict = defaultdict(list)
    for g in sorted(groups, key=str):
        if isinstance(g, tuple) and len(g) > 1 and g[-1:] in (_SPORT_READING, _WOMEN_READING):
            out[g[:-1]].append(g)
    return out


def _apply_entity_corrections(res, corrections, texts: dict,
                              carried: dict | None = None) -> tuple[dict, dict, dict, dict, list, list]:
    """Apply merges, splits, renames, retypes, blocks and pairs kept apart (``different``) to the groups in place.

    Returns the forced labels and the notes of the groups, what the blocks
    removed (each blocked entity's key, label and names, case folded -> the
    block item), so that a later item naming one says why it is skipped, the
    keys each kept group answers for (those the items made it; not ``carried``), and one line per entity a block removed
    (the graph's provenance records it: no entity is left to carry it), and the pairs of groups ``different``
    items keep apart (each with its item; a pair the build had joined is split first, by the names of its
    mentions). A merge of entities a ``different`` item keeps apart, before or after it in the file, is
    skipped with a warning: an analyst who said two things are not one is not overruled by a merge.
    An item naming an entity the corpus does not hold is skipped with a warning.
    A split by context reads each mention's sentence in ``texts`` (article id -> text); ``carried`` (group
    -> keys an earlier build gave it) lets an item name a group by an IRI the graph gave before.
    """
    import warnings

    from kgraph.linking.identity import Group

    refs = _Refs(res)
    for gid, keys in sorted((carried or {}).items(), key=lambda kv: str(kv[0])):
        for key in sorted(keys):
            refs.by_key.setdefault(key, gid)
    given = set(refs.by_key)  # the keys the graph gives or gave before the items: the only old IRIs to keep
    forced: dict = {}
    notes: dict = defaultdict(list)
    blocked: dict = {}  # key or case-folded name of a blocked entity -> the block item
    removed: list[str] = []  # "#2 block However: removed organization/However (3 mentions in 2 articles)"
    extra_same: dict = defaultdict(set)  # group -> keys a merge named that the graph no longer holds
    members: dict = defaultdict(list)  # group -> its mentions: each item costs its own mentions, not all
    for k, v in sorted(res.mention_group.items()):
        members[v].append(k)
    slugs = None  # the articles by id and IRI slug, made for the first split that names articles
    apart: list = []  # (group, group, item) of each pair a different item keeps apart
    differents = corrections.of("different")
    readings_of = _story_kind_readings(res.groups)  # looked up per block: a file may hold 100,000 items

    def need(c, ref):
        live = refs.candidates(ref)
        if not live:
            _warn_missing(c, ref, blocked)
            return None
        if len(live) > 1:
            _warn_ambiguous(c, ref, [refs.key_of[g] for g in live], "applied to")
        return live[0]

    def label_of(gid):
        g = res.groups[gid]
        return forced.get(gid) or _group_label(g)

    def shown_of(gid):
        g, label = res.groups[gid], label_of(gid)
        return label if label != _group_label(g) else _shown_label(g, label)  # a renamed one shows its new label

    def absorb(keep, g, old_label=None):
        """Move group ``g`` into ``keep``: its mentions, names and notes; its label and IRI become owl:sameAs."""
        old_label = old_label or label_of(g)
        src, dst = res.groups.pop(g), res.groups[keep]
        res.same_as.setdefault(keep, set()).update({(src.type, old_label)} | res.same_as.pop(g, set()))
        extra_same[keep].add(refs.key_of[g])  # a numbered IRI ("place/Tarsk_2") too
        extra_same[keep] |= extra_same.pop(g, set())  # and what it kept: a later split finds them here
        dst.names.update(src.names)
        dst.name_articles.update(src.name_articles)
        dst.aliases |= src.aliases | set(src.names) | {old_label}
        dst.articles |= src.articles
        members[keep].extend(members.pop(g, []))
        refs.redirect[g] = keep
        notes[keep].extend(notes.pop(g, []))

    for c in corrections.items:
        if c.action in ("reject", "assert"):
            continue
        if c.action == "merge":
            # An IRI (or key) the graph no longer holds, say because a larger corpus now joins it by itself,
            # stays an owl:sameAs of the entity it was merged into, so links from outside keep resolving.
            gone = [r for r in c.entities if _KEY_REF.fullmatch(_key_ref(r)) and not refs.candidates(r)
                    and _key_ref(r) not in blocked]
            found = [need(c, r) for r in c.entities if r not in gone]
            gids = list(dict.fromkeys(g for g in found if g is not None))
            if len(gids) == 1 and gone:
                extra_same[gids[0]].update(_key_ref(r) for r in gone)
                warnings.warn(f"correction {c.describe()}: {', '.join(map(repr, gone))} is no longer in the graph; "
                              f"{refs.key_of[gids[0]]!r} keeps it as owl:sameAs",
                              stacklevel=2)
                notes[gids[0]].append(c.provenance())
            if not gids:
                for r in gone:  # a key no entity holds, beside none that the graph holds: nothing to keep it
                    _warn_missing(c, r, blocked)
            clash = next(((d, a, b) for d in differents for a, b in _pairs_apart(d, refs, gids, apart)), None)
            if clash is not None:
                d, a, b = clash
                warnings.warn(f"correction {c.describe()}: {refs.key_of[a]!r} and {refs.key_of[b]!r} are kept "
                              f"apart by {d.describe()}; the merge is skipped", stacklevel=2)
                continue
            if len(gids) < 2:
                if len(gids) == 1 and not gone and all(g is not None for g in found):
                    warnings.warn(f"correction {c.describe()}: every name is "
                                  f"{refs.key_of[gids[0]]!r} already; "
                                  f"nothing to merge", stacklevel=2)
                    # Still the analyst's word on that entity: a grown corpus that joins the names itself
                    # must not wipe the item from its provenance.
                    notes[gids[0]].append(c.provenance())
                continue
            keep = refs.get(c.keep) if c.keep else None
            if keep not in gids:
                keep = min(gids, key=lambda g: (-sum(res.groups[g].names.values()), str(g)))
                if c.keep:
                    warnings.warn(f"correction {c.describe()}: keep {c.keep!r} is none of the merged entities; "
                                  f"kept {entity_key(res.groups[keep].type, label_of(keep))!r}, the most mentioned",
                                  stacklevel=2)
            kinds = sorted({res.groups[g].type for g in gids})
            if len(kinds) > 1:
                warnings.warn(f"correction {c.describe()}: merges entities of {' and '.join(kinds)} types; the "
                              f"merged one is {_a(res.groups[keep].type)}, the type of {label_of(keep)!r}",
                              stacklevel=2)
            forced[keep] = label_of(keep)  # the kept entity keeps its label, so its IRI
            extra_same[keep].update(_key_ref(r) for r in gone)
            for g in gids:
                if g != keep:
                    absorb(keep, g)
            notes[keep].append(c.provenance())
        elif c.action == "split":
            live = refs.candidates(c.entity)
            if not live:
                _warn_missing(c, c.entity, blocked)
                continue
            if slugs is None:
                slugs = _article_slugs(texts)
            found = {a: _article_ref(a, texts, slugs) for a in c.articles}
            arts = set(found.values())
            unknown = sorted(a for a, aid in found.items() if aid not in texts)
            if unknown:
                more = f" and {len(unknown) - 10:,} more" if len(unknown) > 10 else ""
                warnings.warn(f"correction {c.describe()}: no article {', '.join(map(repr, unknown[:10]))}{more} in "
                              "the graph", stacklevel=2)
            pattern = _context_pattern(c.context) if c.context else None

            def movable(g):
                return [k for k in members[g] if (not arts or k[0] in arts)
                        and (pattern is None or pattern.search(_sentence_around(texts[k[0]], k[1], k[2])))]

            # Of the entities a name may mean (its label's, then its alias's: "Tarsk" the town, and the club
            # "Hollin Tarsk" its match reports call so), the most mentioned one named in those articles or
            # that context; none: the most mentioned, and the warning below.
            readings = live + [g for g in refs.readings(c.entity) if g not in live]
            gid, moved = next(((g, m) for g in readings if (m := movable(g))), (live[0], []))
            if len(live) > 1 or gid != live[0]:
                keys = [refs.key_of[g] for g in
                        [gid] + [g for g in (live if gid in live else [gid, *live]) if g != gid]]
                _warn_ambiguous(c, c.entity, keys, "split" if moved else "tried",
                                "the one named there" if gid != live[0] else None)
            if refs.absorbed_into(c.entity, gid):
                _warn_absorbed(c, refs, gid, "the split parts its mentions off that merged entity")
            src = res.groups[gid]
            if not moved:
                where = " and ".join(w for w, on in (("those articles", arts), ("that context", c.context)) if on)
                warnings.warn(f"correction {c.describe()}: {c.entity!r} is not named in {where}; skipped",
                              stacklevel=2)
                continue
            moved_set = set(moved)
            new_type = c.type or src.type
            new_id = ("split", gid, tuple(sorted(arts)), tuple(sorted(c.context)), c.label or "")
            new = res.groups[new_id] = Group(new_type)
            for k in moved:
                res.mention_group[k] = new_id
            old_label = label_of(gid)
            members[gid] = [k for k in members[gid] if k not in moved_set]
            members[new_id] = moved
            # Names and articles are recounted from the mentions that stay and go; a name only the moved
            # mentions carry is no longer an alias of the entity they left.
            _recount(res, {g: members[g] for g in (gid, new_id)})
            src.aliases -= set(new.names) - set(src.names)
            if not members[gid]:
                # Every mention moved: the new entity replaces the old one, whose IRI it keeps as sameAs.
                res.groups.pop(gid)
                res.same_as[new_id] = {(src.type, old_label)} | res.same_as.pop(gid, set())
                extra_same[new_id].add(refs.key_of[gid])
                members.pop(gid)
                refs.redirect[gid] = new_id
                notes[new_id].extend(notes.pop(gid, []))
            if c.label:
                forced[new_id] = c.label
                new.names[c.label] += 0
            elif new_type == src.type:
                # The moved mentions' own name labels them where it is not the name that stays: a split after a
                # merge hands the absorbed entity back its name, so its IRI, without a label.
                own = _split_off_name(c.entity, new, res.same_as.get(gid, ()))
                forced[new_id] = (old_label if gid not in res.groups
                                  else own if own and _norm(own) != _norm(old_label)
                                  and _norm(own) not in map(_norm, src.names)
                                  else f"{old_label} ({', '.join(sorted(arts & set(texts)) + sorted(c.context))})")
            # Aliases only the moved mentions explain go with them ("Pekkala" with "Jonas Pekkala").
            mine = (set(src.aliases) if gid not in res.groups else
                    {a for a in src.aliases if _explained_by(a, new.names) and not _explained_by(a, src.names)})
            src.aliases -= mine
            new.aliases |= mine
            if gid in res.groups:
                # A name a merge absorbed whose mentions all moved goes with them, and so does its IRI: the entity
                # left holds none of them, so it is no longer owl:sameAs that name's entity.
                left = {_norm(n) for n in src.names}
                went = {(t, n) for t, n in res.same_as.get(gid, ()) if _norm(n) in map(_norm, new.names)
                        and _norm(n) not in left}
                if went:
                    res.same_as[gid] -= went
                    res.same_as.setdefault(new_id, set()).update(went)
                    keys = {entity_key(t, n) for t, n in went}
                    extra_same[new_id] |= extra_same[gid] & keys
                    extra_same[gid] -= keys
            notes[new_id].append(c.provenance())
            if gid in res.groups:
                notes[gid].append(c.provenance())
            refs.add(new_id, forced.get(new_id))
        elif c.action == "rename":
            gid = need(c, c.entity)
            if gid is None:
                continue
            if refs.absorbed_into(c.entity, gid):
                _warn_absorbed(c, refs, gid, "the rename gives that merged entity the new label")
            g = res.groups[gid]
            res.same_as.setdefault(gid, set()).add((g.type, label_of(gid)))
            extra_same[gid].add(refs.key_of[gid])
            g.aliases.add(label_of(gid))  # the old label still finds the entity
            forced[gid] = c.label
            notes[gid].append(c.provenance())
            refs.name(gid, c.label)
        elif c.action == "retype":
            gid = need(c, c.entity)
            if gid is None:
                continue
            if refs.absorbed_into(c.entity, gid):
                _warn_absorbed(c, refs, gid, "the retype changes that merged entity's type")
            g = res.groups[gid]
            namesake = refs.by_key.get(entity_key(c.type, label_of(gid)))
            if g.type != c.type and namesake is not None and namesake != gid and namesake in res.groups \
                    and refs.key_of.get(namesake) == entity_key(c.type, label_of(gid)):
                # "Veltria (national team)" retyped a country beside the country "Veltria": the analyst says it is
                # that country, so it joins it (as a merge would) instead of becoming a second "Veltria", "_2"
                warnings.warn(f"correction {c.describe()}: {label_of(gid)!r} as {_a(c.type)} is "
                              f"{refs.key_of[namesake]!r}, which it joins", stacklevel=2)
                old_key = refs.key_of[gid]
                absorb(namesake, gid)
                if old_key != refs.key_of[namesake]:
                    extra_same[namesake].add(old_key)
                notes[namesake].append(c.provenance())
                continue
            if g.type != c.type:
                res.same_as.setdefault(gid, set()).add((g.type, label_of(gid)))
                extra_same[gid].add(refs.key_of[gid])
                g.type = c.type
                refs.name(gid, label_of(gid))
            notes[gid].append(c.provenance())
        elif c.action == "different":
            gids: list = []
            typed: list = []  # per group of gids, the type the key that named it gives ("place/Leon"), or None
            done: list = []  # the names found so far, for a pair the build joined
            wanted = list(dict.fromkeys(c.entities))
            # IRIs and keys first: "Stuttgart" beside "organization/Stuttgart" is the other Stuttgart, the town.
            wanted.sort(key=lambda r: not _KEY_REF.fullmatch(_key_ref(r)))
            for ref in wanted:
                key_type = _key_type(ref)
                named = _key_name(ref) if not refs.candidates(ref) else None
                if named and refs.candidates(named):
                    # An IRI no entity holds now ("place/Leon": the corpus joined that Leon to another, and this
                    # build has no earlier one's memory of it) is read as its name, which the build parts.
                    warnings.warn(f"correction {c.describe()}: no entity {ref!r} in the graph; read as the name "
                                  f"{named!r}", stacklevel=2)
                    ref = named
                live = refs.candidates(ref)
                if not live:
                    _warn_missing(c, ref, blocked)
                    continue
                # A name several entities carry (a town and its club, both "Hamburg") names, of them, the one
                # the item's other names do not.
                gid = next((g for g in live if g not in gids), live[0])
                if len(live) > 1:
                    _warn_ambiguous(c, ref, [refs.key_of[gid]] + [refs.key_of[g] for g in live if g != gid],
                                    "kept apart", "one the other names do not name" if gid != live[0] else None)
                if gid in gids:  # the build joined two of them: the mentions that read one name go apart
                    parted = _split_by_name(c, ref, done, gid, res, refs, members, forced, notes)
                    done.append(ref)
                    if parted is None:
                        continue
                    gids[gids.index(gid)] = parted[1]
                    gid = parted[0]
                done.append(ref)
                if gid not in gids:
                    gids.append(gid)
                    typed.append(key_type)
            for g, t in zip(gids, typed):
                # The part a key named, parted from a group of another type, is of the key's type: "place/Velmora"
                # parted from the club "Velmora FC" the corpus joined it to is the town again, under that IRI.
                if t and t != res.groups[g].type and isinstance(g, tuple) and g[:1] == ("different",) \
                        and g[2] == c.index:
                    res.groups[g].type = t
                    refs.name(g, label_of(g))
            if len(gids) < 2:
                if len(wanted) < 2:
                    warnings.warn(f"correction {c.describe()}: names one entity twice; name the two by their "
                                  "keys (as `kgraph review` prints them) to keep them apart", stacklevel=2)
                continue
            for i, a in enumerate(gids):
                for b in gids[i + 1:]:
                    apart.append((a, b, c))
            for g in gids:
                if c.provenance() not in notes[g]:
                    notes[g].append(c.provenance())
        elif c.action == "block":
            gid = need(c, c.entity)
            if gid is None:
                continue
            if refs.absorbed_into(c.entity, gid):
                _warn_absorbed(c, refs, gid, "the block removes that whole entity")
            elif not _KEY_REF.fullmatch(_key_ref(c.entity)) \
                    and not set(_folds(c.entity)) & {*_folds(label_of(gid)), *_folds(shown_of(gid))}:
                # A short name or acronym the build joined to the entity ("ECB" of "European Central Bank"): the
                # block takes the entity it names, every mention of it, which the analyst may not have meant.
                warnings.warn(f"correction {c.describe()}: {c.entity!r} is another name of {refs.key_of[gid]!r} "
                              f"({label_of(gid)!r}); the block removes that whole entity", stacklevel=2)
            # The name's other story-kind readings go too: a junk name is junk in a match report as well, and
            # a grown corpus may part the blocked mentions off as "Name (sport)" the item could not name.
            for gid in [gid, *(g for g in readings_of.get(gid, ()) if g in res.groups)]:
                g = res.groups[gid]
                key, gone = refs.key_of[gid], len(members.get(gid, ()))
                removed.append(f"{c.provenance()}: removed {key} ({gone} mention{'s' * (gone != 1)} in "
                               f"{len(g.articles)} article{'s' * (len(g.articles) != 1)})")
                for name in {key, _norm(label_of(gid)), _norm(shown_of(gid)), *map(_norm, g.names),
                             *map(_norm, g.aliases)}:
                    blocked.setdefault(name, c)
                res.groups.pop(gid)
                res.same_as.pop(gid, None)
                notes.pop(gid, None)
                for k in members.pop(gid, []):
                    del res.mention_group[k]
    # Mentions follow merges.
    for k, v in list(res.mention_group.items()):
        if v in refs.redirect:
            res.mention_group[k] = refs.find(v)
    for gid in res.same_as:
        if gid in res.groups:
            res.same_as[gid] = {(t, n) for t, n in res.same_as[gid]}
    kept_keys: dict = defaultdict(set)  # the earlier build's keys are added by the caller, where the items left them
    for gid, keys in extra_same.items():
        if refs.find(gid) in res.groups:
            kept_keys[refs.find(gid)] |= keys
    # A key only an item's intermediate state had (a split-off entity's before a later item retyped it, a
    # renamed one's under its old type) was never an IRI of any graph: no owl:sameAs keeps it.
    invented = set(refs.by_key) - given
    for gid in kept_keys:
        kept_keys[gid] -= invented
    for gid in res.same_as:
        res.same_as[gid] = {(t, n) for t, n in res.same_as[gid] if entity_key(t, n) not in invented}
    apart = [(refs.find(a), refs.find(b), c) for a, b, c in apart]
    return forced, notes, blocked, kept_keys, removed, [(a, b, c) for a, b, c in apart
                                                        if a != b and a in res.groups and b in res.groups]


def _pairs_apart(d, refs, gids: list, apart: list = ()):
    """Yield the pairs of ``gids`` (groups a merge joins) that the ``different`` item ``d`` names apart.

    As the item reads its references (keys first, then of the entities a name may mean one no other
    reference took: "Cologne", "cologne" are the town and the club), or as it applied (``apart``).
    """
    named: list = []
    for r in sorted(dict.fromkeys(d.entities), key=lambda r: not _KEY_REF.fullmatch(_key_ref(r))):
        live = refs.candidates(r) or refs.candidates(_key_name(r) or r)
        g = next((g for g in live if g not in named), None)
        if g is not None:
            named.append(g)
    named = [g for g in named if g in gids]
    named += [g for a, b, c in apart if c is d for g in (refs.find(a), refs.find(b)) if g in gids and g not in named]
    for i, a in enumerate(named):
        for b in named[i + 1:]:
            yield a, b


def _key_type(ref: str) -> str | None:
    """Return the entity type an entity key or IRI names ("place/Leon" -> Place), or None for a name."""
    key = _key_ref(ref)
    if not _KEY_REF.fullmatch(key):
        return None
    head = key.split("/", 1)[0]
    return next((t for t in EntityType if t.lower() == head), None)


def _key_name(ref: str) -> str | None:
    """Return the name an entity key or IRI is minted from ("place/Tarsk_Rovers" -> "Tarsk Rovers"), or None."""
    from urllib.parse import unquote

    key = _key_ref(ref)
    if not _KEY_REF.fullmatch(key):
        return None
    tail = re.sub(r"_[0-9a-f]{8}$", "", unquote(key.split("/", 1)[1]))  # a qualified label's hash goes
    return " ".join(tail.replace("_", " ").split()) or None


def _ref_name_matches(ref: str):
    """Return a test of a mention's name: does it read the name ``ref`` gives (a label, or an IRI's or key's name)?"""
    from kgraph.core.iri import slug

    key = _key_ref(ref)
    if _KEY_REF.fullmatch(key):
        tail = key.split("/", 1)[1]
        return lambda n: slug(n) == tail or slug(n).casefold() == tail.casefold()
    want, folds = _norm(ref), set(_folds(ref))
    return lambda n: _norm(n) == want or bool(folds & set(_folds(n)))


def _split_by_name(c, ref: str, others, gid, res, refs, members, forced, notes):
    """Part a group a ``different`` item names twice: the build joined two entities it says are not one.

    The mentions that read one side's names move to a new group (of the group's type): those of ``ref``, or,
    where ``ref`` names the group by its label or key (so keeps it, and its IRI), those that read the names
    the item gives before it (``others``). Returns the groups ``ref`` and the others name now, or None (with
    a warning) when the names cannot tell the mentions apart.
    """
    import warnings

    from kgraph.linking.identity import Group

    src = res.groups[gid]
    mine = _ref_name_matches(ref)
    theirs = [_ref_name_matches(o) for o in others]
    keys = members[gid]
    name = res.mention_names.get
    ours = [k for k in keys if mine(name(k, ""))]
    others_ = [k for k in keys if any(t(name(k, "")) for t in theirs) and not mine(name(k, ""))]
    # A mention of one name in an article that writes the other is that other's, as the build read it there
    # ("Leon" beside "Bernardino Leon"): only the mentions of articles that write no name of the other side
    # move, unless every article writes both.
    arts_ours, arts_others = {k[0] for k in ours}, {k[0] for k in others_}
    ours = [k for k in ours if k[0] not in arts_others] or ours
    others_ = [k for k in others_ if k[0] not in arts_ours] or others_
    label = forced.get(gid) or _group_label(src)
    own = refs.key_of.get(gid) == _key_ref(ref) or _norm(ref) == _norm(label)
    stay_self = False
    for stay_self, moved in ((True, others_), (False, ours)) if own else ((False, ours), (True, others_)):
        if 0 < len(moved) < len(keys):
            break
    else:
        warnings.warn(f"correction {c.describe()}: the build made {refs.key_of[gid]!r} of them and their names "
                      "do not tell its mentions apart; split it by article or context instead", stacklevel=3)
        return None
    moved_set = set(moved)
    new_id = ("different", gid, c.index, ref)
    res.groups[new_id] = new = Group(src.type)
    for k in moved:
        res.mention_group[k] = new_id
    members[gid] = [k for k in keys if k not in moved_set]
    members[new_id] = moved
    _recount(res, {g: members[g] for g in (gid, new_id)})
    went = {a for a in src.aliases if _explained_by(a, new.names) and not _explained_by(a, src.names)}
    src.aliases -= (set(new.names) - set(src.names)) | went
    new.aliases |= went
    # A name the build had absorbed whole (its own node before) goes back with its mentions, and its IRI with it.
    back = {(t, n) for t, n in res.same_as.get(gid, ()) if _norm(n) in map(_norm, new.names)
            and _norm(n) not in map(_norm, src.names)}
    if back:
        res.same_as[gid] -= back
        res.same_as.setdefault(new_id, set()).update(back)
    refs.add(new_id)
    return (gid, new_id) if stay_self else (new_id, gid)


def _same_as(key: str, absorbed, kept_keys) -> tuple[str, ...]:
    """Return the owl:sameAs keys of an entity: of the (type, name) it absorbed, and the keys a merge kept."""
    keys = [k for k in (entity_key(st, sn) for st, sn in absorbed) if k != key]
    return tuple(sorted(keys + sorted(set(kept_keys) - set(keys) - {key})))


def _article_ref(ref: str, texts: dict, slugs: dict | None = None) -> str:
    """Return the article id a split names: its id, its IRI, or the file name it was read from.

    ``slugs`` is :func:`_article_slugs` of ``texts``, when the caller looks up many.
    """
    from pathlib import PurePath

    from kgraph.core.iri import ARTICLE_BASE

    if ref in texts:
        return ref
    if ref.startswith(ARTICLE_BASE):
        tail = ref[len(ARTICLE_BASE):]
        return (slugs if slugs is not None else _article_slugs(texts)).get(tail, tail)
    stem = PurePath(ref).stem
    return stem if stem in texts else ref


def _article_slugs(texts: dict) -> dict:
    """Return {id or IRI slug: the first of the sorted article ids that is it or has it}, built once per corpus.

    Sorting and slugging every article for each IRI a split named cost the articles times the IRIs
    (16,000 IRIs over 4,000 articles: 10.8 s; a 64 MB corrections file could hold a million).
    """
    from kgraph.core.iri import article_slug

    out: dict = {}
    for a in sorted(texts):
        out.setdefault(a, a)
        out.setdefault(article_slug(a), a)
    return out


#: A reference that is an entity key ("organization/Acme_Corp"), not a name.
_KEY_REF = re.compile(r"(?:person|organization|place|country)/\S+")


def _key_ref(ref: str) -> str:
    """Return a reference without the entity IRI base (an IRI names its key)."""
    from kgraph.core.iri import ENTITY_BASE

    return ref[len(ENTITY_BASE):] if ref.startswith(ENTITY_BASE) else ref


def _warn_absorbed(c, refs, gid, what: str) -> None:
    """Warn that a correction names an entity an earlier merge absorbed, so it acts on the merged entity."""
    import warnings

    warnings.warn(f"correction {c.describe()}: {c.entity!r} was merged into {refs.key_of[gid]!r} by an earlier "
                  f"correction; {what}", stacklevel=3)


def _warn_missing(c, ref: str, blocked: dict) -> None:
    """Warn that a correction names no entity of the graph, and why when an earlier block removed it."""
    import warnings

    key = _key_ref(ref)
    by = blocked.get(key) or blocked.get(_norm(ref))
    why = f" (it was blocked by {by.describe()})" if by is not None else ""
    warnings.warn(f"correction {c.describe()}: no entity {ref!r} in the graph{why}; skipped", stacklevel=4)


def _split_off_name(ref: str, new, absorbed) -> str:
    """Return the name of a split-off group's mentions ("" if they carry none).

    The one ``ref`` names it by, else one a merge absorbed (of ``absorbed``, its
    (type, name) pairs), else the most fitting of them.
    """
    moved = {_norm(n): n for n in sorted(new.names)}
    counts: Counter = Counter()
    for n, k in new.names.items():
        counts[_norm(n)] += k
    # Of several names merges absorbed, the one most of the moved mentions carry ("Deutsche Bank" 4, "Deutsche
    # Bahn" 1), not the first in the alphabet.
    back = sorted((n for _t, n in absorbed if _norm(n) in moved), key=lambda n: (-counts[_norm(n)], n))
    return moved.get(_norm(ref)) or (back[0] if back else "") or (_choose_label(new.type, new.names) if new.names else "")


def _explained_by(alias: str, names) -> bool:
    """Return whether an alias is one of the names, or their words, or their initials ("Pekkala", "OBK")."""
    a = _norm(alias).split()
    for n in names:
        words = _norm(n).split()
        if a and all(w in words for w in a) or len(a) == 1 and len(words) > 1 and a[0] == "".join(w[0] for w in words):
            return True
    return False


def _recount(res, members: dict) -> None:
    """Recount the names and articles of groups from the mentions they hold now (after a split)."""
    for g, keys in members.items():
        names: Counter = Counter(res.mention_names[k] for k in keys if res.mention_names.get(k))
        res.groups[g].names = names
        res.groups[g].name_articles = articles_per_name(keys, res.mention_names)
        res.groups[g].articles = {k[0] for k in keys}


def _warn_ambiguous(c, ref: str, keys: list[str], done: str, which: str | None = None) -> None:
    """Warn that a correction's reference names several entities (keys, the chosen one first)."""
    import warnings

    warnings.warn(f"correction {c.describe()}: {ref!r} names {len(keys)} entities ({', '.join(keys)}); {done} "
                  f"{which or 'the most mentioned'}, {keys[0]}; name one by its key to choose", stacklevel=4)


def _apply_fact_corrections(facts: list, entities: dict, corrections, blocked: dict | None = None) -> list:
    """Remove rejected relations and add asserted ones (method "correction"); warn about unknown entities.

    An entity is named by key or IRI, else by label, else by alias, else by
    either written without its accents. A name
    several entities carry names, for a reject, the one of them whose relation
    the graph holds (the most mentioned when several do, with a warning), and
    for an assert the most mentioned pair whose types fit, with a warning
    that lists the keys to choose from.
    """
    import warnings

    from kgraph.core.iri import entity_iri

    by_key: dict = {}
    by_label: dict = defaultdict(list)
    by_alias: dict = defaultdict(list)
    by_folded: dict = defaultdict(list)  # labels and aliases without accents ("Elise Dare"): the last resort
    ranked = sorted(entities.values(), key=lambda e: (-e.mentions, e.key))
    rank = {e.key: i for i, e in enumerate(ranked)}
    for e in ranked:
        for k in (e.key, *e.same_as):
            by_key.setdefault(k, e)
            by_key.setdefault(str(entity_iri(k)), e)
        by_label[_norm(e.label)].append(e)
        for a in sorted({_norm(a) for a in e.aliases} - {_norm(e.label)}):
            by_alias[a].append(e)
        for a in sorted({k for a in (e.label, *e.aliases) for k in _folds(a)}):
            by_folded[a].append(e)

    def find(c, ref) -> list[list]:
        """Return the entities a reference may name, as tiers tried in turn (key, label, alias; else without accents)."""
        if ref in by_key:
            return [[by_key[ref]]]
        tiers = [t for t in (by_label.get(_norm(ref)), by_alias.get(_norm(ref))) if t] or \
            [t for t in (_folded(by_folded, ref),) if t]
        if not tiers:
            _warn_missing(c, ref, blocked or {})
        return tiers

    out = list(facts)
    cid_of = {e.key: cid for cid, e in entities.items()}
    for c in corrections.of("reject", "assert"):
        subjects, objects = find(c, c.subject), find(c, c.object)
        if not subjects or not objects:
            continue
        if c.action == "reject":
            held: list = []
            for ss in subjects:  # the closest reading that names a relation the graph holds
                for oo in objects:
                    pairs = {(s.key, o.key) for s in ss for o in oo}
                    held = [f for f in out if f.predicate == c.predicate and (f.subject, f.object) in pairs]
                    if held:
                        break
                if held:
                    break
            if not held:
                warnings.warn(f"correction {c.describe()}: the graph holds no such relation; nothing to reject",
                              stacklevel=2)
            pairs_held = sorted({(f.subject, f.object) for f in held}, key=lambda p: (rank[p[0]], rank[p[1]]))
            if len(pairs_held) > 1:
                # A name two entities carry, each holding the relation ("Ann" worksFor ...): the most mentioned
                # reading, as in any other item, not every entity that carries the name.
                for ref, side in ((c.subject, 0), (c.object, 1)):
                    keys = list(dict.fromkeys(p[side] for p in pairs_held))
                    if len(keys) > 1:
                        _warn_ambiguous(c, ref, keys, "rejected for")
                held = [f for f in held if (f.subject, f.object) == pairs_held[0]]
            out = [f for f in out if not any(f is h for h in held)]
            out, implied = _without_implied_from(out, held)
            edited = sorted({f.subject for f in held}) or [subjects[0][0].key]
            # The subject's comment says what the item did: a reject that found nothing removed nothing.
            done = c.provenance() + ("" if held else ": the graph held no such relation") + (
                f"; also removed what the articles implied from it: {', '.join(implied)}" if implied else "")
        else:
            from kgraph.core.model import fits

            # Of the entities a name may mean, the most mentioned pair whose types fit the predicate
            # ("citizenOf Germany" is the country, not a team named after it): those it labels first, then
            # those it is an alias of ("Tarsk" the town, and the club a later item renamed "Tarsk FC").
            fit = next(((s, o, i, j) for i, ss in enumerate(subjects) for j, oo in enumerate(objects)
                        for s in ss for o in oo if s.key != o.key and fits(c.predicate, s.type, o.type)), None)
            s, o, i, j = fit or (subjects[0][0], objects[0][0], 0, 0)
            if fit is None:
                why = ("names one entity twice" if s.key == o.key else
                       f"does not fit {s.key} ({s.type}) to {o.key} ({o.type}); retype one of them first")
                warnings.warn(f"correction {c.describe()}: the relation {why}; skipped", stacklevel=2)
                continue
            for ref, tiers, n, chosen in ((c.subject, subjects, i, s), (c.object, objects, j, o)):
                hits = list(dict.fromkeys(e for tier in tiers[:n + 1] for e in tier))
                if len(hits) > 1:
                    _warn_ambiguous(c, ref, [chosen.key] + [e.key for e in hits if e is not chosen],
                                    "asserted for", "the one that fits" if chosen is not hits[0] else None)
            out = [f for f in out if (f.subject, f.predicate, f.object) != (s.key, c.predicate, o.key)
                   or f.evidence]
            out.append(Fact(s.key, c.predicate, o.key, (), method="correction",
                            note=c.describe() + (f" (by {c.author})" if c.author else "")
                            + (f": {c.note}" if c.note else "")))
            edited = [s.key]
            done = c.provenance()
        # The subject records the edit too: a rejected statement leaves no evidence node to say so.
        for key in edited:
            cid = cid_of[key]
            entities[cid] = replace(entities[cid], corrections=entities[cid].corrections + (done,))
    return out


def _without_implied_from(facts: list, rejected: list) -> tuple[list, list[str]]:
    """Drop the implied statements whose premise, in their article, is a rejected relation; name them.

    A statement an article implies ("President Ann Roe" leaderOf Veltria, so citizenOf it) stands on its
    premise: the analyst who rejects the premise rejects what was read from it, and only that (the
    statement stays when its article or another states it).
    """
    from kgraph.extraction.implied import IMPLICATIONS

    by_id = {imp.id: imp for imp in IMPLICATIONS}
    gone = {(h.subject, h.predicate, h.object, aid) for h in rejected for aid, _r in h.evidence}
    if not gone:
        return facts, []

    def from_rejected(f, aid: str, rel) -> bool:
        imp = by_id.get(rel.method.split(":")[1]) if rel.method.startswith("implied:") else None
        if imp is None:
            return False
        cs, _p, co = imp.conclusion
        bound = {cs: f.subject, co: f.object}
        return any(any(p == hp and a_id == aid and bound.get(a, hs) == hs and bound.get(b, ho) == ho
                       for hs, hp, ho, a_id in gone) for a, p, b in imp.premises)

    out, dropped = [], []
    for f in facts:
        kept = tuple(e for e in f.evidence if not from_rejected(f, *e))
        if len(kept) == len(f.evidence):
            out.append(f)
            continue
        if kept or f.method:
            out.append(replace(f, evidence=kept))
        else:
            dropped.append(f"{f.subject} {f.predicate} {f.object}")
    return out, dropped


def _group_label(g) -> str:
    """Return a group's label: its best name, and the country a generic institution name is read in."""
    if g.qualifier:
        # "Supreme Court of Norway", "Swedish Social Democratic Party" say their country already: the name
        own = Counter({n: c for n, c in g.names.items() if _says_country(n)})
        if own:
            return _choose_label(g.type, own, g.name_articles)
    label = _choose_label(g.type, g.names, g.name_articles)
    return f"{label} ({g.qualifier})" if g.qualifier else label


def _shown_label(g, label: str) -> str:
    """Return the label a group shows: a national team's says so ("Veltria (national team)").

    ``label`` is the one its key is minted from (:func:`_group_label`): the qualifier is shown only, so the
    team's IRI is the one it had before, and stays so however a grown corpus reads it.
    """
    if g.national_team and g.type == EntityType.Organization and not g.qualifier and national_team_name(label):
        return f"{label} ({NATIONAL_TEAM})"
    return label


def _says_country(name: str) -> bool:
    """True for a name opened by a demonym or closed by "of" and a country ("Social Democratic Party of Sweden")."""
    words = name.split()
    head, of, rest = name.rpartition(" of ")
    return len(words) > 1 and gazetteer.is_demonym(words[0]) or bool(of and head) and gazetteer.country(rest) is not None


def _choose_label(type_: str, counter: Counter, articles: Counter | None = None) -> str:
    """Pick the preferred name: the gazetteer's for countries, else the fullest frequent name.

    ``articles`` (name -> articles writing it) ranks a person's full names before their mentions: the form
    most articles write is the name, not a misspelling one article repeats.
    """
    candidates = [n for n in counter if not gazetteer.is_demonym(n)] or list(counter)
    if type_ == EntityType.Country:
        for n in candidates:
            c = gazetteer.country(n)
            if c is not None:
                return c.name
    if type_ == EntityType.Person:
        return max(sorted(candidates), key=lambda n: (len(n.split()), (articles or {}).get(n, 0), counter[n], len(n)))
    if type_ == EntityType.Organization:
        # Case variants are one name, written as the articles write it most (capitals on a tie): "Afp" (a
        # title-cased headline, a photo credit) is the acronym AFP, and was preferred to it as a spelled-out name.
        written: dict[str, str] = {}
        total: Counter = Counter()
        for n in sorted(candidates):
            f = n.casefold()
            total[f] += counter[n]
            if f not in written or (counter[n], n.isupper()) > (counter[written[f]], written[f].isupper()):
                written[f] = n

        def acronym(n: str) -> bool:
            return n.isupper() or (" " not in n and n.upper() in counter)

        # Prefer a spelled-out name to an acronym, a full name to a short one, then the most frequent.
        return max(sorted(written.values()), key=lambda n: (not acronym(n), " " in n, total[n.casefold()], len(n)))
    # A dateline's capitals ("BANGKOK, Thailand (AP)") are no place's spelling: any other written form first,
    # else the gazetteer's own name when it is that place's.
    best = max(sorted(candidates), key=lambda n: (not _capitals(n), counter[n], len(n)))
    if _capitals(best):
        place = gazetteer.place(best)
        # "ZURICH" is Zürich: the gazetteer's name may carry accents the capitals drop
        if place is not None and place.type == EntityType.Place \
                and gazetteer.norm(gazetteer.strip_accents(place.name)) == gazetteer.norm(gazetteer.strip_accents(best)):
            return place.name
    return best


def _capitals(name: str) -> bool:
    """True for a name written in capitals that is no acronym ("BANGKOK", "NEW YORK"; not "UAE")."""
    return name.isupper() and sum(ch.isalpha() for ch in name) > 3


def mention_entity(kb: KnowledgeBase, article_id: str, mention: Mention) -> Entity | None:
    """Return the entity a mention was linked to (slow: for tests and tools)."""
    t, name = _canonical(mention.type, mention.name)
    for e in kb.entities:
        if e.type == t and (_norm(e.label) == _norm(name) or _norm(name) in {_norm(a) for a in e.aliases}):
            return e
    return None
