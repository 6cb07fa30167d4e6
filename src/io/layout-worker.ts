import { parentPort } from 'node:worker_threads';

/**
 * Runs in a worker thread (see layout-workers.ts): loads Graphviz compiled to WASM at once, then lays
 * out each DOT text it is sent and posts the SVG back. Graphviz's layout is synchronous and cannot be
 * interrupted from inside, so the parent stops a layout that runs too long by terminating this thread.
 */
export interface LayoutRequest {
  dot: string;
}
export type LayoutReply = { svg: string } | { error: string };

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

if (parentPort) {
  const port = parentPort;
  const graphviz = import('@hpcc-js/wasm-graphviz').then(({ Graphviz }) => Graphviz.load());
  graphviz.catch(() => {}); // reported with each request
  port.on('message', async (req: LayoutRequest) => {
    let reply: LayoutReply;
    try {
      reply = { svg: (await graphviz).layout(req.dot, 'svg', 'dot') };
    } catch (e) {
      reply = { error: reason(e) };
    }
    port.postMessage(reply);
  });
}
