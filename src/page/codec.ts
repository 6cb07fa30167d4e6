import type { Func, LabelSet, Location, Mapping, Profile } from '../model/profile.js';
import { fromBase64, toBase64 } from '../util/base64.js';
import { allSafeIntegers, decodeVarints, encodeVarints } from './varint.js';

/**
 * The model Profile (src/model/profile.ts) in the compact form the HTML page embeds in
 * `<script type="application/json" id="gr-profile">`, and back. Tables are JSON (functions and
 * locations as arrays, not objects); the samples' columns are base64:
 * - stacks interned as a trie from the root: node k (1-based; 0 is the root) has parent
 *   `k - parentDelta[k]` and location `loc[k]`; sample i's stack is the path from its node
 *   `node[i]` up to the root, which is leaf first as the model keeps it. Samples share their
 *   callers' frames, so the trie holds far fewer frames than the samples' stacks;
 * - each of these, and each sample type's values when they are all integers (zigzag for
 *   negatives), as LEB128 varints; values that are not integers as little-endian float64;
 * - the label-set index per sample, omitted when every sample has the empty set.
 * Nothing here is lossy: decodeProfile(encodeProfile(p)) holds the same samples in the same order.
 */
export interface EncodedProfile {
  v: 1;
  sampleTypes: Profile['sampleTypes'];
  defaultSampleType: string;
  periodType: Profile['periodType'];
  period: number;
  timeNanos: number;
  durationNanos: number;
  comments: string[];
  dropFrames: string;
  keepFrames: string;
  /** [name, systemName (0 when the same as name), filename, startLine]. */
  functions: [string, string | 0, string, number][];
  /** [address, mapping, isFolded (0/1), [func, line, column]...]. */
  locations: [number, number, number, ...[number, number, number][]][];
  mappings: Mapping[];
  labelSets: LabelSet[];
  meta: Profile['meta'];
  samples: {
    count: number;
    trieNodes: number;
    parentDelta: string;
    loc: string;
    node: string;
    /** Per sample type: varints ("v"), zigzag varints ("z") or float64 ("f"), base64. */
    values: { enc: 'v' | 'z' | 'f'; data: string }[];
    labelSet?: string;
  };
}

export function encodeProfile(p: Profile): EncodedProfile {
  const s = p.samples;
  const nt = p.sampleTypes.length;
  // The trie: a child's key is parent * (locations + 1) + location (below 2^53 for any real profile).
  const L = p.locations.length + 1;
  const children = new Map<number, number>();
  const parents: number[] = [0];
  const locs: number[] = [0];
  const node = new Uint32Array(s.count);
  for (let i = 0; i < s.count; i++) {
    let at = 0;
    for (let k = s.stackStart[i + 1]! - 1; k >= s.stackStart[i]!; k--) {
      const loc = s.locs[k]!;
      const key = at * L + loc;
      let next = children.get(key);
      if (next === undefined) {
        next = parents.length;
        children.set(key, next);
        parents.push(at);
        locs.push(loc);
      }
      at = next;
    }
    node[i] = at;
  }
  const deltas = parents.map((q, k) => k - q);
  const values: EncodedProfile['samples']['values'] = [];
  for (let j = 0; j < nt; j++) {
    const col = new Float64Array(s.count);
    for (let i = 0; i < s.count; i++) col[i] = s.values[i * nt + j]!;
    if (allSafeIntegers(col)) {
      const negative = col.some((x) => x < 0);
      values.push({ enc: negative ? 'z' : 'v', data: toBase64(encodeVarints(col, negative)) });
    } else {
      values.push({ enc: 'f', data: toBase64(littleEndianFloats(col)) });
    }
  }
  const anyLabels = s.labelSet.some((x) => x !== 0);
  return {
    v: 1,
    sampleTypes: p.sampleTypes,
    defaultSampleType: p.defaultSampleType,
    periodType: p.periodType,
    period: p.period,
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    comments: p.comments,
    dropFrames: p.dropFrames,
    keepFrames: p.keepFrames,
    functions: p.functions.map((f) => [f.name, f.systemName === f.name ? 0 : f.systemName, f.filename, f.startLine]),
    locations: p.locations.map((l) => [l.address, l.mapping, l.isFolded ? 1 : 0, ...l.lines.map((x): [number, number, number] => [x.func, x.line, x.column])]),
    mappings: p.mappings,
    labelSets: s.labelSets,
    meta: p.meta,
    samples: {
      count: s.count,
      trieNodes: parents.length,
      parentDelta: toBase64(encodeVarints(deltas)),
      loc: toBase64(encodeVarints(locs)),
      node: toBase64(encodeVarints(node)),
      values,
      ...(anyLabels ? { labelSet: toBase64(encodeVarints(s.labelSet)) } : {}),
    },
  };
}

export function decodeProfile(e: EncodedProfile): Profile {
  if (e.v !== 1) throw new Error(`embedded profile: unknown encoding version ${String(e.v)}`);
  const es = e.samples;
  const n = es.count;
  const nt = e.sampleTypes.length;
  const parent = new Uint32Array(es.trieNodes);
  decodeVarints(fromBase64(es.parentDelta), es.trieNodes, parent);
  for (let k = 0; k < es.trieNodes; k++) parent[k] = k - parent[k]!;
  const trieLoc = new Uint32Array(es.trieNodes);
  decodeVarints(fromBase64(es.loc), es.trieNodes, trieLoc);
  const depth = new Uint32Array(es.trieNodes);
  for (let k = 1; k < es.trieNodes; k++) depth[k] = depth[parent[k]!]! + 1;
  const node = new Uint32Array(n);
  decodeVarints(fromBase64(es.node), n, node);
  const stackStart = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) stackStart[i + 1] = stackStart[i]! + depth[node[i]!]!;
  const total = stackStart[n]!;
  // The decoder's rule (src/model/profile.ts): 16 bits each when the locations fit.
  const locs = e.locations.length <= 65_536 ? new Uint16Array(total) : new Uint32Array(total);
  let o = 0;
  for (let i = 0; i < n; i++) for (let k = node[i]!; k !== 0; k = parent[k]!) locs[o++] = trieLoc[k]!;
  const values = new Float64Array(n * nt);
  const col = new Float64Array(n);
  e.samples.values.forEach((c, j) => {
    const b = fromBase64(c.data);
    if (c.enc === 'f') col.set(new Float64Array(floatsFromLittleEndian(b, n)));
    else decodeVarints(b, n, col, c.enc === 'z');
    for (let i = 0; i < n; i++) values[i * nt + j] = col[i]!;
  });
  const labelSet = new Uint32Array(n);
  if (es.labelSet !== undefined) decodeVarints(fromBase64(es.labelSet), n, labelSet);
  const functions: Func[] = e.functions.map(([name, sys, filename, startLine]) => ({ name, systemName: sys === 0 ? name : sys, filename, startLine }));
  const locations: Location[] = e.locations.map(([address, mapping, folded, ...lines]) => ({
    address,
    mapping,
    isFolded: folded === 1,
    lines: lines.map(([func, line, column]) => ({ func, line, column })),
  }));
  return {
    sampleTypes: e.sampleTypes,
    defaultSampleType: e.defaultSampleType,
    periodType: e.periodType,
    period: e.period,
    timeNanos: e.timeNanos,
    durationNanos: e.durationNanos,
    comments: e.comments,
    dropFrames: e.dropFrames,
    keepFrames: e.keepFrames,
    functions,
    locations,
    mappings: e.mappings,
    samples: { count: n, stackStart, locs, values, labelSet, labelSets: e.labelSets },
    meta: e.meta,
  };
}

function littleEndianFloats(col: Float64Array): Uint8Array {
  const b = new Uint8Array(col.length * 8);
  const v = new DataView(b.buffer);
  for (let i = 0; i < col.length; i++) v.setFloat64(i * 8, col[i]!, true);
  return b;
}

function floatsFromLittleEndian(b: Uint8Array, n: number): Float64Array {
  if (b.length < n * 8) throw new Error('embedded profile: truncated column');
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = v.getFloat64(i * 8, true);
  return out;
}
