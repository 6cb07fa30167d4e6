import type { BudgetVerdict } from '../budget/check.js';
import { DEFAULTS } from '../config/defaults.js';
import type { RenderContext } from './context.js';
import { buildReportDoc, renderJson } from './summaries/json.js';
import { renderLeaksText } from './text/leaks-text.js';
import { renderMarkdown } from './summaries/markdown.js';
import { renderTags } from './text/tags.js';
import { listOutput, peekOutput, textOutput } from './text/outputs.js';
import { renderTraces } from './text/traces.js';
import { renderTree } from './text/tree.js';
import { platform } from '../util/platform.js';
import { visibleLines } from '../util/visible-text.js';

/**
 * What the summaries (JSON, Markdown) report beyond the profile: they are rendered last, once the
 * run knows its budgets' verdicts and the files it writes.
 */
export interface SummaryInputs {
  version: string;
  verdicts: BudgetVerdict[];
  /** The other files the run writes. */
  artifacts: { format: string; path: string }[];
  /** The CI run's page (Markdown links it). */
  runUrl?: string;
}

/**
 * One output format, as pprof's commands table (internal/driver/commands.go): everything the
 * parser, --help, the destinations, the progress line, the run loop and the interactive shell
 * know about it. A new format is one record here and one renderer file.
 */
export interface FormatRecord {
  /** The flag (--NAME) and the format's key everywhere (options, JSON artifacts, shell commands). */
  name: string;
  /** The --help line. */
  help: string;
  /** The flag takes this argument (--peek REGEX); summaries take an optional =FILE instead. */
  param?: string;
  /** What --help says happens without the flag's argument. */
  helpDefault?: string;
  /** File extension: `<stem>.<ext>`. */
  ext: string;
  /**
   * Where the output goes without --output: a file; stdout (pprof's text reports); or appended to
   * $GITHUB_STEP_SUMMARY when set, else stdout (never moved by pprof's redirection rule).
   */
  destination: 'file' | 'stdout' | 'step-summary';
  /** Bytes, not text: never printed on a terminal. */
  binary: boolean;
  /** Graph layout (WASM Graphviz in a worker) and the PNG rasterizer: warmed up while profiles load. */
  needs: { layout: boolean; rasterizer: boolean };
  /** Rendered after the others with the budgets' verdicts and the run's files; takes `--NAME[=FILE]`. */
  summary: boolean;
  /** The progress line while it renders. */
  label: string;
  /** Renders a profile with a base subtracted (--base, --diff_base). */
  diff: boolean;
  /** Renders the --leaks ranking of a series of snapshots. */
  leaks: boolean;
  render(ctx: RenderContext, summary: SummaryInputs): Promise<string | Uint8Array>;
  /** The renderer's modules, loaded while the profiles load (a failure shows when `render` imports them). */
  preload?: () => Promise<unknown>;
}

/** Keeps each record's name as a literal type, so `Format` lists the built-in names. */
const define = <N extends string>(r: FormatRecord & { name: N }): FormatRecord & { name: N } => r;

const noNeeds = { layout: false, rasterizer: false };
const textFormat = { ext: 'txt', destination: 'stdout', binary: false, needs: noNeeds, summary: false, diff: true, leaks: false } as const;
const picture = { destination: 'file', binary: false, needs: { layout: true, rasterizer: false }, summary: false, diff: true, leaks: false } as const;

/** The summaries' document: the same for JSON and Markdown. */
const summaryDoc = (ctx: RenderContext, s: SummaryInputs) => buildReportDoc(ctx, { version: s.version, verdicts: s.verdicts, artifacts: s.artifacts });

/**
 * The text reports escape the names they print (util/visible-text.ts, before measuring columns);
 * `visibleLines` over the whole text is the backstop for anything else a profile put there
 * (--traces, possibly hundreds of MB of bytes, escapes its names only). Heavy renderers
 * (ts-graphviz, WASM Graphviz, rasterizer, templates) are imported only when asked for.
 */
const BUILTIN = [
  define({
    ...textFormat,
    name: 'text',
    help: 'pprof-style top table on stdout (the default when no format is given)',
    label: 'text table',
    leaks: true,
    render: async (ctx) => (ctx.leaks ? visibleLines(renderLeaksText(ctx.leaks())) : textOutput(ctx)),
  }),
  define({
    ...textFormat,
    name: 'dot',
    help: 'Graphviz call graph, <stem>.gv',
    ext: 'gv',
    destination: 'file',
    label: 'call graph',
    render: async (ctx) => (await import('./dot/to-dot.js')).toDotText(ctx.dotModel()),
    preload: () => import('./dot/to-dot.js'),
  }),
  define({
    ...picture,
    name: 'svg',
    help: 'call graph laid out as SVG, <stem>.svg (no Graphviz install needed)',
    ext: 'svg',
    label: 'laying out the call graph (SVG)',
    render: async (ctx) => (await import('./pictures/svg.js')).renderSvg(ctx),
  }),
  define({
    ...picture,
    name: 'png',
    help: 'call graph as PNG, <stem>.png (no Graphviz, no system fonts needed)',
    ext: 'png',
    binary: true,
    needs: { layout: true, rasterizer: true },
    label: 'laying out and rasterizing the call graph (PNG)',
    render: async (ctx) => platform().renderPng(ctx),
  }),
  define({
    ...picture,
    name: 'html',
    help: 'one self-contained HTML report, <stem>.html',
    ext: 'html',
    label: 'building the HTML report',
    leaks: true,
    render: async (ctx) => (await import('./html/page.js')).renderHtml(ctx),
  }),
  define({
    ...textFormat,
    name: 'json',
    help: 'machine-readable report, schema gen-report/1 (docs/report.schema.json); =- for stdout',
    helpDefault: '<out-dir>/<stem>.json',
    ext: 'json',
    destination: 'file',
    summary: true,
    label: 'JSON report',
    leaks: true,
    render: async (ctx, s) => renderJson(summaryDoc(ctx, s)),
  }),
  define({
    ...textFormat,
    name: 'markdown',
    help: 'short GitHub-flavoured summary: totals, top table, budgets, artifacts',
    helpDefault: 'appended to $GITHUB_STEP_SUMMARY when set, else stdout',
    ext: 'md',
    destination: 'step-summary',
    summary: true,
    label: 'Markdown summary',
    leaks: true,
    render: async (ctx, s) => {
      const n = ctx.config.nodeCount;
      return renderMarkdown(summaryDoc(ctx, s), { rows: n > 0 ? n : DEFAULTS.markdownRows, runUrl: s.runUrl });
    },
  }),
  define({
    ...textFormat,
    name: 'tree',
    help: 'callers and callees of every node, as text on stdout',
    ext: 'tree.txt',
    label: 'tree',
    render: async (ctx) => visibleLines(renderTree(ctx.analysis('tree'))),
  }),
  define({
    ...textFormat,
    name: 'peek',
    help: 'callers and callees of the functions matching REGEX, on stdout',
    param: 'REGEX',
    helpDefault: 'none',
    ext: 'peek.txt',
    label: 'peek',
    render: async (ctx) => peekOutput(ctx),
  }),
  define({
    ...textFormat,
    name: 'traces',
    help: 'every sample with its stack and labels, on stdout',
    ext: 'traces.txt',
    label: 'traces',
    render: async (ctx) => renderTraces(ctx),
  }),
  define({
    ...textFormat,
    name: 'tags',
    help: 'the sample labels (tags) and their totals, on stdout',
    ext: 'tags.txt',
    label: 'tags',
    render: async (ctx) => visibleLines(renderTags(ctx)),
  }),
  define({
    ...textFormat,
    name: 'list',
    help: 'annotated source of the functions matching REGEX, on stdout',
    param: 'REGEX',
    helpDefault: 'none',
    ext: 'list.txt',
    label: 'list',
    render: async (ctx) => listOutput(ctx),
  }),
  define({
    ...textFormat,
    name: 'proto',
    help: 'the loaded profile (merged, base subtracted, filtered) as gzipped pprof protobuf, <stem>.pb.gz',
    ext: 'pb.gz',
    destination: 'file',
    binary: true,
    label: 'encoding the profile (protobuf)',
    render: async (ctx) => (await import('./export/proto.js')).renderProto(ctx),
  }),
  define({
    ...textFormat,
    name: 'raw',
    help: "pprof's -raw: the profile's samples, locations and mappings as text, on stdout",
    ext: 'raw.txt',
    label: 'raw profile dump',
    render: async (ctx) => visibleLines(await (await import('./export/raw.js')).renderRaw(ctx)),
  }),
  define({
    ...textFormat,
    name: 'callgrind',
    help: "pprof's -callgrind: the call graph for KCachegrind or callgrind_annotate, <stem>.callgraph.out",
    ext: 'callgraph.out',
    destination: 'file',
    label: 'callgrind graph',
    render: async (ctx) => (await import('./export/callgrind.js')).renderCallgrind(ctx),
  }),
];

/** The built-in formats' names. */
export type Format = (typeof BUILTIN)[number]['name'];

/** The run's format when none is asked for (pprof's default report too). */
export const DEFAULT_FORMAT: Format = 'text';

const table: FormatRecord[] = [...BUILTIN];

/** Every format, in --help's order. */
export function formatTable(): readonly FormatRecord[] {
  return table;
}

/** The record of a format, undefined for an unknown name. */
export function formatRecord(name: string): FormatRecord | undefined {
  return table.find((r) => r.name === name);
}

/** Summary inputs of a render outside a run (the library's renderReport, the interactive shell). */
export const noSummary = (version: string): SummaryInputs => ({ version, verdicts: [], artifacts: [] });

/**
 * Adds a format (the test of the table's readers adds one; an embedder may too): it is then
 * parsed, listed by --help and rendered by the run like the built-in ones.
 */
export function registerFormat(r: FormatRecord): void {
  if (formatRecord(r.name)) throw new Error(`format ${r.name} exists already`);
  table.push(r);
}
