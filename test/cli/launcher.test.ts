// The shipped command (scripts/bundle.mjs): dist/bin/cli.js compiles the one-file bundle with a V8
// code cache made on this machine by the first run (only the V8 that made a cache takes it, so none
// ships). A cache it does not take, or a folder it cannot write, must change nothing but the time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

const BIN = join(ROOT, 'dist/bin');
const LEAK = 'samples/workload/leak.pb.gz';
const MAIN = readdirSync(BIN).find((f) => /^main-[A-Z0-9]+\.js$/.test(f))!;
const cacheName = (kind: string) => `${MAIN.replace(/\.js$/, '')}-${kind}-v8-${process.versions.v8}-${process.arch}.cache`;
const CACHE_NAME = cacheName('text');

const run = (args: string[], env: Record<string, string | undefined>) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const listing = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

describe('the launcher and its code cache', () => {
  it('ships one bundle, the two workers and a launcher naming the bundle, and no code cache', () => {
    expect(readdirSync(BIN).sort()).toEqual(['background-worker.mjs', 'cli.js', 'layout-worker.mjs', MAIN, 'package.json'].sort());
    const launcher = readFileSync(CLI, 'utf8');
    expect(launcher.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(launcher).toContain(`'${MAIN}'`);
  });
  it('the first report writes the cache into $XDG_CACHE_HOME/gen-report; the next takes it', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'gen-report-xdg-'));
    const cache = join(xdg, 'gen-report', CACHE_NAME);
    const ref = runCli([LEAK, '--text', '--nodecount=8']);
    const first = run([LEAK, '--text', '--nodecount=8', '--debug'], { XDG_CACHE_HOME: xdg });
    expect(first.stderr).toBe(`gen-report: no code cache ${cache} (Node ${process.version}): compiled from source\n`);
    expect(first.stdout).toBe(ref.stdout);
    expect(listing(join(xdg, 'gen-report'))).toEqual([CACHE_NAME]);
    const second = run([LEAK, '--text', '--nodecount=8', '--debug'], { XDG_CACHE_HOME: xdg });
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(ref.stdout);
  });
  it('without XDG_CACHE_HOME: ~/.cache/gen-report, one cache per set of formats; --version and refused command lines write none', () => {
    const home = mkdtempSync(join(tmpdir(), 'gen-report-home-'));
    expect(run(['--version'], { HOME: home, XDG_CACHE_HOME: undefined }).code).toBe(0);
    expect(run(['--no-such-option'], { HOME: home, XDG_CACHE_HOME: undefined }).code).toBe(2);
    expect(listing(join(home, '.cache', 'gen-report'))).toEqual([]);
    expect(run([LEAK, '--dot', '--output', join(home, 'x.gv')], { HOME: home, XDG_CACHE_HOME: 'relative/is/ignored' }).code).toBe(0);
    expect(listing(join(home, '.cache', 'gen-report'))).toEqual([cacheName('dot')]);
    // Another set of formats: its own cache (a --dot run's has none of --json's or --text's code).
    expect(run([LEAK, '--text', '-json=' + join(home, 'x.json')], { HOME: home, XDG_CACHE_HOME: undefined }).code).toBe(0);
    expect(listing(join(home, '.cache', 'gen-report')).sort()).toEqual([cacheName('dot'), cacheName('json+text')].sort());
  });
  it('a cache V8 refuses is compiled around and written again; an unwritable folder changes nothing', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'gen-report-xdg-'));
    const cache = join(xdg, 'gen-report', CACHE_NAME);
    const ref = runCli([LEAK, '--text', '--nodecount=8']);
    run([LEAK, '--text'], { XDG_CACHE_HOME: xdg });
    const bytes = readFileSync(cache);
    bytes[8] = bytes[8]! ^ 0xff; // the header's source hash
    writeFileSync(cache, bytes);
    const bad = run([LEAK, '--text', '--nodecount=8', '--debug'], { XDG_CACHE_HOME: xdg });
    expect(bad.stderr).toBe(`gen-report: V8 did not take code cache ${cache} (Node ${process.version}): compiled from source\n`);
    expect(bad.code).toBe(0);
    expect(bad.stdout).toBe(ref.stdout);
    expect(readFileSync(cache).equals(bytes)).toBe(false);
    expect(run([LEAK, '--text', '--debug'], { XDG_CACHE_HOME: xdg }).stderr).toBe('');
    // A file where the folder should be: no cache, no message, the same report.
    const file = join(xdg, 'not-a-folder');
    writeFileSync(file, '');
    const ro = run([LEAK, '--text', '--nodecount=8'], { XDG_CACHE_HOME: file });
    expect(ro.stderr).toBe('');
    expect(ro.code).toBe(0);
    expect(ro.stdout).toBe(ref.stdout);
  });
});
