"""Corrections, a fifth pass (stop 72): what an analyst's walkthrough on a real corpus that grew met."""

from __future__ import annotations

import warnings

import pytest

from kgraph.core.errors import InputError
from kgraph.core.model import Article, Extraction, Mention
from kgraph.linking.link import link_extractions

from kgraph.linking import corrections as corr

from .test_corrections import by_label, fixes


def art(aid, text, *names):
    """Build an extraction of text whose mentions are (name, type) pairs, each at the name's first place."""
    ms = []
    for name, kind in names:
        i = text.index(name)
        ms.append(Mention(name, kind, i, i + len(name), name))
    return Extraction(Article(aid, text), tuple(ms), ())


ARTS = art("a1", "Orvell wrote a blog about the opera season in Tarsk.", ("Orvell", "Person"), ("Tarsk", "Place"))
MATCH = art("b1", "The striker Orvell scored twice as the Bundesliga side won 2-1 and the coach praised the midfielder.",
            ("Orvell", "Person"))


def test_a_block_also_removes_the_names_reading_in_another_kind_of_story():
    """A blocked one-word name a new match report writes again is no "Orvell (sport)" node: before stop 72 the
    grown corpus parted the name by kind of story and the block removed only the unqualified one."""
    labels = {e.label for e in link_extractions([ARTS, MATCH]).entities}
    assert labels == {"Orvell", "Orvell (sport)", "Tarsk"}
    for corpus in ([ARTS], [ARTS, MATCH], [MATCH, ARTS], [MATCH]):
        for ref in ("Orvell", "person/Orvell"):
            kb = link_extractions(corpus, fixes({"action": "block", "entity": ref}))
            assert not [e.label for e in kb.entities if "Orvell" in e.label]


def test_a_block_of_the_qualified_name_leaves_the_other_reading():
    """Naming "Orvell (sport)" blocks the match reports' Orvell only: the analyst chose that one."""
    kb = link_extractions([ARTS, MATCH], fixes({"action": "block", "entity": "Orvell (sport)"}))
    assert {e.label for e in kb.entities} == {"Orvell", "Tarsk"}


def test_a_repeated_item_is_skipped_with_a_warning():
    """A file pasted into twice: before stop 72 a repeated retype or assert went silently into the graph twice
    (two comments, two item numbers) and a repeated split parted the split-off entity again."""
    item = {"action": "retype", "entity": "Tarsk", "type": "Person"}
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        kb = link_extractions([ARTS], fixes(item, {"action": "block", "entity": "Orvell"},
                                            dict(item, entity=" Tarsk ")))
    assert [str(x.message) for x in w] == ["correction #3 retype Tarsk -> Person: repeats #1; skipped"]
    assert by_label(kb)["Tarsk"].corrections == ("#1 retype Tarsk -> Person",)


def test_an_item_naming_a_name_a_merge_absorbed_says_it_acts_on_the_merged_entity():
    """Conflicting lines, "merge A + B" then "split A": the split parts the merged entity, and says so."""
    corpus = [art("a1", "Lena Ostrova met Tarsk officials.", ("Lena Ostrova", "Person"), ("Tarsk", "Place")),
              art("a2", "Ivo Marek spoke in Tarsk.", ("Ivo Marek", "Person"), ("Tarsk", "Place"))]
    assert {e.label for e in link_extractions(corpus).entities} == {"Lena Ostrova", "Ivo Marek", "Tarsk"}
    for item in ({"action": "split", "entity": "Ivo Marek", "articles": ["a2"]},
                 {"action": "retype", "entity": "Ivo Marek", "type": "Organization"},
                 {"action": "rename", "entity": "Ivo Marek", "label": "Ivo K. Marek"}):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            link_extractions(corpus, fixes({"action": "merge", "entities": ["Lena Ostrova", "Ivo Marek"],
                                                   "keep": "Lena Ostrova"}, item))
        assert [str(x.message).split("; ")[0] for x in w] == [
            f"correction {fixes(item, item).items[1].describe()}: 'Ivo Marek' was merged into "
            "'person/Lena_Ostrova' by an earlier correction"], [str(x.message) for x in w]


@pytest.mark.parametrize("spelling", ["citizen_of", "citizen of", "Citizen-Of", "CITIZENOF"])
def test_a_predicate_written_as_words_is_read(spelling):
    """ "citizen_of" as a database or a spreadsheet writes it: before stop 72 an unknown predicate (exit 1)."""
    c = fixes({"action": "assert", "subject": "A", "predicate": spelling, "object": "B"})
    assert c.items[0].predicate == "citizenOf"
    with pytest.raises(InputError, match="unknown predicate 'citizen_off'"):
        fixes({"action": "assert", "subject": "A", "predicate": "citizen_off", "object": "B"})


def test_yaml_items_pasted_from_review_with_their_commas_are_read():
    """`kgraph review` prints each item with a closing comma; "- {...}," in a YAML list was a YAML error."""
    text = ('corrections:\n'
            '  - {"action": "block", "entity": "Orvell", "note": "a word, not a name"},\n'
            '  - {action: retype, entity: Tarsk, type: Person},  # by hand\n'
            '  - [not, an, item]\n')
    with pytest.raises(InputError, match="item 3: expected an object"):
        corr.parse_yaml(text)
    items = corr.parse_yaml(text.rsplit("  - [", 1)[0]).items
    assert [(c.action, c.entity, c.note) for c in items] == [("block", "Orvell", "a word, not a name"),
                                                            ("retype", "Tarsk", None)]
    with pytest.raises(InputError, match="not valid YAML"):  # a comma inside a flow list stays an error
        corr.parse_yaml("- {action: block, entity: [A},\n")


def test_a_csv_quote_never_closed_is_an_error_not_lost_rows():
    """An unclosed quote ran its cell to the end of the file: before stop 72 the rows after it were read as
    part of one name, silently ("Bild\\nrename,Kofi Annan,..." blocked Bild and renamed no one)."""
    text = 'action,entity,label\nblock,"Bild,\nrename,Kofi Annan,Kofi A. Annan\nblock,Weblog,\n'
    with pytest.raises(InputError, match=r'row 2: a quote \(\"\) is opened and never closed'):
        corr.parse_csv(text)
    # a closed quote may hold a line break (a spreadsheet's note of two lines), and a doubled one is a quote
    c = corr.parse_csv('action,entity,note\nblock,Bild,"two\nlines"\nblock,"Tarsk ""Old""",\n')
    assert [(i.entity, i.note) for i in c.items] == [("Bild", "two\nlines"), ('Tarsk "Old"', None)]
