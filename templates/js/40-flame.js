/* Flame graph (icicle): the samples' call tree, callers above callees, width = value of the current
 * sample type. Click a frame to zoom to it (its ancestors stay as full-width bars above), hover for
 * details; the breadcrumbs and "Reset zoom" go back. */
(function () {
  var F = null, n, kids, DIFF;
  /** Takes the current state's flame data (a refine computes a new tree). */
  function setData() {
    var f = GR.flameOf();
    // One value column per sample type (the report's), or the refined type's only.
    GR.flameType = f.values.length === DATA.views.length ? GR.type : 0;
    if (F === f) return;
    F = f;
    n = F.parent.length;
    kids = [];
    for (var i = 0; i < n; i++) kids.push([]);
    for (var j = 1; j < n; j++) kids[F.parent[j]].push(j);
    choices = [];
    DIFF = !!F.before;
    focus = 0;
  }
  var box = $('gr-flame');
  var ROW = 20;
  var focus = 0;

  function nameOf(i) { return i === 0 ? 'all' : F.names[F.name[i]]; }

  // Labels as pprof's web UI fits them: the full name, else its short form (package path dropped),
  // else shorter suffixes of that after each "." or "::", ending with the bare function name; the
  // tooltip always has the full name. Widths are measured in the frames' font.
  var measure = document.createElement('canvas').getContext('2d');
  var widths = new Map(), choices = [];
  setData();
  function textWidth(s) {
    var w = widths.get(s);
    if (w === undefined) { w = measure.measureText(s).width; widths.set(s, w); }
    return w;
  }
  function candidates(ni) {
    var c = choices[ni];
    if (c) return c;
    var full = F.names[ni], short = (F.short && F.short[ni]) || full;
    c = short === full ? [full] : [full, short];
    var sep = /::|\./g, m;
    while ((m = sep.exec(short)) !== null) if (m.index + m[0].length < short.length) c.push(short.slice(m.index + m[0].length));
    choices[ni] = c;
    return c;
  }
  /** The label for frame i in `avail` px, and the font size that fits it when even the bare name is too wide (as pprof shrinks it, down to 2/3). */
  function fitLabel(i, avail) {
    if (i === 0) return ['all', 0];
    var c = candidates(F.name[i]);
    for (var k = 0; k < c.length; k++) if (textWidth(c[k]) <= avail) return [c[k], 0];
    var last = c[c.length - 1];
    return [last, Math.max(2 / 3, avail / textWidth(last))];
  }
  function setFont() {
    measure.font = getComputedStyle(box).fontSize + ' ' + getComputedStyle(box).fontFamily;
    widths.clear();
  }
  setFont();
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(function () { setFont(); render(); });
  // A diff (--base/--diff_base) carries the base's values too: a frame is as wide as the larger of
  // its base and new value, and coloured by the change (red grew, green shrank), as pprof colours
  // diff graphs.
  function before(i) { return DIFF ? F.before[GR.flameType][i] : 0; }
  function delta(i) { return F.values[GR.flameType][i]; }
  function after(i) { return DIFF ? delta(i) + before(i) : Math.max(0, delta(i)); }
  function val(i) { return DIFF ? Math.max(after(i), before(i)) : Math.max(0, F.values[GR.flameType][i]); }
  function diffColor(i) {
    var m = val(i), d = delta(i);
    var r = m > 0 ? Math.max(-1, Math.min(1, d / m)) : 0;
    var a = Math.abs(r);
    return r >= 0 ? 'hsl(0, ' + Math.round(20 + 60 * a) + '%, ' + Math.round(88 - 30 * a) + '%)'
      : 'hsl(130, ' + Math.round(20 + 50 * a) + '%, ' + Math.round(88 - 30 * a) + '%)';
  }
  function path(i) { var p = []; for (; i >= 0; i = F.parent[i]) p.unshift(i); return p; }

  /** Hue by package (Go: text up to the last dot before "(" or the name; Node: the whole name). */
  var colors = Object.create(null); // keyed by package names: none of them may be an Object.prototype member
  function color(name) {
    var key = name.replace(/\(.*$/, '').replace(/\.[^./]*$/, '') || name;
    var c = colors[key];
    if (c) return c;
    var h = 0;
    for (var k = 0; k < key.length; k++) h = (h * 31 + key.charCodeAt(k)) >>> 0;
    c = 'hsl(' + (8 + (h % 42)) + ', ' + (68 + (h >> 8) % 20) + '%, ' + (62 + (h >> 16) % 12) + '%)';
    colors[key] = c;
    return c;
  }

  function render() {
    if (!GR.result) return; // before the first state is shown
    // A refined state's flame graph is built when its view is shown (the report's own is at hand).
    if (box.clientWidth === 0 && !GR.cheapFlame) { box.textContent = ''; return; }
    setData();
    if (focus >= n || val(focus) <= 0) focus = 0;
    // Hidden (another view is shown): drawn at the page's width, redrawn at its own when shown.
    var W = box.clientWidth || Math.max(600, document.documentElement.clientWidth - 90);
    var frag = document.createDocumentFragment();
    var anc = path(focus);
    var depth = 0;
    var searching = GR.matcher !== null;
    function frame(i, x, w, d, cls) {
      var name = nameOf(i);
      var f = el('div', 'fr' + (cls ? ' ' + cls : ''));
      f.style.left = x + 'px';
      f.style.top = d * ROW + 'px';
      f.style.width = Math.max(w - 1, 1) + 'px';
      f.style.background = i === 0 ? '#c9ccd3' : DIFF ? diffColor(i) : color(name);
      if (searching) f.classList.add(GR.matches(name) ? 'hit' : 'dim');
      // 8 px of padding, 1 px of border.
      if (w > 28) {
        var fit = fitLabel(i, w - 9);
        f.textContent = fit[0];
        if (fit[1]) f.style.fontSize = fit[1] + 'em';
      }
      f.setAttribute('data-i', i);
      frag.appendChild(f);
      if (d + 1 > depth) depth = d + 1;
    }
    anc.forEach(function (a, d) { frame(a, 0, W, d, a === focus ? 'focus' : 'anc'); });
    var base = anc.length - 1;
    var scale = val(focus) > 0 ? W / val(focus) : 0;
    (function walk(i, x, d) {
      var ks = kids[i].filter(function (k) { return val(k) > 0; }).sort(function (a, b) { return val(b) - val(a); });
      for (var q = 0; q < ks.length; q++) {
        var k = ks[q], w = val(k) * scale;
        if (w >= 1) {
          frame(k, x, w, d + 1);
          walk(k, x, d + 1);
        }
        x += w;
      }
    })(focus, 0, base);
    box.textContent = '';
    box.style.height = Math.max(depth, 1) * ROW + 4 + 'px';
    box.appendChild(frag);
    crumbs(anc);
  }

  function crumbs(anc) {
    var c = $('gr-crumbs');
    c.textContent = '';
    anc.forEach(function (a, k) {
      if (k > 0) c.appendChild(el('span', 'sep', '›'));
      var b = el('button', '', nameOf(a));
      b.type = 'button';
      b.title = nameOf(a);
      b.addEventListener('click', function () { focus = a; render(); });
      c.appendChild(b);
    });
    if (GR.query) {
      var total = GR.view().total, hit = 0;
      (function sum(i) {
        if (i !== 0 && GR.matches(nameOf(i))) { hit += val(i); return; }
        kids[i].forEach(sum);
      })(0);
      c.appendChild(el('span', 'share', 'matched: ' + fmt(hit) + ' (' + pct(hit, total) + ' of all)'));
    }
  }

  box.addEventListener('click', function (ev) {
    var f = ev.target.closest('.fr');
    if (!f) return;
    focus = Number(f.getAttribute('data-i'));
    if (focus !== 0) GR.selected = nameOf(focus);
    render();
  });
  box.addEventListener('contextmenu', function (ev) {
    var f = ev.target.closest('.fr');
    var i = f ? Number(f.getAttribute('data-i')) : 0;
    if (i !== 0) { hideTip(); GR.menu.open(ev, nameOf(i)); }
  });
  box.addEventListener('mousemove', function (ev) {
    var f = ev.target.closest('.fr');
    if (!f) { hideTip(); return; }
    var i = Number(f.getAttribute('data-i'));
    var v = val(i), total = GR.view().total, self = v;
    kids[i].forEach(function (k) { self -= val(k); });
    var lines = [nameOf(i), fmt(v) + ' · ' + pct(v, total) + ' of all'];
    if (DIFF) lines = [nameOf(i), 'base ' + fmt(before(i)) + ' → ' + fmt(after(i)) + ' (' + (delta(i) >= 0 ? '+' : '') + fmt(delta(i)) + ')'];
    if (focus !== 0 && i !== focus) lines.push(pct(v, val(focus)) + ' of ' + nameOf(focus));
    lines.push('self ' + fmt(Math.max(0, self)) + ' · depth ' + (path(i).length - 1));
    showTip(ev, lines);
  });
  box.addEventListener('mouseleave', hideTip);
  $('gr-flame-reset').addEventListener('click', function () { focus = 0; render(); });

  GR.on('data', render);
  GR.on('search', render);
  var lastW = 0;
  new ResizeObserver(function () {
    if (box.clientWidth !== lastW) { lastW = box.clientWidth; render(); }
  }).observe(box);
})();
