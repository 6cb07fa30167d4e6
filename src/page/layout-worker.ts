import { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { LayoutReply } from './layout-client.js';

/**
 * The page's layout worker (bundled by scripts/bundle.mjs into the page as text, started by
 * layout-client.ts from a Blob URL): the command's Graphviz WASM (the package's dist/index.js
 * carries the WASM inline), one fresh instance per layout as src/io/layout-worker.ts does (a
 * layout can leave an instance corrupt), the next one loaded while the page paints.
 */
interface WorkerScope {
  onmessage: ((e: { data: { id: number; dot: string } }) => void) | null;
  postMessage(m: LayoutReply): void;
}

const scope = globalThis as unknown as WorkerScope;
const fresh = () => {
  Graphviz.unload();
  return Graphviz.load();
};
let next = fresh();
next.catch(() => {});
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (e) => {
  const { id, dot } = e.data;
  queue = queue.then(async () => {
    let reply: LayoutReply;
    try {
      try {
        reply = { id, svg: (await next).layout(dot, 'svg', 'dot') };
      } catch {
        reply = { id, svg: (await fresh()).layout(dot, 'svg', 'dot') };
      }
    } catch (err) {
      reply = { id, error: err instanceof Error ? err.message : String(err) };
    }
    scope.postMessage(reply);
    next = fresh();
    next.catch(() => {});
  });
};
