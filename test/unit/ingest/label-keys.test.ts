// Label keys a plain object already answers (`constructor`, `toString`) or treats specially
// (`__proto__`) are a profile's keys like any other: go tool pprof shows them; they once made
// every report refuse the profile as "corrupt" (`set.str[k].push is not a function`).
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/config/defaults.js';
import '../../../src/io/node-platform.js';
import { parseProfile } from '../../../src/ingest/parse.js';
import { decodeProfile, encodeProfile } from '../../../src/model/codec.js';
import { compileTagFilter } from '../../../src/profile/filter/tag-filter.js';
import { heapProfile } from '../../helpers/hostile-profile.js';

const KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
const bytes = heapProfile({
  functions: ['main.main', 'main.leak'],
  samples: KEYS.map((k, i) => ({ stack: [1, 0], values: [i + 1, 100 * (i + 1)], labels: [[k, `v${i}`]] as [string, string][] })),
});

describe('label keys named like Object.prototype members', () => {
  it('parse, each kept under its own key, and change no prototype', () => {
    const p = parseProfile(bytes, 'x.pb', { maxInflate: 1 << 20 });
    const sets = p.samples.labelSets.slice(1);
    expect(sets.map((s) => Object.entries(s.str))).toEqual(KEYS.map((k, i) => [[k, [`v${i}`]]]));
    for (const s of sets) expect(Object.keys(s.num)).toEqual([]);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['v0']).toBeUndefined();
  });

  it('tag filters find them by key, and no other set answers those keys, also after the page codec', () => {
    const p = parseProfile(bytes, 'x.pb', { maxInflate: 1 << 20 });
    const decoded = decodeProfile(encodeProfile(p, DEFAULTS.htmlMaxProfileBytes)!);
    for (const q of [p, decoded, structuredClone(p)]) {
      const sets = q.samples.labelSets;
      KEYS.forEach((k, i) => {
        const m = compileTagFilter('tagfocus', `${k}=v${i}`, new Map(), () => {})!;
        expect(sets.map(m), k).toEqual(sets.map((_, j) => j === i + 1));
        const num = compileTagFilter('tagfocus', `${k}=1:`, new Map(), () => {})!;
        expect(sets.some(num), k).toBe(false);
      });
    }
  });
});
