/**
 * pprof's measurement.ScaleProfiles / CommonValueType and profile.ScaleN on the typed-array model:
 * before profiles are merged, each sample type (and the period type) is brought to the finest unit
 * any of them uses (e.g. `kilobytes` and `bytes` → bytes), and incompatible types are refused with
 * pprof's messages.
 */
import { UserError } from '../errors.js';
import { scale, unitTypeOf } from '../measurement/units.js';
import type { Profile, ValueType } from '../model/profile.js';
import { SamplesBuilder } from '../model/samples-builder.js';

/** `{type unit}` as pprof prints a ValueType (without Go's internal string-table fields). */
export function fmtValueType(t: ValueType | null): string {
  return t ? `{${t.type} ${t.unit}}` : '<nil>';
}

/** pprof's compatibleValueTypes: same type name up to one trailing "s", same or convertible unit. */
function compatibleValueTypes(a: ValueType, b: ValueType): boolean {
  if (a.type.replace(/s$/, '') !== b.type.replace(/s$/, '')) return false;
  if (a.unit === b.unit) return true;
  const ta = unitTypeOf(a.unit);
  return ta >= 0 && ta === unitTypeOf(b.unit);
}

/** Go's math.Round: half away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** pprof's CommonValueType: the finest of a set of compatible types (null for fewer than two). */
export function commonValueType(ts: ValueType[]): ValueType | null {
  if (ts.length <= 1) return null;
  let min = ts[0]!;
  for (const t of ts.slice(1)) {
    if (!compatibleValueTypes(min, t)) throw new Error(`incompatible types: ${fmtValueType(min)} ${fmtValueType(t)}`);
    if (scale(1, t.unit, min.unit)[0] < 1) min = t;
  }
  return { ...min };
}

/**
 * pprof's Profile.ScaleN: multiplies value j of every sample by ratios[j] (Go rounding) and keeps
 * only samples where some *scaled* value is non-zero. Returns a new Profile (shares the tables).
 */
export function scaleN(p: Profile, ratios: number[]): Profile {
  if (ratios.length !== p.sampleTypes.length) {
    throw new Error(`mismatched scale ratios, got ${ratios.length}, want ${p.sampleTypes.length}`);
  }
  if (ratios.every((r) => r === 1)) return p;
  const s = p.samples;
  const nv = ratios.length;
  const b = new SamplesBuilder(nv);
  const remap = s.labelSets.map((set) => b.internLabels(set));
  const vals = new Float64Array(nv);
  for (let i = 0; i < s.count; i++) {
    let keep = false;
    for (let j = 0; j < nv; j++) {
      const v = s.values[i * nv + j]!;
      if (ratios[j] !== 1) {
        vals[j] = goRound(v * ratios[j]!);
        keep ||= vals[j] !== 0;
      } else {
        vals[j] = v;
      }
    }
    if (keep) b.add(s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]), vals, remap[s.labelSet[i]!]);
  }
  return { ...p, samples: b.finish() };
}

/** pprof's Profile.Scale: every value times `ratio`. */
export function scaleProfile(p: Profile, ratio: number): Profile {
  return scaleN(
    p,
    p.sampleTypes.map(() => ratio),
  );
}

/** pprof's measurement.ScaleProfiles: returns the profiles with units made common (a message on failure). */
export function scaleProfiles(profiles: Profile[]): Profile[] {
  if (profiles.length === 0) return profiles;
  const periodTypes = profiles.map((p) => p.periodType).filter((t): t is ValueType => t !== null);
  let periodType: ValueType | null;
  try {
    periodType = commonValueType(periodTypes);
  } catch (e) {
    throw new UserError(`period type: ${(e as Error).message}`);
  }
  const n = profiles[0]!.sampleTypes.length;
  for (const p of profiles.slice(1)) {
    if (p.sampleTypes.length !== n) throw new UserError(`inconsistent samples type count: ${n} != ${p.sampleTypes.length}`);
  }
  const common: (ValueType | null)[] = [];
  for (let i = 0; i < n; i++) {
    try {
      common.push(commonValueType(profiles.map((p) => p.sampleTypes[i]!)));
    } catch (e) {
      throw new UserError(`sample types: ${(e as Error).message}`);
    }
  }
  return profiles.map((p) => {
    let { period } = p;
    let pt = p.periodType;
    if (pt && periodType) {
      period = Math.trunc(scale(p.period, pt.unit, periodType.unit)[0]);
      pt = { ...pt, unit: periodType.unit };
    }
    const ratios = p.sampleTypes.map((st, i) => (common[i] ? scale(1, st.unit, common[i]!.unit)[0] : 1));
    const sampleTypes = p.sampleTypes.map((st, i) => (common[i] ? { ...st, unit: common[i]!.unit } : st));
    return scaleN({ ...p, period, periodType: pt, sampleTypes }, ratios);
  });
}
