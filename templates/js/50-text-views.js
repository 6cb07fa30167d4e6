/* Peek and Source: pprof's `--peek RE` and `--list RE` text for the current state, from the engine
 * (the command's own code). Their regexp is `p` / `l` in the fragment, else the selected function
 * (else the first row of Top), escaped as pprof's web UI escapes a name. */
(function () {
  var KINDS = {
    peek: { key: 'p', pre: document.querySelector('[data-gr="peek"] pre'), what: $('gr-peek-what'), input: $('gr-peek-re'), form: $('gr-peek-form') },
    source: { key: 'l', pre: document.querySelector('[data-gr="source"] pre'), what: $('gr-source-what'), input: $('gr-source-re'), form: $('gr-source-form') },
  };
  var NO_PROFILE = 'This page does not hold the profile itself (it was too large to embed), so it cannot compute this view: run gen-report with the command line above and this view\'s flag.';
  var NO_SOURCES = 'No source lines for these functions: the sources were not at hand when this report was made, or were left out of the page (it embeds the lines of the top functions, within a size cap). '
    + 'Run gen-report --list with --source_path (and --trim_path) where the sources are.';

  /** The regexp the view shows, and why. */
  function target(kind) {
    var k = KINDS[kind];
    var own = GR.state[k.key];
    if (own) return { re: own, why: '' };
    if (GR.selected) return { re: nameRegexp(GR.selected), why: ' (the selected function)' };
    var first = GR.view().rows.filter(function (r) { return r[2] !== 0; })[0] || GR.view().rows[0];
    if (first) return { re: nameRegexp(first[0]), why: ' (the first function of Top: click or right-click a function in any view to choose another)' };
    return { re: '.', why: '' };
  }

  /** Fills the view; returns an error message for a bad regexp, else null. */
  function fill(kind) {
    var k = KINDS[kind];
    var t = target(kind);
    k.input.value = GR.state[k.key] || '';
    k.what.textContent = '';
    if (!GR.handle) { k.pre.textContent = NO_PROFILE; return null; }
    var text;
    try {
      text = kind === 'peek' ? GR.handle.peek(GR.engineState(GR.state), t.re) : GR.handle.list(GR.engineState(GR.state), t.re);
    } catch (e) {
      k.pre.textContent = '';
      return String((e && e.message) || e);
    }
    k.what.textContent = (kind === 'peek' ? '--peek ' : '--list ') + t.re + t.why;
    // The engine says which sources the report could not embed (not found, or past the cap).
    var note = kind === 'source' && GR.handle.sources && GR.handle.sources.note;
    if (note) k.what.textContent += ' · ' + note;
    k.pre.textContent = text === null || text === undefined ? (note || NO_SOURCES) : text;
    if (GR.matcher) highlight(k.pre);
    return null;
  }
  /** Marks the search's matches in the text (lines that name a matching function). */
  function highlight(pre) {
    var lines = pre.textContent.split('\n');
    pre.textContent = '';
    lines.forEach(function (l, i) {
      if (i > 0) pre.appendChild(document.createTextNode('\n'));
      markText(pre, l);
    });
  }

  Object.keys(KINDS).forEach(function (kind) {
    var k = KINDS[kind];
    k.form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var st = GR.copyState(GR.state);
      var v = k.input.value.trim();
      if (v) st[k.key] = v;
      else delete st[k.key];
      st.view = kind;
      GR.refine(st);
    });
  });

  GR.textViews = {
    target: target,
    /** Fills the text views that the state shows or names; returns the first error, else null. */
    fill: function () {
      var err = null;
      Object.keys(KINDS).forEach(function (kind) {
        if (GR.state.view === kind || GR.state[KINDS[kind].key]) err = fill(kind) || err;
      });
      return err;
    },
  };
  GR.on('view', function () {
    var kind = GR.state.view;
    if (!KINDS[kind]) return;
    var err = fill(kind);
    GR.setError(err);
  });
  GR.on('search', function () {
    Object.keys(KINDS).forEach(function (kind) {
      var pre = KINDS[kind].pre;
      if (pre.textContent !== '') highlight(pre);
    });
  });
})();
