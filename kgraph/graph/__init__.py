"""kgraph graph layer."""
