/* kgraph network page. Everything from the graph is data: it is only ever shown
   through textContent / Text nodes, never parsed as HTML. */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('kgraph-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var EDGE_COLOR = {color: '#9aa4ae', highlight: '#1f2328', hover: '#57606a', inherit: false};

  // ------------------------------------------------------------------ small DOM helpers
  function $(id) { return document.getElementById(id); }
  function el(tag, props) {
    var e = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        if (k === 'text') e.textContent = props[k];
        else if (k === 'class') e.className = props[k];
        else if (k === 'on') Object.keys(props.on).forEach(function (ev) { e.addEventListener(ev, props.on[ev]); });
        else e.setAttribute(k, props[k]);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      e.append(c);  // strings become Text nodes
    }
    return e;
  }
  function fill(parent) {
    var items = Array.prototype.slice.call(arguments, 1).filter(function (c) { return c !== null && c !== undefined && c !== false; });
    parent.replaceChildren.apply(parent, items);
  }
  function safeUrl(u) { return typeof u === 'string' && /^https?:\/\/[^\s]+$/i.test(u) ? u : null; }
  function link(url, text) {
    var u = safeUrl(url);
    if (!u) return document.createTextNode(text || url || '');
    return el('a', {href: u, target: '_blank', rel: 'noopener noreferrer nofollow', text: text || u});
  }
  function icon(shape, color) {
    var s = document.createElementNS(SVG, 'svg');
    s.setAttribute('class', 'icon'); s.setAttribute('width', '14'); s.setAttribute('height', '14');
    s.setAttribute('viewBox', '0 0 16 16'); s.setAttribute('aria-hidden', 'true');
    var p;
    if (shape === 'dot') { p = document.createElementNS(SVG, 'circle'); p.setAttribute('cx', 8); p.setAttribute('cy', 8); p.setAttribute('r', 6.5); }
    else if (shape === 'square') { p = document.createElementNS(SVG, 'rect'); p.setAttribute('x', 2); p.setAttribute('y', 2); p.setAttribute('width', 12); p.setAttribute('height', 12); }
    else {
      p = document.createElementNS(SVG, 'path');
      p.setAttribute('d', shape === 'diamond' ? 'M8 1 15 8 8 15 1 8Z' : shape === 'triangle' ? 'M8 1.5 15 14 1 14Z' : 'M8 1 10 6 15 6 11 9.5 12.5 15 8 11.5 3.5 15 5 9.5 1 6 6 6Z');
    }
    p.setAttribute('fill', color); p.setAttribute('stroke', '#2d333b'); p.setAttribute('stroke-width', '0.8');
    s.appendChild(p);
    return s;
  }
  function fmtConf(c) { return c === null || c === undefined ? '–' : Number(c).toFixed(2); }
  function plural(n, one, many) { return n.toLocaleString('en') + ' ' + (n === 1 ? one : (many || one + 's')); }
  function darker(hex) {
    var n = parseInt(hex.slice(1), 16), f = 0.72;
    var r = Math.round(((n >> 16) & 255) * f), g = Math.round(((n >> 8) & 255) * f), b = Math.round((n & 255) * f);
    return '#' + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
  }

  // ------------------------------------------------------------------ the data
  var types = {};
  DATA.types.forEach(function (t) { types[t.name] = t; });
  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  DATA.edges.forEach(function (e) { edgeById[e.id] = e; });
  var big = DATA.nodes.length > 400 || DATA.edges.length > 1000;  // straight edges, hidden while dragging

  function nodeColor(n) {
    var c = (types[n.type] || {color: '#8c8c8c'}).color, b = darker(c);
    return {background: c, border: b, highlight: {background: c, border: '#111'}, hover: {background: c, border: '#111'}};
  }
  var NODE_FONT = {face: FONT, size: 14, color: '#1f2328', strokeWidth: 3, strokeColor: '#ffffff'};
  var visNodes = DATA.nodes.map(function (n) {
    return {id: n.id, label: n.label, x: n.x, y: n.y, value: 1 + n.degree, ktype: n.type,
      shape: (types[n.type] || {shape: 'star'}).shape, color: nodeColor(n)};
  });

  // Edges between the same two nodes are bent apart so that each stays readable.
  var pairCount = {}, pairSeen = {};
  DATA.edges.forEach(function (e) {
    var k = e.from < e.to ? e.from + '\u0000' + e.to : e.to + '\u0000' + e.from;
    pairCount[k] = (pairCount[k] || 0) + 1;
  });
  var visEdges = DATA.edges.map(function (e) {
    var k = e.from < e.to ? e.from + '\u0000' + e.to : e.to + '\u0000' + e.from;
    var i = pairSeen[k] = (pairSeen[k] || 0) + 1, smooth;
    if (pairCount[k] > 1) {
      var cw = (i % 2 === 1) !== (e.from > e.to);
      smooth = {enabled: true, type: cw ? 'curvedCW' : 'curvedCCW', roundness: 0.12 + 0.14 * Math.floor((i - 1) / 2)};
    }
    var n = e.articles.length;
    var v = {id: e.id, from: e.from, to: e.to, label: e.predicate, predicate: e.predicate, conf: e.confidence,
      width: n === 0 ? 1 : Math.min(9, 1 + 1.6 * Math.log2(n)), dashes: n === 0, color: EDGE_COLOR};
    if (smooth) v.smooth = smooth;
    return v;
  });

  // ------------------------------------------------------------------ filters
  var state = {types: new Set(DATA.types.map(function (t) { return t.name; })),
    preds: new Set(DATA.predicates.map(function (p) { return p.name; })), minConf: 0};
  var nodesDS = new vis.DataSet(visNodes), edgesDS = new vis.DataSet(visEdges);
  function nodeShown(id) { var n = byId[id]; return !!n && state.types.has(n.type); }
  var nodeView = new vis.DataView(nodesDS, {filter: function (n) { return state.types.has(n.ktype); }});
  var edgeView = new vis.DataView(edgesDS, {filter: function (e) {
    return state.preds.has(e.predicate) && (e.conf === null || e.conf === undefined || e.conf >= state.minConf - 1e-9)
      && nodeShown(e.from) && nodeShown(e.to);
  }});
  function refresh() {
    nodeView.refresh(); edgeView.refresh();
    if (focused !== null && !nodeShown(focused)) clearSelection();
    else if (focused !== null) highlight(focused);
    updateStats();
  }

  // ------------------------------------------------------------------ the network
  var container = $('net');
  var physicsOptions = {enabled: DATA.physics, solver: 'barnesHut',
    barnesHut: {gravitationalConstant: -6000, centralGravity: 0.25, springLength: 150, springConstant: 0.03,
      damping: 0.3, avoidOverlap: 0},
    stabilization: {enabled: true, iterations: DATA.physicsIterations || 150, updateInterval: 50, fit: true},
    minVelocity: 1.0, timestep: 0.5};
  var options = {
    autoResize: true,
    layout: {improvedLayout: false, randomSeed: 7},
    physics: physicsOptions,
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false,
      multiselect: false, navigationButtons: false, zoomSpeed: 0.8},
    nodes: {borderWidth: 1.5, borderWidthSelected: 3, font: NODE_FONT,
      scaling: {min: 9, max: 34, label: {enabled: true, min: 12, max: 22, maxVisible: 24, drawThreshold: 7}}},
    edges: {arrows: {to: {enabled: true, scaleFactor: 0.55}}, selectionWidth: 1.5, hoverWidth: 0.8,
      smooth: big ? false : {enabled: true, type: 'continuous', roundness: 0.3},
      font: {face: FONT, size: 11, color: '#57606a', strokeWidth: 3, strokeColor: '#ffffff', align: 'middle'},
      scaling: {label: {drawThreshold: 6}}}
  };
  var network = new vis.Network(container, {nodes: [], edges: []}, options);

  function markReady() {
    if (window.kgraphReady) return;
    window.kgraphReady = true;
    document.body.setAttribute('data-ready', '1');
  }
  network.once('stabilizationIterationsDone', function () {
    network.setOptions({physics: {enabled: false}});
    $('physics').checked = false;
    network.fit();
    network.once('afterDrawing', markReady);
    network.redraw();
  });
  network.on('stabilized', function () {
    if ($('physics').checked) { network.setOptions({physics: {enabled: false}}); $('physics').checked = false; }
  });
  if (!DATA.physics || DATA.nodes.length === 0) network.once('afterDrawing', markReady);
  network.setData({nodes: nodeView, edges: edgeView});
  if (!DATA.physics) network.fit();
  if (DATA.nodes.length === 0) {
    container.append(el('div', {class: 'empty', text: 'This graph has no entities.'}));
    markReady();
  }

  // ------------------------------------------------------------------ highlight a neighbourhood
  // Dimming repaints, never re-styles: after each frame a translucent veil covers the canvas and the
  // neighbourhood is drawn again on top, so highlighting costs the size of the neighbourhood only.
  var focused = null, focusNodes = null, focusEdges = null;
  function highlight(id) {
    focusNodes = new Set(network.getConnectedNodes(id)); focusNodes.add(id);
    focusEdges = new Set(network.getConnectedEdges(id));
    network.redraw();
  }
  function unhighlight() {
    if (focusNodes === null) return;
    focusNodes = focusEdges = null;
    network.redraw();
  }
  network.on('afterDrawing', function (ctx) {
    if (focusNodes === null) return;
    var body = network.body, labels = [];
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = 'rgba(255,255,255,0.82)';
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    focusEdges.forEach(function (eid) { var e = body.edges[eid]; if (e && e.connected) e.draw(ctx); });
    focusNodes.forEach(function (nid) {
      var n = body.nodes[nid];
      if (!n) return;
      var r = n.draw(ctx);
      if (r && r.drawExternalLabel) labels.push(r.drawExternalLabel);
    });
    focusEdges.forEach(function (eid) { var e = body.edges[eid]; if (e && e.connected) e.drawArrows(ctx); });
    labels.forEach(function (f) { f(); });
  });
  function clearSelection() {
    focused = null;
    unhighlight();
    network.unselectAll();
    showHint();
  }

  // ------------------------------------------------------------------ details panel
  var details = $('details');
  function showHint() {
    fill(details, el('p', {class: 'muted', text: 'Click a node or an edge to see its names, evidence sentences and source articles.'}));
  }
  function typeChip(name) {
    var t = types[name] || {shape: 'star', color: '#8c8c8c'};
    return el('span', {class: 'chip'}, icon(t.shape, t.color), name || 'Unknown');
  }
  function nodeButton(id) {
    var n = byId[id];
    return el('button', {type: 'button', class: 'link-button', text: n ? n.label : id, on: {click: function () { selectNode(id); }}});
  }
  function articleRef(i) {
    var a = DATA.articles[i];
    if (!a) return document.createTextNode('unknown article');
    var span = el('span', null, link(a.url, a.title || a.id));
    if (a.date) span.append(' (' + a.date + ')');
    return span;
  }
  function dl(rows) {
    var d = el('dl');
    rows.forEach(function (r) { if (r && r[1] !== null && r[1] !== undefined && r[1] !== '') d.append(el('dt', {text: r[0]}), el('dd', null, r[1])); });
    return d;
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    var rows = [['Type', typeChip(n.type)]];
    if (n.alt.length) rows.push(['Also named', n.alt.join(' · ')]);
    if (n.geonames) rows.push(['GeoNames', link(n.geonames)]);
    n.sameAs.filter(function (u) { return u !== n.geonames; }).forEach(function (u) { rows.push(['Same as', link(u)]); });
    if (n.iso) rows.push(['ISO code', n.iso]);
    if (n.coords) rows.push(['Coordinates', n.coords[0].toFixed(4) + ', ' + n.coords[1].toFixed(4)]);
    rows.push(['Mentions', String(n.mentions)]);
    rows.push(['Relations', String(n.degree) + ' neighbour' + (n.degree === 1 ? '' : 's')]);
    rows.push(['IRI', el('code', {class: 'small', text: n.id})]);
    var rel = el('ul');
    DATA.edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) return;
      var b = el('button', {type: 'button', class: 'link-button', text: 'evidence', on: {click: function () { selectEdge(e.id); }}});
      rel.append(el('li', null, e.from === id ? '' : nodeButton(e.from), e.from === id ? '' : ' ',
        el('span', {class: 'pred', text: e.predicate}), ' ', e.to === id ? '' : nodeButton(e.to), ' (', b, ')'));
    });
    var arts = el('ul');
    n.articles.forEach(function (i) { arts.append(el('li', null, articleRef(i))); });
    fill(details, el('h3', {text: n.label}), dl(rows),
      rel.childNodes.length ? el('h2', {text: 'Relations'}) : null, rel.childNodes.length ? rel : null,
      n.articles.length ? el('h2', {text: 'Mentioned in ' + plural(n.articles.length, 'article')}) : null,
      n.articles.length ? arts : null);
  }
  function marked(sentence, names) {
    // Mark the names of the two entities in the sentence, as Text nodes inside <mark>.
    var q = el('blockquote');
    var text = sentence || '', spans = [];
    names.forEach(function (name) {
      if (!name) return;
      var from = 0, i;
      while ((i = text.indexOf(name, from)) >= 0) { spans.push([i, i + name.length]); from = i + name.length; }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var at = 0;
    spans.forEach(function (s) {
      if (s[0] < at) return;
      q.append(text.slice(at, s[0]), el('mark', {text: text.slice(s[0], s[1])}));
      at = s[1];
    });
    q.append(text.slice(at));
    return q;
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    var s = byId[e.from], o = byId[e.to];
    var names = [s.label].concat(s.alt, [o.label], o.alt);
    var roles = Array.from(new Set(e.evidence.map(function (v) { return v.role; }).filter(Boolean)));
    var predLabel = (DATA.predicates.filter(function (p) { return p.name === e.predicate; })[0] || {}).label;
    var list = el('div');
    e.evidence.forEach(function (v) {
      var src = v.article !== null && v.article !== undefined ? articleRef(v.article)
        : (v.source ? el('span', null, 'gazetteer: ', link(v.source)) : 'unknown source');
      var meta = 'confidence ' + fmtConf(v.confidence) + (v.method ? ' · ' + v.method : '') + (v.role ? ' · role: ' + v.role : '');
      list.append(el('div', {class: 'evidence'}, v.sentence ? marked(v.sentence, names) : null,
        el('div', {class: 'meta', text: meta}), el('div', {class: 'meta'}, 'Source: ', src)));
    });
    fill(details, 
      el('h3', null, nodeButton(e.from), ' ', el('span', {class: 'pred', text: e.predicate}), ' ', nodeButton(e.to)),
      dl([['Relation', predLabel && predLabel !== e.predicate ? e.predicate + ' (' + predLabel + ')' : e.predicate],
        ['Role words', roles.join(', ')], ['Confidence', fmtConf(e.confidence)],
        ['Articles', e.articles.length ? String(e.articles.length) : 'none (gazetteer)']]),
      el('h2', {text: plural(e.evidence.length, 'evidence sentence')}), list);
  }

  function selectNode(id) {
    var n = byId[id];
    if (!n) return;
    if (!state.types.has(n.type)) { setType(n.type, true); }
    focused = id;
    network.selectNodes([id]);
    highlight(id);
    showNode(id);
    network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 350, easingFunction: 'easeInOutQuad'}});
  }
  function selectEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    focused = null;
    unhighlight();
    if (edgeView.get(id)) network.selectEdges([id]);
    showEdge(id);
  }
  network.on('click', function (p) {
    hideTip();
    if (p.nodes.length) { selectNode(p.nodes[0]); }
    else if (p.edges.length) { selectEdge(p.edges[0]); }
    else { clearSelection(); }
  });

  // ------------------------------------------------------------------ tooltip
  var tip = $('tooltip');
  function showTip(ev, children) {
    fill.apply(null, [tip].concat(children));
    tip.hidden = false;
    var x = ev.clientX + 14, y = ev.clientY + 14, w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) x = ev.clientX - w - 10;
    if (y + h > window.innerHeight - 8) y = ev.clientY - h - 10;
    tip.style.left = Math.max(4, x) + 'px'; tip.style.top = Math.max(4, y) + 'px';
  }
  function hideTip() { tip.hidden = true; }
  network.on('hoverNode', function (p) {
    var n = byId[p.node];
    if (!n || !p.event) return;
    showTip(p.event, [el('div', {class: 'tt-title', text: n.label}),
      el('div', {class: 'tt-sub', text: n.type + ' · ' + plural(n.degree, 'neighbour') + ' · ' + plural(n.mentions, 'mention')}),
      n.alt.length ? el('div', {text: 'Also: ' + n.alt.slice(0, 5).join(' · ') + (n.alt.length > 5 ? ' …' : '')}) : null]
      .filter(Boolean));
  });
  network.on('hoverEdge', function (p) {
    var e = edgeById[p.edge];
    if (!e || !p.event) return;
    var roles = Array.from(new Set(e.evidence.map(function (v) { return v.role; }).filter(Boolean)));
    var first = (e.evidence[0] || {}).sentence || '';
    showTip(p.event, [el('div', {class: 'tt-title', text: byId[e.from].label + ' → ' + e.predicate + ' → ' + byId[e.to].label}),
      el('div', {class: 'tt-sub', text: (roles.length ? 'role: ' + roles.join(', ') + ' · ' : '') + 'confidence ' + fmtConf(e.confidence)
        + ' · ' + (e.articles.length ? plural(e.articles.length, 'article') : 'gazetteer')}),
      first ? el('div', {text: first.length > 220 ? first.slice(0, 217) + '…' : first}) : null].filter(Boolean));
  });
  network.on('blurNode', hideTip);
  network.on('blurEdge', hideTip);
  network.on('dragStart', hideTip);
  network.on('zoom', hideTip);

  // ------------------------------------------------------------------ controls
  function updateStats() {
    var shownN = nodeView.length, shownE = edgeView.length, t = DATA.totals;
    var txt = plural(DATA.nodes.length, 'entity', 'entities') + ' · ' + plural(DATA.edges.length, 'relation') + ' · '
      + plural(t.articles, 'article');
    if (shownN !== DATA.nodes.length || shownE !== DATA.edges.length) txt += ' — showing ' + shownN.toLocaleString('en') + ' / ' + shownE.toLocaleString('en');
    $('stats').textContent = txt;
  }
  var typeBoxes = {};
  function setType(name, on) {
    if (on) state.types.add(name); else state.types.delete(name);
    if (typeBoxes[name]) typeBoxes[name].checked = on;
    refresh();
  }
  DATA.types.forEach(function (t) {
    var box = el('input', {type: 'checkbox', 'data-type': t.name});
    box.checked = true;
    box.addEventListener('change', function () { setType(t.name, box.checked); });
    typeBoxes[t.name] = box;
    $('type-filters').append(el('label', null, box, icon(t.shape, t.color), t.name, el('span', {class: 'count', text: t.count.toLocaleString('en')})));
  });
  DATA.predicates.forEach(function (p) {
    var box = el('input', {type: 'checkbox', 'data-predicate': p.name});
    box.checked = true;
    box.addEventListener('change', function () {
      if (box.checked) state.preds.add(p.name); else state.preds.delete(p.name);
      refresh();
    });
    $('pred-filters').append(el('label', {title: p.label}, box, el('span', {class: 'pred', text: p.name}),
      el('span', {class: 'count', text: p.count.toLocaleString('en')})));
  });
  if (!DATA.predicates.length) $('pred-filters').append(el('p', {class: 'muted', text: 'No relations.'}));
  $('min-conf').addEventListener('input', function () {
    state.minConf = Number(this.value);
    $('min-conf-value').textContent = state.minConf.toFixed(2);
    refresh();
  });
  $('physics').checked = false;
  $('physics').addEventListener('change', function () {
    network.setOptions({physics: {enabled: this.checked, stabilization: {enabled: false}}});
    if (this.checked) network.startSimulation();
  });
  $('fit').addEventListener('click', function () { network.fit({animation: {duration: 300}}); });
  $('clear').addEventListener('click', clearSelection);

  if (DATA.omitted) {
    var o = DATA.omitted, by = Object.keys(o.byType).map(function (k) { return k + ' ' + o.byType[k].toLocaleString('en'); });
    var box = $('omitted');
    box.append(el('p', {text: 'Showing the ' + o.maxNodes.toLocaleString('en') + ' most central of '
      + DATA.totals.nodes.toLocaleString('en') + ' entities (by number of neighbours, then mentions).'}),
      el('p', {text: 'Left out: ' + plural(o.nodes, 'entity', 'entities') + ' (' + by.join(', ') + ') and '
        + plural(o.edges, 'relation') + '.'}),
      el('p', {class: 'small', text: 'Most central left out: ' + o.names.join(' · ') + (o.nodes > o.names.length ? ' …' : '')}),
      el('p', {class: 'small muted', text: 'Draw more with: kgraph view GRAPH --max-nodes N'}));
    box.hidden = false;
  }

  // ------------------------------------------------------------------ search
  function norm(s) { return String(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  var index = DATA.nodes.map(function (n) { return {n: n, names: [n.label].concat(n.alt).map(norm)}; });
  function find(q) {
    var qn = norm(q).trim();
    if (!qn) return [];
    var hits = [];
    index.forEach(function (it) {
      var best = 9;
      it.names.forEach(function (name) {
        var s = name === qn ? 0 : name.indexOf(qn) === 0 ? 1 : (' ' + name).indexOf(' ' + qn) >= 0 ? 2 : name.indexOf(qn) >= 0 ? 3 : 9;
        if (s < best) best = s;
      });
      if (best < 9) hits.push([best, it.n]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || b[1].degree - a[1].degree || b[1].mentions - a[1].mentions || (a[1].label < b[1].label ? -1 : 1); });
    return hits.map(function (h) { return h[1]; });
  }
  var results = $('results'), search = $('search'), current = [];
  function showResults() {
    current = find(search.value);
    results.replaceChildren();
    current.slice(0, 12).forEach(function (n, i) {
      var other = n.alt.filter(function (a) { return norm(a).indexOf(norm(search.value).trim()) >= 0; });
      var b = el('button', {type: 'button', role: 'option', class: i === 0 ? 'active' : '', on: {click: function () { pick(n.id); }}},
        icon((types[n.type] || {}).shape || 'star', (types[n.type] || {}).color || '#8c8c8c'), ' ', n.label,
        other.length ? el('span', {class: 'result-alt', text: ' (' + other.join(', ') + ')'}) : null);
      results.append(el('li', null, b));
    });
    if (search.value.trim() && !current.length) {
      var q = norm(search.value).trim();
      var left = DATA.omitted ? DATA.omitted.all.filter(function (n) { return norm(n).indexOf(q) >= 0; }) : [];
      results.append(el('li', {class: 'muted', text: left.length
        ? 'Left out of this page by --max-nodes: ' + left.slice(0, 5).join(' · ') + (left.length > 5 ? ' …' : '')
        : 'No entity has that name.'}));
    }
  }
  function pick(id) { results.replaceChildren(); selectNode(id); }
  search.addEventListener('input', showResults);
  results.addEventListener('keydown', function (ev) {
    var b = document.activeElement, li = b && b.parentElement;
    if (ev.key === 'ArrowDown' && li && li.nextElementSibling) { ev.preventDefault(); li.nextElementSibling.querySelector('button').focus(); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); if (li && li.previousElementSibling) li.previousElementSibling.querySelector('button').focus(); else search.focus(); }
    else if (ev.key === 'Escape') { search.focus(); }
  });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') { ev.preventDefault(); if (!current.length) showResults(); if (current.length) pick(current[0].id); }
    else if (ev.key === 'ArrowDown' && results.querySelector('button')) { ev.preventDefault(); results.querySelector('button').focus(); }
    else if (ev.key === 'Escape') { search.value = ''; results.replaceChildren(); }
  });

  updateStats();
  window.kgraph = {network: network, nodes: nodesDS, edges: edgesDS, nodeView: nodeView, edgeView: edgeView, data: DATA,
    find: find, selectNode: selectNode, focus: function () { return focusNodes ? Array.from(focusNodes) : []; }, selectEdge: selectEdge, setType: setType};
})();
