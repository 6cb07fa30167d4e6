import { describe, expect, it } from 'vitest';
import { shortenFunctionName } from '../../../src/graph/shorten.js';

/**
 * Node labels shorten names with pprof's Go regexps (graph.ShortenFunctionName). The expected
 * values are what those regexps give in Go 1.19: Go's `.` stops only at \n, JavaScript's at \r and
 * U+2028 too; and a long crafted name takes linear time, not JavaScript's quadratic backtracking.
 */
describe('shortenFunctionName as pprof, on hostile names', () => {
  for (const [name, short] of [
    ['github.com/a/b/v2/pkg.Func', 'pkg.Func'],
    ['a\r/v2/x', 'a\r/x'],
    ['pkg/v2\u2028.F', 'v2\u2028.F'],
    ['x/y\n', 'y'],
    ['a.b/c\r.D', 'c\r.D'],
  ]) {
    it(`${JSON.stringify(name)} → ${JSON.stringify(short)}`, () => expect(shortenFunctionName(name!)).toBe(short));
  }

  it('a 900 kB name of "/v2" ending in a line break finishes (minutes with JavaScript RegExp)', () => {
    const name = `${'/v2'.repeat(300_000)}\n`;
    expect(shortenFunctionName(name)).toBe(name); // no rule matches it, in Go either
  });
});
