import type { LabelSet, Profile } from '../../model/profile.js';
import type { Matcher } from '../../util/go-regexp.js';
import { dict, own } from '../../util/dict.js';

/**
 * pprof's FilterTagsByName: keep the string and numeric labels whose key matches show (when set)
 * and not hide. Returns whether show / hide matched some key.
 */
export function filterTagsByName(
  p: Profile,
  show: Matcher | null,
  hide: Matcher | null,
): { profile: Profile; showMatched: boolean; hideMatched: boolean } {
  let showMatched = false;
  let hideMatched = false;
  const remove = (key: string): boolean => {
    const s = show === null || show.test(key);
    const h = hide !== null && hide.test(key);
    if (s) showMatched = true;
    if (h) hideMatched = true;
    return !s || h;
  };
  // Only label sets some sample uses count for the "matched" answers, as in pprof.
  const used = new Uint8Array(p.samples.labelSets.length);
  for (let i = 0; i < p.samples.count; i++) used[p.samples.labelSet[i]!] = 1;
  const labelSets = p.samples.labelSets.map((set, i): LabelSet => {
    if (!used[i]) return set;
    const out: LabelSet = { str: dict(), num: dict(), numUnit: dict() };
    for (const [k, v] of Object.entries(set.str)) if (!remove(k)) out.str[k] = v;
    for (const [k, v] of Object.entries(set.num)) {
      if (remove(k)) continue;
      out.num[k] = v;
      const units = own(set.numUnit, k);
      if (units) out.numUnit[k] = units;
    }
    return out;
  });
  return { profile: { ...p, samples: { ...p.samples, labelSets } }, showMatched, hideMatched };
}
