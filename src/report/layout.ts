import { DEFAULTS } from '../config/defaults.js';
import { UserError } from '../errors.js';
import type { RenderContext } from './context.js';
import { layoutDot } from './layout-dot.js';
import type { LayoutReply } from './layout-worker.js';
import { claimLayoutWorker } from './layout-workers.js';

/**
 * Lays out the report's call graph with Graphviz compiled to WASM (no system Graphviz needed) and
 * returns SVG. Done once per run and shared by --svg, --png and --html. The WASM module loads only in
 * a layout worker thread, so text/DOT runs never load it.
 */
export async function layoutSvg(ctx: RenderContext): Promise<string> {
  return ctx.memo('layout:svg', async () => {
    const { dot, nodes, edges } = layoutDot(ctx);
    const seconds = ctx.render.layoutTimeoutSeconds;
    return runLayout(dot, seconds, `${nodes} nodes, ${edges} edges`);
  });
}

/** Lays out `dot` in a worker thread, stopped after `seconds` with a one-line UserError. */
export function runLayout(dot: string, seconds: number, what: string): Promise<string> {
  const worker = claimLayoutWorker({ dot });
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      f();
    };
    const timer = setTimeout(() => {
      finish(() =>
        reject(
          new UserError(
            `graph layout stopped after ${seconds} s (${what}): show fewer nodes (--nodecount, default ${DEFAULTS.graphNodeCount}) or allow more time (--layout-timeout SECONDS)`,
          ),
        ),
      );
    }, seconds * 1000);
    worker.once('message', (m: LayoutReply) =>
      finish(() => ('svg' in m ? resolve(m.svg) : reject(new Error(`Graphviz layout failed: ${m.error}`)))),
    );
    worker.once('error', (e) => finish(() => reject(e)));
    worker.once('exit', (code) => finish(() => reject(new Error(`layout worker exited with code ${code} before answering`))));
  });
}
