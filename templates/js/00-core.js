/* Shared state of the page: the embedded data, the engine (when the profile was embedded), the current
 * refine state and its computed view, the global search, and a tiny event bus the views subscribe to.
 * Every value reaches the DOM through textContent, never HTML. */
var DATA = JSON.parse(document.getElementById('gr-data').textContent);
/** The bundled engine (the command's own code, src/page/engine.ts); absent in a page built without it. */
var ENGINE = typeof window.GenReportEngine === 'object' && window.GenReportEngine ? window.GenReportEngine : null;
var GR = {
  data: DATA,
  /** The engine's handle on the embedded profile; null when the profile was not embedded (too large). */
  handle: null,
  /** The refine state (pprof's names: f, i, h, s, sf, tf, ti, ts, th, si, n, g) plus view, q, p, l. */
  state: {},
  /** The current state's view data (the shape of SampleView in src/report/html/views.ts). */
  result: null,
  /** Index of the current sample type in DATA.views. */
  type: DATA.selected,
  /** The current state's flame graph data (built on first call after a refine), and whether that is free. */
  flameOf: function () { return DATA.flame; },
  cheapFlame: true,
  /** Which of the flame graph's value columns is the current sample type. */
  flameType: DATA.selected,
  /** The function last clicked (table row, graph node, flame frame): Peek and Source default to it. */
  selected: '',
  query: '',
  matcher: null,
  handlers: { data: [], search: [], view: [] },
  on: function (ev, fn) { GR.handlers[ev].push(fn); },
  emit: function (ev) { GR.handlers[ev].forEach(function (fn) { fn(); }); },
  view: function () { return GR.result; },
  /** True when the global search matches `name`. */
  matches: function (name) { return GR.matcher !== null && GR.matcher.test(name); },
};
try {
  GR.handle = ENGINE && typeof ENGINE.load === 'function' ? ENGINE.load() : null;
} catch (e) {
  GR.handle = null;
  GR.loadError = String((e && e.message) || e);
}

/**
 * Go's regexp.QuoteMeta (the engine's when it has one): pprof's web UI escapes a function's name so
 * that "focus on it" matches that name and nothing else.
 */
function quoteMeta(s) {
  if (ENGINE && typeof ENGINE.quoteMeta === 'function') return ENGINE.quoteMeta(s);
  var out = '';
  for (var i = 0; i < s.length; i++) {
    var c = s.charAt(i);
    out += '\\.+*?()|[]{}^$'.indexOf(c) >= 0 ? '\\' + c : c;
  }
  return out;
}
/** pprof's web UI regexp for one function: its whole name, escaped. */
function nameRegexp(name) { return '^' + quoteMeta(name) + '$'; }

/**
 * The search as a matcher: a Go regexp through the engine (re2js, as the command's filters), never a
 * JavaScript RegExp on the user's pattern. All lower case matches any case (a plain word still
 * finds `(*DB).Conn`). Without the engine: a case-insensitive substring. Throws on a bad regexp.
 */
function searchMatcher(q) {
  if (q === '') return null;
  var ci = q === q.toLowerCase();
  if (ENGINE && typeof ENGINE.compileRegexp === 'function') {
    var re = ENGINE.compileRegexp(ci ? '(?i)' + q : q);
    return {
      test: function (s) { return re.test(s); },
      /** [start, end) of the leftmost match in s, or null. */
      span: function (s) {
        if (typeof re.find !== 'function') return re.test(s) ? [0, 0] : null;
        var m = re.find(s);
        if (m === null) return null;
        var at = ci ? s.toLowerCase().indexOf(m.toLowerCase()) : s.indexOf(m);
        return at < 0 ? [0, 0] : [at, at + m.length];
      },
    };
  }
  var low = q.toLowerCase();
  return {
    test: function (s) { return s.toLowerCase().indexOf(low) >= 0; },
    span: function (s) {
      var at = s.toLowerCase().indexOf(low);
      return at < 0 ? null : [at, at + low.length];
    },
  };
}

function $(id) { return document.getElementById(id); }

function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** Appends `text` to `parent`, wrapping the parts that match the global search in <mark>. */
function markText(parent, text) {
  var m = GR.matcher;
  if (!m) { parent.appendChild(document.createTextNode(text)); return; }
  var i = 0;
  while (i <= text.length) {
    var rest = text.slice(i);
    var sp = m.span(rest);
    if (!sp || sp[1] <= sp[0]) break;
    if (sp[0] > 0) parent.appendChild(document.createTextNode(rest.slice(0, sp[0])));
    parent.appendChild(el('mark', '', rest.slice(sp[0], sp[1])));
    i += sp[1];
  }
  if (i < text.length) parent.appendChild(document.createTextNode(text.slice(i)));
}

/* --- pprof's number formatting (measurement.ScaledLabel / Percentage), for values computed here --- */
var UNITS = [
  [['b', 'byte'], 1, 'B'], [['kb', 'kbyte', 'kilobyte'], 1024, 'kB'], [['mb', 'mbyte', 'megabyte'], Math.pow(2, 20), 'MB'],
  [['gb', 'gbyte', 'gigabyte'], Math.pow(2, 30), 'GB'], [['tb', 'tbyte', 'terabyte'], Math.pow(2, 40), 'TB'],
  [['pb', 'pbyte', 'petabyte'], Math.pow(2, 50), 'PB'],
];
var TIMES = [
  [['ns', 'nanosecond'], 1, 'ns'], [['μs', 'us', 'microsecond'], 1e3, 'us'], [['ms', 'millisecond'], 1e6, 'ms'],
  [['s', 'sec', 'second'], 1e9, 's'], [['hour', 'hr'], 3600e9, 'hrs'],
];
function sniff(table, unit) {
  var u = unit.toLowerCase();
  if (u.length > 2 && u.charAt(u.length - 1) === 's') u = u.slice(0, -1);
  for (var i = 0; i < table.length; i++) if (table[i][0].indexOf(u) >= 0) return table[i];
  return null;
}
function scaleValue(value, from, to) {
  if (value < 0) { var r = scaleValue(-value, from, to); return [-r[0], r[1]]; }
  var tables = [[UNITS, 'B', 1], [TIMES, 's', 1e9]];
  for (var t = 0; t < tables.length; t++) {
    var table = tables[t][0];
    var f = sniff(table, from);
    if (!f) continue;
    var v = value * f[1];
    if (to === 'minimum' || to === 'auto') {
      var best = null;
      for (var i = 0; i < table.length; i++) if (v / table[i][1] >= 1 && (!best || table[i][1] >= best[1])) best = table[i];
      return best ? [v / best[1], best[2]] : [v / tables[t][2], tables[t][1]];
    }
    var tu = sniff(table, to);
    return tu ? [v / tu[1], tu[2]] : [v / tables[t][2], tables[t][1]];
  }
  if (['count', 'sample', 'unit', 'minimum', 'auto'].indexOf(to) >= 0) return [value, ''];
  return [value, to];
}
function goFixed(v) {
  var a = Math.abs(v);
  if (Number.isInteger(a * 8) && !Number.isInteger(a * 4) && a < Math.pow(2, 49)) {
    var lo = Math.floor(a * 100);
    var n = lo % 2 === 0 ? lo : lo + 1;
    var s = String(n).padStart(3, '0');
    return (v < 0 ? '-' : '') + s.slice(0, -2) + '.' + s.slice(-2);
  }
  return v.toFixed(2);
}
function goG2(v) {
  if (v === 0) return '0';
  var e = v.toExponential(1).split('e');
  var exp = Number(e[1]);
  if (exp < -4 || exp >= 2) {
    var m = e[0].indexOf('.') >= 0 ? e[0].replace(/0+$/, '').replace(/\.$/, '') : e[0];
    return m + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
  }
  var f = v.toFixed(Math.max(0, 1 - exp));
  return f.indexOf('.') >= 0 ? f.replace(/0+$/, '').replace(/\.$/, '') : f;
}
/** A value of the current sample type, printed as pprof prints it in the current output unit. */
function fmt(v, view) {
  view = view || GR.view();
  var x = view.ratio > 0 && view.ratio !== 1 ? Math.trunc(v * view.ratio) : v;
  var r = scaleValue(x, view.unit, view.outputUnit);
  var s = goFixed(r[0]);
  if (s.slice(-3) === '.00') s = s.slice(0, -3);
  if (s === '0' || s === '-0') return '0';
  return s + r[1];
}
function pct(v, total) {
  var r = total !== 0 ? Math.abs(v / total) * 100 : 0;
  if (r >= 99.95 && r <= 100.05) return '100%';
  return (r >= 1 ? goFixed(r) : goG2(r)) + '%';
}

/* --- the floating tooltip shared by the sections --- */
var tip = $('gr-tip');
function showTip(ev, lines) {
  tip.textContent = '';
  lines.forEach(function (l, i) { tip.appendChild(el('div', i === 0 ? 't-name' : 't-row', l)); });
  tip.hidden = false;
  var x = ev.clientX + 14, y = ev.clientY + 16;
  var r = tip.getBoundingClientRect();
  if (x + r.width > window.innerWidth - 8) x = Math.max(8, ev.clientX - r.width - 14);
  if (y + r.height > window.innerHeight - 8) y = Math.max(8, ev.clientY - r.height - 12);
  tip.style.left = x + 'px';
  tip.style.top = y + 'px';
}
function hideTip() { tip.hidden = true; }
