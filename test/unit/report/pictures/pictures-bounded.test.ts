// Pictures (--svg, --png, --html) with bounded work: every bundled sample lays out in each of its
// sample types, a giant name is cut as for DOT, a Graphviz failure is a one-line user error, and the
// HTML page stays under its size cap with a note saying what was left out.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bombProfile } from '../../../../dist/bench/bombs.js';
import { UserError } from '../../../../dist/src/errors.js';
import { runLayout } from '../../../../dist/src/io/layout.js';
import { capPage } from '../../../../dist/src/report/html/size-cap.js';
import { runCli } from '../../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gr-pictures-'));
const write = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const pageData = (html: string) => JSON.parse(/id="gr-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as {
  views: { rows: [string][]; rowsLeftOut?: number }[];
  flame: { names: string[] };
};

describe('pictures', () => {
  it('samples/synthetic/names.prof --html: all four sample types lay out', () => {
    const out = join(dir, 'names.html');
    const r = runCli(['samples/synthetic/names.prof', '--html', '-o', out]);
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toContain('could not be laid out');
  });

  it('a 10 MB function name: --svg cuts it in labels (as --dot does) and tooltips', () => {
    const input = write('giant.pb', bombProfile({ leaves: [`big.${'x'.repeat(10_000_000)}`] }));
    const out = join(dir, 'giant.svg');
    const r = runCli([input, '--svg', '-o', out], { timeout: 60_000 });
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toContain('x…');
    expect(statSync(out).size).toBeLessThan(1_000_000);
  }, 70_000);

  it('a Graphviz failure is a one-line UserError with its reason', async () => {
    const e = await runLayout('digraph { a -> }', 60, '2 nodes, 1 edges').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as Error).message).toMatch(/^Graphviz layout failed \(2 nodes, 1 edges\): syntax error in line 1 near '\}'$/);
  });
});

describe('the HTML page has a size cap', () => {
  it('a 1 MB name in 40 sample types: names cut, a note in the page, a small file', () => {
    const input = write('wide.pb', bombProfile({ leaves: [`big.${'y'.repeat(1_000_000)}`], types: 40 }));
    const out = join(dir, 'wide.html');
    const r = runCli([input, '--html', '-o', out], { timeout: 110_000 });
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(r.code).toBe(0);
    expect(statSync(out).size).toBeLessThan(10 * 2 ** 20);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<li>Names longer than 4,000 characters are cut (…) in this page; --text prints them whole.</li>');
    const data = pageData(html);
    expect(data.views).toHaveLength(40);
    expect(data.views[0]!.rows[0]![0]).toBe(`big.${'y'.repeat(3996)}…`);
  }, 120_000);

  it('capPage: the selected table first, then the others; rows past the cap are left out and counted', () => {
    const row = (name: string) => [name, '', 1, 1, '1', '1%', '1%', '1', '1%'];
    const view = (type: string, n: number) => ({ type, rows: Array.from({ length: n }, (_, i) => row(`${type}.fn${i}`)), graph: { nodes: {}, edges: [] } });
    const parts = {
      views: [view('a', 1000), view('b', 1000)],
      graphs: ['<svg/>', '<svg/>'],
      graphErrors: [null, null],
      flame: { names: ['root'], parent: [-1], name: [0], values: [[1], [1]], minShare: 0 },
      selected: 1,
      comments: [] as string[],
    };
    const notes = capPage(parts as never, { maxNameChars: 4000, maxBytes: 150_000, maxComments: 10 });
    expect(parts.views[1]!.rows).toHaveLength(1000);
    const kept = parts.views[0]!.rows.length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(1000);
    expect((parts.views[0] as { rowsLeftOut?: number }).rowsLeftOut).toBe(1000 - kept);
    expect(notes).toEqual([`${1000 - kept} table rows were left out to keep the page under its size cap (146 kB of data); --text lists them all.`]);
  });
});
