import type { Profile } from '../model/profile.js';

/**
 * Sample values are JavaScript numbers (doubles; the typed arrays are what keep a 4M-sample profile
 * in memory), exact up to 2^53. pprof keeps int64: a value beyond 2^53 (no heap profile comes near;
 * a crafted or corrupt one can) is read as the nearest double, so its last digits can differ from
 * pprof's. Rather than a silent difference, the run says so. Returns the warning, or null.
 */
export function precisionWarning(p: Profile): string | null {
  const v = p.samples.values;
  let over = 0;
  let largest = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (a > Number.MAX_SAFE_INTEGER) {
      over++;
      if (a > largest) largest = a;
    }
  }
  if (over === 0) return null;
  return `${over.toLocaleString('en-US')} sample values exceed 2^53 (the largest ${largest.toExponential(3)}): they are kept to about 16 significant digits, where pprof keeps all of an int64's`;
}
