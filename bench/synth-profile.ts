import { Function as PbFunction, Line, Location, Mapping, Profile, Sample, StringTable, ValueType } from 'pprof-format';

/** A Go-like heap profile made up for tests and benchmarks: deterministic for a seed. */
export interface SynthOptions {
  /** Function names; default `pkg/mod.fnN` for `functions` of them. */
  names?: string[];
  functions?: number;
  samples: number;
  /** Stack depth range. */
  minDepth?: number;
  maxDepth?: number;
  seed?: number;
  /** File name of every function (default `/src/app/fileK.go`). */
  file?: (i: number) => string;
  /** File of the one mapping (the report's title); no mapping when absent. */
  mappingFile?: string;
}

/** Mulberry32: a small seeded PRNG so that generated inputs are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Encodes a heap profile (alloc/inuse objects and space) as raw (not gzipped) profile.proto bytes. */
export function synthProfile(o: SynthOptions): Uint8Array {
  const rnd = prng(o.seed ?? 1);
  const st = new StringTable();
  const names = o.names ?? Array.from({ length: o.functions ?? 100 }, (_, i) => `example.com/app/pkg${i % 7}.fn${i}`);
  const fileOf = o.file ?? ((i: number) => `/src/app/file${i % 13}.go`);
  const functions = names.map(
    (n, i) => new PbFunction({ id: i + 1, name: st.dedup(n), systemName: st.dedup(n), filename: st.dedup(fileOf(i)), startLine: 10 + i }),
  );
  const mapping = o.mappingFile !== undefined ? [new Mapping({ id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, filename: st.dedup(o.mappingFile), hasFunctions: true })] : [];
  const locations = names.map(
    (_, i) => new Location({ id: i + 1, mappingId: mapping.length, address: 0x401000 + i * 16, line: [new Line({ functionId: i + 1, line: 20 + (i % 50) })] }),
  );
  const minD = o.minDepth ?? 3;
  const maxD = o.maxDepth ?? 12;
  const samples: Sample[] = [];
  for (let s = 0; s < o.samples; s++) {
    const depth = minD + Math.floor(rnd() * (maxD - minD + 1));
    const stack: number[] = [];
    for (let d = 0; d < depth; d++) stack.push(1 + Math.floor(rnd() * names.length));
    const objs = 1 + Math.floor(rnd() * 100);
    const size = objs * (16 << Math.floor(rnd() * 8));
    samples.push(new Sample({ locationId: stack, value: [objs * 3, size * 3, objs, size] }));
  }
  const vt = (t: string, u: string) => new ValueType({ type: st.dedup(t), unit: st.dedup(u) });
  const p = new Profile({
    sampleType: [vt('alloc_objects', 'count'), vt('alloc_space', 'bytes'), vt('inuse_objects', 'count'), vt('inuse_space', 'bytes')],
    sample: samples,
    mapping,
    location: locations,
    function: functions,
    stringTable: st,
    periodType: vt('space', 'bytes'),
    period: 524288,
    timeNanos: 1_700_000_000_000_000_000n,
  });
  return p.encode();
}
