/* Summary card: the values that depend on the sample type (total, pprof's header lines, top five). */
(function () {
  function bind(name, text) {
    document.querySelectorAll('[data-bind="' + name + '"]').forEach(function (e) { e.textContent = text; });
  }
  function render() {
    var v = GR.view();
    var label = document.querySelector('.type-btn[data-index="' + GR.type + '"]');
    bind('type', v.type);
    bind('typeLabel', label ? label.textContent.toLowerCase() : v.type);
    // A comparison's headline is the growth; its totals follow underneath.
    var c = v.comparison;
    bind('totalWhat', c ? 'Growth (new − base) of' : 'Total');
    bind('total', v.headline);
    if (c) {
      bind('totalNote', c.baseTotal ? 'base ' + c.baseTotal + ' → new ' + c.newTotal + (c.growthPct ? ' · ' + c.growthPct + ' of the base' : '') : 'the totals of the base and the new profile are not known here');
    }
    // pprof's header lines, one element each (textContent exact, as --text prints them).
    var labels = document.querySelector('[data-gr="labels"]');
    labels.textContent = '';
    // pprof's own header lines are [data-gr="label"]; the "Active filters:" block above them is not.
    v.labels.forEach(function (l) {
      var own = /^(Showing nodes accounting for |Dropped \d+ nodes |Showing top \d+ nodes out of )/.test(l);
      labels.appendChild(el('div', own ? 'label' : 'label active-filter', l)).setAttribute('data-gr', own ? 'label' : 'filter');
    });
    // The graph's own header lines, when its trimming (80 nodes) differs from the table's.
    var gl = v.graphLabels.join('\n');
    bind('graphLabels', gl === v.labels.join('\n') ? '' : gl);
    var list = $('gr-topfive');
    list.textContent = '';
    var rows = v.rows.filter(function (r) { return r[2] > 0; }).slice(0, 5);
    var max = rows.length ? rows[0][2] : 0;
    rows.forEach(function (r) {
      var li = el('li');
      var name = el('span', 'name');
      markText(name, r[0]);
      var val = el('span', 'val');
      val.appendChild(el('b', '', r[4]));
      val.appendChild(document.createTextNode(' · ' + r[5]));
      var track = el('div', 'track');
      var fill = el('div', 'fill');
      fill.style.width = (max > 0 ? Math.max(1, (100 * r[2]) / max) : 0) + '%';
      track.appendChild(fill);
      li.appendChild(name);
      li.appendChild(val);
      li.appendChild(track);
      li.title = r[0] + ' — click to find it in the call graph';
      li.addEventListener('click', function () { GR.selected = r[0]; GR.graph.showInGraph(r[0]); });
      li.addEventListener('contextmenu', function (ev) { GR.menu.open(ev, r[0]); });
      list.appendChild(li);
    });
    if (rows.length === 0) list.appendChild(el('li', 'muted', 'No function allocates in this sample type.'));
  }
  GR.on('data', render);
  GR.on('search', render);
})();
