import { describe, expect, it } from 'vitest';
import { pruneFrom, showFrom } from '../../../../src/profile/filter/show-from.js';
import { compileGoRegexp } from '../../../../src/util/go-regexp.js';
import { stackSums, synthProfile } from '../../../helpers/synthetic-profile.js';

// Stacks are leaf first: "a<b<main" is a called by b called by main.
const p = () =>
  synthProfile([
    { stack: ['pkg.leaf', 'pkg.mid', 'pkg.top', 'main.main'], values: [1, 100] },
    { stack: ['pkg.leaf', 'pkg.top', 'pkg.mid', 'main.main'], values: [1, 20] },
    { stack: ['other.x', 'main.main'], values: [1, 3] },
  ]);

describe("showFrom (pprof's ShowFrom)", () => {
  it('drops the frames above the highest (rootmost) match and the samples without one', () => {
    const r = showFrom(p(), compileGoRegexp('pkg\\.(mid|top)'));
    expect(r.matched).toBe(true);
    expect(stackSums(r.profile, 1)).toEqual({ 'pkg.leaf<pkg.mid<pkg.top': 100, 'pkg.leaf<pkg.top<pkg.mid': 20 });
  });
  it('matches nothing: no sample is left, and it says so', () => {
    const r = showFrom(p(), compileGoRegexp('nosuch'));
    expect(r.matched).toBe(false);
    expect(r.profile.samples.count).toBe(0);
  });
});

describe("pruneFrom (pprof's PruneFrom)", () => {
  it('drops the frames beneath the lowest (leafmost) match, keeping the match; other samples stay', () => {
    const r = pruneFrom(p(), compileGoRegexp('pkg\\.(mid|top)'));
    expect(stackSums(r, 1)).toEqual({ 'pkg.mid<pkg.top<main.main': 100, 'pkg.top<pkg.mid<main.main': 20, 'other.x<main.main': 3 });
  });
  it('matches the name with its argument list removed (simplifyFunc), as drop_frames does', () => {
    const q = synthProfile([{ stack: ['ns::leaf()', 'ns::T::Get(int) const', 'main'], values: [1, 5] }]);
    expect(stackSums(pruneFrom(q, compileGoRegexp('Get$')), 1)).toEqual({ 'ns::T::Get(int) const<main': 5 });
  });
});
