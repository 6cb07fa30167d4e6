import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { heapProfile } from '../helpers/hostile-profile.js';

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
  it("a name's line breaks and control characters cannot write lines of their own", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-report-cg-'));
    const input = join(dir, 'evil.pb');
    writeFileSync(
      input,
      heapProfile({
        functions: ['main.main', 'main.f\nfn=(99) forged\r\ncalls=7 0x1 1\n* * 999999', 'esc\u001b]0;t\u0007\u009b\u202e'],
        file: (i) => `/src/f${i}.go\nfl=(98) forged.go`,
        samples: [{ stack: [1, 0], values: [1, 100] }, { stack: [2, 0], values: [2, 200] }],
        spaceType: 'inuse_space\npositions: forged',
      }),
    );
    const r = runCli([input, '--callgrind', '-o', '-']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(r.stdout).not.toMatch(/^(fn=\(99\)|fl=\(98\)|calls=7|\* \* 999999|positions: forged)/m);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('positions:'))).toEqual(['positions: instr line']);
    expect(r.stdout).toContain('fn=(2) main.f\ufffdfn=(99) forged\ufffd\ufffdcalls=7 0x1 1\ufffd* * 999999');
  });
});
