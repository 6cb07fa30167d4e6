import { DEFAULTS } from '../../config/defaults.js';
import type { DotAttrs, DotModel } from '../dot/dot-model.js';
import { MAX_DOT_LABEL_CHARS } from '../dot/dot-safe.js';
import { FONT_FAMILY, textWidth } from './font.js';
import { pictureText, tooltipText } from './picture-text.js';
import { toDotText } from '../dot/to-dot.js';

export interface LayoutInput {
  dot: string;
  /** Boxes (call-graph nodes and tag nodelets, what pprof's nodecount bounds) and edges. */
  nodes: number;
  edges: number;
  /** Whether edge labels were turned into xlabels (large graphs). */
  xlabels: boolean;
}

/**
 * The DOT that gets laid out for the pictures (SVG, PNG, HTML) — pprof's graph with:
 * - `fontname="Arimo"` on graph, nodes and edges, so Graphviz sizes boxes for the font we draw with
 *   (pprof sets none: Graphviz would use Times widths);
 * - labels made drawable with that font (see pictureText), tooltips cut at MAX_PICTURE_STRING_BYTES; a label with
 *   non-ASCII text gets a minimum `width` from the font's own advance widths (Graphviz's table
 *   for Arimo covers ASCII only and guesses the rest, e.g. Cyrillic capitals too narrow);
 * - above DEFAULTS.layoutManyNodes boxes (never with the default --nodecount), edge `label` →
 *   `xlabel`, with a warning: a `label` becomes a virtual node in every rank the edge crosses and
 *   Graphviz's layout time explodes with hundreds of them (`npm run bench:render` prints the layout
 *   times of such graphs, marked "xlabels"); xlabels are placed after the layout.
 * The `--dot` output is untouched.
 */
export function layoutDot(m: DotModel, warn: (msg: string) => void): LayoutInput {
  const nodes = m.nodes.length;
  const edges = m.edges.length;
  const xlabels = nodes > DEFAULTS.layoutManyNodes;
  if (xlabels) {
    warn(
      `laying out ${nodes} nodes and ${edges} edges can take minutes (the default --nodecount is ${DEFAULTS.graphNodeCount}); edge values are placed as external labels to keep it fast`,
    );
  }
  const font = { fontname: FONT_FAMILY };
  const dot = toDotText(pictureModel(m, xlabels), { graph: font, node: font, edge: font }, MAX_PICTURE_STRING_BYTES);
  return { dot, nodes, edges, xlabels };
}

function pictureAttrs(a: DotAttrs, xlabel: boolean): DotAttrs {
  const out: DotAttrs = {};
  for (const [k, v] of Object.entries(a)) {
    if (typeof v !== 'string') out[k] = v;
    else if (k === 'label') out[xlabel ? 'xlabel' : 'label'] = pictureText(v, MAX_DOT_LABEL_CHARS);
    else out[k] = tooltipText(v);
  }
  return out;
}

/**
 * Longest string (tooltips: labels stop at MAX_DOT_LABEL_CHARS) in the DOT laid out for pictures.
 * WASM Graphviz has no 16 kB string limit, so names of tens of kB stay whole in tooltips, but its
 * time grows with the square of a string's length, so a name of megabytes would hold the layout up
 * far past any time limit worth waiting for.
 */
export const MAX_PICTURE_STRING_BYTES = 64_000;

/** Graphviz's default node margin (0.11 in each side) plus room for box3d's depth and rounding. */
const BOX_PADDING_PT = 2 * 0.11 * 72 + 6;

/** A node whose label has non-ASCII text gets a minimum width measured with the font itself. */
function withMeasuredWidth(a: DotAttrs): DotAttrs {
  const label = a['label'];
  if (typeof label !== 'string' || !/[^\x00-\x7f]/.test(label) || a['width'] !== undefined) return a;
  const size = typeof a['fontsize'] === 'number' ? a['fontsize'] : 14;
  const lines = label.split(/\\[nlr]/).map((l) => l.replace(/\\(.)/g, '$1'));
  const widest = Math.max(...lines.map((l) => textWidth(l, size)));
  return { ...a, width: Number(((widest + BOX_PADDING_PT) / 72).toFixed(3)) };
}

function pictureModel(m: DotModel, xlabels: boolean): DotModel {
  return {
    title: tooltipText(m.title),
    legend: m.legend && {
      name: tooltipText(m.legend.name),
      label: pictureText(m.legend.label, MAX_DOT_LABEL_CHARS),
      tooltip: tooltipText(m.legend.tooltip),
    },
    nodes: m.nodes.map((n) => ({ ...n, attrs: withMeasuredWidth(pictureAttrs(n.attrs, false)) })),
    edges: m.edges.map((e) => ({ ...e, attrs: pictureAttrs(e.attrs, xlabels) })),
  };
}
