import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// The built fuzzer: its cases run in a worker thread, which needs the compiled file.
import { runFuzz, seedPaths } from '../../dist/bench/fuzz.js';
import { mutant, toSeed } from '../../dist/bench/fuzz-mutate.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gr-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fuzz: mutated samples (byte flips, truncations, duplicated fields, legacy-text lines), fixed seed', () => {
  it('3000 mutants in-process through parse + analyze + text + DOT: no crash but UserError, no hang', async () => {
    const rep = await runFuzz({ count: 3000, seed: 1, timeoutMs: 10_000, saveDir: join(dir, 'findings') });
    const crashes = rep.crashes.map((c) => `case ${c.i} (${c.from}): ${c.message}\n${c.stack}`);
    expect(crashes).toEqual([]);
    expect(rep.hangs).toEqual([]);
    // Both paths ran: some mutants still parse and render, most are refused.
    expect(rep.ok).toBeGreaterThan(50);
    expect(rep.userErrors).toBeGreaterThan(1000);
    expect(rep.ok + rep.userErrors).toBe(3000);
  }, 300_000);

  it('a handful through the CLI: exit 0 with a complete file, or exit 2 with one line', () => {
    const seeds = seedPaths().map((p) => toSeed(p, readFileSync(p)));
    let refused = 0;
    for (let i = 0; i < 12; i++) {
      const input = join(dir, `m${i}.pb`);
      writeFileSync(input, mutant(seeds, 99, i).bytes);
      const out = join(dir, `out${i}`);
      const r = runCli([input, '--text', '--dot', '--out-dir', out, '-q']);
      expect([0, 2], r.stderr).toContain(r.code);
      if (r.code === 2) {
        refused++;
        expect(r.stderr).toMatch(/^gen-report: [^\n]+\n$/);
        expect(r.stderr).not.toContain('internal error');
        expect(() => readdirSync(out)).toThrow(); // nothing written
      } else {
        expect(readdirSync(out)).toEqual([`m${i}.gv`]);
        expect(readFileSync(join(out, `m${i}.gv`), 'utf8')).toMatch(/\}\s*$/);
      }
    }
    expect(refused).toBeGreaterThan(0);
  }, 120_000);
});
