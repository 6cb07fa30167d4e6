/**
 * Signed per-frame values of a compared profile (`--base` / `--diff_base`), for a differential flame
 * graph: a prefix tree from the roots, each node with the value it had in the base (`before`), in
 * the profile (`after`) and the difference (`delta` = after - before; growth > 0).
 *
 * With `--diff_base` base samples carry `pprof::base=true`, so before and after are known apart.
 * With `--base` equal stacks have already cancelled: only the signed sum is known, so a positive
 * remainder counts as `after` and a negative one as `before` (delta is exact either way).
 * Without a comparison every value is `after`.
 */
import type { Profile } from '../model/profile.js';
import { BASE_LABEL } from '../profile/diff.js';
import { framesOf } from './sites.js';

export interface DiffFrame {
  name: string;
  /** Inclusive values (this frame and everything it called). */
  before: number;
  after: number;
  delta: number;
  /** Exclusive (self) difference. */
  selfDelta: number;
  children: DiffFrame[];
}

/** The tree for value column `valueIndex`; the root is a synthetic frame named "root". */
export function diffFrameTree(p: Profile, valueIndex: number): DiffFrame {
  const root: DiffFrame = { name: 'root', before: 0, after: 0, delta: 0, selfDelta: 0, children: [] };
  const index = new Map<DiffFrame, Map<string, DiffFrame>>();
  const child = (parent: DiffFrame, name: string): DiffFrame => {
    let m = index.get(parent);
    if (!m) index.set(parent, (m = new Map()));
    let c = m.get(name);
    if (!c) {
      c = { name, before: 0, after: 0, delta: 0, selfDelta: 0, children: [] };
      m.set(name, c);
      parent.children.push(c);
    }
    return c;
  };
  const s = p.samples;
  const nv = p.sampleTypes.length;
  const isBase = s.labelSets.map((set) => (set.str[BASE_LABEL] ?? []).includes('true'));
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * nv + valueIndex]!;
    if (v === 0) continue;
    let before = 0;
    let after = 0;
    if (isBase[s.labelSet[i]!]) before = -v;
    else if (v >= 0) after = v;
    else before = -v;
    const add = (f: DiffFrame) => {
      f.before += before;
      f.after += after;
      f.delta += after - before;
    };
    add(root);
    let node = root;
    const frames = framesOf(p, i);
    for (let k = frames.length - 1; k >= 0; k--) {
      node = child(node, frames[k]!.name);
      add(node);
    }
    node.selfDelta += after - before;
  }
  return root;
}
