"""Relation rules: dependency patterns over a parsed sentence.

Each rule is a function ``rule(doc, index, offset)`` yielding
:class:`~kgraph.core.model.Relation`; ``index`` tells which mention covers a
token. Every rule is registered with :func:`kgraph.extraction.rules.rule` under its id
(the ``method`` written in the graph), with a one-line reason, invented
sentences it must read and sentences it must leave alone; the tests in
``tests/test_rules.py`` are generated from those declarations. Rules that
read the same construction (a title before a name, an apposition, ...)
share one matcher, run once per sentence, and each keeps its own id's
relations. Word lists live in :mod:`kgraph.extraction.lexicon`.

To add a rule: write the function, decorate it with ``@rule(id, reason,
predicates, examples=..., counter_examples=...)``, and add its id to
:data:`RULE_ORDER`.
"""

from __future__ import annotations


import bisect
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

from kgraph.sources import gazetteer

from kgraph.extraction import sentrel
from kgraph.extraction.nlp import SPACE, doc_memo, token_column, token_flags, tokens_where
from kgraph.extraction.logistic import probabilities
from kgraph.extraction.lexicon import (ACADEMIC_ROLES, CULPRIT_VERBS, DEPARTMENT_WORDS, DEPUTY_WORDS, FROM_VERBS, GROUP_LEADER_WORDS, HEADQUARTERS_WORDS, HEAD_OFFICE_WORDS, HOME_NOUNS,
                      HOME_PLACE_NOUNS, KILL_VERBS, KILLER_NOUNS, KILLING_NOUNS, LEAD_VERBS, LEADER_COMPOUNDS,
                      LEADER_ROLES, LIVE_VERBS, MEMBER_ROLES, AIM_WORDS, APPOINT_VERBS, DENY_VERBS, RUMOUR_NOUNS, POSSIBILITY_MODALS, QUESTION_MARKS, HIRE_VERBS, VISIT_VERBS,
                      NATIONALITY_NOUNS, ORDINAL_WORDS, ORG_NOUNS, ORIGIN_NOUNS, PENALTY_NOUNS, PORTFOLIO_WORDS, POSSESSIVE_PRONOUNS,
                      ROLE_ABBREVIATIONS, UNIT_NOUNS, WORK_ROLES, WORK_VERBS, BASED_WORDS, ORG_KIND_BEFORE_NAME,
                      PRIVATE_ROLES, CABINET_ROLES, SAY_VERBS, MEDIA_NOUNS, ANAPHOR_KINDS, party_name)
from kgraph.core import modelfile
from kgraph.core.model import Mention, Relation
from kgraph.extraction.rules import CALIBRATION_PRIOR, REGISTRY, UNCALIBRATED, rule
from kgraph.core.terms import EntityType, Predicate

#: The shipped sentence classifier and rule calibration (rebuilt by ``kgraph train``).
MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "relations.json.gz"



# ---------------------------------------------------------------- relations

#: Entity types that can be where something is: a place or a country.
PLACE_TYPES = (EntityType.Place, EntityType.Country)

#: Entity types that can employ a person: an organization or a state.
EMPLOYER_TYPES = (EntityType.Organization, EntityType.Country)

#: Predicates of holding an office, after which a state's official is also its citizen.
OFFICE_PREDICATES = (Predicate.leaderOf, Predicate.worksFor)


def _role_class(lemma: str) -> str | None:
    lemma = ROLE_ABBREVIATIONS.get(lemma.rstrip("."), lemma)
    if lemma in LEADER_ROLES:
        return Predicate.leaderOf
    if lemma in MEMBER_ROLES:
        return Predicate.memberOf
    if lemma in WORK_ROLES:
        return Predicate.worksFor
    return None


def _hyphen_first(tok):
    """Return the word a hyphen written with no spaces joins before the token ("secretary" of "secretary-general")."""
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_ and not doc[tok.i - 2].whitespace_:
        return doc[tok.i - 2]
    return None


def _hyphen_role(tok) -> str | None:
    """Return the role a hyphened compound the token is part of names ("secretary-general"), or None."""
    first = _hyphen_first(tok)
    if first is not None and _role_class(f"{first.lower_}-{tok.lower_}"):
        return f"{first.lower_}-{tok.lower_}"
    doc = tok.doc
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and _hyphen_first(doc[tok.i + 2]) is not None \
            and _role_class(f"{tok.lower_}-{doc[tok.i + 2].lower_}"):
        return f"{tok.lower_}-{doc[tok.i + 2].lower_}"
    return None


def role_of_token(tok) -> str | None:
    """Return the role class a role noun gives (leaderOf, worksFor, memberOf), reading the words before it.

    A leader's office of several words leads though its last word is a staff role ("prime minister",
    "chief executive"); a deputy's office ("vice president", "deputy prime minister") and a department's
    head ("personnel chief") work for what its leader leads.
    """
    memo = doc_memo(tok.doc, "role")  # the rules, the document model's features and its views ask of each token
    i = tok.i
    if i in memo:
        return memo[i]
    got = memo[i] = _read_role_of_token(tok)
    return got


def role_at(doc, i: int) -> str | None:
    """Return :func:`role_of_token` of token ``i`` of a Doc, making no Token when the answer is known."""
    # Why: the document model's features ask of every word near every mention, most of them asked before.
    memo = doc_memo(doc, "role")
    if i in memo:
        return memo[i]
    texts = token_column(doc, "text")
    if (i == 0 or texts[i - 1] != "-") and (i + 1 >= len(texts) or texts[i + 1] != "-") \
            and _role_class(token_column(doc, "lemma")[i]) is None and _role_class(token_column(doc, "lower")[i]) is None:
        # Why: most words near a mention are no role noun; with no hyphen beside it and neither its lemma nor its
        # word a role, role_of_token answers None, here read from the columns without making the Token.
        memo[i] = None
        return None
    return role_of_token(doc[i])


def _read_role_of_token(tok) -> str | None:
    """Return :func:`role_of_token`'s answer, read from the token and the words before it."""
    whole = _hyphen_role(tok)
    if whole is not None:
        return _role_class(whole)  # "secretary-general" leads; "general" alone works
    lemma = tok.lemma_.lower()
    cls = _role_class(lemma) or _role_class(tok.lower_)
    if cls not in (Predicate.leaderOf, Predicate.worksFor):
        return cls
    before = [t for t in tok.doc[max(0, tok.i - 5):tok.i] if t.text != "-"][-3:]
    words = [t.lower_ for t in before]
    first = len(words)  # where the office's words start among ``words``
    for n in (2, 1):
        if len(words) >= n and (*words[-n:], lemma) in LEADER_COMPOUNDS:
            cls, first = Predicate.leaderOf, len(words) - n
            break
    if cls == Predicate.leaderOf and first > 0 and words[first - 1] in DEPUTY_WORDS | DEPARTMENT_WORDS:
        return Predicate.worksFor  # a deputy, or the head of a department ("personnel chief"), works for it
    return cls


def _state_or_province(name: str) -> bool:
    """True for a country's first-level division ("Bavaria", "Ontario"): it has a government of its own."""
    return gazetteer.us_state_name(name) is not None or gazetteer.region(name) is not None


def _predicate_for(role: str | None, role_lemma: str | None, subject: Mention, obj: Mention) -> str | None:
    """Choose the predicate from the role word and the argument types."""
    if subject.type != EntityType.Person:
        return None
    if role == Predicate.leaderOf:
        return Predicate.leaderOf
    if obj.type in (EntityType.Country, EntityType.Place):
        if role == Predicate.worksFor and obj.type == EntityType.Country and role_lemma not in PRIVATE_ROLES:
            return Predicate.worksFor
        if obj.type == EntityType.Country:
            return Predicate.citizenOf
        if role_lemma in CABINET_ROLES and _state_or_province(obj.name):
            return Predicate.worksFor  # "Tarsk province's interior minister": the province's government employs
        # "the Arizona senator", "a Boston lawyer": someone holding a role of a town or state lives there.
        return Predicate.livesIn
    if role == Predicate.memberOf:
        return Predicate.memberOf
    if role == Predicate.worksFor or role is None:
        return Predicate.worksFor
    return None


#: Nouns that, right after an organization's name they head, are that organization ("the Tarsk Choice party").
KIND_AFTER_NAME = ORG_NOUNS | frozenset("party club movement alliance coalition union organization organisation "
                                        "network".split())


class MentionIndex:
    """Which mention covers each token of a Doc.

    A noun naming a kind of organization right after an organization's name that modifies it stands for it too:
    "who leads the Tarsk Choice party" leads Tarsk Choice; so does one right before the name it is apposed to or
    a compound of ("heads the logistics firm Tarsk Freight"). So does "the institute" after the one organization
    named before whose name ends with that word ("the Tarsk Research Institute ... a biologist at the
    institute"; lexicon.ANAPHOR_KINDS); with two such names before it, neither.
    """

    def __init__(self, pairs):
        self.by_token: dict[int, Mention] = {}
        self._tokens: dict[int, list] = {}
        self._memo: dict = {}
        for m, span in pairs:
            for t in span:
                self.by_token[t.i] = m
        for i in sorted(self.by_token):
            self._tokens.setdefault(id(self.by_token[i]), []).append(i)
        for m, span in pairs:  # the kind noun reads as the name; the name's own tokens stay its span's
            last = span[-1] if len(span) else None
            if m.type != EntityType.Organization or last is None or last.dep_ != "compound":
                continue
            head = last.head
            # "a UN agency" is some agency of the UN, not the UN: an indefinite kind noun stays apart
            if head.i == last.i + 1 and head.i not in self.by_token and head.is_lower \
                    and head.lemma_.lower() in KIND_AFTER_NAME \
                    and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children):
                self.by_token[head.i] = m
        for m, span in pairs:  # "heads the logistics firm Tarsk Freight": the kind noun before the name is it too
            if m.type != EntityType.Organization or not len(span) or span.start == 0:
                continue
            kind = span.doc[span.start - 1]
            if kind.i in self.by_token or not kind.is_lower or kind.pos_ != "NOUN" \
                    or kind.lemma_.lower() not in ORG_KIND_BEFORE_NAME:
                continue
            if any(t.dep_ == "appos" and t.head.i == kind.i for t in span) \
                    or kind.dep_ == "compound" and span.start <= kind.head.i < span.end:
                self.by_token[kind.i] = m
        self._definite_kinds(pairs)

    def _definite_kinds(self, pairs) -> None:
        """Map "the institute" to the one organization named before it whose name ends with "Institute"."""
        named: dict[str, list] = {}  # kind word -> [(first token, mention)] of organizations ending with it
        for m, span in pairs:
            if m.type == EntityType.Organization and len(span):
                last = m.name.split()[-1].casefold() if m.name.split() else ""
                if last in ANAPHOR_KINDS:
                    named.setdefault(last, []).append((span.start, m))
        if not named:
            return
        doc = pairs[0][1].doc
        for tok in tokens_where(doc, "lower", named):
            kind = tok.lower_
            if kind not in named or tok.i in self.by_token or tok.pos_ != "NOUN" or tok.dep_ == "compound" \
                    or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                    or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                continue  # "the Institute of X", "the party leadership": a name of its own or a modifier
            before = [(i, m) for i, m in named[kind] if i < tok.i]
            if before and len({m.name for _i, m in before}) == 1:
                self.by_token[tok.i] = before[-1][1]

    def memo(self, key, make):
        """Return ``make()``, computed once per key for this index (rules sharing one matcher read it once)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def at(self, token) -> Mention | None:
        return self.by_token.get(token.i)

    def token_ids(self, mention: Mention) -> list[int]:
        """Return the indices of the tokens a mention covers, in order (empty when it covers none)."""
        return self._tokens.get(id(mention), [])


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
        if _role_class(t.lemma_.lower()) or _role_class(t.lower_):
            found = t
    if found is None:
        return None, None, None
    # Keep the modifiers that make up the role: "foreign policy adviser".
    mods = [c for c in found.lefts if c.dep_ in ("amod", "compound") and c.ent_type_ == "" ]
    start = min([found.i] + [c.left_edge.i for c in mods])
    phrase = found.doc[start:found.i + 1].text
    return role_of_token(found), found.lemma_.lower(), phrase


def _only(method: str, index: MentionIndex, matcher, doc, offset: int) -> list[Relation]:
    """Return the relations of one rule id among those a shared matcher finds (the matcher runs once per index)."""
    found = index.memo((matcher.__name__, offset), lambda: list(matcher(doc, index, offset)))
    asked = index.memo(("asked", offset), lambda: _asked_subjects(doc, index))
    return [r for r in found if r.method == method and r.subject not in asked]


def _asked_subjects(doc, index: MentionIndex) -> frozenset:
    """Return the names whose role a yes-no question asks: X in "Is X the new head of Y?".

    The parser reads the role there as in apposition to X; a role taken for
    granted by the question stays ("Is Y's chief X leaving?").
    """
    asked = set()
    for sent in doc.sents:
        root = sent.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is not None and index.at(subject) is not None and root.lemma_.lower() == "be" \
                and polar_question(sent):
            asked.add(index.at(subject))
    return frozenset(asked)


def _make(subject, predicate, obj, method, sent, offset, role=None, confidence=UNCALIBRATED) -> Relation:
    """Return a relation with its evidence; a rule's confidence is left to calibration (:func:`_calibrated`)."""
    text, s, e = _evidence(sent, offset)
    return Relation(subject, predicate, obj, confidence, method, text, s, e, role)


def _is_portfolio(m: Mention) -> bool:
    """True for a one-word "organization" that is a department word of a title ("Defense" in "Defense Secretary")."""
    return m.type == EntityType.Organization and " " not in m.text and m.text.lower() in PORTFOLIO_WORDS


def _employer_for_place(doc, index: MentionIndex, place: Mention) -> Mention | None:
    """Return the one organization of the Doc whose name contains a place name ("Cambridge" -> Cambridge University)."""
    word = place.text.lower()
    orgs = {m.name: m for m in {id(m): m for m in index.by_token.values()}.values()
            if m.type == EntityType.Organization and word in m.name.lower().split()}
    return next(iter(orgs.values())) if len(orgs) == 1 else None


def _person_root(doc, index: MentionIndex, person: Mention):
    """Return the token heading a person mention in the Doc, or None."""
    tokens = [doc[i] for i in index.token_ids(person)]
    heads = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
    return (heads[0], tokens) if heads else (None, tokens)


#: Role nouns whose post a body before them names, not the employer ("UN ambassador": the post is at the UN).
_POST_ROLES = frozenset("ambassador envoy representative delegate".split())


def _post_of_state(doc, index: MentionIndex, m: Mention, first: Mention) -> bool:
    """True when a body inside a state's title names the portfolio or the post, not the employer.

    "Norway's EU Affairs Minister X", "Norway's UN ambassador X": after a country's possessive, a body
    followed by "Affairs", or right before an envoy's role, is what the state's official deals with.
    """
    if first.type != EntityType.Country or m.type != EntityType.Organization:
        return False
    ids = index.token_ids(first)
    if not ids or ids[-1] + 1 >= len(doc) or doc[ids[-1] + 1].lower_ not in ("'s", "'", "’s"):
        return False
    end = index.token_ids(m)[-1] + 1 if index.token_ids(m) else None
    if end is None or end >= len(doc):
        return False
    return doc[end].lower_ == "affairs" or doc[end].lemma_.lower() in _POST_ROLES


def _group_leader(pre, lemma: str | None) -> bool:
    """True when the leader's noun among the tokens is led by a group word ("opposition leader", "rebel chief")."""
    at = [i for i, t in enumerate(pre) if t.lemma_.lower() == lemma or t.lower_ == lemma]
    return bool(at) and any(t.lower_ in GROUP_LEADER_WORDS for t in pre[max(0, at[-1] - 2):at[-1]])


#: Offices only a firm or a body's staff hold, which name no state when written bare ("Chief executive X said").
COMPANY_OFFICES = frozenset("executive ceo chairman chairwoman chairperson spokesman spokeswoman spokesperson".split())


def _bare_company_title(pre, lemma: str | None) -> bool:
    """True for a firm's office written with no owner, article or name: "Chief executive", "company spokesman"."""
    return lemma in COMPANY_OFFICES and all(t.pos_ in ("NOUN", "PROPN", "ADJ") and t.ent_iob_ == "O" for t in pre)


def _kind_title(pre, lemma: str | None, index: MentionIndex):
    """Return the kind noun of an office written with a kind of body and no name ("Party leader", "club president").

    Only for a title of plain words with no mention among them; None otherwise.
    """
    if lemma is None or not all(t.pos_ in ("NOUN", "PROPN", "ADJ") and index.at(t) is None for t in pre):
        return None
    return next((t for t in pre if t.lemma_.lower() in ORG_KIND_BEFORE_NAME and t.lemma_.lower() != lemma), None)


def _only_organization(index: MentionIndex, tok) -> Mention | None:
    """Return the one organization named before ``tok`` in its Doc, or None when none or several are."""
    first: dict[str, tuple[int, Mention]] = {}  # name -> its earliest token and mention
    for i, m in index.by_token.items():
        if i < tok.i and m.type == EntityType.Organization and (m.name not in first or i < first[m.name][0]):
            first[m.name] = (i, m)
    return next(iter(first.values()))[1] if len(first) == 1 else None


def _adjacent_title(doc, index: MentionIndex, first: int) -> list:
    """Return a name and a lower-case role noun written right before a person's name, or [].

    Why: "Tarsk Labour Party chair Ana Berg said": the parser hung "chair" on the verb, not on the name,
    so no word before the name hangs on it; written side by side, the role is still hers and of that body.
    """
    role, owner = doc[first - 1], index.at(doc[first - 2])
    if not role.is_lower or role.pos_ != "NOUN" or index.at(role) is not None or owner is None \
            or owner.type == EntityType.Person or not _role_class(role.lemma_.lower()):
        return []
    return [doc[i] for i in index.token_ids(owner)] + [role]


def _title_phrases(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """Titles before a name: "Kremlin foreign policy adviser Yuri Ushakov", "Russian President Vladimir Putin"."""
    for person in {id(m): m for m in index.by_token.values() if m.type == EntityType.Person}.values():
        root, tokens = _person_root(doc, index, person)
        if root is None:
            continue
        # The words before the name that hang on it: on its root, or on an inner word when the parser
        # hung the title there ("Tarsk State Governor Ada Sanwo-Olu": the title on "Sanwo").
        pre = sorted({w for tok in tokens for c in tok.lefts if c.i < tokens[0].i
                      for w in c.subtree if w.i < tokens[0].i}, key=lambda t: t.i)
        # A title the mention's text keeps before the name ("President Bola Tinubu" named "Bola Tinubu") is
        # one of the words before the name.
        pre += [t for t in tokens if t.idx + offset < person.start + person.lead]
        title = root.head
        if not pre and root.dep_ == "appos" and title.i == tokens[0].i - 1 and index.at(title) is None \
                and _role_class(title.lemma_.lower()):
            # "France's new premier Ann Roe": the parser made the title the head and the name its apposition
            # (no comma between them), so the title's own words are the ones before the name.
            pre = [w for w in title.subtree if w.i <= title.i]
        if not pre and tokens[0].i >= 2:
            pre = _adjacent_title(doc, index, tokens[0].i)
        if not pre:
            continue
        yield from _titled(doc, index, offset, person, root, pre)
        if root.dep_ == "conj" and root.head.i < tokens[0].i and index.at(root.head) is None \
                and _role_class(root.head.lemma_.lower()) \
                and not any(c.dep_ in ("det", "poss") for c in root.head.children):
            # "Tarsk Party leader and Holmland premier X": the first of two bare titles joined by "and" (with "the"
            # or a possessive, "Veltria's premier and Chancellor X" are two persons)
            yield from _titled(doc, index, offset, person, root, [w for w in root.head.subtree if w.i <= root.head.i])


def _titled(doc, index: MentionIndex, offset: int, person: Mention, root, pre: list) -> Iterator[Relation]:
    """Yield what one title written before a person's name (its words ``pre``) says of the person."""
    role, lemma, phrase = _role_words(pre)
    targets = []
    for t in pre:
        m = index.at(t)
        if m is not None and m is not person and m not in targets and m.type != EntityType.Person \
                and not _is_portfolio(m) and not (targets and _post_of_state(doc, index, m, targets[0])):
            targets.append(m)
    if not targets and role is not None:
        # "said the country's leader X", "its chief executive X": the body the sentence, or the one before, is about
        owner = _owner_among(index, pre)
        if owner is None and _bare_company_title(pre, lemma):
            # "Tarvel Motors returned to profit. Chief executive X said ...": a firm's office with no owner
            # written is the firm's the sentence, or the one before, is about
            owner = _its_referent(index, pre[0], (EntityType.Organization,))
        kind = _kind_title(pre, lemma, index) if owner is None else None
        if kind is not None:
            # "The Tarsk Party won the vote. Party leader X said ...": the body of that kind the sentence,
            # or the one before, is about, else the one organization named so far; a party's leader only of
            # a party's name.
            owner = _its_referent(index, pre[0], (EntityType.Organization,)) or _only_organization(index, pre[0])
            if owner is not None and kind.lemma_.lower() == "party" and not party_name(owner.name):
                owner = None
        targets = [owner] if owner is not None else []
    if not targets:
        return
    # The entity nearest the role word is the one the role is of: "Quebec, Canada premier".
    target = targets[0] if role == Predicate.leaderOf else targets[-1]
    if role == Predicate.leaderOf and targets[-1].type == EntityType.Organization \
            and target.type in (EntityType.Country, EntityType.Place):
        target = targets[-1]  # "Germany's Vellox chief executive X" heads the firm, not the country
    first = pre[0].i
    if target.type == EntityType.Country and role and first >= 2 and doc[first - 1].text == ",":
        # "Quebec, Canada premier Jean Charest": the place before the comma is what he leads.
        before = index.at(doc[first - 2])
        if before is not None and before.type == EntityType.Place:
            target = before
    if target.type == EntityType.Place and lemma in ACADEMIC_ROLES:
        # "Cambridge researcher Tim Clutton-Brock": the university named after the place.
        target = _employer_for_place(doc, index, target) or target
    if role is None and not any(t.lemma_.lower() in ORIGIN_NOUNS for t in pre):
        # "Modesto native George Lucas": a home noun ties the person to the town.
        if target.type != EntityType.Country and not (target.type == EntityType.Place and
                                             any(t.lemma_.lower() in HOME_NOUNS for t in pre)):
            return
    pred = _predicate_for(role, lemma, person, target)
    if pred is None:
        return
    if pred == Predicate.leaderOf and target.type in (EntityType.Country, EntityType.Place) \
            and _group_leader(pre, lemma):
        if target.type != EntityType.Country:
            return
        pred = Predicate.citizenOf  # "Kenya's opposition leader X" leads a group of the country, not the country
    if role in (Predicate.memberOf,) and target.type == EntityType.Country:
        pred = Predicate.citizenOf
    if lemma in ORIGIN_NOUNS and target.type == EntityType.Country:
        pred = Predicate.citizenOf
    # A town's official living there is measured apart: its precision is not the employer reading's.
    method = "rule:title-residence" if pred == Predicate.livesIn and role else "rule:title-premodifier"
    yield _make(person, pred, target, method, root.sent, offset, phrase)
    if pred in OFFICE_PREDICATES and target.type == EntityType.Country:
        # "Russian President Vladimir Putin": a state's official is its citizen.
        yield _make(person, Predicate.citizenOf, target, "rule:title-citizen", root.sent, offset, phrase)


@rule("rule:title-premodifier", "A title before a name says what the person leads or works for.",
      (Predicate.worksFor, Predicate.leaderOf, Predicate.memberOf, Predicate.citizenOf, Predicate.livesIn),
      examples=[
          ("Kremlin foreign policy adviser Tom Brask told reporters the talks went well.",
           ("Tom Brask", Predicate.worksFor, "Kremlin")),
          ("The show cast Tim Roe as Nevada Gov. Carl Bassett.", ("Carl Bassett", Predicate.leaderOf, "Nevada")),
          # An office of several words whose last word is a staff role leads (lexicon.LEADER_COMPOUNDS).
          ("Israeli Prime Minister Dan Yarden met the envoy on Monday.", ("Dan Yarden", Predicate.leaderOf, "Israel")),
          ("Siemens chief executive Hans Lotter announced job cuts on Thursday.",
           ("Hans Lotter", Predicate.leaderOf, "Siemens")),
          # The role hung on the verb by the parser, written between the body and the name.
          ("Tarsk Democratic Party chair Ilse Walters said the plan was bad.",
           ("Ilse Walters", Predicate.leaderOf, "Tarsk Democratic Party")),
          # Two titles joined by "and": each says what the person holds.
          ("The paper was written by Tarsk Party leader and Holmland Premier Anton Velluzzi.",
           ("Anton Velluzzi", Predicate.leaderOf, "Tarsk Party")),
          # "the country's": the country the reported clause is about.
          ("Norway is close to a new missile test, said the country's leader Anton Moreau.",
           ("Anton Moreau", Predicate.leaderOf, "Norway")),
          # The title parsed as the head and the name as its apposition, with no comma between.
          ("France's new premier Anton Moreau said the pact would hold.", ("Anton Moreau", Predicate.leaderOf, "France")),
          ("Canada's ambassador Tom Brask said his country would wait.", ("Tom Brask", Predicate.worksFor, "Canada")),
          # A body inside a state's title is the portfolio or the post: the state employs.
          ("Talks ended when Norway's EU Affairs Minister Tom Brask left.",
           ("Tom Brask", Predicate.worksFor, "Norway")),
          ("Norway's UN Ambassador Tom Brask denied the claim.", ("Tom Brask", Predicate.worksFor, "Norway")),
          # A title the mention keeps before the name, and one the parser hangs on an inner word of the name.
          ("Nigeria's President Ada Obuna sent his condolences.", ("Ada Obuna", Predicate.leaderOf, "Nigeria")),
          ("Lagos State Governor Ada Sanwo-Ilori visited the market on Tuesday.",
           ("Ada Sanwo-Ilori", Predicate.leaderOf, "Lagos State")),
          ("Germany's Vellox Motors chief executive Hans Lotter announced job cuts.",
           ("Hans Lotter", Predicate.leaderOf, "Vellox Motors")),
          # A country does not employ its journalists: a private role before a country says where one is from.
          ("The British journalist Tom Brask wrote the book.", ("Tom Brask", Predicate.citizenOf, "United Kingdom")),
          ("Kenya's opposition leader Tom Brask criticized the loan.", ("Tom Brask", Predicate.citizenOf, "Kenya")),
          # A player's position before a country: the national team's player is its citizen.
          ("Germany keeper Ilse Varga was tested more than once.", ("Ilse Varga", Predicate.citizenOf, "Germany")),
          # A firm's office written bare is the firm's the sentence before is about, or its reported clause.
          ("Tarvel Motors returned to profit on Tuesday. Chief executive Hans Lotter said demand was strong.",
           ("Hans Lotter", Predicate.leaderOf, "Tarvel Motors")),
          ("Tarvel Motors returned to profit, the company said. Chief executive Hans Lotter thanked the staff.",
           ("Hans Lotter", Predicate.leaderOf, "Tarvel Motors")),
          # A kind of body before the office: the body of that kind the sentence before is about.
          ("The Tarsk Freedom Party won the state election on Sunday, and party leader Hans Lotter called it historic.",
           ("Hans Lotter", Predicate.leaderOf, "Tarsk Freedom Party")),
      ],
      counter_examples=[
          ("Ann Lisk met the Norwegian delegation in Oslo.", ("Ann Lisk", Predicate.leaderOf, "Norway")),
          ("Shares in Tarvel Motors rose on Tuesday. Chief executive Hans Lotter said demand was strong.",
           ("Hans Lotter", Predicate.leaderOf, "Tarvel Motors")),
          # A party's office names no other kind of body.
          ("The Tarsk Rail Company won the contract on Sunday, and party leader Hans Lotter called it a scandal.",
           ("Hans Lotter", Predicate.leaderOf, "Tarsk Rail Company")),
          # A state's office names no firm.
          ("Tarvel Motors returned to profit. Finance Minister Hans Lotter welcomed the results.",
           ("Hans Lotter", Predicate.worksFor, "Tarvel Motors")),
          # A deputy works for what the leader leads (lexicon.DEPUTY_WORDS).
          ("Italian Deputy Prime Minister Marco Selli met union leaders.", ("Marco Selli", Predicate.leaderOf, "Italy")),
          ("US Vice President Tom Harlan arrived on Tuesday.", ("Tom Harlan", Predicate.leaderOf, "US")),
          ("Talks ended when Norway's EU Affairs Minister Tom Brask left.",
           ("Tom Brask", Predicate.worksFor, "EU")),
          ("Germany's Vellox Motors chief executive Hans Lotter announced job cuts.",
           ("Hans Lotter", Predicate.leaderOf, "Germany")),
          ("The British journalist Tom Brask wrote the book.", ("Tom Brask", Predicate.worksFor, "United Kingdom")),
          # A group's leader inside a country does not lead the country (lexicon.GROUP_LEADER_WORDS).
          ("Kenya's opposition leader Tom Brask criticized the loan.", ("Tom Brask", Predicate.leaderOf, "Kenya")),
          ("Malian rebel leader Tom Brask signed the truce.", ("Tom Brask", Predicate.leaderOf, "Mali")),
          ("Velgrad police chief Ana Berg said 12 people were held.", ("Ana Berg", Predicate.leaderOf, "Velgrad")),
          # Two persons: the first title has its own owner.
          ("Holmland's visiting premier and Chancellor Anton Velluzzi met on Monday.",
           ("Anton Velluzzi", Predicate.leaderOf, "Holmland")),
          ("Norwegian intelligence chief Tom Brask met the envoys.", ("Tom Brask", Predicate.leaderOf, "Norway")),
      ])
def rule_title_premodifier(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule title-premodifier (read by :func:`_title_phrases`)."""
    return _only("rule:title-premodifier", index, _title_phrases, doc, offset)


@rule("rule:title-residence", "A town's official named by a title before the name lives in the town.",
      (Predicate.livesIn,),
      examples=[
          ("Denver lawyer Mark Hollis filed the appeal.", ("Mark Hollis", Predicate.livesIn, "Denver")),
      ],
      counter_examples=[
          ("Denver police arrested Mark Hollis on Friday.", ("Mark Hollis", Predicate.livesIn, "Denver")),
      ])
def rule_title_residence(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule title-residence (read by :func:`_title_phrases`)."""
    return _only("rule:title-residence", index, _title_phrases, doc, offset)


#: Objects of "head of" that name the whole a leader leads, not a department of it ("head of state").
_LED_WHOLE = frozenset("state government".split())


def _appositions(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A role in apposition: "Yevgen Yerin, spokesperson for Ukrainian military intelligence"."""
    for tok in tokens_where(doc, "dep", ("appos", "conj")):  # the only tokens _apposed_person reads
        person = _apposed_person(tok, index)
        if person is None or person.type != EntityType.Person or index.at(tok) is not None:
            continue
        cls = role_of_token(tok)
        nationality = tok.lemma_.lower() in NATIONALITY_NOUNS | HOME_NOUNS  # the same as ORIGIN_NOUNS | {"inhabitant"}
        if cls is None and not nationality:
            yield from _apposition_from(doc, index, offset, person, tok)
            continue
        _r, _l, phrase = _role_words([tok])
        # "spokesperson for X", "a researcher at X", "head of X", or "a Cambridge researcher".
        candidates = []
        unnamed = set()  # tokens inside a role's object that is no name: "head of Veltria's forensic authority"
        spoken_for = set()  # tokens after "for": the body a spokesman or an adviser serves, a town's too
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with", "from", "in"):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        # "governor of Veltria's Tarsk province": the place named before a place noun
                        # or after it ("premier of the German state of Tarsk")
                        placed = [g for g in [*pobj.children, *(o for p in pobj.children if p.dep_ == "prep"
                                                                 and p.lower_ == "of" for o in p.children)]
                                  if g.dep_ in ("compound", "amod", "nmod", "pobj")
                                  and index.at(g) is not None and index.at(g).type == EntityType.Place] \
                            if index.at(pobj) is None and pobj.lemma_.lower() in _OWNER_PLACE_NOUNS else []
                        # The object's own name first: "director of Norway's Tarsk Institute" heads the institute.
                        candidates += placed + [pobj] + [w for w in pobj.subtree]
                        if prep.lower_ == "for":
                            spoken_for.update(w.i for w in pobj.subtree)
                        if index.at(pobj) is None and pobj.pos_ == "NOUN" and not placed:
                            # Its owner or nationality word, not a name it is a compound of ("the Tarsk trade union").
                            unnamed.update(w.i for c in pobj.children if c.dep_ in ("poss", "amod") for w in c.subtree)
        owned = [w for c in tok.lefts if c.dep_ == "poss" for w in c.subtree]
        owner = next((index.at(w) for w in owned if index.at(w) is not None), None)
        if owner is not None and owner.type in (EntityType.Organization, EntityType.Country) and spoken_for \
                and all(m.type in PLACE_TYPES for i in sorted(spoken_for) if (m := index.at(doc[i])) is not None):
            # "the agency's regional director for Europe": the owner employs, the place is the role's area
            candidates = owned + candidates
        candidates += [w for c in tok.lefts for w in c.subtree]
        seen = []
        for w in candidates:
            m = index.at(w)
            if m is not None and m.type != EntityType.Person and m not in seen and not _is_portfolio(m):
                seen.append(m)
        if not seen and cls is not None:
            owner = _owner_among(index, tok.children)
            if owner is None and _bare_spokes(tok):
                # "Tarsk Port said ... . A spokeswoman, Ann Roe, said": who speaks for the body just named
                owner = _its_referent(index, tok, (EntityType.Organization, EntityType.Country))
            seen = [owner] if owner is not None else []  # "Ann Roe, its chief executive, said"
        field = {w.i for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children
                 if o.dep_ == "pobj" and o.pos_ == "NOUN" and o.is_lower and index.at(o) is None
                 and o.lemma_.lower() not in _LED_WHOLE for w in o.subtree}
        for m in seen[:1]:
            if cls == Predicate.leaderOf and any(i in unnamed for i in index.token_ids(m)):
                cls = Predicate.worksFor  # the head of a body of Veltria's, unnamed, works for Veltria
            elif cls == Predicate.leaderOf and field and not any(i in field for i in index.token_ids(m)):
                cls = Predicate.worksFor  # "Vellbank's head of research": a department's head works for the firm
            if m.type == EntityType.Place and tok.lemma_.lower() in ACADEMIC_ROLES:
                m = _employer_for_place(doc, index, m) or m
            if cls == Predicate.leaderOf and m.type == EntityType.Country \
                    and any(w.lower_ in GROUP_LEADER_WORDS for w in tok.lefts):
                cls = None  # "X, Kenya's veteran opposition leader": a group's leader inside the country, its citizen
            if cls is None:
                # "Robert Corduwener, a Netherlands businessman": a nationality only.
                if m.type == EntityType.Country:
                    yield _make(person, Predicate.citizenOf, m, "rule:apposition-citizen", tok.sent, offset, phrase)
                elif m.type == EntityType.Place and tok.lemma_.lower() in HOME_NOUNS:
                    # "Ann Roe, a native of Tulsa, Okla.", "Ann Roe, a Tulsa resident": her home town (and state).
                    for place in _with_container(doc, index, m):
                        yield _make(person, Predicate.livesIn, place, "rule:apposition-home", tok.sent, offset, phrase)
                continue
            pred = _predicate_for(cls, tok.lemma_.lower(), person, m)
            if pred == Predicate.livesIn and cls == Predicate.worksFor and m.type == EntityType.Place \
                    and any(i in spoken_for for i in index.token_ids(m)):
                pred = Predicate.worksFor  # "a spokesman for the Kremlin", "an adviser for Tarsk": whom he serves
            if pred:
                method = "rule:apposition-residence" if pred == Predicate.livesIn else "rule:apposition"
                yield _make(person, pred, m, method, tok.sent, offset, phrase)
                if pred in OFFICE_PREDICATES and m.type == EntityType.Country:
                    yield _make(person, Predicate.citizenOf, m, "rule:title-citizen", tok.sent, offset, phrase)


@rule("rule:apposition", "A role noun in apposition to a name says what the person leads or works for.",
      (Predicate.worksFor, Predicate.leaderOf, Predicate.memberOf),
      examples=[
          ("Maria Lopez, spokesperson for the World Health Organization, declined to comment.",
           ("Maria Lopez", Predicate.worksFor, "the World Health Organization")),
          # A role written with a hyphen is read whole: "general" alone works, "secretary-general" leads.
          ("Hans Lotter, the UN secretary-general, called for a truce.", ("Hans Lotter", Predicate.leaderOf, "UN")),
          # the owner employs; a place after "for" is the area the role covers
          ("Hans Lotter, the Vellox Agency's regional director for Europe, urged calm.",
           ("Hans Lotter", Predicate.worksFor, "Vellox Agency")),
          ("Tarvel Motors reported record profits. Hans Lotter, its chief executive, said demand was strong.",
           ("Hans Lotter", Predicate.leaderOf, "Tarvel Motors")),
          ("Fans filled the hall of the Tarsk Symphony Orchestra on Sunday. They came to hear Hans Lotter, the "
           "orchestra's music director.", ("Hans Lotter", Predicate.worksFor, "Tarsk Symphony Orchestra")),
          ("Hans Lotter, chairman of Norway's Tarsk Heritage Institute, said the files were real.",
           ("Hans Lotter", Predicate.leaderOf, "Tarsk Heritage Institute")),
          ("Hans Lotter, long the governor of Pakistan's Punjab province, met the envoys.",
           ("Hans Lotter", Predicate.leaderOf, "Punjab")),
          ("Hans Lotter, premier of the Austrian state of Tyrol, ended his visit on Monday.",
           ("Hans Lotter", Predicate.leaderOf, "Tyrol")),
          # "the company's" where no sentence is about the company: the one organization the article names.
          ("Profits rose at Tarvel Motors. \"We are happy,\" said Anna Berg, the company's chief executive.",
           ("Anna Berg", Predicate.leaderOf, "Tarvel Motors")),
          # A state's or province's cabinet member works for its government.
          ("Ann Roe, Bavaria's interior minister, spoke on Monday.", ("Ann Roe", Predicate.worksFor, "Bavaria")),
          # "for" a place names whom the role serves, not where the person lives.
          ("Piotr Nowak, a spokesman for the Kremlin, denied the report.",
           ("Piotr Nowak", Predicate.worksFor, "Kremlin")),
          # "a spokeswoman" with no body of her own speaks for the one the sentence before is about.
          ("The Tarsk Port Authority said it was watching closely. Clara Neumann, a spokeswoman, said the port "
           "would stay open.", ("Clara Neumann", Predicate.worksFor, "Tarsk Port Authority")),
          # a question that asks something else keeps what it takes for granted
          ("Why did Maria Lopez, spokesperson for the World Health Organization, resign?",
           ("Maria Lopez", Predicate.worksFor, "the World Health Organization")),
          ("Is it over? Maria Lopez, spokesperson for the World Health Organization, said it was.",
           ("Maria Lopez", Predicate.worksFor, "the World Health Organization")),
          # "the institute": the one organization named before whose name ends with that word.
          ("The Tarsk Research Institute published the study. Marta Hensel, a researcher at the institute, said "
           "more work was needed.", ("Marta Hensel", Predicate.worksFor, "Tarsk Research Institute")),
      ],
      counter_examples=[
          ("The Tarsk Research Institute and the Ogden Peace Institute published the study. Marta Hensel, a "
           "researcher at the institute, said more work was needed.",
           ("Marta Hensel", Predicate.worksFor, "Tarsk Research Institute")),
          ("Maria Lopez met a spokesperson for the World Health Organization.",
           ("Maria Lopez", Predicate.worksFor, "the World Health Organization")),
          # The owner of the body in the role phrase is not what the person leads.
          ("Hans Lotter, chairman of Norway's Tarsk Heritage Institute, said the files were real.",
           ("Hans Lotter", Predicate.leaderOf, "Norway")),
          ("Hans Lotter, head of Norway's forensic authority, said the files were real.",
           ("Hans Lotter", Predicate.leaderOf, "Norway")),
          ("Profits rose at Tarvel Motors and Velm Bank. \"We are happy,\" said Anna Berg, the company's chief "
           "executive.", ("Anna Berg", Predicate.leaderOf, "Tarvel Motors")),
          # The head of a department named after "of" leads the department, a part of the firm.
          ("Demand was weak, said Hans Lotter, Tarvel Motors' head of research.",
           ("Hans Lotter", Predicate.leaderOf, "Tarvel Motors")),
          # a yes-no question asserts nothing
          ("Is Maria Lopez the new spokesperson for the World Health Organization?",
           ("Maria Lopez", Predicate.worksFor, "the World Health Organization")),
          # A group's leader inside a country does not lead the country (lexicon.GROUP_LEADER_WORDS).
          ("Tom Brask, Kenya's veteran opposition leader, died on Sunday.", ("Tom Brask", Predicate.leaderOf, "Kenya")),
          ("Hans Lotter, the Vellox Agency's regional director for Europe, urged calm.",
           ("Hans Lotter", Predicate.worksFor, "Europe")),
      ])
def rule_apposition(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule apposition (read by :func:`_appositions`)."""
    return _only("rule:apposition", index, _appositions, doc, offset)


@rule("rule:apposition-residence", "A role of a town in apposition to a name says the person lives there.",
      (Predicate.livesIn,),
      examples=[
          ("Tom Brask, a senator from Ogden, voted against the bill.", ("Tom Brask", Predicate.livesIn, "Ogden")),
      ],
      counter_examples=[
          ("Tom Brask, a senator, flew to Ogden on Monday.", ("Tom Brask", Predicate.livesIn, "Ogden")),
          ("Ann Roe, Bavaria's interior minister, spoke on Monday.", ("Ann Roe", Predicate.livesIn, "Bavaria")),
      ])
def rule_apposition_residence(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule apposition-residence (read by :func:`_appositions`)."""
    return _only("rule:apposition-residence", index, _appositions, doc, offset)


@rule("rule:apposition-citizen", "A nationality noun in apposition says which country the person is from.",
      (Predicate.citizenOf,),
      examples=[
          ("Tom Brask, a Danish businessman, bought the mill.", ("Tom Brask", Predicate.citizenOf, "Denmark")),
          # the leader of a group inside the country is its citizen
          ("Tom Brask, Kenya's veteran opposition leader, died on Sunday.",
           ("Tom Brask", Predicate.citizenOf, "Kenya")),
      ],
      counter_examples=[
          ("Tom Brask, a businessman, flew to Denmark on Monday.", ("Tom Brask", Predicate.citizenOf, "Denmark")),
      ])
def rule_apposition_citizen(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule apposition-citizen (read by :func:`_appositions`)."""
    return _only("rule:apposition-citizen", index, _appositions, doc, offset)


@rule("rule:demonym-name", "A nationality word right before a person's name says which country the person is from.",
      (Predicate.citizenOf,),
      examples=[
          ("Swede Anna Lindqvist took the title on Sunday.", ("Anna Lindqvist", Predicate.citizenOf, "Sweden")),
          ("The stage was won by Dutchman Pieter Claes.", ("Pieter Claes", Predicate.citizenOf, "The Netherlands")),
      ],
      counter_examples=[
          # the nationality belongs to someone else: the person is the Dane's coach
          ("The Dane's coach Kasper Forsell said the team was tired.",
           ("Kasper Forsell", Predicate.citizenOf, "Denmark")),
          # a plural nationality noun before a name is a list's heading, not the name's description
          ("Swedes Anna Lindqvist and Nils Berg led the field.", ("Anna Lindqvist", Predicate.citizenOf, "Sweden")),
          ("Kasper Forsell met Danish officials in Ghent.", ("Kasper Forsell", Predicate.citizenOf, "Denmark")),
      ])
def rule_demonym_name(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A nationality word just before a name: "the Dane Kasper Forsell", "Norwegian Kari Moen"."""
    for i in sorted(index.by_token):  # only a name's words can be a nationality word naming a country
        m = index.by_token[i]
        if m.type != EntityType.Country or m.text == m.name:
            continue
        tok = doc[i]
        if tok.tag_ in ("NNS", "NNPS"):
            continue
        ids = index.token_ids(m)
        if tok.i != ids[-1] or ids[-1] + 1 >= len(doc) or gazetteer.demonym(m.text) is None:
            continue
        if ids[0] > 0 and (index.at(doc[ids[0] - 1]) is not None or doc[ids[0] - 1].pos_ == "PROPN"):
            continue  # "Air Danish Kasper ...": the word ends another name
        person = index.at(doc[ids[-1] + 1])
        if person is None or person.type != EntityType.Person or index.token_ids(person)[0] != ids[-1] + 1:
            continue
        yield _make(person, Predicate.citizenOf, m, "rule:demonym-name", tok.sent, offset, tok.text)


@rule("rule:apposition-home", "A home noun in apposition (\"a Leeds native\") says where the person lives.",
      (Predicate.livesIn,),
      examples=[
          ("Owen Pryce, a Chicago native, joined the navy.", ("Owen Pryce", Predicate.livesIn, "Chicago")),
          ("The prize went to Victor Hale, the head of the jury and a Tacoma native.",
           ("Victor Hale", Predicate.livesIn, "Tacoma")),
      ],
      counter_examples=[
          ("Owen Pryce, a navy pilot, flew to Chicago.", ("Owen Pryce", Predicate.livesIn, "Chicago")),
      ])
def rule_apposition_home(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule apposition-home (read by :func:`_appositions`)."""
    return _only("rule:apposition-home", index, _appositions, doc, offset)


@rule("rule:apposition-from", "Any noun in apposition with \"from\" a place says where the person comes from.",
      (Predicate.livesIn, Predicate.citizenOf),
      examples=[
          ("Tom Ruddle, a Democrat from Leeds who served ten years in parliament, retired.",
           ("Tom Ruddle", Predicate.livesIn, "Leeds")),
      ],
      counter_examples=[
          ("Tom Ruddle, a Democrat, flew from Leeds to York.", ("Tom Ruddle", Predicate.livesIn, "Leeds")),
      ])
def rule_apposition_from(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule apposition-from (read by :func:`_appositions`)."""
    return _only("rule:apposition-from", index, _appositions, doc, offset)


@rule("rule:apposition-in", "A noun in apposition with \"in\"/\"on\" a place says where the person does it.",
      (Predicate.livesIn, Predicate.citizenOf),
      examples=[
          ("Most of the crew stayed, said Victor Hale, a ferry pilot on Fair Isle.",
           ("Victor Hale", Predicate.livesIn, "Fair Isle")),
          ("Carla Ruiz, one of the best surgeons in Ogden, retired on Friday.",
           ("Carla Ruiz", Predicate.livesIn, "Ogden")),
      ],
      counter_examples=[
          ("Victor Hale, a ferry pilot, sailed to Fair Isle.", ("Victor Hale", Predicate.livesIn, "Fair Isle")),
      ])
def rule_apposition_in(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule apposition-in (read by :func:`_appositions`)."""
    return _only("rule:apposition-in", index, _appositions, doc, offset)


@rule("rule:apposition-town",
      "A town before the noun in apposition (\"an Ogden architect\") is where the person lives.",
      (Predicate.livesIn,),
      examples=[
          ("The plan was drawn by Carla Ruiz, a Tacoma architect.", ("Carla Ruiz", Predicate.livesIn, "Tacoma")),
      ],
      counter_examples=[
          ("The plan was drawn by Carla Ruiz, an architect who visited Tacoma.",
           ("Carla Ruiz", Predicate.livesIn, "Tacoma")),
      ])
def rule_apposition_town(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule apposition-town (read by :func:`_appositions`)."""
    return _only("rule:apposition-town", index, _appositions, doc, offset)


def _apposed_person(tok, index: MentionIndex) -> Mention | None:
    """Return the mention a noun stands in apposition to, also as the second of two: "X, a pilot and a Leeds native".

    Why: "Ann Roe, the head of Acme and an Ogden native" -- the noun after
    "and" describes the same person as the apposition it is joined to.
    """
    if tok.dep_ == "appos":
        return index.at(tok.head)
    if tok.dep_ == "conj" and tok.pos_ == "NOUN" and tok.head.dep_ == "appos" and index.at(tok.head) is None:
        return index.at(tok.head.head)
    return None


def _apposition_from(doc, index: MentionIndex, offset: int, person: Mention, noun) -> Iterator[Relation]:
    """A person described as someone "from" a place: "Ann Roe, a Democrat from Leeds" lives there.

    Why: any noun in apposition ("a Democrat", "a mother of two") with "from
    <place>" says where the person comes from, whatever the noun is.
    """
    if noun.lower_ == "one":
        # "Ann Roe, one of the best lawyers in Leeds": the noun after "one of" describes her.
        noun = next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj"), noun)
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("from", "in", "on"):
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        m = index.at(pobj) if pobj is not None else None
        if m is None or m is person or m.type not in PLACE_TYPES:
            continue
        pred = Predicate.citizenOf if m.type == EntityType.Country else Predicate.livesIn
        # "Ann Roe, a teacher in Leeds", "a medic on Fair Isle": where someone does what the noun says.
        method = "rule:apposition-from" if prep.lower_ == "from" else "rule:apposition-in"
        for place in (_with_container(doc, index, m) if m.type == EntityType.Place else [m]):
            yield _make(person, pred, place, method, noun.sent, offset)
    # "Ann Roe, an Ogden architect": a town before any noun describing her is where she lives.
    town = next((index.at(c) for c in noun.children if c.dep_ == "compound" and index.at(c) is not None), None)
    if town is not None and town.type == EntityType.Place and not noun.text[:1].isupper():
        for place in _with_container(doc, index, town):
            yield _make(person, Predicate.livesIn, place, "rule:apposition-town", noun.sent, offset)


#: Nouns that, as "the country's" or "the city's" before a role, stand for the country or place a sentence is about.
_OWNER_PLACE_NOUNS = {
    "country": (EntityType.Country,), "nation": (EntityType.Country,), "kingdom": (EntityType.Country,),
    "republic": (EntityType.Country,), "state": (EntityType.Country, EntityType.Place),
    "city": (EntityType.Place,), "town": (EntityType.Place,), "province": (EntityType.Place,),
    "region": (EntityType.Place,),
}


#: Role nouns that speak for a body: written with "a" or "the" and no body, they speak for the one the
#: sentence, or the one before, is about.
_SPOKES_NOUNS = frozenset(("spokesman", "spokeswoman", "spokesperson"))


def _owner_kinds(tok) -> tuple:
    """Return the types a possessive before a role may stand for: "its", "the company's", "the country's"; else ()."""
    if tok.lower_ == "its":
        return (EntityType.Organization, EntityType.Country)
    if not (tok.is_lower and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
            and any(c.dep_ == "case" for c in tok.children)):
        return ()
    lemma = tok.lemma_.lower()
    return (EntityType.Organization,) if lemma in ORG_KIND_BEFORE_NAME else _OWNER_PLACE_NOUNS.get(lemma, ())


def _owner_word(tok) -> bool:
    """Return whether a possessive before a role stands for a body named before: "its", "the company's"."""
    return bool(_owner_kinds(tok))


def _its_referent(index: MentionIndex, pron, kinds: tuple = ()) -> Mention | None:
    """Return the organization, country or place "its" stands for: the subject of its sentence, else of the one before.

    "Acme said its chief executive, Ann Roe, ..." and "Acme reported profits. Its chief executive, Ann Roe,
    ..." are Acme's; when the sentence's subject is something else ("Roe said its ..."), nothing is. "The
    company's chief executive" is read so too, and stands for an organization only; "the country's" for a
    country, "the city's" for a place. Where the subject holds the possessive and a reported clause comes
    first ("Tarsk is close to a deal, said the country's leader, Ann Roe"), that clause's subject is meant.
    A place noun's possessive ("the country's") whose sentences' subjects are of no such kind stands for the one
    place of its kind those sentences name ("Floods hit Veltria. The country's president, Ann Roe, ...").
    """
    sent = pron.sent
    given = kinds
    kinds = kinds or _owner_kinds(pron)
    # "the party's" may stand for any organization named before it ("the EU"): a place noun names its kind
    noun = not given and pron.lower_ != "its" and EntityType.Organization not in kinds
    for s in (sent, pron.doc[sent.start - 1].sent if sent.start > 0 else None):
        subj = None if s is None else next((c for c in s.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and s is sent and pron.head.i == s.root.i and s.root.pos_ == "NOUN":
            continue  # "Its chief executive, Ann Roe, ... ." parsed as a noun phrase with no verb: the one before's
        if subj is None:
            return _one_named(index, pron, kinds) if noun else None
        if s is sent and subj.left_edge.i <= pron.i <= subj.right_edge.i:
            inner = next((g for c in s.root.children if c.dep_ == "ccomp" and c.i < pron.i
                          for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
            if inner is None or index.at(inner) is None:
                continue  # "Its chief executive ... said": the subject holds "its", so it is the sentence before's
            subj = inner
        m = index.at(subj)
        if m is None and subj.pos_ == "NOUN":
            # "The union Velltech, which ..., called a strike. Its chairman": the name stands beside the kind noun
            m = next((index.at(c) for c in subj.children if c.dep_ == "appos" and index.at(c) is not None), None)
        if m is None and s is not sent and subj.pos_ == "NOUN" and s.root.lemma_.lower() in SAY_VERBS:
            # "Velltech returned to profit, the company said. Its chief executive ...": the reported clause's subject
            m = next((index.at(g) for c in s.root.children if c.dep_ == "ccomp"
                      for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and index.at(g) is not None), None)
        if m is not None and m.type in kinds:
            return m
        return _one_named(index, pron, kinds) if noun else None
    return None


def _one_named(index: MentionIndex, pron, kinds: tuple) -> Mention | None:
    """Return the one thing of ``kinds`` named before ``pron`` in its sentence, else in the sentence before.

    Why: a sentence's object may be what "the country's" stands for ("Floods hit Veltria. The country's
    president ..."); with two of that kind named there, none is meant for sure.
    """
    sent = pron.sent
    spans = [(sent.start, pron.i)] + ([(pron.doc[sent.start - 1].sent.start, sent.start)] if sent.start > 0 else [])
    for lo, hi in spans:
        named = {m.name: m for i in range(lo, hi) if (m := index.by_token.get(i)) is not None and m.type in kinds}
        if named:
            return next(iter(named.values())) if len(named) == 1 else None
    return None


def _owner_among(index: MentionIndex, tokens) -> Mention | None:
    """Return what the first possessive among ``tokens`` that stands for a body named before ("its") stands for."""
    its = next((t for t in tokens if t.dep_ == "poss" and _owner_word(t)), None)
    if its is None:
        return None
    m = _its_referent(index, its)
    if m is None and its.lower_ != "its" and _owner_kinds(its) == (EntityType.Organization,):
        # "Analysts at Vellbank expect a deal, said X, the bank's chief economist": no sentence is about the
        # bank, but the article has named one organization only
        m = _only_organization(index, its)
    return m


def _role_owner(doc, index: MentionIndex, role) -> Mention | None:
    """Return the non-person entity a role noun is of: "Ohio's governor", "chairman of the Acme Party", "Ohio governor".

    A nationality word before the role names its country: "the Chilean president"; "its" the organization
    its sentence, or the one before, is about.
    """
    first = _hyphen_first(role)
    children = list(role.children) + ([c for c in first.children if c.i < first.i] if first is not None else [])
    for c in children:
        if c.dep_ in ("poss", "compound", "nmod") and index.at(c) is not None:
            return index.at(c)
        if c.dep_ == "poss" and _owner_word(c):
            return _its_referent(index, c)
        if c.dep_ == "amod" and index.at(c) is not None and index.at(c).type == EntityType.Country:
            return index.at(c)
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "at"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and index.at(pobj) is not None:
                return index.at(pobj)
    return None


def _in_line(role) -> bool:
    """True when an ordinal numbers a role ("the 16th president", "its last king"): one of a line of holders."""
    return any(c.ent_type_ == "ORDINAL" or c.like_num or c.lower_ in ORDINAL_WORDS or c.lower_ == "last"
               for c in role.children)


def _role_before(doc, index: MentionIndex, comma: int):
    """Return (role noun, entity) of a role phrase ending right before a comma, or None.

    Why: "Ohio's governor, Ann Roe" ends on the role noun, "the chairman of
    the Acme Party, Ann Roe" on the entity the role is of.
    """
    before = doc[comma - 1]
    if before.text == ")" and comma >= 4 and doc[comma - 3].text == "(" and index.at(doc[comma - 2]) is not None:
        before = doc[comma - 4]  # "the head of the Tarsk Association of Carmakers (TAC), Ann Roe": an acronym
    entity = index.at(before)
    if entity is not None and entity.type != EntityType.Person:
        first = index.token_ids(entity)[0]
        prep = doc[first - 1] if first > 0 else None
        ids = set(index.token_ids(entity))
        while prep is not None and prep.i > 0 and (prep.dep_ == "det" or (prep.is_lower or prep.text == "-")
                                                   and any(a.i in ids for a in prep.ancestors)):
            prep = doc[prep.i - 1]  # "from the business-oriented Tarsk Party": its modifiers
        if prep is not None and prep.lower_ == "to" and prep.dep_ == "prep" and _role_class(prep.head.lemma_.lower()) \
                and index.at(prep.head) is None:
            # "Veltria's ambassador to Ostmark, Ann Roe": the post is where she serves; the owner is whom for.
            owner = _role_owner(doc, index, prep.head)
            return (prep.head, owner) if owner is not None and owner.type != EntityType.Person else None
        if prep is not None and prep.lower_ in ("in", "at") and prep.dep_ == "prep" \
                and entity.type in PLACE_TYPES and index.at(prep.head) is None \
                and _role_class(prep.head.lemma_.lower()) in OFFICE_PREDICATES:
            # "Its spokesman in Oslo, Ann Roe": the town is where she serves; the owner is whom for.
            owner = _role_owner(doc, index, prep.head)
            if owner is not None and owner.type == EntityType.Organization:
                return prep.head, owner
        if prep is None or prep.lower_ not in ("of", "for", "at", "from") or prep.dep_ != "prep":
            return None  # "from" only of an organization ("Secretary-general from the Tarsk Party, X"): see below
        role = prep.head
        if entity.type != EntityType.Organization and (
                entity.type not in (EntityType.Country, EntityType.Place) or prep.lower_ != "of" or _in_line(role)):
            # "the 16th president of Veltria, Ann Roe": an office in a line of holders, not a residence.
            return None
        return (role, entity) if _role_class(role.lemma_.lower()) and index.at(role) is None else None
    if entity is None and before.pos_ == "NOUN" and before.is_lower and before.dep_ == "pobj" \
            and before.head.lower_ in ("in", "at") and before.head.head.pos_ == "NOUN" \
            and _role_class(before.head.head.lemma_.lower()) and index.at(before.head.head) is None \
            and before.i - before.head.i <= 3:
        before = before.head.head  # "The party's leader in the state, Ann Roe": the role, then where it is held
    if entity is None and _hyphen_role(before) is not None and _hyphen_first(before) is not None:
        before = _hyphen_first(before)  # "Its secretary-general, Ann Roe": the compound's noun is its first word
    if entity is None and before.pos_ == "NOUN" and _role_class(before.lemma_.lower()):
        owner = _role_owner(doc, index, before)
        if owner is None and _bare_spokes(before):
            # "Tarsk Port said ... . A spokeswoman, Ann Roe, said": who speaks for the body just named
            owner = _its_referent(index, before, (EntityType.Organization, EntityType.Country))
        return (before, owner) if owner is not None and owner.type != EntityType.Person else None
    return None


def _bare_spokes(role) -> bool:
    """True for "a spokeswoman" or "the spokesman" with no body of its own (no "for", "of", name or owner word)."""
    return role.lemma_.lower() in _SPOKES_NOUNS \
        and any(c.dep_ == "det" and c.lower_ in ("a", "the") for c in role.children) \
        and not any(c.dep_ in ("prep", "poss", "compound", "amod", "nmod") for c in role.children)


def _roles_then_names(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A role phrase, then the person after a comma: "Ohio's governor, Ann Roe", "the head of Acme, Ann Roe"."""
    for person in {id(m): m for m in index.by_token.values() if m.type == EntityType.Person}.values():
        ids = index.token_ids(person)
        j = ids[0] - 1
        if j >= 1 and doc[j].text != "," and doc[j].pos_ == "PROPN" and index.at(doc[j]) is None:
            j -= 1  # "Ohio's governor, Democrat Ann Roe": a party word before the name
        if j < 2 or doc[j].text != ",":
            continue
        found = _role_before(doc, index, j)
        if found is None:
            continue
        role, entity = found
        holder = index.at(role.head) if role.dep_ == "appos" else None
        if holder is not None and holder.type == EntityType.Person or _is_portfolio(entity):
            continue  # "Bob Li, the head of Acme, Ann Roe and ...": the role is Bob Li's
        cls, lemma = role_of_token(role), role.lemma_.lower()
        pred = _predicate_for(cls, lemma, person, entity)
        if pred is None:
            continue
        _r, _l, phrase = _role_words([role])
        yield _make(person, pred, entity, "rule:role-then-name", role.sent, offset, phrase)
        if pred in OFFICE_PREDICATES and entity.type == EntityType.Country:
            yield _make(person, Predicate.citizenOf, entity, "rule:title-citizen", role.sent, offset, phrase)



@rule("rule:title-citizen", "A state's leader or official, named by a title, is its citizen.",
      (Predicate.citizenOf,),
      examples=[
          ("Chinese President Hal Brun arrived in Moscow on Monday.", ("Hal Brun", Predicate.citizenOf, "China")),
      ],
      counter_examples=[
          ("Hal Brun met the Chinese president in Moscow.", ("Hal Brun", Predicate.citizenOf, "China")),
      ])
def rule_title_citizen(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule title-citizen (read by :func:`_title_phrases`)."""
    return [r for matcher in (_title_phrases, _appositions, _roles_then_names)
            for r in _only("rule:title-citizen", index, matcher, doc, offset)]


@rule("rule:role-then-name", "A role phrase, then the person after a comma, says what the person leads or works for.",
      (Predicate.worksFor, Predicate.leaderOf, Predicate.memberOf, Predicate.citizenOf, Predicate.livesIn),
      examples=[
          ("Secretary-general from the Tarsk Freedom Party, Paula Renner, called the plan reckless.",
           ("Paula Renner", Predicate.leaderOf, "Tarsk Freedom Party")),
          ("The head of the business-oriented Tarsk Freedom Party, Paula Renner, called the plan reckless.",
           ("Paula Renner", Predicate.leaderOf, "Tarsk Freedom Party")),
          ("The chairman of the Quillmoor Rail Company, Paula Renner, resigned on Friday.",
           ("Paula Renner", Predicate.leaderOf, "Quillmoor Rail Company")),
          ("Voters cheered Tacoma's mayor, Lena Marsh, at the fair.", ("Lena Marsh", Predicate.leaderOf, "Tacoma")),
          ("The Chilean president, Hal Brun, arrived in Lima on Monday.", ("Hal Brun", Predicate.leaderOf, "Chile")),
          ("The minister met her Hungarian counterpart, Gabor Szabo, in Vienna.",
           ("Gabor Szabo", Predicate.worksFor, "Hungary")),
          # "Its": the organization the sentence before is about.
          ("Tarvel Motors reported record profits on Tuesday. Its chief executive, Hans Lotter, said demand was strong.",
           ("Hans Lotter", Predicate.leaderOf, "Tarvel Motors")),
          ("The Tarsk Weather Union called the data alarming. Its secretary-general, Hans Lotter, urged action.",
           ("Hans Lotter", Predicate.leaderOf, "Tarsk Weather Union")),
          ("Tarvel Motors reported record profits on Tuesday. The company's chief executive, Hans Lotter, said "
           "demand was strong.", ("Hans Lotter", Predicate.leaderOf, "Tarvel Motors")),
          ("The union Tarsk Dockers Federation, which speaks for most dockers, called a strike. Its chairman, "
           "Hans Lotter, said talks had failed.", ("Hans Lotter", Predicate.leaderOf, "Tarsk Dockers Federation")),
          ("Ohio passed the law on Monday. The state's governor, Ann Roe, signed it.",
           ("Ann Roe", Predicate.leaderOf, "Ohio")),
          # "the country's": the one country the sentence before names, when its subject is no country.
          ("Floods hit Poland on Monday. The country's president, Anton Keller, asked for help.",
           ("Anton Keller", Predicate.leaderOf, "Poland")),
          ("Storms cut power across Graz on Monday. The city's mayor, Anton Keller, asked for patience.",
           ("Anton Keller", Predicate.leaderOf, "Graz")),
          # an acronym in brackets after the body
          ("The head of the Tarsk Association of Carmakers (TAC), Ilse Varga, called for lower prices.",
           ("Ilse Varga", Predicate.leaderOf, "Tarsk Association of Carmakers")),
          # where the role is held, between the role and the comma
          ("The Tarsk Freedom Party won six seats in the vote. The party's leader in the state, Ilse Varga, "
           "called the result historic.", ("Ilse Varga", Predicate.leaderOf, "Tarsk Freedom Party")),
          # "to" names the post, the possessive whom the envoy serves.
          ("Canada's ambassador to Germany, Tom Brask, said his country would wait.",
           ("Tom Brask", Predicate.worksFor, "Canada")),
          # A country or town after "of": the office is of it, unless an ordinal makes it one of a line.
          ("The president of Chile, Ana Berg, said on Monday that rates would rise.",
           ("Ana Berg", Predicate.leaderOf, "Chile")),
          # A town after "in" is where the spokesman serves; the possessive says whom for.
          ("The Tarsk Refugee Council counted 5,000 people in the camp. Its spokesman in Athens, Hans Lotter, said "
           "conditions had improved.", ("Hans Lotter", Predicate.worksFor, "Tarsk Refugee Council")),
          # "the paper's": a newspaper's kind word stands for the paper.
          ("The Tarsker Post printed the letters on Monday. The paper's deputy editor, Hans Lotter, defended them.",
           ("Hans Lotter", Predicate.worksFor, "Tarsker Post")),
          ("The European Union's trade commissioner, Hans Lotter, said the ruling was a blow.",
           ("Hans Lotter", Predicate.worksFor, "European Union")),
          # "the charity's": every kind noun written before an organization's name stands for one; and a
          # sentence parsed with no verb ("The X's chief executive, Y, called ...") reads the one before.
          ("Floods cut off hundreds of villages, the Tarsk Aid Foundation said on Tuesday. The charity's secretary "
           "general, Hans Lotter, called on the government in Velgrad to release funds.",
           ("Hans Lotter", Predicate.leaderOf, "Tarsk Aid Foundation")),
          # "a spokeswoman" with no body of her own speaks for the one the sentence before is about.
          ("The Tarsk Port Authority said it was watching closely. A spokeswoman, Clara Neumann, said the port "
           "would stay open.", ("Clara Neumann", Predicate.worksFor, "Tarsk Port Authority")),
      ],
      counter_examples=[
          # The sentence before is about a person: a bare spokeswoman speaks for no body named there.
          ("Anna Keskula met Tarsk Port Authority staff on Monday. A spokeswoman, Clara Neumann, said the port "
           "would stay open.", ("Clara Neumann", Predicate.worksFor, "Tarsk Port Authority")),
          # The reported clause comes after the verb: "its" is the sentence before's, not Tarsk Bank.
          ("Vellox posted a loss. Its chief executive, Hans Lotter, said Tarsk Bank would help.",
           ("Hans Lotter", Predicate.leaderOf, "Tarsk Bank")),
          # Two countries named before and neither the subject: "the country's" is neither for sure.
          ("Troops from Poland arrived in Mali on Monday. The country's president, Anton Keller, welcomed them.",
           ("Anton Keller", Predicate.leaderOf, "Poland")),
          ("Troops from Poland arrived in Mali on Monday. The country's president, Anton Keller, welcomed them.",
           ("Anton Keller", Predicate.leaderOf, "Mali")),
          # "the party's" may stand for any organization: the sentence before's European Union is not meant.
          ("Critics said the money went to the European Union. The party's leader, Anton Keller, denied it.",
           ("Anton Keller", Predicate.leaderOf, "European Union")),
          # "the country's" names a country, not the firm the sentence before is about.
          ("Vellox posted a loss. The country's chief economist, Hans Lotter, said demand was weak.",
           ("Hans Lotter", Predicate.worksFor, "Vellox")),
          ("In 1901 the 9th president of Norway, Hal Brun, was born in Lillehavn.",
           ("Hal Brun", Predicate.leaderOf, "Norway")),
          ("The first governor of Ohio, Ann Roe, was born in a log cabin.", ("Ann Roe", Predicate.leaderOf, "Ohio")),
          ("The last king of Chile, Otto Brun, died in exile.", ("Otto Brun", Predicate.leaderOf, "Chile")),
          # The sentence is about a person: "its" names nothing the rule can tell.
          ("Hans Lotter visited Tarvel Motors. He said its spokesman, Tom Brask, was wrong.",
           ("Tom Brask", Predicate.worksFor, "Tarvel Motors")),
          ("The Chilean president, the minister and Hal Brun met in Lima.", ("Hal Brun", Predicate.leaderOf, "Chile")),
          ("Canada's ambassador to Germany, Tom Brask, said his country would wait.",
           ("Tom Brask", Predicate.worksFor, "Germany")),
          ("Its spokesman in Athens, Hans Lotter, said conditions had improved.",
           ("Hans Lotter", Predicate.worksFor, "Athens")),
          # "the company's" names a company, not the country the sentence before is about.
          ("Norway cut its oil output on Tuesday. The company's chief executive, Hans Lotter, said demand was weak.",
           ("Hans Lotter", Predicate.leaderOf, "Norway")),
      ])
def rule_role_then_name(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule role-then-name (read by :func:`_roles_then_names`)."""
    return _only("rule:role-then-name", index, _roles_then_names, doc, offset)


def _owner_of(poss, index: MentionIndex) -> Mention | None:
    """Return the person a possessive names: "Ann Roe's", or "his"/"her" for the subject of the clause.

    Why: "Ann Roe returned to her Leeds home" -- "her" is the subject of the
    verb the phrase hangs on (or the name in apposition to that subject).
    """
    named = index.at(poss)
    if named is not None:
        return named if named.type == EntityType.Person else None
    if poss.lower_ not in POSSESSIVE_PRONOUNS:
        return None
    verb = next((a for a in poss.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return None
    who = _subject_of(verb, index)
    if who is None:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        # "Roe's sister, Ann Vale, said from her home": the name in apposition to the subject.
        who = next((index.at(c) for c in subj.children if c.dep_ == "appos" and index.at(c)), None) \
            if subj is not None else None
    return who if who is not None and who.type == EntityType.Person else None


@rule("rule:home-noun", "A person's home or native place (\"her Leeds home\", \"his native Ohio\").",
      (Predicate.livesIn, Predicate.citizenOf, Predicate.bornIn),
      examples=[
          ("Paula Renner was found dead at her Ogden home.", ("Paula Renner", Predicate.livesIn, "Ogden")),
          ("A museum opened in Greta Solberg's Missoula birthplace.", ("Greta Solberg", Predicate.bornIn, "Missoula")),
      ],
      counter_examples=[
          ("Paula Renner visited the Ogden home of a friend.", ("Paula Renner", Predicate.livesIn, "Ogden")),
      ])
def rule_home_noun(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A person's home or native place: "her Leeds home", "his native Ohio", "Ann Roe's Ogden birthplace"."""
    for tok in tokens_where(doc, "lemma", HOME_PLACE_NOUNS | {"native"}):
        lemma = tok.lemma_.lower()
        if lemma == "native" and tok.dep_ == "amod":
            # "his native Ohio": the place is what "native" qualifies.
            noun, places = tok.head, [index.at(tok.head)]
        elif lemma in HOME_PLACE_NOUNS and tok.pos_ in ("NOUN", "ADV") and index.at(tok) is None:
            noun = tok
            places = [index.at(c) for c in tok.children if c.dep_ in ("compound", "nmod", "amod")]
            places += [index.at(w) for p in tok.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
                       for w in p.subtree]
        else:
            continue
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        person = _owner_of(poss, index) if poss is not None else None
        if person is None:
            continue
        seen = []
        for m in places:
            if m is not None and m.type in PLACE_TYPES and m not in seen and m is not person:
                seen.append(m)
        for m in seen:
            pred = Predicate.bornIn if lemma == "birthplace" else \
                Predicate.livesIn if m.type == EntityType.Place else Predicate.citizenOf
            yield _make(person, pred, m, "rule:home-noun", tok.sent, offset, lemma)


def _place_after(doc, index: MentionIndex, i: int) -> Mention | None:
    """Return the place named right after token ``i`` by "in"/"at" (adjectives and articles skipped): "in nearby Leeds"."""
    k = i + 1
    if k >= len(doc) or doc[k].lower_ not in ("in", "at"):
        return None
    k += 1
    while k < len(doc) and index.at(doc[k]) is None and doc[k].pos_ in ("DET", "ADJ"):
        k += 1
    m = index.at(doc[k]) if k < len(doc) else None
    return m if m is not None and m.type in PLACE_TYPES else None


def _clause_subject_org(tok, index: MentionIndex):
    """Return the organization that is the subject of the clause holding ``tok`` ("Acme moved its ..."), or None."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    while subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "Acme makes robots and employs 900 people at its headquarters in Leeds"
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subject = verb.head  # "Acme, which has its headquarters in Leeds,": the clause's noun
    m = index.at(subject) if subject is not None else None
    return m if m is not None and m.type == EntityType.Organization else None


def _headquarters_word(tok) -> bool:
    """True for "headquarters", and for an "office" that is one: "its head office in Leeds", "registered office"."""
    return tok.lower_ in HEADQUARTERS_WORDS or tok.lemma_.lower() == "office" and any(
        c.dep_ in ("compound", "amod") and c.lower_ in HEAD_OFFICE_WORDS for c in tok.children)


@rule("rule:headquarters", "An organization's headquarters and the place they are in.",
      (Predicate.basedIn,),
      examples=[
          ("Reporters waited outside Quillmoor Foods headquarters in nearby Ogden.",
           ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
          ("Quillmoor Foods makes soup and employs 900 people at its headquarters in Ogden.",
           ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
          ("Quillmoor Foods, which has its headquarters in Ogden, cut 40 jobs.",
           ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
          ("Quillmoor Foods has its head office in Ogden and a bakery in Leeds.",
           ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
      ],
      counter_examples=[
          ("Quillmoor Foods moved its staff from Ogden to new headquarters.",
           ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
          ("A lender sued Quillmoor Foods over its headquarters in Ogden.",
           ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
          ("Quillmoor Foods has its head office in Ogden and a bakery in Leeds.",
           ("Quillmoor Foods", Predicate.basedIn, "Leeds")),
          ("Quillmoor Foods opened a sales office in Ogden.", ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
      ])
def rule_headquarters(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """An organization's headquarters and where they are: "Acme headquarters in Leeds", "Acme's Leeds headquarters"."""
    # _headquarters_word accepts no other token than these
    maybe = {*tokens_where(doc, "lower", HEADQUARTERS_WORDS), *tokens_where(doc, "lemma", "office")}
    for tok in sorted(maybe, key=lambda t: t.i):
        if index.at(tok) is not None or not _headquarters_word(tok):
            continue
        org = next((index.at(c) for c in tok.children if c.dep_ in ("poss", "compound") and index.at(c)
                    and index.at(c).type == EntityType.Organization), None)
        if org is None and any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children):
            org = _clause_subject_org(tok, index)  # "Acme employs 900 people at its headquarters in Leeds"
        if org is None:
            continue
        places = [index.at(c) for c in tok.children if c.dep_ in ("compound", "nmod") and index.at(c)]
        places.append(_place_after(doc, index, tok.i))
        seen = []
        for m in places:
            if m is not None and m.type in PLACE_TYPES and m not in seen:
                seen.append(m)
        for m in seen:
            for place in _with_container(doc, index, m):
                yield _make(org, Predicate.basedIn, place, "rule:headquarters", tok.sent, offset)



@rule("rule:org-apposition",
      "A place before a kind of organization in apposition (\"a Leeds firm\") says where it sits.",
      (Predicate.basedIn,),
      examples=[
          ("Kolvo Holdings, a Leeds software firm, bought the stake.", ("Kolvo Holdings", Predicate.basedIn, "Leeds")),
          ("Tarvel Motors, India's largest carmaker, opened a plant.", ("Tarvel Motors", Predicate.basedIn, "India")),
          ("They bought Kolvo Holdings, a small software firm in Leeds, for cash.",
           ("Kolvo Holdings", Predicate.basedIn, "Leeds")),
      ],
      counter_examples=[
          ("Kolvo Holdings bought a Leeds software firm.", ("Kolvo Holdings", Predicate.basedIn, "Leeds")),
          ("Kolvo Holdings, a software firm with staff in Leeds, grew.", ("Kolvo Holdings", Predicate.basedIn, "Leeds")),
      ])
def rule_org_apposition(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """An organization described by a place and a kind: "Acme, a Leeds software firm", "Bolt, the Dutch carrier"."""
    for tok in tokens_where(doc, "dep", "appos"):
        if tok.dep_ != "appos" or tok.lemma_.lower() not in ORG_KIND_BEFORE_NAME or index.at(tok) is not None:
            continue
        org = index.at(tok.head)
        edge = tok.left_edge.i
        if (org is None or org.type == EntityType.Person) and edge >= 2 and doc[edge - 1].text == ",":
            # "X, head of the Acme Agency, the Dutch agency that ...": the parser hangs both on the person.
            org = index.at(doc[edge - 2])
        if org is None or org.type != EntityType.Organization:
            continue
        seen = []
        # "a Leeds software firm", else "a software firm in Leeds"
        for words in ([w for c in tok.lefts for w in c.subtree],
                      [c for p in tok.rights if p.dep_ == "prep" and p.lower_ == "in" for c in p.children
                       if c.dep_ == "pobj"]):
            for w in words if not seen else ():
                m = index.at(w)
                if m is not None and m.type in PLACE_TYPES and m not in seen:
                    seen.append(m)
        for m in seen[:1]:
            for place in (_with_container(doc, index, m) if m.type == EntityType.Place else [m]):
                yield _make(org, Predicate.basedIn, place, "rule:org-apposition", tok.sent, offset)


#: Lower-case nouns of a country's parts written after the part's name ("Velt province", "Tarsk county").
_REGION_NOUNS = frozenset("province state region county district prefecture oblast municipality".split())


def _person_preps(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A person "of"/"from"/"at" somewhere: "Dr Kit Opie, from University College London", "Bob Dole of Kansas"."""
    for tok in tokens_where(doc, "dep", "prep"):
        if tok.dep_ != "prep" or tok.lower_ not in ("of", "from", "at", "with", "in"):
            continue
        person = index.at(tok.head)
        if person is None and tok.i >= 2 and doc[tok.i - 1].text == ",":
            # "Anna Berg, from Oxford University, led the study": the parser hangs "from" on the verb.
            person = index.at(doc[tok.i - 2])
            if person is None and tok.i >= 4 and doc[tok.i - 2].like_num and doc[tok.i - 3].text == ",":
                # "Anna Berg, 45, of Leeds": an age between the name and the place.
                person = index.at(doc[tok.i - 4])
        if person is None or person.type != EntityType.Person or index.at(tok) is person:
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        m = index.at(pobj) if pobj is not None else None
        if m is None and pobj is not None and pobj.is_lower and pobj.lemma_ in _REGION_NOUNS:
            # "Governor Ana Berg of Velt province": the place named before the region's noun
            m = next((index.at(c) for c in pobj.children if c.dep_ == "compound" and index.at(c) is not None
                      and index.at(c).type != EntityType.Person), None)
        if m is None or m is person:
            continue
        ids = index.token_ids(person)
        if tok.lower_ == "of" and ids and ids[0] > 0 and tok.i == ids[-1] + 1:
            # "Governor Tom Reyes of New Mexico": the office written before the name is held "of" what follows.
            title = doc[ids[0] - 1]
            cls = role_of_token(title) if title.text[:1].isupper() else None
            pred = _predicate_for(cls, title.lemma_.lower(), person, m) if cls is not None else None
            if pred in (Predicate.leaderOf, Predicate.worksFor):
                yield _make(person, pred, m, "rule:title-of", tok.sent, offset, title.text)
        if tok.lower_ == "in":
            if m.type == EntityType.Place and tok.head.i == ids[-1] == tok.i - 1 and ids[0] > 0 \
                    and _role_words([doc[ids[0] - 1]])[0] is not None and not _visiting(doc[ids[-1]]):
                # "spokesman Tom Rand in Leeds said": the town named with an official is where he is based.
                for place in _with_container(doc, index, m):
                    yield _make(person, Predicate.livesIn, place, "rule:person-in", tok.sent, offset)
            continue
        if m.type == EntityType.Organization:
            yield _make(person, Predicate.worksFor, m, "rule:person-prep", tok.sent, offset)
        elif m.type == EntityType.Country and tok.lower_ in ("of", "from"):
            yield _make(person, Predicate.citizenOf, m, "rule:person-prep", tok.sent, offset)
        elif m.type == EntityType.Place and tok.lower_ in ("of", "from"):
            # "Peggy Say of Batavia, N.Y.": she lives in the town and in its state.
            for place in _with_container(doc, index, m):
                yield _make(person, Predicate.livesIn, place, "rule:person-prep", tok.sent, offset)


@rule("rule:person-prep", "A person \"of\"/\"from\"/\"at\" an organization or place works for it or lives there.",
      (Predicate.worksFor, Predicate.citizenOf, Predicate.livesIn),
      examples=[
          ("Dr Anna Berg, from Oxford University, led the study.",
           ("Anna Berg", Predicate.worksFor, "Oxford University")),
          ("Greta Solberg, 45, of Ogden, was hurt in the crash.", ("Greta Solberg", Predicate.livesIn, "Ogden")),
      ],
      counter_examples=[
          ("Anna Berg flew from Ogden to Oslo.", ("Anna Berg", Predicate.livesIn, "Ogden")),
      ])
def rule_person_prep(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule person-prep (read by :func:`_person_preps`)."""
    return _only("rule:person-prep", index, _person_preps, doc, offset)


@rule("rule:title-of", "A capitalized office before a name, and \"of\" a place or body right after it, says what "
      "the person leads or works for.",
      (Predicate.leaderOf, Predicate.worksFor),
      examples=[
          ("Governor Tom Reyes of New Mexico praised the bill.", ("Tom Reyes", Predicate.leaderOf, "New Mexico")),
          ("Governor Tom Reyes of Santa Fe province praised the bill.", ("Tom Reyes", Predicate.leaderOf, "Santa Fe")),
          ("Foreign Minister Jan Keller of Austria met the envoys.", ("Jan Keller", Predicate.worksFor, "Austria")),
          ("Chairman Lars Vik of the Tarsk Shipping Group resigned.",
           ("Lars Vik", Predicate.leaderOf, "Tarsk Shipping Group")),
      ],
      counter_examples=[
          ("Tom Reyes of New Mexico praised the bill.", ("Tom Reyes", Predicate.leaderOf, "New Mexico")),
          ("Lawyer Tom Reyes of Ogden filed the suit.", ("Tom Reyes", Predicate.worksFor, "Ogden")),
          ("Governor Tom Reyes, 58, of Ogden spoke.", ("Tom Reyes", Predicate.leaderOf, "Ogden")),
      ])
def rule_title_of(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule title-of (read by :func:`_person_preps`)."""
    return _only("rule:title-of", index, _person_preps, doc, offset)


@rule("rule:person-in", "An official named with a town (\"spokesman Tom Rand in Leeds\") is based there.",
      (Predicate.livesIn,),
      examples=[
          ("The bridge is safe, said city spokesman Tom Brask in Ogden.", ("Tom Brask", Predicate.livesIn, "Ogden")),
      ],
      counter_examples=[
          ("The bank was robbed by Tom Brask in Ogden.", ("Tom Brask", Predicate.livesIn, "Ogden")),
          ("Norwegian foreign minister Ann Roe met her Swedish counterpart Tom Brask in Oslo.",
           ("Tom Brask", Predicate.livesIn, "Oslo")),
      ])
def rule_person_in(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule person-in (read by :func:`_person_preps`)."""
    return _only("rule:person-in", index, _person_preps, doc, offset)


def _visiting(tok) -> bool:
    """True when the verb a name hangs on is a visit or a meeting: "met her counterpart Ann Roe in Oslo"."""
    for _n in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    return tok.lemma_.lower() in VISIT_VERBS


def _with_container(doc, index: MentionIndex, place: Mention) -> list[Mention]:
    """Return the place and the one named right after it with a comma: "Batavia, N.Y." gives both."""
    ids = index.token_ids(place)
    if not ids or place.type != EntityType.Place or ids[-1] + 2 >= len(doc) or doc[ids[-1] + 1].text != ",":
        return [place]
    outer = index.at(doc[ids[-1] + 2])
    if outer is None or outer is place or outer.type not in PLACE_TYPES:
        return [place]
    if _in_list(doc, index, ids[-1], outer):
        return [place]
    return [place, outer]


def _subject_of(verb, index: MentionIndex) -> Mention | None:
    """Return the mention a verb's subject names; "who" in a relative clause stands for the noun it follows."""
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    climb = verb
    for _ in range(3):
        # "Brask acted alone in killing Hale": a verb without subject takes its governor's.
        if subj is not None or climb.dep_ not in ("xcomp", "pcomp", "advcl", "prep"):
            break
        climb = climb.head
        subj = next((c for c in climb.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        return index.at(verb.head)
    return index.at(subj)


#: Dependency labels of a verb's object and of a preposition's object.
OBJECT_DEPS = frozenset(("dobj",))
SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))
PREP_OBJECT_DEPS = frozenset(("pobj",))


def _unreal(verb) -> bool:
    """True for a verb negated ("does not lead", "never worked"), conditional, asked about, merely possible, or denied.

    Conditional: under "if" or "unless", or with such a clause of its own
    ("If elected, X would become mayor of Y"). Asked about: "asked whether X
    worked for Y", "Is X the head of Y?". Merely possible: "X could be named
    head of Y" (a modal of possibility; "would" alone also tells of a past
    that happened: "X, who would later lead Y").
    """
    for c in verb.children:
        if c.dep_ == "neg" or c.dep_ == "mark" and (c.lower_ in _CONDITIONS or c.lower_ in QUESTION_MARKS):
            return True
        if c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS:
            return True
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children):
            return True
    # A yes-no question asks its own main verb ("Does X work for Y?"); a clause inside it is taken for granted.
    return _denied(verb) or verb.i == verb.sent.root.i and polar_question(verb.sent)


#: Words that make a clause a supposition: "if X leads Y", "unless X joins Y".
_CONDITIONS = frozenset(("if", "unless"))

#: Words a yes-no question opens with: "Is X the head of Y?", "Did X work for Y?", "Could X lead Y?".
_QUESTION_OPENERS = frozenset("""is are was were am do does did has have had can could will would shall should may
might must""".split())


def polar_question(sent) -> bool:
    """True for a sentence that asks yes or no ("Is X the new head of Y?"): it asserts neither.

    A question with a question word keeps what it takes for granted ("Why did Y's
    chief X resign?" still says X heads Y).
    """
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ('"', "'", "\u201d", "\u2019", ")")), None)
    return first is not None and last is not None and last.text == "?" and first.lower_ in _QUESTION_OPENERS


#: Links a clause hangs on the word that reports it by: "denied reports that X leads Y", "rumours that X heads Y".
_REPORTED_BY = frozenset("ccomp acl xcomp dobj pobj prep".split())


def _denied(verb) -> bool:
    """True for a clause a denial or a rumour reports: "X denied that he leads Y", "rumours that X heads Y".

    Why: such a clause says what is disputed, not what holds. A relative
    clause ends the climb: it describes its noun ("Y, who leads X").
    """
    cur = verb
    for _n in range(4):
        if cur.dep_ not in _REPORTED_BY or cur.head is cur:
            return False
        cur = cur.head
        lemma = cur.lemma_.lower()
        if lemma in RUMOUR_NOUNS or lemma in DENY_VERBS and not any(c.dep_ == "neg" for c in cur.children):
            return True
    return False


def _inflection_of(tok, words) -> bool:
    """True when a word's lemma, or the word less an inflection's ending, is in ``words``.

    Why: spaCy-small lemmatizes some verbs wrongly ("hopes" as "hop").
    """
    w = tok.lower_
    return tok.lemma_.lower() in words or w in words or \
        any(w.endswith(end) and w[:-len(end)] in words for end in ("s", "es", "d", "ed"))


def _verb_persons(tok, index: MentionIndex, verbs) -> list[Mention]:
    """Return the persons a verb whose lemma is in ``verbs`` has as subject, with those joined to it by "and".

    Why: "Ann Roe and Tom Brask work for Acme" -- the conjuncts of the
    subject share its verb (spaCy's ``Token.conjuncts``, as textacy reads them).
    """
    if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in verbs or _unreal(tok):
        return []  # "Ann Roe does not lead Acme", "if Ann Roe joined Acme": no role held
    person = _subject_of(tok, index)
    if tok.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        gov = tok.head
        if _inflection_of(gov, AIM_WORDS):
            return []  # "Ann Roe wants to lead Acme": an aim, not a role held
        if gov.lemma_.lower() in APPOINT_VERBS and not any(c.dep_ == "neg" for c in gov.children):
            # "Ann Roe was elected to lead Acme", "the board chose Ann Roe to run Acme": the one given the role
            given = next((c for c in gov.children if c.dep_ == ("nsubjpass" if gov.tag_ == "VBN" else "dobj")), None)
            person = index.at(given) if given is not None else None
    if person is None and tok.dep_ in ("acl", "relcl") and tok.head.dep_ == "appos" and index.at(tok.head) is None:
        # "Ann Roe, a journalist working for Acme", "Ann Roe, a welder who worked for Acme": the clause's noun
        # stands in apposition to the person
        person = index.at(tok.head.head)
    if person is None and tok.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        # "Ann Roe grew up in Leeds and now lives in Ogden": a verb joined by "and" shares the first one's subject
        person = _subject_of(tok.head, index)
    if person is None or person.type != EntityType.Person:
        return []
    persons = [person]
    subj = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
    for c in subj.conjuncts if subj is not None else ():
        m = index.at(c)
        if m is not None and m.type == EntityType.Person and m not in persons:
            persons.append(m)
    return persons


#: Bodies that govern an organization: who chairs or leads "the board of X" leads X.
GOVERNING_BODIES = frozenset("board council presidium executive leadership".split())


def _verb_objects(tok, index: MentionIndex) -> Iterator[Mention]:
    """Yield the mentions a verb's direct objects name, and their conjuncts ("heads Acme and Bolt")."""
    for o in tok.children:
        if o.dep_ in OBJECT_DEPS:
            for w in (o, *o.conjuncts):
                if (m := index.at(w)) is not None:
                    yield m


def _verb_prep_objects(tok, index: MentionIndex, words) -> Iterator[Mention]:
    """Yield the mentions named after the verb's prepositions in ``words``: "works for Acme", "led by Ann Roe".

    A passive's "by" is the parser's agent, read as a preposition too.
    """
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in words:
            for g in c.children:
                if g.dep_ in PREP_OBJECT_DEPS:
                    for w in (g, *g.conjuncts):
                        if (m := index.at(w)) is not None:
                            yield m


def _led_body(tok, index: MentionIndex) -> Mention | None:
    """Return the organization or country a passive verb of leading is said of ("X, led by", "X is led by"), else None."""
    if tok.tag_ != "VBN" or tok.lemma_.lower() not in LEAD_VERBS:
        return None
    if tok.dep_ == "acl":
        body = index.at(tok.head)
    else:
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        body = index.at(subj) if subj is not None else None
    return body if body is not None and body.type in (EntityType.Organization, EntityType.Country) else None


@rule("rule:verb-lead", "A verb of leading says its subject leads its object.",
      (Predicate.leaderOf,),
      examples=[
          ("Ann Lisk heads the Labour Party.", ("Ann Lisk", Predicate.leaderOf, "the Labour Party")),
          ("Ann Lisk heads the Labour Party and the Quillmoor Institute.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Institute")),
          ("Ann Lisk chairs the board of Quillmoor Bank.", ("Ann Lisk", Predicate.leaderOf, "Quillmoor Bank")),
          # The passive: "led by" after the body, or as its verb.
          ("The Tarsk Freedom Movement, led by Ann Lisk, won the vote.",
           ("Ann Lisk", Predicate.leaderOf, "Tarsk Freedom Movement")),
          ("The Tarsk Freedom Movement is led by Ann Lisk.", ("Ann Lisk", Predicate.leaderOf, "Tarsk Freedom Movement")),
          # Given the role: a passive's subject, or the object of an active verb of choosing.
          ("Ann Lisk was elected to chair the Quillmoor Institute in May.",
           ("Ann Lisk", Predicate.leaderOf, "Quillmoor Institute")),
          ("The board chose Ann Lisk to run Quillmoor Bank.", ("Ann Lisk", Predicate.leaderOf, "Quillmoor Bank")),
          # A relative clause describes its noun, whatever the sentence does with that noun.
          ("Officials dismissed Ann Lisk, who heads Quillmoor Bank.", ("Ann Lisk", Predicate.leaderOf, "Quillmoor Bank")),
          # a kind noun before the name stands for it
          ("Tomas Brandt heads the logistics firm Nordhaven Freight.",
           ("Tomas Brandt", Predicate.leaderOf, "Nordhaven Freight")),
      ],
      counter_examples=[
          # Denied or supposed: no role held.
          ("Ann Lisk does not lead the Labour Party.", ("Ann Lisk", Predicate.leaderOf, "the Labour Party")),
          ("If Ann Lisk headed the Labour Party, it would win.", ("Ann Lisk", Predicate.leaderOf, "the Labour Party")),
          ("Ann Lisk denied reports that she heads the Labour Party.",
           ("Ann Lisk", Predicate.leaderOf, "the Labour Party")),
          ("Rumours that Ann Lisk heads Quillmoor Bank are false.", ("Ann Lisk", Predicate.leaderOf, "Quillmoor Bank")),
          # An aim, a forecast or a refusal: no role held.
          ("Ann Lisk hopes to run Quillmoor Bank one day.", ("Ann Lisk", Predicate.leaderOf, "Quillmoor Bank")),
          ("Ann Lisk is expected to head the Quillmoor Institute.",
           ("Ann Lisk", Predicate.leaderOf, "Quillmoor Institute")),
          ("The board chose Ann Lisk to run Quillmoor Bank.", ("board", Predicate.leaderOf, "Quillmoor Bank")),
          ("Ann Lisk met the head of the Labour Party.", ("Ann Lisk", Predicate.leaderOf, "the Labour Party")),
          # "led by" a country or a body: no person leads.
          ("A coalition led by Tarsland and the Tarsk Freedom Movement attacked.",
           ("Tarsland", Predicate.leaderOf, "Tarsk Freedom Movement")),
          ("Ann Lisk heads the Oslo office of Quillmoor Bank.", ("Ann Lisk", Predicate.leaderOf, "Quillmoor Bank")),
      ])
def rule_verb_lead(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A verb of leading: "Ann Roe heads the Labour Party"; "chairs the board of Acme" leads Acme too."""
    for tok in tokens_where(doc, "lemma", LEAD_VERBS):  # _led_body and _verb_persons read no other token
        body = _led_body(tok, index)
        for m in _verb_prep_objects(tok, index, ("by",)) if body is not None else ():
            # "The Acme Party, led by Ann Roe," and "Acme is led by Ann Roe": the agent leads the body
            if m.type == EntityType.Person:
                yield _make(m, Predicate.leaderOf, body, "rule:verb-lead", tok.sent, offset, tok.lemma_.lower())
        for person in _verb_persons(tok, index, LEAD_VERBS):
            for m in _verb_objects(tok, index):
                if m.type == EntityType.Person:
                    continue
                yield _make(person, Predicate.leaderOf, m, "rule:verb-lead", tok.sent, offset, tok.lemma_.lower())
            for o in tok.children:
                # "chairs the board of Acme": a body that governs the organization; "heads the Oslo office of
                # Acme" leads a part of it only (no statement here: the sentence head reads the pair)
                if o.dep_ in OBJECT_DEPS and o.lemma_.lower() in GOVERNING_BODIES and index.at(o) is None:
                    for p in o.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            for g in p.children:
                                m = index.at(g)
                                if m is not None and m.type == EntityType.Organization:
                                    yield _make(person, Predicate.leaderOf, m, "rule:verb-lead", tok.sent, offset,
                                                tok.lemma_.lower())


#: Verbs of a player or rider whose "for" names the team ("plays for", "scored for", "rides for", "drives for").
#: spaCy-small lemmatizes "rides" as "rid", which "for" a team never follows otherwise.
_TEAM_FOR_VERBS = frozenset("play score sign ride rid race drive".split())


@rule("rule:verb-work", "A verb of working says its subject works for the organization.",
      (Predicate.worksFor,),
      examples=[
          ("Tom Brask works for Quillmoor Foods.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Ann Lisk and Tom Brask worked for Quillmoor Foods.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Tom Brask, a chemist working for Quillmoor Foods, was hurt.",
           ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Tom Brask, a welder who worked for Quillmoor Foods at the time, was charged.",
           ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Jonas Weber, who plays for the Tarsk Rovers club, was injured.",
           ("Jonas Weber", Predicate.worksFor, "Tarsk Rovers")),
          ("Jonas Weber scored twice for the Tarsk Rovers club, who had lost the first game.",
           ("Jonas Weber", Predicate.worksFor, "Tarsk Rovers")),
          ("Jonas Weber, who rides for the Tarsk Rovers team, won the stage.",
           ("Jonas Weber", Predicate.worksFor, "Tarsk Rovers")),
      ],
      counter_examples=[
          ("Tom Brask sold his shares in Quillmoor Foods.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Jonas Weber played against the Tarsk Rovers club on Saturday.",
           ("Jonas Weber", Predicate.worksFor, "Tarsk Rovers")),
          ("Jonas Weber scored against Tarsk Rovers on Saturday.", ("Jonas Weber", Predicate.worksFor, "Tarsk Rovers")),
          ("Jonas Weber rode past the Tarsk Rovers club.", ("Jonas Weber", Predicate.worksFor, "Tarsk Rovers")),
          # asked about, not said
          ("Critics asked whether Tom Brask had ever worked for Quillmoor Foods.",
           ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Does Tom Brask still work for Quillmoor Foods?", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
      ])
def rule_verb_work(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A verb of working: "Ann Roe works for Acme", "she joined Acme", "he represents Norway"."""
    verbs = WORK_VERBS | {"work"} | _TEAM_FOR_VERBS  # made once, not at every token
    for tok in tokens_where(doc, "lemma", verbs):  # _verb_persons reads no other token
        lemma = tok.lemma_.lower()
        for person in _verb_persons(tok, index, verbs):
            if lemma in WORK_VERBS:
                employers = [m for m in _verb_objects(tok, index) if m.type in EMPLOYER_TYPES]
            else:
                # "plays for Tarsk United", "scored twice for Tarsk", "signed for Tarsk": a player's club;
                # "played against" or "with" it says nothing
                preps = ("for",) if lemma in _TEAM_FOR_VERBS else ("for", "at", "with")
                employers = [m for m in _verb_prep_objects(tok, index, preps) if m.type == EntityType.Organization]
                # "rides for the Tarsk Rovers team": the name modifies the kind noun the preposition governs
                employers += [m for p in tok.children if p.dep_ == "prep" and p.lower_ in preps
                              for g in p.children if g.dep_ == "pobj" and index.at(g) is None
                              and g.lemma_.lower() in ORG_KIND_BEFORE_NAME
                              for c in g.children if c.dep_ == "compound" and (m := index.at(c)) is not None
                              and m.type == EntityType.Organization and m not in employers]
            for m in employers:
                yield _make(person, Predicate.worksFor, m, "rule:verb-work", tok.sent, offset, lemma)


@rule("rule:org-hires", "An organization that hires, employs or signs a person is who the person works for.",
      (Predicate.worksFor,),
      examples=[
          ("Quillmoor Foods hired Tom Brask last year.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Tom Brask was recruited by Quillmoor Foods in 2019.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Quillmoor Foods employs Jonas Weber and Tom Brask.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
      ],
      counter_examples=[
          ("Quillmoor Foods hired lawyers to sue Tom Brask.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Quillmoor Foods did not hire Tom Brask.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Quillmoor Foods wants to hire Tom Brask.", ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
          ("Tom Brask hired Quillmoor Foods to cater the wedding.",
           ("Tom Brask", Predicate.worksFor, "Quillmoor Foods")),
      ])
def rule_org_hires(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """An employer taking a person on: "Acme hired Ann Roe", "Ann Roe was recruited by Acme"."""
    for tok in tokens_where(doc, "lemma", HIRE_VERBS):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in HIRE_VERBS or _unreal(tok):
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and _inflection_of(tok.head, AIM_WORDS):
            continue  # "Acme wants to hire Ann Roe": an aim
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        passive = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if passive is not None:
            employer = index.at(agent) if agent is not None else None
            hired = [m for w in (passive, *passive.conjuncts) if (m := index.at(w)) is not None]
        else:
            employer = _subject_of(tok, index)
            hired = list(_verb_objects(tok, index))
        if employer is None or employer.type != EntityType.Organization:
            continue
        for m in hired:
            if m.type == EntityType.Person:
                yield _make(m, Predicate.worksFor, employer, "rule:org-hires", tok.sent, offset, tok.lemma_.lower())


@rule("rule:verb-from", "\"is from\"/\"hails from\" a place says where the person comes from.",
      (Predicate.livesIn, Predicate.citizenOf),
      examples=[
          ("Greta Solberg is from Ogden in Weber County.", ("Greta Solberg", Predicate.livesIn, "Weber County")),
      ],
      counter_examples=[
          ("Greta Solberg flew from Ogden to Oslo.", ("Greta Solberg", Predicate.livesIn, "Ogden")),
      ])
def rule_verb_from(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """Where someone is from: "Ann Roe is from Yelm in Thurston County", "he hails from Leeds"."""
    for tok in tokens_where(doc, "lemma", FROM_VERBS):  # _verb_persons reads no other token
        for person in _verb_persons(tok, index, FROM_VERBS):
            for m in _verb_prep_objects(tok, index, ("from",)):
                if m.type not in PLACE_TYPES:
                    continue
                # Where she comes from, and what holds it.
                for place in _place_chain(doc, index, m):
                    pred = Predicate.livesIn if place.type == EntityType.Place else Predicate.citizenOf
                    yield _make(person, pred, place, "rule:verb-from", tok.sent, offset, tok.lemma_.lower())


@rule("rule:verb-live", "A verb of living (\"lives in\", \"grew up in\") says where the person lives.",
      (Predicate.livesIn,),
      examples=[
          ("Greta Solberg lives in Ogden.", ("Greta Solberg", Predicate.livesIn, "Ogden")),
          ("Greta Solberg lives in Ogden and Tacoma.", ("Greta Solberg", Predicate.livesIn, "Tacoma")),
          ("Greta Solberg, who grew up in Ogden, returned last year.", ("Greta Solberg", Predicate.livesIn, "Ogden")),
          ("Greta Solberg grew up in Ogden and now lives in Tacoma.", ("Greta Solberg", Predicate.livesIn, "Tacoma")),
      ],
      counter_examples=[
          ("Greta Solberg spoke in Ogden on Monday.", ("Greta Solberg", Predicate.livesIn, "Ogden")),
          ("Greta Solberg left and Tom Brask lives in Tacoma.", ("Greta Solberg", Predicate.livesIn, "Tacoma")),
      ])
def rule_verb_live(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A verb of living: "Ann Roe lives in Leeds", "she grew up in Ogden", "he was raised in Tulsa"."""
    for tok in tokens_where(doc, "lemma", LIVE_VERBS):  # _verb_persons reads no other token
        if tok.lemma_.lower() in ("grow", "raise") and not _grew_up(tok):
            continue
        for person in _verb_persons(tok, index, LIVE_VERBS):
            for m in _verb_prep_objects(tok, index, ("in",)):
                if m.type not in PLACE_TYPES:
                    continue
                for place in _with_container(doc, index, m):
                    yield _make(person, Predicate.livesIn, place, "rule:verb-live", tok.sent, offset,
                                tok.lemma_.lower())


def _grew_up(verb) -> bool:
    """True for "grew up" and a passive "was raised": both say where someone lived as a child."""
    if verb.lemma_.lower() == "grow":
        return any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
    return verb.tag_ == "VBN"


def _place_chain(doc, index: MentionIndex, place: Mention, limit: int = 3) -> list[Mention]:
    """Return the place and those holding it, named next with a comma or "in": "Yelm in Thurston County in the Yukon".

    Why: "from Yelm in Thurston County in the western Yukon" names three
    places the person comes from, each inside the next.
    """
    chain = [place]
    while len(chain) <= limit:
        last = chain[-1]
        outer = _with_container(doc, index, last)
        if len(outer) > 1:
            chain.append(outer[-1])
            continue
        k = index.token_ids(last)[-1] + 1
        if k >= len(doc) or doc[k].lower_ != "in":
            break
        k += 1
        while k < len(doc) and index.at(doc[k]) is None and doc[k].pos_ in ("DET", "ADJ"):
            k += 1  # "in southern Ogden", "in the Yukon"
        nxt = index.at(doc[k]) if k < len(doc) else None
        if nxt is None or nxt in chain or nxt.type not in PLACE_TYPES:
            break
        chain.append(nxt)
    return chain


@rule("rule:part-of", "A unit noun (\"a unit of X\") says an organization belongs to another.",
      (Predicate.partOf,),
      examples=[
          ("Kolvo Media Corp., a unit of Quillmoor Holdings Inc., changed its rules.",
           ("Kolvo Media Corp.", Predicate.partOf, "Quillmoor Holdings Inc.")),
      ],
      counter_examples=[
          ("Kolvo Bank bought a unit of Quillmoor Holdings.", ("Kolvo Bank", Predicate.partOf, "Quillmoor Holdings")),
      ])
def rule_part_of(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """An organization belonging to another: "Kolvo Bank, a unit of Quillmoor Holdings", "Bolt, a branch of Acme"."""
    for tok in tokens_where(doc, "lemma", UNIT_NOUNS):
        if tok.dep_ not in ("appos", "attr") or tok.lemma_.lower() not in UNIT_NOUNS:
            continue
        head = tok.head if tok.dep_ == "appos" else next(
            (c for c in tok.head.children if c.dep_ == "nsubj"), None)
        part = index.at(head) if head is not None else None
        if part is None or part.type != EntityType.Organization:
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    whole = index.at(pobj)
                    if whole is not None and whole.type == EntityType.Organization and whole is not part:
                        yield _make(part, Predicate.partOf, whole, "rule:part-of", tok.sent, offset, tok.lemma_)


@rule("rule:based-in", "\"based in\"/\"headquartered in\" a place says where an organization sits.",
      (Predicate.basedIn,),
      examples=[
          ("Quillmoor Foods, based in Ogden, reported losses.", ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
          ("Tarvel Motors, the carmaker based in Ogden, reported losses.",
           ("Tarvel Motors", Predicate.basedIn, "Ogden")),
          ("The Berlin-based think tank Tarsk Forum published the study.",
           ("Tarsk Forum", Predicate.basedIn, "Berlin")),
          ("The Hamburg-based weekly Die Zeit published the letters.", ("Die Zeit", Predicate.basedIn, "Hamburg")),
          ("The Tarsk Human Rights Council, an Ogden-based watchdog, counted the dead.",
           ("Tarsk Human Rights Council", Predicate.basedIn, "Ogden")),
          ("Tarvel Motors opened a plant on Tuesday. The company, based in Ogden, will hire 2,000 workers.",
           ("Tarvel Motors", Predicate.basedIn, "Ogden")),
          ("Tarvel Motors will cut 500 jobs, the Ogden-based company said on Friday.",
           ("Tarvel Motors", Predicate.basedIn, "Ogden")),
          ("Berlin-based startup Quelvix hired Mara Tendell as chief executive on Monday.",
           ("Quelvix", Predicate.basedIn, "Berlin")),
          ("The Tarsk Food Fund, a Velmor League agency based in Ogden, warned of hunger.",
           ("Tarsk Food Fund", Predicate.basedIn, "Ogden")),
      ],
      counter_examples=[
          ("Quillmoor Foods sold its plant in Ogden.", ("Quillmoor Foods", Predicate.basedIn, "Ogden")),
          # "a Velmor League agency" is some agency of the league, not the league
          ("The Tarsk Food Fund, a Velmor League agency based in Ogden, warned of hunger.",
           ("Velmor League", Predicate.basedIn, "Ogden")),
          ("Ann Roe praised Tarvel Motors on Tuesday. The company, based in Ogden, will hire 2,000 workers.",
           ("Ann Roe", Predicate.basedIn, "Ogden")),
      ])
def rule_based_in(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """Where an organization sits: "Nokia, based in Espoo", "headquartered in Paris", "a Munich-based firm"."""
    for tok in tokens_where(doc, "lower", BASED_WORDS):
        if tok.lower_ not in BASED_WORDS:
            continue
        if tok.i >= 2 and doc[tok.i - 1].text == "-":
            # "the Munich-based Allianz": the place before the hyphen, the organization it modifies.
            place, org = index.at(doc[tok.i - 2]), index.at(tok.head)
            head = tok.head
            while org is None and head.dep_ in ("compound", "amod") and head.head is not head:
                # "the Tarsk-based think tank Vell Forum", "the Tarsk-based weekly Vell Zeitung": the kind word
                # modifies the name
                head = head.head
                org = index.at(head)
            if org is None and head.dep_ == "appos":
                org = index.at(head.head)  # "Tarsk Watch, a Tarsk-based watchdog": the kind noun is the name's apposition
            if org is None and head.lemma_.lower() in ORG_KIND_BEFORE_NAME and head.i + 1 < len(doc):
                # "Tarsk-based startup Vellox hired ...": the parser may hang the kind noun anywhere, but the name
                # written right after it is the one it describes
                org = index.at(doc[head.i + 1])
            if org is None and head.lemma_.lower() in ORG_NOUNS \
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
                # "Tarvel will cut jobs, the Ogden-based company said": the firm the sentence is about
                org = _its_referent(index, head, (EntityType.Organization,))
            if org is None:
                org = next((index.at(c) for c in tok.head.subtree if index.at(c) is not None
                            and index.at(c).type == EntityType.Organization), None)
            if place is not None and org is not None and place.type in PLACE_TYPES \
                    and org.type == EntityType.Organization:
                yield _make(org, Predicate.basedIn, place, "rule:based-in", tok.sent, offset)
            continue
        org = index.at(tok.head) if tok.dep_ in ("acl", "amod", "appos") else None
        if org is None and tok.dep_ == "acl" and tok.head.dep_ == "appos" and index.at(tok.head) is None:
            org = index.at(tok.head.head)  # "Acme, the carmaker based in Leeds": the noun is the name's apposition
        before = index.at(doc[tok.i - 1]) if tok.i > 0 else None
        if tok.dep_ == "acl" and before is not None and before.type == EntityType.Organization:
            # "a spokeswoman for Acme based in Leeds": the parser hangs "based" on the noun before the name.
            org = before
        if org is None and tok.dep_ in ("ROOT", "relcl", "ccomp") or tok.head.lemma_ == "be":
            org = _subject_of(tok if tok.dep_ != "acomp" else tok.head, index)
        if org is None and tok.dep_ == "acl" and tok.head.lemma_.lower() in ORG_NOUNS \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.head.children):
            # "Tarvel Motors opened a plant. The company, based in Ogden, ...": the firm the sentence before is about
            org = _its_referent(index, tok.head, (EntityType.Organization,))
        if org is None or org.type != EntityType.Organization:
            continue
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                for pobj in prep.children:
                    m = index.at(pobj)
                    if m is not None and m.type in PLACE_TYPES:
                        for place in _with_container(doc, index, m):
                            yield _make(org, Predicate.basedIn, place, "rule:based-in", tok.sent, offset)


@rule("rule:org-country-name",
      "A country word opening or closing an organization's name says where it sits, when the country is named too.",
      (Predicate.basedIn,),
      examples=[
          ("The German Football Association said Germany would host the final.",
           ("German Football Association", Predicate.basedIn, "Germany")),
          ("The Refugee Aid Council of Norway said Norway had broken the law.",
           ("Refugee Aid Council of Norway", Predicate.basedIn, "Norway")),
          ("The group Tarsk Watch Norway said oil drilling in Norway had to stop.",
           ("Tarsk Watch Norway", Predicate.basedIn, "Norway")),
      ],
      counter_examples=[
          ("The Football Association said Germany would host the final.",
           ("Football Association", Predicate.basedIn, "Germany")),
          # A town opening the name is left out (see _name_places).
          ("Ilse Varga, a professor at the University of Rostock, said rents in Rostock had risen.",
           ("University of Rostock", Predicate.basedIn, "Rostock")),
          # The country must be named in the article besides the name.
          ("The Refugee Aid Council of Norway said the law was broken.",
           ("Refugee Aid Council of Norway", Predicate.basedIn, "Norway")),
      ])
def rule_org_country_name(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A country word opening or closing an organization's name: "German Academic Exchange Service"."""
    named = {}
    for m in index.by_token.values():
        if m.type in PLACE_TYPES:
            named.setdefault(m.name, m)
    for org in {id(m): m for m in index.by_token.values() if m.type == EntityType.Organization}.values():
        words = org.text.split()
        if len(words) < 2:
            continue
        for where in _name_places(words):
            if where in named and named[where] is not org:
                token = doc[index.token_ids(org)[0]]
                yield _make(org, Predicate.basedIn, named[where], "rule:org-country-name", token.sent, offset)
                break


def _name_places(words: list[str]) -> list[str]:
    """Return the names of the countries an organization's name opens or closes with.

    "German Academic Exchange Service", "Refugee Council of Veltria", "Alternative for Veltria", "Greenpeace
    Veltria": the first word (or two), or the words after a last "of" or "in", or the last word. Towns are
    left out: DWIE 1-602 states a body's town far less often than its country (a town reading there added 8
    right statements and 15 false ones, mostly true ones its annotators did not write: "Air Tarsk" in Tarsk).
    """
    out = []
    cut = max((i for i, w in enumerate(words) if w in ("of", "in")), default=-1)
    parts = [words[:1], words[:2]] + ([words[cut + 1:]] if 0 < cut < len(words) - 1 else []) + [words[-1:]]
    for part in parts:
        found = gazetteer.demonym(" ".join(part)) or gazetteer.country(" ".join(part))
        if found is not None:
            out.append(found.name)
    return out


#: Verbs a role follows as what the subject is or becomes ("is", "became mayor of X").
COPULA_VERBS = frozenset("be become remain".split())

#: Verbs that make someone a role ("was elected mayor of X", "the board named X chief executive of Y").
MAKE_ROLE_VERBS = frozenset("elect re-elect reelect appoint name make choose select install hire promote".split())


def _copulas(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A role stated with "be": "Charest is the leader of the Quebec Liberal Party"; "was elected mayor of X"."""
    # An attribute, an object of "as" (_serves_as, _made_as) or a predicate complement: no other token is read.
    for tok in tokens_where(doc, "dep", ("attr", "pobj", "oprd")):
        if tok.dep_ == "attr" and tok.head.lemma_ in COPULA_VERBS:
            verb = tok.head
            subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ == "who" and tok.head.dep_ == "relcl":
                subj = tok.head.head  # "Ann Lisk, who is also Tarsk's interior minister,": the clause's noun
        elif (subj := _serves_as(tok)) is not None:
            verb = _as_verb(tok)  # "Ann Lisk served as leader of the Tarsk Party"
        elif tok.dep_ == "oprd" and tok.head.lemma_ in MAKE_ROLE_VERBS or _made_as(tok):
            # the one made the role: a passive's subject ("X was elected mayor"), else the object ("named X head")
            verb = tok.head if tok.dep_ == "oprd" else tok.head.head
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) \
                or next((c for c in verb.children if c.dep_ in ("dobj", "oprd")), None)
        else:
            continue
        if _unreal(verb):
            continue  # "Ann Roe is not a member of X", "if Ann Roe became president of X": no role held
        cls = role_of_token(tok)
        home = tok.lemma_.lower() in HOME_NOUNS
        if cls is None and not home:
            continue
        person = index.at(subj) if subj is not None else None
        if person is None or person.type != EntityType.Person:
            continue
        if home:
            # "Miller is a Wilmington native", "she is a resident of Leeds": the person's home town.
            words = [w for c in tok.children if c.dep_ in ("compound", "nmod", "amod") for w in c.subtree]
            words += [w for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for w in p.subtree]
            m = next((index.at(w) for w in words if index.at(w) is not None
                      and index.at(w).type in PLACE_TYPES), None)
            if m is not None:
                pred = Predicate.livesIn if m.type == EntityType.Place else Predicate.citizenOf
                for place in _with_container(doc, index, m):
                    yield _make(person, pred, place, "rule:copula-home", tok.sent, offset, tok.lemma_)
            continue
        bodies = []
        inner = set()  # bodies named inside an unnamed part of them ("chairman of the board at Vellox's unit")
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for", "at"):
                for pobj in prep.children:
                    # the phrase's own head first: "deputy head of the Tarskian insurer Alpen Re" is Alpen Re's
                    m = next((index.at(w) for w in (pobj, *pobj.subtree)
                              if index.at(w) and index.at(w).type != EntityType.Person), None)
                    if m is None and tok.dep_ != "attr" and pobj.pos_ == "NOUN" \
                            and any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in pobj.children):
                        # "Acme appointed Ann Roe as head of its freight unit": the maker's own part
                        m = _maker(verb, index)
                        m = m if m is not None and m.type == EntityType.Organization else None
                    if m is not None:
                        bodies.append(m)
                        if index.at(pobj) is None and pobj.pos_ == "NOUN" and m.type == EntityType.Organization:
                            inner.add(id(m))
        if not bodies and tok.dep_ == "attr":
            # "Ann Lisk is Tarsk's interior minister": the owner written before the role
            poss = next((index.at(c) for c in tok.children if c.dep_ == "poss" and index.at(c) is not None), None)
            bodies = [poss] if poss is not None and poss.type != EntityType.Person else []
        if not bodies and tok.dep_ != "attr":
            # "The Tarsk Party chose Ann Lisk as its new leader": "its" is the body that made her its leader.
            body = _chooser(tok, verb, index)
            bodies = [body] if body is not None else []
        for m in bodies:
            pred = _predicate_for(cls, tok.lemma_.lower(), person, m)
            if pred == Predicate.leaderOf and id(m) in inner:
                pred = Predicate.worksFor  # the head of a part of the body works for the body
            if pred:
                _r, _l, phrase = _role_words([tok])
                yield _make(person, pred, m, "rule:copula-role", tok.sent, offset, phrase)


#: Verbs whose subject holds, takes up or leaves the role after "as" ("served as leader of X", "stays on as
#: chairman of X", "took over as head of X", "was sworn in as X's president", "stepped down as chairman of X",
#: "succeeded Ann Roe as chief executive of X"): a role left was held, as a former title is.
SERVE_AS_VERBS = frozenset("""serve stay remain continue work act return take swear succeed replace step resign
quit retire""".split())


def _as_verb(tok):
    """Return the verb a role noun after "as" hangs on ("served as leader", "chose X as its leader"), or None."""
    if not (tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.dep_ == "prep"):
        return None
    head = tok.head.head
    if head.dep_ == "dobj" and head.head.lemma_ in _SUCCEED_VERBS:
        return head.head  # "succeeded Ann Roe as chief executive": "as" may hang on the one succeeded
    return head


#: Verbs whose subject takes the role after "as" from their object ("succeeded Ann Roe as its chairman").
_SUCCEED_VERBS = frozenset("succeed replace".split())


def _serves_as(tok):
    """Return the subject of a verb of serving a role noun after "as" hangs on ("X served as leader of Y"), or None."""
    verb = _as_verb(tok)
    if verb is None or verb.lemma_ not in SERVE_AS_VERBS:
        return None
    # "was sworn in as president": a passive's subject takes the role
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ == "who" and verb.dep_ == "relcl":
        return verb.head  # "Ann Lisk, who stepped down as chairman of X,": the clause's noun
    return subj


def _made_as(tok) -> bool:
    """True for a role noun after "as" hung on a verb that makes someone a role ("chose X as its leader")."""
    verb = _as_verb(tok)
    return verb is not None and verb.lemma_ in MAKE_ROLE_VERBS


def _chooser(role, verb, index: MentionIndex) -> Mention | None:
    """Return the body whose role ``verb`` made: its subject for "its"/"their", or a named owner of the role."""
    poss = next((c for c in role.children if c.dep_ == "poss"), None)
    if poss is None:
        if any(c.dep_ == "det" or c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "to", "with")
               for c in role.children):
            return None  # "named X as a director", "as envoy to Y": some body's role, not the namer's
        # "Tarsk Motors hired Ann Lisk as chief executive": a body fills its own bare role
        return _maker(verb, index)
    named = index.at(poss)
    if named is not None:
        return named if named.type != EntityType.Person else None
    if poss.lower_ not in ("its", "their"):
        return None
    return _maker(verb, index)


def _maker(verb, index: MentionIndex) -> Mention | None:
    """Return the organization or country that is ``verb``'s subject, or that a clause of ``verb`` describes."""
    # "carmaker Tarsk Motors hired": the parser may make the kind noun a second subject; "Vellox, the
    # maker of tools, on Tuesday named ...": it may hang the verb on the name as a relative clause
    body = next((index.at(c) for c in verb.children if c.dep_ == "nsubj" and index.at(c) is not None), None)
    if body is None and not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in ("relcl", "acl"):
        body = index.at(verb.head)
        if body is None and verb.head.dep_ == "appos" and verb.i > verb.head.i:
            # "Vellox, the Tarskian carmaker, named ...": the parser may hang the verb on the description's noun
            body = index.at(verb.head.head)
    return body if body is not None and body.type in (EntityType.Organization, EntityType.Country) else None


@rule("rule:copula-role", "A role stated with \"be\" says what the person leads or works for.",
      (Predicate.worksFor, Predicate.leaderOf, Predicate.memberOf, Predicate.citizenOf, Predicate.livesIn),
      examples=[
          ("Ann Lisk is the leader of the Quillmoor Party.", ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk was elected leader of the Quillmoor Party in May.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Quillmoor Foods hired Ann Lisk as chief executive in May.",
           ("Ann Lisk", Predicate.leaderOf, "Quillmoor Foods")),
          ("Quillmoor Foods, the maker of soups, on Tuesday named Ann Lisk as its new chief executive.",
           ("Ann Lisk", Predicate.leaderOf, "Quillmoor Foods")),
          ("Vellox Motors, the Tarskian carmaker, named Ann Lisk as its new chief executive on Tuesday.",
           ("Ann Lisk", Predicate.leaderOf, "Vellox Motors")),
          ("Ann Lisk became leader of the Quillmoor Party in May.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk, who is also the leader of the Quillmoor Party, told the newspaper.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk, who is also Norway's interior minister, told the newspaper.",
           ("Ann Lisk", Predicate.worksFor, "Norway")),
          # "would" also tells of what came to pass; a modal of mere possibility elsewhere in the clause is no doubt
          ("Ann Lisk, who would later become leader of the Quillmoor Party, joined it in 1990.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk, who could not be reached, is the leader of the Quillmoor Party.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk, who is also chairman of the board at Vellox Motors' European arm, spoke.",
           ("Ann Lisk", Predicate.worksFor, "Vellox Motors")),
          # "its": the body that made the role is the one it is of.
          ("The Quillmoor Party on Saturday chose Ann Lisk as its new leader.",
           ("Ann Lisk", Predicate.leaderOf, "Quillmoor Party")),
          # a verb of serving a role
          ("Ann Lisk served as leader of the Quillmoor Party until 2019.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk works as a spokeswoman for Vellox Motors.", ("Ann Lisk", Predicate.worksFor, "Vellox Motors")),
          # the organization the role is of, not the country that describes it
          ("Ann Lisk is deputy head of the Swiss insurer Vellox Re in Zurich.", ("Ann Lisk", Predicate.worksFor, "Vellox Re")),
          # taking up or leaving the role: a role left was held
          ("Ann Lisk took over as head of the Quillmoor Institute in March.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Institute")),
          ("Ann Lisk, who stepped down as chairman of Vellox Motors last year, denied the claims.",
           ("Ann Lisk", Predicate.leaderOf, "Vellox Motors")),
          ("Ann Lisk will succeed Tom Reyes as chief executive of Vellox Motors.",
           ("Ann Lisk", Predicate.leaderOf, "Vellox Motors")),
          # made the head of the maker's own part: works for the maker
          ("Vellox Motors has appointed Ann Lisk as head of its freight division.",
           ("Ann Lisk", Predicate.worksFor, "Vellox Motors")),
      ],
      counter_examples=[
          ("Vellox Motors has appointed Ann Lisk as head of its freight division.",
           ("Ann Lisk", Predicate.leaderOf, "Vellox Motors")),
          ("Ann Lisk is deputy head of the Swiss insurer Vellox Re in Zurich.", ("Ann Lisk", Predicate.worksFor, "Switzerland")),
          ("Ann Lisk met the leader of the Quillmoor Party.", ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          # "their" is the voters', not the party's: the verb's subject is no body.
          ("Voters chose Ann Lisk as their leader over the Quillmoor Party.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk named Tom Reyes leader of the Quillmoor Party.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk, who is also chairman of the board at Vellox Motors' European arm, spoke.",
           ("Ann Lisk", Predicate.leaderOf, "Vellox Motors")),
          # A person's choice, not a body's own role.
          ("Ann Lisk hired Tom Reyes as chief executive of Quillmoor Foods.",
           ("Ann Lisk", Predicate.leaderOf, "Quillmoor Foods")),
          # denied or supposed
          ("Ann Lisk is not a member of the Quillmoor Party.", ("Ann Lisk", Predicate.memberOf, "the Quillmoor Party")),
          ("If Ann Lisk became leader of the Quillmoor Party, it would split.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("If elected, Ann Lisk would become leader of the Quillmoor Party.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          ("Ann Lisk could be named chief executive of Vellox Motors on Monday.",
           ("Ann Lisk", Predicate.leaderOf, "Vellox Motors")),
          ("Is Ann Lisk the new leader of the Quillmoor Party?", ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
          # the one succeeded held the role before; the rule speaks of the subject only
          ("Ann Lisk will succeed Tom Reyes as chief executive of Vellox Motors.",
           ("Tom Reyes", Predicate.leaderOf, "Vellox Motors")),
          # the role is the object's description, not the subject's
          ("Ann Lisk sees Tom Reyes as leader of the Quillmoor Party.",
           ("Ann Lisk", Predicate.leaderOf, "the Quillmoor Party")),
      ])
def rule_copula_role(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule copula-role (read by :func:`_copulas`)."""
    return _only("rule:copula-role", index, _copulas, doc, offset)


@rule("rule:copula-home", "A home noun stated with \"be\" (\"is a Leeds native\") says where the person lives.",
      (Predicate.livesIn, Predicate.citizenOf),
      examples=[
          ("Owen Pryce is a Chicago native who joined the navy.", ("Owen Pryce", Predicate.livesIn, "Chicago")),
      ],
      counter_examples=[
          ("Owen Pryce is a navy pilot who flew to Chicago.", ("Owen Pryce", Predicate.livesIn, "Chicago")),
      ])
def rule_copula_home(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule copula-home (read by :func:`_copulas`)."""
    return _only("rule:copula-home", index, _copulas, doc, offset)


def _possessives(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A place owns what follows: "South Korea's National Intelligence Service", "Russia's Kursk region"."""
    for tok in tokens_where(doc, "dep", "poss"):
        if tok.dep_ != "poss":
            continue
        owner = index.at(tok)
        if owner is not None and owner.type == EntityType.Organization:
            yield from _org_possessive_person(tok, owner, index, offset)
            continue
        after = index.token_ids(owner)[-1] + 2 if owner is not None else tok.i + 1
        if owner is None and tok.lower_ == "whose" and tok.head.head.dep_ == "relcl":
            owner = index.at(tok.head.head.head)  # "Ann Lisk, whose Tarsk party leads the polls,"
            if owner is None or owner.type != EntityType.Person:
                continue
        if owner is not None and owner.type == EntityType.Person:
            party = index.at(tok.head)
            if party is None and tok.head.lower_ == "party":
                party = next((index.at(c) for c in tok.head.children if c.dep_ == "compound" and index.at(c)), None)
            # "Ann Lisk's Tarsk party": the word after the name says it is a party's
            named = party is not None and (party_name(party.name) or tok.head.lower_ == "party"
                                           and index.token_ids(party)[-1] == tok.head.i - 1)
            if named and party.type == EntityType.Organization and index.token_ids(party)[:1] == [after]:
                yield _make(owner, Predicate.memberOf, party, "rule:possessive-party", tok.sent, offset)
            continue
        if owner is None or owner.type not in (EntityType.Country, EntityType.Place):
            continue
        head = tok.head
        owned = index.at(head) or next((index.at(c) for c in head.children
                                        if c.dep_ == "compound" and index.at(c)), None)
        if owned is None or owned is owner:
            continue
        if owned.type == EntityType.Organization:
            yield _make(owned, Predicate.basedIn, owner, "rule:possessive", tok.sent, offset)
        elif owned.type == EntityType.Place:
            yield _make(owned, Predicate.locatedIn, owner, "rule:possessive", tok.sent, offset)


@rule("rule:possessive", "A place's possessive before an organization or place says where it is.",
      (Predicate.basedIn, Predicate.locatedIn),
      examples=[
          ("France's National Assembly voted on the budget.", ("National Assembly", Predicate.basedIn, "France")),
      ],
      counter_examples=[
          ("France sent a letter to the National Assembly.", ("National Assembly", Predicate.basedIn, "France")),
      ])
def rule_possessive(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule possessive (read by :func:`_possessives`)."""
    return _only("rule:possessive", index, _possessives, doc, offset)


@rule("rule:possessive-member", "A person named right after an organization's possessive works for it.",
      (Predicate.worksFor,),
      examples=[
          ("Brindle Motors' Tom Ashby finished second in the rain.",
           ("Tom Ashby", Predicate.worksFor, "Brindle Motors")),
      ],
      counter_examples=[
          ("Corvell Mining's chief Ann Lisk resigned.", ("Ann Lisk", Predicate.worksFor, "Corvell Mining")),
      ])
def rule_possessive_member(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule possessive-member (read by :func:`_possessives`)."""
    return _only("rule:possessive-member", index, _possessives, doc, offset)


@rule("rule:possessive-party", "A party named right after a person's possessive is the person's party.",
      (Predicate.memberOf,),
      examples=[
          ("Chancellor Ilse Marr's Christian Democratic Union lost three seats.",
           ("Ilse Marr", Predicate.memberOf, "Christian Democratic Union")),
          ("Tom Brask's Freedom Party won the vote in Tarsk.", ("Tom Brask", Predicate.memberOf, "Freedom Party")),
          ("Tom Brask's Fidrova party holds a majority in parliament.",
           ("Tom Brask", Predicate.memberOf, "Fidrova")),
          ("Tom Brask, whose Tiszova party leads in the polls, spoke.", ("Tom Brask", Predicate.memberOf, "Tiszova")),
      ],
      counter_examples=[
          # Not a party's name: a person's company or club is no membership.
          ("Tom Brask's Vellox Motors posted a loss.", ("Tom Brask", Predicate.memberOf, "Vellox Motors")),
          # The party is the object of a verb, not owned by the person.
          ("Tom Brask's rivals in the Freedom Party won the vote.", ("Tom Brask", Predicate.memberOf, "Freedom Party")),
          ("Tom Brask's Vellox company and party donors met.", ("Tom Brask", Predicate.memberOf, "Vellox")),
      ])
def rule_possessive_party(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations of rule possessive-party (read by :func:`_possessives`)."""
    return _only("rule:possessive-party", index, _possessives, doc, offset)


def _org_possessive_person(poss, owner: Mention, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """Yield that a person written as an organization's works for it.

    Why: "Brindle Motors' Tom Ashby finished second" -- the driver (or player,
    or staff member) named right after the organization's possessive.

    Args:
        poss: The possessive token of the organization's name.
        owner: The organization the possessive names.
        index: Mentions by token.
        offset: The Doc's offset in the article.
    """
    head = poss.head
    person = index.at(head)
    if person is None or person.type != EntityType.Person or person is owner:
        return
    # Only the name itself: "Acme's chief Ann Roe" is the title rules' to read.
    if any(index.at(t) is not person for t in head.doc[poss.i + 1:head.i + 1] if t.text not in ("'s", "'", "’s", "’")):
        return
    yield _make(person, Predicate.worksFor, owner, "rule:possessive-member", poss.sent, offset)


@rule("rule:place-comma-place", "A place followed by a comma and a country or state lies inside it.",
      (Predicate.locatedIn,),
      examples=[
          ("Fighting continued near Belgorod, Russia, on Tuesday.", ("Belgorod", Predicate.locatedIn, "Russia")),
          ("The storm flooded roads near Yakima, Wash., overnight.", ("Yakima", Predicate.locatedIn, "Washington")),
          ("Snow closed schools in Cambridge, Massachusetts, on Friday.",
           ("Cambridge", Predicate.locatedIn, "Massachusetts")),
      ],
      counter_examples=[
          ("He toured Paris, Berlin and Rome last year.", ("Paris", Predicate.locatedIn, "Berlin")),
          ("Fans flew from Lyon, Germany, on Friday.", ("Lyon", Predicate.locatedIn, "Germany")),
      ])
def rule_place_comma_place(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A place followed by its country: "Quebec, Canada", "Kursk, Russia"."""
    for tok in tokens_where(doc, "text", ","):
        if tok.text != "," or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        left, right = index.at(doc[tok.i - 1]), index.at(doc[tok.i + 1])
        if left is None or right is None or left is right:
            continue
        # "Aiken, S.C.": a state abbreviation after a comma is the place's state.
        state = right.type == EntityType.Place and gazetteer.us_state(right.text.removesuffix(" .")) is not None
        if left.type == EntityType.Place and right.type in (EntityType.Country, EntityType.Place) and \
                (state or right.text == right.name and doc[tok.i + 1].ent_iob_ == "B"):
            if _in_list(doc, index, tok.i - 1, right):
                # "in Paris, Berlin and Rome": a list of places, not one inside the next.
                continue
            inner, outer = gazetteer.place(left.text), gazetteer.place(right.name)
            if right.type == EntityType.Place and outer is None:
                continue
            where = outer.country_code or outer.iso_code if outer is not None else None
            if inner is not None and outer is not None and inner.country_code and \
                    where not in (inner.country_code, None) \
                    and inner.population >= CITY_ELSEWHERE_POPULATION \
                    and not any(c.country_code == where for c in gazetteer.cities_named(left.text)):
                # "Lyon, Germany" cannot be: the gazetteer puts the first place, a big city, in another country
                # and knows no namesake there ("Cambridge, Massachusetts" is the American Cambridge; a small
                # town's name, "Livingston, Texas", may be shared by towns the gazetteer lacks).
                continue
            yield _make(left, Predicate.locatedIn, right, "rule:place-comma-place", tok.sent, offset)


#: Below this population a town's name says little about its country: many towns share it.
CITY_ELSEWHERE_POPULATION = 100_000


@rule("rule:place-in-place", "A place named \"in\" a larger one lies inside it.",
      (Predicate.locatedIn,),
      examples=[
          ("The mill stood in Lowell in northern Massachusetts until the war.",
           ("Lowell", Predicate.locatedIn, "Massachusetts")),
      ],
      counter_examples=[
          ("The mill moved from Lowell to Massachusetts in 1920.", ("Lowell", Predicate.locatedIn, "Massachusetts")),
      ])
def rule_place_in_place(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A place "in" a larger one: "Perugia in Umbria province", "Bedford in southern Indiana"."""
    for tok in tokens_where(doc, "lower", "in"):
        if tok.dep_ != "prep" or tok.lower_ != "in" or tok.i == 0:
            continue
        # Right after the place, wherever the parser hung "in" ("raised in Lowell in northern Massachusetts").
        inner = index.at(doc[tok.i - 1])
        if inner is None or inner.type != EntityType.Place or index.token_ids(inner)[-1] != tok.i - 1:
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        outer = index.at(pobj) if pobj is not None else None
        if outer is None or outer is inner or outer.type not in PLACE_TYPES \
                or gazetteer.demonym(outer.text) is not None:
            continue
        yield _make(inner, Predicate.locatedIn, outer, "rule:place-in-place", tok.sent, offset)


def _in_list(doc, index: MentionIndex, left_end: int, right: Mention) -> bool:
    """True when "A, B" goes on as a list: "A, B and C", "A, B, C", or "A and B, C"."""
    last = index.token_ids(right)[-1]
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is not None and after.lower_ in ("and", "or", "&"):
        return True
    if after is not None and after.text == "," and last + 2 < len(doc):
        nxt = index.at(doc[last + 2])
        if nxt is not None and nxt.type in PLACE_TYPES:
            return True
    first = index.token_ids(index.at(doc[left_end]))[0]
    before = doc[first - 1] if first > 0 else None
    return before is not None and before.text == "," and first >= 2 and index.at(doc[first - 2]) is not None \
        and index.at(doc[first - 2]).type in PLACE_TYPES


@rule("rule:demonym-organization", "A nationality word before an organization says which country it sits in.",
      (Predicate.basedIn,),
      examples=[
          ("German carmaker Volkswagen reported losses.", ("Volkswagen", Predicate.basedIn, "Germany")),
          ("The German carmaker Tarskwerk Motors recalled 20,000 cars.",
           ("Tarskwerk Motors", Predicate.basedIn, "Germany")),
          # The kind noun and the name parsed as two subjects: read on the surface; a plural names both.
          ("The German carmaker Volkswagen has expressed interest.", ("Volkswagen", Predicate.basedIn, "Germany")),
          ("German carmakers Volkswagen and Tarskwerk Motors have expressed interest.",
           ("Tarskwerk Motors", Predicate.basedIn, "Germany")),
      ],
      counter_examples=[
          ("Volkswagen sold cars to German buyers.", ("Volkswagen", Predicate.basedIn, "Germany")),
          ("The German carmaker Volkswagen and Tarskwerk Motors agreed on a deal.",
           ("Tarskwerk Motors", Predicate.basedIn, "Germany")),
      ])
def rule_demonym_org(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A nationality word before an organization: "the Russian Defense Ministry"."""
    # Why: only the tokens a country's mention covers can start it; walking the index's tokens, in order, spares
    # making a Token of every other word of the Doc.
    for i in sorted(index.by_token):
        m = index.by_token[i]
        if m.type != EntityType.Country or m.text == m.name or i >= len(doc):
            continue
        tok = doc[i]
        if tok.dep_ not in ("amod", "compound", "nmod"):
            continue
        head = tok.head
        org = index.at(head)
        if org is None and index.at(head) is None and head.pos_ == "NOUN" and head.dep_ in ("compound", "appos") \
                and head.head.i > head.i:
            # "German carmaker Volkswagen": the nationality qualifies the noun naming the organization.
            org = index.at(head.head)
        if org is None and head.pos_ == "NOUN":
            # "The German carmaker Tarskwerk": after "the", the parser makes the name the noun's apposition.
            org = next((index.at(c) for c in head.children if c.dep_ == "appos" and c.left_edge.i == head.i + 1), None)
        if org is None:
            for named in _kind_then_names(doc, index, index.token_ids(m)[-1] + 1):
                yield _make(named, Predicate.basedIn, m, "rule:demonym-organization", tok.sent, offset)
        elif org is not m and org.type == EntityType.Organization:
            yield _make(org, Predicate.basedIn, m, "rule:demonym-organization", tok.sent, offset)


def _kind_then_names(doc, index: MentionIndex, i: int) -> list[Mention]:
    """Return the organizations named right after lower-case words from token ``i`` ending in a kind noun.

    Read on the surface, where the parser made the kind noun and the name two subjects ("German carmakers
    Vellox and Tarskwerk have ..."): the name right after the kind noun, and one joined to it by "and".
    """
    j = i
    while j < len(doc) and j - i < 4 and index.at(doc[j]) is None and doc[j].is_lower \
            and doc[j].pos_ in ("NOUN", "ADJ") and doc[j].lemma_.lower() not in ORG_KIND_BEFORE_NAME:
        j += 1
    if j >= len(doc) or doc[j].lemma_.lower() not in ORG_KIND_BEFORE_NAME or j + 1 >= len(doc):
        return []
    first = index.at(doc[j + 1])
    if first is None or first.type != EntityType.Organization or index.token_ids(first)[0] != j + 1:
        return []
    out = [first]
    after = index.token_ids(first)[-1] + 1
    if after + 1 < len(doc) and doc[after].lower_ == "and" and doc[j].tag_ == "NNS":
        second = index.at(doc[after + 1])
        if second is not None and second.type == EntityType.Organization and index.token_ids(second)[0] == after + 1:
            out.append(second)  # "carmakers Vellox and Tarskwerk": a plural kind noun names both
    return out


@rule("rule:country-kind-organization",
      "A country, then words ending in a kind noun, then an organization's name: the organization sits there.",
      (Predicate.basedIn,),
      examples=[
          ("The bank sold its stake to US automaker Vellox Motors last year.",
           ("Vellox Motors", Predicate.basedIn, "United States")),
          ("Migrants were rescued with the help of Italy's border agency Tarsex.", ("Tarsex", Predicate.basedIn, "Italy")),
          ("Germany's state-owned rail operator Tarsk Rail AG cut its prices.", ("Tarsk Rail AG", Predicate.basedIn, "Germany")),
      ],
      counter_examples=[
          # A verb between: the country does something to the firm.
          ("Germany fined carmaker Vellox Motors on Friday.", ("Vellox Motors", Predicate.basedIn, "Germany")),
          # No kind noun before the name.
          ("Germany's partner Vellox Motors sold cars.", ("Vellox Motors", Predicate.basedIn, "Germany")),
      ])
def rule_country_kind_org(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A country (or its possessive) and lower-case words ending in a kind noun before a name: "US automaker X"."""
    for org in {id(m): m for m in index.by_token.values() if m.type == EntityType.Organization}.values():
        ids = index.token_ids(org)
        if not ids:
            continue
        j = ids[0] - 1
        if j < 1 or doc[j].lemma_.lower() not in ORG_KIND_BEFORE_NAME and doc[j].lower_ not in ORG_KIND_BEFORE_NAME:
            continue
        k = j - 1
        while k >= 0 and j - k <= 5 and index.at(doc[k]) is None and (doc[k].text == "-" or doc[k].is_lower and (
                doc[k].pos_ in ("NOUN", "ADJ") or doc[k].tag_ == "VBN")):
            k -= 1  # "state-owned rail": modifiers of the kind noun
        if k >= 1 and doc[k].lower_ in ("'s", "'", "\u2019s"):
            k -= 1
        country = index.at(doc[k]) if k >= 0 else None
        if country is None or country.type != EntityType.Country or index.token_ids(country)[-1] != k \
                or gazetteer.demonym(country.text) is not None:
            continue  # a nationality word ("German carmaker X") is rule demonym-organization's
        yield _make(org, Predicate.basedIn, country, "rule:country-kind-organization", doc[j].sent, offset)


@rule("rule:kill-verb", "A killing verb between two persons says the subject killed the object.",
      (Predicate.killed,),
      examples=[
          ("Carla Ruiz was leaving the hall when Tom Brask shot her twice.",
           ("Tom Brask", Predicate.killed, "Carla Ruiz")),
          ("Police said Tom Brask, who killed Victor Hale, died in 1967.",
           ("Tom Brask", Predicate.killed, "Victor Hale")),
          ("Rebel leader Tom Brask killed the mayor Victor Hale in an ambush.",
           ("Tom Brask", Predicate.killed, "Victor Hale")),
          ("A court in Leeds convicted Tom Brask of killing Victor Hale.", ("Tom Brask", Predicate.killed, "Victor Hale")),
          ("Tom Brask was jailed for killing Victor Hale.", ("Tom Brask", Predicate.killed, "Victor Hale")),
      ],
      counter_examples=[
          ("Tom Brask met Victor Hale in Ogden.", ("Tom Brask", Predicate.killed, "Victor Hale")),
          ("Tom Brask shot the film about Victor Hale in Ogden.", ("Tom Brask", Predicate.killed, "Victor Hale")),
          ("A jury acquitted Tom Brask of killing Victor Hale.", ("Tom Brask", Predicate.killed, "Victor Hale")),
          ("The court cleared Tom Brask of killing Victor Hale.", ("Tom Brask", Predicate.killed, "Victor Hale")),
      ])
def rule_kill(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A killing verb between two persons: "Brask shot Hale", "Hale was killed by Brask"."""
    for tok in tokens_where(doc, "lemma", KILL_VERBS):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in KILL_VERBS:
            continue
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            killer = index.at(agent)
        elif obj is not None and obj.dep_ == "nsubjpass":
            killer = None
        else:
            # "Marcus Webb, who killed Brask": the relative pronoun stands for the name before it.
            killer = _subject_of(tok, index) or _described_person(tok, index) or _convicted_of(tok, index)
        victim = index.at(obj) if obj is not None else None
        if victim is None and obj is not None and obj.pos_ == "NOUN":
            # "Brask shot the mayor, Hale": the name in apposition to the role noun is the one killed.
            victim = next((m for c in obj.children if c.dep_ == "appos" and (m := index.at(c)) is not None), None)
        if victim is None and obj is not None and obj.lower_ in ("him", "her") and killer is not None:
            # "Hale had just spoken when Brask shot him": the one other person named before.
            victim = _only_other_person(doc, index, tok, killer)
        if obj is not None and obj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
            # "Hale, who was shot by Brask".
            victim = index.at(tok.head)
        if killer and victim and killer.type == victim.type == EntityType.Person and killer is not victim:
            yield _make(killer, Predicate.killed, victim, "rule:kill-verb", tok.sent, offset, tok.lemma_)


#: Verbs of a court's finding whose object (or passive subject) did the deed the gerund after "of"/"for" names: a
#: verdict, not a charge ("accused of killing" and "acquitted of killing" say no one killed).
VERDICT_VERBS = frozenset("convict sentence jail imprison".split())


def _convicted_of(verb, index: MentionIndex) -> Mention | None:
    """Return the person a court found did the gerund: "convicted Tom Brask of killing X", "was jailed for killing X"."""
    prep = verb.head if verb.dep_ == "pcomp" else None
    if prep is None or prep.lower_ not in ("of", "for") or prep.dep_ != "prep":
        return None
    court = prep.head
    if court.lemma_.lower() not in VERDICT_VERBS or court.pos_ != "VERB":
        return None
    who = next((c for c in court.children if c.dep_ in ("dobj", "nsubjpass")), None)
    found = index.at(who) if who is not None else None
    return found if found is not None and found.type == EntityType.Person else None


def _only_other_person(doc, index: MentionIndex, verb, person: Mention) -> Mention | None:
    """Return the one person other than ``person`` named in the verb's sentence before it, or None."""
    names = {m.name: m for i in range(verb.sent.start, verb.i)
             if (m := index.at(doc[i])) is not None and m.type == EntityType.Person and m.name != person.name}
    return next(iter(names.values())) if len(names) == 1 else None


def _described_person(verb, index: MentionIndex) -> Mention | None:
    """Return the person a participle phrase describes: "Tom Brask, the man convicted of killing Ann Vale"."""
    climb = verb
    for _ in range(4):
        if climb.dep_ not in ("pcomp", "prep", "pobj"):
            break
        climb = climb.head
    if climb.dep_ != "acl":
        return None
    noun = climb.head
    found = index.at(noun)
    if found is None and noun.dep_ == "appos":
        found = index.at(noun.head)
    return found if found is not None and found.type == EntityType.Person else None


def _victim_of(noun, index: MentionIndex):
    """Return the mention a killing or killer noun is about: its owner or compound ("X's murder"), or "of X"."""
    victim = next((index.at(c) for c in noun.children if c.dep_ in ("compound", "poss") and index.at(c)), None)
    if victim is None:
        of = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        victim = index.at(of) if of is not None else None
    return victim


@rule("rule:assassin-noun", "A killer noun (\"X's assassin Y\") names the killer.",
      (Predicate.killed,),
      examples=[
          ("The museum shows the pistol of Victor Hale's assassin Tom Brask.",
           ("Tom Brask", Predicate.killed, "Victor Hale")),
      ],
      counter_examples=[
          ("Tom Brask wrote a book about an assassin who met Victor Hale.",
           ("Tom Brask", Predicate.killed, "Victor Hale")),
      ])
def rule_assassin(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A killer named by a noun: "Hale assassin Tom Brask", "Hale's killer, Tom Brask"."""
    for tok in tokens_where(doc, "lemma", KILLER_NOUNS):
        if tok.lemma_.lower() not in KILLER_NOUNS or index.at(tok) is not None:
            continue
        victim = _victim_of(tok, index)
        killer = index.at(tok.head) if tok.dep_ in ("compound", "nmod") else None
        if victim is None and killer is not None:
            # "Hale's assassin Tom Brask": the parser hangs the owner on the name, not on "assassin".
            victim = next((index.at(c) for c in tok.head.children if c.dep_ == "poss" and index.at(c)), None)
        if killer is None:
            killer = next((index.at(c) for c in tok.children if c.dep_ == "appos" and index.at(c)), None)
        if killer is None and tok.dep_ == "appos":
            killer = index.at(tok.head)
        if killer is None and tok.i + 2 < len(doc) and doc[tok.i + 1].text == ",":
            # "Hale's assassin, Tom Brask" parsed without the apposition: the name after the comma.
            killer = index.at(doc[tok.i + 2])
        if killer and victim and killer.type == victim.type == EntityType.Person and killer is not victim:
            yield _make(killer, Predicate.killed, victim, "rule:assassin-noun", tok.sent, offset, tok.lemma_)



#: The lower-case words :func:`is_killing_noun` can accept: a killing noun, or one with a final "s".
_KILLING_WORDS = KILLING_NOUNS | {noun + "s" for noun in KILLING_NOUNS}


def is_killing_noun(tok) -> bool:
    """True for a noun naming a killing, whatever lemma the tagger gave it ("slaying" or "slay")."""
    if tok.lower_.removesuffix("s") not in KILLING_NOUNS:
        return False
    # "the Velko slaying" tagged VERB: a determiner, owner or "of" makes the -ing form a noun.
    return tok.pos_ in ("NOUN", "PROPN") or any(c.dep_ in ("det", "poss", "compound") or
                                                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _culprit_verb(noun):
    """Return the verb a killing noun hangs on through "of/for/in" (and one penalty noun), or None."""
    climb = noun
    for _ in range(2):
        if climb.dep_ != "pobj" or climb.head.lower_ not in ("of", "for", "in", "with"):
            return None
        gov = climb.head.head
        if gov.lemma_.lower() in CULPRIT_VERBS and gov.pos_ in ("VERB", "AUX", "ADJ"):
            return gov
        if gov.lemma_.lower() not in PENALTY_NOUNS or gov.dep_ not in ("dobj", "pobj", "attr"):
            return None
        climb = gov if gov.dep_ == "pobj" else gov.head
        if climb.lemma_.lower() in CULPRIT_VERBS and climb.pos_ in ("VERB", "AUX"):
            return climb
    return None


@rule("rule:killing-noun", "A culprit's verb with a killing noun (\"convicted of X's murder\") names the killer.",
      (Predicate.killed,),
      examples=[
          ("Police caught Tom Brask, suspected of the murder of Victor Hale, in a motel.",
           ("Tom Brask", Predicate.killed, "Victor Hale")),
      ],
      counter_examples=[
          ("Anna Berg was assisting the inquiry into the murder of Tom Rand.",
           ("Anna Berg", Predicate.killed, "Tom Rand")),
      ])
def rule_killing_noun(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """A culprit of a killing noun: "Brask was convicted of Velko's murder", "Brask acted alone in the Velko slaying"."""
    for tok in tokens_where(doc, "lower", _KILLING_WORDS):
        if not is_killing_noun(tok) or index.at(tok) is not None:
            continue
        victim = _victim_of(tok, index)
        verb = _culprit_verb(tok)
        if victim is None or verb is None:
            continue
        killer = _subject_of(verb, index) if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) else None
        if killer is None and verb.dep_ in ("acl", "relcl", "appos", "amod"):
            # "Brask, convicted of Velko's murder, ...": the participle describes the culprit.
            killer = index.at(verb.head)
        if killer is None and verb.dep_ == "advcl" and verb.i >= 2 and doc[verb.i - 1].text == ",":
            # "police caught Tom Brask, suspected of the murder of X": the participle after the name describes it.
            killer = index.at(doc[verb.i - 2])
        if killer and killer.type == victim.type == EntityType.Person and killer.name != victim.name:
            yield _make(killer, Predicate.killed, victim, "rule:killing-noun", tok.sent, offset, tok.lemma_)


def _place_born(doc, index: MentionIndex, offset: int, born) -> Iterator[Relation]:
    """A place word right before "born": "a Leeds-born artist, Tom Rand", "Tom Rand, Leeds born, ...".

    Why: "the Ohio born painter Tom Rand" -- the place before "born" is the
    birthplace of the person the phrase describes.
    """
    k = born.i - 2 if born.i >= 2 and doc[born.i - 1].text == "-" else born.i - 1
    place = index.at(doc[k]) if k >= 0 else None
    if place is None or place.type not in PLACE_TYPES:
        return
    first = index.token_ids(place)[0]
    noun = born.head if born.dep_ == "amod" else None
    person = None
    if noun is not None:
        # "the Ohio born painter Tom Rand": the noun is a title before the name, or has it in apposition;
        # "Tom Rand, the Ohio-born painter,": the noun is in apposition to the name.
        person = index.at(noun) or (index.at(noun.head) if noun.dep_ in ("compound", "appos") else None) or \
            next((index.at(c) for c in noun.children if c.dep_ == "appos" and index.at(c)), None)
    if person is None and any(c.dep_ in ("nsubj", "nsubjpass") for c in born.children):
        person = _subject_of(born, index)
    if person is None and born.i + 1 < len(doc):
        # "Ohio-born Tom Rand won": the name right after "born".
        person = index.at(doc[born.i + 1])
    if person is None and first >= 2 and doc[first - 1].text == ",":
        person = index.at(doc[first - 2])
    if person is not None and person.type == EntityType.Person:
        yield _make(person, Predicate.bornIn, place, "rule:born-in", born.sent, offset)


def _place_of_kind(noun, index: MentionIndex):
    """The place a kind-of-place noun names through "of": "the fishing town of Oskarby" -> Oskarby, else None."""
    from kgraph.extraction.type_context import PLACE_KIND_NOUNS

    if noun.lower_ not in PLACE_KIND_NOUNS:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((index.at(c) for c in of.children if c.dep_ == "pobj" and index.at(c)), None) if of is not None \
        else None


@rule("rule:born-in", "\"born in\" a place, in any construction, gives the birthplace.",
      (Predicate.bornIn,),
      examples=[
          ("Nora Vance was born in the small town of Leeds in 1950.", ("Nora Vance", Predicate.bornIn, "Leeds")),
          ("Nora Vance, born in Leeds, wrote three novels.", ("Nora Vance", Predicate.bornIn, "Leeds")),
          ("The tour ends in Denver, where Nora Vance was born, before the holidays.",
           ("Nora Vance", Predicate.bornIn, "Denver")),
          ("Nora Vance, the Denver-born novelist, wrote three books.", ("Nora Vance", Predicate.bornIn, "Denver")),
      ],
      counter_examples=[
          ("Nora Vance was married in Leeds.", ("Nora Vance", Predicate.bornIn, "Leeds")),
          ("Nora Vance was born in the year of the Tarsk flood.", ("Nora Vance", Predicate.bornIn, "Tarsk")),
      ])
def rule_born_in(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """Birthplace: "Putin was born in Leningrad"."""
    for tok in tokens_where(doc, "lemma", "bear"):
        if tok.lemma_ != "bear" or tok.tag_ != "VBN":
            continue
        subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        person = _subject_of(tok, index) if subj is not None else None
        if subj is None and tok.dep_ in ("acl", "appos", "amod"):
            # "Tom Rand, born in Leeds, ...": the participle hangs on the person.
            person = index.at(tok.head)
            if person is None and tok.head.dep_ == "appos":
                # "Tom Rand, 69, born in Leeds": the participle hangs on the age in apposition.
                person = index.at(tok.head.head)
        if subj is None and person is None and tok.dep_ == "advcl" and tok.i < tok.head.i:
            # "Born in Leeds, Tom Rand moved to York": an opening participle describes the main subject.
            person = _subject_of(tok.head, index)
        yield from _place_born(doc, index, offset, tok)
        if person is None or person.type != EntityType.Person:
            continue
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            # "Leeds, where Tom Rand was born": the place the clause hangs on.
            m = index.at(tok.head)
            if m is not None and m.type in PLACE_TYPES:
                yield _make(person, Predicate.bornIn, m, "rule:born-in", tok.sent, offset)
            continue
        persons, preps = [person], list(tok.children)
        for name in (c for c in tok.children if c.dep_ in ("oprd", "dobj", "attr")):
            # "Ann Roe was born Ann Vale in Leeds": the birth name is the same person, "in" may hang on it.
            preps += list(name.children)
            born_as = index.at(name)
            if born_as is not None and born_as.type == EntityType.Person and born_as is not person:
                persons.append(born_as)
        for prep in preps:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near"):
                for pobj in prep.children:
                    m = index.at(pobj) or _place_of_kind(pobj, index)
                    if m is not None and m.type in PLACE_TYPES:
                        for place in _with_container(doc, index, m):
                            for who in persons:
                                yield _make(who, Predicate.bornIn, place, "rule:born-in", tok.sent, offset)


@rule("rule:dateline", "A dateline's news agency reports from the place the dateline names.",
      (Predicate.basedIn,),
      examples=[
          ("OGDEN, Utah (QNS) _ The river rose overnight.", ("QNS", Predicate.basedIn, "OGDEN")),
      ],
      counter_examples=[
          ("The QNS reporter drove to Ogden on Monday.", ("QNS", Predicate.basedIn, "Ogden")),
      ])
def rule_dateline(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """The agency of a dateline reports from its places: "DAYTON, Ohio (AP)", "Sofia BTA in English"."""
    for sent in doc.sents:
        first = next((t for t in sent if not t.is_space), None)
        if first is None:
            continue
        i = source_line_start(sent)
        if i + 3 < sent.end and doc[i].text == "(" and doc[i + 2].text == ")":
            i += 3  # "(Text) Sofia, 15 Feb (BTA)"
        place = index.at(doc[i]) if i < sent.end else None
        if place is None or place.type not in PLACE_TYPES:
            continue
        places = _with_container(doc, index, place)
        j = index.token_ids(places[-1])[-1] + 1
        if len(places) == 1:
            # "Sofia, February 15 (BTA)", "Tallinn May 3 (ETA)": a date between the place and the agency.
            d = j + 1 if j < sent.end and doc[j].text == "," else j
            k = skip_date(doc, d, sent.end)
            j = k if k > d else j
        if j < sent.end and doc[j].text == "(":
            j += 1
        org = index.at(doc[j]) if j < sent.end else None
        if org is None or org.type != EntityType.Organization:
            continue
        for p in places:
            yield _make(org, Predicate.basedIn, p, "rule:dateline", sent, offset)


@rule("rule:org-prep", "An organization named with \"of\"/\"in\" a place sits there.",
      (Predicate.basedIn,),
      examples=[
          ("The order went to the Hollis Valve Co. of Dayton, Ohio, last week.",
           ("Hollis Valve Co.", Predicate.basedIn, "Ohio")),
      ],
      counter_examples=[
          ("LD0101010194 Lyon Radio Rhone in French 0800 GMT 1 Jan 94", ("Radio Rhone", Predicate.basedIn, "French")),
      ])
def rule_org_prep(doc, index: MentionIndex, offset: int) -> Iterator[Relation]:
    """An organization "of"/"in" a place: "Acme Tool Co. of Dayton, Ohio", "the Dutch embassy in Lima"."""
    for tok in tokens_where(doc, "dep", "prep"):
        if tok.dep_ != "prep" or tok.lower_ not in ("of", "in", "at"):
            continue
        org = index.at(tok.head)
        if org is None and tok.head.pos_ in ("VERB", "AUX") and tok.i > 0 and index.at(doc[tok.i - 1]) is not None \
                and doc[tok.i - 1].dep_ in ("dobj", "pobj", "nsubj", "nsubjpass"):
            # "she headed the Acme Institute in Leeds": the parser hung "in" on the verb, right after the name.
            org = index.at(doc[tok.i - 1])
        if org is None or org.type != EntityType.Organization or index.at(tok) is org:
            continue
        if index.token_ids(org)[-1] != tok.i - 1 and not (tok.i >= 2 and doc[tok.i - 1].text == ","):
            continue  # "the company's plant in Lima": the place of something else the organization has
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        m = index.at(pobj) if pobj is not None else None
        if m is None or m.type not in PLACE_TYPES or gazetteer.demonym(m.text) is not None:
            continue  # "XINHUA in English": a language is no place
        for place in _with_container(doc, index, m):
            yield _make(org, Predicate.basedIn, place, "rule:org-prep", tok.sent, offset)


#: A wire-service source code opening a line: "OW1102132994".
_SOURCE_CODE = re.compile(r"^[A-Z]{2}\d{6,}$")


def is_source_code(text: str) -> bool:
    """True for a wire-service source code such as "OW1102132994"."""
    return _SOURCE_CODE.match(text) is not None


#: A translation service's document number: "95KR0311C", "946F0042A".
_DOCUMENT_CODE = re.compile(r"^\d{2}[A-Z0-9]{2}\d{4}[A-Z]$")


def is_document_code(text: str) -> bool:
    """True for a document number such as "95KR0311C" (a code, never a name)."""
    return _DOCUMENT_CODE.match(text) is not None


def source_line_start(sent) -> int:
    """Return where a wire source line starts in a sentence: after a source code anywhere in it, else at its start.

    Why: "Fog Closes Airports LD0303121294 Tartu LETA in English" -- the parser
    glues the headline before the code into one sentence with the source line.
    """
    # candidates and rules both ask for every sentence, each answer a regex over every token
    known = doc_memo(sent.doc, "line start")
    key = (sent.start, sent.end)
    got = known.get(key)
    if got is None:
        got = known[key] = _source_line_start(sent)
    return got


def _source_line_start(sent) -> int:
    """Return :func:`source_line_start`'s answer, read from the Doc's columns."""
    doc = sent.doc
    first = next((k for k in range(sent.start, sent.end) if not token_flags(doc, k)[SPACE]), None)
    if first is None:
        return sent.start
    # a translation service's document number opens its source line too ("95XY0042B Leeds VELL in English")
    codes = _code_tokens(doc)
    at = bisect.bisect_left(codes, sent.start)
    return codes[at] + 1 if at < len(codes) and codes[at] < sent.end else first


def _code_tokens(doc) -> list[int]:
    """Return the tokens of a Doc that are source codes or document numbers, in order (found once per Doc)."""
    memo = doc_memo(doc, "code tokens")
    got = memo.get(None)
    if got is None:
        # Both kinds of code are eight characters or more: the length spares the patterns almost every word.
        got = memo[None] = [i for i, text in enumerate(token_column(doc, "text"))
                            if len(text) >= 8 and (is_source_code(text) or is_document_code(text))]
    return got


def skip_date(doc, start: int, end: int) -> int:
    """Return the index after the date words (numbers, DATE entities) from ``start``, looking at most 4 tokens.

    Why: "Sofia, February 15 (BTA)": the date sits between a dateline's place and its agency.
    """
    k = start
    while k < min(end, start + 4) and (doc[k].like_num or doc[k].ent_type_ == "DATE"):
        k += 1
    return k


#: The sentence rules in the order they run (the first of two equal facts is kept).
RULE_ORDER = (
    "rule:dateline",
    "rule:org-prep",
    "rule:place-in-place",
    "rule:title-premodifier",
    "rule:title-residence",
    "rule:title-citizen",
    "rule:apposition",
    "rule:apposition-residence",
    "rule:apposition-citizen",
    "rule:demonym-name",
    "rule:apposition-home",
    "rule:apposition-from",
    "rule:apposition-in",
    "rule:apposition-town",
    "rule:copula-role",
    "rule:copula-home",
    "rule:possessive",
    "rule:possessive-member",
    "rule:possessive-party",
    "rule:place-comma-place",
    "rule:demonym-organization",
    "rule:country-kind-organization",
    "rule:kill-verb",
    "rule:killing-noun",
    "rule:born-in",
    "rule:person-prep",
    "rule:title-of",
    "rule:person-in",
    "rule:verb-lead",
    "rule:verb-work",
    "rule:org-hires",
    "rule:verb-from",
    "rule:verb-live",
    "rule:part-of",
    "rule:based-in",
    "rule:org-apposition",
    "rule:org-country-name",
    "rule:assassin-noun",
    "rule:role-then-name",
    "rule:home-noun",
    "rule:headquarters",
)

RULES = tuple(REGISTRY[i].func for i in RULE_ORDER)




# ---------------------------------------------------------------- learned pairs

#: Type pairs the classifier looks at, with the predicate each class means for them.
_PAIR_PREDICATES = {
    (EntityType.Person, EntityType.Organization): {"Work_For": Predicate.worksFor},
    (EntityType.Person, EntityType.Country): {"Live_In": Predicate.citizenOf},
    (EntityType.Person, EntityType.Place): {"Live_In": Predicate.livesIn},
    EMPLOYER_TYPES: {"OrgBased_In": Predicate.basedIn},
    (EntityType.Organization, EntityType.Place): {"OrgBased_In": Predicate.basedIn},
    PLACE_TYPES: {"Located_In": Predicate.locatedIn},
    (EntityType.Place, EntityType.Place): {"Located_In": Predicate.locatedIn},
    (EntityType.Person, EntityType.Person): {"Kill": Predicate.killed},
}

#: The classifier's residence guesses need more: news rarely states where someone lives, and
#: "Kolat said in Berlin" looks like "Kolat of Berlin" to it.
LIVES_IN_THRESHOLD = 0.8

#: Pairs further apart than this many tokens are not classified.
MAX_PAIR_DISTANCE = 30


def candidate_pairs(pairs):
    """Yield (subject, span, object, span) for ordered mention pairs of one sentence whose types can relate."""
    # Grouped by sentence first: a long article has many mentions, but few per sentence.
    by_sentence: dict[int, list] = {}
    for a, sa in pairs:
        by_sentence.setdefault(sa.sent.start, []).append((a, sa))
    for group in by_sentence.values():
        near = sentrel.near_by_start([sa.start for _a, sa in group], MAX_PAIR_DISTANCE)
        for n, (a, sa) in enumerate(group):
            for b, sb in (group[k] for k in near[n]):
                if a is b or a.name == b.name or (a.type, b.type) not in _PAIR_PREDICATES \
                        or _is_portfolio(a) or _is_portfolio(b):
                    continue
                if sa.start < sb.end and sb.start < sa.end:
                    continue
                yield a, sa, b, sb


def _path(x, y) -> tuple[list, list]:
    """Return the tokens from x up to the lowest common ancestor (included), and from below it down to y."""
    up = [x] + list(x.ancestors)
    pos = {t.i: n for n, t in enumerate(up)}
    down = []
    t = y
    # Token objects are made afresh on each access: compare indices, never identity.
    while t.i not in pos and t.head.i != t.i:
        down.append(t)
        t = t.head
    if t.i not in pos:
        # Two trees (a mention across a sentence break): no common ancestor; y's root is on its side.
        return up, list(reversed(down + [t]))
    return up[:pos[t.i] + 1], list(reversed(down))


def pair_features(doc, a, sa, b, sb) -> list[str]:
    """Return the feature strings of an ordered mention pair: types, dependency path, words around and between."""
    t = f"{a.type[:3]}>{b.type[:3]}"
    x, y = sa.root, sb.root
    up, down = _path(x, y)
    deps = "<".join(w.dep_ for w in up[:-1]) + "^" + ">".join(w.dep_ for w in down)
    inner = [w for w in up[1:] + down[:-1] if w.i not in range(sa.start, sa.end) and w.i not in range(sb.start, sb.end)]
    lem = "_".join(w.lemma_.lower() for w in inner[:4])
    f = [f"T={t}", f"D={t}|{deps}", f"DL={t}|{deps}|{lem}", f"LEN={min(len(inner), 6)}",
         f"ORD={t}|{'ab' if sa.start < sb.start else 'ba'}"]
    f += [f"PW={t}|{w.lemma_.lower()}" for w in inner[:6]]
    lo, hi = (sa, sb) if sa.start < sb.start else (sb, sa)
    between = doc[lo.end:hi.start]
    f.append(f"NB={t}|{min(len(between), 8)}")
    if len(between) <= 4:
        f.append(f"BS={t}|{'_'.join(w.lower_ for w in between)}|{'ab' if lo is sa else 'ba'}")
    f += [f"B={t}|{w.lemma_.lower()}" for w in between if not w.is_punct][:12]
    if any(w.pos_ == "VERB" for w in between):
        f.append(f"BV={t}")
    if lo.start > 0:
        f.append(f"L={t}|{doc[lo.start - 1].lower_}")
    if hi.end < len(doc):
        f.append(f"R={t}|{doc[hi.end].lower_}")
    f.append(f"HA={t}|{x.dep_}|{x.head.lemma_.lower()}")
    f.append(f"HB={t}|{y.dep_}|{y.head.lemma_.lower()}")
    return f


_MODEL: dict | None = None


def load_model(path=None, reset: bool = False) -> dict:
    """Return the shipped classifier and rule calibration (loaded once, again after ``reset``; empty when absent)."""
    global _MODEL
    if path is not None:
        return modelfile.read_json(path)
    if _MODEL is None or reset:

        _MODEL = modelfile.read_json(MODEL_PATH) if MODEL_PATH.exists() else {}
    return _MODEL


def _calibrated(rel: Relation, model: dict) -> Relation:
    """Give a rule's relation the precision its rule measured on training data, or the prior for a rule never measured.

    Why: a rule's confidence is never written in code; a rule that never
    fired on the training data gets :data:`~kgraph.extraction.rules.CALIBRATION_PRIOR`,
    the value :func:`kgraph.train.calibrate` shrinks rare rules towards.
    """
    measured = model.get("rules", {}).get(rel.method)
    return dataclasses.replace(rel, confidence=CALIBRATION_PRIOR if measured is None else measured["precision"])


#: Rules whose "based in" ties an organization to a place in the same phrase ("Acme of Leeds", "Leeds's Acme").
_LOCAL_BASED_IN = frozenset(("rule:org-prep", "rule:possessive", "rule:based-in", "rule:org-apposition"))


@rule("rule:employer-place", "Someone working for an organization placed in a town in the same phrase lives there.",
      (Predicate.livesIn,),
      examples=[
          ("Carla Ruiz, who works for the Ventor Press Group in Duluth, declined to comment.",
           ("Carla Ruiz", Predicate.livesIn, "Duluth")),
      ],
      counter_examples=[
          ("Carla Ruiz, who works for the Ventor Press Group, flew to Duluth.",
           ("Carla Ruiz", Predicate.livesIn, "Duluth")),
      ], scope="derived")
def employer_residence(found: list[Relation]) -> list[Relation]:
    """Return where people live from where their employer, named in the same phrase, sits.

    Why: "Ann Roe of Acme Tools in Leeds" -- someone working for an
    organization placed in a town lives there (or in its state).
    """
    places: dict[int, list[Relation]] = {}
    for r in found:
        if r.predicate == Predicate.basedIn and r.method in _LOCAL_BASED_IN and r.object.type == EntityType.Place:
            places.setdefault(r.subject.start, []).append(r)
    out = []
    for r in found:
        if r.predicate not in (Predicate.worksFor, Predicate.leaderOf) or r.subject.type != EntityType.Person \
                or r.object.type != EntityType.Organization:
            continue
        for b in places.get(r.object.start, ()):
            out.append(dataclasses.replace(r, predicate=Predicate.livesIn, object=b.object, confidence=UNCALIBRATED,
                                           method="rule:employer-place", role=None))
    return out


def rule_relations(doc, index: MentionIndex, offset: int) -> list[Relation]:
    """Return the relations the hand-written rules find in a Doc, and the residences their employers imply."""
    found = [r for rule in RULES for r in rule(doc, index, offset)]
    return found + employer_residence(found)


def pair_probabilities(weights: dict, doc, a, sa, b, sb) -> list[float]:
    """Return the sentence classifier's class probabilities for one mention pair."""
    return probabilities(weights, pair_features(doc, a, sa, b, sb))


def classify(doc, pairs, offset: int, model: dict, skip=frozenset()) -> Iterator[Relation]:
    """Classify the mention pairs not in ``skip``; yield those whose best class is a relation."""
    weights, classes = model.get("weights"), model.get("classes")
    if not weights:
        return
    threshold = model.get("threshold", 0.5)
    for a, sa, b, sb in candidate_pairs(pairs):
        if (a.start, b.start) in skip:
            continue
        probs = pair_probabilities(weights, doc, a, sa, b, sb)
        best = max(range(len(probs)), key=probs.__getitem__)
        pred = _PAIR_PREDICATES[(a.type, b.type)].get(classes[best])
        if pred is None:
            continue
        confidence = calibrated_probability(model, classes[best], probs[best])
        if confidence < (LIVES_IN_THRESHOLD if pred == Predicate.livesIn else threshold):
            continue
        yield _make(a, pred, b, "model:pair-classifier", sa.sent, offset, confidence=confidence)


def calibrated_probability(model: dict, label: str, p: float) -> float:
    """Return the precision the classifier showed out of fold for this class at this probability."""
    bins = model.get("calibration", {}).get(label)
    if not bins:
        return round(p, 3)
    value = bins[0][1]
    for low, precision in bins:
        if p >= low:
            value = precision
    return value


#: Measured precision the sentence scorer needs before it states that someone killed someone.
KILLED_PRECISION = 0.9


def _ruled_pairs(mentions, rules, config) -> set[tuple[int, int]]:
    """Return the index pairs a kept rule states (either way): the scorer leaves them out."""
    at = {(m.start, m.end): i for i, (m, _s) in enumerate(mentions)}
    floor, skip = config.get("rule_floor", 0.0), set()
    if config.get("rule_veto", 0.0):
        return skip  # the scorer may veto a rule: every pair is scored
    # Sentences with nothing else to score are not encoded.
    for r in rules:
        i, j = at.get((r.subject.start, r.subject.end)), at.get((r.object.start, r.object.end))
        if r.confidence >= floor and i is not None and j is not None and r.predicate != Predicate.killed:
            skip |= {(i, j), (j, i)}  # a killing is scored all the same: see encoder_relations
    return skip


def encoded_sentences(pieces, pairs) -> set[tuple[int, int]]:
    """Return (id of Doc, sentence start) of the sentences the sentence scorer encodes for (Mention, Span) items."""
    config = sentrel.load_head()["config"]
    by_doc: dict[int, list] = {}
    for m, span in pairs:
        by_doc.setdefault(id(span.doc), []).append((m, span))
    out = set()
    for offset, doc in pieces:
        mine = by_doc.get(id(doc), [])
        rules = _rules_of(doc, MentionIndex(mine), offset, mine)
        seen: set[int] = set()  # one sentence lookup per mention: each walks a sentence that may be long
        for i, j in sentrel.pairs_to_score(mine, _ruled_pairs(mine, rules, config)):
            for k in (i, j):
                if k not in seen:
                    seen.add(k)
                    out.add((id(doc), mine[k][1].sent.start))
    return out


#: The last Doc's rule relations (Doc, model, (offset, mentions), relations): a short text asks twice.
_LAST_RULES: list = []


def _rules_of(doc, index: MentionIndex, offset: int, pairs) -> list[Relation]:
    """Return the calibrated rule relations of a Doc, reusing the last answer for the same Doc and mentions."""
    model, key = load_model(), (offset, tuple(m for m, _s in pairs))
    if _LAST_RULES and _LAST_RULES[0] is doc and _LAST_RULES[1] is model and _LAST_RULES[2] == key:
        return list(_LAST_RULES[3])
    found = [_calibrated(r, model) for r in rule_relations(doc, index, offset)]
    _LAST_RULES[:] = [doc, model, key, tuple(found)]
    return found


def _head_choice(probs: dict | None, config: dict, threshold: float) -> tuple[str, float] | None:
    """Return the sentence head's likeliest predicate of a pair and the pair's summed score, or None under its threshold."""
    if not probs:
        return None
    pred = max(sorted(probs), key=probs.__getitem__)
    total = sum(probs.values())
    return (pred, total) if total >= config.get("thresholds", {}).get(pred, threshold) else None


def _elsewhere_by_gazetteer(place: Mention, country: Mention, named: set[str]) -> bool:
    """True when every place the gazetteer knows by ``place``'s name lies in another country the text names.

    Why: the sentence head reads "Tarsk's president met Ostmark's premier in Helsinki" as Helsinki in both
    countries; the gazetteer knows the one Helsinki, in a country the text names too. A name no city or region
    of the gazetteer carries, or one it knows in the stated country, is left to the head.
    """
    if place.type != EntityType.Place or country.type != EntityType.Country:
        return False
    stated = gazetteer.country(country.name)
    readings = gazetteer.cities_named(place.name) + tuple(r for r in [gazetteer.region(place.name)] if r is not None)
    if stated is None or stated.country_code is None or not readings:
        return False  # a former state ("Soviet Union") held towns the gazetteer places in today's countries
    codes = {r.country_code for r in readings}
    return stated.country_code not in codes and bool(codes & (named - {stated.country_code}))


def _disputed(sa, sb) -> bool:
    """True when a verb close above either of two mentions is negated, conditional or denied ("X denied that she heads Y").

    The verbs read are the two words above each mention's head on the way
    to the first word both hang on: the scorer reads words, not what frames
    them. A negation higher up is about something else ("Y said X was not
    shown the plans").
    """
    above_b = {t.i for t in sb.root.ancestors} | {sb.root.i}
    above_a = {t.i for t in sa.root.ancestors} | {sa.root.i}
    for root, other in ((sa.root, above_b), (sb.root, above_a)):
        cur = root
        for _n in range(2):
            if cur.i in other or cur.head is cur:
                break
            cur = cur.head
            # "did not deny that X heads Y" affirms: a denial verb's own negation is read by _denied, below it.
            if cur.pos_ in ("VERB", "AUX") and cur.lemma_.lower() not in DENY_VERBS and _unreal(cur):
                return True
    return False


def encoder_relations(doc, mentions, rules, offset: int, head=None) -> list[Relation]:
    """Return a Doc's relations: the rules' kept ones and the scorer's on the pairs no kept rule covers.

    A rule's relation is kept when the rule's measured precision reaches
    the head's ``rule_floor``; the head sees every rule's output as a
    feature either way. A pair's statement is the likeliest predicate when
    all predicates together reach the head's threshold; ``killed``, an
    accusation, also needs a measured precision of :data:`KILLED_PRECISION`.

    Args:
        doc: A spaCy Doc.
        mentions: Its (Mention, Span) items.
        rules: The rules' relations in this Doc, already calibrated.
        offset: The Doc's character offset in the article.
        head: A head from :func:`kgraph.extraction.sentrel.load_head`; the shipped one when None.
    """
    head = head if head is not None else sentrel.load_head()
    config = head["config"]
    at = {(m.start, m.end): i for i, (m, _s) in enumerate(mentions)}
    floor, veto = config.get("rule_floor", 0.0), config.get("rule_veto", 0.0)
    scores = sentrel.score_pairs(doc, mentions, rules, head, skip=_ruled_pairs(mentions, rules, config))
    threshold = config.get("threshold", 0.5)
    kept = []
    for r in rules:
        probs = scores.get((at.get((r.subject.start, r.subject.end)), at.get((r.object.start, r.object.end))))
        if r.confidence < floor or (probs is not None and sum(probs.values()) < veto):
            continue  # a weak rule, or one the scorer, which saw the rule's output, still finds unlikely
        choice = _head_choice(probs, config, threshold) if r.predicate == Predicate.killed else None
        if choice is not None and choice[0] == Predicate.killed:
            # The scorer read the rule's output too: where it states the same killing, the statement has the
            # precision it measured there if higher.
            r = dataclasses.replace(r, confidence=max(r.confidence, sentrel.calibrated(head, Predicate.killed, choice[1])))
        kept.append(r)
    covered = {(r.subject.start, r.object.start) for r in kept} | {(r.object.start, r.subject.start) for r in kept}
    asked = {sent.start for sent in doc.sents if polar_question(sent)}  # read once, not per pair
    chosen = {}
    for (i, j), probs in sorted(scores.items()):
        (a, sa), (b, sb) = mentions[i], mentions[j]
        choice = None if (a.start, b.start) in covered else _head_choice(probs, config, threshold)
        if choice is None or sa.sent.start in asked or choice[0] != Predicate.killed and _disputed(sa, sb):
            continue  # a killing has its own guard too: the document model's, below
        pred, total = choice
        if pred == Predicate.killed and sentrel.calibrated(head, pred, total) < config.get("killed_precision", KILLED_PRECISION):
            continue  # an accusation: stated only where the head measured high precision
        # One direction per pair and predicate: the scorer reads both orders of a pair, and "X killed Y"
        # with "Y killed X" from one sentence is a false accusation; the likelier order is kept (a tie keeps neither).
        key = (min(i, j), max(i, j), pred)
        if key in chosen:
            other = chosen[key]
            chosen[key] = None if other is None or other[0] == total else max(other, (total, i, j))
        else:
            chosen[key] = (total, i, j)
    out = list(kept)
    named = {c.country_code for m, _s in mentions if m.type == EntityType.Country
             and (c := gazetteer.country(m.name)) is not None and c.country_code}
    for key, (total, i, j) in sorted(((k, v) for k, v in chosen.items() if v is not None), key=lambda kv: kv[1][1:]):
        (a, sa), (b, _sb) = mentions[i], mentions[j]
        if key[2] == Predicate.locatedIn and _elsewhere_by_gazetteer(a, b, named):
            continue
        confidence = sentrel.calibrated(head, key[2], total)
        out.append(_make(a, key[2], b, "model:sentence-encoder", sa.sent, offset, confidence=confidence))
    return out


def relations_of(doc, index: MentionIndex, offset: int, pairs=None) -> list[Relation]:
    """Return the relations of a Doc: the rules' (calibrated), then the classifier's on the pairs no rule covers.

    With the sentence encoder installed, :func:`encoder_relations`
    scores the pairs instead (the rules' output is among its features).
    """
    model = load_model()
    if pairs is not None and sentrel.enabled():
        return encoder_relations(doc, pairs, _rules_of(doc, index, offset, pairs), offset)
    found = [_calibrated(r, model) for r in rule_relations(doc, index, offset)]
    if pairs is not None:
        covered = {(r.subject.start, r.object.start) for r in found} | \
                  {(r.object.start, r.subject.start) for r in found}
        found += classify(doc, pairs, offset, model, covered)
    return found


# ---------------------------------------------------------------- article-level chains


def _country_code(m: Mention) -> str | None:
    """Return the ISO code of the country a place mention lies in, from the gazetteer, or None."""
    if m.type == EntityType.Country:
        found = gazetteer.country(m.name)
        return found.iso_code if found else None
    found = gazetteer.city(m.name) or gazetteer.region(m.name)
    return found.country_code if found else None


def _placed_elsewhere(place: Mention, country: Mention) -> bool:
    """True when the gazetteer knows towns or regions of a place's name, none of them in the country stated for it."""
    code = _country_code(country)
    readings = gazetteer.cities_named(place.name) + gazetteer.regions_named(place.name)
    return bool(code and readings) and all(r.country_code != code for r in readings)


def _countries_named(mentions) -> dict[str, Mention]:
    """Return the first mention of each country the article names, by ISO code."""
    out: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        code = _country_code(m) if m.type == EntityType.Country else None
        if code:
            out.setdefault(code, m)
    return out


@rule("rule:name-demonym",
      "An organization whose name opens with a nationality word is based in that country, when the article names "
      "it and the name places the body nowhere else.",
      (Predicate.basedIn,),
      examples=[
          ("The Norwegian Seafood Council reported record exports. Norway sold more salmon to Asia than ever.",
           ("Norwegian Seafood Council", Predicate.basedIn, "Norway")),
      ],
      counter_examples=[
          ("The Turkish Community of Hamburg met on Sunday. Turkey's consul spoke.",
           ("Turkish Community of Hamburg", Predicate.basedIn, "Turkey")),
          ("The Norwegian Seafood Council reported record exports to Asia.",
           ("Norwegian Seafood Council", Predicate.basedIn, "Norway")),
      ], scope="article")
def name_based_in(pieces, pairs) -> list[Relation]:
    """Return the countries organizations named with a nationality word are based in ("the Veltrian Rail Board").

    Why: in DWIE 1-602's annotations 60 of 71 such organizations whose
    country the article names are based there. ``rule:org-country-name``
    reads the name only beside the country in one sentence; this reads it
    across the article (on DWIE 1-602's candidate pairs it added 11, 9 of
    them right). A place written in the name ("... of Hamburg", "... in
    Germany") outside that country says the body sits elsewhere (a community
    abroad).

    Args:
        pieces: The article's ``(offset, Doc)`` pairs.
        pairs: The article's (mention, span) pairs.
    """
    offsets = {id(doc): off for off, doc in pieces}
    countries = _countries_named([m for m, _s in pairs])
    out, seen = [], set()
    for m, span in sorted(pairs, key=lambda p: p[0].start):
        words = m.name.split()
        if m.type != EntityType.Organization or len(words) < 2 or m.name in seen or not words[0][:1].isupper():
            continue
        nation = gazetteer.demonym(words[0]) if gazetteer.country(words[0]) is None else None
        country = countries.get(nation.iso_code) if nation is not None else None
        if country is None:
            continue
        seen.add(m.name)
        elsewhere = False
        for w in words[1:]:
            w = w.strip(",.()'\u2019")
            if not w[:1].isupper():
                continue
            there = gazetteer.country(w) or gazetteer.demonym(w)
            code = there.iso_code if there is not None else getattr(gazetteer.city(w) or gazetteer.region(w),
                                                                  "country_code", None)
            elsewhere = elsewhere or code is not None and code != nation.iso_code
        if elsewhere:
            continue
        sent = span.sent
        start = sent.start_char + offsets.get(id(span.doc), 0)
        out.append(_calibrated(Relation(m, Predicate.basedIn, country, 0.0, "rule:name-demonym", sent.text.strip(),
                                        start, start + len(sent.text.strip())), load_model()))
    return out


@rule("rule:based-in-chain",
      "An organization based in a town is based in the town's country, when the article names it.",
      (Predicate.basedIn,),
      examples=[
          ("Brackwell Tools Ltd, based in Leeds, sells most of its saws to buyers outside Britain.",
           ("Brackwell Tools Ltd", Predicate.basedIn, "United Kingdom")),
      ],
      counter_examples=[
          ("Norrel Foods, based in Toulouse, opened a plant on Monday.", ("Norrel Foods", Predicate.basedIn, "France")),
      ], scope="article")
def chain_based_in(relations: list[Relation], mentions) -> list[Relation]:
    """Return the countries organizations sit in, from the towns they sit in.

    Why: "the Leeds-based Acme Tools ... trade with Britain" -- an organization
    based in a town is based in that town's country, when the article names it.

    Args:
        relations: The article's relations.
        mentions: The article's mentions.
    """
    countries = _countries_named(mentions)
    located = {r.subject.name: r.object for r in relations
               if r.predicate == Predicate.locatedIn and r.object.type == EntityType.Country}
    out = []
    for r in relations:
        if r.predicate != Predicate.basedIn or r.object.type != EntityType.Place \
                or r.subject.type != EntityType.Organization:
            continue
        if r.method == "rule:dateline":
            # "LEEDS (Acme Wire) --": a dateline says where a report was filed, too weak to chain on.
            continue
        country = located.get(r.object.name)
        if country is None or _placed_elsewhere(r.object, country):
            # the gazetteer's country of a town it knows beats a statement placing the town where it has no
            # namesake ("has its head office in Helsinki and plants in Poland": the scorer read Helsinki in Poland)
            country = countries.get(_country_code(r.object) or "")
        if country is not None and country.name != r.subject.name:
            out.append(_calibrated(dataclasses.replace(r, object=country, method="rule:based-in-chain", role=None),
                                   load_model()))
    return out
