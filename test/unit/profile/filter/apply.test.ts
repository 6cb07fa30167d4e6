import { describe, expect, it } from 'vitest';
import { DEFAULTS, type ReportConfig } from '../../../../src/config/defaults.js';
import { activeFilters, applyFilters, compileFilters } from '../../../../src/profile/filter/apply.js';
import { stackSums, synthProfile } from '../../../helpers/synthetic-profile.js';

const p = () =>
  synthProfile([
    { stack: ['pkg.leaf', 'pkg.mid', 'main.main'], values: [1, 100], labels: { user: ['alice'] } },
    { stack: ['other.x', 'main.main'], values: [1, 30], labels: { user: ['bob'] } },
    { stack: [], values: [1, 7] },
  ]);
const config = (c: Partial<ReportConfig>): ReportConfig => ({ ...DEFAULTS.report, ...c });
function run(c: Partial<ReportConfig>) {
  const warnings: string[] = [];
  const prof = p();
  const out = applyFilters(prof, compileFilters(prof, config(c), () => {}), (w) => warnings.push(w));
  return { sums: stackSums(out, 1), warnings };
}

describe('compileFilters', () => {
  it("reports the first bad regexp in pprof's order (focus before ignore before hide …)", () => {
    expect(() => compileFilters(p(), config({ hide: '(', ignore: '[' }), () => {})).toThrow(/^parsing ignore regexp: /);
    expect(() => compileFilters(p(), config({ tagHide: '(', pruneFrom: '[' }), () => {})).toThrow(/^parsing prune_from regexp: /);
  });
  it('unset options compile to no filter', () => {
    expect(Object.values(compileFilters(p(), DEFAULTS.report, () => {})).every((f) => f === null)).toBe(true);
  });
});

describe("applyFilters (pprof's applyFocus)", () => {
  it('no filter: only the samples without a location go', () => {
    expect(run({}).sums).toEqual({ 'pkg.leaf<pkg.mid<main.main {"user":["alice"]}': 100, 'other.x<main.main {"user":["bob"]}': 30 });
  });
  it('the steps compose: focus, then show_from, then tag filters, then prune_from', () => {
    const r = run({ focus: 'main', showFrom: 'pkg\\.mid|other', tagIgnore: 'user:bob', pruneFrom: 'pkg\\.mid' });
    expect(r.sums).toEqual({ 'pkg.mid {"user":["alice"]}': 100 });
    expect(r.warnings).toEqual([]);
  });
  it('warns once per filter that matched no samples, in its pprof name', () => {
    const r = run({ focus: 'nosuch', tagShow: 'nosuchtag' });
    expect(r.sums).toEqual({});
    // Nothing is left for tagshow to match either: pprof warns for both.
    expect(r.warnings).toEqual(['Focus expression matched no samples', 'TagShow expression matched no samples']);
    expect(run({ ignore: 'nosuch', showFrom: 'nosuch', tagFocus: 'user:carol', tagHide: 'nosuch' }).warnings).toEqual([
      'Ignore expression matched no samples',
      'ShowFrom expression matched no samples',
      'TagFocus expression matched no samples',
      'TagHide expression matched no samples',
    ]);
  });
});

describe('activeFilters', () => {
  it('"Active filters:" lines in pprof\'s order, with pprof\'s names; prune_from is not one', () => {
    expect(activeFilters(config({ tagHide: 'x', focus: 'a', showFrom: 'b', pruneFrom: 'c' }))).toEqual(['focus=a', 'show_from=b', 'taghide=x']);
    expect(activeFilters(DEFAULTS.report)).toEqual([]);
  });
});
