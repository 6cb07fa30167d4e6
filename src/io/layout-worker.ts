import { parentPort } from 'node:worker_threads';

/**
 * Runs in a worker thread (see layout-workers.ts): loads Graphviz compiled to WASM at once, then lays
 * out each DOT text it is sent and posts the SVG back. Graphviz's layout is synchronous and cannot be
 * interrupted from inside, so the parent stops a layout that runs too long by terminating this thread.
 *
 * Each layout gets a WASM instance of its own: Graphviz keeps state between layouts in one instance and
 * a layout can leave it corrupt, so that the next one traps ("table index is out of bounds", "null
 * function or function signature mismatch": samples/synthetic/names.prof's second sample type did;
 * hpcc-systems/hpcc-js-wasm#389 reports the same). The next instance loads right after a reply, while
 * the main thread builds the next graph, so a report of several graphs does not wait for it. The
 * library's WASM binary is unpacked once per worker, not per instance: scripts/bundle.mjs bundles
 * the library here with its `unload()` keeping the unpacked binary.
 */
export interface LayoutRequest {
  dot: string;
}
export type LayoutReply = { svg: string } | { error: string };

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

type Module = typeof import('@hpcc-js/wasm-graphviz');

/** A fresh instance: `Graphviz.load()` hands back the loaded one until `unload()`. */
async function freshInstance(mod: Promise<Module>) {
  const { Graphviz } = await mod;
  Graphviz.unload();
  return Graphviz.load();
}

if (parentPort) {
  const port = parentPort;
  const mod = import('@hpcc-js/wasm-graphviz');
  let next = freshInstance(mod);
  next.catch(() => {}); // reported with the next request
  port.on('message', async (req: LayoutRequest) => {
    let reply: LayoutReply;
    try {
      try {
        reply = { svg: (await next).layout(req.dot, 'svg', 'dot') };
      } catch {
        // Once more in a clean instance: the library rethrows a WASM trap as a plain Error, like
        // Graphviz's own messages, and a trap can come from an instance's first layout too. An
        // error of the DOT text itself comes back the same the second time.
        reply = { svg: (await freshInstance(mod)).layout(req.dot, 'svg', 'dot') };
      }
    } catch (e) {
      reply = { error: reason(e) };
    }
    port.postMessage(reply);
    next = freshInstance(mod);
    next.catch(() => {});
  });
}
