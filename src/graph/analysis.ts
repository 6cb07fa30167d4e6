import { DEFAULTS, type ReportConfig } from '../config/defaults.js';
import { UsageError } from '../errors.js';
import type { Graph } from './build.js';
import { computeTotal, prepare, type Prepared } from './prepare.js';
import { trimmedGraph } from './trim.js';
import { label, percentage, scale, scaledLabel } from '../measurement/units.js';
import type { Profile, ValueType } from '../model/profile.js';
import { baseName } from '../util/paths.js';

/**
 * Tables (text, top table), pictures (DOT, SVG, PNG, HTML graph), `--tree` and `--peek`: pprof
 * trims them differently (applyCommandOverrides): tables keep every node by default, pictures and
 * trees 80, peek is never trimmed; only pictures use the entropy order and --call_tree.
 * 'rows' is 'table' with only the edges its "(inline)" marks need (text, the HTML table, budgets);
 * 'table' has every edge (--json).
 */
export type ReportKind = 'table' | 'rows' | 'graph' | 'tree' | 'peek';

/** One trimmed graph with everything a printer needs: totals, units, header lines. */
export interface Analysis {
  profile: Profile;
  config: ReportConfig;
  kind: ReportKind;
  valueIndex: number;
  sampleType: ValueType;
  total: number;
  graph: Graph;
  origCount: number;
  droppedNodes: number;
  droppedEdges: number;
  /** The unit values are printed in (pprof's selectOutputUnit result). */
  outputUnit: string;
  formatValue: (v: number) => string;
  /** Title of the DOT graph: the main binary's base name, or "". */
  title: string;
  activeFilters: string[];
}

/** pprof's SampleIndexByName, with its error messages. */
export function resolveSampleIndex(p: Profile, sampleIndex: string): number {
  const types = p.sampleTypes.map((t) => t.type);
  if (types.length === 0) throw new UsageError('profile has no samples');
  if (sampleIndex === '') {
    if (p.defaultSampleType) {
      const i = types.indexOf(p.defaultSampleType);
      if (i >= 0) return i;
    }
    return types.length - 1;
  }
  if (/^[+-]?\d+$/.test(sampleIndex)) {
    const i = Number(sampleIndex);
    if (i < 0 || i >= types.length) {
      throw new UsageError(`sample_index ${sampleIndex} is outside the range [0..${types.length - 1}]`);
    }
    return i;
  }
  const noInuse = sampleIndex.startsWith('inuse_') ? sampleIndex.slice(6) : sampleIndex;
  const i = types.findIndex((t) => t === sampleIndex || t === noInuse);
  if (i >= 0) return i;
  throw new UsageError(`sample_index ${JSON.stringify(sampleIndex)} must be one of: [${types.join(' ')}]`);
}

export interface AnalyzeOptions {
  activeFilters?: string[];
  /** Sample weights after filters, when a filter stage ran (default: the profile's own values). */
  prepared?: Prepared;
  /**
   * The report total, when it was computed before the filters (pprof's default: percentages of
   * the whole profile; default here: computed from `p`, as with --relative_percentages).
   */
  total?: number;
}

/** Builds the trimmed graph for a report kind, as pprof's TextItems / GetDOT do. */
export function analyze(p: Profile, config: ReportConfig, kind: ReportKind, opts: AnalyzeOptions = {}): Analysis {
  if (!(config.divideBy !== 0)) throw new UsageError('zero divisor specified');
  const valueIndex = resolveSampleIndex(p, config.sampleIndex);
  const sampleType = p.sampleTypes[valueIndex]!;
  const prep =
    opts.prepared ??
    prepare(p, {
      valueIndex,
      granularity: config.granularity,
      noInlines: config.noInlines,
      dropNegative: config.dropNegative,
      tagUnit: config.unit,
      naming: { trimPath: config.trimPath, sourcePath: config.sourcePath },
    });
  const total = opts.total ?? computeTotal(p, prep.weights);
  let nodeCount = config.nodeCount;
  if (nodeCount === -1) nodeCount = kind === 'table' || kind === 'rows' ? 0 : DEFAULTS.graphNodeCount;
  let { nodeFraction, edgeFraction } = config;
  if (!config.trim || kind === 'peek') {
    nodeCount = 0;
    nodeFraction = 0;
    edgeFraction = 0;
  }
  const t = trimmedGraph(prep, {
    nodeCount,
    nodeFraction,
    edgeFraction,
    cumSort: config.sort === 'cum',
    visual: kind === 'graph',
    callTree: config.callTree && kind === 'graph',
    edges: kind === 'rows' ? 'inline' : 'all',
  });
  const ratio = 1 / config.divideBy;
  const outputUnit = selectOutputUnit(t.graph, config.unit, sampleType.unit, total, ratio);
  const formatValue = (v: number): string => {
    const x = ratio > 0 && ratio !== 1 ? Math.trunc(v * ratio) : v;
    return scaledLabel(x, sampleType.unit, outputUnit);
  };
  const title = p.mappings.length > 0 && p.mappings[0]!.file !== '' ? baseName(p.mappings[0]!.file) : '';
  return {
    profile: p,
    config: { ...config, nodeCount, nodeFraction, edgeFraction },
    kind,
    valueIndex,
    sampleType,
    total,
    graph: t.graph,
    origCount: t.origCount,
    droppedNodes: t.droppedNodes,
    droppedEdges: t.droppedEdges,
    outputUnit,
    formatValue,
    title,
    activeFilters: opts.activeFilters ?? [],
  };
}

/** pprof's Report.selectOutputUnit. */
function selectOutputUnit(g: Graph, unit: string, sampleUnit: string, total: number, ratio: number): string {
  if (unit !== 'minimum' || g.nodes.length === 0) return unit;
  let minValue = 0;
  for (const n of g.nodes) {
    let nodeMin = Math.abs(n.flat);
    if (nodeMin === 0) nodeMin = Math.abs(n.cum);
    if (nodeMin > 0 && (minValue === 0 || nodeMin < minValue)) minValue = nodeMin;
  }
  let maxValue = total;
  if (minValue === 0) minValue = maxValue;
  if (ratio > 0 && ratio !== 1) {
    minValue = Math.trunc(minValue * ratio);
    maxValue = Math.trunc(maxValue * ratio);
  }
  const minUnit = scale(minValue, sampleUnit, 'minimum')[1];
  const maxUnit = scale(maxValue, sampleUnit, 'minimum')[1];
  let u = minUnit;
  if (minUnit !== maxUnit && minValue * 100 < maxValue) u = scale(100 * minValue, sampleUnit, 'minimum')[1];
  return u !== '' ? u : sampleUnit;
}

/** pprof's ProfileLabels: File, Build ID, comments, Type, Time, Duration. */
export function profileLabels(a: Pick<Analysis, 'profile' | 'sampleType' | 'total' | 'formatValue'>): string[] {
  const p = a.profile;
  const out: string[] = [];
  if (p.mappings.length > 0) {
    const m = p.mappings[0]!;
    if (m.file !== '') out.push(`File: ${baseName(m.file)}`);
    if (m.buildId !== '') out.push(`Build ID: ${m.buildId}`);
  }
  for (const c of p.comments) if (!c.startsWith('#')) out.push(c);
  out.push(`Type: ${a.sampleType.type}`);
  if (p.timeNanos !== 0) out.push(`Time: ${formatTime(p.timeNanos)}`);
  if (p.durationNanos !== 0) {
    const duration = label(p.durationNanos, 'nanoseconds');
    const [totalNanos, totalUnit] = scale(a.total, a.sampleType.unit, 'nanoseconds');
    const ratio = totalUnit === 'ns' && totalNanos !== 0 ? `(${percentage(totalNanos, p.durationNanos)})` : '';
    out.push(`Duration: ${duration}, Total samples = ${a.formatValue(a.total)} ${ratio}`);
  }
  return out;
}

/** pprof's reportLabels: profile labels, active filters, "Showing nodes…", "Dropped…", "Showing top…". */
export function reportLabels(a: Analysis, fullHeaders: boolean): string[] {
  const out: string[] = [];
  // One by one: a spread of a profile's 130,000 comments overflows the call stack.
  if (fullHeaders || !a.config.compactLabels) for (const l of profileLabels(a)) out.push(l);
  let flatSum = 0;
  for (const n of a.graph.nodes) flatSum += n.flat;
  if (a.activeFilters.length > 0) {
    out.push('Active filters:');
    for (const f of a.activeFilters) out.push(`   ${f.length > 80 ? `${f.slice(0, 80)}…` : f}`);
  }
  out.push(
    `Showing nodes accounting for ${a.formatValue(flatSum)}, ${percentage(flatSum, a.total).trim()} of ${a.formatValue(a.total)} total`,
  );
  if (a.total !== 0) {
    if (a.droppedNodes > 0) {
      out.push(dropped(a.droppedNodes, 'node', 'cum', a.formatValue(Math.abs(Math.trunc(a.total * a.config.nodeFraction)))));
    }
    // pprof counts dropped edges only in graph headers (its text printers pass 0).
    if (fullHeaders && a.droppedEdges > 0) {
      out.push(dropped(a.droppedEdges, 'edge', 'freq', a.formatValue(Math.abs(Math.trunc(a.total * a.config.edgeFraction)))));
    }
    const nodeCount = a.graph.nodes.length;
    if (nodeCount > 0 && nodeCount < a.origCount) out.push(`Showing top ${nodeCount} nodes out of ${a.origCount}`);
  }
  if (fullHeaders) out.push('\nSee https://git.io/JfYMW for how to read the graph');
  return out;
}

function dropped(d: number, n: string, l: string, f: string): string {
  return `Dropped ${d} ${d > 1 ? `${n}s` : n} (${l} <= ${f})`;
}

/** Current pprof's `Time:` layout, "2006-01-02 15:04:05 MST", in the local time zone. */
export function formatTime(nanos: number): string {
  const d = new Date(Math.floor(nanos / 1e6));
  const pad = (n: number) => String(n).padStart(2, '0');
  // Intl's first use loads time zone data, a cost every run would pay; Date's own long zone name is free, and on
  // UTC machines (servers, CI) it says all there is to say.
  const zone = /\(Coordinated Universal Time\)$/.test(d.toString())
    ? 'UTC'
    : (new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((x) => x.type === 'timeZoneName')?.value ?? 'UTC');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zone}`;
}
