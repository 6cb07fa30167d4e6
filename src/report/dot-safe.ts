/**
 * Keeps every DOT string value readable by every Graphviz, whatever the profile's names contain.
 *
 * - Native Graphviz before 2.50 (Debian's 2.43 among them) stops at a quoted string longer than
 *   16384 bytes ("syntax error … longer than 16384?"). A value whose written form could pass
 *   MAX_DOT_STRING_BYTES (UTF-8, counting `"` as escaped and `& < >` as XML-escaped, in case the
 *   value is written as an HTML-like label) is cut there and marked with `…`. pprof writes such
 *   names whole; its DOT then fails in those Graphviz versions. Names of a few thousand characters
 *   (pprof's goldens have one of 3005) are untouched. The DOT laid out by the WASM Graphviz (16.x,
 *   no such limit) keeps whole names: `maxBytes` = Infinity.
 * - C0 control characters other than tab (NUL, ESC, CR…) become U+FFFD: C-string readers stop at
 *   NUL, and the rest have no place in a label. Newlines are already `\l` escapes (escapeForDot).
 */
export const MAX_DOT_STRING_BYTES = 16000;

/**
 * Labels also size the boxes: Graphviz refuses edges longer than 65535 points ("Edge length …
 * larger than maximum"), which a 16 kB label at pprof's largest font (24 pt) passes. 4000
 * characters (~48k points) keep every box drawable; pprof's 3005-character golden name fits.
 */
export const MAX_DOT_LABEL_CHARS = 4000;

/** Bytes a character may take once written: UTF-8, or its XML or DOT escape. */
function cost(c: string): number {
  switch (c) {
    case '&':
      return 5;
    case '<':
    case '>':
      return 4;
    case '"':
      return 6;
    default: {
      const cp = c.codePointAt(0)!;
      return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
  }
}

export function dotSafe(v: string, maxBytes = MAX_DOT_STRING_BYTES, maxChars = Infinity): string {
  // eslint-disable-next-line no-control-regex
  let s = v.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '\ufffd');
  if (s.length * 6 <= maxBytes && s.length <= maxChars) return s; // short enough whatever the characters
  let bytes = 0;
  let chars = 0;
  let end = 0;
  for (const c of s) {
    bytes += cost(c);
    if (bytes > maxBytes - 3 || ++chars > maxChars) break; // room for "…"
    end += c.length;
  }
  if (end === s.length) return s;
  s = s.slice(0, end);
  // Never cut an escape sequence (`\\`, `\l`, `\n`) in half.
  const trailing = /\\*$/.exec(s)![0].length;
  if (trailing % 2 === 1) s = s.slice(0, -1);
  return `${s}…`;
}
