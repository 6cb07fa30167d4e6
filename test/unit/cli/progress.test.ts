import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress, isCI, type ProgressOptions } from '../../../src/cli/progress.js';
import { CLI, ROOT, runCli } from '../../helpers/cli.js';

function capture(o: Partial<ProgressOptions>) {
  let out = '';
  const p = createProgress({ write: (s) => (out += s), isTTY: true, colors: false, quiet: false, env: {}, ...o });
  p.step('loading x.pb.gz');
  p.step('laying out');
  p.done();
  p.done();
  return { p, out };
}

describe('progress on stderr', () => {
  it('on a terminal: one status line rewritten in place, then cleared', () => {
    const { p, out } = capture({});
    expect(p.enabled).toBe(true);
    expect(out).toBe('\r\x1b[Kgen-report: loading x.pb.gz…\r\x1b[Kgen-report: laying out…\r\x1b[K');
  });
  it('dim when the terminal takes colours', () => {
    expect(capture({ colors: true }).out).toContain('\x1b[2mgen-report: laying out…\x1b[22m');
  });
  it('silent when not a terminal, with --quiet, in CI, or on a dumb terminal', () => {
    expect(capture({ isTTY: false }).out).toBe('');
    expect(capture({ quiet: true }).out).toBe('');
    expect(capture({ env: { CI: 'true' } }).out).toBe('');
    expect(capture({ env: { TERM: 'dumb' } }).out).toBe('');
  });
  it('CI detection: CI set to anything but "", 0, false', () => {
    expect(['true', '1', 'yes', 'woodpecker'].map((v) => isCI({ CI: v }))).toEqual([true, true, true, true]);
    expect(['', '0', 'false', 'FALSE'].map((v) => isCI({ CI: v }))).toEqual([false, false, false, false]);
    expect(isCI({})).toBe(false);
  });
  it('not a terminal (pipes, CI logs): only the "wrote" lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-progress-'));
    const r = runCli(['samples/recursion.pb.gz', '--dot', '--json', '--out-dir', dir], { env: { CI: '' } });
    expect(r.stderr).toBe(`wrote ${join(dir, 'recursion.gv')}\nwrote ${join(dir, 'recursion.json')}\n`);
  });
});

// The real thing: the built CLI under a pseudo-terminal (util-linux `script`, part of Debian's base system).
const hasScript = spawnSync('script', ['--version']).status === 0;
describe.skipIf(!hasScript)('under a real terminal', () => {
  const onTty = (env: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-progress-'));
    const cmd = `${process.execPath} ${CLI} samples/recursion.pb.gz --dot --out-dir ${dir}`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env: { PATH: process.env['PATH'], TERM: 'xterm', ...env } });
    return r.stdout.toString('utf8');
  };
  it('shows progress, then the "wrote" line on a clean line', () => {
    const out = onTty({ NO_COLOR: '1' });
    expect(out).toContain('\r\x1b[Kgen-report: loading samples/recursion.pb.gz…');
    expect(out).toMatch(/\r\x1b\[Kwrote \/.*recursion\.gv\r?\n/);
  });
  it('NO_COLOR: no colour codes; FORCE_COLOR=1: dim status', () => {
    expect(onTty({ NO_COLOR: '1' })).not.toContain('\x1b[2m');
    expect(onTty({ FORCE_COLOR: '1' })).toContain('\x1b[2mgen-report: loading');
  });
  it('silent in CI even on a terminal', () => {
    expect(onTty({ CI: 'true' })).not.toContain('gen-report: loading');
  });
});
