import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateHeapProfile } from '../../../bench/gen-profile.js';
import { inflateChecked } from '../../../src/io/gunzip.js';
import { inflateProfile } from '../../../src/io/inflate-profile.js';
import { decodeProtoFast, ProtoDecoder } from '../../../src/ingest/proto-fast.js';
import { ROOT } from '../../helpers/cli.js';

describe('inflateChecked: one inflate for ordinary input, bounded memory for bombs', () => {
  const raw = Buffer.alloc(300_000, 7);
  const gz = gzipSync(raw);
  it('returns the inflated bytes when they fit the keep budget', async () => {
    const r = await inflateChecked(gz, 10_000_000, 1_000_000);
    expect(r.size).toBe(raw.length);
    expect(Buffer.from(r.data!).equals(raw)).toBe(true);
  });
  it('only counts past the keep budget', async () => {
    const r = await inflateChecked(gz, 10_000_000, 100_000);
    expect(r).toEqual({ size: raw.length, data: null });
  });
  it('refuses output past the cap', async () => {
    await expect(inflateChecked(gz, 200_000, 1_000_000)).rejects.toThrow(/inflates to more than/);
  });
});

describe('inflateChecked: the trailer size is a hint only', () => {
  const a = Buffer.alloc(400_000, 1);
  const b = Buffer.from('tail');
  it('two members: the last trailer says 4 bytes, all 400,004 come out', async () => {
    const gz = Buffer.concat([gzipSync(a), gzipSync(b)]);
    const r = await inflateChecked(gz, 10_000_000);
    expect(r.size).toBe(a.length + b.length);
    expect(Buffer.from(r.data!).equals(Buffer.concat([a, b]))).toBe(true);
  });
  it('a trailer claiming more than there is changes nothing', async () => {
    const gz = gzipSync(a);
    const lying = Buffer.from(gz);
    lying.writeUInt32LE(20_000_000, lying.length - 4);
    // zlib checks ISIZE itself at the end of the member: the lie is reported as bad data, not read.
    await expect(inflateChecked(lying, 100_000_000)).rejects.toThrow(/bad gzip data|truncated/);
  });
  it('the same bytes inflated twice share one run', () => {
    const gz = gzipSync(a);
    expect(inflateChecked(gz, 10_000_000)).toBe(inflateChecked(gz, 10_000_000));
    expect(inflateChecked(gz, 10_000_000)).not.toBe(inflateChecked(gz, 20_000_000));
  });
});

describe('inflateChecked with a consumer: the bytes as they are inflated', () => {
  const raw = Buffer.alloc(5_500_000);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 27;
  const gz = gzipSync(raw);
  const collector = () => {
    const pushed: number[] = [];
    const parts: Buffer[] = [];
    let asked = 0;
    const factory = (first: Uint8Array, hint: number) => {
      asked++;
      expect(hint).toBeLessThanOrEqual(raw.length);
      expect(Buffer.from(first).equals(raw.subarray(0, first.length))).toBe(true);
      return {
        push: (c: Uint8Array) => {
          pushed.push(c.length);
          parts.push(Buffer.from(c));
        },
        bytes: () => Buffer.concat(parts),
      };
    };
    return { factory, pushed, asked: () => asked };
  };
  it('a large output comes in 1 MiB chunks, in order, all of them, to the consumer only', async () => {
    const c = collector();
    let hint = 0;
    const r = await inflateChecked(gz, 10_000_000, 64_000_000, (first, h) => ((hint = h), c.factory(first, h)));
    expect(hint).toBe(raw.length);
    expect(c.asked()).toBe(1);
    expect(c.pushed.length).toBe(6);
    expect(c.pushed.slice(0, 5)).toEqual([2 ** 20, 2 ** 20, 2 ** 20, 2 ** 20, 2 ** 20]);
    expect(r.size).toBe(raw.length);
    expect(r.consumer).toBeDefined();
    expect(r.data).toBeNull();
    expect((r.consumer as unknown as { bytes: () => Buffer }).bytes().equals(raw)).toBe(true);
  });
  it('past the keep budget the consumer goes on up to what the trailer claims within the cap, told once', async () => {
    const c = collector();
    const told: number[] = [];
    const r = await inflateChecked(gz, 10_000_000, 3_000_000, (first, h) => {
      expect(h).toBeLessThanOrEqual(3_000_000);
      return { ...c.factory(first, h), expect: (total: number) => told.push(total) };
    });
    expect(told).toEqual([raw.length]);
    expect(r.size).toBe(raw.length);
    expect(r.consumer).toBeDefined();
    expect((r.consumer as unknown as { bytes: () => Buffer }).bytes().equals(raw)).toBe(true);
  });
  it('a consumer that cannot size itself ahead (expect throws) still takes every chunk', async () => {
    const c = collector();
    const r = await inflateChecked(gz, 10_000_000, 3_000_000, (first, h) => ({
      ...c.factory(first, h),
      expect: () => {
        throw new RangeError('Array buffer allocation failed');
      },
    }));
    expect((r.consumer as unknown as { bytes: () => Buffer }).bytes().equals(raw)).toBe(true);
  });
  it('past the keep budget and past the claim (a trailer that says less), the consumer is dropped: counting only', async () => {
    const c = collector();
    const twoMembers = Buffer.concat([gz, gzipSync(Buffer.from('tail'))]);
    const r = await inflateChecked(twoMembers, 10_000_000, 3_000_000, c.factory);
    expect(r).toEqual({ size: raw.length + 4, data: null });
  });
  it('a trailer claiming more than the cap: dropped past the keep budget, the cap stops it', async () => {
    const big = Buffer.alloc(12_000_000, 9);
    let taken = 0;
    let told = 0;
    const r = inflateChecked(gzipSync(big), 10_000_000, 3_000_000, () => ({ push: (c) => void (taken += c.length), expect: () => void told++ }));
    await expect(r).rejects.toThrow(/inflates to more than/);
    expect(taken).toBeLessThanOrEqual(3_000_000);
    expect(told).toBe(0);
  });
  it('a factory that declines leaves the bytes collected as usual', async () => {
    const r = await inflateChecked(gz, 10_000_000, 64_000_000, () => null);
    expect(r.consumer).toBeUndefined();
    expect(Buffer.from(r.data!).equals(raw)).toBe(true);
  });
  it('a factory that throws fails the inflate with its error', async () => {
    await expect(
      inflateChecked(gz, 10_000_000, 64_000_000, () => {
        throw new Error('no consumer today');
      }),
    ).rejects.toThrow('no consumer today');
  });
  it('the cap still stops it', async () => {
    await expect(inflateChecked(gz, 3_000_000, 64_000_000, collector().factory)).rejects.toThrow(/inflates to more than/);
  });
});

describe('inflateProfile: a protobuf profile is decoded while it inflates', () => {
  it('a large generated profile: decoded as it came, same Profile as a decode of the whole', async () => {
    const gz = generateHeapProfile({ seed: 11, samples: 80_000, functions: 200, maxDepth: 24 });
    const r = await inflateProfile(gz, 100_000_000);
    expect(r.size).toBeGreaterThan(3 * 2 ** 20);
    expect(r.decoder).not.toBeNull();
    expect(r.decoder!.samplesDecoded).toBeGreaterThan(0);
    const plain = (x: unknown) => JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));
    expect(plain(r.decoder!.end())).toBe(plain(decodeProtoFast(gunzipSync(gz))));
  });
  it('past the keep budget a decoder that is decoding goes on: inflated once, the same Profile', async () => {
    const gz = generateHeapProfile({ seed: 11, samples: 80_000, functions: 200, maxDepth: 24 });
    const r = await inflateChecked(gz, 100_000_000, 2 ** 20, (_first, hint) => new ProtoDecoder(hint));
    expect(r.size).toBeGreaterThan(3 * 2 ** 20);
    expect(r.data).toBeNull();
    const d = r.consumer as ProtoDecoder;
    expect(d).toBeInstanceOf(ProtoDecoder);
    const plain = (x: unknown) => JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));
    expect(plain(d.end())).toBe(plain(decodeProtoFast(gunzipSync(gz))));
  });
  it('past the keep budget a decoder that failed is dropped, and its chunks with it: a bomb of zeros is only counted', async () => {
    const zeros = gzipSync(Buffer.alloc(8 * 2 ** 20));
    const made: ProtoDecoder[] = [];
    const r = await inflateChecked(zeros, 100_000_000, 2 ** 20, (_first, hint) => {
      const d = new ProtoDecoder(hint);
      made.push(d);
      return d;
    });
    expect(made).toHaveLength(1);
    expect(made[0]!.pastKeep()).toBe(false);
    expect(r).toEqual({ size: 8 * 2 ** 20, data: null });
  });
  it('Go’s legacy text profile is only collected', async () => {
    const gz = gzipSync(readFileSync(join(ROOT, 'samples/workload/leak.prof')));
    const r = await inflateProfile(gz, 100_000_000);
    expect(r.decoder).toBeNull();
    expect(Buffer.from(r.data!).equals(gunzipSync(gz))).toBe(true);
  });
});

describe('inflateChecked: a consumer never sizes itself by a trailer past the budget', () => {
  it('trailing bytes that make the trailer claim 4 GiB: the hint stays within keep and the cap', async () => {
    const raw = Buffer.alloc(5_000_000, 3);
    const gz = Buffer.concat([gzipSync(raw), Buffer.from([0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff])]);
    let hint = -1;
    await inflateChecked(gz, 10_000_000, 8_000_000, (_first, h) => {
      hint = h;
      return null;
    }).catch(() => {});
    expect(hint).toBeGreaterThan(0);
    expect(hint).toBeLessThanOrEqual(8_000_000);
  });
});
