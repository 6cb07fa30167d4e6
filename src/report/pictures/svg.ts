import type { RenderContext } from '../context.js';
import { FONT_FAMILY, SVG_FONT_STACK } from './font.js';
import { layoutSvg } from '../../util/platform.js';

/**
 * The call graph as SVG, laid out once per run (shared with --png and --html). Text is set in Arimo,
 * the font the boxes were sized for; viewers without it fall back to metric-compatible fonts.
 */
export async function renderSvg(ctx: RenderContext): Promise<string> {
  const svg = await layoutSvg(ctx);
  return svg.replaceAll(`font-family="${FONT_FAMILY}"`, `font-family="${SVG_FONT_STACK}"`);
}
