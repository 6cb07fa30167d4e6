import type { FormatRecord } from '../report/formats.js';
import { loadInputs } from '../report/inputs.js';
import { loadLayout } from './node-platform.js';

/**
 * Starts loading what a format's renderer needs while the profiles load: its modules and its
 * inputs', and for the graph pictures a layout worker that loads Graphviz meanwhile (the pool's
 * module too: node:worker_threads loads only for pictures). Returns what to call when the run
 * ends, to release whatever was not used.
 */
export function warmUp(r: FormatRecord): () => void {
  const quiet = (p: Promise<unknown>): void => void p.catch(() => {});
  if (r.preload) quiet(r.preload());
  quiet(loadInputs(r.inputs));
  if (r.needs.rasterizer) quiet(import('./png.js'));
  if (!r.needs.layout) return () => {};
  let stopped = false;
  let stop = (): void => {};
  quiet(
    import('./layout-workers.js').then((m) => {
      if (!stopped) stop = m.warmLayoutWorker();
    }),
  );
  quiet(loadLayout());
  return () => {
    stopped = true;
    stop();
  };
}

