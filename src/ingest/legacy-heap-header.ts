import type { ValueType } from '../model/profile.js';

/**
 * The first line of a legacy heap profile, read as google/pprof's parseHeap/parseHeapHeader do
 * (profile/legacy_profile.go). The regular expressions are pprof's, unanchored as there.
 */
const HEAP_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] *@ *(heap[_a-z0-9]*)\/?(\d*)/;
const GROWTH_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ growthz?/;
const FRAGMENTATION_HEADER = /heap profile: *(\d+): *(\d+) *\[ *(\d+): *(\d+) *\] @ fragmentationz?/;

const MAX_I64 = (1n << 63n) - 1n;

export interface HeapHeader {
  /** The profile kind as written: `heap`, `heap_v2`, `heapz_v2`, `heapprofile`, `growthz`, `fragmentationz`. */
  kind: string;
  /** Profile period (pprof's `p.Period`); for `heap/N` (Go) that is N/2, the MemProfileRate. */
  period: number;
  /**
   * pprof's `sampling == "v2"`: values go through scaleHeapSample with rate `period` (which leaves
   * them unchanged for a rate <= 1, but zeroes a pair whose size is 0).
   */
  v2: boolean;
  /** Whether samples carry the `[alloc count: alloc bytes]` pair as sample types of their own. */
  hasAlloc: boolean;
  sampleTypes: ValueType[];
  periodType: ValueType;
}

const ALLOC_INUSE: ValueType[] = [
  { type: 'alloc_objects', unit: 'count' },
  { type: 'alloc_space', unit: 'bytes' },
  { type: 'inuse_objects', unit: 'count' },
  { type: 'inuse_space', unit: 'bytes' },
];
const OBJECTS_SPACE: ValueType[] = [
  { type: 'objects', unit: 'count' },
  { type: 'space', unit: 'bytes' },
];

const HEADER_HELP = 'want "heap profile: A: B [C: D] @ KIND", KIND one of heap/N, heap_v2/N, heapz_v2/N, heapprofile, growthz, fragmentationz';

/**
 * Reads the header line; throws with the problem (pprof's "unrecognized profile format" plus what
 * is wrong) when pprof would not recognize it.
 */
export function parseHeapHeader(line: string): HeapHeader {
  const h = HEAP_HEADER.exec(line);
  if (h) {
    const [, inuseCount, inuseBytes, allocCount, allocBytes, kind, n] = h as unknown as string[];
    let period = 0;
    if (n) {
      const big = BigInt(n!);
      if (big > MAX_I64) throw new Error(`unrecognized profile format: period ${n} does not fit in 64 bits`);
      period = Number(big);
    }
    // String comparison of the header numbers, as pprof does: alloc types exist iff the alloc
    // pair differs from the in-use pair (a 0 alloc column counts as "not given").
    const hasAlloc = (allocCount !== inuseCount && allocCount !== '0') || (allocBytes !== inuseBytes && allocBytes !== '0');
    let v2 = true;
    switch (kind) {
      case 'heapz_v2':
      case 'heap_v2':
        break;
      case 'heapprofile':
        period = 1;
        v2 = false;
        break;
      case 'heap':
        // Go's writer puts 2*MemProfileRate after "heap/"; Go integer division.
        period = Math.trunc(period / 2);
        break;
      default:
        throw new Error(`unrecognized profile format: unknown heap profile kind ${JSON.stringify(kind)} (${HEADER_HELP})`);
    }
    return make(kind!, period, v2, hasAlloc);
  }
  const g = GROWTH_HEADER.exec(line) ?? FRAGMENTATION_HEADER.exec(line);
  if (g) {
    const kind = GROWTH_HEADER.test(line) ? 'growthz' : 'fragmentationz';
    return make(kind, 1, false, false);
  }
  throw new Error(`unrecognized profile format: ${JSON.stringify(clip(line))} is not a heap profile header (${HEADER_HELP})`);
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

function make(kind: string, period: number, v2: boolean, hasAlloc: boolean): HeapHeader {
  return {
    kind,
    period,
    v2,
    hasAlloc,
    sampleTypes: (hasAlloc ? ALLOC_INUSE : OBJECTS_SPACE).map((t) => ({ ...t })),
    periodType: { type: 'space', unit: 'bytes' },
  };
}
