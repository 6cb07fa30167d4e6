import type { RenderContext } from './context.js';
import { renderLeaksText } from './leaks-text.js';
import { renderText } from './text.js';

/** One output format: file extension and a function producing its content. */
export interface Reporter {
  ext: string;
  render(ctx: RenderContext): Promise<string | Uint8Array>;
}

/** Format name → reporter. Heavy ones (WASM Graphviz, rasterizer, templates) load only when asked for. */
export const reporters: Record<string, Reporter> = {
  text: { ext: 'txt', render: async (ctx) => (ctx.leaks ? renderLeaksText(ctx.leaks()) : renderText(ctx.table())) },
  dot: { ext: 'gv', render: async (ctx) => ctx.dot() },
  svg: { ext: 'svg', render: async (ctx) => (await import('./svg.js')).renderSvg(ctx) },
  png: { ext: 'png', render: async (ctx) => (await import('./png.js')).renderPng(ctx) },
  html: { ext: 'html', render: async (ctx) => (await import('./html.js')).renderHtml(ctx) },
};
