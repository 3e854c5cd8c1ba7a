"""Reading inputs: formats, encodings, page debris, broken files, long texts."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import string
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgraph.core.errors import InputError, KGraphError
from kgraph.sources.ingest import IngestWarning, clean_text, decode, html_to_text, read_inputs, read_jsonl, sanitize
from kgraph.core.model import Article, Extraction, Mention, Relation
from kgraph.extraction.nlp import in_sections, pieces

pytestmark = pytest.mark.filterwarnings("ignore::kgraph.sources.ingest.IngestWarning")


def test_debris_removed():
    raw = ("Home » World\n\nBig headline here\n\nBig headline here\n\nimg_2125.jpg\n\n"
           "The story itself.\n\nAbout The Author\n\nCopyright © 2025 All rights reserved.")
    assert clean_text(raw) == "Big headline here\n\nThe story itself."


_WRAPPED = ("Refinery fire under control\n\n"
            "Firefighters in Harlow Bay said on Monday that a blaze at the\n"
            "Orland Petroleum refinery was under control. The Coastal Fire\n"
            "Protection Service sent 40 crews, and the company's chief\n"
            "executive, Mara Quist, thanked them. Production will restart\n"
            "next week.\n\n"
            "Residents were told to keep their windows shut.")


def test_a_text_wrapped_at_a_fixed_width_is_joined_again():
    # Each wrap would cut a sentence, and the name it falls in ("Coastal Fire / Protection Service"), in two.
    text = clean_text(_WRAPPED)
    assert "The Coastal Fire Protection Service sent 40 crews" in text
    assert "Production will restart next week." in text
    assert text.startswith("Refinery fire under control\n\nFirefighters in Harlow Bay said")
    assert text.endswith("restart next week.\n\nResidents were told to keep their windows shut.")


def test_a_wrapped_paragraph_keeps_its_headline_line_and_a_hyphened_word_whole():
    text = clean_text("Refinery fire under control\n"
                      "Firefighters in Harlow Bay said on Monday that a blaze at the\n"
                      "Orland Petroleum refinery was under control, and that inter-\n"
                      "national help was not needed. The Coastal Fire Protection\n"
                      "Service sent 40 crews.")
    assert text.split("\n") == ["Refinery fire under control",
                                "Firefighters in Harlow Bay said on Monday that a blaze at the Orland Petroleum "
                                "refinery was under control, and that inter-national help was not needed. The "
                                "Coastal Fire Protection Service sent 40 crews."]


@pytest.mark.parametrize("text", [
    # a line per paragraph, as most news is written
    "Harlow Bay fire\nFirefighters said on Monday that the blaze was under control.\nThe company thanked "
    "them.\nProduction will restart next week, the company said on Tuesday.\nResidents were told to stay in.",
    # a list, whose items are about as long as each other
    "The winners were:\n- Mara Quist of Harlow Bay, for a novel\n- Ivo Brandt of Orland, for a poem\n"
    "- Lena Sorg of Tarvik, for a play\n- Otto Vale of Kessing, for an essay",
    # an address block: short lines of like length
    "Write to the agency at:\nOrland Housing Agency\n12 Harbour Street\nHarlow Bay HB1 2QT\nUnited Kingdom",
    # lines longer than any fixed-width wrap
    "A" + " word" * 30 + "\n" + "B" + " word" * 30 + "\n" + "C" + " word" * 30 + "\n" + "D" + " word" * 30,
])
def test_lines_the_author_broke_stay_broken(text):
    assert clean_text(text) == text



def test_a_markdown_file_is_read_without_its_marks(tmp_path):
    (tmp_path / "fire.md").write_text(
        "# Refinery fire under control ##\n\nA blaze at the [Orland Petroleum](https://example.org/orland \"site\") "
        "refinery is out, said **Mara Quist** of _Harlow Bay_.\n![crews](https://example.org/a.png)\n\n"
        "> The *Coastal Fire Protection Service* sent `40` crews.\n\n---\n[1]: https://example.org/notes\n",
        encoding="utf-8")
    [art] = list(read_inputs([str(tmp_path / "fire.md")]))
    assert art.title == "Refinery fire under control"
    assert "A blaze at the Orland Petroleum refinery is out, said Mara Quist of Harlow Bay." in art.text
    assert "The Coastal Fire Protection Service sent 40 crews." in art.text
    assert not set("#*_[]()`>") & set(art.text) and "https" not in art.text, art.text


def test_a_plain_text_file_keeps_what_looks_like_markdown(tmp_path):
    (tmp_path / "note.txt").write_text("Vote count\n\nThe tally was 3*4 = 12, said snake_case_fan.", encoding="utf-8")
    [art] = list(read_inputs([str(tmp_path / "note.txt")]))
    assert "3*4 = 12, said snake_case_fan." in art.text


def test_character_references_a_scraper_left_are_read_as_characters():
    text = clean_text("Talks between AT&amp;T and Orland&#8217;s board broke down.&nbsp;Shares fell. R&D &c. stays.")
    assert text == "Talks between AT&T and Orland\u2019s board broke down. Shares fell. R&D &c. stays."

def test_names_across_a_wrap_are_found_whole(tmp_path):
    from kgraph.build.pipeline import extractions

    (tmp_path / "fire.txt").write_text(_WRAPPED, encoding="utf-8")
    [ex] = list(extractions([str(tmp_path / "fire.txt")]))
    names = {m.name for m in ex.mentions}
    assert "Coastal Fire Protection Service" in names, names
    assert not {"Coastal Fire", "Protection Service"} & names, names


@pytest.mark.parametrize("data,expected", [
    pytest.param("Québec".encode("utf-8"), "Québec", id="utf8"),
    pytest.param("Québec".encode("utf-16"), "Québec", id="utf16-bom"),
    pytest.param("Québec".encode("utf-16-be"), "Québec", id="utf16-be-no-bom"),
    pytest.param("Québec".encode("utf-32"), "Québec", id="utf32-bom"),
    pytest.param("Québec".encode("latin-1"), "Québec", id="latin1"),
    pytest.param("“Québec”".encode("cp1252"), "“Québec”", id="cp1252-quotes"),
    pytest.param(b"\xef\xbb\xbfQu\xc3\xa9bec", "Québec", id="utf8-bom"),
    pytest.param(b"\xef\xbb\xbfQu\xe9bec", "Qu\ufffdbec", id="utf8-bom-invalid"),
])
def test_decode(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize("data,what", [
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image", id="png"),
    pytest.param(b"%PDF-1.4\n", "PDF document", id="pdf"),
    pytest.param(b"PK\x03\x04\x14\x00", "ZIP archive", id="zip"),
    pytest.param(gzip.compress(b"hello"), "gzip", id="gzip"),
    pytest.param(b"\x7fELF\x02\x01", "executable", id="elf"),
    pytest.param(b"abc\x00\x01\x02\x03\x04def", "binary file", id="nul-bytes"),
    pytest.param(bytes(range(1, 32)) * 20, "binary file", id="control-bytes"),
])
def test_binary_rejected(data, what):
    with pytest.raises(InputError, match=f"^x.txt: looks like .*{what}.*, not text$"):
        decode(data, "x.txt")


def test_invalid_utf8_warns():
    with pytest.warns(IngestWarning, match="not valid UTF-8; read as Windows-1252/Latin-1"):
        assert decode("Fran\xe7ois".encode("latin-1"), "f.txt") == "François"


@pytest.mark.parametrize("raw,expected", [
    pytest.param("a\x00b\x07c\x1bd\x7fe\x85f", "a b c d e f", id="controls"),
    pytest.param("Pu\u200btin \u202eabc\u202c \u2066x\u2069", "Putin abc x", id="bidi-zero-width"),
    pytest.param("bad \ud800 pair \udfff", "bad \ufffd pair \ufffd", id="lone-surrogates"),
    pytest.param("Cafe\u0301", "Caf\u00e9", id="nfc"),
    pytest.param("one\u2028two\rthree\r\nfour", "one\ntwo\nthree\nfour", id="line-breaks"),
    # between letters of the scripts that use them (beside a space or a Latin letter they select nothing)
    pytest.param("\u0645\u06cc\u200c\u062e \u0915\u094d\u200d\u0937", "\u0645\u06cc\u200c\u062e \u0915\u094d\u200d\u0937",
                 id="joiners-kept"),
    # a variation selector after a letter selects nothing: "Quell" once, not a look-alike second entity
    pytest.param("Mara Qu\ufe0fell and \u0416\ufe0eukov", "Mara Quell and \u0416ukov", id="stray-selectors"),
    # after a digit (a keycap), a symbol or an ideograph it does
    pytest.param("1\ufe0f\u20e3 \u2764\ufe0f \u845b\ufe00", "1\ufe0f\u20e3 \u2764\ufe0f \u845b\ufe00", id="selectors-kept"),
])
def test_sanitize(raw, expected):
    assert sanitize(raw) == expected


def test_html_main_text_only():
    page = ("<html><head><title>T</title><script>var x='Vladimir Putin';</script>"
            "<style>.a{content:'Joe Biden'}</style></head><body><nav>Home » News</nav>"
            "<p>Antonio Guterres arrived in Geneva on Monday for talks with diplomats about the war in the east.</p>"
            "<script>document.write('Xi Jinping')</script><!-- Kim Jong Un --></body></html>")
    text, *_ = html_to_text(page)
    assert "Antonio Guterres" in text
    for hidden in ("Vladimir Putin", "Joe Biden", "Xi Jinping", "Kim Jong Un"):
        assert hidden not in text


def test_html_fallback_drops_scripts_keeps_tails():
    text, *_ = html_to_text("<p>Olaf Scholz<script>evil()</script> spoke<!-- c --> in Hamburg.</p>")
    assert "evil" not in text and " c " not in text
    assert "Olaf Scholz" in text and "Hamburg" in text


def test_html_with_too_many_attributes_on_one_element_is_refused_before_parsing():
    para = "<p>Antonio Guterres arrived in Geneva on Monday for talks with diplomats about the war.</p>"
    text, *_ = html_to_text("<div " + " ".join(f"a{i}='v'" for i in range(1000)) + ">" + para + "</div>")
    assert "Antonio Guterres" in text
    # libxml2 also takes "/" between attributes; inside a script or a comment a tag is text.
    for attrs in (" ".join(f"a{i}" for i in range(1001)), "/".join(f"a{i}" for i in range(1001)),
                  "".join(f'a{i}="v"' for i in range(1001))):
        with pytest.raises(InputError, match="over 1,000 attributes"):
            html_to_text(f"<html><body><p {attrs}>x</p>{para}</body></html>")
    many = "<p " + " ".join(f"a{i}" for i in range(3000)) + ">"
    text, *_ = html_to_text(f"<script>var s = '{many}';</script><!-- {many} -->" + para)
    assert "Antonio Guterres" in text


def test_a_run_of_text_past_the_parsers_limit_is_said_not_lost_unsaid():
    para = "<p>Antonio Guterres arrived in Geneva on Monday for talks with diplomats about the war.</p>"
    page = f"<html><body><article>{para}<p>{'Tarvo is quiet. ' * 700_000}</p><p>Ilse Varga spoke.</p></article></body></html>"
    with pytest.warns(IngestWarning, match="a run of text without markup is over the HTML parser's 10 MB limit"):
        text, *_ = html_to_text(page, "long.html")
    assert "Antonio Guterres" in text and "Ilse Varga" not in text


def test_jsonl_and_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Putin spoke in Moscow.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "x1", "text": "Merkel spoke.", "url": "http://e.x/1"}) + "\n",
                                      encoding="utf-8")
    arts = list(read_inputs([tmp_path]))
    assert [(a.id, a.url) for a in arts] == [("x1", "http://e.x/1"), ("sub/a", None)]


def test_malformed_jsonl_names_line(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "1", "text": "ok"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2: malformed JSON line"):
        list(read_inputs([p]))


def test_a_jsonl_id_too_long_for_an_iri_is_refused_with_its_line(tmp_path):
    p = tmp_path / "ids.jsonl"
    p.write_text(json.dumps({"id": "a" * 1001, "text": "Mara Quist spoke."}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r'ids.jsonl:1: malformed JSON line \("id" is longer than 1000 characters\)'):
        list(read_inputs([p]))
    p.write_text(json.dumps({"id": "a" * 1000, "text": "Mara Quist spoke."}) + "\n", encoding="utf-8")
    assert [len(a.id) for a in read_inputs([p])] == [1000]


def test_html_comments_in_a_markdown_file_are_not_read(tmp_path):
    (tmp_path / "note.md").write_text("Mara Quist spoke.\n<!-- draft: Ivo Brandt works for Orland Bank -->\n"
                                      "She left.<!-- an unclosed note", encoding="utf-8")
    [art] = list(read_inputs([str(tmp_path / "note.md")]))
    assert "Ivo" not in art.text and "unclosed" not in art.text and "She left." in art.text


def test_malformed_jsonl_skip_bad_carries_on(tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": "1", "text": "Olaf Scholz"}\n{oops\n{"id": "3", "text": 7}\n{"id": "4", "text": "Joe Biden"}\n',
                 encoding="utf-8")
    with pytest.warns(IngestWarning) as record:
        arts = list(read_inputs([p], skip_bad=True))
    assert [a.id for a in arts] == ["1", "4"]
    assert [re.search(r":(\d+): ", str(w.message))[1] for w in record] == ["2", "3"]


def test_jsonl_bom_metadata_and_enormous_line(tmp_path):
    p = tmp_path / "c.jsonl"
    big = "word " * 2_000_000  # a 10 MB line
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": 1, "text": big + "Olaf Scholz.", "title": "A\nB\x00",
                                                 "url": ["not", "a", "string"], "date": 2024}).encode() + b"\n")
    (art,) = read_jsonl(p)
    assert art.id == "1" and art.title == "A B" and art.url is None and art.date is None
    assert art.text.endswith("Olaf Scholz.") and len(art.text) > 9_000_000


def test_a_line_over_the_article_ceiling_is_never_held_in_memory(tmp_path, monkeypatch):
    """A compressed corpus whose line expands past KGRAPH_MAX_ARTICLE_MB is one error naming the line (or skipped)."""
    monkeypatch.setenv("KGRAPH_MAX_ARTICLE_MB", "0.01")  # 10,485 characters
    lines = [json.dumps({"id": "a", "text": "Ilse Varga spoke."}),
             json.dumps({"id": "b", "text": "Tarvo " * 50_000}),
             json.dumps({"id": "c", "text": "Odo Brandt replied."})]
    p = tmp_path / "c.jsonl.gz"
    p.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    with pytest.raises(InputError, match=r"c\.jsonl\.gz:2: .*over the 0\.01 MB an article may have"):
        list(read_inputs([p]))
    got = list(read_inputs([p], skip_bad=True))
    assert [(a.id, a.source.rsplit(":", 1)[1]) for a in got] == [("a", "1"), ("c", "3")]


def test_a_compressed_corpus_that_expands_like_a_bomb_is_refused_while_read(tmp_path):
    line = json.dumps({"id": "a", "text": "Ilse Varga spoke in Tarvo."}) + "\n"
    bomb = tmp_path / "c.jsonl.gz"
    bomb.write_bytes(gzip.compress(line.encode() * 40_000, 9))  # 1.9 MB in about 6 kB
    with pytest.raises(InputError, match=r"c\.jsonl\.gz:\d+: cannot read \(it expands over 100-fold"):
        list(read_inputs([bomb]))
    newlines = tmp_path / "n.jsonl.gz"
    newlines.write_bytes(gzip.compress(line.encode() + b"\n" * (4 << 20), 9))
    with pytest.raises(InputError, match="expands over 100-fold"):
        list(read_inputs([newlines]))
    rng = __import__("random").Random(3)
    words = "the minister said on monday that talks in the capital would continue next week".split()
    corpus = tmp_path / "real.jsonl.gz"  # varied text: about 6-fold
    corpus.write_bytes(gzip.compress("".join(json.dumps({"id": i, "text": " ".join(rng.choice(words) for _ in range(80))})
                                             + "\n" for i in range(3000)).encode()))
    assert len(list(read_inputs([corpus]))) == 3000


def test_counting_a_corpus_for_progress_holds_no_long_line(tmp_path, monkeypatch):
    from kgraph.build.pipeline import count_articles
    from kgraph.sources import ingest

    seen = []
    real = ingest._open_lines

    class Spy:
        def __init__(self, fh):
            self.fh = fh

        def readline(self, size=-1):
            seen.append(size)
            return self.fh.readline(size)

        def __iter__(self):  # iterating holds a line whole: 1 GB from a 1 MB .jsonl.gz
            raise AssertionError("lines iterated whole")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    monkeypatch.setattr(ingest, "_open_lines", lambda path: Spy(real(path)))
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "Ilse Varga spoke."}) + "\n" + "x" * (3 << 20) + "\n", encoding="utf-8")
    assert count_articles([p]) == 2
    assert seen and all(0 < n <= (1 << 20) + 1 for n in seen)


def test_a_file_over_the_article_ceiling_is_an_error_alone_and_skipped_in_a_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KGRAPH_MAX_ARTICLE_MB", "0.01")
    (tmp_path / "big.txt").write_text("Tarvo is quiet. " * 2000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Ilse Varga spoke in Tarvo.", encoding="utf-8")
    with pytest.raises(InputError, match="big.txt: the file is over the 0.01 MB"):
        list(read_inputs([tmp_path / "big.txt"]))
    with pytest.warns(IngestWarning, match="big.txt: the file is over"):
        assert [a.text for a in read_inputs([tmp_path])] == ["Ilse Varga spoke in Tarvo."]


def test_stdin_over_the_ceiling_streams_a_corpus_and_refuses_one_text(monkeypatch):
    import io

    monkeypatch.setenv("KGRAPH_MAX_ARTICLE_MB", "0.01")
    corpus = "".join(json.dumps({"id": i, "text": f"Ilse Varga spoke in Tarvo on day {i}."}) + "\n"
                     for i in range(400)).encode()
    assert len(corpus) > 0.01 * 2**20
    stdin = io.TextIOWrapper(io.BytesIO(corpus), encoding="utf-8")
    got = list(read_inputs(["-"], stdin=stdin))
    assert len(got) == 400 and got[-1].text.endswith("day 399.")
    text = io.TextIOWrapper(io.BytesIO(b"Tarvo is quiet. " * 2000), encoding="utf-8")
    with pytest.raises(InputError, match="<stdin>: the input is over the 0.01 MB"):
        list(read_inputs(["-"], stdin=text))


def test_an_html_page_too_large_for_main_text_detection_is_an_error_not_a_stub(tmp_path, monkeypatch):
    from kgraph.sources import ingest

    monkeypatch.setattr(ingest, "MAX_HTML_BYTES", 2000)
    page = "<html><body><article>" + "<p>Ilse Varga met Odo Brandt in Tarvo.</p>" * 60 + "</article></body></html>"
    (tmp_path / "big.html").write_text(page, encoding="utf-8")
    (tmp_path / "big.txt").write_text("Ilse Varga met Odo Brandt in Tarvo. " * 60, encoding="utf-8")
    with pytest.raises(InputError, match="big.html: an HTML page over 0.002 MB"):
        list(read_inputs([tmp_path / "big.html"]))
    assert len(list(read_inputs([tmp_path / "big.txt"]))) == 1  # text files keep the article ceiling


@pytest.mark.parametrize("value", ["lots", "0", "-3", "inf", "1e400", "nan"])
def test_a_bad_article_ceiling_is_one_clear_error(tmp_path, monkeypatch, value):
    monkeypatch.setenv("KGRAPH_MAX_ARTICLE_MB", value)
    (tmp_path / "a.txt").write_text("Ilse Varga spoke.", encoding="utf-8")
    with pytest.raises(InputError, match="KGRAPH_MAX_ARTICLE_MB must be"):
        list(read_inputs([tmp_path / "a.txt"]))


def test_corrupt_gzip_is_input_error(tmp_path):
    data = gzip.compress(b"".join(json.dumps({"id": i, "text": "Olaf Scholz " * 50}).encode() + b"\n"
                                  for i in range(200)))
    p = tmp_path / "c.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="corrupt or truncated gzip data"):
        list(read_inputs([p]))


def test_duplicate_ids_renamed(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text("".join(json.dumps({"id": "a", "text": t}) + "\n" for t in ("Olaf", "Scholz", "Hamburg")),
                 encoding="utf-8")
    assert [a.id for a in read_inputs([p])] == ["a", "a~2", "a~3"]


def test_missing_path():
    with pytest.raises(InputError, match="no such file"):
        list(read_inputs(["/nonexistent/file.txt"]))


def test_missing_path_skip_bad_warns():
    with pytest.warns(IngestWarning, match="no such file"):
        assert list(read_inputs(["/nonexistent/file.txt"], skip_bad=True)) == []


def test_fifo_and_device_are_not_read(tmp_path):
    os.mkfifo(tmp_path / "p.txt")
    with pytest.raises(InputError, match="is a FIFO"):
        list(read_inputs([tmp_path / "p.txt"]))
    with pytest.raises(InputError, match="is a character device"):
        list(read_inputs(["/dev/zero"]))
    (tmp_path / "ok.txt").write_text("Olaf Scholz spoke.", encoding="utf-8")
    with pytest.warns(IngestWarning, match="p.txt: is a FIFO"):
        assert [a.id for a in read_inputs([tmp_path])] == ["ok"]


def test_symlink_loops(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Olaf Scholz spoke.", encoding="utf-8")
    (tmp_path / "a" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    with pytest.warns(IngestWarning):
        arts = list(read_inputs([tmp_path]))
    assert [a.id for a in arts] == ["a/x"]
    with pytest.raises(InputError, match="broken symlink or symlink loop"):
        list(read_inputs([tmp_path / "loop.txt"]))


def test_symlinks_leading_outside_a_folder_are_skipped_inside_ones_followed(tmp_path):
    private = tmp_path / "private"
    private.mkdir()
    (private / "diary.txt").write_text("Tova Brenn met Ilse Marr in Varnholm.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "a.txt").write_text("Olaf Scholz spoke.", encoding="utf-8")
    (corpus / "diary.txt").symlink_to(private / "diary.txt")  # as an unpacked archive could hold
    (corpus / "home").symlink_to(private, target_is_directory=True)
    (corpus / "root").symlink_to("/", target_is_directory=True)  # would read the whole machine
    (corpus / "same.txt").symlink_to(corpus / "sub" / "a.txt")  # inside: read
    with pytest.warns(IngestWarning) as record:
        arts = list(read_inputs([corpus]))
    assert [a.id for a in arts] == ["same", "sub/a"]
    outside = sorted(str(w.message).split(":")[0].rsplit("/", 1)[-1] for w in record
                     if "symlink leading outside" in str(w.message))
    assert outside == ["diary.txt", "home", "root"]
    assert [a.id for a in read_inputs([corpus / "diary.txt"])] == ["diary"]  # named on the command line: read


def test_unreadable_folder_warns(tmp_path, monkeypatch):
    """Root ignores chmod 000, so the listing error is simulated."""
    import kgraph.sources.ingest as ingest

    (tmp_path / "locked").mkdir()
    (tmp_path / "ok.txt").write_text("Olaf Scholz spoke.", encoding="utf-8")
    real = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(ingest.os, "scandir", scandir)
    with pytest.warns(IngestWarning, match=r"locked: cannot list folder \(Permission denied\), skipped"):
        assert [a.id for a in read_inputs([tmp_path])] == ["ok"]


# ---------------------------------------------------------------- long texts

def test_pieces_cover_text_under_limit():
    text = "\n\n".join(f"Para {i}. " + "word " * (i % 17 + 3) for i in range(300))
    parts = pieces(text, limit=200)
    assert "".join(p for _o, p in parts) == text
    assert all(len(p) <= 200 for _o, p in parts)
    assert all(text[o:o + len(p)] == p for o, p in parts)
    assert all(p.endswith("\n\n") for _o, p in parts[:-1])  # cut at paragraph breaks


def test_pieces_without_breaks():
    text = "x" * 1050
    parts = pieces(text, limit=100)
    assert "".join(p for _o, p in parts) == text and max(len(p) for _o, p in parts) == 100


def _fake_extract(articles, batch_size=64, seen=None):
    """Find capitalised words as Person mentions and link neighbours: enough to check offsets."""
    for art in articles:
        if seen is not None:
            seen.append(len(art.text))
        ms = [Mention(m[0], "Person", m.start(), m.end(), m[0]) for m in re.finditer(r"[A-Z][a-z]+", art.text)]
        rels = [Relation(a, "worksFor", b, 0.5, "fake", art.text[a.start:b.end], a.start, b.end)
                for a, b in zip(ms, ms[1:])]
        yield Extraction(art, tuple(ms), tuple(rels))


def test_in_sections_offsets_point_into_the_whole_text():
    words = ["Alpha", "beta", "Gamma", "delta", "Epsilon"]
    text = "\n\n".join(" ".join(words[(i + j) % 5] for j in range(7)) + "." for i in range(200))
    arts = [Article("short1", "Zeta eta."), Article("long", text), Article("short2", "Theta iota.")]
    seen = []
    out = list(in_sections(_fake_extract, arts, section=300, seen=seen))
    assert [ex.article.id for ex in out] == ["short1", "long", "short2"]
    long_ex = out[1]
    assert long_ex.article.text == text
    assert max(seen) <= 300 and len(seen) > 10  # the long text went through in sections
    assert len(long_ex.mentions) == len(re.findall(r"[A-Z][a-z]+", text))
    for m in long_ex.mentions:
        assert text[m.start:m.end] == m.text
    for r in long_ex.relations:
        assert text[r.subject.start:r.subject.end] == r.subject.text
        assert text[r.sentence_start:r.sentence_end] == r.sentence


def test_in_sections_streams_short_articles():
    """Short articles are handed on lazily, not collected first."""
    pulled = []

    def gen():
        for i in range(5):
            pulled.append(i)
            yield Article(f"a{i}", "Olaf spoke.")

    it = in_sections(_fake_extract, gen(), section=300)
    next(it)
    assert pulled == [0]


# ---------------------------------------------------------------- properties

@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_decode_never_raises_anything_else(data):
    try:
        text = decode(data)
    except KGraphError:
        return
    assert isinstance(text, str)
    clean_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_clean_text_output_is_safe(text):
    out = clean_text(text)
    out.encode("utf-8")  # no lone surrogate survives
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert clean_text(out) == out  # idempotent


_NAME = st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
                min_size=1, max_size=40).filter(lambda n: n not in (".", "..") and not n.startswith("."))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(_NAME, st.sampled_from(["", ".txt", ".md", ".html", ".jsonl", ".jsonl.gz"]),
                                st.binary(max_size=600)), max_size=4),
       skip_bad=st.booleans())
def test_read_inputs_on_random_files(tmp_path_factory, files, skip_bad):
    folder = tmp_path_factory.mktemp("random")
    paths = []
    for name, suffix, data in files:
        try:
            p = folder / (name + suffix)
            p.write_bytes(data)
        except (OSError, ValueError):  # a name the file system refuses
            continue
        paths.append(p)
    for inputs in ([folder], paths):
        try:
            for art in read_inputs(inputs, skip_bad=skip_bad):
                art.text.encode("utf-8")
                art.id.encode("utf-8")
                assert art.text.strip()
        except KGraphError:
            pass


def test_printable_names_in_messages(tmp_path):
    bad = tmp_path / "evil\nname\x1b.txt"
    bad.write_bytes(b"\x00\x01binary")
    with pytest.raises(InputError) as info:
        list(read_inputs([bad]))
    msg = str(info.value)
    assert "\n" not in msg and "\x1b" not in msg and all(c in string.printable for c in msg)


# ---------------------------------------------------------------- title, date and publisher


@pytest.mark.parametrize("first,title", [
    ("Harbour Council Backs New Ferry Line", "Harbour Council Backs New Ferry Line"),
    ("Is the Ferry Line Worth It?", "Is the Ferry Line Worth It?"),
    ('Mayor Tam: "No More Delays"', 'Mayor Tam: "No More Delays"'),
    ("The council met on Monday and approved the plan.", None),  # a sentence, not a headline
    ("Ferry", None),
    ("12 May 2024", None),
    ("Contents:", None),
], ids=["headline", "question", "quote", "sentence", "one-word", "date", "colon"])
def test_a_text_files_first_line_is_its_title_when_it_reads_as_a_headline(tmp_path, first, title):
    (tmp_path / "a.txt").write_text(f"{first}\nThe council of Harbourview met on Monday to vote.\n", encoding="utf-8")
    (art,) = read_inputs([tmp_path / "a.txt"])
    assert art.title == title


@pytest.mark.parametrize("line,day", [
    ("Published: 3 March 2024", "2024-03-03"),
    ("March 3, 2024", "2024-03-03"),
    ("Date: 2024-03-03", "2024-03-03"),
    ("03.03.2024", "2024-03-03"),
    ("Monday, 3 Mar 2024", "2024-03-03"),
    ("31 February 2024", None),
    ("The vote was held in 2024.", None),
], ids=["published", "us", "iso", "dotted", "weekday", "no-such-day", "sentence"])
def test_a_date_line_near_the_top_is_the_articles_date(tmp_path, line, day):
    (tmp_path / "a.txt").write_text(f"Harbour Council Backs Ferry\n{line}\nThe council of Harbourview voted.\n",
                                    encoding="utf-8")
    (art,) = read_inputs([tmp_path / "a.txt"])
    assert art.date == day


def test_jsonl_and_html_carry_title_date_and_publisher(tmp_path):
    rows = [{"id": "n1", "text": "Mayor Lin Tam opened the ferry line.", "title": "Ferry opens",
             "date": "2024-05-02", "source": "Harbour Herald"},
            {"id": "n2", "text": "Mayor Lin Tam spoke again.", "url": "https://www.herald.example/n2"},
            {"id": "n3", "text": "No source at all here.", "url": "javascript:alert(1)"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    a1, a2, a3 = read_inputs([tmp_path / "c.jsonl"])
    assert (a1.title, a1.date, a1.publisher) == ("Ferry opens", "2024-05-02", "Harbour Herald")
    assert a2.publisher == "herald.example"  # the URL's host, without www.
    assert a3.publisher is None
    page = ("<html><head><title>Ferry Opens</title><meta property='og:site_name' content='Harbour Herald'>"
            "<meta name='date' content='2024-05-02'><link rel='canonical' href='https://herald.example/f'></head>"
            "<body><article><p>Mayor Lin Tam of Harbourview opened the new ferry line on Thursday morning, "
            "and hundreds of residents came to the pier to watch the first crossing.</p></article></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (art,) = read_inputs([tmp_path / "p.html"])
    assert art.title == "Ferry Opens" and art.date == "2024-05-02" and art.publisher == "Harbour Herald"


def test_a_jsonl_article_without_title_or_date_reads_them_from_its_text_as_a_text_file_does(tmp_path):
    rows = [{"id": "n1", "text": "Harbour Council Backs Ferry\nMarch 3, 2024\nThe council of Harbourview voted."},
            {"id": "n2", "text": "The council of Harbourview voted on Monday."},
            {"id": "n3", "text": "Harbour Council Backs Ferry\nThe council voted.", "title": "Given",
             "date": "2024-05-02"}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    a1, a2, a3 = read_inputs([tmp_path / "c.jsonl"])
    assert (a1.title, a1.date) == ("Harbour Council Backs Ferry", "2024-03-03")
    assert (a2.title, a2.date) == (None, None)  # one sentence: no headline, no date line
    assert (a3.title, a3.date) == ("Given", "2024-05-02")  # the fields win


def test_the_graph_carries_the_publisher_and_a_publisher_changes_the_content_hash():
    from rdflib.namespace import DCTERMS

    from kgraph.graph import rdf
    from kgraph.core.model import KnowledgeBase

    plain = Article("n1", "Text.", title="T", date="2024-05-02")
    assert plain.sha == Article("n1", "Text.", title="T", date="2024-05-02", source="elsewhere").sha
    published = Article("n1", "Text.", title="T", date="2024-05-02", publisher="Harbour Herald")
    assert published.sha != plain.sha
    g = rdf.to_graph(KnowledgeBase(articles=(published,)))
    assert [str(o) for o in g.objects(None, DCTERMS.publisher)] == ["Harbour Herald"]


def test_a_long_run_without_spaces_is_tokenized_in_pieces_and_keeps_every_character(nlp):
    from kgraph.extraction import nlp as nlp_mod

    plain = "Anna Berg of the Tarsk Bank spoke in Vell."
    assert nlp_mod.tokenized(nlp, plain) is plain  # ordinary prose goes to spaCy as it is
    url = "https://example.invalid/" + "x" * (nlp_mod.LONG_RUN - 30)
    assert nlp_mod.tokenized(nlp, f"{plain} See {url} now.") == f"{plain} See {url} now."
    text = "(" * 3000 + "Tarsk" + ")" * 3000 + " said Anna Berg.\n\nAnd  then " + "-" * 900 + "\n"
    doc = nlp_mod.tokenized(nlp, text)
    assert doc.text == text
    parsed = nlp(doc)
    assert parsed.text == text and any(t.text == "Berg" for t in parsed)
    assert max(len(t.text) for t in parsed) <= nlp_mod.LONG_RUN


def test_html_nested_past_the_parser_limit_says_its_deep_text_is_not_read(tmp_path):
    page = ("<html><head><title>Deep page</title></head><body><p>Tova Brenn works for Varn Mills in Oslo.</p>"
            + "<div>" * 300 + "<p>Ilse Marr met Olaf Dahl in Bergen.</p>" + "</div>" * 300 + "</body></html>")
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    with pytest.warns(IngestWarning, match="nest deeper than 256 levels"):
        arts = list(read_inputs([tmp_path / "deep.html"]))
    assert "Tova Brenn" in arts[0].text
    shallow = page.replace("<div>" * 300, "<div>" * 100).replace("</div>" * 300, "</div>" * 100)
    (tmp_path / "deep.html").write_text(shallow, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error", IngestWarning)
        assert "Ilse Marr" in next(read_inputs([tmp_path / "deep.html"])).text


def test_a_network_page_kgraph_wrote_is_skipped_when_its_folder_is_read_again(tmp_path, capsys):
    from kgraph.cli import main
    from click.testing import CliRunner

    (tmp_path / "a.txt").write_text("Anna Keskula, a spokeswoman for Orlin Motors, visited Tarsk on Monday.",
                                    encoding="utf-8")
    for _ in range(2):  # the second build reads the folder that now holds the first build's page
        result = CliRunner().invoke(main, ["build", str(tmp_path), "--output", str(tmp_path / "out"), "--quiet"])
        assert result.exit_code == 0, result.output
    assert "articles: 1 (" in result.output
    assert "a network page kgraph wrote, not an article, skipped" in result.output + capsys.readouterr().err
