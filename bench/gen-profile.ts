import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { prng } from './synth-profile.js';
import { Function as PbFunction, Label, Line, Location, Mapping, Profile, Sample, StringTable, ValueType } from 'pprof-format';

/** Call sites (locations) per function. */
const SITES = 3;

export interface GenOptions {
  seed: number;
  samples: number;
  functions: number;
  maxDepth: number;
}

/**
 * A Go-like heap profile (alloc/inuse × objects/space, `bytes` labels, one mapping) with a call
 * tree of `functions` functions, stacks up to `maxDepth` deep and some recursion. Returns gzipped
 * profile.proto bytes, as Go's runtime writes them.
 */
export function generateHeapProfile(o: GenOptions): Uint8Array {
  const { header, samples } = heapProfileParts(o);
  header.sample = [...samples];
  return gzipSync(header.encode());
}

/**
 * `generateHeapProfile` for profiles too large to hold as pprof-format objects (millions of
 * samples): the same kind of profile, written to `path` gzipped as it is made. Protobuf merges
 * concatenated messages (repeated fields append), so the profile is its header followed by one
 * message per batch of samples; the bytes differ from `generateHeapProfile`'s (field order), the
 * profile does not.
 */
export async function writeHeapProfile(o: GenOptions, path: string): Promise<void> {
  const { header, samples } = heapProfileParts(o);
  const gz = createGzip();
  const done = pipeline(gz, createWriteStream(path));
  const write = (b: Uint8Array) => (gz.write(b) ? Promise.resolve() : new Promise<void>((r) => gz.once('drain', () => r())));
  await write(header.encode());
  let batch: Sample[] = [];
  const flush = async () => {
    const b = new Profile({ sample: batch }).encode();
    // An otherwise empty Profile still encodes its string table's "" (field 6, length 0): left out,
    // or every batch would add a string.
    if (b[b.length - 2] !== 0x32 || b[b.length - 1] !== 0) throw new Error('unexpected encoding of a sample batch');
    await write(b.subarray(0, b.length - 2));
    batch = [];
  };
  for (const s of samples) {
    batch.push(s);
    if (batch.length === 20_000) await flush();
  }
  if (batch.length > 0) await flush();
  gz.end();
  await done;
}

/** The profile without its samples, and its samples, made one by one (in this order: same seed, same profile). */
function heapProfileParts(o: GenOptions): { header: Profile; samples: Iterable<Sample> } {
  const rand = prng(o.seed);
  const st = new StringTable();
  const vt = (type: string, unit: string) => new ValueType({ type: st.dedup(type), unit: st.dedup(unit) });
  const functions: PbFunction[] = [];
  const locations: Location[] = [];
  for (let i = 0; i < o.functions; i++) {
    const pkg = `github.com/acme/service/pkg${String(i % 40).padStart(2, '0')}`;
    const name = `${pkg}.(*Handler${i % 7}).step${i}`;
    functions.push(
      new PbFunction({ id: i + 1, name: st.dedup(name), systemName: st.dedup(name), filename: st.dedup(`/src/${pkg}/file${i % 13}.go`), startLine: 10 + i }),
    );
    // Several call sites (locations) per function; every 9th carries an inlined callee frame,
    // like Go's compiler output.
    for (let k = 0; k < SITES; k++) {
      const lines = [new Line({ functionId: i + 1, line: 20 + k * 3 + (i % 50) })];
      if (i % 9 === 0 && i + 1 < o.functions) lines.unshift(new Line({ functionId: i + 2, line: 5 }));
      locations.push(new Location({ id: i * SITES + k + 1, mappingId: 1, address: 0x400000 + (i * SITES + k) * 16, line: lines }));
    }
  }
  // Each function calls a few children; walking it gives realistic, skewed stacks.
  const children: number[][] = [];
  for (let i = 0; i < o.functions; i++) {
    const k = 1 + Math.floor(rand() * 4);
    const c: number[] = [];
    for (let j = 0; j < k; j++) c.push(Math.min(o.functions - 1, i + 1 + Math.floor(rand() * rand() * 60)));
    children.push(c);
  }
  const bytesKey = st.dedup('bytes');
  const sizes = [16, 32, 48, 64, 96, 128, 256, 512, 1024, 4096, 32768];
  function* samples(): Generator<Sample> {
    for (let s = 0; s < o.samples; s++) {
      const stack: number[] = [];
      let f = Math.floor(rand() * 12);
      const depth = 8 + Math.floor(rand() * (o.maxDepth - 7));
      for (let d = 0; d < depth; d++) {
        stack.push(f * SITES + 1 + Math.floor(rand() * SITES));
        if (rand() < 0.05 && stack.length > 2) {
          f = Math.floor((stack[stack.length - 2]! - 1) / SITES); // recursion: call the caller again
          continue;
        }
        const c = children[f]!;
        f = c[Math.floor(rand() * c.length)]!;
      }
      stack.reverse(); // leaf first
      const size = sizes[Math.floor(rand() * rand() * sizes.length)]!;
      const count = 1 + Math.floor(rand() * 5000);
      const live = rand() < 0.4 ? Math.floor(count * rand()) : 0;
      yield new Sample({
        locationId: stack,
        value: [count, count * size, live, live * size],
        label: [new Label({ key: bytesKey, num: size })],
      });
    }
  }
  const header = new Profile({
    sampleType: [vt('alloc_objects', 'count'), vt('alloc_space', 'bytes'), vt('inuse_objects', 'count'), vt('inuse_space', 'bytes')],
    periodType: vt('space', 'bytes'),
    period: 524288,
    timeNanos: 1_764_000_000_000_000_000,
    mapping: [new Mapping({ id: 1, memoryStart: 0x400000, memoryLimit: 0x800000, filename: st.dedup('/usr/local/bin/bench-service'), hasFunctions: true })],
    function: functions,
    location: locations,
    sample: [],
    stringTable: st,
  });
  return { header, samples: samples() };
}
