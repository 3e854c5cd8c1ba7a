"""Tests for names written only inside quoted titles of works."""
from kgraph.linking.titles import quoted_title, title_only_names


def _key(aid, text, name, nth=0):
    s = -1
    for _ in range(nth + 1):
        s = text.index(name, s + 1)
    return (aid, s, s + len(name))


def test_name_inside_film_title_is_a_title_word():
    text = 'Her best-known film, "Winter Letters from Morvandia," opened in 1998.'
    _a, s, e = _key("a", text, "Morvandia")
    assert quoted_title(text, s, e)


def test_name_in_quoted_speech_is_not_a_title():
    text = '"Olek Brandvik has done a lot of good work here," the mayor said.'
    _a, s, e = _key("a", text, "Olek Brandvik")
    assert not quoted_title(text, s, e)


def test_chant_of_a_name_is_not_a_title():
    text = 'The crowd shouted "Tarsk, Tarsk!" all night long.'
    _a, s, e = _key("a", text, "Tarsk")
    assert not quoted_title(text, s, e)


def test_only_names_never_written_outside_titles_are_dropped():
    one = 'She starred in "Ghosts of the Velmar Valley" and later in "The Night Shift Years".'
    two = 'Pell Orrin met the author of "The Velmar Valley Diaries" in Kastrow. Pell Orrin said "Hello, Kastrow Valley!"'
    three = 'Pell Orrin was born near the Velmar Valley.'
    texts = {"a1": one, "a2": two, "a3": three}
    only_titles = {_key("a1", one, "Night Shift"): "night shift",
                   _key("a2", two, "Pell Orrin"): "pell orrin"}
    assert title_only_names(only_titles, texts) == [_key("a1", one, "Night Shift")]
    velmar = {_key("a1", one, "Velmar Valley"): "velmar valley", _key("a2", two, "Velmar Valley"): "velmar valley"}
    assert len(title_only_names(velmar, texts)) == 2
    velmar[_key("a3", three, "Velmar Valley")] = "velmar valley"
    assert title_only_names(velmar, texts) == []


def test_a_place_the_gazetteer_knows_stays():
    text = 'The show "A Summer in Berlin" ran for years.'
    assert title_only_names({_key("a", text, "Berlin"): "berlin"}, {"a": text}) == []
