import type { LabelSet } from '../../model/profile.js';
import { numLabelUnits } from '../../profile/label-units.js';
import { goFixed, percentage, scale, scaledLabel } from '../../measurement/units.js';
import type { ReportInputs } from '../inputs.js';
import { tabwrite } from '../../util/tabwriter.js';
import { visible } from '../../util/visible-text.js';

/**
 * `go tool pprof -tags`: for every label key (by name), its total and each value's share, heaviest
 * first; numeric values are printed in --unit (auto-scaled by default). Right-aligned like Go's tabwriter.
 */
export function renderTags(inputs: ReportInputs<'view'>): string {
  const v = inputs.view;
  const p = v.profile;
  const unit = inputs.config.unit;
  const sampleUnit = p.sampleTypes[v.valueIndex]!.unit;
  const units = numLabelUnits(inputs.profile);
  const tagMap = new Map<string, Map<string, number>>();
  const add = (key: string, val: string, w: number) => {
    let m = tagMap.get(key);
    if (!m) tagMap.set(key, (m = new Map()));
    m.set(val, (m.get(val) ?? 0) + w);
  };
  const s = p.samples;
  const nv = p.sampleTypes.length;
  // Each label set's (key, value) pairs, listed once: samples share few sets, and the sets'
  // dictionaries (no prototype, see model/dict.ts) are slower to walk than an array.
  const pairs: ([string, string][] | undefined)[] = [];
  const pairsOf = (set: LabelSet): [string, string][] => {
    const out: [string, string][] = [];
    for (const [key, vals] of Object.entries(set.str)) for (const val of vals) out.push([key, val]);
    for (const [key, vals] of Object.entries(set.num)) {
      for (const x of vals) out.push([key, scaledLabel(x, units.get(key) ?? '', unit)]);
    }
    return out;
  };
  for (let i = 0; i < s.count; i++) {
    // pprof's fetch merges every source (profile.Merge), which drops all-zero samples: their
    // labels are not listed (a legacy heap `0: 0 [0: 0]` line's bytes=0 tag).
    if (allZero(s.values, i * nv, nv)) continue;
    const w = s.values[i * nv + v.valueIndex]!;
    const si = s.labelSet[i]!;
    for (const [key, val] of (pairs[si] ??= pairsOf(s.labelSets[si]!))) add(key, val, w);
  }
  const fmt = (x: number) => {
    const [f, u] = scale(x, sampleUnit, unit);
    return `${goFixed(f, 1)}${u}`;
  };
  let text = '';
  for (const key of [...tagMap.keys()].sort()) {
    const m = tagMap.get(key)!;
    let total = 0;
    for (const c of m.values()) total += c;
    text += `${visible(key)}:\t Total ${fmt(total)}\n`;
    const tags = [...m.entries()].sort(
      ([an, a], [bn, b]) => (a !== b ? Math.abs(b) - Math.abs(a) : 0) || (an < bn ? -1 : an > bn ? 1 : 0),
    );
    for (const [name, c] of tags) {
      // Escaped before tabwrite measures the columns (a name's tab or newline would split them too).
      const shown = visible(name);
      text += total > 0 ? ` \t${fmt(c)} (${percentage(c, total)}):\t ${shown}\n` : ` \t${fmt(c)}:\t ${shown}\n`;
    }
    text += '\n';
  }
  return tabwrite(text, { minWidth: 0, padding: 1, alignRight: true });
}

function allZero(values: ArrayLike<number>, at: number, n: number): boolean {
  for (let j = at; j < at + n; j++) if (values[j] !== 0) return false;
  return true;
}
