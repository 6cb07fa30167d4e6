import { appendFile } from 'node:fs/promises';
import { checkBudgets, breachLine, type BudgetVerdict } from '../budget/check.js';
import { budgetFacts } from '../budget/facts.js';
import { DEFAULTS } from '../config/defaults.js';
import { subtractBase } from '../compare/diff.js';
import { mergeProfiles } from '../ingest/merge.js';
import { createContext, type RenderContext } from '../report/context.js';
import { buildReportDoc, renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { reporters } from '../report/reporters.js';
import { packageVersion } from '../version.js';
import { destinations, type Destination } from './destinations.js';
import { SUMMARY_FORMATS, type CliOptions, type Format } from './options.js';
import { createProgress, STAGE_LABELS } from './progress.js';
import { leaksContext } from './leaks.js';
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
}

/** Loads the inputs, renders every requested format, writes the files. Returns the exit code. */
export async function run(opts: CliOptions, io: RunIO): Promise<number> {
  // The reporters' modules and layout worker load while the profiles load (on another core).
  const releases = opts.formats.map((f) => reporters[f]?.warmUp?.());
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
  for (const w of opts.warnings) say(`gen-report: warning: ${w}\n`);
  progress.step(`loading ${opts.inputs.join(' ')}`);
  const profiles = await loadProfiles(opts.inputs, opts);
  const warn = (msg: string) => say(`gen-report: warning: ${msg}\n`);
  for (const p of profiles) for (const w of p.meta.warnings ?? []) warn(w);
  let ctx: RenderContext;
  if (opts.leaks) {
    // A series of snapshots: ranked, not merged (src/compare/leaks.ts).
    ctx = leaksContext(profiles, opts.inputs, opts.report, warn, opts.render);
  } else {
    // Several sources are merged into one profile, as go tool pprof does.
    let profile = profiles.length === 1 ? profiles[0]! : mergeProfiles(profiles);
    if (opts.base.length > 0) {
      progress.step(`loading ${opts.base.join(' ')}`);
      const bases = await loadProfiles(opts.base, opts);
      const base = bases.length === 1 ? bases[0]! : mergeProfiles(bases);
      profile = subtractBase(profile, base, { diff: opts.diffBase, normalize: opts.normalize });
    }
    ctx = createContext(profile, opts.report, stemOf(opts.inputs[0]!, DEFAULTS.stdinStem), warn, opts.render);
  }
  const stem = ctx.stem;
  const dests = destinations(opts, stem, env);

  // Before any rendering or writing: never overwrite an input, and every output folder is usable.
  const guard = await inputGuard([...opts.inputs, ...opts.base]);
  for (const d of dests.values()) {
    if (d.kind === 'stdout') continue;
    await guard.check(d.path);
    if (d.kind === 'file') await prepareTarget(d.path);
  }

  // Budgets that cannot apply (a size for an objects count, growth without a base) exit 2 here,
  // before any file is written.
  const verdicts = opts.budgets.length > 0 ? checkBudgets(opts.budgets, budgetFacts(ctx)) : [];
  for (const v of verdicts) {
    if (v.kind === 'max-flat' && v.matched?.length === 0) say(`gen-report: warning: --max-flat ${v.spec}: no node with a flat value matches ${v.spec.slice(0, v.spec.lastIndexOf('='))}\n`);
  }

  // Render everything first, so that an error in one format leaves no file of any format behind.
  const rendered: { format: Format; data: string | Uint8Array }[] = [];
  for (const format of opts.formats) {
    if (SUMMARY_FORMATS.includes(format)) continue;
    progress.step(STAGE_LABELS[format] ?? format);
    rendered.push({ format, data: await reporters[format]!.render(ctx) });
  }
  for (const format of opts.formats) {
    if (!SUMMARY_FORMATS.includes(format)) continue;
    progress.step(STAGE_LABELS[format]!);
    rendered.push({ format, data: renderSummary(format, ctx, verdicts, dests, env) });
  }
  progress.done();
  for (const out of rendered) await emit(out.data, dests.get(out.format)!, opts.quiet, io);

  const breaches = verdicts.filter((v) => !v.ok);
  if (breaches.length === 0) return 0;
  // Budgets have already built the rows; a run without them must not build them just for the unit.
  const unit = ctx.rows().sampleType.unit;
  for (const v of breaches) io.stderr(`${breachLine(v, unit)}\n`);
  return opts.exitCode ? 1 : 0;
}

function renderSummary(format: Format, ctx: RenderContext, verdicts: BudgetVerdict[], dests: Map<Format, Destination>, env: NodeJS.ProcessEnv): string {
  // Each summary lists the files the run writes, except itself.
  const artifacts: { format: string; path: string }[] = [];
  for (const [f, d] of dests) if (f !== format && d.kind === 'file') artifacts.push({ format: f, path: d.path });
  const doc = buildReportDoc(ctx, { version: packageVersion(), verdicts, artifacts });
  if (format === 'json') return renderJson(doc);
  const nodeCount = ctx.config.nodeCount;
  return renderMarkdown(doc, { rows: nodeCount > 0 ? nodeCount : DEFAULTS.markdownRows, runUrl: githubRunUrl(env) });
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
    if (!quiet) io.stderr(`wrote ${d.path}\n`);
  }
}
