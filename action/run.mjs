#!/usr/bin/env node
// The GitHub Action's logic (action.yml runs it; the test suite runs it with a simulated
// environment). It reads the inputs as GitHub documents them for actions (INPUT_ + the input's name
// upper-cased, spaces to underscores, hyphens kept: INPUT_OUT-DIR), runs the gen-report of this
// checkout on them, appends the Markdown summary to $GITHUB_STEP_SUMMARY, sets the outputs in
// $GITHUB_OUTPUT, and exits with gen-report's code: 0, 1 when a budget is breached (after every file
// is written and the outputs are set), 2 for a bad input (this script's or gen-report's).
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/bin/cli.js');
const env = process.env;
const onGitHub = env.GITHUB_ACTIONS === 'true';

/** A workflow command's message: GitHub's escapes, so a message never starts a second command. */
const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

class BadInput extends Error {}

function fail(message, code) {
  process.stderr.write(`gen-report action: ${message}\n`);
  if (onGitHub) process.stdout.write(`::error title=gen-report::${escapeData(message)}\n`);
  process.exit(code);
}

/** An input's value, as @actions/core's getInput reads it (a composite step may only manage underscores). */
function input(name) {
  const documented = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
  const v = env[documented] ?? env[documented.replace(/-/g, '_')] ?? '';
  return v.trim();
}

/** A list input: one item a line (blank lines skipped), so paths and regexps keep their spaces. */
const lines = (name) =>
  input(name)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

function single(name) {
  const v = input(name);
  if (/[\r\n]/.test(v)) throw new BadInput(`input "${name}" takes one value, not several lines`);
  return v;
}

function boolean(name, fallback) {
  const v = input(name);
  if (v === '') return fallback;
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^(false|no|off)$/i.test(v)) return false;
  throw new BadInput(`input "${name}" is "${v}": give true or false`);
}

/** The command line for gen-report, and where the script reads the report from. */
async function plan() {
  const profiles = lines('profiles');
  if (profiles.length === 0) throw new BadInput('input "profiles" is empty: give the profile (a path or URL), one a line');
  if (profiles.includes('-')) throw new BadInput('input "profiles": stdin ("-") is not an input in an Action');
  const leaks = boolean('leaks', false);
  // The defaults of action.yml, for a run without them (the tests, a job calling the script).
  const formats = (input('formats') || 'html png dot json')
    .split(/[\s,]+/)
    .filter((f) => f !== '')
    .map((f) => f.replace(/^--/, ''));
  for (const f of formats) {
    if (!/^[a-z][a-z0-9_]*$/.test(f)) throw new BadInput(`input "formats": "${f}" is not a format name (html png svg dot json text …)`);
    if (f === 'markdown') throw new BadInput('input "formats": the Markdown summary is always written (input "summary" decides the job page)');
  }
  const outDir = resolve(single('out-dir') || 'heap-report');
  const summaryFile = join(outDir, 'summary.md');
  const args = [...(leaks ? ['--leaks'] : []), ...profiles];
  for (const f of formats) if (f !== 'json') args.push(`--${f}`);
  args.push(`--markdown=${summaryFile}`, '--out-dir', outDir);
  const budget = (flag, value) => value !== '' && args.push(flag, value);
  budget('--max-total', single('max-total'));
  for (const f of lines('max-flat')) args.push('--max-flat', f);
  budget('--max-growth', single('max-growth'));
  const base = lines('base');
  const diffBase = lines('diff-base');
  if (base.length > 0 && diffBase.length > 0) throw new BadInput('give input "base" or "diff-base", not both');
  for (const b of base) args.push(`--base=${b}`);
  for (const b of diffBase) args.push(`--diff_base=${b}`);
  const extra = lines('args');
  const summary = boolean('summary', true);
  // The JSON report is what the outputs are read from: in the out-dir when asked for, else scratch.
  const scratch = formats.includes('json') ? null : mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'gen-report-action-'));
  const json = scratch ? join(scratch, 'report.json') : join(outDir, `${await stem(profiles, leaks)}.json`);
  args.push(`--json=${json}`, ...extra);
  return { args, outDir, summaryFile, json, scratch, summary };
}

/** The file stem gen-report gives the outputs: the first profile's, the last snapshot's with --leaks. */
async function stem(profiles, leaks) {
  const name = leaks ? profiles[profiles.length - 1] : profiles[0];
  const { stemOf } = await import(pathToFileURL(join(root, 'dist/src/cli/sources.js')).href);
  const { DEFAULTS } = await import(pathToFileURL(join(root, 'dist/src/config/defaults.js')).href);
  return stemOf(name, DEFAULTS.stdinStem);
}

/** `name<<DELIM … DELIM`: GitHub's form for any value (multiline ones included), with a fresh delimiter. */
function setOutputs(outputs) {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    const delimiter = `ghadelimiter_${randomUUID()}`;
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  appendFileSync(file, text);
}

async function main() {
  if (!existsSync(cli)) fail(`${cli} is missing: the action's build step did not run`, 70);
  let p;
  try {
    p = await plan();
  } catch (e) {
    if (e instanceof BadInput) fail(e.message, 2);
    throw e;
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) fail(`gen-report needs Node 20 or later, this is ${process.version}: add actions/setup-node with node-version: 20`, 2);
  mkdirSync(p.outDir, { recursive: true });

  // gen-report prints function names from the profile (--text): no workflow command may come of them.
  const token = randomUUID();
  if (onGitHub) process.stdout.write(`::stop-commands::${token}\n`);
  const r = spawnSync(process.execPath, [cli, ...p.args], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
  process.stderr.write(r.stderr ?? '');
  if (onGitHub) process.stdout.write(`::${token}::\n`);
  const code = r.status ?? 70;
  const report = code === 0 || code === 1 ? JSON.parse(readFileSync(p.json, 'utf8')) : null;
  if (p.scratch) rmSync(p.scratch, { recursive: true, force: true });
  if (!report) {
    const last = (r.stderr ?? '').trim().split('\n').pop() || `gen-report exited with ${code}`;
    if (onGitHub) process.stdout.write(`::error title=gen-report::${escapeData(last)}\n`);
    setOutputs({ 'exit-code': String(code) });
    process.exit(code);
  }

  if (p.summary && env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, readFileSync(p.summaryFile));
  const files = report.artifacts.map((a) => a.path);
  if (!p.scratch) files.push(p.json);
  const byFormat = Object.fromEntries(report.artifacts.filter((a) => a.format !== 'markdown').map((a) => [a.format, a.path]));
  const budgets = report.budgets;
  const verdict = !budgets || budgets.verdicts.length === 0 ? 'none' : budgets.ok ? 'ok' : 'breached';
  if (onGitHub && budgets) {
    for (const v of budgets.verdicts.filter((b) => !b.ok)) {
      process.stdout.write(`::error title=gen-report budget::${escapeData(`--${v.budget} ${v.spec}: ${v.subject} is ${v.actual.formatted}, over the limit of ${v.limit.formatted}`)}\n`);
    }
  }
  setOutputs({
    'out-dir': p.outDir,
    summary: p.summaryFile,
    json: p.scratch ? '' : p.json,
    html: byFormat.html ?? '',
    png: byFormat.png ?? '',
    svg: byFormat.svg ?? '',
    dot: byFormat.dot ?? '',
    files: files.join('\n'),
    total: report.total.formatted,
    'total-value': String(report.total.value),
    unit: report.sampleType.unit,
    budget: verdict,
    breaches: String(budgets?.breaches ?? 0),
    'exit-code': String(code),
  });
  process.exit(code);
}

await main();
