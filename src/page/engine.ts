import { gunzipSync } from 'fflate';
import { refineConfig, stateOf, type RefineState } from '../config/refine.js';
import { oneLine } from '../errors.js';
import { computeInputs, reportSource, type ReportSource, type Warn } from '../report/inputs.js';
import { toDotText } from '../report/dot/to-dot.js';
import { buildFlame, type FlameData } from '../report/html/flame.js';
import { sampleView, type SampleView } from '../report/html/views.js';
import { layoutDot } from '../report/pictures/layout-dot.js';
import { listOutput, peekOutput, textOutput } from '../report/text/outputs.js';
import { installPlatform, type Platform, type SourceLines } from '../util/platform.js';
import { visible } from '../util/visible-text.js';
import { decodeProfile, samplesBlob } from '../model/codec.js';
import { commandLine, type EmbeddedPage, type EmbeddedSource } from '../report/html/embed-profile.js';
import { decodeFontMetrics, type EncodedMetrics } from './font-metrics.js';
import { layoutInWorker } from './layout-client.js';
export { warmLayout } from './layout-client.js';
import type { Profile } from '../model/profile.js';

/**
 * The report's engine in the HTML page (bundled by scripts/bundle.mjs as `window.GenReportEngine`):
 * the page refines with the very code the command runs — the same ReportConfig from the same flags
 * (src/config/refine.ts), the same view, analysis, text, DOT and flame functions — on the profile
 * the report was computed from, embedded in `#gr-profile` (src/report/html/embed-profile.ts).
 */

export type { RefineState };

/** One sample type's views (as the page's precomputed SampleView) for a refine state, and more. */
export interface ViewResult extends SampleView {
  /** Exactly what `gen-report --text` with the same flags prints on stdout. */
  text: string;
  /** Exactly what `--dot` prints. */
  dot: string;
  /** The DOT the page lays out (the command's picture DOT: font named, labels drawable): give it to layout(). */
  pictureDot: string;
  /** Computed on first read (a getter): read it when the flame graph is shown. */
  flame: FlameData;
  /** pprof's remarks the command prints on stderr ("Focus expression matched no samples"). */
  warnings: string[];
}

export interface Handle {
  /** The profile carries sample labels: tag filters are offered only then. */
  hasLabels: boolean;
  /** The state the page's precomputed views show (the report's own flags). */
  initial: RefineState;
  /** Sources for the Source view: whether any are embedded, and a note for the reader when not all. */
  sources: { available: boolean; note: string };
  /** Settles once the profile is decoded (compute() decodes it itself when called before). */
  ready: Promise<void>;
  compute(state: RefineState): ViewResult;
  peek(state: RefineState, re: string): string;
  list(state: RefineState, re: string): string | null;
  command(state: RefineState, view: string, re?: string): string;
}

/** What the engine needs of the browser (the engine's TypeScript has no DOM types). */
interface PageGlobals {
  document?: { getElementById(id: string): { textContent: string | null } | null };
  DecompressionStream?: new (format: 'gzip') => unknown;
  Blob?: new (parts: Uint8Array[]) => { stream(): { pipeThrough(t: unknown): unknown } };
  Response?: new (body: unknown) => { arrayBuffer(): Promise<ArrayBuffer> };
}

/** gzip inflated by the browser (null where it cannot: the engine's own inflate then runs on first use). */
async function inflateNatively(gz: Uint8Array): Promise<Uint8Array | null> {
  const g = globalThis as PageGlobals;
  if (!g.DecompressionStream || !g.Blob || !g.Response) return null;
  const stream = new g.Blob([gz]).stream().pipeThrough(new g.DecompressionStream('gzip'));
  return new Uint8Array(await new g.Response(stream).arrayBuffer());
}

declare const __GR_FONT_METRICS__: EncodedMetrics | undefined;

/** The engine's errors reach the page as one line, as the command prints them (without "gen-report: "). */
function oneLineError(e: unknown): Error {
  return new Error(oneLine(e instanceof Error ? e.message : String(e)));
}

/** `f()`, its failure as one line (the command's message). */
function guardedCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw oneLineError(e);
  }
}

let sourcesMissed = new Set<string>();

function pagePlatform(page: EmbeddedPage): Platform {
  const unavailable = (what: string) => () => {
    throw new Error(`${what} is not available in the page`);
  };
  const sources: Record<string, EmbeddedSource> = page.sources ?? {};
  const reader: SourceLines = {
    line(path, lineno) {
      const s = Object.prototype.hasOwnProperty.call(sources, path) ? sources[path]! : undefined;
      if (!s) {
        sourcesMissed.add(path);
        return undefined;
      }
      const i = lineno - s.firstLine;
      const line = i >= 0 && i < s.lines.length ? s.lines[i] : undefined;
      if (typeof line === 'string') return line;
      // Past the end of the file: what the command's reader says too. Anything else was not embedded.
      if (!(s.eof && i >= s.lines.length)) sourcesMissed.add(path);
      return undefined;
    },
    // Files the command could not read are not embedded: line() notes them as missed.
    error: () => undefined,
  };
  let metrics: ReturnType<typeof decodeFontMetrics> | undefined;
  return {
    // The embedded profile's blob (src/model/codec.ts); fflate is bundled into the page only.
    gunzip: (data) => gunzipSync(data),
    gzip: unavailable('gzip'),
    layoutSvg: () => Promise.reject(new Error('layout the picture DOT with GenReportEngine.layout()')),
    renderPng: () => Promise.reject(new Error('PNG is not available in the page')),
    fontBytes: unavailable('the font file'),
    fontMetrics: () => {
      if (typeof __GR_FONT_METRICS__ === 'undefined' || !__GR_FONT_METRICS__) throw new Error('the engine was bundled without font metrics');
      return (metrics ??= decodeFontMetrics(__GR_FONT_METRICS__));
    },
    pageAssets: () => Promise.reject(new Error('page assets are not available in the page')),
    sourceReader: () => reader,
    fileUrlPath: unavailable('file: URLs'),
    // Only names the search path of the reader above, which serves what the report embedded.
    cwd: () => '.',
  };
}

/** Reads `#gr-profile`; null when the page carries no profile (over the embedding cap). */
export function load(): Handle | null {
  const el = (globalThis as PageGlobals).document?.getElementById('gr-profile');
  if (!el || !el.textContent) return null;
  return open(JSON.parse(el.textContent) as EmbeddedPage);
}

/** The engine on an embedded page's data (load() parses it from the page; tests give it directly). */
export function open(page: EmbeddedPage): Handle {
  installPlatform(pagePlatform(page));
  // The samples decode on first use, or as soon as the browser's own gzip has inflated them
  // (`ready`): load() costs a JSON.parse, so the page can call it before its first paint.
  let decoded: Profile | null = null;
  let gz: Uint8Array | null = samplesBlob(page.profile); // base64-decoded once, dropped once decoded
  const profileOf = (inflated?: Uint8Array): Profile => {
    decoded ??= decodeProfile(page.profile, inflated, gz ?? undefined);
    gz = null;
    return decoded;
  };
  const ready = inflateNatively(gz).then(
    (b) => void profileOf(b ?? undefined),
    () => void profileOf(),
  );
  const ctxFor = (state: RefineState, extra: { peek?: string; list?: string } = {}): { ctx: ReportSource; warn: Warn; warnings: string[] } => {
    const warnings: string[] = [];
    const config = { ...refineConfig(page.config, state), ...extra };
    return { ctx: reportSource(profileOf(), config, page.stem), warn: (m) => warnings.push(visible(m)), warnings };
  };
  const guarded = guardedCall;
  const hasLabels = page.profile.labelSets.some((s) => Object.keys(s.str).length + Object.keys(s.num).length > 0);
  const sourceCount = Object.keys(page.sources ?? {}).length;
  return {
    ready,
    hasLabels,
    initial: stateOf(page.config),
    sources: { available: sourceCount > 0, note: page.sourcesNote ?? '' },
    compute: (state) =>
      guarded(() => {
        const { ctx, warn, warnings } = ctxFor(state);
        const i = computeInputs<'view' | 'rows' | 'graph' | 'dot'>(ctx, ['view', 'rows', 'graph', 'dot'], warn);
        const v = sampleView(i);
        const pictureDot = layoutDot(i.dot, warn).dot;
        const result = { ...v, pictureDot, warnings } as ViewResult;
        // Built when first read: the flame graph takes longer than everything above on a large
        // profile, and the page shows neither `--text`'s nor `--dot`'s text (the tests read them).
        // Not enumerable, but for the flame (the page copies the result's own keys).
        lazy(result, 'text', () => textOutput(i), false);
        lazy(result, 'dot', () => toDotText(i.dot), false);
        lazy(result, 'flame', () => buildFlame(i.view.profile, i.config), true);
        return result;
      }),
    peek: (state, re) =>
      guarded(() => {
        const { ctx, warn } = ctxFor(state, { peek: re });
        return peekOutput(computeInputs<'view' | 'peek'>(ctx, ['view', 'peek'], warn));
      }),
    list: (state, re) =>
      guarded(() => {
        sourcesMissed = new Set();
        const { ctx, warn } = ctxFor(state, { list: re });
        const out = listOutput(computeInputs<'view'>(ctx, ['view'], warn));
        // A file the report did not embed would print as missing: say "not available" instead.
        return sourcesMissed.size > 0 ? null : out;
      }),
    command: (state, view, re) => commandLine(page, refineConfig(page.config, state), view, re),
  };
}

/** `o[key]` computed on first read (a one-line Error as compute's own), then kept. */
function lazy<T extends object, K extends keyof T>(o: T, key: K, make: () => T[K], enumerable: boolean): void {
  let v: T[K] | undefined;
  Object.defineProperty(o, key, { enumerable, get: () => (v ??= guardedCall(make)) });
}

/**
 * The SVG of a picture DOT (ViewResult.pictureDot), laid out by the command's Graphviz WASM in a
 * Web Worker (started on the first call) and made inlineable as the command does for the page.
 */
export function layout(dot: string): Promise<string> {
  return layoutInWorker(dot);
}

/**
 * The page's search and its context menu use the command's Go regexps (re2js), never a JavaScript
 * RegExp on the reader's pattern; both work without an embedded profile.
 */
export { compileGoRegexp as compileRegexp, quoteMeta } from '../util/go-regexp.js';
