"""Atomic output: all outputs replaced together or none, no temporary file left, permissions kept."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from kgraph.core import atomic
from kgraph.core.errors import GraphError


def _temps(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_files_replaces_all(tmp_path):
    a, b = tmp_path / "graph.ttl", tmp_path / "graph.html"
    a.write_text("old a", encoding="utf-8")
    written = atomic.write_files({a: "new a", b: b"new b"})
    assert written == [a, b]
    assert a.read_text(encoding="utf-8") == "new a" and b.read_bytes() == b"new b"
    assert _temps(tmp_path) == []


def test_failure_while_writing_keeps_every_old_file(tmp_path, monkeypatch):
    a, b = tmp_path / "graph.ttl", tmp_path / "graph.html"
    a.write_text("old a", encoding="utf-8")
    b.write_text("old b", encoding="utf-8")
    real = os.fsync
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(fd)

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(GraphError, match=r"cannot write .*graph.html: No space left on device"):
        atomic.write_files({a: "new a", b: "new b"})
    assert a.read_text(encoding="utf-8") == "old a" and b.read_text(encoding="utf-8") == "old b"
    assert _temps(tmp_path) == []


def test_interrupt_while_writing_leaves_no_temp(tmp_path, monkeypatch):
    a = tmp_path / "graph.ttl"
    a.write_text("old", encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(a, "new")
    assert a.read_text(encoding="utf-8") == "old"
    assert _temps(tmp_path) == []


def test_new_file_gets_umask_permissions_and_old_mode_is_kept(tmp_path):
    new = atomic.write_text(tmp_path / "new.ttl", "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600
    old = tmp_path / "old.ttl"
    old.write_text("x", encoding="utf-8")
    old.chmod(0o640)
    atomic.write_text(old, "y")
    assert stat.S_IMODE(old.stat().st_mode) == 0o640


def test_folder_is_a_file(tmp_path):
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    with pytest.raises(GraphError, match="is a file, not a folder"):
        atomic.write_text(tmp_path / "out" / "graph.ttl", "x")


def test_target_is_a_folder(tmp_path):
    (tmp_path / "graph.ttl").mkdir()
    with pytest.raises(GraphError, match="cannot write"):
        atomic.write_text(tmp_path / "graph.ttl", "x")


def test_stale_temps_of_dead_processes_are_cleaned(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".graph.ttl.{dead.pid}.x1y2.tmp"
    stale.write_text("partial", encoding="utf-8")
    live = tmp_path / f".graph.ttl.{os.getppid()}.x1y2.tmp"
    live.write_text("another writer", encoding="utf-8")
    other = tmp_path / f".graph.html.{dead.pid}.x1y2.tmp"  # another target's: left to its own write
    other.write_text("partial", encoding="utf-8")
    atomic.write_text(tmp_path / "graph.ttl", "x")
    assert not stale.exists() and live.exists() and other.exists()


@pytest.mark.parametrize("via_link", [False, True])
def test_a_fifo_target_is_refused_and_left_in_place(tmp_path, via_link):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    target = fifo
    if via_link:
        target = tmp_path / "link.html"
        target.symlink_to(fifo)
    other = tmp_path / "graph.ttl"
    other.write_text("old", encoding="utf-8")
    with pytest.raises(GraphError, match=r"it is a FIFO \(named pipe\), not a regular file"):
        atomic.write_files({other: "new", target: "<html>"})
    assert stat.S_ISFIFO(os.stat(target).st_mode)  # not replaced by a regular file
    assert other.read_text(encoding="utf-8") == "old" and _temps(tmp_path) == []


def test_a_link_to_a_device_is_refused(tmp_path):
    # A link, not /dev/null itself: run as root before the fix, the rename would have replaced the device.
    (tmp_path / "graph.html").symlink_to(os.devnull)
    with pytest.raises(GraphError, match="it is a character device, not a regular file"):
        atomic.write_text(tmp_path / "graph.html", "x")
    assert (tmp_path / "graph.html").is_symlink()
