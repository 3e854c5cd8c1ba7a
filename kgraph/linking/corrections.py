"""Corrections an analyst makes to a graph: merges, splits, renames, retypes, blocks, relation edits, and pairs kept apart.

A corrections file is JSON (the analyst page writes it)::

    {"version": 1, "corrections": [
      {"action": "merge", "entities": ["Ann Roe", "person/A_Roe"], "keep": "Ann Roe"},
      {"action": "split", "entity": "Kim", "articles": ["a7"], "label": "Kim Sol", "type": "Person"},
      {"action": "split", "entity": "Tarnholm", "context": ["club", "coach"], "label": "FC Tarnholm"},
      {"action": "rename", "entity": "Acme", "label": "Acme Corp"},
      {"action": "retype", "entity": "Tarvo", "type": "Place"},
      {"action": "block", "entity": "However"},
      {"action": "reject", "subject": "Ann Roe", "predicate": "worksFor", "object": "Acme"},
      {"action": "assert", "subject": "Ann Roe", "predicate": "livesIn", "object": "Tarvo", "note": "..."},
      {"action": "different", "entities": ["Kim", "Kim Sol"], "note": "two people"}
    ]}

A spreadsheet may keep them as CSV instead (a file whose name ends in
``.csv``): a header row names the fields, one row per item, list fields
(``entities``, ``articles``, ``context``) separated by ``;`` (or ``|``),
empty cells left out, a row starting with ``#`` (and naming no action) a
comment; fields may be separated by ``,``, ``;`` or tabs::

    action,entities,keep,entity,label,type,note
    merge,Ann Roe;A. Roe,Ann Roe,,,,same person
    retype,,,Tarvo,,Place,

or YAML (a file whose name ends in ``.yaml`` or ``.yml``): the same document
as JSON, or just the list of items::

    version: 1
    corrections:
      - {action: merge, entities: [Ann Roe, A. Roe], keep: Ann Roe}
      - action: block
        entity: However

An entity is named by its IRI, its key ("person/Ann_Roe") or a label or
alias. Every item may carry ``note`` and ``author``. Loading checks the
shape only (a bad file is one :class:`~kgraph.core.errors.InputError`); whether a
named entity exists is known only when the corrections are applied, where a
missing one is a warning. ``kgraph build`` reads ``--corrections FILE`` or
else ``OUTPUT/corrections.json`` (or ``OUTPUT/corrections.yaml``, ``.yml``,
``.csv``) and applies them on every build.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, fields as dataclass_fields
from difflib import get_close_matches
from pathlib import Path
from urllib.parse import unquote

from kgraph.core.errors import InputError
from kgraph.core.iri import ENTITY_BASE, slug
from kgraph.core import userfile
from kgraph.core.model import ENTITY_TYPES, PREDICATES
from kgraph.core.namespace import KG
from kgraph.core.terms import EntityType
from kgraph.sources.ingest import sanitize

#: Actions a corrections file may hold.
ACTIONS = ("merge", "split", "rename", "retype", "block", "reject", "assert", "different")

#: Name of the corrections file a build reads from its output folder.
DEFAULT_FILE = "corrections.json"

#: Name of the spreadsheet form a build reads when there is no :data:`DEFAULT_FILE`.
DEFAULT_CSV = "corrections.csv"

#: Names of the YAML form a build reads from its output folder (one corrections file at most may be there).
DEFAULT_YAML = ("corrections.yaml", "corrections.yml")

#: Suffixes of a YAML corrections file.
YAML_SUFFIXES = (".yaml", ".yml")
#: Largest YAML corrections file read, in bytes (about 100,000 items). PyYAML reads 80 times slower than JSON, in
#: 4 times the memory: 12.6 MB of 160,000 items took 51 s and 849 MB (as JSON 2.4 s, 218 MB), so the JSON file's
#: 64 MB would take minutes and gigabytes before an item is checked. Larger sets are written as JSON.
YAML_MAX_BYTES = 8 << 20

#: Separator of the values of a list field in a CSV cell kgraph writes; ``|`` is read as one too (for files
#: whose fields are separated by ``;``).
CSV_LIST_SEPARATOR = ";"

#: Field separators a CSV corrections file may use: the one that finds the ``action`` column in the header.
CSV_DELIMITERS = (",", ";", "\t")

_LIST_SPLIT = re.compile(r"[;|]")


@dataclass(frozen=True)
class Correction:
    """One item of a corrections file.

    Attributes:
        action: One of :data:`ACTIONS`.
        index: Position in the file (0-based), for messages.
        entities: The entities a merge joins, or a ``different`` keeps apart (no build joins them, no review
            proposes them as one).
        keep: The entity whose IRI a merge keeps (optional).
        entity: The entity a split, rename, retype or block names.
        articles: The articles a split moves to the new entity.
        context: Words (or phrases) a split looks for in the sentence of each
            mention: a mention whose sentence holds one moves to the new entity.
            With ``articles`` too, both must hold.
        label: New label (rename, split).
        type: New type (retype, split).
        subject: Subject of a rejected or asserted relation.
        predicate: Its core predicate.
        object: Its object.
        note: Free text from the analyst.
        author: Who made the correction.
    """

    action: str
    index: int = 0
    entities: tuple[str, ...] = ()
    keep: str | None = None
    entity: str | None = None
    articles: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    label: str | None = None
    type: str | None = None
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    note: str | None = None
    author: str | None = None

    def describe(self) -> str:
        """Return the item as a short line for messages ("#3 merge Ann Roe, A. Roe"; "#4 rename Acme -> Acme Corp")."""
        what = {"merge": ", ".join(self.entities), "different": ", ".join(self.entities), "reject": f"{self.subject} {self.predicate} {self.object}",
                "assert": f"{self.subject} {self.predicate} {self.object}"}.get(self.action, self.entity or "")
        # What the item makes of the entity: a provenance comment says so, not only which entity it named.
        to = {"rename": self.label, "retype": self.type,
              "split": " ".join(x for x in (self.label, self.type and f"({self.type})") if x)}.get(self.action)
        if to:
            what = f"{what} -> {to}"
        return " ".join(f"#{self.index + 1} {self.action} {what}".split())

    def provenance(self) -> str:
        """Return the item as the graph records it: :meth:`describe`, then who made it and why when the file says.

        ``"#3 rename Acme -> Acme Corp (by ed: its legal name)"``: a provenance query answers who corrected what.
        """
        why = "; ".join(x for x in (self.author and f"by {self.author}", self.note) if x)
        return f"{self.describe()} ({why})" if why else self.describe()

    def as_item(self) -> dict:
        """Return the item as the JSON object a corrections file holds."""
        item: dict = {"action": self.action}
        for f in dataclass_fields(self):
            value = getattr(self, f.name)
            if f.name not in ("action", "index") and value not in (None, ()):
                item[f.name] = list(value) if isinstance(value, tuple) else value
        return item


@dataclass(frozen=True)
class Corrections:
    """The corrections of one file, in file order."""

    items: tuple[Correction, ...] = ()
    source: str | None = None

    def __bool__(self) -> bool:
        return bool(self.items)

    def of(self, *actions: str) -> list[Correction]:
        """Return the items with one of these actions, in file order."""
        return [c for c in self.items if c.action in actions]


_REQUIRED = {"merge": ("entities",), "split": ("entity",), "rename": ("entity", "label"),
             "retype": ("entity", "type"), "block": ("entity",), "reject": ("subject", "predicate", "object"),
             "assert": ("subject", "predicate", "object"), "different": ("entities",)}
_STRING_FIELDS = ("keep", "entity", "label", "type", "subject", "predicate", "object", "note", "author")
_LIST_FIELDS = ("entities", "articles", "context")
_KNOWN_FIELDS = frozenset(("action",) + _LIST_FIELDS + _STRING_FIELDS)
#: Actions, types and predicates by their lowercase spelling (no two of them share one).
_CANONICAL = {str(getattr(name, "value", name)).lower(): str(getattr(name, "value", name))
              for name in (*ACTIONS, *ENTITY_TYPES, *PREDICATES)}

#: Other spellings of a type: British English, and the tags of named-entity tools (spaCy, CoNLL).
_TYPE_SPELLINGS = {"organisation": EntityType.Organization.value, "org": EntityType.Organization.value,
                   "per": EntityType.Person.value, "loc": EntityType.Place.value, "location": EntityType.Place.value}

#: How a type or predicate reads where it was copied from the graph: ``kg:worksFor`` (``kgraph query``),
#: ``<https://w3id.org/kgraph/ontology#worksFor>`` (Turtle), or the IRI alone.
_ONTOLOGY_TERM = re.compile(rf"<?(?:kg:|{re.escape(str(KG._NS))})([A-Za-z]+)>?")


def _term(value: str, spellings: dict) -> str:
    """Return a type or predicate as the file names it: its one spelling in any case or words, or copied from the graph."""
    m = _ONTOLOGY_TERM.fullmatch(value)
    low = (m.group(1) if m else value).lower()
    # "citizen_of", "born in", "located-in": the words of one term, as a spreadsheet or a database writes them.
    joined = re.sub(r"[\s_-]+", "", low)
    return (_CANONICAL.get(low) or spellings.get(low) or _CANONICAL.get(joined) or spellings.get(joined)
            or value)  # an unknown one as written, for the error


#: Invisible characters a name copied from a web page or a document may carry at its ends (zero-width space,
#: joiners, word joiner, byte-order mark), trimmed with the white space around a value.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _trim(v: str) -> str:
    """Return a value without white space or invisible characters at its ends ("Essen\u200b" is "Essen").

    The value is first cleaned as article text is (:func:`kgraph.sources.ingest.sanitize`): a label
    becomes a name in the graph, so a lone surrogate (``"\ud800"`` in JSON), which no output can be
    written with, becomes U+FFFD, and control and bidirectional override characters go.
    """
    v = sanitize(v)
    while v != (t := v.strip().strip(_INVISIBLE)):
        v = t
    return v


#: Fields that name an entity.
_REF_FIELDS = ("entities", "keep", "entity", "subject", "object")


def _entity_ref(v: str) -> str:
    """Return an entity reference as the graph writes it.

    An IRI copied from Turtle (``<...>``) or from a browser's address bar
    (percent-encoded: ``person/%C3%89lise_Dar%C3%A9``) is the IRI itself.
    """
    if v.startswith("<" + ENTITY_BASE) and v.endswith(">"):
        v = v[1:-1]
    v = unquote(v) if v.startswith(ENTITY_BASE) else v
    base = ENTITY_BASE if v.startswith(ENTITY_BASE) else ""
    typed = _SPACED_KEY.fullmatch(v[len(base):])
    if typed:
        # A key written with the label's spaces ("organization/Liberal Front", or "%20" in an IRI) is the key
        # the graph mints from that label ("organization/Liberal_Front"), not a name no entity carries.
        v = f"{base}{typed.group(1)}/{slug(typed.group(2))}"
    return v


#: An entity key written with white space in its name part.
_SPACED_KEY = re.compile(r"(person|organization|place|country)/(\S.*\s.*\S)")


def parse(data: object, source: str = "corrections") -> Corrections:
    """Return the corrections of a parsed JSON document.

    Raises:
        InputError: The document does not have the corrections format.
    """
    if not isinstance(data, dict) or not isinstance(data.get("corrections"), list):
        raise InputError(f"{source}: expected an object with a \"corrections\" list")
    version = data.get("version", 1)
    # "1" as a string, as YAML reads every scalar and a hand-written JSON file may quote it: ASCII digits, and
    # few (int() refuses a version of 5,000 digits with a ValueError).
    if isinstance(version, str) and re.fullmatch(r"[0-9]{1,9}", version.strip()):
        version = int(version)
    if version != 1:
        shown = repr(version) if len(repr(version)) <= 40 else repr(version)[:37] + "..."
        raise InputError(f"{source}: unsupported corrections version {shown} (this kgraph reads version 1)")
    items = []
    for i, raw in enumerate(data["corrections"]):
        items.append(_item(raw, i, source))
    return Corrections(tuple(items), source)


def _item(raw: object, i: int, source: str, where: str | None = None) -> Correction:
    where = where or f"{source}: item {i + 1}"
    if not isinstance(raw, dict):
        raise InputError(f"{where}: expected an object")
    action = raw.get("action")
    if isinstance(action, str):  # "Merge", " retype": a spreadsheet capitalizes a cell's first letter
        action = _CANONICAL.get(_trim(action).lower(), action)
    if action not in ACTIONS:
        raise InputError(f"{where}: unknown action {action!r}; choose one of {', '.join(ACTIONS)}")
    fields: dict = {}
    for name in _STRING_FIELDS:
        v = raw.get(name)
        if v is not None and not isinstance(v, str):
            raise InputError(f"{where}: {name!r} must be a string")
        if isinstance(v, str):
            v = _trim(v)
            if name == "label":  # a name in the graph: a line break (Alt+Enter in a spreadsheet cell) is a space
                v = " ".join(v.split())
        fields[name] = v or None
    for name in _LIST_FIELDS:
        v = raw.get(name, [])
        if not isinstance(v, list) or not all(isinstance(x, str) and _trim(x) for x in v):
            raise InputError(f"{where}: {name!r} must be a list of non-empty strings")
        fields[name] = tuple(_trim(x) for x in v)
    for name in _REF_FIELDS:
        v = fields[name]
        fields[name] = tuple(map(_entity_ref, v)) if isinstance(v, tuple) else v and _entity_ref(v)
    for name in _REQUIRED[action]:
        if not fields.get(name):
            # A misspelt field ("entitys") is ignored, so the item lacks the field it meant: name the two.
            close = get_close_matches(name, [k for k in raw if isinstance(k, str) and k not in _KNOWN_FIELDS], 1)
            hint = f" (it has {close[0]!r}: a misspelling?)" if close else ""
            raise InputError(f"{where}: a {action} needs {name!r}{hint}")
    if action == "split" and not (fields["articles"] or fields["context"]):
        raise InputError(f"{where}: a split needs 'articles' or 'context' (which mentions move)")
    if action in ("merge", "different") and len(fields["entities"]) < 2:
        raise InputError(f"{where}: a {action} needs at least two entities")
    for name in ("type", "predicate"):  # "place", "bornin", "kg:worksFor": the one type or predicate so named
        if fields[name] is not None:
            fields[name] = _term(fields[name], _TYPE_SPELLINGS if name == "type" else {})
    if fields["type"] is not None and fields["type"] not in ENTITY_TYPES:
        raise InputError(f"{where}: unknown type {fields['type']!r}; choose one of {', '.join(ENTITY_TYPES)}")
    if fields["predicate"] is not None and fields["predicate"] not in PREDICATES:
        raise InputError(f"{where}: unknown predicate {fields['predicate']!r}; choose one of {', '.join(PREDICATES)}")
    unknown = sorted(set(raw) - _KNOWN_FIELDS)
    if unknown:
        import warnings

        warnings.warn(f"{where}: ignoring unknown field(s) {', '.join(unknown)}", stacklevel=2)
    return Correction(action=action, index=i, **fields)


def parse_csv(text: str, source: str = "corrections") -> Corrections:
    """Return the corrections of a CSV text: a header row of field names, one row per item.

    Raises:
        InputError: The text has no ``action`` column or a row is a bad item.
    """
    text = text.lstrip("\ufeff")  # spreadsheets often write a byte-order mark
    first = text.split("\n", 1)[0].lower()
    # A spreadsheet set to a European locale separates fields with ';', another program with tabs.
    delimiter = next((d for d in CSV_DELIMITERS if "action" in (h.strip() for h in first.split(d))), ",")
    # A hand-written file puts a space after each separator (`block, "Tarsk, Ltd"`): the quotes still enclose
    # the cell, so a comma inside them is no separator and they are no part of the name.
    rows = csv.reader(io.StringIO(text), delimiter=delimiter, skipinitialspace=True)
    try:
        header = [h.strip().lower() for h in next(rows)]
    except StopIteration:
        raise InputError(f"{source}: empty CSV; expected a header row naming the fields") from None
    except csv.Error as exc:
        raise InputError(f"{source}: not valid CSV ({exc})") from None
    if "action" not in header:
        raise InputError(f"{source}: the CSV header has no 'action' column (it has {', '.join(header) or 'none'})")
    items = []
    action = header.index("action")
    first_line = rows.line_num + 1  # the line a row starts on: one cell may hold line breaks
    unclosed = text.count('"') % 2 == 1  # counted once: a file may hold 100,000 rows
    try:
        for row in rows:
            row_start, first_line = first_line, rows.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if row[0].strip()[:1] == "#" and (row[action:action + 1] or [""])[0].strip().lower() not in ACTIONS:
                continue  # a comment: a row starting with '#' (and holding no action)
            where = f"{source}: row {rows.line_num}"
            if unclosed and any("\n" in cell for cell in row):
                # A quote never closed runs its cell to the end of the file: the rows after it would be lost.
                raise InputError(f"{source}: row {row_start}: a quote (\") is opened and never closed, so the "
                                 "rows after it read as one cell; close or remove it")
            if len(row) > len(header):
                raise InputError(f"{where}: {len(row)} cells under a header of {len(header)}")
            raw: dict = {}
            for name, cell in zip(header, row):
                cell = _from_csv_cell(cell.strip())
                if not name or not cell:
                    continue
                raw[name] = ([v.strip() for v in _LIST_SPLIT.split(cell) if v.strip()]
                             if name in _LIST_FIELDS else cell)
            items.append(_item(raw, len(items), source, where))
    except csv.Error as exc:
        raise InputError(f"{source}: not valid CSV (line {rows.line_num}: {exc})") from None
    return Corrections(tuple(items), source)


def parse_yaml(text: str, source: str = "corrections") -> Corrections:
    """Return the corrections of a YAML text: the JSON document's shape, or a bare list of items.

    Raises:
        InputError: The text is not YAML, PyYAML is missing, or the document is not corrections.
    """
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        raise InputError(f"{source}: reading YAML needs PyYAML (pip install pyyaml); "
                         "or save the corrections as JSON or CSV") from None
    try:
        # Every scalar is read as text: a label "No" or "2014" stays that name, not a boolean or a number.
        data = yaml.load(text, Loader=yaml.BaseLoader)  # builds only strings, lists and mappings
    except yaml.YAMLError as exc:
        # Items pasted from `kgraph review` each end in a comma: "- {...}," is a list entry and a stray comma.
        relaxed = _YAML_ENTRY_COMMA.sub(r"\1", text)
        try:
            if relaxed == text:
                raise exc
            data = yaml.load(relaxed, Loader=yaml.BaseLoader)
        except yaml.YAMLError:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
            raise InputError(f"{source}: not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
        except RecursionError:
            raise InputError(f"{source}: not valid YAML (nested too deeply)") from None
    except RecursionError:  # PyYAML composes nested collections recursively: "[[[[..." 100,000 deep
        raise InputError(f"{source}: not valid YAML (nested too deeply)") from None
    if _expanded_size(data, userfile.MAX_BYTES) > userfile.MAX_BYTES:
        # Aliases (*name) repeat what an anchor (&name) holds: 1 MB of YAML could stand for gigabytes of
        # labels and notes, each written into the graph. Read as written out, the file has the JSON file's limit.
        raise InputError(f"{source}: its aliases (*name) expand it past {userfile.MAX_BYTES:,} bytes; "
                         "write the items out instead")
    if isinstance(data, list):
        data = {"version": 1, "corrections": data}
    return parse(data, source)  # a version "1" (every YAML scalar is read as text) is version 1


#: A block list's entry written as one flow mapping or list on its line, and a comma after it (dropped).
_YAML_ENTRY_COMMA = re.compile(r"^([ \t]*-[ \t]+[{\[].*[}\]])[ \t]*,[ \t]*(?=#|$)", re.M)


def _expanded_size(data: object, limit: int) -> int:
    """Return about how many characters a parsed YAML document holds with every alias written out.

    Shared nodes are sized once (memoized by identity), so a document of nested aliases
    ("billion laughs") costs time linear in its nodes; the count stops growing past ``limit``.
    """
    sizes: dict[int, int] = {}
    opened: set[int] = set()
    stack: list = [(data, False)]
    while stack:
        node, ready = stack.pop()
        if not isinstance(node, (list, dict)) or id(node) in sizes or (not ready and id(node) in opened):
            continue
        children = [x for kv in node.items() for x in kv] if isinstance(node, dict) else node
        if not ready:
            opened.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in children if isinstance(c, (list, dict)))
            continue
        total = 1
        for c in children:
            total += sizes.get(id(c), 1) if isinstance(c, (list, dict)) else len(str(c)) + 1
            if total > limit:
                break
        sizes[id(node)] = min(total, limit + 1)
    return sizes[id(data)] if isinstance(data, (list, dict)) else len(str(data))


def load(path: str | Path) -> Corrections:
    """Read a corrections file: JSON, CSV when its name ends in ``.csv``, YAML when in ``.yaml`` or ``.yml``.

    Raises:
        InputError: The file cannot be read, is not JSON (or CSV), or has a bad item.
    """
    p = Path(path)
    yaml = p.suffix.lower() in YAML_SUFFIXES
    try:
        text = userfile.read_text(p, InputError, "corrections file", YAML_MAX_BYTES if yaml else None)
    except InputError as exc:
        if yaml and "larger than" in str(exc):
            raise InputError(f"{exc} (YAML is read slowly; save a larger set as JSON)") from None
        raise
    # An editor on Windows (Notepad, Excel's "CSV UTF-8") starts the file with a byte-order mark: not part
    # of the document in any of the three forms.
    text = text.removeprefix("\ufeff")
    if p.suffix.lower() == ".csv":
        return parse_csv(text, str(p))
    if yaml:
        return parse_yaml(text, str(p))
    try:
        data = userfile.loads(text, InputError, str(p))
    except InputError as exc:
        # Items pasted from `kgraph review`'s text output each end in a comma, so the last one before "]" too: a
        # comma before a closing bracket is read as absent (any other error is the file's, as written).
        relaxed = _without_trailing_commas(text)
        if relaxed == text:
            raise
        try:
            data = json.loads(relaxed)
        except (ValueError, RecursionError):
            raise exc from None
    return parse(data, str(p))


def _without_trailing_commas(text: str) -> str:
    """Return JSON text without the commas that stand right before a closing ``]`` or ``}`` (outside strings)."""
    # Strings are matched whole (and kept), so only a comma outside them is dropped. A loop over the characters
    # held one string object per character: a 15 MB file of CJK text peaked at 491 MB (64 MB: about 2 GB).
    return _TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2), text)


#: A JSON string (kept), or a comma followed only by white space and a closing bracket (the comma dropped). An
#: unterminated string matches no string: the text fails to parse either way.
_TRAILING_COMMA = re.compile(r'("(?:[^"\\]++|\\.)*+")|,(\s*+[\]}])', re.S)  # possessive: nothing kept to go back to


def to_json(items: list[dict]) -> str:
    """Return items as the text of a corrections file."""
    return json.dumps({"version": 1, "corrections": items}, indent=1, ensure_ascii=False) + "\n"


#: Column order of a CSV corrections file kgraph writes.
CSV_COLUMNS = ("action", "entities", "keep", "entity", "articles", "context", "label", "type", "subject",
               "predicate", "object", "note", "author")


#: A cell a spreadsheet would read as a formula (``=HYPERLINK(...)`` runs when the file is opened), after
#: any apostrophes (the guard :func:`to_csv` adds, so that a label made of apostrophes round-trips too).
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def _csv_cell(v: str) -> str:
    """Return a cell kgraph writes: text that starts like a formula gets a leading apostrophe."""
    return "'" + v if _FORMULA.match(v) else v


def _from_csv_cell(v: str) -> str:
    """Undo :func:`_csv_cell`: one leading apostrophe before a formula is the guard, not the text."""
    return v[1:] if v[:1] == "'" and _FORMULA.match(v, 1) else v


def to_csv(items: list[dict]) -> str:
    """Return items as the text of a CSV corrections file (only the columns they use).

    Cells that start like a spreadsheet formula get a leading apostrophe, which
    :func:`parse_csv` removes again: an entity label read from a hostile graph
    file never runs as a formula when the file is opened in a spreadsheet.
    """
    columns = [c for c in CSV_COLUMNS if any(item.get(c) for item in items)] or ["action"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for item in items:
        writer.writerow([_csv_cell(CSV_LIST_SEPARATOR.join(v) if isinstance(v := item.get(c, ""), list) else v)
                         for c in columns])
    return buf.getvalue()


def dump(corrections: Corrections) -> str:
    """Return loaded corrections as the text of a JSON corrections file."""
    return to_json([c.as_item() for c in corrections.items])
