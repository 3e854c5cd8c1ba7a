/* kgraph network page. Everything from the graph is data: it is only ever shown
   through textContent / Text nodes / value properties, never parsed as HTML.
   Nothing is fetched: downloads are Blobs made in the page. */
(function () {
  'use strict';

  var DATA = JSON.parse(document.getElementById('kgraph-data').textContent);
  var SVG = 'http://www.w3.org/2000/svg';
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var EDGE_COLOR = {color: '#a3acb5', highlight: '#1f2328', hover: '#57606a', inherit: false};
  // Many edges are drawn translucent, so that nodes and names stay readable where they cross, but darker (THEMES'
  // edgeMany): at 0.45 of the light grey, 300 articles' edges were 1.3:1 on white, barely there; at 0.6 of the
  // darker grey a lone edge is about 3:1 in either theme, and a crowd of them still lets the nodes show through.
  var MANY_EDGES = DATA.nodes.length > 400;
  var EDGE_OPACITY = MANY_EDGES ? 0.6 : 1.0;
  var UNKNOWN_SOURCE = '(no publisher)';
  var ID_BASE = (DATA.ns || {}).id || '';

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
  // a key read from the URL is looked up only among a map's own keys ("constructor" is not a type)
  function own(map, k) { return typeof k === 'string' && Object.prototype.hasOwnProperty.call(map, k); }
  function safeUrl(u) { return typeof u === 'string' && /^https?:\/\/[^\s]+$/i.test(u) ? u : null; }
  // An IRI shown as text: its bidirectional controls as U+FFFD, as the labels' are (kgraph.page.visualize._shown).
  // A graph file's IRI "person/\u202egnp.exe" read "exe.png" in its panel; the data keeps the IRI as it is.
  function shownIri(u) { return String(u).replace(/[\u202a-\u202e\u2066-\u2069]/g, '\ufffd'); }
  function link(url, text) {
    var u = safeUrl(url);
    if (!u) return document.createTextNode(text || shownIri(url || ''));
    return el('a', {href: u, target: '_blank', rel: 'noopener noreferrer nofollow', referrerpolicy: 'no-referrer', text: text || shownIri(u)});
  }
  // A button that hides or redraws what holds it ("Frame them all", "Show them", "Show everything", "Reset the
  // filters", "Show all 38 articles") left the keyboard focus on the page's body, from where Tab starts again at the
  // search box. Focus lost so goes to the same button drawn again, else the first button of what held it if still
  // shown, else the item a list grew by, else the network (where what was asked for is shown; keys move it there).
  function button(text, onclick, cls) {
    var b = el('button', {type: 'button', class: cls || '', text: text});
    b.addEventListener('click', function (ev) {
      // what holds it: a section, a note, the details panel, else a folding part of the controls (Corrections)
      var had = document.activeElement === b, scope = b.parentElement && (b.parentElement.closest('section, .note, #details, #side, main') || b.parentElement.closest('details'));
      var fold = b.parentElement && b.parentElement.closest('details');  // a folding part of a panel (Correct this entity)
      onclick.call(this, ev);
      if (had) keepFocus(b, scope, fold && fold.className);
    });
    return b;
  }
  // A heading says what follows in a few words, in capitals; its counts and what the filters keep follow in smaller
  // plain text ("Named in the same articles (3 entities, in the time and source filters)" took three lines in
  // capitals in a side panel at 1366x768). The text is as before: a heading is read whole.
  function headingParts(h, main, detail, comma) {
    h.replaceChildren(main, detail ? el('span', {class: 'h2-detail', text: comma ? ', ' + detail : ' (' + detail + ')'}) : '');
    return h;
  }
  function heading(main, detail, comma) { return headingParts(el('h2'), main, detail, comma); }
  function focusable(x) { return x && x.isConnected && !x.disabled && x.getClientRects().length > 0; }
  function keepFocus(b, scope, fold) {
    var now = document.activeElement;
    if (now && now !== document.body && now.isConnected && focusable(now)) return;
    if (focusable(b)) { b.focus(); return; }
    var cands = scope && scope.isConnected ? Array.prototype.slice.call(scope.querySelectorAll('button')) : [];
    var same = cands.filter(function (x) { return b.className && x.className === b.className && focusable(x); })[0];
    var first = cands.filter(focusable)[0];
    var to = same || (scope && scope.id !== 'details' && scope.id !== 'side' ? first : null);
    // the folding part it was in, drawn again (the last pending correction undone: the form's own heading)
    if (!to && fold && scope && scope.isConnected) {
      to = Array.prototype.filter.call(scope.querySelectorAll('details > summary'), function (x) { return x.parentElement.className === fold && focusable(x); })[0] || null;
    }
    if (!to && scope && (scope.id === 'details' || scope.closest('#side'))) {
      to = details.querySelector('h3') || details.querySelector('h2');  // the corpus' panel has no h3
      if (to) to.setAttribute('tabindex', '-1');
    }
    if (!to && scope && scope.isConnected && scope.tagName === 'DETAILS') to = scope.querySelector('summary');
    if (!to) to = document.querySelector('#net .vis-network');
    if (to) to.focus({preventScroll: true});
  }
  // the first of the items a list grew by takes the focus from the button that grew it, gone with it
  function focusAdded(item) {
    if (!item) return;
    var to = item.querySelector('button, a[href], input, select') || item;
    if (to === item) item.setAttribute('tabindex', '-1');
    to.focus({preventScroll: true});
  }
  function icon(shape, color) {
    var s = document.createElementNS(SVG, 'svg');
    s.setAttribute('class', 'icon'); s.setAttribute('width', '14'); s.setAttribute('height', '14');
    s.setAttribute('viewBox', '0 0 16 16'); s.setAttribute('aria-hidden', 'true'); s.setAttribute('data-color', color);
    var p;
    if (shape === 'dot') { p = document.createElementNS(SVG, 'circle'); p.setAttribute('cx', 8); p.setAttribute('cy', 8); p.setAttribute('r', 6.5); }
    else if (shape === 'square') { p = document.createElementNS(SVG, 'rect'); p.setAttribute('x', 2); p.setAttribute('y', 2); p.setAttribute('width', 12); p.setAttribute('height', 12); }
    else {
      p = document.createElementNS(SVG, 'path');
      p.setAttribute('d', shape === 'diamond' ? 'M8 1 15 8 8 15 1 8Z' : shape === 'triangle' ? 'M8 1.5 15 14 1 14Z' : 'M8 1 10 6 15 6 11 9.5 12.5 15 8 11.5 3.5 15 5 9.5 1 6 6 6Z');
    }
    p.setAttribute('fill', shade(color)); p.setAttribute('stroke', '#2d333b'); p.setAttribute('stroke-width', '0.8');
    s.appendChild(p);
    return s;
  }
  function fmtConf(c) { return c === null || c === undefined ? '–' : Number(c).toFixed(2); }
  // A relation whose confidence is under LOW_CONF is drawn pale and said to be low wherever it is listed: in
  // DWIE 1-300 a fifth of the relations (344 of 1,663) are 0.5-0.7, about one in three of them or more wrong, and they were
  // drawn and listed as the 0.95 ones were (an article's facts and a path's steps gave no confidence at all).
  // pale, not dotted: 2,000 dotted edges of a 5,000-relation page took the browser 2 s more to paint a selection
  var LOW_CONF = 0.7, LOW_OPACITY = 0.35;
  function lowConf(e) {
    return !e.gaz && !(e.asserted && !e.articles.length) && e.confidence !== null && e.confidence !== undefined && e.confidence < LOW_CONF;
  }
  // "confidence 0.63, low" for a low one, "confidence 0.91" otherwise
  function confWords(e) { return 'confidence ' + fmtConf(e.confidence) + (lowConf(e) ? ', low' : ''); }
  // what a relation's confidence is: its most confident sentence's, a precision measured on annotated articles. Shown
  // bare, 0.91 for a relation 14 articles state and for one stated once read as a probability that grows with them.
  function confText(e) {
    if (e.confidence === null || e.confidence === undefined) return fmtConf(e.confidence);
    var n = e.evidence.length, pct = Math.round(100 * e.confidence);
    return el('span', null, fmtConf(e.confidence), el('span', {class: 'muted small conf-note', text: (n > 1 ? ' (its most confident of '
      + plural(n, 'sentence') + '; more articles do not raise it)' : '') + ' · measured: about ' + pct
      + ' in 100 statements given this confidence were right in annotated articles'}));
  }
  function num(n) { return n.toLocaleString('en'); }
  // "77 mentions in 16 articles": the mentions alone (77) read as the articles that name it
  function mentionsText(n) {
    return plural(n.mentions || 0, 'mention') + (n.articles && n.articles.length ? ' in ' + plural(n.articles.length, 'article') : '');
  }
  function plural(n, one, many) { return num(n) + ' ' + (n === 1 ? one : (many || one + 's')); }
  function darker(hex) {
    var n = parseInt(hex.slice(1), 16), f = 0.72;
    var r = Math.round(((n >> 16) & 255) * f), g = Math.round(((n >> 8) & 255) * f), b = Math.round((n & 255) * f);
    return '#' + ((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1);
  }
  function download(name, mime, text) {
    var url = URL.createObjectURL(new Blob([text], {type: mime}));
    var a = el('a', {href: url, download: name});
    document.body.append(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 2000);
  }

  // ------------------------------------------------------------------ theme: light or dark
  // The page follows the system's setting (prefers-color-scheme) until the header's button picks one, which the
  // browser keeps (localStorage) for the next page; picking the system's own again follows it again. The
  // stylesheet colours the panels; what the canvas draws (names and their halos, edges, the veil over dimmed nodes,
  // the chosen node's outline) takes its colours from here. Paper is always light.
  var THEMES = {
    light: {surface: '#ffffff', ink: '#1f2328', halo: 'rgba(255,255,255,0.92)', leaderHalo: 'rgba(255,255,255,0.9)',
      leader: '#3d444d', veil: 'rgba(255,255,255,0.82)', edge: '#a3acb5', edgeMany: '#4b535d', edgeHi: '#1f2328', edgeHover: '#57606a',
      chosen: '#111111', neutral: '#d0d7de', barOn: '#0969da', barOff: '#c9d1d9'},
    dark: {surface: '#0d1117', ink: '#e6edf3', halo: 'rgba(13,17,23,0.92)', leaderHalo: 'rgba(13,17,23,0.9)',
      leader: '#9198a1', veil: 'rgba(13,17,23,0.8)', edge: '#8b949e', edgeMany: '#adb6c0', edgeHi: '#f0f6fc', edgeHover: '#c9d1d9',
      chosen: '#f0f6fc', neutral: '#8b949e', barOn: '#4493f8', barOff: '#3d444d'}
  };
  var THEME_KEY = 'kgraph-theme';
  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : {matches: false};
  function storedTheme() {
    try { var t = window.localStorage.getItem(THEME_KEY); return t === 'dark' || t === 'light' ? t : null; } catch (err) { return null; }
  }
  var themeName = storedTheme() || (darkQuery.matches ? 'dark' : 'light'), T = THEMES[themeName];
  document.documentElement.setAttribute('data-theme', themeName);
  EDGE_COLOR.color = MANY_EDGES ? T.edgeMany : T.edge; EDGE_COLOR.highlight = T.edgeHi; EDGE_COLOR.hover = T.edgeHover;
  // A community's or type's colour on the dark background: the palette keeps 3:1 against white, and 71 of its
  // 969 colours fell under 3:1 against the dark network (a dark purple nearly vanished). Those are made lighter in
  // OKLab (same hue and chroma, so the colour still reads as itself) until they reach 3:1; the others are unchanged.
  var liftCache = {};
  function toLinear(v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
  function toByte(v) { v = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055; return Math.max(0, Math.min(255, Math.round(v * 255))); }
  function linearOf(hex) { var n = parseInt(hex.slice(1), 16); return [toLinear((n >> 16) & 255), toLinear((n >> 8) & 255), toLinear(n & 255)]; }
  function luminance(lin) { return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]; }
  function contrast(hexA, hexB) {
    var a = luminance(linearOf(hexA)), b = luminance(linearOf(hexB));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  function lift(hex) {
    if (!/^#[0-9a-f]{6}$/i.test(hex)) return hex;
    if (own(liftCache, hex)) return liftCache[hex];
    var c = linearOf(hex), bg = luminance(linearOf(THEMES.dark.surface)), out = hex;
    var l = Math.cbrt(0.4122214708 * c[0] + 0.5363325363 * c[1] + 0.0514459929 * c[2]);
    var m = Math.cbrt(0.2119034982 * c[0] + 0.6806995451 * c[1] + 0.1073969566 * c[2]);
    var q = Math.cbrt(0.0883024619 * c[0] + 0.2817188376 * c[1] + 0.6299787005 * c[2]);
    var L = 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * q;
    var A = 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * q, B = 0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * q;
    for (var step = 0; step < 80 && (luminance(linearOf(out)) + 0.05) / (bg + 0.05) < 3; step++) {
      L += 0.01;
      var l3 = Math.pow(L + 0.3963377774 * A + 0.2158037573 * B, 3), m3 = Math.pow(L - 0.1055613458 * A - 0.0638541728 * B, 3),
        q3 = Math.pow(L - 0.0894841775 * A - 1.2914855480 * B, 3);
      var rgb = [4.0767416621 * l3 - 3.3077115913 * m3 + 0.2309699292 * q3, -1.2684380046 * l3 + 2.6097574011 * m3 - 0.3413193965 * q3,
        -0.0041960863 * l3 - 0.7034186147 * m3 + 1.7076147010 * q3].map(toByte);
      out = '#' + ((1 << 24) | (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]).toString(16).slice(1);
    }
    return (liftCache[hex] = out);
  }
  function shade(hex) { return themeName === 'dark' ? lift(hex) : hex; }
  // a colour swatch of a community, its colour kept in data-color so that a change of theme repaints it
  function swatch(color) {
    var c = /^#[0-9a-f]{6}$/i.test(color) ? color : '#cccccc';
    return el('span', {class: 'swatch', 'data-color': c, style: 'background:' + shade(c)});
  }

  // ------------------------------------------------------------------ the data
  var types = {};
  DATA.types.forEach(function (t) { types[t.name] = t; });
  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  // a relation no article states is the gazetteer's (drawn dashed, behind "gazetteer links"), unless an analyst's
  // correction asserted it: that one is drawn as any stated relation
  DATA.edges.forEach(function (e) {
    edgeById[e.id] = e;
    e.asserted = e.evidence.some(function (v) { return v.method === 'correction'; });
    e.gaz = e.articles.length === 0 && !e.asserted;
  });
  var communities = DATA.communities || [];
  // largest first in lists (a place linked only by the gazetteer joins a community after they are numbered)
  var bySize = communities.slice().sort(function (a, b) { return b.size - a.size || a.id - b.id; });
  var big = DATA.nodes.length > 400 || DATA.edges.length > 1000;  // straight edges, hidden while dragging
  var byRank = DATA.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var relsOf = {};
  DATA.nodes.forEach(function (n) { relsOf[n.id] = []; });
  DATA.edges.forEach(function (e) { relsOf[e.from].push(e); if (e.to !== e.from) relsOf[e.to].push(e); });
  var predLabel = {};
  DATA.predicates.forEach(function (p) { predLabel[p.name] = p.label; });
  // A relation's kind in words ("works for"), as a reader says it: its name in the graph ("worksFor", for SPARQL and
  // the exports) is in the element's title and in the relation's panel; camel case read as code to a newcomer.
  function predWords(name) { return own(predLabel, name) && predLabel[name] ? predLabel[name] : name; }
  // the evidence of each article, for the article panel
  var articleEvidence = DATA.articles.map(function () { return []; });
  DATA.edges.forEach(function (e) {
    e.evidence.forEach(function (v) { if (v.article !== null && v.article !== undefined && articleEvidence[v.article]) articleEvidence[v.article].push([e, v]); });
  });
  function pubOf(a) { return a.publisher || UNKNOWN_SOURCE; }

  // corrections applied to the view at once (rename, retype, block, reject)
  var corrections = [];
  var renamed = {}, retyped = {}, blocked = new Set(), rejected = new Set();
  function labelOf(id) { var n = byId[id]; return renamed[id] || (n ? n.label : id); }
  function typeOf(n) { return retyped[n.id] || n.type; }

  function communityColor(n) { var c = communities[n.community]; return c ? c.color : '#b0b0b0'; }
  function nodeColor(n, byCommunity) {
    var c = shade(byCommunity ? communityColor(n) : (types[typeOf(n)] || {color: '#8c8c8c'}).color), b = darker(c);
    return {background: c, border: b, highlight: {background: c, border: T.chosen}, hover: {background: c, border: T.chosen}};
  }
  function visNode(n, byCommunity) {
    return {id: n.id, x: n.x, y: n.y, value: 1 + n.degree, shape: (types[typeOf(n)] || {shape: 'star'}).shape,
      color: nodeColor(n, byCommunity)};
  }
  var CPREFIX = 'community:';
  var centroid = communities.map(function () { return [0, 0, 0]; });
  DATA.nodes.forEach(function (n) { var c = centroid[n.community]; if (c) { c[0] += n.x; c[1] += n.y; c[2]++; } });
  // A collapsed community is a hexagon whose area grows with its number of members: about the area they take in
  // the layout (COMMUNITY_UNIT * sqrt(members) graph units), so that it sits where they were and the largest stand
  // out. It is named by its most mentioned members and its size; hovering lists them, a click lists them all.
  var COMMUNITY_UNIT = 28, TIP_MEMBERS = 8;
  var membersOf = communities.map(function () { return []; });
  byRank.forEach(function (n) { if (membersOf[n.community]) membersOf[n.community].push(n); });
  membersOf.forEach(function (ms) { ms.sort(function (a, b) { return b.mentions - a.mentions || a.rank - b.rank; }); });
  function communityNode(c) {
    var k = centroid[c.id];
    return {id: CPREFIX + c.id, x: k[2] ? k[0] / k[2] : 0, y: k[2] ? k[1] / k[2] : 0, size: COMMUNITY_UNIT * Math.sqrt(c.size),
      shape: 'hexagon', color: communityNodeColor(c)};
  }
  function communityNodeColor(c) {
    var k = shade(c.color);
    return {background: k, border: darker(k), highlight: {background: k, border: T.chosen}, hover: {background: k, border: T.chosen}};
  }
  function communityLabel(c) { return plural(c.size, 'entity', 'entities') + ': ' + c.names.join(', '); }
  function typeCounts(ns) {
    var count = {};
    ns.forEach(function (n) { count[typeOf(n)] = (count[typeOf(n)] || 0) + 1; });
    return DATA.types.filter(function (t) { return count[t.name]; }).map(function (t) { return t.name + ' ' + num(count[t.name]); }).join(' · ');
  }

  // ------------------------------------------------------------------ state (what the URL fragment holds)
  var state;  // set once the time bins are known (defaultState)

  // ------------------------------------------------------------------ time bins
  var days = DATA.articles.map(function (a) { return a.day; }).filter(Boolean).sort();
  var bins = [], binOf = {};
  (function () {
    if (!days.length) return;
    var first = days[0], last = days[days.length - 1];
    var span = (Date.parse(last) - Date.parse(first)) / 864e5;
    var key = span <= 120 ? function (d) { return d; } : span <= 366 * 6 ? function (d) { return d.slice(0, 7); } : function (d) { return d.slice(0, 4); };
    days.forEach(function (d) { var k = key(d); if (!bins.length || bins[bins.length - 1].key !== k) bins.push({key: k, count: 0}); bins[bins.length - 1].count++; });
    bins.forEach(function (b, i) { binOf[b.key] = i; });
    DATA.articles.forEach(function (a) { a.bin = a.day ? binOf[key(a.day)] : null; });
  })();
  function defaultState() {
    return {types: new Set(DATA.types.map(function (t) { return t.name; })),
      preds: new Set(DATA.predicates.map(function (p) { return p.name; })), minConf: 0,
      isolated: false, gazetteer: false, byCommunity: true,
      from: 0, to: Math.max(0, bins.length - 1), sourcesOff: new Set(), minSources: 1, collapsed: new Set(), explore: null, pinned: new Set()};
  }
  state = defaultState();
  function dateFiltered() { return bins.length > 0 && (state.from > 0 || state.to < bins.length - 1); }

  // ------------------------------------------------------------------ what is visible
  var articleOk = [];
  function computeArticles() {
    var dated = dateFiltered();
    articleOk = DATA.articles.map(function (a) {
      if (state.sourcesOff.has(pubOf(a))) return false;
      if (dated) return a.bin !== null && a.bin !== undefined && a.bin >= state.from && a.bin <= state.to;
      return true;
    });
  }
  function articleFiltered() { return dateFiltered() || state.sourcesOff.size > 0; }
  // a relation's articles the time and source filters keep (all of them when none is set)
  function keptArticles(e) { return articleFiltered() ? e.articles.filter(function (i) { return articleOk[i]; }) : e.articles; }
  // How many sources state a relation, saying where a count rests on articles that name no publisher. With a time
  // range or publishers set, only the articles they keep count, as in the evidence below it: filtered to one
  // publisher, a relation said "2 independent sources" beside one sentence of that publisher.
  function sourcesText(e) {
    var af = articleFiltered(), arts = keptArticles(e);
    var where = af ? ' in the time and source filters' : '', all = af ? ' (' + num(e.sources) + ' in all)' : '';
    if (!arts.length) return 'none' + where + all;
    var n = af ? sourcesOf(arts) : e.sources;
    var unnamed = arts.filter(function (i) { return !DATA.articles[i].publisher; }).length;
    if (!unnamed) return plural(n, 'independent source') + where + all;
    if (unnamed === arts.length) return plural(arts.length, 'article') + where + ', none naming its publisher: not known to be independent';
    return plural(n, 'source') + where + all + ' (' + plural(unnamed, 'article') + ' naming no publisher, each counted as its own)';
  }
  function sourcesOf(arts) {
    var s = new Set();
    arts.forEach(function (i) { var a = DATA.articles[i]; s.add(a.publisher ? 'p:' + a.publisher : 'a:' + i); });
    return s.size;
  }
  function nodeTypeOk(n) { return !!n && state.types.has(typeOf(n)) && !blocked.has(n.id); }
  // a relation passes the filters (regardless of exploration)
  function relOk(e) {
    if (rejected.has(e.id) || !state.preds.has(e.predicate)) return false;
    if (e.confidence !== null && e.confidence !== undefined && e.confidence < state.minConf - 1e-9) return false;
    if (!nodeTypeOk(byId[e.from]) || !nodeTypeOk(byId[e.to])) return false;
    if (e.gaz) return state.gazetteer && state.minSources <= 1;
    if (e.asserted && !e.articles.length) return true;  // the analyst's own statement, whatever the source filters
    var arts = e.articles.filter(function (i) { return articleOk[i]; });
    if (!arts.length) return false;
    return state.minSources <= 1 || sourcesOf(arts) >= state.minSources;
  }
  var vis$ = {rels: [], relSet: new Set(), nodes: new Set(), ends: new Set(), ordered: []};
  function computeVisible() {
    computeArticles();
    var rels = DATA.edges.filter(relOk);
    var ex = state.explore, ends = new Set();  // the entities a relation the filters show has, explored or not
    rels.forEach(function (e) { ends.add(e.from); ends.add(e.to); });
    if (ex) rels = rels.filter(function (e) { return ex.has(e.from) && ex.has(e.to); });
    var nodes = new Set();
    rels.forEach(function (e) { nodes.add(e.from); nodes.add(e.to); });
    var af = articleFiltered();
    DATA.nodes.forEach(function (n) {
      if (nodes.has(n.id) || !nodeTypeOk(n)) return;
      if (ex ? ex.has(n.id) : state.pinned.has(n.id) || (state.isolated && (!af || n.articles.some(function (i) { return articleOk[i]; }))))
        nodes.add(n.id);
    });
    vis$ = {rels: rels, relSet: new Set(rels.map(function (e) { return e.id; })), nodes: nodes, ends: ends, ordered: vis$.ordered};
  }
  function rep(id) { var n = byId[id]; return n && state.collapsed.has(n.community) ? CPREFIX + n.community : id; }
  function pairKey(a, b) { return a < b ? a + '\n' + b : b + '\n' + a; }

  // ------------------------------------------------------------------ the network
  var nodesDS = new vis.DataSet(DATA.nodes.map(function (n) { return visNode(n, state.byCommunity); })
    .concat(communities.map(communityNode)));
  var edgesDS = new vis.DataSet([]);
  var drawnNodes = new Set();
  var nodeView = new vis.DataView(nodesDS, {filter: function (n) { return drawnNodes.has(n.id); }});
  var groups = {};  // aggregated edge id -> relation ids
  function rebuildEdges() {
    var agg = {};
    vis$.rels.forEach(function (e) {
      var a = rep(e.from), b = rep(e.to);
      if (a === b && a.indexOf(CPREFIX) === 0) return;
      var k = pairKey(a, b);
      (agg[k] = agg[k] || {from: a, to: b, rels: []}).rels.push(e);
    });
    var items = [];
    groups = {};
    Object.keys(agg).sort().forEach(function (k) {
      var g = agg[k], rs = g.rels, n = 0, gaz = true, low = true, dirs = new Set();
      rs.forEach(function (e) { n += e.articles.length; if (!e.gaz) gaz = false; if (!lowConf(e)) low = false; dirs.add(rep(e.from)); });
      groups[k] = rs.map(function (e) { return e.id; });
      var one = rs.length === 1;
      items.push({id: k, from: one ? rep(rs[0].from) : g.from, to: one ? rep(rs[0].to) : g.to,
        label: one ? undefined : String(rs.length), width: n === 0 ? 1 : Math.min(10, 1 + 1.5 * Math.log2(1 + n)),
        dashes: gaz, color: Object.assign({opacity: low ? EDGE_OPACITY * LOW_OPACITY : EDGE_OPACITY}, EDGE_COLOR), font: edgeFont(), arrows: {to: {enabled: dirs.size === 1, scaleFactor: 0.5}}});
    });
    // only what changed reaches vis-network: re-adding thousands of unchanged edges would cost seconds
    var keep = new Set(items.map(function (i) { return i.id; }));
    var gone = Object.keys(edgeSig).filter(function (id) { return !keep.has(id); });
    gone.forEach(function (id) { delete edgeSig[id]; });
    if (gone.length) edgesDS.remove(gone);
    var changed = items.filter(function (i) {
      var sig = [i.from, i.to, i.label, i.width, i.dashes, i.color.opacity, i.arrows.to.enabled].join('\n');
      if (edgeSig[i.id] === sig) return false;
      edgeSig[i.id] = sig;
      return true;
    });
    if (changed.length) edgesDS.update(changed);
  }
  var edgeSig = {};
  function edgeFont() { return {color: T.ink, strokeColor: T.surface, bold: {color: T.ink}}; }  // bold: a chosen edge's count
  function rebuildNodes() {
    var next = new Set();
    vis$.nodes.forEach(function (id) { next.add(rep(id)); });
    var same = next.size === drawnNodes.size;
    if (same) next.forEach(function (id) { if (!drawnNodes.has(id)) same = false; });
    drawnNodes = next;
    if (!same) nodeView.refresh();
    var order = [];
    byRank.forEach(function (n) { if (vis$.nodes.has(n.id) && !state.collapsed.has(n.community)) order.push(n.id); });
    communities.forEach(function (c) { if (next.has(CPREFIX + c.id)) order.splice(Math.min(order.length, c.id), 0, CPREFIX + c.id); });
    vis$.ordered = order;
  }

  var container = $('net');
  // a key to the shapes and lines, in the network's corner (filled by paintLegend; hidden when nothing is drawn)
  var netLegend = document.createElement('div');
  netLegend.id = 'net-legend'; netLegend.setAttribute('aria-label', 'Legend');
  var BORDER = 1.2, BORDER_SELECTED = 3, SELECTED_PX = 1.5;
  function selectionWidth(w) { return w + Math.max(1.5, SELECTED_PX / network.getScale()); }
  function hoverWidth(w) { return w + Math.max(0.8, 1 / network.getScale()); }
  var physicsOptions = {enabled: DATA.physics, solver: 'barnesHut',
    barnesHut: {gravitationalConstant: -6000, centralGravity: 0.25, springLength: 120, springConstant: 0.03,
      damping: 0.3, avoidOverlap: 0},
    stabilization: {enabled: true, iterations: DATA.physicsIterations || 150, updateInterval: 50, fit: true},
    minVelocity: 1.0, timestep: 0.5};
  var options = {
    autoResize: true,
    layout: {improvedLayout: false, randomSeed: 7},
    physics: physicsOptions,
    // keys move and zoom the view while the network has the focus (Tab to it): arrows, Page Up/Down, + and -
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      keyboard: {enabled: true, bindToWindow: false, autoFocus: false, speed: {x: 10, y: 10, zoom: 0.03}},
      multiselect: false, navigationButtons: false, zoomSpeed: 0.8},
    nodes: {borderWidth: BORDER, borderWidthSelected: BORDER_SELECTED, font: {face: FONT, size: 13},
      scaling: {min: 7, max: 30, label: {enabled: false}}},
    // a chosen relation is drawn at least SELECTED_PX wider than the others on the screen, however far out the view
    // is, and a hovered one (or a hovered node's) a pixel wider
    edges: {selectionWidth: selectionWidth, hoverWidth: hoverWidth, color: {opacity: EDGE_OPACITY},
      // hovered or chosen, an edge is drawn opaque in its dark colour (a relation of low confidence still pale):
      // translucent, a chosen relation among 1,600 was as faint as the rest (vis-network keeps the edge's opacity
      // for its highlight colour)
      chosen: {label: true, edge: function (values, id, selected, hovering) {
        if (!selected && !hovering) return;
        if (selected && !hovering && strongEdges && !strongEdges.has(id)) {
          // a hub's relations beyond its best attested: thin (under 2 px on screen, wider for more articles), lighter
          values.opacity = Math.min(1, values.opacity / EDGE_OPACITY) * HUB_THIN_OPACITY;
          values.color = T.edgeHover;
          values.width = (HUB_THIN_PX + 0.1 * Math.max(0, values.width - 1)) / network.getScale();
          return;
        }
        values.opacity = Math.min(1, values.opacity / EDGE_OPACITY);
        values.color = selected ? T.edgeHi : T.edgeHover;
        values.width = (selected ? selectionWidth : hoverWidth)(values.width);
      }},
      smooth: big ? false : {enabled: true, type: 'continuous', roundness: 0.25},
      font: {face: FONT, size: 12, color: T.ink, strokeWidth: 4, strokeColor: T.surface, align: 'middle', bold: {mod: 'bold'}},
      scaling: {label: {drawThreshold: 4}}}
  };
  var network = new vis.Network(container, {nodes: [], edges: []}, options);
  container.append(netLegend);  // after vis-network, which empties its container
  // the element Tab reaches on the network had no name: a screen reader said only "group"
  var netFocus = container.querySelector('.vis-network');
  if (netFocus) netFocus.setAttribute('aria-label', 'Network of entities: arrow keys move it, Page Up and Page Down zoom; what is chosen is shown in Details');
  // At fit-to-screen a corpus of hundreds of entities is drawn at a fifth of its size or less, and vis-network's
  // sizes (graph units) become dots of 1-2 px whose shape, the type, cannot be read. Before each frame every node
  // is given at least MIN_NODE_PX on screen, times the square root of its size over the smallest (size still says
  // degree), with an outline of about a pixel, but never more than ROOM_SHARE of the distance to its nearest
  // neighbour: a dense core stays dots rather than one blob; zooming in reads it. Zoomed in, nodes keep their own
  // sizes. vis-network sets the sizes anew when the data change: a size the page did not set is the node's own.
  var MIN_NODE_PX = 4, NODE_SIZE_MIN = options.nodes.scaling.min, ROOM_SHARE = 0.3, ROOM_CELL = 100, ROOM_RINGS = 6;
  // The entities in no community, on a grid below the others (visualize.py) with a lane for names between its rows:
  // their dots take a smaller share of the room, or a row of them read as one grey bar (DWIE 300).
  var unlinked = DATA.nodes.filter(function (n) { return n.community < 0; }).map(function (n) { return n.id; });
  var unlinkedSet = new Set(unlinked), GRID_SHARE = 0.2;
  var roomSig = null;
  function measureRoom(body) {
    // each node's distance to its nearest drawn neighbour (graph units, up to ROOM_RINGS cells), again only when
    // a node moved; a grid searched ring by ring keeps it about linear
    var ids = body.nodeIndices, sig = ids.length;
    ids.forEach(function (id, i) { var n = body.nodes[id]; sig += (i + 1) * (n.x * 0.7548776662 + n.y * 0.5698402910); });
    if (sig === roomSig) return;
    roomSig = sig;
    var grid = {};
    ids.forEach(function (id) {
      var n = body.nodes[id], k = Math.floor(n.x / ROOM_CELL) + ',' + Math.floor(n.y / ROOM_CELL);
      (grid[k] = grid[k] || []).push(n);
    });
    ids.forEach(function (id) {
      var n = body.nodes[id], gx = Math.floor(n.x / ROOM_CELL), gy = Math.floor(n.y / ROOM_CELL), best = Infinity;
      for (var r = 0; r <= ROOM_RINGS && best > (r - 1) * ROOM_CELL; r++) {
        for (var dx = -r; dx <= r; dx++) for (var dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          var list = grid[(gx + dx) + ',' + (gy + dy)];
          if (list) list.forEach(function (m) { if (m !== n) best = Math.min(best, Math.hypot(m.x - n.x, m.y - n.y)); });
        }
      }
      n.kgRoom = Math.min(best, ROOM_RINGS * ROOM_CELL);
    });
  }
  // An edge's width says how many articles state it, in graph units: at fit-to-screen a corpus of hundreds of
  // entities is drawn at a sixth of its size or less, and an edge of one article (2.5 units) became a faint hairline
  // under half a pixel wide. Zoomed out beyond EDGE_SCALE, every edge is drawn as wide as at EDGE_SCALE (one article
  // 1 px, twenty about 3 px: width still ranks them); zoomed in, edges have their own widths. As for nodes, a width
  // the page did not set is the edge's own (vis-network sets them anew when the data change).
  var EDGE_SCALE = 0.4;
  function floorEdges(body, scale) {
    var grow = Math.max(1, EDGE_SCALE / scale);
    body.edgeIndices.forEach(function (id) {
      var ve = body.edges[id], o = ve.options;
      if (o.width !== ve.kgWidth) ve.kgBase = o.width;
      var width = ve.kgBase * grow;
      // the hover and selection widths derive from the width and the scale (edges.hoverWidth, selectionWidth)
      if (width !== o.width || ve.kgScale !== scale) { o.width = width; ve._setInteractionWidths(); }
      ve.kgWidth = width; ve.kgScale = scale;
    });
  }
  // What a frame costs, for the moves to be paced by it (see moveAnimation). Started before the other handlers and
  // read after them: the frame's whole price, names included.
  var frameStart = 0, frameCost = 0;
  network.on('beforeDrawing', function () { frameStart = performance.now(); });
  network.on('beforeDrawing', function () {
    var body = network.body, scale = network.getScale(), border = Math.max(BORDER, 0.9 / scale);
    floorEdges(body, scale);
    measureRoom(body);
    body.nodeIndices.forEach(function (id) {
      var vn = body.nodes[id], o = vn.options;
      if (o.size !== vn.kgSize) vn.kgBase = o.size;
      var floor = Math.min(MIN_NODE_PX * Math.sqrt(Math.max(1, vn.kgBase / NODE_SIZE_MIN)) / scale, (unlinkedSet.has(id) ? GRID_SHARE : ROOM_SHARE) * vn.kgRoom);
      var size = Math.max(vn.kgBase, floor);
      if (size !== o.size || border !== o.borderWidth) {
        o.size = size; o.borderWidth = border; o.borderWidthSelected = Math.max(BORDER_SELECTED, 2 / scale);
        vn.needsRefresh();
      }
      vn.kgSize = size;
    });
  });
  // In a narrow window the page scrolls past the network to the panels below it: the wheel scrolls the page
  // there, and zooms the network with Ctrl (or Cmd) held, as maps embedded in a page do.
  var narrow = window.matchMedia ? window.matchMedia('(max-width: 1100px)') : {matches: false};
  var wheelHint = el('div', {class: 'wheel-hint', text: 'Ctrl + scroll zooms the network', 'aria-hidden': 'true'});
  wheelHint.hidden = true;
  container.append(wheelHint);
  var hintTimer = null;
  container.addEventListener('wheel', function (ev) {
    if (!narrow.matches || ev.ctrlKey || ev.metaKey) return;
    ev.stopPropagation();  // caught on the way down: the network never sees it, the page scrolls
    wheelHint.hidden = false;
    clearTimeout(hintTimer);
    hintTimer = setTimeout(function () { wheelHint.hidden = true; }, 1500);
  }, true);
  // On a phone the panels are one column below the network: the details (an entity's facts, the corpus overview)
  // come right after the title and the search box, the other controls after them, rather than 900 px of filters
  // between the map and the facts. The details are moved in the document, so that Tab meets them in the same order.
  var phone = window.matchMedia ? window.matchMedia('(max-width: 640px)') : {matches: false};
  function placeDetails() {
    var side = $('side'), panel = $('panel'), tools = panel.querySelector(':scope > section.tools');
    if (phone.matches) { if (side.parentNode !== panel) panel.insertBefore(side, tools); }
    else if (side.parentNode !== document.body) document.body.insertBefore(side, $('tooltip'));
  }
  if (phone.addEventListener) phone.addEventListener('change', placeDetails);
  placeDetails();
  // Printed (or saved as PDF), the network keeps the proportions it has on screen, so that the drawing is not
  // stretched to the paper's; the stylesheet's print rules read them from --net-aspect.
  var printing = window.matchMedia ? window.matchMedia('print') : {matches: false};
  function keepAspect() {
    if (printing.matches || !container.clientWidth || !container.clientHeight) return;
    document.documentElement.style.setProperty('--net-aspect', container.clientWidth + ' / ' + container.clientHeight);
  }
  window.addEventListener('resize', keepAspect);
  window.addEventListener('beforeprint', keepAspect);
  // Printed, a panel's capped lists are whole: paper has no "Show all" to press (DWIE 500: Angela Merkel's panel
  // printed 20 of her 38 articles). Lists revealed in steps (the entities named with it, a relation's evidence) keep
  // what is shown and say how much that is; the stylesheet leaves the buttons that act on the screen off the paper.
  function wholeForPaper() {
    Array.prototype.slice.call($('details').querySelectorAll('button.act-more')).forEach(function (b) { b.click(); });
  }
  window.addEventListener('beforeprint', wholeForPaper);
  if (printing.addEventListener) printing.addEventListener('change', function () { if (printing.matches) wholeForPaper(); });

  // Fit to screen; a few nodes get a margin, so that the names of those at the edges fit beside them.
  var FEW_FIT = 60;
  // The whole network framed above the key to shapes in its bottom corner: vis-network's fit spans the whole
  // canvas, and with the unlinked entities shown (DWIE 300) the bottom rows of their grid lay under the key.
  var KEY_PAD = 12;
  // With the unlinked entities shown, their grid below the network (DWIE 450: 1,635 of them, rows deeper than the
  // network is tall) halved the network at Fit to screen. The network keeps at least GRID_KEEP of its own fit's scale,
  // its top at the top, and the first rows of the grid fill the room below it; the note under the box frames them all.
  // The whole is framed when the network stays readable shrunk (drawn at GRID_SMALL or more) or is a few entities
  // among many unlinked (under a third of those drawn: the grid is then what there is to read).
  // After "Frame them all" the note stays, saying so, with the way back: the button pressed was gone with the note,
  // and the keyboard's focus with it (to the page's body).
  var GRID_KEEP = 0.8, GRID_SMALL = 0.3, gridCut = false, gridAll = false;
  // vis-network's fit spans the nodes' sizes as last drawn, and the page sizes them for the scale (at least
  // MIN_NODE_PX on screen): Fit to screen pressed again after a filter's frame, framed at another scale, differed by
  // up to 0.8 % (DWIE 450). Every fit spans the nodes at their own sizes; the next frame floors them again.
  function ownSizes() {
    var body = network.body;
    body.nodeIndices.forEach(function (id) {
      var vn = body.nodes[id], o = vn.options, own = o.size !== vn.kgSize || vn.kgBase === undefined ? o.size : vn.kgBase;
      if (o.size !== own) { o.size = own; vn.needsRefresh(); }
    });
  }
  function fitView(all) {
    gridAll = !!all && (gridCut || gridAll) && state.isolated;
    ownSizes();
    network.fit();
    var ids = Array.from(drawnNodes), few = ids.length && ids.length <= FEW_FIT ? 0.8 : 1;
    var scale = network.getScale() * few, at = network.getViewPosition();
    var linked = state.isolated && !all ? ids.filter(function (id) { return !unlinkedSet.has(id); }) : ids;
    var key = ids.length ? keyRoom() : 0, room = container.clientHeight - key - 2 * KEY_PAD;
    gridCut = false;
    if (linked.length && linked.length < ids.length) {
      network.fit({nodes: linked});
      var own = network.getScale() * (linked.length <= FEW_FIT ? 0.8 : 1), lp = network.getPositions(linked), t0 = Infinity, t1 = -Infinity;
      Object.keys(lp).forEach(function (k) { t0 = Math.min(t0, lp[k].y); t1 = Math.max(t1, lp[k].y); });
      if (t1 > t0 && room > 0) own = Math.min(own, room / (t1 - t0));
      if (scale < GRID_KEEP * own && scale < GRID_SMALL && 2 * linked.length >= ids.length - linked.length) {
        gridCut = true;
        scale = GRID_KEEP * own;
        at = {x: network.getViewPosition().x, y: t0 - (KEY_PAD + 20) / scale + container.clientHeight / 2 / scale};
        network.moveTo({position: at, scale: scale});
        noteGrid();
        return;
      }
    }
    if (key) {
      var pos = network.getPositions(ids), y0 = Infinity, y1 = -Infinity;
      Object.keys(pos).forEach(function (k) { y0 = Math.min(y0, pos[k].y); y1 = Math.max(y1, pos[k].y); });
      if (y1 > y0 && room > 0) scale = Math.min(scale, room / (y1 - y0));
      // the view's centre lies half the key's room below the nodes' middle
      at = {x: at.x, y: (y0 + y1) / 2 + key / 2 / scale};
    }
    network.moveTo({position: at, scale: scale});
    noteGrid();
  }
  // says, under the box, that Fit to screen left rows of the unlinked entities below the view, with one click to them
  function noteGrid() {
    var note = $('grid-hint');
    if (!note) return;
    note.hidden = !gridCut && !gridAll;
    if (gridCut) fill(note, el('p', {text: 'The entities with no relation lie in rows below the network; Fit to screen keeps the network readable.'}),
      button('Frame them all', function () { fitView(true); }, 'act-frame-grid'));
    else if (gridAll) fill(note, el('p', {text: 'All framed: the network and, in rows below it, the entities with no relation.'}),
      button('Back to the network', function () { fitView(); }, 'act-frame-network'));
  }
  function markReady() {
    if (window.kgraphReady) return;
    window.kgraphReady = true;
    restoreView();
    keepAspect();
    document.body.setAttribute('data-ready', '1');
  }

  // ------------------------------------------------------------------ labels, drawn by the page
  // vis-network draws every label or none; the page draws the most central ones that fit, largest
  // rank first, each where it overlaps no label already placed (a grid of placed boxes keeps this linear).
  var lastLabels = [], widthCache = {};
  var focusNodes = null, focusEdges = null, focused = null;
  function textWidth(ctx, font, text) {
    var k = font + '\n' + text;
    if (!(k in widthCache)) { ctx.font = font; widthCache[k] = ctx.measureText(text).width; }
    return widthCache[k];
  }
  var NODES_AS_OBSTACLES = 150;
  // a chosen relation's line kept free of faded names: boxes this far apart along it, this far either side, so many
  // at most a frame (a hub's bold lines across the view)
  var CHOSEN_LINE_STEP = 5, CHOSEN_LINE_HALF = 3.5, CHOSEN_LINE_BOXES = 6000;
  // The most central names in view (LEADER_TOP of them) that find no room beside their node are drawn a little
  // further out, where there is room, with a leader line from the node to the name: in a dense core (Angela Merkel
  // beside Germany and Berlin) a name moved aside stays readable and says whose it is.
  var LEADER_TOP = 40, LEADER_UNDER = 40, LEADER_GAPS = [12, 24, 38, 56, 78], LEADER_ANGLES = [90, 270, 0, 180, 45, 135, 315, 225, 20, 160, 340, 200, 65, 115, 295, 245];
  var SUB_FONT = '12px ' + FONT, SUB_HEIGHT = 14, INSIDE_FONT = '600 13px ' + FONT, INSIDE_HEIGHT = 16;
  var SMALL_SUB_FONT = '11px ' + FONT, SMALL_SUB_HEIGHT = 13, SMALL_INSIDE_FONT = '600 11.5px ' + FONT, SMALL_INSIDE_HEIGHT = 14;
  function shortLabel(t) {
    if (t.length <= 32) return t;
    var n = 30, c = t.charCodeAt(n - 1);
    if (c >= 0xD800 && c <= 0xDBFF) n -= 1;  // an emoji is two UTF-16 units: never keep half of one
    return t.slice(0, n) + '…';
  }
  function twoLines(t) {
    var mid = t.length / 2, best = -1;
    for (var k = t.indexOf(' '); k > 0; k = t.indexOf(' ', k + 1)) if (best < 0 || Math.abs(k - mid) < Math.abs(best - mid)) best = k;
    return best > 0 ? [t.slice(0, best), t.slice(best + 1)] : [t];
  }
  function drawLabels(ctx) {
    var body = network.body, scale = network.getScale(), vp = network.getViewPosition();
    var w = container.clientWidth, h = container.clientHeight, pr = network.canvas.pixelRatio || 1;
    // names and the nodes in view go in grid; while a neighbourhood is highlighted its dimmed nodes go in dimGrid,
    // which a highlighted name may cover (so a highlighted neighbour keeps its name in a crowd)
    var cell = 80, grid = {}, dimGrid = {}, tried = 0;
    function free(r, g, skip) {
      var x0 = Math.floor(r[0] / cell), x1 = Math.floor(r[2] / cell), y0 = Math.floor(r[1] / cell), y1 = Math.floor(r[3] / cell);
      for (var gx = x0; gx <= x1; gx++) for (var gy = y0; gy <= y1; gy++) {
        var list = g[gx + ',' + gy];
        if (list) for (var i = 0; i < list.length; i++) { var o = list[i]; if (o !== skip && r[0] < o[2] && r[2] > o[0] && r[1] < o[3] && r[3] > o[1]) return false; }
      }
      return true;
    }
    function take(r, g) {
      var x0 = Math.floor(r[0] / cell), x1 = Math.floor(r[2] / cell), y0 = Math.floor(r[1] / cell), y1 = Math.floor(r[3] / cell);
      for (var gx = x0; gx <= x1; gx++) for (var gy = y0; gy <= y1; gy++) (g[gx + ',' + gy] = g[gx + ',' + gy] || []).push(r);
    }
    function hits(r, g) {
      var out = [], x0 = Math.floor(r[0] / cell), x1 = Math.floor(r[2] / cell), y0 = Math.floor(r[1] / cell), y1 = Math.floor(r[3] / cell);
      for (var gx = x0; gx <= x1; gx++) for (var gy = y0; gy <= y1; gy++) {
        (g[gx + ',' + gy] || []).forEach(function (o) { if (o !== own && out.indexOf(o) < 0 && r[0] < o[2] && r[2] > o[0] && r[1] < o[3] && r[3] > o[1]) out.push(o); });
      }
      return out;
    }
    // a leader line as small boxes every few pixels, so that it crosses no name and no later name covers it. A node
    // hidden under another's name still gets its own: the line may start under the names covering the node (for up
    // to LEADER_UNDER px), but once out of them it crosses none. Returns the boxes to keep free, or null.
    function lineBoxes(x0, y0, x1, y1, nx, ny) {
      var len = Math.hypot(x1 - x0, y1 - y0), k = Math.max(1, Math.ceil(len / 4)), out = [], under = true;
      var cover = hits([nx - 0.5, ny - 0.5, nx + 0.5, ny + 0.5], grid);
      for (var j = 0; j <= k; j++) {
        // boxes 5 px wide, at most 4 apart: together they cover the line
        var px = x0 + (x1 - x0) * j / k, py = y0 + (y1 - y0) * j / k, b = [px - 2.5, py - 2.5, px + 2.5, py + 2.5];
        var hit = hits(b, grid);
        if (under && hit.length && len * j / k <= LEADER_UNDER && hit.every(function (o) { return cover.indexOf(o) >= 0; })) continue;
        under = false;
        if (hit.length) return null;
        out.push(b);
      }
      return out;
    }
    function block(items) {
      // lines of text, centred on one another: [[text, font, height], ...]
      var b = {items: [], w: 0, h: 0};
      items.forEach(function (it) {
        var tw = textWidth(ctx, it[1], it[0]);
        b.items.push({text: it[0], font: it[1], w: tw, h: it[2], cont: !!it[3]});
        b.w = Math.max(b.w, tw); b.h += it[2];
      });
      return b;
    }
    var order = vis$.ordered;
    if (focusNodes) order = Array.from(focusNodes).sort(function (a, b) { return ((byId[a] || {}).rank || 0) - ((byId[b] || {}).rank || 0); })
      .concat(order.filter(function (id) { return !focusNodes.has(id); }));
    ctx.save();
    ctx.setTransform(pr, 0, 0, pr, 0, 0);
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    var drawn = [];
    // With few nodes in view (a small corpus, or zoomed in) a name must not hide another node either:
    // the nodes in view are placed first as obstacles. A crowded overview keeps labels over its dots.
    var inView = [], obstacle = {};
    for (var q = 0; q < order.length && inView.length <= NODES_AS_OBSTACLES; q++) {
      var qn = body.nodes[order[q]];
      if (!qn) continue;
      var qx = (qn.x - vp.x) * scale + w / 2, qy = (qn.y - vp.y) * scale + h / 2;
      if (qx < -50 || qy < -30 || qx > w + 50 || qy > h + 30) continue;
      var qr = Math.max(3, (qn.options.size || 8) * scale);
      obstacle[order[q]] = [qx - qr, qy - qr, qx + qr, qy + qr];
      inView.push([obstacle[order[q]], focusNodes && !focusNodes.has(order[q]) ? dimGrid : grid]);
    }
    // no name under the key to shapes in the network's corner
    if (netLegend.offsetWidth) {
      var lr = netLegend.getBoundingClientRect(), cr = container.getBoundingClientRect();
      take([lr.left - cr.left - 2, lr.top - cr.top - 2, lr.right - cr.left + 2, lr.bottom - cr.top + 2], grid);
    }
    if (inView.length <= NODES_AS_OBSTACLES) inView.forEach(function (o) { take(o[0], o[1]); });
    else state.collapsed.forEach(function (c) {
      // a crowd's names may cover its dots, never a collapsed community: a name over a hexagon reads as its name (after
      // Collapse all on DWIE 350, 44 of the 53 names drawn lay over another community's hexagon)
      var cid = CPREFIX + c, cn = body.nodes[cid];
      if (!cn || !drawnNodes.has(cid)) return;
      var cx = (cn.x - vp.x) * scale + w / 2, cy = (cn.y - vp.y) * scale + h / 2, cr = Math.max(3, (cn.options.size || 8) * scale);
      if (cx + cr < 0 || cy + cr < 0 || cx - cr > w || cy - cr > h) return;
      obstacle[cid] = [cx - cr, cy - cr, cx + cr, cy + cr];
      take(obstacle[cid], focusNodes && !focusNodes.has(cid) ? dimGrid : grid);
    });
    // nor the unlinked entities' dots, on a grid with a lane for names between its rows: names over them made the
    // grid one grey block (DWIE 300)
    if (inView.length > NODES_AS_OBSTACLES) unlinked.forEach(function (uid) {
      var un = drawnNodes.has(uid) && !obstacle[uid] && body.nodes[uid];
      if (!un) return;
      // as drawn, however small: a lane between two rows is about a name deep
      var ux = (un.x - vp.x) * scale + w / 2, uy = (un.y - vp.y) * scale + h / 2, ur = Math.max(1.5, (un.options.size || 8) * scale);
      if (ux + ur < 0 || uy + ur < 0 || ux - ur > w || uy - ur > h) return;
      obstacle[uid] = [ux - ur, uy - ur, ux + ur, uy + ur];
      take(obstacle[uid], focusNodes && !focusNodes.has(uid) ? dimGrid : grid);
    });
    if (inView.length > NODES_AS_OBSTACLES && focused !== null && body.nodes[rep(focused)]) {
      // in a crowd names may cover dots, but never the chosen entity: a hub's neighbours' names hid it
      var fid = rep(focused), fn = body.nodes[fid], fx = (fn.x - vp.x) * scale + w / 2, fy = (fn.y - vp.y) * scale + h / 2;
      var fr = Math.max(3, (fn.options.size || 8) * scale);
      obstacle[fid] = [fx - fr, fy - fr, fx + fr, fy + fr];
      take(obstacle[fid], grid);
    }
    // nor a faded name over a chosen relation's line (a hub's bold ones): drawn under it, the name was crossed out and
    // the line read as broken ("Capitol Hill" across Barack Obama's line to the United States). A highlighted name may
    // still lie there, as it may over faded nodes.
    if (focusEdges) {
      var lineBoxesLeft = CHOSEN_LINE_BOXES;
      (strongEdges || focusEdges).forEach(function (eid) {
        var e = body.edges[eid];
        if (!e || !e.connected || !e.from || !e.to || lineBoxesLeft <= 0) return;
        var ax = (e.from.x - vp.x) * scale + w / 2, ay = (e.from.y - vp.y) * scale + h / 2;
        var bx = (e.to.x - vp.x) * scale + w / 2, by = (e.to.y - vp.y) * scale + h / 2;
        var steps = Math.min(lineBoxesLeft, Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / CHOSEN_LINE_STEP)));
        var half = Math.max(CHOSEN_LINE_HALF, ((e.options.width || 1) * scale + SELECTED_PX) / 2 + 2);  // as wide as drawn
        for (var j = 0; j <= steps; j++) {
          var t = j / steps, pt = null;
          // a curved line (a small corpus's) followed along its curve
          try { pt = e.edgeType && e.edgeType.getPoint ? e.edgeType.getPoint(t) : null; } catch (err) { pt = null; }
          var px = pt ? (pt.x - vp.x) * scale + w / 2 : ax + (bx - ax) * t, py = pt ? (pt.y - vp.y) * scale + h / 2 : ay + (by - ay) * t;
          if (px < -10 || py < -10 || px > w + 10 || py > h + 10) continue;
          take([px - half, py - half, px + half, py + half], dimGrid);
        }
        lineBoxesLeft -= steps;
      });
    }
    for (var i = 0; i < order.length && tried < 4000 && drawn.length < 350; i++) {
      var id = order[i], vn = body.nodes[id];
      if (!vn) continue;
      var x = (vn.x - vp.x) * scale + w / 2, y = (vn.y - vp.y) * scale + h / 2;
      if (x < -50 || y < -30 || x > w + 50 || y > h + 30) continue;
      tried++;
      var isC = id.indexOf(CPREFIX) === 0, n = byId[id], com = isC ? communities[+id.slice(CPREFIX.length)] : null;
      var lit = (focusNodes && focusNodes.has(id)) || id === focused;
      var top = isC || (n && n.rank < 12) || lit;
      var font = (top ? '600 ' : '') + (top ? 14 : 12) + 'px ' + FONT, lh = top ? 17 : 15;
      var r = Math.max(3, (vn.options.size || 8) * scale), own = obstacle[id];
      // what to try, in order: each a block of lines and the spots for its top left corner
      var tries = [];
      if (com) {
        // a collapsed community: its most mentioned members and how many it holds, inside its hexagon when they fit
        // (a name there can only be its own), else beside it, else its first member alone
        var sub = plural(com.size, 'entity', 'entities');
        for (var k = com.names.length; k >= 1; k--) {
          var inside = block(com.names.slice(0, k).map(function (t) { return [shortLabel(t), INSIDE_FONT, INSIDE_HEIGHT]; }).concat([[sub, SUB_FONT, SUB_HEIGHT]]));
          // a hexagon of radius r (points left and right) is 2r - 2|dy|/sqrt(3) wide at dy from its centre
          if (inside.h < 1.5 * r && inside.w + 8 < 2 * r - inside.h / Math.sqrt(3)) { tries.push({b: inside, spots: [[x - inside.w / 2, y - inside.h / 2]]}); break; }
        }
        // a hexagon big enough to show around them carries its first member and count even if they overflow it
        // centred, else slid sideways while still over its centre, else in smaller type: among small hexagons a
        // large community's name often found no room (after Collapse all on 300 DWIE articles, the fourth largest,
        // 41 entities, had none while communities of two had theirs)
        // (a long name on two lines, broken at the space nearest its middle)
        var first = shortLabel(com.names[0] || ''), halves = twoLines(first);
        var over = block([[first, INSIDE_FONT, INSIDE_HEIGHT], [sub, SUB_FONT, SUB_HEIGHT]]);
        var small = block([[first, SMALL_INSIDE_FONT, SMALL_INSIDE_HEIGHT], [sub, SMALL_SUB_FONT, SMALL_SUB_HEIGHT]]);
        var onIt = function (ob) {
          var d = Math.max(0, ob.w / 2 - r / 2), sx = x - ob.w / 2, sy = y - ob.h / 2;
          return {b: ob, spots: [[sx, sy], [sx - d / 2, sy], [sx + d / 2, sy], [sx - d, sy], [sx + d, sy]]};
        };
        var inLines = function (f, fh, sf, sh) {
          return block(halves.map(function (t, k) { return [t, f, fh, k > 0]; }).concat([[sub, sf, sh]]));
        };
        if (r >= 20 && !tries.length) {
          tries.push(onIt(over));
          if (halves.length > 1) tries.push(onIt(inLines(INSIDE_FONT, INSIDE_HEIGHT, SUB_FONT, SUB_HEIGHT)));
          tries.push(onIt(small));
          if (halves.length > 1) tries.push(onIt(inLines(SMALL_INSIDE_FONT, SMALL_INSIDE_HEIGHT, SMALL_SUB_FONT, SMALL_SUB_HEIGHT)));
        }
        tries.push({b: block([[shortLabel(com.names.join(' · ')), font, lh], [sub, SUB_FONT, SUB_HEIGHT]])});
        tries.push({b: block([[shortLabel(com.names[0] || ''), font, lh], [sub, SUB_FONT, SUB_HEIGHT]]), lead: tried <= LEADER_TOP});
        // a smaller one, with no room beside it either, carries them in small type over it: a name over a hexagon
        // can only be its own
        if (r < 20) tries.push(onIt(small));
      } else tries.push({b: block([[shortLabel(labelOf(id)), font, lh]]), lead: lit || tried <= LEADER_TOP});
      var placed = null;
      for (var t = 0; t < tries.length && !placed; t++) {
        var b = tries[t].b, tw = b.w, th = b.h, spots = tries[t].spots;
        if (!spots) {
          spots = [[x - tw / 2, y + r + 2], [x + r + 3, y - th / 2], [x - tw / 2, y - r - th - 1], [x - r - 3 - tw, y - th / 2]];
          // a highlighted name also tries the four corners, then half a line further from the node on each side
          if (lit) {
            var e = th / 2;
            spots.push([x + r + 2, y + r + 1], [x + r + 2, y - r - th], [x - r - tw - 2, y + r + 1], [x - r - tw - 2, y - r - th],
              [x - tw / 2, y + r + 2 + e], [x + r + 3, y - th / 2 - e], [x + r + 3, y - th / 2 + e], [x - tw / 2, y - r - th - 1 - e],
              [x - r - 3 - tw, y - th / 2 - e], [x - r - 3 - tw, y - th / 2 + e]);
            // a neighbour of the chosen entity tries the sides facing away from it first, where a ring of neighbours has
            // room (the spots beside the node, then those further out)
            var cn = focused !== null && id !== focused ? body.nodes[rep(focused)] : null;
            if (cn && (cn.x !== vn.x || cn.y !== vn.y)) {
              var ux = vn.x - cn.x, uy = vn.y - cn.y;
              spots = spots.map(function (p, k) {
                var dx = p[0] + tw / 2 - x, dy = p[1] + th / 2 - y;
                return [p, k, k < 8 ? 0 : 1, (dx * ux + dy * uy) / (Math.hypot(dx, dy) || 1)];
              }).sort(function (a, c) { return a[2] - c[2] || c[3] - a[3] || a[1] - c[1]; }).map(function (a) { return a[0]; });
            }
            // slid sideways into view rather than cut at its edge, if it still leaves its node uncovered
            spots = spots.map(function (p) {
              var px = Math.max(2, Math.min(w - tw - 2, p[0]));
              return px === p[0] || (px - 2 < x + r && px + tw + 2 > x - r && p[1] - 1 < y + r && p[1] + th > y - r) ? p : [px, p[1]];
            });
          }
        }
        placed = place(spots, tw, th, null);
        if (!placed && tries[t].lead) {
          // further out, nearest first, with a leader line from the node's edge to the nearest point of the name
          for (var g = 0; g < LEADER_GAPS.length && !placed; g++) {
            for (var a = 0; a < LEADER_ANGLES.length && !placed; a++) {
              var ang = LEADER_ANGLES[a] * Math.PI / 180, cx = Math.cos(ang), cy = Math.sin(ang);
              var px = x + cx * (r + LEADER_GAPS[g]), py = y + cy * (r + LEADER_GAPS[g]);
              var sx = cx > 0.3 ? px : cx < -0.3 ? px - tw : px - tw / 2, sy = cy > 0.3 ? py : cy < -0.3 ? py - th : py - th / 2;
              var ex = Math.max(sx - 2, Math.min(x, sx + tw + 2)), ey = Math.max(sy - 1, Math.min(y, sy + th));
              placed = place([[sx, sy]], tw, th, [x + cx * r, y + cy * r, ex, ey]);
            }
          }
        }
        if (placed) placed.b = b;
      }
      if (!placed) continue;
      // a name broken over two lines is one name in the text the page reports
      drawn.push({id: id, text: com ? placed.b.items.map(function (it, k) { return (k ? it.cont ? ' ' : ' · ' : '') + it.text; }).join('') : labelOf(id),
        box: placed.box, node: [x, y, r], leader: placed.leader, at: placed, dim: focusNodes && !focusNodes.has(id)});
    }
    // the leader lines first, the names over them (a line that starts under another name passes under its letters)
    drawn.forEach(function (l) {
      if (!l.leader) return;
      var L = l.leader;
      ctx.globalAlpha = l.dim ? 0.35 : 1;
      ctx.beginPath(); ctx.moveTo(L[0], L[1]); ctx.lineTo(L[2], L[3]);
      ctx.lineWidth = 3; ctx.strokeStyle = T.leaderHalo; ctx.stroke();
      ctx.lineWidth = 1.2; ctx.strokeStyle = T.leader; ctx.stroke();
    });
    ctx.lineWidth = 3.5; ctx.strokeStyle = T.halo; ctx.fillStyle = T.ink;
    drawn.forEach(function (l) {
      var at = l.at, ty = at.y;
      ctx.globalAlpha = l.dim ? 0.35 : 1;
      at.b.items.forEach(function (it) {
        ctx.font = it.font;
        ctx.strokeText(it.text, at.x + (at.b.w - it.w) / 2, ty);
        ctx.fillText(it.text, at.x + (at.b.w - it.w) / 2, ty);
        ty += it.h;
      });
      delete l.at;
    });
    // the first free spot of a block tw x th; with a leader, the line too must cross no name (nor node, when nodes are obstacles)
    function place(spots, tw, th, leader) {
      for (var s = 0; s < spots.length; s++) {
        var box = [spots[s][0] - 2, spots[s][1] - 1, spots[s][0] + tw + 2, spots[s][1] + th];
        if (box[0] < 0 || box[2] > w || box[1] < 0 || box[3] > h || !free(box, grid, own) || (!lit && !free(box, dimGrid, own))) continue;
        var lb = leader ? lineBoxes(leader[0], leader[1], leader[2], leader[3], x, y) : [];
        if (!lb) continue;
        take(box, grid);
        lb.forEach(function (x_) { take(x_, grid); });
        return {x: spots[s][0], y: spots[s][1], box: box, leader: leader};
      }
      return null;
    }
    ctx.restore();
    lastLabels = drawn;
  }

  // Dimming repaints, never re-styles: after each frame a translucent veil covers the canvas and the
  // neighbourhood is drawn again on top, so highlighting costs the size of the neighbourhood only.
  function asSelected(e, draw) {
    var was = e.selected;
    e.selected = true;
    try { draw(); } finally { e.selected = was; }
  }
  // The counts on bundles of relations ("2", "3") are drawn over the veil with their edges or not at all: vis-network
  // writes an edge's label as it draws the edge, before the veil, and a dark count on its white halo stayed readable
  // through it, a number with no edge beside it, read as the chosen entity's (stop 66 left it).
  var overVeil = false;
  function countsOverVeilOnly() {
    var ids = Object.keys(network.body.edges);
    if (!ids.length) return;
    var proto = Object.getPrototypeOf(network.body.edges[ids[0]]);
    if (proto.kgraphCounts || typeof proto.drawLabel !== 'function') return;
    var drawLabel = proto.drawLabel;
    proto.drawLabel = function () { if (focusNodes === null || overVeil) return drawLabel.apply(this, arguments); };
    proto.kgraphCounts = true;
  }
  network.on('beforeDrawing', countsOverVeilOnly);
  network.on('afterDrawing', function (ctx) {
    if (focusNodes !== null) {
      var body = network.body;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = T.veil;
      ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.restore();
      // drawn as selected (dark, wider): a path's, an article's or a community's relations were thin grey lines,
      // under half a pixel wide at the scale that frames a path across the corpus, lost among the dimmed ones
      overVeil = true;
      try { focusEdges.forEach(function (eid) { var e = body.edges[eid]; if (e && e.connected) asSelected(e, function () { e.draw(ctx); }); }); }
      finally { overVeil = false; }
      focusNodes.forEach(function (nid) { var n = body.nodes[nid]; if (n) n.draw(ctx); });
      focusEdges.forEach(function (eid) { var e = body.edges[eid]; if (e && e.connected) asSelected(e, function () { e.drawArrows(ctx); }); });
    }
    drawLabels(ctx);
    // the slowest of the last frames, falling back slowly: one quick frame (nothing chosen) does not forget the cost
    var cost = performance.now() - frameStart;
    frameCost = Math.max(cost, frameCost * 0.7);
    checkIdle();
  });
  // A move of the view (framing what is chosen) in MOVE_MS of time, not in a number of frames. vis-network 9.1.2
  // steps an animation by 1/60 of its duration each frame it draws, so a 300 ms move took 18 frames whatever each
  // cost: on the 602 development articles, with Germany chosen (the veil, 2,352 entities and 2,889 relations drawn
  // twice, 70-180 ms a frame), the view came to rest 3-7 s after the click. The duration asked for is cut so the
  // frames fit in MOVE_MS; under MOVE_FRAMES frames the view jumps.
  var MOVE_MS = 300, MOVE_FRAMES = 3, VIS_FRAMES_PER_MS = 0.06;
  function moveAnimation() {
    var frames = Math.floor(MOVE_MS / Math.max(frameCost, 1000 / 60));
    if (frames < MOVE_FRAMES) return false;
    return {duration: Math.min(MOVE_MS, frames / VIS_FRAMES_PER_MS), easingFunction: 'easeInOutQuad'};
  }
  // body[data-idle] is "1" once the view has come to rest: a frame drawn (its names placed) with no move running
  // (an animation, physics, a key held, a drag or a wheel zoom), no redraw asked for and no save of the view to the
  // fragment pending; "0" from the moment one of these starts. It is for what drives the page (the browser tests,
  // whose waits are on it and not on a time: the CSP forbids the eval a polled predicate needs, so a selector waits
  // for it). It changes nothing drawn. The renderer's fields and events are vis-network 9.1.2's, bundled with the page.
  var idle = null;
  function setIdle(v) {
    if (v === idle) return;
    idle = v;
    document.body.setAttribute('data-idle', v ? '1' : '0');
  }
  function checkIdle() {
    var r = network.renderer;
    setIdle(!r.renderingActive && !r.redrawRequested && !r.zooming && !r.dragging && !saveTimer);
  }
  network.on('_startRendering', function () { setIdle(false); });
  network.on('_requestRedraw', function () { setIdle(false); });
  function setFocus(nodes, edges, strong) {
    focusNodes = nodes; focusEdges = edges; strongEdges = strong || null;
    network.redraw();
    if (exportScopeReady) updateExportScope();
  }
  var exportScopeReady = false;
  // A hub chosen (Germany in the 602 development articles: 467 relations to 422 neighbours) drew every relation of it
  // dark and wide over the veil: a black sunburst, the names readable and little else. Beyond HUB_EDGES drawn edges
  // only the HUB_STRONG best attested (most articles) are drawn so; the others thin and lighter, still over the veil.
  // A smaller selection is drawn as before.
  var HUB_EDGES = 40, HUB_STRONG = 12, HUB_FRAME_SCALE = 0.3, HUB_THIN_PX = 0.8, HUB_THIN_OPACITY = 0.7, strongEdges = null;
  function edgeStrength(k) {
    var s = 0;
    (groups[k] || []).forEach(function (i) { var e = edgeById[i]; if (e) s += e.articles.length || (e.asserted ? 1 : 0); });
    return s;
  }
  function strongestOf(edges) {
    if (edges.length <= HUB_EDGES) return null;
    var strength = {};
    edges.forEach(function (k) { strength[k] = edgeStrength(k); });
    return new Set(edges.slice().sort(function (a, b) { return strength[b] - strength[a] || (a < b ? -1 : a > b ? 1 : 0); }).slice(0, HUB_STRONG));
  }
  function highlight(id) {
    if (!drawnNodes.has(id)) { setFocus(null, null); return; }
    var nodes = new Set(network.getConnectedNodes(id)), edges = network.getConnectedEdges(id); nodes.add(id);
    if (!edges.length) companyOf(id).forEach(function (m) { nodes.add(m); });
    setFocus(nodes, new Set(edges), strongestOf(edges));
  }
  // An entity with no relation drawn (Germany the football team in the 602 development articles: 51 mentions, no
  // relation) was drawn alone on the grid below the network, the view moved there and the rest out of sight. Its
  // company is what is known of it on the graph: the LONE_COMPANY drawn entities its articles name most (not
  // relations), highlighted with it; drawn only because it was chosen, it is placed beside the first of them
  // (LONE_GAP from it, at the first of LONE_ANGLES with no entity within LONE_CLEAR), and goes home with the selection.
  var LONE_COMPANY = 8, LONE_GAP = [70, 110, 160, 230], LONE_ANGLES = [0, 180, 90, 270, 45, 135, 225, 315], LONE_CLEAR = 45;
  var lonePos = {};
  function companyOf(id) {
    if (state.explore || !byId[id]) return [];
    var out = [];
    namedWith(id).some(function (m) {
      var r = rep(m.id);
      if (r !== id && drawnNodes.has(r) && out.indexOf(r) < 0 && network.getConnectedNodes(r).length) out.push(r);
      return out.length >= LONE_COMPANY;
    });
    return out;
  }
  function placeLone(id, company) {
    if (lonePos[id] || !state.pinned.has(id) || state.isolated || !company.length) return;
    var drawn = Array.from(drawnNodes), pos = network.getPositions(drawn), c = pos[company[0]];
    if (!c) return;
    var spot = null;
    LONE_GAP.some(function (r) {
      return LONE_ANGLES.some(function (a) {
        var x = Math.round(c.x + r * Math.cos(a * Math.PI / 180)), y = Math.round(c.y + r * Math.sin(a * Math.PI / 180));
        var free = drawn.every(function (k) { return k === id || !pos[k] || Math.hypot(pos[k].x - x, pos[k].y - y) >= LONE_CLEAR; });
        if (free) spot = [x, y];
        return free;
      });
    });
    if (!spot) spot = [Math.round(c.x + LONE_GAP[0]), Math.round(c.y)];
    lonePos[id] = spot;
    nodesDS.update({id: id, x: spot[0], y: spot[1]});
  }
  // placed entities no longer drawn as chosen ones go back to their place in the corpus layout
  function unplaceLone() {
    var home = Object.keys(lonePos).filter(function (id) { return !(vis$.nodes.has(id) && state.pinned.has(id)) || state.isolated || state.explore; });
    home.forEach(function (id) { delete lonePos[id]; });
    if (home.length) nodesDS.update(home.map(homeItem));
  }

  // ------------------------------------------------------------------ the explored entities laid out on their own
  // Exploring draws only the explored entities, at their places in the whole corpus' layout: a hub's 428 neighbours
  // (Germany in DWIE 1-600) were a blob inside its community's disc, framed together with the few from other
  // communities far off. Explored, they are laid out on their own (a force layout started from their places: the
  // same entities get the same layout, which a link restores), and go back to their places when exploring ends.
  //
  // The force layout of the explored entities (positions x, y changed in place; links: pairs of indices). Each
  // entity is pushed away by those near it (L^2 / d up to 3 edge lengths, then times (25 L^2 - d^2) / 16 L^2, nothing
  // from 5: two stars a chain links stay side by side, not far apart) and pulled by its links (d^2 / L), for
  // EXPLORE_ITERATIONS rounds of falling temperature. Up to EXPLORE_EXACT entities the push is summed over every
  // pair; beyond, over a quadtree (Barnes-Hut), for the entities of one leaf at a time: a cell beyond 5 edge lengths
  // is skipped, a cell small for its distance pushes as one body at its centre of mass, so a round takes about
  // n log n steps, not n^2 (the page had every pair, a hard cut at 4 edge lengths, up to 800 entities, and no layout
  // of their own beyond; benchmarks/bench_explore.py times both). Only arithmetic in a fixed order: the same input
  // gives the same positions.
  var EXPLORE_EDGE = 110, EXPLORE_ITERATIONS = 120, EXPLORE_THETA = 0.7, EXPLORE_LEAF = 8, EXPLORE_EXACT = 1000;
  // beyond this many, 2 s or more: the corpus layout keeps them apart (a neighbourhood that large is most of a corpus)
  var EXPLORE_MAX = 5000;
  function exploreLayout(x, y, links, tree) {  // tree: true or false to choose (the benchmark), else by n
    var n = x.length;
    if (n < 2) return;
    var pairs = tree === undefined ? n <= EXPLORE_EXACT : !tree;
    var L = EXPLORE_EDGE, L2 = L * L, CUT2 = 25 * L2, FADE2 = 9 * L2, FADE = CUT2 - FADE2;
    var TH2 = EXPLORE_THETA * EXPLORE_THETA;
    var dx = new Float64Array(n), dy = new Float64Array(n), perm = new Int32Array(n), scratch = new Int32Array(n);
    var cx = 0, cy = 0, i, j, a, b, ex, ey, d2, f;
    for (i = 0; i < n; i++) { cx += x[i]; cy += y[i]; }
    cx /= n; cy /= n;
    // the quadtree: per cell its corner and side, its number of entities and their centre of mass, its first child
    // (the four in a row; -1 for a leaf) and the run of perm holding its entities; the leaves listed
    var cap = 0, tX0, tY0, tS, tM, tMX, tMY, tChild, tLo, tHi, cells = 0, leaves = [];
    function grow(need) {
      if (need <= cap) return;
      var old = [tX0, tY0, tS, tM, tMX, tMY, tChild, tLo, tHi];
      cap = Math.max(64, cap * 2, need);
      tX0 = new Float64Array(cap); tY0 = new Float64Array(cap); tS = new Float64Array(cap); tM = new Float64Array(cap);
      tMX = new Float64Array(cap); tMY = new Float64Array(cap); tChild = new Int32Array(cap); tLo = new Int32Array(cap); tHi = new Int32Array(cap);
      if (old[0]) [tX0, tY0, tS, tM, tMX, tMY, tChild, tLo, tHi].forEach(function (a, k) { a.set(old[k]); });
    }
    function build(k, lo, hi, x0, y0, s, depth) {
      tX0[k] = x0; tY0[k] = y0; tS[k] = s; tLo[k] = lo; tHi[k] = hi; tM[k] = hi - lo; tChild[k] = -1;
      var sx = 0, sy = 0, q;
      for (j = lo; j < hi; j++) { sx += x[perm[j]]; sy += y[perm[j]]; }
      tMX[k] = hi > lo ? sx / (hi - lo) : 0; tMY[k] = hi > lo ? sy / (hi - lo) : 0;
      if (hi - lo <= EXPLORE_LEAF || depth > 40) { if (hi > lo) leaves.push(k); return; }
      // the four quarters in order (upper left, upper right, lower left, lower right), each a run of perm
      var h = s / 2, mx = x0 + h, my = y0 + h, count = [0, 0, 0, 0], at = [0, 0, 0, 0];
      for (j = lo; j < hi; j++) count[(x[perm[j]] >= mx ? 1 : 0) + (y[perm[j]] >= my ? 2 : 0)]++;
      at[0] = lo; at[1] = lo + count[0]; at[2] = at[1] + count[1]; at[3] = at[2] + count[2];
      var start = at.slice();
      for (j = lo; j < hi; j++) { q = (x[perm[j]] >= mx ? 1 : 0) + (y[perm[j]] >= my ? 2 : 0); scratch[at[q]++] = perm[j]; }
      for (j = lo; j < hi; j++) perm[j] = scratch[j];
      var first = cells;
      cells += 4; grow(cells);
      tChild[k] = first;
      for (q = 0; q < 4; q++) build(first + q, start[q], start[q] + count[q], q & 1 ? mx : x0, q & 2 ? my : y0, h, depth + 1);
    }
    var stack = new Int32Array(4 * 44);
    var temp = L * Math.max(2, Math.sqrt(n) / 2);
    for (var it = 0; it < EXPLORE_ITERATIONS; it++) {
      var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (i = 0; i < n; i++) {
        perm[i] = i;
        if (x[i] < minX) minX = x[i];
        if (x[i] > maxX) maxX = x[i];
        if (y[i] < minY) minY = y[i];
        if (y[i] > maxY) maxY = y[i];
      }
      dx.fill(0); dy.fill(0);
      if (pairs) {  // few: every pair, faster than the tree
        for (a = 0; a < n; a++) for (b = a + 1; b < n; b++) {
          ex = x[a] - x[b]; ey = y[a] - y[b]; d2 = ex * ex + ey * ey;
          if (d2 >= CUT2) continue;
          if (d2 < 1e-4) { ex = 0.01 * ((a * 7 + b * 3) % 5 - 2) + 0.01; ey = 0.01 * ((a * 3 + b * 7) % 5 - 2); d2 = ex * ex + ey * ey; }
          f = L2 / d2;
          if (d2 > FADE2) f *= (CUT2 - d2) / FADE;
          dx[a] += ex * f; dy[a] += ey * f; dx[b] -= ex * f; dy[b] -= ey * f;
        }
        leaves = [];
      } else {
        cells = 1; leaves = []; grow(1);
        build(0, 0, n, minX, minY, Math.max(maxX - minX, maxY - minY, 1e-3) * (1 + 1e-9), 0);
      }
      for (var li = 0; li < leaves.length; li++) {
        // the entities of one leaf against the tree: their bounding box decides what is skipped or summed
        var P = leaves[li], pLo = tLo[P], pHi = tHi[P], ax = Infinity, ay = Infinity, bx = -Infinity, by = -Infinity;
        for (j = pLo; j < pHi; j++) {
          a = perm[j];
          if (x[a] < ax) ax = x[a];
          if (x[a] > bx) bx = x[a];
          if (y[a] < ay) ay = y[a];
          if (y[a] > by) by = y[a];
        }
        var top = 0;
        stack[top++] = 0;
        while (top > 0) {
          var k = stack[--top];
          if (tM[k] === 0) continue;
          var kx0 = tX0[k], ky0 = tY0[k], ks = tS[k];
          var gx = kx0 > bx ? kx0 - bx : ax > kx0 + ks ? ax - kx0 - ks : 0, gy = ky0 > by ? ky0 - by : ay > ky0 + ks ? ay - ky0 - ks : 0;
          if (gx * gx + gy * gy >= CUT2) continue;  // all of it beyond the fade
          var mx = tMX[k], my = tMY[k];
          if (tChild[k] >= 0) {
            var cgx = mx < ax ? ax - mx : mx > bx ? mx - bx : 0, cgy = my < ay ? ay - my : my > by ? my - by : 0;
            if (ks * ks >= TH2 * (cgx * cgx + cgy * cgy)) {  // near for its size: open it
              if (top + 4 > stack.length) { var bigger = new Int32Array(stack.length * 2); bigger.set(stack); stack = bigger; }
              for (var q = 3; q >= 0; q--) stack[top++] = tChild[k] + q;
              continue;
            }
            for (j = pLo; j < pHi; j++) {  // far for its size: one body of its mass at its centre of mass
              a = perm[j]; ex = x[a] - mx; ey = y[a] - my; d2 = ex * ex + ey * ey;
              if (d2 >= CUT2) continue;
              f = tM[k] * L2 / d2;
              if (d2 > FADE2) f *= (CUT2 - d2) / FADE;
              dx[a] += ex * f; dy[a] += ey * f;
            }
            continue;
          }
          for (j = pLo; j < pHi; j++) {  // a leaf near: every pair
            a = perm[j];
            for (var m = tLo[k]; m < tHi[k]; m++) {
              b = perm[m];
              if (b === a) continue;
              ex = x[a] - x[b]; ey = y[a] - y[b]; d2 = ex * ex + ey * ey;
              if (d2 >= CUT2) continue;
              if (d2 < 1e-4) {  // on the same spot: a small push, opposite for the other of the two
                var lo = a < b ? a : b, hi = a < b ? b : a, sg = a < b ? 1 : -1;
                ex = sg * (0.01 * ((lo * 7 + hi * 3) % 5 - 2) + 0.01); ey = sg * 0.01 * ((lo * 3 + hi * 7) % 5 - 2); d2 = ex * ex + ey * ey;
              }
              f = L2 / d2;
              if (d2 > FADE2) f *= (CUT2 - d2) / FADE;
              dx[a] += ex * f; dy[a] += ey * f;
            }
          }
        }
      }
      for (var l = 0; l < links.length; l++) {
        var u = links[l][0], v = links[l][1];
        var lx = x[u] - x[v], ly = y[u] - y[v], d = Math.sqrt(lx * lx + ly * ly) || 1e-3, g = d / L;
        dx[u] -= lx * g; dy[u] -= ly * g; dx[v] += lx * g; dy[v] += ly * g;
      }
      for (i = 0; i < n; i++) {
        dx[i] -= 0.02 * (x[i] - cx); dy[i] -= 0.02 * (y[i] - cy);  // a weak pull keeps separate pieces near
        var w = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
        if (w > temp) { dx[i] *= temp / w; dy[i] *= temp / w; }
        x[i] += dx[i]; y[i] += dy[i];
      }
      temp = Math.max(1, temp * 0.95);
    }
  }
  var explorePos = {}, exploreSig = null;
  function homeOf(id) {
    if (id.indexOf(CPREFIX) === 0) { var c = communityNode(communities[+id.slice(CPREFIX.length)]); return [c.x, c.y]; }
    var n = byId[id]; return n ? [n.x, n.y] : [0, 0];
  }
  function homeItem(id) {
    var h = homeOf(id), it = {id: id, x: h[0], y: h[1]};
    if (id.indexOf(CPREFIX) === 0) it.size = communityNode(communities[+id.slice(CPREFIX.length)]).size;
    return it;
  }
  function restorePlaces() {
    var ids = Object.keys(explorePos).filter(function (id) { return nodesDS.get(id); });
    explorePos = {}; exploreSig = null;
    if (ids.length) nodesDS.update(ids.map(homeItem));
  }
  // While exploring, a collapsed community is a hexagon as large as its members explored (not all of them), kept clear
  // of the others: the layout takes entities for points, and after Collapse all while exploring from Germany (DWIE 500)
  // 88 of the 496 pairs of its 32 hexagons overlapped, the largest covering most of the others, and 2 were named.
  // Rounds of pushing apart each overlapping pair that holds a hexagon, in a fixed order (the same input, the same
  // places).
  var SEPARATE_ROUNDS = 60, SEPARATE_GAP = 12, ENTITY_RADIUS = 12;
  function exploredSizes(ids) {
    var count = {}, size = {};
    vis$.nodes.forEach(function (id) { var n = byId[id]; if (n && state.collapsed.has(n.community)) count[n.community] = (count[n.community] || 0) + 1; });
    ids.forEach(function (id) {
      if (id.indexOf(CPREFIX) === 0) size[id] = COMMUNITY_UNIT * Math.sqrt(Math.max(1, count[+id.slice(CPREFIX.length)] || 0));
    });
    return size;
  }
  function separate(ids, x, y, size) {
    var hex = [], isHex = [], r = ids.map(function (id, i) {
      isHex[i] = id in size;
      if (isHex[i]) { hex.push(i); return size[id]; }
      return ENTITY_RADIUS;
    });
    if (!hex.length) return;
    for (var round = 0; round < SEPARATE_ROUNDS; round++) {
      var moved = false;
      for (var a = 0; a < hex.length; a++) {
        var i = hex[a];
        for (var j = 0; j < ids.length; j++) {
          if (j === i || (isHex[j] && j < i)) continue;  // a pair of hexagons once
          var dx = x[j] - x[i], dy = y[j] - y[i], d = Math.sqrt(dx * dx + dy * dy), need = r[i] + r[j] + SEPARATE_GAP;
          if (d >= need) continue;
          if (d < 1e-6) { dx = 1; dy = 0; d = 1; }  // one on the other: apart along x
          var push = (need - d) / 2, ux = dx / d, uy = dy / d;
          x[i] -= ux * push; y[i] -= uy * push; x[j] += ux * push; y[j] += uy * push;
          moved = true;
        }
      }
      if (!moved) break;
    }
  }
  // A filter by type or kind of relation that leaves at most ALONE_SHARE of the linked entities drawn lays out what
  // it shows on its own, as exploring does: "only leader of" (DWIE 450) drew 438 of 1,839 entities at their places
  // in the whole map, 261 short lines scattered over it, since each leader sits in his own community beside his
  // country. The entities go home when the filter goes. Not with the unlinked entities shown: their grid is theirs.
  var ALONE_SHARE = 0.5, linkedCount = DATA.nodes.length - unlinked.length;
  function filterLaidAlone() {
    if (state.explore || state.isolated) return false;
    var narrowed = DATA.types.some(function (t) { return !state.types.has(t.name); })
      || DATA.predicates.some(function (p) { return !state.preds.has(p.name); });
    return narrowed && drawnNodes.size > 0 && drawnNodes.size <= ALONE_SHARE * linkedCount;
  }
  // The entities of a filter's part start from their places drawn together towards their middle, into a disc of
  // ALONE_ROOM edge lengths per entity: spread over the whole map (a part's members may lie in several communities),
  // the layout's weak pull to the middle would leave them far apart. Their order around the middle stays the map's.
  var ALONE_ROOM = 1.5;
  function gather(x, y) {
    var n = x.length, cx = 0, cy = 0, r = 0, i;
    for (i = 0; i < n; i++) { cx += x[i]; cy += y[i]; }
    cx /= n; cy /= n;
    for (i = 0; i < n; i++) r = Math.max(r, Math.hypot(x[i] - cx, y[i] - cy));
    var want = ALONE_ROOM * EXPLORE_EDGE * Math.sqrt(n / Math.PI);
    if (r <= want) return;
    for (i = 0; i < n; i++) { x[i] = cx + (x[i] - cx) * want / r; y[i] = cy + (y[i] - cy) * want / r; }
  }
  // A filter shows many small parts (a leader and his country, a star of a company's staff): laid out together they
  // repel one another as far as their own lines are long, a disc of short lines. Each part is laid out by itself
  // (gathered, then the force layout), and the parts are set in rows, largest first (ties: in the order of their
  // entities' ids), PACK_GAP edge lengths apart, the rows about PACK_ASPECT times as wide as the whole is tall
  // (fixed: the same entities get the same layout in any window), centred where the entities were.
  var PACK_GAP = 1, PACK_ASPECT = 1.6;
  function packParts(x, y, links) {
    var n = x.length, parent = new Int32Array(n), i, cx = 0, cy = 0;
    for (i = 0; i < n; i++) { parent[i] = i; cx += x[i]; cy += y[i]; }
    cx /= n; cy /= n;
    function root(a) { while (parent[a] !== a) { parent[a] = parent[parent[a]]; a = parent[a]; } return a; }
    links.forEach(function (l) { var a = root(l[0]), b = root(l[1]); if (a !== b) parent[Math.max(a, b)] = Math.min(a, b); });
    var members = {}, order = [], partLinks = {};
    for (i = 0; i < n; i++) { var r = root(i); if (!(r in members)) { members[r] = []; partLinks[r] = []; order.push(r); } members[r].push(i); }
    var local = new Int32Array(n);
    order.forEach(function (r) { members[r].forEach(function (k, j) { local[k] = j; }); });
    links.forEach(function (l) { partLinks[root(l[0])].push([local[l[0]], local[l[1]]]); });
    var gap = PACK_GAP * EXPLORE_EDGE, area = 0, widest = 0;
    var parts = order.map(function (r) {
      var m = members[r], px = new Float64Array(m.length), py = new Float64Array(m.length);
      m.forEach(function (k, j) { px[j] = x[k]; py[j] = y[k]; });
      gather(px, py);
      exploreLayout(px, py, partLinks[r]);
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var j = 0; j < m.length; j++) { x0 = Math.min(x0, px[j]); x1 = Math.max(x1, px[j]); y0 = Math.min(y0, py[j]); y1 = Math.max(y1, py[j]); }
      area += (x1 - x0 + gap) * (y1 - y0 + gap); widest = Math.max(widest, x1 - x0 + gap);
      return {m: m, px: px, py: py, x0: x0, y0: y0, w: x1 - x0, h: y1 - y0, first: r};
    });
    parts.sort(function (a, b) { return b.m.length - a.m.length || a.first - b.first; });
    var rowWidth = Math.max(widest, Math.sqrt(area * PACK_ASPECT)), atX = 0, atY = 0, rowH = 0, right = 0;
    parts.forEach(function (p) {
      if (atX > 0 && atX + p.w > rowWidth) { atX = 0; atY += rowH + gap; rowH = 0; }
      p.m.forEach(function (k, j) { x[k] = atX + p.px[j] - p.x0; y[k] = atY + p.py[j] - p.y0; });
      atX += p.w + gap; rowH = Math.max(rowH, p.h); right = Math.max(right, atX - gap);
    });
    var dx = cx - right / 2, dy = cy - (atY + rowH) / 2;
    for (i = 0; i < n; i++) { x[i] += dx; y[i] += dy; }
  }
  function layoutExplored() {
    if (!state.explore && !filterLaidAlone()) { if (exploreSig === null) return false; restorePlaces(); return true; }
    var ids = Array.from(drawnNodes).sort(), sig = ids.join('\n') + '\n\n' + Object.keys(edgeSig).sort().join('\n');
    if (sig === exploreSig) return false;
    var n = ids.length;
    if (n > EXPLORE_MAX) { restorePlaces(); exploreSig = sig; return true; }  // as many as that: the corpus layout keeps them apart
    exploreSig = sig;
    var at = {}, links = [];
    ids.forEach(function (id, i) { at[id] = i; });
    Object.keys(edgeSig).sort().forEach(function (k) {
      var e = edgesDS.get(k);
      if (e && e.from !== e.to && e.from in at && e.to in at) links.push([at[e.from], at[e.to]]);
    });
    // from their places in the corpus layout, so that the same entities get the same layout (a link restores it)
    var x = new Float64Array(n), y = new Float64Array(n);
    ids.forEach(function (id, i) { var h = homeOf(id); x[i] = h[0]; y[i] = h[1]; });
    if (state.explore) exploreLayout(x, y, links);
    else packParts(x, y, links);
    var size = exploredSizes(ids);
    separate(ids, x, y, size);
    var upd = [];
    ids.forEach(function (id, i) {
      var px = Math.round(x[i]), py = Math.round(y[i]), it = {id: id, x: px, y: py};
      if (id in size) it.size = size[id];
      explorePos[id] = [px, py]; upd.push(it);
    });
    // entities no longer drawn go home, so that they are where they belong if shown again
    Object.keys(explorePos).forEach(function (id) {
      if (!(id in at)) { delete explorePos[id]; if (nodesDS.get(id)) upd.push(homeItem(id)); }
    });
    nodesDS.update(upd);
    return true;
  }

  // ------------------------------------------------------------------ refresh after any change
  function refresh(keepFocus) {
    computeVisible();
    unplaceLone();
    rebuildNodes();
    rebuildEdges();
    // a filter's own layout, begun or ended by a box ticked, is framed as "only" frames it: the view held the last
    // layout's frame, the entities out of it
    var relaid = layoutExplored() && !state.explore && window.kgraphReady;
    // a blocked entity goes from the network, its panel stays with what was asked and its undo (it went to the
    // corpus' panel, the keyboard's focus to the network)
    if (focused !== null && !drawnNodes.has(rep(focused)) && !blocked.has(focused)) clearSelection();
    else if (focused !== null) highlight(rep(focused));
    else if (!keepFocus) setFocus(null, null);
    if (relaid && focused === null && selectedEdge === null) fitView();
    updateStats();
    updateExploreBar();
    followFilters();
    saveState();
  }
  // The home panel (its articles, the entities not drawn) and an entity's (its relations shown, who its articles
  // name) are redrawn when the filters change what is shown: the home panel listed 40 articles of 2015 under a 2013
  // range.
  var panelArticles = null, homeAll = false;
  function articlesKey() { return articleOk.map(function (ok) { return ok ? 1 : 0; }).join('') + '|' + vis$.nodes.size + '|' + vis$.rels.length; }
  function followFilters() {
    if (articlesKey() === panelArticles) return;
    var top = trail[trail.length - 1], scroll = $('side').scrollTop;
    if (details.querySelector('[data-overview]')) showHome(homeAll);
    else if (focused !== null && top && top.kind === 'node' && top.arg === focused) { goingBack = true; try { showNode(focused); } finally { goingBack = false; } }
    else if (top && top.kind === 'topic' && details.querySelector('.topic-title')) { goingBack = true; try { showTopic(top.arg); } finally { goingBack = false; } }
    else if (top && top.kind === 'kind' && details.querySelector('.kind-title')) { goingBack = true; try { showKind(top.arg); } finally { goingBack = false; } }
    else if (top && top.kind === 'sentences' && details.querySelector('.sentences-title')) { goingBack = true; try { showSentences(top.arg); } finally { goingBack = false; } }
    // a relation's evidence, the sentences the filters keep first
    else if (top && top.kind === 'edge' && details.querySelector('.relation')) { goingBack = true; try { showEdge(top.arg); } finally { goingBack = false; } }
    else if (top && top.kind === 'group' && (groups[top.arg] || []).length && details.querySelector('.relation')) { goingBack = true; try { showGroup(top.arg); } finally { goingBack = false; } }
    else return;
    $('side').scrollTop = scroll;
  }

  network.once('stabilizationIterationsDone', function () {
    network.setOptions({physics: {enabled: false}});
    $('physics').checked = false;
    fitView();
    network.once('afterDrawing', markReady);
    network.redraw();
  });
  network.on('stabilized', function () {
    if ($('physics').checked) { network.setOptions({physics: {enabled: false}}); $('physics').checked = false; }
  });

  // ------------------------------------------------------------------ details panel
  var details = $('details');
  // An entity's icon in a list: its shape, and the colour its node has on the network (its community's while colour
  // means community): a list of Angela Merkel's panel drew Russia a green diamond, its node on the map brown, and
  // her Type a red dot, the colour of France's community. Repainted when the colour's meaning changes.
  function entityColor(n) { return state.byCommunity ? communityColor(n) : (types[typeOf(n)] || {color: '#8c8c8c'}).color; }
  function entityIcon(n) {
    var s = icon((types[typeOf(n)] || {shape: 'star'}).shape, entityColor(n));
    s.setAttribute('data-entity', n.id);
    return s;
  }
  function repaintEntityIcons() {
    Array.prototype.slice.call(document.querySelectorAll('svg.icon[data-entity]')).forEach(function (s) {
      var n = byId[s.getAttribute('data-entity')];
      if (!n) return;
      s.setAttribute('data-color', entityColor(n));
      s.firstChild.setAttribute('fill', shade(entityColor(n)));
    });
  }
  // A change of theme repaints what the page coloured itself: nodes and hexagons, edges, swatches and icons, the
  // legend and the timeline, then the canvas. Printing draws light whatever the screen's theme, and goes back after.
  var themeButton = $('theme');
  function setTheme(name) {
    themeName = name; T = THEMES[name];
    document.documentElement.setAttribute('data-theme', name);
    themeButton.setAttribute('aria-pressed', name === 'dark' ? 'true' : 'false');
    EDGE_COLOR.color = MANY_EDGES ? T.edgeMany : T.edge; EDGE_COLOR.highlight = T.edgeHi; EDGE_COLOR.hover = T.edgeHover;
    recolor();
    nodesDS.update(communities.map(function (c) { return {id: CPREFIX + c.id, color: communityNodeColor(c)}; }));
    edgesDS.update(edgesDS.get().map(function (e) { return {id: e.id, color: Object.assign({}, e.color, EDGE_COLOR), font: edgeFont()}; }));
    Array.prototype.slice.call(document.querySelectorAll('.swatch[data-color]')).forEach(function (x) { x.style.background = shade(x.getAttribute('data-color')); });
    Array.prototype.slice.call(document.querySelectorAll('svg.icon[data-color] > *')).forEach(function (x) { x.setAttribute('fill', shade(x.parentNode.getAttribute('data-color'))); });
    paintLegend(); paintTimeline();
    network.redraw();
  }
  themeButton.setAttribute('aria-pressed', themeName === 'dark' ? 'true' : 'false');
  themeButton.addEventListener('click', function () {
    var next = themeName === 'dark' ? 'light' : 'dark';
    try {
      // the system's own setting again: follow it again
      if (next === (darkQuery.matches ? 'dark' : 'light')) window.localStorage.removeItem(THEME_KEY);
      else window.localStorage.setItem(THEME_KEY, next);
    } catch (err) { /* storage refused (a private window): the choice lasts this page */ }
    setTheme(next);
  });
  function followSystem() { if (!storedTheme() && !printing.matches) setTheme(darkQuery.matches ? 'dark' : 'light'); }
  if (darkQuery.addEventListener) darkQuery.addEventListener('change', followSystem);
  var themeBeforePrint = null;
  function printLight() { if (themeName !== 'light') { themeBeforePrint = themeName; setTheme('light'); } }
  function afterPrint() { if (themeBeforePrint) { var t = themeBeforePrint; themeBeforePrint = null; setTheme(t); } }
  window.addEventListener('beforeprint', printLight);
  window.addEventListener('afterprint', afterPrint);
  if (printing.addEventListener) printing.addEventListener('change', function () { if (printing.matches) printLight(); else afterPrint(); });
  // A name several entities carry (Hamburg the city and the club, Germany the country and the team: 26 names of 300
  // articles) says whose it is wherever an entity is listed: "Germany · 7 articles" among the entities named most
  // and not drawn was the team, read as the country. The one the name means by far most often (more than
  // NAMESAKE_LEAD times the mentions of each other) is left bare: "Germany (Country)" in every list of a corpus said
  // nothing the bare name does not.
  var namesakes = null, NAMESAKE_LEAD = 4;
  // A label with a qualifier of its own (linking tells namesakes apart so: "Germany (women)", "Tarsk (Velt)") takes
  // another inside it: "Germany (women, Organization)", never "Germany (women) (Organization)". The parts: the label
  // up to where the qualifier goes, the qualifier with its lead, and what closes it.
  var OWN_QUALIFIER = /^(.*\S) \(([^()]+)\)$/;
  function qualifiedParts(label, q, sep) {
    return OWN_QUALIFIER.test(label) ? [label.slice(0, -1), (sep || ', ') + q, ')'] : [label, ' (' + q, ')'];
  }
  function qualified(label, q, sep) { return qualifiedParts(label, q, sep).join(''); }
  function namesake(id) {
    if (!namesakes) {
      namesakes = new Map();
      DATA.nodes.forEach(function (n) { var l = labelOf(n.id); if (!namesakes.has(l)) namesakes.set(l, []); namesakes.get(l).push(n); });
    }
    var n = byId[id], same = n ? namesakes.get(labelOf(id)) || [] : [];
    if (same.length < 2) return false;
    return same.some(function (m) { return m !== n && (n.mentions || 0) <= NAMESAKE_LEAD * (m.mentions || 0); });
  }
  function nodeButton(id, bare) {  // bare: the type is said beside it already
    var q = !bare && namesake(id) ? qualifiedParts(labelOf(id), typeOf(byId[id])) : null;
    return el('button', {type: 'button', class: 'link-button', on: {click: function () { selectNode(id); }}}, q ? q[0] : labelOf(id),
      q ? el('span', {class: 'namesake', text: q[1] + q[2]}) : null);
  }
  // A button whose text wraps as the words around it do: a <button> is laid out as an inline block, which a name
  // longer than what is left of the line widens to the whole line, so that what follows it ("merge?") began a line
  // of its own. Enter and Space press it, as a button.
  function inlineButton(text, onclick) {
    return el('span', {class: 'link-button', role: 'button', tabindex: '0', text: text, on: {click: onclick, keydown: function (ev) {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onclick(ev); }
    }}});
  }
  function articleRef(i) {
    var a = DATA.articles[i];
    if (!a) return document.createTextNode('unknown article');
    var span = el('span', null, el('button', {type: 'button', class: 'link-button', text: a.title || a.id,
      on: {click: function () { showArticle(i); }}}));
    var meta = [a.day || a.date, a.publisher].filter(Boolean).join(', ');
    if (meta) span.append(' (' + meta + ')');
    return span;
  }
  function dl(rows) {
    var d = el('dl');
    rows.forEach(function (r) { if (r && r[1] !== null && r[1] !== undefined && r[1] !== '') d.append(el('dt', r[2] ? {text: r[0], title: r[2]} : {text: r[0]}), el('dd', null, r[1])); });
    return d;
  }
  // ------------------------------------------------------------------ back: the panels seen since the overview
  var trail = [], goingBack = false;
  function visited(kind, arg) {
    var top = trail[trail.length - 1];
    if (!goingBack && !(top && top.kind === kind && top.arg === arg)) { trail.push({kind: kind, arg: arg}); if (trail.length > 50) trail.shift(); }
    if (trail.length > 1) {
      var prev = trail[trail.length - 2];
      details.prepend(el('div', {class: 'back'}, button('← Back' + (prev.kind === 'node' ? ' to ' + labelOf(prev.arg) : prev.kind === 'article' ? ' to the article' : prev.kind === 'paths' ? ' to the paths' : prev.kind === 'topic' ? ' to the articles' : prev.kind === 'kind' ? ' to the ' + prev.arg + ' relations' : prev.kind === 'sentences' ? ' to the sentences' : ''), back, 'act-back')));
    }
  }
  function back() {
    if (trail.length < 2) return false;
    trail.pop();
    var v = trail[trail.length - 1];
    goingBack = true;
    try {
      if (v.kind === 'node') selectNode(v.arg, true);
      else if (v.kind === 'edge') selectEdge(v.arg);
      else if (v.kind === 'article') showArticle(v.arg);
      else if (v.kind === 'community') showCommunity(v.arg);
      else if (v.kind === 'group') showGroup(v.arg);
      else if (v.kind === 'paths') findPaths();
      else if (v.kind === 'topic') showTopic(v.arg);
      else if (v.kind === 'kind') showKind(v.arg);
      else if (v.kind === 'sentences') showSentences(v.arg);
    } finally { goingBack = false; }
    return true;
  }
  function overview() {
    // what the corpus holds, in three lines: articles (dates, publishers), entities by type, relations by kind
    var t = DATA.totals, pubs = (DATA.publishers || []).length;
    var when = bins.length ? (days[0] === days[days.length - 1] ? 'of ' + days[0] : 'from ' + days[0] + ' to ' + days[days.length - 1])
      + (days.length < DATA.articles.length ? ' (' + num(DATA.articles.length - days.length) + ' undated)' : '') : 'undated';
    var byType = DATA.types.filter(function (x) { return x.count; }).map(function (x) { return x.name + ' ' + num(x.count); });
    // each kind lists its relations at one click
    var kindLinks = el('span');
    DATA.predicates.slice().sort(function (a, b) { return b.count - a.count || (a.name < b.name ? -1 : 1); }).forEach(function (x, i) {
      if (i) kindLinks.append(' · ');
      kindLinks.append(kindButton(x.name, predWords(x.name) + ' ' + num(x.count)));
    });
    var groups_ = communities.filter(function (c) { return c.size >= 2; }).length;
    return el('div', {class: 'overview', 'data-overview': '1'},
      el('p', {text: t.articles ? plural(t.articles, 'article') + ', ' + when + ', ' + (pubs ? 'from ' + plural(pubs, 'publisher') : 'no publisher named') + '.' : 'No articles.'}),
      el('p', {text: plural(t.nodes, 'entity', 'entities') + (byType.length ? ': ' + byType.join(' · ') : '') + '.'}),
      el('p', {class: 'kinds-line'}, plural(t.edges, 'relation') + (DATA.predicates.length ? ': ' : ''), kindLinks, '.'),
      groups_ ? el('p', {text: plural(groups_, 'community', 'communities') + ' of entities closely linked by the relations stated in articles (see Communities).'}) : null,
      partsNote(), buildNotes());
  }
  // What the build could not use or chose to leave out (the graph's kg:Build record): the terminal said it once, and
  // an analyst opening the page later took the corpus for whole. Counts by reason, the names at one click.
  var SKIP_WORDS = {'not English': 'not in English', 'written in capitals': 'written in capitals only', 'empty': 'empty',
    'too big': 'too big', 'not text': 'not text (a binary file)', 'unreadable': 'unreadable', 'malformed line': 'a malformed corpus line',
    'missing': 'missing', 'outside the folder': 'a link leading outside the folder', 'not a file': 'not a regular file'};
  function buildNotes() {
    var b = DATA.build;
    if (!b) return null;
    var out = el('div', {class: 'build-notes', 'data-build': '1'});
    function listed(summary, items, cls) {
      var ul = el('ul', {class: 'small'});
      items.forEach(function (x) { ul.append(el('li', null, x)); });
      out.append(el('details', {class: cls}, el('summary', {text: summary}), ul));
    }
    var skipped = Array.isArray(b.skipped) ? b.skipped : [];
    if (skipped.length) {
      var by = Object.create(null), order = [];
      skipped.forEach(function (x) { var w = String(x[1]); if (!(w in by)) { by[w] = []; order.push(w); } by[w].push(String(x[0])); });
      order.sort(function (a, c) { return by[c].length - by[a].length || (a < c ? -1 : a > c ? 1 : 0); });
      var words = function (w) { return own(SKIP_WORDS, w) ? SKIP_WORDS[w] : w; };
      listed(plural(skipped.length, 'file was', 'files were') + ' not read: ' + order.map(function (w) { return num(by[w].length) + ' ' + words(w); }).join(', ') + '.',
        order.reduce(function (acc, w) { return acc.concat(by[w].map(function (n) { return el('span', null, el('code', {text: n}), ' (' + words(w) + ')'); })); }, []), 'skipped-inputs');
    }
    var outvoted = Array.isArray(b.outvoted) ? b.outvoted : [], roving = Array.isArray(b.roving) ? b.roving : [];
    if (outvoted.length) listed('Left out: ' + plural(outvoted.length, 'home country', 'home countries') + ' one article stated and the other articles outvoted.',
      outvoted.map(String), 'outvoted');
    if (roving.length) listed('Left out: the dateline homes of ' + plural(roving.length, 'news agency', 'news agencies') + ' filing from several countries or towns.',
      roving.map(String), 'roving');
    return out.childNodes.length ? out : null;
  }
  // The relations drawn fall apart into separate parts (DWIE 250: Merkel's Germany and Obama's United States are in
  // two), laid out side by side: a reader takes two names close on the map for linked ones. Said, with the largest.
  function partsNote() {
    var up = Object.create(null);
    function root(x) { while (up[x] !== x) { up[x] = up[up[x]]; x = up[x]; } return x; }
    vis$.rels.forEach(function (e) {
      if (!(e.from in up)) up[e.from] = e.from;
      if (!(e.to in up)) up[e.to] = e.to;
      var a = root(e.from), b = root(e.to);
      if (a !== b) up[a] = b;
    });
    var parts = Object.create(null);
    Object.keys(up).forEach(function (k) {
      var r = root(k), p = parts[r] || (parts[r] = {size: 0, best: k});
      p.size++;
      if ((byId[k] || {rank: Infinity}).rank < (byId[p.best] || {rank: Infinity}).rank) p.best = k;
    });
    var list = Object.keys(parts).map(function (r) { return parts[r]; })
      .sort(function (a, b) { return b.size - a.size || (byId[a.best] || {}).rank - (byId[b.best] || {}).rank; });
    if (list.length < 2) return null;
    var big = list.slice(0, 2).map(function (p) { return num(p.size) + ' entities with ' + labelOf(p.best); });
    return el('p', {class: 'parts-note', text: 'The relations shown form ' + num(list.length) + ' separate parts (the largest: ' + big.join('; next: ')
      + '). Entities in different parts are linked by no chain of relations, however close they lie on the map.'});
  }
  // What changed since an older graph of the corpus (a page drawn with kgraph view --since OLD): the new entities and
  // relations (marked on their panels too, and highlighted on the graph at one click) and what the older one held
  // that is gone. Without it an analyst compared two pages by eye.
  var CHANGES_SHOWN = 25;
  function changesSection() {
    var c = DATA.changes;
    if (!c) return null;
    var fresh = DATA.edges.filter(function (e) { return e.new && !blocked.has(e.from) && !blocked.has(e.to); })
      .sort(function (a, b) { return b.articles.length - a.articles.length || byId[a.from].rank - byId[b.from].rank || a.id - b.id; });
    var newIds = DATA.nodes.filter(function (n) { return n.new && !blocked.has(n.id); }).map(function (n) { return n.id; });
    var list = el('ul', {class: 'changes-new'});
    var more = capped(list, fresh, CHANGES_SHOWN, function (e) {
      return el('li', null, nodeButton(e.from), ' ', el('button', {type: 'button', class: 'link-button pred', text: predWords(e.predicate), title: e.predicate,
        on: {click: function () { selectEdge(e.id); }}}), ' ', nodeButton(e.to));
    }, 'new relation');
    var gone = el('ul', {class: 'changes-gone'});
    c.goneEdges.forEach(function (r) { gone.append(el('li', {class: 'muted', text: r[0] + ' ' + predWords(r[1]) + ' ' + r[2]})); });
    var goneCut = c.goneEdgeCount > c.goneEdges.length ? el('p', {class: 'muted small', text: '(' + num(c.goneEdges.length) + ' of ' + num(c.goneEdgeCount) + ' listed)'}) : null;
    return el('section', {class: 'changes', 'data-changes': '1'},
      el('h2', {text: 'Changed since ' + c.since}),
      el('p', {text: plural(c.nodes, 'entity', 'entities') + ' and ' + plural(c.edges, 'relation') + ' new; '
        + plural(c.goneNodeCount, 'entity', 'entities') + ' and ' + plural(c.goneEdgeCount, 'relation') + ' gone.'}),
      newIds.length || fresh.length ? el('div', {class: 'row'}, button('Show the new on the graph', function () {
        showOnGraph(newIds.concat(fresh.map(function (e) { return e.from; }), fresh.map(function (e) { return e.to; })), fresh);
      }, 'act-changes-graph')) : null,
      fresh.length ? list : null, more,
      c.goneEdgeCount ? el('p', {class: 'muted small', text: 'Relations gone (no longer stated or an entity gone):'}) : null,
      c.goneEdgeCount ? gone : null, goneCut,
      c.goneNodeCount ? el('p', {class: 'muted small', text: 'Entities gone: ' + c.goneNodes.join(' · ')
        + (c.goneNodeCount > c.goneNodes.length ? ' … (' + num(c.goneNodes.length) + ' of ' + num(c.goneNodeCount) + ' listed)' : '')}) : null);
  }
  var ARTICLES_SHOWN = 40, MOST_NAMED = 10;
  // articles by date, the latest first, the undated last (then in corpus order)
  function newestFirst(a, b) { var x = DATA.articles[a].day || '', y = DATA.articles[b].day || ''; return x < y ? 1 : x > y ? -1 : a - b; }
  function showHome(allArticles) {
    homeAll = !!allArticles; panelArticles = articlesKey();
    // of the entities drawn: one publisher kept, the list named China among the most central while the filters hid
    // every relation of it (it was listed again below, among those named most and not drawn)
    var stated = function (n) { return relsOf[n.id].some(function (e) { return !e.gaz; }); };
    var list = el('ol', {class: 'ranklist'}), hiddenTop = byRank.filter(stated).slice(0, 20).some(function (n) { return !vis$.nodes.has(n.id); });
    byRank.filter(function (n) { return vis$.nodes.has(n.id) && !blocked.has(n.id); }).slice(0, 20)
      .forEach(function (n) { list.append(el('li', null, nodeButton(n.id))); });
    var arts = DATA.articles.map(function (a, i) { return i; }).filter(function (i) { return articleOk[i]; }).sort(newestFirst);
    trail = [];
    var al = el('ul', {class: 'article-list'}), cut = allArticles ? arts.length : ARTICLES_SHOWN;
    arts.slice(0, cut).forEach(function (i) { al.append(el('li', null, articleRef(i))); });
    // the entities named in most articles (two at least, of those the filters keep) that are not drawn: Europe, named in
    // 84 of DWIE 1-400, has no relation, so it was neither on the graph nor among the most central. Those only left
    // out of an exploration are not listed: the note says no relation of theirs is shown (exploring from Germany in
    // DWIE 500 listed the United States, the European Union, France ... as such)
    var af = articleFiltered(), inArts = function (n) { return af ? n.articles.filter(function (i) { return articleOk[i]; }).length : n.articles.length; };
    var most = DATA.nodes.filter(function (n) { return !vis$.nodes.has(n.id) && !vis$.ends.has(n.id) && !blocked.has(n.id) && inArts(n) >= 2; })
      .map(function (n) { return [n, inArts(n)]; }).sort(function (a, b) { return b[1] - a[1] || a[0].rank - b[0].rank; }).slice(0, MOST_NAMED);
    var named = el('ol', {class: 'most-named'});
    most.forEach(function (x) { named.append(el('li', null, nodeButton(x[0].id), el('span', {class: 'fact-meta', text: ' ' + plural(x[1], 'article')}))); });
    var coms = el('ul', {class: 'swatch-list'});
    bySize.filter(function (c) { return c.size >= 2; }).slice(0, 5).forEach(function (c) {
      coms.append(el('li', null, swatch(c.color), ' ',
        el('button', {type: 'button', class: 'link-button', text: communityLabel(c), on: {click: function () { showCommunity(c.id); }}})));
    });
    // A newcomer's first question is what the page is: the key line below said how to use it, never what a node,
    // a line or its confidence is, nor that a machine read the articles (so some relations are wrong).
    fill(details, !DATA.nodes.length ? null : el('p', {class: 'lead', text: 'A map of what ' + (DATA.articles.length === 1 ? 'one article names' : 'these ' + plural(DATA.articles.length, 'article') + ' name')
      + ': each node is an entity (a person, organization, country or place: its shape says which), each line a relation between two of them, '
      + 'read from the articles by automatic extraction, so some are wrong. Click a line to read the sentences behind it; its confidence is '
      + 'how often relations so rated were right in articles checked by hand.'}),
      el('p', {class: 'muted', text: 'Search a name or pick one below. Click a node for its facts (sources, confidence), an edge for its evidence; double-click a node to expand it. Keys: / search, then Tab: skip to the details or the network · Esc clear · Backspace back · on the graph arrows move, Page Up/Down zoom.'}),
      el('h2', {text: 'This corpus'}), overview(), changesSection(),
      list.childNodes.length ? el('h2', {text: 'Most central entities' + (hiddenTop ? ' of those shown' : '')}) : null,
      list.childNodes.length ? list : null,
      most.length ? el('h2', {text: 'Often named, not drawn'}) : null,
      most.length ? el('p', {class: 'muted small', text: 'No relation of theirs is shown (none found, or the filters hide it); a click shows one on the graph.'}) : null,
      most.length ? named : null,
      coms.childNodes.length ? el('h2', {text: 'Largest communities'}) : null, coms.childNodes.length ? coms : null,
      arts.length ? heading('Articles', arts.length > cut ? num(cut) + ' of ' + num(arts.length) : num(arts.length)) : null, arts.length ? al : null,
      arts.length > cut ? button('Show all ' + plural(arts.length, 'article'), function () { showHome(true); }, 'act-all-articles') : null);
  }
  function marked(sentence, names, marks, query) {
    // Mark the names in the sentence, as Text nodes inside <mark>: exact spans when known, else by search; and the
    // words searched for, if any, as <mark class="hit">
    var q = el('blockquote');
    var text = sentence || '', spans = [];
    (marks || []).forEach(function (m) { if (m && m[0] >= 0 && m[1] <= text.length && m[0] < m[1]) spans.push([m[0], m[1]]); });
    if (!spans.length) names.forEach(function (name) {
      if (!name) return;
      var from = 0, i;
      while ((i = text.indexOf(name, from)) >= 0) { spans.push([i, i + name.length]); from = i + name.length; }
    });
    var low = text.toLowerCase(), want = (query || '').trim().toLowerCase();
    if (want && low.length === text.length) {  // lower case kept the places of the characters
      var from = 0, i;
      while ((i = low.indexOf(want, from)) >= 0) { spans.push([i, i + want.length, 'hit']); from = i + want.length; }
    }
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var at = 0;
    spans.forEach(function (s) {
      if (s[0] < at) return;
      q.append(text.slice(at, s[0]), el('mark', s[2] ? {class: s[2], text: text.slice(s[0], s[1])} : {text: text.slice(s[0], s[1])}));
      at = s[1];
    });
    q.append(text.slice(at));
    return q;
  }
  function namesOf(id) { var n = byId[id]; return n ? [labelOf(id)].concat(n.alt) : [id]; }

  // What each correction does, on the button (its title: the tooltip and what a screen reader adds to its name). The
  // form named its actions and nothing more: which show at once, which wait for the next build, and what Block or
  // Split would do, was learnt by clicking.
  var CORRECTION_HELP = {
    'corr-rename': 'Give it this name: shown at once, kept by the next build',
    'corr-retype': 'Give it this type: shown at once, kept by the next build',
    'corr-block': 'Not an entity (a junk name): it and its relations are hidden at once and left out of the next build',
    'corr-merge': 'The two are one: the next build joins their mentions and relations under the one kept',
    'corr-different': 'The two are different things: no build joins them and no review proposes it',
    'corr-split': 'The mentions whose sentence holds one of these words become another entity (of this name) in the next build',
    'corr-assert': 'State this relation to the entity named: the next build adds it, its evidence this correction',
    'corr-reject': 'The articles do not state it: hidden at once and left out of the next build (saved in corrections.json)'
  };
  function titled(b, title) { b.title = title; return b; }
  var correctOpen = false;
  function correctionBox(n) {
    var box = el('details', {class: 'correct', id: 'correct-form'}, el('summary', {text: 'Correct this entity'}));
    box.open = correctOpen;
    box.addEventListener('toggle', function () { correctOpen = box.open; });
    var name = el('input', {type: 'text', 'aria-label': 'New name', 'data-corr': 'rename-input'});
    name.value = labelOf(n.id);
    var sel = el('select', {'data-corr': 'retype-select', 'aria-label': 'New type'});
    DATA.types.forEach(function (t) { var o = el('option', {text: t.name}); o.value = t.name; if (t.name === typeOf(n)) o.selected = true; sel.append(o); });
    var other = el('input', {type: 'search', list: 'names', placeholder: 'Other entity…', 'data-corr': 'merge-input', 'aria-label': 'Entity to merge with'});
    var pred = el('select', {'data-corr': 'assert-pred', 'aria-label': 'Relation'});
    (DATA.allPredicates || DATA.predicates.map(function (p) { return p.name; })).forEach(function (p) { var o = el('option', {text: p}); o.value = p; pred.append(o); });
    var target = el('input', {type: 'search', list: 'names', placeholder: 'Object entity…', 'data-corr': 'assert-input', 'aria-label': 'Object of the relation'});
    var ctx = el('input', {type: 'text', placeholder: 'Context words…', title: 'Words near the mentions that name another thing, comma-separated (e.g. club, coach)', 'data-corr': 'split-context', 'aria-label': 'Context words of the mentions to split off (comma-separated)'});
    var newName = el('input', {type: 'text', placeholder: 'Its name…', 'data-corr': 'split-label', 'aria-label': 'Name of the entity split off'});
    var msg = el('p', {class: 'muted small'});
    // a correction names its entity exactly: no close spelling
    function resolve(input) { return namedEntity(input.value, function (t) { msg.textContent = t; }); }
    // which of the two a merge keeps: the more mentioned by default (a one-mention duplicate never absorbs a
    // hub and its IRI), shown before the click and changeable
    var keepSel = el('select', {'data-corr': 'merge-keep', 'aria-label': 'Entity the merge keeps'});
    keepSel.hidden = true;
    function keepChoices() {
      var o = namedEntity(other.value, function () {});
      keepSel.replaceChildren();
      keepSel.hidden = !o || o.id === n.id;
      if (keepSel.hidden) return;
      var first = (o.mentions || 0) > (n.mentions || 0) ? o : n;
      [first, first === n ? o : n].forEach(function (x) {
        var opt = el('option', {text: 'keep ' + qualified(labelOf(x.id), typeOf(x) + ', ' + plural(x.mentions || 0, 'mention'))});
        opt.value = x.id; keepSel.append(opt);
      });
      if (picked === n.id || picked === o.id) keepSel.value = picked;  // the analyst's pick outlives a re-read
    }
    var picked = null;
    keepSel.addEventListener('change', function () { picked = keepSel.value; });
    other.addEventListener('input', keepChoices);
    other.addEventListener('change', keepChoices);
    box.append(
      el('p', {class: 'muted small', text: 'Each correction is saved in corrections.json (Corrections, in the controls) for the next build; a rename, retype or block shows here at once.'}),
      el('div', {class: 'row'}, name, button('Rename', function () {
        var v = name.value.trim(); if (v && v !== labelOf(n.id)) addCorrection({action: 'rename', entity: n.id, label: v});
      }, 'corr-rename')),
      el('div', {class: 'row'}, sel, button('Retype', function () {
        if (sel.value !== typeOf(n)) addCorrection({action: 'retype', entity: n.id, type: sel.value});
      }, 'corr-retype'), button('Block', function () { addCorrection({action: 'block', entity: n.id}); }, 'corr-block')),
      el('div', {class: 'row'}, other, keepSel, button('Merge', function () {
        var o = resolve(other);
        if (!o || o.id === n.id) return;
        // the choice shown is the one made, unless it was offered for another name
        if (!Array.prototype.some.call(keepSel.options, function (op) { return op.value === o.id; })) keepChoices();
        var keep = keepSel.value === o.id || keepSel.value === n.id ? keepSel.value : n.id;
        addCorrection({action: 'merge', entities: [n.id, o.id], keep: keep});
      }, 'corr-merge'), button('Not the same', function () {
        // two things (two people named Kim, a club and its town): no build joins them, no review proposes them
        var o = resolve(other);
        if (o && o.id !== n.id) addCorrection({action: 'different', entities: [n.id, o.id]});
      }, 'corr-different')),
      el('div', {class: 'row'}, ctx, newName, button('Split', function () {
        // The mentions whose sentence holds one of the words become a new entity on the next build.
        var words = ctx.value.split(',').map(function (w) { return w.trim(); }).filter(Boolean);
        if (!words.length) { msg.textContent = 'Give the words that mark the other thing, e.g. club, coach.'; return; }
        var c = {action: 'split', entity: n.id, context: words};
        if (newName.value.trim()) c.label = newName.value.trim();
        addCorrection(c);
      }, 'corr-split')),
      el('div', {class: 'row'}, pred, target, button('Assert', function () {
        var o = resolve(target); if (o) addCorrection({action: 'assert', subject: n.id, predicate: pred.value, object: o.id});
      }, 'corr-assert')), msg);
    box.querySelectorAll('button').forEach(function (b) { if (CORRECTION_HELP[b.className]) titled(b, CORRECTION_HELP[b.className]); });
    // what is already asked of this entity, so that a click is seen to have done something
    var mine = corrections.filter(function (c) {
      return [c.entity, c.subject, c.object, c.keep].concat(c.entities || []).indexOf(n.id) >= 0;
    });
    if (mine.length) {
      var pending = el('p', {class: 'small corr-pending'}, 'Saved for this entity: ');
      mine.forEach(function (c, i) {
        pending.append(i ? '; ' : '', correctionText(c), ' ', button('undo', function () { undoCorrection(c); }, 'link-button corr-undo'));
      });
      pending.append('. Save them with “Save corrections.json” (Corrections, below); the next build applies them.');
      box.append(pending);
    }
    return box;
  }

  // a hub's lists start short, so that its correction box is not hundreds of lines down
  var FACTS_SHOWN = 25, ARTICLES_OF_ENTITY = 20, ENTITIES_OF_ARTICLE = 60, THEIRS_SHOWN = 4;
  function capped(list, items, n, render, what) {
    items.slice(0, n).forEach(function (x) { list.append(render(x)); });
    if (items.length <= n) return null;
    var more = button('Show all ' + plural(items.length, what), function () {
      var had = document.activeElement === more, added = items.slice(n).map(render);
      added.forEach(function (x) { list.append(x); });
      more.remove();
      if (had) focusAdded(added[0]);
    }, 'act-more');
    return more;
  }
  // A long list revealed in steps: the first n, then a button that adds `step` more at each click (and says how many
  // of them are shown), gone once all are.
  function stepped(list, items, n, step, render, what, many) {
    var shown = Math.min(n, items.length);
    items.slice(0, shown).forEach(function (x) { list.append(render(x)); });
    if (items.length <= shown) return null;
    var more = el('button', {type: 'button', class: 'act-more-steps'});
    var label = function () {
      var k = Math.min(step, items.length - shown);
      fill(more, el('span', {class: 'step-verb', text: 'Show ' + num(k) + ' more '}), '(' + num(shown) + ' of ' + plural(items.length, what, many) + ' shown)');
    };
    more.addEventListener('click', function () {
      var had = document.activeElement === more, added = items.slice(shown, shown + step).map(render);
      added.forEach(function (x) { list.append(x); });
      shown = Math.min(items.length, shown + step);
      if (shown >= items.length) { more.remove(); if (had) focusAdded(added[0]); } else label();
    });
    label();
    return more;
  }
  // The entities named in the same articles as one: of Barack Obama (105 mentions) the relations give one neighbour,
  // his country; who else his articles name is what an analyst asks next, and a relation-less entity (half of them
  // in a news corpus) has nothing else. Counted over the articles, blocked entities left out.
  var NAMED_WITH_SHOWN = 10, NAMED_WITH_STEP = 30, entitiesOf = null;
  function articleEntities() {
    if (!entitiesOf) {
      entitiesOf = DATA.articles.map(function () { return []; });
      DATA.nodes.forEach(function (m) { m.articles.forEach(function (i) { if (entitiesOf[i]) entitiesOf[i].push(m.id); }); });
    }
    return entitiesOf;
  }
  function namedWith(id) {
    articleEntities();
    var shared = {}, related = {}, af = articleFiltered();
    (byId[id] ? byId[id].articles : []).forEach(function (i) {
      if (af && !articleOk[i]) return;  // who was named with her in 2014, from these publishers
      (entitiesOf[i] || []).forEach(function (m) { if (m !== id && !blocked.has(m)) shared[m] = (shared[m] || 0) + 1; });
    });
    relsOf[id].forEach(function (e) { related[e.from === id ? e.to : e.from] = true; });
    return Object.keys(shared).map(function (m) { return {id: m, shared: shared[m], related: !!related[m]}; })
      .sort(function (a, b) { return b.shared - a.shared || byId[a.id].rank - byId[b.id].rank; });
  }
  // A list of entities with the articles they share ({id, shared, related}), by type at one click ("Person 40"), shown
  // in steps; shown() is what it lists now, for "Show these on the graph".
  function typedEntities(items, groupLabel, relatedText) {
    var list = el('ul', {class: 'named-with'}), more = el('span'), shown = items;
    var present = DATA.types.map(function (t) { return t.name; }).filter(function (t) {
      return items.some(function (x) { return typeOf(byId[x.id]) === t; });
    });
    var kinds = el('div', {class: 'row co-types', role: 'group', 'aria-label': groupLabel}, el('span', {class: 'fact-meta', text: 'By type:'}));
    function show(t) {
      shown = t ? items.filter(function (x) { return typeOf(byId[x.id]) === t; }) : items;
      list.replaceChildren();
      var step = stepped(list, shown, NAMED_WITH_SHOWN, NAMED_WITH_STEP, function (x) {
        return el('li', null, entityIcon(byId[x.id]), ' ', nodeButton(x.id),
          el('span', {class: 'fact-meta', text: ' ' + plural(x.shared, 'article') + (x.related ? relatedText : '')}));
      }, 'entity', 'entities');
      more.replaceChildren();
      if (step) more.append(step);
      kinds.querySelectorAll('button').forEach(function (b) { b.classList.toggle('active', b.getAttribute('data-type') === (t || '')); });
    }
    [''].concat(present).forEach(function (t) {
      var b = button((t || 'all') + ' ' + num(t ? items.filter(function (x) { return typeOf(byId[x.id]) === t; }).length : items.length),
        function () { show(t); }, 'act-co-type');
      b.setAttribute('data-type', t);
      kinds.append(b);
    });
    show('');
    return {list: list, kinds: kinds, more: more, types: present,
      shown: function () { return shown.slice(0, list.childElementCount).map(function (x) { return x.id; }); }};
  }
  // The other entities a name leads to: those that carry this one's name (as theirs or as another name of theirs) and
  // those whose name this one carries. One thing split in two shows here (DWIE 500: "Clinton", 1 mention, and Hillary
  // Rodham Clinton, also named Clinton; two "Security Council" organizations; "ABC" and the Australian Broadcasting
  // Corporation), as do two things of one name (Hamburg the city and the club): the analyst decides, a click away
  // from the correction form. Same type first, then the most mentioned.
  var SAME_NAMED_SHOWN = 6, byName = new Map(), byLabel = new Map();
  DATA.nodes.forEach(function (n) {
    var k = n.label.toLowerCase();
    if (!byLabel.has(k)) byLabel.set(k, []);
    byLabel.get(k).push(n.id);
    // each of its names once (a Set: looking the node up in the name's list cost the list's length, and 100,000
    // entities of one other name held the page 32 s before it was drawn)
    new Set([n.label].concat(n.alt || []).map(function (a) { return a.toLowerCase(); })).forEach(function (ka) {
      if (!byName.has(ka)) byName.set(ka, []);
      byName.get(ka).push(n.id);
    });
  });
  function sameNamed(id) {
    var n = byId[id], seen = new Set([id]), out = [];
    function add(m) { if (!seen.has(m) && !blocked.has(m)) { seen.add(m); out.push(m); } }
    (byName.get(n.label.toLowerCase()) || []).forEach(add);
    (n.alt || []).forEach(function (a) { (byLabel.get(a.toLowerCase()) || []).forEach(add); });
    var t = typeOf(n);
    return out.sort(function (a, b) {
      var x = byId[a], y = byId[b];
      return (typeOf(y) === t) - (typeOf(x) === t) || (y.mentions || 0) - (x.mentions || 0) || x.rank - y.rank;
    });
  }
  // the correction form opened, in view, its first field focused (the name to give it)
  function openCorrection() {
    var box = details.querySelector('details.correct'), first = box && box.querySelector('[data-corr="rename-input"]');
    if (!box) return;
    box.open = true; correctOpen = true;
    box.scrollIntoView({block: 'start'});
    if (first) first.focus({preventScroll: true});
  }
  function mergeWith(m) {
    var box = details.querySelector('details.correct'), input = box && box.querySelector('[data-corr="merge-input"]');
    if (!input) return;
    box.open = true; correctOpen = true;
    input.value = labelOfOrig(m);
    input.dispatchEvent(new Event('input'));
    input.focus();
    if (input.scrollIntoView) input.scrollIntoView({block: 'nearest'});
  }
  // The entities merged into one, by the graph's own keys in its sameAs: each by the name whose key it was
  // ("person/Angla_Merkel" is Angla Merkel, one of its other names), or by the key when no name of it gives it.
  function mergedNamesOf(n) {
    var keyName = {};
    [n.label].concat(n.alt || []).forEach(function (a) { keyName[a.trim().replace(/\s+/g, '_')] = a; });
    return n.sameAs.filter(function (u) { return ID_BASE && u.indexOf(ID_BASE) === 0; }).map(function (u) {
      var k = u.slice(ID_BASE.length), tail = k.slice(k.indexOf('/') + 1);
      return {key: k, name: own(keyName, tail) ? keyName[tail] : null};
    });
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    panelArticles = articlesKey();
    var rows = [['Type', el('span', {class: 'chip'}, entityIcon(n), typeOf(n) || 'Unknown')]];
    // the other names but those "Merged from" gives (Angela Merkel: "Angla Merkel · Merkel" was in both rows)
    var mergedAs = new Set(mergedNamesOf(n).filter(function (m) { return m.name; }).map(function (m) { return m.name; }));
    var otherNames = n.alt.filter(function (a) { return !mergedAs.has(a); });
    if (otherNames.length) rows.push(['Also named', otherNames.join(' · ')]);
    var alike = sameNamed(id);
    if (alike.length) {
      var alikeRow = el('span', {class: 'same-named', title: 'Other entities of this name: one thing split in two (merge them) or two things of one name (say they are not the same)'});
      alike.slice(0, SAME_NAMED_SHOWN).forEach(function (m, i) {
        var x = byId[m];
        if (i) alikeRow.append(' · ');
        // "Germany (women), Organization, 6 mentions": the label's own qualifier is not followed by a second. The
        // facts are in the name's button, one phrase: after it, a narrow panel began a line with ", Organization".
        var what = typeOf(x) + ', ' + plural(x.mentions || 0, 'mention'), named = inlineButton(labelOf(m), function () { selectNode(m); });
        named.append(el('span', {class: 'namesake', text: OWN_QUALIFIER.test(labelOf(m)) ? ', ' + what : ' (' + what + ')'}));
        // text, and a no-break space: in a narrow panel "merge?" began a line of its own, away from the name it acts
        // on (a line may break before an inline block whatever precedes it); it now takes the facts' last word along
        var merge = inlineButton('merge?', function () { mergeWith(m); });
        merge.classList.add('act-merge-with');
        merge.setAttribute('data-with', m);
        merge.title = 'Open the correction form with ' + labelOfOrig(m) + ' to merge with, or to say they are not the same';
        alikeRow.append(named, '\u00a0', merge);
      });
      if (alike.length > SAME_NAMED_SHOWN) alikeRow.append(' · and ' + num(alike.length - SAME_NAMED_SHOWN) + ' more');
      rows.push(['Same name as', alikeRow]);
    }
    var apart = n.differentFrom || [];
    if (apart.length) {
      // a correction said these are other things: drawn entities by name, others by their IRI
      var apartRow = el('span', {class: 'different-from'});
      apart.forEach(function (u, i) {
        if (i) apartRow.append(' · ');
        apartRow.append(byId[u] ? nodeButton(u) : u);
      });
      rows.push(['Not the same as', apartRow]);
    }
    var c = communities[n.community];
    if (c) rows.push(['Community', el('span', null, swatch(c.color), ' ' + communityLabel(c))]);
    if (n.geonames) rows.push(['GeoNames', link(n.geonames)]);
    // the graph's own IRIs of entities merged into this one are not web pages: named, not linked
    var merged = n.sameAs.filter(function (u) { return ID_BASE && u.indexOf(ID_BASE) === 0; });
    n.sameAs.filter(function (u) { return u !== n.geonames && merged.indexOf(u) < 0; }).forEach(function (u) { rows.push(['Same as', link(u)]); });
    // by the name whose key it was ("person/Angla_Merkel" is Angla Merkel, one of its other names), the key in the
    // tooltip; a key no name of it gives is shown as it is
    if (merged.length) {
      var mergedNames = mergedNamesOf(n).map(function (m) {
        return m.name ? el('span', {class: 'merged-name', title: m.key, text: m.name}) : el('code', {class: 'small', text: m.key});
      });
      var mergedRow = el('span');
      mergedNames.forEach(function (m, i) { if (i) mergedRow.append(' · '); mergedRow.append(m); });
      rows.push(['Merged from', mergedRow]);
    }
    // the analyst's items the last build applied to it (the graph's rdfs:comment "correction #4 merge ...")
    if (n.corrections && n.corrections.length) rows.push(['Corrected', el('span', {class: 'small', text: n.corrections.map(function (c) { return c.replace(/^correction /, ''); }).join(' · ')})]);
    if (n.iso) rows.push(['ISO code', n.iso]);
    if (n.coords) rows.push(['Coordinates', n.coords[0].toFixed(4) + ', ' + n.coords[1].toFixed(4)]);
    rows.push(['Mentions', num(n.mentions || 0) + (n.articles.length ? ' in ' + plural(n.articles.length, 'article') : '')]);
    rows.push(['Relations', String(relsOf[id].length) + ' (' + plural(n.degree, 'neighbour') + ')']);
    // the entity model's reading of its mentions ([name confidence, then each type's percent of its votes]): a team
    // named Germany is voted an organization, a country or both
    var model = Array.isArray(n.model) ? n.model : [];
    // in words for a newcomer ("Name confidence 1.00" and "Type votes" said nothing to one), the numbers kept beside
    var nameWhy = 'How sure the entity model was that these words are a name (of a person, organization or place) and not ordinary words: '
      + '1 minus its probability of no name, the surest of its articles (name confidence ' + (typeof model[0] === 'number' ? model[0].toFixed(2) : '') + ').';
    if (typeof model[0] === 'number') rows.push(['Is it a name?', el('span', {class: 'name-sure', title: nameWhy,
      text: (model[0] >= 0.9 ? 'almost surely' : model[0] >= 0.7 ? 'probably' : model[0] >= 0.5 ? 'perhaps' : 'doubtful: perhaps not a name') + ' (' + model[0].toFixed(2) + ')'}), nameWhy]);
    if (model.length > 1) {
      var votes = DATA.types.map(function (t, i) { return [t.name, +model[i + 1] || 0]; }).filter(function (v) { return v[1] > 0; })
        .sort(function (a, b) { return b[1] - a[1]; });
      var votesWhy = 'How the entity model read this name where the articles use it: its type probabilities, summed over the mentions, as shares (type votes). '
        + 'A name read as two types (a team named after its country) may have the wrong one.';
      if (votes.length) rows.push(['Read by the model as', el('span', {class: 'type-votes', title: votesWhy, text: votes.map(function (v) { return v[0].toLowerCase() + ' ' + v[1] + ' %'; }).join(' · ')}), votesWhy]);
    }
    var iriWhy = 'The entity\'s identifier (IRI) in the graph file and in SPARQL queries: a click selects it whole to copy.';
    rows.push(['Identifier in the graph', el('code', {class: 'small iri', title: iriWhy, text: shownIri(n.id)}), iriWhy]);
    if (n.new && DATA.changes) rows.push(['Change', 'new since ' + DATA.changes.since]);
    var rel = el('ul', {class: 'node-facts'});
    // the facts shown first, the best attested first: articles (those the filters keep first), independent sources, confidence
    var facts = relsOf[id].slice().sort(function (a, b) {
      return (vis$.relSet.has(b.id) - vis$.relSet.has(a.id)) || (keptArticles(b).length - keptArticles(a).length) || (b.articles.length - a.articles.length) || (b.sources - a.sources)
        || ((b.confidence || 0) - (a.confidence || 0)) || (a.id - b.id);
    });
    // listed by kind, a fact also says what the entity at its other end is linked to, a step further: which
    // organizations Germany's leaders work for was one panel per leader (19 clicks for 9 leaders in DWIE 350)
    function theirs(e) {
      var other = e.from === id ? e.to : e.from;
      // those leading away from this entity first (Horst Köhler worksFor International Monetary Fund before citizenOf Germany)
      var away = function (x) { return x.from === id || x.to === id ? 1 : 0; };
      var more = (relsOf[other] || []).filter(function (x) { return x.id !== e.id && vis$.relSet.has(x.id); }).sort(function (a, b) {
        return (away(a) - away(b)) || (b.articles.length - a.articles.length) || ((b.confidence || 0) - (a.confidence || 0)) || (a.id - b.id);
      });
      if (!more.length) return null;
      var line = el('div', {class: 'theirs fact-meta', 'data-of': other}, labelOf(other) + ': ');
      more.slice(0, THEIRS_SHOWN).forEach(function (x, i) {
        if (i) line.append(' · ');
        var end = x.from === other ? x.to : x.from;
        line.append(el('span', {class: 'item', 'data-hub': away(x) ? '1' : '0'}, x.from === other ? '' : nodeButton(end), x.from === other ? '' : ' ',
          el('span', {class: 'pred', text: predWords(x.predicate), title: x.predicate}), x.from === other ? ' ' : '', x.from === other ? nodeButton(end) : ''));
      });
      if (more.length > THEIRS_SHOWN) line.append(' · ' + num(more.length - THEIRS_SHOWN) + ' more');
      return line;
    }
    function fact(e, withTheirs) {
      return factItem(e, id, withTheirs ? theirs(e) : null);
    }
    var moreFacts = capped(rel, facts, FACTS_SHOWN, fact, 'relation');
    // A hub's relations by kind and the way they run (← leaderOf 44: others lead it), each kind listed whole at one
    // click: who leads Germany is not somewhere among 474 relations best attested first.
    var kinds = null, relHead = heading('Relations', moreFacts ? num(facts.length) + ', best attested first' : '');
    if (moreFacts) {
      var byKind = {}, kindOrder = [];
      facts.forEach(function (e) {
        var k = e.predicate + (e.from === id && e.to === id ? '' : e.from === id ? '\nout' : '\nin');
        if (!byKind[k]) { byKind[k] = []; kindOrder.push(k); }
        byKind[k].push(e);
      });
      kindOrder.sort(function (a, b) { return byKind[b].length - byKind[a].length || (a < b ? -1 : 1); });
      // "… leaderOf Germany (44)": the others that lead it; "Angela Merkel worksFor … (3)": what it works for
      var kindText = function (k) {
        var parts = k.split('\n');
        parts[0] = predWords(parts[0]);
        return parts[1] === 'in' ? '… ' + parts[0] + ' ' + labelOf(id) : parts[1] === 'out' ? labelOf(id) + ' ' + parts[0] + ' …' : labelOf(id) + ' ' + parts[0] + ' ' + labelOf(id);
      };
      var showKind = function (k) {
        rel.replaceChildren();
        (k ? byKind[k] : moreFacts.isConnected ? facts.slice(0, FACTS_SHOWN) : facts).forEach(function (e) { rel.append(fact(e, !!k)); });
        headingParts(relHead, k ? 'Relations: ' + kindText(k) : 'Relations', k ? num(byKind[k].length) : num(facts.length) + ', best attested first');
        moreFacts.hidden = !!k;
        kinds.querySelectorAll('button').forEach(function (b) { b.classList.toggle('active', b.getAttribute('data-kind') === (k || '')); });
      };
      kinds = el('div', {class: 'row kinds', role: 'group', 'aria-label': 'Relations by kind'}, el('span', {class: 'fact-meta', text: 'By kind:'}));
      var all = button('all ' + num(facts.length), function () { showKind(null); }, 'act-kind active');
      all.setAttribute('data-kind', '');
      kinds.append(all);
      kindOrder.forEach(function (k) {
        var parts = k.split('\n');
        // in words, as everywhere a reader meets a kind ("← basedIn 131" read as code beside "located in" below it)
        var b = button((parts[1] === 'in' ? '← ' : '') + predWords(parts[0]) + (parts[1] === 'out' ? ' →' : '') + ' ' + num(byKind[k].length), function () { showKind(k); }, 'act-kind');
        b.setAttribute('data-kind', k);
        b.title = kindText(k) + ': ' + plural(byKind[k].length, 'relation');
        kinds.append(b);
      });
    }
    // a hub's best attested relations are drawn dark on the graph, the others thin: the panel says so
    var hubNote = focused === id && strongEdges && focusEdges ? el('p', {class: 'muted small hub-note',
      text: 'On the graph its ' + num(strongEdges.size) + ' best attested lines are bold, the other ' + num(focusEdges.size - strongEdges.size) + ' thin.'}) : null;
    // with a time range or publishers set, the articles they keep come first; the others stay listed, greyed
    var af = articleFiltered(), kept = af ? n.articles.filter(function (i) { return articleOk[i]; }).length : n.articles.length;
    // by date, the latest first, as on the home panel (they were in corpus order: 2014, 2015, 2016, 2016, 2015 ...)
    var artOrder = n.articles.slice().sort(function (x, y) { return (af ? (articleOk[y] ? 1 : 0) - (articleOk[x] ? 1 : 0) : 0) || newestFirst(x, y); });
    var arts = el('ul', {class: 'node-articles'});
    var moreArts = capped(arts, artOrder, ARTICLES_OF_ENTITY, function (i) { return el('li', {class: articleOk[i] ? '' : 'muted'}, articleRef(i)); }, 'article');
    // the countries and cities every article names come first: one click lists the people (or another type) alone
    var co = namedWith(id), coT = typedEntities(co, 'Named in the same articles, by type', ' · related');
    var coList = coT.list, coKinds = coT.kinds, coTypes = coT.types, moreCo = coT.more;
    var coHead = co.length ? [heading('Named in the same articles', plural(co.length, 'entity', 'entities') + (articleFiltered() ? ', in the time and source filters' : '')),
      el('p', {class: 'muted small', text: 'Not relations: the entities its articles also name, most shared articles first.'}),
      coTypes.length > 1 ? coKinds : null,
      el('div', {class: 'row'}, button('Show these on the graph', function () {
        showOnGraph([id].concat(coT.shown()));
      }, 'act-named-with-graph'))] : [];
    var growing = [titled(button('Expand neighbours', function () { expand(id); }, 'act-expand'), 'Add the entities its relations reach to those drawn (exploring starts with what is drawn)'),
      titled(button('Explore from here', function () { exploreFrom(id); }, 'act-explore'), 'Draw only it and the entities its relations reach; Expand all shown draws the next ring')];
    var lone = alone(id);
    if (lone) growing.forEach(function (b) { b.disabled = true; b.title = 'No relation of it is shown (' + (relsOf[id].length ? 'the filters hide them' : 'none was found') + ')'; });
    // what is known of an entity with no relation shown, said first: the rest of its panel is what its articles give
    var company = lone ? companyOf(id) : [];
    var loneNote = lone ? el('p', {class: 'note lone-note', role: 'note'}, (relsOf[id].length ? 'The filters hide its ' + plural(relsOf[id].length, 'relation') + '.' : 'No relation of it was found: it is only named, in ' + plural(n.articles.length, 'article') + '.')
      + (company.length ? ' On the graph it is highlighted with the ' + plural(company.length, 'entity', 'entities') + ' its articles name most (not relations: listed below, under Named in the same articles).' : '')) : null;
    // a hub's correction form is thousands of pixels down (Germany: 474 relations): one control opens it and goes there
    var toCorrect = titled(button('Correct this entity', function () { openCorrection(); }, 'act-correct'), 'Open the correction form (rename, retype, block, merge, split, assert) at the end of this panel');
    toCorrect.setAttribute('aria-controls', 'correct-form');
    // a name another entity carries (Germany the country and the team) says which this is in the heading too
    var label = labelOf(id), shared = DATA.nodes.some(function (m) { return m.id !== id && labelOf(m.id) === label; });
    var hq = shared ? qualifiedParts(label, typeOf(n)) : null;
    fill(details, el('h3', null, hq ? hq[0] : label, hq ? el('span', {class: 'h3-type', text: hq[1] + hq[2]}) : null),
      el('div', {class: 'row'}, growing[0], growing[1],
        button('Path from here', function () { setPathEnd('from', id); }, 'act-path-from'),
        button('Path to here', function () { setPathEnd('to', id); }, 'act-path-to'), toCorrect),
      loneNote, dl(rows),
      rel.childNodes.length ? relHead : null, hubNote, kinds, rel.childNodes.length ? rel : null, moreFacts,
      coHead[0] || null, coHead[1] || null, coHead[2] || null, coHead[3] || null, co.length ? coList : null, co.length ? moreCo : null,
      n.articles.length ? el('h2', null, 'Mentioned in ' + plural(n.articles.length, 'article'), el('span', {class: 'h2-detail', text: (af ? ' (' + num(kept) + ' in the time and source filters)' : '')
        + (n.articles.length > 1 && n.articles.some(function (i) { return DATA.articles[i].day; }) ? ', latest first' : '')})) : null,
      n.articles.length ? arts : null, moreArts, correctionBox(n));
    visited('node', id);
  }
  // How a statement was found, in words: "implied:leader-citizen:model:doc" was shown as such, and an analyst could
  // not tell that the sentence states Merkel leads Germany and the page concludes she is its citizen.
  // A fact in a list: its two ends (but the entity whose panel lists it), its kind, how sure and how often stated,
  // and its evidence one click away; greyed when the filters hide it.
  function factItem(e, self, after) {
    // named with the relation it opens: a screen reader, or a keyboard's Tab, met "evidence, evidence, evidence" in a
    // list whose lines share a neighbour (Nicolas Sarkozy: citizen of, leader of, works for France)
    var b = el('button', {type: 'button', class: 'link-button', text: 'evidence', 'aria-label': 'Evidence: ' + relationWords(e),
      on: {click: function () { selectEdge(e.id); }}});
    // when it was stated: who leads an organization is read from several facts of several years (Ashton, Mogherini)
    var meta = e.gaz ? 'gazetteer' : e.asserted && !e.articles.length ? 'asserted by a correction' : confWords(e) + ' · ' + factCounts(e, true)
      + (e.first ? ' · ' + statedWhen(e, true) : '');
    return el('li', {class: (vis$.relSet.has(e.id) ? '' : 'muted') + (lowConf(e) ? ' low-conf' : '')}, e.from === self ? '' : nodeButton(e.from), e.from === self ? '' : ' ',
      el('span', {class: 'pred', text: predWords(e.predicate), title: e.predicate}), ' ', e.to === self ? '' : nodeButton(e.to), ' ',
      el('span', {class: 'fact-meta', text: '(' + meta + ', '}), b, el('span', {class: 'fact-meta', text: ')'}), after);
  }
  // When a fact was stated: the first and last days of the articles the time and source filters keep, as its counts
  // (they followed the filters while the dates stayed those of every article: "1 article in the time and source
  // filters (2 in all) · 2014-01-02 to 2016-05-01" for one article of 2014)
  // Short (a line in a list of facts): the days kept alone, the span of all is in the relation's panel.
  // a relation in words, both ends named ("Nicolas Sarkozy leader of France")
  function relationWords(e) { return labelOf(e.from) + ' ' + predWords(e.predicate) + ' ' + labelOf(e.to); }
  function statedWhen(e, short) {
    var span = function (a, b) { return a === b ? a : a + ' to ' + b; }, all = span(e.first, e.last);
    if (!articleFiltered()) return all;
    var kept = keptArticles(e), days = kept.map(function (i) { return DATA.articles[i].day; }).filter(Boolean).sort();
    // none kept: the counts beside say so ("none in the time and source filters (1 in all)"), not again here
    if (!kept.length) return all;
    if (!days.length) return short ? all + ' (none of the kept dated)' : all + ' (none dated in the time and source filters)';
    var shown = span(days[0], days[days.length - 1]);
    return shown === all || short ? shown : shown + ' (' + all + ' in all)';
  }
  // A fact's articles and sources, those the time and source filters keep when they are set, as in the relation's
  // panel: filtered to one publisher, Germany's facts still said "3 articles · 2 sources", greyed or not.
  // Short, for a line in a list of facts: a filtered fact's line ran to four lines in the side panel ("1 article in the
  // time and source filters (2 in all) · 2024-02-10 (2024-01-05 to 2024-02-10 in all)"); it reads "1 of 2 articles
  // in the filters · 2024-02-10", the relation's panel (its evidence, one click) says the rest.
  function factCounts(e, short) {
    var arts = keptArticles(e), n = articleFiltered() ? sourcesOf(arts) : e.sources;
    if (!articleFiltered()) return plural(arts.length, 'article') + (n !== arts.length ? ' · ' + plural(n, 'source') : '');
    if (short) return (arts.length ? num(arts.length) : 'none') + ' of ' + plural(e.articles.length, 'article') + ' in the filters'
      + (arts.length && n !== arts.length ? ' · ' + plural(n, 'source') : '');
    var all = ' (' + num(e.articles.length) + ' in all)';
    if (!arts.length) return 'none in the time and source filters' + all;
    return plural(arts.length, 'article') + ' in the time and source filters' + all + (n !== arts.length ? ' · ' + plural(n, 'source') : '');
  }
  // Every relation of one kind, those shown best attested first, those the filters hide greyed after them: who leads
  // what in a corpus (leaderOf, 195 in DWIE 1-300) was 195 edges to read name by name off the graph, or a CSV to open.
  var KIND_SHOWN = 50, KIND_STEP = 100;
  function kindButton(name, text) {
    return el('button', {type: 'button', class: 'link-button act-kind-list', 'data-predicate': name, text: text,
      title: 'List every ' + predWords(name) + ' relation', on: {click: function () { showKind(name); }}});
  }
  function showKind(name) {
    if (!own(predLabel, name)) return;
    panelArticles = articlesKey();
    var rels = DATA.edges.filter(function (e) { return e.predicate === name && !blocked.has(e.from) && !blocked.has(e.to); }).sort(function (a, b) {
      return (vis$.relSet.has(b.id) - vis$.relSet.has(a.id)) || (keptArticles(b).length - keptArticles(a).length) || (b.articles.length - a.articles.length) || (b.sources - a.sources)
        || ((b.confidence || 0) - (a.confidence || 0)) || (a.id - b.id);
    });
    var shown = rels.filter(function (e) { return vis$.relSet.has(e.id); }).length, low = rels.filter(lowConf).length;
    var list = el('ul', {class: 'node-facts kind-facts'});
    var more = stepped(list, rels, KIND_SHOWN, KIND_STEP, function (e) { return factItem(e, null, null); }, 'relation');
    var pl = predLabel[name];
    fill(details, el('h3', {class: 'kind-title'}, 'Every ', el('span', {class: 'pred', text: predWords(name), title: name}), ' relation' + (pl && pl !== name ? ' (' + name + ' in the graph)' : '')),
      el('p', {class: 'muted', text: plural(rels.length, 'relation') + (shown < rels.length ? ', ' + num(shown) + ' shown with the filters (first, best attested first; the others greyed)' : ', best attested first')
        + (low ? '; ' + num(low) + ' of low confidence (under ' + LOW_CONF.toFixed(1) + ')' : '') + '.'}),
      rels.length ? el('div', {class: 'row'}, button('Show only these on the graph', function () {
        state.preds = new Set([name]); syncControls(); refresh();
      }, 'act-kind-only')) : null, list, more);
    visited('kind', name);
    toPanelTop();
  }
  // How a relation was found, in words that tell a relation read in one sentence (a fixed wording matched in it, or
  // a trained model's reading of a sentence naming both) from an inferred one (a model's reading of the article when
  // no sentence names both, or a consequence of another relation), the key's two words: the raw method
  // ("rule:born-in", "model:doc") stays in the line's title, for those who query the graph. Every model statement
  // read "inferred by a trained model from the article", "German Chancellor Angela Merkel" under it too: beside the
  // key's "stated or inferred", a guess. A model's reading is not said "stated": of 175 leaderOf in 200 articles
  // read in a sentence naming both, some name both without saying it. The graph records where both names sit
  // (`marks`, only when the sentence holds both).
  function methodText(m, v) {
    var parts = String(m).split(':');
    if (parts[0] === 'implied') return 'inferred from another relation the article states';
    if (parts[0] === 'model') return v && v.sentence && v.marks ? 'read in this sentence by a trained model'
      : 'inferred by a trained model from the article: no one sentence names both';
    if (parts[0] === 'rule') return 'stated: the sentence says it in a wording kgraph knows';
    if (m === 'gazetteer:geonames') return 'GeoNames gazetteer';
    if (m === 'identity:home-country') return 'a state body of the country the article names';
    if (m === 'correction') return 'asserted by a correction';
    return String(m);
  }
  // A relation's evidence, the most confident first (then in article order): of 44 sentences an analyst reads the
  // first few, and a path's step shows one; the first by article was often a weak one.
  function bestFirst(evs) {
    return evs.slice().sort(function (a, b) {
      var x = a.confidence === null || a.confidence === undefined ? -1 : a.confidence, y = b.confidence === null || b.confidence === undefined ? -1 : b.confidence;
      return y - x;
    });
  }
  // A relation stated in hundreds of articles listed every sentence: the first EVIDENCE_SHOWN (the most confident),
  // then EVIDENCE_STEP more at each click; the heading keeps the count of all.
  var EVIDENCE_SHOWN = 10, EVIDENCE_STEP = 20;
  function relationBlock(e, seen) {
    var names = namesOf(e.from).concat(namesOf(e.to));
    var roles = Array.from(new Set(e.evidence.map(function (v) { return v.role; }).filter(Boolean)));
    var pl = predLabel[e.predicate];
    var list = el('div');
    // in a bundle of relations between two entities, sentences a relation above lists are not repeated
    var sentenceKey = function (v) { return v.article + '\n' + v.start + '\n' + v.sentence; };
    var again = seen ? e.evidence.filter(function (v) { return v.sentence && seen.has(sentenceKey(v)); }).length : 0;
    var evs = bestFirst(e.evidence).filter(function (v) {
      if (seen && v.sentence) { if (seen.has(sentenceKey(v))) return false; seen.add(sentenceKey(v)); }
      return true;
    });
    // With a time range or publishers set, the sentences of the articles they keep come first and the others after
    // them, greyed and said to be left out: filtered to one publisher, a relation listed the other publishers'
    // sentences first, as if they were what that publisher wrote.
    var af = articleFiltered();
    var kept = function (v) { return !af || v.article === null || v.article === undefined || !!articleOk[v.article]; };
    if (af) evs = evs.filter(kept).concat(evs.filter(function (v) { return !kept(v); }));
    var keptEvidence = e.evidence.filter(kept).length, keptArts = keptArticles(e).length;
    var more = stepped(list, evs, EVIDENCE_SHOWN, EVIDENCE_STEP, function (v) {
      // an analyst's assert derives from the corrections file, not from the gazetteer: the item and its note say so
      var src = v.article !== null && v.article !== undefined ? articleRef(v.article)
        : v.method === 'correction' ? el('span', null, 'corrections file' + (v.note ? ', item ' + v.note : ''))
        : (v.source ? el('span', null, 'gazetteer: ', link(v.source)) : 'unknown source');
      var meta = 'confidence ' + fmtConf(v.confidence) + (v.method ? ' · ' + methodText(v.method, v) : '') + (v.role ? ' · role: ' + v.role : '');
      var out = !kept(v);
      return el('div', {class: 'evidence' + (out ? ' muted out-of-filters' : '')}, v.sentence ? marked(v.sentence, names, v.marks) : null,
        el('div', {class: 'meta', text: meta, title: v.method ? 'method: ' + v.method : ''}), el('div', {class: 'meta'}, 'Source: ', src,
          out ? ' · left out by the time and source filters' : null));
    }, 'evidence sentence');
    var isRejected = rejected.has(e.id);
    return el('div', {class: 'relation', 'data-rel': String(e.id)},
      el('h3', null, nodeButton(e.from), ' ', el('span', {class: 'pred', text: predWords(e.predicate), title: e.predicate}), ' ', nodeButton(e.to)),
      dl([['Relation', el('span', null, pl && pl !== e.predicate ? pl + ' (' + e.predicate + ' in the graph and its queries)' : e.predicate, el('span', {class: 'kind-more'}, ' · ', kindButton(e.predicate, 'every ' + predWords(e.predicate) + ' relation')))],
        ['Change', e.new && DATA.changes ? 'new since ' + DATA.changes.since : null],
        ['Role words', roles.join(', ')], ['Confidence', confText(e)],
        ['Articles', e.articles.length ? num(e.articles.length) + (af ? ' (' + num(keptArts) + ' in the time and source filters)' : '')
          : e.asserted ? 'none (asserted by a correction)' : 'none (gazetteer)'],
        ['Sources', e.gaz || !e.articles.length ? null : sourcesText(e)],
        ['Stated', e.first ? statedWhen(e) : null]]),
      // the rejection undone where it was made (the focus stays on the button in its place)
      el('div', {class: 'row'}, isRejected ? el('span', {class: 'muted'}, 'Rejected (in corrections). ', button('Undo the rejection', function () {
        corrections.filter(function (c) { return c.action === 'reject' && c.subject === e.from && c.predicate === e.predicate && c.object === e.to; }).forEach(undoCorrection);
      }, 'corr-reject'))
        : titled(button('Reject this relation', function () { addCorrection({action: 'reject', subject: e.from, predicate: e.predicate, object: e.to}); }, 'corr-reject'), CORRECTION_HELP['corr-reject'])),
      heading(plural(e.evidence.length, 'evidence sentence'), af ? num(keptEvidence) + ' in the time and source filters' : '', true),
      again ? el('p', {class: 'muted small', text: (again === e.evidence.length ? 'All ' : again + ' of them ') + 'shown above.'}) : null,
      list, more);
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    panelArticles = articlesKey();
    fill(details, relationBlock(e));
    visited('edge', id);
  }
  function showGroup(key) {
    var ids = groups[key] || [];
    if (ids.length === 1 && byId[edgeById[ids[0]].from] && rep(edgeById[ids[0]].from) === edgeById[ids[0]].from
        && rep(edgeById[ids[0]].to) === edgeById[ids[0]].to) { showEdge(ids[0]); return; }
    var parts = key.split('\n'), ends = ids.map(function (i) { return rep(edgeById[i].from); });
    // the way the relations run when they all run one way ("Ann Roe → Veltria"), else both ways
    var oneWay = ends.every(function (x) { return x === ends[0]; });
    if (oneWay && parts[1] === ends[0]) parts = [parts[1], parts[0]];
    var title = parts.map(function (p) {
      var com = p.indexOf(CPREFIX) === 0 ? communities[+p.slice(CPREFIX.length)] : null;
      return com ? 'the community of ' + com.names[0] + ' (' + plural(com.size, 'entity', 'entities') + ')' : labelOf(p);
    }).join(oneWay ? ' → ' : ' ↔ ');
    var seen = new Set();
    panelArticles = articlesKey();
    fill.apply(null, [details, el('h3', {text: title}), el('p', {class: 'muted', text: plural(ids.length, 'relation') + ' between them.'})]
      .concat(ids.map(function (i) { return relationBlock(edgeById[i], seen); })));
    visited('group', key);
    toPanelTop();
  }
  // An article's sentences that state a relation, in article order, each with its names' places and its relations
  function sentencesOf(i) {
    var bySentence = {}, keys = [];
    articleEvidence[i].forEach(function (pair) {
      var v = pair[1], k = (v.start === null || v.start === undefined ? 1e12 : v.start) + '\n' + v.sentence;
      if (!bySentence[k]) { bySentence[k] = {article: i, start: v.start, sentence: v.sentence, marks: [], names: [], rels: [], conf: {}}; keys.push(k); }
      var s = bySentence[k], e = pair[0];
      (v.marks || []).forEach(function (m) { s.marks.push(m); });
      s.names = s.names.concat(namesOf(e.from), namesOf(e.to));
      if (s.rels.indexOf(e) < 0) s.rels.push(e);
      // this sentence's own confidence of the relation (its best, when it states it twice), not the relation's best
      var c = v.confidence === null || v.confidence === undefined ? null : v.confidence;
      if (!(e.id in s.conf) || (c !== null && (s.conf[e.id] === null || c > s.conf[e.id]))) s.conf[e.id] = c;
    });
    keys.sort(function (x, y) { return bySentence[x].start - bySentence[y].start || (x < y ? -1 : 1); });
    return keys.map(function (k) { return bySentence[k]; });
  }
  // What one sentence says of a relation: its own evidence's confidence, and the relation's when another sentence
  // states it more surely ("confidence 0.55, low; 0.91 in its surest sentence"). The relation's best alone read as
  // this sentence's: a hedged 0.55 reading showed 0.91 because another article was sure.
  function sentenceConfWords(e, c) {
    if (c === null || c === undefined || e.confidence === null || e.confidence === undefined || e.gaz) return {text: confWords(e), low: lowConf(e)};
    var low = !(e.asserted && !e.articles.length) && c < LOW_CONF;
    var text = 'confidence ' + fmtConf(c) + (low ? ', low' : '');
    if (fmtConf(c) !== fmtConf(e.confidence)) text += '; ' + fmtConf(e.confidence) + ' in its surest sentence';
    return {text: text, low: low};
  }
  function sentenceBlock(s, withSource, query) {
    var facts = el('ul', {class: 'facts'});
    s.rels.forEach(function (e) {
      var words = sentenceConfWords(e, s.conf[e.id]);
      facts.append(el('li', {class: words.low ? 'low-conf' : ''}, nodeButton(e.from), ' ', el('button', {type: 'button', class: 'link-button pred', text: predWords(e.predicate), title: e.predicate,
        on: {click: function () { selectEdge(e.id); }}}), ' ', nodeButton(e.to), ' ', el('span', {class: 'fact-meta', text: '(' + words.text + ')'})));
    });
    return el('div', {class: 'sentence'}, marked(s.sentence, s.names, s.marks, query),
      withSource ? el('div', {class: 'meta'}, 'Source: ', articleRef(s.article)) : null, facts);
  }
  function showArticle(i) {
    var a = DATA.articles[i];
    if (!a) return;
    var keys = sentencesOf(i), list = el('div');
    keys.forEach(function (s) { list.append(sentenceBlock(s, false)); });
    // the entities it names, the most central first: the first 60, the rest on one click (they were cut silently)
    var named = el('ul', {class: 'article-entities'}), namedHere = byRank.filter(function (n) { return n.articles.indexOf(i) >= 0; });
    var moreNamed = capped(named, namedHere, ENTITIES_OF_ARTICLE, function (n) { return el('li', null, nodeButton(n.id)); }, 'entity');
    if (moreNamed) moreNamed.textContent = 'Show all ' + plural(namedHere.length, 'entity', 'entities');
    fill(details, el('h3', {class: 'article-title', text: a.title || a.id}),
      dl([['Date', a.day || a.date], ['Publisher', a.publisher], ['Link', a.url ? link(a.url) : null], ['Article', a.id]]),
      el('div', {class: 'row'}, button('Show its entities on the graph', function () { showArticleOnGraph(i); }, 'act-article-graph')),
      el('h2', {text: plural(keys.length, 'sentence') + ' with facts'}), list,
      namedHere.length ? el('h2', {text: plural(namedHere.length, 'entity', 'entities') + ' named'}) : null, namedHere.length ? named : null, moreNamed);
    visited('article', i);
    toPanelTop();
  }
  // The articles whose title holds a query and the entities they name, counted over those articles: "who is named in
  // the articles about the bailout" was one article at a time (the search lists six titles), now one list, people
  // alone at one click, shown on the graph at another.
  function showTopic(q) {
    var hits = findArticles(q);
    if (!hits.length) return;
    panelArticles = articlesKey();
    var af = articleFiltered(), ents = articleEntities(), count = {};
    var kept = hits.filter(function (i) { return !af || articleOk[i]; });
    kept.forEach(function (i) { (ents[i] || []).forEach(function (m) { if (!blocked.has(m)) count[m] = (count[m] || 0) + 1; }); });
    var items = Object.keys(count).map(function (m) { return {id: m, shared: count[m]}; })
      .sort(function (a, b) { return b.shared - a.shared || byId[a.id].rank - byId[b.id].rank; });
    var t = typedEntities(items, 'Named in these articles, by type', '');
    var order = hits.slice().sort(function (x, y) { return (af ? (articleOk[y] ? 1 : 0) - (articleOk[x] ? 1 : 0) : 0) || newestFirst(x, y); });
    var al = el('ul', {class: 'article-list topic-articles'});
    var moreArts = capped(al, order, ARTICLES_OF_ENTITY, function (i) { return el('li', {class: articleOk[i] ? '' : 'muted'}, articleRef(i)); }, 'article');
    // who they name first, the question asked; the articles after
    fill(details, el('h3', {class: 'topic-title', text: 'Articles with “' + q.trim() + '” in their title'}),
      el('p', {class: 'muted', text: plural(hits.length, 'article') + (af ? ', ' + num(kept.length) + ' in the time and source filters' : '') + ' (listed below).'}),
      items.length ? heading('Named in them', plural(items.length, 'entity', 'entities') + (af ? ', in the time and source filters' : '')) : null,
      items.length ? el('p', {class: 'muted small', text: 'Those named in most of these articles first.'}) : null,
      t.types.length > 1 ? t.kinds : null,
      items.length ? el('div', {class: 'row'}, button('Show these on the graph', function () { showOnGraph(t.shown()); }, 'act-topic-graph')) : null,
      items.length ? t.list : null, items.length ? t.more : null,
      el('h2', {text: 'The ' + plural(hits.length, 'article') + (hits.some(function (i) { return DATA.articles[i].day; }) ? ', latest first' : '')}), al, moreArts);
    visited('topic', q);
    toPanelTop();
  }
  function showArticleOnGraph(i) {
    // the article's entities (drawn even if the filters hid them) and its relations, highlighted
    return showOnGraph(DATA.nodes.filter(function (n) { return n.articles.indexOf(i) >= 0; }).map(function (n) { return n.id; }),
      articleEvidence[i].map(function (pair) { return pair[0]; }));
  }
  // Entities drawn (even those the filters hid, of a type shown) and highlighted with the relations drawn among them
  // (or those of `rels`).
  function showOnGraph(all, rels) {
    var ids = all.filter(function (id) { return nodeTypeOk(byId[id]); });
    var changed = false;
    ids.forEach(function (id) {
      var n = byId[id];
      if (state.collapsed.has(n.community)) { state.collapsed.delete(n.community); changed = true; }
      if (state.explore) { if (!state.explore.has(id)) { state.explore.add(id); changed = true; } }
      else if (!vis$.nodes.has(id) && !state.pinned.has(id)) { state.pinned.add(id); changed = true; }
    });
    if (changed) { syncCommunityBoxes(); refresh(true); }
    var nodes = new Set(ids.map(rep).filter(function (id) { return drawnNodes.has(id); })), edges = new Set();
    (rels || [].concat.apply([], ids.map(function (id) { return relsOf[id]; }))).forEach(function (e) {
      var k = pairKey(rep(e.from), rep(e.to));
      if (nodes.has(rep(e.from)) && nodes.has(rep(e.to)) && edgesDS.get(k)) edges.add(k);
    });
    focused = null;
    network.unselectAll();
    setFocus(nodes, edges);
    if (nodes.size) frame(Array.from(nodes));
    return Array.from(nodes).sort();
  }

  // ------------------------------------------------------------------ selection
  function selectNode(id, noMove) {
    var n = byId[id];
    if (!n) return;
    if (!state.types.has(typeOf(n))) setType(typeOf(n), true);
    var changed = false;
    if (state.collapsed.has(n.community)) { state.collapsed.delete(n.community); syncCommunityBoxes(); changed = true; }
    if (state.explore && !state.explore.has(id)) { state.explore.add(id); changed = true; }
    else if (!vis$.nodes.has(id)) { state.pinned.add(id); changed = true; }
    focused = id;
    if (changed) refresh(); else { highlight(id); updateExploreBar(); }
    var company = drawnNodes.has(id) && !network.getConnectedNodes(id).length ? companyOf(id) : [];
    placeLone(id, company);
    if (drawnNodes.has(id)) network.selectNodes([id]);
    showNode(id);
    toPanelTop();
    if (!noMove && drawnNodes.has(id)) {
      // the entity with its neighbours in view (a hub's are too many: it is centred instead); one with none, with
      // the entities its articles name most, beside which it is placed
      var around = network.getConnectedNodes(id);
      if (!around.length && lonePos[id]) frame([id].concat(nearby(id, company)), 0.3, 1.2, id);
      else if (around.length && around.length <= NEIGHBOURHOOD_FIT) frame([id].concat(nearby(id, around)), 0.3, 1.2, id);
      else if (strongEdges) {
        // a hub: with the other ends of its best attested relations, drawn dark (centred at 0.9 they led off screen:
        // Germany's to Berlin and Angela Merkel)
        var strong = [];
        strongEdges.forEach(function (k) { network.getConnectedNodes(k).forEach(function (m) { if (m !== id && strong.indexOf(m) < 0) strong.push(m); }); });
        // all of them unless that takes the view under a third of the scale, where names crowd (then those near it)
        var all = frameOf([id].concat(strong), 1.2);
        frame([id].concat(all && all.scale >= HUB_FRAME_SCALE ? strong : nearby(id, strong)), 0.3, 1.2, id);
      } else network.focus(id, {scale: Math.max(network.getScale(), 0.9), animation: moveAnimation()});
    }
    saveState();
  }
  var NEIGHBOURHOOD_FIT = 40, FEW_DRAWN = 30;
  // whether drawn nodes are all on screen (with a margin for their names)
  function onScreen(ids) {
    var pos = network.getPositions(ids), w = container.clientWidth, h = container.clientHeight;
    return ids.every(function (k) {
      if (!pos[k]) return false;
      var d = network.canvasToDOM(pos[k]);
      return d.x >= 30 && d.y >= 20 && d.x <= w - 30 && d.y <= h - 40 - keyRoom();
    });
  }

  // Frame nodes with room for the names beside those at the edges: vis-network's fit puts them on the border, where
  // a name has no room. With a margin of NAME_ROOM_X px a name up to twice as wide fits below a node at the side
  // edge, or beside it. Nodes too spread out for minScale are centred on `centre` at minScale instead.
  // The frame is the network above the key to shapes in its bottom corner: an entity framed under the key was hidden,
  // name and all (DWIE 500 at 1366x768: an entity of 53 of the first 100 articles shown on the graph, those with no
  // relation being laid out below the others).
  var NAME_ROOM_X = 110, NAME_ROOM_Y = 36;
  function keyRoom() {
    if (!netLegend.offsetWidth) return 0;
    var room = container.getBoundingClientRect().bottom - netLegend.getBoundingClientRect().top + 4;
    return Math.max(0, Math.min(room, container.clientHeight / 3));
  }
  function frameOf(ids, maxScale) {
    var pos = network.getPositions(ids), x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    Object.keys(pos).forEach(function (k) {
      var p = pos[k];
      x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y);
    });
    if (x0 === Infinity) return null;
    var key = keyRoom(), w = container.clientWidth, h = container.clientHeight - key;
    var rx = Math.min(NAME_ROOM_X, w / 4), ry = Math.min(NAME_ROOM_Y, h / 4);
    return {position: {x: (x0 + x1) / 2, y: (y0 + y1) / 2}, pos: pos, key: key,
      scale: Math.min((w - 2 * rx) / Math.max(x1 - x0, 1), (h - 2 * ry) / Math.max(y1 - y0, 1), maxScale)};
  }
  function frame(ids, minScale, maxScale, centre) {
    var f = frameOf(ids, maxScale || 1);
    if (!f) return;
    if (minScale && f.scale < minScale) { f.scale = minScale; if (centre && f.pos[centre]) f.position = f.pos[centre]; }
    // the view's centre lies half the key's room below the frame's
    var at = {x: f.position.x, y: f.position.y + f.key / 2 / f.scale};
    network.moveTo({position: at, scale: f.scale, animation: moveAnimation()});
  }
  // The neighbours to frame. One far away (in another community) would shrink the rest, names and all, into a crowd
  // with no room for names: neighbours more than FAR times as far as the median one are left out of the frame (their
  // edges lead to them, the panel lists them) unless framing them too costs under a fifth of the scale, or leaves
  // the others ROOM px of the ring each (the ring at the median distance shared among them all).
  var FAR = 2.5, FAR_COST = 0.8, ROOM = 60;
  function nearby(id, around) {
    var pos = network.getPositions([id].concat(around)), c = pos[id];
    if (!c || around.length < 3) return around;
    var dist = {};
    around.forEach(function (k) { if (pos[k]) dist[k] = Math.hypot(pos[k].x - c.x, pos[k].y - c.y); });
    var ds = Object.keys(dist).map(function (k) { return dist[k]; }).sort(function (a, b) { return a - b; });
    var median = ds[Math.floor(ds.length / 2)];
    if (!median) return around;
    var near = around.filter(function (k) { return k in dist && dist[k] <= FAR * median; });
    if (near.length === around.length) return around;
    var all = frameOf([id].concat(around), 1.2).scale, close = frameOf([id].concat(near), 1.2).scale;
    return all >= FAR_COST * close || 2 * Math.PI * median * all / around.length >= ROOM ? around : near;
  }
  var selectedEdge = null;
  function selectEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    focused = null;
    selectedEdge = id;
    var k = pairKey(rep(e.from), rep(e.to));
    if (edgesDS.get(k)) {
      network.selectEdges([k]); setFocus(new Set([rep(e.from), rep(e.to)]), new Set([k]));
      // a relation chosen from a panel (an article's fact, a path's step, Back) was highlighted wherever it was, often
      // off screen, the view left all dimmed: its two ends are framed unless both are in view
      if (!onScreen([rep(e.from), rep(e.to)])) frame([rep(e.from), rep(e.to)], 0.3, 1.2);
    } else setFocus(null, null);
    showEdge(id);
    toPanelTop();
    saveState();
  }
  function clearSelection() {
    focused = null; selectedEdge = null;
    toDetails.hidden = true;
    // entities drawn only because they were chosen (hidden by the filters otherwise) go with the selection
    if (state.pinned.size) { state.pinned.clear(); refresh(); }
    setFocus(null, null);
    network.unselectAll();
    showHome();
    saveState();
  }
  network.on('click', function (p) {
    hideTip();
    if (p.nodes.length) {
      var id = p.nodes[0];
      if (id.indexOf(CPREFIX) === 0) { showCommunity(+id.slice(CPREFIX.length)); return; }
      selectNode(id, true);
    } else if (p.edges.length) {
      focused = null;
      showGroup(p.edges[0]);
      setFocus(new Set(network.getConnectedNodes(p.edges[0])), new Set([p.edges[0]]));
    } else { clearSelection(); }
  });
  network.on('doubleClick', function (p) {
    if (p.nodes.length && p.nodes[0].indexOf(CPREFIX) === 0) { toggleCollapse(+p.nodes[0].slice(CPREFIX.length), false); return; }
    if (p.nodes.length) expand(p.nodes[0]);
  });
  var MEMBERS_SHOWN = 50;
  // A new panel is read from its top. In a narrow window the page itself scrolls, the panel below the network: a
  // name picked far down a list opened its panel above the screen, the reader left in the middle of it.
  // A panel opened from the search box or from another panel (a name, "evidence", Back) takes the keyboard focus on
  // its heading: the focus was left on the page's body (the button pressed was gone with the old panel) or in the
  // search box, and Tab went through the 30-odd controls of the left panel before reaching the facts. In a narrow
  // window (a phone) the panel, 1,000 px and more below the search box, is also scrolled into view. Not for a click
  // on the network, whose reader keeps the map in view.
  // the details count as in view when this much of them is (their heading and first lines)
  var DETAILS_SEEN = 240;
  function toPanelTop() {
    var side = $('side');
    side.scrollTop = 0;
    var fromPanels = lastInput === 'page', top = side.getBoundingClientRect().top;
    if (narrow.matches && (top < 0 || (fromPanels && top > window.innerHeight - DETAILS_SEEN))) side.scrollIntoView({block: 'start'});
    var head = details.querySelector('h3');
    if (fromPanels && head) { head.setAttribute('tabindex', '-1'); head.focus({preventScroll: true}); }
    // a tap on the network of a phone keeps the map in view: a button on it says the panel is below and goes there
    toDetails.hidden = !(narrow.matches && !fromPanels && head && side.getBoundingClientRect().top > window.innerHeight - DETAILS_SEEN);
    if (!toDetails.hidden) toDetails.textContent = '↓ ' + head.textContent + ': details below';
  }
  var toDetails = el('button', {type: 'button', id: 'to-details', on: {click: function () {
    toDetails.hidden = true;
    $('side').scrollIntoView({block: 'start'});
    var head = details.querySelector('h3');
    if (head) { head.setAttribute('tabindex', '-1'); head.focus({preventScroll: true}); }
  }}});
  toDetails.hidden = true;
  container.append(toDetails);
  window.addEventListener('scroll', function () {
    if (!toDetails.hidden && $('side').getBoundingClientRect().top < window.innerHeight - DETAILS_SEEN) toDetails.hidden = true;
  }, {passive: true});
  // where the last click or key was: on the network, or elsewhere on the page (none yet: a view opened from a link)
  var lastInput = null;
  ['pointerdown', 'keydown'].forEach(function (t) {
    document.addEventListener(t, function (ev) { lastInput = container.contains(ev.target) ? 'net' : 'page'; }, true);
  });
  function showCommunity(c) {
    var com = communities[c];
    if (!com) return;
    var ms = membersOf[c], list = el('ol', {class: 'community-members'});
    var more = capped(list, ms, MEMBERS_SHOWN, function (n) {
      var t = types[typeOf(n)] || {shape: 'star', color: '#8c8c8c'};
      return el('li', null, icon(t.shape, t.color), ' ', nodeButton(n.id), el('span', {class: 'fact-meta', text: ' ' + plural(n.mentions, 'mention')}));
    }, 'member');
    fill(details, el('h3', {text: com.names.join(', ')}),
      el('p', {text: 'A community of ' + plural(com.size, 'entity', 'entities') + ' closely linked by the relations stated in articles: ' + typeCounts(ms) + '.'}),
      el('div', {class: 'row'}, state.collapsed.has(c) ? button('Expand this community', function () { toggleCollapse(c, false); showCommunity(c); }, 'act-uncollapse')
        : button('Collapse this community', function () { toggleCollapse(c, true); showCommunity(c); }, 'act-collapse'),
        // its members as a list to keep: the panel showed 50 at a time, and the whole list took the export's
        // "Only what is highlighted" in another part of the page
        titled(button('Save its members (CSV)', function () { download('community-' + c + '.csv', 'text/csv', nodesCsv(ms)); }, 'act-community-csv'),
          'Every member, most mentioned first, with its type and mentions, as the Export panel\'s entities CSV')),
      el('h2', {text: 'Members, most mentioned first'}), list, more);
    visited('community', c);
    toPanelTop();
    communityOnGraph(c);
  }
  // A community chosen from a list is shown on the graph too: its members highlighted and framed (clicking
  // "73 entities: India, Delhi, Narendra Modi" left the network as it was). A collapsed one is highlighted in place.
  function communityOnGraph(c) {
    focused = null; selectedEdge = null;
    network.unselectAll();
    var nodes = new Set();
    if (state.collapsed.has(c)) { if (drawnNodes.has(CPREFIX + c)) nodes.add(CPREFIX + c); }
    else membersOf[c].forEach(function (n) { if (drawnNodes.has(n.id)) nodes.add(n.id); });
    if (!nodes.size) { setFocus(null, null); return; }
    var edges = new Set();
    Object.keys(edgeSig).forEach(function (k) { var e = edgesDS.get(k); if (e && nodes.has(e.from) && nodes.has(e.to)) edges.add(k); });
    setFocus(nodes, edges);
    if (!state.collapsed.has(c)) frame(Array.from(nodes));
    saveState();
  }

  // ------------------------------------------------------------------ exploring: expand step by step
  function neighbours(id) {
    var out = new Set();
    relsOf[id].forEach(function (e) { if (relOk(e)) { out.add(e.from); out.add(e.to); } });
    out.delete(id);
    return out;
  }
  // An entity with no relation the filters show has nothing to expand: exploring from it would leave one dot on an
  // empty network (Nigel Farage, named in one article of DWIE, emptied the view of its 1,656 entities).
  function alone(id) { return !state.explore && neighbours(id).size === 0; }
  // Exploring from an entity starts with it and the entities its relations reach (one ring): an analyst asks what it
  // is linked to, and the entity alone on an empty network ("Exploring 1 entity") answered nothing until Expand
  // neighbours. Each further ring is a step: Expand all shown, or a double-click on one entity.
  function exploreFrom(id) {
    if (alone(id)) return;
    state.explore = new Set([id]);
    neighbours(id).forEach(function (n) { state.explore.add(n); });
    exploreRoot = id;
    focused = id;
    refresh();
    frame(Array.from(drawnNodes));
    showNode(id);
  }
  function expand(id) {
    if (alone(id)) return;
    if (!state.explore) { state.explore = new Set([id]); exploreRoot = id; }
    state.explore.add(id);
    neighbours(id).forEach(function (n) { state.explore.add(n); });
    focused = id;
    refresh();
    network.selectNodes([id]);
    frame(Array.from(drawnNodes));
    showNode(id);
  }
  var exploreRoot = null;
  function updateExploreBar() {
    var bar = $('explore-bar');
    if (!state.explore) { bar.hidden = true; exploreRoot = null; return; }
    var from = exploreRoot && state.explore.has(exploreRoot) ? ' from ' + labelOf(exploreRoot) : '';
    fill(bar, el('p', {text: 'Exploring ' + plural(state.explore.size, 'entity', 'entities') + from + '. Expand all shown draws the next ring of neighbours; double-click a node to expand it alone.'}),
      el('div', {class: 'row'}, button('Expand all shown', function () {
        Array.from(state.explore).forEach(function (id) { neighbours(id).forEach(function (n) { state.explore.add(n); }); });
        refresh(); fitView();
      }, 'act-expand-all'), button('Show everything', function () { state.explore = null; refresh(); fitView(); }, 'act-explore-off')));
    bar.hidden = false;
  }

  // ------------------------------------------------------------------ paths
  var pathEnds = {from: null, to: null};
  function setPathEnd(which, id) {
    pathEnds[which] = id;
    $('path-' + which).value = labelOf(id);
    if (pathEnds.from && pathEnds.to) findPaths();
  }
  ['from', 'to'].forEach(function (w) {
    $('path-' + w).addEventListener('input', function () { pathEnds[w] = null; });
    $('path-' + w).addEventListener('keydown', function (ev) { if (ev.key === 'Enter') findPaths(); });
  });
  function resolveEnd(which) {
    var v = $('path-' + which).value;
    if (pathEnds[which] && labelOf(pathEnds[which]) === v) return pathEnds[which];
    if (optionId.has(v.trim())) return optionId.get(v.trim());
    var hit = find(v)[0];
    return hit ? hit.id : null;
  }
  function pathAdjacency() {
    // adjacency over the relations that pass the filters (exploration aside), undirected
    var adj = {};
    DATA.edges.forEach(function (e) {
      if (!relOk(e) || e.from === e.to) return;
      (adj[e.from] = adj[e.from] || []).push([e.to, e]);
      (adj[e.to] = adj[e.to] || []).push([e.from, e]);
    });
    return adj;
  }
  function shortestSteps(a, b) {
    // steps of the shortest path over the relations the filters show, at any length; -1 if none
    var adj = pathAdjacency(), dist = {}, queue = [a], head = 0;
    dist[a] = 0;
    while (head < queue.length) {
      var x = queue[head++];
      if (x === b) return dist[x];
      (adj[x] || []).forEach(function (p) { if (!(p[0] in dist)) { dist[p[0]] = dist[x] + 1; queue.push(p[0]); } });
    }
    return -1;
  }
  function allPaths(a, b, maxLen, limit) {
    var adj = pathAdjacency();
    var dist = {}, queue = [b];
    dist[b] = 0;
    while (queue.length) {  // distance to b bounds the search
      var x = queue.shift();
      if (dist[x] >= maxLen) continue;
      (adj[x] || []).forEach(function (p) { if (!(p[0] in dist)) { dist[p[0]] = dist[x] + 1; queue.push(p[0]); } });
    }
    var out = [], onPath = new Set([a]);
    function walk(node, nodes, rels) {
      if (out.length >= limit) return;
      if (node === b) { out.push({nodes: nodes.slice(), rels: rels.slice()}); return; }
      if (rels.length >= maxLen) return;
      var seenNext = {};
      (adj[node] || []).forEach(function (p) {
        var nxt = p[0];
        if (onPath.has(nxt) || !(nxt in dist) || rels.length + 1 + dist[nxt] > maxLen) return;
        // several relations between the same two nodes make one step, listed together
        if (seenNext[nxt]) { seenNext[nxt].push(p[1]); return; }
        seenNext[nxt] = [p[1]];
      });
      Object.keys(seenNext).sort(function (x, y) { return dist[x] - dist[y] || byId[x].rank - byId[y].rank; }).forEach(function (nxt) {
        onPath.add(nxt); nodes.push(nxt); rels.push(seenNext[nxt]);
        walk(nxt, nodes, rels);
        onPath.delete(nxt); nodes.pop(); rels.pop();
      });
    }
    if (a in dist) walk(a, [a], []);
    // a chain is as sure as its least sure step: of two as short, the one whose weakest step is surer first
    out.sort(function (p, q) { return p.rels.length - q.rels.length || weakestStep(q) - weakestStep(p); });
    return out;
  }
  // a step's confidence is its surest relation's (a gazetteer link or an analyst's statement counts as sure)
  function stepConf(rs) {
    return Math.max.apply(null, rs.map(function (e) { return e.gaz || (e.asserted && !e.articles.length) || e.confidence === null || e.confidence === undefined ? 1 : e.confidence; }));
  }
  function weakestStep(p) { return Math.min.apply(null, p.rels.map(stepConf).concat([1])); }
  var lastPaths = [];
  function findPaths(steps) {
    var a = resolveEnd('from'), b = resolveEnd('to'), maxLen = steps > 0 ? steps : +$('path-len').value || 3;
    if (!a || !b || a === b) {
      fill(details, el('h3', {text: 'Paths'}), el('p', {class: 'muted', text: !a || !b ? 'Choose two entities by name (search, or “Path from/to here” on an entity).' : 'Choose two different entities.'}));
      return;
    }
    var paths = allPaths(a, b, maxLen, 50);
    lastPaths = paths;
    var list = el('div');
    paths.forEach(function (p, k) {
      var box = el('div', {class: 'path'});
      var least = weakestStep(p);
      box.append(el('div', {class: 'row'}, el('strong', {text: plural(p.rels.length, 'step')}),
        el('span', {class: 'fact-meta path-weakest' + (least < LOW_CONF ? ' low-conf' : ''), text: 'weakest step: confidence ' + fmtConf(least) + (least < LOW_CONF ? ', low' : '')}),
        button('Show on the graph', function () { showPaths([p]); }, 'act-show-path')));
      p.rels.forEach(function (rs, j) {
        var said = null;  // several relations of one step often share their sentence: it is shown once
        rs.forEach(function (e) {
          var hop = el('div', {class: 'hop' + (lowConf(e) ? ' low-conf' : '')}, nodeButton(e.from), ' ', el('button', {type: 'button', class: 'link-button pred', text: predWords(e.predicate), title: e.predicate,
            on: {click: function () { selectEdge(e.id); }}}), ' ', nodeButton(e.to),
            e.gaz || (e.asserted && !e.articles.length) ? null : el('span', {class: 'fact-meta', text: ' (' + confWords(e) + ')'}));
          var withText = e.evidence.filter(function (x) { return x.sentence; });
          var v = withText.some(function (x) { return x.sentence === said; }) ? {sentence: said} : bestFirst(withText)[0];
          if (v && v.sentence === said) hop.append(el('div', {class: 'meta', text: 'same sentence'}));
          else if (v) { said = v.sentence; hop.append(marked(v.sentence, namesOf(e.from).concat(namesOf(e.to)), v.marks), el('div', {class: 'meta'}, 'Source: ', articleRef(v.article))); }
          else hop.append(el('div', {class: 'meta', text: e.gaz ? 'gazetteer' : e.asserted ? 'asserted by a correction' : ''}));
          box.append(hop);
        });
      });
      list.append(box);
    });
    var hint = null;
    if (!paths.length) {
      // say how far apart they are, and how to reach them, instead of a bare "no path"
      var d = shortestSteps(a, b), gazHelps = false;
      if (d < 0 && !state.gazetteer) { state.gazetteer = true; gazHelps = shortestSteps(a, b) > 0; state.gazetteer = false; }
      hint = el('div', {class: 'note path-hint'}, el('p', {text: d > 0
        ? 'The shortest path over the relations the filters show has ' + plural(d, 'step') + '.'
        : labelOf(a) + ' and ' + labelOf(b) + ' are not linked by any chain of the relations the filters show'
          + (gazHelps ? '; the gazetteer links (place in country) would link them.' : '.')}),
        d > 0 ? button('Find paths of ' + plural(d, 'step'), function () {
          var sel = $('path-len');
          if (!Array.prototype.some.call(sel.options, function (o) { return o.value === String(d); })) sel.append(el('option', {text: String(d)}));
          sel.value = String(d); findPaths(d);
        }, 'act-path-longer')
        : gazHelps ? button('Show gazetteer links', function () { $('show-gazetteer').checked = true; state.gazetteer = true; refresh(); findPaths(); }, 'act-path-gazetteer') : null);
    }
    // the articles naming both: Angela Merkel and Vladimir Putin are linked by no chain of relations in DWIE 1-400,
    // yet an article names them both
    var both = byId[a].articles.filter(function (i) { return byId[b].articles.indexOf(i) >= 0; });
    var bothList = el('ul', {class: 'node-articles both-articles'});
    var moreBoth = capped(bothList, both, ARTICLES_OF_ENTITY, function (i) { return el('li', null, articleRef(i)); }, 'article');
    fill(details, el('h3', null, 'Paths from ', nodeButton(a), ' to ', nodeButton(b)),
      el('p', {class: 'muted', text: paths.length ? plural(paths.length, 'path') + ' of at most ' + plural(maxLen, 'step') + (paths.length >= 50 ? ' (first 50)' : '') + ', over the relations the filters show.'
        : 'No path of at most ' + plural(maxLen, 'step') + ' over the relations the filters show.'}),
      hint, el('h2', {text: both.length ? 'Both named in ' + plural(both.length, 'article') : 'No article names both'}),
      both.length ? bothList : null, moreBoth, paths.length ? el('h2', {text: 'Paths'}) : null, paths.length ? button('Show all on the graph', function () { showPaths(paths); }, 'act-show-paths') : null, list);
    visited('paths', a + '\n' + b);
    // none: the two are still shown where they are (the view stayed as it was, neither of them marked)
    showPaths(paths.length ? paths : [{nodes: [a, b].filter(function (x) { return drawnNodes.has(x) || state.collapsed.has(byId[x].community); }), rels: []}]);
    toPanelTop();
  }
  function showPaths(paths) {
    var nodes = new Set();
    paths.forEach(function (p) { p.nodes.forEach(function (n) { nodes.add(n); }); });
    var changed = false;
    nodes.forEach(function (id) { var n = byId[id]; if (state.collapsed.has(n.community)) { state.collapsed.delete(n.community); changed = true; } });
    if (state.explore) nodes.forEach(function (id) { if (!state.explore.has(id)) { state.explore.add(id); changed = true; } });
    if (changed) { syncCommunityBoxes(); refresh(true); }
    var edges = new Set();
    paths.forEach(function (p) { p.rels.forEach(function (rs) { rs.forEach(function (e) { edges.add(pairKey(rep(e.from), rep(e.to))); }); }); });
    focused = null;
    if (!nodes.size) return;
    setFocus(nodes, edges);
    frame(Array.from(nodes));
  }

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
    if (!p.event) return;
    if (String(p.node).indexOf(CPREFIX) === 0) {
      var c = communities[+p.node.slice(CPREFIX.length)], ms = membersOf[c.id], list = el('ul', {class: 'tt-members'});
      ms.slice(0, TIP_MEMBERS).forEach(function (n) {
        var t = types[typeOf(n)] || {shape: 'star', color: '#8c8c8c'};
        list.append(el('li', null, icon(t.shape, t.color), ' ' + labelOf(n.id), el('span', {class: 'tt-sub', text: ' · ' + plural(n.mentions, 'mention')})));
      });
      showTip(p.event, [el('div', {class: 'tt-title', text: 'Community of ' + plural(c.size, 'entity', 'entities')}),
        el('div', {class: 'tt-sub', text: typeCounts(ms)}), list,
        ms.length > TIP_MEMBERS ? el('div', {text: '… and ' + num(ms.length - TIP_MEMBERS) + ' more.'}) : null,
        el('div', {class: 'tt-sub', text: 'Click to list every member; double-click to expand.'})].filter(Boolean));
      return;
    }
    var n = byId[p.node];
    if (!n) return;
    showTip(p.event, [el('div', {class: 'tt-title', text: labelOf(n.id)}),
      el('div', {class: 'tt-sub', text: typeOf(n) + ' · ' + plural(n.degree, 'neighbour') + ' · ' + mentionsText(n)}),
      n.alt.length ? el('div', {text: 'Also: ' + n.alt.slice(0, 5).join(' · ') + (n.alt.length > 5 ? ' …' : '')}) : null]
      .filter(Boolean));
  });
  // a relation's articles and sources in a tooltip, those the time and source filters keep when they are set
  function articlesWords(e) {
    var af = articleFiltered(), arts = keptArticles(e);
    var n = af ? sourcesOf(arts) : e.sources;
    return plural(arts.length, 'article') + (arts.length !== e.articles.length ? ' in the filters (' + num(e.articles.length) + ' in all)' : '')
      + (n !== arts.length ? ' · ' + plural(n, 'independent source') : '');
  }
  network.on('hoverEdge', function (p) {
    var ids = groups[p.edge];
    if (!ids || !p.event) return;
    var e = edgeById[ids[0]];
    var first = (bestFirst(e.evidence.filter(function (v) { return v.sentence; }))[0] || {}).sentence || '';
    var title = ids.length > 1 ? plural(ids.length, 'relation') + ': ' + Array.from(new Set(ids.map(function (i) { return predWords(edgeById[i].predicate); }))).join(', ')
      : labelOf(e.from) + ' → ' + predWords(e.predicate) + ' → ' + labelOf(e.to);
    showTip(p.event, [el('div', {class: 'tt-title', text: title}),
      // sources only when publishers make them fewer than the articles, as in the entity panel: "29 articles · 29
      // sources" when no article names its publisher claimed what the relation's panel says is not known
      el('div', {class: 'tt-sub', text: confWords(e) + ' · ' + (e.articles.length ? articlesWords(e) : e.asserted ? 'asserted by a correction' : 'gazetteer')
        + (e.first ? ' · ' + statedWhen(e) : '')}),
      first ? el('div', {text: first.length > 220 ? first.slice(0, 217) + '…' : first}) : null].filter(Boolean));
  });
  network.on('blurNode', hideTip);
  network.on('blurEdge', hideTip);
  network.on('dragStart', hideTip);
  network.on('zoom', function () { hideTip(); saveStateSoon(); });
  network.on('dragEnd', saveStateSoon);

  // ------------------------------------------------------------------ controls
  function updateStats() {
    var t = DATA.totals;
    var txt = 'Showing ' + num(vis$.nodes.size) + ' of ' + plural(DATA.nodes.length, 'entity', 'entities') + ' · '
      + num(vis$.rels.length) + ' of ' + plural(DATA.edges.length, 'relation') + ' · ' + plural(t.articles, 'article');
    var shown = articleOk.filter(Boolean).length;
    if (shown !== DATA.articles.length) txt += ' (' + num(shown) + ' in the time and source filters)';
    $('stats').textContent = txt;
    var iso = 0, gaz = 0, stated = new Set();
    DATA.edges.forEach(function (e) { if (e.gaz) gaz++; else { stated.add(e.from); stated.add(e.to); } });
    DATA.nodes.forEach(function (n) { if (!stated.has(n.id)) iso++; });
    $('isolated-count').textContent = num(iso);
    $('gazetteer-count').textContent = num(gaz);
    // the type and relation filters count what is drawn of each, not only what the graph holds: "Person 1,218" beside
    // "Showing 1,491 of 2,804 entities" read as 1,218 people on the map (628 were)
    var byType = {}, allType = {}, byPred = {};
    DATA.nodes.forEach(function (n) { var t = typeOf(n); allType[t] = (allType[t] || 0) + 1; if (vis$.nodes.has(n.id)) byType[t] = (byType[t] || 0) + 1; });
    vis$.rels.forEach(function (e) { byPred[e.predicate] = (byPred[e.predicate] || 0) + 1; });
    function shownOf(span, shown, all, what) {
      span.textContent = shown === all ? num(all) : num(shown) + ' of ' + num(all);
      span.title = num(shown) + ' of the ' + num(all) + ' ' + what + ' shown';
    }
    if (typeCounts$) DATA.types.forEach(function (t) { if (typeCounts$[t.name]) shownOf(typeCounts$[t.name], byType[t.name] || 0, allType[t.name] || 0, t.name + ' entities'); });
    if (predCounts$) DATA.predicates.forEach(function (p) { if (predCounts$[p.name]) shownOf(predCounts$[p.name], byPred[p.name] || 0, p.count, p.name + ' relations'); });
    // a small corpus (an article or three) names more entities than it relates: say they are only hidden
    var hint = $('isolated-hint'), few = !state.isolated && !state.explore && iso > 0 && vis$.nodes.size < FEW_DRAWN;
    if (few) fill(hint, el('p', {text: plural(iso, 'entity', 'entities') + ' named without a relation from an article '
      + (iso === 1 ? 'is' : 'are') + ' hidden.'}), button('Show them', function () { $('show-isolated').checked = true; state.isolated = true; refresh(); fitView(); }, 'act-show-isolated'));
    hint.hidden = !few;
    // Why the rest are not drawn, and how to draw them: "Showing 1,348 of 2,501 entities" left a newcomer looking for
    // the 1,153 others, which only the checkbox "Entities with no relation from an article" explained.
    var why = $('hidden-why'), lone = state.isolated ? 0 : DATA.nodes.filter(function (n) { return !stated.has(n.id) && !vis$.nodes.has(n.id); }).length;
    var other = DATA.nodes.length - vis$.nodes.size - lone, parts = [];
    if (lone && !few) parts.push(el('span', null, plural(lone, 'entity', 'entities') + ' named in the articles but in no relation found there '
      + (lone === 1 ? 'is' : 'are') + ' not drawn. ', button('Show them', function () { $('show-isolated').checked = true; state.isolated = true; refresh(); fitView(); }, 'link-button act-show-lone')));
    if (other > 0) {
      var more = lone && !few ? ' more' : '';
      if (filtersSet()) parts.push(el('span', null, num(other) + more + ' hidden by the filters below. ', button('Reset the filters', resetFilters, 'link-button act-reset-hidden')));
      else if (state.explore) parts.push(el('span', null, num(other) + more + ' outside what is being explored (Clear selection shows all).'));
      else parts.push(el('span', null, num(other) + more + ' in collapsed communities or set aside by corrections.'));
    }
    if (parts.length) fill(why, parts[0], parts[1] ? ' ' : null, parts[1] || null); else fill(why);
    why.hidden = !parts.length;
    updateNothingShown();
  }
  // Filters that leave nothing to draw say so on the network, and what to do, instead of a blank canvas
  // (ticking only Person draws nothing when no relation links two people).
  var nothingNote = el('div', {class: 'empty nothing-shown', role: 'status', hidden: ''});
  container.append(nothingNote);
  function filtersSet() {
    return DATA.types.some(function (t) { return !state.types.has(t.name); }) || DATA.predicates.some(function (p) { return !state.preds.has(p.name); })
      || state.minConf > 0 || articleFiltered() || state.minSources > 1;
  }
  function updateNothingShown() {
    var show = DATA.nodes.length > 0 && vis$.nodes.size === 0 && filtersSet();
    nothingNote.hidden = !show;
    if (!show) return;
    var ticked = DATA.types.filter(function (t) { return t.count && state.types.has(t.name); }).map(function (t) { return t.name; });
    var someOff = DATA.types.some(function (t) { return t.count && !state.types.has(t.name); });
    var af = articleFiltered(), alone = state.isolated ? 0 : DATA.nodes.filter(function (n) {
      return nodeTypeOk(n) && (!af || n.articles.some(function (i) { return articleOk[i]; }));
    }).length;
    fill(nothingNote, el('div', {class: 'note'},
      el('p', {text: 'Nothing passes the filters.'}),
      someOff && ticked.length ? el('p', {text: 'A relation is drawn only when the types of both its entities are ticked; no relation the other filters leave links '
        + (ticked.length === 1 ? 'two entities of type ' + ticked[0] : 'two entities of the types ' + ticked.join(', ')) + '.'}) : null,
      el('div', {class: 'row'}, button('Reset the filters', resetFilters, 'act-reset-filters'),
        alone ? button('Show the ' + (ticked.length === 1 ? num(alone) + ' ' + ticked[0] + ' entities' : plural(alone, 'entity', 'entities')) + ' unlinked', function () {
          $('show-isolated').checked = true; state.isolated = true; refresh(); fitView();
        }, 'act-show-alone') : null)));
  }
  function resetFilters() {
    // types, relations, confidence, time and sources as at opening; exploring and communities stay
    state.types = new Set(DATA.types.map(function (t) { return t.name; }));
    state.preds = new Set(DATA.predicates.map(function (p) { return p.name; }));
    state.minConf = 0; state.from = 0; state.to = Math.max(0, bins.length - 1);
    state.sourcesOff = new Set(); state.minSources = 1;
    syncControls(); refresh(); fitView();
  }
  var typeBoxes = {}, typeCounts$ = {}, predCounts$ = {};
  // "only" beside each type and relation: one click where unticking the seven other relations took seven
  // named in words, as the box beside it reads ("Show only leader of relations"): a screen reader read the graph's
  // code ("Show only leaderOf")
  function onlyButton(name, only, then) {
    return el('button', {type: 'button', class: 'only', text: 'only', title: 'Show only ' + name, 'aria-label': 'Show only ' + name,
      on: {click: function (ev) {
        ev.preventDefault(); only(); syncControls(); refresh();
        // framed as "Show them" frames: "only leader of" kept the whole map's frame, its few short lines hard to find
        if (focused === null && selectedEdge === null) { fitView(); if (then) then(); }
      }}});
  }
  // A kind of relation shown alone is listed in the panel, in place of the corpus' overview (or another kind's list):
  // after "only leader of" the panel went on describing the corpus, and the 261 relations could be read only line by
  // line on the map. Another panel (an article, sentences found) stays.
  function listKindAlone(name) {
    if (state.preds.size !== 1 || !state.preds.has(name)) return;
    if (details.querySelector('[data-overview]') || details.querySelector('.kind-title')) showKind(name);
  }
  // A type or a kind of relation alone at one click, and all of them again at a second, as for publishers: after
  // "Person only" the way back was ticking every other box.
  var allTypes = DATA.types.map(function (t) { return t.name; }), allPreds = DATA.predicates.map(function (p) { return p.name; });
  function aloneOrAll(set, name, all) { return set.size === 1 && set.has(name) ? new Set(all) : new Set([name]); }
  // a type as a reader says a group of them ("people", "countries"), for the "only" buttons' names
  function plainType(name) {
    var w = String(name).toLowerCase();
    return w === 'person' ? 'people' : /[^aeiou]y$/.test(w) ? w.slice(0, -1) + 'ies' : /s$/.test(w) ? w : w + 's';
  }
  function onlyOrAll(b, name, every) { b.title = 'Show only ' + name + ' (again: ' + every + ')'; return b; }
  function setType(name, on) {
    if (on) state.types.add(name); else state.types.delete(name);
    if (typeBoxes[name]) typeBoxes[name].checked = on;
    refresh();
  }
  var legendIcons = {};
  DATA.types.forEach(function (t) {
    var box = el('input', {type: 'checkbox', 'data-type': t.name});
    box.checked = true;
    box.addEventListener('change', function () { setType(t.name, box.checked); });
    typeBoxes[t.name] = box;
    legendIcons[t.name] = el('span', {class: 'legend-icon', 'data-legend': t.name});
    typeCounts$[t.name] = el('span', {class: 'count', text: num(t.count)});
    $('type-filters').append(el('label', null, box, legendIcons[t.name], t.name, typeCounts$[t.name],
      onlyOrAll(onlyButton(plainType(t.name), function () { state.types = aloneOrAll(state.types, t.name, allTypes); }), plainType(t.name), 'every type')));
  });
  var anyLow = DATA.edges.some(lowConf);
  function paintLegend() {
    // The legend shows what the colours mean now: type colours only while nodes are coloured by type.
    DATA.types.forEach(function (t) { fill(legendIcons[t.name], icon(t.shape, state.byCommunity ? T.neutral : t.color)); });
    // the same key on the network itself, in view from the first second (the type list is far down the panel)
    var kinds = el('span', {class: 'legend-types'});
    DATA.types.forEach(function (t) {
      kinds.append(el('span', {class: 'legend-type', 'data-key': t.name}, icon(t.shape, state.byCommunity ? T.neutral : t.color), t.name));
    });
    netLegend.hidden = !DATA.nodes.length;
    // a line for the nodes, one for the lines, each whole: one sentence of both wrapped mid-phrase at 1280x800
    kinds.append(el('span', {class: 'legend-what', text: state.byCommunity ? 'Shape: type · colour: community' : 'Shape and colour: type'}));
    fill(netLegend, kinds, el('span', {class: 'legend-how', text: 'Line: a relation read in a sentence or inferred · wider: more articles'
      + (anyLow ? ' · pale: confidence under ' + LOW_CONF.toFixed(1) : '')}));
    $('legend-note').textContent = state.byCommunity
      ? 'Shape: type. Colour: community (listed under Communities; untick “Colour by community” to colour by type). Size: number of neighbours.'
      : 'Shape and colour: type. Size: number of neighbours.';
  }
  var predBoxes = {};
  DATA.predicates.forEach(function (p) {
    var box = el('input', {type: 'checkbox', 'data-predicate': p.name});
    box.checked = true;
    box.addEventListener('change', function () {
      if (box.checked) state.preds.add(p.name); else state.preds.delete(p.name);
      refresh();
    });
    predBoxes[p.name] = box;
    predCounts$[p.name] = el('span', {class: 'count', text: num(p.count)});
    $('pred-filters').append(el('label', {title: p.name + ' in the graph'}, box, el('span', {class: 'pred', text: predWords(p.name), title: p.name}), predCounts$[p.name],
      onlyOrAll(onlyButton(predWords(p.name) + ' relations', function () { state.preds = aloneOrAll(state.preds, p.name, allPreds); },
        function () { listKindAlone(p.name); }), predWords(p.name) + ' relations', 'every kind')));
  });
  if (!DATA.predicates.length) $('pred-filters').append(el('p', {class: 'muted', text: 'No relations.'}));
  $('min-conf').addEventListener('input', function () {
    state.minConf = Number(this.value);
    $('min-conf-value').textContent = state.minConf.toFixed(2);
    refresh();
  });
  // the entities shown are laid out below the others, out of view: framed with them unless something is chosen
  $('show-isolated').addEventListener('change', function () {
    state.isolated = this.checked; refresh();
    if (this.checked && focused === null && selectedEdge === null) fitView();
    else if (!this.checked && (gridCut || gridAll)) { gridCut = false; gridAll = false; noteGrid(); }
  });
  $('show-gazetteer').addEventListener('change', function () { state.gazetteer = this.checked; refresh(); });
  function recolor() {
    nodesDS.update(DATA.nodes.map(function (n) { return {id: n.id, color: nodeColor(n, state.byCommunity), shape: (types[typeOf(n)] || {shape: 'star'}).shape}; }));
  }
  $('color-community').addEventListener('change', function () { state.byCommunity = this.checked; recolor(); paintLegend(); repaintEntityIcons(); saveState(); });
  $('physics').checked = false;
  $('physics').addEventListener('change', function () {
    network.setOptions({physics: {enabled: this.checked, stabilization: {enabled: false}}});
    if (this.checked) network.startSimulation();
  });
  $('fit').addEventListener('click', function () { fitView(); });
  $('clear').addEventListener('click', clearSelection);
  $('path-find').addEventListener('click', function () { findPaths(); });

  // time
  function binLabel(i) { return bins[i] ? bins[i].key : ''; }
  var timelineBars = [];
  (function () {
    var tl = $('timeline');
    if (!bins.length) {
      // nothing to slide over: the two empty sliders are not shown, the note says where dates come from
      tl.append(el('p', {class: 'muted small', text: DATA.articles.length ? 'No article has a date (from a JSONL “date”, the HTML metadata or a date line), so there is nothing to filter by time.' : 'No articles.'}));
      $('date-from').disabled = $('date-to').disabled = true;
      $('date-from').parentElement.hidden = $('date-to').parentElement.hidden = true;
      // folded, its heading saying why: open, its note stood between the search box and the type filters (DWIE's
      // 602 articles at 1366x768: the types began at the window's foot)
      var part = tl.closest('details');
      if (part && DATA.articles.length) {
        part.open = false;
        part.querySelector('summary').append(el('span', {class: 'count summary-note', text: ' no dates'}));
      }
      return;
    }
    var s = document.createElementNS(SVG, 'svg'), max = Math.max.apply(null, bins.map(function (b) { return b.count; }));
    s.setAttribute('viewBox', '0 0 ' + bins.length * 10 + ' 50'); s.setAttribute('preserveAspectRatio', 'none');
    s.setAttribute('role', 'img'); s.setAttribute('aria-label', 'Articles over time');
    bins.forEach(function (b, i) {
      var r = document.createElementNS(SVG, 'rect'), hgt = Math.max(2, 48 * b.count / max);
      r.setAttribute('x', i * 10 + 1); r.setAttribute('width', 8); r.setAttribute('y', 50 - hgt); r.setAttribute('height', hgt);
      var t = document.createElementNS(SVG, 'title'); t.textContent = b.key + ': ' + plural(b.count, 'article'); r.appendChild(t);
      r.addEventListener('click', function () { setDates(i, i); });
      s.appendChild(r); timelineBars.push(r);
    });
    tl.append(s);
    ['date-from', 'date-to'].forEach(function (k) { $(k).max = String(bins.length - 1); });
    $('date-to').value = String(bins.length - 1);
  })();
  function paintTimeline() {
    timelineBars.forEach(function (r, i) { r.setAttribute('fill', i >= state.from && i <= state.to ? T.barOn : T.barOff); });
    $('date-from-value').textContent = binLabel(state.from);
    $('date-to-value').textContent = binLabel(state.to);
    var undated = DATA.articles.filter(function (a) { return !a.day; }).length, inRange = 0;
    DATA.articles.forEach(function (a) { if (a.bin !== null && a.bin !== undefined && a.bin >= state.from && a.bin <= state.to) inRange++; });
    $('date-note').textContent = bins.length ? plural(inRange, 'article') + ' in range' + (undated ? '; ' + num(undated) + ' undated' + (dateFiltered() ? ' (left out while a range is set)' : '') : '') + '. Click a bar to pick it.' : '';
  }
  function setDates(a, b) {
    state.from = Math.max(0, Math.min(a, b)); state.to = Math.min(bins.length - 1, Math.max(a, b));
    $('date-from').value = String(state.from); $('date-to').value = String(state.to);
    paintTimeline(); refresh();
  }
  $('date-from').addEventListener('input', function () { setDates(+this.value, Math.max(+this.value, state.to)); });
  $('date-to').addEventListener('input', function () { setDates(Math.min(state.from, +this.value), +this.value); });

  // sources
  // Keyed by publisher names, which the corpus writes: Maps, as an object took "constructor" for Object() (its count
  // read "function Object() { [native code] }1 articles") and lost "__proto__" (no box at all).
  var sourceBoxes = new Map();
  (function () {
    var counts = new Map();
    DATA.articles.forEach(function (a) { counts.set(pubOf(a), (counts.get(pubOf(a)) || 0) + 1); });
    var names = Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a) || (a < b ? -1 : 1); });
    // no publisher named at all: no box (its one effect was to hide every relation), the note says why
    if (names.length === 1 && names[0] === UNKNOWN_SOURCE && !(DATA.publishers || []).length) names = [];
    names.forEach(function (name) {
      var box = el('input', {type: 'checkbox', 'data-source': name});
      box.checked = true;
      box.addEventListener('change', function () { if (box.checked) state.sourcesOff.delete(name); else state.sourcesOff.add(name); refresh(); });
      sourceBoxes.set(name, box);
      // one publisher alone in one click (it took unticking every other: 39 boxes for 40 publishers); again, all
      var only = names.length > 1 ? onlyButton(name, function () {
        var alone = names.every(function (m) { return m === name ? !state.sourcesOff.has(m) : state.sourcesOff.has(m); });
        state.sourcesOff = new Set(alone ? [] : names.filter(function (m) { return m !== name; }));
      }) : null;
      if (only) { only.title = 'Show only what ' + name + ' states (again: every publisher)'; only.setAttribute('aria-label', 'Show only ' + name); }
      $('source-filters').append(el('label', null, box, name, el('span', {class: 'count', text: plural(counts.get(name), 'article')}), only));
    });
    if (!DATA.articles.length) $('source-filters').append(el('p', {class: 'muted small', text: 'No articles.'}));
    else if (!(DATA.publishers || []).length) {
      $('source-filters').append(el('p', {class: 'muted small', text: 'No article names its publisher (a URL or a “source” field), so each article counts as its own source.'}));
      $('min-sources-unit').textContent = 'article(s) (no publisher named)';
    }
  })();
  $('min-sources').addEventListener('input', function () { var v = Math.max(1, Math.min(99, Math.floor(+this.value) || 1)); state.minSources = v; refresh(); });

  // communities
  var communityBoxes = {};
  function syncCommunityBoxes() { Object.keys(communityBoxes).forEach(function (c) { communityBoxes[c].checked = state.collapsed.has(+c); }); }
  function toggleCollapse(c, on) {
    if (on) state.collapsed.add(c); else state.collapsed.delete(c);
    syncCommunityBoxes(); refresh();
  }
  bySize.forEach(function (c) {
    if (c.size < 2) return;
    var box = el('input', {type: 'checkbox', 'data-community': String(c.id), title: 'Collapse into one node'});
    box.addEventListener('change', function () { toggleCollapse(c.id, box.checked); });
    communityBoxes[c.id] = box;
    $('community-list').append(el('label', null, box, swatch(c.color),
      // the names show the community (panel and graph); the box collapses it
      el('button', {type: 'button', class: 'link-button community-link', text: c.names.join(', '), on: {click: function () { showCommunity(c.id); }}}),
      el('span', {class: 'count', text: num(c.size)})));
  });
  $('collapse-all').addEventListener('click', function () { communities.forEach(function (c) { if (c.size >= 2) state.collapsed.add(c.id); }); syncCommunityBoxes(); refresh(); fitView(); });
  $('expand-all').addEventListener('click', function () { state.collapsed.clear(); syncCommunityBoxes(); refresh(); fitView(); });

  // names for the path and correction inputs
  // a label several entities carry ("Germany" the country and the team) is listed once per entity, with its type
  // (and a number if the type is shared too), so that picking one names that entity
  // Keyed by names, which the corpus writes: Maps, as an object lost "__proto__" and took "toString" for a name
  // listed (a path from "__proto__" threw; two entities named "constructor" were one option, the other unreachable).
  var optionId = new Map(), optionOf = {};
  (function () {
    var dl_ = $('names'), count = new Map();
    byRank.forEach(function (n) { count.set(n.label, (count.get(n.label) || 0) + 1); });
    byRank.forEach(function (n) {
      var v = n.label;
      if (count.get(n.label) > 1) {
        v = qualified(n.label, n.type);
        for (var k = 2; optionId.has(v); k++) v = qualified(n.label, n.type + ' ' + k);
      }
      optionId.set(v, n.id); optionOf[n.id] = v;
      var o = document.createElement('option'); o.value = v; dl_.append(o);
    });
  })();
  // the entity a name box names: a listed value, else the one entity of that exact name; null if several
  function namedEntity(value, say) {
    var v = value.trim();
    if (optionId.has(v)) return byId[optionId.get(v)];
    var hits = find(v, true), exact = hits.filter(function (h) { return norm(labelOf(h.id)) === norm(v); });
    if (exact.length > 1) {
      say('“' + v + '” names ' + exact.length + ' entities: pick one from the list ('
        + exact.map(function (h) { return v + ' (' + h.type + ')'; }).join(', ') + ').');
      return null;
    }
    if (!hits.length) say('No entity named “' + v + '”.');
    return hits[0] || null;
  }

  if (DATA.omitted) {
    var o = DATA.omitted, by = Object.keys(o.byType).map(function (k) { return k + ' ' + num(o.byType[k]); });
    var box = $('omitted');
    box.append(el('p', {text: 'Showing the ' + num(o.maxNodes) + ' most central of '
      + num(DATA.totals.nodes) + ' entities (by number of neighbours, then mentions).'}),
      el('p', {text: 'Left out: ' + plural(o.nodes, 'entity', 'entities') + ' (' + by.join(', ') + ') and '
        + plural(o.edges, 'relation') + '.'}),
      el('p', {class: 'small', text: 'Most central left out: ' + o.names.join(' · ') + (o.nodes > o.names.length ? ' …' : '')}),
      el('p', {class: 'small muted', text: 'Draw more with: kgraph view GRAPH --max-nodes N'}));
    box.hidden = false;
  }

  // ------------------------------------------------------------------ corrections
  function correctionText(c) {
    if (c.action === 'merge') return 'merge ' + c.entities.map(labelOfOrig).join(' + ') + ' (keep ' + labelOfOrig(c.keep) + ')';
    if (c.action === 'different') return 'keep ' + c.entities.map(labelOfOrig).join(' and ') + ' apart (next build)';
    if (c.action === 'rename') return 'rename ' + labelOfOrig(c.entity) + ' to ' + c.label;
    if (c.action === 'retype') return 'retype ' + labelOfOrig(c.entity) + ' as ' + c.type;
    if (c.action === 'block') return 'block ' + labelOfOrig(c.entity);
    if (c.action === 'split') return 'split ' + labelOfOrig(c.entity) + ' where ' + c.context.join(', ') + (c.label ? ' as ' + c.label : '') + ' (next build)';
    return c.action + ' ' + labelOfOrig(c.subject) + ' ' + c.predicate + ' ' + labelOfOrig(c.object);
  }
  // a correction names its entities as the name boxes do: "merge Germany + Germany (keep Germany)" did not say
  // which of the country and the team was kept; now "merge Germany (Organization) + Germany (Country) (keep ...)"
  function labelOfOrig(id) { var n = byId[id]; return n ? (optionOf && optionOf[id]) || n.label : id; }
  function applyCorrections() {
    renamed = {}; retyped = {}; blocked = new Set(); rejected = new Set();
    corrections.forEach(function (c) {
      if (c.action === 'rename') renamed[c.entity] = c.label;
      else if (c.action === 'retype') retyped[c.entity] = c.type;
      else if (c.action === 'block') blocked.add(c.entity);
      else if (c.action === 'reject') DATA.edges.forEach(function (e) { if (e.from === c.subject && e.to === c.object && e.predicate === c.predicate) rejected.add(e.id); });
    });
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function addCorrection(c) {
    if (corrections.some(function (x) { return same(x, c); })) return;
    if (c.action === 'rename' || c.action === 'retype') corrections = corrections.filter(function (x) { return !(x.action === c.action && x.entity === c.entity); });
    corrections.push(c);
    correctionsChanged();
  }
  function undoCorrection(c) {
    var i = corrections.indexOf(c);
    if (i >= 0) { corrections.splice(i, 1); correctionsChanged(); }
  }
  function correctionsChanged() {
    applyCorrections();
    namesakes = null;  // a rename may give a name to two entities, or take it from one
    var list = $('corr-list');
    list.replaceChildren();
    corrections.forEach(function (c, i) {
      list.append(el('li', null, correctionText(c), ' ', button('undo', function () { undoCorrection(c); }, 'link-button act-undo-correction')));
    });
    $('corr-count').textContent = corrections.length ? '(' + corrections.length + ')' : '';
    $('save-corrections').disabled = !corrections.length;
    recolor();
    var keepEdge = selectedEdge;
    refresh(true);
    if (focused) showNode(focused); else if (keepEdge !== null) showEdge(keepEdge);
  }
  function correctionsJSON() { return JSON.stringify({version: 1, corrections: corrections}, null, 2) + '\n'; }
  $('save-corrections').addEventListener('click', function () { download('corrections.json', 'application/json', correctionsJSON()); });
  $('save-corrections').disabled = true;

  // ------------------------------------------------------------------ export what is shown
  // what is drawn, or only what a selection highlights (an entity and its neighbours, an article's entities, a
  // community, a path) with the relations drawn highlighted among them: choosing one of Angela Merkel's articles and
  // exporting gave the 1,491 entities drawn, not the article's
  function highlighted() {
    if (!focusNodes) return null;
    var ids = new Set();
    if (focusEdges) focusEdges.forEach(function (k) { (groups[k] || []).forEach(function (i) { ids.add(i); }); });
    var nodes = DATA.nodes.filter(function (n) { return vis$.nodes.has(n.id) && focusNodes.has(rep(n.id)); });
    var inSet = new Set(nodes.map(function (n) { return n.id; }));
    return {nodes: nodes, rels: vis$.rels.filter(function (e) { return ids.has(e.id) && inSet.has(e.from) && inSet.has(e.to); })};
  }
  function shownGraph() {
    var h = $('export-highlighted').checked ? highlighted() : null;
    if (h) return h;
    var nodes = DATA.nodes.filter(function (n) { return vis$.nodes.has(n.id); });
    return {nodes: nodes, rels: vis$.rels};
  }
  function updateExportScope() {
    var box = $('export-highlighted'), h = highlighted();
    box.disabled = !h;
    $('export-highlighted-count').textContent = h ? plural(h.nodes.length, 'entity', 'entities') + ', ' + plural(h.rels.length, 'relation') : 'nothing chosen';
  }
  $('export-highlighted').closest('details').addEventListener('toggle', updateExportScope);
  function xmlEsc(s) {
    return String(s).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
      .replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');  // kept through attribute normalisation
  }
  function gexf() {
    var g = shownGraph(), out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<gexf xmlns="http://gexf.net/1.3" version="1.3">', '<graph defaultedgetype="directed" mode="static">',
      '<attributes class="node"><attribute id="type" title="type" type="string"/><attribute id="community" title="community" type="integer"/><attribute id="mentions" title="mentions" type="integer"/><attribute id="same_as" title="same_as" type="string"/><attribute id="different_from" title="different_from" type="string"/></attributes>',
      '<attributes class="edge"><attribute id="predicate" title="predicate" type="string"/><attribute id="articles" title="articles" type="integer"/><attribute id="sources" title="sources" type="integer"/><attribute id="first" title="first" type="string"/><attribute id="last" title="last" type="string"/></attributes>',
      '<nodes>'];
    g.nodes.forEach(function (n) {
      out.push('<node id="' + xmlEsc(n.id) + '" label="' + xmlEsc(labelOf(n.id)) + '"><attvalues><attvalue for="type" value="' + xmlEsc(typeOf(n))
        + '"/><attvalue for="community" value="' + n.community + '"/><attvalue for="mentions" value="' + n.mentions + '"/>'
        + (n.sameAs.length ? '<attvalue for="same_as" value="' + xmlEsc(n.sameAs.join(' | ')) + '"/>' : '')
        + ((n.differentFrom || []).length ? '<attvalue for="different_from" value="' + xmlEsc(n.differentFrom.join(' | ')) + '"/>' : '')
        + '</attvalues></node>');
    });
    out.push('</nodes>', '<edges>');
    g.rels.forEach(function (e) {
      out.push('<edge id="' + e.id + '" source="' + xmlEsc(e.from) + '" target="' + xmlEsc(e.to) + '" label="' + xmlEsc(e.predicate) + '" weight="' + Math.max(1, e.articles.length)
        + '"><attvalues><attvalue for="predicate" value="' + xmlEsc(e.predicate) + '"/><attvalue for="articles" value="' + e.articles.length
        + '"/><attvalue for="sources" value="' + e.sources + '"/><attvalue for="first" value="' + xmlEsc(e.first || '') + '"/><attvalue for="last" value="' + xmlEsc(e.last || '') + '"/></attvalues></edge>');
    });
    out.push('</edges>', '</graph>', '</gexf>', '');
    return out.join('\n');
  }
  function csvCell(v) {
    var s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;  // a spreadsheet must not read a name as a formula
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function csv(rows) { return rows.map(function (r) { return r.map(csvCell).join(','); }).join('\r\n') + '\r\n'; }
  function nodesCsv(nodes) {
    // same_as: the IRIs merged into it (and its GeoNames page), as the graph's owl:sameAs; different_from: its
    // owl:differentFrom, the entities a correction keeps apart from it
    return csv([['id', 'label', 'type', 'community', 'mentions', 'other_names', 'same_as', 'different_from']].concat((nodes || shownGraph().nodes).map(function (n) {
      return [n.id, labelOf(n.id), typeOf(n), n.community, n.mentions, n.alt.join(' | '), n.sameAs.join(' | '), (n.differentFrom || []).join(' | ')];
    })));
  }
  function edgesCsv() {
    return csv([['source', 'source_label', 'predicate', 'target', 'target_label', 'articles', 'sources', 'first', 'last', 'confidence']]
      .concat(shownGraph().rels.map(function (e) {
        return [e.from, labelOf(e.from), e.predicate, e.to, labelOf(e.to), e.articles.length, e.sources, e.first || '', e.last || '', e.confidence === null ? '' : e.confidence];
      })));
  }
  // Every evidence sentence of the relations shown (or highlighted), one a row, each relation's most confident
  // first, with the article it came from: the relations CSV said how many articles state a relation and not
  // which nor in what words, so checking a claim outside the page meant opening each relation's panel. An article
  // the time and source filters leave out gives no row, as it gives no relation on the graph.
  function evidenceCsv() {
    var af = articleFiltered(), rows = [['source', 'source_label', 'predicate', 'target', 'target_label', 'relation_confidence',
      'confidence', 'how_found', 'method', 'sentence', 'source_as_written', 'target_as_written', 'article', 'title', 'date', 'publisher', 'url']];
    shownGraph().rels.forEach(function (e) {
      bestFirst(e.evidence).forEach(function (v) {
        var art = v.article !== null && v.article !== undefined ? DATA.articles[v.article] : null;
        if (art && af && !articleOk[v.article]) return;
        var text = v.sentence || '', m = v.marks || [];
        var written = function (k) { return m[k] && m[k][0] >= 0 && m[k][1] <= text.length && m[k][0] < m[k][1] ? text.slice(m[k][0], m[k][1]) : ''; };
        rows.push([e.from, labelOf(e.from), e.predicate, e.to, labelOf(e.to), e.confidence === null ? '' : e.confidence,
          v.confidence === null || v.confidence === undefined ? '' : v.confidence, v.method ? methodText(v.method, v) : '', v.method || '', text,
          written(0), written(1), art ? art.id : v.method === 'correction' ? 'corrections file' + (v.note ? ', item ' + v.note : '') : '',
          art ? art.title || '' : '', art ? art.day || art.date || '' : '', art ? art.publisher || '' : '',
          art ? safeUrl(art.url) || '' : v.method === 'correction' ? '' : safeUrl(v.source) || '']);
      });
    });
    return csv(rows);
  }
  function ttlString(s) {
    return '"' + String(s).replace(/[\\"\n\r\t\u0000-\u001f\u007f]/g, function (c) {
      return {'\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t'}[c] || '\\u' + ('000' + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
    }) + '"';
  }
  function ttlIri(u) {
    return '<' + String(u).replace(/[\u0000-\u0020<>"{}|^`\\]/g, function (c) { return '\\u' + ('000' + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4); }) + '>';
  }
  function turtle() {
    var g = shownGraph(), ns = DATA.ns || {};
    var out = ['@prefix kg: ' + ttlIri(ns.kg) + ' .', '@prefix rdfs: ' + ttlIri(ns.rdfs) + ' .', '@prefix skos: ' + ttlIri(ns.skos) + ' .',
      '@prefix owl: ' + ttlIri(ns.owl || 'http://www.w3.org/2002/07/owl#') + ' .', ''];
    g.nodes.forEach(function (n) {
      var lines = [ttlIri(n.id) + ' a kg:' + typeOf(n), '    rdfs:label ' + ttlString(labelOf(n.id))];
      n.alt.forEach(function (a) { lines.push('    skos:altLabel ' + ttlString(a)); });
      n.sameAs.forEach(function (u) { lines.push('    owl:sameAs ' + ttlIri(u)); });
      (n.differentFrom || []).forEach(function (u) { lines.push('    owl:differentFrom ' + ttlIri(u)); });
      out.push(lines.join(' ;\n') + ' .');
    });
    g.rels.forEach(function (e) { out.push(ttlIri(e.from) + ' kg:' + e.predicate + ' ' + ttlIri(e.to) + ' .'); });
    return out.join('\n') + '\n';
  }
  exportScopeReady = true;
  updateExportScope();
  $('export-gexf').addEventListener('click', function () { download('graph.gexf', 'application/xml', gexf()); });
  $('export-nodes').addEventListener('click', function () { download('nodes.csv', 'text/csv', nodesCsv()); });
  $('export-edges').addEventListener('click', function () { download('edges.csv', 'text/csv', edgesCsv()); });
  $('export-evidence').addEventListener('click', function () { download('evidence.csv', 'text/csv', evidenceCsv()); });
  $('export-ttl').addEventListener('click', function () { download('graph.ttl', 'text/turtle', turtle()); });

  // ------------------------------------------------------------------ the view in the URL fragment
  var restoring = true, saveTimer = null;
  function stateParams() {
    var p = new URLSearchParams();
    var allT = DATA.types.every(function (t) { return state.types.has(t.name); });
    if (!allT) p.set('types', Array.from(state.types).sort().join(','));
    var allP = DATA.predicates.every(function (x) { return state.preds.has(x.name); });
    if (!allP) p.set('preds', Array.from(state.preds).sort().join(','));
    if (state.minConf > 0) p.set('conf', state.minConf.toFixed(2));
    if (state.isolated) p.set('isolated', '1');
    if (state.gazetteer) p.set('gazetteer', '1');
    if (!state.byCommunity) p.set('color', 'type');
    if (dateFiltered()) { p.set('from', binLabel(state.from)); p.set('to', binLabel(state.to)); }
    if (state.sourcesOff.size) p.set('off', JSON.stringify(Array.from(state.sourcesOff).sort()));
    if (state.minSources > 1) p.set('minsrc', String(state.minSources));
    if (state.collapsed.size) p.set('collapsed', Array.from(state.collapsed).sort(function (a, b) { return a - b; }).join(','));
    if (state.explore && state.explore.size <= 300) p.set('explore', JSON.stringify(Array.from(state.explore).sort()));
    if (focused) p.set('sel', focused);
    else if (selectedEdge !== null) p.set('edge', String(selectedEdge));
    var vp = network.getViewPosition();
    p.set('zoom', network.getScale().toFixed(4)); p.set('x', Math.round(vp.x)); p.set('y', Math.round(vp.y));
    return p;
  }
  // What a fragment has selected ('' for nothing): an entity, or an edge.
  function selectionOf(p) { return p.has('sel') ? 'n:' + p.get('sel') : p.has('edge') ? 'e:' + p.get('edge') : ''; }
  function saveState() {
    if (restoring) return;
    var p = stateParams(), frag = '#' + p.toString();
    if (location.hash === frag) return;
    var was = '';
    try { was = selectionOf(new URLSearchParams(location.hash.replace(/^#/, ''))); } catch (err) { /* keep '' */ }
    var now = selectionOf(p);
    try {
      // A newly chosen entity or relation is a step Back returns from, as a followed link is; filters, zoom
      // and a cleared selection change the step the view is at.
      if (now && now !== was) history.pushState(null, '', frag); else history.replaceState(null, '', frag);
    } catch (err) { /* a sandboxed frame: the view is not kept */ }
  }
  function saveStateSoon() {
    clearTimeout(saveTimer);
    setIdle(false);
    saveTimer = setTimeout(function () { saveTimer = null; saveState(); checkIdle(); }, 250);
  }
  // The fragment is data only: each value is looked up among this graph's names and numbers, never run or parsed
  // as markup. Everything it leaves out is as at opening, so that reading it again (hashchange) gives the same view.
  function readState() {
    var p;
    state = defaultState();
    try { p = new URLSearchParams(location.hash.replace(/^#/, '')); } catch (err) { return null; }
    function list(k) { return p.has(k) ? p.get(k).split(',').filter(Boolean) : null; }
    function json(k) { try { var v = JSON.parse(p.get(k)); return Array.isArray(v) ? v.filter(function (x) { return typeof x === 'string'; }) : null; } catch (err) { return null; } }
    // unknown values are ignored: a link naming none this graph has leaves that filter as it was
    var t = list('types'), tk = t && t.filter(function (x) { return own(types, x); });
    if (t && (tk.length || !t.length)) state.types = new Set(tk);
    var pr = list('preds'), pk = pr && pr.filter(function (x) { return own(predLabel, x); });
    if (pr && (pk.length || !pr.length)) state.preds = new Set(pk);
    var c = parseFloat(p.get('conf'));
    if (c >= 0 && c <= 1) state.minConf = c;
    state.isolated = p.get('isolated') === '1';
    state.gazetteer = p.get('gazetteer') === '1';
    state.byCommunity = p.get('color') !== 'type';
    if (own(binOf, p.get('from'))) state.from = binOf[p.get('from')];
    if (own(binOf, p.get('to'))) state.to = binOf[p.get('to')];
    if (state.from > state.to) { state.from = 0; state.to = Math.max(0, bins.length - 1); }
    var off = p.has('off') ? json('off') : null;
    if (off) state.sourcesOff = new Set(off.filter(function (x) { return sourceBoxes.has(x); }));
    var ms = parseInt(p.get('minsrc'), 10);
    if (ms >= 1 && ms <= 99) state.minSources = ms;
    var col = list('collapsed');
    if (col) col.forEach(function (x) { var i = parseInt(x, 10); if (communities[i]) state.collapsed.add(i); });
    var ex = p.has('explore') ? json('explore') : null;
    if (ex) { ex = ex.filter(function (id) { return own(byId, id); }); if (ex.length) state.explore = new Set(ex); }
    return p;
  }
  function syncControls() {
    Object.keys(typeBoxes).forEach(function (k) { typeBoxes[k].checked = state.types.has(k); });
    Object.keys(predBoxes).forEach(function (k) { predBoxes[k].checked = state.preds.has(k); });
    $('min-conf').value = String(state.minConf); $('min-conf-value').textContent = state.minConf.toFixed(2);
    $('show-isolated').checked = state.isolated; $('show-gazetteer').checked = state.gazetteer;
    $('color-community').checked = state.byCommunity;
    if (bins.length) { $('date-from').value = String(state.from); $('date-to').value = String(state.to); }
    sourceBoxes.forEach(function (box, k) { box.checked = !state.sourcesOff.has(k); });
    $('min-sources').value = String(state.minSources);
    syncCommunityBoxes();
    paintTimeline();
    paintLegend();
  }
  var restored = readState();
  function restoreView(again) {
    // runs once the first frame is drawn (selection and zoom need the drawn network), and again on each hashchange
    var p = restored;
    restoring = false;
    if (p && own(byId, p.get('sel'))) selectNode(p.get('sel'), true);
    else if (p && own(edgeById, p.get('edge'))) selectEdge(+p.get('edge'));
    else if (again) showHome();
    var z = p ? parseFloat(p.get('zoom')) : NaN, x = p ? parseFloat(p.get('x')) : NaN, y = p ? parseFloat(p.get('y')) : NaN;
    if (z > 0.001 && z < 100 && isFinite(x) && isFinite(y)) network.moveTo({position: {x: x, y: y}, scale: z});
    else if (again) fitView();
    saveState();
  }
  // An edited fragment, a link pasted into a tab already showing the page, Back or Forward: the view follows the
  // fragment without a reload. The page's own saves (pushState, replaceState) fire no hashchange.
  window.addEventListener('hashchange', function () {
    var byCommunity = state.byCommunity;
    restored = readState();
    restoring = true;  // no save until the fragment's selection is back: a save before it would drop it
    if (!window.kgraphReady) return;  // the first frame restores it
    focused = null; selectedEdge = null;
    network.unselectAll();
    syncControls();
    if (state.byCommunity !== byCommunity) { recolor(); repaintEntityIcons(); }
    refresh();
    restoreView(true);
  });
  $('share').addEventListener('click', function () {
    saveState();
    var u = $('share-url');
    u.value = location.href; u.hidden = false; u.select();
  });

  // ------------------------------------------------------------------ search
  // Ranks: exact name, exact other name, a word of a name starting with the query, initials,
  // then (for queries of 3+ characters) any substring.
  function norm(s) { return String(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\.(?=\S)|\.$/g, '').replace(/[\s\-‐–—_/,;:()'’"]+/g, ' ').trim(); }
  // A name with an umlaut is found as German writes it without one ("Schroeder" for Schröder, "Koehler" for Köhler):
  // folding the accent alone gave "schroder", and "Schroeder" found only another man of that name. The second
  // spelling counts as the name it comes from (`of`): the label's own rank.
  var UMLAUT = {'ä': 'ae', 'ö': 'oe', 'ü': 'ue', 'Ä': 'Ae', 'Ö': 'Oe', 'Ü': 'Ue'};
  var index = DATA.nodes.map(function (n) {
    var names = [], of = [];
    [n.label].concat(n.alt).forEach(function (x, k) {
      names.push(norm(x)); of.push(k);
      if (/[äöüÄÖÜ]/.test(x)) { names.push(norm(x.replace(/[äöüÄÖÜ]/g, function (c) { return UMLAUT[c]; }))); of.push(k); }
    });
    return {n: n, names: names, of: of, initials: names.map(function (x) { var w = x.split(' '); return w.length > 1 ? w.map(function (y) { return y[0] || ''; }).join('') : ''; })};
  });
  function within(a, b, k) {
    // true when a and b differ by at most k edits (insert, delete, change, swap of neighbours)
    if (Math.abs(a.length - b.length) > k) return false;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        var c = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) c = Math.min(c, prev2[j - 2] + 1);
        cur.push(c);
        if (c < low) low = c;
      }
      if (low > k) return false;
      prev2 = prev; prev = cur;
    }
    return prev[b.length] <= k;
  }
  var CLOSE_MIN = 4;  // a query this long may match a name spelt a little differently, when nothing else matches
  function closeSpelling(qn, it) {
    var k = qn.length >= 8 ? 2 : 1, single = qn.indexOf(' ') < 0;
    return it.names.some(function (name) {
      return within(qn, name, k) || (single && name.split(' ').some(function (w) { return w.length >= CLOSE_MIN && within(qn, w, k); }));
    });
  }
  function ranked(qn, worst) {
    var hits = [];
    index.forEach(function (it) {
      var best = 9;
      it.names.forEach(function (name, j) {
        var k = it.of[j];
        var s = name === qn ? (k === 0 ? 0 : 1)
          : (' ' + name).indexOf(' ' + qn) === 0 ? (k === 0 ? 2 : 3)
          : (' ' + name).indexOf(' ' + qn) > 0 ? 4
          : it.initials[j] && it.initials[j] === qn.replace(/ /g, '') ? 5
          : qn.length >= 3 && name.indexOf(qn) >= 0 ? 6 : 9;
        if (s < best) best = s;
      });
      if (best <= worst) hits.push([best, it.n]);
    });
    return hits;
  }
  // The words of a name in another order ("Obama Barack"), each beginning a word of one name.
  function anyOrder(words) {
    var hits = [];
    index.forEach(function (it) {
      if (it.names.some(function (name) { return words.every(function (w) { return (' ' + name).indexOf(' ' + w) >= 0; }); })) hits.push([4, it.n]);
    });
    return hits;
  }
  // A leading article ("the EU", "a Veltrian bank") is not part of the name a reader means: "the EU" matched
  // "Members of the European Parliament" as a substring and not European Union. A name that itself begins with
  // one ("The Hague") still matches from its start with it.
  function nameKey(q) { return norm(String(q).replace(/(\S)['’]s(?=\s|$)/g, '$1')).replace(/^(?:the|an?) (?=\S)/, ''); }
  function find(q, noCloseSpelling) {
    var whole = norm(String(q).replace(/(\S)['’]s(?=\s|$)/g, '$1'));  // "Merkel's" is Merkel (norm made it "merkel s")
    var qn = nameKey(q);
    if (!qn) return [];
    var hits = ranked(qn, 8), words = qn.split(' ');
    if (whole !== qn) {
      var best = new Map();
      ranked(whole, 3).concat(hits).forEach(function (h) { if (!best.has(h[1]) || h[0] < best.get(h[1])) best.set(h[1], h[0]); });
      hits = Array.from(best, function (x) { return [x[1], x[0]]; });
    }
    without = '';
    if (!hits.length && words.length > 1) hits = anyOrder(words);
    if (!hits.length && !noCloseSpelling && qn.length >= CLOSE_MIN) index.forEach(function (it) { if (closeSpelling(qn, it)) hits.push([7, it.n]); });
    // A title before a person's name, as a reader writes it ("President Obama", "Chancellor Merkel", "Mrs Merkel")
    // found no entity, only sentences: the words after it, when they end a person's name (the surname, or the whole
    // name), said beside each result. Whole words of a person only: "German Chancellor" finds its sentences, not
    // "Chancellery", and "German Bank" no bank.
    for (var d = 1; !hits.length && d < words.length; d++) {
      var rest = ' ' + words.slice(d).join(' ') + ' ';
      if (rest.length < 4) break;  // "Merkel 's" left "s"
      index.forEach(function (it) {
        if (typeOf(it.n) !== 'Person') return;
        var j = -1;
        it.names.forEach(function (name, i) { var x = ' ' + name + ' '; if (j < 0 && x.slice(x.length - rest.length) === rest) j = i; });
        if (j >= 0) hits.push([it.of[j] === 0 ? 2 : 3, it.n]);
      });
      if (hits.length) without = rest.trim();
    }
    closeOnly = hits.length > 0 && hits[0][0] === 7;
    hits.sort(function (a, b) { return a[0] - b[0] || a[1].rank - b[1].rank || (a[1].label < b[1].label ? -1 : 1); });
    return hits.map(function (h) { return h[1]; });
  }
  var closeOnly = false, without = '';
  var results = $('results'), search = $('search'), current = [], currentArticles = [], currentSentences = [];
  // Articles whose title holds the query (3+ characters), listed after the entities: a story one remembers by its
  // headline is found without paging through hundreds of articles.
  var ARTICLE_HITS = 6;
  // The sentences that state a relation holding a query ("chancellor": who is called one, and what was read from
  // it): the search found names and titles only, and the words around the names were one article at a time. The
  // page holds these sentences, not the articles' whole text, and says so.
  var sentenceIndex = null, SENTENCES_SHOWN = 30, SENTENCES_STEP = 50;
  function sentencesIndexed() {
    if (!sentenceIndex) {
      sentenceIndex = [];
      DATA.articles.forEach(function (a, i) {
        sentencesOf(i).forEach(function (s) { if (s.sentence) sentenceIndex.push([' ' + norm(s.sentence) + ' ', s]); });
      });
    }
    return sentenceIndex;
  }
  function findSentences(q) {
    var qn = norm(q);
    if (qn.length < 3) return [];
    return sentencesIndexed().filter(function (x) { return x[0].indexOf(qn) >= 0; }).map(function (x) { return x[1]; });
  }
  // "Did you mean": a query that finds nothing, its words spelt a little differently (one edit, two from 8 letters)
  // from words the page holds (in the sentences, the titles and the names). A misspelt
  // word ("chancelor") found nothing, neither among the names nor in the sentences, and said only so.
  var vocabulary = null, SUGGESTIONS = 3;
  function bare(w) { return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''); }  // "said," is "said"
  function wordsOf(text) {
    return text.split(' ').map(bare).filter(function (w) { return w.length >= 3; });
  }
  // A word is offered as the page writes it ("Merkel", "François"), not as the search compares it ("merkel",
  // "francois"): each compared word keeps the spelling the sentences, titles and names give it most often.
  function splitAsNorm(text) { return String(text).replace(/\.(?=\S)|\.$/g, '').split(/[\s\-‐–—_/,;:()'’"]+/).map(bare); }
  function vocabularyOf() {
    if (vocabulary) return vocabulary;
    var count = new Map(), forms = new Map();
    var add = function (text) { wordsOf(text).forEach(function (w) { count.set(w, (count.get(w) || 0) + 1); }); };
    var spell = function (text) {
      splitAsNorm(text).forEach(function (f) {
        var w = norm(f);
        if (w.length < 3 || w.indexOf(' ') >= 0) return;
        var m = forms.get(w);
        if (!m) forms.set(w, m = new Map());
        m.set(f, (m.get(f) || 0) + 1);
      });
    };
    sentencesIndexed().forEach(function (x) { add(x[0]); spell(x[1].sentence); });
    articleTitles.forEach(add);
    DATA.articles.forEach(function (a) { spell(a.title || a.id || ''); });
    index.forEach(function (it) { [it.n.label].concat(it.n.alt).forEach(function (x) { add(norm(x)); spell(x); }); });
    vocabulary = {count: count, words: Array.from(count.keys()).sort(), forms: forms};
    return vocabulary;
  }
  function written(w) {
    var m = vocabularyOf().forms.get(w), best = w, most = 0;
    // the most frequent spelling; of two as frequent, the first in code point order (the same page, the same word)
    if (m) m.forEach(function (c, f) { if (c > most || (c === most && f < best)) { best = f; most = c; } });
    return best;
  }
  function closeWords(w) {
    var v = vocabularyOf(), k = w.length >= 8 ? 2 : 1, near = [];
    v.words.forEach(function (x) {
      if (Math.abs(x.length - w.length) > k) return;
      if (within(w, x, 1)) near.push([1, x]); else if (k > 1 && within(w, x, 2)) near.push([2, x]);
    });
    // fewer edits first, then those keeping the first letter (a slip seldom changes it), then the more frequent
    var first = function (x) { return x[1][0] === w[0] ? 0 : 1; };
    return near.sort(function (a, b) { return a[0] - b[0] || first(a) - first(b) || v.count.get(b[1]) - v.count.get(a[1]) || (a[1] < b[1] ? -1 : 1); })
      .map(function (x) { return x[1]; });
  }
  function suggestions(q) {
    var words = norm(q).split(' ').map(bare).filter(Boolean), v = vocabularyOf(), unknown = [];
    // the words kept as typed, those replaced as the page writes them
    var typed = splitAsNorm(q).filter(Boolean);
    if (typed.length !== words.length) typed = words;
    words.forEach(function (w, i) { if (!v.count.has(w)) unknown.push(i); });
    if (!unknown.length || unknown.some(function (i) { return words[i].length < CLOSE_MIN; })) return [];
    var phrases = [];
    if (unknown.length === 1) closeWords(words[unknown[0]]).forEach(function (x) {
      phrases.push(typed.map(function (w, i) { return i === unknown[0] ? written(x) : w; }).join(' '));
    });
    else {
      var fixed = typed.map(function (w, i) { if (unknown.indexOf(i) < 0) return w; var c = closeWords(words[i])[0]; return c && written(c); });
      if (fixed.every(Boolean)) phrases.push(fixed.join(' '));
    }
    // only what finds something
    return phrases.filter(function (p) { return find(p, true).length || findArticles(p).length || findSentences(p).length; }).slice(0, SUGGESTIONS);
  }
  function didYouMean(q, tag) {
    var ps = suggestions(q);
    if (!ps.length) return null;
    var out = el(tag, {class: 'did-you-mean'}, 'Did you mean ');
    ps.forEach(function (p, i) {
      if (i) out.append(i === ps.length - 1 ? ' or ' : ', ');
      var b = el('button', {type: 'button', class: 'link-button act-did-you-mean', text: p,
        on: {click: function () { search.value = p; showResults(); search.focus(); }}});
      if (tag === 'li') b.setAttribute('role', 'option');
      out.append(b);
    });
    out.append('?');
    return out;
  }
  function showSentences(q) {
    var hits = findSentences(q);
    panelArticles = articlesKey();
    var af = articleFiltered(), ok = function (s) { return !af || articleOk[s.article]; };
    // those of the articles the filters keep first, the latest article first, in article order
    var order = hits.slice().sort(function (x, y) { return (ok(y) ? 1 : 0) - (ok(x) ? 1 : 0) || newestFirst(x.article, y.article) || x.start - y.start; });
    var arts = new Set(hits.map(function (s) { return s.article; })), list = el('div', {class: 'sentence-hits'});
    var more = stepped(list, order, SENTENCES_SHOWN, SENTENCES_STEP, function (s) {
      var b = sentenceBlock(s, true, q);
      if (!ok(s)) b.classList.add('muted');
      return b;
    }, 'sentence');
    fill(details, el('h3', {class: 'sentences-title', text: 'Sentences with “' + q.trim() + '”'}),
      el('p', {class: 'muted', text: plural(hits.length, 'sentence') + ' stating a relation, in ' + plural(arts.size, 'article')
        + (af ? ' (those the time and source filters leave out greyed, last)' : '') + '. The page holds only the sentences a relation was read from, not the articles\' whole text.'}),
      hits.length ? el('div', {class: 'row'}, button('Show their relations on the graph', function () {
        var rels = [], ends = [];
        hits.forEach(function (s) { s.rels.forEach(function (e) { rels.push(e); ends.push(e.from, e.to); }); });
        showOnGraph(ends, rels);
      }, 'act-sentences-graph')) : didYouMean(q, 'p'),
      list, more);
    visited('sentences', q);
    toPanelTop();
  }
  var articleTitles = DATA.articles.map(function (a) { return ' ' + norm(a.title || a.id || ''); });
  function findArticles(q) {
    var qn = norm(q);
    if (qn.length < 3) return [];
    var hits = [];
    articleTitles.forEach(function (t, i) {
      var at = t.indexOf(' ' + qn);
      if (at >= 0) hits.push([0, i]); else if (t.indexOf(qn) >= 0) hits.push([1, i]);
    });
    return hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).map(function (h) { return h[1]; });
  }
  function showResults() {
    current = find(search.value);
    currentArticles = findArticles(search.value);
    results.replaceChildren();
    var qn = nameKey(search.value);
    // a name several entities carry (Stuttgart the city and the club) says which each is: its type and mentions
    var shown = current.slice(0, 12), sameName = {};
    DATA.nodes.forEach(function (n) { var l = labelOf(n.id); sameName[l] = (sameName[l] || 0) + 1; });
    shown.forEach(function (n, i) {
      // the other names that match, but those the label holds ("Germany (women) (Germany)" repeated it), and none when
      // the label matches itself: an other name then explains nothing and was often a misspelling the build merged
      // ("Merkel" listed "Angela Merkel (Angla Merkel)", "Hollande" "Francois Hollande (Francoise Hollande)")
      var ln = norm(labelOf(n.id)), other = ln.indexOf(qn) >= 0 ? []
        : n.alt.filter(function (a) { var an = norm(a); return an.indexOf(qn) >= 0 && ln.indexOf(an) < 0; });
      var alts = other.length ? qualifiedParts(labelOf(n.id), other.join(', '), '; ') : null;
      var b = el('button', {type: 'button', role: 'option', class: i === 0 ? 'active' : '', on: {click: function () { pick(n.id); }}},
        entityIcon(n), ' ', alts ? alts[0] : labelOf(n.id),
        alts ? el('span', {class: 'result-alt', text: alts[1] + alts[2]}) : null,
        sameName[labelOf(n.id)] > 1 ? el('span', {class: 'result-alt result-type', text: ' · ' + (typeOf(n) || 'Unknown') + ', ' + plural(n.mentions || 0, 'mention')}) : null,
        vis$.nodes.has(n.id) ? null : el('span', {class: 'result-alt result-hidden', text: ' · ' + notDrawnWhy(n)}),
        closeOnly ? el('span', {class: 'result-alt', text: ' · close spelling'}) : null,
        without ? el('span', {class: 'result-alt result-without', text: ' · found by “' + without + '”'}) : null);
      results.append(el('li', null, b));
    });
    if (currentArticles.length) {
      results.append(el('li', {class: 'result-head muted small', text: 'Articles' + (currentArticles.length > ARTICLE_HITS ? ' (' + num(ARTICLE_HITS) + ' of ' + num(currentArticles.length) + ')' : '')}));
      // the articles together, and who they name ("the people in the articles about the bailout")
      var topicQuery = search.value;
      if (currentArticles.length > 1) results.append(el('li', null, el('button', {type: 'button', role: 'option', class: 'result-topic',
        on: {click: function () { results.replaceChildren(); showTopic(topicQuery); }}},
        'All ' + plural(currentArticles.length, 'article') + ' with “' + topicQuery.trim() + '” in their title, and who they name')));
      currentArticles.slice(0, ARTICLE_HITS).forEach(function (i, k) {
        var a = DATA.articles[i], meta = [a.day || a.date, a.publisher].filter(Boolean).join(', ');
        results.append(el('li', null, el('button', {type: 'button', role: 'option', class: 'result-article' + (!shown.length && !k ? ' active' : ''),
          on: {click: function () { results.replaceChildren(); showArticle(i); }}}, a.title || a.id,
          meta ? el('span', {class: 'result-alt', text: ' (' + meta + ')'}) : null)));
      });
    }
    currentSentences = findSentences(search.value);
    if (currentSentences.length) {
      var sentenceQuery = search.value;
      results.append(el('li', {class: 'result-head muted small', text: 'Sentences'}),
        el('li', null, el('button', {type: 'button', role: 'option', class: 'result-sentences' + (!shown.length && !currentArticles.length ? ' active' : ''),
          on: {click: function () { results.replaceChildren(); showSentences(sentenceQuery); }}},
          plural(currentSentences.length, 'sentence') + ' stating a relation ' + (currentSentences.length === 1 ? 'holds' : 'hold') + ' “' + sentenceQuery.trim() + '”')));
    }
    if (search.value.trim() && !current.length && !currentArticles.length && !currentSentences.length) {
      var left = DATA.omitted ? DATA.omitted.all.filter(function (x) { return norm(x).indexOf(norm(search.value)) >= 0; }) : [];
      results.append(el('li', {class: 'muted', text: left.length
        ? 'Left out of this page by --max-nodes: ' + left.slice(0, 5).join(' · ') + (left.length > 5 ? ' …' : '')
        : nothingFound(search.value)}));
    }
    // nothing found but names spelt a little differently: what the words may have been meant to be
    if (search.value.trim() && (!current.length || closeOnly) && !currentArticles.length && !currentSentences.length) {
      var dym = didYouMean(search.value, 'li');
      if (dym) results.append(dym);
    }
  }
  // What a search that found nothing searched: "No entity or article title has that name." was said though the
  // sentences were searched too, and a reader took the articles' whole text for unsearched, or for searched.
  function nothingFound(q) {
    var quoted = '“' + q.trim() + '”';
    return norm(q).length >= 3
      ? 'No entity name, article title or sentence stating a relation holds ' + quoted + ' (the page holds those sentences, not the articles\' whole text).'
      : 'No entity name matches ' + quoted + ' (titles and sentences are searched from 3 letters).';
  }
  function pick(id) { results.replaceChildren(); selectNode(id); }
  // why a result is not drawn, and what choosing it does ("not shown now" said neither: the women's team, with no
  // relation, was drawn alone once chosen; an entity of a type unticked ticks its type again)
  function notDrawnWhy(n) {
    if (blocked.has(n.id)) return 'blocked by a correction';
    if (!state.types.has(typeOf(n))) return 'not drawn: ' + (typeOf(n) || 'Unknown') + ' unticked, choosing ticks it';
    if (state.explore) return 'not drawn: outside the exploration, choosing adds it';
    return 'not drawn: ' + (relsOf[n.id] && relsOf[n.id].length ? 'the filters hide its relations' : 'no relation') + ', choosing draws it';
  }
  search.addEventListener('input', showResults);
  results.addEventListener('keydown', function (ev) {
    var b = document.activeElement, li = b && b.parentElement;
    // the next or previous result with a button (the Articles heading has none)
    function step(from, dir) { var x = from && from[dir]; while (x && !x.querySelector('button')) x = x[dir]; return x && x.querySelector('button'); }
    var to;
    if (ev.key === 'ArrowDown' && (to = step(li, 'nextElementSibling'))) { ev.preventDefault(); to.focus(); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); to = step(li, 'previousElementSibling'); if (to) to.focus(); else search.focus(); }
    else if (ev.key === 'Escape') { search.focus(); }
  });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      ev.preventDefault();
      if (!current.length && !currentArticles.length && !currentSentences.length) showResults();
      if (current.length) pick(current[0].id);
      else if (currentArticles.length) { var i = currentArticles[0]; results.replaceChildren(); showArticle(i); }
      else if (currentSentences.length) { var q = search.value; results.replaceChildren(); showSentences(q); }
    } else if (ev.key === 'ArrowDown' && results.querySelector('button')) { ev.preventDefault(); results.querySelector('button').focus(); }
    else if (ev.key === 'Escape') { search.value = ''; results.replaceChildren(); }
  });

  // Skip links, the Tab after the search box: the details panel (the corpus' lists, an entity's facts) was 28 Tabs
  // away, through every filter of the controls, and the network 27.
  function toDetailsTop() {
    var head = details.querySelector('h3') || details.querySelector('h2');
    if (narrow.matches) $('side').scrollIntoView({block: 'start'});
    if (head) { head.setAttribute('tabindex', '-1'); head.focus({preventScroll: narrow.matches}); }
  }
  $('skip-details').addEventListener('click', toDetailsTop);
  $('skip-network').addEventListener('click', function () { if (netFocus) netFocus.focus(); });

  // ------------------------------------------------------------------ keys: / search, Esc clear, Backspace back
  document.addEventListener('keydown', function (ev) {
    var t = ev.target, typing = t && (/^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName) || t.isContentEditable);
    if (typing || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === '/') { ev.preventDefault(); search.focus(); search.select(); }
    else if (ev.key === 'Escape') { hideTip(); clearSelection(); }
    else if (ev.key === 'Backspace' && back()) ev.preventDefault();
  });

  // ------------------------------------------------------------------ start
  syncControls();
  computeVisible();
  rebuildNodes();
  rebuildEdges();
  layoutExplored();  // a link that explores opens on the explored entities' own layout
  updateStats();
  updateExploreBar();
  showHome();
  if (!DATA.physics || drawnNodes.size === 0) network.once('afterDrawing', markReady);
  network.setData({nodes: nodeView, edges: edgesDS});
  if (!DATA.physics) fitView();
  if (DATA.nodes.length === 0) container.append(el('div', {class: 'empty', text: 'This graph has no entities.'}));
  if (drawnNodes.size === 0) setTimeout(markReady, 0);  // no physics to settle

  window.kgraph = {network: network, nodes: nodesDS, edges: edgesDS, nodeView: nodeView, data: DATA, find: find,
    selectNode: selectNode, selectEdge: selectEdge, showGroup: showGroup, setType: setType, expand: expand, exploreFrom: exploreFrom,
    exploreLayout: exploreLayout, shortLabel: shortLabel, theme: function () { return themeName; }, contrast: contrast,
    paths: function (a, b, n) { return allPaths(a, b, n || 3, 50).map(function (p) { return p.nodes; }); },
    focus: function () { return focusNodes ? Array.from(focusNodes) : []; },
    labels: function () { return lastLabels.map(function (l) { return l.text; }); },
    labelBoxes: function () { return lastLabels.map(function (l) { return l.box; }); },
    labelPlaces: function () { return lastLabels.map(function (l) { return {id: l.id, text: l.text, box: l.box, node: l.node, leader: l.leader}; }); },
    groups: function (k) { return (groups[k] || []).slice(); },
    visible: function () { return {nodes: Array.from(vis$.nodes).sort(), relations: vis$.rels.map(function (e) { return e.id; })}; },
    drawn: function () { return Array.from(drawnNodes).sort(); },
    corrections: function () { return JSON.parse(correctionsJSON()); }, addCorrection: addCorrection,
    exports: {gexf: gexf, nodesCsv: nodesCsv, edgesCsv: edgesCsv, turtle: turtle}, setDates: setDates,
    bins: function () { return bins.map(function (b) { return b.key; }); }, showArticle: showArticle,
    showArticleOnGraph: showArticleOnGraph, showTopic: showTopic, showKind: showKind, showSentences: showSentences, back: back, findPaths: findPaths, namedWith: namedWith};
})();
