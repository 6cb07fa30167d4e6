import type { GEdge, GNode, Tag } from '../../graph/build.js';
import { nameComponents, type NodeInfo } from '../../graph/node-info.js';
import { sortEdges, sortTags } from '../../graph/sort.js';
import { MAX_NODELETS } from '../../graph/trim.js';
import { label as autoLabel, percentage, scale } from '../../measurement/units.js';
import { baseName } from '../../util/paths.js';
import { reportLabels, type Analysis } from '../../graph/analysis.js';
import { shortenFunctionName } from '../../graph/shorten.js';

/**
 * The call graph as pprof's ComposeDot draws it, as plain data. Text values are *DOT escStrings*:
 * names are already escaped (`\\` and newlines → `\l`) and `\n`/`\l` are Graphviz line breaks.
 * Quotes are left as they are: the serializer quotes them.
 */
export interface DotModel {
  title: string;
  legend: { name: string; label: string; tooltip: string } | null;
  nodes: DotNode[];
  edges: DotEdge[];
}

export type DotAttrs = Record<string, string | number>;

export interface DotNode {
  id: string;
  attrs: DotAttrs;
  /** Graph node behind it (absent for nodelets). */
  node?: GNode;
}

export interface DotEdge {
  from: string;
  to: string;
  attrs: DotAttrs;
  edge?: GEdge;
}

/** pprof's escapeForDot: backslashes doubled, newlines left-justified. Quotes are left to the serializer. */
export function escapeForDot(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\l');
}

/** pprof's dotColor: score in [-1, 1] → grey near 0, red for positive, green for negative. */
export function dotColor(score: number, isBackground: boolean): string {
  const shift = 0.7;
  let saturation = isBackground ? 0.1 : 1.0;
  const value = isBackground ? 0.93 : 0.7;
  score = Math.max(-1, Math.min(1, score));
  if (Math.abs(score) < 0.2) saturation *= Math.abs(score) / 0.2;
  if (score > 0) score = Math.pow(score, 1 - shift);
  if (score < 0) score = -Math.pow(-score, 1 - shift);
  let r: number;
  let g: number;
  if (score < 0) {
    g = value;
    r = value * (1 + saturation * score);
  } else {
    r = value;
    g = value * (1 - saturation * score);
  }
  const b = value * (1 - saturation);
  const hex = (x: number) => (Math.trunc(x * 255) & 0xff).toString(16).padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

/** pprof's multilinePrintableName: shortened name split at dots, file base name, one item per line. */
export function multilinePrintableName(info: NodeInfo): string {
  let name = escapeForDot(shortenFunctionName(info.name));
  name = name.replaceAll('::', '\\n').replaceAll('[...]', '[…]').replaceAll('.', '\\n');
  // pprof leaves the file name unescaped (a `\` in it would start a DOT escape): escaped here.
  const copy: NodeInfo = { ...info, name, file: info.file !== '' ? escapeForDot(baseName(info.file)) : '' };
  return `${nameComponents(copy).join('\\n')}\\n`;
}

export function buildDotModel(a: Analysis): DotModel {
  const total = a.total;
  const fmt = a.formatValue;
  const labels = reportLabels(a, true);
  const model: DotModel = {
    // pprof writes the title raw into `digraph "…"` and the legend tooltip; escaped here like every name.
    title: escapeForDot(a.title) || 'unnamed',
    legend:
      labels.length > 0
        ? { name: escapeForDot(labels[0]!), label: `${labels.map(escapeForDot).join('\\l')}\\l`, tooltip: escapeForDot(a.title) }
        : null,
    nodes: [],
    edges: [],
  };
  const nodes = a.graph.nodes;
  if (nodes.length === 0) return model;

  const ids = new Map<GNode, number>();
  let maxFlat = Math.abs(nodes[0]!.flat);
  nodes.forEach((n, i) => {
    ids.set(n, i + 1);
    maxFlat = Math.max(maxFlat, Math.abs(n.flat));
  });
  const hasNodelets = new Map<GNode, boolean>();
  const allEdges: GEdge[] = [];
  for (const n of nodes) {
    const id = ids.get(n)!;
    model.nodes.push(dotNode(n, id, maxFlat, total, fmt));
    hasNodelets.set(n, addNodelets(model, n, id, fmt));
    for (const e of n.out.values()) allEdges.push(e);
  }
  for (const e of sortEdges(allEdges)) {
    // --drop_negative leaves the edges of a dropped node: pprof's id map then gives 0 (a dangling N0).
    model.edges.push(dotEdge(e, ids.get(e.src) ?? 0, ids.get(e.dest) ?? 0, hasNodelets.get(e.src) ?? false, total, fmt));
  }
  return model;
}

function dotNode(n: GNode, id: number, maxFlat: number, total: number, fmt: (v: number) => string): DotNode {
  const { flat, cum } = n;
  let label = multilinePrintableName(n.info);
  const flatValue = fmt(flat);
  if (flat !== 0) label += `${flatValue} (${percentage(flat, total).trim()})`;
  else label += '0';
  let cumValue = flatValue;
  if (cum !== flat) {
    label += flat !== 0 ? '\\n' : ' ';
    cumValue = fmt(cum);
    label += `of ${cumValue} (${percentage(cum, total).trim()})`;
  }
  let fontsize = 8;
  if (maxFlat !== 0 && flat !== 0 && Math.abs(flat) <= maxFlat) {
    fontsize += Math.ceil(16 * Math.sqrt(Math.abs(flat) / maxFlat));
  }
  const score = cum / Math.abs(total);
  return {
    id: `N${id}`,
    node: n,
    attrs: {
      label,
      id: `node${id}`,
      fontsize,
      shape: 'box',
      tooltip: `${escapeForDot(n.name)} (${cumValue})`,
      color: dotColor(score, false),
      fillcolor: dotColor(score, true),
    },
  };
}

function nodelet(model: DotModel, id: string, label: string, weight: string, from: string, dotted: boolean): void {
  // A tag is its `key:value` labels joined by `\n` (prepare.ts); pprof writes them raw, escaped
  // here like every name (a `\` in a label value is text).
  const esc = label.split('\\n').map(escapeForDot).join('\\n');
  model.nodes.push({ id, attrs: { label: esc, id, fontsize: 8, shape: 'box3d', tooltip: weight } });
  const attrs: DotAttrs = { label: ` ${weight}`, weight: 100, tooltip: weight, labeltooltip: weight };
  if (dotted) attrs['style'] = 'dotted';
  model.edges.push({ from, to: id, attrs });
}

/** pprof's addNodelets: the top string-label tags and the (bucketed) `bytes` sizes of a node. */
function addNodelets(model: DotModel, n: GNode, id: number, fmt: (v: number) => string): boolean {
  const before = model.nodes.length;
  const flatTags = n.out.size > 0;
  const ts = sortTags([...n.labelTags.values()], flatTags).slice(0, MAX_NODELETS);
  ts.forEach((t, i) => {
    const w = flatTags ? t.flat : t.cum;
    if (w === 0) return;
    nodelet(model, `N${id}_${i}`, t.name, fmt(w), `N${id}`, false);
    const nts = n.numericTags.get(t.name);
    if (nts) numericNodelets(model, [...nts.values()], flatTags, `N${id}_${i}`, fmt);
  });
  const nts = n.numericTags.get('');
  if (nts) numericNodelets(model, [...nts.values()], flatTags, `N${id}`, fmt);
  return model.nodes.length > before;
}

function numericNodelets(model: DotModel, tags: Tag[], flatTags: boolean, source: string, fmt: (v: number) => string): void {
  collapsedTags(tags, MAX_NODELETS, flatTags).forEach((t, j) => {
    let w = t.cum;
    let dotted = true;
    if (flatTags || t.flat === t.cum) {
      w = t.flat;
      dotted = false;
    }
    if (w !== 0) nodelet(model, `N${source}_${j}`, t.name, fmt(w), source, dotted);
  });
}

/** pprof's collapsedTags: at most `count` buckets of nearby sizes, labelled "min..max". */
function collapsedTags(ts: Tag[], count: number, flatTags: boolean): Tag[] {
  ts = sortTags(ts, flatTags);
  if (ts.length <= count) return ts;
  const groups: Tag[][] = ts.slice(0, count).map((t) => [t]);
  for (const t of ts.slice(count)) {
    let g = 0;
    let d = tagDistance(t, groups[0]![0]!);
    for (let i = 1; i < count; i++) {
      const nd = tagDistance(t, groups[i]![0]!);
      if (nd < d) {
        g = i;
        d = nd;
      }
    }
    groups[g]!.push(t);
  }
  return sortTags(groups.map(tagGroup), flatTags);
}

function tagDistance(t: Tag, u: Tag): number {
  const v = scale(u.value, u.unit, t.unit)[0];
  return v < t.value ? t.value - v : v - t.value;
}

function tagGroup(g: Tag[]): Tag {
  if (g.length === 1) {
    const t = g[0]!;
    return { name: autoLabel(t.value, t.unit), unit: '', value: 0, flat: t.flat, cum: t.cum };
  }
  let min = g[0]!;
  let max = g[0]!;
  let f = min.flat;
  let c = min.cum;
  for (const t of g.slice(1)) {
    if (Math.trunc(scale(t.value, t.unit, min.unit)[0]) < min.value) min = t;
    if (Math.trunc(scale(t.value, t.unit, max.unit)[0]) > max.value) max = t;
    f += t.flat;
    c += t.cum;
  }
  return { name: `${autoLabel(min.value, min.unit)}..${autoLabel(max.value, max.unit)}`, unit: '', value: 0, flat: f, cum: c };
}

function dotEdge(e: GEdge, from: number, to: number, hasNodelets: boolean, total: number, fmt: (v: number) => string): DotEdge {
  const w = fmt(e.weight);
  const attrs: DotAttrs = { label: ` ${w}${e.inline ? '\\n (inline)' : ''}` };
  if (total !== 0) {
    const weight = 1 + Math.min(Math.abs(Math.trunc((e.weight * 100) / total)), 100);
    if (weight > 1) attrs['weight'] = weight;
    const width = 1 + Math.min(Math.abs(Math.trunc((e.weight * 5) / total)), 5);
    if (width > 1) attrs['penwidth'] = width;
    attrs['color'] = dotColor(e.weight / Math.abs(total), false);
  }
  const arrow = e.residual ? '...' : '->';
  const tooltip = `${escapeForDot(e.src.name)} ${arrow} ${escapeForDot(e.dest.name)} (${w})`;
  attrs['tooltip'] = tooltip;
  attrs['labeltooltip'] = tooltip;
  if (e.residual) attrs['style'] = 'dotted';
  if (hasNodelets) attrs['minlen'] = 2;
  return { from: `N${from}`, to: `N${to}`, attrs, edge: e };
}
