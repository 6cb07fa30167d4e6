import type { Profile } from '../model/profile.js';
import { compileGoRegexp, GoRegexpError, type Matcher } from '../util/go-regexp.js';
import { mergeSamples } from './filter/merge-one.js';

const ANONYMOUS = '(anonymous namespace)';
const OPERATOR = 'operator()';

/**
 * pprof's simplifyFunc: drop a leading '.' and the argument list, cut at the first '(' that is
 * not part of a reserved name. pprof finds the cut with `\(anonymous namespace\)|operator\(\)|\(`
 * (leftmost-first, non-overlapping): a '(' is kept when it opens "(anonymous namespace)" or is
 * the '(' of "operator()" (neither name can overlap the other, so one scan of the '(' does).
 */
export function simplifyFunc(f: string): string {
  const name = f.startsWith('.') ? f.slice(1) : f;
  for (let i = name.indexOf('('); i >= 0; ) {
    if (name.startsWith(ANONYMOUS, i)) i = name.indexOf('(', i + ANONYMOUS.length);
    else if (i >= 8 && name.startsWith(OPERATOR, i - 8)) i = name.indexOf('(', i + 2);
    else return name.slice(0, i);
  }
  return name;
}

/**
 * Whether function i's simplified name (pprof's simplifyFunc) is non-empty and matches `re`,
 * testing each function once.
 */
export function simplifiedNameMatch(p: Profile, re: Matcher): (func: number) => boolean {
  const seen = new Uint8Array(p.functions.length); // 0 = not yet, 1 = no, 2 = yes
  return (i) => {
    const fn = i >= 0 ? p.functions[i] : undefined;
    if (fn === undefined || fn.name === '') return false;
    if (seen[i] === 0) seen[i] = re.test(simplifyFunc(fn.name)) ? 2 : 1;
    return seen[i] === 2;
  };
}

/** pprof's RemoveUninteresting compiles drop_frames and keep_frames whole-name anchored, as here. */
function frameRegexp(rx: string): Matcher {
  return compileGoRegexp(`^(${rx})$`);
}

/**
 * pprof's fetch for a profile that sets drop_frames: profile.Merge first (equal samples summed,
 * all-zero ones dropped), then RemoveUninteresting. The order shows in --traces: samples whose
 * stacks become equal once pruned stay apart (pprof does not merge again), and a sample that is
 * zero in the shown type but not in every type is listed with 0. Without drop_frames nothing is
 * pruned and the profile is returned as it is (--traces merges it itself).
 */
export function mergeThenPrune(p: Profile): Profile {
  if (!p.dropFrames) return p;
  return removeUninteresting(mergeSamples(p));
}

/**
 * pprof's RemoveUninteresting: when the profile sets drop_frames, remove every frame beneath (and
 * including) the first frame from the root that matches it and not keep_frames — but never frames
 * above the first user frame. Returns a new profile; the input is not changed. The patterns are
 * the profile's own (untrusted): Go's syntax in linear time. pprof ignores the error of a pattern
 * that does not compile (nothing is pruned); so does this, with a note for the HTML report.
 */
export function removeUninteresting(p: Profile): Profile {
  if (!p.dropFrames) return p;
  let drop: (func: number) => boolean;
  let keep: ((func: number) => boolean) | null = null;
  try {
    drop = simplifiedNameMatch(p, frameRegexp(p.dropFrames));
    if (p.keepFrames) keep = simplifiedNameMatch(p, frameRegexp(p.keepFrames));
  } catch (e) {
    if (!(e instanceof GoRegexpError)) throw e;
    const why = e.message.length > 200 ? `${e.message.slice(0, 200)}…` : e.message;
    return { ...p, meta: { ...p.meta, notes: [...p.meta.notes, `the profile's drop_frames/keep_frames were not applied (as in pprof): ${why}`] } };
  }
  const prune = new Uint8Array(p.locations.length);
  const pruneBeneath = new Uint8Array(p.locations.length);
  const locations = p.locations.map((loc, id) => {
    let i: number;
    for (i = loc.lines.length - 1; i >= 0; i--) {
      const func = loc.lines[i]!.func;
      if (drop(func) && (!keep || !keep(func))) break;
    }
    if (i < 0) return loc;
    pruneBeneath[id] = 1;
    if (i === loc.lines.length - 1) {
      prune[id] = 1;
      return loc;
    }
    return { ...loc, lines: loc.lines.slice(i + 1) };
  });

  const s = p.samples;
  const stackStart = new Uint32Array(s.count + 1);
  const locs = new Uint32Array(s.locs.length);
  let n = 0;
  for (let k = 0; k < s.count; k++) {
    const a = s.stackStart[k]!;
    const b = s.stackStart[k + 1]!;
    let from = a; // leaf-most index kept
    let foundUser = false;
    for (let i = b - 1; i >= a; i--) {
      const id = s.locs[i]!;
      if (!prune[id] && !pruneBeneath[id]) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      if (prune[id]) {
        from = i + 1;
        break;
      }
      if (pruneBeneath[id]) {
        from = i;
        break;
      }
    }
    stackStart[k] = n;
    for (let i = from; i < b; i++) locs[n++] = s.locs[i]!;
  }
  stackStart[s.count] = n;
  return { ...p, locations, samples: { ...s, stackStart, locs: locs.slice(0, n) } };
}
