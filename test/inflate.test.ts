import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateChecked } from '../src/ingest/gunzip.js';

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
