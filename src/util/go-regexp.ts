import { UsageError } from '../errors.js';

/**
 * Compiles a Go (RE2) regular expression as a JavaScript one. The common subset behaves the same;
 * RE2-only syntax is translated where cheap: `(?P<name>` groups and the `(?i)` flag prefix.
 * Errors read like pprof's: `parsing argument regexp X: error parsing regexp: …`.
 */
export function compileGoRegExp(src: string, what = 'regexp'): RegExp {
  let flags = 'u';
  let body = src.replace(/\(\?P</g, '(?<');
  const m = /^\(\?([imsU]+)\)/.exec(body);
  if (m) {
    body = body.slice(m[0].length);
    if (m[1]!.includes('i')) flags += 'i';
    if (m[1]!.includes('s')) flags += 's';
    if (m[1]!.includes('m')) flags += 'm';
  }
  try {
    return new RegExp(body, flags);
  } catch (e) {
    try {
      return new RegExp(body, flags.replace('u', ''));
    } catch {
      throw new UsageError(`parsing ${what} ${src}: error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
    }
  }
}
