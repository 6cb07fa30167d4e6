import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * The HTML page's budgets (issue 19), printed by `npm run bench` (BENCH_SECTIONS=page):
 * - the workload leak report's size (≤ 3 MB);
 * - the 270k-sample bench profile's report opened in Debian's chromium from file://: from
 *   navigation start until data-gr-state=ready with the graph laid out and its svg present (< 2 s);
 * - a focus refine there, from the form's submit until ready and laid out again (< 1 s).
 * Median of `runs` fresh pages. A bench prints; it fails nothing.
 */
// The few browser globals the functions below use once they run in the page (the bench compiles
// without the DOM library, which would hide DOM use in the engine's code).
interface PageElement {
  dataset: Record<string, string | undefined>;
}
interface PageMutation {
  target: unknown;
  attributeName: string | null;
  oldValue: string | null;
}
declare const window: unknown;
declare const document: { documentElement: PageElement; querySelector(sel: string): ({ requestSubmit(): void } & object) | null };
declare function requestAnimationFrame(f: () => void): number;
declare class MutationObserver {
  constructor(f: (ms: PageMutation[]) => void);
  observe(target: unknown, o: object): void;
}

export const PAGE_BUDGETS = { sizeBytes: 3 * 1024 * 1024, openMs: 2000, refineMs: 1000 };
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** How long to wait for a state before calling it not reached. */
const WAIT_MS = 60_000;
/** The refine the budget is about: one package of the generated profile's 40. */
export const BENCH_FOCUS = 'pkg32';

export interface PageBenchOptions {
  root: string;
  cli: string;
  /** The 270k-sample profile (bench/make-inputs.ts's `large`). */
  large: string;
  runs: number;
}

function html(cli: string, root: string, input: string, extra: string[] = []): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'gen-report-page-bench-'));
  const r = spawnSync(process.execPath, [cli, input, '--html', '--out-dir', dir, '-q', ...extra], { cwd: root, maxBuffer: 1 << 30 });
  const file = readdirSync(dir).find((f) => f.endsWith('.html'));
  if (r.status !== 0 || file === undefined) {
    console.log(`gen-report ${input} --html failed: ${r.stderr.toString().trim()}`);
    return null;
  }
  return join(dir, file);
}

/**
 * Installed before the page's scripts: stamps (performance.now(), from navigation start) the first
 * frame after the page is painted, and after a refine (once the state went busy and the graph
 * pending since the submit: the attribute's old values say so even when they changed within one task).
 */
function stampPainted(): void {
  const w = window as unknown as { __grOpened?: number; __grRefined?: number; __grComputed?: number; __grSubmit?: number; __grBusy?: boolean; __grPending?: boolean };
  const check = (ms: PageMutation[]) => {
    const el = document.documentElement;
    for (const m of ms) {
      if (m.target !== el || w.__grSubmit === undefined) continue;
      if (m.attributeName === 'data-gr-state' && (m.oldValue === 'busy' || el.dataset['grState'] === 'busy')) w.__grBusy = true;
      if (m.attributeName === 'data-gr-graph' && (m.oldValue === 'pending' || el.dataset['grGraph'] === 'pending')) w.__grPending = true;
    }
    if (w.__grSubmit !== undefined && w.__grBusy && el.dataset['grState'] === 'ready') w.__grComputed ??= performance.now();
    const painted = el.dataset['grState'] === 'ready' && el.dataset['grGraph'] === 'laid-out' && document.querySelector('[data-gr="graph"] svg') !== null;
    if (!painted) return;
    if (w.__grOpened === undefined) requestAnimationFrame(() => (w.__grOpened ??= performance.now()));
    else if (w.__grSubmit !== undefined && w.__grBusy && w.__grPending && w.__grRefined === undefined) requestAnimationFrame(() => (w.__grRefined ??= performance.now()));
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-gr-state', 'data-gr-graph'] });
}

interface PageRun {
  openMs: number;
  refineMs: number;
  /** Of refineMs: until data-gr-state=ready (the engine's compute and the views), the rest is the layout. */
  computeMs: number;
  note: string;
}

async function onePage(ctx: BrowserContext, file: string): Promise<PageRun> {
  const page = await ctx.newPage();
  await page.setViewportSize({ width: 1440, height: 1000 });
  const external: string[] = [];
  await page.route('**/*', (r) => {
    if (r.request().url().startsWith('file:')) return r.continue();
    external.push(r.request().url());
    return r.abort();
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(stampPainted);
  const run: PageRun = { openMs: NaN, refineMs: NaN, computeMs: NaN, note: '' };
  try {
    await page.goto(`file://${file}`);
    await page.waitForFunction(() => (window as unknown as { __grOpened?: number }).__grOpened !== undefined, null, { timeout: WAIT_MS });
    run.openMs = await page.evaluate(() => (window as unknown as { __grOpened: number }).__grOpened);
    await page.locator('[data-gr="refine"] [name="f"]').fill(BENCH_FOCUS);
    await page.evaluate(() => {
      const w = window as unknown as { __grSubmit?: number; __grBusy?: boolean; __grPending?: boolean };
      w.__grBusy = false;
      w.__grPending = false;
      w.__grSubmit = performance.now();
      document.querySelector('[data-gr="refine"]')!.requestSubmit();
    });
    await page.waitForFunction(() => (window as unknown as { __grRefined?: number }).__grRefined !== undefined, null, { timeout: WAIT_MS });
    [run.refineMs, run.computeMs] = await page.evaluate(() => {
      const w = window as unknown as { __grRefined: number; __grComputed: number; __grSubmit: number };
      return [w.__grRefined - w.__grSubmit, w.__grComputed - w.__grSubmit];
    });
  } catch (e) {
    const state = await page.evaluate(() => `data-gr-state=${document.documentElement.dataset['grState'] ?? '(none)'} data-gr-graph=${document.documentElement.dataset['grGraph'] ?? '(none)'}`).catch(() => '');
    run.note = `not reached in ${WAIT_MS / 1000} s (${state}): ${(e as Error).message.split('\n')[0]}`;
  }
  if (errors.length > 0) run.note += ` page errors: ${errors.join('; ')}`;
  if (external.length > 0) run.note += ` requests that left the page: ${external.join(', ')}`;
  await page.close();
  return run;
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor(s.length / 2)]!;
}

const verdict = (x: number, budget: number, strict: boolean) => (!Number.isFinite(x) ? 'not measured' : (strict ? x < budget : x <= budget) ? 'within budget' : 'OVER BUDGET');
const kb = (b: number) => `${(b / 1024).toFixed(0)} kB`;

export async function pageBench(o: PageBenchOptions): Promise<void> {
  console.log('');
  console.log('| page budget (issue 19) | figure | budget | verdict |');
  console.log('| --- | ---: | ---: | --- |');
  const workload = join(o.root, 'samples/workload/leak.pb.gz');
  for (const [what, extra] of [
    ['workload leak report (samples/workload/leak.pb.gz --html)', []],
    ['same, with its sources (--trim_path=userleak --source_path=workload/go)', ['--trim_path=userleak', '--source_path=workload/go']],
  ] as const) {
    const f = html(o.cli, o.root, workload, [...extra]);
    const size = f ? statSync(f).size : NaN;
    console.log(`| ${what}: size | ${Number.isFinite(size) ? `${size} B (${kb(size)})` : '—'} | ≤ ${kb(PAGE_BUDGETS.sizeBytes)} | ${verdict(size, PAGE_BUDGETS.sizeBytes, false)} |`);
  }
  const large = html(o.cli, o.root, o.large);
  if (large) console.log(`| 270k-sample report: size (for reference) | ${statSync(large).size} B (${kb(statSync(large).size)}) | — | — |`);
  if (!existsSync(CHROMIUM)) {
    console.log(`| 270k-sample report: open, focus refine | — | — | not measured: ${CHROMIUM} is missing |`);
    return;
  }
  if (!large) return;
  const profileDir = mkdtempSync(join(tmpdir(), 'gen-report-page-bench-chromium-'));
  mkdirSync(profileDir, { recursive: true });
  const ctx = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: ARGS });
  const rs: PageRun[] = [];
  try {
    for (let i = 0; i < o.runs; i++) {
      rs.push(await onePage(ctx, large));
      // A page that never got there will not on the next run either.
      if (!Number.isFinite(rs.at(-1)!.openMs)) break;
    }
  } finally {
    await ctx.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  const notes = [...new Set(rs.map((r) => r.note.trim()).filter((n) => n !== ''))].join(' / ');
  const open = median(rs.map((r) => r.openMs));
  const refine = median(rs.map((r) => r.refineMs));
  const all = (xs: number[]) => xs.map((x) => (Number.isFinite(x) ? x.toFixed(0) : '—')).join(', ');
  console.log(
    `| 270k-sample report: open until table and graph painted (navigation start → data-gr-state=ready, graph laid out), median of ${all(rs.map((r) => r.openMs))} ms | ${Number.isFinite(open) ? `${open.toFixed(0)} ms` : '—'} | < ${PAGE_BUDGETS.openMs} ms | ${verdict(open, PAGE_BUDGETS.openMs, true)} |`,
  );
  console.log(
    `| 270k-sample report: focus refine (f=${BENCH_FOCUS}) until ready and laid out again, median of ${all(rs.map((r) => r.refineMs))} ms | ${Number.isFinite(refine) ? `${refine.toFixed(0)} ms` : '—'} | < ${PAGE_BUDGETS.refineMs} ms | ${verdict(refine, PAGE_BUDGETS.refineMs, true)} |`,
  );
  const compute = median(rs.map((r) => r.computeMs));
  console.log(`| of which until data-gr-state=ready (compute and views; the rest is the graph's layout), median of ${all(rs.map((r) => r.computeMs))} ms | ${Number.isFinite(compute) ? `${compute.toFixed(0)} ms` : '—'} | — | — |`);
  if (notes !== '') console.log(`\npage bench notes: ${notes}`);
}
