// pprof's other legacy formats (src/ingest/legacy-{count,contention,thread,cpu,java}.ts, dispatched
// by legacy-text.ts and sniff.ts): edge cases checked against google/pprof's profile.ParseData
// (the expected values below are what it returned for the same bytes), sniffing, one-line errors,
// bounded work on hostile lines. The pprof goldens check whole reports on real files.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { parseProfile } from '../../../src/ingest/parse.js';
import { looksLikeProfileProto, sniff, unrecognizedFormatMessage } from '../../../src/ingest/sniff.js';
import type { Profile } from '../../../src/model/profile.js';
import { stackOf } from '../../../src/model/profile.js';

const parse = (data: string | Uint8Array): Profile =>
  parseProfile(typeof data === 'string' ? Buffer.from(data) : data, 'x.prof', { maxInflate: 1 << 30 });

function problem(data: string | Uint8Array): string {
  try {
    parse(data);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  return 'accepted';
}

const valuesOf = (p: Profile, i: number) => Array.from(p.samples.values.subarray(i * p.sampleTypes.length, (i + 1) * p.sampleTypes.length));
const addrsOf = (p: Profile, i: number) => Array.from(stackOf(p, i), (l) => p.locations[l]!.address);
const framesOf = (p: Profile, i: number) =>
  Array.from(stackOf(p, i), (l) => p.locations[l]!.lines.map((ln) => [p.functions[ln.func]!.name, p.functions[ln.func]!.filename, ln.line]));

describe('contention text', () => {
  it("reads the numbers as pprof's unanchored contentionSampleRE does (one number: it splits)", () => {
    const p = parse('--- contentionz 1 ---\ncycles/second = 1000000000\n1234 @ 0x10 0x20\nx 12 34 @ 0x30\n');
    expect(p.sampleTypes.map((t) => t.type)).toEqual(['contentions', 'delay']);
    expect(valuesOf(p, 0)).toEqual([4, 123]);
    expect(addrsOf(p, 0)).toEqual([0xf, 0x1f]);
    expect(valuesOf(p, 1)).toEqual([34, 12]);
    expect(p.dropFrames.startsWith('RecordLockProfileData|')).toBe(true);
  });
  it('unsamples with the period and cycles/second, and takes the duration', () => {
    const p = parse('--- mutex:\ncycles/second=2000000000\nsampling period=5\nms since reset = 7\n3000 2 @ 0x11\n');
    expect(valuesOf(p, 0)).toEqual([10, 7500]);
    expect(p.durationNanos).toBe(7_000_000);
  });
  it('an attribute pprof does not know: not this format', () => {
    expect(problem('--- contention:\nbogus = 1\n1 1 @ 0x1\n')).toMatch(/^x\.prof: unrecognized profile format/);
  });
});

describe("Go's count profiles (goroutine, threadcreate)", () => {
  it('reads the count as strconv.ParseInt(s, 0, 64): a leading 0 is octal', () => {
    const p = parse('goroutine profile: total 3\n010 @ 0x10 0x20\n');
    expect(p.sampleTypes).toEqual([{ type: 'goroutine', unit: 'count' }]);
    expect(valuesOf(p, 0)).toEqual([8]);
    expect(addrsOf(p, 0)).toEqual([0xf, 0x1f]);
  });
  it("a bad line is pprof's malformed profile format", () => {
    expect(problem('goroutine profile: total 3\n09 @ 0x10 0x20\n')).toBe('x.prof: malformed profile format');
    expect(problem('threadcreate profile: total 5\n5 @\n')).toBe('x.prof: malformed profile format');
  });
  it("names frames from Go's comment lines", () => {
    const p = parse('goroutine profile: total 2\n2 @ 0x11 0x21\n#\t0x10\tmain.leaf+0x4\t/src/main.go:7\n#\t0x20\tmain.main+0x9\t/src/main.go:3\n');
    expect(framesOf(p, 0)).toEqual([[['main.leaf', '/src/main.go', 7]], [['main.main', '/src/main.go', 3]]]);
  });
});

describe('thread text', () => {
  it('reads threads up to the memory map; the leaf is not adjusted', () => {
    const p = parse('--- Thread 1a (name: a/b/12) stack: ---\n0x10 0x20\n--- Memory map: ---\n');
    expect(valuesOf(p, 0)).toEqual([1]);
    expect(addrsOf(p, 0)).toEqual([0x10, 0x1f]);
  });
  it('a list that stops after a stack is not one pprof reads', () => {
    expect(problem('--- Thread 1a (name: a/b/12) stack: ---\n0x10 0x20\n--- Thread 2 (name: x/1) stack: ---\n0x30\n')).toMatch(
      /^x\.prof: unrecognized profile format/,
    );
  });
});

describe('Java text', () => {
  it("names addresses from symbol lines with pprof's greedy patterns, and unsamples heapz", () => {
    const p = parse('--- heapz 1 ---\nformat = java\nresolution = bytes\n  100 2 @ 0x10 0x20\n0x10 com.Foo.bar  (Foo.java:3)\n0x20 a (b (c:d:5)');
    expect(valuesOf(p, 0)).toEqual([20972, 1048626]);
    expect(framesOf(p, 0)).toEqual([[['com.Foo.bar ', 'Foo.java', 3]], [['a (b', 'c:d', 5]]]);
    expect(addrsOf(p, 0)).toEqual([0, 0]);
    expect(p.samples.labelSets[p.samples.labelSet[0]!]!.num).toEqual({ bytes: [50] });
  });
});

/** A binary CPU profile: header, records, end marker, maps. */
function cpu(size: 4 | 8, little: boolean, words: number[], trailer = ''): Uint8Array {
  const b = Buffer.alloc(words.length * size);
  words.forEach((w, i) => {
    if (size === 4) little ? b.writeUInt32LE(w, i * 4) : b.writeUInt32BE(w, i * 4);
    else little ? b.writeBigUInt64LE(BigInt(w), i * 8) : b.writeBigUInt64BE(BigInt(w), i * 8);
  });
  return Buffer.concat([b, Buffer.from(trailer)]);
}

describe('binary CPU profiles', () => {
  const records = [0, 3, 0, 10000, 0, 5, 2, 0xf7001234, 0xf7002000, 2, 1, 0x401000, 0, 1, 0];
  const maps = 'f7000000-f7100000 r-xp 00000000 08:01 1 /lib/libx.so\n';
  for (const [size, little] of [[4, true], [4, false], [8, true], [8, false]] as const) {
    it(`${size * 8}-bit ${little ? 'little' : 'big'}-endian`, () => {
      const data = cpu(size, little, records, maps);
      expect(sniff(data)).toBe('legacy-cpu');
      const p = parse(data);
      expect(p.sampleTypes.map((t) => t.type)).toEqual(['samples', 'cpu']);
      expect(p.period).toBe(10_000_000);
      expect(valuesOf(p, 0)).toEqual([5, 50_000_000]);
      expect(addrsOf(p, 0)).toEqual([0xf7001234, 0xf7001fff]);
      expect(p.mappings[p.locations[stackOf(p, 0)[0]!]!.mapping]!.file).toBe('/lib/libx.so');
    });
  }
  it('a depth past the data: not this format', () => {
    expect(problem(cpu(8, true, [0, 3, 0, 100, 0, 1, 1000]))).toMatch(/^x\.prof: unrecognized profile format/);
  });
});

describe('none of the formats', () => {
  it('zeros, an ELF binary, a PNG, a zip archive are not protobuf', () => {
    for (const head of [[0, 0, 0, 0], [0x7f, 0x45, 0x4c, 0x46, 2, 1], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], [0x50, 0x4b, 3, 4, 0x14, 0]]) {
      expect(looksLikeProfileProto(Uint8Array.from(head))).toBe(false);
    }
    const zeros = Uint8Array.from([0, 0, 0, 0]);
    expect(problem(zeros)).toBe(`x.prof: ${unrecognizedFormatMessage(zeros)}`);
    expect(problem(zeros)).toMatch(/^x\.prof: unrecognized profile format \(binary data starting with [0-9a-f ]+\)$/);
    // Known file types are named (src/ingest/not-a-profile.ts) before the sniffer's guess.
    expect(problem(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toMatch(/^x\.prof: a program binary \(ELF\), not a profile/);
    expect(problem(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('x.prof: unrecognized profile format (looks like PNG)');
    expect(problem(Uint8Array.from([0x50, 0x4b, 3, 4, 0x14, 0]))).toMatch(/^x\.prof: unrecognized profile format \(looks like (a )?zip/i);
  });
  it('a truncated or later-corrupted protobuf still is one', () => {
    expect(looksLikeProfileProto(Uint8Array.from([0x12, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toBe(true);
    expect(looksLikeProfileProto(Uint8Array.from([0x0a, 0x02, 0x08, 0x01, 0xff, 0xff, 0x01]))).toBe(true);
    expect(problem(Uint8Array.from([0x0a, 0x02, 0x08, 0x01, 0xff, 0xff, 0x01]))).toMatch(/^x\.prof: corrupt protobuf/);
  });
  it('text: one line, printable characters only', () => {
    expect(problem('hello \u202eevil\nmore')).toBe('x.prof: unrecognized profile format (text starting with "hello ???evil")');
    // A control character makes it binary data.
    expect(problem('hello\x1b[31m red\n')).toBe('x.prof: unrecognized profile format (binary data starting with 68 65 6c 6c 6f 1b 5b 33)');
  });
});

describe('bounded work on hostile lines (these would take minutes with backtracking patterns)', () => {
  const long = (unit: string) => unit.repeat(Math.ceil(60_000 / unit.length));
  it('contention, count, thread and Java lines', () => {
    // Not a contention sample; the Java reader then takes it as a profile without samples (as pprof).
    expect(problem(`--- contentionz 1 ---\n${long('1 ')}\n`)).toBe('accepted');
    expect(problem(`--- contentionz 1 ---\n1 1 @${long(' 0x')}\n--- Memory map: ---\n`)).toBe('accepted');
    expect(problem(`goroutine profile: total 1\n1 @${long(' 0x1')}x\n`)).toBe('x.prof: malformed profile format');
    expect(problem(`${long('--- Thread 1 (name: ')}\n`)).toMatch(/unrecognized profile format/);
    expect(problem(`--- heapz 1 ---\nformat = java\nresolution = bytes\n1 1 @ 0x1\n0x1 ${long('a (')}:1)\n`)).toBe('accepted');
    expect(problem(`--- heapz 1 ---\n${long('a=')}\n`)).toMatch(/unrecognized profile format/);
  });
});
