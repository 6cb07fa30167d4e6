import { describe, expect, it } from 'vitest';
import { stackSums, synthProfile } from '../../../helpers/synthetic-profile.js';
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

describe("filterByName (pprof's FilterSamplesByName)", () => {
  const p = () =>
    synthProfile([
      { stack: ['pkg.leaf', 'pkg.mid', 'main.main'], values: [1, 100] },
      { stack: ['other.x', 'pkg.mid', 'main.main'], values: [1, 30] },
      { stack: ['util.y', 'main.main'], values: [1, 5] },
    ]);
  const rx = (s: string) => compileGoRegexp(s);
  const none = { focus: null, ignore: null, hide: null, show: null };

  it('focus keeps the samples with a matching frame; ignore drops them, and wins over focus', () => {
    expect(stackSums(filterByName(p(), { ...none, focus: rx('pkg\\.mid') }).profile, 1)).toEqual({ 'pkg.leaf<pkg.mid<main.main': 100, 'other.x<pkg.mid<main.main': 30 });
    const r = filterByName(p(), { ...none, focus: rx('pkg\\.mid'), ignore: rx('other') });
    expect(stackSums(r.profile, 1)).toEqual({ 'pkg.leaf<pkg.mid<main.main': 100 });
    expect([r.focusMatched, r.ignoreMatched]).toEqual([true, true]);
  });
  it('matches file names too (src/<package>.go here)', () => {
    expect(stackSums(filterByName(p(), { ...none, focus: rx('^src/util\\.go$') }).profile, 1)).toEqual({ 'util.y<main.main': 5 });
  });
  it('hide takes the matching frames out of the stacks; a sample left with none goes', () => {
    const one = synthProfile([{ stack: ['pkg.a'], values: [1, 9] }, { stack: ['main.b'], values: [1, 1] }]);
    expect(stackSums(filterByName(p(), { ...none, hide: rx('pkg\\.') }).profile, 1)).toEqual({ 'main.main': 100, 'other.x<main.main': 30, 'util.y<main.main': 5 });
    expect(stackSums(filterByName(one, { ...none, hide: rx('pkg') }).profile, 1)).toEqual({ 'main.b': 1 });
  });
  it('show keeps only the matching frames', () => {
    const r = filterByName(p(), { ...none, show: rx('main|util') });
    expect(stackSums(r.profile, 1)).toEqual({ 'main.main': 130, 'util.y<main.main': 5 });
    expect(r.showMatched).toBe(true);
  });
  it('says which regexps matched nothing (for the warnings)', () => {
    const r = filterByName(p(), { focus: rx('nosuch'), ignore: rx('nosuch'), hide: rx('nosuch'), show: rx('nosuch') });
    expect(r).toMatchObject({ focusMatched: false, ignoreMatched: false, hideMatched: false, showMatched: false });
    expect(r.profile.samples.count).toBe(0);
  });
});
