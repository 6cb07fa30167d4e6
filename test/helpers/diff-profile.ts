import { subtractBase } from '../../src/profile/diff.js';
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

/**
 * `p` minus itself with each sample taken 0, 1 or 2 times (a seeded choice): a diff whose samples
 * are +v, 0 or −v, so nodes are negative or cancel out.
 */
export function scrambledDiff(p: Profile, seed: number): Profile {
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const values = p.samples.values.slice();
  for (let i = 0; i < p.samples.count; i++) {
    const k = Math.floor(rand() * 3);
    for (let j = 0; j < p.sampleTypes.length; j++) values[i * p.sampleTypes.length + j]! *= k;
  }
  return subtractBase(p, { ...p, samples: { ...p.samples, values } }, { diff: false, normalize: false });
}
