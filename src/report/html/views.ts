import { label, percentage, scaledLabel } from '../../measurement/units.js';
import { profileLabels, reportLabels } from '../../graph/analysis.js';
import { comparisonOf } from '../../compare/compare-info.js';
import type { ReportInputs } from '../inputs.js';
import { textItems } from '../text/text.js';

/** One row of the top table: name, inline label, raw flat/cum, then the five printed columns. */
export type Row = [string, string, number, number, string, string, string, string, string];

/** A graph node as the page needs it to explain a click: DOT id → name and printed values. */
export interface GraphNodeData {
  name: string;
  flat: string;
  cum: string;
  flatPct: string;
  cumPct: string;
}

/** Everything one sample type shows, precomputed so that switching types needs no recomputation. */
export interface SampleView {
  index: number;
  type: string;
  unit: string;
  /** The unit values are printed in, and the divide_by ratio (the page formats flame-graph values). */
  outputUnit: string;
  ratio: number;
  total: number;
  totalFmt: string;
  /**
   * The summary's big figure: the total scaled to a readable unit as pprof's measurement.Label does
   * (`155.79MB`, where `--text` prints `159525.77kB` in the unit it picked for every row), or in the
   * unit the user asked for with --unit. With --base/--diff_base, the growth (new − base).
   */
  headline: string;
  /** Set for a comparison (--base / --diff_base): the figures the header shows instead of a plain total. */
  comparison: ComparisonView | null;
  /** pprof's profile lines ("File: …", "Type: …", "Time: …") as `--text` prints them. */
  profileLines: string[];
  /** The rest of `--text`'s header: "Showing nodes accounting for …", "Dropped …", filters. */
  labels: string[];
  /** The graph's own lines ("Showing nodes…", "Dropped … edges"). */
  graphLabels: string[];
  rows: Row[];
  /** Rows left out of `rows` to keep the page under its size cap (see size-cap.ts). */
  rowsLeftOut?: number;
  graph: { nodes: Record<string, GraphNodeData>; edges: [string, string, string, boolean, boolean][] };
}

export interface ComparisonView {
  kind: 'base' | 'diff_base';
  baseSources: string[];
  normalized: boolean;
  growth: string;
  /** "" when unknown (--base without the base's totals). */
  baseTotal: string;
  newTotal: string;
  /** Growth as a share of the base's total, "" when unknown. */
  growthPct: string;
}

const pct = (v: number, total: number) => percentage(v, total).trim();
const signed = (s: string) => (s.startsWith('-') || s === '0' ? s : `+${s}`);

export function sampleView(ctx: ReportInputs<'view' | 'rows' | 'graph' | 'dot'>): SampleView {
  const t = ctx.rows;
  const g = ctx.graph;
  let sum = 0;
  const rows = textItems(t).map((it): Row => {
    sum += it.flat;
    return [it.name, it.inlineLabel, it.flat, it.cum, it.flatFormat, pct(it.flat, t.total), pct(sum, t.total), it.cumFormat, pct(it.cum, t.total)];
  });
  const nodes: Record<string, GraphNodeData> = {};
  const edges: SampleView['graph']['edges'] = [];
  for (const n of ctx.dot.nodes) {
    if (!n.node) continue;
    const { name, flat, cum } = n.node;
    nodes[n.id] = { name, flat: g.formatValue(flat), cum: g.formatValue(cum), flatPct: pct(flat, g.total), cumPct: pct(cum, g.total) };
  }
  for (const e of ctx.dot.edges) {
    if (!e.edge) continue;
    edges.push([e.from, e.to, g.formatValue(e.edge.weight), e.edge.residual, e.edge.inline]);
  }
  const all = reportLabels(t, false);
  const ratio = 1 / t.config.divideBy;
  const scaled = (v: number) => {
    const x = ratio > 0 && ratio !== 1 ? Math.trunc(v * ratio) : v;
    return t.config.unit === 'minimum' || t.config.unit === 'auto' ? label(x, t.sampleType.unit) : scaledLabel(x, t.sampleType.unit, t.config.unit);
  };
  const c = comparisonOf(ctx.profile, t.valueIndex);
  const comparison: ComparisonView | null = c && {
    kind: c.kind,
    baseSources: c.baseSources,
    normalized: c.normalized,
    growth: signed(scaled(c.growth)),
    baseTotal: c.baseTotal === null ? '' : scaled(c.baseTotal),
    newTotal: c.newTotal === null ? '' : scaled(c.newTotal),
    growthPct: c.baseTotal ? `${c.growth >= 0 ? '+' : '-'}${pct(c.growth, c.baseTotal)}` : '',
  };
  const profileLines = t.config.compactLabels ? [] : profileLabels(t);
  return {
    index: t.valueIndex,
    type: t.sampleType.type,
    unit: t.sampleType.unit,
    outputUnit: t.outputUnit,
    ratio: 1 / t.config.divideBy,
    total: t.total,
    totalFmt: t.formatValue(t.total),
    headline: comparison ? comparison.growth : scaled(t.total),
    comparison,
    profileLines,
    labels: all.slice(profileLines.length),
    graphLabels: reportLabels(g, true)
      .slice(g.config.compactLabels ? 0 : profileLabels(g).length)
      .filter((l) => !l.includes('git.io')),
    rows,
    graph: { nodes, edges },
  };
}
