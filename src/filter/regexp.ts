import { UsageError } from '../errors.js';
import { compileGoRegExp } from '../util/go-regexp.js';

/**
 * Go's regexp error detail (`missing closing ): \`(\``) for the common mistakes, so that a bad
 * `--focus` reads as pprof's `parsing focus regexp: error parsing regexp: …`.
 */
export function goRegexpDetail(src: string, jsMessage: string): string {
  const trailing = /\\+$/.exec(src);
  if (trailing && trailing[0].length % 2 === 1) return 'trailing backslash at end of expression: ``';
  const nested = /(?:^|[^\\])((?:[*+?]|\{\d+(?:,\d*)?\})[*+]|(?:[*+?]|\{\d+(?:,\d*)?\})\?[*+?])/.exec(src);
  if (nested) return `invalid nested repetition operator: \`${nested[1]}\``;
  const bare = /(?:^|[(|])([*+?])/.exec(src);
  if (bare) return `missing argument to repetition operator: \`${bare[1]}\``;
  const count = /\{(\d+),(\d+)\}/.exec(src);
  if (count && Number(count[1]) > Number(count[2])) return `invalid repeat count: \`${count[0]}\``;
  if (/Unterminated character class/i.test(jsMessage)) {
    const open = src.lastIndexOf('[');
    return `missing closing ]: \`${open >= 0 ? src.slice(open) : src}\``;
  }
  if (/Unterminated group/i.test(jsMessage)) return `missing closing ): \`${src}\``;
  if (/Unmatched '\)'/i.test(jsMessage)) return `unexpected ): \`${src}\``;
  return `invalid regexp: ${jsMessage.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}`;
}

function compile(src: string, prefix: string): RegExp {
  try {
    return compileGoRegExp(src);
  } catch (e) {
    const m = /error parsing regexp: (.*)$/.exec((e as Error).message);
    throw new UsageError(`${prefix}: error parsing regexp: ${goRegexpDetail(src, m ? m[1]! : (e as Error).message)}`);
  }
}

/** pprof's compileRegexOption: null when the option is not set; `parsing focus regexp: …` on error. */
export function compileOptionRegexp(option: string, value: string): RegExp | null {
  if (value === '') return null;
  return compile(value, `parsing ${option} regexp`);
}

/** The regexp argument of `--peek` / `--list`: `parsing argument regexp X: …` on error, as pprof. */
export function compileSymbolRegexp(value: string): RegExp {
  return compile(value, `parsing argument regexp ${value}`);
}
