"""Junk round 75: pieces of hyphened names and adjectives of two peoples are no nodes."""

from __future__ import annotations

import pytest

from kgraph.linking.link import link_extractions
from tests.probe import found_words


# (text, tagged names, the piece's label, whether it stays a node)
_HYPHENED = [
    # Examples: the tag holds one side of a hyphened name, the other side is no name of its own.
    ("Officials in Lower Velmark-Ostrania said the minister of Lower Velmark-Ostrania resigned.",
     [("Lower Velmark", "Place")], "Lower Velmark", False),
    ("Arvo Keskula spoke at the Velmar-Ostrander Society on Monday.",
     [("Arvo Keskula", "Person"), ("Ostrander Society", "Organization")], "Ostrander Society", False),
    ("Germany and Denmark met. The German-Danish Velmar Society welcomed it.",
     [("Germany", "Country"), ("Denmark", "Country"), ("German", "Country"),
      ("Danish Velmar Society", "Organization")], "Danish Velmar Society", False),
    # Counter-examples: the other side is a name, a sentence's first word, or the name is written alone too.
    ("The Velmark-Korvania talks ended on Friday.",
     [("Velmark", "Place"), ("Korvania", "Country")], "Velmark", True),
    ("The Keskula-Tarvel meeting ended late.",
     [("Keskula", "Person"), ("Tarvel", "Person")], "Keskula", True),
    ("Pro-Velmark protesters marched on Sunday.", [("Velmark", "Place")], "Velmark", True),
    ("The mayor of Lower Velmark-Ostrania spoke. Lower Velmark itself lies on the coast.",
     [("Lower Velmark", "Place")], "Lower Velmark", True),
    ("The German-Velmar Society met in Tarsk.",
     [("German", "Country"), ("Velmar Society", "Organization"), ("Tarsk", "Place")], "Velmar Society", True),
]


@pytest.mark.parametrize("text, names, piece, kept", _HYPHENED, ids=[p for _t, _n, p, _k in _HYPHENED])
def test_a_piece_of_a_hyphened_name_is_no_node_but_names_joined_by_a_hyphen_stay(text, names, piece, kept):
    kb = link_extractions([found_words("a", text, *names)])
    assert (piece in {e.label for e in kb.entities}) is kept


@pytest.mark.parametrize("name, kind, kept", [
    ("Franco-German", "Person", False),  # a headline's adjective of two peoples
    ("Veltro-Danish", "Organization", False),
    ("Baden-Velmark", "Place", True),  # no people's word: a place's double name
    ("Velmar-Ostrander", "Organization", True),
    ("Keskula-Tarvel", "Person", True),  # a double surname
])
def test_an_adjective_of_two_peoples_is_no_node(name, kind, kept):
    kb = link_extractions([found_words("a", f"{name} talks end\nThe talks ended on Monday in Tarsk.", (name, kind))])
    assert (name in {e.label for e in kb.entities}) is kept
