"""kgraph page layer."""
