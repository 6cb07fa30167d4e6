import type { Profile } from '../model/profile.js';
import { compileGoRegExp } from '../util/go-regexp.js';

const RESERVED = ['(anonymous namespace)', 'operator()'];

/** pprof's simplifyFunc: drop a leading '.' and the argument list (keeping reserved names). */
export function simplifyFunc(f: string): string {
  let name = f.startsWith('.') ? f.slice(1) : f;
  let from = 0;
  for (;;) {
    const open = name.indexOf('(', from);
    if (open < 0) break;
    const reserved = RESERVED.find((r) => name.startsWith(r, open));
    if (reserved) {
      from = open + reserved.length;
      continue;
    }
    name = name.slice(0, open);
    break;
  }
  return name;
}

/**
 * pprof's RemoveUninteresting: when the profile sets drop_frames, remove every frame beneath (and
 * including) the first frame from the root that matches it and not keep_frames — but never frames
 * above the first user frame. Returns a new profile; the input is not changed.
 */
export function removeUninteresting(p: Profile): Profile {
  if (!p.dropFrames) return p;
  const drop = compileGoRegExp(`^(${p.dropFrames})$`, 'drop_frames');
  const keep = p.keepFrames ? compileGoRegExp(`^(${p.keepFrames})$`, 'keep_frames') : null;
  const prune = new Uint8Array(p.locations.length);
  const pruneBeneath = new Uint8Array(p.locations.length);
  const locations = p.locations.map((loc, id) => {
    let i: number;
    for (i = loc.lines.length - 1; i >= 0; i--) {
      const ln = loc.lines[i]!;
      const fn = ln.func >= 0 ? p.functions[ln.func] : undefined;
      if (fn && fn.name !== '') {
        const name = simplifyFunc(fn.name);
        if (drop.test(name) && (!keep || !keep.test(name))) break;
      }
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
