"""Atomic file output: write to a temporary file beside the target, then rename.

A build that fails or is killed part-way leaves every earlier output intact:
the real outputs are only ever replaced by a complete file, through
``os.replace``. Temporary files are named ``.NAME.PID.RANDOM.tmp``; they are
removed when writing fails or is interrupted, and a temporary file left by a
process that no longer runs (one killed with SIGKILL) is removed by the next
write to the same target.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path

from kgraph.core.errors import GraphError

_STALE = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp$")

_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Return True when two paths name one file: the same path once links are resolved, or one inode (a hard link).

    An output that names an input would replace what is still to be read (or what the user meant to keep)
    with the output: callers refuse it before they write.
    """
    try:
        if Path(a).resolve() == Path(b).resolve():
            return True
        return os.path.samefile(a, b)
    except (OSError, RuntimeError, ValueError):  # a missing file, a link loop, a NUL: not the same existing file
        return False


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write text as UTF-8 to ``path`` atomically; return the path."""
    return write_bytes(path, text.encode("utf-8"))


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write bytes to ``path`` atomically (temporary file, fsync, rename); return the path.

    Raises:
        GraphError: The folder cannot be created or written.
    """
    return write_files({path: data})[0]


def write_files(files: Mapping[str | os.PathLike, bytes | str]) -> list[Path]:
    """Write several files so that either all of them are replaced or none is.

    Every file is written to a temporary file first; only when all are
    complete are they renamed over their targets, with SIGINT and SIGTERM
    held back during the renames so an interrupt cannot leave a new graph
    next to an old page. Text is written as UTF-8.

    Raises:
        GraphError: A folder cannot be created or a file cannot be written.
    """
    targets = [Path(p) for p in files]
    temps: list[str] = []
    current = targets[0] if targets else None
    try:
        for target, data in zip(targets, files.values()):
            current = target
            payload = data.encode("utf-8") if isinstance(data, str) else data
            temps.append(_write_temp(target, payload))
        with _signals_held():
            for tmp, target in zip(temps, targets):
                current = target
                os.replace(tmp, target)
        temps = []
    except OSError as exc:
        raise GraphError(f"cannot write {current}: {exc.strerror or exc}") from None
    finally:
        for tmp in temps:
            _unlink(tmp)
    return targets


def _write_temp(target: Path, data: bytes) -> str:
    """Write data to a new temporary file beside target, with target's permissions; return its path."""
    try:
        if target.is_dir():
            raise IsADirectoryError(21, "is a folder", str(target))
        _refuse_special(target)
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise GraphError(f"cannot write {target}: {target.parent} is a file, not a folder") from None
    except OSError as exc:
        raise GraphError(f"cannot write {target}: {exc.strerror or exc}") from None
    clean_stale(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _refuse_special(target: Path) -> None:
    """Refuse a target that is (or links to) a FIFO, a device or a socket.

    The rename would put a regular file in its place: as root, ``--output /dev/null``
    would replace the system's /dev/null with a page.
    """
    try:
        mode = target.stat().st_mode
    except OSError:
        return  # absent (or a broken link): a new file is made
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise GraphError(f"cannot write {target}: it is {_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}, "
                         "not a regular file")


def _mode_for(target: Path) -> int:
    """Return the permissions the output should have: the old file's, else 0666 less the umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def clean_stale(target: str | os.PathLike) -> list[Path]:
    """Remove temporary files of ``target`` left by processes that no longer run; return them."""
    target = Path(target)
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for e in entries:
        m = _STALE.match(e.name)
        if m is None or m["name"] != target.name or _alive(int(m["pid"])):
            continue
        _unlink(e.path)
        removed.append(Path(e.path))
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or a name we did not make: leave it
    return True


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


@contextmanager
def _signals_held():
    """Hold SIGINT and SIGTERM back for the duration (main thread only; elsewhere a no-op)."""
    sigs = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, OSError, ValueError):
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
