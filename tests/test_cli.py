"""The command line, end to end on the seed article."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kgraph.core.vocab import KG

from .conftest import SEED


def _kgraph(*args, **kw):
    return subprocess.run([sys.executable, "-m", "kgraph", *args], capture_output=True, text=True, **kw)


def _by_label(g, label):
    nodes = [s for s in g.subjects(RDFS.label, None) if str(g.value(s, RDFS.label)) == label]
    assert len(nodes) == 1, f"{label}: {nodes}"
    return nodes[0]


def test_seed_graph_has_the_key_facts(seed_build):
    _result, out = seed_build
    g = Graph().parse(out / "graph.ttl")
    putin, russia = _by_label(g, "Vladimir Putin"), _by_label(g, "Russia")
    kim, nk = _by_label(g, "Kim Jong Un"), _by_label(g, "North Korea")
    assert (putin, KG.leaderOf, russia) in g
    assert (kim, KG.leaderOf, nk) in g
    assert (putin, RDF.type, KG.Person) in g


def test_seed_graph_adviser_works_for_kremlin(seed_build):
    _result, out = seed_build
    g = Graph().parse(out / "graph.ttl")
    ushakov, kremlin = _by_label(g, "Yuri Ushakov"), _by_label(g, "Kremlin")
    assert (ushakov, KG.worksFor, kremlin) in g


def test_build_writes_page_without_remote_links(seed_build):
    _result, out = seed_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script src=" not in page and "<link " not in page
    assert "vis.Network" in page


def test_query_malformed_is_one_line_error(seed_build):
    _result, out = seed_build
    proc = _kgraph("query", "SELECT * WHERE { ?s ?p }", "--graph", str(out / "graph.ttl"))
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: ") and proc.stderr.count("\n") == 1


def test_missing_input_is_one_line_error(tmp_path):
    proc = _kgraph("build", str(tmp_path / "nope.txt"), "--output", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("Error: ") and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


GRAPH_COMMANDS = [("query", ["works-for"]), ("serve", None), ("push", None), ("view", []), ("validate", []),
                  ("review", [])]


@pytest.mark.parametrize("name, args", GRAPH_COMMANDS, ids=[n for n, _ in GRAPH_COMMANDS])
def test_every_graph_command_takes_the_graph_the_same_way(name, args, tmp_path):
    from click.testing import CliRunner

    from kgraph.cli import main

    command = main.get_command(None, name)
    params = {p.name: p for p in command.params}
    assert "graph" in params and params["graph"].param_type_name == "argument" and not params["graph"].required
    assert "--graph" in params["graph_option"].opts
    if args is None:  # starts a server or sends requests: the parameters are checked above
        return
    missing = str(tmp_path / "nope.ttl")
    for argv in ([name, *args, missing], [name, *args, "--graph", missing]):
        result = CliRunner().invoke(main, argv)
        assert result.exit_code == 1 and "nope.ttl" in result.output, (argv, result.output)
    result = CliRunner().invoke(main, [name, *args, missing, "--graph", str(tmp_path / "other.ttl")])
    assert result.exit_code == 2 and "give the graph once" in result.output


@pytest.mark.parametrize("args", [
    ["query", "people", "nothing.ttl", "--timeout", "inf"],
    ["query", "people", "nothing.ttl", "--timeout", "nan"],
    ["serve", "nothing.ttl", "--timeout", "nan"],
    ["build", "nothing.txt", "--min-confidence", "nan"],
    ["validate", "nothing.ttl", "--timeout", "1e400"],
])
def test_a_number_option_that_is_nan_or_infinite_is_a_usage_error(args):
    from click.testing import CliRunner

    from kgraph.cli import main

    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output  # click's usage error, as for any value out of range
    last = result.output.strip().splitlines()[-1]
    assert last.endswith("is not a finite number.") or "is not in the range" in last, result.output


def test_a_signal_a_library_reraised_as_its_own_error_still_exits_quietly(tmp_path, monkeypatch):
    """SIGTERM while spaCy imports: pydantic caught kgraph's exception and raised a SchemaError of its own."""
    import kgraph.build.pipeline as pipeline
    from kgraph import cli

    def interrupted(*_a, **_k):
        try:
            cli._on_signal(15, None)
        except BaseException as exc:  # noqa: BLE001 - what the library did
            raise RuntimeError(f"schema failed: {exc!r}") from None

    monkeypatch.setattr(cli, "_received", [])
    monkeypatch.setattr(pipeline, "build", interrupted)
    (tmp_path / "a.txt").write_text("Anna Keskula works for Orlin Motors.", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        cli.main.main(["build", str(tmp_path), "--output", str(tmp_path / "out")], prog_name="kgraph")
    assert exit_.value.code == 143
    # with no signal received, the same error is a bug and keeps its traceback
    monkeypatch.setattr(cli, "_received", [])
    monkeypatch.setattr(pipeline, "build", lambda *_a, **_k: (_ for _ in ()).throw(RuntimeError("a bug")))
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main.main(["build", str(tmp_path), "--output", str(tmp_path / "out")], prog_name="kgraph")


@pytest.mark.parametrize("command", [["query", "people", "nothing.ttl"], ["validate", "nothing.ttl"],
                                     ["serve", "nothing.ttl"], ["push", "nothing.ttl", "--endpoint", "http://x"]])
def test_a_timeout_past_a_week_is_a_usage_error_not_a_clock_overflow(command):
    from click.testing import CliRunner

    from kgraph.cli import main

    result = CliRunner().invoke(main, [*command, "--timeout", "99999999999"])
    assert result.exit_code == 2, result.output
    assert "not in the range" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("flag", ["--output", "--into"])
def test_an_empty_output_folder_is_an_error_not_the_working_folder(tmp_path, monkeypatch, flag):
    from click.testing import CliRunner

    from kgraph.cli import main

    art = tmp_path / "a.txt"
    art.write_text("Marta Quell works for Borvik Mills.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", str(art), flag, "", "--quiet"])
    assert result.exit_code == 1 and "output folder is empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
