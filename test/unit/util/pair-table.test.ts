// The (a, b) → index table of the graph, flame and embed builds: right answers, and no key set a
// profile can choose that piles its keys into a few slots (a lookup would then walk them all).
import { describe, expect, it } from 'vitest';
import { PairTable, pairSlot } from '../../../src/util/pair-table.js';

/** The inverse of an odd number modulo 2^32 (Newton's iteration). */
function inverse(x: number): number {
  let y = x;
  for (let i = 0; i < 5; i++) y = Math.imul(y, 2 - Math.imul(x, y));
  return y;
}

describe('PairTable', () => {
  it('finds what was inserted, across rehashes', () => {
    const t = new PairTable(16);
    for (let i = 0; i < 50_000; i++) {
      const slot = t.find(i % 977, i);
      expect(slot).toBeLessThan(0);
      t.insert(slot, i % 977, i, i * 3);
    }
    for (let i = 0; i < 50_000; i++) expect(t.find(i % 977, i)).toBe(i * 3);
    expect(t.find(5, 50_001)).toBeLessThan(0);
  });

  it('spreads keys crafted to share a slot under a multiply-xor hash', () => {
    // Under (imul(a, 0x9e3779b1) ^ imul(b, 0x85ebca6b)) & mask, b_a below puts every (a, b_a) in
    // slot 0: a profile's stacks [b_a, a] did that to the embed's table (quadratic probing).
    const n = 20_000;
    const mask = (1 << 16) - 1;
    const inv = inverse(0x85ebca6b);
    const slots = new Set<number>();
    for (let a = 1; a <= n; a++) {
      const b = (Math.imul(Math.imul(a, 0x9e3779b1), inv) & mask) + (mask + 1);
      expect((Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask).toBe(0);
      slots.add(pairSlot(a, b, mask));
    }
    // 20,000 keys in 65,536 slots at random: ~17,600 distinct slots expected.
    expect(slots.size).toBeGreaterThan(16_000);
  });
});
