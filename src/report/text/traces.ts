import { indexNodes } from '../../graph/node-info.js';
import { numLabelUnits } from '../../profile/label-units.js';
import { label } from '../../measurement/units.js';
import type { LabelSet } from '../../model/profile.js';
import { mergeSamples } from '../../profile/filter/merge-one.js';
import { makeView } from '../../graph/view.js';
import { profileLabels } from '../../graph/analysis.js';
import type { ReportInputs } from '../inputs.js';
import { plainFormatter } from './format-value.js';
import { LineBuffer } from '../../util/line-buffer.js';
import { visible } from '../../util/visible-text.js';

const SEPARATOR = '-----------+-------------------------------------------------------';

/** `go tool pprof -traces`: every (filtered) sample with its labels, value and stack, leaf first. */
export function renderTraces(inputs: ReportInputs<'view'>): Uint8Array {
  const v = inputs.view; // has checked the options and given the filters' warnings, once
  // pprof merges equal samples when it reads a profile, before filtering: do the same here. A
  // profile with drop_frames was merged before it was pruned (mergeThenPrune), as in pprof, which
  // does not merge the stacks that pruning made equal.
  const read = inputs.profile.dropFrames ? inputs.profile : mergeSamples(inputs.profile);
  const p = makeView(read, inputs.config, () => {}).profile;
  const config = inputs.config;
  const sampleType = p.sampleTypes[v.valueIndex]!;
  const formatValue = plainFormatter(config, sampleType.unit);
  const out = new LineBuffer();
  for (const l of profileLabels({ profile: p, sampleType, total: v.total, formatValue })) out.push(visible(l)); // no spread: comments can be many
  // Plain node infos at the report's granularity: pprof's CreateNodes without trimPath or binary names.
  const index = indexNodes(p, config.granularity, config.noInlines);
  const units = numLabelUnits(inputs.profile);
  const labelLines = new Map<number, string[]>();
  const labelsOf = (id: number): string[] => {
    let l = labelLines.get(id);
    if (!l) labelLines.set(id, (l = traceLabels(p.samples.labelSets[id]!, units)));
    return l;
  };
  const s = p.samples;
  const nv = p.sampleTypes.length;
  for (let i = 0; i < s.count; i++) {
    const w = s.values[i * nv + v.valueIndex]!;
    const frames: string[] = [];
    for (let k = s.stackStart[i]!; k < s.stackStart[i + 1]!; k++) {
      const l = s.locs[k]!;
      const last = index.locStart[l + 1]! - 1;
      for (let ni = index.locStart[l]!; ni <= last; ni++) {
        frames.push(`${visible(index.names[index.locNodes[ni]!]!)}${ni !== last ? ' (inline)' : ''}`);
      }
    }
    if (frames.length === 0) continue;
    out.push(SEPARATOR, ...labelsOf(s.labelSet[i]!));
    const value = formatValue(w);
    frames.forEach((f, j) => out.push(`${(j === 0 ? value : '').padStart(10)}   ${f}`));
  }
  out.push(SEPARATOR);
  return out.toBytes();
}

/** `%10s:  %s` per string label key, sorted, then the same for numeric labels (auto-scaled). */
function traceLabels(set: LabelSet, units: Map<string, string>): string[] {
  const str = Object.entries(set.str).map(([k, vs]) => `${visible(k).padStart(10)}:  ${vs.map(visible).join(' ')}`);
  const num = Object.entries(set.num).map(
    ([k, vs]) => `${visible(k).padStart(10)}:  ${vs.map((x) => label(x, units.get(k) ?? '')).join(' ')}`,
  );
  return [...str.sort(), ...num.sort()];
}
