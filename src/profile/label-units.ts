import type { Profile } from '../model/profile.js';
import { own } from '../util/dict.js';

/** pprof's Profile.NumLabelUnits: the unit of each numeric label key. */
export function numLabelUnits(p: Profile): Map<string, string> {
  const units = new Map<string, string>();
  const keys = new Set<string>();
  for (const set of p.samples.labelSets) {
    for (const k of Object.keys(set.num)) {
      keys.add(k);
      for (const u of own(set.numUnit, k) ?? []) {
        if (u !== '' && !units.has(k)) units.set(k, u);
      }
    }
  }
  for (const k of keys) {
    if (!units.get(k)) units.set(k, k === 'alignment' || k === 'request' ? 'bytes' : k);
  }
  return units;
}
