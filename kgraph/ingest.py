"""Ingest: files, folders, HTML pages, JSONL corpora and standard input become Articles.

Text is decoded whatever its encoding (UTF-8, UTF-16 with a BOM, Latin-1 as
a last resort), HTML is reduced to its main text, and page debris
(breadcrumbs, repeated headlines, image file names, author boxes, copyright
lines) is removed before extraction. Inputs are read lazily, one article at
a time, so a corpus of any size streams through in bounded memory.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import InputError
from .model import Article

#: Suffixes read as plain text, as HTML, and as JSON Lines corpora.
TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


class IngestWarning(UserWarning):
    """A file or line was skipped or read in a fallback way."""


def _warn(msg: str) -> None:
    warnings.warn(msg, IngestWarning, stacklevel=3)


# ---------------------------------------------------------------- decoding

def decode(data: bytes, name: str = "<input>") -> str:
    """Decode bytes as text: BOMs honoured, UTF-8 first, then Latin-1 with a warning.

    Raises:
        InputError: The bytes look binary (NUL bytes outside UTF-16).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 despite its byte-order mark") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        _warn(f"{name}: not valid UTF-8; read as Windows-1252/Latin-1")
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


# ---------------------------------------------------------------- cleaning

_BREADCRUMB = re.compile(r"^\s*(home|start)\s*(»|>|/|›|\|)", re.I)
_IMAGE_LINE = re.compile(r"^\s*\S+\.(jpe?g|png|gif|webp|svg|bmp|tiff?)\s*$", re.I)
_COPYRIGHT = re.compile(r"^\s*(copyright\b|©|\(c\)\s*\d{4})", re.I)
_AUTHOR_BOX = re.compile(r"^\s*(about the author|share this( article)?|related (articles|posts)|read more|"
                         r"advertisement|subscribe( now)?|follow us( on .*)?)\s*:?\s*$", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Remove page debris and normalise line breaks, keeping paragraphs apart.

    Drops breadcrumb lines ("Home » ..."), image file names, "About The
    Author" and similar boxes, copyright lines, and any paragraph that
    repeats an earlier one (a headline or lead printed twice).
    """
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", ""))
    paragraphs = re.split(r"\n\s*\n", text)
    seen: set[str] = set()
    kept: list[str] = []
    for para in paragraphs:
        lines = [ln.rstrip() for ln in para.split("\n")]
        lines = [ln for ln in lines if ln.strip() and not (
            _BREADCRUMB.match(ln) or _IMAGE_LINE.match(ln) or _COPYRIGHT.match(ln) or _AUTHOR_BOX.match(ln))]
        if not lines:
            continue
        body = "\n".join(ln.strip() for ln in lines)
        key = re.sub(r"\s+", " ", body).casefold()
        if key in seen:
            continue  # the same headline or lead paragraph again
        seen.add(key)
        kept.append(body)
    return "\n\n".join(kept)


def _title_of(text: str) -> str | None:
    """Return the first line when it reads as a headline (short, no final full stop)."""
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= 200 and not first.endswith((".", "?", "!", ":", "\u201d", '"')) and len(first.split()) >= 2:
        return first
    return None


def html_to_text(html: str) -> tuple[str, str | None, str | None, str | None]:
    """Return (main text, title, url, date) of an HTML page; scripts, styles and boilerplate dropped."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = url = date = None
    if meta is not None:
        title, url, date = meta.title, meta.url, meta.date
    if not text.strip():
        # Pages too small for the main-text detector: keep all visible text.
        from lxml import html as lhtml
        try:
            tree = lhtml.document_fromstring(html)
        except Exception:
            return "", title, url, date
        for bad in tree.xpath("//script|//style|//noscript|//template"):
            bad.drop_tree()
        text = "\n\n".join(t.strip() for t in tree.itertext() if t.strip())
    return text, title, url, date


# ---------------------------------------------------------------- readers

def _article_id(path: Path, root: Path | None) -> str:
    if root is not None and root != path:
        rel = path.relative_to(root).as_posix()
    else:
        rel = path.name
    for suf in TEXT_SUFFIXES + HTML_SUFFIXES:
        if rel.lower().endswith(suf):
            return rel[: -len(suf)]
    return rel


def read_text_file(path: Path, root: Path | None = None) -> Article | None:
    """Read one .txt/.md/.html file as an article; None (with a warning) when it holds no text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    raw = decode(data, str(path))
    title = url = date = None
    if path.suffix.lower() in HTML_SUFFIXES:
        raw, title, url, date = html_to_text(raw)
    text = clean_text(raw)
    if not text.strip():
        _warn(f"{path}: empty, skipped")
        return None
    return Article(id=_article_id(path, root), text=text, title=title or _title_of(text),
                   url=url, date=date, source=str(path))


def _open_lines(path: Path):
    if path.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return path.open("r", encoding="utf-8", errors="replace")


def read_jsonl(path: Path, skip_bad: bool = False, stream=None) -> Iterator[Article]:
    """Stream a JSON Lines corpus, one ``{"id", "text"}`` object a line.

    Raises:
        InputError: A line is not such an object, naming file and line,
            unless ``skip_bad`` (then it is a warning and the line is skipped).
    """
    name = str(path) if stream is None else "<stdin>"
    try:
        fh = _open_lines(path) if stream is None else stream
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                    if not isinstance(obj, dict):
                        raise ValueError("not a JSON object")
                    text = obj.get("text")
                    if not isinstance(text, str):
                        raise ValueError('no "text" string')
                    aid = obj.get("id", f"{Path(name).stem}:{lineno}")
                    if not isinstance(aid, (str, int)) or isinstance(aid, bool):
                        raise ValueError('"id" is not a string or number')
                except ValueError as exc:
                    msg = f"{name}:{lineno}: malformed JSON line ({exc})"
                    if skip_bad:
                        _warn(msg + ", skipped")
                        continue
                    raise InputError(msg) from None
                meta = {k: obj.get(k) if isinstance(obj.get(k), str) else None for k in ("title", "url", "date")}
                cleaned = clean_text(text)
                if not cleaned.strip():
                    _warn(f"{name}:{lineno}: empty text, skipped")
                    continue
                yield Article(id=str(aid), text=cleaned, source=f"{name}:{lineno}", **meta)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise InputError(f"{name}: cannot read ({exc})") from None


def _walk(folder: Path) -> Iterator[Path]:
    """Yield the article files below a folder, sorted, following no symlink loop."""
    seen: set[tuple[int, int]] = set()
    stack = [folder]
    while stack:
        d = stack.pop()
        try:
            st = d.stat()
        except OSError as exc:
            _warn(f"{d}: cannot read folder ({exc.strerror or exc}), skipped")
            continue
        if (st.st_dev, st.st_ino) in seen:
            _warn(f"{d}: folder already visited (symlink loop), skipped")
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            _warn(f"{d}: cannot list folder ({exc.strerror or exc}), skipped")
            continue
        subdirs = []
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                if e.is_dir():
                    subdirs.append(Path(e.path))
                elif e.is_file() and _kind(Path(e.path)) is not None:
                    yield Path(e.path)
            except OSError:
                continue
        stack.extend(reversed(subdirs))


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

    Args:
        inputs: Paths of files or folders, or ``-`` for standard input
            (JSON Lines when its first character is ``{``, else one article).
        skip_bad: Skip unreadable files and malformed JSONL lines with a
            warning instead of stopping.
        stdin: Stream to read for ``-`` (``sys.stdin`` by default).

    Raises:
        InputError: A path is missing or unreadable, or a JSONL line is bad.
    """
    for raw in inputs:
        if str(raw) == "-":
            yield from _read_stdin(stdin or sys.stdin, skip_bad)
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
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
                        yield art
            except InputError as exc:
                if not skip_bad and (root is None or "malformed JSON" in str(exc)):
                    raise
                _warn(f"{exc}, skipped")


def _read_stdin(stream, skip_bad: bool) -> Iterator[Article]:
    buffer = getattr(stream, "buffer", None)
    data = buffer.read() if buffer is not None else stream.read().encode("utf-8", "surrogatepass")
    text = decode(data, "<stdin>")
    if text.lstrip().startswith("{"):
        yield from read_jsonl(Path("stdin"), skip_bad=skip_bad, stream=io.StringIO(text))
        return
    cleaned = clean_text(text)
    if not cleaned.strip():
        raise InputError("<stdin>: no text")
    yield Article(id="stdin", text=cleaned, title=_title_of(cleaned), source="<stdin>")
