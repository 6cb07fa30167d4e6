import type { RenderContext } from './context.js';

/**
 * Lays out the report's DOT with Graphviz compiled to WASM (no system Graphviz needed) and returns
 * SVG. Done once per run and shared by --svg, --png and --html. The WASM module loads only here.
 */
export async function layoutSvg(ctx: RenderContext): Promise<string> {
  return ctx.memo('layout:svg', async () => {
    const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
    const gv = await Graphviz.load();
    return gv.layout(ctx.dot(), 'svg', 'dot');
  });
}
