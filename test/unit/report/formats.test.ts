import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText, parseCli } from '../../../src/cli/options.js';
import { run } from '../../../src/cli/run.js';
import { formatTable, registerFormat, type FormatRecord } from '../../../src/report/formats.js';
import { ROOT, runCli } from '../../helpers/cli.js';

const PROFILE = join(ROOT, 'samples/allocs.pb.gz');

/** A format the table does not have: the number of functions, with the progress label it names. */
const record = (name: string, destination: FormatRecord['destination']): FormatRecord => ({
  name,
  help: `the number of functions (${name}, a test format)`,
  ext: `${name}.txt`,
  destination,
  binary: false,
  needs: { layout: false, rasterizer: false },
  summary: false,
  label: `counting functions (${name})`,
  diff: true,
  leaks: false,
  inputs: [],
  render: async (inputs) => `${inputs.profile.functions.length} functions\n`,
});

describe('the format table', () => {
  it('a record added to it is parsed, listed by --help, labelled and rendered by the run', async () => {
    registerFormat(record('fncount', 'stdout'));
    registerFormat(record('fnfile', 'file'));
    expect(helpText('0')).toMatch(/^ {6}--fncount +the number of functions \(fncount, a test format\)$/m);
    const dir = mkdtempSync(join(tmpdir(), 'format-table-'));
    const opts = parseCli(['-fncount', '--fnfile', '--out-dir', dir, PROFILE]);
    if (typeof opts === 'string') throw new Error(opts);
    expect(opts.formats).toEqual(['fncount', 'fnfile']);
    let stdout = '';
    let stderr = '';
    const code = await run(opts, { stdout: (s) => void (stdout += String(s)), stderr: (s) => void (stderr += s), stderrIsTTY: true, env: {} });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+ functions\n$/);
    expect(readFileSync(join(dir, 'allocs.fnfile.txt'), 'utf8')).toBe(stdout);
    expect(stderr).toContain('gen-report: counting functions (fncount)…');
    expect(stderr).toContain('gen-report: counting functions (fnfile)…');
    expect(stderr).toContain(`wrote ${join(dir, 'allocs.fnfile.txt')}\n`);
  });

  it('--leaks and --base refuse the formats whose record says no', () => {
    registerFormat({ ...record('nodiff', 'stdout'), diff: false });
    expect(() => parseCli(['--nodiff', '--base', PROFILE, PROFILE])).toThrow('--nodiff cannot show a difference: drop --base/--diff_base');
    expect(() => parseCli(['--nodiff', '--leaks', PROFILE, PROFILE])).toThrow('--leaks writes text, html, json and markdown, not nodiff');
  });

  it("the command's --help lists every built-in format with its help line", () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    const formats = r.stdout.slice(r.stdout.indexOf('\nFormats:\n'), r.stdout.indexOf('\nOutput:\n'));
    const listed = [...formats.matchAll(/^ {6}--(\w+)/gm)].map((m) => m[1]);
    const builtin = formatTable().filter((f) => !['fncount', 'fnfile', 'nodiff'].includes(f.name));
    expect(listed).toEqual(builtin.map((f) => f.name));
    for (const f of builtin) expect(formats).toContain(f.help);
  });
});
