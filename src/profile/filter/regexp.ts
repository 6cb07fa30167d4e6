import { UsageError } from '../../errors.js';
import { compileGoRegexp, GoRegexpError, type Matcher } from '../../util/go-regexp.js';

/** A Go regexp from the user; a bad one is a UsageError reading `PREFIX: error parsing regexp: …`. */
export function compileUserRegexp(src: string, prefix: string): Matcher {
  try {
    return compileGoRegexp(src);
  } catch (e) {
    if (e instanceof GoRegexpError) throw new UsageError(`${prefix}: ${e.message}`);
    throw e;
  }
}

/** pprof's compileRegexOption: null when the option is not set; `parsing focus regexp: …` on error. */
export function compileOptionRegexp(option: string, value: string): Matcher | null {
  if (value === '') return null;
  return compileUserRegexp(value, `parsing ${option} regexp`);
}

/** The regexp argument of `--peek` / `--list`: `parsing argument regexp X: …` on error, as pprof. */
export function compileSymbolRegexp(value: string): Matcher {
  return compileUserRegexp(value, `parsing argument regexp ${value}`);
}
