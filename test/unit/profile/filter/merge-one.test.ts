import { describe, expect, it } from 'vitest';
import { mergeSamples } from '../../../../src/profile/filter/merge-one.js';
import { synthProfile } from '../../../helpers/synthetic-profile.js';

describe("mergeSamples (pprof's profile.Merge of one profile, before --traces)", () => {
  it('sums samples with the same stack and labels in order of first appearance, drops all-zero ones', () => {
    const p = synthProfile([
      { stack: ['main.b', 'main.a'], values: [1, 10] },
      { stack: ['main.a'], values: [0, 0] },
      { stack: ['main.a'], values: [2, 20], labels: { user: ['bob'] } },
      { stack: ['main.b', 'main.a'], values: [3, 30] },
      { stack: ['main.a'], values: [4, 40] },
    ]);
    const m = mergeSamples(p);
    expect(m.samples.count).toBe(3);
    expect(Array.from(m.samples.values)).toEqual([4, 40, 2, 20, 4, 40]);
    expect(m.samples.labelSets[m.samples.labelSet[1]!]!.str).toEqual({ user: ['bob'] });
  });
  it('unifies equal locations (same address and lines) before comparing stacks', () => {
    const p = synthProfile([
      { stack: ['main.a'], values: [1, 10] },
      { stack: ['main.b'], values: [2, 20] },
    ]);
    // A second copy of main.a's location, used by the second sample.
    const locations = [...p.locations, { ...p.locations[0]! }];
    const locs = Uint32Array.from([0, 2]);
    const m = mergeSamples({ ...p, locations, samples: { ...p.samples, locs } });
    expect(m.samples.count).toBe(1);
    expect(Array.from(m.samples.values)).toEqual([3, 30]);
  });
});
