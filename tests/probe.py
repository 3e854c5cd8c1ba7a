"""Build invented articles into nodes and facts for the probe tests."""

from __future__ import annotations

import re

from kgraph.core.model import Article, Extraction, Mention
from kgraph.extraction.extract import extract_doc
from kgraph.linking.link import link_extractions


def graph_of(nlp, text):
    """Return the (label, type) of every node and the (subject, predicate, object) labels one invented article gives."""
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    linked = link_extractions([ex])
    label = {e.key: e.label for e in linked.entities}
    nodes = {(e.label, e.type) for e in linked.entities}
    facts = {(label.get(f.subject), str(f.predicate), label.get(f.object)) for f in linked.facts}
    return nodes, facts


def found_words(aid, text, *names):
    """Build an extraction whose mentions are every whole-word occurrence of each (name, type) in the text."""
    out = []
    for name, kind in names:
        for m in re.finditer(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text):
            out.append(Mention(name, kind, m.start(), m.end(), name))
    return Extraction(Article(aid, text), tuple(sorted(out, key=lambda m: m.start)))
