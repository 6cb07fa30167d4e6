import { resolveSampleIndex } from '../../graph/analysis.js';
import type { ReportInputs } from '../inputs.js';
import { dotColor } from '../dot/dot-model.js';
import { jsonForScript } from './embed.js';
import { comparisonHeader, formatLabel, friendlyType, memStatRows, optionRows, splitProfileLines } from './header.js';
import { pageAssets } from '../../util/platform.js';
import { inlineSvg } from './svg-inline.js';
import { capPage } from './size-cap.js';
import { leakSection } from './leaks.js';
import { sampleView, type SampleView } from './views.js';
import { GRANULARITIES, stateOf } from '../../config/refine.js';
import { DEFAULT_EMBED, embedPage } from './embed-profile.js';
import { own } from '../../util/dict.js';

/**
 * The page's views (pprof's web UI VIEW menu), in tab order: one shows at a time (`#view=…`). Each
 * names a partial in templates/partials and (by convention) a script in templates/js that fills it.
 */
const VIEWS = [
  { id: 'top', tab: 'Top', title: 'Top functions', partial: 'table' },
  { id: 'graph', tab: 'Graph', title: 'Call graph', partial: 'graph' },
  { id: 'flame', tab: 'Flame graph', title: 'Flame graph', partial: 'flame' },
  { id: 'peek', tab: 'Peek', title: 'Peek', partial: 'peek' },
  { id: 'source', tab: 'Source', title: 'Source', partial: 'source' },
];

/**
 * One self-contained HTML file: every sample type precomputed (table rows, totals, header lines,
 * flame-graph values and a laid-out call graph each), so the page switches types without a server.
 */
export async function renderHtml(ctx: ReportInputs<'view' | 'pageParts' | 'types' | 'leaks'>): Promise<string> {
  const p = ctx.profile;
  const selected = resolveSampleIndex(p, ctx.config.sampleIndex);
  // One layout per sample type, on the layout worker pool, started as soon as its graph was built
  // (src/report/inputs.ts, `types`); the flame graph and the embedded profile were started before
  // the graphs were built (`pageParts`: on the platform's background thread, or already made).
  const views: SampleView[] = [];
  const jobs: Promise<string>[] = [];
  for (const c of ctx.types) {
    const job = c.layout.then((svg) => inlineSvg(svg, 'gr-svg'));
    job.catch(() => {}); // settled below; a throw before then must not leave it unhandled
    jobs.push(job);
    views.push(sampleView(c));
  }
  const flame = await ctx.pageParts.flame();
  const layouts = await Promise.allSettled(jobs);
  const graphs: string[] = [];
  const graphErrors: (string | null)[] = [];
  layouts.forEach((r, j) => {
    if (r.status === 'fulfilled') {
      graphs.push(r.value);
      graphErrors.push(null);
      return;
    }
    // The selected type's graph is the one asked for: its failure fails the report, as --svg would.
    // Another type's (e.g. a layout timeout on a bigger alloc_space graph) leaves a note in its place.
    if (j === selected) throw r.reason;
    graphs.push('');
    graphErrors.push(`The call graph for ${p.sampleTypes[j]!.type} could not be laid out: ${(r.reason as Error).message}`);
  });
  const sel = views[selected]!;
  const { facts, comments } = splitProfileLines(sel.profileLines);
  const capNotes = capPage({ views, graphs, graphErrors, flame, selected, comments });
  const data = {
    selected,
    title: ctx.stem,
    views,
    graphErrors,
    flame,
    // The refine state the report's own flags give: the page opens in it (the views above are its).
    initialState: { ...stateOf(ctx.config), si: sel.type },
  };
  // The profile the report was computed from, for the page's engine to refine (src/page/).
  const embedding = embedPage(ctx, DEFAULT_EMBED, await ctx.pageParts.profile());
  const assets = await pageAssets();
  const scriptHash = assets.scriptHash;
  return assets.render({
    title: ctx.stem,
    source: p.meta.sources.join(', '),
    format: formatLabel(p, own(FORMAT_NAMES, p.meta.format) ?? p.meta.format),
    comparison: comparisonHeader(p),
    facts,
    comments,
    notes: [...p.meta.notes, ...capNotes, ...embedding.notes],
    sampleCount: p.samples.count.toLocaleString('en-US'),
    types: views.map((v, i) => ({ index: i, type: v.type, label: friendlyType(v.type), selected: i === selected })),
    // The refine form's choices: every granularity the command takes (the page checks `g` against them).
    granularities: GRANULARITIES,
    memStats: memStatRows(p),
    options: optionRows(ctx.config, sel.type, p.meta.comparison),
    legend: LEGEND.map(([score, text]) => ({ fill: dotColor(score, true), stroke: dotColor(score, false), text })),
    // With --leaks, the series' suspects come first (above the views): that is what the reader came for.
    views: VIEWS,
    leaks: ctx.leaks ? leakSection(ctx.leaks) : null,
    graphs,
    css: assets.css,
    js: assets.js,
    engineJs: assets.engineJs,
    layoutWorker: assets.layoutWorkerJs,
    profile: embedding.json,
    fontDataUri: assets.fontDataUri,
    // The engine's layout worker runs from a Blob URL and compiles Graphviz's WASM: nothing else.
    csp: `default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src 'sha256-${assets.engineHash}' 'sha256-${scriptHash}' 'wasm-unsafe-eval'; worker-src blob:`,
    data: jsonForScript(data),
  });
}

const FORMAT_NAMES: Record<string, string> = {
  'pprof-proto': 'pprof protobuf',
  'legacy-heap': 'Go legacy heap profile',
  legacy: 'legacy pprof profile',
  'v8-cpu': 'V8 CPU profile',
  'v8-heap': 'V8 sampling heap profile',
  merged: 'merged profiles',
};

/** Swatches for "how to read": pprof's colours at a few shares of the total. */
const LEGEND: [number, string][] = [
  [0.8, 'large share'],
  [0.3, 'medium'],
  [0.1, 'small'],
  [0, 'tiny'],
];
