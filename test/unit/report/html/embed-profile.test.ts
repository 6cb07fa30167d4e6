// The page's embedded profile: lossless (samples, order, negative and fractional values, labels),
// and over its cap not embedded at all, with a note saying what cannot refine.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../../../src/io/node-platform.js';
import { loadProfile } from '../../../../src/io/load-profile.js';
import { DEFAULTS } from '../../../../src/config/defaults.js';
import type { Profile } from '../../../../src/model/profile.js';
import { decodeProfile, encodeProfile } from '../../../../src/model/codec.js';
import { DEFAULT_EMBED, embedPage } from '../../../../src/report/html/embed-profile.js';
import { reportSource } from '../../../../src/report/inputs.js';

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
    const ctx = reportSource(p, { ...DEFAULTS.report }, 'leak');
    const full = embedPage(ctx);
    expect(full.json).not.toBeNull();
    const over = embedPage(ctx, { ...DEFAULT_EMBED, maxProfileBytes: full.json!.length / 2 });
    expect(over.json).toBeNull();
    expect(over.notes.join(' ')).toMatch(/not embedded, so Refine .* Peek and Source cannot recompute here/);
  });
});

describe('the embedded profile over its cap', () => {
  it('is encoded the same within a cap, and not at all past it', async () => {
    const p = await load('samples/workload/leak.pb.gz');
    const whole = encodeProfile(p);
    const blob = whole.samples.blob.length;
    expect(encodeProfile(p, blob)).toEqual(whole);
    expect(encodeProfile(p, blob + 100)).toEqual(whole);
    // Past the cap by more than base64's rounding: the gzip stopped, nothing is made.
    expect(encodeProfile(p, blob - 8)).toBeNull();
    expect(encodeProfile(p, 1)).toBeNull();
  });

  it('says "more than" the cap when its samples alone pass it, and the size when the whole does', async () => {
    const p = await load('samples/workload/leak.pb.gz');
    const ctx = reportSource(p, { ...DEFAULTS.report }, 'leak');
    const blob = encodeProfile(p).samples.blob.length;
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
    const samplesOver = embedPage(ctx, { ...DEFAULT_EMBED, maxProfileBytes: blob / 2 });
    expect(samplesOver.json).toBeNull();
    expect(samplesOver.notes[0]).toContain(`This profile (more than ${mb(blob / 2)} embedded) is over the page's cap (${mb(blob / 2)})`);
    // The samples fit, the tables with them do not: the size is known and said.
    const tablesOver = embedPage(ctx, { ...DEFAULT_EMBED, maxProfileBytes: blob + 10 });
    expect(tablesOver.json).toBeNull();
    const said = /^This profile \((\d+\.\d) MB embedded\) is over the page's cap \((\d+\.\d) MB\)/.exec(tablesOver.notes[0]!);
    expect(said?.[2]).toBe(mb(blob + 10).split(' ')[0]);
    expect(Number(said?.[1])).toBeGreaterThan(Number(said?.[2]));
  });
});

describe("the platform's bounded gzip", () => {
  it("gives zlib's bytes within the bound and null past it", async () => {
    const { platform } = await import('../../../../src/util/platform.js');
    const { gzipSync } = await import('node:zlib');
    const data = readFileSync('samples/workload/leak.prof');
    const gz = gzipSync(data);
    expect(Buffer.from(platform().gzip(data)!).equals(gz)).toBe(true);
    expect(Buffer.from(platform().gzip(data, gz.length)!).equals(gz)).toBe(true);
    expect(platform().gzip(data, gz.length - 1)).toBeNull();
    expect(platform().gzip(data, 10)).toBeNull();
    // A bound past the largest buffer zlib takes bounds nothing (zlib would throw on it).
    expect(Buffer.from(platform().gzip(data, 2 ** 40)!).equals(gz)).toBe(true);
  });
});

describe("the embedded profile's early look at the columns that cost no lookup", () => {
  it('gives the same answer as the whole blob at every cap, and stops early far over the cap', async () => {
    const { generateHeapProfile } = await import('../../../../bench/gen-profile.js');
    const { parseProfile } = await import('../../../../src/ingest/parse.js');
    const { installPlatform, platform } = await import('../../../../src/util/platform.js');
    const p = parseProfile(generateHeapProfile({ samples: 20_000, functions: 3000, maxDepth: 32, seed: 5 }), 'gen', { maxInflate: 2 ** 30 });
    const whole = encodeProfile(p);
    const real = platform();
    const calls: (number | undefined)[] = [];
    installPlatform({ ...real, gzip: (d, max) => (calls.push(max), real.gzip(d, max)) });
    try {
      let probed = 0;
      for (const f of [0.02, 0.1, 0.25, 0.5, 0.999, 1.001, 1.5]) {
        const cap = Math.floor(whole.samples.blob.length * f);
        calls.length = 0;
        // A small slack (the real one is for megabytes), so that the look decides on this profile.
        const e = encodeProfile(p, cap, 16 * 1024);
        // The look's call has the slack on top of the cap's bound; the whole's has none.
        if (calls.length === 1 && e === null && calls[0] === Math.floor((cap * 3) / 4) + 3 + 16 * 1024) probed++;
        if (whole.samples.blob.length > cap + 3) expect(e).toBeNull();
        else expect(e).toEqual(whole);
      }
      // Far over the cap, only the depths and values were compressed: the look answered.
      expect(probed).toBeGreaterThan(0);
    } finally {
      installPlatform(real);
    }
  });
});
