import { parentPort, workerData } from 'node:worker_threads';

/**
 * Runs in a worker thread (see layout.ts): loads Graphviz compiled to WASM, lays out one DOT text and
 * posts the SVG back. Graphviz's layout is synchronous and cannot be interrupted from inside, so the
 * parent stops a layout that runs too long by terminating this thread. Started with the request as
 * `workerData`, or ahead of it (workerData null) to load Graphviz while the profile loads; the
 * request then comes as the first message.
 */
export interface LayoutRequest {
  dot: string;
}
export type LayoutReply = { svg: string } | { error: string };

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function main(port: NonNullable<typeof parentPort>): Promise<void> {
  const graphviz = import('@hpcc-js/wasm-graphviz').then(({ Graphviz }) => Graphviz.load());
  graphviz.catch(() => {}); // reported with the request
  const req =
    (workerData as LayoutRequest | null) ?? (await new Promise<LayoutRequest>((resolve) => port.once('message', resolve)));
  let reply: LayoutReply;
  try {
    reply = { svg: (await graphviz).layout(req.dot, 'svg', 'dot') };
  } catch (e) {
    reply = { error: reason(e) };
  }
  port.postMessage(reply);
}

if (parentPort) await main(parentPort);
