import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

/**
 * The model keeps time_nanos as a double (exact to ~100 ns at today's dates), so the Time line is
 * compared to the microsecond; everything else byte for byte.
 */
const micro = (s: string) => s.replace(/^(Time: \S+ \d\d:\d\d:\d\d\.\d{6})\d* /m, '$1 ');

const CASES: [string[], string][] = [
  [['samples/labels.pb.gz'], 'labels.pb.gz'],
  [['samples/allocs.pb.gz'], 'allocs.pb.gz'],
  [['samples/inline.pb.gz'], 'inline.pb.gz'],
  [['samples/allocs.pb.gz', 'samples/recursion.pb.gz'], 'allocs.pb.gz+recursion.pb.gz'],
  [['samples/labels.pb.gz', '--focus=main.serve'], 'labels.pb.gz@focus=main.serve'],
  [['samples/labels.pb.gz', '--tagfocus=tenant=acme'], 'labels.pb.gz@tagfocus=tenant=acme'],
  [['samples/workload/leak.pb.gz', '--diff_base=samples/workload/fixed.pb.gz'], 'workload_leak.pb.gz@diff_base=samples_workload_fixed.pb.gz'],
];

describe("--raw: pprof's -raw text dump (goldens from go tool pprof -raw, test/goldens/regen-proto.sh)", () => {
  for (const [args, slug] of CASES) {
    it(args.join(' '), () => {
      const r = runCli([...args, '-raw']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const golden = readFileSync(`${ROOT}test/goldens/pprof-raw/${slug}@raw.txt`, 'utf8');
      expect(micro(r.stdout)).toBe(micro(golden));
    });
  }
});
