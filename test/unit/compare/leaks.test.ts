import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeLeaks, orderSeries } from '../../../src/compare/leaks.js';
import { trendOf } from '../../../src/compare/trend.js';
import { parseProfile } from '../../../src/ingest/parse.js';
import { sparklineSvg } from '../../../src/report/summaries/sparkline.js';
import { ROOT, runCli } from '../../helpers/cli.js';
import { synthProfile } from '../../helpers/synthetic-profile.js';

const MIN = 60e9;
const T0 = 1.7e18;

/** A series of n snapshots one minute apart; site name → its in-use bytes per snapshot. */
function series(sites: Record<string, number[]>, n: number) {
  return Array.from({ length: n }, (_, k) =>
    synthProfile(
      Object.entries(sites).map(([name, vs]) => ({ stack: [name, 'main.main'], values: [Math.round(vs[k]! / 64), vs[k]!] })),
      { timeNanos: T0 + k * MIN, source: `snap-${k}` },
    ),
  );
}

describe('leak verdicts on synthetic series', () => {
  const K = 1024;
  const sites = {
    'app.steady': [100, 150, 205, 250, 300, 352, 400, 450].map((v) => v * K),
    'app.step': [100, 100, 400, 400, 400, 400, 400, 400].map((v) => v * K),
    'app.noise': [100, 300, 120, 280, 90, 310, 110, 290].map((v) => v * K),
    'app.shrink': [800, 720, 650, 560, 480, 400, 330, 250].map((v) => v * K),
    'app.constant': [1000, 1001, 999, 1000, 1002, 1000, 1000, 1001].map((v) => v * K),
  };
  const ps = series(sites, 8);
  const r = analyzeLeaks(ps, ps.map((p) => p.meta.sources[0]!), '');
  const verdict = (k: string) => r.functions.find((s) => s.key === k)!.trend.verdict;

  it('each site lands in its verdict', () => {
    expect(verdict('app.steady')).toBe('growing steadily');
    expect(verdict('app.step')).toBe('grew then flat');
    expect(verdict('app.noise')).toBe('noisy');
    expect(verdict('app.shrink')).toBe('shrinking');
    expect(verdict('app.constant')).toBe('minor change');
  });

  it('ranks by verdict, then slope: the steady grower first, the shrinker last', () => {
    expect(r.functions.map((s) => s.key)).toEqual(['app.steady', 'app.step', 'app.noise', 'app.constant', 'app.shrink']);
    expect(r.functions[0]!.rank).toBe(1);
  });

  it('slope is per minute from profile times (least squares), grew = steps that rose', () => {
    const s = r.functions[0]!;
    expect(r.axis).toBe('minutes');
    expect(s.trend.slope / K).toBeCloseTo(49.7, 0);
    expect(s.trend.grewSteps).toBe(7);
    expect(s.trend.steps).toBe(7);
    expect(s.objects).toEqual(sites['app.steady'].map((v) => Math.round(v / 64)));
  });

  it('line level sees the same sites with their lines', () => {
    const l = r.lines.find((s) => s.frame.name === 'app.steady')!;
    expect(l.trend.verdict).toBe('growing steadily');
    expect(l.frame.line).toBeGreaterThan(0);
  });

  it('call paths of the top suspect end at the site, heaviest first', () => {
    expect(r.functions[0]!.paths[0]!.frames).toEqual(['main.main', 'app.steady']);
    expect(r.functions[0]!.paths[0]!.growth).toBe((450 - 100) * K);
  });

  it('orders by time when every snapshot has one, else by name (numeric-aware)', () => {
    const shuffled = [ps[3]!, ps[0]!, ps[7]!, ps[1]!, ps[2]!, ps[6]!, ps[4]!, ps[5]!];
    const again = analyzeLeaks(shuffled, shuffled.map((p) => p.meta.sources[0]!), '');
    expect(again.snapshots.map((s) => s.source)).toEqual(ps.map((p) => p.meta.sources[0]));
    const untimed = ['s10', 's9', 's1'].map((n) => synthProfile([{ stack: ['f'], values: [1, 1] }], { source: n }));
    const o = orderSeries(untimed, ['s10', 's9', 's1']);
    expect(o.by).toBe('name');
    expect(o.order).toEqual([2, 1, 0]);
    const noTime = analyzeLeaks(untimed, ['s10', 's9', 's1'], '');
    expect(noTime.axis).toBe('steps');
  });

  it('a staircase (a container growing by reallocation) is steady; a short rise is only tentative', () => {
    const stairs = trendOf([80, 175, 180, 179, 264, 263, 284, 285].map((v) => v * 1024), [0, 1, 2, 3, 4, 5, 6, 7], true, 2e6);
    expect(stairs.grewSteps).toBe(4);
    expect(stairs.verdict).toBe('growing steadily');
    expect(stairs.tentative).toBe(false);
    const short = trendOf([100, 200, 300], [0, 1, 2], true, 300);
    expect(short.verdict).toBe('growing steadily');
    expect(short.tentative).toBe(true);
    // Six snapshots that rise with a dip: Kendall's τ 0.73, but not significant at 1%.
    const wobble = trendOf([8, 20, 77, 56, 63, 112].map((v) => v * 1024), [0, 1, 2, 3, 4, 5], true, 3e6);
    expect(wobble.tau).toBeCloseTo(0.73, 2);
    expect(wobble.verdict).toBe('noisy');
  });

  it('a late one-off jump is not called steady', () => {
    const t = trendOf([0, 0, 0, 0, 0, 0, 0, 100], [0, 1, 2, 3, 4, 5, 6, 7], true, 100);
    expect(t.verdict).not.toBe('growing steadily');
  });
});

function loadSeries(dir: string, ext = '.pb.gz') {
  const files = readdirSync(`${ROOT}${dir}`)
    .filter((f) => f.endsWith(ext))
    .map((f) => `${dir}/${f}`);
  const ps = files.map((f) => parseProfile(readFileSync(`${ROOT}${f}`), f, { maxInflate: 1 << 30 }));
  return analyzeLeaks(ps, files, '');
}

describe('the workload snapshot series', () => {
  it('Go leak: main.query ranks first, the collector (main.main.func1) is a steady grower', () => {
    const r = loadSeries('samples/workload/series');
    expect(r.snapshots.length).toBeGreaterThanOrEqual(3);
    expect(r.functions[0]!.key).toBe('main.query');
    expect(r.functions[0]!.trend.verdict).toBe('growing steadily');
    const steady = r.functions.filter((s) => s.trend.verdict === 'growing steadily').map((s) => s.key);
    expect(steady).toContain('main.main.func1');
    expect(steady.length).toBeLessThanOrEqual(5);
  });

  it('Go leak as legacy text (debug=1, no times, allocator frames kept): the same sites and values', () => {
    const proto = loadSeries('samples/workload/series');
    const text = loadSeries('samples/workload/series', '.prof');
    expect(text.orderedBy).toBe('name');
    expect(text.axis).toBe('steps');
    for (const s of proto.functions.slice(0, 5)) {
      const t = text.functions.find((x) => x.key === s.key)!;
      expect(t.values).toEqual(s.values);
      expect(t.trend.verdict).toBe(s.trend.verdict);
    }
  });

  it('Go fixed: no site is called a steady grower', () => {
    const r = loadSeries('samples/workload/series-fixed');
    expect(r.functions.filter((s) => s.trend.verdict === 'growing steadily').map((s) => s.key)).toEqual([]);
    expect(r.lines.filter((s) => s.trend.verdict === 'growing steadily').map((s) => s.key)).toEqual([]);
  });

  it('Node leak: queryLoop first, the collector steady', () => {
    const r = loadSeries('samples/workload/node/series');
    expect(r.functions[0]!.key).toBe('queryLoop');
    expect(r.functions.find((s) => s.key === 'collector')!.trend.verdict).toBe('growing steadily');
  });

  it('Node fixed: neither queryLoop nor the collector grows steadily, no steady grower at all', () => {
    const r = loadSeries('samples/workload/node/series-fixed');
    for (const k of ['queryLoop', 'collector']) {
      expect(r.functions.find((s) => s.key === k)?.trend.verdict ?? 'absent').not.toBe('growing steadily');
    }
    expect(r.functions.filter((s) => s.trend.verdict === 'growing steadily').map((s) => s.key)).toEqual([]);
  });
});

describe('gen-report --leaks', () => {
  it('prints the table with main.query on top and its call path', () => {
    const files = readdirSync(`${ROOT}samples/workload/series`)
      .filter((f) => f.endsWith('.pb.gz'))
      .map((f) => `samples/workload/series/${f}`)
      .reverse();
    const r = runCli(['--leaks', ...files]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Leak suspects: \d+ snapshots of inuse_space, ordered by time/);
    const table = lines.indexOf('By function:');
    expect(lines[table + 1]).toMatch(/^rank +first +last +growth +slope\/min +grew +τ +objects +Δobjects +verdict +site$/);
    expect(lines[table + 2]).toMatch(/^ +1 .* growing steadily +main\.query$/);
    expect(r.stdout).toMatch(/\nmain\.query \(growing steadily, \+[\d.]+[kM]B\):\n +[\d.]+[kM]B +\(\+[\d.]+[kM]B\) +main\.query\n/);
  });

  it('refuses a single snapshot, mixed kinds, and graph formats', () => {
    for (const args of [
      ['--leaks', 'samples/workload/leak.pb.gz'],
      ['--leaks', 'samples/workload/leak.pb.gz', 'samples/workload/node/leak.pb.gz'],
      ['--leaks', '--dot', 'samples/workload/series/leak-001.pb.gz', 'samples/workload/series/leak-002.pb.gz'],
    ]) {
      const r = runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('sparklineSvg', () => {
  it('draws one polyline through every point, escapes the tooltip, colours a rise red', () => {
    const svg = sparklineSvg([1, 2, 3], { title: '<a&b>' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>&lt;a&amp;b&gt;</title>');
    expect(/points="([^"]+)"/.exec(svg)![1]!.split(' ')).toHaveLength(3);
    expect(svg).toContain('stroke="#b2182b"');
    expect(sparklineSvg([3, 2, 1])).toContain('stroke="#1a9641"');
    expect(sparklineSvg([5, 5])).not.toContain('NaN');
  });
});

describe('gen-report --leaks on allocation totals', () => {
  it('warns that alloc_* only grows', () => {
    const r = runCli(['--leaks', '--sample_index=alloc_space', 'samples/workload/series/leak-001.pb.gz', 'samples/workload/series/leak-002.pb.gz']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^gen-report: warning: --leaks on alloc_space: allocation totals only ever grow/);
    expect(r.stdout).toMatch(/^Leak suspects: 2 snapshots of alloc_space/);
  });
});

describe('gen-report --leaks --html', () => {
  it('names the file after the last snapshot of the series (whose graph the page shows)', async () => {
    const { mkdtempSync, readdirSync: ls } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/gen-report-leaks-`);
    const r = runCli(['--leaks', '--html', '--quiet', '--out-dir', dir, 'samples/workload/series/leak-003.pb.gz', 'samples/workload/series/leak-001.pb.gz', 'samples/workload/series/leak-002.pb.gz']);
    expect(r.code).toBe(0);
    expect(ls(dir)).toEqual(['leak-003.html']);
  });
});
