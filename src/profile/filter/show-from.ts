import type { Profile } from '../../model/profile.js';
import { simplifiedNameMatch } from '../prune.js';
import { nameMatch, rewriteSamples } from './rewrite.js';
import type { Matcher } from '../../util/go-regexp.js';

/**
 * pprof's ShowFrom: drop the frames above the highest (closest to the root) frame matching the
 * regexp; samples without a match are dropped. Inlined lines above the match go too.
 */
export function showFrom(p: Profile, re: Matcher): { profile: Profile; matched: boolean } {
  let matched = false;
  const hit = new Uint8Array(p.locations.length);
  const m = nameMatch(p, re);
  const locations = p.locations.map((loc, id) => {
    if (m.mapping(loc)) {
      hit[id] = 1;
      matched = true;
      return loc;
    }
    for (let i = loc.lines.length - 1; i >= 0; i--) {
      if (m.line(loc, i)) {
        hit[id] = 1;
        matched = true;
        return { ...loc, lines: loc.lines.slice(0, i + 1) };
      }
    }
    return loc;
  });
  const samples = rewriteSamples(p, (_, stack) => {
    for (let i = stack.length - 1; i >= 0; i--) if (hit[stack[i]!]) return stack.subarray(0, i + 1);
    return null;
  });
  return { profile: { ...p, locations, samples }, matched };
}

/**
 * pprof's PruneFrom: drop the frames beneath (leafward of) the lowest frame whose function name,
 * argument list removed, matches; the matching frame stays. Other samples are unchanged.
 */
export function pruneFrom(p: Profile, re: Matcher): Profile {
  const hit = new Uint8Array(p.locations.length);
  const matches = simplifiedNameMatch(p, re);
  const locations = p.locations.map((loc, id) => {
    for (let i = 0; i < loc.lines.length; i++) {
      if (matches(loc.lines[i]!.func)) {
        hit[id] = 1;
        return i === 0 ? loc : { ...loc, lines: loc.lines.slice(i) };
      }
    }
    return loc;
  });
  const samples = rewriteSamples(p, (_, stack) => {
    for (let i = 0; i < stack.length; i++) if (hit[stack[i]!]) return stack.subarray(i);
    return stack;
  });
  return { ...p, locations, samples };
}
