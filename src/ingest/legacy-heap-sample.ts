import type { HeapHeader } from './legacy-heap-header.js';
import { type Hex64, minusOne, parseHex64 } from './legacy-hex.js';

/** pprof's heapSampleRE (unanchored, lower-case hex only): `inuse: bytes [alloc: bytes] @ addrs`. */
const HEAP_SAMPLE = /(-?\d+): *(-?\d+) *\[ *(\d+): *(\d+) *\] @([ x0-9a-f]*)/;
const HEX_NUMBER = /0x[0-9a-f]+/g;
const MIN_I64 = -(1n << 63n);
const MAX_I64 = (1n << 63n) - 1n;

export interface HeapSample {
  /** alloc_objects, alloc_space, inuse_objects, inuse_space — or objects, space — unsampled. */
  values: number[];
  /** pprof's `bytes` numeric label: size/count of the in-use pair, else of the alloc pair, else 0. */
  blockSize: number;
  /** Stack addresses minus one (return address → call instruction), leaf first. */
  addrs: Hex64[];
}

/**
 * pprof's scaleHeapSample: a heap profile sampled by a Poisson process with mean `rate` bytes saw
 * an allocation of average size S with probability 1 - exp(-S/rate); divide by it. Go truncates
 * `int64(float64(x) * scale)`.
 * Go's math.Exp on amd64 (assembly, FMA when the CPU has it) and V8's Math.exp differ in the last
 * bit for ~16% of arguments; on 2M random (count, size, rate) triples checked against Go 1.19 the
 * truncated results were identical (a difference needs x·scale within ~1e-16 relative of an
 * integer), so pprof's numbers come out the same.
 */
export function scaleHeapSample(count: number, size: number, rate: number): [number, number] {
  if (count === 0 || size === 0) return [0, 0];
  if (rate <= 1) return [count, size];
  const avgSize = size / count;
  const scale = 1 / (1 - Math.exp(-avgSize / rate));
  return [Math.trunc(count * scale), Math.trunc(size * scale)];
}

function parseInt64(s: string, line: string): number {
  const b = BigInt(s);
  if (b < MIN_I64 || b > MAX_I64) {
    throw new Error(`malformed sample: ${clip(line)}: strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  }
  return Number(b);
}

/** One trimmed sample line → values, block size, addresses; throws pprof's message otherwise. */
export function parseHeapSample(line: string, h: HeapHeader): HeapSample {
  const m = HEAP_SAMPLE.exec(line);
  if (!m) throw new Error(`not a heap sample line (want "N: BYTES [N: BYTES] @ 0xADDR ..."): ${JSON.stringify(clip(line))}`);
  const values: number[] = [];
  let blockSize = 0;
  const add = (countStr: string, sizeStr: string, label: string): void => {
    let count = parseInt64(countStr, line);
    let size = parseInt64(sizeStr, line);
    if (count === 0 && size !== 0) throw new Error(`${label} count was 0 but ${label} bytes was ${size}`);
    if (count !== 0) {
      blockSize = Math.trunc(size / count);
      if (h.v2) [count, size] = scaleHeapSample(count, size, h.period);
    }
    values.push(count, size);
  };
  if (h.hasAlloc) add(m[3]!, m[4]!, 'allocation');
  add(m[1]!, m[2]!, 'inuse');
  const addrs: Hex64[] = [];
  for (const hex of m[5]!.match(HEX_NUMBER) ?? []) {
    const a = parseHex64(hex.slice(2));
    if (!a) throw new Error(`malformed sample: ${clip(line)}: failed to parse as hex 64-bit number: ${hex}`);
    addrs.push(minusOne(a));
  }
  return { values, blockSize, addrs };
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}
