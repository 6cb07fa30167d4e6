/* Call graph: the report's pre-laid-out SVG per sample type (in <template>s), or after a refine the
 * engine's Graphviz layout of the refined DOT; pan & zoom through the viewBox, click a node to
 * highlight it with its callers and callees, right-click it to refine. DOT ids (N1, N2…) are the SVG
 * <title>s; the view's data maps them back to names and values. */
(function () {
  var viewport = $('gr-graph');
  var panel = $('gr-node-panel');
  var svg = null, full = null, vb = null, needsFit = false;
  var nodeEls = {}, edgeEls = [], selected = null;
  /** What the graph shows: {template: i} (precomputed), {svg: text} (laid out here), {pending: true} or {error: text}. */
  var source = null;

  /**
   * A layout of the engine (ENGINE.layout) as an <svg> element of this document. The engine has
   * already checked it as the report's own graphs are checked (src/page/layout-client.ts runs
   * src/report/html/svg-inline.ts on the worker's SVG: only Graphviz's elements and attributes,
   * else the layout fails), and made it scalable; it is parsed as XML (no script runs in a parsed
   * document) and imported.
   */
  function parseSvg(text) {
    var doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    var root = doc.documentElement;
    if (!root || root.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) throw new Error('the layout is not an SVG picture');
    return document.importNode(root, true);
  }

  function load() {
    viewport.textContent = '';
    svg = null;
    nodeEls = {};
    edgeEls = [];
    panel.hidden = true;
    if (!source) return;
    if (source.pending) { viewport.appendChild(el('p', 'graph-wait', 'Laying out the call graph…')); return; }
    var err = source.error || (source.template !== undefined ? DATA.graphErrors[source.template] : null);
    if (err) { viewport.appendChild(el('p', 'graph-error', err)); return; }
    if (source.template !== undefined) viewport.appendChild(document.importNode($('gr-graph-' + source.template).content, true));
    else {
      try {
        viewport.appendChild(parseSvg(source.svg));
      } catch (e) {
        viewport.appendChild(el('p', 'graph-error', 'The call graph could not be shown: ' + e.message));
        return;
      }
    }
    svg = viewport.querySelector('svg');
    var b = svg.viewBox.baseVal;
    full = { x: b.x, y: b.y, w: b.width, h: b.height };
    nodeEls = {};
    edgeEls = [];
    svg.querySelectorAll('g.node').forEach(function (g) {
      var t = g.querySelector('title');
      if (t) nodeEls[t.textContent] = g;
    });
    svg.querySelectorAll('g.edge').forEach(function (g) {
      var t = g.querySelector('title');
      if (!t) return;
      var m = /^(.*?)->(.*)$/.exec(t.textContent);
      if (m) edgeEls.push({ from: m[1], to: m[2], el: g });
    });
    // The <title>s would show DOT ids as tooltips; the <a xlink:title> ones carry the real names.
    // A node's own <title> stays (its DOT id, which the tests read): its <a> title covers it.
    svg.querySelectorAll('g.edge > title, g.graph > title, g.cluster > title').forEach(function (t) { t.remove(); });
    select(null);
    // A hidden viewport has no size: fit when it is shown.
    needsFit = viewport.clientWidth === 0;
    if (!needsFit) fit();
    else vb = { x: full.x, y: full.y, w: full.w, h: full.h };
    searchGraph();
  }

  function size() { return { w: viewport.clientWidth || 1, h: viewport.clientHeight || 1 }; }
  function apply() {
    last = size(); svg.setAttribute('viewBox', vb.x + ' ' + vb.y + ' ' + vb.w + ' ' + vb.h); }
  /** Shows the region (x, y, w, h) of the graph, keeping the viewport's aspect ratio. */
  function show(x, y, w, h) {
    var s = size();
    var scale = Math.max(w / s.w, h / s.h);
    var W = s.w * scale, H = s.h * scale;
    vb = { x: x - (W - w) / 2, y: y - (H - h) / 2, w: W, h: H };
    apply();
  }
  /** Initial view: the whole graph when it stays readable, else its top at a readable scale. */
  function fit() {
    var s = size();
    var whole = Math.min(s.w / full.w, s.h / full.h);
    if (whole >= 0.6) { fitAll(); return; }
    var k = Math.min(1, s.w / full.w);
    if (k < 0.6) k = Math.min(0.6, Math.max(whole, k));
    var w = s.w / k, h = s.h / k;
    vb = { x: full.x + (full.w - w) / 2, y: full.y, w: w, h: h };
    apply();
  }
  function fitAll() {
    if (!svg) return;
    show(full.x, full.y, full.w, full.h);
  }
  function zoom(k, px, py) {
    if (!svg) return;
    var s = size();
    if (px === undefined) { px = s.w / 2; py = s.h / 2; }
    var gx = vb.x + (px * vb.w) / s.w, gy = vb.y + (py * vb.h) / s.h;
    var nw = vb.w / k;
    var min = full.w / 40, max = Math.max(full.w, full.h) * 4;
    if (nw < min) k = vb.w / min;
    if (nw > max) k = vb.w / max;
    vb = { x: gx - (gx - vb.x) / k, y: gy - (gy - vb.y) / k, w: vb.w / k, h: vb.h / k };
    apply();
  }
  function actual() {
    if (!svg) return;
    var s = size();
    // 1 SVG unit (pt) = 1 CSS px, centred on the current view.
    var cx = vb.x + vb.w / 2, cy = vb.y + vb.h / 2;
    vb = { x: cx - s.w / 2, y: cy - s.h / 2, w: s.w, h: s.h };
    apply();
  }

  // As maps do: the wheel scrolls the page; Ctrl/⌘ + wheel zooms, and so does a trackpad pinch
  // (browsers send it as a wheel event with ctrlKey set). A plain wheel shows a short reminder.
  var wheelHint = $('gr-graph-wheel-hint'), hintTimer = 0;
  viewport.addEventListener('wheel', function (ev) {
    if (!svg) return;
    if (!ev.ctrlKey && !ev.metaKey) {
      wheelHint.hidden = false;
      clearTimeout(hintTimer);
      hintTimer = setTimeout(function () { wheelHint.hidden = true; }, 1200);
      return;
    }
    ev.preventDefault();
    wheelHint.hidden = true;
    var r = viewport.getBoundingClientRect();
    var dy = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
    zoom(Math.exp(-dy * (ev.ctrlKey && Math.abs(dy) < 50 ? 0.01 : 0.0018)), ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });

  var drag = null;
  viewport.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0 || !svg) return;
    drag = { x: ev.clientX, y: ev.clientY, vb: vb, moved: false, id: ev.pointerId };
  });
  viewport.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moved) { drag.moved = true; viewport.classList.add('dragging'); viewport.setPointerCapture(drag.id); }
    var s = size();
    vb = { x: drag.vb.x - (dx * drag.vb.w) / s.w, y: drag.vb.y - (dy * drag.vb.h) / s.h, w: drag.vb.w, h: drag.vb.h };
    apply();
  });
  function endDrag(ev) {
    if (!drag) return;
    var wasDrag = drag.moved;
    drag = null;
    viewport.classList.remove('dragging');
    if (wasDrag || ev.type !== 'pointerup') return;
    var g = ev.target.closest && ev.target.closest('g.node');
    var id = g && g.querySelector('a') ? idOf(g) : null;
    select(id && GR.view().graph.nodes[id] ? id : null);
  }
  viewport.addEventListener('pointerup', endDrag);
  viewport.addEventListener('pointercancel', endDrag);

  // Touch: one finger scrolls the page (touch-action lets the browser pan); two fingers pinch to
  // zoom and move the graph, as maps do. The browser leaves pinches to the page (no pinch-zoom in
  // touch-action), so they arrive here as two pointers.
  var touches = {}, pinch = null;
  function touchList() { return Object.keys(touches).map(function (k) { return touches[k]; }); }
  function pinchState() {
    var t = touchList(), r = viewport.getBoundingClientRect();
    return {
      d: Math.max(1, Math.hypot(t[0].x - t[1].x, t[0].y - t[1].y)),
      x: (t[0].x + t[1].x) / 2 - r.left,
      y: (t[0].y + t[1].y) / 2 - r.top,
    };
  }
  viewport.addEventListener('pointerdown', function (ev) {
    if (ev.pointerType !== 'touch' || !svg) return;
    touches[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
    if (touchList().length === 2) {
      drag = null;
      pinch = { start: pinchState(), vb: vb };
    }
  });
  viewport.addEventListener('pointermove', function (ev) {
    if (!touches[ev.pointerId]) return;
    touches[ev.pointerId] = { x: ev.clientX, y: ev.clientY };
    if (!pinch || touchList().length !== 2) return;
    var now = pinchState(), s = size(), v0 = pinch.vb;
    var min = full.w / 40, max = Math.max(full.w, full.h) * 4;
    var w = Math.min(max, Math.max(min, (v0.w * pinch.start.d) / now.d)), h = (v0.h * w) / v0.w;
    // The graph point under the fingers' starting midpoint follows the midpoint.
    var gx = v0.x + (pinch.start.x * v0.w) / s.w, gy = v0.y + (pinch.start.y * v0.h) / s.h;
    vb = { x: gx - (now.x * w) / s.w, y: gy - (now.y * h) / s.h, w: w, h: h };
    apply();
  });
  function endTouch(ev) {
    delete touches[ev.pointerId];
    if (touchList().length < 2) pinch = null;
  }
  viewport.addEventListener('pointerup', endTouch);
  viewport.addEventListener('pointercancel', endTouch);

  function idOf(g) {
    for (var k in nodeEls) if (nodeEls[k] === g) return k;
    return null;
  }

  document.querySelectorAll('[data-zoom]').forEach(function (b) {
    b.addEventListener('click', function () {
      var z = b.getAttribute('data-zoom');
      if (z === 'in') zoom(1.4);
      else if (z === 'out') zoom(1 / 1.4);
      else if (z === 'fit') fitAll();
      else actual();
    });
  });
  viewport.addEventListener('keydown', function (ev) {
    if (ev.key === '+' || ev.key === '=') zoom(1.4);
    else if (ev.key === '-') zoom(1 / 1.4);
    else if (ev.key === '0') fitAll();
    else if (ev.key === 'Escape') select(null);
  });

  /** Highlights node `id` (a DOT id such as "N3") with its callers, callees and edges; null clears. */
  function select(id) {
    selected = id;
    if (!svg) return;
    Object.keys(nodeEls).forEach(function (k) { nodeEls[k].classList.remove('gr-on', 'gr-sel'); });
    edgeEls.forEach(function (e) { e.el.classList.remove('gr-on'); });
    if (!id) {
      svg.classList.remove('gr-dim');
      panel.hidden = true;
      return;
    }
    var view = GR.view();
    var data = view.graph;
    svg.classList.add('gr-dim');
    nodeEls[id].classList.add('gr-on', 'gr-sel');
    // pprof's nodelets (labels, sizes) of the node belong to it.
    Object.keys(nodeEls).forEach(function (k) { if (k.indexOf(id + '_') === 0 || k.indexOf('N' + id + '_') === 0) nodeEls[k].classList.add('gr-on'); });
    edgeEls.forEach(function (e) {
      if (e.from === id || e.to === id || (e.from.indexOf(id + '_') === 0)) {
        e.el.classList.add('gr-on');
        if (nodeEls[e.from]) nodeEls[e.from].classList.add('gr-on');
        if (nodeEls[e.to]) nodeEls[e.to].classList.add('gr-on');
      }
    });
    var n = data.nodes[id];
    GR.selected = n.name;
    $('gr-node-name').textContent = n.name;
    var stats = $('gr-node-stats');
    stats.textContent = '';
    [['flat', n.flat + ' (' + n.flatPct + ')'], ['cum', n.cum + ' (' + n.cumPct + ')']].forEach(function (p) {
      stats.appendChild(el('dt', '', p[0]));
      stats.appendChild(el('dd', '', p[1]));
    });
    fillList($('gr-node-callers'), data.edges.filter(function (e) { return e[1] === id; }), 0, 'no callers shown');
    fillList($('gr-node-callees'), data.edges.filter(function (e) { return e[0] === id; }), 1, 'no callees shown');
    panel.hidden = false;
  }
  function fillList(ul, edges, end, none) {
    ul.textContent = '';
    if (edges.length === 0) ul.appendChild(el('li', 'none', none));
    edges.forEach(function (e) {
      var other = e[end];
      var n = GR.view().graph.nodes[other];
      var li = el('li');
      li.appendChild(el('span', 'n', n ? n.name : other)).title = n ? n.name : other;
      li.appendChild(el('span', 'w', e[2] + (e[4] ? ' inline' : '') + (e[3] ? ' …' : '')));
      li.addEventListener('click', function () { select(other); });
      ul.appendChild(li);
    });
  }
  $('gr-node-close').addEventListener('click', function () { select(null); });
  panel.querySelectorAll('[data-node-action]').forEach(function (b) {
    b.addEventListener('click', function () {
      var n = selected && GR.view().graph.nodes[selected];
      if (n) GR.act(b.getAttribute('data-node-action'), n.name);
    });
  });
  viewport.addEventListener('contextmenu', function (ev) {
    var g = ev.target.closest && ev.target.closest('g.node');
    var id = g ? idOf(g) : null;
    var n = id && GR.view().graph.nodes[id];
    if (n) GR.menu.open(ev, n.name);
  });

  function searchGraph() {
    if (!svg) return;
    var data = GR.view().graph.nodes;
    var any = false;
    Object.keys(nodeEls).forEach(function (k) {
      var n = data[k];
      var hit = !!n && GR.matches(n.name);
      nodeEls[k].classList.toggle('gr-match', hit);
      if (hit) any = true;
    });
    svg.classList.toggle('gr-searching', GR.query !== '' && any);
  }

  /** Selects the node named `name` and brings it to the middle of the viewport; false when not drawn. */
  function nodeNamed(name) {
    if (!svg) return null;
    var data = GR.view().graph.nodes;
    return Object.keys(data).filter(function (k) { return data[k].name === name && nodeEls[k]; })[0] || null;
  }
  function reveal(name) {
    var id = nodeNamed(name);
    if (!id) return false;
    ensureFit();
    select(id);
    var s = size();
    var vr = viewport.getBoundingClientRect(), r = nodeEls[id].getBoundingClientRect();
    var cx = vb.x + ((r.left + r.width / 2 - vr.left) * vb.w) / s.w;
    var cy = vb.y + ((r.top + r.height / 2 - vr.top) * vb.h) / s.h;
    vb = { x: cx - vb.w / 2, y: cy - vb.h / 2, w: vb.w, h: vb.h };
    apply();
    return true;
  }

  function ensureFit() {
    if (svg && needsFit && viewport.clientWidth > 0) { needsFit = false; fit(); }
  }
  /** Shows the Graph view with `name` selected; false (and nothing changes) when the graph does not draw it. */
  function showInGraph(name) {
    if (!nodeNamed(name)) return false;
    GR.setView('graph');
    reveal(name);
    $('graph').scrollIntoView({ block: 'start' });
    return true;
  }

  GR.graph = {
    select: select,
    reveal: reveal,
    showInGraph: showInGraph,
    /** Shows a new graph (see `source` above); true once its SVG is in the page. */
    show: function (src) { source = src; load(); return svg !== null; },
  };
  GR.on('search', searchGraph);
  GR.on('view', ensureFit);
  // On resize keep the scale and the top-left corner: a bigger viewport shows more of the graph.
  var last = null;
  new ResizeObserver(function () {
    var s = size();
    if (needsFit) { ensureFit(); last = s; return; }
    if (svg && vb && last && (s.w !== last.w || s.h !== last.h)) {
      var k = vb.w / last.w;
      vb = { x: vb.x, y: vb.y, w: s.w * k, h: s.h * k };
      apply();
    }
    last = s;
  }).observe(viewport);
})();
