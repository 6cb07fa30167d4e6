import type { Func, Location, Profile, ValueType } from '../../src/model/profile.js';
import { SamplesBuilder } from '../../src/model/samples-builder.js';

export interface SynthSample {
  /** Function names, leaf first. */
  stack: string[];
  values: number[];
  labels?: Record<string, string[]>;
}

export interface SynthOptions {
  sampleTypes?: ValueType[];
  periodType?: ValueType | null;
  period?: number;
  timeNanos?: number;
  durationNanos?: number;
  comments?: string[];
  source?: string;
}

/** A heap Profile built directly (one function and one location per name, line 10 + index). */
export function synthProfile(samples: SynthSample[], o: SynthOptions = {}): Profile {
  const sampleTypes = o.sampleTypes ?? [
    { type: 'inuse_objects', unit: 'count' },
    { type: 'inuse_space', unit: 'bytes' },
  ];
  const functions: Func[] = [];
  const locations: Location[] = [];
  const locOf = new Map<string, number>();
  const loc = (name: string): number => {
    let i = locOf.get(name);
    if (i === undefined) {
      i = locations.length;
      functions.push({ name, systemName: name, filename: `src/${name.split('.')[0]}.go`, startLine: 1 });
      locations.push({ address: 0x1000 + i * 16, mapping: -1, lines: [{ func: i, line: 10 + i, column: 0 }], isFolded: false });
      locOf.set(name, i);
    }
    return i;
  };
  const b = new SamplesBuilder(sampleTypes.length);
  for (const s of samples) {
    const set = s.labels ? b.internLabels({ str: s.labels, num: {}, numUnit: {} }) : 0;
    b.add(
      s.stack.map((n) => loc(n)),
      s.values,
      set,
    );
  }
  return {
    sampleTypes,
    defaultSampleType: '',
    periodType: o.periodType === undefined ? { type: 'space', unit: 'bytes' } : o.periodType,
    period: o.period ?? 524288,
    timeNanos: o.timeNanos ?? 0,
    durationNanos: o.durationNanos ?? 0,
    comments: o.comments ?? [],
    dropFrames: '',
    keepFrames: '',
    functions,
    locations,
    mappings: [],
    samples: b.finish(),
    meta: { format: 'pprof-proto', sources: [o.source ?? 'synthetic'], memStats: [], notes: [] },
  };
}

/** Sum of value column j per leaf-to-root stack key "a<b<c" (for comparisons independent of order). */
export function stackSums(p: Profile, j: number): Record<string, number> {
  const out: Record<string, number> = {};
  const nv = p.sampleTypes.length;
  for (let i = 0; i < p.samples.count; i++) {
    const names: string[] = [];
    for (let k = p.samples.stackStart[i]!; k < p.samples.stackStart[i + 1]!; k++) {
      const l = p.locations[p.samples.locs[k]!]!;
      names.push(p.functions[l.lines[0]!.func]!.name);
    }
    const labels = JSON.stringify(p.samples.labelSets[p.samples.labelSet[i]!]!.str);
    const key = `${names.join('<')}${labels === '{}' ? '' : ` ${labels}`}`;
    out[key] = (out[key] ?? 0) + p.samples.values[i * nv + j]!;
  }
  return out;
}
