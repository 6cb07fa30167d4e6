/* Wiring: sample-type buttons, the global search, the URL fragment (#type=alloc_space) and keys. */
(function () {
  var buttons = document.querySelectorAll('.type-btn');
  function setType(i) {
    GR.type = i;
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(Number(b.getAttribute('data-index')) === i)); });
    GR.emit('type');
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      setType(Number(b.getAttribute('data-index')));
      history.replaceState(null, '', '#type=' + encodeURIComponent(b.getAttribute('data-type')));
    });
  });
  var search = $('gr-search');
  /** Sets the global search (used by "Highlight everywhere"). */
  GR.setQuery = function (q) {
    search.value = q;
    GR.query = q.trim().toLowerCase();
    GR.emit('search');
  };
  var timer = 0;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      GR.query = search.value.trim().toLowerCase();
      GR.emit('search');
    }, 80);
  });
  /** "N fns": table rows of the current sample type that match the search. */
  function count() {
    var n = GR.view().rows.filter(function (r) { return GR.matches(r[0]); }).length;
    $('gr-search-count').textContent = GR.query ? n + (n === 1 ? ' fn' : ' fns') : '';
  }
  GR.on('search', count);
  GR.on('type', count);
  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA');
    if (ev.key === '/' && !typing) { ev.preventDefault(); search.focus(); search.select(); }
    if (ev.key === 'Escape' && t === search && search.value) { search.value = ''; search.dispatchEvent(new Event('input')); }
  });
  var m = /(?:^#|&)type=([^&]+)/.exec(location.hash);
  var start = GR.type;
  if (m) {
    var want = decodeURIComponent(m[1]);
    DATA.views.forEach(function (v, i) { if (v.type === want) start = i; });
  }
  setType(start);
  document.documentElement.setAttribute('data-ready', 'true');
})();
