import type { RenderContext } from './context.js';
import { renderList } from './list.js';
import { renderTags } from './tags.js';
import { renderText } from './text.js';
import { renderTraces } from './traces.js';
import { renderTree } from './tree.js';

/** One output format: file extension and a function producing its content. */
export interface Reporter {
  ext: string;
  /** Printed on stdout unless --output names a file (pprof's text reports). */
  stdout?: boolean;
  render(ctx: RenderContext): Promise<string | Uint8Array>;
}

/** Format name → reporter. Heavy ones (WASM Graphviz, rasterizer, templates) load only when asked for. */
export const reporters: Record<string, Reporter> = {
  text: { ext: 'txt', stdout: true, render: async (ctx) => renderText(ctx.table()) },
  dot: { ext: 'gv', render: async (ctx) => ctx.dot() },
  svg: { ext: 'svg', render: async (ctx) => (await import('./svg.js')).renderSvg(ctx) },
  png: { ext: 'png', render: async (ctx) => (await import('./png.js')).renderPng(ctx) },
  html: { ext: 'html', render: async (ctx) => (await import('./html.js')).renderHtml(ctx) },
  tree: { ext: 'tree.txt', stdout: true, render: async (ctx) => renderTree(ctx.analysis('tree')) },
  peek: { ext: 'peek.txt', stdout: true, render: async (ctx) => renderTree(ctx.analysis('peek'), ctx.view().peek) },
  traces: { ext: 'traces.txt', stdout: true, render: async (ctx) => renderTraces(ctx) },
  tags: { ext: 'tags.txt', stdout: true, render: async (ctx) => renderTags(ctx) },
  list: { ext: 'list.txt', stdout: true, render: async (ctx) => renderList(ctx) },
};
