import type { Profile } from '../model/profile.js';
import { scaledLabel } from '../measurement/units.js';
import { indexNodes, type Granularity, type NodeIndex, type NodeNaming } from './node-info.js';
import { numLabelUnits } from '../profile/label-units.js';

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
  locs: Uint32Array | Uint16Array;
  labelSet: Uint32Array;
  sampleTags: SampleTags[];
  /** Location → nodes: graph builds walk `locs` through `index.locStart` / `index.locNodes`. */
  index: NodeIndex;
  dropNegative: boolean;
  /**
   * The weights of every sample type of the same samples (`weights` among them), when the run
   * reports every type (see `reportsEveryType`): one walk then sums them all. Null otherwise.
   */
  columns: (() => Float64Array[]) | null;
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

/**
 * Per-profile caches: the node index depends only on the granularity and
 * naming, the sample tags only on the tag unit — not on the sample type. An HTML report asks for
 * every sample type, tables and graphs: they all share one copy.
 */
const structures = new WeakMap<Profile, Map<string, unknown>>();

function cached<T>(p: Profile, key: string, make: () => T): T {
  let m = structures.get(p);
  if (!m) structures.set(p, (m = new Map()));
  if (!m.has(key)) m.set(key, make());
  return m.get(key) as T;
}

/** Profiles whose run reports every sample type (an HTML report: a table and a graph of each). */
const everyType = new WeakSet<Profile>();

/**
 * Says that reports of every sample type of `p` will follow: the untrimmed graph walk then sums
 * all types at once (one pass over the samples instead of one per type).
 */
export function reportsEveryType(p: Profile): void {
  everyType.add(p);
}

export function prepare(p: Profile, o: PrepareOptions): Prepared {
  const s = p.samples;
  const weights = sampleWeights(p, o.valueIndex);
  const sampleTags = cached(p, `tags:${o.tagUnit}`, () => sampleTagsOf(p, o.tagUnit));
  const naming = JSON.stringify(o.naming ?? {});
  const index = cached(p, `index:${o.granularity}:${o.noInlines}:${naming}`, () => indexNodes(p, o.granularity, o.noInlines, o.naming));
  return {
    count: s.count,
    weights,
    stackStart: s.stackStart,
    locs: s.locs,
    labelSet: s.labelSet,
    sampleTags,
    index,
    dropNegative: o.dropNegative,
    columns: everyType.has(p) && p.sampleTypes.length > 1 ? () => p.sampleTypes.map((_, j) => sampleWeights(p, j)) : null,
  };
}

/** Every sample's value of one sample type, computed once per profile (the total and the graphs share it). */
export function sampleWeights(p: Profile, valueIndex: number): Float64Array {
  return cached(p, `weights:${valueIndex}`, () => {
    const { count, values } = p.samples;
    const nv = p.sampleTypes.length;
    const w = new Float64Array(count);
    let sumAbs = 0;
    for (let i = 0, j = valueIndex; i < count; i++, j += nv) sumAbs += Math.abs((w[i] = values[j]!));
    weightSums.set(w, sumAbs);
    return w;
  });
}

/** Sum of |w| of each weights array made by `sampleWeights`, from the same loop (one pass less over the samples). */
const weightSums = new WeakMap<Float64Array, number>();

function sampleTagsOf(p: Profile, tagUnit: string): SampleTags[] {
  const numUnits = numLabelUnits(p);
  return p.samples.labelSets.map((set): SampleTags => {
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
      for (const v of bytes) numeric.push({ name: scaledLabel(v, unit, tagUnit), unit, value: v });
    }
    return { labels: labels.join('\\n'), numeric };
  });
}

/** pprof's computeTotal: the sum of |value|; for diffs, only the base samples count. */
export function computeTotal(p: Profile, weights: Float64Array): number {
  let total = 0;
  let diffTotal = 0;
  const s = p.samples;
  const isBase = s.labelSets.map((set) => (set.str['pprof::base'] ?? []).includes('true'));
  if (!isBase.includes(true)) {
    const sum = weightSums.get(weights);
    if (sum !== undefined) return sum;
    for (let i = 0; i < s.count; i++) total += Math.abs(weights[i]!);
    return total;
  }
  for (let i = 0; i < s.count; i++) {
    const v = Math.abs(weights[i]!);
    total += v;
    if (isBase[s.labelSet[i]!]) diffTotal += v;
  }
  return diffTotal > 0 ? diffTotal : total;
}
