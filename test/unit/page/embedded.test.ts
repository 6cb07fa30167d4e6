// The page's embedded profile: lossless (samples, order, negative and fractional values, labels),
// and over its cap not embedded at all, with a note saying what cannot refine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../../src/io/node-platform.js';
import { loadProfile } from '../../../src/io/load-profile.js';
import { DEFAULTS } from '../../../src/config/defaults.js';
import type { Profile } from '../../../src/model/profile.js';
import { decodeProfile, encodeProfile } from '../../../src/page/codec.js';
import { DEFAULT_EMBED, embedPage } from '../../../src/page/embedded.js';
import { createContext } from '../../../src/report/context.js';

const load = (path: string) => loadProfile(readFileSync(path), path, { maxInflate: 2 ** 30, mergeAnonymous: false });

function expectSameSamples(a: Profile, b: Profile): void {
  expect(b.samples.count).toBe(a.samples.count);
  expect([...b.samples.stackStart]).toEqual([...a.samples.stackStart]);
  expect([...b.samples.locs]).toEqual([...a.samples.locs]);
  expect([...b.samples.values]).toEqual([...a.samples.values]);
  expect([...b.samples.labelSet]).toEqual([...a.samples.labelSet]);
  expect(b.samples.labelSets).toEqual(a.samples.labelSets);
  expect(b.functions).toEqual(a.functions);
  expect(b.locations).toEqual(a.locations);
  expect(b.meta).toEqual(a.meta);
}

describe('the embedded profile', () => {
  it('decodes to the same samples, in order (workload, labels)', async () => {
    for (const f of ['samples/workload/leak.pb.gz', 'samples/labels.pb.gz', 'samples/recursion.pb.gz']) {
      const p = await load(f);
      expectSameSamples(p, decodeProfile(JSON.parse(JSON.stringify(encodeProfile(p)))));
    }
  });

  it('keeps negative and fractional values exactly', async () => {
    const p = await load('samples/workload/leak.pb.gz');
    const v = p.samples.values;
    const nt = p.sampleTypes.length;
    // Type 0 with negative values (a diff), type 1 with fractions (a scaled merge).
    for (let i = 0; i < v.length; i += nt * 2) if (v[i] !== 0) v[i] = -v[i]!;
    for (let i = 1; i < v.length; i += nt) v[i] = v[i]! / 3;
    const e = encodeProfile(p);
    expect(e.samples.values.slice(0, 2)).toEqual(['z', 'f']);
    expectSameSamples(p, decodeProfile(JSON.parse(JSON.stringify(e))));
  });

  it('over the cap it is left out, and the page says which views cannot refine', async () => {
    const p = await load('samples/workload/leak.pb.gz');
    const ctx = createContext(p, { ...DEFAULTS.report }, 'leak');
    const full = embedPage(ctx);
    expect(full.json).not.toBeNull();
    const over = embedPage(ctx, { ...DEFAULT_EMBED, maxProfileBytes: full.json!.length / 2 });
    expect(over.json).toBeNull();
    expect(over.notes.join(' ')).toMatch(/not embedded, so Refine .* Peek and Source cannot recompute here/);
  });
});
