import type { Profile } from '../../model/profile.js';
import { rewriteSamples } from './rewrite.js';

/**
 * pprof's profile.Merge of one profile, as its fetch step does before anything else: equal
 * locations (same address in mapping, same functions and lines) are unified, all-zero samples
 * dropped, and samples with the same stack and labels summed, in order of first appearance.
 * Graphs and totals do not change; `--traces` lists samples, so it needs this.
 */
export function mergeSamples(p: Profile): Profile {
  const s = p.samples;
  const nv = p.sampleTypes.length;
  const locIds = new Map<string, number>();
  const canon = p.locations.map((l) => {
    const m = l.mapping >= 0 ? p.mappings[l.mapping]! : null;
    const lines = l.lines.map((ln) => {
      const f = ln.func >= 0 ? p.functions[ln.func]! : null;
      return `${f ? JSON.stringify([f.name, f.systemName, f.filename, f.startLine]) : ''}:${ln.line}`;
    });
    const key = `${m ? l.address - m.start : l.address}|${l.mapping}|${l.isFolded}|${lines.join('|')}`;
    let id = locIds.get(key);
    if (id === undefined) locIds.set(key, (id = locIds.size));
    return id;
  });
  const first = new Map<string, number>();
  const target = new Int32Array(s.count).fill(-1);
  for (let i = 0; i < s.count; i++) {
    if (s.values.subarray(i * nv, (i + 1) * nv).every((x) => x === 0)) continue;
    const stack = Array.from(s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]), (l) => canon[l]);
    const key = `${s.labelSet[i]}:${stack.join(',')}`;
    const f = first.get(key);
    if (f === undefined) first.set(key, (target[i] = i));
    else target[i] = f;
  }
  const sums = new Map<number, Float64Array>();
  for (let i = 0; i < s.count; i++) {
    const t = target[i]!;
    if (t < 0) continue;
    let v = sums.get(t);
    if (!v) sums.set(t, (v = new Float64Array(nv)));
    for (let k = 0; k < nv; k++) v[k]! += s.values[i * nv + k]!;
  }
  const kept = { ...p, samples: rewriteSamples(p, (i, stack) => (target[i] === i ? stack : null)) };
  let j = 0;
  for (let i = 0; i < s.count; i++) if (target[i] === i) kept.samples.values.set(sums.get(i)!, nv * j++);
  return kept;
}
