import { buildCallTree, trimTree } from './call-tree.js';
import { buildGraph, buildKeptGraph, isNegative, nodeTotals, nodeTotalsWithTags, nodeTotalsWithTagsOfColumns, type GEdge, type SharedEdges, type GNode, type Graph, type NodeFigures, type Tag } from './build.js';
import { keptEdgesOfColumns, MAX_FUSED_COLUMNS, type KeptColumn } from './column-edges.js';
import type { NodeTags } from './tag-accumulator.js';
import type { Prepared } from './prepare.js';
import { sortEdges, sortNodes } from './sort.js';

/** Number of nodelets pprof draws per node (string and numeric tags). */
export const MAX_NODELETS = 4;

export interface TrimOptions {
  nodeCount: number;
  nodeFraction: number;
  edgeFraction: number;
  cumSort: boolean;
  /** DOT-like output: entropy ordering, nodelets count toward nodecount, redundant edges removed. */
  visual: boolean;
  /** pprof's --call_tree: a tree of call paths, trimmed in place (TrimTree) instead of rebuilt. */
  callTree?: boolean;
  /**
   * 'inline' (tables only): build just the edges into inlined functions, which make pprof's
   * "(inline)" marks — all that text and its kin read from edges (see buildKeptGraph). Default 'all'.
   */
  edges?: 'all' | 'inline';
}

export interface TrimmedGraph {
  graph: Graph;
  /** Nodes left after the nodefraction cut (before nodecount). */
  origCount: number;
  droppedNodes: number;
  /** With `edges: 'inline'`, of those edges only (pprof's text headers never show it). */
  droppedEdges: number;
  /** Sum of |flat| over all nodes of the untrimmed graph (pprof's cutoff base). */
  totalValue: number;
}

/**
 * pprof's Report.newTrimmedGraph: build the full graph, drop nodes under nodefraction of the total,
 * keep the top nodecount nodes, then drop light tags and edges — rebuilding from the samples at each
 * step so values stay exact.
 */
export function trimmedGraph(prep: Prepared, o: TrimOptions): TrimmedGraph {
  const c = cutToTop(prep, o)!;
  if (c.top !== null) {
    c.keep(c.top, topEdges(prep, o, c.top));
    sortNodes(c.graph().nodes, o.cumSort, o.visual);
  }
  const g = c.graph();
  for (const n of g.nodes) c.withTags(n);
  trimLowFrequencyTags(g, c.nodeCutoff);
  const droppedEdges = trimLowFrequencyEdges(g, c.edgeCutoff);
  if (o.visual) removeRedundantEdges(g);
  return { graph: g, origCount: c.origCount, droppedNodes: c.droppedNodes, droppedEdges, totalValue: c.totalValue };
}

/** trimmedGraph up to the nodecount cut: the graph of the nodefraction cut, sorted and trimmed, and the nodes the nodecount cut keeps. */
interface Cut {
  /** The graph as built so far (`keep` rebuilds it). */
  graph: () => Graph;
  /** Rebuilds the graph over `nodes` (with `shared`: its edges, when an earlier build or walk has them). */
  keep: (nodes: NodeFigures[], shared?: SharedEdges) => void;
  /** `n` with its tags (see trimmedGraph). */
  withTags: (n: GNode) => GNode;
  /** The nodes the nodecount cut keeps, in order; null when it drops none. */
  top: GNode[] | null;
  origCount: number;
  droppedNodes: number;
  totalValue: number;
  nodeCutoff: number;
  edgeCutoff: number;
}

/**
 * trimmedGraph's steps before the nodecount cut's rebuild: the untrimmed figures, the
 * nodefraction cut's build, sorting, the tag and edge trims and `selectTopNodes`. Also what a run
 * of every sample type does for another type to know the nodes its nodecount cut keeps (see
 * `topEdges`): the same steps on the same memoized figures and edges — with `memoizedOnly`, null
 * instead of a walk when they are not (the type's own report would walk again for them).
 */
function cutToTop(prep: Prepared, o: TrimOptions, memoizedOnly = false): Cut | null {
  const tags = o.visual;
  const callTree = o.callTree === true;
  if (memoizedOnly && (callTree || !memoizedFigures(prep, tags))) return null;
  // The untrimmed graph only decides the cutoffs and which nodes survive nodefraction: its figures
  // are shared by every report on the same samples (an HTML report asks for tables and graphs).
  const full = callTree ? null : fullGraphFigures(prep, tags);
  const inlineEdges = o.edges === 'inline' && !o.visual && !callTree;
  let g = callTree ? buildCallTree(prep, tags) : (null as unknown as Graph);
  let tagged = false;
  // Nodes still waiting for their tags (from the untrimmed walk's tables, see `withTags`).
  let untagged: Set<GNode> | null = null;
  const keep = (nodes: NodeFigures[], shared?: SharedEdges): void => {
    if (callTree) {
      trimTree(g, new Set(nodes as GNode[]));
      removeRedundantEdges(g);
    } else if (tags && !tagged && full?.tags) {
      // The untrimmed walk summed every node's tags already: this build only walks for the edges,
      // and a node gets its tags when something reads them (few do: the nodecount cut reads them
      // down the order until it stops, and only the nodes it keeps are drawn).
      g = buildKeptGraph(prep, nodes, 'all', shared);
      untagged = new Set(g.nodes);
      tagged = true;
    } else if (tags && !tagged) {
      g = buildGraph(prep, keptSet(prep, nodes), true);
      tagged = true;
    } else {
      // Values are known (see buildKeptGraph); a kept node's tags do not depend on which other
      // nodes are kept either (cum tags come from every sample through it, flat tags from those it
      // is the leaf of): the rebuild only walks for the edges and takes the tags over.
      const before = g;
      g = buildKeptGraph(prep, nodes, inlineEdges ? 'inlined' : 'all', shared);
      if (tags) {
        takeTags(before, g, withTags);
        untagged = null;
      }
    }
  };
  /** `n` with its tags, trimmed as trimLowFrequencyTags would have (the cutoff is set before any node is read). */
  const withTags = (n: GNode): GNode => {
    if (untagged?.delete(n)) {
      Object.assign(n, full!.tags!.holder(prep, n.nid));
      trimNodeTags(n, nodeCutoff);
    }
    return n;
  };
  let totalValue = 0;
  if (full) totalValue = full.totalValue;
  else for (const n of g.nodes) totalValue += n.flat;
  const nodeCutoff = Math.abs(Math.trunc(totalValue * o.nodeFraction));
  const edgeCutoff = Math.abs(Math.trunc(totalValue * o.edgeFraction));
  let droppedNodes = 0;

  const all: NodeFigures[] = full ? full.nodes : g.nodes;
  const kept = nodeCutoff > 0 ? all.filter((n) => Math.abs(n.cum) >= nodeCutoff) : all;
  if (kept.length !== all.length) {
    droppedNodes = all.length - kept.length;
    // The same cut of the same figures is the same kept set: a table and a graph share its edges.
    const shared = callTree ? undefined : sharedEdges(prep, nodeCutoff, o.nodeFraction);
    if (memoizedOnly && !shared?.edges) return null;
    keep(kept, shared);
  } else if (memoizedOnly) {
    return null;
  } else if (!callTree && !tags && !hasNegative(prep.weights)) {
    // Nothing dropped: the full graph. Its figures list every node of a sample (weights ≥ 0: none
    // cancels out or is negative), so the kept-set build is that graph.
    g = buildKeptGraph(prep, all, inlineEdges ? 'inlined' : 'all');
  } else if (!callTree) {
    g = buildGraph(prep, null, tags);
    tagged = tags;
  }
  const origCount = g.nodes.length;

  sortNodes(g.nodes, o.cumSort, o.visual);
  let top: GNode[] | null = null;
  if (o.nodeCount > 0) {
    trimLowFrequencyTags(g, nodeCutoff, (n) => untagged?.has(n) === true);
    trimLowFrequencyEdges(g, edgeCutoff);
    const t = selectTopNodes(g, o.nodeCount, o.visual, withTags);
    if (t.length !== g.nodes.length) top = t;
  }
  return { graph: () => g, keep, withTags, top, origCount, droppedNodes, totalValue, nodeCutoff, edgeCutoff };
}

/** One sample type's nodecount cut under one set of options: the nodes it keeps (null: none dropped) and their edges. */
interface TopCut {
  nids: string | null;
  shared: SharedEdges;
}

/** What decides the nodecount cut's kept nodes, besides the sample type (its figure memo). */
const topKey = (o: TrimOptions): string => `${o.nodeCount} ${o.nodeFraction} ${o.edgeFraction} ${o.cumSort} ${o.visual}`;

/**
 * The edges of the nodecount cut's rebuild over `top` (prep's type), in a run of every sample type:
 * the first type to get there also works out the kept nodes of every other type's cut under the
 * same options (`cutToTop` on that type's memoized figures and edges), so that its walk — when it
 * walks — fills every type's edges at once (`keptEdgesOfColumns`); each is memoized under its
 * type's nodes. A later type takes them only when its own nodes are those, in order (else it walks
 * alone): a wrong guess costs a walk, never a different graph. Undefined when there is nothing to
 * share: one sample type, a call tree, or just the edges into inlined nodes (tables).
 */
function topEdges(prep: Prepared, o: TrimOptions, top: readonly GNode[]): SharedEdges | undefined {
  if (prep.columns === null || o.callTree === true || (o.edges === 'inline' && !o.visual)) return undefined;
  const byKey = figureMemo(prep).top;
  const key = topKey(o);
  const nids = nidsOf(top);
  const known = byKey.get(key);
  if (known) return known.nids === nids ? known.shared : undefined;
  const own: TopCut = { nids, shared: {} };
  byKey.set(key, own);
  own.shared.fill = () => fillTopOfEveryType(prep, o, key, { shared: own.shared, column: { weights: prep.weights, kept: top } });
  return own.shared;
}

const nidsOf = (nodes: readonly GNode[]): string => nodes.map((n) => n.nid).join(',');

/** Fills `own` and the nodecount cut's edges of every other type not cut under `key` yet, from one walk; nothing when no other type's cut drops nodes. */
function fillTopOfEveryType(prep: Prepared, o: TrimOptions, key: string, own: { shared: SharedEdges; column: KeptColumn }): void {
  const wanted = [own];
  for (const w of prep.columns!()) {
    if (wanted.length === MAX_FUSED_COLUMNS) break;
    if (w === prep.weights) continue;
    const byKey = figureMemo(prep, w).top;
    if (byKey.has(key)) continue;
    const c = cutToTop({ ...prep, weights: w }, o, true);
    if (!c) continue;
    const cut: TopCut = { nids: c.top && nidsOf(c.top), shared: {} };
    byKey.set(key, cut);
    if (c.top) wanted.push({ shared: cut.shared, column: { weights: w, kept: c.top } });
  }
  if (wanted.length >= 2) fillFromOneWalk(prep, wanted);
}

/** Each wanted cut's edges, from one walk over the samples for all of them. */
function fillFromOneWalk(prep: Prepared, wanted: readonly { shared: SharedEdges; column: KeptColumn }[]): void {
  const lists = keptEdgesOfColumns(prep, wanted.map((x) => x.column));
  wanted.forEach((x, i) => (x.shared.edges = lists[i]));
}

interface FullFigures {
  totalValue: number;
  nodes: NodeFigures[];
  /** Every node's tags (when asked for and the tables are small enough). */
  tags: NodeTags | null;
}

/** The untrimmed figures of one (weights, node index, drop_negative): plain, and with tags per tag table. */
interface FigureMemo {
  plain?: FullFigures;
  tagged: WeakMap<object, FullFigures>;
  /** The edges of the nodefraction cut's build, per cutoff. */
  edges: Map<number, SharedEdges>;
  /** The nodecount cut of a run of every sample type, per `topKey`. */
  top: Map<string, TopCut>;
}

const fullFigures = new WeakMap<Float64Array, WeakMap<object, Map<boolean, FigureMemo>>>();

function figureMemo(prep: Prepared, weights = prep.weights): FigureMemo {
  let byIndex = fullFigures.get(weights);
  if (!byIndex) fullFigures.set(weights, (byIndex = new WeakMap()));
  let byDrop = byIndex.get(prep.index);
  if (!byDrop) byIndex.set(prep.index, (byDrop = new Map()));
  let m = byDrop.get(prep.dropNegative);
  if (!m) byDrop.set(prep.dropNegative, (m = { tagged: new WeakMap(), edges: new Map(), top: new Map() }));
  return m;
}

/** The edges of the cut at `cutoff` (of `nodeFraction`) of prep's sample type, memoized. */
function sharedEdges(prep: Prepared, cutoff: number, nodeFraction: number): SharedEdges {
  const e = edgesOfCut(figureMemo(prep), cutoff);
  // A run of every sample type: the first build that walks for them walks for every type's cut.
  if (prep.columns !== null && !e.edges) e.fill = () => fillEveryType(prep, nodeFraction, e);
  return e;
}

function edgesOfCut(m: FigureMemo, cutoff: number): SharedEdges {
  let e = m.edges.get(cutoff);
  if (!e) m.edges.set(cutoff, (e = {}));
  return e;
}

/**
 * Fills `own` (prep's type's cut) and the edges of the same nodefraction cut of every other sample
 * type whose untrimmed figures are memoized (the every-type walk of `fullGraphFigures` made them),
 * whose cut drops nodes (as trimmedGraph's, each at its own cutoff) and has no edges yet, from one
 * walk (`keptEdgesOfColumns`). Each is memoized under its type's own cutoff, for its table and
 * graph. Nothing when no other type needs them: the build walks alone.
 */
function fillEveryType(prep: Prepared, nodeFraction: number, own: SharedEdges): void {
  const wanted: { shared: SharedEdges; column: KeptColumn }[] = [];
  for (const w of [prep.weights, ...prep.columns!().filter((c) => c !== prep.weights)]) {
    if (wanted.length === MAX_FUSED_COLUMNS) break;
    const m = figureMemo(prep, w);
    const f = m.plain;
    if (!f) continue;
    const cutoff = Math.abs(Math.trunc(f.totalValue * nodeFraction));
    if (cutoff === 0) continue;
    const shared = edgesOfCut(m, cutoff);
    if (shared.edges) continue;
    const kept = f.nodes.filter((n) => Math.abs(n.cum) >= cutoff);
    if (kept.length !== f.nodes.length) wanted.push({ shared, column: { weights: w, kept } });
  }
  if (wanted.length >= 2 && wanted[0]!.shared === own) fillFromOneWalk(prep, wanted);
}

/** Whether `fullGraphFigures(prep, withTags)` has its figures (with tags, when asked for) without a walk. */
function memoizedFigures(prep: Prepared, withTags: boolean): boolean {
  const m = figureMemo(prep);
  return withTags ? (m.tagged.get(prep.sampleTags)?.tags ?? null) !== null : m.plain !== undefined;
}

/**
 * Total flat and per-node cum of the untrimmed graph, memoized per (weights, node index,
 * drop_negative); `withTags`: with every node's tags too, from the same walk (memoized per tag
 * table as well), when `nodeTotalsWithTags` can.
 */
function fullGraphFigures(prep: Prepared, withTags: boolean): FullFigures {
  const m = figureMemo(prep);
  if (withTags) {
    let f = m.tagged.get(prep.sampleTags);
    if (!f) {
      const columns = prep.columns?.() ?? [prep.weights];
      if (columns.length > 1 && columns.includes(prep.weights)) {
        // The run reports every sample type: one walk for all of them, each memoized as its own.
        const rs = nodeTotalsWithTagsOfColumns(prep, columns);
        if (!rs) return plainFigures(prep, m);
        columns.forEach((w, j) => {
          const mj = figureMemo(prep, w);
          if (mj.tagged.has(prep.sampleTags)) return;
          const fj = figures(prep, rs[j]!.flat, rs[j]!.cum, rs[j]!.tags);
          mj.tagged.set(prep.sampleTags, fj);
          mj.plain ??= { ...fj, tags: null };
        });
        return m.tagged.get(prep.sampleTags)!;
      }
      const r = nodeTotalsWithTags(prep);
      if (!r) return plainFigures(prep, m);
      f = figures(prep, r.flat, r.cum, r.tags);
      m.tagged.set(prep.sampleTags, f);
      m.plain ??= { ...f, tags: null };
    }
    return f;
  }
  // A run of every sample type builds every type's graph, with tags: the tables take their
  // figures from that walk too, whichever comes first.
  if (!m.plain && prep.columns !== null && fullGraphFigures(prep, true).tags !== null) return m.plain!;
  return plainFigures(prep, m);
}

/** The untrimmed figures without tags (also what the tagged walk falls back to over its table cap). */
function plainFigures(prep: Prepared, m: ReturnType<typeof figureMemo>): FullFigures {
  if (!m.plain) {
    const { flat, cum } = nodeTotals(prep);
    m.plain = figures(prep, flat, cum, null);
  }
  return m.plain;
}

function figures(prep: Prepared, flat: Float64Array, cum: Float64Array, tags: NodeTags | null): FullFigures {
  let totalValue = 0;
  const nodes: NodeFigures[] = [];
  for (let nid = 0; nid < flat.length; nid++) {
    const fl = flat[nid]!;
    const cu = cum[nid]!;
    if (fl === 0 && cu === 0) continue;
    if (prep.dropNegative && isNegative(fl, cu)) continue;
    totalValue += fl;
    nodes.push({ nid, flat: fl, cum: cu });
  }
  return { totalValue, nodes, tags };
}

const negative = new WeakMap<Float64Array, boolean>();

/** Whether some sample weighs less than zero (a diff), memoized per weights. */
function hasNegative(weights: Float64Array): boolean {
  let v = negative.get(weights);
  if (v === undefined) {
    v = false;
    for (let i = 0; i < weights.length && !v; i++) v = weights[i]! < 0;
    negative.set(weights, v);
  }
  return v;
}

function keptSet(prep: Prepared, nodes: readonly NodeFigures[]): Uint8Array {
  const kept = new Uint8Array(prep.index.infos.length);
  for (const n of nodes) kept[n.nid] = 1;
  return kept;
}

/** Gives the nodes of `to` the tags of the same nodes in `from` (where `to`'s nodes are a subset; `tagged` gives a node its tags if it has none yet). */
function takeTags(from: Graph, to: Graph, tagged: (n: GNode) => GNode): void {
  const byNid = new Map(from.nodes.map((n) => [n.nid, n]));
  for (const n of to.nodes) {
    const src = tagged(byNid.get(n.nid)!);
    n.labelTags = src.labelTags;
    n.numericTags = src.numericTags;
  }
}

function trimTagMap(tags: Map<string, Tag>, min: number): Map<string, Tag> {
  const kept = new Map<string, Tag>();
  for (const [k, t] of tags) if (Math.abs(t.flat) >= min || Math.abs(t.cum) >= min) kept.set(k, t);
  return kept;
}

/** pprof's TrimLowFrequencyTags; nodes `later` says get their tags later (`withTags`, trimmed then) are left. */
function trimLowFrequencyTags(g: Graph, min: number, later?: (n: GNode) => boolean): void {
  for (const n of g.nodes) if (!later?.(n)) trimNodeTags(n, min);
}

function trimNodeTags(n: GNode, min: number): void {
  n.labelTags = trimTagMap(n.labelTags, min);
  for (const [k, tm] of n.numericTags) n.numericTags.set(k, trimTagMap(tm, min));
}

function trimLowFrequencyEdges(g: Graph, cutoff: number): number {
  let dropped = 0;
  for (const n of g.nodes) {
    for (const [src, e] of n.in) {
      if (Math.abs(e.weight) < cutoff) {
        n.in.delete(src);
        src.out.delete(n);
        dropped++;
      }
    }
  }
  return dropped;
}

function countTags(n: GNode): number {
  let count = 0;
  for (const t of n.labelTags.values()) if (t.flat !== 0) count++;
  for (const tm of n.numericTags.values()) for (const t of tm.values()) if (t.flat !== 0) count++;
  return count;
}

function selectTopNodes(g: Graph, maxNodes: number, visual: boolean, withTags: (n: GNode) => GNode): GNode[] {
  if (maxNodes > 0 && visual) {
    let count = 0;
    for (let i = 0; i < g.nodes.length; i++) {
      const tags = Math.min(countTags(withTags(g.nodes[i]!)), MAX_NODELETS);
      count += tags + 1;
      if (count >= maxNodes) {
        maxNodes = i + 1;
        break;
      }
    }
  }
  return g.nodes.slice(0, Math.min(maxNodes, g.nodes.length));
}

/** pprof's RemoveRedundantEdges: drop residual edges whose endpoints stay connected another way. */
function removeRedundantEdges(g: Graph): void {
  for (let i = g.nodes.length - 1; i >= 0; i--) {
    const n = g.nodes[i]!;
    const ins = sortEdges(n.in.values());
    for (let j = ins.length - 1; j >= 0; j--) {
      const e = ins[j]!;
      if (!e.residual) break;
      if (isRedundantEdge(e)) {
        e.src.out.delete(e.dest);
        e.dest.in.delete(e.src);
      }
    }
  }
}

function isRedundantEdge(e: GEdge): boolean {
  const src = e.src;
  const seen = new Set<GNode>([e.dest]);
  const queue: GNode[] = [e.dest];
  for (let q = 0; q < queue.length; q++) {
    for (const ie of queue[q]!.in.values()) {
      if (ie === e || seen.has(ie.src)) continue;
      if (ie.src === src) return true;
      seen.add(ie.src);
      queue.push(ie.src);
    }
  }
  return false;
}
