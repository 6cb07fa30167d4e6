import type { GEdge, GNode, Tag } from './build.js';
import { infoSortKey } from './node-info.js';

const abs = Math.abs;

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** pprof's compareNodes: fmt.Sprint(Info) order, the final tie breaker. */
function cmpInfo(l: GNode, r: GNode): number {
  return cmpStr(infoSortKey(l.info), infoSortKey(r.info));
}

/** pprof's FlatNameOrder: |flat| desc, name, |cum| desc. */
export function flatNameOrder(l: GNode, r: GNode): number {
  return abs(r.flat) - abs(l.flat) || cmpStr(l.name, r.name) || abs(r.cum) - abs(l.cum) || cmpInfo(l, r);
}

/** Go's abs64 on int64: wraps for the minimum value (which stays negative). */
function abs64(v: bigint): bigint {
  return v < 0n ? BigInt.asIntN(64, -v) : v;
}

function scoreOrder(score: Map<GNode, bigint>) {
  return (l: GNode, r: GNode): number => {
    const iv = abs64(score.get(l)!);
    const jv = abs64(score.get(r)!);
    if (iv !== jv) return iv > jv ? -1 : 1;
    return cmpStr(l.name, r.name) || abs(r.flat) - abs(l.flat) || cmpInfo(l, r);
  };
}

/**
 * Go's int64(f) on amd64: truncation, and the "integer indefinite" minimum int64 for NaN and
 * out-of-range values. Diff graphs hit this: a node with negative flat and only negative out-edges
 * gets a negative entropy total, log2 of a negative fraction, NaN — and pprof then ranks it first.
 */
function goInt64(x: number): bigint {
  if (!Number.isFinite(x) || x >= 2 ** 63 || x < -(2 ** 63)) return -(2n ** 63n);
  return BigInt(Math.trunc(x));
}

/** pprof's Graph.SortNodes: entropy order for pictures, cum or flat order for tables. */
export function sortNodes(nodes: GNode[], cum: boolean, visual: boolean): void {
  if (visual) {
    const score = new Map<GNode, bigint>();
    for (const n of nodes) score.set(n, entropyScore(n));
    nodes.sort(scoreOrder(score));
  } else if (cum) {
    const score = new Map<GNode, bigint>();
    for (const n of nodes) score.set(n, goInt64(n.cum));
    nodes.sort(scoreOrder(score));
  } else {
    nodes.sort(flatNameOrder);
  }
}

function entropyScore(n: GNode): bigint {
  let score = 0;
  score += n.in.size === 0 ? 1 : edgeEntropyScore(n.in, 0);
  score += n.out.size === 0 ? 1 : edgeEntropyScore(n.out, n.flat);
  return BigInt.asIntN(64, goInt64(score * n.cum) + goInt64(n.flat));
}

function edgeEntropyScore(edges: Map<GNode, GEdge>, self: number): number {
  let score = 0;
  let total = self;
  for (const e of edges.values()) if (e.weight > 0) total += abs(e.weight);
  if (total !== 0) {
    for (const e of edges.values()) {
      const frac = abs(e.weight) / total;
      score += -frac * Math.log2(frac);
    }
    if (self > 0) {
      const frac = abs(self) / total;
      score += -frac * Math.log2(frac);
    }
  }
  return score;
}

/** pprof's EdgeMap.Sort: |weight| desc, then source name, then destination name. */
export function sortEdges(edges: Iterable<GEdge>): GEdge[] {
  return [...edges].sort(
    (a, b) =>
      (a.weight !== b.weight ? abs(b.weight) - abs(a.weight) : 0) ||
      cmpStr(a.src.name, b.src.name) ||
      cmpStr(a.dest.name, b.dest.name),
  );
}

/** pprof's SortTags: by |cum| (unless flat) then |flat| desc, then name. */
export function sortTags(tags: Tag[], flat: boolean): Tag[] {
  return tags.sort(
    (a, b) =>
      (!flat && a.cum !== b.cum ? abs(b.cum) - abs(a.cum) : 0) ||
      (a.flat !== b.flat ? abs(b.flat) - abs(a.flat) : 0) ||
      cmpStr(a.name, b.name),
  );
}
