/**
 * `--base OLD` and `--diff_base OLD` as google/pprof does them (internal/driver/fetch.go):
 * the base (its sources merged into one) is, for `--diff_base`, marked with the label
 * `pprof::base=true` (so that percentages are relative to the base total, see computeTotal);
 * with `--normalize` the *profile* is first scaled so that its total per sample type equals the
 * base's (pprof's Profile.Normalize); then the base is scaled by -1 and merged with the profile.
 * With `--base` equal stacks cancel out; with `--diff_base` the label keeps them apart.
 */
import { UserError } from '../errors.js';
import { checkCompatible, mergeProfiles } from './merge.js';
import { scaleN, scaleProfile } from './scale.js';
import type { LabelSet, Profile } from '../model/profile.js';
import { dict } from '../util/dict.js';

export interface BaseOptions {
  /** true for --diff_base (label the base samples), false for --base. */
  diff: boolean;
  normalize: boolean;
}

export const BASE_LABEL = 'pprof::base';

/** Adds `key=value` to the label set of every sample (pprof's Profile.SetLabel). */
export function setLabel(p: Profile, key: string, value: string[]): Profile {
  const labelSets: LabelSet[] = p.samples.labelSets.map((set) => ({
    str: Object.assign(dict<string[]>(), set.str, { [key]: value }),
    num: set.num,
    numUnit: set.numUnit,
  }));
  // Set 0 must stay the empty set: add a fresh empty set 0 and shift every index by one.
  const shifted: LabelSet[] = [{ str: dict(), num: dict(), numUnit: dict() }, ...labelSets];
  const labelSet = p.samples.labelSet.map((i) => i + 1);
  return { ...p, samples: { ...p.samples, labelSets: shifted, labelSet } };
}

/** Σ of every sample value, per sample type. */
function totals(q: Profile): number[] {
  const nv = q.sampleTypes.length;
  const out = new Array<number>(nv).fill(0);
  for (let i = 0; i < q.samples.count; i++) for (let j = 0; j < nv; j++) out[j] += q.samples.values[i * nv + j]!;
  return out;
}

/** pprof's Profile.Normalize: scales `p` so its per-type totals equal those of `base`. */
export function normalizeTo(p: Profile, base: Profile): Profile {
  try {
    checkCompatible([p, base]);
  } catch (e) {
    throw new UserError(`cannot normalize ${p.meta.sources.join(', ')} by its base: ${(e as Error).message}`);
  }
  const b = totals(base);
  const s = totals(p);
  return scaleN(
    p,
    b.map((bv, j) => (s[j] === 0 ? 0 : bv / s[j]!)),
  );
}

/** The profile minus the base, ready for every report. `base` is the merged base profile. */
export function subtractBase(p: Profile, base: Profile, o: BaseOptions): Profile {
  // pprof merges every fetched source group, even a single profile, before anything else: equal
  // samples are summed first. Only --normalize's rounding can tell the difference.
  let b = o.normalize ? mergeProfiles([base]) : base;
  if (o.diff) b = setLabel(b, BASE_LABEL, ['true']);
  let src = p;
  if (o.normalize) src = normalizeTo(mergeProfiles([p]), b);
  b = scaleProfile(b, -1);
  const merged = mergeProfiles([src, b]);
  merged.meta = {
    ...merged.meta,
    sources: p.meta.sources,
    comparison: {
      kind: o.diff ? 'diff_base' : 'base',
      baseSources: base.meta.sources,
      normalized: o.normalize,
      baseTotals: totals(base),
    },
  };
  return merged;
}
