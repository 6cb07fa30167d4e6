/**
 * Several profiles → one, as `go tool pprof a.pb.gz b.pb.gz` does (google/pprof profile.Merge after
 * measurement.ScaleProfiles): units made common, sample and period types must then match exactly,
 * mappings / functions / locations deduplicated by content, samples with the same stack and labels
 * summed, all-zero samples dropped. Header: time = earliest (pprof's rule), durations summed,
 * period = the largest, comments deduplicated, drop/keep frames and period type of the first.
 */
import { UserError } from '../errors.js';
import { EMPTY_LABEL_SET, type Func, type LabelSet, type Location, type Mapping, type Profile, type ValueType } from '../model/profile.js';
import { codesToString, SampleAccumulator } from './merge-samples.js';
import { fmtValueType, scaleProfiles } from './scale.js';
import { own } from '../util/dict.js';

/** Merges profiles (one or more) into a new Profile; throws UserError for incompatible ones. */
export function mergeProfiles(profiles: Profile[]): Profile {
  if (profiles.length === 0) throw new UserError('no profiles to merge');
  const names = profiles.flatMap((p) => p.meta.sources);
  let scaled: Profile[];
  try {
    scaled = scaleProfiles(profiles);
    checkCompatible(scaled);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(`cannot merge ${describe(names)}: ${e.message}`);
  }
  return mergeScaled(scaled, names);
}

function describe(names: string[]): string {
  const shown = names.slice(0, 4).join(', ');
  return names.length > 4 ? `${shown} and ${names.length - 4} more` : shown || 'profiles';
}

const sameType = (a: ValueType | null, b: ValueType | null): boolean =>
  a === b || (a !== null && b !== null && a.type === b.type && a.unit === b.unit);

/** pprof's Profile.compatible between the first profile and each other one. */
export function checkCompatible(ps: Profile[]): void {
  const p = ps[0]!;
  const list = (ts: ValueType[]) => `[${ts.map(fmtValueType).join(' ')}]`;
  for (const q of ps.slice(1)) {
    if (!sameType(p.periodType, q.periodType)) {
      throw new UserError(`incompatible period types ${fmtValueType(p.periodType)} and ${fmtValueType(q.periodType)}`);
    }
    if (p.sampleTypes.length !== q.sampleTypes.length || p.sampleTypes.some((t, i) => !sameType(t, q.sampleTypes[i]!))) {
      throw new UserError(`incompatible sample types ${list(p.sampleTypes)} and ${list(q.sampleTypes)}`);
    }
  }
}

function labelKey(set: LabelSet): string {
  const str = Object.keys(set.str)
    .sort()
    .map((k) => [k, set.str[k]]);
  const num = Object.keys(set.num)
    .sort()
    .map((k) => [k, set.num[k], own(set.numUnit, k) ?? []]);
  return str.length === 0 && num.length === 0 ? '' : JSON.stringify([str, num]);
}

/** pprof's mapping key: size rounded up to 4 KiB, offset, build ID, else file; fake mappings (neither) all match. */
function mappingKey(m: Mapping): string {
  const size = Math.ceil((m.limit - m.start) / 0x1000) * 0x1000;
  return `${size}|${m.offset}|${m.buildId !== '' ? m.buildId : m.file}`;
}

/**
 * Whether two of the profile's mappings have the same key: pprof's profile.Merge, which its fetch
 * runs on every source, even alone, makes them one mapping (the first), its locations' addresses
 * moved into it. A single profile then has to go through `mergeProfiles` to read as in pprof.
 */
export function hasSharedMappings(p: Profile): boolean {
  if (p.mappings.length < 2) return false;
  const keys = new Set<string>();
  for (const m of p.mappings) {
    const k = mappingKey(m);
    if (keys.has(k)) return true;
    keys.add(k);
  }
  return false;
}

function mergeScaled(srcs: Profile[], names: string[]): Profile {
  const first = srcs[0]!;
  const nv = first.sampleTypes.length;
  const mappings: Mapping[] = [];
  const functions: Func[] = [];
  const locations: Location[] = [];
  const mappingByKey = new Map<string, number>();
  const funcByKey = new Map<string, number>();
  const locByKey = new Map<string, number>();
  const sampleByKey = new Map<string, number>();
  const acc = new SampleAccumulator(nv);
  // Label sets interned across all sources; 0 is the empty set.
  const labelSets: LabelSet[] = [EMPTY_LABEL_SET];
  const labelIds = new Map<string, number>([['', 0]]);
  for (const src of srcs) {
    const mapInfo = new Map<number, { m: number; offset: number }>();
    const funcMap = new Map<number, number>();
    const locMap = new Int32Array(src.locations.length).fill(-1);
    const mapMapping = (mi: number): { m: number; offset: number } => {
      if (mi < 0) return { m: -1, offset: 0 };
      const known = mapInfo.get(mi);
      if (known) return known;
      const m = src.mappings[mi]!;
      const key = mappingKey(m);
      let idx = mappingByKey.get(key);
      let info;
      if (idx !== undefined) {
        info = { m: idx, offset: mappings[idx]!.start - m.start };
      } else {
        idx = mappings.length;
        mappings.push({ ...m });
        mappingByKey.set(key, idx);
        info = { m: idx, offset: 0 };
      }
      mapInfo.set(mi, info);
      return info;
    };
    const mapFunction = (fi: number): number => {
      if (fi < 0) return -1;
      let out = funcMap.get(fi);
      if (out !== undefined) return out;
      const f = src.functions[fi]!;
      const key = JSON.stringify([f.startLine, f.name, f.systemName, f.filename]);
      out = funcByKey.get(key);
      if (out === undefined) {
        out = functions.length;
        functions.push({ ...f });
        funcByKey.set(key, out);
      }
      funcMap.set(fi, out);
      return out;
    };
    const mapLocation = (li: number): number => {
      let out: number | undefined = locMap[li]!;
      if (out >= 0) return out;
      const l = src.locations[li]!;
      const mi = mapMapping(l.mapping);
      const address = l.address + mi.offset;
      const lines = l.lines.map((ln) => ({ func: mapFunction(ln.func), line: ln.line, column: ln.column }));
      const keyAddr = mi.m >= 0 ? address - mappings[mi.m]!.start : address;
      const key = `${keyAddr}|${mi.m}|${l.isFolded ? 1 : 0}|${lines.map((ln) => `${ln.func}:${ln.line}:${ln.column}`).join(',')}`;
      out = locByKey.get(key);
      if (out === undefined) {
        out = locations.length;
        locations.push({ address, mapping: mi.m, lines, isFolded: l.isFolded });
        locByKey.set(key, out);
      }
      locMap[li] = out;
      return out;
    };

    // The first mapping is the main binary: take it first so the merged order is stable.
    if (mappings.length === 0 && src.mappings.length > 0) mapMapping(0);

    const s = src.samples;
    const setIds = s.labelSets.map((set) => {
      const k = labelKey(set);
      let id = labelIds.get(k);
      if (id === undefined) {
        id = labelSets.length;
        labelSets.push(set);
        labelIds.set(k, id);
      }
      return id;
    });
    const codes: number[] = [];
    for (let i = 0; i < s.count; i++) {
      let zero = true;
      for (let j = 0; j < nv; j++) if (s.values[i * nv + j] !== 0) zero = false;
      if (zero) continue;
      // Key: each merged location id and the label set id as two UTF-16 code units.
      codes.length = 0;
      const from = s.stackStart[i]!;
      const to = s.stackStart[i + 1]!;
      for (let k = from; k < to; k++) {
        const l = mapLocation(s.locs[k]!);
        codes.push(l & 0xffff, l >>> 16);
      }
      const set = setIds[s.labelSet[i]!]!;
      codes.push(set & 0xffff, set >>> 16);
      const key = codesToString(codes);
      let idx = sampleByKey.get(key);
      if (idx === undefined) {
        idx = acc.add(codes, to - from, set);
        sampleByKey.set(key, idx);
      }
      acc.addValues(idx, s.values, i * nv);
    }
  }
  sampleByKey.clear();
  const { samples, dropped } = acc.finish(labelSets);

  let timeNanos = 0;
  let durationNanos = 0;
  let period = 0;
  let defaultSampleType = '';
  const comments: string[] = [];
  for (const s of srcs) {
    if (timeNanos === 0 || s.timeNanos < timeNanos) timeNanos = s.timeNanos;
    durationNanos += s.durationNanos;
    if (period === 0 || period < s.period) period = s.period;
    for (const c of s.comments) if (!comments.includes(c)) comments.push(c);
    if (defaultSampleType === '') defaultSampleType = s.defaultSampleType;
  }
  const merged: Profile = {
    sampleTypes: first.sampleTypes.map((t) => ({ ...t })),
    defaultSampleType,
    periodType: first.periodType ? { ...first.periodType } : null,
    period,
    timeNanos,
    durationNanos,
    comments,
    dropFrames: first.dropFrames,
    keepFrames: first.keepFrames,
    functions,
    locations,
    mappings,
    samples,
    meta: {
      format: srcs.length > 1 ? 'merged' : first.meta.format,
      sources: names,
      memStats: srcs.length === 1 ? first.meta.memStats : [],
      notes: srcs.flatMap((s) => s.meta.notes),
    },
  };
  // pprof re-merges when samples cancelled out, so that unreferenced locations go away too.
  return dropped ? mergeScaled([merged], names) : merged;
}
