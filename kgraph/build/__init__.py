"""kgraph build layer: whole builds (pipeline, cache, parallel runners), written atomically."""
