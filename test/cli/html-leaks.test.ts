import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const series = (dir: string) =>
  readdirSync(join('samples/workload', dir))
    .filter((f) => f.endsWith('.pb.gz'))
    .sort()
    .map((f) => join('samples/workload', dir, f));

/** The rows of the "Leak suspects" section: [rank, site, verdict]. */
function leakRows(html: string): [string, string, string][] {
  const section = /<section class="card section" id="leaks">([\s\S]*?)<\/section>/.exec(html);
  expect(section, 'a leaks section').not.toBeNull();
  return [...section![1]!.matchAll(/<tr class="leak[^"]*">\s*<td class="num">(\d+)<\/td>\s*<td class="name"><code>([^<]*)<\/code>[\s\S]*?<td class="verdict">([^<]*)<\/td>/g)].map(
    (m) => [m[1]!, m[2]!, m[3]!],
  );
}

describe('--leaks --html: a leak-suspects section with a sparkline per site', () => {
  it('on the leaking series, main.query is the first steady grower, with its series drawn', () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-report-leaks-'));
    const r = runCli(['--leaks', ...series('series'), '--html', '--out-dir', out, '--quiet']);
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, readdirSync(out)[0]!), 'utf8');
    const rows = leakRows(html);
    expect(rows[0]).toEqual(['1', 'main.query', 'growing steadily']);
    expect(rows.map((x) => x[1])).toContain('main.main.func1');
    expect(html).toMatch(/<td class="spark"><svg [^>]*>[\s\S]*?<polyline /);
    // The section comes before the call graph.
    expect(html.indexOf('id="leaks"')).toBeLessThan(html.indexOf('id="graph"'));
  });
  it('on the fixed series, no site is a steady grower', () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-report-leaks-'));
    const r = runCli(['--leaks', ...series('series-fixed'), '--html', '--out-dir', out, '--quiet']);
    expect(r.code).toBe(0);
    const rows = leakRows(readFileSync(join(out, readdirSync(out)[0]!), 'utf8'));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.filter((x) => x[2].startsWith('growing steadily'))).toEqual([]);
  });
  it('a plain report has no leaks section', () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-report-leaks-'));
    runCli(['samples/workload/leak.pb.gz', '--html', '--out-dir', out, '--quiet']);
    expect(readFileSync(join(out, 'leak.html'), 'utf8')).not.toMatch(/id="leaks"/);
  });
});

describe('--diff_base --html: the flame graph carries the base and the change', () => {
  const data = (html: string) =>
    JSON.parse(/<script type="application\/json" id="gr-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
      flame: { names: string[]; name: number[]; values: number[][]; before?: number[][] };
      selected: number;
    };
  it('main.query grew between the first and the last snapshot of the leak', () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-report-diff-'));
    const r = runCli(['samples/workload/series/leak-008.pb.gz', '--diff_base=samples/workload/series/leak-001.pb.gz', '--html', '--out-dir', out, '--quiet']);
    expect(r.code).toBe(0);
    const d = data(readFileSync(join(out, 'leak-008.html'), 'utf8'));
    expect(d.flame.before).toBeDefined();
    const i = d.flame.name.findIndex((n) => d.flame.names[n] === 'main.query');
    const t = d.selected;
    expect(i).toBeGreaterThan(0);
    expect(d.flame.values[t]![i]!).toBeGreaterThan(0);
    expect(d.flame.before![t]![i]!).toBeGreaterThan(0);
  });
  it('a plain profile has no base values', () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-report-diff-'));
    runCli(['samples/workload/leak.pb.gz', '--html', '--out-dir', out, '--quiet']);
    expect(data(readFileSync(join(out, 'leak.html'), 'utf8')).flame.before).toBeUndefined();
  });
});
