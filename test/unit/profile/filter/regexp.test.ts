import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/errors.js';
import { compileOptionRegexp, compileSymbolRegexp } from '../../../../src/profile/filter/regexp.js';

describe("user regexps (pprof's compileRegexOption)", () => {
  it('an unset option is no filter', () => expect(compileOptionRegexp('focus', '')).toBeNull());
  it('Go syntax, unanchored', () => {
    expect(compileOptionRegexp('focus', 'a.c')!.test('xxabcxx')).toBe(true);
    expect(compileOptionRegexp('focus', '\\pL+')!.test('é')).toBe(true); // RE2 classes, not JS
  });
  it("a bad one is a UsageError worded as pprof's", () => {
    expect(() => compileOptionRegexp('focus', '(')).toThrow(UsageError);
    // The messages of test/goldens/pprof/sizes.pb.gz@text@tagshow=x_.err and …@list=_.err.
    expect(() => compileOptionRegexp('tagshow', 'x\\')).toThrow('parsing tagshow regexp: error parsing regexp: trailing backslash at end of expression: ``');
    expect(() => compileSymbolRegexp('[')).toThrow('parsing argument regexp [: error parsing regexp: missing closing ]: `[`');
  });
});
