"""kgraph page layer: the offline network page (visualize) and its HTML, CSS and JS."""
