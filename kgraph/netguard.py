"""No network from a process that only reads files: an audit hook that refuses Internet sockets.

``kgraph query``, ``view`` and ``validate`` and the endpoint's query workers
never need the network; whatever a query, a graph file or a parser library
tries (rdflib's SERVICE, a JSON-LD ``@context`` URL, an XML external
entity), the process cannot resolve a name or connect to an Internet
address once :func:`forbid_network` ran. Python's audit hooks cannot be
removed: the hook stays inert until a command enters :func:`no_network`
(or a dedicated worker calls :func:`forbid_network`), and library code
another program imports never turns it on. Native
code (Oxigraph) opens sockets without Python: the query gate
(:mod:`kgraph.sparql_guard`) keeps such queries from Oxigraph.
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
    try:
        yield
    finally:
        _ACTIVE -= 1
