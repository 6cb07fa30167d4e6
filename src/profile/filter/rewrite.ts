import type { Location, Profile, Samples } from '../../model/profile.js';
import type { Matcher } from '../../util/go-regexp.js';

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

/** pprof's Location.matchesName and its parts, for one regexp. */
export interface NameMatch {
  /** A line's function name or file name, or the mapping's file, matches. */
  location(loc: Location): boolean;
  /** The mapping's file matches. */
  mapping(loc: Location): boolean;
  /** Line k names a function whose name or file name matches. */
  line(loc: Location, k: number): boolean;
}

/**
 * A NameMatch that runs the regexp once per function and once per mapping, however many
 * locations share them (a big profile has many more locations than functions).
 */
export function nameMatch(p: Profile, re: Matcher): NameMatch {
  // 0 = not tested yet, 1 = no match, 2 = match.
  const funcs = new Uint8Array(p.functions.length);
  const maps = new Uint8Array(p.mappings.length);
  const func = (i: number): boolean => {
    const fn = i >= 0 ? p.functions[i] : undefined;
    if (fn === undefined) return false;
    if (funcs[i] === 0) funcs[i] = re.test(fn.name) || re.test(fn.filename) ? 2 : 1;
    return funcs[i] === 2;
  };
  const mapping = (loc: Location): boolean => {
    const m = loc.mapping >= 0 ? p.mappings[loc.mapping] : undefined;
    if (m === undefined) return false;
    if (maps[loc.mapping] === 0) maps[loc.mapping] = re.test(m.file) ? 2 : 1;
    return maps[loc.mapping] === 2;
  };
  return {
    location: (loc) => loc.lines.some((ln) => func(ln.func)) || mapping(loc),
    mapping,
    line: (loc, k) => func(loc.lines[k]!.func),
  };
}
