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
    from .errors import quiet_startup_signals

    quiet_startup_signals()

from .errors import GraphError, InputError, KGraphError, ModelError, QueryError, ValidationError
from .model import ENTITY_TYPES, PREDICATES, Article, Entity, Extraction, Fact, KnowledgeBase, Mention, Relation
from .ingest import read_inputs
from .nlp import load as load_model
from .extract import extract_articles, extract_doc
from .link import link_extractions
from .rdf import serialize, to_dataset, to_graph, write_formats
from .validate import validate_file, validate_graph
from .export import to_networkx
from .pipeline import build
from .evaluate import evaluate as evaluate_gold
from .evaluate import score_kb

__all__ = [
    "Article", "Entity", "ENTITY_TYPES", "Extraction", "Fact", "GraphError", "InputError", "KGraphError",
    "KnowledgeBase", "Mention", "ModelError", "PREDICATES", "QueryError", "Relation", "ValidationError",
    "build", "extract_articles", "extract_doc", "link_extractions", "load_model", "read_inputs", "serialize", "to_dataset", "to_graph",
    "to_networkx", "validate_file", "validate_graph", "write_formats",
    "evaluate_gold", "score_kb",
]
