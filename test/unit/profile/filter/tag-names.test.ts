import { describe, expect, it } from 'vitest';
import { filterTagsByName } from '../../../../src/profile/filter/tag-names.js';
import { compileGoRegexp } from '../../../../src/util/go-regexp.js';
import { synthProfile } from '../../../helpers/synthetic-profile.js';

function labelled() {
  const p = synthProfile([
    { stack: ['main.a'], values: [1, 10], labels: { user: ['alice'], op: ['read'] } },
    { stack: ['main.b'], values: [1, 20], labels: { user: ['bob'] } },
  ]);
  // A numeric label with a unit on the first set, and a set no sample uses.
  const sets = p.samples.labelSets.map((s) => (s.str['op'] ? { ...s, num: { bytes: [512] }, numUnit: { bytes: ['bytes'] } } : s));
  sets.push({ str: { unused: ['x'] }, num: {}, numUnit: {} });
  return { ...p, samples: { ...p.samples, labelSets: sets } };
}
const keys = (p: ReturnType<typeof labelled>) =>
  p.samples.labelSets.slice(0, -1).map((s) => [...Object.keys(s.str), ...Object.keys(s.num).map((k) => `#${k}`)].sort());

describe("filterTagsByName (pprof's FilterTagsByName: --tagshow / --taghide)", () => {
  it('tagshow keeps only the keys it matches, string and numeric', () => {
    const r = filterTagsByName(labelled(), compileGoRegexp('^(user|bytes)$'), null);
    expect(r.showMatched).toBe(true);
    expect(keys(r.profile)).toEqual([[], ['#bytes', 'user'], ['user']]);
  });
  it('taghide drops the keys it matches; numeric units go with their values', () => {
    const r = filterTagsByName(labelled(), null, compileGoRegexp('user|op'));
    expect(r.hideMatched).toBe(true);
    const first = r.profile.samples.labelSets[r.profile.samples.labelSet[0]!]!;
    expect(first).toEqual({ str: {}, num: { bytes: [512] }, numUnit: { bytes: ['bytes'] } });
  });
  it('only label sets some sample uses count as matched', () => {
    const r = filterTagsByName(labelled(), compileGoRegexp('^unused$'), compileGoRegexp('^unused$'));
    expect(r).toMatchObject({ showMatched: false, hideMatched: false });
  });
  it('leaves the samples (stacks, values) alone', () => {
    const p = labelled();
    const r = filterTagsByName(p, null, compileGoRegexp('.'));
    expect(r.profile.samples.values).toBe(p.samples.values);
    expect(r.profile.samples.locs).toBe(p.samples.locs);
  });
});
