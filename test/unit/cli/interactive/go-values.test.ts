import { describe, expect, it } from 'vitest';
import { goFloat, goQuote, parseGoFloat, parseGoInt, pprofBool } from '../../../../src/cli/interactive/go-values.js';

// The shell prints option values and errors in Go's spellings, as pprof's `o` and messages do.
describe("Go's value spellings", () => {
  it('fmt %v of a float64', () => {
    // What Go 1.19's fmt.Sprint printed for each.
    const values = [0.005, 0.001, 1, 1024, 1e-5, 0.0001, 1e21, 123456789012345680000, -2.5, 1e6, 999999, 123456.7, 1e20];
    expect(values.map(goFloat)).toEqual(
      ['0.005', '0.001', '1', '1024', '1e-05', '0.0001', '1e+21', '1.2345678901234568e+20', '-2.5', '1e+06', '999999', '123456.7', '1e+20'],
    );
  });
  it('%q escapes what a terminal would act on', () => {
    expect(goQuote('top')).toBe('"top"');
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\x1b]0;x\x07\n')).toBe('"\\x1b]0;x\\a\\n"');
    expect(goQuote('\u202e路')).toBe('"\\u202e路"');
  });
  it("strconv's errors", () => {
    expect(parseGoInt('+12')).toBe(12);
    expect(() => parseGoInt('1.5')).toThrow('strconv.Atoi: parsing "1.5": invalid syntax');
    expect(parseGoFloat('.5')).toBe(0.5);
    expect(parseGoFloat('1e3')).toBe(1000);
    expect(() => parseGoFloat('x')).toThrow('strconv.ParseFloat: parsing "x": invalid syntax');
    expect(pprofBool('')).toBe(true);
    expect(pprofBool('No')).toBe(false);
    expect(() => pprofBool('maybe')).toThrow('illegal value "maybe" for bool variable');
  });
});
