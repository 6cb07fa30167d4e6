import type { Func, LabelSet, Location, Mapping, MemStat, Profile, SourceFormat, ValueType } from '../model/profile.js';
import { SamplesBuilder } from '../model/samples-builder.js';
import { legacyFrameRules } from './legacy-frame-rules.js';
import type { Hex64 } from './legacy-hex.js';
import { assignMappings } from './legacy-maps.js';
import type { Frame } from './legacy-symbols.js';

/** One sample as a legacy parser read it: values, stack addresses as pprof stores them (leaf first). */
export interface LegacySample {
  values: number[];
  addrs: Hex64[];
  /** Interned once per object: samples with equal labels should share one LabelSet. */
  labels?: LabelSet;
}

export interface LegacyParts {
  sampleTypes: ValueType[];
  periodType: ValueType;
  period: number;
  durationNanos?: number;
  samples: LegacySample[];
  /** The memory map section, parsed (legacy-maps.ts). */
  mappings: Mapping[];
  /**
   * Address key → frames, from Go's `#` comment lines (legacy-symbols.ts): named addresses get
   * functions, the others (frames Go's writer hid) are left out of the stacks. null: bare addresses.
   */
  named: Map<number | string, Frame[]> | null;
  /**
   * Java's symbol lines instead: named addresses get their frame, the others stay bare, and every
   * address is then set to 0 (pprof's Aggregate without addresses, "for better merge").
   */
  java?: boolean;
  dropFrames: string;
  keepFrames: string;
  notes: string[];
  format?: SourceFormat;
  memStats?: MemStat[];
}

/**
 * A legacy profile of one `count` sample type and period 1 (Go's goroutine and threadcreate
 * profiles, gperftools' thread profiles).
 */
export function countProfile(o: Pick<LegacyParts, 'samples' | 'mappings' | 'named'> & { kind: string; note: string }): Profile {
  const type = { type: o.kind, unit: 'count' };
  return buildLegacyProfile({
    sampleTypes: [type],
    periodType: { ...type },
    period: 1,
    samples: o.samples,
    mappings: o.mappings,
    named: o.named,
    ...legacyFrameRules([type]),
    notes: [o.note],
  });
}

/**
 * The normalized Profile of a legacy (non-heap) profile, as pprof's parsers leave it: one location
 * per distinct address, each given the mapping that holds it (remapMappingIDs), names from the
 * file's comment lines where it has them.
 */
export function buildLegacyProfile(parts: LegacyParts): Profile {
  const locIndex = new Map<number | string, number>();
  const locKeys: (number | string)[] = [];
  const locAddrs: number[] = [];
  const sampleLocs: number[][] = [];
  for (const s of parts.samples) {
    const locs: number[] = [];
    for (const a of s.addrs) {
      let li = locIndex.get(a.key);
      if (li === undefined) {
        li = locAddrs.length;
        locIndex.set(a.key, li);
        locKeys.push(a.key);
        locAddrs.push(a.value);
      }
      locs.push(li);
    }
    sampleLocs.push(locs);
  }
  const named = parts.named;
  // Java: named locations have address 0 by the time pprof assigns mappings, so they get none.
  const mapped = parts.java && named ? locAddrs.map((a, li) => (named.has(locKeys[li]!) ? 0 : a)) : locAddrs;
  const { mappings, of } = assignMappings(parts.mappings, mapped);
  const functions: Func[] = [];
  const funcIndex = new Map<string, number>();
  const funcOf = (f: Frame): number => {
    const key = `${f.name}\0${f.file}`;
    let fi = funcIndex.get(key);
    if (fi === undefined) {
      fi = functions.length;
      functions.push({ name: f.name, systemName: f.name, filename: f.file, startLine: 0 });
      funcIndex.set(key, fi);
    }
    return fi;
  };
  const locations: Location[] = [];
  const newIndex = new Int32Array(locAddrs.length).fill(-1);
  for (let li = 0; li < locAddrs.length; li++) {
    let lines: Location['lines'] = [];
    const mapping = of[li]!;
    if (named) {
      const frames = named.get(locKeys[li]!);
      if (frames) lines = frames.map((f) => ({ func: funcOf(f), line: f.line, column: 0 }));
      else if (!parts.java) continue;
    }
    newIndex[li] = locations.length;
    locations.push({ address: parts.java ? 0 : locAddrs[li]!, mapping, lines, isFolded: false });
  }
  if (named && !parts.java) for (const m of mappings) m.hasFunctions = m.hasFilenames = m.hasLineNumbers = true;

  const builder = new SamplesBuilder(parts.sampleTypes.length);
  const labelIndex = new Map<LabelSet, number>();
  const stack: number[] = [];
  let emptied = 0;
  parts.samples.forEach((s, i) => {
    stack.length = 0;
    for (const li of sampleLocs[i]!) {
      const ni = newIndex[li]!;
      if (ni >= 0) stack.push(ni);
    }
    // A sample none of whose addresses is named keeps its empty stack: it still counts in the
    // total, as its unsymbolized frames would (and as pprof counts a stackless sample).
    if (named && stack.length === 0 && sampleLocs[i]!.length > 0) emptied++;
    let label = 0;
    if (s.labels) {
      label = labelIndex.get(s.labels) ?? builder.internLabels(s.labels);
      labelIndex.set(s.labels, label);
    }
    builder.add(stack, s.values, label);
  });
  const notes = [...parts.notes];
  if (named && !parts.java) {
    notes.push(
      `frames named from the file's comment lines; ${locAddrs.length - locations.length} unnamed addresses left out` +
        (emptied ? `, ${emptied} samples left without named frames (counted in the total, no node)` : ''),
    );
  }
  return {
    sampleTypes: parts.sampleTypes,
    defaultSampleType: '',
    periodType: parts.periodType,
    period: parts.period,
    timeNanos: 0,
    durationNanos: parts.durationNanos ?? 0,
    comments: [],
    dropFrames: parts.dropFrames,
    keepFrames: parts.keepFrames,
    functions,
    locations,
    mappings,
    samples: builder.finish(),
    meta: { format: parts.format ?? 'legacy', sources: [], memStats: parts.memStats ?? [], notes },
  };
}
