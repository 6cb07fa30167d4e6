/* Top table: pprof's -text rows for the current sample type, sortable by any column, filterable. */
(function () {
  var body = $('gr-rows');
  var foot = $('gr-rows-foot');
  var filter = $('gr-filter');
  var heads = document.querySelectorAll('#gr-table th[data-sort]');
  // Row layout: [name, inline, flat, cum, flatFmt, flat%, sum%, cumFmt, cum%]
  var KEYS = { flat: 2, flatPct: 2, cum: 3, cumPct: 3 };
  var sort = { key: null, dir: -1 };

  function render() {
    var view = GR.view();
    var q = filter.value.trim().toLowerCase();
    var rows = view.rows.map(function (r, i) { return { r: r, i: i }; });
    if (q) rows = rows.filter(function (x) { return x.r[0].toLowerCase().indexOf(q) >= 0; });
    if (sort.key) {
      var k = sort.key, d = sort.dir;
      rows.sort(function (a, b) {
        var c;
        if (k === 'name') c = a.r[0] < b.r[0] ? -1 : a.r[0] > b.r[0] ? 1 : 0;
        else if (k === 'sumPct') c = a.i - b.i;
        else c = a.r[KEYS[k]] - b.r[KEYS[k]];
        return d * c || a.i - b.i;
      });
    }
    heads.forEach(function (h) {
      var key = h.getAttribute('data-sort');
      if (key === sort.key) h.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      else h.removeAttribute('aria-sort');
    });
    var max = 0;
    view.rows.forEach(function (r) { max = Math.max(max, Math.abs(r[2]), Math.abs(r[3])); });
    var frag = document.createDocumentFragment();
    rows.forEach(function (x) {
      var r = x.r;
      var tr = el('tr');
      tr.appendChild(el('td', 'num', r[4]));
      tr.appendChild(pctCell(r[5], r[2], max));
      tr.appendChild(el('td', 'num', r[6]));
      tr.appendChild(el('td', 'num', r[7]));
      tr.appendChild(pctCell(r[8], r[3], max));
      var name = el('td', 'name');
      markText(name, r[0]);
      // As --text prints it: "name (inline)".
      if (r[1]) name.appendChild(el('span', 'inl', ' ' + r[1]));
      tr.appendChild(name);
      if (GR.matches(r[0])) tr.className = 'gr-match';
      tr.setAttribute('data-name', r[0]);
      frag.appendChild(tr);
    });
    body.textContent = '';
    body.appendChild(frag);
    // The note for an empty table goes in <tfoot>: <tbody> holds --text's rows only.
    foot.textContent = '';
    if (rows.length === 0) {
      var tr = el('tr');
      var td = el('td', 'empty', view.rows.length ? 'No row matches the filter.' : 'No samples in this state (--text prints no row either).');
      td.colSpan = 6;
      tr.appendChild(td);
      foot.appendChild(tr);
    }
    $('gr-rows-count').textContent = (q ? rows.length + ' of ' : '') + view.rows.length + ' functions' + (view.rowsLeftOut ? ' (' + view.rowsLeftOut + ' more left out: page size cap)' : '');
  }
  function pctCell(text, v, max) {
    var td = el('td', 'num pct');
    var bar = el('span', 'bar');
    bar.style.width = (max > 0 ? (100 * Math.abs(v)) / max : 0) + '%';
    td.appendChild(bar);
    td.appendChild(el('span', 'v', text));
    return td;
  }

  heads.forEach(function (h) {
    h.addEventListener('click', function () {
      var key = h.getAttribute('data-sort');
      if (sort.key === key) sort.dir = -sort.dir;
      else sort = { key: key, dir: key === 'name' || key === 'sumPct' ? 1 : -1 };
      render();
    });
  });
  filter.addEventListener('input', render);
  // Clicking a row shows that function in the call graph (when the graph kept it).
  body.addEventListener('click', function (ev) {
    var tr = ev.target.closest('tr[data-name]');
    if (!tr || (window.getSelection && String(window.getSelection()) !== '')) return;
    var name = tr.getAttribute('data-name');
    GR.selected = name;
    if (!GR.graph.showInGraph(name)) $('gr-rows-count').textContent = name + ': not in the call graph, trimmed there (it keeps ' + Object.keys(GR.view().graph.nodes).length + ' nodes) · right-click it to refine';
  });
  body.addEventListener('contextmenu', function (ev) {
    var tr = ev.target.closest('tr[data-name]');
    if (tr) GR.menu.open(ev, tr.getAttribute('data-name'));
  });
  GR.on('data', render);
  GR.on('search', render);
})();
