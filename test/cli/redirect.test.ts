import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

const SAMPLE = `${ROOT}samples/allocs.pb.gz`;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `gen-report ARGS > dir/file`, run in `dir`: stdout is a regular file, as with a shell redirection. */
function redirected(dir: string, file: string, args: string[]): { code: number | null; stderr: string; out: Buffer } {
  const fd = openSync(join(dir, file), 'w');
  try {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', fd, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    return { code: r.status, stderr: r.stderr.toString('utf8'), out: readFileSync(join(dir, file)) };
  } finally {
    closeSync(fd);
  }
}

const hasDot = spawnSync('dot', ['-V']).status === 0;

describe("pprof's redirection rule: one file format and stdout a regular file", () => {
  it.skipIf(!hasDot)('`--dot > heap.gv && dot -Tpng heap.gv > heap.png` makes a valid PNG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-redirect-'));
    const r = redirected(dir, 'heap.gv', [SAMPLE, '--dot']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.out.toString('utf8')).toMatch(/^digraph "allocs" \{/);
    expect(readdirSync(dir)).toEqual(['heap.gv']);
    const fd = openSync(join(dir, 'heap.png'), 'w');
    const d = spawnSync('dot', ['-Tpng', 'heap.gv'], { cwd: dir, stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    expect(d.status).toBe(0);
    const png = readFileSync(join(dir, 'heap.png'));
    expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(png.length).toBeGreaterThan(1000);
  });
  it('`--png > heap.png` is a valid PNG (no Graphviz needed), no other file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-redirect-'));
    const r = redirected(dir, 'heap.png', [SAMPLE, '--png']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.out.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(r.out.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(readdirSync(dir)).toEqual(['heap.png']);
  });
  it('`--svg > heap.svg` is the SVG', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-redirect-'));
    const r = redirected(dir, 'heap.svg', [SAMPLE, '--svg']);
    expect(r.code).toBe(0);
    expect(r.out.toString('utf8')).toMatch(/^<\?xml[^]*<svg[^]*<\/svg>\s*$/);
    expect(readdirSync(dir)).toEqual(['heap.svg']);
  });
  it('with --out-dir, or two formats, files are written as before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-redirect-'));
    const a = redirected(dir, 'log.txt', [SAMPLE, '--dot', '--out-dir', 'out']);
    expect(a.code).toBe(0);
    expect(a.out.toString('utf8')).toBe('');
    expect(a.stderr).toBe('wrote out/allocs.gv\n');
    const b = redirected(dir, 'log2.txt', [SAMPLE, '--dot', '--svg']);
    expect(b.code).toBe(0);
    expect(b.out.toString('utf8')).toBe('');
    expect(b.stderr).toBe('wrote allocs.gv\nwrote allocs.svg\n');
  });
  it('in a pipe (CI logs) the file is written as before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-redirect-'));
    const r = runCli([SAMPLE, '--dot'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('wrote allocs.gv\n');
    expect(existsSync(join(dir, 'allocs.gv'))).toBe(true);
  });
});

describe('binary formats never go to a terminal', () => {
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('`--png -o -` on a terminal is refused with one line, exit 2', () => {
    // util-linux `script` gives the command a pseudo-terminal as stdout.
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} ${SAMPLE} --png -o - --quiet`, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    const out = r.stdout.toString('utf8').replace(/\r/g, '');
    expect(r.status).toBe(2);
    expect(out).toBe('gen-report: --png is binary: not printed on a terminal (redirect it, > allocs.png, or give --output FILE)\n');
  });
});
