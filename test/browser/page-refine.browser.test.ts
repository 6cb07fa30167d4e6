// Issue 19: the HTML page refines as pprof's web UI does, with the command's own engine: for each
// state below, opening `report.html#<state>` shows the header lines and top rows that
// `gen-report --text` prints with the same flags (workload, tagged and synthetic profiles).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeClean, launchChromium, openPage, pageFilters, pageLabels, pageTopRows } from '../helpers/page-browser.js';
import { cliText, LABELS, makeReport, WORKLOAD, writeSyntheticProfile } from '../helpers/page-reports.js';
import { describeState, refineFragment, type RefineState } from '../helpers/refine-state.js';

let ctx: BrowserContext | undefined;
const inputs: Record<string, string> = {};
const reports: Record<string, string> = {};

beforeAll(async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'gen-report-page-refine-'));
  inputs.workload = WORKLOAD;
  inputs.labels = LABELS;
  inputs.synthetic = writeSyntheticProfile(tmp);
  for (const [name, input] of Object.entries(inputs)) reports[name] = makeReport(tmp, name, input);
  ctx = await launchChromium();
});

afterAll(async () => {
  await ctx?.close();
});

const CASES: ['workload' | 'labels' | 'synthetic', RefineState][] = [
  // Each parameter alone.
  ['workload', { f: 'mysql' }],
  ['workload', { i: 'runtime' }],
  ['workload', { h: 'database/sql' }],
  ['workload', { s: 'main\\.|mysql' }],
  ['workload', { sf: 'database/sql\\.\\(\\*DB\\)\\.conn' }],
  ['workload', { si: 'alloc_space' }],
  ['workload', { g: 'files' }],
  ['workload', { g: 'lines' }],
  ['workload', { g: 'addresses' }],
  ['workload', { n: 5 }],
  ['labels', { tf: 'handler=/users' }],
  ['labels', { ti: 'tenant=globex' }],
  ['labels', { ts: 'region' }],
  ['labels', { th: 'bytes' }],
  // Combinations, as pprof combines them.
  ['workload', { f: 'mysql', h: 'database', n: 8 }],
  ['workload', { si: 'alloc_objects', g: 'filefunctions', i: 'runtime' }],
  ['workload', { sf: 'main\\.query', s: 'main|mysql' }],
  ['workload', { f: 'mysql', g: 'addresses', n: 10 }],
  ['labels', { tf: 'tenant=acme', f: 'cache' }],
  ['synthetic', { f: 'pkg3', n: 12 }],
  ['synthetic', { i: 'fn1[0-9]$', g: 'files' }],
  ['synthetic', { sf: 'pkg2', h: 'pkg5', si: 'inuse_objects' }],
  ['synthetic', { tf: 'shard=s[01]', g: 'lines', n: 10 }],
];

describe('the page refines as gen-report --text does', () => {
  it('covers at least 12 refine states, every parameter among them', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(12);
    const used = new Set(CASES.flatMap(([, s]) => Object.keys(s)));
    expect([...used].sort()).toEqual(['f', 'g', 'h', 'i', 'n', 's', 'sf', 'si', 'tf', 'th', 'ti', 'ts']);
  });

  for (const [profile, state] of CASES) {
    it(`${profile} #${describeState(state)}: header lines and top rows equal --text's`, async () => {
      const want = cliText(inputs[profile]!, state);
      expect(want.labels.length).toBeGreaterThan(0);
      const o = await openPage(ctx, reports[profile]!, refineFragment(state, { view: 'top' }));
      expect(await pageLabels(o.page)).toEqual(want.labels);
      expect(await pageFilters(o.page)).toEqual(want.filterLines);
      expect(await pageTopRows(o.page)).toEqual(want.rows);
      await closeClean(o);
    });
  }
});
