import { describe, expect, it } from 'vitest';
import type { Prepared } from '../../../src/graph/prepare.js';
import { TagAccumulator } from '../../../src/graph/tag-accumulator.js';

describe('TagAccumulator: the direct table and the hash table give the same tags', () => {
  // Three label sets: two string sets and one `bytes` size; the same size label in two sets.
  const sampleTags = [
    { labels: '', numeric: [{ name: '1kB', unit: 'bytes', value: 1024 }] },
    { labels: 'k:a', numeric: [{ name: '1kB', unit: 'bytes', value: 1000 }] },
    { labels: 'k:b', numeric: [] },
  ];
  const prep = { sampleTags } as unknown as Prepared;
  const adds: [number, number, number, boolean][] = [
    [4, 1, 10, false],
    [2, 0, 5, true],
    [4, 0, 3, false],
    [4, 1, 7, true],
    [2, 2, -4, false],
    [0, 0, 1, false],
  ];
  const run = (acc: TagAccumulator) => {
    for (const [nid, set, w, flat] of adds) acc.add(nid, set, w, flat);
    return acc.holders(prep, 5);
  };
  it('same maps, same first-seen values, in the same order', () => {
    const direct = run(new TagAccumulator(5, 3));
    const hashed = run(new TagAccumulator(5, 1 << 21)); // 5 × 2M slots: past the direct table's limit
    const flat = (hs: ReturnType<typeof run>) =>
      hs.map((h) => h && { labels: [...h.labelTags.entries()], numeric: [...h.numericTags.entries()].map(([k, m]) => [k, [...m.entries()]]) });
    expect(flat(direct)).toEqual(flat(hashed));
    expect(direct[4]!.labelTags.get('k:a')).toMatchObject({ flat: 7, cum: 10 });
    // "1kB" under no string labels: node 4 saw only set 0 there.
    expect(direct[4]!.numericTags.get('')!.get('1kB')).toMatchObject({ value: 1024, flat: 0, cum: 3 });
    expect(direct[3]).toBeUndefined();
  });
});
