/**
 * The one way a string reaches a DOT file: every ID, label, tooltip, URL and graph attribute is
 * passed through `dotString`, and to-dot.ts prints each one as a quoted DOT string (never as an
 * HTML-like `<…>` label, never unquoted). What it guarantees, whatever a profile's names contain:
 *
 * - The value is a well-formed escString: a backslash only ever starts `\\`, `\n`, `\l` or `\r`
 *   (the model's escapes, see dot-model.ts). Any other backslash is taken literally (`\\`), so a
 *   name cannot reach Graphviz's substitutions (`\N`, `\G`, `\E`…) or end the string with `\"`.
 * - `"` is written `\"` here, before ts-graphviz's printer (which escapes only quotes that are not
 *   already after a backslash, so `\\"` would close the string).
 * - C0 control characters other than tab (NUL, ESC, CR, LF…) and DEL become U+FFFD: C-string
 *   readers stop at NUL, ts-graphviz would write CR and LF as `\r`/`\n` line breaks, and the rest
 *   have no place in a label. Unpaired surrogates (possible in V8 profiles' JSON) become U+FFFD.
 *   So do the C1 controls (U+0080–U+009F: some terminals take them as ESC sequences, and the DOT
 *   can go to one with `-o -`) and the bidi embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069), which would reorder what a box shows in the picture.
 *   Line and paragraph separators (U+2028, U+2029) stay: inside quotes they are plain text.
 * - Native Graphviz before 2.50 (Debian's 2.43 among them) stops at a quoted string longer than
 *   16384 bytes ("syntax error … longer than 16384?"). A value whose written form could pass
 *   MAX_DOT_STRING_BYTES is cut there and marked with `…` (never inside an escape). pprof writes
 *   such names whole; its DOT then fails in those Graphviz versions. Names of a few thousand
 *   characters (pprof's goldens have one of 3005) are untouched. The DOT laid out by the WASM
 *   Graphviz (16.x, no such limit) keeps whole names: `maxBytes` = Infinity.
 */
export const MAX_DOT_STRING_BYTES = 16000;

/**
 * Labels also size the boxes: Graphviz refuses edges longer than 65535 points ("Edge length …
 * larger than maximum"), which a 16 kB label at pprof's largest font (24 pt) passes. 4000
 * characters (~48k points) keep every box drawable; pprof's 3005-character golden name fits.
 */
export const MAX_DOT_LABEL_CHARS = 4000;

/** Bytes a unit (one character or one escape) may take once written. */
function cost(u: string): number {
  if (u.length === 2 && u[0] === '\\') return 2;
  if (u === '"') return 2;
  const cp = u.codePointAt(0)!;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** The unit of an escString at `i` (an escape `\\`, `\n`, `\l`, `\r`, or one safe character) and where the next starts. */
function unitAt(s: string, i: number): [string, number] {
  const cp = s.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  const next = i + ch.length;
  if (ch === '\\') {
    const c = s[next];
    if (c === '\\' || c === 'n' || c === 'l' || c === 'r') return [`\\${c}`, next + 1];
    return ['\\\\', next];
  }
  if ((cp < 0x20 && cp !== 0x09) || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
    return ['\ufffd', next];
  }
  return [ch, next];
}

/**
 * An escString (see dot-model.ts) → the text between the quotes of a DOT string: well-formed,
 * control characters replaced, cut at `maxBytes` written bytes or `maxChars` characters with `…`.
 * The scan stops at the cut: a megabyte-long name costs what its kept part costs.
 */
export function dotString(esc: string, maxBytes = MAX_DOT_STRING_BYTES, maxChars = Infinity): string {
  const out: string[] = [];
  let bytes = 0;
  let chars = 0;
  for (let i = 0; i < esc.length; ) {
    const [u, next] = unitAt(esc, i);
    bytes += cost(u);
    chars += u[0] === '\\' ? 2 : 1; // an escape counts as its two characters
    if (bytes > maxBytes - 3 || chars > maxChars) {
      out.push('…'); // room was kept for it
      break;
    }
    out.push(u === '"' ? '\\"' : u);
    i = next;
  }
  return out.join('');
}
