import { describe, expect, it } from 'vitest';
import { compileTagFilter, parseTagRange } from '../../../../src/profile/filter/tag-filter.js';

describe('numeric tag ranges (pprof parseTagFilterRange)', () => {
  it('reads equal, at-least, at-most and between, in the filter unit', () => {
    expect(parseTagRange('1kb:')!(1024, 'bytes')).toBe(true);
    expect(parseTagRange('1kb:')!(1023, 'bytes')).toBe(false);
    expect(parseTagRange(':64kb')!(65536, 'bytes')).toBe(true);
    expect(parseTagRange(':64kb')!(65537, 'bytes')).toBe(false);
    expect(parseTagRange('32kb')!(32768, 'bytes')).toBe(true);
    expect(parseTagRange('1mb:2gb')!(3 * 2 ** 20, 'bytes')).toBe(true);
    expect(parseTagRange('1mb:2gb')!(2 ** 31 + 1, 'bytes')).toBe(false);
    // A value of another unit type never matches (pprof compares the scaled units).
    expect(parseTagRange('1kb:')!(4096, 'nanoseconds')).toBe(false);
  });
  it('is not a range when the text has more than numbers with units', () => {
    expect(parseTagRange('main')).toBeNull();
    expect(parseTagRange('chain38')).toBeNull();
    expect(parseTagRange('1kb-2kb')).toBeNull();
    expect(parseTagRange('1kb:2ms')).toBeNull();
  });
  it('string filters: every regexp matches some key:value; with key=, any regexp matches a value', () => {
    const set = { str: { user: ['alice'], op: ['read'] }, num: {}, numUnit: {} };
    const f = (v: string) => compileTagFilter('tagfocus', v, new Map(), () => {})!;
    expect(f('user:ali,op:read')(set)).toBe(true);
    expect(f('user:ali,op:write')(set)).toBe(false);
    expect(f('user=bob,ali')(set)).toBe(true);
    expect(f('op=alice')(set)).toBe(false);
  });
});
