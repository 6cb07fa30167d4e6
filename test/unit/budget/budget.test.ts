import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBudgets, type BudgetFacts } from '../../../src/budget/check.js';
import { BUDGET_NEEDS, budgetFacts } from '../../../src/budget/facts.js';
import { parseAmount, parseSize } from '../../../src/budget/size.js';
import { parseBudgets } from '../../../src/budget/spec.js';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { UsageError } from '../../../src/errors.js';
import { parseProfile } from '../../../src/ingest/parse.js';
import { computeInputs, reportSource } from '../../../src/report/inputs.js';
import type { ReportConfig } from '../../../src/config/defaults.js';
import type { Profile } from '../../../src/model/profile.js';

/** What the run gives budgets. */
const budgetInputs = (p: Profile, config: ReportConfig) => computeInputs(reportSource(p, config, 'leak'), BUDGET_NEEDS);
import { ROOT, runCli } from '../../helpers/cli.js';
import { selfDiff } from '../../helpers/diff-profile.js';

// samples/workload/leak.pb.gz, inuse_space: total 4794528 B (4.57MB); main.query flat 2872400 B (2.74MB).
const LEAK = 'samples/workload/leak.pb.gz';
const tmp = () => mkdtempSync(join(tmpdir(), 'gen-report-budget-'));

describe('sizes: pprof units, binary multiples', () => {
  it('parses the documented spellings', () => {
    expect(parseSize('x', '64MiB')).toBe(64 * 2 ** 20);
    expect(parseSize('x', '64MB')).toBe(64 * 2 ** 20);
    expect(parseSize('x', '1.5GB')).toBe(1.5 * 2 ** 30);
    expect(parseSize('x', '300kB')).toBe(300 * 1024);
    expect(parseSize('x', '300KB')).toBe(300 * 1024);
    expect(parseSize('x', '2k')).toBe(2048);
    expect(parseSize('x', '1024')).toBe(1024);
    expect(parseSize('x', '12B')).toBe(12);
    expect(parseSize('x', ' 1 GiB ')).toBe(2 ** 30);
    expect(parseAmount('x', '1024')).toEqual({ value: 1024, kind: 'plain' });
    expect(parseAmount('x', '10%', { percent: true })).toEqual({ value: 0.1, kind: 'percent' });
  });
  it('rejects the rest with the option name', () => {
    for (const bad of ['', 'MB', '12XB', '-5MB', '1e3', '5 M B', '10%']) {
      expect(() => parseSize('max-total', bad), bad).toThrow(UsageError);
    }
    expect(() => parseSize('max-total', '12XB')).toThrow(/--max-total.*unknown unit "XB"/);
  });
});

describe('budget checks', () => {
  const facts: BudgetFacts = {
    sampleType: 'inuse_space',
    unit: 'bytes',
    total: 1000,
    nodes: [
      { name: 'main.query', flat: 600 },
      { name: 'main.queryAll', flat: 100 },
      { name: 'runtime.malg', flat: 300 },
      { name: 'main.idle', flat: 0 },
    ],
    growth: { value: 250, base: 1000, against: 'vs base old.pb.gz' },
  };
  const check = (a: Parameters<typeof parseBudgets>[0], f = facts) => checkBudgets(parseBudgets(a), f);

  it('max-total: equal is within budget, one byte more is a breach', () => {
    expect(check({ maxTotal: '1000' })[0]).toMatchObject({ ok: true, actual: 1000, limit: 1000 });
    expect(check({ maxTotal: '999' })[0]).toMatchObject({ ok: false, actual: 1000, limit: 999 });
  });
  it('max-flat sums the matching nodes (unanchored RE2, as pprof), percentages are of the total', () => {
    const [v] = check({ maxFlat: ['main\\.query=650'] });
    expect(v).toMatchObject({ ok: false, actual: 700, limit: 650, matched: ['main.query', 'main.queryAll'] });
    expect(check({ maxFlat: ['^main\\.query$=60%'] })[0]).toMatchObject({ ok: true, actual: 600, limit: 600 });
    expect(check({ maxFlat: ['main\\.idle=1'] })[0]).toMatchObject({ ok: true, actual: 0, matched: [] });
  });
  it('max-growth against the base, in bytes or % of the base total', () => {
    expect(check({ maxGrowth: '20%' })[0]).toMatchObject({ ok: false, actual: 250, limit: 200, subject: 'growth vs base old.pb.gz' });
    expect(check({ maxGrowth: '1kB' })[0]).toMatchObject({ ok: true, limit: 1024 });
  });
  it('budgets that cannot apply are usage errors', () => {
    expect(() => check({ maxGrowth: '1MB' }, { ...facts, growth: null })).toThrow(/--max-growth needs something to compare/);
    expect(() => check({ maxTotal: '1MB' }, { ...facts, unit: 'count', sampleType: 'inuse_objects' })).toThrow(/inuse_objects is in count, not bytes: give a plain number/);
    expect(check({ maxTotal: '1000' }, { ...facts, unit: 'count' })[0]!.ok).toBe(true);
    expect(() => check({ maxTotal: '1MB' }, { ...facts, total: null })).toThrow(/--max-total.*unknown with --base/);
    expect(() => check({ maxGrowth: '5%' }, { ...facts, growth: { value: 1, base: null, against: 'x' } })).toThrow(/percentage needs the base total/);
  });
  it('syntax errors: --max-flat without =, bad regexp, percent total', () => {
    expect(() => parseBudgets({ maxFlat: ['main.query'] })).toThrow(/want REGEX=SIZE/);
    expect(() => parseBudgets({ maxFlat: ['=1MB'] })).toThrow(/want REGEX=SIZE/);
    expect(() => parseBudgets({ maxFlat: ['(main=1MB'] })).toThrow(/error parsing regexp/);
    expect(() => parseBudgets({ maxTotal: '10%' })).toThrow(/not a percentage/);
    // The last `=` splits: a regexp may contain `=`.
    expect(parseBudgets({ maxFlat: ['a=b=1kB'] })[0]).toMatchObject({ pattern: 'a=b', limit: { value: 1024 } });
  });
  it('facts of a --diff_base profile: growth is new − base, the total is the new profile\'s', () => {
    const p = parseProfile(readFileSync(join(ROOT, LEAK)), LEAK, { maxInflate: DEFAULTS.maxInflate });
    const f = budgetFacts(budgetInputs(selfDiff(p, 0.25, { comparison: { kind: 'diff_base', baseSources: ['old.pb.gz'], normalized: false } }), { ...DEFAULTS.report }));
    expect(f.total).toBe(4794528);
    expect(f.growth).toEqual({ value: 4794528 * 0.75, base: 4794528 * 0.25, against: 'vs base old.pb.gz' });
    // Flat budgets read the diff graph: main.query grew by 0.75 × its flat.
    const [v] = checkBudgets(parseBudgets({ maxFlat: ['^main\\.query$=1'] }), f);
    expect(v!.actual).toBe(2872400 * 0.75);
  });
  it('facts of a --leaks run: growth is the last snapshot total minus the first, % of the first', () => {
    const inputs = budgetInputs(parseProfile(readFileSync(join(ROOT, LEAK)), LEAK, { maxInflate: DEFAULTS.maxInflate }), { ...DEFAULTS.report });
    const f = budgetFacts({
      ...inputs,
      leaks: {
      snapshots: [100, 150, 130, 400].map((total, i) => ({ source: `s${i}`, timeNanos: 0, total })),
      orderedBy: 'name',
      axis: 'steps',
      sampleType: { type: 'inuse_space', unit: 'bytes' },
      functions: [],
      },
    });
    expect(f.growth).toEqual({ value: 300, base: 100, against: 'across 4 snapshots (total, first to last)' });
    expect(checkBudgets(parseBudgets({ maxGrowth: '300%' }), f)[0]).toMatchObject({ ok: true, limit: 300 });
    expect(checkBudgets(parseBudgets({ maxGrowth: '299' }), f)[0]!.ok).toBe(false);
  });
  it('budgets read the filtered profile (--focus), like the report', () => {
    const p = parseProfile(readFileSync(join(ROOT, LEAK)), LEAK, { maxInflate: DEFAULTS.maxInflate });
    const sum = (f: BudgetFacts) => f.nodes.reduce((s, n) => s + n.flat, 0);
    const all = budgetFacts(budgetInputs(p, { ...DEFAULTS.report }));
    const inputs = budgetInputs(p, { ...DEFAULTS.report, focus: 'mysql' });
    const focused = budgetFacts(inputs);
    expect(sum(all)).toBe(4794528);
    expect(sum(focused)).toBeLessThan(sum(all));
    // The same figure as the untrimmed table's "Showing nodes accounting for".
    const untrimmed = computeInputs(reportSource(p, { ...DEFAULTS.report, focus: 'mysql', trim: false }, 'leak'), ['table']).table;
    expect(sum(focused)).toBe(untrimmed.graph.nodes.reduce((s, n) => s + n.flat, 0));
    expect(focused.total).toBe(computeInputs(inputs, ['table']).table.total);
  });
  it('facts of a plain profile: no growth, the untrimmed graph (independent of --nodecount)', () => {
    const p = parseProfile(readFileSync(join(ROOT, LEAK)), LEAK, { maxInflate: DEFAULTS.maxInflate });
    const f1 = budgetFacts(budgetInputs(p, { ...DEFAULTS.report, nodeCount: 1 }));
    const f2 = budgetFacts(budgetInputs(p, { ...DEFAULTS.report }));
    expect(f1.growth).toBeNull();
    expect(f1.nodes.length).toBeGreaterThan(100);
    expect(f1.nodes).toEqual(f2.nodes);
    const runtime = checkBudgets(parseBudgets({ maxFlat: ['^runtime\\.=1'] }), f1)[0]!;
    expect(runtime.matched).toContain('runtime.malg');
    expect(runtime.actual).toBe(f1.nodes.filter((n) => runtime.matched!.includes(n.name)).reduce((s, n) => s + n.flat, 0));
  });
});

describe('exit codes', () => {
  it('0 within budget, nothing on stderr but the written files', () => {
    const dir = tmp();
    const r = runCli([LEAK, '--dot', '--out-dir', dir, '--max-total', '5MB', '--max-flat', 'main\\.query=3MB']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${join(dir, 'leak.gv')}\n`);
  });
  it('1 on a breach: one line naming the budget and the excess; the reports are still written', () => {
    const dir = tmp();
    const r = runCli([LEAK, '--dot', '--out-dir', dir, '--max-total', '4MiB']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `wrote ${join(dir, 'leak.gv')}\n` +
        'gen-report: budget breached: --max-total 4MiB: total is 4.57MB, 586.16kB over the limit of 4MiB (114% of the budget)\n',
    );
    expect(readdirSync(dir)).toEqual(['leak.gv']);
  });
  it('1 with several budgets, one line per breach, in the order given', () => {
    const r = runCli([LEAK, '--max-total', '1MB', '--max-flat', 'main\\.query=1MB', '--max-flat', 'runtime\\.malg=1MB', '--max-flat', 'mysql=100kB', '--quiet']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^gen-report: budget breached: --max-total 1MB: total is 4\.57MB, 3\.57MB over/);
    expect(lines[1]).toMatch(/^gen-report: budget breached: --max-flat main\\\.query=1MB: flat of nodes matching \/main\\\.query\/ \[main\.query\] is 2\.74MB, 1\.74MB over/);
    expect(lines[2]).toMatch(/^gen-report: budget breached: --max-flat mysql=100kB: .* over the limit of 100kB/);
  });
  it('0 on a breach with --no-exit-code, the breach still reported', () => {
    const r = runCli([LEAK, '--max-total', '1MB', '--no-exit-code']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^gen-report: budget breached: --max-total 1MB/);
    expect(r.stdout).toMatch(/Showing nodes accounting for/);
  });
  it('2 on bad budget syntax or a budget that cannot apply, and no file written', () => {
    const cases: [string[], RegExp][] = [
      [['--max-total', '12XB'], /invalid size "12XB" for --max-total: unknown unit "XB"/],
      [['--max-total', 'lots'], /invalid size "lots" for --max-total/],
      [['--max-flat', 'main.query'], /invalid --max-flat "main.query": want REGEX=SIZE/],
      [['--max-flat', '(x=1MB'], /--max-flat regexp \(x: error parsing regexp/],
      [['--max-growth', '1MB'], /--max-growth needs something to compare/],
      [['--max-total', '1MB', '--sample_index=inuse_objects'], /1MB is a size, but the reported sample type inuse_objects is in count, not bytes/],
    ];
    for (const [args, re] of cases) {
      const dir = tmp();
      const r = runCli([LEAK, '--dot', '--out-dir', dir, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^gen-report: [^\n]+\n$/);
      expect(r.stderr).toMatch(re);
      expect(existsSync(join(dir, 'leak.gv'))).toBe(false);
    }
  });
});
