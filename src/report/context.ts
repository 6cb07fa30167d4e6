import type { LeakReport } from '../compare/leaks.js';
import { UsageError } from '../errors.js';
import { defaultRenderOptions, type RenderOptions, type ReportConfig } from '../config/defaults.js';
import type { Profile } from '../model/profile.js';
import { analyze, type Analysis, type ReportKind } from '../graph/analysis.js';
import { buildDotModel, type DotModel } from './dot/dot-model.js';
import { makeView, type View } from '../graph/view.js';

/**
 * What every reporter reads: the profile, the options, and lazily computed, shared intermediate
 * results (so `--dot --svg --png --html` builds one graph and lays it out once).
 */
export interface RenderContext {
  profile: Profile;
  config: ReportConfig;
  /** Output file stem (input name without .pb.gz etc.). */
  stem: string;
  /** The filtered profile and the report total (filters run once for all formats). */
  view(): View;
  /** The top table with every edge (--json). */
  table(): Analysis;
  /** The top table's rows: `table()`, without the edges the rows do not show (text, HTML, budgets). */
  rows(): Analysis;
  graph(): Analysis;
  /** The trimmed graph of `--tree` (80 nodes by default) or `--peek` (untrimmed). */
  analysis(kind: ReportKind): Analysis;
  dotModel(): DotModel;
  /** Set with `--leaks`: the ranking of allocation sites across the snapshot series. */
  leaks?: () => LeakReport;
  /** Layout and raster options of the graph formats. */
  render: RenderOptions;
  /** Memo for reporters' own shared work (e.g. the SVG layout), keyed by name. */
  memo<T>(key: string, make: () => T): T;
  /** Non-fatal remarks (pprof's "Focus expression matched no samples"), shown on stderr. */
  warn(msg: string): void;
}

export function createContext(
  profile: Profile,
  config: ReportConfig,
  stem: string,
  warn: (msg: string) => void = () => {},
  render: RenderOptions = defaultRenderOptions(),
): RenderContext {
  // The library's callers: `createContext(p, DEFAULTS)` (not DEFAULTS.report) would fail much later.
  if (typeof config?.sampleIndex !== 'string' || typeof config.nodeFraction !== 'number') {
    throw new UsageError(`createContext: want a ReportConfig (DEFAULTS.report with your changes)${config && 'report' in config ? ', not DEFAULTS' : ''}`);
  }
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  const analysis = (kind: ReportKind): Analysis =>
    memo(`analysis:${kind}`, () => {
      const v = ctx.view();
      return analyze(v.profile, config, kind, { total: v.total, activeFilters: v.activeFilters });
    });
  const ctx: RenderContext = {
    profile,
    config,
    stem,
    view: () => memo('view', () => makeView(profile, config, warn)),
    table: () => analysis('table'),
    // The same rows either way; the table, when something has already built it, is at hand.
    rows: () => (cache.has('analysis:table') ? analysis('table') : analysis('rows')),
    graph: () => analysis('graph'),
    analysis,
    dotModel: () => memo('dotModel', () => buildDotModel(ctx.graph())),
    render,
    memo,
    warn,
  };
  return ctx;
}
