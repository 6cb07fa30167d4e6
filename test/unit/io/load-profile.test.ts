import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthProfile } from '../../../bench/synth-profile.js';
import { InputError } from '../../../src/errors.js';
import { parseProfile } from '../../../src/ingest/parse.js';
import { checkHeapBudget, loadProfile } from '../../../src/io/load-profile.js';
import { ROOT } from '../../helpers/cli.js';
import { runCliAsync } from '../../helpers/cli-async.js';

const dir = mkdtempSync(join(tmpdir(), 'gr-limits-'));
const GiB = 2 ** 30;
const MAXRSS = `${ROOT}test/helpers/maxrss.mjs`;

/** Streams `mib` MiB of zeros through gzip into a file (never holding them in memory). */
async function zeroGzip(path: string, mib: number): Promise<void> {
  const zero = Buffer.alloc(2 ** 20);
  async function* zeros() {
    for (let i = 0; i < mib; i++) yield zero;
  }
  await pipeline(Readable.from(zeros()), createGzip({ level: 9 }), createWriteStream(path));
}

/** Runs the CLI and returns its result with the child's peak RSS in MiB. */
async function runMeasured(args: string[], env: NodeJS.ProcessEnv = {}) {
  const rssFile = join(dir, `rss-${Math.random()}`);
  const r = await runCliAsync(args, { nodeArgs: ['--import', MAXRSS], env: { GEN_REPORT_MAXRSS_FILE: rssFile, ...env } });
  return { ...r, maxRssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

const bomb = join(dir, 'bomb.pb.gz');
const sneaky = join(dir, 'sneaky.pb.gz');
beforeAll(async () => {
  // 1 GiB + 1 MiB of zeros: ~1 MB of gzip. `sneaky` appends a tiny second gzip member, so the
  // trailer's size field says 2 bytes (a check of that field alone would let it through).
  await zeroGzip(bomb, 1025);
  writeFileSync(sneaky, Buffer.concat([readFileSync(bomb), gzipSync(Buffer.from('hi'))]));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('gzip bombs', () => {
  it('a 1 GiB-inflating file is refused with the default cap, in little memory', async () => {
    expect(statSync(bomb).size).toBeLessThan(2 * 2 ** 20);
    const r = await runMeasured([bomb, '--text']);
    expect(r.stderr).toBe(`gen-report: ${bomb}: inflates to more than 1 GiB (raise --max-inflate to allow it)\n`);
    expect(r.code).toBe(2);
    expect(r.maxRssMiB).toBeLessThan(256);
  });

  it('the same bomb hiding behind a small last member is refused while streaming, in little memory', async () => {
    const r = await runMeasured([sneaky, '--text']);
    expect(r.stderr).toBe(`gen-report: ${sneaky}: inflates to more than 1 GiB (raise --max-inflate to allow it)\n`);
    expect(r.code).toBe(2);
    expect(r.maxRssMiB).toBeLessThan(256);
  }, 60_000);

  it('--max-inflate lowers the cap', async () => {
    const r = await runMeasured([sneaky, '--max-inflate', '10MiB']);
    expect(r.stderr).toBe(`gen-report: ${sneaky}: inflates to more than 10 MiB (raise --max-inflate to allow it)\n`);
    expect(r.code).toBe(2);
  });

  it('within the cap, zeros are inflated and then refused as not a profile', async () => {
    const zeros = join(dir, 'zeros.pb.gz');
    await zeroGzip(zeros, 8);
    const r = await runMeasured([zeros, '--text']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`gen-report: ${zeros}: unrecognized profile format (binary data starting with 00 00 00 00 00 00 00 00)\n`);
  });
});

describe('protobuf counts against the bytes', () => {
  const raw = gunzipSync(readFileSync(`${ROOT}samples/allocs.pb.gz`));
  const parse = (b: Uint8Array) => parseProfile(b, 'x.pb', { maxInflate: GiB });
  const problem = (b: Uint8Array): string => {
    try {
      parse(b);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    return 'accepted';
  };

  it('a truncated protobuf is refused, not read as a smaller profile', () => {
    for (const cut of [raw.length - 1, raw.length - 7, Math.floor(raw.length / 2), 5]) {
      expect(problem(raw.subarray(0, cut))).toMatch(/^x\.pb: corrupt protobuf: (field length \d+ exceeds the \d+ bytes left|truncated)/);
    }
  });

  it('a declared length past the end', () => {
    expect(problem(Uint8Array.from([0x12, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toBe(
      'x.pb: corrupt protobuf: field length 4294967295 exceeds the 0 bytes left',
    );
  });

  it('a packed list cut in the middle of a number', () => {
    // sample { location_id: packed [0x81] } — the varint never ends.
    expect(problem(Uint8Array.from([0x12, 0x03, 0x0a, 0x01, 0x81]))).toBe(
      'x.pb: corrupt protobuf: truncated varint',
    );
  });

  it('200k declared sample types with one sample: a clear error, no giant allocation', () => {
    const types = Buffer.alloc(200_000 * 2);
    for (let i = 0; i < types.length; i += 2) types[i] = 0x0a; // sample_type {} (empty ValueType)
    const sample = Buffer.from([0x12, 0x02, 0x10, 0x01]); // sample { value: 1 }
    const before = process.memoryUsage().rss;
    expect(problem(Buffer.concat([types, sample]))).toBe('x.pb: corrupt protobuf: mismatch: sample has 1 values vs. 200000 types');
    expect(process.memoryUsage().rss - before).toBeLessThan(512 * 2 ** 20);
  });

  // Text and JSON profiles only (heap-budget.ts); a protobuf is sized from its counts (test/cli/memory.test.ts).
  it('the heap budget: refused with the sizes and how to raise the heap', () => {
    expect(() => checkHeapBudget(raw.length, 1e9)).not.toThrow();
    expect(() => checkHeapBudget(10 * 2 ** 20, 100 * 2 ** 20)).toThrow(
      "profile too large for this process: 10 MB of profile data need about 200 MB of memory, over Node's heap limit of 100 MB (raise it with NODE_OPTIONS=--max-old-space-size=223)",
    );
  });

});

describe('loadProfile as a library call', () => {
  const bytes = readFileSync(`${ROOT}samples/workload/leak.pb.gz`);
  it('takes the defaults when the options are left out, and gives the whole profile', async () => {
    const whole = parseProfile(bytes, 'leak', { maxInflate: GiB });
    for (const p of [await loadProfile(bytes), await loadProfile(bytes, 'leak', {})]) {
      expect(p.samples.count).toBe(whole.samples.count);
      expect(p.samples.stackStart.length).toBe(whole.samples.count + 1);
      expect(Array.from(p.samples.locs)).toEqual(Array.from(whole.samples.locs));
    }
  });
  it('refuses a cap that is not a positive number instead of giving a broken profile', async () => {
    for (const maxInflate of [Number.NaN, 0, -1]) {
      await expect(loadProfile(bytes, 'leak', { maxInflate })).rejects.toThrow(`loadProfile: maxInflate must be a positive number of bytes, got ${String(maxInflate)}`);
    }
  });
  it('refuses what is not bytes', async () => {
    await expect(loadProfile('leak.pb.gz' as unknown as Uint8Array)).rejects.toThrow("loadProfile: want the profile's bytes (a Uint8Array or Buffer), got string");
  });
});
