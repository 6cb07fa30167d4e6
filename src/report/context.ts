import type { LeakReport } from '../compare/leaks.js';
import { defaultRenderOptions, type RenderOptions, type ReportConfig } from '../config/defaults.js';
import type { Profile } from '../model/profile.js';
import { analyze, type Analysis, type ReportKind } from './analysis.js';
import { buildDotModel, type DotModel } from './dot-model.js';
import { makeView, type View } from './view.js';

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
  table(): Analysis;
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
    graph: () => analysis('graph'),
    analysis,
    dotModel: () => memo('dotModel', () => buildDotModel(ctx.graph())),
    render,
    memo,
    warn,
  };
  return ctx;
}
