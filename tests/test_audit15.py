"""The fifteenth adversarial pass (round hostile78): each test failed on the code before its fix.

Invented inputs only.
"""

from __future__ import annotations

import json
import os

import pytest

from kgraph.core.errors import InputError

# ---------------------------------------------------------------- a gold file names only articles beside it

GOLD = {"entities": [{"id": 1, "type": "Person", "names": "Oskar Venn"}]}


def _gold_layout(tmp_path):
    """Write gold/, docs/a.txt and an outside secret; return (gold folder, docs folder)."""
    gold, docs = tmp_path / "gold", tmp_path / "docs"
    gold.mkdir()
    docs.mkdir()
    (docs / "a.txt").write_text("Oskar Venn works for Hollow Ridge Capital in Veltria.", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("Tilde Marsk keeps the vault key.", encoding="utf-8")
    (gold / "inside.txt").write_text("Oskar Venn spoke in Korvania.", encoding="utf-8")
    return gold, docs


@pytest.mark.parametrize("document", ["../secret.txt", "{tmp}/secret.txt", "link.txt", "../docs/a.txt"])
def test_a_gold_file_cannot_name_an_article_outside_its_folder(tmp_path, document):
    # Any readable file was built and its names reported as false entities (/etc/passwd, ../../secret).
    from kgraph.evaluate import load_gold

    gold, _ = _gold_layout(tmp_path)
    (gold / "link.txt").symlink_to(tmp_path / "secret.txt")
    path = gold / "g.json"
    path.write_text(json.dumps({"document": document.format(tmp=tmp_path), **GOLD}), encoding="utf-8")
    with pytest.raises(InputError, match="outside the gold file's folder .*--documents DIR"):
        load_gold(path)


def test_a_gold_files_article_may_lie_beside_it_below_it_or_in_a_folder_named_with_documents(tmp_path):
    from click.testing import CliRunner

    from kgraph import cli
    from kgraph.evaluate import load_gold

    gold, docs = _gold_layout(tmp_path)
    (gold / "sub").mkdir()
    (gold / "sub" / "b.txt").write_text("Oskar Venn left.", encoding="utf-8")
    for document in ("inside.txt", "sub/b.txt"):
        (gold / "g.json").write_text(json.dumps({"document": document, **GOLD}), encoding="utf-8")
        assert load_gold(gold / "g.json")["document"].name == os.path.basename(document)
    (gold / "g.json").write_text(json.dumps({"document": "../docs/a.txt", **GOLD}), encoding="utf-8")
    assert load_gold(gold / "g.json", documents=(docs,))["document"] == (docs / "a.txt").resolve()
    help_text = CliRunner().invoke(cli.main, ["evaluate", "--help"]).output
    assert "--documents DIR" in help_text


# ---------------------------------------------------------------- a long integer said in kgraph's words


def test_a_too_long_integer_is_said_in_kgraphs_words_not_pythons(tmp_path):
    # "Exceeds the limit (4300 digits) ...; use sys.set_int_max_str_digits() to increase the limit": advice
    # about a Python function no user of the command line can call.
    from click.testing import CliRunner

    from kgraph import cli
    from kgraph.core import userfile

    digits = "7" * 5000
    with pytest.raises(InputError) as got:
        userfile.loads('{"id": %s}' % digits, InputError, "fixes.json")
    assert "an integer of 5,000 digits" in str(got.value) and "sys." not in str(got.value)
    graph = tmp_path / "g.ttl"
    graph.write_text(f"<http://example.org/a> <http://example.org/p> {digits} .\n", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["validate", str(graph)])
    assert result.exit_code == 1
    assert "an integer of 5,000 digits" in result.output and "set_int_max_str_digits" not in result.output


# ---------------------------------------------------------------- HTML: colours in every form CSS writes


def _page_text(fragment: str) -> str:
    from .test_audit14 import _page_text as page_text

    return page_text(fragment)


PLANTED = "Oskar Venn works for Hollow Ridge Capital."


@pytest.mark.parametrize("fragment", [
    f'<div style="background:#fff"><p style="color:hsl(0, 0%, 100%)">{PLANTED}</p></div>',
    f'<div style="background:white"><p style="color:hsla(120deg 50% 100% / 1)">{PLANTED}</p></div>',
    f'<div style="background:#ff0000"><p style="color:hsl(1turn, 100%, 50%)">{PLANTED}</p></div>',
    f'<p style="color:hsla(0, 0%, 0%, 0)">{PLANTED}</p>',
    f'<p style="color:hsl(0 0% 0% / 0%)">{PLANTED}</p>',
    f'<div style="background:white"><p style="color:rgb(300, 300, 300)">{PLANTED}</p></div>',
    f'<div style="background:white"><p style="color:rgb(2.55e2 255 255)">{PLANTED}</p></div>',
    f'<div style="background:black"><p style="color:rgb(none none none)">{PLANTED}</p></div>',
    f'<p style="color:rgba(0,0,0,-1)">{PLANTED}</p>',
    f'<div style="background:#fff"><p style="color:hwb(0 100% 0%)">{PLANTED}</p></div>',
    f'<div style="background:#fff"><p style="color:color(srgb 1 1 1)">{PLANTED}</p></div>',
    f'<p style="color:oklch(0.5 0.2 120 / 0)">{PLANTED}</p>',
    f'<div style="background:ivory"><p style="color:#fffff0">{PLANTED}</p></div>',
    f'<div style="background-color:AliceBlue"><p style="color:aliceblue">{PLANTED}</p></div>',
    f'<div style="background:#fff"><p style="color:#fffffe">{PLANTED}</p></div>',
    f'<p style="color:#123456;background:currentcolor">{PLANTED}</p>',
    f'<div style="color:#fff"><p style="background-color:currentColor">{PLANTED}</p></div>',
    f'<div style="background:#fff;color:#fff"><p style="color:currentcolor">{PLANTED}</p></div>',
    f'<style>.w{{background:lavender}} .w p{{color:#e6e6fa}}</style><div class="w"><p>{PLANTED}</p></div>',
])
def test_text_in_the_colour_of_its_background_in_any_notation_is_not_read(fragment):
    text = _page_text(fragment)
    assert "The board agreed." in text
    assert "Oskar Venn" not in text


@pytest.mark.parametrize("fragment", [
    f'<p style="color:hsl(0, 0%, 100%)">{PLANTED}</p>',  # the canvas may be dark
    f'<div style="background:#000"><p style="color:hsl(0, 0%, 100%)">{PLANTED}</p></div>',
    f'<div style="background:white"><p style="color:hsla(0, 0%, 100%, 0.5)">{PLANTED}</p></div>',
    f'<div style="background:#fff"><p style="color:currentcolor">{PLANTED}</p></div>',
    f'<p style="color:#123456;background:currentcolor"><span style="color:#fff">{PLANTED}</span></p>',
    f'<div style="background:ivory"><p style="color:navy">{PLANTED}</p></div>',
    f'<div style="background:#fff"><p style="color:rgb(from white r g b)">{PLANTED}</p></div>',
    f'<div style="background:#fff"><p style="color:color-mix(in srgb, white, black)">{PLANTED}</p></div>',
    f'<div style="background:#fff"><p style="color:lab(100% 0 0)">{PLANTED}</p></div>',
    f'<div style="background:#fff"><p style="color:#eee">{PLANTED}</p></div>',
])
def test_text_in_a_colour_a_reader_tells_from_its_background_is_read(fragment):
    text = _page_text('<p style="color:hsla(0, 0%, 0%, 0)">Pell Arden hid here.</p>' + fragment)
    assert PLANTED in text and "Pell Arden" not in text


# ---------------------------------------------------------------- HTML: text moved off, shrunk or unpainted


@pytest.mark.parametrize("fragment", [
    f'<p style="text-indent:-9999px">{PLANTED}</p>',
    f'<p style="position:relative;left:-9999px">{PLANTED}</p>',
    f'<p style="margin-left:-200em">{PLANTED}</p>',
    f'<p style="transform:translateX(-9999px)">{PLANTED}</p>',
    f'<p style="transform:scale(0)">{PLANTED}</p>',
    f'<p style="transform:translateY(10px) scaleY(0)">{PLANTED}</p>',
    f'<p style="scale:0">{PLANTED}</p>',
    f'<p style="translate:-5000px 0">{PLANTED}</p>',
    f'<p style="filter:opacity(0)">{PLANTED}</p>',
    f'<p style="font-size:0.01px">{PLANTED}</p>',
    f'<style>.ir{{text-indent:-10000px}}</style><h2 class="ir">{PLANTED}</h2>',
    f'<div style="background:#fff"><p><font color="white">{PLANTED}</font></p></div>',
    f'<div style="background:#000"><p><font color="000000">{PLANTED}</font></p></div>',
    f'<p style="font:0/0 a">{PLANTED}</p>',  # the old image-replacement class
    f'<style>.ir{{font: bold 0px serif}}</style><p class="ir">{PLANTED}</p>',
    f'<p style="position:absolute;inset:-9999px auto auto -9999px">{PLANTED}</p>',
    f'<p style="color:var(--c);--c:transparent">{PLANTED}</p>',  # custom properties
    f'<style>:root{{--c:transparent}} .v{{color:var(--c)}}</style><p class="v">{PLANTED}</p>',
    f'<style>html{{--bg:#fff;--fg:#fff}}</style><div style="background:var(--bg)"><p style="color:var(--fg)">'
    f'{PLANTED}</p></div>',
    f'<div style="--hide:none"><p style="display:var(--hide)">{PLANTED}</p></div>',
    f'<p style="font-size:var(--s, 0)">{PLANTED}</p>',
    f'<p style="-webkit-text-fill-color:transparent">{PLANTED}</p>',  # the fill overrides the colour
    f'<div style="background:#fff"><p style="color:#000;-webkit-text-fill-color:#fff">{PLANTED}</p></div>',
])
def test_text_moved_off_the_page_shrunk_to_nothing_or_in_a_font_colour_like_its_paper_is_not_read(fragment):
    text = _page_text(fragment)
    assert "The board agreed." in text
    assert "Oskar Venn" not in text


@pytest.mark.parametrize("fragment", [
    f'<p style="text-indent:2em">{PLANTED}</p>',
    f'<p style="position:relative;left:-20px">{PLANTED}</p>',
    f'<p style="transform:rotate(90deg) translateX(-9999px)">{PLANTED}</p>',  # a rotation may bring it back
    f'<p style="transform:scale(0);transition:transform .3s">{PLANTED}</p>',  # a pop-in
    f'<p style="transform:translateX(-100%)">{PLANTED}</p>',
    f'<p style="filter:opacity(0.8)">{PLANTED}</p>',
    f'<p style="font-size:0.8em">{PLANTED}</p>',
    f'<p><font color="white">{PLANTED}</font></p>',  # the canvas may be dark
    f'<div style="background:#000"><p><font color="white">{PLANTED}</font></p></div>',
    f'<div style="background:#fff"><font color="white"><p style="color:#222">{PLANTED}</p></font></div>',
    f'<p style="font:bold 14px/1.4 serif">{PLANTED}</p>',
    f'<div style="font-size:0"><p style="font:14px serif">{PLANTED}</p></div>',  # its own size draws it again
    f'<p style="position:absolute;inset:0 auto auto 0">{PLANTED}</p>',
    f'<p style="color:var(--c)">{PLANTED}</p>',  # a custom property set nowhere
    f'<p style="color:var(--c);--c:#333">{PLANTED}</p>',
    f'<p style="display:var(--x, block)">{PLANTED}</p>',
    f'<h2 style="background:linear-gradient(red,blue);-webkit-background-clip:text;-webkit-text-fill-color:'
    f'transparent">{PLANTED}</h2>',  # a gradient heading: the background shows through the letters
    f'<div style="background:#fff"><p style="color:#fff;-webkit-text-fill-color:#000">{PLANTED}</p></div>',
])
def test_text_drawn_where_a_reader_sees_it_is_read(fragment):
    text = _page_text('<p style="filter:opacity(0)">Pell Arden hid here.</p>' + fragment)
    assert PLANTED in text and "Pell Arden" not in text


# ---------------------------------------------------------------- spaces and selectors that split a name


@pytest.mark.parametrize("written, read", [
    ("Mara\u00a0Quell spoke.", "Mara Quell spoke."),  # no-break space: "Mara" was a node of its own
    ("Mara\u202fQuell spoke.", "Mara Quell spoke."),
    ("Mara\u3000Quell spoke.", "Mara Quell spoke."),
    ("Mara\u2007Quell spoke.", "Mara Quell spoke."),
    ("Mara Qu\u180bell spoke.", "Mara Quell spoke."),  # a Mongolian variation selector inside a Latin name
])
def test_other_spaces_are_a_space_and_stray_mongolian_selectors_go(written, read):
    from kgraph.sources.ingest import sanitize

    assert sanitize(written) == read
    assert sanitize("\u182e\u180b\u1823") == "\u182e\u180b\u1823"  # between Mongolian letters it stays


# ---------------------------------------------------------------- a 50 kB "sentence" is not copied per relation


def test_a_relation_read_from_a_huge_sentence_keeps_a_bounded_excerpt_with_its_names_marked():
    # Each relation kept its whole sentence: 40 relations of 50 kB "sentences" (text with no full stop) made a
    # 1.9 MB graph and a 2.6 MB page of 127 kB of text; a 256 MB article could fill the disk.
    from kgraph.core.model import MAX_EVIDENCE_CHARS, Article, Extraction, Mention, Relation
    from kgraph.extraction.nlp import in_sections

    filler = "and the quiet harbour board spoke again " * 1200
    text = f"{filler}Oskar Venn, the chief of Hollow Ridge Capital, {filler}Lara Quell of Korvania Bank {filler}."
    art = Article(id="long", text=text)

    def mention(name, kind):
        at = text.index(name)
        return Mention(name, kind, at, at + len(name), name)

    near = Relation(mention("Oskar Venn", "Person"), "worksFor", mention("Hollow Ridge Capital", "Organization"),
                    0.9, "rule:test", text, 0, len(text))
    far = Relation(mention("Oskar Venn", "Person"), "worksFor", mention("Korvania Bank", "Organization"),
                   0.5, "rule:test", text, 0, len(text))

    def extract(articles, **_kwargs):
        for a in articles:
            yield Extraction(a, (), (near, far))

    (ex,) = in_sections(extract, [art], section=len(text) + 1)
    for r in ex.relations:
        assert len(r.sentence) <= MAX_EVIDENCE_CHARS
        assert r.sentence == text[r.sentence_start:r.sentence_end]
        assert r.sentence[r.subject.start - r.sentence_start:r.subject.end - r.sentence_start] == "Oskar Venn"
    first = ex.relations[0]
    assert first.sentence[first.object.start - first.sentence_start:first.object.end - first.sentence_start] \
        == "Hollow Ridge Capital"


# ---------------------------------------------------------------- Markdown: raw HTML styled out of sight


@pytest.mark.parametrize("tag", [
    '<span style="color:transparent">', '<span style="color:hsl(0 0% 0% / 0)">', '<span style="font-size:0">',
    '<span style="opacity:0">', '<span style="position:absolute;left:-9999px">',
    '<span style="display:block;text-indent:-9999px">', '<span style="color:#fff;background:#fff">',
    '<span style="transform:scale(0)">', '<span style="font:0/0 a">', '<span style="--c:transparent;color:var(--c)">',
])
def test_raw_html_in_markdown_styled_out_of_sight_is_not_read(tmp_path, tag):
    # Only display, visibility and the hidden attribute were read in a .md article's raw HTML.
    from kgraph.sources.ingest import read_inputs

    path = tmp_path / "a.md"
    path.write_text(f"# Harbour\n\nThe board met in Tarvo.\n\n{tag}{PLANTED}</span>\n\nThe board agreed.\n",
                    encoding="utf-8")
    text = next(iter(read_inputs([path]))).text
    assert "The board agreed." in text and "Oskar Venn" not in text
    # beside text a reader sees, which stays
    path.write_text(f"The board met.\n\n{tag}Pell Arden hid.</span> <span style=\"color:#333\">{PLANTED}</span>\n",
                    encoding="utf-8")
    text = next(iter(read_inputs([path]))).text
    assert PLANTED in text and "Pell Arden" not in text


def test_a_page_body_in_white_text_on_white_shows_only_what_sets_its_own_colour():
    # <body bgcolor text> are the page's colours (HTML's presentational attributes): they were not read.
    from kgraph.sources.ingest import html_to_text

    from .test_audit10 import _FILLER

    page = ('<html><head><title>Harbour</title></head><body bgcolor="white" text="white"><article><h1>Harbour</h1>'
            f'{_FILLER}<p>{PLANTED}</p><div style="color:#222"><p>The board agreed.</p>{_FILLER}</div></article>'
            '</body></html>')
    text = html_to_text(page)[0]
    assert "The board agreed." in text and "Oskar Venn" not in text


# ---------------------------------------------------------------- an XML declaration hid a page from the limits


def test_an_xml_declaration_does_not_take_a_page_past_the_element_cap():
    # lxml refuses a string with an encoding declaration: the element count read 0 and a page of any size went to
    # the main-text finder, whose time grows with the square of the elements.
    from kgraph.sources.ingest import HTML_MAX_ELEMENTS, html_to_text

    body = "<p>Tarvo.</p>" * (HTML_MAX_ELEMENTS + 10)
    page = f'<?xml version="1.0" encoding="UTF-8"?>\n<html><body><div>{body}</div></body></html>'
    with pytest.raises(InputError, match="elements, over the"):
        html_to_text(page)


def test_an_xhtml_page_with_its_text_in_a_layout_table_is_read():
    # The fallback for text the main-text finder leaves (tables) parsed nothing either: "empty, skipped".
    from kgraph.sources.ingest import html_to_text

    page = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>'
            'Harbour</title></head><body><table><tr><td><p>' + PLANTED + '</p></td></tr></table></body></html>')
    assert PLANTED in html_to_text(page)[0]
