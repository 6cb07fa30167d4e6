import { RE2JS } from 're2js';

// pprof's name-shortening rules (graph.ShortenFunctionName), used for node labels. Go regexps on
// re2js: names come from the profile, and JavaScript's backtracking takes quadratic time on some
// (goVerRe on a long name of "/v2" with a line break at the end).
const javaRe = RE2JS.compile('^(?:[a-z]\\w*\\.)*([A-Z][\\w\\$]*\\.(?:<init>|[a-z][\\w\\$]*(?:\\$\\d+)?))(?:(?:\\()|$)');
const goRe = RE2JS.compile('^(?:[\\w\\-\\.]+\\/)+(.+)');
const goVerRe = RE2JS.compile('^(.*?)/v(?:[2-9]|[1-9][0-9]+)([./].*)$');
const cppRe = RE2JS.compile('^(?:[_a-zA-Z]\\w*::)+(_*[A-Z]\\w*::~?[_a-zA-Z]\\w*(?:<.*>)?)');
const cppAnonymousPrefix = '(anonymous namespace)::';

/**
 * Each name's answer, kept: the HTML asks for the same names once per sample type (and the flame
 * graph once more), and matching a profile's megabyte-long name is not free even in linear time.
 */
const memo = new Map<string, string>();
const MEMO_ENTRIES = 100_000;

/** Drops package paths (Go), packages and arguments (Java) and namespaces (C++). */
export function shortenFunctionName(f: string): string {
  let short = memo.get(f);
  if (short === undefined) {
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    short = shorten(f);
    memo.set(f, short);
  }
  return short;
}

function shorten(f: string): string {
  if (f.startsWith(cppAnonymousPrefix)) f = f.slice(cppAnonymousPrefix.length);
  const v = goVerRe.exec(f);
  if (v !== null) f = `${v[1] ?? ''}${v[2] ?? ''}`;
  for (const re of [goRe, javaRe, cppRe]) {
    const m = re.exec(f);
    if (m !== null && m.length >= 2) return m.slice(1).join('');
  }
  return f;
}
