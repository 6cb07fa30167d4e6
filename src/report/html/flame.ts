import type { ReportConfig } from '../../config/defaults.js';
import { indexNodes } from '../../graph/node-info.js';
import type { Profile } from '../../model/profile.js';

/**
 * The (filtered) samples as one call tree (root → callers → … → leaf) for the flame graph, with a value per
 * sample type so the page can switch types without new data. Serialized compactly, parents before
 * children: `parent[i]` (−1 for the root), `name[i]` into `names`, `values[type][i]` (the frame's
 * cumulative value: every sample whose stack passes through it).
 */
export interface FlameData {
  names: string[];
  parent: number[];
  name: number[];
  values: number[][];
  /** Frames at or below this share of the total in every sample type were left out. */
  minShare: number;
}

/** Frames this small are invisible at any zoom a reader uses; the cap keeps huge profiles' files small. */
const MIN_SHARE = 1e-4;
const MAX_NODES = 20_000;

interface Stacks {
  /** Frames of sample i, root first, as node ids: `frames[start[i] .. start[i+1])`. */
  start: Uint32Array;
  frames: Uint32Array;
  weights: Float64Array;
  names: string[];
  nt: number;
  totals: number[];
}

export function buildFlame(p: Profile, config: ReportConfig): FlameData {
  const st = stacks(p, config);
  let share = MIN_SHARE;
  for (;;) {
    const tree = grow(st, share, MAX_NODES);
    if (tree) return serialize(tree, st, share);
    share *= 2;
  }
}

/** Every sample's stack as root-first node ids (inlined frames expanded), and its weights per type. */
function stacks(p: Profile, config: ReportConfig): Stacks {
  const nt = p.sampleTypes.length;
  const index = indexNodes(p, config.granularity, config.noInlines, { trimPath: config.trimPath, sourcePath: config.sourcePath });
  const { locStart, locNodes } = index;
  const s = p.samples;
  const start = new Uint32Array(s.count + 1);
  const frames: number[] = [];
  const weights = new Float64Array(s.count * nt);
  const totals = new Array<number>(nt).fill(0);
  for (let i = 0; i < s.count; i++) {
    start[i] = frames.length;
    for (let j = 0; j < nt; j++) {
      let x = s.values[i * nt + j]!;
      if (config.dropNegative && x < 0) x = 0;
      weights[i * nt + j] = x;
      totals[j] += x;
    }
    for (let k = s.stackStart[i + 1]! - 1; k >= s.stackStart[i]!; k--) {
      const l = s.locs[k]!;
      for (let q = locStart[l + 1]! - 1; q >= locStart[l]!; q--) frames.push(locNodes[q]!);
    }
  }
  start[s.count] = frames.length;
  return { start, frames: Uint32Array.from(frames), weights, names: index.names, nt, totals: totals.map(Math.abs) };
}

interface Tree {
  parent: number[];
  nid: number[];
  values: number[];
}

/**
 * Builds the tree one depth at a time, keeping only frames above `share` of a total: samples under
 * a dropped frame stop there, so the work and memory follow the kept tree, not every distinct stack.
 * Returns null when more than `max` frames would be kept.
 */
function grow(st: Stacks, share: number, max: number): Tree | null {
  const { start, frames, weights, nt, totals } = st;
  const n = start.length - 1;
  const tree: Tree = { parent: [-1], nid: [-1], values: new Array<number>(nt).fill(0) };
  let active: number[] = [];
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let j = 0; j < nt; j++) {
      tree.values[j]! += weights[i * nt + j]!;
      if (weights[i * nt + j] !== 0) any = true;
    }
    if (any) active.push(i);
  }
  const at = new Int32Array(n); // tree node each active sample has reached (0 = root)
  const nInfos = st.names.length + 1;
  for (let d = 0; active.length > 0; d++) {
    const groups = new Map<number, number>();
    const gParent: number[] = [];
    const gNid: number[] = [];
    const gVals: number[] = [];
    const gOf = new Int32Array(active.length);
    let next = 0;
    for (let a = 0; a < active.length; a++) {
      const i = active[a]!;
      if (start[i]! + d >= start[i + 1]!) {
        gOf[a] = -1;
        continue;
      }
      const nid = frames[start[i]! + d]!;
      const key = at[i]! * nInfos + nid;
      let g = groups.get(key);
      if (g === undefined) {
        g = next++;
        groups.set(key, g);
        gParent.push(at[i]!);
        gNid.push(nid);
        for (let j = 0; j < nt; j++) gVals.push(0);
      }
      gOf[a] = g;
      for (let j = 0; j < nt; j++) gVals[g * nt + j]! += weights[i * nt + j]!;
    }
    const node = new Int32Array(next).fill(-1);
    for (let g = 0; g < next; g++) {
      let keep = false;
      for (let j = 0; j < nt; j++) if (Math.abs(gVals[g * nt + j]!) > totals[j]! * share) keep = true;
      if (!keep) continue;
      node[g] = tree.parent.length;
      tree.parent.push(gParent[g]!);
      tree.nid.push(gNid[g]!);
      for (let j = 0; j < nt; j++) tree.values.push(gVals[g * nt + j]!);
      if (tree.parent.length > max) return null;
    }
    const still: number[] = [];
    for (let a = 0; a < active.length; a++) {
      const g = gOf[a]!;
      if (g >= 0 && node[g]! >= 0) {
        at[active[a]!] = node[g]!;
        still.push(active[a]!);
      }
    }
    active = still;
  }
  return tree;
}

function serialize(t: Tree, st: Stacks, share: number): FlameData {
  const out: FlameData = { names: [], parent: t.parent, name: [], values: Array.from({ length: st.nt }, () => []), minShare: share };
  const nameIdx = new Map<number, number>();
  for (let i = 0; i < t.parent.length; i++) {
    const nid = t.nid[i]!;
    let ni = nameIdx.get(nid);
    if (ni === undefined) {
      ni = out.names.length;
      nameIdx.set(nid, ni);
      out.names.push(nid < 0 ? 'root' : st.names[nid]!);
    }
    out.name.push(ni);
    for (let j = 0; j < st.nt; j++) out.values[j]!.push(t.values[i * st.nt + j]!);
  }
  return out;
}
