import { DEFAULTS, type RenderOptions } from '../../config/defaults.js';

export interface PngSize {
  width: number;
  height: number;
  /** Pixels per Graphviz point (72 dpi = 1). */
  scale: number;
  /** The size asked for was reduced to stay within DEFAULTS.pngMaxPixels / pngMaxSide. */
  capped: boolean;
}

/** The SVG's size in points, from Graphviz's `<svg width="…pt" height="…pt"`. */
export function svgPoints(svg: string): { width: number; height: number } {
  const m = /<svg\b[^>]*?\swidth="([0-9.]+)pt"[^>]*?\sheight="([0-9.]+)pt"/.exec(svg);
  if (!m) throw new Error('laid-out SVG has no width/height in pt');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * PNG size for a graph of `width`×`height` points:
 * - automatic: 96 dpi like `dot -Tpng` (scale 4/3), reduced so the width approaches
 *   DEFAULTS.pngTargetWidth (≈ a full screen) but never below 72 dpi (1 px per point, so 8 pt
 *   labels stay 8 px tall); an 80-node graph comes out about 2000–2400 px wide;
 * - `--dpi N` sets N/72 px per point exactly; `--scale F` multiplies either;
 * - in all cases the image is kept within pngMaxSide per side and pngMaxPixels in all.
 */
export function pngSize(width: number, height: number, opts: Pick<RenderOptions, 'dpi' | 'scale'>): PngSize {
  const base = opts.dpi > 0 ? opts.dpi / 72 : Math.max(1, Math.min(96 / 72, DEFAULTS.pngTargetWidth / width));
  let scale = base * opts.scale;
  const limit = Math.min(
    DEFAULTS.pngMaxSide / Math.max(width, height),
    Math.sqrt(DEFAULTS.pngMaxPixels / (width * height)),
  );
  const capped = scale > limit;
  if (capped) scale = limit;
  // resvg fits the width and rounds the height up: keep both within the bounds.
  let w = Math.max(1, Math.floor(width * scale));
  const heightFor = (px: number) => Math.max(1, Math.ceil((px * height) / width));
  while (w > 1 && (w * heightFor(w) > DEFAULTS.pngMaxPixels || heightFor(w) > DEFAULTS.pngMaxSide)) w--;
  return { width: w, height: heightFor(w), scale: w / width, capped };
}
