import { addTags, isNegative, type GEdge, type GNode, type Graph } from './build.js';
import type { Prepared } from './prepare.js';

/**
 * pprof's newTree (`--call_tree`): one node per distinct call path, so a function called from two
 * places appears twice. cum is added at every frame of the path, flat at the leaf.
 * Tree nodes get ids past the interned node ids, unique per path.
 */
export function buildCallTree(prep: Prepared, withTags: boolean): Graph {
  const { index, weights, stackStart, locs } = prep;
  const { locStart, locNodes } = index;
  const children = new Map<GNode | null, Map<number, GNode>>();
  const all: GNode[] = [];
  let nextId = index.infos.length;
  const child = (parent: GNode | null, nid: number): GNode => {
    let m = children.get(parent);
    if (!m) children.set(parent, (m = new Map()));
    let n = m.get(nid);
    if (!n) {
      n = {
        nid: nextId++,
        info: index.infos[nid]!,
        name: index.names[nid]!,
        flat: 0,
        cum: 0,
        in: new Map(),
        out: new Map(),
        labelTags: new Map(),
        numericTags: new Map(),
      };
      m.set(nid, n);
      all.push(n);
    }
    return n;
  };
  for (let s = 0; s < prep.count; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    let parent: GNode | null = null;
    for (let i = stackStart[s + 1]! - 1; i >= stackStart[s]!; i--) {
      const l = locs[i]!;
      const first = locStart[l]!;
      const last = locStart[l + 1]! - 1;
      for (let ni = last; ni >= first; ni--) {
        const n = child(parent, locNodes[ni]!);
        n.cum += w;
        if (withTags) addTags(prep, n, s, w, false);
        if (parent) addEdge(parent, n, w, ni !== last);
        parent = n;
      }
    }
    if (parent) {
      parent.flat += w;
      if (withTags) addTags(prep, parent, s, w, true);
    }
  }
  const nodes = all.filter((n) => !(n.cum === 0 && n.flat === 0) && !(prep.dropNegative && isNegative(n.flat, n.cum)));
  return { nodes };
}

function addEdge(src: GNode, dest: GNode, w: number, inline: boolean): void {
  const e = src.out.get(dest);
  if (e) {
    e.weight += w;
    if (!inline) e.inline = false;
    return;
  }
  const edge: GEdge = { src, dest, weight: w, residual: false, inline };
  src.out.set(dest, edge);
  dest.in.set(src, edge);
}

/**
 * pprof's Graph.TrimTree: keep only `kept`; the children of a removed node hang from its parent
 * through residual edges (inline only if both edges were), a removed root makes its children roots.
 */
export function trimTree(g: Graph, kept: Set<GNode>): void {
  const old = g.nodes;
  g.nodes = [];
  for (const cur of old) {
    if (kept.has(cur)) {
      g.nodes.push(cur);
      continue;
    }
    if (cur.in.size === 0) {
      for (const e of cur.out.values()) e.dest.in.delete(cur);
      continue;
    }
    const parent = [...cur.in.values()][0]!.src;
    const parentEdgeInline = parent.out.get(cur)!.inline;
    parent.out.delete(cur);
    for (const e of cur.out.values()) {
      const c = e.dest;
      c.in.delete(cur);
      c.in.set(parent, e);
      parent.out.set(c, e);
      e.src = parent;
      e.residual = true;
      e.inline = parentEdgeInline && e.inline;
    }
  }
}
