import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { normalizeText } from '../helpers/goldens.js';

const dir = mkdtempSync(join(tmpdir(), 'gen-report-proto-'));
let n = 0;

/** gen-report ARGS --proto -o FILE; returns FILE. */
function proto(args: string[]): string {
  const file = join(dir, `p${n++}.pb.gz`);
  const r = runCli([...args, '--proto', '--output', file]);
  expect(r.stderr).toBe(`wrote ${file}\n`);
  expect(r.code).toBe(0);
  return file;
}

const text = (args: string[]) => {
  const r = runCli([...args, '--text']);
  expect(r.code).toBe(0);
  return r.stdout;
};

/** The cases of test/goldens/regen-proto.sh: arguments and the golden `go tool pprof -text` printed for our --proto output. */
const CASES: { args: string[]; golden: string; sameAsOriginal: boolean }[] = [
  { args: ['samples/allocs.pb.gz', 'samples/recursion.pb.gz'], golden: 'allocs.pb.gz+recursion.pb.gz', sameAsOriginal: true },
  {
    args: ['samples/workload/leak.pb.gz', '--diff_base=samples/workload/fixed.pb.gz'],
    golden: 'workload_leak.pb.gz@diff_base=samples_workload_fixed.pb.gz',
    sameAsOriginal: true,
  },
  {
    args: ['samples/workload/leak.pb.gz', '--base=samples/workload/fixed.pb.gz'],
    golden: 'workload_leak.pb.gz@base=samples_workload_fixed.pb.gz',
    sameAsOriginal: true,
  },
  // Filtered: only main.scratch's samples are written; every sample type is kept, as pprof does.
  { args: ['samples/allocs.pb.gz', '--focus=main.scratch', '--sample_index=alloc_objects'], golden: 'allocs.pb.gz@focus=main.scratch@sample_index=alloc_objects', sameAsOriginal: false },
];

describe("--proto (pprof's -proto): the loaded profile as gzipped protobuf", () => {
  for (const c of CASES) {
    it(`${c.args.join(' ')}: read back by gen-report, equal to go tool pprof's reading (golden)`, () => {
      const file = proto(c.args);
      const back = text([file]);
      const golden = readFileSync(`${ROOT}test/goldens/pprof-proto/${c.golden}@proto@text.txt`, 'utf8');
      expect(normalizeText(back)).toBe(normalizeText(golden));
      if (c.sameAsOriginal) expect(back).toBe(text(c.args));
    });
  }
  it('decodes with pprof-format: every sample type, negative diff values as int64', () => {
    const file = proto(['samples/workload/leak.pb.gz', '--base=samples/workload/fixed.pb.gz']);
    const p = Profile.decode(gunzipSync(readFileSync(file)));
    const types = p.sampleType.map((t) => p.stringTable.strings[Number(t.type)]);
    expect(types).toEqual(['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space']);
    const negative = p.sample.some((s) => s.value.some((v) => BigInt.asIntN(64, BigInt(v)) < 0n));
    expect(negative).toBe(true);
  });
  it('-proto, pprof spelling; `--proto > merged.pb.gz` would print on stdout', () => {
    const r = runCli(['samples/allocs.pb.gz', '-proto', '-output', '-']);
    expect(r.code).toBe(0);
    expect(r.stdoutBytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});

describe("-top is pprof's name for -text", () => {
  it('-top prints the same table as -text', () => {
    const r = runCli(['samples/allocs.pb.gz', '-top']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(text(['samples/allocs.pb.gz']));
  });
});
