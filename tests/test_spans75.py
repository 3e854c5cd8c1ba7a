"""Tests of name spans the NER cuts short or glues: a lower-case head, a capitalized adjective, an epithet, a place.

Each case pairs an invented sentence where the name must be found whole with one where the rule must not
change a name (the lower-case noun heads a longer phrase, the adjective is a demonym, no place comes before).
"""

from __future__ import annotations

import pytest

from kgraph.core.model import Article
from kgraph.extraction.extract import extract_articles

#: (sentence, the mention's text, its name), then (counter sentence, a name found as written, a text no mention holds).
CASES = [
    (("Auditors said on Friday that the Veltrian Monetary fund had lost track of its gold.",
      "Veltrian Monetary fund", "Veltrian Monetary Fund"),
     ("The Korvanian Social Democratic party leader Anna Berg spoke in Veltria.", "Anna Berg", "party leader")),
    (("A fire broke out at the Arvid Lindqvist Naval base near Korvania on Monday.",
      "Arvid Lindqvist Naval base", "Arvid Lindqvist Naval Base"),
     ("The Korvanian Naval base commander Anna Berg resigned on Monday.", "Anna Berg", "base commander")),
    (("Staff said the Large Hadron Collider near Veltria would stay shut until May.",
      "Large Hadron Collider", "Large Hadron Collider"),
     ("Anna Berg met the Veltrian Prime Minister Ivan Lindqvist in Korvania.", "Ivan Lindqvist", "Veltrian Prime")),
    (("Historians still debate why Ivan the Terrible moved his court to Korvania.",
      "Ivan the Terrible", "Ivan the Terrible"),
     ("Lena Morrow thanked Ivan the Veltrian for his help.", "Lena Morrow", "Ivan the Veltrian")),
    (("The Chief Justice of Veltria and Bavaria Anton Lindqvist gave a ruling on Monday.",
      "Anton Lindqvist", "Anton Lindqvist"),
     ("Ivan Roth and Georgia Lindqvist gave a ruling on Monday.", "Georgia Lindqvist", "Roth and Georgia")),
]


def _mentions(nlp, text):
    return next(extract_articles([Article(id="a", text=text)], nlp=nlp)).mentions


@pytest.mark.parametrize("grows,stays", CASES)
def test_name_is_found_whole_and_apart(nlp, grows, stays):
    text, written, name = grows
    assert (written, name) in {(m.text, m.name) for m in _mentions(nlp, text)}
    text, name, longer = stays
    names = {m.text for m in _mentions(nlp, text)}
    assert name in names
    assert not any(longer in n for n in names)
