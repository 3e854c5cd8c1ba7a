"""Extraction rules, each with a sentence of its own."""

from __future__ import annotations

import pytest

from kgraph.extraction import docrel
from kgraph.extraction.extract import extract_doc
from kgraph.core.model import Article
from kgraph.core.terms import EntityType, Predicate
from kgraph.extraction import retype, sentrel

#: The short-text type head runs (the encoder is on and a head is shipped).
_TYPE_HEAD_ON = sentrel.enabled() and retype.load_head() is not None


@pytest.fixture(autouse=True)
def hand_rules_only(monkeypatch):
    """Test the hand rules as written: the learned entity decision (tests/test_entity_model.py) is off here."""
    from kgraph.extraction import entity_model

    monkeypatch.setattr(entity_model, "load", lambda path=None: None)


def relations_of(nlp, text):
    art = Article("t", text)
    with docrel.rules_only():  # these cases test the hand rules, which the document model reads as features
        ex = extract_doc(art, [(0, nlp(text))])
    return {(r.subject.name, r.predicate, r.object.name) for r in ex.relations}, ex


@pytest.mark.parametrize("text,expected", [
    pytest.param("Kremlin foreign policy adviser Yuri Ushakov hinted at further cooperation.",
                 ("Yuri Ushakov", "worksFor", "Kremlin"), id="title-premodifier-org"),
    pytest.param("Russian President Vladimir Putin met the delegation on Monday.",
                 ("Vladimir Putin", "leaderOf", "Russia"), id="title-premodifier-demonym-leader"),
    pytest.param("South Korea's National Intelligence Service said the troops lacked experience.",
                 ("National Intelligence Service", "basedIn", "South Korea"), id="possessive-org"),
    pytest.param("Jean Charest is the leader of the Quebec Liberal Party.",
                 ("Jean Charest", "leaderOf", "Quebec Liberal Party"), id="copula-role"),
    pytest.param("Tom Brask killed Victor Hale in Dallas.",
                 ("Tom Brask", "killed", "Victor Hale"), id="kill-verb"),
    pytest.param("Angela Merkel was born in Hamburg.",
                 ("Angela Merkel", "bornIn", "Hamburg"), id="born-in"),
])
def test_rule_finds_relation(nlp, text, expected):
    found, _ex = relations_of(nlp, text)
    assert expected in found, found


def test_demonym_names_its_country(nlp):
    _found, ex = relations_of(nlp, "North Korean troops arrived at the front.")
    assert [(m.text, m.type, m.name) for m in ex.mentions] == [("North Korean", "Country", "North Korea")]


def test_surname_takes_full_name(nlp):
    _found, ex = relations_of(nlp, "Vladimir Putin spoke first. Later, Putin left the hall.")
    assert {m.name for m in ex.mentions if m.type == "Person"} == {"Vladimir Putin"}


def test_mention_offsets_match_text(nlp):
    text = "Ukraine's Special Operations Forces shared a photograph, said Yevgen Yerin."
    _found, ex = relations_of(nlp, text)
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text


# ---------------------------------------------------------------- mentions: one sentence per rule

def mentions_of(nlp, text):
    ex = extract_doc(Article("t", text), [(0, nlp(text))])
    return {(m.text, m.type, m.name) for m in ex.mentions}, ex


@pytest.mark.parametrize("text,expected", [
    pytest.param("\u201cDear Han Ye-rin, I miss our village,\u201d the letter began.",
                 ("Han Ye-rin", "Person", "Han Ye-rin"), id="salutation-is-not-part-of-name"),
    pytest.param("Canada\u2019s border agency closed two crossings.",
                 ("Canada", "Country", "Canada"), id="possessive-dropped-from-country"),
    pytest.param("Heavy shelling hit Russia\u2019s Belgorod region overnight.",
                 ("Belgorod", "Place", "Belgorod"), id="gazetteer-city-is-place"),
    pytest.param("U.S. Trade Representative Katherine Tai arrived on Monday.",
                 ("U.S.", "Country", "United States"), id="missed-country-at-line-start"),
    pytest.param("Thousands of Germans marched through the capital.",
                 ("Germans", "Country", "Germany"), id="plural-demonym-names-country"),
    pytest.param("A book by the Soviet chemist Tamas Orlov was found in a cellar.",
                 ("Soviet", "Country", "Soviet Union"), id="former-state-demonym-names-country"),
    pytest.param("Orlov left East Germany for Tarsk in 1985.",
                 ("East Germany", "Country", "East Germany"), id="former-state-common-name-is-country"),
    pytest.param("Poland\u2019s Territorial Defence Forces trained volunteers in the forest.",
                 ("Territorial Defence Forces", "Organization", "Territorial Defence Forces"),
                 id="capitalized-org-phrase"),
    pytest.param("A spokesman for Estonian military intelligence declined to comment.",
                 ("Estonian military intelligence", "Organization", "Estonian military intelligence"),
                 id="demonym-agency-phrase"),
    pytest.param("The Federal Criminal Police Office (BKA) arrested two men. The BKA gave no names.",
                 ("BKA", "Organization", "Federal Criminal Police Office"), id="acronym-in-brackets"),
    pytest.param("The German daily Tagesspiegel reported the plan on Friday.",
                 ("Tagesspiegel", "Organization", "Tagesspiegel"), id="newspaper-word-makes-outlet"),
    pytest.param("Der Tagesspiegel reported the plan on Friday.",
                 ("Der Tagesspiegel", "Organization", "Der Tagesspiegel"), id="foreign-article-opens-title"),
    pytest.param("The EU agreed on new sanctions on Monday.",
                 ("EU", "Organization", "EU"), id="acronym-gpe-is-organization"),
    pytest.param("The U.S. Navy sent two ships.", ("Navy", "Organization", "Navy"),
                 id="country-abbreviation-cut-from-one-word-org"),
    pytest.param("The US Geological Survey measured the quake.",
                 ("Geological Survey", "Organization", "Geological Survey"), id="country-abbreviation-cut-from-org"),
    pytest.param("Costs are highest in Schleswig-Holstein, where parents pay more.",
                 ("Schleswig-Holstein", "Place", "Schleswig-Holstein"), id="iso-region-is-place"),
    pytest.param("Rescuers reached Bosnia and Herzegovina to help.",
                 ("Bosnia and Herzegovina", "Country", "Bosnia and Herzegovina"), id="trailing-function-word"),
    pytest.param("Anna Lindqvist, the mayor, arrived late. She said the roads were closed.",
                 ("She", "Person", "Anna Lindqvist"), id="pronoun-takes-previous-person"),
    pytest.param("Martin Richter won the race. Later, Richter thanked his team.",
                 ("Richter", "Person", "Martin Richter"), id="surname-takes-full-name"),
    pytest.param("Defense Minister Ursula von der Leyen visited the troops.",
                 ("Ursula von der Leyen", "Person", "Ursula von der Leyen"), id="name-particles-join-surname"),
    pytest.param("Nora Vance was born in Ames, Iowa, in 1950.", ("Ames, Iowa", "Place", "Ames"),
                 id="birthplace-town-comma-state-is-one-place"),
    pytest.param("Crowds mourned the assassination of President Harlan Moss.",
                 ("President Harlan Moss", "Person", "Harlan Moss"), id="title-kept-in-text-not-in-name"),
    pytest.param("Mrs. Ruth Hale opened the new library.", ("Mrs. Ruth Hale", "Person", "Ruth Hale"),
                 id="honorific-kept-in-text-not-in-name"),
    pytest.param("Chilean President Ana Vela met reporters.", ("Ana Vela", "Person", "Ana Vela"),
                 id="modified-title-stays-out-of-name"),
    pytest.param("Nora Vance was born in Lorain, Ohio, in 1950.", ("Lorain, Ohio", "Place", "Lorain"),
                 id="birthplace-with-full-state-name"),
    pytest.param("Nora Vance was born in Natchez, Miss.", ("Natchez, Miss.", "Place", "Natchez"),
                 id="state-abbreviation-that-is-also-a-title"),
    pytest.param("Kristof van Damme spoke first. Then Van Damme left.",
                 ("Van Damme", "Person", "Kristof van Damme"), id="two-word-surname-any-case"),
    pytest.param("The new cabinet of Estavia was sworn in on Tuesday. Its members:\n- Prime Minister: Jonas Kiri\n"
                 "- Foreign Minister: Alma Petrov\n", ("Jonas Kiri", "Person", "Jonas Kiri"),
                 id="list-item-is-no-headline-and-a-name-the-line-ends-is-no-owner"),
    pytest.param("The new cabinet of Estavia was sworn in on Tuesday. Its members:\n- Prime Minister: Jonas Kiri\n"
                 "- Foreign Minister: Alma Petrov\n", ("Alma Petrov", "Person", "Alma Petrov"),
                 id="list-item-is-no-headline"),
    pytest.param("Bayern Munich beat Borussia Dortmund 3-1 on Saturday. Arvo Kask scored twice for Bayern. Dortmund "
                 "coach Ilse Marten said his team had lacked energy. Bayern lead the Bundesliga by four points.",
                 ("Dortmund", "Organization", "Borussia Dortmund"), id="town-before-a-coach-in-a-match-report-is-the-club"),
    pytest.param("Will Greece leave the euro? Analysts in Athens are divided.", ("Greece", "Country", "Greece"),
                 id="country-after-a-question-modal"),
    pytest.param("Will Hartley met fans in Athens on Monday.", ("Will Hartley", "Person", "Will Hartley"),
                 id="given-name-will-outside-a-question"),
])
def test_mention_found(nlp, text, expected):
    found, _ex = mentions_of(nlp, text)
    assert expected in found, sorted(found)


@pytest.mark.parametrize("text,unwanted", [
    pytest.param("Germany Rejects Tougher Asylum Rules\nBerlin said on Monday it would not sign the text.",
                 "Germany Rejects Tougher Asylum Rules", id="headline-fragment-dropped"),
    pytest.param("\u201cDear Han Ye-rin, I miss our village,\u201d the letter began.",
                 "Dear Han Ye-rin", id="no-salutation-in-name"),
    pytest.param("U.S. Defense Secretary Lloyd Austin told reporters the news.",
                 "Defense", id="portfolio-word-before-title-is-no-org"),
    pytest.param("The meeting took place on December 9 in the morning.", "December 9", id="dates-are-not-entities"),
    pytest.param("The quake struck at 05:30 UTC off the coast.", "UTC", id="time-zone-is-no-org"),
    pytest.param("Tourists crowded the old town all summer.", "Tourists", id="sentence-initial-common-noun"),
    pytest.param("The ministry filed report 95KR0311C with the Harbour Board.", "95KR0311C",
                 id="document-code-is-no-name"),
    pytest.param("(Text) Olsztyn May 9 PAP -- Dock workers went on strike.", "May", id="dateline-month-is-no-agency"),
    pytest.param("The minister answered in Portuguese before leaving.", "Portuguese", id="language-after-in-is-no-country"),
    pytest.param("US-German relations improved after the visit.", "US-German", id="two-countries-qualifying-a-noun"),
    pytest.param("Two Democrats voted against the bill.", "Two Democrats", id="number-is-no-part-of-party-name"),
    pytest.param("Will Greece leave the euro? Analysts in Athens are divided.", "Will Greece",
                 id="question-modal-is-no-given-name"),
    pytest.param("Hurricane Elna made landfall near Tarvik on Sunday.", "Hurricane Elna", id="hurricane-is-no-person"),
    pytest.param("Hurricane Elna hit Tarvik. Elna then weakened over the sea.", "Elna", id="storm-given-name-alone"),
    pytest.param("Typhoon Haibo struck Velm Island on Friday.", "Typhoon Haibo", id="typhoon-is-no-place"),
    pytest.param("Tropical Storm Orla is expected to reach Tarvik.", "Storm Orla", id="tropical-storm-is-no-person"),
    pytest.param("The oil tanker Clara Dunmore ran aground off Tarvik. The Clara Dunmore was carrying crude.",
                 "Clara Dunmore", id="ship-named-like-a-person-is-no-person"),
    pytest.param("The crew of MV Elna Berg were rescued off Tarvik on Sunday.", "MV Elna Berg", id="ship-after-a-prefix"),
    pytest.param("The crew of the yacht Elna Berg were rescued off Tarvik.", "Elna Berg", id="ship-after-a-yacht"),
])
def test_no_false_mention(nlp, text, unwanted):
    found, _ex = mentions_of(nlp, text)
    assert unwanted not in {t for t, _type, _name in found}, sorted(found)


def test_a_storm_given_name_a_person_also_bears_in_full_stays_the_person(nlp):
    found, _ex = mentions_of(nlp, "Hurricane Elna hit Tarvik. Elna Berg, the mayor of Tarvik, said Elna was the worst.")
    names = {t for t, _type, _name in found}
    assert "Hurricane Elna" not in names and "Elna Berg" in names, sorted(found)


def test_a_country_after_a_vessel_noun_or_a_person_named_beside_a_ship_stays(nlp):
    found, _ex = mentions_of(nlp, "Greece said the tanker Iran seized in May was Greek. Clara Dunmore, the captain, "
                                  "said the ship sailed on.")
    names = {t for t, _type, _name in found}
    assert {"Iran", "Clara Dunmore"} <= names, sorted(found)


@pytest.mark.parametrize("text,name,kind", [
    pytest.param("Slovenian midfielder Jure Kovac scored twice.", "Jure Kovac", "Person", id="role-word-makes-person"),
    pytest.param("Frieda Hollmann said the budget was too small.", "Frieda Hollmann", "Person", id="speaker-is-person"),
    pytest.param("Jorgen Vestby, who led the project, retired.", "Jorgen Vestby", "Person", id="who-clause-is-person"),
    pytest.param("Parti Vert gained two seats in the vote.", "Parti Vert", "Organization", id="party-word-makes-org"),
    pytest.param("Ola Brand of the Christian Democrats told the council no.", "Christian Democrats", "Organization",
                 id="party-member-plural-is-org"),
    pytest.param("Historians still argue about why President Lincoln trusted his guards.", "Lincoln", "Person",
                 id="title-keeps-city-named-person"),
    pytest.param("Historians doubt that Lincoln was shot by a single man.", "Lincoln", "Person",
                 id="killed-name-is-person"),
    pytest.param("NEW ORLEANS (UPI) _ Crowds lined the streets.", "UPI", "Organization", id="dateline-agency"),
    pytest.param("NEW ORLEANS (UPI) _ Crowds lined the streets.", "NEW ORLEANS", "Place", id="dateline-place"),
    pytest.param("The mill closed in Keene, N.H., last spring.", "New Hampshire", "Place", id="state-initials-after-city"),
    pytest.param("She grew up in Tulsa, Okla., with four brothers.", "Oklahoma", "Place", id="state-abbreviation-after-city"),
    pytest.param("Flights left from Lisbon Humberto Delgado Airport at dawn.",
                 "Lisbon Humberto Delgado Airport", "Place", id="airport-is-place"),
    pytest.param("Crowds visited Speyer Cathedral on Sunday.", "Speyer Cathedral", "Place", id="cathedral-is-place"),
    pytest.param("Ships entered the Gulf of Aden on Monday.", "Gulf of Aden", "Place", id="gulf-of-is-place"),
    pytest.param("Orbita-Georgia said the border was closed.", "Orbita-Georgia", "Organization",
                 id="hyphenated-country-suffix-is-agency"),
    pytest.param("Witnesses said Lisbon stabbed the guard.", "Lisbon", "Person", id="killer-tagged-gpe-is-person"),
    pytest.param("The talks failed, Iskra-Georgia reported.", "Iskra-Georgia", "Organization",
                 id="hyphenated-name-cut-by-ner-kept-whole"),
    pytest.param("Flooding was reported in Kalispell on Monday.", "Kalispell", "Place", id="town-tagged-org-after-in"),
    pytest.param("Kalispell, Mont., lost power on Monday.", "Kalispell", "Place", id="town-tagged-org-before-state"),
    pytest.param("QUITO, Ecuador -- Troops left the border on Monday.", "QUITO", "Place", id="dateline-without-agency"),
    pytest.param("Budget defended\n\nSTRASBOURG - Commission President Ilse Varga on Wednesday defended the "
                 "budget.", "STRASBOURG", "Place", id="known-city-before-a-spaced-hyphen"),
    pytest.param("Budget passed\n\nKORVALE, June 18 (VPA) - The assembly on Wednesday passed the budget by 78 "
                 "votes to 71.", "KORVALE", "Place", id="dated-dateline-of-a-town-the-gazetteer-lacks"),
    pytest.param("Rates held\n\nKORVALE (VPA) - The central bank in Korvale kept rates on hold.", "KORVALE",
                 "Place", id="dateline-agency-after-a-sentence-break"),
    pytest.param("The Office for Budget Responsibility (OBR) published its forecast.",
                 "Office for Budget Responsibility", "Organization", id="bracket-ends-name"),
    pytest.param("Hallorann, who headed the agency, said he faces a dilemma.", "Hallorann", "Person",
                 id="lone-name-before-who-is-person"),
    pytest.param("Mr. Dorrit, a Bemidji native, sent a sweater.", "Bemidji", "Place", id="town-before-native-is-place"),
    pytest.param("PRAIRIEVIEW, Kan.", "PRAIRIEVIEW", "Place", id="town-tagged-org-before-state-abbreviation"),
])
def test_type_corrected(nlp, text, name, kind):
    found, _ex = mentions_of(nlp, text)
    assert any(n == name and t == kind for _text, t, n in found), sorted(found)


def test_shared_surname_goes_to_the_person_written_most(nlp):
    # Two people share a surname: the lone surname is the one the story names most often, not a node of its own.
    _found, ex = relations_of(nlp, "Daniel Kessling was arrested in Denver on Monday. His mother, Susan Kessling, "
                                   "was not told. Daniel Kessling denied the charges. Kessling will appear in court "
                                   "on Friday, and Kessling's lawyer said he would plead not guilty.")
    names = {m.name for m in ex.mentions if m.type == "Person"}
    assert "Kessling" not in names
    assert {m.name for m in ex.mentions if m.text == "Kessling"} == {"Daniel Kessling"}


def test_shared_word_that_opens_a_full_name_stays_apart(nlp):
    # "Warren" ends one full name and opens another: no choice is made between a surname and a first name.
    _found, ex = relations_of(nlp, "Elena Warren met Warren Blake in Boston. Elena Warren spoke first. "
                                   "Later, Warren left the hall.")
    assert {m.name for m in ex.mentions if m.text == "Warren"} <= {"Warren"}


def test_surname_of_one_full_name_spelt_two_ways_is_left_to_the_corpus(nlp):
    # "Daniel R. Kessling" and "Daniel R Kessling" are one person: no choice is made between them.
    _found, ex = relations_of(nlp, "Daniel R. Kessling was arrested in Denver on Monday. Daniel R Kessling denied "
                                   "the charges. Kessling will appear in court on Friday.")
    assert {m.name for m in ex.mentions if m.text == "Kessling"} <= {"Kessling"}


def test_surname_tagged_otherwise_joins_person(nlp):
    text = "Steffi Meinhardt won the final in three sets. Meinhardt had lost there twice before."
    _found, ex = mentions_of(nlp, text)
    assert {(m.type, m.name) for m in ex.mentions if m.text == "Meinhardt"} == {("Person", "Steffi Meinhardt")}


def test_a_one_word_company_name_read_as_an_adjective_later_is_the_company(nlp):
    text = ("Brazilian mining company Vale agreed on Friday to pay damages. "
            "Vale chief executive Ana Torvik apologized to the families.")
    found, ex = relations_of(nlp, text)
    assert [m.start for m in ex.mentions if m.name == "Vale"] == [25, 63]
    # The given name the NER left out of a one-word name after a role noun is taken, though a town bears it.
    assert ("Ana Torvik", "leaderOf", "Vale") in found, found


@pytest.mark.parametrize("text,name", [
    pytest.param("The store opened on Tarsk's Fifth Avenue on Monday.", "Fifth Avenue", id="ordinal-opens-name"),
    pytest.param("The Coastal and Rescue Agency said the ferry had reached Tarsk.",
                 "Coastal and Rescue Agency", id="the-x-and-y-agency"),
])
def test_a_name_the_ner_cut_is_taken_whole(nlp, text, name):
    found, _ex = mentions_of(nlp, text)
    assert name in {n for _t, _k, n in found}, found


def test_surname_opened_by_a_particle_read_as_a_body_joins_the_person(nlp):
    text = "Far-right leader Marine le Varnec said she would run again. Le Varnec lost the last election."
    _found, ex = mentions_of(nlp, text)
    assert {(m.type, m.name) for m in ex.mentions if m.text == "Le Varnec"} == {("Person", "Marine le Varnec")}


def test_surname_opening_a_sentence_tagged_an_adjective_is_the_person(nlp):
    # spaCy-small tags a surname opening a sentence as an adjective here; no dictionary knows the word.
    text = "Businessman Oleg Rudin said he would pay the bail. Rudin lives in London."
    doc = nlp(text)
    assert next(t for t in doc if t.i > 5 and t.text == "Rudin").pos_ != "PROPN"
    _found, ex = mentions_of(nlp, text)
    assert [(m.type, m.name) for m in ex.mentions if m.text == "Rudin"] == [("Person", "Oleg Rudin")]
    # A dictionary word opening a sentence is not read as the surname.
    _found, ex = mentions_of(nlp, "Lena Young won the final. Young people cheered her.")
    assert [m for m in ex.mentions if m.text == "Young"] == []


def test_mentions_sorted_and_deterministic(nlp):
    text = "Yevgen Yerin spoke in Kyiv. He said Ukraine\u2019s Special Operations Forces were ready."
    first = mentions_of(nlp, text)[1].mentions
    assert list(first) == sorted(first, key=lambda m: (m.start, m.end))
    assert mentions_of(nlp, text)[1].mentions == first
    for m in first:
        assert text[m.start:m.end] == m.text


def test_person_split_at_capitalized_particle_joins_next_person(nlp):
    """'Omar El' + 'Karim Ben Tahar' tagged as two persons: one person ends at the particle, the next goes on."""
    from spacy.tokens import Span
    from kgraph.extraction.extract import _person_extent
    doc = nlp.make_doc("Critics of Omar El Karim Ben Tahar met.")
    doc.ents = [Span(doc, 2, 4, label="PERSON"), Span(doc, 4, 7, label="PERSON")]
    assert doc[2:_person_extent(doc, doc.ents[0])].text == "Omar El Karim Ben Tahar"
    # counter-example: a one-word person right after a person with no particle between stays apart
    doc = nlp.make_doc("Critics of Omar Karim Tahar met.")
    doc.ents = [Span(doc, 2, 4, label="PERSON"), Span(doc, 4, 5, label="PERSON")]
    assert _person_extent(doc, doc.ents[0]) == 4


def _tagged(nlp, text: str, start: int, end: int, label: str):
    """Return a tokenized text whose one entity is tokens start..end with the given label (no NER run)."""
    from spacy.tokens import Span
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, start, end, label=label)]
    return doc


@pytest.mark.parametrize("text, start, end, whole", [
    # "Tae Han" tagged in "Tae Han-soo": the name goes on over a syllable that is no English word
    ("Premier Tae Han-soo resigned .", 1, 3, "Tae Han-soo"),
    ("A Tae Han-led cabinet fell .", 1, 3, "Tae Han"),
    ("The Tae Han-era rules stay .", 1, 3, "Tae Han"),
    # pre-tokenized "O 'Malley" and "Ze 'ev": over the apostrophe (and a surname after "Ze 'ev")
    ("Police said Kevin O 'Malley , 41 , was held .", 2, 4, "Kevin O 'Malley"),
    ("Speaking for them , Ze 'ev Tamir left .", 4, 5, "Ze 'ev Tamir"),
    # a surname with an inner apostrophe the NER left out
    ("Jury head Ama Nkem'o spoke .", 2, 3, "Ama Nkem'o"),
    # a possessive, and a longer word before a quotation
    ("Police said Kevin Malley 's car was held .", 2, 4, "Kevin Malley"),
    ("Fans of Kevin Malley 'Blue Moon ' sang .", 2, 4, "Kevin Malley"),
])
def test_person_ends_where_the_name_does_over_what_the_ner_cut(nlp, text, start, end, whole):
    from kgraph.extraction.extract import _person_extent
    doc = _tagged(nlp, text, start, end, "PERSON")
    assert doc[start:_person_extent(doc, doc.ents[0])].text == whole


def test_a_place_ends_over_its_feature_word_the_ner_cut(nlp):
    """"San Telmo" tagged in "the San Telmo River": the feature word ends the name; a word in lower case does not."""
    from kgraph.extraction.extract import _feature_extent
    doc = _tagged(nlp, "Waste was dumped into the San Telmo River for years .", 5, 7, "LOC")
    assert doc[5:_feature_extent(doc, doc.ents[0])].text == "San Telmo River"
    doc = _tagged(nlp, "Waste was dumped into the San Telmo river for years .", 5, 7, "LOC")
    assert _feature_extent(doc, doc.ents[0]) == 7


def test_the_of_a_place_named_with_it_stays_in_the_mention(nlp):
    """'The Hague' keeps its capitalized article in the mention's text; a lower-case 'the' stays out."""
    found = {m.text: m.name for m in mentions_of(nlp, "The talks in The Hague ended on Friday.")[1].mentions}
    assert found.get("The Hague") == "Hague"
    texts = [m.text for m in mentions_of(nlp, "The court in the Hague met on Friday.")[1].mentions]
    assert "Hague" in texts and "the Hague" not in texts
    # a sentence's "The" before a place the gazetteer names without it stays out ("The Berlin-based X")
    texts = [m.text for m in mentions_of(nlp, "The Berlin-based think tank Tarsk Forum published it.")[1].mentions]
    assert "Berlin" in texts and "The Berlin" not in texts


def test_person_of_two_plain_words_joins_the_next_one(nlp):
    """A four-part name tagged as two persons of two words, one space apart, is one person."""
    from spacy.tokens import Span
    from kgraph.extraction.extract import _person_extent
    doc = nlp.make_doc("Critics of Anton Moreau Varga Kessling met.")
    doc.ents = [Span(doc, 2, 4, label="PERSON"), Span(doc, 4, 6, label="PERSON")]
    assert doc[2:_person_extent(doc, doc.ents[0])].text == "Anton Moreau Varga Kessling"
    # counter-examples: a comma between, a title inside, a nationality word opening the first
    for text in ("Critics of Anton Moreau, Varga Kessling met.", "Critics of Mayor Anton Varga Kessling met.",
                 "Critics of Italian Anton Varga Kessling met."):
        doc = nlp.make_doc(text)
        second = 5 if "," in text else 4
        doc.ents = [Span(doc, 2, 4, label="PERSON"), Span(doc, second, second + 2, label="PERSON")]
        assert _person_extent(doc, doc.ents[0]) == 4, text


@pytest.mark.parametrize("text, first, second, joined", [
    ("Critics of Arvo Tarsk Keskula met on Monday.", (2, 4, "Person", "Arvo Tarsk"), (4, 5, "Person", "Keskula"),
     "Arvo Tarsk Keskula"),  # a run the model proposed
    ("Singing for Veltria, Elvira Dansk won the prize.", (4, 5, "Place", "Elvira"), (5, 6, "Person", "Dansk"),
     "Elvira Dansk"),  # an unknown one-word place
    ("The lawyer Fatou Ag Sidi Ali said the case was closed.", (2, 4, "Organization", "Fatou Ag"),
     (4, 6, "Person", "Sidi Ali"), "Fatou Ag Sidi Ali"),  # an organization of name words
    ("At the festival, Karl-Otto zu Wendhausen gave a speech.", (4, 7, "Person", "Karl-Otto"),
     (7, 9, "Person", "zu Wendhausen"), "Karl-Otto zu Wendhausen"),  # a hyphen and a particle
], ids=["run", "unknown-place", "organization", "particle"])
def test_persons_written_side_by_side_are_one_person(nlp, text, first, second, joined):
    from kgraph.extraction.extract import _Cand, _adjacent_persons
    doc = nlp(text)
    cands = [_Cand(doc, 0, *first, "ner"), _Cand(doc, 0, *second, "propn")]
    assert [(c.name, c.type) for c in _adjacent_persons(cands)] == [(joined, "Person")]


@pytest.mark.parametrize("text, first, second", [
    ("Critics of Tarsk Keskula met on Monday.", (2, 3, "Person", "Tarsk"), (3, 4, "Person", "Keskula")),  # too short
    ("Critics of Arvo Tarsk, Keskula met on Monday.", (2, 4, "Person", "Arvo Tarsk"),
     (5, 6, "Person", "Keskula")),  # a comma between
    ("In Paris Anton Moreau met them.", (1, 2, "Place", "Paris"),
     (2, 4, "Person", "Anton Moreau")),  # a place the gazetteer knows
    ("Critics of Mayor Arvo Keskula met.", (2, 3, "Person", "Mayor"),
     (3, 5, "Person", "Arvo Keskula")),  # a title before a person
    ("He thanked the Tarsk Lawyers Association Arvo Keskula.", (3, 6, "Organization", "Tarsk Lawyers Association"),
     (6, 8, "Person", "Arvo Keskula")),  # a body's word
    ("Secretary of State Ann Vale spoke.", (2, 3, "Organization", "State"),
     (3, 5, "Person", "Ann Vale")),  # a dictionary word tagged an organization
    ("In Berlin Ann Vale spoke.", (1, 2, "Organization", "Berlin"),
     (2, 4, "Person", "Ann Vale")),  # a city tagged an organization
    ("Austrian Arvo Keskula won.", (0, 1, "Organization", "Austrian"),
     (1, 3, "Person", "Arvo Keskula")),  # a people's word
    ("The UNHCR Ann Vale spoke.", (1, 2, "Organization", "UNHCR"),
     (2, 4, "Person", "Ann Vale")),  # an acronym
], ids=["too-short", "comma", "known-place", "title", "body-word", "word", "city", "demonym", "acronym"])
def test_persons_apart_or_too_short_stay_apart(nlp, text, first, second):
    from kgraph.extraction.extract import _Cand, _adjacent_persons
    doc = nlp(text)
    cands = [_Cand(doc, 0, *first, "ner"), _Cand(doc, 0, *second, "ner")]
    assert _adjacent_persons(cands) == cands


def _place(name, start, kind="Place"):
    from kgraph.extraction.extract import _Cand

    return _Cand(doc=None, offset=0, start=start, end=start + 1, type=kind, name=name, source="ner")


def _short_form_names(cands):
    from kgraph.extraction.extract import _short_forms

    return [c.name for c in _short_forms(cands)]


def test_lone_word_after_the_place_name_it_opens_is_that_place():
    # "Varnholt Air Base" written first, then "Varnholt" alone: one place.
    assert _short_form_names([_place("Varnholt Air Base", 0), _place("Varnholt", 9)]) == \
        ["Varnholt Air Base", "Varnholt Air Base"]


def test_lone_word_after_the_place_name_it_ends_is_that_place():
    # "Kestrow Wall" then "Wall": the wall.
    assert _short_form_names([_place("Kestrow Wall", 0), _place("Wall", 9)]) == ["Kestrow Wall", "Kestrow Wall"]


def test_part_after_a_hyphen_is_the_place():
    assert _short_form_names([_place("Upper-Dravany", 0), _place("Dravany", 9)]) == ["Upper-Dravany", "Upper-Dravany"]


@pytest.mark.parametrize("cands", [
    pytest.param([_place("Varnholt", 0), _place("Varnholt Air Base", 9)], id="lone-word-written-first"),
    pytest.param([_place("Asia-Dravany", 0), _place("Dravany", 9)], id="part-before-hyphen-a-place"),
    pytest.param([_place("Varnholt Air Base", 0), _place("Varnholt Harbour", 5), _place("Varnholt", 9)],
                 id="two-longer-names"),
    pytest.param([_place("Lisbon Airport", 0), _place("Lisbon", 9)], id="a-city-of-its-own"),
    pytest.param([_place("Varnholt Motors", 0, "Organization"), _place("Varnholt", 9, "Organization")],
                 id="an-organization-may-be-the-parent"),
    pytest.param([_place("Varnholt Air Base", 0), _place("Varnholt", 9, "Organization")], id="other-type"),
])
def test_lone_word_stays_its_own_name(cands):
    assert _short_form_names(cands) == [c.name for c in cands]


def _club_names(cands):
    from kgraph.extraction.extract import _club_short_forms

    return [c.name for c in _club_short_forms(cands)]


@pytest.mark.parametrize("longer", ["FC Tarsk", "Tarsk FC", "Tarsk United"])
def test_lone_word_of_a_clubs_name_is_the_club(longer):
    # "FC Tarsk have signed ..." then "Tarsk scored twice": one club, not two nodes.
    cands = [_place(longer, 0, "Organization"), _place("Tarsk", 9, "Organization")]
    assert _club_names(cands) == [longer, longer]


def test_a_city_alone_is_the_club_named_after_it_in_a_sports_story_only(nlp):
    from kgraph.extraction.extract import _Cand

    def cands(text):
        doc = nlp(text)
        full = next(i for i, t in enumerate(doc) if t.text == "Borussia")
        lone = max(i for i, t in enumerate(doc) if t.text == "Dortmund")
        return [_Cand(doc, 0, full, full + 2, "Organization", "Borussia Dortmund", "ner"),
                _Cand(doc, 0, lone, lone + 1, "Organization", "Dortmund", "ner")]
    report = ("Borussia Dortmund beat Velden 2-1. The striker scored twice, the goalkeeper saved a penalty and the "
              "coach praised the midfielder. Dortmund are second in the league.")
    assert _club_names(cands(report)) == ["Borussia Dortmund", "Borussia Dortmund"]
    council = "Borussia Dortmund welcomed the plan. The city council of Dortmund approved a tram line."
    assert _club_names(cands(council)) == ["Borussia Dortmund", "Dortmund"]


def test_first_word_of_a_club_named_after_its_city_is_the_club():
    cands = [_place("Borussia Dortmund", 0, "Organization"), _place("Borussia", 9, "Organization")]
    assert _club_names(cands) == ["Borussia Dortmund", "Borussia Dortmund"]


@pytest.mark.parametrize("cands", [
    pytest.param([_place("Norvex Music", 0, "Organization"), _place("Norvex", 9, "Organization")],
                 id="a-company-may-be-the-parent"),
    pytest.param([_place("FC Tarsk", 0, "Organization"), _place("Tarsk United", 5, "Organization"),
                  _place("Tarsk", 9, "Organization")], id="two-clubs-hold-the-word"),
    pytest.param([_place("FC Tarsk", 0, "Organization"), _place("Tarsk", 9)], id="the-town-stays-a-place"),
    pytest.param([_place("FC Tarsk", 0, "Organization"), _place("FCT", 9, "Organization")], id="acronym"),
])
def test_lone_word_beside_no_single_club_stays_its_own_name(cands):
    assert _club_names(cands) == [c.name for c in cands]


def _company_names(nlp, text, spans):
    from kgraph.extraction.extract import _Cand, _company_short_forms

    doc = nlp(text)
    cands = [_Cand(doc, 0, s, e, kind, doc[s:e].text, "ner") for s, e, kind in spans]
    return [(c.name, c.type) for c in _company_short_forms(cands)]


def test_lone_word_of_a_company_name_is_the_company(nlp):
    # "Orlin Systems" then "Orlin" alone, even read as a surname: one company.
    text = "Orlin Systems bought a rival. Shares of Orlin rose, and Orlin said more deals would follow."
    spans = [(0, 2, "Organization"), (8, 9, "Organization"), (12, 13, "Person")]
    assert _company_names(nlp, text, spans) == [("Orlin Systems", "Organization")] * 3


def test_a_companys_and_a_partys_name_less_its_last_word_is_that_body(nlp):
    text = "Velda Motors AG cut jobs. Velda Motors said sales fell, and Velda blamed costs."
    spans = [(0, 3, "Organization"), (6, 8, "Organization"), (13, 14, "Person")]
    assert _company_names(nlp, text, spans) == [("Velda Motors AG", "Organization")] * 3
    text = "The Civic Union Party won. Civic Union leader Ana Vell thanked voters, but Civic disagreed."
    spans = [(1, 4, "Organization"), (6, 8, "Organization"), (15, 16, "Organization")]
    # a party's first word alone may be another's ("Civic" of "Civic Platform")
    assert _company_names(nlp, text, spans) == [("Civic Union Party", "Organization")] * 2 + [("Civic", "Organization")]
    # a dictionary word before "Party" may be a congress or another body of the party's
    text = "The Congress Party won. Congress leaders met."
    spans = [(1, 3, "Organization"), (5, 6, "Organization")]
    assert _company_names(nlp, text, spans) == [("Congress Party", "Organization"), ("Congress", "Organization")]


def test_a_persons_name_read_so_is_no_short_name_of_the_company_named_after_it(nlp):
    text = "Marek Tarvo Holdings bought a rival. The founder, Marek Tarvo, said so."
    spans = [(0, 3, "Organization"), (10, 12, "Person")]
    assert _company_names(nlp, text, spans) == [("Marek Tarvo Holdings", "Organization"), ("Marek Tarvo", "Person")]
    # a company word closes it: the company's short name the NER read as a person
    text = "Velda Motors Holdings bought a rival. Velda Motors said so."
    spans = [(0, 3, "Organization"), (7, 9, "Person")]
    assert _company_names(nlp, text, spans) == [("Velda Motors Holdings", "Organization")] * 2


@pytest.mark.parametrize("text, spans", [
    ("Norvex Music signed the band. Norvex said profits fell.", [(0, 2, "Organization"), (6, 7, "Organization")]),
    ("Orlin said profits fell. Orlin Systems is its unit.", [(0, 1, "Organization"), (5, 7, "Organization")]),
    ("Orlin Systems and Orlin Motors merged. Orlin said so.",
     [(0, 2, "Organization"), (3, 5, "Organization"), (7, 8, "Organization")]),
], ids=["no-company-head", "written-first", "two-companies"])
def test_lone_word_beside_no_single_company_stays_its_own_name(nlp, text, spans):
    doc = nlp(text)
    assert _company_names(nlp, text, spans) == [(doc[s:e].text, kind) for s, e, kind in spans]


def test_kind_noun_vouches_for_the_words_the_ner_left_before_a_name(nlp):
    from kgraph.extraction.extract import _ner_candidates

    doc = nlp("Environmental group Agua Viva welcomed the decision.")
    assert [e.text for e in doc.ents] == ["Viva"]  # the NER cut the name
    assert [c.name for c in _ner_candidates(doc, 0, set())] == ["Agua Viva"]


def test_an_english_word_before_a_citys_name_makes_no_club(nlp):
    from kgraph.extraction.extract import _Cand

    doc = nlp("Radio Bremen reported that Bremen lost.")
    cands = [_Cand(doc, 0, 0, 2, "Organization", "Radio Bremen", "ner"), _Cand(doc, 0, 4, 5, "Organization", "Bremen", "ner")]
    assert _club_names(cands) == ["Radio Bremen", "Bremen"]


@pytest.mark.parametrize("text", [
    "Ana Kovač's husband, Omar Haddad, is a banker in Zurich.",
    "Ana Kovač's successor at the Estavian Green Party, Mira Tessaro, promised reforms.",
])
def test_a_given_name_before_a_possessive_surname_the_ner_read_as_a_body_is_part_of_the_name(nlp, text):
    # spaCy-small tags "Kovač's" (or "Kovač" before "'s") an organization and leaves "Ana" out.
    found, _ex = mentions_of(nlp, text)
    assert any(name == "Ana Kovač" for name, _t, _n in found) and not any(name == "Kovač" for name, _t, _n in found), \
        sorted(found)


def test_an_acronym_before_a_possessive_takes_no_word_before_it(nlp):
    found, _ex = mentions_of(nlp, "Data Watchdog Questions EU's Fingerprint Plan\n\nThe regulator wrote to Brussels.")
    assert not any(name.endswith(" EU") for name, _t, _n in found), sorted(found)


def test_surname_the_ner_left_after_two_given_names_is_part_of_the_name(nlp):
    # The NER tags the given names only; the parser hangs both on the surname right after them.
    found, _ex = mentions_of(nlp, "Interior Minister Rosa Icela Rodriguez met the families on Monday.")
    assert ("Rosa Icela Rodriguez", "Person", "Rosa Icela Rodriguez") in found, sorted(found)


# ---------------------------------------------------------------- names found by their context after the model

@pytest.mark.parametrize("text,name", [
    pytest.param("Varkon, 45, was found guilty of fraud.", "Varkon", id="age-after-sentence-opening-name"),
    pytest.param("Tarsel, 53, a former judge, was named on Monday.", "Tarsel", id="age-after-name-read-as-noun"),
])
def test_name_before_age_is_person(nlp, text, name):
    found, _ex = mentions_of(nlp, text)
    assert (name, "Person", name) in found, sorted(found)


@pytest.mark.parametrize("text,name", [
    pytest.param("Fires burned 76 , 000 acres near Haltmoor , 12 , 000 people fled .", "Haltmoor",
                 id="number-written-apart-is-no-age"),
    pytest.param("The Vellox Bank, 120, was the oldest firm.", "Vellox Bank", id="organization-word-is-no-person"),
])
def test_name_before_number_left_alone(nlp, text, name):
    found, _ex = mentions_of(nlp, text)
    assert not any(n == name and t == "Person" for _text, t, n in found), sorted(found)


def test_an_age_after_a_surname_makes_the_full_name_a_person_too(nlp):
    from kgraph.extraction.extract import _aged_persons, _Cand
    doc = nlp("The party chose Ana Torvik as its leader. Torvik, 64, is a former minister.")
    full = [t.i for t in doc if t.text == "Ana"][0]
    sur = [t.i for t in doc if t.text == "Torvik"][1]
    cands = [_Cand(doc, 0, full, full + 2, EntityType.Organization, "Ana Torvik", "ner", "ORG"),
             _Cand(doc, 0, sur, sur + 1, EntityType.Organization, "Torvik", "ner", "ORG")]
    assert [(c.name, c.type) for c in _aged_persons(cands, [(0, doc)])] == [
        ("Ana Torvik", EntityType.Person), ("Torvik", EntityType.Person)]
    # a body's name ending in the word keeps its type
    cands[0] = _Cand(doc, 0, full, full + 2, EntityType.Organization, "Torvik Bank", "ner", "ORG")
    assert _aged_persons(cands, [(0, doc)])[0].type == EntityType.Organization


def test_a_person_read_name_glossed_by_its_initials_is_an_organization(nlp):
    from kgraph.extraction.extract import _acronym_persons, _Cand
    doc = nlp("Rebels led by Harakat Tarsa al-Velm (HTV) took the town.")
    start = [t.i for t in doc if t.text == "Harakat"][0]
    end = [t.i for t in doc if t.text == "("][0]
    cand = _Cand(doc, 0, start, end, EntityType.Person, doc[start:end].text, "ner", "PERSON")
    got = [(c.text, c.name, c.type) for c in _acronym_persons([cand])]
    assert got == [("Harakat Tarsa al-Velm", "Harakat Tarsa al-Velm", EntityType.Organization),
                   ("HTV", "Harakat Tarsa al-Velm", EntityType.Organization)]
    # letters that are not the name's initials leave a person alone
    doc = nlp("The talk by Ilse Varga (IVA) ended.")
    cand = _Cand(doc, 0, 3, 5, EntityType.Person, "Ilse Varga", "ner", "PERSON")
    assert [(c.name, c.type) for c in _acronym_persons([cand])] == [("Ilse Varga", EntityType.Person)]


def test_age_finder_is_what_finds_the_person(nlp, monkeypatch):
    from kgraph.extraction import extract

    monkeypatch.setattr(extract, "_aged_persons", lambda cands, docs: cands)
    found, _ex = mentions_of(nlp, "Varkon, 45, was found guilty of fraud.")
    assert ("Varkon", "Person", "Varkon") not in found


_WIRE = "Union Endorses David Miller for President XY0501120095 Vell City VELL TIMES in Vellish 4 Jan 95 page 7"


@pytest.mark.parametrize("text,wire", [
    pytest.param(_WIRE, True, id="document-number-after-title"),
    pytest.param("Union Endorses David Miller for President\nThe Vell Union said it would back him.", False,
                 id="title-line-without-code"),
])
def test_person_in_wire_header_title(nlp, text, wire):
    from kgraph.extraction import extract

    doc = nlp(text)
    cands = [c for c in extract._candidates(doc, 0) if c.name == "David Miller"]
    assert cands and cands[0].headline
    assert extract._wire_title_person(cands[0]) is wire


def test_person_in_title_alone_kept(nlp):
    found, _ex = mentions_of(nlp, "Union Endorses David Miller for President")
    assert ("David Miller", "Person", "David Miller") in found, sorted(found)


def _role_orgs(nlp, text):
    """Return (text, type) of what the role rule adds to an invented sentence's person candidates."""
    from kgraph.extraction import extract

    doc = nlp(text)
    persons = [c for c in extract._decide(extract._candidates(doc, 0)) if c.type == EntityType.Person]
    added = extract._role_organizations(persons, [(0, doc)])[len(persons):]
    return {(c.text, c.type) for c in added}


@pytest.mark.parametrize("text,name", [
    pytest.param("( By ORLIN-PRESS correspondent Ilse Varga )", "ORLIN-PRESS", id="upper-case-agency-before-correspondent"),
    pytest.param("Vellmark Director Anton Moreau said the plant would close.", "Vellmark", id="firm-before-director"),
])
def test_name_before_role_and_person_is_organization(nlp, text, name):
    assert (name, EntityType.Organization) in _role_orgs(nlp, text)
    found, _ex = mentions_of(nlp, text)
    assert (name, "Organization", name) in found, sorted(found)


@pytest.mark.parametrize("text", [
    pytest.param("Ten years ago: Former President Anton Moreau spoke.", id="plain-word-before-title"),
    pytest.param("Tarsk Mayor Anton Moreau opened the fair.", id="leader-of-a-place"),
    pytest.param("\"It hurt,\" Vellwetten Sales and Public Relations Manager Ilse Varga said.",
                 id="part-of-a-longer-role-phrase"),
    pytest.param("He said VM Chief Executive Frederick Holt was fired.", id="role-word-before-role"),
    pytest.param("The firm's Managing Director Anton Moreau resigned.", id="role-modifier"),
])
def test_words_before_role_left_alone(nlp, text):
    assert not _role_orgs(nlp, text)


def _killing_persons(nlp, text):
    """Return the names the killing-subject rule adds to an invented sentence's candidates (after the hand decision)."""
    from kgraph.extraction import extract

    doc = nlp(text)
    # As the learned decision leaves them: the word opening the sentence dropped (a surname that is also a word).
    cands = [c for c in extract._decide(extract._candidates(doc, 0)) if c.start > 0]
    return {c.text for c in extract._killing_subjects(cands, [(0, doc)])[len(cands):]}


@pytest.mark.parametrize("text,name", [
    pytest.param("Fisher fatally shot Anton Moreau two days later.", "Fisher", id="killer-of-a-person"),
    pytest.param("Keskula was shot by a sniper on Monday.", "Keskula", id="passive-victim"),
])
def test_proper_noun_that_kills_or_is_killed_is_person(nlp, text, name):
    assert name in _killing_persons(nlp, text)


@pytest.mark.parametrize("text", [
    pytest.param("Police shot Anton Moreau on Monday.", id="plain-plural-noun"),
    pytest.param("Gunmen killed Anton Moreau.", id="plain-noun"),
    pytest.param("Fisher said the dog was fine.", id="no-killing-verb"),
])
def test_subject_of_no_killing_left_alone(nlp, text):
    assert not _killing_persons(nlp, text)


@pytest.mark.parametrize("text,unwanted", [
    pytest.param("Crowds gathered near Dallas's hometown of Orlinsee.", True, id="possessor-of-a-hometown"),
    pytest.param("He campaigned in Ohio, the home state of his wife, Dallas.", True, id="apposition-to-wife"),
    pytest.param("Crowds gathered near Dallas's city hall.", False, id="possessor-of-no-kin-noun"),
])
def test_kin_noun_makes_a_city_named_one_word_a_person(nlp, text, unwanted):
    from kgraph.extraction import extract

    doc = nlp(text)
    c = next(c for c in extract._candidates(doc, 0) if c.text == "Dallas")
    assert extract._acts_as_person(c) is unwanted


def test_an_acronym_the_article_defined_is_found_where_the_ner_missed_it(nlp):
    text = "Rebels of the Islamic State (IS) seized two villages near Raqqa on Tuesday. " \
           "IS fighters later withdrew from one of them.\nTHE IS CAMP FELL, a banner read."
    _found, ex = mentions_of(nlp, text)
    starts = sorted(m.start for m in ex.mentions if m.text == "IS" and m.name == "Islamic State")
    fighters = text.index("IS fighters")
    assert fighters in starts  # untagged by the NER, found again as the defined acronym
    assert text.index("IS CAMP") not in starts  # a line in capitals: "IS" may be the verb there


@pytest.mark.parametrize("text, alone", [
    # A headline with no punctuation at its end, then the lead sentence: two sentences.
    ("Vellox to cut 3,000 jobs\nVellox said on Tuesday that it would cut 3,000 jobs at its plants.", True),
    ("Talks In Norland Stall\n\nEdda Morrow said the talks would go on.", True),
    # A headline closing on a quoted phrase is still a headline; a quoted sentence end needs no help either.
    ("Lindqvist calls the treaty his 'best work'\nFormer Veltrian President Ola Lindqvist spoke on Monday.", True),
    ("The minister said the talks were \"over\"\nand that they would not resume", False),
    # Text wrapped at a fixed width: the line break is no sentence end.
    ("The minister said that the talks\nWould go on next week in Oslo", False),
    # A first line that ends a sentence needs no help.
    ("Vellox cut jobs.\nIt said so on Tuesday.", True),
])
def test_a_headline_line_stands_alone_as_a_sentence(nlp, text, alone):
    doc = nlp(text)
    second = len(text.split("\n")[0]) + 1
    tok = next(t for t in doc if t.idx >= second and not t.is_space)
    assert bool(tok.is_sent_start) is alone


@pytest.mark.parametrize("text, story", [
    ("NAIROBI \u2014 Vellox Motors hired Ana Lisk as chief executive on Monday.", "Vellox"),
    ("TARSK, Veltria (AP) -- Vellox Motors hired Ana Lisk as chief executive.", "Vellox"),
    ("SAO PAULO -- Vellox Motors hired Ana Lisk as chief executive.", "Vellox"),
])
def test_a_datelines_story_opens_its_own_sentence(nlp, text, story):
    # Parsed as one sentence, the capitals became the story's subject and its relations were lost.
    doc = nlp(text)
    assert next(t for t in doc if t.text == story).is_sent_start


@pytest.mark.parametrize("text, word", [
    ("KINO - Preview of the festival with its director.", "Preview"),  # a show's title, no place's own name
    ("Markets fell. NAIROBI \u2014 Vellox Motors hired staff.", "Vellox"),  # not at a line's start
])
def test_capitals_and_a_dash_that_are_no_dateline_keep_the_sentence(nlp, text, word):
    assert not next(t for t in nlp(text) if t.text == word).is_sent_start


def test_a_relation_behind_a_dateline_is_read(nlp):
    text = "NAIROBI \u2014 Kenyan carmaker Vellox Motors hired Anna Keller as chief executive on Monday, the firm said."
    facts, _ex = relations_of(nlp, text)
    assert ("Anna Keller", Predicate.leaderOf, "Vellox Motors") in facts


def test_no_sentence_opens_with_a_comma(nlp):
    # a byline, then a dateline in capitals: the parser had cut "TARSK" off before its comma
    text = "By Anna Keller\n\nTARSK, Veltria (AP) \u2014 Voters in Veltria go to the polls on Sunday."
    doc = nlp(text)
    assert not any(t.is_sent_start and t.text in (",", ";") for t in doc)
    assert any(s.text.startswith("TARSK, Veltria") for s in doc.sents)


def test_person_starts_at_a_given_name_the_ner_left_out(nlp):
    """'Pavel Roth' tagged 'Roth' alone, 'Pavel' a proper noun compounded with it: the person starts at 'Pavel'."""
    texts = [m.text for m in mentions_of(nlp, "Pavel Roth, a professor at the University of Tarsk, said the "
                                              "results were surprising.")[1].mentions]
    assert "Pavel Roth" in texts and "Roth" not in texts


def test_given_name_start_leaves_roles_and_dictionary_words_out(nlp):
    """A capitalized role or dictionary word, a place or a demonym before a one-word person stays out of the name."""
    from spacy.tokens import Span
    from kgraph.extraction.extract import _given_name_start
    for text, start in (("Pavel Roth won .", 0), ("Commissioner Roth spoke .", 1), ("Swimmer Roth won .", 1),
                        ("Vienna Roth won .", 1), ("Austrian Roth won .", 1)):
        doc = nlp(text)
        assert doc[0].pos_ == "PROPN" and doc[0].dep_ == "compound", text  # the parse the rule reads
        doc.ents = [Span(doc, 1, 2, label="PERSON")]
        assert _given_name_start(doc, doc.ents[0], 0) == start, text
    # a hyphened given name is taken whole
    doc = nlp("Abed-Velmo Moreau won .")
    doc.ents = [Span(doc, 3, 4, label="PERSON")]
    assert doc[_given_name_start(doc, doc.ents[0], 0):4].text == "Abed-Velmo Moreau"



def test_a_club_short_form_read_as_an_adjective_later_is_found_with_the_clubs_full_name(nlp):
    # "Orlin" was given its club's full name before the untagged uses are looked for; "Club", an anaphor
    # standing for the club, is no word of that name and finds nothing (extract._recover_organizations).
    from kgraph.extraction.extract import _Cand, _recover_organizations

    doc = nlp("Orlin Rovers won on Saturday. Orlin moved up to fourth. Club staff cheered. "
              "Orlin captain Ana Torvik thanked the fans. Club president Jon Hale agreed.")
    orlin = [t.i for t in doc if t.text == "Orlin"]
    club = [t.i for t in doc if t.text == "Club"]
    cands = [_Cand(doc, 0, 0, 2, "Organization", "Orlin Rovers", "ner"),
             _Cand(doc, 0, orlin[1], orlin[1] + 1, "Organization", "Orlin Rovers", "ner"),
             _Cand(doc, 0, club[0], club[0] + 1, "Organization", "Orlin Rovers", "pronoun")]
    found = _recover_organizations(cands, [(0, doc)])
    assert [(c.start, c.name) for c in found] == [(orlin[2], "Orlin Rovers")]


@pytest.mark.parametrize("text, name", [
    ("Observers from the Agency for Water and Co-operation in Africa said the vote was fair.",
     "Agency for Water and Co-operation in Africa"),
    ("Delegates of the Council on Trade and Development in Asia met on Monday.",
     "Council on Trade and Development in Asia"),
])
def test_a_field_bodys_name_runs_over_in_and_a_continent(nlp, text, name):
    from kgraph.extraction.extract import _ner_candidates

    assert name in [c.name for c in _ner_candidates(nlp(text), 0, set())]


def test_a_field_bodys_name_stops_before_a_country(nlp):
    from kgraph.extraction.extract import _continent_extent

    doc = nlp("Staff of the Council on Trade and Development in Veltria met.")
    doc.ents = [doc.char_span(13, 45, "ORG"), doc.char_span(49, 56, "GPE")]
    assert _continent_extent(doc, doc.ents[0]) == doc.ents[0].end


@pytest.mark.parametrize("text, name", [
    ("Heavy rain has caused floods in the southern state of Rio Grande do Sul, officials said.", "Rio Grande do Sul"),
    ("Floods hit Mato Grosso do Sul on Monday.", "Mato Grosso do Sul"),  # tagged a person
])
def test_a_place_the_ner_cut_at_a_particle_is_whole_when_the_gazetteer_knows_it(nlp, text, name):
    from kgraph.extraction.extract import _ner_candidates

    assert name in [c.name for c in _ner_candidates(nlp(text), 0, set())]


def test_a_field_bodys_name_runs_over_and_a_second_field(nlp):
    from kgraph.extraction.extract import _ner_candidates

    doc = nlp("Ana Vell, director-general of the National Commission for Museums and Monuments, spoke.")
    assert "National Commission for Museums and Monuments" in [c.name for c in _ner_candidates(doc, 0, set())]
    doc = nlp("The Council for Arts and Anna Berg met.")
    assert "Council for Arts and Anna Berg" not in [c.name for c in _ner_candidates(doc, 0, set())]


def test_a_headline_naming_the_company_short_does_not_keep_it_apart(nlp):
    text = "Chipmaker Orlin names new chief\n\nOrlin Systems named Ana Vell as chief executive. Orlin shares rose."
    doc = nlp(text)
    orlin = [t.i for t in doc if t.text == "Orlin"]
    spans = [(orlin[0], orlin[0] + 1, "Organization"), (orlin[1], orlin[1] + 2, "Organization"),
             (orlin[2], orlin[2] + 1, "Organization")]
    assert _company_names(nlp, text, spans) == [("Orlin Systems", "Organization")] * 3


def test_a_shows_title_before_a_spaced_hyphen_is_no_dateline_place(nlp):
    # "Kino" is only one of a town's other names in the gazetteer: a show's title, not "STRASBOURG - "
    found, _ex = mentions_of(nlp, "Films\n\nKINO - Preview of the festival with its director.")
    assert not any(t == "Place" for _text, t, _n in found), sorted(found)


@pytest.mark.parametrize("text,name", [
    ("The French Anti-Doping Agency and the German Anti-Doping Agency both tested the cyclist.",
     "French Anti-Doping Agency"),
    ("The French Anti-Doping Agency and the German Anti-Doping Agency both tested the cyclist.",
     "German Anti-Doping Agency"),
    ("Voters in the south backed the Five Star Movement on Sunday.", "Five Star Movement"),
])
def test_a_generic_bodys_demonym_and_a_number_word_open_its_name(nlp, text, name):
    # One agency per country: cut from its demonym, the two agencies of a story were one node.
    found, _ex = mentions_of(nlp, text)
    assert (name, "Organization", name) in found, sorted(found)


@pytest.mark.parametrize("text,name", [
    ("Officials of the French Interior Ministry met police chiefs.", "French Interior Ministry"),
    ("Three Ostmark banks said on Monday that they would merge.", "Three Ostmark"),
])
def test_a_state_body_keeps_its_demonym_apart_and_a_sentences_first_number_is_no_name(nlp, text, name):
    # Linking reads "Interior Ministry" in the demonym's country ("Interior Ministry (France)").
    found, _ex = mentions_of(nlp, text)
    assert name not in {n for n, _t, _name in found}, sorted(found)
