import { platform } from '../../util/platform.js';

/**
 * The one font of rendered graphs: Arimo (SIL OFL), in dist/fonts/ (made by scripts/fonts.mjs from
 * the dev dependency @expo-google-fonts/arimo: the TTF, and the HTML page's WOFF2 derived from it).
 * Graphviz has width tables for it (metric-compatible with Arial/Helvetica), so boxes laid out for
 * `fontname="Arimo"` fit text drawn with this file; resvg is given only this file, never system fonts.
 */
export const FONT_FAMILY = 'Arimo';
/** What the SVG asks a browser for: Arimo, then fonts with the same metrics. */
export const SVG_FONT_STACK = 'Arimo,Liberation Sans,Arial,Helvetica,sans-serif';

export interface FontMetrics {
  glyphs: Map<number, number>;
  advances: Uint16Array;
  unitsPerEm: number;
}
type Metrics = FontMetrics;
let metrics: Metrics | undefined;
function load(): Metrics {
  // A platform may hand over the metrics alone (the HTML page embeds them, not the font file).
  const p = platform();
  metrics ??= p.fontMetrics?.() ?? fontMetrics(p.fontBytes());
  return metrics;
}

/** Whether the bundled font has a glyph for code point `cp`. */
export function fontCovers(cp: number): boolean {
  return load().glyphs.has(cp);
}

/** Width of `text` in points at `fontSize` points, from the bundled font's advance widths (no kerning). */
export function textWidth(text: string, fontSize: number): number {
  const m = load();
  let units = 0;
  for (const ch of text) {
    const g = m.glyphs.get(ch.codePointAt(0)!) ?? 0;
    units += m.advances[Math.min(g, m.advances.length - 1)]!;
  }
  return (units * fontSize) / m.unitsPerEm;
}

function tables(ttf: Uint8Array): Map<string, number> {
  const v = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const out = new Map<string, number>();
  for (let i = 0, n = v.getUint16(4); i < n; i++) {
    const rec = 12 + i * 16;
    out.set(String.fromCharCode(...ttf.subarray(rec, rec + 4)), v.getUint32(rec + 8));
  }
  return out;
}

/** A TrueType font's Unicode → glyph map, advance widths (hmtx) and units per em. */
export function fontMetrics(ttf: Uint8Array): Metrics {
  const v = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const t = tables(ttf);
  const [head, hhea, hmtx] = [t.get('head'), t.get('hhea'), t.get('hmtx')];
  if (head === undefined || hhea === undefined || hmtx === undefined) throw new Error('font lacks head/hhea/hmtx');
  const n = v.getUint16(hhea + 34);
  const advances = new Uint16Array(n);
  for (let i = 0; i < n; i++) advances[i] = v.getUint16(hmtx + i * 4);
  return { glyphs: cmapGlyphs(ttf), advances, unitsPerEm: v.getUint16(head + 18) };
}

/** Code point → glyph id for every mapped glyph of a TrueType font's Unicode cmap (format 12, else 4). */
export function cmapGlyphs(ttf: Uint8Array): Map<number, number> {
  const v = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const cmap = tables(ttf).get('cmap');
  if (cmap === undefined) throw new Error('font has no cmap table');
  let f4 = -1;
  let f12 = -1;
  for (let i = 0, n = v.getUint16(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + i * 8;
    const [platform, encoding, sub] = [v.getUint16(rec), v.getUint16(rec + 2), cmap + v.getUint32(rec + 4)];
    const format = v.getUint16(sub);
    if (format === 12 && (platform === 0 || (platform === 3 && encoding === 10))) f12 = sub;
    if (format === 4 && (platform === 0 || (platform === 3 && encoding === 1))) f4 = sub;
  }
  const out = new Map<number, number>();
  if (f12 >= 0) {
    for (let g = 0, n = v.getUint32(f12 + 12); g < n; g++) {
      const at = f12 + 16 + g * 12;
      const [start, end, glyph] = [v.getUint32(at), v.getUint32(at + 4), v.getUint32(at + 8)];
      for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.set(c, glyph + (c - start));
    }
    return out;
  }
  if (f4 < 0) throw new Error('font has no Unicode cmap');
  const segs = v.getUint16(f4 + 6) / 2;
  const ends = f4 + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const rangeOffsets = deltas + segs * 2;
  for (let s = 0; s < segs; s++) {
    const [start, end] = [v.getUint16(starts + s * 2), v.getUint16(ends + s * 2)];
    const delta = v.getUint16(deltas + s * 2);
    const ro = v.getUint16(rangeOffsets + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (ro === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = v.getUint16(rangeOffsets + s * 2 + ro + (c - start) * 2);
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) out.set(c, glyph);
    }
  }
  return out;
}
