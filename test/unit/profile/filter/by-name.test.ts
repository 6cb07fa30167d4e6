import { describe, expect, it } from 'vitest';
import { synthProfile } from '../../../helpers/synthetic-profile.js';
import { filterByName } from '../../../../src/profile/filter/by-name.js';
import { simplifiedNameMatch } from '../../../../src/profile/prune.js';
import type { Location } from '../../../../src/model/profile.js';
import { compileGoRegexp, type Matcher } from '../../../../src/util/go-regexp.js';

/** A Matcher that counts the strings it is asked about. */
function counting(src: string): { m: Matcher; calls: string[] } {
  const inner = compileGoRegexp(src);
  const calls: string[] = [];
  return { m: { source: src, test: (s) => (calls.push(s), inner.test(s)), find: (s) => inner.find(s) }, calls };
}

/** A profile of 3 functions and 300 locations (100 addresses each), every stack main → f → leaf. */
function manyLocations() {
  const p = synthProfile([{ stack: ['pkg.leaf', 'pkg.f', 'main.main'], values: [1, 100] }]);
  const locations: Location[] = [];
  for (let k = 0; k < 100; k++) for (const l of p.locations) locations.push({ ...l, address: l.address + k * 0x1000 });
  return { ...p, locations };
}

describe('regexps run once per distinct function, not per location', () => {
  it('focus/ignore/hide/show', () => {
    const p = manyLocations();
    const c = [counting('leaf'), counting('nothing'), counting('pkg\\.f'), counting('.')];
    filterByName(p, { focus: c[0]!.m, ignore: c[1]!.m, hide: c[2]!.m, show: c[3]!.m });
    for (const { calls } of c) {
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.length).toBeLessThanOrEqual(2 * p.functions.length); // a name and a file name each
    }
  });

  it('drop_frames and prune_from (simplified names)', () => {
    const p = manyLocations();
    const { m, calls } = counting('pkg\\..*');
    const match = simplifiedNameMatch(p, m);
    for (const l of p.locations) match(l.lines[0]!.func);
    expect(calls).toEqual(['pkg.leaf', 'pkg.f', 'main.main']);
  });
});
