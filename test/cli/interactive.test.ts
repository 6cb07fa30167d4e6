import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { byCommand, runInteractiveScript } from '../helpers/interactive.js';

// gen-report -i driven through a pipe, beyond what the pprof goldens show.
const LEAK = { sample: 'samples/workload/leak.pb.gz', flags: [] as string[] };
const answers = (commands: string, c = LEAK, env: NodeJS.ProcessEnv = {}) => {
  const r = runInteractiveScript(c, commands, env);
  expect(r.code).toBe(0);
  return byCommand(r.output, '(gen-report) ');
};

describe('gen-report -i through a pipe', () => {
  it('bare option words apply as name=true does (pprof 1.19 asks for cum=true)', () => {
    const bare = answers('cum\ntop 3\nlines\ntop 3\nfiles\ntop 2\nflat\nfunctions\ntop 2\n');
    const spelled = answers('cum=true\ntop 3\nlines=true\ntop 3\nfiles=true\ntop 2\nflat=true\nfunctions=true\ntop 2\n');
    expect(bare).toEqual(spelled);
    expect(bare[2]).toMatch(/main\.query\n/);
    expect(bare[4]).toMatch(/ main\.query userleak\/main\.go:\d+\n/);
  });

  it('the last line needs no newline, a blank line does nothing, and the session ends with a prompt', () => {
    const a = answers('\n   \ntop 1');
    expect(a.slice(1, 3)).toEqual(['', '']);
    expect(a[3]).toMatch(/^Showing nodes accounting for/);
    expect(a[4]).toBe('');
    expect(a.length).toBe(5);
  });

  it("pprof's commands without a renderer here say so", () => {
    const a = answers('weblist main.query\ndisasm\n');
    expect(a.slice(1, 3)).toEqual([
      'weblist is a go tool pprof command that gen-report does not have (type "help" for its commands)\n',
      'disasm is a go tool pprof command that gen-report does not have (type "help" for its commands)\n',
    ]);
  });

  it('words named like Object.prototype members are unknown, as any other word (go tool pprof says the same)', () => {
    const a = answers('help constructor\nconstructor\nhelp __proto__\ntoString 5\n');
    expect(a.slice(1, 5)).toEqual(['Unknown command: constructor\n', 'unrecognized command: "constructor"\n', 'Unknown command: __proto__\n', 'unrecognized command: "toString"\n']);
  });

  it("as pprof's plain UI: prompts and reports on stdout, the header and errors on stderr", () => {
    const r = runCli(['-i', LEAK.sample], { input: 'top 1\nbogus\n' });
    const top = runCli(['--text', '--compact_labels', '--nodecount=1', LEAK.sample]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`(gen-report) ${top.stdout}(gen-report) (gen-report) `);
    expect(r.stderr).toBe(
      'File: userleak\nType: inuse_space\nTime: 2026-11-26 09:33:59 UTC\n' +
        'Entering interactive mode (type "help" for commands, "o" for options)\nunrecognized command: "bogus"\n',
    );
  });

  it('quit ends the session before the lines after it', () => {
    const a = answers('quit\ntop\n');
    expect(a).toHaveLength(2);
  });

  it('flags on the command line are the first options, as pprof takes them', () => {
    const a = answers('o\n', { sample: LEAK.sample, flags: ['--sample_index=alloc_space', '--nodecount=7', '-focus=mysql'] });
    expect(a[1]).toMatch(/^ {2}sample_index {14}= alloc_space {10}\/\/: \[alloc_objects \| alloc_space \| inuse_objects \| inuse_space\]$/m);
    expect(a[1]).toMatch(/^ {2}nodecount {17}= 7 {20}$/m);
    expect(a[1]).toMatch(/^ {2}focus {21}= mysql {16}$/m);
    expect(a[1]).toMatch(/^ {2}compact_labels {12}= true {17}$/m);
  });

  it('json and markdown print, html goes to > FILE, an input is never overwritten', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-i-out-'));
    const input = join(dir, 'leak.pb.gz');
    writeFileSync(input, readFileSync(join(ROOT, LEAK.sample)));
    const a = answers(`json\nmarkdown 3\nhtml > ${dir}/r.html\ntop > ${input}\nproto > ${dir}/out.pb.gz\n`, { sample: input, flags: [] });
    expect(JSON.parse(a[1]!).schema).toBe('gen-report/1');
    expect(a[2]).toMatch(/^### Heap profile .*\n[^]*^#### Top 3 of 31 nodes by flat/m);
    expect(a[3]).toBe(`Generating report in ${dir}/r.html\n`);
    expect(readFileSync(join(dir, 'r.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(a[4]).toMatch(new RegExp(`^refusing to overwrite the input ${input} with an output[^\\n]*\\n$`));
    expect(readFileSync(input)).toEqual(readFileSync(join(ROOT, LEAK.sample)));
    expect(a[5]).toBe(`Generating report in ${dir}/out.pb.gz\n`);
    expect([...readFileSync(join(dir, 'out.pb.gz')).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
  });

  it('web writes the HTML report to a temporary file and prints its path; no browser from a pipe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-i-web-'));
    const marker = join(dir, 'browser-was-started');
    const browser = join(dir, 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(browser, 0o755);
    const a = answers('web\n', LEAK, { BROWSER: browser, DISPLAY: ':0', TMPDIR: dir });
    expect(a[1]).toMatch(new RegExp(`^Generating report in ${dir}/gen-report\\d{3}\\.html\\n$`));
    expect(existsSync(marker)).toBe(false);
    // Removed when the session ends, as pprof removes its web files.
    expect(existsSync(a[1]!.trim().split(' ').pop()!)).toBe(false);
  });

  it('refuses - as the profile (stdin carries the commands) and --leaks', () => {
    const r = runCli(['-i', '-'], { input: 'top\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gen-report: --interactive reads its commands from stdin: give the profile as a file or URL, not -\n');
    const l = runCli(['-i', '--leaks', 'samples/workload/leak.pb.gz', 'samples/workload/fixed.pb.gz'], { input: 'top\n' });
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/^gen-report: --interactive works on one profile/);
  });

  it('a profile name with control characters never reaches the terminal raw', () => {
    const a = answers('list \x1b]0;x\x07\n');
    expect(a[1]).toBe('no matches found for regexp: \\x1b]0;x\\x07\n');
  });
});

describe('gen-report -i loads as a one-shot run does', () => {
  it('several sources are merged: top is the batch --text of the same sources', () => {
    const two = { sample: 'samples/workload/leak.pb.gz', flags: ['samples/workload/fixed.pb.gz'] };
    const a = answers('top\n', two);
    const batch = runCli(['--text', '--compact_labels', '--nodecount=10', 'samples/workload/fixed.pb.gz', 'samples/workload/leak.pb.gz']);
    expect(batch.code).toBe(0);
    expect(a[1]).toBe(batch.stdout);
    expect(a[1]).toMatch(/^Showing nodes accounting for/);
  });

  it('a URL is fetched once, with the base subtracted, before the first prompt', async () => {
    const body = readFileSync(join(ROOT, 'samples/workload/fixed.pb.gz'));
    let fetches = 0;
    const server = createServer((_req, res) => {
      fetches++;
      res.end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/debug/pprof/heap`;
      const flags = ['-diff_base=samples/workload/leak.pb.gz'];
      const r = await runCliAsync(['-i', ...flags, url], { input: 'top5\ntop5 -cum\n' });
      expect(r.code).toBe(0);
      expect(fetches).toBe(1);
      // The same answers as the golden made from the file (pprof -diff_base=leak fixed.pb.gz).
      const golden = readFileSync(join(ROOT, 'test/goldens/interactive/pprof/workload_fixed.pb.gz@diff_base=samples_workload_leak.pb.gz@diff.txt'), 'utf8');
      const want = byCommand(golden, '(pprof) ').slice(1, 3);
      expect(r.stdout.split('(gen-report) ').slice(1, 3)).toEqual(want);
    } finally {
      server.close();
    }
  });

  it('a format or --output on the command line is refused (the session writes what it is asked for)', () => {
    const r = runCli(['-i', '--svg', 'samples/workload/leak.pb.gz'], { input: 'top\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gen-report: --interactive writes what its commands ask for: drop --svg and type the command (e.g. svg > heap.svg) in the session\n');
  });
});
