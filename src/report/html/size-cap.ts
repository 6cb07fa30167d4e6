import { DEFAULTS } from '../../config/defaults.js';
import type { FlameData } from './flame.js';
import type { SampleView } from './views.js';

/**
 * Keeps the HTML page within a size a browser opens, whatever the profile holds (a huge name in many
 * sample types, or a very deep distinct stack, would otherwise make a page no browser opens):
 * - every name is cut at `maxNameChars` characters with "…" (tables, graph panel, flame graph);
 * - the page's data is spent in the order a reader needs it: the selected sample type's call graph
 *   and table, the flame graph, then the other types' graphs and tables. A table stops at the row
 *   that would pass `maxBytes`; a graph that does not fit is left out with a note in its place.
 * - the profile's comments stop at `maxComments` (a profile can carry a million).
 * What was left out is said in the page: `notes` (the summary) and each view's `rowsLeftOut`.
 */
export interface PageParts {
  views: SampleView[];
  graphs: string[];
  graphErrors: (string | null)[];
  flame: FlameData;
  selected: number;
  /** The profile's comments, shown once in the summary. */
  comments: string[];
}

export interface CapLimits {
  maxNameChars: number;
  /** Bytes for everything above; the page's fixed parts (CSS, script, font) come on top. */
  maxBytes: number;
  maxComments: number;
}

export const DEFAULT_CAP: CapLimits = { maxNameChars: DEFAULTS.htmlMaxNameChars, maxBytes: DEFAULTS.htmlMaxBytes, maxComments: DEFAULTS.htmlMaxComments };

/** Names this long in the flame graph when its names alone would pass the budget left. */
const FLAME_SHORT_NAME = 200;

/** UTF-8 bytes of `s` in JSON (escapes aside): what it costs in the page. */
function bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

const mb = (n: number) => (n >= 2 ** 20 ? `${(n / 2 ** 20).toFixed(0)} MB` : `${(n / 1024).toFixed(0)} kB`);

/** Cuts the parts in place; returns the notes for the page (empty when nothing was left out). */
export function capPage(parts: PageParts, limits: CapLimits = DEFAULT_CAP): string[] {
  const notes: string[] = [];
  let cutNames = false;
  const cut = (name: string, max = limits.maxNameChars): string => {
    if (name.length <= max) return name;
    cutNames = true;
    return `${name.slice(0, max)}…`;
  };
  const comments = parts.comments.length - limits.maxComments;
  if (comments > 0) {
    parts.comments.length = limits.maxComments;
    notes.push(`${comments.toLocaleString('en-US')} more comments of the profile were left out of this page; --text prints them all.`);
  }
  for (const c of parts.comments.keys()) parts.comments[c] = cut(parts.comments[c]!);
  for (const v of parts.views) {
    v.profileLines = []; // the page shows them once, from `comments` (the facts are few)
    for (const r of v.rows) r[0] = cut(r[0]);
    for (const n of Object.values(v.graph.nodes)) n.name = cut(n.name);
  }
  let left = limits.maxBytes;
  const spend = (n: number) => {
    left -= n;
    return left >= 0;
  };
  const order = [parts.selected, ...parts.views.map((_, i) => i).filter((i) => i !== parts.selected)];
  let graphsLeftOut = 0;
  let rowsLeftOut = 0;
  order.forEach((j, k) => {
    const v = parts.views[j]!;
    const nodes = Object.values(v.graph.nodes).reduce((s, n) => s + bytes(n.name) + 60, 0) + v.graph.edges.length * 40;
    const graph = bytes(parts.graphs[j] ?? '') + nodes;
    // The selected type's graph is the one asked for (--html's main picture): always kept.
    if (!spend(graph) && k > 0) {
      left += graph;
      parts.graphs[j] = '';
      v.graph = { nodes: {}, edges: [] };
      parts.graphErrors[j] = `The call graph for ${v.type} was left out: the page would pass its size cap (${mb(limits.maxBytes)} of data).`;
      graphsLeftOut++;
    }
    let keep = 0;
    while (keep < v.rows.length && spend(bytes(v.rows[keep]![0]) + bytes(v.rows[keep]![1]) + 80)) keep++;
    if (keep < v.rows.length) {
      left = Math.max(left, 0);
      v.rowsLeftOut = v.rows.length - keep;
      rowsLeftOut += v.rowsLeftOut;
      v.rows.length = keep;
    }
    if (k === 0) capFlame(parts.flame, cut, () => left, spend);
  });
  if (cutNames) notes.push(`Names longer than ${limits.maxNameChars.toLocaleString('en-US')} characters are cut (…) in this page; --text prints them whole.`);
  if (rowsLeftOut > 0) notes.push(`${rowsLeftOut.toLocaleString('en-US')} table rows were left out to keep the page under its size cap (${mb(limits.maxBytes)} of data); --text lists them all.`);
  if (graphsLeftOut > 0) notes.push(`${graphsLeftOut} call graphs of other sample types were left out to keep the page under its size cap; --svg with --sample_index draws them.`);
  return notes;
}

/** The flame graph's names, cut shorter when they alone would pass the budget left. */
function capFlame(f: FlameData, cut: (s: string, max?: number) => string, left: () => number, spend: (n: number) => boolean): void {
  f.names = f.names.map((n) => cut(n));
  const cost = () => f.names.reduce((s, n) => s + bytes(n) + 3, 0) + f.parent.length * (8 + 12 * f.values.length);
  if (cost() > left()) f.names = f.names.map((n) => cut(n, FLAME_SHORT_NAME));
  spend(cost());
}
