"""A killing is stated only where a sentence states it as done, by the one named, of the one named (round kill79).

Each case pairs a sentence that must not state the killing with a plain one that must, so a gate that
stops every killing fails as surely as one that lets the hedged one through.
"""

from __future__ import annotations

import pytest

from kgraph.core.model import Article
from kgraph.core.terms import Predicate
from kgraph.extraction import docrel
from kgraph.extraction.extract import extract_doc


def _stated(nlp, text, killer, victim) -> bool:
    """Return whether the document model's guard lets ``killer`` killed ``victim`` be stated from an invented text."""
    from kgraph.extraction.extract import _candidates, _resolve

    doc = nlp(text)
    view = docrel.ArticleView(_resolve(_candidates(doc, 0), [(0, doc)]), [], {})
    keys = {e.name: k for k, e in view.ents.items()}
    assert killer in keys and victim in keys, sorted(keys)
    return docrel.may_kill(view, keys[killer], keys[victim])


@pytest.mark.parametrize("hedged, plain, killer, victim", [
    # A question or a supposition asserts no killing.
    ("Did Max Lorentz kill Imre Varga?", "Max Lorentz killed Imre Varga.", "Max Lorentz", "Imre Varga"),
    ("If Hugo Brandt had shot Leo Kaunis, the bullet would have been found, the expert said.",
     "Hugo Brandt had shot Leo Kaunis, the expert said.", "Hugo Brandt", "Leo Kaunis"),
    ("An inquiry will ask whether Jan Moller killed Tiina Kask.", "An inquiry found that Jan Moller killed Tiina Kask.",
     "Jan Moller", "Tiina Kask"),
    # Being on trial for a killing, or said to have done it, is an accusation; "nearly killed" is no killing.
    ("Bruno Falk, 29, is on trial in Dremmen for the murder of Mara Lenz.",
     "Bruno Falk, 29, was jailed in Dremmen for the murder of Mara Lenz.", "Bruno Falk", "Mara Lenz"),
    ("Aare Lepik allegedly killed Kersti Org in 2001.", "Aare Lepik killed Kersti Org in 2001.", "Aare Lepik",
     "Kersti Org"),
    ("Kersti Org was nearly killed by Aare Lepik.", "Kersti Org was killed by Aare Lepik.", "Aare Lepik",
     "Kersti Org"),
    # Who looked on at a killing, or told of it, did not do it.
    ("Aare Lepik witnessed the killing of Kersti Org.", "Aare Lepik confessed to the killing of Kersti Org.",
     "Aare Lepik", "Kersti Org"),
    ("Aare Lepik wrote a book about the assassination of Kersti Org.",
     "Aare Lepik was convicted of the assassination of Kersti Org.", "Aare Lepik", "Kersti Org"),
    # A verb naming its killer and its victim decides who killed whom.
    ("Police recovered the gun that killed Aron Lehto, detective Sara Lind said.",
     "Detective Sara Lind fired the shots that killed Aron Lehto.", "Sara Lind", "Aron Lehto"),
    ("Karl Dobrev's bodyguard shot dead Ivo Marchetti in Tarsk.", "Karl Dobrev shot dead Ivo Marchetti in Tarsk.",
     "Karl Dobrev", "Ivo Marchetti"),
    ("Rolf Sander killed the dog of Mirjam Holt.", "Rolf Sander killed Mirjam Holt, the owner of the dog.",
     "Rolf Sander", "Mirjam Holt"),
    # The one punished for a killing killed it, not the one who punished him.
    ("Korvania executed Piet Draaisma on Thursday for the murder of Selma Kuusk.",
     "Piet Draaisma was executed on Thursday for the murder of Selma Kuusk.", "Piet Draaisma", "Selma Kuusk"),
])
def test_a_killing_is_stated_only_as_done_by_its_killer(nlp, hedged, plain, killer, victim):
    wrong = ("Korvania", victim) if hedged.startswith("Korvania") else (killer, victim)
    assert (_stated(nlp, hedged, *wrong), _stated(nlp, plain, killer, victim)) == (False, True)


@pytest.mark.parametrize("text", [
    "Did Max Lorentz kill Imre Varga?",
    "If Hugo Brandt had shot Leo Kaunis, the bullet would have been found, the expert said.",
    "Police recovered the gun that killed Aron Lehto, detective Sara Lind said.",
])
def test_no_killing_is_extracted_from_a_question_a_supposition_or_a_weapon(nlp, text):
    ex = extract_doc(Article("k1", text), [(0, nlp(text))])
    assert not [r for r in ex.relations if r.predicate == Predicate.killed]
