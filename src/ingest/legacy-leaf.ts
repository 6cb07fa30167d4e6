import type { LegacySample } from './legacy-build.js';

/**
 * pprof's cleanupDuplicateLocations: a profiler may record the leaf twice, from the signal context
 * and from unwinding (that copy adjusted by -1); the second one is dropped.
 */
export function dropDuplicateLeaf(samples: LegacySample[]): void {
  for (const s of samples) {
    const a = s.addrs;
    if (a.length > 1 && sameAsPlusOne(a[0]!.key, a[1]!.key)) a.splice(1, 1);
  }
}

function sameAsPlusOne(leaf: number | string, next: number | string): boolean {
  if (typeof leaf === 'number' && typeof next === 'number') return leaf === next + 1;
  return BigInt(leaf) === BigInt.asUintN(64, BigInt(next) + 1n);
}
