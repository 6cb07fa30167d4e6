// V8 CPU profiles (`node --cpu-prof`, Chrome DevTools): the call tree, ticks and time deltas read as
// DevTools reads them, and gen-report reading a profile of its own run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { expectInputError } from '../helpers/input-error.js';

const frame = (functionName: string, url = '', lineNumber = -1, columnNumber = -1) => ({ functionName, scriptId: '0', url, lineNumber, columnNumber });

/** root → main → {a, an unnamed function}, and (idle); ticks a, a, unnamed, main, idle, a. */
function profile(over: Record<string, unknown> = {}) {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)'), hitCount: 0, children: [2, 5] },
      { id: 2, callFrame: frame('main', 'file:///app/main.js', 0, 0), hitCount: 1, children: [3, 4] },
      { id: 3, callFrame: frame('a', 'file:///app/lib.js', 9, 4), hitCount: 3 },
      { id: 4, callFrame: frame('', 'file:///app/lib.js', 19, 2), hitCount: 1 },
      { id: 5, callFrame: frame('(idle)'), hitCount: 1 },
    ],
    startTime: 1000,
    endTime: 1800,
    samples: [3, 3, 4, 2, 5, 3],
    // Ticks at 1010, 1060, 1160, 1360, 1760, 1785 µs: each lasts until the next, the last until 1800.
    timeDeltas: [10, 50, 100, 200, 400, 25],
    ...over,
  };
}

function write(p: unknown, name = 'p.cpuprofile', gzip = false): string {
  const f = join(mkdtempSync(join(tmpdir(), 'gen-report-v8-')), name);
  const text = typeof p === 'string' ? p : JSON.stringify(p);
  writeFileSync(f, gzip ? gzipSync(text) : text);
  return f;
}

const rows = (stdout: string) => stdout.split('\n').slice(stdout.split('\n').findIndex((l) => /flat%/.test(l)) + 1).filter(Boolean);

describe('V8 CPU profiles', () => {
  it('a tick lasts until the next one; stacks from the tree; unnamed functions told apart by position and file', () => {
    const r = runCli([write(profile()), '--text', '--nodefraction=0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['Type: wall', 'Duration: 800us, Total samples = 790us (98.75%)', 'Showing nodes accounting for 790us, 100% of 790us total']);
    expect(rows(r.stdout)).toEqual([
      '     400us 50.63% 50.63%      765us 96.84%  main',
      '     200us 25.32% 75.95%      200us 25.32%  (anonymous:L#20:C#3) app/lib.js',
      '     165us 20.89% 96.84%      165us 20.89%  a',
      '      25us  3.16%   100%       25us  3.16%  (idle)',
    ]);
  });

  it('-sample_index=samples counts ticks; gzip is read too', () => {
    const r = runCli([write(profile(), 'p.cpuprofile.gz', true), '--text', '--sample_index=samples']);
    expect(r.code).toBe(0);
    expect(rows(r.stdout)).toEqual([
      '         3 50.00% 50.00%          3 50.00%  a',
      '         1 16.67% 66.67%          1 16.67%  (anonymous:L#20:C#3) app/lib.js',
      '         1 16.67% 83.33%          1 16.67%  (idle)',
      '         1 16.67%   100%          5 83.33%  main',
    ]);
  });

  it("the inspector's Profiler.stop answer, saved as is ({ profile: … }), reads the same", () => {
    const r = runCli([write({ profile: profile() }), '--text', '--nodefraction=0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(runCli([write(profile()), '--text', '--nodefraction=0']).stdout);
  });

  it('ticks recorded out of order are put in time order first', () => {
    // Ticks at 1010 (a) and 1005 (unnamed): the unnamed one lasts 5 µs, a until endTime, 10 µs.
    const r = runCli([write(profile({ samples: [3, 4], timeDeltas: [10, -5], endTime: 1020 })), '--text', '--nodefraction=0']);
    expect(r.code).toBe(0);
    expect(rows(r.stdout).map((l) => l.trim().split(/\s+/).slice(0, 1).concat(l.trim().split(/\s{2,}/).pop()!))).toEqual([
      ['10us', 'a'],
      ['5us', '(anonymous:L#20:C#3) app/lib.js'],
      ['0', 'main'],
    ]);
  });

  it.each([
    ['{"nodes":[', 'bad V8 CPU profile JSON'],
    [JSON.stringify(profile({ samples: [9], timeDeltas: [1] })), 'a sample names an unknown node 9'],
    [JSON.stringify(profile({ samples: [3] })), '"samples" and "timeDeltas" must be arrays of the same length'],
    [JSON.stringify({ ...profile(), nodes: [{ id: 1, callFrame: frame('x'), children: [2] }, { id: 2, callFrame: frame('y'), children: [1] }], samples: [2], timeDeltas: [1] }), 'the node tree has a cycle'],
    [JSON.stringify({ ...profile(), nodes: [{ id: 1, callFrame: frame('x'), children: [3] }, { id: 2, callFrame: frame('y'), children: [3] }, { id: 3, callFrame: frame('z') }], samples: [3], timeDeltas: [1] }), 'node 3 has two parents'],
    [JSON.stringify({ ...profile(), nodes: [{ id: 1, callFrame: frame('x'), children: [7] }] }), 'node 1 has an unknown child 7'],
    [JSON.stringify({ ...profile(), nodes: [{ id: 1, callFrame: { functionName: 'x' } }] }), 'a node without an id or a complete callFrame'],
    // 1e308 µs: the tick's time (×1000 ns) was Infinity, the report "Infinityhrs", "NaN%".
    [JSON.stringify(profile({ endTime: 1e308 })), '"startTime", "endTime" and "timeDeltas" must be microseconds within ±2^53'],
    [JSON.stringify(profile({ timeDeltas: [10, -1e308, 100, 200, 400, 25] })), '"startTime", "endTime" and "timeDeltas" must be microseconds within ±2^53'],
    [JSON.stringify({ ...profile(), nodes: Array.from({ length: 10_002 }, (_, i) => ({ id: i + 1, callFrame: frame('f'), children: i < 10_001 ? [i + 2] : [] })), samples: [10_002], timeDeltas: [1] }), 'a stack deeper than 10000 frames'],
  ])('bad input %#: one line naming the problem, exit 2', (text, problem) => expectInputError(text, 'p.cpuprofile', problem));

  it('the output stem drops .cpuprofile', () => {
    const f = write(profile(), 'run.cpuprofile');
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-v8-out-'));
    const r = runCli([f, '--dot', '--out-dir', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['run.gv']);
    expect(readFileSync(join(dir, 'run.gv'), 'utf8')).toMatch(/label = "main\\n400us \(50\.63%\)\\nof 765us \(96\.84%\)";/);
  });

  // The sampler thread may miss a function that runs for a millisecond when the machine is loaded
  // (the 2,000-sample profile keeps each step on the stack for longer than a tiny one did):
  // retried, so only a run that never shows the pipeline fails.
  it("reads `node --cpu-prof`'s profile of its own run", { retry: 2 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-cpuprof-'));
    const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '50', '--cpu-prof-dir', dir, CLI, 'samples/generated/heap-2000.pb.gz', '--text'], { cwd: join(CLI, '../../..') });
    expect(run.status).toBe(0);
    const [prof] = readdirSync(dir);
    const r = runCli([join(dir, prof!), '--text', '--nodefraction=0', '--nodecount=400']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Type: wall$/m);
    const names = rows(r.stdout).map((l) => l.trim().split(/\s{2,}/).pop());
    // Its own pipeline, by name (on the stack for milliseconds, sampled every 50 µs): the protobuf
    // decoder, the trimmed graph, the text printer.
    for (const fn of ['decodeArrived', 'analyze', 'renderText']) expect(names).toContain(fn);
  });
});
