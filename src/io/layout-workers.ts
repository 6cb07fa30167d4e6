import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

// The layout worker threads (layout-worker.ts): a small pool, kept apart from layout.ts so that
// starting a worker ahead of time loads nothing else. A worker loads Graphviz once and lays out
// one DOT text after another; layouts beyond the pool's size wait for a free worker, so a report of
// several graphs (--html: one per sample type) neither starts a thread per graph nor takes the
// cores the main thread is building the next graph on.

/**
 * The compiled worker next to this module: the bundle's (`layout-worker.mjs`, see
 * scripts/bundle.mjs) or tsc's; from the TypeScript sources (vitest), the built one.
 */
function workerUrl(): URL {
  for (const name of ['./layout-worker.mjs', './layout-worker.js']) {
    const here = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(here))) return here;
  }
  return new URL('../../dist/src/io/layout-worker.js', import.meta.url);
}

/** Workers at most: the cores besides the main thread's, at least one. */
const poolSize = (): number => Math.max(1, availableParallelism() - 1);

const idle: Worker[] = [];
const waiting: ((w: Worker) => void)[] = [];
let live = 0;
let started = 0;

/** Workers started so far in this process (for tests: the pool reuses them). */
export function layoutWorkersStarted(): number {
  return started;
}

function spawn(): Worker {
  const w = new Worker(workerUrl());
  live++;
  started++;
  w.unref();
  // An idle worker's error ends it ('exit' follows); a busy one's is reported by its layout.
  w.on('error', () => {});
  w.once('exit', () => {
    live--;
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
    if (waiting.length > 0 && live < poolSize()) hand(spawn());
  });
  return w;
}

/** Gives `w` to the oldest waiting layout, or keeps it idle (never keeping the process alive). */
function hand(w: Worker): void {
  const next = waiting.shift();
  if (next) {
    w.ref();
    next(w);
  } else {
    w.unref();
    idle.push(w);
  }
}

/**
 * Starts a layout worker now, so that its thread start and Graphviz's WASM load overlap the loading
 * of the profile. Returns what to call when the run ends: it stops the workers left idle.
 */
export function warmLayoutWorker(): () => void {
  if (live === 0) idle.push(spawn());
  return () => {
    for (const w of idle.splice(0)) void w.terminate();
  };
}

/** A worker for one layout: an idle one, a new one while the pool has room, else the next one freed. */
export function acquireLayoutWorker(): Promise<Worker> {
  const w = idle.pop();
  if (w) {
    w.ref();
    return Promise.resolve(w);
  }
  if (live < poolSize()) {
    const n = spawn();
    n.ref();
    return Promise.resolve(n);
  }
  return new Promise((resolve) => waiting.push(resolve));
}

/** Back to the pool after a layout; a worker that failed or ran out of time is stopped instead. */
export function releaseLayoutWorker(w: Worker, reusable: boolean): void {
  if (reusable) hand(w);
  else void w.terminate();
}
