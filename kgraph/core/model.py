"""The frozen records that flow between the stages.

``ingest`` makes :class:`Article`; ``extract`` turns each article into an
:class:`Extraction` of :class:`Mention` and :class:`Relation`; ``link`` merges
extractions into :class:`Entity` and :class:`Fact` records of a
:class:`KnowledgeBase`, which ``rdf`` turns into a graph. No spaCy object
leaves ``extract``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from kgraph.core.terms import ENTITY_TYPES, PREDICATES, SIGNATURES, EntityType, Predicate  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class Article:
    """One news article: its identifier, text and optional metadata.

    ``source`` says where the article was read from (a file, a JSONL line);
    ``publisher`` names who published it (a JSONL ``source`` field, a page's
    site name, or the host of its URL).
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    publisher: str | None = None

    @property
    def sha(self) -> str:
        """Return the SHA-256 of the text and metadata (the cache key)."""
        h = hashlib.sha256()
        for part in (self.id, self.title, self.url, self.date, self.text):
            h.update((part or "").encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        if self.publisher is not None:  # only then: keys of articles without one stay as they were
            h.update(self.publisher.encode("utf-8", "surrogatepass"))
        return h.hexdigest()


#: The classes of :attr:`Mention.scores`, in order: "none" (not a name of a core entity), then the core types.
SCORE_CLASSES = ("none", EntityType.Person, EntityType.Organization, EntityType.Place, EntityType.Country)
#: Decimals the scores are rounded to: the same article gives the same bytes on every machine and run.
SCORE_DIGITS = 3


@dataclass(frozen=True)
class Mention:
    """A name of an entity in an article.

    Attributes:
        text: The surface text, exactly ``article.text[start:end]``.
        type: One of :data:`ENTITY_TYPES`.
        start: Character offset of the first character.
        end: Character offset after the last character.
        name: The entity's name inside this article: a demonym gives its
            country ("North Korean" -> "North Korea"), a surname gives the
            full name seen earlier ("Putin" -> "Vladimir Putin").
        scores: The entity model's class probabilities of the name in this
            article, averaged over its mentions there, in the order of
            :data:`SCORE_CLASSES` ("none" first), rounded to
            :data:`SCORE_DIGITS` decimals; None for a mention the model did
            not score (a rule found it after the model's decision, or no
            model is shipped). Not part of a mention's identity (equality
            and hash ignore it).
    """

    text: str
    type: str
    start: int
    end: int
    name: str
    scores: tuple[float, ...] | None = field(default=None, compare=False)

    @property
    def lead(self) -> int:
        """Return how many characters of the text stand before the name ("President " of "President X" named "X")."""
        return len(self.text) - len(self.name) if self.text.endswith(self.name) else 0


@dataclass(frozen=True)
class Relation:
    """A relation stated in one sentence of an article, with its evidence."""

    subject: Mention
    predicate: str
    object: Mention
    confidence: float
    method: str
    sentence: str
    sentence_start: int
    sentence_end: int
    role: str | None = None


#: The longest evidence sentence kept whole (characters). A news sentence has a few hundred; a "sentence" of
#: 50 kB (a list, text without stops) was copied whole into the graph, the page and the cache for each relation
#: read from it: 40 relations made 2 MB of graph and 2.6 MB of page from 127 kB of text.
MAX_EVIDENCE_CHARS = 3000


def bounded_evidence(r: Relation, limit: int = MAX_EVIDENCE_CHARS) -> Relation:
    """Return a relation whose sentence is at most ``limit`` characters: longer ones cut to the stretch around
    its two names (around the subject when they lie further apart), with the start and end moved with the cut."""
    n = len(r.sentence)
    if n <= limit:
        return r
    s0 = r.sentence_start
    lo, hi = min(r.subject.start, r.object.start) - s0, max(r.subject.end, r.object.end) - s0
    if hi - lo > limit:
        lo, hi = r.subject.start - s0, r.subject.end - s0
    lo, hi = max(0, min(lo, n)), max(0, min(hi, n))
    a = max(0, min(lo - (limit - (hi - lo)) // 2, n - limit))
    b = min(n, a + limit)
    return replace(r, sentence=r.sentence[a:b], sentence_start=s0 + a, sentence_end=s0 + b)


@dataclass(frozen=True)
class Extraction:
    """What one article yields: its mentions and relations."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True)
class Entity:
    """One real-world thing, merged over all the articles that name it.

    Attributes:
        key: Stable identifier, unique in the knowledge base; the IRI is
            minted from it (see :mod:`kgraph.core.iri`).
        type: One of :data:`ENTITY_TYPES`.
        label: The preferred name.
        aliases: Other names seen for it, sorted.
        articles: Identifiers of the articles that name it, sorted.
        mentions: How many times it is named.
        geonames_id: GeoNames identifier when a gazetteer resolved it.
        iso_code: ISO 3166-1 alpha-2 code of a country.
        latitude: WGS84 latitude from the gazetteer.
        longitude: WGS84 longitude from the gazetteer.
        country_code: ISO code of the country a gazetteer place lies in.
        same_as: Keys of entities merged into this one (their IRIs stay valid as ``owl:sameAs``).
        corrections: The analyst's corrections that changed this entity, described.
        different_from: Keys of entities an analyst said are not this one (``owl:differentFrom``).
        name_confidence: How sure the entity model is that its name is one, from its mentions' "none"
            scores (see :func:`kgraph.linking.link.name_evidence`; None when the model scored none of them).
        type_votes: (type, the model's scores of that type summed over its scored mentions) per core type
            with a vote, in :data:`ENTITY_TYPES` order.
    """

    key: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    mentions: int = 0
    geonames_id: int | None = None
    iso_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    country_code: str | None = None
    same_as: tuple[str, ...] = ()
    corrections: tuple[str, ...] = ()
    different_from: tuple[str, ...] = ()
    name_confidence: float | None = None
    type_votes: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Fact:
    """A relation between two entities, with the evidence of every statement of it.

    ``evidence`` pairs an article identifier with the :class:`Relation` found
    there; a fact from a gazetteer or an analyst's correction has ``method``
    set and no evidence (a correction keeps its ``note``).
    """

    subject: str
    predicate: str
    object: str
    evidence: tuple[tuple[str, Relation], ...] = ()
    method: str | None = None
    note: str | None = None

    @property
    def confidence(self) -> float:
        """Return the highest confidence among the statements (1.0 for a gazetteer fact)."""
        if not self.evidence:
            return 1.0
        return max(rel.confidence for _aid, rel in self.evidence)


@dataclass(frozen=True)
class BuildRecord:
    """What a build says of itself in the graph: its title and the inputs it took nothing from."""

    title: str
    #: (name, why) of each input the build took nothing from, sorted: "sub/blank.txt", "empty".
    skipped: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    """The linked result of a build: articles, entities and facts, sorted."""

    articles: tuple[Article, ...] = ()
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    #: What analysts' corrections removed that no entity records (one line per entity a block removed).
    removed: tuple[str, ...] = ()
    #: Home countries one article stated and the corpus outvoted, left out (one line each; see
    #: :func:`kgraph.linking.link.drop_outvoted_homes`).
    outvoted: tuple[str, ...] = ()
    #: News agencies whose dateline homes were left out: their datelines name several countries or towns (one line
    #: each; see :func:`kgraph.linking.link.drop_roving_datelines`).
    roving: tuple[str, ...] = ()
    #: (entity key, anchor mentions) for every key the graph gives: a few (article id, start, end, name)
    #: mentions each, kept with the build so that a later one finds the entity again whatever it is called
    #: then (see :func:`kgraph.linking.link.link_extractions`, ``published``).
    anchors: tuple[tuple[str, tuple[tuple[str, int, int, str], ...]], ...] = ()
    #: The build's record (title, skipped inputs), written to the graph as its kg:Build; None: no record.
    record: BuildRecord | None = None


def fits(predicate: str, subject_type: str, object_type: str) -> bool:
    """Return True when a relation between entities of these types fits the ontology's domain and range."""
    dom, rng = SIGNATURES[predicate]
    return subject_type in dom and object_type in rng


def well_typed_facts(kb: KnowledgeBase) -> list[Fact]:
    """Return the facts whose subject and object types fit the predicate's domain and range."""
    types = {e.key: e.type for e in kb.entities}
    return [f for f in kb.facts
            if f.subject in types and f.object in types and fits(f.predicate, types[f.subject], types[f.object])]
