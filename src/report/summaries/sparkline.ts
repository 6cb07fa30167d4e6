/**
 * A tiny self-contained inline SVG sparkline (no scripts, no external references), for the HTML
 * report's leak section: one polyline over the series, a dot on the last value, and the min/max as
 * a tooltip. Values may be negative; a flat series is drawn mid-height.
 */

export interface SparklineOptions {
  width?: number;
  height?: number;
  /** Stroke colour (any CSS colour; escaped). Default: red for a rise, green for a fall, grey else. */
  color?: string;
  /** Tooltip text (escaped). */
  title?: string;
  /** x positions (e.g. minutes); default evenly spaced. Must have values.length entries. */
  xs?: number[];
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const num = (v: number): string => (Math.round(v * 100) / 100).toString();

export function sparklineSvg(values: number[], o: SparklineOptions = {}): string {
  const w = o.width ?? 120;
  const h = o.height ?? 24;
  const pad = 2;
  const n = values.length;
  const xs = o.xs && o.xs.length === n ? o.xs : values.map((_, i) => i);
  const finite = values.map((v) => (Number.isFinite(v) ? v : 0));
  const lo = n > 0 ? Math.min(...finite) : 0;
  const hi = n > 0 ? Math.max(...finite) : 0;
  const x0 = n > 0 ? Math.min(...xs) : 0;
  const x1 = n > 0 ? Math.max(...xs) : 0;
  const px = (x: number) => (x1 === x0 ? w / 2 : pad + ((x - x0) / (x1 - x0)) * (w - 2 * pad));
  const py = (v: number) => (hi === lo ? h / 2 : h - pad - ((v - lo) / (hi - lo)) * (h - 2 * pad));
  const last = n > 0 ? finite[n - 1]! : 0;
  const first = n > 0 ? finite[0]! : 0;
  const color = o.color ?? (last > first ? '#b2182b' : last < first ? '#1a9641' : '#888888');
  const pts = finite.map((v, i) => `${num(px(xs[i]!))},${num(py(v))}`).join(' ');
  const title = o.title !== undefined ? `<title>${esc(o.title)}</title>` : '';
  const line = n > 1 ? `<polyline fill="none" stroke="${esc(color)}" stroke-width="1.5" stroke-linejoin="round" points="${pts}"/>` : '';
  const dot = n > 0 ? `<circle cx="${num(px(xs[n - 1]!))}" cy="${num(py(last))}" r="2" fill="${esc(color)}"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">${title}${line}${dot}</svg>`;
}
