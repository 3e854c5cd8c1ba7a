"""Extraction: a parsed Doc becomes mentions and relations.

Every function here is pure over a spaCy ``Doc``; what leaves the module is
:class:`~kgraph.model.Extraction` with plain :class:`~kgraph.model.Mention`
and :class:`~kgraph.model.Relation` records, never spaCy objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from . import gazetteer
from .model import Article, Extraction, Mention, Relation
from .relations import RULES, MentionIndex

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
        index = MentionIndex([(renamed[(m.start, m.end)], span) for m, span in found])
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
