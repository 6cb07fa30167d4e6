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
  var timer = 0;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      GR.query = search.value.trim().toLowerCase();
      var names = {};
      GR.view().rows.forEach(function (r) { if (GR.matches(r[0])) names[r[0]] = 1; });
      var count = Object.keys(names).length;
      $('gr-search-count').textContent = GR.query ? count + (count === 1 ? ' fn' : ' fns') : '';
      GR.emit('search');
    }, 80);
  });
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
