// Memory without guessing: a protobuf profile is sized from its own counts (its samples go to typed
// arrays, outside the JS heap), so a large one is not refused for its byte size; a flood of strings
// or comments is stopped as its tables pass the cap (table-budget.ts), with what they hold; endless
// zeros on stdin or from /dev/zero stop at their first bytes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bombProfile } from '../../dist/bench/bombs.js';
import { synthProfile } from '../../dist/bench/synth-profile.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';

const dir = mkdtempSync(join(tmpdir(), 'gr-memory-'));
const MAXRSS = `${ROOT}test/helpers/maxrss.mjs`;
const MiB = 2 ** 20;

async function runMeasured(args: string[], env: NodeJS.ProcessEnv = {}) {
  const rssFile = join(dir, `rss-${Math.random()}`);
  const r = await runCliAsync(args, { nodeArgs: ['--import', MAXRSS], env: { GEN_REPORT_MAXRSS_FILE: rssFile, ...env } });
  return { ...r, maxRssMiB: Number(readFileSync(rssFile, 'utf8')) / 1024 };
}

/** A small profile followed by `mib` MiB of repeated `unit` (protobuf fields append). */
function flood(unit: Buffer, mib: number): Buffer {
  const units = Math.ceil((mib * MiB) / unit.length);
  return Buffer.concat([Buffer.from(bombProfile({})), Buffer.alloc(units * unit.length).fill(unit)]);
}
const varint = (n: number) => {
  const o: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) o.push((n & 0x7f) | 0x80);
  o.push(n);
  return Buffer.from(o);
};
const field = (key: number, body: Buffer) => Buffer.concat([Buffer.from([key]), varint(body.length), body]);

describe('memory from the profile’s own counts', () => {
  it('a 200k-sample profile runs in a 48 MB heap (its size alone once had it refused as needing hundreds of MB)', async () => {
    const big = join(dir, 'big.pb');
    writeFileSync(big, synthProfile({ functions: 500, samples: 200_000, seed: 5 }));
    const r = await runMeasured([big, '--text'], { NODE_OPTIONS: '--max-old-space-size=48' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Type: inuse_space\n/);
  }, 60_000);

  it('a comment flood is refused with what its tables hold, in bounded memory', async () => {
    // 40 MiB of packed comment indices: 40M comments, a few kB of gzip; the heap capped at 256 MB puts the cap at ~102 MB.
    const input = join(dir, 'comments.pb');
    writeFileSync(input, flood(field(0x6a, Buffer.alloc(MiB)), 40));
    const r = await runMeasured([input, '--text'], { NODE_OPTIONS: '--max-old-space-size=256' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^gen-report: .*comments\.pb: profile too large: its tables need more than \d+ MB of memory \(so far \d+ strings of 1 MB, [\d,]+ comments, 4 locations, functions and mappings\); the cap is 512 MB or 40% of Node's heap limit, whichever is smaller\n$/,
    );
    expect(r.maxRssMiB).toBeLessThan(400);
  }, 60_000);

  it('a gzipped comment flood of 300 MB stops inflating once its tables pass the cap', async () => {
    const input = join(dir, 'comments.pb.gz');
    // One gzip member per MiB (members concatenate): this process never holds the 300 MB, which
    // would show in the child's peak RSS (Linux keeps the high-water mark across fork and exec).
    const part = gzipSync(field(0x6a, Buffer.alloc(MiB)));
    writeFileSync(input, Buffer.concat([gzipSync(bombProfile({})), ...Array.from({ length: 300 }, () => part)]));
    const r = await runMeasured([input, '--text'], { NODE_OPTIONS: '--max-old-space-size=256' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/comments\.pb\.gz: profile too large: its tables need more than \d+ MB of memory \(so far \d+ strings of 1 MB, [\d,]+ comments/);
    // Not inflated whole (300 MB) for a second, whole-buffer decode.
    expect(r.maxRssMiB).toBeLessThan(250);
  }, 60_000);

  it('a string flood is refused the same way', async () => {
    const strings = Buffer.concat(Array.from({ length: 1000 }, () => field(0x32, Buffer.from('a'))));
    const input = join(dir, 'strings.pb');
    writeFileSync(input, flood(strings, 40));
    const r = await runMeasured([input, '--text'], { NODE_OPTIONS: '--max-old-space-size=256' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/profile too large: its tables need more than \d+ MB of memory \(so far [\d,]+ strings of \d+ MB, 0 comments/);
    expect(r.maxRssMiB).toBeLessThan(400);
  }, 60_000);
});

describe('endless input stops at its first bytes', () => {
  it('/dev/zero', async () => {
    const r = await runMeasured(['/dev/zero', '--text']);
    expect(r.stderr).toBe('gen-report: /dev/zero: unrecognized profile format (binary data starting with 00 00 00 00 00 00 00 00)\n');
    expect(r.code).toBe(2);
    expect(r.maxRssMiB).toBeLessThan(200);
  }, 60_000);

  it('endless zeros on stdin', async () => {
    const child = spawn(process.execPath, [CLI, '-', '--text'], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const zeros = Buffer.alloc(MiB);
    let stop = false;
    const feed = () => {
      while (!stop && child.stdin.write(zeros));
      if (!stop) child.stdin.once('drain', feed);
    };
    child.stdin.on('error', () => {});
    feed();
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    stop = true;
    expect(err).toBe('gen-report: <stdin>: unrecognized profile format (binary data starting with 00 00 00 00 00 00 00 00)\n');
    expect(code).toBe(2);
  }, 60_000);
});
