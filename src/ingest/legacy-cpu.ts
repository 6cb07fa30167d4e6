import type { Profile } from '../model/profile.js';
import { buildLegacyProfile, type LegacySample } from './legacy-build.js';
import { legacyFrameRules } from './legacy-frame-rules.js';
import { type Hex64, minusOne } from './legacy-hex.js';
import { UnrecognizedFormat, scanLines } from './legacy-lines.js';
import { parseMemoryMap } from './legacy-maps.js';
import { javaLocations } from './legacy-java.js';
import { dropDuplicateLeaf } from './legacy-leaf.js';

/** One word reader: 32 or 64 bits, little or big endian (pprof's get32l, get32b, get64l, get64b). */
interface Words {
  size: 4 | 8;
  little: boolean;
  name: string;
}

const WORDS: Words[] = [
  { size: 4, little: true, name: '32-bit little-endian' },
  { size: 4, little: false, name: '32-bit big-endian' },
  { size: 8, little: true, name: '64-bit little-endian' },
  { size: 8, little: false, name: '64-bit big-endian' },
];

function word(b: Uint8Array, at: number, w: Words): Hex64 {
  if (w.size === 4) {
    const v = w.little
      ? b[at]! + b[at + 1]! * 2 ** 8 + b[at + 2]! * 2 ** 16 + b[at + 3]! * 2 ** 24
      : b[at + 3]! + b[at + 2]! * 2 ** 8 + b[at + 1]! * 2 ** 16 + b[at]! * 2 ** 24;
    return { value: v, key: v };
  }
  const hi = w.little ? 4 : 0;
  const lo = w.little ? 0 : 4;
  const half = (o: number) =>
    w.little
      ? b[o]! + b[o + 1]! * 2 ** 8 + b[o + 2]! * 2 ** 16 + b[o + 3]! * 2 ** 24
      : b[o + 3]! + b[o + 2]! * 2 ** 8 + b[o + 1]! * 2 ** 16 + b[o]! * 2 ** 24;
  const h = half(at + hi);
  const l = half(at + lo);
  if (h < 2 ** 21) {
    const v = h * 2 ** 32 + l;
    return { value: v, key: v };
  }
  const big = (BigInt(h) << 32n) | BigInt(l);
  return { value: Number(big), key: big.toString() };
}

/** The header pprof's parseCPU looks for: words 0, 3, 0 (C++) or 1 (Java), period > 0, 0. */
export function legacyCpuHeader(b: Uint8Array): { words: Words; java: boolean; periodUs: number } | null {
  for (const w of WORDS) {
    if (b.length < 5 * w.size) continue;
    const n = [0, 1, 2, 3, 4].map((i) => word(b, i * w.size, w));
    const is = (i: number, v: number) => n[i]!.key === v;
    if (is(0, 0) && is(1, 3) && (is(2, 0) || is(2, 1)) && !is(3, 0) && is(4, 0)) {
      return { words: w, java: is(2, 1), periodUs: n[3]!.value };
    }
  }
  return null;
}

/**
 * pprof's cpuProfile: the binary CPU profile of gperftools' profiler and of Go before 1.9
 * (`count, depth, pc…` records in the writer's word size and byte order, a `0, 1, 0` end marker,
 * then the text memory map). Values are samples and samples × period; every address but the leaf
 * is minus one; a second-from-leaf frame that (almost) every sample has is the signal handler's
 * and is removed (twice at most), as pprof does. Throws UnrecognizedFormat without the header.
 */
export function parseLegacyCpu(b: Uint8Array): Profile {
  const h = legacyCpuHeader(b);
  if (!h) throw new UnrecognizedFormat();
  const w = h.words;
  const period = h.periodUs * 1000;
  const samples: LegacySample[] = [];
  let at = 5 * w.size;
  const remaining = () => b.length - at;
  while (remaining() > 0) {
    if (remaining() < 2 * w.size) throw new UnrecognizedFormat();
    const count = word(b, at, w);
    const nstk = word(b, at + w.size, w);
    at += 2 * w.size;
    // pprof: the depth may not exceed a quarter of the bytes left (so the loop is bounded).
    if (nstk.value > Math.floor(remaining() / 4)) throw new UnrecognizedFormat();
    const addrs: Hex64[] = [];
    for (let i = 0; i < nstk.value; i++) {
      if (remaining() < w.size) {
        // pprof's reader returns 0 once the bytes run out.
        addrs.push({ value: 0, key: 0 });
        at = b.length;
        continue;
      }
      addrs.push(word(b, at, w));
      at += w.size;
    }
    if (count.key === 0 && nstk.key === 1 && addrs[0]!.key === 0) break;
    // Java's profiler records call addresses as they are; gperftools' return addresses minus one.
    const adjust = !h.java;
    samples.push({ values: [count.value, count.value * period], addrs: addrs.map((a, i) => (adjust && i > 0 ? minusOne(a) : a)) });
  }
  const text = new TextDecoder().decode(b.subarray(Math.min(at, b.length)));
  const sampleTypes = [
    { type: 'samples', unit: 'count' },
    { type: 'cpu', unit: 'nanoseconds' },
  ];
  const common = {
    sampleTypes,
    periodType: { type: 'cpu', unit: 'nanoseconds' },
    period,
    samples,
    ...legacyFrameRules(sampleTypes),
  };
  if (h.java) {
    // pprof's javaCPUProfile: the text after the samples is Java's symbol lines, not a memory map.
    const named = javaLocations(text.split('\n'), samples);
    return buildLegacyProfile({ ...common, mappings: [], named, java: true, notes: [`legacy binary Java CPU profile (${w.name} words)`] });
  }
  removeSignalFrames(samples);
  const mappings = parseMemoryMap(scanLines(text));
  dropDuplicateLeaf(samples);
  return buildLegacyProfile({
    ...common,
    mappings,
    named: null,
    notes: [`legacy binary CPU profile (${w.name} words, period ${h.periodUs} µs)`],
  });
}

/** pprof's "uninteresting artifact of measurement" pass over the second frame from the leaf. */
function removeSignalFrames(samples: LegacySample[]): void {
  const margin = Math.floor(samples.length / 32);
  for (let iter = 0; iter < 2; iter++) {
    const counts = new Map<number | string, number>();
    for (const s of samples) {
      if (s.addrs.length > 1) {
        const k = s.addrs[1]!.key;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
    }
    for (const [k, c] of counts) {
      if (c >= samples.length - margin) {
        for (const s of samples) if (s.addrs.length > 1 && s.addrs[1]!.key === k) s.addrs.splice(1, 1);
        break;
      }
    }
  }
}
