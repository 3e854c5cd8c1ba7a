"""Read a small file a user hands kgraph (a corrections file, a gold file, a query file) without trusting it.

Whatever the file is, reading it ends in the document or in one error of the
caller's class (a :class:`~kgraph.core.errors.KGraphError`): a FIFO or a
device (``/dev/zero``) is refused before it is opened, so reading can neither
block nor grow without end; a file over :data:`MAX_BYTES` is refused; JSON
nested deeper than Python's recursion limit and integers too long to convert
(``1`` followed by 100,000 digits) are errors, not tracebacks.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

#: Largest JSON document read (bytes): a corrections file of 100,000 items is about 6 MB.
MAX_BYTES = 64 << 20

_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


#: Leading bytes of file kinds a user may hand kgraph by mistake, and what each is.
MAGIC = (
    (b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)"),
    (b"\x1f\x8b", "gzip-compressed"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"), (b"BZh", "bzip2-compressed"), (b"\xfd7zXZ\x00", "xz-compressed"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document"), (b"SQLite format 3\x00", "an SQLite database"),
)


def binary_kind(head: bytes) -> str | None:
    """Return what a file starting with ``head`` is when its leading bytes name a binary kind, else None."""
    for magic, what in MAGIC:
        if head.startswith(magic):
            return what
    return None


def regular_file(path, error: type[Exception], what: str) -> Path:
    """Return ``path`` when it names a regular file (links followed); else raise ``error`` saying what it is.

    Raises:
        error: ``"{what} not found: PATH"``, or ``"cannot read {what} PATH: it is a FIFO (named pipe), not a
            file"`` (a folder, a device, a socket; a link to one), or the reason it cannot be looked at.
    """
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        raise error(f"{what} not found: {p}") from None
    except (OSError, ValueError) as exc:  # a loop of links, a name too long, a NUL
        raise error(f"cannot read {what} {p}: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(mode):
        raise error(f"cannot read {what} {p}: it is {_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, "
                    "not a file")
    return p


def read_text(path, error: type[Exception], what: str, limit: int | None = None) -> str:
    """Return the UTF-8 text of a regular file of at most ``limit`` bytes (default :data:`MAX_BYTES`).

    Raises:
        error: ``"{what} not found: PATH"``; ``"cannot read {what} PATH: ..."`` for anything
            else (not a regular file, too large, unreadable, not UTF-8).
    """
    limit = MAX_BYTES if limit is None else limit
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        raise error(f"{what} not found: {p}") from None
    except OSError as exc:
        raise error(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise error(f"cannot read {what} {p}: it is {_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, "
                    "not a file")
    try:
        with p.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise error(f"cannot read {what} {p}: it is larger than {limit:,} bytes")
    # A byte-order mark says the encoding: Excel's "Unicode text" and PowerShell's files are UTF-16 (the mark of
    # UTF-32 LE starts as UTF-16 LE's does, so it is tried first).
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise error(f"cannot read {what} {p}: it starts as {encoding.upper()} but is not ({exc.reason} at "
                            f"byte {exc.start + len(bom):,})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"cannot read {what} {p}: it is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                    f"{exc.start:,}: a spreadsheet's or an old editor's own encoding); save it as UTF-8") from None


#: Byte-order marks and the encodings they mark (UTF-32 first: its little-endian mark begins with UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def loads(text: str, error: type[Exception], source: str):
    """Return the parsed JSON of ``text``.

    Raises:
        error: ``"{source}: not valid JSON (...)"``, with line and column when the syntax is wrong.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise error(f"{source}: not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # an integer of more digits than Python converts
        from kgraph.core.errors import in_own_words

        raise error(f"{source}: not valid JSON ({in_own_words(str(exc).splitlines()[0])[:200]})") from None


def sha256_file(path) -> str | None:
    """Return the SHA-256 hex digest of a regular file, read a megabyte at a time; None for anything else.

    A FIFO would block and ``/dev/zero`` never end, so neither is read; an unreadable file is None too.
    """
    import hashlib
    import os

    h = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()
