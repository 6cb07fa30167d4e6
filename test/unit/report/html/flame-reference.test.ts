// The flame graph's builder (one depth at a time over the samples' own stacks, pruned as it goes)
// against the plainest construction: every sample's whole stack inserted into one tree, frames
// kept by share, in the order the page gets them (by depth, then by the first sample through the
// frame), at the finest share of MIN_SHARE × 2^k that keeps at most the cap.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, type ReportConfig } from '../../../../src/config/defaults.js';
import { prepare } from '../../../../src/graph/prepare.js';
import { parseProfile } from '../../../../src/ingest/parse.js';
import type { Profile } from '../../../../src/model/profile.js';
import { buildFlame, type FlameData } from '../../../../src/report/html/flame.js';
import { scrambledDiff } from '../../../helpers/diff-profile.js';
import { ROOT } from '../../../helpers/cli.js';

const load = (f: string): Profile => parseProfile(readFileSync(join(ROOT, f)), f, { maxInflate: DEFAULTS.maxInflate });

interface RefNode {
  parent: number;
  nid: number;
  depth: number;
  /** First sample (with a weight) through the frame. */
  first: number;
  values: number[];
}

function reference(p: Profile, config: ReportConfig, minShare: number, maxNodes: number): FlameData {
  const prep = prepare(p, { valueIndex: 0, granularity: config.granularity, noInlines: config.noInlines, dropNegative: config.dropNegative, tagUnit: config.unit });
  const nt = p.sampleTypes.length;
  const v = p.samples.values;
  const diff = !config.dropNegative && v.some((x) => x < 0);
  const cols = diff ? 2 * nt : nt;
  const weight = (s: number, c: number): number => {
    const x = config.dropNegative ? Math.max(0, v[s * nt + (c % nt)]!) : v[s * nt + (c % nt)]!;
    if (!diff) return x;
    return c < nt ? Math.max(x, 0) : Math.max(-x, 0);
  };
  const totals = Array.from({ length: cols }, (_, c) => {
    let t = 0;
    for (let s = 0; s < prep.count; s++) t += weight(s, c);
    return Math.abs(t);
  });
  const nodes: RefNode[] = [{ parent: -1, nid: -1, depth: 0, first: -1, values: totals.map(() => 0) }];
  const child = new Map<string, number>();
  for (let s = 0; s < prep.count; s++) {
    const w = totals.map((_, c) => weight(s, c));
    w.forEach((x, c) => (nodes[0]!.values[c]! += x));
    if (w.every((x) => x === 0)) continue;
    let at = 0;
    const { locStart, locNodes } = prep.index;
    for (let i = prep.stackStart[s + 1]! - 1; i >= prep.stackStart[s]!; i--) {
      const l = prep.locs[i]!;
      for (let ni = locStart[l + 1]! - 1; ni >= locStart[l]!; ni--) {
        const nid = locNodes[ni]!;
        const key = `${at}:${nid}`;
        let c = child.get(key);
        if (c === undefined) {
          c = nodes.length;
          child.set(key, c);
          nodes.push({ parent: at, nid, depth: nodes[at]!.depth + 1, first: s, values: totals.map(() => 0) });
        }
        w.forEach((x, k) => (nodes[c!]!.values[k]! += x));
        at = c;
      }
    }
  }
  const keptAt = (share: number): number[] => {
    const kept = new Set<number>([0]);
    const order = nodes.map((_, i) => i).sort((a, b) => nodes[a]!.depth - nodes[b]!.depth || nodes[a]!.first - nodes[b]!.first);
    for (const i of order) {
      const n = nodes[i]!;
      if (i === 0 || !kept.has(n.parent)) continue;
      if (n.values.some((x, c) => Math.abs(x) > totals[c]! * share)) kept.add(i);
    }
    return order.filter((i) => kept.has(i));
  };
  let share = minShare;
  let kept = keptAt(share);
  while (kept.length > maxNodes) kept = keptAt((share *= 2));
  const index = new Map(kept.map((i, k) => [i, k]));
  const names: string[] = [];
  const out: FlameData = { names, short: [], parent: [], name: [], values: Array.from({ length: nt }, () => []), minShare: share };
  if (diff) out.before = Array.from({ length: nt }, () => []);
  for (const i of kept) {
    const n = nodes[i]!;
    out.parent.push(n.parent < 0 ? -1 : index.get(n.parent)!);
    const name = n.nid < 0 ? 'root' : prep.index.names[n.nid]!;
    if (!names.includes(name)) names.push(name);
    out.name.push(names.indexOf(name));
    for (let j = 0; j < nt; j++) {
      out.values[j]!.push(diff ? n.values[j]! - n.values[nt + j]! : n.values[j]!);
      if (diff) out.before![j]!.push(n.values[nt + j]!);
    }
  }
  return out;
}

const PROFILES: [string, () => Profile][] = [
  ['inline', () => load('samples/inline.pb.gz')],
  ['recursion', () => load('samples/recursion.pb.gz')],
  ['labels', () => load('samples/labels.pb.gz')],
  ['workload leak', () => load('samples/workload/leak.pb.gz')],
  ['generated', () => load('samples/generated/heap-2000.pb.gz')],
  ['inline, scrambled diff', () => scrambledDiff(load('samples/inline.pb.gz'), 11)],
  ['leak, scrambled diff', () => scrambledDiff(load('samples/workload/leak.pb.gz'), 11)],
];

const shape = (f: FlameData) => ({
  parent: f.parent,
  name: f.name.map((k) => f.names[k]),
  values: f.values,
  before: f.before,
  minShare: f.minShare,
});

describe('the flame graph is the samples\' call tree, kept by share', () => {
  for (const [name, make] of PROFILES) {
    it(name, () => {
      const p = make();
      for (const dropNegative of [false, true]) {
        const config = { ...DEFAULTS.report, dropNegative };
        expect(shape(buildFlame(p, config)), `drop_negative=${dropNegative}`).toEqual(shape(reference(p, config, 1e-4, 20_000)));
      }
    });
  }
});
