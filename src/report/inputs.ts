import { analyzeLeaks, type LeakReport } from '../compare/leaks.js';
import { DEFAULTS, defaultRenderOptions, type RenderOptions, type ReportConfig } from '../config/defaults.js';
import { UsageError } from '../errors.js';
import { analyze, resolveSampleIndex, type Analysis, type ReportKind } from '../graph/analysis.js';
import { reportsEveryType } from '../graph/prepare.js';
import { makeView, type View } from '../graph/view.js';
import type { Profile } from '../model/profile.js';
import { layoutSvg } from '../util/platform.js';
import { buildDotModel, type DotModel } from './dot/dot-model.js';
import { startPageParts, type PageParts } from './html/background-tasks.js';

/** Non-fatal remarks (pprof's "Focus expression matched no samples"), shown on stderr by the command. */
export type Warn = (msg: string) => void;

/** What a report is made from: the profile and the options, nothing computed yet. */
export interface ReportSource {
  /** The profile as loaded (merged, base subtracted): its metadata and unfiltered samples. */
  profile: Profile;
  config: ReportConfig;
  /** Layout and raster options of the graph formats. */
  render: RenderOptions;
  /** Output file stem (input name without .pb.gz etc.). */
  stem: string;
  /** `--leaks`: the series of snapshots, of which `profile` is the last. */
  series?: { profiles: Profile[]; names: string[] };
}

/** What the renderers read, each computed at most once per run by `computeInputs`. */
export interface Computed {
  /** The filtered profile and the report total (filters run once for all formats). */
  view: View;
  /** The top table's rows: `table` when it is computed already, else without the edges the rows do not show (text, HTML, budgets). */
  rows: Analysis;
  /** The top table with every edge (JSON, Markdown). */
  table: Analysis;
  /** The trimmed call graph (DOT and the pictures). */
  graph: Analysis;
  dot: DotModel;
  /** The trimmed graph of `--tree` (80 nodes by default) or `--peek` (untrimmed). */
  tree: Analysis;
  peek: Analysis;
  /** The call graph laid out as SVG (shared by --svg, --png and --html), started when computed. */
  layout: Promise<string>;
  /** The leak ranking of a `--leaks` series; null otherwise. */
  leaks: LeakReport | null;
  /** The HTML page's: the same report for each sample type, in order (the selected one's is this run's). */
  types: TypeInputs[];
  /** The HTML page's flame graph and embedded profile, started (on the platform's background thread) before `types`. */
  pageParts: PageParts;
}

/** The name of something a renderer reads (a format record's `inputs`). */
export type Need = keyof Computed;

/** A source with what has been computed: the needs `N` for sure. */
export type ReportInputs<N extends Need = never> = ReportSource & Partial<Computed> & Pick<Computed, N>;

/** One sample type of the HTML page: its graph, its layout and its table. */
export type TypeInputs = ReportInputs<'view' | 'graph' | 'dot' | 'layout' | 'rows'>;

/** A type's needs, in the order the page has always built them: the layout starts before the table is built. */
const TYPE_NEEDS = ['layout', 'rows'] as const;

/** The pictures' DOT (ts-graphviz): loaded by `loadInputs`, only for the needs that lay out a graph. */
let pictures: typeof import('./pictures/layout-dot.js') | undefined;

/**
 * Loads the modules `needs` compute with (the pictures' DOT, for a layout), so that `computeInputs`
 * starts each layout at once, in order with the other inputs and their remarks. Without it, a
 * layout starts once they have loaded.
 */
export async function loadInputs(needs: readonly Need[]): Promise<void> {
  if (needs.includes('layout') || needs.includes('types')) pictures ??= await import('./pictures/layout-dot.js');
}

/** The source of a report; throws a UsageError for a config that is not a ReportConfig. */
export function reportSource(profile: Profile, config: ReportConfig, stem: string, render: RenderOptions = defaultRenderOptions(), series?: ReportSource['series']): ReportSource {
  // The library's callers: `reportSource(p, DEFAULTS)` (not DEFAULTS.report) would fail much later.
  if (typeof config?.sampleIndex !== 'string' || typeof config.nodeFraction !== 'number') {
    throw new UsageError(`reportSource: want a ReportConfig (DEFAULTS.report with your changes)${config && 'report' in config ? ', not DEFAULTS' : ''}`);
  }
  return series ? { profile, config, render, stem, series } : { profile, config, render, stem };
}

/**
 * `from` with `needs` added, in their order, each computed once: what `from` has already is kept
 * (so the run computes what its budgets read, then what each format reads, and `--dot --svg --png
 * --html` build one graph and lay it out once). `warn` gets the remarks, when they arise.
 */
export function computeInputs<N extends Need, H extends Need = never>(from: ReportInputs<H>, needs: readonly N[], warn: Warn = () => {}): ReportInputs<N | H> {
  const out: ReportInputs = { ...from };
  for (const n of needs) add(out, n, warn);
  return out as ReportInputs<N | H>;
}

function need<N extends Need>(i: ReportInputs, n: N, warn: Warn): Computed[N] {
  add(i, n, warn);
  return i[n] as Computed[N];
}

function add(i: ReportInputs, n: Need, warn: Warn): void {
  if (i[n] !== undefined) return;
  switch (n) {
    case 'view':
      i.view = makeView(i.profile, i.config, warn);
      return;
    case 'rows':
      // The same rows either way; the table, when something has already built it, is at hand.
      i.rows = i.table ?? analysisOf(i, 'rows', warn);
      return;
    case 'table':
    case 'graph':
    case 'tree':
    case 'peek':
      i[n] = analysisOf(i, n, warn);
      return;
    case 'dot':
      i.dot = buildDotModel(need(i, 'graph', warn));
      return;
    case 'layout': {
      const dot = need(i, 'dot', warn);
      // Started now: the pictures' DOT is made here (its remark comes in order with the others' when
      // loadInputs has loaded it), then laid out by the platform. A failure of layoutDot is the
      // layout's, as Graphviz's own. Marked handled: a page's other sample type may fail before its
      // renderer awaits it.
      const seconds = i.render.layoutTimeoutSeconds;
      const start = (m: typeof import('./pictures/layout-dot.js')) => {
        const l = m.layoutDot(dot, warn);
        return layoutSvg(l.dot, seconds, `${l.nodes} nodes, ${l.edges} edges`);
      };
      const loaded = pictures;
      i.layout = loaded ? (async () => start(loaded))() : import('./pictures/layout-dot.js').then(start);
      i.layout.catch(() => {});
      return;
    }
    case 'leaks':
      i.leaks = i.series ? leakReport(i.series, i.config, warn) : null;
      return;
    case 'types':
      i.types = everyType(i, warn);
      return;
    case 'pageParts':
      i.pageParts = startPageParts(need(i, 'view', warn).profile, i.profile, i.config, DEFAULTS.htmlMaxProfileBytes);
      return;
  }
}

function analysisOf(i: ReportInputs, kind: ReportKind, warn: Warn): Analysis {
  const v = need(i, 'view', warn);
  return analyze(v.profile, i.config, kind, { total: v.total, activeFilters: v.activeFilters });
}

function leakReport(series: NonNullable<ReportSource['series']>, config: ReportConfig, warn: Warn): LeakReport {
  const report = analyzeLeaks(series.profiles, series.names, config.sampleIndex);
  if (report.sampleType.type.startsWith('alloc_')) {
    warn(`--leaks on ${report.sampleType.type}: allocation totals only ever grow; leaks show in inuse_space/inuse_objects`);
  }
  return report;
}

/**
 * Every sample type's report (the HTML page switches types without a server): the selected type's
 * is the run's own (shared with --svg, --png); each other one has its own view, graph and layout,
 * with the run's options but that sample type, and no remarks (the selected type's gave the run's
 * remarks about the same options, once). Each layout starts as soon as its graph is built, so the
 * table of the same type and the next type's graph are built while it runs.
 */
function everyType(i: ReportInputs, warn: Warn): TypeInputs[] {
  // Every type's table and graph follow: the first graph's untrimmed walk sums them all at once.
  reportsEveryType(need(i, 'view', warn).profile);
  const selected = resolveSampleIndex(i.profile, i.config.sampleIndex);
  return i.profile.sampleTypes.map((_, j): TypeInputs => {
    if (j === selected) {
      for (const n of TYPE_NEEDS) add(i, n, warn);
      return { ...i } as TypeInputs;
    }
    const source: ReportSource = { profile: i.profile, config: { ...i.config, sampleIndex: String(j) }, render: i.render, stem: i.stem };
    const inputs = computeInputs(source, TYPE_NEEDS); // the layout computes view, graph and dot first
    return inputs as TypeInputs;
  });
}
