import { UsageError } from '../errors.js';
import { DEFAULTS, type Granularity, type ReportConfig } from './defaults.js';

/**
 * The refine state of the HTML page, with pprof's web-UI parameter names, and how it maps to the
 * command's flags and the ReportConfig: the CLI (src/cli/options.ts) and the page's engine
 * (src/page/engine.ts) both read this table, so a refine in the page builds the config the
 * command builds from the same flags.
 */
export interface RefineState {
  f?: string;
  i?: string;
  h?: string;
  s?: string;
  sf?: string;
  tf?: string;
  ti?: string;
  ts?: string;
  th?: string;
  /** sample_index: a type name (alloc_space) or an index. */
  si?: string;
  /** nodecount. */
  n?: number;
  /** The granularity: every one the command takes (`--addresses` too), absent = functions. */
  g?: Granularity;
}

type StringKey = 'focus' | 'ignore' | 'hide' | 'show' | 'showFrom' | 'tagFocus' | 'tagIgnore' | 'tagShow' | 'tagHide';

/** The regexp filters: page parameter, command flag, config field. */
export const FILTER_FLAGS: readonly { param: 'f' | 'i' | 'h' | 's' | 'sf' | 'tf' | 'ti' | 'ts' | 'th'; flag: string; key: StringKey }[] = [
  { param: 'f', flag: 'focus', key: 'focus' },
  { param: 'i', flag: 'ignore', key: 'ignore' },
  { param: 'h', flag: 'hide', key: 'hide' },
  { param: 's', flag: 'show', key: 'show' },
  { param: 'sf', flag: 'show_from', key: 'showFrom' },
  { param: 'tf', flag: 'tagfocus', key: 'tagFocus' },
  { param: 'ti', flag: 'tagignore', key: 'tagIgnore' },
  { param: 'ts', flag: 'tagshow', key: 'tagShow' },
  { param: 'th', flag: 'taghide', key: 'tagHide' },
];

/** The granularities, as the command's flags (`--lines`, `--granularity=lines`) and the page's `g` name them. */
export const GRANULARITIES: readonly Granularity[] = ['functions', 'filefunctions', 'files', 'lines', 'addresses'];

/** A numeric flag's value as the command parses it: a one-line UsageError otherwise. */
export function parseNumber(name: string, v: string, integer: boolean): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`invalid value ${JSON.stringify(v)} for --${name}: want ${integer ? 'an integer' : 'a number'}`);
  }
  return n;
}

/**
 * The config of `gen-report … <flags of state>` where `base` is the report's config: every refine
 * field comes from `state` (absent = the flag not given), the others (unit, nodefraction, …) stay.
 */
export function refineConfig(base: ReportConfig, state: RefineState): ReportConfig {
  const c: ReportConfig = { ...base };
  for (const r of FILTER_FLAGS) c[r.key] = state[r.param] ?? '';
  c.sampleIndex = state.si ?? '';
  c.nodeCount = state.n === undefined ? DEFAULTS.report.nodeCount : parseNumber('nodecount', String(state.n), true);
  const g = state.g ?? 'functions';
  if (!GRANULARITIES.includes(g)) throw new UsageError(`unknown granularity ${JSON.stringify(g)}: want one of ${GRANULARITIES.join(', ')}`);
  c.granularity = g;
  c.peek = '';
  c.list = '';
  return c;
}

/** The refine state a config was made with (the page's initial state). */
export function stateOf(c: ReportConfig): RefineState {
  const s: RefineState = {};
  for (const r of FILTER_FLAGS) if (c[r.key] !== '') s[r.param] = c[r.key];
  if (c.sampleIndex !== '') s.si = c.sampleIndex;
  if (c.nodeCount !== DEFAULTS.report.nodeCount) s.n = c.nodeCount;
  if (c.granularity !== 'functions') s.g = c.granularity;
  return s;
}

/**
 * The command-line flags that make `c` (one `--name=value` or `--name` each), beyond the defaults:
 * what the page's "copy command" prints. The flags' names are the CLI's (src/cli/options.ts).
 */
export function configFlags(c: ReportConfig): string[] {
  const d = DEFAULTS.report;
  const out: string[] = [];
  const str = (flag: string, v: string, dv: string) => {
    if (v !== dv) out.push(`--${flag}=${v}`);
  };
  if (c.sampleIndex !== '') out.push(`--sample_index=${c.sampleIndex}`);
  for (const r of FILTER_FLAGS) str(r.flag, c[r.key], '');
  str('prune_from', c.pruneFrom, '');
  if (c.nodeCount !== d.nodeCount) out.push(`--nodecount=${c.nodeCount}`);
  if (c.granularity !== d.granularity) out.push(`--${c.granularity}`);
  if (c.nodeFraction !== d.nodeFraction) out.push(`--nodefraction=${c.nodeFraction}`);
  if (c.edgeFraction !== d.edgeFraction) out.push(`--edgefraction=${c.edgeFraction}`);
  str('unit', c.unit, d.unit);
  if (c.sort === 'cum') out.push('--cum');
  if (c.noInlines) out.push('--noinlines');
  if (c.dropNegative) out.push('--drop_negative');
  if (c.compactLabels) out.push('--compact_labels');
  if (c.divideBy !== d.divideBy) out.push(`--divide_by=${c.divideBy}`);
  if (!c.trim) out.push('--trim=false');
  if (c.callTree) out.push('--call_tree');
  if (c.relativePercentages) out.push('--relative_percentages');
  str('source_path', c.sourcePath, '');
  str('trim_path', c.trimPath, '');
  return out;
}

/** One argument quoted for a POSIX shell when it needs it. */
export function shellQuote(a: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}
