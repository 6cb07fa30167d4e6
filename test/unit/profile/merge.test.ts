import { describe, expect, it } from 'vitest';
import { subtractBase } from '../../../src/profile/diff.js';
import { UserError } from '../../../src/errors.js';
import { mergeProfiles } from '../../../src/profile/merge.js';
import { runCli } from '../../helpers/cli.js';
import { parseDot } from '../../helpers/dot-parse.js';
import { stackSums, synthProfile } from '../../helpers/synthetic-profile.js';

describe('mergeProfiles (pprof profile.Merge after ScaleProfiles)', () => {
  it('sums samples with equal stacks and labels, keeps different ones apart, dedups tables', () => {
    const a = synthProfile([
      { stack: ['main.alloc', 'main.main'], values: [2, 200] },
      { stack: ['main.other', 'main.main'], values: [1, 50] },
    ]);
    const b = synthProfile([
      { stack: ['main.alloc', 'main.main'], values: [3, 300] },
      { stack: ['main.alloc', 'main.main'], values: [1, 10], labels: { k: ['v'] } },
    ]);
    const m = mergeProfiles([a, b]);
    expect(stackSums(m, 1)).toEqual({
      'main.alloc<main.main': 500,
      'main.other<main.main': 50,
      'main.alloc<main.main {"k":["v"]}': 10,
    });
    expect(m.samples.count).toBe(3);
    expect(m.functions.map((f) => f.name).sort()).toEqual(['main.alloc', 'main.main', 'main.other']);
    expect(m.locations).toHaveLength(3);
    expect(m.meta.format).toBe('merged');
  });

  it('keeps stacks apart past 65536 locations (keys hold 32-bit ids)', () => {
    const samples = Array.from({ length: 66_000 }, (_, i) => ({ stack: [`f${i}`, 'main'], values: [1, i + 1] }));
    const p = synthProfile(samples);
    const m = mergeProfiles([p, p]);
    expect(m.samples.count).toBe(66_000);
    const sums = stackSums(m, 1);
    expect(sums['f65999<main']).toBe(2 * 66_000);
    expect(sums['f65535<main']).toBe(2 * 65_536);
    expect(sums['f0<main']).toBe(2);
  });

  it("header: pprof's time rule, summed durations, largest period, deduplicated comments", () => {
    const p = (t: number, d: number, period: number, comments: string[]) =>
      synthProfile([{ stack: ['f'], values: [1, 1] }], { timeNanos: t, durationNanos: d, period, comments });
    const m = mergeProfiles([p(5e18, 10, 100, ['x']), p(3e18, 20, 300, ['x', 'y']), p(4e18, 5, 200, [])]);
    expect(m.timeNanos).toBe(3e18);
    expect(m.durationNanos).toBe(35);
    expect(m.period).toBe(300);
    expect(m.comments).toEqual(['x', 'y']);
    // pprof: a zero time is replaced by the next one, but a later zero wins (0 < t).
    expect(mergeProfiles([p(0, 0, 1, []), p(7, 0, 1, [])]).timeNanos).toBe(7);
    expect(mergeProfiles([p(7, 0, 1, []), p(0, 0, 1, [])]).timeNanos).toBe(0);
  });

  it('drops samples that cancel out, and the locations only they used', () => {
    const a = synthProfile([
      { stack: ['gone'], values: [1, 100] },
      { stack: ['kept'], values: [1, 100] },
    ]);
    const b = synthProfile([{ stack: ['gone'], values: [-1, -100] }]);
    const m = mergeProfiles([a, b]);
    expect(stackSums(m, 1)).toEqual({ kept: 100 });
    expect(m.functions.map((f) => f.name)).toEqual(['kept']);
  });

  it('brings units to the finest one (kilobytes + bytes → bytes), Go rounding', () => {
    const kb = synthProfile([{ stack: ['f'], values: [1, 3] }], {
      sampleTypes: [
        { type: 'inuse_objects', unit: 'count' },
        { type: 'inuse_space', unit: 'kilobytes' },
      ],
    });
    const b = synthProfile([{ stack: ['f'], values: [1, 5] }]);
    const m = mergeProfiles([kb, b]);
    expect(m.sampleTypes[1]).toEqual({ type: 'inuse_space', unit: 'bytes' });
    expect(stackSums(m, 1)).toEqual({ f: 3 * 1024 + 5 });
  });

  it('refuses incompatible profiles with the names and the reason', () => {
    const go = synthProfile([{ stack: ['f'], values: [1, 1] }], { source: 'go.pb.gz' });
    const node = synthProfile([{ stack: ['f'], values: [1, 1] }], { source: 'node.pb.gz', periodType: { type: 'inuse_space', unit: 'bytes' } });
    expect(() => mergeProfiles([go, node])).toThrow(UserError);
    expect(() => mergeProfiles([go, node])).toThrow(
      'cannot merge go.pb.gz, node.pb.gz: period type: incompatible types: {space bytes} {inuse_space bytes}',
    );
    const cpu = synthProfile([{ stack: ['f'], values: [1] }], { source: 'cpu.pb.gz', sampleTypes: [{ type: 'samples', unit: 'count' }] });
    expect(() => mergeProfiles([go, cpu])).toThrow('inconsistent samples type count: 2 != 1');
    const other = synthProfile([{ stack: ['f'], values: [1, 1] }], {
      sampleTypes: [
        { type: 'alloc_objects', unit: 'count' },
        { type: 'alloc_space', unit: 'bytes' },
      ],
    });
    expect(() => mergeProfiles([go, other])).toThrow('sample types: incompatible types: {inuse_objects count} {alloc_objects count}');
  });
});

describe('subtractBase (pprof fetch.go)', () => {
  const now = synthProfile([
    { stack: ['grow'], values: [10, 1000] },
    { stack: ['same'], values: [1, 100] },
  ]);
  const base = synthProfile([
    { stack: ['grow'], values: [2, 200] },
    { stack: ['same'], values: [1, 100] },
    { stack: ['gone'], values: [1, 50] },
  ]);

  it('--base: equal stacks cancel, the rest is signed', () => {
    const d = subtractBase(now, base, { diff: false, normalize: false });
    expect(stackSums(d, 1)).toEqual({ grow: 800, gone: -50 });
    expect(d.meta.comparison).toEqual({ kind: 'base', baseSources: ['synthetic'], normalized: false, baseTotals: [4, 350] });
  });

  it('--diff_base: base samples keep the pprof::base label and stay apart', () => {
    const d = subtractBase(now, base, { diff: true, normalize: false });
    expect(stackSums(d, 1)).toEqual({
      grow: 1000,
      same: 100,
      'grow {"pprof::base":["true"]}': -200,
      'same {"pprof::base":["true"]}': -100,
      'gone {"pprof::base":["true"]}': -50,
    });
  });

  it('--normalize scales the profile to the base total before subtracting', () => {
    // base total 350 bytes, profile 1100: ratio 350/1100.
    const d = subtractBase(now, base, { diff: false, normalize: true });
    const s = stackSums(d, 1);
    expect(s['grow']).toBe(Math.round((1000 * 350) / 1100) - 200);
    expect(s['same']).toBe(Math.round((100 * 350) / 1100) - 100);
  });
});

describe('CLI: several sources, base errors', () => {
  it('incompatible sources: one line, exit 2, nothing on stdout', () => {
    const r = runCli(['samples/workload/leak.pb.gz', 'samples/workload/node/leak.pb.gz', '--text']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'gen-report: cannot merge samples/workload/leak.pb.gz, samples/workload/node/leak.pb.gz: period type: incompatible types: {space bytes} {inuse_space bytes}',
    ]);
  });

  it('refuses --base with --diff_base, and --normalize without a base', () => {
    for (const args of [
      ['samples/workload/leak.pb.gz', '-base=samples/workload/fixed.pb.gz', '-diff_base=samples/workload/fixed.pb.gz'],
      ['samples/workload/leak.pb.gz', '-normalize'],
    ]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a repeated --base: the last one wins, as in pprof, with a warning', () => {
    const one = runCli(['samples/workload/series/leak-008.pb.gz', '-text', '-base=samples/workload/series/leak-002.pb.gz']);
    const two = runCli([
      'samples/workload/series/leak-008.pb.gz',
      '-text',
      '-base=samples/workload/series/leak-001.pb.gz',
      '-base=samples/workload/series/leak-002.pb.gz',
    ]);
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toMatch(/warning: --base given 2 times: using the last one/);
  });

  it('diff DOT: growth is red, shrinkage green', () => {
    const fill = (args: string[]) => {
      const r = runCli([...args, '--dot', '-o', '-']);
      expect(r.code).toBe(0);
      const node = [...parseDot(r.stdout).nodes.values()].find((a) => a['tooltip']?.startsWith('main.query ('))!;
      const c = node['fillcolor']!.replace(/^"|"$/g, '');
      return { red: parseInt(c.slice(1, 3), 16), green: parseInt(c.slice(3, 5), 16) };
    };
    // leak-001 minus leak-006: main.query shrank → green (pprof's dotColor for a negative score).
    const shrank = fill(['samples/workload/series/leak-001.pb.gz', '-diff_base=samples/workload/series/leak-006.pb.gz']);
    expect(shrank.green).toBeGreaterThan(shrank.red);
    const grew = fill(['samples/workload/series/leak-006.pb.gz', '-diff_base=samples/workload/series/leak-001.pb.gz']);
    expect(grew.red).toBeGreaterThan(grew.green);
  });
});

describe('diffFrameTree (per-frame signed values for a differential flame graph)', () => {
  it('keeps before/after apart with --diff_base, exact deltas with --base', async () => {
    const { diffFrameTree } = await import('../../../src/compare/frame-diff.js');
    const now = synthProfile([
      { stack: ['grow', 'main'], values: [1, 1000] },
      { stack: ['same', 'main'], values: [1, 100] },
    ]);
    const base = synthProfile([
      { stack: ['grow', 'main'], values: [1, 200] },
      { stack: ['same', 'main'], values: [1, 100] },
      { stack: ['gone', 'main'], values: [1, 50] },
    ]);
    const d = diffFrameTree(subtractBase(now, base, { diff: true, normalize: false }), 1);
    const main = d.children.find((c) => c.name === 'main')!;
    expect(main).toMatchObject({ before: 350, after: 1100, delta: 750, selfDelta: 0 });
    const byName = Object.fromEntries(main.children.map((c) => [c.name, c]));
    expect(byName['grow']).toMatchObject({ before: 200, after: 1000, delta: 800, selfDelta: 800 });
    expect(byName['same']).toMatchObject({ before: 100, after: 100, delta: 0 });
    expect(byName['gone']).toMatchObject({ before: 50, after: 0, delta: -50 });
    const plain = diffFrameTree(subtractBase(now, base, { diff: false, normalize: false }), 1);
    expect(plain.delta).toBe(750);
    expect(plain.children[0]!.children.map((c) => c.name).sort()).toEqual(['gone', 'grow']);
  });
});
