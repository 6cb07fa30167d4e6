import { Function as PbFunction, Label, Line, Location, Mapping, Profile, Sample, StringTable, ValueType } from 'pprof-format';

// Hostile profiles made on the spot (never committed as files): a giant function name, stacks deep
// and distinct, many sample types, comment/string/label floods, regexp bombs in drop_frames,
// injection names. Used by the fuzzer (bench/fuzz.ts) and by the tests of the limits they hit.

export interface BombOptions {
  /** Leaf function names below main.main, one sample each. */
  leaves?: string[];
  /** Sample types (`type_i` in bytes); default 2 (inuse objects and space). */
  types?: number;
  comments?: string[];
  dropFrames?: string;
  keepFrames?: string;
  /** String labels put on every sample. */
  labels?: Record<string, string>;
  /** A chain of `depth` distinct frames under main.main, as one more sample. */
  depth?: number;
  /** The value of every sample (bigint beyond 2^53). */
  value?: number | bigint;
  /** Strings added to the string table that nothing refers to. */
  extraStrings?: string[];
  /** The source file of every function (default main.go). */
  file?: string;
  /** The file name of a mapping every location is in (default: no mapping). */
  mappingFile?: string;
  /** The sample types' names and the period type's, in place of inuse_objects/inuse_space, type_i and space. */
  typeName?: string;
}

/** Encodes raw (not gzipped) profile.proto bytes. */
export function bombProfile(o: BombOptions = {}): Uint8Array {
  const st = new StringTable();
  const s = (x: string) => st.dedup(x);
  const leaves = o.leaves ?? ['main.leaf'];
  const chain = Array.from({ length: o.depth ?? 0 }, (_, i) => `deep.frame${i}`);
  const names = ['main.main', ...leaves, ...chain];
  const fns = names.map((name, i) => new PbFunction({ id: i + 1, name: s(name), systemName: s(name), filename: s(o.file ?? 'main.go') }));
  const mapping = o.mappingFile !== undefined ? [new Mapping({ id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, filename: s(o.mappingFile), buildId: s(o.mappingFile), hasFunctions: true })] : [];
  const locs = fns.map((f, i) => new Location({ id: i + 1, mappingId: mapping.length, address: mapping.length > 0 ? 0x400000 + i : 0, line: [new Line({ functionId: f.id, line: 10 + (i % 1000) })] }));
  const types = o.types ?? 2;
  const value = o.value ?? 1_000_000;
  const values = Array.from({ length: types }, () => value);
  const label = Object.entries(o.labels ?? {}).map(([k, v]) => new Label({ key: s(k), str: s(v) }));
  const samples = leaves.map((_, i) => new Sample({ locationId: [i + 2, 1], value: values, label }));
  if (chain.length > 0) {
    const ids = chain.map((_, i) => 1 + leaves.length + chain.length - i).concat([1]);
    samples.push(new Sample({ locationId: ids, value: values, label }));
  }
  const t = o.typeName;
  const sampleType =
    types === 2
      ? [new ValueType({ type: s(t !== undefined ? `${t}_objects` : 'inuse_objects'), unit: s('count') }), new ValueType({ type: s(t !== undefined ? `${t}_space` : 'inuse_space'), unit: s('bytes') })]
      : Array.from({ length: types }, (_, i) => new ValueType({ type: s(`${t ?? 'type'}_${i}`), unit: s('bytes') }));
  const comment = (o.comments ?? []).map(s);
  for (const x of o.extraStrings ?? []) st.dedup(x);
  const p = new Profile({
    sampleType,
    sample: samples,
    location: locs,
    function: fns,
    mapping,
    stringTable: st,
    comment,
    dropFrames: o.dropFrames ? s(o.dropFrames) : 0,
    keepFrames: o.keepFrames ? s(o.keepFrames) : 0,
    timeNanos: 1_700_000_000_000_000_000n,
    periodType: new ValueType({ type: s(t ?? 'space'), unit: s('bytes') }),
    period: 524288,
  });
  return p.encode();
}
