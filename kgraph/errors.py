"""The error hierarchy: every error a user can cause is a KGraphError.

The CLI prints ``Error: <message>`` for these and exits 1; anything else is a
bug and keeps its traceback.
"""


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
