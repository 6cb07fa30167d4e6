import type { ReportConfig } from '../../config/defaults.js';
import { numLabelUnits } from '../label-units.js';
import type { Profile } from '../../model/profile.js';
import { filterByName } from './by-name.js';
import { dropEmptyStacks } from './empty-stacks.js';
import { rewriteSamples } from './rewrite.js';
import { compileOptionRegexp } from './regexp.js';
import { showFrom, pruneFrom } from './show-from.js';
import { compileTagFilter, type LabelSetMatch } from './tag-filter.js';
import { filterTagsByName } from './tag-names.js';
import type { Matcher } from '../../util/go-regexp.js';

/** Every filter of a report, compiled. Building this checks all regexps (UsageError on a bad one). */
export interface CompiledFilters {
  focus: Matcher | null;
  ignore: Matcher | null;
  hide: Matcher | null;
  show: Matcher | null;
  showFrom: Matcher | null;
  tagFocus: LabelSetMatch | null;
  tagIgnore: LabelSetMatch | null;
  pruneFrom: Matcher | null;
  tagShow: Matcher | null;
  tagHide: Matcher | null;
}

/** Compiles the filters in pprof's order, so the first bad one is the one reported. */
export function compileFilters(p: Profile, c: ReportConfig, note: (msg: string) => void): CompiledFilters {
  const units = numLabelUnits(p);
  return {
    focus: compileOptionRegexp('focus', c.focus),
    ignore: compileOptionRegexp('ignore', c.ignore),
    hide: compileOptionRegexp('hide', c.hide),
    show: compileOptionRegexp('show', c.show),
    showFrom: compileOptionRegexp('show_from', c.showFrom),
    tagFocus: compileTagFilter('tagfocus', c.tagFocus, units, note),
    tagIgnore: compileTagFilter('tagignore', c.tagIgnore, units, note),
    pruneFrom: compileOptionRegexp('prune_from', c.pruneFrom),
    tagShow: compileOptionRegexp('tagshow', c.tagShow),
    tagHide: compileOptionRegexp('taghide', c.tagHide),
  };
}

/** pprof's "Active filters:" lines, in its order (reportOptions' addFilter calls). */
export function activeFilters(c: ReportConfig): string[] {
  const pairs: [string, string][] = [
    ['focus', c.focus],
    ['ignore', c.ignore],
    ['hide', c.hide],
    ['show', c.show],
    ['show_from', c.showFrom],
    ['tagfocus', c.tagFocus],
    ['tagignore', c.tagIgnore],
    ['tagshow', c.tagShow],
    ['taghide', c.tagHide],
  ];
  return pairs.filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`);
}

/**
 * pprof's applyFocus: name filters, show_from, tag filters, tag show/hide, prune_from — in that
 * order, each a Profile → Profile step. `warn` gets pprof's "… expression matched no samples".
 */
export function applyFilters(p: Profile, f: CompiledFilters, warn: (msg: string) => void): Profile {
  const noMatch = (set: unknown, matched: boolean, what: string) => {
    if (set !== null && !matched) warn(`${what} expression matched no samples`);
  };
  if (f.focus || f.ignore || f.hide || f.show) {
    const r = filterByName(p, f);
    noMatch(f.focus, r.focusMatched, 'Focus');
    noMatch(f.ignore, r.ignoreMatched, 'Ignore');
    noMatch(f.hide, r.hideMatched, 'Hide');
    noMatch(f.show, r.showMatched, 'Show');
    p = r.profile;
  } else {
    p = dropEmptyStacks(p);
  }
  if (f.showFrom) {
    const r = showFrom(p, f.showFrom);
    noMatch(f.showFrom, r.matched, 'ShowFrom');
    p = r.profile;
  }
  if (f.tagFocus || f.tagIgnore) {
    const r = filterByTag(p, f.tagFocus, f.tagIgnore);
    noMatch(f.tagFocus, r.focusMatched, 'TagFocus');
    noMatch(f.tagIgnore, r.ignoreMatched, 'TagIgnore');
    p = r.profile;
  }
  if (f.tagShow || f.tagHide) {
    const r = filterTagsByName(p, f.tagShow, f.tagHide);
    noMatch(f.tagShow, r.showMatched, 'TagShow');
    noMatch(f.tagHide, r.hideMatched, 'TagHide');
    p = r.profile;
  }
  if (f.pruneFrom) p = pruneFrom(p, f.pruneFrom);
  return p;
}

/** pprof's FilterSamplesByTag: keep samples whose labels pass focus and not ignore. */
function filterByTag(p: Profile, focus: LabelSetMatch | null, ignore: LabelSetMatch | null) {
  let focusMatched = false;
  let ignoreMatched = false;
  const verdicts = p.samples.labelSets.map((set) => ({
    focused: focus ? focus(set) : true,
    ignored: ignore ? ignore(set) : false,
  }));
  const samples = rewriteSamples(p, (i, stack) => {
    const v = verdicts[p.samples.labelSet[i]!]!;
    focusMatched ||= v.focused;
    ignoreMatched ||= v.ignored;
    return v.focused && !v.ignored ? stack : null;
  });
  return { profile: { ...p, samples }, focusMatched, ignoreMatched };
}
