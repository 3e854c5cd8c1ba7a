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
  JSON nested too deeply for Python to read is refused;
* a file declaring more than :data:`MAX_PREFIXES` prefixes (Turtle, TriG,
  N3), namespaces (XML) or context terms (JSON-LD) is refused: rdflib files
  each in a trie at a cost that grows with their number squared;
* a file whose prefixes, namespaces, contexts and base IRIs could expand its
  IRIs past :func:`expansion_budget` is refused: a prefix of 100 kB used by
  4,000 names (a 142 kB Turtle file) became 383 MB of Oxigraph store on
  disk, and 4 GB of rdflib's memory at 40,000.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from kgraph.core.errors import GraphError

#: Deepest element nesting accepted in an XML graph file.
MAX_XML_DEPTH = 256

#: Most prefixes, namespaces or context terms a graph file may declare. rdflib's reading cost grows with their
#: number squared (8,000 took 3 s, 100,000 over two minutes, in every format); a graph kgraph writes declares 15.
MAX_PREFIXES = 2000

#: Most term definitions rdflib may apply through scoped contexts (a term's or a type's own ``@context``): each
#: use of such a term applies its whole context again (1,900 terms used by 2,000 nodes, a 199 kB file, took 74 s).
MAX_SCOPED_APPLICATIONS = 1_000_000

#: Text the IRIs of a graph file may expand to through its prefixes and base IRIs: at least this many bytes ...
EXPANSION_FLOOR = 256 << 20
#: ... or this many per byte of the file (a graph kgraph writes stays under 2).
EXPANSION_PER_BYTE = 64


def expansion_budget(size: int) -> int:
    """Return how much text (bytes) the IRIs of a graph file of ``size`` bytes may expand to."""
    return max(EXPANSION_FLOOR, EXPANSION_PER_BYTE * size)


def _too_expansive(path, bound: int, budget: int, how: str) -> GraphError:
    return GraphError(f"refusing {path}: its {how} could expand its IRIs to {bound:,} bytes of text, over the "
                      f"{budget:,} allowed for a file of its size")


_XML_SUFFIXES = {".rdf", ".owl", ".xml", ".trix", ".html", ".xhtml", ".svg"}
_JSONLD_SUFFIXES = {".jsonld", ".json", ".json-ld"}
_TURTLE_SUFFIXES = {".ttl", ".turtle", ".trig", ".n3"}
#: A prefix declaration of Turtle, TriG or N3 (``@prefix p: <`` or ``PREFIX p: <``), of bounded length.
_PREFIX_DECL = re.compile(rb"(?i)@?prefix\s{1,64}[-\w.]{0,128}:\s{0,64}<")
#: The head of a prefix or base declaration, up to its IRI's ``<`` (the word "base" in a literal counts too: over).
_DECL_HEAD = re.compile(rb"(?i)(@?prefix\s{1,64}[-\w.]{0,128}:|@?base)\s{0,64}<")
#: The characters of an IRI after its ``<`` (the closing ``>`` and any ``<`` end it: runs never overlap).
_IRI_RUN = re.compile(rb'[^<>"{}|^`\x00-\x20]*')


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
    if fmt in ("turtle", "trig", "n3") or suffix in _TURTLE_SUFFIXES:
        check_prefixes(p)
        check_turtle_expansion(p)


def _too_many_prefixes(path) -> GraphError:
    return GraphError(f"refusing {path}: it declares more than {MAX_PREFIXES:,} prefixes (namespaces), "
                      "which cost rdflib their number squared to read")


def check_prefixes(path: Path) -> None:
    """Refuse a Turtle, TriG or N3 file declaring more than :data:`MAX_PREFIXES` prefixes.

    Raises:
        GraphError: The file declares too many, or cannot be read.
    """
    try:
        with open(path, "rb") as fh:
            # First a count of the word alone (fast); only a file past the limit is searched for declarations.
            words, tail = 0, b""
            while chunk := fh.read(1 << 20):
                words += (tail + chunk).lower().count(b"prefix")
                tail = chunk[-5:]  # "prefix" has 6 letters: none lies within the tail alone
            if words <= MAX_PREFIXES:
                return
            fh.seek(0)
            found, buf, more = 0, b"", True
            while more:
                chunk = fh.read(1 << 20)
                more = bool(chunk)
                buf += chunk
                end = max(0, len(buf) - 512) if more else len(buf)  # a declaration is under 512 bytes
                found += sum(1 for m in _PREFIX_DECL.finditer(buf) if m.start() < end)
                buf = buf[end:]
                if found > MAX_PREFIXES:
                    raise _too_many_prefixes(path)
    except OSError as exc:
        raise GraphError(f"cannot read {path}: {exc.strerror or exc}") from None


def check_turtle_expansion(path: Path) -> None:
    """Refuse a Turtle, TriG or N3 file whose prefixes and base IRIs could expand its IRIs past the budget.

    Every IRI of such a file is written ``<...>`` (resolved against the base)
    or ``p:name`` (its prefix's IRI, itself resolved against the base, before
    the name), so none grows by more than the sum of the base IRIs and the
    longest prefix IRI; there are no more of them than ``<`` and ``:`` signs.
    The bound is their product: a file kgraph writes stays under twice its
    size. Two linear passes over the bytes.

    Raises:
        GraphError: The bound passes :func:`expansion_budget`, or the file cannot be read.
    """
    import mmap

    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size == 0:
                return
            signs = 0
            while chunk := fh.read(1 << 20):
                signs += chunk.count(b":") + chunk.count(b"<")
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                bases, longest = 0, 0
                for m in _DECL_HEAD.finditer(data):
                    length = _IRI_RUN.match(data, m.end()).end() - m.end()
                    if m.group(1)[-1:] == b":":
                        longest = max(longest, length)
                    else:
                        bases += length
    except (OSError, ValueError) as exc:
        raise GraphError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    bound, budget = signs * (bases + longest), expansion_budget(size)
    if bound > budget:
        raise _too_expansive(path, bound, budget, "prefixes and base IRIs")


def check_xml(path: Path) -> None:
    """Refuse an XML file with a DTD (``<!DOCTYPE``, entity declarations) or nesting past :data:`MAX_XML_DEPTH`.

    Raises:
        GraphError: The file is refused, is not well-formed XML, or cannot be read.
    """
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth, namespaces = [0], [0]
    # An IRI of the file is an element's or an attribute's name (its namespace first) or an attribute's value
    # (resolved against xml:base, which nests): none grows by more than the longest namespace and all bases.
    names, longest, bases = [0], [0], [0]

    def doctype(*_args):
        raise _Refused("it declares a DTD (<!DOCTYPE ...>): kgraph reads no DTDs, whose entities "
                       "can grow without bound or be fetched from the network")

    def entity(*_args):
        raise _Refused("it declares XML entities: kgraph expands none")

    def start(_name, attrs):
        depth[0] += 1
        if depth[0] > MAX_XML_DEPTH:
            raise _Refused(f"its elements nest deeper than {MAX_XML_DEPTH} levels")
        namespaces[0] += sum(1 for a in attrs if a.startswith("xmlns"))
        names[0] += 1 + len(attrs)
        for a, value in attrs.items():
            if a.startswith("xmlns"):
                longest[0] = max(longest[0], len(value))
            elif a == "xml:base":
                bases[0] += len(value)
        if namespaces[0] > MAX_PREFIXES:
            raise _Refused(f"it declares more than {MAX_PREFIXES:,} namespaces, which cost rdflib their number "
                           "squared to read")

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
    bound, budget = names[0] * (longest[0] + bases[0]), expansion_budget(Path(path).stat().st_size)
    if bound > budget:
        raise _too_expansive(path, bound, budget, "namespaces and base IRIs")


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
    terms = 0
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
                        terms += len(ctx or ())
                    if terms > MAX_PREFIXES:
                        raise GraphError(f"refusing {path}: its contexts define more than {MAX_PREFIXES:,} terms, "
                                         "which cost rdflib their number squared to read")
                stack.append(value)
        elif isinstance(x, list):
            stack.extend(x)
    applied = _scoped_applications(doc)
    if applied > MAX_SCOPED_APPLICATIONS:
        raise GraphError(f"refusing {path}: its scoped contexts would apply {applied:,} term definitions "
                         f"(over {MAX_SCOPED_APPLICATIONS:,}): rdflib applies a term's own context at each use")
    bound, budget = _jsonld_expansion(doc), expansion_budget(Path(path).stat().st_size)
    if bound > budget:
        raise _too_expansive(path, bound, budget, "contexts")


def _scoped_applications(doc) -> int:
    """Return how many term definitions scoped contexts would apply: each one's terms times its term's uses.

    A scoped context is the ``@context`` of a term definition (property- or type-scoped); a use is the term as a
    key of a node or as an ``@type`` value. Over-counts (a term shadowed later is still counted), never under.
    """
    sizes: dict = {}  # term -> term definitions in its scoped contexts
    uses: dict = {}  # key or type -> times it occurs in nodes
    stack = [(doc, False)]  # (value, inside a context)
    while stack:
        x, in_context = stack.pop()
        if isinstance(x, list):
            stack.extend((v, in_context) for v in x)
            continue
        if not isinstance(x, dict):
            continue
        for key, value in x.items():
            if key == "@context":
                stack.append((value, True))
                continue
            if in_context:
                scoped = value.get("@context") if isinstance(value, dict) else None
                for ctx in scoped if isinstance(scoped, list) else [scoped]:
                    if isinstance(ctx, dict):
                        sizes[key] = sizes.get(key, 0) + len(ctx)
            else:
                uses[key] = uses.get(key, 0) + 1
                if key == "@type":
                    for t in value if isinstance(value, list) else [value]:
                        if isinstance(t, str):
                            uses[t] = uses.get(t, 0) + 1
            stack.append((value, in_context))
    return sum(size * uses.get(term, 0) for term, size in sizes.items())


def _jsonld_expansion(doc) -> int:
    """Return a bound on the text a JSON-LD document's IRIs expand to through its contexts.

    A key or a string of a node expands by at most all the strings of all
    contexts together (a term's IRI may be a compact IRI of another term,
    ``@vocab`` and ``@base`` come first): the bound is their product.
    """
    in_contexts = outside = 0
    stack = [(doc, False)]  # (value, inside a context)
    while stack:
        x, in_context = stack.pop()
        if isinstance(x, list):
            stack.extend((v, in_context) for v in x)
        elif isinstance(x, dict):
            for key, value in x.items():
                if in_context:
                    in_contexts += len(key)
                else:
                    outside += 1
                stack.append((value, in_context or key == "@context"))
        elif isinstance(x, str):
            if in_context:
                in_contexts += len(x)
            else:
                outside += 1
    return outside * in_contexts
