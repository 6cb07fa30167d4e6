import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseProfile, reportSource, DEFAULTS, generateReport, InputError, parseProfile, readProfile, renderReport, UsageError } from '../../src/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

/** The library API (src/api.ts): the command's results, and clear errors when it is misused. */
const LEAK = join(ROOT, 'samples/workload/leak.pb.gz');

async function thrown(f: () => unknown): Promise<unknown> {
  try {
    await f();
  } catch (e) {
    return e;
  }
  throw new Error('no error thrown');
}

describe('generateReport', () => {
  it("makes the command's text and JSON, and with outDir writes the command's files", async () => {
    const out = mkdtempSync(join(tmpdir(), 'gen-report-api-'));
    const r = await generateReport(LEAK, { formats: ['text', 'dot', 'json'], outDir: out, budgets: { maxTotal: '1MB' }, flags: { nodecount: 12 } });
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-api-cli-'));
    const cli = runCli([LEAK, '--text', '--dot', '--json', '--out-dir', dir, '--max-total', '1MB', '--nodecount=12', '--quiet']);
    expect(cli.code).toBe(1);
    expect(r.exitCode).toBe(1);
    expect(r.text).toBe(cli.stdout);
    expect(r.breaches).toEqual(cli.stderr.trim().split('\n'));
    expect(readdirSync(out).sort()).toEqual(['leak.gv', 'leak.json']);
    expect(r.files).toEqual([
      { format: 'dot', path: join(out, 'leak.gv') },
      { format: 'json', path: join(out, 'leak.json') },
    ]);
    expect(readFileSync(join(out, 'leak.gv'), 'utf8')).toBe(readFileSync(join(dir, 'leak.gv'), 'utf8'));
    // The same document but for the folder named in its artifact list.
    expect(readFileSync(join(out, 'leak.json'), 'utf8')).toBe(readFileSync(join(dir, 'leak.json'), 'utf8').split(dir).join(out));
    expect(r.report.budgets!.ok).toBe(false);
  });
  it('bytes and a leak series; no outDir: nothing written, the outputs returned', async () => {
    const series = [1, 2, 3].map((i) => ({ name: `leak-00${i}.pb.gz`, bytes: readFileSync(join(ROOT, `samples/workload/series/leak-00${i}.pb.gz`)) }));
    const r = await generateReport(series, { leaks: true, formats: ['text', 'markdown'] });
    expect(r.files).toEqual([]);
    expect(r.report.leaks).not.toBeNull();
    expect(typeof r.outputs.markdown).toBe('string');
    const cli = runCli(['--leaks', ...series.map((s) => s.name), '--text'], { cwd: join(ROOT, 'samples/workload/series') });
    expect(r.text).toBe(cli.stdout);
  });
  it('refusals are typed errors with exit code 2, as the command', async () => {
    const missing = await thrown(() => generateReport('no-such.pb.gz'));
    expect(missing).toBeInstanceOf(InputError);
    expect(missing).toMatchObject({ exitCode: 2, source: 'no-such.pb.gz', message: 'no-such.pb.gz: no such file' });
    expect(await thrown(() => generateReport(LEAK, { flags: { nodecont: 3 } }))).toBeInstanceOf(UsageError);
    expect(await thrown(() => generateReport(LEAK, { budgets: { maxTotal: 'lots' } }))).toMatchObject({ name: 'UsageError', exitCode: 2 });
    expect(await thrown(() => generateReport([]))).toMatchObject({ message: 'generateReport: no profile given' });
    expect(await thrown(() => generateReport(42 as never))).toMatchObject({ message: 'generateReport: want a file path, a URL, a Uint8Array or { name, bytes }, got number' });
  });
});

describe('the stages', () => {
  it('read, analyse, render: the text of the command with the same options', async () => {
    const p = await readProfile(readFileSync(LEAK));
    const text = await renderReport(analyseProfile(p, { sample_index: 'alloc_space', nodecount: 5 }), 'text');
    expect(text).toBe(runCli([LEAK, '--text', '--sample_index=alloc_space', '--nodecount=5']).stdout);
  });
  it('each says what it wants when given something else', async () => {
    const bytes = readFileSync(LEAK);
    const p = await readProfile(LEAK);
    const cases: [() => unknown, string][] = [
      [() => readProfile({} as never), 'readProfile: want a file path, a URL, a Uint8Array or { name, bytes }, got an object with keys (none)'],
      [() => analyseProfile(bytes as never), 'analyseProfile: want a Profile from readProfile(), got bytes (read them with readProfile first)'],
      [() => renderReport(p as never, 'text'), 'renderReport: want the analysis from analyseProfile(), got a Profile (analyse it with analyseProfile first)'],
      [() => renderReport(analyseProfile(p), 'peek'), "renderReport: peek needs its regexp: analyseProfile(profile, { peek: 'REGEX' })"],
      [() => parseProfile(LEAK as never), "parseProfile: want the profile's bytes (a Uint8Array or Buffer), got string"],
      [() => reportSource(p, { ...DEFAULTS } as never, 'leak'), 'reportSource: want a ReportConfig (DEFAULTS.report with your changes), not DEFAULTS'],
    ];
    for (const [f, message] of cases) {
      const e = await thrown(f);
      expect(e).toBeInstanceOf(UsageError);
      expect((e as Error).message).toBe(message);
    }
    // parseProfile(bytes) alone: the defaults, not "Cannot read properties of undefined".
    expect(parseProfile(bytes).sampleTypes.map((t) => t.type)).toEqual(['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
  });
});
