"""kgraph: knowledge graphs from news articles.

The stages, each importable on its own::

    from kgraph import read_inputs, load_model, extract_articles, link_extractions, to_graph
    kb = link_extractions(extract_articles(read_inputs(["seeds/"]), nlp=load_model()))
    graph = to_graph(kb)
"""

__version__ = "0.1.0"

import sys as _sys

if _sys.argv and (_sys.argv[0] == "-m" or _sys.argv[0].replace("\\", "/").rsplit("/", 1)[-1] == "kgraph"):
    # Running as the kgraph command: Ctrl-C while the modules below load exits with one line.
    from kgraph.core.errors import quiet_startup_signals

    quiet_startup_signals()

# The public names are imported on first use (PEP 562), so that importing one
# stage (``kgraph.core.model``, ``kgraph.core.terms``) does not load spaCy, rdflib and
# networkx with every other stage.
_EXPORTS = {
    "GraphError": "kgraph.core.errors", "InputError": "kgraph.core.errors", "KGraphError": "kgraph.core.errors", "ModelError": "kgraph.core.errors",
    "QueryError": "kgraph.core.errors", "ValidationError": "kgraph.core.errors",
    "ENTITY_TYPES": "kgraph.core.model", "PREDICATES": "kgraph.core.model", "Article": "kgraph.core.model", "Entity": "kgraph.core.model",
    "Extraction": "kgraph.core.model", "Fact": "kgraph.core.model", "KnowledgeBase": "kgraph.core.model", "Mention": "kgraph.core.model", "Relation": "kgraph.core.model",
    "read_inputs": "kgraph.sources.ingest", "load_model": ("kgraph.extraction.nlp", "load"), "extract_articles": "kgraph.extraction.extract",
    "extract_doc": "kgraph.extraction.extract", "link_extractions": "kgraph.linking.link", "serialize": "kgraph.graph.rdf", "to_dataset": "kgraph.graph.rdf",
    "to_graph": "kgraph.graph.rdf", "write_formats": "kgraph.graph.rdf", "validate_file": "kgraph.graph.validate", "validate_graph": "kgraph.graph.validate",
    "to_networkx": "kgraph.graph.export", "build": "kgraph.build.pipeline", "evaluate_gold": ("kgraph.evaluate", "evaluate"),
    "score_kb": "kgraph.evaluate",
}


def __getattr__(name: str):
    """Import a public name from its stage module on first use."""
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
    module, attr = target if isinstance(target, tuple) else (target, name)
    from importlib import import_module

    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


__all__ = [
    "Article", "Entity", "ENTITY_TYPES", "Extraction", "Fact", "GraphError", "InputError", "KGraphError",
    "KnowledgeBase", "Mention", "ModelError", "PREDICATES", "QueryError", "Relation", "ValidationError",
    "build", "extract_articles", "extract_doc", "link_extractions", "load_model", "read_inputs", "serialize", "to_dataset", "to_graph",
    "to_networkx", "validate_file", "validate_graph", "write_formats",
    "evaluate_gold", "score_kb",
]
