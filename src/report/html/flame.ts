import type { ReportConfig } from '../../config/defaults.js';
import { prepare, type Prepared } from '../../graph/prepare.js';
import { PairTable } from '../../util/pair-table.js';
import type { Profile } from '../../model/profile.js';
import { shortenFunctionName } from '../../graph/shorten.js';

/**
 * The (filtered) samples as one call tree (root → callers → … → leaf) for the flame graph, with a value per
 * sample type so the page can switch types without new data. Serialized compactly, parents before
 * children: `parent[i]` (−1 for the root), `name[i]` into `names`, `values[type][i]` (the frame's
 * cumulative value: every sample whose stack passes through it).
 */
export interface FlameData {
  names: string[];
  /**
   * pprof's short form of each name (graph.ShortenFunctionName: package path dropped), or "" when it
   * is the name itself: a narrow frame shows the longest of name, short form and the short form's
   * suffixes after `.`/`::` that fits, as pprof's web UI labels its flame graph.
   */
  short: string[];
  parent: number[];
  name: number[];
  values: number[][];
  /** Frames at or below this share of the total in every sample type were left out. */
  minShare: number;
  /**
   * Diffs only: the base profile's value per type and frame; `values` then holds the change
   * (new − base), and the new profile's value is values + before.
   */
  before?: number[][];
}

/** Frames this small are invisible at any zoom a reader uses; the cap keeps huge profiles' files small. */
const MIN_SHARE = 1e-4;
const MAX_NODES = 20_000;
/** Frames the first pass may keep before it retries coarser (memory bound for pathological profiles). */
const GROW_CAP = 400_000;

interface Stacks {
  /** The samples' stacks, leaf first, through the node index: the graph builds' own (prepare's). */
  prep: Prepared;
  /** Weights of sample i: `weights[i * nt .. (i + 1) * nt)`. */
  weights: Float64Array;
  names: string[];
  /** Columns per sample (2 × types for a diff: new part, then base part). */
  nt: number;
  types: number;
  diff: boolean;
  totals: number[];
}

export function buildFlame(p: Profile, config: ReportConfig): FlameData {
  const st = stacks(p, config);
  // One pass at the finest share (bounded by a generous cap), then prune the finished tree: a
  // frame's value depends only on its path, so pruning at a coarser share equals growing at it.
  let share = MIN_SHARE;
  let tree = grow(st, share, GROW_CAP);
  while (!tree) {
    share *= 2;
    tree = grow(st, share, GROW_CAP);
  }
  for (;;) {
    const pruned = prune(tree, st, share);
    if (pruned.parent.length <= MAX_NODES) return serialize(pruned, st, share);
    share *= 2;
  }
}

/** Frames of `t` above `share` of a total in some sample type, whose parents are kept too. */
function prune(t: Tree, st: Stacks, share: number): Tree {
  const { nt, totals } = st;
  const map = new Int32Array(t.parent.length).fill(-1);
  const out: Tree = { parent: [-1], nid: [t.nid[0]!], values: t.values.slice(0, nt) };
  map[0] = 0;
  for (let i = 1; i < t.parent.length; i++) {
    const pi = map[t.parent[i]!]!;
    if (pi < 0) continue;
    let keep = false;
    for (let j = 0; j < nt; j++) if (Math.abs(t.values[i * nt + j]!) > totals[j]! * share) keep = true;
    if (!keep) continue;
    map[i] = out.parent.length;
    out.parent.push(pi);
    out.nid.push(t.nid[i]!);
    for (let j = 0; j < nt; j++) out.values.push(t.values[i * nt + j]!);
  }
  return out;
}

/** Every sample's stack (inlined frames expanded as the graph builds do) and its weights per type. */
function stacks(p: Profile, config: ReportConfig): Stacks {
  const nt = p.sampleTypes.length;
  const prep = prepare(p, {
    valueIndex: 0,
    granularity: config.granularity,
    noInlines: config.noInlines,
    dropNegative: config.dropNegative,
    tagUnit: config.unit,
    naming: { trimPath: config.trimPath, sourcePath: config.sourcePath },
  });
  const s = p.samples;
  // A diff (--base/--diff_base: base samples are negative) keeps two columns per type, the new
  // profile's part and the base's, so the page can draw both and colour the difference.
  let diff = false;
  let negative = false;
  for (let i = 0; i < s.values.length && !negative; i++) negative = s.values[i]! < 0;
  if (!config.dropNegative) diff = negative;
  const cols = diff ? 2 * nt : nt;
  const totals = new Array<number>(cols).fill(0);
  // No negative value to drop or split: the weights are the samples' values as they are.
  const weights = negative ? new Float64Array(s.count * cols) : s.values;
  for (let i = 0; i < s.count; i++) {
    for (let j = 0; j < nt; j++) {
      let x = s.values[i * nt + j]!;
      if (config.dropNegative && x < 0) x = 0;
      if (diff && x < 0) {
        weights[i * cols + nt + j] = -x;
        totals[nt + j] -= x;
      } else {
        if (negative) weights[i * cols + j] = x;
        totals[j] += x;
      }
    }
  }
  return { prep, weights, names: prep.index.names, nt: cols, types: nt, diff, totals: totals.map(Math.abs) };
}

interface Tree {
  parent: number[];
  nid: number[];
  values: number[];
}

/**
 * Builds the tree one depth at a time, keeping only frames above `share` of a total: samples under
 * a dropped frame stop there, so the work and memory follow the kept tree, not every distinct stack.
 * Each sample still going down is one entry of a few typed arrays (its sample, where its stack is,
 * its group at the last depth), read in order and compacted in place by the next depth's pass,
 * which first moves each entry under a kept frame on to its next frame. Stacks are read through
 * the same location → node table as the graph builds, root first.
 * Returns null when more than `max` frames would be kept.
 */
function grow(st: Stacks, share: number, max: number): Tree | null {
  const { prep, weights, nt, totals } = st;
  const { stackStart, locs } = prep;
  const { locStart, locNodes } = prep.index;
  const n = prep.count;
  const tree: Tree = { parent: [-1], nid: [-1], values: new Array<number>(nt).fill(0) };
  const sample = new Int32Array(n);
  const pos = new Int32Array(n); // index into `locs` of the entry's frame (stacks are leaf first)
  const sub = new Int32Array(n); // index into `locNodes` of that frame (a location's nodes are innermost first)
  const gOf = new Int32Array(n); // the entry's group at the last depth
  let active = 0;
  for (let i = 0; i < n; i++) {
    let any = false;
    for (let j = 0; j < nt; j++) {
      tree.values[j]! += weights[i * nt + j]!;
      if (weights[i * nt + j] !== 0) any = true;
    }
    if (!any || stackStart[i + 1]! === stackStart[i]!) continue;
    const p = stackStart[i + 1]! - 1;
    sample[active] = i;
    pos[active] = p;
    sub[active] = locStart[locs[p]! + 1]! - 1;
    active++;
  }
  let gVals = new Float64Array(1024 * nt);
  let gParent = new Int32Array(1024);
  let gNid = new Int32Array(1024);
  // Tree node of each group of the last depth (-1: dropped); at the first depth, the root.
  let node = new Int32Array(1);
  for (let d = 0; active > 0; d++) {
    const groups = new PairTable();
    let next = 0;
    let w = 0;
    for (let a = 0; a < active; a++) {
      const from = node[gOf[a]!]!;
      if (from < 0) continue;
      const i = sample[a]!;
      let p = pos[a]!;
      let q = sub[a]!;
      if (d > 0) {
        // On to the next frame, if the stack has one.
        if (q > locStart[locs[p]!]!) q--;
        else if (--p >= stackStart[i]!) q = locStart[locs[p]! + 1]! - 1;
        else continue;
      }
      const nid = locNodes[q]!;
      let g = groups.find(from, nid);
      if (g < 0) {
        groups.insert(g, from, nid, next);
        g = next++;
        if (g === gParent.length) {
          gParent = grown(gParent, 2 * g);
          gNid = grown(gNid, 2 * g);
          gVals = grown(gVals, 2 * g * nt);
        }
        gParent[g] = from;
        gNid[g] = nid;
        for (let j = 0; j < nt; j++) gVals[g * nt + j] = 0;
      }
      for (let j = 0; j < nt; j++) gVals[g * nt + j]! += weights[i * nt + j]!;
      sample[w] = i;
      pos[w] = p;
      sub[w] = q;
      gOf[w] = g;
      w++;
    }
    active = w;
    node = new Int32Array(next).fill(-1);
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
  }
  return tree;
}

function grown<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

function serialize(t: Tree, st: Stacks, share: number): FlameData {
  const k = st.types;
  const out: FlameData = { names: [], short: [], parent: t.parent, name: [], values: Array.from({ length: k }, () => []), minShare: share };
  if (st.diff) out.before = Array.from({ length: k }, () => []);
  const nameIdx = new Map<number, number>();
  for (let i = 0; i < t.parent.length; i++) {
    const nid = t.nid[i]!;
    let ni = nameIdx.get(nid);
    if (ni === undefined) {
      ni = out.names.length;
      nameIdx.set(nid, ni);
      const name = nid < 0 ? 'root' : st.names[nid]!;
      const short = shortenFunctionName(name);
      out.names.push(name);
      out.short.push(short === name ? '' : short);
    }
    out.name.push(ni);
    for (let j = 0; j < k; j++) {
      const after = t.values[i * st.nt + j]!;
      if (!st.diff) {
        out.values[j]!.push(after);
        continue;
      }
      const before = t.values[i * st.nt + k + j]!;
      out.values[j]!.push(after - before);
      out.before![j]!.push(before);
    }
  }
  return out;
}
