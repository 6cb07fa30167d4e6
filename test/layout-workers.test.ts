// The layout worker started ahead of its request (src/report/layout-workers.ts): the first layout
// uses it, releasing it after that claim leaves the layout alone, and an unclaimed one never keeps
// the process alive. Uses the BUILT modules (workers run compiled JavaScript).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const dist = (m: string) => pathToFileURL(join(ROOT, 'dist/src/report', m)).href;

describe('warm layout worker', () => {
  it('lays out the first request; releasing it once claimed does not stop that layout', async () => {
    const { warmLayoutWorker } = await import(dist('layout-workers.js'));
    const { runLayout } = await import(dist('layout.js'));
    const release: () => void = warmLayoutWorker();
    const pending: Promise<string> = runLayout('digraph { a -> b }', 60, 'test');
    release();
    const svg = await pending;
    expect(svg).toContain('<svg');
    expect(svg).toContain('<title>a&#45;&gt;b</title>');
    // The next layout has no warm worker left and starts its own.
    expect(await runLayout('digraph { c -> d }', 60, 'test')).toContain('<title>c&#45;&gt;d</title>');
  });

  it('a released, never-claimed worker is stopped; the next layout starts a fresh one', async () => {
    const { warmLayoutWorker } = await import(dist('layout-workers.js'));
    const { runLayout } = await import(dist('layout.js'));
    warmLayoutWorker()();
    expect(await runLayout('digraph { e -> f }', 60, 'test')).toContain('<title>e&#45;&gt;f</title>');
  });

  it('an unclaimed warm worker does not keep the process alive', () => {
    const script = `import(${JSON.stringify(dist('layout-workers.js'))}).then((m) => { m.warmLayoutWorker(); setTimeout(() => {}, 300); });`;
    const r = spawnSync(process.execPath, ['-e', script], { timeout: 20_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
  });
});
