"""A corpus of hostile inputs, shared by the ingest, CLI and browser tests.

Two kinds:

* **hostile articles** (:func:`hostile_articles`, :func:`write_hostile_corpus`):
  readable news-like text whose names, sentences, titles and URLs carry
  markup, script, SPARQL and Turtle-breaking payloads. Built into a graph
  and a page, nothing of them may run (``window.__pwned`` stays unset),
  break the RDF, or be fetched.
* **bad inputs** (:data:`BAD_INPUTS`): files, folders and streams that are
  broken in themselves (binary, wrong encodings, corrupt gzip, malformed
  JSONL, FIFOs, symlink loops ...), each with the exit status and the
  one-line message ``kgraph build`` must give.

Generated at test time into a temporary folder: nothing big is committed.
Run ``python -m tests.hostile OUTDIR`` to write the corpus for a manual look.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: The flag every script payload sets; a safe page leaves it undefined.
FLAG = "__pwned"

#: Payloads that must stay text wherever they are shown.
PAYLOADS = {
    "script": f"<script>window.{FLAG}=1</script>",
    "img-onerror": f"<img src=x onerror=window.{FLAG}=1>",
    "svg-onload": f'"><svg onload=window.{FLAG}=1>',
    "close-script": f"</script><script>window.{FLAG}=1</script>",
    "close-title": f"</title><script>window.{FLAG}=1</script>",
    "iframe-srcdoc": f"<iframe srcdoc=\"<script>parent.{FLAG}=1</script>\"></iframe>",
    "js-url": f"javascript:window.{FLAG}=1",
    "template-literal": f"${{window.{FLAG}=1}}",
    "attr-break": f"' onmouseover='window.{FLAG}=1' x='",
    "html-comment": f"<!-- --><script>window.{FLAG}=1</script>",
    "sparql": "} ; DROP ALL ; INSERT DATA { <x:a> <x:b> <x:c> } #",
    "turtle-quotes": '"""\'\'\' \\" \\\\ \\u0022 . <x:s> <x:p> "o" .',
    "turtle-newline": "Line one\nLine two\r\n\t<x:s> <x:p> <x:o> .",
    "json-break": '"}]}, {"id": 999, "label": "injected',
}

#: URLs that appear in article text; nothing may fetch them.
URLS = ("http://127.0.0.1:9/never-fetch", "https://example.invalid/track.png", "http://169.254.169.254/latest/")


def hostile_articles() -> list[dict]:
    """Return JSONL-style article dicts whose names, sentences, titles and URLs carry every payload.

    Each payload sits next to real names in sentences the extractor turns
    into relations ("X, spokesperson for Y"), so it reaches entity labels,
    evidence sentences and tooltips, not only the raw text.
    """
    arts = []
    for i, (key, payload) in enumerate(sorted(PAYLOADS.items())):
        text = (f"Maria Kovacs {payload}, spokesperson for the Ministry of Defence, said on Monday in Berlin "
                f"that talks would continue.\n\n"
                f"Kremlin adviser Yuri {payload} Petrov met German Chancellor Olaf Scholz in Moscow.\n\n"
                f"The report is at {URLS[i % len(URLS)]} and {payload}.")
        arts.append({"id": f"hostile-{key}", "title": f"{payload} headline", "url": PAYLOADS["js-url"]
                     if key == "js-url" else URLS[i % len(URLS)], "date": payload[:40], "text": text})
    long_name = "Alexander " + "Verylongname" * 400 + " Smith"
    arts.append({"id": "long-name", "text": f"{long_name}, spokesperson for the Ministry of Defence, spoke in Paris."})
    arts.append({"id": "rtl-zero-width",
                 "text": "Vladi\u200bmir Pu\u200btin met \u202eRecep Erdogan\u202c in Ankara. "
                         "\u05d1\u05e0\u05d9\u05de\u05d9\u05df \u05e0\u05ea\u05e0\u05d9\u05d4\u05d5 spoke in Jerusalem."})
    arts.append({"id": "controls", "text": "Angela\x00 Merkel\x07 visited\x1b[31m Paris\x7f with Emmanuel\x85 Macron."})
    arts.append({"id": "surrogates", "text": "Boris \ud800Johnson met Joe Biden\udfff in London."})
    arts.append({"id": "<script>id</script>\n\"quoted\"", "text": "Olaf Scholz spoke in Hamburg."})
    return arts


def write_hostile_corpus(folder: Path) -> dict[str, Path]:
    """Write the hostile articles as a JSONL corpus, an HTML page and a text file; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    arts = hostile_articles()
    jsonl = folder / "hostile.jsonl"
    # ensure_ascii keeps lone surrogates as \\ud800 escapes, as scrapers write them.
    jsonl.write_text("".join(json.dumps(a) + "\n" for a in arts), encoding="utf-8")
    page = folder / "hostile.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>Hostile page</title>"
        f"<script>window.{FLAG}=1; var s='Vladimir Putin spoke in Moscow';</script>"
        "<style>body::after{content:'Joe Biden visited Paris'}</style></head><body>"
        "<nav>Home \u00bb World</nav><article><h1>Talks in Geneva</h1>"
        "<p>Antonio Guterres, secretary-general of the United Nations, arrived in Geneva on Monday "
        "for talks with diplomats from several countries about the war.</p>"
        f"<p>He said the meeting {PAYLOADS['img-onerror']} was constructive and that a second round would follow "
        "next month, according to officials who spoke on condition of anonymity.</p>"
        f"<p><a href=\"{URLS[0]}\">Read more</a> <img src=\"{URLS[1]}\"></p>"
        "<noscript>Kim Jong Un spoke in Pyongyang.</noscript>"
        f"<script>document.write('Xi Jinping visited Beijing'); window.{FLAG}=2;</script>"
        "</article></body></html>", encoding="utf-8")
    text = folder / "hostile.txt"
    text.write_text("\n\n".join(a["text"] for a in arts[:4]), encoding="utf-8", errors="surrogatepass")
    return {"jsonl": jsonl, "html": page, "text": text}


# ---------------------------------------------------------------- bad inputs

GOOD = "Vladimir Putin, the president of Russia, met Kim Jong Un in Moscow on Monday.\n"


@dataclass(frozen=True)
class BadInput:
    """One broken input: how to make it, the arguments after ``kgraph build``, and what must happen.

    Attributes:
        id: Short readable name.
        make: Writes the input below a folder and returns the build arguments.
        status: Exit status ``kgraph build`` must give.
        message: A regular expression the one-line ``Error:``/``Warning:`` must match.
        root_ok: False when the case cannot be staged as root (permissions do not bind root).
    """

    id: str
    make: Callable[[Path], list[str]]
    status: int
    message: str
    root_ok: bool = True


def _file(name: str, data: bytes, extra: list[str] | None = None) -> Callable[[Path], list[str]]:
    def make(d: Path) -> list[str]:
        (d / name).write_bytes(data)
        return [str(d / name), *(extra or [])]
    return make


def _folder_with(name: str, data: bytes | None, extra: list[str] | None = None) -> Callable[[Path], list[str]]:
    """A folder with one good article and one bad entry (a file, or made by a callback)."""
    def make(d: Path) -> list[str]:
        f = d / "corpus"
        f.mkdir()
        (f / "good.txt").write_text(GOOD, encoding="utf-8")
        if data is not None:
            (f / name).write_bytes(data)
        return [str(f), *(extra or [])]
    return make


def _symlink_loop(d: Path) -> list[str]:
    f = d / "corpus"
    (f / "sub").mkdir(parents=True)
    (f / "good.txt").write_text(GOOD, encoding="utf-8")
    (f / "sub" / "back").symlink_to(f, target_is_directory=True)
    (f / "self.txt").symlink_to(f / "self.txt")
    return [str(f)]


def _fifo(d: Path) -> list[str]:
    os.mkfifo(d / "pipe.txt")
    return [str(d / "pipe.txt")]


def _fifo_in_folder(d: Path) -> list[str]:
    args = _folder_with("x", None)(d)
    os.mkfifo(d / "corpus" / "pipe.txt")
    return args


def _unreadable_in_folder(d: Path) -> list[str]:
    args = _folder_with("locked.txt", GOOD.encode())(d)
    os.chmod(d / "corpus" / "locked.txt", 0)
    return args


def _dir_as_output(d: Path) -> list[str]:
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "out-file").write_text("not a folder", encoding="utf-8")
    return [str(d / "a.txt"), "--output", str(d / "out-file")]


def _corrupt_gzip(d: Path) -> list[str]:
    good = gzip.compress(b"".join(json.dumps({"id": f"a{i}", "text": GOOD}).encode() + b"\n" for i in range(50)))
    (d / "corpus.jsonl.gz").write_bytes(good[: len(good) // 2] + b"\x00garbage" * 4)
    return [str(d / "corpus.jsonl.gz")]


def _lines(*lines: str) -> bytes:
    return "".join(line + "\n" for line in lines).encode("utf-8")


_OK_LINE = json.dumps({"id": "ok", "text": GOOD})
#: A page whose one element has 200,000 attributes (1.9 MB): libxml2 took minutes to parse it, five times over.
# 60,000 elements: trafilatura's time grows with their square (300,000 ran over five minutes).
_MANY_ELEMENTS = (f"<html><body><article><p>{GOOD}</p>" + "<p>a</p>" * 60_000 + "</article></body></html>").encode()
_MANY_ATTRIBUTES = ("<html><body><article " + " ".join(f"a{i}=x" for i in range(200_000)) + f"><p>{GOOD}</p>"
                    "</article></body></html>").encode()

#: The broken inputs ``kgraph build`` is run on; every one ends with a one-line message and this status.
BAD_INPUTS: tuple[BadInput, ...] = (
    BadInput("missing-path", lambda d: [str(d / "nope.txt")], 1, r"^Error: .*nope\.txt: no such file or folder$"),
    BadInput("empty-file", _file("empty.txt", b""), 1, r"^Warning: .*empty\.txt: empty, skipped$"),
    BadInput("whitespace-only", _file("blank.txt", b" \n\t\r\n \n"), 1, r"^Warning: .*blank\.txt: empty, skipped$"),
    BadInput("binary-png", _file("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), 1,
             r"^Error: .*image\.txt: looks like a PNG image, not text$"),
    BadInput("binary-random", _file("noise.txt", bytes((i * 7919) % 256 for i in range(4096))), 1,
             r"^Error: .*noise\.txt: looks like a binary file"),
    BadInput("pdf-named-txt", _file("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), 1,
             r"^Error: .*paper\.txt: looks like a PDF document, not text$"),
    BadInput("gzip-named-txt", _file("a.txt", gzip.compress(GOOD.encode())), 1,
             r"^Error: .*a\.txt: looks like gzip-compressed"),
    BadInput("invalid-utf8", _file("cp1252.txt", "Fran\u00e7ois Hollande met \u201cAngela Merkel\u201d in Paris.".encode("cp1252")),
             0, r"^Warning: .*cp1252\.txt: not valid UTF-8; read as Windows-1252/Latin-1$"),
    BadInput("latin1", _file("latin1.txt", "Jos\u00e9 Mu\u00f1oz met Fran\u00e7ois Hollande in Paris.".encode("latin-1")),
             0, r"^Warning: .*latin1\.txt: not valid UTF-8"),
    BadInput("utf16-bom", _file("utf16.txt", GOOD.encode("utf-16")), 0, r"^$"),
    BadInput("utf16-no-bom", _file("utf16le.txt", GOOD.encode("utf-16-le")), 0,
             r"^Warning: .*utf16le\.txt: no byte-order mark; read as UTF-16-LE$"),
    BadInput("utf16-broken", _file("utf16bad.txt", b"\xff\xfe" + GOOD.encode("utf-16-le") + b"\x00\xd8A\x00"), 0,
             r"^Warning: .*utf16bad\.txt: not valid UTF-16; undecodable bytes replaced"),
    BadInput("nul-bytes-late", _file("nul.txt", GOOD.encode() + b"the talks went on . " * 500 + b"Joe\x00Biden spoke in Paris.\x00"), 0, r"^$"),
    BadInput("control-chars", _file("ctrl.txt", "Angela\x07 Merkel\x1b[31m visited\x0c Paris\x7f.\x85\x9b".encode()), 0, r"^$"),
    BadInput("rtl-zero-width", _file("rtl.txt", "Vladi\u200bmir Pu\u200btin met \u202eRecep Erdogan\u202c in Ankara.".encode()),
             0, r"^$"),
    BadInput("html-scripts-only", _file("s.html", f"<html><script>window.{FLAG}=1</script><style>p{{}}</style></html>".encode()),
             1, r"^Warning: .*s\.html: empty, skipped$"),
    BadInput("html-garbage", _file("g.html", b"<<<>>><!--<![CDATA[<html</body>>" * 100), 1,
             r"^(Warning: .*g\.html: empty, skipped|Error: no articles found in the inputs \(kgraph reads .*\))$"),
    BadInput("html-many-attributes", _file("attrs.html", _MANY_ATTRIBUTES), 1,
             r"^Error: .*attrs\.html: an element of the page has over 1,000 attributes"),
    BadInput("folder-html-many-attributes", _folder_with("attrs.html", _MANY_ATTRIBUTES), 0,
             r"^Warning: .*attrs\.html: an element of the page has over 1,000 attributes.*, skipped$"),
    BadInput("html-many-elements", _file("many.html", _MANY_ELEMENTS), 1,
             r"^Error: .*many\.html: the page has 60,00\d elements, over the 50,000 the main-text finder reads"),
    BadInput("folder-html-many-elements", _folder_with("many.html", _MANY_ELEMENTS), 0,
             r"^Warning: .*many\.html: the page has 60,00\d elements.*, skipped$"),
    BadInput("jsonl-malformed", _file("bad.jsonl", _lines(_OK_LINE, "{oops", _OK_LINE)), 1,
             r"^Error: .*bad\.jsonl:2: malformed JSON line \(.*\)$"),
    BadInput("jsonl-malformed-skip-bad", _file("bad.jsonl", _lines(_OK_LINE, "{oops", "[1, 2]"), ["--skip-bad"]), 0,
             r"^Warning: .*bad\.jsonl:2: malformed JSON line \(.*\), skipped$"),
    BadInput("jsonl-text-not-string", _file("t.jsonl", _lines(json.dumps({"id": "1", "text": ["a", "b"]}))), 1,
             r"^Error: .*t\.jsonl:1: malformed JSON line \(\"text\" is missing or not a string\)$"),
    BadInput("jsonl-id-object", _file("i.jsonl", _lines(json.dumps({"id": {"x": 1}, "text": GOOD}))), 1,
             r"^Error: .*i\.jsonl:1: malformed JSON line \(\"id\" is not a string or number\)$"),
    BadInput("jsonl-deep-nesting", _file("deep.jsonl", _lines("[" * 100_000 + "]" * 100_000)), 1,
             r"^Error: .*deep\.jsonl:1: malformed JSON line \(nested too deeply\)$"),
    BadInput("jsonl-huge-int", _file("int.jsonl", _lines('{"id": ' + "9" * 5000 + ', "text": "x"}')), 1,
             r"^Error: .*int\.jsonl:1: malformed JSON line"),
    BadInput("jsonl-enormous-line", _file("big.jsonl", _lines(json.dumps({"id": "big", "text": "Anna Berg spoke in Paris. " + "the talks went on and on . " * 2500}))),
             0, r"^$"),
    BadInput("jsonl-lone-surrogates", _file("sur.jsonl", _lines('{"id": "s\\ud800", "text": "Boris \\udfffJohnson met Joe Biden in London."}')),
             0, r"^$"),
    BadInput("jsonl-duplicate-ids", _file("dup.jsonl", _lines(_OK_LINE, json.dumps({"id": "ok", "text": "Olaf Scholz spoke in Hamburg."}))),
             0, r"^Warning: .*dup\.jsonl:2: article id 'ok' used before; renamed 'ok~2'$"),
    BadInput("jsonl-empty-text", _file("e.jsonl", _lines(json.dumps({"id": "e", "text": "   "}))), 1,
             r"^Warning: .*e\.jsonl:1: empty text, skipped$"),
    BadInput("jsonl-gzip-corrupt", _corrupt_gzip, 1, r"^Error: .*corpus\.jsonl\.gz(:\d+)?: cannot read \(corrupt or truncated gzip data\)$"),
    BadInput("jsonl-not-gzip", _file("plain.jsonl.gz", _lines(_OK_LINE)), 1,
             r"^Error: .*plain\.jsonl\.gz: cannot read \(corrupt or truncated gzip data\)$"),
    BadInput("folder-binary-file", _folder_with("bad.txt", b"\x00\x01\x02\x03" * 100), 0,
             r"^Warning: .*bad\.txt: looks like a binary file, not text, skipped$"),
    BadInput("folder-unreadable-file", _unreadable_in_folder, 0, r"^Warning: .*locked\.txt: cannot read \(Permission denied\), skipped$",
             root_ok=False),
    BadInput("folder-symlink-loop", _symlink_loop, 0, r"(folder already visited \(symlink loop\)|self\.txt: broken symlink or symlink loop), skipped$"),
    BadInput("folder-fifo", _fifo_in_folder, 0, r"^Warning: .*pipe\.txt: is a FIFO \(named pipe\), skipped$"),
    BadInput("fifo", _fifo, 1, r"^Error: .*pipe\.txt: is a FIFO \(named pipe\), not a file of articles"),
    BadInput("char-device", lambda d: ["/dev/zero"], 1, r"^Error: /dev/zero: is a character device, not a file of articles"),
    BadInput("empty-folder", lambda d: [str(d)], 1, r"^Error: no articles found in the inputs \(kgraph reads \.txt, .* files; others are passed over\)$"),
    BadInput("output-is-a-file", _dir_as_output, 1, r"^Error: .*out-file is a file, not a folder$"),
    BadInput("name-with-newline", _file("evil\nname\x1b.txt", GOOD.encode()), 0, r"^$"),
    BadInput("undecodable-file-name", lambda d: _file(os.fsdecode(b"caf\xe9.txt"), GOOD.encode())(d), 0, r"^$"),
)


def main(argv: list[str]) -> None:  # pragma: no cover - a manual helper
    """Write the hostile corpus into a folder, for a manual look or a browser test."""
    out = Path(argv[0] if argv else "hostile-corpus")
    paths = write_hostile_corpus(out)
    print("\n".join(str(p) for p in paths.values()))


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])


def served(server) -> Iterator[int]:
    """Run an endpoint server in a thread for a fixture; yield its port, then shut it down."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(5)
