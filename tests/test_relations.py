"""Relation rules, one sentence each, with the small English pipeline."""

from __future__ import annotations

import pytest

from kgraph.extraction import docrel

from kgraph.extraction import relations
from kgraph.extraction.extract import extract_doc, find_mentions
from kgraph.core.model import Article, Mention, Relation
from kgraph.extraction.relations import MentionIndex, rule_relations


@pytest.fixture(autouse=True)
def hand_rules_only(monkeypatch):
    """Test the hand rules as written: the learned entity decision (tests/test_entity_model.py) is off here."""
    from kgraph.extraction import entity_model

    monkeypatch.setattr(entity_model, "load", lambda path=None: None)


def _rule_facts(nlp, text):
    """Return {(subject name, predicate, object name): relation} found by the hand-written rules alone."""
    doc = nlp(text)
    index = MentionIndex(find_mentions(doc, 0))
    return {(r.subject.name, r.predicate, r.object.name): r for r in rule_relations(doc, index, 0)}


# Each case: a sentence of its own, the fact a rule must find, and the rule's method.
RULE_CASES = [
    pytest.param("Maria Lopez, spokesperson for the World Health Organization, declined to comment.",
                 ("Maria Lopez", "worksFor", "the World Health Organization"), "rule:apposition",
                 id="apposition-spokesperson-for"),
    pytest.param("Angela Merkel, the leader of the Christian Democratic Union, spoke on Monday.",
                 ("Angela Merkel", "leaderOf", "the Christian Democratic Union"), "rule:apposition",
                 id="apposition-leader-of"),
    pytest.param("Chinese President Xi Jinping arrived in Moscow on Monday.",
                 ("Xi Jinping", "leaderOf", "China"), "rule:title-premodifier", id="title-demonym-president"),
    pytest.param("Chinese President Xi Jinping arrived in Moscow on Monday.",
                 ("Xi Jinping", "citizenOf", "China"), "rule:title-citizen", id="title-official-is-citizen"),
    pytest.param("Kremlin foreign policy adviser Yuri Ushakov told reporters the talks went well.",
                 ("Yuri Ushakov", "worksFor", "Kremlin"), "rule:title-premodifier", id="title-org-adviser"),
    pytest.param("U.S. Defense Secretary Pete Hegseth visited the troops.",
                 ("Pete Hegseth", "worksFor", "United States"), "rule:title-premodifier",
                 id="title-country-secretary"),
    pytest.param("Ontario, Canada premier Doug Ford called an early vote.",
                 ("Doug Ford", "leaderOf", "Ontario"), "rule:title-premodifier", id="title-place-comma-country"),
    pytest.param("Mark Carney is the leader of the Liberal Party.",
                 ("Mark Carney", "leaderOf", "the Liberal Party"), "rule:copula-role", id="copula-leader-of"),
    pytest.param("France's National Assembly voted on the budget.",
                 ("National Assembly", "basedIn", "France"), "rule:possessive", id="possessive-org-basedin"),
    pytest.param("Brindle Motors' Tom Ashby finished second in the rain.",
                 ("Tom Ashby", "worksFor", "Brindle Motors"), "rule:possessive-member",
                 id="possessive-org-person"),
    pytest.param("Fighting continued near Belgorod, Russia, on Tuesday.",
                 ("Belgorod", "locatedIn", "Russia"), "rule:place-comma-place", id="place-comma-country"),
    pytest.param("The storm flooded roads near Yakima, Wash., overnight.",
                 ("Yakima", "locatedIn", "Washington"), "rule:place-comma-place", id="city-comma-state-abbreviation"),
    pytest.param("Linda Moreau of Eugene, Ore., won the prize.",
                 ("Linda Moreau", "livesIn", "Oregon"), "rule:person-prep", id="person-of-city-comma-state"),
    pytest.param("TOLEDO, Ohio (UPI) _ The river rose overnight.",
                 ("UPI", "basedIn", "TOLEDO"), "rule:dateline", id="dateline-agency-in-city"),
    pytest.param("TOLEDO, Ohio (UPI) _ The river rose overnight.",
                 ("UPI", "basedIn", "Ohio"), "rule:dateline", id="dateline-agency-in-state"),
    pytest.param("(Text) Krakow, 3 March (PAP) -- The city council met on Monday.",
                 ("PAP", "basedIn", "Krakow"), "rule:dateline", id="dateline-place-date-agency"),
    pytest.param("LD1203110594 Warsaw PAP in English 1010 GMT 12 Mar 94",
                 ("PAP", "basedIn", "Warsaw"), "rule:dateline", id="wire-source-line"),
    pytest.param("Ferry Service Halted By Storm LD1404101894 Tallinn ETA in English 0930 GMT 14 Apr 94",
                 ("ETA", "basedIn", "Tallinn"), "rule:dateline", id="wire-source-line-after-headline"),
    pytest.param("PM0505112394 Valletta RADIO-MALTA in Maltese 1100 GMT 5 May 94",
                 ("RADIO-MALTA", "basedIn", "Valletta"), "rule:dateline", id="wire-source-hyphenated-agency"),
    pytest.param("Krakow March 3 ( PAP-INFO ) -- The city council met on Monday.",
                 ("PAP-INFO", "basedIn", "Krakow"), "rule:dateline", id="dateline-date-hyphenated-agency"),
    pytest.param("(Text) Olsztyn May 9 PAP -- Dock workers went on strike.",
                 ("PAP", "basedIn", "Olsztyn"), "rule:dateline", id="dateline-date-agency-without-brackets"),
    pytest.param("QUITO, Ecuador -- Troops left the border on Monday.",
                 ("QUITO", "locatedIn", "Ecuador"), "rule:place-comma-place", id="dateline-without-agency-located"),
    pytest.param("Nora Vance, born in Leeds, wrote three novels.",
                 ("Nora Vance", "bornIn", "Leeds"), "rule:born-in", id="born-in-participle"),
    pytest.param("The tour ends in Denver, where Nora Vance was born, before the holidays.",
                 ("Nora Vance", "bornIn", "Denver"), "rule:born-in", id="born-in-where-clause"),
    pytest.param("Owen Pryce is a Chicago native who joined the navy.",
                 ("Owen Pryce", "livesIn", "Chicago"), "rule:copula-home", id="copula-native"),
    pytest.param("Owen Pryce, a Chicago native, joined the navy.",
                 ("Owen Pryce", "livesIn", "Chicago"), "rule:apposition-home", id="apposition-native"),
    pytest.param("Denver lawyer Mark Hollis filed the appeal.",
                 ("Mark Hollis", "livesIn", "Denver"), "rule:title-residence", id="title-town-role-residence"),
    pytest.param("The show cast Tim Roe as Nevada Gov. Carl Bassett.",
                 ("Carl Bassett", "leaderOf", "Nevada"), "rule:title-premodifier", id="title-abbreviation"),
    pytest.param("The order went to the Hollis Valve Co. of Dayton, Ohio, last week.",
                 ("Hollis Valve Co.", "basedIn", "Ohio"), "rule:org-prep", id="org-of-city-comma-state"),
    pytest.param("The mill stood in Lowell in northern Massachusetts until the war.",
                 ("Lowell", "locatedIn", "Massachusetts"), "rule:place-in-place", id="place-in-place"),
    pytest.param("Dr Anna Berg, from Oxford University, led the study.",
                 ("Anna Berg", "worksFor", "Oxford University"), "rule:person-prep", id="person-from-org"),
    pytest.param("Senator Bob Dole of Kansas spoke first.",
                 ("Bob Dole", "livesIn", "Kansas"), "rule:person-prep", id="person-of-place"),
    pytest.param("John Smith heads the Labour Party.",
                 ("John Smith", "leaderOf", "the Labour Party"), "rule:verb-lead", id="verb-heads"),
    pytest.param("Peter Brown works for Siemens.",
                 ("Peter Brown", "worksFor", "Siemens"), "rule:verb-work", id="verb-works-for"),
    pytest.param("Maria Garcia lives in Barcelona.",
                 ("Maria Garcia", "livesIn", "Barcelona"), "rule:verb-live", id="verb-lives-in"),
    pytest.param("Tom Brask shot Victor Hale in 1980.",
                 ("Tom Brask", "killed", "Victor Hale"), "rule:kill-verb", id="kill-active"),
    pytest.param("Victor Hale was murdered by Tom Brask.",
                 ("Tom Brask", "killed", "Victor Hale"), "rule:kill-verb", id="kill-passive"),
    pytest.param("Police said Marcus Webb, who killed Daniel Ford, died in 1967.",
                 ("Marcus Webb", "killed", "Daniel Ford"), "rule:kill-verb", id="kill-relative-clause"),
    pytest.param("Police said Marcus Webb acted alone in killing Daniel Ford.",
                 ("Marcus Webb", "killed", "Daniel Ford"), "rule:kill-verb", id="kill-gerund-subject"),
    pytest.param("Reporters spoke to Ivan Drago, the man convicted of killing Apollo Creed.",
                 ("Ivan Drago", "killed", "Apollo Creed"), "rule:kill-verb", id="kill-convicted-of-killing"),
    pytest.param("Two days later, doctors operated on Creed's assassin, Ivan Drago, in the city hospital.",
                 ("Ivan Drago", "killed", "Creed"), "rule:assassin-noun", id="assassin-comma-name"),
    pytest.param("Tomas Brask was convicted of Maria Lund 's murder.",
                 ("Tomas Brask", "killed", "Maria Lund"), "rule:killing-noun", id="killing-noun-convicted-of"),
    pytest.param("Tomas Brask, convicted of the slaying of Maria Lund, appealed.",
                 ("Tomas Brask", "killed", "Maria Lund"), "rule:killing-noun", id="killing-noun-slaying-of"),
    pytest.param("Nora Vance was born in Ames, Iowa, in 1950.",
                 ("Nora Vance", "bornIn", "Ames"), "rule:born-in", id="born-in-town-comma-state"),
    pytest.param("Ava Lind was born Ava Berg in Uppsala in 1950.",
                 ("Ava Berg", "bornIn", "Uppsala"), "rule:born-in", id="born-under-another-name"),
    pytest.param("Tom Ruddle, a Democrat from Leeds who served ten years in parliament, retired.",
                 ("Tom Ruddle", "livesIn", "Leeds"), "rule:apposition-from", id="apposition-someone-from-place"),
    pytest.param("Kolvo Holdings, a Leeds software firm, bought the stake.",
                 ("Kolvo Holdings", "basedIn", "Leeds"), "rule:org-apposition", id="org-apposition-place-firm"),
    pytest.param("Barack Obama was born in Honolulu.",
                 ("Barack Obama", "bornIn", "Honolulu"), "rule:born-in", id="born-in"),
    pytest.param("YouTube, a unit of Alphabet Inc., changed its rules.",
                 ("YouTube", "partOf", "Alphabet Inc."), "rule:part-of", id="part-of-unit"),
    pytest.param("Volkswagen, based in Wolfsburg, reported losses.",
                 ("Volkswagen", "basedIn", "Wolfsburg"), "rule:based-in", id="based-in"),
    pytest.param("German carmaker Volkswagen reported losses.",
                 ("Volkswagen", "basedIn", "Germany"), "rule:demonym-organization", id="demonym-noun-organization"),
    pytest.param("The German Football Association said Germany would host the final.",
                 ("German Football Association", "basedIn", "Germany"), "rule:org-country-name",
                 id="org-name-opens-with-country"),
    pytest.param("Voters cheered Tacoma's mayor, Lena Marsh, at the fair.",
                 ("Lena Marsh", "leaderOf", "Tacoma"), "rule:role-then-name", id="role-then-name-possessive-place"),
    pytest.param("The chairman of the Quillmoor Rail Company, Paula Renner, resigned on Friday.",
                 ("Paula Renner", "leaderOf", "Quillmoor Rail Company"), "rule:role-then-name",
                 id="role-of-org-then-name"),
    pytest.param("Paula Renner was found dead at her Ogden home.",
                 ("Paula Renner", "livesIn", "Ogden"), "rule:home-noun", id="home-noun-her-place-home"),
    pytest.param("Victor Hale celebrated the victory in his native Missoula.",
                 ("Victor Hale", "livesIn", "Missoula"), "rule:home-noun", id="home-noun-his-native-place"),
    pytest.param("A museum opened in Greta Solberg's Missoula birthplace.",
                 ("Greta Solberg", "bornIn", "Missoula"), "rule:home-noun", id="home-noun-birthplace"),
    pytest.param("Carla Ruiz, who works for the Ventor Press Group in Duluth, declined to comment.",
                 ("Carla Ruiz", "livesIn", "Duluth"), "rule:employer-place", id="employer-place-residence"),
    pytest.param("Born in Tacoma, Greta Solberg moved to Oslo as a child.",
                 ("Greta Solberg", "bornIn", "Tacoma"), "rule:born-in", id="born-opening-participle"),
    pytest.param("Painter Victor Hale, 71, born in Ogden, died on Friday.",
                 ("Victor Hale", "bornIn", "Ogden"), "rule:born-in", id="born-after-age"),
    pytest.param("The show honors the Missoula born painter Victor Hale.",
                 ("Victor Hale", "bornIn", "Missoula"), "rule:born-in", id="born-place-before-born"),
    pytest.param("Carla Ruiz was leaving the hall when Tom Brask shot her twice.",
                 ("Tom Brask", "killed", "Carla Ruiz"), "rule:kill-verb", id="kill-pronoun-object"),
    pytest.param("The plan was drawn by Carla Ruiz, a Tacoma architect.",
                 ("Carla Ruiz", "livesIn", "Tacoma"), "rule:apposition-town", id="apposition-town-noun"),
    pytest.param("The prize went to Victor Hale, the head of the jury and a Tacoma native.",
                 ("Victor Hale", "livesIn", "Tacoma"), "rule:apposition-home", id="apposition-second-noun-after-and"),
    pytest.param("Greta Solberg is from Ogden in Weber County.",
                 ("Greta Solberg", "livesIn", "Weber County"), "rule:verb-from", id="be-from-place-in-place"),
    pytest.param("Last month Paula Renner headed the Quillmoor Institute in Tacoma.",
                 ("Quillmoor Institute", "basedIn", "Tacoma"), "rule:org-prep", id="org-prep-hung-on-verb"),
    pytest.param("Carla Ruiz, a spokeswoman for Quillmoor Foods based in Ogden, declined to comment.",
                 ("Quillmoor Foods", "basedIn", "Ogden"), "rule:based-in", id="based-in-hung-on-the-role-noun"),
    pytest.param("Paula Renner, the head of the Quillmoor Research Office, the Danish agency that runs the test, "
                 "spoke on Friday.", ("Quillmoor Research Office", "basedIn", "Denmark"), "rule:org-apposition",
                 id="org-apposition-hung-on-the-person"),
    pytest.param("The bridge is safe, said city spokesman Tom Brask in Ogden.",
                 ("Tom Brask", "livesIn", "Ogden"), "rule:person-in", id="official-in-town"),
    pytest.param("Most of the crew stayed, said Victor Hale, a ferry pilot on Fair Isle.",
                 ("Victor Hale", "livesIn", "Fair Isle"), "rule:apposition-in", id="apposition-noun-on-place"),
    pytest.param("Greta Solberg, who grew up in Ogden, returned last year.",
                 ("Greta Solberg", "livesIn", "Ogden"), "rule:verb-live", id="grew-up-in"),
    pytest.param("The museum shows the pistol of Victor Hale's assassin Tom Brask.",
                 ("Tom Brask", "killed", "Victor Hale"), "rule:assassin-noun", id="assassin-owner-hung-on-name"),
    pytest.param("Police caught Tom Brask, suspected of the murder of Victor Hale, in a motel.",
                 ("Tom Brask", "killed", "Victor Hale"), "rule:killing-noun", id="killing-noun-suspected-after-comma"),
    pytest.param("Reporters waited outside Quillmoor Foods headquarters in nearby Ogden.",
                 ("Quillmoor Foods", "basedIn", "Ogden"), "rule:headquarters", id="headquarters-in-town"),
    pytest.param("Greta Solberg, 45, of Ogden, was hurt in the crash.",
                 ("Greta Solberg", "livesIn", "Ogden"), "rule:person-prep", id="person-age-of-town"),
    pytest.param("Carla Ruiz, one of the best surgeons in Ogden, retired on Friday.",
                 ("Carla Ruiz", "livesIn", "Ogden"), "rule:apposition-in", id="apposition-one-of-nouns-in-town"),
    pytest.param("Tom Brask left their hometown of Ogden in 1990.",
                 ("Tom Brask", "livesIn", "Ogden"), "rule:home-noun", id="home-noun-their-hometown-of"),
]


@pytest.mark.parametrize("text, fact, method", RULE_CASES)
def test_rule_finds_fact(nlp, text, fact, method):
    found = _rule_facts(nlp, text)
    # Names are compared without a leading article: mentions may or may not keep "the".
    norm = {(s.removeprefix("the "), p, o.removeprefix("the ")): r for (s, p, o), r in found.items()}
    want = (fact[0].removeprefix("the "), fact[1], fact[2].removeprefix("the "))
    assert want in norm, f"{want} not in {sorted(norm)}"
    assert norm[want].method == method


NEGATIVE_CASES = [
    pytest.param("Angela Merkel met Emmanuel Macron in Paris.", ("Angela Merkel", "killed", "Emmanuel Macron"),
                 id="meeting-is-not-killing"),
    pytest.param("Victor Hale was murdered in Ogden.", ("Victor Hale", "killed", "Victor Hale"),
                 id="passive-without-agent"),
    pytest.param("LD0101010194 Lyon Radio Rhone in French 0800 GMT 1 Jan 94", ("Radio Rhone", "basedIn", "France"),
                 id="language-is-no-place"),
    pytest.param("Anna Berg was assisting the inquiry into the murder of Tom Rand.", ("Anna Berg", "killed", "Tom Rand"),
                 id="investigating-a-murder-is-not-killing"),
    pytest.param("He toured Paris, Berlin and Rome last year.", ("Paris", "locatedIn", "Berlin"),
                 id="list-of-places-is-not-containment"),
    pytest.param("In 1901 the 9th president of Norway, Hal Brun, was born in Lillehavn.",
                 ("Hal Brun", "leaderOf", "Norway"), id="office-in-a-line-then-name-is-no-role-fact"),
    pytest.param("The bank was robbed by Tom Brask in Ogden.", ("Tom Brask", "livesIn", "Ogden"),
                 id="agent-in-town-is-no-residence"),
    pytest.param("Corvell Mining's chief Ann Lisk resigned.", ("Ann Lisk", "worksFor", "Corvell Mining"),
                 id="org-possessive-title-is-the-title-rules"),
]


@pytest.mark.parametrize("text, fact", NEGATIVE_CASES)
def test_rule_does_not_invent(nlp, text, fact):
    assert fact not in _rule_facts(nlp, text)


def test_portfolio_word_is_not_an_employer():
    assert relations._is_portfolio(Mention("Defense", "Organization", 0, 7, "Defense"))
    assert not relations._is_portfolio(Mention("Pentagon", "Organization", 0, 8, "Pentagon"))
    assert not relations._is_portfolio(Mention("Defense Ministry", "Organization", 0, 16, "Defense Ministry"))


def test_role_words_are_kept(nlp):
    found = _rule_facts(nlp, "Kremlin foreign policy adviser Yuri Ushakov told reporters the talks went well.")
    assert found[("Yuri Ushakov", "worksFor", "Kremlin")].role == "foreign policy adviser"


def test_evidence_points_into_the_article(nlp):
    text = "Intro line.\n\nChinese President Xi Jinping arrived in Moscow on Monday."
    with docrel.rules_only():
        ex = extract_doc(Article("a", text), [(0, nlp(text))])
    rel = next(r for r in ex.relations if r.predicate == "leaderOf")
    assert text[rel.sentence_start:rel.sentence_end] == rel.sentence
    assert text[rel.subject.start:rel.subject.end] == rel.subject.text


def test_rule_confidence_is_measured_precision():
    model = relations.load_model()
    assert model["rules"], "the shipped model carries the rules' calibration"
    for method, r in model["rules"].items():
        assert 0 < r["precision"] < 1
        assert r["fired"] >= r["correct"]
    m = Mention("A", "Person", 0, 1, "A")
    raw = Relation(m, "killed", m, 0.123, "rule:kill-verb", "A.", 0, 2)
    assert relations._calibrated(raw, model).confidence == model["rules"]["rule:kill-verb"]["precision"]


def test_classifier_calibration_never_falls_with_probability():
    model = relations.load_model()
    for label, bins in model["calibration"].items():
        values = [v for _low, v in bins]
        assert values == sorted(values), label
        assert relations.calibrated_probability(model, label, 0.99) == values[-1]


def test_classifier_adds_pairs_no_rule_covers(nlp):
    text = "Reuters correspondent Ann Lee reported from Kabul."
    doc = nlp(text)
    pairs = find_mentions(doc, 0)
    model = relations.load_model()
    covered = {(a.start, b.start) for a, _sa, b, _sb in relations.candidate_pairs(pairs)}
    assert list(relations.classify(doc, pairs, 0, model, skip=covered)) == []
    for r in relations.classify(doc, pairs, 0, model):
        assert r.method == "model:pair-classifier"
        assert 0 < r.confidence <= 1


def test_weights_are_small_and_offline():
    from kgraph.core import modelfile
    from kgraph.train import MODEL_PATH

    assert MODEL_PATH.stat().st_size < 20 * 1024 * 1024
    assert "http" not in modelfile.read_text(MODEL_PATH)[:2000]


def test_min_confidence_drops_weaker_facts(tmp_path):
    import json

    from click.testing import CliRunner

    from kgraph.cli import main

    art = tmp_path / "a.txt"
    art.write_text("Chinese President Xi Jinping met Maria Lopez, spokesperson for the World Health "
                   "Organization, in Geneva, Switzerland.\n", encoding="utf-8")
    def relations(threshold):
        res = CliRunner().invoke(main, ["extract", str(art), "--min-confidence", str(threshold)])
        assert res.exit_code == 0, res.output
        rels = json.loads(res.output.splitlines()[0])["relations"]
        assert all(r["confidence"] >= float(threshold) for r in rels)
        return rels

    everything = relations(0)
    weakest = min(r["confidence"] for r in everything)
    assert weakest < 1
    above = relations(round(weakest + 0.001, 3))  # just above the weakest fact's confidence
    assert len(everything) > len(above) > 0 and len(relations(1)) == 0
    bad = CliRunner().invoke(main, ["extract", str(art), "--min-confidence", "2"])
    assert bad.exit_code != 0


def test_path_between_two_dependency_trees_ends():
    """A mention can straddle a sentence break the parser made ("at Istanbul's Kadir | Has University").

    Its root then lies in another tree than its partner's; the path must still end (it once looped forever,
    comparing freshly made Token objects by identity).
    """
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Anna", "Berg", "teaches", "at", "Kadir", "Has", "University", "."]
    heads = [1, 2, 2, 2, 3, 6, 6, 6]  # two trees: rooted at "teaches" (2) and "University" (6)
    deps = ["compound", "nsubj", "ROOT", "prep", "pobj", "compound", "ROOT", "punct"]
    starts = [True, False, False, False, False, True, False, False]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, sent_starts=starts)
    up, down = relations._path(doc[1], doc[6])
    assert [t.text for t in up] == ["Berg", "teaches"]
    assert [t.text for t in down] == ["University"]


def _article_facts(nlp, text):
    """Return {(subject name, predicate, object name): method} of a whole one-piece article."""
    with docrel.rules_only():  # the rules' own output, before the document model weighs it
        ex = extract_doc(Article("t", text), [(0, nlp(text))])
    return {(r.subject.name, r.predicate, r.object.name): r.method for r in ex.relations}


# Each case: an invented article, and the country an organization's town puts it in.
CHAIN_CASES = [
    pytest.param("Brackwell Tools Ltd, based in Leeds, sells most of its saws to buyers outside Britain.",
                 ("Brackwell Tools Ltd", "basedIn", "United Kingdom"), id="based-in-town-of-named-country"),
    pytest.param("Norrel Foods, based in Toulouse, opened a plant. France taxes it lightly.",
                 ("Norrel Foods", "basedIn", "France"), id="based-in-town-country-in-later-sentence"),
]


@pytest.mark.parametrize("text, fact", CHAIN_CASES)
def test_based_in_chains_to_country(nlp, text, fact):
    assert _article_facts(nlp, text).get(fact) == "rule:based-in-chain"


def test_based_in_chain_needs_the_country_named(nlp):
    facts = _article_facts(nlp, "Norrel Foods, based in Toulouse, opened a plant on Monday.")
    assert not any(p == "basedIn" and m == "rule:based-in-chain" for (_s, p, _o), m in facts.items())


def test_sentence_pairs_are_those_of_every_pair_looked_at(nlp):
    from kgraph.extraction import relations
    from kgraph.extraction.extract import find_mentions

    names = ", ".join(f"Arvo Keskula{k} of the Tarsk Bank{k}" for k in range(12))
    doc = nlp(f"The board named {names}. Lena Moreau, a director of the Vellox Company, agreed.")
    mentions = find_mentions(doc, 0)
    plain = []
    for a, sa in mentions:
        for b, sb in mentions:
            if a is b or a.name == b.name or (a.type, b.type) not in relations._PAIR_PREDICATES \
                    or relations._is_portfolio(a) or relations._is_portfolio(b):
                continue
            if sa.sent.start != sb.sent.start or abs(sa.start - sb.start) > relations.MAX_PAIR_DISTANCE:
                continue
            if sa.start < sb.end and sb.start < sa.end:
                continue
            plain.append((a, b))
    got = [(a, b) for a, _sa, b, _sb in relations.candidate_pairs(mentions)]
    assert len(mentions) >= 20 and got and len(got) < len(mentions) * (len(mentions) - 1) / 2
    assert sorted(got, key=lambda p: (p[0].start, p[1].start)) == sorted(plain, key=lambda p: (p[0].start, p[1].start))


def test_a_kind_noun_after_an_organization_name_stands_for_it(nlp):
    # "the Democratic Choice party" where the name was cut before "party": the rules read "party" as the party.
    doc = nlp("Ann Lisk, who leads the Democratic Choice party, was arrested.")
    s = doc.text.index("Democratic")
    span = doc.char_span(s, s + len("Democratic Choice"))
    person = doc.char_span(0, len("Ann Lisk"))
    org = Mention("Democratic Choice", "Organization", span.start_char, span.end_char, "Democratic Choice")
    ann = Mention("Ann Lisk", "Person", 0, len("Ann Lisk"), "Ann Lisk")
    index = MentionIndex([(ann, person), (org, span)])
    party = next(t for t in doc if t.text == "party")
    assert index.at(party) is org and index.token_ids(org) == [span.start, span.end - 1]
    facts = {(r.subject.name, r.predicate, r.object.name) for r in rule_relations(doc, index, 0)}
    assert ("Ann Lisk", "leaderOf", "Democratic Choice") in facts
    # A noun that is no kind of organization is not the name: "the Democratic Choice vote".
    doc2 = nlp("Ann Lisk won the Democratic Choice vote.")
    s2 = doc2.text.index("Democratic")
    span2 = doc2.char_span(s2, s2 + len("Democratic Choice"))
    org2 = Mention("Democratic Choice", "Organization", span2.start_char, span2.end_char, "Democratic Choice")
    assert MentionIndex([(org2, span2)]).at(next(t for t in doc2 if t.text == "vote")) is None


@pytest.mark.parametrize("name, party", [
    ("Freedom Party", True), ("Greens", True), ("Christian Democratic Union", True), ("National Front", True),
    ("Socialist Alliance", True),
    ("Tarsk Union", False),  # a head with no creed word: a trade union, a club, a state union
    ("Democratic Republic of Veltria", False), ("Vellox Motors", False),
])
def test_party_name_reads_a_party_word_or_a_creed_and_a_party_head(name, party):
    from kgraph.extraction.lexicon import party_name

    assert party_name(name) is party


@pytest.mark.parametrize("text, role", [
    ("Vellox said its personnel chief, Ann Roe, would leave.", "worksFor"),
    ("Vellox said its marketing head, Ann Roe, would leave.", "worksFor"),
    ("Vellox said its chief, Ann Roe, would leave.", "leaderOf"),
    ("Vellox said its deputy chief, Ann Roe, would leave.", "worksFor")])
def test_a_department_head_works_for_the_firm_its_chief_leads(nlp, text, role):
    from kgraph.extraction.relations import role_of_token

    doc = nlp(text)
    noun = next(t for t in doc if t.lower_ in ("chief", "head"))
    assert role_of_token(noun) == role


@pytest.mark.parametrize("text, led", [
    # The sentence before is about a player, so no subject names the club: the one organization named does.
    ("Vellox FC bought a striker on Monday. The player scored ten goals last season. The fee was fair, said club "
     "president Ann Roe.", True),
    # Two organizations named before: the club may be either.
    ("Vellox FC bought a striker from Tarsk United on Monday. The player scored ten goals last season. The fee was "
     "fair, said club president Ann Roe.", False)])
def test_a_kind_title_with_no_referent_before_reads_the_one_organization_named(nlp, text, led):
    facts = _rule_facts(nlp, text)
    assert (("Ann Roe", "leaderOf", "Vellox FC") in facts) == led, sorted(facts)


@pytest.mark.parametrize("text, disputed", [
    ("Lena Sommer denied that she works for the Brannholt Group.", True),
    ("Rumours that Lena Sommer leads the Brannholt Group are false.", True),
    ("Lena Sommer does not work for the Brannholt Group.", True),
    ("Lena Sommer did not deny that she works for the Brannholt Group.", False),
    ("Lena Sommer, who does not smoke, works for the Brannholt Group.", False),
    # asked about, supposed or merely possible
    ("Does Lena Sommer still work for the Brannholt Group?", True),
    ("Critics asked whether Lena Sommer works for the Brannholt Group.", True),
    ("If elected, Lena Sommer would lead the Brannholt Group.", True),
    ("Lena Sommer could soon join the Brannholt Group.", True),
    ("Lena Sommer, who would later lead the Brannholt Group, was born in 1950.", False),
])
def test_the_sentence_scorer_states_nothing_a_denial_or_negation_frames(nlp, text, disputed):
    from kgraph.extraction.relations import _disputed

    doc = nlp(text)
    ents = {e.text: e for e in doc.ents}
    person, group = ents.get("Lena Sommer"), next((e for t, e in ents.items() if "Brannholt" in t), None)
    if person is None or group is None:
        pytest.skip(f"spaCy found other names: {sorted(ents)}")
    assert _disputed(person, group) is disputed


@pytest.mark.parametrize("text, asks", [
    ("Is Lena Sommer the new head of the Brannholt Group?", True),
    ("Does Lena Sommer work for the Brannholt Group?", True),
    ("\u201cCould Lena Sommer lead the Brannholt Group?\u201d", True),
    # a question word: the question takes its clause for granted
    ("Why did Lena Sommer leave the Brannholt Group?", False),
    ("Lena Sommer works for the Brannholt Group.", False),
    ("Is it over?", True),
])
def test_a_yes_no_question_is_told_from_other_sentences(nlp, text, asks):
    from kgraph.extraction.relations import polar_question

    assert polar_question(next(nlp(text).sents)) is asks


@pytest.mark.parametrize("stated, chained", [
    ("France", "United Kingdom"),  # no Leeds in France: the gazetteer's country, which the text names too
    ("United Kingdom", "United Kingdom"),
])
def test_an_organization_in_a_town_is_in_the_towns_country_not_where_a_statement_misplaced_the_town(stated, chained):
    from kgraph.core.model import Mention, Relation
    from kgraph.core.terms import EntityType, Predicate
    from kgraph.extraction.relations import chain_based_in

    org = Mention("Brackwell Tools", EntityType.Organization, 0, 15, "Brackwell Tools")
    town = Mention("Leeds", EntityType.Place, 40, 45, "Leeds")
    uk = Mention("Britain", EntityType.Country, 60, 67, "United Kingdom")
    france = Mention("France", EntityType.Country, 80, 86, "France")
    where = uk if stated == "United Kingdom" else france
    relations = [Relation(org, Predicate.basedIn, town, 0.8, "rule:headquarters", "s", 0, 90),
                 Relation(town, Predicate.locatedIn, where, 0.56, "model:sentence-encoder", "s", 0, 90)]
    found = {(r.subject.name, r.object.name) for r in chain_based_in(relations, [org, town, uk, france])}
    assert found == {("Brackwell Tools", chained)}
