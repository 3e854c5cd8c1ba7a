"""The package's layers: imports only go down, and no module imports another in a cycle."""

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


def _imports(module: str, path: Path, known: set[str]) -> set[str]:
    """Return the kgraph modules a module imports anywhere in its body (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names]
            if not all(n in known for n in names):
                names.append(base)  # names from the module itself, not submodules
        else:
            continue
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


def test_a_layer_violation_is_caught(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from kgraph.build import pipeline\n")
    assert "kgraph.build.pipeline" in _imports("kgraph.core.bad", bad, set(MODULES))
