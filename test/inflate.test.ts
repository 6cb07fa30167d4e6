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
