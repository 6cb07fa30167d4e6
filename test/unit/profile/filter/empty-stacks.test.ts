import { describe, expect, it } from 'vitest';
import { dropEmptyStacks } from '../../../../src/profile/filter/empty-stacks.js';
import { stackSums, synthProfile } from '../../../helpers/synthetic-profile.js';

describe('dropEmptyStacks (the drop pprof\'s FilterSamplesByName makes with no filter set)', () => {
  it('drops the samples without a location, keeps the others in order', () => {
    const p = synthProfile([
      { stack: ['main.a'], values: [1, 10] },
      { stack: [], values: [1, 99] },
      { stack: ['main.b', 'main.a'], values: [2, 20] },
    ]);
    const r = dropEmptyStacks(p);
    expect(r.samples.count).toBe(2);
    expect(Array.from(r.samples.values)).toEqual([1, 10, 2, 20]);
    expect(stackSums(r, 1)).toEqual({ 'main.a': 10, 'main.b<main.a': 20 });
  });
  it('returns the profile itself when every sample has a stack', () => {
    const p = synthProfile([{ stack: ['main.a'], values: [1, 10] }]);
    expect(dropEmptyStacks(p)).toBe(p);
  });
});
