"""kgraph sources layer: what kgraph reads (articles, the offline gazetteer, training data)."""
