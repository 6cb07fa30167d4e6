// Issue 19: the page's state lives in the URL fragment (a link opens in it, Back undoes a refine),
// the graph is laid out again for each state, Peek and Source print what --peek and --list print,
// search takes a Go regexp, and hostile names stay text through every refine and view.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { HOSTILE, writeHostileProfile } from '../helpers/hostile-html-profile.js';
import {
  closeClean,
  laidOut,
  launchChromium,
  mark,
  openPage,
  type OpenedPage,
  pageFilters,
  pageGraphNodes,
  pageLabels,
  pageTopRows,
  settled,
  submitRefine,
} from '../helpers/page-browser.js';
import { cliGraphNodes, cliList, cliPeek, cliText, makeReport, WORKLOAD, WORKLOAD_SOURCES } from '../helpers/page-reports.js';
import { refineFragment, type RefineState, shellWords } from '../helpers/refine-state.js';
import { parseTextOutput } from '../helpers/text-output.js';

let ctx: BrowserContext | undefined;
let tmp: string;
const reports: Record<string, string> = {};
let hostileInput: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'gen-report-page-state-'));
  reports.workload = makeReport(tmp, 'workload', WORKLOAD);
  reports.sources = makeReport(tmp, 'sources', WORKLOAD, WORKLOAD_SOURCES);
  reports.addresses = makeReport(tmp, 'addresses', WORKLOAD, ['--addresses']);
  hostileInput = join(tmp, 'hostile.pb.gz');
  writeHostileProfile(hostileInput, { labels: true });
  reports.hostile = makeReport(tmp, 'hostile', hostileInput);
  ctx = await launchChromium();
});

afterAll(async () => {
  await ctx?.close();
});

const inputValue = (page: Page, name: string) => page.locator(`[data-gr="refine"] [name="${name}"]`).inputValue();
const text = async (page: Page, sel: string) => (await page.locator(sel).first().textContent()) ?? '';

async function expectTextView(o: OpenedPage, s: RefineState): Promise<void> {
  const want = cliText(WORKLOAD, s);
  expect(await pageLabels(o.page)).toEqual(want.labels);
  expect(await pageFilters(o.page)).toEqual(want.filterLines);
  expect(await pageTopRows(o.page)).toEqual(want.rows);
}

describe('a link with a fragment', () => {
  it('#view=peek&si=alloc_space&f=mysql&p=… opens Peek in that state', async () => {
    const s: RefineState = { si: 'alloc_space', f: 'mysql' };
    const o = await openPage(ctx, reports.workload!, refineFragment(s, { view: 'peek', p: 'mysql.*Connect' }));
    await expect(o.page.locator('[data-gr="peek"]').isVisible()).resolves.toBe(true);
    expect(await text(o.page, '[data-gr="peek"] pre')).toBe(cliPeek(WORKLOAD, s, 'mysql.*Connect'));
    expect(await pageLabels(o.page)).toEqual(cliText(WORKLOAD, s).labels);
    expect(await pageFilters(o.page)).toEqual(cliText(WORKLOAD, s).filterLines);
    expect(await inputValue(o.page, 'f')).toBe('mysql');
    expect(await inputValue(o.page, 'si')).toBe('alloc_space');
    await closeClean(o);
  });
});

describe('Back', () => {
  it('undoes a refine made with the refine form', async () => {
    const o = await openPage(ctx, reports.workload!, 'view=top');
    const labels = await pageLabels(o.page);
    const rows = await pageTopRows(o.page);
    await expectTextView(o, {});
    let m = await mark(o);
    await submitRefine(o.page, { f: 'mysql', n: '5' });
    await settled(o, m);
    await expectTextView(o, { f: 'mysql', n: 5 });
    expect(decodeURIComponent(await o.page.evaluate(() => location.hash))).toContain('f=mysql');
    m = await mark(o);
    await o.page.evaluate(() => history.back());
    await settled(o, m);
    expect(await pageLabels(o.page)).toEqual(labels);
    expect(await pageTopRows(o.page)).toEqual(rows);
    expect(await inputValue(o.page, 'f')).toBe('');
    await closeClean(o);
  });
});

describe('the graph', () => {
  it('is laid out again after a refine, with the nodes --dot gives for the new state', async () => {
    const o = await openPage(ctx, reports.workload!, 'view=graph');
    await laidOut(o);
    const before = await pageGraphNodes(o.page);
    expect(before).toEqual(cliGraphNodes(WORKLOAD, {}));
    const m = await mark(o);
    await submitRefine(o.page, { f: 'mysql' });
    await settled(o, m);
    await laidOut(o, m);
    const after = await pageGraphNodes(o.page);
    expect(after).toEqual(cliGraphNodes(WORKLOAD, { f: 'mysql' }));
    expect(after).not.toEqual(before);
    await closeClean(o);
  });
});

describe('Peek and Source', () => {
  it('Peek equals --peek for a regexp under a refine', async () => {
    const s: RefineState = { h: 'runtime', si: 'inuse_objects' };
    const re = 'database/sql\\.\\(\\*DB\\)\\.conn';
    const o = await openPage(ctx, reports.workload!, refineFragment(s, { view: 'peek', p: re }));
    expect(await text(o.page, '[data-gr="peek"] pre')).toBe(cliPeek(WORKLOAD, s, re));
    await closeClean(o);
  });

  it('Source equals --list main.query with the --source_path the report was made with', async () => {
    for (const s of [{}, { si: 'alloc_space', f: 'mysql' }] as RefineState[]) {
      const want = cliList(WORKLOAD, s, 'main.query', WORKLOAD_SOURCES);
      expect(want).toContain('db.QueryRow("SELECT nickname');
      const o = await openPage(ctx, reports.sources!, refineFragment(s, { view: 'source', l: 'main.query' }));
      expect(await text(o.page, '[data-gr="source"] pre')).toBe(want);
      await closeClean(o);
    }
  });

  it('Source says so when the report was made without the sources', async () => {
    const o = await openPage(ctx, reports.workload!, 'view=source&l=main.query');
    const shown = await text(o.page, '[data-gr="source"]');
    expect(shown.trim()).not.toBe('');
    expect(shown).not.toContain('db.QueryRow("SELECT nickname');
    await closeClean(o);
  });
});

/** The names of the top rows the search marked (the row or one of its cells has class gr-match). */
function matchedRows(page: Page): Promise<string[]> {
  return page.$$eval('[data-gr="top"] tbody tr', (trs) =>
    trs.filter((tr) => tr.classList.contains('gr-match') || tr.querySelector('.gr-match') !== null).map((tr) => (tr.querySelector('td:last-child')?.textContent ?? '').trim()),
  );
}

async function search(o: OpenedPage, q: string): Promise<void> {
  await o.page.locator('[data-gr="search"]').fill(q);
  await o.page.locator('[data-gr="search"]').press('Enter');
}

describe('search', () => {
  const names = () => cliText(WORKLOAD, {}).rows.map((r) => r[5]!);

  it('takes a regexp: mysql.*Connect marks the functions it matches, and only them', async () => {
    const want = names().filter((n) => /mysql.*Connect/.test(n));
    expect(want.length).toBeGreaterThanOrEqual(1);
    const o = await openPage(ctx, reports.workload!, 'view=top');
    await search(o, 'mysql.*Connect');
    await o.page.waitForFunction(() => document.querySelectorAll('.gr-match').length > 0);
    expect(await matchedRows(o.page)).toEqual(want);
    await closeClean(o);
  });

  it('a plain word still works, and #q= restores it', async () => {
    const want = names().filter((n) => n.includes('readRow'));
    expect(want.length).toBeGreaterThanOrEqual(1);
    const o = await openPage(ctx, reports.workload!, 'view=top&q=readRow');
    await o.page.waitForFunction(() => document.querySelectorAll('.gr-match').length > 0);
    expect(await matchedRows(o.page)).toEqual(want);
    expect(await o.page.locator('[data-gr="search"]').inputValue()).toBe('readRow');
    await closeClean(o);
  });

  it('a bad regexp shows a one-line error, marks nothing and throws nothing; a good one clears it', async () => {
    const o = await openPage(ctx, reports.workload!, 'view=top');
    await search(o, 'mysql(');
    await o.page.locator('[data-gr="error"]').waitFor({ state: 'visible' });
    const msg = (await text(o.page, '[data-gr="error"]')).trim();
    expect(msg).toMatch(/\S/);
    expect(msg).not.toContain('\n');
    expect(await o.page.locator('.gr-match').count()).toBe(0);
    await search(o, 'readRow');
    await o.page.locator('[data-gr="error"]').waitFor({ state: 'hidden' });
    await o.page.waitForFunction(() => document.querySelectorAll('.gr-match').length > 0);
    await closeClean(o);
  });
});

describe('refine errors and actions', () => {
  it('a bad focus regexp sets data-gr-state=error with a one-line message; a good one recovers', async () => {
    const o = await openPage(ctx, reports.workload!, 'view=top');
    let m = await mark(o);
    await submitRefine(o.page, { f: 'mysql(' });
    expect(await settled(o, m, true)).toBe('error');
    const msg = (await text(o.page, '[data-gr="error"]')).trim();
    expect(msg).toMatch(/\S/);
    expect(msg).not.toContain('\n');
    m = await mark(o);
    await submitRefine(o.page, { f: 'mysql' });
    expect(await settled(o, m)).toBe('ready');
    await expectTextView(o, { f: 'mysql' });
    await closeClean(o);
  });

  it("a table row's context menu focuses on its function, as --focus with the regexp it fills in", async () => {
    const o = await openPage(ctx, reports.workload!, 'view=top');
    await o.page.locator('[data-gr="top"] tbody tr', { hasText: 'database/sql.(*DB).conn' }).first().click({ button: 'right' });
    const m = await mark(o);
    await o.page.locator('[data-gr-action="focus"]').first().click();
    await settled(o, m);
    const f = await inputValue(o.page, 'f');
    expect(f).not.toBe('');
    const want = cliText(WORKLOAD, { f });
    expect(want.rows.some((r) => r[5] === 'database/sql.(*DB).conn')).toBe(true);
    await expectTextView(o, { f });
    await closeClean(o);
  });

  it('the copy-command button holds a gen-report command line that prints the view shown', async () => {
    const s: RefineState = { f: 'mysql', h: 'database', n: 8 };
    const o = await openPage(ctx, reports.workload!, refineFragment(s, { view: 'top' }));
    const cmd = await o.page.locator('[data-gr="copy-command"]').getAttribute('data-command');
    expect(cmd).toBeTruthy();
    const words = shellWords(cmd!);
    expect(words[0]).toBe('gen-report');
    const r = runCli(words.slice(1));
    expect(r.code, r.stderr).toBe(0);
    const printed = parseTextOutput(r.stdout);
    expect(printed.labels).toEqual(await pageLabels(o.page));
    expect(printed.filterLines).toEqual(await pageFilters(o.page));
    expect(printed.rows).toEqual(await pageTopRows(o.page));
    await closeClean(o);
  });
});

describe('a report made with --addresses', () => {
  const rowsOf = (s: RefineState) => cliText(WORKLOAD, s).rows;
  const hashState = async (page: Page) => new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));

  it('opens at addresses, offers them in the form, and keeps them through a focus and in the copied command', async () => {
    const addresses = rowsOf({ g: 'addresses' });
    expect(addresses).not.toEqual(rowsOf({}));
    const o = await openPage(ctx, reports.addresses!);
    await laidOut(o);
    // The report's own views (no fragment): the precomputed ones, at addresses.
    await o.page.locator('[data-gr-view="top"]').first().click();
    expect(await pageTopRows(o.page)).toEqual(addresses);
    expect(await inputValue(o.page, 'g')).toBe('addresses');
    expect((await hashState(o.page)).get('g')).toBe('addresses');

    // A focus from the form: the granularity stays the report's.
    let m = await mark(o);
    await submitRefine(o.page, { f: 'mysql' });
    await settled(o, m);
    const focused: RefineState = { g: 'addresses', f: 'mysql' };
    expect(await pageTopRows(o.page)).toEqual(rowsOf(focused));
    expect(await pageLabels(o.page)).toEqual(cliText(WORKLOAD, focused).labels);
    expect((await hashState(o.page)).get('g')).toBe('addresses');
    expect(await inputValue(o.page, 'g')).toBe('addresses');
    const cmd = (await o.page.locator('[data-gr="copy-command"]').getAttribute('data-command'))!;
    expect(shellWords(cmd)).toContain('--addresses');
    const r = runCli(shellWords(cmd).slice(1));
    expect(r.code, r.stderr).toBe(0);
    expect(parseTextOutput(r.stdout).rows).toEqual(await pageTopRows(o.page));

    // Back to functions from the select, then addresses again.
    m = await mark(o);
    await o.page.locator('[data-gr="refine"] select[name="g"]').selectOption('functions');
    await settled(o, m);
    expect(await pageTopRows(o.page)).toEqual(rowsOf({ f: 'mysql' }));
    m = await mark(o);
    await o.page.locator('[data-gr="refine"] select[name="g"]').selectOption('addresses');
    await settled(o, m);
    expect(await pageTopRows(o.page)).toEqual(rowsOf(focused));
    await closeClean(o);
  });
});

describe('hostile names', () => {
  it('stay inert text through every refine and view', async () => {
    const o = await openPage(ctx, reports.hostile!, 'view=top');
    const names = (await pageTopRows(o.page)).map((r) => r[5]);
    for (const n of [HOSTILE.alert, HOSTILE.pwned, HOSTILE.svg, HOSTILE.autogen, HOSTILE.quotes]) expect(names).toContain(n);
    const scripts = await o.page.locator('script').count();
    const inert = async (where: string) => {
      expect(await o.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), where).toBeUndefined();
      expect(await o.page.locator('img, iframe, object, embed, foreignObject, [onerror], [onload]').count(), where).toBe(0);
      expect(await o.page.locator('script').count(), where).toBe(scripts);
      expect(o.dialogs, where).toEqual([]);
      expect(o.errors, where).toEqual([]);
    };
    await inert('opened');
    const states: RefineState[] = [{ f: 'img' }, { h: 'svg' }, { i: 'autogenerated' }, { sf: 'onerror' }, { s: 'main|img' }, { tf: 'k=.*img.*' }, { ti: 'svg' }, { ts: 'k' }, { th: 'k' }, { g: 'files' }, { g: 'lines' }, { si: 'inuse_objects', n: 3 }];
    for (const s of states) {
      const m = await mark(o);
      await submitRefine(o.page, Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)])));
      await settled(o, m);
      await expectHostileText(o, s);
      for (const view of ['top', 'graph', 'flame', 'peek', 'source']) {
        await o.page.locator(`[data-gr-view="${view}"]`).first().click();
        if (view === 'graph') await laidOut(o);
        await inert(`${JSON.stringify(s)} ${view}`);
      }
      const r = await mark(o);
      await o.page.locator('[data-gr="reset"]').first().click();
      await settled(o, r);
      await o.page.locator(`[data-gr-view="top"]`).first().click();
    }
    await search(o, 'onerror');
    await inert('search');
    for (const frag of ['view=peek&p=onerror', 'view=source&l=img', `view=top&q=${encodeURIComponent(HOSTILE.alert)}`]) {
      await o.page.goto(`file://${reports.hostile!}#${frag}`);
      await o.page.waitForFunction(() => document.documentElement.dataset['grState'] === 'ready');
      await inert(frag);
    }
    await o.page.locator('[data-gr="top"] tbody tr', { hasText: 'onerror' }).first().click({ button: 'right' });
    for (const action of ['focus', 'ignore', 'hide', 'show_from']) await expect(o.page.locator(`[data-gr-action="${action}"]`).count()).resolves.toBeGreaterThan(0);
    await o.page.locator('[data-gr-action="focus"]').first().click();
    await o.page.waitForFunction(() => document.documentElement.dataset['grState'] === 'ready');
    await inert('context menu focus');
    await closeClean(o);
  });
});

/** Under a refine the hostile page's rows still equal --text's (names shown as text, exactly). */
async function expectHostileText(o: OpenedPage, s: RefineState): Promise<void> {
  const want = cliText(hostileInput, s);
  expect(await pageLabels(o.page)).toEqual(want.labels);
  expect(await pageFilters(o.page)).toEqual(want.filterLines);
  expect(await pageTopRows(o.page)).toEqual(want.rows);
}
