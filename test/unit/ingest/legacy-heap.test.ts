// Legacy text heap profiles (src/ingest/legacy-heap*.ts): what google/pprof's parseHeap makes of
// each header variant, unsampling, names from Go's `#` comment lines, the memory map, MemStats,
// and one-line errors. The pprof goldens (test/cli/pprof-goldens.test.ts) check the full reports.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../../src/ingest/parse.js';
import { scaleHeapSample } from '../../../src/ingest/legacy-heap-sample.js';
import type { Profile } from '../../../src/model/profile.js';
import { stackOf } from '../../../src/model/profile.js';
import { ROOT, runCli } from '../../helpers/cli.js';

const parse = (text: string): Profile => parseProfile(Buffer.from(text), 'test.prof', { maxInflate: 1 << 30 });
const parseFile = (path: string): Profile => parseProfile(readFileSync(`${ROOT}${path}`), path, { maxInflate: 1 << 30 });

/** Values of sample i as a plain array. */
function valuesOf(p: Profile, i: number): number[] {
  const n = p.sampleTypes.length;
  return Array.from(p.samples.values.subarray(i * n, (i + 1) * n));
}

/** Function names of sample i's stack, leaf first, inlined frames innermost first. */
function namesOf(p: Profile, i: number): string[] {
  const out: string[] = [];
  for (const l of stackOf(p, i)) for (const ln of p.locations[l]!.lines) out.push(p.functions[ln.func]!.name);
  return out;
}

/** Text table rows (name column → "flat cum") after the column header. */
function rows(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.includes('flat  flat%   sum%'));
  return lines.slice(start + 1).filter(Boolean);
}

describe('unsampling (pprof scaleHeapSample)', () => {
  // Go's default MemProfileRate 524288 is written as `heap/1048576` (2 × rate).
  // scale = 1 / (1 - exp(-(size/count) / rate)); count' = trunc(count × scale), size' = trunc(size × scale).
  const rate = 524288;
  const expected = (count: number, size: number): [number, number] => {
    const scale = 1 / (1 - Math.exp(-(size / count) / rate));
    return [Math.trunc(count * scale), Math.trunc(size * scale)];
  };
  const text = [
    'heap profile: 4: 263144 [6: 787432] @ heap/1048576',
    '1: 262144 [3: 786432] @ 0x401001 0x402001',
    '#\t0x401000\tmain.big+0x20\t/src/a.go:10',
    '#\t0x402000\tmain.main+0x10\t/src/a.go:20',
    '',
    '3: 1000 [3: 1000] @ 0x403001 0x402001',
    '#\t0x403000\tmain.small+0x20\t/src/a.go:30',
    '#\t0x402000\tmain.main+0x10\t/src/a.go:20',
    '',
  ].join('\n');

  it('scales a 256 KiB object by 1/(1-e^-0.5) ≈ 2.5415 and 333-byte objects by ≈ 1573', () => {
    const p = parse(text);
    expect(p.period).toBe(rate);
    expect(p.periodType).toEqual({ type: 'space', unit: 'bytes' });
    // Sample 1: alloc 3 × 256 KiB, in use 1 × 256 KiB. By hand: scale = 2.5414940825367984,
    // 3 → 7 objects, 786432 → 1998712 bytes; 1 → 2 objects, 262144 → 666237 bytes.
    expect(expected(3, 786432)).toEqual([7, 1998712]);
    expect(expected(1, 262144)).toEqual([2, 666237]);
    expect(valuesOf(p, 0)).toEqual([7, 1998712, 2, 666237]);
    // Sample 2: 3 objects of 333 bytes: scale = 1573.3640529819183 → 4720 objects, 1573364 bytes.
    expect(expected(3, 1000)).toEqual([4720, 1573364]);
    expect(valuesOf(p, 1)).toEqual([4720, 1573364, 4720, 1573364]);
    // The `bytes` label is the raw block size (size/count before scaling, integer division).
    const labels = (i: number) => p.samples.labelSets[p.samples.labelSet[i]!]!.num['bytes'];
    expect(labels(0)).toEqual([262144]);
    expect(labels(1)).toEqual([333]);
  });

  it('matches the exported function and leaves rate <= 1 alone, zeroes a pair with size 0', () => {
    expect(scaleHeapSample(1, 262144, rate)).toEqual(expected(1, 262144));
    expect(scaleHeapSample(5, 5120, 1)).toEqual([5, 5120]);
    expect(scaleHeapSample(5, 5120, 0)).toEqual([5, 5120]);
    expect(scaleHeapSample(5, 0, rate)).toEqual([0, 0]);
  });

  it('a profile at Go\'s default rate agrees with Go\'s own unsampled protobuf of the same run', () => {
    // rate512k.prof (debug=1) and rate512k.pb.gz (debug=0, unsampled by the Go runtime) are the same GC cycle.
    for (const si of ['inuse_space', 'alloc_space', 'alloc_objects']) {
      const legacy = runCli(['samples/workload/rate512k.prof', '--text', `--sample_index=${si}`]);
      const proto = runCli(['samples/workload/rate512k.pb.gz', '--text', `--sample_index=${si}`]);
      expect(legacy.code).toBe(0);
      const strip = (s: string) => rows(s).map((r) => r.replace(/ \((partial-)?inline\)$/, ''));
      expect(strip(legacy.stdout)).toEqual(strip(proto.stdout));
    }
  });
});

describe('header variants (pprof parseHeapHeader)', () => {
  const four = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'];
  const two = ['objects', 'space'];
  // [header, sample types, period, whether values are unsampled]
  const cases: [string, string[], number, boolean][] = [
    ['heap profile: 1: 1024 [2: 2048] @ heap/1048576', four, 524288, true],
    ['heap profile: 1: 1024 [2: 2048] @ heap/2', four, 1, false],
    ['heap profile: 1: 1024 [1: 1024] @ heap/2', two, 1, false],
    ['heap profile: 1: 1024 [0: 0] @ heap/2', two, 1, false],
    ['heap profile: 1: 1024 [2: 2048] @ heap', four, 0, false],
    ['heap profile:    1:  1024 [    2:   2048] @ heap_v2/524288', four, 524288, true],
    ['heap profile: 1: 1024 [0: 0] @ heapz_v2/262144', two, 262144, true],
    ['heap profile: 1: 1024 [2: 2048] @ heapprofile', four, 1, false],
    ['heap profile: 1: 1024 [2: 2048] @ growthz', two, 1, false],
    ['heap profile: 1: 1024 [2: 2048] @ fragmentationz', two, 1, false],
  ];
  for (const [header, types, period, scaled] of cases) {
    it(header.replace(/ +/g, ' '), () => {
      const p = parse(`${header}\n1: 1024 [2: 2048] @ 0x401001\n`);
      expect(p.sampleTypes.map((t) => t.type)).toEqual(types);
      expect(p.sampleTypes.map((t) => t.unit)).toEqual(types.length === 4 ? ['count', 'bytes', 'count', 'bytes'] : ['count', 'bytes']);
      expect(p.period).toBe(period);
      expect(p.periodType).toEqual({ type: 'space', unit: 'bytes' });
      expect(p.dropFrames).toContain('runtime\\..*');
      expect(p.keepFrames).toBe('runtime\\.panic|runtime\\.reflectcall|runtime\\.call[0-9]*');
      const v = valuesOf(p, 0);
      const inuse = v.slice(-2);
      if (scaled) expect(inuse[1]).toBeGreaterThan(1024);
      else expect(inuse).toEqual([1, 1024]);
      // With only objects/space, the [alloc] column of the sample line is ignored.
      if (types.length === 4) expect(v.slice(0, 2)).toEqual(scaled ? [expect.any(Number), expect.any(Number)] : [2, 2048]);
    });
  }

  it('every synthetic header variant parses to the sample types its pprof golden reports', () => {
    const want: Record<string, string> = {
      'go_heap_sampled.prof': 'inuse_space',
      'go_heap_rate1.prof': 'inuse_space',
      'go_heap_inuse_eq_alloc.prof': 'space',
      'go_heap_norate.prof': 'inuse_space',
      'heap_v2.prof': 'inuse_space',
      'heapz_v2.prof': 'space',
      'heapprofile.prof': 'inuse_space',
      'growthz.prof': 'space',
      'fragmentationz.prof': 'space',
    };
    for (const [file, type] of Object.entries(want)) {
      const golden = readFileSync(`${ROOT}test/goldens/pprof/synthetic_${file}@text.txt`, 'utf8');
      expect(golden).toContain(`Type: ${type}\n`);
      expect(parseFile(`samples/synthetic/${file}`).sampleTypes.at(-1)!.type).toBe(type);
    }
  });
});

describe('names from Go comment lines (as samples/programs/legacy2proto)', () => {
  it('leaves out unnamed addresses, maps a shared PC to inlined lines innermost first, ignores recursion repeats', () => {
    const p = parse(
      [
        'heap profile: 3: 3072 [3: 3072] @ heap/2',
        // 0x4f0001 (a hidden runtime frame) and 0x4f0101 (runtime.goexit) have no comment line.
        '1: 1024 [1: 1024] @ 0x4f0001 0x401001 0x402001 0x402001 0x403001 0x4f0101',
        '#\t0x401000\tmain.newTable+0x20\t\t/src/t.go:12',
        '#\t0x401000\tmain.initTables+0x20\t/src/t.go:30',
        '#\t0x402000\tmain.walk+0x10\t\t/src/w.go:5',
        '#\t0x402000\tmain.walk+0x10\t\t/src/w.go:5',
        '#\t0x403000\tmain.main+0x30\t\t/src/m.go:9',
        '',
        // A stack of addresses nobody named: kept with an empty stack (it counts in the total).
        '1: 1024 [1: 1024] @ 0x4f0001 0x4f0101',
        '#\t0x4f0000',
        '',
        // Tab-separated fields: a C++ name with spaces; space-separated when the line has no tab.
        '1: 1024 [1: 1024] @ 0x405001 0x406001 0x403001',
        '#\t0x405000\tns::Widget::make(int, char const*)+0x10\t\t/src/cc/widget.cc:30',
        '# 0x406000 main._Cfunc_make+0x10 _cgo_gotypes.go:40',
        '#\t0x403000\tmain.main+0x30\t\t/src/m.go:9',
        '',
        // Old Go closure names pass through untouched; names with spaces in the file part.
        '1: 1024 [1: 1024] @ 0x404001 0x403001',
        '#\t0x404000\tmain.func·001+0x1f\t/src/my dir/c.go:7',
        '#\t0x403000\tmain.main+0x30\t\t/src/m.go:9',
      ].join('\n'),
    );
    expect(p.samples.count).toBe(4);
    expect(namesOf(p, 0)).toEqual(['main.newTable', 'main.initTables', 'main.walk', 'main.walk', 'main.main']);
    const leaf = p.locations[stackOf(p, 0)[0]!]!;
    expect(leaf.address).toBe(0x401000);
    expect(leaf.lines.map((l) => l.line)).toEqual([12, 30]);
    // Two identical consecutive lines for one PC are direct recursion, not an inlined frame.
    const walk = p.locations.find((l) => l.address === 0x402000)!;
    expect(walk.lines).toHaveLength(1);
    expect(namesOf(p, 1)).toEqual([]);
    expect(valuesOf(p, 1)).toEqual([1, 1024]);
    // pprof simplifies demangled C++ names after reading (parse.ts); the system name keeps all.
    expect(namesOf(p, 2)).toEqual(['ns::Widget::make', 'main._Cfunc_make', 'main.main']);
    const cxx = p.functions.find((f) => f.name === 'ns::Widget::make')!;
    expect([cxx.systemName, cxx.filename]).toEqual(['ns::Widget::make(int, char const*)', '/src/cc/widget.cc']);
    expect(p.functions.find((f) => f.name === 'main._Cfunc_make')!.filename).toBe('_cgo_gotypes.go');
    expect(namesOf(p, 3)).toEqual(['main.func·001', 'main.main']);
    const closure = p.functions.find((f) => f.name === 'main.func·001')!;
    expect(closure.filename).toBe('/src/my dir/c.go');
    expect(p.locations.some((l) => l.address === 0x4f0000 || l.address === 0x4f0100)).toBe(false);
    // No memory map: every location sits in pprof's fake mapping, which has no file.
    expect(p.mappings).toHaveLength(1);
    expect(p.mappings[0]!.file).toBe('');
  });

  it('shows old closure names as they are in --text', () => {
    const text =
      'heap profile: 1: 64 [1: 64] @ heap/2\n1: 64 [1: 64] @ 0x404001 0x403001\n#\t0x404000\tmain.func·001+0x1f\t/src/c.go:7\n#\t0x403000\tmain.main+0x30\t/src/m.go:9\n';
    const r = runCli(['-', '--text'], { input: text });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ {6}64B   100%   100%        64B   100%  main\.func·001\n/);
  });

  it('prunes allocator frames above the first user frame (pprof drop_frames for legacy heap)', () => {
    // go_heap_sampled.prof: main.cgoCallback ← runtime.cgocallbackg1 … ← runtime.cgocall ← main.callC:
    // the runtime frames and everything leafward are cut, the allocation is charged to main.callC.
    const p = parseFile('samples/synthetic/go_heap_sampled.prof');
    const cgo = [...Array(p.samples.count).keys()].find((i) => namesOf(p, i).includes('main.callC'))!;
    expect(namesOf(p, cgo)).toEqual(['main.callC', 'main.main', 'runtime.main']);
    // A stack made only of runtime frames stays whole.
    expect([...Array(p.samples.count).keys()].some((i) => namesOf(p, i)[0] === 'runtime.malg')).toBe(true);
  });
});

describe('memory map and report header', () => {
  it('takes the main binary as first mapping (File: line), skips non-executable entries, no Time: line', () => {
    const text = [
      'heap profile: 1: 1024 [2: 2048] @ heap_v2/524288',
      '1: 1024 [2: 2048] @ 0x7f0000001101 0x401235',
      '',
      'MAPPED_LIBRARIES:',
      '7f0000000000-7f0000100000 r-xp 00000000 08:01 5678   /opt/app/lib/libwidget.so',
      '00400000-00452000 r-xp 00000000 08:01 1234       /opt/app/bin/server',
      '00651000-00652000 rw-p 00051000 08:01 1234       /opt/app/bin/server',
    ].join('\n');
    const p = parse(text);
    expect(p.mappings.map((m) => m.file)).toEqual(['/opt/app/bin/server', '/opt/app/lib/libwidget.so']);
    expect(p.locations.map((l) => [l.address, p.mappings[l.mapping]!.file])).toEqual([
      [0x7f0000001100, '/opt/app/lib/libwidget.so'],
      [0x401234, '/opt/app/bin/server'],
    ]);
    const r = runCli(['-', '--text'], { input: text });
    expect(r.code).toBe(0);
    const head = r.stdout.split('\n');
    expect(head[0]).toBe('File: server');
    expect(head[1]).toBe('Type: inuse_space');
    expect(r.stdout).not.toMatch(/^Time:/m);
    expect(rows(r.stdout).map((l) => l.trim().split(/\s+/).at(-1))).toEqual(['[libwidget.so]', '[server]']);
  });

  it('reads the brief `--- Memory map: ---` form', () => {
    const p = parseFile('samples/synthetic/heapz_v2.prof');
    expect(p.mappings.map((m) => [m.start, m.limit, m.file])).toEqual([
      [0x400000, 0x452000, '/opt/app/bin/server'],
      [0x7f0000000000, 0x7f0000100000, '/opt/app/lib/libwidget.so'],
    ]);
  });

  it('a Go-written profile has no File: and no Time: line', () => {
    const r = runCli(['samples/recursion.prof', '--text']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Type: inuse_space');
    expect(r.stdout).not.toMatch(/^(File|Time):/m);
  });
});

describe('line ends and byte order mark', () => {
  it('CRLF line ends and a UTF-8 BOM give the same report as the file itself', () => {
    const lf = readFileSync(`${ROOT}samples/recursion.prof`, 'utf8');
    const want = runCli(['samples/recursion.prof', '--text']);
    expect(want.code).toBe(0);
    for (const input of [lf.replace(/\n/g, '\r\n'), `\ufeff${lf}`]) {
      const r = runCli(['-', '--text'], { input });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(want.stdout);
    }
  });
});

describe('runtime.MemStats block', () => {
  it('keeps every `# Name = value` line in file order', () => {
    const p = parseFile('samples/recursion.prof');
    const stats = p.meta.memStats;
    const raw = readFileSync(`${ROOT}samples/recursion.prof`, 'utf8').split('# runtime.MemStats\n')[1]!;
    const want = raw.split('\n').filter((l) => l.startsWith('# ')).map((l) => l.slice(2).split(' = ')[0]);
    expect(stats.map((s) => s.name)).toEqual(want);
    expect(stats[0]).toEqual({ name: 'Alloc', value: '1443456' });
    expect(stats.find((s) => s.name === 'Stack')!.value).toBe('262144 / 262144');
    expect(stats.find((s) => s.name === 'PauseNs')!.value).toMatch(/^\[510897 4951 0 .* 0\]$/);
    expect(p.meta.format).toBe('legacy-heap');
  });

  it('is empty for a profile without the block', () => {
    expect(parseFile('samples/synthetic/heap_v2.prof').meta.memStats).toEqual([]);
  });
});

describe('debug=1 and debug=0 profiles written at one moment agree (samples/workload/leak.*)', () => {
  for (const si of ['inuse_space', 'inuse_objects', 'alloc_space', 'alloc_objects']) {
    it(si, () => {
      const legacy = runCli(['samples/workload/leak.prof', '--text', `--sample_index=${si}`]);
      const proto = runCli(['samples/workload/leak.pb.gz', '--text', `--sample_index=${si}`]);
      expect(legacy.code).toBe(0);
      expect(proto.code).toBe(0);
      const name = (row: string) => row.trim().split(/\s+/).slice(5).join(' ');
      // Go 1.19's debug=1 writer gives each inlined frame its own PC, so the legacy text cannot
      // show pprof's "(inline)" marks; names, flat and cum are otherwise identical, row for row.
      const strip = (s: string) => rows(s).map((r) => r.replace(/ \((partial-)?inline\)$/, ''));
      const a = strip(legacy.stdout);
      const b = strip(proto.stdout);
      expect(a.slice(0, 5).map(name)).toEqual(b.slice(0, 5).map(name));
      expect(a).toEqual(b);
      expect(legacy.stdout).toMatch(/\n {6}flat {2}flat% {3}sum%/);
      // The headers differ only by the protobuf's File: and Time: lines.
      const header = (s: string) => s.split('\n      flat')[0]!.split('\n').filter((l) => !/^(File|Time):/.test(l));
      expect(header(legacy.stdout)).toEqual(header(proto.stdout));
    });
  }
});

describe('malformed legacy input: one line naming the line number, exit 2', () => {
  const cases: [string, string, RegExp][] = [
    ['bad header kind', 'heap profile: 1: 1024 [1: 1024] @ heapz_v3/1024\n', /line 1: unrecognized profile format: unknown heap profile kind "heapz_v3"/],
    ['header typo', 'heap profil: 1: 1024 [1: 1024] @ heap/2\n', /line 1: unrecognized profile format: .*is not a heap profile header/],
    ['in-use count 0, size not', 'heap profile: 1: 1024 [2: 2048] @ heap/2\n\n0: 1024 [2: 2048] @ 0x401001\n', /line 3: inuse count was 0 but inuse bytes was 1024/],
    ['alloc count 0, size not', 'heap profile: 1: 1024 [2: 2048] @ heap/2\n1: 1024 [0: 2048] @ 0x401001\n', /line 2: allocation count was 0 but allocation bytes was 2048/],
    ['garbage line', 'heap profile: 1: 1024 [2: 2048] @ heap/2\n1: 1024 [2: 2048] @ 0x401001\nthis line is garbage\n', /line 3: not a heap sample line .*"this line is garbage"/],
    ['truncated sample line', 'heap profile: 1: 1024 [2: 2048] @ heap/2\n1: 1024 [2: 2048] @ 0x401001\n1: 1024 [2: 20', /line 3: not a heap sample line/],
    ['address overflow', 'heap profile: 1: 1024 [1: 1024] @ heap/2\n1: 1024 [1: 1024] @ 0x1ffffffffffffffffff\n', /line 2: malformed sample: .*0x1ffffffffffffffffff/],
    ['count out of int64', 'heap profile: 1: 1024 [1: 1024] @ heap/2\n99999999999999999999: 1024 [1: 1024] @ 0x401001\n', /line 2: malformed sample: .*value out of range/],
    ['CRLF, bad line 4', 'heap profile: 1: 1024 [2: 2048] @ heap/2\r\n1: 1024 [2: 2048] @ 0x401001\r\n#\t0x401000\tmain.f+0x1\t/a.go:1\r\n???\r\n', /line 4: not a heap sample line/],
  ];
  for (const [what, input, message] of cases) {
    it(what, () => {
      const r = runCli(['-', '--text'], { input });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^gen-report: <stdin>: /);
      expect(lines[0]).toMatch(message);
    });
  }

  it('the committed bad samples too', () => {
    const want: Record<string, RegExp> = {
      'alloc_count_zero.prof': /line 3: allocation count was 0/,
      'bad_header_kind.prof': /line 1: unrecognized profile format/,
      'bad_header_typo.prof': /line 1: unrecognized profile format/,
      'empty.prof': /empty input/,
      'garbage_line.prof': /line \d+: not a heap sample line/,
      'go_inuse_count_zero.prof': /line \d+: inuse count was 0 but inuse bytes was 512/,
      'hex_overflow.prof': /line 2: malformed sample: .*failed to parse as hex 64-bit number/,
      'inuse_count_zero.prof': /line 3: inuse count was 0 but inuse bytes was 1024/,
    };
    for (const [file, message] of Object.entries(want)) {
      const r = runCli([`samples/synthetic/bad/${file}`, '--text']);
      expect(r.code, file).toBe(2);
      expect(r.stderr.trim().split('\n'), file).toHaveLength(1);
      expect(r.stderr, file).toMatch(new RegExp(`^gen-report: samples/synthetic/bad/${file}: `));
      expect(r.stderr, file).toMatch(message);
    }
  });
});
