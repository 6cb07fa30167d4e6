// The engine's own base64 (no Buffer, no atob): the same text as Node's, and back.
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../src/util/base64.js';

describe('base64', () => {
  it("encodes as Node's Buffer does and decodes back, at every length mod 3", () => {
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    for (const n of [0, 1, 2, 3, 4, 5, 6, 255, 256, 257, 100_000, 100_001, 100_002]) {
      const b = new Uint8Array(n);
      for (let i = 0; i < n; i++) b[i] = rnd();
      const s = toBase64(b);
      expect(s).toBe(Buffer.from(b).toString('base64'));
      expect(Array.from(fromBase64(s))).toEqual(Array.from(b));
    }
  });
});
