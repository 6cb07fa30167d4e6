import type { Location, Profile } from '../../model/profile.js';
import type { Matcher } from '../../util/go-regexp.js';
import { nameMatch, rewriteSamples } from './rewrite.js';

export interface NameFilters {
  focus: Matcher | null;
  ignore: Matcher | null;
  hide: Matcher | null;
  show: Matcher | null;
}

export interface NameFilterResult {
  profile: Profile;
  /** Whether each given regexp matched something (pprof warns "… expression matched no samples"). */
  focusMatched: boolean;
  ignoreMatched: boolean;
  hideMatched: boolean;
  showMatched: boolean;
}

/**
 * pprof's FilterSamplesByName: keep samples with a location matching focus and none matching
 * ignore; hide removes matching lines (and locations left empty) from the stacks, show keeps
 * only matching ones. Samples left without locations are dropped.
 */
export function filterByName(p: Profile, f: NameFilters): NameFilterResult {
  const r = { focusMatched: false, ignoreMatched: false, hideMatched: false, showMatched: false };
  // 1 = focused, 2 = ignored, 0 = neither.
  const focusOrIgnore = new Uint8Array(p.locations.length);
  const hidden = new Uint8Array(p.locations.length);
  let anyHidden = false;
  const focus = f.focus && nameMatch(p, f.focus);
  const ignore = f.ignore && nameMatch(p, f.ignore);
  const hide = f.hide && nameMatch(p, f.hide);
  const show = f.show && nameMatch(p, f.show);
  const locations = p.locations.map((loc0, id): Location => {
    let loc = loc0;
    if (ignore && ignore.location(loc)) {
      r.ignoreMatched = true;
      focusOrIgnore[id] = 2;
    } else if (!focus || focus.location(loc)) {
      r.focusMatched = true;
      focusOrIgnore[id] = 1;
    }
    if (hide && hide.location(loc)) {
      r.hideMatched = true;
      const lines = hide.mapping(loc) ? [] : loc.lines.filter((_, k) => !hide.line(loc, k));
      loc = { ...loc, lines };
      if (lines.length === 0) hidden[id] = 1;
    }
    if (show) {
      const cur = loc;
      const lines = show.mapping(cur) ? cur.lines : cur.lines.filter((ln, k) => ln.func < 0 || show.line(cur, k));
      loc = { ...cur, lines };
      if (lines.length === 0) hidden[id] = 1;
      else r.showMatched = true;
    }
    if (hidden[id]) anyHidden = true;
    return loc;
  });
  const samples = rewriteSamples(p, (_, stack) => {
    let focused = false;
    for (const l of stack) {
      if (focusOrIgnore[l] === 2) return null;
      if (focusOrIgnore[l] === 1) focused = true;
    }
    if (!focused) return null;
    if (!anyHidden) return stack;
    const kept = stack.filter((l) => !hidden[l]);
    return kept.length === 0 ? null : kept;
  });
  return { profile: { ...p, locations, samples }, ...r };
}
