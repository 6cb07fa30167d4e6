import type { NodeInfo } from './node-info.js';
import type { Prepared } from './prepare.js';
import { TagAccumulator, type TagHolder } from './tag-accumulator.js';
import { PairTable } from '../util/pair-table.js';

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
 * Tags (string label sets and `bytes` sizes, for DOT nodelets) are summed only when `withTags`.
 */
export function buildGraph(prep: Prepared, kept: Uint8Array | null, withTags: boolean): Graph {
  const { weights, frameStart, frames, frameInline } = prep;
  const nInfos = prep.index.infos.length;
  const flat = new Float64Array(nInfos);
  const cum = new Float64Array(nInfos);
  const seenNode = new Int32Array(nInfos).fill(-1);
  const table = new PairTable();
  let eSrc: number[] = [];
  let eDst: number[] = [];
  let eWeight: number[] = [];
  let eResidual: number[] = [];
  let eInline: number[] = [];
  let eStamp: number[] = [];
  const acc = withTags ? new TagAccumulator() : null;
  const labelSet = prep.labelSet;

  for (let s = 0; s < prep.count; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    let parent = -1;
    let residual = false;
    const end = frameStart[s + 1]!;
    for (let f = frameStart[s]!; f < end; f++) {
      const nid = frames[f]!;
      if (kept !== null && kept[nid] === 0) {
        residual = true;
        continue;
      }
      if (seenNode[nid] !== s) {
        seenNode[nid] = s;
        cum[nid] += w;
        if (acc) acc.add(nid, labelSet[s]!, w, false);
      }
      if (parent >= 0 && parent !== nid) {
        let ei = table.find(parent, nid);
        if (ei < 0) {
          const slot = ei;
          ei = eSrc.length;
          table.insert(slot, parent, nid, ei);
          eSrc.push(parent);
          eDst.push(nid);
          eWeight.push(0);
          eResidual.push(residual ? 1 : 0);
          eInline.push(frameInline[f]!);
          eStamp.push(-1);
        }
        if (eStamp[ei] !== s) {
          eStamp[ei] = s;
          eWeight[ei] += w;
          if (residual) eResidual[ei] = 1;
          if (frameInline[f] === 0) eInline[ei] = 0;
        }
      }
      parent = nid;
      residual = false;
    }
    if (parent >= 0 && !residual) {
      flat[parent] += w;
      if (acc) acc.add(parent, labelSet[s]!, w, true);
    }
  }

  const tags = acc ? acc.holders(prep, nInfos) : [];
  const nodes: (GNode | undefined)[] = new Array(nInfos);
  const out: GNode[] = [];
  for (let nid = 0; nid < nInfos; nid++) {
    if (flat[nid] === 0 && cum[nid] === 0) continue;
    const t = tags[nid];
    const n: GNode = {
      nid,
      info: prep.index.infos[nid]!,
      name: prep.index.names[nid]!,
      flat: flat[nid]!,
      cum: cum[nid]!,
      in: new Map(),
      out: new Map(),
      labelTags: t ? t.labelTags : new Map(),
      numericTags: t ? t.numericTags : new Map(),
    };
    nodes[nid] = n;
    if (prep.dropNegative && isNegative(n)) continue;
    out.push(n);
  }
  for (let e = 0; e < eSrc.length; e++) {
    const src = nodes[eSrc[e]!];
    const dest = nodes[eDst[e]!];
    if (!src || !dest) continue;
    const edge: GEdge = { src, dest, weight: eWeight[e]!, residual: eResidual[e] === 1, inline: eInline[e] === 1 };
    src.out.set(dest, edge);
    dest.in.set(src, edge);
  }
  eSrc = eDst = eWeight = eResidual = eInline = eStamp = [];
  return { nodes: out };
}


function isNegative(n: GNode): boolean {
  return n.flat < 0 || (n.flat === 0 && n.cum < 0);
}

export function addTags(prep: Prepared, n: TagHolder, s: number, w: number, flat: boolean): void {
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
