"""Name-shape rules: a candidate the learned decision keeps must still look like a name.

The learned decision (:mod:`kgraph.extraction.entity_model`) keeps or drops a
candidate by its features; some candidates it keeps still do not look like a
name: a leading verb or connective ("Citing Vellmark"), a match score
("Vellmark 2-1"), no capital at all (an editor's initials), two names run
together by a connective ("Tarsk or Orlin"), a common word glued to a name the
article writes alone ("Rampant Vellmark"). A lone common word written once
("Forever") is left to the model's threshold for names written once: a rule
dropping such words lost far more annotated names than junk on the DWIE
development slices (see the README); only a lone word read as a person that
the English dictionary knows as a verb, adjective or adverb, capitalized by
its position ("Calm, she said"), is dropped by a rule. Each rule is declared with :func:`shape_rule`: its id,
a one-line reason, what it does (``cut`` gives the part that is the name,
``split`` gives two names, ``drop`` gives none), invented sentences with the
phrase it must change and what it must become, and invented sentences with a
phrase it must leave alone. ``tests/test_name_shape.py`` generates one test per
example. Rules run in declared order after the learned decision; a rule reads
one candidate and its article's context (:class:`Context`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from kgraph.core.terms import EntityType
from kgraph.extraction import lexicon, nlp
from kgraph.sources import gazetteer

#: What a rule does to the candidate it applies to.
KINDS = ("cut", "split", "drop")

#: spaCy fine tags of words that open or close no name: verbs, adverbs, connectives, pronouns.
FUNCTION_TAGS = frozenset("CC IN RB RBR RBS WRB WDT WP MD PRP PRP$ UH VB VBD VBG VBP VBZ".split())

#: Connectives that join two names into one candidate once punctuation is read loosely.
JOINERS = frozenset(", : and or & to vs vs. versus on in at".split())

#: Edge words that belong to names though news writes them in lower case ("Foreign Ministry", "Green Party").
_NAME_WORDS = (lexicon.ORG_HEADS | lexicon.PLACE_HEADS | lexicon.PORTFOLIO_WORDS | lexicon.REGION_NOUNS
               | lexicon.PARTY_PLURALS | lexicon.TITLES | lexicon.MEDIA_NOUNS | lexicon.ORG_NOUNS
               | frozenset("north south east west northern southern eastern western central new old upper lower "
                           "great little saint st united national federal democratic republic royal free".split()))

_SCORE = re.compile(r"^\d{1,2}[-:\u2013]\d{1,2}$")


@dataclass(frozen=True)
class Context:
    """What a rule reads about the candidate's article: name counts, words written in lower case, common words."""

    counts: Counter  # name key -> how many candidates carry it
    lower: frozenset  # words the article writes in lower case
    common: frozenset = frozenset()  # words news writes in lower case (the model's lexicon)
    given: frozenset = frozenset()  # given names (the model's lexicon): "Mark" opens a person's name
    types: dict = field(default_factory=dict)  # name key -> the type the decision gave it

    def written(self, name: str) -> int:
        """Return how often the article's candidates carry the name."""
        return self.counts.get(key(name), 0)

    def surname(self, word: str, but: str = "") -> bool:
        """Return whether the article writes a full person name ending in the word ("Anna Kell" for "Kell").

        A full name is one of two or more words the decision typed a person, or one opening with a given name;
        ``but`` is a name that does not count (the candidate itself: "Norwegian Air" is no full name of "Air").
        """
        low, but = key(word), key(but)
        for name in self.counts:
            parts = name.split()
            if but and (name == but or name.endswith(" " + but)):
                continue
            if len(parts) > 1 and parts[-1] == low and (parts[0] in self.given or self.types.get(name) == EntityType.Person):
                return True
        return False

    def is_common(self, tok) -> bool:
        """Return whether a word is one news writes in lower case (in this article or often elsewhere)."""
        return tok.lower_ in self.lower or tok.lower_ in self.common


def key(name: str) -> str:
    """Return the key names are counted under (case, spaces and punctuation folded)."""
    return gazetteer.norm(name)


@dataclass(frozen=True)
class ShapeExample:
    """An invented sentence, the phrase a candidate covers, and what the rule makes of it (None: dropped)."""

    text: str
    phrase: str
    result: tuple[str, ...] | None = ()  # names after the rule; () for a counter-example (left unchanged)


@dataclass(frozen=True)
class ShapeRule:
    """A name-shape rule: id, why, kind, its test (returns the new token spans, or None to leave it)."""

    id: str
    reason: str
    kind: str
    apply: Callable  # (doc, start, end, ctx) -> list[(start, end)] | None
    examples: tuple[ShapeExample, ...]
    counter_examples: tuple[ShapeExample, ...]


#: Every name-shape rule, in the order they are tried.
SHAPE_RULES: list[ShapeRule] = []


def shape_rule(id: str, reason: str, kind: str, examples=(), counter_examples=()):
    """Register the decorated function as the name-shape rule ``id``.

    ``examples`` are ``(text, phrase, names)`` (``names`` a tuple, empty for a
    drop), ``counter_examples`` are ``(text, phrase)``.

    Raises:
        ValueError: The id is taken or the kind is unknown.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown name-shape rule kind {kind!r}")

    def register(func: Callable) -> Callable:
        if any(r.id == id for r in SHAPE_RULES):
            raise ValueError(f"name-shape rule {id!r} is registered twice")
        SHAPE_RULES.append(ShapeRule(id, reason, kind, func,
                                     tuple(ShapeExample(t, p, tuple(r)) for t, p, r in examples),
                                     tuple(ShapeExample(t, p, ()) for t, p in counter_examples)))
        return func

    return register


def _named(doc, start: int, end: int) -> bool:
    """Return whether a token span holds a capitalized word (something left to be a name)."""
    return any(t.is_alpha and t.text[:1].isupper() for t in doc[start:end])


def _known(doc, start: int, end: int, ctx: Context) -> bool:
    """Return whether a span is a name on its own: the article writes it elsewhere, or the gazetteer knows it."""
    text = doc[start:end].text
    if not _named(doc, start, end):
        return False
    return ctx.written(text) > 0 or gazetteer.country(text) is not None or gazetteer.city(text) is not None


# ---------------------------------------------------------------- rules (tried in this order)

@shape_rule("shape:no-capital", "A candidate without a capital letter is no name (an editor's initials, a fragment).",
            "drop",
            examples=[("The report was filed by ak/tz for the desk.", "ak/tz", ())],
            counter_examples=[("The report was filed by Anna Kell for the desk.", "Anna Kell")])
def _no_capital(doc, start, end, ctx):
    text = doc[start:end].text
    return [] if not any(ch.isupper() for ch in text) else None


@shape_rule("shape:single-letter", "A single capital letter is no name (a musical note, a unit, a list label); an "
            "initial with its full stop is left to the rest of the name.", "drop",
            examples=[("The chord held G, B and E for a year.", "B", ()),
                      ("It was cold, minus 4 degrees F at night.", "F", ())],
            counter_examples=[("Anton B. Moreau spoke.", "Anton B. Moreau"), ("Group B met.", "Group B")])
def _single_letter(doc, start, end, ctx):
    text = doc[start:end].text
    return [] if len(text) == 1 and text.isalpha() else None


@shape_rule("shape:possessive-place-tail", "A lone word naming a kind of place right after a name's possessive is "
            "the tail of a place name the tagger broke (\"St. Tarsk's Square\"), no name of its own.", "drop",
            examples=[("Pilgrims filled St. Anselm's Square on Sunday.", "Square", ()),
                      ("Crowds gathered at Vellmark's Cathedral for the mass.", "Cathedral", ())],
            counter_examples=[("Crowds gathered in Tarsk Square on Sunday.", "Tarsk Square"),
                              ("Tarsk's Delta Bank said profits rose.", "Delta Bank")])
def _possessive_place_tail(doc, start, end, ctx):
    if end - start != 1 or doc[start].lower_ not in lexicon.PLACE_HEADS:
        return None
    return [] if _after_possessive(doc, start) else None


def _after_possessive(doc, i: int) -> bool:
    """True when token ``i`` follows a possessive "'s" glued to a capitalized word ("St. Tarsk's Square")."""
    if i < 2:
        return False
    poss, owner = doc[i - 1], doc[i - 2]
    return poss.lower_ in ("'s", "\u2019s") and not owner.whitespace_ and owner.text[:1].isupper()


#: Capitalized words of time closing a holiday's name after a possessive ("New Year's Eve", "Mother's Day").
HOLIDAY_TAILS = frozenset("day eve night".split())


def _holiday_tail(doc, i: int) -> bool:
    """True when token ``i`` is a capitalized day, eve or night right after a possessive glued to a capitalized word."""
    return i < len(doc) and doc[i].lower_ in HOLIDAY_TAILS and doc[i].is_title and _after_possessive(doc, i)


@shape_rule("shape:holiday", "A capitalized word and its possessive before \"Day\", \"Eve\" or \"Night\" name a "
            "holiday (\"New Year's Eve\", \"Valentine's Day\"): neither the owner nor the day is a name of its own.",
            "drop",
            examples=[("Police stopped cars on New Year's Eve in Tarsk.", "Eve", ()),
                      ("Sales of roses rose before Valentine's Day in Tarsk.", "Valentine", ())],
            counter_examples=[("Anton Moreau's day began early in Tarsk.", "Anton Moreau"),
                              ("Tarsk's Day Bank said profits rose.", "Day Bank")])
def _holiday(doc, start, end, ctx):
    if end - start == 1 and _holiday_tail(doc, start):
        return []
    return [] if end + 1 < len(doc) and doc[end].lower_ in ("'s", "\u2019s") and not doc[end - 1].whitespace_ \
        and _holiday_tail(doc, end + 1) and (end + 2 >= len(doc) or not doc[end + 2].is_title) else None


@shape_rule("shape:currency-code", "An ISO 4217 currency code after an amount is money, not an organization "
            "(\"12 million AUD\", \"300 USD\").", "drop",
            examples=[("Tarsk will pay 12 million AUD (9 million USD) for the port.", "AUD", ()),
                      ("The ticket cost 300 CHF on Monday.", "CHF", ())],
            counter_examples=[("The AUD Group said on Monday it would pay.", "AUD Group"),
                              ("Shares of ALL rose after the deal.", "ALL")])
def _currency_code(doc, start, end, ctx):
    text = doc[start:end].text
    if end - start != 1 or len(text) != 3 or not text.isupper() or not text.isalpha() or start == 0:
        return None
    before = doc[start - 1]
    amount = before.like_num or before.lower_ in ("million", "billion", "trillion", "thousand", "bn", "m")
    return [] if amount and gazetteer.currency(text) else None


#: Parts of speech an English dictionary gives common words but never a bare name ("Calm", "Statistically").
_COMMON_CLASSES = frozenset(("verb", "adj", "adv"))

#: Endings of words that name a people or a language ("Africans", "Yemenis", "Muscovite", "English"): no common word.
_PEOPLE_ENDINGS = ("an", "ans", "ese", "ish", "is", "ite", "ites")

#: Most times an article may write a one-word person name for the dictionary-word rule to read it as a word.
DICTIONARY_WORD_MAX = 2


@shape_rule("shape:opening-plural-noun", "A lone capitalized plural that opens its sentence or line (or a quote "
            "there, or follows a colon), written at most twice, that an English dictionary knows as a noun or the "
            "article and news write in lower case (also a plural in \"-men\"), is a common noun capitalized by its "
            "position (\"Workouts help older runners\", \"Tarsk: Gunmen kidnap ...\"), not a name; not a party's "
            "plural (\"Greens\"), a people's word, a demonym or a place.",
            "drop",
            examples=[("Workouts help older runners most, the coach in Tarsk said.", "Workouts", ()),
                      ("\"Sculptors need space,\" the mayor said.", "Sculptors", ()),
                      ("Veltria: Gunmen seize a bus near Tarsk", "Gunmen", ())],
            counter_examples=[("Greens want a new tax on flights.", "Greens"),
                              ("Africans were the most hopeful, the poll found.", "Africans"),
                              ("The firm said Vellmarks would be sold in May.", "Vellmarks")])
def _opening_plural_noun(doc, start, end, ctx):
    tok = doc[start]
    if end - start != 1 or not tok.is_alpha or not tok.text[:1].isupper() or tok.is_upper \
            or ctx.written(tok.text) > DICTIONARY_WORD_MAX:
        return None
    # "Gunmen", "Fishermen": a plural in "-men" news writes in lower case, however the tagger read it
    if not (tok.tag_ in ("NNS", "NNPS") and tok.lower_.endswith("s") or tok.lower_.endswith("men") and ctx.is_common(tok)):
        return None
    prev = doc[start - 1] if start > 0 else None
    # after a colon too: "Tarsk: Gunmen kidnap ..." (a headline's place, then its sentence)
    opens = prev is None or nlp.line_start(tok) or prev.is_quote and nlp.line_start(prev) or prev.text == ":"
    if not opens or tok.lower_ in lexicon.PARTY_PLURALS or tok.lower_.endswith(_PEOPLE_ENDINGS):
        return None
    if gazetteer.demonym(tok.text) is not None or gazetteer.country(tok.text) is not None \
            or gazetteer.place(tok.text) is not None:
        return None
    return [] if "noun" in nlp.word_classes(tok) or ctx.is_common(tok) else None


@shape_rule("shape:opening-noun-before-role", "A lone common noun capitalized only because it opens the sentence or "
            "line, right before a lower-case role noun and a capitalized name (\"Festival director Ilse Varga\", "
            "\"Club president Anton Moreau\"), is the role's qualifier, not a name, when the article writes it "
            "nowhere else.",
            "drop",
            examples=[("Festival director Ilse Varga said the lineup was strong.", "Festival", ())],
            counter_examples=[("Vellox spokesman Anton Moreau said sales fell.", "Vellox"),
                              ("Interpol chief Anton Moreau said the network was large.", "Interpol"),
                              ("Festival director Ilse Varga spoke. The Festival opens on Friday.", "Festival"),
                              ("Shares rose, Festival director Ilse Varga said.", "Festival")])
def _opening_noun_before_role(doc, start, end, ctx):
    tok = doc[start]
    if end - start != 1 or end + 1 >= len(doc) or not tok.is_alpha or not tok.is_title or ctx.written(tok.text) > 1:
        return None
    if not nlp.line_start(tok) or "noun" not in nlp.word_classes(tok) or tok.lower_ in _NAME_WORDS:
        return None
    if tok.lower_ not in ctx.common and tok.lower_ not in ctx.lower:
        return None  # the dictionary holds bodies' names too ("Interpol"); news writes a common noun in lower case
    role, name = doc[end], doc[end + 1]
    if not role.is_lower or role.lower_ not in ROLE_WORDS or not name.text[:1].isupper():
        return None
    return []


@shape_rule("shape:dictionary-word-person", "A lone capitalized word read as a person, written once or twice, "
            "that an English dictionary knows as a verb, adjective or adverb, no given name, place or demonym, and "
            "that opens its sentence or line or follows a capitalized word, is a common word capitalized by its "
            "position (\"Calm, she said\", \"Statistically, ...\"), not a person; so is one it knows as a noun "
            "only, opening its sentence or line, that the NER did not read as a person and that ends no full name of "
            "the article's persons (\"Malnutrition is common\").",
            "drop",
            examples=[("Calm, composed and smiling, she walked on stage.", "Calm", ()),
                      ("Statistically, one note in ten thousand is false.", "Statistically", ()),
                      ("Malnutrition is common in the north, aid workers said.", "Malnutrition", ()),
                      ('"Malnutrition is common in the north," aid workers said.', "Malnutrition", ()),
                      ("Voting ended at six. Turnout was low, officials said.", "Turnout", ())],
            counter_examples=[("Calm, Anton said later, is what the team needs.", "Anton"),
                              ("She thanked her fans on Chirp, the social network.", "Chirp"),
                              ("He loved Mozart, Chirp and the old masters.", "Chirp"),
                              ("Tarvo, the new coach, said the team was ready.", "Tarvo"),
                              ('"Tarvo and his team won," she said.', "Tarvo"),
                              ("Paris, the capital, was calm.", "Paris"),
                              ("Africans, the poll found, were the most hopeful.", "Africans"),
                              ("Baker said he was tired after Anton Baker won the race.", "Baker"),
                              ("The tapes were found. Nixon was angry, aides said.", "Nixon")])
def _dictionary_word_person(doc, start, end, ctx):
    tok = doc[start]
    if end - start != 1 or not tok.is_alpha or not tok.text[:1].isupper() or tok.is_upper:
        return None
    if ctx.types.get(key(tok.text), EntityType.Person) != EntityType.Person or ctx.written(tok.text) > DICTIONARY_WORD_MAX:
        return None
    prev = doc[start - 1] if start > 0 else None
    quoted = prev is not None and prev.is_quote and nlp.line_start(prev)  # a quote's first word: '"Malnutrition is common," they said'
    if not (prev is None or nlp.line_start(tok) or quoted or prev.is_alpha and prev.text[:1].isupper()):
        return None  # capitalized on purpose, not by its position: "on Chirp", "Beethoven, Bach"
    if tok.lower_ in ctx.given or tok.lower_.endswith(_PEOPLE_ENDINGS) or gazetteer.demonym(tok.text) is not None \
            or gazetteer.country(tok.text) is not None or gazetteer.place(tok.text) is not None:
        return None
    classes = nlp.word_classes(tok)
    if _COMMON_CLASSES & classes:
        return []
    # A noun only ("Malnutrition is common") opening its sentence or line, unless a person of the article has it
    # as surname ("Anton Baker ... Baker said") or the NER read it as a person: the dictionary lists the famous by
    # surname ("Nixon", "Shakespeare": on DWIE 1-602 the two annotated names the rule dropped without that test;
    # with it, it drops one unannotated name and one country typed a person, no annotated person).
    opens = prev is None or tok.is_sent_start or nlp.line_start(tok) or quoted
    # The NER's person reading stands for a word news never writes in lower case ("Nixon"), not for one it
    # does ("Turnout was low"): the dictionary lists the famous by surname, news does not write them so. A title
    # ("Pope urges peace") may stand for the one person the article gives it, which extraction reads later.
    person = tok.ent_type_ == "PERSON" and (tok.lower_ not in ctx.common or tok.lower_ in ROLE_WORDS)
    return [] if "noun" in classes and opens and not person and not ctx.surname(tok.text) else None


@shape_rule("shape:hashtag", "A word written right after \"#\" is a hashtag, not the name of a thing "
            "(\"#TarskStrong\").", "drop",
            examples=[("The hashtag #TarskStrong spread. #OrlinTogether was next.", "OrlinTogether", ()),
                      ("The hashtag #TarskStrong spread. #OrlinTogether was next.", "TarskStrong", ())],
            counter_examples=[("Tarsk, the No. 1 seed, won # 3 of Orlin Cup.", "Orlin Cup")])
def _hashtag(doc, start, end, ctx):
    first = doc[start]
    if first.text.startswith("#"):
        return []
    prev = doc[start - 1] if start > 0 else None
    return [] if prev is not None and prev.text == "#" and not prev.whitespace_ else None


#: Last words of names of events and awards, which are no person, organization or place ("the Tarsk Games",
#: "the Vell Prize"); "day" only ends a name not read as a person's ("Anton Day").
EVENT_HEADS = frozenset("""olympics games summit summits day cup cups championship championships war wars prize prizes
award awards festival biennale open""".split())


@shape_rule("shape:event-head", "A name ending in an event or award word (\"Games\", \"Summit\", \"Prize\", "
            "\"Festival\", a tournament's \"Open\") names an event or award, no person, organization or place.", "drop",
            examples=[("Athletes arrived for the Tarsk Games on Sunday.", "Tarsk Games", ()),
                      ("She won the Vell Prize for her novel.", "Vell Prize", ()),
                      ("Anna Berg won the Tarsk Open for the third time.", "Tarsk Open", ())],
            counter_examples=[("Anton Day said the talks had failed.", "Anton Day"),
                              ("The Veltrian Institute for Research on War said so.", "Veltrian Institute for Research on War"),
                              ("The Games were a success.", "Games")])
def _event_head(doc, start, end, ctx):
    words = [t.lower_ for t in doc[start:end]]
    if len(words) < 2 or words[-1] not in EVENT_HEADS or not doc[end - 1].is_title:
        return None
    if any(w in lexicon.ORG_HEADS or w in lexicon.PLACE_HEADS for w in words[:-1]):
        return None  # "Veltrian Institute for Research on War": an organization named after its subject
    text = doc[start:end].text
    if words[-1] == "day" and (ctx.types.get(key(text)) == EntityType.Person or doc[start].ent_type_ == "PERSON"):
        return None
    return []


#: Words an award's title opens with before "of the Year" ("Player of the Season", "Rookie of the Year").
AWARD_HOLDERS = frozenset("""player players rookie coach manager footballer athlete sportsman sportswoman
personality goalkeeper actor actress artist newcomer team""".split())

#: Spans of time an award's title ends in.
AWARD_SPANS = frozenset("year season month week decade century".split())


@shape_rule("shape:award-title", "Capitalized words ending in a holder's word right before \"of the Year\" (or "
            "Season, Month...) name an award (\"Tarsk League Player of the Season\"), no organization or person.",
            "drop",
            examples=[("Anna Berg, the reigning Tarsk League Player of the Season, said so.", "Tarsk League Player", ()),
                      ("He was named Vell Rookie of the Year in 2019.", "Vell Rookie", ())],
            counter_examples=[("The Tarsk Players of the Year gala was cancelled.", "Tarsk"),
                              ("Coach Anna Berg of the Tarsk club said so.", "Anna Berg")])
def _award_title(doc, start, end, ctx):
    if end - start < 2 or doc[end - 1].lower_ not in AWARD_HOLDERS or not doc[end - 1].is_title \
            or end + 2 >= len(doc) or doc[end].lower_ != "of" or doc[end + 1].lower_ != "the" \
            or doc[end + 2].lower_ not in AWARD_SPANS or not doc[end + 2].is_title:
        return None
    return []


#: Last words of the names of treaties, laws and declarations ("the Tarsk Accord", "the Vell Act"): documents, no
#: person, organization or place. Not "Pact": an alliance named so is a body too.
DOCUMENT_HEADS = frozenset("""treaty treaties accord accords protocol protocols agreement agreements convention
conventions declaration act directive resolution doctrine charter""".split())


@shape_rule("shape:document-head", "A name ending in a treaty's, law's or declaration's word (\"Accord\", "
            "\"Protocol\", \"Act\", \"Declaration\") names a document, and one opening with \"Operation\" a "
            "military operation: no person, organization or place, unless a body's head comes before (\"Tarsk "
            "Institute for Arms Treaties\"). Its acronym in brackets (\"the Tarsk Accord (TA)\") is the document too, "
            "wherever the article writes it.", "drop",
            examples=[("The Harwick Accord was signed in 1995 by both sides.", "Harwick Accord", ()),
                      ("Under the Tarsk Protocol, emissions must fall.", "Tarsk Protocol", ()),
                      ("Tom Keller wrote that the Vellmark Act would pass.", "Vellmark Act", ()),
                      ("Troops launched Operation Silver Shield on Friday.", "Operation Silver Shield", ())],
            counter_examples=[("The Tarsk Institute for Arms Treaties said so.", "Tarsk Institute for Arms Treaties"),
                              ("The North Tarsk Treaty Organization met.", "North Tarsk Treaty Organization"),
                              ("Lena Act said the plan was sound.", "Lena Act")])
def _document_head(doc, start, end, ctx):
    words = [t.lower_ for t in doc[start:end]]
    if len(words) < 2:
        return None
    if not (words[-1] in DOCUMENT_HEADS and doc[end - 1].is_title or words[0] == "operation" and doc[start].is_title):
        return None
    if any(w in lexicon.ORG_HEADS or w in lexicon.PLACE_HEADS for w in words):
        return None  # "Tarsk Institute for Arms Treaties": an organization named after its subject
    if doc[start].lower_ in ctx.given:
        return None  # a person's name ending in such a word ("Lena Act")
    return []


#: Lower-case nouns of documents and programmes named after the city where they were agreed ("the Tarsk treaty",
#: "the Tarsk reforms"): the city's name there is the document's, not a mention of the city.
DOCUMENT_NOUNS = frozenset("""treaty treaties accord accords protocol protocols agreement agreements pact reform reforms
process criteria convention declaration consensus""".split())


@shape_rule("shape:city-before-document", "A city's name right before a lower-case document noun (\"the Geneva "
            "treaty\", \"the Tarsk reforms\") names the document, not the city; a summit or a conference there is "
            "still in the city, and a country before such a noun is a party to it (\"the Veltria agreement\").", "drop",
            examples=[("Veltria signed the Geneva treaty in May.", "Geneva", ()),
                      ("Students protested against the Leeds reforms.", "Leeds", ())],
            counter_examples=[("The Geneva summit ended on Friday.", "Geneva"),
                              ("Norway agreement talks stalled.", "Norway"),
                              ("Ministers met in Geneva. The treaty was signed.", "Geneva")])
def _city_before_document(doc, start, end, ctx):
    if end >= len(doc) or doc[end].text not in DOCUMENT_NOUNS:
        return None
    text = doc[start:end].text
    if gazetteer.country(text) is not None or gazetteer.city(text) is None:
        return None
    return []


@shape_rule("shape:score", "A match score is no part of a name: the clubs on either side are names "
            "(\"Vellmark 2-1 Tarsk\").", "split",
            examples=[("The match ended Vellmark 2-1 after extra time.", "Vellmark 2-1", ("Vellmark",)),
                      ("Results: Vellmark 2-1 Tarsk and more.", "Vellmark 2-1 Tarsk", ("Vellmark", "Tarsk"))],
            counter_examples=[("The rocket Tarsk 7 flew in May.", "Tarsk 7")])
def _score(doc, start, end, ctx):
    toks = list(doc[start:end])
    for i, t in enumerate(toks):
        width = 1 if _SCORE.match(t.text) else 3 if (t.like_num and i + 2 < len(toks) and toks[i + 1].text in "-:\u2013"
                                                     and toks[i + 2].like_num) else 0
        if width:
            parts = [(start, start + i), (start + i + width, end)]
            return [(s, e) for s, e in parts if s < e and _named(doc, s, e)]
    return None


def _edge_word(tok, ctx: Context) -> bool:
    """Return whether a capitalized word could be a common word glued to a name (not a name word of its own)."""
    low = tok.lower_
    return tok.is_alpha and tok.text[:1].isupper() and ctx.is_common(tok) and low not in _NAME_WORDS \
        and low not in lexicon.FOREIGN_ARTICLES and low not in lexicon.PARTICLES and low not in ctx.given \
        and gazetteer.demonym(tok.text) is None


def _name_ends(doc, s: int, e: int) -> bool:
    """Return whether a span opens and closes with a capitalized word (what is left can be a name)."""
    return s < e and doc[s].text[:1].isupper() and doc[e - 1].text[:1].isupper() and _named(doc, s, e)


#: Abbreviations of time zones, written in capitals after a clock time or before an offset ("20:30 UTC", "UTC +2").
TIME_ZONES = frozenset("utc gmt cet cest eet eest wet bst ist msk jst est edt cst cdt mst mdt pst pdt".split())

#: Days of the week and their abbreviations, which open a broadcast schedule's line ("SAT 12.11.").
WEEKDAYS = frozenset("""monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
sun""".split())

_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")
_OFFSET = re.compile(r"^[+\-\u2013\u2212]?\d{1,2}([,.:]\d{1,2})?$")


def _time_zone(doc, i: int) -> bool:
    """Return whether the word at ``i`` is a time zone's abbreviation written with a clock time or an offset."""
    tok = doc[i]
    if not (tok.is_upper and tok.lower_ in TIME_ZONES):
        return False
    before = doc[i - 1].text if i > 0 else ""
    after = [doc[i + 1].text if i + 1 < len(doc) else "", "".join(t.text for t in doc[i + 1:i + 3])]  # "+2", "+ 2"
    return bool(_CLOCK.match(before)) or any(_OFFSET.match(a) for a in after)


@shape_rule("shape:time-zone", "A time zone's abbreviation written with a clock time or an offset (\"20:30 UTC\", "
            "\"UTC +2\") is no part of a name in a broadcast schedule; a weekday left alone is none either.", "cut",
            examples=[("On air: SAT 04:30 UTC Tarsk UTC -4 | Orlin UTC -3", "UTC Tarsk", ("Tarsk",)),
                      ("Times: Orlin UTC -3 and later.", "Orlin UTC", ("Orlin",))],
            counter_examples=[("The UTC Group said on Monday it would pay.", "UTC Group"),
                              ("Tarsk GMT won the tender.", "Tarsk GMT")])
def _time_zone_edge(doc, start, end, ctx):
    s, e = start, end
    while s < e and _time_zone(doc, s):
        s += 1
    while e > s and _time_zone(doc, e - 1):
        e -= 1
    if (s, e) == (start, end):
        return None
    if s == e or all(t.lower_ in WEEKDAYS or not t.is_alpha for t in doc[s:e]):
        return []
    return [(s, e)] if _name_ends(doc, s, e) else None


@shape_rule("shape:function-edge", "A verb, adverb, connective or pronoun opening or closing a candidate is no "
            "part of the name (\"Following Vellmark\", \"Vellmark However\").", "cut",
            examples=[("The following day we left. Following Vellmark officials, the paper said the talks failed.",
                       "Following Vellmark", ("Vellmark",)),
                      ("The minister visited Tarsk. Vellmark However said nothing new, however.", "Vellmark However",
                       ("Vellmark",))],
            counter_examples=[("The talks in Vellmark ended early.", "Vellmark"),
                              ("The group Save the Children helped, and we save money.", "Save the Children"),
                              ("The paper Die Welt reported it; people die.", "Die Welt")])
def _function_edge(doc, start, end, ctx):
    s, e = start, end
    while s < e and doc[s].tag_ in FUNCTION_TAGS and _edge_word(doc[s], ctx):
        s += 1
    while e > s and doc[e - 1].tag_ in FUNCTION_TAGS and _edge_word(doc[e - 1], ctx):
        e -= 1
    if (s, e) == (start, end):
        return None
    if s == e:
        return [] if nlp.line_start(doc[start]) else None
    return [(s, e)] if _name_ends(doc, s, e) else None


@shape_rule("shape:joined-pair", "Two names the article knows apart, joined by a connective, are two names "
            "(\"Tarsk or Orlin\").", "split",
            examples=[("Flights to Tarsk or Orlin were cancelled. Tarsk is cold. Orlin is warm.", "Tarsk or Orlin",
                       ("Tarsk", "Orlin")),
                      ("The camp of Tarsk on Orlin is full. Tarsk was built in May. Orlin is an island.",
                       "Tarsk on Orlin", ("Tarsk", "Orlin")),
                      ("Targets included Tarsk Corp and Orlin Inc. last year.", "Tarsk Corp and Orlin Inc.",
                       ("Tarsk Corp", "Orlin Inc.")),
                      ("Targets included Tarsk AG and Orlin on Monday. Orlin denied it.", "Tarsk AG and Orlin",
                       ("Tarsk AG", "Orlin"))],
            counter_examples=[("The Tarsk and Orlin Bank opened a branch. Tarsk is cold.", "Tarsk and Orlin Bank"),
                              ("Tarsk Corp and Partners won the bid.", "Tarsk Corp and Partners")])
def _joined_pair(doc, start, end, ctx):
    if ctx.written(doc[start:end].text) > 1 or gazetteer.country(doc[start:end].text) is not None:
        return None
    for i in range(start + 1, end - 1):
        if doc[i].lower_ in JOINERS and _known(doc, start, i, ctx) and _known(doc, i + 1, end, ctx):
            return [(start, i), (i + 1, end)]
        if doc[i].lower_ in ("and", ",") and doc[i - 1].text in lexicon.LEGAL_FORMS and i - 1 > start \
                and (doc[end - 1].text in lexicon.LEGAL_FORMS and end - 1 > i + 1 or _known(doc, i + 1, end, ctx)):
            return [(start, i), (i + 1, end)]  # "Tarsk Corp and Orlin Inc.": a company's legal form ends its name
    return None


#: Words that stand between the two sides of a fixture ("Tarsk vs. Orlin").
_VERSUS = frozenset("vs vs. v v. versus".split())


@shape_rule("shape:fixture-list", "Two words between two \"vs.\" of a fixture list whose line breaks were lost are "
            "the away side of one line and the home side of the next (\"Tarsk vs. Orlin Velt vs. Arvon\").", "split",
            examples=[("Saturday: Tarsk vs. Orlin Velt vs. Arvon Mellon vs. Brisk", "Orlin Velt", ("Orlin", "Velt"))],
            counter_examples=[("Tarsk vs. Orlin City, the final.", "Orlin City"),
                              ("Saturday: Orlin Velt vs. Tarsk", "Orlin Velt")])
def _fixture_list(doc, start, end, ctx):
    if end - start != 2 or start == 0 or end >= len(doc):
        return None
    if doc[start - 1].lower_ not in _VERSUS or doc[end].lower_ not in _VERSUS:
        return None
    if not all(t.is_alpha and t.text[:1].isupper() and t.lower_ not in _NAME_WORDS for t in doc[start:end]):
        return None
    return [(start, start + 1), (start + 1, end)]


@shape_rule("shape:opening-common-word", "A common word capitalized only because it opens the sentence or line is "
            "no part of the name the article writes alone after it (\"Rampant Vellmark\" beside \"Vellmark\").", "cut",
            examples=[("Rampant Vellmark won again, and the rampant fans sang. Vellmark now lead the league.",
                       "Rampant Vellmark", ("Vellmark",))],
            counter_examples=[("The Green Party met. Party officials and the Green Party agreed on green taxes.",
                               "Green Party"),
                              ("Rampant Vellmark won again. The rampant fans sang.", "Rampant Vellmark")])
def _opening_common_word(doc, start, end, ctx):
    if end - start < 2 or ctx.written(doc[start:end].text) > 1 or not nlp.line_start(doc[start]):
        return None
    if not (_edge_word(doc[start], ctx) and _name_ends(doc, start + 1, end) and _known(doc, start + 1, end, ctx)):
        return None
    rest = doc[start + 1:end].text
    place = ctx.types.get(key(rest)) in (EntityType.Place, EntityType.Country) \
        or gazetteer.city(rest) is not None or gazetteer.country(rest) is not None
    if end - start == 2 and place and (ctx.types.get(key(doc[start:end].text)) == EntityType.Organization
                                       or doc[start].lower_ in lexicon.CLUB_FIRST_WORDS):
        return None  # "Sporting Tarsk": a word before a place names a club, however the decision typed it
    return [(start + 1, end)]


#: Kind nouns of organizations that open no organization's name, so capitalized before one only because they open
#: the sentence or line ("Carmaker Vellox said", "Insurer Daxo Group cut jobs"). Kinds that do open names are left
#: out ("Bank Orlin", "Club Tarsk", "Daily Herald", "Magazine Vell", "Group Vellox").
KIND_LEADS = frozenset("""carmaker automaker chipmaker drugmaker steelmaker planemaker shipbuilder insurer reinsurer
lender retailer broadcaster airline manufacturer conglomerate exporter importer supplier brokerage regulator
watchdog startup start-up firm company tabloid outlet""".split())


def _capitalized_lead(doc, start: int, end: int, leads: frozenset) -> bool:
    """Return whether a name of 2+ words opens with one of ``leads``, capitalized only as its line's first word."""
    first = doc[start]
    return end - start >= 2 and first.lower_ in leads and first.text[:1].isupper() and nlp.line_start(first)


@shape_rule("shape:kind-before-organization", "A kind noun of organizations capitalized only because it opens the "
            "sentence or line is no part of the organization's name after it (\"Carmaker Vellox Motors said\").",
            "cut",
            examples=[("Carmaker Vellox Motors said sales fell in May.", "Carmaker Vellox Motors", ("Vellox Motors",)),
                      ("Prices rose.\nInsurer Daxo Group cut its forecast.", "Insurer Daxo Group", ("Daxo Group",))],
            counter_examples=[("Airline Pilots Association members voted; the pilots want more pay.",
                               "Airline Pilots Association"),
                              ("Shares of Insurer Daxo fell.", "Insurer Daxo"),
                              ("Bank Orlin cut rates on Monday.", "Bank Orlin"),
                              ("Watchdog said so.", "Watchdog")])
def _kind_before_organization(doc, start, end, ctx):
    if not _capitalized_lead(doc, start, end, KIND_LEADS):
        return None
    rest = doc[start + 1:end]
    if not rest[0].text[:1].isupper() or not rest[0].is_alpha and not rest[0].is_upper:
        return None
    if len(rest) > 1 and rest[-1].lower_ in lexicon.ORG_HEADS and ctx.is_common(rest[0]) and ctx.written(rest.text) == 0:
        return None  # "Airline Pilots Association": the kind word opens a body named by the common noun after it
    return [(start + 1, end)]


#: Words that qualify a person, capitalized only because they open a sentence ("Veteran", "Longtime").
MODIFIER_LEADS = frozenset("veteran longtime long-time former senior junior leading prominent outgoing incoming ex".split())


@shape_rule("shape:modifier-before-organization", "A word qualifying a person, capitalized only because it opens "
            "the sentence, is no part of the organization named after it when a role of that person follows "
            "(\"Veteran Greens party lawmaker Anton Moreau\").",
            "cut",
            examples=[("Veteran Greens party lawmaker Anton Moreau spoke.", "Veteran Greens", ("Greens",)),
                      ("Rates rose.\nLongtime Velmora Party member Ivo Brask quit.", "Longtime Velmora Party",
                       ("Velmora Party",))],
            counter_examples=[("Senior Living Group opened a home in Tarsk.", "Senior Living Group"),
                              ("Leading Edge Partners said profits rose.", "Leading Edge Partners"),
                              ("Shares of Veteran Greens fell.", "Veteran Greens")])
def _modifier_before_organization(doc, start, end, ctx):
    if end >= len(doc) or not _capitalized_lead(doc, start, end, MODIFIER_LEADS):
        return None
    after = doc[end]
    if not after.is_lower or not (after.lower_ == "party" or after.lower_ in ROLE_WORDS
                                  or after.lower_.endswith("s") and after.lower_[:-1] in ROLE_WORDS):
        return None  # "Senior Living Group opened": no person's role follows the name
    if not doc[start + 1].text[:1].isupper():
        return None
    return [(start + 1, end)]


@shape_rule("shape:common-word-before-person", "A common word glued before a person's full name is no part of it "
            "(\"Farmer Anton Moreau\", \"Scriptwriter Ilse Varga\").", "cut",
            examples=[("The farmer spoke first. Farmer Anton Moreau said the harvest was poor.", "Farmer Anton Moreau",
                       ("Anton Moreau",))],
            counter_examples=[("Marine Le Pen spoke; the marine patrol left.", "Marine Le Pen"),
                              ("Comfort Ero, a comfort to many, spoke.", "Comfort Ero")])
def _common_word_before_person(doc, start, end, ctx):
    if end - start < 3 or not _edge_word(doc[start], ctx) or doc[start + 1].lower_ not in ctx.given:
        return None
    if not all(t.is_alpha and t.text[:1].isupper() for t in doc[start + 1:end]):
        return None
    return [(start + 1, end)]


#: Role nouns a name may follow inside one candidate ("Interim President Ann Roe", "Police Superintendent
#: Ann Roe"): titles and the lexicon's role nouns.
ROLE_WORDS = lexicon.TITLES | lexicon.LEADER_ROLES | lexicon.WORK_ROLES | lexicon.MEMBER_ROLES | lexicon.ACADEMIC_ROLES

#: Endings of agent nouns ("scriptwriter", "broadcaster", "superintendent"): a common word with one is a role.
_AGENT_ENDINGS = ("er", "or", "ist", "ant", "ent")

#: Titles a portfolio goes with ("Interior Minister", "Justice Commissioner"); a party's name goes with others
#: ("Labour MP", "Labour leader").
PORTFOLIO_TITLES = frozenset("minister ministers secretary commissioner".split())

#: Words of a minister's portfolio that are no organization before the title ("Home Affairs Minister").
_PORTFOLIO = lexicon.PORTFOLIO_WORDS | frozenset("affairs and of for the & development family youth women".split())


#: A party's member written before a name as a role ("Social Democrat Anton Moreau"): the singulars of the
#: plurals that name a party by its members.
PARTY_MEMBERS = frozenset(w[:-1] for w in lexicon.PARTY_PLURALS)


def _role_word(tok, ctx: Context) -> bool:
    """Return whether a capitalized word is a role noun (a title, a role of the lexicon, a party's member, a
    common agent noun)."""
    low = tok.lower_.rstrip(".")
    if not (tok.is_alpha and tok.text[:1].isupper()) or low in ctx.given:
        return False
    return low in ROLE_WORDS or low in PARTY_MEMBERS \
        or (ctx.is_common(tok) and low.endswith(_AGENT_ENDINGS) and low not in _NAME_WORDS)


def _origin_word(tok, ctx: Context) -> bool:
    """Return whether a word before a role says whose role it is: a demonym or a word of a people ("African"), a
    country ("US"), or a capital letter standing for a compass word in a headline ("S African", "N Korean")."""
    text = tok.text.rstrip(".")
    if len(text) == 1 and text.isupper():
        return True
    if not tok.is_alpha or not text[:1].isupper() or tok.lower_ in ctx.given:
        return False
    return tok.lower_.endswith(_PEOPLE_ENDINGS) or gazetteer.demonym(tok.text) is not None \
        or gazetteer.country(tok.text) is not None


def _person_rest(doc, s: int, e: int, ctx: Context, whole=None, own: str = "") -> bool:
    """Return whether the words s..e read as a person's name: capitalized words, a given name first, typed a person
    by the article (themselves, their last word or, ``whole``, the candidate), a surname the article writes alone,
    or one word that ends a full person name the article writes (other than ``own``, the candidate's text)."""
    if s >= e or not all(t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in doc[s:e]):
        return False
    if doc[e - 1].lower_ in _NAME_WORDS or doc[s].lower_ in ROLE_WORDS or ctx.is_common(doc[e - 1]):
        return False
    if doc[s].lower_ in ctx.given or whole == EntityType.Person:
        return True
    return ctx.types.get(key(doc[s:e].text)) == EntityType.Person or ctx.types.get(key(doc[e - 1].text)) == EntityType.Person \
        or (e - s > 1 and ctx.written(doc[e - 1].text) > 0) or (e - s == 1 and ctx.surname(doc[s].text, own))


@shape_rule("shape:role-before-name", "A role noun glued before a name, with the common words before it, is no "
            "part of the name (\"Interim President Anton Moreau\", \"Scriptwriter Ilse Varga\").", "cut",
            examples=[("The crisis grew. Interim President Anton Moreau resigned and the interim team left.",
                       "Interim President Anton Moreau", ("Anton Moreau",)),
                      ("The dramaturgist stayed. Dramaturgist Mirek Varga wants answers. Varga said so.",
                       "Dramaturgist Mirek Varga", ("Mirek Varga",)),
                      ("Under Secretary of State Lena Orvik spoke. Orvik left.", "State Lena Orvik", ("Lena Orvik",)),
                      ("N Korean President Moreau lands\nAnton Moreau landed on Monday.", "N Korean President Moreau",
                       ("Moreau",)),
                      ("Taxes rose under Social Democrat Anton Moreau, and social spending too.",
                       "Social Democrat Anton Moreau", ("Anton Moreau",)),
                      ("In 1980, under Social Democrat Ulvo Orvel, social spending rose.",
                       "Social Democrat Ulvo Orvel", ("Ulvo Orvel",))],
            counter_examples=[("Walter Orvik and the quiet walter spoke.", "Walter Orvik"),
                              ("The Social Democrat Party met, and social spending rose.", "Social Democrat Party"),
                              ("The Democrat Vell said so.", "Democrat Vell"),
                              ("Voters of the Social Democrat Rights Front, and social groups, met.",
                               "Social Democrat Rights Front"),
                              ("President Street is closed.", "President Street"),
                              ("The Interim Council met.", "Interim Council")])
def _role_before_name(doc, start, end, ctx):
    if end - start < 2:
        return None
    if doc[start].lower_ in lexicon.PORTFOLIO_WORDS and start >= 2 and doc[start - 1].lower_ == "of" \
            and doc[start - 2].lower_.rstrip(".") in ROLE_WORDS:
        i = start  # "Secretary of State Lena Orvik": the portfolio closes the title before the candidate
    else:
        i = start
        while i < end - 1 and not _role_word(doc[i], ctx) and (_edge_word(doc[i], ctx) or _origin_word(doc[i], ctx)):
            i += 1
        if not _role_word(doc[i], ctx) or (i > start and doc[i].lower_ not in ROLE_WORDS | PARTY_MEMBERS):
            return None
    if i == start and doc[start].lower_ in ROLE_WORDS and doc[start].lower_ not in lexicon.PORTFOLIO_WORDS:
        return None  # a title opening the candidate is extraction's to read ("President Anton Moreau")
    whole = ctx.types.get(key(doc[start:end].text))
    if _person_rest(doc, i + 1, end, ctx, whole, doc[start:end].text):
        return [(i + 1, end)]
    return [(i + 1, end)] if doc[i].lower_ in PARTY_MEMBERS and _full_name_words(doc, i + 1, end, ctx) else None


def _full_name_words(doc, s: int, e: int, ctx: Context) -> bool:
    """Return whether s..e are two or three capitalized words no lexicon or gazetteer reads as anything but a name.

    Why: after a party's member ("Social Democrat Ulvo Orvel") such words are the member's full name, even with a
    given name the model's lexicon lacks; one word may be the rest of a party's name ("Democrat Vell").
    """
    words = doc[s:e]
    return 2 <= e - s <= 3 and all(t.is_alpha and t.is_title and t.lower_ not in _NAME_WORDS and not ctx.is_common(t)
                                   for t in words) \
        and gazetteer.country(words.text) is None and gazetteer.city(words.text) is None


def _demonym(tok) -> bool:
    """Return whether a capitalized word is a demonym, singular or plural ("Veltrian", "Veltrians")."""
    return tok.is_alpha and tok.text[:1].isupper() and gazetteer.demonym(tok.text) is not None \
        and gazetteer.country(tok.text) is None


@shape_rule("shape:demonym-before-person", "A demonym glued before a person's name says where the person is from; "
            "it is no part of the name (\"the Veltrian Anton Moreau\", \"Veltrians Lena and Ilse\").", "cut",
            examples=[("Her rival, the Norwegian Anton Moreau, lost.", "Norwegian Anton Moreau", ("Anton Moreau",)),
                      ("Papers called him the Norwegian Moreau. Anton Moreau denied it.", "Norwegian Moreau",
                       ("Moreau",)),
                      ("The watchmaker was founded in 1984 by Norwegian Ulvo Orvel.", "Norwegian Ulvo Orvel",
                       ("Ulvo Orvel",))],
            counter_examples=[("The Norwegian Marshall Fund paid.", "Norwegian Marshall Fund"),
                              ("Shares of Norwegian Cruise Lines rose; cruise bookings grew.",
                               "Norwegian Cruise Lines"),
                              ("Greek Cypriots voted.", "Greek Cypriots"),
                              ("Anton Moreau flew Norwegian Air. Norwegian Air was late.", "Norwegian Air"),
                              ("Norwegian Air flew on.", "Norwegian Air")])
def _demonym_before_person(doc, start, end, ctx):
    if end - start < 2 or not _demonym(doc[start]):
        return None
    if any(_demonym(t) for t in doc[start + 1:end]):
        return None  # "Greek Cypriots": a people, no person
    # a plural demonym is a noun of its own ("Veltrians Anton and Lena"); a singular one may open a firm's name
    # ("Veltrian Airways"), so the decision's person type is trusted after a plural only
    plural = doc[start].lower_.endswith("s") and gazetteer.demonym(doc[start].text[:-1]) is not None
    whole = ctx.types.get(key(doc[start:end].text)) if plural else None
    if _person_rest(doc, start + 1, end, ctx, whole, doc[start:end].text):
        return [(start + 1, end)]
    # Two or three words no lexicon or gazetteer reads as anything but a name, with a given name the lexicon
    # lacks ("founded by Veltrian Ulvo Orvel"): a firm's name after a demonym has a word of its kind ("Air").
    return [(start + 1, end)] if not plural and _full_name_words(doc, start + 1, end, ctx) else None


@shape_rule("shape:country-before-person", "A country glued before a person's full name, given name first, is "
            "where the person's role is (\"the ambassador to Veltria Anton Moreau\"); it is no part of the name.",
            "cut",
            examples=[("Her envoy to Norway Anton Moreau said the talks went well.", "Norway Anton Moreau",
                       ("Anton Moreau",))],
            counter_examples=[("Norway Ilse said nothing.", "Norway Ilse"),
                              ("The Norway Anton Fund paid.", "Norway Anton Fund")])
def _country_before_person(doc, start, end, ctx):
    for k in (1, 2):
        if end - start - k < 2 or not all(t.text[:1].isupper() for t in doc[start:start + k]):
            continue
        head = doc[start:start + k]
        if gazetteer.country(head.text) is None or any(t.lower_ in ctx.given for t in head):
            continue  # "Jordan Anton Moreau": a country that is also a given name may open the name
        if doc[start + k].lower_ in ctx.given and _person_rest(doc, start + k, end, ctx):
            return [(start + k, end)]
    return None


#: Words that name a government ministry ("the Veltrian Ministry of Labour", "the Veltrian Defense Ministry").
MINISTRY_WORDS = frozenset("ministry ministries".split())


@shape_rule("shape:demonym-before-ministry", "A demonym before a ministry's name says whose ministry it is; the "
            "ministry is named without it (\"the Norwegian Ministry of Labour\", \"the Norwegian Defense Ministry\").",
            "cut",
            examples=[("A bureau for the Norwegian Ministry of Labour opened.", "Norwegian Ministry of Labour",
                       ("Ministry of Labour",)),
                      ("The Norwegian Federal Ministry for Research paid.", "Norwegian Federal Ministry for Research",
                       ("Federal Ministry for Research",)),
                      ("The Norwegian Defense Ministry said so.", "Norwegian Defense Ministry", ("Defense Ministry",))],
            counter_examples=[("The Norwegian Refugee Council helped.", "Norwegian Refugee Council"),
                              ("The Norwegian Ministry said so.", "Norwegian Ministry")])
def _demonym_before_ministry(doc, start, end, ctx):
    if end - start < 3 or not _demonym(doc[start]) or not all(t.text[:1].isupper() for t in (doc[start + 1], doc[end - 1])):
        return None
    words = [t.lower_ for t in doc[start + 1:end]]
    opens = words[0] in MINISTRY_WORDS or (len(words) > 2 and words[0] == "federal" and words[1] in MINISTRY_WORDS)
    return [(start + 1, end)] if opens or words[-1] in MINISTRY_WORDS else None


@shape_rule("shape:portfolio-before-title", "A minister's portfolio before a capitalized title is part of the "
            "title, no organization (\"Home Affairs Minister\", \"Norwegian Interior Minister\").", "drop",
            examples=[("Talks with Home Affairs Minister Anton Moreau ended.", "Home Affairs", ()),
                      ("Norwegian Interior Minister Anton Moreau spoke.", "Norwegian Interior", ())],
            counter_examples=[("The Interior Ministry said so. Minister Anton Moreau agreed.", "Interior Ministry"),
                              ("Tarsk Minister Anton Moreau spoke.", "Tarsk"),
                              ("Moreau, a Labour MP, spoke.", "Labour")])
def _portfolio_before_title(doc, start, end, ctx):
    if end >= len(doc) or not doc[end].text[:1].isupper() or doc[end].lower_.rstrip(".") not in PORTFOLIO_TITLES:
        return None
    words = list(doc[start:end])
    if not any(t.lower_ in lexicon.PORTFOLIO_WORDS or t.lower_ == "affairs" for t in words):
        return None
    return [] if all(t.lower_ in _PORTFOLIO or _demonym(t) for t in words) else None


def _after(doc, start: int, preps, words) -> bool:
    """Return whether a span follows one of ``words`` and one of ``preps``, "the" allowed between ("for the")."""
    i = start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ in preps and doc[i - 1].lower_.rstrip(".") in words


def _field_words(doc, start: int, end: int) -> bool:
    """Return whether a span is made only of common words naming a field ("Political Science", "Digital Media").

    No body's or place's head word, no country, no word the dictionary does not know, and not a place's name.
    """
    text = doc[start:end].text
    if start >= end or gazetteer.place(text) is not None or gazetteer.country(text) is not None:
        return False
    for t in doc[start:end]:
        low = t.lower_
        if low in _PORTFOLIO:
            continue
        if not t.is_alpha or low in lexicon.ORG_HEADS or low in lexicon.PLACE_HEADS \
                or gazetteer.country(t.text) is not None or not nlp.word_classes(t):
            return False
    return True


@shape_rule("shape:portfolio-after-title", "Capitalized common words right after a minister's, secretary's or "
            "commissioner's title and \"for\" are the office's field, no organization or person (\"Commissioner for "
            "Disaster Relief\", \"Minister for European Affairs\"); a place, a country, a word no dictionary "
            "knows or a body's head word there names something (\"Minister for Scotland\").", "drop",
            examples=[("Anna Berg, then Commissioner for Disaster Relief, flew to the coast.", "Disaster Relief", ()),
                      ("Tom Keller, the Minister for European Affairs, said so.", "European Affairs", ()),
                      ("The commissioner for the Digital Economy spoke.", "Digital Economy", ())],
            counter_examples=[("Tom Keller, the Minister for Scotland, said so.", "Scotland"),
                              ("Tom Keller, secretary for the Tarsk Harbor Board, said so.", "Tarsk Harbor Board"),
                              ("Tom Keller, the spokesman for Human Rights Watch, said so.", "Human Rights Watch")])
def _portfolio_after_title(doc, start, end, ctx):
    if not _after(doc, start, ("for",), PORTFOLIO_TITLES):
        return None
    # A body's head, a country or a proper word names something: "Minister for Scotland", "... Harbor Board".
    return [] if _field_words(doc, start, end) else None


@shape_rule("shape:field-at-organization", "A field or department written before \"at\" and an organization's "
            "name is no part of that name (\"Director of Communications at Orlin Motors\" gives \"Orlin Motors\").",
            "cut",
            examples=[("Jonas Berg, Director of Communications at Orlin Motors, declined to comment.",
                       "Communications at Orlin Motors", ("Orlin Motors",))],
            counter_examples=[("The Center for Coastal Studies at Orlin said so.", "Center for Coastal Studies at Orlin"),
                              ("Jonas Berg of Tarsk at Orlin Motors declined to comment.", "Tarsk at Orlin Motors")])
def _field_at_organization(doc, start, end, ctx):
    for i in range(start + 1, end - 1):
        if doc[i].text == "at" and doc[i + 1].text[:1].isupper():
            return [(i + 1, end)] if _field_words(doc, start, i) else None
    return None


#: Words after which a capitalized phrase is a field of study ("a degree in Political Science", "professor of
#: Economics"), followed by "in" or "of".
_STUDY_WORDS = frozenset("""degree degrees diploma phd doctorate master master's masters bachelor bachelor's professor
professors lecturer lecturers studies studied studying majored major""".split())


@shape_rule("shape:field-of-study", "Common words right after a degree, a professorship or studying and \"in\" or "
            "\"of\" name a field of study, no organization (\"a degree in Political Science\", \"Professor of "
            "Economics\"); a place or a word no dictionary knows stays (\"studied in Tarsk\").", "drop",
            examples=[("Tom Keller holds a degree in Political Science from Tarsk University.", "Political Science", ()),
                      ("Anna Berg, Professor of Economics at Tarsk University, said so.", "Economics", ())],
            counter_examples=[("Tom Keller studied in Tarsk before the war.", "Tarsk"),
                              ("Tom Keller studied in Scotland before the war.", "Scotland")])
def _field_of_study(doc, start, end, ctx):
    if not _after(doc, start, ("in", "of"), _STUDY_WORDS):
        return None
    return [] if _field_words(doc, start, end) else None


#: Titles news writes short with a full stop ("Lt.", "Capt.", "Sgt."): a stop after one ends no sentence.
SHORT_TITLES = frozenset("adm capt cmdr col cpl det gen gov insp lt maj pvt rep rev sen sgt supt".split())


def _closing_role(tok, ctx: Context) -> bool:
    """Return whether a capitalized word, abbreviated or not ("Capt.", "Administrator"), is a title or role noun."""
    low = tok.lower_.rstrip(".")
    if not (low.isalpha() and tok.text[:1].isupper()) or low in ctx.given or low in lexicon.PORTFOLIO_WORDS:
        return False
    return low in ROLE_WORDS or low in SHORT_TITLES \
        or (ctx.is_common(tok) and low.endswith(_AGENT_ENDINGS) and low not in _NAME_WORDS)


@shape_rule("shape:title-closing-organization", "A title or role noun closing an organization's name right before "
            "a person's name is that person's title, no part of the organization's name (\"Harbor Patrol Capt. "
            "Anton Moreau\", \"Water Board Administrator Lena Orvik\"): a title written short with its full stop, or "
            "a role after an organization's head word or an acronym.", "cut",
            examples=[("Tarsk Harbor Patrol Capt. Anton Moreau said the boat sank.", "Tarsk Harbor Patrol Capt",
                       ("Tarsk Harbor Patrol",)),
                      ("The Vell Water Board Administrator Lena Orvik left; the administrator stayed.",
                       "Vell Water Board Administrator", ("Vell Water Board",)),
                      ("Vell Motors Group Chief Executive Lena Orvik quit.", "Vell Motors Group Chief Executive",
                       ("Vell Motors Group",))],
            counter_examples=[("The Office of the President said so on Monday.", "Office of the President"),
                              ("Tarsk Harbor Patrol Capt. said so.", "Tarsk Harbor Patrol Capt"),
                              ("The Vell Primate Center Anton Moreau founded grew; the center grew.",
                               "Vell Primate Center"),
                              ("Fans of Vella Boss Anton Moreau cheered.", "Vella Boss"),
                              ("He saw the Vell Primate Center. Tradition matters there.", "Vell Primate Center"),
                              ("The Vell Chess Master Anton Moreau won.", "Vell Chess Master")])
def _title_closing_organization(doc, start, end, ctx):
    if end - start < 2 or end >= len(doc):
        return None
    after = end + 1 if doc[end].text == "." and not doc[end - 1].whitespace_ else end  # "Capt" + "."
    if after >= len(doc) or after > end and doc[end - 1].lower_ not in SHORT_TITLES:
        return None  # the full stop ends the sentence: "... and the Vell Primate Center. Tradition ..."
    nxt = doc[after]
    if not (nxt.is_alpha and nxt.text[:1].isupper()) or _closing_role(nxt, ctx):
        return None
    last = end - 1 if doc[end - 1].text == "." and not doc[end - 2].whitespace_ else end  # "Capt" + "." inside
    cut = last
    while cut > start + 1 and _closing_role(doc[cut - 1], ctx):
        cut -= 1
    if cut == last or not doc[cut - 1].text[:1].isupper():
        return None
    # "Capt.": a title written short, with its full stop
    short = last - cut == 1 and (after > end or last < end or doc[cut].text.endswith(".")) \
        and doc[cut].lower_.rstrip(".") in SHORT_TITLES
    head = doc[cut - 1].lower_ in lexicon.ORG_HEADS or (doc[cut - 1].is_upper and len(doc[cut - 1].text) > 1
                                                          and doc[cut - 1].is_alpha)
    return [(start, cut)] if short or head else None


# ---------------------------------------------------------------- applying them

def reshape(doc, start: int, end: int, ctx: Context, rules=None) -> tuple[str | None, list[tuple[int, int]]]:
    """Return the id of the first rule that changes the span (None: none) and the spans it leaves."""
    for rule in SHAPE_RULES if rules is None else rules:
        spans = rule.apply(doc, start, end, ctx)
        if spans is not None:
            return rule.id, spans
    return None, [(start, end)]


def context(cands, common=frozenset(), given=frozenset()) -> Context:
    """Return the article context of one article's candidates (``common``, ``given``: the model's lexicon)."""
    docs = {id(c.doc): c.doc for c in cands}
    lower = frozenset(nlp.token_column(d, "lower")[i] for _k, d in sorted(docs.items()) for i in nlp.lower_word_tokens(d))
    types = {}
    for c in cands:
        types.setdefault(key(c.name), c.type)
    return Context(Counter(key(c.name) for c in cands), lower, frozenset(common), frozenset(given), types)


def apply(cands: list, common=frozenset(), given=frozenset()) -> list:
    """Return the candidates with the name-shape rules applied (a changed candidate's name is its new text).

    Only a candidate whose name is its own text is read (an alias or an
    acronym's expansion is named by the article elsewhere).
    """
    ctx = context(cands, common, given)
    out = []
    dropped = set()  # documents' names ("Tarsk Accord"): their acronyms go too (an event's may be its body's)
    for c in cands:
        if c.source in ("pronoun", "acronym") or c.name != c.text:
            out.append(c)
            continue
        rule, spans = reshape(c.doc, c.start, c.end, ctx)
        if rule is None:
            out.append(c)
            continue
        if rule == "shape:document-head":
            dropped.add(c.name)
        for s, e in spans:
            name = c.doc[s:e].text
            type_ = EntityType.Person if rule in PERSON_CUTS else EntityType.Organization if rule in ORG_CUTS \
                else _part_type(name, c.type, ctx)
            out.append(replace(c, start=s, end=e, name=name, lead=0, type=type_))
        if rule in DEMONYM_CUTS and (spans[0][0] == c.start + 1 if spans else c.end - c.start > 1):
            # "the Norwegian Defense Ministry": the demonym cut off names the country, as one standing alone does;
            # so does one before a portfolio and a title ("Norwegian Interior Minister X"), the rest dropped
            country = gazetteer.demonym(c.doc[c.start].text)
            if country is not None:
                out.append(replace(c, end=c.start + 1, name=country.name, lead=0, type=EntityType.Country))
    return _without_acronyms_of(out, dropped, ctx)


def _without_acronyms_of(cands: list, dropped: set, ctx: Context) -> list:
    """Return the candidates without the acronyms of document names, wherever the article writes them.

    Why: "the Tarsk Accord (TA)" is a document, not an organization, and so
    is "the TA" two sentences on; left alone, the letters became a node. The
    document's name is one a rule dropped, or one the NER left out before
    the bracket.
    """
    letters = {c.text for c in cands if c.source == "acronym" and c.name in dropped}
    for c in cands:
        if c.type == EntityType.Organization and c.end - c.start == 1 and c.text.isupper() \
                and _after_document_name(c.doc, c.start, ctx):
            letters.add(c.text)
    if not letters:
        return cands
    return [c for c in cands if not (c.source == "acronym" and c.name in dropped
                                     or c.type == EntityType.Organization and c.text in letters)]


def _after_document_name(doc, i: int, ctx: Context) -> bool:
    """True when the token at ``i`` stands in brackets right after a document's name: "the Tarsk Accord (TA)"."""
    if not (1 <= i - 1 and doc[i - 1].text == "(" and i + 1 < len(doc) and doc[i + 1].text in (")", ",", ";")):
        return False
    end = i - 1
    start = end
    while start > 0 and (doc[start - 1].is_title or doc[start - 1].lower_ in ("of", "on", "for", "-")
                         and start - 1 > 0 and doc[start - 2].is_title):
        start -= 1
    while start < end and not doc[start].is_title:
        start += 1
    return end - start >= 2 and doc[i].text[-1:] == doc[end - 1].text[:1] \
        and _document_head(doc, start, end, ctx) == []


@shape_rule("shape:closing-common-word", "A common word closing a candidate, where a lost line break glued the "
            "next sentence's first word to a name (\"... Vellmark Millions of people\", \"says Orvik The talks\"), "
            "is no part of the name the article writes alone.", "cut",
            examples=[("Crowds came to see Anton Vellmark. The star Anton Vellmark Millions of people watched; millions "
                       "cheered.",
                       "Anton Vellmark Millions", ("Anton Vellmark",)),
                      ("A sad day, says Orvik The talks failed and the rest left. Orvik stayed.", "Orvik The", ("Orvik",))],
            counter_examples=[("The Tarsk Wall fell in May. Tarsk is old and the wall was long.", "Tarsk Wall"),
                              ("The Tarsk Sharks beat them. Tarsk cheered the sharks.", "Tarsk Sharks"),
                              ("She heads Anton Rights in Tarsk; rights matter.", "Anton Rights"),
                              ("Bribes came from Telmar Networks in exchange for licences. Telmar denied it; "
                               "networks grew.", "Telmar Networks")])
def _closing_common_word(doc, start, end, ctx):
    if end - start < 2 or end >= len(doc) or ctx.written(doc[start:end].text) > 1:
        return None
    last, nxt = doc[end - 1], doc[end]
    if not _edge_word(last, ctx) or last.lower_ in lexicon.ORG_HEADS or lexicon.company_ending(last.text):
        return None  # "Telmar Networks in exchange for ...": a company's word ends its name
    # the glued word opens a phrase: an article before its noun, a plural before "of"/"over", a word before a hyphen
    opens = last.tag_ == "DT" and nxt.is_lower and nxt.is_alpha \
        or last.lower_.endswith("s") and nxt.tag_ == "IN" and nxt.is_lower \
        or nxt.tag_ == "HYPH" and not nxt.whitespace_ and end + 1 < len(doc) and doc[end + 1].is_lower
    if not opens or not (_name_ends(doc, start, end - 1) and ctx.written(doc[start:end - 1].text) > 0):
        return None  # the name left is one the article writes alone ("Human Rights in Asia" is not "Human")
    return [(start, end - 1)]


#: Rules whose cut leaves a person's name ("Interim President Anton Moreau" read as an organization).
PERSON_CUTS = frozenset({"shape:role-before-name", "shape:demonym-before-person", "shape:country-before-person"})

#: Rules that cut a demonym off the name: the demonym is kept as a mention of its country.
DEMONYM_CUTS = frozenset({"shape:demonym-before-person", "shape:demonym-before-ministry", "shape:portfolio-before-title"})

#: Rules whose cut leaves an organization's name ("Insurer Daxo" read as a person).
ORG_CUTS = frozenset({"shape:kind-before-organization", "shape:modifier-before-organization"})


def _part_type(name: str, whole, ctx: Context):
    """Return the type of what is left of a candidate: the article's type for that name, the gazetteer's, or the whole's.

    Why: "Tarsk and Orlin" read as one organization leaves two places, not two organizations.
    """
    typed = ctx.types.get(key(name))
    if typed is not None:
        return typed
    if gazetteer.country(name) is not None:
        return EntityType.Country
    if gazetteer.city(name) is not None:
        return EntityType.Place
    return whole
