import type { FontMetrics } from '../report/pictures/font.js';

/**
 * The graphs' font metrics (code point → glyph, advance widths) compactly, for the page's engine:
 * the DOT laid out for pictures sizes non-ASCII labels with them (src/report/pictures/layout-dot.ts),
 * and the page carries these few kB instead of the 300 kB font file. Made by scripts/bundle.mjs.
 */
export interface EncodedMetrics {
  unitsPerEm: number;
  advances: number[];
  /** Runs of consecutive code points with consecutive glyphs: [first code point, first glyph, length]. */
  runs: [number, number, number][];
}

export function encodeFontMetrics(m: FontMetrics): EncodedMetrics {
  const runs: [number, number, number][] = [];
  for (const [cp, g] of [...m.glyphs.entries()].sort((a, b) => a[0] - b[0])) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[2] === cp && last[1] + last[2] === g) last[2]++;
    else runs.push([cp, g, 1]);
  }
  return { unitsPerEm: m.unitsPerEm, advances: [...m.advances], runs };
}

export function decodeFontMetrics(e: EncodedMetrics): FontMetrics {
  const glyphs = new Map<number, number>();
  for (const [cp, g, n] of e.runs) for (let k = 0; k < n; k++) glyphs.set(cp + k, g + k);
  return { glyphs, advances: Uint16Array.from(e.advances), unitsPerEm: e.unitsPerEm };
}
