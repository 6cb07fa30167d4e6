/**
 * Text for a terminal, whatever a profile's names (or a server's answer) contain: control
 * characters become visible escapes, so a name cannot retitle the window (ESC ] … BEL), clear the
 * screen, move the cursor (ESC [ …), rewrite earlier lines (CR) or reorder what a line shows.
 * Escaped: C0 (NUL…US, ESC, BEL, CR, LF, TAB), DEL, C1 (U+0080–U+009F, which some terminals take
 * as ESC sequences too) as `\xHH`; the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069: "Trojan Source") and the bidi marks (U+061C, U+200E, U+200F:
 * they too move the neutral characters around them) as `\uHHHH`. Every other character, non-ASCII
 * included, is left as it is (pprof prints names raw; only these differ from its output): the
 * zero-width joiners and spaces (U+200B–U+200D) stay, as scripts and emoji sequences need them.
 * Used where the terminal-bound text is made: names and labels in the text reports (before
 * their widths are computed, so columns stay aligned), error and warning messages, Markdown.
 * Data outputs (DOT, JSON) keep names exact.
 */
// eslint-disable-next-line no-control-regex
const ANY = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  const cp = c.charCodeAt(0);
  return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** One name or value, shown on one line: every control character escaped (tab and newline too). */
export function visible(s: string): string {
  return ANY.test(s) ? s.replace(ALL, escape) : s;
}

/** Whole lines of text (a report, a source file's lines): as `visible`, but tabs and newlines stay. */
export function visibleLines(s: string): string {
  return ANY.test(s) ? s.replace(BUT_LINES, escape) : s;
}
