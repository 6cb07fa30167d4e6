import { parseArgs } from 'node:util';
import { defaultRenderOptions, DEFAULTS, type RenderOptions, type ReportConfig } from '../config/defaults.js';
import { UsageError } from '../errors.js';
import type { Granularity } from '../graph/node-info.js';
import { isKnownUnit } from '../measurement/units.js';
import { parseSize } from '../budget/size.js';
import { parseBudgets, type Budget } from '../budget/spec.js';
import { checkFlags } from './unknown-flags.js';
import { FILTER_FLAGS, GRANULARITIES, parseNumber } from '../config/refine.js';
import { formatRecord, formatTable, DEFAULT_FORMAT, type Format, type FormatRecord } from '../report/formats.js';

export { parseSize };

export type { Format };

/** Names of the formats, in --help's order (the format table, src/report/formats.ts). */
const formatNames = (): Format[] => formatTable().map((r) => r.name as Format);
/** A summary's option takes an optional `=FILE` (`--json`, `--json=out.json`). */
const isSummary = (name: string): boolean => formatRecord(name)?.summary === true;

/** The typed options `run()` receives. */
export interface CliOptions {
  inputs: string[];
  formats: Format[];
  output: string | null;
  outDir: string;
  /** --out-dir was given (pprof's redirection rule applies only without it). */
  outDirGiven: boolean;
  report: ReportConfig;
  /** Layout and PNG options of the graph formats. */
  render: RenderOptions;
  maxInflate: number;
  /** `--base` / `--diff_base` sources (merged into one base profile), empty when none. */
  base: string[];
  /** true when the base came from `--diff_base`. */
  diffBase: boolean;
  normalize: boolean;
  /** `--leaks`: the inputs are a series of snapshots to rank allocation sites by growth. */
  leaks: boolean;
  /** Largest HTTP body accepted (--max-fetch). */
  maxFetch: number;
  /** `?seconds=N` for URL inputs (0 = not set). */
  seconds: number;
  /** Whole-fetch time limit for URL inputs, in seconds. */
  timeoutSeconds: number;
  /** Keep fetched profiles under $PPROF_TMPDIR or ~/pprof (false with --no-save). */
  save: boolean;
  /** `--json=FILE` / `--markdown=FILE`; absent or "" = the format's default destination. */
  files: Partial<Record<Format, string>>;
  budgets: Budget[];
  /** false with --no-exit-code: budget breaches are reported, the exit code stays 0. */
  exitCode: boolean;
  mergeAnonymous: boolean;
  debug: boolean;
  quiet: boolean;
  /** Non-fatal remarks about the command line, printed on stderr. */
  warnings: string[];
  /** `-i`: load once, then read pprof's interactive commands (src/cli/interactive/). */
  interactive: boolean;
  /** `--http=[HOST]:PORT`: serve the HTML report (null when not asked for). */
  http: { host: string; port: number } | null;
  /** `--web`: the HTML report in a temporary file, opened in a browser. */
  web: boolean;
  noBrowser: boolean;
}

export interface Spec {
  type: 'boolean' | 'string';
  /** May be given several times (values collected in order). */
  multiple?: boolean;
  short?: string;
  /** Extra spellings (pprof's underscore names get a dashed twin automatically). */
  group: string;
  arg?: string;
  help: string;
  default?: string;
}

const SAMPLE_SHORTHANDS = ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects'];

/** A format's option: from its record (src/report/formats.ts). */
function formatSpec(r: FormatRecord): Spec {
  const spec: Spec = { type: r.summary || r.param ? 'string' : 'boolean', group: 'Formats', help: r.help };
  if (r.summary) spec.arg = '[=FILE]';
  else if (r.param) spec.arg = r.param;
  if (r.helpDefault !== undefined) spec.default = r.helpDefault;
  return spec;
}

/** Every option, once: parsing and --help both come from this table (the formats from theirs). */
export function specs(): Record<string, Spec> {
  return { ...Object.fromEntries(formatTable().map((r) => [r.name, formatSpec(r)])), ...OPTION_SPECS };
}

/** The options that are not formats. */
const OPTION_SPECS: Record<string, Spec> = {
  output: { type: 'string', short: 'o', group: 'Output', arg: 'FILE', help: 'write the one requested format to FILE (- = stdout)', default: '<out-dir>/<stem>.<ext>, text on stdout' },
  http: {
    type: 'string',
    group: 'Output',
    arg: '[HOST]:PORT',
    help: 'serve the HTML report on HOST:PORT (loopback when HOST is empty; :0 = a free port); a URL source is fetched afresh on each reload',
    default: 'off',
  },
  web: { type: 'boolean', group: 'Output', help: 'write the HTML report to a temporary file and open it in a browser' },
  no_browser: { type: 'boolean', group: 'Output', help: 'with --http/--web: do not open a browser (also GEN_REPORT_NO_BROWSER=1)' },
  'out-dir': { type: 'string', group: 'Output', arg: 'DIR', help: 'folder for output files', default: '.' },
  sample_index: {
    type: 'string',
    group: 'Report',
    arg: 'NAME|N',
    help: 'sample type to report (inuse_space, alloc_objects, … or its index)',
    default: "profile's default_sample_type, else the last type",
  },
  inuse_space: { type: 'boolean', group: 'Report', help: 'same as --sample_index=inuse_space' },
  inuse_objects: { type: 'boolean', group: 'Report', help: 'same as --sample_index=inuse_objects' },
  alloc_space: { type: 'boolean', group: 'Report', help: 'same as --sample_index=alloc_space' },
  alloc_objects: { type: 'boolean', group: 'Report', help: 'same as --sample_index=alloc_objects' },
  nodecount: { type: 'string', group: 'Report', arg: 'N', help: 'show at most N nodes (0 or negative = all)', default: 'all for text, 80 for graphs' },
  nodefraction: { type: 'string', group: 'Report', arg: 'F', help: 'hide nodes below F × total', default: String(DEFAULTS.report.nodeFraction) },
  edgefraction: { type: 'string', group: 'Report', arg: 'F', help: 'hide edges below F × total', default: String(DEFAULTS.report.edgeFraction) },
  cum: { type: 'boolean', group: 'Report', help: 'sort by cumulative value' },
  flat: { type: 'boolean', group: 'Report', help: 'sort by flat value', default: 'on' },
  unit: {
    type: 'string',
    group: 'Report',
    arg: 'UNIT',
    help: 'unit for values: minimum, auto, or B, kB, MB, GB…',
    default: DEFAULTS.report.unit,
  },
  granularity: { type: 'string', group: 'Report', arg: 'NAME', help: `one of ${GRANULARITIES.join(', ')}`, default: DEFAULTS.report.granularity },
  functions: { type: 'boolean', group: 'Report', help: 'aggregate at the function level', default: 'on' },
  filefunctions: { type: 'boolean', group: 'Report', help: 'aggregate at the function level, per file' },
  files: { type: 'boolean', group: 'Report', help: 'aggregate at the file level' },
  lines: { type: 'boolean', group: 'Report', help: 'aggregate at the source line level' },
  addresses: { type: 'boolean', group: 'Report', help: 'aggregate at the address level' },
  noinlines: { type: 'boolean', group: 'Report', help: 'attribute inlined calls to their callers' },
  drop_negative: { type: 'boolean', group: 'Report', help: 'ignore negative differences' },
  compact_labels: { type: 'boolean', group: 'Report', help: 'show minimal headers' },
  divide_by: { type: 'string', group: 'Report', arg: 'X', help: 'divide all values by X', default: '1' },
  trim: { type: 'boolean', group: 'Report', help: 'trim small nodes and edges (--trim=false shows everything)', default: 'on' },
  base: { type: 'string', multiple: true, group: 'Compare', arg: 'OLD', help: 'subtract profile OLD (given twice, the last wins, as in pprof)', default: 'none' },
  diff_base: {
    type: 'string',
    multiple: true,
    group: 'Compare',
    arg: 'OLD',
    help: 'show differences from OLD, percentages relative to OLD',
    default: 'none',
  },
  normalize: { type: 'boolean', group: 'Compare', help: "scale the profile to the base's total before subtracting" },
  leaks: {
    type: 'boolean',
    group: 'Compare',
    help: 'rank allocation sites by growth across snapshots: gen-report --leaks s1 s2 … sN',
  },
  'max-total': { type: 'string', group: 'Budgets', arg: 'SIZE', help: 'fail (exit 1) when the total exceeds SIZE (64MiB, 1.5GB, 300kB: 1 kB = 1024 B, as pprof prints)', default: 'none' },
  'max-flat': {
    type: 'string',
    multiple: true,
    group: 'Budgets',
    arg: 'REGEX=SIZE',
    help: 'fail when the summed flat value of nodes matching REGEX exceeds SIZE or P% of the total (repeatable)',
    default: 'none',
  },
  'max-growth': { type: 'string', group: 'Budgets', arg: 'SIZE|P%', help: 'fail when growth against the base, or across a --leaks series, exceeds SIZE or P%', default: 'none' },
  'exit-code': { type: 'boolean', group: 'Budgets', help: 'exit 1 on a budget breach (--no-exit-code: report only)', default: 'on' },
  relative_percentages: { type: 'boolean', group: 'Report', help: 'percentages of the filtered samples, not of the whole profile' },
  call_tree: { type: 'boolean', group: 'Report', help: 'graphs: one node per call path (a tree), not per function' },
  focus: { type: 'string', group: 'Filters', arg: 'REGEX', help: 'keep samples with a frame matching REGEX (function, file or binary name)', default: 'none' },
  ignore: { type: 'string', group: 'Filters', arg: 'REGEX', help: 'drop samples with a frame matching REGEX', default: 'none' },
  hide: { type: 'string', group: 'Filters', arg: 'REGEX', help: 'remove frames matching REGEX from the stacks', default: 'none' },
  show: { type: 'string', group: 'Filters', arg: 'REGEX', help: 'keep only frames matching REGEX in the stacks', default: 'none' },
  show_from: { type: 'string', group: 'Filters', arg: 'REGEX', help: 'drop the frames above the highest frame matching REGEX', default: 'none' },
  prune_from: { type: 'string', group: 'Filters', arg: 'REGEX', help: 'drop the frames below the lowest frame matching REGEX', default: 'none' },
  tagfocus: { type: 'string', group: 'Filters', arg: 'FILTER', help: 'keep samples with a tag matching [key=]REGEX[,REGEX] or a range (1mb:2gb, 30kb:, :64kb)', default: 'none' },
  tagignore: { type: 'string', group: 'Filters', arg: 'FILTER', help: 'drop samples with a tag matching [key=]REGEX[,REGEX] or a range', default: 'none' },
  tagshow: { type: 'string', group: 'Filters', arg: 'REGEX', help: 'keep only the tags whose key matches REGEX', default: 'none' },
  taghide: { type: 'string', group: 'Filters', arg: 'REGEX', help: 'drop the tags whose key matches REGEX', default: 'none' },
  source_path: { type: 'string', group: 'Source', arg: 'DIRS', help: 'where --list looks for source files (colon-separated)', default: 'the current directory' },
  trim_path: { type: 'string', group: 'Source', arg: 'PREFIXES', help: 'path prefixes to remove from source file names (colon-separated)', default: 'none' },
  'layout-timeout': {
    type: 'string',
    group: 'Pictures',
    arg: 'S',
    help: 'stop the graph layout (svg, png, html) after S seconds',
    default: String(DEFAULTS.layoutTimeoutSeconds),
  },
  dpi: { type: 'string', group: 'Pictures', arg: 'N', help: 'PNG resolution (72 = 1 pixel per point)', default: '96, reduced towards 2400 px wide, at least 72' },
  scale: { type: 'string', group: 'Pictures', arg: 'F', help: 'multiply the PNG size by F', default: String(DEFAULTS.pngScale) },
  'merge-anonymous': {
    type: 'boolean',
    group: 'Input',
    help: "merge Node (anonymous…) functions by name as pprof does (off: each gets its file appended)",
  },
  'max-inflate': { type: 'string', group: 'Input', arg: 'SIZE', help: 'refuse a profile (file, stdin, or gzip content once inflated) larger than SIZE', default: '1GiB' },
  seconds: { type: 'string', group: 'Input', arg: 'N', help: 'for URLs: add ?seconds=N (delta and CPU endpoints)', default: 'not set' },
  timeout: {
    type: 'string',
    group: 'Input',
    arg: 'S',
    help: 'for URLs: give up when the whole fetch takes longer than S seconds',
    default: `${DEFAULTS.timeoutSeconds}, or 1.5 × --seconds + ${DEFAULTS.fetchTimeoutMarginSeconds}, as pprof`,
  },
  save: {
    type: 'boolean',
    group: 'Input',
    help: 'for URLs: keep the fetched profile as pprof does, in $PPROF_TMPDIR, else ~/pprof (--no-save: do not)',
    default: 'on',
  },
  'max-fetch': { type: 'string', group: 'Input', arg: 'SIZE', help: 'for URLs: stop downloading an answer larger than SIZE', default: '512MiB' },
  interactive: { type: 'boolean', short: 'i', group: 'General', help: "load the profiles once, then read go tool pprof's interactive commands (top10, list main.query, …)" },
  quiet: { type: 'boolean', short: 'q', group: 'General', help: 'no progress messages' },
  debug: { type: 'boolean', group: 'General', help: 'print stack traces of internal errors' },
  help: { type: 'boolean', short: 'h', group: 'General', help: 'show this help' },
  version: { type: 'boolean', short: 'V', group: 'General', help: 'print the version' },
};

/**
 * Longest time limit a timer takes: Node's setTimeout holds a 32-bit count of milliseconds and
 * turns anything longer into 1 ms (with a TimeoutOverflowWarning on stderr).
 */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

/** pprof users type `-text`, `-nodecount=12`, `--trim=false`: make those parse. */
export function normalizeArgv(argv: string[]): string[] {
  const all = specs();
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (/^-[A-Za-z_][A-Za-z_-]+(=.*)?$/.test(a)) a = `-${a}`;
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    if (m) {
      const name = canonicalName(m[1]!, all);
      if (isSummary(name)) {
        out.push(`--${name}=${m[2]}`);
        continue;
      }
      if (all[name]?.type === 'boolean') {
        const v = m[2]!.toLowerCase();
        if (v === 'true' || v === '1') a = `--${name}`;
        else if (v === 'false' || v === '0') a = `--no-${name}`;
        else throw new UsageError(`invalid boolean value ${JSON.stringify(m[2])} for --${m[1]}`);
        out.push(a);
        continue;
      }
      a = `--${name}=${m[2]}`;
    } else if (a.startsWith('--')) {
      const name = a.slice(2);
      if (!name.startsWith('no-')) a = `--${canonicalName(name, all)}`;
      // `--json` alone means the default destination; a file only ever comes with `=`, so a profile
      // path after `--markdown` is never taken for its output file.
      if (isSummary(a.slice(2))) a = `${a}=`;
    }
    out.push(a);
  }
  return out;
}

/** pprof's other names for our options. */
const ALIASES: Record<string, string> = { top: 'text' };

/** `sample-index` → `sample_index` (both spellings are accepted, pprof's is canonical); pprof's aliases. */
function canonicalName(name: string, all: Record<string, Spec>): string {
  if (all[name]) return name;
  if (ALIASES[name]) return ALIASES[name];
  const underscored = name.replace(/-/g, '_');
  if (all[underscored]) return underscored;
  return name;
}


export function parseCli(argv: string[]): CliOptions | 'help' | 'version' {
  const all = specs();
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {};
  for (const [name, s] of Object.entries(all)) {
    options[name] = s.short ? { type: s.type, short: s.short } : { type: s.type };
    if (s.multiple) options[name].multiple = true;
    if (s.type === 'boolean') options[`no-${name}`] = { type: 'boolean' };
  }
  let parsed;
  const args = normalizeArgv(argv);
  checkFlags(args, all);
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
  const v = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (v['help']) return 'help';
  if (v['version']) return 'version';

  const report: ReportConfig = { ...DEFAULTS.report };
  const str = (k: string) => v[k] as string | undefined;
  const bool = (k: string) => v[k] === true;

  // pprof's order and rule: the first selection wins, later ones are ignored with a warning.
  const warnings: string[] = [];
  let si = str('sample_index') ?? '';
  for (const s of SAMPLE_SHORTHANDS) {
    if (!bool(s)) continue;
    if (si === '') si = s;
    else warnings.push(`multiple value selections, ignoring --${s}`);
  }
  report.sampleIndex = si;
  if (str('nodecount') !== undefined) {
    report.nodeCount = parseNumber('nodecount', str('nodecount')!, true);
    // As pprof: -1 is the default, any other count ≤ 0 means no limit.
  }
  if (str('nodefraction') !== undefined) report.nodeFraction = parseNumber('nodefraction', str('nodefraction')!, false);
  if (str('edgefraction') !== undefined) report.edgeFraction = parseNumber('edgefraction', str('edgefraction')!, false);
  // pprof's sort options are one choice: both set is its error (also `-cum -flat`, in either order).
  if (bool('cum') && bool('flat')) throw new UsageError('conflicting options set: [cum flat]');
  if (bool('cum')) report.sort = 'cum';
  if (str('unit') !== undefined) {
    const u = str('unit')!;
    // pprof accepts any unit and falls back to the base unit (B, s…) for unknown ones; say so.
    if (u !== 'minimum' && u !== 'auto' && !isKnownUnit(u)) {
      warnings.push(`unknown unit ${JSON.stringify(u)} for --unit: values are shown in the base unit (known: B, kB, MB, GB, TB, ns, us, ms, s, minimum, auto)`);
    }
    report.unit = u;
  }
  // One choice in pprof: an explicit --functions with another granularity is its error too.
  const grans = GRANULARITIES.filter((g) => bool(g));
  if (str('granularity') !== undefined) {
    const g = str('granularity') as Granularity;
    if (!GRANULARITIES.includes(g)) throw new UsageError(`unknown granularity ${JSON.stringify(g)}: want one of ${GRANULARITIES.join(', ')}`);
    grans.push(g);
  }
  if (new Set(grans).size > 1) throw new UsageError(`conflicting options set: [${[...new Set(grans)].sort().join(' ')}]`);
  if (grans[0]) report.granularity = grans[0];
  report.noInlines = bool('noinlines');
  report.dropNegative = bool('drop_negative');
  report.compactLabels = bool('compact_labels');
  if (str('divide_by') !== undefined) report.divideBy = parseNumber('divide_by', str('divide_by')!, false);
  if (bool('no-trim')) report.trim = false;
  report.relativePercentages = bool('relative_percentages');
  report.callTree = bool('call_tree');
  // The filters the HTML page refines too: one table (src/config/refine.ts) for both.
  for (const r of FILTER_FLAGS) report[r.key] = str(r.flag) ?? '';
  report.pruneFrom = str('prune_from') ?? '';
  report.sourcePath = str('source_path') ?? '';
  report.trimPath = str('trim_path') ?? '';
  for (const f of ['peek', 'list'] as const) {
    const rx = str(f);
    if (rx === undefined) continue;
    if (rx === '') throw new UsageError(`--${f} needs a regular expression (e.g. --${f}=main\\.)`);
    report[f] = rx;
  }

  const render = parseRender(str);

  const files: Partial<Record<Format, string>> = {};
  for (const f of formatNames()) if (isSummary(f) && str(f)) files[f] = str(f)!;
  // --json/--markdown: given at all (a bare flag arrives as ""); --peek/--list: a non-empty regexp.
  const formats = formatNames().filter((f) => (isSummary(f) ? str(f) !== undefined : all[f]!.type === 'string' ? (str(f) ?? '') !== '' : bool(f)));
  if (formats.length === 0) formats.push(DEFAULT_FORMAT);
  const output = str('output') ?? null;
  if (output !== null && formats.length !== 1) {
    throw new UsageError('--output names one file: give exactly one format with it (or use --out-dir)');
  }
  const seconds = str('seconds') !== undefined ? parseNumber('seconds', str('seconds')!, true) : 0;
  if (seconds < 0) throw new UsageError('--seconds must be 0 or more');
  // pprof's adjustURL (1.5 × seconds) and its HTTP client's margin on top.
  let timeoutSeconds = seconds > 0 ? seconds * 1.5 + DEFAULTS.fetchTimeoutMarginSeconds : DEFAULTS.timeoutSeconds;
  if (str('timeout') !== undefined) {
    timeoutSeconds = parseNumber('timeout', str('timeout')!, false);
    if (timeoutSeconds <= 0) throw new UsageError('--timeout must be more than 0 seconds');
    if (timeoutSeconds > MAX_TIMER_SECONDS) throw new UsageError(`--timeout must be at most ${MAX_TIMER_SECONDS} seconds`);
  }
  timeoutSeconds = Math.min(timeoutSeconds, MAX_TIMER_SECONDS); // 1.5 × a huge --seconds
  if (output !== null && Object.keys(files).length > 0) {
    throw new UsageError('give the output file once: --output FILE or --json=FILE / --markdown=FILE, not both');
  }
  const inputs = parsed.positionals;
  if (inputs.length === 0) throw new UsageError('no profile given: gen-report [options] <profile|url|->  (see --help)');
  // go tool pprof's -base/-diff_base are plain string flags: the last one wins. Same numbers here.
  const list = (k: string) => {
    const all = ((v[k] as string[] | undefined) ?? []).filter((x) => x !== '');
    if (all.length > 1) warnings.push(`--${k} given ${all.length} times: using the last one (${all[all.length - 1]}), as pprof does`);
    return all.slice(-1);
  };
  const bases = list('base');
  const diffBases = list('diff_base');
  if (bases.length > 0 && diffBases.length > 0) throw new UsageError('--base and --diff_base cannot both be given');
  const normalize = bool('normalize');
  if (normalize && bases.length + diffBases.length === 0) throw new UsageError('--normalize needs a base profile (--base or --diff_base)');
  const leaks = bool('leaks');
  if (leaks) {
    if (inputs.length < 2) throw new UsageError('--leaks needs a series of at least 2 snapshots: gen-report --leaks s1 s2 … sN');
    if (bases.length + diffBases.length > 0) throw new UsageError('--leaks compares its snapshots with each other: drop --base/--diff_base');
    const other = formats.filter((f) => !formatRecord(f)!.leaks);
    if (other.length > 0) throw new UsageError(`--leaks writes ${andList(formatNames().filter((f) => formatRecord(f)!.leaks))}, not ${other.join(', ')}`);
  }
  const noDiff = bases.length + diffBases.length > 0 ? formats.filter((f) => !formatRecord(f)!.diff) : [];
  if (noDiff.length > 0) throw new UsageError(`${noDiff.map((f) => `--${f}`).join(', ')} cannot show a difference: drop --base/--diff_base`);
  const http = str('http') !== undefined ? parseHostPort(str('http')!) : null;
  const web = bool('web');
  if (http || web) {
    const flag = http ? '--http' : '--web';
    if (http && web) throw new UsageError('give --http or --web, not both');
    const explicit = formatNames().filter((f) => f !== DEFAULT_FORMAT && formats.includes(f));
    if (explicit.length > 0 || output !== null || leaks) {
      throw new UsageError(`${flag} shows the HTML report: drop ${[...explicit.map((f) => `--${f}`), ...(output !== null ? ['--output'] : []), ...(leaks ? ['--leaks'] : [])].join(', ')}`);
    }
    formats.splice(0, formats.length, 'html');
  }
  return {
    http,
    web,
    noBrowser: bool('no_browser'),
    inputs,
    formats,
    output,
    outDir: str('out-dir') ?? '.',
    outDirGiven: str('out-dir') !== undefined,
    report,
    render,
    maxInflate: str('max-inflate') !== undefined ? parseSize('max-inflate', str('max-inflate')!) : DEFAULTS.maxInflate,
    base: diffBases.length > 0 ? diffBases : bases,
    diffBase: diffBases.length > 0,
    normalize,
    leaks,
    files,
    budgets: parseBudgets({ maxTotal: str('max-total'), maxFlat: v['max-flat'] as string[] | undefined, maxGrowth: str('max-growth') }),
    exitCode: !bool('no-exit-code'),
    mergeAnonymous: bool('merge-anonymous'),
    maxFetch: str('max-fetch') !== undefined ? parseSize('max-fetch', str('max-fetch')!) : DEFAULTS.maxFetch,
    seconds,
    timeoutSeconds,
    save: !bool('no-save'),
    debug: bool('debug'),
    quiet: bool('quiet'),
    warnings,
    interactive: bool('interactive'),
  };
}

/** "a, b and c". */
function andList(xs: string[]): string {
  return xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** pprof's -http value: `HOST:PORT`, `:PORT` (loopback), `[::1]:PORT`. */
function parseHostPort(v: string): { host: string; port: number } {
  const m = /^(\[[^\]]*\]|[^:]*):(\d{1,5})$/.exec(v);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new UsageError(`invalid --http ${JSON.stringify(v)}: want [HOST]:PORT, e.g. --http=:8080 or --http=localhost:8080`);
  const host = m[1]!.replace(/^\[|\]$/g, '');
  return { host: host === '' ? '127.0.0.1' : host, port };
}

function parseRender(str: (k: string) => string | undefined): RenderOptions {
  const render = defaultRenderOptions();
  const positive = (name: string): number | undefined => {
    const v = str(name);
    if (v === undefined) return undefined;
    const n = parseNumber(name, v, false);
    if (!(n > 0)) throw new UsageError(`--${name} must be more than 0`);
    if (name === 'layout-timeout' && n > MAX_TIMER_SECONDS) throw new UsageError(`--${name} must be at most ${MAX_TIMER_SECONDS} seconds`);
    return n;
  };
  render.layoutTimeoutSeconds = positive('layout-timeout') ?? render.layoutTimeoutSeconds;
  render.dpi = positive('dpi') ?? render.dpi;
  render.scale = positive('scale') ?? render.scale;
  return render;
}

export function helpText(version: string): string {
  const lines = [
    `gen-report ${version} — heap profiles to call-graph reports, with go tool pprof's numbers`,
    '',
    'Usage: gen-report [options] <profile|url|-> [more profiles…]',
    '',
    'Reads pprof protobuf, gzipped or not (pprof.Lookup(name).WriteTo(f, 0), /debug/pprof/NAME);',
    "pprof's legacy formats: Go's text profiles (WriteTo(f, 1), ?debug=1) of heap, allocs, goroutine,",
    'threadcreate, mutex and block; gperftools heap (heap_v2, heapz, growthz…), CPU (ProfilerStart,',
    'binary, as Go wrote it before 1.9), thread (threadz) and contention (contentionz) profiles; Java',
    'heapz, contentionz and CPU profiles; Node heap profiles (@datadog/pprof) and V8 profiles (node',
    "--cpu-prof, --heap-prof, DevTools). The content decides, never the file name. pprof's single-dash",
    'spellings (-text, -nodecount=12) and dashed twins of underscore options (--sample-index) are accepted.',
  ];
  // Options of one group together, groups in the order they first appear in specs().
  const entries = Object.entries(specs());
  const groups = [...new Set(entries.map(([, s]) => s.group))];
  const ordered = groups.flatMap((g) => entries.filter(([, s]) => s.group === g));
  let group = '';
  for (const [name, s] of ordered) {
    if (s.group !== group) {
      group = s.group;
      lines.push('', `${group}:`);
    }
    const spell = `${s.short ? `-${s.short}, ` : '    '}--${name}${s.arg ? `${s.arg.startsWith('[=') ? '' : s.arg.startsWith('[') ? '=' : ' '}${s.arg}` : ''}`;
    const dflt = s.default ?? (s.type === 'boolean' && s.group !== 'General' && s.group !== 'Formats' ? 'off' : undefined);
    const def = dflt !== undefined ? ` (default: ${dflt})` : '';
    lines.push(`  ${spell.padEnd(30)} ${s.help}${def}`);
  }
  lines.push(
    '',
    'Inputs: files, - (stdin) or http(s) URLs as for go tool pprof; URLs follow at most 10 redirects of',
    'the same scheme and never one to another scheme.',
    '',
    "pprof's redirection rule: when stdout is a regular file and one format is asked for without",
    '--output or --out-dir, it goes to stdout (gen-report heap.prof --dot > heap.gv, --png > heap.png);',
    'in a pipe the file is written as usual. Binary formats are never printed on a terminal.',
    '',
    'Output files are written to a hidden .NAME.PID.RANDOM.tmp in the same folder and renamed into place:',
    'an error or Ctrl-C leaves no partial file (after a SIGKILL only such a .tmp file may remain). An input',
    'file is never overwritten.',
    '',
    'Exit codes: 0 success; 1 budget breach (--max-total, --max-flat, --max-growth); 2 usage or input error (one line on stderr);',
    '70 internal error (rerun with --debug for the stack); 130/143 interrupted by SIGINT/SIGTERM.',
    '',
  );
  return lines.join('\n');
}
