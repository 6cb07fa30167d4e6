import { describe, expect, it } from 'vitest';
import { nameMatch, rewriteSamples } from '../../../../src/profile/filter/rewrite.js';
import { compileGoRegexp } from '../../../../src/util/go-regexp.js';
import { synthProfile } from '../../../helpers/synthetic-profile.js';

const p = () =>
  synthProfile([
    { stack: ['main.a'], values: [1, 10], labels: { user: ['alice'] } },
    { stack: ['main.b', 'main.a'], values: [2, 20] },
    { stack: ['util.c', 'main.a'], values: [3, 30], labels: { user: ['bob'] } },
  ]);

describe('rewriteSamples', () => {
  it('takes the new stack of each sample, drops those given null, carries values and labels over', () => {
    const q = p();
    const s = rewriteSamples(q, (i, stack) => (i === 1 ? null : Array.from(stack).reverse()));
    expect(s.count).toBe(2);
    expect(Array.from(s.values)).toEqual([1, 10, 3, 30]);
    expect(s.labelSet.length).toBe(2);
    expect(s.labelSets[s.labelSet[1]!]!.str).toEqual({ user: ['bob'] });
    expect(Array.from(s.locs.subarray(s.stackStart[1], s.stackStart[2]))).toEqual([0, 2]); // main.a, util.c
  });
});

describe("nameMatch (pprof's Location.matchesName)", () => {
  it('a function name or file name of any line, or the mapping file, matches', () => {
    const q = p();
    const locOf = (name: string) => q.locations[q.functions.findIndex((f) => f.name === name)]!;
    expect(nameMatch(q, compileGoRegexp('^main\\.b$')).location(locOf('main.b'))).toBe(true);
    expect(nameMatch(q, compileGoRegexp('^src/util\\.go$')).location(locOf('util.c'))).toBe(true); // the file
    expect(nameMatch(q, compileGoRegexp('util')).location(locOf('main.a'))).toBe(false);
    const mapped = { ...q, mappings: [{ start: 0, limit: 1 << 20, offset: 0, file: '/usr/lib/libc.so', buildId: '', hasFunctions: true, hasFilenames: true, hasLineNumbers: true }] };
    const loc = { ...locOf('main.a'), mapping: 0 };
    const libc = nameMatch(mapped, compileGoRegexp('libc'));
    expect([libc.location(loc), libc.mapping(loc), libc.line(loc, 0)]).toEqual([true, true, false]);
  });
});
