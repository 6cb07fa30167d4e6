// The background thread (src/io/background.ts) that builds the HTML report's flame graph and
// embedded profile while the main thread builds the graphs: it gives exactly what the same task
// gives on the main thread, a failed task or a dead worker rejects (and the engine then does the
// work itself), and an idle worker never keeps the process alive. Uses the BUILT modules (the
// worker runs compiled JavaScript).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const dist = (m: string) => pathToFileURL(join(ROOT, 'dist/src', m)).href;
const bg = () => import(dist('io/background.js'));
const tasks = () => import(dist('report/html/background-tasks.js'));
await import(dist('io/node-platform.js'));
const { DEFAULTS } = await import(dist('config/defaults.js'));
const { parseProfile } = await import(dist('ingest/parse.js'));
const { reportsEveryType } = await import(dist('graph/prepare.js'));

const load = (f: string) => parseProfile(readFileSync(join(ROOT, f)), f, { maxInflate: 1 << 30 });
const PROFILES = ['samples/workload/leak.pb.gz', 'samples/inline.pb.gz', 'samples/labels.pb.gz', 'samples/workload/leak.prof'];

describe('background thread', () => {
  it('gives the flame graph and the embedded profile the main thread gives, for each profile and cap', async () => {
    const { runInBackground } = await bg();
    const { BACKGROUND_TASKS } = await tasks();
    for (const f of PROFILES) {
      const p = load(f);
      const config = { ...DEFAULTS.report, dropNegative: f.endsWith('.prof') };
      expect(await runInBackground('flame', p, config), f).toEqual(BACKGROUND_TASKS.flame(p, config));
      for (const cap of [DEFAULTS.htmlMaxProfileBytes, 10]) {
        const here = BACKGROUND_TASKS.encodeProfile(p, cap);
        expect(await runInBackground('encodeProfile', p, cap), `${f} cap ${cap}`).toEqual(here);
      }
    }
  });

  it('leaves the profile it was given as it was (its sample arrays are copied to shared memory, not moved)', async () => {
    const { runInBackground } = await bg();
    const p = load('samples/workload/leak.pb.gz');
    reportsEveryType(p);
    const before = structuredClone(p.samples);
    await runInBackground('flame', p, DEFAULTS.report);
    expect(p.samples).toEqual(before);
    expect(p.samples.locs.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('a task that throws rejects with its message, and the worker goes on with the next', async () => {
    const { runInBackground } = await bg();
    const p = load('samples/inline.pb.gz');
    await expect(runInBackground('noSuchTask' as never, p, null)).rejects.toThrow(/not a function/);
    expect(await runInBackground('encodeProfile', p, 10)).toBeNull();
  });

  it('stopping the worker rejects the tasks it had not answered; a task sent after starts a new worker, which gets the profile again', async () => {
    const { runInBackground, warmBackground } = await bg();
    const p = load('samples/workload/leak.pb.gz');
    const stop = warmBackground();
    const pending = runInBackground('flame', p, DEFAULTS.report);
    stop();
    // Sent before the stopped worker has exited: the new worker's, not failed by the old one's exit.
    const next = runInBackground('flame', p, DEFAULTS.report);
    await expect(pending).rejects.toThrow(/background worker exited/);
    expect((await next).parent[0]).toBe(-1);
  });

  it('a task that cannot be posted rejects, and the next task on the same profile gets the profile again', async () => {
    const { runInBackground } = await bg();
    const p = load('samples/inline.pb.gz');
    await expect(runInBackground('encodeProfile', p, (() => 10) as never)).rejects.toThrow(/could not be cloned/);
    expect(await runInBackground('encodeProfile', p, 10)).toBeNull();
    expect((await runInBackground('flame', p, DEFAULTS.report)).parent[0]).toBe(-1);
  });

  it('runs at once share the worker: one run stopping leaves the other\'s tasks running, the last stop ends it', async () => {
    const { runInBackground, warmBackground } = await bg();
    const p = load('samples/workload/leak.pb.gz');
    const stopA = warmBackground();
    const stopB = warmBackground();
    const b = runInBackground('flame', p, DEFAULTS.report);
    stopA();
    stopA(); // twice is once
    expect((await b).parent[0]).toBe(-1);
    const last = runInBackground('flame', p, DEFAULTS.report);
    stopB();
    await expect(last).rejects.toThrow(/background worker exited/);
  });

  it('a task that could not be posted does not keep the process alive', () => {
    expectExitsAlone('unposted', [
      `const { runInBackground } = await import(${JSON.stringify(dist('io/background.js'))});`,
      `await runInBackground('encodeProfile', p, () => 1).then(() => console.log('posted'), () => console.log('refused'));`,
    ], 'refused\n');
  });

  it('an idle worker does not keep the process alive', () => {
    expectExitsAlone('idle', [
      `const [{ runInBackground }, { DEFAULTS }] = await Promise.all([import(${JSON.stringify(dist('io/background.js'))}), import(${JSON.stringify(dist('config/defaults.js'))})]);`,
      `const f = await runInBackground('flame', p, DEFAULTS.report);`,
      `console.log(f.parent.length > 0 ? 'done' : 'empty');`,
    ], 'done\n');
  });
});

/** Runs `lines` in a process of their own (with `p`, a parsed bundled profile): it must print `stdout` and exit by itself, 0, within 20 s. */
function expectExitsAlone(name: string, lines: string[], stdout: string): void {
  const script = [
    `await import(${JSON.stringify(dist('io/node-platform.js'))});`,
    `const { parseProfile } = await import(${JSON.stringify(dist('ingest/parse.js'))});`,
    `const p = parseProfile(await import('node:fs').then((fs) => fs.readFileSync(${JSON.stringify(join(ROOT, 'samples/inline.pb.gz'))})), 'x', { maxInflate: 1 << 30 });`,
    ...lines,
  ].join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'gr-bg-')), `${name}.mjs`);
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], { timeout: 20_000 });
  expect(r.error).toBeUndefined();
  expect(r.stderr.toString()).toBe('');
  expect(r.stdout.toString()).toBe(stdout);
  expect(r.status).toBe(0);
}

describe('inBackground (the engine side)', () => {
  it('runs the task here when the platform has no thread now or its thread fails', async () => {
    const { installPlatform, platform } = await import(dist('util/platform.js'));
    const { inBackground, BACKGROUND_TASKS } = await tasks();
    const node = platform();
    const p = load('samples/inline.pb.gz');
    const want = BACKGROUND_TASKS.flame(p, DEFAULTS.report);
    const asked: string[] = [];
    try {
      installPlatform({ ...node, background: (task: string) => (asked.push(task), null) });
      expect(await inBackground('flame', p, DEFAULTS.report)()).toEqual(want);
      installPlatform({ ...node, background: (task: string) => (asked.push(task), Promise.reject(new Error('thread died'))) });
      expect(await inBackground('flame', p, DEFAULTS.report)()).toEqual(want);
      installPlatform({ ...node, background: undefined });
      expect(await inBackground('flame', p, DEFAULTS.report)()).toEqual(want);
      // A thread that cannot even take the task (no memory to share the samples, no thread) throws at once.
      installPlatform({ ...node, background: (task: string) => { asked.push(task); throw new RangeError('Array buffer allocation failed'); } });
      expect(await inBackground('flame', p, DEFAULTS.report)()).toEqual(want);
    } finally {
      installPlatform(node);
    }
    expect(asked).toEqual(['flame', 'flame', 'flame']);
  });

  it('redoes a failed thread\'s task here only when the result is asked for, and only once', async () => {
    const { installPlatform, platform } = await import(dist('util/platform.js'));
    const { inBackground, BACKGROUND_TASKS } = await tasks();
    const node = platform();
    const real = BACKGROUND_TASKS.flame;
    let ran = 0;
    const p = load('samples/inline.pb.gz');
    try {
      BACKGROUND_TASKS.flame = (...a: Parameters<typeof real>) => (ran++, real(...a));
      installPlatform({ ...node, background: () => Promise.reject(new Error('thread died')) });
      const later = inBackground('flame', p, DEFAULTS.report);
      await new Promise((r) => setTimeout(r, 10));
      expect(ran).toBe(0); // a run that failed meanwhile would never ask: nothing redone
      const first = await later();
      expect(await later()).toBe(first);
      expect(ran).toBe(1);
      // With no thread at all, also made when asked for, once.
      installPlatform({ ...node, background: undefined });
      const here = inBackground('flame', p, DEFAULTS.report);
      expect(ran).toBe(1);
      expect(await here()).toEqual(first);
      await here();
      expect(ran).toBe(2);
    } finally {
      BACKGROUND_TASKS.flame = real;
      installPlatform(node);
    }
  });
});
