"""Corpus-level identity: one node per real thing across articles, no junk names."""

from __future__ import annotations

import re

import pytest

from kgraph.linking.identity import clean_name, fold
from kgraph.linking.link import link_extractions
from kgraph.core.model import Article, Extraction, Mention


def ex(aid, *mentions, text=None):
    """Build an extraction from (text, type, name) triples laid out one after another."""
    out, pos = [], 0
    for t, kind, name in mentions:
        out.append(Mention(t, kind, pos, pos + len(t), name))
        pos += len(t) + 1
    body = " ".join(t for t, _k, _n in mentions)
    return Extraction(Article(aid, body + ("\n" + text if text else "")), tuple(out))


def labels(kb):
    return {(e.type, e.label): e for e in kb.entities}


@pytest.mark.parametrize("raw, kind, cleaned", [
    ("President Arvo Keskula", "Person", "Arvo Keskula"),
    ("sub-Saharan Africa", "Place", "sub-Saharan Africa"),  # a lower-case "sub-" opens a region's name
    ("sub Africa", "Place", None),
    ("Scriptwriter Arvo Keskula", "Person", "Arvo Keskula"),  # an occupation that is no surname
    ("Tarsk Archbishop Arvo Keskula", "Person", "Arvo Keskula"),
    ("Footballer Arvo Keskula", "Person", "Arvo Keskula"),  # a role written capitalized at a sentence's start
    ("Crown Prince Arvo Keskula", "Person", "Arvo Keskula"),  # a title of two words
    ("Grand Mufti Arvo Keskula", "Person", "Arvo Keskula"),
    ("Countess Ilse Keskula", "Person", "Ilse Keskula"),
    ("Count Arvo", "Person", "Arvo"),
    ("Count Arvo", "Organization", "Count Arvo"),  # titles are cut from persons' names only
    ("Sister Ilse Keskula", "Person", "Ilse Keskula"),
    ("Monsieur Arvo Keskula", "Person", "Arvo Keskula"),  # a form of address in another language
    ("Majesty Ilse Keskula", "Person", "Ilse Keskula"),  # "Her Majesty Ilse Keskula" after the pronoun
    ("Norway's Interior Ministry", "Organization", "Interior Ministry"),
    ("Norway Social Democratic Party", "Organization", "Social Democratic Party"),
    ("Norway Tarsk Bank", "Organization", "Norway Tarsk Bank"),
    ("Arvo Keskula King Jr", "Person", "Arvo Keskula King Jr"),
    ("Mr. Keskula", "Person", "Keskula"),
    ("However Veltria", "Country", "Veltria"),
    ("Following Keskula", "Person", "Keskula"),
    ("Hosting Keskula", "Person", "Keskula"),
    ("Sporting Tarsk", "Organization", "Sporting Tarsk"),  # a club's name, not a headline's verb
    ("Boeing Company", "Organization", "Boeing Company"),  # no word news writes in lower case
    ("Channing Keskula", "Person", "Channing Keskula"),
    ("Was Veltria", "Country", "Veltria"),
    ("Hereby Veltria", "Country", "Veltria"),  # a sentence adverb capitalized at a line's start
    ("Reportedly Arvo Keskula", "Person", "Arvo Keskula"),
    ("Keskula Keskula", "Person", "Keskula"),
    ("Tarsk 1-1 Varnholt", "Organization", None),
    ("Varnholt 1860", "Organization", "Varnholt 1860"),
    ("Varnhold 2-1", "Organization", "Varnhold"),
    ("Tarsk city", "Place", "Tarsk"),
    ("Tarsk Fund - the Fund", "Organization", "Tarsk Fund"),
    ("Tarsk-Velt", "Place", "Tarsk-Velt"),
    ("Varnhold news agency", "Organization", "Varnhold"),
    ("Council of Ostmark", "Organization", "Council of Ostmark"),
    ("Ukrainian military intelligence", "Organization", "Ukrainian military intelligence"),
    ("von der Ahle", "Person", "von der Ahle"),
    ("lick syrup", "Person", None),
    ("Ostmark or Tarsk", "Place", None),
    ("Keskula, Vaher", "Person", None),
    ("Tarsk Weekly: Tarsk", "Organization", None),  # a heading, then a name
    ("However", "Organization", None),
    ("Tarsk) Accord", "Organization", None),
    ('Arvo "Vello', "Person", None),
    ("PM Arvo Keskula", "Person", "Arvo Keskula"),  # "the PM" is a title, as "Premier" is
    ("PM", "Organization", None),
    ("VAT", "Organization", None),  # "a VAT rise": a common noun's abbreviation
    ("PhD", "Place", None),
    ("Pin", "Person", "Pin"),  # written as a name, it may be one
    ("WHO", "Organization", "WHO"),  # an acronym, not the connective "who"
    ("IS", "Organization", "IS"),
    ("Is", "Organization", None),
    ("Hollin IS", "Organization", "Hollin IS"),
    ("Exiled Belarusian", "Person", None),  # a description opening a sentence, no one's name
    ("Jailed Russian", "Person", None),
    ("Dawn French", "Person", "Dawn French"),  # a surname that is a demonym, after a given name
    ("September Weigl", "Person", "Weigl"),  # "In September Weigl won": a date's month, no given name
    ("June Weigl", "Person", "June Weigl"),  # a month that is a given name too
])
def test_clean_name_cuts_what_is_no_part_of_a_name(raw, kind, cleaned):
    assert clean_name(raw, kind) == cleaned


def test_fold_joins_transliterations():
    assert fold("Düsseldorf") == fold("Duesseldorf") == fold("Dusseldorf")
    assert fold("Köhler") == fold("Koehler")


def test_titles_never_reach_a_label():
    kb = link_extractions([ex("a", ("President Arvo Keskula", "Person", "President Arvo Keskula")),
                           ex("b", ("Arvo Keskula", "Person", "Arvo Keskula"))])
    assert list(labels(kb)) == [("Person", "Arvo Keskula")]


def test_one_name_gets_one_type_from_all_its_mentions():
    kb = link_extractions([ex("a", ("Brightwater Watch", "Person", "Brightwater Watch")),
                           ex("b", ("Brightwater Watch", "Organization", "Brightwater Watch")),
                           ex("c", ("Brightwater Watch", "Organization", "Brightwater Watch"))])
    assert list(labels(kb)) == [("Organization", "Brightwater Watch")]


def test_acronym_joins_the_one_name_it_spells_across_articles():
    # Article a writes the acronym beside the full name (in a sentence extraction did not pair them).
    kb = link_extractions([ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council"),
                              text="The NTC met on Monday."),
                           ex("b", ("NTC", "Organization", "NTC"))])
    (e,) = kb.entities
    assert e.label == "Northern Trade Council" and e.articles == ("a", "b") and "organization/NTC" in e.same_as


def test_a_state_or_body_and_an_offices_field_before_its_title_is_no_body():
    def story(aid, written, after):
        text = f"Then {written}{after} said so."
        return Extraction(Article(aid, text), (Mention(written, "Organization", 5, 5 + len(written), written),))
    # "TU Fishing Commissioner ...", "Norwegian Tourism Minister ...": an office's title, no body.
    kb = link_extractions([story("a", "TU Fishing", " Commissioner Arvo Keskula"),
                           story("b", "Norwegian Tourism", " Minister Ilse Tarvel")])
    assert not kb.entities
    # A body's head before the title, a body's own name, or no title after: the body.
    kb = link_extractions([story("a", "TU Fishing Office", " Commissioner Arvo Keskula"),
                           story("b", "Orlin Fishing", " Commissioner Arvo Keskula"),
                           story("c", "TU Fishing", " officials")])
    assert sorted(e.label for e in kb.entities) == ["Orlin Fishing", "TU Fishing", "TU Fishing Office"]


def test_a_front_named_with_common_words_is_one_party_per_country():
    # "National Front" in stories about Ostmark and about Veltria: two parties, each read in its country; a
    # front with a proper word in its name is one thing, and its short form in another story joins it.
    kb = link_extractions([ex("a", ("National Front", "Organization", "National Front"), ("France", "Country", "France")),
                           ex("b", ("National Front", "Organization", "National Front"), ("Norway", "Country", "Norway")),
                           ex("c", ("Al-Velm Front", "Organization", "Al-Velm Front"), ("France", "Country", "France")),
                           ex("d", ("Velm Front", "Organization", "Velm Front"), ("Norway", "Country", "Norway"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
    assert got == [("Al-Velm Front", ("c", "d")), ("National Front (France)", ("a",)), ("National Front (Norway)", ("b",))]


def test_an_office_holder_written_as_a_body_is_not_the_body():
    # "Tarsk Interior Minister" / "Tarsk Interior Ministry", "... Commissioner" / "... Commission": one letter or
    # an ending apart, but a title and a body; a misspelt body word still joins its body.
    kb = link_extractions([ex("a", ("Tarsk Interior Ministry", "Organization", "Tarsk Interior Ministry")),
                           ex("b", ("Tarsk Interior Minister", "Organization", "Tarsk Interior Minister")),
                           ex("c", ("Velmor Trade Commission", "Organization", "Velmor Trade Commission")),
                           ex("d", ("Velmor Trade Commissioner", "Organization", "Velmor Trade Commissioner")),
                           ex("e", ("Orlin Research Insitute", "Organization", "Orlin Research Insitute")),
                           ex("f", ("Orlin Research Institute", "Organization", "Orlin Research Institute"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    assert got == [("Orlin Research Institute", ("e", "f")), ("Tarsk Interior Minister", ("b",)),
                   ("Tarsk Interior Ministry", ("a",)), ("Velmor Trade Commission", ("c",)),
                   ("Velmor Trade Commissioner", ("d",))]


def test_an_acronym_a_story_spells_out_as_another_thing_is_not_the_name_of_other_stories():
    # Story b writes "Northern Timber Compact (NTC)", a pact extraction did not take: its "NTC" is not the
    # council of story a, nor is the bare "NTC" of story c (two things go by it); a's own "NTC" is the council.
    kb = link_extractions([ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council"),
                              ("NTC", "Organization", "NTC"), text="The NTC met on Monday."),
                           ex("b", ("NTC", "Organization", "NTC"), text="They signed the Northern Timber Compact (NTC)."),
                           ex("c", ("NTC", "Organization", "NTC"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    assert got == [("NTC", ("b", "c")), ("Northern Trade Council", ("a",))]
    # Spelt out as the council itself, written another way ("Co-operation"), it stays the council.
    kb = link_extractions([ex("a", ("Northern Trade Co-operation", "Organization", "Northern Trade Co-operation"),
                              ("NTC", "Organization", "NTC"), text="The NTC met on Monday."),
                           ex("b", ("NTC", "Organization", "NTC"), text="The Northern Trade Cooperation (NTC) grew.")])
    assert [(e.label, e.articles) for e in kb.entities] == [("Northern Trade Co-operation", ("a", "b"))]


def test_an_article_writing_the_acronym_with_dots_ties_it_to_the_name():
    kb = link_extractions([ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council"),
                              text="N.T.C. officials met on Monday."),
                           ex("b", ("NTC", "Organization", "NTC"))])
    (e,) = kb.entities
    assert e.label == "Northern Trade Council" and e.articles == ("a", "b")


def test_acronym_joins_a_name_elsewhere_only_when_the_corpus_ties_them():
    # No article names both, and the full name is named once: "NTC" may be another council.
    lone = [ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council")),
            ex("b", ("NTC", "Organization", "NTC"))]
    assert {e.label for e in link_extractions(lone).entities} == {"Northern Trade Council", "NTC"}
    # A full name the corpus repeats is the reading of an acronym it spells.
    repeated = lone + [ex("c", ("Northern Trade Council", "Organization", "Northern Trade Council"))]
    (e,) = link_extractions(repeated).entities
    assert e.articles == ("a", "b", "c")


def test_a_body_of_states_known_by_its_acronym_joins_its_one_expansion_untied():
    # No story writes "UN" beside "United Nations", which one story names: the pair is known, not guessed.
    corpus = [ex("a", ("United Nations", "Organization", "United Nations")),
              ex("b", ("UN", "Organization", "UN")), ex("c", ("UN", "Organization", "UN"))]
    (e,) = link_extractions(corpus).entities
    assert e.label == "United Nations" and e.articles == ("a", "b", "c")
    # Another expansion of the letters in the corpus: the known pair decides nothing, the evidence does.
    two = [ex("a", ("International Criminal Court", "Organization", "International Criminal Court")),
           ex("b", ("International Cricket Council", "Organization", "International Cricket Council")),
           ex("c", ("ICC", "Organization", "ICC"))]
    assert len(link_extractions(two).entities) == 3


def test_two_letters_join_a_name_only_when_both_are_written_in_many_stories():
    # "TB" in three stories and "Tarsk Broadcasting" in three, nothing else spelling "TB": the outlet's initials.
    full = [ex(f"f{i}", ("Tarsk Broadcasting", "Organization", "Tarsk Broadcasting")) for i in range(3)]
    short = [ex(f"s{i}", ("TB", "Organization", "TB")) for i in range(3)]
    (e,) = link_extractions(full + short).entities
    assert e.label == "Tarsk Broadcasting" and len(e.articles) == 6
    # Another name spelling it in one story: the one written in three times as many stories.
    bank = [ex("o", ("Tollan Bank", "Organization", "Tollan Bank"))]
    kb = link_extractions(full + short + bank)
    assert {e.label: len(e.articles) for e in kb.entities} == {"Tarsk Broadcasting": 6, "Tollan Bank": 1}
    kb = link_extractions(full + short + bank + [ex("p", ("Tollan Bank", "Organization", "Tollan Bank"))])
    assert {e.label for e in kb.entities} == {"Tarsk Broadcasting", "Tollan Bank", "TB"}
    # Written in two stories only, either stays apart: two letters spell too many names.
    kb = link_extractions(full[:2] + short)
    assert {e.label for e in kb.entities} == {"Tarsk Broadcasting", "TB"}
    kb = link_extractions(full + short[:2])
    assert {e.label for e in kb.entities} == {"Tarsk Broadcasting", "TB"}


def test_an_outlet_quoted_by_its_initials_joins_the_one_name_written_as_a_source():
    # "TB" in one story, "Tarsk Broadcasting" in another, both written as where news came from: the outlet.
    full = ex("f", ("Tarsk Broadcasting", "Organization", "Tarsk Broadcasting"),
              text="The mayor told the Tarsk Broadcasting news agency so.")
    short = ex("s", ("TB", "Organization", "TB"), text='"We are ready," the mayor told TB on Monday.')
    (e,) = link_extractions([full, short]).entities
    assert e.label == "Tarsk Broadcasting" and e.articles == ("f", "s")
    # An interviewer's label opening a line, and "according to", read the same.
    label = ex("s", ("TB", "Organization", "TB"), text="TB: Why now?\nArvo Keskula: Because.")
    told = ex("f", ("Tarsk Broadcasting", "Organization", "Tarsk Broadcasting"),
              text="Ten died, according to Tarsk Broadcasting.")
    assert len(link_extractions([told, label]).entities) == 1
    # The acronym not written as a source ("TB rose"): two letters spell too many names, it stays apart.
    plain = ex("s", ("TB", "Organization", "TB"), text="Shares of TB rose on Monday.")
    assert {e.label for e in link_extractions([full, plain]).entities} == {"Tarsk Broadcasting", "TB"}
    # Nor the name ("a Tarsk Broadcasting office"): a bank with those initials is no outlet.
    bank = ex("f", ("Tollan Bank", "Organization", "Tollan Bank"), text="Tollan Bank opened an office.")
    assert {e.label for e in link_extractions([bank, short]).entities} == {"Tollan Bank", "TB"}
    # Two names written as sources spell it: none is chosen.
    other = ex("o", ("Tollan Bulletin", "Organization", "Tollan Bulletin"), text="He told Tollan Bulletin so.")
    assert {e.label for e in link_extractions([full, other, short]).entities} == {
        "Tarsk Broadcasting", "Tollan Bulletin", "TB"}
    # "told TB-Online": another name, glued by a hyphen.
    glued = ex("s", ("TB", "Organization", "TB"), text="He told TB-Online so. TB rose.")
    assert {e.label for e in link_extractions([full, glued]).entities} == {"Tarsk Broadcasting", "TB"}


def test_a_given_name_and_a_surname_tagged_as_two_persons_side_by_side_are_one_person():
    def story(aid, first, last, text):
        body = f"{text[0]} {first} {last} {text[1]}"
        s = len(text[0]) + 1
        return Extraction(Article(aid, body), (Mention(first, "Person", s, s + len(first), first.removeprefix("President ")),
                                               Mention(last, "Person", s + len(first) + 1,
                                                       s + len(first) + 1 + len(last), last)))
    # "President Karl" and "Keskmaa": one person, titles cut, named by both pieces.
    kb = link_extractions([story("a", "President Karl", "Keskmaa", ("Then", "spoke."))])
    (e,) = kb.entities
    assert e.label == "Karl Keskmaa"
    # A particle opens the surname: "(Hans von Tarvel)".
    (e,) = link_extractions([story("a", "Hans", "von Tarvel", ("Our minister (", ") spoke."))]).entities
    assert e.label == "Hans von Tarvel"
    # A first piece that is no given name ("Striker Keskmaa", a role the titles keep) joins nothing.
    kb = link_extractions([story("a", "Striker", "Keskmaa", ("The", "scored."))])
    assert "Striker Keskmaa" not in {e.label for e in kb.entities} and "Keskmaa" in {e.label for e in kb.entities}
    # Two names of two words each side by side are left as extraction read them.
    kb = link_extractions([story("a", "Karl Tarvel", "Keskmaa", ("The", "spoke."))])
    assert {e.label for e in kb.entities} == {"Karl Tarvel", "Keskmaa"}


def test_a_role_written_after_an_organization_its_article_names_is_no_part_of_its_name():
    # "the Hollin Forward", "Tarsk Bank Chief Executive", "Tarsk Bank HQ": the club, the bank.
    kb = link_extractions([ex("a", ("Hollin", "Organization", "Hollin"),
                              ("Hollin Forward", "Organization", "Hollin Forward")),
                           ex("b", ("Tarsk Bank", "Organization", "Tarsk Bank"),
                              ("Tarsk Bank Chief Executive", "Organization", "Tarsk Bank Chief Executive"),
                              ("Tarsk Bank HQ", "Organization", "Tarsk Bank HQ"))])
    assert {e.label: e.articles for e in kb.entities} == {"Hollin": ("a",), "Tarsk Bank": ("b",)}
    # The name before the role not written alone in its article: nothing says it is a name of its own.
    kb = link_extractions([ex("a", ("Hollin Forward", "Organization", "Hollin Forward"))])
    assert {e.label for e in kb.entities} == {"Hollin Forward"}


def test_a_byline_closing_the_story_names_no_node():
    def story(text, *names):
        mentions = tuple(Mention(n, "Person", text.index(n), text.index(n) + len(n), n) for n in names)
        return Extraction(Article("a", text), mentions)
    body = "Mart Tarvel spoke in Tarsk on Monday about the harbour and its future. "
    kb = link_extractions([story(body + "Author: Arvo Keskula (ak) Editor: Ilse Varno",
                                 "Mart Tarvel", "Arvo Keskula", "Ilse Varno")])
    assert {e.label for e in kb.entities} == {"Mart Tarvel"}
    kb = link_extractions([story(body + "\nAuthor: Arvo Keskula\nEditor: Ilse Varno\n",
                                 "Mart Tarvel", "Arvo Keskula", "Ilse Varno")])
    assert {e.label for e in kb.entities} == {"Mart Tarvel"}
    kb = link_extractions([story(body + "Interview: Arvo Keskula", "Mart Tarvel", "Arvo Keskula")])
    assert {e.label for e in kb.entities} == {"Mart Tarvel"}
    # "Interview:" opening a story names the one interviewed; a label followed by more sentences is no byline.
    kb = link_extractions([story("Interview: Arvo Keskula\n" + body, "Arvo Keskula", "Mart Tarvel")])
    assert {e.label for e in kb.entities} == {"Arvo Keskula", "Mart Tarvel"}
    kb = link_extractions([story("The Editor: Arvo Keskula. He said so. " + body, "Arvo Keskula", "Mart Tarvel")])
    assert {e.label for e in kb.entities} == {"Arvo Keskula", "Mart Tarvel"}


def test_a_photographer_a_caption_credits_after_a_slash_names_no_node():
    def story(text, *names):
        mentions = tuple(Mention(n, "Person", text.index(n), text.index(n) + len(n), n) for n in names)
        return Extraction(Article("a", text), mentions)
    body = "Mart Tarvel spoke in Tarsk on Monday about the harbour and its future.\n"
    kb = link_extractions([story(body + "Photo: Mart Tarvel in Tarsk (Tarsk Press/Ivo Renn)\n",
                                 "Mart Tarvel", "Ivo Renn")])
    assert {e.label for e in kb.entities} == {"Mart Tarvel"}
    kb = link_extractions([story(body + "Image: the harbour (picture-alliance/dpa/L. Marn)", "Mart Tarvel", "L. Marn")])
    assert {e.label for e in kb.entities} == {"Mart Tarvel"}
    # a name in brackets with no slash before it is news: "(Ilse Varno)" glosses who spoke
    kb = link_extractions([story(body + "Her successor (Ilse Varno) spoke too.", "Mart Tarvel", "Ilse Varno")])
    assert {e.label for e in kb.entities} == {"Mart Tarvel", "Ilse Varno"}


def test_a_surname_two_full_names_of_its_story_end_in_is_the_one_named_last_before_it():
    def story(text, *names):
        text = "Port news\n" + text
        mentions, pos = [], 0
        for n in names:
            i = text.index(n, pos)
            mentions.append(Mention(n, "Person", i, i + len(n), n))
            pos = i + len(n)
        return Extraction(Article("a", text), tuple(mentions))

    kb = link_extractions([story("On Monday Karl Keskmaa opened the port. Later Hans Keskmaa spoke. Keskmaa said "
                                 "so.", "Karl Keskmaa", "Hans Keskmaa", "Keskmaa")])
    assert {e.label: e.mentions for e in kb.entities} == {"Karl Keskmaa": 1, "Hans Keskmaa": 2}
    # The surname written before either full name: nothing to go by, it stays apart.
    kb = link_extractions([story("Keskmaa said so. On Monday Karl Keskmaa opened the port. Later Hans Keskmaa spoke.",
                                 "Keskmaa", "Karl Keskmaa", "Hans Keskmaa")])
    assert {e.label for e in kb.entities} == {"Keskmaa", "Karl Keskmaa", "Hans Keskmaa"}
    # Two given names a last letter apart may be one person misspelt: the surname alone takes neither.
    kb = link_extractions([story("On Monday Maria Keskmaa opened the port. Later Mario Keskmaa spoke. Keskmaa said so.",
                                 "Maria Keskmaa", "Mario Keskmaa", "Keskmaa")])
    assert "Keskmaa" in {e.label for e in kb.entities}


def test_an_acronym_with_two_neighbouring_letters_swapped_is_a_slip_in_its_story():
    full = Mention("Tarsk Valley Liberation Army", "Organization", 0, 28, "Tarsk Valley Liberation Army")
    text = "Tarsk Valley Liberation Army (TVLA) fighters left. The TLVA said so."
    spelt = Mention("TVLA", "Organization", 30, 34, "Tarsk Valley Liberation Army")
    slip = Mention("TLVA", "Organization", text.index("TLVA"), text.index("TLVA") + 4, "TLVA")
    (e,) = link_extractions([Extraction(Article("a", text), (full, spelt, slip))]).entities
    assert e.label == "Tarsk Valley Liberation Army" and e.mentions == 3
    # Two bare acronyms: the one written less often is the slip.
    kb = link_extractions([ex("a", ("TVLA", "Organization", "TVLA"), ("TVLA", "Organization", "TVLA"),
                              ("TLVA", "Organization", "TLVA"))])
    assert {e.label: e.mentions for e in kb.entities} == {"TVLA": 3}
    # In two stories, or letters apart that are not neighbours, they stay two.
    kb = link_extractions([ex("a", ("TVLA", "Organization", "TVLA"), ("TVLA", "Organization", "TVLA")),
                           ex("b", ("TLVA", "Organization", "TLVA"))])
    assert {e.label for e in kb.entities} == {"TVLA", "TLVA"}
    kb = link_extractions([ex("a", ("TVLA", "Organization", "TVLA"), ("TVLA", "Organization", "TVLA"),
                              ("AVLT", "Organization", "AVLT"))])
    assert {e.label for e in kb.entities} == {"TVLA", "AVLT"}


def test_acronym_prefers_the_name_written_beside_it():
    kb = link_extractions([ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council"),
                              text="Later the NTC said no."),
                           ex("b", ("National Tennis Club", "Organization", "National Tennis Club")),
                           ex("c", ("NTC", "Organization", "NTC"))])
    by_label = {e.label: e for e in kb.entities}
    assert by_label["Northern Trade Council"].articles == ("a", "c") and "NTC" not in by_label


def test_ambiguous_acronym_stays_apart():
    kb = link_extractions([ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council")),
                           ex("b", ("National Tennis Club", "Organization", "National Tennis Club")),
                           ex("c", ("NTC", "Organization", "NTC"))])
    assert ("Organization", "NTC") in labels(kb)


def test_typo_and_transliteration_join_but_different_words_do_not():
    kb = link_extractions([ex("a", ("Miriam Okonkwo", "Person", "Miriam Okonkwo")),
                           ex("b", ("Miriam Okonkow", "Person", "Miriam Okonkow")),
                           ex("c", ("Hallmark Bank", "Organization", "Hallmark Bank")),
                           ex("d", ("Hallmark Bahn", "Organization", "Hallmark Bahn")),
                           ex("e", ("Jörg Brenner", "Person", "Jörg Brenner")),
                           ex("f", ("Joerg Brenner", "Person", "Joerg Brenner"))])
    got = labels(kb)
    assert ("Organization", "Hallmark Bank") in got and ("Organization", "Hallmark Bahn") in got
    persons = [e for e in kb.entities if e.type == "Person"]
    assert len(persons) == 2


def test_short_name_joins_only_an_unambiguous_full_name():
    one = link_extractions([ex("a", ("Dag Hovland", "Person", "Dag Hovland")),
                            ex("b", ("Hovland", "Person", "Hovland"))])
    assert [e.label for e in one.entities] == ["Dag Hovland"]
    two = link_extractions([ex("a", ("Dag Hovland", "Person", "Dag Hovland")),
                            ex("b", ("Eva Hovland", "Person", "Eva Hovland")),
                            ex("c", ("Hovland", "Person", "Hovland"))])
    assert ("Person", "Hovland") in labels(two)


def test_a_particle_surname_tagged_an_organization_is_the_person_the_corpus_names_in_full():
    kb = link_extractions([ex("a", ("Karim al-Tarsi", "Person", "Karim al-Tarsi")),
                           ex("b", ("al-Tarsi", "Organization", "al-Tarsi"), ("al-Tarsi", "Organization", "al-Tarsi"),
                              ("al-Tarsi", "Organization", "al-Tarsi"))])
    assert [(e.type, e.label) for e in kb.entities] == [("Person", "Karim al-Tarsi")]
    # A body named so ("Ansar al-Velud") keeps a bare "al-Velud" an organization, as is "al-Norsa" with no person.
    kb = link_extractions([ex("a", ("Ansar al-Velud", "Organization", "Ansar al-Velud"),
                              ("Omar al-Velud", "Person", "Omar al-Velud")),
                           ex("b", ("al-Velud", "Organization", "al-Velud"), ("al-Norsa", "Organization", "al-Norsa"))])
    assert ("Organization", "al-Norsa") in labels(kb)
    assert labels(kb)[("Person", "Omar al-Velud")].mentions == 1


def test_short_name_prefers_the_full_name_of_its_own_article():
    kb = link_extractions([ex("a", ("Dag Hovland", "Person", "Dag Hovland"), ("Hovland", "Person", "Hovland")),
                           ex("b", ("Eva Hovland", "Person", "Eva Hovland"))])
    assert labels(kb)[("Person", "Dag Hovland")].mentions == 2


def test_person_variants_with_and_without_middle_names_join():
    kb = link_extractions([ex("a", ("Rosa M. Talbot", "Person", "Rosa M. Talbot")),
                           ex("b", ("Rosa Talbot", "Person", "Rosa Talbot"))])
    assert len(kb.entities) == 1


def test_city_in_a_match_report_is_its_club():
    report = "The striker scored twice; the goalkeeper saved a penalty and the Bundesliga relegation fight goes on."
    kb = link_extractions([ex("a", ("Dortmund", "Place", "Dortmund"), text=report),
                           ex("b", ("Dortmund", "Place", "Dortmund"), text="The old city grew.")])
    assert {e.type for e in kb.entities} == {"Organization", "Place"}


def test_common_noun_the_corpus_writes_lowercase_is_no_name():
    kb = link_extractions([ex("a", ("Harbour", "Organization", "Harbour"),
                              text="The harbour was busy. A harbour fee rose. Each harbour closed.")])
    assert kb.entities == ()


def test_identity_does_not_depend_on_article_order():
    arts = [ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council"), ("Dag Hovland", "Person",
                                                                                               "Dag Hovland")),
            ex("b", ("NTC", "Organization", "NTC"), ("Hovland", "Person", "Hovland"))]
    assert link_extractions(arts) == link_extractions(arts[::-1])


def test_a_country_name_is_never_read_as_a_subdivision_elsewhere():
    kb = link_extractions([ex("a", ("India", "Place", "Indiana"))])
    assert [(e.type, e.label) for e in kb.entities] == [("Country", "India")]


def test_a_known_name_followed_by_a_common_noun_is_no_name():
    kb = link_extractions([ex("a", ("NTC", "Organization", "NTC"), ("NTC Harbour", "Organization", "NTC Harbour"),
                              text="The harbour and each harbour fee.")])
    assert [e.label for e in kb.entities] == ["NTC"]


def test_a_place_an_article_states_lies_in_a_country_is_that_countrys_namesake():
    from dataclasses import replace as _replace

    from kgraph.core.model import Relation

    def stated(aid, town, country, says=True):
        e = ex(aid, (town, "Place", town), (country, "Country", country))
        if not says:
            return e
        s, o = e.mentions
        r = Relation(s, "locatedIn", o, 0.9, "rule:place-comma-place", f"{town}, {country}", 0, len(e.article.text))
        return _replace(e, relations=(r,))

    # "Valencia, Spain": the Spanish city, not the larger Venezuelan one the population prior picks.
    got = {e.label: e for e in link_extractions([stated("a", "Valencia", "Spain")]).entities}
    assert got["Valencia (Spain)"].country_code == "ES" and "Valencia" in got["Valencia (Spain)"].aliases
    # Two stories, two towns of one name: Lebanon's is not the Libyan capital, whatever either article says.
    kb = link_extractions([stated("a", "Tripoli", "Lebanon"), stated("b", "Tripoli", "Libya"),
                           ex("c", ("Tripoli", "Place", "Tripoli"))])
    got = {e.label: e for e in kb.entities}
    assert got["Tripoli (Lebanon)"].country_code == "LB" and got["Tripoli (Lebanon)"].articles == ("a",)
    assert got["Tripoli"].country_code == "LY" and got["Tripoli"].articles == ("b", "c")
    located = {(f.subject, f.object) for f in kb.facts if f.predicate == "locatedIn"}
    assert (got["Tripoli"].key, "country/Lebanon") not in located
    # Spain merely named beside it: the prior stands (no statement says where the place is).
    got = {e.label: e for e in link_extractions([stated("a", "Valencia", "Spain", says=False)]).entities}
    assert got["Valencia"].country_code == "VE"
    # A first-level region two countries name alike: the one the story places it in, apart from the other's.
    kb = link_extractions([stated("a", "Punjab", "Pakistan"), stated("b", "Punjab", "India"),
                           ex("c", ("Punjab", "Place", "Punjab"))])
    got = {e.label: e for e in kb.entities}
    assert got["Punjab (Pakistan)"].country_code == "PK" and got["Punjab (Pakistan)"].articles == ("a",)
    assert got["Punjab"].country_code == "IN" and got["Punjab"].articles == ("b", "c")


def test_a_town_written_before_a_us_state_is_that_states_namesake():
    # "Paris, Texas" written so, with no relation stated: the American Paris, under the state's name; the Paris
    # of another story stays the French capital.
    text = "Police in Paris, Texas, arrested two men."
    at = text.index("Paris")
    paris, texas = Mention("Paris", "Place", at, at + 5, "Paris"), Mention("Texas", "Place", at + 7, at + 12, "Texas")
    kb = link_extractions([Extraction(Article("a", text), (paris, texas)), ex("b", ("Paris", "Place", "Paris"))])
    got = {e.label: e for e in kb.entities}
    assert got["Paris (Texas)"].country_code == "US" and got["Paris (Texas)"].articles == ("a",)
    assert got["Paris"].country_code == "FR" and got["Paris"].articles == ("b",)
    # the same words without the comma say nothing about which Paris
    plain = ex("a", ("Paris", "Place", "Paris"), ("Texas", "Place", "Texas"))
    assert {e.label: e for e in link_extractions([plain]).entities}["Paris"].country_code == "FR"


def test_georgia_after_an_american_town_and_a_comma_is_the_state():
    def written(aid, town):
        text = f"Voters in {town}, Georgia, lined up early."
        at = text.index(town)
        g = text.index("Georgia")
        return Extraction(Article(aid, text), (Mention(town, "Place", at, at + len(town), town),
                                               Mention("Georgia", "Country", g, g + 7, "Georgia")))

    assert ("Place", "Georgia") in labels(link_extractions([written("a", "Atlanta")]))
    assert ("Country", "Georgia") in labels(link_extractions([written("a", "Tbilisi")]))


def test_georgia_beside_a_us_state_is_the_state_else_the_country():
    kb = link_extractions([ex("a", ("Georgia", "Place", "Georgia"), ("Alabama", "Place", "Alabama")),
                           ex("b", ("Georgia", "Country", "Georgia"), ("Armenia", "Country", "Armenia"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert ("Place", "Georgia") in got and ("Country", "Georgia") in got


def test_gazetteer_place_is_read_in_the_context_of_the_articles_countries():
    kb = link_extractions([ex("a", ("Islamabad", "Place", "Islamabad"), ("Pakistan", "Country", "Pakistan")),
                           ex("b", ("Borno", "Place", "Borno"), ("Nigeria", "Country", "Nigeria"))])
    got = {e.label: e for e in kb.entities}
    assert got["Islamabad"].country_code == "PK" and got["Borno"].country_code == "NG"
    located = {(f.subject, f.object) for f in kb.facts if f.predicate == "locatedIn"}
    assert ("place/Borno", "country/Nigeria") in located and ("place/Islamabad", "country/Pakistan") in located


def test_acronym_of_a_translated_name_joins_by_its_letters_when_unique():
    kb = link_extractions([ex("a", ("Liberal Progress Union", "Organization", "Liberal Progress Union"),
                              text="Its leaders call it the PLU."),
                           ex("b", ("PLU", "Organization", "PLU"))])
    assert [e.label for e in kb.entities] == ["Liberal Progress Union"]


def test_one_spelling_of_a_name_dropped_as_no_name_leaves_the_others_typed():
    kb = link_extractions([ex("a", ("Veltria", "Country", "Veltria"), ("NTC", "Organization", "NTC"),
                              ("NTC Harbour", "Organization", "NTC Harbour"), ("NTC-Harbour", "Organization", "NTC-Harbour"),
                              text="The harbour and each harbour fee."),
                           ex("b", ("NTC HARBOUR", "Organization", "NTC HARBOUR"))])
    assert "NTC" in {e.label for e in kb.entities}


def found(aid, text, *names):
    """Build an extraction whose mentions are every occurrence of each (name, type) in the text."""
    out = []
    for name, kind in names:
        for m in re.finditer(re.escape(name), text):
            out.append(Mention(name, kind, m.start(), m.end(), name))
    return Extraction(Article(aid, text), tuple(sorted(out, key=lambda m: m.start)))


def test_country_in_a_match_report_is_its_team_unless_read_as_the_place():
    report = ("Chile beat Norway 2-1 in the semi-final. The striker scored twice and the goalkeeper saved a penalty. "
              "Fans in Chile celebrated all night.")
    kb = link_extractions([found("a", report, ("Chile", "Country"), ("Norway", "Country")),
                           found("b", "Chile signed a trade deal with Norway.", ("Chile", "Country"), ("Norway", "Country"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Organization", "Chile (national team)")] == ("a",) and got[("Organization", "Norway (national team)")] == ("a",)
    assert got[("Country", "Chile")] == ("a", "b") and got[("Country", "Norway")] == ("b",)


def test_a_country_after_a_club_and_of_stays_the_country_in_a_match_report():
    report = ("Chile beat Norway 2-1 in the semi-final. The striker scored twice and the goalkeeper saved a penalty. "
              "Tarsk United of Chile were banned.")
    kb = link_extractions([found("a", report, ("Chile", "Country"), ("Norway", "Country"))])
    assert {("Organization", "Chile (national team)"), ("Country", "Chile")} <= {(e.type, e.label) for e in kb.entities}
    alone = "Tarsk United of Chile were banned. The striker scored twice and the goalkeeper saved a penalty."
    kb = link_extractions([found("a", alone, ("Chile", "Country"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Country", "Chile")}


def test_a_club_named_by_its_city_is_the_city_a_player_comes_from_in_a_match_report():
    report = ("Dortmund drew 1-1 with the visitors. The striker scored, the goalkeeper saved a penalty. "
              "The 20-year-old from Dortmund was injured. The visitors' trip to Dortmund ended in a draw.")
    kb = link_extractions([found("a", report, ("Dortmund", "Organization"))])
    got = {(e.type, e.label): e.mentions for e in kb.entities}
    assert set(got) == {("Organization", "Dortmund"), ("Place", "Dortmund")} and got[("Place", "Dortmund")] == 1


def test_a_club_named_by_its_city_is_the_city_after_a_locative_word_in_a_match_report():
    report = ("Dortmund drew 1-1 with the visitors. The striker scored, the goalkeeper saved a penalty. "
              "In Dortmund on Sunday the fans stayed calm. Dortmund now face relegation.")
    kb = link_extractions([found("a", report, ("Dortmund", "Organization"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert got == {("Organization", "Dortmund"), ("Place", "Dortmund")}


def test_a_demonym_in_a_match_report_stays_the_country():
    report = "The Chilean striker scored twice, the goalkeeper saved a penalty and the league title is near."
    ext = Extraction(Article("a", report), (Mention("Chilean", "Country", 4, 11, "Chile"),))
    assert [(e.type, e.label) for e in link_extractions([ext]).entities] == [("Country", "Chile")]


def test_a_generic_institution_name_is_one_thing_per_country_its_articles_are_about():
    kb = link_extractions([ex("a", ("Interior Ministry", "Organization", "Interior Ministry"),
                              ("Veltria", "Country", "Veltria"), ("Veltria", "Country", "Veltria")),
                           ex("b", ("Interior Ministry", "Organization", "Interior Ministry"),
                              ("Ostmark", "Country", "Ostmark")),
                           ex("c", ("Interior Ministry", "Organization", "Interior Ministry"),
                              ("Veltria", "Country", "Veltria"))])
    got = {e.label: e for e in kb.entities if e.type == "Organization"}
    assert got["Interior Ministry (Veltria)"].articles == ("a", "c")
    assert got["Interior Ministry (Ostmark)"].articles == ("b",)
    assert "Interior Ministry" in got["Interior Ministry (Ostmark)"].aliases


def test_a_generic_office_named_x_of_y_is_one_thing_per_country():
    kb = link_extractions([ex("a", ("National Bureau of Statistics", "Organization", "National Bureau of Statistics"),
                              ("Veltria", "Country", "Veltria"), text="New statistics show prices rose."),
                           ex("b", ("National Bureau of Statistics", "Organization", "National Bureau of Statistics"),
                              ("Ostmark", "Country", "Ostmark"), text="Its statistics came out on Monday.")])
    got = {e.label for e in kb.entities if e.type == "Organization"}
    assert got == {"National Bureau of Statistics (Veltria)", "National Bureau of Statistics (Ostmark)"}
    # A proper name in it makes it one body: "Tarvo Bureau of Statistics" is not read per country.
    kb = link_extractions([ex("a", ("Tarvo Bureau of Statistics", "Organization", "Tarvo Bureau of Statistics"),
                              ("Veltria", "Country", "Veltria")),
                           ex("b", ("Tarvo Bureau of Statistics", "Organization", "Tarvo Bureau of Statistics"),
                              ("Ostmark", "Country", "Ostmark"))])
    assert [e.label for e in kb.entities if e.type == "Organization"] == ["Tarvo Bureau of Statistics"]


def test_a_state_body_is_its_articles_country_even_where_the_article_names_the_main_reading():
    home = [ex(x, ("Interior Ministry", "Organization", "Interior Ministry"), ("Christian Democrats", "Organization",
                                                                            "Christian Democrats"),
               ("Veltria", "Country", "Veltria")) for x in "ab"]
    # A story about Ostmark that names Veltria once: the ministry is Ostmark's, the party still Veltria's.
    abroad = ex("c", ("Interior Ministry", "Organization", "Interior Ministry"),
                ("Christian Democrats", "Organization", "Christian Democrats"), ("Ostmark", "Country", "Ostmark"),
                ("Ostmark", "Country", "Ostmark"), ("Veltria", "Country", "Veltria"))
    got = {e.label: e.articles for e in link_extractions(home + [abroad]).entities if e.type == "Organization"}
    assert got["Interior Ministry (Veltria)"] == ("a", "b") and got["Interior Ministry (Ostmark)"] == ("c",)
    assert got["Christian Democrats (Veltria)"] == ("a", "b", "c")


def test_a_congress_is_the_one_of_a_named_country_that_has_one():
    def story(aid, *countries):
        return ex(aid, ("Congress", "Organization", "Congress"), *[(c, "Country", c) for c in countries],
                  text="Congress has not voted yet.")

    def reading(*exs):
        return sorted(e.label for e in link_extractions(list(exs)).entities if e.type == "Organization")

    # Germany's parliament has another name: a story about Germany naming the US means the US Congress.
    assert reading(story("a", "Germany", "Germany", "United States")) == ["Congress (United States)"]
    # Spain has a Congress of its own, and a story naming no country with one keeps its own country's reading.
    assert reading(story("a", "Spain", "Spain", "United States")) == ["Congress (Spain)"]
    assert reading(story("a", "Germany", "Germany", "France")) == ["Congress (Germany)"]


@pytest.mark.parametrize("name, body", [
    ("Supreme Court", True), ("Interior Ministry", True), ("Ministry of Justice", True), ("National Assembly", True),
    ("National Bureau of Statistics", True), ("Army", True),
    ("Greens", False), ("Social Democrats", False), ("National Front", False), ("Bureau", False), ("", False),
])
def test_a_state_body_is_named_by_its_head_word(name, body):
    from kgraph.linking.identity import state_body

    assert state_body(name) is body


def test_a_state_body_read_in_a_country_is_based_there_but_a_party_read_there_is_not():
    from kgraph.linking.link import HOME_BODY_PRECISION

    home = [ex(x, ("Interior Ministry", "Organization", "Interior Ministry"), ("Christian Democrats", "Organization",
                                                                            "Christian Democrats"),
               ("Veltria", "Country", "Veltria"), text="The ministry said so.") for x in "ab"]
    abroad = ex("c", ("Interior Ministry", "Organization", "Interior Ministry"), ("Ostmark", "Country", "Ostmark"),
                ("Ostmark", "Country", "Ostmark"), ("Veltria", "Country", "Veltria"))
    kb = link_extractions(home + [abroad])
    names = {e.key: e.label for e in kb.entities}
    based = {(names[f.subject], names[f.object]): f for f in kb.facts if f.predicate == "basedIn"}
    assert set(based) == {("Interior Ministry (Veltria)", "Veltria"), ("Interior Ministry (Ostmark)", "Ostmark")}
    veltria = based[("Interior Ministry (Veltria)", "Veltria")]
    assert [aid for aid, _r in veltria.evidence] == ["a", "b"]
    r = veltria.evidence[0][1]
    assert (r.subject.text, r.object.text, r.method) == ("Interior Ministry", "Veltria", "identity:home-country")
    assert r.confidence == HOME_BODY_PRECISION and "Interior Ministry" in r.sentence
    # Asked for more confidence than the reading has, the graph leaves it out.
    kb = link_extractions(home + [abroad], min_confidence=HOME_BODY_PRECISION + 0.01)
    assert not [f for f in kb.facts if f.predicate == "basedIn"]


def test_an_international_court_is_never_read_as_a_story_countrys_own():
    def corpus(name):
        text = "Judges of the International Court cite international law and international treaties."
        home = [ex(x, (name, "Organization", name), ("Veltria", "Country", "Veltria"), text=text) for x in "ab"]
        abroad = ex("c", (name, "Organization", name), ("Ostmark", "Country", "Ostmark"),
                    ("Ostmark", "Country", "Ostmark"), text=text)
        return {e.label: e.articles for e in link_extractions(home + [abroad]).entities if e.type == "Organization"}

    assert corpus("International Court") == {"International Court": ("a", "b", "c")}
    # Counter-example: a national court's generic name is read per story.
    assert corpus("Supreme Court") == {"Supreme Court (Veltria)": ("a", "b"), "Supreme Court (Ostmark)": ("c",)}


@pytest.mark.parametrize("raw, cleaned", [
    ("Senate Republicans", "Republicans"), ("Congressional Democrats", "Democrats"),
    ("House Greens", "Greens"),
    ("Senate", "Senate"), ("Christian Democrats", "Christian Democrats"),  # no house word, or no party
    ("Senate Committee", "Senate Committee"),
])
def test_a_partys_members_in_one_house_are_the_party(raw, cleaned):
    assert clean_name(raw, "Organization") == cleaned


def test_a_dotted_place_abbreviation_joins_the_one_place_its_letters_spell():
    kb = link_extractions([ex("a", ("Port Velten", "Place", "Port Velten")),
                           ex("b", ("P.V.", "Place", "P.V."))])
    assert [(e.label, e.articles) for e in kb.entities] == [("Port Velten", ("a", "b"))]
    # Two places spelling it: the abbreviation stays apart.
    kb = link_extractions([ex("a", ("Port Velten", "Place", "Port Velten")),
                           ex("b", ("Pardo Valley", "Place", "Pardo Valley")),
                           ex("c", ("P.V.", "Place", "P.V."))])
    assert "P.V." in {e.label for e in kb.entities}


def test_a_short_court_name_joins_a_countrys_full_name_only_in_a_story_about_that_country():
    full = ex("a", ("Supreme Court of Norway", "Organization", "Supreme Court of Norway"))
    home = ex("b", ("Supreme Court", "Organization", "Supreme Court"), ("Norway", "Country", "Norway"))
    # A story about Chile that names Norway once: the court is Chile's.
    abroad = ex("c", ("Supreme Court", "Organization", "Supreme Court"), ("Chile", "Country", "Chile"),
                ("Chile", "Country", "Chile"), ("Norway", "Country", "Norway"))
    got = {e.label: e.articles for e in link_extractions([full, home, abroad]).entities if e.type == "Organization"}
    assert got["Supreme Court of Norway"] == ("a", "b") and got["Supreme Court (Chile)"] == ("c",)


def test_a_generic_name_keeps_its_iri_when_another_countrys_namesake_arrives():
    first = [ex("a", ("Interior Ministry", "Organization", "Interior Ministry"), ("Veltria", "Country", "Veltria")),
             ex("b", ("Interior Ministry", "Organization", "Interior Ministry"), ("Veltria", "Country", "Veltria"))]
    before = {e.key for e in link_extractions(first).entities if e.type == "Organization"}
    # Three articles more, about another country's ministry: it becomes the name's main reading.
    more = first + [ex(f"o{i}", ("Interior Ministry", "Organization", "Interior Ministry"), ("Ostmark", "Country", "Ostmark"))
                    for i in range(3)]
    after = {e.key: e for e in link_extractions(more).entities if e.type == "Organization"}
    (key,) = before
    assert key in after and after[key].articles == ("a", "b") and len(after) == 2
    assert "Interior Ministry" in after[key].aliases


def test_a_short_institution_name_joins_the_full_name_of_its_articles_country_only():
    kb = link_extractions([ex("a", ("Communist Party of Chile", "Organization", "Communist Party of Chile")),
                           ex("b", ("Communist Party of Norway", "Organization", "Communist Party of Norway")),
                           ex("c", ("Communist Party", "Organization", "Communist Party"), ("Chile", "Country", "Chile")),
                           ex("d", ("Foreign Ministry", "Organization", "Foreign Ministry"), ("Peru", "Country", "Peru")),
                           ex("e", ("Chilean Foreign Ministry", "Organization", "Chilean Foreign Ministry"))])
    got = labels(kb)
    assert got[("Organization", "Communist Party of Chile")].articles == ("a", "c")
    assert got[("Organization", "Foreign Ministry (Chile)")].articles == ("e",)
    assert "Chilean Foreign Ministry" in got[("Organization", "Foreign Ministry (Chile)")].aliases
    assert got[("Organization", "Foreign Ministry (Peru)")].articles == ("d",)


def test_a_lone_first_name_does_not_join_a_full_name_from_another_article():
    kb = link_extractions([ex("a", ("Lorna Vetsk", "Person", "Lorna Vetsk")), ex("b", ("Lorna", "Person", "Lorna")),
                           ex("c", ("Vetsk", "Person", "Vetsk"))])
    got = labels(kb)
    assert got[("Person", "Lorna Vetsk")].articles == ("a", "c") and ("Person", "Lorna") in got


def test_an_acronym_may_swap_two_neighbouring_initials_but_not_shuffle_them():
    kb = link_extractions([ex("a", ("Free Labour Party", "Organization", "Free Labour Party"), text="The FPL won."),
                           ex("b", ("FPL", "Organization", "FPL")),
                           ex("c", ("Bay Area Tennis Society", "Organization", "Bay Area Tennis Society"),
                              text="The TABS court."),
                           ex("d", ("TABS", "Organization", "TABS"))])
    got = labels(kb)
    assert got[("Organization", "Free Labour Party")].articles == ("a", "b") and ("Organization", "TABS") in got


def test_spellings_of_one_gazetteer_city_and_a_plural_join():
    kb = link_extractions([ex("a", ("Kiev", "Place", "Kiev"), ("Varnholts", "Organization", "Varnholts")),
                           ex("b", ("Kyiv", "Place", "Kyiv"), ("Varnholt", "Organization", "Varnholt")),
                           ex("c", ("Tarsk Airport", "Place", "Tarsk Airport")), ex("d", ("Tarsk", "Place", "Tarsk"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert [v for (t, n), v in got.items() if n in ("Kiev", "Kyiv")] == [("a", "b")]
    assert got[("Place", "Tarsk Airport")] == ("c", "d")
    assert [v for (t, _), v in got.items() if t == "Organization"] == [("a", "b")]


def test_a_country_named_us_state_in_a_story_about_the_us_is_the_state():
    kb = link_extractions([ex("a", ("US", "Country", "US"), ("Georgia", "Country", "Georgia"), ("US", "Country", "US")),
                           ex("b", ("Georgia", "Country", "Georgia"), ("Armenia", "Country", "Armenia"))])
    got = {(e.type, e.label): e.articles for e in kb.entities if "Georgia" in e.label}
    assert got == {("Place", "Georgia"): ("a",), ("Country", "Georgia"): ("b",)}


def test_a_country_named_us_state_beside_a_town_of_the_country_is_the_country():
    # The US named more than any other country, but the story's town is the country's capital.
    kb = link_extractions([ex("a", ("US", "Country", "US"), ("Tbilisi", "Place", "Tbilisi"),
                              ("Georgia", "Country", "Georgia"), ("US", "Country", "US"))])
    got = {(e.type, e.label) for e in kb.entities if "Georgia" in e.label}
    assert got == {("Country", "Georgia")}


def test_a_clipped_first_word_is_the_one_longer_name_it_opens_in_its_story():
    kb = link_extractions([ex("a", ("Tarskian Reserve", "Organization", "Tarskian Reserve"),
                              ("Tarsk", "Organization", "Tarsk")),
                           ex("b", ("Tarskian Reserve", "Organization", "Tarskian Reserve"),
                              ("Tarskian Bank", "Organization", "Tarskian Bank"), ("Tarsk", "Organization", "Tarsk"))])
    got = {e.label: e.articles for e in kb.entities}
    # one longer name in story a: joined there; two in story b: apart
    assert got["Tarskian Reserve"] == ("a", "b") and got["Tarsk"] == ("b",)


def test_a_compound_clipped_to_its_last_part_is_the_one_longer_name_ending_so_in_its_story():
    # "Lindbach" beside "FC Velmerlindbach": the club; too short a last part ("Bach") says nothing.
    kb = link_extractions([ex("a", ("FC Velmerlindbach", "Organization", "FC Velmerlindbach"),
                              ("Lindbach", "Organization", "Lindbach"), ("Bach", "Organization", "Bach")),
                           ex("b", ("Lindbach", "Organization", "Lindbach"), ("Bach", "Organization", "Bach"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["FC Velmerlindbach"] == ("a",) and got["Lindbach"] == ("b",) and got["Bach"] == ("a", "b")


def test_a_team_named_for_its_country_is_not_clipped_from_its_demonym_body():
    # "Brazil" the team beside "the Brazilian Football Confederation": a demonym, not a longer first word
    kb = link_extractions([ex("a", ("Brazil", "Organization", "Brazil"),
                              ("Brazilian Football Confederation", "Organization", "Brazilian Football Confederation")),
                           ex("b", ("Brazil", "Organization", "Brazil"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Brazil"] == ("a", "b") and got["Brazilian Football Confederation"] == ("a",)


def _whole_names(aid, text, *names):
    """Build an extraction whose mentions are each (name, type) in the text where no capitalized word follows."""
    out = [Mention(n, kind, m.start(), m.end(), n) for n, kind in names
           for m in re.finditer(r"(?<!\w)%s(?!\w| [A-Z])" % re.escape(n), text)]
    return Extraction(Article(aid, text), tuple(sorted(out, key=lambda m: m.start)))


def test_a_company_called_by_its_first_word_is_the_company_its_story_names_in_full():
    # "Velmorak chief executive" after "Velmorak Motors": the company's short name; another story's "Velmorak"
    # with no longer name stays apart, and so does a group written before its company's full name
    org = "Organization"
    kb = link_extractions([
        _whole_names("a", "Velmorak to close a plant\nVelmorak Motors will close a plant. Velmorak chief executive Ilse Tarvo "
               "said so.", ("Velmorak Motors", org), ("Velmorak", org)),
        _whole_names("b", "Plant news\nThe group Velmorak will close a plant.", ("Velmorak", org)),
        _whole_names("c", "Tarskon merges units\nThe group Tarskon will merge its crown jewel, Tarskon Motors, with a bank.",
               ("Tarskon", org), ("Tarskon Motors", org))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Velmorak Motors"] == ("a",) and got["Velmorak"] == ("b",) and got["Tarskon"] == ("c",)


def test_a_company_a_story_writes_so_stays_apart_from_the_village_of_its_name():
    # "Shares in Velbrook rose" is the company; two stories' "village of Velbrook" outvote it as a place elsewhere
    kb = link_extractions([
        found("a", "Shares in Velbrook rose after a bid. Velbrook makes pumps.", ("Velbrook", "Organization")),
        found("b", "Floods cut off the village of Velbrook. Velbrook was without power.", ("Velbrook", "Place")),
        found("c", "A bridge near Velbrook was closed.", ("Velbrook", "Place"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got == {("Organization", "Velbrook"): ("a",), ("Place", "Velbrook"): ("b", "c")}


def test_a_body_called_by_its_first_word_and_its_lower_case_head_is_its_longer_name():
    # "the Velmish agency" beside "the Velmish Space Agency"; "the Korvish agency" of a story naming two stays apart
    org = "Organization"
    kb = link_extractions([
        _whole_names("a", "The Velmish Space Agency will fly in 2031. The Velmish agency pays.",
                     ("Velmish Space Agency", org), ("Velmish", org)),
        _whole_names("b", "The Korvish Space Agency and the Korvish Rail Agency met. The Korvish agency pays.",
                     ("Korvish Space Agency", org), ("Korvish Rail Agency", org), ("Korvish", org))])
    got = {e.label: e.articles for e in kb.entities}
    assert "Velmish" not in got and got["Korvish"] == ("b",)


def test_a_us_state_written_with_state_is_a_place_outside_match_reports():
    report = ("Ohio State beat Tarsk College 24-10 in the final. The quarterback scored twice and the coach "
              "praised the team after the match; fans cheered the win, the league's title and the championship.")
    kb = link_extractions([found("a", "New York State would pay a third of the cost, the governor said.",
                                 ("New York State", "Organization")),
                           found("b", report, ("Ohio State", "Organization"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert ("Place", "New York State") in got and ("Organization", "Ohio State") in got


def test_a_name_after_a_wire_agency_and_a_slash_closing_a_caption_is_no_person():
    text = "Arvo Tarsk won the vote.\nPHOTO: Arvo Tarsk waves to supporters. REUTERS/Ilse Renn\nMore to come."
    kb = link_extractions([found("a", text, ("Arvo Tarsk", "Person"), ("Ilse Renn", "Person"))])
    assert {e.label for e in kb.entities} == {"Arvo Tarsk"}


def test_a_role_opening_a_sentence_is_no_piece_of_the_name_after_it():
    # "Boxer" capitalized by its place; news' plural "boxers" is no word the entity model learned lower case
    kb = link_extractions([found("a", "Keskula wins\n\nBoxer Arvo Keskula kept his title. Keskula, 29, won.",
                                 ("Arvo Keskula", "Person"))])
    assert [e.label for e in kb.entities] == ["Arvo Keskula"]


def test_a_country_after_a_place_or_the_in_a_match_report_stays_the_country():
    report = ("The squad trained in Tarsk, Chile. Chile beat Norway 2-1; the striker scored and the goalkeeper "
              "saved a penalty before a holiday in the Norway hills.")
    kb = link_extractions([found("a", report, ("Chile", "Country"), ("Norway", "Country"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert got == {("Country", "Chile"), ("Organization", "Chile (national team)"), ("Country", "Norway"), ("Organization", "Norway (national team)")}


def test_two_word_names_of_one_gazetteer_city_are_not_joined_by_the_gazetteer_alone():
    kb = link_extractions([ex("a", ("Kiev", "Place", "Kiev")), ex("b", ("Kyiv Arena", "Place", "Kyiv Arena"))])
    assert len(kb.entities) == 2


def test_a_city_written_as_the_gazetteer_writes_it_joins_its_short_form():
    # "Latin America" has the same initials: the letters alone would not say which
    kb = link_extractions([ex("a", ("L.A.", "Place", "L.A.")), ex("b", ("Los Angeles", "Place", "Los Angeles")),
                           ex("c", ("Latin America", "Place", "Latin America"))])
    assert sorted((e.label, e.articles) for e in kb.entities) == [("Latin America", ("c",)),
                                                                  ("Los Angeles", ("a", "b"))]


def test_a_dotted_city_abbreviation_joins_no_region_with_its_initials():
    kb = link_extractions([ex("a", ("L.A.", "Place", "L.A.")), ex("c", ("Latin America", "Place", "Latin America"))])
    assert sorted((e.label, e.articles) for e in kb.entities) == [("L.A.", ("a",)), ("Latin America", ("c",))]


def test_an_acronym_inside_a_name_reads_as_its_expansion():
    kb = link_extractions([ex("a", ("United Nations", "Organization", "United Nations"),
                              ("United Nations Trade Council", "Organization", "United Nations Trade Council")),
                           ex("b", ("UN Trade Council", "Organization", "UN Trade Council"))])
    assert labels(kb)[("Organization", "United Nations Trade Council")].articles == ("a", "b")


def test_an_acronym_joins_a_name_written_two_ways_as_one_candidate():
    kb = link_extractions([ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council")),
                           ex("b", ("Northern Trade Councel", "Organization", "Northern Trade Councel")),
                           ex("c", ("NTC", "Organization", "NTC"))])
    (e,) = kb.entities
    assert e.articles == ("a", "b", "c")


def test_corrections_name_a_country_labelled_institution_by_its_iri_and_keep_it():
    from kgraph.linking.corrections import parse

    arts = [ex("a", ("Interior Ministry", "Organization", "Interior Ministry"), ("Veltria", "Country", "Veltria")),
            ex("b", ("Interior Ministry", "Organization", "Interior Ministry"), ("Ostmark", "Country", "Ostmark")),
            ex("c", ("Tarsk Police", "Organization", "Tarsk Police")),
            ex("d", ("Interior Ministry", "Organization", "Interior Ministry"), ("Veltria", "Country", "Veltria"))]
    keys = {e.label: e.key for e in link_extractions(arts).entities}
    fix = parse({"version": 1, "corrections": [
        {"action": "merge", "entities": [keys["Interior Ministry (Ostmark)"], "Tarsk Police"],
         "keep": keys["Interior Ministry (Ostmark)"]}]})
    kb = link_extractions(arts, fix)
    got = {e.key: e for e in kb.entities}
    assert got[keys["Interior Ministry (Ostmark)"]].articles == ("b", "c")
    assert keys["Interior Ministry (Veltria)"] in got


def test_a_party_and_its_members_plural_are_one_party_per_country():
    kb = link_extractions([ex("a", ("Democratic Party", "Organization", "Democratic Party"), ("Veltria", "Country", "Veltria")),
                           ex("b", ("Democrats", "Organization", "Democrats"), ("Veltria", "Country", "Veltria")),
                           ex("c", ("Democrats", "Organization", "Democrats"), ("Ostmark", "Country", "Ostmark")),
                           ex("d", ("Orvan Party", "Organization", "Orvan Party")),
                           ex("e", ("Orvans", "Organization", "Orvans"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert got["Democratic Party (Veltria)"] == ("a", "b") and got["Democrats (Ostmark)"] == ("c",)
    assert got["Orvan Party"] == ("d",) and got["Orvans"] == ("e",)  # not a political family's name
    # "Socialist Party" / "Socialists" as "Communist Party" / "Communists"
    kb = link_extractions([ex("a", ("Socialist Party", "Organization", "Socialist Party"), ("Veltria", "Country", "Veltria")),
                           ex("b", ("Socialists", "Organization", "Socialists"), ("Veltria", "Country", "Veltria"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert got == {"Socialist Party (Veltria)": ("a", "b")}


def test_a_bare_head_joins_the_x_of_y_name_of_its_article():
    kb = link_extractions([ex("a", ("Council of Ostmark", "Organization", "Council of Ostmark"),
                              ("Council", "Organization", "Council"))])
    assert [e.label for e in kb.entities] == ["Council of Ostmark"]


def test_a_one_word_organization_joins_the_one_two_word_name_ending_with_it_elsewhere():
    kb = link_extractions([ex("a", ("Daily Orvan", "Organization", "Daily Orvan")),
                           ex("b", ("Orvan", "Organization", "Orvan"), text="Readers of the Orvan wrote in."),
                           ex("c", ("Daily Tarsk Velt", "Organization", "Daily Tarsk Velt")),
                           ex("d", ("Velt", "Organization", "Velt"), text="Fans of the Velt sang.")])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Daily Orvan"] == ("a", "b")
    assert got["Velt"] == ("d",)  # a three-word title is not what its last word names alone


def test_a_country_just_before_a_generic_name_says_whose_it_is():
    text = ("Veltria Veltria Veltria Veltria. Members of the Ostmark Communist and Greens parties met. "
            "Back home, Veltria's Greens, Ostmark and others.")
    kb = link_extractions([found("a", text, ("Veltria", "Country"), ("Ostmark", "Country"), ("Greens", "Organization")),
                           ex("b", ("Greens", "Organization", "Greens"), ("Veltria", "Country", "Veltria"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    # The first "Greens" follows "Ostmark Communist and"; the second "Veltria's": a story names both parties.
    assert got == {"Greens (Ostmark)": ("a",), "Greens (Veltria)": ("a", "b")}


def test_a_country_written_once_with_a_generic_name_reads_its_other_mentions_in_that_story():
    text = ("Veltria Veltria Veltria. The Greens' candidate spoke in Tarsk. Ostmark's Greens party, which governs "
            "with the Liberals, agreed. The Greens want a deal.")
    kb = link_extractions([found("a", text, ("Veltria", "Country"), ("Ostmark", "Country"), ("Greens", "Organization")),
                           ex("b", ("Greens", "Organization", "Greens"), ("Ostmark", "Country", "Ostmark")),
                           ex("c", ("Greens", "Organization", "Greens"), ("Veltria", "Country", "Veltria")),
                           ex("d", ("Greens", "Organization", "Greens"), ("Veltria", "Country", "Veltria"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    # A story about Veltria that writes "Ostmark's Greens" once means Ostmark's Greens throughout.
    assert got == {"Greens (Ostmark)": ("a", "b"), "Greens (Veltria)": ("c", "d")}


def test_a_fixture_names_two_teams_even_after_in():
    report = ("Keepers are key in Chile-Norway semi-final. The striker scored twice and the goalkeeper saved a "
              "penalty. Fans in Chile celebrated.")
    kb = link_extractions([found("a", report, ("Chile", "Country"), ("Norway", "Country"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert got == {("Organization", "Chile (national team)"), ("Organization", "Norway (national team)"), ("Country", "Chile")}


def test_an_institution_of_a_body_is_not_that_body():
    kb = link_extractions([ex("a", ("Youth Assembly of the Council of Ostmark", "Organization",
                                    "Youth Assembly of the Council of Ostmark"),
                              ("Council of Ostmark", "Organization", "Council of Ostmark"))])
    assert len(kb.entities) == 2


def test_a_building_or_site_is_a_place_whatever_extraction_voted():
    kb = link_extractions([ex("a", ("Tarsk City Museum", "Organization", "Tarsk City Museum"),
                              ("Museum of Velt Art", "Organization", "Museum of Velt Art"),
                              ("Tarsk Museum Trust", "Organization", "Tarsk Museum Trust"),
                              ("Grand Museum of Velt", "Organization", "Grand Museum of Velt"))])
    got = {e.label: e.type for e in kb.entities}
    assert got == {"Tarsk City Museum": "Place", "Museum of Velt Art": "Place", "Tarsk Museum Trust": "Organization",
                   "Grand Museum of Velt": "Place"}


def test_a_site_named_alone_joins_its_full_name_but_a_city_is_not_its_museum():
    kb = link_extractions([ex("a", ("Orvani Gallery", "Organization", "Orvani Gallery")),
                           ex("b", ("Orvani", "Place", "Orvani")),
                           ex("c", ("Munich Museum", "Place", "Munich Museum"), ("Munich", "Place", "Munich"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Orvani Gallery"] == ("a", "b") and got["Munich"] == ("c",) and got["Munich Museum"] == ("c",)


def test_a_rarely_named_short_name_takes_the_type_of_the_longer_name_it_stands_for():
    kb = link_extractions([ex("a", ("Orvani Airport", "Place", "Orvani Airport"), ("Orvani Airport", "Place", "Orvani Airport")),
                           ex("b", ("Orvani", "Person", "Orvani")),
                           ex("c", ("Daily Velt", "Organization", "Daily Velt"), ("Daily Velt", "Organization", "Daily Velt")),
                           ex("d", ("Velt", "Person", "Velt"), ("Velt", "Person", "Velt"), ("Velt", "Person", "Velt"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Place", "Orvani Airport")] == ("a", "b")
    assert got[("Person", "Velt")] == ("d",)  # named three times: its own votes stand


def test_a_title_or_demonym_before_a_persons_name_is_no_part_of_it_whatever_the_tag():
    kb = link_extractions([ex("a", ("Arvo Keskula", "Person", "Arvo Keskula"), ("Arvo Keskula", "Person", "Arvo Keskula")),
                           ex("b", ("Norwegian Arvo Keskula", "Organization", "Norwegian Arvo Keskula")),
                           ex("c", ("Coach Arvo Keskula", "Organization", "Coach Arvo Keskula"))])
    assert [(e.type, e.label, e.articles) for e in kb.entities] == [("Person", "Arvo Keskula", ("a", "b", "c"))]


def test_an_honorific_or_a_title_before_a_surname_makes_a_person_of_a_name_tagged_otherwise():
    kb = link_extractions([ex("a", ("Mr Orvanen", "Organization", "Mr Orvanen")),
                           ex("b", ("Tavi Keskmaa", "Person", "Tavi Keskmaa"), ("General Keskmaa", "Organization", "General Keskmaa")),
                           ex("c", ("General Tarsk", "Organization", "General Tarsk"), ("General Tarsk", "Organization", "General Tarsk"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Person", "Orvanen")] == ("a",)
    assert got[("Person", "Tavi Keskmaa")] == ("b",) and ("Organization", "General Keskmaa") not in got
    # No person of that surname in its article: a company whose name opens with a title word stays one.
    assert got[("Organization", "General Tarsk")] == ("c",)


@pytest.mark.parametrize("text, tagged, whole", [
    ("The talks were led by Prime Minister Tavi Orvanen Keskmaa, who flew in.", "Orvanen Keskmaa", "Tavi Orvanen Keskmaa"),
    ("The ousted leader Tavi Orvanen Keskmaa did not answer.", "Tavi Orvanen", "Tavi Orvanen Keskmaa"),
    ("The interim head Abed Ruvo Tavi Keskmaa resigned.", "Tavi Keskmaa", "Abed Ruvo Tavi Keskmaa"),
    # Counter-examples: a title phrase, a party's member, a day, a place, a headline.
    ("The visit of Secretary of State Tavi Keskmaa ended.", "Tavi Keskmaa", "Tavi Keskmaa"),
    ("The visit of Republican Tavi Keskmaa ended.", "Tavi Keskmaa", "Tavi Keskmaa"),
    ("The statement by Pastor Tavi Keskmaa was read.", "Tavi Keskmaa", "Tavi Keskmaa"),
    ("It was read by Brigadier-General Tavi Keskmaa on air.", "Tavi Keskmaa", "Tavi Keskmaa"),
    ("The talks with Tavi Keskmaa Thursday were short.", "Tavi Keskmaa", "Tavi Keskmaa"),
    ("The talks with Tavi Keskmaa Berlin were short.", "Tavi Keskmaa", "Tavi Keskmaa"),
    ("Orvanen Keskmaa Visits Tarsk Again\nThe talks were short.", "Orvanen Keskmaa", "Orvanen Keskmaa"),
    # A sentence's first word whose plural news writes in lower case is an occupation, no given name.
    ("The ferry sank. Firefighter Tavi Keskmaa drowned.", "Tavi Keskmaa", "Tavi Keskmaa"),
])
def test_a_persons_name_takes_the_capitalized_words_spacy_left_beside_it(text, tagged, whole):
    from kgraph.linking.identity import _case_counts, _whole_person_name

    s = text.index(tagged)
    exs = [Extraction(Article("a", text), (Mention(tagged, "Person", s, s + len(tagged), tagged),))]
    assert _whole_person_name(text, s, s + len(tagged), [(s, s + len(tagged))], _case_counts(exs)) == whole


def test_the_completed_name_is_the_node_and_joins_the_full_name_elsewhere():
    text = "The talks were led by Prime Minister Tavi Orvanen Keskmaa, who flew in."
    s = text.index("Orvanen Keskmaa")
    a = Extraction(Article("a", text), (Mention("Orvanen Keskmaa", "Person", s, s + 15, "Orvanen Keskmaa"),))
    kb = link_extractions([a, ex("b", ("Tavi Orvanen Keskmaa", "Person", "Tavi Orvanen Keskmaa"))])
    assert [(e.label, e.articles) for e in kb.entities] == [("Tavi Orvanen Keskmaa", ("a", "b"))]


def test_a_word_the_corpus_writes_in_lower_case_completes_no_name():
    text = "Talks with Tavi Keskmaa Velkor began. The velkor of the town and another velkor agreed."
    s = text.index("Tavi Keskmaa")
    exs = [Extraction(Article("a", text), (Mention("Tavi Keskmaa", "Person", s, s + 12, "Tavi Keskmaa"),))]
    from kgraph.linking.identity import _case_counts, _whole_person_name

    assert _whole_person_name(text, s, s + 12, [(s, s + 12)], _case_counts(exs)) == "Tavi Keskmaa"
    kb = link_extractions(exs)
    assert {e.label for e in kb.entities} == {"Tavi Keskmaa"}


def test_two_places_run_together_are_no_name_but_a_name_with_a_place_in_it_stays():
    text = "Bergen Norway. Later in Bergen, Norway voted. The Nazi era and Nazi Germany. Nazi rule in Germany."
    kb = link_extractions([found("a", text, ("Bergen Norway", "Place"), ("Bergen", "Place"), ("Norway", "Country"),
                                 ("Nazi Germany", "Country"), ("Nazi", "Organization"), ("Germany", "Country"))])
    labels_ = {e.label for e in kb.entities}
    assert "Bergen Norway" not in labels_ and "Nazi Germany" in labels_


def test_a_country_is_its_national_team_in_a_story_with_fewer_sport_words_than_a_match_report():
    filler = " ".join(["The weather in the capital stayed mild and calm all week long."] * 16)
    text = ("Chile won the match against Norway. The team was praised by fans after the tournament. Dortmund "
            "hosted it. " + filler)
    from kgraph.linking.identity import _sport_article
    assert not _sport_article(text) and _sport_article(text, 0.02)
    kb = link_extractions([found("a", text, ("Chile", "Country"), ("Norway", "Country"), ("Dortmund", "Place"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert got == {("Organization", "Chile (national team)"), ("Organization", "Norway (national team)"), ("Place", "Dortmund")}


def test_an_acronyms_institution_joins_the_name_spelt_out_with_the_expansions_adjective():
    text = "The NTC said so. The NTC Commission met."
    kb = link_extractions([ex("a", ("Northern Trade Council", "Organization", "Northern Trade Council"),
                              ("NTC", "Organization", "NTC"), text="The NTC voted."),
                           ex("b", ("Northern Commission", "Organization", "Northern Commission")),
                           found("c", text, ("NTC", "Organization"), ("NTC Commission", "Organization"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Northern Commission"] == ("b", "c") and got["Northern Trade Council"] == ("a", "c")


def test_a_club_named_after_its_city_is_called_by_its_first_name():
    report = "The striker scored twice; the goalkeeper saved a penalty and the Bundesliga relegation fight goes on."
    kb = link_extractions([found("a", "Hollin Dortmund won. Hollin Dortmund lost. Then Hollin drew.",
                                 ("Hollin Dortmund", "Organization"), ("Hollin", "Organization")),
                           ex("b", ("Hollin", "Organization", "Hollin"), text=report)])
    assert [(e.label, e.articles) for e in kb.entities] == [("Hollin Dortmund", ("a", "b"))]


def test_a_city_read_as_its_club_in_a_match_report_joins_the_corpus_one_club_marked_with_it():
    report = "The striker scored twice; the goalkeeper saved a penalty and the Bundesliga relegation fight goes on."
    kb = link_extractions([found("a", "The tax office wrote to FC Dortmund. FC Dortmund paid.",
                                 ("FC Dortmund", "Organization")),
                           ex("b", ("Dortmund", "Organization", "Dortmund"), text=report)])
    assert [(e.label, e.articles) for e in kb.entities] == [("FC Dortmund", ("a", "b"))]
    # Outside a match report the city's name stays apart from the club.
    kb = link_extractions([found("a", "The tax office wrote to FC Dortmund. FC Dortmund paid.",
                                 ("FC Dortmund", "Organization")),
                           ex("b", ("Dortmund", "Organization", "Dortmund"), text="The council of the city met.")])
    assert sorted(e.label for e in kb.entities) == ["Dortmund", "FC Dortmund"]


def test_a_club_named_by_a_small_towns_name_and_a_bigger_city_is_called_by_its_first_name():
    # "Windsor" is a town too, smaller than Dortmund: before the city it is the club's own name.
    report = "The striker scored twice; the goalkeeper saved a penalty and the Bundesliga relegation fight goes on."
    kb = link_extractions([found("a", "Windsor Dortmund won. Windsor Dortmund lost. Then Windsor drew.",
                                 ("Windsor Dortmund", "Organization"), ("Windsor", "Organization")),
                           ex("b", ("Windsor", "Organization", "Windsor"), text=report)])
    assert [(e.label, e.articles) for e in kb.entities] == [("Windsor Dortmund", ("a", "b"))]
    # Named once, beside its first word alone in the same match report: still the club's full name.
    kb = link_extractions([found("a", "Windsor Dortmund won. Then Windsor drew. " + report,
                                 ("Windsor Dortmund", "Organization"), ("Windsor", "Organization")),
                           ex("b", ("Windsor", "Organization", "Windsor"), text=report)])
    assert [(e.label, e.articles) for e in kb.entities] == [("Windsor Dortmund", ("a", "b"))]


def test_a_place_with_a_state_code_is_the_place_named_alone():
    kb = link_extractions([ex("a", ("Tarsk DC", "Place", "Tarsk DC"), ("Tarsk DC", "Place", "Tarsk DC")),
                           ex("b", ("Tarsk", "Place", "Tarsk"))])
    assert [e.articles for e in kb.entities] == [("a", "b")]


def test_a_country_before_a_generic_name_reads_it_in_that_country_and_stays_an_alias():
    kb = link_extractions([ex("a", ("Norway Supreme Court", "Organization", "Norway Supreme Court"),
                              ("Norway", "Country", "Norway"))])
    (e,) = [e for e in kb.entities if e.type == "Organization"]
    assert e.label == "Supreme Court (Norway)" and "Norway Supreme Court" in e.aliases


def test_a_city_after_a_club_mark_is_the_club_in_any_story():
    text = "The star now plays for FC Dortmund. Dortmund is a large city. Fans of AC Dortmund cheered."
    kb = link_extractions([found("a", text, ("Dortmund", "Place"))])
    got = sorted((e.type, e.mentions) for e in kb.entities)
    assert got == [("Organization", 2), ("Place", 1)]


def test_a_country_written_with_a_hyphen_for_and_is_the_country():
    kb = link_extractions([ex("a", ("Bosnia-Herzegovina", "Place", "Bosnia-Herzegovina")),
                           ex("b", ("Bosnia-Herzegovina", "Person", "Bosnia-Herzegovina"))])
    assert [(e.type, e.label) for e in kb.entities] == [("Country", "Bosnia and Herzegovina")]


def test_a_natural_feature_is_a_place_unless_an_organization_word_names_a_body():
    kb = link_extractions([ex("a", ("Velt River", "Organization", "Velt River"), ("Lake Orvan", "Person", "Lake Orvan"),
                              ("Gulf Trade Council", "Organization", "Gulf Trade Council"))])
    got = {e.label: e.type for e in kb.entities}
    assert got == {"Velt River": "Place", "Lake Orvan": "Place", "Gulf Trade Council": "Organization"}
    # "Sea" or "Coast" opens a place's name only before "of": a charity named "Sea-Watch" stays a body.
    kb = link_extractions([ex("a", ("Sea-Velt", "Organization", "Sea-Velt"), ("Sea of Orvan", "Organization", "Sea of Orvan"))])
    assert {e.label: e.type for e in kb.entities} == {"Sea-Velt": "Organization", "Sea of Orvan": "Place"}


def test_a_name_referred_to_as_he_or_she_is_a_person_whatever_extraction_voted():
    text = "Arvo Keskula said he would stay. Later Arvo Keskula and his aides left. The Velt Group said it would go."
    kb = link_extractions([found("a", text, ("Arvo Keskula", "Organization"), ("Velt Group", "Organization"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Arvo Keskula"), ("Organization", "Velt Group")}
    # in apposition to a person ("Petra Saalfeld, a Velt Democrat, said she"), "she" is that person
    text = "The Velt Democrats backed the plan. Minister Petra Saalfeld, a Velt Democrat, said she would vote for it."
    kb = link_extractions([found("a", text, ("Velt Democrats", "Organization"), ("Petra Saalfeld", "Person")),
                           found("b", "Minister Petra Saalfeld, a Velt Democrat, said she was tired.",
                                 ("Velt Democrat", "Organization"), ("Petra Saalfeld", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Organization", "Velt Democrats"),
                                                        ("Person", "Petra Saalfeld")}


def test_a_name_tagged_a_person_that_follows_in_or_near_is_a_place():
    text = "Fighting broke out in Orvanka. Families fled near Orvanka. In Keskula's view it was over. Keskula left."
    kb = link_extractions([found("a", text, ("Orvanka", "Person"), ("Keskula", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Place", "Orvanka"), ("Person", "Keskula")}


def test_an_inner_the_does_not_make_another_name():
    kb = link_extractions([ex("a", ("Party of the Velt Regions", "Organization", "Party of the Velt Regions")),
                           ex("b", ("Party of Velt Regions", "Organization", "Party of Velt Regions"))])
    assert [e.articles for e in kb.entities] == [("a", "b")]



def test_a_country_written_under_another_full_name_is_its_team_in_a_match_report():
    report = ("The Czech Republic beat Norway 2-1 in the semi-final. The striker scored twice and the goalkeeper "
              "saved a penalty. Czech fans celebrated.")
    full, demonym = report.index("Czech Republic"), report.rindex("Czech")
    ext = Extraction(Article("a", report), (Mention("Czech Republic", "Country", full, full + 14, "Czechia"),
                                            Mention("Norway", "Country", 24, 30, "Norway"),
                                            Mention("Czech", "Country", demonym, demonym + 5, "Czechia")))
    got = {(e.type, e.label) for e in link_extractions([ext]).entities}
    # The full name is the team, as "Czechia" would be; the demonym stays the country.
    assert got == {("Organization", "Czechia (national team)"), ("Organization", "Norway (national team)"), ("Country", "Czechia")}



def test_a_short_organization_name_joins_the_candidate_whose_first_words_the_article_names():
    kb = link_extractions([ex("a", ("EU", "Organization", "EU"), ("Tarvo Commission", "Organization", "Tarvo Commission"),
                              ("EU Commission", "Organization", "EU Commission"), ("Commission", "Organization", "Commission")),
                           ex("b", ("Commission", "Organization", "Commission")),
                           ex("c", ("Tarvo", "Place", "Tarvo"), ("Commission", "Organization", "Commission"))])
    got = {e.label: e.articles for e in kb.entities}
    # a names "EU" on its own, not "Tarvo"; c names "Tarvo"; b names neither: two candidates, no join.
    assert got["EU Commission"] == ("a",) and got["Tarvo Commission"] == ("a", "c") and got["Commission"] == ("b",)


def test_a_name_ending_in_a_country_or_international_is_no_person_but_a_surname_like_a_country_alias_stays():
    kb = link_extractions([ex("a", ("Greenpeace Norway", "Person", "Greenpeace Norway"),
                              ("Tarvo International", "Person", "Tarvo International"),
                              ("Arvo Holland", "Person", "Arvo Holland"),
                              ("Michael Malta", "Person", "Michael Malta"))])
    got = {e.label: e.type for e in kb.entities}
    # "Michael Malta": a given name the entity model learned, then a surname spelt as a country's name.
    assert got == {"Greenpeace Norway": "Organization", "Tarvo International": "Organization", "Arvo Holland": "Person",
                   "Michael Malta": "Person"}


def test_names_without_latin_letters_keep_their_own_spelling_key():
    assert fold("Лев Толстой") != fold("Толстого") and fold("Łódź") == fold("Lodz") and fold("Ærø") == "aero"
    kb = link_extractions([ex("a", ("Лев Толстой", "Person", "Лев Толстой"), ("Анна Каренина", "Person", "Анна Каренина"))])
    assert len(kb.entities) == 2


def test_a_lone_surname_misspelt_in_its_article_joins_that_full_name_but_a_near_surname_of_another_stays():
    kb = link_extractions([ex("a", ("Arvo Keskula", "Person", "Arvo Keskula"), ("Keskulla", "Person", "Keskulla")),
                           ex("b", ("Anna Muller", "Person", "Anna Muller"), ("Moller", "Person", "Moller")),
                           ex("c", ("Keskulla", "Person", "Keskulla"))])
    got = {e.label: e.articles for e in kb.entities}
    # In c no full name is named: "Keskulla" stays apart there.
    assert got == {"Arvo Keskula": ("a",), "Keskulla": ("c",), "Anna Muller": ("b",), "Moller": ("b",)}



def test_a_lone_hyphenated_surname_misspelt_in_its_article_joins_that_full_name():
    kb = link_extractions([ex("a", ("Ilse Tarsk-Veludt", "Person", "Ilse Tarsk-Veludt"),
                              ("Tarsk-Velud", "Person", "Tarsk-Velud"))])
    assert [(e.label, e.articles) for e in kb.entities] == [("Ilse Tarsk-Veludt", ("a",))]


def test_names_without_latin_letters_are_no_misspelt_surnames():
    kb = link_extractions([ex("a", ("Лев Толстой", "Person", "Лев Толстой"), ("Толстого", "Person", "Толстого"))])
    assert len(kb.entities) == 2


def test_the_head_of_a_name_ending_in_a_country_is_that_organization():
    kb = link_extractions([ex("a", ("Greenpeace Norway", "Person", "Greenpeace Norway"),
                              ("Greenpeace Norway", "Person", "Greenpeace Norway"), ("Greenpeace", "Person", "Greenpeace")),
                           ex("b", ("Greenpeace", "Person", "Greenpeace"))])
    assert [(e.type, e.label, e.articles) for e in kb.entities] == [("Organization", "Greenpeace Norway", ("a", "b"))]


def test_a_word_before_a_country_that_was_never_a_person_is_no_short_name_of_that_name():
    kb = link_extractions([ex("a", ("Nazi Norway", "Organization", "Nazi Norway"), ("Nazi", "Organization", "Nazi"))])
    assert {e.label for e in kb.entities} == {"Nazi Norway", "Nazi"}


def test_an_organization_head_joins_the_person_voted_name_read_as_an_organization():
    kb = link_extractions([ex("a", ("Greenpeace Norway", "Person", "Greenpeace Norway"), ("Greenpeace", "Organization", "Greenpeace"))])
    assert [(e.type, e.label) for e in kb.entities] == [("Organization", "Greenpeace Norway")]


def test_a_city_read_as_a_club_is_not_joined_by_the_first_words_of_a_club_named_after_it():
    report = ("Dortmund beat the visitors 2-1. The striker scored twice and the goalkeeper saved a penalty. "
              "Borussia Dortmund and Hollin Dortmund both play in the league, and Borussia fans sang.")
    clubs = found("a", report, ("Borussia Dortmund", "Organization"), ("Hollin Dortmund", "Organization"))
    alone = (Mention("Dortmund", "Place", 0, 8, "Dortmund"), Mention("Borussia", "Organization", report.rindex("Borussia"),
                                                                     report.rindex("Borussia") + 8, "Borussia"))
    a = Extraction(clubs.article, tuple(sorted(clubs.mentions + alone, key=lambda m: m.start)))
    kb = link_extractions([a, ex("b", ("Dortmund", "Place", "Dortmund"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    # The city read as a club in the report: two clubs are named after it, so it joins neither.
    assert got[("Organization", "Dortmund")] == ("a",) and got[("Organization", "Borussia Dortmund")] == ("a",)


def test_a_word_shortened_by_umlaut_folding_counts_its_written_length_in_a_typo():
    kb = link_extractions([ex("a", ("al Vaeda", "Organization", "al Vaeda")), ex("b", ("Al Vaida", "Organization", "Al Vaida")),
                           ex("c", ("Tarsk Bank", "Organization", "Tarsk Bank")), ex("d", ("Tarsk Bahn", "Organization", "Tarsk Bahn"))])
    assert len(kb.entities) == 3 and {"Tarsk Bank", "Tarsk Bahn"} <= {e.label for e in kb.entities}


def test_a_piece_of_a_persons_name_tagged_otherwise_joins_that_person_in_its_article_only():
    kb = link_extractions([ex("a", ("Arvo Keskula", "Person", "Arvo Keskula"), ("Keskula", "Organization", "Keskula"),
                              ("Tarmo Ilves Rand", "Person", "Tarmo Ilves Rand"), ("Ilves Rand", "Person", "Ilves Rand")),
                           ex("b", ("Alar Pruul", "Organization", "Alar Pruul"), ("Pruul", "Person", "Pruul")),
                           ex("c", ("Keskula", "Organization", "Keskula"), ("Keskula", "Organization", "Keskula"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    # In c no person is named: "Keskula" stays the organization there.
    assert got == [("Organization", "Keskula", ("c",)), ("Person", "Alar Pruul", ("b",)),
                   ("Person", "Arvo Keskula", ("a",)), ("Person", "Tarmo Ilves Rand", ("a",))]


def test_a_body_named_after_a_person_is_no_full_name_of_the_lone_surname_beside_it():
    # "Team Pruul" (a party named after its founder) beside the lone "Pruul": two things, as in the story
    # naming "Arvo Pruul" in full; "Alar Velt" tagged an organization beside "Velt" is still the person.
    kb = link_extractions([ex("a", ("Arvo Pruul", "Person", "Arvo Pruul"), ("Team Pruul", "Organization", "Team Pruul"),
                              text="The team was founded in May."),
                           ex("b", ("Team Pruul", "Organization", "Team Pruul"), ("Pruul", "Person", "Pruul"),
                              text="Her team lost seats."),
                           ex("c", ("Alar Velt", "Organization", "Alar Velt"), ("Velt", "Person", "Velt")),
                           ex("d", ("Aki Tarvel", "Organization", "Aki Tarvel"), ("Tarvel", "Person", "Tarvel"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    # "Aki", a town's name too, is still a given name before the surname.
    assert got == [("Organization", "Team Pruul", ("a", "b")), ("Person", "Aki Tarvel", ("d",)),
                   ("Person", "Alar Velt", ("c",)), ("Person", "Arvo Pruul", ("a", "b"))]


def test_a_place_the_gazetteer_knows_is_no_piece_of_a_persons_name():
    kb = link_extractions([ex("a", ("Mara Boston", "Person", "Mara Boston"), ("Boston", "Place", "Boston"))])
    assert sorted((e.type, e.label) for e in kb.entities) == [("Person", "Mara Boston"), ("Place", "Boston")]


def test_a_name_with_a_plural_s_joins_the_same_name_without_it_in_its_article():
    kb = link_extractions([ex("a", ("Little Green Hood", "Organization", "Little Green Hood"),
                              ("Little Green Hood", "Organization", "Little Green Hood"),
                              ("Little Green Hoods", "Place", "Little Green Hoods")),
                           ex("b", ("Little Green Hoods", "Place", "Little Green Hoods"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    # In b the singular is not named, but the corpus names one: the plural is it there too.
    assert [(t, a) for t, _label, a in got] == [("Organization", ("a", "b"))]


def test_a_plural_joins_the_one_same_name_without_it_across_the_corpus():
    kb = link_extractions([ex("a", ("Veltrists", "Person", "Veltrists")),
                           ex("b", ("Veltrist", "Organization", "Veltrist"), text="The Veltrist rally."),
                           ex("c", ("Tarsk Workers", "Organization", "Tarsk Workers"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    # A plural is a group, never one person: the union takes the singular's type.
    assert sorted((t, a) for t, _label, a in got) == [("Organization", ("a", "b")), ("Organization", ("c",))]
    # A singular written lowercase more often than not is a word ("green"), and a person's name stays one.
    apart = link_extractions([ex("a", ("Greens", "Organization", "Greens")),
                              ex("b", ("Green", "Organization", "Green"), text="a green field, the green hills"),
                              ex("c", ("Tarvos", "Organization", "Tarvos")),
                              ex("d", ("Tarvo", "Person", "Tarvo")),
                              ex("e", ("TARSIS", "Organization", "TARSIS")),
                              ex("f", ("TARSI", "Organization", "TARSI"), text="The TARSI board met.")])
    assert len(apart.entities) == 6


def test_a_name_joins_the_one_organization_an_article_names_as_it_plus_a_legal_form():
    kb = link_extractions([ex("a", ("Tarvo Group", "Organization", "Tarvo Group"), ("Tarvo", "Organization", "Tarvo")),
                           ex("b", ("Tarvo", "Organization", "Tarvo"), ("Kelmi Foundation", "Organization", "Kelmi Foundation"),
                              ("Kelmi", "Organization", "Kelmi"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    # Article a ties "Tarvo" to "Tarvo Group" everywhere; "Foundation" is no legal form, so Kelmi stays two.
    assert got == [("Kelmi", ("b",)), ("Kelmi Foundation", ("b",)), ("Tarvo Group", ("a", "b"))]


def test_a_name_written_once_joins_the_name_of_another_type_it_misspells_in_its_article():
    kb = link_extractions([ex("a", ("Kaldoria", "Organization", "Kaldoria"), ("Kaldoria", "Organization", "Kaldoria"),
                              ("Kaldoia", "Place", "Kaldoia")),
                           ex("b", ("Orlavia", "Place", "Orlavia"), ("Orlavia", "Place", "Orlavia"),
                              ("Orlava", "Organization", "Orlava"), ("Orlava", "Organization", "Orlava"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    # "Orlava" is written twice: no slip, so the two stay apart.
    assert got == [("Organization", "Kaldoria", ("a",)), ("Organization", "Orlava", ("b",)),
                   ("Place", "Orlavia", ("b",))]


def test_a_nationality_read_as_a_person_takes_no_piece_of_its_name():
    kb = link_extractions([ex("a", ("North Korean", "Person", "North Korean"), ("Korean", "Organization", "Korean"))])
    assert len(kb.entities) == 2


def at(aid, text, *spans):
    """Build an extraction from (name, type, occurrence) triples: the n-th occurrence of the name in the text."""
    out = []
    for name, kind, n in spans:
        m = list(re.finditer(re.escape(name), text))[n]
        out.append(Mention(name, kind, m.start(), m.end(), name))
    return Extraction(Article(aid, text), tuple(sorted(out, key=lambda m: m.start)))


def test_a_short_name_cut_from_a_longer_name_joins_the_name_written_around_it():
    text = "The Baltan Commission met. Then the Orvik Commission said no, and the Orvik Commission left."
    kb = link_extractions([found("a", "The Orvik Commission voted.", ("Orvik Commission", "Organization")),
                           at("b", text, ("Baltan Commission", "Organization", 0), ("Commission", "Organization", 1),
                              ("Commission", "Organization", 2))])
    got = {e.label: e.mentions for e in kb.entities}
    assert got == {"Baltan Commission": 1, "Orvik Commission": 3}


def test_a_generic_word_joins_its_one_longer_name_when_its_article_names_that_names_first_words():
    body = "The Velt Union agreed on Monday. The Velt Commission said so."
    stories = [found(a, body, ("Velt Union", "Organization"), ("Velt Commission", "Organization")) for a in "abc"]
    # "Commission President Ilse Varga" in a story naming the "Velt Union": the corpus' "Velt Commission"
    story = "Officials of the Velt Union met. Commission President Ilse Varga said the talks went well."
    kb = link_extractions(stories + [found("d", story, ("Velt Union", "Organization"), ("Commission", "Organization"),
                                           ("Ilse Varga", "Person"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert got == {"Velt Union": ("a", "b", "c", "d"), "Velt Commission": ("a", "b", "c", "d")}
    # a story naming nothing of the kind keeps its own "Commission"
    kb = link_extractions(stories + [found("d", "The Commission President Ilse Varga spoke.",
                                           ("Commission", "Organization"), ("Ilse Varga", "Person"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert got["Velt Commission"] == ("a", "b", "c")
    # a national head is read in its story's country: "Parliament" in a story about Norway naming the "Velt
    # Union" is Norway's, not the corpus' one "Velt Parliament"
    body = "The Velt Union agreed on Monday. The Velt Parliament said so."
    stories = [found(a, body, ("Velt Union", "Organization"), ("Velt Parliament", "Organization")) for a in "abc"]
    story = "Norway's Parliament voted on Monday. Norway joined the Velt Union in 1995. Norway wants more."
    kb = link_extractions(stories + [found("d", story, ("Norway", "Country"), ("Velt Union", "Organization"),
                                           ("Parliament", "Organization"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert got["Velt Parliament"] == ("a", "b", "c")


def test_a_lone_surname_after_another_given_name_joins_no_full_name_elsewhere():
    other = "Her father (the late Karl Otto) Ranne led the province for years."
    kb = link_extractions([found("a", "Botvid Ranne wrote a play.", ("Botvid Ranne", "Person")),
                           found("b", other, ("Ranne", "Person")),
                           found("c", "Ranne said the play was long.", ("Ranne", "Person"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got == {"Botvid Ranne": ("a", "c"), "Ranne": ("b",)}


def test_a_short_name_after_another_qualifier_joins_no_longer_name_elsewhere():
    kb = link_extractions([found("a", "The Lorvik Harbour Council met.", ("Lorvik Harbour Council", "Organization")),
                           at("b", "The UNO Harbour Council voted, then the UNO Harbour Council left.",
                              ("Harbour Council", "Organization", 0), ("Harbour Council", "Organization", 1)),
                           at("c", "The Harbour Council voted.", ("Harbour Council", "Organization", 0))])
    got = {e.label: e.articles for e in kb.entities}
    assert got == {"Lorvik Harbour Council": ("a", "c"), "Harbour Council": ("b",)}


def test_a_short_name_after_the_acronym_of_its_qualifier_joins_the_longer_name():
    kb = link_extractions([found("a", "The United Orvik Harbour Council met.", ("United Orvik Harbour Council", "Organization")),
                           at("b", "The UO Harbour Council voted.", ("Harbour Council", "Organization", 0))])
    assert [e.label for e in kb.entities] == ["United Orvik Harbour Council"]


def test_a_big_city_joins_no_longer_place_name_that_is_not_the_city():
    kb = link_extractions([found("a", "Flights left London City at noon.", ("London City", "Place")),
                           found("b", "Talks in London ended.", ("London", "Place"))])
    assert {e.label for e in kb.entities} == {"London", "London City"}


def test_a_proper_short_name_is_not_a_country_branch_of_it():
    text = "The Norwegian Blue Anchor sent boats. Later the Blue Anchor said help was near."
    kb = link_extractions([at("a", text, ("Norwegian Blue Anchor", "Organization", 0),
                              ("Blue Anchor", "Organization", 1))])
    got = {e.label for e in kb.entities}
    assert got == {"Norwegian Blue Anchor", "Blue Anchor"}


def test_a_former_state_in_a_match_report_stays_the_state():
    report = ("Once the Soviet Union broke apart, Vella Orsk joined a new team. The striker scored twice, "
              "the goalkeeper saved a penalty and the Bundesliga relegation fight goes on.")
    kb = link_extractions([found("a", report, ("Soviet Union", "Country"))])
    assert [(e.type, e.label) for e in kb.entities] == [("Country", "Soviet Union")]


def test_a_name_joins_its_international_organization():
    kb = link_extractions([at("a", "Orvant International said the jail was full, and Orvant asked for access.",
                              ("Orvant International", "Organization", 0), ("Orvant", "Organization", 1))])
    assert [(e.label, e.mentions) for e in kb.entities] == [("Orvant International", 2)]


def test_a_two_word_person_name_joins_the_one_longer_name_it_ends_elsewhere():
    kb = link_extractions([found("a", "Omar Faris Bin Tarek ruled for years.", ("Omar Faris Bin Tarek", "Person")),
                           found("b", "Then Bin Tarek fled the country.", ("Bin Tarek", "Person"))])
    assert [(e.label, e.articles) for e in kb.entities] == [("Omar Faris Bin Tarek", ("a", "b"))]


def test_a_short_name_reads_as_the_longer_name_its_article_names_far_more_often():
    text = ("The Orvik Commission met. The Orvik Commission voted. The Orvik Commission left. "
            "The Baltan Commission objected. Later the Commission said no.")
    kb = link_extractions([at("a", text, ("Orvik Commission", "Organization", 0), ("Orvik Commission", "Organization", 1),
                              ("Orvik Commission", "Organization", 2), ("Baltan Commission", "Organization", 0),
                              ("Commission", "Organization", 4))])
    assert {e.label: e.mentions for e in kb.entities} == {"Orvik Commission": 4, "Baltan Commission": 1}


def test_a_us_state_written_with_state_after_it_is_not_its_same_named_city():
    kb = link_extractions([found("a", "He kept a server at home in Ohio state while in office.", ("Ohio", "Place")),
                           found("b", "Crowds in Ohio City cheered.", ("Ohio City", "Place")),
                           found("c", "Talks in Ohio went on.", ("Ohio", "Place"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Ohio State"] == ("a",) and "Ohio" in labels(kb)[("Place", "Ohio State")].aliases
    assert got["Ohio City"] == ("b", "c")


def test_a_city_written_with_province_after_it_is_the_province_not_the_city():
    kb = link_extractions([found("a", "Fighting went on in Herat province on Monday.", ("Herat", "Place")),
                           marked("b", "Farmers of the [Herat Province|Place] met."),
                           found("c", "The mayor of Herat spoke.", ("Herat", "Place")),
                           found("d", "Rain fell in Herat region.", ("Herat", "Place"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Herat Province"] == ("a", "b") and "Herat" in labels(kb)[("Place", "Herat Province")].aliases
    assert got["Herat"] == ("c", "d")  # "region" is not read so: a city's region is often the city


def marked(aid, text):
    """Build an extraction from a text whose mentions are written [name|Type]."""
    out, body, pos = [], [], 0
    for piece in re.split(r"(\[[^\]]+\])", text):
        if piece.startswith("["):
            name, kind = piece[1:-1].split("|")
            out.append(Mention(name, kind, pos, pos + len(name), name))
            piece = name
        body.append(piece)
        pos += len(piece)
    return Extraction(Article(aid, "".join(body)), tuple(out))


def test_a_name_tagged_an_organization_after_settlement_words_is_a_place():
    kb = link_extractions([
        marked("a", "The storm hit the village of [Velmora|Organization] at night. Rescuers were born in [Velmora|Organization]."),
        marked("b", "Farmers left provinces such as [Velmora|Organization] last year."),
    ])
    assert ("Place", "Velmora") in {(e.type, e.label) for e in kb.entities}


def test_a_company_based_somewhere_stays_an_organization():
    kb = link_extractions([marked("a", "Passengers flew with Tarsk-based [Velmora|Organization] to the coast.")])
    assert ("Organization", "Velmora") in {(e.type, e.label) for e in kb.entities}


def test_a_name_after_a_role_word_is_a_person():
    kb = link_extractions([
        marked("a", "The medal went to sprinter [Arvo Keskula|Place] on Friday."),
        marked("b", "Economist [Arvo Keskula|Organization] doubts it, says economist [Arvo Keskula|Organization]."),
    ])
    assert ("Person", "Arvo Keskula") in {(e.type, e.label) for e in kb.entities}


def test_a_name_with_a_role_in_apposition_after_it_is_a_person():
    kb = link_extractions([
        marked("a", "Police sought followers of [Arvo Keskula|Organization], a Tarsk-based preacher, on Friday."),
        marked("b", "[Velmora Kalvo|Organization], a Tarsk-based company, grew. Tennis legend [Orvik Talmane|Place] won."),
    ])
    got = {(e.type, e.label) for e in kb.entities}
    assert {("Person", "Arvo Keskula"), ("Organization", "Velmora Kalvo"), ("Person", "Orvik Talmane")} <= got


def test_a_name_after_an_adjective_keeps_its_type():
    kb = link_extractions([marked("a", "Investors backed the new [Velmora Kalvo|Organization] venture.")])
    assert ("Organization", "Velmora Kalvo") in {(e.type, e.label) for e in kb.entities}


def test_a_name_after_a_kind_of_organization_in_one_mention_of_two_is_an_organization():
    kb = link_extractions([marked("a", 'Shares rose, said the tabloid "[Velmora|Person]". Later [Velmora|Person] said so.')])
    assert ("Organization", "Velmora") in {(e.type, e.label) for e in kb.entities}


def test_a_person_set_off_by_a_comma_after_an_organization_word_stays_a_person():
    kb = link_extractions([marked("a", "The head of the court, [Arvo Keskula|Person], spoke. Film-maker [Arvo Keskula|Person] left.")])
    assert ("Person", "Arvo Keskula") in {(e.type, e.label) for e in kb.entities}


def _placed(aid, text, *spans):
    """Build an extraction from (surface, type) pairs found in text in order."""
    out, pos = [], 0
    for t, kind in spans:
        s = text.index(t, pos)
        out.append(Mention(t, kind, s, s + len(t), t))
        pos = s + len(t)
    return Extraction(Article(aid, text), tuple(out))


def test_headline_word_glued_to_a_person_joins_that_person():
    text = ("On Monday Orvik Talmane praised the treaty. Reciprocity Talmane had first balked at the plan. "
            "Talmane later agreed.")
    kb = link_extractions([_placed("a1", text, ("Orvik Talmane", "Person"), ("Reciprocity Talmane", "Person"),
                                   ("Talmane", "Person"))])
    persons = sorted(e.label for e in kb.entities if e.type == "Person")
    assert persons == ["Orvik Talmane"]


def test_two_relatives_keep_their_given_names():
    # Given names are capitalized inside sentences too; a headline word is not.
    text = "Marta Talmane met her brother. Orvik Talmane said little, and later Orvik thanked Marta for it."
    kb = link_extractions([_placed("a1", text, ("Marta Talmane", "Person"), ("Orvik Talmane", "Person"))])
    assert sorted(e.label for e in kb.entities if e.type == "Person") == ["Marta Talmane", "Orvik Talmane"]


def test_country_keeps_the_name_the_article_writes():
    kb = link_extractions([ex("a1", ("Cape Verde", "Country", "Cabo Verde"), text="Tarvo Orrin flew to Cape Verde.")])
    (country,) = [e for e in kb.entities if e.type == "Country"]
    assert country.label == "Cabo Verde" and "Cape Verde" in country.aliases


def test_country_takes_no_demonym_alias():
    kb = link_extractions([ex("a1", ("Norwegian", "Country", "Norway"), text="A Norwegian ship docked.")])
    (country,) = [e for e in kb.entities if e.type == "Country"]
    assert "Norwegian" not in country.aliases


def test_a_lone_surname_after_a_headline_ending_in_it_joins_the_full_name_but_not_after_another_given_name():
    def article(aid, body, name):
        at = body.rindex(name)
        return Extraction(Article(aid, body), (Mention(name, "Person", at, at + len(name), name),))

    headline = article("b", "No rest for Vetsk\nVetsk dismissed the cabinet on Monday.", "Vetsk")
    kb = link_extractions([ex("a", ("Lorna Vetsk", "Person", "Lorna Vetsk")), headline])
    assert labels(kb)[("Person", "Lorna Vetsk")].articles == ("a", "b")
    other = article("c", "The elder Ilmar Vetsk dismissed the cabinet on Monday.", "Vetsk")
    kb = link_extractions([ex("a", ("Lorna Vetsk", "Person", "Lorna Vetsk")), other])
    assert labels(kb)[("Person", "Lorna Vetsk")].articles == ("a",)


REPORT = "The striker scored twice; the goalkeeper saved a penalty and the Bundesliga relegation fight goes on."


def test_a_city_the_match_reports_make_a_club_is_the_place_where_it_is_tagged_one_outside_them():
    reports = [ex(a, ("Dortmund", "Organization", "Dortmund"), text=REPORT) for a in "abc"]
    kb = link_extractions(reports + [ex("d", ("Dortmund", "Place", "Dortmund"), text="The old city grew."),
                                     ex("e", ("Dortmund", "Organization", "Dortmund"), text="Its shares rose.")])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Place", "Dortmund")] == ("d",)  # tagged a place outside a match report: the city
    assert got[("Organization", "Dortmund")] == ("a", "b", "c", "e")  # tagged an organization there: the club


def test_a_city_tagged_an_organization_is_the_city_where_a_story_with_no_sport_writes_it_as_a_place():
    reports = [ex(a, ("Dortmund", "Organization", "Dortmund"), text=REPORT) for a in "abc"]
    kb = link_extractions(reports + [
        found("d", "Four cities bid for the song contest. The singer from Dortmund won; Dortmund hopes to host it.",
              ("Dortmund", "Organization")),
        found("e", "The Dortmund-born singer won the contest.", ("Dortmund", "Organization")),
        found("f", "Dortmund said its shares rose.", ("Dortmund", "Organization")),
        found("h", "The city council of Dortmund approved a tram line. Dortmund needs it.", ("Dortmund", "Organization"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    # written as a place ("from", "-born", "the city council of") in a story with no sport
    assert got[("Place", "Dortmund")] == ("d", "e", "h")
    assert got[("Organization", "Dortmund")] == ("a", "b", "c", "f")  # no such cue: the club of the match reports
    caps = link_extractions(reports[:1] + [found("g", "Workers from PSA marched.", ("PSA", "Organization"))])
    assert ("Organization", "PSA") in labels(caps)  # a name in capitals is no city the gazetteer lists


def test_outside_match_reports_a_short_name_joins_no_club_only_match_reports_name():
    club = [ex(a, ("Velmar Dortmund", "Organization", "Velmar Dortmund"), ("Velmar Dortmund", "Organization",
                                                                             "Velmar Dortmund"), text=REPORT)
            for a in "ab"]
    kb = link_extractions(club + [ex("c", ("Velmar", "Organization", "Velmar"), text="The chemicals maker hired."),
                                  ex("d", ("Velmar", "Organization", "Velmar"), text=REPORT)])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Velmar Dortmund"] == ("a", "b", "d") and got["Velmar"] == ("c",)


def test_a_place_named_club_in_a_match_report_joins_the_club_most_match_reports_name():
    club = [ex(a, ("Velmar Dortmund", "Organization", "Velmar Dortmund"), ("Velmar Dortmund", "Organization",
                                                                             "Velmar Dortmund"), text=REPORT)
            for a in "abc"]
    kb = link_extractions(club + [ex("d", ("Radio Dortmund", "Organization", "Radio Dortmund"),
                                     ("Radio Dortmund", "Organization", "Radio Dortmund"), text=REPORT),
                                  ex("e", ("Dortmund", "Organization", "Dortmund"), ("Dortmund", "Organization",
                                                                                   "Dortmund"), text=REPORT)])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Velmar Dortmund"] == ("a", "b", "c", "e") and got["Radio Dortmund"] == ("d",)
    even = link_extractions(club[:1] + [ex("d", ("Radio Dortmund", "Organization", "Radio Dortmund"),
                                           ("Radio Dortmund", "Organization", "Radio Dortmund"), text=REPORT),
                                        ex("e", ("Dortmund", "Organization", "Dortmund"), text=REPORT)])
    assert {e.label: e.articles for e in even.entities}["Velmar Dortmund"] == ("a",)  # one report each: apart


def test_a_memorial_is_not_what_it_remembers_and_a_city_is_not_its_airport():
    kb = link_extractions([ex("a", ("Tarsk Wall Memorial", "Place", "Tarsk Wall Memorial")),
                           ex("b", ("Tarsk Wall", "Place", "Tarsk Wall")),
                           ex("c", ("Dortmund Airport", "Place", "Dortmund Airport"), ("Dortmund", "Place", "Dortmund")),
                           ex("d", ("Orvani Airport", "Place", "Orvani Airport"), ("Orvani", "Place", "Orvani"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Tarsk Wall Memorial"] == ("a",) and got["Tarsk Wall"] == ("b",)
    assert got["Dortmund"] == ("c",) and got["Dortmund Airport"] == ("c",)
    assert got["Orvani Airport"] == ("d",) and "Orvani" not in got  # no city of that name: the airport


def test_a_big_citys_old_name_joins_its_new_one_but_a_small_citys_odd_alias_does_not():
    kb = link_extractions([ex("a", ("Bombay", "Place", "Bombay")), ex("b", ("Mumbai", "Place", "Mumbai")),
                           ex("c", ("Venice", "Place", "Venice")), ex("d", ("Dayton", "Place", "Dayton"))])
    got = {e.label: e.articles for e in kb.entities}
    assert ("a", "b") in got.values()  # one node, under either name
    assert got["Venice"] == ("c",) and got["Dayton"] == ("d",)


def test_an_umlaut_spelt_out_at_a_words_start_folds_like_one_inside_it():
    assert fold("Arvo Oeselmann") == fold("Arvo Öselmann") == "arvo oselmann"
    assert fold("Ueli Vaher") == "ueli vaher"  # too short a word to read "Ue" as "Ü"


def test_a_lone_surname_joins_a_full_name_elsewhere_only_in_the_same_kind_of_story():
    kb = link_extractions([ex("a", ("Arvo Keskula", "Person", "Arvo Keskula"), text=REPORT),
                           ex("b", ("Keskula", "Person", "Keskula"), text="The party met in the capital."),
                           ex("c", ("Keskula", "Person", "Keskula"), text=REPORT)])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Arvo Keskula"] == ("a", "c") and got["Keskula"] == ("b",)



def test_a_sports_story_with_fewer_sport_words_than_a_match_report_is_a_sports_story_for_lone_surnames():
    filler = " ".join(["The weather in the capital stayed mild and calm all week long."] * 16)
    story = ("Arvo Keskula impressed in the team's victory in the tournament, but the goals did not come and "
             "the coach wants more from him at club level. " + filler)
    from kgraph.linking.identity import _sport_article
    assert not _sport_article(story) and _sport_article(story, 0.02)
    kb = link_extractions([ex("a", ("Arvo Keskula", "Person", "Arvo Keskula"), text=story),
                           ex("b", ("Keskula", "Person", "Keskula"), text="The party met in the capital."),
                           ex("c", ("Keskula", "Person", "Keskula"), text=REPORT)])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Arvo Keskula"] == ("a", "c") and got["Keskula"] == ("b",)

def test_a_place_written_once_with_a_qualifier_in_brackets_is_that_place_throughout_its_article():
    body = "She teaches in Tarsk (Velt) near the border. Tarsk has a bridge."
    first, second = body.index("Tarsk"), body.rindex("Tarsk")
    qualified = Extraction(Article("b", body), (Mention("Tarsk", "Place", first, first + 5, "Tarsk"),
                                                Mention("Tarsk", "Place", second, second + 5, "Tarsk")))
    kb = link_extractions([ex("a", ("Tarsk", "Place", "Tarsk")), qualified])
    got = {e.label: e.articles for e in kb.entities}
    assert got == {"Tarsk": ("a",), "Tarsk (Velt)": ("b",)}
    assert labels(kb)[("Place", "Tarsk (Velt)")].mentions == 2
    acronym = "Researchers in Tarsk (VIF) found it."
    at = acronym.index("Tarsk")
    kb = link_extractions([ex("a", ("Tarsk", "Place", "Tarsk")),
                           Extraction(Article("c", acronym), (Mention("Tarsk", "Place", at, at + 5, "Tarsk"),))])
    assert {e.label: e.articles for e in kb.entities} == {"Tarsk": ("a", "c")}
    # a dateline's agency in brackets is no qualifier: "TARSK (Velt News) - ..." is Tarsk
    dateline = "TARSK (Veltnews) - Rain fell in Tarsk on Monday."
    agency, second = dateline.index("Veltnews"), dateline.rindex("Tarsk")
    kb = link_extractions([ex("a", ("Tarsk", "Place", "Tarsk")),
                           Extraction(Article("d", dateline), (Mention("TARSK", "Place", 0, 5, "TARSK"),
                                                               Mention("Veltnews", "Organization", agency, agency + 8,
                                                                       "Veltnews"),
                                                               Mention("Tarsk", "Place", second, second + 5, "Tarsk")))])
    assert {e.label: e.articles for e in kb.entities if e.type == "Place"} == {"Tarsk": ("a", "d")}


def test_an_acronym_of_a_national_name_joins_it_only_where_its_article_writes_that_country():
    full = ("Norwegian Tide Council", "Organization", "Norwegian Tide Council")
    kb = link_extractions([ex("a", full, text="The NTC met on Monday."),
                           ex("b", full),
                           ex("c", ("NTC", "Organization", "NTC"), text="Velt's broadcasters, NTC among them, said so."),
                           ex("d", ("NTC", "Organization", "NTC"), text="A storm reached Norway on Sunday.")])
    by_label = {e.label: e for e in kb.entities}
    assert by_label["Norwegian Tide Council"].articles == ("a", "b", "d")
    assert by_label["NTC"].articles == ("c",)


def test_an_acronym_an_article_resolved_to_a_national_name_still_joins_it_only_where_that_country_is_written():
    # Extraction read "NTC" as the council in article a; in a story about Velt's broadcasters it stays apart.
    resolved = ex("a", ("Norwegian Tide Council", "Organization", "Norwegian Tide Council"),
                  ("NTC", "Organization", "Norwegian Tide Council"))
    kb = link_extractions([resolved, ex("b", ("NTC", "Organization", "NTC"), text="Velt's broadcasters, NTC among them."),
                           ex("c", ("NTC", "Organization", "NTC"), text="A storm reached Norway on Sunday.")])
    by_label = {e.label: e.articles for e in kb.entities}
    assert by_label["Norwegian Tide Council"] == ("a", "c") and by_label["NTC"] == ("b",)


def test_a_one_word_person_name_is_one_person_per_kind_of_story():
    kb = link_extractions([ex("a", ("Vendrinho", "Person", "Vendrinho"), text=REPORT),
                           ex("b", ("Vendrinho", "Person", "Vendrinho"), text="His frescoes hang in the old chapel."),
                           ex("c", ("Vendrinho", "Person", "Vendrinho"), text=REPORT)])
    got = {e.label: e.articles for e in kb.entities}
    assert got == {"Vendrinho": ("b",), "Vendrinho (sport)": ("a", "c")}
    # Named in match reports only, the name stays one person with its plain label.
    only = link_extractions([ex("a", ("Vendrinho", "Person", "Vendrinho"), text=REPORT),
                             ex("c", ("Vendrinho", "Person", "Vendrinho"), text=REPORT)])
    assert [(e.label, e.articles) for e in only.entities] == [("Vendrinho", ("a", "c"))]


def test_a_us_state_written_once_with_state_after_it_is_the_state_throughout_its_article():
    kb = link_extractions([found("a", "Ohio votes. The senator won Ohio state on Tuesday; in Ohio turnout was low.",
                                 ("Ohio", "Place")),
                           found("b", "Crowds in Ohio City cheered.", ("Ohio City", "Place")),
                           found("c", "Talks in Ohio went on.", ("Ohio", "Place")),
                           marked("d", "A man from [Ohio|Place] state spoke in [Ohio City|Place]; [Ohio|Place] voted.")])
    got = {e.label: e.mentions for e in kb.entities}
    assert got["Ohio State"] == 4  # all three of article a, and only the one written so in article d
    assert labels(kb)[("Place", "Ohio City")].articles == ("b", "c", "d")


def test_organization_names_differing_only_in_their_link_word_join():
    kb = link_extractions([ex("a", ("Ostmark Council on Tide Studies", "Organization", "Ostmark Council on Tide Studies")),
                           ex("b", ("Ostmark Council for Tide Studies", "Organization", "Ostmark Council for Tide Studies")),
                           ex("c", ("Ostmark Council of Tide Studies", "Organization", "Ostmark Council of Tide Studies")),
                           ex("d", ("Ostmark Council on Wind Studies", "Organization", "Ostmark Council on Wind Studies"))])
    assert sorted(e.articles for e in kb.entities) == [("a", "b", "c"), ("d",)]


def test_a_compass_part_of_a_continent_joins_with_or_without_ern():
    kb = link_extractions([ex("a", ("Western Africa", "Place", "Western Africa")),
                           ex("b", ("West Africa", "Place", "West Africa")),
                           ex("c", ("East Africa", "Place", "East Africa"))])
    assert sorted(e.articles for e in kb.entities) == [("a", "b"), ("c",)]


def test_a_lone_surname_joins_the_full_name_the_corpus_names_far_more_often_than_others_ending_in_it():
    arvo = [ex(f"a{i}", ("Arvo Keskuleinen", "Person", "Arvo Keskuleinen"), text="The minister spoke.") for i in range(5)]
    lone = ex("z", ("Keskuleinen", "Person", "Keskuleinen"), text="The minister left.")
    mia = [ex(f"m{i}", ("Mia Keskuleinen", "Person", "Mia Keskuleinen"), text="The singer spoke.") for i in range(2)]
    kb = link_extractions(arvo + mia[:1] + [lone])
    assert "z" in labels(kb)[("Person", "Arvo Keskuleinen")].articles
    # Named in 5 articles against 2: not far more often, the lone surname stays apart.
    kb = link_extractions(arvo + mia + [lone])
    assert labels(kb)[("Person", "Keskuleinen")].articles == ("z",)


@pytest.mark.parametrize("sentence", [
    "The fans cheered in Ostmark and Norway all summer.",       # a place joined to one after a locative word
    "They drew Hollin Tarsk of Norway in the group stage.",     # a name, then the country it is of
    "They beat Norway's Hollin Tarsk in the group stage.",      # a country's possessive before its club
    "They lost to Norway's Hapoel Oslo on Sunday.",            # ... named after a city, however tagged (a person)
    "They won the final at Norway's Velt Arena.",               # a possessive before a place tagged so
    "The coach spent his youth in the north of Norway.",        # a part of the country
    "The goalkeeper grew up in central Norway.",
    "Snow fell across western Norway.",
    "Fans from the capital of Norway cheered.",                # a settlement word, then "of"
    "The final was won at Norway, where the fans had come early.",  # a place, then what happened there
    "The 19-year-old from Norway scored twice.",               # where a person comes from
    "Norway's crown prince congratulated the team.",           # a state's office after the possessive
    "Norway's foreign minister watched from the stands.",
    "Life in Norway's countryside is hard for the fans.",     # what a country has that no team does
    "The final is Norway's biggest festival of the year.",
    "Norway\u2019s economy grew while the league paused.",
])
def test_a_country_in_a_match_report_stays_the_country_in_these_readings(sentence):
    report = ("Chile beat Peru 2-1. The striker scored twice, the goalkeeper saved a penalty and the "
              "league title is near. " + sentence)
    kinds = [("Chile", "Country"), ("Peru", "Country"), ("Norway", "Country")]
    if "Hollin" in sentence:
        kinds.append(("Hollin Tarsk", "Organization"))
    if "Velt Arena" in sentence:
        kinds.append(("Velt Arena", "Place"))
    if "Hapoel" in sentence:
        kinds.append(("Hapoel Oslo", "Person"))
    kb = link_extractions([found("a", report, *kinds)])
    got = {(e.type, e.label) for e in kb.entities}
    assert ("Country", "Norway") in got and ("Organization", "Norway (national team)") not in got
    assert ("Organization", "Chile (national team)") in got


@pytest.mark.parametrize("sentence", [
    "Norway's striker Arvo Keskula scored.",   # the possessive before a player: the team
    "An own goal by Norway's Arvo Keskula decided it.",
    "Norway and Peru then drew 1-1.",          # no locative word before the pair
    "The rest of Norway's squad cheered the 2-1 win.",  # a possessive: the team's
    "Against Peru, Norway were a goal down.",          # a country after a country and a comma: no "city, country"
])
def test_a_country_in_a_match_report_stays_its_team_in_these_readings(sentence):
    report = ("Chile beat Peru 2-1. The striker scored twice, the goalkeeper saved a penalty and the "
              "league title is near. " + sentence)
    kb = link_extractions([found("a", report, ("Chile", "Country"), ("Peru", "Country"), ("Norway", "Country"),
                                 ("Arvo Keskula", "Person"))])
    assert ("Organization", "Norway (national team)") in {(e.type, e.label) for e in kb.entities}


def test_a_country_acronym_before_a_generic_institution_says_whose_it_is():
    assert clean_name("US Congress", "Organization") == "Congress"
    assert clean_name("US Steel", "Organization") == "US Steel"
    kb = link_extractions([ex("a", ("US Congress", "Organization", "US Congress"), ("US", "Country", "US")),
                           ex("b", ("Congress", "Organization", "Congress"), ("US", "Country", "US"))])
    congress = [e for e in kb.entities if e.type == "Organization"]
    assert len(congress) == 1 and congress[0].articles == ("a", "b")


def test_a_demonym_before_a_state_body_says_whose_it_is_in_any_story():
    assert clean_name("Chilean Defense Ministry", "Organization") == "Defense Ministry"
    assert clean_name("Chilean Communist Party", "Organization") == "Chilean Communist Party"  # a party's own name
    text = "The Chilean Defense Ministry and the Peruvian Defense Ministry said the Defense Ministry in Lima agreed."
    kb = link_extractions([_placed("a", text, ("Chilean Defense Ministry", "Organization"),
                                   ("Peruvian Defense Ministry", "Organization")),
                           ex("b", ("Defense Ministry", "Organization", "Defense Ministry"), ("Chile", "Country", "Chile"))])
    got = labels(kb)
    assert got[("Organization", "Defense Ministry (Chile)")].articles == ("a", "b")
    assert got[("Organization", "Defense Ministry (Peru)")].articles == ("a",)


def test_a_demonym_left_out_of_a_state_body_by_extraction_still_says_whose_it_is():
    # Extraction may tag only "Defense Ministry" in "the Chilean Defense Ministry": the word before says whose.
    text = "A convoy was hit near Tarsk, the Chilean Defense Ministry said. The Peruvian Defense Ministry agreed."
    other = "Chile and Chile again, said envoys from Peru. Defense Ministry officials met."
    kb = link_extractions([_placed("a", text, ("Tarsk", "Place"), ("Defense Ministry", "Organization"),
                                   ("Defense Ministry", "Organization")),
                           ex("b", ("Defense Ministry", "Organization", "Defense Ministry"), ("Chile", "Country", "Chile")),
                           _placed("c", other, ("Chile", "Country"), ("Chile", "Country"), ("Peru", "Country"),
                                   ("Defense Ministry", "Organization"))])
    got = labels(kb)
    # After a sentence's end ("from Peru.") the word before says nothing: the ministry is its story's own.
    assert got[("Organization", "Defense Ministry (Chile)")].articles == ("a", "b", "c")
    assert got[("Organization", "Defense Ministry (Peru)")].articles == ("a",)


def test_a_state_body_written_with_its_country_is_kept_though_its_head_is_a_common_word():
    text = "The parliament met. The Chilean Parliament voted and the parliament of the region agreed."
    kb = link_extractions([_placed("a", text, ("Chilean Parliament", "Organization"))])
    assert ("Organization", "Parliament (Chile)") in labels(kb)


def test_a_commissioner_title_is_no_given_name_of_the_surname_after_it():
    text = "Commissioner Lorna Vetsk spoke. Later Commissioner Vetsk left, and Vetsk smiled."
    kb = link_extractions([_placed("a", text, ("Lorna Vetsk", "Person"), ("Commissioner Vetsk", "Person"),
                                   ("Vetsk", "Person"))])
    assert [e.label for e in kb.entities if e.type == "Person"] == ["Lorna Vetsk"]


def test_a_lone_name_joins_the_corpus_full_name_its_article_writes_untagged():
    text = "Protesters marched against Tarvo. They said Tarvo Keskula's government had failed. Tarvo denied it."
    lone = Extraction(Article("b", text), tuple(Mention("Tarvo", "Person", m.start(), m.end(), "Tarvo")
                                              for m in re.finditer(r"\bTarvo\b(?! Keskula)", text)))
    kb = link_extractions([ex("a", ("Tarvo Keskula", "Person", "Tarvo Keskula")), lone])
    assert [(e.label, e.articles) for e in kb.entities if e.type == "Person"] == [("Tarvo Keskula", ("a", "b"))]
    # not written in full there: a lone first name joins no full name from another article
    kb = link_extractions([ex("a", ("Tarvo Keskula", "Person", "Tarvo Keskula")),
                           ex("b", ("Tarvo", "Person", "Tarvo"), text="Tarvo denied it.")])
    assert len([e for e in kb.entities if e.type == "Person"]) == 2


def test_a_name_of_one_word_repeated_on_one_line_is_a_full_name_of_its_own():
    assert clean_name("Tarik Tarik", "Person", doubled=True) == "Tarik Tarik"
    text = "Candidate Tarik Tarik won. Tarik thanked voters."
    kb = link_extractions([_placed("a", text, ("Tarik Tarik", "Person"), ("Tarik", "Person"))])
    assert [e.label for e in kb.entities if e.type == "Person"] == ["Tarik Tarik"]


def test_a_company_named_like_a_persons_surname_stays_a_company_where_that_person_is_not_named():
    kb = link_extractions([
        _placed("a", "Arvo Tarvel spoke. Tarvel said no. Tarvel left.", ("Arvo Tarvel", "Person"),
                ("Tarvel", "Person"), ("Tarvel", "Person")),
        _placed("b", "A former Tarvel executive was charged.", ("Tarvel", "Organization"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got == {("Person", "Arvo Tarvel"): ("a",), ("Organization", "Tarvel"): ("b",)}


def test_a_bare_acronym_joins_the_name_another_article_spelt_it_out_beside():
    spelt = Extraction(Article("a", "Tarsk Rundfunk (TRF) aired it."),
                       (Mention("Tarsk Rundfunk", "Organization", 0, 14, "Tarsk Rundfunk"),
                        Mention("TRF", "Organization", 16, 19, "Tarsk Rundfunk")))
    kb = link_extractions([spelt, ex("b", ("TRF", "Organization", "TRF"), text="TRF reported it.")])
    orgs = [e for e in kb.entities if e.type == "Organization"]
    assert [(e.label, e.articles) for e in orgs] == [("Tarsk Rundfunk", ("a", "b"))]
    # never across types: a person written "TRF" is not the broadcaster
    kb = link_extractions([spelt, ex("b", ("TRF", "Person", "TRF"), text="TRF reported it.")])
    assert len(kb.entities) == 2


def test_mixed_case_acronym_joins_the_name_an_article_defined_it_for():
    # "Alliance for Tarsk (AfT)": the acronym's lower-case letter keeps it from spelling the initials.
    defined = ex("a", ("Alliance for Tarsk", "Organization", "Alliance for Tarsk"),
                 ("AfT", "Organization", "Alliance for Tarsk"))
    kb = link_extractions([defined, ex("b", ("AfT", "Organization", "AfT"))])
    (e,) = kb.entities
    assert e.label == "Alliance for Tarsk" and e.articles == ("a", "b")
    # the same letters in capitals are another acronym (a news agency's): its stories stay its own
    kb = link_extractions([defined, ex("b", ("AfT", "Organization", "AfT")), ex("c", ("AfT", "Organization", "AfT")),
                           ex("d", ("AFT", "Organization", "AFT"), text="Reporting by AFT.")])
    got = sorted((e.label, e.articles) for e in kb.entities)
    assert got == [("AFT", ("d",)), ("Alliance for Tarsk", ("a", "b", "c"))]


def test_a_hyphenated_acronym_joins_the_name_an_article_defined_it_for():
    # "Vell People's League-Nord (VPL-N)", then "VPL-N" alone in that story and another.
    defined = ex("a", ("Vell People's League-Nord", "Organization", "Vell People's League-Nord"),
                 ("VPL-N", "Organization", "Vell People's League-Nord"), ("VPL-N", "Organization", "VPL-N"))
    kb = link_extractions([defined, ex("b", ("VPL-N", "Organization", "VPL-N"))])
    assert [(e.label, e.articles) for e in kb.entities] == [("Vell People's League-Nord", ("a", "b"))]


def test_acronym_defined_for_two_names_as_often_joins_neither():
    kb = link_extractions([ex("a", ("Alliance for Tarsk", "Organization", "Alliance for Tarsk"),
                              ("AfT", "Organization", "Alliance for Tarsk")),
                           ex("b", ("Assembly for Tollan", "Organization", "Assembly for Tollan"),
                              ("AfT", "Organization", "Assembly for Tollan")),
                           ex("c", ("AfT", "Organization", "AfT"))])
    assert ("Organization", "AfT") in labels(kb)


def test_a_hyphen_inside_a_word_written_or_not_is_one_name():
    kb = link_extractions([ex("a", ("Tar-Velt", "Organization", "Tar-Velt")),
                           ex("b", ("TarVelt", "Organization", "TarVelt")),
                           ex("c", ("Council for Economic Co-operation", "Organization", "Council for Economic Co-operation")),
                           ex("d", ("Council for Economic Cooperation", "Organization", "Council for Economic Cooperation")),
                           ex("e", ("Vel-Tarsk", "Person", "Vel-Tarsk")),
                           ex("f", ("VelTarsk", "Organization", "VelTarsk"))])
    got = sorted(e.articles for e in kb.entities)
    assert ("a", "b") in got and ("c", "d") in got
    assert ("e",) in got and ("f",) in got  # types differ: never joined by spelling


def test_a_name_glued_once_to_words_before_it_is_a_variant_of_the_name_the_corpus_repeats():
    # "League Champions Hollin Tarsk" in one headline; "Hollin Tarsk" named in three articles.
    glued = ex("a", ("League Champions Hollin Tarsk", "Organization", "League Champions Hollin Tarsk"),
               ("Hollin Tarsk", "Organization", "Hollin Tarsk"), text=REPORT)
    others = [ex(x, ("Hollin Tarsk", "Organization", "Hollin Tarsk"), text="The club's board met on Monday.")
              for x in "bcd"]
    kb = link_extractions([glued] + others)
    orgs = [e for e in kb.entities if e.type == "Organization"]
    assert [(e.label, e.articles) for e in orgs] == [("Hollin Tarsk", ("a", "b", "c", "d"))]
    # A name "of" it is another thing.
    court = "Court of Justice of the Hollin Tarsk"
    kb = link_extractions(others + [ex("e", (court, "Organization", court))])
    assert len([e for e in kb.entities if e.type == "Organization"]) == 2
    # Named in two articles only, the short name is not yet what the corpus repeats: nothing changes.
    kb = link_extractions([glued] + others[:1])
    assert len([e for e in kb.entities if e.type == "Organization"]) == 2


def test_a_place_joins_its_name_with_heights_after_it():
    kb = link_extractions([ex("a", ("Velt Heights", "Place", "Velt Heights")), ex("b", ("Velt", "Place", "Velt"))])
    assert [(e.label, e.articles) for e in kb.entities] == [("Velt Heights", ("a", "b"))]


def test_a_team_in_a_womens_sports_story_is_the_womens_team_where_other_sports_stories_name_the_team():
    women = ("The women's final: Norway beat Chile 2-1. The women's striker scored twice, the goalkeeper saved "
             "a penalty and the women's league title is near.")
    men = "Norway beat Peru 2-1. The striker scored twice, the goalkeeper saved a penalty and the league title is near."
    kinds = [("Norway", "Country"), ("Chile", "Country"), ("Peru", "Country")]
    kb = link_extractions([found("w", women, *kinds), found("m1", men, *kinds), found("m2", men, *kinds)])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Organization", "Norway (women)")] == ("w",)
    assert got[("Organization", "Norway (national team)")] == ("m1", "m2")
    # Named by one other sports story only, the team keeps one node.
    kb = link_extractions([found("w", women, *kinds), found("m1", men, *kinds)])
    assert {(e.type, e.label): e.articles for e in kb.entities}[("Organization", "Norway (national team)")] == ("m1", "w")


def test_a_national_team_named_by_its_country_shows_it_in_its_label_and_keeps_the_name_and_its_key():
    # Two "Portugal" nodes, the country and the team, read alike on the page and in query results.
    report = ("Portugal beat Chile 2-0 in Lisbon on Sunday. The striker scored twice, the goalkeeper saved a penalty "
              "and the coach praised the fans.")
    news = "Portugal signed a trade deal with Chile on Monday."
    kinds = [("Portugal", "Country"), ("Chile", "Country"), ("Lisbon", "Place")]
    kb = link_extractions([found("a", report, *kinds), found("b", news, *kinds)])
    by = {(e.type, e.label): e for e in kb.entities}
    team = by[("Organization", "Portugal (national team)")]
    assert team.key == "organization/Portugal" and "Portugal" in team.aliases  # its IRI, and its name to match
    assert ("Organization", "Chile (national team)") in by
    # The countries, and the city the match was played in, are never qualified.
    assert {("Country", "Portugal"), ("Country", "Chile"), ("Place", "Lisbon")} <= set(by)
    assert not [e.label for e in kb.entities if e.type != "Organization" and "(" in e.label]


def test_a_club_named_for_its_city_or_a_city_state_is_no_national_team():
    report = ("Dortmund beat Monaco 2-1 in the semi-final. The striker scored twice, the goalkeeper saved a penalty "
              "and the coach praised the fans.")
    kb = link_extractions([found("a", report, ("Dortmund", "Place"), ("Monaco", "Country"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Organization", "Dortmund"), ("Organization", "Monaco")}
    # The same report naming two countries: their teams say so.
    kb = link_extractions([found("a", report.replace("Dortmund", "Portugal").replace("Monaco", "Chile"),
                                 ("Portugal", "Country"), ("Chile", "Country"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Organization", "Portugal (national team)"),
                                                       ("Organization", "Chile (national team)")}


def test_a_person_typed_name_ending_in_a_city_is_a_club_in_sports_stories():
    report = ("Vorwarts Dortmund beat the visitors 2-1. The striker scored twice, the goalkeeper saved a penalty "
              "and Vorwarts Dortmund lead the league.")
    kinds = [("Vorwarts Dortmund", "Person")]
    kb = link_extractions([found("a", report, *kinds), found("b", report, *kinds)])
    assert {(e.type, e.label) for e in kb.entities} == {("Organization", "Vorwarts Dortmund")}
    # Outside sports stories, or followed by "he" or "his", the name stays a person's.
    talk = "Vorwarts Dortmund opened the exhibition. Vorwarts Dortmund thanked the mayor."
    kb = link_extractions([found("a", talk, *kinds), found("b", talk, *kinds)])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Vorwarts Dortmund")}
    spoken = report.replace("Vorwarts Dortmund lead", "Vorwarts Dortmund said his side lead")
    kb = link_extractions([found("a", spoken, *kinds), found("b", report, *kinds)])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Vorwarts Dortmund")}
    # A given name first ("Peter") is a person whose surname is a city's name.
    named = report.replace("Vorwarts", "Peter")
    kb = link_extractions([found("a", named, ("Peter Dortmund", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Peter Dortmund")}
    # A player's position before the name makes it a player's ("midfielder Joris van Dortmund").
    signed = "Hollin Velden signed midfielder Joris van Dortmund from a rival. The striker scored twice in the league."
    kb = link_extractions([found("a", signed, ("Joris van Dortmund", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Joris van Dortmund")}


def test_a_lone_surname_tagged_an_organization_but_listed_beside_persons_is_that_person():
    full = _placed("a", "Arvo Tarvel scored twice.", ("Arvo Tarvel", "Person"))
    listed = found("b", "Keskula and Tarvel were injured. Tarvel, Keskula and Vaher trained alone. Tarvel rested.",
                   ("Keskula", "Person"), ("Vaher", "Person"), ("Tarvel", "Organization"))
    got = {(e.type, e.label): e.articles for e in link_extractions([full, listed]).entities}
    assert got[("Person", "Arvo Tarvel")] == ("a", "b") and ("Organization", "Tarvel") not in got
    # Listed beside organizations, it stays one: a company named like a person.
    firms = found("b", "Orvik and Tarvel raised prices. Tarvel, Orvik and Velmora merged. Tarvel grew.",
                  ("Orvik", "Organization"), ("Velmora", "Organization"), ("Tarvel", "Organization"))
    got = {(e.type, e.label): e.articles for e in link_extractions([full, firms]).entities}
    assert got[("Person", "Arvo Tarvel")] == ("a",) and got[("Organization", "Tarvel")] == ("b",)


def test_a_lone_first_name_joins_a_full_name_elsewhere_where_his_own_story_calls_him_so():
    # Extraction resolved "Tarik" to "Tarik Orvan" in his own story: the corpus calls him by his first name.
    own = ex("a", ("Tarik Orvan", "Person", "Tarik Orvan"), ("Tarik", "Person", "Tarik Orvan"))
    kb = link_extractions([own, ex("b", ("Tarik", "Person", "Tarik"))])
    assert labels(kb)[("Person", "Tarik Orvan")].articles == ("a", "b")
    # Only written in full there, the lone first name elsewhere stays apart.
    kb = link_extractions([ex("a", ("Tarik Orvan", "Person", "Tarik Orvan")), ex("b", ("Tarik", "Person", "Tarik"))])
    assert ("Person", "Tarik") in labels(kb)


def test_a_place_written_once_with_a_letter_more_or_less_than_a_countrys_name_is_that_country():
    kb = link_extractions([ex("a", ("Norway", "Country", "Norway"), ("Portugal", "Country", "Portugal")),
                           ex("b", ("Norwway", "Place", "Norwway")), ex("c", ("Portgal", "Place", "Portgal"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got == {("Country", "Norway"): ("a", "b"), ("Country", "Portugal"): ("a", "c")}
    # Written twice, the spelling is the story's own name, not a slip.
    kb = link_extractions([ex("a", ("Norway", "Country", "Norway")),
                           ex("b", ("Norwway", "Place", "Norwway"), ("Norwway", "Place", "Norwway"))])
    assert ("Place", "Norwway") in {(e.type, e.label) for e in kb.entities}


def test_given_names_transliterated_two_ways_are_one_person():
    kb = link_extractions([ex("a", ("Abdel Youssef Velud", "Person", "Abdel Youssef Velud")),
                           ex("b", ("Abdul Yousef Velud", "Person", "Abdul Yousef Velud")),
                           ex("c", ("Yusef Velud", "Person", "Yusef Velud")),
                           ex("d", ("Hassan Orvik", "Person", "Hassan Orvik")),
                           ex("e", ("Hussein Orvik", "Person", "Hussein Orvik"))])
    persons = sorted(e.label for e in kb.entities if e.type == "Person")
    assert len([p for p in persons if p.endswith("Velud")]) == 1
    assert {"Hassan Orvik", "Hussein Orvik"} <= set(persons)


@pytest.mark.parametrize("a, b, one", [
    ("abdel youssef velud", "abdul yousef velud", True),
    ("mohamed velud", "mohammad velud", True),
    ("hassan velud", "hussein velud", False),
    ("maria velud", "mario velud", False),
    ("daniel velud", "daniela velud", False),
    ("abdel velud", "abdel veluda", False),
])
def test_transliterated_reads_given_names_only(a, b, one):
    from kgraph.linking.identity import _transliterated
    assert _transliterated(a.split(), b.split()) is one


def test_a_regnal_name_without_its_number_joins_the_numbered_name():
    kb = link_extractions([ex("a", ("Tarvo Arvo II", "Person", "Tarvo Arvo II")),
                           ex("b", ("Tarvo Arvo", "Person", "Tarvo Arvo")),
                           ex("c", ("Keskula Vaher III", "Person", "Keskula Vaher III")),
                           ex("d", ("Keskula", "Person", "Keskula"))])
    persons = sorted(e.label for e in kb.entities if e.type == "Person")
    assert "Tarvo Arvo" not in persons and "Tarvo Arvo II" in persons
    assert "Keskula" in persons  # a one-word stem stays apart: a given name, not the numbered name


def test_a_hyphenated_surname_counts_as_one_word_in_the_short_name_join():
    kb = link_extractions([ex("a", ("Mart Arvo Tarsk-Velud", "Person", "Mart Arvo Tarsk-Velud")),
                           ex("b", ("Arvo Tarsk-Velud", "Person", "Arvo Tarsk-Velud"))])
    assert [e.label for e in kb.entities if e.type == "Person"] == ["Mart Arvo Tarsk-Velud"]


def test_an_arabic_article_lets_a_surname_be_transliterated_too():
    kb = link_extractions([ex("a", ("Tarek al-Moarrem", "Person", "Tarek al-Moarrem")),
                           ex("b", ("Tarek Muarrem", "Person", "Tarek Muarrem")),
                           ex("c", ("Samir al-Moarrem", "Person", "Samir al-Moarrem"))])
    persons = sorted(e.label for e in kb.entities if e.type == "Person")
    assert len([p for p in persons if p.startswith("Tarek")]) == 1
    assert "Samir al-Moarrem" in persons  # another given name: another person


def test_an_acronym_after_a_name_is_no_city_the_club_is_named_after():
    # The gazetteer lists some airport codes among towns' names: "PSA" is no city here.
    kb = link_extractions([ex("a", ("Velora Air-PSA", "Organization", "Velora Air-PSA"),
                              ("Velora Air-PSA", "Organization", "Velora Air-PSA")),
                           ex("b", ("Velora Air", "Organization", "Velora Air"),
                              ("Velora Air", "Organization", "Velora Air"))])
    assert {e.label for e in kb.entities} == {"Velora Air-PSA", "Velora Air"}


def test_a_misspelt_word_is_compared_as_written_before_umlaut_folding():
    kb = link_extractions([ex("a", ("Tarsk Brouge", "Organization", "Tarsk Brouge"),
                              ("Tarsk Brouge", "Organization", "Tarsk Brouge")),
                           ex("b", ("Tarsk Brogue", "Organization", "Tarsk Brogue"))])
    assert [e.label for e in kb.entities] == ["Tarsk Brouge"]


def test_a_name_tagged_a_person_in_phrases_only_places_take_is_a_place():
    kb = link_extractions([
        marked("a", "Barges sail over the [Velmor|Person] in Tarsk. Tourists love the [Velmor|Person]."),
        marked("b", "Rebels seized [Orvana|Person], the capital of the north. They held [Orvana|Person], a town of farmers."),
        marked("c", "Mines closed across the [Keldra|Person] region. The [Keldra|Person] valley is green."),
        marked("d", "Shells hit the neighborhood of [Astuvi|Person] at dawn."),
    ])
    got = {(e.type, e.label) for e in kb.entities}
    assert {("Place", "Velmor"), ("Place", "Orvana"), ("Place", "Keldra"), ("Place", "Astuvi")} <= got


def test_a_name_set_off_before_a_citys_possession_is_no_town():
    kb = link_extractions([marked("a", "[Velmor Tarsk|Organization], the city's football club, said the deal stood.")])
    assert {(e.type, e.label) for e in kb.entities} == {("Organization", "Velmor Tarsk")}


def test_a_person_named_as_a_modifier_after_the_stays_a_person():
    kb = link_extractions([
        marked("a", "Critics of the [Keskula|Person] government spoke. [Keskula|Person] said no."),
        marked("b", "Under the [Keskula|Person] plan, [Keskula|Person] would lead."),
    ])
    assert ("Person", "Keskula") in {(e.type, e.label) for e in kb.entities}


def test_a_short_name_follows_its_article_s_reading_of_a_middle_name():
    # "Council" beside the "UN Tarsk Council" and a "Tarsk Council" the article reads as it: one thing
    kb = link_extractions([
        marked("a", "The [UN Tarsk Council|Organization] met. The [Tarsk Council|Organization] voted and the "
                    "15-member [Council|Organization] agreed."),
        marked("b", "The [Orvik Council|Organization] met."),
    ])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert "Council" not in got and got["UN Tarsk Council"] == ("a",)


def test_a_short_name_joins_the_candidate_whose_first_words_open_another_name_its_article_writes():
    # "Commission" in a story writing "Veltrian Union" (as the expansion of an acronym, say): the "Veltrian
    # Commission" the corpus names in three articles, not the "Orvik Commission"
    kb = link_extractions([
        marked("a", "The [Veltrian Union|Organization] and the [Commission|Organization] agreed."),
        *(marked(x, "The [Veltrian Commission|Organization] met.") for x in "bcd"),
        marked("e", "The [Orvik Commission|Organization] met."),
    ])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert got["Veltrian Commission"] == ("a", "b", "c", "d") and got["Orvik Commission"] == ("e",)


def test_first_words_of_another_name_need_a_candidate_the_corpus_names_often():
    # "Party" in a story naming the "Ostmark Union": the "Ostmark Party" of one other story is no join
    kb = link_extractions([
        marked("a", "The [Ostmark Union|Organization] and the [Party|Organization] agreed."),
        marked("b", "The [Ostmark Party|Organization] met."),
        marked("c", "The [Tarvo Party|Organization] met."),
    ])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert got["Ostmark Party"] == ("b",)


def test_a_name_tagged_an_organization_before_a_site_noun_is_a_place():
    kb = link_extractions([
        marked("a", "He survived the [Velmar|Organization] death camp. Later he returned to the [Velmar|Organization] camp."),
        marked("b", "Flights left [Orlavik|Organization] airport late."),
        marked("c", "The [Tarvo Bank|Organization] building was sold and [Tarvo Bank|Organization] moved."),
        marked("d", "Tarsk is a [VELCO|Organization] city of music."),
    ])
    got = {(e.type, e.label) for e in kb.entities}
    assert {("Place", "Velmar"), ("Place", "Orlavik"), ("Organization", "Tarvo Bank"), ("Organization", "VELCO")} <= got


def test_a_leading_article_gives_no_letter_to_an_acronym():
    # "Die Velt Kanal" spells no "DVK": the one name whose initials fit is "Dorva Vision Kanal".
    # The corpus names each twice, no article ties either to the acronym.
    kb = link_extractions([ex("a", ("Dorva Vision Kanal", "Organization", "Dorva Vision Kanal")),
                           ex("b", ("Die Velt Kanal", "Organization", "Die Velt Kanal")),
                           ex("c", ("DVK", "Organization", "DVK")),
                           ex("d", ("Dorva Vision Kanal", "Organization", "Dorva Vision Kanal")),
                           ex("e", ("Die Velt Kanal", "Organization", "Die Velt Kanal"))])
    by_label = {e.label: e for e in kb.entities}
    assert by_label["Dorva Vision Kanal"].articles == ("a", "c", "d")
    assert by_label["Die Velt Kanal"].articles == ("b", "e")


def test_a_two_letter_acronym_joins_a_name_of_other_articles_only_where_one_writes_both():
    # "DV" alone in one story: two letters spell too many names for "Dorva Vision" of two others to be it.
    kb = link_extractions([ex("a", ("Dorva Vision", "Organization", "Dorva Vision")),
                           ex("c", ("DV", "Organization", "DV")),
                           ex("d", ("Dorva Vision", "Organization", "Dorva Vision"))])
    assert {e.label: e.articles for e in kb.entities} == {"Dorva Vision": ("a", "d"), "DV": ("c",)}
    kb = link_extractions([ex("a", ("Dorva Vision", "Organization", "Dorva Vision"), text="Dorva Vision (DV) said."),
                           ex("c", ("DV", "Organization", "DV")),
                           ex("d", ("Dorva Vision", "Organization", "Dorva Vision"))])
    assert {e.label: e.articles for e in kb.entities} == {"Dorva Vision": ("a", "c", "d")}


def test_a_demonym_read_as_a_country_is_that_country():
    kb = link_extractions([ex("a", ("Veltrians", "Country", "Veltrians")),
                           ex("b", ("Britons", "Country", "Britons"), ("Israelis", "Country", "Israelis"))])
    assert sorted(e.label for e in kb.entities) == ["Israel", "United Kingdom", "Veltrians"]


def test_organization_names_differing_in_a_kind_synonym_or_a_proper_words_form_join():
    kb = link_extractions([ex("a", ("Tarsk Chess Association", "Organization", "Tarsk Chess Association")),
                           ex("b", ("Tarsk Chess Federation", "Organization", "Tarsk Chess Federation")),
                           ex("c", ("International Office of Velting", "Organization", "International Office of Velting")),
                           ex("d", ("International Organization for Velting", "Organization",
                                    "International Organization for Velting")),
                           ex("e", ("Morvish Workers' Party", "Organization", "Morvish Workers' Party"),
                              text="Many Morvish towns voted."),
                           ex("f", ("Morvistan Workers' Party", "Organization", "Morvistan Workers' Party"),
                              text="The south of Morvistan voted.")])
    assert sorted(e.articles for e in kb.entities) == [("a", "b"), ("c", "d"), ("e", "f")]


def test_organization_names_differing_in_two_bodies_or_common_words_stay_apart():
    kb = link_extractions([ex("a", ("Tarsk Security Agency", "Organization", "Tarsk Security Agency")),
                           ex("b", ("Tarsk Security Council", "Organization", "Tarsk Security Council")),
                           ex("c", ("Velt National Front", "Organization", "Velt National Front"),
                              text="a national plan, national roads"),
                           ex("d", ("Velt Nationalist Front", "Organization", "Velt Nationalist Front"),
                              text="a nationalist plan, nationalist roads"),
                           ex("e", ("Chess Association", "Organization", "Chess Association")),
                           ex("f", ("Chess Federation", "Organization", "Chess Federation"))])
    # Two content words only ("Chess Association") share too little to say one body.
    assert len(kb.entities) == 6


def test_an_institution_named_head_of_x_joins_the_one_named_x_head():
    kb = link_extractions([ex("a", ("University of Tarsk", "Organization", "University of Tarsk")),
                           ex("b", ("Tarsk University", "Organization", "Tarsk University")),
                           ex("c", ("Department of Morvan", "Organization", "Department of Morvan")),
                           ex("d", ("Morvan Department", "Organization", "Morvan Department"))])
    assert sorted(e.articles for e in kb.entities) == [("a", "b"), ("c", "d")]
    # A state body is read per country by the national-institution step, not joined so.
    apart = link_extractions([ex("a", ("Ministry of Velting", "Organization", "Ministry of Velting")),
                              ex("b", ("Velting Ministry", "Organization", "Velting Ministry"))])
    assert len(apart.entities) == 2


def test_a_one_word_name_the_corpus_repeats_is_not_taken_by_a_longer_name_of_one_story():
    # "Velmora" alone in three stories is known by that name. One story's "Zorrin Velmora", a name word
    # before it, is another thing; "New Velmora" (a common word glued on) is a variant of it and joins it.
    text = "Fans of the Velmora league waited a second week for new rules."
    repeated = [ex(x, ("Velmora", "Organization", "Velmora"), text=text) for x in "bcd"]
    other = ex("a", ("Zorrin Velmora", "Organization", "Zorrin Velmora"), text="Officials of Zorrin Velmora met.")
    kb = link_extractions(repeated + [other])
    orgs = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
    assert orgs == [("Velmora", ("b", "c", "d")), ("Zorrin Velmora", ("a",))]
    # A story whose text writes "Zorrin Velmora" where extraction kept only "Velmora" still names the longer one.
    cut = _placed("e", "Officials of Zorrin Velmora met.", ("Velmora", "Organization"))
    kb = link_extractions(repeated + [other, cut])
    orgs = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
    assert orgs == [("Velmora", ("b", "c", "d")), ("Zorrin Velmora", ("a", "e"))]
    variant = ex("a", ("New Velmora", "Organization", "New Velmora"), text=text)
    kb = link_extractions(repeated + [variant])
    assert [e.articles for e in kb.entities if e.type == "Organization"] == [("a", "b", "c", "d")]
    # Named in two stories only, the one longer name is still what the short name stands for.
    kb = link_extractions(repeated[:2] + [other])
    assert [e.articles for e in kb.entities if e.type == "Organization"] == [("a", "b", "c")]


def test_a_one_word_name_listed_beside_full_names_joins_no_full_name_elsewhere():
    # A list writes each person the same way: the one name among full names is the name that person goes by.
    listed = _placed("a", "My heroes were Arvo Keskula, Mart Tarvel and Velmo when I was a boy.",
                     ("Arvo Keskula", "Person"), ("Mart Tarvel", "Person"), ("Velmo", "Person"))
    other = _placed("b", "The deal brought Tarik Velmo to the city.", ("Tarik Velmo", "Person"))
    persons = sorted((e.label, e.articles) for e in link_extractions([listed, other]).entities if e.type == "Person")
    assert ("Velmo", ("a",)) in persons and ("Tarik Velmo", ("b",)) in persons
    # Alone, not in such a list, the surname still joins the corpus' one full name ending in it.
    alone = _placed("a", "Later Velmo thanked the fans for their support.", ("Velmo", "Person"))
    persons = [(e.label, e.articles) for e in link_extractions([alone, other]).entities if e.type == "Person"]
    assert persons == [("Tarik Velmo", ("a", "b"))]


def test_a_relatives_name_after_a_kinship_noun_joins_no_full_name_elsewhere():
    # News calls a named person's family by their given names: "his younger brother, Velmo" is no surname.
    story = _placed("a", "Arvo Keskula and his younger brother, Velmo, rebuilt the firm.",
                    ("Arvo Keskula", "Person"), ("Velmo", "Person"))
    other = _placed("b", "The deal brought Tarik Velmo to the city.", ("Tarik Velmo", "Person"))
    persons = sorted((e.label, e.articles) for e in link_extractions([story, other]).entities if e.type == "Person")
    assert ("Velmo", ("a",)) in persons and ("Tarik Velmo", ("b",)) in persons


def test_a_common_word_opening_a_sentence_glued_to_an_organization_is_cut_off():
    # "Credit Hollin Tarsk defender ...": the verb opening the sentence is no part of the club's name.
    text = ("Hollin Tarsk lost again. Fans of Hollin Tarsk left early. Credit Hollin Tarsk defender Arvo Keskula "
            "with the assist. His credit rating fell, and credit card debt rose.")
    kb = link_extractions([_placed("a", text, ("Hollin Tarsk", "Organization"), ("Hollin Tarsk", "Organization"),
                                   ("Credit Hollin Tarsk", "Organization"))])
    assert [(e.label, e.aliases, e.mentions) for e in kb.entities if e.type == "Organization"] == [
        ("Hollin Tarsk", (), 3)]


def test_a_glued_opening_word_is_cut_off_when_extraction_named_the_short_mentions_by_it():
    # Extraction names a story's short mentions by its longest name: every "Hollin" there is "Credit Hollin", which
    # the story writes in full once. The club is the one another story calls "FC Hollin".
    text = ("Mainsk beat Hollin on Sunday. Fans of Hollin left early. Credit Hollin defender Arvo Keskula "
            "with the assist. His credit rating fell, and credit card debt rose.")
    spans = [("Hollin", "Organization"), ("Hollin", "Organization"), ("Credit Hollin", "Organization")]
    story = _placed("a", text, *spans)
    story = Extraction(story.article, tuple(Mention(m.text, m.type, m.start, m.end, "Credit Hollin")
                                            for m in story.mentions))
    other = _placed("b", "FC Hollin lost at home. FC Hollin fired its coach.", ("FC Hollin", "Organization"),
                    ("FC Hollin", "Organization"))
    orgs = [(e.label, e.articles) for e in link_extractions([story, other]).entities if e.type == "Organization"]
    assert orgs == [("FC Hollin", ("a", "b"))]


def test_a_name_opening_a_sentence_keeps_its_first_word_when_it_is_a_name_or_institution_word_or_another_type():
    # "Air Veltria" beside the country "Veltria" is an airline; a word the corpus capitalizes inside sentences
    # is a name word ("Zorrin Velmora"); a name written twice is no glue.
    text = "Veltria grew. Air Veltria cut flights to the air base. Fresh air helped."
    kb = link_extractions([_placed("a", text, ("Veltria", "Country"), ("Air Veltria", "Organization"))])
    assert ("Organization", "Air Veltria") in {(e.type, e.label) for e in kb.entities}
    text = "Velmora hired staff. Zorrin Velmora said so. The brand Zorrin was new, and Zorrin grew."
    kb = link_extractions([_placed("a", text, ("Velmora", "Organization"), ("Zorrin Velmora", "Organization"))])
    assert ("Organization", "Zorrin Velmora") in {(e.type, e.label) for e in kb.entities}
    # A word that opens institutions' names ("Social", "Federal") is no glue, even written lowercase more often.
    text = "The Democrats of Tarsk met. Social Democrats walked out. Its social policy and social care failed."
    kb = link_extractions([_placed("a", text, ("Democrats", "Organization"), ("Social Democrats", "Organization"))])
    assert ("Organization", "Social Democrats") in {(e.type, e.label) for e in kb.entities}
    # A place is left alone: "Inner Tarsk" is a part of "Tarsk", not a glued word.
    text = "Tarsk grew. Inner Tarsk flooded. The inner city and the inner ring stood."
    kb = link_extractions([_placed("a", text, ("Tarsk", "Place"), ("Inner Tarsk", "Place"))])
    assert ("Place", "Inner Tarsk") in {(e.type, e.label) for e in kb.entities}


def test_a_neo_or_anti_prefix_makes_another_thing_than_the_name_the_corpus_repeats():
    # A neo-Velmora march is not "Velmora"; "New Velmora" (a common word glued on) is a variant of it.
    text = "Fans of the Velmora league waited a second week for new rules."
    repeated = [ex(x, ("Velmora", "Organization", "Velmora"), text=text) for x in "bcd"]
    for prefix in ("Neo-Velmora", "Anti-Velmora"):
        kb = link_extractions(repeated + [ex("a", (prefix, "Organization", prefix), text="A march was banned.")])
        orgs = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
        assert orgs == [(prefix, ("a",)), ("Velmora", ("b", "c", "d"))]


def test_a_match_report_calls_a_club_by_either_half_of_a_name_with_its_city():
    # A club's own name without its city, and the city (tagged an organization) without the club's name.
    kb = link_extractions([ex("a", ("Vorwarts Leipzig", "Organization", "Vorwarts Leipzig"),
                              ("Vorwarts", "Organization", "Vorwarts"),
                              ("Dortmund Rovers", "Organization", "Dortmund Rovers"),
                              ("Dortmund", "Organization", "Dortmund"), text=REPORT)])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got == {("Organization", "Vorwarts Leipzig"): ("a",), ("Organization", "Dortmund Rovers"): ("a",)}
    # The club's own name after its city, tagged a person, is the club too.
    kb = link_extractions([ex("a", ("Dortmund Rovers", "Organization", "Dortmund Rovers"),
                              ("Dortmund Rovers", "Organization", "Dortmund Rovers"),
                              ("Rovers", "Person", "Rovers"), text=REPORT)])
    assert {(e.type, e.label) for e in kb.entities} == {("Organization", "Dortmund Rovers")}
    # Outside a match report "Velmo Leipzig" may be two names run together: each stays itself.
    kb = link_extractions([ex("b", ("Velmo Leipzig", "Organization", "Velmo Leipzig"),
                              ("Velmo", "Organization", "Velmo"), text="The bank's shares rose.")])
    assert len(kb.entities) == 2
    # Two clubs the city opens: the story does not say which one "Dortmund" is.
    kb = link_extractions([ex("c", ("Dortmund Rovers", "Organization", "Dortmund Rovers"),
                              ("Dortmund Athletic", "Organization", "Dortmund Athletic"),
                              ("Dortmund", "Organization", "Dortmund"), text=REPORT)])
    assert ("Organization", "Dortmund") in labels(kb)


def test_a_surname_tagged_a_place_is_the_person_its_article_names_in_full():
    kb = link_extractions([ex("a", ("Arvo Keskula", "Person", "Arvo Keskula"), ("Keskula", "Place", "Keskula"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Arvo Keskula")}
    # So where a gazetteer lists a small town of that name: a story naming the person means him.
    kb = link_extractions([ex("c", ("Anna Clinton", "Person", "Anna Clinton"), ("Clinton", "Place", "Clinton"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Anna Clinton")}
    # Not where the full name opens with no given name: two names run together ("Velmo Clinton" in a headline).
    kb = link_extractions([ex("d", ("Velmo Clinton", "Person", "Velmo Clinton"), ("Clinton", "Place", "Clinton"))])
    assert ("Place", "Clinton") in labels(kb)
    # A city the gazetteer knows stays a place beside a person who carries its name.
    kb = link_extractions([ex("b", ("Arvo Dortmund", "Person", "Arvo Dortmund"), ("Dortmund", "Place", "Dortmund"))])
    assert ("Place", "Dortmund") in labels(kb)


def test_a_place_named_with_a_particle_is_its_first_word_again_in_its_article():
    kb = link_extractions([ex("a", ("Tarsk am Velt", "Place", "Tarsk am Velt"), ("Tarsk", "Place", "Tarsk"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Place", "Tarsk am Velt")}
    # The full name written once in a story, the short one in other stories too: one node for all three.
    kb = link_extractions([ex("c", ("Tarsk am Velt", "Place", "Tarsk am Velt"), ("Tarsk", "Place", "Tarsk")),
                           ex("d", ("Tarsk", "Place", "Tarsk")), ex("e", ("Tarsk", "Place", "Tarsk"))])
    assert [e.articles for e in kb.entities] == [("c", "d", "e")]
    kb = link_extractions([ex("b", ("Tarsk am Velt", "Place", "Tarsk am Velt"), ("Tarsk an der Orn", "Place", "Tarsk an der Orn"),
                              ("Tarsk", "Place", "Tarsk"))])
    assert ("Place", "Tarsk") in labels(kb)


def test_a_persons_first_two_words_are_the_one_full_name_they_open_in_their_article():
    kb = link_extractions([ex("a", ("Arvo Mart Keskula", "Person", "Arvo Mart Keskula"), ("Arvo Mart", "Person", "Arvo Mart"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Arvo Mart Keskula")}
    kb = link_extractions([ex("b", ("Tarvo Jong Il", "Person", "Tarvo Jong Il"), ("Tarvo Jong Un", "Person", "Tarvo Jong Un"),
                              ("Tarvo Jong", "Person", "Tarvo Jong"))])
    assert ("Person", "Tarvo Jong") in labels(kb)
    # A street named after the person, tagged a person, is no full name of his.
    kb = link_extractions([ex("c", ("Arvo-Mart-Strasse", "Person", "Arvo-Mart-Strasse"), ("Arvo Mart", "Person", "Arvo Mart"))])
    assert ("Person", "Arvo Mart") in labels(kb)


def _one_node(*articles) -> set:
    """Link articles of (text, type) mentions, one article each, and return the (type, label) of every node."""
    kb = link_extractions([ex(f"s{i}", *[(t, k, t) for t, k in spec]) for i, spec in enumerate(articles)])
    return {(e.type, e.label) for e in kb.entities}


@pytest.mark.parametrize("first, second", [
    (("Tarsk & Velt Bank", "Organization"), ("Tarsk and Velt Bank", "Organization")),  # "&" read as "and"
    (("St. Tarsberg", "Place"), ("Saint Tarsberg", "Place")),  # an abbreviation opening a place's name
    (("Mt. Velmor", "Place"), ("Mount Velmor", "Place")),
    (("Norwegian Tarsk Lines", "Organization"), ("Norway Tarsk Lines", "Organization")),  # demonym or country
    (("Tarsk Stadion", "Place"), ("Tarskstadion", "Place")),  # words written apart or together
    (("Tarek Bin Velsh", "Person"), ("Tarek Binvelsh", "Person")),
    (("Tarskovo FC", "Organization"), ("FC Tarskovo", "Organization")),  # a club's mark on either side
    (("Tarskovo Football Club", "Organization"), ("1. FC Tarskovo", "Organization")),
    (("Tarsk Police Dept.", "Organization"), ("Tarsk Police Department", "Organization")),  # abbreviations
    (("Velmora Int'l Bank", "Organization"), ("Velmora International Bank", "Organization")),
    (("Velmora Trading Co.", "Organization"), ("Velmora Trading Company", "Organization")),
    (("Lake Velmor", "Place"), ("Velmor Lake", "Place")),  # a body of water's word before or after its name
    (("Tarsk-Stiftung", "Organization"), ("Tarsk Foundation", "Organization")),  # a German kind word translated
    (("Velmstadion", "Place"), ("Velm Stadium", "Place")),
])
def test_two_spellings_of_one_name_are_one_node_across_stories(first, second):
    assert len(_one_node([first], [second])) == 1


def test_two_spellings_stay_two_where_they_name_two_things():
    assert len(_one_node([("SC Tarskovo", "Organization")], [("FC Tarskovo", "Organization")])) == 2  # two clubs
    assert len(_one_node([("Alba", "Person")], [("Al Ba", "Person")])) == 2  # too short to compare glued
    assert len(_one_node([("Norwegian Tarsk Lines", "Organization")], [("Tarsk Lines", "Organization")])) == 2


def test_a_spelling_typed_otherwise_in_one_story_takes_the_type_most_mentions_give():
    # "José Tarvez" a person in two stories, "Jose Tarvez" an organization in a third: one person.
    assert _one_node([("José Tarvez", "Person")], [("José Tarvez", "Person")], [("Jose Tarvez", "Organization")]) \
        == {("Person", "José Tarvez")}
    # A misspelt full name typed an organization.
    assert _one_node([("Arvo Keskula", "Person")], [("Arvo Keskula", "Person")], [("Arvo Keskulla", "Organization")]) \
        == {("Person", "Arvo Keskula")}
    # One-word names keep their types: a city and its club share a spelling.
    assert len(_one_node([("Tarsköw", "Place")], [("Tarskow", "Organization")])) == 2


def test_a_company_with_and_without_its_legal_form_is_one_node_across_stories():
    assert _one_node([("Tarsk Mining Ltd", "Organization")], [("Tarsk Mining", "Organization")]) \
        == {("Organization", "Tarsk Mining Ltd")}
    assert len(_one_node([("Velmora AG", "Organization")], [("Velmora", "Organization")])) == 1
    # A group of states named after a city is no company of that city's name.
    assert len(_one_node([("Oslo Group", "Organization")], [("Oslo", "Organization")])) == 2


def test_a_company_name_tagged_a_person_in_other_stories_joins_the_company_written_with_its_legal_form():
    # "Falkmark Motoren" the NER read as a person where no story names the company with "AG" beside it
    assert _one_node([("Falkmark Motoren AG", "Organization")], [("Falkmark Motoren", "Person")],
                     [("Falkmark Motoren", "Person")]) == {("Organization", "Falkmark Motoren")}
    # a given name opens a founder's name: "Axel Tarvo" of another story stays the person
    assert len(_one_node([("Axel Tarvo SE", "Organization")], [("Axel Tarvo", "Person")])) == 2
    # a one-word surname is no company's short name across stories
    assert len(_one_node([("Tarvo AG", "Organization")], [("Tarvo", "Person")])) == 2


@pytest.mark.parametrize("kind", ["Place", "Country"])
def test_a_country_misspelt_once_joins_the_country_whatever_type_it_was_given(kind):
    assert _one_node([("Norway", "Country")], [("Norrway", kind)]) == {("Country", "Norway")}


@pytest.mark.parametrize("first, second", [
    ("Aleksandr Tarsov", "Alexander Tarsov"), ("Yelena Tarsova", "Jelena Tarsova"), ("Elena Tarsova", "Yelena Tarsova"),
    ("Volodymyr Tarsenko", "Wolodymyr Tarsenko"), ("Yulia Tarsova", "Julia Tarsova"),
    ("Arvo Tarshchenko", "Arvo Tarschtschenko"), ("Arvo Tarsovich", "Arvo Tarsowitsch"), ("Fyodor Tarsov", "Fedor Tarsov"),
    ("Arvo Tarsoff", "Arvo Tarsov"), ("Arvo Chodarkowski", "Arvo Khodarkovsky"), ("Arvo Zelvenskyj", "Arvo Zelvenskiy"),
])
def test_one_persons_name_romanized_two_ways_is_one_node(first, second):
    assert len(_one_node([(first, "Person")], [(second, "Person")])) == 1


def test_names_romanized_alike_but_written_apart_stay_two():
    assert len(_one_node([("Hassan Tarsi", "Person")], [("Hussein Tarsi", "Person")])) == 2
    assert len(_one_node([("Yana Tarsova", "Person")], [("Yara Tarsova", "Person")])) == 2


def test_two_words_misspelt_inside_are_one_name_but_changed_endings_are_two():
    # A letter replaced in one word and two swapped in another, typed a person in the story that misspells it.
    assert _one_node([("Velmiacos Tarskeus", "Organization")], [("Velmiacos Tarskeus", "Organization")],
                     [("Velmiakos Traskeus", "Person")]) == {("Organization", "Velmiacos Tarskeus")}
    assert len(_one_node([("Aleksandr Tarsov", "Person")], [("Aleksandra Tarsova", "Person")])) == 2


def test_a_misspelling_of_a_clubs_full_name_follows_the_own_name_the_corpus_uses():
    # "Vorwartso Leipzig" written once beside "Vorwartso", the club's own name other match reports use, and
    # misspelt in a third story: all three stories on one node.
    kb = link_extractions([ex("a", ("Vorwartso Leipzig", "Organization", "Vorwartso Leipzig"),
                              ("Vorwartso", "Organization", "Vorwartso"), text=REPORT),
                           ex("b", ("Vorwartso", "Organization", "Vorwartso"), text=REPORT),
                           ex("c", ("Vorwartzo Liepzig", "Person", "Vorwartzo Liepzig"), text=REPORT)])
    assert [e.articles for e in kb.entities] == [("a", "b", "c")]


def test_a_name_after_a_preposition_is_not_the_he_that_follows():
    text = "Tarvo Velmaris works as a strategist at Orvan Capital; he joined in May. Arvo Keskula said he would stay."
    kb = link_extractions([found("a", text, ("Orvan Capital", "Organization"), ("Arvo Keskula", "Organization"),
                                 ("Tarvo Velmaris", "Person"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert {("Organization", "Orvan Capital"), ("Person", "Arvo Keskula")} <= got


def test_a_name_set_off_after_an_organization_noun_is_not_the_her_that_follows():
    text = "The singer left. Her label, Velt Records, said her album was late. Arvo Keskula said he would stay."
    kb = link_extractions([found("a", text, ("Velt Records", "Organization"), ("Arvo Keskula", "Organization"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert got == {("Organization", "Velt Records"), ("Person", "Arvo Keskula")}


def test_a_name_before_an_organization_noun_is_not_the_his_that_follows():
    text = "Mart Tarvel, head of the Velt Patriots party recently praised his aides."
    kb = link_extractions([found("a", text, ("Velt Patriots", "Organization"), ("Mart Tarvel", "Person"))])
    assert ("Organization", "Velt Patriots") in {(e.type, e.label) for e in kb.entities}


def test_an_organization_word_before_a_given_name_ends_a_role_not_a_kind():
    kb = link_extractions([
        marked("a", "The works council [Arvo Keskula|Person] spoke. Later [Arvo Keskula|Person] left."),
        marked("b", "[Arvo Tarvel|Person] and [Arvo Orvik|Person] met."),
        marked("c", "Shares rose, said the bank [Velmora Kalvo|Person]. Later [Velmora Kalvo|Person] said so."),
    ])
    got = {(e.type, e.label) for e in kb.entities}
    assert {("Person", "Arvo Keskula"), ("Organization", "Velmora Kalvo")} <= got


def test_a_name_before_group_or_party_is_an_organization_unless_a_place():
    kb = link_extractions([marked("a", "A spokesman for the [Velmora|Person] group said so. [Berlin|Place] group "
                                       "members met in [Berlin|Place].")])
    got = {(e.type, e.label) for e in kb.entities}
    assert {("Organization", "Velmora"), ("Place", "Berlin")} <= got


def test_a_surname_before_government_is_the_leader_though_tagged_an_organization():
    # In a story that never writes the full name, "the Keskula government" still names the person.
    kb = link_extractions([
        _placed("a", "Prime Minister Arvo Keskula spoke in Tarsk.", ("Arvo Keskula", "Person"), ("Tarsk", "Place")),
        _placed("b", "Critics said the Keskula government had failed, and the Keskula cabinet resigned.",
                ("Keskula", "Organization"), ("Keskula", "Organization")),
        _placed("c", "Shares of Velmor rose as Velmor hired staff.", ("Velmor", "Organization"),
                ("Velmor", "Organization")),
        _placed("d", "Coach Lina Velmor smiled.", ("Lina Velmor", "Person"))])
    got = labels(kb)
    assert got[("Person", "Arvo Keskula")].articles == ("a", "b")
    assert ("Organization", "Keskula") not in got
    # A company named like a person, with no leader's body after it, stays a company in its story.
    assert got[("Organization", "Velmor")].articles == ("c",)


def test_an_organization_split_from_the_country_before_it_keeps_the_name_as_written():
    kb = link_extractions([_placed("a", "A boat sank, the Canadian Coast Guard said. The Tarsk Trust helped.",
                                   ("Canadian", "Country"), ("Coast Guard", "Organization"), ("Tarsk Trust", "Organization"))])
    by_label = {e.label: e for e in kb.entities if e.type == "Organization"}
    guard = next(e for label, e in by_label.items() if label.startswith("Coast Guard"))
    assert "Canadian Coast Guard" in guard.aliases
    assert by_label["Tarsk Trust"].aliases == ()  # nothing before it but a word: no name to keep


@pytest.mark.parametrize("text, country", [
    ("Fighting in eastern Congo went on.", "Democratic Republic of the Congo"),
    ("Congolese troops moved north.", "Democratic Republic of the Congo"),
    ("Fighting in Congo went on, officials in Brazzaville said.", "Republic of the Congo"),
    ("Fighting in Congo went on. The Republic of Congo closed its border.", "Republic of the Congo"),
])
def test_a_bare_name_two_countries_share_is_the_larger_one_unless_the_article_names_the_other(text, country):
    word = "Congolese" if "Congolese" in text else "Congo"
    s = text.index(word)
    ex_ = Extraction(Article("a", text), (Mention(word, "Country", s, s + len(word), "Republic of the Congo"),))
    kb = link_extractions([ex_])
    assert [e.label for e in kb.entities if e.type == "Country"] == [country]


@pytest.mark.parametrize("text, tagged, country", [
    ("Korea's exports fell for a third month, the ministry said.", "Place", "South Korea"),
    ("Exports from Korea fell, officials in Seoul said.", "Country", "South Korea"),
    ("Officials in Pyongyang said Korea would never bow to threats.", "Place", "North Korea"),
    ("North Korea fired a missile. Korea's future was at stake, Seoul said.", "Place", "South Korea"),
])
def test_a_bare_name_no_gazetteer_lists_is_the_country_news_means_unless_the_article_names_only_the_other(
        text, tagged, country):
    s = text.index("Korea", text.index("Korea") + 1) if text.startswith("North") else text.index("Korea")
    ex_ = Extraction(Article("a", text), (Mention("Korea", tagged, s, s + 5, "Korea"),))
    kb = link_extractions([ex_])
    assert [(e.label, e.type) for e in kb.entities] == [(country, "Country")]


def test_a_bare_country_name_inside_an_organization_name_stays_the_organization():
    text = "The Bank of Korea raised its main rate."
    s = text.index("Bank")
    kb = link_extractions([Extraction(Article("a", text), (Mention("Bank of Korea", "Organization", s, s + 13,
                                                                   "Bank of Korea"),))])
    assert [(e.label, e.type) for e in kb.entities] == [("Bank of Korea", "Organization")]


def test_a_persons_label_is_the_full_name_most_articles_write_not_a_misspelling_one_article_repeats():
    right = [ex(a, ("Angela Brunsdorf", "Person", "Angela Brunsdorf"), ("Brunsdorf", "Person", "Angela Brunsdorf"))
             for a in "abc"]
    wrong = ex("d", ("Angel Brunsdorf", "Person", "Angel Brunsdorf"),
               *[("Brunsdorf", "Person", "Angel Brunsdorf")] * 8)
    kb = link_extractions([*right, wrong])
    # One person; d names "Angel Brunsdorf" 9 times, the others "Angela Brunsdorf" 6 times in 3 articles.
    assert [(e.label, e.articles) for e in kb.entities] == [("Angela Brunsdorf", ("a", "b", "c", "d"))]
    assert "Angel Brunsdorf" in kb.entities[0].aliases


def test_a_short_club_name_joins_the_club_the_corpus_names_far_more_often_than_other_candidates():
    report = "The striker scored twice; the goalkeeper saved a penalty and the league relegation fight goes on."
    club = [found(a, f"Velmar Leipzig won 2-1. {report}", ("Velmar Leipzig", "Organization")) for a in "abc"]
    glued = found("d", "Second chance for Arvo Velmar's men.", ("Arvo Velmar", "Organization"))
    short = found("e", f"Velmar lost at home. {report}", ("Velmar", "Organization"))
    got = {e.label: e for e in link_extractions(club + [glued, short]).entities}
    assert "Velmar" not in got and got["Velmar Leipzig"].articles == ("a", "b", "c", "e")
    # Two stories against one is no clear lead: the short name stays apart.
    got = {e.label for e in link_extractions(club[:2] + [glued, short]).entities}
    assert "Velmar" in got


def test_a_company_short_name_tagged_a_person_joins_the_one_company_its_article_names_with_a_legal_form():
    kb = link_extractions([
        ex("a", ("Velmark Automotive", "Person", "Velmark Automotive"),
           ("Velmark Automotive Group", "Organization", "Velmark Automotive Group")),
        ex("b", ("Velmark Automotive", "Person", "Velmark Automotive"), ("Dieter Osterkamp", "Person", "Dieter Osterkamp")),
        # A given name opens the founder's name, not the company's: "Axel Tarvo" beside "Axel Tarvo SE" stays a person.
        ex("c", ("Axel Tarvo", "Person", "Axel Tarvo"), ("Axel Tarvo SE", "Organization", "Axel Tarvo SE"))])
    got = sorted((e.type, e.label.split()[0], e.articles) for e in kb.entities)
    assert got == [("Organization", "Axel", ("c",)), ("Organization", "Velmark", ("a", "b")),
                   ("Person", "Axel", ("c",)), ("Person", "Dieter", ("b",))]


def test_a_one_word_name_tagged_a_person_in_match_reports_is_a_club_when_written_as_a_team():
    report = ("Tarsk United beat Velden 2-1 on Saturday. The striker scored twice in the second half. "
              "Velden coach Mira Lenz said her team had played well. Tarsk United face Brandholm in the semi-final "
              "of the cup, and the goalkeeper is fit.")
    second = ("Tarsk United 3-0 Brandholm: the striker scored again. The derby "
              "against Brandholm drew 30,000 fans "
              "to the stadium, a season record. Petrovic scored twice for the league leaders. Osterbruck are third. "
              "Keskov and Tarvel are injured.")
    kb = link_extractions([found("a", report, ("Tarsk United", "Organization"), ("Velden", "Person"),
                                 ("Mira Lenz", "Person"), ("Brandholm", "Person")),
                           found("b", second, ("Tarsk United", "Organization"), ("Brandholm", "Person"),
                                 ("Petrovic", "Person"), ("Osterbruck", "Person"), ("Keskov", "Person"),
                                 ("Tarvel", "Person"))])
    got = {(e.type, e.label) for e in kb.entities}
    # "Petrovic scored twice" has no team's words, "Tarvel are" ends a list of players: persons stay persons.
    assert got == {("Organization", "Tarsk United"), ("Organization", "Velden"), ("Organization", "Brandholm"),
                   ("Organization", "Osterbruck"), ("Person", "Mira Lenz"), ("Person", "Petrovic"),
                   ("Person", "Keskov"), ("Person", "Tarvel")}


def test_a_player_named_alone_beside_a_score_stays_a_person():
    report = ("Keskov beat Tarvel 6-3, 6-4 in the final of the tournament. The season's champion served well and "
              "Tarvel's coach praised the match. Tarvel had won the league title last year, the fans said.")
    kb = link_extractions([found("a", report, ("Keskov", "Person"), ("Tarvel", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Keskov"), ("Person", "Tarvel")}


def test_a_compound_surname_alone_joins_the_one_full_name_it_ends_across_articles():
    kb = link_extractions([
        ex("a", ("Joao Ferreira da Costa", "Person", "Joao Ferreira da Costa"), ("Sudan", "Country", "Sudan")),
        ex("b", ("Ferreira da Costa", "Person", "Ferreira da Costa"), ("Darfur", "Place", "Darfur")),
        ex("c", ("Alexander Van der Tarsen", "Person", "Alexander Van der Tarsen")),
        ex("d", ("Van der Tarsen", "Person", "Van der Tarsen")),
        # Two full names end in "da Velha": the short name is neither's.
        ex("e", ("Ana Ribeiro da Velha", "Person", "Ana Ribeiro da Velha"), ("Rui Mota da Velha", "Person", "Rui Mota da Velha")),
        ex("f", ("da Velha", "Person", "da Velha"))])
    got = sorted(e.articles for e in kb.entities if e.type == "Person")
    assert got == [("a", "b"), ("c", "d"), ("e",), ("e",), ("f",)]


def test_an_organization_named_without_its_for_phrase_joins_the_one_full_name():
    kb = link_extractions([
        ex("a", ("Tarsk Institute", "Organization", "Tarsk Institute"),
           ("Tarsk Institute for Economic Research", "Organization", "Tarsk Institute for Economic Research")),
        ex("b", ("Velt Office", "Organization", "Velt Office"), ("Velt Office for Migration", "Organization",
                                                                  "Velt Office for Migration"),
           ("Velt Office for Energy", "Organization", "Velt Office for Energy"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    # Two "Velt Office for ..." in one article: the short name is neither's.
    assert got == [("Tarsk Institute for Economic Research", ("a",)), ("Velt Office", ("b",)),
                   ("Velt Office for Energy", ("b",)), ("Velt Office for Migration", ("b",))]


def test_a_country_named_as_a_region_of_another_country_is_that_region():
    text = "Fires burned in the Greek region of Macedonia. They spread to North Macedonia, and Greek firemen came."
    region, country = text.index("Macedonia"), text.index("North Macedonia")
    a = Extraction(Article("a", text), (Mention("Greek", "Country", text.index("Greek"), text.index("Greek") + 5, "Greece"),
                                        Mention("Macedonia", "Country", region, region + 9, "North Macedonia"),
                                        Mention("North Macedonia", "Country", country, country + 15, "North Macedonia")))
    kb = link_extractions([a, found("b", "Macedonia hopes to open membership talks.", ("Macedonia", "Country"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    assert got == [("Country", "Greece", ("a",)), ("Country", "North Macedonia", ("a", "b")), ("Place", "Macedonia", ("a",))]


def test_two_persons_with_one_name_and_other_middle_initials_stay_apart():
    kb = link_extractions([
        ex("a", ("Henrik J. Valtonen", "Person", "Henrik J. Valtonen"), ("Henrik M. Valtonen", "Person", "Henrik M. Valtonen")),
        ex("b", ("Henrik M. Valtonen", "Person", "Henrik M. Valtonen"), ("Estonia", "Country", "Estonia")),
        ex("c", ("Henrik Valtonen", "Person", "Henrik Valtonen")),
        ex("d", ("Arvo W. Tarsk", "Person", "Arvo W. Tarsk")), ex("e", ("Arvo H. W. Tarsk", "Person", "Arvo H. W. Tarsk")),
        ex("f", ("Arvo Tarsk", "Person", "Arvo Tarsk"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    # "Henrik Valtonen" fits father and son and joins neither; a middle name left out still joins ("Arvo Tarsk").
    assert got == [("Arvo H. W. Tarsk", ("d", "e", "f")), ("Henrik J. Valtonen", ("a",)),
                   ("Henrik M. Valtonen", ("a", "b")), ("Henrik Valtonen", ("c",))]
    # One story writing "Mart W. Orvel" and "Mart H. W. Orvel" (a son and his father) names two people, though
    # one's initials run inside the other's; "Mart Orvel" alone elsewhere fits both and joins neither.
    kb = link_extractions([ex("a", ("Mart W. Orvel", "Person", "Mart W. Orvel"), ("Mart H. W. Orvel", "Person", "Mart H. W. Orvel")),
                           ex("b", ("Mart H. W. Orvel", "Person", "Mart H. W. Orvel")),
                           ex("c", ("Mart Orvel", "Person", "Mart Orvel"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    assert got == [("Mart H. W. Orvel", ("a", "b")), ("Mart Orvel", ("c",)), ("Mart W. Orvel", ("a",))]


def test_a_surname_tagged_an_organization_after_a_role_is_the_person_of_its_kind_of_story():
    report = ("Tarsk United striker Brandt will miss the derby, the club said. The coach said Brandt would be out "
              "for two weeks; the goalkeeper and the midfielder are fit. Brandt scored 15 league goals this season.")
    politics = "Interior Minister Brandt will travel to Warsaw for talks on border controls."
    kb = link_extractions([
        found("a", "Marco Brandt scored a hat-trick for the striker's club in the league; the goalkeeper was beaten.",
              ("Marco Brandt", "Person")),
        found("b", "Interior Minister Sabine Brandt rejected the calls to resign.", ("Sabine Brandt", "Person")),
        found("c", report, ("Brandt", "Organization")),
        found("d", politics, ("Brandt", "Person"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    # Two full names end in "Brandt": each lone "Brandt" is the one named in its kind of story.
    assert got == [("Person", "Marco Brandt", ("a", "c")), ("Person", "Sabine Brandt", ("b", "d"))]


def test_a_company_named_after_its_founder_stays_apart_from_him_in_his_article():
    text = ("The Porvik family sold a stake in the carmaker Porvik on Monday. Company founder Anton Porvik, 84, "
            "said it was time to step back. Porvik shares rose 3 percent.")
    other = "Arvo Keskula spoke on Monday. Keskula said the talks had failed."
    kb = link_extractions([at("a", text, ("Porvik", "Organization", 0), ("Porvik", "Organization", 1),
                              ("Anton Porvik", "Person", 0), ("Porvik", "Organization", 3)),
                           at("b", other, ("Arvo Keskula", "Person", 0), ("Keskula", "Organization", 1))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    # "Keskula" tagged an organization, written as nothing but a name, is the person of its article.
    assert got == [("Organization", "Porvik", ("a",)), ("Person", "Anton Porvik", ("a",)),
                   ("Person", "Arvo Keskula", ("b",))]


def test_a_surname_tagged_an_organization_beside_two_full_names_is_the_one_named_last_before_it():
    text = ("Party secretary Lena Ostrova said the vote was fair. Ostrova is the sister of the goalkeeper "
            "Pavel Ostrova, who said nothing.")
    kb = link_extractions([at("a", text, ("Lena Ostrova", "Person", 0), ("Ostrova", "Organization", 1),
                              ("Pavel Ostrova", "Person", 0))])
    got = sorted((e.type, e.label, e.mentions) for e in kb.entities)
    # "Ostrova" (also a town's name in the gazetteer) follows "Lena Ostrova": her surname, not a body
    assert got == [("Person", "Lena Ostrova", 2), ("Person", "Pavel Ostrova", 1)]
    # written before either full name: nothing to go by, it stays apart
    text = "Ostrova is a fine club. Party secretary Lena Ostrova and the goalkeeper Pavel Ostrova spoke."
    kb = link_extractions([at("a", text, ("Ostrova", "Organization", 0), ("Lena Ostrova", "Person", 0),
                              ("Pavel Ostrova", "Person", 0))])
    assert ("Organization", "Ostrova") in {(e.type, e.label) for e in kb.entities}


def test_a_surname_tagged_an_organization_is_the_one_person_of_the_corpus_its_article_writes_in_full():
    # the tagger missed "Klara Wendt" (reading "Klara" as a place); the story writes her name all the same
    text = ("Wendt faces revolt\nChancellor Klara Wendt faced a revolt on Tuesday. Still, Wendt insisted the "
            "reform was needed.")
    kb = link_extractions([at("a", text, ("Wendt", "Organization", 0), ("Wendt", "Organization", 1),
                              ("Wendt", "Organization", 2)),
                           found("b", "Chancellor Klara Wendt met the unions.", ("Klara Wendt", "Person")),
                           found("c", "The striker Tim Wendt scored twice.", ("Tim Wendt", "Person"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    assert got == [("Person", "Klara Wendt", ("a", "b")), ("Person", "Tim Wendt", ("c",))]
    # a story writing neither full name leaves the lone name alone
    kb = link_extractions([found("a", "Wendt faces revolt. Wendt said no.", ("Wendt", "Organization")),
                           found("b", "Chancellor Klara Wendt met the unions.", ("Klara Wendt", "Person")),
                           found("c", "The striker Tim Wendt scored twice.", ("Tim Wendt", "Person"))])
    assert ("Organization", "Wendt") in {(e.type, e.label) for e in kb.entities}


def test_a_company_written_after_its_shares_stays_apart_from_the_persons_of_its_name():
    # "shares in Halvard": the company named after its founders, not the one person of its name
    text = "Chief executive Signe Halvard said profits doubled. Shares in Halvard rose 6 percent."
    kb = link_extractions([at("a", text, ("Signe Halvard", "Person", 0), ("Halvard", "Organization", 1))])
    assert ("Organization", "Halvard") in {(e.type, e.label) for e in kb.entities}
    # nor the one of two named last before it
    text = ("Chief executive Signe Halvard said profits doubled. Her grandfather Erik Halvard founded the firm. "
            "Families pay while Halvard counts its money, the union said. Shares in Halvard rose 6 percent.")
    kb = link_extractions([at("a", text, ("Signe Halvard", "Person", 0), ("Erik Halvard", "Person", 0),
                              ("Halvard", "Organization", 2), ("Halvard", "Organization", 3))])
    assert ("Organization", "Halvard") in {(e.type, e.label) for e in kb.entities}


def test_a_club_named_without_the_mark_after_its_name_joins_it():
    report = ("Tarsk United beat Hollin FC 2-0 on Saturday. Hollin coach Mats Berg said the striker and the "
              "goalkeeper had been unlucky in the league.")
    kb = link_extractions([at("a", report, ("Tarsk United", "Organization", 0), ("Hollin FC", "Organization", 0),
                              ("Hollin", "Organization", 1), ("Mats Berg", "Person", 0))])
    assert sorted((e.type, e.label) for e in kb.entities) == [
        ("Organization", "Hollin FC"), ("Organization", "Tarsk United"), ("Person", "Mats Berg")]


def test_a_given_name_joined_by_and_to_a_full_name_shares_its_surname():
    text = ("The firm was founded in 1961 by the brothers Anton and Josef Brennick. The family still holds 40 "
            "percent of the shares.")
    kb = link_extractions([at("a", text, ("Anton", "Person", 0), ("Josef Brennick", "Person", 0))])
    assert sorted((e.type, e.label) for e in kb.entities) == [("Person", "Anton Brennick"), ("Person", "Josef Brennick")]
    # in a match report players go by one name: "Rafael" is no Brennick there
    report = ("Both Rafael and Josef Brennick will miss the match. The striker and the goalkeeper are injured, "
              "the coach said after the 2-1 defeat in the league.")
    kb = link_extractions([at("a", report, ("Rafael", "Person", 0), ("Josef Brennick", "Person", 0))])
    assert ("Person", "Rafael") in {(e.type, e.label) for e in kb.entities}


def test_a_club_named_without_its_founding_year_joins_it():
    transfer = ("Striker Marek Voss has joined the German club Rheinfeld 04 for 8 million euros. He signed a "
                "four-year contract with Rheinfeld on Friday.")
    kb = link_extractions([at("a", transfer, ("Marek Voss", "Person", 0), ("Rheinfeld 04", "Organization", 0),
                              ("Rheinfeld", "Organization", 1))])
    assert sorted((e.type, e.label) for e in kb.entities) == [
        ("Organization", "Rheinfeld 04"), ("Person", "Marek Voss")]
    # across stories, and "Rheinfeld 04" tagged a person: two digits close no person's name
    report = "On Saturday Rheinfeld 04 beat Kellberg 2-0 in the league. The striker scored twice."
    other = "After a poor start, Rheinfeld drew 1-1 at home in the league. The striker missed a penalty."
    kb = link_extractions([found("a", report, ("Rheinfeld 04", "Person"), ("Kellberg", "Organization")),
                           found("b", other, ("Rheinfeld", "Organization"))])
    assert sorted((e.type, e.label, e.articles) for e in kb.entities) == [
        ("Organization", "Kellberg", ("a",)), ("Organization", "Rheinfeld 04", ("a", "b"))]


def test_two_given_names_one_letter_apart_are_two_persons_unless_one_is_a_slip_of_a_well_known_name():
    kb = link_extractions([ex("a", ("Maria Keller", "Person", "Maria Keller"), ("Verdi", "Organization", "Verdi")),
                           ex("b", ("Maria Keler", "Person", "Maria Keler")),
                           ex("c", ("Mario Keller", "Person", "Mario Keller"), ("Osterbruck", "Place", "Osterbruck"))])
    got = sorted(e.articles for e in kb.entities if e.type == "Person")
    assert got == [("a", "b"), ("c",)]  # the surname's slip joins; the other given name does not
    slip = link_extractions([ex(a, ("Angela Tarsk", "Person", "Angela Tarsk")) for a in "abc"]
                            + [ex("d", ("Angel Tarsk", "Person", "Angel Tarsk"))])
    assert [e.articles for e in slip.entities] == [("a", "b", "c", "d")]
    # A letter inside is a slip, not another name.
    inside = link_extractions([ex("a", ("Franck Tarvel", "Person", "Franck Tarvel")),
                               ex("b", ("Frank Tarvel", "Person", "Frank Tarvel"))])
    assert len(inside.entities) == 1


def test_a_name_its_story_calls_a_person_by_joins_that_person_across_articles():
    kb = link_extractions([
        ex("a", ("Luiz Carlos Bento da Rocha", "Person", "Luiz Carlos Bento da Rocha"), ("Bento", "Person", "Bento da Rocha"),
           ("Bento da Rocha", "Person", "Bento da Rocha")),
        ex("b", ("Bento", "Person", "Bento"), ("Olaf Brenner", "Person", "Olaf Brenner")),
        ex("c", ("Mira Tarvel", "Person", "Mira Tarvel")), ex("d", ("Mira", "Person", "Mira"))])
    got = sorted(e.articles for e in kb.entities)
    # "Mira" is never written alone for "Mira Tarvel": a lone first name elsewhere stays apart.
    assert got == [("a", "b"), ("b",), ("c",), ("d",)]


def test_a_river_or_forest_named_by_a_lower_case_noun_beside_it_is_a_place():
    text = "The river Lanne burst its banks near Osterbruck. Aid went to the Tarvo rainforest as well."
    kb = link_extractions([found("a", text, ("Lanne", "Person"), ("Osterbruck", "Place"), ("Tarvo", "Organization"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Place", "Lanne"), ("Place", "Osterbruck"), ("Place", "Tarvo")}


def test_a_story_about_a_club_with_few_sport_words_keeps_its_city_apart():
    transfer = ("Arminia Bielefeld have signed the Brazilian Lucas Amaral from Flamengo. The deal will cost "
                "Bielefeld 20 million euros, Bielefeld coach Mats Berg said on Monday.")
    fire = "A fire broke out at a chemical plant in Bielefeld on Wednesday. Residents of Bielefeld stayed inside."
    kb = link_extractions([at("a", transfer, ("Arminia Bielefeld", "Person", 0), ("Lucas Amaral", "Person", 0),
                              ("Bielefeld", "Place", 1), ("Bielefeld", "Place", 2), ("Mats Berg", "Person", 0)),
                           found("b", fire, ("Bielefeld", "Place"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    assert ("Place", "Bielefeld", ("b",)) in got  # the city of the fire story only
    assert [e.type for e in kb.entities if e.label == "Arminia Bielefeld"] == ["Organization"]


def test_a_name_cut_from_before_a_club_mark_in_a_match_report_is_the_club():
    report = ("Hollin FC 0-0 Brandholm in the league on Saturday. Hollin FC coach Mats Berg was sent to the stands "
              "by the referee; the striker and the goalkeeper were booked.")
    kb = link_extractions([found("a", report, ("Hollin", "Person"), ("Mats Berg", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Organization", "Hollin"), ("Person", "Mats Berg")}


def test_a_name_written_before_based_or_born_is_a_place():
    text = "The Tarvik-based aid group Sea Rescue said hundreds had died. Its founder is Velmar-born."
    kb = link_extractions([found("a", text, ("Tarvik", "Organization"), ("Sea Rescue", "Organization"),
                                 ("Velmar", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Place", "Tarvik"), ("Organization", "Sea Rescue"),
                                                        ("Place", "Velmar")}


def test_a_lone_surname_two_persons_share_joins_the_one_its_title_was_written_before():
    kb = link_extractions([
        found("a", "Opposition leader Mila Sorensen called for protests in Velgrad.", ("Mila Sorensen", "Person")),
        found("b", "Police used tear gas. Interior Minister Bogdan Sorensen ordered arrests.", ("Bogdan Sorensen", "Person")),
        at("c", "Interior Minister Sorensen and President Drazen could face travel bans.", ("Sorensen", "Person", 0),
           ("President Drazen", "Person", 0)),
        found("d", "Opposition leader Sorensen spoke to supporters on Sunday.", ("Sorensen", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities if "Sorensen" in e.label)
    assert got == [("Bogdan Sorensen", ("b", "c")), ("Mila Sorensen", ("a", "d"))]


def test_a_person_named_by_initials_joins_the_one_full_name_they_fit():
    kb = link_extractions([ex("a", ("J.K. Tarrant", "Person", "J.K. Tarrant")),
                           ex("b", ("Joanne Tarrant", "Person", "Joanne Tarrant")),
                           ex("c", ("M.L. Velder", "Person", "M.L. Velder")),
                           ex("d", ("Mira Velder", "Person", "Mira Velder")),
                           ex("e", ("Martin Velder", "Person", "Martin Velder"))])
    got = sorted(e.articles for e in kb.entities)
    # Two full names fit "M.L. Velder": it joins neither.
    assert got == [("a", "b"), ("c",), ("d",), ("e",)]


def test_a_town_tagged_an_organization_as_often_as_a_place_is_a_place_when_it_has_a_mayor():
    kb = link_extractions([
        found("a", "Mira Velder has been elected mayor of Tarsk. The Tarsk mayoral race was close.", ("Tarsk", "Place")),
        found("b", "Tarsk's new mayor, Mira Velder, was sworn in on Monday.", ("Tarsk", "Organization")),
        found("c", "Thousands protested in Tarsk on Saturday.", ("Tarsk", "Organization")),
        # A person who became mayor is no place.
        found("d", "Arvo Keskula became mayor of Velt. Keskula said he was proud.", ("Keskula", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Place", "Tarsk"), ("Person", "Arvo Keskula")}


def test_a_town_tagged_a_person_is_a_place_when_most_mentions_carry_some_place_cue_together():
    kb = link_extractions([
        found("a", "Velno budget cuts\nVELNO - The Velno-based firm said it would hire 300 workers. Prices rose "
                   "for Velno and for Orvik.", ("Velno", "Person"), ("VELNO", "Person")),
        found("b", "Ilse Marchetti, a former mayor of Velno, spoke on Friday.", ("Ilse Marchetti", "Person"),
              ("Velno", "Person")),
        found("c", "Green Future won half of the vote in Velno.", ("Velno", "Person")),
        found("d", "VELNO, May 3 (CPA) - Velno and Orvik signed the deal. Velno welcomed it.",
              ("Velno", "Person"), ("VELNO", "Person"))])
    # a dateline twice, "-based", "mayor of", "in": 5 of the 8 mentions, no one cue a majority alone
    assert ("Place", "Velno") in {(e.type, e.label) for e in kb.entities}
    # a person after a dash inside a line, or with a possessive after "in", keeps being a person
    kb = link_extractions([
        found("a", "Rally for Keskula\nThe crowd cheered - Keskula said he would win. In Keskula's view the vote "
                   "was fair.", ("Keskula", "Person")),
        found("b", "Keskula said he was proud of the result.", ("Keskula", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Person", "Keskula")}
    # a show's title opening lines is no dateline: the corpus never writes it inside a sentence
    kb = link_extractions([
        found("a", "Films of the week\nVELKINO - Preview of the new films, with Ilse Varga.", ("VELKINO", "Person")),
        found("b", "Music\nVELKINO - Preview of the new albums.", ("VELKINO", "Person"))])
    assert ("Place", "VELKINO") not in {(e.type, e.label) for e in kb.entities}


def test_a_country_name_its_article_calls_a_person_by_is_that_person():
    runner = "Chad Morrison won the Tarsk marathon. Chad said it was the best day of his life."
    vote = "Voters in Chad went to the polls. Flights to Chad were cancelled."
    kb = link_extractions([at("a", runner, ("Chad Morrison", "Person", 0), ("Chad", "Country", 1)),
                           found("b", vote, ("Chad", "Country"))])
    got = sorted((e.type, e.label, e.articles) for e in kb.entities)
    assert got == [("Country", "Chad", ("b",)), ("Person", "Chad Morrison", ("a",))]


def test_names_listed_after_a_plural_settlement_word_are_places():
    text = "The towns of Orvik, Tarsk and Velden will merge next year, officials said on Monday."
    kb = link_extractions([found("a", text, ("Orvik", "Place"), ("Tarsk", "Place"), ("Velden", "Person"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Place", "Orvik"), ("Place", "Tarsk"), ("Place", "Velden")}


def test_a_lone_surname_in_a_short_sports_item_joins_the_coach_of_a_match_report():
    report = ("Tarsk United beat Hollin 2-0 in the Bundesliga. The striker scored twice and the goalkeeper saved a "
              "penalty. Tarsk coach Henrik Solberg praised the midfielder after the relegation fight.")
    item = "Keller scored on his debut as Tarsk United beat Velden 3-1. The midfielder impressed. Solberg was happy."
    kb = link_extractions([found("a", report, ("Henrik Solberg", "Person")), found("b", item, ("Solberg", "Person"))])
    assert [e.articles for e in kb.entities if e.type == "Person"] == [("a", "b")]


def test_an_acronym_of_a_compound_word_name_joins_it_where_an_article_writes_both():
    kb = link_extractions([
        found("a", "Velmarwagen is recalling 100,000 cars. VMW said no injuries had been reported.",
              ("Velmarwagen", "Organization"), ("VMW", "Organization")),
        found("b", "Workers at VMW plants went on strike. The union said VMW had refused to talk.", ("VMW", "Organization")),
        # Two names of its article fit "TK": it joins neither.
        found("c", "Tarskkraft and Tarvokabel merged. TK said so.", ("Tarskkraft", "Organization"),
              ("Tarvokabel", "Organization"), ("TK", "Organization"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    assert got == [("TK", ("c",)), ("Tarskkraft", ("c",)), ("Tarvokabel", ("c",)), ("Velmarwagen", ("a", "b"))]


def test_a_country_a_person_is_named_after_stays_the_country_where_its_story_writes_it_so():
    text = "Foreign Minister Israel Katz spoke on Monday. Israel said it would reply. Rockets hit towns in Israel."
    kb = link_extractions([at("a", text, ("Israel Katz", "Person", 0), ("Israel", "Country", 1), ("Israel", "Country", 2))])
    assert sorted((e.type, e.label) for e in kb.entities) == [("Country", "Israel"), ("Person", "Israel Katz")]
    assert {e.type: e.mentions for e in kb.entities} == {"Country": 2, "Person": 1}  # "Israel said" is the country


def test_a_player_fouled_or_faced_in_match_reports_stays_a_person():
    report = ("The striker Keskov was fouled in the box. The referee gave a penalty against Velden for the foul "
              "against Keskov, and the goalkeeper could not save it in the league match. Keskov side-footed home.")
    kb = link_extractions([found("a", report, ("Keskov", "Person"))])
    assert [(e.type, e.label) for e in kb.entities] == [("Person", "Keskov")]


def test_a_city_team_of_researchers_outside_match_reports_stays_the_city():
    text = "The Bielefeld team of researchers found a new vaccine. Bielefeld is proud of its university."
    kb = link_extractions([found("a", text, ("Bielefeld", "Place"))])
    assert [(e.type, e.label) for e in kb.entities] == [("Place", "Bielefeld")]


def test_a_full_name_with_a_particle_is_no_compound_surname_of_a_longer_name():
    kb = link_extractions([ex("a", ("Maria Paulo da Tarsa", "Person", "Maria Paulo da Tarsa")),
                           ex("b", ("Paulo da Tarsa", "Person", "Paulo da Tarsa"))])
    assert len(kb.entities) == 2  # "Paulo" is a given name: "Paulo da Tarsa" is another person's full name


def test_a_partys_members_plural_joined_to_its_party_takes_no_longer_qualified_name():
    # "Democrats" already joined to the "Democratic Party" (its members' plural) is that party, read in its
    # story's country: not the "Social Democrats" other stories about another country name far more often,
    # though the story names that other country once.
    kb = link_extractions([ex("a", ("Democratic Party", "Organization", "Democratic Party"), ("Ostmark", "Country", "Ostmark")),
                           ex("b", ("Democrats", "Organization", "Democrats"), ("Veltria", "Country", "Veltria"),
                              ("Veltria", "Country", "Veltria"), ("Ostmark", "Country", "Ostmark")),
                           *[ex(f"s{i}", ("Social Democrats", "Organization", "Social Democrats"),
                                ("Ostmark", "Country", "Ostmark")) for i in range(4)],
                           ex("c", ("Christian Democrats", "Organization", "Christian Democrats"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert all("b" not in arts for label, arts in got.items() if label.startswith("Social Democrats"))
    assert any("b" in arts for label, arts in got.items() if label.startswith("Democratic Party"))
    # So when the plural is written more often than the party's name (the join then keeps the plural's name).
    plural = [ex(k, ("Democrats", "Organization", "Democrats"), ("Veltria", "Country", "Veltria"),
                 ("Veltria", "Country", "Veltria"), ("Ostmark", "Country", "Ostmark")) for k in ("b", "d", "e")]
    kb = link_extractions([ex("a", ("Democratic Party", "Organization", "Democratic Party"), ("Veltria", "Country", "Veltria")),
                           *plural, *[ex(f"s{i}", ("Social Democrats", "Organization", "Social Democrats"),
                                         ("Ostmark", "Country", "Ostmark")) for i in range(4)]])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert all(not {"b", "d", "e"} & set(arts) for label, arts in got.items() if label.startswith("Social Democrats"))


def test_a_companys_first_word_in_another_story_stays_apart():
    # "Tarsk" alone elsewhere may be the group whose unit "Tarsk Electronics" is: no join across stories.
    kb = link_extractions([ex("a", ("Orlin Systems", "Organization", "Orlin Systems")),
                           ex("b", ("Orlin", "Organization", "Orlin"), text="Shares of Orlin fell on Friday.")])
    assert {e.label for e in kb.entities} == {"Orlin Systems", "Orlin"}


def test_a_word_two_companies_open_joins_neither():
    kb = link_extractions([ex("a", ("Orlin Systems", "Organization", "Orlin Systems")),
                           ex("b", ("Orlin Motors", "Organization", "Orlin Motors")),
                           ex("c", ("Orlin", "Organization", "Orlin"), text="Shares of Orlin fell on Friday.")])
    assert {e.label for e in kb.entities} == {"Orlin Systems", "Orlin Motors", "Orlin"}


def test_a_dateline_city_in_a_match_report_stays_the_place():
    report = ("OSLO -- Chile beat Peru 2-1. The striker scored twice, the goalkeeper saved a penalty and the "
              "league title is near. Oslo fans were happy.")
    kb = link_extractions([found("a", report, ("OSLO", "Place"), ("Chile", "Country"), ("Peru", "Country"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert ("Organization", "OSLO") not in got and ("Organization", "Oslo") not in got
    assert ("Organization", "Chile (national team)") in got
    # a hyphen with a space either side closes a dateline too
    report = ("OSLO - Chile beat Peru 2-1. The striker scored twice, the goalkeeper saved a penalty and the "
              "league title is near. Oslo fans were happy.")
    kb = link_extractions([found("a", report, ("OSLO", "Place"), ("Chile", "Country"), ("Peru", "Country"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert ("Organization", "OSLO") not in got and ("Organization", "Oslo") not in got


def test_a_generic_state_body_is_read_in_the_country_a_story_names_first_on_a_tie():
    text = ("Veltrian minister quits\n\nNorway's finance minister quit on Monday. Mediators from Chile and "
            "Norway met. Chile's envoy spoke. Protesters gathered outside the Defense Ministry in Oslo.")
    kb = link_extractions([found("a", text, ("Norway", "Country"), ("Chile", "Country"),
                                 ("Defense Ministry", "Organization"))])
    assert ("Organization", "Defense Ministry (Norway)") in {(e.type, e.label) for e in kb.entities}


def test_a_country_before_a_player_in_a_tennis_story_is_where_she_is_from():
    report = ("Chile's Ana Berg won the final 6-3 6-4 in straight sets. The top seed beat Norway's Ilse Varga, "
              "and fans in the stadium cheered the tennis champion after the match.")
    kb = link_extractions([found("a", report, ("Chile", "Country"), ("Norway", "Country"))])
    got = {(e.type, e.label) for e in kb.entities}
    assert got == {("Country", "Chile"), ("Country", "Norway")}
    # The same words with a team sport's: the national teams, as before.
    kb = link_extractions([found("a", report.replace("tennis champion", "striker and the goalkeeper"),
                                 ("Chile", "Country"), ("Norway", "Country"))])
    assert ("Organization", "Norway (national team)") in {(e.type, e.label) for e in kb.entities}


def test_two_lone_surnames_listed_together_vouch_for_each_other():
    # Tagged an organization and a place in a story that names neither player in full, each ends the full name
    # of one person of the corpus, and they are listed with each other rather than with a tagged person.
    full = _placed("a", "Arvo Tarvel and Mart Keskula signed new contracts. The striker and the goalkeeper "
                   "stay for the league season.", ("Arvo Tarvel", "Person"), ("Mart Keskula", "Person"))
    fans = found("b", "Fans said Tarvel and Keskula are the problem after the league match. The coach backed "
                 "Keskula, Tarvel and the striker.", ("Tarvel", "Organization"), ("Keskula", "Place"))
    got = {(e.type, e.label): e.articles for e in link_extractions([full, fans]).entities}
    assert got == {("Person", "Arvo Tarvel"): ("a", "b"), ("Person", "Mart Keskula"): ("a", "b")}
    # Without the full names elsewhere, nothing says they are persons.
    got = {(e.type, e.label) for e in link_extractions([fans]).entities}
    assert got == {("Organization", "Tarvel"), ("Place", "Keskula")}
    # Outside sport, two firms named after their founders are listed together as well.
    firms = found("b", "Tarvel and Keskula raised prices. Shares of Tarvel and Keskula fell after the firms cut jobs.",
                  ("Tarvel", "Organization"), ("Keskula", "Organization"))
    got = {(e.type, e.label): e.articles for e in link_extractions([full, firms]).entities}
    assert got[("Organization", "Tarvel")] == ("b",) and got[("Person", "Arvo Tarvel")] == ("a",)


def test_a_clubs_first_word_joins_the_club_its_story_wrote_by_the_city_alone():
    report = ("Vorwarts Dortmund beat Vorwarts Leipzig 2-1 in the Bundesliga. The striker scored twice and the "
              "goalkeeper saved a penalty.")
    clubs = [found(f"c{i}", report, ("Vorwarts Dortmund", "Organization"), ("Vorwarts Leipzig", "Organization"))
             for i in range(2)]
    # The story writes the club as "Dortmund" and, later, as "Vorwarts": the first word of two clubs of the corpus,
    # of which only one is named here.
    story = found("s", "The midfielder joined Dortmund in May. He scored twice in the league and the coach praised the "
                  "goalkeeper. The striker said the Vorwarts fans sing loudest in the league.",
                  ("Dortmund", "Place"), ("Vorwarts", "Organization"))
    got = {(e.type, e.label): e.articles for e in link_extractions([*clubs, story]).entities}
    assert got[("Organization", "Vorwarts Dortmund")] == ("c0", "c1", "s")
    assert ("Organization", "Vorwarts") not in got


def test_a_generic_party_a_citizen_of_another_country_belongs_to_is_that_countrys():
    from dataclasses import replace as _replace

    from kgraph.core.model import Relation

    text = ("Veltria Veltria Veltria. Ostmark's integration commissioner Arvo Tarvel, of the Social Democrats, "
            "said the visit to Veltria was cancelled. The Social Democrats asked for talks.")
    a = found("a", text, ("Veltria", "Country"), ("Ostmark", "Country"), ("Arvo Tarvel", "Person"),
              ("Social Democrats", "Organization"))
    ms = {m.text: m for m in a.mentions}
    party = next(m for m in a.mentions if m.text == "Social Democrats")

    def said(subject, predicate, obj, confidence):
        return Relation(subject, predicate, obj, confidence, "model:doc", text, 0, len(text))

    stories = [ex("b", ("Social Democrats", "Organization", "Social Democrats"), ("Ostmark", "Country", "Ostmark")),
               ex("c", ("Social Democrats", "Organization", "Social Democrats"), ("Veltria", "Country", "Veltria"))]
    member = said(ms["Arvo Tarvel"], "worksFor", party, 0.9)
    for confidence, home in ((0.9, "Ostmark"), (0.5, "Veltria")):
        stated = _replace(a, relations=(said(ms["Arvo Tarvel"], "citizenOf", ms["Ostmark"], confidence), member))
        got = {e.label: e.articles for e in link_extractions([stated, *stories]).entities if e.type == "Organization"}
        # Its member is Ostmark's citizen: the party is Ostmark's in the whole story; a weak statement says nothing.
        assert got[f"Social Democrats ({home})"] == tuple(sorted(("a", "b" if home == "Ostmark" else "c")))


def test_a_lone_surname_tagged_an_organization_in_a_sports_story_is_the_person_named_in_full_elsewhere():
    full = found("a", "Coach Arvo Tarvel praised the squad after the league match. Arvo Tarvel said the striker and "
                 "the goalkeeper had earned a rest.", ("Arvo Tarvel", "Person"))
    report = ("Tarvel rested four starters before the cup match. The striker scored twice and the goalkeeper saved a "
              "penalty in the league.")
    got = {(e.type, e.label): e.articles for e in
           link_extractions([full, found("b", report, ("Tarvel", "Organization"))]).entities}
    assert got == {("Person", "Arvo Tarvel"): ("a", "b")}
    # Outside sport it may be a company named like him, as before.
    business = "Tarvel raised its prices again. Its shares fell and the board met on Monday."
    got = {(e.type, e.label): e.articles for e in
           link_extractions([full, found("b", business, ("Tarvel", "Organization"))]).entities}
    assert got == {("Person", "Arvo Tarvel"): ("a",), ("Organization", "Tarvel"): ("b",)}


def test_a_state_office_named_with_words_news_writes_in_lower_case_is_one_per_country():
    # "Statistics" is written capitalized only inside the name in this small corpus: the entity model's
    # lower-case words say it is a common word, so the office is generic, one per country.
    def office(aid, country, said):
        text = f"{country} {country} {country}. The National Bureau of Statistics said {said}."
        return found(aid, text, (country, "Country"), ("National Bureau of Statistics", "Organization"))

    kb = link_extractions([office("a", "Tanzania", "prices rose"), office("b", "China", "output grew")])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert got == {"National Bureau of Statistics (Tanzania)": ("a",), "National Bureau of Statistics (China)": ("b",)}


def _story(aid, text, *names):
    """Build an extraction of ``text`` whose mentions are the first occurrences of ``(name, type)``."""
    mentions = []
    for name, kind in names:
        i = text.index(name)
        mentions.append(Mention(name, kind, i, i + len(name), name))
    return Extraction(Article(aid, text), tuple(mentions))


def test_a_rulers_given_name_after_a_title_joins_the_numbered_name_named_elsewhere():
    full = _story("a", "Pope Gregor XIX spoke in Tarsk on Sunday.", ("Gregor XIX", "Person"))
    titled = _story("b", "Pope Gregor blessed the crowd in Velt.", ("Gregor", "Person"))
    (e,) = link_extractions([full, titled]).entities
    assert e.label == "Gregor XIX" and e.articles == ("a", "b")
    # Without the title a lone given name stays apart: another Gregor may be meant.
    plain = _story("b", "Gregor said the crowd in Velt was large.", ("Gregor", "Person"))
    assert {e.label for e in link_extractions([full, plain]).entities} == {"Gregor XIX", "Gregor"}
    # A title that is no ruler's ("Minister Gregor") neither.
    minister = _story("b", "Minister Gregor said the crowd in Velt was large.", ("Gregor", "Person"))
    assert {e.label for e in link_extractions([full, minister]).entities} == {"Gregor XIX", "Gregor"}


def test_a_lone_surname_two_full_names_share_is_the_one_whose_stories_name_the_same_people_and_bodies():
    kb = link_extractions([
        ex("a", ("Mira Tasker", "Person", "Mira Tasker"), ("Green Front", "Organization", "Green Front"),
           ("Ivo Brandt", "Person", "Ivo Brandt")),
        ex("b", ("Mira Tasker", "Person", "Mira Tasker"), ("Green Front", "Organization", "Green Front")),
        ex("c", ("Paul Tasker", "Person", "Paul Tasker"), ("Orland Bank", "Organization", "Orland Bank")),
        ex("d", ("Paul Tasker", "Person", "Paul Tasker"), ("Orland Bank", "Organization", "Orland Bank")),
        ex("e", ("Tasker", "Person", "Tasker"), ("Green Front", "Organization", "Green Front"),
           ("Ivo Brandt", "Person", "Ivo Brandt")),
        # a story that names what both of them are named with says nothing
        ex("f", ("Tasker", "Person", "Tasker"), ("Green Front", "Organization", "Green Front"),
           ("Orland Bank", "Organization", "Orland Bank"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    assert got == [("Ivo Brandt", ("a", "e")), ("Mira Tasker", ("a", "b", "e")), ("Paul Tasker", ("c", "d")),
                   ("Tasker", ("f",))]


def _every(aid, text, *names):
    """Build an extraction of ``text`` whose mentions are every occurrence of each ``(name, type)`` as a word."""
    mentions = [Mention(name, kind, m.start(), m.end(), name) for name, kind in names
                for m in re.finditer(rf"\b{re.escape(name)}\b", text)]
    return Extraction(Article(aid, text), tuple(sorted(mentions, key=lambda m: m.start)))


def test_a_one_word_name_written_once_a_letter_off_a_name_its_story_writes_often_is_a_slip_of_it():
    text = ("Sulana plans a march. Sulana stayed with her parents. On that night Sulanna inhaled the gas. "
            "Sulana told reporters her son was ill.")
    kb = link_extractions([_every("a", text, ("Sulana", "Person"), ("Sulanna", "Person")),
                           _every("b", "Sulanna sang in Tarsk on Friday.", ("Sulanna", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    # Only in its story: another story's Sulanna may be someone else.
    assert got == [("Sulana", ("a",)), ("Sulanna", ("b",))]


def test_two_given_names_a_short_word_or_a_spelling_written_twice_stay_apart():
    given = "Mario spoke first. Mario left. Mario came back. Maria stayed."
    kb = link_extractions([_every("a", given, ("Mario", "Person"), ("Maria", "Person"))])
    assert sorted(e.label for e in kb.entities) == ["Maria", "Mario"]
    short = "Vela spoke first. Vela left. Vela came back. Velo stayed."
    assert sorted(e.label for e in link_extractions([_every("a", short, ("Vela", "Person"),
                                                            ("Velo", "Person"))]).entities) == ["Vela", "Velo"]
    twice = "Sulana spoke. Sulana left. Sulana came. Sulanna stayed. Sulanna went."
    kb = link_extractions([_every("a", twice, ("Sulana", "Person"), ("Sulanna", "Person"))])
    assert sorted(e.label for e in kb.entities) == ["Sulana", "Sulanna"]


def test_a_person_named_as_a_town_is_only_by_another_spelling_stays_a_person():
    # GeoNames lists "Sulana" among the other names of a Peruvian town, "Sullana": a person's name here.
    text = "The 46-year-old Sulana plans a march. Sulana stayed with her parents. Sulana told reporters so."
    (e,) = link_extractions([_every("a", text, ("Sulana", "Person"))]).entities
    assert (e.type, e.label) == ("Person", "Sulana")
    # A town's own name the NER read as a person's is the town, as before.
    (town,) = link_extractions([_every("a", "Sullana grew. Sullana is hot. Sullana voted.", ("Sullana", "Person"))]).entities
    assert town.type == "Place"


def _spans(aid, text, *names):
    """Build an extraction with every occurrence of each ``(name, type)``, a longer name winning an overlap."""
    found = sorted(((m.start(), -(m.end() - m.start()), name, kind) for name, kind in names
                    for m in re.finditer(rf"\b{re.escape(name)}\b", text)))
    mentions, last = [], -1
    for start, neg, name, kind in found:
        if start >= last:
            mentions.append(Mention(name, kind, start, start - neg, name))
            last = start - neg
    return Extraction(Article(aid, text), tuple(mentions))


def test_a_towns_name_that_is_the_surname_of_the_story_person_and_never_written_as_a_place_is_that_person():
    text = ("Velmor Motors chief Frederick Henderson was told to prepare a plan. The board rejected "
            "Henderson's proposal. Henderson declined to comment.")
    names = (("Frederick Henderson", "Person"), ("Henderson", "Place"), ("Velmor Motors", "Organization"))
    kb = link_extractions([_spans("a", text, *names)])
    assert sorted((e.type, e.label) for e in kb.entities) == [("Organization", "Velmor Motors"),
                                                               ("Person", "Frederick Henderson")]
    # Written as a place once in the story, the town stays.
    kb = link_extractions([_spans("a", text + " The plant in Henderson will close.", *names)])
    assert ("Place", "Henderson") in {(e.type, e.label) for e in kb.entities}
    # Two persons of the story end in it: neither is chosen.
    two = text + " His cousin Mary Henderson agreed."
    kb = link_extractions([_spans("a", two, *names, ("Mary Henderson", "Person"))])
    assert ("Place", "Henderson") in {(e.type, e.label) for e in kb.entities}


def test_a_small_town_the_match_reports_make_a_club_is_the_town_where_a_story_with_no_sport_writes_it_as_a_place():
    # the gazetteer knows no "Vossmark"; the NER read the flooded town as a person
    reports = [found(a, "Dornvik beat Vossmark 2-1. " + REPORT, ("Vossmark", "Organization"), ("Dornvik", "Organization"))
               for a in "abc"]
    flood = found("d", "Heavy rain flooded large parts of Vossmark. Soldiers were sent to Vossmark.", ("Vossmark", "Person"))
    kb = link_extractions(reports + [flood])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Place", "Vossmark")] == ("d",) and got[("Organization", "Vossmark")] == ("a", "b", "c")


def test_a_club_outside_match_reports_stays_the_club_without_a_place_cue_or_tagged_an_organization():
    reports = [found(a, "Dornvik beat Vossmark 2-1. " + REPORT, ("Vossmark", "Organization"), ("Dornvik", "Organization"))
               for a in "abc"]
    shares = found("d", "Vossmark said its shares rose. Vossmark hired a banker.", ("Vossmark", "Person"))
    tagged = found("e", "Fans from Vossmark marched. Vossmark said the board met.", ("Vossmark", "Organization"))
    kb = link_extractions(reports + [shares, tagged])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Organization", "Vossmark")] == ("a", "b", "c", "d", "e") and ("Place", "Vossmark") not in got


def test_a_dateline_in_capitals_is_the_town_not_the_club_named_after_it():
    report = "VOSSMARK, Sweden - Vossmark SK sacked their coach. Vossmark are bottom. " + REPORT
    kb = link_extractions([found("a", report, ("VOSSMARK", "Organization"), ("Vossmark SK", "Organization"),
                                 ("Sweden", "Country"))])
    got = {(e.type, e.label): e.articles for e in kb.entities}
    assert got[("Place", "VOSSMARK")] == ("a",) and got[("Organization", "Vossmark SK")] == ("a",)
    # capitals inside a line are no dateline: the club's
    kb = link_extractions([found("a", "Fans sang VOSSMARK - the club's name. " + REPORT, ("VOSSMARK", "Organization"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Organization", "VOSSMARK")}


def test_a_place_glued_to_a_headlines_next_word_is_no_person():
    text = "Ostrava Nazi graffiti condemned\n\nPolice in Ostrava are investigating Nazi graffiti on a wall."
    kb = link_extractions([found("a", text, ("Ostrava Nazi", "Person"), ("Ostrava", "Place")),
                           ex("b", ("Ostrava", "Place", "Ostrava"))])
    assert {(e.type, e.label) for e in kb.entities} == {("Place", "Ostrava")}


def test_a_person_named_in_a_headline_and_in_full_below_it_stays_though_a_place_opens_the_name():
    text = "Paris Keskula wins\n\nParis Keskula won the race in Paris on Sunday."
    kb = link_extractions([found("a", text, ("Paris Keskula", "Person"), ("Paris", "Place"))])
    assert ("Person", "Paris Keskula") in labels(kb)
    # a headline alone, with no story under it, is no headline
    kb = link_extractions([found("a", "Paris Keskula wins in Paris", ("Paris Keskula", "Person"), ("Paris", "Place"))])
    assert ("Person", "Paris Keskula") in labels(kb)
    # named in full in another story: the person
    kb = link_extractions([found("a", "Velt Keskula wins\n\nShe won in Velt.", ("Velt Keskula", "Person"), ("Velt", "Place")),
                           ex("b", ("Velt Keskula", "Person", "Velt Keskula"))])
    assert ("Person", "Velt Keskula") in labels(kb)


def found_named(aid, text, *names):
    """Build an extraction as :func:`found` does from (text, type, name) triples: extraction's name for each."""
    out = [Mention(t, kind, m.start(), m.end(), name) for t, kind, name in names for m in re.finditer(re.escape(t), text)]
    return Extraction(Article(aid, text), tuple(sorted(out, key=lambda m: m.start)))


_FINN_TEXT = "The Nordic Democratic Party (NDP) won in Finland. The NDP leads."
_FINN_NAMES = [("Nordic Democratic Party", "Organization", "Nordic Democratic Party"),
               ("NDP", "Organization", "Nordic Democratic Party"), ("Finland", "Country", "Finland")]
_GHANA_TEXT = "Ghana's National Development Party (NDP) chose a candidate. The NDP never won."
_GHANA_NAMES = [("National Development Party", "Organization", "National Development Party"),
                ("NDP", "Organization", "National Development Party"), ("Ghana", "Country", "Ghana")]


def test_an_acronym_two_countries_parties_spell_is_the_one_named_in_stories_of_its_storys_country():
    finn_text, finn_names, ghana_text, ghana_names = _FINN_TEXT, _FINN_NAMES, _GHANA_TEXT, _GHANA_NAMES
    finn = found_named("a", finn_text, *finn_names)
    ghana = [found_named(a, ghana_text, *ghana_names) for a in "bc"]
    alone = found("d", "The NDP agreed a coalition deal in Finland.", ("NDP", "Organization"), ("Finland", "Country"))
    got = {e.label.split(" (")[0]: e.articles for e in link_extractions([finn, *ghana, alone]).entities}
    assert got["Nordic Democratic Party"] == ("a", "d") and got["National Development Party"] == ("b", "c")


def test_an_acronym_two_parties_spell_stays_apart_in_a_story_naming_no_country_or_one_both_parties_stories_name():
    sweden = ("Sweden", "Country", "Sweden")
    both = [found_named("a", _FINN_TEXT + " In Sweden too.", *_FINN_NAMES, sweden),
            found_named("b", _GHANA_TEXT + " In Sweden too.", *_GHANA_NAMES, sweden),
            found_named("c", _GHANA_TEXT, *_GHANA_NAMES)]
    for text, names in (("The NDP agreed a deal in Sweden.", [("NDP", "Organization"), ("Sweden", "Country")]),
                        ("The NDP agreed a deal.", [("NDP", "Organization")])):
        got = {e.label.split(" (")[0]: e.articles for e in link_extractions([*both, found("d", text, *names)]).entities}
        assert got["NDP"] == ("d",)


def test_a_lone_surname_whose_title_states_another_country_joins_no_full_name_elsewhere():
    kb = link_extractions([
        found("a", "Brazilian Finance Minister Paulo Serrada cut spending.", ("Paulo Serrada", "Person")),
        found("b", "Portuguese opposition leader Serrada attacked the budget.", ("Serrada", "Person")),
        found("c", "Australian Prime Minister Harwood called an election.", ("Harwood", "Person")),
        found("d", "British Labour leader Simon Harwood spoke in Leeds.", ("Simon Harwood", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    assert got == [("Harwood", ("c",)), ("Paulo Serrada", ("a",)), ("Serrada", ("b",)), ("Simon Harwood", ("d",))]


def test_a_lone_surname_whose_title_states_the_same_country_or_none_joins_the_full_name_elsewhere():
    kb = link_extractions([
        found("a", "German Chancellor Greta Hollmann visited Paris.", ("Greta Hollmann", "Person")),
        found("b", "Germany's Chancellor Hollmann defended her policy.", ("Hollmann", "Person")),
        found("c", "Chancellor Hollmann met the mayors.", ("Hollmann", "Person")),
        found("d", "Hollmann, a German politician, spoke.", ("Hollmann", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    assert got == [("Greta Hollmann", ("a", "b", "c", "d"))]


def test_a_lone_surname_after_a_sports_role_joins_no_full_name_only_other_stories_name():
    kb = link_extractions([
        found("a", "Senator Chidi Okafor criticised the oil spill response.", ("Chidi Okafor", "Person")),
        found("b", "Heavyweight boxer Okafor won the world title in Las Vegas.", ("Okafor", "Person")),
        found("c", "Senator Okafor said the firm must pay.", ("Okafor", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    assert got == [("Chidi Okafor", ("a", "c")), ("Okafor", ("b",))]


def test_a_lone_surname_after_a_sports_role_joins_the_full_name_match_reports_name():
    kb = link_extractions([
        found("a", "Striker Tom Ashby scored twice as Dunmore beat Kelby 2-1 in the derby.", ("Tom Ashby", "Person")),
        found("b", "Striker Ashby signed a new contract.", ("Ashby", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    assert got == [("Tom Ashby", ("a", "b"))]


def test_a_lone_surname_after_another_role_still_joins_the_full_name_of_its_kind_of_story():
    kb = link_extractions([
        found("a", "Senator Chidi Okafor criticised the oil spill response.", ("Chidi Okafor", "Person")),
        found("b", "Lawmaker Okafor said the firm must pay.", ("Okafor", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    assert got == [("Chidi Okafor", ("a", "b"))]


def test_a_place_written_as_a_town_joins_no_province_named_after_it():
    kb = link_extractions([
        found("a", "Rain flooded Tarsovo Province. In the city of Tarsovo, the river rose.",
              ("Tarsovo Province", "Place"), ("Tarsovo", "Place")),
        found("b", "The mayor of Tarsovo resigned.", ("Tarsovo", "Place"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    assert got == [("Tarsovo", ("a", "b")), ("Tarsovo Province", ("a",))]


def test_a_place_not_written_as_a_town_still_joins_its_province():
    kb = link_extractions([
        found("a", "Fighting spread across Velmara Province on Monday.", ("Velmara Province", "Place")),
        found("b", "Rebels took Velmara after a week.", ("Velmara", "Place"))])
    assert sorted((e.label, e.articles) for e in kb.entities) == [("Velmara Province", ("a", "b"))]


def test_a_full_name_tagged_an_organization_joins_no_other_full_name_its_storys_lone_surname_was_read_as():
    kb = link_extractions([
        found("a", "Prime Minister Gabor Szerdahelyi won a confidence vote.", ("Gabor Szerdahelyi", "Person")),
        at("b", "Szerdahelyi's son arrested. Police arrested Bence Szerdahelyi on Thursday.",
           ("Szerdahelyi", "Person", 0), ("Bence Szerdahelyi", "Organization", 0))])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Gabor Szerdahelyi"] == ("a", "b") and got["Bence Szerdahelyi"] == ("b",)


def test_a_full_name_tagged_an_organization_joins_the_lone_surname_beside_it_read_as_that_person():
    kb = link_extractions([
        found("a", "Prime Minister Alar Keskula won a confidence vote.", ("Alar Keskula", "Person")),
        at("b", "Keskula wins again. Voters backed Alar Keskula on Thursday.",
           ("Keskula", "Person", 0), ("Alar Keskula", "Organization", 0))])
    assert [(e.label, e.articles) for e in kb.entities] == [("Alar Keskula", ("a", "b"))]


def test_a_generic_party_name_in_a_story_naming_no_country_is_not_the_one_another_story_wrote_with_its_country():
    kb = link_extractions([
        found("a", "The Labour Party won a by-election in Cardiff on Thursday.", ("Labour Party", "Organization")),
        found("b", "New Zealand's Labour Party launched its campaign in Auckland.",
              ("New Zealand", "Country"), ("Labour Party", "Organization"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
    assert got == [("Labour Party", ("a",)), ("Labour Party (New Zealand)", ("b",))]


def test_a_generic_party_name_in_a_story_naming_no_country_is_the_one_other_stories_write_plainly():
    kb = link_extractions([
        found("a", "The Labour Party won a by-election in Cardiff on Thursday.", ("Labour Party", "Organization")),
        found("b", "In New Zealand, the Labour Party launched its campaign.",
              ("New Zealand", "Country"), ("Labour Party", "Organization")),
        found("c", "The Labour Party of New Zealand chose a leader.",
              ("New Zealand", "Country"), ("Labour Party", "Organization"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
    assert got == [("Labour Party (New Zealand)", ("a", "b", "c"))]


def test_a_lone_particle_surname_two_persons_share_joins_the_one_its_title_was_written_before():
    kb = link_extractions([
        found("a", "Oil minister Khalid al-Rashidi and businessman Faisal al-Rashidi signed a deal.",
              ("Khalid al-Rashidi", "Person"), ("Faisal al-Rashidi", "Person")),
        found("b", "Saudi oil minister al-Rashidi warned that prices could fall.", ("al-Rashidi", "Person")),
        found("c", "Saudi businessman al-Rashidi bought a hotel chain.", ("al-Rashidi", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    assert got == [("Faisal al-Rashidi", ("a", "c")), ("Khalid al-Rashidi", ("a", "b"))]


def test_a_lone_particle_surname_without_a_title_joins_neither_of_two_full_names():
    kb = link_extractions([
        found("a", "Oil minister Khalid al-Rashidi and businessman Faisal al-Rashidi signed a deal.",
              ("Khalid al-Rashidi", "Person"), ("Faisal al-Rashidi", "Person")),
        found("b", "On Monday al-Rashidi warned that prices could fall.", ("al-Rashidi", "Person"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Person")
    assert got == [("Faisal al-Rashidi", ("a",)), ("Khalid al-Rashidi", ("a",)), ("al-Rashidi", ("b",))]


def test_a_generic_body_in_a_story_naming_no_country_but_its_towns_is_that_countrys():
    kb = link_extractions([
        found("a", "Kenya's National Assembly passed a bill in Nairobi.", ("Kenya", "Country"),
              ("National Assembly", "Organization"), ("Nairobi", "Place")),
        found("b", "In France, the National Assembly in Paris approved the reform.", ("France", "Country"),
              ("National Assembly", "Organization"), ("Paris", "Place")),
        found("c", "France's National Assembly met again.", ("France", "Country"), ("National Assembly", "Organization")),
        found("d", "The National Assembly debated the budget. Nairobi traders watched.",
              ("National Assembly", "Organization"), ("Nairobi", "Place"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
    assert got == [("National Assembly (France)", ("b", "c")), ("National Assembly (Kenya)", ("a", "d"))]


def test_a_generic_body_in_a_story_naming_no_country_nor_town_is_the_main_homes():
    kb = link_extractions([
        found("a", "Kenya's National Assembly passed a bill in Nairobi.", ("Kenya", "Country"),
              ("National Assembly", "Organization"), ("Nairobi", "Place")),
        found("b", "In France, the National Assembly in Paris approved the reform.", ("France", "Country"),
              ("National Assembly", "Organization"), ("Paris", "Place")),
        found("c", "In France the National Assembly met again.", ("France", "Country"), ("National Assembly", "Organization")),
        found("d", "The National Assembly debated the budget.", ("National Assembly", "Organization"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
    assert got == [("National Assembly (France)", ("b", "c", "d")), ("National Assembly (Kenya)", ("a",))]


def test_an_organization_of_a_country_and_the_same_name_after_its_demonym_are_one():
    kb = link_extractions([
        found("a", "Greek Communist Party holds rally. The Communist Party of Greece marched in Athens.",
              ("Greek Communist Party", "Organization"), ("Communist Party of Greece", "Organization")),
        found("b", "The Communist Party of India won in Kerala.", ("Communist Party of India", "Organization"))])
    got = sorted((e.label, e.articles) for e in kb.entities if e.type == "Organization")
    assert got == [("Communist Party of Greece", ("a",)), ("Communist Party of India", ("b",))]


def test_an_organization_of_two_countries_stays_two_and_of_a_town_still_joins_its_other_order():
    kb = link_extractions([
        found("a", "The Communist Party of Greece marched.", ("Communist Party of Greece", "Organization")),
        found("b", "The Cypriot Communist Party voted.", ("Cypriot Communist Party", "Organization")),
        found("c", "The University of Tarsk opened a campus.", ("University of Tarsk", "Organization")),
        found("d", "Tarsk University fired its rector.", ("Tarsk University", "Organization"))])
    got = sorted(e.articles for e in kb.entities if e.type == "Organization")
    assert got == [("a",), ("b",), ("c", "d")]


def test_a_lone_surname_in_a_story_of_a_sport_of_single_players_joins_no_full_name_only_other_stories_name():
    kb = link_extractions([
        found("a", "Chief executive Milo Brandauer said the deal would close in March.", ("Milo Brandauer", "Person")),
        found("b", "Brandauer won the Vienna Open, beating the top seed in straight sets at the tennis final.",
              ("Brandauer", "Person"))])
    assert sorted((e.label, e.articles) for e in kb.entities) == [("Brandauer", ("b",)), ("Milo Brandauer", ("a",))]


def test_a_lone_surname_in_a_story_of_a_sport_of_single_players_joins_the_full_name_such_stories_name():
    kb = link_extractions([
        found("a", "Milo Brandauer reached the tennis final after losing two sets to the seed.", ("Milo Brandauer", "Person")),
        found("b", "Brandauer won the Vienna Open, beating the top seed in straight sets at the tennis final.",
              ("Brandauer", "Person"))])
    assert [(e.label, e.articles) for e in kb.entities] == [("Milo Brandauer", ("a", "b"))]


def test_a_town_no_gazetteer_knows_that_two_stories_place_in_two_countries_is_two_towns():
    kb = link_extractions([
        found("a", "Residents of Kelmar, a small town in Poland, protested.", ("Kelmar", "Place"), ("Poland", "Country")),
        found("b", "A tornado struck Kelmar, Texas, on Tuesday.", ("Kelmar", "Place"), ("Texas", "Place"))])
    got = sorted((e.label, e.articles) for e in kb.entities if "Kelmar" in e.label)
    assert got == [("Kelmar (Poland)", ("a",)), ("Kelmar (Texas)", ("b",))]


def test_a_town_no_gazetteer_knows_that_stories_place_in_one_country_is_one_town():
    kb = link_extractions([
        found("a", "Residents of Kelmar, a small town in Poland, protested.", ("Kelmar", "Place"), ("Poland", "Country")),
        found("b", "Floods hit Kelmar, Poland, on Tuesday.", ("Kelmar", "Place"), ("Poland", "Country")),
        found("c", "The mayor of Kelmar resigned.", ("Kelmar", "Place"))])
    assert [(e.label, e.articles) for e in kb.entities if "Kelmar" in e.label] == [("Kelmar", ("a", "b", "c"))]


def test_a_lone_surname_whose_headline_above_names_another_country_still_joins_the_full_name():
    kb = link_extractions([
        found("a", "Hungarian Prime Minister Gabor Szerdahelyi won a vote.", ("Gabor Szerdahelyi", "Person")),
        found("b", "Talks with Polish leader\n\nPrime Minister Szerdahelyi met his counterpart.", ("Szerdahelyi", "Person"))])
    assert [(e.label, e.articles) for e in kb.entities if e.type == "Person"] == [("Gabor Szerdahelyi", ("a", "b"))]


@pytest.mark.parametrize("text, long, short, short_type", [
    ("Figures went to the Velland Rail Authority, the VRB, last week.", "Velland Rail Authority", "VRB", "Organization"),
    ("According to the DVZ, the Danish Association for Veterinary Care, farms lost stock.",
     "Danish Association for Veterinary Care", "DVZ", "Organization"),
    ("Shares of Velland Petroleum Company (Vellpetro) fell.", "Velland Petroleum Company", "Vellpetro", "Person"),
])
def test_a_gloss_written_beside_an_organizations_name_is_that_organization(text, long, short, short_type):
    # the acronym of the body's own language or a blend of its words: no initials tie them, the story does
    kb = link_extractions([found("a", text, (long, "Organization"), (short, short_type)),
                           found("b", f"The {short} said on Monday it would appeal.", (short, short_type))])
    assert [(e.type, e.label, e.articles) for e in kb.entities] == [("Organization", long, ("a", "b"))]


@pytest.mark.parametrize("text, first, second", [
    ("Talks with the Christian Democratic Union, the CSU and the Greens failed.", "Christian Democratic Union", "CSU"),
    ("The CSU, the Christian Democratic Union and the Greens met.", "CSU", "Christian Democratic Union"),
    ("He praised the Christian Democratic Union, the CSU's sister party.", "Christian Democratic Union", "CSU"),
    ("Shares of Velland Petroleum Company (Velland) fell.", "Velland Petroleum Company", "Velland"),
    ("Figures went to the Velland Rail Authority, the FIFA, last week.", "Velland Rail Authority", "FIFA"),
])
def test_a_list_a_possessive_or_a_name_that_does_not_fit_is_no_gloss(text, first, second):
    kb = link_extractions([found("a", text, (first, "Organization"), (second, "Organization"))])
    assert len(kb.entities) == 2


def test_two_orders_of_one_bodys_words_in_a_story_are_one_body():
    text = "Leaders of the Velan Orthodox Church met. The Orthodox Velan Church has four million members."
    other = "The Orthodox Velan Church was founded in 1901."
    kb = link_extractions([found("a", text, ("Velan Orthodox Church", "Organization"),
                                 ("Orthodox Velan Church", "Organization")),
                           found("b", other, ("Orthodox Velan Church", "Organization")),
                           found("c", "The Velan Church Orthodox Society met.", ("Velan Church Orthodox Society", "Organization"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    assert len(got) == 2 and ("Velan Church Orthodox Society", ("c",)) in got
    assert [a for _l, a in got if a != ("c",)] == [("a", "b")]


def test_a_name_beside_the_one_site_it_names_is_that_site_in_its_story():
    text = "Visitors to the Velnik Theater rose. Critics said the Velnik staged a new opera."
    kb = link_extractions([found_named("a", text, ("Velnik Theater", "Place", "Velnik Theater"),
                                       ("the Velnik", "Organization", "Velnik"))])
    assert [(e.type, e.articles) for e in kb.entities] == [("Place", ("a",))]
    # a gazetteer city beside its airport stays the city
    airport = "Flights left Bremen Airport. Bremen said it would help."
    kb = link_extractions([found_named("a", airport, ("Bremen Airport", "Place", "Bremen Airport"),
                                       ("Bremen said", "Organization", "Bremen"))])
    assert len(kb.entities) == 2


def test_a_sites_shortened_name_is_the_one_longer_site_of_its_story_only():
    text = "Visitors to the Ostrava Maritime Museum rose. Since May the museum known as Maritime Museum opened."
    other = "The Maritime Museum of a port city closed."
    kb = link_extractions([found_named("a", text, ("Ostrava Maritime Museum", "Place", "Ostrava Maritime Museum"),
                                       ("as Maritime Museum", "Place", "Maritime Museum")),
                           found_named("b", other, ("Maritime Museum", "Place", "Maritime Museum"))])
    got = sorted((e.label, e.articles) for e in kb.entities)
    assert got == [("Maritime Museum", ("b",)), ("Ostrava Maritime Museum", ("a",))]


def test_two_people_sharing_a_surname_stay_two_when_the_first_opens_the_story():
    # "John" opens the story only: no headline word glued to "Smith" but a given name the entity model knows
    text = "John Smith met his sister Mary Smith in the capital."
    kb = link_extractions([found_named("a", text, ("John Smith", "Person", "John Smith"),
                                       ("Mary Smith", "Person", "Mary Smith"))])
    assert sorted(e.label for e in kb.entities) == ["John Smith", "Mary Smith"]


@pytest.mark.parametrize("tail, norway_country", [
    ("Chile travel to Norway on Tuesday for the return leg.", True),
    ("The squad flew back to Norway on Sunday.", True),
    ("Before the trip to Norway the coach rested two players.", True),
    ("Chile lost to Norway in the final group game.", False),  # a result: the team
])
def test_a_country_a_team_travels_to_in_a_match_report_is_the_country(tail, norway_country):
    report = ("Chile beat Norway 2-1 in the semi-final. The striker scored twice and the goalkeeper saved a penalty. "
              + tail)
    kb = link_extractions([found("a", report, ("Chile", "Country"), ("Norway", "Country"))])
    assert (("Country", "Norway") in {(e.type, e.label) for e in kb.entities}) is norway_country


@pytest.mark.parametrize("tail, norway_country", [
    ("The striker moved to Norway last summer.", True),
    ("Norway's top flight starts in March.", True),
    ("Norway's football federation fined the club.", True),
    ("Fans from all over Norway came to the final.", True),
    ("Scouts of clubs from Peru and Norway watched the midfielder.", True),  # the name after "and" read so too
    ("Next month Peru and Norway meet in a friendly.", False),  # two teams
    ("Norway will host the next World Cup.", True),  # the land the games are played in
    ("The final is in May, with Norway set to host the championships in two years.", True),
    ("Norway's sports ministry paid for the new pitch.", True),  # a state body, one word of what it does before it
    ("Next week Norway host Peru in a friendly.", False),  # a team hosts a team
    ("Norway's team president resigned after the defeat.", False),
])
def test_a_country_of_a_match_reports_sport_or_people_is_the_country(tail, norway_country):
    report = ("Chile beat Norway 2-1 in the semi-final. The striker scored twice and the goalkeeper saved a penalty. "
              + tail)
    spans = [("Chile", "Country"), ("Norway", "Country")] + [("Peru", "Country")] * ("Peru" in tail)
    kb = link_extractions([found("a", report, *spans)])
    assert (("Country", "Norway") in {(e.type, e.label) for e in kb.entities}) is norway_country


@pytest.mark.parametrize("text, spans", [
    ("Floods hit the village of Velmora on Sunday. Police chief Anton Velmora said two people had died in Velmora.",
     (("Velmora", "Place"), ("Anton Velmora", "Person"), ("Velmora", "Place"))),
    ("Floods hit the town of Velmora on Sunday. Residents of Velmora were evacuated, said police chief Anton Velmora.",
     (("Velmora", "Place"), ("Velmora", "Place"), ("Anton Velmora", "Person"))),
    ("The mayor of Velmora, Ilse Velmora, said her town would rebuild. Velmora will need years.",
     (("Velmora", "Place"), ("Ilse Velmora", "Person"), ("Velmora", "Place"))),
])
def test_a_place_written_as_a_place_stays_off_the_person_who_carries_its_name(text, spans):
    kb = link_extractions([_placed("a", text, *spans)])
    got = {(e.type, e.label) for e in kb.entities}
    assert ("Place", "Velmora") in got, got


@pytest.mark.parametrize("text", [
    "Tavo Keskula and his wife Ilse Keskula visited the school. Ilse Keskula spoke to the pupils.",
    "The prize went to Ilse Keskula. Tavo Keskula, her husband, said she had worked for years.",
])
def test_a_relatives_full_name_opening_a_sentence_is_no_headline_word_glued_to_a_surname(text):
    kb = link_extractions([found("a", text, ("Tavo Keskula", "Person"), ("Ilse Keskula", "Person"))])
    got = {e.label for e in kb.entities if e.type == "Person"}
    assert got == {"Tavo Keskula", "Ilse Keskula"}, got


@pytest.mark.parametrize("text, addressed, means", [
    ("Tavo Keskula and his wife Ilse Keskula visited the school. Mr Keskula spoke to the pupils.",
     "Mr Keskula", "Tavo Keskula"),
    ("Prime Minister Ilse Keskula and her husband, the architect Tavo Keskula, arrived on Friday. "
     "Tavo Keskula toured a housing project. Mrs Keskula met the president.", "Mrs Keskula", "Ilse Keskula"),
    ("Senator Ilse Keskula and her son Tavo Keskula attended the ceremony. Ms Keskula gave a speech.",
     "Ms Keskula", "Ilse Keskula"),
    # the relative's noun in an apposition after the name
    ("Mayor Ilse Keskula cut the ribbon. Shop owner Tavo Keskula, the mayor's brother, gave supplies. "
     "Mrs Keskula thanked him.", "Mrs Keskula", "Ilse Keskula"),
])
@pytest.mark.parametrize("read_as", ["last", "surname"])
def test_a_form_of_address_picks_the_relative_of_its_sex(text, addressed, means, read_as):
    # extraction, or the last-named rule, reads the lone surname as the person named last before it
    last = "Ilse Keskula" if means == "Tavo Keskula" else "Tavo Keskula"
    name = last if read_as == "last" else "Keskula"
    kb = link_extractions([found_named("a", text, ("Tavo Keskula", "Person", "Tavo Keskula"),
                                       ("Ilse Keskula", "Person", "Ilse Keskula"), (addressed, "Person", name))])
    got = {e.label: set(e.aliases) for e in kb.entities if e.type == "Person"}
    assert set(got) == {"Tavo Keskula", "Ilse Keskula"}, got
    assert "Keskula" in got[means] or addressed in got[means], got


def test_a_name_its_story_says_the_thing_goes_or_went_by_joins_it_across_the_corpus():
    renamed = _placed("a", "Norvik Energy, formerly known as Tarsk Power, cut its prices on Monday.",
                      ("Norvik Energy", "Organization"), ("Tarsk Power", "Person"))
    old = _placed("b", "Tarsk Power was founded in 1961 in Varnholt.", ("Tarsk Power", "Organization"),
                  ("Varnholt", "Place"))
    front = _placed("c", "The Armed Front of Veltria, known as FAV, attacked a police post. FAV denied it.",
                    ("Armed Front of Veltria", "Organization"), ("FAV", "Organization"), ("FAV", "Organization"))
    kb = link_extractions([renamed, old, front])
    orgs = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    assert len(orgs) == 2, orgs
    assert {"a", "b"} in [set(a) for a in orgs.values()], orgs


@pytest.mark.parametrize("text, spans", [
    ("The prosecutor, Arvo Keskula, called Ilse Tarvel on Monday.", (("Arvo Keskula", "Person"), ("Ilse Tarvel", "Person"))),
    ("Norvik Energy, formerly Tarsk Power's parent, cut prices.", (("Norvik Energy", "Organization"),
                                                                   ("Tarsk Power", "Organization"))),
    ("Velt Oil, Norvik Energy and Tarsk Power, known as the big three, cut prices.",
     (("Velt Oil", "Organization"), ("Norvik Energy", "Organization"), ("Tarsk Power", "Organization"))),
])
def test_no_stated_alias_without_a_cue_that_says_so(text, spans):
    kb = link_extractions([_placed("a", text, *spans)])
    assert len(kb.entities) == len(spans), [e.label for e in kb.entities]


@pytest.mark.parametrize("cue", ["Georgia's governor Arvo Keskula", "Georgia Governor Arvo Keskula",
                                 "The governor of Georgia, Arvo Keskula,"])
def test_a_country_named_us_state_written_with_a_governor_is_the_state(cue):
    state = found("a", f"Police in Georgia arrested three men on Saturday. {cue} called for calm.",
                  ("Georgia", "Country"), ("Arvo Keskula", "Person"))
    country = found("b", "Georgia's president met EU envoys in Tbilisi. Georgia hopes to join the bloc.",
                    ("Georgia", "Country"), ("Tbilisi", "Place"))
    kb = link_extractions([state, country])
    got = {(e.type, e.label): e.articles for e in kb.entities if e.label == "Georgia"}
    assert set(got.get(("Country", "Georgia"), ())) == {"b"}, got
    assert set(got.get(("Place", "Georgia"), ())) == {"a"}, got


@pytest.mark.parametrize("other", ["Tarek el-Moarrem", "Tarek Moarrem"])
def test_a_surnames_arabic_article_spelt_otherwise_or_dropped_is_one_person(other):
    kb = link_extractions([found("a", "Veltrian dissident Tarek al-Moarrem was arrested in Tarsk.",
                                ("Tarek al-Moarrem", "Person"), ("Tarsk", "Place")),
                           found("b", f"{other} was released on bail on Monday.", (other, "Person")),
                           found("c", "Rami al-Moarrem, his cousin, spoke to reporters.", ("Rami al-Moarrem", "Person"))])
    persons = {e.label: set(e.articles) for e in kb.entities if e.type == "Person"}
    assert sorted(map(sorted, persons.values())) == [["a", "b"], ["c"]], persons


@pytest.mark.parametrize("credit", ["(Photo: Ilse Brandt/Reuters)", "(Picture: Ilse Brandt)",
                                    "\nPhotograph: Ilse Brandt / Tarsk Press"])
def test_a_name_after_a_picture_credits_label_is_no_node(credit):
    text = f"Arvo Keskula shakes hands with Omar Haddad in Geneva. {credit}\nKeskula and Haddad agreed to meet again."
    kb = link_extractions([found("a", text, ("Arvo Keskula", "Person"), ("Omar Haddad", "Person"),
                                 ("Ilse Brandt", "Person"), ("Geneva", "Place"))])
    assert "Ilse Brandt" not in {e.label for e in kb.entities}


def test_a_name_after_photo_in_prose_stays():
    text = "The photo showed Ilse Brandt in Geneva. Photo: Ilse Brandt said it was taken in 2019."
    kb = link_extractions([found("a", text, ("Ilse Brandt", "Person"), ("Geneva", "Place"))])
    assert "Ilse Brandt" in {e.label for e in kb.entities}


@pytest.mark.parametrize("raw, cleaned", [("Brothers Jan", "Jan"), ("Sisters Ilse", "Ilse"),
                                          ("Twins Peter", "Peter"), ("Brothers Keskula", "Brothers Keskula")])
def test_a_plural_kin_word_before_a_given_name_is_cut(raw, cleaned):
    # "Brothers Jan and Mart Keskula ran for parliament": relatives introduced by their kin; the "Brothers
    # Keskula" go by that name
    assert clean_name(raw, "Person") == cleaned


@pytest.mark.parametrize("text", [
    "The Velmora city council approved a budget on Monday. Council leader Anton Velmora said taxes would stay.",
    "Floods hit the streets of Velmora on Monday. Council leader Anton Velmora said help was coming.",
])
def test_a_town_extraction_read_as_the_person_of_its_name_stays_the_town(text):
    # extraction read the town's name as the council leader named later in the story
    town, full = text.index("Velmora"), text.index("Anton Velmora")
    mentions = (Mention("Velmora", "Person", town, town + 7, "Anton Velmora"),
                Mention("Anton Velmora", "Person", full, full + 13, "Anton Velmora"))
    kb = link_extractions([Extraction(Article("a", text), mentions)])
    got = {(e.type, e.label) for e in kb.entities}
    assert got == {("Place", "Velmora"), ("Person", "Anton Velmora")}, got


def test_a_given_name_and_first_surname_is_the_double_surnamed_person_whose_story_calls_him_by_it():
    long = found_named("a", "Veltrian President Gustavo Tarsa Velmonte met envoys. Tarsa said the border would open.",
                       ("Gustavo Tarsa Velmonte", "Person", "Gustavo Tarsa Velmonte"),
                       ("Tarsa said", "Person", "Gustavo Tarsa Velmonte"))
    long = Extraction(long.article, tuple(m if m.text != "Tarsa said" else Mention("Tarsa", "Person", m.start,
                                                                                    m.start + 5, m.name)
                                          for m in long.mentions))
    short = found("b", "Gustavo Tarsa visited Ostmark on Monday.", ("Gustavo Tarsa", "Person"))
    other = found_named("c", "Arvo Mart Keskula spoke. Keskula said no.", ("Arvo Mart Keskula", "Person", "Arvo Mart Keskula"))
    stranger = found("d", "Arvo Mart opened a shop.", ("Arvo Mart", "Person"))
    kb = link_extractions([long, short, other, stranger])
    persons = {e.label: set(e.articles) for e in kb.entities if e.type == "Person"}
    assert persons["Gustavo Tarsa Velmonte"] == {"a", "b"}, persons
    assert persons["Arvo Mart"] == {"d"}, persons


def test_a_one_word_name_a_story_is_filed_from_is_the_town_wherever_that_story_writes_it():
    text = ("KALMSTAD, Velmora (AP) - Floods closed schools across the region on Monday, officials said. "
            "Residents of Kalmstad were told to stay indoors.")
    kb = link_extractions([found("a", text, ("KALMSTAD", "Organization"), ("Kalmstad", "Organization"),
                                 ("Velmora", "Place"))])
    assert sorted((e.type, e.label) for e in kb.entities) == [("Place", "Kalmstad"), ("Place", "Velmora")]
    # in a match report the club named after the town stays the club
    report = ("KALMSTAD, Velmora (AP) - Kalmstad beat Holmvik 2-1 on Sunday. The striker scored twice, the "
              "goalkeeper saved a penalty and the coach praised the league leaders' fans.")
    kb = link_extractions([found("a", report, ("KALMSTAD", "Organization"), ("Kalmstad", "Organization"),
                                 ("Holmvik", "Organization"), ("Velmora", "Place"))])
    assert ("Organization", "Kalmstad") in {(e.type, e.label) for e in kb.entities}


def test_washington_is_the_state_only_in_stories_that_write_the_state():
    capital = found("a", "WASHINGTON (AP) - Lawmakers in Washington passed the bridge bill on Tuesday.",
                    ("WASHINGTON", "Place"), ("Washington", "Place"))
    dateline = found("b", "SPOKANE, Washington (Reuters) - A wildfire forced families from their homes. "
                     "Officials in Washington sent more crews.", ("SPOKANE", "Place"), ("Washington", "Place"))
    text = "Governor Elsa Varnum said Washington State would send crews. Schools in Washington stayed shut."
    w = text.index("Washington State")
    bare = text.index("Washington", w + 1)
    written = Extraction(Article("c", text), (Mention("Washington State", "Place", w, w + 16, "Washington State"),
                                              Mention("Washington", "Place", bare, bare + 10, "Washington")))
    kb = link_extractions([capital, dateline, written])
    got = {e.label: e for e in kb.entities if e.type == "Place"}
    assert got["Washington"].articles == ("a",), got
    assert got["Washington State"].articles == ("b", "c"), got
    assert got["Washington"].latitude is not None  # the capital, not the state's own GeoNames row
    # "Texas" has no city of its name: a town before it makes no "Texas State"
    texas = found("d", "DALLAS, Texas (AP) - Storms hit Texas.", ("DALLAS", "Place"), ("Texas", "Place"))
    assert "Texas" in {e.label for e in link_extractions([texas]).entities}


def test_a_city_named_like_its_region_is_the_region_where_its_story_writes_the_state():
    state = found("a", "Drought hits farms in Sao Paulo state\nOfficials said Sao Paulo would spend more on water.",
                  ("Sao Paulo", "Place"))
    city = found("b", "Commuters in the city of Sao Paulo faced delays. Sao Paulo's buses ran extra routes.",
                 ("Sao Paulo", "Place"))
    both = found("c", "Rain flooded towns across Rio de Janeiro state. In the city of Rio de Janeiro, beaches closed.",
                 ("Rio de Janeiro", "Place"))
    kb = link_extractions([state, city, both])
    got = {e.label: e.articles for e in kb.entities}
    assert got["Sao Paulo State"] == ("a",) and got["Sao Paulo"] == ("b",), got
    assert got["Rio de Janeiro State"] == ("c",) and got["Rio de Janeiro"] == ("c",), got
    # a city that is itself a state, written as a modifier ("the Berlin state parliament"), stays the city
    modifier = found("d", "A member of the Berlin state parliament said Berlin would vote.", ("Berlin", "Place"))
    assert {e.label for e in link_extractions([modifier]).entities} == {"Berlin"}


def test_a_party_named_with_its_country_joins_that_countrys_reading_of_the_generic_name():
    plain = found("a", "Sweden's Social Democrats named a budget chief. The Social Democrats said so.",
                  ("Social Democrats", "Organization"), ("Sweden", "Country"))
    demonym = found("b", "The Swedish Social Democratic Party leads the poll in Sweden.",
                    ("Swedish Social Democratic Party", "Organization"), ("Sweden", "Country"))
    of = found("c", "The Social Democratic Party of Sweden agreed a pension deal.",
               ("Social Democratic Party of Sweden", "Organization"))
    other = found("d", "Denmark's Social Democrats left the talks. The Social Democrats want an election.",
                  ("Social Democrats", "Organization"), ("Denmark", "Country"))
    kb = link_extractions([plain, demonym, of, other])
    got = {e.label: e.articles for e in kb.entities if e.type == "Organization"}
    # a name that says its country is the label, as "Supreme Court of Norway" is
    assert got == {"Social Democratic Party of Sweden": ("a", "b", "c"), "Social Democrats (Denmark)": ("d",)}, got


def test_a_short_i_after_a_vowel_is_one_romanization_of_a_final_y():
    kb = link_extractions([found("a", "Deputy minister Sergei Volokhin met Serbian officials.", ("Sergei Volokhin", "Person")),
                           found("b", "Deputy minister Sergey Volokhin warned the EU.", ("Sergey Volokhin", "Person")),
                           found("c", "Andrei Tarsov and Andrey Tarsova spoke.", ("Andrei Tarsov", "Person"),
                                 ("Andrey Tarsova", "Person"))])
    got = {e.label: e.articles for e in kb.entities}
    assert len([n for n in got if "Volokhin" in n]) == 1, got
    assert len([n for n in got if "Tarsov" in n]) == 2, got  # another surname: two persons


def test_a_capital_named_by_its_country_and_city_stays_where_the_corpus_writes_city_in_lower_case():
    text = "Rain flooded the city of Tarsk. Mexico reported storms, while Mexico City stayed dry."
    kb = link_extractions([found("a", text, ("Mexico City", "Place"), ("Tarsk", "Place")),
                           found("b", "Mexico and Peru signed a trade deal.", ("Mexico", "Country"), ("Peru", "Country"))])
    assert ("Place", "Mexico City") in labels(kb)


def test_labour_alone_is_read_per_country_as_the_other_political_families_are():
    norway = found("a", "Norway's Labour Party won 61 seats. Labour will govern from Oslo.",
                   ("Labour", "Organization"), ("Norway", "Country"), ("Oslo", "Place"))
    britain = found("b", "Labour lawmakers in London criticised the budget. Labour will vote against it.",
                    ("Labour", "Organization"), ("London", "Place"))
    kb = link_extractions([norway, britain])
    got = sorted(e.articles for e in kb.entities if e.type == "Organization" and e.label.startswith("Labour ("))
    assert got == [("a",), ("b",)], [(e.label, e.articles) for e in kb.entities]


def test_a_lone_given_name_is_another_storys_surname_only_where_the_stories_share_someone():
    envoy = found("a", "Envoy Sofia Victor met rebels in Korvania. Victor said the Korvanian Unity Council would talk.",
                  ("Sofia Victor", "Person"), ("Victor", "Person"), ("Korvania", "Country"),
                  ("Korvanian Unity Council", "Organization"))
    hackers = found("b", "Hackers hit the Veltrian Water Board. Agency chief Victor warned of attacks on Lindqvist Bank.",
                    ("Victor", "Person"), ("Veltrian Water Board", "Organization"), ("Lindqvist Bank", "Organization"))
    council = found("c", "The Korvanian Unity Council met again. Victor chaired it.",
                    ("Korvanian Unity Council", "Organization"), ("Victor", "Person"))
    got = {(e.type, e.label): e.articles for e in link_extractions([envoy, hackers, council]).entities}
    assert got[("Person", "Sofia Victor")] == ("a", "c")  # the council both stories name: her
    assert got[("Person", "Victor")] == ("b",)  # the agency chief of a story naming none of hers: some Victor


def test_a_lone_word_opening_one_full_name_and_ending_another_needs_a_shared_name_to_be_the_surname():
    ostrand = [found(f"o{i}", f"Minister Ilse Ostrand spoke in Tarsk. Ostrand met the Velmar Guild ({i}).",
                     ("Ilse Ostrand", "Person"), ("Ostrand", "Person"), ("Tarsk", "Place"), ("Velmar Guild", "Organization"))
               for i in range(6)]
    other = found("p", "Painter Ostrand Keel opened a show in Tarsk.", ("Ostrand Keel", "Person"), ("Tarsk", "Place"))
    lone = found("q", "Pilot Ostrand landed the Lindqvist Air plane safely.", ("Ostrand", "Person"),
                 ("Lindqvist Air", "Organization"))
    got = {(e.type, e.label): e.articles for e in link_extractions(ostrand + [other, lone]).entities}
    assert "q" not in got[("Person", "Ilse Ostrand")]
    assert got[("Person", "Ostrand")] == ("q",)


def test_a_lone_surname_written_as_a_woman_is_not_the_corpus_one_full_name_written_as_a_man():
    kb = link_extractions([
        found("a", "Arvo Keskula, the finance minister, said he would resign.", ("Arvo Keskula", "Person")),
        found("b", "Keskula said she would run for mayor of Velmora next year.", ("Keskula", "Person")),
        found("c", "Spokeswoman Keskula denied the report.", ("Keskula", "Person")),
        found("d", "Keskula said he regretted nothing.", ("Keskula", "Person"))])
    got = {e.label: e.articles for e in kb.entities if e.type == "Person"}
    assert got["Arvo Keskula"] == ("a", "d") and got["Keskula"] == ("b", "c")


def test_a_state_named_like_a_mid_sized_city_of_its_country_is_the_state_where_its_story_says_so():
    kb = link_extractions([
        found("a", "Floods hit the state of Salzburg on Monday. Salzburg declared an emergency.", ("Salzburg", "Place")),
        found("b", "The festival opened in the old town of Salzburg.", ("Salzburg", "Place"))])
    got = {e.label: e.articles for e in kb.entities}
    assert got == {"Salzburg State": ("a",), "Salzburg": ("b",)}


def test_a_country_whose_clubs_or_hosting_body_a_match_report_names_is_the_country():
    extra = " The striker scored twice and the goalkeeper saved a penalty. The coach praised the fans after the match."
    clubs = found("a", "Tarsk Rovers beat Hollin 2-1 in the cup." + extra + " Veltria's representatives in this season's "
                  "cup did well, and Ostmark's fourth team in the competition lost.",
                  ("Tarsk Rovers", "Organization"), ("Hollin", "Organization"), ("Veltria", "Country"),
                  ("Ostmark", "Country"))
    host = found("b", "Korvania's World Cup organizing committee launched a green campaign." + extra
                 + " Korvania's team beat Lindmark 3-0.", ("Korvania", "Country"), ("Lindmark", "Country"))
    got = {(e.type, e.label): e.articles for e in link_extractions([clubs, host]).entities}
    assert got[("Country", "Veltria")] == ("a",) and got[("Country", "Ostmark")] == ("a",)
    assert got[("Country", "Korvania")] == ("b",)  # the host; "Korvania's team" that beat Lindmark is the team
    assert got[("Organization", "Korvania")] == ("b",)
