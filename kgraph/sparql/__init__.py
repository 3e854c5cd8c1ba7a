"""kgraph SPARQL layer: query text checks, stores, queries, the endpoint and push."""
