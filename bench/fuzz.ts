import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { mutant, toSeed } from './fuzz-mutate.js';
import type { CaseResult, WorkerJob } from './fuzz-worker.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every profile under samples/ (protobuf, gzipped or not, and legacy text, good and bad). */
export function seedPaths(dir = join(ROOT, 'samples')): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (e === 'programs') continue;
    if (statSync(p).isDirectory()) out.push(...seedPaths(p));
    else if (/\.(pb\.gz|pb|prof|pprof)$/.test(e)) out.push(p);
  }
  return out.sort();
}

export interface FuzzOptions {
  count: number;
  seed: number;
  /** A case running longer than this is a hang: the worker is stopped and restarted. */
  timeoutMs: number;
  maxInflate?: number;
  /** Save crashing and hanging inputs here (named by case index). */
  saveDir?: string;
  onProgress?: (done: number) => void;
}

export interface FuzzReport {
  count: number;
  ok: number;
  userErrors: number;
  crashes: { i: number; from: string; message: string; stack: string }[];
  hangs: { i: number; from: string }[];
  slowest: { i: number; ms: number };
  /** Distinct user-error messages (numbers masked) and how often each was seen. */
  messages: Map<string, number>;
}

/**
 * Runs `count` deterministic mutants of the samples through parse + analyze + text + DOT in a
 * worker thread, stopping any case that runs past `timeoutMs` (a hang) and carrying on after it.
 */
export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const paths = seedPaths();
  const rep: FuzzReport = { count: o.count, ok: 0, userErrors: 0, crashes: [], hangs: [], slowest: { i: -1, ms: 0 }, messages: new Map() };
  const save = (i: number, kind: string) => {
    if (!o.saveDir) return;
    mkdirSync(o.saveDir, { recursive: true });
    const seeds = paths.map((p) => toSeed(p, readFileSync(p)));
    writeFileSync(join(o.saveDir, `${kind}-seed${o.seed}-case${i}.bin`), mutant(seeds, o.seed, i).bytes);
  };
  let next = 0;
  let done = 0;
  while (next < o.count) {
    next = await new Promise<number>((resolve, reject) => {
      const job: WorkerJob = { seedPaths: paths, seed: o.seed, start: next, end: o.count, maxInflate: o.maxInflate ?? 64 * 2 ** 20 };
      const w = new Worker(new URL('./fuzz-worker.js', import.meta.url), { workerData: job });
      let current = { i: next, from: '' };
      let timer: NodeJS.Timeout | undefined;
      w.on('message', (m: { type: string; i: number; from: string; ms: number; result: CaseResult }) => {
        if (m.type === 'start') {
          current = { i: m.i, from: relative(ROOT, m.from) };
          timer = setTimeout(() => {
            rep.hangs.push(current);
            save(current.i, 'hang');
            void w.terminate().then(() => resolve(current.i + 1));
          }, o.timeoutMs);
        } else if (m.type === 'done') {
          clearTimeout(timer);
          done++;
          o.onProgress?.(done);
          if (m.ms > rep.slowest.ms) rep.slowest = { i: m.i, ms: m.ms };
          const r = m.result;
          if (r.kind === 'ok') rep.ok++;
          else if (r.kind === 'user') {
            rep.userErrors++;
            const key = (r.message ?? '').replace(/^fuzz: /, '').replace(/\d+/g, 'N').slice(0, 100);
            rep.messages.set(key, (rep.messages.get(key) ?? 0) + 1);
          } else if (r.kind === 'crash') {
            rep.crashes.push({ i: m.i, from: current.from, message: r.message, stack: r.stack });
            save(m.i, 'crash');
          }
        } else if (m.type === 'end') {
          void w.terminate().then(() => resolve(o.count));
        }
      });
      w.on('error', (e) => {
        clearTimeout(timer);
        // A worker dying outright (e.g. out of memory) counts as a crash of the current case.
        rep.crashes.push({ i: current.i, from: current.from, message: `worker died: ${e.message}`, stack: e.stack ?? '' });
        resolve(current.i + 1);
      });
      w.on('exit', () => clearTimeout(timer));
      void reject;
    });
  }
  return rep;
}

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const count = arg('count', 2000);
  const seed = arg('seed', 1);
  const timeoutMs = arg('timeout', 10) * 1000;
  const si = process.argv.indexOf('--save');
  const saveDir = si >= 0 ? process.argv[si + 1] : join(ROOT, 'fuzz-findings');
  const t0 = Date.now();
  const rep = await runFuzz({ count, seed, timeoutMs, saveDir, onProgress: (d) => d % 500 === 0 && process.stderr.write(`${d}/${count}\n`) });
  console.log(`fuzz: ${rep.count} cases (seed ${seed}) in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${rep.ok} ok, ${rep.userErrors} refused with a UserError, ${rep.crashes.length} crashes, ${rep.hangs.length} hangs; slowest case ${rep.slowest.i}: ${rep.slowest.ms.toFixed(0)} ms`);
  for (const [m, n] of [...rep.messages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${String(n).padStart(6)}  ${m}`);
  for (const c of rep.crashes.slice(0, 20)) console.log(`CRASH case ${c.i} (${c.from}): ${c.message}\n${c.stack.split('\n').slice(1, 4).join('\n')}`);
  for (const h of rep.hangs) console.log(`HANG case ${h.i} (${h.from}) > ${timeoutMs} ms`);
  if (rep.crashes.length + rep.hangs.length > 0) console.log(`inputs saved in ${saveDir}`);
  process.exitCode = rep.crashes.length + rep.hangs.length > 0 ? 1 : 0;
}
