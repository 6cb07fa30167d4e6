// The reference decoder of pprof protobuf: pprof-format's decode, mapped to gen-report's Profile.
// Tests only (test/unit/ingest/proto-decoders.test.ts): the product decodes with src/ingest/proto-fast.ts.
import { Profile as PbProfile } from 'pprof-format';
import type { Func, LabelSet, Location, Mapping, Profile, ValueType } from '../../src/model/profile.js';
import { SamplesBuilder } from '../../src/model/samples-builder.js';

type Numeric = number | bigint;

/** Signed int64 as a JS number (pprof-format hands back huge unsigned bigints for negatives). */
function i64(v: Numeric | undefined): number {
  if (v === undefined) return 0;
  if (typeof v === 'bigint') return Number(BigInt.asIntN(64, v));
  return v;
}

/** Unsigned uint64 as a JS number. */
function u64(v: Numeric | undefined): number {
  if (v === undefined) return 0;
  if (typeof v === 'bigint') return Number(BigInt.asUintN(64, v));
  return v < 0 ? v + 2 ** 64 : v;
}

/**
 * Decodes an inflated profile.proto message into the normalized model, checking it as pprof's
 * `CheckValid` does. Throws an Error whose message names the problem.
 */
export function decodeProto(bytes: Uint8Array): Profile {
  let pb: PbProfile;
  try {
    pb = PbProfile.decode(bytes);
  } catch (e) {
    throw new Error(`corrupt protobuf: ${(e as Error).message}`);
  }
  const strings = pb.stringTable.strings;
  const str = (v: Numeric | undefined): string => {
    const i = u64(v);
    if (i === 0) return '';
    const s = strings[i];
    if (s === undefined) throw new Error(`corrupt protobuf: string index ${i} out of range (${strings.length} strings)`);
    return s;
  };

  const sampleTypes: ValueType[] = pb.sampleType.map((t) => ({ type: str(t.type), unit: str(t.unit) }));

  const mappingIndex = new Map<number, number>();
  const mappings: Mapping[] = pb.mapping.map((m, i) => {
    const id = u64(m.id);
    if (id === 0) throw new Error('corrupt protobuf: found mapping with reserved ID=0');
    if (mappingIndex.has(id)) throw new Error(`corrupt protobuf: multiple mappings with same id: ${id}`);
    mappingIndex.set(id, i);
    return {
      start: u64(m.memoryStart),
      limit: u64(m.memoryLimit),
      offset: u64(m.fileOffset),
      file: str(m.filename),
      buildId: str(m.buildId),
      hasFunctions: !!m.hasFunctions,
      hasFilenames: !!m.hasFilenames,
      hasLineNumbers: !!m.hasLineNumbers,
      hasInlineFrames: !!m.hasInlineFrames,
    };
  });

  const funcIndex = new Map<number, number>();
  const functions: Func[] = pb.function.map((f, i) => {
    const id = u64(f.id);
    if (id === 0) throw new Error('corrupt protobuf: found function with reserved ID=0');
    if (funcIndex.has(id)) throw new Error(`corrupt protobuf: multiple functions with same id: ${id}`);
    funcIndex.set(id, i);
    return { name: str(f.name), systemName: str(f.systemName), filename: str(f.filename), startLine: i64(f.startLine) };
  });

  const locIndex = new Map<number, number>();
  const locations: Location[] = pb.location.map((l, i) => {
    const id = u64(l.id);
    if (id === 0) throw new Error('corrupt protobuf: found location with reserved id=0');
    if (locIndex.has(id)) throw new Error(`corrupt protobuf: multiple locations with same id: ${id}`);
    locIndex.set(id, i);
    const mid = u64(l.mappingId);
    let mapping = -1;
    if (mid !== 0) {
      const mi = mappingIndex.get(mid);
      if (mi === undefined) throw new Error(`corrupt protobuf: location ${id} references unknown mapping ${mid}`);
      mapping = mi;
    }
    const lines = l.line.map((ln) => {
      const fid = u64(ln.functionId);
      let func = -1;
      if (fid !== 0) {
        const fi = funcIndex.get(fid);
        if (fi === undefined) throw new Error(`corrupt protobuf: location ${id} references unknown function ${fid}`);
        func = fi;
      }
      return { func, line: i64(ln.line), column: i64(ln.column) };
    });
    return { address: u64(l.address), mapping, lines, isFolded: !!l.isFolded };
  });

  const nv = sampleTypes.length;
  const builder = new SamplesBuilder(nv);
  const locBuf: number[] = [];
  const valBuf = new Float64Array(nv);
  for (const s of pb.sample) {
    if (s.value.length !== nv) {
      throw new Error(`corrupt protobuf: mismatch: sample has ${s.value.length} values vs. ${nv} types`);
    }
    locBuf.length = 0;
    for (const lid of s.locationId) {
      const li = locIndex.get(u64(lid));
      if (li === undefined) throw new Error(`corrupt protobuf: sample references unknown location ${u64(lid)}`);
      locBuf.push(li);
    }
    for (let k = 0; k < nv; k++) valBuf[k] = i64(s.value[k]);
    let labels = 0;
    if (s.label.length > 0) {
      const set: LabelSet = { str: {}, num: {}, numUnit: {} };
      for (const lab of s.label) {
        const key = str(lab.key);
        const sv = u64(lab.str);
        if (sv !== 0) {
          (set.str[key] ??= []).push(str(lab.str));
        } else {
          (set.num[key] ??= []).push(i64(lab.num));
          (set.numUnit[key] ??= []).push(str(lab.numUnit));
        }
      }
      // profile.proto: units are all-or-nothing per key; drop an all-empty unit list as pprof does.
      for (const k of Object.keys(set.numUnit)) {
        if (set.numUnit[k]!.every((u) => u === '')) delete set.numUnit[k];
      }
      labels = builder.internLabels(set);
    }
    builder.add(locBuf, valBuf, labels);
  }

  return {
    sampleTypes,
    defaultSampleType: str(pb.defaultSampleType),
    periodType: pb.periodType ? { type: str(pb.periodType.type), unit: str(pb.periodType.unit) } : null,
    period: i64(pb.period),
    timeNanos: i64(pb.timeNanos),
    durationNanos: i64(pb.durationNanos),
    comments: pb.comment.map(str),
    dropFrames: str(pb.dropFrames),
    keepFrames: str(pb.keepFrames),
    functions,
    locations,
    mappings,
    samples: builder.finish(),
    meta: { format: 'pprof-proto', sources: [], memStats: [], notes: [] },
  };
}
