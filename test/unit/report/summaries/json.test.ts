import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Profile as PprofProfile, StringTable, ValueType } from 'pprof-format';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../../src/config/defaults.js';
import { parseProfile } from '../../../../src/ingest/parse.js';
import type { LeakReportLike } from '../../../../src/compare/compare-info.js';
import { computeInputs, reportSource } from '../../../../src/report/inputs.js';
import { buildReportDoc, renderJson } from '../../../../src/report/summaries/json.js';
import type { ReportDoc } from '../../../../src/report/summaries/json-types.js';
import { renderMarkdown } from '../../../../src/report/summaries/markdown.js';
import { ROOT, runCli } from '../../../helpers/cli.js';
import { selfDiff } from '../../../helpers/diff-profile.js';
import { expectGolden } from '../../../helpers/golden.js';
import { validate } from '../../../helpers/json-schema.js';

const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'docs/report.schema.json'), 'utf8')) as Record<string, unknown>;
const SAMPLES = ['samples/recursion.pb.gz', 'samples/allocs.pb.gz', 'samples/workload/leak.pb.gz', 'samples/workload/node/leak.pb.gz', 'samples/inline.pb.gz'];

function jsonOf(args: string[]): ReportDoc {
  const r = runCli([...args, '--json=-']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ReportDoc;
}

function load(sample: string) {
  return parseProfile(readFileSync(join(ROOT, sample)), sample, { maxInflate: DEFAULTS.maxInflate });
}

describe('the schema and its validator', () => {
  it('the validator catches what it must (so a passing test means something)', () => {
    const good = jsonOf(['samples/recursion.pb.gz']);
    expect(validate(SCHEMA, good)).toEqual([]);
    const broken = (f: (d: any) => void) => {
      const d = structuredClone(good) as any;
      f(d);
      return validate(SCHEMA, d);
    };
    expect(broken((d) => delete d.total)).toEqual(['$: missing total']);
    expect(broken((d) => (d.extra = 1))).toEqual(['$: unexpected property extra']);
    expect(broken((d) => (d.schema = 'gen-report/2'))).toEqual(['$.schema: want "gen-report/1", got "gen-report/2"']);
    expect(broken((d) => (d.table.nodes[0].flat.value = '1'))).toEqual(['$.table.nodes[0].flat.value: want number, got string']);
    expect(broken((d) => (d.table.nodes[0].id = 'X1'))).toEqual(['$.table.nodes[0].id: "X1" does not match ^N[1-9][0-9]*$']);
    expect(broken((d) => (d.options.sort = 'name'))).toEqual(['$.options.sort: "name" not in ["flat","cum"]']);
    expect(broken((d) => (d.comparison = { kind: 'base' }))).toEqual(['$.comparison: matches none of anyOf']);
    expect(() => validate({ type: 'object', requried: ['x'] }, {})).toThrow(/requried/);
  });
  it('every object in the schema requires all its properties (no silently optional field)', () => {
    const walk = (s: unknown, path: string): void => {
      if (typeof s !== 'object' || s === null) return;
      const o = s as Record<string, unknown>;
      if (o['properties']) {
        expect(new Set(o['required'] as string[]), path).toEqual(new Set(Object.keys(o['properties'] as object)));
        expect(o['additionalProperties'], path).toBe(false);
      }
      for (const [k, v] of Object.entries(o)) walk(v, `${path}/${k}`);
    };
    walk(SCHEMA, '#');
  });
});

describe('--json output', () => {
  for (const sample of SAMPLES) {
    it(`${sample}: valid, and the same rows and figures as --text`, () => {
      const si = sample.includes('/node/') ? 'inuse_objects' : 'alloc_space';
      const doc = jsonOf([sample, `--sample_index=${si}`]);
      expect(validate(SCHEMA, doc)).toEqual([]);
      const text = runCli([sample, `--sample_index=${si}`]).stdout;
      const lines = text.trimEnd().split('\n');
      const rows = lines.slice(lines.findIndex((l) => /^ +flat +flat% +sum% +cum +cum%$/.test(l)) + 1);
      expect(doc.table.nodes.length).toBe(rows.length);
      doc.table.nodes.forEach((n, i) => {
        const cols = rows[i]!.trim().split(/ +/);
        expect([cols[0], cols[3]], n.name).toEqual([n.flat.formatted, n.cum.formatted]);
        expect(rows[i]!.includes(`  ${n.name}`)).toBe(true);
        expect(n.id).toBe(`N${i + 1}`);
      });
      expect(text).toContain(`Showing nodes accounting for ${doc.table.shown.formatted}, ${doc.table.shown.percent === 100 ? '100' : ''}`);
      expect(text).toContain(` of ${doc.total.formatted} total`);
      expect(text).toContain(`Type: ${doc.sampleType.type}`);
      const ids = new Map(doc.table.nodes.map((n) => [n.id, n]));
      for (const e of doc.table.edges) {
        expect(ids.has(e.from) && ids.has(e.to), `${e.from}->${e.to}`).toBe(true);
        expect(Math.abs(e.weight.value)).toBeLessThanOrEqual(Math.abs(ids.get(e.from)!.cum.value));
      }
    });
  }
  it('is byte-identical between runs and between working folders', () => {
    const a = runCli(['samples/workload/leak.pb.gz', '--json=-']).stdout;
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-json-'));
    copyFileSync(join(ROOT, 'samples/workload/leak.pb.gz'), join(dir, 'leak.pb.gz'));
    const b = runCli(['leak.pb.gz', '--json=-'], { cwd: dir }).stdout;
    const c = runCli(['leak.pb.gz', '--json=-'], { cwd: dir, env: { TZ: 'America/New_York' } }).stdout;
    expect(b.replace('"leak.pb.gz"', '"samples/workload/leak.pb.gz"')).toBe(a);
    expect(c).toBe(b);
  });
  it('golden: recursion.pb.gz (catches accidental format changes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-json-'));
    copyFileSync(join(ROOT, 'samples/recursion.pb.gz'), join(dir, 'recursion.pb.gz'));
    const r = runCli(['recursion.pb.gz', '--json', '--dot', '--max-total', '64kB', '--max-flat', 'main\\.=50kB', '--no-exit-code', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expectGolden('recursion.pb.gz@json@dot@max-total=64kB@max-flat=main.=50kB.json', readFileSync(join(dir, 'recursion.json'), 'utf8').replace(/"version": "[^"]+"/, '"version": "X"'));
  });
  it('carries budget verdicts', () => {
    const doc = jsonOf(['samples/workload/leak.pb.gz', '--max-total', '1MB', '--max-flat', 'main\\.query=3MB', '--no-exit-code']);
    expect(doc.budgets.ok).toBe(false);
    expect(doc.budgets.breaches).toBe(1);
    expect(doc.budgets.verdicts[0]).toEqual({
      budget: 'max-total',
      spec: '1MB',
      subject: 'total',
      limit: { value: 1048576, formatted: '1MB' },
      actual: { value: 4794528, formatted: '4.57MB' },
      over: { value: 4794528 - 1048576, formatted: '3.57MB' },
      ok: false,
      matched: null,
    });
    expect(doc.budgets.verdicts[1]).toMatchObject({ budget: 'max-flat', ok: true, matched: ['main.query'] });
  });
});

describe('a profile without samples', () => {
  it('valid JSON with empty tables and null percentages; Markdown says so', () => {
    const st = new StringTable();
    const empty = new PprofProfile({ sampleType: [new ValueType({ type: st.dedup('inuse_space'), unit: st.dedup('bytes') })], stringTable: st });
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-json-'));
    writeFileSync(join(dir, 'empty.pb'), empty.encode());
    const r = runCli(['empty.pb', '--json=-'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as ReportDoc;
    expect(validate(SCHEMA, doc)).toEqual([]);
    expect(doc.total).toEqual({ value: 0, formatted: '0' });
    expect(doc.table).toMatchObject({ shown: { value: 0, percent: null }, nodes: [], edges: [] });
    expect(renderMarkdown(doc, { rows: 20 })).toMatch(/#### Top nodes\n\nNo samples\.\n$/);
  });
});

describe('comparison and leak figures (issue 9 data through the extension point)', () => {
  it('a --diff_base profile: growth, base and new totals, valid, shown in Markdown', () => {
    const p = selfDiff(load('samples/workload/leak.pb.gz'), 0.5, { comparison: { kind: 'diff_base', baseSources: ['fixed.pb.gz'], normalized: false } });
    const doc = buildReportDoc(computeInputs(reportSource(p, { ...DEFAULTS.report }, 'leak'), ['table', 'leaks']), { version: 't', verdicts: [], artifacts: [] });
    expect(validate(SCHEMA, doc)).toEqual([]);
    expect(doc.comparison).toEqual({
      kind: 'diff_base',
      baseSources: ['fixed.pb.gz'],
      normalized: false,
      growth: { value: 2397264, formatted: '2.29MB' },
      baseTotal: { value: 2397264, formatted: '2.29MB' },
      newTotal: { value: 4794528, formatted: '4.57MB' },
      growthPercent: 100,
    });
    expect(renderMarkdown(doc, { rows: 3 })).toContain(
      "- **Compared with:** `fixed.pb.gz` (--diff_base): growth **+2.29MB** (+100% of the base's 2.29MB)\n- **Totals:** base 2.29MB → new 4.57MB\n",
    );
  });
  it('a --leaks run: snapshots, growth and ranked suspects, valid, shown in Markdown', () => {
    const inputs = computeInputs(reportSource(load('samples/workload/leak.pb.gz'), { ...DEFAULTS.report }, 'leak'), ['table']);
    const site = (rank: number, name: string, values: number[], verdict: string) => ({
      rank,
      key: name,
      frame: { name, file: 'main.go', line: 0 },
      values,
      trend: { slope: 1000.123456, perStep: false, r2: 0.987654321, growth: values.at(-1)! - values[0]!, grewSteps: 3, steps: 3, verdict },
    });
    const leaks: LeakReportLike = {
      snapshots: [1, 2, 3, 4].map((i) => ({ source: `snap${i}.pb.gz`, timeNanos: i * 60e9, total: i * 1048576 })),
      orderedBy: 'time',
      axis: 'minutes',
      sampleType: { type: 'inuse_space', unit: 'bytes' },
      functions: [
        site(1, 'main.query', [0, 1048576, 2097152, 3145728], 'growing steadily'),
        site(2, 'main.(*T).f|x', [5, 9, 2, 5], 'noisy'),
        site(3, 'main.idle', [7, 7, 7, 7], 'minor change'),
      ],
    };
    const doc = buildReportDoc({ ...inputs, leaks }, { version: 't', verdicts: [], artifacts: [] });
    expect(validate(SCHEMA, doc)).toEqual([]);
    expect(doc.leaks!.growth).toEqual({ value: 3 * 1048576, formatted: '3MB' });
    expect(doc.leaks!.suspects[0]).toMatchObject({ rank: 1, name: 'main.query', verdict: 'growing steadily', slope: 1000.123, r2: 0.9877, last: { formatted: '3MB' } });
    const md = renderMarkdown(doc, { rows: 3 });
    expect(md).toContain('- **Series:** 4 snapshots (ordered by time), total 1MB → 4MB (**+3MB**)\n');
    expect(md).toContain('| 1 | `main.query` | growing steadily | 0 → 3MB | +3MB | 3/3 |\n');
    expect(md).toContain('### Heap snapshots `snap1.pb.gz` … `snap4.pb.gz` (4)\n');
    expect(md).toContain('| 2 | `main.(*T).f\\|x` | noisy | 5B → 5B | 0 | 3/3 |\n');
    // Sites that did not move stay out of the summary (they are in the JSON).
    expect(md).not.toContain('main.idle');
    expect(doc.leaks!.suspects.map((x) => x.name)).toContain('main.idle');
    expect(renderJson(doc)).toBe(renderJson(buildReportDoc({ ...inputs, leaks }, { version: 't', verdicts: [], artifacts: [] })));
  });
});
