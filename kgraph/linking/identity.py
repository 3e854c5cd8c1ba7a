"""Corpus-level identity: which mentions of all articles are one real thing.

``link`` calls :func:`resolve` once every article is extracted. Each mention
gets a cleaned name (titles, leading connectives and trailing scores cut; a
lowercase fragment or a name made of nothing but titles is dropped) and one
type decided by the votes of all its mentions in the corpus, the gazetteer
and the article's context (a club in a match report, a city elsewhere).
Mentions are then grouped by (type, name), and the groups joined where the
corpus makes it unambiguous: an acronym and the one name whose initials it
spells, a short name and the one full name it begins or ends, spellings that
differ by transliteration, a typo, a plural "s", a kind word of one class
("Association" / "Federation") or a proper word's form ("Tarskish" /
"Tarskistan"). Every join looks names up by key
(initials, first and last word, a folded spelling, a 3-letter prefix), so
the work grows with the number of mentions, never with pairs of entities.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from os.path import commonprefix

from kgraph.extraction.lexicon import CLUB_MARKS, COMPANY_HEADS, INTERGOVERNMENTAL, STATE_BODY_HEADS
from kgraph.linking.titles import title_only_names
from kgraph.sources import gazetteer
from kgraph.sources.ingest import unmixed_scripts
from kgraph.core.model import Extraction
from kgraph.core.terms import EntityType, Predicate

_TYPE_RANK = {EntityType.Country: 0, EntityType.Person: 1, EntityType.Organization: 2, EntityType.Place: 3}

#: Words that are a title, honorific or role before a name, never part of it. (Linking's own list: the
#: extraction rules' role words are tuned to what a sentence states, these to what a name may open with.)
TITLES = frozenset("""mr mrs ms miss mme frau herr dr prof sir madam dame lord lady president premier minister
chancellor general gen col lt sgt capt sen rep gov mayor king queen prince princess pope saint st rev father
senator governor secretary ambassador judge commander colonel lieutenant sergeant captain admiral marshal
professor coach chairman chairwoman chairperson chair ceo deputy spokesman spokeswoman spokesperson adviser
advisor envoy sheikh ayatollah imam cardinal bishop archbishop mep mp vice foreign interior defense defence
finance economy economics justice prime former late then new acting incumbent outgoing veteran striker
midfielder defender goalkeeper forward activist agent aide analyst anchor attorney boss candidate columnist
congressman congresswoman consultant correspondent dictator diplomat director economist editor emir emperor
employee engineer executive founder host inspector intern investigator journalist lawmaker lawyer lecturer
legislator manager monarch negotiator officer official photographer player politician president-elect
prime-minister producer prosecutor reporter representative researcher scientist secretary-general
commander-in-chief staffer strategist sultan undersecretary vice-president writer fighter militant worker
soldier trooper partisan commissioner superintendent scriptwriter screenwriter playwright novelist filmmaker
actress actor composer pianist violinist rapper comedian sculptor historian philosopher theologian sociologist
psychologist physicist biologist entrepreneur businessman businesswoman curator choreographer pastor presenter
rabbi priest reverend preacher nun monk countess duchess baroness empress tsar czar prophet patriarch pm
architect astronaut cosmonaut blogger broadcaster councillor councilor detective footballer referee warlord
soprano tenor baritone mufti cleric metropolitan sister baron count duke earl marquis private corporal
major brigadier chief crown grand field archduke archduchess holiness majesty highness excellency emeritus
madame monsieur senor senora signor signora administrator sheriff firefighter""".split())

#: Plural kin words before relatives' given names ("Brothers Tomas and Jan Novak"); not before a surname: the
#: "Brothers Grimm" go by it.
_KIN_PLURALS = frozenset("brothers sisters twins".split())

#: Honorifics: whatever name follows one is a person's ("Mr Velt", "Frau Keskula"), whatever the tag said.
_HONORIFICS = frozenset("mr mrs ms miss mme frau herr sir madam dame".split())

#: Head words of organization names ("Party", "Institute", "Club").
ORG_WORDS = frozenset("""academy administration ag agency alliance army assembly association authority bank board
broadcaster bureau cabinet chamber channel church clinic club co coalition college commission committee company
congress corp corporation corps council court department directorate federation force forces foundation front
fund gazette gmbh government group guard guards herald hospital inc institute journal league llc ltd ministries
ministry movement navy network office organisation organization parliament party plc police post school senate
service services society times tribune trust union university zeitung democrats republicans socialists
conservatives liberals greens communists""".split())

#: Words that open a sentence or clause and are never the first word of a name.
CONNECTIVES = frozenset("""however meanwhile moreover furthermore nevertheless nonetheless although though while
whereas because since after before following despite during unlike like instead besides thus therefore hence
also still yet and but or nor so then when where if unless until as at by for from in into of on onto to
with without within about against among between through via per under over upon citing hosting having
according including regarding concerning asked says said says told tells meeting visiting welcoming
overtake beat beats defeat defeated against versus vs whether why what who whom whose which that this these
is are was were been has had does did
those there here today yesterday tomorrow now only even just indeed perhaps maybe surely clearly
hereby thereby whereby accordingly consequently additionally likewise similarly otherwise afterwards subsequently
currently recently previously initially eventually ultimately apparently reportedly allegedly notably separately
""".split())

#: Abbreviations of common nouns, never a name alone ("a VAT rise", "an ATM", "her PhD", "GDP growth"):
#: capitals do not make them an organization. As written: "Pin" or "Ad" may be a name. Not "DNA" or "WHO":
#: bodies go by those too.
COMMON_ABBREVIATIONS = frozenset("""VAT ATM PhD GDP GNP CPI HIV AIDS UTC GMT CET CEST EST BC BCE AD CE TV CO2 GPS
SMS USB PIN PC SUV GMO MRI ICU VIP FAQ RIP IQ IPO CEO CFO COO CTO MBA DIY""".split())

_SCORE = re.compile(r"\s+\(?\d+\s*[-:\u2013]\s*\d+\)?$")
_SPORT_WORDS = frozenset("""coach striker midfielder defender goalkeeper bundesliga scored relegation derby kickoff
kick-off stadium penalty referee equaliser equalizer goalless halftime half-time matchday fixture fixtures
footballer footballers""".split())
_SPORT_BROAD = frozenset("""keeper goal goals league cup tournament fans squad season club clubs players player
team teams match matches win won victory draw drew final semifinal semi-final quarter-final playoffs champions
championship scorer soccer football""".split())
#: Share of an article's words that must be sport words when none of the sport-only words is there
#: (measured on DWIE articles 1-602: articles with a sports team found 28 of 40, 5 without one read as sport).
SPORT_DENSITY = 0.03
#: A lower share at which a country (not a city) is read as its national team: on DWIE 1-602, 12 of the 14
#: articles with a national team found instead of 9, 3 more articles without a team read as sport.
TEAM_DENSITY = 0.02
#: Former states, by name (the gazetteer reads most of these as countries, not "West Germany" or "FRG").
_FORMER_STATES = frozenset(("soviet union", "east germany", "west germany", "gdr", "frg", "ussr", "yugoslavia",
                            "czechoslovakia", "german democratic republic", "federal republic of germany"))
_GENERIC = frozenset("""state government ministry parliament police army party group company agency council
commission court union office committee church news bank institute university association league club
federation foundation""".split())

#: Names compared pairwise at most in one block (same type, word count and 4-letter prefix or suffix).
MAX_BLOCK = 200

#: Similarity (difflib ratio of folded names) above which two names of one type are one spelling.
#: Measured on the first 150 DWIE articles (see README): 0.88 joined typos without joining distinct names.
NEAR_DUPLICATE = 0.88


@lru_cache(maxsize=1 << 17)
def fold(name: str) -> str:
    """Return a spelling key: accents and umlaut spellings folded ("Düsseldorf", "Duesseldorf" -> "dusseldorf").

    Letters of other scripts stay (two Cyrillic names never share the empty key); a word mixing Latin with Cyrillic or
    Greek lookalikes is read in its main script ("Mаra" with a Cyrillic a is "mara"), as an article's text is.
    """
    s = gazetteer.norm(unmixed_scripts(name))
    s = s.translate(_LETTERS)
    s = gazetteer.strip_accents(s)
    s = re.sub(r"(?<=[a-z])([aou])e|\b([aou])e(?=[a-z]{3})", r"\1\2", s)  # "Oezil" as "Özil" too
    return " ".join(re.sub(r"[^\w ]+|_", "", s).split())


#: Latin letters that Unicode does not decompose into a base letter and an accent ("Łódź", "Ærø").
_LETTERS = str.maketrans({"ß": "ss", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"})


#: A party's name in the plural ("Republicans") and the house words a story puts before it for its members there.
_PARTY_PLURALS = frozenset("democrats republicans socialists conservatives liberals greens communists".split())
_CAUCUS_WORDS = frozenset("congressional senate house parliamentary".split())


#: Months no one is named after: opening a person's name, a date's month ("In September Weigl won ...").
_MONTHS_NO_NAME = frozenset("january february september october november december".split())


def clean_name(name: str, type_: str, doubled: bool = False) -> str | None:
    """Return a name without titles, leading connectives or a trailing score, or None when nothing name-like is left.

    "President Barack Obama" -> "Barack Obama"; "However Egypt" -> "Egypt";
    "Montpellier 2-1" -> "Montpellier"; "lick syrup" -> None. With ``doubled`` (the text writes the
    name so on one line) a name of one word repeated stays whole ("Tarik Tarik").
    """
    s = _SCORE.sub("", name.strip())
    if re.search(r"\d+\s*[-:\u2013]\s*\d+", s):
        return None  # "Tarsk 1-1 Varnholt": a result line, two names and a score
    s = re.split(r"\s+(?:--?|\u2013|\u2014)\s+", s)[0]  # "Goethe Institute -- Germany", "Tarsk Fund - the Fund"
    if ", " in s or ": " in s:
        return None  # "Kiefer, Schüttler": a list, not a name; "Tarsk Weekly: Tarsk" a heading and a name
    if s.count("(") != s.count(")") or s.count('"') % 2 or s.count("\u201c") != s.count("\u201d"):
        return None  # 'Lisbon) Treaty', 'Frederick "Fritz': cut out of a longer phrase
    words = s.split()
    if len(words) > 1 and re.search(r"['\u2019]s$", words[0]) and gazetteer.country(words[0][:-2]) is not None:
        words = words[1:]  # "Veltria's Interior Ministry": the country says whose, it is no part of the name
    elif type_ == EntityType.Organization and gazetteer.country(words[0]) is not None \
            and (len(words) > 2 or len(words) == 2 and words[1].casefold() in _NATIONAL_HEADS) \
            and _institution_words(" ".join(words[1:]).casefold()):
        words = words[1:]  # "Veltria Interior Ministry" read from "Veltria's": a generic name, read per country
    elif type_ == EntityType.Organization and len(words) > 1 and gazetteer.is_demonym(words[0]) \
            and words[-1].casefold() in STATE_BODY_HEADS and _institution_words(" ".join(words[1:]).casefold()):
        words = words[1:]  # "Veltrian Defense Ministry": the demonym says whose, as a country's name does
    if type_ == EntityType.Organization and len(words) == 2 and words[0].casefold() in _CAUCUS_WORDS \
            and words[1].casefold() in _PARTY_PLURALS:
        words = words[1:]  # "Senate Republicans": the party's members in one house are the party
    # Leading connectives, verbs of a headline ("Following", "Hosting": words news writes in lower case) and titles.
    while len(words) > 1:
        w = words[0].rstrip(".,").casefold()
        if type_ == EntityType.Person and w in CONNECTIVES and w in _given_names() and words[0].istitle() and words[1].istitle() \
                and words[1].casefold() not in CONNECTIVES and words[1].casefold() not in TITLES:
            break  # "Per Ahlberg": a given name that is also a connective opens a person's name
        if w in CONNECTIVES and not _all_caps(words[0]) or (type_ == EntityType.Person and w in TITLES) \
                or type_ == EntityType.Person and w in _MONTHS_NO_NAME \
                or type_ == EntityType.Person and w in _KIN_PLURALS and words[1].split("-")[0].casefold() in _given_names() \
                or (w.endswith("ing") and w not in _KEEP_ING and not gazetteer.place(words[0]) and _verb_form(w)
                    and not _ing_plural_name(words, type_)):
            words = words[1:]
            continue
        break
    if type_ == EntityType.Person and len(words) == 2 and gazetteer.is_demonym(words[1]) \
            and words[0].casefold() in _common_words():
        return None  # "Exiled Belarusian", "Jailed Russian" opening a sentence: a description, no one's name
    if type_ == EntityType.Person:
        # "Tarsk Archbishop Arvo Keskula": a place or body, then a title, then the person's own name.
        cut = [i for i, w in enumerate(words[1:-2], 1) if w[:1].isupper() and w.rstrip(".,").casefold() in TITLES]
        if cut:
            words = words[cut[-1] + 1:]
    while len(words) > 1 and (words[-1].rstrip(".,").casefold() in CONNECTIVES and not _all_caps(words[-1])
                              or words[-1].islower()):
        if words[-1].islower() and gazetteer.is_demonym(" ".join(w for w in words if not w.islower())):
            break  # "Ukrainian military intelligence": a demonym and common nouns name an agency
        if len(words) > 2 and words[-1].istitle() and words[-2] in _NAME_LINKS and words[0].istitle():
            break  # "Teachers for Tomorrow": a capitalized word after "for" or "of" ends the name, no clause opens
        words = words[:-1]  # "Kandahar city", "AFP news agency": a trailing common noun is no part of the name
    if not words:
        return None
    if len(words) == 2 and words[0] == words[1] and not doubled:
        words = words[:1]  # "Keskula Keskula": a name repeated across a line break
    s = " ".join(words).strip(" ,;:-\u2013\u2014\"'")
    if not s or not any(ch.isalpha() for ch in s):
        return None
    first = next(ch for ch in s if ch.isalpha())
    if not first.isupper():
        # "von der Leyen", "al-Assad", "de Boer": a lowercase particle may open a name; so may "sub-" a region's.
        head = s.split()[0].casefold().split("-")[0]
        opens = head in _PARTICLES or head == "sub" and "-" in s.split()[0]
        if not opens or not any(w[:1].isupper() for w in s.split()[1:] + s.split("-")[1:]):
            return None
    if len(words) == 1 and (s.casefold().rstrip(".") in TITLES or s in COMMON_ABBREVIATIONS
                            or s.casefold() in CONNECTIVES and not _all_caps(s)):
        return None  # "However", "Minister", "VAT"; but "WHO" and "IS" are bodies' acronyms
    lowers = [w for w in s.split()[1:] if w.islower()]
    if lowers and len(lowers) == len(s.split()) - 1 and gazetteer.is_demonym(s.split()[0]):
        return s  # "Ukrainian military intelligence": a demonym and common nouns name an agency
    if any(w.islower() and w not in _NAME_LINKS and w not in _PARTICLES for w in s.split()[1:]):
        return None  # "Windows to Apple", "Cyprus or Malta": a phrase, not a name
    return s


def _ing_plural_name(words: list[str], type_: str) -> bool:
    """True for an organization's name of an -ing word and a plural common noun ("Shooting Stars").

    Why: a headline's verb opens a name ("Following Reuters"), but a verb's object is rarely a bare plural
    common noun; a club or band named so loses its first word otherwise.
    """
    last = words[-1]
    return type_ == EntityType.Organization and len(words) == 2 and last.istitle() and last.endswith("s") \
        and last.casefold() in _common_words()


def _verb_form(word: str) -> bool:
    """True for an -ing word of a verb news writes in lower case ("following", "punishing", "starring").

    A name's first word is none ("Boeing", "Channing"): neither it nor its stem is such a word.
    """
    common = _common_words()
    stem = word[:-3]
    return word in common or stem in common or stem + "e" in common \
        or len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in common


def _all_caps(word: str) -> bool:
    """True for a word written in capitals, as an acronym is ("WHO", "IS"), not a connective ("Who", "Is")."""
    return len(word) >= 2 and word.isupper()


#: Lowercase words that may sit inside a name ("Council of Europe", "Bank for International Settlements").
_NAME_LINKS = frozenset("of for the and on in at upon under am an auf und des y e et i".split())
#: Link words that join two names in a list ("Tarsk Aid and Hollin Watch"), not one name to what it is of.
_LIST_LINKS = frozenset("and und y e et i".split())


#: Words ending in -ing that open a name, not a headline's verb ("Sporting Lisbon", "Racing Club"). A word
#: news does not write in lower case stays too ("Boeing Company", "Channing Tatum"): see :func:`clean_name`.
_KEEP_ING = frozenset("beijing reading kunming nanjing tsing sterling viking king ring sporting racing".split())
_PARTICLES = frozenset("von van der den de du da di dos das del della le la al el bin ibn ben ter zu".split())


@dataclass
class Group:
    """A working cluster of mentions (mutable, inside this module and :mod:`kgraph.linking.link` only)."""

    type: str
    names: Counter = field(default_factory=Counter)
    #: Name -> how many articles write it: a misspelling one article repeats is still one article's.
    name_articles: Counter = field(default_factory=Counter)
    aliases: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    #: The country a national institution's generic name is read in ("Interior Ministry (Veltria)").
    qualifier: str = ""
    #: A team its match reports name by its country's name: labelled so ("Veltria (national team)") beside the
    #: country "Veltria", its key still minted from the name alone (see :func:`national_team_name`).
    national_team: bool = False


@dataclass(frozen=True)
class Resolution:
    """What :func:`resolve` decides: each kept mention's group, and the groups.

    Attributes:
        mention_group: (article id, start, end) -> group id.
        groups: group id -> its :class:`Group`.
        same_as: group id -> the (type, name) of each group it absorbed whole, for ``owl:sameAs``.
        mention_names: (article id, start, end) -> the mention's cleaned name.
    """

    mention_group: dict
    groups: dict
    same_as: dict
    mention_names: dict = field(default_factory=dict)


class _UnionFind:
    """Disjoint sets of group ids; ``union(keep, other)`` makes ``keep``'s root the root of both."""

    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, keep, other):
        a, b = self.find(keep), self.find(other)
        if a != b:
            self.parent[b] = a


#: English and German articles that open a name but give no letter to its acronym ("Die Tarsker Zeitung" is
#: "TZ", "The Velt Times" "VT"). Romance articles stay: "Los Tarsos" is "LT".
_LEADING_ARTICLES = frozenset("the die der das".split())


def _initials(name: str) -> str:
    """Return the letters an acronym of the name takes: its capitalized words' first letters, no leading article."""
    words = re.split(r"[\s\-]+", name)
    if len(words) > 1 and words[0].casefold() in _LEADING_ARTICLES:
        words = words[1:]
    return "".join(w[0] for w in words if w[:1].isupper())


def _sport_article(text: str, density: float | None = None) -> bool:
    """True for a match report: several words only sport uses ("striker", "Bundesliga", "relegation")."""
    tokens = re.findall(r"[a-z\-]+", text.casefold())
    words = Counter(w for w in tokens if w in _SPORT_WORDS)
    if sum(words.values()) >= SPORT_MIN_WORDS and len(words) >= 2:
        return True
    # Else many words sport shares with other news ("goal", "squad", "draw"), of several kinds.
    broad = Counter(w for w in tokens if w in _SPORT_WORDS or w in _SPORT_BROAD)
    return sum(broad.values()) >= max(4, (SPORT_DENSITY if density is None else density) * len(tokens)) \
        and len(broad) >= 4


def _solo_sport(text: str) -> bool:
    """True for a story of a sport of single players ("Tarsk's Ana Berg won in straight sets"): no team word.

    There "Veltria's Ana Berg" is where she is from, not a national team, and a city is where a match is played.
    """
    words = set(re.findall(r"[a-z\-]+", text.casefold()))
    return len(words & _SOLO_WORDS) >= 2 and not words & _TEAM_WORDS


#: Words of sports played by one person (tennis, cycling, golf, skiing, boxing, athletics).
_SOLO_WORDS = frozenset("""tennis slam sets seed seeded atp wta tiebreak tie-break rider riders cyclist cyclists
peloton jersey skier skiing slalom golfer golf boxer boxing sprinter marathon athletics swimmer gymnast""".split())
#: Words of team sports: a story with one is read for teams as before. The sport-only words but those single
#: players' sports use too (a tennis player's coach, a stadium, a referee) or that name one league.
_TEAM_WORDS = _SPORT_WORDS - frozenset("coach bundesliga scored stadium penalty referee fixture fixtures".split()) \
    | frozenset("squad teammates".split())


def _short_match_report(text: str) -> bool:
    """True for a short sports item too brief for the word counts of `_sport_article`: a result ("beat Velden
    3-1", "drew 1-1") and a word only sport uses ("midfielder", "Bundesliga")."""
    return _RESULT.search(text) is not None and any(w in _SPORT_WORDS for w in re.findall(r"[a-z\-]+", text.casefold()))


#: A result: a verb of a match, then a score within the clause ("beat Velden 3-1", "drew 1-1 with Velden").
_RESULT = re.compile(r"\b(?:beat|beats|beating|drew|draw|won|win|wins|lost|lose|defeated|thrashed|edged)\b"
                     r"[^.;\n]{0,40}?\b\d{1,2}\s*[-:\u2013]\s*\d{1,2}\b")


#: Sport words an article needs to be read as a match report (measured on the first 150 DWIE articles).
SPORT_MIN_WORDS = 3

#: Letters that mark a sports club before its city's name ("FC Tarsk", "VfB Tarsk").
_CLUB_MARKS = CLUB_MARKS


def _club_mark(text: str, start: int) -> bool:
    """True when a club mark, written as such, stands right before ``start`` ("FC " in "FC Tarsk")."""
    m = re.search(r"(?:^|\s)([A-Za-z]{2,3})\s$", text[max(0, start - 6):start])
    return bool(m) and m.group(1).casefold() in _CLUB_MARKS and m.group(1)[:1].isupper() and m.group(1)[-1:].isupper()


def _club_mark_after(text: str, end: int) -> bool:
    """True when a club mark, written as such, follows ``end`` ("Hollin FC" cut to "Hollin" by extraction)."""
    m = re.match(r" ([A-Za-z]{2,3})\b", text[end:end + 5])
    return bool(m) and m.group(1).casefold() in _CLUB_MARKS and m.group(1)[:1].isupper() and m.group(1)[-1:].isupper()


#: Words before a place name in a match report that keep it a place ("in Tarsk", "his native Veltria").
_LOCATIVE = frozenset("in inside across throughout native near outside around".split())


#: Words right before a name that write it as a place in a story with no sport ("from Tarsk", "in Tarsk").
_PLACE_BEFORE = _LOCATIVE | {"from"}


def _written_as_place(text: str, start: int, end: int) -> bool:
    """True when a text writes a name as a place: after a locative word or "from", or before "-born", "-based";
    after a town's own body or parts ("the city council of Tarsk", "the mayor of Tarsk", "the streets of
    Tarsk")."""
    before = text[max(0, start - 12):start].split()
    if before and before[-1] in _PLACE_BEFORE and not re.match(r"['\u2019]", text[end:end + 1]):
        return True
    if _TOWN_OF.search(text[max(0, start - 30):start]):
        return True
    return re.match(r"-(?:born|based)\b", text[end:end + 7]) is not None


#: A town's own body or part before "of" and its name: "the city council of Tarsk", "the streets of Tarsk", "large
#: parts of Tarsk".
_TOWN_OF = re.compile(r"\b(?:mayor|council|city|town|residents|streets|outskirts|suburbs?|centre|center|parts) of $")


def _same_country(written: str, name: str) -> bool:
    """True when ``written`` is a full name (no demonym, no acronym) of the country ``name`` ("Czech Republic", "Czechia")."""
    if written.isupper() or not written[:1].isupper():
        return False  # "US" is often an adjective ("US officials"), "china" a common noun: neither read as a team
    c = gazetteer.country(written)
    return c is not None and c == gazetteer.country(name)


_BEFORE_COMMA = re.compile(r"((?:[A-Z][\w'.\-]*\s){0,2}[A-Z][\w'.\-]*),\s$")


def _after_us_town(text: str, start: int) -> bool:
    """True when a name follows an American town and a comma ("Atlanta, Georgia"): a country-named state, then.

    The town must be American by the gazetteer's default reading, or have an American namesake and none in
    the country of the state's name ("Tbilisi, Georgia" is the country).
    """
    found = _BEFORE_COMMA.search(text[max(0, start - 40):start])
    if found is None:
        return False
    words = found.group(1).split()
    name = text[start:start + 40].split(",")[0].strip()
    home = gazetteer.country(name)
    for i in range(len(words)):  # the longest run of the words before the comma the gazetteer knows
        town = " ".join(words[i:])
        default = gazetteer.city(town)
        if default is None or gazetteer.us_state_name(town):
            continue
        named = gazetteer.cities_named(town)
        return default.country_code == "US" or any(c.country_code == "US" for c in named) \
            and not any(home is not None and c.country_code == home.iso_code for c in named)
    return False


def _ends_in_city(text: str) -> bool:
    """True for a name of two words or more whose last words are a city's name ("Hapoel Tarsk", "Inter Tarsk")."""
    words = text.split()
    return any(gazetteer.city(" ".join(words[i:])) is not None for i in range(1, len(words)))


def _team_reading(text: str, m, name: str, corpus_type: str, org_starts=frozenset(), name_at=None) -> bool:
    """True when a country or city name in a match report stands for its team or club, read from the words around it.

    A demonym ("the Veltrian side") stays the country; a name after a locative
    word ("in Tarsk", "native Veltria") stays the place unless a possessive
    follows ("in Tarsk's 2-1 win"). A country written under another of its
    full names ("the Republic of Veltria" for "Veltria") is read the same. ``org_starts`` holds where the
    article's organization and place mentions start; ``name_at`` maps where any mention starts to its text.
    """
    if corpus_type not in (EntityType.Country, EntityType.Place) or gazetteer.norm(name) in _FORMER_STATES:
        return False  # a state gone before today's teams played is the state ("once the Soviet Union broke apart")
    if text[m.start:m.end] != m.name and not (corpus_type == EntityType.Country and _same_country(text[m.start:m.end], name)):
        return False
    city = gazetteer.city(name) if corpus_type == EntityType.Place else None
    if corpus_type == EntityType.Place and (city is None or not city.country_code):
        return False  # a region, continent, river or stadium
    before = text[max(0, m.start - 40):m.start].split()
    if before and before[-1].casefold() == "the":
        before = before[:-1]  # "in the Veltrian Republic"
    prev = before[-1].casefold() if before else ""
    after = text[m.end:m.end + 3]
    if re.match(r"-[A-Z]", text[m.end:m.end + 2]) or re.search(r"\b[A-Z]\w*-$", text[max(0, m.start - 30):m.start]):
        return True  # "the Veltria-Ostmark semi-final": a fixture names two teams
    if (_DATELINE_AFTER.match(text, m.end) or text[m.start:m.end].isupper() and _dateline_at(text, m.start, m.end)) \
            and (m.start == 0 or text[m.start - 1] == "\n"):
        return False  # "TARSK -- The rider ...", "TARSK - ": a dateline names where the story was filed
    if _STATE_OFFICE_AFTER.match(text, m.end) or _LAND_AFTER.match(text, m.end):
        return False  # "Veltria's crown prince", "Veltria's foreign minister": the state's, not the team's
    if corpus_type == EntityType.Country and (_CLUBS_OF_AFTER.match(text, m.end)
                                              or _HOSTS_BODY_AFTER.match(text, m.end)):
        return False  # "Veltria's fourth team in the cup", "Veltria's World Cup organizing committee": the country's
    if corpus_type == EntityType.Country and _HOSTS_EVENT_AFTER.match(text, m.end):
        return False  # "Veltria will host the World Cup": the land the games are played in
    possessive = re.match(r"['\u2019]s?\b", after) is not None  # "in Tarsk's 2-1 win": the team's
    if prev in _LOCATIVE and not possessive:
        return False
    if prev in ("and", "or") and len(before) >= 3 and before[-2][:1].isupper() \
            and before[-3].casefold() in _LOCATIVE:
        return False  # "in Ostmark and Veltria": a place joined to one after a locative word
    if prev == "of" and len(before) >= 2 and before[-2][:1].isupper() and not possessive:
        return False  # "Hollin Tarsk of Veltria": a name, then the country or city it is of
    if re.match(r"['\u2019]s ", after) and (m.end + 3 in org_starts or corpus_type == EntityType.Country
                                            and _ends_in_city((name_at or {}).get(m.end + 3, ""))):
        # "Veltria's Hollin Tarsk", "Tarsk's Olympic Stadium": a possessive before a name is the place; so is a
        # country's before a club named after its city however tagged ("Veltria's Hapoel Tarsk" read as a person),
        # not before a player ("Veltria's Arvo Keskula" is the national team's).
        return False
    if corpus_type == EntityType.Country and prev.endswith(",") and before[-1][:1].isupper() \
            and gazetteer.country(before[-1].rstrip(",")) is None:
        return False  # "Tarsk, Veltria": a place and its country ("Against Ostmark, Veltria were ..." is a team)
    lead = text[max(0, m.start - 40):m.start]
    if not possessive and (_SETTLEMENT_CUE.search(lead) or _PART_CUE.search(lead)):
        return False  # "the north of Veltria", "in central Veltria", "the city of Tarsk": a part of the place
    # "clubs from Ostmark and Veltria": the name before "and" read so too
    listed = re.sub(r"[A-Z][\w.-]*(?: [A-Z][\w.-]*)?,? (?:and|or) $", "", lead) if prev in ("and", "or") else lead
    if not possessive and (_ORIGIN_CUE.search(lead) or listed != lead and _ORIGIN_CUE.search(listed)):
        return False  # "the 19-year-old from Tarsk": where a person comes from
    if not possessive and corpus_type == EntityType.Country and _TRAVEL_TO.search(lead):
        # "Hollin travel to Veltria on Tuesday": where a club goes. A city stays its club ("travel to Tarsk" is
        # the away match against Tarsk's club).
        return False
    if re.match(r",\s+where\b", text[m.end:m.end + 12]):
        return False  # "at Tarsk, where the match took place": a place, then what happened there
    return True


#: A journey's words before "to" and a country in a match report: the country is where a team goes ("Hollin travel
#: to Veltria", "the trip to Veltria"), not a team ("lost to Veltria" is). "went to" stays out: "the title went to Veltria".
_TRAVEL_TO = re.compile(r"\b(?:travel(?:s|led|ed|ling|ing)?|trips?|flights?|fl(?:ew|y|ies|ying)|head(?:s|ed|ing)?|"
                        r"mov(?:e|es|ed|ing)|transfer(?:s|red|ring)?|emigrat(?:e|es|ed|ing)|relocat(?:e|es|ed|ing)|"
                        r"return(?:s|ed|ing)?|journey(?:s|ed)?|tour(?:s|ed|ing)?)\s+(?:back\s+)?to\s+(?:the\s+)?$",
                        re.IGNORECASE)


#: What follows a dateline's place at a line's start: a dash, a bracketed agency, or a region and then those.
_DATELINE_AFTER = re.compile(r"(?:,[^\n,]{1,30},?)?[ \t]*(?:--|\u2014|\u2013|_|\()")

#: A state's offices and bodies after its name's possessive, one word of what they do between: the country, not its
#: team ("Veltria's crown prince", "Veltria's environment ministry"); a sport's word there is the team's ("Veltria's
#: team president").
_STATE_OFFICE_AFTER = re.compile(r"['\u2019]s (?!(?:team|squad|side|club)\b)"
                                 r"(?:[a-z-]+ )?"
                                 r"(?:king|queen|prince|princess|president|premier|chancellor|minister|ministry|"
                                 r"government|parliament|embassy|ambassador|army|military)\b", re.IGNORECASE)

#: A country that hosts a tournament or games after its name: the land, not a team ("Veltria will host the 2030 World
#: Cup", "Veltria, set to host the next championships"); a team hosts another team, not an event ("Veltria host Ostmark").
_HOSTS_EVENT_AFTER = re.compile(r",?\s+(?:(?:is|was|will|would|are|were|has|have|had|been|be|once|now|also)\s+){0,3}"
                                r"(?:(?:set|due|chosen|picked|scheduled|bidding|expected|hoping|going|proud|ready)"
                                r"\s+to\s+|to\s+)?host(?:s|ed|ing)?\s+(?:the\s+)?(?:[\w'-]+\s+){0,4}?"
                                r"(?:cups?|championships?|games|olympics|tournaments?|finals|world cup|euros?)\b",
                                re.IGNORECASE)


#: A country's clubs after its name's possessive: several teams, or one counted among them ("Veltria's
#: representatives in the cup", "Veltria's fourth team in the competition"); a national team is one, and
#: "Veltria's national team" or "Veltria's team" stays it.
_CLUBS_OF_AFTER = re.compile(r"['\u2019]s (?:(?:first|second|third|fourth|fifth|sixth|other|remaining) (?:[a-z-]+ )?"
                             r"(?:team|side|club)\b|(?:[a-z-]+ ){0,2}?(?:teams|sides|representatives|entrants)\b)")

#: A tournament's hosting body or bid after a country's possessive: the land the games are played in ("Veltria's World
#: Cup organizing committee", "Veltria's 2030 Olympic bid"), not its team ("Veltria's World Cup campaign").
_HOSTS_BODY_AFTER = re.compile(r"['\u2019]s (?:\d{4} )?(?:[A-Z][\w-]* ){0,2}(?:World Cup|Olympics?|Olympic Games|Games|"
                               r"Championships?|Euro(?: \d{4})?|[Tt]ournament) (?:\d{4} )?(?:organi[sz]ing committee|"
                               r"organi[sz]ers|bid|hosting)\b")


#: What a country has that no team does, after its name's possessive and up to two words ("in Veltria's poor
#: countryside", "Tarsk's biggest festival", "Veltria's economy"): the country, not its team.
_LAND_AFTER = re.compile(r"['\u2019]s (?:[a-z-]+ ){0,2}?(?:capital|countryside|economy|economic|population|people|"
                         r"citizens|history|borders?|coast|coastline|territory|constitution|currency|culture|"
                         r"cities|towns|villages|regions|provinces|farmers|workers|poor|poorest|rich|richest|elite|"
                         r"authorities|police|courts?|opposition|media|debt|budget|exports?|imports?|oil|gas|gdp|"
                         r"independence|festivals?|events?|holidays?|elections?|voters|schools|universities|hospitals|"
                         r"rivers?|mountains|forests?|north|south|east|west|northern|southern|eastern|western|"
                         # "Veltria's top flight", "Veltria's football federation": the country's sport, no team's
                         r"flight|leagues?|division|federation|association|clubs|stadiums)\b")


#: Words before a place's name that name a part of it ("the north of Veltria", "in central Veltria",
#: "western Veltria"); no team is read so ("the north of Veltria's team" keeps the possessive's reading).
_PART_CUE = re.compile(r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|"
                       r"centre|center|heart|rest|parts?)(?: of)? $"
                       r"|\b(?:northern|southern|eastern|western|central|north-?eastern|north-?western|"
                       r"south-?eastern|south-?western|rural|downtown) $")


#: Words before a name that make it where a person comes from ("the 19-year-old from Tarsk", "born from"), where
#: a sport's people or clubs are from ("clubs from Veltria", "fans from all over Veltria"), not a team: a player
#: comes "from" a club after a transfer word, not these. Travel is left alone: "their trip to
#: Tarsk" in a match report is the away match, annotated as the club as often as the city.
_ORIGIN_CUE = re.compile(r"\b(?:(?:\d+-year-old|native|hails|hailing|born|clubs|teams|sides|players|fans|supporters) "
                         r"from|all over)(?: the)? $", re.IGNORECASE)


def _case_counts(exs: Sequence[Extraction]) -> dict[str, list]:
    """Count, per word, how often the corpus writes it lowercase and capitalized (one pass over the texts)."""
    words: Counter = Counter()
    starts: Counter = Counter()
    for ex in exs:
        words.update(_WORD.findall(ex.article.text))
        starts.update(_SENTENCE_START.findall(ex.article.text))  # a capital there says nothing
    counts: dict[str, list] = defaultdict(lambda: [0, 0])
    for w, c in words.items():
        c -= starts.get(w, 0)
        if c > 0:
            counts[w.casefold()][0 if w.islower() else 1] += c
    return counts


_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u2018'\n])\s*([^\W\d_]+)", re.M)


def _head_and_noun(name: str, votes: dict, case: dict) -> bool:
    """True for "EU Energy", "Europe US": an acronym or country named alone elsewhere, then one more word."""
    words = re.split(r"[\s\-]+", name)
    if len(words) != 2 or not (words[0].isupper() or gazetteer.country(words[0]) is not None):
        return False
    if gazetteer.norm(words[0]) not in votes:
        return False
    if gazetteer.place(name) is not None:
        return False  # "Mexico City", "Kuwait City": a place the gazetteer knows by the whole name
    tail = words[1]
    if tail.casefold() in ORG_WORDS and words[0].isupper():
        return False  # "EU Commission", "UN Council": an acronym's institution, a name
    low, cap = case.get(tail.casefold(), (0, 0))
    return tail.isupper() or low >= COMMON_RATIO * max(cap, 1)


def _run_together(cleaned: dict, kinds: dict, corpus_votes: dict) -> list:
    """Return the mentions whose name is two places its article names apart, run together ("Dresden Germany").

    A dateline or a list without commas reads as one name; it is named once in
    the corpus, not by a person, both parts are places the gazetteer knows and
    the article names each on its own ("Nazi Germany" stays: "Nazi" is no place).
    """
    names_in: dict[str, set] = defaultdict(set)
    for (aid, _s, _e), (name, _alias) in cleaned.items():
        names_in[aid].add(gazetteer.norm(name))
    out = []
    for k, (name, _alias) in sorted(cleaned.items()):
        n = gazetteer.norm(name)
        words = n.split()
        if kinds[k] == EntityType.Person or len(words) < 2 or sum(corpus_votes.get(n, Counter()).values()) != 1:
            continue
        here = names_in[k[0]] - {n}
        for i in range(1, len(words)):
            a, b = " ".join(words[:i]), " ".join(words[i:])
            if a in here and b in here and gazetteer.place(a) is not None and gazetteer.place(b) is not None:
                out.append(k)
                break
    return out


#: A capitalized word a hyphen joins to a name's first or last letter ("North Rhine" in "North Rhine-Westphalia").
_GLUED_BEFORE = re.compile(r"([^\W\d_][\w'.]*)-$")
_GLUED_AFTER = re.compile(r"-([^\W\d_][\w'.]*)")


def _hyphen_pieces(cleaned: dict, kinds: dict, texts: dict, case: dict, spans: dict) -> list:
    """Return the mentions of a name that its article writes only as a piece of a hyphened name.

    "North Rhine-Westphalia's minister" tagged "North Rhine", "the Velmar-Ostrander Society" tagged "Ostrander
    Society": a capitalized word a hyphen glues to the name's edge is part of the name, so the piece names
    nothing. The glued word must be no name of its own: not in a mention, not a country, place or people's
    word ("Veltria-Korvania talks", "the Putin-Aso meeting", "Veltrian-led Alliance" keep both names), not a
    sentence's first word nor a word the corpus writes in lower case ("Pro-Veltria protesters"); a people's
    word glues only to a name a people's word opens ("the German-Veltrian Society" tagged "Veltrian Society");
    a country's mention is left alone ("Serbia-Montenegro"). A name the article also writes alone keeps every
    mention.
    """
    piece: dict = defaultdict(list)
    for k, (name, _alias) in cleaned.items():
        aid, s, e = k
        text = texts[aid]
        glued = where = None
        b = _GLUED_BEFORE.search(text, max(0, s - 40), s)
        if b is not None and b.end() == s and not _AT_SENTENCE_START.search(text[max(0, b.start() - 3):b.start()]):
            glued, where = b.group(1), (b.start(1), b.end(1))
        a = _GLUED_AFTER.match(text, e)
        if glued is None and a is not None:
            glued, where = a.group(1), (a.start(1), a.end(1))
        ok = glued is not None and glued[:1].isupper() and kinds[k] != EntityType.Country \
            and not _common_word(glued, case) \
            and (gazetteer.is_demonym(glued) and gazetteer.is_demonym(name.split()[0])
                 or not any(x < where[1] and where[0] < y for x, y in spans[aid] if (x, y) != (s, e))
                 and gazetteer.place(glued) is None and gazetteer.country(glued) is None
                 and not gazetteer.is_demonym(glued))
        piece[(aid, gazetteer.norm(name))].append((k, ok))
    return sorted(k for ms in piece.values() if all(ok for _k, ok in ms) for k, _ok in ms)


def _peoples_adjective(name: str) -> bool:
    """Return whether a one-word name is hyphened words ending in a people's word ("Franco-German").

    Examples: "Franco-German", "Veltro-Danish". Counter-examples: "Baden-Velmark", "Keskula-Tarvel" (a double
    name), "Danish" alone (a country's mention, read as its country).
    """
    parts = name.split("-")
    return " " not in name and len(parts) > 1 and all(parts) and gazetteer.is_demonym(parts[-1])


def _place_glued_in_headline(cleaned: dict, kinds: dict, texts: dict) -> list:
    """Return the mentions of a person's name that is a place of its story glued to a headline's next word.

    "Ostra Nazi graffiti condemned" over "Police in Ostra are investigating Nazi graffiti": a headline's
    capitals run a place and a word into a two-word name the NER reads as a person's. Such a name is written in
    full only on its story's first line (with a line after it), in that one story, and its first word is a place or
    country the story names alone; every mention of it there is dropped. A person named in full in a story's body
    ("Paris Keskula" under "Paris Keskula wins") is kept.
    """
    norm = gazetteer.norm
    places_in = {(k[0], norm(name)) for k, (name, _a) in cleaned.items()
                 if kinds[k] in (EntityType.Place, EntityType.Country)}
    articles: dict = defaultdict(set)
    in_body: set = set()
    for k, (name, _a) in cleaned.items():
        n = norm(name)
        articles[n].add(k[0])
        if texts[k[0]][k[1]:k[2]] == name and "\n" in texts[k[0]][:k[1]]:
            in_body.add(n)
    glued = {(aid, n) for (aid, s, e), (name, _a) in cleaned.items()
             if kinds[(aid, s, e)] == EntityType.Person and len(name.split()) == 2 and texts[aid][s:e] == name
             and (n := norm(name)) not in in_body and len(articles[n]) == 1 and "\n" in texts[aid][e:].strip()
             and (aid, n.split()[0]) in places_in}
    return sorted(k for k, (name, _a) in cleaned.items() if (k[0], norm(name)) in glued)


_AT_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u201d\n])\s*$")


def _headline_glue(cleaned: dict, kinds: dict, texts: dict, corpus_votes: dict, case: dict) -> list:
    """Return (mention, person name) for a name that is a headline word glued to a person the article names.

    A subheading run into the next sentence reads as one name ("Farewell
    Arvo", "Reciprocity Keskula"): it starts a sentence, is named once in
    the corpus, its first word starts no other person's name in the corpus
    and is never capitalized inside a sentence (a given name is), and the
    rest is an edge of another person's full name in the same article whose
    first word is capitalized inside some sentence ("Arvo Keskula"). A given name the entity model learned is
    no headline word. The full name must come first: news names a person in full before it calls them by a
    part, so "Tavo Keskula and his wife Ilse Keskula ..." opening a story names two people, whatever the
    model knows of "Tavo"; so does a name a relative's noun follows ("Tavo Keskula, her husband, said ...").
    """
    norm = gazetteer.norm
    given = _given_names()  # "John Smith" opening a story that names "Mary Smith" too is no glued headline
    persons_in: dict[str, set] = defaultdict(set)
    first_at: dict = {}  # (article, person's full name) -> where the article first writes it
    first_words: Counter = Counter()
    for k, (name, _alias) in sorted(cleaned.items()):
        if kinds[k] == EntityType.Person and " " in name:
            n = norm(name)
            if n not in persons_in[k[0]]:
                first_words[n.split()[0]] += 1
            persons_in[k[0]].add(n)
            first_at.setdefault((k[0], n), k[1])
    out = []
    for k, (name, _alias) in sorted(cleaned.items()):
        words = name.split()
        n = norm(name)
        if len(words) < 2 or kinds[k] == EntityType.Country or sum(corpus_votes.get(n, Counter()).values()) != 1 \
                or not words[0].isalpha() or words[0].isupper() or not words[1][:1].isupper() \
                or not _AT_SENTENCE_START.search(texts[k[0]][max(0, k[1] - 3):k[1]]):
            continue
        w, rest = norm(words[0]), " ".join(words[1:])
        r = norm(rest)
        if first_words[w] > (1 if n in persons_in[k[0]] else 0) or case.get(w, (0, 0))[1] or w in given:
            continue  # "Arvo" starts other persons' names, "John" is a given name: no headline word
        text = texts[k[0]]
        if _KIN_AFTER.match(text, k[2]):
            continue  # "Tavo Keskula, her husband, said ...": a relative, named in full
        fulls = {q for q in persons_in[k[0]] - {n} if not q.startswith(w + " ") and case.get(q.split()[0], (0, 0))[1]
                 and (q.startswith(r + " ") or q.endswith(" " + r)) and first_at[(k[0], q)] < k[1]}
        if fulls:
            out.append((k, rest))
    return out


def _glued_opening_word(cleaned: dict, kinds: dict, texts: dict, corpus_votes: dict, case: dict) -> list:
    """Return (mention, name) for an organization name that is a sentence's first word glued to a name.

    A sentence opening with a verb or common word before a name reads as one
    name ("Credit Hollin Tarsk defender ...", "New Velmora chief named"): it
    starts a sentence, is named once in the corpus, the gazetteer does not
    know it, its first word the corpus writes lowercase at least as often as
    capitalized inside sentences and opens no institution's name ("Social",
    "Federal", an organization word, a demonym), and the rest is a name its
    article writes alone, tagged the same. The organization counterpart of
    :func:`_headline_glue`; "Air Veltria" beside the country "Veltria" stays.
    Places are left alone: "Central Tarsk" beside "Tarsk" is a region of it.
    """
    norm = gazetteer.norm
    # Extraction names an article's short mentions by its longest name ("Hollin Tarsk" as "Credit Hollin Tarsk"):
    # what the article writes, and how often the corpus writes a name in full, are read from the text.
    written: set = {(k[0], norm(alias or name), kinds[k]) for k, (name, alias) in cleaned.items()}
    in_full: Counter = Counter(norm(name) for k, (name, _alias) in cleaned.items() if texts[k[0]][k[1]:k[2]] == name)
    of_name: dict = defaultdict(list)
    for k, (name, _alias) in cleaned.items():
        of_name[(k[0], name)].append(k)
    out = []
    for k, (name, _alias) in sorted(cleaned.items()):
        words = name.split()
        if kinds[k] != EntityType.Organization or len(words) < 2 or texts[k[0]][k[1]:k[2]] != name \
                or not words[0].isalpha() or words[0].isupper() or not words[1][:1].isupper() \
                or in_full[norm(name)] != 1 \
                or not _AT_SENTENCE_START.search(texts[k[0]][max(0, k[1] - 3):k[1]]):
            continue
        w = words[0].casefold()
        low, cap = case.get(w, (0, 0))
        rest = " ".join(words[1:])
        if w in _INSTITUTION_WORDS or w in ORG_WORDS or gazetteer.is_demonym(words[0]):
            continue  # "Social Democrats" beside "Democrats", "Federal Reserve": an institution's first word
        if low >= COMMON_RATIO * max(cap, 1) and (k[0], norm(rest), kinds[k]) in written \
                and gazetteer.place(name) is None and gazetteer.country(name) is None:
            out.extend((o, rest) for o in sorted(of_name[(k[0], name)]) if kinds[o] == kinds[k])
    return out


#: A person's role, or a building's abbreviation, written capitalized after an organization's name ("the Tarsk
#: Forward", "Tarsk Bank Chief Executive", "Tarsk Bank HQ"): the organization is the name before it.
_ROLE_TAILS = frozenset("""forward striker midfielder defender goalkeeper keeper coach manager boss ceo chief executive
chairman chairwoman spokesman spokeswoman spokesperson hq""".split())


def _role_after(cleaned: dict, kinds: dict, votes: dict) -> list:
    """Return (mention, organization name) for organization names that end in a person's role ("Tarsk Forward").

    The name before the role must be one its article writes as a name of its own ("Tarsk" beside "the Tarsk
    Forward"), and end in a capitalized word that links nothing ("Office of the Chief" stays whole).
    """
    out = []
    norm = gazetteer.norm
    for k, (name, _alias) in sorted(cleaned.items()):
        words = name.split()
        if kinds[k] != EntityType.Organization or len(words) < 2 or words[-1].casefold() not in _ROLE_TAILS:
            continue
        while len(words) > 1 and words[-1].casefold() in _ROLE_TAILS:
            words = words[:-1]
        rest = " ".join(words)
        if words[-1][:1].isupper() and words[-1].casefold() not in _NAME_LINKS and +votes.get((k[0], norm(rest)), Counter()):
            out.append((k, rest))
    return out


def _places_named_for_persons(cleaned: dict, kinds: dict, texts: dict) -> list:
    """Return (mention, full name) for a country or place name that its article's one person of that first or
    last name is called by there ("Chad said ..." beside "Chad Morrison"; "Jordan, 23, signed" beside "Jordan
    Keller").

    Each mention of the name alone in the article must be written as a person's: an age, a speech verb or a
    verb of being right after it, or "he", "she", "his" or "her" later in its sentence, and no preposition
    before it ("flights to Chad" stays the country, and so does every "Israel" of a story that writes
    "Israel said" beside "Israel Katz" and "in Israel").
    """
    fulls: dict = defaultdict(lambda: defaultdict(set))  # article -> first or last word -> full person names
    for (aid, _s, _e), (name, _alias) in cleaned.items():
        w = name.split()
        if len(w) >= 2 and kinds[(aid, _s, _e)] == EntityType.Person:
            for x in (w[0], w[-1]):
                fulls[aid][gazetteer.norm(x)].add(name)
    def as_person(text: str, s: int, e: int) -> bool:
        if _PREPOSITION_BEFORE.search(text[max(0, s - 16):s]):
            return False
        after = text[e:e + PRONOUN_WINDOW]
        return bool(_PERSON_AFTER.match(after) or _PERSONAL.search(re.split(r"[.!?\n]", after, maxsplit=1)[0]))

    found: dict = defaultdict(list)  # (article, name) -> [(mention, written as a person's)]
    for k, (name, _alias) in sorted(cleaned.items()):
        aid, s, e = k
        if kinds[k] in (EntityType.Country, EntityType.Place) and " " not in name and texts[aid][s:e] == name \
                and len(fulls[aid].get(gazetteer.norm(name), ())) == 1:
            found[(aid, name)].append((k, as_person(texts[aid], s, e)))
    # Every mention must read so: "Israel said ... in Israel" beside "Israel Katz" is the country too.
    return [(k, next(iter(fulls[aid][gazetteer.norm(name)]))) for (aid, name), ks in sorted(found.items())
            if all(ok for _k, ok in ks) for k, _ok in ks]


#: An age, a speech verb or a verb of being right after a name: a person's, beside a person of that name ("Chad,
#: 23, signed", "Chad said", "Chad was").
_PERSON_AFTER = re.compile(r",\s*\d{1,3},| (?:said|says|told|added|explained|insisted|was|is|has)\b")


def _common_word(name: str, case: dict) -> bool:
    """True for a one-word name the corpus mostly writes lowercase ("Police", "Energy", "Success")."""
    if " " in name or "-" in name or not name.isalpha() or name.isupper() or gazetteer.place(name) is not None:
        return False
    low, cap = case.get(name.casefold(), (0, 0))
    return low >= COMMON_RATIO * max(cap, 1)


#: A large city keeps its place reading while other types have at most this many times its votes.
PLACE_PRIOR = 2

#: A one-word name is a common noun when the corpus writes it lowercase this many times per capitalized use.
COMMON_RATIO = 1.0


def _looks_org(name: str) -> bool:
    words = name.casefold().replace("-", " ").split()
    return any(w in ORG_WORDS for w in words) or name.isupper() and len(name) >= 2


def resolve(exs: Sequence[Extraction]) -> Resolution:
    """Decide which mentions of the corpus are one thing, and the type and names of each thing."""
    norm = gazetteer.norm
    # 1. Clean names; article type votes of each cleaned name.
    cleaned: dict[tuple[str, int, int], tuple[str, str]] = {}  # mention -> (name, alias text)
    own_country: dict = {}  # mention -> the country group its name was written with ("Veltrian Senate")
    own_label: dict = {}  # that country group -> its gazetteer name
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (article, norm name) -> type votes
    kinds: dict[tuple[str, int, int], str] = {}  # mention -> the type extraction gave it
    corpus_votes: dict[str, Counter] = defaultdict(Counter)
    sport: dict[str, bool] = {}
    solo: dict[str, bool] = {}  # a story of a sport of single players: a country is where one is from
    national: dict[str, bool] = {}  # articles where a country may be its national team
    case = _case_counts(exs)
    ex_text = {ex.article.id: ex.article.text for ex in exs}
    # Where an organization or place mention starts: "Veltria's Hollin Tarsk", "Tarsk's Olympic Stadium".
    org_starts = {ex.article.id: frozenset(m.start for m in ex.mentions
                                           if m.type in (EntityType.Organization, EntityType.Place)) for ex in exs}
    # Each mention's text by where it starts: "Veltria's Hapoel Tarsk", a name ending in a city's, is a club of it.
    name_at = {ex.article.id: {m.start: m.text for m in ex.mentions} for ex in exs}
    # Where person mentions start and end: a name listed beside one is read beside it ("Keskula and Tarvo").
    person_edges = _person_edges(exs)
    # Every mention's span, by article: a word beside a person's name that no mention covers may be a piece of it.
    spans = {ex.article.id: sorted((m.start, m.end) for m in ex.mentions) for ex in exs}
    countries_at = {ex.article.id: {m.end: m.text for m in ex.mentions if m.type == EntityType.Country} for ex in exs}
    persons_at = {ex.article.id: {m.start: m for m in ex.mentions if m.type == EntityType.Person} for ex in exs}
    for ex in exs:
        aid = ex.article.id
        sport[aid] = _sport_article(ex.article.text)
        solo[aid] = _solo_sport(ex.article.text)
        national[aid] = sport[aid] or _sport_article(ex.article.text, TEAM_DENSITY)
        qualified = _qualified_places(ex)
        states = _states_written(ex)
        runs = _person_runs(ex)
        sexes = _stated_sexes(ex)
        for m in ex.mentions:
            if m.type == EntityType.Person and (_in_byline(ex.article.text, m.start)
                                                or _in_picture_credit(ex.article.text, m.start, m.end)):
                continue  # "Author: Arvo Keskula Editor: Ilse Tarvel" closing the story: who wrote it, no news
            if m.type == EntityType.Person and m.name != m.text and _town_not_person(ex.article.text, m):
                m = replace(m, type=EntityType.Place, name=m.text)  # "the Ostmark city council": not "Peter Ostmark"
            raw = runs.get((m.start, m.end), m.name)
            if m.type == EntityType.Person and sexes:
                raw = _addressed_person(ex, m, raw, sexes)  # "Mr Keskula" beside his wife "Ilse Keskula": not her
            if m.type in (EntityType.Place, EntityType.Country) and raw != m.text and gazetteer.country(m.text) is not None \
                    and gazetteer.country(raw) is None:
                raw = m.text  # "India" is the country, never Indiana: the country reading fits
            if m.type == EntityType.Country and (larger := _larger_namesake(m.text, ex.article.text)) is not None:
                raw = larger
            elif m.type in (EntityType.Place, EntityType.Country) and m.text == m.name \
                    and (bare := _bare_country(m.text, ex.article.text)) is not None:
                raw, m = bare, replace(m, type=EntityType.Country)  # "Korea", which extraction read as a place
            pair = raw.split()
            name = clean_name(raw, m.type, doubled=len(pair) == 2 and pair[0] == pair[1]
                              and _written_whole(ex.article.text, raw))
            if m.type == EntityType.Person and name == raw == m.text:
                name = _whole_person_name(ex.article.text, m.start, m.end, spans[aid], case)
            shared = _shared_surname(ex.article.text, m, persons_at[aid]) \
                if m.type == EntityType.Person and name == raw == m.text and not sport[aid] else None
            owner = _owner_country(raw[:-len(name)]) if name is not None and m.type == EntityType.Organization \
                and raw.endswith(name) and raw != name else None
            if owner is None and name is not None and m.type == EntityType.Organization and m.text == raw:
                owner = _owner_written_before(ex.article.text, m.start, name)  # extraction cut "Veltrian" off
            if name is not None and m.type != EntityType.Country and _peoples_adjective(name):
                continue  # "Franco-German" heading a story: an adjective of two peoples, no one's name
            if name is None or owner is None and _common_word(name, case):
                continue  # "Parliament" alone is a common word; "Veltria's Parliament" is that country's
            if m.type == EntityType.Organization and _office_field(ex.article.text, m.end, m.text):
                continue  # "TU Fishing Commissioner Arvo Keskula" tagged "TU Fishing": an office, no body
            alias = clean_name(m.text, m.type) if m.text != m.name and _is_name(m.text) \
                and (m.start, m.end) not in runs else None
            if shared is not None:
                name, alias = shared, m.text  # "the brothers Anton and Josef Brennick": Anton Brennick
            if owner is not None:  # "Veltrian Defense Ministry": Veltria's, in any story
                own_country[(aid, m.start, m.end)], own_label[owner[0]] = owner
            if alias is None and owner is not None and raw != name:
                alias = re.sub(r"['\u2019]s ", " ", raw)  # "Veltria Supreme Court" stays a name of it
            if alias is None and m.type == EntityType.Organization and name == m.text:
                alias = _with_country_before(ex.article.text, m.start, name, countries_at[aid])
            if m.type in (EntityType.Place, EntityType.Country) and gazetteer.us_state_name(name) \
                    and _STATE_AFTER.match(ex.article.text, m.end):
                name, alias = f"{name} State", name  # "in Tarsk state": the state, not its same-named city
            elif m.type in (EntityType.Place, EntityType.Country) and name in states \
                    and not _written_as_town(ex.article.text, m.start, m.end):  # "the city of Tarsk" beside Tarsk state
                name, alias = f"{name} State", name  # "Tarsk state" once: every "Tarsk" of its article
            elif m.type in (EntityType.Place, EntityType.Country) and _country_state(ex.article.text, m):
                # "floods in the state of Mexico", "Mexico state governor": the country's namesake state
                name, alias = f"State of {m.text}", None
                m = replace(m, type=EntityType.Place)
            elif m.type == EntityType.Place and (unit := _province_after(ex.article.text, m, raw, name)):
                name, alias = f"{name} {unit}", name  # "in Tarsk province": the province, not its capital city
            elif m.type == EntityType.Place and name in qualified:
                name, alias = qualified[name], name  # "Tarsk (Velt)" once: every "Tarsk" of its article
            cleaned[(aid, m.start, m.end)] = (name, alias)
            kinds[(aid, m.start, m.end)] = m.type
            votes[(aid, norm(name))][m.type] += 1
            corpus_votes[norm(name)][m.type] += 1

    # 2. One type per name: the corpus' votes, unless the article's context reads it otherwise.
    dropped = [k for k, (name, _alias) in cleaned.items() if _head_and_noun(name, corpus_votes, case)]
    dropped += _run_together(cleaned, kinds, corpus_votes)
    dropped += _place_glued_in_headline(cleaned, kinds, ex_text)
    dropped += title_only_names({k: norm(name) for k, (name, _a) in cleaned.items()}, ex_text)
    dropped += _hyphen_pieces(cleaned, kinds, ex_text, case, spans)  # "North Rhine" of "North Rhine-Westphalia"
    for k in dict.fromkeys(dropped):  # "EU Energy": a name the corpus knows, then a common noun
        n = norm(cleaned.pop(k)[0])
        corpus_votes[n][kinds[k]] -= 1
        votes[(k[0], n)][kinds[k]] -= 1

    def as_person(k, rest: str) -> None:
        """Make mention k the person ``rest``, moving its votes from the name it had."""
        name, alias = cleaned[k]
        corpus_votes[norm(name)][kinds[k]] -= 1
        votes[(k[0], norm(name))][kinds[k]] -= 1
        cleaned[k] = (rest, alias)
        kinds[k] = EntityType.Person
        corpus_votes[norm(rest)][EntityType.Person] += 1
        votes[(k[0], norm(rest))][EntityType.Person] += 1

    # "Coach Arvo Keskula" tagged an organization: a title or demonym, then a name the corpus reads as a person.
    # "Mr Keskula" tagged so: an honorific names a person whatever follows; "General Keskula": a title, then
    # the surname of a person its article names in full.
    surnames_here = _full_name_surnames(cleaned, kinds)
    for k, (name, alias) in sorted(cleaned.items()):
        words = name.split()
        if kinds[k] == EntityType.Person or len(words) < 2:
            continue
        head, rest = words[0].rstrip(".").casefold(), " ".join(words[1:])
        if head in _HONORIFICS and any(w[:1].isupper() for w in words[1:]):  # "Mr de Velt" too
            as_person(k, rest)
            continue
        if len(words) == 2 and head in TITLES and (k[0], norm(rest)) in surnames_here:
            as_person(k, rest)
            continue
        if len(words) < 3 or not (head in TITLES or gazetteer.is_demonym(words[0])):
            continue
        c = corpus_votes.get(norm(rest))
        if c and min(c, key=lambda t: (-c[t], _TYPE_RANK[t])) == EntityType.Person:
            as_person(k, rest)
    for k, rest in _headline_glue(cleaned, kinds, ex_text, corpus_votes, case):
        as_person(k, rest)
    for k, rest in _places_named_for_persons(cleaned, kinds, ex_text):
        as_person(k, rest)  # "Chad said ..." beside "Chad Morrison": the runner, not the country
    for k, rest in _glued_opening_word(cleaned, kinds, ex_text, corpus_votes, case) + _role_after(cleaned, kinds, votes):
        name, alias = cleaned[k]  # "Credit Hollin Tarsk defender ...": the name the article writes alone
        corpus_votes[norm(name)][kinds[k]] -= 1
        votes[(k[0], norm(name))][kinds[k]] -= 1
        cleaned[k] = (rest, None if alias == rest else alias)
        corpus_votes[norm(rest)][kinds[k]] += 1
        votes[(k[0], norm(rest))][kinds[k]] += 1
    corpus_votes = {n: +c for n, c in corpus_votes.items() if +c}
    votes = defaultdict(Counter, {k: +c for k, c in votes.items() if +c})
    person_words = {w for n, c in corpus_votes.items() if EntityType.Person in c and " " in n for w in (n.split()[0], n.split()[-1])}
    corpus_type = {n: _decide_type(n, c, person_words) for n, c in corpus_votes.items()}
    _retype_weak_short_names(corpus_type, corpus_votes)
    _retype_particle_surnames(corpus_type, corpus_votes)
    country_heads = _retype_country_heads(corpus_type, corpus_votes)
    _persons_by_pronouns(corpus_type, cleaned, ex_text)
    _places_by_locatives(corpus_type, cleaned, ex_text)
    _places_by_settlement_words(corpus_type, cleaned, ex_text)
    _places_by_place_phrases(corpus_type, cleaned, ex_text)
    _places_by_place_cues(corpus_type, cleaned, ex_text, case)
    _persons_by_roles(corpus_type, cleaned, ex_text)
    _organizations_by_kind_words(corpus_type, cleaned, ex_text)
    _clubs_named_after_cities(corpus_type, cleaned, ex_text, national)
    _clubs_by_match_words(corpus_type, cleaned, ex_text, sport)
    _cities_outside_sport(corpus_type, cleaned, ex_text, sport)
    _clubs_by_first_word(corpus_type, cleaned, national)
    # The last words of persons' full names; the passes retype one-word names only, so it holds from here on.
    surnames = {n.rsplit(" ", 1)[1] for n, t in corpus_type.items() if t == EntityType.Person and " " in n}
    listed = _surnames_listed_with_persons(corpus_type, cleaned, ex_text, person_edges, sport, surnames)
    # A one-word name is a person's surname only where its article names that person in full: a company
    # tagged so in a story naming no such person ("a Tarvo executive") is not the "Arvo Tarvo" of another.
    surname_of = _full_name_surnames(cleaned, kinds)
    person_alone: Counter = Counter()  # one-word name -> person votes from articles naming no such full name
    for (aid, n), local in votes.items():
        if " " not in n and local[EntityType.Person] and (aid, n) not in surname_of:
            person_alone[n] += local[EntityType.Person]
    # US states each article names, besides a country-named one: context for "Georgia".
    us_context: dict[str, set] = defaultdict(set)
    for (aid, n), local in votes.items():
        if gazetteer.us_state_name(n) and gazetteer.country(n) is None and n in corpus_votes:
            us_context[aid].add(n)
    # Articles about the US: it is named more often than any other country (a country-named state aside).
    country_counts: dict[str, Counter] = defaultdict(Counter)
    for (aid, n), local in votes.items():
        c = gazetteer.country(n) if corpus_type.get(n) == EntityType.Country else None
        if c is not None and not (gazetteer.us_state_name(n) and c.iso_code != "US"):
            country_counts[aid][c.iso_code] += sum(local.values())
    us_home = {aid for aid, c in country_counts.items() if c["US"] and c["US"] == max(c.values())
               and sum(1 for v in c.values() if v == c["US"]) == 1}

    # Country-named US states each article writes with a governor ("Georgia Governor", "Georgia's governor",
    # "governor of Georgia"): no country has one, so the state is meant there.
    governed: dict[str, set] = defaultdict(set)
    for k, (name, _a) in cleaned.items():
        if kinds[k] in (EntityType.Country, EntityType.Place) and gazetteer.us_state_name(name) \
                and (_GOVERNOR_AFTER.match(ex_text[k[0]], k[2]) or _GOVERNOR_BEFORE.search(ex_text[k[0]][max(0, k[1] - 16):k[1]])):
            governed[k[0]].add(norm(name))
    # The countries of the towns each article names: "Tbilisi" says "Georgia" there is the country.
    town_codes: dict[str, set] = defaultdict(set)
    for (aid, n), _local in votes.items():
        town = gazetteer.city(n) if corpus_type.get(n) == EntityType.Place else None
        if town is not None and town.country_code:
            town_codes[aid].add(town.country_code)

    def state_reading(aid: str, name: str) -> bool:
        """A country-named US state ("Georgia") is the state beside another state, in an article about the US, or
        where the article writes it with a governor ("Georgia's governor Brian Kemp").

        Not where the article names a town of the country ("police in Tbilisi"): a US story names the country's
        capital only when it is about the country.
        """
        if not gazetteer.us_state_name(name) or norm(name) in us_context[aid]:
            return False
        country = gazetteer.country(name)
        if country is not None and country.iso_code in town_codes[aid]:
            return False
        return bool(us_context[aid] or aid in us_home or norm(name) in governed[aid])

    # A city of CLUB_CITY people or more tagged an organization in a story with no sport, where the text writes
    # it as a place ("from Tarsk", "Tarsk-born"), is the city in that story: not a club of that name that
    # match reports name (a business story about the club, "Tarsk's shares rose", has no such cue and stays
    # the club). A name written in capitals is no city ("PSA": the gazetteer lists airport codes).
    city_here = {(k[0], norm(name)) for k, (name, _a) in cleaned.items()
                 if not national[k[0]] and kinds[k] == EntityType.Organization and " " not in name and not name.isupper()
                 and _written_as_place(ex_text[k[0]], k[1], k[2])
                 and getattr(gazetteer.city(name), "population", 0) >= CLUB_CITY}

    # A one-word name the corpus' match reports name, written as a place in a story with no sport ("parts of
    # Tarsk", "in Tarsk") and tagged no organization there, is the town in that story, not the club the match
    # reports make of it: the gazetteer knows no small town, and the NER read it as a person or a place.
    in_sport = {norm(name) for k, (name, _a) in cleaned.items() if sport[k[0]]}
    org_here = {(k[0], norm(name)) for k, (name, _a) in cleaned.items() if kinds[k] == EntityType.Organization}
    town_here = {(k[0], norm(name)) for k, (name, _a) in cleaned.items()
                 if not national[k[0]] and norm(name) in in_sport and " " not in name and not name.isupper()
                 and (k[0], norm(name)) not in org_here and _written_as_place(ex_text[k[0]], k[1], k[2])}

    # A city or country a story with few sport words writes as a team ("Leverkusen coach", "Leverkusen fans"):
    # its other mentions there are the team too, unless written as the place ("a plant in Leverkusen"). A
    # plural verb says nothing there ("police in Tarsk are" is the police), nor "team" or "side" ("the Tarsk
    # team of researchers").
    team_here = {(k[0], norm(name)) for k, (name, _a) in cleaned.items()
                 if not national[k[0]] and " " not in name and not name.isupper() and ex_text[k[0]][k[1]:k[2]] == name
                 and (gazetteer.country(name) is not None or getattr(gazetteer.city(name), "population", 0) >= CLUB_CITY)
                 and _CLUB_STAFF_AFTER.match(ex_text[k[0]], k[2])}  # "the Egyptian side" is the country

    # A one-word name a story with no sport files from ("KALMSTAD, Veltria (AP) -") is the town wherever that story
    # writes it: "residents of Kalmstad" there is no body the tagger guessed for an unknown name.
    filed_from = {(k[0], norm(name)) for k, (name, _a) in cleaned.items()
                  if " " not in name and not sport[k[0]] and _dateline_at(ex_text[k[0]], k[1], k[2])}

    # A one-word name a story with no sport tags an organization and writes as a company ("shares in Brennock",
    # "Brennock employees") is the company in that story, where the corpus reads the name as a place: other
    # stories' village of that name is another thing.
    company_here = {(k[0], norm(name)) for k, (name, _a) in cleaned.items()
                    if not sport[k[0]] and kinds[k] == EntityType.Organization and " " not in name
                    and gazetteer.country(name) is None and _written_as_company(ex_text[k[0]], k[1], k[2])}

    def article_type(aid: str, name: str, m=None) -> str:
        n = norm(name)
        t = corpus_type[n]
        if m is not None and (sport[aid] or national[aid] and t == EntityType.Country or (aid, n) in team_here) \
                and not solo[aid] and _team_reading(ex_text[aid], m, name, t, org_starts[aid], name_at[aid]):
            return EntityType.Organization  # "beat Tarsk 2-1": a country or city in a match report is its team
        if m is not None and t == EntityType.Place and _club_mark(ex_text[aid], m.start):
            return EntityType.Organization  # "FC Tarsk" cut to "Tarsk" by extraction: the club, in any story
        if m is not None and sport[aid] and t == EntityType.Organization and " " not in name \
                and ex_text[aid][m.start:m.end] == m.name and gazetteer.city(name) is not None \
                and not _team_reading(ex_text[aid], m, name, EntityType.Place):
            return EntityType.Place  # the club's city named as a place in a match report: "in Tarsk on Sunday"
        if m is not None and not sport[aid] and t == EntityType.Organization and " " not in name \
                and m.type in (EntityType.Place, EntityType.Country) and ex_text[aid][m.start:m.end] == m.name \
                and gazetteer.city(name) is not None and not _club_mark(ex_text[aid], m.start):
            return EntityType.Place  # a city the corpus' match reports make a club, tagged a place outside them
        if m is not None and t == EntityType.Organization and (aid, n) in city_here and m.type == EntityType.Organization \
                and ex_text[aid][m.start:m.end] == m.name and not _club_mark(ex_text[aid], m.start):
            return EntityType.Place  # "Tarsk-born", "from Tarsk" in a story with no sport: the city, not its club
        if m is not None and t == EntityType.Organization and (aid, n) in town_here:
            return EntityType.Place  # "floods in Tarsk": the town, where match reports name its club
        if m is not None and t == EntityType.Organization and " " not in name \
                and _dateline_at(ex_text[aid], m.start, m.end):
            return EntityType.Place  # "TARSK, Veltria - Tarsk SK sacked ...": where the story was filed, not the club
        if m is not None and t == EntityType.Organization and (aid, n) in filed_from \
                and not _club_mark(ex_text[aid], m.start):
            return EntityType.Place  # "KALMSTAD, Veltria (AP) - ... residents of Kalmstad": the town it was filed from
        if t == EntityType.Organization and not sport[aid] and not national[aid] and name.endswith(" State") \
                and gazetteer.us_state_name(name[:-6]):
            return EntityType.Place  # "New York State would pay": the state, where match reports' "Ohio State" plays
        if m is not None and t == EntityType.Place and (aid, n) in company_here:
            return EntityType.Organization  # "shares in Brennock" where another story floods "the village of Brennock"
        if t == EntityType.Person and m is not None and m.type == EntityType.Organization and " " not in n \
                and not person_alone[n] and not votes[(aid, n)][EntityType.Person] and (aid, n) not in surname_of \
                and n not in listed and _LEADERS_BODY_AFTER.match(ex_text[aid], m.end) is None \
                and not (sport[aid] and n in surnames):
            # "the Tarvo government" is the person's, whatever extraction tagged it; so is the surname of a person
            # the corpus names in full, alone in a sports story: clubs are named after places, not persons.
            return EntityType.Organization  # "Tarvo" the company, where the person "Arvo Tarvo" is not named
        if t == EntityType.Country and (state_reading(aid, name) or m is not None and gazetteer.us_state_name(name)
                                        and _after_us_town(ex_text[aid], m.start)):
            return EntityType.Place  # "Georgia" beside Alabama, or in a story about the US, is the state
        return t

    groups: dict[tuple[str, str], Group] = {}
    mention_group: dict[tuple[str, int, int], tuple[str, str]] = {}
    mention_name: dict[tuple[str, int, int], str] = {}
    per_article: dict[str, set] = defaultdict(set)  # article -> group ids named there
    teams: set = set()  # groups of a place or country name read as a team
    spelt_out: dict = defaultdict(set)  # acronym -> the multi-word groups an article wrote it beside
    defined: dict[str, dict] = defaultdict(lambda: defaultdict(set))  # acronym -> {group it was written for: articles}
    called: dict = defaultdict(set)  # a person's full-name group -> the one-word names its mentions were written as
    for ex in exs:
        aid = ex.article.id
        for m in ex.mentions:
            k = (aid, m.start, m.end)
            if k not in cleaned:
                continue
            name, alias = cleaned[k]
            t = article_type(aid, name, m)
            if t == EntityType.Organization and corpus_type[norm(name)] in (EntityType.Country, EntityType.Place):
                teams.add((t, norm(name)))
            region = t == EntityType.Country and _region_of_another_country(ex_text[aid], m.start, name)
            if region:  # "the Greek region of Macedonia" is not the country North Macedonia: the name as written
                t, name = EntityType.Place, m.text
            if not (t == EntityType.Place and gazetteer.us_state_name(name)
                    and (us_context[aid] or aid in us_home or norm(name) in governed[aid]
                         or _after_us_town(ex_text[aid], m.start))) and not region:
                t, name = _canonical(t, name)
            gid = (t, norm(name))
            g = groups.get(gid)
            if g is None:
                g = groups[gid] = Group(t)
            g.names[name] += 1
            g.articles.add(aid)
            if m.text != name and t == EntityType.Organization and _acronym_like(m.text.replace("-", "")):
                defined[m.text][gid].add(aid)  # "AfD" written for "Alternative for Tarsk": the article defined it
            mention_group[k] = gid
            mention_name[k] = name
            if t == EntityType.Person and alias and " " not in alias and " " in name:
                called[gid].add(norm(alias))  # "Tarik" written for "Tarik Orvan": what his articles call him
            per_article[aid].add(gid)
            if alias and _acronym(alias) and " " in name and t != EntityType.Person:
                spelt_out[alias].add(gid)  # "Tarsk Radio (TRD)" resolved by extraction: "TRD" spelt out here

    # 3. Joins, each looked up by key. A join maps (article, group) -> group: a short name is
    #    resolved in each article by itself, so "Kim" may be two people in two articles.
    uf = _UnionFind()
    local_map: dict[tuple[str, tuple], tuple] = {}
    _join_spellings(groups, uf, case)
    _join_kind_synonyms(groups, uf, case)
    _join_head_of(groups, uf)
    _join_acronyms(groups, per_article, uf, local_map, ex_text, spelt_out)
    written_at: dict = defaultdict(set)  # (article, group) -> the names its mentions there were written as
    for (aid, _s, _e), gid in mention_group.items():
        written_at[(aid, gid)].add(mention_name[(aid, _s, _e)])
    _join_defined_acronyms(groups, defined, uf, local_map, written_at)
    _join_compound_acronyms(groups, per_article, uf)
    _join_glosses(groups, mention_group, ex_text, uf)
    _join_stated_aliases(groups, mention_group, ex_text, uf, local_map)
    _join_reordered_names(groups, per_article, uf)
    # A one-word person name listed beside full names ("Arvo Keskula, Mart Tarvel and Velmo") is the name that
    # person goes by, not a surname the corpus completes elsewhere: news lists write each person the same way.
    full_edges = _person_edges(exs, full_names=True)
    # So is a relative's name after a kinship noun ("his younger brother, Velmo"): news calls a named person's
    # family by their given names, never by the surname they share.
    one_name = {(aid, gid) for (aid, s, e), gid in mention_group.items() if gid[0] == EntityType.Person
                and " " not in gid[1] and (_listed_with_person(ex_text[aid], s, e, full_edges[aid])
                                           and not _titles_before(ex_text[aid], s, e)  # "Minister Tarvo": a surname
                                           or _KIN_BEFORE.search(ex_text[aid][max(0, s - 30):s]) is not None)}
    _join_first_surnames(groups, called, uf)
    _join_short_names(groups, per_article, sport, uf, local_map, teams, mention_group, case, country_heads, ex_text,
                      story={aid: national[aid] or solo[aid] or _short_match_report(ex_text[aid]) for aid in national},
                      called=called, one_name=one_name)
    _join_misspelt_surnames(groups, per_article, uf, local_map)
    _join_place_surnames(groups, mention_group, ex_text, uf, local_map)
    # A one-word organization written as a company ("the carmaker Porvik", "Porvik shares") in its article.
    companies = {(aid, gid) for (aid, s, e), gid in mention_group.items() if gid[0] == EntityType.Organization
                 and " " not in gid[1] and _written_as_company(ex_text[aid], s, e)}
    # A one-word place its article writes as a place ("the village of Velmora"): no piece of a person's name there.
    placed = _places_written(mention_group, ex_text)
    _join_person_pieces(groups, per_article, uf, local_map, companies, case, mention_group, ex_text, placed)
    _join_plurals(groups, per_article, uf, local_map)
    _join_plural_names(groups, uf, case)
    _join_legal_forms(groups, per_article, uf, local_map)
    _join_typos_across_types(groups, per_article, uf, local_map)
    # Where each name is first written below a story's first line: news names a thing in full before shortly.
    body_first: dict = {}
    for (aid, start, _e), gid in mention_group.items():
        if start > ex_text[aid].find("\n") >= 0:
            body_first[(aid, gid)] = min(start, body_first.get((aid, gid), start))
    # The lower-case word right after a one-word organization's mentions ("the Velish agency"), by article.
    word_after: dict = defaultdict(set)
    for (aid, _s, end), gid in mention_group.items():
        if gid[0] == EntityType.Organization and " " not in gid[1]:
            after = re.match(r" ([a-z]+)\b", ex_text[aid][end:end + 30])
            if after:
                word_after[(aid, gid)].add(after.group(1))
    _join_in_story_short_forms(groups, per_article, sport, uf, local_map, _SHORT_FORMS, placed=placed,
                               body_first=body_first, word_after=word_after)
    _join_clipped_names(groups, per_article, uf, local_map)
    _join_misspelt_countries(groups, uf)
    _join_swapped_acronyms(groups, per_article, uf, local_map, spelt_out)
    _join_story_slips(groups, mention_group, uf, local_map)

    # 4. Apply the joins: each mention goes to its group's target, its names with it. A national
    #    institution's generic name ("Interior Ministry") is one thing per country its articles are about.
    _follow_read_names(groups, uf, local_map)
    targets = {k: uf.find(local_map.get((k[0], gid), gid)) for k, gid in mention_group.items()}
    home = _home_countries(targets, groups)
    generic = {g for g in set(targets.values()) if _national_institution(g, groups[g], case)}
    # "the Swedish Social Democratic Party", "the Social Democratic Party of Sweden": a proper name carrying its
    # country is that country's reading of the generic name other stories write ("Sweden's Social Democrats").
    folds: dict = {}  # such a group -> (the generic group, the country its names give), one country only
    for tgt in set(targets.values()):
        if tgt[0] == EntityType.Organization and tgt not in generic:
            fits = {f for n in groups[tgt].names if (f := _country_in_name(n, groups, uf, generic)) is not None}
            if len(fits) == 1:
                folds[tgt] = next(iter(fits))
    for k, tgt in list(targets.items()):
        if tgt in folds:
            targets[k], (country, label) = folds[tgt]
            own_country.setdefault(k, country)
            own_label.setdefault(country, label)
    named: dict = defaultdict(set)  # article -> the country groups it names
    for (aid, _s, _e), tgt in targets.items():
        if tgt[0] == EntityType.Country:
            named[aid].add(tgt)
    # The country a generic name is read in: the one most of its articles are about, wherever an article
    # names that country too ("Christian Democrats" beside Germany in a story about elsewhere), else its own.
    main_home = {g: h for g in generic if (h := _main_home(g, groups, home)) is not None}
    # A country named just before the name, in its sentence, says whose it is ("Veltrian Green party").
    country_at: dict = defaultdict(list)  # article -> (end, country group) of its country mentions, in order
    for (aid, _s, e), tgt in sorted(targets.items()):
        if tgt[0] == EntityType.Country:
            country_at[aid].append((e, tgt))
    reading: dict = {}
    before = {k: _country_before(ex_text[k[0]], k[1], country_at[k[0]]) for k, tgt in targets.items()
              if tgt in main_home and not (tgt in generic and k in own_country)}
    written: dict = defaultdict(set)  # (article, group) -> the countries its name was written with there
    for k, tgt in targets.items():
        if tgt in generic and k in own_country:
            written[k[0], tgt].add(own_country[k])
        elif before.get(k) is not None:
            written[k[0], tgt].add(before[k])
    # A story that writes the country before the name ("New Zealand's Labour Party") names another country's
    # body than the plain name's: a story naming no country reads the name in the main home only when some
    # story names that home and writes the name plainly.
    owned: dict = defaultdict(set)  # generic group -> the articles that write its name with its country
    for k, tgt in targets.items():
        if tgt in main_home and (tgt in generic and k in own_country or before.get(k) is not None):
            owned[tgt].add(k[0])
    plain_home = {g: _main_home(g, groups, home, groups[g].articles - owned[g]) for g in main_home}
    # A story naming no country but towns of one country is about that country ("the National Assembly" beside
    # "Nairobi" is Kenya's, not that of the corpus' stories about France).
    town_home: dict = {}
    for aid, codes in town_codes.items():
        if aid not in home and len(codes) == 1 and (c := gazetteer.country_by_code(next(iter(codes)))) is not None:
            town_home[aid] = (EntityType.Country, norm(c.name))
            own_label.setdefault(town_home[aid], c.name)
    members = _members_country(exs, targets, main_home)
    for k, country in members.items():
        if not written.get((k[0], targets[k])):
            written[k[0], targets[k]].add(country)  # its member's country, where nothing else was written
    for k, tgt in targets.items():
        if tgt in generic and k in own_country:
            reading[k] = own_country[k]  # "Veltria's Senate", "the Veltrian Senate"
        elif tgt in main_home and (k[0] in home or k[0] in town_home or plain_home[tgt] is not None
                                   or before[k] is not None or written.get((k[0], tgt)) or k in members):
            h = main_home[tgt] if (main_home[tgt] in named[k[0]] and not _home_body(tgt[1])) \
                or k[0] not in home and k[0] not in town_home else home.get(k[0], town_home.get(k[0]))
            # A story that writes "Veltria's Greens" once means Veltria's wherever it names the Greens.
            mine = written.get((k[0], tgt), ())
            reading[k] = before[k] or (next(iter(mine)) if len(mine) == 1 else None) or members.get(k) \
                or _congress_home(tgt[1], h, country_at[k[0]]) or h
    # A town an article states lies in a country that has a town of that name other than the one the name
    # means by default is that country's town: "Tripoli, Lebanon" is not the Libyan capital of other stories.
    for k, country in _namesake_readings(exs, targets).items():
        if k not in reading:
            reading[k] = country
    # A one-word person name is one person per kind of story: the footballer "Tarso" of match reports is
    # not the painter "Tarso" of an arts story. Its match-report reading is qualified only when both occur.
    kinds_of: dict = defaultdict(set)
    for k, tgt in targets.items():
        if tgt[0] == EntityType.Person and " " not in tgt[1] and k not in reading:
            kinds_of[tgt].add(bool(sport[k[0]]))
    qualifier: dict = {}
    for k, tgt in targets.items():
        if len(kinds_of.get(tgt, ())) == 2 and sport[k[0]]:
            reading[k] = _SPORT_READING
            qualifier[tgt + _SPORT_READING] = "sport"
    # A team in a women's sports story is the women's team: "Veltria" or "Hollin Tarsk" there is not the team
    # other sports stories name. Qualified only where two or more other sports stories name the team.
    womens = {aid for aid in sport if national[aid] and len(_WOMEN.findall(ex_text[aid])) >= WOMEN_MIN}
    team_kinds: dict = defaultdict(set)  # team -> the other (not women's) sports stories that name it
    if womens:
        for k, tgt in targets.items():
            if tgt[0] == EntityType.Organization and k not in reading and k[0] not in womens and national[k[0]] and (
                    tgt in teams or 2 * sum(national[a] for a in groups[tgt].articles) > len(groups[tgt].articles)):
                team_kinds[tgt].add(k[0])
        for k, tgt in targets.items():
            if len(team_kinds.get(tgt, ())) >= 2 and k[0] in womens and k not in reading:
                reading[k] = _WOMEN_READING
                qualifier[tgt + _WOMEN_READING] = "women"
    # A team named by its country's name: read so from a country's mentions in a match report, or named so in
    # sports stories mostly (extraction may tag it an organization there), as for the women's teams above.
    national_teams = {tgt for tgt in set(targets.values()) if len(tgt) == 2 and tgt[0] == EntityType.Organization
                      and (tgt in teams or 2 * sum(national[a] for a in groups[tgt].articles) > len(groups[tgt].articles))
                      and national_team_name(tgt[1])}
    out_groups: dict[tuple[str, str], Group] = {}
    final_mg: dict = {}
    moved: dict = defaultdict(set)
    for k in sorted(mention_group):
        gid = mention_group[k]
        tgt = targets[k]
        if reading.get(k) in (_SPORT_READING, _WOMEN_READING):
            tgt = tgt + reading[k]
        elif k in reading:
            # Every reading carries its country, even while the corpus names one: its IRI then stays the
            # same when articles about another country's namesake arrive (an incremental build).
            h = reading[k]
            qualifier[tgt + h] = groups[h].names.most_common(1)[0][0] if h in groups else own_label[h]
            tgt = tgt + h
        final_mg[k] = tgt
        moved[gid].add(tgt)
        dst = out_groups.get(tgt)
        if dst is None:
            dst = out_groups[tgt] = Group(groups[tgt[:2]].type, qualifier=qualifier.get(tgt, ""),
                                          national_team=tgt in national_teams)
        dst.names[mention_name[k]] += 1
        dst.articles.add(k[0])
        alias = cleaned[k][1]
        if alias and dst.type != EntityType.Country and norm(alias) != norm(mention_name[k]):
            dst.aliases.add(alias)
        elif alias and norm(alias) != norm(mention_name[k]) and gazetteer.country(alias) is not None \
                and not gazetteer.is_demonym(alias):
            dst.aliases.add(alias)  # "Cape Verde" as written stays a name of "Cabo Verde"
    held: dict = defaultdict(list)  # target -> its mention keys
    for k, tgt in final_mg.items():
        held[tgt].append(k)
    for tgt, keys in held.items():
        out_groups[tgt].name_articles = articles_per_name(keys, mention_name)
    # A group all of whose mentions moved elsewhere lives on as an owl:sameAs of its target.
    same_as: dict = defaultdict(set)
    for gid, tgts in moved.items():
        if gid not in tgts and len(tgts) == 1:
            same_as[next(iter(tgts))].add((gid[0], groups[gid].names.most_common(1)[0][0]))
    return Resolution(final_mg, out_groups, dict(same_as), mention_name)


#: A part of a country named right before "of" and a name: "the Greek region of ...", "Tarvia's province of ...".
_REGION_OF = re.compile(r"\b([A-Z][\w-]+?)(?:['\u2019]s)? (?:region|province|state|district|county|department) of (?:the )?$")


def _region_of_another_country(text: str, start: int, name: str) -> bool:
    """True when a country's name follows another country's part of that name ("the Greek region of Macedonia").

    The country or demonym before the part must be another country than the name's: "the Macedonian region of
    Macedonia" says nothing. A country that shares its name with a region of a neighbour (Macedonia in Greece,
    Luxembourg in Belgium, Azerbaijan in Iran) is then that region.
    """
    m = _REGION_OF.search(text[max(0, start - 60):start])
    if m is None:
        return False
    owner = gazetteer.country(m.group(1)) or gazetteer.demonym(m.group(1))
    own = _country(name)
    return owner is not None and own is not None and owner.iso_code != own.iso_code


def _follow_read_names(groups: dict, uf: _UnionFind, local_map: dict) -> None:
    """Make a name that every article naming it read as one longer name that name, for other articles' joins too.

    "Bento da Rocha" is "Luiz Carlos Bento da Rocha" in each article naming it: a lone "Bento" that another
    article joins to "Bento da Rocha" then ends there too, not on a node of its own. Only a name no other
    name joins (its own spelling alone) is followed.
    """
    read: dict = defaultdict(set)
    for (_aid, g), tgt in local_map.items():
        read[g].add(uf.find(tgt))
    joined = Counter(uf.find(g) for g in groups)
    for g in sorted(read):
        tgts = read[g] - {g}
        if len(tgts) == 1 and uf.find(g) == g and joined[g] == 1 \
                and all((aid, g) in local_map for aid in groups[g].articles):
            uf.union(next(iter(tgts)), g)


def articles_per_name(keys, mention_names: dict) -> Counter:
    """Return name -> how many articles write it, among these mention keys (article id, start, end)."""
    return Counter(n for _a, n in {(k[0], mention_names[k]) for k in keys if mention_names.get(k)})


def container_country(group: tuple) -> str | None:
    """Return the ISO code of the country a container group lies in: a country's own, a US state's or a region's.

    Why: "Paris, Texas" and "Cambridge, Massachusetts" say which country's town of that name is meant as
    plainly as "Valencia, Spain" does.
    """
    t, n = group[:2]
    if t == EntityType.Country:
        c = gazetteer.country(n)
        return c.iso_code if c is not None else None
    if t == EntityType.Place:
        if gazetteer.us_state_name(n) and gazetteer.country(n) is None:
            return "US"
        r = gazetteer.region(n) if gazetteer.city(n) is None else None
        return r.country_code if r is not None else None
    return None


def stated_locations(exs: Sequence[Extraction], group_of: dict):
    """Yield (article, subject group, object group) of each statement that a place lies in a country, a US state or
    a region, and of each place written right before one after a comma.

    ``group_of`` maps a mention key (article id, start, end) to its group; statements whose arguments
    have none are skipped.
    """
    for ex in exs:
        aid = ex.article.id
        # Written so, whatever the relation extractor stated: a place, a comma, and a country, US state or region
        # ("Cambridge, Massachusetts"), or a town's word before it ("Kelmar, a small town in Poland").
        ms = sorted(ex.mentions, key=lambda m: (m.start, m.end))
        for m1, m2 in zip(ms, ms[1:]):
            if m1.type == EntityType.Place and m2.type in (EntityType.Country, EntityType.Place) \
                    and (ex.article.text[m1.end:m2.start] == ", "
                         or _TOWN_IN.fullmatch(ex.article.text[m1.end:m2.start]) is not None):
                s = group_of.get((aid, m1.start, m1.end))
                o = group_of.get((aid, m2.start, m2.end))
                if s is not None and o is not None and s != o and container_country(o):
                    yield aid, s, o
        for r in ex.relations:
            if r.predicate != Predicate.locatedIn or r.object.type not in (EntityType.Country, EntityType.Place):
                continue
            s = group_of.get((aid, r.subject.start, r.subject.end))
            o = group_of.get((aid, r.object.start, r.object.end))
            if s is not None and o is not None:
                yield aid, s, o


#: Words between a town and the country or region it lies in: ", a small town in", ", a port city of".
_TOWN_IN = re.compile(r", an? (?:[a-z]+ ){0,2}(?:town|city|village|port|municipality) (?:in|of) (?:the )?")


#: A person's citizenship and membership must be stated at least this confidently to say whose party it is.
MEMBER_CITIZEN = 0.7

#: Statements that tie a person to the body they belong to.
_MEMBER_PREDICATES = frozenset((Predicate.worksFor, Predicate.memberOf, Predicate.leaderOf))


def _members_country(exs: Sequence[Extraction], targets: dict, generic: dict) -> dict:
    """Return {mention key: country group} for a generic body's mentions a person of one stated country belongs to.

    "Ostmark's integration commissioner Arvo Tarvel, of the Social Democratic Party" in a story about Veltria:
    the party is Ostmark's, as its member is Ostmark's citizen (both statements of the story at MEMBER_CITIZEN or
    more), not the party of the country the story is about.
    """
    out = {}
    for ex in exs:
        aid = ex.article.id
        citizen: dict = defaultdict(set)  # person group -> the country groups the story says they are a citizen of
        for r in ex.relations:
            if r.predicate == Predicate.citizenOf and r.confidence >= MEMBER_CITIZEN:
                person = targets.get((aid, r.subject.start, r.subject.end))
                country = targets.get((aid, r.object.start, r.object.end))
                if person is not None and country is not None and country[0] == EntityType.Country:
                    citizen[person].add(country)
        if not citizen:
            continue
        for r in ex.relations:
            k = (aid, r.object.start, r.object.end)
            if r.predicate in _MEMBER_PREDICATES and r.confidence >= MEMBER_CITIZEN and targets.get(k) in generic:
                countries = citizen.get(targets.get((aid, r.subject.start, r.subject.end)), ())
                if len(countries) == 1:
                    out[k] = next(iter(countries))
    return out


def _namesake_readings(exs: Sequence[Extraction], targets: dict) -> dict:
    """Return {mention key: container group} for towns their article places in a country other than the default's.

    The article must state the town lies in a country, a US state or a region (locatedIn statements of its
    own, all in one country), the gazetteer must know a town of that name in that country, and the name's
    default reading (the most populous town of that name) must lie elsewhere: "Valencia, Spain" beside
    stories of Venezuela's Valencia, "Paris, Texas" beside stories of the French capital. So for a
    first-level region two countries name alike (a province of one, a state of the other). The reading is
    named by the narrowest container (the state before its country). Every mention of the name in that
    article takes the reading.
    """
    stated: dict = defaultdict(set)  # (article, place group) -> container groups its statements name
    for aid, s, o in stated_locations(exs, targets):
        if s[0] == EntityType.Place and o[0] in (EntityType.Country, EntityType.Place) and container_country(o):
            stated[(aid, s)].add(o)
    readings: dict = {}
    # A town no gazetteer knows that two stories place in two countries is two towns ("Kelmar, a small town in
    # Poland" and "Kelmar, Texas"), each read in its country where a story states it.
    stated_codes: dict = defaultdict(set)  # place group -> the countries its stories place it in
    for (aid, s), containers in stated.items():
        stated_codes[s].update({container_country(o) for o in containers})
    for (aid, s), containers in stated.items():
        codes = {container_country(o) for o in containers}
        if len(codes) != 1:
            continue
        # The most telling container names the reading: "Paris, Texas" is "Paris (Texas)", not "Paris (United
        # States)"; a country stated beside its own state adds nothing.
        container = min(containers, key=lambda o: (o[0] == EntityType.Country, o))
        found, code = gazetteer.city(s[1]) or gazetteer.region(s[1]), next(iter(codes))
        if found is None and len(stated_codes[s]) > 1 and gazetteer.place(s[1]) is None:
            readings[(aid, s)] = container
            continue
        if found is None or found.country_code == code:
            continue
        if any(c.country_code == code for c in gazetteer.cities_named(s[1]) + gazetteer.regions_named(s[1])):
            readings[(aid, s)] = container
    return {k: readings[(k[0], tgt)] for k, tgt in targets.items() if (k[0], tgt) in readings}


_LIST_AFTER = re.compile(r"(?:,| and| or|,? as well as) ")
_LIST_BEFORE = re.compile(r"(?:,| and| or|,? as well as) $")


#: Bare names two countries share -> (the country news means by them, what in an article names the other).
#: The population prior, as for places: "Congo", "the Congo" and "Congolese" are the Democratic Republic
#: (about 100 million people) unless the article names the Republic of the Congo (about 6 million, ISO's
#: short name "Congo") or its capital. Kept in linking: the extraction models read the gazetteer's answer.
_SHARED_NAMES = {
    "congo": ("Democratic Republic of the Congo",
              re.compile(r"Brazzaville|(?<!Democratic )\bRepublic of (?:the )?Congo\b")),
}
_SHARED_NAMES["the congo"] = _SHARED_NAMES["congolese"] = _SHARED_NAMES["congo"]


#: A bare name news writes for one of two countries and no gazetteer lists -> (the one it means, what in an
#: article names the other, the other, what names the first). "Korea's exports", the "Bank of Korea": South
#: Korea, unless the story names the North (or its capital) and not the South.
_BARE_COUNTRY = {
    "korea": ("South Korea", re.compile(r"\bNorth Korea|\bPyongyang\b|\bDPRK\b"), "North Korea",
              re.compile(r"\bSouth Korea|\bSeoul\b|\bROK\b")),
}


def _bare_country(written: str, text: str) -> str | None:
    """Return the country a bare name no gazetteer lists means in this article ("Korea"), or None."""
    hit = _BARE_COUNTRY.get(gazetteer.norm(written))
    if hit is None:
        return None
    usual, other_named, other, usual_named = hit
    return other if other_named.search(text) and not usual_named.search(text) else usual


def _larger_namesake(written: str, text: str) -> str | None:
    """Return the larger country a bare shared name means in this article ("Congo"), or None."""
    hit = _SHARED_NAMES.get(written.casefold().strip())
    if hit is None or hit[1].search(text):
        return None
    return hit[0]


def _with_country_before(text: str, start: int, name: str, countries: dict) -> str | None:
    """Return "US Coast Guard" for an organization tagged "Coast Guard" right after a country tagged "US", else None.

    Extraction splits a country off the front of an organization's name (so that the organization is based
    there); the name as the article wrote it stays one of the organization's names.
    """
    written = countries.get(start - 1)
    if written is None or text[start - 1] != " " or not written[:1].isupper():
        return None
    return f"{written} {name}"


#: A capitalized word that may be a piece of a person's name: one capital, then lowercase letters, hyphenated
#: parts capitalized too ("Toure", "Karl-Theodor"; not "Film-maker"); not an acronym, not a number.
_NAME_WORD = re.compile(r"[A-Z][a-z\u00df-\u00ff]+(?:-[A-Z][a-z\u00df-\u00ff]+)*")

#: Capitalized words that sit beside a name without being part of it: days and months.
_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december""".split())

#: A name's piece is written capitalized at least this many times per lowercase use in the corpus.
NAME_PIECE_RATIO = 4


def _name_piece(word: str, case: dict) -> bool:
    """True for a word that may complete a person's name: capitalized, never a title, role, place, day or common word."""
    w = word.casefold()
    # "Brigadier-General", "Republican" (a party's member: "Republicans" is an organization word) are no name.
    if not _NAME_WORD.fullmatch(word) or any(part in TITLES for part in w.split("-")) or w.replace("-", "") in TITLES \
            or f"{w}s" in ORG_WORDS \
            or w in CONNECTIVES or w in _CALENDAR or w in ORG_WORDS or w in _ROLE_WORDS \
            or w in _PRONOUNS or gazetteer.place(word) is not None or gazetteer.is_demonym(word) \
            or gazetteer.country(word) is not None:
        return False
    if w in _common_words():
        return False  # "State", "Presidents": words news writes in lower case, learned in training
    low, cap = case.get(w, (0, 0))
    return cap >= NAME_PIECE_RATIO * low


def _common_words() -> frozenset:
    """Return the words the shipped entity model learned news writes in lower case (empty without a model)."""
    lex = _lexicon()
    return lex.common if lex is not None else frozenset()


#: How far (characters) either side of a mention its line is read: a text of one huge line costs no more.
LINE_REACH = 400


def _title_case_line(text: str, start: int) -> bool:
    """True when the line holding ``start`` is a headline: most of its longer words capitalized, no full stop."""
    lo, hi = max(0, start - LINE_REACH), min(len(text), start + LINE_REACH)
    i, j = text.rfind("\n", lo, start), text.find("\n", start, hi)
    line = text[i + 1 if i >= 0 else lo:j if j >= 0 else hi]
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return not re.search(r"[.!?]\s|[.!?]$", line.strip()) and 2 * sum(w[0].isupper() for w in words) > len(words)


def _whole_person_name(text: str, start: int, end: int, spans: list, case: dict) -> str:
    """Return a person's name with the capitalized words spaCy left beside it that are pieces of a name.

    "Prime Minister Tavi Orvanen Keskmaa" tagged "Orvanen Keskmaa", "Tavi Orvanen Keskmaa said" tagged
    "Tavi Orvanen": a word beside it, on its line and covered by no other mention, completes it when the
    corpus writes it capitalized (NAME_PIECE_RATIO), news at large does not write it in lower case (the
    entity model's lexicon) and it is no title, party member, place, day or nationality (:func:`_name_piece`).
    A headline's capitals prove nothing. At most two words before and one after.
    """
    name = text[start:end]
    if _title_case_line(text, start):
        return name
    i = bisect.bisect_left(spans, (start, end))
    prev_end = spans[i - 1][1] if i > 0 else -1
    next_start = spans[i + 1][0] if i + 1 < len(spans) else len(text) + 1
    for _ in range(2):  # "Abed Rabbo Mansur Hadi" tagged "Mansur Hadi"
        before = re.search(r"(?:^|(?<=[\s(]))([^\W\d_][\w-]*) $", text[max(0, start - 40):start])
        at = start - len(before.group(0)) if before is not None else start
        if before is None or at < prev_end or not _name_piece(before.group(1), case):
            break
        opens = re.search(r"(?:^|[.!?\n]\s*)$", text[max(0, at - 3):at])
        if opens and f"{before.group(1).casefold()}s" in _common_words():
            break  # "Firefighter Ana Berg died": a sentence's first word whose plural news writes in lower case
        name, start = f"{before.group(1)} {name}", at
    after = re.match(r" ([^\W\d_][\w-]*)(?=[\s.,;:!?)'\u2019]|$)", text[end:end + 40])
    if after is not None and end + len(after.group(0)) <= next_start and _name_piece(after.group(1), case):
        name = f"{name} {after.group(1)}"
    return name


#: Office words that, written capitalized right after a name, make it part of an office's title ("... Minister").
_OFFICE_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+){0,2}(?:Minister|Commissioner|Secretary|Spokesman|Spokeswoman|"
                           r"Spokesperson|Minster)\b")


#: " and " and a given name and a surname right after a lone given name: "Anton and Josef Brennick".
_AND_FULL_NAME = re.compile(r" and ([^\W\d_][\w-]*) ([^\W\d_][\w-]*)(?=[\s.,;:!?)'\u2019]|$)")


def _shared_surname(text: str, m, persons_at: dict) -> str | None:
    """Return a lone given name with the surname of the full name "and" joins to it, or None.

    "The brothers Anton and Josef Brennick", "Aleksei and Viktoria Tarvel were arrested": news writes the
    surname two people share once, after both given names. Only when the one word and the first word of the
    full name after "and" (tagged a person, given name and surname) are given names the entity model learned
    and the surname is none; read outside sports stories only, where players go by one name ("Rafael and
    Arvo Keskula" are two players).
    """
    if " " in m.text or not m.text[:1].isupper():
        return None
    after = _AND_FULL_NAME.match(text, m.end)
    if after is None:
        return None
    other = persons_at.get(after.start(1))
    if other is None or other.end != after.end(2):
        return None
    given = _given_names()
    if m.text.casefold() not in given or after.group(1).casefold() not in given \
            or after.group(2).casefold() in given:
        return None
    return f"{m.text} {after.group(2)}"


def _office_field(text: str, end: int, written: str) -> bool:
    """True when a state's or body's name, then an office's field, is written right before the office.

    "TU Fishing Commissioner Arvo Keskula", "Veltrian Consumer Affairs Minister Ilse Tarvel": extraction
    tagged "TU Fishing" or "Veltrian Consumer", which names no body. The first word is an acronym, a
    country or a demonym; the words after it are common or institution words and none a body's head
    ("Veltrian Interior Ministry spokesman" names the ministry).
    """
    words = written.split()
    if len(words) < 2 or _OFFICE_AFTER.match(text, end) is None:
        return False
    if not (_all_caps(words[0]) or gazetteer.country(words[0]) is not None or gazetteer.is_demonym(words[0])):
        return False  # "Homeland Security Secretary": a department's own name before its head's title
    common = _common_words()
    return all(w.casefold() not in ORG_WORDS and w.casefold() not in _NATIONAL_HEADS
               and (w.casefold() in common or w.casefold() in _INSTITUTION_WORDS or w.casefold() in TITLES)
               for w in words[1:])


#: A byline's label right before a name: "Author: ", "Editor: ", "Interview: ".
_BYLINE = re.compile(r"(?:^|(?<=[\s)]))(?:Authors?|Editors?|Interview|Reporters?|Reporting|Compiled by|Written by) ?: ?$")

#: How far from the end of the text a byline's name may start.
BYLINE_TAIL = 80


def _in_byline(text: str, start: int) -> bool:
    """True when a name follows a byline's label in the story's closing words, no sentence after it
    ("... as he said. Author: Arvo Keskula (ak) Editor: Ilse Tarvel"): the journalists, not the news.
    "Interview: Arvo Keskula" opening a story names the one interviewed and stays."""
    if _BYLINE.search(text[max(0, start - 20):start]) is None:
        return False
    rest = text[start:].rstrip()
    return len(rest) <= BYLINE_TAIL and re.search(r"[.!?:]\s+[A-Z]", rest.replace("Editor: ", "").replace(
        "Author: ", "")) is None


#: A picture credit's bracket up to a name: an agency or site and a slash before it, "(Tarsk Press/", "(dpa/".
_CREDIT_BEFORE = re.compile(r"\((?:[^()\n/]{1,30}/)+\s*$")
#: The rest of a picture credit's bracket after a name: more credits after slashes, then the bracket's end.
_CREDIT_AFTER = re.compile(r"\s*(?:/[^()\n/]{1,30})*\)")


def _in_picture_credit(text: str, start: int, end: int) -> bool:
    """True for a name after a slash in a bracket of credits ("(CPA/Ivo Renn)", "(picture-alliance/dpa/T. Rask)"),
    or after a credit's label ("(Photo: Ivo Renn/Reuters)", "Photograph: Ivo Renn / AP" on its own line), or
    after an agency in capitals and a slash closing a line ("REUTERS/Ivo Renn"): the photographer a caption credits, no one the news is about. A slash opens no name in news prose, nor does
    "Photo:" in a bracket or at a line's start."""
    if _CREDIT_LABEL.search(text[max(0, start - 30):start]) is not None \
            and _CREDIT_LABEL_AFTER.match(text, end) is not None:
        return True
    if _AGENCY_SLASH.search(text[max(0, start - 30):start]) is not None and _LINE_END.match(text, end) is not None:
        return True  # "... in Ostgrad. REUTERS/Ivo Renn" closing a caption's line: the wire's photographer
    return _CREDIT_BEFORE.search(text[max(0, start - 80):start]) is not None \
        and _CREDIT_AFTER.match(text, end) is not None


#: An agency in capitals and a slash right before a name ("REUTERS/", "AFP / "): a wire photo's credit.
_AGENCY_SLASH = re.compile(r"(?<![\w/])[A-Z]{2,}[ \t]*/[ \t]*$")
#: Nothing but spaces up to the line's end.
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")


#: A picture credit's label opening a bracket or a line: "(Photo: ", "Photograph: ", "(Picture credit: ".
_CREDIT_LABEL = re.compile(r"(?:^|\n|\()[ \t]*(?:Photo(?:graph)?s?|Pictures?|Images?|Fotos?|Credits?)"
                           r"(?: credits?)?[ \t]*:[ \t]*$", re.IGNORECASE)
#: What closes a credited name: an agency after a slash, the bracket, or the line's end.
_CREDIT_LABEL_AFTER = re.compile(r"[ \t]*(?:/|\)|\n|$)")


def _person_runs(ex: Extraction) -> dict:
    """Return (start, end) -> the whole name, for a given name and a surname tagged as two persons side by side.

    "President Karl Keskmaa" tagged "President Karl" and "Keskmaa", "(Hans-Otto von Tarsk)" tagged
    "Hans-Otto" and "von Tarsk": two persons are never written with a single space between them (a list
    has a comma or "and"). Only a given name the entity model learned (titles cut) right before a one-word
    surname, or one after a particle ("von Tarsk"), is joined: longer runs may hold a name the corpus writes
    otherwise, and a role the titles keep ("Striker Keskmaa") is no given name. On DWIE 151-302 three junk
    pieces fewer; without the given-name test, a split more on 453-602.
    """
    text = ex.article.text
    runs: dict = {}
    persons = sorted((m for m in ex.mentions if m.type == EntityType.Person), key=lambda m: (m.start, m.end))
    for a, b in zip(persons, persons[1:]):
        if b.start != a.end + 1 or text[a.end] != " ":
            continue
        given = clean_name(a.text, EntityType.Person)
        last = b.text.split()
        if b.name != b.text or a.name not in (a.text, given):
            continue  # extraction read a piece as a name written elsewhere in the story: its reading stands
        if given is None or " " in given or not given[:1].isupper() or not last[-1][:1].isupper() \
                or not (len(last) == 1 or len(last) == 2 and last[0] in _PARTICLES) \
                or given.split("-")[0].casefold() not in _given_names():
            continue  # "Striker Keskmaa": a role the titles do not cut is no given name
        whole = text[a.start:b.end]
        runs[(a.start, a.end)] = runs[(b.start, b.end)] = whole
    return runs


#: Forms of address that say whether a man or a woman is meant ("Mr Keskula", "Frau Keskula").
_ADDRESS_SEX = {**dict.fromkeys("mr herr sir lord monsieur senor signor".split(), "m"),
                **dict.fromkeys("mrs ms miss mme madam madame frau dame lady senora signora".split(), "f")}
#: A form of address right before a name, or opening the mention ("Mrs Keskula").
_ADDRESS_BEFORE = re.compile(r"\b([A-Z][a-z]{1,7})\.? $")
#: Relatives' nouns that say whether a man or a woman is meant.
_KIN_SEX = {**dict.fromkeys("husband son brother father uncle nephew grandson grandfather widower fiance".split(), "m"),
            **dict.fromkeys("wife daughter sister mother aunt niece granddaughter grandmother widow fiancee".split(), "f")}
#: Those nouns as a regular expression's alternatives ("fiancé" with or without its accent), and with "cousin".
_KIN_SEXED = "|".join(sorted(k for k in _KIN_SEX if not k.startswith("fianc")) + ["fianc[\u00e9e]e?"])
_KIN_WORDS = _KIN_SEXED + "|cousin"
#: A relative's noun before a name, with an article and up to two lower-case words between ("her husband, the
#: architect Tavo Keskula"); a name that opens a list after it ("his wife and Tavo Keskula") is not meant.
_KIN_SEX_BEFORE = re.compile(rf"\b({_KIN_SEXED}),? "
                             r"(?:(?:the|a|an) )?(?:(?!(?:and|or|with|of|to|by|for|from|in|on|at|as)\b)[a-z][\w-]* ){0,2}$")
#: "Tavo Keskula and his wife", "Ilse Keskula and her son": the name's own possessive.
_OWN_POSSESSIVE = re.compile(r",? and (his|her) ")
#: A relative's noun in an apposition right after a name: "Tavo Keskula, the mayor's brother", "..., her son".
_KIN_SEX_AFTER = re.compile(rf", (?:the|his|her|their|[A-Z][\w-]*['\u2019]s?|the [a-z][\w-]*['\u2019]s?) ({_KIN_SEXED})\b")


def _address_sex(text: str, start: int, end: int) -> str | None:
    """Return "m" or "f" when a form of address opens a person's mention or stands right before it, else None."""
    first = text[start:end].split(maxsplit=1)[0].rstrip(".").casefold() if text[start:end].strip() else ""
    if first in _ADDRESS_SEX:
        return _ADDRESS_SEX[first]
    m = _ADDRESS_BEFORE.search(text[max(0, start - 10):start])
    return _ADDRESS_SEX.get(m.group(1).casefold()) if m else None


#: What a person's name is followed by that says the person's sex: "Keskula said she", "Keskula, the mayor, said
#: he", "Keskula and his wife".
_SEX_AFTER = re.compile(r",? and (his|her) |(?:, [^,.;:\n]{1,60},)? (?:said|says|added|explained|stressed|insisted|"
                        r"warned|argued|admitted|announced|claimed|denied|hoped|told reporters),? (?:that )?(he|she)\b")
#: A role noun right before a name that says the person's sex ("spokeswoman Keskula", "Queen Ilse").
_SEXED_ROLE_BEFORE = re.compile(r"\b(spokeswoman|chairwoman|congresswoman|businesswoman|actress|queen|princess|"
                                r"duchess|empress|king|prince|duke|emperor),? $", re.IGNORECASE)
_SEXED_ROLES = {**dict.fromkeys("spokeswoman chairwoman congresswoman businesswoman actress queen princess duchess "
                                "empress".split(), "f"), **dict.fromkeys("king prince duke emperor".split(), "m")}


def _written_sex(text: str, start: int, end: int) -> str | None:
    """Return "m" or "f" when the words right around a person's mention say the sex, else None.

    A form of address ("Ms Keskula"), a role noun of one sex before it ("spokeswoman Keskula"), the name's own
    possessive after it ("Keskula and her son") or a pronoun right after a verb of saying ("Keskula said he").
    """
    sex = _address_sex(text, start, end)
    if sex is not None:
        return sex
    role = _SEXED_ROLE_BEFORE.search(text[max(0, start - 20):start])
    if role is not None:
        return _SEXED_ROLES[role.group(1).casefold()]
    after = _SEX_AFTER.match(text, end)
    if after is not None:
        return "m" if (after.group(1) or after.group(2)) in ("his", "he") else "f"
    return None


def _stated_sexes(ex: Extraction) -> dict:
    """Return the normalized full names of an article's persons -> "m" or "f", where the article says which.

    Said by a form of address ("Mrs Ilse Keskula"), a relative's noun before the name ("his wife Ilse
    Keskula", "her husband, the architect Tavo Keskula") or in an apposition after it ("Tavo Keskula, the
    mayor's brother"), or the name's own possessive after it ("Tavo Keskula and his wife"). A name the
    article says both of is left out.
    """
    text = ex.article.text
    said: dict = defaultdict(set)
    for m in ex.mentions:
        if m.type != EntityType.Person or " " not in m.name.strip() or " " not in (clean_name(m.text, m.type) or ""):
            continue  # "Mr Keskula" that extraction read as "Ilse Keskula" says nothing of her
        sex = {_address_sex(text, m.start, m.end)}
        kin = _KIN_SEX_BEFORE.search(text[max(0, m.start - 40):m.start])
        if kin is not None:
            sex.add(_KIN_SEX.get(kin.group(1).replace("\u00e9", "e")))
        own = _OWN_POSSESSIVE.match(text, m.end)
        if own is not None:
            sex.add("m" if own.group(1) == "his" else "f")
        kin = _KIN_SEX_AFTER.match(text, m.end)
        if kin is not None:
            sex.add(_KIN_SEX.get(kin.group(1).replace("\u00e9", "e")))
        said[gazetteer.norm(m.name)] |= sex - {None}
    return {n: next(iter(x)) for n, x in said.items() if len(x) == 1}


def _addressed_person(ex: Extraction, m: Mention, raw: str, sexes: dict) -> str:
    """Return the person a lone surname after a form of address means in its article: the one full name of that
    surname the article does not say is of the other sex ("Mr Keskula" after "Tavo Keskula and his wife Ilse
    Keskula" is Tavo).

    Whatever extraction or the last-named rule read: both read a lone surname as the person named last before it.
    Left as it was when the form of address says no sex, the article says no one's, or none or two names fit.
    """
    words = m.text.split()
    sex = _address_sex(ex.article.text, m.start, m.end)
    if sex is None or len(words) > 2 or not words or not words[-1][:1].isupper():
        return raw
    surname = gazetteer.norm(words[-1])
    fulls = {n for n in {gazetteer.norm(x.name) for x in ex.mentions if x.type == EntityType.Person}
             if " " in n and n.split()[-1] == surname}
    if not fulls or not any(n in sexes for n in fulls):
        return raw
    fits = [n for n in fulls if sexes.get(n, sex) == sex]
    if gazetteer.norm(raw) in fits:
        return raw
    if len(fits) == 1:
        return next(x.name for x in ex.mentions if x.type == EntityType.Person and gazetteer.norm(x.name) == fits[0])
    return raw


#: A settlement's noun right after a name ("the Ostmark city council", "Ostmark town hall"): the name is a town's.
_SETTLEMENT_AFTER = re.compile(r"[ -](?:city|town|village|municipality|municipal|county|district|province|region)\b")


def _town_not_person(text: str, m) -> bool:
    """True for a one-word mention extraction read as a person named in full elsewhere in its story ("Ostmark" as
    "Peter Ostmark") that the text writes as a town: a settlement's noun right after it, or after "the mayor of",
    "the streets of" and such. Not after "in": "swears in Keskula as president", "in the Keskula affair"."""
    if " " in m.text.strip() or not m.text[:1].isupper() or " " not in m.name.strip():
        return False
    return _SETTLEMENT_AFTER.match(text, m.end) is not None \
        or _TOWN_OF.search(text[max(0, m.start - 30):m.start]) is not None


def _full_name_surnames(cleaned: dict, kinds: dict) -> set:
    """Return (article, normalized surname) of every person mention named in full (two or more words)."""
    return {(k[0], gazetteer.norm(name.split()[-1])) for k, (name, _a) in cleaned.items()
            if kinds[k] == EntityType.Person and " " in name}


def _heavier_first(groups: dict):
    """Return a sort key that puts the group with the most mentions first (ties by key): the one a join keeps."""
    return lambda g: (-sum(groups[g].names.values()), g)


def _person_edges(exs: Sequence[Extraction], full_names: bool = False) -> dict:
    """Return, per article, where its person mentions start and where they end (with ``full_names``, names of 2+ words)."""
    out = {}
    for ex in exs:
        # "President Drazen" is no full name: a title is no given name
        ms = [m for m in ex.mentions if m.type == EntityType.Person and (
            not full_names or sum(w.rstrip(".").casefold() not in TITLES for w in m.text.split()) >= 2)]
        out[ex.article.id] = (frozenset(m.start for m in ms), frozenset(m.end for m in ms))
    return out


def _listed_with_person(text: str, s: int, e: int, edges: tuple) -> bool:
    """True when a mention is listed beside a person's ("Keskula and Tarvo", "Tarvo, Keskula"): one of a kind."""
    starts, ends = edges
    after = _LIST_AFTER.match(text, e)
    if after is not None and after.end() in starts:
        return True
    before = _LIST_BEFORE.search(text[max(0, s - 13):s])
    return before is not None and s - len(before.group(0)) in ends


#: A kinship noun right before a name ("his brother, Velmo", "her daughter Mia"): the relative's given name.
_KIN_BEFORE = re.compile(rf"\b(?:{_KIN_WORDS})s?,?\s+$")


#: A relative's noun in an apposition right after a name: "Tavo Keskula, her husband, ...", "Tavo Keskula, the
#: minister's son".
_KIN_AFTER = re.compile(rf",? (?:his|her|their|the|a) (?:[\w'\u2019-]+ ){{0,2}}?(?:{_KIN_WORDS})\b")


def _states_written(ex: Extraction) -> set:
    """Return the US state names an article writes with "state" after them, and never as a city ("Tarsk, D.C.").

    A state named like a large American city ("Washington") is the state also where its article writes it
    "X State", after an American town ("SPOKANE, X") or with a governor: else bare "X" is mostly the city.
    """
    text = ex.article.text
    out = {m.name for m in ex.mentions if m.type in (EntityType.Place, EntityType.Country)
           and gazetteer.us_state_name(m.name) and _STATE_AFTER.match(text, m.end)}
    for m in ex.mentions:
        if m.type not in (EntityType.Place, EntityType.Country, EntityType.Organization):
            continue
        bare = m.text[:-len(" State")] if m.text.endswith(" State") else m.text
        if _city_named_state(bare) and (
                bare != m.text or _STATE_WORD_AFTER.match(text, m.end)
                or m.type != EntityType.Organization and (_after_us_town(text, m.start)
                                                         or _GOVERNOR_AFTER.match(text, m.end)
                                                         or _GOVERNOR_BEFORE.search(text[max(0, m.start - 30):m.start]))):
            out.add(gazetteer.us_state_name(bare))
        elif m.type == EntityType.Place and _city_named_region(m.text) \
                and (_REGION_STATE_AFTER.match(text, m.end) or _STATE_OF_BEFORE.search(text[max(0, m.start - 20):m.start])):
            out.add(m.text)  # "floods across Tarsk state", "the state of Tarsk": not the city of Tarsk
    return {n for n in out if not re.search(re.escape(n) + r",? (?:D\.?C\b|City\b)", text)}


#: "state" closing a phrase after a region's name ("in Tarsk state.", "Tarsk state's governor", "Tarsk state
#: declared"); not as a modifier ("the Tarsk state parliament" is also said of a city that is a state).
_REGION_STATE_AFTER = re.compile(r" state(?:['\u2019]s\b|(?=[,.;:)\n]|$| and\b| (?:has|had|is|was|will|would|declared|said)\b))")

#: "the state of" before a region's name, not "city-state of".
_STATE_OF_BEFORE = re.compile(r"(?<![-\w])state of $")


#: "state" after a country's name that makes it its namesake state ("Mexico state governor", "in Mexico state.").
_COUNTRY_STATE_AFTER = re.compile(r" state(?:['\u2019]s\b| governor\b|(?=[,.;:)\n]|$| and\b))")


def _country_state(text: str, m) -> bool:
    """True for a country's name written as its namesake first-level state ("the state of Mexico", "Mexico state")."""
    if gazetteer.country(m.text) is None or gazetteer.country_named_region(m.text) is None:
        return False
    return bool(_STATE_OF_BEFORE.search(text[max(0, m.start - 20):m.start]) or _COUNTRY_STATE_AFTER.match(text, m.end))


@lru_cache(maxsize=None)
def _city_named_region(name: str) -> bool:
    """True for a city's name that a first-level region of its country outside the US shares ("Sao Paulo", "Lagos",
    "Salzburg"): a city of STATE_NAMESAKE_CITY people or more, as for a US state's namesake city."""
    town = gazetteer.city(name)
    return town is not None and town.population >= STATE_NAMESAKE_CITY and gazetteer.us_state_name(name) is None \
        and any(r.country_code == town.country_code for r in gazetteer.regions_named(name))


#: "State" after a state's name, not opening a longer name ("Washington State University").
_STATE_WORD_AFTER = re.compile(r" State\b(?! [A-Z])")

#: A US state shares its name with an American city of at least this many people ("Washington"): bare, the city.
STATE_NAMESAKE_CITY = 100_000


@lru_cache(maxsize=None)
def _city_named_state(name: str) -> bool:
    """True for a US state's name that an American city of its own name shares ("Washington", not "Texas")."""
    return gazetteer.us_state_name(name) is not None and any(
        c.country_code == "US" and c.population >= STATE_NAMESAKE_CITY for c in gazetteer.cities_named(name))


#: The key suffix of a one-word person name's match-report reading.
_SPORT_READING = ("sport",)
_WOMEN_READING = ("women",)

#: What a national team's label adds to its country's name: "Veltria (national team)" beside the country
#: "Veltria" tells the two apart on the page and in query results, where both read "Veltria" before.
NATIONAL_TEAM = "national team"


def national_team_name(name: str) -> bool:
    """True for a team name that is a country's own ("Veltria", "Holland"), not also a city's of that country.

    A city-state's name is its city's too, and a club of that city carries it ("Monaco" for AS Monaco in a
    match report): which of the two teams a story means the name does not say, so it stays unqualified.
    """
    c = gazetteer.country(name)
    return c is not None and not gazetteer.is_demonym(name) \
        and not any(t.country_code == c.iso_code for t in gazetteer.cities_named(name))


#: "women's" written this often makes a sports story a women's one (its teams are the women's teams).
WOMEN_MIN = 3
_WOMEN = re.compile(r"\bwomen['\u2019]?s?\b", re.IGNORECASE)


#: A capitalized word in brackets right after a place's name, telling it from a namesake ("Tarsk (Velt)");
#: an acronym there names something else ("Tarsk (VIF)": an institute in Tarsk).
_PLACE_QUALIFIER = re.compile(r" ?\(([A-Z][a-z][\w\-]*)\)")


def _qualified_places(ex: Extraction) -> dict:
    """Return {place name: the name with its qualifier} for places an article writes with one ("Tarsk (Velt)").

    "Frankfurt (Oder)" is not the Frankfurt on the Main: the article names the
    other town, in brackets once and then often without them. A name written
    with two different qualifiers in one article is left alone.
    """
    found: dict = defaultdict(set)
    # "BERLIN (Tarsk News) -": a dateline's agency in brackets is no qualifier of the place.
    named = {m.start for m in ex.mentions if m.type in (EntityType.Organization, EntityType.Person)}
    for m in ex.mentions:
        q = _PLACE_QUALIFIER.match(ex.article.text, m.end) if m.type == EntityType.Place else None
        if q is not None and m.text == m.name and "(" not in m.name and q.start(1) not in named:
            found[m.name].add(f"{m.name} ({q.group(1)})")
    return {n: next(iter(qs)) for n, qs in found.items() if len(qs) == 1}


#: Head words of an institution every country has: a generic name ending in one is read in its article's country.
#: Political families' names among them ("Labour" alone in a story about Norway is not Britain's).
_NATIONAL_HEADS = frozenset("""ministry ministries senate court parliament government cabinet police party democrats
army navy assembly congress green greens liberals conservatives socialists communists republicans labour labor""".split())
#: Words of generic institution names that the corpus writes capitalized ("Supreme Court", "Christian Democrats").
_INSTITUTION_WORDS = frozenset("""supreme constitutional federal national central social democratic christian
communist socialist liberal conservative free green greens labour labor people's peoples republican high upper lower
state affairs""".split())


#: Words at most between a country (or demonym) and a generic institution name it qualifies, with no
#: punctuation between ("Veltria's Interior Ministry", "Veltrian Communist and Green parties").
COUNTRY_GAP_WORDS = 2


def _owner_country(prefix: str):
    """Return (country group, its name) for a name's cut prefix ("Veltria's ", "Veltrian "), or None."""
    p = re.sub(r"['\u2019]s$", "", prefix.strip())
    c = gazetteer.country(p) or (gazetteer.demonym(p) if gazetteer.is_demonym(p) else None)
    return ((EntityType.Country, gazetteer.norm(c.name)), c.name) if c is not None else None


def _owner_written_before(text: str, start: int, name: str):
    """Return (country group, its name) for a country or demonym written right before a state body, or None.

    Extraction may leave "Veltrian" out of "the Veltrian Defense Ministry"; the words it left say whose
    ministry it is as they do inside the name, in any story.
    """
    words = name.casefold().split()
    if not words or words[-1] not in STATE_BODY_HEADS or not _institution_words(" ".join(words)):
        return None
    before = re.search(r"((?:[A-Z][\w.\u2019'-]*\s+){1,3})$", text[max(0, start - 60):start])
    if before is None:
        return None
    caps = before.group(1).split()
    if caps[-1].endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", caps[-1]):
        return None  # "... in Veltria. Defense Ministry officials": a sentence ended there ("U.S." did not)
    for i in range(len(caps)):  # the longest run of capitalized words first: "South Korean"
        owner = _owner_country(" ".join(caps[i:]))
        if owner is not None:
            return owner
    return None


def _country_before(text: str, start: int, countries: list):
    """Return the country group named just before ``start`` (COUNTRY_GAP_WORDS words, no punctuation), or None."""
    i = bisect.bisect_right(countries, (start, (chr(0x10FFFF),)))
    while i > 0:
        end, gid = countries[i - 1]
        if end > start:
            i -= 1
            continue
        gap = text[end:start]
        return gid if len(gap.split()) <= COUNTRY_GAP_WORDS and not re.search(r"[,.!?;:()\n]", gap) else None
    return None


def _home_body(n: str) -> bool:
    """True for a ministry's or force's generic name ("interior ministry", "police"): read in its story's country.

    A story about another country that names the main reading's country once ("Veltrian troops") still means
    its own country's ministry; a congress, parliament or court of a power is named abroad ("Congress" in a
    story about Ostmark is still Veltria's), so those keep the main reading.
    """
    words = n.split()
    return bool(words) and words[-1] in _HOME_BODIES


#: Heads of a generic state body a story names for its own country (see :func:`_home_body`).
_HOME_BODIES = frozenset("ministry police army navy".split())


def _country_in_name(name: str, groups: dict, uf: _UnionFind, generic: set):
    """Return (the generic body's group, (country group, its name)) for a name made of a country and a generic
    name the corpus reads per country ("Swedish Social Democratic Party", "Labour Party of Norway"), or None."""
    words = name.split()
    head, of, rest = name.rpartition(" of ")
    if of and head and gazetteer.country(rest) is not None:
        owner, base = _owner_country(rest), head  # "Social Democratic Party of Sweden"
    elif len(words) > 2 and gazetteer.is_demonym(words[0]):
        owner, base = _owner_country(words[0]), " ".join(words[1:])  # "Swedish Social Democratic Party"
    else:
        return None
    key = gazetteer.norm(base)
    if owner is None or not _institution_words(key):
        return None
    low = key.split()
    # "Social Democratic Party" is what news also calls "the Social Democrats"
    keys = [key] + ([" ".join(low[:-2] + ["democrats"])] if len(low) >= 3 and low[-1] == "party"
                    and low[-2] == "democratic" else [])
    for n in keys:
        g = (EntityType.Organization, n)
        if g in groups and uf.find(g) in generic:
            return uf.find(g), owner
    return None


def _national_institution(gid: tuple, g: Group, case: dict) -> bool:
    """True for an organization named only with common words and an institution head ("Interior Ministry")."""
    t, n = gid[:2]
    if t != EntityType.Organization:
        return False
    words = [w for w in n.replace("-", " ").split() if w not in _NAME_LINKS]
    head, of, _rest = n.partition(" of ")
    # "National Bureau of Statistics": the head of a name "X of Y" is X's last word.
    of_head = of and head.split()[-1] in _NATIONAL_OF_HEADS
    heads = _NATIONAL_OR_PARTY_HEADS
    if not words or words[-1] not in heads and words[0] not in _NATIONAL_HEADS and not of_head:
        return False
    if _SUPRANATIONAL.intersection(words):
        return False  # "International Criminal Court": one body of many states, whatever country a story is about
    for w in words:
        if _country(w) is not None:
            return False  # "US Federal Bureau": the name says its country, though "us" is a word news writes in lower case
        low, cap = case.get(w, (0, 0))
        # A word news writes in lower case: by this corpus, or by the entity model (a small corpus may not tell).
        if not (w in heads or w in _NATIONAL_OF_HEADS or w in _INSTITUTION_WORDS or w in TITLES
                or w in ORG_WORDS or low >= cap > 0 or w in _common_words()):
            return False
    return True


#: Heads of a party's name that many countries' parties share when the words before are common ones: "National
#: Front" in a story about Ostmark is not the one of Veltria's stories. Not a head of a short name
#: (`_NATIONAL_HEADS`): "Velm Front" alone is still the corpus' "Al-Velm Front".
_GENERIC_PARTY_HEADS = frozenset(("front",))
_NATIONAL_OR_PARTY_HEADS = _NATIONAL_HEADS | _GENERIC_PARTY_HEADS


#: Heads of a state's office named "X of Y" with common words: every country has a "National Bureau of
#: Statistics" or a "Federal Office of Civil Protection", one per country as a ministry is. Not "Department of
#: Justice": DWIE 1-602 names the US one in stories about Germany, where the article's country would be read.
_NATIONAL_OF_HEADS = frozenset("bureau office ministry".split())


#: Words that make an institution's generic name one body of many states, never a country's own.
_SUPRANATIONAL = frozenset("international european world global intergovernmental transnational".split())


def home_reading(gid: tuple) -> tuple | None:
    """Return the country group a group was read in ("Interior Ministry (Veltria)"), or None."""
    return gid[2:] if len(gid) == 4 and gid[2] == EntityType.Country else None


def state_body(name: str) -> bool:
    """True for the generic name of a state's own body: a ministry, court, parliament, army ("Supreme Court").

    Not a party's ("Greens", "Social Democrats"): a story about one country names another's parties, and
    the country a story is about is then no party's home.
    """
    head, of, _rest = name.partition(" of ")
    words = head.replace("-", " ").lower().split()
    if not words:
        return False
    return words[-1] in STATE_BODY_HEADS or words[-1] == "assembly" or bool(of) and words[-1] in _NATIONAL_OF_HEADS


def _institution_words(n: str) -> bool:
    """True for a name made only of institution words ("Christian Democratic Union"), no place or person in it."""
    return all(w in _NATIONAL_HEADS or w in _INSTITUTION_WORDS or w in ORG_WORDS or w in TITLES or w in _NAME_LINKS
               for w in n.replace("-", " ").split())


#: Countries whose national legislature English news calls "Congress" (and India, whose Congress is a party):
#: the US, the Philippines, Brazil, Spain and the Spanish-speaking Americas, where a legislature is a
#: "Congreso" now or was one (Venezuela's until 1999). A story's "Congress" is one of these the story names,
#: not its own country's when that has none.
_CONGRESS_COUNTRIES = frozenset("""US PH BR ES IN MX GT HN SV NI CR PA CU DO PR CO VE EC PE BO PY CL AR
UY""".split())


def _congress_home(name: str, home: tuple, countries: list):
    """Return the country group whose "Congress" a generic congress name is, when not ``home``'s (or None).

    A story about Ostmark, whose parliament has another name, that names Veltria (which has a Congress)
    means Veltria's Congress: the named country of :data:`_CONGRESS_COUNTRIES` the story names most often.
    """
    words = name.split()
    if not words or words[-1] != "congress" or _has_congress(home):
        return None
    c = Counter(g for _e, g in countries if _has_congress(g))
    return min(c, key=lambda g: (-c[g], g)) if c else None


def _has_congress(gid: tuple) -> bool:
    """True for a country group whose national legislature (or main party) is called Congress."""
    place = gazetteer.country(gid[1])
    return place is not None and place.iso_code in _CONGRESS_COUNTRIES


def _main_home(gid: tuple, groups: dict, home: dict, articles=None):
    """Return the country most of a group's articles (or of ``articles``) are about (ties by name), or None."""
    c = Counter(home[a] for a in (groups[gid].articles if articles is None else articles) if a in home)
    return min(c, key=lambda h: (-c[h], h)) if c else None


def _home_countries(targets: dict, groups: dict) -> dict:
    """Return article id -> the country group it names most often, for articles naming one.

    Ties go to the country named first: a story's headline and lead name the country it is about
    ("Veltrian minister resigns ...", then Ostmark's mediators as often).
    """
    counts: dict = defaultdict(Counter)
    first: dict = {}
    for (aid, s, _e), tgt in targets.items():
        if tgt[0] == EntityType.Country:
            counts[aid][tgt] += 1
            if s < first.get((aid, tgt), s + 1):
                first[aid, tgt] = s
    return {aid: min(c, key=lambda g: (-c[g], first[aid, g], g)) for aid, c in counts.items()}


_PRONOUNS = frozenset("he she him her his hers they them it its i we you".split())


def _is_name(text: str) -> bool:
    return text.casefold() not in _PRONOUNS and any(ch.isupper() for ch in text[:1])


#: Head words of a building or site: such a name is a place ("Tarsk City Museum", "Museum of Velt Art").
#: On DWIE 1-602, 52 of the 53 annotated names with these heads are locations.
_FACILITY_HEADS = frozenset("""museum gallery hospital cemetery stadium arena airport square bridge palace monument
memorial theater theatre cathedral temple tower castle""".split())


#: Words of a natural feature or region: last ("Tarsk Island", "Velt River") or first ("Lake Velt", "Island
#: of Tarsk") in a place's name, unless an organization word is in it ("Gulf Cooperation Council"). On DWIE
#: 1-602, 74 of the 80 such names annotated as a person, organization or place are places.
_GEO_HEADS = frozenset("""island islands lake river mountains mountain valley sea ocean strait peninsula desert coast
province region district canal mount monte cape gulf bay galleria piazza zone area""".split())


def _facility(n: str) -> bool:
    """True for a name of a building, site or natural feature: its head word last, or first ("Museum of ...")."""
    words = n.split()
    if len(words) < 2:
        return False
    if words[-1] in _FACILITY_HEADS or any(w in _FACILITY_HEADS and nxt == "of" for w, nxt in zip(words, words[1:])):
        return True  # "... Museum", "Metropolitan Museum of Art"
    first = words[0] in _GEO_HEADS and (words[1] == "of" or words[0] in _GEO_FIRST)
    return (words[-1] in _GEO_HEADS or first) and not _looks_org(n)


def _members_name(n: str) -> bool:
    """True for a name of a plural, "of" or "for" and more words ("friends of the valley"): a body named after its
    members, which extraction read as one (see :func:`kgraph.extraction.type_context.members_of_end`), though its
    last word is a place's."""
    words = n.split()
    return len(words) >= 3 and words[1] in ("of", "for") and words[0].endswith("s") and len(words[0]) > 3 \
        and words[0] not in _GEO_HEADS | _FACILITY_HEADS


#: Geographic heads that open a place's name with no "of" after them ("Lake Velt", "Mount Tarsk"); the others
#: open one only before "of" ("Sea of Velt", "Gulf of Tarsk"): "Sea-Watch", "Coast Guard" are bodies.
_GEO_FIRST = frozenset("lake mount monte cape river island piazza galleria".split())


def _decide_type(n: str, votes: Counter, person_words: set = frozenset()) -> str:
    """Return the type of a name from all its mentions' votes and the gazetteer."""
    if (EntityType.Country in votes or EntityType.Place in votes) and (_country(n) is not None or n in _FORMER_STATES):
        return EntityType.Country
    best = min(votes, key=lambda t: (-votes[t], _TYPE_RANK[t]))
    if _facility(n) and not (best == EntityType.Organization and _members_name(n)):
        return EntityType.Place
    if best != EntityType.Place and votes.get(EntityType.Place, 0) * PLACE_PRIOR >= votes[best]:
        city = gazetteer.city(n)
        if city is not None and city.population >= 100_000:
            return EntityType.Place  # a large city the gazetteer knows stays a place unless other readings dominate
    if best == EntityType.Person and " " not in n and n not in person_words and _sizeable_place(n):
        return EntityType.Place  # "Essen", "Yorkshire": a place the gazetteer knows, no one's first or last name here
    if best == EntityType.Person and _looks_org(n) and votes.get(EntityType.Organization, 0) * 2 >= votes[best]:
        return EntityType.Organization
    if best == EntityType.Person and _ends_in_country(n):
        return EntityType.Organization  # "Greenpeace Veltria", "Tarsk International": no person's name ends so
    if best == EntityType.Person and " " in n and _CLUB_YEAR.fullmatch(n.split()[-1]):
        return EntityType.Organization  # "Hollin 04": a club's founding year closes no person's name
    return best


def _retype_country_heads(corpus_type: dict, corpus_votes: dict) -> set:
    """Give "Greenpeace" the type of "Greenpeace Veltria", a person-voted name read as an organization by its end.

    Return the heads of such names (an organization now, or before): each is a short name of its full name.
    "Nazi" is no short name of "Nazi Veltria", which extraction never took for a person.
    """
    out = set()
    for n in sorted(corpus_type):
        c = corpus_votes[n]
        if corpus_type[n] != EntityType.Organization or not _ends_in_country(n) \
                or min(c, key=lambda t: (-c[t], _TYPE_RANK[t])) != EntityType.Person:
            continue
        head = n.rsplit(" ", 1)[0]
        if corpus_type.get(head) == EntityType.Person \
                and sum(corpus_votes[head].values()) <= sum(c.values()):
            corpus_type[head] = EntityType.Organization
        if corpus_type.get(head) == EntityType.Organization:
            out.add(head)
    return out


def _ends_in_country(n: str) -> bool:
    """True for a name of 2+ words whose last word is "international" or a country's own name ("Meteo France").

    Only the gazetteer's name of the country counts, not another name of it:
    a surname such as "Holland" stays a surname, and so does one after a
    given name the entity model learned ("Michael Jordan"). On DWIE 1-602 (three dev slices and one unseen by extraction)
    6 person-typed names ending so were organizations, none a person.
    """
    words = n.split()
    if len(words) < 2 or words[0] in _given_names():
        return False  # "Michael Jordan": a given name, then a surname that is also a country's name
    c = gazetteer.country(words[-1])
    return words[-1] == "international" or (c is not None and gazetteer.norm(c.name) == words[-1])


#: A one-word name with at most this many mentions takes the type of the longer names it stands for.
WEAK_VOTES = 2


def _retype_weak_short_names(corpus_type: dict, corpus_votes: dict) -> None:
    """Give a rarely named one-word name the type of the longer names it is the edge of, when they agree.

    "Heathrow" tagged once as a person beside "Heathrow Airport" (a place), "Spiegel" beside "Der Spiegel":
    the edge is a person's first or last word, an organization's last word, or a place's name before a
    geographic or site word. The longer names must share one type and outvote the short name twice.
    """
    edge: dict[str, Counter] = defaultdict(Counter)
    for n, c in corpus_votes.items():
        words = n.split()
        if len(words) < 2:
            continue
        t = corpus_type[n]
        keys = {words[0], words[-1]} if t == EntityType.Person else {words[-1]} if t == EntityType.Organization \
            else {" ".join(words[:-1])} if t == EntityType.Place \
            and (words[-1] in _GEO_SUFFIXES or words[-1] in _FACILITY_HEADS) \
            else set()
        for k in keys:
            if " " not in k:
                edge[k][t] += sum(c.values())
    for n in sorted(edge):
        own = corpus_votes.get(n)
        if own is None or sum(own.values()) > WEAK_VOTES or len(edge[n]) != 1 or gazetteer.place(n) is not None:
            continue
        (t, k), = edge[n].items()
        if t != corpus_type[n] and k >= 2 * sum(own.values()):
            corpus_type[n] = t


#: A surname led by an Arabic article or kinship word written with a hyphen ("al-Tarsi", "el-Velud").
#: Matched on normalized names, which write the hyphen as a space.
_PARTICLE_SURNAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ed|ibn|bin|bint|abu|abd) \w{2,}")


def _retype_particle_surnames(corpus_type: dict, corpus_votes: dict) -> None:
    """Read a particle-led one-word name ("al-Tarsi") as a person when it is only ever a person's surname.

    Written alone in a story that never names the person in full, such a surname looks to the tagger like
    "al-Qaeda" and is tagged an organization; the corpus knows better when persons named in full end in it
    and no organization or place of the corpus does. Unlike :func:`_retype_weak_short_names`, any number of
    mentions counts: a leader named so in many stories is still that person.
    """
    ends: dict[str, set] = defaultdict(set)
    for n in corpus_votes:
        words = n.split()
        if len(words) >= 3 and _PARTICLE_SURNAME.fullmatch(last := " ".join(words[-2:])):
            ends[last].add(corpus_type[n])
    for n, types in sorted(ends.items()):
        if types == {EntityType.Person} and corpus_type.get(n, EntityType.Person) != EntityType.Person:
            corpus_type[n] = EntityType.Person


_PERSONAL = re.compile(r"\b(?:he|she|his|her|him|hers|himself|herself)\b", re.IGNORECASE)


def _retype_by_majority(corpus_type: dict, cleaned: dict, texts: dict, eligible, cue, new_type,
                        share: float = 0.5) -> None:
    """Give a name ``new_type`` when ``cue(text, start, end)`` holds at more than ``share`` of its mentions.

    Only names ``eligible(name)`` accepts are counted; every name is judged
    on the types before this pass, so the order of mentions does not matter.
    """
    hits: dict[str, list] = defaultdict(lambda: [0, 0])
    for (aid, s, e), (name, _alias) in cleaned.items():
        n = gazetteer.norm(name)
        if eligible(n):
            hits[n][0] += 1
            hits[n][1] += bool(cue(texts[aid], s, e))
    for n, (total, agree) in hits.items():
        if agree > share * total:
            corpus_type[n] = new_type


def _persons_by_pronouns(corpus_type: dict, cleaned: dict, texts: dict) -> None:
    """Read a name as a person when the words after most of its mentions refer to it as "he" or "she".

    Only for names of two or three words that no organization word, place or
    country explains ("Arvo Keskula" tagged an organization: "Arvo Keskula
    said he ..."). The sentence after the mention is read up to PRONOUN_WINDOW
    characters.
    """
    def eligible(n: str) -> bool:
        return not (corpus_type.get(n, EntityType.Person) == EntityType.Person or not 2 <= len(n.split()) <= 3
                    or _looks_org(n) or _facility(n) or gazetteer.place(n) is not None)

    def cue(text: str, s: int, e: int) -> bool:
        if _PREPOSITION_BEFORE.search(text[max(0, s - 16):s]):
            return False  # "a strategist at Velt Bank; he ...": the object of a preposition is not who "he" is
        if re.search(r", (?:a|an|the) $", text[max(0, s - 8):s]):
            return False  # "Petra Saalfeld, a Velt Democrat, said she ...": "she" is the person the apposition is of
        kind = re.search(r"\b([a-z]+), $", text[max(0, s - 24):s])
        if kind is not None and (kind.group(1) in ORG_WORDS or kind.group(1) in _ORG_KIND_WORDS):
            return False  # "Her label, Velt Records, said her album ...": the name is the label, "her" someone else
        m = re.match(r" ([a-z]+)\b", text[e:e + 20])
        if m is not None and (m.group(1) in ORG_WORDS or m.group(1) in _ORG_KIND_WORDS):
            return False  # "the Velt Greens party ... his": the name modifies an organization noun
        return bool(_PERSONAL.search(re.split(r"[.!?\n]", text[e:e + PRONOUN_WINDOW], maxsplit=1)[0]))

    _retype_by_majority(corpus_type, cleaned, texts, eligible, cue, EntityType.Person)


#: A preposition (an article may follow) right before a name: the name is its object, not a sentence's subject.
_PREPOSITION_BEFORE = re.compile(r"\b(?:at|in|on|of|for|with|from|by|to|into|about|against|between|under|over|near|"
                                 r"inside|outside|across|via|behind|through)(?: the)? $")


def _places_by_locatives(corpus_type: dict, cleaned: dict, texts: dict) -> None:
    """Read a name tagged a person as a place when most of its mentions follow "in", "near" or the like.

    "in Tarsk" is a place; "in Keskula's view" is not counted (a possessive follows).
    """
    def eligible(n: str) -> bool:
        return corpus_type.get(n) == EntityType.Person and not _looks_org(n)

    def cue(text: str, s: int, e: int) -> bool:
        before = text[max(0, s - 12):s].split()
        return bool(before) and before[-1] in _PLACE_WORDS and not re.match(r"['\u2019]", text[e:e + 1])

    _retype_by_majority(corpus_type, cleaned, texts, eligible, cue, EntityType.Place)


def _places_by_settlement_words(corpus_type: dict, cleaned: dict, texts: dict) -> None:
    """Read a name tagged an organization as a place when most of its mentions follow "village of" or the like.

    "the village of Tarsk", "provinces such as Tarsk", "the capital of Tarsk": words that name only places.
    Names an organization word, an institution word or capitals explain are left alone.
    """
    def eligible(n: str) -> bool:
        return corpus_type.get(n) == EntityType.Organization and not _looks_org(n) and not _institution_words(n)

    def cue(text: str, s: int, e: int) -> bool:
        return bool(_SETTLEMENT_CUE.search(text[max(0, s - 40):s])) and not re.match(r"['\u2019]", text[e:e + 1])

    _retype_by_majority(corpus_type, cleaned, texts, eligible, cue, EntityType.Place)


def _places_by_place_phrases(corpus_type: dict, cleaned: dict, texts: dict) -> None:
    """Read a name tagged a person or organization as a place when most of its mentions sit in a phrase only
    places take.

    "the village/neighborhood of Tarsk", "the towns of Velt and Tarsk", "the mayor of Tarsk", "Tarsk's
    mayor"; "Tarsk, the capital of ..." or "Tarsk, a town in ..." (an apposition naming a settlement); "the
    Tarsk region/river/valley", "the Tarsk (death) camp", "Tarsk airport" (a lower-case geographic or site
    noun after it); and, for a one-word name tagged a person, "the Tarsk" closing its phrase ("over the
    Tarsk in Velt"): no person takes "the" so ("the Keskula government" goes on with a lower-case noun and
    is not counted). Names an organization or institution word explains stay.
    """
    def eligible(n: str) -> bool:
        return corpus_type.get(n) in (EntityType.Person, EntityType.Organization) and not _looks_org(n) \
            and not _institution_words(n) and len(n.split()) <= 3

    def cue(text: str, s: int, e: int) -> bool:
        before, after = text[max(0, s - 40):s], text[e:e + 40]
        if _acronym_like(text[s:e]):
            return False  # "a UNESCO city of literature": an acronym is an organization's
        if _SETTLEMENT_CUE.search(before) or _PLACE_AFTER.match(after) or _APPOSED_PLACE.match(after) \
                or re.match(r"-(?:based|born)\b", after):
            return True  # "Tarsk-based", "Tarsk-born": only a place is where a body is based or a person born
        if re.search(r"\bmayor of $", before) or _MAYOR_AFTER.match(after):
            return True  # "the mayor of Tarsk", "Tarsk's new mayor", "the Tarsk mayoral race": only a town has one
        if _SETTLEMENTS_LISTED.search(text[max(0, s - 80):s]):
            return True  # "the towns of Tarsk and Velden": each name of the list is a town
        person = corpus_type.get(gazetteer.norm(text[s:e])) == EntityType.Person
        return person and " " not in text[s:e].strip() and before.endswith("the ") and not _NOUN_AFTER.match(after)

    _retype_by_majority(corpus_type, cleaned, texts, eligible, cue, EntityType.Place)


def _places_by_place_cues(corpus_type: dict, cleaned: dict, texts: dict, case: dict | None = None) -> None:
    """Read a name still typed a person as a place when most of its mentions carry some cue only places take.

    The cues of `_places_by_locatives` and `_places_by_place_phrases` are counted together, with a
    dateline's capitals ("TARSK - ", "TARSK, May 3 (AP) - "): a town named "in Tarsk" in one story, "the mayor
    of Tarsk" in another and in two datelines reached a majority of neither alone. Names of one to three
    words that no organization or institution word explains. Capitals before a dash count only for a name the
    corpus also writes capitalized inside a sentence (``case``): a show's title opening a line ("KINO - films
    of the week") is no dateline.
    """
    case = case or {}
    def eligible(n: str) -> bool:
        return corpus_type.get(n) == EntityType.Person and not _looks_org(n) and not _institution_words(n) \
            and len(n.split()) <= 3

    def cue(text: str, s: int, e: int) -> bool:
        if re.match(r"['\u2019]", text[e:e + 1]):
            return False  # "in Keskula's view", "Keskula's mayoral campaign": a person's
        before = text[max(0, s - 12):s].split()
        if before and before[-1].lower() in _PLACE_WORDS:
            return True  # "in Tarsk", "In Tarsk, ..."
        if _dateline_at(text, s, e):
            return all(case.get(w.casefold(), (0, 0))[1] > 0 for w in text[s:e].split())
        after = text[e:e + 40]
        return bool(_SETTLEMENT_CUE.search(text[max(0, s - 40):s]) or _PLACE_AFTER.match(after)
                    or _APPOSED_PLACE.match(after) or re.match(r"-(?:based|born)\b", after)
                    or re.search(r"\bmayor of $", text[max(0, s - 40):s]) or _MAYOR_AFTER.match(after))

    _retype_by_majority(corpus_type, cleaned, texts, eligible, cue, EntityType.Place)


#: What follows a dateline's capitals: a region or a date after a comma, an agency in brackets, then a dash
#: ("TARSK - ", "TARSK, Veltria - ", "TARSK, May 3 (AP) - ").
_DATELINE_REST = re.compile(r"(?:, [A-Z][\w.]*(?: [A-Z0-9][\w.]*){0,3},?)?(?: \([^()\n]{1,30}\))? (?:-|--|\u2013|\u2014) ")


def _dateline_at(text: str, s: int, e: int) -> bool:
    """True for a name written in capitals at a line's start before a dateline's rest and a dash ("TARSK - ")."""
    name = text[s:e]
    return name.isupper() and len(name) > 2 and (s == 0 or text[s - 1] == "\n") \
        and _DATELINE_REST.match(text, e) is not None


#: A lower-case geographic noun right after a name: "the Tarsk region", "the Tarsk river", "a Tarsk town", "the
#: Tarsk rainforest".
_PLACE_AFTER = re.compile(r"[ -](?:[a-z]+ )?(?:region|river|valley|mountains?|coast|peninsula|island|islands|town|"
                          r"rainforest|forest|desert|jungle|"
                          r"village|city|area|delta|basin|lake|bay|sea|strait|gulf|camp|church|cathedral|mosque|"
                          r"temple|synagogue|airport|station|stadium|memorial|square|bridge|palace|castle|monastery)\b")
#: Names listed after a plural settlement word: "the towns of Tarsk and ...", "cities such as Tarsk, Velt and ...".
_SETTLEMENTS_LISTED = re.compile(r"\b(?:villages|towns|cities|provinces|regions|districts|islands|municipalities)"
                                 r"(?: of| such as| like) (?:[A-Z][\w'-]*(?: [A-Z][\w'-]*)?(?:, | and |, and ))+$")
#: A town's mayor after its name: "Tarsk's new mayor", "Tarsk mayor Arvo Keskula", "the Tarsk mayoral race"
#: (no possessive before "mayoral": "Keskula's mayoral campaign" is a person's).
_MAYOR_AFTER = re.compile(r"(?:['\u2019]s (?:(?:new|former|deputy|acting|first) )?mayor\b| mayor(?:al)?\b)")
#: An apposition naming a settlement after a name: "Tarsk, the capital of Velt", "Tarsk, a town near Orlin".
_APPOSED_PLACE = re.compile(r", (?:the|a|an) (?:[a-z]+ )?(?:capital|city|town|village|port|region|province|island|"
                            r"district|suburb)\b(?!['\u2019])")  # not "Tarsk, the city's club": the club
#: What follows a name used as a modifier ("the Keskula government", "the Keskula's"): a lower-case word other
#: than a preposition, connective or verb of being, or "'s".
_NOUN_AFTER = re.compile(r"['\u2019]|-?[a-z]|\s+(?!(?:in|on|at|near|and|or|to|from|of|with|which|where|is|was|were|"
                         r"has|had|between|for|by|as|that)\b)[a-z]")

#: Words just before a place's name that no organization follows ("village of Tarsk", "provinces such as Tarsk",
#: "the river Lanne").
_SETTLEMENT_CUE = re.compile(r"\b(?:villages?|towns?|cities|city|provinces?|regions?|districts?|capital|islands?|rivers?|"
                             r"neighbou?rhoods?|"
                             r"coast|county|counties|state|states|municipality|suburbs?|port|camp)(?: of| such as)? $"
                             r"|\b(?:born|lives|lived|living|arrest|arrested|killed|located|based) (?:in|at|near) $")


def _persons_by_roles(corpus_type: dict, cleaned: dict, texts: dict) -> None:
    """Read a name of 2-4 words tagged an organization or place as a person when most mentions follow a role word.

    "sprinter Arvo Keskula", "economist Arvo Keskula": a role written before a name, in lower case, names a
    person. Names an organization word, a facility word, the gazetteer or a country at the end explains stay.
    """
    def eligible(n: str) -> bool:
        return corpus_type.get(n) in (EntityType.Organization, EntityType.Place) and 2 <= len(n.split()) <= 4 \
            and not (_looks_org(n) or _facility(n) or _ends_in_country(n) or _institution_words(n)
                     or gazetteer.place(n) is not None)

    def cue(text: str, s: int, e: int) -> bool:
        m = re.search(r"\b([a-z]+) $", text[max(0, s - 30):s])
        if m is not None and m.group(1) in _ROLE_WORDS:
            return True
        # "Arvo Keskula, a Tarsk-based preacher, said": a role in apposition after the name.
        m = _ROLE_AFTER.match(text, e)
        return m is not None and m.group(1) in _ROLE_WORDS

    _retype_by_majority(corpus_type, cleaned, texts, eligible, cue, EntityType.Person)


#: A role in apposition after a name: a comma, an article, up to three words, the role noun.
_ROLE_AFTER = re.compile(r", (?:a|an|the) (?:[\w'-]+ ){0,3}?([a-z]+)\b")


def _organizations_by_kind_words(corpus_type: dict, cleaned: dict, texts: dict) -> None:
    """Read a name tagged a person or place as an organization when over a third of its mentions follow a kind word.

    "the tabloid Tarsk", "watchmaker Tarsk": a lower-case word saying what kind of organization it is, just
    before the name (an opening quote may sit between; a comma may not: "the head of the court, Arvo Keskula").
    One cue in two mentions is enough: no person's or place's name follows such a word directly.
    An organization word that is no kind word ("council", "guard") ends a role before a person's full name
    opening with a given name ("works council Arvo Keskula", "point guard Arvo Keskula"): not counted there.
    """
    given: set = set()
    firsts = Counter(x.split()[0] for x, t in corpus_type.items() if t == EntityType.Person and " " in x)

    def eligible(n: str) -> bool:
        return corpus_type.get(n) in (EntityType.Person, EntityType.Place) and len(n.split()) <= 4

    def cue(text: str, s: int, e: int) -> bool:
        if _BODY_AFTER.match(text, e) and gazetteer.place(text[s:e]) is None:
            return True  # "the Velmora group", "the Tarsk Dawn party": a name, then the body it names
        m = re.search(r"(?<![\w-])([a-z]+) [\"\u201c]?$", text[max(0, s - 30):s])
        if m is None or m.group(1) in _ORG_KIND_WORDS:
            return m is not None
        words = gazetteer.norm(text[s:e]).split()
        if len(words) >= 2 and corpus_type.get(" ".join(words)) == EntityType.Person:
            if not given:
                given.update(_given_names() or {""})
            if words[0] in given or firsts[words[0]] >= 2:  # the model's given name, or one opening another person's
                return False
        return m.group(1) in ORG_WORDS

    _retype_by_majority(corpus_type, cleaned, texts, eligible, cue, EntityType.Organization, share=1 / 3)


def _written_as_company(text: str, start: int, end: int) -> bool:
    """True when a text writes a name as a company's: a kind word before it ("the carmaker Porvik"), or a
    company's shares, plants or staff after it ("Porvik shares", "Porvik employees"), or its shares before it
    ("shares in Porvik", "a stake in Porvik")."""
    before = text[max(0, start - 30):start]
    m = re.search(r"(?<![\w-])([a-z]+) [\"\u201c]?$", before)
    # "the weekly Tarsk magazine": a kind word after the name is what the kind word before it speaks of, and the
    # name only says where that is.
    after = re.match(r" ([a-z]+)\b", text[end:end + 30])
    kind_before = m is not None and m.group(1) in _ORG_KIND_WORDS and not (after and after.group(1) in _ORG_KIND_WORDS)
    return kind_before or _COMPANY_AFTER.match(text, end) is not None or _COMPANY_BEFORE.search(before) is not None


#: What only a company has, right after its name ("Porvik shares", "a Porvik plant").
_COMPANY_AFTER = re.compile(r" (?:shares|stock|stocks|share price|brand|plants?|factory|factories|headquarters|"
                            r"employees|workforce|subsidiary|shareholders)\b")

#: What only a company has, right before its name ("shares in Porvik", "a stake in Porvik").
_COMPANY_BEFORE = re.compile(r"(?<![\w-])(?:[Ss]hares|[Ss]tock|[Ss]takes?) (?:in|of) $")


#: A body of members named by the name before it ("the Velmora group"); a place before it is where the body is
#: ("the Tarsk group" of a city), a person's name before "government" or "movement" is its leader's: not these.
_BODY_AFTER = re.compile(r" (?:group|party)\b(?!['\u2019-])")


#: A body a leader's surname names ("the Keskula government", "the Tarvo administration"): the name is the leader.
_LEADERS_BODY_AFTER = re.compile(r"(?:['\u2019]s)? (?:government|administration|cabinet|regime|presidency)\b")


def _surnames_listed_with_persons(corpus_type: dict, cleaned: dict, texts: dict, person_edges: dict,
                                  sport: dict, surnames: set) -> set:
    """Read a one-word organization or place name as a person when it ends a person's full name of the corpus and
    over a third of its mentions are listed beside a person's ("Keskula and Tarvo", "Tarvo, Keskula"), name a
    leader's body ("the Keskula government") or follow a role ("striker Tarvo", "Interior Minister Tarvo").
    In a sports story another such name counts as a person's in a list ("Fans blame Tarvo and Keskula").

    Extraction tags a lone surname in a list of players, or before "government", an organization; a company
    named like a person ("Tarvo" beside "Arvo Tarvo") is seldom listed with people or said to govern. Returns
    the names read so: persons in every article, also where the article names no full name ending in them.
    A name the gazetteer knows as a place is never read so ("the Tarsk government" is the city's). ``surnames``
    holds the last words of the corpus' persons' full names. A mention written as a place ("the mayor of
    Kessling, Maria Kessling, ...") is no list item: the comma opens an apposition naming its mayor.
    """

    def eligible(n: str) -> bool:
        return corpus_type.get(n) in (EntityType.Organization, EntityType.Place) and " " not in n \
            and n in surnames and not _looks_org(n) and gazetteer.place(n) is None

    # Two such surnames listed together in a sports story vouch for each other ("Tarvo and Keskula are the
    # problem"); elsewhere two firms named after their founders are listed so too ("Tarvo and Keskula raised prices").
    starts: dict[str, set] = defaultdict(set)
    ends: dict[str, set] = defaultdict(set)
    for (aid, s, e), (name, _alias) in cleaned.items():
        if sport[aid] and eligible(gazetteer.norm(name)):
            starts[aid].add(s)
            ends[aid].add(e)
    hits: dict[str, list] = defaultdict(lambda: [0, 0])
    for (aid, s, e), (name, _alias) in cleaned.items():
        n = gazetteer.norm(name)
        if eligible(n):
            edges = (person_edges[aid][0] | starts[aid], person_edges[aid][1] | ends[aid])
            hits[n][0] += 1
            hits[n][1] += not _written_as_place(texts[aid], s, e) and (
                _listed_with_person(texts[aid], s, e, edges)
                or _LEADERS_BODY_AFTER.match(texts[aid], e) is not None or _role_before(texts[aid], s))
    out = set()
    for n, (total, agree) in hits.items():
        if 3 * agree > total:
            corpus_type[n] = EntityType.Person
            out.add(n)
    return out


def _role_before(text: str, start: int) -> bool:
    """True when a role or title stands right before ``start`` ("striker Brandt", "Interior Minister Brandt")."""
    m = re.search(r"(?<![\w'-])([A-Za-z]+) $", text[max(0, start - 30):start])
    return m is not None and m.group(1).casefold() in _ROLE_WORDS and (m.group(1).islower() or m.group(1).istitle())


#: A club is named after a city of at least this many people ("Vorwarts Tarsk"); smaller towns' names are
#: more often surnames.
CLUB_CITY = 100_000


@lru_cache(maxsize=1)
def _lexicon():
    """Return the shipped entity model's lexicon (given names, words written in lower case), or None."""
    from kgraph.extraction import entity_model

    return entity_model.Lexicon.of(entity_model.load() or {})


def _given_names() -> frozenset:
    """Return the given names the shipped entity model learned (empty without a model)."""
    lex = _lexicon()
    return lex.given if lex is not None else frozenset()


#: A player's or coach's position right before a name: the name is a person's ("midfielder Arvo Velden").
_PLAYER_BEFORE = re.compile(r"\b(?:striker|midfielder|defender|goalkeeper|keeper|winger|forward|footballer|"
                            r"coach|captain|international|teammate|team-mate)\s+$", re.IGNORECASE)


def _mostly_in_sport(aids, sport: dict) -> bool:
    """Return whether more than half of these articles are sports stories."""
    return 2 * sum(sport[a] for a in aids) > len(aids)


#: First words that make a city's name a part of the city or its area ("East Tarsk", "Greater Tarsk").
_PART_OF_CITY = frozenset("""north south east west northern southern eastern western central greater upper lower
old new inner outer metropolitan downtown""".split())


def _clubs_named_after_cities(corpus_type: dict, cleaned: dict, texts: dict, sport: dict) -> None:
    """Read a person- or place-typed name that ends in a city's name as a club when it lives in sports stories.

    "Vorwarts Tarsk beat the visitors": extraction often takes a two- or three-word club named after its
    city for a person, or for a place the gazetteer does not know (a place's name opening with a part of the
    city, "East Tarsk", stays). Such a name is an organization when its last word is a gazetteer city of CLUB_CITY
    people or more, its first word is no given name (the entity model's, or one opening another person's
    name of the corpus), more than half of the articles naming it are sports stories or a mention is written
    as a team's ("Vorwarts Tarsk have signed", "Vorwarts Tarsk coach"), and no mention is followed by "he",
    "his", "she" or "her" (a footballer whose surname is a city's name stays a person).
    """
    cands = {}
    for n, t in corpus_type.items():
        words = n.split()
        if t not in (EntityType.Person, EntityType.Place) or not 2 <= len(words) <= 3 or gazetteer.place(n) is not None:
            continue
        if t == EntityType.Place and words[0] in _PART_OF_CITY:
            continue  # "East Tarsk", "Greater Tarsk": a part of the city or its area, no club
        city = gazetteer.city(words[-1])
        if city is not None and city.population >= CLUB_CITY and words[0] not in TITLES:
            cands[n] = words[0]
    if not cands:
        return
    given = set(_given_names())
    given |= {n.split()[0] for n, t in corpus_type.items() if t == EntityType.Person and " " in n and n not in cands}
    arts: dict = defaultdict(set)
    spoken = set()
    cued = set()
    for (aid, s, e), (name, _alias) in cleaned.items():
        n = gazetteer.norm(name)
        if n in cands:
            arts[n].add(aid)
            if _PERSONAL.search(re.split(r"[.!?\n]", texts[aid][e:e + PRONOUN_WINDOW], maxsplit=1)[0]) \
                    or _PLAYER_BEFORE.search(texts[aid][max(0, s - 20):s]):
                spoken.add(n)  # "midfielder Joris van Tarsk": a player, whose surname is a city's name
            if _team_words(texts[aid], s, e):
                cued.add(n)  # "Vorwarts Tarsk have signed": a team, in a story with few sport words too
    for n, first in cands.items():
        if first not in given and n not in spoken and (_mostly_in_sport(arts[n], sport) or n in cued):
            corpus_type[n] = EntityType.Organization


def _clubs_by_match_words(corpus_type: dict, cleaned: dict, texts: dict, sport: dict) -> None:
    """Read a one-word name tagged a person as a club when over a third of its mentions sit in a match report's
    words for a team.

    "beat Velden 2-1", "Tarsk 3-0 Velden", "Velden coach Arvo Keskula", "FC Velden", "Velden FC", "Tarsk host
    Velden", "Velden are third": a score beside the name, a club's staff or players named after it (no
    possessive: "Keskula's coach" may be a tennis player's), a club mark before or after it, a verb of a
    fixture before it, or a plural verb after it (a name alone, not one of a list). Extraction takes
    a small town's club, a name the gazetteer does not know, for a person. A name that opens or ends a
    person's full name of the corpus, or is a given name the entity model knows, is a player and stays; so
    does a score that opens a set list ("beat Keskula 6-3, 6-4": a tennis player).
    """
    person_words = {w for n, t in corpus_type.items() if t == EntityType.Person and " " in n
                    for w in (n.split()[0], n.split()[-1])}
    given = _given_names()

    def eligible(n: str) -> bool:
        return corpus_type.get(n) == EntityType.Person and " " not in n and n not in person_words \
            and n not in given and n.isalpha()

    def cue(text: str, s: int, e: int) -> bool:
        return bool(_team_words(text, s, e) or _club_mark(text, s) or _club_mark_after(text, e)
                    or _SCORE_AFTER.match(text, e) or _SCORE_OR_FIXTURE_BEFORE.search(text[max(0, s - 30):s]))

    total: Counter = Counter()
    hits: Counter = Counter()
    for (aid, s, e), (name, _alias) in cleaned.items():
        n = gazetteer.norm(name)
        if eligible(n):
            total[n] += 1
            hits[n] += bool(sport[aid] and cue(texts[aid], s, e))  # a cue counts in match reports only
    for n, agree in hits.items():
        if 3 * agree > total[n]:
            corpus_type[n] = EntityType.Organization


def _team_words(text: str, start: int, end: int) -> bool:
    """True when the words right after a name write it as a team: its staff or players ("Velden coach",
    "Velden fans") or a plural verb with the name alone as its subject ("Velden have signed"; not "Keskov
    and Tarvel are", "police in Velden are")."""
    if _PLURAL_VERB_AFTER.match(text, end) \
            and not re.search(r"(?:,|\band|\bor|&)\s*$", text[max(0, start - 6):start]) \
            and not _PREPOSITION_BEFORE.search(text[max(0, start - 16):start]):
        return True
    return _TEAM_WORDS_AFTER.match(text, end) is not None


#: A club's staff or players named right after its name, no possessive between ("Velden coach Arvo Keskula"; not
#: "Keskov side-footed", "Keskov team-mate").
_TEAM_WORDS_AFTER = re.compile(r" (?:coach|manager|boss|fans|supporters|striker|midfielder|defender|goalkeeper|"
                               r"keeper|captain|squad|players|winger|forward|side|team|sporting director)\b(?!-)")
#: A club's staff or fans right after a city's or country's name, read so also outside match reports.
_CLUB_STAFF_AFTER = re.compile(r" (?:coach|manager|boss|fans|supporters|striker|midfielder|defender|goalkeeper|"
                               r"keeper|captain|squad|winger|sporting director)\b(?!-)")
#: A plural verb right after a name: a team takes one in British match reports ("Velden are third"), a person never.
_PLURAL_VERB_AFTER = re.compile(r" (?:are|were|have)\b")
#: A score right after a name that no second set's score follows ("beat Velden 2-1"; not "Keskula 6-3, 6-4").
_SCORE_AFTER = re.compile(r" \(?\d{1,2}\s*[-:\u2013]\s*\d{1,2}\b(?!\)?,?\s*\d{1,2}\s*[-:\u2013]\s*\d)")
#: A score or a fixture's verb right before a name ("Tarsk 3-0 Velden", "beat Velden", "Tarsk host Velden"), or a
#: match against it ("the derby against Velden", "a win over Velden"); not "against" or "face" alone: a foul is
#: against a player, a tennis player faces one.
_SCORE_OR_FIXTURE_BEFORE = re.compile(r"(?:\b\d{1,2}\s*[-:\u2013]\s*\d{1,2}|\b(?:beat|beats|beating|defeated|"
                                      r"host|hosts|hosted|hosting)|\b(?:derby|match|game|win|victory|defeat|draw|"
                                      r"clash|fixture)s? (?:against|over)) $")


#: Lower-case words just before an organization's name that say what kind it is ("carmaker Tarsk").
_ORG_KIND_WORDS = frozenset("""newspaper tabloid daily weekly magazine broadcaster publisher watchmaker carmaker
automaker manufacturer maker firm company companies retailer insurer lender airline carrier operator provider
grid consortium trio quartet band brand label outlet media network website platform app startup giant supplier
producer developer chain utility conglomerate agency club party""".split())


def _cities_outside_sport(corpus_type: dict, cleaned: dict, texts: dict, sport: dict) -> None:
    """Read a one-word name tagged an organization as a place when it is a city of BIG_CITY people or more, by its
    own name, that no match report names, no club mark stands beside and no mention writes in capitals."""
    kept = set()
    for (aid, s, e), (name, _alias) in cleaned.items():
        if sport[aid] or name.isupper() or _club_mark(texts[aid], s) or _club_mark_after(texts[aid], e):
            kept.add(gazetteer.norm(name))
    for n, t in sorted(corpus_type.items()):
        city = gazetteer.city(n) if t == EntityType.Organization and " " not in n and n not in kept else None
        # The city's own name, not a code or short form the gazetteer lists for it ("Roma" is a people too).
        if city is not None and city.population >= BIG_CITY and gazetteer.norm(city.name) == n and _country(n) is None:
            corpus_type[n] = EntityType.Place


def _clubs_by_first_word(corpus_type: dict, cleaned: dict, sport: dict) -> None:
    """Read a one-word name tagged a place as a club when it opens exactly one club's name and lives in sports
    stories, as the club does.

    "Hollin beat Velden" beside "Hollin Tarsk": match reports call a club by its first word, which extraction
    takes for a place (a region's name, often). A country, or a city of CLUB_CITY people (whose mentions are
    read one by one as the place or its team), stays; so does a word opening two clubs' names ("Hollin Tarsk",
    "Hollin Velden").
    """
    arts: dict = defaultdict(set)
    for (aid, _s, _e), (name, _alias) in cleaned.items():
        arts[gazetteer.norm(name)].add(aid)

    def sporty(n: str) -> bool:
        return _mostly_in_sport(arts[n], sport)

    opens: dict = defaultdict(set)
    for n, t in corpus_type.items():
        if t == EntityType.Organization and 2 <= len(n.split()) <= 3 and sporty(n):
            opens[n.split()[0]].add(n)
    for n, clubs in sorted(opens.items()):
        if len(clubs) == 1 and corpus_type.get(n) == EntityType.Place and n in arts and sporty(n) \
                and _country(n) is None and getattr(gazetteer.city(n), "population", 0) < CLUB_CITY:
            corpus_type[n] = EntityType.Organization


#: Lower-case words before a person's name that say what the person does (not "former", "new", "foreign").
_ROLE_WORDS = frozenset("""president minister chancellor mayor king queen prince princess pope senator governor
secretary ambassador judge commander colonel general professor coach chairman chairwoman spokesman spokeswoman
spokesperson adviser advisor envoy striker midfielder defender goalkeeper activist analyst attorney candidate
columnist congressman congresswoman consultant correspondent dictator diplomat director economist editor emperor
founder inspector journalist lawmaker lawyer lecturer leader manager photographer player poet politician premier
producer researcher scientist singer sprinter star teammate writer author artist actor actress novelist
philosopher composer architect designer entrepreneur businessman businesswoman banker legend preacher cleric
imam priest bishop rabbi footballer cyclist swimmer boxer""".split())


#: Roles before a person's name that only sport gives ("striker Keskula", "boxer Velt").
_SPORT_ROLES = (_SPORT_WORDS | _SOLO_WORDS) & (TITLES | _ROLE_WORDS)


#: Words before a place's name, never before a person's ("in Tarsk", "near Tarsk").
_PLACE_WORDS = frozenset("in near outside inside around across throughout".split())


#: Characters after a mention searched for "he", "she", "his", "her" (80 retyped bodies near a person's
#: pronoun on DWIE 1-150: types fit down; 30 keeps the fit and joins a person typed two ways).
PRONOUN_WINDOW = 30


def _sizeable_place(n: str) -> bool:
    """True for a name the gazetteer knows as a region, country or a town of 50,000 or more.

    A town counts by its own name only: GeoNames lists many other spellings of a town ("Sulana" of a Peruvian
    "Sullana"), which are as often someone's name ("the 46-year-old Sulana").
    """
    p = gazetteer.place(n)
    if p is None:
        return False
    if p.type == EntityType.Country or gazetteer.region(n) is not None:
        return True
    return p.population >= 50_000 and gazetteer.norm(gazetteer.strip_accents(p.name)) == \
        gazetteer.norm(gazetteer.strip_accents(n))


def _canonical(type_: str, name: str) -> tuple[str, str]:
    """Return (type, canonical name) of a name, the gazetteer's where it knows it."""
    if type_ in (EntityType.Country, EntityType.Place):
        c = _country(name)
        if c is None and type_ == EntityType.Country:
            c = gazetteer.demonym(name)  # "British" read as a country is the United Kingdom, not a node of its own
        if c is not None:
            return EntityType.Country, c.name
    return type_, name


def _country(name: str):
    """Return the gazetteer country of a name, a hyphen read as "and" ("Trinidad-Tobago"), or None."""
    c = gazetteer.country(name)
    words = re.split(r"\s*-\s*|\s+", name.strip("- "))
    if c is None and len(words) == 2:  # normalised names have lost the hyphen: "bosnia herzegovina"
        c = gazetteer.country(" and ".join(words))
    return c


#: A compass part of a continent, written with or without "-ern" (not of a country: "East Tarsk" may be a state).
_COMPASS_CONTINENT = re.compile(r"^(north|south|east|west)(?:ern)? (africa|asia|europe)$")


#: A hyphen between two letters of one word ("Tar-Velt", "co-operation"), dropped to compare spellings.
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


def _join_spellings(groups: dict, uf: _UnionFind, case: dict | None = None) -> None:
    """Join names of one type that differ only by transliteration or a small typo."""
    case = case or {}
    by_fold: dict[tuple[str, str], list] = defaultdict(list)
    types_of: Counter = Counter(n for _t, n in groups)
    keys = {gid: _spelling_key(*gid) for gid in groups}
    bucket = {gid: _spelling_bucket(gid, keys[gid]) if types_of[gid[1]] == 1 else gid[0] for gid in groups}
    for gid in groups:
        if gid[0] == EntityType.Person or bucket[gid] == _ANY_TYPE:  # a person's name, whatever it was typed
            keys[gid] = " ".join(_romanized(w) for w in keys[gid].split())
    for gid in sorted(groups):
        by_fold[(bucket[gid], keys[gid])].append(gid)
    heads = []
    for key in sorted(by_fold):
        members = sorted(by_fold[key], key=_heavier_first(groups))
        for g in members[1:]:
            uf.union(members[0], g)
        heads.append(members[0])
    # A hyphen inside a word, written or not ("Tar-Velt" / "TarVelt", "co-operation" / "cooperation").
    glued = {(t, fold(n)): (t, n) for t, n in heads if " " in fold(n) or len(fold(n)) >= 5}
    for gid in heads:
        for written in sorted(groups[gid].names):
            if "-" not in written:
                continue
            other = glued.get((gid[0], fold(_INNER_HYPHEN.sub("", written))))
            if other is not None and other != gid:
                big, small = sorted((gid, other), key=_heavier_first(groups))
                uf.union(big, small)
    # Words written apart or together ("Tarsk Stadion" / "Tarskstadion", "Tarek Bin Velsh" / "Tarek Binvelsh").
    _join_by_key(heads, groups, uf, _glued_key)
    # A club's mark on either side of its name, or written out ("FC Tarsk", "Tarsk FC", "Tarsk Football Club").
    _join_by_key(heads, groups, uf, lambda gid: _club_key(gid, groups[gid]))
    # Places the gazetteer knows as one city ("Kiev" / "Kyiv", "Cologne" / "Koeln"); "Houthi" / "Houthis".
    same: dict[tuple, list] = defaultdict(list)
    for gid in heads:
        t, n = gid
        if t == EntityType.Place:
            c = gazetteer.city(n)
            if c is not None and " " in n and gazetteer.norm(c.name) != n:
                c = None  # "San Tarso" may be a stadium, not the city; "Los Tarsos" as the gazetteer writes it is
            if c is not None and c.geonames_id:
                # "Bombay" / "Mumbai": a big city's old name and its new one. Below BIG_CITY only spellings
                # with one first letter join: the gazetteer lists "Venice" among a small US city's names.
                same[("geo", c.geonames_id, "" if c.population >= BIG_CITY else fold(n)[:1])].append(gid)
        elif t == EntityType.Organization and " " not in n and len(n) >= 5 \
                and not groups[gid].names.most_common(1)[0][0].isupper():  # "TARSIS" is no plural of "TARSI"
            one = n[:-1] if n.endswith("s") else n
            low, cap = case.get(one, (0, 0))
            if low < cap:  # not a word ("Green", "Liberal")
                same[("plural", one)].append(gid)
    # A party and its members' plural: "Green Party" / "Greens", "Democratic Party" / "Democrats".
    for gid in heads:
        t, n = gid
        words = n.split()
        if t != EntityType.Organization or len(words) < 2 or words[-1] != "party" or not _institution_words(n):
            continue  # "Nazis" are not the one "Nazi Party": only a party named by a political family
        w = words[-2]
        for plural in {w + "s", w[:-2] + "s" if w.endswith("ic") else w + "s"}:
            key = ("party", " ".join(words[:-2] + [plural]))
            if (t, key[1]) in groups:
                same[key].extend([gid, (t, key[1])])
    for key in sorted(same, key=str):
        members = sorted(set(same[key]), key=_heavier_first(groups))
        for g in members[1:]:
            uf.union(members[0], g)
    # Persons: "George Bush" / "George W. Bush", "P Chidambaram" / "Palaniappan Chidambaram".
    by_ends: dict[tuple[str, str], list] = defaultdict(list)
    for gid in heads:
        t, n = gid
        w = fold(n).split()
        if t == EntityType.Person and len(w) >= 2:
            by_ends[(w[0], w[-1])].append(gid)
            by_ends[(w[0][0], w[-1])].append(gid)
    for key in sorted(by_ends):
        members = sorted(by_ends[key], key=_heavier_first(groups))
        if len(key[0]) == 1 and len({m for m in members if len(fold(m[1]).split()[0]) > 1
                                     and not _initials_written(groups[m])}) != 1:
            continue  # an initial joins only when one full first name fits ("J.K. Tarrant" is initials too)
        middles = {g: tuple(w[0] for w in fold(g[1]).split()[1:-1]) for g in members}
        if not _middles_agree([middles[g] for g in members]) or _middles_side_by_side(members, middles, groups):
            # "Henrik J. Valtonen" and "Henrik M. Valtonen", father and son: each joins only its own middle
            # initials ("Henrik Johannes Valtonen"); "Henrik Valtonen" fits both and joins neither.
            same_middle: dict = defaultdict(list)
            for g in members:
                if middles[g]:
                    same_middle[middles[g]].append(g)
            for gs in same_middle.values():
                for g in gs[1:]:
                    uf.union(gs[0], g)
            continue
        for g in members[1:]:
            uf.union(members[0], g)
    # Transliterations of a person's given names ("Abdel Youssef Tarsi" / "Abdul Yousef Tarsi"): looked up by surname
    # and consonant skeleton; a two-word name also by its last words' skeleton in longer names ("Yusef Tarsi").
    by_skeleton: dict[tuple, list] = defaultdict(list)
    tails: dict[tuple, set] = defaultdict(set)
    rom = {gid: _romanized_words(gid[1]) for gid in heads}  # each name romanized once for the joins below
    for gid in heads:
        w = rom[gid]
        if gid[0] == EntityType.Person and len(w) >= 2:
            by_skeleton[(len(w), w[-1], tuple(_skeleton(x) for x in w))].append(gid)
            if len(w) >= 3:
                tails[(w[-1], _skeleton(w[-2]))].add(gid)
    for key in sorted(by_skeleton, key=str):
        members = sorted(by_skeleton[key], key=_heavier_first(groups))
        for g in members[1:]:
            if _transliterated(rom[members[0]], rom[g]):
                uf.union(members[0], g)
    # An Arabic article before the surname also says its spelling is a transliteration ("Tarek al-Moarrem" /
    # "Tarek Muarrem"): with the same given name, the surname may differ as a given name may, and so may the
    # article alone ("Tarek el-Moarrem", "Tarek Moarrem": the names left once it is dropped are the same).
    particle: dict[tuple, list] = defaultdict(list)
    for gid in heads:
        w = rom[gid]
        bare = [x for x in w[1:-1] if x not in _ARABIC_ARTICLES]
        if gid[0] == EntityType.Person and len(w) >= 2:
            particle[(w[0], tuple(_skeleton(x) for x in bare + w[-1:]))].append((len(bare) < len(w) - 2, gid))
    for key in sorted(particle, key=str):
        members = sorted(particle[key], key=lambda m: (-sum(groups[m[1]].names.values()), m[1]))
        if len(members) < 2 or not any(had for had, _g in members):
            continue
        bare = {g: [w[0]] + [x for x in w[1:-1] if x not in _ARABIC_ARTICLES] + w[-1:]
                for _had, g in members for w in [rom[g]]}
        for had, g in members:
            for had2, h in members:
                if (had or had2) and g < h and uf.find(g) != uf.find(h) \
                        and (bare[g] == bare[h] or _transliterated(bare[g], bare[h], surname=False)):
                    uf.union(g, h)
    for key in sorted(by_skeleton, key=str):
        if key[0] != 2:
            continue
        for g in by_skeleton[key]:
            w = rom[g]
            longer = {uf.find(c) for c in tails.get((w[-1], key[2][0]), ()) if _transliterated(w, rom[c][-2:])}
            if len(longer) == 1 and not any(rom[c][-2:] == w for c in tails.get((w[-1], key[2][0]), ())):
                uf.union(next(iter(longer)), g)
    # Typos: compare names sharing type, word count and a 3-letter prefix or suffix (blocking).
    blocks: dict[tuple, list] = defaultdict(list)
    for gid in heads:
        t, n = gid
        f = fold(n)
        if len(f) < 7 or t == EntityType.Country:
            continue
        blocks[(bucket[gid], len(f.split()), f[:4])].append(gid)
        blocks[(bucket[gid], len(f.split()), f[-4:], "s")].append(gid)
    # Both tests below need the two names a word or two apart, those words with one first letter (`_typo_ok`):
    # that cheap check runs first, so a crowded block of unrelated names (a list of thousands) costs no
    # string alignment per pair.
    folded = {g: fold(g[1]) for key in blocks for g in blocks[key]}
    words = {g: (f.split(), _as_written(g[1]).split()) for g, f in folded.items()}
    for key in sorted(blocks, key=str):
        members = blocks[key]
        if len(members) > MAX_BLOCK:
            continue  # a crowded block is a common prefix, not a spelling family
        for i, a in enumerate(members):
            fa = folded[a]
            for b in members[i + 1:]:
                fb = folded[b]
                if uf.find(a) == uf.find(b) or abs(len(fa) - len(fb)) > 2:
                    continue
                if a[0] != b[0] and (fa + "s" == fb or fb + "s" == fa):
                    continue  # a plural and its singular typed two ways: the plural joins decide (no person is plural)
                if a[0] == EntityType.Person and _other_given_name_of(fa, fb, groups[a], groups[b]):
                    continue  # "Maria Keller" and "Mario Keller": two given names, two persons
                if _words_apart(words[a][0], words[b][0]) and SequenceMatcher(None, fa, fb).ratio() >= NEAR_DUPLICATE \
                        and _typo_ok(fa, fb, a[0], a[1], b[1]) \
                        or _words_apart(words[a][1], words[b][1]) and _near_as_written(a[1], b[1], a[0]):
                    big, small = sorted((a, b), key=_heavier_first(groups))
                    uf.union(big, small)


#: Letters of a name written apart or together below which the two are not compared ("Al Ba" / "Alba").
GLUED_MIN = 8

#: Abbreviations that open a place's name, read as the word ("St. Tarsk" is "Saint Tarsk", "Mt. Velt" "Mount Velt").
_PLACE_ABBREVIATIONS = {"st": "saint", "mt": "mount", "ft": "fort"}

#: Abbreviations written inside an organization's name, read as the word ("Tarsk Police Dept." is "... Department").
#: Folded (no dots or apostrophes: "Int'l" is "intl"). "Co" is "Company" ("Velmora Trading Co.").
_ORG_ABBREVIATIONS = {"dept": "department", "intl": "international", "assn": "association", "corp": "corporation",
                      "govt": "government", "univ": "university", "natl": "national", "co": "company",
                      "inst": "institute", "bros": "brothers", "mfg": "manufacturing"}

#: Words naming a body of water that English writes before or after its name ("Lake Velmor", "Velmor Lake").
_WATER_HEADS = frozenset(("lake", "river"))

#: The bucket of names of several words that no gazetteer place holds: a person, organization or place name
#: written two ways is one name whatever type extraction gave each spelling (the heavier spelling's type wins).
_ANY_TYPE = "name"


def _initials_written(g: Group) -> bool:
    """True when a person's most written name opens with initials, not a first name ("J.K. Tarrant", "JK Tarrant")."""
    first = max(g.names, key=lambda x: (g.names[x], x)).split()[0]
    return re.fullmatch(r"(?:[A-Z]\.-?){1,3}|[A-Z]{1,3}", first) is not None


def _middles_agree(middles: list) -> bool:
    """True when every two of these middle names' initials fit one person: the shorter runs inside the longer.

    ("w",) fits ("w",) and ("h", "w") (a middle name left out); ("j",) and ("m",) are two people.
    """
    given = sorted({m for m in middles if m}, key=len)
    for i, short in enumerate(given):
        for long_ in given[i + 1:]:
            it = iter(long_)
            if not all(x in it for x in short):
                return False
    return True


def _middles_side_by_side(members: list, middles: dict, groups: dict) -> bool:
    """True when one article writes two of these names with different middle initials: two people.

    "Henrik J. Valtonen" and "Henrik M. J. Valtonen" in one story are a son and his father; a story
    writes one person's name one way, so a middle name left out elsewhere says nothing there.
    """
    seen: dict = {}  # article -> the middle initials written there
    for g in members:
        if not middles[g]:
            continue
        for aid in groups[g].articles:
            if seen.setdefault(aid, middles[g]) != middles[g]:
                return True
    return False


def _spelling_bucket(gid: tuple, key: str) -> str:
    """Return the type a spelling is compared within: its own, or one bucket for multi-word non-gazetteer names.

    A name of two or more words ("Arvo Keskula", "Tarsk Mining Board") that extraction typed a person in
    two stories and an organization in a third, spelt "Keskulà" there, is one name: the corpus votes of
    both spellings decide its type. One-word names keep their type (a city and its club share a spelling),
    and so do names the gazetteer knows as a place or country (and, in the caller, a name the article
    context read as two types: "Tarsk Velt" the place and, in a match report, its team).
    """
    t, n = gid
    if t in (EntityType.Person, EntityType.Organization, EntityType.Place) and " " in key \
            and gazetteer.place(n) is None:
        return _ANY_TYPE
    return t


#: How one sound of a Cyrillic, Arabic or Greek name is romanized in English, German or French news, as
#: (pattern, one spelling): "Aleksandr" / "Alexander", "Jelena" / "Yelena" / "Elena", "Wolodymyr" / "Volodymyr",
#: "Tarsowitsch" / "Tarsovich", "Tarschtschenko" / "Tarshchenko", "Fyodor" / "Fedor", "Chodarkowski" /
#: "Khodarkovsky", "Tarsoff" / "Tarsov", "Dmitri" / "Dmitry", "Sergei" / "Sergey" (a short i after a vowel),
#: "Zelvenskyj" / "Zelvenskiy". Applied in order to a folded word of a person's name; two names whose every
#: word gives the same spelling are one name.
ROMANIZATIONS = ((r"tsch", "ch"), (r"sch", "sh"), (r"shch", "sh"), (r"x", "ks"), (r"w", "v"), (r"ph", "f"),
                 (r"kh", "ch"), (r"j", "y"), (r"^ye", "e"), (r"(?<=[bdfgklmnprstvz])yo", "e"), (r"([oe])ff$", r"\1v"),
                 (r"(?:iy|yy|ii|yi)$", "y"), (r"(?<=[^aeiouy])i$", "y"), (r"(?<=[aeo])i$", "y"))


def _romanized(word: str) -> str:
    """Return one romanization of a folded word of a person's name (see ROMANIZATIONS)."""
    for pattern, spelling in ROMANIZATIONS:
        word = re.sub(pattern, spelling, word)
    return word


def _romanized_words(name: str) -> list:
    """Return the folded words of a person's name, each romanized one way (see ROMANIZATIONS)."""
    return [_romanized(w) for w in fold(name).split()]


def _spelling_key(t: str, n: str) -> str:
    """Return the key two spellings of one name share: folded, "&" read as "and", one link word.

    "Party of (the) Regions"; an organization's "Council for/of/on Tarsk Relations" (one link), its
    abbreviations ("Dept.", `_ORG_ABBREVIATIONS`) and its leading demonym read as the country ("Veltrian
    Tarsk Lines" / "Veltria Tarsk Lines"), as is a closing "of" and a country ("Communist Party of Veltria" /
    "Veltrian Communist Party"); a place's "Northern Africa" / "North Africa", "St." / "Saint"
    and "Lake Velmor" / "Velmor Lake"; a German kind word closing an organization's or a place's name
    read as its English word (`_KIND_TRANSLATIONS`). A person's key is romanized by the caller.
    """
    f = re.sub(r"(?<=\w) the (?=\w)", " ", fold(n.replace("&", " and ")))
    if t == EntityType.Organization:
        f = re.sub(r"(?<=\w) (?:for|on) (?=\w)", " of ", f)
        words = [_ORG_ABBREVIATIONS.get(w, w) for w in f.split()]
        f = " ".join(words)
        c = gazetteer.demonym(words[0]) if len(words) > 1 else None
        head, of, owner = f.rpartition(" of ")
        if c is not None and gazetteer.country(words[0]) is None:
            f = " ".join([fold(c.name)] + words[1:])
        elif of and head and (c := gazetteer.country(owner)) is not None:
            f = f"{fold(c.name)} {head}"  # "Communist Party of Veltria" is the "Veltrian Communist Party"
    elif t == EntityType.Place:
        f = _COMPASS_CONTINENT.sub(r"\1 \2", f)
        words = f.split()
        if len(words) > 1 and words[0] in _PLACE_ABBREVIATIONS:
            f = " ".join([_PLACE_ABBREVIATIONS[words[0]]] + words[1:])
        elif len(words) > 1 and words[0] in _WATER_HEADS:
            f = " ".join(words[1:] + words[:1])  # "Lake Velmor" is "Velmor Lake"
    if t in (EntityType.Organization, EntityType.Place) and f:
        words = f.split()
        last = words[-1]
        for de, en in _KIND_TRANSLATIONS.items():
            if last == de and len(words) > 1:
                return " ".join(words[:-1] + [en])
            if last.endswith(de) and len(last) >= len(de) + GLUED_STEM:
                return " ".join(words[:-1] + [last[:-len(de)], en])  # "Tarskstadion" / "Tarsk Stadium"
    return f


#: German kind words that close an institution's or a site's name, and the English word news translates
#: them with ("Tarsk-Stiftung" / "Tarsk Foundation", "Velmstadion" / "Velm Stadium"). Folded spellings.
_KIND_TRANSLATIONS = {"stiftung": "foundation", "institut": "institute", "universitat": "university",
                      "partei": "party", "gesellschaft": "society", "ministerium": "ministry", "stadion": "stadium",
                      "kirche": "church", "akademie": "academy", "flughafen": "airport", "bahnhof": "station"}

#: Letters a German compound keeps before its kind word for the two to be read apart ("Velmstadion": "velm").
GLUED_STEM = 4


def _club_key(gid: tuple, g: Group):
    """Return (name without its club mark, mark) of a club named with one on either side, or None.

    "FC Tarsk", "1. FC Tarsk", "Tarsk FC" and "Tarsk Football Club" share ("tarsk", "fc"); "SC Tarsk" is
    another club ("sc"). The mark must be written as one ("FC", "VfB": capitals at both ends).
    """
    if gid[0] != EntityType.Organization:
        return None
    words = g.names.most_common(1)[0][0].split()
    if words and re.fullmatch(r"\d+\.?", words[0]):
        words = words[1:]
    if len(words) >= 3 and [w.casefold() for w in words[-2:]] == ["football", "club"]:
        words = words[:-2] + ["FC"]
    if len(words) < 2:
        return None
    for mark, rest in ((words[0], words[1:]), (words[-1], words[:-1])):
        if mark.casefold() in _CLUB_MARKS and mark[:1].isupper() and mark[-1:].isupper():
            return fold(" ".join(rest)), mark.casefold()
    return None


#: Kind words that name one organization in two translations ("Tarsk Football Association" / "Tarsk Football
#: Federation": one "Verband"; "International Office of Tarsk" / "International Organization for Tarsk").
#: "Council" / "Commission", "Agency" / "Council" are two bodies: no class holds them.
KIND_SYNONYMS = (frozenset(("association", "federation")), frozenset(("office", "organization", "organisation")))

#: Words that link a name's content words; a name is compared by its content words alone.
_LINK_WORDS = frozenset("of for the and on in at".split())

#: Content words an organization's two spellings must share beside the one that differs.
SHARED_WORDS = 2


def _derived(x: str, y: str, case: dict) -> bool:
    """True for two forms of one proper word ("Tarskish" / "Tarskistan", "Velt" / "Veltan").

    They share their first DERIVED_STEM letters or more, all but the last three of the shorter word,
    and the corpus writes both capitalized more often than not: "National" / "Nationalist" and
    "Social" / "Socialist" are words, and two parties.
    """
    stem = len(commonprefix((x, y)))
    if stem < max(DERIVED_STEM, min(len(x), len(y)) - 3) or (x in TITLES) != (y in TITLES):
        return False  # "Commission" / "Commissioner": the body and its office's holder
    return all((c := case.get(w, (0, 0)))[0] < c[1] for w in (x, y))


#: Letters two forms of one proper word share at least ("Tarskish" / "Tarskistan" share 7, "Velt" / "Veltan" 4).
DERIVED_STEM = 4


def _join_kind_synonyms(groups: dict, uf: _UnionFind, case: dict) -> None:
    """Join two organization names that differ in one content word: a kind word of one class, or a proper word's form.

    "Tarsk Football Association" / "Tarsk Football Federation", "Veltish Workers' Party" / "Veltistan
    Workers' Party". They must share SHARED_WORDS (2) other content words, link words aside ("Office of" /
    "Organization for"). Looked up by the name with one word left out, never by pairs of names. On DWIE
    1-602 the 6 joins it makes are right; of the pairs differing in one kind word outside a class none is
    one thing ("National Security Agency" / "... Council").
    """
    by_gap: dict[tuple, list] = defaultdict(list)
    for gid in sorted(groups):
        t, n = gid
        if t != EntityType.Organization:
            continue
        words = [w for w in fold(n).split() if w not in _LINK_WORDS]
        if len(words) < SHARED_WORDS + 1:
            continue
        for i, w in enumerate(words):
            by_gap[(tuple(words[:i]), tuple(words[i + 1:]))].append((w, gid))
    for key in sorted(by_gap, key=str):
        members = by_gap[key]
        if len(members) > MAX_BLOCK:
            continue
        for i, (x, a) in enumerate(members):
            for y, b in members[i + 1:]:
                if x == y or uf.find(a) == uf.find(b):
                    continue
                if any(x in c and y in c for c in KIND_SYNONYMS) or _derived(x, y, case):
                    big, small = sorted((uf.find(a), uf.find(b)), key=_heavier_first(groups))
                    uf.union(big, small)


def _join_head_of(groups: dict, uf: _UnionFind) -> None:
    """Join an organization named "Head of X" to the one named "X Head" ("University of Tarsk" / "Tarsk University",
    "Department of Morvan" / "Morvan Department"): English writes an institution both ways.

    The head must be an organization word and no state body read per country ("Ministry of Justice" /
    "Justice Ministry" are many countries' ministries, read by the national-institution step). Looked up by
    the folded words, never by pairs. On DWIE 1-602 both such pairs were one thing.
    """
    flat = {(t, fold(n)): (t, n) for t, n in groups if t == EntityType.Organization}
    for gid in sorted(groups):
        t, n = gid
        words = fold(n).split()
        if t != EntityType.Organization or len(words) < 3 or words[1] not in ("of", "for") \
                or words[0] not in ORG_WORDS or words[0] in _NATIONAL_HEADS:
            continue
        rest = [w for w in words[2:] if w != "the"]
        other = flat.get((t, " ".join(rest + words[:1])))
        if other is not None and uf.find(other) != uf.find(gid):
            big, small = sorted((uf.find(gid), uf.find(other)), key=_heavier_first(groups))
            uf.union(big, small)


def _skeleton(word: str) -> str:
    """Return a word's consonant skeleton: its first letter, then its consonants, doubles once ("mansour" -> "mnsr")."""
    w = re.sub(r"[^a-z]", "", word)
    return w[:1] + re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", w[1:]))


#: Difflib ratio of two spellings of one given name (same first letter and consonant skeleton): the lowest of
#: the transliterated person names DWIE 1-602 links to one page (a final vowel or a doubled letter apart).
TRANSLITERATED = 0.8


#: Arabic articles written before a surname ("al-", "el-"), dropped to compare its transliterations.
_ARABIC_ARTICLES = frozenset(("al", "el"))


def _transliterated(wa: list, wb: list, surname: bool = True) -> bool:
    """True when two person names (folded words, the same count) are one name transliterated two ways.

    The surname is written alike; every other word that differs keeps its first letter and skeleton and
    is close in spelling ("Abdel"/"Abdul"); "Hassan"/"Hussein" (ratio 0.62) stay two names. Some word must
    differ inside, not only at its end: "Maria"/"Mario" and "Daniel"/"Daniela" are two persons' names.
    With ``surname`` false the first word is written alike instead, and the surname may differ so.
    """
    if len(wa) != len(wb) or wa == wb or (wa[-1] != wb[-1] if surname else wa[0] != wb[0]):
        return False
    if all(x == y or x[:-1] == y[:-1] or x.startswith(y) or y.startswith(x) for x, y in zip(wa, wb)):
        return False
    return all(x == y or (x[:1] == y[:1] and len(x) >= 3 and len(y) >= 3 and _skeleton(x) == _skeleton(y)
                          and SequenceMatcher(None, x, y).ratio() >= TRANSLITERATED) for x, y in zip(wa, wb))


def _glued_key(gid: tuple) -> tuple | None:
    """Return a name's type and its letters with the spaces dropped, or None for a short or non-alphabetic name."""
    key = fold(gid[1]).replace(" ", "")
    return (gid[0], key) if len(key) >= GLUED_MIN and key.isalpha() else None


def _join_by_key(heads: list, groups: dict, uf: _UnionFind, key_of) -> None:
    """Join the names that ``key_of`` gives one key (None: no key), each onto the heaviest of them."""
    by_key: dict[tuple, list] = defaultdict(list)
    for gid in heads:
        key = key_of(gid)
        if key is not None:
            by_key[key].append(gid)
    for key in sorted(by_key):
        members = sorted(by_key[key], key=_heavier_first(groups))
        for g in members[1:]:
            uf.union(members[0], g)


def _as_written(name: str) -> str:
    """Return a name as written with its punctuation dropped and its spaces collapsed."""
    return " ".join(re.sub(r"[^\w ]+|_", "", name).split())


def _words_apart(wa: list[str], wb: list[str]) -> bool:
    """True when two names have as many words and differ in one (in a name of two or more words, up to
    TYPO_WORDS: see `_typo_ok`), each two differing words sharing their first letter."""
    if len(wa) != len(wb):
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    return 0 < len(diff) <= (TYPO_WORDS if len(wa) > 1 else 1) and all(x[:1] == y[:1] for x, y in diff)


def _near_as_written(na: str, nb: str, t: str) -> bool:
    """True for one misspelt word compared as written, before "ue" is read as an umlaut ("Tarsk Brogue" /
    "Tarsk Brouge": folded, "brogu" and "brouge" are too far apart)."""
    pa, pb = _as_written(na), _as_written(nb)
    return pa != pb and len(pa.split()) == len(pb.split()) \
        and SequenceMatcher(None, pa, pb).ratio() >= NEAR_DUPLICATE and _typo_ok(pa, pb, t, na, nb)


def _last_letter_changed(x: str, y: str) -> bool:
    """True when two words differ only in a last letter changed, added or dropped ("Maria" / "Mario", "Jan" / "Jana")."""
    if x == y:
        return False
    if len(x) == len(y):
        return x[:-1] == y[:-1]
    short, long_ = sorted((x, y), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short)


def _other_given_name_of(fa: str, fb: str, ga: Group, gb: Group) -> bool:
    """True when two persons' names differ in a given name's ending and each spelling is a given name of its
    own ("Maria Keller" / "Mario Keller", "Daniel" / "Daniela": a woman's and a man's name).

    A letter inside is a slip ("Franck" / "Frank"). A slip in a well-known name ("Angel Tarsk" once beside "Angela Tarsk" in DOMINANT or more articles) is
    still one person: the name written in one article only, the other in DOMINANT times as many or more.
    """
    wa, wb = fa.split(), fb.split()
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    diff = [(x, y) for x, y in zip(wa[:-1], wb[:-1]) if x != y]
    given = _given_names()
    if not diff or not all(x in given and y in given and _last_letter_changed(x, y) for x, y in diff):
        return False
    few, many = sorted((len(ga.articles), len(gb.articles)))
    return not (few == 1 and many >= DOMINANT)


def _typo_ok(fa: str, fb: str, t: str, na: str = "", nb: str = "") -> bool:
    """Two spellings may be one name: gazetteer places stay apart, persons keep their word shapes.

    ``na`` and ``nb`` are the names as written (normalised): a word's length is
    counted there, before an "ae" read as an umlaut shortens it ("Qaeda").
    One word may be misspelt; in a name of two or more words, two may, when both are misspelt inside
    ("Velmiakos Tarskeus" / "Velmiacos Traskeus": a letter swapped or replaced, not an ending added or
    changed: "Aleksandr Tarsov" / "Aleksandra Tarsova" are two persons). A title and a word that is none
    are two words ("Minister" / "Ministry": the office's holder and the body).
    """
    if t == EntityType.Place and gazetteer.place(fa) is not None and gazetteer.place(fb) is not None:
        return False
    wa, wb = fa.split(), fb.split()
    diff = [(i, x, y) for i, (x, y) in enumerate(zip(wa, wb)) if x != y]
    if not diff or len(diff) > (TYPO_WORDS if len(wa) > 1 else 1):
        return False
    written = [w.split() for w in (na, nb)]
    for i, x, y in diff:
        if all(len(w) == len(wa) for w in written):
            lengths = (len(written[0][i]), len(written[1][i]))
        else:
            lengths = (len(x), len(y))
        if (x in TITLES) != (y in TITLES):
            return False  # "Interior Minister" / "Interior Ministry", "Commissioner" / "Commission": an office's holder
        # "Angel"/"Angela", "Insitut"/"Institut": one longer word misspelt; "Bank"/"Bahn" are two words.
        if not (x[0] == y[0] and min(lengths) >= 5 and not (x.isdigit() or y.isdigit())
                and SequenceMatcher(None, x, y).ratio() >= 0.8):
            return False
        if len(diff) > 1 and len(commonprefix((x, y))) >= min(len(x), len(y)) - 1:
            return False  # an ending added or changed: "Tarsov" / "Tarsova"
    return True


#: Words of one name that may each be misspelt (see `_typo_ok`).
TYPO_WORDS = 2


#: An abbreviation written with a full stop after each capital ("N.Y.").
_DOTTED = re.compile(r"(?:[A-Z]\.){2,4}")


def _acronym(name: str) -> bool:
    """True for a name written as an acronym: 2-6 capital letters ("TRD")."""
    return name.isupper() and 2 <= len(name) <= 6 and name.isalpha()


def _join_swapped_acronyms(groups: dict, per_article: dict, uf: _UnionFind, local_map: dict, spelt_out: dict) -> None:
    """In one story, an organization's acronym written with two neighbouring letters swapped ("TVLA" beside
    "TLVA", or beside a name the story spelt out as "TLVA") is a slip: it takes the other's reading there.

    Looked up by the acronym's sorted letters, article by article; three letters or more (two swapped letters
    of two are another acronym). A bare acronym gives way to a name its story spelt out; of two bare ones,
    the one written less often is the slip.
    """
    written: dict = defaultdict(set)  # group -> the acronyms an article wrote beside its name
    for acronym, gids in spelt_out.items():
        for g in gids:
            written[g].add(acronym)
    for aid in sorted(per_article):
        by_letters: dict = defaultdict(dict)  # sorted letters -> {acronym: group}
        for gid in sorted(per_article[aid]):
            if gid[0] != EntityType.Organization:
                continue
            name = groups[gid].names.most_common(1)[0][0]
            for acronym in sorted(written.get(gid, ())) + ([name] if _acronym(name) else []):
                if len(acronym) >= 3:
                    by_letters["".join(sorted(acronym))].setdefault(acronym, gid)
        for same in by_letters.values():
            pairs = sorted(same.items())
            for (na, ga), (nb, gb) in zip(pairs, pairs[1:]):
                diff = [i for i in range(len(na)) if na[i] != nb[i]]
                if len(diff) != 2 or diff[1] != diff[0] + 1 or uf.find(ga) == uf.find(gb):
                    continue
                bare = [g for g, n in ((ga, na), (gb, nb)) if g[1] == gazetteer.norm(n)]
                if len(bare) == 2:  # two bare acronyms: the one written less often gives way
                    bare = sorted(bare, key=lambda g: (sum(groups[g].names.values()), len(groups[g].articles), g))[:1]
                if len(bare) == 1:  # a bare acronym gives way to the name its story spelt out
                    other = gb if bare[0] == ga else ga
                    local_map[(aid, bare[0])] = uf.find(local_map.get((aid, other), other))


def _acronym_like(text: str) -> bool:
    """True for an acronym: all capitals ("NIS"), or at least half capitals from the first letter ("AfD")."""
    if not (2 <= len(text) <= 6 and text.isalpha() and text[0].isupper()):
        return False
    upper = sum(ch.isupper() for ch in text)
    return upper >= 2 and 2 * upper >= len(text)


def _compound_initials(acronym: str, name: str) -> bool:
    """True when an acronym takes each word's first letter of a name and some letters from inside its compound
    words ("VW" for "Volkswagen", "NEW" for "Nordvik Energiewerke").

    An inner letter must open a part of three letters or more, three letters or more into its word
    ("Volks|wagen", "Energie|werke"); link words ("of", "for", "the") give no letter.
    """
    words = [w.casefold() for w in re.split(r"[\s\-]+", name) if w]
    if words and words[0] in _LEADING_ARTICLES:
        words = words[1:]
    words = [w for w in words if w not in _LINK_WORDS]
    a = acronym.casefold()
    if not words or len(a) <= len(words) or a[0] != words[0][0]:
        return False

    def go(i: int, w: int, p: int) -> bool:
        word = words[w]
        for q in range(max(p, 3), len(word) - 2):  # an inner letter of this word
            if i < len(a) and word[q] == a[i] and go(i + 1, w, q + 1):
                return True
        if w + 1 == len(words):
            return i == len(a)
        return i < len(a) and words[w + 1][0] == a[i] and go(i + 1, w + 1, 1)

    return go(1, 0, 1)


def _letters(name: str) -> str:
    """Return a name's folded letters alone, without a leading article ("the Tarsk Co-op" -> "tarskcoop")."""
    return re.sub(r"^the(?=[^a-z])|[^a-z]", "", fold(name))


def _defined_otherwise(text: str, acronym: str, names: set) -> bool:
    """True when the text spells ``acronym`` out in brackets ("Tarsk Velmor Pact (TVP)") as none of ``names``
    (read by :func:`_letters`: "Co-operation" is "Cooperation")."""
    if f"({acronym})" not in text:
        return False
    # A match starts at a run of word characters' first capital: tried from each capital of the run, each
    # attempt read the rest of it (30,000 capitals in a row took 7 s per acronym). From a later capital the
    # rest of the match is the same, so it succeeds only where the first one does: the same matches.
    for m in re.finditer(r"(?<![\w'\u2019.&-])(?:[^\WA-Z]|['\u2019.&-])*"
                         r"((?:[A-Z][\w'\u2019.&-]*\s+(?:(?:of|for|the|and|on|in)\s+)*){1,8})\("
                         + re.escape(acronym) + r"\)", text):
        words = m.group(1).split()
        for k in range(len(words), 0, -1):  # the longest run of words before the bracket that spells it
            phrase = " ".join(words[-k:])
            if phrase.split()[0][:1].isupper() and _initials(phrase) == acronym:
                if _letters(phrase) not in names:
                    return True
                break
    return False


def _join_compound_acronyms(groups: dict, per_article: dict, uf: _UnionFind) -> None:
    """Join an organization's acronym to the one organization of its article whose compound words it spells.

    "Volkswagen is recalling cars ... VW said": no name's initials spell "VW", but it takes the first letters
    of "Volks|wagen" (`_compound_initials`). The article ties the two for the corpus, as an article writing
    a name and its initials does; an acronym already joined to a name is left alone, and two names of the
    article that it fits leave it apart.
    """
    joined = Counter(uf.find(g) for g in groups)
    for gid in sorted(groups):
        t, name = gid[0], groups[gid].names.most_common(1)[0][0]
        if t != EntityType.Organization or not _acronym(name) or uf.find(gid) != gid or joined[gid] > 1:
            continue
        for aid in sorted(groups[gid].articles):
            fits = {uf.find(g) for g in per_article[aid] if g[0] == EntityType.Organization and g != gid
                    and not _acronym(groups[g].names.most_common(1)[0][0])
                    and _compound_initials(name, groups[g].names.most_common(1)[0][0])}
            if len(fits) == 1:
                uf.union(next(iter(fits)), gid)
                break


def _common_acronym(cands: set, root_articles: dict, articles: set) -> set:
    """Return the name an acronym no article ties to it stands for across the corpus: written in DOMINANT or more
    stories, as the acronym is, and in DOMINANT times as many as any other name it spells ("TB" in five stories,
    "Tarsk Broadcasting" in four, the "Tollan Bank" in one).

    Why: an outlet's or an agency's initials are written in many stories that never spell them out; a name
    written in one or two stories ("a research unit named once") or an acronym seen once stays apart.
    """
    if len(articles) < DOMINANT:
        return set()
    ranked = sorted(((len(root_articles[c]), c) for c in cands), reverse=True)
    if ranked[0][0] >= DOMINANT and (len(ranked) == 1 or ranked[0][0] >= DOMINANT * ranked[1][0]):
        return {ranked[0][1]}
    return set()


#: Words before a name that write it as where news came from: "told Tarsk Radio", "in an interview with TR",
#: "according to the Tarsk Post", "news agency TR"; after it: "TR reported", "the TR news agency".
_SOURCE_BEFORE = r"(?i:\btold|\btells|\btelling|\binterview with|\baccording to|\bquoted by|\bnews agency)(?: the)? "
_SOURCE_AFTER = r" (?i:news agency|reported|reports)\b"


def _written_as_source(text: str, name: str) -> bool:
    """True when ``text`` writes ``name`` as a source of news: after "told", "according to", "interview with" or
    "news agency", before "reported" or "news agency", or as an interviewer's label opening a line ("TR: Why ...")."""
    n = re.escape(name)
    return re.search(rf"{_SOURCE_BEFORE}{n}(?![\w-])|(?<![\w-]){n}{_SOURCE_AFTER}|^{n}: ", text, re.M) is not None


def _source_acronym(name: str, gid: tuple, cands: set, members: dict, groups: dict, root_articles: dict,
                    texts: dict) -> set:
    """Return the one candidate an untied acronym stands for as a news outlet: the acronym written as a source
    of news in one of its stories ("told TB"), and of the names spelling it only that one written so in one of
    its own ("told the Tarsk Broadcasting news agency").

    Why: outlets and news agencies are quoted by their initials in stories that never spell them out; a
    currency, a party or a research unit with the same initials is not written as where news came from.
    """
    if not any(_written_as_source(texts.get(a, ""), name) for a in sorted(groups[gid].articles)):
        return set()
    sources = set()
    for c in sorted(cands):
        if c[0] != EntityType.Organization:
            continue
        names = sorted({n for m in members[c] for n in groups[m].names} | set(groups[c].names))
        if any(_written_as_source(texts.get(a, ""), n) for a in sorted(root_articles[c]) for n in names):
            sources.add(c)
    return sources if len(sources) == 1 else set()


def _join_defined_acronyms(groups: dict, defined: dict[str, dict], uf: _UnionFind, local_map: dict | None = None,
                           written_at: dict | None = None) -> None:
    """An organization's acronym joins the name articles defined it for, when the initials cannot tell.

    "Alliance for Tarsk (AfT)" in one article makes "AfT" written alone in
    another that alliance: its lower-case letter keeps it from spelling the
    name's initials. When articles define it for several names, the one
    defined in twice as many articles as any other wins; else none. Where the
    corpus also writes the letters in another case ("AFT", a news agency's
    initials), only the articles writing the defined form alone are read so
    (``written_at``: (article, group) -> the names written there), not the
    stories of the other acronym its key shares.
    """
    for gid in sorted(groups):
        t, _n = gid
        if t != EntityType.Organization:
            continue
        name = groups[gid].names.most_common(1)[0][0]
        if not _acronym_like(name.replace("-", "")) or name not in defined:
            continue  # a hyphen may glue its parts ("VPL-N" for the "Vell People's League-Nord")
        me = uf.find(gid)
        owners: dict = defaultdict(set)
        for o, arts in defined[name].items():
            owners[uf.find(o)] |= arts
        if me in owners:
            continue  # already one of the names it was defined for
        if any(_initials(groups[o].names.most_common(1)[0][0]) == name for o in owners):
            continue  # initials that spell the name are joined by _join_acronyms, article by article
        ranked = sorted(((len(a), o) for o, a in owners.items()), reverse=True)
        if len(ranked) == 1 or ranked[0][0] >= 2 * ranked[1][0]:
            if written_at is not None and local_map is not None and len(groups[gid].names) > 1 \
                    and any(x != name for x in groups[gid].names):
                # "AfT" defined for the alliance, "AFT" written in other stories: one key, two acronyms
                for aid in sorted(groups[gid].articles):
                    if written_at.get((aid, gid), set()) <= {name}:
                        local_map[(aid, gid)] = ranked[0][1]
                continue
            uf.union(ranked[0][1], gid)


#: Continents' names: a place named with one is a continent or a region of several countries, which news never
#: writes with dotted initials as it does a city ("L.A.", "N.Y.").
_CONTINENT_WORDS = frozenset("africa america americas asia europe oceania antarctica".split())


def _join_acronyms(groups: dict, per_article: dict, uf: _UnionFind, local_map: dict,
                   texts: dict | None = None, spelt_out: dict | None = None) -> None:
    """An acronym joins the one multi-word name whose initials it spells: in its article first, else in the corpus.

    Across articles the corpus must tie the two: some article naming the full
    name also writes the acronym ("FN" is not the one "Fox News" named
    elsewhere), or, for three letters or more, the full name is named in two
    articles or more. ``texts`` (article id -> text) gives that evidence; without it
    no such test is made. ``spelt_out`` (acronym -> groups) names the full names
    an article wrote an acronym beside when their initials do not spell it
    ("Norddeutscher Rundfunk (NDR)"): a bare acronym with no name spelling it
    joins the one such name.
    """
    by_initials: dict[str, set] = defaultdict(set)
    by_letters: dict[str, set] = defaultdict(set)  # initials with two neighbours swapped: "SPD" for "Social Democratic Party"
    for gid in groups:
        t, n = gid
        name = groups[gid].names.most_common(1)[0][0]
        if t in (EntityType.Organization, EntityType.Country, EntityType.Place) and len(name.split()) >= 2:
            by_initials[_initials(name)].add(gid)
            ini = _initials(name)
            for i in range(len(ini) - 1):  # "SPD" for "Social Democratic Party": two neighbours swapped
                by_letters[ini[:i] + ini[i + 1] + ini[i] + ini[i + 2:]].add(gid)
    by_group = {g for gs in by_initials.values() for g in gs} | {g for gs in by_letters.values() for g in gs}
    members: dict = defaultdict(list)  # root -> its candidate groups
    for g in sorted(by_group):
        members[uf.find(g)].append(g)
    root_articles: dict = {}
    for gid in sorted(groups):
        t, n = gid
        name = max(groups[gid].names, key=lambda x: (groups[gid].names[x], x))
        if t == EntityType.Place and _DOTTED.fullmatch(name):
            # "N.Y.", "L.A.": dots make the letters a place's abbreviation, not a body's acronym; the one
            # place of several words the corpus names with those initials is the place.
            # No continent nor a region named after one: "L.A." is no "Latin America" of another story.
            same = {uf.find(c) for c in by_initials.get(name.replace(".", ""), ()) if c[0] == t
                    and not _CONTINENT_WORDS.intersection(c[1].split())}
            if uf.find(gid) in same:
                continue  # already one with such a place ("L.A." and "Los Angeles", one gazetteer city)
            if len(same) == 1:
                uf.union(next(iter(same)), gid)
            continue
        if not _acronym(name):
            continue
        if t == EntityType.Person:
            continue
        me = uf.find(gid)
        # Spellings already joined ("Agence France Press", "... Presse") are one candidate, with all their articles.
        cands = {uf.find(c) for c in by_initials.get(name, ())}
        if me in cands:
            continue  # already joined to a name it spells: no second one ("TA" of "Tarsk Airways" is no "Tarsk Arts")
        cands -= {me}
        if not cands:
            # A name translated from another language may swap two neighbouring words ("Partei" first).
            cands = {uf.find(c) for c in by_letters.get(name, ())} - {me}
            if len(cands) != 1 or len(name) < 3:
                cands = set()
        if not cands and spelt_out and texts is not None:
            beside = {uf.find(c) for c in spelt_out.get(name, ()) if c[0] == t} - {me}
            if len(beside) == 1:
                uf.union(next(iter(beside)), gid)  # the article that spelt it out ties them
                continue
        if cands and texts is not None:
            for c in cands:
                if c not in root_articles:
                    root_articles[c] = set().union(*(groups[m].articles for m in members[c]))
            # On DWIE 1-150, 301-450 and 451-602 the 19 corpus joins with such an article were right,
            # 8 of the 10 without one wrong ("IOC" for "Organization of Islamic Cooperation").
            # Written plain or dotted: an article writing "U.N." writes the acronym "UN".
            dotted = r"\.".join(re.escape(ch) for ch in name) + r"\."
            said = re.compile(r"\b(?:" + re.escape(name) + r"\b|" + dotted + ")", re.IGNORECASE)
            tied = {c for c in cands if any(said.search(texts.get(a, "")) for a in sorted(root_articles[c]))}
            known = INTERGOVERNMENTAL.get(name.casefold(), "").casefold()
            if not tied and len(cands) == 1 and known and known != name.casefold():
                # A body of states known by its acronym ("UN" for "United Nations") is the one name spelling it:
                # news writes the two apart so often that no story need tie them. Only the one candidate: a
                # corpus holding another expansion of the letters ("ICC" of a cricket council) keeps to evidence.
                c = next(iter(cands))
                if any(x.casefold() == known for m in members[c] for x in groups[m].names):
                    tied = {c}
            # An article naming the acronym beside a name ties them; else only a name the corpus repeats is one.
            # (An acronym written in 3+ stories joining, untied, the one name of its type spelling it was measured
            # and not kept: on DWIE 1-602 one join right, a broadcaster's initials, and one wrong, another
            # broadcaster's initials read as a research unit named once.)
            # Two letters spell too many names: untied, "FN" in one story is no "Fox News" of others (on DWIE
            # 1-602 the four untied two-letter joins were wrong: a currency, an operating system, a party).
            # Both written in DOMINANT or more stories, one name far ahead of the others, is an outlet's
            # initials (`_common_acronym`): on DWIE 151-302 a split fewer, nothing else moved on 1-602.
            # Else an acronym written as a news source ("told TB", "news agency TB") is the one name spelling it
            # that the corpus writes as a source too ("told Tarsk Broadcasting") (`_source_acronym`).
            cands = tied or {c for c in cands if len(root_articles[c]) >= 2 and len(name) >= 3} \
                or _common_acronym(cands, root_articles, groups[gid].articles) \
                or (_source_acronym(name, gid, cands, members, groups, root_articles, texts)
                    if t == EntityType.Organization else set())
        if len(cands) == 1 and texts is not None:
            c = next(iter(cands))
            if c not in root_articles:
                root_articles[c] = set().union(*(groups[m].articles for m in members[c]))
            full = groups[c].names.most_common(1)[0][0]
            own = {_letters(x) for m in members[c] for x in groups[m].names}
            if any(_defined_otherwise(texts.get(a, ""), name, own) for a in groups[gid].articles - root_articles[c]):
                # "the Tarsk Velmor Pact (TVP)" spells the acronym out as another thing (one extraction did not
                # take): "TVP" is then two things, that one and the "Tarsk Valley Party" of other stories; only
                # an article naming the party reads it as the party.
                for aid in sorted(groups[gid].articles & root_articles[c]):
                    local_map[(aid, gid)] = c
                continue
            if any(gazetteer.is_demonym(w) for w in full.split()):
                # A national name ("Veltrian Broadcasting Corporation") takes its acronym only where the
                # article writes it or its country: "ABC" among a Tarskian story's broadcasters is another.
                fits = {a for a in groups[gid].articles
                        if a in root_articles[c] or _names_country_of(texts.get(a, ""), full)}
                if fits != groups[gid].articles:
                    for aid in sorted(fits):
                        local_map[(aid, gid)] = c
                    continue
        if len(cands) == 1:
            uf.union(next(iter(cands)), gid)
            continue
        if len(cands) > 1:
            for c in cands:
                if c not in root_articles:
                    root_articles[c] = set().union(*(groups[m].articles for m in members[c]))
            # Several names spell it: the one named beside it in the most articles, when one leads.
            shared = sorted(((len(root_articles[c] & groups[gid].articles), c) for c in cands), reverse=True)
            if shared[0][0] >= 2 and shared[0][0] > shared[1][0]:
                uf.union(shared[0][1], gid)
                continue
            # Else a name the corpus uses far more than the others ("Deutsche Welle" over "Die Welt").
            prior = sorted(((len(root_articles[c]), c) for c in cands), reverse=True)
            if prior[0][0] >= 3 and prior[0][0] >= 3 * prior[1][0]:
                uf.union(prior[0][1], gid)
                continue
        for aid in sorted(groups[gid].articles):
            here = cands & {uf.find(g) for g in per_article[aid] if g in by_group}
            if not here and len(cands) > 1:
                # "the NDP" in a Finnish story, where the Finnish and a Ghanaian party spell it: the one named in
                # stories of a country the article names.
                here = _one_of_its_country(per_article[aid], cands, root_articles, per_article, uf)
            if len(here) == 1:
                local_map[(aid, gid)] = next(iter(here))
    # "UN Tarsk Council" is "United Nations Tarsk Council" when the corpus reads "UN" as that one name.
    by_fold = {(t, fold(n)): (t, n) for t, n in groups}
    for gid in sorted(groups):
        t, n = gid
        name = groups[gid].names.most_common(1)[0][0]
        head, _, rest = name.partition(" ")
        if t != EntityType.Organization or not rest or not (head.isupper() and head.isalpha() and 2 <= len(head) <= 6):
            continue
        root = uf.find((t, gazetteer.norm(head))) if (t, gazetteer.norm(head)) in groups else None
        full = root if root is not None and _initials(groups[root].names.most_common(1)[0][0]) == head else None
        if full is None and len(by_initials.get(head, ())) == 1:
            full = next(iter(by_initials[head]))
        if full is None:
            continue
        expansion = groups[full].names.most_common(1)[0][0].split()
        # "UN X Council" is "United Nations X Council"; "EU Commission" may drop the expansion's head
        # ("European Commission").
        other = next((o for i in range(len(expansion), 0, -1)
                      if (o := by_fold.get((t, fold(" ".join(expansion[:i]) + " " + rest)))) is not None), None)
        if other is not None and other != gid:
            big, small = sorted((other, gid), key=_heavier_first(groups))
            uf.union(big, small)


def _one_of_its_country(named: set, cands: set, root_articles: dict, per_article: dict, uf: _UnionFind) -> set:
    """Return the one candidate named in stories of a country that an article's names (``named``) hold, or nothing.

    Why: two parties of two countries share an acronym ("NDP"); a story writing it alone names its country.
    """
    def countries(gids) -> set:
        return {uf.find(g) for g in gids if g[0] == EntityType.Country}

    mine = countries(named)
    fit = {c for c in cands if mine & countries(g for a in sorted(root_articles[c]) for g in per_article[a])}
    return fit if len(fit) == 1 else set()


#: A governor after a state's name ("Georgia Governor", "Georgia's governor", "Georgia's Republican governor",
#: "the Georgia governor's office"), or before it ("Governor of Georgia"); not a central bank's ("Georgia's central
#: bank governor").
_GOVERNOR_AFTER = re.compile(r"(?:['\u2019]s)? (?:(?:new|former|Republican|Democratic|outgoing|incoming) )?[Gg]overnor\b")
_GOVERNOR_BEFORE = re.compile(r"\b[Gg]overnor of (?:the state of )?$")

#: A lowercase "state" right after a US state's name ("in Tarsk state").
_STATE_AFTER = re.compile(r"\s+state\b")

#: Lower-case words after a city's name that make it the province named after it ("Tarsk province").
#: Not "region" or "district": DWIE 1-602 links "X region" to the city X as often, and "X district" to X itself.
_PROVINCE_AFTER = re.compile(r"\s+(province|oblast|governorate|prefecture)\b")


#: Words before a name that make it a town: "the city of Tarsk", "the mayor of Tarsk".
_TOWN_BEFORE = re.compile(r"\b(?:city|town|village|municipality|mayor)\s+of\s+$")


def _written_as_town(text: str, start: int, end: int) -> bool:
    """True when a text writes a place's name as a town's: "the city of Tarsk", "Tarsk's mayor"."""
    return _TOWN_BEFORE.search(text[max(0, start - 30):start]) is not None \
        or _MAYOR_AFTER.match(text[end:end + 20]) is not None


def _province_after(text: str, m, raw: str, name: str) -> str:
    """Return "Province" (or the unit written) when a city's name is written with it ("Tarsk province"), else ""."""
    if gazetteer.city(name) is None or gazetteer.country(name) is not None:
        return ""
    words = raw.split()
    if len(words) == len(name.split()) + 1 and _PROVINCE_AFTER.fullmatch(" " + words[-1]):
        return words[-1].title()  # extraction kept the word: "Tarsk province"
    hit = _PROVINCE_AFTER.match(text, m.end)
    return hit.group(1).title() if hit and raw == name else ""

_GEO_SUFFIXES = frozenset("strip bay city island islands region province state valley airport ocean sea peninsula heights".split())

#: Population from which a city's name joins no airport named after it (on DWIE 151-300 "Tallinn" joined
#: "Tallinn Airport" in one article; a district such as an airport's own suburb stays below it).
AIRPORT_CITY = 100_000

#: Last words of a site that remembers what its name names ("Tarsk Wall Memorial"): the name alone is never the site.
#: On DWIE 151-300 "Berlin Wall" joined its memorial across articles; no site so named was called by its name alone.
_COMMEMORATIVE = frozenset("memorial monument".split())


def _join_short_names(groups: dict, per_article: dict, sport: dict, uf: _UnionFind, local_map: dict,
                      teams: frozenset | set = frozenset(), mention_group: dict | None = None,
                      case: dict | None = None, country_heads: frozenset | set = frozenset(),
                      texts: dict | None = None, story: dict | None = None, called: dict | None = None,
                      one_name: frozenset | set = frozenset()) -> None:
    """A short name joins the one longer name of its type that contains it at an edge.

    The article is asked first (one candidate named there), then the corpus
    (exactly one candidate anywhere). A person's one-word name matches a
    full name's first or last word; an organization's name the last words
    of a longer one ("Commission", "European Commission"); a place's name
    the first words of one that only adds a geographic word ("Gaza Strip").
    Party plurals join their party ("Free Democrats", "Free Democratic Party"),
    a head ``country_heads`` names its name ("Greenpeace", "Greenpeace Veltria").
    With ``texts`` (article id -> text), the words the article writes right
    before a short name decide first: "the Tarsk Commission" cut to
    "Commission" is the group named "Tarsk Commission", and a lone surname
    after another given name ("Arvo) Keskula") joins no full name across articles.
    Outside match reports a short name joins no name that only match reports
    use ("Tarsk", a company, is not the club "Tarsk Hollin"). A lone surname
    joins a full name only within the same kind of story, read from ``story``
    (article id -> a sports story, broader than a match report; ``sport`` if absent). A lone first name
    joins a full name across articles only where ``called`` (full name's group -> the one-word names an
    article wrote for it) shows the person is called so ("Tarik" written for "Tarik Orvan" in his own story).
    A one-word person name in ``one_name`` (article, group: listed beside full names there) joins no full
    name across articles: it is the whole name that person goes by ("... Mart Tarvel and Velmo").
    """
    story = sport if story is None else story
    called = called or {}
    case = case or {}
    texts = texts or {}
    starts: dict = defaultdict(list)  # (article, group) -> the starts of its mentions there
    spans: dict = defaultdict(list)  # (article, group) -> its mentions' (start, end) there
    for (aid, s, e), g in sorted((mention_group or {}).items()):
        starts[(aid, g)].append(s)
        spans[(aid, g)].append((s, e))
    titles_of: dict = {}  # person group -> the titles written before its mentions (computed once, when asked)

    def titles(g: tuple) -> set:
        if g not in titles_of:
            titles_of[g] = {w for aid in groups[g].articles for s, e in spans.get((aid, g), ())
                            for w in _titles_before(texts.get(aid, ""), s, e)}
        return titles_of[g]
    nations_of: dict = {}  # person group -> the countries its titles state (computed once, when asked)

    def nations(g: tuple, aids=None) -> set:
        if aids is not None:
            return {c for aid in aids for s, e in spans.get((aid, g), ())
                    for c in _countries_before(texts.get(aid, ""), s, e)}
        if g not in nations_of:
            nations_of[g] = nations(g, groups[g].articles)
        return nations_of[g]

    def sport_here(aid: str, short: tuple) -> bool:
        # "Heavyweight boxer Okafor" is read in a sports story however few sport words its brief story has
        return story[aid] or any(_titles_before(texts.get(aid, ""), s, e) & _SPORT_ROLES
                                 for s, e in spans.get((aid, short), ()))

    sexes_at: dict = {}  # (article, group) -> the sexes its mentions there are written with (computed when asked)

    def sexes(aid: str, g: tuple) -> set:
        if (aid, g) not in sexes_at:
            text = texts.get(aid, "")
            sexes_at[(aid, g)] = {x for s, e in spans.get((aid, g), ()) if (x := _written_sex(text, s, e))}
        return sexes_at[(aid, g)]

    def other_sex(aid: str, short: tuple, full: tuple) -> bool:
        # "Keskula said she would run" is not the corpus' one "Arvo Keskula", whose stories write "Arvo Keskula
        # said he" or "Mr Keskula": each side says one sex, and not the same one
        mine = sexes(aid, short)
        if len(mine) != 1:
            return False
        theirs = set()
        for a in sorted(groups[full].articles):
            theirs |= sexes(a, full) | sexes(a, (EntityType.Person, full[1].split()[-1]))
        return len(theirs) == 1 and not mine & theirs

    def other_nation(aid: str, short: tuple, full: tuple) -> bool:
        # "Portuguese opposition leader Serrada" is not the "Brazilian Finance Minister Paulo Serrada" of
        # other stories: both titles state a country, and not the same one
        mine = nations(short, (aid,))
        return bool(mine) and bool(theirs := nations(full)) and not mine & theirs
    # Words that open a person's full name somewhere in the corpus, or that the model knows as given names:
    # "Leon" alone may be any Leon's first name as well as the surname of the corpus' "Bernardino Leon".
    given_like = None

    def stranger(aid: str, short: tuple, full: tuple) -> bool:
        # "CIA Director Leon" in a story about hackers is not the "Bernardino Leon" of a story about Libya: a
        # lone word that is also a given name reads as the surname of another article's full name only where
        # the two stories name a person or body in common ("Abbas" beside the Fatah party of Mahmoud Abbas's).
        nonlocal given_like
        if given_like is None:
            given_like = _given_names() | {g[1].split()[0] for g in groups if g[0] == EntityType.Person and " " in g[1]}
        n = short[1]
        if n not in given_like or full[1].split()[-1] != n:
            return False  # "Tarik" for the "Tarik Orvan" his own story calls so is read above
        mine = {uf.find(g) for g in per_article[aid] if g[0] in (EntityType.Person, EntityType.Organization)}
        theirs = {uf.find(x) for a in groups[full].articles for x in per_article[a]}
        return not (mine & theirs) - {uf.find(short), full}
    by_edge: dict[tuple[str, str], set] = defaultdict(set)
    for gid in groups:
        t, n = gid
        words = n.split()
        if len(words) < 2:
            continue
        if t == EntityType.Person:
            by_edge[(t, words[0])].add(gid)
            by_edge[(t, words[-1])].add(gid)
            if len(words) >= 3:
                by_edge[(t, " ".join(words[-2:]))].add(gid)  # "Ben Ali" for "Zine Abidine Ben Ali"
            written = _written_words(groups[gid])
            for start in _compound_surname_starts(written):
                by_edge[(t, gazetteer.norm(" ".join(written[start:])))].add(gid)  # "Ferreira da Costa", "Van der Bellen"
            for alias in called.get(gid, ()):
                by_edge[(t, alias)].add(gid)  # "Bento" written alone for "Luiz Carlos Bento da Rocha" in his story
            if len(written) >= 3:  # "Arvo Tarsk-Velud" for "Mart Arvo Tarsk-Velud": a hyphen joins one surname
                by_edge[(t, gazetteer.norm(" ".join(written[-2:])))].add(gid)
            if _regnal(written):  # "Tarvo Arvo" for "Tarvo Arvo II": a regnal name without its number
                by_edge[(t, gazetteer.norm(" ".join(written[:-1])))].add(gid)
            elif _numbered(written):  # "Tarvo" for "Tarvo IX", taken only after a ruler's title (below)
                by_edge[(t, gazetteer.norm(written[0]))].add(gid)
        elif t == EntityType.Organization:
            for k in range(1, len(words)):
                if words[k - 1] not in _NAME_LINKS or not any(w in ORG_WORDS for w in words[:k - 1]):
                    by_edge[(t, " ".join(words[k:]))].add(gid)  # "Assembly of the Council of Y" is a part of it
            if len(words) >= 2 and words[1].startswith("democratic"):
                by_edge[(t, words[0] + " democrats")].add(gid)
            first = " ".join(words[:-1])
            if gazetteer.city(words[-1]) is not None and _club_word(first, words[-1]) \
                    and (sum(groups[gid].names.values()) >= 2
                         or any(sport[a] and (t, first) in per_article[a] for a in groups[gid].articles)) \
                    and not _capitals(groups[gid], words[-1]):
                # named once, "Hollin Tarsk" may be two names run together, unless its match report also writes
                # "Hollin" (the club called by its own name)
                by_edge[(t, first)].add(gid)  # "Hollin" for the club "Hollin Tarsk", named after its city
            elif " ".join(words[:-1]) in country_heads or len(words) == 2 and words[1] == "international":
                by_edge[(t, " ".join(words[:-1]))].add(gid)  # "Greenpeace" for "Greenpeace Veltria", "... International"
            if words[-1] in _CLUB_MARKS and _club_key(gid, groups[gid]) is not None:
                by_edge[(t, " ".join(words[:-1]))].add(gid)  # "Hollin" for "Hollin FC", as "Tarsk" for "FC Tarsk"
            if _CLUB_YEAR.fullmatch(words[-1]) and all(_name_word(w, case) for w in words[:-1]):
                by_edge[(t, " ".join(words[:-1]))].add(gid)  # "Hollin" for "Hollin 04": a club's founding year
            head, of, rest = n.rpartition(" of ")
            if of and head:
                by_edge[(t, head)].add(gid)  # "Communist Party" for "Communist Party of Veltria", "Council"
            head, of, rest = n.partition(" for ")
            if of and " " in head and rest:
                by_edge[(t, head)].add(gid)  # "Tarsk Institute" for "Tarsk Institute for Economic Research"
        elif t == EntityType.Place and (words[-1] in _GEO_SUFFIXES or words[-1] in _FACILITY_HEADS
                                        or _state_code(words[-1], groups[gid].names)):
            short = " ".join(words[:-1])
            if words[-1] == "state" and (gazetteer.us_state_name(short) or _city_named_region(short)):
                continue  # "New York", "Salzburg" alone are more often the city than "New York State", "Salzburg State"
            if words[-1] in _COMMEMORATIVE:
                continue  # "the Tarsk Wall" is not the "Tarsk Wall Memorial" that remembers it
            if _PROVINCE_AFTER.fullmatch(" " + words[-1]) and gazetteer.city(short) is not None:
                continue  # the city "Tarsk" is not "Tarsk Province", named after it
            if words[-1] == "airport" and getattr(gazetteer.city(short), "population", 0) >= AIRPORT_CITY:
                continue  # "Tarsk" is the city, not "Tarsk Airport"; "Velt" may be the airport in a district Velt
            if words[-1] in _GEO_SUFFIXES or gazetteer.place(short) is None or _state_code(words[-1], groups[gid].names):
                by_edge[(t, short)].add(gid)  # "Uffizi" for "Uffizi Gallery"; the city Tarsk is not "Tarsk Museum"
    most_words: dict = defaultdict(int)  # root -> the most words a name joined to it has
    for g in groups:
        most_words[uf.find(g)] = max(most_words[uf.find(g)], len(g[1].split()))
    spelt_longer = {g for g in groups if g[0] == EntityType.Organization and most_words[uf.find(g)] > len(g[1].split())}
    roots: dict[str, set] = {}  # article -> the roots of the groups it names (computed once, when asked)
    names_here: dict[str, set] = {}  # article -> the names of the groups it names (computed once, when asked)
    home = _home_countries(mention_group or {}, groups)
    countries_of: dict = {}  # article -> the country groups it names (computed once, when asked)
    home_of: dict = {}  # group -> the country most of its articles are about (computed once, when asked)
    # longer names first: "Security Council" is read before "Council", which then finds it read as the
    # "UN Security Council" of its article
    deferred = []  # (article, short name, its candidates) the article named none of when it was read
    for gid in sorted(groups, key=lambda g: (-len(g[1].split()), g)):
        t, n = gid
        if t == EntityType.Country or (t == EntityType.Person and len(_written_words(groups[gid])) > 2
                                       and 0 not in _compound_surname_starts(_written_words(groups[gid]))) \
                or (gid in teams and gazetteer.country(n)):
            continue  # a national team keeps its country's name; a full name looks for no longer one
        if t == EntityType.Organization and (len(uf.find(gid)[1].split()) > len(n.split()) or gid in spelt_longer):
            # "Democrats" the spellings joined to the "Democratic Party" has its longer name: it is that party,
            # not the "Social Democrats" or "Christian Democrats" other stories name (whichever of the two
            # spellings the join kept as its root).
            continue
        # A neo-Velt movement or an anti-Velt campaign is another thing than "Velt", never a longer name of it.
        cands = {uf.find(c) for c in by_edge.get((t, n), ()) if not _other_thing(groups[c])} - {uf.find(gid)}
        if t == EntityType.Place and any(_PROVINCE_AFTER.fullmatch(" " + c[1].split()[-1]) for c in cands) \
                and any(_written_as_town(texts.get(aid, ""), s, e)
                        for aid in sorted(groups[gid].articles) for s, e in spans.get((aid, gid), ())):
            # "the city of Tarsovo", "Tarsovo's mayor": the town, not the "Tarsovo Province" named after it
            cands = {c for c in cands if not _PROVINCE_AFTER.fullmatch(" " + c[1].split()[-1])}
        if t == EntityType.Place and cands:
            own = gazetteer.city(n)
            if own is not None and own.population >= BIG_CITY:
                # "Tarsk" is the big city, not "Tarsk City" (an airport) nor "Tarsk Bay": only another name of it joins.
                cands = {c for c in cands if getattr(gazetteer.city(c[1]), "geonames_id", None) == own.geonames_id}
        if t == EntityType.Organization and " " in n and not _institution_words(n) and not _looks_org(n):
            # "Red Cross" is not the "Veltrian Red Cross": a proper name of its own, and the country's branch.
            cands = {c for c in cands if not _national_branch(c[1], n)}
        if not cands:
            continue
        only = next(iter(cands)) if len(cands) == 1 else None
        if t != EntityType.Person and " " in n and only is not None and only[1].endswith(" " + n) \
                and only[1][:-len(n)].split()[-1] not in _NAME_LINKS - _LIST_LINKS \
                and len(groups[only].articles) == 1 and len(groups[gid].articles) >= DOMINANT:
            # "League Champions Hollin Tarsk" in one headline: words glued before a name the corpus writes in
            # DOMINANT or more articles. The longer name is a variant of it, not the other way round; a name
            # "of" it is another thing ("Court of Justice of the Tarsk Union").
            uf.union(gid, only)
            continue
        if t == EntityType.Organization and " " not in n and only is not None and only[1].endswith(" " + n) \
                and len(groups[only].articles) == 1 and len(groups[gid].articles) >= DOMINANT \
                and n not in _NATIONAL_HEADS and n not in _GENERIC \
                and (gazetteer.place(n) is None or (t, only[1][:-len(n) - 1]) in groups):
            # "Velt" alone in DOMINANT or more stories is known by that name: the one story's "Zorrin Velt"
            # or "Hollin Tarsk Velt" does not take it. Common words glued before it ("New Velt", "Ex-Velt", a
            # demonym) make a variant of it, which joins it; a name word before it makes another thing. A
            # city's club ("Hollin Tarsk" for "Tarsk") is left to the club rules, unless the words before the
            # city are a name of the corpus on their own: two names ran together ("Hollin Tarsk Velt").
            if not any(_name_word(w, case) for w in only[1][:-len(n)].split()):
                uf.union(gid, only)
                continue
            apart = True  # only the words its own article writes before it may still name the longer one
        else:
            apart = False
        # A place's name read as its club, or tagged an organization outright ("Tarsk" for "Hollin Tarsk").
        club = (gid in teams or t == EntityType.Organization and " " not in n and gazetteer.place(n) is not None) \
            and _club_candidates(cands, groups, sport)
        by_prefix: dict = defaultdict(set)  # the words a candidate puts before the short name ("eu") -> its roots
        if t == EntityType.Organization and (len(cands) > 1 or " " not in n and n in _GENERIC
                                             and n not in _NATIONAL_HEADS) and gid not in teams:
            # a national head ("Parliament") is read in its story's country instead (`_national_institution`)
            for c in by_edge[(t, n)]:
                if c[1].endswith(" " + n):
                    by_prefix[c[1][:-len(n) - 1]].add(uf.find(c))
        for aid in sorted(groups[gid].articles):
            if aid not in roots:
                roots[aid] = {uf.find(x) for x in per_article[aid]}
            # a candidate the article's own joins already read as another candidate is that one ("Security
            # Council" written for the "UN Security Council" of its headline)
            here = {m if (m := uf.find(local_map.get((aid, c), c))) in cands else c for c in cands & roots[aid]}
            if not here and len(cands) > 1 and t == EntityType.Organization and " " not in n:
                deferred.append((aid, gid, cands))
            written = _written_before(texts.get(aid, ""), starts.get((aid, gid), ()), n, t, groups, uf) \
                if t == EntityType.Organization else None
            if written is not None:
                if written != uf.find(gid):
                    local_map[(aid, gid)] = written
                continue
            if apart:
                continue
            if by_prefix and (len(here or cands) > 1 or not here):
                # "the Commission" beside the "EU Commission" and the "Tarsk Commission": the one whose first
                # words the article also names on their own ("the EU"), else none. So too for a generic word
                # whose one longer name the article does not write ("Commission President X" in a story naming
                # the "European Union", the corpus' "European Commission" elsewhere).
                if aid not in names_here:
                    names_here[aid] = {g[1] for g in per_article[aid]} | {uf.find(g)[1] for g in per_article[aid]}
                picked = set().union(*(by_prefix[k] for k in names_here[aid] & by_prefix.keys())) & (here or cands)
                if not picked:
                    # else the first words of another name it writes ("EU" read as the "European Union":
                    # "European"), for a candidate the corpus names in DOMINANT or more articles
                    named = _leading_words(x for x in names_here[aid] if not x.endswith(" " + n))
                    picked = {c for c in set().union(*(by_prefix[k] for k in named & by_prefix.keys())) & (here or cands)
                              if len(groups[c].articles) >= DOMINANT}
                if len(picked) == 1:
                    local_map[(aid, gid)] = next(iter(picked))
                    continue
            if t == EntityType.Organization and len(here) > 1:
                # "the Commission" beside the "Orvik Commission" named ten times and the "Baltan Commission" once:
                # the one the article names far more often.
                count = Counter()
                for g in per_article[aid]:
                    count[uf.find(local_map.get((aid, g), g))] += len(starts.get((aid, g), ()))
                top = sorted(here, key=lambda c: (-count[c], c))
                if count[top[0]] >= DOMINANT * max(count[top[1]], 1):
                    local_map[(aid, gid)] = top[0]
                    continue
            if len(here) == 1:
                local_map[(aid, gid)] = next(iter(here))
            elif t == EntityType.Person and len(here) > 1 and " " not in n \
                    and all(c[1].split()[-1] == n for c in here) \
                    and not any(_last_letter_changed(a[1].split()[0], b[1].split()[0])
                                for a in here for b in here if a < b):
                # "Keskmaa" after "Arvo Keskmaa" and "Mart Keskmaa": the one its story named last before it. A
                # story that writes the surname before naming any of them says nothing, nor a first word ("Lee"
                # of "Lee Min-ho" and "Lee Ji-won"); "Maria Keskmaa" beside "Mario Keskmaa" may be one
                # person misspelt, whom the surname alone must not split.
                first = min(starts.get((aid, gid), ()), default=-1)
                last_named = {c: max((s for g in per_article[aid] if uf.find(local_map.get((aid, g), g)) == c
                                      for s in starts.get((aid, g), ()) if s < first), default=-1) for c in here}
                near = max(sorted(here), key=lambda c: last_named[c])
                if last_named[near] >= 0:
                    local_map[(aid, gid)] = near
            elif not here and t == EntityType.Person and len(
                    spelt := [c for c in sorted(cands) if _writes_name(texts.get(aid, ""), groups[c])]) == 1:
                local_map[(aid, gid)] = spelt[0]  # "Tarvo Keskula's party" written, extraction kept only "Tarvo"
            elif not here and (aid, gid) in one_name:
                continue
            elif not here and len(cands) == 1 and (
                    t == EntityType.Person and (_person_corpus_ok(groups, gid, next(iter(cands)))
                                                or _ruler_stem(groups, gid, next(iter(cands)), texts.get(aid, ""),
                                                               spans.get((aid, gid), ()))
                                                or any(n in called.get(c, ()) for c in by_edge[(t, n)]
                                                       if uf.find(c) == next(iter(cands))))
                    and _same_kind_of_story(aid, next(iter(cands)), groups, story, sport_here(aid, gid))
                    and not _other_given_name(texts.get(aid, ""), starts.get((aid, gid), ()), next(iter(cands))[1], case)
                    and not other_nation(aid, gid, next(iter(cands)))
                    and not stranger(aid, gid, next(iter(cands))) and not other_sex(aid, gid, next(iter(cands)))
                    or t != EntityType.Person and _corpus_short_ok(t, n, sport[aid], case, next(iter(cands))[1])
                    and (sport[aid] or not all(sport[a] for a in groups[next(iter(cands))].articles))
                    and not _other_qualifier(texts.get(aid, ""), starts.get((aid, gid), ()), n, next(iter(cands))[1], case)):
                local_map[(aid, gid)] = next(iter(cands))
            elif not here and t == EntityType.Person and len(cands) > 1 and len(_written_words(groups[gid])) == 1:
                # one written word, "al-Rashidi" too (its key "al rashidi")
                # "Tarsk" alone when the corpus names "Arvo Tarsk" in 30 articles and "Mia Tarsk" in one: the
                # one it names far more often, when it fits as for a single candidate.
                lead = None
                mine = {w for s, e in spans.get((aid, gid), ()) for w in _titles_before(texts.get(aid, ""), s, e)}
                if mine:
                    # "Interior Minister Sorensen" when the corpus names the interior minister "Bogdan Sorensen"
                    # and the opposition leader "Mila Sorensen": the one its titles were written before.
                    shared = [c for c in sorted(cands) if _person_corpus_ok(groups, gid, c) and mine & titles(c)]
                    lead = shared[0] if len(shared) == 1 else None
                if lead is None:
                    lead = _clear_lead(groups, [c for c in cands if _person_corpus_ok(groups, gid, c)], PERSON_PRIOR)
                if lead is None:
                    # "Tasker" in a story about the Green Front when the corpus names its leader "Mira Tasker"
                    # beside the party and a lawyer "Paul Tasker" elsewhere: the one whose stories name the
                    # same people and bodies.
                    lead = _co_named_lead(roots[aid] - {uf.find(gid)},  # filled at the loop's top
                                          [c for c in sorted(cands) if _person_corpus_ok(groups, gid, c)],
                                          groups, per_article, uf)
                if lead is None and n not in _given_names():
                    # "Brandt" in a match report when the corpus names the striker "Arvo Brandt" only in match
                    # reports and the minister "Ilse Brandt" only outside them: the one of its kind of story
                    # ("John" may be any John's given name).
                    kind = [c for c in sorted(cands) if _person_corpus_ok(groups, gid, c)
                            and _same_kind_of_story(aid, c, groups, story, sport_here(aid, gid))]
                    lead = kind[0] if len(kind) == 1 else None
                if lead is not None and _same_kind_of_story(aid, lead, groups, story, sport_here(aid, gid)) \
                        and not _other_given_name(texts.get(aid, ""), starts.get((aid, gid), ()), lead[1], case) \
                        and not other_nation(aid, gid, lead) and not stranger(aid, gid, lead) \
                        and not other_sex(aid, gid, lead):
                    local_map[(aid, gid)] = lead
            elif not here and t == EntityType.Organization and n.split()[-1] in _NATIONAL_HEADS:
                # "Communist Party" in a story about Veltria: the one such party whose name holds Veltria,
                # or, for a name without a country in it, whose articles are mostly about Veltria.
                if aid not in countries_of:
                    countries_of[aid] = {g for g in per_article[aid] if g[0] == EntityType.Country}
                mine = countries_of[aid]
                if (_home_body(n) or n.split()[-1] == "court") and aid in home:
                    mine = {home[aid]}  # "Supreme Court" in a story about Ostmark that names Veltria once: Ostmark's
                fits = set()
                for c in cands:
                    if c not in home_of:
                        home_of[c] = _main_home(c, groups, home) if _institution_words(c[1]) else None
                    if _name_countries(c[1]) & mine or home_of[c] in mine:
                        fits.add(c)
                if len(fits) == 1:
                    local_map[(aid, gid)] = next(iter(fits))
            elif not here and club and len(club) == 1 and sport[aid]:
                local_map[(aid, gid)] = next(iter(club))  # "Tarsk" in a match report: the one club named after it
            elif not here and t == EntityType.Organization and len(cands) > 1 and " " not in n:
                # "Tarsk" in a match report when the corpus names the club "Tarsk Hollin" in five stories and a
                # headline's run-together "Arvo Tarsk" once: the one it names far more often, when it fits as
                # a single candidate would.
                lead = _clear_lead(groups, [c for c in cands if _corpus_short_ok(t, n, sport[aid], case, c[1])],
                                   DOMINANT)
                if lead is not None and (sport[aid] or not all(sport[a] for a in groups[lead].articles)) \
                        and not _other_qualifier(texts.get(aid, ""), starts.get((aid, gid), ()), n, lead[1], case):
                    local_map[(aid, gid)] = lead
    # "Hollin" in a story that writes the club "Hollin Tarsk" only as "Tarsk", read after "Hollin" was: the one
    # candidate the article's other short names were read as.
    for aid, gid, cands in deferred:
        if (aid, gid) not in local_map:
            reached = {uf.find(local_map.get((aid, x), x)) for x in per_article[aid]} & cands
            if len(reached) == 1:
                local_map[(aid, gid)] = next(iter(reached))


def _compound_surname_starts(words: list) -> list:
    """Return where a person's surname of several words may start: at its first particle, or one word before
    a lower-case one.

    "Joao Ferreira da Costa" is called "Ferreira da Costa" and "da Costa"; "Alexander Van der Bellen" "Van der
    Bellen". A particle opens a surname only after a given name and before the last word ("Zine Abidine Ben
    Ali" is also "Abidine Ben Ali" only when "Ben" is written lower-case: it is not). 0 is among them for a
    name that may be such a surname alone ("Ferreira da Costa").
    """
    first = next((i for i, w in enumerate(words[:-1]) if w.casefold() in _PARTICLES), None)
    if first is None:
        return []
    out = [first] if first >= 1 else [0]
    if first >= 1 and words[first].islower() and gazetteer.norm(words[first - 1]) not in _given_names():
        out.append(first - 1)  # not a given name: "Paulo da Tarsa" is no surname of "Maria Paulo da Tarsa"
    return sorted(set(out))


#: Titles that tell no one apart: forms of address, and words for when or how long one held a post.
_PLAIN_TITLES = _HONORIFICS | frozenset("former late then new acting incumbent outgoing veteran dr prof".split())


def _words_up_to_name(text: str, start: int, end: int, window: int = 40) -> list:
    """Return the words written before a person's name, in the mention or up to ``window`` characters before it,
    without the name's own words ("Saudi oil minister al-Rashidi" -> Saudi, oil, minister)."""
    head, cut = text[max(0, start - window):start], start >= window  # the window may cut its first word
    if "\n" in head:
        head, cut = head[head.rfind("\n") + 1:], False  # a headline above says nothing of the name
    words = head.split()[1 if cut else 0:]
    before = len(words)
    words += text[start:end].split()
    while len(words) > before and words[-1].casefold() not in TITLES | _ROLE_WORDS:
        words.pop()  # the mention's own name words, a lower-case particle too ("al-Rashidi", "de Souza")
    while words and words[-1][:1].isupper() and words[-1].casefold() not in TITLES | _ROLE_WORDS:
        words.pop()  # the name's own words the mention left out ("Bogdan Sorensen")
    return words


def _titles_before(text: str, start: int, end: int) -> set:
    """Return the titles and roles written right before a person's name ("Interior Minister Sorensen" ->
    interior, minister), in the mention or just before it, up to a punctuation mark or another word."""
    words = _words_up_to_name(text, start, end)
    out = set()
    for w in reversed(words):
        if w[-1:] in ",.;:!?\"'()" or w.casefold() not in TITLES | _ROLE_WORDS:
            break
        out.add(w.casefold())
    return out - _PLAIN_TITLES


def _countries_before(text: str, start: int, end: int) -> frozenset:
    """Return the countries a demonym or a country's possessive states in the titles before a person's name.

    "Portuguese opposition leader Serrada" and "Italy's Transport Minister Luca
    Ferrante" state Portugal and Italy; a name with no title right before it
    states none ("Serrada, a Portuguese MP": the words after it may be about anyone).
    """
    words = _words_up_to_name(text, start, end, 60)
    if not words or words[-1].casefold() not in TITLES | _ROLE_WORDS:
        return frozenset()
    for w in reversed(words[-5:]):
        if w[-1:] in ",.;:!?\"()":
            break
        if gazetteer.is_demonym(w) or re.search(r"['\u2019]s$", w):
            found = _name_countries(gazetteer.norm(w))
            if found:
                return found
        if w.casefold() in _ARTICLES or w.casefold() in CONNECTIVES:
            break
    return frozenset()


#: People and bodies a lone surname's story must share with one full name's stories, and how many times
#: as many as with any other, for the surname to be that person (see :func:`_co_named_lead`).
CO_NAMED_MIN = 2


def _co_named_lead(named: set, cands: list, groups: dict, per_article: dict, uf) -> tuple | None:
    """Return the one candidate whose other stories name CO_NAMED_MIN or more of the people and bodies ``named``
    (roots a story names), DOMINANT times as many as any other candidate's do, or None.

    Places and countries are left out: most stories of a country name it, whoever they are about.
    """
    mine = {g for g in named if g[0] in (EntityType.Person, EntityType.Organization)}
    if len(cands) < 2 or len(mine) < CO_NAMED_MIN:
        return None
    shared = []
    for c in cands:
        theirs = {uf.find(x) for a in sorted(groups[c].articles) for x in per_article[a]}
        shared.append((len(mine & (theirs - {c})), c))
    shared.sort(reverse=True)
    if shared[0][0] >= CO_NAMED_MIN and shared[0][0] >= DOMINANT * shared[1][0]:
        return shared[0][1]
    return None


def _clear_lead(groups: dict, cands, floor: int):
    """Return the candidate named in ``floor`` or more articles and DOMINANT times as many as the next, or None."""
    fits = sorted(((len(groups[c].articles), c) for c in cands), reverse=True)
    if fits and fits[0][0] >= floor and fits[0][0] >= DOMINANT * (fits[1][0] if len(fits) > 1 else 0):
        return fits[0][1]
    return None


#: Prefixes that, written with a hyphen, make a name another thing, not a variant of it: a neo-Velt movement,
#: an anti-Velt campaign, a pro-Velt rally are not "Velt" ("New Velt", "Ex-Velt" are).
_OTHER_THING = re.compile(r"(?:neo|anti|pro|post|non|counter)-", re.IGNORECASE)


def _other_thing(g: Group) -> bool:
    """True for a group written with a hyphenated prefix that makes another thing ("Neo-Velt", "Anti-Velt")."""
    return any(_OTHER_THING.match(w) for w in g.names)


def _leading_words(names) -> set:
    """Return the leading words of each name ("tarsk union" gives "tarsk"): the first words a short name's
    longer forms may put before it ("the Tarsk Commission" in a story naming the "Tarsk Union")."""
    out: set = set()
    for n in names:
        words = n.split()
        out.update(" ".join(words[:k]) for k in range(1, len(words)) if words[k - 1] not in _NAME_LINKS)
    return out


def _capitals(g: Group, word: str) -> bool:
    """True when a group's names write ``word`` (normalised) in capitals: "PSA" of "Velora Air-PSA" is an
    acronym, though the gazetteer lists it among a town's names (an airport code)."""
    return any(w.isupper() and len(w) > 1 for name in g.names for w in re.split(r"[\s\-]+", name)
               if gazetteer.norm(w) == word)


def _written_words(g: Group) -> list:
    """Return the words of a group's most written name, a hyphenated surname one word ("Tarsk-Velud")."""
    return max(g.names, key=lambda x: (g.names[x], x)).split()


def _writes_name(text: str, g: Group) -> bool:
    """True when a text writes one of a group's names (of two or more words) as a whole phrase, tagged or not."""
    return any(" " in n and n in text and _written_whole(text, n) for n in g.names)


def _written_whole(text: str, phrase: str) -> bool:
    """True when a text writes a phrase with no word character or hyphen glued on either side."""
    return re.search(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", text) is not None


def _same_kind_of_story(aid: str, full: tuple, groups: dict, sport: dict, here: bool | None = None) -> bool:
    """True when some article of ``full`` is a match report exactly when article ``aid`` (or ``here``) is one.

    A lone surname is read as the corpus' one full name ending in it only
    within the same kind of story: "Keskula" in a story about a party is not
    the striker "Arvo Keskula" that only match reports name.
    """
    here = sport[aid] if here is None else here
    return any(sport[a] == here for a in groups[full].articles)


def _club_candidates(cands: set, groups: dict, sport: dict) -> set:
    """Return the candidates match reports name, or the one named in DOMINANT times more match reports than any other.

    "Tarsk" in a match report beside "Hollin Tarsk" (five match reports) and
    the radio "Antenne Tarsk" (one): the club.
    """
    count = {c: sum(1 for a in groups[c].articles if sport[a]) for c in cands}
    club = sorted((c for c in cands if count[c]), key=lambda c: (-count[c], c))
    if len(club) > 1 and count[club[0]] >= DOMINANT * count[club[1]]:
        return set(club[:1])
    return set(club)


_WORD_BEFORE = re.compile(r"([A-Z][\w\-]*)\s+$")
_GIVEN_BEFORE = re.compile(r"([A-Z][a-z][\w\-]*)[)\]\"'\u201d]?\s+$")


def _words_before(text: str, starts, pattern: re.Pattern = _WORD_BEFORE):
    """Yield the capitalized word the text writes right before each mention start that has one."""
    for s in starts:
        m = pattern.search(text[max(0, s - 30):s])
        if m is not None:
            yield m.group(1)


def _written_before(text: str, starts, n: str, t: str, groups: dict, uf: _UnionFind):
    """Return the group "W name" names when most mentions of a short name follow the capitalized word W, else None.

    Extraction may cut "the Tarsk Commission" to "Commission"; the word before
    it, read back from the text, names the thing when "Tarsk Commission" is a
    group of the corpus (joined or not).
    """
    if not text or not starts:
        return None
    votes: Counter = Counter()
    for w in _words_before(text, starts):
        gid = (t, gazetteer.norm(w + " " + n))
        if gid[1] != n and gid in groups:  # "The Commission" is the short name itself
            votes[uf.find(gid)] += 1
    if not votes:
        return None
    best, k = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    return best if k * 2 > len(starts) else None


def _national_branch(full: str, n: str) -> bool:
    """True when ``full`` is ``n`` after a demonym or a country's name ("Veltrian Red Cross" for "Red Cross")."""
    head = full[:-len(n)].strip() if full.endswith(" " + n) else ""
    return bool(head) and (gazetteer.is_demonym(head) or gazetteer.country(head) is not None)


#: How many times more often than any other an article must name the longer name a short name is read as.
DOMINANT = 3

#: Articles a full name needs before a lone surname elsewhere is read as it while other full names end in it
#: (it must also be named in DOMINANT times as many articles as the next).
PERSON_PRIOR = 5


#: Population from which a city's name joins no longer place name ("Tarsk City", "Tarsk Bay") that is not the city,
#: and from which a city tagged an organization is the city where no match report names it (a club goes by the
#: city's name in match reports; elsewhere the tagger misreads a large city for a body).
BIG_CITY = 1_000_000


def _other_qualifier(text: str, starts, n: str, full: str, case: dict) -> bool:
    """True when most mentions of a short name follow a name word other than the one ``full`` puts before it.

    "the UN Security Council" cut to "Security Council" is not the corpus' one
    "National Security Council". Articles, titles, connectives and words the
    corpus mostly writes lowercase before the short name say nothing.
    """
    if not text or not starts:
        return False
    words = full.split()
    k = len(n.split())
    before = words[-k - 1] if words[-k:] == n.split() and len(words) > k else None
    spelt = "".join(w[0] for w in words[:-k] if w not in _NAME_LINKS).upper() if before else None  # "UN" for "United Nations"
    other = 0
    for w in _words_before(text, starts):
        cw = w.casefold()
        low, cap = case.get(cw, (0, 0))
        if cw in _ARTICLES or cw in TITLES or cw in CONNECTIVES or (not w.isupper() and low >= cap):
            continue
        other += gazetteer.norm(w) != before and w != spelt
    return other * 2 > len(starts)


_ARTICLES = frozenset(("the", "a", "an"))


def _other_given_name(text: str, starts, full: str, case: dict) -> bool:
    """True when the article writes a given name other than ``full``'s right before a lone surname.

    "(the late Arvo) Keskula": the article names another Keskula than the
    corpus' one "Mart Keskula", in a form extraction cut. Titles, connectives,
    places, demonyms, possessives, words the corpus mostly writes lowercase
    (a capitalized headline) and the words of ``full`` itself ("Keskula
    Keskula": a headline ending in the surname, run into the next sentence)
    before the surname say nothing.
    """
    own = set(fold(full).split())  # "Arvo" or "Keskula" itself: a headline "... for Keskula" run into "Keskula said"
    for w in _words_before(text, starts, _GIVEN_BEFORE):
        cw = w.casefold()
        low, cap = case.get(cw, (0, 0))
        if cw in TITLES or cw in CONNECTIVES or low >= cap or fold(w) in own or gazetteer.is_demonym(w) \
                or gazetteer.place(w) is not None or gazetteer.country(w) is not None:
            continue
        return True
    return False


#: Similarity (difflib ratio of folded words) at which a lone surname is a misspelling of a full name's last
#: word in its article ("Keskulla" for "Arvo Keskula"); "Muller" and "Moller" (0.83) stay two people.
MISSPELT_SURNAME = 0.85


def _join_misspelt_surnames(groups: dict, per_article: dict, uf: _UnionFind, local_map: dict) -> None:
    """Join a one-word person name to the one full name of its article whose last word it misspells.

    Only where the article names no person with that exact last word; the
    words share the first letter, are 5+ letters and differ by at most two.
    A hyphenated surname is one word ("Tarsk-Veluud" misspells the "Tarsk-Velud" of "Anna Tarsk-Velud").
    Each article's persons are compared with each other only, never the corpus.
    """
    last_words: dict = {}  # article -> {full-name person group: its folded last words} (computed once, when asked)
    for gid in sorted(groups):
        t, n = gid
        if t != EntityType.Person or len(n) < 5 or " " in n and len(_written_words(groups[gid])) != 1:
            continue
        f = fold(n)
        if len(f) < 5:
            continue
        for aid in sorted(groups[gid].articles):
            if (aid, gid) in local_map:
                continue
            if aid not in last_words:
                last_words[aid] = {g: _last_words(g, groups) for g in per_article[aid]
                                   if g[0] == EntityType.Person and " " in g[1] and len(_written_words(groups[g])) > 1}
            lasts = last_words[aid]
            if any(f in ws for ws in lasts.values()):
                continue
            near = {uf.find(g) for g, ws in lasts.items() for w in ws
                    if w[:1] == f[:1] and abs(len(w) - len(f)) <= 2 and SequenceMatcher(None, w, f).ratio() >= MISSPELT_SURNAME}
            if len(near) == 1:
                local_map[(aid, gid)] = next(iter(near))


#: How many times a story must write a one-word name for one other mention a letter off to be a slip of it.
SLIP_DOMINANT = 3


def _one_letter_off(a: str, b: str) -> bool:
    """True when two words differ by one letter added, dropped, replaced, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
            and a[diff[1]] == b[diff[0]]
    short, long_ = sorted((a, b), key=len)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


def _join_story_slips(groups: dict, mention_group: dict, uf: _UnionFind, local_map: dict) -> None:
    """In one story, a one-word name written once a letter off a name of its type written SLIP_DOMINANT times or
    more there is a slip of it ("Sulanna" once among six "Sulana"): it takes that name there.

    Only in that story (the other spelling may be someone else elsewhere), for words of five letters or more with
    one first letter; two given names ("Maria" / "Mario") stay apart, and so does a place's name the gazetteer
    knows.
    Looked up by type, first letter and length, article by article.
    """
    counts: dict = defaultdict(Counter)  # article -> group -> mentions
    for (aid, _s, _e), gid in mention_group.items():
        if " " not in gid[1] and gid[0] != EntityType.Country:
            counts[aid][gid] += 1
    given = None
    for aid in sorted(counts):
        c = counts[aid]
        by_key: dict = defaultdict(list)
        for gid in c:
            f = fold(gid[1])
            if len(f) >= 5:
                by_key[(gid[0], f[0], len(f))].append((f, gid))
        for (t, first, n), items in sorted(by_key.items(), key=str):
            for f, slip in items:
                if c[slip] != 1 or (aid, slip) in local_map:
                    continue
                near = [(fg, g) for m in (n - 1, n, n + 1) for fg, g in by_key.get((t, first, m), ())
                        if c[g] >= SLIP_DOMINANT and _one_letter_off(f, fg)]
                if len(near) != 1:
                    continue
                (folded, target), = near
                if t == EntityType.Place and gazetteer.place(slip[1]) is not None:
                    continue
                if given is None:
                    given = _given_names()
                if f in given and folded in given:
                    continue
                local_map[(aid, slip)] = uf.find(local_map.get((aid, target), target))


#: What follows a person's name, not a town's: a possessive before a common noun ("Henderson's proposal") or a
#: verb of saying ("Henderson declined", "Henderson told").
_PERSON_CUE_AFTER = re.compile(r"['\u2019]s [a-z]| (?:said|says|told|tells|added|declined|denied|insisted|warned|"
                               r"argued|explained|admitted|stressed|noted|recalled|claimed|wrote|replied|agreed|"
                               r"refused|urged)\b")


def _join_place_surnames(groups: dict, mention_group: dict, texts: dict, uf: _UnionFind, local_map: dict) -> None:
    """In one story, a one-word name read as a place that is the last word of the one person the story names in
    full, written once as a person is and never as a place, is that person ("Frederick Henderson ... Henderson's
    plan ... Henderson declined": a Nevada city of that name is not meant).

    Written as a place: after "in", "from", "near" and such, or before "-born" or "-based" (`_written_as_place`);
    one such mention keeps the place. As a person: before a possessive and a common noun or a verb of saying
    (`_PERSON_CUE_AFTER`); a city named beside a person who carries its name with neither stays the city.
    """
    bare: dict = defaultdict(list)  # (article, place group) -> its mentions' (start, end)
    full: dict = defaultdict(lambda: defaultdict(set))  # article -> folded last word -> person groups named in full
    for (aid, s, e), gid in mention_group.items():
        t, n = gid
        if t == EntityType.Place and " " not in n:
            bare[(aid, gid)].append((s, e))
        elif t == EntityType.Person and " " in n:
            full[aid][n.split()[-1]].add(gid)
    for (aid, gid), spans in sorted(bare.items()):
        persons = full.get(aid, {}).get(gid[1], set())
        if len(persons) != 1 or (aid, gid) in local_map:
            continue
        if any(_written_as_place(texts[aid], s, e) for s, e in spans) \
                or not any(_PERSON_CUE_AFTER.match(texts[aid], e) for _s, e in spans):
            continue
        person = next(iter(persons))
        local_map[(aid, gid)] = uf.find(local_map.get((aid, person), person))


def _last_words(g: tuple, groups: dict) -> frozenset:
    """Return a full name's folded last word, and its last written word when a hyphen joins two ("tarsk velud")."""
    words = fold(g[1]).split()
    written = fold(_written_words(groups[g])[-1])
    return frozenset(w for w in (words[-1] if words else "", written) if w)  # no Latin letters: no key


def _person_piece_ok(n: str) -> bool:
    """True for a name that may be a piece of a person's name: no country, place or institution word in it."""
    return _person_words_ok(n) and gazetteer.place(n) is None and gazetteer.country(n) is None


def _person_words_ok(n: str) -> bool:
    """True for a name with no institution, geographic, facility, title or demonym word in it."""
    return all(w not in ORG_WORDS and w not in _GEO_SUFFIXES and w not in _FACILITY_HEADS and w not in TITLES
               and not gazetteer.is_demonym(w) for w in n.split())


def _join_person_pieces(groups: dict, per_article: dict, uf: _UnionFind, local_map: dict,
                        companies: frozenset | set = frozenset(), case: dict | None = None,
                        mention_group: dict | None = None, texts: dict | None = None,
                        placed: frozenset | set = frozenset()) -> None:
    """Join, in one article, a piece of a person's name to that person, whatever type extraction gave the piece.

    "Keskula" tagged an organization beside the person "Arvo Keskula"; "Alar Keskula" tagged an organization
    beside the person "Keskula"; "Ilves Keskula" beside "Arvo Ilves Keskula". The piece is the last words of
    exactly one longer person name of the article (or the article's one-word person is the last word of it),
    and names no place, country or institution. Each article is asked alone, never the corpus. A piece in
    ``companies`` (article, group: written as a company there, "the carmaker Porvik", "Porvik shares") is the
    company named after its founder, not the founder "Anton Porvik" of its article. A name whose other words
    include one news writes in lower case and no given name ("Team Keskula", "Bloc Keskula": the entity
    model's lexicon, or ``case`` for the corpus) is a body named after the person, not a full name of the lone
    surname beside it. A one-word piece two or more full names of its article end in ("Ostrova" tagged an
    organization beside "Lena Ostrova" and "Pavel Ostrova") is the one named last before it, as a lone surname
    tagged a person is (`_join_short_names`; ``mention_group`` gives where each name stands): not when no full
    name comes before it, nor when two of them differ in a given name's last letter only. With ``texts``
    (article id -> text), a one-word piece whose article names no person of that surname joins the one person
    of the corpus whose full name the article writes all the same ("Chancellor Klara Wendt" where the tagger
    read "Klara" as a place and "Wendt" as a body); and a one-word place in ``placed`` (article, group: its
    article writes it as a place once, "the village of Velmora", "in Velmora"; :func:`_places_written`) stays the
    place beside a person who carries its name ("police chief Anton Velmora"), as in `_join_place_surnames`.
    """
    common, given = _common_words() | {w for w, (low, cap) in (case or {}).items() if low > cap}, _given_names()
    starts: dict = defaultdict(list)  # (article, group) -> the starts of its mentions there
    for (aid, s, _e), g in sorted((mention_group or {}).items()):
        starts[(aid, g)].append(s)
    persons: dict = {}  # article -> {last word: [(person group, its words)]} (computed once, when asked)
    full_by_last: dict = defaultdict(list)  # a full name's last word -> the corpus' person groups of 2+ words
    if texts:
        for g in sorted(groups):
            if g[0] == EntityType.Person and " " in g[1] and gazetteer.demonym(g[1]) is None:
                full_by_last[g[1].split()[-1]].append(g)
    for gid in sorted(groups):
        t, n = gid
        small_town = t != EntityType.Person and " " not in n and _person_words_ok(n) and _small_town_or_none(n)
        if t == EntityType.Country or (t == EntityType.Person and " " not in n) \
                or not (_person_piece_ok(n) or small_town):
            continue
        words = n.split()
        for aid in sorted(groups[gid].articles):
            if (aid, gid) in local_map or (aid, gid) in companies or (aid, gid) in placed:
                continue
            if aid not in persons:
                # Each article's persons by their last word: every test below asks for the same last word as n's
                # (scanning all of an article's persons for each name cost the square of its names).
                persons[aid] = defaultdict(list)
                for g in per_article[aid]:
                    if g[0] == EntityType.Person and gazetteer.demonym(g[1]) is None:  # "North Korean" is no person
                        w = g[1].split()
                        if w:
                            persons[aid][w[-1]].append((g, w))
            same_last = persons[aid].get(words[-1], []) if words else []
            longer = {uf.find(local_map.get((aid, g), g)) for g, w in same_last
                      if len(w) > len(words) and w[-len(words):] == words
                      and (_person_piece_ok(n) or w[0] in given)}  # a small town's name only after a given name
            if t != EntityType.Person and not longer and len(words) >= 2 \
                    and not any(w.casefold() in common and w.casefold() not in given
                                for w in _written_words(groups[gid])[:-1]):
                # the full name tagged an organization, its surname alone a person; not when the surname was read
                # as another full name ("Bence Szerdahelyi" in a story whose "Szerdahelyi" is "Gabor Szerdahelyi")
                longer = {r for g, w in same_last if w == words[-1:]
                          if " " not in (r := uf.find(local_map.get((aid, g), g)))[1] or (" " + r[1]).endswith(" " + n)}
                if any(len(w) > 1 and w[-1] == words[-1] for _g, w in same_last):
                    longer = set()
            if len(longer) > 1 and len(words) == 1 and t != EntityType.Person and starts \
                    and not any(_last_letter_changed(a[1].split()[0], b[1].split()[0])
                                for a in longer for b in longer if a < b):
                # "Ostrova" tagged an organization after "Lena Ostrova" and before "Pavel Ostrova": the person
                # its story named last before it (a lone surname tagged a person is read so in _join_short_names)
                first = min(starts.get((aid, gid), ()), default=-1)
                last_named = {c: max((s for g, _w in same_last if uf.find(local_map.get((aid, g), g)) == c
                                      for s in starts.get((aid, g), ()) if s < first), default=-1) for c in longer}
                near = max(sorted(longer), key=lambda c: last_named[c])
                longer = {near} if last_named[near] >= 0 else set()
            if not longer and not same_last and len(words) == 1 and t != EntityType.Person and texts:
                # the article names no person of that surname: one the tagger missed, written in full there
                spelt = {uf.find(g) for g in full_by_last.get(words[0], ())
                         if _writes_name(texts.get(aid, ""), groups[g])}
                longer = spelt if len(spelt) == 1 else set()
            if len(longer) == 1 and next(iter(longer)) != uf.find(gid):
                local_map[(aid, gid)] = next(iter(longer))


def _join_plurals(groups: dict, per_article: dict, uf: _UnionFind, local_map: dict) -> None:
    """Join, in one article, a name written with a plural "s" to the same name written without it.

    "Veltrians" beside "Veltrian", "Little Blue Hats" beside "Little Blue Hat", whatever types
    extraction gave the two. Countries keep their names, and two persons theirs ("Jonas", "Jona" are two people).
    """
    for gid in sorted(groups):
        t, n = gid
        if t == EntityType.Country or not n.endswith("s") or len(n.split()[-1]) < 5 or n.endswith("ss"):
            continue
        for aid in sorted(groups[gid].articles):
            if (aid, gid) in local_map:
                continue
            one = {uf.find(local_map.get((aid, g), g)) for g in per_article[aid] if g[1] == n[:-1] and g[0] != EntityType.Country
                   and not t == g[0] == EntityType.Person}
            if len(one) == 1 and next(iter(one)) != uf.find(gid):
                local_map[(aid, gid)] = next(iter(one))


def _join_plural_names(groups: dict, uf: _UnionFind, case: dict) -> None:
    """Join, across the corpus, a name written with a plural "s" to the one same name without it.

    "Veltrists" in one story and "Veltrist" in another are one movement, whatever types extraction
    gave the two: a people, party or movement is named by its members in the plural and by the
    adjective in the singular. A one-word singular must be a word the corpus writes capitalized
    more often than not ("Green" is a colour too); countries keep their names, a singular typed a
    person is a person's name ("Jona" is not "Jonas"). Of the plural pairs of DWIE 1-602, 17 are one
    thing and 1 is not ("ISIS" / "ISI", left apart: too short).
    """
    for gid in sorted(groups):
        t, n = gid
        last = n.split()[-1]
        if t == EntityType.Country or not last.endswith("s") or last.endswith("ss") or len(last) < 5:
            continue
        if groups[gid].names.most_common(1)[0][0].split()[-1].isupper():
            continue  # an acronym's last letter is no plural: "TARSIS" is not "TARSI"
        if " " not in n:
            low, cap = case.get(n[:-1], (0, 0))
            if low >= cap:
                continue
        one = {uf.find(h) for h in ((k, n[:-1]) for k in (EntityType.Organization, EntityType.Place)) if h in groups}
        if len(one) == 1 and (h := next(iter(one))) != uf.find(gid):
            # A plural names a group, never one person: a plural tagged a person takes the singular's type.
            big, small = sorted((uf.find(gid), h),
                                key=lambda g: (g[0] == EntityType.Person, -sum(groups[g].names.values()), g))
            uf.union(big, small)


#: Last words that give a company's legal form, not its name ("Tarsk Group", "Tarsk Ltd").
_LEGAL_FORMS = frozenset("group ltd inc corp corporation ag gmbh plc llc co holding holdings sa se".split())


def _by_end_fields(names) -> tuple[dict, dict]:
    """Return (type, name) groups by the first and by the last space-separated field of the name."""
    firsts: dict = defaultdict(list)
    lasts: dict = defaultdict(list)
    for g in names:
        fields = g[1].split(" ")
        firsts[fields[0]].append(g)
        lasts[fields[-1]].append(g)
    return firsts, lasts


def _join_legal_forms(groups: dict, per_article: dict, uf: _UnionFind, local_map: dict) -> None:
    """Join a name and the one organization an article names as it plus a legal form ("Tarsk", "Tarsk Ltd").

    The two are one thing in every article (an article that names both says so): the short name elsewhere
    is not left apart from the long one.
    """
    # Each article's names by their first space-separated field, which a name starting with n + " " shares
    # with n (scanning all of an article's names for each name cost the square of its names).
    ends: dict = {}
    firsts = Counter(n.split(" ")[0] for t, n in groups if t == EntityType.Person and " " in n)

    def founder(n: str) -> bool:
        # "Velmark Automotive" tagged a person beside "Velmark Automotive Group" is the company's short name,
        # unless it opens with a given name (the model's, or one opening another person's name): "Axel Tarvo"
        # beside "Axel Tarvo SE" is its founder.
        return " " in n and (firsts[n.split(" ")[0]] > 1 or n.split(" ")[0] in _given_names())

    for gid in sorted(groups):
        t, n = gid
        if t == EntityType.Country or t == EntityType.Person and founder(n):
            continue
        for aid in sorted(groups[gid].articles):
            if (aid, gid) in local_map:
                continue
            if aid not in ends:
                ends[aid] = _by_end_fields(per_article[aid])
            one = {g for g in ends[aid][0].get(n.split(" ")[0], ()) if g[0] == EntityType.Organization
                   and g[1].startswith(n + " ") and g[1][len(n) + 1:] in _LEGAL_FORMS}
            if len(one) == 1:
                uf.union(next(iter(one)), gid)
                break
    # Across the corpus: a company named with its legal form in one story and without it in another ("Tarsk
    # Mining Ltd" / "Tarsk Mining") is one company. An organization, or a name of two words or more the NER
    # read as a person that opens with no given name ("Tarsk Motoren" beside "Tarsk Motoren AG"), which
    # takes the company's type; a bare name the gazetteer knows as a country or a sizeable city stays apart
    # ("Tarsk Group" of states named after the city).
    bare = {n: (t, n) for t, n in groups if t == EntityType.Organization}
    named = {n: (t, n) for t, n in groups if t == EntityType.Person and " " in n and not founder(n)}
    for gid in sorted(groups):
        t, n = gid
        words = n.split(" ")
        if t != EntityType.Organization or len(words) < 2 or words[-1] not in _LEGAL_FORMS:
            continue
        head = " ".join(words[:-1])
        short = bare.get(head)
        if short is None and head in named and uf.find(named[head])[0] == EntityType.Person:
            uf.union(uf.find(gid), named[head])  # the company keeps its type
            continue
        if short is None or uf.find(short) == uf.find(gid) or gazetteer.country(short[1]) is not None \
                or getattr(gazetteer.place(short[1]), "population", 0) >= CLUB_CITY:
            continue
        big, small = sorted((uf.find(gid), uf.find(short)), key=_heavier_first(groups))
        uf.union(big, small)


def _one_letter_dropped(a: str, b: str) -> bool:
    """True when one string is the other with one letter left out or doubled ("Veltira"/"Veltiria")."""
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _join_typos_across_types(groups: dict, per_article: dict, uf: _UnionFind, local_map: dict) -> None:
    """Join, in one article, a name to the one name of another type it writes with a letter left out ("Veltia", "Veltria").

    Same-type typos are joined corpus-wide by `_join_spellings`; a misspelling that extraction also typed
    otherwise is a name the corpus writes once, looked for among the names of its own article only.
    """
    size = {g: sum(groups[g].names.values()) for g in groups}
    # Each article's names a slip may be of (a country, or a name written twice or more), listed once per article:
    # scanning all of an article's names for each name written once cost the square of its names.
    targets: dict = {}
    for gid in sorted(groups):
        t, n = gid
        f = fold(n)
        if t == EntityType.Country or len(f) < 6 or size[gid] > 1:
            continue  # a slip is written once
        for aid in sorted(groups[gid].articles):
            if (aid, gid) in local_map:
                continue
            near = set()
            if aid not in targets:
                targets[aid] = [g for g in per_article[aid] if g[0] == EntityType.Country or size[g] >= 2]
            for g in targets[aid]:
                if g[0] == t or g[0] != EntityType.Country and size[g] < 2:
                    continue
                fg = fold(g[1])
                if len(fg.split()) != len(f.split()) or not _one_letter_dropped(f, fg):
                    continue
                kind = EntityType.Place if EntityType.Place in (t, g[0]) else t
                if SequenceMatcher(None, f, fg).ratio() >= NEAR_DUPLICATE and _typo_ok(f, fg, kind, n, g[1]):
                    near.add(uf.find(local_map.get((aid, g), g)))
            if len(near) == 1 and next(iter(near)) != uf.find(gid):
                local_map[(aid, gid)] = next(iter(near))


def _places_written(mention_group: dict, texts: dict) -> set:
    """Return (article, group) of each one-word place its article writes as a place at some mention.

    "the village of Velmora", "died in Velmora" (`_written_as_place`), "the Velmora city council": the story
    means the place there, though it names "police chief Anton Velmora" too; one such mention keeps the place
    off the person, as in `_join_place_surnames`.
    """
    return {(aid, g) for (aid, s, e), g in mention_group.items()
            if g[0] == EntityType.Place and " " not in g[1] and (_written_as_place(texts.get(aid, ""), s, e)
                                                                 or _SETTLEMENT_AFTER.match(texts.get(aid, ""), e))}


def _small_town_or_none(n: str) -> bool:
    """True for a name the gazetteer knows as no place, or only as a town of fewer than CLUB_CITY people:
    no country, region or sizeable city, whose name a story would mean before a person's."""
    if gazetteer.country(n) is not None:
        return False
    p = gazetteer.place(n)
    return p is None or gazetteer.city(n) is not None and 0 < p.population < CLUB_CITY


#: Two digits closing a club's name, the year it was founded ("Hollin 04", "Tarsk 96"): news drops them.
_CLUB_YEAR = re.compile(r"\d\d")


#: The in-story short forms `_join_in_story_short_forms` reads (see there).
_SHORT_FORMS = frozenset({"club", "surname", "given", "particle", "site", "tail", "company", "head"})

#: Lower-case words inside a place's name after which news drops the rest: "Tarsk am See" is "Tarsk" again.
_PLACE_PARTICLES = frozenset("de do da das dos del di am an upon on sur sul".split())


def _join_in_story_short_forms(groups: dict, per_article: dict, sport: dict, uf: _UnionFind, local_map: dict,
                               which: frozenset | set = frozenset({"club", "surname", "particle"}),
                               placed: frozenset | set = frozenset(), body_first: dict | None = None,
                               word_after: dict | None = None) -> None:
    """Join, in one article, a short form to the one longer name it shortens there, across the types extraction gave.

    News names a thing in full once and then shortly; the story itself says which full name a short form is:

    - ``club``: in a match report, a club's own name without the city it carries ("Hollin" beside "Hollin
      Tarsk", "Rovers" beside "Tarsk Rovers", tagged an organization or a person) and a city tagged an
      organization without the club's name it opens ("Tarsk" beside "Tarsk Rovers"): sports writing calls
      a club by either half;
    - ``surname``: a one-word name tagged a place that ends one full person name of the article ("pro-Keskula
      camps" beside "Arvo Keskula") is that person's surname, though the gazetteer lists a town of that name
      (a gazetteer lists thousands of small towns whose names are surnames; a country, region or city of
      CLUB_CITY people or more is meant as the place). A town the gazetteer knows is read so only when the
      full name opens with a given name: "Tarsk Zug" run together in a headline is no person named "Zug"; not
      a place its article writes as one (``placed``: "the village of Velmora" beside "Anton Velmora");
    - ``given``: a person's first two words beside the one full name of three or more words they open
      ("Arvo Mart" beside "Arvo Mart Keskula"; "Tarvo Jong" beside two such names stays apart), written as
      three words with no place, site or institution word ("Arvo-Mart-Strasse" tagged a person is a street; a
      title word may be the lost surname);
    - ``particle``: a place's first word where the full name goes on with a lower-case particle ("Tarsk"
      beside "Tarsk am See").
    - ``site``: a name read as a body or a person beside the one site it names with a facility's head word
      ("Velnik" beside "Velnik Theater"), no gazetteer place ("Tarsk" beside "Tarsk Airport" is the city);
    - ``tail``: a site's name of two words or more that ends the one longer name of its story ("Maritime
      Museum" beside "Ostrava Maritime Museum"); only there: another story's "Maritime Museum" is another.
    - ``company``: an organization's one word beside the one company of its story named by it and a company's
      head word ("Dorval" beside "Dorval Motors"), no country nor city of CLUB_CITY people ("Tarsk Airlines"),
      when ``body_first`` ((article, group) -> its first start below the story's first line) has the company
      named in full first: a group written first ("Samsung ... its crown jewel, Samsung Electronics") is another.
    - ``head``: an organization's one word written before the lower-case head of the one longer organization
      name of its story it opens ("the Velish agency" beside "the Velish Space Agency"; ``word_after``:
      (article, group) -> the lower-case words right after its mentions there).

    Only names of the same article are read, and exactly one must fit.
    """
    given = _given_names() if "surname" in which else frozenset()
    body_first, inf, word_after = body_first or {}, float("inf"), word_after or {}
    # Each article's names by their first and by their last space-separated field: a name that starts with
    # n + " " has n's first field first, one that ends with " " + n its last field last. Scanning all of an
    # article's names for each of them cost the square of its names (3,365 names of a list: 12 s).
    ends: dict = {}
    for gid in sorted(groups, key=lambda g: (-len(g[1].split()), g)):
        t, n = gid
        words = n.split()
        if t == EntityType.Country:
            continue
        for aid in sorted(groups[gid].articles):
            if (aid, gid) in local_map:
                continue
            fits = set()
            own = set()  # longer names a short form the corpus uses more widely may stand for ("Hollin Tarsk")
            if aid not in ends:
                ends[aid] = _by_end_fields(per_article[aid])
            fields = n.split(" ")
            near = ends[aid][0].get(fields[0], []) + ends[aid][1].get(fields[-1], [])
            for g in near:
                gt, gn = g
                if g == gid or not gn.startswith(n + " ") and not gn.endswith(" " + n):
                    continue
                gw = gn.split()
                if "club" in which and sport[aid] and gt == EntityType.Organization \
                        and t in (EntityType.Organization, EntityType.Person):
                    rest = gn[len(n) + 1:] if gn.startswith(n + " ") else ""
                    city = gn[:-len(n) - 1] if gn.endswith(" " + n) else ""
                    if rest and len(words) == 1 and gazetteer.city(rest) is not None and gazetteer.place(n) is None:
                        fits.add(g)  # "Hollin" for "Hollin Tarsk"
                        own.add(g)
                    elif rest and t == EntityType.Organization and gazetteer.place(n) is not None \
                            and gazetteer.place(gn) is None:
                        fits.add(g)  # "Tarsk" (tagged an organization) for "Tarsk Rovers"
                    elif city and len(words) == 1 and t == EntityType.Person and gazetteer.city(city) is not None \
                            and gazetteer.place(n) is None:
                        fits.add(g)  # "Rovers" (tagged a person) for "Tarsk Rovers"
                if "surname" in which and t == EntityType.Place and gt == EntityType.Person and len(words) == 1 \
                        and len(gw) >= 2 and gw[-1] == n and _small_town_or_none(n) and _person_words_ok(n) \
                        and (gazetteer.place(n) is None or gw[0] in given) and (aid, gid) not in placed:
                    fits.add(g)  # "Keskula" beside "Arvo Keskula", though a village somewhere is called so
                if "given" in which and t == gt == EntityType.Person and len(words) == 2 and len(gw) >= 3 \
                        and gn.startswith(n + " ") and len(_written_words(groups[g])) >= 3 \
                        and not any(w in ORG_WORDS or w in _GEO_SUFFIXES or w in _FACILITY_HEADS for w in gw):
                    fits.add(g)  # "Arvo Mart" beside "Arvo Mart Keskula": the surname lost
                if "particle" in which and t == gt == EntityType.Place and gn.startswith(n + " ") \
                        and len(gw) > len(words) + 1 and gw[len(words)] in _PLACE_PARTICLES:
                    fits.add(g)
                    own.add(g)
                if "site" in which and t in (EntityType.Organization, EntityType.Person) and gt == EntityType.Place \
                        and len(gw) == len(words) + 1 and gn.startswith(n + " ") and gw[-1] in _FACILITY_HEADS \
                        and gw[-1] not in _COMMEMORATIVE and gazetteer.place(n) is None and gazetteer.country(n) is None:
                    fits.add(g)  # "Velnik" (read as a body or a person) beside the "Velnik Theater" it names
                if "tail" in which and t == EntityType.Place and len(words) >= 2 and words[-1] in _FACILITY_HEADS \
                        and gt in (EntityType.Place, EntityType.Organization) and gn.endswith(" " + n):
                    fits.add(g)  # "Maritime Museum" beside the one "Ostrava Maritime Museum" of its story
                if "company" in which and t == gt == EntityType.Organization and len(words) == 1 \
                        and len(gw) == 2 and gn.startswith(n + " ") and gw[-1] in COMPANY_HEADS \
                        and _small_town_or_none(n) and gazetteer.country(n) is None \
                        and body_first.get((aid, g), inf) < body_first.get((aid, gid), inf):
                    fits.add(g)  # "Dorval chief executive" beside the "Dorval Motors" of its story
                if "head" in which and t == gt == EntityType.Organization and len(words) == 1 and len(gw) >= 2 \
                        and gn.startswith(n + " ") and gw[-1] in word_after.get((aid, gid), ()):
                    fits.add(g)  # "the Velish agency" beside the "Velish Space Agency" of its story
            roots = {uf.find(local_map.get((aid, g), g)) for g in fits}
            if len(roots) != 1 or next(iter(roots)) == uf.find(gid):
                continue
            g = next(iter(fits)) if len(fits) == 1 else None
            if g in own and uf.find(g) == g and len(groups[g].articles) == 1 \
                    and len(groups[uf.find(gid)].articles) > 1 and g not in local_map.values():
                # "Hollin Tarsk" written once, "Hollin" in other match reports too: the club goes by its own name
                # (and "Tarsk am See" by "Tarsk"), so the thing stays on the node the other stories use, and so
                # do the spellings joined to the longer name ("Holin Tarks" of a third story)
                uf.union(uf.find(gid), g)
            else:
                local_map[(aid, gid)] = next(iter(roots))


#: Letters a compound's last part keeps, at least, to name the whole ("Lindbach" of "Velmerlindbach"; "Bach" is
#: too short to say which compound).
CLIPPED_TAIL = 6


def _join_clipped_names(groups: dict, per_article: dict, uf: _UnionFind, local_map: dict) -> None:
    """Join, in one article, a one-word organization's name clipped from the first word of its one longer name there.

    News clips a long first word: "the Fed" beside "the Federal Reserve", "the Met" beside "the Metropolitan
    Police". The clipped word has three letters or more, the full word three more, and exactly one of the
    article's organization names of two words or more opens with it. A demonym opening the longer name is no
    clipped word: "Brazil" (its team) beside "the Brazilian Football Confederation" is another body.
    A compound's head may be clipped too, leaving its last part of CLIPPED_TAIL letters or more: "Lindbach"
    beside "FC Velmerlindbach".
    """
    for gid in sorted(groups):
        t, n = gid
        if t != EntityType.Organization or len(n) < 3 or not n.isalpha():
            continue
        for aid in sorted(groups[gid].articles):
            if (aid, gid) in local_map:
                continue
            fits = {g for g in per_article[aid] if g[0] == EntityType.Organization
                    and (" " in g[1] and g[1].split(" ")[0].startswith(n) and len(g[1].split(" ")[0]) >= len(n) + 3
                         and not gazetteer.is_demonym(g[1].split(" ")[0])
                         or len(n) >= CLIPPED_TAIL and any(w.endswith(n) and len(w) >= len(n) + 3
                                                           for w in g[1].split(" ")))}
            roots = {uf.find(local_map.get((aid, g), g)) for g in fits}
            if len(roots) == 1 and next(iter(roots)) != uf.find(gid):
                local_map[(aid, gid)] = next(iter(roots))


#: What stands between a name and its gloss: "the Tarsk Rail Authority, the TRB", "Tarsk Petroleum (Tarspet)".
_GLOSS_GAP = re.compile(r",\s+the\s+|\s*\(\s*", re.I)

#: A list goes on after a pair of names ("the TDU, the TSU and the Greens"): no gloss.
_GLOSS_LIST_AFTER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?(?:the\s+)?[A-Z]|(?:and|or)\b)|'s\b|\u2019s\b")
_GLOSS_LIST_BEFORE = re.compile(r"(?:,|\band|\bor)\s*(?:the\s+)?$", re.I)


def _common_letters(a: str, b: str) -> int:
    """Return the length of the longest common subsequence of two short strings."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def _glosses(short: str, name: str) -> bool:
    """True when a one-word name may gloss an organization's longer name: an acronym whose letters but one are the
    name's initials in order ("TRB" for "Tarsk Rail Authority": the B is of the body's own language), or a word
    blended from the name's words ("Tarspet" for "Tarsk Petroleum": it opens with four letters of one of them)."""
    if _acronym_like(short):
        return _common_letters(short.casefold(), _initials(name).casefold()) >= max(2, len(short) - 1)
    low = fold(short)
    if not short.isalpha() or len(low) < 5:
        return False
    return any(len(w) >= 4 and low[:4] == w[:4] and low != w for w in (fold(x) for x in name.split() if x[:1].isupper()))


def _neighbour_mentions(mention_group: dict, texts: dict):
    """Yield (article id, its text, mention, next mention) for each two mentions written one after the other.

    Each mention is (start, end, group); articles and mentions in order.
    """
    at: dict = defaultdict(list)  # article -> (start, end, group) of its mentions
    for (aid, s, e), gid in mention_group.items():
        at[aid].append((s, e, gid))
    for aid in sorted(at):
        spans = sorted(at[aid])
        for first, second in zip(spans, spans[1:]):
            yield aid, texts.get(aid, ""), first, second


def _join_glosses(groups: dict, mention_group: dict, texts: dict, uf: _UnionFind) -> None:
    """Join a one-word name a story writes as the gloss of an organization's name beside it to that organization.

    "the Tarsk Rail Authority, the TRB", "the TRB, the Tarsk Rail Authority", "Tarsk Petroleum (Tarspet)": the
    acronym of a name in the body's own language, or a blend of its words, matches no initials, so no other join
    reads them as one; the story itself does. The short name must fit the long one (:func:`_glosses`) and the two
    must not be items of a list ("the TDU, the TSU and the Greens"). The story ties them for the corpus, as an
    acronym defined in brackets does; a short name already joined to another name is left alone.
    """
    for aid, text, (s1, e1, g1), (s2, e2, g2) in _neighbour_mentions(mention_group, texts):
        gap = _GLOSS_GAP.fullmatch(text[e1:s2])
        if gap is None or g1 == g2:
            continue
        bracket = "(" in gap.group(0)
        if bracket and not text[e2:e2 + 2].lstrip().startswith(")"):
            continue
        if not bracket and (_GLOSS_LIST_AFTER.match(text, e2) or _GLOSS_LIST_BEFORE.search(text[max(0, s1 - 12):s1])):
            continue
        for long, short in ((g1, g2), (g2, g1)) if not bracket else ((g1, g2),):
            lname = groups[long].names.most_common(1)[0][0]
            sname = groups[short].names.most_common(1)[0][0]
            if long[0] != EntityType.Organization or " " not in lname or " " in sname \
                    or short[0] == EntityType.Country or uf.find(short) != short \
                    or short[0] == EntityType.Place and (gazetteer.place(sname) or gazetteer.country(sname)):
                continue
            if _glosses(sname, lname) and not _initials(lname) == sname:
                uf.union(uf.find(long), short)
                break


#: What a story writes between a name and another name it says the thing goes or went by: "Tarsk Power, formerly
#: Velt Energy", "the Armed Front, known as the FAV", "Tarsk Power (formerly known as Velt Energy)", "..., aka ...".
#: A bare "called" is no cue: "The prosecutor, Arvo Keskula, called Ilse Tarvel" is a phone call.
_ALIAS_GAP = re.compile(r"(?:,\s*|\s+\(\s*)(?:(?:(?:also|better|widely|commonly|locally|formerly|previously|once)\s+)?"
                        r"known\s+as|(?:also|often|commonly|locally|formerly|previously|once)\s+called)\s+(?:the\s+)?"
                        r"|(?:,\s*|\s+\(\s*)(?:formerly|previously|a\.k\.a\.|aka)\s+(?:the\s+)?")
#: What closes the other name: a punctuation mark, not a possessive or more words ("formerly Velt Energy's chief").
_ALIAS_END = re.compile(r"\s*(?:[,.;:!?)\"\u201d]|$)")


def _join_stated_aliases(groups: dict, mention_group: dict, texts: dict, uf: _UnionFind, local_map: dict) -> None:
    """Join a name to another name its story says the same thing goes or went by, whatever types extraction gave.

    "Tarsk Power, formerly Velt Energy, ...", "the Armed Front of Veltria, known as FAV, ...", "Arvo Keskula
    (also known as Tarvo)": no letters tie a renamed company, a nickname or an acronym in another language to
    the name, but the story does. The other name must follow the cue at once and close its phrase (not "formerly
    Velt Energy's chief"); neither may be a country, nor an item of a list ("Tarsk, Velt and Orvik, known as
    ..."). A name of two words or more, or an acronym, the gazetteer knows as no place is one thing in the
    whole corpus; a one-word name ("Tarsk FC, known as Tarsk") is read so in that story only: "Tarsk" is
    the city elsewhere.
    """
    for aid, text, (s1, e1, g1), (s2, e2, g2) in _neighbour_mentions(mention_group, texts):
        gap = _ALIAS_GAP.fullmatch(text, e1, s2)
        if gap is None or g1 == g2 or EntityType.Country in (g1[0], g2[0]) \
                or not _ALIAS_END.match(text, e2) or _GLOSS_LIST_BEFORE.search(text[max(0, s1 - 12):s1]):
            continue
        other = text[s2:e2]
        if " " in g2[1] and gazetteer.place(g2[1]) is None or _acronym_like(other) and gazetteer.place(other) is None:
            uf.union(uf.find(local_map.get((aid, g1), g1)), uf.find(g2))
        elif (aid, g2) not in local_map:
            local_map[(aid, g2)] = uf.find(local_map.get((aid, g1), g1))


def _join_first_surnames(groups: dict, called: dict, uf: _UnionFind) -> None:
    """Join a person's name of given name and first surname to the one name of three words that adds a second
    surname, where a story of the longer name calls the person by that first surname alone.

    "Gustavo Tarsa Velmonte ... Tarsa said" in one story, "Gustavo Tarsa" in another: Spanish and Portuguese
    names carry two surnames, and news writes the first one alone. ``called`` (a full name's group -> the
    one-word names its mentions were written as) says which word is the surname: "Arvo Mart Keskula ...
    Keskula said" is no "Arvo Mart" of another story. Looked up by the first two words.
    """
    longer: dict = defaultdict(set)  # (given name, first surname) -> the three-word names whose stories say so
    for g in groups:
        w = g[1].split()
        if g[0] == EntityType.Person and len(w) == 3 and len(_written_words(groups[g])) == 3 and w[1] in called.get(g, ()):
            longer[(w[0], w[1])].add(g)
    for g in sorted(groups):
        w = g[1].split()
        if g[0] != EntityType.Person or len(w) != 2 or len(_written_words(groups[g])) != 2:
            continue
        fits = {uf.find(c) for c in longer.get((w[0], w[1]), ())}
        if len(fits) == 1 and (c := next(iter(fits))) != uf.find(g):
            uf.union(c, g)


def _join_reordered_names(groups: dict, per_article: dict, uf: _UnionFind) -> None:
    """Join, in one story, two organization names of three words or more that write the same words in another order.

    "the Velan Orthodox Church" and "the Orthodox Velan Church": translated names move their words, and a story
    naming both means one body. Looked up by the sorted words, article by article.
    """
    for aid in sorted(per_article):
        by_words: dict = defaultdict(set)
        for gid in sorted(per_article[aid]):
            words = [w for w in fold(gid[1]).split() if w not in _LINK_WORDS]
            if gid[0] == EntityType.Organization and len(words) >= 3:
                by_words[tuple(sorted(words))].add(gid)
        for same in by_words.values():
            if len({uf.find(g) for g in same}) > 1:
                big, *rest = sorted(same, key=_heavier_first(groups))
                for g in rest:
                    uf.union(uf.find(big), g)


def _join_misspelt_countries(groups: dict, uf: _UnionFind) -> None:
    """Join a place name written once to the corpus' one country whose name it writes with a letter more or less.

    "Ruwanda" in one story is Rwanda named elsewhere: 6+ letters, same first letter, difflib ratio >= NEAR_DUPLICATE,
    not a demonym ("Austrian") nor a place the gazetteer knows; typed a place or, by an entity model that reads
    it as one, a country the gazetteer does not know ("Norrway"). Countries are looked up by the keys their names
    give with one letter left out, never compared pair by pair.
    """
    by_key: dict = defaultdict(set)  # a country's name with one letter left out -> the country
    by_name: dict = defaultdict(set)  # a country's name -> the country
    for gid in groups:
        if gid[0] == EntityType.Country and gazetteer.country(gid[1]) is not None:
            f = fold(gid[1])
            by_name[f].add(gid)
            for i in range(len(f)):
                by_key[f[:i] + f[i + 1:]].add(gid)
    if not by_name:
        return
    for gid in sorted(groups):
        t, n = gid
        f = fold(n)
        if t not in (EntityType.Place, EntityType.Country) or len(f) < 6 or sum(groups[gid].names.values()) > 1 or " " in n \
                or gazetteer.is_demonym(n) or gazetteer.place(n) is not None:
            continue
        near = set(by_key.get(f, ()))  # a letter missing
        for i in range(len(f)):
            near |= by_name.get(f[:i] + f[i + 1:], set())  # a letter too many
        near = {c for c in near if _one_letter_dropped(f, fold(c[1])) and fold(c[1])[0] == f[0]
                and SequenceMatcher(None, f, fold(c[1])).ratio() >= NEAR_DUPLICATE}
        if len(near) == 1:
            uf.union(next(iter(near)), gid)


def _state_code(word: str, names: Counter) -> bool:
    """True when a place's last word is a 2-letter capital code ("Tarsk DC", "Velt NY"), as its names write it."""
    return len(word) == 2 and word.isalpha() and any(n.split()[-1] == word.upper() for n in names)


@lru_cache(maxsize=1 << 14)
def _name_countries(n: str) -> frozenset:
    """Return the country groups whose name or demonym is a word (or two) of a name ("Burmese Communist Party")."""
    words = n.split()
    out = set()
    for i in range(len(words)):
        for j in (i + 1, i + 2):
            if j > len(words):
                continue
            part = " ".join(words[i:j])
            c = gazetteer.country(part) or gazetteer.demonym(part)
            if c is not None:
                out.add((EntityType.Country, gazetteer.norm(c.name)))
    return frozenset(out)


def _names_country_of(text: str, full: str) -> bool:
    """True when a text writes the country of a demonym in ``full``, by its name or by that word ("Veltrian")."""
    for w in full.split():
        c = gazetteer.demonym(w) if gazetteer.is_demonym(w) else None
        if c is not None and any(re.search(r"\b" + re.escape(x) + r"\b", text) for x in (w, c.name)):
            return True
    return False


def _person_corpus_ok(groups: dict, short: tuple, full: tuple) -> bool:
    """A surname alone in its article joins the corpus' one full name ending with it; a lone first name does not.

    On DWIE 1-150 and 301-450 first names joined across articles were wrong 2 times in 3 ("Lloyd" is not the one
    Lloyd named elsewhere), surnames right at least 11 times in 13. A regnal name of two or more words joins
    its numbered full name ("Tarvo Arvo" / "Tarvo Arvo II").
    """
    if " " in short[1] and _regnal(_written_words(groups[full])) and full[1].startswith(short[1] + " ") \
            and full[1].count(" ") == short[1].count(" ") + 1:
        return True
    return full[1].split()[-1] == short[1] or full[1].endswith(" " + short[1]) and " " in short[1]


_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")


#: Titles of those known by a given name and a number ("Pope Tarvo" of "Tarvo IX").
_RULER_TITLES = frozenset("pope king queen emperor empress tsar czar sultan emir shah kaiser".split())


def _numbered(words: list) -> bool:
    """True for a given name and a Roman number, as a pope or a monarch is named ("Tarvo IX")."""
    return len(words) == 2 and _roman(words[-1]) and words[0][:1].isupper() and words[0][1:].islower()


def _ruler_stem(groups: dict, short: tuple, full: tuple, text: str, spans) -> bool:
    """True for "Tarvo" written after a ruler's title ("Pope Tarvo") in a story, and "Tarvo IX" named elsewhere.

    A lone given name joins nobody across articles (two in three such joins were wrong); a pope's or a
    monarch's is how news names them, and the title says that it is one.
    """
    words = _written_words(groups[full])
    if " " in short[1] or not _numbered(words) or gazetteer.norm(words[0]) != short[1]:
        return False
    return any(_titles_before(text, s, e) & _RULER_TITLES for s, e in spans)


def _regnal(words: list) -> bool:
    """True for a name of three or more words ending in a Roman number ("Tarvo Arvo II"), not a one-word stem."""
    return len(words) >= 3 and _roman(words[-1])


def _roman(word: str) -> bool:
    """True for a Roman number written in capitals ("IX"), as regnal names end."""
    return word.isupper() and _ROMAN.fullmatch(word) is not None


def _corpus_short_ok(t: str, n: str, sport: bool, case: dict | None = None, full: str = "") -> bool:
    """A short name not completed in its own article may join the corpus' one longer name ``full``.

    An organization's one-word name joins only a two-word name ("Spiegel",
    "Der Spiegel"), and only when the corpus writes the word as a name
    (on DWIE 1-150 and 301-450 3 splits fewer; a 3-word title ending in a
    country's own-language name was the one wrong join).
    """
    if n in _GENERIC or n.split()[-1] in _NATIONAL_HEADS:
        return False  # "Foreign Ministry" in one article is not the one foreign ministry another names in full
    if t == EntityType.Organization and " " not in n:
        if sport and len(full.split()) == 2 and full.split()[0] == n and gazetteer.city(full.split()[1]) is not None:
            return _club_word(n, full.split()[1])  # in a match report "Hollin" is the club "Hollin Tarsk"
        if sport and len(full.split()) == 2 and n in full.split() and \
                next(w for w in full.split() if w != n) in _CLUB_MARKS:
            return True  # in a match report "Tarsk" is the corpus' one club "FC Tarsk" (or "Tarsk FC")
        return len(full.split()) == 2 and _name_word(n, case or {}) and gazetteer.place(n) is None
    return t == EntityType.Organization or t == EntityType.Place


def _club_word(first: str, city: str) -> bool:
    """True when ``first``, before the city ``city`` in an organization's name, is the club's own name: no city, or
    a smaller one than the city after it ("Windsor" of "Windsor Dortmund"; two cities run together stay apart)."""
    own = gazetteer.city(first)
    return own is None or own.population < getattr(gazetteer.city(city), "population", 0)


def _name_word(w: str, case: dict) -> bool:
    """True for a word the corpus writes capitalized more often than lowercase, and no link word or institution head."""
    low, cap = case.get(w, (0, 0))
    return cap > low and w not in _NAME_LINKS and w not in _NATIONAL_HEADS and w not in _GENERIC \
        and w not in _INSTITUTION_WORDS and not gazetteer.is_demonym(w)
