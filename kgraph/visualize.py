"""The interactive network page: a graph becomes one self-contained HTML file."""

from __future__ import annotations

import html
import json
from importlib import resources

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from .vocab import KG

#: Colour of each entity type on the page and in its legend.
COLORS = {"Person": "#e15759", "Organization": "#4e79a7", "Country": "#59a14f", "Place": "#f28e2b"}


def _vis_js() -> str:
    lib = resources.files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js")
    return lib.read_text(encoding="utf-8")


def graph_data(g: Graph) -> tuple[list[dict], list[dict]]:
    """Return the nodes and edges of the network as plain dicts (names are data, not markup)."""
    nodes, ids = [], {}
    for t in ("Person", "Organization", "Country", "Place"):
        for s in sorted(set(g.subjects(RDF.type, KG[t]))):
            if s in ids:
                continue
            ids[s] = len(ids)
            label = str(g.value(s, RDFS.label) or s)
            nodes.append({"id": ids[s], "label": label, "group": t, "title": f"{label} ({t})",
                          "color": COLORS[t]})
    edges = []
    for pred in ("worksFor", "memberOf", "leaderOf", "citizenOf", "livesIn", "bornIn",
                 "basedIn", "partOf", "locatedIn", "killed"):
        for s, o in sorted(g.subject_objects(KG[pred])):
            if s in ids and o in ids:
                sentences = sorted({str(x) for ev in g.subjects(RDF.subject, s)
                                    if (ev, RDF.predicate, KG[pred]) in g and (ev, RDF.object, o) in g
                                    for x in g.objects(ev, KG.sentence)})
                edges.append({"from": ids[s], "to": ids[o], "label": pred, "arrows": "to",
                              "title": "\n".join(sentences) or pred})
    return nodes, edges


def render(g: Graph, title: str = "kgraph") -> str:
    """Return the page for a graph as one HTML string with its JavaScript inlined."""
    nodes, edges = graph_data(g)
    data = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False).replace("</", "<\\/")
    legend = "".join(f'<span style="color:{c}">&#9679; {html.escape(t)}</span> ' for t, c in COLORS.items())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{margin:0;font-family:sans-serif}}#net{{width:100vw;height:92vh}}#legend{{padding:6px}}</style>
<script>{_vis_js()}</script></head>
<body><div id="legend">{legend}</div><div id="net"></div>
<script id="kgraph-data" type="application/json">{data}</script>
<script>
const data = JSON.parse(document.getElementById('kgraph-data').textContent);
const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
const network = new vis.Network(document.getElementById('net'), {{nodes, edges}},
  {{physics: {{stabilization: {{iterations: 300}}}}, interaction: {{hover: true}}}});
network.once('stabilizationIterationsDone', () => network.setOptions({{physics: false}}));
window.kgraphNetwork = network;
</script></body></html>
"""
