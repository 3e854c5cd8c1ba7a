"""kgraph extraction layer: spaCy parses to mentions and relations (no spaCy object leaves it)."""

from kgraph.extraction import entity_model  # noqa: F401  (registers the learned entity decision with extract)
