import type { Location, Profile, Samples } from '../model/profile.js';

/**
 * Rebuilds the samples of `p`: `stackOf(i, stack)` returns the new stack of sample i (leaf first,
 * location indices), or null to drop the sample. Values and labels are carried over.
 */
export function rewriteSamples(p: Profile, stackOf: (i: number, stack: Uint32Array | Uint16Array) => ArrayLike<number> | null): Samples {
  const s = p.samples;
  const nv = p.sampleTypes.length;
  const stackStart: number[] = [0];
  const locs: number[] = [];
  const keep: number[] = [];
  for (let i = 0; i < s.count; i++) {
    const stack = stackOf(i, s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]));
    if (stack === null) continue;
    keep.push(i);
    for (let k = 0; k < stack.length; k++) locs.push(stack[k]!);
    stackStart.push(locs.length);
  }
  const values = new Float64Array(keep.length * nv);
  const labelSet = new Uint32Array(keep.length);
  keep.forEach((i, j) => {
    values.set(s.values.subarray(i * nv, (i + 1) * nv), j * nv);
    labelSet[j] = s.labelSet[i]!;
  });
  return {
    count: keep.length,
    stackStart: Uint32Array.from(stackStart),
    locs: Uint32Array.from(locs),
    values,
    labelSet,
    labelSets: s.labelSets,
  };
}

/** pprof's Location.matchesName: a function name, a file name or the mapping's file matches. */
export function locationMatches(p: Profile, loc: Location, re: RegExp): boolean {
  for (const ln of loc.lines) {
    const fn = ln.func >= 0 ? p.functions[ln.func] : undefined;
    if (fn && (re.test(fn.name) || re.test(fn.filename))) return true;
  }
  return mappingMatches(p, loc, re);
}

export function mappingMatches(p: Profile, loc: Location, re: RegExp): boolean {
  return loc.mapping >= 0 && re.test(p.mappings[loc.mapping]!.file);
}

/** Whether line k of a location names a function whose name or file matches. */
export function lineMatches(p: Profile, loc: Location, k: number, re: RegExp): boolean {
  const ln = loc.lines[k]!;
  const fn = ln.func >= 0 ? p.functions[ln.func] : undefined;
  return fn !== undefined && (re.test(fn.name) || re.test(fn.filename));
}
