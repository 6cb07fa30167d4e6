import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { specs } from '../../src/cli/options.js';
import { ROOT, runCli } from '../helpers/cli.js';

const SAMPLE = 'samples/recursion.pb.gz';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'gen-report-cli-'));
}

/** A user error: exit 2, nothing on stdout, exactly one stderr line, no file written. */
function expectUserError(args: string[], pattern: RegExp, input?: Buffer) {
  const dir = tmp();
  const r = runCli([...args, '--out-dir', dir], { input });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^gen-report: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
  expect(readdirSync(dir)).toEqual([]);
}

describe('bad input: one line naming the file and the problem, exit 2, no output file', () => {
  const dir = tmp();
  const write = (name: string, data: Buffer | string) => {
    const p = join(dir, name);
    writeFileSync(p, data);
    return p;
  };
  const good = readFileSync(join(ROOT, SAMPLE));

  it('missing file', () => {
    expectUserError([join(dir, 'nope.pb.gz'), '--dot'], /nope\.pb\.gz: no such file$/m);
  });
  it('not a profile (plain text)', () => {
    const p = write('notes.txt', 'hello, this is not a profile\n');
    expectUserError([p, '--dot'], /notes\.txt: unrecognized profile format \(text starting with "hello, this is not a profile"\)$/m);
  });
  it('not a profile (HTML page)', () => {
    const p = write('page.html', '<!DOCTYPE html><html><body>404</body></html>');
    expectUserError([p, '--text'], /page\.html: not a profile: got an HTML page/);
  });
  it('truncated gzip', () => {
    const p = write('trunc.pb.gz', good.subarray(0, Math.floor(good.length / 2)));
    expectUserError([p, '--dot'], /trunc\.pb\.gz: truncated gzip data/);
  });
  it('corrupt protobuf', () => {
    const raw = Buffer.from(gzipSync(Buffer.from([0x0a, 0x05, 0x08, 0x01, 0x10, 0x02, 0x12, 0xff, 0xff, 0x01, 0x00])));
    const p = write('corrupt.pb.gz', raw);
    expectUserError([p, '--dot'], /corrupt\.pb\.gz: corrupt protobuf/);
  });
  it('empty input', () => {
    const p = write('empty.pb', '');
    expectUserError([p], /empty\.pb: empty input/);
  });
  it('unknown sample index, with pprof\'s message', () => {
    expectUserError([SAMPLE, '--sample_index=bogus', '--dot'], /sample_index "bogus" must be one of: \[alloc_objects alloc_space inuse_objects inuse_space\]/);
  });
  it("one sort order and one granularity, with pprof's message (names sorted: pprof's order is a map's)", () => {
    expectUserError([SAMPLE, '-cum', '-flat'], /^gen-report: conflicting options set: \[cum flat\]\n$/);
    expectUserError([SAMPLE, '-flat', '-cum', '--tree'], /^gen-report: conflicting options set: \[cum flat\]\n$/);
    expectUserError([SAMPLE, '-functions', '-lines'], /^gen-report: conflicting options set: \[functions lines\]\n$/);
    expectUserError([SAMPLE, '-lines', '-files', '-addresses', '--dot'], /^gen-report: conflicting options set: \[addresses files lines\]\n$/);
  });
  it('sample index out of range', () => {
    expectUserError([SAMPLE, '--sample_index=9'], /sample_index 9 is outside the range \[0\.\.3\]/);
  });
  it('unknown option', () => {
    expectUserError([SAMPLE, '--bogus-flag'], /--bogus-flag/);
  });
  it('no profile given', () => {
    expectUserError([], /no profile given/);
  });
});

describe('formats and outputs', () => {
  it('no format flag means --text on stdout', () => {
    const a = runCli([SAMPLE]);
    const b = runCli([SAMPLE, '--text']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^ +flat +flat% +sum% +cum +cum%$/m);
  });
  it('--dot writes <stem>.gv into --out-dir; --text --dot does both', () => {
    const dir = tmp();
    const r = runCli([SAMPLE, '--text', '--dot', '--out-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Showing nodes accounting for/);
    expect(readdirSync(dir)).toEqual(['recursion.gv']);
    expect(readFileSync(join(dir, 'recursion.gv'), 'utf8')).toMatch(/^digraph "recursion" \{/);
    expect(r.stderr).toBe(`wrote ${join(dir, 'recursion.gv')}\n`);
  });
  it('stdin: "-" reads the profile, stem is "heap"', () => {
    const dir = tmp();
    const r = runCli(['-', '--dot', '--out-dir', dir, '--quiet'], { input: readFileSync(join(ROOT, SAMPLE)) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(readdirSync(dir)).toEqual(['heap.gv']);
  });
  it('--output - prints the one format on stdout', () => {
    const r = runCli([SAMPLE, '--dot', '--output', '-']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^digraph /);
  });
  it('pprof spellings: -text, -nodecount=3, --sample-index twin', () => {
    const a = runCli([SAMPLE, '-text', '-nodecount=3', '--sample-index=alloc_space']);
    const b = runCli([SAMPLE, '--text', '--nodecount', '3', '--sample_index', 'alloc_space']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^Type: alloc_space$/m);
    expect(a.stdout).toMatch(/^Showing top 3 nodes out of \d+$/m);
  });
  it('the input is never changed', () => {
    const before = readFileSync(join(ROOT, SAMPLE));
    const dir = tmp();
    runCli([SAMPLE, '--dot', '--text', '--out-dir', dir]);
    expect(readFileSync(join(ROOT, SAMPLE)).equals(before)).toBe(true);
  });
});

describe('--help and --version', () => {
  it('--help lists every option with its default', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const [name, spec] of Object.entries(specs())) {
      const line = r.stdout.split('\n').find((l) => l.includes(`--${name}`));
      expect(line, `--help mentions --${name}`).toBeDefined();
      if (spec.type === 'string' || spec.group === 'Report') expect(line, `--${name} shows a default`).toMatch(/\(default: [^)]+\)/);
    }
  });
  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = runCli(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('a closed stdout', () => {
  it('`gen-report … | head -c 8` ends quietly with exit 0', async () => {
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('../helpers/cli.js');
    const child = spawn(process.execPath, [CLI, 'samples/workload/leak.pb.gz', '--png', '-o', '-'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((res) => child.stdout.once('data', () => (child.stdout.destroy(), res())));
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});

describe('--output onto something that is not a regular file', () => {
  it('writes into a FIFO (like /dev/null or /dev/stdout) instead of renaming over it', async () => {
    const { execFileSync, spawn } = await import('node:child_process');
    const { statSync } = await import('node:fs');
    const fifo = join(tmp(), 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString()));
    const r = runCli([SAMPLE, '--dot', '-o', fifo, '--quiet']);
    await new Promise((res) => reader.on('close', res));
    expect(r.code).toBe(0);
    expect(got).toMatch(/^digraph "recursion"/);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });
});
