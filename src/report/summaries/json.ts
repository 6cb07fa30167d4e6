import type { BudgetVerdict } from '../../budget/check.js';
import { label } from '../../measurement/units.js';
import { baseName } from '../../util/paths.js';
import type { Analysis } from '../../graph/analysis.js';
import { comparisonOf, seriesGrowth, type LeakReportLike } from '../../compare/compare-info.js';
import type { Profile } from '../../model/profile.js';
import { SCHEMA_ID, type Amount, type LeaksDoc, type NodeDoc, type ReportDoc, type Share, type VerdictDoc } from './json-types.js';
import { textItems } from '../text/text.js';

export interface DocExtras {
  version: string;
  /** null when no budget was given. */
  verdicts: BudgetVerdict[];
  artifacts: { format: string; path: string }[];
}

/** Rows of a leak table in the document and the Markdown summary. */
export const MAX_SUSPECTS = 20;

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
};

/** Builds the `--json` document (also the input of the Markdown summary). */
export function buildReportDoc(inputs: { profile: Profile; table: Analysis; leaks?: LeakReportLike | null }, extras: DocExtras): ReportDoc {
  const a = inputs.table;
  const p = inputs.profile;
  const unit = a.sampleType.unit;
  const auto = (v: number): Amount => ({ value: v, formatted: label(v, unit) });
  const share = (v: number): Share => ({ value: v, formatted: a.formatValue(v), percent: a.total !== 0 ? round((100 * v) / a.total, 2) : null });
  const m0 = p.mappings[0];
  const cmp = comparisonOf(p, a.valueIndex);
  const leaks = inputs.leaks ?? null;
  const verdicts = extras.verdicts.map((v): VerdictDoc => ({
    budget: v.kind,
    spec: v.spec,
    subject: v.subject,
    limit: auto(v.limit),
    actual: auto(v.actual),
    over: auto(v.actual - v.limit),
    ok: v.ok,
    matched: v.matched ?? null,
  }));
  let shown = 0;
  for (const n of a.graph.nodes) shown += n.flat;
  return {
    schema: SCHEMA_ID,
    generator: { name: 'gen-report', version: extras.version },
    profile: {
      sources: [...p.meta.sources],
      format: p.meta.format,
      file: m0 && m0.file !== '' ? baseName(m0.file) : null,
      buildId: m0 && m0.buildId !== '' ? m0.buildId : null,
      comments: [...p.comments],
      timeNanos: p.timeNanos !== 0 ? p.timeNanos : null,
      time: p.timeNanos !== 0 ? new Date(Math.floor(p.timeNanos / 1e6)).toISOString() : null,
      durationNanos: p.durationNanos !== 0 ? p.durationNanos : null,
      sampleTypes: p.sampleTypes.map((t, index) => ({ index, type: t.type, unit: t.unit })),
      defaultSampleType: p.defaultSampleType !== '' ? p.defaultSampleType : null,
    },
    sampleType: { index: a.valueIndex, type: a.sampleType.type, unit },
    outputUnit: a.outputUnit,
    total: { value: a.total, formatted: a.formatValue(a.total) },
    options: {
      sampleIndex: a.config.sampleIndex,
      granularity: a.config.granularity,
      sort: a.config.sort,
      nodeCount: a.config.nodeCount,
      nodeFraction: a.config.nodeFraction,
      edgeFraction: a.config.edgeFraction,
      unit: a.config.unit,
      trim: a.config.trim,
      noInlines: a.config.noInlines,
      dropNegative: a.config.dropNegative,
      divideBy: a.config.divideBy,
      filters: [...a.activeFilters],
    },
    table: tableDoc(a, share, shown),
    comparison: cmp && {
      kind: cmp.kind,
      baseSources: cmp.baseSources,
      normalized: cmp.normalized,
      growth: auto(cmp.growth),
      baseTotal: cmp.baseTotal === null ? null : auto(cmp.baseTotal),
      newTotal: cmp.newTotal === null ? null : auto(cmp.newTotal),
      growthPercent: cmp.baseTotal ? round((100 * cmp.growth) / Math.abs(cmp.baseTotal), 2) : null,
    },
    leaks: leaks && leaksDoc(leaks),
    budgets: { ok: verdicts.every((v) => v.ok), breaches: verdicts.filter((v) => !v.ok).length, verdicts },
    artifacts: extras.artifacts.map((x) => ({ format: x.format, path: x.path })),
  };
}

function tableDoc(a: Analysis, share: (v: number) => Share, shown: number): ReportDoc['table'] {
  const items = textItems(a);
  const index = new Map(a.graph.nodes.map((n, i) => [n, i]));
  const ids = new Map(a.graph.nodes.map((n, i) => [n, `N${i + 1}`]));
  const nodes = a.graph.nodes.map((n, i): NodeDoc => {
    const inl = items[i]!.inlineLabel;
    return {
      id: ids.get(n)!,
      name: n.name,
      function: n.info.name !== '' ? n.info.name : null,
      file: n.info.file !== '' ? n.info.file : null,
      line: n.info.lineno !== 0 ? n.info.lineno : null,
      inline: inl === '(inline)' ? 'inline' : inl === '(partial-inline)' ? 'partial-inline' : null,
      flat: share(n.flat),
      cum: share(n.cum),
    };
  });
  const edges: ReportDoc['table']['edges'] = [];
  a.graph.nodes.forEach((n, i) => {
    const outs = [...n.out.values()].filter((e) => ids.has(e.dest));
    outs.sort((x, y) => index.get(x.dest)! - index.get(y.dest)!);
    for (const e of outs) {
      edges.push({ from: `N${i + 1}`, to: ids.get(e.dest)!, weight: share(e.weight), inline: e.inline, residual: e.residual });
    }
  });
  return {
    shown: share(shown),
    nodeCount: nodes.length,
    origCount: a.origCount,
    droppedNodes: a.droppedNodes,
    droppedEdges: a.droppedEdges,
    nodes,
    edges,
  };
}

function leaksDoc(l: LeakReportLike): LeaksDoc {
  const unit = l.sampleType.unit;
  const auto = (v: number): Amount => ({ value: v, formatted: label(v, unit) });
  const g = seriesGrowth(l);
  return {
    sampleType: { type: l.sampleType.type, unit },
    orderedBy: l.orderedBy,
    axis: l.axis,
    snapshots: l.snapshots.map((s) => ({ source: s.source, timeNanos: s.timeNanos !== 0 ? s.timeNanos : null, total: auto(s.total) })),
    growth: auto(g ? g.growth : 0),
    suspects: l.functions.slice(0, MAX_SUSPECTS).map((s) => ({
      rank: s.rank,
      name: s.frame.name,
      file: s.frame.file !== '' ? s.frame.file : null,
      verdict: s.trend.verdict,
      first: auto(s.values[0] ?? 0),
      last: auto(s.values[s.values.length - 1] ?? 0),
      growth: auto(s.trend.growth),
      slope: round(s.trend.slope, 3),
      perStep: s.trend.perStep,
      r2: round(s.trend.r2, 4),
      grewSteps: s.trend.grewSteps,
      steps: s.trend.steps,
      values: [...s.values],
    })),
  };
}

/**
 * The document as a file: two-space indented, one trailing newline. JSON.stringify escapes C0
 * controls but writes DEL, the C1 controls (U+0080–U+009F, which some terminals act on as ESC
 * sequences), the bidi overrides, isolates and marks and U+2028/U+2029 raw; they are written as `\uXXXX`
 * too (the same string once parsed), so `--json=-` on a terminal shows a profile's names without
 * the terminal acting on them. They only ever occur inside strings.
 */
export function renderJson(doc: ReportDoc): string {
  return `${JSON.stringify(doc, null, 2).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
