"""The README documents every command and option, and its transcripts still hold (as sqlite-utils tests its docs)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from kgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MARK = "<!-- transcript -->"


def _commands():
    ctx = click.Context(main)
    return [(name, main.get_command(ctx, name)) for name in main.list_commands(ctx)]


@pytest.mark.parametrize("name, command", _commands(), ids=[n for n, _ in _commands()])
def test_every_command_and_option_is_in_the_readme(name, command):
    assert f"kgraph {name}" in README, f"README does not show `kgraph {name}`"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert any(re.search(re.escape(o) + r"(?![\w-])", README) for o in param.opts), \
                f"README does not mention {param.opts[0]} of kgraph {name}"


def _command_paths(group=main, path=()):
    """Return the argument path of the kgraph command, of each command, and of each subcommand of a group."""
    out = [path]
    if isinstance(group, click.Group):
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            out += _command_paths(group.get_command(ctx, name), (*path, name))
    return out


@pytest.mark.parametrize("path", _command_paths(), ids=[" ".join(("kgraph", *p)) for p in _command_paths()])
def test_every_help_ends_with_an_example(path):
    """The text of ``--help`` as printed (before its options) ends with an example paragraph that runs kgraph."""
    from click.testing import CliRunner

    result = CliRunner().invoke(main, [*path, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    text = result.output.split("\nOptions:", 1)[0].rstrip()
    last = text.rsplit("\n\n", 1)[-1].strip()
    lines = [line.strip() for line in last.splitlines()]
    assert lines[0].startswith("Example") and any(line.startswith("kgraph ") for line in lines[1:]), \
        f"{' '.join(('kgraph', *path))} --help ends with no example: {last!r}"


def transcripts() -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Return the README's marked console blocks as (first command, [(command, expected lines)])."""
    out = []
    for m in re.finditer(re.escape(MARK) + r"\s*```console\n(.*?)```", README, flags=re.S):
        steps: list[tuple[str, list[str]]] = []
        pending = None
        for line in m.group(1).splitlines():
            if pending is not None:  # a command whose quotes span lines
                pending += "\n" + line
                try:
                    shlex.split(pending)
                except ValueError:
                    continue
                steps.append((pending, []))
                pending = None
            elif line.startswith("$ "):
                cmd = line[2:]
                try:
                    shlex.split(cmd)
                    steps.append((cmd, []))
                except ValueError:
                    pending = cmd
            elif steps:
                steps[-1][1].append(line)
        out.append((steps[0][0], steps))
    return out


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Return True when the lines match; a line '...' stands for any lines, '...' in a line for any text."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    pattern = ".*".join(re.escape(part) for part in expected[0].split("..."))  # '...' in a line: any text
    return bool(actual) and re.fullmatch(pattern, actual[0]) is not None and _matches(expected[1:], actual[1:])


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "seeds", d / "seeds")
    kgraph = Path(sys.executable).with_name("kgraph")
    subprocess.run([str(kgraph), "build", "seeds/", "--quiet"], cwd=d, check=True, capture_output=True)
    return d


def test_the_readme_has_transcripts():
    assert len(transcripts()) >= 3


@pytest.mark.parametrize("steps", [s for _, s in transcripts()], ids=[c[:40] for c, _ in transcripts()])
def test_readme_transcript(steps, workdir):
    kgraph = Path(sys.executable).with_name("kgraph")
    env = {**os.environ, "COLUMNS": "120"}
    for cmd, expected in steps:
        argv = shlex.split(cmd)
        assert argv[0] == "kgraph", f"transcripts run kgraph only: {cmd}"
        proc = subprocess.run([str(kgraph), *argv[1:]], cwd=workdir, env=env, capture_output=True, text=True,
                              timeout=300)
        actual = (proc.stdout + proc.stderr).splitlines()
        assert _matches(expected, actual), f"$ {cmd}\nexpected:\n" + "\n".join(expected) + "\ngot:\n" + "\n".join(actual)
