"""kgraph sparql layer."""
