// Debian's chromium for the page's UI tests (never a downloaded browser): file:// pages, every other
// request aborted and counted, console errors and page errors collected.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<BrowserContext | undefined> {
  if (!existsSync(CHROMIUM)) return undefined;
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'gen-report-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface OpenedPage {
  page: Page;
  errors: string[];
  external: string[];
}

/** Opens `file` (with an optional `#fragment`) and waits until its state is computed and its graph painted. */
export async function openPage(browser: BrowserContext | undefined, file: string, hash = '', o: { width?: number; height?: number; dark?: boolean } = {}): Promise<OpenedPage> {
  if (!browser) throw new Error(`${CHROMIUM} is missing: these tests need Debian's chromium (apt-get install -y chromium)`);
  const page = await browser.newPage();
  await page.setViewportSize({ width: o.width ?? 1440, height: o.height ?? 1000 });
  await page.emulateMedia({ colorScheme: o.dark ? 'dark' : 'light' });
  const r: OpenedPage = { page, errors: [], external: [] };
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    r.external.push(route.request().url());
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') r.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => r.errors.push(`page: ${e.message}`));
  await page.goto(`file://${file}${hash}`);
  await settled(page);
  return r;
}

/** The current state computed (or refused) and its graph laid out. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('html[data-gr-state="ready"][data-gr-graph="laid-out"], html[data-gr-state="error"]', { timeout: 60_000 });
}

export async function closePage(o: OpenedPage): Promise<void> {
  expect(o.errors).toEqual([]);
  expect(o.external).toEqual([]);
  await o.page.close();
}
