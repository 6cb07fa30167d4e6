import { indexNodes } from '../graph/node-info.js';
import { numLabelUnits } from '../graph/prepare.js';
import { label } from '../measurement/units.js';
import type { LabelSet, Profile } from '../model/profile.js';
import { profileLabels } from './analysis.js';
import type { RenderContext } from './context.js';
import { plainFormatter } from './format-value.js';

const SEPARATOR = '-----------+-------------------------------------------------------';

/** `go tool pprof -traces`: every (filtered) sample with its labels, value and stack, leaf first. */
export function renderTraces(ctx: RenderContext): string {
  const v = ctx.view();
  const p = v.profile;
  const config = ctx.config;
  const sampleType = p.sampleTypes[v.valueIndex]!;
  const formatValue = plainFormatter(config, sampleType.unit);
  const out = [...profileLabels({ profile: p, sampleType, total: v.total, formatValue })];
  // Plain node infos at the report's granularity: pprof's CreateNodes without trimPath or binary names.
  const index = indexNodes(p, config.granularity, config.noInlines);
  const units = numLabelUnits(ctx.profile);
  const labelLines = new Map<number, string[]>();
  const labelsOf = (id: number): string[] => {
    let l = labelLines.get(id);
    if (!l) labelLines.set(id, (l = traceLabels(p.samples.labelSets[id]!, units)));
    return l;
  };
  const s = p.samples;
  for (const { i, value: w } of mergedSamples(p, v.valueIndex)) {
    const frames: string[] = [];
    for (let k = s.stackStart[i]!; k < s.stackStart[i + 1]!; k++) {
      const l = s.locs[k]!;
      const last = index.locStart[l + 1]! - 1;
      for (let ni = index.locStart[l]!; ni <= last; ni++) {
        frames.push(`${index.names[index.locNodes[ni]!]}${ni !== last ? ' (inline)' : ''}`);
      }
    }
    if (frames.length === 0) continue;
    out.push(SEPARATOR, ...labelsOf(s.labelSet[i]!));
    const value = formatValue(w);
    frames.forEach((f, j) => out.push(`${(j === 0 ? value : '').padStart(10)}   ${f}`));
  }
  out.push(SEPARATOR);
  return `${out.join('\n')}\n`;
}

/**
 * The samples as pprof holds them after fetching (profile.Merge, even of one profile): all-zero
 * samples dropped, samples with the same stack and labels summed, in order of first appearance.
 */
function mergedSamples(p: Profile, valueIndex: number): { i: number; value: number }[] {
  const s = p.samples;
  const nv = p.sampleTypes.length;
  const byKey = new Map<string, { i: number; value: number }>();
  const out: { i: number; value: number }[] = [];
  // Merge also unifies equal locations (same address in mapping, same functions and lines).
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
  for (let i = 0; i < s.count; i++) {
    if (s.values.subarray(i * nv, (i + 1) * nv).every((x) => x === 0)) continue;
    const stack = Array.from(s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]), (l) => canon[l]);
    const key = `${s.labelSet[i]}:${stack.join(',')}`;
    const w = s.values[i * nv + valueIndex]!;
    const m = byKey.get(key);
    if (m) m.value += w;
    else {
      const e = { i, value: w };
      byKey.set(key, e);
      out.push(e);
    }
  }
  return out;
}

/** `%10s:  %s` per string label key, sorted, then the same for numeric labels (auto-scaled). */
function traceLabels(set: LabelSet, units: Map<string, string>): string[] {
  const str = Object.entries(set.str).map(([k, vs]) => `${k.padStart(10)}:  ${vs.join(' ')}`);
  const num = Object.entries(set.num).map(
    ([k, vs]) => `${k.padStart(10)}:  ${vs.map((x) => label(x, units.get(k) ?? '')).join(' ')}`,
  );
  return [...str.sort(), ...num.sort()];
}
