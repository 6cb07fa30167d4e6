import type { ReportConfig } from '../../config/defaults.js';
import { indexNodes } from '../../graph/node-info.js';
import type { Profile } from '../../model/profile.js';

/**
 * The samples as one call tree (root → callers → … → leaf) for the flame graph, with a value per
 * sample type so the page can switch types without new data. Serialized compactly: nodes in
 * pre-order, `parent[i]` (−1 for the root), `name[i]` into `names`, `values[type][i]` (the node's
 * cumulative value: every sample whose stack passes through it).
 */
export interface FlameData {
  names: string[];
  parent: number[];
  name: number[];
  values: number[][];
  /** Frames below this share of the total in every sample type were left out. */
  minShare: number;
}

interface TreeNode {
  nid: number;
  v: Float64Array;
  children: Map<number, TreeNode>;
}

/** Frames this small are invisible at any zoom a reader uses; the cap keeps huge profiles' files small. */
const MIN_SHARE = 1e-4;
const MAX_NODES = 20_000;

export function buildFlame(p: Profile, config: ReportConfig): FlameData {
  const nt = p.sampleTypes.length;
  const index = indexNodes(p, config.granularity, config.noInlines);
  const { locStart, locNodes } = index;
  const s = p.samples;
  const root: TreeNode = { nid: -1, v: new Float64Array(nt), children: new Map() };
  const w = new Float64Array(nt);
  let count = 1;
  for (let i = 0; i < s.count; i++) {
    let any = false;
    for (let j = 0; j < nt; j++) {
      let x = s.values[i * nt + j]!;
      if (config.dropNegative && x < 0) x = 0;
      w[j] = x;
      if (x !== 0) any = true;
    }
    if (!any) continue;
    let node = root;
    add(node.v, w);
    for (let k = s.stackStart[i + 1]! - 1; k >= s.stackStart[i]!; k--) {
      const l = s.locs[k]!;
      for (let q = locStart[l + 1]! - 1; q >= locStart[l]!; q--) {
        const nid = locNodes[q]!;
        let c = node.children.get(nid);
        if (!c) {
          c = { nid, v: new Float64Array(nt), children: new Map() };
          node.children.set(nid, c);
          count++;
        }
        add(c.v, w);
        node = c;
      }
    }
  }
  const totals = Array.from(root.v, Math.abs);
  let minShare = MIN_SHARE;
  if (count > MAX_NODES) while (kept(root, totals, minShare, MAX_NODES + 1) > MAX_NODES) minShare *= 2;

  const out: FlameData = { names: [], parent: [], name: [], values: Array.from({ length: nt }, () => []), minShare };
  const nameIdx = new Map<number, number>();
  const visit = (n: TreeNode, parent: number) => {
    const me = out.parent.length;
    out.parent.push(parent);
    let ni = nameIdx.get(n.nid);
    if (ni === undefined) {
      ni = out.names.length;
      nameIdx.set(n.nid, ni);
      out.names.push(n.nid < 0 ? 'root' : index.names[n.nid]!);
    }
    out.name.push(ni);
    for (let j = 0; j < nt; j++) out.values[j]!.push(n.v[j]!);
    for (const c of n.children.values()) if (big(c, totals, minShare)) visit(c, me);
  };
  visit(root, -1);
  return out;
}

function add(v: Float64Array, w: Float64Array): void {
  for (let j = 0; j < v.length; j++) v[j]! += w[j]!;
}

function big(n: TreeNode, totals: number[], share: number): boolean {
  for (let j = 0; j < totals.length; j++) if (Math.abs(n.v[j]!) > totals[j]! * share) return true;
  return false;
}

/** Number of nodes kept at this share, counting no further than `limit`. */
function kept(root: TreeNode, totals: number[], share: number, limit: number): number {
  let n = 0;
  const stack = [root];
  while (stack.length > 0 && n < limit) {
    const x = stack.pop()!;
    n++;
    for (const c of x.children.values()) if (big(c, totals, share)) stack.push(c);
  }
  return n;
}
