import { inlineSvg } from '../report/html/svg-inline.js';

/**
 * The page's side of the graph layout: one Web Worker, made from the page's inlined Graphviz WASM
 * worker (`<script type="text/plain" id="gr-layout-worker">`, src/page/layout-worker.ts) through
 * a Blob URL on the first call, so the first paint never waits for WASM. Requests are answered in
 * order; the SVG is made inlineable as the command does for its page (svg-inline.ts).
 */

interface WorkerLike {
  postMessage(m: unknown): void;
  onmessage: ((e: { data: LayoutReply }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  terminate(): void;
}

interface BrowserGlobals {
  document?: { getElementById(id: string): { textContent: string | null } | null };
  Blob: new (parts: string[], opts: { type: string }) => unknown;
  URL: { createObjectURL(b: unknown): string };
  Worker: new (url: string) => WorkerLike;
}

export type LayoutReply = { id: number; svg: string } | { id: number; error: string };

let worker: WorkerLike | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (svg: string) => void; reject: (e: Error) => void }>();

function start(): WorkerLike {
  const g = globalThis as unknown as BrowserGlobals;
  const src = g.document?.getElementById('gr-layout-worker')?.textContent;
  if (!src) throw new Error('this page carries no graph layout worker');
  const url = g.URL.createObjectURL(new g.Blob([src], { type: 'text/javascript' }));
  const w = new g.Worker(url);
  w.onmessage = (e) => {
    const m = e.data;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if ('svg' in m) {
      try {
        p.resolve(inlineSvg(m.svg, 'gr-svg'));
      } catch (err) {
        p.reject(err as Error);
      }
    } else p.reject(new Error(`Graphviz layout failed: ${m.error}`));
  };
  w.onerror = (e) => {
    // The worker is gone: fail what waits, start afresh on the next call.
    for (const p of pending.values()) p.reject(new Error(`the layout worker failed: ${e.message ?? 'unknown error'}`));
    pending.clear();
    worker = null;
  };
  return w;
}

export function layoutInWorker(dot: string): Promise<string> {
  return new Promise((resolve, reject) => {
    try {
      worker ??= start();
    } catch (e) {
      reject(e as Error);
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, dot });
  });
}

/**
 * Starts the worker (it loads Graphviz's WASM at once) without a layout: the page calls it once
 * its first paint is done, so the first refine's layout does not also pay for loading Graphviz.
 */
export function warmLayout(): void {
  try {
    worker ??= start();
  } catch {
    // No worker on this page: the first layout() says why.
  }
}
