"""Relation rules: dependency patterns over a parsed sentence.

Each rule is a pure function ``rule(doc, index, offset)`` yielding
:class:`~kgraph.model.Relation`; ``index`` tells which mention covers a
token. Each rule's docstring gives the phrase it exists for.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import gazetteer
from .model import Mention, Relation

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


class MentionIndex:
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


def rule_title_premodifier(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
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


def rule_apposition(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
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


def rule_copula_role(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
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


def rule_possessive(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
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


def rule_place_comma_place(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
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


def rule_demonym_org(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A nationality word before an organization: "the Russian Defense Ministry"."""
    for tok in doc:
        m = index.at(tok)
        if m is None or m.type != "Country" or m.text == m.name:
            continue
        head = tok.head
        org = index.at(head)
        if org is not None and org.type == "Organization" and tok.dep_ in ("amod", "compound", "nmod"):
            yield _make(org, "basedIn", m, 0.8, "rule:demonym-organization", tok.sent, offset)


def rule_kill(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
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


def rule_born_in(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
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


