// The layout worker pool (src/io/layout-workers.ts): a worker started ahead of time takes the
// first layout; workers are reused, at most one per core besides the main thread's; a layout that
// fails or runs out of time stops its worker, and the next layout gets a working one; idle workers
// never keep the process alive. Uses the BUILT modules (workers run compiled JavaScript).
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

const dist = (m: string) => pathToFileURL(join(ROOT, 'dist/src/io', m)).href;
const pool = () => import(dist('layout-workers.js'));
const layout = async (dot: string, seconds = 60): Promise<string> => (await import(dist('layout.js'))).runLayout(dot, seconds, 'test');
const title = (a: string, b: string) => `<title>${a}&#45;&gt;${b}</title>`;

/** A graph big enough to take Graphviz well over a millisecond. */
const big = `digraph { ${Array.from({ length: 400 }, (_, i) => `n${i} -> n${(i * 7 + 3) % 400}; n${i} -> n${(i * 13 + 5) % 400};`).join(' ')} }`;

describe('layout worker pool', () => {
  it('the warm worker takes the first layout; releasing idle workers then leaves that layout alone', async () => {
    const { warmLayoutWorker } = await pool();
    const release: () => void = warmLayoutWorker();
    const pending = layout('digraph { a -> b }');
    release();
    expect(await pending).toContain(title('a', 'b'));
    expect(await layout('digraph { c -> d }')).toContain(title('c', 'd'));
  });

  it('released idle workers are stopped, and the next layout starts a fresh one', async () => {
    const { warmLayoutWorker, layoutWorkersStarted } = await pool();
    warmLayoutWorker()();
    const before: number = layoutWorkersStarted();
    expect(await layout('digraph { e -> f }')).toContain(title('e', 'f'));
    expect(layoutWorkersStarted()).toBe(before + 1);
  });

  it('several layouts at once share at most one worker per spare core; a free worker is reused', async () => {
    const { warmLayoutWorker, layoutWorkersStarted } = await pool();
    warmLayoutWorker()(); // no idle worker left from other tests
    const before: number = layoutWorkersStarted();
    const svgs = await Promise.all(['g', 'h', 'i', 'j'].map((x) => layout(`digraph { ${x} -> z }`)));
    svgs.forEach((svg, i) => expect(svg).toContain(title('ghij'[i]!, 'z')));
    const used = layoutWorkersStarted() - before;
    expect(used).toBeGreaterThanOrEqual(1);
    expect(used).toBeLessThanOrEqual(Math.min(4, Math.max(1, availableParallelism() - 1)));
    expect(await layout('digraph { k -> z }')).toContain(title('k', 'z'));
    expect(layoutWorkersStarted() - before).toBe(used);
  });

  it('a failed layout and a timed-out one stop their workers; the next layout works', async () => {
    await expect(layout('digraph { a -> }')).rejects.toThrow(/^Graphviz layout failed/);
    await expect(layout(big, 0.001)).rejects.toThrow(/^graph layout stopped after 0\.001 s \(test\)/);
    expect(await layout('digraph { l -> m }')).toContain(title('l', 'm'));
  });

  it('one DOT laid out again and again in the same worker: each layout gets a clean Graphviz', async () => {
    // Reduced from samples/synthetic/names.prof's picture: in one reused WASM instance the second
    // layout trapped ("null function or function signature mismatch", "table index is out of bounds").
    const dot = [
      'digraph "unnamed" { graph [ fontname = "Arimo"; ]; "NN10_0" [ label = "512B"; id = "NN10_0";',
      'label = "\\nhelper\\n0.25kB (0.63%)"; shape = "box"; tooltip = "::helper (0.25kB)"; shape = "box3d"; tooltip = "0.25kB"; ]; }',
    ].join('\n');
    for (let i = 0; i < 3; i++) expect(await layout(dot)).toContain('<title>NN10_0</title>');
  });

  it('an idle worker does not keep the process alive', () => {
    const script = `import(${JSON.stringify(dist('layout-workers.js'))}).then((m) => { m.warmLayoutWorker(); setTimeout(() => {}, 300); });`;
    const r = spawnSync(process.execPath, ['-e', script], { timeout: 20_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
  });
});
