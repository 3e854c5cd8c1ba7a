"""No network from a process that only reads files: an audit hook that refuses Internet sockets.

``kgraph query``, ``view`` and ``validate`` and the endpoint's query workers
never need the network; whatever a query, a graph file or a parser library
tries (rdflib's SERVICE, a JSON-LD ``@context`` URL, an XML external
entity), the process cannot resolve a name or connect to an Internet
address once :func:`forbid_network` ran. Python's audit hooks cannot be
removed: the hook stays inert until a command enters :func:`no_network`
(or a dedicated worker calls :func:`forbid_network`), and library code
another program imports never turns it on. Native code (Oxigraph) opens
sockets without Python: :func:`seal_process` shuts it out with a seccomp
filter in processes that are kgraph's alone (the ``kgraph`` command, the
endpoint's workers, the Oxigraph loader); elsewhere the query gate
(:mod:`kgraph.sparql.sparql_guard`) keeps such queries from Oxigraph.
"""

from __future__ import annotations

import socket
import sys
from contextlib import contextmanager

_INSTALLED = False
_ACTIVE = 0
_INET = (socket.AF_INET, socket.AF_INET6)


def _hook(event: str, args: tuple) -> None:
    if not _ACTIVE:
        return
    if event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
                 "urllib.Request"):
        raise PermissionError(f"network access is disabled in this kgraph process ({event})")
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        sock = args[0] if args else None
        if getattr(sock, "family", None) in _INET:
            raise PermissionError(f"network access is disabled in this kgraph process ({event})")


def _install() -> None:
    global _INSTALLED
    if not _INSTALLED:
        sys.addaudithook(_hook)
        _INSTALLED = True


def _running_as_command() -> bool:
    """Return True in a process started as the ``kgraph`` command (not a program importing kgraph)."""
    from kgraph.core.errors import STARTUP_HANDLERS

    return bool(STARTUP_HANDLERS)


def forbid_network() -> None:
    """Refuse name lookups and Internet connections in this process from now on (Unix sockets and pipes stay)."""
    global _ACTIVE
    _install()
    _ACTIVE += 1


@contextmanager
def no_network():
    """Refuse name lookups and Internet connections in this process while the block runs (a command's body)."""
    global _ACTIVE
    _install()
    _ACTIVE += 1
    if _running_as_command():
        seal_process()  # the process ends with the command: native code (Oxigraph) is shut out as well
    try:
        yield
    finally:
        _ACTIVE -= 1


# ---------------------------------------------------------------- native code: a seccomp filter

_ARCH = {  # machine -> (AUDIT_ARCH_*, __NR_socket, __NR_seccomp)
    "x86_64": (0xC000003E, 41, 317),
    "aarch64": (0xC00000B7, 198, 277),
}


def seal_process() -> bool:
    """Make this whole process unable to open Internet sockets, native code included (Linux seccomp).

    A filter refuses ``socket(AF_INET | AF_INET6, ...)`` with EACCES in every
    thread, now and later; Unix sockets and pipes stay. It cannot be undone,
    so only dedicated child processes call it (the endpoint's query workers
    and the Oxigraph loader). Returns False where seccomp is not available
    (another OS or architecture, a sandbox that forbids it); the query gate
    and :func:`forbid_network` still stand there.
    """
    import ctypes
    import platform
    import struct

    if not sys.platform.startswith("linux") or platform.machine() not in _ARCH:
        return False
    arch, nr_socket, nr_seccomp = _ARCH[platform.machine()]
    ld, jeq, ret = 0x20, 0x15, 0x06
    allow, deny = 0x7FFF0000, 0x00050000 | 13  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EACCES
    prog = [
        (ld, 0, 0, 4),                          # A = seccomp_data.arch
        (jeq, 0, 5, arch),                      # another ABI: allow (jump to the end)
        (ld, 0, 0, 0),                          # A = seccomp_data.nr
        (jeq, 0, 3, nr_socket),                 # not socket(): allow
        (ld, 0, 0, 16),                         # A = low 32 bits of args[0], the address family
        (jeq, 2, 0, int(socket.AF_INET)),       # AF_INET: deny
        (jeq, 1, 0, int(socket.AF_INET6)),      # AF_INET6: deny
        (ret, 0, 0, allow),
        (ret, 0, 0, deny),
    ]
    raw = b"".join(struct.pack("HBBI", *ins) for ins in prog)
    buf = ctypes.create_string_buffer(raw, len(raw))

    class _Fprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = _Fprog(len(prog), ctypes.cast(buf, ctypes.c_void_p))
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS: needed to filter without privileges
            return False
        # seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog): every thread of the process
        return libc.syscall(nr_seccomp, 1, 1, ctypes.byref(fprog)) == 0
    except (OSError, AttributeError):
        return False
