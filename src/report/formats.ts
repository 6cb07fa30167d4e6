import type { BudgetVerdict } from '../budget/check.js';
import { DEFAULTS } from '../config/defaults.js';
import { computeInputs, loadInputs, type Need, type ReportInputs, type Warn } from './inputs.js';
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
export interface FormatRecord<N extends Need = Need> {
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
  /**
   * What the renderer reads (src/report/inputs.ts), computed by the run before it renders, in this
   * order (the order in which the remarks they give are shown).
   */
  inputs: readonly N[];
  /** What it reads instead in a `--leaks` run (the text format prints the ranking, not the table). */
  leaksInputs?: readonly Need[];
  /** `warn` gets the renderer's own remarks (a PNG reduced in size). */
  render(inputs: ReportInputs<N>, summary: SummaryInputs, warn: Warn): Promise<string | Uint8Array>;
  /** The renderer's modules, loaded while the profiles load (a failure shows when `render` imports them). */
  preload?: () => Promise<unknown>;
}

/** Keeps each record's name as a literal type, so `Format` lists the built-in names. */
const define = <Name extends string, N extends Need>(r: FormatRecord<N> & { name: Name }): FormatRecord<N> & { name: Name } => r;

const noNeeds = { layout: false, rasterizer: false };
const textFormat = { ext: 'txt', destination: 'stdout', binary: false, needs: noNeeds, summary: false, diff: true, leaks: false } as const;
const picture = { destination: 'file', binary: false, needs: { layout: true, rasterizer: false }, summary: false, diff: true, leaks: false } as const;

/** The summaries' document: the same for JSON and Markdown. */
const summaryDoc = (inputs: ReportInputs<'table' | 'leaks'>, s: SummaryInputs) => buildReportDoc(inputs, { version: s.version, verdicts: s.verdicts, artifacts: s.artifacts });

/** The summaries' inputs: the top table with every edge, and a --leaks run's ranking. */
const summaryNeeds = ['table', 'leaks'] as const;

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
    inputs: ['rows'],
    leaksInputs: ['leaks'],
    render: async (i) => (i.leaks ? visibleLines(renderLeaksText(i.leaks)) : textOutput(i)),
  }),
  define({
    ...textFormat,
    name: 'dot',
    help: 'Graphviz call graph, <stem>.gv',
    ext: 'gv',
    destination: 'file',
    label: 'call graph',
    inputs: ['dot'],
    render: async (i) => (await import('./dot/to-dot.js')).toDotText(i.dot),
    preload: () => import('./dot/to-dot.js'),
  }),
  define({
    ...picture,
    name: 'svg',
    help: 'call graph laid out as SVG, <stem>.svg (no Graphviz install needed)',
    ext: 'svg',
    label: 'laying out the call graph (SVG)',
    inputs: ['layout'],
    render: async (i) => (await import('./pictures/svg.js')).renderSvg(i.layout),
  }),
  define({
    ...picture,
    name: 'png',
    help: 'call graph as PNG, <stem>.png (no Graphviz, no system fonts needed)',
    ext: 'png',
    binary: true,
    needs: { layout: true, rasterizer: true },
    label: 'laying out and rasterizing the call graph (PNG)',
    inputs: ['layout'],
    render: async (i, _s, warn) => platform().renderPng(i.layout, i.render, warn),
  }),
  define({
    ...picture,
    name: 'html',
    help: 'one self-contained HTML report, <stem>.html',
    ext: 'html',
    label: 'building the HTML report',
    leaks: true,
    inputs: ['view', 'pageParts', 'types', 'leaks'],
    render: async (i) => (await import('./html/page.js')).renderHtml(i),
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
    inputs: summaryNeeds,
    render: async (i, s) => renderJson(summaryDoc(i, s)),
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
    inputs: summaryNeeds,
    render: async (i, s) => {
      const n = i.config.nodeCount;
      return renderMarkdown(summaryDoc(i, s), { rows: n > 0 ? n : DEFAULTS.markdownRows, runUrl: s.runUrl });
    },
  }),
  define({
    ...textFormat,
    name: 'tree',
    help: 'callers and callees of every node, as text on stdout',
    ext: 'tree.txt',
    label: 'tree',
    inputs: ['tree'],
    render: async (i) => visibleLines(renderTree(i.tree)),
  }),
  define({
    ...textFormat,
    name: 'peek',
    help: 'callers and callees of the functions matching REGEX, on stdout',
    param: 'REGEX',
    helpDefault: 'none',
    ext: 'peek.txt',
    label: 'peek',
    inputs: ['view', 'peek'],
    render: async (i) => peekOutput(i),
  }),
  define({
    ...textFormat,
    name: 'traces',
    help: 'every sample with its stack and labels, on stdout',
    ext: 'traces.txt',
    label: 'traces',
    inputs: ['view'],
    render: async (i) => renderTraces(i),
  }),
  define({
    ...textFormat,
    name: 'tags',
    help: 'the sample labels (tags) and their totals, on stdout',
    ext: 'tags.txt',
    label: 'tags',
    inputs: ['view'],
    render: async (i) => visibleLines(renderTags(i)),
  }),
  define({
    ...textFormat,
    name: 'list',
    help: 'annotated source of the functions matching REGEX, on stdout',
    param: 'REGEX',
    helpDefault: 'none',
    ext: 'list.txt',
    label: 'list',
    inputs: ['view'],
    render: async (i) => listOutput(i),
  }),
  define({
    ...textFormat,
    name: 'proto',
    help: 'the loaded profile (merged, base subtracted, filtered) as gzipped pprof protobuf, <stem>.pb.gz',
    ext: 'pb.gz',
    destination: 'file',
    binary: true,
    label: 'encoding the profile (protobuf)',
    inputs: ['view'],
    render: async (i) => (await import('./export/proto.js')).renderProto(i),
  }),
  define({
    ...textFormat,
    name: 'raw',
    help: "pprof's -raw: the profile's samples, locations and mappings as text, on stdout",
    ext: 'raw.txt',
    label: 'raw profile dump',
    inputs: ['view'],
    render: async (i) => visibleLines(await (await import('./export/raw.js')).renderRaw(i)),
  }),
  define({
    ...textFormat,
    name: 'callgrind',
    help: "pprof's -callgrind: the call graph for KCachegrind or callgrind_annotate, <stem>.callgraph.out",
    ext: 'callgraph.out',
    destination: 'file',
    label: 'callgrind graph',
    inputs: ['view'],
    render: async (i) => (await import('./export/callgrind.js')).renderCallgrind(i),
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

/**
 * Renders one format: computes what it reads, added to `from` (what the run's budgets and earlier
 * formats have computed), then renders. Returns the inputs too, for the next format to share.
 */
export async function renderFormat(r: FormatRecord, from: ReportInputs, summary: SummaryInputs, warn: Warn): Promise<{ inputs: ReportInputs; data: string | Uint8Array }> {
  // What the format reads in this run: its record's inputs, or in a --leaks run its leaksInputs.
  const needs = from.series !== undefined && r.leaksInputs ? r.leaksInputs : r.inputs;
  await loadInputs(needs);
  const inputs = computeInputs(from, needs, warn);
  return { inputs, data: await r.render(inputs as ReportInputs<Need>, summary, warn) };
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
