import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Function as PFunction, Label, Line, Location, Profile, Sample, StringTable, ValueType } from 'pprof-format';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { parseDot } from './helpers/dot-parse.js';

/** A label value that ts-graphviz's model printed unquoted, as an HTML-like label (line break, `<`, ends in `>`). */
const EVIL = (br: string) => `x${br}<b>"]; N9 [label="evil" URL="javascript:alert(1)"]; stylesheet="http://evil.example/x.css"; x [label=<y>`;
const BREAKS = ['\n', '\r', '\u2028', '\u2029'];

function profile(fn: string, labels: string[]): Uint8Array {
  const st = new StringTable();
  const s = (x: string) => st.dedup(x);
  const fns = ['main.main', fn].map((name, i) => new PFunction({ id: i + 1, name: s(name), systemName: s(name), filename: s('main.go') }));
  const locs = fns.map((f, i) => new Location({ id: i + 1, line: [new Line({ functionId: f.id, line: 10 + i })] }));
  const sample = labels.map((v, i) => new Sample({ locationId: [2, 1], value: [1, 1000 * (i + 1)], label: [new Label({ key: s('kind'), str: s(v) })] }));
  return new Profile({
    sampleType: [new ValueType({ type: s('inuse_objects'), unit: s('count') }), new ValueType({ type: s('inuse_space'), unit: s('bytes') })],
    sample,
    location: locs,
    function: fns,
    stringTable: st,
    timeNanos: 1_700_000_000_000_000_000n,
    periodType: new ValueType({ type: s('space'), unit: s('bytes') }),
    period: 524288,
  }).encode();
}

const dir = mkdtempSync(join(tmpdir(), 'gr-dot-inj-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const input = join(dir, 'evil.pb');
writeFileSync(input, profile(EVIL('\u2028'), BREAKS.map(EVIL)));
const hasDot = spawnSync('dot', ['-V']).status === 0;

describe('a crafted label or name adds nothing to the DOT or SVG (#26)', () => {
  it('--dot: every value quoted, exactly our nodes, native Graphviz reads it', () => {
    const r = runCli([input, '--dot', '-o', '-']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // Before: `label = <ind:x\u2028<b>"]; N9 …>;` — printed as an HTML-like label, unquoted.
    expect(r.stdout).not.toMatch(/= </);
    const d = parseDot(r.stdout);
    expect([...d.nodes.keys()].filter((k) => k !== 'node' && k !== 'edge').sort()).toEqual(['N1', 'N1_0', 'N1_1', 'N1_2', 'N1_3', 'N2', 'Type: inuse_space']);
    if (hasDot) {
      const j = spawnSync('dot', ['-Tjson0'], { input: r.stdout, encoding: 'utf8' });
      expect(j.stderr).toBe('');
      const names = (JSON.parse(j.stdout) as { objects: { name: string }[] }).objects.map((o) => o.name).sort();
      expect(names).toEqual(['N1', 'N1_0', 'N1_1', 'N1_2', 'N1_3', 'N2', 'Type: inuse_space', 'cluster_L']);
    }
  });

  it('--svg: no link, no stylesheet, the text drawn as text', () => {
    const out = join(dir, 'evil.svg');
    const r = runCli([input, '--svg', '-o', out]);
    expect(r.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).not.toMatch(/href|xml-stylesheet|<style|<script/);
    expect(svg).toContain('javascript:alert(1)'); // as text, escaped
    for (const a of svg.match(/<a\b[^>]*>/g) ?? []) expect(a).toMatch(/^<a xlink:title="[^"]*">$/);
  });
});
