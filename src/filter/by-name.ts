import type { Location, Profile } from '../model/profile.js';
import { lineMatches, locationMatches, mappingMatches, rewriteSamples } from './rewrite.js';

export interface NameFilters {
  focus: RegExp | null;
  ignore: RegExp | null;
  hide: RegExp | null;
  show: RegExp | null;
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
  const locations = p.locations.map((loc0, id): Location => {
    let loc = loc0;
    if (f.ignore && locationMatches(p, loc, f.ignore)) {
      r.ignoreMatched = true;
      focusOrIgnore[id] = 2;
    } else if (!f.focus || locationMatches(p, loc, f.focus)) {
      r.focusMatched = true;
      focusOrIgnore[id] = 1;
    }
    if (f.hide && locationMatches(p, loc, f.hide)) {
      r.hideMatched = true;
      const lines = mappingMatches(p, loc, f.hide) ? [] : loc.lines.filter((_, k) => !lineMatches(p, loc, k, f.hide!));
      loc = { ...loc, lines };
      if (lines.length === 0) hidden[id] = 1;
    }
    if (f.show) {
      const cur = loc;
      const lines = mappingMatches(p, cur, f.show)
        ? cur.lines
        : cur.lines.filter((ln, k) => ln.func < 0 || lineMatches(p, cur, k, f.show!));
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
