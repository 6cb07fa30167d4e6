// The documented library API (README "Library"): one call that does what the command does, and
// its three stages. Options are the command's own (parsed by its parser: same defaults, same
// checks, same messages), so a report made here has the command's numbers and files.
import './io/node-platform.js';
import { join } from 'node:path';
import { checkBudgets, breachLine, type BudgetVerdict } from './budget/check.js';
import { BUDGET_NEEDS, budgetFacts } from './budget/facts.js';
import { leaksSource } from './cli/leaks.js';
import { parseCli, type CliOptions, type Format } from './cli/options.js';
import { readSources, stemOf } from './cli/sources.js';
import { inputGuard, prepareTarget, writeAtomic } from './cli/write.js';
import { subtractBase } from './profile/diff.js';
import { DEFAULTS } from './config/defaults.js';
import { UsageError } from './errors.js';
import { loadProfile } from './io/load-profile.js';
import { hasSharedMappings, mergeProfiles } from './profile/merge.js';
import { mergeThenPrune } from './profile/prune.js';
import type { Profile } from './model/profile.js';
import { computeInputs, reportSource, type ReportInputs, type ReportSource } from './report/inputs.js';
import type { ReportDoc } from './report/summaries/json-types.js';
import { buildReportDoc, renderJson } from './report/summaries/json.js';
import { formatRecord, formatTable, noSummary, renderFormat } from './report/formats.js';
import { warmUp } from './io/warm-up.js';
import { packageVersion } from './version.js';

export type { Format as ReportFormat } from './cli/options.js';

/** A profile to read: a file path, an http(s) URL, or the bytes themselves (named for messages). */
export type ProfileInput = string | Uint8Array | { name: string; bytes: Uint8Array };

/** Any option of the command by its long name, as on its command line: `{ nodecount: 30, sample_index: 'alloc_space', focus: 'main' }`. */
export type Flags = Record<string, string | number | boolean | readonly string[]>;

export interface GenerateOptions {
  /** The formats to make (default: `['text']`, as the command). */
  formats?: readonly Format[];
  /** Write the file formats there, named as the command names them (`<stem>.png`, `<stem>.json`, `<stem>.md`); absent: nothing is written. */
  outDir?: string;
  budgets?: { maxTotal?: string; maxFlat?: readonly string[]; maxGrowth?: string };
  /** Subtracted from the profile (`--base`), or compared with it (`diffBase`, `--diff_base`). */
  base?: ProfileInput;
  diffBase?: ProfileInput;
  /** The inputs are a series of snapshots (`--leaks`). */
  leaks?: boolean;
  /** Every other option of the command. */
  flags?: Flags;
}

export interface GeneratedReport {
  /** What the command prints on stdout: the text formats (text, tree, traces, tags, peek, list), in its order. */
  text: string;
  /** The JSON report (schema gen-report/1, docs/report.schema.json), made whether or not `json` was asked for. */
  report: ReportDoc;
  /** Each requested format's content: a string, or bytes for png. */
  outputs: Partial<Record<Format, string | Uint8Array>>;
  /** The files written (with `outDir`). */
  files: { format: Format; path: string }[];
  budgets: BudgetVerdict[];
  /** One line per breached budget, as the command prints them. */
  breaches: string[];
  /** The command's exit code for this run: 0, or 1 when a budget is breached (the report is made either way). */
  exitCode: 0 | 1;
  /** Non-fatal remarks the command prints as warnings. */
  warnings: string[];
}

/** The analysed profile the renderers take (from `analyseProfile`): the profile and the report options. */
export type ReportAnalysis = ReportSource;

/** A profile's name in messages and file names. */
const nameOf = (input: ProfileInput, i: number): string => (typeof input === 'string' ? input : input instanceof Uint8Array ? `profile-${i + 1}` : input.name);

function checkInput(input: unknown, what: string): asserts input is ProfileInput {
  const ok =
    typeof input === 'string' ||
    input instanceof Uint8Array ||
    (typeof input === 'object' && input !== null && typeof (input as { name?: unknown }).name === 'string' && (input as { bytes?: unknown }).bytes instanceof Uint8Array);
  if (!ok || input === '') throw new UsageError(`${what}: want a file path, a URL, a Uint8Array or { name, bytes }, got ${describe(input)}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v === '' ? 'an empty string' : JSON.stringify(v);
  if (typeof v === 'object') return `an object with keys ${Object.keys(v).slice(0, 5).join(', ') || '(none)'}`;
  return typeof v;
}

/** The command line these options stand for: parsed by the command's own parser. */
function toOptions(names: string[], o: GenerateOptions): CliOptions {
  if (o.flags !== undefined && (typeof o.flags !== 'object' || o.flags === null || Array.isArray(o.flags))) {
    throw new UsageError(`flags: want an object of the command's options by name, got ${describe(o.flags)}`);
  }
  const flags = { ...o.flags };
  const argv: string[] = [];
  for (const f of o.formats ?? []) {
    // --peek/--list are formats that take their regexp.
    if (f === 'peek' || f === 'list') {
      argv.push(`--${f}=${String(flags[f] ?? '')}`);
      delete flags[f];
    } else argv.push(`--${f}`);
  }
  if (o.budgets?.maxTotal !== undefined) argv.push(`--max-total=${o.budgets.maxTotal}`);
  for (const b of o.budgets?.maxFlat ?? []) argv.push(`--max-flat=${b}`);
  if (o.budgets?.maxGrowth !== undefined) argv.push(`--max-growth=${o.budgets.maxGrowth}`);
  if (o.base !== undefined) argv.push(`--base=${nameOf(o.base, 0)}`);
  if (o.diffBase !== undefined) argv.push(`--diff_base=${nameOf(o.diffBase, 0)}`);
  if (o.leaks) argv.push('--leaks');
  if (o.outDir !== undefined) argv.push(`--out-dir=${o.outDir}`);
  for (const [k, v] of Object.entries(flags)) {
    for (const one of Array.isArray(v) ? v : [v]) argv.push(one === true ? `--${k}` : `--${k}=${String(one)}`);
  }
  const opts = parseCli([...argv, '--', ...names]);
  if (opts === 'help' || opts === 'version') throw new UsageError(`flags: --${opts} is not a report option`);
  return opts;
}

/** `dropFrames: false`: the profiles' drop_frames left for `sourceOf` to apply once merged, as pprof does. */
async function readAll(inputs: ProfileInput[], opts: CliOptions, dropFrames = true): Promise<Profile[]> {
  const out: Profile[] = [];
  for (const [i, input] of inputs.entries()) {
    const parse = { maxInflate: opts.maxInflate, mergeAnonymous: opts.mergeAnonymous, dropFrames };
    if (typeof input === 'string') {
      const [src] = await readSources([input], { maxBytes: opts.maxInflate, maxFetch: opts.maxFetch, timeoutSeconds: opts.timeoutSeconds, seconds: opts.seconds });
      out.push(await loadProfile(src!.bytes, src!.name, parse));
    } else {
      out.push(await loadProfile(input instanceof Uint8Array ? input : input.bytes, nameOf(input, i), parse));
    }
  }
  return out;
}

function sourceOf(profiles: Profile[], names: string[], bases: Profile[], opts: CliOptions): ReportSource {
  if (opts.leaks) return leaksSource(profiles.map(mergeThenPrune), names, opts.report, opts.render);
  let profile = profiles.length === 1 && !hasSharedMappings(profiles[0]!) ? profiles[0]! : mergeProfiles(profiles);
  if (bases.length > 0) profile = subtractBase(profile, bases.length === 1 ? bases[0]! : mergeProfiles(bases), { diff: opts.diffBase, normalize: opts.normalize });
  // pprof's RemoveUninteresting: once, on everything merged, with the first source's drop_frames.
  profile = mergeThenPrune(profile);
  return reportSource(profile, opts.report, stemOf(names[0]!, DEFAULTS.stdinStem), opts.render);
}

/** The library writes a file for every format but pprof's text reports (the Markdown summary too). */
function fileName(format: Format, stem: string): string | null {
  const r = formatRecord(format)!;
  return r.destination === 'stdout' ? null : `${stem}.${r.ext}`;
}

/**
 * Reads the profile(s), makes the requested formats with the command's defaults, checks the
 * budgets and, with `outDir`, writes the files (every one rendered before any is written).
 * Throws a `UserError` for what the command refuses with exit 2 (`UsageError`: an option;
 * `InputError`: a profile, with `.source`); a breached budget is not an error: `exitCode` 1.
 */
export async function generateReport(inputs: ProfileInput | readonly ProfileInput[], options: GenerateOptions = {}): Promise<GeneratedReport> {
  const list = Array.isArray(inputs) ? [...(inputs as readonly ProfileInput[])] : [inputs as ProfileInput];
  if (list.length === 0) throw new UsageError('generateReport: no profile given');
  for (const i of list) checkInput(i, 'generateReport');
  if (typeof options !== 'object' || options === null) throw new UsageError(`generateReport: options must be an object, got ${describe(options)}`);
  const base = options.base ?? options.diffBase;
  if (base !== undefined) checkInput(base, options.base !== undefined ? 'base' : 'diffBase');
  const names = list.map(nameOf);
  const opts = toOptions(names, options);
  const warnings = [...opts.warnings];
  const warn = (m: string) => void warnings.push(m);
  const releases = opts.formats.map((f) => warmUp(formatRecord(f)!));
  try {
    const source = sourceOf(await readAll(list, opts, false), names, base !== undefined ? await readAll([base], opts, false) : [], opts);
    const paths = new Map<Format, string>();
    if (options.outDir !== undefined) {
      for (const f of opts.formats) {
        const name = fileName(f, source.stem);
        if (name !== null) paths.set(f, join(opts.outDir, name));
      }
    }
    // What budgets and each format compute is kept for the formats after, as in the command.
    let inputs: ReportInputs = source;
    const verdicts = opts.budgets.length > 0 ? checkBudgets(opts.budgets, budgetFacts((inputs = computeInputs(inputs, BUDGET_NEEDS, warn)))) : [];
    const outputs: Partial<Record<Format, string | Uint8Array>> = {};
    let text = '';
    // As the command: each summary lists the other files written.
    const summary = (self: Format | null) => ({ version: packageVersion(), verdicts, artifacts: [...paths].filter(([f]) => f !== self).map(([format, path]) => ({ format, path })) });
    const records = opts.formats.map((f) => formatRecord(f)!);
    for (const r of records.filter((r) => !r.summary)) {
      const f = r.name as Format;
      const out = await renderFormat(r, inputs, summary(f), warn);
      inputs = out.inputs;
      const data = out.data;
      outputs[f] = data;
      if (!paths.has(f)) text += typeof data === 'string' ? data : new TextDecoder().decode(data);
    }
    for (const r of records.filter((r) => r.summary)) {
      const out = await renderFormat(r, inputs, summary(r.name as Format), warn);
      inputs = out.inputs;
      outputs[r.name as Format] = out.data;
    }
    const report = buildReportDoc((inputs = computeInputs(inputs, ['table', 'leaks'], warn)), summary('json'));

    const files: { format: Format; path: string }[] = [];
    if (paths.size > 0) {
      const guard = await inputGuard([...list, ...(base !== undefined ? [base] : [])].filter((i): i is string => typeof i === 'string'));
      for (const p of paths.values()) {
        await guard.check(p);
        await prepareTarget(p);
      }
      for (const [format, path] of paths) {
        await writeAtomic(path, outputs[format]!);
        files.push({ format, path });
      }
    }
    const unit = verdicts.length > 0 ? computeInputs(inputs, ['rows'], warn).rows.sampleType.unit : '';
    const breaches = verdicts.filter((v) => !v.ok).map((v) => breachLine(v, unit));
    return { text, report: JSON.parse(renderJson(report)) as ReportDoc, outputs, files, budgets: verdicts, breaches, exitCode: breaches.length > 0 && opts.exitCode ? 1 : 0, warnings };
  } finally {
    for (const release of releases) release?.();
  }
}

/** Stage 1: one profile from a path, a URL or bytes (gzip, pprof protobuf, Go legacy text, V8 JSON). */
export async function readProfile(input: ProfileInput, flags: Flags = {}): Promise<Profile> {
  checkInput(input, 'readProfile');
  const [p] = await readAll([input], toOptions([nameOf(input, 0)], { flags }));
  return p!;
}

function isProfile(v: unknown): v is Profile {
  return typeof v === 'object' && v !== null && Array.isArray((v as Profile).sampleTypes) && typeof (v as Profile).samples === 'object' && Array.isArray((v as Profile).functions);
}

/**
 * Stage 2: the analysis of a profile (several are merged, as the command does), with the
 * command's report options (`flags`: sample_index, focus, nodecount, …) and defaults.
 */
export function analyseProfile(profile: Profile | readonly Profile[], flags: Flags = {}, name = 'heap'): ReportAnalysis {
  const list = Array.isArray(profile) ? (profile as readonly Profile[]) : [profile as Profile];
  for (const p of list) {
    if (!isProfile(p)) throw new UsageError(`analyseProfile: want a Profile from readProfile(), got ${(p as unknown) instanceof Uint8Array ? 'bytes (read them with readProfile first)' : describe(p)}`);
  }
  if (list.length === 0) throw new UsageError('analyseProfile: no profile given');
  const opts = toOptions([name], { flags });
  return sourceOf([...list], list.map(() => name), [], opts);
}

/** What renderReport has computed for an analysis: its next formats share it (the graph, its layout…). */
const computed = new WeakMap<ReportAnalysis, ReportInputs>();

/** Stage 3: one format of an analysis: a string, or bytes for png. */
export async function renderReport(analysis: ReportAnalysis, format: Format): Promise<string | Uint8Array> {
  if (typeof analysis !== 'object' || analysis === null || !isProfile((analysis as ReportAnalysis).profile) || typeof (analysis as ReportAnalysis).config !== 'object') {
    throw new UsageError(`renderReport: want the analysis from analyseProfile(), got ${isProfile(analysis) ? 'a Profile (analyse it with analyseProfile first)' : describe(analysis)}`);
  }
  const r = formatRecord(format);
  if (!r) throw new UsageError(`renderReport: unknown format ${JSON.stringify(format)}: want one of ${formatTable().map((f) => f.name).join(', ')}`);
  if ((format === 'peek' || format === 'list') && !analysis.config[format]) throw new UsageError(`renderReport: ${format} needs its regexp: analyseProfile(profile, { ${format}: 'REGEX' })`);
  const out = await renderFormat(r, computed.get(analysis) ?? analysis, noSummary(packageVersion()), () => {});
  computed.set(analysis, out.inputs);
  return out.data;
}
