"""The error hierarchy: every error a user can cause is a KGraphError.

The CLI prints ``Error: <message>`` for these and exits 1; anything else is a
bug and keeps its traceback.
"""

import logging
import re
import sys


class KGraphError(Exception):
    """Base class of the errors a user's input or environment can cause."""


class InputError(KGraphError):
    """An input file, folder or stream cannot be read as articles."""


class ModelError(KGraphError):
    """The spaCy pipeline cannot be loaded or lacks a needed component."""


class QueryError(KGraphError):
    """A SPARQL query is malformed or cannot be run."""


class GraphError(KGraphError):
    """A graph file cannot be read, or an output cannot be written."""


class ValidationError(KGraphError):
    """A graph does not conform to the shapes."""


class LimitError(KGraphError):
    """A step ran past its time limit or its memory ceiling (a hostile or huge input)."""


#: Python's refusal of a long integer, which tells the user to call a function of Python's they cannot reach.
_INT_DIGITS = re.compile(r"Exceeds the limit \((\d+) digits\) for integer string conversion"
                         r"(?:: value has (\d+) digits)?; use sys\.set_int_max_str_digits\(\) to increase the limit")


def in_own_words(text: str) -> str:
    """Return a message with Python's advice about long integers said as what the input holds."""

    def said(m: re.Match) -> str:
        digits = f"{int(m[2]):,} digits" if m[2] else "more digits"
        return f"an integer of {digits}, over the {int(m[1]):,} digits a number may have"

    return _INT_DIGITS.sub(said, text)


def one_line(exc: BaseException, limit: int = 300) -> str:
    """Return an exception's message as one line: every line of it, the quoted input cut, at most ``limit`` chars.

    rdflib puts the position on the first line and the reason on the next ("at line 2 of <>:" / "Bad syntax
    (newline found in string literal) at ^ in: ..."): the first line alone says where, not what.
    """
    text = in_own_words(" ".join(str(exc).split()))
    text = text.split(" at ^ in:", 1)[0]  # the parser's echo of the input: the user has the file
    if not text:
        return type(exc).__name__
    return text if len(text) <= limit else text[:limit - 1] + "…"


def quiet_startup_signals() -> None:
    """Make Ctrl-C and SIGTERM while the command line is still starting end with one line, no traceback.

    Called only when ``kgraph`` runs as a command, before its modules load;
    nothing has been written at that point, so exiting at once is safe. The
    command line replaces these handlers once it runs (see ``kgraph.cli``).
    """
    import os
    import signal
    import sys

    def stop(signum, frame):
        try:
            sys.stderr.write("Error: interrupted while starting; nothing was written\n")
            sys.stderr.flush()
        finally:
            os._exit(128 + signum)

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            if signal.getsignal(sig) in (signal.default_int_handler, signal.SIG_DFL):
                signal.signal(sig, stop)
        except (ValueError, OSError):  # not the main thread
            pass
    STARTUP_HANDLERS.append(stop)


class _OneLineLog(logging.Handler):
    """Write a log record as one ``Warning:`` line on standard error: its first line, controls escaped."""

    def emit(self, record):
        try:
            first = (record.getMessage().strip().splitlines() or [""])[0]
            shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in first)
            sys.stderr.write(f"Warning: {shown}\n")
        except Exception:  # noqa: BLE001 - a log line must never end the command
            pass


def quiet_library_logs() -> None:
    """Make the libraries' log records one ``Warning:`` line each on standard error, never a traceback.

    rdflib logs every literal of a graph file it cannot convert ("abc"^^xsd:integer) with its traceback,
    through Python's last-resort handler when nothing else is set up; those notes are dropped
    (``kgraph validate`` reports such literals as violations), and any other library warning keeps its
    first line only.
    """
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    root = logging.getLogger()
    if not any(isinstance(h, _OneLineLog) for h in root.handlers):
        root.addHandler(_OneLineLog(logging.WARNING))


#: The handler installed by :func:`quiet_startup_signals`, so the command line can tell it apart.
STARTUP_HANDLERS: list = []
