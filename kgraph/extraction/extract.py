"""Extraction: a parsed Doc becomes mentions and relations.

Every function here is pure over a spaCy ``Doc``; what leaves the module is
:class:`~kgraph.core.model.Extraction` with plain :class:`~kgraph.core.model.Mention`
and :class:`~kgraph.core.model.Relation` records, never spaCy objects.

Mentions are found in three steps:

1. *candidates* per parsed piece: the NER's entities with their spans and
   types corrected (titles, possessives, gazetteer types), country names
   and demonyms the NER missed, organizations named by noun phrases, and
   acronyms in parentheses;
2. *article-level decisions*: a name keeps one type in its article (a
   surname tagged ORG joins the person), headline fragments nobody repeats
   are dropped, a one-word PERSON that is a known city becomes a place;
3. *aliases and coreference*: surnames, acronyms and unambiguous pronouns
   take the in-article canonical name (``Mention.name``).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache


from kgraph.sources import gazetteer
from kgraph.core.model import Article, Extraction, Mention, Relation
from kgraph.extraction import implied
from kgraph.extraction.nlp import ALPHA, PUNCT, SPACE, TITLE, UPPER, doc_memo, ing_word, line_start, token_column
from kgraph.extraction.nlp import token_flags, tokens_where
from kgraph.extraction.nlp import word_classes as nlp_words
from kgraph.extraction.lexicon import AGENCY_HEADS as _AGENCY_HEADS
from kgraph.extraction.lexicon import KILL_VERBS, KILLER_NOUNS, KIN_NOUNS, LEGAL_FORMS, OFFICE_TITLES, ORG_HEADS, TITLES
from kgraph.extraction.lexicon import CLUB_LAST_WORDS, CLUB_MARKS, MEDIA_NOUNS, ORDINAL_WORDS, ORG_NOUNS, sports_story
from kgraph.extraction import lexicon
from kgraph.extraction.lexicon import CAPITALIZED_JOINERS, PERSON_NAMED_HEADS, STATE_BODY_HEADS
from kgraph.extraction.lexicon import (ANAPHOR_KINDS, FEATURE_HEADS, ORG_KIND_BEFORE_NAME, STORM_WORDS, VESSEL_PREFIXES,
                                      VESSEL_WORDS, company_ending)
from kgraph.extraction.lexicon import AGES as _AGES
from kgraph.extraction.lexicon import MONTHS
from kgraph.extraction.lexicon import ACADEMIC_ROLES as _ACADEMIC_ROLES
from kgraph.extraction.lexicon import LEADER_ROLES as _LEADER_ROLES
from kgraph.extraction.lexicon import MEMBER_ROLES as _MEMBER_ROLES
from kgraph.extraction.lexicon import WORK_ROLES as _WORK_ROLES
from kgraph.extraction.lexicon import NAME_TITLES as _NAME_TITLES
from kgraph.extraction.lexicon import PARTICLES as _PARTICLES
from kgraph.extraction.lexicon import PARTY_PLURALS as _PARTY_PLURALS
from kgraph.extraction.lexicon import PHRASE_ORG_HEADS as _PHRASE_ORG_HEADS
from kgraph.extraction.lexicon import PLACE_PREPS as _PLACE_PREPS
from kgraph.extraction.lexicon import PORTFOLIO_WORDS as _PORTFOLIO_WORDS
from kgraph.extraction.lexicon import REGION_NOUNS as _REGION_NOUNS
from kgraph.extraction.lexicon import SALUTATIONS as _SALUTATIONS
from kgraph.extraction.lexicon import SMALL_WORDS as _SMALL_WORDS
from kgraph.extraction.lexicon import TITLES as _TITLES
from kgraph.extraction.relations import (MentionIndex, chain_based_in, encoded_sentences, is_document_code, is_killing_noun,
                                         is_source_code, name_based_in, relations_of, skip_date, source_line_start)
from kgraph.core.terms import EntityType, Predicate
from kgraph.extraction.finders import finder
from kgraph.extraction import encoder, retype, sentrel
from kgraph.extraction.name_shape import WEEKDAYS
from kgraph.extraction.type_rules import ACRONYM_MAX as _ACRONYM_MAX
from kgraph.extraction.type_rules import NAME_LABELS as _NAME_LABELS
from kgraph.extraction.type_rules import gazetteer_type as _gazetteer_type
from kgraph.extraction.type_rules import is_state_or_country as _is_state_or_country
from kgraph.extraction.type_rules import kind_noun as _kind_noun
from kgraph.extraction.type_rules import kind_noun_beside as _kind_noun_beside
from kgraph.extraction.type_rules import written_lower as _written_lower
from kgraph.extraction.type_context import members_of_end as _members_of_end
from kgraph.extraction.type_rules import type_span as _type_span


_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")



@dataclass(frozen=True)
class _Cand:
    """A mention candidate inside one piece (token span, type, name, where it came from); changed by ``replace``."""

    doc: object
    offset: int
    start: int  # token index
    end: int
    type: str | None  # None: untyped, kept only if the article resolves it
    name: str
    source: str  # "ner", "gazetteer", "org-phrase", "acronym", "pronoun"
    label: str = ""
    headline: bool = False
    sure: bool = False  # the gazetteer vouches for the type
    lead: int = 0  # words before the name the mention's text keeps ("President" in "President Harlan", "The" in "The Hague")
    # The entity model's averaged class probabilities of the name (Mention.scores); evidence kept for review, not
    # identity, so two candidates that differ only here are one.
    scores: tuple | None = field(default=None, compare=False)

    @property
    def span(self):
        return self.doc[self.start:self.end]

    @property
    def text(self) -> str:
        # Read hundreds of thousands of times a build: the span's text is made once per candidate (a candidate's
        # doc and token span never change; ``replace`` makes a new one without it).
        got = self.__dict__.get("_text")
        if got is None:
            got = self.doc[self.start:self.end].text
            object.__setattr__(self, "_text", got)
        return got


# ---------------------------------------------------------------- candidates


#: Marks that open the items of a list.
_BULLETS = frozenset("- * \u2022 \u2013 \u2014 \u25aa \u25cf \u00b7".split())


def _headline_tokens(doc) -> frozenset[int]:
    """Return the tokens on title-case lines without final punctuation: "Italy Rejects New Law"."""
    memo = doc_memo(doc, "headlines")
    got = memo.get(None)
    if got is None:
        got = memo[None] = frozenset(_read_headline_tokens(doc))  # asked by candidates, names and the model
    return got


def _read_headline_tokens(doc) -> set[int]:
    """Return :func:`_headline_tokens`'s answer, read from the Doc's columns."""
    text, lower = token_column(doc, "text"), token_column(doc, "lower")
    # A line ends at a space token holding a line break: spaCy gives a word's own trailing whitespace as one space
    # or nothing, so a break is always a token of its own.
    breaks = [i for i, t in enumerate(text) if "\n" in t and token_flags(doc, i)[SPACE]]
    out: set[int] = set()
    start = 0
    for end in breaks + [len(text)]:
        line, start = range(start, end), end + 1
        # A line opened by a bullet is an item of a list ("- Finance Minister: Ann Roe"), not a headline.
        if len(line) < 3 or text[line[0]] in _BULLETS:
            continue
        words = []
        for k in line:
            if token_flags(doc, k)[ALPHA]:
                words.append(k)
                if len(words) > 20:
                    break  # a paragraph: its other words are not read
        if not 3 <= len(words) <= 20 or token_flags(doc, line[-1])[PUNCT] and text[line[-1]] in ".!?:;\"\u201d":
            continue
        flags = [token_flags(doc, k) for k in words]
        caps = sum(1 for k, f in zip(words, flags) if f[TITLE] or f[UPPER] or lower[k] in _SMALL_WORDS)
        if caps >= 0.85 * len(words) and sum(1 for f in flags if f[TITLE]) >= 2:
            out.update(line)
    return out


def _ends_in_question(sent) -> bool:
    """Return whether a sentence ends with a question mark (spaces and closing quotes aside)."""
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ("\"", "\u201d", "'")), None)
    return last is not None and last.text == "?"


#: Endings of nouns naming what a person does ("drummer", "novelist", "historian", "actress").
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ess")


def _occupation_word(tok) -> bool:
    """True for a capitalized word the dictionary knows only as a noun of what a person does ("Guitarist")."""
    return tok.is_title and tok.lower_.endswith(_AGENT_ENDINGS) and nlp_words(tok) == {"noun"}


_SCORE = re.compile(r"^\d{1,2}[-:\u2013]\d{1,2}$")


def _score_at(doc, k: int) -> bool:
    """True where a match result opens: "2-0" as one token or three ("6", "-", "4")."""
    if _SCORE.match(doc[k].text):
        return True
    return doc[k].is_digit and len(doc[k].text) <= 2 and k + 2 < len(doc) and doc[k + 1].text in ("-", ":", "\u2013") \
        and doc[k + 2].is_digit and len(doc[k + 2].text) <= 2


def _trim(doc, start: int, end: int, label: str) -> tuple[int, int, bool]:
    """Drop leading determiners and titles and a trailing possessive; return (start, end, salutation seen)."""
    salute = False
    while start < end - 1:
        low = doc[start].lower_.rstrip(".")
        if low in ("the", "a", "an") or doc[start].is_punct or ":" in doc[start].text \
                or doc[start].like_num and not (doc[start].is_title and (
                    low in ORDINAL_WORDS or label != "PERSON" and doc[start].is_alpha and not line_start(doc[start])
                    and doc[start + 1].is_title)):
            # "19:30 Zuckerberg", "the Kremlin": a time, number or article is not part of a name; a number word
            # capitalized inside a sentence opens the name ("the Five Star Movement").
            start += 1
        elif doc[start].tag_ == "MD" and doc[start].dep_ == "aux" and doc[start].is_sent_start \
                and _ends_in_question(doc[start].sent):
            # "Will Greece leave the euro?": a question's modal opening the sentence is no given name.
            start += 1
        elif label == "PERSON" and end - start >= 3 and _occupation_word(doc[start]) and doc[start + 1].is_title \
                and doc[start + 1].is_alpha and line_start(doc[start]):
            # "Drummer Ola Brekke said": an occupation opening the sentence is capitalized by its place, no name
            start += 1
        elif low in _TITLES and doc[start + 1].text[:1].isupper() and (label == "PERSON" or low in _SALUTATIONS):
            # "Dear Song Ji-myong", "President Putin": a title is not part of the name.
            salute = salute or low in _SALUTATIONS
            start += 1
        else:
            break
    score = next((k for k in range(start + 1, end) if _score_at(doc, k)), None)
    if score is not None:
        end = score  # "beat Carlos Ibarra 6-4 7-5": the NER takes a result into the name before it
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct or
                           doc[end - 1].is_lower and doc[end - 1].pos_ in ("ADP", "CCONJ", "DET", "PART")):
        # "Bosnia and Herzegovina to": a trailing possessive, bracket or function word is not part of a name.
        end -= 1
    return start, end, salute


def _language_after_in(c: "_Cand") -> bool:
    """True for a demonym that names a language after "in": "said in Portuguese", "broadcast in Russian"."""
    doc = c.doc
    if c.start == 0 or doc[c.start - 1].lower_ != "in" or c.type != EntityType.Country:
        return False
    if c.end < len(doc) and doc[c.end].pos_ in ("NOUN", "PROPN"):
        return False  # "in Portuguese waters": the demonym describes a noun
    return gazetteer.demonym(c.text) is not None and gazetteer.country(c.text) is None


#: Plural nouns of people that take "'s" inside a body's own name: "the Tarsk People's Party", "Women's Fund".
_COLLECTIVE_OWNERS = frozenset("people women men children".split())


@finder("finder:split-possessive", "An owner's name and what it owns are two names, though the NER tagged them as "
        "one (\"X's Y Party\"); a bracket or slash ends a name. A people's plural before the possessive is part "
        "of one name (\"People's Party\", \"Women's Fund\").", "splits",
        examples=[("The Marten Oyl's Quarn Party won.", "Quarn Party", EntityType.Organization)],
        counter_examples=[("The Quarn Party's Vell Committee met on Monday.", "Quarn Party"),
                          ("Delegates of the Veltrian People's Party met in Tarsk on Monday.", "Veltrian People"),
                          ("She coached the Ostmark Women's Football Association for years.", "Football Association")])
def _split_possessive(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an entity at an inner possessive: "Saddam's Baath Party" -> "Saddam", "Baath Party".

    Not after a plural noun of people ("Veltrian People's Party", "Ostmark Women's Football Association"): a
    people's or women's body is named so; its owner is no name of its own.
    """
    for i in range(start + 1, end):
        if doc[i].text in ("(", "[", "/"):
            # "Institute for Works of Religion (IOR": a bracket or slash ends the name.
            end = i
            break
    for i in range(start + 1, end - 1):
        if doc[i].text in ("'s", "\u2019s") and doc[i - 1].lower_ not in _COLLECTIVE_OWNERS:
            return [(start, i), (i + 1, end)]
    return [(start, end)]


#: Words after a comma that go on the same name ("Vellox, Inc.", "Anton Moreau, Jr.").
_AFTER_COMMA_SAME = frozenset(w.lower().rstrip(".") for w in LEGAL_FORMS) | {"inc", "ltd", "jr", "sr", "co", "llc"}


@finder("finder:split-comma", "A comma inside a name the NER tagged ends one name and opens the next "
        "(\"Vellsoft, Soundwave\" in a list), unless a legal form or \"Jr.\" follows it; places keep theirs "
        "(\"Haltmoor, Ohio\").", "splits",
        examples=[("Rivals including Vellsoft, Apple, Soundwave and Google Play offer similar plans.", "Soundwave",
                   EntityType.Organization)],
        counter_examples=[("Shares of Vellox, Inc. fell on Monday.", "Inc.")])
def _split_commas(doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Cut an entity at inner commas followed by a capitalized word: "Apple, Vellsoft" -> "Apple", "Vellsoft"."""
    if label in ("GPE", "LOC", "DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "PERCENT"):
        return [(start, end)]
    parts, s = [], start
    for i in range(start + 1, end - 1):
        nxt = doc[i + 1]
        if doc[i].text == "," and nxt.text[:1].isupper() and nxt.lower_.rstrip(".") not in _AFTER_COMMA_SAME:
            parts.append((s, i))
            s = i + 1
    parts.append((s, end))
    return parts


@finder("finder:split-lines", "A headline's last word and the next line's first are two names, though the NER "
        "joined them.", "splits",
        # (A headline over a sentence is a sentence of its own, and the NER no longer joins across it:
        # the example's second line is too short to be read so.)
        examples=[("Talks In Norland Stall\nEdda Morrow said so", "Edda Morrow", EntityType.Place)],
        counter_examples=[("Ann Roe met Edda Morrow in Leeds.", "Roe met")])
def _split_lines(doc, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an entity at line breaks: a headline's last word and the next line's first are two names."""
    parts, s = [], start
    for i in range(start, end):
        if doc[i].is_space or "\n" in doc[i].whitespace_:
            if i > s and not doc[i].is_space:
                parts.append((s, i + 1))
            elif i > s:
                parts.append((s, i))
            s = i + 1
    if s < end:
        parts.append((s, end))
    return parts


@finder("finder:country-prefix", "A country abbreviation before an agency's name is the country, a node of its "
        "own.", "splits",
        examples=[("The US Geological Survey measured the quake.", "Geological Survey", EntityType.Organization)],
        counter_examples=[("China National Radio reported the fire.", "China")])
def _split_country_prefix(doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Cut a country abbreviation off an organization: "US Geological Survey" -> "US", "Geological Survey".

    Why: the country is a node of its own, and the agency is based in it.
    """
    if label != "ORG" or end - start < 2:
        return [(start, end)]
    if doc[start].lower_ == "the":
        start += 1  # "the U.S. Navy"
    for k in (2, 1):
        head = doc[start:start + k]
        if not head[-1].is_upper:
            continue  # only abbreviations: "China National Radio" keeps its country word
        rest = doc[start + k:end]
        # "U.S. Navy": one organization word after the abbreviation is enough.
        enough = len(rest) >= 2 or len(rest) == 1 and rest[0].lower_ in ORG_HEADS
        if enough and all(t.is_title or t.is_upper for t in rest if t.is_alpha) and rest[0].is_alpha \
                and gazetteer.country(head.text) is not None and gazetteer.demonym(head.text) is None:
            return [(start, start + k), (start + k, end)]
    return [(start, end)]


def _split_place_prefix(doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Cut the last of two places joined by "and" off the person named after them: "Veltria and Korvania Ivan Roth".

    Why: "the Chief Justice of Veltria and Korvania Ivan Roth" is tagged one
    person "Korvania Ivan Roth"; the place ends the office's phrase and the
    person's name starts after it. Only when the words before are a place
    and "and", the first word is a country or first-level region the gazetteer
    knows, and a capitalized word follows it ("Georgia Lindqvist" with no place
    and "and" before her stays whole); the rest, or the whole, is no place ("Saxony Anhalt").
    """
    if label != "PERSON" or end - start < 2 or start < 2 or doc[start - 1].lower_ != "and":
        return [(start, end)]
    before = doc[start - 2]
    if not (before.ent_type_ in ("GPE", "LOC") or gazetteer.country(before.text) is not None
            or gazetteer.region(before.text) is not None):
        return [(start, end)]
    first, rest = doc[start], doc[start + 1:end]
    if not first.is_title or not doc[start + 1].is_title \
            or gazetteer.country(first.text) is None and gazetteer.region(first.text) is None:
        return [(start, end)]
    if gazetteer.place(rest.text) is not None or gazetteer.place(doc[start:end].text) is not None \
            or gazetteer.region(doc[start:end].text) is not None:
        return [(start, end)]  # "the Tarsk Hills and Saxony Anhalt": a place of two words, none of them a person
    return [(start, start + 1), (start + 1, end)]


def _split_person_of_country(doc, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """Cut "of" and a country off a person's name the NER tagged one organization: "Nadia Petrov of Norway".

    Why: a race result or a list of delegates writes a person with their
    country after "of"; spaCy tags the whole an organization, so the person
    was lost and "Nadia Petrov of Norway" became a body. Only two or three
    capitalized words no English dictionary knows, no title and no
    organization's head word, then "of" and a country ("Bank of Norway",
    "Central Bank of Norway" and "Vell Group of Norway" stay whole).
    """
    if label != "ORG" or end - start < 4:
        return [(start, end)]
    k = next((i for i in range(start + 2, min(end, start + 4)) if doc[i].lower_ == "of"), None)
    if k is None or gazetteer.country(doc[k + 1:end].text) is None:
        return [(start, end)]
    words = doc[start:k]
    if not all(_plain_word(t) and t.pos_ == "PROPN" and not nlp_words(t) and t.lower_ not in ORG_HEADS
               and gazetteer.country(t.text) is None and gazetteer.region(t.text) is None
               and gazetteer.demonym(t.text) is None for t in words):
        return [(start, end)]
    return [(start, k), (k + 1, end)]


#: Particles that end a person's given names before the rest of the name ("El", "Ben", "Abu", "Van").
_JOINING_PARTICLES = _PARTICLES | {"el", "abu"}


#: A capitalized word with an inner apostrophe, no possessive: "O'Dwyer", "Nkem'o", "D'Alvo".
_ELIDED_NAME = re.compile(r"[A-Z][a-z]{0,6}['\u2019](?![sS]$)[A-Za-z]{1,15}")


def _person_extent(doc, ent) -> int:
    """Return where a PERSON entity really ends, over particles the NER cut at: "Ursula von" + "der Leyen".

    A person the NER ends at a capitalized particle, right before another
    person it starts ("Omar El" + "Fadil Ben Salah"), is one person with both.
    So is a person of two or more plain capitalized words the NER ends right
    before another such person, one space apart in the sentence ("Anton
    Moreau" + "Varga Kessling" of a four-part name): two people are not
    written side by side without a comma or a word between them.
    """
    end = ent.end
    if end + 1 < len(doc) and end - ent.start >= 2 and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].is_lower and doc[end + 1].is_alpha \
            and len(doc[end + 1]) <= 5 and not nlp_words(doc[end + 1]):
        return end + 2  # "Tae Han" + "-soo": a hyphened given name's lower-case syllable, no English word
    if end < len(doc) and doc[end].ent_iob_ == "O" and doc[end - 1].whitespace_ and _ELIDED_NAME.fullmatch(doc[end].text):
        return end + 1  # "Ama" + "Nkem'o", "O'Dwyer": a capitalized word with an inner apostrophe is a surname
    apo = end - 1 if doc[end - 1].text in _APOSTROPHES and end - ent.start > 1 else end
    elided = _elision_extent(doc, apo)
    if elided is not None:
        # "Kevin O 'Malley", "Ze 'ev Tamir": the part after the apostrophe, and a surname right after it
        nxt = _next_person_end(doc, elided)
        if nxt is None and elided < len(doc) and doc[apo + 1].is_lower and _plain_word(doc[elided]) \
                and doc[elided].ent_type_ not in ("DATE", "TIME"):
            nxt = elided + 1  # a given name elided in lower case ("Ze 'ev") before the surname the NER missed
        return nxt if nxt is not None and doc[elided - 1].whitespace_ == " " else elided
    nxt = _next_person_end(doc, end)
    if nxt is not None and doc[end - 1].whitespace_ == " " and not doc[end].is_sent_start \
            and _plain_person(doc, ent.start, end) and _plain_person(doc, end, nxt):
        return nxt
    if nxt is not None and end - ent.start >= 2 and doc[end - 1].lower_ in _JOINING_PARTICLES \
            and doc[end - 1].is_title and doc[end - 1].whitespace_:
        return nxt
    while end > ent.start + 1 and doc[end - 1].lower_ in _PARTICLES:
        end -= 1  # "Ursula von": step back, then take particles and the surname forward
    j = end
    while j < len(doc) and doc[j].lower_ in _PARTICLES and doc[j].is_lower:
        j += 1
    if j > end and j < len(doc) and doc[j].is_title and doc[j].is_alpha:
        return j + 1
    if _surname_after(doc, ent.start, ent.end):
        return ent.end + 1
    return ent.end


def _surname_after(doc, start: int, end: int) -> bool:
    """True when the word right after a person the NER ended is the head its words are compounded with.

    Why: "Interior Minister Ana Lucia Reyes met ...": the NER tags "Ana Lucia"
    and leaves the surname the parser hangs both given names on. The word must
    be a capitalized proper noun in no entity, opening no sentence, no English
    word, title, large city, region, country or demonym, and the name two words
    or more.
    """
    if end >= len(doc) or end - start < 2 or not doc[end - 1].whitespace_:
        return False
    t = doc[end]
    if t.ent_iob_ != "O" or t.pos_ != "PROPN" or not t.is_title or not t.is_alpha or t.is_sent_start \
            or nlp_words(t) or t.lower_ in _TITLES or t.lower_ in _NAME_TITLES:
        return False
    if any(w.head.i != end or w.dep_ != "compound" for w in doc[start:end]):
        return False
    city = gazetteer.city(t.text)
    # A surname may be a town's name too ("Rodriguez" in the Philippines): only a large city stops it.
    return (city is None or city.population < SURNAME_CITY_POPULATION) and gazetteer.country(t.text) is None \
        and gazetteer.demonym(t.text) is None and gazetteer.region(t.text) is None


#: Least population of a city whose name, right after a person's given names, is not taken as the surname.
SURNAME_CITY_POPULATION = 500_000


#: Apostrophes that write an elision inside a name ("O'Malley", "Ze'ev").
_APOSTROPHES = ("'", "\u2019")

#: Longest name part before an elision's apostrophe ("O", "D", "Ze", "Sa"); a longer word before an apostrophe
#: written against the next word is a name before a quotation ("Anton Moreau 'Blue Moon'").
ELISION_HEAD_MAX = 3


def _elision_extent(doc, end: int) -> int | None:
    """Return where a person's name ends over an elision written apart, or None when none follows at ``end``.

    Why: pre-tokenized text writes "O'Malley" as "O 'Malley" and "Ze'ev" as
    "Ze 'ev"; the NER ends the name at the short part before the apostrophe
    and the rest is lost. A short capitalized part (up to
    ``ELISION_HEAD_MAX`` letters) apart from an apostrophe written against
    the next letters is one word of the name with them. Counter-examples: a
    possessive ("Moreau 's", "Moreau ' s"), a longer word before a quotation
    ("Moreau 'Blue Moon'").
    """
    if end < 1 or end + 1 >= len(doc):
        return None
    head, apo = doc[end - 1], doc[end]
    if apo.text not in _APOSTROPHES or not head.whitespace_ or apo.whitespace_ or not head.is_alpha \
            or not head.text[:1].isupper() or len(head.text) > ELISION_HEAD_MAX or not doc[end + 1].is_alpha \
            or doc[end + 1].lower_ == "s" and (doc[end + 1].whitespace_ or end + 2 >= len(doc)):
        return None
    j = end + 1
    while j < len(doc) and doc[j].is_alpha and not doc[j - 1].whitespace_:
        j += 1
    return j


def _next_person_end(doc, i: int) -> int | None:
    """Return where the PERSON entity the NER starts at token ``i`` ends, or None when none starts there."""
    if i >= len(doc) or doc[i].ent_iob_ != "B" or doc[i].ent_type_ != "PERSON":
        return None
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return j


def _plain_word(t) -> bool:
    """True for a capitalized alphabetic word (hyphens allowed) that is no title."""
    return t.text[:1].isupper() and t.text.replace("-", "").isalpha() and t.lower_ not in _NAME_TITLES \
        and t.lower_ not in TITLES


def _plain_person(doc, start: int, end: int) -> bool:
    """True for two or more plain words (:func:`_plain_word`), the first no demonym (nor a possessive)."""
    return end - start >= 2 and all(_plain_word(t) for t in doc[start:end]) \
        and gazetteer.demonym(doc[start].text) is None


def _title_start(doc, start: int) -> int:
    """Return where a person's mention starts with the titles written before the name ("Mrs. Ruth Hale").

    Why: "the assassination of President Harlan" names "President Harlan"; the
    name stays "Harlan". A title with a modifier before it ("French President
    X", "U.S. Sen. X") is a role phrase the relation rules read, not part of the name.
    """
    j = start
    while j > 0 and doc[j - 1].lower_.rstrip(".") in _NAME_TITLES and doc[j - 1].text[:1].isupper():
        j -= 1
    if j == start or j > 0 and not doc[j].is_sent_start and \
            (doc[j - 1].text[:1].isupper() and doc[j - 1].is_alpha or doc[j - 1].ent_type_ in ("GPE", "NORP", "ORG")):
        return start
    return j


def _article_lead(doc, start: int, end: int, kind) -> int:
    """Return 1 when a capitalized "The" before a place's name is part of the name as the gazetteer spells it.

    Why: "talks in The Hague" names "The Hague", while "the Tarsk valley" and
    "The Tarsk valley" do not keep their article. The mention's text keeps
    the article; the place's name stays as the gazetteer reads it.
    """
    if kind != EntityType.Place or start == 0 or doc[start - 1].text != "The":
        return 0
    written = doc[start - 1:end].text
    place = gazetteer.place(written)
    # norm() drops a leading "the": the gazetteer's own name must open with it ("The Berlin-based X" is Berlin)
    return 1 if place is not None and place.name.casefold().startswith("the ") \
        and gazetteer.norm(place.name) == gazetteer.norm(written) else 0


def _glued_hyphen(doc, h: int) -> bool:
    """True when token ``h`` is a hyphen written without spaces between two capitalized words ("Multi-Media")."""
    return 1 <= h < len(doc) - 1 and doc[h].text == "-" and not doc[h - 1].whitespace_ and not doc[h].whitespace_ \
        and doc[h - 1].is_title and doc[h - 1].is_alpha and doc[h + 1].is_title and doc[h + 1].is_alpha


def _hyphen_extent(doc, end: int) -> int:
    """Return where a name really ends over hyphens written without spaces: "Mediafax" + "-" + "Romania"."""
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
        end += 2
    return end


def _one_hyphened_name(doc, ent, end: int) -> bool:
    """True when the words a hyphen glues after a place's or organization's name are no name of their own.

    Why: "the Tarsk-Vell newspaper" is one paper's name before a noun, while
    "the EU-Tarsk deal" and "US-Veltrian ties" are two names qualifying a
    noun: a part the gazetteer knows (a country, a demonym, a place), an
    acronym, or two people ("the Moreau-Varga plan") stay apart.
    """
    if ent.label_ == "PERSON":
        return False
    parts = [t for t in doc[ent.end:end] if t.text != "-"]
    return bool(parts) and not any(t.is_upper or _gazetteer_type(t.text) is not None or gazetteer.place(t.text) is not None
                                   for t in parts)


def _and_extent(doc, ent) -> int:
    """Return where a descriptive organization name really ends over "and": "Institute for Soil and Water Studies".

    The NER often ends such a name at "and" (or just before it) and tags the rest apart or not at all. The name
    goes on over a run of capitalized words after "and" when it is an organization with an inner "of"/"for"/"on"
    and the run is no name of its own: no person or place, no organization head word ("... and Vell Hospital").
    """
    end = ent.end
    paired = _and_pair_end(doc, ent)
    if paired is not None:
        return paired
    if ent.label_ != "ORG" or not any(t.lower_ in ("of", "for", "on") for t in doc[ent.start + 1:end - 1]):
        return end
    k = end if doc[end - 1].lower_ == "and" else end + 1 if end < len(doc) and doc[end].lower_ == "and" else 0
    w = k - 2
    if w >= 2 and doc[w - 1].text == "-" and not doc[w - 2].whitespace_ and not doc[w - 1].whitespace_:
        w -= 2  # "Co-operation and": the hyphened word's first part is the capitalized one
    if not k or not doc[w].text[:1].isupper():
        return end
    r = k
    while r < len(doc) and doc[r].is_title and doc[r].is_alpha and not doc[r].is_sent_start \
            and doc[r].ent_type_ in ("", "ORG") and doc[r].lower_ not in _NAME_TITLES and doc[r].lower_ not in TITLES:
        r += 1
    if r == k or any(t.lower_ in ORG_HEADS for t in doc[k:r]) or r < len(doc) and doc[r].text in _POSSESSIVE:
        return end
    return r


def _and_pair_end(doc, ent) -> int | None:
    """Return where "the X and Y Agency" ends when the NER tagged "X" and "Y Agency" apart, or None.

    "The Coastal and Rescue Agency", "the Food and Drug Administration": after "the", one or two
    capitalized words tagged an organization, "and", then an organization whose last word is an organization's
    head; the words before "and" hold no head, party word, place or country of their own ("the Greens and Social
    Democratic Party" are two).
    """
    end = ent.end
    if ent.label_ != "ORG" or ent.end - ent.start > 2 or ent.start == 0 or doc[ent.start - 1].lower_ != "the":
        return None
    if end + 1 >= len(doc) or doc[end].lower_ != "and":
        return None
    nxt = next((e for e in doc.ents if e.start == end + 1), None)
    if nxt is None or nxt.label_ != "ORG" or doc[nxt.end - 1].lower_ not in ORG_HEADS:
        return None
    first = doc[ent.start:end]
    if any(t.lower_ in ORG_HEADS or t.lower_ in _PARTY_PLURALS or not t.is_title for t in first) \
            or gazetteer.city(first.text) is not None or gazetteer.country(first.text) is not None:
        return None
    return nxt.end


#: Words inside a long organization name where the NER cuts it in two ("Agency for" + "International Development").
_INNER_JOINERS = ("for", "on")


def _joiner_extent(doc, ent) -> int:
    """Return where an organization's name really ends over an inner "for"/"on": "Agency for International Development".

    The NER often cuts a long descriptive name at its "for" or "on" into two
    organizations ("Central Office" + "the Investigation of Tarsk Crimes",
    "the Veltrian Agency for" + "Rural Development"). They are one name when
    the first part ends in an organization head word ("Office", "Agency",
    "Committee") and what follows the joiner (and a "the") is an organization
    the NER tagged too, or a run of capitalized words it tagged as nothing
    ("Committee on the Protection of Veltrian Wetlands"), of two words or
    more, no acronym and no head word of its own (a subject, not a second
    organization: "the Tarsk Bank for Vell Motors Group"); a date, a place or
    a person after the joiner is no part of the name ("the Council on
    Monday", "the Committee on Tarsk").
    """
    end = ent.end
    if ent.label_ != "ORG" or end >= len(doc):
        return end
    if doc[end - 1].lower_ in _INNER_JOINERS and end - ent.start >= 2:
        head, k = doc[end - 2], end
    elif doc[end].lower_ in _INNER_JOINERS:
        head, k = doc[end - 1], end + 1
    else:
        return end
    if head.lower_ not in ORG_HEADS or not head.text[:1].isupper():
        return end
    start = k + 1 if k < len(doc) and doc[k].lower_ == "the" else k
    if start >= len(doc) or not doc[start].text[:1].isupper():
        return end
    if doc[start].ent_type_ == "ORG":
        r = start + 1
        while r < len(doc) and doc[r].ent_iob_ == "I":
            r += 1
    elif doc[start].ent_type_ or (k < len(doc) and doc[k].ent_type_ and doc[k].ent_type_ != "ORG"):
        return end
    else:
        r, last = start, start
        while r < len(doc) and not doc[r].ent_type_ and (doc[r].is_title and doc[r].is_alpha or
                                                            doc[r].lower_ in ("of", "and") and r > start):
            if doc[r].is_title:
                last = r
            r += 1
        r = last + 1
    # the rest is a subject of two or more words, no organization of its own ("Deutsche Bank for Tarsk Motors Group")
    if r - start < 2 or doc[r - 1].lower_ in ORG_HEADS or any(t.is_upper and t.is_alpha for t in doc[start:r]):
        return end
    return r


def _names_a_field(doc, ent) -> bool:
    """True when an entity's words hold a body's head word and then "for" or "on" ("Agency for Trade")."""
    words = [t.lower_ for t in doc[ent.start:ent.end]]
    return any(w in _INNER_JOINERS and i > 0 and words[i - 1] in ORG_HEADS for i, w in enumerate(words))


def _field_and_extent(doc, ent) -> int:
    """Return where a field body's name really ends over "and" and a second field: "... for Museums" + "and Monuments".

    The NER ends "Commission for Museums and Monuments" at "and". The name goes on over "and" and one to
    three capitalized dictionary words when it opens with a body's head word and "for" or "on" ("Agency
    for Trade and Investment"); never over a person's or place's name ("the Council for Arts and Anna Berg").
    """
    end = ent.end
    if ent.label_ != "ORG" or end + 1 >= len(doc) or doc[end].lower_ != "and" or not _names_a_field(doc, ent):
        return end
    stop = end + 1
    while stop < len(doc) and stop - end <= 3 and doc[stop].is_title and doc[stop].is_alpha \
            and nlp_words(doc[stop]) and gazetteer.place(doc[stop].text) is None and not doc[stop].ent_type_ in ("GPE", "LOC"):
        stop += 1
    if stop == end + 1 or stop < len(doc) and doc[stop].is_title:
        return end
    return stop


#: Lower-case words inside places' names ("Rio Grande do Sul", "Castilla y Leon").
_PLACE_PARTICLES = frozenset("do da de del di du des dos das y".split())


def _particle_place_extent(doc, ent) -> int:
    """Return where a place the NER cut at a lower-case particle ends: "Rio Grande" + "do Sul".

    Only when the gazetteer knows the whole as a region, or as a place under that very name.
    """
    end = ent.end
    if ent.label_ not in ("GPE", "LOC", "NORP", "PERSON") or end + 1 >= len(doc) \
            or doc[end].lower_ not in _PLACE_PARTICLES \
            or not doc[end].is_lower:
        return end
    for stop in (end + 2, end + 3):
        if stop > len(doc) or not all(t.is_title and t.is_alpha for t in doc[end + 1:stop]):
            break
        whole = doc[ent.start:stop].text
        place = gazetteer.place(whole)
        if gazetteer.region(whole) is not None \
                or place is not None and gazetteer.norm(place.name) == gazetteer.norm(whole):
            return stop
    return end


def _feature_extent(doc, ent) -> int:
    """Return where a place the NER cut before its feature word ends: "San Telmo" + "River".

    A capitalized feature word right after a place's name, in no entity of its own, is the end of the name.
    """
    end = ent.end
    if ent.label_ not in ("GPE", "LOC", "FAC") or end >= len(doc) or not doc[end].is_title \
            or doc[end].lower_ not in FEATURE_HEADS or doc[end].ent_iob_ != "O" or not doc[end - 1].is_alpha:
        return end
    return end + 1


#: Words a town's name takes to name its football club ("Ipswich Town", "Stoke City").
_CLUB_TOWN_WORDS = frozenset(("town", "city"))


def _club_town_extent(doc, ent) -> int:
    """Return where a club named by its town and "Town" or "City" ends when the NER tagged the town alone."""
    end = ent.end
    if ent.label_ not in ("GPE", "LOC") or end >= len(doc) or not doc[end].is_title \
            or doc[end].lower_ not in _CLUB_TOWN_WORDS or doc[end].ent_iob_ != "O" or doc[end].pos_ != "PROPN":
        return end
    if end + 1 < len(doc) and doc[end + 1].is_title and doc[end + 1].pos_ == "PROPN":
        return end  # "Ipswich Town Hall", "Ipswich Town Council": a building or a body of the town
    if gazetteer.place(ent.text) is None or gazetteer.place(doc[ent.start:end + 1].text) is not None:
        return end
    return end + 1


def _continent_extent(doc, ent) -> int:
    """Return where a field's organization really ends over "in" and a continent: "... and Co-operation in Europe".

    The NER ends a name of the shape "Organization for X and Y" before "in Europe", which it tags a place:
    a body named for fields of work in a continent. Only for that shape (a head word, then "for" or "on",
    then "and") and a continent, never a country or city ("the Ministry of Health in Tarsk" is the ministry).
    """
    end = ent.end
    if ent.label_ != "ORG" or end + 1 >= len(doc) or doc[end].lower_ != "in" \
            or "and" not in [t.lower_ for t in doc[ent.start:end]] or not _names_a_field(doc, ent):
        return end
    place = doc[end + 1]
    if place.ent_iob_ != "B" or place.ent_type_ not in ("LOC", "GPE"):
        return end
    stop = end + 2
    while stop < len(doc) and doc[stop].ent_iob_ == "I":
        stop += 1
    return stop if gazetteer.continent(doc[end + 1:stop].text) else end


def name_adjective(tok) -> bool:
    """True when a capitalized word is a dictionary adjective and no demonym, place or role ("Monetary", "Great").

    The dictionary and the tagger must agree: spaCy tags a capitalized noun inside a name an adjective
    ("Pro-Brotherhood"), and the dictionary lists many nouns as adjectives too ("Union", "Capital"); a word
    it lists as a noun counts only where the tagger reads an adjective ("the Great").
    """
    classes = nlp_words(tok)
    return tok.is_title and tok.is_alpha and "adj" in classes \
        and ("noun" not in classes or tok.tag_ in ("JJ", "JJR", "JJS")) and gazetteer.demonym(tok.text) is None \
        and gazetteer.place(tok.text) is None and gazetteer.country(tok.text) is None and tok.lower_ not in _ROLE_BEFORE


def _lower_head_extent(doc, ent) -> int:
    """Return where a body's name the text writes with a lower-case head ends: "International Monetary" + "fund".

    Why: a name does not end on an adjective; the NER stops at the lower-case
    noun after it ("the Tarsk Naval base", "the Veltrian Monetary fund"), and
    the piece is a node nobody named. Only an organization or facility of two
    words or more whose last word is a capitalized adjective, and one
    lower-case noun that heads no longer phrase ("the Tarsk Naval base
    commander" stays; "the Vell Social Democrat party" ends on a noun), and
    no lower-case word but "of", "the", "and" inside the name.
    """
    end = ent.end
    if ent.label_ not in ("ORG", "FAC") or end - ent.start < 2 or end >= len(doc) or not name_adjective(doc[end - 1]):
        return end
    if any(t.is_lower and t.pos_ not in ("ADP", "DET", "CCONJ") for t in doc[ent.start:end]):
        return end  # "Chopped parsley Fresh" + "thyme" in a list of ingredients: a lower-case word, no name
    head = doc[end]
    if not head.is_lower or not head.is_alpha or head.pos_ != "NOUN" or head.ent_iob_ != "O" \
            or end + 1 < len(doc) and doc[end + 1].pos_ in ("NOUN", "PROPN"):
        return end
    return end + 1


def _epithet_extent(doc, ent) -> int:
    """Return where a person named with an epithet ends: "Catherine" + "the Great", "Ivan" + "the Terrible".

    "the" and one capitalized adjective right after a person's name, no capitalized word after it, are part of
    the name ("Empress Olga the Wise"); a role after "the" is not ("Anna Berg, the Chancellor"; "Anna the
    Veltrian" is a demonym).
    """
    end = ent.end
    if ent.label_ != "PERSON" or end + 1 >= len(doc) or doc[end].text != "the" or not name_adjective(doc[end + 1]):
        return end
    if end + 2 < len(doc) and doc[end + 2].is_title:
        return end  # "Ivan the Great Hall": the adjective opens another name
    return end + 2


def _adjective_start(doc, ent, taken: int, headlines: set) -> int:
    """Return where a name the NER cut after its capitalized adjective starts: "the Large" + "Hadron Collider".

    The word before is taken when it is a capitalized adjective inside a sentence (not its first word, not a
    headline), in no entity, right after "the", and the name after it is no plain person's name ("the Young Anna
    Berg"); a demonym, place or role before a name, or any adjective before a place's name, stays apart ("the
    Veltrian Foreign Ministry", "the Former Korvania").
    """
    i = ent.start - 1
    if i - 1 < max(taken, 0) or ent.label_ in ("NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                                                 "QUANTITY") or doc[i].ent_iob_ != "O" or not name_adjective(doc[i]) \
            or doc[i].is_sent_start or i in headlines or doc[i - 1].lower_ != "the" or line_start(doc[i]):
        return ent.start
    if ent.label_ == "PERSON" and not any(nlp_words(t) for t in ent):
        return ent.start  # a person's plain name: no dictionary word in it
    if gazetteer.place(ent.text) is not None or gazetteer.country(ent.text) is not None:
        return ent.start  # "the Former Korvania": an adjective before a known place qualifies it
    return i


#: A piece of an NER entity (cut at line breaks) longer than this many tokens is no name. Why: a word written
#: thousands of times in a row is tagged one organization thousands of tokens long, and reading whether each
#: edge word belongs to a name costs the rest of the span per word: 50 kB of one repeated word took 67 s. The
#: dev slices' longest candidate has 11 tokens (docs/development.md, "Hostile input and security: audits").
MAX_NAME_TOKENS = 40


def _region_start(doc, ent, taken: int) -> int:
    """Return where a place the NER cut after a word of its name starts: "Lower" + "Saxony", "sub-" + "Saharan Africa".

    The word before is taken only when it is capitalized, in no entity, and the two together are a first-level
    region the gazetteer knows ("Lower Saxony", "Western Australia"; "Sunday Saxony" stays "Saxony").
    """
    i = ent.start - 1
    if ent.label_ != "PERSON":
        # "sub-Saharan Africa" is the region's name ("Saharan Africa" none), whether the NER took "Saharan" or not.
        for h in (i, i - 1):
            if h - 1 >= max(taken, 0) and doc[h].text == "-" and doc[h - 1].lower_ == "sub" \
                    and not doc[h - 1].whitespace_ and not doc[h].whitespace_ \
                    and (ent.end - ent.start >= 2 if h == i else doc[i].is_title and doc[i].ent_iob_ == "O"):
                return h - 1
    if ent.label_ == "PERSON" or i < taken or i < 0 or doc[i].ent_iob_ != "O" or not doc[i].is_title \
            or not doc[i].is_alpha:
        return ent.start
    return i if gazetteer.region(doc[i:ent.end].text) is not None else ent.start


#: Words that, capitalized before a person's name, are a role or title, not a given name ("Swimmer", "Coach").
_ROLE_BEFORE = TITLES | _LEADER_ROLES | _WORK_ROLES | _MEMBER_ROLES | _ACADEMIC_ROLES


def _given_name_start(doc, ent, taken: int) -> int:
    """Return where a person the NER cut after the given name starts: "Pavel" + "Roth" tagged "Roth" alone.

    The word before is taken when the parser makes it a proper noun compounded with the name, it is capitalized,
    in no entity, and no English dictionary word (titles and roles are: "Commissioner", "Swimmer", "Major"), no
    role, place, country or demonym; a hyphened given name is taken whole. Right after a role noun a one-word
    name the NER tagged a person or an organization takes a dictionary word or a town's name before it too
    ("chief executive Ana" + "Torvik"): no region, country or demonym.
    """
    i = ent.start - 1
    if i < taken or i < 0:
        return ent.start
    # One word tagged an organization after a role noun and a given name: "chief executive Ana" + "Torvik".
    after_role = ent.end - ent.start == 1 and i >= 1 and doc[i - 1].lower_ in _ROLE_BEFORE
    # One word before a possessive tagged an organization: "Ana Kovač's husband" read as "Kovač's" or "Kovač" (a
    # letter spaCy-small rarely saw in a name); the given name before it is taken as for a person.
    owned = ent.end - ent.start <= 2 and ent.start + 1 < len(doc) and doc[ent.start + 1].tag_ == "POS" \
        and doc[ent.start].is_title  # not an acronym: "Questions EU's plan" in a headline
    # A body named after a person, its given name cut off: "Heinrich" + "Boell Foundation".
    named_for = ent.label_ == "ORG" and ent.end - ent.start >= 2 and doc[ent.end - 1].lower_ in PERSON_NAMED_HEADS \
        and doc[ent.start].is_title and doc[ent.start].is_alpha and doc[ent.start].pos_ == "PROPN" \
        and doc[ent.start].lower_ not in ORG_HEADS and gazetteer.place(doc[ent.start].text) is None
    if ent.label_ != "PERSON" and not (ent.label_ == "ORG" and (after_role or owned or named_for)):
        return ent.start
    t = doc[i]
    if t.ent_iob_ != "O" or t.pos_ != "PROPN" or t.dep_ != "compound" or not ent.start <= t.head.i < ent.end \
            or not t.is_title or not t.is_alpha or t.lower_ in _ROLE_BEFORE or nlp_words(t) and not (after_role or owned):
        return ent.start
    place = gazetteer.place(t.text)
    if gazetteer.country(t.text) or gazetteer.demonym(t.text) or place is not None \
            and not (after_role and gazetteer.region(t.text) is None and gazetteer.us_state_name(t.text) is None) \
            and not (owned and place.name != t.text):  # "Ana" is only another name of Anaheim
        return ent.start  # after a role noun a word or a town's name is a given name ("chief executive Ana Torvik")
    # doc[i] is a title-case word (checked above), so the hyphen's test of the word after it holds
    while i - 2 >= max(taken, 0) and _glued_hyphen(doc, i - 1) and doc[i - 2].ent_iob_ == "O":
        i -= 2  # a hyphened given name: "Abed-Tarso" + "Moreau"
    return i


def _kind_name_start(doc, ent, taken: int) -> int:
    """Return where an organization the NER cut after a kind noun's first words starts: "group Agua" + "Viva".

    The words before are taken when they are capitalized proper nouns in no entity, compounded into the name,
    and a kind noun ("group", "charity", "firm") stands right before them; at most three, no place or demonym.
    """
    if ent.label_ != "ORG":
        return ent.start
    i = ent.start
    while i - 1 >= max(taken, 0) and ent.start - (i - 1) <= 3:
        t = doc[i - 1]
        if t.ent_iob_ != "O" or t.pos_ != "PROPN" or t.dep_ != "compound" or not t.is_title or not t.is_alpha \
                or not i - 1 < t.head.i < ent.end or gazetteer.demonym(t.text) or _gazetteer_type(t.text):
            break
        i -= 1
    return i if i < ent.start and i - 1 >= 0 and _kind_noun(doc[i - 1]) else ent.start


def _demonym_opens(doc, start: int, end: int) -> bool:
    """Return whether a demonym right before a generic organization name opens it: "French" + "Anti-Doping Agency".

    Why: a name of common words and an organization head ("Anti-Doping Agency",
    "Lawyers' Association") is one body per country; without its demonym the
    French and the Veltrian agency of one story are one node. The demonym
    stands right before the name (no punctuation), names a country the gazetteer
    knows and is no country's own name; every word of the name but its head is
    an English dictionary word (or a form of one). A proper name ("Heinrich Boell
    Foundation") and a state body linking qualifies by its country ("Interior
    Ministry") keep their cut.
    """
    i = start - 1
    if i < 0 or end - start < 2 or end - start > 6:
        return False
    t = doc[i]
    if not t.is_title or not t.is_alpha or not t.whitespace_ or gazetteer.demonym(t.text) is None \
            or gazetteer.country(t.text) is not None:
        return False
    if t.ent_iob_ != "O" and not (t.ent_type_ == "NORP" and t.ent_iob_ == "B" and doc[start].ent_iob_ != "I"):
        return False  # the word ends a longer name the NER tagged
    head = doc[end - 1]
    if not head.is_title or head.lower_ not in ORG_HEADS or head.lower_ in STATE_BODY_HEADS \
            or head.lower_ == "ministries":
        return False
    for w in doc[start:end - 1]:
        if w.text in ("-", "'s", "\u2019s", "'", "of", "for", "and") or _glued_hyphen(doc, w.i + 1):
            continue  # "Anti-" of "Anti-Doping": a prefix, the word after it is read
        if not w.is_alpha or not w.is_title or not (nlp_words(w) or ing_word(w)) \
                or gazetteer.demonym(w.text) is not None or gazetteer.place(w.text) is not None:
            return False
    return True


@finder("finder:ner", "The NER's entities, cut at line breaks, country prefixes and possessives, trimmed and typed "
        "by the typing rules.", "adds",
        examples=[("Edda Morrow spoke in Leeds on Friday.", "Edda Morrow", EntityType.Person)],
        counter_examples=[("Edda Morrow spoke in Leeds on Friday.", "Friday")])
def _ner_candidates(doc, offset: int, headlines: set) -> list[_Cand]:
    out = []
    taken = 0
    # "French" + "Anti-Doping Agency": the demonym opens the generic name after it, no name of its own here.
    opened = {ent.start: ent.start - 1 for ent in doc.ents
              if ent.label_ == "ORG" and _demonym_opens(doc, ent.start, ent.end)}
    for ent in doc.ents:
        if ent.start < taken or ent.label_ == "NORP" and opened.get(ent.end) == ent.start:
            continue  # swallowed by the person name before it, or a demonym opening the name after it
        if ent.label_ == "PERSON" and _particle_place_extent(doc, ent) == ent.end:
            stop = _person_extent(doc, ent)
            if stop != ent.end and stop - ent.start <= MAX_NAME_TOKENS:
                # "Ursula von der Leyen" split into "Ursula von" and "Leyen": one person.
                taken = stop
                s, e, _salute = _trim(doc, _given_name_start(doc, ent, 0), stop, "PERSON")
                out.append(_Cand(doc, offset, s, e, EntityType.Person, doc[s:e].text, "ner", "PERSON", s in headlines,
                                 lead=s - _title_start(doc, s)))
                continue
        hyphened = ent_end = _hyphen_extent(doc, ent.end) if _gazetteer_type(ent.text) is None else ent.end
        if ent_end == ent.end:
            ent_end = _and_extent(doc, ent)
        if ent_end == ent.end:
            ent_end = _joiner_extent(doc, ent)
        if ent_end == ent.end:
            ent_end = _field_and_extent(doc, ent)
        if ent_end == ent.end:
            ent_end = _continent_extent(doc, ent)
        if ent_end == ent.end:
            ent_end = _feature_extent(doc, ent)
        lower_head = -1  # where a lower-case head the name was grown over ends (none: -1)
        if ent_end == ent.end:
            ent_end = _lower_head_extent(doc, ent)
            lower_head = ent_end if ent_end != ent.end else -1
        if ent_end == ent.end:
            ent_end = _epithet_extent(doc, ent)
        label = ent.label_
        if ent_end == ent.end:
            ent_end = _club_town_extent(doc, ent)
            if ent_end != ent.end:
                label = "ORG"  # "Ipswich" + "Town": a club named by its town
        if ent_end == ent.end:
            ent_end = _particle_place_extent(doc, ent)
            if ent_end != ent.end:
                label = "GPE"  # "Rio Grande" + "do Sul" the NER tagged a nationality or a person
        if ent_end < len(doc) and doc[ent_end].is_lower and doc[ent_end].pos_ == "NOUN" \
                and not (ent_end == hyphened and _one_hyphened_name(doc, ent, hyphened)):
            ent_end = ent.end  # "the EU-Turkey deal", "US-German ties": two names qualifying a noun
        if ent_end != ent.end:
            # "Mediafax" + "-Romania": the NER cut a hyphenated name; the whole is one name.
            taken = ent_end
        first = min(_region_start(doc, ent, taken), _given_name_start(doc, ent, taken), _kind_name_start(doc, ent, taken),
                    _adjective_start(doc, ent, taken, headlines),
                    opened[ent.start] if opened.get(ent.start, -1) >= taken else ent.start)
        lines = _split_lines(doc, first, ent_end)
        pieces, placed, personal = [], set(), set()
        for r in (r for p in lines for c in _split_commas(doc, *p, label)
                  for r in _split_country_prefix(doc, *c, label)):
            split = _split_place_prefix(doc, *r, label)
            if len(split) > 1:
                placed.add(split[0])  # the place cut off a person's name is read as a place
            elif len(split := _split_person_of_country(doc, *r, label)) > 1:
                personal.add(split[0])  # "Nadia Petrov of Norway": a person, then the country
                placed.add(split[1])
            pieces.extend(split)
        line_ends = {b for _a, b in lines} if len(lines) > 1 else set()
        parts = [p for a, b in pieces for p in _split_possessive(doc, a, b)]
        if len(pieces) > 1:
            parts = [p for p in parts if p[1] - p[0] > 0]
        # Cut at line breaks first: a run of names one per line tagged one entity still gives its names.
        parts = [p for p in parts if p[1] - p[0] <= MAX_NAME_TOKENS]
        for k, (s, e) in enumerate(parts):
            part_label = "GPE" if (s, e) in placed else "PERSON" if (s, e) in personal else label
            s, e, salute = _trim(doc, s, e, part_label)
            if e <= s:
                continue
            typed = _type_span(doc, s, e, part_label, salute, headlines)
            if typed is None:
                continue
            kind, name, sure = typed
            if e == ent_end == lower_head and name.endswith(doc[e - 1].text):
                # "Tarsk Monetary fund": the body's name capitalizes the head the text writes in lower case
                # (identity reads a trailing lower-case word as a common noun: "Kandahar city").
                name = name[:-len(doc[e - 1].text)] + doc[e - 1].text.capitalize()
            if len(parts) > 1 and k == 0 and not sure and parts[0][1] not in line_ends and part_label == label:
                # The owner in "Saddam's Baath Party": kept only if the article names it elsewhere (a name the
                # line ends, "Ann Roe" of "Ann Roe\n- Finance", is no owner).
                kind = None
            lead = s - _title_start(doc, s) if kind == EntityType.Person else _article_lead(doc, s, e, kind)
            out.append(_Cand(doc, offset, s, e, kind, name, "ner", part_label, s in headlines, sure, lead))
    return out


@cache
def _phrase_lengths() -> dict[str, tuple[int, ...]]:
    """Return, by first word, the word counts of the country names and demonyms starting with it."""
    by_first: dict[str, set] = defaultdict(set)
    for table in (gazetteer._countries(), gazetteer._demonyms()):
        for key in table:
            words = key.split()
            if 1 <= len(words) <= 5:
                by_first[words[0]].add(len(words))
    return {k: tuple(sorted(v, reverse=True)) for k, v in by_first.items()}


@finder("finder:gazetteer", "A country name or demonym the NER missed is a country.", "adds",
        examples=[("UKRAINE: Talks ended on Monday.", "UKRAINE", EntityType.Country, "Ukraine")],
        counter_examples=[("Talks with ukrainian officials ended.", "ukrainian")])
def _gazetteer_candidates(doc, offset: int, covered: set, headlines: set) -> list[_Cand]:
    """Country names and demonyms the NER missed: "U.S." at a line start, "Ukrainian" untagged."""
    out = []
    phrases = _phrase_lengths()
    i = 0
    n = len(doc)
    words = token_column(doc, "text")
    while i < n:
        # The first test from the Doc's columns: a Token is made only for a capitalized word.
        flags = token_flags(doc, i)
        if i in covered or not (flags[TITLE] or flags[UPPER]) or not words[i][:1].isalpha():
            i += 1
            continue
        tok = doc[i]
        key = gazetteer.norm(tok.text)
        lengths = phrases.get(key.split()[0] if key else "", ())
        hit = None
        for length in lengths:
            j = i
            toks = []
            # tokens of a phrase: "U.S." is one token, "South Korea" two.
            while j < n and len(toks) < length + 2 and j not in covered:
                toks.append(doc[j])
                j += 1
                text = doc[i:j].text
                if len(gazetteer.norm(text).split()) == length:
                    break
            text = doc[i:j].text
            typed = _gazetteer_type(text) if toks else None
            if typed is not None:
                hit = (j, typed)
                break
        if hit is None:
            i += 1
            continue
        j, (kind, name) = hit
        if j - i == 1 and tok.is_upper and len(tok.text) <= 3 and tok.text.isalpha() and \
                gazetteer.country(tok.text) is None:
            i = j  # a bare capital word like "US" in "US Approach" is handled by the NER
            continue
        out.append(_Cand(doc, offset, i, j, kind, name, "gazetteer", "", i in headlines, True))
        i = j
    return out


@finder("finder:capitalized-joiner", "Capitalized words joined by a preposition written capitalized inside a "
        "sentence are one organization's name, though the NER cut it apart.", "adds",
        examples=[("Lawyers Without Borders said the trial was unfair.", "Lawyers Without Borders",
                   EntityType.Organization)],
        counter_examples=[("The aid group said Nurses without Frontiers had sent staff.", "Nurses without Frontiers"),
                          ("Without Frontiers the nurses could not work.", "Without Frontiers")])
def _capitalized_joiner_candidates(doc, offset: int, headlines: set) -> list[_Cand]:
    """Names holding a preposition written capitalized inside a sentence: "Reporters Without Borders"."""
    out = []
    n = len(doc)

    def word(k):
        return 0 <= k < n and doc[k].is_title and doc[k].is_alpha and k not in headlines

    for tok in tokens_where(doc, "lower", CAPITALIZED_JOINERS):  # the joiners alone, from the Doc's index
        i = tok.i
        if not word(i) or line_start(tok) or not word(i - 1):
            continue
        if out and out[-1].end > i:
            continue  # the second joiner of a name already taken ("Lawyers For Rights Without Borders")
        start = i - 1
        while word(start - 1) and doc[start - 1].lower_ not in CAPITALIZED_JOINERS:
            start -= 1
        end, k = i, i
        # the name goes on over title-case words and further capitalized joiners, a "The" after one among them
        # a date after the joiner is no part of a name ("Romney On Thursday" on a line after a subheading)
        while k < n and (word(k) and not doc[k].ent_type_ in ("DATE", "TIME") or
                         doc[k].lower_ == "the" and doc[k - 1].lower_ in CAPITALIZED_JOINERS):
            k += 1
            if doc[k - 1].lower_ not in CAPITALIZED_JOINERS | {"the"}:
                end = k
        while start < end and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        if end <= i + 1 or end - start < 3 or gazetteer.place(doc[start:end].text) is not None:
            continue
        if not any(t.is_alpha and t.is_lower and t.lower_ not in _SMALL_WORDS for t in _line_of(tok)
                   if not start <= t.i < end):
            continue  # a title in title case, on its line or quoted ("Documenta: "No Art From Virtuosos"")
        out.append(_Cand(doc, offset, start, end, EntityType.Organization, doc[start:end].text, "org-phrase"))
    return out


def _described_as_body(doc, end: int) -> bool:
    """True when a comma and "a" or "an" with a noun naming a kind of organization follow ("X, a charity,")."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an"):
        return False
    for t in doc[end + 2:end + 6]:
        if t.text in (",", ".") or t.pos_ == "VERB":
            return False
        if t.pos_ == "NOUN" and t.lower_ in ORG_KIND_BEFORE_NAME:
            return True
    return False


@finder("finder:members-of", "A title-case plural naming people, then \"of\" or \"for\" and title-case words, is a "
        "body named after its members (\"Friends of the Valley\"), where a capital inside a sentence shows it is "
        "a name, or a description as a body follows (\"Keepers of the Coast, a charity,\").", "adds",
        examples=[("The plan was attacked by Friends of the Valley on Monday.", "Friends of the Valley",
                   EntityType.Organization),
                  ("\"It must stop,\" said Ilse Varga, director of Friends of the Valley.", "Friends of the Valley",
                   EntityType.Organization),
                  ("Keepers of the Coast, a smaller charity, joined the protest.", "Keepers of the Coast",
                   EntityType.Organization),
                  ("Teachers for Tomorrow, a union of 30,000 teachers, called a strike.", "Teachers for Tomorrow",
                   EntityType.Organization)],
        counter_examples=[("Residents of the North said the water was dirty.", "Residents of the North"),
                          ("Thousands of Veltrians marched in Tarsk on Sunday.", "Thousands of Veltrians"),
                          ("The ferry to the Isles of Velmor was cancelled.", "Isles of Velmor")])
def _members_of_candidates(doc, offset: int, headlines: set) -> list[_Cand]:
    """Bodies named after their members: "Friends of the Valley" (see :func:`type_context.members_of_end`)."""
    out = []
    for i in range(len(doc)):
        end = _members_of_end(doc, i, headlines)
        if end == i or i > 0 and (doc[i - 1].is_title and doc[i - 1].is_alpha):
            continue
        if line_start(doc[i]) and not _described_as_body(doc, end):
            continue  # "Residents of the North said": capitalized by its place only
        if gazetteer.place(doc[i:end].text) is not None:
            continue
        if not any(t.is_alpha and t.is_lower and t.lower_ not in _SMALL_WORDS for t in _line_of(doc[i])
                   if not i <= t.i < end):
            continue  # a title-case line
        out.append(_Cand(doc, offset, i, end, EntityType.Organization, doc[i:end].text, "org-phrase"))
    return out


def _line_of(tok):
    """Return the tokens of a token's sentence on its line."""
    sent = tok.sent
    a = tok.i
    while a > sent.start and "\n" not in tok.doc[a - 1].text + tok.doc[a - 1].whitespace_:
        a -= 1
    b = tok.i + 1
    while b < sent.end and "\n" not in tok.doc[b - 1].whitespace_ and "\n" not in tok.doc[b].text:
        b += 1
    return tok.doc[a:b]


@finder("finder:region", "A known place before a region noun is a place, though the NER missed it.", "adds",
        examples=[("Officials in the Tambov region said so.", "Tambov", EntityType.Place)],
        counter_examples=[("Officials in the Tambov office said so.", "Tambov")])
def _region_candidates(doc, offset: int, covered: dict, headlines: set) -> list[_Cand]:
    """A known place name the NER missed before a region noun: "Russia's Belgorod region"."""
    out = []
    for noun in tokens_where(doc, "lower", _REGION_NOUNS):  # only the word before a region noun can be read
        i = noun.i - 1
        if i < 0:
            continue
        tok = doc[i]
        if i in covered or not tok.is_title or not tok.is_alpha:
            continue
        if gazetteer.place(tok.text) is not None:
            out.append(_Cand(doc, offset, i, i + 1, EntityType.Place, tok.text, "gazetteer", "", i in headlines, True))
    return out


@finder("finder:org-phrase", "Capitalized words ending in an organization word, or a demonym before an agency "
        "noun, name an organization the NER missed.", "adds",
        examples=[("Fighters of the Special Operations Forces of Norland advanced.", "Special Operations Forces",
                   EntityType.Organization),
                  ("The Ostmark Anti-Doping Agency said it would review the case.", "Ostmark Anti-Doping Agency",
                   EntityType.Organization),
                  ("Ukrainian military intelligence said the bridge was hit.", "Ukrainian military intelligence",
                   EntityType.Organization)],
        counter_examples=[("The special forces of Norland advanced.", "special forces")])
def _org_phrase_candidates(doc, offset: int, covered: dict, headlines: set) -> list[_Cand]:
    """Organizations named by noun phrases the NER missed or cut short.

    "Special Operations Forces" (capitalized words ending in an organization
    word) and "Ukrainian military intelligence" (a country or demonym before
    an agency noun).
    """
    out = []
    n = len(doc)
    for i, low in enumerate(token_column(doc, "lower")):
        if low not in _PHRASE_ORG_HEADS and low not in _AGENCY_HEADS:
            continue  # read from the column: a Token is made only for a head word
        tok = doc[i]
        if low in _PHRASE_ORG_HEADS and tok.is_title and i not in covered:
            # "Ukraine's Special Operations Forces": title-case words up to an organization word.
            j = i
            while j > 0 and j - 1 not in covered:
                if (doc[j - 1].is_title or doc[j - 1].is_upper) and doc[j - 1].is_alpha:
                    j -= 1
                elif _glued_hyphen(doc, j - 1) and j - 2 not in covered:
                    j -= 2  # "Anti-Doping Agency": one word the tokenizer cut at its hyphen
                else:
                    break
            while j < i and (doc[j].lower_ in _TITLES | {"the", "a", "an"} or doc[j].like_num):
                j += 1
            if j - 1 in covered and covered[j - 1].end == j and _demonym_opens(doc, j, i + 1):
                j -= 1  # "French" + "Anti-Doping Agency": the demonym opens the generic name
            if i - j >= 1 and i not in headlines:
                out.append(_Cand(doc, offset, j, i + 1, EntityType.Organization, doc[j:i + 1].text, "org-phrase"))
        elif low in _AGENCY_HEADS and tok.pos_ == "NOUN":
            # "Ukrainian military intelligence": a demonym, adjectives, then an agency noun.
            j = i
            while j - 1 >= 0 and doc[j - 1].pos_ == "ADJ" and doc[j - 1].is_lower:
                j -= 1
            if j - 1 >= 0 and gazetteer.demonym(doc[j - 1].text) is not None:
                start = j - 1
                out.append(_Cand(doc, offset, start, i + 1, EntityType.Organization, doc[start:i + 1].text, "org-phrase"))
    return out


@finder("finder:kind-noun", "Capitalized words right after or before a noun saying what kind of organization "
        "they name (\"the charity X\", \"the X union\") name that organization, though the NER missed them.", "adds",
        examples=[("The charity Open Hands said it would help.", "Open Hands", EntityType.Organization)],
        counter_examples=[("The charity in Open Hands said it would help.", "Open Hands")])
def _kind_noun_candidates(doc, offset: int, covered: dict, headlines: set) -> list[_Cand]:
    """Organizations the NER missed that a kind noun beside them names: "the charity Open Hands", "the Verdal union"."""
    out = []
    n = len(doc)

    def free(j):
        t = doc[j]
        return j not in covered and j not in headlines and t.pos_ == "PROPN" and t.is_title and t.is_alpha \
            and (not t.ent_type_ or t.ent_type_ in _NAME_LABELS)  # a date or an amount is no name

    for tok in tokens_where(doc, "lemma", ORG_KIND_BEFORE_NAME):  # _kind_noun's lemmas alone, from the Doc's index
        i = tok.i
        if not _kind_noun(tok):
            continue
        k = i + 1
        while k < n and k - i <= _KIND_NAME_WORDS and free(k):
            k += 1
        j = i
        while j > 0 and i - j < _KIND_NAME_WORDS and free(j - 1):
            j -= 1
        for start, end in ((i + 1, k), (j, i)):
            if start < end and not doc[start].is_sent_start and _kind_noun_beside(doc, start, end):
                out.append(_Cand(doc, offset, start, end, EntityType.Organization, doc[start:end].text, "org-phrase"))
    return out


#: The most words a name a kind noun vouches for may have.
_KIND_NAME_WORDS = 4


def _acronym_shape(text: str) -> bool:
    """True for an acronym: all capitals ("NIS"), or letters at least half capitals from the first ("AfD", "DStGB")."""
    if not 2 <= len(text) <= _ACRONYM_MAX:
        return False
    if text.isupper():
        return True
    upper = sum(ch.isupper() for ch in text)
    return text.isalpha() and text[0].isupper() and upper >= 2 and 2 * upper >= len(text)


@finder("finder:acronym", "An acronym in brackets after a name stands for that name.", "rewrites",
        examples=[("The Velmar Fund for Peace (VFP) met.", "VFP", EntityType.Organization, "Velmar Fund for Peace"),
                  ("Members of the Alliance for Tarsk (AfT) met.", "AfT", EntityType.Organization, "Alliance for Tarsk"),
                  ('The research council "Vellmark Science Foundation" (VSF) met.', "VSF", EntityType.Organization,
                   "Vellmark Science Foundation"),
                  ("Units of the Vellmark Rapid Response Corps (VRRC, or rangers) came.", "VRRC",
                   EntityType.Organization, "Vellmark Rapid Response Corps")],
        counter_examples=[("Rain fell on Tollan Square (MX) all day.", "MX"),
                          ("The Velmar Fund for Peace (McKinley) met.", "McKinley")])
def _acronym_candidates(doc, offset: int, cands: list[_Cand]) -> list[_Cand]:
    """An acronym in brackets after a name is that name: "National Intelligence Service (NIS)".

    The acronym may mix cases ("Alliance for Tarsk (AfT)": the owner's
    language spells it), follow a closing quote around the name, or open a
    longer bracket ("(VRRC, or rangers)").

    Return the candidates with an acronym the NER found retyped as its owner, and the acronyms it missed added.
    """
    cands = list(cands)
    out = []
    by_end = {c.end: c for c in cands if c.type in (EntityType.Organization, EntityType.Place, EntityType.Country)}
    text = token_column(doc, "text")
    # Only the opening brackets, from the Doc's index: a Token made and read for every word cost more than the rest.
    for i in (t.i for t in tokens_where(doc, "text", "(")):
        if not 1 <= i < len(doc) - 2 or text[i + 2] not in (")", ",", ";"):
            continue
        tok = doc[i + 1]
        if not _acronym_shape(tok.text):
            continue
        owner = by_end.get(i)
        if owner is None and doc[i - 1].is_quote and i >= 2:
            # '"Vellmark Science Foundation" (VSF)': the closing quote stands between the name and its acronym.
            owner = by_end.get(i - 1)
        if owner is None:
            continue
        if owner.type != EntityType.Organization and \
                not gazetteer.abbreviates(tok.text, owner.text.removeprefix("the ").replace(" ", "")):
            # "KELDOR, Norland (AP)": letters a place name does not hold are another name, here the agency.
            continue
        same = next((k for k, c in enumerate(cands) if c.start == i + 1 and c.end == i + 2), None)
        if same is not None:
            cands[same] = replace(cands[same], type=owner.type, name=owner.name, source="acronym", sure=owner.sure)
        else:
            out.append(_Cand(doc, offset, i + 1, i + 2, owner.type, owner.name, "acronym", sure=owner.sure))
    return cands + out


@finder("finder:bracket-gloss", "An organization's name glossed in brackets by another organization name (its "
        "expansion or its translation) is one organization, named as the article names it.", "rewrites",
        examples=[("The broadcaster VRT (Veltrian Public Radio) aired the debate.", "Veltrian Public Radio",
                   EntityType.Organization, "VRT"),
                  ("He works for the think tank Stiftung Tarsker Wege (Tarsk Paths Foundation) in Ostmark.",
                   "Tarsk Paths Foundation", EntityType.Organization, "Stiftung Tarsker Wege")],
        counter_examples=[("Shares of Vellox (Ostmark) fell on Monday.", "Ostmark"),
                          ("The Velmar Fund for Peace (VFP) met.", "Velmar Fund for Peace")])
def _bracket_glosses(doc, offset: int, cands: list[_Cand]) -> list[_Cand]:
    """An organization name in brackets right after another is the same organization: "VRT (Veltrian Public Radio)".

    Why: news glosses a body's own-language name or its acronym with the
    English name in brackets ("Stiftung Tarsker Wege (Tarsk Paths
    Foundation)"); the NER tags both, and each became a node, the gloss a
    second node of the body. Only when both are organizations, the bracket
    holds exactly the gloss of two words or more (an acronym in brackets is
    :func:`_acronym_candidates`'). Places stay apart: "Tarsk (Ostmark)" is a
    town and its country.

    Called again after the learned decision, which adds names the NER missed ("VRT"); ``doc`` and
    ``offset`` are unused: each candidate knows its piece.

    Return the candidates with the gloss named as the organization before it.
    """
    by_end = {(id(c.doc), c.end): c for c in cands if c.type == EntityType.Organization}
    out = []
    for c in cands:
        # the bracket opens right before the gloss, or before a demonym cut off it ("(Veltrian People's Movement)")
        first = c.start - 1 if c.start >= 2 and gazetteer.demonym(c.doc[c.start - 1].text) is not None else c.start
        if c.type == EntityType.Organization and c.end - c.start >= 2 and first >= 2 \
                and c.doc[first - 1].text in ("(", "[") and c.end < len(c.doc) \
                and c.doc[c.end].text in (")", "]") and c.source != "acronym":
            owner = by_end.get((id(c.doc), first - 1))
            if owner is not None and owner.name != c.name:
                c = replace(c, name=owner.name)
        out.append(c)
    return out


def _candidates(doc, offset: int) -> list[_Cand]:
    """Return every mention candidate of one parsed piece."""
    headlines = _headline_tokens(doc)
    cands = _ner_candidates(doc, offset, headlines)
    covered: dict[int, _Cand] = {}
    for c in cands:
        for i in range(c.start, c.end):
            covered[i] = c
    # Tokens of the NER's entities that the trim or type dropped are free again, except NER non-names.
    ner_tokens = {i for e in doc.ents if e.label_ not in _NAME_LABELS for i in range(e.start, e.end)}
    cands += _gazetteer_candidates(doc, offset, set(covered) | ner_tokens, headlines)
    for c in cands:
        for i in range(c.start, c.end):
            covered.setdefault(i, c)
    for c in _region_candidates(doc, offset, covered, headlines):
        cands.append(c)
        covered[c.start] = c
    orgs = _org_phrase_candidates(doc, offset, covered, headlines)
    for o in orgs:
        # An org phrase replaces what it swallows unless that is a sure country ("Russian" in a longer name).
        inside = [c for c in cands if o.start <= c.start and c.end <= o.end]
        if any(c.type == EntityType.Person for c in inside):
            continue
        if any(c.start < o.start < c.end or c.start < o.end < c.end for c in cands):
            continue
        cands = [c for c in cands if c not in inside]
        cands.append(o)
        for i in range(o.start, o.end):
            covered[i] = o
    for o in _capitalized_joiner_candidates(doc, offset, headlines) + _members_of_candidates(doc, offset, headlines):
        # The joined name replaces the NER's pieces of it ("Without Borders" tagged a person).
        if any(c.start < o.start < c.end or c.start < o.end < c.end for c in cands):
            continue
        cands = [c for c in cands if not (o.start <= c.start and c.end <= o.end)]
        cands.append(o)
        for i in range(o.start, o.end):
            covered[i] = o
    cands += _kind_noun_candidates(doc, offset, covered, headlines)
    cands = _acronym_candidates(doc, offset, cands)
    cands = _bracket_glosses(doc, offset, cands)
    cands = _state_candidates(doc, offset, cands)
    for d in _dateline_candidates(doc, offset):
        # A dateline's reading wins over the NER's guesses ("MARLTON" tagged ORG, "AP" tagged GPE).
        cands = [c for c in cands if c.end <= d.start or c.start >= d.end]
        cands.append(d)
    cands = _join_birthplaces(cands)
    cands = _join_and_countries(cands)
    cands = _join_collective_possessives(cands)
    # "the 95KR0311C report", "LD0303121294": a document number or source code is never a name.
    cands = [c for c in cands if not any(is_document_code(t.text) or is_source_code(t.text) for t in c.span)]
    # "said in Portuguese": a language is no country.
    cands = [c for c in cands if not _language_after_in(c)]
    return sorted(cands, key=lambda c: (c.start, c.end))


@finder("finder:and-country", "A country whose name joins two names with \"and\" is one country, though the NER "
        "tagged the two apart.", "rewrites",
        examples=[("The leaders of Antigua and Barbuda met on Monday.", "Antigua and Barbuda", EntityType.Country,
                   "Antigua and Barbuda")],
        counter_examples=[("Flights to Lisbon and Madrid were cancelled.", "Lisbon and Madrid")])
def _join_and_countries(cands: list[_Cand]) -> list[_Cand]:
    """Return the candidates with "A" and "B" of a country named "A and B" joined into that country.

    Why: "Antigua and Barbuda", "Trinidad and Tobago": the NER tags each
    island, and each alone is a junk node beside the country the article
    names. Only when the gazetteer's country name (or one of its names) is
    exactly the words from the first candidate to the second.
    """
    by_start = {(id(c.doc), c.start): c for c in cands}
    out, drop = [], set()
    for c in sorted(cands, key=lambda c: (c.offset, c.start)):
        if id(c) in drop:
            continue
        nxt = by_start.get((id(c.doc), c.end + 1))
        if nxt is not None and nxt is not c and c.end < len(c.doc) and c.doc[c.end].lower_ == "and":
            text = c.doc[c.start:nxt.end].text
            found = gazetteer.country(text)
            if found is not None and gazetteer.norm(text) in {gazetteer.norm(n) for n in (
                    found.name, *gazetteer.country_names(found.iso_code or ""))}:
                drop.add(id(nxt))
                out.append(replace(c, end=nxt.end, type=EntityType.Country, name=found.name, sure=True))
                continue
        out.append(c)
    return [c for c in out if id(c) not in drop]


@finder("finder:collective-possessive", "A name ending in a people's plural, its possessive and an organization name "
        "right after it are one organization (\"Ostmark Women's Football Association\"), though the NER tagged two.",
        "rewrites",
        examples=[("The Ostmark Women's National Team won the final.", "Ostmark Women's National Team",
                   EntityType.Organization, "Ostmark Women's National Team")],
        counter_examples=[("Ostmark's National Team won the final on Sunday.", "Ostmark's National Team")])
def _join_collective_possessives(cands: list[_Cand]) -> list[_Cand]:
    """Return the candidates with "X Women" + "'s" + "Y Team" joined into one organization.

    Why: a people's, women's or children's body is named with the plural's
    possessive inside the name ("the Ostmark Women's National Team"); the
    NER often ends the first name at the possessive and tags the rest apart,
    and both halves became junk nodes. Only when the first candidate ends in
    a people's plural (:data:`_COLLECTIVE_OWNERS`), the possessive stands
    right after it and the second candidate, an organization, right after
    that.
    """
    by_start = {(id(c.doc), c.start): c for c in cands}
    out, drop = [], set()
    for c in sorted(cands, key=lambda c: (c.offset, c.start)):
        if id(c) in drop:
            continue
        doc = c.doc
        nxt = by_start.get((id(doc), c.end + 1))
        if nxt is not None and nxt is not c and nxt.type == EntityType.Organization and c.end < len(doc) \
                and doc[c.end].text in ("'s", "\u2019s") and doc[c.end - 1].lower_ in _COLLECTIVE_OWNERS \
                and c.type != EntityType.Person:
            drop.add(id(nxt))
            out.append(replace(c, end=nxt.end, type=EntityType.Organization, name=doc[c.start:nxt.end].text,
                               sure=False))
            continue
        out.append(c)
    return [c for c in out if id(c) not in drop]


def _after_born_in(doc, start: int) -> bool:
    """True when a place is the object of "born ... in": "was born in Ames", "born on May 2, 1950, in Ames"."""
    tok = doc[start]
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "in":
        return False
    gov = prep.head.head if prep.head.dep_ in ("oprd", "dobj", "attr") else prep.head  # "born Ann Vale in Ames"
    return gov.lemma_ == "bear" or gov.lower_ == "born"


@finder("finder:birthplace", "A birthplace written \"Town, State\" is one place named after the town.",
        "rewrites",
        examples=[("She was born in Leeds, England, on May 2.", "Leeds, England", EntityType.Place, "Leeds")],
        counter_examples=[("She lives in Leeds, England, with her son.", "Leeds, England")])
def _join_birthplaces(cands: list[_Cand]) -> list[_Cand]:
    """Make a birthplace written "Town, State" one place mention named after the town.

    Why: "she was born in Ames, Iowa": the state only says which Ames; the
    birthplace is one place (and a city's state is the gazetteer's to tell).
    """
    by_start = {(id(c.doc), c.start): c for c in cands}
    drop, out = set(), []
    for c in cands:
        if c.type != EntityType.Place or id(c) in drop or c.end + 1 >= len(c.doc) or c.doc[c.end].text != ",":
            continue
        state = by_start.get((id(c.doc), c.end + 1))
        if state is None or state.type not in (EntityType.Place, EntityType.Country) or not _after_born_in(c.doc, c.start):
            continue
        if not _is_state_or_country(state.text):
            continue
        drop.update((id(c), id(state)))
        out.append(_Cand(c.doc, c.offset, c.start, state.end, EntityType.Place, c.name, c.source, c.label, c.headline, c.sure))
    return [c for c in cands if id(c) not in drop] + out


def _capitalized(tok) -> bool:
    return (tok.is_title or tok.is_upper) and any(ch.isalpha() for ch in tok.text) and not tok.is_punct


def _place_cand(doc, offset: int, start: int, end: int, found) -> _Cand:
    """A dateline's place the gazetteer knows: a country under its own name, a place as written."""
    kind = EntityType.Country if found.type == EntityType.Country else EntityType.Place
    if kind == EntityType.Place and end - start > 1 and _article_lead(doc, start + 1, end, kind):
        # "The Hague VELL" (a source line): the article is written with the name, as the NER's candidates keep it
        return _Cand(doc, offset, start + 1, end, kind, doc[start + 1:end].text, "dateline", sure=True, lead=1)
    name = found.name if kind == EntityType.Country else doc[start:end].text
    return _Cand(doc, offset, start, end, kind, name, "dateline", sure=True)


@finder("finder:dateline", "A dateline's or source line's place opens it, and the agency after it is an "
        "organization.", "adds",
        examples=[("MARLTON, Ohio (AP) _ A fire destroyed the mill.", "MARLTON", EntityType.Place),
                  ("Leeds NTA in English 0915 GMT", "NTA", EntityType.Organization),
                  ("Tallinn May 3 ETA -- The port reopened after the storm.", "ETA", EntityType.Organization),
                  ("MARLTON , Ariz .\nA fire destroyed the mill.", "MARLTON", EntityType.Place),
                  ("Flu Spreads 95XY0042B Leeds VELL NEWS in English 3 May 95 p 2", "VELL NEWS",
                   EntityType.Organization),
                  ("96QZ0117C Leeds VELL DAILY ( ARTS ) in English 9 Jun 96 p 4", "VELL DAILY",
                   EntityType.Organization),
                  # a date between the capitals and the agency or the dash, after a headline too
                  ("Vellox names a new chief\n\nMUNICH, March 3, 2025 /PRWire/ -- Vellox AG said so.", "MUNICH",
                   EntityType.Place),
                  # an agency in title or lower case when a dash closes its bracket
                  ("KYIV, May 3 (Nordpress) - The port reopened after the storm.", "KYIV", EntityType.Place),
                  ("TALLINN, May 3 (Nordpress) - The port reopened after the storm.", "Nordpress",
                   EntityType.Organization),
                  ("TALLINN (vpa) - The port reopened after the storm.", "vpa", EntityType.Organization),
                  ("Port reopens\n\nKYIV, May 3 - The port reopened after the storm.", "KYIV", EntityType.Place),
                  # capitals and a dash alone, when the gazetteer knows the place
                  ("Ferry sinks in a storm\n\nJERUSALEM \u2014 The ministry said the crew was safe.", "JERUSALEM",
                   EntityType.Place)],
        counter_examples=[("VELDRA, Norlandia -- A fire destroyed the mill.", "VELDRA"),
                          ("VELDRA, March 3, 2025 -- A fire destroyed the mill.", "VELDRA"),
                          ("VELDRA -- A fire destroyed the mill.", "VELDRA"),
                          ("KEEP OUT, Ohio rangers said.", "KEEP OUT"),
                          ("TALLINN, May 3 (Monday) - The port reopened after the storm.", "Monday"),
                          ("TALLINN, May 3 (in Estonia) - The port reopened after the storm.", "in"),
                          ("Tallinn May 3 ETA -- The port reopened after the storm.", "May")])
def _dateline_candidates(doc, offset: int) -> list[_Cand]:
    """Places and agencies of a dateline or a wire source line at the start of a sentence.

    Why: "MARLTON, Ohio (AP) _" and "Valdran NORPRESS in English 0915 GMT": the
    capitals before the bracket are a place, the bracketed word is the agency;
    a known place followed by a capitalized name and nothing but a language
    or time is a place and the agency reporting from it.
    """
    out: list[_Cand] = []
    taken = 0
    for sent in doc.sents:
        if sent.start < taken:
            continue  # the rest of capitals read with the sentence before
        # The sentence's first and last words (space tokens aside), found from either end: every sentence is asked,
        # and making a Token of each of its words cost more than the rest of the finder.
        words = range(sent.start, sent.end)
        i = next((k for k in words if not token_flags(doc, k)[SPACE]), None)
        if i is None:
            continue
        last = next(k for k in reversed(words) if not token_flags(doc, k)[SPACE]) + 1
        # "MARLTON, Ohio (AP)": upper-case words, an optional ", Region", then "(AGENCY)".
        j = i
        while j < sent.end and doc[j].is_upper and (doc[j].is_alpha or "-" in doc[j].text):
            j += 1
        if j == sent.end and j > i and _capitals_go_on(doc, j):
            # "MEXICO" + "CITY (Reuters) -": after a headline the parser may end a sentence inside the capitals
            while _capitals_go_on(doc, j):
                j += 1
            sent = doc[sent.start:doc[j - 1].sent.end]
            taken = sent.end
        if j > i:
            k = j
            region = None
            # "TARSK (AP) -" where the parser ended a sentence after the capitals: the bracket is read past it
            stop = len(doc) if j == sent.end and j < len(doc) and doc[j].text == "(" else sent.end
            if k + 1 < sent.end and doc[k].text == ",":
                r = k + 1
                while r < sent.end and _capitalized(doc[r]) and doc[r].text != "(":
                    r += 1
                if r > k + 1:
                    region, k = (k + 1, r), r
            agency = _dateline_agency(doc, k, stop) if k < stop and doc[k].text == "(" else None
            text = doc[region[0]:region[1]].text if region is not None else ""
            known, state = (gazetteer.country(text), gazetteer.us_state(text)) if text else (None, None)
            # "VALDRAN, Ecuador -- Troops ...": a dateline without an agency, when the region after the comma is known.
            # "VALDRAN, Ohio." alone on its line: a dateline whose story starts in the next sentence.
            bare = agency is None and (known or state) and (k < sent.end and doc[k].text in _DASHES or k == last
                                                            or k + 1 == last and doc[k].text == ".")
            if agency is None and not bare and region is not None and _month_date(doc, region[0], sent.end):
                # "MUNICH, March 3, 2025 /PRNewswire/ --", "TARSK, May 3 (AP) -": the capitals' date, not a region
                d = skip_date(doc, region[0] + 1, sent.end)
                d += d < sent.end and doc[d].text == "," and d + 1 < sent.end and doc[d + 1].like_num
                d = skip_date(doc, d, sent.end)
                if d < sent.end and gazetteer.place(doc[i:j].text.title()) is not None:
                    if doc[d].text == "(":
                        agency = _dateline_agency(doc, d, sent.end)
                    # "BERLIN, March 3 - ": a hyphen with a space either side is a dash here
                    bare = agency is not None or doc[d].text in _DASHES or doc[d].text.startswith("/") \
                        or doc[d].text == "-" and bool(doc[d - 1].whitespace_) and bool(doc[d].whitespace_)
                    region = None
                elif d < sent.end and doc[d].text == "(":
                    # "TARSK, May 3 (AP) -": capitals, a date and a bracketed agency are a dateline though the
                    # gazetteer does not know the place (a dash alone after the date does not say so)
                    agency = _dateline_agency(doc, d, sent.end)
                    region = None if agency is not None else region
            spaced = k < len(doc) and doc[k].text == "-" and bool(doc[k - 1].whitespace_) and bool(doc[k].whitespace_)
            found = gazetteer.place(doc[i:j].text.title()) if agency is None and region is None and not bare \
                and k < len(doc) and (doc[k].text in _DASHES or spaced) else None
            if found is not None and doc[k].text == "-" and gazetteer.norm(gazetteer.strip_accents(found.name)) \
                    != gazetteer.norm(doc[i:j].text):
                found = None  # "KINO - Preview ...": a show's title, one of a town's other names; "KESTOWN - " a place
            if found is not None:
                # "KESTOWN -- Troops ...": capitals and a dash alone are a dateline when the gazetteer knows the place
                # (the parser may end the sentence before the dash)
                out.append(_place_cand(doc, offset, i, j, found))
                continue
            if agency is not None or bare:
                out.append(_Cand(doc, offset, i, j, EntityType.Place, doc[i:j].text, "dateline", sure=True))
                if region is not None:
                    kind, name = (EntityType.Country, known.name) if known else (EntityType.Place, state.name if state else text)
                    out.append(_Cand(doc, offset, region[0], region[1], kind, name, "dateline", sure=True))
                if agency is not None:
                    out.append(_Cand(doc, offset, agency[0], agency[1], EntityType.Organization,
                                     doc[agency[0]:agency[1]].text, "dateline", sure=True))
                continue
        # "(Text) Sofia, February 15 (BTA) --", "Tallinn May 3 ETA --": a known place, a date, then the agency.
        i2 = i + 3 if i + 3 < sent.end and doc[i].text == "(" and doc[i + 2].text == ")" else i
        agency = None
        for n in (3, 2, 1):
            span = doc[i2:i2 + n]
            if i2 + n + 1 < sent.end and all(t.is_title for t in span) and gazetteer.place(span.text) is not None:
                d = i2 + n + 1 if doc[i2 + n].text == "," else i2 + n
                k = skip_date(doc, d + 1 if _month_date(doc, d, sent.end) else d, sent.end)
                agency = _dateline_agency(doc, k, sent.end) if k > d else None
                if agency is not None:
                    out.append(_place_cand(doc, offset, i2, i2 + n, gazetteer.place(span.text)))
                    out.append(_Cand(doc, offset, agency[0], agency[1], EntityType.Organization,
                                     doc[agency[0]:agency[1]].text, "dateline", sure=True))
                break
        if agency is not None:
            continue
        # "QX0304050607 Valdran NORPRESS in English 0915 GMT 3 Mar 05", "Keld NTA", also after a headline.
        start = source_line_start(sent)
        if start == i and sum(not token_flags(doc, k)[SPACE] for k in words) > 16:
            continue
        place = None
        for n in (3, 2, 1):
            span = doc[start:start + n]
            if start + n < sent.end and all(_capitalized(t) for t in span) \
                    and gazetteer.place(span.text.title()) is not None:
                place = (start, start + n)
                break
        if place is None or _month_date(doc, place[1], sent.end):
            # A month opens the date after the place ("Tallinn May 3"), not an agency's name.
            continue
        e = _capitalized_run(doc, place[1], sent.end)
        r = e
        if r < sent.end and doc[r].text == "(":
            # "Leeds VELL DAILY (ARTS) in English": a section in brackets after the paper's name
            r = next((t.i + 1 for t in doc[r:sent.end] if t.text == ")"), r)
        rest = doc[r:sent.end]
        # a time or date written in digits closes a source line; a number word opens a sentence's verb phrase ("The
        # Tarsk Free Press first reported ...": spaCy reads the ordinal "first" like a number)
        ends_well = len(rest) == 0 or any(ch.isdigit() for ch in rest[0].text) or \
            (rest[0].lower_ == "in" and len(rest) > 1 and rest[1].is_title)
        if e == place[1] or not ends_well:
            continue
        out.append(_place_cand(doc, offset, place[0], place[1], gazetteer.place(doc[place[0]:place[1]].text.title())))
        out.append(_Cand(doc, offset, place[1], e, EntityType.Organization, doc[place[1]:e].text, "dateline", sure=True))
    return out


def _capitals_go_on(doc, j: int) -> bool:
    """True when an upper-case word at ``j`` goes on the capitals before it on their line."""
    return j < len(doc) and doc[j].is_upper and doc[j].is_alpha and "\n" not in doc[j - 1].whitespace_


def _month_date(doc, k: int, end: int) -> bool:
    """Return whether a month name followed by a number stands at ``k`` ("May 3", "Dec. 9")."""
    if k >= end or doc[k].lower_.rstrip(".") not in MONTHS:
        return False
    nxt = k + 2 if k + 2 < end and doc[k + 1].text == "." else k + 1
    return nxt < end and doc[nxt].like_num


#: Dashes that end a dateline: "VALDRAN, Ecuador -- ", "MARLTON, Ohio (UPI) _ ".
_DASHES = frozenset(("--", "_", "\u2014", "\u2013"))


def _capitalized_run(doc, start: int, end: int) -> int:
    """Return where a run of capitalized words from ``start`` ends, over inner hyphens ("AL-AKHBAR", "Radio-1")."""
    e = start
    while e < end and (_capitalized(doc[e]) and not doc[e].like_num and doc[e].ent_type_ != "DATE" or
                       doc[e].text == "-" and e > start and not doc[e - 1].whitespace_ and e + 1 < end
                       and not doc[e].whitespace_ and (_capitalized(doc[e + 1]) or doc[e + 1].like_num)):
        e += 1
    return e


def _dateline_agency(doc, k: int, end: int) -> tuple[int, int] | None:
    """Return the agency's span of a dateline after its place and date: "(BTA)", "( ITAR-TASS )", "ETA --"."""
    if k < end and doc[k].text == "(":
        e = _capitalized_run(doc, k + 1, end)
        if e == k + 1 and k + 2 < end and doc[k + 1].is_alpha and doc[k + 2].text == ")":
            e = k + 2  # "(dpa)": an agency may write its name in lower case
        dash = e + 1 < end and doc[e + 1].text in _DASHES | {"-"} \
            and not any(t.lower_ in WEEKDAYS or t.lower_ in MONTHS for t in doc[k + 1:e])
        # "(AP)" alone; "(Reuters) -", "(dpa) -": a bracket a dash closes is the agency whatever its case
        if e > k + 1 and e < end and doc[e].text == ")" and (doc[k + 1].is_upper or dash):
            return k + 1, e
        return None
    e = _capitalized_run(doc, k, end)
    if e > k and doc[k].is_upper and e < end and doc[e].text in _DASHES:
        return k, e
    return None


@finder("finder:us-state", "A US state abbreviation after \"Town,\" is the state, a place.", "rewrites",
        examples=[("He lives in Aiken, S.C. with his wife.", "S.C.", EntityType.Place, "South Carolina")],
        counter_examples=[("In Dallas, Miss Lane Hollis sang.", "Miss"),
                          ("The tour visits Oman, India and Chile.", "India")])
def _state_candidates(doc, offset: int, cands: list[_Cand]) -> list[_Cand]:
    """A US state abbreviation after "City,": "Morgan City, La.", "Aiken, S.C." (retypes the NER's guess).

    Return the candidates with the NER's reading of such a state replaced, and the states it missed added.
    """
    # A town's name, not a country's: "Oman, India, Chile" is a list of countries.
    places_end = {c.end for c in cands if c.type == EntityType.Place}
    by_span = {(c.start, c.end): k for k, c in enumerate(cands)}
    cands = list(cands)
    taken = {i for c in cands for i in range(c.start, c.end)}
    out = []
    # Only a word right after a place's name can be its state: those alone are read, not every word of the Doc.
    for i in sorted(end + 1 for end in places_end if 2 <= end + 1 < len(doc)):
        tok = doc[i]
        if doc[i - 1].text != ",":
            continue
        if i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].is_alpha:
            continue  # "Dallas, Miss Smith ...": a title before a name, not a state
        if tok.lower_.rstrip(".") in _TITLES and not (i + 1 == len(doc) or doc[i + 1].is_punct):
            continue  # "Natchez, Miss." is a state only where the title would stand before nothing
        state = gazetteer.us_state(tok.text)
        if state is None:
            continue
        same = by_span.get((i, i + 1))
        if same is not None:
            cands[same] = replace(cands[same], type=EntityType.Place, name=state.name, source="gazetteer", sure=True)
        elif i not in taken:
            out.append(_Cand(doc, offset, i, i + 1, EntityType.Place, state.name, "gazetteer", sure=True))
    return cands + out


# ---------------------------------------------------------------- article-level decisions

_NO_CITY = gazetteer.Place(name="", type=EntityType.Place)


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return gazetteer.norm(name)


def _decide(cands: list[_Cand]) -> list[_Cand]:
    """Give each candidate its article-level type and name; drop what the article does not support."""
    # Full person names and their parts.
    full = sorted({c.name for c in cands if c.type == EntityType.Person and len(c.name.split()) > 1},
                  key=lambda n: (-len(n), n))
    part_of: dict[str, set] = defaultdict(set)
    for name in full:
        words = name.split()
        part_of[_key(words[-1])].add(name)
        part_of[_key(words[0])].add(name)
        if len(words) > 2:
            part_of[_key(" ".join(words[1:]))].add(name)
    full_keys = {_key(n): n for n in full}
    body = {_key(c.name) for c in cands if not c.headline}

    out = []
    for c in cands:
        k = _key(c.name)
        after_prep = c.start > 0 and c.doc[c.start - 1].lower_ in _PLACE_PREPS
        if c.type != EntityType.Person and (not c.sure or c.type == EntityType.Place and not after_prep):
            if k in full_keys:
                # "Boris Becker" tagged ORG once and PERSON elsewhere: the person reading wins.
                c = replace(c, type=EntityType.Person, name=full_keys[k])
            elif len(part_of.get(k, ())) == 1 and c.type in (None, EntityType.Organization, EntityType.Place) and \
                    len(c.name.split()) == 1:
                # "Becker" tagged ORG after "Boris Becker": a lone surname joins the person.
                c = replace(c, type=EntityType.Person)
        if c.type in (EntityType.Place, EntityType.Organization) and c.end - c.start == 1 and c.source == "ner" \
                and gazetteer.country(c.name) is None and _killed_or_killer(c):
            # "Hale was shot by Brask", "the assassination of Hale": only a person is killed or kills.
            c = replace(c, type=EntityType.Person, sure=False)
        if c.type == EntityType.Person and len(c.name.split()) == 1 and c.source == "ner" and not part_of.get(k) \
                and (gazetteer.city(c.name) or _NO_CITY).population >= 50000 and not _acts_as_person(c):
            # "Düsseldorf" tagged PERSON: a one-word name that is a large city and no person's name is the city.
            c = replace(c, type=EntityType.Place, sure=True)
        if c.type is None:
            continue
        if c.headline and not c.sure and k not in body and body and not _wire_title_person(c):
            # "Italy Rejects Easing Assisted" in a title-case headline: a fragment the text never repeats. A text
            # naming nothing outside its title-case lines (a title or a byline alone) has no body to repeat it.
            continue
        out.append(c)
    return out


def _wire_title_person(c: _Cand) -> bool:
    """True for a full person name the NER found in the title of a wire header line.

    Why: a wire service's header line writes the story's title, its document
    number and the source ("Vell Tarsk Leaves Orlin for Talks LD0303121294
    Orlin VTA in English"); the text after it is a translation that may not
    repeat the name, and a title-case fragment rule would drop it. Only for a
    name of two or more capitalized words the NER read as a person, with a
    source code or document number after it on the same line.
    """
    if c.label != "PERSON" or c.end - c.start < 2 or not all(t.is_title for t in c.span):
        return False
    for t in c.doc[c.end:c.end + 12]:
        if "\n" in t.text or "\n" in t.whitespace_:
            return False
        if is_source_code(t.text) or is_document_code(t.text):
            return True
    return False


def _killed_or_killer(c: _Cand) -> bool:
    """True when a name is the object or agent of a killing verb, or what a killing noun is of."""
    tok = c.doc[c.start]
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in KILL_VERBS:
        return True
    if tok.dep_ == "pobj" and head.lower_ in ("of", "by"):
        governor = head.head
        return _names_killing(governor) or head.lower_ == "by" and governor.lemma_.lower() in KILL_VERBS
    if tok.dep_ == "nsubj" and head.lemma_.lower() in KILL_VERBS and c.label in ("GPE", "LOC"):
        # "Police say Gorman shot the clerk" with "Gorman" tagged GPE: a place kills no one.
        return True
    return tok.dep_ in ("compound", "poss") and _names_killing(head)


def _names_killing(tok) -> bool:
    """True for a noun naming a killing or a killer: "the slaying of X", "X's assassin"."""
    return is_killing_noun(tok) or tok.lemma_.lower() in KILLER_NOUNS


def _acts_as_person(c: _Cand) -> bool:
    """True when a one-word name reads as a person: "President Hale", "Hale won", "shot Hale"."""
    tok, prev = c.doc[c.start], c.doc[c.start - 1] if c.start > 0 else None
    if prev is not None and prev.lower_.rstrip(".") in _TITLES:
        return True
    # "Bush" is no "Būsh": the city must be spelled as the name is.
    if gazetteer.city(c.name).name != c.name:
        return True
    if _killed_or_killer(c):
        return True
    if tok.dep_ in ("poss", "appos") and tok.head.lemma_.lower() in _KIN_NOUNS:
        return True  # "Tarsk's hometown", "his wife, Vella": a city has no wife nor hometown
    return tok.dep_ in ("nsubj", "nsubjpass", "dobj") and tok.head.pos_ == "VERB" and tok.head.lemma_ != "be"


#: Nouns of kin and origin a person has and a city has not ("X's wife", "X's hometown", "his son, X").
_KIN_NOUNS = KIN_NOUNS | frozenset(("hometown", "birthplace"))


#: Arabic articles hyphened onto a surname ("al-Tarsi", "el-Velud"); news writes the surname alone too ("Tarsi").
_SURNAME_ARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ed-")


def _without_article(word: str) -> str | None:
    """Return a surname with its hyphened Arabic article dropped ("al-Tarsi" -> "Tarsi"), else None."""
    low = word.lower()
    for article in _SURNAME_ARTICLES:
        if low.startswith(article) and len(word) > len(article) + 2 and word[len(article)].isupper():
            return word[len(article):]
    return None


def _aliases(cands: list[_Cand]) -> list[_Cand]:
    """Return the candidates with short names given the full name they abbreviate inside one article.

    A one-word person name takes the person name it begins or ends
    ("Putin" -> "Vladimir Putin"); an organization's acronym takes the name
    whose initials it spells ("NIS" -> "National Intelligence Service").
    """
    # "NIS" defined in brackets after "National Intelligence Service" is that name everywhere in the article.
    defined = {c.text: (c.type, c.name) for c in sorted(cands, key=lambda c: (c.offset, c.start))
               if c.source == "acronym"}
    cands = [replace(c, type=defined[c.text][0], name=defined[c.text][1])
             if c.source != "acronym" and c.text in defined else c for c in cands]
    persons = sorted({c.name for c in cands if c.type == EntityType.Person and " " in c.name}, key=lambda n: (-len(n), n))
    orgs = sorted({c.name for c in cands if c.type == EntityType.Organization and " " in c.name})
    # Looked up by key, not scanned per mention: a long article names thousands.
    by_end_word: dict[str, set] = defaultdict(set)
    by_suffix: dict[str, set] = defaultdict(set)
    by_middle: dict[str, set] = defaultdict(set)
    for p in persons:
        parts = p.split()
        by_end_word[_key(parts[-1])].add(p)
        by_end_word[_key(parts[0])].add(p)
        if (bare := _without_article(parts[-1])) is not None:
            by_end_word[_key(bare)].add(p)  # "Tarsi" after "Omar al-Tarsi"
        words = _key(p).split()
        for n in range(1, len(words)):
            by_suffix[" ".join(words[n:])].add(p)
        for inner in parts[1:-1]:
            # "Ramiro Ortega Salas" and then "Ortega", "Luiz Inacio Lula da Silva" and then "Lula": an inner
            # name (a first surname, a nickname) stands for the person when no name opens or ends with it.
            if len(inner) > 2 and inner[:1].isupper() and inner[1:].islower() and inner.lower() not in _PARTICLES:
                by_middle[_key(inner)].add(p)
    # How often, and from where, the article writes each full name: a surname shared by two people goes to
    # the one the story is about (written at least twice as often as any other).
    full_at: dict[str, list] = defaultdict(list)  # where the article writes each full name (how often: its length)
    for c in cands:
        if c.type == EntityType.Person and " " in c.name:
            full_at[c.name].append((c.offset, c.start))
    # "Pope" alone in a headline over "Pope Francis": the one person the article writes with that title.
    by_title: dict[str, set] = defaultdict(set)
    for c in cands:
        before = c.doc[c.start - c.lead - 1] if c.start - c.lead > 0 else None
        if c.type == EntityType.Person and c.lead:
            by_title[c.doc[c.start - 1].lower_].add(c.name)
        elif c.type == EntityType.Person and before is not None and before.lower_ in OFFICE_TITLES \
                and before.text[:1].isupper():
            by_title[before.lower_].add(c.name)
    by_initials: dict[str, set] = defaultdict(set)
    for o in orgs:
        by_initials["".join(w[0] for w in o.split() if w[0].isupper())].add(o)
    out = []
    for c in cands:
        name = c.name
        hits = ()
        if c.type == EntityType.Person and " " not in name:
            # "Putin" after "Vladimir Putin": same person when exactly one full name ends or starts with it.
            hits = by_end_word.get(_key(name), ())
            if not hits and (bare := _without_article(name)) is not None:
                hits = by_end_word.get(_key(bare), ())  # "al-Tarsi" after "Omar Tarsi"
            if len(hits) > 1:
                hits = _story_person(name, hits, (c.offset, c.start), full_at)
            elif not hits:
                hits = by_middle.get(_key(name), ())
            if not hits and not c.lead and name.lower() in OFFICE_TITLES:
                hits = by_title.get(name.lower(), set()) - {name}
        elif c.type == EntityType.Person and len(name.split()) == 2:
            # "Jong Un" or "Kyong-hong" forms: a two-word name that ends a single longer name.
            hits = by_suffix.get(_key(name), set()) - {name}
        elif len(name.split()) >= 2 and name.split()[0].lower() in _PARTICLES:
            # "Le Pen" after "Marine le Pen", read as a body: a surname opened by a particle is the person's.
            hits = by_suffix.get(_key(name), set()) - {name}
            if len(hits) == 1:
                c = replace(c, type=EntityType.Person)
        elif c.type == EntityType.Organization and name.isupper() and 2 <= len(name) <= _ACRONYM_MAX:
            # "NIS" for "National Intelligence Service": the capitals spell the acronym.
            hits = by_initials.get(name, ())
        out.append(replace(c, name=next(iter(hits))) if len(hits) == 1 else c)
    return _company_short_forms(_club_short_forms(_short_forms(out)))


def _sports_club_word(word: str) -> bool:
    """True for a word that, in a sports story, may open a club's name before its city ("Bayern", "Real").

    Why: outside sport a region's name or an English word before a city names something else ("Radio
    Bremen", "Bank Austria"); in a match report it is mostly a club's. Kind nouns and media words still are not.
    """
    low = word.lower()
    return word[:1].isupper() and not word.isupper() and low not in ORG_HEADS and low not in MEDIA_NOUNS \
        and low not in ORG_NOUNS and gazetteer.country(word) is None and gazetteer.demonym(word) is None


def _club_word(word: str, tok=None) -> bool:
    """True for a word a club's name adds to its city's: a club mark ("FC") or a word such as "Borussia".

    ``tok`` is the word's token when known: an English word ("Radio", "City") is no club's word.
    """
    low = word.lower()
    if low in CLUB_MARKS or low in CLUB_LAST_WORDS:
        return True
    return _sports_club_word(word) and gazetteer.place(word) is None and not (tok is not None and nlp_words(tok))


def _title_line_end(doc) -> int:
    """Return the last token index of a doc's first line when no sentence punctuation ends it (a headline), else -1."""
    end = next((t.i for t in doc if "\n" in t.text or "\n" in t.whitespace_), None)
    if end is None:
        return -1
    last = doc[end] if not doc[end].is_space else doc[end - 1] if end > 0 else None
    return end if last is not None and last.text not in ".!?\"\u201d" else -1


def _company_short_forms(cands: list[_Cand]) -> list[_Cand]:
    """Return the candidates with a short name given the company or party name it shortens ("Tarsk" after "Tarsk Robotics").

    Why: business news names "Orlin Systems" or "Velda Motors AG" once and
    then "Orlin" or "Velda Motors" alone, politics "the Civic Union Party" and
    then "Civic Union": one body, not two nodes (and not a person: spaCy often
    reads the lone word as a surname). The longer name must end in a
    company's head word or legal form ("Motors", "Systems", "AG") or in
    "Party", so "Norvex" beside "Norvex Music" stays apart (often the
    parent). A company's first word or a name less its last word shortens
    it; a party's only the latter. Only when exactly one such name of the
    article is shortened so, the article writes it first, and the short name
    is no acronym, place, lower-case word run or name already read as
    another's (a surname joined to its person).
    """
    docs = {id(c.doc): c.doc for c in cands if c.doc is not None and c.offset == 0}
    title_end = {k: _title_line_end(d) for k, d in docs.items()}
    first: dict[str, tuple] = {}
    # a headline may name the company short before the body names it in full ("Orlin names new chief")
    for c in sorted(cands, key=lambda c: (c.headline or c.start <= title_end.get(id(c.doc), -1), c.offset, c.start)):
        first.setdefault(c.name, (c.offset, c.start))
    longer: dict[str, set] = defaultdict(set)
    for c in cands:
        words = c.name.split()
        if c.type != EntityType.Organization or len(words) < 2 or not words[0][:1].isupper():
            continue
        company = company_ending(words[-1])
        if company or words[-1] == "Party":
            longer[_key(" ".join(words[:-1]))].add(c.name)
        if company:
            longer[_key(words[0])].add(c.name)
    if not longer:
        return cands
    to: dict[str, str] = {}
    # a small town's name the model read as the town is a short name too ("Halden said" after "Halden Motors")
    shorts = {c.name for c in cands if (c.type in (EntityType.Organization, EntityType.Person)
                                        or c.type == EntityType.Place and gazetteer.city(c.name) is not None)
              and c.name == c.text and not c.name.isupper() and all(w[:1].isupper() for w in c.name.split())}
    token = {c.name: c.doc[c.start] for c in cands if c.doc is not None and c.end - c.start == 1}
    # "Marek Tarvo" read as a person beside "Marek Tarvo Holdings" may be its founder: a person's name of two
    # words or more, no company word closing it ("Velda Motors" is the company's), is left to linking, which
    # tells a founder by a given name opening it.
    founders = {c.name for c in cands if c.type == EntityType.Person and " " in c.name
                and not company_ending(c.name.split()[-1])}
    for name in sorted(shorts - founders, key=lambda n: (-len(n.split()), n)):  # "Velda Motors" before "Velda"
        hits = {to.get(h, h) for h in longer.get(_key(name), ())} - {name}
        if len(hits) != 1 or first[next(iter(hits))] >= first[name] or _place_reading(name, cands):
            continue
        full = next(iter(hits))
        if full.endswith(" Party") and name in token and nlp_words(token[name]):
            continue  # "Congress" beside "Congress Party" may be another body of the party's, or a congress
        to[name] = full
    return [replace(c, name=to[c.name], type=EntityType.Organization) if c.name in to and c.name == c.text else c
            for c in cands]


#: A short name of a company that a town of at least this many people shares is the town's ("Halden" beside "Halden
#: Motors" is the company where no place word stands before it; "Tarsk" of a city of 100,000 stays the city).
COMPANY_TOWN_POPULATION = 100_000


def _place_reading(name: str, cands: list[_Cand]) -> bool:
    """True when a company's short name may be a place's: a country, a large town, or written after a place word."""
    place = gazetteer.place(name)
    if place is None:
        return False
    if place.type != EntityType.Place or gazetteer.city(name) is None \
            or gazetteer.city(name).population >= COMPANY_TOWN_POPULATION:
        return True  # a country, a region, or a large city
    return any(c.name == name and c.doc is not None and c.start > 0 and c.doc[c.start - 1].lower_ in _PLACE_PREPS
               for c in cands)


def _club_short_forms(cands: list[_Cand]) -> list[_Cand]:
    """Return the candidates with a one-word organization given the club name of two words it is part of.

    Why: a sports story names "FC Tarsk" or "Borussia Dortmund" once and then
    "Tarsk", "Dortmund" or "Borussia" alone, each read as an organization: one
    club, not two nodes. The two-word name must be a club's: a club mark
    ("FC", "VfB", "United") beside the word, or a city's name beside a word
    that is no organization's kind noun, place or nationality ("Radio Bremen"
    is a broadcaster, "Bank Austria" a bank). Only when exactly one such name
    of the article holds the word, and the word is no acronym. A company's
    short name stays apart from a longer one ("Norvex" beside "Norvex Music":
    often the parent).
    """
    orgs = {c.name for c in cands if c.type == EntityType.Organization}
    docs = {id(c.doc): c.doc for c in cands if c.doc is not None}
    sports = sports_story(w for d in docs.values() for w in token_column(d, "lower"))
    # The first word's token where the article writes the name as it is (its dictionary reading).
    first_tok = {c.name: c.doc[c.start] for c in cands if c.type == EntityType.Organization and c.doc is not None
                 and c.end - c.start == 2 and c.span.text == c.name}
    longer: dict[str, set] = defaultdict(set)
    for name in orgs:
        words = name.split()
        if len(words) != 2:
            continue
        city = gazetteer.city(words[1])
        named_for_city = city is not None and city.name == words[1] and (
            _club_word(words[0], first_tok.get(name)) or sports and _sports_club_word(words[0]))
        for k in (0, 1):
            word, other = words[k], words[1 - k]
            marked = other.lower() in CLUB_MARKS or k == 0 and other.lower() in CLUB_LAST_WORDS
            if named_for_city and not marked and k == 1 and not sports:
                continue  # outside sport "Dortmund" alone is the city, though the story names "Borussia Dortmund"
            if marked or named_for_city:
                longer[_key(word)].add(name)
    if not longer:
        return cands
    to = {}
    for name in orgs:
        hits = longer.get(_key(name), ())
        if " " not in name and not name.isupper() and len(hits) == 1:
            to[name] = next(iter(hits))
    return [replace(c, name=to[c.name]) if c.type == EntityType.Organization and c.name in to
            and not _city_after_in(c) else c for c in cands]


def _city_after_in(c: _Cand) -> bool:
    """True for a city's name right after "in": "Tarsk lost 1-0 in Tarsk" is the club's city, not the club."""
    return c.doc is not None and c.start > 0 and c.doc[c.start - 1].lower_ == "in" and gazetteer.city(c.name) is not None


def _short_forms(cands: list[_Cand]) -> list[_Cand]:
    """Return the candidates with a one-word place name given the longer place name it opens or ends.

    Why: "Varnholt Air Base" written first, then "Varnholt" alone, is one
    place; so is "Kestrow Wall" and then "Wall", and "Upper-Dravany" and then
    "Dravany" (the part after a hyphen, unless the part before it is a place
    of its own: "Asia-Pacific" and "Pacific"). Only when exactly one longer
    place name of the article opens or ends with the word, the word is no
    country, city, continent or region of its own ("Lisbon" beside "Lisbon
    Airport", "Europe" beside "Eastern Europe"), and the article writes the
    longer name before every lone use of the word. Places only: a company
    written after a longer name it opens is as often the parent ("Norvex"
    after "Norvex Music"), measured as two wrong merges for one join.
    """
    first_seen: dict[tuple, tuple] = {}
    for c in sorted(cands, key=lambda c: (c.offset, c.start)):
        first_seen.setdefault((c.type, c.name), (c.offset, c.start))
    longer: dict[tuple, set] = defaultdict(set)
    for t, name in first_seen:
        words = name.split()
        if t == EntityType.Place and len(words) > 1:
            longer[(t, _key(words[0]))].add(name)
            longer[(t, _key(words[-1]))].add(name)
        parts = words[-1].split("-") if t == EntityType.Place else []
        if len(parts) == 2 and parts[0] and parts[1] and gazetteer.place(parts[0]) is None:
            longer[(t, _key(parts[1]))].add(name)
    if not longer:
        return cands
    to: dict[tuple, str] = {}
    for (t, name), seen in first_seen.items():
        if t != EntityType.Place or " " in name or "-" in name or name.isupper():
            continue
        hits = longer.get((t, _key(name)), ())
        if len(hits) != 1:
            continue
        full = next(iter(hits))
        if first_seen[(t, full)] >= seen or gazetteer.place(name) is not None:
            continue
        to[(t, name)] = full
    return [replace(c, name=to[(c.type, c.name)]) if (c.type, c.name) in to else c for c in cands]


def _story_person(surname: str, names, at: tuple, where: dict) -> tuple:
    """Return the one full name a lone surname shared by several people stands for, or ().

    Why: "Anton Moreau" written three times and his mother "Ilse Moreau" once;
    a later "Moreau" is the person the story is about, not a node of its own.
    Only when every one of those full names ends in the word (a word that
    opens one of them may be a first name: "Moreau Tarsk" beside "Anton
    Moreau") and they open with different first names: "Anton J. Moreau" and
    "Anton J Moreau" are one person spelt two ways, left to the corpus step,
    which joins the lone surname across articles. The one written at least
    twice as often as any other wins (``where`` maps each full name to where
    the article writes it, ``at`` is where the surname stands); on a closer
    call the surname is the person last named in full before it, or the
    first named after it in a headline or lead. News writes a shared surname
    alone right after the full name it means: in DWIE's first 602 articles'
    annotations the nearest full name is right for 21 of the 22 lone shared
    surnames that no one dominates, which otherwise became a node of their own.
    """
    key = _key(surname)
    if any(_key(n.split()[-1]) != key for n in names):
        return ()
    if len({_key(n.split()[0]) for n in names}) < len(names):
        return ()
    own = sorted(names, key=lambda n: (-len(where.get(n, ())), n))
    if len(where.get(own[0], ())) >= SURNAME_DOMINANCE * len(where.get(own[1], ())):
        return (own[0],)
    before = max(((p, n) for n in names for p in where.get(n, ()) if p < at), default=None)
    if before is not None:
        return (before[1],)
    after = min(((p, n) for n in names for p in where.get(n, ()) if p > at), default=None)
    return (after[1],) if after is not None else ()


#: How many times more often the story must write one full name than any other sharing its surname for
#: the lone surname to be that person (see :func:`_story_person`).
SURNAME_DOMINANCE = 2


def _pronouns(cands: list[_Cand]) -> list[_Cand]:
    """A subject "he"/"she" starting a sentence is the one person the previous sentence names.

    Why: "Yerin said ... He added that ..." -- relations stated about "he"
    land on Yerin. Only when the previous sentence names exactly one person
    and the pronoun's sentence names none before it. Likewise "Its" or "The
    company" (a kind noun of organizations as the subject) opening a sentence
    is the organization the sentence before is about: "The Velgrad-based
    company said", "Its chief executive, Ann Roe," are then stated of it in
    their own sentence, where the sentence scorer and the document model read
    them. When the sentence before is about no organization, the one
    organization its piece has named so far is meant, if it names only one.
    """
    out = []
    by_doc: dict[int, list[_Cand]] = defaultdict(list)
    for c in cands:
        by_doc[id(c.doc)].append(c)
    for group in by_doc.values():
        doc, offset = group[0].doc, group[0].offset
        persons_by_sent: dict[int, list[_Cand]] = defaultdict(list)
        sent_start = _sentence_firsts(doc) if any(c.type == EntityType.Person for c in group) else []
        for c in group:
            if c.type == EntityType.Person:
                persons_by_sent[sent_start[c.start]].append(c)
        org_at = {i: c for c in group if c.type == EntityType.Organization for i in range(c.start, c.end)}
        orgs = sorted((c for c in group if c.type == EntityType.Organization), key=lambda c: c.start)
        seen, last, n_seen = set(), None, 0  # the organizations' names before the sentence, and the last one
        prev = None
        for sent in doc.sents:
            while n_seen < len(orgs) and orgs[n_seen].start < sent.start:
                last = orgs[n_seen]
                seen.add(last.name)
                n_seen += 1
            first = next((t for t in sent if not t.is_space and not t.is_punct), None)
            if prev is not None and first is not None and first.lower_ in ("he", "she") and \
                    first.dep_ in ("nsubj", "nsubjpass"):
                names = {c.name for c in persons_by_sent.get(prev.start, ())}
                if len(names) == 1:
                    name = names.pop()
                    out.append(_Cand(doc, offset, first.i, first.i + 1, EntityType.Person, name, "pronoun"))
            word = _organization_anaphor(first, org_at) if prev is not None and first is not None else None
            owner = _subject_organization(prev, org_at) if word is not None else None
            if owner is None and word is not None:
                # The sentence before is about someone else ("Its chief executive said ... The company
                # employs"): the one organization named so far is meant, if only one is.
                owner = last if len(seen) == 1 else None
            if owner is not None and not _kind_agrees(word, owner.name):
                owner = None  # "University of Tarsk ... The team, led by X,": a team at the university, not it
            if owner is None and word is not None and word.lemma_.lower() not in _ANY_KIND_ANAPHORS:
                # "The court banned the Forward Party. Party leader X said": the one body named so far whose
                # name holds the kind noun
                kind = word.lemma_.lower()
                named = [o for o in orgs[:n_seen] if kind in {w.casefold() for w in o.name.split()}]
                owner = named[-1] if len({o.name for o in named}) == 1 else None
            if owner is not None:
                out.append(_Cand(doc, offset, word.i, word.i + 1, EntityType.Organization, owner.name, "pronoun"))
                org_at[word.i] = out[-1]  # "The company said ... Its chief executive": a chain of them
            prev = sent
    return out


#: Roles a kind noun of a body names before a person besides :data:`ORG_ROLE_NOUNS` ("Party leader X"): alone,
#: a name before them is as often a country's ("Tarsk leader X").
_KIND_ROLE_NOUNS = frozenset("leader chief head boss chair secretary coach".split())

#: Kind nouns that may stand for an organization of any kind ("The group said", "The company added").
_ANY_KIND_ANAPHORS = frozenset("company group organization organisation firm body its".split())


def _kind_agrees(word, name: str) -> bool:
    """Return whether a kind noun standing for an organization fits its name ("the team" is no "University of X")."""
    kind = word.lemma_.lower()
    if kind in _ANY_KIND_ANAPHORS:
        return True
    named = {w.casefold() for w in name.split()} & (ANAPHOR_KINDS | ORG_KIND_BEFORE_NAME)
    return not named or kind in named


def _organization_anaphor(first, org_at: dict):
    """Return the word that stands for an organization named before, opening a sentence: "Its", "The company",
    "Club" before a role noun ("Club president X"); else None.

    "The Velmora-based company said", "The group added": a kind noun written before organizations' names,
    with "the", heading the sentence's subject and naming nothing itself ("The group Last Stand said" names).
    """
    if first.lower_ == "its" and first.dep_ == "poss":
        return first
    nxt = first.doc[first.i + 1] if first.i + 1 < len(first.doc) else None
    if first.is_title and first.lemma_.lower() in ORG_KIND_BEFORE_NAME and first.i not in org_at \
            and nxt is not None and (nxt.lower_ in ORG_ROLE_NOUNS or nxt.lower_ in _KIND_ROLE_NOUNS):
        return first  # "Club president X said", "Party leader X": the club or party named before
    if first.lower_ != "the" or first.dep_ != "det":
        return None
    noun = first.head
    if noun.i <= first.i or noun.i - first.i > 4 or noun.dep_ not in ("nsubj", "nsubjpass") or not noun.is_lower \
            or noun.lemma_.lower() not in ORG_KIND_BEFORE_NAME or noun.i in org_at:
        return None
    if any(c.dep_ in ("appos", "compound") and c.i > noun.i or c.dep_ == "prep" and c.lower_ == "of" for c in noun.children) \
            or noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].pos_ == "PROPN":
        return None  # "The group Last Stand", "The bank of Tarsk": a name follows
    if any(t.i in org_at for t in first.doc[first.i + 1:noun.i]):
        return None  # "The Velt Metall union said": the union is named in the subject itself
    return noun


def _subject_organization(sent, org_at: dict):
    """Return the organization candidate a sentence is about (its subject, or its reported clause's), else None."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    found = org_at.get(subj.i) if subj is not None else None
    if found is None and subj is not None and subj.pos_ == "NOUN":
        # "Acme, the country's largest bank, said": the name in apposition to the subject's noun
        found = next((org_at[c.i] for c in subj.children if c.dep_ == "appos" and c.i in org_at), None)
    if found is None:
        # "Profits rose, Acme said": the subject of the reporting verb is the root's; the reported clause's otherwise
        found = next((org_at[g.i] for c in root.children if c.dep_ == "ccomp"
                      for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i in org_at), None)
    return found


def covered_tokens(cands: list[_Cand], lead: bool = False) -> set[tuple[int, int]]:
    """Return the (doc id, token index) pairs the candidates hold; with ``lead``, their leading words too."""
    return {(id(c.doc), i) for c in cands for i in range(c.start - (c.lead if lead else 0), c.end)}


def _recover_persons(cands: list[_Cand], docs: list[tuple[int, object]]) -> list[_Cand]:
    """Find the person names the NER lost in long articles, from the names it did find.

    Why: "Yevgen Yerin, spokesperson" tagged only "Yerin", or a later bare
    "Richter" left untagged: a capitalized proper noun that is the surname of
    exactly one person of the article is that person, and one right before a
    surname-only mention is the first name it lost.
    """
    full = sorted({c.name for c in cands if c.type == EntityType.Person and len(c.name.split()) > 1})
    by_last: dict[str, set] = defaultdict(set)
    for name in full:
        by_last[_key(name.split()[-1])].add(name)
    covered = covered_tokens(cands)
    out = []
    for c in cands:
        # "Yevgen Yerin" tagged "Yerin": take the capitalized proper noun right before a one-word person.
        if c.type == EntityType.Person and c.source in ("ner", "propn") and c.end - c.start == 1 and c.start > 0:
            prev = c.doc[c.start - 1]
            # Opening a sentence, a word no dictionary knows is a name still ("Raila Odinga, the party's leader",
            # which the parser may cut into two sentences).
            if prev.pos_ == "PROPN" and prev.is_title and prev.is_alpha and (id(c.doc), prev.i) not in covered \
                    and (not prev.is_sent_start or not nlp_words(prev)) and "\n" not in prev.whitespace_ \
                    and gazetteer.place(prev.text) is None \
                    and prev.lower_ not in _TITLES and prev.lower_ not in _PORTFOLIO_WORDS \
                    and gazetteer.demonym(prev.text) is None:
                # a title's portfolio ("Secretary of State Kerry") is no first name
                c = replace(c, start=c.start - 1, name=c.doc[c.start - 1:c.end].text)
                covered.add((id(c.doc), prev.i))
        out.append(c)
    if not by_last:
        return out
    for offset, doc in docs:
        # The words tested from the columns and the word flags: a Token is made only for a known surname.
        for i, text in enumerate(token_column(doc, "text")):
            if (id(doc), i) in covered:
                continue
            flags = token_flags(doc, i)
            if not flags[TITLE] or not flags[ALPHA]:
                continue
            names = by_last.get(_key(text), ())
            if not names:
                continue
            tok = doc[i]
            # A surname opening a sentence may be tagged an adjective or a verb ("Rudin lives in Tarsk"): it is
            # the person's still when no English dictionary knows the word.
            if not names or tok.pos_ != "PROPN" and not (tok.is_sent_start and not nlp_words(tok)):
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if len(names) == 1 and not (nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title):
                # "Later, Richter thanked his team" after "Martin Richter": the NER missed the surname.
                out.append(_Cand(doc, offset, tok.i, tok.i + 1, EntityType.Person, next(iter(names)), "surname"))
    return out


def _recover_organizations(cands: list[_Cand], docs: list[tuple[int, object]]) -> list[_Cand]:
    """Find the later uses of a one-word organization name that the NER left untagged.

    Why: "Vale agreed to pay damages. ... Vale chief executive X apologized":
    a company named by a dictionary word is tagged once and missed where
    the parser reads the word as an adjective, and the relations stated
    there go with it. A token written exactly as a one-word organization
    name of the article (capitalized, not in capitals: acronyms are
    :func:`_recover_acronyms`'), outside every candidate and after the
    name's first tagged use, is that organization when no dictionary knows
    the word, or when it stands where a name stands: before a role noun or
    a possessive. Added after the learned decision, as acronyms are.
    """
    first: dict[str, _Cand] = {}
    for c in sorted(cands, key=lambda c: (c.offset, c.start)):
        # A short form given its full name keeps it ("Orlin" of "Orlin Rovers"); an anaphor ("Club") is no word of it.
        if c.type == EntityType.Organization and c.end - c.start == 1 and c.text in c.name.split() \
                and c.text[:1].isupper() and not c.text.isupper() and c.text.isalpha():
            first.setdefault(c.text, c)

    def where_a_name_stands(offset: int, tok, owner: _Cand) -> bool:
        lines = _headline_tokens(tok.doc)
        if (offset, tok.i) <= (owner.offset, owner.start) or tok.i in lines:
            return False
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        return not nlp_words(tok) or nxt is not None and (nxt.tag_ == "POS" or nxt.lower_ in _ROLE_BEFORE)

    return _written_again(cands, docs, first, where_a_name_stands)


def _written_again(cands: list[_Cand], docs: list[tuple[int, object]], owners: dict, accept=None) -> list[_Cand]:
    """Return a candidate for each token outside every candidate written exactly as one of ``owners``' texts.

    Not inside a run of capitals (a shouted line); ``accept(offset, token, owner)`` may refuse a token more.
    """
    if not owners:
        return []
    covered = covered_tokens(cands)
    out = []
    for offset, doc in docs:
        for tok in tokens_where(doc, "text", owners):
            owner = owners.get(tok.text)
            if owner is None or (id(doc), tok.i) in covered or _in_capitals(doc, tok.i) \
                    or accept is not None and not accept(offset, tok, owner):
                continue
            out.append(_Cand(doc, offset, tok.i, tok.i + 1, owner.type, owner.name, "acronym", sure=owner.sure))
    return out


def _storm_names(doc) -> set[str]:
    """Return the given names of the storms a Doc writes ("Hurricane Elna", "Tropical Storm Bret" -> "Elna", "Bret")."""
    out = set()
    for tok in tokens_where(doc, "lower", STORM_WORDS):  # the storm words alone, from the Doc's index
        if not tok.is_title:
            continue
        words = _title_words_after(doc, tok.i, STORM_WORDS)
        if words:
            out.add(" ".join(words))
    return out


def _title_words_after(doc, i: int, stop: frozenset = frozenset()) -> list[str]:
    """Return the up to three title-case words right after token ``i``, ending before a word in ``stop``."""
    words = []
    for nxt in doc[i + 1:i + 4]:
        if not nxt.is_title or nxt.lower_ in stop:
            break
        words.append(nxt.text)
    return words


def _vessel_names(doc) -> set[str]:
    """Return the names of the ships a Doc writes after a vessel noun or prefix ("the tanker Clara Dunmore")."""
    out = set()
    for tok in tokens_where(doc, "lower", VESSEL_PREFIXES | VESSEL_WORDS):  # only these can open a ship's name
        prefix = tok.is_upper and tok.lower_ in VESSEL_PREFIXES
        if not (prefix or tok.lower_ in VESSEL_WORDS and tok.is_lower):
            continue
        words = _title_words_after(doc, tok.i)
        # "the tanker Iran seized": a country or place after the noun is the one that acted, no ship
        if words and gazetteer.country(" ".join(words)) is None and gazetteer.place(" ".join(words)) is None:
            out.add(" ".join(words))
            if prefix:
                out.add(f"{tok.text} {' '.join(words)}")
    return out


def _without_storms(cands: list[_Cand], docs: list[tuple[int, object]]) -> list[_Cand]:
    """Drop the names of storms and ships, and the storm's given name where the article repeats it alone.

    Why: "Hurricane Elna" was a person and "Typhoon Haishen" a place, "the
    tanker Clara Dunmore" a person; the graph has no kind for a weather event
    or a ship, and a person node named after one misleads. A name the article
    also gives a person in full ("Elna Berg") is kept.
    """
    vessels = {n for _off, doc in docs for n in _vessel_names(doc)}
    if vessels:
        cands = [c for c in cands if c.name not in vessels]
    storms = {n for _off, doc in docs for n in _storm_names(doc)}
    if not storms:
        return cands
    persons = {w for c in cands if c.type == EntityType.Person and len(c.name.split()) > 1
               and c.doc[c.start].lower_ not in STORM_WORDS for w in c.name.split()}
    out = []
    for c in cands:
        words = c.name.split()
        rest = " ".join(words[1:]) if words and words[0].lower() in STORM_WORDS else None
        if rest in storms or c.name in storms and c.name not in persons:
            continue
        out.append(c)
    return out


def _acronym_persons(cands: list[_Cand]) -> list[_Cand]:
    """Make a name read as a person's that an acronym of its initials glosses in brackets an organization.

    Why: "rebels led by Harakat Tarsa al-Velm (HTV)": spaCy-small and the model read a group's name of
    given-name-like words and a particle as a person's, and the acronym, "HTV leader X", was lost. A
    person is not glossed by the initials of every capitalized part of the name (three letters or more).
    The acronym becomes a mention of the organization.
    """
    renamed: set[str] = set()
    glosses: dict[tuple, _Cand] = {}
    for c in cands:
        doc, end = c.doc, c.end
        if c.type != EntityType.Person or c.source == "pronoun" or end + 2 >= len(doc) or doc[end].text != "(" \
                or doc[end + 2].text != ")":
            continue
        acr = doc[end + 1].text
        initials = "".join(p[0] for p in c.name.replace("-", " ").split() if p[:1].isupper())
        if len(acr) >= 3 and acr.isupper() and acr.isalpha() and acr == initials:
            renamed.add(_key(c.name))
            glosses[(id(doc), end + 1)] = _Cand(doc, c.offset, end + 1, end + 2, EntityType.Organization, c.name,
                                                "acronym", sure=True)
    if not renamed:
        return cands
    out = [glosses.pop((id(c.doc), c.start), None) or c for c in cands]  # a tagged acronym becomes the gloss
    out = [replace(c, type=EntityType.Organization) if c.type == EntityType.Person and _key(c.name) in renamed else c
           for c in out]
    return sorted(out + list(glosses.values()), key=lambda c: (c.offset, c.start))


def _recover_acronyms(cands: list[_Cand], docs: list[tuple[int, object]]) -> list[_Cand]:
    """Find the uses of an acronym the article resolved to a longer name that the NER left untagged.

    Why: "the Velmar Fund for Peace (VFP)" defines "VFP" for the whole
    article, yet a later "VFP officials said" or "the VFP had warned" may
    go untagged, and so do the relations stated there. An acronym the
    article resolved to a longer name (in brackets, or by its initials) is
    that name wherever it is written again: a token written
    exactly as the acronym, outside every candidate and not inside a run of
    capitals (a shouted line: "THIS IS NOT OVER"), names the acronym's owner.
    Added after the learned decision: what it learned on is unchanged.
    """
    defined = {c.text: c for c in sorted(cands, key=lambda c: (c.offset, c.start))
               if c.source == "acronym" or c.type is not None and c.type != EntityType.Person
               and c.end - c.start == 1 and c.name != c.text and _acronym_shape(c.text)}
    # "The Tarsk Health Agency said ... THA officials said": initials of one organization's name the article
    # writes, never defined in brackets, spell it (not when two of its organizations share the initials).
    spelled: dict[str, set] = defaultdict(set)
    first: dict[str, _Cand] = {}
    for c in sorted(cands, key=lambda c: (c.offset, c.start)):
        words = c.name.split()
        if c.type == EntityType.Organization and len(words) >= 2 and all(w[:1].isupper() for w in words):
            spelled["".join(w[0] for w in words)].add(c.name)
            first.setdefault(c.name, c)
    for initials, names in spelled.items():
        if len(names) == 1 and initials not in defined and len(initials) >= 3:
            defined[initials] = first[next(iter(names))]
    return _written_again(cands, docs, defined)


def _in_capitals(doc, i: int) -> bool:
    """True when a word beside token ``i`` is written in capitals too (a shouted or all-capitals line)."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(doc) and doc[j].is_alpha and len(doc[j].text) >= 2 and doc[j].is_upper:
            return True
    return False


def _age_after(doc, end: int) -> bool:
    """True when ", AGE ," follows token ``end`` and a lower-case word opens what comes after ("X, 45, was")."""
    text = token_column(doc, "text")  # asked after every name: its commas read without making Tokens
    if end + 3 >= len(text) or text[end] != "," or text[end + 2] != ",":
        return False
    age, nxt = doc[end + 1], doc[end + 3]
    return age.text.isdigit() and int(age.text) in _AGES and nxt.is_alpha and nxt.is_lower


def _aged_persons(cands: list[_Cand], docs: list[tuple[int, object]]) -> list[_Cand]:
    """Make a name followed by an age set off by commas a person ("Moreau, 45, was charged").

    Why: news writes a person's age right after the name, and only a
    person's; spaCy-small reads a capitalized word opening a sentence as a
    noun ("Frost, 61, the retired judge") or a firm, and the name is lost or
    mistyped. A run of one to three capitalized words (not a place the
    gazetteer knows, a country, a demonym, an organization word or a title)
    right before ", AGE ," with a lower-case word after it (not ", 76 , 000
    acres"), not after a comma (a table's "Vellox, 45, Tarsk, 40, in"): an organization or place
    candidate of exactly those words becomes a person, as does every
    candidate of that name in the article; words no candidate holds become
    one.
    """
    renamed: set[str] = set()
    covered = {(id(c.doc), i): c for c in cands for i in range(c.start, c.end)}
    out = list(cands)
    for offset, doc in docs:
        for end in range(1, len(doc) - 3):
            if not _age_after(doc, end):
                continue
            start = end
            while start > 0 and end - start < 3 and doc[start - 1].is_title and doc[start - 1].is_alpha:
                start -= 1
            if start == end or start > 0 and doc[start - 1].text == ",":
                continue  # "Vellox, 45, Tarsk, 40, in the table": an item of a list of scores
            span = doc[start:end]
            if any(t.lower_ in ORG_HEADS or t.lower_ in _TITLES or gazetteer.demonym(t.text) is not None
                   for t in span) or gazetteer.place(span.text) is not None or gazetteer.country(span.text):
                continue
            held = {id(covered[(id(doc), i)]) for i in range(start, end) if (id(doc), i) in covered}
            if not held:
                out.append(_Cand(doc, offset, start, end, EntityType.Person, span.text, "age"))
                continue
            same = [c for c in out if id(c) in held and c.start == start and c.end == end]
            if len(held) == 1 and same and same[0].type in (EntityType.Organization, EntityType.Place):
                renamed.add(_key(same[0].name))
    if renamed:
        out = [replace(c, type=EntityType.Person, sure=False) if _key(c.name) in renamed or _full_name_of(c, renamed)
               else c for c in out]
    return out


def _full_name_of(c: _Cand, surnames: set) -> bool:
    """True for a two- or three-word organization or place name ending in a surname an age made a person's.

    "Ana Torvik" tagged an organization beside "Torvik, 64,": the full name is hers too.
    """
    words = c.name.split()
    return c.type in (EntityType.Organization, EntityType.Place) and 2 <= len(words) <= 3 \
        and len(words[-1]) > 1 and _key(words[-1]) in surnames \
        and not any(w.lower() in ORG_HEADS or w.lower() in _TITLES for w in words)


#: Roles held inside an organization whose name a writer puts right before them ("Vellox spokesman X"); no role
#: a place or a country gives (mayor, governor, minister, ambassador), which its own name opens as often.
ORG_ROLE_NOUNS = frozenset("""correspondent reporter editor spokesman spokeswoman spokesperson director president
chairman chairwoman ceo executive trader analyst manager employee founder""".split())

CLUB_STAFF_NOUNS = lexicon.CLUB_STAFF_NOUNS

#: Words a name before a role may have: more is a clause, not a name.
ROLE_ORG_MAX = 4

#: Role words, which open no organization's name before a role ("Chief Executive", "Managing Director").
_ROLE_WORDS = _LEADER_ROLES | _WORK_ROLES | ORG_ROLE_NOUNS | frozenset(
    "vice deputy senior executive managing acting assistant associate interim".split())

#: Words that tie the words before a role to a longer name ("Sales and Public Relations Manager X").
_ROLE_JOINERS = frozenset("and & of for".split())


def _name_token(t) -> bool:
    """True for a word of a name: capitalized or upper-case letters ("Vellox", "VTB"), or a hyphen inside one."""
    if t.text == "-":
        return not t.whitespace_ and t.i > 0 and not t.doc[t.i - 1].whitespace_
    return t.is_alpha and (t.is_title or t.is_upper)


def _role_organizations(cands: list[_Cand], docs: list[tuple[int, object]]) -> list[_Cand]:
    """Make the capitalized words before a role noun and a person's name an organization ("By VTB correspondent X").

    Why: "Vellox spokesman Anton Moreau", "( By ORLIN-PRESS correspondent Ilse
    Varga )": the name before a role held inside an organization
    (:data:`ORG_ROLE_NOUNS`) and right before the person holding it is the
    organization's; spaCy-small misses upper-case and hyphenated ones. Only
    words no candidate holds, one of them a proper noun or upper-case, no role
    word among them ("Chief Executive"), not after "and" or "of", none of
    them a title, a portfolio word, a place the gazetteer knows, a country
    or a demonym ("Tarsk Mayor X", "Defense Secretary X" are left), and not
    one word that is a kind of body or a word capitalized at a sentence start
    ("Club president X": the club is the one named elsewhere).
    """
    by_start = {(id(c.doc), c.start - c.lead): c for c in cands if c.type == EntityType.Person}
    covered = covered_tokens(cands, lead=True)
    out = list(cands)
    sport: list = []  # whether the article is a match report, read once and only when a club's staff noun is written

    def in_sport() -> bool:
        if not sport:
            sport.append(sports_story({w for _off, d in docs for w in token_column(d, "lower")}))
        return sport[0]

    for offset, doc in docs:
        for role in tokens_where(doc, "lower", ORG_ROLE_NOUNS | CLUB_STAFF_NOUNS):  # the only words read as a role
            k = role.i
            if not 1 <= k < len(doc) - 1:
                continue
            # "Velden coach X" in a match report: the town's name is its club's ("Velden" the club it coaches).
            club = role.lower_ in CLUB_STAFF_NOUNS and in_sport()
            if role.lower_ not in ORG_ROLE_NOUNS and not club or (id(doc), k + 1) not in by_start and \
                    not ((id(doc), k) in by_start and by_start[(id(doc), k)].lead):
                continue
            start = k
            while start > 0 and k - start < ROLE_ORG_MAX and _name_token(doc[start - 1]) \
                    and (id(doc), start - 1) not in covered and doc[start - 1].lower_ not in _SMALL_WORDS:
                start -= 1  # "By VTB correspondent X": the run stops at a function word
            while start < k and (doc[start].text == "-" or doc[start].lower_ in _ROLE_WORDS):
                start += 1  # "VTB Chief Executive X": a role word is no part of the name
            if start == k or doc[k - 1].text == "-" or doc[k - 1].lower_ in _ROLE_WORDS:
                continue
            if start > 0 and doc[start - 1].lower_ in _ROLE_JOINERS:
                continue  # "Vellox Sponsoring and Public Relations Manager X": part of a longer name
            span = doc[start:k]
            words = [t for t in span if t.is_alpha]
            town = gazetteer.place(span.text) is not None
            if any(t.lower_ in _TITLES or t.lower_ in _PORTFOLIO_WORDS
                   or gazetteer.demonym(t.text) is not None or gazetteer.country(t.text) is not None
                   for t in words) or town and not club:
                continue
            if not any(t.pos_ == "PROPN" or t.is_upper and len(t) > 1 for t in words) and not (club and town):
                continue  # "Company spokesman X", "Former President X": plain words, no name (a town tagged an
                # adjective before a club's coach is the club's name)
            if len(words) == 1 and (words[0].lemma_.lower() in ORG_KIND_BEFORE_NAME or words[0].is_sent_start
                                    and _written_lower(doc, words[0].text)):
                continue  # "Club president X", "Party leader X": a kind of body, the one named elsewhere
            out.append(_Cand(doc, offset, start, k, EntityType.Organization, span.text, "role"))
            covered.update((id(doc), i) for i in range(start, k))
    return out


#: Role nouns that a name's capitalized first word may be though the role is no part of the name ("Striker Ann
#: Roe" opening a headline); "general" is left out ("General Motors").
_OPENING_ROLES = (_ROLE_WORDS | _MEMBER_ROLES | CLUB_STAFF_NOUNS | _TITLES) - {"general", "st", "saint"}


def _role_openers(cands: list[_Cand]) -> list[_Cand]:
    """Read "Striker Roe" tagged an organization as the person Roe when the article names a person Roe in full.

    Why: a headline or a sentence may open with a role noun ("Striker Tavares completes move"), which its
    capital joins to the name after it; the NER then tags the pair as one organization's name.
    """
    surnames = {_key(c.name.split()[-1]) for c in cands if c.type == EntityType.Person and len(c.name.split()) > 1}
    out = []
    for c in cands:
        doc = c.doc
        first = doc[c.start]
        if c.type in (EntityType.Organization, EntityType.Place) and not c.sure and c.lead == 0 \
                and c.end - c.start >= 2 and first.is_title and first.lower_ in _OPENING_ROLES \
                and all(t.is_title and t.is_alpha for t in doc[c.start + 1:c.end]) \
                and _key(doc[c.end - 1].text) in surnames:
            c = replace(c, start=c.start + 1, type=EntityType.Person, name=doc[c.start + 1:c.end].text, lead=1)
        out.append(c)
    return out


def _completed_names(cands: list[_Cand]) -> list[_Cand]:
    """Extend a name the NER cut short to the longer name the article writes elsewhere ("Deutsche" before "Bahn").

    Why: the NER may tag only the first words of a name in one sentence (a headline's "Deutsche" of "Deutsche
    Bahn freight arm") and the whole name in another; the words right after the short one that complete a
    name written elsewhere in the article belong to it.
    """
    longer: dict[str, _Cand] = {}
    for c in cands:
        if c.type is not None and c.end - c.start >= 2:
            longer.setdefault(c.text, c)
    if not longer:
        return cands
    covered = covered_tokens(cands)
    out = []
    for c in cands:
        doc = c.doc
        # A longer name opens with this one's first word (a span's text opens with its first token's): most
        # names have none, and their three longer spans are not made.
        first = token_column(doc, "text")[c.start] if c.start < len(doc) else ""
        if not any(name.startswith(first) for name in longer):
            out.append(c)
            continue
        for n in (3, 2, 1):
            e = c.end + n
            if e > len(doc) or any((id(doc), i) in covered for i in range(c.end, e)):
                continue
            whole = longer.get(doc[c.start:e].text)
            if whole is not None and whole.doc[whole.end - 1].text == doc[e - 1].text:
                c = replace(c, end=e, type=whole.type, name=whole.name, sure=whole.sure)
                break
        out.append(c)
    return out


def _killing_subjects(cands: list[_Cand], docs: list[tuple[int, object]]) -> list[_Cand]:
    """Make a proper noun opening a sentence a person when it is killed or kills a person ("Moreau shot Varga").

    Why: spaCy-small leaves a capitalized word that opens a sentence
    untagged, and a surname that is also a word ("Fisher", "Hunter") is dropped
    as one; only a person is killed, and one who kills a person is a person
    too. Only a one-word proper noun (NNP, so not "Police shot X" nor
    "Gunmen killed X") that no candidate holds, the passive subject of a
    killing verb ("Varga was shot by X") or its subject with a person as
    its object.
    """
    persons = {(id(c.doc), i) for c in cands if c.type == EntityType.Person for i in range(c.start, c.end)}
    covered = covered_tokens(cands, lead=True)
    out = list(cands)
    for offset, doc in docs:
        for sent in doc.sents:
            tok = sent[0]
            if (id(doc), tok.i) in covered or tok.tag_ != "NNP" or not tok.is_title or not tok.is_alpha \
                    or tok.i + 1 < len(doc) and doc[tok.i + 1].is_title:
                continue
            verb = tok.head
            if verb.lemma_.lower() not in KILL_VERBS:
                continue
            victim = any(ch.dep_ == "dobj" and (id(doc), ch.i) in persons for ch in verb.children)
            if tok.dep_ == "nsubjpass" or tok.dep_ == "nsubj" and victim:
                out.append(_Cand(doc, offset, tok.i, tok.i + 1, EntityType.Person, tok.text, "killing"))
    return out


def _name_run(doc, start: int, end: int) -> bool:
    """True for plain words (:func:`_plain_word`) joined by hyphens, name particles after the first ("zu"), no demonym."""
    return _plain_word(doc[start]) and all(
        (_plain_word(t) or t.lower_ in _PARTICLES or t.text == "-" and not t.whitespace_ and t.i > start)
        and gazetteer.demonym(t.text) is None for t in doc[start:end])


def _adjacent_persons(cands: list[_Cand]) -> list[_Cand]:
    """Join a person candidate to the person or unknown place candidate written right before it, one space apart.

    Why: the NER and the model's proper-noun runs cut long names: "Arvo Tarsk"
    + "Keskula", "Elvira" (read as a place) + "Moreau Dani", "Fatou Ag" (read
    as an organization) + "Sidi Ali", "Karl-Otto" + "zu Wendhausen". Two
    people are not written side by side without a comma or a word between
    them. Only for plain capitalized words (and name particles after the first
    word) in one sentence, three or more together when both are persons; a
    place before a person only when it is one word the gazetteer does not know
    as a place, country or demonym; an organization only when no word of it is
    a body's word, a town of :data:`TOWN_BEFORE_NAME` people or more, and not
    all of it dictionary words ("Secretary of State Ann Vale").
    """
    by_start = {(id(c.doc), c.start): c for c in cands if c.type == EntityType.Person and c.source != "pronoun"}
    drop, out = set(), []
    for c in sorted(cands, key=lambda c: (c.offset, c.start)):
        if id(c) in drop:
            continue
        nxt = by_start.get((id(c.doc), c.end))
        doc = c.doc
        if nxt is None or id(nxt) in drop or nxt is c or c.source == "pronoun" or nxt.lead \
                or doc[c.end - 1].whitespace_ != " " or doc[c.end].is_sent_start \
                or not _name_run(doc, c.start, nxt.end):
            out.append(c)
            continue
        joinable = (c.type == EntityType.Person and nxt.end - c.start >= PERSON_RUN_MIN) or (
            c.type == EntityType.Place and c.end - c.start == 1 and not c.sure
            and gazetteer.place(c.text) is None and gazetteer.country(c.text) is None) or (
            c.type == EntityType.Organization and not c.sure and _person_half(c.span))
        if not joinable:
            out.append(c)
            continue
        drop.add(id(nxt))
        out.append(replace(c, end=nxt.end, type=EntityType.Person, name=doc[c.start:nxt.end].text))
    return [c for c in out if id(c) not in drop]


#: Words two persons written side by side must have together to be one person ("Arvo Tarsk" + "Keskula").
PERSON_RUN_MIN = 3


#: People a place must have for an organization-tagged name before a person's to stay apart ("Tarsk Arvo
#: Keskula"): the gazetteer's small towns share many given names and surnames.
TOWN_BEFORE_NAME = 100_000


def _person_half(span) -> bool:
    """True when an organization-tagged name can open a person's name: no body's word, acronym, town or mere words.

    "Ag" is a Tuareg name's particle where "AG" is a firm's legal form: a body's word of two letters counts
    only in capitals, which the acronym test catches.
    """
    if any(t.is_upper and len(t) > 1 or t.lower_ in ORG_HEADS and len(t) > 2 for t in span):
        return False
    if all(nlp_words(t) for t in span if t.is_alpha):
        return False  # "Secretary of State Ann Vale": "State" is a word, tagged an organization
    return gazetteer.country(span.text) is None \
        and getattr(gazetteer.place(span.text), "population", 0) < TOWN_BEFORE_NAME


#: The learned keep/retype/drop decision over the candidates: set by :mod:`kgraph.extraction.entity_model`
#: when it loads (the package imports it), so that the model may read this module's hand cues.
learned_decision = None


def _resolve(cands: list[_Cand], docs: list[tuple[int, object]] | None = None) -> list[tuple[Mention, object]]:
    cands = _decide(cands)
    if learned_decision is not None:
        # The learned decision has the last word on type and junk; the hand type is one of its features.
        cands = learned_decision(cands, docs)
    cands = _acronym_persons(_without_storms(cands, docs or []))
    cands = _role_openers(_completed_names(cands))
    cands = _killing_subjects(_role_organizations(_aged_persons(cands, docs or []), docs or []), docs or [])
    cands = [_with_own_stop(c) for c in _recover_persons(_adjacent_persons(cands), docs or [])]
    cands = _aliases(_bracket_glosses(None, 0, _nicknamed(cands, docs or [])))
    cands = cands + _recover_acronyms(cands, docs or [])
    cands = cands + _recover_organizations(cands, docs or [])
    cands = cands + _pronouns(cands)
    out = []
    seen = set()
    for c in sorted(cands, key=lambda c: (c.offset, c.start, c.end)):
        titled = c.type == EntityType.Person or c.type == EntityType.Place and c.lead == 1 \
            and c.doc[c.start - 1].text == "The"  # "The Hague" (extract._article_lead)
        span = c.doc[c.start - c.lead:c.end] if titled else c.span
        start = span.start_char + c.offset
        key = (start, span.end_char + c.offset)
        if key in seen:
            continue
        seen.add(key)
        out.append((Mention(span.text, c.type, start, span.end_char + c.offset, c.name, c.scores), span))
    return out


#: Quote marks that open and close a nickname written inside a person's name.
_NICK_OPEN = frozenset('"\u201c\'\u2018')
_NICK_CLOSE = frozenset('"\u201d\'\u2019')
#: Most words of a nickname, and of the given names or surname around it.
_NICK_WORDS = 3


#: Capitalized words before a name that say what the person is, not who ("Chief Executive", "Coach").
_NICK_ROLE_WORDS = _TITLES | _LEADER_ROLES | _WORK_ROLES | _MEMBER_ROLES | OFFICE_TITLES | frozenset(("executive",))


def _nick_name_word(tok) -> bool:
    """True for a capitalized word that may be part of a name (no title or role word, no acronym, no quote)."""
    return tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in _NICK_ROLE_WORDS and not tok.is_upper


def _nickname_spans(doc) -> list[tuple[int, int, int, int]]:
    """Return (given start, open quote, close quote, surname end) of each name written with a quoted nickname
    inside ("Jean-Marc "Papa Vel" Orlande", "Lukas 'Luki' Brenner")."""
    out = []
    for tok in tokens_where(doc, "text", _NICK_OPEN):  # the opening quotes alone, from the Doc's index
        i = tok.i
        if i == 0:
            continue
        j = next((k for k in range(i + 2, min(i + 2 + _NICK_WORDS, len(doc))) if doc[k].text in _NICK_CLOSE), None)
        if j is None or not all(_nick_name_word(t) for t in doc[i + 1:j]) or j + 1 >= len(doc):
            continue
        if tok.whitespace_ or not doc[i - 1].whitespace_ or doc[j - 1].whitespace_ or not doc[j].whitespace_:
            continue  # the quotes hug the nickname, spaces on their outer sides
        # The given names: the capitalized word before the quote, a hyphened one before it ("Jean-Marc"), and
        # one more ("Anna Maria"); no role word or acronym ("GM Chief Executive Anna").
        start = i - 1 if _nick_name_word(doc[i - 1]) else i
        if start > 1 and start < i and doc[start - 1].text == "-" and _nick_name_word(doc[start - 2]):
            start -= 2
        if 0 < start < i and _nick_name_word(doc[start - 1]) and not doc[start - 1].is_sent_start:
            start -= 1
        end = j + 1
        while end < len(doc) and end - j <= _NICK_WORDS and (_nick_name_word(doc[end]) or doc[end].lower_ in _PARTICLES
                                                            and end + 1 < len(doc) and _nick_name_word(doc[end + 1])):
            end += 1
        if start < i and end > j + 1 and _nick_name_word(doc[start]) and _nick_name_word(doc[end - 1]):
            out.append((start, i, j, end))
    return out


def _nicknamed(cands: list[_Cand], docs: list[tuple[int, object]]) -> list[_Cand]:
    """Return the candidates with each name written with a quoted nickname inside read as one person.

    Why: news writes "Jean-Marc "Papa Vel" Orlande" and then "Papa Vel" alone; the NER cuts the name at the
    quotes into two or three names. The whole is the person, named without the nickname ("Jean-Marc Orlande");
    the nickname written alone elsewhere in the article is the same person. Only between capitalized words,
    the quotes close to the nickname and spaced from the names, no title word in either.
    """
    nick: dict[str, str] = {}
    whole: list[_Cand] = []
    for offset, doc in docs:
        spans = _nickname_spans(doc)
        headlines = _headline_tokens(doc) if spans else set()  # read only where a nickname is written
        for start, i, j, end in spans:
            if start in headlines:
                continue  # 'Tarsk Picks "Culture City" Finalists': a headline's capitals, no name
            name = f"{doc[start:i].text} {doc[j + 1:end].text}"
            whole.append(_Cand(doc, offset, start, end, EntityType.Person, name, "ner", "PERSON"))
            nick.setdefault(doc[i + 1:j].text, name)
    if not whole:
        return cands
    covered = {(id(w.doc), t) for w in whole for t in range(w.start, w.end)}
    kept = [c for c in cands if not any((id(c.doc), t) in covered for t in range(c.start, c.end))]
    kept = [replace(c, type=EntityType.Person, name=nick[c.name]) if c.name in nick and c.type in
            (EntityType.Person, None) else c for c in kept]
    return kept + whole


def _with_own_stop(c: _Cand) -> _Cand:
    """Return a US state abbreviation with its own full stop when that stands apart at the sentence's end.

    Why: pre-tokenized text writes "born in Tillford , Minn ." and the stop
    belongs to the abbreviation; left out, the name ends one word short.
    Joined text ("Minn.") is one token already; nothing changes there.
    """
    if c.end - c.start != 1 or c.type != EntityType.Place or c.end >= len(c.doc):
        return c
    tok, nxt = c.doc[c.start], c.doc[c.end]
    if nxt.text != "." or not tok.whitespace_ or nxt.i + 1 != tok.sent.end or tok.text.endswith("."):
        return c
    if c.start < 2 or c.doc[c.start - 1].text != "," or gazetteer.us_state(tok.text) is None:
        return c
    return replace(c, end=c.end + 1)


#: A sentence naming more than this many mentions is a list or a table (of candidates, victims, results), not a
#: statement: its names are kept, but no relation is sought among them. The dev slices' fullest sentence names
#: far fewer (see docs/development.md, "Hostile input and security: audits"); a one-sentence list of 3,000 names
#: spent two minutes per 50 kB pairing names no sentence relates.
LIST_SENTENCE_MENTIONS = 60


def statement_pairs(pairs: list[tuple[Mention, object]]) -> list[tuple[Mention, object]]:
    """Return the (mention, span) pairs outside sentences that name more than LIST_SENTENCE_MENTIONS mentions.

    Why: every relation stage pairs the mentions of a sentence (rules, the
    sentence classifier, the pair encoder, the document model's features),
    each pair costing the words and tree path between its names; in a list
    of thousands of names that is hours for a large article, and the pairs
    state nothing. The list's names stay mentions of the article.
    """
    keys = sentence_keys(pairs)
    per_sentence = Counter(keys)
    if max(per_sentence.values(), default=0) <= LIST_SENTENCE_MENTIONS:
        return pairs
    return [p for p, key in zip(pairs, keys) if per_sentence[key] <= LIST_SENTENCE_MENTIONS]


def sentence_keys(pairs: list[tuple[Mention, object]]) -> list[tuple[int, int]]:
    """Return, per (mention, span) pair, (id of its Doc, first token of the sentence its span starts in).

    The same as ``(id(span.doc), span.sent.start)``, read from one pass over each Doc's sentences: spaCy finds
    ``span.sent`` by walking the tokens back to the sentence's start, and a 50 kB "sentence" of names made
    that walk once per name (9 s per 50 kB).
    """
    starts: dict[int, list[int]] = {}
    out = []
    for _m, span in pairs:
        doc = span.doc
        first = starts.get(id(doc))
        if first is None:
            first = starts[id(doc)] = _sentence_firsts(doc)
        out.append((id(doc), first[span.start]))
    return out


def _sentence_firsts(doc) -> list[int]:
    """Return, per token of a Doc, the first token of its sentence (``doc[i].sent.start``, in one pass)."""
    first = [0] * len(doc)
    for sent in doc.sents:
        first[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
    return first


def find_mentions(doc, offset: int = 0) -> list[tuple[Mention, object]]:
    """Return (mention, span) pairs for the names in a Doc, offsets shifted by ``offset``, names resolved."""
    return article_mentions([(offset, doc)])


def article_mentions(pieces: list[tuple[int, object]]) -> list[tuple[Mention, object]]:
    """Return (mention, span) pairs for the names of an article's parsed pieces, names resolved across them."""
    return _resolve([c for offset, doc in pieces for c in _candidates(doc, offset)], pieces)


def extract_doc(article: Article, pieces: Iterable[tuple[int, object]]) -> Extraction:
    """Extract the mentions and relations of one article from its parsed pieces.

    Args:
        article: The article the pieces come from.
        pieces: ``(offset, Doc)`` pairs as :func:`kgraph.extraction.nlp.parse` yields them.
    """
    from kgraph.extraction import docrel

    encoder.forget()  # each article's encodings are its own (see encoder.forget)
    pieces = list(pieces)
    lang = docrel.language_of(article.text)
    if lang != "en":
        # A German article parsed as English gives junk names ("Bundeskanzlerin X" a person): say so, skip it.
        docrel.warn_language(article.id, lang)
        return Extraction(article)
    if docrel.in_capitals(article.text):
        # Every word in capitals reads as a name: skipped with a warning rather than turned into junk nodes.
        docrel.warn_capitals(article.id)
        return Extraction(article)
    pairs = article_mentions(pieces)
    stated = statement_pairs(pairs)
    # A list of names is no short text (its one "sentence" can be 50 kB long: encoding it took 10 s per section).
    if len(set(sentence_keys(pairs))) <= 2 and sentrel.enabled() and stated is pairs:
        # A short text's sentences are encoded for their relations anyway: the encoder reads their names' types
        # again (each sentence encoded once, for both).
        pairs = stated = retype.retype(pairs, sentences=encoded_sentences(pieces, pairs))
    elif stated and retype.article_types_on() and sentrel.enabled():
        # Asked for, an article's names are read again in the sentences that can hold a relation.
        pairs = retype.retype_article(pairs, encoded_sentences(pieces, stated))
        stated = statement_pairs(pairs)
    relations: list[Relation] = []
    if len(stated) < len(pairs):
        warn_list_sentences(article.id, len(pairs) - len(stated))
    if docrel.load_doc_model():
        relations = docrel.doc_relations(pieces, stated)
        if sum(1 for _off, doc in pieces for _s in doc.sents) > 2:
            # What the model's statements imply (a country's leader is its citizen), as measured on whole articles.
            relations.extend(implied.implied_relations(relations, [m for m, _s in stated]))
    else:
        by_doc: dict[int, list] = {}
        for m, span in stated:
            by_doc.setdefault(id(span.doc), []).append((m, span))
        for offset, doc in pieces:
            found = by_doc.get(id(doc), [])
            index = MentionIndex(found)
            relations.extend(relations_of(doc, index, offset, pairs=found))
        relations.extend(chain_based_in(relations, [m for m, _s in stated]))
        relations.extend(name_based_in(pieces, stated))
    unique = {}
    for r in relations:
        if r.predicate == Predicate.locatedIn and r.subject.type == r.object.type == EntityType.Place \
                and gazetteer.cannot_lie_in(r.subject.name, r.object.name):
            continue  # read backwards: a state does not lie in one of its towns
        key = (r.subject.start, r.predicate, r.object.start)
        if key not in unique or unique[key].confidence < r.confidence:
            unique[key] = r
    rels = tuple(sorted(unique.values(), key=lambda r: (r.subject.start, r.object.start, r.predicate)))
    mentions = tuple(sorted((m for m, _s in pairs), key=lambda m: (m.start, m.end)))
    return Extraction(article, mentions, rels)


_LIST_WARNED: set[str] = set()


def warn_list_sentences(article_id: str, names: int) -> None:
    """Say on stderr, in one line, that names of list-like sentences were kept without relations (once per article)."""
    if article_id in _LIST_WARNED:
        return  # a long article is extracted section by section: one line for all of it
    _LIST_WARNED.add(article_id)
    print(f"Warning: article {article_id!r}: {names} names in sentences listing over {LIST_SENTENCE_MENTIONS} "
          "names each (a list or table): kept as names, no relations read from those sentences", file=sys.stderr)


def extract_articles(articles: Iterable[Article], nlp=None, batch_size: int = 64) -> Iterator[Extraction]:
    """Parse and extract each article in turn.

    Args:
        articles: Articles to read.
        nlp: A pipeline from :func:`kgraph.extraction.nlp.load`; the default one when None.
        batch_size: Texts per ``nlp.pipe`` batch.
    """
    from kgraph.extraction import nlp as nlp_mod

    pipeline = nlp if nlp is not None else nlp_mod.load()
    for article, pieces in nlp_mod.parse(pipeline, articles, batch_size=batch_size):
        yield extract_doc(article, pieces)
