/* The page's state machine: the URL fragment (pprof's web UI names plus view, q, p, l) ⇄ the refine
 * state, computed by the engine (or, for the state the report was made in, the precomputed views),
 * history entries for refines (Back undoes one), the views' tabs, the global search and keys.
 * Tests watch <html data-gr-state="busy|ready|error"> and data-gr-graph="pending|laid-out". */
(function () {
  var root = document.documentElement;
  var REFINE = ['f', 'i', 'h', 's', 'sf', 'tf', 'ti', 'ts', 'th', 'si', 'n', 'g'];
  var ORDER = ['view'].concat(REFINE, ['p', 'l', 'q']);
  var VIEWS = ['top', 'graph', 'flame', 'peek', 'source'];
  // The refine form's choices (src/config/refine.ts GRANULARITIES, rendered into partials/refine.hbs).
  var GRANULARITIES = Array.prototype.map.call(document.querySelectorAll('[data-gr="refine"] select[name="g"] option'), function (o) { return o.value; });

  GR.copyState = function (st) {
    var c = {};
    Object.keys(st).forEach(function (k) { c[k] = st[k]; });
    return c;
  };
  /** The engine's RefineState: the refine keys that are set, nodecount as a number. */
  GR.engineState = function (st) {
    var e = {};
    REFINE.forEach(function (k) {
      if (st[k] === undefined || st[k] === '') return;
      e[k] = k === 'n' ? Number(st[k]) : st[k];
    });
    return e;
  };

  /* --- the fragment --- */
  function parseHash(hash) {
    var st = {};
    var h = hash.replace(/^#/, '');
    if (h === '') {
      st = GR.copyState(DATA.initialState);
      st.view = 'graph';
      return st;
    }
    h.split('&').forEach(function (part) {
      if (part === '') return;
      var eq = part.indexOf('=');
      var k = eq < 0 ? part : part.slice(0, eq);
      var v = eq < 0 ? '' : part.slice(eq + 1);
      try { v = decodeURIComponent(v.replace(/\+/g, ' ')); } catch (e) { /* a stray % stays as written */ }
      if (k === 'type') k = 'si'; // the page's fragment before refine: #type=alloc_space
      if (ORDER.indexOf(k) >= 0 && v !== '') st[k] = v;
    });
    if (VIEWS.indexOf(st.view) < 0) st.view = 'graph';
    return st;
  }
  function toHash(st) {
    var parts = [];
    ORDER.forEach(function (k) {
      if (st[k] === undefined || st[k] === '') return;
      parts.push(k + '=' + encodeURIComponent(String(st[k])));
    });
    return '#' + parts.join('&');
  }

  /* --- computing a state --- */
  function sameRefine(a, b) {
    return REFINE.every(function (k) {
      if (k === 'si') return true;
      var x = a[k] === undefined ? '' : String(a[k]), y = b[k] === undefined ? '' : String(b[k]);
      return x === y;
    });
  }
  function typeIndex(si) {
    if (si === undefined || si === '') return DATA.selected;
    for (var i = 0; i < DATA.views.length; i++) if (DATA.views[i].type === si) return i;
    if (/^\d+$/.test(si) && Number(si) < DATA.views.length) return Number(si);
    throw new Error('sample_index: the profile has no sample type ' + si + ' (it has ' + DATA.views.map(function (v) { return v.type; }).join(', ') + ')');
  }
  /** The state's views: {view, flame, flameType, template | dot}; throws a one-line Error. */
  function compute(st) {
    var idx = typeIndex(st.si);
    if (st.n !== undefined && !/^\d+$/.test(String(st.n))) throw new Error('nodecount: ' + st.n + ' is not a whole number');
    if (st.g !== undefined && GRANULARITIES.indexOf(st.g) < 0) throw new Error('granularity: ' + st.g + ' is not one of ' + GRANULARITIES.join(', '));
    if (sameRefine(st, DATA.initialState)) {
      return { view: DATA.views[idx], flameOf: function () { return DATA.flame; }, cheapFlame: true, template: idx, warnings: [] };
    }
    if (!GR.handle) throw new Error('This page cannot refine: the profile was too large to embed in it');
    var es = GR.engineState(st);
    es.si = DATA.views[idx].type;
    var r = GR.handle.compute(es);
    var pre = DATA.views[idx];
    // The engine's view is the command's SampleView; the comparison's totals are the profiles'.
    // Its flame graph is built on first read (a getter): only when the Flame graph view is shown.
    var view = {};
    Object.keys(r).forEach(function (k) { if (k !== 'flame') view[k] = r[k]; });
    view.index = idx;
    if (!view.comparison) view.comparison = pre.comparison;
    return { view: view, flameOf: function () { return r.flame || DATA.flame; }, cheapFlame: false, dot: r.pictureDot || r.dot, warnings: r.warnings || [] };
  }

  var errorBox = document.querySelector('[data-gr="error"]');
  var warningList = document.querySelector('[data-gr="warnings"]');
  /** Shows a one-line error (null clears it) and sets data-gr-state. */
  GR.setError = function (msg) {
    errorBox.textContent = msg ? String(msg).split('\n')[0] : '';
    errorBox.hidden = !msg;
    root.setAttribute('data-gr-state', msg ? 'error' : 'ready');
  };

  var seq = 0, layoutSeq = 0;
  var applied = null; // the fragment of the state shown
  /**
   * Shows state `st`: how = 'push' (a refine: a new history entry), 'replace' or 'none' (Back, or
   * a link opened). A bad state leaves the page as it was, with the error shown.
   */
  function apply(st, how) {
    var my = ++seq;
    root.setAttribute('data-gr-state', 'busy');
    // Let the page paint "busy" before a long computation; a refine waits for the engine's
    // samples (inflated by the browser after load).
    setTimeout(function () {
      var wait = GR.handle && GR.handle.ready && !sameRefine(st, DATA.initialState) ? GR.handle.ready : null;
      if (!wait) { if (my === seq) run(st, how); return; }
      wait.then(function () { if (my === seq) run(st, how); });
    }, 0);
  }
  function run(st, how) {
    var r;
    try {
      r = compute(st);
    } catch (e) {
      var msg = String((e && e.message) || e);
      if (GR.result === null) {
        // A link with a bad regexp: the report as generated, with the error.
        GR.state = parseHash('');
        GR.state.view = st.view;
        show(compute(GR.state));
        syncForm(st);
      } else syncForm(st);
      GR.setError(msg);
      finish();
      return;
    }
    GR.state = st;
    show(r);
    GR.syncForm();
    var hash = toHash(st);
    if (how === 'push' && hash !== location.hash) history.pushState(null, '', hash);
    else if (how === 'replace' && hash !== location.hash) history.replaceState(null, '', hash);
    applied = how === 'none' ? location.hash : hash;
    GR.setError(GR.textViews.fill() || GR.searchError);
    finish();
  }
  var warmed = false;
  function finish() {
    GR.syncCommand();
    root.setAttribute('data-ready', 'true');
    // Once the first state is painted, Graphviz loads in its worker: a refine's layout need not.
    if (!warmed && GR.handle && ENGINE && ENGINE.warmLayout) {
      warmed = true;
      setTimeout(ENGINE.warmLayout, 0);
    }
  }
  /** The form as the (rejected) state `st` has it, so the reader can correct it. */
  function syncForm(st) {
    var keep = GR.state;
    GR.state = st;
    try { GR.syncForm(); } finally { GR.state = keep; }
  }
  function show(r) {
    GR.result = r.view;
    GR.type = r.view.index;
    GR.flameOf = r.flameOf;
    GR.cheapFlame = r.cheapFlame;
    warningList.textContent = '';
    r.warnings.forEach(function (w) { warningList.appendChild(el('li', '', w)); });
    showView(GR.state.view);
    GR.emit('data');
    var mine = ++layoutSeq;
    if (r.template !== undefined) {
      GR.graph.show({ template: r.template });
      root.setAttribute('data-gr-graph', 'laid-out');
      return;
    }
    root.setAttribute('data-gr-graph', 'pending');
    GR.graph.show({ pending: true });
    Promise.resolve()
      .then(function () { return ENGINE.layout(r.dot); })
      .then(
        function (svg) {
          if (mine !== layoutSeq) return;
          GR.graph.show({ svg: svg });
          root.setAttribute('data-gr-graph', 'laid-out');
        },
        function (e) {
          if (mine !== layoutSeq) return;
          GR.graph.show({ error: 'Graphviz failed to lay out the call graph of this state: ' + String((e && e.message) || e) });
          root.setAttribute('data-gr-graph', 'error');
        },
      );
  }

  /** A refine (form, context menu, type buttons, Reset): a new history entry. */
  GR.refine = function (st) { apply(st, 'push'); };

  /* --- views --- */
  var tabs = document.querySelectorAll('[data-gr-view]');
  var sections = document.querySelectorAll('[data-gr-section]');
  function showView(v) {
    tabs.forEach(function (t) {
      if (t.getAttribute('data-gr-view') === v) t.setAttribute('aria-current', 'page');
      else t.removeAttribute('aria-current');
    });
    sections.forEach(function (s) { s.hidden = s.getAttribute('data-gr-section') !== v; });
  }
  /** The fragment of the state shown, in place of the current history entry (a view or search change). */
  function replaceHash() {
    var hash = toHash(GR.state);
    if (hash !== location.hash) history.replaceState(null, '', hash);
    applied = hash;
  }
  GR.setView = function (v) {
    if (GR.state.view === v) return;
    GR.state.view = v;
    showView(v);
    replaceHash();
    GR.emit('view');
    GR.syncCommand();
  };
  tabs.forEach(function (t) {
    t.addEventListener('click', function (ev) {
      ev.preventDefault();
      GR.setView(t.getAttribute('data-gr-view'));
    });
  });
  document.querySelector('[data-gr-home]').addEventListener('click', function (ev) {
    ev.preventDefault();
    window.scrollTo(0, 0);
  });

  /* --- Back / Forward, and a fragment typed or pasted --- */
  function fromLocation() {
    if (location.hash === applied) return;
    applied = location.hash;
    var st = parseHash(location.hash);
    setSearch(st.q || '');
    apply(st, 'none');
  }
  window.addEventListener('popstate', fromLocation);
  window.addEventListener('hashchange', fromLocation);

  /* --- the global search --- */
  var search = $('gr-search');
  function setSearch(q) {
    search.value = q;
    GR.query = q.trim();
    try {
      GR.matcher = searchMatcher(GR.query);
      search.removeAttribute('aria-invalid');
      search.title = '';
      GR.searchError = null;
    } catch (e) {
      GR.matcher = null;
      search.setAttribute('aria-invalid', 'true');
      search.title = String((e && e.message) || e);
      GR.searchError = 'search: ' + search.title;
    }
  }
  /** Sets the global search (a Go regexp) and highlights it everywhere. */
  GR.setQuery = function (q) {
    setSearch(q);
    if (GR.query) GR.state.q = GR.query;
    else delete GR.state.q;
    replaceHash();
    GR.setError(GR.searchError);
    GR.emit('search');
  };
  var timer = 0;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { GR.setQuery(search.value); }, 80);
  });
  /** "N fns": Top rows that match the search; "bad regexp" when it does not compile. */
  function count() {
    var c = $('gr-search-count');
    if (search.getAttribute('aria-invalid') === 'true') { c.textContent = 'bad regexp'; return; }
    var n = GR.matcher ? GR.view().rows.filter(function (r) { return GR.matches(r[0]); }).length : 0;
    c.textContent = GR.query ? n + (n === 1 ? ' fn' : ' fns') : '';
  }
  GR.on('search', count);
  GR.on('data', count);
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
    if (ev.key === '/' && !typing) { ev.preventDefault(); search.focus(); search.select(); }
    if (ev.key === 'Escape' && t === search && search.value) { search.value = ''; GR.setQuery(''); }
  });

  var start = parseHash(location.hash);
  applied = location.hash;
  setSearch(start.q || '');
  apply(start, 'none');
})();
