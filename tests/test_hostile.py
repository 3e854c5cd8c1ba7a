"""Broken and hostile input end to end: clear messages, right exit status, nothing lost, run or fetched.

The inputs come from :mod:`tests.hostile`. Most cases run the command line
in-process (the spaCy pipeline loads once); the signal and traceback tests
run ``python -m kgraph`` as a real subprocess.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset

from kgraph.cli import main

from .hostile import BAD_INPUTS, FLAG, GOOD, PAYLOADS, URLS, write_hostile_corpus

ROOT = Path(__file__).resolve().parent.parent
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _cli(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        pytest.fail("traceback:\n" + "".join(traceback.format_exception(result.exception)))
    return result


def _messages(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    for line in lines:
        assert line.startswith(("Error: ", "Warning: ")), f"not a one-line message: {line!r}\n{stderr}"
    return lines


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("graph.*"))}


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp")) if folder.exists() else []


@pytest.fixture()
def previous(tmp_path) -> Path:
    """An output folder holding a previous graph and page (stand-in bytes: they must survive failures)."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# previous graph\n", encoding="utf-8")
    (out / "graph.html").write_text("<!-- previous page -->\n", encoding="utf-8")
    return out


#: Bad inputs slow to build (one very long line of text to parse); tests/test_ingest.py reads one in the default run.
SLOW_CASES = {"jsonl-enormous-line"}


@pytest.mark.parametrize("case", [pytest.param(c, marks=pytest.mark.slow) if c.id in SLOW_CASES else c for c in BAD_INPUTS],
                         ids=[c.id for c in BAD_INPUTS])
def test_bad_input(case, tmp_path, previous):
    if IS_ROOT and not case.root_ok:
        pytest.skip("runs as root: file permissions do not stop root (see test_unreadable_file_in_folder_*)")
    src = tmp_path / "in"
    src.mkdir()
    args = case.make(src)
    if "--output" not in args:
        args += ["--output", str(previous)]
    before = _snapshot(previous)
    result = _cli("build", "--quiet", *args)
    lines = _messages(result.stderr)
    assert result.exit_code == case.status, result.stderr + result.stdout
    if case.message == r"^$":
        assert lines == [], result.stderr
    else:
        assert any(re.search(case.message, line) for line in lines), f"{case.message!r} not in:\n{result.stderr}"
    if case.status == 1:
        assert lines and lines[-1].startswith("Error: ")
        assert _snapshot(previous) == before, "a failed build touched the previous graph"
    else:
        ds = Dataset().parse(previous / "graph.ttl", format="turtle")
        assert len(ds) > 0
        assert "<!-- previous page -->" not in (previous / "graph.html").read_text(encoding="utf-8")
    assert _temps(previous) == []


def test_unreadable_file_in_folder_is_skipped_with_warning(tmp_path, monkeypatch):
    """chmod 000 does not stop root, so the permission error is simulated for one file."""
    from kgraph.sources import ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "locked.txt").write_text(GOOD, encoding="utf-8")
    real = Path.open

    def locked_open(self, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ingest.Path, "open", locked_open)
    result = _cli("build", "--quiet", str(corpus), "--output", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert _messages(result.stderr) == [f"Warning: {corpus / 'locked.txt'}: cannot read (Permission denied), skipped"]
    # Named on the command line, the same file is an error.
    result = _cli("build", "--quiet", str(corpus / "locked.txt"), "--output", str(tmp_path / "out2"))
    assert result.exit_code == 1
    assert _messages(result.stderr) == [f"Error: {corpus / 'locked.txt'}: cannot read (Permission denied)"]


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their permissions")
def test_unreadable_file_in_folder_chmod(tmp_path):
    case = next(c for c in BAD_INPUTS if c.id == "folder-unreadable-file")
    args = case.make(tmp_path)
    result = _cli("build", "--quiet", *args, "--output", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert any(re.search(case.message, line) for line in _messages(result.stderr))


# ---------------------------------------------------------------- hostile articles

@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """Build the hostile corpus once with sockets disabled; return (output folder, corpus paths, result)."""
    src = tmp_path_factory.mktemp("hostile-src")
    paths = write_hostile_corpus(src)
    out = tmp_path_factory.mktemp("hostile-out")
    attempts = []

    def refuse(self, address, *a, **kw):
        attempts.append(address)
        raise OSError("network disabled by the test")

    mp = pytest.MonkeyPatch()
    mp.setattr(socket.socket, "connect", refuse)
    mp.setattr(socket.socket, "connect_ex", refuse)
    mp.setattr(socket, "create_connection", lambda *a, **kw: refuse(None, a))
    try:
        result = _cli("build", "--quiet", *map(str, paths.values()), "--output", str(out))
    finally:
        mp.undo()
    return out, paths, result, attempts


def test_hostile_corpus_builds(hostile_build):
    out, _paths, result, _ = hostile_build
    assert result.exit_code == 0, result.stderr
    _messages(result.stderr)  # warnings only, one line each
    assert "articles: " in result.stdout


def test_nothing_is_fetched(hostile_build):
    *_, attempts = hostile_build
    assert attempts == [], f"the build tried to connect to {attempts}"


def test_hostile_graph_reparses(hostile_build):
    out, *_ = hostile_build
    data = (out / "graph.ttl").read_bytes()
    data.decode("utf-8")  # valid UTF-8: no lone surrogate got through
    ds = Dataset().parse(data=data, format="turtle")
    assert len(ds) > 0
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 0


def test_hostile_text_reaches_the_graph_as_data(hostile_build):
    """The payloads are kept as text (escaped where shown), not dropped or interpreted."""
    out, *_ = hostile_build
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Maria Kovacs" in ttl
    assert "window.__pwned=1" in ttl  # the evidence sentences keep what the article said


def test_page_holds_no_live_payload(hostile_build, seed_build):
    """Static check; the browser test runs the page. No payload markup appears unescaped in the page."""
    out, *_ = hostile_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    seed_page = (seed_build[1] / "graph.html").read_text(encoding="utf-8")
    for key, payload in PAYLOADS.items():
        if "<" in payload:
            assert payload not in page, f"payload {key} appears raw in the page"
    # Exactly the page's own script tags: none came from an article.
    assert page.count("<script") == seed_page.count("<script")
    assert page.lower().count("<img") == seed_page.lower().count("<img")
    assert "<svg onload" not in page and "<iframe" not in page.lower()


def test_script_and_style_content_never_becomes_text(tmp_path):
    from kgraph.sources.ingest import read_inputs

    paths = write_hostile_corpus(tmp_path)
    (art,) = list(read_inputs([paths["html"]]))
    assert "Antonio Guterres" in art.text
    for hidden in ("Vladimir Putin", "Joe Biden", "Xi Jinping", "Kim Jong Un", FLAG, "Home \u00bb"):
        assert hidden not in art.text


def test_same_input_gives_identical_bytes(hostile_build, tmp_path):
    out, paths, *_ = hostile_build
    again = tmp_path / "again"
    result = _cli("build", "--quiet", *map(str, paths.values()), "--output", str(again))
    assert result.exit_code == 0
    assert _snapshot(again) == _snapshot(out)
    # And once more into the same folder, from its cache.
    result = _cli("build", "--quiet", *map(str, paths.values()), "--output", str(again))
    assert result.exit_code == 0
    assert _snapshot(again) == _snapshot(out)


# ---------------------------------------------------------------- hostile queries

HOSTILE_QUERIES = {
    "malformed": ("SELECT * WHERE { ?s ?p }", r"^Error: "),
    "update-insert": ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", r"^Error: "),
    "update-drop": ("DROP ALL", r"^Error: "),
    "update-load": ("LOAD <http://127.0.0.1:9/x.ttl>", r"^Error: "),
    "huge": ("SELECT * WHERE { " + " ".join(f"OPTIONAL {{ ?s{i} ?p ?o{i} }}" for i in range(2000)) + " } LIMIT 1",
             r"^Error: "),
    "deep-nesting": ("SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000, r"^Error: "),
    "binary-junk": ("\x00\x01\x02SELECT\ud800", r"^Error: "),
    "whitespace": ("  \n\t ", r"^Error: "),
}


def test_empty_query_is_a_usage_error(hostile_build):
    out, *_ = hostile_build
    result = _cli("query", "", "--graph", str(out / "graph.ttl"))
    assert result.exit_code == 2  # click's usage error: its usage lines, then one Error: line
    assert result.stderr.strip().splitlines()[-1].startswith("Error: ")


@pytest.mark.parametrize("name", sorted(HOSTILE_QUERIES))
def test_hostile_query_is_one_line_error(name, hostile_build):
    out, *_ = hostile_build
    text, pattern = HOSTILE_QUERIES[name]
    graph = out / "graph.ttl"
    before = graph.read_bytes()
    result = _cli("query", text, "--graph", str(graph))
    lines = _messages(result.stderr)
    assert result.exit_code == 1, result.stdout[:500]
    assert len(lines) == 1 and re.search(pattern, lines[0]), result.stderr
    assert graph.read_bytes() == before


@pytest.mark.parametrize("query", [
    pytest.param("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", id="service"),
    pytest.param("SELECT * FROM <http://127.0.0.1:9/remote.ttl> WHERE { ?s ?p ?o }", id="from-remote"),
    pytest.param("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", id="from-local-file"),
])
def test_query_reaches_nothing(query, hostile_build, monkeypatch):
    out, *_ = hostile_build
    attempts = []

    def refuse(self, address, *a, **kw):
        attempts.append(address)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    opened = []
    real_open = open

    def spy_open(file, *a, **kw):
        if str(file) == "/etc/passwd":
            opened.append(file)
        return real_open(file, *a, **kw)

    monkeypatch.setattr("builtins.open", spy_open)
    result = _cli("query", query, "--graph", str(out / "graph.ttl"))
    _messages(result.stderr)
    assert attempts == [], f"the query tried to connect to {attempts}"
    assert opened == [], "the query read a local file"
    assert result.exit_code in (0, 1)


def test_query_graph_is_a_folder(tmp_path):
    result = _cli("query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(tmp_path))
    assert result.exit_code == 1
    assert len(_messages(result.stderr)) == 1


def test_query_graph_is_binary(tmp_path):
    g = tmp_path / "graph.ttl"
    g.write_bytes(b"\x89PNG\x00\x01\xff\xfe" * 100)
    result = _cli("query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(g))
    assert result.exit_code == 1
    assert len(_messages(result.stderr)) == 1


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["query", "--list"], ["validate"]], ids=["query-list", "validate"])
def test_a_full_standard_output_is_one_error_line(command, tmp_path):
    # Before, a full disk under standard output (here /dev/full) ended every printing command in a traceback.
    g = tmp_path / "graph.ttl"
    g.write_text("<https://w3id.org/kgraph/id/person/Tova_Brenn> "
                 "<http://www.w3.org/2000/01/rdf-schema#label> \"Tova Brenn\" .\n", encoding="utf-8")
    args = command + ([str(g)] if command == ["validate"] else [])
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "kgraph", *args], stdout=full, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert done.stderr == "Error: cannot write the output: No space left on device\n"


# ---------------------------------------------------------------- real processes: tracebacks and signals

def _default_sigint():
    # A test run started in the background inherits SIGINT ignored; a user's terminal does not.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kgraph(*args, **kw):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "kgraph", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=ROOT, env=env, preexec_fn=_default_sigint, **kw)


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _wait_until_parsing(proc, timeout: float = 120.0) -> None:
    """Wait until the build has loaded the spaCy pipeline (its memory passes 350 MB), then a little more."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None and _rss_mb(proc.pid) < 350:
        time.sleep(0.1)
    time.sleep(1.0)


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
@pytest.mark.parametrize("case_id", ["missing-path", "binary-png", "jsonl-malformed", "fifo", "name-with-newline"])
def test_subprocess_messages_are_one_line(case_id, tmp_path):
    case = next(c for c in BAD_INPUTS if c.id == case_id)
    args = case.make(tmp_path)
    proc = _kgraph("build", "--quiet", *args, "--output", str(tmp_path / "out"))
    _out, err = proc.communicate(timeout=120)
    assert "Traceback" not in err
    lines = _messages(err)
    assert proc.returncode == case.status, err
    if case.message != r"^$":
        assert any(re.search(case.message, line) for line in lines), err


def _big_corpus(folder: Path, n: int = 300) -> Path:
    """A JSONL corpus that takes several seconds to build (varied sentences, not one text repeated)."""
    people = ["Anna Berg", "Tomas Ruiz", "Lena Ortiz", "Omar Haddad", "Yuki Sato", "Piotr Nowak", "Grace Obi"]
    orgs = ["the Ministry of Defence", "Reuters", "the United Nations", "the World Bank", "the Kremlin"]
    places = ["Kyiv", "Moscow", "Paris", "Berlin", "Seoul", "Nairobi", "Lima"]
    lines = []
    for i in range(n):
        sents = [f"{people[(i + j) % 7]}, a spokesperson for {orgs[(i * j) % 5]}, said on day {i} in "
                 f"{places[(i + 2 * j) % 7]} that talks with {people[(i + j + 3) % 7]} would continue." for j in range(12)]
        lines.append(json.dumps({"id": f"a{i}", "text": " ".join(sents)}))
    path = folder / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built_before(tmp_path_factory):
    """An output folder with a real earlier build, and a big corpus to kill builds on."""
    base = tmp_path_factory.mktemp("kill")
    (base / "small.txt").write_text(GOOD, encoding="utf-8")
    out = base / "out"
    proc = _kgraph("build", "--quiet", str(base / "small.txt"), "--output", str(out))
    _o, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    return out, _big_corpus(base)


@pytest.mark.slow
@pytest.mark.parametrize("sig,when", [
    pytest.param(signal.SIGINT, 0.3, id="SIGINT-at-startup"),
    pytest.param(signal.SIGINT, "parsing", id="SIGINT-while-parsing"),
    pytest.param(signal.SIGTERM, 1.5, id="SIGTERM-starting"),
    pytest.param(signal.SIGTERM, "parsing", id="SIGTERM-while-parsing"),
    pytest.param(signal.SIGKILL, "parsing", id="SIGKILL-while-parsing"),
])
def test_killed_build_leaves_previous_graph(sig, when, built_before, tmp_path):
    src_out, corpus = built_before
    out = tmp_path / "out"
    shutil.copytree(src_out, out)
    before = _snapshot(out)
    proc = _kgraph("build", "--quiet", str(corpus), "--output", str(out))
    if when == "parsing":
        _wait_until_parsing(proc)
    else:
        time.sleep(when)
    if proc.poll() is not None:
        pytest.fail(f"the build finished before the signal: make the corpus bigger ({proc.communicate()[1]})")
    proc.send_signal(sig)
    _o, err = proc.communicate(timeout=120)
    assert _snapshot(out) == before, "the previous graph or page changed"
    if sig == signal.SIGKILL:
        assert proc.returncode == -signal.SIGKILL
    elif sig == signal.SIGTERM and proc.returncode == -signal.SIGTERM and when != "parsing":
        # Killed while Python was still importing, before kgraph's handler existed: nothing was written yet.
        assert err == "" and _temps(out) == []
    elif sig == signal.SIGINT and when != "parsing" and "Traceback" in err:
        pytest.fail("Ctrl-C while importing printed a traceback:\n" + err[-800:])
    else:
        assert proc.returncode == 128 + sig, err
        assert "Traceback" not in err
        lines = _messages(err)
        assert len(lines) == 1 and re.search("earlier outputs are unchanged|nothing was written", lines[0]), err
        assert _temps(out) == []
    # The next build works, replaces both outputs together, and leaves no temporary file.
    proc = _kgraph("build", "--quiet", str(corpus), "--output", str(out))
    _o, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    after = _snapshot(out)
    assert after["graph.ttl"] != before["graph.ttl"] and after["graph.html"] != before["graph.html"]
    assert _temps(out) == []


@pytest.mark.parametrize("handler, code", [("_on_interrupt", 130), ("default_int_handler", -signal.SIGINT)])
def test_ctrl_c_inside_exec_code_keeps_the_exit_code(handler, code, tmp_path):
    """Ctrl-C landing in exec()'d code (how dataclasses build methods) still exits 130 under ``python -m``."""
    # default_int_handler is the counter-example: CPython then replaces the chosen exit code by
    # death by SIGINT, which is why kgraph raises its own KeyboardInterrupt subclass.
    (tmp_path / "ctrlc_probe.py").write_text(
        "import os, signal, sys\n"
        "from kgraph import cli\n"
        f"signal.signal(signal.SIGINT, getattr(cli, {handler!r}, None) or signal.default_int_handler)\n"
        "try:\n"
        "    exec('import os, signal\\nos.kill(os.getpid(), signal.SIGINT)\\nfor _ in range(10**6): pass')\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n"
    )
    proc = subprocess.run([sys.executable, "-m", "ctrlc_probe"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, preexec_fn=_default_sigint)
    assert proc.returncode == code, proc.stderr


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
def test_stale_temp_files_of_dead_builds_are_removed(built_before, tmp_path):
    """What SIGKILL leaves (a temporary file of a dead process) goes at the next write; live ones stay."""
    src_out, _corpus = built_before
    out = tmp_path / "out"
    shutil.copytree(src_out, out)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".graph.ttl.{dead.pid}.abc123.tmp"
    stale.write_text("half a graph", encoding="utf-8")
    live = out / f".graph.ttl.{os.getppid()}.def456.tmp"
    live.write_text("another build's file", encoding="utf-8")
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    result = _cli("build", "--quiet", str(tmp_path / "a.txt"), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert not stale.exists()
    assert live.exists()


@pytest.mark.slow  # real processes and signals, or a big corpus: run by .ci/run (--run-slow)
def test_ctrl_c_on_query_is_one_line(hostile_build):
    out, *_ = hostile_build
    proc = _kgraph("query", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
                   "--graph", str(out / "graph.ttl"))
    time.sleep(6)
    if proc.poll() is not None:
        pytest.skip("the query finished before the signal")
    proc.send_signal(signal.SIGINT)
    _o, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert _messages(err) in (["Error: interrupted; earlier outputs are unchanged"],
                              ["Error: interrupted while starting; nothing was written"])
