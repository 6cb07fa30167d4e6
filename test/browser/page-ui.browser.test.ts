// The page's UI (issue 19): the context menu refines, Reset, Back, a link's fragment, a bad regexp,
// the Go-regexp search and the copy-command button, on the workload leak report in Debian's
// chromium. Each refine's numbers are compared with `gen-report --text` and the same flags.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { closePage, launchChromium, openPage, settled } from '../helpers/ui-browser.js';

const LEAK = 'samples/workload/leak.pb.gz';
let browser: BrowserContext | undefined;
let report: string;

/** `--text` with `flags`: its header lines (as [data-gr="label"]) and its rows. */
function text(flags: string[]): { labels: string[]; rows: string[] } {
  const r = runCli([LEAK, '--text', ...flags]);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  const head = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l));
  // pprof's header lines ("Active filters:" and its lines are shown, but not as [data-gr="label"]).
  const labels = lines.slice(0, head).filter((l) => /^(Showing nodes accounting for |Dropped \d+ nodes |Showing top \d+ nodes out of )/.test(l));
  const rows = lines.slice(head + 1).filter((l) => l.trim() !== '').map((l) => l.trim().split(/\s+/).join(' '));
  return { labels, rows };
}

async function shown(page: Page): Promise<{ labels: string[]; rows: string[] }> {
  return page.evaluate(() => ({
    labels: Array.from(document.querySelectorAll('[data-gr="labels"] [data-gr="label"]')).map((e) => e.textContent ?? ''),
    rows: Array.from(document.querySelectorAll('[data-gr="top"] tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td'))
        .map((td) => td.textContent ?? '')
        .join(' ')
        .trim()
        .split(/\s+/)
        .join(' '),
    ),
  }));
}

/** Waits for a new state: busy, then ready with its graph laid out. */
async function refined(page: Page, act: () => Promise<void>): Promise<void> {
  await page.evaluate(() => document.documentElement.setAttribute('data-gr-state', 'stale'));
  await act();
  await settled(page);
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-report-page-ui-'));
  report = join(dir, 'leak.html');
  const r = runCli([LEAK, '--html', '-o', report, '-q']);
  if (r.code !== 0) throw new Error(`gen-report --html failed: ${r.stderr}`);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('the page refines as pprof web UI does', () => {
  it('context menu on a Top row: "focus on it" focuses on the escaped name, as --focus', async () => {
    const o = await openPage(browser, report, '#view=top');
    const p = o.page;
    const before = await shown(p);
    expect(before).toEqual(text([]));
    await p.click('[data-gr="top"] tbody tr[data-name="main.query"]', { button: 'right' });
    await expect(p.locator('#gr-menu').isVisible()).resolves.toBe(true);
    await expect(p.locator('#gr-menu-name').textContent()).resolves.toBe('main.query');
    await refined(p, () => p.click('#gr-menu [data-gr-action="focus"]'));
    expect(await p.evaluate(() => decodeURIComponent(location.hash))).toContain('f=^main\\.query$');
    await expect(p.inputValue('[data-gr="refine"] input[name="f"]')).resolves.toBe('^main\\.query$');
    const after = await shown(p);
    expect(after).toEqual(text(['--focus=^main\\.query$']));
    expect(after).not.toEqual(before);
    // The graph was laid out again for the refined state: its legend names the filter.
    await expect(p.locator('[data-gr="graph"] svg').textContent()).resolves.toContain('focus=^main\\.query$');
    await closePage(o);
  });

  it('context menu on a graph node ignores it, on a flame frame hides it', async () => {
    const o = await openPage(browser, report);
    const p = o.page;
    await p.click('[data-zoom="fit"]');
    await p.locator('[data-gr="graph"] g.node', { hasText: 'func1' }).first().click({ button: 'right' });
    const name = (await p.locator('#gr-menu-name').textContent())!;
    expect(name).toMatch(/func1$/);
    await refined(p, () => p.click('#gr-menu [data-gr-action="ignore"]'));
    const re = `^${name.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')}$`;
    expect(await shown(p)).toEqual(text([`--ignore=${re}`]));
    await p.click('.jump [data-gr-view="flame"]');
    await p.locator('#gr-flame .fr', { hasText: /^main\.query$/ }).first().click({ button: 'right' });
    await refined(p, () => p.click('#gr-menu [data-gr-action="hide"]'));
    expect(await shown(p)).toEqual(text([`--ignore=${re}`, '--hide=^main\\.query$']));
    await closePage(o);
  });

  it('Reset drops every refinement; Back undoes a refine and Forward redoes it', async () => {
    const o = await openPage(browser, report, '#view=top');
    const p = o.page;
    const initial = await shown(p);
    await p.fill('[data-gr="refine"] input[name="f"]', 'mysql');
    await refined(p, () => p.press('[data-gr="refine"] input[name="f"]', 'Enter'));
    const focused = await shown(p);
    expect(focused).toEqual(text(['--focus=mysql']));
    await p.fill('[data-gr="refine"] input[name="n"]', '5');
    await refined(p, () => p.click('#gr-apply'));
    expect(await shown(p)).toEqual(text(['--focus=mysql', '--nodecount=5']));
    await refined(p, () => p.goBack());
    expect(await shown(p)).toEqual(focused);
    await expect(p.inputValue('[data-gr="refine"] input[name="n"]')).resolves.toBe('');
    await refined(p, () => p.goBack());
    expect(await shown(p)).toEqual(initial);
    await refined(p, () => p.goForward());
    expect(await shown(p)).toEqual(focused);
    await refined(p, () => p.click('[data-gr="reset"]'));
    expect(await shown(p)).toEqual(initial);
    await expect(p.inputValue('[data-gr="refine"] input[name="f"]')).resolves.toBe('');
    await closePage(o);
  });

  it('a link opens in its state; a bad regexp shows one line and keeps the view', async () => {
    const o = await openPage(browser, report, '#view=top&si=alloc_space&f=mysql&g=files');
    const p = o.page;
    await expect(p.locator('[data-gr-section="top"]').isVisible()).resolves.toBe(true);
    const want = text(['--sample_index=alloc_space', '--focus=mysql', '--files']);
    expect(await shown(p)).toEqual(want);
    await expect(p.inputValue('[data-gr="refine"] select[name="g"]')).resolves.toBe('files');
    await expect(p.locator('.type-btn[data-type="alloc_space"]').getAttribute('aria-pressed')).resolves.toBe('true');
    await p.fill('[data-gr="refine"] input[name="i"]', 'mysql.(');
    await refined(p, () => p.press('[data-gr="refine"] input[name="i"]', 'Enter'));
    await expect(p.evaluate(() => document.documentElement.dataset.grState)).resolves.toBe('error');
    const err = (await p.locator('[data-gr="error"]').textContent())!;
    expect(err).toMatch(/missing closing \)/);
    expect(err).not.toContain('\n');
    expect(await shown(p)).toEqual(want);
    expect(await p.evaluate(() => location.hash)).not.toContain('&i=');
    await closePage(o);
  });

  it('search takes a Go regexp; the copy-command button holds the command line of the view', async () => {
    const o = await openPage(browser, report, '#view=top&f=mysql');
    const p = o.page;
    await p.fill('[data-gr="search"]', 'mysql.*Connect');
    await p.waitForFunction(() => document.querySelectorAll('[data-gr="top"] tbody tr.gr-match').length > 0);
    const hits = await p.$$eval('[data-gr="top"] tbody tr.gr-match', (trs) => trs.map((t) => t.getAttribute('data-name')!));
    for (const h of hits) expect(h).toMatch(/mysql.*Connect/);
    expect(await p.evaluate(() => decodeURIComponent(location.hash))).toContain('q=mysql.*Connect');
    await p.fill('[data-gr="search"]', '(*DB');
    await p.waitForFunction(() => document.getElementById('gr-search-count')!.textContent === 'bad regexp');
    const cmd = (await p.locator('[data-gr="copy-command"]').getAttribute('data-command'))!;
    expect(cmd).toMatch(/^gen-report /);
    expect(cmd).toContain('--text');
    expect(cmd).toContain('--focus=mysql');
    await closePage(o);
  });
});

describe('a page without its profile (over the embedding cap)', () => {
  it('shows the report as made, says it cannot refine, and disables the refine controls', async () => {
    // The page as gen-report writes it past the cap: no #gr-profile.
    const html = readFileSync(report, 'utf8').replace(/<script type="application\/json" id="gr-profile">[\s\S]*?<\/script>/, '');
    expect(html).not.toContain('id="gr-profile"');
    const file = join(mkdtempSync(join(tmpdir(), 'gen-report-page-ui-')), 'leak.html');
    writeFileSync(file, html);
    const o = await openPage(browser, file, '#view=top');
    const p = o.page;
    expect(await shown(p)).toEqual(text([]));
    await expect(p.locator('[data-gr="refine-note"]').textContent()).resolves.toMatch(/no view can refine.*Peek and Source are not available/);
    await expect(p.locator('[data-gr="refine"] input[name="f"]').isDisabled()).resolves.toBe(true);
    await p.click('[data-gr="top"] tbody tr[data-name="main.query"]', { button: 'right' });
    await expect(p.locator('#gr-menu [data-gr-action="focus"]').isDisabled()).resolves.toBe(true);
    await p.keyboard.press('Escape');
    // The sample types were precomputed: they still switch.
    await refined(p, () => p.click('.type-btn[data-type="alloc_space"]'));
    expect(await shown(p)).toEqual(text(['--sample_index=alloc_space']));
    // A link asking for a refine says why it cannot.
    await refined(p, () => p.evaluate(() => (location.hash = '#view=top&f=mysql')));
    await expect(p.locator('[data-gr="error"]').textContent()).resolves.toMatch(/cannot refine/);
    await closePage(o);
  });
});
