import { UserError } from '../errors.js';
import type { RenderContext } from './context.js';

/** SVG via Graphviz in WASM: being built (issue 5). */
export async function renderSvg(_ctx: RenderContext): Promise<string> {
  throw new UserError('--svg is not available in this build yet');
}
