import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LayoutRequest } from './layout-worker.js';

// Layout worker threads (layout-worker.ts), kept apart from layout.ts so that starting one ahead
// of time loads nothing else.

/** The compiled worker next to this module; from the TypeScript sources (vitest), the built one. */
function workerUrl(): URL {
  const here = new URL('./layout-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/src/report/layout-worker.js', import.meta.url);
}

/** A worker started ahead of its request (see warmLayoutWorker), while it is alive and unclaimed. */
let spare: Worker | null = null;

/**
 * Starts a layout worker now, so that its thread start and Graphviz's WASM load overlap the loading
 * of the profile; the run's first layout uses it. Returns a function that stops it if no layout
 * claimed it (a run that failed, or whose graph formats were never rendered). Unreferenced until
 * claimed: it never keeps the process alive.
 */
export function warmLayoutWorker(): () => void {
  if (!spare) {
    const w = new Worker(workerUrl(), { workerData: null });
    w.unref();
    const forget = () => {
      if (spare === w) spare = null;
    };
    w.once('error', forget);
    w.once('exit', forget);
    spare = w;
  }
  const mine = spare;
  return () => {
    if (spare === mine) {
      spare = null;
      void mine.terminate();
    }
  };
}

/** A worker for `req`: the one started ahead of time when there is one, else a new one. */
export function claimLayoutWorker(req: LayoutRequest): Worker {
  const w = spare;
  spare = null;
  if (!w) return new Worker(workerUrl(), { workerData: req });
  w.ref();
  w.postMessage(req);
  return w;
}
