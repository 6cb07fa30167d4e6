import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeProto } from '../../helpers/proto-reference.js';
import { decodeProtoFast, ProtoDecoder } from '../../../src/ingest/proto-fast.js';
import { ProtoReader } from '../../../src/ingest/proto-reader.js';
import { generateHeapProfile } from '../../../bench/gen-profile.js';
import { ROOT } from '../../helpers/cli.js';

function protoSamples(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return protoSamples(p);
    return f.endsWith('.pb.gz') ? [p] : [];
  });
}

/** Typed arrays compare by content; labelSets by value. */
function plain(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint32Array) : v)));
}

describe('the fast decoder and the pprof-format reference decoder give the same Profile', () => {
  const files = protoSamples(join(ROOT, 'samples'));
  it('finds samples', () => expect(files.length).toBeGreaterThan(10));
  for (const f of files) {
    it(f.slice(ROOT.length), () => {
      const raw = gunzipSync(readFileSync(f));
      expect(plain(decodeProtoFast(raw))).toEqual(plain(decodeProto(raw)));
    });
  }
  it('a generated profile with labels, recursion and inline frames', () => {
    const raw = gunzipSync(generateHeapProfile({ seed: 3, samples: 500, functions: 50, maxDepth: 12 }));
    const a = decodeProtoFast(raw);
    expect(plain(a)).toEqual(plain(decodeProto(raw)));
    expect(a.samples.count).toBe(500);
  });
  it('truncated protobuf fails in both', () => {
    const raw = gunzipSync(readFileSync(join(ROOT, 'samples/recursion.pb.gz')));
    const cut = raw.subarray(0, Math.floor(raw.length * 0.7));
    expect(() => decodeProtoFast(cut)).toThrow();
    expect(() => decodeProto(cut)).toThrow();
  });
});

/** A varint's bytes (two's complement for negatives); also the tiny profile.proto writer below. */
function varint(v: number | bigint): number[] {
  const out: number[] = [];
  let x = BigInt.asUintN(64, BigInt(v));
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    out.push(b);
  } while (x > 0n);
  return out;
}

describe('ProtoReader varints', () => {
  const enc = (v: bigint): Uint8Array => Uint8Array.from(varint(v));
  for (const v of [0n, 1n, 127n, 128n, 300n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 32n + 5n, 2n ** 53n - 1n, -1n, -2n, -300n, -(2n ** 40n)]) {
    it(`int64 ${v}`, () => expect(new ProtoReader(enc(v)).int64()).toBe(Number(v)));
  }
  it('uint64 2^63 + 2^40', () => expect(new ProtoReader(enc(2n ** 63n + 2n ** 40n)).uvarint()).toBe(Number(2n ** 63n + 2n ** 40n)));
  it('truncated varint throws', () => expect(() => new ProtoReader(Uint8Array.from([0x80, 0x80])).uvarint()).toThrow(/truncated/));
  it('an 11-byte varint throws', () => expect(() => new ProtoReader(new Uint8Array(11).fill(0xff)).uvarint()).toThrow(/malformed/));
});

/** profile.proto writing, for shapes pprof-format never writes (unpacked, split, sparse ids). */
const field = (n: number, bytes: number[]): number[] => [...varint((n << 3) | 2), ...varint(bytes.length), ...bytes];
const scalar = (n: number, v: number): number[] => [...varint(n << 3), ...varint(v)];
const packed = (n: number, vs: number[]): number[] => field(n, vs.flatMap(varint));

function handMade(sampleBodies: number[][], locationIds: number[]): Uint8Array {
  const strings = ['', 'space', 'bytes', 'f', 'g', 'h'];
  return Uint8Array.from([
    ...field(1, [...scalar(1, 1), ...scalar(2, 2)]),
    ...sampleBodies.flatMap((b) => field(2, b)),
    ...locationIds.flatMap((id, i) => field(4, [...scalar(1, id), ...field(4, scalar(1, (i % 3) + 1))])),
    ...[1, 2, 3].flatMap((id) => field(5, [...scalar(1, id), ...scalar(2, id + 2)])),
    ...strings.flatMap((s) => field(6, [...Buffer.from(s)])),
  ]);
}

describe('sample shapes the fast path hands to the general reader', () => {
  const same = (raw: Uint8Array) => {
    const fast = decodeProtoFast(raw);
    expect(plain(fast)).toEqual(plain(decodeProto(raw)));
    return fast;
  };
  it('location ids unpacked, or split over several packed fields', () => {
    const p = same(
      handMade(
        [
          [...scalar(1, 1), ...scalar(1, 2), ...packed(2, [5])],
          [...packed(1, [3]), ...packed(1, [2, 1]), ...packed(2, [7])],
          [...packed(1, [2, 3]), ...packed(2, [9])],
        ],
        [1, 2, 3],
      ),
    );
    expect(Array.from(p.samples.locs)).toEqual([0, 1, 2, 1, 0, 1, 2]);
    expect(Array.from(p.samples.stackStart)).toEqual([0, 2, 5, 7]);
  });
  it('sparse and large location ids (no dense table)', () => {
    const ids = [7, 3_000_000_000, 2 ** 40];
    const p = same(handMade([[...packed(1, [ids[2]!, ids[0]!]), ...packed(2, [1])], [...packed(1, [ids[1]!]), ...packed(2, [2])]], ids));
    expect(Array.from(p.samples.locs)).toEqual([2, 0, 1]);
  });
  it('16-bit location indices up to 65,536 locations, 32-bit past that', () => {
    const small = same(handMade([[...packed(1, [2, 1]), ...packed(2, [1])]], [1, 2]));
    expect(small.samples.locs).toBeInstanceOf(Uint16Array);
    const ids = Array.from({ length: 70_000 }, (_, i) => i + 1);
    const big = same(handMade([[...packed(1, [70_000, 65_537, 1]), ...packed(2, [1])]], ids));
    expect(big.samples.locs).toBeInstanceOf(Uint32Array);
    expect(Array.from(big.samples.locs)).toEqual([69_999, 65_536, 0]);
  });
  it('a tiny profile in an unaligned view at the end of its buffer', () => {
    // period: 1 — the last two bytes of a 7-byte buffer, at offset 5: three bytes short of a 4-byte boundary.
    const tiny = new Uint8Array(new ArrayBuffer(7), 5, 2);
    tiny.set([0x60, 0x01]);
    expect(same(tiny).period).toBe(1);
  });
  it('an unknown location id is refused', () => {
    expect(() => decodeProtoFast(handMade([[...packed(1, [1, 9]), ...packed(2, [1])]], [1]))).toThrow(
      'corrupt protobuf: sample references unknown location 9',
    );
  });
  it('values of every varint length, at the end of their field too', () => {
    const vals = [127, 128, 16383, 16384, 2 ** 21 - 1, 2 ** 21, 2 ** 28, 300];
    const raw = Uint8Array.from([
      ...field(1, [...scalar(1, 1), ...scalar(2, 2)]),
      ...field(1, [...scalar(1, 1), ...scalar(2, 2)]),
      ...vals.flatMap((v, i) => field(2, [...packed(1, [1]), ...packed(2, [i, v])])),
      ...field(4, [...scalar(1, 1), ...field(4, scalar(1, 1))]),
      ...field(5, [...scalar(1, 1), ...scalar(2, 3)]),
      ...['', 'space', 'bytes', 'f'].flatMap((x) => field(6, [...Buffer.from(x)])),
    ]);
    const p = same(raw);
    expect(Array.from(p.samples.values)).toEqual(vals.flatMap((v, i) => [i, v]));
  });
  it('negative and multi-byte values, and a numeric label', () => {
    const label = field(3, [...scalar(1, 2), ...scalar(3, 123456789)]);
    same(handMade([[...packed(1, [1]), ...packed(2, [-5]), ...label], [...packed(1, [1]), ...packed(2, [2 ** 40]), ...label]], [1]));
  });
});

describe('ProtoDecoder fed in pieces (as zlib inflates) gives what a decode of the whole buffer gives', () => {
  const inputs: [string, Uint8Array][] = [
    ...protoSamples(join(ROOT, 'samples'))
      .slice(0, 6)
      .map((f): [string, Uint8Array] => [f.slice(ROOT.length), gunzipSync(readFileSync(f))]),
    ['generated', gunzipSync(generateHeapProfile({ seed: 5, samples: 3000, functions: 80, maxDepth: 20 }))],
  ];
  const fed = (raw: Uint8Array, size: number, hint: number): ProtoDecoder => {
    const d = new ProtoDecoder(hint);
    for (let i = 0; i < raw.length; i += size) d.push(raw.subarray(i, i + size));
    return d;
  };
  for (const [name, raw] of inputs) {
    it(name, () => {
      const want = plain(decodeProtoFast(raw));
      for (const [size, hint] of [
        [1, 0],
        [7, raw.length],
        [1000, 100],
        [65536, raw.length],
      ] as const) {
        expect(plain(fed(raw, size, hint).end())).toEqual(want);
      }
    });
  }
  it('samples are decoded as they arrive, before the tables after them', () => {
    const raw = inputs.at(-1)![1];
    const d = fed(raw.subarray(0, raw.length - 1), 4096, raw.length);
    expect(d.samplesDecoded).toBe(3000);
    d.push(raw.subarray(raw.length - 1));
    expect(d.end().samples.count).toBe(3000);
  });
  it('told the size late (expect), the arrays grow once to it and the Profile is the same', () => {
    const raw = inputs.at(-1)![1];
    const want = plain(decodeProtoFast(raw));
    for (const total of [raw.length, 10 * raw.length, 100]) {
      const d = new ProtoDecoder(4096);
      const third = Math.floor(raw.length / 3);
      d.push(raw.subarray(0, third));
      d.expect(total);
      d.push(raw.subarray(third));
      expect(plain(d.end())).toEqual(want);
    }
    // The sample arrays are sized from the rate so far: one step to the whole, no doubling after.
    const d = new ProtoDecoder(1024);
    d.push(raw.subarray(0, raw.length >> 1));
    const room = () => (d as unknown as { samples: { labelSet: Uint32Array } }).samples.labelSet.length;
    const before = room();
    d.expect(raw.length);
    expect(room()).toBeGreaterThan(before);
    expect(room()).toBeGreaterThanOrEqual(3000);
    const after = room();
    d.push(raw.subarray(raw.length >> 1));
    expect(room()).toBe(after);
    expect(d.end().samples.count).toBe(3000);
  });
  it('a second end() decodes afresh (a Profile is never shared)', () => {
    const raw = inputs.at(-1)![1];
    const d = fed(raw, 5000, 0);
    const a = d.end();
    const b = d.end();
    expect(b).not.toBe(a);
    expect(plain(b)).toEqual(plain(a));
  });

  const sampleType = field(1, [...scalar(1, 1), ...scalar(2, 2)]);
  const tables = (ids: number[]): number[] => [
    ...ids.flatMap((id, i) => field(4, [...scalar(1, id), ...field(4, scalar(1, (i % 3) + 1))])),
    ...[1, 2, 3].flatMap((id) => field(5, [...scalar(1, id), ...scalar(2, id + 2)])),
    ...['', 'space', 'bytes', 'f', 'g', 'h'].flatMap((s) => field(6, [...Buffer.from(s)])),
  ];
  const samples = [field(2, [...packed(1, [1, 2]), ...packed(2, [5])]), field(2, [...packed(1, [3]), ...packed(2, [7])])];
  /** Byte by byte: every sample is decoded the moment it is whole. */
  const sameEitherWay = (raw: Uint8Array): void => {
    let whole: unknown;
    try {
      whole = plain(decodeProtoFast(raw));
    } catch (e) {
      whole = (e as Error).message;
    }
    let pieces: unknown;
    try {
      pieces = plain(fed(raw, 1, 0).end());
    } catch (e) {
      pieces = (e as Error).message;
    }
    expect(pieces).toEqual(whole);
  };
  it('sample types after the samples: the samples decoded early are decoded again', () => {
    const raw = Uint8Array.from([...sampleType, ...samples.flat(), ...field(1, [...scalar(1, 1), ...scalar(2, 2)]), ...tables([1, 2, 3])]);
    expect(() => decodeProtoFast(raw)).toThrow(/mismatch: sample has 1 values vs. 2 types/);
    sameEitherWay(raw);
    const late = Uint8Array.from([...samples.flat(), ...sampleType, ...tables([1, 2, 3])]);
    expect(decodeProtoFast(late).samples.count).toBe(2);
    sameEitherWay(late);
  });
  it('a sample that fails early still loses to a broken field after it, as in a whole decode', () => {
    const bad = field(2, [...packed(1, [1]), ...packed(2, [1, 2])]);
    const raw = Uint8Array.from([...sampleType, ...bad, ...samples.flat(), ...tables([1, 2, 3]), 0x00, 0x01]);
    expect(() => decodeProtoFast(raw)).toThrow('corrupt protobuf: invalid field number 0');
    sameEitherWay(raw);
    const onlySample = Uint8Array.from([...sampleType, ...bad, ...tables([1, 2, 3])]);
    expect(() => decodeProtoFast(onlySample)).toThrow(/mismatch: sample has 2 values vs. 1 types/);
    sameEitherWay(onlySample);
  });
  it('locations listed out of id order, and unknown ids: the ids are mapped through the table', () => {
    const permuted = Uint8Array.from([...sampleType, ...samples.flat(), ...tables([3, 1, 2])]);
    expect(Array.from(decodeProtoFast(permuted).samples.locs)).toEqual([1, 2, 0]);
    sameEitherWay(permuted);
    const unknown = Uint8Array.from([...sampleType, ...samples.flat(), ...tables([1, 2])]);
    expect(() => decodeProtoFast(unknown)).toThrow('corrupt protobuf: sample references unknown location 3');
    sameEitherWay(unknown);
    const zero = Uint8Array.from([...sampleType, field(2, [...packed(1, [0, 1]), ...packed(2, [5])]), ...tables([1, 2, 3])].flat());
    expect(() => decodeProtoFast(zero)).toThrow('corrupt protobuf: sample references unknown location 0');
    sameEitherWay(zero);
  });
  it('two pieces, split anywhere: a field cut in two is put together from the second piece', () => {
    const raw = gunzipSync(readFileSync(join(ROOT, 'samples/recursion.pb.gz')));
    const want = plain(decodeProtoFast(raw));
    for (let k = 0; k <= raw.length; k++) {
      const d = new ProtoDecoder(raw.length);
      d.push(raw.subarray(0, k));
      d.push(raw.subarray(k));
      expect(plain(d.end()), `split at ${k}`).toEqual(want);
    }
  });
  it('every cut of a profile fails or decodes the same way in pieces as whole', () => {
    const raw = inputs.at(-1)![1].subarray(0, 3000);
    for (let cut = 0; cut <= raw.length; cut += 37) sameEitherWay(raw.subarray(0, cut));
  });
});
