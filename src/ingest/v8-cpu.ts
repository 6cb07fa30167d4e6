import { fileURLToPath } from 'node:url';
import type { Func, Location, Profile } from '../model/profile.js';
import { SamplesBuilder } from '../model/samples-builder.js';

// V8 CPU profiles: what `node --cpu-prof` writes (`*.cpuprofile`) and Chrome DevTools saves. A
// tree of call frames (`nodes`, each with its `children`), the node each tick landed in (`samples`)
// and the microseconds between ticks (`timeDeltas`). Read as Chrome DevTools reads them: a tick
// lasts until the next one (the last one until `endTime`), ticks out of order are put in order.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

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

  // One function per (name, file, start line), one location per call frame.
  const functions: Func[] = [];
  const locations: Location[] = [];
  const funcKeys = new Map<string, number>();
  const locKeys = new Map<string, number>();
  const locOf = new Int32Array(nodes.length).fill(-1);
  nodes.forEach((n, i) => {
    const f = n.callFrame;
    const line = f.lineNumber >= 0 ? f.lineNumber + 1 : 0;
    const column = f.columnNumber >= 0 ? f.columnNumber + 1 : 0;
    // Unnamed functions are told apart by position, as @datadog/pprof names them.
    const name = f.functionName !== '' ? f.functionName : `(anonymous:L#${line}:C#${column})`;
    const file = fileName(f.url);
    const fk = `${name}\n${file}\n${line}`;
    let fi = funcKeys.get(fk);
    if (fi === undefined) {
      fi = functions.length;
      functions.push({ name, systemName: name, filename: file, startLine: line });
      funcKeys.set(fk, fi);
    }
    const lk = `${fi}\n${column}`;
    let li = locKeys.get(lk);
    if (li === undefined) {
      li = locations.length;
      locations.push({ address: 0, mapping: -1, lines: [{ func: fi, line, column }], isFolded: false });
      locKeys.set(lk, li);
    }
    locOf[i] = li;
  });

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
      // The tree's root is not a frame, unless a tick landed in it.
      if (parent[x] === -1 && nodes[x]!.callFrame.functionName === ROOT && x !== i) break;
      stack.push(locOf[x]!);
    }
    builder.add(stack, [ticks[i]!, nanos[i]!]);
  }
  const interval = medianDelta(json.timeDeltas);
  return {
    sampleTypes: [
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ],
    defaultSampleType: 'wall',
    periodType: { type: 'wall', unit: 'nanoseconds' },
    period: interval * 1000,
    // startTime is a monotonic clock, not a date: no `Time:` line.
    timeNanos: 0,
    durationNanos: Math.max(0, json.endTime - json.startTime) * 1000,
    comments: [],
    dropFrames: '',
    keepFrames: '',
    functions,
    locations,
    mappings: [],
    samples: builder.finish(),
    meta: { format: 'v8-cpu', sources: [], memStats: [], notes: ['V8 CPU profile (node --cpu-prof): wall time of the sampled thread; (idle) is time spent waiting'] },
  };
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

/** A script's URL as a path where it is a file, else as given (`node:internal/…`, `https://…`, ""). */
function fileName(url: string): string {
  if (!url.startsWith('file:')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

function parseJson(text: string): CpuProfileJson {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`bad V8 CPU profile JSON: ${(e as Error).message}`);
  }
  // The inspector's Profiler.stop answers { profile: {…} }: saved as is, it is read the same.
  const wrapped = v as { profile?: unknown } | null;
  const o = (wrapped && typeof wrapped === 'object' && wrapped.profile && typeof wrapped.profile === 'object' ? wrapped.profile : v) as Partial<CpuProfileJson>;
  if (!o || typeof o !== 'object' || !Array.isArray(o.nodes)) throw new Error('not a V8 CPU profile: no "nodes" array');
  const samples = o.samples ?? [];
  const deltas = o.timeDeltas ?? [];
  if (!Array.isArray(samples) || !Array.isArray(deltas) || samples.length !== deltas.length) {
    throw new Error('V8 CPU profile: "samples" and "timeDeltas" must be arrays of the same length');
  }
  if (!isNum(o.startTime) || !isNum(o.endTime)) throw new Error('V8 CPU profile: "startTime" and "endTime" must be numbers');
  for (const n of o.nodes) {
    const f = n?.callFrame;
    if (!n || !isNum(n.id) || !f || typeof f.functionName !== 'string' || typeof f.url !== 'string' || !isNum(f.lineNumber) || !isNum(f.columnNumber)) {
      throw new Error('V8 CPU profile: a node without an id or a complete callFrame');
    }
    if (n.children !== undefined && !(Array.isArray(n.children) && n.children.every(isNum))) throw new Error(`V8 CPU profile: node ${n.id} has bad children`);
  }
  if (!samples.every(isNum) || !deltas.every(isNum)) throw new Error('V8 CPU profile: "samples" and "timeDeltas" must hold numbers');
  return { nodes: o.nodes, startTime: o.startTime, endTime: o.endTime, samples, timeDeltas: deltas };
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
