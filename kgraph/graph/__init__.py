"""kgraph graph layer: the knowledge base as RDF and other formats, safe parsing, SHACL validation."""
