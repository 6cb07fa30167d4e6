import { fontCovers } from './font.js';

/** Longest label line drawn in a picture; longer ones end in "…" (the tooltip keeps the full name). */
export const MAX_PICTURE_LINE = 160;

/**
 * Makes a DOT escString (`\\`, `\n`, `\l`, `\r` escapes) drawable with the bundled font, for the
 * rendered picture only (the DOT output keeps pprof's text):
 * - Go's old closure separator `路` (as in `main.func路001`) becomes the middle dot `·` it stands for;
 * - any other character the font has no glyph for (CJK, emoji, …) and every control character
 *   becomes a visible escape `\uXXXX` (`\U0010FFFF` beyond the BMP), never an empty box;
 * - a line longer than MAX_PICTURE_LINE characters is cut and ends in `…`;
 * - the text stops once it is longer than `maxChars` (the DOT writer cuts it there with `…`): a
 *   legend of a million comment lines is not converted whole.
 */
export function pictureText(esc: string, maxChars = Infinity): string {
  let out = '';
  let col = 0;
  let cut = false;
  for (let i = 0; i < esc.length && out.length <= maxChars; ) {
    const cp = esc.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (ch === '\\' && i < esc.length) {
      const next = esc[i++]!;
      if (next === 'n' || next === 'l' || next === 'r') {
        out += `\\${next}`;
        col = 0;
        cut = false;
        continue;
      }
      if (put(1)) out += `\\${next}`;
      continue;
    }
    const shown = drawable(cp);
    if (put(shown.length)) out += shown === '\\' ? '\\\\' : shown.replace(/^\\/, '\\\\');
  }
  return out;

  function put(width: number): boolean {
    if (cut) return false;
    if (col + width > MAX_PICTURE_LINE) {
      out += '…';
      cut = true;
      return false;
    }
    col += width;
    return true;
  }
}

/** One character as the picture shows it: itself, `·` for `路`, or a `\uXXXX` escape. */
function drawable(cp: number): string {
  if (cp === 0x8def) return '·';
  const control = cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
  if (!control && (cp < 0x80 || fontCovers(cp))) return String.fromCodePoint(cp);
  const hex = cp.toString(16).toUpperCase();
  return cp > 0xffff ? `\\U${hex.padStart(8, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/** For tooltips (not drawn with the font): only control characters, which DOT cannot carry, are escaped. */
export function tooltipText(esc: string): string {
  return esc.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
