"""kgraph core layer: the records that cross stages, the vocabulary generated from the ontology, IRIs, errors."""
