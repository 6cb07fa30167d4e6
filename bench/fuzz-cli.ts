import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedPaths } from './fuzz.js';
import { cliCases, TERMINAL_FORMATS, type CliCase } from './fuzz-cases.js';
import { toSeed } from './fuzz-mutate.js';

// The fuzzer as CI runs it (.ci/run): the built command on mutants of every sample and on hostile
// profiles (regexp and drop_frames bombs, giant names, comment, string and label floods, injection
// names), each in its own process as a user runs it. A case is a defect when the command
//   - prints a stack trace or "internal error",
//   - exits with a code other than 0, 1 or 2 (a signal, V8's out-of-memory abort),
//   - runs longer than the hang limit (killed),
//   - peaks above the RSS limit,
//   - writes a .gv that native Graphviz rejects (on; GEN_REPORT_FUZZ_CHECK_GV=0 turns it off), or
//   - puts a control character on the terminal (GEN_REPORT_FUZZ_CHECK_TERMINAL=1 turns it on: it
//     holds once the terminal-safe text work is merged; until then its findings are listed, not failed).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliFuzzOptions {
  seed: number;
  count: number;
  hangMs: number;
  maxRssMiB: number;
  /** Cases run at once. */
  jobs: number;
  checkGv: boolean;
  checkTerminal: boolean;
  /** The command (default: the built dist/bin/cli.js). */
  cli?: string;
  /** The inputs (default: `cliCases` for seed and count). */
  cases?: CliCase[];
  /** Where inputs of defects are saved. */
  saveDir?: string;
  onCase?: (done: number, total: number) => void;
}

export interface Defect {
  name: string;
  kind: 'stack trace' | 'exit code' | 'hang' | 'rss' | 'native graphviz' | 'control character';
  detail: string;
}

export interface CliFuzzReport {
  inputs: number;
  successes: number;
  refusals: number;
  budgetBreaches: number;
  defects: Defect[];
  /** Findings of the checks that are switched off. */
  unchecked: Defect[];
  maxRssMiB: number;
  slowestMs: number;
}

/** Writes the child's peak RSS (kB) where $GEN_REPORT_FUZZ_RSS says, at exit. */
const RSS_PRELOAD =
  'data:text/javascript,import{writeFileSync}from"node:fs";process.on("exit",()=>{const f=process.env.GEN_REPORT_FUZZ_RSS;if(f)writeFileSync(f,String(process.resourceUsage().maxRSS))});';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const STACK = /internal error|^\s+at .+:\d+(:\d+)?\)?$/m;

interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
  hung: boolean;
  rssMiB: number;
}

function runOne(cli: string, input: string, c: CliCase, out: string, hangMs: number): Promise<Run> {
  const rssFile = join(out, '.rss');
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', RSS_PRELOAD, cli, input, ...c.flags, '--out-dir', out], {
      env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', GEN_REPORT_FUZZ_RSS: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const so: Buffer[] = [];
    const se: Buffer[] = [];
    let size = 0;
    const keep = (into: Buffer[]) => (b: Buffer) => {
      // Enough to check; a report of millions of lines is not held whole.
      if ((size += b.length) < 64 * 2 ** 20) into.push(b);
    };
    child.stdout.on('data', keep(so));
    child.stderr.on('data', keep(se));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, hangMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let rssMiB = 0;
      try {
        rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
        rmSync(rssFile);
      } catch {
        // No figure (killed): the exit code or hang says what happened.
      }
      resolve({ code, signal, stdout: Buffer.concat(so).toString('utf8'), stderr: Buffer.concat(se).toString('utf8'), ms: performance.now() - t0, hung, rssMiB });
    });
  });
}

/** What is wrong with one run, if anything (and what the switched-off checks found). */
function judge(c: CliCase, r: Run, out: string, o: CliFuzzOptions): { defects: Defect[]; unchecked: Defect[] } {
  const defects: Defect[] = [];
  const unchecked: Defect[] = [];
  const d = (kind: Defect['kind'], detail: string) => defects.push({ name: c.name, kind, detail });
  if (r.hung) d('hang', `no answer in ${o.hangMs / 1000} s`);
  else if (r.code === null || ![0, 1, 2].includes(r.code)) d('exit code', `exit ${r.code ?? r.signal}: ${r.stderr.split('\n', 1)[0]}`);
  if (STACK.test(r.stderr)) d('stack trace', r.stderr.split('\n').slice(0, 3).join(' | '));
  if (r.rssMiB > o.maxRssMiB) d('rss', `${r.rssMiB.toFixed(0)} MiB`);
  const terminal = c.flags.some((f) => TERMINAL_FORMATS.has(f)) ? r.stdout + r.stderr : r.stderr;
  const ctl = CONTROL.exec(terminal);
  if (ctl) (o.checkTerminal ? defects : unchecked).push({ name: c.name, kind: 'control character', detail: `U+${ctl[0].charCodeAt(0).toString(16).padStart(4, '0')}` });
  if (r.code === 0) {
    for (const f of readdirSync(out).filter((x) => x.endsWith('.gv'))) {
      const dot = spawnSync('dot', ['-Tsvg', '-o', '/dev/null', join(out, f)], { encoding: 'utf8', timeout: 30_000 });
      if (dot.error || dot.status !== 0) {
        const msg = dot.error ? dot.error.message : dot.stderr.split('\n', 1)[0]!;
        (o.checkGv ? defects : unchecked).push({ name: c.name, kind: 'native graphviz', detail: msg });
      }
    }
  }
  return { defects, unchecked };
}

export async function runCliFuzz(o: CliFuzzOptions): Promise<CliFuzzReport> {
  const cli = o.cli ?? join(ROOT, 'dist/bin/cli.js');
  const cases = o.cases ?? cliCases(seedPaths().map((p) => toSeed(p, readFileSync(p))), o.seed, o.count);
  const work = mkdtempSync(join(tmpdir(), 'gr-fuzz-cli-'));
  const rep: CliFuzzReport = { inputs: cases.length, successes: 0, refusals: 0, budgetBreaches: 0, defects: [], unchecked: [], maxRssMiB: 0, slowestMs: 0 };
  let next = 0;
  let done = 0;
  const worker = async (w: number) => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i]!;
      const dir = join(work, `w${w}`);
      const input = join(dir, 'in', 'fuzz.pb');
      const out = join(dir, 'out');
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(join(dir, 'in'), { recursive: true });
      mkdirSync(out);
      writeFileSync(input, c.bytes);
      const r = await runOne(cli, input, c, out, o.hangMs);
      if (r.code === 0) rep.successes++;
      else if (r.code === 2) rep.refusals++;
      else if (r.code === 1) rep.budgetBreaches++;
      rep.maxRssMiB = Math.max(rep.maxRssMiB, r.rssMiB);
      rep.slowestMs = Math.max(rep.slowestMs, r.ms);
      const j = judge(c, r, out, o);
      rep.defects.push(...j.defects);
      rep.unchecked.push(...j.unchecked);
      if (j.defects.length > 0 && o.saveDir) {
        mkdirSync(o.saveDir, { recursive: true });
        writeFileSync(join(o.saveDir, `case${i}.pb`), c.bytes);
        writeFileSync(join(o.saveDir, `case${i}.txt`), `${c.flags.join(' ')}\n${c.name}\n`);
      }
      o.onCase?.(++done, cases.length);
    }
  };
  await Promise.all(Array.from({ length: o.jobs }, (_, w) => worker(w)));
  rmSync(work, { recursive: true, force: true });
  return rep;
}

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const o: CliFuzzOptions = {
    seed: arg('seed', 1),
    count: arg('count', 500),
    hangMs: arg('hang', 10) * 1000,
    maxRssMiB: arg('max-rss', 1024),
    jobs: arg('jobs', 2),
    checkGv: process.env.GEN_REPORT_FUZZ_CHECK_GV !== '0',
    checkTerminal: process.env.GEN_REPORT_FUZZ_CHECK_TERMINAL === '1',
    saveDir: join(ROOT, 'fuzz-findings'),
    onCase: (d, n) => d % 50 === 0 && process.stderr.write(`fuzz: ${d}/${n}\n`),
  };
  const t0 = Date.now();
  const rep = await runCliFuzz(o);
  const s = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(
    `fuzz (CLI): ${rep.inputs} inputs (seed ${o.seed}) in ${s} s: ${rep.successes} successes, ${rep.refusals} refusals (exit 2), ${rep.budgetBreaches} budget breaches (exit 1), ${rep.defects.length} defects; peak RSS ${rep.maxRssMiB.toFixed(0)} MiB, slowest ${(rep.slowestMs / 1000).toFixed(1)} s`,
  );
  console.log(`checks: stack trace, exit code 0/1/2, hang > ${o.hangMs / 1000} s, RSS > ${o.maxRssMiB} MiB, native Graphviz ${o.checkGv ? 'on' : 'off (GEN_REPORT_FUZZ_CHECK_GV=0)'}, terminal control characters ${o.checkTerminal ? 'on' : 'off (GEN_REPORT_FUZZ_CHECK_TERMINAL=1)'}`);
  for (const d of rep.defects) console.log(`DEFECT ${d.kind}: ${d.name}: ${d.detail}`);
  const un = new Map<string, number>();
  for (const d of rep.unchecked) un.set(d.kind, (un.get(d.kind) ?? 0) + 1);
  for (const [k, n] of un) console.log(`unchecked (switched off): ${n} × ${k}, e.g. ${rep.unchecked.find((d) => d.kind === k)!.name}: ${rep.unchecked.find((d) => d.kind === k)!.detail}`);
  if (rep.defects.length > 0) console.log(`inputs saved in ${o.saveDir}`);
  process.exitCode = rep.defects.length > 0 ? 1 : 0;
}
