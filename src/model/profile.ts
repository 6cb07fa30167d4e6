import { dict } from '../util/dict.js';
/**
 * The one normalized profile model every ingest path produces and every later stage reads.
 *
 * No bigint and no string-table indices survive past ingest: names are strings, numbers are
 * JS numbers (int64 values are exact up to 2^53, far beyond any heap profile), references between
 * tables are array indices. Sample data lives in typed arrays so that a 270k-sample profile costs a
 * few MB, not an object per sample. Values may be negative (diffs subtract a base profile).
 */

export interface ValueType {
  type: string;
  unit: string;
}

export interface Func {
  name: string;
  systemName: string;
  filename: string;
  startLine: number;
}

export interface Line {
  /** Index into `Profile.functions`, or -1 when the line names no function. */
  func: number;
  line: number;
  column: number;
}

export interface Mapping {
  start: number;
  limit: number;
  offset: number;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

export interface Location {
  address: number;
  /** Index into `Profile.mappings`, or -1. */
  mapping: number;
  /** Innermost (callee) first; several entries mean inlined frames at one address. */
  lines: Line[];
  isFolded: boolean;
}

/** Labels attached to a sample. Numeric label units are per value, as in profile.proto. */
export interface LabelSet {
  str: Record<string, string[]>;
  num: Record<string, number[]>;
  numUnit: Record<string, string[]>;
}

export interface Samples {
  count: number;
  /** Stack of sample i: `locs[stackStart[i] .. stackStart[i+1])`, leaf first, as location indices. */
  stackStart: Uint32Array;
  /** 16 bits each when there are at most 65,536 locations (the decoder's choice: half the memory). */
  locs: Uint32Array | Uint16Array;
  /** Row-major: value j of sample i is `values[i * sampleTypes.length + j]`. */
  values: Float64Array;
  /** Label set of sample i: `labelSets[labelSet[i]]`; set 0 is always the empty set. */
  labelSet: Uint32Array;
  labelSets: LabelSet[];
}

/** One `name = value` line of Go's trailing `# runtime.MemStats` block, in file order. */
export interface MemStat {
  name: string;
  value: string;
}

export type SourceFormat = 'pprof-proto' | 'legacy-heap' | 'legacy' | 'v8-cpu' | 'v8-heap' | 'merged';

export interface Profile {
  sampleTypes: ValueType[];
  /** `default_sample_type` of the profile, "" when unset. */
  defaultSampleType: string;
  periodType: ValueType | null;
  period: number;
  timeNanos: number;
  durationNanos: number;
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  functions: Func[];
  locations: Location[];
  mappings: Mapping[];
  samples: Samples;
  /** Where the profile came from and what the reader learned besides the samples. */
  meta: ProfileMeta;
}

export interface ProfileMeta {
  format: SourceFormat;
  /** Display names of the sources (file paths, URLs, "-" for stdin). */
  sources: string[];
  /** Go runtime.MemStats figures carried by legacy heap profiles. */
  memStats: MemStat[];
  /** Free-form notes from the reader (e.g. "unsampled at 1-in-524288"). */
  notes: string[];
  /** What the reader could not keep exactly (see ingest/precision.ts): the CLI prints them as warnings. */
  warnings?: string[];
  /** Set when a base profile was subtracted (`--base` / `--diff_base`, src/profile/diff.ts). */
  comparison?: Comparison;
}

export interface Comparison {
  /** `diff_base`: base samples carry the label `pprof::base=true` and percentages use the base total. */
  kind: 'base' | 'diff_base';
  baseSources: string[];
  /** `--normalize`: the profile was scaled to the base's total before subtracting. */
  normalized: boolean;
  /** The base's total per sample type (with `--base` the base samples cancel out of the profile). */
  baseTotals: number[];
}

export const EMPTY_LABEL_SET: LabelSet = Object.freeze({ str: Object.freeze(dict<string[]>()), num: Object.freeze(dict<number[]>()), numUnit: Object.freeze(dict<string[]>()) });

/** The location indices of sample i, leaf first. */
export function stackOf(p: Profile, i: number): Uint32Array | Uint16Array {
  const s = p.samples;
  return s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]);
}
