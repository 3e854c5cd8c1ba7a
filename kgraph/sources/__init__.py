"""kgraph sources layer."""
