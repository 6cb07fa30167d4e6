// Browser tests for the page defects listed in issue 19 (workload leak report, Chromium): each
// reproduces one defect as a reader saw it. Debian's chromium, file://, every other request aborted.
import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, launchChromium } from '../helpers/page-browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const LEAK = 'samples/workload/leak.pb.gz';
const FIXED = 'samples/workload/fixed.pb.gz';
const GENERATED = 'samples/generated/heap-2000.pb.gz';

let tmp: string;
let browser: BrowserContext | undefined;
const reports: Record<string, string> = {};

function generate(name: string, args: string[]): string {
  const out = join(tmp, `${name}.html`);
  const r = runCli([...args, '--html', '-o', out, '-q']);
  if (r.code !== 0) throw new Error(`gen-report ${args.join(' ')} --html failed (${r.code}): ${r.stderr}`);
  return out;
}

async function open(file: string, o: { width?: number; height?: number; dark?: boolean } = {}): Promise<{ page: Page; errors: string[]; external: string[] }> {
  if (!browser) throw new Error(`${CHROMIUM} is missing: these tests need Debian's chromium`);
  const page = await browser.newPage();
  await page.setViewportSize({ width: o.width ?? 1440, height: o.height ?? 1000 });
  await page.emulateMedia({ colorScheme: o.dark ? 'dark' : 'light' });
  const errors: string[] = [];
  const external: string[] = [];
  await page.route('**/*', (r) => {
    if (r.request().url().startsWith('file:')) return r.continue();
    external.push(r.request().url());
    return r.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`file://${file}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20_000 });
  return { page, errors, external };
}

async function close(o: { page: Page; errors: string[]; external: string[] }): Promise<void> {
  expect(o.errors).toEqual([]);
  expect(o.external).toEqual([]);
  await o.page.close();
}

/** WCAG contrast ratio of two CSS rgb()/rgba() colours (the first drawn over the second). */
function contrast(fg: string, bg: string): number {
  const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const [r1, g1, b1, a1 = 1] = parse(fg);
  const [r2, g2, b2] = parse(bg);
  const mix = [r1! * a1 + r2! * (1 - a1), g1! * a1 + g2! * (1 - a1), b1! * a1 + b2! * (1 - a1)];
  const lum = (rgb: number[]) => {
    const [r, g, b] = rgb.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [l1, l2] = [lum(mix), lum([r2!, g2!, b2!])];
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

/** The Markdown summary of the same run: what the HTML header must agree with. */
function markdown(args: string[]): string {
  const r = runCli([...args, '--markdown']);
  expect(r.code).toBe(0);
  return r.stdout;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/bin/cli.js'))) throw new Error('dist/bin/cli.js is missing: run `npm run build` first');
  tmp = mkdtempSync(join(tmpdir(), 'gen-report-html-defects-'));
  mkdirSync(tmp, { recursive: true });
  reports.leak = generate('leak', [LEAK]);
  reports.diff = generate('diff', [LEAK, '--diff_base', FIXED]);
  reports.generated = generate('generated', [GENERATED]);
  if (!existsSync(CHROMIUM)) return;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe('issue 19 page defects', () => {
  it('keeps the workload leak report under 3 MB', () => {
    expect(statSync(reports.leak!).size).toBeLessThan(3 * 1024 * 1024);
  });

  it('node panel: values stay inside it and callee names are shown whole', async () => {
    const o = await open(reports.leak!);
    await o.page.click('.jump [data-gr-view="top"]');
    await o.page.locator('#gr-rows tr[data-name="database/sql.(*DB).conn"]').click();
    await expect(o.page.locator('#gr-node-panel').isVisible()).resolves.toBe(true);
    const r = await o.page.evaluate(() => {
      const panel = document.getElementById('gr-node-panel')!;
      const box = panel.getBoundingClientRect();
      const outside = Array.from(panel.querySelectorAll('dd, li, li span'))
        .map((e) => [e.textContent, e.getBoundingClientRect()] as const)
        .filter(([, b]) => b.right > box.right + 0.5 || b.left < box.left - 0.5)
        .map(([t, b]) => `${t} at ${Math.round(b.left)}–${Math.round(b.right)} (panel ${Math.round(box.left)}–${Math.round(box.right)})`);
      const cut = Array.from(panel.querySelectorAll('.node-list .n'))
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.textContent);
      const names = Array.from(panel.querySelectorAll('#gr-node-callees .n')).map((e) => [e.textContent, (e as HTMLElement).title]);
      return { outside, cut, names };
    });
    expect(r.outside).toEqual([]);
    expect(r.cut).toEqual([]);
    expect(r.names).toContainEqual(['github.com/go-sql-driver/mysql.(*connector).Connect', 'github.com/go-sql-driver/mysql.(*connector).Connect']);
    await close(o);
  });

  it('the wheel over the graph scrolls the page; Ctrl + wheel zooms the graph', async () => {
    const o = await open(reports.leak!);
    const p = o.page;
    await p.locator('#graph').scrollIntoViewIfNeeded();
    const vb = () => p.locator('#gr-graph svg').getAttribute('viewBox');
    const box = (await p.locator('#gr-graph').boundingBox())!;
    await p.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
    const before = { vb: await vb(), y: await p.evaluate(() => window.scrollY) };
    await p.mouse.wheel(0, 400);
    await p.waitForFunction((y) => window.scrollY !== y, before.y, { timeout: 5000 });
    expect(await vb()).toBe(before.vb);
    await expect(p.locator('#gr-graph-wheel-hint').isVisible()).resolves.toBe(true);
    const y = await p.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(before.y);
    await p.keyboard.down('Control');
    await p.mouse.wheel(0, -200);
    await p.keyboard.up('Control');
    await p.waitForTimeout(200);
    expect(await vb()).not.toBe(before.vb);
    expect(await p.evaluate(() => window.scrollY)).toBe(y);
    await expect(p.locator('#gr-graph-hint').textContent()).resolves.toMatch(/Ctrl\/⌘ \+ scroll or pinch to zoom/);
    await close(o);
  });

  it('a two-finger pinch on a touch screen zooms the graph', async () => {
    const o = await open(reports.leak!);
    const p = o.page;
    const cdp = await p.context().newCDPSession(p);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await p.locator('#graph').scrollIntoViewIfNeeded();
    const box = (await p.locator('#gr-graph').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + Math.min(box.height / 2, 300);
    const vb = async () => (await p.locator('#gr-graph svg').getAttribute('viewBox'))!.split(' ').map(Number);
    const before = await vb();
    const at = (d: number) => [
      { x: cx - d, y: cy, id: 1 },
      { x: cx + d, y: cy, id: 2 },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(40) });
    for (const d of [60, 80, 100, 120]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(d) });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const after = await vb();
    // Fingers three times as far apart: a third of the width shown.
    expect(after[2]! / before[2]!).toBeCloseTo(1 / 3, 1);
    await close(o);
  });

  for (const width of [1000, 1280, 1440, 820]) {
    it(`the view tabs are visible at ${width} px`, async () => {
      const o = await open(reports.leak!, { width, height: 800 });
      const links = await o.page.$$eval('.jump a', (as) =>
        as.map((a) => {
          const b = a.getBoundingClientRect();
          return { text: a.textContent, w: b.width, left: b.left, right: b.right, top: b.top };
        }),
      );
      expect(links.map((l) => l.text)).toEqual(['Top', 'Graph', 'Flame graph', 'Peek', 'Source']);
      for (const l of links) {
        expect(l.w, `${l.text} is hidden`).toBeGreaterThan(0);
        expect(l.left).toBeGreaterThanOrEqual(0);
        expect(l.right).toBeLessThanOrEqual(width);
        expect(l.top).toBeLessThan(120);
      }
      await close(o);
    });
  }

  it('flame graph: narrow frames show the function, not a cut package path', async () => {
    const o = await open(reports.generated!);
    await o.page.click('.jump [data-gr-view="flame"]');
    const frames = await o.page.$$eval('#gr-flame .fr', (fs) =>
      fs.filter((f) => f.textContent !== '').map((f) => ({ text: f.textContent!, cut: f.scrollWidth > f.clientWidth + 1 })),
    );
    expect(frames.length).toBeGreaterThan(50);
    // A label is cut only when even the bare function name does not fit.
    const cutPaths = frames.filter((f) => f.cut && /[./]/.test(f.text));
    expect(cutPaths.map((f) => f.text)).toEqual([]);
    const bare = frames.filter((f) => /^step\d+$/.test(f.text)).length;
    const method = frames.filter((f) => /^(pkg\d+\.)?\(\*Handler\d\)\.step\d+$/.test(f.text)).length;
    expect(bare + method).toBeGreaterThan(20);
    // The tooltip has the full name.
    const narrow = o.page.locator('#gr-flame .fr', { hasText: /^step\d+$/ }).first();
    await narrow.hover();
    await expect(o.page.locator('#gr-tip .t-name').textContent()).resolves.toMatch(/^github\.com\/acme\/service\/pkg\d+\.\(\*Handler\d\)\.step\d+$/);
    await close(o);
  });

  async function darkColours() {
    const o = await open(reports.leak!, { dark: true, width: 1280, height: 800 });
    const r = await o.page.evaluate(() => {
      const card = getComputedStyle(document.querySelector('#graph')!).backgroundColor;
      const vp = getComputedStyle(document.getElementById('gr-graph')!).backgroundColor;
      const bg = getComputedStyle(document.querySelector('#gr-graph svg g.graph > polygon')!).fill;
      const edgeText = getComputedStyle(document.querySelector('#gr-graph svg g.edge text')!).fill;
      const bar = getComputedStyle(document.querySelector('#gr-rows td.pct .bar')!);
      return { card, vp, bg, edgeText, bar: bar.backgroundColor, barOpacity: bar.opacity };
    });
    await close(o);
    return r;
  }

  it('dark mode: the graph sits on a dark panel with light edge labels', async () => {
    const r = await darkColours();
    expect(contrast(r.vp, 'rgb(0, 0, 0)')).toBeLessThan(2);
    expect(r.bg === 'transparent' || r.bg === 'rgba(0, 0, 0, 0)' || contrast(r.bg, 'rgb(0, 0, 0)') < 2).toBe(true);
    expect(contrast(r.edgeText, r.vp)).toBeGreaterThan(4.5);
  });

  it("dark mode: the table's bars stand out from the card", async () => {
    const r = await darkColours();
    const barOver = r.bar.replace(/rgba?\(([^)]*)\)/, (_m, inner: string) => {
      const [cr, cg, cb, ca = '1'] = inner.split(',').map((x) => x.trim());
      return `rgba(${cr}, ${cg}, ${cb}, ${Number(ca) * Number(r.barOpacity)})`;
    });
    expect(contrast(barOver, r.card)).toBeGreaterThan(1.8);
  });

  it('a --diff_base report names its base, shows the growth and the totals as the Markdown summary does', async () => {
    const md = markdown([LEAK, '--diff_base', FIXED]);
    const growth = /growth \*\*(\S+)\*\*/.exec(md)![1]!;
    const totals = /\*\*Totals:\*\* base (\S+) → new (\S+)/.exec(md)!;
    const o = await open(reports.diff!);
    const p = o.page;
    const eyebrow = (await p.locator('.summary-main > .eyebrow').textContent())!;
    expect(eyebrow).not.toMatch(/merged/i);
    expect(eyebrow).toMatch(/diff_base/);
    await expect(p.locator('.summary .facts').textContent()).resolves.toContain(FIXED);
    await expect(p.locator('.total-block .eyebrow').textContent()).resolves.not.toMatch(/^\s*Total/);
    await expect(p.locator('[data-bind="total"]').textContent()).resolves.toBe(growth);
    await expect(p.locator('[data-bind="totalNote"]').textContent()).resolves.toContain(`base ${totals[1]} → new ${totals[2]}`);
    const opts = await p.$$eval('#options tr', (trs) => trs.map((tr) => [tr.children[0]!.textContent, tr.children[1]!.textContent]));
    expect(opts).toContainEqual(['diff_base', FIXED]);
    await close(o);
  });

  it('the headline total is scaled to a readable unit (alloc_space: 155.79MB, not 159525.77kB)', async () => {
    const o = await open(reports.leak!);
    await o.page.click('.type-btn[data-type="alloc_space"]');
    const md = markdown([LEAK, '--sample_index=alloc_space']);
    const want = /\*\*Total:\*\* \*\*(\S+)\*\*/.exec(md)![1]!;
    expect(want).toBe('155.79MB');
    await expect(o.page.locator('[data-bind="total"]').textContent()).resolves.toBe(want);
    // pprof's own lines keep pprof's unit.
    await expect(o.page.locator('[data-bind="labels"]').first().textContent()).resolves.toContain('of 159525.77kB total');
    await close(o);
  });
});
