import type { NodeInfo } from './node-info.js';
import type { Prepared } from './prepare.js';

/** A sample annotation summed on a node (string label set, or a numeric `bytes` value). */
export interface Tag {
  name: string;
  unit: string;
  value: number;
  flat: number;
  cum: number;
}

export interface GNode {
  /** Interned node id (index into `Prepared.index.infos`), stable across rebuilds. */
  nid: number;
  info: NodeInfo;
  name: string;
  flat: number;
  cum: number;
  in: Map<GNode, GEdge>;
  out: Map<GNode, GEdge>;
  labelTags: Map<string, Tag>;
  /** Keyed by the joined string labels of the samples ("" for none), then by tag name. */
  numericTags: Map<string, Map<string, Tag>>;
}

export interface GEdge {
  src: GNode;
  dest: GNode;
  weight: number;
  /** Goes over one or more nodes that were not kept. */
  residual: boolean;
  /** A call that was inlined into the caller. */
  inline: boolean;
}

export interface Graph {
  nodes: GNode[];
}

/**
 * pprof's graph.New (newGraph): one pass over the samples. `kept`, when given, lists the node ids
 * that may appear; frames of other nodes are skipped and the edges over them become residual.
 * cum counts once per sample per node (recursion never double-counts), flat goes to the leaf.
 */
export function buildGraph(prep: Prepared, kept: Uint8Array | null, withTags: boolean): Graph {
  const { index, weights, stackStart, locs } = prep;
  const nInfos = index.infos.length;
  const nodes: (GNode | undefined)[] = new Array(nInfos);
  const seenNode = new Int32Array(nInfos).fill(-1);
  const edgeIndex = new Map<number, number>();
  const edgeList: GEdge[] = [];
  const edgeStamp: number[] = [];
  const { locStart, locNodes } = index;

  const node = (nid: number): GNode => {
    let n = nodes[nid];
    if (!n) {
      n = {
        nid,
        info: index.infos[nid]!,
        name: index.names[nid]!,
        flat: 0,
        cum: 0,
        in: new Map(),
        out: new Map(),
        labelTags: new Map(),
        numericTags: new Map(),
      };
      nodes[nid] = n;
    }
    return n;
  };

  for (let s = 0; s < prep.count; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    let parent: GNode | null = null;
    let residual = false;
    const a = stackStart[s]!;
    for (let i = stackStart[s + 1]! - 1; i >= a; i--) {
      const l = locs[i]!;
      const first = locStart[l]!;
      const last = locStart[l + 1]! - 1;
      for (let ni = last; ni >= first; ni--) {
        const nid = locNodes[ni]!;
        if (kept && !kept[nid]) {
          residual = true;
          continue;
        }
        const n = node(nid);
        if (seenNode[nid] !== s) {
          seenNode[nid] = s;
          n.cum += w;
          if (withTags) addTags(prep, n, s, w, false);
        }
        if (parent && n !== parent) {
          // One Map lookup per edge visit; a per-edge stamp dedups edges repeated within a sample.
          const key = parent.nid * nInfos + nid;
          let ei = edgeIndex.get(key);
          if (ei === undefined) {
            ei = edgeList.length;
            edgeIndex.set(key, ei);
            edgeList.push({ src: parent, dest: n, weight: 0, residual, inline: ni !== last });
            edgeStamp.push(-1);
          }
          if (edgeStamp[ei] !== s) {
            edgeStamp[ei] = s;
            const e = edgeList[ei]!;
            e.weight += w;
            if (residual) e.residual = true;
            if (ni === last) e.inline = false;
          }
        }
        parent = n;
        residual = false;
      }
    }
    if (parent && !residual) {
      parent.flat += w;
      if (withTags) addTags(prep, parent, s, w, true);
    }
  }

  for (const e of edgeList) {
    e.src.out.set(e.dest, e);
    e.dest.in.set(e.src, e);
  }
  const out: GNode[] = [];
  for (const n of nodes) {
    if (!n) continue;
    if (n.cum === 0 && n.flat === 0) continue;
    if (prep.dropNegative && isNegative(n)) continue;
    out.push(n);
  }
  return { nodes: out };
}

function isNegative(n: GNode): boolean {
  return n.flat < 0 || (n.flat === 0 && n.cum < 0);
}

function addTags(prep: Prepared, n: GNode, s: number, w: number, flat: boolean): void {
  const set = prep.sampleTags[prep.labelSet[s]!]!;
  if (set.labels !== '') {
    let t = n.labelTags.get(set.labels);
    if (!t) n.labelTags.set(set.labels, (t = { name: set.labels, unit: '', value: 0, flat: 0, cum: 0 }));
    if (flat) t.flat += w;
    else t.cum += w;
  }
  let tm = n.numericTags.get(set.labels);
  if (!tm) n.numericTags.set(set.labels, (tm = new Map()));
  for (const nt of set.numeric) {
    let t = tm.get(nt.name);
    if (!t) tm.set(nt.name, (t = { name: nt.name, unit: nt.unit, value: nt.value, flat: 0, cum: 0 }));
    if (flat) t.flat += w;
    else t.cum += w;
  }
}
