import { DEFAULTS } from '../config/defaults.js';
import { oneLine, UserError } from '../errors.js';
import type { LayoutReply, LayoutRequest } from './layout-worker.js';
import { acquireLayoutWorker, releaseLayoutWorker } from './layout-workers.js';

/**
 * Lays out `dot` with Graphviz compiled to WASM (no system Graphviz needed) and returns SVG, in a
 * pooled worker thread (the WASM module loads only there, so text/DOT runs never load it), stopped
 * after `seconds` (from the start of its layout) with a one-line UserError.
 */
export async function runLayout(dot: string, seconds: number, what: string): Promise<string> {
  const worker = await acquireLayoutWorker();
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (reusable: boolean, f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      releaseLayoutWorker(worker, reusable);
      f();
    };
    // Graphviz failing on a graph is the graph's problem, not a bug of ours: a one-line UserError
    // with Graphviz's own reason (the DOT output, --dot, is still there to look at).
    const failed = (cause: string) => new UserError(`Graphviz layout failed (${what}): ${oneLine(cause) || 'no reason given'}`);
    const onMessage = (m: LayoutReply) => ('svg' in m ? finish(true, () => resolve(m.svg)) : finish(false, () => reject(failed(m.error))));
    const onError = (e: Error) => finish(false, () => reject(failed(e.message)));
    const onExit = (code: number) => finish(false, () => reject(failed(`the layout worker exited with code ${code} before answering`)));
    const timer = setTimeout(() => {
      finish(false, () =>
        reject(
          new UserError(
            `graph layout stopped after ${seconds} s (${what}): show fewer nodes (--nodecount, default ${DEFAULTS.graphNodeCount}) or allow more time (--layout-timeout SECONDS)`,
          ),
        ),
      );
    }, seconds * 1000);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const req: LayoutRequest = { dot };
    worker.postMessage(req);
  });
}
