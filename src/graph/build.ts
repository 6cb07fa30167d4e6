import type { NodeIndex, NodeInfo } from './node-info.js';
import type { Prepared } from './prepare.js';
import { NodeTags, TagAccumulator, type Tag, type TagHolder } from './tag-accumulator.js';
import { EdgeList } from './edge-list.js';

// The graph's readers find its tags' type here too; it is defined with the code that sums them.
export type { Tag };

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
 * Stacks are walked root first through the location → nodes table; a location's extra nodes are
 * its inlined callees (outermost first).
 */
export function buildGraph(prep: Prepared, kept: Uint8Array | null, withTags: boolean): Graph {
  const nInfos = prep.index.infos.length;
  const flat = new Float64Array(nInfos);
  const cum = new Float64Array(nInfos);
  const edges = new EdgeList(nInfos);
  const acc = withTags ? new TagAccumulator(nInfos, prep.sampleTags.length) : null;
  walk(prep, kept ?? new Uint8Array(nInfos).fill(1), flat, cum, edges, acc);

  const tags = acc ? acc.holders(prep, nInfos) : [];
  const nodes: (GNode | undefined)[] = new Array(nInfos);
  const out: GNode[] = [];
  for (let nid = 0; nid < nInfos; nid++) {
    if (flat[nid] === 0 && cum[nid] === 0) continue;
    const n = newNode(prep, nid, flat[nid]!, cum[nid]!, tags[nid]);
    nodes[nid] = n;
    if (prep.dropNegative && isNegative(n.flat, n.cum)) continue;
    out.push(n);
  }
  // pprof leaves a node with no value (a diff that cancels out) or a negative one (drop_negative)
  // out of the graph but keeps the edges of its neighbours into it: they stay, drawn to `N0`.
  for (let e = 0; e < edges.size; e++) {
    for (const nid of [edges.src[e]!, edges.dst[e]!]) nodes[nid] ??= newNode(prep, nid, 0, 0, tags[nid]);
  }
  linkEdges(edges, nodes);
  return { nodes: out };
}

function newNode(prep: Prepared, nid: number, flat: number, cum: number, tags?: TagHolder): GNode {
  return {
    nid,
    info: prep.index.infos[nid]!,
    name: prep.index.names[nid]!,
    flat,
    cum,
    in: new Map(),
    out: new Map(),
    labelTags: tags ? tags.labelTags : new Map(),
    numericTags: tags ? tags.numericTags : new Map(),
  };
}

/** The edges summed in `edges`, as GEdges between `nodes` (those with an endpoint not built are left out; with `into`, those into other nodes too). */
function linkEdges(edges: EdgeList, nodes: (GNode | undefined)[], into: Uint8Array | null = null): void {
  for (let e = 0; e < edges.size; e++) {
    if (into !== null && into[edges.dst[e]!] !== 1) continue;
    const src = nodes[edges.src[e]!];
    const dest = nodes[edges.dst[e]!];
    if (!src || !dest) continue;
    const edge: GEdge = { src, dest, weight: edges.weight[e]!, residual: edges.residual[e] === 1, inline: edges.inline[e] === 1 };
    src.out.set(dest, edge);
    dest.in.set(src, edge);
  }
}

/**
 * The sample loop of `buildGraph`, alone in a function: V8 compiles it on the fly (on-stack
 * replacement) while it runs, and code after the loop that has not run yet would throw that
 * compiled code away.
 */
function walk(prep: Prepared, kept: Uint8Array, flat: Float64Array, cum: Float64Array, edges: EdgeList, acc: TagAccumulator | null): void {
  const { weights, stackStart, locs, labelSet } = prep;
  const { locStart, locNodes } = prep.index;
  const seenNode = new Int32Array(flat.length).fill(-1);
  for (let s = 0; s < prep.count; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    let parent = -1;
    let residual = false;
    const a = stackStart[s]!;
    for (let i = stackStart[s + 1]! - 1; i >= a; i--) {
      const l = locs[i]!;
      const first = locStart[l]!;
      const last = locStart[l + 1]! - 1;
      for (let ni = last; ni >= first; ni--) {
        const nid = locNodes[ni]!;
        if (kept[nid] === 0) {
          residual = true;
          continue;
        }
        if (seenNode[nid] !== s) {
          seenNode[nid] = s;
          cum[nid] += w;
          if (acc !== null) acc.add(nid, labelSet[s]!, w, false);
        }
        if (parent >= 0 && parent !== nid) edges.add(parent, nid, s, w, residual, ni !== last);
        parent = nid;
        residual = false;
      }
    }
    if (parent >= 0 && !residual) {
      flat[parent] += w;
      if (acc !== null) acc.add(parent, labelSet[s]!, w, true);
    }
  }
}

/** A node's figures, as the untrimmed graph has them. */
export interface NodeFigures {
  nid: number;
  flat: number;
  cum: number;
}

/**
 * `buildGraph` for a rebuild over a kept set, without tags: the `kept` nodes keep the flat and cum
 * they already have (a rebuild gives a kept node the same values whichever other nodes are kept:
 * cum from every sample through it, flat from those it is the leaf of), so the walk only follows
 * the edges. `edgesInto` 'inlined' builds only the edges into functions that are inlined somewhere
 * (`inlinedNodes`) — all that pprof's text reads from edges, for its "(inline)" marks — and walks
 * not at all when no kept node is ever inlined. `shared`: the edges of an earlier build over the
 * same kept set, taken instead of a walk; filled by a build of all edges.
 */
export function buildKeptGraph(prep: Prepared, kept: readonly NodeFigures[], edgesInto: 'all' | 'inlined', shared?: SharedEdges): Graph {
  const nInfos = prep.index.infos.length;
  const nodes: (GNode | undefined)[] = new Array(nInfos);
  const mask = new Uint8Array(nInfos);
  const rank = new Int32Array(nInfos);
  const out: GNode[] = [];
  for (const k of kept) {
    const n = newNode(prep, k.nid, k.flat, k.cum);
    nodes[k.nid] = n;
    mask[k.nid] = 1;
    rank[k.nid] = out.length;
    out.push(n);
  }
  const dests = edgesInto === 'all' ? mask : inlinedNodes(prep.index);
  if (edgesInto === 'all' || kept.some((k) => dests[k.nid] === 1)) {
    // A run of every sample type builds each type's graph over the same kept set as its table:
    // the table's walk takes every edge then, so that the graph's build walks no more.
    const all = edgesInto === 'all' || (shared !== undefined && prep.columns !== null);
    // Before walking for all edges alone: the walk of every sample type at once, when there is one.
    if (shared && !shared.edges && all) shared.fill?.();
    let edges = shared?.edges;
    if (!edges) {
      edges = new EdgeList(nInfos, rank, kept.length);
      walkInto(prep, mask, all ? mask : dests, edges);
      if (shared && all) shared.edges = edges;
    }
    linkEdges(edges, nodes, edgesInto === 'all' ? null : dests);
  }
  return { nodes: out };
}

/**
 * Every edge of one kept set's build, for the next build over the same set (a table and a graph
 * of the same sample type cut at the same nodefraction): the edges into some nodes are those of
 * all edges (the walk's parent and residual state never depends on which edges it keeps).
 */
export interface SharedEdges {
  edges?: EdgeList;
  /**
   * Fills `edges` — with those of the same cut of other sample types, from one walk (see trim.ts's
   * `fillEveryType`) — or leaves them unset; called by a build that would walk for them alone.
   */
  fill?: () => void;
}

/**
 * The sample loop of `buildKeptGraph` (alone, as `walk`): `walk`'s edges, only those into `dests`.
 * A location none of whose nodes is kept (most of them, when few are) only makes the next edge
 * residual, and a location of one kept node is that node: one table lookup instead of its nodes.
 */
function walkInto(prep: Prepared, kept: Uint8Array, dests: Uint8Array, edges: EdgeList): void {
  const { weights, stackStart, locs } = prep;
  const { locStart, locNodes, locSingle } = prep.index;
  // Per location: its one node if kept, -1 if none of its nodes is kept, -2 for several nodes.
  const single = new Int32Array(locSingle.length);
  for (let l = 0; l < single.length; l++) {
    let any = 0;
    for (let ni = locStart[l]!; ni < locStart[l + 1]!; ni++) any |= kept[locNodes[ni]!]!;
    single[l] = any === 0 ? -1 : locSingle[l]! >= 0 ? locSingle[l]! : -2;
  }
  for (let s = 0; s < prep.count; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    let parent = -1;
    let residual = false;
    const a = stackStart[s]!;
    for (let i = stackStart[s + 1]! - 1; i >= a; i--) {
      const l = locs[i]!;
      const one = single[l]!;
      if (one === -1) {
        residual = true;
        continue;
      }
      if (one >= 0) {
        if (dests[one] === 1 && parent >= 0 && parent !== one) edges.add(parent, one, s, w, residual, false);
        parent = one;
        residual = false;
        continue;
      }
      const first = locStart[l]!;
      const last = locStart[l + 1]! - 1;
      for (let ni = last; ni >= first; ni--) {
        const nid = locNodes[ni]!;
        if (kept[nid] === 0) {
          residual = true;
          continue;
        }
        if (dests[nid] === 1 && parent >= 0 && parent !== nid) edges.add(parent, nid, s, w, residual, ni !== last);
        parent = nid;
        residual = false;
      }
    }
  }
}

const inlinedCache = new WeakMap<NodeIndex, Uint8Array>();

/** Nodes that some location has as an inlined call (any of its nodes but the outermost). */
function inlinedNodes(index: NodeIndex): Uint8Array {
  let m = inlinedCache.get(index);
  if (!m) {
    m = new Uint8Array(index.infos.length);
    const { locStart, locNodes } = index;
    for (let l = 0; l + 1 < locStart.length; l++) for (let ni = locStart[l]!; ni < locStart[l + 1]! - 1; ni++) m[locNodes[ni]!] = 1;
    inlinedCache.set(index, m);
  }
  return m;
}

/**
 * Flat and cum of every node of the untrimmed graph, without edges or tags: what trimming needs
 * to pick the cutoffs (the same sums as `buildGraph(prep, null, false)`).
 */
export function nodeTotals(prep: Prepared): { flat: Float64Array; cum: Float64Array } {
  const nInfos = prep.index.infos.length;
  const flat = new Float64Array(nInfos);
  const cum = new Float64Array(nInfos);
  walkNodes(prep, flat, cum);
  return { flat, cum };
}

/**
 * `nodeTotals`, and every node's tags from the same walk (sums per node and label set): a node's
 * tags do not depend on which other nodes are kept, so no build after trimming walks for them.
 * Null when nodes × label sets is too large for the direct tables (`buildGraph` sums tags then).
 */
export function nodeTotalsWithTags(prep: Prepared): { flat: Float64Array; cum: Float64Array; tags: NodeTags } | null {
  const nInfos = prep.index.infos.length;
  const sets = prep.sampleTags.length;
  if (nInfos * sets > MAX_TAG_TABLE) return null;
  const flat = new Float64Array(nInfos);
  const cum = new Float64Array(nInfos);
  const tags = new NodeTags(nInfos, sets);
  walkNodesTagged(prep, flat, cum, tags);
  return { flat, cum, tags };
}

/**
 * `nodeTotalsWithTags` of several weight columns over the same samples (every sample type of a
 * profile) from one walk: the stacks are read once, each visit adds to every column. The same sums
 * in the same order as one walk per column. Null as `nodeTotalsWithTags`.
 */
export function nodeTotalsWithTagsOfColumns(prep: Prepared, columns: readonly Float64Array[]): { flat: Float64Array; cum: Float64Array; tags: NodeTags }[] | null {
  const nInfos = prep.index.infos.length;
  const sets = prep.sampleTags.length;
  if (nInfos * sets > MAX_TAG_TABLE) return null;
  const k = columns.length;
  // Sums interleaved (entry × k + column): one visit's sums are neighbours.
  const flat = new Float64Array(nInfos * k);
  const cum = new Float64Array(nInfos * k);
  const tFlat = new Float64Array(nInfos * sets * k);
  const tCum = new Float64Array(nInfos * sets * k);
  const first = new Int32Array(nInfos * sets * k).fill(-1);
  walkNodesTaggedColumns(prep, columns, flat, cum, tFlat, tCum, first);
  return columns.map((_, j) => {
    const f = new Float64Array(nInfos);
    const c = new Float64Array(nInfos);
    for (let n = 0; n < nInfos; n++) {
      f[n] = flat[n * k + j]!;
      c[n] = cum[n * k + j]!;
    }
    const tags = new NodeTags(nInfos, sets);
    for (let t = 0; t < nInfos * sets; t++) {
      tags.flat[t] = tFlat[t * k + j]!;
      tags.cum[t] = tCum[t * k + j]!;
      tags.first[t] = first[t * k + j]!;
    }
    return { flat: f, cum: c, tags };
  });
}

/**
 * The sample loop of `nodeTotalsWithTagsOfColumns` (alone, as `walk`): `walkNodesTagged` over
 * every column. A column whose weight is 0 adds nothing (as the one-column walk skips the sample),
 * and sets no first sample.
 */
function walkNodesTaggedColumns(
  prep: Prepared,
  columns: readonly Float64Array[],
  flat: Float64Array,
  cum: Float64Array,
  tFlat: Float64Array,
  tCum: Float64Array,
  first: Int32Array,
): void {
  const { stackStart, locs, labelSet } = prep;
  const { locStart, locNodes, locSingle } = prep.index;
  const k = columns.length;
  const nodes = flat.length / k;
  const seenNode = new Int32Array(nodes).fill(-1);
  const w = new Float64Array(k); // this sample's weights
  for (let s = 0; s < prep.count; s++) {
    let any = false;
    for (let j = 0; j < k; j++) if ((w[j] = columns[j]![s]!) !== 0) any = true;
    if (!any) continue;
    const row = labelSet[s]! * nodes;
    let leaf = -1;
    const a = stackStart[s]!;
    for (let i = stackStart[s + 1]! - 1; i >= a; i--) {
      const l = locs[i]!;
      const one = locSingle[l]!;
      if (one >= 0) {
        if (seenNode[one] !== s) {
          seenNode[one] = s;
          const n = one * k;
          const t = (row + one) * k;
          for (let j = 0; j < k; j++) {
            const x = w[j]!;
            if (x === 0) continue;
            cum[n + j] += x;
            tCum[t + j] += x;
            if (first[t + j]! < 0) first[t + j] = s;
          }
        }
        leaf = one;
        continue;
      }
      for (let ni = locStart[l + 1]! - 1; ni >= locStart[l]!; ni--) {
        const nid = locNodes[ni]!;
        if (seenNode[nid] !== s) {
          seenNode[nid] = s;
          const n = nid * k;
          const t = (row + nid) * k;
          for (let j = 0; j < k; j++) {
            const x = w[j]!;
            if (x === 0) continue;
            cum[n + j] += x;
            tCum[t + j] += x;
            if (first[t + j]! < 0) first[t + j] = s;
          }
        }
        leaf = nid;
      }
    }
    if (leaf >= 0) {
      const n = leaf * k;
      const t = (row + leaf) * k;
      for (let j = 0; j < k; j++) {
        const x = w[j]!;
        if (x === 0) continue;
        flat[n + j] += x;
        tFlat[t + j] += x;
      }
    }
  }
}

/** Entries of the node × label set tables of `nodeTotalsWithTags` at most (20 bytes each). */
const MAX_TAG_TABLE = 1 << 20;

/** The sample loop of `nodeTotals` (alone, as `walk`). */
function walkNodes(prep: Prepared, flat: Float64Array, cum: Float64Array): void {
  const { weights, stackStart, locs } = prep;
  const { locStart, locNodes, locSingle } = prep.index;
  const seenNode = new Int32Array(flat.length).fill(-1);
  for (let s = 0; s < prep.count; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    let leaf = -1;
    const a = stackStart[s]!;
    for (let i = stackStart[s + 1]! - 1; i >= a; i--) {
      const l = locs[i]!;
      const one = locSingle[l]!;
      if (one >= 0) {
        if (seenNode[one] !== s) {
          seenNode[one] = s;
          cum[one] += w;
        }
        leaf = one;
        continue;
      }
      for (let ni = locStart[l + 1]! - 1; ni >= locStart[l]!; ni--) {
        const nid = locNodes[ni]!;
        if (seenNode[nid] !== s) {
          seenNode[nid] = s;
          cum[nid] += w;
        }
        leaf = nid;
      }
    }
    if (leaf >= 0) flat[leaf] += w;
  }
}

/** The sample loop of `nodeTotalsWithTags` (alone, as `walk`): `walkNodes`, plus the sums per label set. */
function walkNodesTagged(prep: Prepared, flat: Float64Array, cum: Float64Array, tags: NodeTags): void {
  const { weights, stackStart, locs, labelSet } = prep;
  const { locStart, locNodes, locSingle } = prep.index;
  const { flat: tFlat, cum: tCum, first } = tags;
  const nodes = flat.length;
  const seenNode = new Int32Array(nodes).fill(-1);
  for (let s = 0; s < prep.count; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    const row = labelSet[s]! * nodes;
    let leaf = -1;
    const a = stackStart[s]!;
    for (let i = stackStart[s + 1]! - 1; i >= a; i--) {
      const l = locs[i]!;
      const one = locSingle[l]!;
      if (one >= 0) {
        if (seenNode[one] !== s) {
          seenNode[one] = s;
          cum[one] += w;
          const t = row + one;
          tCum[t] += w;
          if (first[t] < 0) first[t] = s;
        }
        leaf = one;
        continue;
      }
      for (let ni = locStart[l + 1]! - 1; ni >= locStart[l]!; ni--) {
        const nid = locNodes[ni]!;
        if (seenNode[nid] !== s) {
          seenNode[nid] = s;
          cum[nid] += w;
          const t = row + nid;
          tCum[t] += w;
          if (first[t] < 0) first[t] = s;
        }
        leaf = nid;
      }
    }
    if (leaf >= 0) {
      flat[leaf] += w;
      tFlat[row + leaf] += w;
    }
  }
}

/** pprof's isNegative, what --drop_negative drops: a negative flat, or no flat and a negative cum. */
export function isNegative(flat: number, cum: number): boolean {
  return flat < 0 || (flat === 0 && cum < 0);
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
