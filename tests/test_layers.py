"""The package's layers: imports only go down, no module imports another in a cycle, spaCy stays in extraction."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "kgraph"

#: Subpackages from the bottom up; a module may import its own layer and the layers below.
LAYERS = ("core", "sources", "extraction", "linking", "graph", "page", "sparql", "build")
#: Top-level modules sit above every layer (the command line, training, evaluation).
TOP = "top"
#: Packages that hold data files only (ontology, saved queries, model files).
DATA = {"kgraph.models", "kgraph.queries", "kgraph.ontology"}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else TOP


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _root_exports() -> dict[str, str]:
    """Return the module each public name of the package root comes from (its lazy ``_EXPORTS`` table)."""
    tree = ast.parse((PKG / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "_EXPORTS" for t in node.targets):
            table = ast.literal_eval(node.value)
            return {name: target[0] if isinstance(target, tuple) else target for name, target in table.items()}
    return {}


#: ``from kgraph import build`` loads kgraph.build.pipeline: the root re-exports every layer's names.
ROOT_EXPORTS = _root_exports()
#: Calls that import a module named by a string.
_DYNAMIC = {"import_module", "__import__"}


def _imported_names(node: ast.AST, package: str, known: set[str]) -> list[str]:
    """Return the dotted names an import statement or ``import_module("...")`` call loads."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
            base = ".".join(anchor + ([base] if base else []))
        names = [f"{base}.{a.name}" for a in node.names]
        if not all(n in known for n in names):
            names.append(base)  # names from the module itself, not submodules
        if base == "kgraph":
            # The root's names are imported on first use from their stage: that stage is the dependency.
            names += [ROOT_EXPORTS[a.name] for a in node.names if a.name in ROOT_EXPORTS]
        return names
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
            and isinstance(node.args[0].value, str):
        func = node.func
        if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) in _DYNAMIC:
            return [node.args[0].value]
    return []


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """Return the kgraph modules a module imports anywhere in its body (functions and ``import_module`` included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        names = _imported_names(node, package, known)
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name != module and name.startswith("kgraph."):
                found.add(name)
    return found


MODULES = _modules()
GRAPH = {m: _imports(m, p, set(MODULES)) for m, p in MODULES.items()}


def _rank(module: str) -> int:
    layer = _layer(module)
    return len(LAYERS) if layer == TOP else LAYERS.index(layer)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != "kgraph"))
def test_imports_only_go_down(module):
    up = sorted(i for i in GRAPH[module] if i != "kgraph" and _rank(i) > _rank(module))
    assert not up, f"{module} ({_layer(module)}) imports a higher layer: {up}"


def test_every_module_is_in_a_layer():
    flat = sorted(m for m in MODULES if m.count(".") == 1 and _layer(m) == TOP and m.split(".")[1] not in LAYERS)
    assert set(flat) - DATA <= {"kgraph.__main__", "kgraph.cli", "kgraph.train", "kgraph.train_doc", "kgraph.sentrel_train",
                                "kgraph.encoder_pack", "kgraph.retype_train",
                                "kgraph.evaluate", "kgraph.review"}, flat


def test_no_import_cycles():
    # Tarjan's strongly connected components over the module graph (the package root excluded:
    # its exports are imported lazily on first use).
    # Package __init__ modules are left out too: they only gather their layer's modules.
    inits = {m for m, p in MODULES.items() if p.name == "__init__.py"}
    graph = {m: {i for i in deps if i not in inits} for m, deps in GRAPH.items() if m not in inits}
    index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


#: spaCy's parses stay inside extraction: no other module may import spaCy (the training modules get their
#: examples as plain records from ``kgraph.extraction.examples``, which parses, caches and walks the corpora).
SPACY_OUTSIDE_EXTRACTION: set[str] = set()
#: Mutable dataclasses that never leave their own stage (a working cluster of linking).
MUTABLE_RECORDS = {"kgraph.linking.identity.Group"}


def _third_party(path: Path) -> set[str]:
    """Return the top-level names of the packages a module imports anywhere (functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            if (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")) in _DYNAMIC:
                found.add(node.args[0].value.split(".")[0])
    return found


def test_spacy_stays_in_extraction():
    outside = sorted(m for m, p in MODULES.items()
                     if _layer(m) != "extraction" and {"spacy", "thinc"} & _third_party(p))
    assert set(outside) <= SPACY_OUTSIDE_EXTRACTION, f"spaCy imported outside kgraph/extraction: {outside}"


#: The modules that fit models on examples (``kgraph/train*.py``, the heads' trainers).
TRAINING = sorted(m for m in MODULES if _layer(m) == TOP and "train" in m.rsplit(".", 1)[-1])

#: Attributes only spaCy's Doc, Span, Token and Language objects have (kgraph's records have none of them).
SPACY_ATTRIBUTES = frozenset("""pipe pipe_names make_doc get_pipe vocab sents sent root char_span noun_chunks ents doc
i idx start_char end_char text_with_ws whitespace_ pos_ tag_ dep_ lemma_ lower_ norm_ shape_ ent_type_ ent_iob_ label_
is_sent_start is_alpha is_upper is_title is_punct is_space is_stop like_num children ancestors subtree lefts
rights""".split())

#: Parameter names of extraction functions that take a parse or a pipeline (a Doc, its pieces, a Span, a Token,
#: an article view over spans): the training modules call none of them.
_PARSE_PARAMETERS = frozenset("doc docs pieces span sa sb tok token sent nlp parsed view".split())


def _takes_a_parse(fn: ast.FunctionDef) -> bool:
    """Return whether a function requires a parse-like argument or accepts a pipeline (``nlp``)."""
    pos = fn.args.posonlyargs + fn.args.args
    required = {a.arg for a in pos[:len(pos) - len(fn.args.defaults)]}
    return bool(required & _PARSE_PARAMETERS) or "nlp" in {a.arg for a in pos + fn.args.kwonlyargs}


def _parse_functions() -> dict[str, set[str]]:
    """Return, per extraction module, the names of its top-level functions and classes that take a parse."""
    out: dict[str, set[str]] = {}
    for m, path in MODULES.items():
        if _layer(m) != "extraction":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            fn = node
            if isinstance(node, ast.ClassDef):
                fn = next((b for b in node.body if isinstance(b, ast.FunctionDef) and b.name == "__init__"), None)
            if isinstance(fn, ast.FunctionDef) and _takes_a_parse(fn):
                out.setdefault(m, set()).add(node.name)
    return out


PARSE_FUNCTIONS = _parse_functions()


def _parse_handling(path: Path, parse_functions: dict[str, set[str]]) -> list[str]:
    """Return what in a module touches spaCy's objects: spaCy-only attributes read, parse functions called.

    Besides the attributes (:data:`SPACY_ATTRIBUTES`) this finds imports of
    ``kgraph.extraction.nlp`` (which loads pipelines and parses), and uses of an
    extraction function that takes a parse (imported by name, or read off its
    module).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found, modules = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kgraph.extraction"):
            for a in node.names:
                full = f"{node.module}.{a.name}"
                if full in parse_functions or full == "kgraph.extraction.nlp":
                    modules[a.asname or a.name] = full  # a module imported by name
                if "kgraph.extraction.nlp" in (node.module, full) or a.name in parse_functions.get(node.module, ()):
                    found.append(f"line {node.lineno}: imports {full}")
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("kgraph.extraction"):
                    if a.name == "kgraph.extraction.nlp":
                        found.append(f"line {node.lineno}: imports {a.name}")
                    if a.asname:
                        modules[a.asname] = a.name
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr in SPACY_ATTRIBUTES:
            found.append(f"line {node.lineno}: reads .{node.attr}")
        elif isinstance(node.value, ast.Name) and node.attr in parse_functions.get(modules.get(node.value.id), ()):
            found.append(f"line {node.lineno}: calls {modules[node.value.id]}.{node.attr}")
    return found


@pytest.mark.parametrize("module", TRAINING)
def test_training_modules_hold_no_parse(module):
    # Extraction walks the parses (kgraph.extraction.examples) and hands the training modules plain records.
    found = _parse_handling(MODULES[module], PARSE_FUNCTIONS)
    assert not found, f"{module} touches spaCy objects: {found}"


def test_training_modules_are_the_trainers():
    assert TRAINING == ["kgraph.retype_train", "kgraph.sentrel_train", "kgraph.train", "kgraph.train_doc"]
    assert "find_mentions" in PARSE_FUNCTIONS["kgraph.extraction.extract"]
    assert "parsed_dwie" in PARSE_FUNCTIONS["kgraph.extraction.entity_model"]
    assert "sentence_pairs" not in PARSE_FUNCTIONS.get("kgraph.extraction.examples", ())


def test_a_training_module_walking_a_parse_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from kgraph.extraction import entity_model\n"
                   "from kgraph.extraction.extract import find_mentions\n\n"
                   "def rows(nlp, texts, dwie):\n"
                   "    for doc in nlp.pipe(texts):\n"
                   "        keep = [m for m, span in find_mentions(doc, 0) if span.root.pos_ != 'PRON']\n"
                   "    return entity_model.parsed_dwie(dwie)\n")
    found = _parse_handling(bad, PARSE_FUNCTIONS)
    assert any("find_mentions" in f for f in found)
    assert {".pipe", ".root", ".pos_"} <= {f.split("reads ")[-1] for f in found if "reads" in f}
    assert any("entity_model.parsed_dwie" in f for f in found)


def _dataclasses(path: Path):
    """Yield (class name, frozen) for each dataclass a module defines at its top level."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        for deco in node.decorator_list:
            target = deco.func if isinstance(deco, ast.Call) else deco
            if (target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")) == "dataclass":
                frozen = isinstance(deco, ast.Call) and any(
                    k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value is True
                    for k in deco.keywords)
                yield node.name, frozen


def test_records_that_cross_stages_are_frozen():
    mutable = sorted(f"{m}.{name}" for m, p in MODULES.items() for name, frozen in _dataclasses(p)
                     if not frozen and not name.startswith("_"))
    assert set(mutable) <= MUTABLE_RECORDS, f"public dataclasses must be frozen: {mutable}"


def test_spacy_outside_extraction_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f(doc):\n    from spacy.tokens import Span\n    return Span(doc, 0, 1)\n")
    assert "spacy" in _third_party(bad)


def test_a_mutable_record_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from dataclasses import dataclass\n\n@dataclass\nclass Thing:\n    x: int\n\n"
                   "@dataclass(frozen=True)\nclass Kept:\n    x: int\n")
    assert list(_dataclasses(bad)) == [("Thing", False), ("Kept", True)]


def test_an_import_through_the_root_or_by_name_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import importlib\n\ndef f():\n    from kgraph import link_extractions\n"
                   "    return importlib.import_module('kgraph.sparql.query')\n")
    found = _imports("kgraph.core.bad", bad, set(MODULES))
    assert {"kgraph.linking.link", "kgraph.sparql.query"} <= found


def test_a_layer_violation_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from kgraph.build import pipeline\n")
    assert "kgraph.build.pipeline" in _imports("kgraph.core.bad", bad, set(MODULES))


def _rebound(tree: ast.Module) -> list[str]:
    """Return the top-level names a module binds twice (a second table or function silently replaces the first)."""
    seen, twice = set(), []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        else:
            names = []
        twice += [n for n in names if n in seen]
        seen.update(names)
    return twice


def test_the_rebinding_check_sees_a_second_table_of_one_name():
    assert _rebound(ast.parse("_WORDS = 1\ndef f(): pass\n_WORDS = 2\n")) == ["_WORDS"]


@pytest.mark.parametrize("module", sorted(_modules()))
def test_no_module_binds_a_top_level_name_twice(module):
    # A rule's table defined again lower in a long module changes the rule above it without a word.
    assert _rebound(ast.parse(_modules()[module].read_text(encoding="utf-8"))) == []
