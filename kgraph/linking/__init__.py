"""kgraph linking layer."""
