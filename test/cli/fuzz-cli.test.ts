// The CLI fuzzer that .ci/run runs (bench/fuzz-cli.ts): each of its checks finds what it is for
// (a stand-in command misbehaving on purpose), and the real command passes a few of its inputs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliFuzz, type CliFuzzOptions } from '../../dist/bench/fuzz-cli.js';
import { cliCases } from '../../dist/bench/fuzz-cases.js';
import { seedPaths } from '../../dist/bench/fuzz.js';
import { toSeed } from '../../dist/bench/fuzz-mutate.js';

const dir = mkdtempSync(join(tmpdir(), 'gr-fuzz-cli-test-'));
const base: CliFuzzOptions = { seed: 1, count: 0, hangMs: 10_000, maxRssMiB: 1024, jobs: 2, checkGv: true, checkTerminal: true };

describe('CLI fuzzer checks', () => {
  it('finds a stack trace, a bad exit code, a hang, high RSS, a .gv native dot rejects and a control character', async () => {
    // Misbehaves according to its flag: argv = [input, flag, --out-dir, out].
    const fake = join(dir, 'fake-cli.mjs');
    writeFileSync(
      fake,
      `import { writeFileSync } from 'node:fs';
const [, , , flag, , out] = process.argv;
if (flag === '--stack') { console.error('gen-report: internal error: boom\\n    at f (/x/y.js:1:2)'); process.exit(70); }
if (flag === '--abort') process.kill(process.pid, 'SIGABRT');
if (flag === '--hang') setTimeout(() => {}, 60_000);
if (flag === '--rss') { globalThis.keep = Buffer.alloc(300 * 2 ** 20, 1); }
if (flag === '--gv') writeFileSync(out + '/x.gv', 'digraph { a -> }');
if (flag === '--text') process.stdout.write('name\\u001b]0;title\\u0007\\n');
if (flag === '--ok') { writeFileSync(out + '/x.gv', 'digraph { a -> b }'); process.stdout.write('fine\\tline\\n'); }
if (flag === '--refuse') { console.error('gen-report: x: not a profile'); process.exit(2); }
`,
    );
    const flags = ['--stack', '--abort', '--hang', '--rss', '--gv', '--text', '--ok', '--refuse'];
    const cases = flags.map((f) => ({ name: f, bytes: new Uint8Array([1]), flags: [f] }));
    const rep = await runCliFuzz({ ...base, cli: fake, cases, hangMs: 8000, maxRssMiB: 200 });
    const found = rep.defects.map((d) => `${d.name} ${d.kind}`).sort();
    expect(found).toEqual(['--abort exit code', '--gv native graphviz', '--hang hang', '--rss rss', '--stack exit code', '--stack stack trace', '--text control character']);
    expect(rep.inputs).toBe(8);
    expect(rep.refusals).toBe(1);
    // Switched off, the last two are listed but are not defects.
    const off = await runCliFuzz({ ...base, cli: fake, cases: cases.filter((c) => ['--gv', '--text'].includes(c.name)), checkGv: false, checkTerminal: false });
    expect(off.defects).toEqual([]);
    expect(off.unchecked.map((d) => d.kind).sort()).toEqual(['control character', 'native graphviz']);
  }, 60_000);

  it('the real command on a few mutants: no defect; the case list is the same for a seed', async () => {
    const seeds = seedPaths().map((p) => toSeed(p, readFileSync(p)));
    const all = cliCases(seeds, 1, 250);
    expect(cliCases(seeds, 1, 250).map((c) => c.name)).toEqual(all.map((c) => c.name));
    expect(all.filter((c) => c.name.startsWith('mutant')).length).toBeGreaterThan(10);
    const cases = all.filter((c) => c.name.startsWith('mutant') && /--(text|dot|json)$/.test(c.name)).slice(0, 6);
    const rep = await runCliFuzz({ ...base, cases, checkGv: false, checkTerminal: false });
    expect(rep.defects).toEqual([]);
    expect(rep.successes + rep.refusals).toBe(cases.length);
  }, 120_000);
});
