// The page's UI tests open pages through page-browser.ts (Debian's chromium, file:// pages, every
// other request aborted and counted, console errors, page errors and dialogs collected) and wait
// for the graph too.
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPage as openRecorded, type OpenedPage } from './page-browser.js';

export { CHROMIUM, launchChromium, type OpenedPage } from './page-browser.js';

/** Opens `file` (with an optional `#fragment`) and waits until its state is computed and its graph painted. */
export async function openPage(browser: BrowserContext | undefined, file: string, hash = '', o: { width?: number; height?: number; dark?: boolean } = {}): Promise<OpenedPage> {
  const r = await openRecorded(browser, file, hash.replace(/^#/, ''), { width: o.width, height: o.height, colorScheme: o.dark ? 'dark' : 'light' });
  await settled(r.page);
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
