import { SamplesBuilder } from '../../src/model/samples-builder.js';
import type { Profile } from '../../src/model/profile.js';

/**
 * A --diff_base-shaped profile built from one profile: its samples as the "new" profile plus the
 * same samples × `baseFactor` as the base, negated and labelled `pprof::base=true` (what pprof's
 * --diff_base merge produces). new − base = (1 − baseFactor) × p, base total = baseFactor × total.
 */
export function selfDiff(p: Profile, baseFactor: number, meta?: Record<string, unknown>): Profile {
  const nv = p.sampleTypes.length;
  const s = p.samples;
  const b = new SamplesBuilder(nv);
  const baseSet = b.internLabels({ str: { 'pprof::base': ['true'] }, num: {}, numUnit: {} });
  for (const [factor, set] of [
    [1, 0],
    [-baseFactor, baseSet],
  ] as const) {
    for (let i = 0; i < s.count; i++) {
      const vals = Array.from(s.values.subarray(i * nv, (i + 1) * nv), (v) => v * factor);
      b.add(s.locs.subarray(s.stackStart[i]!, s.stackStart[i + 1]!), vals, set);
    }
  }
  return { ...p, samples: b.finish(), meta: { ...p.meta, ...meta } };
}
