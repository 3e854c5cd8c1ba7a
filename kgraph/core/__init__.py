"""kgraph core layer."""
