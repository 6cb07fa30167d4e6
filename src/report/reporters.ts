import type { RenderContext } from './context.js';
import { renderLeaksText } from './leaks-text.js';
import { renderList } from './list.js';
import { renderTags } from './tags.js';
import { renderText } from './text.js';
import { renderTraces } from './traces.js';
import { renderTree } from './tree.js';
import { visibleLines } from '../util/visible-text.js';

/** One output format: file extension and a function producing its content. */
export interface Reporter {
  ext: string;
  /** Printed on stdout unless --output names a file (pprof's text reports). */
  stdout?: boolean;
  render(ctx: RenderContext): Promise<string | Uint8Array>;
  /**
   * Starts loading what `render` will need (modules, the layout worker) while the profiles load;
   * returns what to call when the run ends, to release whatever was not used.
   */
  warmUp?(): () => void;
}

/** Loads a module ahead of its use; a failure shows when the reporter imports it for real. */
const preload = (load: () => Promise<unknown>) => (): (() => void) => {
  load().catch(() => {});
  return () => {};
};

/**
 * The graph pictures: a layout worker that loads Graphviz meanwhile, and their modules (the pool's
 * too: node:worker_threads loads only for pictures).
 */
const warmLayout = (): (() => void) => {
  let stopped = false;
  let stop = (): void => {};
  import('./layout-workers.js')
    .then((m) => {
      if (!stopped) stop = m.warmLayoutWorker();
    })
    .catch(() => {});
  import('./layout.js').catch(() => {});
  return () => {
    stopped = true;
    stop();
  };
};

/**
 * Format name → reporter. The text reports escape the names they print (util/visible-text.ts,
 * before measuring columns); `visibleLines` over the whole text is the backstop for anything
 * else a profile put there (--traces, possibly hundreds of MB of bytes, escapes its names only).
 * Heavy ones (ts-graphviz, WASM Graphviz, rasterizer, templates) load only when asked for. */
export const reporters: Record<string, Reporter> = {
  text: {
    ext: 'txt',
    stdout: true,
    render: async (ctx) => visibleLines(ctx.leaks ? renderLeaksText(ctx.leaks()) : renderText(ctx.rows())),
  },
  dot: {
    ext: 'gv',
    render: async (ctx) => (await import('./to-dot.js')).toDotText(ctx.dotModel()),
    warmUp: preload(() => import('./to-dot.js')),
  },
  svg: { ext: 'svg', render: async (ctx) => (await import('./svg.js')).renderSvg(ctx), warmUp: warmLayout },
  png: { ext: 'png', render: async (ctx) => (await import('./png.js')).renderPng(ctx), warmUp: warmLayout },
  html: { ext: 'html', render: async (ctx) => (await import('./html.js')).renderHtml(ctx), warmUp: warmLayout },
  tree: { ext: 'tree.txt', stdout: true, render: async (ctx) => visibleLines(renderTree(ctx.analysis('tree'))) },
  peek: { ext: 'peek.txt', stdout: true, render: async (ctx) => visibleLines(renderTree(ctx.analysis('peek'), ctx.view().peek)) },
  traces: { ext: 'traces.txt', stdout: true, render: async (ctx) => renderTraces(ctx) },
  tags: { ext: 'tags.txt', stdout: true, render: async (ctx) => visibleLines(renderTags(ctx)) },
  list: { ext: 'list.txt', stdout: true, render: async (ctx) => visibleLines(renderList(ctx)) },
  proto: { ext: 'pb.gz', render: async (ctx) => (await import('./proto.js')).renderProto(ctx) },
  raw: { ext: 'raw.txt', stdout: true, render: async (ctx) => visibleLines(await (await import('./raw.js')).renderRaw(ctx)) },
  callgrind: { ext: 'callgraph.out', render: async (ctx) => (await import('./callgrind.js')).renderCallgrind(ctx) },
};
