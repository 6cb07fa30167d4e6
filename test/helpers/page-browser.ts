/**
 * Chromium for the interactive HTML page's tests: Debian's chromium, never a
 * downloaded browser; file:// pages with every other request aborted and recorded (only file:,
 * data: and blob: are the page's own); console errors, page errors and dialogs recorded; the
 * page's data-gr-state / data-gr-graph transitions logged so that a test waits for the computation
 * its own action started, not for a "ready" left over from the state before.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A persistent context on Debian's chromium, or undefined when it is not installed (openPage then fails). */
export async function launchChromium(): Promise<BrowserContext | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'gen-report-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export interface OpenedPage {
  page: Page;
  errors: string[];
  external: string[];
  dialogs: string[];
}

/**
 * A new page of `ctx` at the given size and colour scheme, every request but file: aborted and
 * recorded in `external`, console errors, page errors and dialogs (dismissed) recorded.
 */
export async function newWatchedPage(ctx: BrowserContext, opts: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {}): Promise<OpenedPage> {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: opts.width ?? 1440, height: opts.height ?? 900 });
  await page.emulateMedia({ colorScheme: opts.colorScheme ?? 'light' });
  const o: OpenedPage = { page, errors: [], external: [], dialogs: [] };
  await page.route('**/*', (r) => {
    const url = r.request().url();
    if (url.startsWith('file:')) return r.continue();
    o.external.push(url);
    return r.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') o.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => o.errors.push(`page: ${e.message}`));
  page.on('dialog', async (d) => {
    o.dialogs.push(d.message());
    await d.dismiss();
  });
  return o;
}

/** The page's own URLs: the file itself and what it makes in memory (the layout worker, images). */
function isOwn(url: string): boolean {
  return url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:');
}

/**
 * Logs, in window.__grLog, each value data-gr-state and data-gr-graph had before it changed
 * (`state:busy` = it was busy and then became something else): a page that goes busy and back to
 * ready within one task still leaves its trace, which the values read in the observer would not.
 */
function recordTransitions(): void {
  const w = window as unknown as { __grLog: string[] };
  w.__grLog = [];
  // The document, not its root: an init script may run before the parser made <html>.
  new MutationObserver((ms) => {
    for (const m of ms) {
      if (m.target !== document.documentElement) continue;
      w.__grLog.push(`${m.attributeName === 'data-gr-state' ? 'state' : 'graph'}:${m.oldValue ?? ''}`);
    }
  }).observe(document, { subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-gr-state', 'data-gr-graph'] });
}

export const READY_TIMEOUT = 60_000;

/**
 * Opens `file` (with `#fragment` when given) and waits until the page's state is computed
 * (data-gr-state ready or error).
 */
export async function openPage(
  ctx: BrowserContext | undefined,
  file: string,
  fragment = '',
  opts: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<OpenedPage> {
  if (!ctx) throw new Error(`${CHROMIUM} is missing: the page's browser tests need Debian's chromium (apt-get install -y chromium)`);
  const o = await newWatchedPage(ctx, { ...opts, height: opts.height ?? 1000 });
  const { page } = o;
  page.on('request', (r) => {
    if (!isOwn(r.url())) o.external.push(r.url());
  });
  await page.addInitScript(recordTransitions);
  await page.goto(`file://${file}${fragment === '' ? '' : `#${fragment}`}`);
  await waitState(o);
  return o;
}

/** Waits for data-gr-state to be ready (or error, when `allowError`); returns it. */
export async function waitState(o: OpenedPage, allowError = false): Promise<string> {
  await o.page.waitForFunction(
    (allow) => {
      const s = document.documentElement.dataset['grState'];
      return s === 'ready' || (allow && s === 'error');
    },
    allowError,
    { timeout: READY_TIMEOUT },
  );
  return (await o.page.evaluate(() => document.documentElement.dataset['grState'])) ?? '';
}

/** The length of the transition log: pass it to `settled` / `laidOut` after an action. */
export function mark(o: OpenedPage): Promise<number> {
  return o.page.evaluate(() => (window as unknown as { __grLog: string[] }).__grLog.length);
}

/**
 * Waits until the page went busy after `from` (the log length before the action) and came back
 * ready (or error, when `allowError`); returns the final state.
 */
export async function settled(o: OpenedPage, from: number, allowError = false): Promise<string> {
  await o.page.waitForFunction(
    ([i, allow]) => {
      const log = (window as unknown as { __grLog: string[] }).__grLog.slice(i as number);
      const s = document.documentElement.dataset['grState'];
      return log.includes('state:busy') && (s === 'ready' || (allow && s === 'error'));
    },
    [from, allowError] as const,
    { timeout: READY_TIMEOUT },
  );
  return (await o.page.evaluate(() => document.documentElement.dataset['grState'])) ?? '';
}

/** Waits until the graph is laid out (after `from`: it went pending first) with an svg in [data-gr="graph"]. */
export async function laidOut(o: OpenedPage, from?: number): Promise<void> {
  await o.page.waitForFunction(
    (i) => {
      const log = (window as unknown as { __grLog: string[] }).__grLog.slice(i ?? 0);
      const again = i === null || log.includes('graph:pending');
      return again && document.documentElement.dataset['grGraph'] === 'laid-out' && document.querySelector('[data-gr="graph"] svg') !== null;
    },
    from ?? null,
    { timeout: READY_TIMEOUT },
  );
}

/** The header lines ([data-gr="labels"] [data-gr="label"]), textContent as shown. */
export function pageLabels(page: Page): Promise<string[]> {
  return page.$$eval('[data-gr="labels"] [data-gr="label"]', (els) => els.map((e) => e.textContent ?? ''));
}

/** The "Active filters:" lines under the header ([data-gr="labels"] [data-gr="filter"]), textContent as shown. */
export function pageFilters(page: Page): Promise<string[]> {
  return page.$$eval('[data-gr="labels"] [data-gr="filter"]', (els) => els.map((e) => e.textContent ?? ''));
}

/** The top table's rows: flat, flat%, sum%, cum, cum%, name, each cell's textContent trimmed. */
export function pageTopRows(page: Page): Promise<string[][]> {
  return page.$$eval('[data-gr="top"] tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
}

/**
 * The graph's nodes as painted, but for the tag nodes (Graphviz ids `NN…`): for each, the lines of
 * its label (its non-empty <text> elements) joined by "\n"; sorted. The legend is one of them.
 */
export function pageGraphNodes(page: Page): Promise<string[]> {
  return page.$$eval('[data-gr="graph"] svg g.node', (gs) =>
    gs
      .filter((g) => !g.id.startsWith('NN'))
      .map((g) =>
        Array.from(g.querySelectorAll('text'))
          // Graphviz writes runs of spaces as no-break spaces (&#160;).
          .map((t) => (t.textContent ?? '').replace(/\u00a0/g, ' '))
          .filter((l) => l !== '')
          .join('\n'),
      )
      .sort(),
  );
}

/** Submits the [data-gr="refine"] form with these fields set (inputs by name; selects si and g). */
export async function submitRefine(page: Page, fields: Record<string, string>): Promise<void> {
  const form = page.locator('[data-gr="refine"]');
  for (const [name, value] of Object.entries(fields)) {
    const el = form.locator(`[name="${name}"]`);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  await form.evaluate((f) => (f as HTMLFormElement).requestSubmit());
}

/** No request left, no console or page error, no dialog; closes the page. */
export async function closeClean(o: OpenedPage): Promise<void> {
  expect(o.errors, 'console or page errors').toEqual([]);
  expect(o.external, 'requests that left the page').toEqual([]);
  expect(o.dialogs, 'dialogs').toEqual([]);
  await o.page.close();
}
