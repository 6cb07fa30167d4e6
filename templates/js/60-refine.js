/* REFINE: the form (pprof's focus, ignore, hide, show, show_from, tag filters, sample type,
 * granularity, nodecount), Reset, the context menu of graph nodes, flame frames and table rows
 * ("focus on it", "ignore it"…, each the function's name escaped as a regexp, as pprof's web UI
 * does), and the "copy command" button. */
(function () {
  var form = document.querySelector('[data-gr="refine"]');
  var TEXT = ['f', 'i', 'h', 's', 'sf', 'tf', 'ti', 'ts', 'th'];
  var TAGS = ['tf', 'ti', 'ts', 'th'];
  var canRefine = GR.handle !== null;

  // Tag filters only for a profile with labels.
  var hasLabels = canRefine && !!GR.handle.hasLabels;
  form.querySelectorAll('label.tag').forEach(function (l) { l.hidden = !hasLabels; });

  if (!canRefine) {
    form.querySelectorAll('input, select[name="g"], button[type="submit"], [data-gr="reset"]').forEach(function (c) { c.disabled = true; });
    var note = form.querySelector('[data-gr="refine-note"]');
    note.hidden = false;
    note.textContent = GR.loadError
      ? 'The embedded profile could not be read (' + GR.loadError + '): no view can refine.'
      : 'This page does not carry the profile (over its size cap, see the note above): no view can refine. Top, Graph and Flame graph show the report as made, for each sample type; Peek and Source are not available.';
  }

  /** The form's fields from a state. */
  GR.syncForm = function () {
    var st = GR.state;
    TEXT.concat(['n']).forEach(function (k) { form.elements[k].value = st[k] === undefined ? '' : String(st[k]); });
    form.elements.si.value = GR.view().type;
    form.elements.g.value = st.g || 'functions';
  };

  /** A state from the form, keeping the current view, search and peek/list regexps. */
  function fromForm() {
    var st = GR.copyState(GR.state);
    TEXT.forEach(function (k) {
      var v = form.elements[k].value.trim();
      if (v !== '' && (hasLabels || TAGS.indexOf(k) < 0)) st[k] = v;
      else delete st[k];
    });
    var n = form.elements.n.value.trim();
    if (n !== '') st.n = n;
    else delete st.n;
    st.si = form.elements.si.value;
    var g = form.elements.g.value;
    if (g !== 'functions') st.g = g;
    else delete st.g;
    return st;
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    GR.refine(fromForm());
  });
  form.elements.si.addEventListener('change', function () { GR.refine(fromForm()); });
  form.elements.g.addEventListener('change', function () { GR.refine(fromForm()); });
  // Reset drops every refinement (the command's own flags too); the sample type and the view stay.
  form.querySelector('[data-gr="reset"]').addEventListener('click', function () {
    GR.refine({ view: GR.state.view, si: GR.view().type, q: GR.state.q });
  });

  var typeButtons = document.querySelectorAll('.type-btn');
  typeButtons.forEach(function (b) {
    b.addEventListener('click', function () {
      var st = GR.copyState(GR.state);
      st.si = b.getAttribute('data-type');
      GR.refine(st);
    });
  });
  GR.on('data', function () {
    typeButtons.forEach(function (b) { b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-index')) === GR.type)); });
  });

  /** Runs a context-menu / node-panel action on the function `name`. */
  var KEY = { focus: 'f', ignore: 'i', hide: 'h', show_from: 'sf' };
  GR.act = function (action, name) {
    if (KEY[action]) {
      if (!canRefine) return;
      var st = GR.copyState(GR.state);
      st[KEY[action]] = nameRegexp(name);
      GR.refine(st);
    } else if (action === 'peek' || action === 'source') {
      GR.selected = name;
      var next = GR.copyState(GR.state);
      next[action === 'peek' ? 'p' : 'l'] = nameRegexp(name);
      next.view = action;
      GR.refine(next);
    } else if (action === 'search') {
      GR.setQuery(quoteMeta(name));
    }
  };

  /* --- the context menu --- */
  var menu = $('gr-menu');
  var menuName = '';
  menu.querySelectorAll('[data-gr-action]').forEach(function (b) {
    var a = b.getAttribute('data-gr-action');
    if (!canRefine && a !== 'search') { b.disabled = true; b.title = 'Not available: the profile is not embedded in this page'; }
    b.addEventListener('click', function () {
      close();
      GR.act(a, menuName);
    });
  });
  function close() { menu.hidden = true; }
  GR.menu = {
    open: function (ev, name) {
      ev.preventDefault();
      hideTip();
      menuName = name;
      $('gr-menu-name').textContent = name;
      menu.hidden = false;
      var r = menu.getBoundingClientRect();
      var x = Math.min(ev.clientX, window.innerWidth - r.width - 8), y = Math.min(ev.clientY, window.innerHeight - r.height - 8);
      menu.style.left = Math.max(8, x) + 'px';
      menu.style.top = Math.max(8, y) + 'px';
      var first = menu.querySelector('button:not([disabled])');
      if (first) first.focus({ preventScroll: true });
    },
  };
  document.addEventListener('pointerdown', function (ev) { if (!menu.hidden && !menu.contains(ev.target)) close(); }, true);
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') close(); });
  window.addEventListener('blur', close);
  window.addEventListener('resize', close);

  /* --- copy command --- */
  var copy = form.querySelector('[data-gr="copy-command"]');
  var shown = form.querySelector('[data-gr="command"]');
  GR.syncCommand = function () {
    var cmd = '';
    if (canRefine) {
      var v = GR.state.view;
      var re = v === 'peek' ? GR.textViews.target('peek').re : v === 'source' ? GR.textViews.target('source').re : undefined;
      try { cmd = GR.handle.command(GR.engineState(GR.state), v, re); } catch (e) { cmd = ''; }
    }
    copy.setAttribute('data-command', cmd);
    shown.textContent = cmd;
    copy.disabled = cmd === '';
    copy.parentNode.hidden = cmd === '';
  };
  copy.addEventListener('click', function () {
    var cmd = copy.getAttribute('data-command');
    function done(ok) {
      copy.textContent = ok ? 'Copied' : 'Select and copy';
      setTimeout(function () { copy.textContent = 'Copy command'; }, 1500);
    }
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(shown);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      done(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(cmd).then(function () { done(true); }, fallback);
    else fallback();
  });
})();
