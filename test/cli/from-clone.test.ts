import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextCommands } from '../../workload/next-command.mjs';
import { ROOT, runCli } from '../helpers/cli.js';

const env = { ...process.env, NO_COLOR: '1', TZ: 'UTC' };
const dot = runCli(['samples/allocs.pb.gz', '--dot', '-o', '-']).stdout;

describe('running the built command from a clone', () => {
  it('`npm run -s report -- … --dot -o - > x.gv`: the graph alone on stdout, no rebuild, no banner', () => {
    const built = () => readdirSync(join(ROOT, 'dist', 'bin')).map((f) => `${f} ${statSync(join(ROOT, 'dist', 'bin', f)).mtimeMs}`);
    const before = built();
    const r = spawnSync('npm', ['run', '-s', 'report', '--', 'samples/allocs.pb.gz', '--dot', '-o', '-'], { cwd: ROOT, env });
    expect(built()).toEqual(before);
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe(dot);
  });
  it('paths are taken from where npm was started (INIT_CWD), not the package root', () => {
    const r = spawnSync('npm', ['run', '-s', '--prefix', ROOT, 'report', '--', 'allocs.pb.gz', '--dot', '-o', '-'], { cwd: join(ROOT, 'samples'), env });
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe(dot);
  });
  it('`npx gen-report` runs this checkout\'s command (npm exec finds the package\'s own bin)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = spawnSync('npx', ['--no-install', 'gen-report', '--version'], { cwd: ROOT, env });
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe(`${pkg.version}\n`);
  });
});

describe('npm run workload ends with the next gen-report command', () => {
  it('the final profile, and the leak ranking when there are snapshots', () => {
    const out = join(ROOT, 'workload', 'out', 'run-go-x');
    const files = ['heap_userleak_1_2026.pb.gz', 'heap_userleak_1_2026.prof', 'heap_userleak_1_snap001.pb.gz', 'heap_userleak_1_snap002.pb.gz', 'live.pb.gz'];
    expect(nextCommands(out, files, ROOT)).toEqual([
      'npx gen-report workload/out/run-go-x/heap_userleak_1_2026.pb.gz --text --html --out-dir workload/out/run-go-x/report',
      'npx gen-report --leaks workload/out/run-go-x/heap_userleak_1_snap001.pb.gz workload/out/run-go-x/heap_userleak_1_snap002.pb.gz --html --out-dir workload/out/run-go-x/report',
    ]);
  });
  it('outside the current folder: absolute paths, quoted when needed', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'gen-report wl-')), 'run');
    expect(nextCommands(out, ['heap_a.pb.gz'], ROOT)).toEqual([`npx gen-report '${out}/heap_a.pb.gz' --text --html --out-dir '${out}/report'`]);
  });
});
