import type { Profile } from '../model/profile.js';
import { SamplesBuilder } from '../model/samples-builder.js';
import { FrameTable, isCallFrame, isNum, isSafeQuantity, MAX_V8_DEPTH, parseV8Json, v8Profile, type CallFrame } from './v8-frames.js';

// V8 CPU profiles: what `node --cpu-prof` writes (`*.cpuprofile`) and Chrome DevTools saves. A
// tree of call frames (`nodes`, each with its `children`), the node each tick landed in (`samples`)
// and the microseconds between ticks (`timeDeltas`). Read as Chrome DevTools reads them: a tick
// lasts until the next one (the last one until `endTime`), ticks out of order are put in order.

interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfileJson {
  nodes: CpuNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The tree's root pseudo-frame. `(program)`, `(idle)` and `(garbage collector)` stay as frames. */
const ROOT = '(root)';

export function parseV8CpuProfile(text: string): Profile {
  const json = parseJson(text);
  const nodes = json.nodes;
  const byId = new Map<number, number>();
  nodes.forEach((n, i) => {
    if (byId.has(n.id)) throw new Error(`V8 CPU profile: node id ${n.id} appears twice`);
    byId.set(n.id, i);
  });
  const parent = new Int32Array(nodes.length).fill(-1);
  nodes.forEach((n, i) => {
    for (const c of n.children ?? []) {
      const ci = byId.get(c);
      if (ci === undefined) throw new Error(`V8 CPU profile: node ${n.id} has an unknown child ${c}`);
      if (parent[ci] !== -1) throw new Error(`V8 CPU profile: node ${c} has two parents`);
      parent[ci] = i;
    }
  });

  const frames = new FrameTable();
  const locOf = nodes.map((n) => frames.locationOf(n.callFrame));

  // Ticks → per-node tick count and time (ns); every tick in one node has the same stack.
  const ticks = new Float64Array(nodes.length);
  const nanos = new Float64Array(nodes.length);
  const { order, at } = tickTimes(json);
  for (let k = 0; k < order.length; k++) {
    const s = order[k]!;
    const ni = byId.get(json.samples[s]!);
    if (ni === undefined) throw new Error(`V8 CPU profile: a sample names an unknown node ${json.samples[s]}`);
    const next = k + 1 < order.length ? at[order[k + 1]!]! : json.endTime;
    ticks[ni] += 1;
    nanos[ni] += Math.max(0, next - at[s]!) * 1000;
  }

  const builder = new SamplesBuilder(2);
  const stack: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (ticks[i] === 0) continue;
    stack.length = 0;
    for (let x = i; x >= 0; x = parent[x]!) {
      if (stack.length > nodes.length) throw new Error('V8 CPU profile: the node tree has a cycle');
      if (stack.length >= MAX_V8_DEPTH) throw new Error(`V8 CPU profile: a stack deeper than ${MAX_V8_DEPTH} frames`);
      // The tree's root is not a frame, unless a tick landed in it.
      if (parent[x] === -1 && nodes[x]!.callFrame.functionName === ROOT && x !== i) break;
      stack.push(locOf[x]!);
    }
    builder.add(stack, [ticks[i]!, nanos[i]!]);
  }
  return v8Profile({
    format: 'v8-cpu',
    value: { type: 'wall', unit: 'nanoseconds' },
    periodType: { type: 'wall', unit: 'nanoseconds' },
    period: medianDelta(json.timeDeltas) * 1000,
    durationNanos: Math.max(0, json.endTime - json.startTime) * 1000,
    frames,
    samples: builder.finish(),
    note: 'V8 CPU profile (node --cpu-prof): wall time of the sampled thread; (idle) is time spent waiting',
  });
}

/** Each tick's time (µs), and the ticks in time order (V8 occasionally records one out of order). */
function tickTimes(json: CpuProfileJson): { order: number[]; at: Float64Array } {
  const n = json.samples.length;
  const at = new Float64Array(n);
  let t = json.startTime;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    t += json.timeDeltas[i]!;
    at[i] = t;
    if (i > 0 && at[i]! < at[i - 1]!) sorted = false;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  if (!sorted) order.sort((a, b) => at[a]! - at[b]! || a - b);
  return { order, at };
}

function medianDelta(deltas: number[]): number {
  const d = deltas.filter((x) => x > 0).sort((a, b) => a - b);
  return d.length > 0 ? d[d.length >> 1]! : 0;
}

function parseJson(text: string): CpuProfileJson {
  const o = parseV8Json(text, 'V8 CPU profile') as Partial<CpuProfileJson>;
  if (!Array.isArray(o.nodes)) throw new Error('not a V8 CPU profile: no "nodes" array');
  const samples = o.samples ?? [];
  const deltas = o.timeDeltas ?? [];
  if (!Array.isArray(samples) || !Array.isArray(deltas) || samples.length !== deltas.length) {
    throw new Error('V8 CPU profile: "samples" and "timeDeltas" must be arrays of the same length');
  }
  if (!isNum(o.startTime) || !isNum(o.endTime)) throw new Error('V8 CPU profile: "startTime" and "endTime" must be numbers');
  for (const n of o.nodes) {
    if (!n || !isNum(n.id) || !isCallFrame(n.callFrame)) {
      throw new Error('V8 CPU profile: a node without an id or a complete callFrame');
    }
    if (n.children !== undefined && !(Array.isArray(n.children) && n.children.every(isNum))) throw new Error(`V8 CPU profile: node ${n.id} has bad children`);
  }
  if (!samples.every(isNum) || !deltas.every(isNum)) throw new Error('V8 CPU profile: "samples" and "timeDeltas" must hold numbers');
  if (!isSafeQuantity(o.startTime) || !isSafeQuantity(o.endTime) || !deltas.every(isSafeQuantity)) {
    throw new Error('V8 CPU profile: "startTime", "endTime" and "timeDeltas" must be microseconds within ±2^53');
  }
  return { nodes: o.nodes, startTime: o.startTime, endTime: o.endTime, samples, timeDeltas: deltas };
}
