import type { Profile } from '../../model/profile.js';
import { rewriteSamples } from './rewrite.js';

/**
 * pprof's FilterSamplesByName runs on every report, filters or not, and keeps only samples with a
 * focused location: a sample without any location never has one, so it is dropped (after the
 * total is taken, unless --relative_percentages). This is that drop, for when no name filter is
 * set (filterByName does it itself otherwise).
 */
export function dropEmptyStacks(p: Profile): Profile {
  const s = p.samples;
  let any = false;
  for (let i = 0; i < s.count && !any; i++) any = s.stackStart[i] === s.stackStart[i + 1];
  if (!any) return p;
  return { ...p, samples: rewriteSamples(p, (_, stack) => (stack.length === 0 ? null : stack)) };
}
