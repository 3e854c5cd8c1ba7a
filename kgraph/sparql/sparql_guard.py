"""The gate every SPARQL query passes before an engine sees it: no network, bounded nesting, a read-only graph.

The decision is taken on the parsed query: rdflib's parser (which expands
``\\u`` escapes first, as SPARQL requires) gives the algebra, and the
algebra is walked for ``SERVICE`` (anywhere: sub-selects, ``EXISTS``,
``GRAPH``, ``OPTIONAL`` ...) and for ``FROM`` / ``FROM NAMED``. An update
(``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR`` ...) does not parse as a query
and is refused as such.

Oxigraph parses the text again with its own parser, and a query read one
way by rdflib and another way by Oxigraph must not slip through. So, before
any parser runs, a lexer-level scan over the escape-expanded text follows
*every* way the text could be tokenised (``<`` inside an expression is
either an IRI or "less than") and refuses the query if on any of them:

* a ``SERVICE`` keyword stands outside strings, IRIs and comments;
* brackets ``( { [`` nest deeper than :data:`MAX_DEPTH` (Oxigraph's parser
  recurses: 6,000 parentheses kill the process with SIGSEGV);
* more than :data:`MAX_OPERATORS` operators and pattern keywords appear
  (``?a+?a+...``, ``{..} UNION {..} ...`` and ``p/p/p...`` build trees as
  deep as they are long: 10,000 of them crash Oxigraph too).

Lone surrogates (``"\\uD800"``) are refused: they are no characters, and no
output format can carry them.
"""

from __future__ import annotations

import re
import sys
import threading

from kgraph.core.errors import QueryError

_QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

# Comments, strings and IRIs: removed before looking for keywords, so "SERVICE" in a label is harmless. A string
# left open runs to the end of its line (or, if long, of the text): failing there, the search tried again from each
# later quote and read the rest of the line each time, and the endpoint's thread held every other request meanwhile
# (32 kB of '"\\' took 13 s, 1 MB hours). Only a malformed query has one, and the parsers refuse it.
_NOISE = re.compile(
    r'"""(?:[^"\\]|\\.?|"(?!""))*(?:"""|\Z)|\'\'\'(?:[^\'\\]|\\.?|\'(?!\'\'))*(?:\'\'\'|\Z)'
    r'|"(?:[^"\\\n]|\\.?)*"?|\'(?:[^\'\\\n]|\\.?)*\'?'
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*',
    re.S)


def _keywords(text: str) -> list[str]:
    return re.findall(r"(?<![\w?$:])[A-Za-z]+(?![\w:])", _NOISE.sub(" ", text))


def query_form(text: str) -> str:
    """Return the form of a query or update: SELECT, ASK, CONSTRUCT, DESCRIBE, an update keyword, or ''."""
    for word in _keywords(text):
        w = word.upper()
        if w in ("PREFIX", "BASE"):
            continue
        if w in _QUERY_FORMS or w in _UPDATE_WORDS:
            return w
    return ""


def is_update(text: str) -> bool:
    """Return True if the text is a SPARQL Update request rather than a query."""
    return query_form(text) in _UPDATE_WORDS


_PARSE_LOCK = threading.Lock()

#: Deepest bracket nesting a query may have (any mix of ``( { [``).
MAX_DEPTH = 64
#: Most operators and pattern keywords a query may hold.
MAX_OPERATORS = 1000
#: Longest query text accepted, in characters (after escapes are expanded).
MAX_LENGTH = 1_000_000
#: Most lexer states kept at one position while following every tokenisation.
_MAX_STATES = 64

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_TOKEN = re.compile(r"""
    (?P<long>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<str>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<comment>\#[^\n\r]*)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]*)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[^\W\d_](?:[\w\-.]*[\w\-])?)?:(?:[\w\-:%]|\\.|\.(?=[\w\-:%\\]))*)
  | (?P<bnode>_:(?:[\w\-]|\.(?=[\w\-]))*)
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\|\||&&|!=|<=|>=|\^\^|[-+*/|!^=<>?])
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<space>\s+)
  | (?P<other>.)
""", re.X | re.S)
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
# The string tokens of _TOKEN, read on their own (see _token): a long string, and a short one up to where it ends
# or stops unclosed (the alternatives never overlap, so the greedy reading is the only one).
_LONG = {q: re.compile(f"{q * 3}(?:[^{q}\\\\]|\\\\.|{q}(?!{q * 2}))*{q * 3}", re.S) for q in "\"'"}
_SHORT = {q: re.compile(f"{q}(?:[^{q}\\\\\\n\\r]|\\\\.)*", re.S) for q in "\"'"}
# Words that build a level of the algebra for each use.
_PATTERN_WORDS = frozenset(("UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "EXISTS",
                            "NOT", "IN", "VALUES", "SELECT", "AND", "OR"))
_OPERAND_END = frozenset(("long", "str", "var", "lang", "pname", "bnode", "num", "word", "close", "iri"))


def expand_escapes(text: str) -> str:
    """Return the text with SPARQL's ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes expanded (done before parsing).

    Raises:
        QueryError: An escape names no Unicode code point.
    """
    def one(m):
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF:
            raise QueryError(f"invalid Unicode escape {m.group(0)!r} in the query")
        return chr(code)

    return _ESCAPE.sub(one, text)


def _surrogate(text: str) -> int | None:
    m = re.search("[\ud800-\udfff]", text)
    return None if m is None else ord(m.group())


def scan(text: str) -> None:
    """Refuse a query (escapes already expanded) that on any tokenisation calls SERVICE, nests or grows too deep.

    Every way of reading ``<`` is followed (an IRI where one matches, and
    "less than" where an operand precedes it inside parentheses); a state is
    the position, the open brackets and whether an operand came last.

    Raises:
        QueryError: The query holds SERVICE, nests deeper than
            :data:`MAX_DEPTH`, or holds more than :data:`MAX_OPERATORS` operators.
    """
    n = len(text)
    # position -> {(open brackets, operand last): most operators on any path there}
    frontier: dict[int, dict[tuple[str, bool], int]] = {0: {("", False): 0}}
    unclosed: dict[str, int] = {}
    while frontier:
        pos = min(frontier)
        states = frontier.pop(pos)
        if len(states) > _MAX_STATES:
            raise QueryError("the query is too intricate to check (too many ways to read its '<' signs)")
        if pos >= n:
            continue
        kind, end = _token(text, pos, unclosed)
        for (stack, operand), ops in states.items():
            moves = []  # (next position, stack, operand last, operators added)
            if text[pos] == "<":
                iri = _IRI.match(text, pos)
                if iri is not None:
                    moves.append((iri.end(), stack, True, 0))
                if iri is None or (operand and stack.endswith("(")):
                    moves.append((end, stack, False, 1))  # "<", "<=" as an operator
            elif kind == "open":
                stack2 = stack + text[pos]
                if len(stack2) > MAX_DEPTH:
                    raise QueryError(f"the query nests brackets deeper than {MAX_DEPTH} levels")
                moves.append((end, stack2, False, 1 if text[pos] != "(" else 0))
            elif kind == "close":
                moves.append((end, stack[:-1], True, 0))
            elif kind in ("space", "comment"):
                moves.append((end, stack, operand, 0))
            elif kind == "word":
                w = text[pos:end].upper()
                if w == "SERVICE":
                    raise QueryError("SERVICE is not allowed: kgraph never sends queries to other hosts")
                moves.append((end, stack, True, 1 if w in _PATTERN_WORDS else 0))
            elif kind == "op":
                moves.append((end, stack, False, 1))
            else:
                moves.append((end, stack, kind in _OPERAND_END, 0))
            for nxt, st, opnd, add in moves:
                total = ops + add
                if total > MAX_OPERATORS:
                    raise QueryError(f"the query holds more than {MAX_OPERATORS} operators and pattern keywords")
                bucket = frontier.setdefault(nxt, {})
                if bucket.get((st, opnd), -1) < total:
                    bucket[(st, opnd)] = total


def _token(text: str, pos: int, unclosed: dict[str, int]) -> tuple[str, int]:
    """Return the kind and end of the token at ``pos``, as ``_TOKEN`` reads it, in time linear over the whole text.

    A quote opening no string is read as one character (``other``). Looking
    for its end read the rest of the line (the text, for ``\"\"\"``), and a
    line of 16 kB of ``"\\`` took 3.6 s (1 MB, hours): ``unclosed`` keeps
    where an open string stopped, and a quote of the same kind before there
    opens none either (it was escaped in that string, whose reading it then
    shares to the same stop).
    """
    q = text[pos]
    if q not in "\"'":
        m = _TOKEN.match(text, pos)
        return m.lastgroup, m.end()
    if text.startswith(q * 3, pos) and unclosed.get(q * 3, -1) <= pos:
        m = _LONG[q].match(text, pos)
        if m is not None:
            return "long", m.end()
        unclosed[q * 3] = len(text)
    if unclosed.get(q, -1) <= pos:
        stop = _SHORT[q].match(text, pos).end()
        if stop < len(text) and text[stop] == q:
            return "str", stop + 1
        unclosed[q] = stop
    return "other", pos + 1


def prepare(text: str) -> str:
    """Return the escape-expanded text of a query after the lexer-level checks; raise QueryError if refused."""
    if not text.strip():
        raise QueryError("empty query")
    if len(text) > MAX_LENGTH:
        raise QueryError(f"the query is longer than {MAX_LENGTH:,} characters")
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes

    expanded = expand_escapes(text)
    # rdflib reads "\\u" followed by 8 hex digits as one escape, SPARQL (and Oxigraph) as 4 + text: both
    # readings are checked, so neither parser can see what the other one hides.
    try:
        readings = {expanded, expandUnicodeEscapes(text)}
    except ValueError:
        readings = {expanded}
    for reading in sorted(readings):
        code = _surrogate(reading)
        if code is not None:
            raise QueryError(f"the query holds a lone surrogate (U+{code:04X}), which is not a character")
        if len(reading) > MAX_LENGTH:
            raise QueryError(f"the query is longer than {MAX_LENGTH:,} characters")
        scan(reading)
    return expanded


def parse(text: str, prefixes: dict):
    """Parse a query with rdflib into its algebra (rdflib's ``Query``) after :func:`prepare`; refuse what is unsafe.

    Raises:
        QueryError: The text is empty, malformed, an update, or calls SERVICE.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    prepare(text)
    with _PARSE_LOCK:  # the recursion limit is per process: one parse at a time sets and restores it
        # rdflib's parser expands the escapes itself (once, as Oxigraph does): it gets the original text.
        return _parse(text, prefixes, parseQuery, parseUpdate, translateQuery)


def _parse(text, prefixes, parseQuery, parseUpdate, translateQuery):  # noqa: N803 - rdflib's names
    old = sys.getrecursionlimit()
    try:
        # pyparsing recurses ~45 frames per parenthesis: MAX_DEPTH levels need more than the default 1000.
        sys.setrecursionlimit(max(old, 8000))
        try:
            parsed = parseQuery(text)
        except RecursionError:
            raise QueryError("the query nests too deeply to parse") from None
        except Exception as exc:  # pyparsing's ParseException and friends
            try:
                parseUpdate(text)
            except Exception:
                raise QueryError(rdflib_message(exc, prefixes)) from None
            raise QueryError("SPARQL Update is not allowed: the graph is read-only") from None
        try:
            query = translateQuery(parsed, initNs=prefixes)
        except RecursionError:
            raise QueryError("the query nests too deeply to parse") from None
        except QueryError:
            raise
        except Exception as exc:
            raise QueryError(rdflib_message(exc, prefixes)) from None
    finally:
        sys.setrecursionlimit(old)
    if any(node.name == "ServiceGraphPattern" for node in _nodes(query.algebra)):
        raise QueryError("SERVICE is not allowed: kgraph never sends queries to other hosts")
    return query


def dataset_iris(query) -> list:
    """Return the IRIs a parsed query names in ``FROM`` and ``FROM NAMED``."""
    out = []
    for node in _nodes(query.algebra):
        if node.name == "DatasetClause":
            out += [v for k, v in node.items() if k in ("default", "named") and v is not None]
    return out


def check_dataset(query, local_graphs) -> None:
    """Refuse ``FROM`` / ``FROM NAMED`` naming a graph the store does not hold (it would be fetched elsewhere).

    Args:
        query: rdflib's parsed Query.
        local_graphs: A callable returning the IRIs (strings) of the store's named graphs.

    Raises:
        QueryError: An IRI of the dataset clause is not a graph of the store.
    """
    iris = dataset_iris(query)
    if not iris:
        return
    held = set(local_graphs())
    for iri in iris:
        if str(iri) not in held:
            raise QueryError(f"FROM <{iri}> names no graph of this file: kgraph never loads graphs from "
                             "other places (use GRAPH to pick one of the file's own graphs)")


def _nodes(root):
    """Yield every CompValue in an algebra tree (iteratively: no recursion limit)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [root], set()
    while stack:
        x = stack.pop()
        if id(x) in seen:
            continue
        seen.add(id(x))
        if isinstance(x, CompValue):
            yield x
            stack.extend(x.values())
        elif isinstance(x, dict):
            stack.extend(x.values())
        elif isinstance(x, (list, tuple, set, frozenset)):
            stack.extend(x)
        elif hasattr(x, "algebra") and not isinstance(x, str):  # a sub-query object
            stack.append(x.algebra)


def rdflib_message(exc: BaseException, prefixes: dict) -> str:
    """Return rdflib's parse error as one line: the line and column in the user's query, or the unknown prefix."""
    line, col = getattr(exc, "lineno", None), getattr(exc, "col", None)
    text = str(exc).strip()
    msg = text.splitlines()[0] if text else type(exc).__name__
    if msg.startswith("Unknown namespace prefix"):
        name = msg.split(":", 1)[1].strip()
        return f"unknown prefix {name}: (predefined: {', '.join(prefixes)}; declare others with PREFIX)"
    if line is not None and col is not None:
        msg = msg.split("  (at char")[0]
        return f"syntax error at line {line}, column {col}: {msg}"
    return f"cannot run query: {msg}"


def _no_service(ctx, part):
    raise QueryError("SERVICE is not allowed: kgraph never sends queries to other hosts")


def disarm_rdflib() -> None:
    """Switch off rdflib's own network paths: SERVICE calls (urlopen) and loading FROM graphs from the web.

    The gate refuses such queries before rdflib sees them; this is the
    second lock, so a query that somehow passed still reaches nobody.
    """
    import rdflib.plugins.sparql as rsparql
    import rdflib.plugins.sparql.evaluate as revaluate

    rsparql.SPARQL_LOAD_GRAPHS = False
    revaluate.evalServiceQuery = _no_service
