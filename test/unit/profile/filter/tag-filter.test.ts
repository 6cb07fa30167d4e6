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

describe('compileTagFilter with a numeric range', () => {
  const set = (num: Record<string, number[]>) => ({ str: {}, num, numUnit: {} });
  const units = new Map([['bytes', 'bytes'], ['ms', 'ms']]);
  it('without a key any numeric label in range matches; with key= only that one; it notes the range reading', () => {
    const notes: string[] = [];
    const any = compileTagFilter('tagfocus', '1kb:', units, (n) => notes.push(n))!;
    expect([any(set({ bytes: [2048] })), any(set({ bytes: [1000] })), any(set({ bytes: [10], ms: [5000] }))]).toEqual([true, false, false]);
    expect(notes).toEqual(["tagfocus: interpreted '1kb:' as a range, not a regexp"]);
    const keyed = compileTagFilter('tagfocus', 'bytes=1kb:', units, () => {})!;
    expect([keyed(set({ bytes: [4096] })), keyed(set({ other: [4096] }))]).toEqual([true, false]);
  });
  it("a label without a unit is read in the filter's unit (pprof's Scale keeps an unknown unit's value)", () => {
    expect(compileTagFilter('tagfocus', '1kb:', units, () => {})!(set({ n: [1] }))).toBe(true);
  });
  it('unset is no filter', () => expect(compileTagFilter('tagfocus', '', units, () => {})).toBeNull());
});
