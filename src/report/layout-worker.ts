import { parentPort, workerData } from 'node:worker_threads';

/**
 * Runs in a worker thread (see layout.ts): loads Graphviz compiled to WASM, lays out one DOT text and
 * posts the SVG back. Graphviz's layout is synchronous and cannot be interrupted from inside, so the
 * parent stops a layout that runs too long by terminating this thread.
 */
export interface LayoutRequest {
  dot: string;
}
export type LayoutReply = { svg: string } | { error: string };

async function main(req: LayoutRequest): Promise<LayoutReply> {
  try {
    const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
    const gv = await Graphviz.load();
    return { svg: gv.layout(req.dot, 'svg', 'dot') };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

if (parentPort) parentPort.postMessage(await main(workerData as LayoutRequest));
