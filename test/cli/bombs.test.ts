// Crafted profiles that broke the command: a flood of comments (stack overflow, internal error),
// sample values beyond 2^53 (silently rounded). Each is made on the spot by bench/bombs.ts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bombProfile } from '../../dist/bench/bombs.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gr-bombs-'));
const write = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};

describe('comment floods', () => {
  // 130,000 one-letter comments: a few hundred bytes of gzip.
  const small = write('comments.pb.gz', gzipSync(bombProfile({ comments: Array.from({ length: 130_000 }, () => 'c') })));

  it.each(['--text', '--traces', '--tree'])('130,000 comments, %s: every comment printed, no stack overflow', (flag) => {
    const r = runCli([small, flag]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l === 'c')).toHaveLength(130_000);
  });

  it('130,000 comments, --html: the page shows the first 1000 and says how many were left out', () => {
    const out = join(dir, 'comments.html');
    const r = runCli([small, '--html', '-o', out]);
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<li>129,000 more comments of the profile were left out of this page; --text prints them all.</li>');
  });

  it('1M comments, --text and --svg: no internal error', () => {
    const input = write('million.pb.gz', gzipSync(bombProfile({ comments: Array.from({ length: 1_000_000 }, (_, i) => `comment ${i % 10}`) })));
    const text = runCli([input, '--text']);
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    const out = join(dir, 'million.svg');
    const svg = runCli([input, '--svg', '-o', out]);
    expect(svg.stderr).toBe(`wrote ${out}\n`);
    expect(svg.code).toBe(0);
  }, 60_000);
});

describe('sample values beyond 2^53', () => {
  it('are reported with a warning (pprof keeps int64, we keep doubles)', () => {
    const input = write('huge.pb', bombProfile({ value: 2n ** 60n + 1n }));
    const r = runCli([input, '--text']);
    expect(r.stderr).toBe(
      `gen-report: warning: ${input}: 2 sample values exceed 2^53 (the largest 1.153e+18): they are kept to about 16 significant digits, where pprof keeps all of an int64's\n`,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1024PB');
  });

  it('values within 2^53 give no warning', () => {
    const input = write('fine.pb', bombProfile({ value: 2 ** 53 - 1 }));
    const r = runCli([input, '--text']);
    expect(r.stderr).toBe('');
  });
});
