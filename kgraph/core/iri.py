"""Minting IRIs: the one place where entity, article and evidence IRIs are made.

IRIs are derived from content only (type and name, article identifier, the
statement and its place in the article), so the same input gives the same
IRIs in every run and every build order. Any Unicode name gives a valid IRI:
characters that IRIs do not allow unescaped are replaced.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

BASE = "https://w3id.org/kgraph/"
ENTITY_BASE = BASE + "id/"
ARTICLE_BASE = BASE + "article/"
EVIDENCE_BASE = BASE + "evidence/"
#: What an analyst's correction derives from: the corrections file of a build.
CORRECTIONS = URIRef(BASE + "corrections")
#: The graph's build record (a kg:Build): its title, the inputs it took nothing from, the statements it left out.
BUILD = URIRef(BASE + "build")
#: GeoNames: its Linked Data IRIs of places, and the site the gazetteer's facts come from.
GEONAMES_BASE = "https://sws.geonames.org/"
GEONAMES_SOURCE = URIRef("https://www.geonames.org/")

_MAX_SLUG = 80


def _iri_char_ok(ch: str) -> bool:
    """Return True for characters allowed unescaped in an IRI path segment (RFC 3987 iunreserved)."""
    if ch.isascii():
        return ch.isalnum() or ch in "-._~"
    cp = ord(ch)
    if not (0xA0 <= cp <= 0xD7FF or 0xF900 <= cp <= 0xFDCF or 0xFDF0 <= cp <= 0xFFEF
            or 0x10000 <= cp <= 0xEFFFD):
        return False
    if (cp & 0xFFFF) in (0xFFFE, 0xFFFF) or 0xE0000 <= cp <= 0xE0FFF:  # not ucschar (RFC 3987)
        return False
    return unicodedata.category(ch)[0] in "LNM"


def digest(*parts: object, length: int = 16) -> str:
    """Return a short stable hex digest of the parts."""
    h = hashlib.sha256()
    for p in parts:
        h.update(str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@lru_cache(maxsize=1 << 16)
def slug(name: str) -> str:
    """Return a readable, IRI-safe path segment for a name ("Kim Jong-un" -> "Kim_Jong-un").

    Names that lose characters on the way, are empty, or are very long get
    a short digest of the original appended, so two names never share a slug.
    """
    norm = unicodedata.normalize("NFC", name).strip()
    out = re.sub(r"_+", "_", "".join(ch if _iri_char_ok(ch) else "_" for ch in norm)).strip("_.")
    lossless = out == re.sub(r"\s+", "_", norm) and out
    if len(out) > _MAX_SLUG:
        out = out[:_MAX_SLUG].rstrip("_.")
        lossless = False
    if not lossless:
        out = f"{out}_{digest(name, length=8)}" if out else digest(name, length=12)
    return out


def entity_key(type_: str, name: str) -> str:
    """Return the key of an entity: its type and the slug of its name ("person/Vladimir_Putin")."""
    return f"{type_.lower()}/{slug(name)}"


#: The first part of every entity key, one per entity type ("person/...").
_KEY_TYPES = ("person", "organization", "place", "country")


def is_entity_key(key: object) -> bool:
    """Return True if ``key`` has the shape :func:`entity_key` gives: a type, "/", a slug of IRI-safe characters.

    A key read back from a file (an earlier build's manifest) becomes an IRI in the graph: one holding ``>``,
    a space or a line break would make the graph unreadable to a strict parser (Oxigraph).
    """
    if not isinstance(key, str) or "/" not in key:
        return False
    kind, _, tail = key.partition("/")
    return (kind in _KEY_TYPES and 0 < len(tail) <= _MAX_SLUG + 9 and tail == tail.strip("_.")
            and all(_iri_char_ok(ch) for ch in tail))


# Why (both IRI makers): an IRI recurs in every quad of its entity or article, and rdflib checks an IRI's
# characters each time one is made; URIRefs are immutable, so one made once serves every caller.
@lru_cache(maxsize=1 << 17)
def entity_iri(key: str) -> URIRef:
    """Return the IRI of an entity key."""
    return URIRef(ENTITY_BASE + key)


@lru_cache(maxsize=1 << 16)
def article_slug(article_id: str) -> str:
    """Return the path segment of an article's IRI: its slug, with a digest where white space became "_".

    Two articles are two graphs: "a b.txt" and "a_b.txt" must not share an IRI (an entity key that would
    collide gets a number when linking, an article nothing else).
    """
    out = slug(article_id)
    if re.search(r"\s", article_id) and not out.endswith(digest(article_id, length=8)):
        out = f"{out}_{digest(article_id, length=8)}"
    return out


@lru_cache(maxsize=1 << 16)
def article_iri(article_id: str) -> URIRef:
    """Return the IRI of an article."""
    return URIRef(ARTICLE_BASE + article_slug(article_id))


def skipped_iri(name: str, reason: str) -> URIRef:
    """Return the IRI of an input the build took nothing from (a kg:SkippedInput), from its name and why."""
    return URIRef(f"{BASE}build/skipped/{digest(name, reason)}")


def geonames_iri(geonames_id: int | str) -> URIRef:
    """Return the GeoNames IRI of a place (its Linked Data form: the number and a closing slash)."""
    return URIRef(f"{GEONAMES_BASE}{geonames_id}/")


def evidence_iri(*parts: object) -> URIRef:
    """Return the IRI of one piece of evidence, from what identifies it."""
    return URIRef(EVIDENCE_BASE + digest(*parts))
