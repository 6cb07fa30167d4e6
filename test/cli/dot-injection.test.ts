import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { parseDot } from '../helpers/dot-parse.js';
import { heapProfile } from '../helpers/hostile-profile.js';

/** A label value that ts-graphviz's model printed unquoted, as an HTML-like label (line break, `<`, ends in `>`). */
const EVIL = (br: string) => `x${br}<b>"]; N9 [label="evil" URL="javascript:alert(1)"]; stylesheet="http://evil.example/x.css"; x [label=<y>`;
const BREAKS = ['\n', '\r', '\u2028', '\u2029'];

const profile = (fn: string, labels: string[]): Uint8Array =>
  heapProfile({ functions: ['main.main', fn], samples: labels.map((v, i) => ({ stack: [1, 0], values: [1, 1000 * (i + 1)], labels: [['kind', v]] })) });

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
