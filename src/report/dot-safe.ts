/**
 * Keeps every DOT string value readable by every Graphviz, whatever the profile's names contain.
 *
 * - Native Graphviz before 2.50 (Debian's 2.43 among them) stops at a quoted string longer than
 *   16384 bytes ("syntax error … longer than 16384?"). A value is cut at MAX_DOT_STRING UTF-16 units
 *   (at most ~16000 bytes once UTF-8- and XML-escaped: `&` → `&amp;` is 5 bytes) and marked with
 *   `…`. pprof writes such names whole; its DOT then fails in those Graphviz versions.
 *   The DOT laid out by the WASM Graphviz (16.x, no such limit) keeps whole names: `maxLength`.
 * - C0 control characters other than tab (NUL, ESC, CR…) become U+FFFD: C-string readers stop at
 *   NUL, and the rest have no place in a label. Newlines are already `\l` escapes (escapeForDot).
 */
export const MAX_DOT_STRING = 3000;

export function dotSafe(v: string, maxLength = MAX_DOT_STRING): string {
  // eslint-disable-next-line no-control-regex
  let s = v.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '\ufffd');
  if (s.length <= maxLength) return s;
  s = s.slice(0, maxLength);
  // Never cut a surrogate pair or an escape sequence (`\\`, `\l`, `\n`) in half.
  if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
  const trailing = /\\*$/.exec(s)![0].length;
  if (trailing % 2 === 1) s = s.slice(0, -1);
  return `${s}…`;
}
