"""Extraction: a parsed Doc becomes mentions and relations.

Every function here is pure over a spaCy ``Doc``; what leaves the module is
:class:`~kgraph.model.Extraction` with plain :class:`~kgraph.model.Mention`
and :class:`~kgraph.model.Relation` records, never spaCy objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import gazetteer
from .model import Article, Extraction, Mention, Relation

# ---------------------------------------------------------------- lexicons

#: Role nouns that make the person the leader of what follows or precedes.
LEADER_ROLES = frozenset("""president premier leader chief head ceo chairman chairwoman chairperson chair
governor mayor king queen chancellor emperor monarch sultan emir pope dictator boss founder
prime-minister secretary-general commander-in-chief""".split())

#: Role nouns that make the person work for the organization or country.
WORK_ROLES = frozenset("""spokesperson spokesman spokeswoman adviser advisor minister secretary official
ambassador envoy correspondent reporter journalist editor analyst researcher scientist professor lecturer
economist diplomat employee executive staffer worker lawyer attorney agent negotiator representative
coach manager director deputy aide consultant engineer officer general colonel lieutenant sergeant
commander admiral captain investigator prosecutor judge inspector strategist intern producer writer
columnist photographer anchor host president-elect vice-president undersecretary""".split())

#: Role nouns that make the person a member of the group.
MEMBER_ROLES = frozenset("""member lawmaker legislator senator congressman congresswoman mp deputy
player striker midfielder defender goalkeeper activist fighter militant soldier trooper partisan
candidate politician""".split())

#: Person nouns that say only where someone is from ("North Korean soldier X").
NATIONALITY_NOUNS = frozenset("""soldier troops citizen national man woman boy girl student worker
resident native refugee defector tourist businessman businesswoman athlete""".split())

#: Verbs whose subject killed their object ("Oswald shot Kennedy").
KILL_VERBS = frozenset("kill murder assassinate slay execute shoot behead strangle stab".split())

_LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
_TITLES = frozenset("""dear mr mrs ms miss dr prof sir madam president premier minister general gen col
lt sgt capt sen rep gov mayor king queen prince princess lord lady pope saint st rev father""".split())
_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")


# ---------------------------------------------------------------- mentions

def _trim(span):
    """Drop leading determiners and titles and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or
                           (span.label_ == "PERSON" and doc[start].lower_.rstrip(".") in _TITLES and end - start > 1)):
        start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else None


def _mention_of(span) -> Mention | None:
    """Type one entity span, resolving countries and demonyms through the gazetteer."""
    label = span.label_
    text = span.text
    country = gazetteer.demonym(text)
    if country is not None and label in ("NORP", "GPE", "LOC", "ORG"):
        # "North Korean troops", "Ukrainian" tagged GPE: the demonym names its country.
        return Mention(text, "Country", span.start_char, span.end_char, country.name)
    if label == "NORP":
        return None
    if label in ("GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "ORG", "PERSON", "EVENT"):
        country = gazetteer.country(text)
        if country is not None:
            # "U.S.", "Russia's": any label, the gazetteer knows the country.
            return Mention(text, "Country", span.start_char, span.end_char, country.name)
        if label in ("GPE", "LOC"):
            return Mention(text, "Place", span.start_char, span.end_char, text)
        if label in ("PRODUCT", "WORK_OF_ART", "EVENT") and gazetteer.place(text) is not None and len(span) <= 3:
            # "Kursk" tagged PRODUCT: a known city name is a place.
            return Mention(text, "Place", span.start_char, span.end_char, text)
    kind = _LABELS.get(label)
    if kind is None:
        return None
    return Mention(text, kind, span.start_char, span.end_char, text)


def find_mentions(doc, offset: int = 0) -> list[tuple[Mention, object]]:
    """Return (mention, span) pairs for the named entities of a Doc, offsets shifted by ``offset``."""
    out = []
    for ent in doc.ents:
        span = _trim(ent)
        if span is None or not any(t.is_alpha for t in span):
            continue
        span.label_ = ent.label_
        m = _mention_of(span)
        if m is None:
            continue
        out.append((Mention(m.text, m.type, m.start + offset, m.end + offset, m.name), span))
    return out


def resolve_aliases(mentions: list[Mention]) -> list[Mention]:
    """Give short names the full name they abbreviate inside one article.

    A one-word person name takes the longest person name ending with it
    ("Putin" -> "Vladimir Putin"); an organization's acronym takes the name
    whose initials it spells ("NIS" -> "National Intelligence Service").
    """
    persons = sorted({m.name for m in mentions if m.type == "Person" and " " in m.name}, key=lambda n: (-len(n), n))
    orgs = sorted({m.name for m in mentions if m.type == "Organization" and " " in m.name})
    out = []
    for m in mentions:
        name = m.name
        if m.type == "Person" and " " not in name:
            # "Putin" after "Vladimir Putin": same person when exactly one full name ends with it.
            full = [p for p in persons if p.split()[-1] == name or p.split()[0] == name]
            if len({f for f in full}) == 1:
                name = full[0]
        elif m.type == "Organization" and name.isupper() and 2 <= len(name) <= 6:
            # "NIS" for "National Intelligence Service": the capitals spell the acronym.
            full = [o for o in orgs if "".join(w[0] for w in o.split() if w[0].isupper()) == name]
            if len(full) == 1:
                name = full[0]
        out.append(Mention(m.text, m.type, m.start, m.end, name) if name != m.name else m)
    return out


# ---------------------------------------------------------------- relations

def _role_class(lemma: str) -> str | None:
    if lemma in LEADER_ROLES:
        return "leaderOf"
    if lemma in MEMBER_ROLES:
        return "memberOf"
    if lemma in WORK_ROLES:
        return "worksFor"
    return None


def _predicate_for(role: str | None, role_lemma: str | None, subject: Mention, obj: Mention) -> str | None:
    """Choose the predicate from the role word and the argument types."""
    if subject.type != "Person":
        return None
    if role == "leaderOf":
        return "leaderOf"
    if obj.type in ("Country", "Place"):
        if role == "worksFor" and obj.type == "Country":
            return "worksFor"
        if obj.type == "Country":
            return "citizenOf"
        return "livesIn" if role is None else None
    if role == "memberOf":
        return "memberOf"
    if role == "worksFor" or role is None:
        return "worksFor"
    return None


class _Index:
    """Which mention covers each token of a Doc."""

    def __init__(self, pairs):
        self.by_token: dict[int, Mention] = {}
        for m, span in pairs:
            for t in span:
                self.by_token[t.i] = m

    def at(self, token) -> Mention | None:
        return self.by_token.get(token.i)


def _evidence(sent, offset):
    """Return the sentence text without surrounding white space, and its offsets in the article."""
    text = sent.text
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    start = sent.start_char + offset + lead
    return stripped, start, start + len(stripped)


def _role_words(tokens) -> tuple[str | None, str | None, str | None]:
    """Return (role class, role lemma, role phrase) of the last role noun in tokens."""
    found = None
    for t in tokens:
        cls = _role_class(t.lemma_.lower()) or _role_class(t.lower_)
        if cls:
            found = t
    if found is None:
        return None, None, None
    # Keep the modifiers that make up the role: "foreign policy adviser".
    mods = [c for c in found.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ == "" ]
    start = min([found.i] + [c.left_edge.i for c in mods])
    phrase = found.doc[start:found.i + 1].text
    return _role_class(found.lemma_.lower()) or _role_class(found.lower_), found.lemma_.lower(), phrase


def _make(subject, predicate, obj, conf, method, sent, offset, role=None) -> Relation:
    text, s, e = _evidence(sent, offset)
    return Relation(subject, predicate, obj, conf, method, text, s, e, role)


def rule_title_premodifier(doc, index: _Index, offset: int) -> Iterator[Relation]:
    """Titles before a name: "Kremlin foreign policy adviser Yuri Ushakov", "Russian President Vladimir Putin"."""
    for person in {id(m): m for m in index.by_token.values() if m.type == "Person"}.values():
        tokens = [t for t in doc if index.at(t) is person]
        root = min(tokens, key=lambda t: abs(t.head.i - t.i) if t.head in tokens else -1) if tokens else None
        heads = [t for t in tokens if t.head not in tokens or t.head is t]
        if not heads:
            continue
        root = heads[0]
        pre = sorted({w for c in root.lefts if c.i < tokens[0].i for w in c.subtree if w.i < tokens[0].i},
                     key=lambda t: t.i)
        if not pre:
            continue
        role, lemma, phrase = _role_words(pre)
        targets = []
        for t in pre:
            m = index.at(t)
            if m is not None and m is not person and m not in targets and m.type != "Person":
                targets.append(m)
        if not targets:
            continue
        # The entity nearest the role word is the one the role is of: "Quebec, Canada premier".
        target = targets[0] if role == "leaderOf" else targets[-1]
        if role is None and not any(t.lemma_.lower() in NATIONALITY_NOUNS for t in pre):
            if target.type != "Country":
                continue
        pred = _predicate_for(role, lemma, person, target)
        if pred is None:
            continue
        if role in ("memberOf",) and target.type == "Country":
            pred = "citizenOf"
        if lemma in NATIONALITY_NOUNS and target.type == "Country":
            pred = "citizenOf"
        yield _make(person, pred, target, 0.85, "rule:title-premodifier", root.sent, offset, phrase)


def rule_apposition(doc, index: _Index, offset: int) -> Iterator[Relation]:
    """A role in apposition: "Yevgen Yerin, spokesperson for Ukrainian military intelligence"."""
    for tok in doc:
        if tok.dep_ != "appos":
            continue
        person = index.at(tok.head)
        if person is None or person.type != "Person":
            continue
        cls = _role_class(tok.lemma_.lower()) or _role_class(tok.lower_)
        if cls is None:
            continue
        _r, _l, phrase = _role_words([tok])
        # "spokesperson for X", "a researcher at X", "head of X", or "a Cambridge researcher".
        candidates = []
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with", "from", "in"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        candidates += [w for w in pobj.subtree]
        candidates += [w for c in tok.lefts for w in c.subtree]
        seen = []
        for w in candidates:
            m = index.at(w)
            if m is not None and m.type != "Person" and m not in seen:
                seen.append(m)
        for m in seen[:1]:
            pred = _predicate_for(cls, tok.lemma_.lower(), person, m)
            if pred:
                yield _make(person, pred, m, 0.9, "rule:apposition", tok.sent, offset, phrase)


def rule_copula_role(doc, index: _Index, offset: int) -> Iterator[Relation]:
    """A role stated with "be": "Charest is the leader of the Quebec Liberal Party"."""
    for tok in doc:
        if tok.dep_ != "attr" or tok.head.lemma_ != "be":
            continue
        cls = _role_class(tok.lemma_.lower())
        if cls is None:
            continue
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        person = index.at(subj) if subj is not None else None
        if person is None or person.type != "Person":
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at"):
                for pobj in prep.children:
                    m = next((index.at(w) for w in pobj.subtree if index.at(w) and index.at(w).type != "Person"), None)
                    if m is not None:
                        pred = _predicate_for(cls, tok.lemma_.lower(), person, m)
                        if pred:
                            _r, _l, phrase = _role_words([tok])
                            yield _make(person, pred, m, 0.85, "rule:copula-role", tok.sent, offset, phrase)


def rule_possessive(doc, index: _Index, offset: int) -> Iterator[Relation]:
    """A place owns what follows: "South Korea's National Intelligence Service", "Russia's Kursk region"."""
    for tok in doc:
        if tok.dep_ != "poss":
            continue
        owner = index.at(tok)
        if owner is None or owner.type not in ("Country", "Place"):
            continue
        head = tok.head
        owned = index.at(head) or next((index.at(c) for c in head.children
                                        if c.dep_ == "compound" and index.at(c)), None)
        if owned is None or owned is owner:
            continue
        if owned.type == "Organization":
            yield _make(owned, "basedIn", owner, 0.85, "rule:possessive", tok.sent, offset)
        elif owned.type == "Place":
            yield _make(owned, "locatedIn", owner, 0.85, "rule:possessive", tok.sent, offset)


def rule_place_comma_place(doc, index: _Index, offset: int) -> Iterator[Relation]:
    """A place followed by its country: "Quebec, Canada", "Kursk, Russia"."""
    for tok in doc:
        if tok.text != "," or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        left, right = index.at(doc[tok.i - 1]), index.at(doc[tok.i + 1])
        if left is None or right is None or left is right:
            continue
        if left.type == "Place" and right.type in ("Country", "Place") and right.text == right.name \
                and doc[tok.i + 1].ent_iob_ == "B":
            if right.type == "Place" and gazetteer.place(right.text) is None:
                continue
            yield _make(left, "locatedIn", right, 0.75, "rule:place-comma-place", tok.sent, offset)


def rule_demonym_org(doc, index: _Index, offset: int) -> Iterator[Relation]:
    """A nationality word before an organization: "the Russian Defense Ministry"."""
    for tok in doc:
        m = index.at(tok)
        if m is None or m.type != "Country" or m.text == m.name:
            continue
        head = tok.head
        org = index.at(head)
        if org is not None and org.type == "Organization" and tok.dep_ in ("amod", "compound", "nmod"):
            yield _make(org, "basedIn", m, 0.8, "rule:demonym-organization", tok.sent, offset)


def rule_kill(doc, index: _Index, offset: int) -> Iterator[Relation]:
    """A killing verb between two persons: "Oswald shot Kennedy", "Kennedy was killed by Oswald"."""
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in KILL_VERBS:
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        killer = index.at(agent) if agent is not None else (index.at(subj) if subj is not None else None)
        victim = index.at(obj) if obj is not None else None
        if killer and victim and killer.type == victim.type == "Person" and killer is not victim:
            yield _make(killer, "killed", victim, 0.8, "rule:kill-verb", tok.sent, offset, tok.lemma_)


def rule_born_in(doc, index: _Index, offset: int) -> Iterator[Relation]:
    """Birthplace: "Putin was born in Leningrad"."""
    for tok in doc:
        if tok.lemma_ != "bear" or tok.tag_ != "VBN":
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        person = index.at(subj) if subj is not None else None
        if person is None or person.type != "Person":
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for pobj in prep.children:
                    m = index.at(pobj)
                    if m is not None and m.type in ("Place", "Country"):
                        yield _make(person, "bornIn", m, 0.9, "rule:born-in", tok.sent, offset)


RULES = (rule_title_premodifier, rule_apposition, rule_copula_role, rule_possessive,
         rule_place_comma_place, rule_demonym_org, rule_kill, rule_born_in)


def extract_doc(article: Article, pieces: Iterable[tuple[int, object]]) -> Extraction:
    """Extract the mentions and relations of one article from its parsed pieces.

    Args:
        article: The article the pieces come from.
        pieces: ``(offset, Doc)`` pairs as :func:`kgraph.nlp.parse` yields them.
    """
    pairs = []
    relations: list[Relation] = []
    per_piece = []
    for offset, doc in pieces:
        found = find_mentions(doc, offset)
        pairs.extend(found)
        per_piece.append((offset, doc, found))
    resolved = resolve_aliases([m for m, _s in pairs])
    renamed = {(m.start, m.end): r for (m, _s), r in zip(pairs, resolved)}
    for offset, doc, found in per_piece:
        index = _Index([(renamed[(m.start, m.end)], span) for m, span in found])
        for rule in RULES:
            relations.extend(rule(doc, index, offset))
    unique = {}
    for r in relations:
        key = (r.subject.start, r.predicate, r.object.start)
        if key not in unique or unique[key].confidence < r.confidence:
            unique[key] = r
    rels = tuple(sorted(unique.values(), key=lambda r: (r.subject.start, r.object.start, r.predicate)))
    return Extraction(article, tuple(sorted(resolved, key=lambda m: (m.start, m.end))), rels)


def extract_articles(articles: Iterable[Article], nlp=None, batch_size: int = 64) -> Iterator[Extraction]:
    """Parse and extract each article in turn.

    Args:
        articles: Articles to read.
        nlp: A pipeline from :func:`kgraph.nlp.load`; the default one when None.
        batch_size: Texts per ``nlp.pipe`` batch.
    """
    from . import nlp as nlp_mod

    pipeline = nlp if nlp is not None else nlp_mod.load()
    for article, pieces in nlp_mod.parse(pipeline, articles, batch_size=batch_size):
        yield extract_doc(article, pieces)
