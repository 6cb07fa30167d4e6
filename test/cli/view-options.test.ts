import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { goldenCases } from '../helpers/goldens.js';

const VIEW_FLAGS = /^-(focus|ignore|hide|show|show_from|prune_from|tagfocus|tagignore|tagshow|taghide|peek|list)=/;

describe('pprof view options', () => {
  const errCases = goldenCases().filter((c) => c.kind === 'err' && c.flags.some((f) => VIEW_FLAGS.test(f)));
  it('has error goldens for bad regexps', () => expect(errCases.length).toBeGreaterThanOrEqual(10));
  for (const c of errCases) {
    it(`prints pprof's message for ${c.flags.join(' ')}`, () => {
      const r = runCli([c.sample, ...c.flags]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`gen-report: ${readFileSync(`${ROOT}${c.golden}`, 'utf8').trim()}\n`);
    });
  }

  const twins: [string[], string[]][] = [
    [['-text', '-show_from=hop3'], ['--text', '--show-from', 'hop3']],
    [['-text', '-prune_from=hop'], ['--prune-from=hop']],
    [['-text', '-focus=chain3', '-relative_percentages'], ['--focus', 'chain3', '--relative-percentages']],
    [['-text', '-divide_by=1024', '-compact_labels'], ['--divide-by=1024', '--compact-labels']],
    [['-dot', '-call_tree', '-o', '-'], ['--dot', '--call-tree', '--output', '-']],
    [['-text', '-lines'], ['--granularity', 'lines']],
    [['-text', '-trim=false'], ['--no-trim']],
    [
      ['-list=main.query', '-source_path=workload/go', '-trim_path=userleak'],
      ['--list', 'main.query', '--source-path', 'workload/go', '--trim-path', 'userleak'],
    ],
  ];
  for (const [pprof, dashed] of twins) {
    it(`${dashed.join(' ')} is ${pprof.join(' ')}`, () => {
      const sample = pprof[0]!.startsWith('-list') ? 'samples/workload/leak.pb.gz' : 'samples/sizes.pb.gz';
      const a = runCli([sample, ...pprof]);
      const b = runCli([sample, ...dashed]);
      expect(a.code).toBe(0);
      expect(a.stdout.length).toBeGreaterThan(100);
      expect(b.stdout).toBe(a.stdout);
    });
  }

  it('warns, as pprof does, when a filter matches nothing', () => {
    const r = runCli(['samples/sizes.pb.gz', '--focus=nosuchfunction', '--taghide=nosuchtag']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('gen-report: warning: Focus expression matched no samples\n');
    expect(r.stderr).toContain('gen-report: warning: TagHide expression matched no samples\n');
    expect(r.stdout).toContain('Active filters:\n   focus=nosuchfunction\n   taghide=nosuchtag\n');
  });

  it('prints several text reports on stdout and writes --tree to a file with -o', () => {
    const r = runCli(['samples/recursion.pb.gz', '--tree', '--traces', '--tags']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('calls calls% + context');
    expect(r.stdout).toContain('-----------+----');
    expect(r.stdout).toContain('bytes: Total');
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-views-'));
    const w = runCli(['samples/recursion.pb.gz', '--tree', '-o', join(dir, 'tree.txt')]);
    expect(w.code).toBe(0);
    expect(w.stdout).toBe('');
    expect(readFileSync(join(dir, 'tree.txt'), 'utf8')).toBe(runCli(['samples/recursion.pb.gz', '-tree']).stdout);
    rmSync(dir, { recursive: true, force: true });
  });
});
