// V8 sampling heap profiles (`node --heap-prof`, DevTools' Allocation sampling, the inspector's
// HeapProfiler.stopSampling): the call tree's self sizes as inuse_space, sampled allocations as
// `samples`; and a leak series of them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { expectInputError } from '../helpers/input-error.js';

const frame = (functionName: string, url = '', lineNumber = -1, columnNumber = -1) => ({ functionName, scriptId: '0', url, lineNumber, columnNumber });
const node = (id: number, name: string, selfSize: number, children: unknown[] = [], url = 'file:///app/main.js') => ({
  callFrame: frame(name, name.startsWith('(') ? '' : url, id, 2),
  selfSize,
  id,
  children,
});

/** (root) → main (100 B) → { a (300 B), b → c (50 B) }; sampled allocations: a, a, c, main. */
const PROFILE = {
  head: node(1, '(root)', 0, [node(2, 'main', 100, [node(3, 'a', 300), node(4, 'b', 0, [node(5, 'c', 50)])])]),
  samples: [
    { size: 150, nodeId: 3, ordinal: 1 },
    { size: 150, nodeId: 3, ordinal: 2 },
    { size: 50, nodeId: 5, ordinal: 3 },
    { size: 100, nodeId: 2, ordinal: 4 },
  ],
};

/** A profile whose call chain is `depth` nodes deep, every node with a self size (as text: too deep for JSON.stringify). */
function deepChain(depth: number): string {
  const open = (id: number) => `{"callFrame":${JSON.stringify(frame(id === 1 ? '(root)' : 'f'))},"selfSize":1,"id":${id},"children":[`;
  let text = '{"head":';
  for (let id = 1; id <= depth; id++) text += open(id);
  return `${text}${']}'.repeat(depth)}}`;
}

function write(p: unknown, name = 'p.heapprofile'): string {
  const f = join(mkdtempSync(join(tmpdir(), 'gen-report-v8h-')), name);
  writeFileSync(f, typeof p === 'string' ? p : JSON.stringify(p));
  return f;
}

const rows = (stdout: string) =>
  stdout
    .split('\n')
    .slice(stdout.split('\n').findIndex((l) => /flat%/.test(l)) + 1)
    .filter(Boolean)
    .map((l) => l.trim().split(/\s+/));

describe('V8 sampling heap profiles', () => {
  it('self sizes are inuse_space, stacks from the tree', () => {
    const r = runCli([write(PROFILE), '--text', '--nodefraction=0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Type: inuse_space$/m);
    // flat, flat%, sum%, cum, cum%, name
    expect(rows(r.stdout).map((c) => [c[0], c[3], c[5]])).toEqual([
      ['300B', '300B', 'a'],
      ['100B', '450B', 'main'],
      ['50B', '50B', 'c'],
      ['0', '50B', 'b'],
    ]);
  });

  it('-sample_index=samples counts the sampled allocations; { profile: … } reads the same', () => {
    const r = runCli([write({ profile: PROFILE }), '--text', '--nodefraction=0', '--sample_index=samples']);
    expect(r.code).toBe(0);
    expect(rows(r.stdout).map((c) => [c[0], c[3], c[5]])).toEqual([
      ['2', '2', 'a'],
      ['1', '1', 'c'],
      ['1', '4', 'main'],
      ['0', '1', 'b'],
    ]);
  });

  it.each([
    ['{"head":{', 'bad V8 heap profile JSON'],
    [JSON.stringify({ head: { id: 1 } }), '"head" is not a node'],
    [JSON.stringify({ ...PROFILE, samples: [{ size: 1, nodeId: 9, ordinal: 1 }] }), 'a sample names an unknown node 9'],
    [JSON.stringify({ head: node(1, '(root)', 0, [node(2, 'x', 1), node(2, 'y', 1)]) }), 'node id 2 appears twice'],
    [JSON.stringify({ head: node(1, '(root)', 0, [{ id: 3 }]) }), 'a node without a callFrame'],
    [deepChain(10_002), 'a stack deeper than 10000 frames'],
    // Two of 1e308 bytes summed to Infinity: "InfinityPB total".
    [JSON.stringify({ head: node(1, '(root)', 0, [node(2, 'x', 1e308), node(3, 'y', 1e308)]) }), 'node 2 has a selfSize beyond 2^53 bytes'],
  ])('bad input %#: one line naming the problem, exit 2', (text, problem) => expectInputError(text, 'p.heapprofile', problem));

  it('a growing program sampled three times: --leaks names the growing function', () => {
    // Three snapshots of a program that keeps what `grow` allocates (and frees what `churn` does).
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-v8h-series-'));
    const script = `
      const { Session } = require('node:inspector');
      const fs = require('node:fs');
      const s = new Session(); s.connect();
      const keep = [];
      function grow() { for (let i = 0; i < 500; i++) keep.push(new Array(500).fill(i)); }
      function churn() { let t = []; for (let i = 0; i < 500; i++) t.push(new Array(500).fill(i)); return t.length; }
      s.post('HeapProfiler.startSampling', { samplingInterval: 8192 }, () => {
        let n = 0;
        const snap = () => s.post('HeapProfiler.getSamplingProfile', (e, r) => {
          fs.writeFileSync(${JSON.stringify(dir)} + '/snap' + n + '.heapprofile', JSON.stringify(r.profile));
          if (++n < 3) { grow(); churn(); globalThis.gc && gc(); snap(); }
        });
        grow(); snap();
      });`;
    const run = spawnSync(process.execPath, ['--expose-gc', '-e', script]);
    expect(run.status).toBe(0);
    const files = readdirSync(dir).sort().map((f) => join(dir, f));
    expect(files).toHaveLength(3);
    const r = runCli(['--leaks', '--text', ...files]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const byFunction = lines.slice(lines.indexOf('By function:') + 2);
    expect(byFunction[0]).toMatch(/^\s+1\s.*growing steadily\s+grow$/);
    expect(lines.find((l) => /growing steadily\s+churn$/.test(l))).toBeUndefined();
  });
});
