"""Refuse hostile graph files before any RDF parser reads them.

Both rdflib and Oxigraph would expand the entities an RDF/XML file declares
in its DTD (810 bytes of nested declarations grew Oxigraph to 23.7 GB) and
rdflib fetches the remote ``@context`` of a JSON-LD file. Before either
parser sees a file:

* an XML file (RDF/XML, TriX) is read once with expat, which stops at the
  first ``<!DOCTYPE``: a DTD is refused whatever it declares (entities,
  external subsets), and so is element nesting deeper than
  :data:`MAX_XML_DEPTH` (Oxigraph's RDF/XML reader is quadratic in it);
* a JSON-LD file is read as JSON and every ``@context`` in it must be
  inline: a string (a URL, near or far) or an ``@import`` is refused, and
  JSON nested too deeply for Python to read is refused.
"""

from __future__ import annotations

import json
from pathlib import Path

from kgraph.core.errors import GraphError

#: Deepest element nesting accepted in an XML graph file.
MAX_XML_DEPTH = 256
_XML_SUFFIXES = {".rdf", ".owl", ".xml", ".trix", ".html", ".xhtml", ".svg"}
_JSONLD_SUFFIXES = {".jsonld", ".json", ".json-ld"}


class _Refused(Exception):
    pass


def check_file(path, fmt: str | None = None) -> None:
    """Refuse a graph file whose DTD, entity declarations, remote contexts or nesting could harm the machine.

    Args:
        path: The graph file.
        fmt: rdflib's format name when known (``xml``, ``trix``, ``json-ld`` ...); else the suffix decides.

    Raises:
        GraphError: The file is refused or cannot be read.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if fmt in ("xml", "trix", "rdfa", "pretty-xml") or suffix in _XML_SUFFIXES:
        check_xml(p)
    if fmt in ("json-ld", "jsonld") or suffix in _JSONLD_SUFFIXES:
        check_jsonld(p)


def check_xml(path: Path) -> None:
    """Refuse an XML file with a DTD (``<!DOCTYPE``, entity declarations) or nesting past :data:`MAX_XML_DEPTH`.

    Raises:
        GraphError: The file is refused, is not well-formed XML, or cannot be read.
    """
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = [0]

    def doctype(*_args):
        raise _Refused("it declares a DTD (<!DOCTYPE ...>): kgraph reads no DTDs, whose entities "
                       "can grow without bound or be fetched from the network")

    def entity(*_args):
        raise _Refused("it declares XML entities: kgraph expands none")

    def start(*_args):
        depth[0] += 1
        if depth[0] > MAX_XML_DEPTH:
            raise _Refused(f"its elements nest deeper than {MAX_XML_DEPTH} levels")

    def end(*_args):
        depth[0] -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = lambda *a: 0
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with open(path, "rb") as fh:
            while True:
                chunk = fh.read(1 << 20)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    break
    except _Refused as exc:
        raise GraphError(f"refusing {path}: {exc}") from None
    except expat.ExpatError as exc:
        raise GraphError(f"cannot read {path} as XML: {expat.ErrorString(exc.code)} "
                         f"at line {exc.lineno}, column {exc.offset + 1}") from None
    except OSError as exc:
        raise GraphError(f"cannot read {path}: {exc.strerror or exc}") from None


def check_jsonld(path: Path) -> None:
    """Refuse a JSON-LD file whose ``@context`` is not inline (a URL, an ``@import``), or that nests too deeply.

    Raises:
        GraphError: The file is refused, is not JSON, or cannot be read.
    """
    try:
        doc = json.loads(Path(path).read_bytes())
    except RecursionError:
        raise GraphError(f"refusing {path}: its JSON nests too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise GraphError(f"cannot read {path} as JSON-LD: {str(exc)[:200]}") from None
    except OSError as exc:
        raise GraphError(f"cannot read {path}: {exc.strerror or exc}") from None
    stack = [doc]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            for key, value in x.items():
                if key == "@import":
                    raise GraphError(f"refusing {path}: it imports a context (@import): "
                                     "kgraph loads no contexts from elsewhere")
                if key == "@context":
                    for ctx in value if isinstance(value, list) else [value]:
                        if ctx is not None and not isinstance(ctx, dict):
                            raise GraphError(f"refusing {path}: its @context {str(ctx)[:100]!r} is not inline: "
                                             "kgraph loads no contexts from elsewhere")
                stack.append(value)
        elif isinstance(x, list):
            stack.extend(x)
