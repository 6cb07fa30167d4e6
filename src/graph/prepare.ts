import type { Profile } from '../model/profile.js';
import { scaledLabel } from '../measurement/units.js';
import { indexNodes, type Granularity, type NodeIndex, type NodeNaming } from './node-info.js';

/** Tags contributed by the samples of one label set (pprof's joinLabels + the `bytes` numeric label). */
export interface SampleTags {
  labels: string;
  numeric: { name: string; unit: string; value: number }[];
}

/** Everything the graph builder needs, computed once per report and reused by every rebuild. */
export interface Prepared {
  count: number;
  weights: Float64Array;
  stackStart: Uint32Array;
  locs: Uint32Array;
  labelSet: Uint32Array;
  sampleTags: SampleTags[];
  index: NodeIndex;
  dropNegative: boolean;
}

export interface PrepareOptions {
  valueIndex: number;
  granularity: Granularity;
  noInlines: boolean;
  dropNegative: boolean;
  /** Unit the numeric tags are formatted in when the graph is built ("minimum" or the --unit). */
  tagUnit: string;
  /** File name trimming and binary names for node infos (default: none). */
  naming?: NodeNaming;
}

export function prepare(p: Profile, o: PrepareOptions): Prepared {
  const s = p.samples;
  const nv = p.sampleTypes.length;
  const weights = new Float64Array(s.count);
  for (let i = 0; i < s.count; i++) weights[i] = s.values[i * nv + o.valueIndex]!;
  const numUnits = numLabelUnits(p);
  const sampleTags = s.labelSets.map((set): SampleTags => {
    const labels: string[] = [];
    for (const [k, vs] of Object.entries(set.str)) {
      if (k === 'pprof::base') continue;
      for (const v of vs) labels.push(`${k}:${v}`);
    }
    labels.sort();
    const numeric: SampleTags['numeric'] = [];
    const bytes = set.num['bytes'];
    if (bytes) {
      const unit = numUnits.get('bytes') ?? 'bytes';
      for (const v of bytes) numeric.push({ name: scaledLabel(v, unit, o.tagUnit), unit, value: v });
    }
    return { labels: labels.join('\\n'), numeric };
  });
  return {
    count: s.count,
    weights,
    stackStart: s.stackStart,
    locs: s.locs,
    labelSet: s.labelSet,
    sampleTags,
    index: indexNodes(p, o.granularity, o.noInlines, o.naming),
    dropNegative: o.dropNegative,
  };
}

/** pprof's Profile.NumLabelUnits: the unit of each numeric label key. */
export function numLabelUnits(p: Profile): Map<string, string> {
  const units = new Map<string, string>();
  const keys = new Set<string>();
  for (const set of p.samples.labelSets) {
    for (const k of Object.keys(set.num)) {
      keys.add(k);
      for (const u of set.numUnit[k] ?? []) {
        if (u !== '' && !units.has(k)) units.set(k, u);
      }
    }
  }
  for (const k of keys) {
    if (!units.get(k)) units.set(k, k === 'alignment' || k === 'request' ? 'bytes' : k);
  }
  return units;
}

/** pprof's computeTotal: the sum of |value|; for diffs, only the base samples count. */
export function computeTotal(p: Profile, weights: Float64Array): number {
  let total = 0;
  let diffTotal = 0;
  const s = p.samples;
  const isBase = s.labelSets.map((set) => (set.str['pprof::base'] ?? []).includes('true'));
  for (let i = 0; i < s.count; i++) {
    const v = Math.abs(weights[i]!);
    total += v;
    if (isBase[s.labelSet[i]!]) diffTotal += v;
  }
  return diffTotal > 0 ? diffTotal : total;
}
