import type { FormatRecord } from '../report/formats.js';
import { loadInputs } from '../report/inputs.js';
import { loadBackground, loadLayout } from './node-platform.js';

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
  let stopped = false;
  const stops: (() => void)[] = [];
  // The HTML report's flame graph and embedded profile: on a thread of their own (background.ts).
  if (r.inputs.includes('pageParts')) {
    quiet(
      loadBackground().then((m) => {
        if (!stopped) stops.push(m.warmBackground());
      }),
    );
  }
  if (r.needs.layout) {
    quiet(
      import('./layout-workers.js').then((m) => {
        if (!stopped) stops.push(m.warmLayoutWorker());
      }),
    );
    quiet(loadLayout());
  }
  return () => {
    stopped = true;
    for (const stop of stops.splice(0)) stop();
  };
}

