import { appendFile } from 'node:fs/promises';
import { checkBudgets, breachLine, type BudgetVerdict } from '../budget/check.js';
import { BUDGET_NEEDS, budgetFacts } from '../budget/facts.js';
import { DEFAULTS } from '../config/defaults.js';
import { subtractBase } from '../profile/diff.js';
import { hasSharedMappings, mergeProfiles } from '../profile/merge.js';
import { mergeThenPrune } from '../profile/prune.js';
import { computeInputs, reportSource, type ReportInputs, type ReportSource, type Warn } from '../report/inputs.js';
import type { Profile } from '../model/profile.js';
import { formatRecord, noSummary, renderFormat, type SummaryInputs } from '../report/formats.js';
import { oneLine } from '../errors.js';
import { warmUp } from '../io/warm-up.js';
import { redactUnparsedUrl, redactUrls } from '../util/redact-url.js';
import { visible } from '../util/visible-text.js';
import { packageVersion } from '../version.js';
import { destinations, type Destination, type StdoutKind } from './destinations.js';
import type { CliOptions, Format } from './options.js';
import { createProgress } from './progress.js';
import { leaksSource } from './leaks.js';
import { loadProfiles } from './load.js';
import { stemOf } from './sources.js';
import { inputGuard, prepareTarget, writeAtomic } from './write.js';

export interface RunIO {
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
  /** stderr is a terminal (progress is shown only then) and takes colours. */
  stderrIsTTY?: boolean;
  stderrColors?: boolean;
  env?: NodeJS.ProcessEnv;
  /** What standard output is (pprof's redirection rule, src/cli/destinations.ts); 'other' when absent. */
  stdoutKind?: () => StdoutKind;
}

/** Loads the inputs, renders every requested format, writes the files. Returns the exit code. */
export async function run(opts: CliOptions, io: RunIO): Promise<number> {
  // The reporters' modules and layout worker load while the profiles load (on another core).
  const releases = opts.formats.map((f) => warmUp(formatRecord(f)!));
  try {
    return await runWarm(opts, io);
  } finally {
    for (const release of releases) release?.();
  }
}

async function runWarm(opts: CliOptions, io: RunIO): Promise<number> {
  const env = io.env ?? process.env;
  const progress = createProgress({
    write: io.stderr,
    get isTTY() {
      return io.stderrIsTTY ?? false;
    },
    get colors() {
      return io.stderrColors ?? false;
    },
    quiet: opts.quiet,
    env,
  });
  const say = (s: string) => {
    progress.done();
    io.stderr(s);
  };
  const warn = warner(say);
  for (const w of opts.warnings) warn(w);
  const source = await loadSource(opts, { say, step: (l) => progress.step(l), env });
  const stem = source.stem;
  const dests = destinations(opts, stem, env, io.stdoutKind);

  // Before any rendering or writing: never overwrite an input, and every output folder is usable.
  const guard = await inputGuard([...opts.inputs, ...opts.base]);
  for (const d of dests.values()) {
    if (d.kind === 'stdout') continue;
    // Folders first: the check compares the file the path names once they exist.
    if (d.kind === 'file') await prepareTarget(d.path);
    await guard.check(d.path);
  }

  // Budgets that cannot apply (a size for an objects count, growth without a base) exit 2 here,
  // before any file is written.
  // What is computed for them (and for each format in turn) is kept for the formats after.
  let inputs: ReportInputs = source;
  const verdicts = opts.budgets.length > 0 ? checkBudgets(opts.budgets, budgetFacts((inputs = computeInputs(inputs, BUDGET_NEEDS, warn)))) : [];
  for (const v of verdicts) {
    if (v.kind === 'max-flat' && v.matched?.length === 0) say(`gen-report: warning: ${oneLine(`--max-flat ${v.spec}: no node with a flat value matches ${v.spec.slice(0, v.spec.lastIndexOf('='))}`)}\n`);
  }

  // Render everything first, so that an error in one format leaves no file of any format behind.
  // The summaries last: they report on the others (budgets, the files written).
  const rendered: { format: Format; data: string | Uint8Array }[] = [];
  const records = opts.formats.map((f) => formatRecord(f)!);
  for (const r of [...records.filter((r) => !r.summary), ...records.filter((r) => r.summary)]) {
    progress.step(r.label);
    const out = await renderFormat(r, inputs, r.summary ? summaryInputs(r.name, verdicts, dests, env) : NOT_A_SUMMARY, warn);
    inputs = out.inputs;
    rendered.push({ format: r.name as Format, data: out.data });
  }
  progress.done();
  for (const out of rendered) await emit(out.data, dests.get(out.format)!, opts.quiet, io);

  const breaches = verdicts.filter((v) => !v.ok);
  if (breaches.length === 0) return 0;
  // Budgets have already built the rows; a run without them must not build them just for the unit.
  const unit = computeInputs(inputs, ['rows'], warn).rows.sampleType.unit;
  for (const v of breaches) io.stderr(`${visible(breachLine(v, unit))}\n`);
  return opts.exitCode ? 1 : 0;
}

export interface LoadIO {
  /** Prints a full line on stderr (after clearing the progress line). */
  say: (s: string) => void;
  step: (label: string) => void;
  env: NodeJS.ProcessEnv;
}

/** The command's remarks: one line each on stderr (they quote names from the profile: control characters escaped). */
export const warner =
  (say: (s: string) => void): Warn =>
  (msg) =>
    say(`gen-report: warning: ${visible(redactUrls(msg))}\n`);

/**
 * Reads every input (files, stdin, URLs: fetched afresh on each call) and makes the source all
 * reporters' inputs are computed from: merged, the base subtracted, or the --leaks series. Used
 * once per run, and on each page load by --http.
 */
export async function loadSource(opts: CliOptions, io: LoadIO): Promise<ReportSource> {
  const { say } = io;
  // A source that does not parse as a URL keeps what was meant as its password hidden too.
  io.step(`loading ${opts.inputs.map(redactUnparsedUrl).join(' ')}`);
  const warn = warner(say);
  const { profiles, inputs, remote } = await loadProfiles(opts.inputs, opts, (msg) => say(`gen-report: note: ${oneLine(msg)}\n`));
  for (const p of profiles) for (const w of p.meta.warnings ?? []) warn(w);
  if (opts.leaks) {
    // A series of snapshots: ranked, not merged (src/compare/leaks.ts).
    return leaksSource(profiles.map(mergeThenPrune), inputs.map(redactUrls), opts.report, opts.render);
  }
  const profile = await mergeWithBase(profiles, remote, opts, io);
  return reportSource(profile, opts.report, stemOf(inputs[0]!, DEFAULTS.stdinStem), opts.render);
}

/**
 * Several sources merged into one profile, as go tool pprof does, then the base subtracted
 * (--base / --diff_base); fetched ones kept as pprof keeps them. The one-shot run and the
 * interactive session (src/cli/interactive/) load through here.
 */
export async function mergeWithBase(profiles: Profile[], remote: boolean, opts: CliOptions, io: LoadIO): Promise<Profile> {
  const { say, env } = io;
  let profile = profiles.length === 1 && !hasSharedMappings(profiles[0]!) ? profiles[0]! : mergeProfiles(profiles);
  if (remote && opts.save) await keepFetched(mergeThenPrune(profile), env, say, opts.quiet);
  if (opts.base.length > 0) {
    io.step(`loading ${opts.base.map(redactUrls).join(' ')}`);
    const b = await loadProfiles(opts.base, opts);
    const base = b.profiles.length === 1 ? b.profiles[0]! : mergeProfiles(b.profiles);
    if (b.remote && opts.save) await keepFetched(mergeThenPrune(base), env, say, opts.quiet);
    profile = subtractBase(profile, base, { diff: opts.diffBase, normalize: opts.normalize });
  }
  // pprof's RemoveUninteresting: once, on everything merged, with the first source's drop_frames
  // (loadProfiles leaves them unapplied).
  return mergeThenPrune(profile);
}

/** pprof's copy of a fetched profile (src/cli/save-fetched.ts), with its stderr line; a failure is a remark, as in pprof. */
async function keepFetched(p: Profile, env: NodeJS.ProcessEnv, say: (s: string) => void, quiet: boolean): Promise<void> {
  const { saveFetched } = await import('./save-fetched.js');
  try {
    const path = saveFetched(p, env);
    if (!quiet) say(`Saved profile in ${visible(path)}\n`);
  } catch (e) {
    say(`gen-report: warning: could not save the fetched profile: ${visible(redactUrls((e as Error).message))}\n`);
  }
}

/** What a renderer that is not a summary receives (and never reads). */
const NOT_A_SUMMARY = noSummary('');

function summaryInputs(format: string, verdicts: BudgetVerdict[], dests: Map<Format, Destination>, env: NodeJS.ProcessEnv): SummaryInputs {
  // Each summary lists the files the run writes, except itself.
  const artifacts: { format: string; path: string }[] = [];
  for (const [f, d] of dests) if (f !== format && d.kind === 'file') artifacts.push({ format: f, path: d.path });
  return { version: packageVersion(), verdicts, artifacts, runUrl: githubRunUrl(env) };
}

/** The GitHub Actions run page (where uploaded artifacts are listed), from the runner's variables. */
export function githubRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
  return server && repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}

async function emit(data: string | Uint8Array, d: Destination, quiet: boolean, io: RunIO): Promise<void> {
  if (d.kind === 'stdout') io.stdout(data);
  else if (d.kind === 'append') {
    // The step summary file is shared by the job's steps: append, never replace.
    await appendFile(d.path, data);
    if (!quiet) io.stderr(`appended the summary to ${d.path}\n`);
  } else {
    await writeAtomic(d.path, data);
    if (!quiet) io.stderr(`wrote ${visible(d.path)}\n`);
  }
}
