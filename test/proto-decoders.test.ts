import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeProto } from '../src/ingest/proto.js';
import { decodeProtoFast } from '../src/ingest/proto-fast.js';
import { ProtoReader } from '../src/ingest/proto-reader.js';
import { generateHeapProfile } from '../bench/gen-profile.js';
import { ROOT } from './helpers/cli.js';

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

describe('ProtoReader varints', () => {
  const enc = (v: bigint): Uint8Array => {
    let x = BigInt.asUintN(64, v);
    const out: number[] = [];
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x > 0n) b |= 0x80;
      out.push(b);
    } while (x > 0n);
    return Uint8Array.from(out);
  };
  for (const v of [0n, 1n, 127n, 128n, 300n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 32n + 5n, 2n ** 53n - 1n, -1n, -2n, -300n, -(2n ** 40n)]) {
    it(`int64 ${v}`, () => expect(new ProtoReader(enc(v)).int64()).toBe(Number(v)));
  }
  it('uint64 2^63 + 2^40', () => expect(new ProtoReader(enc(2n ** 63n + 2n ** 40n)).uvarint()).toBe(Number(2n ** 63n + 2n ** 40n)));
  it('truncated varint throws', () => expect(() => new ProtoReader(Uint8Array.from([0x80, 0x80])).uvarint()).toThrow(/truncated/));
  it('an 11-byte varint throws', () => expect(() => new ProtoReader(new Uint8Array(11).fill(0xff)).uvarint()).toThrow(/malformed/));
});
