import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';

/**
 * Go's regexps (the RE2 syntax of Go 1.19, pprof's here) on re2js, a port of Go's regexp package:
 * matching time is linear in the input whatever the pattern, so a pattern from the command line or
 * from a profile (drop_frames) cannot hang a run. Pure JavaScript with no Node import, so that the
 * HTML page can use the same engine.
 */
export interface Matcher {
  /** The pattern as written. */
  readonly source: string;
  /** Go's MatchString: whether the pattern matches anywhere in s (unanchored). */
  test(s: string): boolean;
  /** Go's FindString, but null when nothing matches: the leftmost-first match. */
  find(s: string): string | null;
}

/** A pattern Go's regexp.Compile refuses; the message is Go's: "error parsing regexp: CODE: `EXPR`". */
export class GoRegexpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoRegexpError';
  }
}

const PREFIX = 'error parsing regexp: ';
const MISSING_PAREN = 'missing closing )';

/**
 * Compiles `src` as Go's regexp.Compile does, or throws GoRegexpError with Go's message.
 * re2js differs from Go 1.19 in three places, handled here: it reads `(?<name>` (Go 1.22) and,
 * with a flag we never set, lookbehind, where Go 1.19 refuses every `(?<`; it refuses duplicate
 * group names, which Go allows; and a few messages lack Go's expression (`: \`…\``).
 */
export function compileGoRegexp(src: string): Matcher {
  const openers = groupOpeners(src);
  const lt = openers.find((i) => src.startsWith('(?<', i));
  let re: RE2JS;
  if (lt !== undefined) {
    // Go stops at the first error from the left: one before `(?<` wins, else `(?<` is refused
    // (an unclosed group in the prefix is no error: the rest of the pattern may close it).
    const prefix = src.slice(0, lt);
    const err = compileError(uniqueNames(prefix, openers), src);
    if (err !== null && !err.message.startsWith(`${PREFIX}${MISSING_PAREN}:`)) throw err;
    throw new GoRegexpError(`${PREFIX}invalid or unsupported Perl syntax: \`(?<\``);
  }
  const pattern = uniqueNames(src, openers);
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    throw goError(e, pattern, src);
  }
  return {
    source: src,
    test: (s) => re.test(s),
    find: (s) => {
      const m = re.exec(s);
      return m === null ? null : (m[0] as string);
    },
  };
}

function compileError(pattern: string, src: string): GoRegexpError | null {
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (e) {
    return goError(e, pattern, src);
  }
}

/** re2js's exception as Go's error text for `src` (`pattern` is what re2js was given). */
function goError(e: unknown, pattern: string, src: string): GoRegexpError {
  if (!(e instanceof RE2JSSyntaxException)) {
    if (e instanceof RE2JSException || e instanceof RangeError) return new GoRegexpError(`${PREFIX}regexp/syntax: internal error: \`${src}\``);
    throw e;
  }
  const code = e.error;
  let expr = e.input ?? '';
  if (code === 'expression too large') return new GoRegexpError(`${PREFIX}regexp/syntax: internal error: \`${src}\``);
  if (code === 'expression nests too deeply' || expr === pattern) expr = src;
  return new GoRegexpError(`${PREFIX}${code}: \`${expr}\``);
}

/**
 * Where the groups open: the `(` that Go's parser reads as a group, not those escaped, quoted
 * (`\Q…\E`) or inside a character class. Only well-formed prefixes matter (an error earlier in
 * the pattern is reported before anything found here), so escapes are two characters long.
 */
function groupOpeners(src: string): number[] {
  const out: number[] = [];
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src[i];
    if (c === '\\') {
      if (src[i + 1] === 'Q') {
        const e = src.indexOf('\\E', i + 2);
        i = e < 0 ? n : e + 2;
      } else {
        i += 2;
      }
    } else if (c === '[') {
      i = classEnd(src, i);
    } else {
      if (c === '(') out.push(i);
      i++;
    }
  }
  return out;
}

/** The index after the `]` closing the class opened at `i` (Go's parseClass). */
function classEnd(src: string, i: number): number {
  i++;
  if (src[i] === '^') i++;
  let first = true;
  while (i < src.length && (src[i] !== ']' || first)) {
    first = false;
    if (src.startsWith('[:', i)) {
      const e = src.indexOf(':]', i + 2);
      if (e >= 0) {
        i = e + 2;
        continue;
      }
    }
    i += src[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

const NAMED = /\(\?P<([A-Za-z0-9_]+)>/y;

/**
 * `src` with its named groups renamed g1, g2, … when two share a name (Go allows it; re2js
 * does not, and names play no part in matching). Unchanged otherwise.
 */
function uniqueNames(src: string, openers: number[]): string {
  const named: { at: number; len: number }[] = [];
  const seen = new Set<string>();
  let dup = false;
  for (const i of openers) {
    if (i >= src.length) break;
    NAMED.lastIndex = i;
    const m = NAMED.exec(src);
    if (m === null) continue;
    if (seen.has(m[1]!)) dup = true;
    seen.add(m[1]!);
    named.push({ at: i, len: m[0].length });
  }
  if (!dup) return src;
  let out = '';
  let from = 0;
  named.forEach((g, k) => {
    out += `${src.slice(from, g.at)}(?P<g${k + 1}>`;
    from = g.at + g.len;
  });
  return out + src.slice(from);
}

/**
 * Go's regexp.QuoteMeta: `s` with every regexp metacharacter escaped, so that the pattern matches
 * the text itself (the page's "focus on it" escapes a function's name so, as pprof's web UI does).
 */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
