"""kgraph linking layer: extractions to one knowledge base (identity across articles, corrections)."""
