import { FONT_FAMILY, SVG_FONT_STACK } from './font.js';

/**
 * The call graph as SVG, laid out once per run (shared with --png and --html). Text is set in Arimo,
 * the font the boxes were sized for; viewers without it fall back to metric-compatible fonts.
 */
export async function renderSvg(layout: Promise<string>): Promise<string> {
  const svg = await layout;
  return svg.replaceAll(`font-family="${FONT_FAMILY}"`, `font-family="${SVG_FONT_STACK}"`);
}
