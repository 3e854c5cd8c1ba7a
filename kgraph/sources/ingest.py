"""Ingest: files, folders, HTML pages, JSONL corpora and standard input become Articles.

Text is decoded whatever its encoding (UTF-8, UTF-16 with a BOM, Latin-1 as
a last resort), HTML is reduced to its main text, and page debris
(breadcrumbs, repeated headlines, image file names, author boxes, copyright
lines) is removed before extraction. Inputs are read lazily, one article at
a time, so a corpus of any size streams through in bounded memory.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import html as _html
import io
import itertools
import json
import math
import os
import re
import stat
import sys
import unicodedata
import warnings
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kgraph.core.errors import InputError
from kgraph.core.model import Article
from kgraph.core.userfile import binary_kind

#: Suffixes read as plain text, as HTML, and as JSON Lines corpora.
TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


#: Largest article kgraph reads, in MB (a file, a JSONL line or standard input):
#: a tiny gzip-compressed corpus can hold a line of many gigabytes. The
#: environment variable ``KGRAPH_MAX_ARTICLE_MB`` sets another ceiling.
MAX_ARTICLE_MB = 256


#: Longest article id a JSONL line may give: three lines sharing a 20 MB id took 1.26 GB and printed it whole.
MAX_ID_CHARS = 1000


#: Largest HTML page read, in bytes: trafilatura finds no main text in a larger one, and lxml's fallback
#: parse of a page that size stops early (a 20.4 MB page gave 94 characters), so the text would be lost silently.
MAX_HTML_BYTES = 20_000_000


def max_article_chars() -> int:
    """Return the ceiling on one article's size (bytes of a file, characters of a line)."""
    raw = os.environ.get("KGRAPH_MAX_ARTICLE_MB", "")
    try:
        mb = float(raw) if raw.strip() else MAX_ARTICLE_MB
    except ValueError:
        raise InputError(f"KGRAPH_MAX_ARTICLE_MB must be a number of megabytes, not {raw!r}") from None
    if not 0 < mb < 2**40:  # "inf" and "1e400" too: no number of characters
        raise InputError(f"KGRAPH_MAX_ARTICLE_MB must be above 0 and finite, not {raw!r}")
    if mb * 2**20 < 1:  # rounds to a ceiling of 0 bytes: every article, even an empty line, would be "over" it
        raise InputError(f"KGRAPH_MAX_ARTICLE_MB={raw.strip()} is less than one byte; "
                         f"the smallest ceiling is {1 / 2**20:.2g} (one byte)")
    return int(mb * 2**20)


def _size_words(n: int) -> str:
    """Return ``n`` bytes in the unit that shows it (a ceiling of 4 bytes is not "0 MB" nor "3.81e-06 MB")."""
    if n >= 2**20 / 1000:  # the unit the variable is set in, down to "0.001 MB"
        return f"{n / 2**20:.3g} MB"
    return f"{n:,} byte" + ("" if n == 1 else "s")


def _too_big(what: str, limit: int) -> str:
    return f"{what} is over the {_size_words(limit)} an article may have (KGRAPH_MAX_ARTICLE_MB)"


class IngestWarning(UserWarning):
    """A file or line was skipped or read in a fallback way."""


def _warn(msg: str) -> None:
    warnings.warn(msg, IngestWarning, stacklevel=3)


class Record:
    """The inputs a read took nothing from, by name and why (see :func:`recording`).

    ``read`` gets the names of ``watch`` that were read: inputs an earlier build skipped that are whole now.
    """

    def __init__(self, watch: Iterable[str] = ()) -> None:
        self.skipped: list[tuple[str, str]] = []
        self.watch = set(watch)
        self.read: set[str] = set()


#: The records being kept (see :func:`recording`): a build writes what it skipped into the graph, not only on screen.
_RECORDS: list[Record] = []


@contextmanager
def recording(watch: Iterable[str] = ()) -> Iterator[Record]:
    """Keep the name and the reason of every input skipped while the block runs (each is still a warning)."""
    rec = Record(watch)
    _RECORDS.append(rec)
    try:
        yield rec
    finally:
        _RECORDS.remove(rec)


def _skip(name: str, why: str, msg: str) -> None:
    """Warn that an input is skipped, and record it as ``why`` ("empty", "too big") under ``name``."""
    warnings.warn(msg, IngestWarning, stacklevel=3)
    for rec in _RECORDS:
        rec.skipped.append((name, why))


def _note_read(name: str) -> None:
    for rec in _RECORDS:
        if name in rec.watch:
            rec.read.add(name)


def _refusal(msg: str, why: str) -> InputError:
    """Return the error of an input kgraph will not read, with why in a few words (its record if skipped)."""
    exc = InputError(msg)
    exc.why = why
    return exc


def input_name(path: Path, root: Path | None = None) -> str:
    """Return how a build's record names an input: its path inside the folder read, else its name (as article ids do).

    No full path: the graph and its page may be shared, and the user's folders are none of the reader's business.
    A file named itself later is the same input ("blank.txt" of ``news/``, then ``news/blank.txt --into``).
    """
    if root is not None and root != path:
        return shown(path.relative_to(root).as_posix())
    return shown(path.name or path)


# ---------------------------------------------------------------- decoding

_BINARY_BYTES = bytes(range(0, 9)) + bytes(range(14, 32)) + b"\x0b\x7f"


def _utf16_without_bom(head: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when the NUL bytes sit where ASCII text in UTF-16 puts them."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, name: str = "<input>") -> str:
    """Decode bytes as text: BOMs honoured, UTF-8 first, then Windows-1252/Latin-1 with a warning.

    UTF-16 without a byte-order mark is recognised by the position of its
    NUL bytes. Undecodable sequences in UTF-8-with-BOM and UTF-16 text
    become U+FFFD with a warning.

    Raises:
        InputError: The bytes look binary (a known file signature, NUL
            bytes outside UTF-16, or mostly control characters).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_or_replace(data[3:], "utf-8", name)
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _decode_or_replace(data, "utf-32", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_or_replace(data, "utf-16", name)
    head = data[:8192]
    what = binary_kind(head)
    if what is not None:
        if what == "gzip-compressed":
            what += " (only .jsonl.gz corpora are read compressed)"
        raise _refusal(f"{name}: looks like {what}, not text", "not text")
    if b"\x00" in head:
        enc = _utf16_without_bom(head)
        if enc is None:
            raise _refusal(f"{name}: looks like a binary file, not text", "not text")
        _warn(f"{name}: no byte-order mark; read as {enc.upper()}")
        return _decode_or_replace(data, enc, name)
    if head and sum(head.count(b) for b in _BINARY_BYTES) > 0.1 * len(head):
        raise _refusal(f"{name}: looks like a binary file (mostly control bytes), not text", "not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        _warn(f"{name}: not valid UTF-8; read as Windows-1252/Latin-1")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def _decode_or_replace(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        _warn(f"{name}: not valid {encoding.upper()}; undecodable bytes replaced with U+FFFD")
        return data.decode(encoding, errors="replace")


# ---------------------------------------------------------------- cleaning

_BREADCRUMB = re.compile(r"^\s*(home|start)\s*(»|>|/|›|\|)", re.I)
_IMAGE_LINE = re.compile(r"^\s*\S+\.(jpe?g|png|gif|webp|svg|bmp|tiff?)\s*$", re.I)
_COPYRIGHT = re.compile(r"^\s*(copyright\b|©|\(c\)\s*\d{4})", re.I)
_AUTHOR_BOX = re.compile(r"^\s*(about the author|share this( article)?|related (articles|posts)|read more|"
                         r"advertisement|subscribe( now)?|follow us( on .*)?)\s*:?\s*$", re.I)
#: C0/C1 control characters (not tab or line breaks): shown as a space.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Invisible formatting that changes how text displays or splits names without being part of it:
#: bidirectional embeddings, overrides and isolates, marks (the Arabic letter mark too), zero-width space, word
#: joiner, BOM; and characters that show nothing, so that "Mara Quell" written with one inside is another entity
#: that looks the same: soft hyphen, combining grapheme joiner, Hangul fillers, deprecated format characters,
#: musical format characters and tag characters (which can spell hidden ASCII text).
_INVISIBLE = re.compile("[\u00ad\u034f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164"
                        "\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f]")
#: Joiners and fillers that draw nothing and mean something only inside other scripts: the zero-width
#: non-joiner and joiner (Persian, Indic scripts, emoji sequences), the Hangul choseong and jungseong fillers (old
#: Hangul), the Mongolian vowel separator. Next to a Latin, Greek or Cyrillic letter, a digit, white space or ASCII
#: punctuation (or at an end of the text) they select nothing: "Mara Q\u200cuell" was a second entity drawn as
#: "Mara Quell". Between two characters of the scripts that use them they stay.
_JOINERS = "\u200c\u200d\u115f\u1160\u180e"
_STRAY_JOINER = re.compile(f"(?<=[\x00-\u024f\u0370-\u052f])[{_JOINERS}]+|^[\u200c\u200d]+"
                           f"|[{_JOINERS}]+(?=[\x00-\u024f\u0370-\u052f])|[\u200c\u200d]+$")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A variation selector after a Latin, Greek or Cyrillic letter, where none has a defined meaning: "Qu\ufe0fell"
#: would be a second entity that looks like "Quell" (Mongolian's own free variation selectors likewise). After
#: digits (keycaps), symbols, emoji, CJK and Mongolian letters they stay.
_STRAY_SELECTOR = re.compile("(?<=[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff])[\ufe00-\ufe0f\u180b-\u180d\u180f]+")
#: Spaces other than the space: no-break, fixed-width, ideographic, Ogham. Between two words of a name they are a
#: space to a reader, but the parser cut "Mara\u00a0Quell" into two names ("Mara" a node of its own). One
#: character for one, so offsets stay.
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                      "\u2009\u200a\u202f\u205f\u3000", " "))


#: Cyrillic and Greek letters drawn like a Latin one ("Mаra Quell" with a Cyrillic a looks like "Mara Quell"), from
#: Unicode's confusables (UTS #39), and the Latin letters drawn like a Cyrillic or Greek one. A word mixing scripts is
#: written in its main script where every letter of the other has such a twin: otherwise it made a second entity that
#: looks the same on the page and that no search for the name finds. A word of one script, or mixing in letters
#: that have no twin ("ΔHf", "Xд"), stays as written.
_TO_LATIN = dict(zip("аеорсухѕіјԁԛԝһӏАВЕКМНОРСТХЅІЈУԚԜӀ" "οναικρυΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
                     "aeopcyxsijdqwhlABEKMHOPCTXSIJYQWI" "ovaikpuABEZHIKMNOPTYX"))
_FROM_LATIN = {
    "Cyrillic": dict(zip("aeopcyxiABEKMHOPCTXI", "аеорсухіАВЕКМНОРСТХІ")),
    "Greek": dict(zip("ovABEZHIKMNOPTYX", "ονΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")),
}
#: A run of Cyrillic or Greek letters; a Latin letter (with Latin-1 and Latin Extended-A/B).
_CYRILLIC_GREEK = re.compile("[\u0370-\u03ff\u0400-\u052f]+")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_LETTERS = re.compile(r"[^\W\d_]*")


def _script(ch: str) -> str | None:
    o = ord(ch)
    if ch.isascii() or 0xC0 <= o <= 0x24F:
        return "Latin"
    if 0x400 <= o <= 0x52F:
        return "Cyrillic"
    if 0x370 <= o <= 0x3FF:
        return "Greek"
    return None


def _unmixed(word: str) -> str:
    """Return a word holding Cyrillic or Greek letters in its main script, when the others all have twins there."""
    if not _LATIN.search(word):
        return word
    scripts = Counter(_script(c) for c in word)
    if len(scripts) != 2 or None in scripts:
        return word
    main = max(sorted(scripts), key=lambda k: (scripts[k], k == "Latin"))  # Latin on a tie
    table = _TO_LATIN if main == "Latin" else _FROM_LATIN[main]
    if any(_script(c) != main and c not in table for c in word):
        return word
    return "".join(c if _script(c) == main else table[c] for c in word)


def unmixed_scripts(text: str) -> str:
    """Return the text with each word mixing Latin and Cyrillic (or Greek) letters written in its main script.

    Only where every letter of the other script has a twin (:data:`_TO_LATIN`): one character for one, so offsets
    stay. Linear: only words holding a Cyrillic or Greek letter are looked at, each once.
    """
    if text.isascii() or not _CYRILLIC_GREEK.search(text):
        return text
    out, last, done = [], 0, 0
    for m in _CYRILLIC_GREEK.finditer(text):
        if m.start() < done:
            continue  # inside the word just looked at
        a = m.start()
        while a > done and text[a - 1].isalpha():
            a -= 1
        b = _LETTERS.match(text, m.end()).end()
        word = text[a:b]
        new = _unmixed(word)
        if new != word:
            out += [text[last:a], new]
            last = b
        done = b
    return "".join(out) + text[last:] if out else text


#: Most combining marks kept in a row, as Unicode's Stream-Safe Text Format (UAX #15) allows; no script needs more.
MAX_MARK_RUN = 30


@functools.cache
def _mark_run() -> re.Pattern:
    """Return a pattern matching more than :data:`MAX_MARK_RUN` combining marks in a row.

    A mark is a character of nonzero canonical combining class, or one that decomposes into such characters only
    (U+0F73, U+FF9E ...). Computed from the running Python's Unicode tables, once (0.1 s).
    """
    marks = [c for c in range(0x300, sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    marks += [c for c in (0x0F73, 0x0F75, 0x0F81, 0xFF9E, 0xFF9F) if c not in marks]
    ranges: list[list[int]] = []
    for c in sorted(marks):
        if ranges and c == ranges[-1][1] + 1:
            ranges[-1][1] = c
        else:
            ranges.append([c, c])
    cls = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)
    return re.compile(f"[{cls}]{{{MAX_MARK_RUN + 1},}}")


def bounded_marks(text: str) -> str:
    """Return the text with each run of combining marks cut to :data:`MAX_MARK_RUN` (a "Zalgo" storm).

    Normalising sorts a run of marks by insertion, in C and deaf to Ctrl-C: its time grows with the run's length
    squared ("a" and 80,000 marks, a 160 kB line, took 16 s; a 2 MB run would take about 45 minutes).
    """
    if text.isascii():
        return text
    return _mark_run().sub(lambda m: m.group()[:MAX_MARK_RUN], text)


def sanitize(text: str) -> str:
    """Return text safe to process, store and show: one Unicode form, no controls, no lone surrogates.

    Lone surrogates (from JSON escapes or undecodable file names) become
    U+FFFD; NUL and other control characters become spaces; invisible
    bidirectional and zero-width formatting characters are dropped (the
    zero-width joiners that scripts need are kept); line and paragraph
    separators become newlines, other spaces (no-break, ideographic ...) a space; a variation selector after a Latin, Greek
    or Cyrillic letter (where it selects nothing) is dropped, and so are joiners and fillers beside one
    (:data:`_STRAY_JOINER`); runs of combining marks are cut to
    :data:`MAX_MARK_RUN`; the result is NFC-normalised, and a word mixing Latin with Cyrillic or Greek
    lookalikes is written in its main script (:func:`unmixed_scripts`).
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _STRAY_SELECTOR.sub("", _STRAY_JOINER.sub("", _INVISIBLE.sub("", _CONTROL.sub(" ", text))))
    text = text.translate(_SPACES)
    return unmixed_scripts(unicodedata.normalize("NFC", bounded_marks(text)))


def _field(value: object, limit: int = 1000) -> str | None:
    """Return a metadata string (title, URL, date) cleaned to one line, or None."""
    if not isinstance(value, str):
        return None
    value = " ".join(sanitize(value).split())
    return value[:limit] or None


#: An HTML character reference left in plain text by a scraper ("AT&amp;T", "Tarsk&#8217;s").
_CHAR_REF = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# Markdown's marks around text (bounded runs, no nested repeats: linear on any input).
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\s]{0,2000}(?:[ \t]+\"[^\"\n]{0,300}\")?\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\](?:\([^()\s]{0,2000}(?:[ \t]+\"[^\"\n]{0,300}\")?\)|\[[^\[\]\n]{0,100}\])")
_MD_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\[\]\n]{1,300}\]:[ \t]+\S[^\n]*$", re.MULTILINE)
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+([^\n]*)$", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?){1,20}", re.MULTILINE)
_MD_FENCE = re.compile(r"^[ \t]{0,3}(?:`{3,}|~{3,})[^\n]*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.MULTILINE)
_MD_STRONG = re.compile(r"\*\*|(?<!\w)__|__(?!\w)")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,300}?)(?<=\S)\*(?![\w*])"
                          r"|(?<![\w_])_(?=\S)([^_\n]{1,300}?)(?<=\S)_(?![\w_])")
_MD_CODE = re.compile(r"`([^`\n]{1,300})`")


def _without_comments(text: str) -> str:
    """Return Markdown text without its HTML comments ("<!-- draft: ... -->"), which a viewer never shows.

    A scan with str.find, not a lazy regex: a text of many "<!--" and no "-->" would be read once per opening.
    An unclosed comment runs to the end of the text, as it does in a viewer.
    """
    if "<!--" not in text:
        return text
    out, at = [], 0
    while (start := text.find("<!--", at)) >= 0:
        out.append(text[at:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        at = end + 3
    out.append(text[at:])
    return "".join(out)


#: Raw HTML in Markdown (CommonMark's inline HTML): a code span (shown as written, so kept), an opening tag with
#: its attributes, or a closing tag. Bounded parts and one way to read each tag: linear on any input.
_MD_HTML = re.compile(r"""(?P<code>`[^`\n]{1,300}`)"""
                      r"""|<(?P<close>/)?(?P<tag>[A-Za-z][A-Za-z0-9-]{0,40})"""
                      r"""(?P<attrs>(?:\s+[A-Za-z_:][\w.:-]{0,100}(?:\s*=\s*(?:[^\s"'=<>`]{1,2000}"""
                      r"""|'[^']{0,2000}'|"[^"]{0,2000}"))?){0,100})\s*(?P<void>/)?>""")
_MD_ATTR = re.compile(r"""([A-Za-z_:][\w.:-]*)(?:\s*=\s*([^\s"'=<>`]+|'[^']*'|"[^"]*"))?""")
#: Elements whose content a Markdown viewer never shows as text (a reader without script sees <noscript>'s,
#: but kgraph's HTML reader drops it too).
_MD_NOT_TEXT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "textarea", "select",
                          "title", "head"})
#: Elements that open a block: their tags stand for a line break, so "<p>One</p><p>Two</p>" stays two lines.
_MD_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
                        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
                        "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"})
#: Blocks a browser closes at the next block of their kind: unclosed, they end with their Markdown paragraph.
_MD_SELF_CLOSING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th"})
_MD_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                      "source", "track", "wbr"})
_MD_PARAGRAPH_END = re.compile(r"\n[ \t]*\n")


def _md_tag_hides(attrs: str) -> bool:
    """Return True if a raw tag's attributes keep it from being drawn (``hidden``, or an inline style that hides
    it on its own: :func:`_style_hides`)."""
    for m in _MD_ATTR.finditer(attrs):
        name, value = m.group(1).lower(), (m.group(2) or "").strip("'\"")
        if name == "hidden" and _html.unescape(value).strip().lower() != "until-found":
            return True
        if name == "style":
            css = _declarations(_html.unescape(value))
            if any("var(" in v for v in css.values()):
                css = {k: _with_vars(v, css.get) for k, v in css.items()}
            if _style_hides(css):
                return True
    return False


def _style_hides(css: dict) -> bool:
    """Return True if an element's own declarations keep its text from every reader, whatever its ancestors:
    ``display: none``, ``visibility: hidden``/``collapse``, ``content-visibility: hidden``, text of no colour or
    of its own background's colour, a font under a pixel, opacity (or a filter to it) of zero, a box placed,
    pulled or indented far off the page, a transform to nothing (the ones :func:`_hides` and the walk of
    :func:`_without_hidden` read on a page, where ancestors and stylesheets count too; a Markdown file's raw
    HTML is read tag by tag)."""
    if (css.get("display") == "none" or css.get("content-visibility") == "hidden"
            or css.get("visibility") in ("hidden", "collapse")):
        return True
    ink = _colour(css.get("color"))
    fill = _painted_fill(css.get)
    ink = fill if fill is not None else ink
    paper = _colour(css.get("background-color") or css.get("background"))
    if ink == _CLEAR or _same_colour(ink, paper) or _zero_size(_size_value(css.get)):
        return True
    if _placed_off(css.get):
        return True
    if any(_far_off(css.get(p)) for p in ("margin-left", "margin-top", "text-indent")):
        return True
    return not any(css.get(p) not in (None, "none") for p in _MOTION) and (
        _zero_opacity(css.get("opacity")) or _zero_filter(css.get("filter"))
        or _shrunk_or_moved_off(css.get("transform"), css.get("translate"), css.get("scale")))


def _md_without_html(text: str) -> str:
    """Return Markdown text with its raw HTML read as a Markdown viewer shows it: tags taken out, the content of
    scripts, styles and hidden elements dropped.

    Why: "<span hidden>Oskar Venn works for ...</span>" in a .md article put text no reader of the rendered file
    sees into the graph, with its tags glued to the names, and "<script>" text read as prose. An element is
    dropped to its matching closing tag; unclosed, a block (``<div hidden>``) to the end of the text as a browser
    does, any other (and ``<p>``, ``<li>``, which the next block closes) to the end of its paragraph (where the
    paragraph's ``</p>`` closes it). Code spans and fenced code are shown as written: kept. Linear: each tag is
    looked at once, a dropped element's tags while it is skipped. A child drawn again (``visibility: visible``
    inside ``visibility: hidden``) is dropped with its parent.
    """
    if "<" not in text:
        return text
    out: list[str] = []
    fenced = False
    for block in re.split(r"(^[ \t]{0,3}(?:`{3,}|~{3,})[^\n]*$)", text, flags=re.MULTILINE):
        if _MD_FENCE.fullmatch(block):
            fenced = not fenced
            out.append(block)
        elif fenced or "<" not in block:
            out.append(block)
        else:
            out.append(_md_html_part(block))
    _declarations.cache_clear()  # as for a page: no style is kept for the next article
    _declared.cache_clear()
    return "".join(out)


def _md_html_part(text: str) -> str:
    """Return a stretch of Markdown outside fenced code with its raw HTML read (:func:`_md_without_html`)."""
    out, at, para_end = [], 0, -1
    tokens = _MD_HTML.finditer(text)
    for m in tokens:
        if m.group("code"):
            continue
        out.append(text[at:m.start()])
        at = m.end()
        tag = m.group("tag").lower()
        block = "\n" if tag in _MD_BLOCKS else ""
        if m.group("close") or m.group("void") or tag in _MD_VOID or (
                tag not in _MD_NOT_TEXT and not _md_tag_hides(m.group("attrs"))):
            out.append(block)
            continue
        # Drop the element: to its matching closing tag, counting nested ones of its name.
        limit = len(text)
        if (not block or tag in _MD_SELF_CLOSING) and tag not in _MD_NOT_TEXT:
            if para_end < m.end():  # the paragraph's end, looked for once per paragraph
                para = _MD_PARAGRAPH_END.search(text, m.end())
                para_end = para.start() if para else len(text)
            limit = para_end
        raw = tag in ("script", "style", "textarea", "title")  # raw text: no tag inside counts but its own end
        depth, at = 1, limit
        for n in tokens:
            if n.start() >= limit:
                break
            if n.group("code") or n.group("tag").lower() != tag or (raw and not n.group("close")):
                continue
            if n.group("close"):
                depth -= 1
                if depth == 0:
                    at = n.end()
                    break
            elif not n.group("void"):
                depth += 1
        out.append(block or " ")
        tokens = _MD_HTML.finditer(text, at)  # the loop above may have read one tag past the element
    out.append(text[at:])
    return "".join(out)


def _heading_words(line: str) -> str:
    """Return a Markdown heading's words without the hashes that may close it ("Title ##")."""
    bare = line.rstrip(" \t")
    words = bare.rstrip("#")
    # closing hashes follow a space; "C#" ends in one that is part of the word (string methods: no backtracking)
    return words.rstrip(" \t") if words != bare and (not words or words[-1] in " \t") else bare


def markdown_to_text(text: str) -> str:
    """Return a Markdown file's text without its marks: a link's words, not its address; no heading hashes.

    Why: "[Orland Petroleum](https://...)" read as written hid the company
    behind brackets and an address, "**Mara Quist**" glued asterisks to a
    name, and "# Headline" opened the title with a hash. Images, link
    definitions, code fences and rules are dropped; emphasis, code, quote
    and heading marks are taken off the words they frame. List markers stay:
    each item keeps its own line.
    """
    text = _md_without_html(_without_comments(text))
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK_DEFINITION.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_FENCE.sub("", _MD_RULE.sub("", text))
    text = _MD_QUOTE.sub("", _MD_HEADING.sub(lambda m: _heading_words(m.group(1)), text))
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), _MD_STRONG.sub("", text))
    return text


def clean_text(text: str) -> str:
    """Remove page debris and normalise line breaks, keeping paragraphs apart.

    Drops breadcrumb lines ("Home » ..."), image file names, "About The
    Author" and similar boxes, copyright lines, and any paragraph that
    repeats an earlier one (a headline or lead printed twice). The text is
    first passed through :func:`sanitize`, after HTML character references
    a scraper left in it ("&amp;", "&#8217;") are read as the characters
    they stand for.
    """
    if "&" in text:
        # A scraper's "AT&amp;T" is "AT&T": the reference split the name and its "&" ended the sentence.
        text = _CHAR_REF.sub(lambda m: _html.unescape(m.group(0)), text)
    text = sanitize(text)
    paragraphs = re.split(r"\n\s*\n", text)
    seen: set[str] = set()
    kept: list[str] = []
    for para in paragraphs:
        lines = [ln.rstrip() for ln in para.split("\n")]
        lines = [ln for ln in lines if ln.strip() and not (
            _BREADCRUMB.match(ln) or _IMAGE_LINE.match(ln) or _COPYRIGHT.match(ln) or _AUTHOR_BOX.match(ln))]
        if not lines:
            continue
        body = _unwrapped([ln.strip() for ln in lines])
        key = re.sub(r"\s+", " ", body).casefold()
        if key in seen:
            continue  # the same headline or lead paragraph again
        seen.add(key)
        kept.append(body)
    return "\n\n".join(kept)


#: The widest line a text wrapped at a fixed width has (e-mail and wire copy wrap at 60-80 characters).
WRAP_MAX = 100
#: The narrowest wrap read as one: shorter lines of like length are an address, a list of names, a verse.
WRAP_MIN = 40
#: How far short of the widest line a wrapped line may stop: the next word did not fit.
WRAP_SLACK = 16
#: A list item's opening: its line break is the author's, never a wrap.
_LIST_ITEM = re.compile(r"(?:[-*\u2022\u2013]|\d{1,3}[.)])\s")


def _unwrapped(lines: list[str]) -> str:
    """Return a paragraph's lines joined again where a fixed-width wrap broke them, else as written.

    Why: a text wrapped at 70 characters ("the Federal Motor\nTransport
    Authority") reads as a new line, so a sentence and a name break at each
    wrap and both halves become names of their own. A paragraph is read as
    wrapped when it has at least two lines after its first that are not its
    last, its widest line has :data:`WRAP_MIN` to :data:`WRAP_MAX` characters, and three in
    four of those lines stop within :data:`WRAP_SLACK` of the widest one;
    then a line that long goes on with the next (a shorter one ends a
    headline or a paragraph), unless the next opens a list item. A word
    hyphened across the wrap is joined without a space. News a line per
    paragraph, and lists, have lines of any length: left as written.
    """
    width = max(map(len, lines))
    if len(lines) < 4 or not WRAP_MIN <= width <= WRAP_MAX:
        return "\n".join(lines)
    inner = lines[1:-1]
    full = [len(ln) >= width - WRAP_SLACK for ln in lines]
    if len(inner) < 2 or 4 * sum(full[1:-1]) < 3 * len(inner):
        return "\n".join(lines)
    out = [lines[0]]
    for i in range(1, len(lines)):
        prev = out[-1]
        if full[i - 1] and not _LIST_ITEM.match(lines[i]):
            if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and lines[i][:1].islower():
                out[-1] = prev + lines[i]  # "inter-\nnational": one word, hyphened at the wrap
            else:
                out[-1] = prev + " " + lines[i]
        else:
            out.append(lines[i])
    return "\n".join(out)


def _has_words(text: str) -> bool:
    """Return True when the text holds a letter: text of only spaces, digits or symbols is no article."""
    return any(ch.isalpha() for ch in text)


_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DATE_PREFIX = r"(?:(?:date|published|updated|posted|dated)\s*(?:on)?\s*:?\s*)?(?:[A-Za-z]+day,?\s+)?"
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
_DATE_DMY = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_DATE_D_MONTH_Y = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_DATE_MONTH_D_Y = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DATE_LINE = re.compile(r"^\s*" + _DATE_PREFIX + r"(?P<date>[\w ,./:+-]{6,40}?)\s*$", re.I)
#: Longest line (white space collapsed) read as a date line: "Published on: Wednesday, " and a 40-character date.
_DATE_LINE_MAX = 100


def iso_date(value: str | None) -> str | None:
    """Return a date written in a common form ("2024-05-01", "1 May 2024", "May 1, 2024", "01.05.2024") as YYYY-MM-DD."""
    if not value:
        return None
    value = value.strip()
    for rx, order in ((_DATE_ISO, "ymd"), (_DATE_DMY, "dmy"), (_DATE_D_MONTH_Y, "dMy"), (_DATE_MONTH_D_Y, "Mdy")):
        m = rx.fullmatch(value)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = _MONTHS.get(parts["M"].lower()) if "M" in parts else int(parts["m"])
        try:
            import datetime

            return datetime.date(int(parts["y"]), month or 0, int(parts["d"])).isoformat()
        except (TypeError, ValueError):
            return None
    return None


def _date_of(text: str) -> str | None:
    """Return the date of a line near the top or the end that holds only a date ("Published: 1 May 2024")."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    for ln in lines[:8] + lines[-4:]:
        # The pattern's neighbouring \s* and its date group (which takes spaces) split a run of white space every
        # way there is: "Date" and 200 spaces took 36 s, 300 over two minutes. Runs are collapsed and long lines
        # skipped first, so each line costs a bounded match.
        ln = " ".join(ln.split())
        if len(ln) > _DATE_LINE_MAX:
            continue
        m = _DATE_LINE.match(ln)
        if m and (day := iso_date(m.group("date"))):
            return day
    return None


def _title_of(text: str) -> str | None:
    """Return the first line when it reads as a headline (short, no final full stop, not a date, more text below)."""
    first = text.split("\n", 1)[0].strip()
    words = first.split()
    bare = first.rstrip("\"'\u201d\u2019)")  # a headline may end in a quotation or a question, not a full stop
    if (first and len(first) <= 200 and 2 <= len(words) <= 25 and not bare.endswith((".", ":", ",", ";"))
            and "\n" in text.strip() and not _date_of(first) and any(w[:1].isupper() for w in words)):
        return first
    return None


def publisher_of(url: str | None, named: object = None) -> str | None:
    """Return who published an article: the name given (a ``source`` field, a site name), else its URL's host."""
    name = _field(named, 200)
    if name:
        return name
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


#: Deepest element nesting the HTML parser (libxml2) reads; it stops at the first element below it.
HTML_MAX_DEPTH = 256


#: Most elements a page read may have: trafilatura's time grows with their square (a 2.4 MB page of 300,000
#: one-letter paragraphs ran over five minutes; 40,000 took 5 s, 100,000 32 s). A news page has a few thousand
#: (Lighthouse calls over 1,500 excessive).
HTML_MAX_ELEMENTS = 50_000


def _parser_limits(html: str) -> tuple[bool, bool, int]:
    """Return whether libxml2 stops reading the page at its nesting limit and at its limit on one run of text,
    and how many elements it read.

    Either way the text past that point would be lost unsaid: a page of one 15 MB paragraph gave no text at all.
    """
    from lxml import html as lhtml

    parser = lhtml.HTMLParser()
    elements = 0
    try:
        elements = sum(1 for _ in lhtml.document_fromstring(html, parser=parser).iter())
    except Exception:  # noqa: BLE001 - unparsable pages are reported by the extraction below
        pass
    messages = [e.message for e in parser.error_log]
    return (any("Excessive depth" in m for m in messages),
            any("Resource limit exceeded" in m or "huge text node" in m for m in messages), elements)


#: Most attributes one element of a page read may have: libxml2 checks each new attribute against those before
#: it, so 200,000 attributes on one element (a 1.6 MB page) took it minutes per parse, and the page is parsed
#: five times. No real page comes near (an element of 1,000 attributes costs about a millisecond).
HTML_MAX_ATTRIBUTES = 1000

_TAG_OPEN = re.compile(r"<([A-Za-z][^\s/>]*)")
# Never fails, so never backtracks: a tag's body up to its unquoted ">" (or as far as it goes).
_TAG_BODY = re.compile(r"""(?:[^>"']+|"[^"]*"|'[^']*')*>?""")
_VALUE = re.compile(r"""=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*)""")
_NAME = re.compile(r"""[^\s/>="']+""")  # libxml2 takes "/" between attributes as white space
_RAW_TEXT_END = {"script": re.compile(r"</script", re.I), "style": re.compile(r"</style", re.I)}


def _too_many_attributes(html: str) -> bool:
    """Return True if some element of the page has more than HTML_MAX_ATTRIBUTES attributes.

    One pass from left to right (each character is looked at a bounded number of times);
    comments and script and style text are skipped as the HTML parser skips them.
    """
    pos, n = 0, len(html)
    while (i := html.find("<", pos)) >= 0:
        if html.startswith("<!--", i):
            end = html.find("-->", i + 4)
            pos = n if end < 0 else end + 3
            continue
        m = _TAG_OPEN.match(html, i)
        if m is None:
            pos = i + 1
            continue
        body = _TAG_BODY.match(html, m.end())
        pos = body.end()
        # An attribute takes at least two characters (a space and a letter): only a long tag can hold too many.
        if pos - m.end() > 2 * HTML_MAX_ATTRIBUTES and \
                len(_NAME.findall(_VALUE.sub(" ", body.group()))) > HTML_MAX_ATTRIBUTES:
            return True
        raw_end = _RAW_TEXT_END.get(m.group(1).lower())
        if raw_end is not None:
            end = raw_end.search(html, pos)
            pos = n if end is None else end.end()
    return False


#: A page that can hide an element (``<template>``, the ``hidden`` attribute, an inline style, a ``<style>``
#: block) or hold a style the main-text finder misreads as hiding: only such a page is parsed (and written out)
#: once more.
_MAY_HIDE = re.compile(r"""(?i)<template|[\s/"']hidden(?=[\s=>/])|[\s/"'](?:style|color|bgcolor|text)\s*=|<style""")
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\r\n\f]?|(.))", re.S)
_IMPORTANT = re.compile(r"!\s*important\s*$", re.I)


def _css_unescape(m: re.Match) -> str:
    if m.group(1) is None:
        return m.group(2)
    code = int(m.group(1), 16)
    return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


@functools.lru_cache(maxsize=4096)  # a page repeats its styles: each is read once
def _declarations(style: str) -> dict[str, str]:
    """Return an inline style's properties as a browser applies them: comments and escapes read, names and
    keywords in lower case, the last declaration winning unless an earlier one is ``!important``."""
    return {k: v for k, (_i, v) in _declared(style).items()}


@functools.lru_cache(maxsize=4096)
def _declared(style: str) -> dict[str, tuple[bool, str]]:
    """Return a declaration block's properties as :func:`_declarations` does, each with its ``!important``."""
    out: dict[str, tuple[bool, str]] = {}
    for decl in _CSS_COMMENT.sub(" ", style).split(";"):
        name, colon, value = decl.partition(":")
        if not colon:
            continue
        name = _CSS_ESCAPE.sub(_css_unescape, name).strip().lower()
        value = _CSS_ESCAPE.sub(_css_unescape, value).strip().lower()
        important = bool(_IMPORTANT.search(value))
        value = _IMPORTANT.sub("", value).strip()
        if name and (important or not out.get(name, (False, ""))[0]):
            out[name] = (important, value)
    return out


#: The properties that decide whether an element is drawn, and the values of each that do not draw it.
_HIDING = {"display": ("none",), "content-visibility": ("hidden",), "visibility": ("hidden", "collapse")}
#: The properties that decide whether an element's text can be seen where it is drawn: a size of zero (or under a
#: pixel), or a box (or its first line) taken far off the page's top or left edge (no scrolling reaches it), or
#: shrunk to nothing.
_PLACING = ("font-size", "font", "position", "left", "top", "inset", "margin-left", "margin-top", "text-indent",
            "transform", "translate", "scale")
#: The properties that decide whether text can be told from what is behind it: its colour, the background colour
#: behind it, an opacity of zero, and a transition or animation (a fade-in starts at zero and is drawn).
_INK = ("color", "background", "background-color", "background-image", "opacity", "transition",
        "transition-property", "animation", "animation-name", "filter", "-webkit-text-fill-color", "background-clip",
        "-webkit-background-clip")
#: The properties of a fade-in or a pop-in: an element drawn at zero opacity or size at first is shown once the
#: page has loaded.
_MOTION = ("transition", "transition-property", "animation", "animation-name")
#: How far (CSS pixels) past the page's top or left edge an absolutely placed box is out of every reader's view
#: (the "-9999px" of the old off-screen technique; a wide screen is 2,000 pixels across).
OFFSCREEN_PX = 1000
_LENGTH = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+))(px|pt|pc|em|rem|ex|ch|in|cm|mm|q|vw|vh|vmin|vmax|%)?")
#: CSS pixels per unit (font-relative units at the default 16 px; a viewport unit of a 1,000 px wide window).
_PX = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "em": 16.0, "rem": 16.0, "ex": 8.0, "ch": 8.0, "in": 96.0,
       "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6, "vw": 10.0, "vh": 10.0, "vmin": 10.0, "vmax": 10.0}
#: Font sizes that keep the parent's: relative to it (so zero stays zero) or deferring to it.
_RELATIVE_SIZE = re.compile(r"[+-]?[\d.]+(?:em|ex|ch|%)|smaller|larger|inherit|unset|revert|revert-layer")


def _length_px(value: str | None) -> float | None:
    """Return a CSS length in pixels (``-9999px``, ``-60em``), or None when it is none (``auto``, ``calc(...)``)."""
    m = _LENGTH.fullmatch(value or "")
    if m is None or m.group(2) == "%" or (m.group(2) is None and float(m.group(1)) != 0):
        return None
    return float(m.group(1)) * _PX[m.group(2)]


def _zero_size(value: str | None) -> bool:
    """Return True for a font size of zero (``0``, ``0px``, ``0em``, ``0%``) or under one pixel (``0.01px``,
    ``0.05rem``): no text of that size can be read."""
    m = _LENGTH.fullmatch(value or "")
    if m is None:
        return False
    if float(m.group(1)) == 0:
        return True
    px = _length_px(value) if m.group(2) not in ("em", "ex", "ch") else None  # those are of the parent's size
    return px is not None and 0 < px < 1


def _font_size_of(font: str | None) -> str | None:
    """Return the size a ``font`` shorthand sets (``0/0 a`` -> ``0``, ``bold 12px/1.5 serif`` -> ``12px``), or None
    (a system font, ``inherit``): the first word that is a length, before any ``/line-height``."""
    for word in (font or "").split()[:8]:  # style, variant, weight and stretch come first; then the size
        size = word.split("/", 1)[0]
        m = _LENGTH.fullmatch(size)
        if m is not None and (m.group(2) is not None or float(m.group(1)) == 0):
            return size
    return None


def _edges_of(inset: str | None) -> tuple[str | None, str | None]:
    """Return the (top, left) an ``inset`` shorthand sets (one to four values, as ``margin`` is written)."""
    words = (inset or "").split()
    if not 1 <= len(words) <= 4:
        return None, None
    return words[0], words[3] if len(words) == 4 else words[1] if len(words) > 1 else words[0]


def _size_value(get) -> str | None:
    """Return the font size of declarations read by ``get(property)``: ``font-size``, else the ``font`` shorthand's."""
    size = get("font-size")
    return size if size is not None else _font_size_of(get("font"))


def _placed_off(get) -> bool:
    """Return True if declarations read by ``get(property)`` place a box far past the page's top or left edge."""
    if get("position") not in _PLACED:
        return False
    top, left = _edges_of(get("inset"))
    return _far_off(get("left") or left) or _far_off(get("top") or top)


#: A transform's functions (``translateX(-9999px) scale(0)``): a name and what its parentheses hold, no nesting.
_TRANSFORM = re.compile(r"\s*([a-z0-9-]+)\(([^()]*)\)")


def _shrunk_or_moved_off(transform: str | None, translate: str | None, scale: str | None) -> bool:
    """Return True if ``transform`` (or the ``translate`` and ``scale`` properties) shrinks an element to nothing
    or moves it far past the page's top or left edge; only transforms of translations and scalings are read (a
    rotation or a matrix may bring it back)."""
    if scale and any(_number(v, 1) == 0 for v in scale.split()):
        return True
    if translate and any(_far_off(v) for v in translate.split()[:2]):
        return True
    if not transform or transform == "none":
        return False
    parts, at = [], 0
    for m in _TRANSFORM.finditer(transform):
        if m.start() != at:
            return False
        parts.append((m.group(1), [v.strip() for v in m.group(2).split(",")]))
        at = m.end()
    if at != len(transform) or not all(n.startswith(("translate", "scale")) for n, _a in parts):
        return False
    for name, args in parts:
        if name.startswith("scale") and any(_number(v, 1) == 0 for v in args):
            return True
        if name in ("translate", "translatex", "translatey") and any(_far_off(v) for v in args[:2]):
            return True
    return False


def _far_off(value: str | None) -> bool:
    """Return True for a ``left`` or ``top`` that takes a box out of view past the page's edge."""
    px = _length_px(value)
    return px is not None and px <= -OFFSCREEN_PX


def _hiding_value(prop: str, value: str) -> bool:
    """Return True if a property's value takes away, or may take away, an element's text from view."""
    if prop in _HIDING:
        return value in _HIDING[prop]
    if prop == "font-size":
        return _zero_size(value)
    if prop == "font":
        return _zero_size(_font_size_of(value))
    if prop == "inset":
        return any(_far_off(v) for v in _edges_of(value))
    if prop == "position":
        return value in _PLACED
    if prop in ("left", "top", "margin-left", "margin-top", "text-indent"):
        return _far_off(value)
    if prop in ("transform", "translate", "scale"):
        return _shrunk_or_moved_off(*(value if p == prop else None for p in ("transform", "translate", "scale")))
    if prop in ("color", "-webkit-text-fill-color"):
        return _colour(value) == _CLEAR
    if prop == "opacity":
        return _zero_opacity(value)
    if prop == "filter":
        return _zero_filter(value)
    return False  # backgrounds, transitions, animations: they draw, or may draw, text again


#: The positions under which ``left`` and ``top`` move a box (``relative`` from where it would be).
_PLACED = ("absolute", "fixed", "relative")


#: CSS's named colours, name then hex (all 148: "ivory" on "#fffff0" is text in the colour of its paper).
_NAMED_HEX = dict(zip(*[iter((
    "aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff beige f5f5dc bisque ffe4c4 black "
    "000000 blanchedalmond ffebcd blue 0000ff blueviolet 8a2be2 brown a52a2a burlywood deb887 cadetblue 5f9ea0 "
    "chartreuse 7fff00 chocolate d2691e coral ff7f50 cornflowerblue 6495ed cornsilk fff8dc crimson dc143c cyan 00ffff "
    "darkblue 00008b darkcyan 008b8b darkgoldenrod b8860b darkgray a9a9a9 darkgreen 006400 darkgrey a9a9a9 darkkhaki "
    "bdb76b darkmagenta 8b008b darkolivegreen 556b2f darkorange ff8c00 darkorchid 9932cc darkred 8b0000 darksalmon "
    "e9967a darkseagreen 8fbc8f darkslateblue 483d8b darkslategray 2f4f4f darkslategrey 2f4f4f darkturquoise 00ced1 "
    "darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff dimgray 696969 dimgrey 696969 dodgerblue 1e90ff firebrick "
    "b22222 floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc ghostwhite f8f8ff gold ffd700 "
    "goldenrod daa520 gray 808080 green 008000 greenyellow adff2f grey 808080 honeydew f0fff0 hotpink ff69b4 "
    "indianred cd5c5c indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa lavenderblush fff0f5 lawngreen 7cfc00 "
    "lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff lightgoldenrodyellow fafad2 lightgray "
    "d3d3d3 lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1 lightsalmon ffa07a lightseagreen 20b2aa lightskyblue "
    "87cefa lightslategray 778899 lightslategrey 778899 lightsteelblue b0c4de lightyellow ffffe0 lime 00ff00 "
    "limegreen 32cd32 linen faf0e6 magenta ff00ff maroon 800000 mediumaquamarine 66cdaa mediumblue 0000cd "
    "mediumorchid ba55d3 mediumpurple 9370db mediumseagreen 3cb371 mediumslateblue 7b68ee mediumspringgreen 00fa9a "
    "mediumturquoise 48d1cc mediumvioletred c71585 midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin "
    "ffe4b5 navajowhite ffdead navy 000080 oldlace fdf5e6 olive 808000 olivedrab 6b8e23 orange ffa500 orangered "
    "ff4500 orchid da70d6 palegoldenrod eee8aa palegreen 98fb98 paleturquoise afeeee palevioletred db7093 papayawhip "
    "ffefd5 peachpuff ffdab9 peru cd853f pink ffc0cb plum dda0dd powderblue b0e0e6 purple 800080 rebeccapurple 663399 "
    "red ff0000 rosybrown bc8f8f royalblue 4169e1 saddlebrown 8b4513 salmon fa8072 sandybrown f4a460 seagreen 2e8b57 "
    "seashell fff5ee sienna a0522d silver c0c0c0 skyblue 87ceeb slateblue 6a5acd slategray 708090 slategrey 708090 "
    "snow fffafa springgreen 00ff7f steelblue 4682b4 tan d2b48c teal 008080 thistle d8bfd8 tomato ff6347 turquoise "
    "40e0d0 violet ee82ee wheat f5deb3 white ffffff whitesmoke f5f5f5 yellow ffff00 yellowgreen 9acd32").split())] * 2))
_NAMED = {name: tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) for name, h in _NAMED_HEX.items()}
#: The colour of no ink: ``transparent`` or any colour of alpha zero.
_CLEAR = "clear"
_HEX_COLOUR = re.compile(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})")
#: A number of a colour function: sign, decimals, exponent and unit (``2.55e2``, ``-5``, ``50%``, ``.5turn``).
_COLOUR_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(%|deg|grad|rad|turn)?")
#: Degrees per unit of a hue.
_HUE_DEG = {None: 1.0, "deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}
#: Colour functions whose channels are read; others (``lab()``, ``oklch()``, ``color(display-p3 ...)``) are read
#: for an alpha of zero only.
_COLOUR_FUNCTIONS = ("rgb", "rgba", "hsl", "hsla", "hwb", "color")
#: The colour of the text's parent (``currentcolor``): as a text colour it changes nothing, as a background it is
#: the text's own colour.
_CURRENT = "current"
#: How far (of 255, in each channel) two colours may differ and still be one to a reader ("#fffffe" on white).
SAME_COLOUR = 4


def _number(v: str, percent: float, units: bool = False) -> float | None:
    """Return a colour function's argument (``none`` is zero; a percentage of ``percent``), None if not a number."""
    if v == "none":
        return 0.0
    m = _COLOUR_NUMBER.fullmatch(v)
    if m is None or (m.group(1) not in (None, "%") and not units):
        return None
    try:
        x = float(v[:m.start(1)] if m.group(1) else v)
    except ValueError:
        return None
    if not math.isfinite(x):
        return None
    if m.group(1) == "%":
        return x / 100 * percent
    return x * _HUE_DEG[m.group(1)] if units else x


def _hsl(h: float, s: float, light: float) -> tuple:
    """Return (r, g, b) in 0-1 of a hue in degrees and saturation and lightness in 0-1 (CSS Color 4's formula)."""
    s, light = min(max(s, 0.0), 1.0), min(max(light, 0.0), 1.0)

    def f(n: int) -> float:
        k = (n + h / 30) % 12
        return light - s * min(light, 1 - light) * max(-1.0, min(k - 3, 9 - k, 1.0))

    return f(0), f(8), f(4)


def _function_colour(name: str, inside: str) -> tuple | str | None:
    """Return the colour of ``name(inside)`` as :func:`_colour` does."""
    # "rgb(1, 2, 3)", "rgb(1 2 3 / 0)", "hsla(0,0%,0%,.5)": split, not matched (no pattern to backtrack in)
    words = inside.replace(",", " ").replace("/", " / ").split()
    if "/" in words:
        at = words.index("/")
        channels, alpha_words = words[:at], words[at + 1:]
    else:
        channels, alpha_words = words, []
        if name in _COLOUR_FUNCTIONS[:4] and len(words) == 4 and "," in inside:
            channels, alpha_words = words[:3], words[3:]
    if len(alpha_words) > 1:
        return None
    alpha = _number(alpha_words[0], 1) if alpha_words else 1.0
    if alpha is None:
        return None
    if alpha <= 0:
        return _CLEAR  # no ink whatever the channels say
    if name not in _COLOUR_FUNCTIONS or alpha < 1:
        return None  # part-transparent: what shows through is not known
    if name == "color":
        if not channels or channels[0] != "srgb":
            return None
        values = [None if v is None else 255 * v for v in (_number(c, 1) for c in channels[1:])]
    elif name in ("rgb", "rgba"):
        values = [_number(v, 255) for v in channels]
    else:
        values = [_number(channels[0], 1, units=True)] + [_number(v, 1) for v in channels[1:]] if channels else []
        if len(values) == 3 and None not in values:
            if name != "hwb":
                # "hsl(0 0% 100%)"; CSS Color 4 also reads bare numbers as percentages
                s, light = (v / 100 if not c.endswith("%") else v for v, c in zip(values[1:], channels[1:]))
                values = [255 * c for c in _hsl(values[0], s, light)]
            else:
                white, black = (v / 100 if not c.endswith("%") else v for v, c in zip(values[1:], channels[1:]))
                white, black = max(white, 0.0), max(black, 0.0)
                if white + black >= 1:
                    values = [255 * white / (white + black)] * 3
                else:
                    values = [255 * (c * (1 - white - black) + white) for c in _hsl(values[0], 1.0, 0.5)]
    if len(values) != 3 or None in values:
        return None
    return tuple(min(max(round(v), 0), 255) for v in values)


def _colour(value: str | None) -> tuple | str | None:
    """Return a CSS colour as (r, g, b) when opaque, :data:`_CLEAR` when of alpha zero, :data:`_CURRENT` for
    ``currentcolor``, None when unknown (part-transparent colours, ``lab()`` and other spaces, ``color-mix()``,
    anything not a colour)."""
    value = (value or "").strip().lower()
    if value == "transparent":
        return _CLEAR
    if value == "currentcolor":
        return _CURRENT
    if value in _NAMED:
        return _NAMED[value]
    if m := _HEX_COLOUR.fullmatch(value):
        h = m.group(1)
        if len(h) <= 4:
            h = "".join(c + c for c in h)
        alpha = int(h[6:8], 16) if len(h) == 8 else 255
        return _CLEAR if alpha == 0 else (tuple(int(h[i:i + 2], 16) for i in (0, 2, 4)) if alpha == 255 else None)
    name, paren, rest = value.partition("(")
    if paren and rest.endswith(")") and name.isalpha() and len(value) <= 200 and "(" not in rest:
        return _function_colour(name, rest[:-1])
    return None


def _same_colour(a, b) -> bool:
    """Return True if two known colours (r, g, b) are one to a reader."""
    return (isinstance(a, tuple) and isinstance(b, tuple)
            and all(abs(x - y) <= SAME_COLOUR for x, y in zip(a, b)))


def _zero_filter(value: str | None) -> bool:
    """Return True for a ``filter`` holding ``opacity(0)``: nothing of the element is drawn."""
    value = value or ""
    return "opacity(" in value and any(m.group(1) == "opacity" and _zero_opacity(m.group(2))
                                       for m in _TRANSFORM.finditer(value))


def _zero_opacity(value: str | None) -> bool:
    """Return True for an opacity of zero (``0``, ``0.0``, ``0%``)."""
    m = re.fullmatch(r"[+-]?(\d+(?:\.\d*)?|\.\d+)%?", (value or "").strip())
    return m is not None and float(m.group(1)) == 0


def _background(el, sheet: "_StyleSheet | None") -> tuple | str | None:
    """Return the colour an element paints behind its text: (r, g, b), :data:`_CLEAR` (none: its parent's shows
    through), or None when it cannot be told (an image or gradient, a colour not read)."""
    image = _cascaded(el, "background-image", sheet)
    if image and image != "none":
        return None
    short = _cascaded(el, "background", sheet)
    colour = _cascaded(el, "background-color", sheet)
    if colour is None and short is not None:
        if "url(" in short or "gradient(" in short or "image(" in short:
            return None
        words, depth, word = [], 0, []
        for ch in short:  # white space outside parentheses parts the shorthand ("rgb(1 2 3) no-repeat")
            depth += (ch == "(") - (ch == ")")
            if ch.isspace() and depth <= 0:
                words.append("".join(word))
                word = []
            else:
                word.append(ch)
        words.append("".join(word))
        known = [c for c in map(_colour, words) if c is not None]
        if len(known) == 1:
            return known[0]
        return _CLEAR if short in ("none", "transparent") else None
    if colour is None:
        return _CLEAR
    got = _colour(colour)
    return got if got is not None else None
#: A ``<style>`` block's braces and semicolons (comments are taken out first).
_CSS_PUNCT = re.compile(r"[{};]")
_CSS_IDENT = r"(?:[-\w\u00a0-\U0010ffff]|\\[0-9a-fA-F]{1,6}[ \t\r\n\f]?|\\[^\n0-9a-fA-F])+"
#: A selector a stylesheet's hiding rule is applied with: a tag, a class or an id, or a tag with one class or id.
_SIMPLE_SELECTOR = re.compile(rf"(?P<tag>[A-Za-z][A-Za-z0-9-]*)?(?:(?P<kind>[.#])(?P<name>{_CSS_IDENT}))?")
_SELECTOR_TOKEN = re.compile(rf"([.#]){_CSS_IDENT}")
_SUBJECT = re.compile(r"[^\s>+~]+$")


class _StyleSheet:
    """The rules of a page's ``<style>`` blocks that decide whether an element is drawn, as far as they can be
    applied without a layout: selectors of one tag, class or id (``.x``, ``#x``, ``span``, ``span.x``).

    Why: ``<style>.x{display:none}</style><span class="x">...</span>`` put text no reader sees into the graph.
    Bounded: each rule is read once, rules of one selector are merged as the cascade merges them, and an element
    looks its tag, id and classes up (a dictionary look-up each), so the cost is linear in the page. Rules inside
    ``@media``, ``@supports`` and the like, and rules of other selectors (descendants, several classes, pseudo-
    classes, attributes), are not applied; where such a rule may draw an element again (``@media (min-width:
    40em) { .x { display: block } }``, ``.menu.open { display: block }``), a hiding rule of the same class, id or
    tag is not applied either: a responsive or scripted page shows that text to some readers. Styles of another
    medium (``<style media="print">``) and linked stylesheets (never fetched) are not read.
    """

    def __init__(self) -> None:
        self.rules: dict[tuple[str, str, str | None], dict[str, tuple[bool, int, int, str]]] = {}
        self.shown: set[tuple[str, str]] = set()
        self.order = 0
        # Rules of compound selectors (".a .b", "div.x > p"): each one's compounds' keys, combinators, subject key,
        # properties, specificity and order; an index from a compound's key to (rule, position); what matched.
        self.complex: list[tuple[list, list, tuple, dict, int, int]] = []
        self.index: dict[tuple, list[tuple[int, int]]] = {}
        self.matched: dict = {}
        self.overflow = False
        # Custom properties set for the whole page (":root", "html", "body", "*"), which "var(--x)" reads.
        self.custom: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self.rules) or bool(self.complex) or bool(self.custom)

    def _add_complex(self, sel: str, props: dict) -> bool:
        """Add a rule of compounds joined by descendant, child or sibling combinators; return False if ``sel`` is no such
        selector (it is then read as before: not applied, a rule that draws marking what it may draw)."""
        parts = _COMBINATOR.split(sel)
        if len(parts) < 3 or len(parts) > 2 * MAX_COMPOUNDS - 1 or len(self.complex) >= MAX_COMPLEX_RULES:
            return False
        keys, combinators, specificity = [], [], 0
        for i, part in enumerate(parts):
            if i % 2:
                combinators.append(part.strip() or " ")
                continue
            if part == "*":
                keys.append(("*",))
                continue
            m = _SIMPLE_SELECTOR.fullmatch(part)
            if m is None or not part:
                return False
            tag = (m.group("tag") or "").lower() or None
            if m.group("kind"):
                keys.append((m.group("kind"), _CSS_ESCAPE.sub(_css_unescape, m.group("name")), tag))
                specificity += (100 if m.group("kind") == "#" else 10) + (1 if tag else 0)
            else:
                keys.append(("t", tag, None))
                specificity += 1
        r = len(self.complex)
        subject = keys[-1][:2] if keys[-1][0] != "*" else ("*", "")
        self.complex.append((keys, [" ", *combinators], subject, props, specificity, self.order))
        for k, key in enumerate(keys):
            self.index.setdefault(key, []).append((r, k))
        return True

    def match(self, root) -> None:
        """Find the elements each compound rule selects, in one walk of the tree (see :data:`MAX_MATCH_WORK`).

        Each element looks up the rules' compounds its tag, id and classes match, and takes one that follows a
        match of the compound before it in its parent (``>``) or any ancestor (a count kept as the walk enters
        and leaves elements): linear in the page times the compounds an element's keys name.
        """
        if not self.complex:
            return
        above: dict[tuple[int, int], int] = {}  # (rule, position) matched by an ancestor: how many times
        # Per element whose children are being walked: what its last child matched, and what its earlier
        # children matched (how many times); children are walked in order, each after the one before it.
        siblings: dict = {}
        work = 0
        stack: list = [(root, frozenset())]
        while stack:
            el, parent_matched = stack.pop()
            if el is None:  # leaving the element whose matches these were
                parent_matched, left = parent_matched
                for rk in parent_matched:
                    above[rk] -= 1
                siblings.pop(left, None)
                continue
            last, earlier = siblings.setdefault(el.getparent(), [frozenset(), {}])
            got = set()
            for key in _keys(el) + [("*",)]:
                for r, k in self.index.get(key, ()):
                    work += 1
                    combinator, before = self.complex[r][1][k], (r, k - 1)
                    if (k == 0 or combinator == " " and above.get(before, 0) > 0
                            or combinator == ">" and before in parent_matched
                            or combinator == "+" and before in last
                            or combinator == "~" and earlier.get(before, 0) > 0):
                        got.add((r, k))
            if work > MAX_MATCH_WORK:
                self.overflow = True
                return
            record = siblings[el.getparent()]
            record[0] = got
            for rk in got:
                earlier[rk] = earlier.get(rk, 0) + 1
            for r, k in got:
                keys, _c, subject, props, specificity, order = self.complex[r]
                if k == len(keys) - 1:
                    mine = self.matched.setdefault(el, {})
                    for prop, (important, value) in props.items():
                        old = mine.get(prop)
                        new = (important, specificity, order, value, subject)
                        if old is None or new[:3] > old[:3]:
                            mine[prop] = new
            for rk in got:
                above[rk] = above.get(rk, 0) + 1
            stack.append((None, (got, el)))
            stack.extend((child, got) for child in reversed(el) if isinstance(child.tag, str))

    def read(self, css: str) -> None:
        """Add a ``<style>`` block's rules."""
        for conditional, selectors, body in _css_rules(_CSS_COMMENT.sub(" ", css)):
            declared = _declared(body)
            if not conditional and any(k.startswith("--") for k in declared) and any(
                    sel.strip() in _PAGE_WIDE for sel in selectors.split(",")):
                self.custom.update((k, v) for k, (_i, v) in declared.items() if k.startswith("--"))
            props = {k: v for k, v in declared.items() if k in _HIDING or k in _PLACING or k in _INK}
            if not props:
                continue
            self.order += 1
            shows = any(not _hiding_value(k, v) for k, (_i, v) in props.items())
            for sel in selectors.split(","):
                sel = sel.strip()
                m = None if conditional else _SIMPLE_SELECTOR.fullmatch(sel)
                if m is None and sel and not conditional and self._add_complex(sel, props):
                    continue
                if m is None or not sel:
                    if shows and (subject := _SUBJECT.search(sel)):  # this rule may draw what a simple one hides
                        part = subject.group()
                        self.shown.update((k, _CSS_ESCAPE.sub(_css_unescape, t.group()[1:]))
                                          for k, t in ((t.group(1), t) for t in _SELECTOR_TOKEN.finditer(part)))
                        if tag := re.match(r"[A-Za-z][A-Za-z0-9-]*", part):
                            self.shown.add(("t", tag.group().lower()))
                    continue
                tag = (m.group("tag") or "").lower() or None
                if m.group("kind"):
                    key = (m.group("kind"), _CSS_ESCAPE.sub(_css_unescape, m.group("name")), tag)
                    specificity = 100 if m.group("kind") == "#" else 10
                    specificity += 1 if tag else 0
                else:
                    key, specificity = ("t", tag, None), 1
                merged = self.rules.setdefault(key, {})
                for prop, (important, value) in props.items():
                    old = merged.get(prop)
                    if old is None or important or not old[0]:
                        merged[prop] = (important, specificity, self.order, value)

    def value(self, el, prop: str) -> tuple[bool, str] | None:
        """Return the winning (``!important``, value) of a property among the rules matching an element."""
        tag = el.tag
        best = None
        for key in _keys(el):
            got = self.rules.get(key, {}).get(prop)
            if got is not None and (best is None or got[:3] > best[0][:3]):
                best = (got, key[:2])
        compound = self.matched.get(el, {}).get(prop) if self.matched else None
        if compound is not None and (best is None or compound[:3] > best[0][:3]):
            best = (compound[:4], compound[4])
        if best is None:
            return None
        (important, _spec, _order, value), key = best
        if _hiding_value(prop, value) and (key in self.shown or ("t", tag) in self.shown):
            return None  # another rule may draw it
        return important, value


def _keys(el) -> list[tuple]:
    """Return the keys of the simple selectors that match an element: its tag, its id and classes, with the tag."""
    tag = el.tag
    keys = [("t", tag, None)]
    if ident := el.get("id"):
        keys += [("#", ident.strip(), None), ("#", ident.strip(), tag)]
    for cls in (el.get("class") or "").split():
        keys += [(".", cls, None), (".", cls, tag)]
    return keys


#: A combinator between compound selectors: a child (``>``), a descendant (white space), the next sibling (``+``)
#: or a later sibling (``~``).
_COMBINATOR = re.compile(r"(\s*[>+~]\s*|\s+)")
#: Most compounds in a selector, and most compound rules, a page's stylesheet is applied with; more are read
#: as before (not applied).
MAX_COMPOUNDS, MAX_COMPLEX_RULES = 8, 2000
#: Most look-ups of compound rules per page (each element's keys times the compounds they name): past it the
#: rest of the page is read without them, with a warning.
MAX_MATCH_WORK = 2_000_000


_AT_KINDS = ("at", "plain", "skip")
#: Media types a screen reader of a page is not: rules for them are not read.
_OTHER_MEDIA = ("print", "speech", "tty", "tv", "projection", "handheld", "braille", "embossed", "aural")


def _at_kind(prelude: str) -> str:
    """Return how an at-rule's block applies: "plain" on every screen (``@media screen``, ``@media all``,
    ``@layer``), "skip" on none (``@media print``), "at" under a condition (a width, ``@supports``, others)."""
    name, *rest_ = prelude[1:].split(None, 1) or [""]
    name, rest = name.lower(), rest_[0] if rest_ else ""
    if name == "layer":
        return "plain"
    if name != "media":
        return "at"
    queries = [q.strip().lower().removeprefix("only ").strip() for q in rest.split(",")]
    if not all(re.fullmatch(r"[a-z-]*", q) for q in queries):
        return "at"  # a feature ("(min-width: 40em)"), "not", "and": shown at some widths or media only
    if any(q in ("", "all", "screen") for q in queries):
        return "plain"
    return "skip" if all(q in _OTHER_MEDIA for q in queries) else "at"


def _css_rules(css: str) -> Iterator[tuple[bool, str, str]]:
    """Yield each style rule of a stylesheet (comments taken out) as (inside an at-rule, selectors, declarations).

    One pass over its braces and semicolons; a rule nested in a rule (CSS nesting) counts as inside an at-rule.
    """
    # "at" for an at-rule's block, "plain" for one that applies on every screen, "skip" for one of another
    # medium; "rule" for a style rule's, "nested" for one inside a rule
    stack: list[str] = []
    start, selectors, body_start, conditional = 0, "", 0, False
    for m in _CSS_PUNCT.finditer(css):
        ch, i = m.group(), m.start()
        in_rule = bool(stack) and stack[-1] not in _AT_KINDS
        if ch == "{":
            if in_rule:
                stack.append("nested")
                conditional = True  # the rule's own declarations are read with less certainty: as conditional
                continue
            prelude = css[start:i].strip()
            if prelude.startswith("@"):
                stack.append(_at_kind(prelude))
            else:
                stack.append("rule")
                selectors, body_start, conditional = prelude, m.end(), "at" in stack[:-1]
            start = m.end()
        elif ch == "}":
            if not stack:
                start = m.end()
                continue
            kind = stack.pop()
            if kind == "rule" and "skip" not in stack:
                yield conditional, selectors, css[body_start:i]
            if kind != "nested":
                start = m.end()
        elif not in_rule:
            start = m.end()  # "@import url(...);", "@charset ...;": nothing to read (and nothing fetched)


#: HTML's colour attributes, which a browser reads as the lowest of styles ("presentational hints"): the property
#: each stands for, and the tags that have it.
_HINTS = {"color": ("color", ("font",)), "text": ("color", ("body",)),
          "bgcolor": ("background-color", ("body", "table", "tr", "td", "th"))}


def _hint(el, prop: str) -> str | None:
    """Return the value an element's colour attribute gives ``prop`` (``<font color=white>``), else None."""
    for attribute, (hinted, tags) in _HINTS.items():
        if prop == hinted and el.tag in tags and (value := el.get(attribute)):
            value = value.strip().lower()
            # a legacy colour may be written without its "#" ("ffffff")
            return "#" + value if len(value) in (3, 6) and all(c in "0123456789abcdef" for c in value) else value
    return None


def _styled(el, sheet: "_StyleSheet | None") -> bool:
    """Return True if an element may have a style of its own: inline, from the page's rules, or a colour attribute."""
    return bool(el.get("style") or sheet or (el.tag in ("font", "body", "table", "tr", "td", "th")
                                             and (el.get("color") or el.get("bgcolor") or el.get("text"))))


def _cascaded(el, prop: str, sheet: _StyleSheet | None) -> str | None:
    """Return an element's own value of a property from its inline style and the page's stylesheet, by the
    cascade: an ``!important`` inline value, an ``!important`` rule, an inline value, a rule, a colour attribute;
    ``var(--x)`` in it read from the custom properties the element or its ancestors set inline, or the page sets
    for all (:func:`_with_vars`)."""
    style = el.get("style")
    inline = _declared(style).get(prop) if style else None
    if inline is not None and inline[0]:
        value = inline[1]
    else:
        rule = sheet.value(el, prop) if sheet else None
        if rule is not None and (rule[0] or inline is None):
            value = rule[1]
        else:
            value = inline[1] if inline is not None else _hint(el, prop)
    if value is not None and "var(" in value:
        value = _with_vars(value, lambda name: _custom_property(el, name, sheet))
    return value


#: Selectors whose custom properties hold for the whole page.
_PAGE_WIDE = (":root", "html", "body", "*")
#: A ``var()`` without another inside: the custom property's name and the fallback.
_VAR = re.compile(r"var\(\s*(--[-\w]+)\s*(?:,([^()]*))?\)")
#: How many ancestors a custom property is looked for in (inherited from further up: not read).
VAR_ANCESTORS = 32


def _with_vars(value: str, lookup) -> str:
    """Return a value with each ``var(--x, fallback)`` replaced by ``lookup("--x")`` or its fallback; one left
    unknown stays as written (a value no reader here takes for a colour, a size or a length)."""
    if len(value) > 1000:
        return value

    def one(m: re.Match) -> str:
        got = lookup(m.group(1))
        if got is None or "var(" in got:
            got = m.group(2)
        return got.strip() if got is not None else m.group(0)

    return _VAR.sub(one, value)


#: Custom properties found for (element, name) while one page is read (cleared after it, as its styles are).
_CUSTOM_SEEN: dict = {}


def _custom_property(el, name: str, sheet: "_StyleSheet | None") -> str | None:
    """Return the value of custom property ``name`` for an element: set inline on it or a near ancestor, else for
    the whole page."""
    walked = []
    found = sheet.custom.get(name) if sheet else None
    for up in itertools.chain((el,), itertools.islice(el.iterancestors(), VAR_ANCESTORS)):
        if (up, name) in _CUSTOM_SEEN:
            found = _CUSTOM_SEEN[(up, name)]
            break
        walked.append(up)
        style = up.get("style")
        if style and "--" in style and (got := _declared(style).get(name)) is not None:
            found = got[1]
            break
    for up in walked:
        _CUSTOM_SEEN[(up, name)] = found
    return found


def _hides(el, sheet: _StyleSheet | None = None) -> str | None:
    """Return ``"none"`` if an element is hidden for good from a reader without script, itself and all inside it
    (``visibility: hidden`` is read apart: it is inherited, and a child may set it back).

    Never drawn: a ``<template>``'s content; the ``hidden`` attribute in its hidden state (not
    ``until-found``, any case, which a search of the page shows); ``display: none``; ``content-visibility:
    hidden`` (from the inline style or the page's :class:`_StyleSheet`). Screen-reader text (``sr-only``,
    ``clip``, ``overflow: hidden``), ``opacity: 0`` and ``aria-hidden`` (drawn, only left out of the
    accessibility tree) are drawn or read aloud: not hidden.
    """
    if el.tag == "template":
        return "none"
    hidden = el.get("hidden")
    if hidden is not None and hidden.strip().lower() != "until-found":
        return "none"
    if not el.get("style") and not sheet:
        return None
    # "none x" is no valid display
    if _cascaded(el, "display", sheet) == "none" or _cascaded(el, "content-visibility", sheet) == "hidden":
        return "none"
    # Taken far past the page's top or left edge (no scrolling reaches there) with all it holds: placed there, or
    # pulled there by a margin, or its text pushed there by an indent (the old image-replacement trick).
    if _placed_off(lambda p: _cascaded(el, p, sheet)):
        return "none"
    if any(_far_off(_cascaded(el, p, sheet)) for p in ("margin-left", "margin-top", "text-indent")):
        return "none"
    # Opacity zero, a filter to opacity zero or a transform to nothing draws nothing of the element, and no child
    # can undo it; unless it fades or pops in (a transition or an animation on the same element: the page shows it
    # once loaded). A transform moving it off the page likewise.
    if (_zero_opacity(_cascaded(el, "opacity", sheet)) or _zero_filter(_cascaded(el, "filter", sheet))
            or _shrunk_or_moved_off(*(_cascaded(el, p, sheet) for p in ("transform", "translate", "scale")))) \
            and not any(_cascaded(el, p, sheet) not in (None, "none") for p in _MOTION):
        return "none"
    return None


def _own_ink(el, sheet: _StyleSheet | None, ink, paper) -> tuple:
    """Return (ink, paper) inside an element: the colour of its text and the colour behind it, each (r, g, b),
    :data:`_CLEAR` (ink only) or None when it cannot be told; ``ink``, ``paper``: its parent's."""
    if not isinstance(el.tag, str) or not _styled(el, sheet):
        return ink, paper
    colour = _cascaded(el, "color", sheet)
    if colour is not None and colour not in ("inherit", "unset", "revert", "revert-layer"):
        got = _colour(colour)
        ink = ink if got == _CURRENT else got  # currentcolor: the parent's colour, which the text has already
    fill = _painted_fill(lambda p: _cascaded(el, p, sheet))
    if fill is not None:
        ink = fill
    behind = _background(el, sheet)
    if behind == _CURRENT:  # a background in the text's own colour; in no colour when the text has none
        behind = _CLEAR if ink == _CLEAR else ink
    if behind != _CLEAR:
        paper = behind
    return ink, paper


def _sets_ink(el, sheet: _StyleSheet | None) -> bool:
    """Return True if an element sets a colour or a background of its own (it may draw text again)."""
    if not isinstance(el.tag, str) or not _styled(el, sheet):
        return False
    colour = _cascaded(el, "color", sheet)
    fill = _cascaded(el, "-webkit-text-fill-color", sheet)
    return (colour is not None and _colour(colour) not in (_CLEAR, _CURRENT)) or _background(el, sheet) != _CLEAR \
        or fill is not None and _colour(fill) not in (_CLEAR, _CURRENT)


def _painted_fill(get) -> tuple | str | None:
    """Return the colour ``-webkit-text-fill-color`` paints an element's text in (it overrides ``color``), or None
    when it sets none, defers to ``color``, or is transparent over a background clipped to the text (the
    gradient-heading pattern: the background shows through the letters)."""
    fill = get("-webkit-text-fill-color")
    if fill is None or fill in ("inherit", "unset", "revert", "revert-layer", "initial"):
        return None
    got = _colour(fill)
    if got in (None, _CURRENT):
        return None
    if got == _CLEAR and any("text" in (get(p) or "") for p in ("background-clip", "-webkit-background-clip",
                                                                     "background")):
        return None
    return got


def _own_visibility(el, sheet: _StyleSheet | None = None) -> bool | None:
    """Return False if an element's style sets ``visibility`` hidden (or ``collapse``), True if visible, else None."""
    if not isinstance(el.tag, str) or not (el.get("style") or sheet):
        return None
    return {"hidden": False, "collapse": False, "visible": True}.get(_cascaded(el, "visibility", sheet))


def _own_size(el, sheet: _StyleSheet | None = None) -> bool | None:
    """Return False if an element's style sets its font size to zero, True if to a size of its own (``14px``,
    ``1rem``, ``small``), None if it keeps its parent's (no size, or one relative to the parent's: ``1.2em``).

    A size is inherited and a child may set it back: ``font-size: 0`` on a row of inline blocks (to close the gaps
    between them) with a size on each block is common, and the blocks' text is drawn.
    """
    if not isinstance(el.tag, str) or not (el.get("style") or sheet):
        return None
    value = _size_value(lambda p: _cascaded(el, p, sheet))
    if value is None or _RELATIVE_SIZE.fullmatch(value) and not _zero_size(value):
        return None
    return not _zero_size(value)


def _page_sheet(tree) -> _StyleSheet | None:
    """Return the rules of a page's ``<style>`` blocks for the screen, or None when none can hide an element."""
    sheet = _StyleSheet()
    for el in tree.iter("style"):
        media = (el.get("media") or "").strip().lower()
        if media in ("", "all", "screen") and el.text:
            sheet.read(el.text)
    return sheet or None


def _without_hidden(html: str, name: str = "<html>") -> str:
    """Return the page without the elements a browser never shows (:func:`_hides`), each one's tail kept.

    Text in an element that is drawn but cannot be seen (``visibility: hidden``, a font size of zero: both
    inherited, and a child may set them back) is blanked.

    The style of an element kept is removed when the main-text finder would read it as hiding: trafilatura
    drops any element whose style holds "hidden" (``overflow: hidden``, the ``clip`` pattern of
    screen-reader text) or "display:none" (overruled by a later ``display``).
    """
    if not _MAY_HIDE.search(html):
        return html
    from lxml import html as lhtml
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
        if tree is None:
            return html
        changed = False
        # visibility and font size are inherited and a child may set them back: such a child's ancestors are kept
        # (their own text blanked), each found once.
        redrawn = set()
        sheet = _page_sheet(tree)
        if sheet is not None:
            sheet.match(tree)
            if sheet.overflow:
                _warn(f"{name}: the page's stylesheet has too many rules of compound selectors to apply; text "
                      "they hide may be read")
        for el in tree.iter():
            if isinstance(el.tag, str) and (_own_visibility(el, sheet) or _own_size(el, sheet)
                                            or _sets_ink(el, sheet)):
                for up in el.iterancestors():
                    if up in redrawn:
                        break
                    redrawn.add(up)
        # The page's canvas is taken as unknown, not white: a linked stylesheet (never read) may paint it dark.
        stack = [(tree, True, True, None, None)]
        while stack:
            el, visible, sized, ink, paper = stack.pop()
            own = _own_visibility(el, sheet)
            visible = visible if own is None else own
            own = _own_size(el, sheet)
            sized = sized if own is None else own
            ink, paper = _own_ink(el, sheet, ink, paper)
            # text in no ink, or in the colour painted behind it on this page, is seen by no reader
            inked = ink != _CLEAR and not _same_colour(ink, paper)
            seen = visible and sized and inked
            if (_hides(el, sheet) == "none" or not seen and el not in redrawn) and el.getparent() is not None:
                el.drop_tree()  # its tail stays (blanked already when its parent is not drawn)
                changed = True
                continue
            if not seen:
                el.text = None
                for child in el:
                    child.tail = None
                changed = True
            style = el.get("style")
            if style and ("hidden" in style or "display" in style):
                el.set("style", ";".join(d for d in style.split(";") if "hidden" not in d and "display" not in d))
                changed = True
            stack.extend((child, visible, sized, ink, paper) for child in el if isinstance(child.tag, str))
    except Exception:  # lxml raises ParserError, ValueError, XMLSyntaxError on hostile markup
        return html
    finally:
        _declarations.cache_clear()  # a page's styles are not kept for the next page (each may be megabytes)
        _declared.cache_clear()
        _CUSTOM_SEEN.clear()
    if not changed:
        return html
    return lhtml.tostring(tree, encoding="unicode")


#: An XML declaration opening a page (after white space).
_XML_DECLARATION = re.compile(r"\A\s*<\?xml\s[^<>]*\?>")


def html_to_text(html: str, name: str = "<html>") -> tuple[str, str | None, str | None, str | None, str | None]:
    """Return (main text, title, url, date, site name) of an HTML page; scripts, styles and boilerplate dropped.

    Nothing referenced by the page (scripts, images, links) is fetched.

    Raises:
        InputError: The page cannot be parsed at all.
    """
    import logging

    import trafilatura

    # An XHTML page's "<?xml version=... encoding=...?>" made lxml refuse the text as a string: the parser limits
    # below counted no element (a page of 300,000 elements passed the cap and held trafilatura for minutes) and
    # the fallback for text in layout tables read nothing. The text is decoded already: the declaration says nothing.
    html = _XML_DECLARATION.sub("", sanitize(html), count=1)
    if not html.strip():
        return "", None, None, None, None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its notes are not the user's business
    if _too_many_attributes(html):
        raise InputError(f"{name}: an element of the page has over {HTML_MAX_ATTRIBUTES:,} attributes, too many for "
                         "the HTML parser (its time grows with their square); save its text as .txt instead")
    too_deep, too_long, elements = _parser_limits(html)
    if elements > HTML_MAX_ELEMENTS:
        raise InputError(f"{name}: the page has {elements:,} elements, over the {HTML_MAX_ELEMENTS:,} the main-text "
                         "finder reads (its time grows with their square); save its text as .txt instead")
    if too_deep:
        _warn(f"{name}: elements nest deeper than {HTML_MAX_DEPTH} levels; the HTML parser reads no text "
              "below that depth")
    if too_long:
        _warn(f"{name}: a run of text without markup is over the HTML parser's 10 MB limit; it reads no text "
              "from there on (save the page's text as .txt instead)")
    html = _without_hidden(html, name)
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # a third-party parser on hostile markup: many failure types
        raise InputError(f"{name}: cannot parse HTML ({type(exc).__name__})") from None
    title = url = date = site = None
    if meta is not None:
        title, url, date, site = meta.title, meta.url, meta.date, meta.sitename
    if not text.strip():
        # Pages too small for the main-text detector: keep all visible text.
        from lxml import etree
        from lxml import html as lhtml
        try:
            tree = lhtml.document_fromstring(html)
        except Exception:  # lxml raises ParserError, ValueError, XMLSyntaxError on hostile markup
            return "", title, url, date, site
        for bad in tree.xpath("//script|//style|//noscript|//template|//comment()|//processing-instruction()"):
            parent = bad.getparent()
            if parent is None:
                continue
            if bad.tail:  # keep the text after the dropped node
                prev = bad.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + bad.tail
                else:
                    parent.text = (parent.text or "") + bad.tail
            parent.remove(bad)
        text = "\n\n".join(t.strip() for t in tree.itertext(tag=etree.Element) if t.strip())
    return text, title, url, date, site


# ---------------------------------------------------------------- readers


def shown(path: object) -> str:
    """Return a path or name as printable one-line text (undecodable bytes and controls escaped)."""
    s = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    s = s.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in s)


def _article_id(path: Path, root: Path | None) -> str:
    if root is not None and root != path:
        rel = path.relative_to(root).as_posix()
    else:
        rel = path.name
    rel = os.fsencode(rel).decode("utf-8", "replace")  # undecodable file names: U+FFFD, not surrogates
    for suf in TEXT_SUFFIXES + HTML_SUFFIXES:
        if rel.lower().endswith(suf):
            rel = rel[: -len(suf)]
            break
    return " ".join(sanitize(rel).split()) or "article"


_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def _check_regular(path: Path) -> int:
    """Return the size of ``path``; raise InputError unless it is a regular file (reading a FIFO or device could
    block or never end).

    A regular file of size 0 is not opened: it is empty, or a kernel's file (``/proc``, ``/sys``) that reports no
    size, whose reads may never end (``/proc/kmsg`` waits for the kernel's next message) or give the machine's
    secrets (a gold file's ``document`` may name any path).
    """
    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        what = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
        raise _refusal(f"{shown(path)}: is {what}, not a file of articles (pipe data to '-' instead)", "not a file")
    return st.st_size


#: The generator mark of kgraph's own network page (``kgraph.page``).
_KGRAPH_PAGE = re.compile(r"<meta\s+name=\"generator\"\s+content=\"kgraph\"", re.IGNORECASE)


def read_text_file(path: Path, root: Path | None = None) -> Article | None:
    """Read one .txt/.md/.html file as an article; None (with a warning) when it holds no text.

    Raises:
        InputError: The file cannot be read, is not a regular file, or is binary.
    """
    if not _check_regular(path):
        _skip(input_name(path, root), "empty", f"{shown(path)}: empty, skipped")
        return None
    limit = max_article_chars()
    html = path.suffix.lower() in HTML_SUFFIXES
    cap = min(limit, MAX_HTML_BYTES) if html else limit

    def refuse() -> InputError:
        if html and cap == MAX_HTML_BYTES:
            return _refusal(f"{shown(path)}: an HTML page over {MAX_HTML_BYTES / 1e6:g} MB, too large to find "
                            "its main text in (save its text as .txt instead)", "too big")
        return _refusal(f"{shown(path)}: " + _too_big("the file", limit), "too big")

    try:
        if path.stat().st_size > cap:
            raise refuse()
        with path.open("rb") as fh:
            data = fh.read(cap + 1)  # the file may have grown since
        if len(data) > cap:
            raise refuse()
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read ({exc.strerror or exc})") from None
    raw = decode(data, shown(path))
    del data
    title = url = date = site = None
    if html and _KGRAPH_PAGE.search(raw[:4000]):
        # "kgraph build . --output out" run twice: the first build's page is no article of the second.
        _warn(f"{shown(path)}: a network page kgraph wrote, not an article, skipped")
        return None
    if html:
        raw, title, url, date, site = html_to_text(raw, shown(path))
    elif path.suffix.lower() == ".md":
        raw = markdown_to_text(raw)
    text = clean_text(raw)
    del raw
    if not _has_words(text):
        _skip(input_name(path, root), "empty", f"{shown(path)}: empty, skipped")
        return None
    url = _field(url)
    return Article(id=_article_id(path, root), text=text, title=_field(title, 500) or _title_of(text),
                   url=url, date=_field(date, 100) or _date_of(text), source=shown(path),
                   publisher=publisher_of(url, site))


#: How far a .jsonl.gz may expand: text and JSON compress 3 to 10-fold; a file of one line repeated (20,000
#: articles in 3.6 kB, a gigabyte of newlines in 1 MB) near 1,000-fold. Checked past GZIP_FLOOR bytes.
GZIP_MAX_RATIO = 100
GZIP_FLOOR = 1 << 20


class _Expansion(io.RawIOBase):
    """The decompressed bytes of a gzip file, refused once they outgrow GZIP_MAX_RATIO times the bytes read."""

    def __init__(self, path: Path):
        self._raw = path.open("rb")
        self._gz = gzip.GzipFile(fileobj=self._raw, mode="rb")
        self._out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        n = self._gz.readinto(buf)
        self._out += n
        if self._out > GZIP_FLOOR and self._out > GZIP_MAX_RATIO * self._raw.tell():
            raise OSError(0, f"it expands over {GZIP_MAX_RATIO}-fold, as a compression bomb does; "
                             "decompress it if it is a real corpus")
        return n

    def close(self) -> None:
        try:
            self._gz.close()
            self._raw.close()
        finally:
            super().close()


def _open_lines(path: Path):
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(io.BufferedReader(_Expansion(path)), encoding="utf-8-sig", errors="replace")
    return path.open("r", encoding="utf-8-sig", errors="replace")


def _json_loads(line: str):
    try:
        return json.loads(line)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        raise ValueError(str(exc).split("\n")[0][:200]) from None


def _bounded_lines(fh, limit: int) -> Iterator[str | None]:
    """Yield the lines of a text stream, or None for a line longer than ``limit`` characters (read past, never held)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            while line and not line.endswith("\n"):
                line = fh.readline(1 << 20)
            yield None
        else:
            yield line


def read_jsonl(path: Path, skip_bad: bool = False, stream=None) -> Iterator[Article]:
    """Stream a JSON Lines corpus, one ``{"id", "text"}`` object a line.

    Raises:
        InputError: A line is not such an object, naming file and line,
            unless ``skip_bad`` (then it is a warning and the line is skipped);
            or the file cannot be read (a corrupt gzip stream, an I/O error).
    """
    name = shown(path) if stream is None else "<stdin>"
    if stream is None and not _check_regular(path):
        return  # empty (or a kernel's file reporting no size: never read)
    try:
        fh = _open_lines(path) if stream is None else stream
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
    limit = max_article_chars()
    with fh:
        lineno = 0
        try:
            for lineno, line in enumerate(_bounded_lines(fh, limit), 1):
                if line is not None and not line.strip():
                    continue
                try:
                    if line is None:
                        raise ValueError(_too_big("the line", limit))
                    obj = _json_loads(line)
                    if not isinstance(obj, dict):
                        raise ValueError("not a JSON object")
                    text = obj.get("text")
                    if not isinstance(text, str):
                        raise ValueError('"text" is missing or not a string')
                    aid = obj.get("id")
                    if aid is None or (isinstance(aid, str) and not aid.strip()):
                        aid = f"{Path(name).stem}:{lineno}"
                    if not isinstance(aid, (str, int)) or isinstance(aid, bool):
                        raise ValueError('"id" is not a string or number')
                    if len(str(aid)) > MAX_ID_CHARS:
                        # An id is copied into every IRI, provenance note and warning of its article.
                        raise ValueError(f'"id" is longer than {MAX_ID_CHARS} characters')
                except ValueError as exc:
                    msg = f"{name}:{lineno}: malformed JSON line ({exc})"
                    if skip_bad:
                        _skip(f"{Path(name).name}:{lineno}", "too big" if line is None else "malformed line",
                              msg + ", skipped")
                        continue
                    raise _refusal(msg, "malformed line") from None
                cleaned = clean_text(text)
                if not _has_words(cleaned):
                    _skip(f"{Path(name).name}:{lineno}", "empty", f"{name}:{lineno}: empty text, skipped")
                    continue
                if _RECORDS:
                    _note_read(f"{Path(name).name}:{lineno}")
                url = _field(obj.get("url"))
                yield Article(id=" ".join(sanitize(str(aid)).split()) or f"{Path(name).stem}:{lineno}",
                              text=cleaned, title=_field(obj.get("title"), 500) or _title_of(cleaned), url=url,
                              date=_field(obj.get("date"), 100) or _date_of(cleaned), source=f"{name}:{lineno}",
                              publisher=publisher_of(url, obj.get("source") or obj.get("publisher")))
        except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
            where = f"{name}:{lineno + 1}" if lineno else name
            kind = "corrupt or truncated gzip data" if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)) \
                else (exc.strerror or str(exc))
            raise InputError(f"{where}: cannot read ({kind})") from None


def _walk(folder: Path) -> Iterator[Path]:
    """Yield the article files below a folder, sorted, following no symlink loop.

    Unreadable folders, special files (FIFOs, devices, sockets) and broken
    symlinks named like articles are skipped with a warning; hidden entries
    and files of other types are skipped silently. A symlink (to a file or a
    folder) that leads outside ``folder`` is skipped with a warning: an
    unpacked archive of scraped pages must not read ``/`` or the user's own
    files into a graph and a page that may be shared (a file named on the
    command line is read wherever it is).
    """
    seen: set[tuple[int, int]] = set()
    try:
        root = folder.resolve()
    except (OSError, RuntimeError):
        root = folder
    stack = [folder]
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
        except OSError as exc:
            _skip(input_name(d, folder), "unreadable", f"{shown(d)}: cannot read folder ({exc.strerror or exc}), skipped")
            continue
        if (st.st_dev, st.st_ino) in seen:
            _warn(f"{shown(d)}: folder already visited (symlink loop), skipped")
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(d), key=lambda e: os.fsencode(e.name))
        except OSError as exc:
            _skip(input_name(d, folder), "unreadable", f"{shown(d)}: cannot list folder ({exc.strerror or exc}), skipped")
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            path = Path(e.path)
            try:
                if e.is_symlink() and not _inside(path, root):
                    if e.is_dir() or _kind(path) is not None:
                        _skip(input_name(path, folder), "outside the folder",
                              f"{shown(path)}: symlink leading outside {shown(folder)}, skipped "
                              "(name its target on the command line to read it)")
                    continue
                if e.is_dir():
                    subdirs.append(path)
                    continue
                if _kind(path) is None:
                    continue
                if e.is_file():
                    yield path
                elif e.is_symlink() and not path.exists():
                    _skip(input_name(path, folder), "unreadable", f"{shown(path)}: broken symlink or symlink loop, skipped")
                else:
                    _skip(input_name(path, folder), "not a file",
                          f"{shown(path)}: is {_KINDS.get(stat.S_IFMT(path.stat().st_mode), 'not a regular file')}"
                          ", skipped")
            except OSError as exc:
                _skip(input_name(path, folder), "unreadable", f"{shown(path)}: cannot read ({exc.strerror or exc}), skipped")
        stack.extend(reversed(subdirs))


def _inside(link: Path, root: Path) -> bool:
    """Return True if a symlink leads to a place inside ``root`` (a broken one counts as inside: it is reported)."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return True
    return target == root or target.is_relative_to(root)


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def read_inputs(inputs: Iterable[str | os.PathLike], skip_bad: bool = False, stdin=None) -> Iterator[Article]:
    """Yield the articles of every input, in order: files, folders (recursive), corpora, ``-``.

    A file named on the command line that cannot be read is an error; a
    file found in a folder that cannot be read is skipped with a warning.
    An article whose identifier was already used gets ``~2``, ``~3``...
    appended, with a warning, so two articles never share a node.

    Args:
        inputs: Paths of files or folders, or ``-`` for standard input
            (JSON Lines when its first character is ``{``, else one article).
        skip_bad: Skip unreadable files and malformed JSONL lines with a
            warning instead of stopping.
        stdin: Stream to read for ``-`` (``sys.stdin`` by default).

    Raises:
        InputError: A path is missing or unreadable, or a JSONL line is bad.
    """
    seen: dict[str, int] = {}
    for art in _read_all(inputs, skip_bad, stdin):
        n = seen.get(art.id, 0) + 1
        seen[art.id] = n
        if n > 1:
            new_id = f"{art.id}~{n}"
            while new_id in seen:
                n += 1
                new_id = f"{art.id}~{n}"
            seen[art.id] = n
            seen[new_id] = 1
            _warn(f"{art.source}: article id {shown(art.id)[:100]!r} used before; renamed {shown(new_id)[:100]!r}")
            art = dataclasses.replace(art, id=new_id)
        yield art


def _read_all(inputs, skip_bad: bool, stdin) -> Iterator[Article]:
    for raw in inputs:
        if isinstance(raw, str) and raw == "-":
            yield from _read_stdin(stdin or sys.stdin, skip_bad)
            continue
        path = Path(raw)
        try:
            exists, is_dir = path.exists(), path.is_dir()
        except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
            raise InputError(f"{shown(path)}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
        if not exists:
            what = "broken symlink or symlink loop" if path.is_symlink() else "no such file or folder"
            if skip_bad:
                _skip(input_name(path), "missing", f"{shown(path)}: {what}, skipped")
                continue
            raise InputError(f"{shown(path)}: {what}")
        if is_dir:
            files = _walk(path)
            root = path
        else:
            files = iter([path])
            root = None
        for f in files:
            try:
                if _kind(f) == "jsonl":
                    yield from read_jsonl(f, skip_bad=skip_bad)
                else:
                    art = read_text_file(f, root)
                    if art is not None:
                        if _RECORDS:
                            _note_read(input_name(f, root))
                        yield art
            except InputError as exc:
                if not skip_bad and (root is None or "malformed JSON" in str(exc)):
                    raise
                _skip(input_name(f, root), getattr(exc, "why", "unreadable"), f"{exc}, skipped")


class _Chained(io.RawIOBase):
    """A byte stream that gives ``head`` and then the rest of ``tail``."""

    def __init__(self, head: bytes, tail) -> None:
        self._head, self._tail = memoryview(head), tail

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._tail.read(len(b))
        b[:len(data)] = data
        return len(data)


def _read_stdin(stream, skip_bad: bool) -> Iterator[Article]:
    buffer = getattr(stream, "buffer", None)
    limit = max_article_chars()
    if buffer is None:
        data = stream.read(limit + 1).encode("utf-8", "surrogatepass")
    else:
        data = buffer.read(limit + 1)
    if len(data) > limit:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and buffer is not None:
            # A JSONL corpus of any size streams through, one bounded line at a time.
            rest = io.BufferedReader(_Chained(data, buffer))
            yield from read_jsonl(Path("stdin"), skip_bad=skip_bad,
                                  stream=io.TextIOWrapper(rest, encoding="utf-8-sig", errors="replace"))
            return
        raise InputError("<stdin>: " + _too_big("the input", limit))
    text = decode(data, "<stdin>")
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        yield from read_jsonl(Path("stdin"), skip_bad=skip_bad, stream=io.StringIO(text.lstrip("\ufeff")))
        return
    cleaned = clean_text(text)
    if not _has_words(cleaned):
        raise InputError("<stdin>: no text")
    yield Article(id="stdin", text=cleaned, title=_title_of(cleaned), date=_date_of(cleaned), source="<stdin>")
