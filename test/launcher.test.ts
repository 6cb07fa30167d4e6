// The shipped command (scripts/bundle.mjs): dist/bin/cli.js compiles the one-file bundle with the
// V8 code cache made at build time. The cache must be one this Node takes (else it is dead weight),
// and a cache it does not take must change nothing but the time.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from './helpers/cli.js';

const BIN = join(ROOT, 'dist/bin');
const LEAK = 'samples/workload/leak.pb.gz';
// A copy of the command inside dist/ (so package.json, templates/ and node_modules are found upwards as from dist/bin).
const copy = join(ROOT, 'dist', `bin-test-${process.pid}`);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

const run = (cli: string, args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('the launcher and its code cache', () => {
  it('ships one bundle, its cache, the worker, and a launcher naming both', () => {
    const files = readdirSync(BIN).sort();
    const main = files.filter((f) => /^main-[A-Z0-9]+\.js$/.test(f));
    expect(main).toHaveLength(1);
    expect(files).toEqual(['cli.js', 'layout-worker.mjs', main[0]!.replace(/\.js$/, '.cache'), main[0]!, 'package.json'].sort());
    const launcher = readFileSync(CLI, 'utf8');
    expect(launcher.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(launcher).toContain(`'${main[0]}'`);
    expect(launcher).toContain(`'${main[0]!.replace(/\.js$/, '.cache')}'`);
  });
  it('this Node takes the cache (--debug says nothing about it)', () => {
    const r = runCli([LEAK, '--text', '--debug']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/code cache/);
  });
  it('a cache V8 refuses, or none: the same report, compiled from source', () => {
    const ref = runCli([LEAK, '--text', '--nodecount=8']);
    cpSync(BIN, copy, { recursive: true });
    const cache = readdirSync(copy).find((f) => f.endsWith('.cache'))!;
    const bytes = readFileSync(join(copy, cache));
    bytes[8] = bytes[8]! ^ 0xff; // the header's source hash
    writeFileSync(join(copy, cache), bytes);
    const bad = run(join(copy, 'cli.js'), [LEAK, '--text', '--nodecount=8', '--debug']);
    expect(bad.stderr).toBe(`gen-report: V8 did not take code cache ${join(copy, cache)} (Node ${process.version}): compiled from source\n`);
    expect(bad.code).toBe(0);
    expect(bad.stdout).toBe(ref.stdout);
    rmSync(join(copy, cache));
    const none = run(join(copy, 'cli.js'), [LEAK, '--text', '--nodecount=8']);
    expect(none.stderr).toBe('');
    expect(none.stdout).toBe(ref.stdout);
  });
});
