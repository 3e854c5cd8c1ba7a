"""A killing is stated only where a sentence states it as done, by the one named, of the one named (round kill79)."""

from __future__ import annotations

import pytest

from kgraph.core.model import Article
from kgraph.core.terms import Predicate
from kgraph.extraction import docrel
from kgraph.extraction.extract import extract_doc


def _view_of(nlp, text):
    """Return an invented sentence's article view and its entity keys by name."""
    from kgraph.extraction.extract import _candidates, _resolve

    doc = nlp(text)
    view = docrel.ArticleView(_resolve(_candidates(doc, 0), [(0, doc)]), [], {})
    return view, {e.name: k for k, e in view.ents.items()}


@pytest.mark.parametrize("text, killer, victim, stated", [
    # A question or a supposition asserts no killing.
    ("Did Max Lorentz kill Imre Varga?", "Max Lorentz", "Imre Varga", False),
    ("If Hugo Brandt had shot Leo Kaunis, the bullet would have been found, the expert said.",
     "Hugo Brandt", "Leo Kaunis", False),
    ("An inquiry will ask whether Jan Moller killed Tiina Kask.", "Jan Moller", "Tiina Kask", False),
    # Being on trial or under investigation for a killing is an accusation.
    ("Bruno Falk, 29, is on trial in Dremmen for the murder of Mara Lenz.", "Bruno Falk", "Mara Lenz", False),
    # A verb naming its killer and its victim decides who killed whom.
    ("Police recovered the gun that killed Aron Lehto, detective Sara Lind said.", "Sara Lind", "Aron Lehto", False),
    ("Karl Dobrev's bodyguard shot dead Ivo Marchetti in Tarsk.", "Karl Dobrev", "Ivo Marchetti", False),
    ("Rolf Sander killed the dog of Mirjam Holt.", "Rolf Sander", "Mirjam Holt", False),
    # The one punished for a killing killed, not the one who punished him.
    ("Korvania executed Piet Draaisma on Thursday for the murder of Selma Kuusk.", "Korvania", "Selma Kuusk", False),
    # Plain killings stay stated.
    ("Viktor Salo shot and killed Arne Blomqvist in Dremmen on Monday.", "Viktor Salo", "Arne Blomqvist", True),
    ("Mirjam Holt was killed by Rolf Sander in Brask on Friday.", "Rolf Sander", "Mirjam Holt", True),
    ("Korvania executed Piet Draaisma on Thursday for the murder of Selma Kuusk.", "Piet Draaisma", "Selma Kuusk", True),
    ("Carl Hedman was murdered by his brother, Dag Hedman, near Orsk.", "Dag Hedman", "Carl Hedman", True),
    ("Police said the man who shot and killed Arne Blomqvist was Viktor Salo.", "Viktor Salo", "Arne Blomqvist",
     True),
    ("Dmitri Orlov was jailed for killing Kaisa Harju.", "Dmitri Orlov", "Kaisa Harju", True),
])
def test_a_killing_is_stated_only_as_done_by_its_killer(nlp, text, killer, victim, stated):
    view, keys = _view_of(nlp, text)
    assert killer in keys and victim in keys, sorted(keys)
    assert docrel.may_kill(view, keys[killer], keys[victim]) is stated


@pytest.mark.parametrize("text", [
    "Did Max Lorentz kill Imre Varga?",
    "If Hugo Brandt had shot Leo Kaunis, the bullet would have been found, the expert said.",
    "Police recovered the gun that killed Aron Lehto, detective Sara Lind said.",
])
def test_no_killing_is_extracted_from_a_question_a_supposition_or_a_weapon(nlp, text):
    ex = extract_doc(Article("k1", text), [(0, nlp(text))])
    assert not [r for r in ex.relations if r.predicate == Predicate.killed]


def test_a_plain_killing_is_still_extracted(nlp):
    text = "Arvo Pent shot and killed Kadri Uus on Monday."
    ex = extract_doc(Article("k1", text), [(0, nlp(text))])
    assert {(r.subject.name, r.object.name) for r in ex.relations if r.predicate == Predicate.killed} == \
        {("Arvo Pent", "Kadri Uus")}
