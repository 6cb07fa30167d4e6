import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const CASES: [string[], string][] = [
  [['samples/labels.pb.gz'], 'labels.pb.gz'],
  [['samples/inline.pb.gz'], 'inline.pb.gz'],
  [['samples/workload/leak.pb.gz'], 'workload_leak.pb.gz'],
  [['samples/labels.pb.gz', '--focus=main.serve', '--sample_index=alloc_objects'], 'labels.pb.gz@focus=main.serve@sample_index=alloc_objects'],
  [['samples/workload/leak.pb.gz', '--diff_base=samples/workload/fixed.pb.gz'], 'workload_leak.pb.gz@diff_base=samples_workload_fixed.pb.gz'],
];

// (its --version exits 255: ask only whether it runs)
const hasAnnotate = spawnSync('callgrind_annotate', ['--version']).error === undefined;

describe("--callgrind: pprof's -callgrind (goldens from go tool pprof -callgrind, test/goldens/regen-proto.sh)", () => {
  for (const [args, slug] of CASES) {
    it(args.join(' '), () => {
      const r = runCli([...args, '-callgrind', '-output', '-']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(`${ROOT}test/goldens/pprof-callgrind/${slug}@callgrind.txt`, 'utf8'));
    });
  }
  it('without --output: <stem>.callgraph.out, as pprof names it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-cg-'));
    const r = runCli(['samples/labels.pb.gz', '--callgrind', '--out-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`wrote ${dir}/labels.callgraph.out\n`);
  });
  it.skipIf(!hasAnnotate)("valgrind's callgrind_annotate reads it: totals and the top function", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-cg-'));
    const file = join(dir, 'leak.callgraph.out');
    expect(runCli(['samples/workload/leak.pb.gz', '--callgrind', '-o', file]).code).toBe(0);
    const a = spawnSync('callgrind_annotate', [file], { encoding: 'utf8' });
    expect(a.status).toBe(0);
    expect(a.stdout).toMatch(/Events recorded: {2}inuse_space\(B\)/);
    expect(a.stdout).toMatch(/PROGRAM TOTALS/);
    expect(a.stdout).toMatch(/main\.query \[[^\]]*userleak\]/);
  });
});
